// SPDX-License-Identifier: MIT
/* pings.c: the pings a topology asks for: one log file per ping, and the
 * ping process started in the station's namespace when it first connects
 * (10 ms interval, receive timestamps, so the data gap of a roam can be
 * read off the log). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"
#include "run.h"
#include "sim.h"

void sim_pings_prepare(struct sim_run *r)
{
	r->pings = calloc(r->t->n_pings ? r->t->n_pings : 1, sizeof(*r->pings));
	if (!r->pings)
		return;
	for (size_t i = 0; i < r->t->n_pings; i++) {
		struct sim_ping_run *p = &r->pings[r->n_pings++];
		const struct sim_ping *tp = &r->t->pings[i];

		p->sta = tp->sta;
		p->dest = tp->dest;
		snprintf(p->log, sizeof(p->log), "%s/ping-%s-%s.log", r->out,
			 r->t->nodes[tp->sta].name, tp->dest >= 0 ? r->t->nodes[tp->dest].name : "server");
		unlink(p->log);
	}
}

/* A STA's pings start when it first connects: before that its interface
 * is down and ping would give up at once. */
void sim_pings_start(struct sim_run *r, int sta)
{
	for (size_t i = 0; i < r->n_pings; i++) {
		struct sim_ping_run *p = &r->pings[i];
		const char *dest = p->dest >= 0 ? r->nodes[p->dest].ip : SERVER_IP;
		const char *argv[] = { "ping", "-D", "-O", "-n", "-i", "0.01", "-W", "1", dest, NULL };

		if (p->sta != sta || p->pid > 0)
			continue;
		p->pid = sim_spawn(r->t->nodes[sta].name, p->log, argv);
		sim_lab_event(r, sta, "ping-start", "dest=%s pid=%d", dest, (int)p->pid);
	}
}
