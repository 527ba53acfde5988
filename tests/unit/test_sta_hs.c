// SPDX-License-Identifier: MIT
/* test_sta_hs: the station (sta/sme.c) on a fake driver against common/'s
 * authenticator (hs_group + hs_auth), in one process with a fake clock.
 *
 * Two APs of one ESS sit behind the fake driver; each has its own
 * authenticator. The SME scans, authenticates, (re)associates with the
 * element it builds, and the 4-way handshake (plus the WPA1 group key
 * handshake) runs over the fake driver's EAPOL path. Checked: the keys the
 * station installs are the authenticator's, the port is authorized, a roam
 * on AP loss reassociates and handshakes with the new AP, and the faults
 * that need the SME (msg2-to-old-ap, stale-aa across retries) behave. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "drv.h"
#include "eapol.h"
#include "handshake.h"
#include "ie.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"
#include "../../sta/fault.h"
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
	enum drv_cipher cipher;
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
};

static struct fake *g_fake;
static struct ap aps[NAP];
static struct loop *lp;
static uint64_t now_us;
static struct sta_conf *sconf;
static struct sta *st;
static char err[512];
static uint8_t psk[PMK_LEN];

static uint64_t clock_fn(void *ctx)
{
	return now_us;
}

/* --- fake driver ------------------------------------------------------------ */

static const struct drv_ops fake_ops;

static struct drv *f_init(struct loop *l, const char *ifname, const struct drv_events *ev,
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

static void f_deinit(struct drv *d)
{
	free(d);
}

static int f_get_info(struct drv *d, struct drv_ifinfo *i)
{
	memset(i, 0, sizeof(*i));
	memcpy(i->mac, ((struct fake *)d)->mac, 6);
	i->iftype = DRV_IFTYPE_STATION;
	return 0;
}

static int f_auth(struct drv *d, const struct drv_auth_params *p)
{
	((struct fake *)d)->n_auth++;
	return 0;
}

static int f_assoc(struct drv *d, const struct drv_assoc_params *p)
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

static int f_scan(struct drv *d, const struct drv_scan_params *p)
{
	((struct fake *)d)->n_scan++;
	return 0;
}

static int f_results(struct drv *d, struct drv_scan_results **out)
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

static int f_deauth(struct drv *d, const uint8_t *bssid, uint16_t reason)
{
	return 0;
}

static int f_set_key(struct drv *d, const struct drv_key *k)
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

static int f_set_flags(struct drv *d, const uint8_t *addr, uint32_t set, uint32_t clear)
{
	if (set & DRV_STA_AUTHORIZED)
		((struct fake *)d)->n_authorize++;
	return 0;
}

static int f_tx_eapol(struct drv *d, const uint8_t dst[6], const uint8_t *data,
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

static int ap_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct ap *ap = ctx;

	ck_assert_uint_lt(ap->nq, MAXQ);
	memcpy(ap->q[ap->nq].dst, peer, 6);
	memcpy(ap->q[ap->nq].data, frame, len);
	ap->q[ap->nq].len = len;
	ap->nq++;
	return 0;
}

static int ap_install(void *ctx, const struct hs_key *k)
{
	struct ap *ap = ctx;

	if (k->kind == HS_KEY_PTK) {
		memcpy(ap->ptk_tk, k->key, k->key_len);
		ap->ptk_len = k->key_len;
	}
	return 0;
}

static void ap_event(void *ctx, const struct hs_event *e)
{
	struct ap *ap = ctx;

	if (e->type == HS_EV_MIC_FAILURE)
		ap->mic_failures++;
	if (e->type == HS_EV_DEAUTH_REQUEST)
		ap->deauth_requests++;
	if (e->type == HS_EV_RX && e->msg == EAPOL_MSG_PTK_2)
		ap->m2_rx++;
}

static int ap_random(void *ctx, uint8_t *buf, size_t len)
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

static void ap_setup(struct ap *ap, int n, unsigned int wpa, uint32_t pairwise)
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
static void ap_assoc(struct ap *ap)
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
	memcpy(c.peer_ie, g_fake->assoc_ie, g_fake->assoc_ie_len);
	c.peer_ie_len = g_fake->assoc_ie_len;
	if (ap->a)
		hs_auth_free(ap->a);
	ap->a = hs_auth_new(lp, ap->g, &c, &ap_ops, ap);
	ck_assert_ptr_nonnull(ap->a);
	ck_assert_int_eq(hs_auth_start(ap->a, NULL), 0);
}

static struct ap *ap_by_bssid(const uint8_t *bssid)
{
	for (int i = 0; i < NAP; i++)
		if (mac_equal(aps[i].bssid, bssid))
			return &aps[i];
	return NULL;
}

/* Deliver queued EAPOL frames both ways until quiet. Frames to an AP that
 * is down, or that has no handshake with us, are lost. */
static void pump(void)
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
static void advance(uint64_t ms)
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

static void reply_auth(const uint8_t *bssid)
{
	uint8_t buf[128];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, g_fake->mac, bssid, bssid, MGMT_AUTH_ALG_OPEN, 2, 0, NULL, 0);
	sta_drv_events.auth_result(st, bssid, buf, w.len, false);
}

static void reply_assoc(const uint8_t *bssid)
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
static void join(struct ap *ap, uint64_t ms)
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
static void until_authenticating(void)
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

static void setup_common(unsigned int wpa, uint32_t pairwise, const char *conf)
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
	st = sta_new(lp, &fake_ops, "wlan0", sconf, NULL, NULL);
	ck_assert_ptr_nonnull(st);
	for (int i = 0; i < NAP; i++)
		ap_setup(&aps[i], i, wpa, pairwise);
}

static void teardown(void)
{
	sta_free(st);
	for (int i = 0; i < NAP; i++) {
		hs_auth_free(aps[i].a);
		hs_group_free(aps[i].g);
	}
	sta_conf_free(sconf);
	loop_free(lp);
}

static const struct key_rec *last_key(bool pairwise)
{
	for (size_t i = g_fake->nkeys; i-- > 0;)
		if (g_fake->keys[i].pairwise == pairwise)
			return &g_fake->keys[i];
	return NULL;
}

/* Connected to ap with the keys the authenticator made. */
static void assert_connected_keys(struct ap *ap, enum drv_cipher pw, enum drv_cipher grp)
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

static const char *conf_any =
	"network={\n ssid=\"roaming\"\n psk=\"bonewish\"\n}\n";
static const char *conf_wpa1 =
	"network={\n ssid=\"roaming\"\n psk=\"bonewish\"\n proto=WPA\n"
	" pairwise=CCMP TKIP\n group=TKIP\n}\n";

START_TEST(wpa2_ccmp_connect_and_roam)
{
	setup_common(2, WPA_CIPHER_CCMP, conf_any);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	now_us += 40000;
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	assert_connected_keys(&aps[0], DRV_CIPHER_CCMP, DRV_CIPHER_CCMP);
	ck_assert_uint_eq(g_fake->n_authorize, 1);
	/* the element in the Association Request is an RSN element */
	ck_assert_uint_eq(g_fake->assoc_ie[0], IE_RSN);
	ck_assert(!g_fake->assoc_reassoc);

	/* ap1 goes away; the scan is recent: straight to ap2, reassociating */
	aps[0].up = false;
	now_us += 500000;
	sta_drv_events.deauth(st, aps[0].bssid, 3, false, false, NULL, 0);
	join(&aps[1], 50);
	ck_assert(g_fake->assoc_reassoc);
	ck_assert(mac_equal(g_fake->assoc_prev, aps[0].bssid));
	assert_connected_keys(&aps[1], DRV_CIPHER_CCMP, DRV_CIPHER_CCMP);
	ck_assert_uint_eq(st->n_roams, 1);
	ck_assert_uint_eq(aps[1].mic_failures, 0);
	teardown();
}
END_TEST

/* The seed's configuration: wpa=1 with TKIP and CCMP offered, so CCMP
 * pairwise with a TKIP group key delivered by the WPA1 group handshake. */
START_TEST(wpa1_tkip_ccmp_group_handshake)
{
	setup_common(1, WPA_CIPHER_TKIP | WPA_CIPHER_CCMP, conf_wpa1);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	assert_connected_keys(&aps[0], DRV_CIPHER_CCMP, DRV_CIPHER_TKIP);
	ck_assert(ie_find_wpa(g_fake->assoc_ie, g_fake->assoc_ie_len, NULL) != NULL);
	/* a group rekey reaches the station too (WPA1 group handshake) */
	ck_assert_int_eq(hs_group_rekey(aps[0].g), 0);
	advance(100);
	assert_connected_keys(&aps[0], DRV_CIPHER_CCMP, DRV_CIPHER_TKIP);
	ck_assert_int_eq(last_key(false)->idx, 2);
	teardown();
}
END_TEST

/* wpa=1 TKIP only: TKIP pairwise (descriptor version 1, RC4 key data). */
START_TEST(wpa1_tkip_only)
{
	setup_common(1, WPA_CIPHER_TKIP, conf_any);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	assert_connected_keys(&aps[0], DRV_CIPHER_TKIP, DRV_CIPHER_TKIP);
	teardown();
}
END_TEST

/* stale-aa after a roam: every 2/4 to ap2 has an invalid MIC, also in the
 * attempt after the AP gave up (the stale AA stays ap1's, not the AA of the
 * failed attempt); after fault clear the next answer is right. */
START_TEST(stale_aa_across_retries)
{
	char args[1][128];
	unsigned int tries;

	setup_common(1, WPA_CIPHER_TKIP | WPA_CIPHER_CCMP, conf_wpa1);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	ck_assert_int_eq(st->state, STA_SME_CONNECTED);
	ck_assert_int_eq(sta_fault_set(&st->faults, "stale-aa", 0, args, err, sizeof(err)), 0);
	sta_faults_changed(st);

	aps[0].up = false;
	now_us += 100000;
	sta_drv_events.deauth(st, aps[0].bssid, 3, false, false, NULL, 0);
	join(&aps[1], 10000);	/* the authenticator resends 1/4, then gives up */
	tries = aps[1].m2_rx;
	ck_assert_uint_ge(tries, 2);
	ck_assert_uint_eq(aps[1].mic_failures, tries);
	ck_assert_uint_ge(aps[1].deauth_requests, 1);
	ck_assert_int_ne(st->state, STA_SME_CONNECTED);

	/* the AP deauths (reason 15); the station tries again */
	sta_drv_events.deauth(st, aps[1].bssid, 15, false, false, NULL, 0);
	until_authenticating();
	join(&aps[1], 50);
	ck_assert_uint_gt(aps[1].mic_failures, tries);	/* still the stale AA */
	ck_assert_int_ne(st->state, STA_SME_CONNECTED);

	/* cleared while ap2 still resends 1/4: the answer to the next 1/4
	 * is right, and the handshake completes */
	sta_fault_clear(&st->faults, NULL);
	sta_faults_changed(st);
	advance(2000);
	assert_connected_keys(&aps[1], DRV_CIPHER_CCMP, DRV_CIPHER_TKIP);
	ck_assert_uint_eq(st->n_roams, 1);
	teardown();
}
END_TEST

/* msg2-to-old-ap: the first EAPOL frame after the reassociation goes to
 * ap1's address (same bytes as a normal 2/4); ap2 resends 1/4, and the
 * next 2/4 goes to ap2, which completes. */
START_TEST(msg2_to_old_ap)
{
	char args[1][128];
	const struct frame *first;
	size_t before;

	setup_common(2, WPA_CIPHER_CCMP, conf_any);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	ck_assert_int_eq(sta_fault_set(&st->faults, "msg2-to-old-ap", 0, args, err,
				       sizeof(err)), 0);
	aps[0].up = false;
	now_us += 100000;
	sta_drv_events.deauth(st, aps[0].bssid, 3, false, false, NULL, 0);
	before = g_fake->nsent;
	join(&aps[1], 0);	/* deliver 1/4 only */
	ck_assert_uint_eq(g_fake->nsent, before + 1);
	first = &g_fake->sent[before];
	ck_assert(mac_equal(first->dst, aps[0].bssid));
	ck_assert_uint_eq(aps[1].m2_rx, 0);
	ck_assert_int_eq(st->state, STA_SME_HANDSHAKE);
	advance(2000);		/* ap2's 1/4 timeout and resend */
	ck_assert_uint_ge(g_fake->nsent, before + 3);
	ck_assert(mac_equal(g_fake->sent[before + 1].dst, aps[1].bssid));
	/* the redirected frame was a well-formed 2/4, same length as the one
	 * that reached ap2 */
	ck_assert_uint_eq(first->len, g_fake->sent[before + 1].len);
	assert_connected_keys(&aps[1], DRV_CIPHER_CCMP, DRV_CIPHER_CCMP);
	teardown();
}
END_TEST

static Suite *hs_suite(void)
{
	Suite *s = suite_create("sta_handshake");
	TCase *tc = tcase_create("fake-driver+authenticator");

	tcase_add_test(tc, wpa2_ccmp_connect_and_roam);
	tcase_add_test(tc, wpa1_tkip_ccmp_group_handshake);
	tcase_add_test(tc, wpa1_tkip_only);
	tcase_add_test(tc, stale_aa_across_retries);
	tcase_add_test(tc, msg2_to_old_ap);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(hs_suite)
