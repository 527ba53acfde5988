// SPDX-License-Identifier: MIT
/* test_sta_roam: BSS table aging and selection, roam decisions, and the SME
 * on the fake driver (fake_drv.h) with a fake clock (connect, AP loss ->
 * roam without a scan or with a scan of known channels only, roam by
 * command). The SME tests assert on the station's events (test_events.h
 * through test_sta_events.h), its status words and what the driver saw. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "drv.h"
#include "fake_drv.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"
#include "../../sta/bss.h"
#include "../../sta/ctl.h"
#include "../../sta/roam.h"
#include "../../sta/sme.h"
#include "test_sta_events.h"

static char err[512];

static struct sta_conf *conf_of(const char *text)
{
	struct sta_conf *c = sta_conf_parse("t.conf", text, err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	return c;
}

static void mk_bss(struct sta_bss *b, int last, const char *ssid, uint32_t freq,
		   int dbm, uint64_t seen, unsigned int proto, unsigned int pw)
{
	memset(b, 0, sizeof(*b));
	b->bssid[0] = 0x02;
	b->bssid[5] = (uint8_t)last;
	b->ssid_len = strlen(ssid);
	memcpy(b->ssid, ssid, b->ssid_len);
	b->freq = freq;
	b->signal_mbm = dbm * 100;
	b->seen_us = seen;
	b->capab = MGMT_CAPAB_ESS;
	if (proto) {
		b->privacy = true;
		b->capab |= MGMT_CAPAB_PRIVACY;
	}
	if (proto & WPA_PROTO_WPA)
		b->wpa = (struct sta_bss_sec){ .present = true, .pairwise = pw, .group = WPA_CIPHER_TKIP, .key_mgmt = WPA_AKM_PSK };
	if (proto & WPA_PROTO_RSN)
		b->rsn = (struct sta_bss_sec){ .present = true, .pairwise = pw, .group = WPA_CIPHER_TKIP, .key_mgmt = WPA_AKM_PSK };
}

START_TEST(bss_table_aging)
{
	static struct sta_bss_table t;
	struct sta_bss b;

	memset(&t, 0, sizeof(t));
	mk_bss(&b, 1, "a", 2412, -40, 1000000, 0, 0);
	sta_bss_update(&t, &b);
	mk_bss(&b, 2, "a", 2437, -50, 5000000, 0, 0);
	sta_bss_update(&t, &b);
	mk_bss(&b, 1, "a", 2412, -45, 6000000, 0, 0);	/* refresh of 1 */
	sta_bss_update(&t, &b);
	ck_assert_uint_eq(t.n, 2);
	ck_assert_int_eq(sta_bss_find(&t, b.bssid)->signal_mbm, -4500);
	/* at 12 s with max age 6.5 s: entry 2 (seen at 5 s) goes, 1 stays */
	ck_assert_uint_eq(sta_bss_expire(&t, 12000000, 6500000), 1);
	ck_assert_uint_eq(t.n, 1);
	ck_assert_uint_eq(t.bss[0].bssid[5], 1);
	ck_assert_uint_eq(sta_bss_expire(&t, 12000000, 6000000), 0);
	ck_assert_uint_eq(sta_bss_expire(&t, 12000001, 6000000), 1);
	ck_assert_uint_eq(t.n, 0);
}
END_TEST

START_TEST(bss_table_full_replaces_oldest)
{
	static struct sta_bss_table t;
	struct sta_bss b;
	int i;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < STA_BSS_MAX; i++) {
		mk_bss(&b, i, "a", 2412, -40, 1000 + (uint64_t)(i == 7 ? 0 : 100 + i), 0, 0);
		sta_bss_update(&t, &b);
	}
	mk_bss(&b, 200, "a", 2412, -40, 99999, 0, 0);
	sta_bss_update(&t, &b);
	ck_assert_uint_eq(t.n, STA_BSS_MAX);
	ck_assert(sta_bss_find(&t, b.bssid) != NULL);
	b.bssid[5] = 7;
	ck_assert(sta_bss_find(&t, b.bssid) == NULL);
}
END_TEST

START_TEST(bss_match_security)
{
	struct sta_conf *c = conf_of(
		"network={\n ssid=\"s\"\n psk=\"bonewish\"\n proto=WPA\n pairwise=CCMP\n}\n"
		"network={\n ssid=\"s\"\n psk=\"bonewish\"\n}\n"
		"network={\n ssid=\"o\"\n key_mgmt=NONE\n}\n");
	struct sta_bss_choice ch;
	struct sta_bss b;
	const char *why;

	/* WPA1 BSS with TKIP only does not fit a CCMP-only network */
	mk_bss(&b, 1, "s", 2412, -40, 0, WPA_PROTO_WPA, WPA_CIPHER_TKIP);
	ck_assert(!sta_bss_matches(&c->net[0], &b, &ch, &why));
	ck_assert_str_eq(why, "no common pairwise cipher");
	/* the default network takes it with WPA/TKIP */
	ck_assert(sta_bss_matches(&c->net[1], &b, &ch, &why));
	ck_assert_uint_eq(ch.proto, WPA_PROTO_WPA);
	ck_assert_uint_eq(ch.pairwise, WPA_CIPHER_TKIP);
	ck_assert_uint_eq(ch.group, WPA_CIPHER_TKIP);
	/* wpa=3 with TKIP CCMP: RSN and CCMP preferred */
	mk_bss(&b, 1, "s", 2412, -40, 0, WPA_PROTO_WPA | WPA_PROTO_RSN,
	       WPA_CIPHER_TKIP | WPA_CIPHER_CCMP);
	ck_assert(sta_bss_matches(&c->net[1], &b, &ch, NULL));
	ck_assert_uint_eq(ch.proto, WPA_PROTO_RSN);
	ck_assert_uint_eq(ch.pairwise, WPA_CIPHER_CCMP);
	/* proto=WPA network on the same BSS uses WPA with CCMP */
	ck_assert(sta_bss_matches(&c->net[0], &b, &ch, NULL));
	ck_assert_uint_eq(ch.proto, WPA_PROTO_WPA);
	ck_assert_uint_eq(ch.pairwise, WPA_CIPHER_CCMP);
	/* open network vs open / protected BSS */
	mk_bss(&b, 2, "o", 2412, -40, 0, 0, 0);
	ck_assert(sta_bss_matches(&c->net[2], &b, &ch, NULL));
	ck_assert_uint_eq(ch.key_mgmt, WPA_AKM_NONE);
	mk_bss(&b, 2, "o", 2412, -40, 0, WPA_PROTO_RSN, WPA_CIPHER_CCMP);
	ck_assert(!sta_bss_matches(&c->net[2], &b, &ch, &why));
	ck_assert_str_eq(why, "BSS requires privacy");
	/* SSID mismatch */
	mk_bss(&b, 2, "x", 2412, -40, 0, 0, 0);
	ck_assert(!sta_bss_matches(&c->net[2], &b, &ch, &why));
	ck_assert_str_eq(why, "SSID differs");
	sta_conf_free(c);
}
END_TEST

START_TEST(bss_select_priority_then_signal)
{
	static struct sta_bss_table t;
	struct sta_conf *c = conf_of(
		"network={\n ssid=\"low\"\n key_mgmt=NONE\n}\n"
		"network={\n ssid=\"high\"\n key_mgmt=NONE\n priority=3\n}\n");
	struct sta_select sel = { .net_id = -1, .now_us = 10000000, .max_age_us = 0 };
	const struct sta_network *net;
	struct sta_bss b, *best;

	memset(&t, 0, sizeof(t));
	mk_bss(&b, 1, "low", 2412, -30, 9000000, 0, 0);
	sta_bss_update(&t, &b);
	mk_bss(&b, 2, "high", 2437, -70, 9000000, 0, 0);
	sta_bss_update(&t, &b);
	mk_bss(&b, 3, "high", 2462, -60, 1000000, 0, 0);
	sta_bss_update(&t, &b);
	best = sta_bss_select(&t, c, &sel, &net, NULL);
	ck_assert_ptr_nonnull(best);
	ck_assert_uint_eq(best->bssid[5], 3);	/* priority, then signal */
	ck_assert_int_eq(net->id, 1);
	sel.max_age_us = 5000000;		/* 3 is too old now */
	best = sta_bss_select(&t, c, &sel, &net, NULL);
	ck_assert_uint_eq(best->bssid[5], 2);
	sel.exclude = best->bssid;
	best = sta_bss_select(&t, c, &sel, &net, NULL);
	ck_assert_uint_eq(best->bssid[5], 1);
	ck_assert_int_eq(net->id, 0);
	sel.exclude = NULL;
	sel.net_id = 0;
	best = sta_bss_select(&t, c, &sel, &net, NULL);
	ck_assert_uint_eq(best->bssid[5], 1);
	sta_conf_free(c);
}
END_TEST

START_TEST(roam_loss_decisions)
{
	static struct sta_bss_table t;
	struct sta_conf *c = conf_of("network={\n ssid=\"roaming\"\n key_mgmt=NONE\n}\n");
	struct sta_roam_cfg cfg;
	struct sta_roam_decision d;
	struct sta_bss b;
	uint8_t old[6] = { 0x02, 0, 0, 0, 0, 1 };

	sta_roam_cfg_default(&cfg);
	cfg.scan_max_age_us = 3000000;
	memset(&t, 0, sizeof(t));
	/* nothing known at all: full scan */
	sta_roam_on_loss(&t, c, &c->net[0], old, 10000000, &cfg, false, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_SCAN);
	ck_assert_uint_eq(d.n_freqs, 0);
	mk_bss(&b, 1, "roaming", 2412, -30, 9000000, 0, 0);	/* the old AP */
	sta_bss_update(&t, &b);
	mk_bss(&b, 2, "roaming", 2437, -60, 8000000, 0, 0);
	sta_bss_update(&t, &b);
	mk_bss(&b, 3, "other", 2462, -20, 9000000, 0, 0);
	sta_bss_update(&t, &b);
	/* recent other BSS of the ESS: connect to it at once */
	sta_roam_on_loss(&t, c, &c->net[0], old, 10000000, &cfg, false, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_CONNECT);
	ck_assert_uint_eq(d.bss->bssid[5], 2);
	/* too old: scan the ESS's known channels only (2412, 2437) */
	sta_roam_on_loss(&t, c, &c->net[0], old, 11000001, &cfg, false, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_SCAN);
	ck_assert_uint_eq(d.n_freqs, 2);
	ck_assert(d.freqs[0] + d.freqs[1] == 2412 + 2437);
	/* after that scan, nothing: give up this round (the SME forgot when it
	 * last saw the lost AP: seen_us 0) */
	sta_bss_find(&t, old)->seen_us = 0;
	sta_roam_on_loss(&t, c, &c->net[0], old, 11000001, &cfg, true, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_NONE);
	/* the scan sees the lost AP again (it restarted): take it back */
	mk_bss(&b, 1, "roaming", 2412, -30, 11000000, 0, 0);
	sta_bss_update(&t, &b);
	sta_roam_on_loss(&t, c, &c->net[0], old, 11000001, &cfg, true, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_CONNECT);
	ck_assert_uint_eq(d.bss->bssid[5], 1);
	sta_conf_free(c);
}
END_TEST

START_TEST(roam_signal_decisions)
{
	static struct sta_bss_table t;
	struct sta_conf *c = conf_of("network={\n ssid=\"roaming\"\n key_mgmt=NONE\n}\n");
	struct sta_roam_cfg cfg;
	struct sta_roam_decision d;
	struct sta_bss b;
	uint8_t cur[6] = { 0x02, 0, 0, 0, 0, 1 };

	sta_roam_cfg_default(&cfg);
	cfg.threshold_mbm = -7000;
	cfg.hysteresis_mb = 500;
	cfg.bgscan_us = 2000000;
	memset(&t, 0, sizeof(t));
	t.last_scan_us = 9500000;
	mk_bss(&b, 2, "roaming", 2437, -72, 9500000, 0, 0);
	sta_bss_update(&t, &b);
	/* above the threshold: stay */
	sta_roam_on_signal(&t, c, &c->net[0], cur, -6900, 10000000, &cfg, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_NONE);
	/* below, candidate only 3 dB better, scan recent: stay */
	sta_roam_on_signal(&t, c, &c->net[0], cur, -7500, 10000000, &cfg, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_NONE);
	/* scan older than bgscan interval: background scan of known channels */
	sta_roam_on_signal(&t, c, &c->net[0], cur, -7500, 11600000, &cfg, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_SCAN);
	ck_assert_uint_eq(d.n_freqs, 1);
	ck_assert_uint_eq(d.freqs[0], 2437);
	/* candidate exactly hysteresis better: roam */
	sta_roam_on_signal(&t, c, &c->net[0], cur, -7700, 10000000, &cfg, &d);
	ck_assert_int_eq(d.act, STA_ROAM_ACT_CONNECT);
	ck_assert_uint_eq(d.bss->bssid[5], 2);
	sta_conf_free(c);
}
END_TEST

START_TEST(roam_rec_format)
{
	struct sta_roam_rec r = { .cause = STA_ROAM_CAUSE_AP_LOSS, .t_trigger = 1000000,
				  .t_auth = 1020000, .t_assoc = 1031000, .t_done = 1045500,
				  .attempts = 1 };
	char buf[512];

	r.old_bssid[5] = 1;
	r.new_bssid[5] = 2;
	sta_roam_rec_format(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, "cause=ap-loss old=00:00:00:00:00:01 new=00:00:00:00:00:02 "
			 "t_trigger=1000000 t_auth=1020000 t_assoc=1031000 t_done=1045500 "
			 "auth_ms=20 assoc_ms=31 total_ms=45.500 attempts=1");
}
END_TEST

/* --- SME on a fake driver ------------------------------------------------- */

/* the shared fake driver (fake_drv.h) */
#define g_fake fake_drv_last
#define fake_ops fake_drv_ops

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
	return fake_now;
}

static uint8_t ies_open[64];
static size_t ies_open_len;

static void add_result(struct fake_drv *f, int last, uint32_t freq, int dbm)
{
	struct drv_bss *b = &f->results[f->n_results++];

	memset(b, 0, sizeof(*b));
	b->bssid[0] = 0x02;
	b->bssid[5] = (uint8_t)last;
	b->freq = freq;
	b->signal_mbm = dbm * 100;
	b->capab = MGMT_CAPAB_ESS;
	b->ies = ies_open;
	b->ies_len = ies_open_len;
}

static struct test_evrec evs;
static struct sta_script_run *cur_run;	/* a script that sees the events too */

static void on_ev(void *ctx, const struct sta_event *ev)
{
	sta_ev_record(&evs, ev);
	if (cur_run)
		sta_script_run_event(cur_run, ev);
}

static const struct test_ev *last_event(const char *name)
{
	return test_ev_last(&evs, name, "");
}

/* What a field of the last event named name says. */
static const char *last_field(const char *name, const char *key)
{
	const struct test_ev *e = last_event(name);

	ck_assert_msg(e != NULL, "no %s event", name);
	ck_assert_msg(test_ev_field(e, key) != NULL, "%s event without %s=", name, key);
	return test_ev_field(e, key);
}

static void reply_auth(struct sta *s, const uint8_t *bssid, uint16_t status)
{
	uint8_t buf[128];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, g_fake->mac, bssid, bssid, MGMT_AUTH_ALG_OPEN, 2, status,
			NULL, 0);
	sta_drv_events.auth_result(s, bssid, buf, w.len, false);
}

static void reply_assoc(struct sta *s, const uint8_t *bssid, uint16_t status)
{
	uint8_t buf[128];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_assoc_resp(&w, g_fake->assoc_reassoc, g_fake->mac, bssid, bssid,
			      MGMT_CAPAB_ESS, status, 1, NULL, 0);
	sta_drv_events.assoc_result(s, bssid, buf, w.len, false);
}

static struct loop *lp;
static struct sta_conf *sconf;
static struct sta *st;

#define assert_state(want) ck_assert_sta_state(&evs, st, want)

/* Move the clock by us, firing each timer at its time. */
static void run_for(uint64_t us)
{
	uint64_t end = fake_now + us;

	for (;;) {
		uint64_t next = loop_next_timer_us(lp);

		if (next == UINT64_MAX || fake_now + next > end)
			break;
		fake_now += next;
		loop_run_timers(lp);
	}
	fake_now = end;
}

static void sme_setup(void)
{
	struct wbuf w;

	log_set_level(LOG_LVL_ERROR);
	wbuf_init(&w, ies_open, sizeof(ies_open));
	mgmt_put_ssid(&w, (const uint8_t *)"roaming", 7);
	ies_open_len = w.len;
	fake_now = 1000000;
	test_ev_reset(&evs);
	cur_run = NULL;
	lp = loop_new();
	loop_set_clock(lp, fake_clock, NULL);
	sconf = sta_conf_parse("t.conf", "network={\n ssid=\"roaming\"\n key_mgmt=NONE\n}\n",
			       err, sizeof(err));
	ck_assert_ptr_nonnull(sconf);
	st = sta_new(lp, &fake_ops, "wlan0", sconf, on_ev, NULL);
	ck_assert_ptr_nonnull(st);
}

/* Every test ends with each machine's events chained old -> new. */
static void sme_teardown(void)
{
	sta_ev_assert_chains(&evs);
	sta_free(st);
	sta_conf_free(sconf);
	loop_free(lp);
}

/* Connect to ap1 (02:..:01); ap2 (02:..:02) is in the same scan. */
static void connect_ap1(void)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 };

	add_result(g_fake, 1, 2412, -40);
	add_result(g_fake, 2, 2437, -60);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	assert_state("SCANNING");
	ck_assert_int_eq(g_fake->n_scan, 1);
	ck_assert_uint_eq(g_fake->scan.n_freqs, 0);	/* first connect: all channels */
	ck_assert_ptr_nonnull(test_ev_find(&evs, "SCAN", "old=IDLE new=RUNNING purpose=connect"));
	ck_assert_str_eq(last_field("SCAN_STARTED", "purpose"), "connect");
	ck_assert_str_eq(last_field("SCAN_STARTED", "freqs"), "0");
	fake_now += 50000;
	sta_drv_events.scan_done(st, false);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "SCAN", "old=RUNNING new=IDLE purpose=connect"));
	ck_assert_str_eq(last_field("SCAN_RESULTS", "n"), "2");
	assert_state("AUTHENTICATING");
	ck_assert(mac_equal(g_fake->auth_bssid, ap1));	/* stronger one */
	fake_now += 2000;
	reply_auth(st, ap1, 0);
	assert_state("ASSOCIATING");
	ck_assert(!g_fake->assoc_reassoc);
	fake_now += 2000;
	reply_assoc(st, ap1, 0);
	assert_state("CONNECTED");
	ck_assert_str_eq(sta_status_of(st, "wpa_state"), "COMPLETED");
	ck_assert_str_eq(last_field("CONNECTED", "bssid"), "02:00:00:00:00:01");
	/* a connect is no roam */
	ck_assert_int_eq(test_ev_count(&evs, "BSS_TRANSITION"), 0);
	ck_assert_str_eq(sta_status_of(st, "roams"), "0");
}

START_TEST(sme_connect_and_roam_on_loss)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 }, ap2[6] = { 2, 0, 0, 0, 0, 2 };
	const struct test_ev *ev;
	char v[64];

	connect_ap1();
	/* ap1 deauths us (hostapd stopping: reason 3) 1 s later; the scan is
	 * recent, so the SME authenticates with ap2 at once, no scan. */
	fake_now += 1000000;
	sta_drv_events.deauth(st, ap1, 3, false, false, NULL, 0);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "DISCONNECTED",
					   "bssid=02:00:00:00:00:01 reason=3 how=deauthenticated"));
	ck_assert_str_eq(last_field("BSS_TRANSITION", "old"), "NONE");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "SEARCHING");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "cause"), "ap-loss");
	assert_state("AUTHENTICATING");
	ck_assert_int_eq(g_fake->n_scan, 1);
	ck_assert_int_eq(test_ev_count(&evs, "SCAN_STARTED"), 1);
	ck_assert(mac_equal(g_fake->auth_bssid, ap2));
	fake_now += 3000;
	reply_auth(st, ap2, 0);
	ck_assert(g_fake->assoc_reassoc);	/* Reassociation Request from ap1 */
	ck_assert(mac_equal(g_fake->assoc_prev, ap1));
	fake_now += 4000;
	reply_assoc(st, ap2, 0);
	assert_state("CONNECTED");
	ev = last_event("ROAM");
	ck_assert_ptr_nonnull(ev);
	ck_assert_str_eq(test_ev_field(ev, "cause"), "ap-loss");
	ck_assert_str_eq(test_ev_field(ev, "old"), "02:00:00:00:00:01");
	ck_assert_str_eq(test_ev_field(ev, "new"), "02:00:00:00:00:02");
	ck_assert_str_eq(test_ev_field(ev, "total_ms"), "7.000");
	ck_assert_str_eq(test_ev_field(ev, "t_auth"), "2057000");
	ck_assert_str_eq(test_ev_field(ev, "attempts"), "1");
	/* keep_neigh is on by default: the ROAM event says the entries stayed */
	ck_assert_str_eq(test_ev_field(ev, "neigh"), "kept");
	/* the roam is over */
	ck_assert_str_eq(last_field("BSS_TRANSITION", "old"), "SEARCHING");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "NONE");
	ck_assert_int_eq(test_ev_count(&evs, "BSS_TRANSITION"), 2);
	ck_assert(sta_status_get(st, "keep_neigh", v, sizeof(v)));
	ck_assert_str_eq(v, "1");
	ck_assert(sta_status_get(st, "roams", v, sizeof(v)));
	ck_assert_str_eq(v, "1");
	ck_assert(sta_status_get(st, "last_roam_cause", v, sizeof(v)));
	ck_assert_str_eq(v, "ap-loss");
	ck_assert(sta_status_get(st, "last_roam_ms", v, sizeof(v)));
	ck_assert_str_eq(v, "7.000");
	ck_assert(sta_status_get(st, "bssid", v, sizeof(v)));
	ck_assert_str_eq(v, "02:00:00:00:00:02");
}
END_TEST

/* keep_neigh 0 (set command): the next roam's event says the entries went */
START_TEST(sme_roam_keep_neigh_off)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 }, ap2[6] = { 2, 0, 0, 0, 0, 2 };
	const struct test_ev *ev;
	char v[64];

	ck_assert_int_eq(sta_set_knob(st, "keep_neigh", "0", err, sizeof(err)), 0);
	ck_assert(sta_status_get(st, "keep_neigh", v, sizeof(v)));
	ck_assert_str_eq(v, "0");
	ck_assert_int_eq(sta_set_knob(st, "keep_neigh", "2", err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "keep_neigh: bad value '2'");
	connect_ap1();
	fake_now += 1000000;
	sta_drv_events.deauth(st, ap1, 3, false, false, NULL, 0);
	reply_auth(st, ap2, 0);
	reply_assoc(st, ap2, 0);
	assert_state("CONNECTED");
	ev = last_event("ROAM");
	ck_assert_ptr_nonnull(ev);
	ck_assert_str_eq(test_ev_field(ev, "neigh"), "evicted");
}
END_TEST

START_TEST(sme_loss_scans_known_channels_when_stale)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 }, ap2[6] = { 2, 0, 0, 0, 0, 2 };

	connect_ap1();
	/* 20 s later the scan is stale: scan only 2412 and 2437, flushed */
	fake_now += 20000000;
	sta_drv_events.deauth(st, ap1, 3, false, false, NULL, 0);
	assert_state("SCANNING");
	ck_assert_int_eq(g_fake->n_scan, 2);
	ck_assert_uint_eq(g_fake->scan.n_freqs, 2);
	ck_assert(g_fake->scan.flush);
	/* the roam began searching and scans this round */
	ck_assert_ptr_nonnull(test_ev_find(&evs, "BSS_TRANSITION",
					   "old=NONE new=SEARCHING cause=ap-loss"));
	ck_assert_str_eq(last_field("BSS_TRANSITION", "old"), "SEARCHING");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "SCANNED");
	ck_assert_str_eq(last_field("SCAN", "new"), "RUNNING");
	ck_assert_str_eq(last_field("SCAN", "purpose"), "roam");
	ck_assert_str_eq(last_field("SCAN_STARTED", "purpose"), "roam");
	ck_assert_str_eq(last_field("SCAN_STARTED", "freqs"), "2");
	/* only ap2 answers */
	g_fake->n_results = 0;
	add_result(g_fake, 2, 2437, -55);
	fake_now += 40000;
	sta_drv_events.scan_done(st, false);
	assert_state("AUTHENTICATING");
	ck_assert(mac_equal(g_fake->auth_bssid, ap2));
}
END_TEST

START_TEST(sme_auth_failure_tries_next_then_backs_off)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 }, ap2[6] = { 2, 0, 0, 0, 0, 2 };
	const struct test_ev *ev;
	uint64_t t_fail;
	int scans, pos;

	connect_ap1();
	fake_now += 1000000;
	sta_drv_events.deauth(st, ap1, 3, false, false, NULL, 0);
	ck_assert(mac_equal(g_fake->auth_bssid, ap2));
	/* ap2 refuses: no candidate left, so scan the known channels at once */
	reply_auth(st, ap2, 17);
	ck_assert_str_eq(last_field("AUTH", "status"), "17");
	ck_assert_str_eq(last_field("ATTEMPT_FAILED", "bssid"), "02:00:00:00:00:02");
	ck_assert_str_eq(sta_status_of(st, "auth_failures"), "1");
	assert_state("SCANNING");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "SCANNED");
	scans = g_fake->n_scan;
	g_fake->n_results = 0;
	sta_drv_events.scan_done(st, false);
	/* nothing found after the scan: idle, the roam still under way, and
	 * no new scan until the backoff (100 ms doubling: the second failure
	 * in a row waits 200 ms) */
	assert_state("IDLE");
	ck_assert_str_eq(sta_status_of(st, "wpa_state"), "DISCONNECTED");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "SCANNED");
	ck_assert_int_eq(test_ev_count(&evs, "ATTEMPT_FAILED"), 2);
	ev = last_event("ATTEMPT_FAILED");
	t_fail = fake_now;
	ck_assert_int_eq(g_fake->n_scan, scans);
	test_ev_mark(&evs);
	run_for(200000 - 1);
	ck_assert_int_eq(g_fake->n_scan, scans);	/* not yet */
	ck_assert_int_eq(test_ev_count(&evs, "SCAN_STARTED"), 0);
	ck_assert_int_eq(test_ev_count(&evs, "ATTEMPT_FAILED"), 0);
	ck_assert_ptr_nonnull(ev);
	run_for(1);
	ck_assert_int_eq(g_fake->n_scan, scans + 1);
	/* a new round: the roam searches again, and scans again */
	pos = 0;
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "BSS_TRANSITION",
					   "old=SCANNED new=SEARCHING"));
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "BSS_TRANSITION",
					   "old=SEARCHING new=SCANNED"));
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "SCAN_STARTED", "purpose=roam"));
	ck_assert_uint_eq(strtoull(last_field("SCAN_STARTED", "t"), NULL, 10),
			  t_fail + 200000);
	assert_state("SCANNING");
}
END_TEST

START_TEST(sme_auth_timeout_guard)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 }, ap2[6] = { 2, 0, 0, 0, 0, 2 };

	add_result(g_fake, 1, 2412, -40);
	add_result(g_fake, 2, 2437, -60);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	ck_assert(mac_equal(g_fake->auth_bssid, ap1));
	/* no answer at all: after the guard, the next candidate */
	fake_now += 1000001;
	loop_run_timers(lp);
	assert_state("AUTHENTICATING");
	ck_assert(mac_equal(g_fake->auth_bssid, ap2));
	ck_assert_ptr_nonnull(last_event("ATTEMPT_FAILED"));
	ck_assert_str_eq(last_field("ATTEMPT_FAILED", "bssid"), "02:00:00:00:00:01");
	ck_assert_str_eq(last_field("ATTEMPT_FAILED", "reason"), "authentication timed out");
}
END_TEST

START_TEST(sme_roam_command_and_ignore_deauth)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 }, ap2[6] = { 2, 0, 0, 0, 0, 2 };
	uint8_t ap9[6] = { 2, 0, 0, 0, 0, 9 };
	char args[1][128];

	connect_ap1();
	ck_assert_int_eq(sta_roam_to(st, ap9, err, sizeof(err)), -ENOENT);
	ck_assert_str_eq(err, "02:00:00:00:00:09 not in scan results");
	ck_assert_int_eq(sta_roam_to(st, ap1, err, sizeof(err)), -EALREADY);
	ck_assert_int_eq(sta_roam_to(st, ap2, err, sizeof(err)), 0);
	ck_assert(mac_equal(g_fake->auth_bssid, ap2));
	/* the kernel's local deauth of ap1 is not an AP loss */
	sta_drv_events.deauth(st, ap1, 1, false, true, NULL, 0);
	assert_state("AUTHENTICATING");
	ck_assert_int_eq(test_ev_count(&evs, "DISCONNECTED"), 0);
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "SEARCHING");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "cause"), "command");
	reply_auth(st, ap2, 0);
	reply_assoc(st, ap2, 0);
	ck_assert_str_eq(last_field("ROAM", "cause"), "command");
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "NONE");
	/* ignore-deauth: a deauth from ap2 changes nothing */
	ck_assert_int_eq(test_sta_fault_set(&st->faults, "ignore-deauth", 0, args, err,
				       sizeof(err)), 0);
	test_ev_mark(&evs);
	sta_drv_events.deauth(st, ap2, 3, false, false, NULL, 0);
	assert_state("CONNECTED");
	/* one event: the fault firing, named; nothing else happens */
	ck_assert_int_eq(evs.n, evs.from + 1);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "HANDSHAKE", "type=FAULT fault=ignore-deauth"));
	hs_fault_clear(&st->faults, NULL);
	sta_drv_events.deauth(st, ap2, 3, false, false, NULL, 0);
	ck_assert_str_ne(sta_status_of(st, "sme_state"), "CONNECTED");
	ck_assert_ptr_nonnull(test_ev_find(&evs, "DISCONNECTED", "bssid=02:00:00:00:00:02 reason=3"));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "BSS_TRANSITION",
					   "old=NONE new=SEARCHING cause=ap-loss"));
}
END_TEST

/* A connect while a scan command's scan runs: the running scan serves the
 * connect too, and its results lead to the best BSS. */
START_TEST(sme_connect_during_user_scan)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 };

	add_result(g_fake, 1, 2412, -40);
	ck_assert_int_eq(sta_scan(st, NULL, 0, false, NULL, err, sizeof(err)), 0);
	ck_assert_str_eq(last_field("SCAN", "purpose"), "user");
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(g_fake->n_scan, 1);	/* no second scan */
	assert_state("SCANNING");
	fake_now += 40000;
	sta_drv_events.scan_done(st, false);
	ck_assert_str_eq(last_field("SCAN", "purpose"), "connect");
	assert_state("AUTHENTICATING");
	ck_assert(mac_equal(g_fake->auth_bssid, ap1));
}
END_TEST

/* AP loss while a scan command's scan runs and the table is stale: the
 * roam's scan is that running scan, and the roam goes on with its
 * results. */
START_TEST(sme_roam_during_user_scan)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 }, ap2[6] = { 2, 0, 0, 0, 0, 2 };

	connect_ap1();
	fake_now += 20000000;
	ck_assert_int_eq(sta_scan(st, NULL, 0, false, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(g_fake->n_scan, 2);
	sta_drv_events.deauth(st, ap1, 3, false, false, NULL, 0);
	ck_assert_int_eq(g_fake->n_scan, 2);	/* no second scan */
	ck_assert_str_eq(last_field("BSS_TRANSITION", "new"), "SCANNED");
	assert_state("SCANNING");
	g_fake->n_results = 0;
	add_result(g_fake, 2, 2437, -55);
	fake_now += 40000;
	sta_drv_events.scan_done(st, false);
	ck_assert_str_eq(last_field("SCAN", "purpose"), "roam");
	assert_state("AUTHENTICATING");
	ck_assert(mac_equal(g_fake->auth_bssid, ap2));
}
END_TEST

/* The script runner on the fake driver: waits see events, expect fails
 * with the line number. */
START_TEST(script_runner)
{
	uint8_t ap1[6] = { 2, 0, 0, 0, 0, 1 };
	struct sta_script_run run;
	struct sta_script *sc;
	FILE *out = fopen("/dev/null", "w");

	add_result(g_fake, 1, 2412, -40);
	sc = sta_script_parse("s.txt", "connect\nwait CONNECTED bssid=02:00:00:00:00:01 2s\n"
			      "expect wpa_state == COMPLETED\nexpect roams == 1\nlog never\n",
			      err, sizeof(err));
	ck_assert_ptr_nonnull(sc);
	sta_script_run_init(&run, st, lp, sc, out);
	cur_run = &run;
	sta_script_run_start(&run);
	ck_assert(run.waiting);
	sta_drv_events.scan_done(st, false);
	reply_auth(st, ap1, 0);
	reply_assoc(st, ap1, 0);
	loop_run_timers(lp);	/* resume */
	ck_assert(run.done);
	ck_assert_int_eq(run.status, 1);
	ck_assert_str_eq(run.fail, "s.txt:4: expect roams == 1: roams is 0");
	sta_script_free(sc);

	/* a wait that times out names its line */
	sc = sta_script_parse("s.txt", "wait ROAM 100\n", err, sizeof(err));
	sta_script_run_init(&run, st, lp, sc, out);
	sta_script_run_start(&run);
	fake_now += 100000;
	loop_run_timers(lp);
	ck_assert(run.done);
	ck_assert_str_eq(run.fail, "s.txt:1: wait ROAM: timed out after 100 ms");
	sta_script_free(sc);
	cur_run = NULL;
	fclose(out);
}
END_TEST

static Suite *pure_suite(void)
{
	Suite *s = suite_create("sta_bss_roam");
	TCase *tc = tcase_create("pure");

	tcase_add_test(tc, bss_table_aging);
	tcase_add_test(tc, bss_table_full_replaces_oldest);
	tcase_add_test(tc, bss_match_security);
	tcase_add_test(tc, bss_select_priority_then_signal);
	tcase_add_test(tc, roam_loss_decisions);
	tcase_add_test(tc, roam_signal_decisions);
	tcase_add_test(tc, roam_rec_format);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *sme_suite(void)
{
	Suite *s = suite_create("sta_sme");
	TCase *tc = tcase_create("fake-driver");

	tcase_add_checked_fixture(tc, sme_setup, sme_teardown);
	tcase_add_test(tc, sme_connect_and_roam_on_loss);
	tcase_add_test(tc, sme_roam_keep_neigh_off);
	tcase_add_test(tc, sme_loss_scans_known_channels_when_stale);
	tcase_add_test(tc, sme_auth_failure_tries_next_then_backs_off);
	tcase_add_test(tc, sme_auth_timeout_guard);
	tcase_add_test(tc, sme_roam_command_and_ignore_deauth);
	tcase_add_test(tc, sme_connect_during_user_scan);
	tcase_add_test(tc, sme_roam_during_user_scan);
	tcase_add_test(tc, script_runner);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(pure_suite, sme_suite)
