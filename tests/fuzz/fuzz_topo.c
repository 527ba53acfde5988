// SPDX-License-Identifier: MIT
/* fuzz_topo: the topology checker (sim/topo.c, sim/topo_check.c and the
 * rules it shares with the programs) on any text. Checked: it never
 * crashes or leaks; every problem names the file, a line of the input and
 * a key, with a message; a topology comes back exactly when there is no
 * problem, and then every node index in it is in range. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sim/topo.h"
#include "log.h"

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
			__LINE__, #c);					\
		abort();						\
	}								\
} while (0)

#define NAME "fuzz.topo"

static void check_topo(const struct sim_topo *t)
{
	int n = (int)t->n_nodes;

	CHECK(n > 0 && n <= SIM_NODES_MAX);
	for (size_t i = 0; i < t->n_steps; i++) {
		const struct sim_step *s = &t->steps[i];

		CHECK(s->node >= -1 && s->node < n);
		CHECK(s->npts <= SIM_PATH_MAX);
		if (s->kind == SIM_STEP_EXPECT) {
			CHECK(s->ex.node >= -1 && s->ex.node < n);
			CHECK(s->ex.node2 >= -2 && s->ex.node2 < n);
		}
	}
	for (size_t i = 0; i < t->n_expects; i++) {
		CHECK(t->expects[i].node >= -1 && t->expects[i].node < n);
		CHECK(t->expects[i].node2 >= -2 && t->expects[i].node2 < n);
	}
	for (size_t i = 0; i < t->n_pings; i++) {
		CHECK(t->pings[i].sta >= 0 && t->pings[i].sta < n);
		CHECK(t->pings[i].dest >= -1 && t->pings[i].dest < n);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_diags d = { 0 };
	struct sim_topo *t;
	char *text;
	int lines = 1;

	if (size > 65536)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (const char *c = text; *c; c++)
		lines += *c == '\n';
	log_set_level(LOG_LVL_ERROR);
	t = sim_topo_check_text(NAME, text, &d);
	CHECK((t != NULL) == (d.n == 0));
	for (size_t i = 0; i < d.n; i++) {
		CHECK(!strcmp(d.v[i].file, NAME));
		CHECK(d.v[i].line >= 0 && d.v[i].line <= lines);
		CHECK(d.v[i].key[0] != '\0');
		CHECK(d.v[i].msg[0] != '\0');
	}
	if (t)
		check_topo(t);
	sim_topo_free(t);
	sim_diags_free(&d);
	free(text);
	return 0;
}
