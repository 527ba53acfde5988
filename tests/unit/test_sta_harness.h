/* SPDX-License-Identifier: MIT */
/* test_sta_harness.h: the station (sta/sme.c) on the one fake driver of the
 * unit tests (fake_drv.h), against common/'s authenticator (hs_group +
 * hs_auth) for each of two APs of one ESS, in one process with a fake clock.
 *
 * The fake driver records what the station asks of it (auth, assoc with its
 * element, scans, keys, port authorization, deauthentications with their
 * reason, every EAPOL frame); its scan results are the APs that are up
 * (air_results). pump() delivers EAPOL frames both ways, advance() moves
 * the clock and fires timers. Every event the station emits is recorded in
 * evs (test_events.h, through test_sta_events.h); the tests assert on
 * those, on the station's status words and on what the driver saw, never
 * on struct sta's fields. */
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
#include "fake_drv.h"
#include "handshake.h"
#include "ie.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "test_sta_events.h"
#include "util.h"
#include "hs_fault.h"
#include "../../sta/sme.h"

#define NAP 2
#define MAXQ 32

/* the shared fake driver (fake_drv.h) that sta_new() opened */
#define g_fake fake_drv_last

struct ap {
	int n;			/* index */
	uint8_t bssid[6];
	uint32_t freq;
	bool up;
	struct hs_ap_policy pol;
	struct hs_group *g;
	struct hs_auth *a;
	struct fake_drv_frame q[MAXQ];	/* to the station (peer: the station) */
	size_t nq;
	/* what the authenticator installed */
	uint8_t ptk_tk[32];
	size_t ptk_len;
	unsigned int mic_failures;
	unsigned int deauth_requests;
	unsigned int m2_rx;
	unsigned int drops;		/* frames it dropped (or replays) */
	struct fake_drv_frame sent[MAXQ];	/* every frame it sent, in order */
	size_t nsent;
	/* test knobs for the next ap_assoc() */
	bool silent;			/* never start the 4-way handshake */
	struct hs_faults faults;	/* the authenticator's faults */
	uint8_t m3_ie[IE_MAX_LEN];	/* non-empty: the element sent in 3/4
					 * instead of the one in its Beacon */
	size_t m3_ie_len;
	uint8_t ies[256];		/* its SSID and WPA/RSN elements */
	size_t ies_len;
};

static struct ap aps[NAP];
static struct loop *lp;
static uint64_t now_us;
static struct sta_conf *sconf;
static struct sta *st;
static char err[512];
static uint8_t psk[PMK_LEN];

/* every event the station emitted, in order */
static struct test_evrec evs;
/* the station's EAPOL frames (g_fake->eapol[]) that pump() delivered */
static size_t sta_eapol_read;

static inline uint64_t clock_fn(void *ctx)
{
	return now_us;
}

/* --- the air ---------------------------------------------------------------- */

/* The fake driver's scan results: every AP that is up, ap0 the stronger. */
static inline void air_results(struct fake_drv *f, void *ctx)
{
	f->n_results = 0;
	for (int i = 0; i < NAP; i++) {
		struct drv_bss *b = &f->results[f->n_results];

		if (!aps[i].up)
			continue;
		memset(b, 0, sizeof(*b));
		memcpy(b->bssid, aps[i].bssid, 6);
		b->freq = aps[i].freq;
		b->signal_mbm = -4000 - 1000 * i;
		b->capab = MGMT_CAPAB_ESS | MGMT_CAPAB_PRIVACY;
		b->ies = aps[i].ies;
		b->ies_len = aps[i].ies_len;
		f->n_results++;
	}
}

/* --- authenticator side ------------------------------------------------------- */

static inline int ap_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct ap *ap = ctx;

	ck_assert_uint_lt(ap->nq, MAXQ);
	ck_assert_uint_le(len, sizeof(ap->q[0].data));
	memcpy(ap->q[ap->nq].peer, peer, 6);
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

/* ieee80211w and wpa_key_mgmt of the APs ap_setup() makes (0: none, PSK) */
static enum ie_pmf h_ap_pmf;
static uint32_t h_ap_akms;

static inline void ap_setup(struct ap *ap, int n, unsigned int wpa, uint32_t pairwise)
{
	struct hs_group_config gc = { 0 };
	struct wbuf w;
	size_t len;

	memset(ap, 0, sizeof(*ap));
	ap->n = n;
	ap->bssid[0] = 0x02;
	ap->bssid[4] = (uint8_t)(n + 1);
	ap->freq = n ? 2437 : 2412;
	ap->up = true;
	ap->pol.wpa = wpa;
	ap->pol.wpa_pairwise = pairwise;
	ap->pol.rsn_pairwise = pairwise;
	ap->pol.pmf = h_ap_pmf;
	ap->pol.akms = h_ap_akms;
	wbuf_init(&w, ap->ies, sizeof(ap->ies));
	mgmt_put_ssid(&w, (const uint8_t *)"roaming", 7);
	ck_assert_int_eq(hs_ap_policy_build_ies(&ap->pol, ap->ies + w.len,
						sizeof(ap->ies) - w.len, &len), 0);
	ap->ies_len = w.len + len;
	gc.group_cipher = hs_ap_policy_group_cipher(&ap->pol);
	memcpy(gc.aa, ap->bssid, 6);
	gc.eapol_version = 2;
	hs_timeouts_default(&gc.timeouts);
	if (h_ap_pmf != IE_PMF_DISABLED)
		gc.group_mgmt_cipher = WPA_CIPHER_BIP_CMAC;
	ap->g = hs_group_new(lp, &gc, &ap_ops, ap);
	ck_assert_ptr_nonnull(ap->g);
}

/* The association request carried the station's element: the AP checks it
 * (12.6.3) and starts the 4-way handshake with that station. */
static inline void ap_assoc(struct ap *ap)
{
	struct hs_config c;
	struct hs_assoc_sec sec;
	enum ie_proto proto;
	uint32_t pw;
	uint16_t status;
	const char *why;

	ck_assert_int_eq(hs_ap_policy_check_assoc(&ap->pol, g_fake->assoc_ie,
						  g_fake->assoc_ie_len, &sec, &status, &why), 0);
	proto = sec.proto;
	pw = sec.pairwise;
	hs_config_init(&c, HS_ROLE_AUTHENTICATOR);
	c.proto = proto;
	c.pairwise_cipher = pw;
	c.akm = sec.akm;
	c.pmf = sec.pmf;
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
				struct fake_drv_frame f = ap->q[0];

				memmove(ap->q, ap->q + 1, (ap->nq - 1) * sizeof(ap->q[0]));
				ap->nq--;
				sta_drv_events.eapol_rx(st, ap->bssid, f.data, f.len);
				moved = true;
			}
		}
		while (sta_eapol_read < g_fake->n_eapol) {
			const struct fake_drv_frame *f = &g_fake->eapol[sta_eapol_read++];
			struct ap *ap = ap_by_bssid(f->peer);

			if (ap && ap->up && ap->a)
				ck_assert_int_eq(hs_auth_rx(ap->a, f->data, f->len), 0);
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

/* The station is in this SME state (status and last STATE event). */
#define assert_state(want) ck_assert_sta_state(&evs, st, want)

/* Auth and (re)assoc with ap as the kernel would report them, then the
 * AP's side of the handshake runs for ms. */
static inline void join(struct ap *ap, uint64_t ms)
{
	char a[18];

	assert_state("AUTHENTICATING");
	ck_assert(mac_equal(g_fake->auth_bssid, ap->bssid));
	now_us += 2000;
	reply_auth(ap->bssid);
	assert_state("ASSOCIATING");
	ck_assert(mac_equal(g_fake->assoc_bssid, ap->bssid));
	ck_assert(g_fake->assoc_control_port);	/* EAPOL over the control port */
	now_us += 2000;
	reply_assoc(ap->bssid);
	assert_state("HANDSHAKE");
	ck_assert_str_eq(sta_status_of(st, "bssid"), mac_str(ap->bssid, a));
	ap_assoc(ap);
	advance(ms);
}

/* The AP the station is authenticating with (what it asked the driver). */
static inline struct ap *ap_authenticating(void);

/* Let the station find its next candidate: answer its scans (results
 * after 40 ms) and wait out any backoff, until it authenticates. */
static inline void until_authenticating(void)
{
	for (int i = 0; i < 100 && strcmp(sta_status_of(st, "sme_state"), "AUTHENTICATING");
	     i++) {
		if (!strcmp(sta_status_of(st, "sme_state"), "SCANNING")) {
			now_us += 40000;
			sta_drv_events.scan_done(st, false);
			continue;
		}
		advance(100);
	}
	assert_state("AUTHENTICATING");
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
	test_ev_reset(&evs);
	sta_eapol_read = 0;
	memcpy(fake_drv_next_mac, (const uint8_t[6]){ 0x02, 0, 0, 0, 0, 0x99 }, 6);
	st = sta_new(lp, &fake_drv_ops, "wlan0", sconf, sta_ev_record, &evs);
	ck_assert_ptr_nonnull(st);
	g_fake->scan_results_hook = air_results;
	for (int i = 0; i < NAP; i++)
		ap_setup(&aps[i], i, wpa, pairwise);
}

/* Ends a test: every machine's events chained (test_sta_events.h). */
static inline void teardown(void)
{
	sta_ev_assert_chains(&evs);
	sta_free(st);
	for (int i = 0; i < NAP; i++) {
		hs_auth_free(aps[i].a);
		hs_group_free(aps[i].g);
	}
	sta_conf_free(sconf);
	loop_free(lp);
}

/* The last key the station installed (pairwise or group: a GTK, not an
 * IGTK, key IDs 4/5); NULL if none. */
static inline const struct fake_drv_key *last_key(bool pairwise)
{
	for (size_t i = g_fake->n_keys; i-- > 0;)
		if (g_fake->keys[i].k.pairwise == pairwise && g_fake->keys[i].k.idx < 4)
			return &g_fake->keys[i];
	return NULL;
}

static inline struct ap *ap_authenticating(void)
{
	struct ap *ap = ap_by_bssid(g_fake->auth_bssid);

	assert_state("AUTHENTICATING");
	ck_assert_ptr_nonnull(ap);
	return ap;
}

/* Connected to ap with the keys the authenticator made. */
static inline void assert_connected_keys(struct ap *ap, uint32_t pw, uint32_t grp)
{
	const struct fake_drv_key *k;
	const uint8_t *gtk;
	size_t gtk_len;
	char a[18];

	assert_state("CONNECTED");
	ck_assert_str_eq(sta_status_of(st, "wpa_state"), "COMPLETED");
	ck_assert_str_eq(sta_status_of(st, "bssid"), mac_str(ap->bssid, a));
	ck_assert_str_eq(sta_status_of(st, "pairwise_cipher"), wpa_cipher_name(pw));
	ck_assert_str_eq(sta_status_of(st, "group_cipher"), wpa_cipher_name(grp));
	ck_assert_ptr_nonnull(test_ev_last(&evs, "CONNECTED", ""));
	ck_assert_str_eq(test_ev_field(test_ev_last(&evs, "CONNECTED", ""), "bssid"), a);
	k = last_key(true);
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->k.cipher, pw);
	ck_assert(mac_equal(k->addr, ap->bssid));	/* the PTK is the AP's */
	ck_assert_uint_eq(k->k.key_len, ap->ptk_len);
	ck_assert(memcmp(k->key, ap->ptk_tk, k->k.key_len) == 0);
	k = last_key(false);
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->k.cipher, grp);
	ck_assert_int_eq(k->k.idx, hs_group_key_idx(ap->g));
	gtk_len = hs_group_gtk(ap->g, &gtk);
	ck_assert_uint_eq(k->k.key_len, gtk_len);
	/* 802.11 order, untouched: the driver places TKIP's Michael keys */
	ck_assert(memcmp(k->key, gtk, gtk_len) == 0);
	ck_assert(hs_auth_ptk_done(ap->a));
}


/* The last frame of kind m in sent[0..n), parsed into *k; false if none. */
static inline bool last_of(const struct fake_drv_frame *sent, size_t n, enum eapol_msg m,
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
	ck_assert(last_of(g_fake->eapol, g_fake->n_eapol, EAPOL_MSG_PTK_2, &m2));
	ck_assert_int_eq(crypto_derive_ptk(psk, ap->bssid, g_fake->mac, m1.nonce, m2.nonce,
					   ptk, len), 0);
	return len;
}

#endif
