// SPDX-License-Identifier: MIT
/* expect.c: the expectation engine of a lab run: whether a timeline
 * "expect" is satisfied by the events recorded so far, the end-of-run
 * expectations (events, counts, ping loss, key reinstallation), and the
 * verdicts. Reads the run; calls back into no other file of sim/ but the
 * event record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loop.h"
#include "run.h"
#include "sim.h"

/* ---- timeline and expectations ---- */

struct sim_verdict *sim_verdict_for(struct sim_run *r, int line, const char *what)
{
	for (size_t i = 0; i < r->n_verdicts; i++)
		if (r->verdicts[i].line == line && !strcmp(r->verdicts[i].what, what))
			return &r->verdicts[i];
	struct sim_verdict *v = realloc(r->verdicts, (r->n_verdicts + 1) * sizeof(*v));

	if (!v)
		return NULL;
	r->verdicts = v;
	v = &v[r->n_verdicts++];
	memset(v, 0, sizeof(*v));
	v->line = line;
	v->ok = true;
	snprintf(v->what, sizeof(v->what), "%s", what);
	return v;
}

unsigned int sim_pat_count(struct sim_run *r, int node, const char *text)
{
	for (size_t p = 0; p < r->n_pats; p++)
		if (r->pats[p].node == node && !strcmp(r->pats[p].text, text))
			return r->pats[p].count;
	return 0;
}

static bool filter_ok(const char *text, const char *filter)
{
	char f[SIM_TEXT_MAX], *save, *tok;

	snprintf(f, sizeof(f), "%s", filter);
	for (tok = strtok_r(f, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '='), v[128];

		if (!eq)
			continue;
		*eq = '\0';
		if (!sim_event_kv(text, tok, v, sizeof(v)) || strcmp(v, eq + 1))
			return false;
	}
	return true;
}

static bool event_seen(struct sim_run *r, const struct sim_expect *e, uint64_t since)
{
	for (size_t i = 0; i < r->n_evs; i++) {
		const struct sim_evrec *ev = &r->evs[i];

		if (ev->t_us < since || ev->node != e->node || strcasecmp(ev->name, e->text))
			continue;
		if (filter_ok(ev->text, e->filter))
			return true;
	}
	return false;
}

static unsigned int event_count(struct sim_run *r, int node, const char *name)
{
	unsigned int c = 0;

	for (size_t i = 0; i < r->n_evs; i++)
		if (r->evs[i].node == node && !strcasecmp(r->evs[i].name, name))
			c++;
	return c;
}

bool sim_wait_satisfied(struct sim_run *r, const struct sim_expect *e)
{
	const struct sim_rnode *n = e->node >= 0 ? &r->nodes[e->node] : NULL;

	switch (e->kind) {
	case SIM_EXPECT_CONNECTED:
		return e->node2 == -2 ? n->connected_ap >= 0 : n->connected_ap == e->node2;
	case SIM_EXPECT_DISCONNECTED:
		return n->connected_ap < 0;
	case SIM_EXPECT_EVENT:
		return event_seen(r, e, r->wait_start);
	case SIM_EXPECT_LOG:
		return sim_pat_count(r, e->node, e->text) > r->wait_base;
	case SIM_EXPECT_HANDSHAKE:
		return (e->want_ok ? n->hs_ok : n->hs_fail) > r->wait_base;
	case SIM_EXPECT_ROAMS:
	case SIM_EXPECT_PING_LOSS:
	case SIM_EXPECT_EVENT_COUNT:
	case SIM_EXPECT_NO_REINSTALL:
		break;
	}
	return false;
}

void sim_judge_end(struct sim_run *r)
{
	for (size_t i = 0; i < r->t->n_expects; i++) {
		const struct sim_expect *e = &r->t->expects[i];
		const struct sim_rnode *n = e->node >= 0 ? &r->nodes[e->node] : NULL;
		char what[256];
		struct sim_verdict *v;
		bool ok = false;
		char d[256] = "";

		sim_expect_describe(r->t, e, what, sizeof(what));
		v = sim_verdict_for(r, e->line, what);
		if (!v)
			continue;
		switch (e->kind) {
		case SIM_EXPECT_CONNECTED:
			ok = e->node2 == -2 ? n->connected_ap >= 0 : n->connected_ap == e->node2;
			snprintf(d, sizeof(d), "connected to %s", sim_node_name(r, n->connected_ap));
			break;
		case SIM_EXPECT_DISCONNECTED:
			ok = n->connected_ap < 0;
			snprintf(d, sizeof(d), "connected to %s", sim_node_name(r, n->connected_ap));
			break;
		case SIM_EXPECT_EVENT:
			ok = event_seen(r, e, 0);
			snprintf(d, sizeof(d), "%s", ok ? "seen" : "never seen");
			break;
		case SIM_EXPECT_LOG: {
			unsigned int c = sim_pat_count(r, e->node, e->text);

			ok = e->has_cmp ? sim_cmp_eval(e->cmp, c, e->value) : c > 0;
			snprintf(d, sizeof(d), "%u matching lines in %.200s", c, n->log_path);
			break;
		}
		case SIM_EXPECT_HANDSHAKE:
			ok = e->want_ok ? n->hs_ok > 0 : n->hs_fail > 0;
			snprintf(d, sizeof(d), "%u completed, %u failed", n->hs_ok, n->hs_fail);
			break;
		case SIM_EXPECT_ROAMS:
			ok = sim_cmp_eval(e->cmp, n->roams, e->value);
			snprintf(d, sizeof(d), "%d roams", n->roams);
			break;
		case SIM_EXPECT_PING_LOSS:
			for (size_t p = 0; p < r->n_pings; p++) {
				double loss = 100;
				unsigned int sent = 0, got = 0;

				if (r->pings[p].sta != e->node || r->pings[p].dest != e->node2)
					continue;
				if (sim_ping_loss(r->pings[p].log, &loss, &sent, &got)) {
					snprintf(d, sizeof(d), "no reply at all (%.200s)", r->pings[p].log);
					break;
				}
				ok = sim_cmp_eval(e->cmp, loss, e->value);
				snprintf(d, sizeof(d), "%.1f%% loss (%u of %u after the first reply)",
					 loss, sent - got, sent);
			}
			break;
		case SIM_EXPECT_EVENT_COUNT: {
			unsigned int c = event_count(r, e->node, e->text);

			ok = sim_cmp_eval(e->cmp, c, e->value);
			snprintf(d, sizeof(d), "%u events", c);
			break;
		}
		case SIM_EXPECT_NO_REINSTALL:
			ok = r->pn.reuses == 0;
			snprintf(d, sizeof(d), "%u PN reuses on the air%s%s", r->pn.reuses,
				 r->pn.reuses ? "; first: " : "", r->pn.reuses ? r->pn.detail : "");
			break;
		}
		v->runs++;
		v->passes += ok;
		v->ok = ok;
		snprintf(v->detail, sizeof(v->detail), "%s", d);
	}
	for (size_t i = 0; i < r->n_verdicts; i++) {
		struct sim_verdict *v = &r->verdicts[i];

		if (v->runs > 1 && v->ok)
			snprintf(v->detail, sizeof(v->detail), "%u/%u, slowest %.3fs", v->passes,
				 v->runs, v->worst_s);
		else if (v->runs == 1 && v->ok && !v->detail[0])
			snprintf(v->detail, sizeof(v->detail), "after %.3fs", v->worst_s);
		else if (v->runs > 1 && !v->ok) {
			char tmp[256];

			snprintf(tmp, sizeof(tmp), "%u/%u passed; first failure: %.200s", v->passes,
				 v->runs, v->detail);
			snprintf(v->detail, sizeof(v->detail), "%s", tmp);
		}
	}
}

void sim_print_verdicts(struct sim_run *r, FILE *f)
{
	for (size_t i = 0; i < r->n_verdicts; i++) {
		const struct sim_verdict *v = &r->verdicts[i];

		fprintf(f, "  %-4s line %d: %s: %s\n", v->ok ? "ok" : "FAIL", v->line, v->what,
			v->detail);
	}
}
