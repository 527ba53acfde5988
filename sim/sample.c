// SPDX-License-Identifier: MIT
/* sample.c: what a lab run samples on each tick: new lines of the nodes'
 * logs against the topology's log patterns (a "log-match" event each),
 * and every AP's signal at every station for the timeline picture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loop.h"
#include "medium.h"
#include "run.h"
#include "sim.h"

/* ---- periodic tick: signals for the svg, log scanning ---- */

void sim_scan_logs(struct sim_run *r)
{
	for (size_t i = 0; i < r->t->n_nodes; i++) {
		struct sim_rnode *n = &r->nodes[i];
		bool wanted = false;
		FILE *f;
		char line[2048];

		for (size_t p = 0; p < r->n_pats; p++)
			wanted |= r->pats[p].node == (int)i;
		if (!wanted)
			continue;
		f = fopen(n->log_path, "r");
		if (!f)
			continue;
		fseek(f, n->log_off, SEEK_SET);
		while (fgets(line, sizeof(line), f)) {
			size_t l = strlen(line);

			if (l && line[l - 1] != '\n' && !feof(f))
				continue;	/* over-long line: skip its pieces */
			if (!l || line[l - 1] != '\n')
				break;		/* partial line, read it next time */
			n->log_off += (long)l;
			line[l - 1] = '\0';
			for (size_t p = 0; p < r->n_pats; p++) {
				if (r->pats[p].node != (int)i || !strstr(line, r->pats[p].text))
					continue;
				r->pats[p].count++;
				sim_record(r, (int)i, "log", "log-match", line);
			}
		}
		fclose(f);
	}
}

void sim_sample_signals(struct sim_run *r)
{
	uint64_t now = loop_now_us(r->loop);

	for (size_t s = 0; s < r->t->n_nodes; s++) {
		struct sim_rnode *n = &r->nodes[s];

		if (r->t->nodes[s].role != SIM_ROLE_STA)
			continue;
		for (size_t a = 0; a < r->t->n_nodes; a++) {
			if (r->t->nodes[a].role != SIM_ROLE_AP)
				continue;
			if (n->n_samples == n->cap_samples) {
				size_t cap = n->cap_samples ? n->cap_samples * 2 : 1024;
				struct sim_sample *v = realloc(n->samples, cap * sizeof(*v));

				if (!v)
					return;
				n->samples = v;
				n->cap_samples = cap;
			}
			struct sim_sample *sm = &n->samples[n->n_samples++];
			double sig = sim_medium_signal(r->m, r->nodes[a].mradio, n->mradio, 2412, now);

			sm->t_ms = (uint32_t)(sim_run_rel_us(r) / 1000);
			sm->dbm = r->nodes[a].running ? (int8_t)(sig < -127 ? -127 : sig > 0 ? 0 : sig) : -128;
		}
	}
}
