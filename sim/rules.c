// SPDX-License-Identifier: MIT
/* rules.c: parsing and matching of medium rules. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

const char *sim_rule_action_name(enum sim_rule_action a)
{
	switch (a) {
	case SIM_RULE_DROP:
		return "drop";
	case SIM_RULE_DELAY:
		return "delay";
	case SIM_RULE_DUPLICATE:
		return "duplicate";
	case SIM_RULE_CORRUPT:
		return "corrupt";
	}
	return "?";
}

static int parse_addr(const char *v, sim_name_resolver res, void *ctx,
		      uint8_t mac[ETH_ALEN])
{
	if (mac_parse(v, mac) == 0)
		return 0;
	if (res && res(v, mac, ctx) == 0)
		return 0;
	return -ENOENT;
}

int sim_rule_parse(int argc, char **argv, sim_name_resolver res, void *res_ctx,
		   struct sim_rule *r, char *err, size_t errlen)
{
	char *end;

	memset(r, 0, sizeof(*r));
	r->type = -1;
	r->subtype = -1;
	r->prob = 1.0;
	if (argc < 1) {
		snprintf(err, errlen, "expected an action: drop, delay=MS, duplicate or corrupt");
		return -EINVAL;
	}
	if (!strcmp(argv[0], "drop")) {
		r->action = SIM_RULE_DROP;
	} else if (!strcmp(argv[0], "duplicate")) {
		r->action = SIM_RULE_DUPLICATE;
	} else if (!strcmp(argv[0], "corrupt")) {
		r->action = SIM_RULE_CORRUPT;
	} else if (!strncmp(argv[0], "delay=", 6)) {
		unsigned long ms = strtoul(argv[0] + 6, &end, 10);

		if (argv[0][6] == '\0' || (*end && strcmp(end, "ms")) || ms > 60000) {
			snprintf(err, errlen, "delay= expects milliseconds 0..60000, got '%s'",
				 argv[0] + 6);
			return -EINVAL;
		}
		r->action = SIM_RULE_DELAY;
		r->delay_ms = (uint32_t)ms;
	} else {
		snprintf(err, errlen, "expected an action: drop, delay=MS, duplicate or corrupt, got '%s'",
			 argv[0]);
		return -EINVAL;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		char key[32];
		const char *v;

		if (!eq || (size_t)(eq - argv[i]) >= sizeof(key)) {
			snprintf(err, errlen, "expected key=value, got '%s'", argv[i]);
			return -EINVAL;
		}
		memcpy(key, argv[i], eq - argv[i]);
		key[eq - argv[i]] = '\0';
		v = eq + 1;
		if (!strcmp(key, "type")) {
			if (sim_frame_type_parse(v, &r->type)) {
				snprintf(err, errlen, "type= expects mgmt, ctrl or data, got '%s'", v);
				return -EINVAL;
			}
		} else if (!strcmp(key, "subtype")) {
			int t = r->type;

			if (sim_frame_subtype_parse(v, &t, &r->subtype)) {
				snprintf(err, errlen, "subtype= expects a name (beacon, auth, qos-data...) or 0..15, got '%s'", v);
				return -EINVAL;
			}
			r->type = t;
		} else if (!strcmp(key, "eapol")) {
			if (sim_eapol_parse(v, &r->eapol)) {
				snprintf(err, errlen, "eapol= expects 1, 2, 3, 4, g1, g2 or any, got '%s'", v);
				return -EINVAL;
			}
			r->match_eapol = true;
		} else if (!strcmp(key, "src") || !strcmp(key, "dst")) {
			bool src = key[0] == 's';

			if (parse_addr(v, res, res_ctx, src ? r->src : r->dst)) {
				snprintf(err, errlen, "%s= expects a node name or MAC, got '%s'", key, v);
				return -EINVAL;
			}
			if (src)
				r->has_src = true;
			else
				r->has_dst = true;
		} else if (!strcmp(key, "prob")) {
			r->prob = strtod(v, &end);
			if (*v == '\0' || (*end && strcmp(end, "%")) || r->prob < 0) {
				snprintf(err, errlen, "prob= expects 0..1 or a percentage, got '%s'", v);
				return -EINVAL;
			}
			if (*end == '%')
				r->prob /= 100.0;
			if (r->prob > 1.0) {
				snprintf(err, errlen, "prob= expects 0..1 or a percentage, got '%s'", v);
				return -EINVAL;
			}
		} else if (!strcmp(key, "count")) {
			long c = strtol(v, &end, 10);

			if (*v == '\0' || *end || c < 0 || c > 1000000) {
				snprintf(err, errlen, "count= expects a number >= 0, got '%s'", v);
				return -EINVAL;
			}
			r->count = (int)c;
		} else {
			snprintf(err, errlen, "unknown rule key '%s' (expected type, subtype, eapol, src, dst, prob, count)",
				 key);
			return -EINVAL;
		}
	}
	r->remaining = r->count;
	return 0;
}

void sim_rules_init(struct sim_rules *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void sim_rules_free(struct sim_rules *rs)
{
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

int sim_rules_add(struct sim_rules *rs, const struct sim_rule *r)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 8;
		struct sim_rule *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	rs->v[rs->n++] = *r;
	return 0;
}

void sim_rules_clear(struct sim_rules *rs)
{
	rs->n = 0;
}

bool sim_rule_matches(const struct sim_rule *r, const struct sim_frame_info *fi,
		      const uint8_t tx[ETH_ALEN])
{
	const uint8_t *src = fi->a2 ? fi->a2 : tx;

	if (r->type >= 0 && r->type != fi->type)
		return false;
	if (r->subtype >= 0 && r->subtype != fi->subtype)
		return false;
	if (r->match_eapol) {
		if (fi->eapol == EAPOL_MSG_UNKNOWN)
			return false;
		if (r->eapol != EAPOL_MSG_UNKNOWN && r->eapol != fi->eapol)
			return false;
	}
	if (r->has_src && !mac_equal(r->src, src) && !mac_equal(r->src, tx))
		return false;
	if (r->has_dst && !mac_equal(r->dst, fi->a1))
		return false;
	return true;
}

void sim_rules_apply(struct sim_rules *rs, const struct sim_frame_info *fi,
		     const uint8_t tx[ETH_ALEN], struct rng *rng,
		     struct sim_rule_verdict *v)
{
	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < rs->n; i++) {
		struct sim_rule *r = &rs->v[i];

		if (r->count && r->remaining <= 0)
			continue;
		if (!sim_rule_matches(r, fi, tx))
			continue;
		if (r->prob < 1.0 && rng_uniform(rng) >= r->prob)
			continue;
		if (r->count)
			r->remaining--;
		r->hits++;
		v->rule_line = r->line;
		switch (r->action) {
		case SIM_RULE_DROP:
			v->drop = true;
			break;
		case SIM_RULE_DELAY:
			v->delay_ms += r->delay_ms;
			break;
		case SIM_RULE_DUPLICATE:
			v->duplicates++;
			break;
		case SIM_RULE_CORRUPT:
			v->corrupt = true;
			break;
		}
	}
}
