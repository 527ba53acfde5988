// SPDX-License-Identifier: MIT
/* topo_diag.c: the topology checker's diagnostics: every problem recorded
 * as "file:line: key: message", all of a file's problems kept. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_priv.h"

static int vfail(struct pctx *p, int line, const char *key, const char *fmt, va_list ap)
{
	struct sim_diag *v, *e;

	v = realloc(p->d->v, (p->d->n + 1) * sizeof(*v));
	if (!v) {
		p->oom = true;
		return -ENOMEM;
	}
	p->d->v = v;
	e = &v[p->d->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->file, sizeof(e->file), "%s", p->name);
	e->line = line;
	snprintf(e->key, sizeof(e->key), "%s", key ? key : "");
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return -EINVAL;
}

int sim_fail(struct pctx *p, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfail(p, p->line, p->key, fmt, ap);
	va_end(ap);
	return ret;
}

int sim_fail_at(struct pctx *p, int line, const char *key, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfail(p, line, key, fmt, ap);
	va_end(ap);
	return ret;
}

void sim_diags_free(struct sim_diags *d)
{
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

void sim_diags_print(const struct sim_diags *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct sim_diag *e = &d->v[i];

		if (e->line)
			fprintf(f, "%s:%d: %s: %s\n", e->file, e->line, e->key, e->msg);
		else
			fprintf(f, "%s: %s: %s\n", e->file, e->key, e->msg);
	}
}
