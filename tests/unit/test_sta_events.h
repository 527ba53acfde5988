/* SPDX-License-Identifier: MIT */
/* test_sta_events.h: what the station tests observe of a station: its
 * events, recorded as type + fields by test_events.h (sta_ev_record() is
 * the station's event sink, or called from one), and its status words
 * (sta_status_get(), as the status command prints them). Station tests
 * assert on these, not on struct sta's fields. */
#ifndef ROAMLAB_TEST_STA_EVENTS_H
#define ROAMLAB_TEST_STA_EVENTS_H

#include <check.h>

#include "test_events.h"
#include "../../sta/sme.h"

/* Record one station event in rec (a struct test_evrec *): its fields as
 * the control socket prints them, t= (loop microseconds) first. */
static inline void sta_ev_record(void *rec, const struct sta_event *ev)
{
	struct test_ev *e = test_ev_add(rec, ev->name);
	char t[24];

	if (!e)
		return;
	snprintf(t, sizeof(t), "%llu", (unsigned long long)ev->t_us);
	test_ev_add_field(e, "t", t);
	for (size_t i = 0; i < ev->n_kv; i++)
		test_ev_add_field(e, ev->kv[i].key, ev->kv[i].val);
}

/* The new= of the last STATE event (marks aside); NULL if none. */
static inline const char *sta_ev_last_state(const struct test_evrec *rec)
{
	for (int i = rec->n; i-- > 0;)
		if (!strcmp(rec->ev[i].type, "STATE"))
			return test_ev_field(&rec->ev[i], "new");
	return NULL;
}

/* One status word of s (a static buffer, valid until the next call). */
static inline const char *sta_status_of(struct sta *s, const char *key)
{
	static char v[160];

	ck_assert_msg(sta_status_get(s, key, v, sizeof(v)), "no status key %s", key);
	return v;
}

/* The station is in SME state want ("AUTHENTICATING", ...): its status says
 * so, and so does its last STATE event. */
#define ck_assert_sta_state(rec, s, want)					\
	do {									\
		const char *last_ = sta_ev_last_state(rec);			\
		ck_assert_str_eq(sta_status_of((s), "sme_state"), (want));	\
		ck_assert_ptr_nonnull(last_);					\
		ck_assert_str_eq(last_, (want));				\
	} while (0)

/* Every machine of the station announced each change as old -> new, each
 * old= the previous new=, from its first state: the SME (STATE), the roam
 * (BSS_TRANSITION), the scan (SCAN) and the TKIP countermeasures (TKIP). */
static inline void sta_ev_assert_chains(const struct test_evrec *rec)
{
	ck_assert_int_eq(rec->dropped, 0);
	ck_assert_int_ge(test_ev_chain(rec, "STATE", "", "IDLE"), 0);
	ck_assert_int_ge(test_ev_chain(rec, "BSS_TRANSITION", "", "NONE"), 0);
	ck_assert_int_ge(test_ev_chain(rec, "SCAN", "", "IDLE"), 0);
	ck_assert_int_ge(test_ev_chain(rec, "TKIP", "", "IDLE"), 0);
}

#endif
