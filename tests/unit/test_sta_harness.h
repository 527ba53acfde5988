/* SPDX-License-Identifier: MIT */
/* test_sta_harness.h: the station (sta/sme.c) on the one fake driver of the
 * sta tests, against common/'s authenticator (hs_group + hs_auth) for each
 * of two APs of one ESS, in one process with a fake clock.
 *
 * The fake driver records what the station asks of it (auth, assoc with its
 * element, scans, keys, port authorization, deauthentications with their
 * reason) and queues the EAPOL frames it sends; pump() delivers frames both
 * ways, advance() moves the clock and fires timers. Every struct sta_event
 * the station emits is kept in evs[] (ev_find, ev_count). */
#ifndef ROAMLAB_TEST_STA_HARNESS_H
#define ROAMLAB_TEST_STA_HARNESS_H

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "crypto.h"
#include "drv.h"
#include "eapol.h"
#include "handshake.h"
#include "ie.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"
#include "hs_fault.h"
#include "../../sta/sme.h"

#define NAP 2
#define MAXQ 32
#define MAXK 16

struct frame {
	uint8_t dst[6];
	uint8_t data[EAPOL_KEY_FRAME_MAX];
	size_t len;
};

struct key_rec {
	bool pairwise;
	int idx;
	uint32_t cipher;
	uint8_t key[32];
	size_t len;
};

struct ap {
	int n;			/* index */
	uint8_t bssid[6];
	uint32_t freq;
	bool up;
	struct hs_ap_policy pol;
	struct hs_group *g;
	struct hs_auth *a;
	struct frame q[MAXQ];	/* to the station */
	size_t nq;
	/* what the authenticator installed */
	uint8_t ptk_tk[32];
	size_t ptk_len;
	unsigned int mic_failures;
	unsigned int deauth_requests;
	unsigned int m2_rx;
	unsigned int drops;		/* frames it dropped (or replays) */
	struct frame sent[MAXQ];	/* every frame it sent, in order */
	size_t nsent;
	/* test knobs for the next ap_assoc() */
	bool silent;			/* never start the 4-way handshake */
	struct hs_faults faults;	/* the authenticator's faults */
	uint8_t m3_ie[IE_MAX_LEN];	/* non-empty: the element sent in 3/4
					 * instead of the one in its Beacon */
	size_t m3_ie_len;
};

struct fake {
	struct drv base;
	uint8_t mac[6];
	struct frame q[MAXQ];	/* from the station */
	size_t nq;
	struct frame sent[MAXQ];	/* every EAPOL frame, for inspection */
	size_t nsent;
	struct key_rec keys[MAXK];
	size_t nkeys;
	unsigned int n_authorize;
	int n_auth, n_assoc, n_scan;
	uint8_t assoc_ie[IE_MAX_LEN];
	size_t assoc_ie_len;
	bool assoc_reassoc;
	uint8_t assoc_prev[6];
	int n_deauth;			/* deauthentications the station sent */
	uint16_t deauth_reason;		/* the last one's reason code */
	uint8_t deauth_bssid[6];
};

static struct fake *g_fake;
static struct ap aps[NAP];
static struct loop *lp;
static uint64_t now_us;
static struct sta_conf *sconf;
static struct sta *st;
static char err[512];
static uint8_t psk[PMK_LEN];

/* every event the station emitted, in order */
#define MAXEV 512
static struct sta_event evs[MAXEV];
static size_t nevs;

static inline void ev_sink(void *ctx, const struct sta_event *ev)
{
	if (nevs < MAXEV)
		evs[nevs++] = *ev;
}

/* The first event named name at or after index *from whose key equals val
 * (key NULL: any); *from moves past it. NULL if none. */
static inline const struct sta_event *ev_find(size_t *from, const char *name,
					      const char *key, const char *val)
{
	for (size_t i = *from; i < nevs; i++) {
		const char *v;

		if (strcmp(evs[i].name, name))
			continue;
		v = key ? sta_event_get(&evs[i], key) : NULL;
		if (key && (!v || strcmp(v, val)))
			continue;
		*from = i + 1;
		return &evs[i];
	}
	return NULL;
}

/* How many events named name (with key=val, key NULL: any). */
static inline size_t ev_count(const char *name, const char *key, const char *val)
{
	size_t from = 0, n = 0;

	while (ev_find(&from, name, key, val))
		n++;
	return n;
}

static inline uint64_t clock_fn(void *ctx)
{
	return now_us;
}

/* --- fake driver ------------------------------------------------------------ */

static const struct drv_ops fake_ops;

static inline struct drv *f_init(struct loop *l, const char *ifname, const struct drv_events *ev,
			  void *ctx)
{
	struct fake *f = calloc(1, sizeof(*f));

	f->base.ops = &fake_ops;
	f->base.loop = l;
	f->base.ev = ev;
	f->base.ev_ctx = ctx;
	f->mac[0] = 0x02;
	f->mac[5] = 0x99;
	g_fake = f;
	return &f->base;
}

static inline void f_deinit(struct drv *d)
{
	free(d);
}

static inline int f_get_info(struct drv *d, struct drv_ifinfo *i)
{
	memset(i, 0, sizeof(*i));
	memcpy(i->mac, ((struct fake *)d)->mac, 6);
	i->iftype = DRV_IFTYPE_STATION;
	return 0;
}

static inline int f_auth(struct drv *d, const struct drv_auth_params *p)
{
	((struct fake *)d)->n_auth++;
	return 0;
}

static inline int f_assoc(struct drv *d, const struct drv_assoc_params *p)
{
	struct fake *f = (struct fake *)d;

	f->n_assoc++;
	ck_assert_uint_le(p->ies_len, sizeof(f->assoc_ie));
	memcpy(f->assoc_ie, p->ies, p->ies_len);
	f->assoc_ie_len = p->ies_len;
	f->assoc_reassoc = p->prev_bssid != NULL;
	if (p->prev_bssid)
		memcpy(f->assoc_prev, p->prev_bssid, 6);
	ck_assert(p->control_port);
	return 0;
}

static inline int f_scan(struct drv *d, const struct drv_scan_params *p)
{
	((struct fake *)d)->n_scan++;
	return 0;
}

static inline int f_results(struct drv *d, struct drv_scan_results **out)
{
	struct drv_scan_results *r = calloc(1, sizeof(*r));
	uint8_t ies[256];
	struct wbuf w;
	size_t n = 0, len;

	r->bss = calloc(NAP, sizeof(*r->bss));
	for (int i = 0; i < NAP; i++) {
		struct drv_bss *b = &r->bss[n];

		if (!aps[i].up)
			continue;
		wbuf_init(&w, ies, sizeof(ies));
		mgmt_put_ssid(&w, (const uint8_t *)"roaming", 7);
		ck_assert_int_eq(hs_ap_policy_build_ies(&aps[i].pol, ies + w.len,
							sizeof(ies) - w.len, &len), 0);
		memcpy(b->bssid, aps[i].bssid, 6);
		b->freq = aps[i].freq;
		b->signal_mbm = -4000 - 1000 * i;
		b->capab = MGMT_CAPAB_ESS | MGMT_CAPAB_PRIVACY;
		b->ies_len = w.len + len;
		b->ies = malloc(b->ies_len);
		memcpy(b->ies, ies, b->ies_len);
		n++;
	}
	r->n = n;
	*out = r;
	return 0;
}

static inline int f_deauth(struct drv *d, const uint8_t *bssid, uint16_t reason)
{
	struct fake *f = (struct fake *)d;

	f->n_deauth++;
	f->deauth_reason = reason;
	memcpy(f->deauth_bssid, bssid, 6);
	return 0;
}

static inline int f_set_key(struct drv *d, const struct drv_key *k)
{
	struct fake *f = (struct fake *)d;
	struct key_rec *r;

	ck_assert_uint_lt(f->nkeys, MAXK);
	r = &f->keys[f->nkeys++];
	r->pairwise = k->pairwise;
	r->idx = k->idx;
	r->cipher = k->cipher;
	ck_assert_uint_le(k->key_len, sizeof(r->key));
	memcpy(r->key, k->key, k->key_len);
	r->len = k->key_len;
	return 0;
}

static inline int f_set_flags(struct drv *d, const uint8_t *addr, uint32_t set, uint32_t clear)
{
	if (set & DRV_STA_AUTHORIZED)
		((struct fake *)d)->n_authorize++;
	return 0;
}

static inline int f_tx_eapol(struct drv *d, const uint8_t dst[6], const uint8_t *data,
		      size_t len, bool no_encrypt)
{
	struct fake *f = (struct fake *)d;

	ck_assert_uint_lt(f->nq, MAXQ);
	ck_assert_uint_le(len, EAPOL_KEY_FRAME_MAX);
	memcpy(f->q[f->nq].dst, dst, 6);
	memcpy(f->q[f->nq].data, data, len);
	f->q[f->nq].len = len;
	if (f->nsent < MAXQ)
		f->sent[f->nsent++] = f->q[f->nq];
	f->nq++;
	return 0;
}

static const struct drv_ops fake_ops = {
	.name = "fake",
	.init = f_init,
	.deinit = f_deinit,
	.get_info = f_get_info,
	.authenticate = f_auth,
	.associate = f_assoc,
	.scan = f_scan,
	.get_scan_results = f_results,
	.deauthenticate = f_deauth,
	.set_key = f_set_key,
	.sta_set_flags = f_set_flags,
	.tx_eapol = f_tx_eapol,
};

/* --- authenticator side ------------------------------------------------------- */

static inline int ap_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct ap *ap = ctx;

	ck_assert_uint_lt(ap->nq, MAXQ);
	memcpy(ap->q[ap->nq].dst, peer, 6);
	memcpy(ap->q[ap->nq].data, frame, len);
	ap->q[ap->nq].len = len;
	if (ap->nsent < MAXQ)
		ap->sent[ap->nsent++] = ap->q[ap->nq];
	ap->nq++;
	return 0;
}

static inline int ap_install(void *ctx, const struct hs_key *k)
{
	struct ap *ap = ctx;

	if (k->kind == HS_KEY_PTK) {
		memcpy(ap->ptk_tk, k->key, k->key_len);
		ap->ptk_len = k->key_len;
	}
	return 0;
}

static inline void ap_event(void *ctx, const struct hs_event *e)
{
	struct ap *ap = ctx;

	if (e->type == HS_EV_MIC_FAILURE)
		ap->mic_failures++;
	if (e->type == HS_EV_DEAUTH_REQUEST)
		ap->deauth_requests++;
	if (e->type == HS_EV_RX && e->msg == EAPOL_MSG_PTK_2)
		ap->m2_rx++;
	if (e->type == HS_EV_DROPPED || e->type == HS_EV_REPLAY)
		ap->drops++;
}

static inline int ap_random(void *ctx, uint8_t *buf, size_t len)
{
	static uint64_t x = 0x243f6a8885a308d3ull;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (uint8_t)(x >> 24);
	}
	return 0;
}

static const struct hs_ops ap_ops = {
	.tx = ap_tx,
	.install_key = ap_install,
	.event = ap_event,
	.random = ap_random,
};

static inline void ap_setup(struct ap *ap, int n, unsigned int wpa, uint32_t pairwise)
{
	struct hs_group_config gc = { 0 };

	memset(ap, 0, sizeof(*ap));
	ap->n = n;
	ap->bssid[0] = 0x02;
	ap->bssid[4] = (uint8_t)(n + 1);
	ap->freq = n ? 2437 : 2412;
	ap->up = true;
	ap->pol.wpa = wpa;
	ap->pol.wpa_pairwise = pairwise;
	ap->pol.rsn_pairwise = pairwise;
	gc.group_cipher = hs_ap_policy_group_cipher(&ap->pol);
	memcpy(gc.aa, ap->bssid, 6);
	gc.eapol_version = 2;
	hs_timeouts_default(&gc.timeouts);
	ap->g = hs_group_new(lp, &gc, &ap_ops, ap);
	ck_assert_ptr_nonnull(ap->g);
}

/* The association request carried the station's element: the AP checks it
 * (12.6.3) and starts the 4-way handshake with that station. */
static inline void ap_assoc(struct ap *ap)
{
	struct hs_config c;
	enum ie_proto proto;
	uint32_t pw;
	uint16_t status;
	const char *why;

	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&ap->pol, g_fake->assoc_ie,
						     g_fake->assoc_ie_len, &proto, &pw,
						     &status, &why), 0);
	hs_config_init(&c, HS_ROLE_AUTHENTICATOR);
	c.proto = proto;
	c.pairwise_cipher = pw;
	c.group_cipher = hs_ap_policy_group_cipher(&ap->pol);
	memcpy(c.pmk, psk, PMK_LEN);
	memcpy(c.aa, ap->bssid, 6);
	memcpy(c.spa, g_fake->mac, 6);
	ck_assert_int_eq(hs_ap_policy_build_ie(&ap->pol, proto, c.own_ie, sizeof(c.own_ie),
					       &c.own_ie_len), 0);
	if (ap->m3_ie_len) {
		memcpy(c.own_ie, ap->m3_ie, ap->m3_ie_len);
		c.own_ie_len = ap->m3_ie_len;
	}
	memcpy(c.peer_ie, g_fake->assoc_ie, g_fake->assoc_ie_len);
	c.peer_ie_len = g_fake->assoc_ie_len;
	c.faults = ap->faults;
	if (ap->a)
		hs_auth_free(ap->a);
	ap->a = hs_auth_new(lp, ap->g, &c, &ap_ops, ap);
	ck_assert_ptr_nonnull(ap->a);
	if (!ap->silent)
		ck_assert_int_eq(hs_auth_start(ap->a, NULL), 0);
}

static inline struct ap *ap_by_bssid(const uint8_t *bssid)
{
	for (int i = 0; i < NAP; i++)
		if (mac_equal(aps[i].bssid, bssid))
			return &aps[i];
	return NULL;
}

/* Deliver queued EAPOL frames both ways until quiet. Frames to an AP that
 * is down, or that has no handshake with us, are lost. */
static inline void pump(void)
{
	bool moved = true;

	while (moved) {
		moved = false;
		for (int i = 0; i < NAP; i++) {
			struct ap *ap = &aps[i];

			while (ap->nq) {
				struct frame f = ap->q[0];

				memmove(ap->q, ap->q + 1, (ap->nq - 1) * sizeof(ap->q[0]));
				ap->nq--;
				sta_drv_events.eapol_rx(st, ap->bssid, f.data, f.len);
				moved = true;
			}
		}
		while (g_fake->nq) {
			struct frame f = g_fake->q[0];
			struct ap *ap;

			memmove(g_fake->q, g_fake->q + 1, (g_fake->nq - 1) * sizeof(f));
			g_fake->nq--;
			ap = ap_by_bssid(f.dst);
			if (ap && ap->up && ap->a)
				ck_assert_int_eq(hs_auth_rx(ap->a, f.data, f.len), 0);
			moved = true;
		}
	}
}

/* Advance the clock by ms, firing timers in order, pumping in between. */
static inline void advance(uint64_t ms)
{
	uint64_t end = now_us + ms * 1000;

	pump();
	for (;;) {
		uint64_t next = loop_next_timer_us(lp);

		if (next == UINT64_MAX || now_us + next > end)
			break;
		now_us += next;
		loop_run_timers(lp);
		pump();
	}
	now_us = end;
}

static inline void reply_auth(const uint8_t *bssid)
{
	uint8_t buf[128];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, g_fake->mac, bssid, bssid, MGMT_AUTH_ALG_OPEN, 2, 0, NULL, 0);
	sta_drv_events.auth_result(st, bssid, buf, w.len, false);
}

static inline void reply_assoc(const uint8_t *bssid)
{
	uint8_t buf[128];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_assoc_resp(&w, g_fake->assoc_reassoc, g_fake->mac, bssid, bssid,
			      MGMT_CAPAB_ESS | MGMT_CAPAB_PRIVACY, 0, 1, NULL, 0);
	sta_drv_events.assoc_result(st, bssid, buf, w.len, false);
}

/* Auth and (re)assoc with ap as the kernel would report them, then the
 * AP's side of the handshake runs for ms. */
static inline void join(struct ap *ap, uint64_t ms)
{
	ck_assert_int_eq(st->state, STA_SME_AUTHENTICATING);
	ck_assert(mac_equal(st->cur.bssid, ap->bssid));
	now_us += 2000;
	reply_auth(ap->bssid);
	ck_assert_int_eq(st->state, STA_SME_ASSOCIATING);
	now_us += 2000;
	reply_assoc(ap->bssid);
	ck_assert_int_eq(st->state, STA_SME_HANDSHAKE);
	ap_assoc(ap);
	advance(ms);
}

/* Let the station find its next candidate: answer its scans (results
 * after 40 ms) and wait out any backoff, until it authenticates. */
static inline void until_authenticating(void)
{
	for (int i = 0; i < 100 && st->state != STA_SME_AUTHENTICATING; i++) {
		if (st->state == STA_SME_SCANNING) {
			now_us += 40000;
			sta_drv_events.scan_done(st, false);
			continue;
		}
		advance(100);
	}
	ck_assert_int_eq(st->state, STA_SME_AUTHENTICATING);
}

static inline void setup_common(unsigned int wpa, uint32_t pairwise, const char *conf)
{
	now_us = 1000000;
	lp = loop_new();
	ck_assert_ptr_nonnull(lp);
	loop_set_clock(lp, clock_fn, NULL);
	log_set_level(getenv("T_DEBUG") ? LOG_LVL_DEBUG : LOG_LVL_ERROR);
	sconf = sta_conf_parse("t.conf", conf, err, sizeof(err));
	ck_assert_msg(sconf != NULL, "%s", err);
	ck_assert_int_eq(crypto_psk_from_passphrase("bonewish", (const uint8_t *)"roaming", 7,
						    psk), 0);
	nevs = 0;
	st = sta_new(lp, &fake_ops, "wlan0", sconf, ev_sink, NULL);
	ck_assert_ptr_nonnull(st);
	for (int i = 0; i < NAP; i++)
		ap_setup(&aps[i], i, wpa, pairwise);
}

static inline void teardown(void)
{
	sta_free(st);
	for (int i = 0; i < NAP; i++) {
		hs_auth_free(aps[i].a);
		hs_group_free(aps[i].g);
	}
	sta_conf_free(sconf);
	loop_free(lp);
}

static inline const struct key_rec *last_key(bool pairwise)
{
	for (size_t i = g_fake->nkeys; i-- > 0;)
		if (g_fake->keys[i].pairwise == pairwise)
			return &g_fake->keys[i];
	return NULL;
}

/* Connected to ap with the keys the authenticator made. */
static inline void assert_connected_keys(struct ap *ap, uint32_t pw, uint32_t grp)
{
	const struct key_rec *k;
	const uint8_t *gtk;
	size_t gtk_len;

	ck_assert_int_eq(st->state, STA_SME_CONNECTED);
	ck_assert(mac_equal(st->cur.bssid, ap->bssid));
	k = last_key(true);
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->cipher, pw);
	ck_assert_uint_eq(k->len, ap->ptk_len);
	ck_assert(memcmp(k->key, ap->ptk_tk, k->len) == 0);
	k = last_key(false);
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->cipher, grp);
	ck_assert_int_eq(k->idx, hs_group_key_idx(ap->g));
	gtk_len = hs_group_gtk(ap->g, &gtk);
	ck_assert_uint_eq(k->len, gtk_len);
	/* 802.11 order, untouched: the driver places TKIP's Michael keys */
	ck_assert(memcmp(k->key, gtk, gtk_len) == 0);
	ck_assert(hs_auth_ptk_done(ap->a));
}


/* The last frame of kind m in sent[0..n), parsed into *k; false if none. */
static inline bool last_of(const struct frame *sent, size_t n, enum eapol_msg m,
			   struct eapol_key *k)
{
	const char *why;

	for (size_t i = n; i-- > 0;)
		if (!eapol_key_parse(sent[i].data, sent[i].len, k, &why) &&
		    eapol_key_classify(k) == m)
			return true;
	return false;
}

/* The PTK of the station's handshake with ap, derived here from the last
 * 1/4 the AP sent and the last 2/4 the station sent (12.7.1.3). */
static inline size_t ptk_of(const struct ap *ap, uint8_t *ptk, size_t cap)
{
	struct eapol_key m1, m2;
	size_t len = hs_auth_ptk_done(ap->a) && ap->ptk_len == 32 ? 64 : 48;

	ck_assert_uint_le(len, cap);
	ck_assert(last_of(ap->sent, ap->nsent, EAPOL_MSG_PTK_1, &m1));
	ck_assert(last_of(g_fake->sent, g_fake->nsent, EAPOL_MSG_PTK_2, &m2));
	ck_assert_int_eq(crypto_derive_ptk(psk, ap->bssid, g_fake->mac, m1.nonce, m2.nonce,
					   ptk, len), 0);
	return len;
}

#endif
