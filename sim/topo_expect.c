// SPDX-License-Identifier: MIT
/* topo_expect.c: the "expect" statement of the topology format (and the
 * expectations of timeline steps): node arguments, comparisons, and the
 * checks of which role a node must have. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_priv.h"
#include "util.h"

static int parse_cmp(struct pctx *p, int ntok, char **tok, int *i, const char *word,
		     enum sim_cmp *c, double *val, bool percent)
{
	static const struct {
		const char *s;
		enum sim_cmp c;
	} ops[] = {
		{ ">=", SIM_CMP_GE }, { "<=", SIM_CMP_LE }, { "==", SIM_CMP_EQ },
		{ ">", SIM_CMP_GT }, { "<", SIM_CMP_LT }, { "=", SIM_CMP_EQ },
	};
	char buf[64];
	const char *rest;
	size_t wl = strlen(word);
	char *end;

	if (*i >= ntok || strncmp(tok[*i], word, wl))
		return sim_fail(p, "expected '%s OP N' (OP is >=, <=, ==, > or <)", word);
	rest = tok[*i] + wl;
	(*i)++;
	if (!*rest) {
		if (*i >= ntok)
			return sim_fail(p, "expected an operator after '%s'", word);
		rest = tok[(*i)++];
	}
	snprintf(buf, sizeof(buf), "%s", rest);
	size_t k;

	for (k = 0; k < ARRAY_SIZE(ops); k++)
		if (!strncmp(buf, ops[k].s, strlen(ops[k].s)))
			break;
	if (k == ARRAY_SIZE(ops))
		return sim_fail(p, "expected an operator (>=, <=, ==, >, <) after '%s', got '%s'",
			    word, buf);
	*c = ops[k].c;
	rest = buf + strlen(ops[k].s);
	if (!*rest) {
		if (*i >= ntok)
			return sim_fail(p, "expected a number after '%s %s'", word, ops[k].s);
		snprintf(buf, sizeof(buf), "%s", tok[(*i)++]);
		rest = buf;
	}
	*val = strtod(rest, &end);
	if (end == rest || (*end && !(percent && !strcmp(end, "%"))))
		return sim_fail(p, "expected a number%s after '%s', got '%s'",
			    percent ? " or percentage" : "", word, rest);
	return 0;
}

int sim_node_arg(struct pctx *p, const char *name, int *idx)
{
	*idx = sim_topo_find(p->t, name);
	if (*idx < 0)
		return sim_fail(p, "unknown node '%s' (nodes must be declared before use)", name);
	return 0;
}

/* "'roams' expects a sta, 'ap1' is an ap" */
int sim_need_role(struct pctx *p, int node, enum sim_role role, const char *what)
{
	const struct sim_node_cfg *n = &p->t->nodes[node];

	if (n->role == role)
		return 0;
	return sim_fail(p, "'%s' expects %s %s, '%s' is %s %s", what,
			role == SIM_ROLE_AP ? "an" : "a", sim_role_name(role), n->name,
			n->role == SIM_ROLE_AP ? "an" : "a", sim_role_name(n->role));
}

int sim_parse_expect(struct pctx *p, int ntok, char **tok, bool timeline,
			struct sim_expect *e)
{
	int i = 1, ret;

	memset(e, 0, sizeof(*e));
	e->line = p->line;
	e->node = -1;
	e->node2 = -1;
	if (ntok < 2)
		return sim_fail(p, "expected 'expect NODE connected AP', 'expect STA roams >= N', 'expect ping STA loss<=P%%', ...");
	if (!strcmp(tok[1], "no-key-reinstall")) {
		e->kind = SIM_EXPECT_NO_REINSTALL;
		i = 2;
		goto tail;
	}
	if (!strcmp(tok[1], "ping")) {
		e->kind = SIM_EXPECT_PING_LOSS;
		if (ntok < 4)
			return sim_fail(p, "expected 'expect ping STA [DEST] loss<=P%%'");
		if (sim_node_arg(p, tok[2], &e->node) ||
		    sim_need_role(p, e->node, SIM_ROLE_STA, "ping"))
			return -EINVAL;
		i = 3;
		if (strncmp(tok[i], "loss", 4)) {
			if (strcmp(tok[i], "server") && sim_node_arg(p, tok[i], &e->node2))
				return -EINVAL;
			i++;
		}
		ret = parse_cmp(p, ntok, tok, &i, "loss", &e->cmp, &e->value, true);
		if (ret)
			return ret;
		e->has_cmp = true;
		goto tail;
	}
	if (sim_node_arg(p, tok[1], &e->node))
		return -EINVAL;
	if (ntok < 3)
		return sim_fail(p, "expected a condition after 'expect %s' (connected, disconnected, event, events, log, handshake, roams)",
			    tok[1]);
	i = 3;
	if (!strcmp(tok[2], "connected")) {
		e->kind = SIM_EXPECT_CONNECTED;
		if (p->t->nodes[e->node].role != SIM_ROLE_STA)
			return sim_fail(p, "'connected' expects a sta, '%s' is an ap", tok[1]);
		if (ntok < 4)
			return sim_fail(p, "expected 'expect %s connected AP|any'", tok[1]);
		if (!strcmp(tok[3], "any"))
			e->node2 = -2;
		else if (sim_node_arg(p, tok[3], &e->node2))
			return -EINVAL;
		else if (p->t->nodes[e->node2].role != SIM_ROLE_AP)
			return sim_fail(p, "'connected' expects an ap after it, '%s' is a sta", tok[3]);
		i = 4;
	} else if (!strcmp(tok[2], "disconnected")) {
		e->kind = SIM_EXPECT_DISCONNECTED;
		if (sim_need_role(p, e->node, SIM_ROLE_STA, "disconnected"))
			return -EINVAL;
	} else if (!strcmp(tok[2], "event") || !strcmp(tok[2], "events")) {
		e->kind = tok[2][5] ? SIM_EXPECT_EVENT_COUNT : SIM_EXPECT_EVENT;
		if (ntok < 4)
			return sim_fail(p, "expected an event name after '%s'", tok[2]);
		snprintf(e->text, sizeof(e->text), "%s", tok[3]);
		i = 4;
		if (e->kind == SIM_EXPECT_EVENT_COUNT) {
			if (i >= ntok)
				return sim_fail(p, "expected 'events NAME OP N'");
			/* "events NAME >= 3": the op token has no word */
			char *w = tok[i];
			char tmp[80];

			snprintf(tmp, sizeof(tmp), "n%s", w);
			char *fake[2] = { tmp, NULL };
			int j = 0;

			if (i + 1 < ntok && (!strcmp(w, ">=") || !strcmp(w, "<=") ||
					     !strcmp(w, "==") || !strcmp(w, ">") ||
					     !strcmp(w, "<"))) {
				snprintf(tmp, sizeof(tmp), "n%s%s", w, tok[i + 1]);
				i++;
			}
			ret = parse_cmp(p, 1, fake, &j, "n", &e->cmp, &e->value, false);
			if (ret)
				return ret;
			e->has_cmp = true;
			i++;
		} else {
			while (i < ntok && strchr(tok[i], '=') && strcmp(tok[i], "within")) {
				size_t l = strlen(e->filter);

				snprintf(e->filter + l, sizeof(e->filter) - l, "%s%s",
					 l ? " " : "", tok[i]);
				i++;
			}
		}
	} else if (!strcmp(tok[2], "log")) {
		e->kind = SIM_EXPECT_LOG;
		if (ntok < 4 || !*tok[3])
			return sim_fail(p, "expected 'log \"TEXT\"'");
		snprintf(e->text, sizeof(e->text), "%s", tok[3]);
		i = 4;
		if (i < ntok && !strncmp(tok[i], "count", 5)) {
			ret = parse_cmp(p, ntok, tok, &i, "count", &e->cmp, &e->value, false);
			if (ret)
				return ret;
			e->has_cmp = true;
		}
	} else if (!strcmp(tok[2], "handshake")) {
		e->kind = SIM_EXPECT_HANDSHAKE;
		if (ntok < 4 || (strcmp(tok[3], "ok") && strcmp(tok[3], "fail")))
			return sim_fail(p, "expected 'handshake ok' or 'handshake fail'");
		e->want_ok = !strcmp(tok[3], "ok");
		i = 4;
	} else if (!strncmp(tok[2], "roams", 5)) {
		e->kind = SIM_EXPECT_ROAMS;
		if (sim_need_role(p, e->node, SIM_ROLE_STA, "roams"))
			return -EINVAL;
		i = 2;
		ret = parse_cmp(p, ntok, tok, &i, "roams", &e->cmp, &e->value, false);
		if (ret)
			return ret;
		e->has_cmp = true;
	} else {
		return sim_fail(p, "unknown expectation '%s' (expected connected, disconnected, event, events, log, handshake, roams)",
			    tok[2]);
	}
tail:
	if (i < ntok && !strcmp(tok[i], "within")) {
		if (i + 1 >= ntok || sim_parse_duration(tok[i + 1], &e->within_us))
			return sim_fail(p, "'within' expects a duration like 2s or 500ms");
		if (!timeline)
			return sim_fail(p, "'within' belongs to a timeline expect ('at TIME expect ...')");
		i += 2;
	} else if (timeline) {
		return sim_fail(p, "a timeline expect needs 'within T' at its end");
	}
	if (i < ntok)
		return sim_fail(p, "unexpected '%s' at the end of the expectation", tok[i]);
	if (timeline) {
		switch (e->kind) {
		case SIM_EXPECT_CONNECTED:
		case SIM_EXPECT_DISCONNECTED:
		case SIM_EXPECT_EVENT:
		case SIM_EXPECT_LOG:
		case SIM_EXPECT_HANDSHAKE:
			break;
		case SIM_EXPECT_ROAMS:
		case SIM_EXPECT_PING_LOSS:
		case SIM_EXPECT_EVENT_COUNT:
		case SIM_EXPECT_NO_REINSTALL:
			return sim_fail(p, "this expectation is judged at the end of the run; write it without 'at'");
		}
	}
	return 0;
}
