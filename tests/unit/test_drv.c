// SPDX-License-Identifier: MIT
/* test_drv.c: the driver wrappers (drv.h) with a fake driver, plus hidden
 * lab subcommands that exercise drv_nl80211 on mac80211_hwsim:
 *	test_drv probe-ap IFNAME SSID SECONDS [ccmp|tkip]
 *		an AP with userspace MLME; with a cipher it sends an EAPOL
 *		frame after association and, on the answer, installs fixed
 *		test keys and authorizes the station
 *	test_drv probe-sta IFNAME SSID
 *		scan, auth, assoc, deauth, auth, reassoc, deauth
 *	test_drv probe-sta IFNAME SSID peer ccmp|tkip [badkey]
 *		connect to probe-ap, answer its EAPOL frame, install the same
 *		test keys (or a wrong TK) and stay until SIGTERM
 * (used by tests/lab/t-drv-*.sh; without arguments it runs the unit tests). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drv.h"
#include "fake_drv.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "unit.h"

/* ------------------------------------------------------------ unit tests */

START_TEST(test_wrappers)
{
	/* the shared fake driver with only set_key */
	const struct drv_ops ops = {
		.name = "fake", .init = fake_drv_ops.init,
		.deinit = fake_drv_ops.deinit, .set_key = fake_drv_ops.set_key,
	};
	struct drv *d;
	struct fake_drv *f;
	uint8_t key[16] = { 1 };
	struct drv_key k = { .cipher = WPA_CIPHER_CCMP, .key = key,
			     .key_len = 16, .idx = 1, .set_tx = true };
	struct drv_capa c;

	d = ops.init(NULL, "wlan9", NULL, NULL);
	d->ops = &ops;
	f = to_fake_drv(d);
	ck_assert_int_eq(drv_set_key(d, &k), 0);
	ck_assert_uint_eq(f->n_keys, 1);
	ck_assert_int_eq(f->keys[0].k.idx, 1);
	/* ops the driver lacks */
	ck_assert_int_eq(drv_get_capa(d, &c), -EOPNOTSUPP);
	ck_assert_int_eq(drv_stop_ap(d), -EOPNOTSUPP);
	ck_assert_int_eq(drv_scan(d, NULL), -EOPNOTSUPP);
	ck_assert_int_eq(drv_deauthenticate(d, key, 3), -EOPNOTSUPP);
	drv_close(d);
	drv_close(NULL);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_TKIP), "TKIP");
	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_CCMP), "CCMP");
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_TKIP), 32);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_CCMP), 16);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_WEP104), 13);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_NONE), 0);
	ck_assert_str_eq(drv_iftype_str(DRV_IFTYPE_AP), "AP");
	ck_assert_uint_eq(WPA_CIPHER_CCMP, 1u << 4);
}
END_TEST

START_TEST(test_nl80211_bad_iface)
{
	struct loop *l = loop_new();

	/* no such interface: NULL, not a crash */
	ck_assert_ptr_null(drv_open(&drv_nl80211_ops, l, "nonexistent0",
				    NULL, NULL));
	/* lo is not a wireless interface (or there is no nl80211 at all) */
	ck_assert_ptr_null(drv_open(&drv_nl80211_ops, l, "lo", NULL, NULL));
	loop_free(l);
}
END_TEST

START_TEST(test_scan_results_free)
{
	struct drv_scan_results *r = calloc(1, sizeof(*r));

	r->n = 2;
	r->bss = calloc(2, sizeof(*r->bss));
	r->bss[0].ies = malloc(10);
	r->bss[1].beacon_ies = malloc(5);
	drv_scan_results_free(r);	/* ASan checks for leaks */
	drv_scan_results_free(NULL);
}
END_TEST

static Suite *drv_suite(void)
{
	Suite *s = suite_create("drv");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_wrappers);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_nl80211_bad_iface);
	tcase_add_test(tc, test_scan_results_free);
	suite_add_tcase(s, tc);
	return s;
}

/* ------------------------------------------------------------ lab probes */

static const uint8_t rates[] = { 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18,
				 0x24, 0x30, 0x48, 0x60, 0x6c };

struct probe {
	struct loop *loop;
	struct drv *drv;
	uint8_t mac[ETH_ALEN];
	const char *ssid;
	int status;		/* exit status */
	/* sta */
	struct drv_bss bss;
	bool have_bss;
	int step;
	/* encrypted peer mode: EAPOL exchange, then fixed test keys */
	uint32_t cipher;
	bool peer;
	bool badkey;
	bool keyed;
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail_quit(struct probe *p, const char *what, int err);

static const uint8_t hello_ap[] = { 0x02, 0x00, 0x00, 0x04, 'h', 'i', 'a', 'p' };
static const uint8_t hello_sta[] = { 0x02, 0x00, 0x00, 0x04, 'h', 'i', 's', 't' };

/* Fixed test keys in the 802.11 layout. For TKIP: TK (0x11), Authenticator
 * Tx MIC key (0x22), Authenticator Rx MIC key (0x33): if drv_nl80211 put the
 * MIC keys the wrong way round for the station, Michael would fail and no
 * frame would get through. badkey changes the station's TK. */
static void install_keys(struct probe *p, const uint8_t *peer, bool ap)
{
	uint8_t ptk[32], gtk[32];
	uint8_t seq[6] = { 0 };
	size_t len = wpa_cipher_key_len(p->cipher);
	struct drv_key k = { .cipher = p->cipher, .key_len = len,
			     .seq = seq, .seq_len = 6 };
	int ret;

	memset(ptk, 0x11, 16);
	memset(ptk + 16, 0x22, 8);
	memset(ptk + 24, 0x33, 8);
	memset(gtk, 0x44, 16);
	memset(gtk + 16, 0x55, 8);
	memset(gtk + 24, 0x66, 8);
	if (p->badkey)
		ptk[0] ^= 0xff;
	k.pairwise = true;
	k.addr = peer;
	k.idx = 0;
	k.key = ptk;
	ret = drv_set_key(p->drv, &k);
	if (ret) {
		fail_quit(p, "set_key pairwise", ret);
		return;
	}
	k.pairwise = false;
	k.addr = NULL;
	k.idx = 1;
	k.key = gtk;
	k.set_tx = ap;
	ret = drv_set_key(p->drv, &k);
	if (ret) {
		fail_quit(p, "set_key group", ret);
		return;
	}
	ret = drv_sta_set_flags(p->drv, peer, DRV_STA_AUTHORIZED, 0);
	if (ret) {
		fail_quit(p, "sta_set_flags authorized", ret);
		return;
	}
	p->keyed = true;
	say("KEYS-INSTALLED %s peer=" MAC_FMT, wpa_cipher_name(p->cipher),
	    MAC_ARG(peer));
}

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void fail_quit(struct probe *p, const char *what, int err)
{
	say("PROBE-FAIL %s: %s", what, strerror(-err));
	p->status = 1;
	loop_quit(p->loop, 1);
}

static void on_signal(struct loop *l, int signo, void *ctx)
{
	loop_quit(l, 0);
}

static void on_timeout(struct loop *l, struct loop_timer *t, void *ctx)
{
	loop_quit(l, 0);
}

static size_t ap_ies(struct probe *p, uint8_t *buf, size_t cap)
{
	struct wbuf w;

	wbuf_init(&w, buf, cap);
	mgmt_put_ssid(&w, (const uint8_t *)p->ssid, strlen(p->ssid));
	mgmt_put_rates(&w, rates, sizeof(rates));
	mgmt_put_ds_param(&w, 1);
	return w.len;
}

static void ap_rx_mgmt(void *ctx, const uint8_t *frame, size_t len,
		       uint32_t freq, int32_t signal_mbm)
{
	struct probe *p = ctx;
	struct mgmt_frame f;
	uint8_t out[512], ies[128];
	struct wbuf w;
	uint64_t cookie = 0;
	size_t n;
	int ret;

	if (mgmt_parse(frame, len, &f) < 0)
		return;
	wbuf_init(&w, out, sizeof(out));
	switch (f.subtype) {
	case MGMT_PROBE_REQ:
		n = ap_ies(p, ies, sizeof(ies));
		mgmt_build_beacon(&w, true, f.sa, p->mac, p->mac, 0, 100,
				  MGMT_CAPAB_ESS, ies, n);
		drv_send_mgmt(p->drv, out, w.len, true, NULL);
		break;
	case MGMT_AUTH:
		say("RX-AUTH sta=" MAC_FMT " alg=%u seq=%u signal=%d",
		    MAC_ARG(f.sa), f.auth_alg, f.auth_transaction,
		    signal_mbm / 100);
		mgmt_build_auth(&w, f.sa, p->mac, p->mac, MGMT_AUTH_ALG_OPEN, 2,
				MGMT_STATUS_SUCCESS, NULL, 0);
		ret = drv_send_mgmt(p->drv, out, w.len, false, &cookie);
		if (ret)
			fail_quit(p, "send auth", ret);
		else
			say("TX-AUTH cookie=%llu", (unsigned long long)cookie);
		break;
	case MGMT_ASSOC_REQ:
	case MGMT_REASSOC_REQ: {
		struct drv_sta_params sp = {
			.addr = f.sa, .aid = 1, .capab = f.capab,
			.listen_interval = f.listen_interval,
			.supp_rates = rates, .n_supp_rates = 8,
			.flags = DRV_STA_AUTHENTICATED | DRV_STA_ASSOCIATED,
		};
		const uint8_t *r = mgmt_find_ie(f.ies, f.ies_len,
						MGMT_EID_SUPP_RATES);

		if (r) {
			sp.supp_rates = r + 2;
			sp.n_supp_rates = r[1];
		}
		say("RX-%s sta=" MAC_FMT " listen=%u%s",
		    f.subtype == MGMT_ASSOC_REQ ? "ASSOC" : "REASSOC",
		    MAC_ARG(f.sa), f.listen_interval,
		    f.subtype == MGMT_REASSOC_REQ ? " (has current AP)" : "");
		drv_sta_remove(p->drv, f.sa);
		ret = drv_sta_add(p->drv, &sp);
		if (ret) {
			fail_quit(p, "sta_add", ret);
			return;
		}
		/* open network: authorized at once */
		ret = p->cipher ? 0 :
		      drv_sta_set_flags(p->drv, f.sa, DRV_STA_AUTHORIZED, 0);
		if (ret) {
			fail_quit(p, "sta_set_flags", ret);
			return;
		}
		wbuf_init(&w, ies, sizeof(ies));
		mgmt_put_rates(&w, rates, sizeof(rates));
		n = w.len;
		wbuf_init(&w, out, sizeof(out));
		mgmt_build_assoc_resp(&w, f.subtype == MGMT_REASSOC_REQ, f.sa,
				      p->mac, p->mac, MGMT_CAPAB_ESS |
				      (p->cipher ? MGMT_CAPAB_PRIVACY : 0),
				      MGMT_STATUS_SUCCESS, 1, ies, n);
		ret = drv_send_mgmt(p->drv, out, w.len, false, &cookie);
		if (ret)
			fail_quit(p, "send assoc resp", ret);
		break;
	}
	case MGMT_DEAUTH:
	case MGMT_DISASSOC:
		say("RX-%s sta=" MAC_FMT " reason=%u",
		    f.subtype == MGMT_DEAUTH ? "DEAUTH" : "DISASSOC",
		    MAC_ARG(f.sa), f.reason);
		drv_sta_remove(p->drv, f.sa);
		break;
	case MGMT_ASSOC_RESP:
	case MGMT_REASSOC_RESP:
	case MGMT_PROBE_RESP:
	case MGMT_TIMING_ADV:
	case MGMT_RESERVED7:
	case MGMT_BEACON:
	case MGMT_ATIM:
	case MGMT_ACTION:
	case MGMT_ACTION_NOACK:
	case MGMT_RESERVED15:
		break;
	}
}

static void ap_tx_status(void *ctx, uint64_t cookie, const uint8_t *frame,
			 size_t len, bool ack)
{
	struct probe *p = ctx;
	struct drv_sta_info si;
	struct mgmt_frame f;

	if (mgmt_parse(frame, len, &f) < 0)
		return;
	say("TX-STATUS %s cookie=%llu ack=%d", mgmt_subtype_str(f.subtype),
	    (unsigned long long)cookie, ack);
	if ((f.subtype == MGMT_ASSOC_RESP || f.subtype == MGMT_REASSOC_RESP) &&
	    ack && drv_get_station(p->drv, f.da, &si) == 0)
		say("STATION " MAC_FMT " authorized=%d inactive=%ums",
		    MAC_ARG(f.da), !!(si.flags & DRV_STA_AUTHORIZED),
		    si.inactive_ms);
	if ((f.subtype == MGMT_ASSOC_RESP || f.subtype == MGMT_REASSOC_RESP) &&
	    ack && p->cipher) {
		int ret = drv_tx_eapol(p->drv, f.da, hello_ap,
				       sizeof(hello_ap), true);

		if (ret)
			fail_quit(p, "tx_eapol", ret);
		else
			say("TX-EAPOL to " MAC_FMT, MAC_ARG(f.da));
	}
}

static void ap_eapol_rx(void *ctx, const uint8_t *src, const uint8_t *data,
			size_t len)
{
	struct probe *p = ctx;

	say("RX-EAPOL from " MAC_FMT " len=%zu", MAC_ARG(src), len);
	if (len == sizeof(hello_sta) && memcmp(data, hello_sta, len) == 0)
		install_keys(p, src, true);
}

static int probe_ap(const char *ifname, const char *ssid, int seconds,
		    uint32_t cipher)
{
	static const struct drv_frame_match frames[] = {
		{ .subtype = MGMT_AUTH }, { .subtype = MGMT_ASSOC_REQ },
		{ .subtype = MGMT_REASSOC_REQ }, { .subtype = MGMT_PROBE_REQ },
		{ .subtype = MGMT_DEAUTH }, { .subtype = MGMT_DISASSOC },
	};
	struct drv_events ev = { .rx_mgmt = ap_rx_mgmt,
				 .tx_status = ap_tx_status,
				 .eapol_rx = ap_eapol_rx };
	struct probe p = { .ssid = ssid, .cipher = cipher };
	struct drv_capa capa;
	struct drv_ifinfo info;
	uint8_t head[256], ies[128];
	struct wbuf w;
	size_t n;
	int ret;

	p.loop = loop_new();
	loop_add_signal(p.loop, SIGTERM, on_signal, &p);
	loop_add_signal(p.loop, SIGINT, on_signal, &p);
	p.drv = drv_open(&drv_nl80211_ops, p.loop, ifname, &ev, &p);
	if (!p.drv) {
		say("PROBE-FAIL open %s", ifname);
		return 1;
	}
	ret = drv_get_capa(p.drv, &capa);
	if (ret == 0)
		say("CAPA phy=%s iftypes=0x%x ciphers=0x%x ap_sme=%d "
		    "control_port=%d auth_assoc=%d freqs=%zu", capa.phy_name,
		    capa.iftypes, capa.ciphers, capa.ap_sme,
		    capa.control_port_over_nl80211, capa.auth_assoc,
		    capa.n_freqs);
	if (ret || (ret = drv_set_iftype(p.drv, DRV_IFTYPE_AP)) ||
	    (ret = drv_set_up(p.drv, true)) ||
	    (ret = drv_get_info(p.drv, &info))) {
		say("PROBE-FAIL setup: %s", strerror(-ret));
		p.status = 1;
		goto out;
	}
	memcpy(p.mac, info.mac, ETH_ALEN);
	ret = drv_register_frames(p.drv, frames, ARRAY_SIZE(frames));
	if (ret) {
		say("PROBE-FAIL register_frames: %s", strerror(-ret));
		p.status = 1;
		goto out;
	}
	n = ap_ies(&p, ies, sizeof(ies));
	/* head: everything up to where the TIM would go; rates beyond 8 go
	 * in the tail, but the probe keeps it simple with all in head */
	wbuf_init(&w, head, sizeof(head));
	{
		static const uint8_t bc[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff,
						      0xff, 0xff };

		mgmt_build_beacon(&w, false, bc, p.mac, p.mac, 0, 100,
				  MGMT_CAPAB_ESS |
				  (cipher ? MGMT_CAPAB_PRIVACY : 0), ies, n);
	}
	{
		struct drv_ap_params ap = {
			.head = head, .head_len = w.len,
			.beacon_int = 100, .dtim_period = 2,
			.ssid = (const uint8_t *)ssid, .ssid_len = strlen(ssid),
			.freq = 2412,
			.privacy = cipher != WPA_CIPHER_NONE,
			.wpa_versions = cipher == WPA_CIPHER_TKIP ?
					WPA_PROTO_WPA : WPA_PROTO_RSN,
			.pairwise_ciphers = (cipher),
			.group_cipher = cipher,
			.akm = WPA_AKM_PSK,
		};

		if (!cipher) {
			ap.wpa_versions = 0;
			ap.pairwise_ciphers = 0;
			ap.akm = 0;
		}

		ret = drv_start_ap(p.drv, &ap);
	}
	if (ret) {
		say("PROBE-FAIL start_ap: %s", strerror(-ret));
		p.status = 1;
		goto out;
	}
	say("AP-STARTED bssid=" MAC_FMT " ssid=%s", MAC_ARG(p.mac), ssid);
	loop_timer_add(p.loop, (uint64_t)seconds * 1000000, on_timeout, &p);
	loop_run(p.loop);
	ret = drv_stop_ap(p.drv);
	say("AP-STOPPED ret=%d", ret);
out:
	drv_close(p.drv);
	loop_free(p.loop);
	return p.status;
}

static void sta_start_auth(struct probe *p)
{
	struct drv_auth_params ap = {
		.bssid = p->bss.bssid, .freq = p->bss.freq,
		.ssid = (const uint8_t *)p->ssid, .ssid_len = strlen(p->ssid),
		.auth_alg = MGMT_AUTH_ALG_OPEN,
	};
	int ret = drv_authenticate(p->drv, &ap);

	if (ret)
		fail_quit(p, "authenticate", ret);
}

static void sta_scan_done(void *ctx, bool aborted)
{
	struct probe *p = ctx;
	struct drv_scan_results *res = NULL;
	int ret;

	if (p->have_bss)
		return;
	ret = drv_get_scan_results(p->drv, &res);
	if (ret) {
		fail_quit(p, "get_scan_results", ret);
		return;
	}
	for (size_t i = 0; i < res->n; i++) {
		const uint8_t *s;
		size_t sl;

		if (mgmt_get_ssid(res->bss[i].ies, res->bss[i].ies_len, &s,
				  &sl) == 0 && sl == strlen(p->ssid) &&
		    memcmp(s, p->ssid, sl) == 0) {
			p->bss = res->bss[i];
			p->bss.ies = NULL;
			p->bss.beacon_ies = NULL;
			p->have_bss = true;
		}
	}
	say("SCAN-DONE aborted=%d bss=%zu found=%d", aborted, res->n,
	    p->have_bss);
	drv_scan_results_free(res);
	if (!p->have_bss) {
		fail_quit(p, "ssid not found", -ENOENT);
		return;
	}
	say("BSS bssid=" MAC_FMT " freq=%u signal=%d.%02d age=%ums",
	    MAC_ARG(p->bss.bssid), p->bss.freq, p->bss.signal_mbm / 100,
	    abs(p->bss.signal_mbm % 100), p->bss.age_ms);
	sta_start_auth(p);
}

static void sta_auth_result(void *ctx, const uint8_t *bssid,
			    const uint8_t *frame, size_t len, bool timed_out)
{
	struct probe *p = ctx;
	struct mgmt_frame f;
	struct drv_assoc_params ap = {
		.bssid = p->bss.bssid, .freq = p->bss.freq,
		.ssid = (const uint8_t *)p->ssid, .ssid_len = strlen(p->ssid),
	};
	uint8_t ies[64];
	struct wbuf w;
	int ret;

	if (timed_out || mgmt_parse(frame, len, &f) < 0 || f.status) {
		say("AUTH failed timed_out=%d", timed_out);
		fail_quit(p, "auth", -EIO);
		return;
	}
	say("AUTH status=%u from " MAC_FMT, f.status, MAC_ARG(bssid));
	wbuf_init(&w, ies, sizeof(ies));
	mgmt_put_rates(&w, rates, sizeof(rates));
	ap.ies = ies;
	ap.ies_len = w.len;
	if (p->step == 1)
		ap.prev_bssid = p->bss.bssid;	/* reassociation */
	if (p->cipher) {
		ap.wpa_versions = p->cipher == WPA_CIPHER_TKIP ?
				  WPA_PROTO_WPA : WPA_PROTO_RSN;
		ap.pairwise_cipher = p->cipher;
		ap.group_cipher = p->cipher;
		ap.akm = WPA_AKM_PSK;
		ap.control_port = true;
	}
	ret = drv_associate(p->drv, &ap);
	if (ret)
		fail_quit(p, "associate", ret);
}

static void sta_assoc_result(void *ctx, const uint8_t *bssid,
			     const uint8_t *frame, size_t len, bool timed_out)
{
	struct probe *p = ctx;
	struct mgmt_frame f;
	struct drv_sta_info si;
	int ret;

	if (timed_out || mgmt_parse(frame, len, &f) < 0 || f.status) {
		say("ASSOC failed timed_out=%d status=%u", timed_out,
		    timed_out ? 0 : f.status);
		fail_quit(p, "assoc", -EIO);
		return;
	}
	say("%s status=%u aid=%u", f.subtype == MGMT_REASSOC_RESP ?
	    "REASSOC" : "ASSOC", f.status, f.aid);
	if (drv_get_station(p->drv, bssid, &si) == 0)
		say("STATION signal=%d inactive=%ums", si.signal_dbm,
		    si.inactive_ms);
	ret = drv_set_cqm_rssi(p->drv, -80, 2);
	say("CQM ret=%d", ret);
	if (p->peer)
		return;		/* wait for EAPOL from the AP */
	ret = drv_deauthenticate(p->drv, bssid, MGMT_REASON_DEAUTH_LEAVING);
	if (ret)
		fail_quit(p, "deauthenticate", ret);
}

static void sta_deauth(void *ctx, const uint8_t *bssid, uint16_t reason,
		       bool disassoc, bool local, const uint8_t *frame,
		       size_t len)
{
	struct probe *p = ctx;

	say("DEAUTH bssid=" MAC_FMT " reason=%u local=%d", MAC_ARG(bssid),
	    reason, local);
	if (++p->step == 1) {
		sta_start_auth(p);	/* then reassociate */
	} else {
		say("PROBE-DONE");
		loop_quit(p->loop, 0);
	}
}

static void sta_eapol_rx(void *ctx, const uint8_t *src, const uint8_t *data,
			 size_t len)
{
	struct probe *p = ctx;
	int ret;

	say("RX-EAPOL from " MAC_FMT " len=%zu", MAC_ARG(src), len);
	if (len != sizeof(hello_ap) || memcmp(data, hello_ap, len) != 0)
		return;
	/* like message 4/4: send unencrypted, then install the keys */
	ret = drv_tx_eapol(p->drv, src, hello_sta, sizeof(hello_sta), true);
	if (ret) {
		fail_quit(p, "tx_eapol", ret);
		return;
	}
	install_keys(p, src, false);
}

static void sta_conn_lost(void *ctx, const uint8_t *bssid, uint16_t reason)
{
	struct probe *p = ctx;

	say("CONN-LOST bssid=" MAC_FMT " reason=%u", MAC_ARG(bssid), reason);
	fail_quit(p, "unexpected connection loss", -ENOLINK);
}

static int probe_sta(const char *ifname, const char *ssid, bool peer,
		     uint32_t cipher, bool badkey)
{
	struct drv_events ev = {
		.scan_done = sta_scan_done, .auth_result = sta_auth_result,
		.assoc_result = sta_assoc_result, .deauth = sta_deauth,
		.conn_lost = sta_conn_lost, .eapol_rx = sta_eapol_rx,
	};
	struct probe p = { .ssid = ssid, .peer = peer, .cipher = cipher,
			   .badkey = badkey };
	struct drv_scan_ssid ss;
	uint32_t freq = 2412;
	struct drv_scan_params sp = { .ssids = &ss, .n_ssids = 1,
				      .freqs = &freq, .n_freqs = 1,
				      .flush = true };
	int ret;

	memset(&ss, 0, sizeof(ss));
	memcpy(ss.ssid, ssid, strlen(ssid) < 32 ? strlen(ssid) : 32);
	ss.len = strlen(ssid) < 32 ? strlen(ssid) : 32;
	p.loop = loop_new();
	loop_add_signal(p.loop, SIGTERM, on_signal, &p);
	p.drv = drv_open(&drv_nl80211_ops, p.loop, ifname, &ev, &p);
	if (!p.drv) {
		say("PROBE-FAIL open %s", ifname);
		return 1;
	}
	if ((ret = drv_set_iftype(p.drv, DRV_IFTYPE_STATION)) ||
	    (ret = drv_set_up(p.drv, true)) || (ret = drv_scan(p.drv, &sp))) {
		say("PROBE-FAIL setup/scan: %s", strerror(-ret));
		p.status = 1;
		goto out;
	}
	loop_timer_add(p.loop, (peer ? 60 : 20) * 1000000ULL, on_timeout, &p);
	p.status = 2;	/* until PROBE-DONE */
	loop_run(p.loop);
	if (((!peer && p.step >= 2) || (peer && p.keyed)) && p.status == 2)
		p.status = 0;
out:
	drv_close(p.drv);
	loop_free(p.loop);
	return p.status;
}

static uint32_t probe_cipher(const char *s)
{
	if (strcmp(s, "tkip") == 0)
		return WPA_CIPHER_TKIP;
	if (strcmp(s, "ccmp") == 0)
		return WPA_CIPHER_CCMP;
	return WPA_CIPHER_NONE;
}

int main(int argc, char **argv)
{
	Suite *s;
	SRunner *sr;
	int failed;

	if (argc >= 4 && strcmp(argv[1], "probe-ap") == 0) {
		log_set_level(LOG_LVL_DEBUG);
		return probe_ap(argv[2], argv[3], argc > 4 ? atoi(argv[4]) : 10,
				argc > 5 ? probe_cipher(argv[5]) :
				WPA_CIPHER_NONE);
	}
	if (argc >= 4 && strcmp(argv[1], "probe-sta") == 0) {
		log_set_level(LOG_LVL_DEBUG);
		return probe_sta(argv[2], argv[3],
				 argc > 4 && strcmp(argv[4], "peer") == 0,
				 argc > 5 ? probe_cipher(argv[5]) :
				 WPA_CIPHER_NONE,
				 argc > 6 && strcmp(argv[6], "badkey") == 0);
	}
	s = drv_suite();
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
