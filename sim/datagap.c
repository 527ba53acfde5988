// SPDX-License-Identifier: MIT
/* datagap.c: each roam's data gap, measured on the data path from outside
 * the station. The STA's pings ("ping -D" every 10 ms to the server) are
 * read as they come; a roam's data gap is the largest interval between two
 * consecutive replies whose later one came after the link was lost (or,
 * without a loss, after the new connection) and at or before the first
 * reply after the new connection. The lab reports it beside the gap seen in
 * the daemons' events (link lost -> connected), never the latter alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* a reply line's receive time (pings.c reads the line), run-relative */
static bool reply_time(const struct sim_run *r, const char *line, uint64_t *rel)
{
	struct sim_ping_line pl;

	if (!sim_ping_line_parse(line, &pl) || !pl.reply || !pl.has_time)
		return false;
	*rel = pl.t_us > r->wall0_us ? pl.t_us - r->wall0_us : 0;
	return true;
}

static void report(struct sim_run *r, int sta, bool have_data)
{
	struct sim_gap *g = &r->nodes[sta].gap;
	char data[48];

	if (have_data)
		snprintf(data, sizeof(data), "%.1f", g->max_us / 1000.0);
	else
		snprintf(data, sizeof(data), "%s", g->ping ? "none" : "no-ping");
	sim_lab_event(r, sta, "roam-gap", "from=%s to=%s count=%d data_gap_ms=%s event_gap_ms=%.1f",
		      r->t->nodes[g->from].name, r->t->nodes[g->to].name, g->count, data,
		      g->ev_ms);
	printf("  %8.3fs %s roam %d %s -> %s: data gap %s%s (ping replies, from outside); "
	       "%.1f ms link lost -> connected (events)\n", g->tc_us / 1e6,
	       r->t->nodes[sta].name, g->count, r->t->nodes[g->from].name,
	       r->t->nodes[g->to].name, data, have_data ? " ms" : "", g->ev_ms);
	g->pending = false;
}

void sim_gap_roam(struct sim_run *r, int sta, int from, int to, int count, uint64_t lost_us,
		  uint64_t tc_us)
{
	struct sim_gap *g = &r->nodes[sta].gap;

	if (g->pending)
		report(r, sta, false);	/* a roam before data came back */
	memset(g, 0, sizeof(*g));
	g->pending = true;
	g->from = from;
	g->to = to;
	g->count = count;
	g->t0_us = lost_us ? lost_us : tc_us;
	g->tc_us = tc_us;
	g->ev_ms = lost_us ? (tc_us - lost_us) / 1000.0 : 0;
	for (size_t i = 0; i < r->n_pings; i++)
		g->ping |= r->pings[i].sta == sta;
	if (!g->ping)
		report(r, sta, false);
}

void sim_gap_scan(struct sim_run *r)
{
	char line[512];

	for (size_t i = 0; i < r->n_pings; i++) {
		struct sim_ping_run *p = &r->pings[i];
		struct sim_gap *g = &r->nodes[p->sta].gap;
		FILE *f = fopen(p->log, "r");
		uint64_t t;

		if (!f)
			continue;
		fseek(f, p->off, SEEK_SET);
		while (fgets(line, sizeof(line), f)) {
			size_t l = strlen(line);

			if (!l || line[l - 1] != '\n')
				break;		/* partial line: next time */
			p->off += (long)l;
			if (!reply_time(r, line, &t))
				continue;
			if (g->pending && t > g->t0_us && p->have_last && t - p->last_us > g->max_us)
				g->max_us = t - p->last_us;
			p->last_us = t;
			p->have_last = true;
			if (g->pending && t >= g->tc_us)
				report(r, p->sta, true);
		}
		fclose(f);
	}
}

void sim_gap_finish(struct sim_run *r)
{
	sim_gap_scan(r);
	for (size_t i = 0; i < r->t->n_nodes; i++)
		if (r->nodes[i].gap.pending)
			report(r, (int)i, false);
}
