// SPDX-License-Identifier: MIT
/* topo_load.c: reading a topology from a file or a string, with the
 * diagnostics as text (the entry points of sim/topo.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_priv.h"

struct sim_topo *sim_topo_check_file(const char *path, struct sim_diags *d)
{
	struct pctx p = { .name = path, .d = d };
	FILE *f = fopen(path, "r");
	struct sim_topo *t = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = NULL;
	char chunk[4096];
	size_t n;

	if (!f) {
		sim_fail_at(&p, 0, "file", "%s", strerror(errno));
		return NULL;
	}
	m = open_memstream(&buf, &len);
	if (!m) {
		sim_fail_at(&p, 0, "file", "out of memory");
		goto cleanup;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	if (fclose(m) || !buf) {
		sim_fail_at(&p, 0, "file", "out of memory");
		goto cleanup;
	}
	if (strlen(buf) != len)
		sim_fail_at(&p, 0, "file", "contains a NUL byte");
	else
		t = sim_topo_check_text(path, buf, d);
cleanup:
	fclose(f);
	free(buf);
	return t;
}

/* The diagnostics as "file:line: key: message" lines into err. */
static void diags_to_string(struct sim_diags *d, char *err, size_t errlen)
{
	FILE *m;
	char *buf = NULL;
	size_t len = 0;

	if (!errlen)
		return;
	err[0] = '\0';
	m = open_memstream(&buf, &len);
	if (!m)
		return;
	sim_diags_print(d, m);
	if (!fclose(m) && buf) {
		if (len && buf[len - 1] == '\n')
			buf[--len] = '\0';
		snprintf(err, errlen, "%s", buf);
	}
	free(buf);
}

struct sim_topo *sim_topo_parse(const char *name, const char *text, char *err,
				size_t errlen)
{
	struct sim_diags d = { 0 };
	struct sim_topo *t = sim_topo_check_text(name, text, &d);

	diags_to_string(&d, err, errlen);
	sim_diags_free(&d);
	return t;
}

struct sim_topo *sim_topo_load(const char *path, char *err, size_t errlen)
{
	struct sim_diags d = { 0 };
	struct sim_topo *t = sim_topo_check_file(path, &d);

	diags_to_string(&d, err, errlen);
	sim_diags_free(&d);
	return t;
}
