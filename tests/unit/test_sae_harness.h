/* SPDX-License-Identifier: MIT */
/* test_sae_harness.h: two SAE instances wired back to back through their
 * tx ops, on a loop with a fake clock (as test_hs_harness.h does for the
 * 4-way handshake). Bodies are queued, not delivered re-entrantly;
 * sb_pump() delivers them, sb_run() also advances the clock to each timer.
 * Events are recorded as structured fields. */
#ifndef ROAMLAB_TEST_SAE_HARNESS_H
#define ROAMLAB_TEST_SAE_HARNESS_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "sae.h"
#include "util.h"
#include "test_rng.h"

#define SB_MAXQ 64
#define SB_MAXEV 256

struct sb_frame {
	uint8_t data[SAE_BODY_MAX];
	size_t len;
};

struct sb_ev {
	enum sae_event_type type;
	enum sae_msg msg;
	uint16_t status, group, prev_group, send_confirm;
	unsigned int sync, attempt;
	bool has_token;
	enum sae_reason reason;
	enum sae_state old_state, new_state;
	uint8_t pmkid[SAE_PMKID_LEN];
	uint64_t t_us;
};

struct sb;

/* Called on every body a side sends, before it is queued: may change it;
 * return false to lose it. */
typedef bool (*sb_filter)(struct sb *h, struct sb_frame *f, void *arg);

struct sb_side {
	struct sb *sb;
	uint64_t rng;
	struct sae *s;
	struct sae_config cfg;
	struct sb_frame q[SB_MAXQ];	/* in flight to the other side */
	size_t nq;
	unsigned int nsent;
	bool lose;			/* everything this side sends is lost */
	sb_filter filter;
	void *filter_arg;
	struct sb_ev ev[SB_MAXEV];
	size_t nev;
	struct sb_frame last;		/* the last body sent */
};

struct sb {
	uint64_t now;
	struct loop *loop;
	struct sb_side a, b;
};

static inline uint64_t sb_clock(void *ctx)
{
	return ((struct sb *)ctx)->now;
}

static inline int sb_tx(void *ctx, const uint8_t *peer, const uint8_t *body, size_t len)
{
	struct sb_side *s = ctx;
	struct sb_frame f;

	ck_assert_uint_le(len, SAE_BODY_MAX);
	memcpy(f.data, body, len);
	f.len = len;
	s->last = f;
	s->nsent++;
	if (s->lose || (s->filter && !s->filter(s->sb, &f, s->filter_arg)))
		return 0;
	ck_assert_uint_lt(s->nq, SB_MAXQ);
	s->q[s->nq++] = f;
	return 0;
}

static inline void sb_event(void *ctx, const struct sae_event *e)
{
	struct sb_side *s = ctx;
	struct sb_ev *r;

	ck_assert_ptr_nonnull(e->text);
	if (s->nev >= SB_MAXEV)
		return;
	r = &s->ev[s->nev++];
	memset(r, 0, sizeof(*r));
	r->type = e->type;
	r->msg = e->msg;
	r->status = e->status;
	r->group = e->group;
	r->prev_group = e->prev_group;
	r->send_confirm = e->send_confirm;
	r->sync = e->sync;
	r->attempt = e->attempt;
	r->has_token = e->has_token;
	r->reason = e->reason;
	r->old_state = e->old_state;
	r->new_state = e->new_state;
	if (e->pmkid)
		memcpy(r->pmkid, e->pmkid, SAE_PMKID_LEN);
	r->t_us = s->sb->now;
}

/* Deterministic bytes (tests only). */
static inline int sb_random(void *ctx, uint8_t *buf, size_t len)
{
	struct sb_side *s = ctx;

	test_rng_bytes(&s->rng, buf, len);
	return 0;
}

static const struct sae_ops sb_ops = {
	.tx = sb_tx,
	.event = sb_event,
	.random = sb_random,
};

static const uint8_t sb_addr_a[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };	/* STA */
static const uint8_t sb_addr_b[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };	/* AP */

/* Configs for a (STA) and b (AP): password, groups {group}, H&P; the
 * caller may change h->a.cfg / h->b.cfg before sb_create(). */
static inline void sb_init(struct sb *h, uint16_t group)
{
	memset(h, 0, sizeof(*h));
	log_set_level(LOG_LVL_ERROR);
	h->now = 1000000;
	h->loop = loop_new();
	ck_assert_ptr_nonnull(h->loop);
	loop_set_clock(h->loop, sb_clock, h);
	h->a.sb = h;
	h->b.sb = h;
	h->a.rng = 0x1234567887654321ULL;
	h->b.rng = 0x0fedcba987654321ULL;
	for (int i = 0; i < 2; i++) {
		struct sb_side *s = i ? &h->b : &h->a;

		sae_config_init(&s->cfg);
		memcpy(s->cfg.own_addr, i ? sb_addr_b : sb_addr_a, 6);
		memcpy(s->cfg.peer_addr, i ? sb_addr_a : sb_addr_b, 6);
		ck_assert_int_eq(sae_config_set_password(&s->cfg, "correct horse battery"), 0);
		memcpy(s->cfg.ssid, "roamlab", 7);
		s->cfg.ssid_len = 7;
		s->cfg.groups[0] = group;
		s->cfg.n_groups = 1;
	}
}

static inline void sb_create(struct sb *h)
{
	h->a.s = sae_new(h->loop, &h->a.cfg, &sb_ops, &h->a);
	h->b.s = sae_new(h->loop, &h->b.cfg, &sb_ops, &h->b);
	ck_assert_ptr_nonnull(h->a.s);
	ck_assert_ptr_nonnull(h->b.s);
}

static inline void sb_free(struct sb *h)
{
	sae_free(h->a.s);
	sae_free(h->b.s);
	loop_free(h->loop);
}

/* Deliver queued bodies (a's to b, b's to a) until none are left. */
static inline void sb_pump(struct sb *h)
{
	for (int guard = 0; guard < 1000 && (h->a.nq || h->b.nq); guard++) {
		for (int i = 0; i < 2; i++) {
			struct sb_side *from = i ? &h->b : &h->a, *to = i ? &h->a : &h->b;
			struct sb_frame f;

			if (!from->nq)
				continue;
			f = from->q[0];
			memmove(from->q, from->q + 1, (from->nq - 1) * sizeof(f));
			from->nq--;
			ck_assert_int_eq(sae_rx(to->s, f.data, f.len), 0);
		}
	}
}

/* Pump, then advance the clock to each due timer, up to max_us of fake
 * time. */
static inline void sb_run(struct sb *h, uint64_t max_us)
{
	uint64_t end = h->now + max_us;

	sb_pump(h);
	for (;;) {
		uint64_t next = loop_next_timer_us(h->loop);

		if (next == UINT64_MAX || h->now + next > end)
			break;
		h->now += next;
		loop_run_timers(h->loop);
		sb_pump(h);
	}
}

static inline size_t sb_count(const struct sb_side *s, enum sae_event_type t)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nev; i++)
		n += s->ev[i].type == t;
	return n;
}

/* The first event of type t (and reason r unless SAE_R_NONE), or NULL. */
static inline const struct sb_ev *sb_find(const struct sb_side *s, enum sae_event_type t,
					  enum sae_reason r)
{
	for (size_t i = 0; i < s->nev; i++)
		if (s->ev[i].type == t && (r == SAE_R_NONE || s->ev[i].reason == r))
			return &s->ev[i];
	return NULL;
}

/* The n-th (0-based) TX event of msg m, or NULL. */
static inline const struct sb_ev *sb_tx_ev(const struct sb_side *s, enum sae_msg m, size_t n)
{
	for (size_t i = 0; i < s->nev; i++)
		if (s->ev[i].type == SAE_EV_TX && s->ev[i].msg == m && n-- == 0)
			return &s->ev[i];
	return NULL;
}

/* Both Accepted with the same PMK and PMKID, in group g. */
static inline void sb_assert_done(struct sb *h, uint16_t g)
{
	uint8_t pa[SAE_PMK_LEN], pb[SAE_PMK_LEN], ia[SAE_PMKID_LEN], ib[SAE_PMKID_LEN];
	const struct sb_ev *ea = sb_find(&h->a, SAE_EV_ACCEPTED, SAE_R_NONE);
	const struct sb_ev *eb = sb_find(&h->b, SAE_EV_ACCEPTED, SAE_R_NONE);

	ck_assert_int_eq(sae_state(h->a.s), SAE_STATE_ACCEPTED);
	ck_assert_int_eq(sae_state(h->b.s), SAE_STATE_ACCEPTED);
	ck_assert_uint_eq(sae_group(h->a.s), g);
	ck_assert_uint_eq(sae_group(h->b.s), g);
	ck_assert_int_eq(sae_get_pmk(h->a.s, pa, ia), 0);
	ck_assert_int_eq(sae_get_pmk(h->b.s, pb, ib), 0);
	ck_assert_mem_eq(pa, pb, SAE_PMK_LEN);
	ck_assert_mem_eq(ia, ib, SAE_PMKID_LEN);
	ck_assert_ptr_nonnull(ea);
	ck_assert_ptr_nonnull(eb);
	ck_assert_uint_eq(ea->group, g);
	ck_assert_mem_eq(ea->pmkid, ia, SAE_PMKID_LEN);
	ck_assert_mem_eq(eb->pmkid, ib, SAE_PMKID_LEN);
}

#endif
