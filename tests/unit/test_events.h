/* SPDX-License-Identifier: MIT */
/* test_events.h: a structured recorder of a program's events for unit
 * tests: each event is its type and its key=value fields; tests assert on
 * the type and the fields, never on substrings of the text.
 *  - the AP: ap_set_event_hook(ap, test_ev_hook, &rec) (text "k=v k2=\"v 2\"",
 *    split here);
 *  - the station: test_sta_events.h turns each struct sta_event into one
 *    (test_ev_add, test_ev_add_field). */
#ifndef TEST_EVENTS_H
#define TEST_EVENTS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define TEST_EV_MAX 512
#define TEST_EV_FIELDS 17	/* a station event: t= and up to 16 */

struct test_ev {
	char type[40];
	int nf;
	char key[TEST_EV_FIELDS][32];
	char val[TEST_EV_FIELDS][160];
};

struct test_evrec {
	struct test_ev ev[TEST_EV_MAX];
	int n;
	int from;		/* test_ev_find/count look from here on */
	int dropped;
};

static inline void test_ev_reset(struct test_evrec *r)
{
	r->n = 0;
	r->from = 0;
	r->dropped = 0;
}

/* Later finds see only events recorded after this call; chains see all. */
static inline void test_ev_mark(struct test_evrec *r)
{
	r->from = r->n;
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

/* A new event of this type without fields; NULL (counted in dropped) when
 * the record is full. */
static inline struct test_ev *test_ev_add(struct test_evrec *r, const char *type)
{
	struct test_ev *e;

	if (r->n >= TEST_EV_MAX) {
		r->dropped++;
		return NULL;
	}
	e = &r->ev[r->n++];
	snprintf(e->type, sizeof(e->type), "%s", type);
	e->nf = 0;
	return e;
}

/* One more field; a value in double quotes is kept without them, as the
 * parser does. */
static inline void test_ev_add_field(struct test_ev *e, const char *key, const char *val)
{
	size_t vl = strlen(val);

	if (e->nf >= TEST_EV_FIELDS)
		return;
	snprintf(e->key[e->nf], sizeof(e->key[0]), "%s", key);
	if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"')
		snprintf(e->val[e->nf], sizeof(e->val[0]), "%.*s", (int)(vl - 2), val + 1);
	else
		snprintf(e->val[e->nf], sizeof(e->val[0]), "%s", val);
	e->nf++;
}

static inline void test_ev_hook(void *ctx, const char *name, const char *kv)
{
	struct test_ev *e = test_ev_add(ctx, name);

	if (!e)
		return;
	/* hostapd's words (ap_event_text): one field, text */
	if (!strcmp(name, "TEXT"))
		test_ev_add_field(e, "text", kv ? kv : "");
	else
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
	for (int i = r->from; i < r->n; i++)
		if (test_ev_match(&r->ev[i], type, want))
			return &r->ev[i];
	return NULL;
}

static inline int test_ev_count(const struct test_evrec *r, const char *type)
{
	int n = 0;

	for (int i = r->from; i < r->n; i++)
		n += !strcmp(r->ev[i].type, type);
	return n;
}

/* How many recorded events of type have fields that include want. */
static inline int test_ev_count_match(const struct test_evrec *r, const char *type,
				      const char *want)
{
	int n = 0;

	for (int i = r->from; i < r->n; i++)
		n += test_ev_match(&r->ev[i], type, want);
	return n;
}

/* In order: the first event of type with want at index *pos or later (and
 * not before the mark); *pos moves past it. NULL, *pos unchanged, if none. */
static inline const struct test_ev *test_ev_next(const struct test_evrec *r, int *pos,
						 const char *type, const char *want)
{
	for (int i = *pos > r->from ? *pos : r->from; i < r->n; i++)
		if (test_ev_match(&r->ev[i], type, want)) {
			*pos = i + 1;
			return &r->ev[i];
		}
	return NULL;
}

/* The last recorded event of type with want; NULL if none. */
static inline const struct test_ev *test_ev_last(const struct test_evrec *r,
						 const char *type, const char *want)
{
	for (int i = r->n; i-- > r->from;)
		if (test_ev_match(&r->ev[i], type, want))
			return &r->ev[i];
	return NULL;
}

/* Each state event (type, keyed by key_field or "" for one machine) is a
 * transition: its old= is the previous event's new=, the first one's old=
 * is first. Returns the number of events checked, -1 on a broken chain. */
static inline int test_ev_chain(const struct test_evrec *r, const char *type,
				const char *key_field, const char *first)
{
	int checked = 0;

	for (int i = 0; i < r->n; i++) {
		const struct test_ev *e = &r->ev[i];
		const char *key = key_field[0] ? test_ev_field(e, key_field) : "";
		const char *expect = first;

		if (strcmp(e->type, type))
			continue;
		for (int j = i - 1; j >= 0; j--) {
			const struct test_ev *p = &r->ev[j];
			const char *pk = key_field[0] ? test_ev_field(p, key_field) : "";

			if (!strcmp(p->type, type) && pk && key && !strcmp(pk, key)) {
				expect = test_ev_field(p, "new");
				break;
			}
		}
		if (!key || !expect || !test_ev_field(e, "old") || !test_ev_field(e, "new") ||
		    strcmp(test_ev_field(e, "old"), expect))
			return -1;
		checked++;
	}
	return checked;
}

#endif
