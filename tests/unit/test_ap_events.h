/* SPDX-License-Identifier: MIT */
/* test_ap_events.h: a structured recorder of the AP's events for unit tests.
 * ap_set_event_hook(ap, test_ev_hook, &rec) records each event as its type
 * and its key=value fields (a value may be "quoted"); tests assert on the
 * type and the fields, never on substrings of the text. */
#ifndef TEST_AP_EVENTS_H
#define TEST_AP_EVENTS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define TEST_EV_MAX 512
#define TEST_EV_FIELDS 12

struct test_ev {
	char type[40];
	int nf;
	char key[TEST_EV_FIELDS][32];
	char val[TEST_EV_FIELDS][160];
};

struct test_evrec {
	struct test_ev ev[TEST_EV_MAX];
	int n;
	int dropped;
};

static inline void test_ev_reset(struct test_evrec *r)
{
	r->n = 0;
	r->dropped = 0;
}

/* Split "k=v k2=\"v 2\"" into fields of e. */
static inline void test_ev_parse(struct test_ev *e, const char *kv)
{
	const char *p = kv;

	e->nf = 0;
	while (*p && e->nf < TEST_EV_FIELDS) {
		const char *eq, *end;
		size_t kl, vl;

		while (*p == ' ')
			p++;
		eq = strchr(p, '=');
		if (!*p || !eq)
			break;
		kl = (size_t)(eq - p);
		snprintf(e->key[e->nf], sizeof(e->key[0]), "%.*s", (int)kl, p);
		p = eq + 1;
		if (*p == '"') {
			p++;
			end = strchr(p, '"');
			if (!end)
				end = p + strlen(p);
			vl = (size_t)(end - p);
			snprintf(e->val[e->nf], sizeof(e->val[0]), "%.*s", (int)vl, p);
			p = *end ? end + 1 : end;
		} else {
			end = strchr(p, ' ');
			if (!end)
				end = p + strlen(p);
			vl = (size_t)(end - p);
			snprintf(e->val[e->nf], sizeof(e->val[0]), "%.*s", (int)vl, p);
			p = end;
		}
		e->nf++;
	}
}

static inline void test_ev_hook(void *ctx, const char *name, const char *kv)
{
	struct test_evrec *r = ctx;
	struct test_ev *e;

	if (r->n >= TEST_EV_MAX) {
		r->dropped++;
		return;
	}
	e = &r->ev[r->n++];
	snprintf(e->type, sizeof(e->type), "%s", name);
	test_ev_parse(e, kv ? kv : "");
}

static inline const char *test_ev_field(const struct test_ev *e, const char *key)
{
	for (int i = 0; i < e->nf; i++)
		if (!strcmp(e->key[i], key))
			return e->val[i];
	return NULL;
}

/* Every field of want ("k=v k2=v2", may be "") is a field of e. */
static inline bool test_ev_match(const struct test_ev *e, const char *type,
				 const char *want)
{
	struct test_ev w;

	if (strcmp(e->type, type))
		return false;
	test_ev_parse(&w, want);
	for (int i = 0; i < w.nf; i++) {
		const char *v = test_ev_field(e, w.key[i]);

		if (!v || strcmp(v, w.val[i]))
			return false;
	}
	return true;
}

/* The first recorded event of type whose fields include want; NULL if none. */
static inline const struct test_ev *test_ev_find(const struct test_evrec *r,
						 const char *type, const char *want)
{
	for (int i = 0; i < r->n; i++)
		if (test_ev_match(&r->ev[i], type, want))
			return &r->ev[i];
	return NULL;
}

static inline int test_ev_count(const struct test_evrec *r, const char *type)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += !strcmp(r->ev[i].type, type);
	return n;
}

#endif
