/* SPDX-License-Identifier: MIT */
/* test_hs_harness.h: an authenticator (with its group) and a supplicant
 * wired back-to-back in one process, with fake ops and a fake clock.
 * Frames are queued, not delivered re-entrantly; hb_pump() delivers them. */
#ifndef ROAMLAB_TEST_HS_HARNESS_H
#define ROAMLAB_TEST_HS_HARNESS_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "util.h"
#include "test_rng.h"

#define HB_MAXQ 64
#define HB_MAXEV 512
#define HB_MAXKEY 16

struct hb_frame {
	uint8_t data[EAPOL_KEY_FRAME_MAX];
	size_t len;
	uint64_t t_us;
};

struct hb_key {
	enum hs_key_kind kind;
	uint32_t cipher;
	uint8_t idx;
	uint8_t key[32];
	size_t len;
	uint8_t seq[8];
	bool set_tx;
	uint64_t t_us;
};

struct hb_ev {
	enum hs_event_type type;
	enum eapol_msg msg;
	int attempt;
	uint16_t reason;
	enum hs_request request;
	bool rate_limited;
	enum hs_fault_kind fault;	/* HS_EV_FAULT */
	uint32_t delay_ms;
	uint64_t t_us;
	char text[320];
	char diag[200];
};

struct hb;

struct hb_side {
	struct hb *hb;
	const char *name;
	uint64_t rng;
	struct hb_frame q[HB_MAXQ];	/* in flight to the other side */
	size_t nq;
	bool hold;			/* do not deliver (keep queued) */
	struct hb_frame sent[HB_MAXQ];	/* every frame sent */
	size_t nsent;
	struct hb_key keys[HB_MAXKEY];
	size_t nkeys;
	struct hb_ev ev[HB_MAXEV];
	size_t nev;
};

struct hb {
	uint64_t now;
	struct loop *loop;
	struct hb_side ap, sta;
	struct hs_group *g;
	struct hs_auth *a;
	struct hs_supp *s;
	struct hs_config acfg, scfg;
	struct hs_ap_policy pol;
	uint8_t psk[PMK_LEN];
};

static inline uint64_t hb_clock(void *ctx)
{
	return ((struct hb *)ctx)->now;
}

static inline int hb_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct hb_side *s = ctx;

	ck_assert_uint_le(len, EAPOL_KEY_FRAME_MAX);
	ck_assert_uint_lt(s->nq, HB_MAXQ);
	memcpy(s->q[s->nq].data, frame, len);
	s->q[s->nq].len = len;
	s->q[s->nq].t_us = s->hb->now;
	s->nq++;
	if (s->nsent < HB_MAXQ) {
		s->sent[s->nsent] = s->q[s->nq - 1];
		s->nsent++;
	}
	return 0;
}

static inline int hb_install(void *ctx, const struct hs_key *k)
{
	struct hb_side *s = ctx;
	struct hb_key *r;

	ck_assert_uint_lt(s->nkeys, HB_MAXKEY);
	ck_assert_uint_le(k->key_len, 32);
	r = &s->keys[s->nkeys++];
	r->kind = k->kind;
	r->cipher = k->cipher;
	r->idx = k->key_idx;
	memcpy(r->key, k->key, k->key_len);
	r->len = k->key_len;
	if (k->seq)
		memcpy(r->seq, k->seq, k->seq_len < 8 ? k->seq_len : 8);
	r->set_tx = k->set_tx;
	r->t_us = s->hb->now;
	return 0;
}

static inline void hb_event(void *ctx, const struct hs_event *e)
{
	struct hb_side *s = ctx;
	struct hb_ev *r;

	if (s->nev >= HB_MAXEV)
		return;
	r = &s->ev[s->nev++];
	r->type = e->type;
	r->msg = e->msg;
	r->attempt = e->attempt;
	r->reason = e->reason_code;
	r->request = e->request;
	r->rate_limited = e->rate_limited;
	r->fault = e->fault;
	r->delay_ms = e->delay_ms;
	r->t_us = s->hb->now;
	snprintf(r->text, sizeof(r->text), "%s", e->text ? e->text : "");
	snprintf(r->diag, sizeof(r->diag), "%s", e->diagnosis ? e->diagnosis : "");
}

/* Deterministic bytes (tests only: never for real keys). */
static inline int hb_random(void *ctx, uint8_t *buf, size_t len)
{
	struct hb_side *s = ctx;

	test_rng_bytes(&s->rng, buf, len);
	return 0;
}

static const struct hs_ops hb_ops = {
	.tx = hb_tx,
	.install_key = hb_install,
	.event = hb_event,
	.random = hb_random,
};

static const uint8_t hb_aa[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
static const uint8_t hb_spa[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t hb_old_aa[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };

/* Build configs for: AP policy (wpa, pairwise sets) and the STA's choice
 * (proto, pairwise). Does not create the objects. */
static inline void hb_config(struct hb *h, unsigned int wpa, uint32_t ap_pairwise,
		      enum ie_proto sta_proto, uint32_t sta_pairwise)
{
	uint8_t ies[2 * IE_MAX_LEN];
	size_t ies_len;
	enum ie_proto proto;
	uint32_t pw;
	uint16_t status;
	const char *why;

	h->pol.wpa = wpa;
	h->pol.wpa_pairwise = ap_pairwise;
	h->pol.rsn_pairwise = ap_pairwise;
	ck_assert_int_eq(hs_ap_policy_build_ies(&h->pol, ies, sizeof(ies), &ies_len), 0);
	for (size_t i = 0; i < PMK_LEN; i++)
		h->psk[i] = (uint8_t)(0x40 + i);

	hs_config_init(&h->scfg, HS_ROLE_SUPPLICANT);
	h->scfg.proto = sta_proto;
	h->scfg.pairwise_cipher = sta_pairwise;
	h->scfg.group_cipher = hs_ap_policy_group_cipher(&h->pol);
	memcpy(h->scfg.pmk, h->psk, PMK_LEN);
	memcpy(h->scfg.aa, hb_aa, 6);
	memcpy(h->scfg.spa, hb_spa, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&h->scfg), 0);
	/* the AP's element for this proto, as in its Beacon */
	{
		const uint8_t *e;
		size_t elen;

		e = sta_proto == IE_PROTO_RSN ? ie_find(ies, ies_len, IE_RSN, &elen) :
						ie_find_wpa(ies, ies_len, &elen);
		ck_assert_ptr_nonnull(e);
		memcpy(h->scfg.peer_ie, e, elen);
		h->scfg.peer_ie_len = elen;
	}

	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&h->pol, h->scfg.own_ie,
						     h->scfg.own_ie_len, &proto, &pw,
						     &status, &why), 0);
	ck_assert_int_eq(proto, sta_proto);
	ck_assert_uint_eq(pw, sta_pairwise);

	hs_config_init(&h->acfg, HS_ROLE_AUTHENTICATOR);
	h->acfg.proto = proto;
	h->acfg.pairwise_cipher = pw;
	h->acfg.group_cipher = hs_ap_policy_group_cipher(&h->pol);
	memcpy(h->acfg.pmk, h->psk, PMK_LEN);
	memcpy(h->acfg.aa, hb_aa, 6);
	memcpy(h->acfg.spa, hb_spa, 6);
	ck_assert_int_eq(hs_ap_policy_build_ie(&h->pol, proto, h->acfg.own_ie,
					       sizeof(h->acfg.own_ie),
					       &h->acfg.own_ie_len), 0);
	memcpy(h->acfg.peer_ie, h->scfg.own_ie, h->scfg.own_ie_len);
	h->acfg.peer_ie_len = h->scfg.own_ie_len;
}

static inline struct hb *hb_new(void)
{
	struct hb *h = calloc(1, sizeof(*h));

	ck_assert_ptr_nonnull(h);
	h->now = 1000000;
	h->loop = loop_new();
	ck_assert_ptr_nonnull(h->loop);
	loop_set_clock(h->loop, hb_clock, h);
	h->ap.hb = h;
	h->ap.name = "ap";
	h->ap.rng = 0x1234567887654321ull;
	h->sta.hb = h;
	h->sta.name = "sta";
	h->sta.rng = 0x0fedcba987654321ull;
	log_set_level(LOG_LVL_ERROR);
	return h;
}

/* Create group, authenticator and supplicant from h->acfg/h->scfg. */
static inline void hb_create(struct hb *h)
{
	struct hs_group_config gc = { 0 };

	gc.group_cipher = h->acfg.group_cipher;
	memcpy(gc.aa, hb_aa, 6);
	gc.eapol_version = 2;
	hs_timeouts_default(&gc.timeouts);
	h->g = hs_group_new(h->loop, &gc, &hb_ops, &h->ap);
	ck_assert_ptr_nonnull(h->g);
	h->a = hs_auth_new(h->loop, h->g, &h->acfg, &hb_ops, &h->ap);
	ck_assert_ptr_nonnull(h->a);
	h->s = hs_supp_new(h->loop, &h->scfg, &hb_ops, &h->sta);
	ck_assert_ptr_nonnull(h->s);
}

static inline void hb_free(struct hb *h)
{
	hs_supp_free(h->s);
	hs_auth_free(h->a);
	hs_group_free(h->g);
	loop_free(h->loop);
	free(h);
}

static inline bool hb_pop(struct hb_side *s, struct hb_frame *out)
{
	if (!s->nq)
		return false;
	*out = s->q[0];
	memmove(s->q, s->q + 1, (s->nq - 1) * sizeof(s->q[0]));
	s->nq--;
	return true;
}

/* Deliver queued frames (both ways) until none are left. */
static inline void hb_pump(struct hb *h)
{
	struct hb_frame f;
	bool moved = true;

	while (moved) {
		moved = false;
		if (!h->ap.hold && hb_pop(&h->ap, &f)) {
			ck_assert_int_eq(hs_supp_rx(h->s, f.data, f.len), 0);
			moved = true;
		}
		if (!h->sta.hold && hb_pop(&h->sta, &f)) {
			ck_assert_int_eq(hs_auth_rx(h->a, f.data, f.len), 0);
			moved = true;
		}
	}
}

/* Advance the fake clock to now + ms, firing timers at their due times and
 * delivering frames in between. */
static inline void hb_advance(struct hb *h, uint64_t ms)
{
	uint64_t end = h->now + ms * 1000;

	hb_pump(h);
	for (;;) {
		uint64_t next = loop_next_timer_us(h->loop);

		if (next == UINT64_MAX || h->now + next > end)
			break;
		h->now += next;
		loop_run_timers(h->loop);
		hb_pump(h);
	}
	h->now = end;
}

static inline size_t hb_count(const struct hb_side *s, enum hs_event_type t)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nev; i++)
		n += s->ev[i].type == t;
	return n;
}

static inline const struct hb_ev *hb_find(const struct hb_side *s, enum hs_event_type t)
{
	for (size_t i = 0; i < s->nev; i++)
		if (s->ev[i].type == t)
			return &s->ev[i];
	return NULL;
}

static inline size_t hb_nkeys(const struct hb_side *s, enum hs_key_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nkeys; i++)
		n += s->keys[i].kind == k;
	return n;
}

static inline const struct hb_key *hb_last_key(const struct hb_side *s, enum hs_key_kind k)
{
	for (size_t i = s->nkeys; i > 0; i--)
		if (s->keys[i - 1].kind == k)
			return &s->keys[i - 1];
	return NULL;
}

static inline uint16_t hb_key_info(const struct hb_frame *f)
{
	return get_be16(f->data + EAPOL_KEY_OFF_INFO);
}

#endif
