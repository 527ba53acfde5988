// SPDX-License-Identifier: MIT
/* topo.c: the topology file parser. Every error names file:line and what
 * was expected there. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_priv.h"

#define MAX_TOKENS 96
#define MAX_EXPAND 64

static int parse_double(const char *s, double *out)
{
	char *end;

	if (!*s)
		return -EINVAL;
	*out = strtod(s, &end);
	return *end ? -EINVAL : 0;
}

static int parse_point(const char *s, struct sim_point *pt)
{
	char buf[64];
	char *comma;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	comma = strchr(buf, ',');
	if (!comma)
		return -EINVAL;
	*comma = '\0';
	if (parse_double(buf, &pt->x) || parse_double(comma + 1, &pt->y))
		return -EINVAL;
	return 0;
}

/* Split a line into tokens in place; double quotes group, '#' outside
 * quotes starts a comment. Returns the token count or -1 on an unclosed
 * quote, -2 on too many tokens. */
static int tokenize(char *s, char **tok, int max)
{
	int n = 0;
	char *w = s;

	while (*s) {
		bool q = false;

		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		if (!*s || *s == '#')
			break;
		if (n == max)
			return -2;
		tok[n++] = w;
		while (*s && (q || (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n'))) {
			if (*s == '"') {
				q = !q;
				s++;
				continue;
			}
			if (!q && *s == '#')
				break;
			*w++ = *s++;
		}
		if (q)
			return -1;
		if (*s == '#') {
			*w = '\0';
			break;
		}
		if (*s)
			s++;
		*w++ = '\0';
	}
	return n;
}

/* "s{1..3}x" -> s1x s2x s3x. Returns count or -EINVAL. */
static int expand_name(const char *in, char out[][SIM_NAME_MAX], int max)
{
	const char *lb = strchr(in, '{');
	const char *rb;
	long a, b;
	char *end;
	int n = 0;

	if (!lb) {
		if (strlen(in) >= SIM_NAME_MAX || !*in)
			return -EINVAL;
		strcpy(out[0], in);
		return 1;
	}
	rb = strchr(lb, '}');
	if (!rb)
		return -EINVAL;
	a = strtol(lb + 1, &end, 10);
	if (end == lb + 1 || strncmp(end, "..", 2))
		return -EINVAL;
	b = strtol(end + 2, &end, 10);
	if (end != rb || a < 0 || b < a || b - a + 1 > max)
		return -EINVAL;
	for (long i = a; i <= b; i++) {
		int len = snprintf(out[n], SIM_NAME_MAX, "%.*s%ld%s", (int)(lb - in), in,
				   i, rb + 1);

		if (len <= 0 || len >= SIM_NAME_MAX)
			return -EINVAL;
		n++;
	}
	return n;
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			return false;
	/* interface and namespace names: at most 15 characters */
	return strlen(s) <= 15;
}

static int add_kv(struct sim_node_cfg *n, const char *k, const char *v, int line)
{
	struct sim_kv *kv = realloc(n->kv, (n->n_kv + 1) * sizeof(*kv));

	if (!kv)
		return -ENOMEM;
	n->kv = kv;
	kv[n->n_kv].key = strdup(k);
	kv[n->n_kv].value = strdup(v);
	kv[n->n_kv].line = line;
	if (!kv[n->n_kv].key || !kv[n->n_kv].value) {
		free(kv[n->n_kv].key);
		free(kv[n->n_kv].value);
		return -ENOMEM;
	}
	n->n_kv++;
	return 0;
}

static void node_cfg_free(struct sim_node_cfg *n)
{
	for (size_t i = 0; i < n->n_kv; i++) {
		free(n->kv[i].key);
		free(n->kv[i].value);
	}
	free(n->kv);
	free(n->conf);
}

/* One key=value of a node line into base. Returns 0, -EINVAL (recorded;
 * the line goes on with its next key) or -ENOMEM. */
static int node_key(struct pctx *p, struct sim_node_cfg *base, struct sim_point *step,
		    bool *has_pos, char *kv)
{
	enum sim_role role = base->role;
	char *eq = strchr(kv, '=');
	const char *v;

	p->key = kv;
	if (!eq || eq == kv)
		return sim_fail(p, "expected key=value, got '%s'", kv);
	*eq = '\0';
	v = eq + 1;
	if (!strcmp(kv, "pos")) {
		*has_pos = true;	/* a bad one is reported once, here */
		if (parse_point(v, &base->pos))
			return sim_fail(p, "expected X,Y in metres, got '%s'", v);
	} else if (!strcmp(kv, "step")) {
		if (parse_point(v, step))
			return sim_fail(p, "expected DX,DY in metres, got '%s'", v);
	} else if (!strcmp(kv, "impl")) {
		if (!strcmp(v, "roamlab"))
			base->impl = SIM_IMPL_ROAMLAB;
		else if (role == SIM_ROLE_AP && !strcmp(v, "hostapd"))
			base->impl = SIM_IMPL_HOSTAPD;
		else if (role == SIM_ROLE_STA && !strcmp(v, "wpa_supplicant"))
			base->impl = SIM_IMPL_WPA_SUPPLICANT;
		else if (role == SIM_ROLE_STA && !strcmp(v, "iwd"))
			base->impl = SIM_IMPL_IWD;
		else
			return sim_fail(p, "expected roamlab or %s for %s, got '%s'",
					role == SIM_ROLE_AP ? "hostapd" : "wpa_supplicant or iwd",
					sim_role_name(role), v);
	} else if (!strcmp(kv, "conf")) {
		free(base->conf);
		base->conf = strdup(v);
		if (!base->conf)
			return -ENOMEM;
	} else if (!strcmp(kv, "state")) {
		if (!strcmp(v, "up"))
			base->start_down = false;
		else if (!strcmp(v, "down"))
			base->start_down = true;
		else
			return sim_fail(p, "expected up or down, got '%s'", v);
	} else if (!strcmp(kv, "txpower")) {
		if (parse_double(v, &base->txpower_dbm) || base->txpower_dbm < -30 ||
		    base->txpower_dbm > 40)
			return sim_fail(p, "expected dBm in -30..40, got '%s'", v);
	} else if ((role == SIM_ROLE_STA && !strncmp(kv, "set.", 4) && kv[4]) ||
		   sim_inline_key_known(role, kv)) {
		/* values are checked with the programs' rules once the line is read */
		return add_kv(base, kv, v, p->line);
	} else {
		return sim_fail(p, "unknown %s key (expected pos, impl, conf, state, txpower, step%s or a %s key)",
				sim_role_name(role), role == SIM_ROLE_STA ? ", set.KNOB" : "",
				role == SIM_ROLE_AP ? "hostapd.conf" : "wpa_supplicant.conf network");
	}
	return 0;
}

/* Add the nodes of a line (one, or a {A..B} range). */
static int add_nodes(struct pctx *p, const struct sim_node_cfg *base, struct sim_point step,
		     char names[][SIM_NAME_MAX], int nn)
{
	p->key = "name";
	for (int k = 0; k < nn; k++) {
		struct sim_node_cfg *n;
		struct sim_node_cfg *nodes;
		int prev = sim_topo_find(p->t, names[k]);

		if (!valid_name(names[k])) {
			sim_fail(p, "bad node name '%s' (expected 1..15 letters, digits, - or _)",
				 names[k]);
			continue;
		}
		if (prev >= 0) {
			sim_fail(p, "node '%s' is already defined (line %d)", names[k],
				 p->t->nodes[prev].line);
			continue;
		}
		if (!strcmp(names[k], "ds") || !strcmp(names[k], "server")) {
			sim_fail(p, "'%s' is a reserved name", names[k]);
			continue;
		}
		if (p->t->n_nodes >= SIM_NODES_MAX)
			return sim_fail(p, "too many nodes (at most %d)", SIM_NODES_MAX);
		nodes = realloc(p->t->nodes, (p->t->n_nodes + 1) * sizeof(*nodes));
		if (!nodes)
			return -ENOMEM;
		p->t->nodes = nodes;
		n = &nodes[p->t->n_nodes];
		*n = *base;
		n->kv = NULL;
		n->n_kv = 0;
		n->conf = base->conf ? strdup(base->conf) : NULL;
		for (size_t j = 0; j < base->n_kv; j++)
			if (add_kv(n, base->kv[j].key, base->kv[j].value, base->kv[j].line)) {
				node_cfg_free(n);
				return -ENOMEM;
			}
		strcpy(n->name, names[k]);
		n->pos.x = base->pos.x + step.x * k;
		n->pos.y = base->pos.y + step.y * k;
		sim_name_mac(n->name, n->mac);
		/* keep MACs unique even if two names collide in the hash */
		for (size_t j = 0; j < p->t->n_nodes; j++)
			if (!memcmp(nodes[j].mac, n->mac, 6)) {
				n->mac[5]++;
				j = (size_t)-1;
			}
		p->t->n_nodes++;
	}
	return 0;
}

/* A node line. Every bad key is reported; the node is still declared (if
 * its name is good) so later lines that name it are checked too. */
static int parse_node(struct pctx *p, enum sim_role role, int ntok, char **tok)
{
	char names[MAX_EXPAND][SIM_NAME_MAX];
	struct sim_point step = { 0, 0 };
	struct sim_node_cfg base;
	bool has_pos = false;
	int nn, ret = 0;

	if (ntok < 2)
		return sim_fail(p, "expected '%s NAME pos=X,Y ...'", sim_role_name(role));
	memset(&base, 0, sizeof(base));
	base.role = role;
	base.impl = SIM_IMPL_ROAMLAB;
	base.txpower_dbm = 20.0;
	base.line = p->line;
	for (int i = 2; i < ntok; i++) {
		ret = node_key(p, &base, &step, &has_pos, tok[i]);
		if (ret == -ENOMEM)
			goto cleanup;
	}
	p->key = "pos";
	if (!has_pos)
		sim_fail(p, "%s %s: expected pos=X,Y", sim_role_name(role), tok[1]);
	p->key = "ssid";
	if (!base.conf && !sim_kv_get(&base, "ssid"))
		sim_fail(p, "%s %s: expected ssid= or conf=", sim_role_name(role), tok[1]);
	sim_check_node_keys(p, &base);
	p->key = "name";
	nn = expand_name(tok[1], names, MAX_EXPAND);
	if (nn < 0)
		ret = sim_fail(p, "bad node name '%s' (expected letters, digits, - and _, or a {A..B} range of at most %d)",
			       tok[1], MAX_EXPAND);
	else
		ret = add_nodes(p, &base, step, names, nn);
cleanup:
	node_cfg_free(&base);
	return ret;
}

static int medium_key(struct pctx *p, char *kv)
{
	struct sim_model *m = &p->t->model;
	char *eq = strchr(kv, '=');
	const char *v;
	double d;

	p->key = kv;
	if (!eq || eq == kv)
		return sim_fail(p, "expected key=value, got '%s'", kv);
	*eq = '\0';
	v = eq + 1;
	if (!strcmp(kv, "model")) {
		if (sim_model_kind_parse(v, &m->kind))
			return sim_fail(p, "expected free-space or log-distance, got '%s'", v);
		return 0;
	}
	if (!strcmp(kv, "seed")) {
		char *end;
		unsigned long long s = strtoull(v, &end, 0);

		if (!*v || *end)
			return sim_fail(p, "expected a number, got '%s'", v);
		m->seed = s;
		p->t->seed_set = true;
		return 0;
	}
	if (parse_double(v, &d))
		return sim_fail(p, "expected a number, got '%s'", v);
	if (!strcmp(kv, "exponent")) {
		if (d < 1.0 || d > 8.0)
			return sim_fail(p, "expected 1..8, got '%s'", v);
		m->exponent = d;
	} else if (!strcmp(kv, "ref_loss")) {
		if (d < 0 || d > 150)
			return sim_fail(p, "expected 0..150 dB, got '%s'", v);
		m->ref_loss_db = d;
	} else if (!strcmp(kv, "ref_dist")) {
		if (d <= 0)
			return sim_fail(p, "expected metres > 0, got '%s'", v);
		m->ref_dist_m = d;
	} else if (!strcmp(kv, "shadowing")) {
		if (d < 0 || d > 30)
			return sim_fail(p, "expected sigma 0..30 dB, got '%s'", v);
		m->shadowing_db = d;
	} else if (!strcmp(kv, "noise")) {
		if (d < -130 || d > -30)
			return sim_fail(p, "expected dBm -130..-30, got '%s'", v);
		m->noise_dbm = d;
	} else {
		return sim_fail(p, "unknown medium key '%s' (expected model, exponent, ref_loss, ref_dist, shadowing, noise, seed)",
			    kv);
	}
	return 0;
}

/* Every key of a medium line is checked. */
static int parse_medium(struct pctx *p, int ntok, char **tok)
{
	int ret = 0;

	for (int i = 1; i < ntok; i++)
		if (medium_key(p, tok[i]))
			ret = -EINVAL;
	return ret;
}

static int resolve_node(const char *name, uint8_t mac[6], void *ctx)
{
	struct sim_topo *t = ctx;
	int i = sim_topo_find(t, name);

	if (i < 0)
		return -ENOENT;
	memcpy(mac, t->nodes[i].mac, 6);
	return 0;
}

static int parse_rule(struct pctx *p, int ntok, char **tok, struct sim_rule *r)
{
	char msg[200];

	if (sim_rule_parse(ntok, tok, resolve_node, p->t, r, msg, sizeof(msg)))
		return sim_fail(p, "%s", msg);
	r->line = p->line;
	return 0;
}

/* "loss<=5%" -> word "loss", cmp, value; or word alone then OP VALUE in
 * the next tokens. Advances *i past what it consumed. */
static int add_ping(struct sim_topo *t, int sta, int dest, int line)
{
	struct sim_ping *v;

	for (size_t i = 0; i < t->n_pings; i++)
		if (t->pings[i].sta == sta && t->pings[i].dest == dest)
			return 0;
	v = realloc(t->pings, (t->n_pings + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	t->pings = v;
	v[t->n_pings].sta = sta;
	v[t->n_pings].dest = dest;
	v[t->n_pings].line = line;
	t->n_pings++;
	return 0;
}

static int push_step(struct sim_topo *t, const struct sim_step *s)
{
	struct sim_step *v = realloc(t->steps, (t->n_steps + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	t->steps = v;
	v[t->n_steps++] = *s;
	return 0;
}

static int push_expect(struct sim_topo *t, const struct sim_expect *e)
{
	struct sim_expect *v = realloc(t->expects, (t->n_expects + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	t->expects = v;
	v[t->n_expects++] = *e;
	return 0;
}

/* Parse the node-name argument of a step, which may be a {A..B} range. */
static int step_nodes(struct pctx *p, const char *arg, int *idx, int max)
{
	char names[MAX_EXPAND][SIM_NAME_MAX];
	int n = expand_name(arg, names, MAX_EXPAND);

	if (n < 0 || n > max)
		return sim_fail(p, "bad node name '%s'", arg);
	for (int i = 0; i < n; i++)
		if (sim_node_arg(p, names[i], &idx[i]))
			return -EINVAL;
	return n;
}

static void join(char *out, size_t len, int ntok, char **tok)
{
	size_t l = 0;

	out[0] = '\0';
	for (int i = 0; i < ntok && l < len; i++)
		l += snprintf(out + l, len - l, "%s%s", i ? " " : "", tok[i]);
}

/* "at T" counts from the start, "at +T" from the step above. A step runs
 * no earlier than the one above, so an absolute time below the earliest
 * time the step above can run goes backwards. */
static int time_order(struct pctx *p, const struct sim_step *s)
{
	if (s->rel) {
		p->t_floor += s->t_us;
		return 0;
	}
	if (p->in_repeat && p->repeat_n > 1)
		return sim_fail(p, "a time from the start repeats the same time on every pass; inside 'repeat' write +T");
	if (s->t_us < p->t_floor)
		return sim_fail(p, "%gs goes backwards: the steps above run until %gs or later (write +T for a time after the step above)",
				s->t_us / 1e6, p->t_floor / 1e6);
	p->t_floor = s->t_us;
	return 0;
}

static int parse_step(struct pctx *p, int ntok, char **tok)
{
	int nodes[MAX_EXPAND];
	struct sim_step s;
	int nn = 1, ret, i;
	const char *ts;

	memset(&s, 0, sizeof(s));
	s.line = p->line;
	s.node = -1;
	if (ntok < 3)
		return sim_fail(p, "expected 'at TIME STEP' (start, stop, move, walk, path, txpower, rule, rules, ctl, log, expect)");
	ts = tok[1];
	if (*ts == '+') {
		s.rel = true;
		ts++;
	}
	p->key = "at";
	if (sim_parse_duration(ts, &s.t_us))
		return sim_fail(p, "expected a time like 2s, 500ms or +1s, got '%s'", tok[1]);
	if (time_order(p, &s))
		return -EINVAL;
	tok += 2;
	ntok -= 2;
	const char *k = tok[0];

	p->key = k;

	if (!strcmp(k, "start") || !strcmp(k, "stop")) {
		s.kind = k[2] == 'a' ? SIM_STEP_START : SIM_STEP_STOP;
		if (ntok != 2)
			return sim_fail(p, "expected '%s NODE'", k);
		nn = step_nodes(p, tok[1], nodes, MAX_EXPAND);
	} else if (!strcmp(k, "move")) {
		s.kind = SIM_STEP_MOVE;
		if (ntok != 4 || strcmp(tok[2], "to") || parse_point(tok[3], &s.pts[0]))
			return sim_fail(p, "expected 'move NODE to X,Y'");
		s.npts = 1;
		nn = step_nodes(p, tok[1], nodes, MAX_EXPAND);
	} else if (!strcmp(k, "walk") || !strcmp(k, "path")) {
		s.kind = SIM_STEP_WALK;
		bool walk = k[0] == 'w';

		if (ntok < 5)
			return sim_fail(p, walk ? "expected 'walk NODE to X,Y speed V'" :
				    "expected 'path NODE X,Y X,Y... speed V'");
		i = 2;
		if (walk) {
			if (strcmp(tok[2], "to"))
				return sim_fail(p, "expected 'walk NODE to X,Y speed V'");
			i = 3;
		}
		for (; i < ntok && strcmp(tok[i], "speed"); i++) {
			if (s.npts == SIM_PATH_MAX)
				return sim_fail(p, "too many points (at most %d)", SIM_PATH_MAX);
			if (parse_point(tok[i], &s.pts[s.npts]))
				return sim_fail(p, "expected a point X,Y, got '%s'", tok[i]);
			s.npts++;
			if (walk && s.npts > 1)
				return sim_fail(p, "walk takes one destination; use 'path' for several");
		}
		if (s.npts == 0 || i + 2 != ntok || parse_double(tok[i + 1], &s.speed) ||
		    s.speed <= 0 || s.speed > 100)
			return sim_fail(p, "expected 'speed V' with V in m/s (0 < V <= 100) at the end");
		nn = step_nodes(p, tok[1], nodes, MAX_EXPAND);
	} else if (!strcmp(k, "txpower")) {
		s.kind = SIM_STEP_TXPOWER;
		if (ntok != 3 || parse_double(tok[2], &s.value) || s.value < -30 || s.value > 40)
			return sim_fail(p, "expected 'txpower NODE DBM' with DBM in -30..40");
		nn = step_nodes(p, tok[1], nodes, MAX_EXPAND);
	} else if (!strcmp(k, "rule")) {
		s.kind = SIM_STEP_RULE;
		ret = parse_rule(p, ntok - 1, tok + 1, &s.rule);
		if (ret)
			return ret;
		nn = 0;
	} else if (!strcmp(k, "rules")) {
		if (ntok != 2 || strcmp(tok[1], "clear"))
			return sim_fail(p, "expected 'rules clear'");
		s.kind = SIM_STEP_RULES_CLEAR;
		nn = 0;
	} else if (!strcmp(k, "ctl")) {
		s.kind = SIM_STEP_CTL;
		if (ntok < 3)
			return sim_fail(p, "expected 'ctl NODE COMMAND...'");
		join(s.text, sizeof(s.text), ntok - 2, tok + 2);
		nn = step_nodes(p, tok[1], nodes, MAX_EXPAND);
		for (i = 0; i < nn; i++)
			sim_check_ctl(p, &p->t->nodes[nodes[i]], ntok - 2, tok + 2);
	} else if (!strcmp(k, "log")) {
		s.kind = SIM_STEP_LOG;
		join(s.text, sizeof(s.text), ntok - 1, tok + 1);
		nn = 0;
	} else if (!strcmp(k, "expect")) {
		char names[MAX_EXPAND][SIM_NAME_MAX];
		int ne = ntok > 1 ? expand_name(tok[1], names, MAX_EXPAND) : 1;
		char *orig = ntok > 1 ? tok[1] : NULL;

		if (ne < 0)
			return sim_fail(p, "bad node name '%s'", tok[1]);
		s.kind = SIM_STEP_EXPECT;
		for (i = 0; i < ne; i++) {
			struct sim_step c = s;

			if (orig && strchr(orig, '{'))
				tok[1] = names[i];
			ret = sim_parse_expect(p, ntok, tok, true, &c.ex);
			if (ret)
				return ret;
			c.node = c.ex.node;
			if (i > 0) {
				c.rel = true;
				c.t_us = 0;
			}
			ret = push_step(p->t, &c);
			if (ret)
				return ret;
		}
		return 0;
	} else {
		return sim_fail(p, "unknown step '%s' (expected start, stop, move, walk, path, txpower, rule, rules, ctl, log or expect)",
			    k);
	}
	if (nn < 0)
		return nn;
	if (nn == 0)
		return push_step(p->t, &s);
	for (i = 0; i < nn; i++) {
		struct sim_step c = s;

		c.node = nodes[i];
		if (i > 0) {
			c.rel = true;
			c.t_us = 0;
		}
		if ((c.kind == SIM_STEP_START || c.kind == SIM_STEP_STOP) &&
		    sim_need_role(p, c.node, SIM_ROLE_AP, k))
			return -EINVAL;
		ret = push_step(p->t, &c);
		if (ret)
			return ret;
	}
	return 0;
}

static void swap_node(int *n, int a, int b)
{
	if (*n == a)
		*n = b;
	else if (*n == b)
		*n = a;
}

static void swap_mac(struct sim_topo *t, bool has, uint8_t *mac, int a, int b)
{
	if (!has)
		return;
	if (!memcmp(mac, t->nodes[a].mac, 6))
		memcpy(mac, t->nodes[b].mac, 6);
	else if (!memcmp(mac, t->nodes[b].mac, 6))
		memcpy(mac, t->nodes[a].mac, 6);
}

static int end_repeat(struct pctx *p)
{
	size_t n0 = p->block_start, n1 = p->t->n_steps;

	if (n1 == n0) {
		p->in_repeat = false;
		return sim_fail(p, "empty repeat block (started at line %d)", p->repeat_line);
	}
	for (size_t i = n0; i < n1; i++)
		p->t->steps[i].iter = 1;
	for (int pass = 2; pass <= p->repeat_n; pass++) {
		for (size_t i = n0; i < n1; i++) {
			struct sim_step s = p->t->steps[i];

			s.iter = pass;
			if (p->swap_a >= 0 && pass % 2 == 0) {
				swap_node(&s.node, p->swap_a, p->swap_b);
				swap_node(&s.ex.node, p->swap_a, p->swap_b);
				swap_node(&s.ex.node2, p->swap_a, p->swap_b);
				swap_mac(p->t, s.rule.has_src, s.rule.src, p->swap_a, p->swap_b);
				swap_mac(p->t, s.rule.has_dst, s.rule.dst, p->swap_a, p->swap_b);
			}
			if (push_step(p->t, &s))
				return -ENOMEM;
		}
	}
	p->in_repeat = false;
	p->t_floor = p->block_floor + (p->t_floor - p->block_floor) * (uint64_t)p->repeat_n;
	return 0;
}

/* "repeat N [swap A B]". A bad one still opens its block (as one pass),
 * so its steps and its "end" are checked. */
static int parse_repeat(struct pctx *p, int ntok, char **tok)
{
	char *end;
	long n;

	if (p->in_repeat)
		return sim_fail(p, "repeat blocks do not nest (one started at line %d)",
				p->repeat_line);
	p->in_repeat = true;
	p->repeat_line = p->line;
	p->repeat_n = 1;
	p->swap_a = p->swap_b = -1;
	p->block_start = p->t->n_steps;
	p->block_floor = p->t_floor;
	if (ntok < 2)
		return sim_fail(p, "expected 'repeat N [swap A B]'");
	n = strtol(tok[1], &end, 10);
	if (*end || n < 1 || n > 1000)
		return sim_fail(p, "expected a count 1..1000, got '%s'", tok[1]);
	if (ntok == 5 && !strcmp(tok[2], "swap")) {
		int a, b;

		if (sim_node_arg(p, tok[3], &a) || sim_node_arg(p, tok[4], &b))
			return -EINVAL;
		if (a == b || p->t->nodes[a].role != p->t->nodes[b].role)
			return sim_fail(p, "'swap' expects two different nodes of one role (two aps or two stas)");
		p->swap_a = a;
		p->swap_b = b;
	} else if (ntok != 2) {
		return sim_fail(p, "expected 'repeat N [swap A B]'");
	}
	p->repeat_n = (int)n;
	return 0;
}

static int parse_line(struct pctx *p, char *line)
{
	char *tok[MAX_TOKENS];
	int ntok = tokenize(line, tok, MAX_TOKENS);

	p->key = "line";
	if (ntok == -1)
		return sim_fail(p, "unclosed double quote");
	if (ntok == -2)
		return sim_fail(p, "too many words (at most %d)", MAX_TOKENS);
	if (ntok == 0)
		return 0;
	p->key = tok[0];
	if (!strcmp(tok[0], "medium"))
		return parse_medium(p, ntok, tok);
	if (!strcmp(tok[0], "ap"))
		return parse_node(p, SIM_ROLE_AP, ntok, tok);
	if (!strcmp(tok[0], "sta"))
		return parse_node(p, SIM_ROLE_STA, ntok, tok);
	if (!strcmp(tok[0], "rule")) {
		struct sim_rule r;
		int ret = parse_rule(p, ntok - 1, tok + 1, &r);

		return ret ? ret : sim_rules_add(&p->t->rules, &r);
	}
	if (!strcmp(tok[0], "ping")) {
		int sta, dest = -1;

		if (ntok < 2 || ntok > 3)
			return sim_fail(p, "expected 'ping STA [server|NODE]'");
		if (sim_node_arg(p, tok[1], &sta) || sim_need_role(p, sta, SIM_ROLE_STA, "ping"))
			return -EINVAL;
		if (ntok == 3 && strcmp(tok[2], "server") && sim_node_arg(p, tok[2], &dest))
			return -EINVAL;
		return add_ping(p->t, sta, dest, p->line);
	}
	if (!strcmp(tok[0], "at"))
		return parse_step(p, ntok, tok);
	if (!strcmp(tok[0], "repeat"))
		return parse_repeat(p, ntok, tok);
	if (!strcmp(tok[0], "end")) {
		if (!p->in_repeat)
			return sim_fail(p, "'end' without 'repeat'");
		return end_repeat(p);
	}
	if (!strcmp(tok[0], "expect")) {
		char names[MAX_EXPAND][SIM_NAME_MAX];
		int ne = ntok > 1 ? expand_name(tok[1], names, MAX_EXPAND) : 1;
		char *orig = ntok > 1 ? tok[1] : NULL;

		if (ne < 0)
			return sim_fail(p, "bad node name '%s'", tok[1]);
		for (int i = 0; i < ne; i++) {
			struct sim_expect e;
			int ret;

			if (orig && strchr(orig, '{'))
				tok[1] = names[i];
			ret = sim_parse_expect(p, ntok, tok, false, &e);
			if (ret)
				return ret;
			if (e.kind == SIM_EXPECT_PING_LOSS) {
				ret = add_ping(p->t, e.node, e.node2, p->line);
				if (ret)
					return ret;
			}
			ret = push_expect(p->t, &e);
			if (ret)
				return ret;
		}
		return 0;
	}
	return sim_fail(p, "unknown statement '%s' (expected medium, ap, sta, rule, ping, at, repeat, end or expect)",
		    tok[0]);
}

struct sim_topo *sim_topo_check_text(const char *name, const char *text,
				     struct sim_diags *d)
{
	struct sim_topo *t = calloc(1, sizeof(*t));
	struct pctx p = { .t = t, .name = name, .d = d };
	const char *s = text;
	char *line = NULL;

	if (!t)
		goto oom;
	snprintf(t->file, sizeof(t->file), "%s", name);
	sim_model_defaults(&t->model);
	sim_rules_init(&t->rules);
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		p.line++;
		free(line);
		line = strndup(s, len);
		/* a bad line is recorded and skipped; the rest is still read */
		if (!line || parse_line(&p, line) == -ENOMEM || p.oom)
			goto oom;
		s += len;
		if (*s == '\n')
			s++;
	}
	free(line);
	line = NULL;
	p.key = "repeat";
	if (p.in_repeat)
		sim_fail_at(&p, p.repeat_line, "repeat", "repeat without 'end'");
	if (t->n_nodes == 0)
		sim_fail_at(&p, p.line ? p.line : 1, "ap", "no nodes (expected at least one 'ap' or 'sta' line)");
	if (p.oom)
		goto oom;
	if (d->n) {
		sim_topo_free(t);
		return NULL;
	}
	return t;
oom:
	free(line);
	sim_topo_free(t);
	p.oom = false;
	p.line = 0;
	sim_fail_at(&p, 0, "file", "out of memory");
	return NULL;
}

void sim_topo_free(struct sim_topo *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_nodes; i++)
		node_cfg_free(&t->nodes[i]);
	free(t->nodes);
	free(t->steps);
	free(t->expects);
	free(t->pings);
	sim_rules_free(&t->rules);
	free(t);
}

void sim_expect_describe(const struct sim_topo *t, const struct sim_expect *e,
			 char *buf, size_t len)
{
	const char *n = e->node >= 0 ? t->nodes[e->node].name : "";
	const char *n2 = e->node2 >= 0 ? t->nodes[e->node2].name :
			 e->node2 == -2 ? "any" : "server";

	switch (e->kind) {
	case SIM_EXPECT_CONNECTED:
		snprintf(buf, len, "%s connected %s", n, n2);
		break;
	case SIM_EXPECT_DISCONNECTED:
		snprintf(buf, len, "%s disconnected", n);
		break;
	case SIM_EXPECT_EVENT:
		snprintf(buf, len, "%s event %s%s%s", n, e->text, *e->filter ? " " : "",
			 e->filter);
		break;
	case SIM_EXPECT_LOG:
		if (e->has_cmp)
			snprintf(buf, len, "%s log \"%s\" count %s %g", n, e->text,
				 sim_cmp_str(e->cmp), e->value);
		else
			snprintf(buf, len, "%s log \"%s\"", n, e->text);
		break;
	case SIM_EXPECT_HANDSHAKE:
		snprintf(buf, len, "%s handshake %s", n, e->want_ok ? "ok" : "fail");
		break;
	case SIM_EXPECT_ROAMS:
		snprintf(buf, len, "%s roams %s %g", n, sim_cmp_str(e->cmp), e->value);
		break;
	case SIM_EXPECT_PING_LOSS:
		snprintf(buf, len, "ping %s %s loss %s %g%%", n, n2, sim_cmp_str(e->cmp),
			 e->value);
		break;
	case SIM_EXPECT_EVENT_COUNT:
		snprintf(buf, len, "%s events %s %s %g", n, e->text, sim_cmp_str(e->cmp),
			 e->value);
		break;
	case SIM_EXPECT_NO_REINSTALL:
		snprintf(buf, len, "no-key-reinstall");
		break;
	}
	if (e->within_us) {
		size_t l = strlen(buf);

		snprintf(buf + l, len - l, " within %gs", e->within_us / 1e6);
	}
}
