// SPDX-License-Identifier: MIT
/* labevent.c: the lab run's event record: every event of every node on
 * one clock, into events.jsonl and the in-memory list the expectations
 * read. Calls no other file of sim/ but the JSON writer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loop.h"
#include "run.h"
#include "sim.h"

uint64_t sim_run_rel_us(struct sim_run *r)
{
	uint64_t n = loop_now_us(r->loop);

	return n > r->t0 ? n - r->t0 : 0;
}

const char *sim_node_name(const struct sim_run *r, int i)
{
	return i >= 0 ? r->t->nodes[i].name : i == -2 ? "any" : "-";
}

/* ---- events ---- */

void sim_record(struct sim_run *r, int node, const char *src, const char *name,
		   const char *text)
{
	uint64_t t = sim_run_rel_us(r);

	if (r->events) {
		fprintf(r->events, "{\"t\":%llu.%06llu,\"node\":", (unsigned long long)(t / 1000000),
			(unsigned long long)(t % 1000000));
		sim_json_str(r->events, node >= 0 ? r->t->nodes[node].name : "lab");
		fprintf(r->events, ",\"src\":\"%s\",\"event\":", src);
		sim_json_str(r->events, name);
		fprintf(r->events, ",\"text\":");
		sim_json_str(r->events, text ? text : "");
		fprintf(r->events, "}\n");
	}
	if (r->n_evs == r->cap_evs) {
		size_t cap = r->cap_evs ? r->cap_evs * 2 : 256;
		struct sim_evrec *v = realloc(r->evs, cap * sizeof(*v));

		if (!v)
			return;
		r->evs = v;
		r->cap_evs = cap;
	}
	struct sim_evrec *e = &r->evs[r->n_evs++];

	e->t_us = t;
	e->node = node;
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->text = strdup(text ? text : "");
	if (r->verbose)
		printf("  %8.3f %-8s %s %s\n", t / 1e6, node >= 0 ? r->t->nodes[node].name : "lab",
		       name, text ? text : "");
}

static void vrecord(struct sim_run *r, int node, const char *src, const char *name,
		    const char *fmt, va_list ap)
{
	char text[512];

	vsnprintf(text, sizeof(text), fmt, ap);
	sim_record(r, node, src, name, text);
}

void sim_lab_event(struct sim_run *r, int node, const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrecord(r, node, "lab", name, fmt, ap);
	va_end(ap);
}

void sim_air_event(struct sim_run *r, int node, const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrecord(r, node, "air", name, fmt, ap);
	va_end(ap);
}

/* key=value or key="quoted value" from "k=v k2=\"v 2\" word" text, into
 * out (without the quotes). A quoted value is one value: a key=value
 * inside it is not a field. */
bool sim_event_kv(const char *text, const char *key, char *out, size_t len)
{
	size_t kl = strlen(key);
	const char *p = text;

	while (*p) {
		const char *v, *end, *next;
		bool match;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		match = kl && !strncmp(p, key, kl) && p[kl] == '=';
		v = p + strcspn(p, "= ");
		if (v[0] == '=' && v[1] == '"') {
			v += 2;
			end = strchr(v, '"');
			if (!end)
				end = v + strlen(v);
			next = *end ? end + 1 : end;
		} else {
			if (*v == '=')
				v++;
			end = v + strcspn(v, " ");
			next = end;
		}
		if (match) {
			snprintf(out, len, "%.*s", (int)(end - v), v);
			return true;
		}
		p = next;
	}
	return false;
}
