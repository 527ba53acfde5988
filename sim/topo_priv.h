/* SPDX-License-Identifier: MIT */
/* topo_priv.h: what the pieces of the topology parser share (topo.c: the
 * statements; topo_expect.c; topo_check.c: inline keys; topo_diag.c: the
 * error list). Calls go from topo.c to the others, never back. Not for
 * other files. */
#ifndef ROAMLAB_SIM_TOPO_PRIV_H
#define ROAMLAB_SIM_TOPO_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "topo.h"

struct pctx {
	struct sim_topo *t;
	const char *name;
	int line;
	const char *key;	/* the key or statement word errors name */
	struct sim_diags *d;
	bool oom;
	bool in_repeat;
	int repeat_line;
	int repeat_n;
	int swap_a, swap_b;
	size_t block_start;
	/* Earliest time (from the start) the next step can run: an absolute
	 * "at T" before it goes backwards. */
	uint64_t t_floor;
	uint64_t block_floor;	/* t_floor where the repeat block began */
};

/* Record "file:line: key: message" (p->line, p->key); returns -EINVAL. */
int sim_fail(struct pctx *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Same for another line and key. */
int sim_fail_at(struct pctx *p, int line, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Is this a key a topology file may give inline for a node of this role? */
bool sim_inline_key_known(enum sim_role role, const char *key);
/* Check the inline keys of node n (values, faults, and the rules across
 * keys) with the programs' own rules; every problem is recorded. */
void sim_check_node_keys(struct pctx *p, const struct sim_node_cfg *n);
/* Check the command of a "ctl NODE COMMAND..." step where the lab knows
 * the program's grammar (fault commands to roamlab-sta). */
void sim_check_ctl(struct pctx *p, const struct sim_node_cfg *n, int argc, char **argv);

/* topo_expect.c: a node name to its index (recorded error if unknown); the
 * node must have this role for "what"; an "expect" statement (timeline:
 * inside an "at" step). Each returns 0 or -EINVAL after recording. */
int sim_node_arg(struct pctx *p, const char *name, int *idx);
int sim_need_role(struct pctx *p, int node, enum sim_role role, const char *what);
int sim_parse_expect(struct pctx *p, int ntok, char **tok, bool timeline,
		     struct sim_expect *e);

#endif
