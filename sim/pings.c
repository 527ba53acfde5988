// SPDX-License-Identifier: MIT
/* pings.c: the pings a topology asks for: one log file per ping, the
 * ping process started in the station's namespace when it first connects
 * (10 ms interval, receive timestamps, so the data gap of a roam can be
 * read off the log), and the one reader of that log's lines (the loss for
 * expect.c, the reply times for datagap.c). */
#include <errno.h>
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

/* "ping -D -O" lines: "[1767225650.860002] 64 bytes from A: icmp_seq=N ..."
 * (a reply) and "[1767225650.870002] no answer yet for icmp_seq=N". */
bool sim_ping_line_parse(const char *line, struct sim_ping_line *pl)
{
	const char *p = strstr(line, "icmp_seq=");
	unsigned long long s;
	char frac[8];

	memset(pl, 0, sizeof(*pl));
	pl->seq = -1;
	pl->reply = strstr(line, "bytes from") != NULL;
	if (sscanf(line, "[%llu.%6[0-9]]", &s, frac) == 2 && strlen(frac) == 6) {
		pl->has_time = true;
		pl->t_us = strtoull(frac, NULL, 10) + s * 1000000ull;
	}
	if (p && p[9] >= '0' && p[9] <= '9') {
		long seq = strtol(p + 9, NULL, 10);

		if (seq >= 0)
			pl->seq = seq;
	}
	return pl->seq >= 0 || (pl->reply && pl->has_time);
}

/* Loss counts from the first reply to the highest sequence number seen. */
int sim_ping_loss(const char *path, double *loss, unsigned int *sent, unsigned int *got)
{
	FILE *f = fopen(path, "r");
	char line[512];
	long first = -1, last = -1;
	unsigned char *seen;
	size_t cap = SIM_PING_SEQ_MAX;
	struct sim_ping_line pl;

	*sent = *got = 0;
	*loss = 100.0;
	if (!f)
		return -errno;
	seen = calloc(cap, 1);
	if (!seen) {
		fclose(f);
		return -ENOMEM;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!sim_ping_line_parse(line, &pl) || pl.seq < 0 || (size_t)pl.seq >= cap)
			continue;
		if (pl.reply) {
			if (first < 0)
				first = pl.seq;
			seen[pl.seq] = 1;
		}
		if (pl.seq > last)
			last = pl.seq;
	}
	fclose(f);
	if (first >= 0) {
		for (long s = first; s <= last; s++) {
			(*sent)++;
			*got += seen[s];
		}
	}
	free(seen);
	*loss = *sent ? 100.0 * (*sent - *got) / *sent : 100.0;
	return first >= 0 ? 0 : -ENODATA;
}
