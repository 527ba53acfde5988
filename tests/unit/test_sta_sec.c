// SPDX-License-Identifier: MIT
/* test_sta_sec: the station's answers to a handshake or a key gone wrong,
 * on the fake driver of test_sta_harness.h with a fake clock:
 *  - an RSN/WPA element in 3/4 that differs from the Beacon's (12.7.6.4):
 *    deauthentication with reason 17, then the next candidate BSS;
 *  - no 1/4, or no group 1/2, after association: after 10 s
 *    deauthentication with reason 15 (16 for the group handshake), then the
 *    next candidate;
 *  - Michael MIC failures (12.5.2.4): a report to the AP for each; the
 *    second within 60 s deauthenticates (reason 14) and keeps the station
 *    away from every TKIP BSS for 60 s, not from a CCMP-only one.
 * Checked on what the fake driver saw (deauth reasons, frames, auths) and on
 * the station's events. */
#include "unit.h"
#include "test_sta_harness.h"

static const char *conf_any =
	"network={\n ssid=\"roaming\"\n psk=\"bonewish\"\n}\n";

static void connect_to(struct ap *ap)
{
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(ap, 50);
}

/* The station has deauthenticated n times, the last from ap with this
 * reason, and said so in as many DEAUTH events, the last with that reason
 * and BSSID. */
static void assert_deauth(const struct ap *ap, int n, uint16_t reason)
{
	const struct test_ev *e;
	char r[8], a[18];

	ck_assert_int_eq(g_fake->n_deauth, n);
	ck_assert_uint_eq(g_fake->deauth_reason, reason);
	ck_assert(mac_equal(g_fake->deauth_bssid, ap->bssid));
	ck_assert_int_eq(test_ev_count(&evs, "DEAUTH"), n);
	e = test_ev_last(&evs, "DEAUTH", "");
	snprintf(r, sizeof(r), "%u", reason);
	ck_assert_str_eq(test_ev_field(e, "reason"), r);
	ck_assert_str_eq(test_ev_field(e, "bssid"), mac_str(ap->bssid, a));
}

/* 12.7.6.4: ap0's 3/4 carries an RSN element that offers TKIP as well as
 * CCMP (a downgrade of the Beacon's CCMP-only element). */
START_TEST(ie_mismatch_in_m3_deauth_17_then_next_bss)
{
	struct hs_ap_policy down;

	setup_common(2, WPA_CIPHER_CCMP, conf_any);
	down = aps[0].pol;
	down.rsn_pairwise = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP;
	ck_assert_int_eq(hs_ap_policy_build_ie(&down, IE_PROTO_RSN, aps[0].m3_ie,
					       sizeof(aps[0].m3_ie), &aps[0].m3_ie_len), 0);
	connect_to(&aps[0]);
	ck_assert_int_eq(test_ev_count_match(&evs, "HANDSHAKE", "type=IE_MISMATCH"), 1);
	assert_deauth(&aps[0], 1, MGMT_REASON_IE_IN_4WAY_DIFFERS);
	ck_assert_ptr_null(last_key(true));	/* no PTK from that 3/4 */
	ck_assert_uint_eq(g_fake->n_authorize, 0);
	/* on to the other AP of the ESS, which completes */
	ck_assert_ptr_eq(ap_authenticating(), &aps[1]);
	join(&aps[1], 50);
	assert_connected_keys(&aps[1], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
	ck_assert_int_eq(g_fake->n_deauth, 1);
	teardown();
}
END_TEST

/* ap0 associates the station but never sends 1/4. */
START_TEST(no_msg1_timeout_deauth_15_then_next_bss)
{
	setup_common(2, WPA_CIPHER_CCMP, conf_any);
	aps[0].silent = true;
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 9999);
	assert_state("HANDSHAKE");
	ck_assert_int_eq(g_fake->n_deauth, 0);
	advance(1);		/* 10 s after the association */
	assert_deauth(&aps[0], 1, MGMT_REASON_4WAY_HANDSHAKE_TIMEOUT);
	ck_assert_str_ne(sta_status_of(st, "sme_state"), "HANDSHAKE");
	until_authenticating();
	ck_assert_ptr_eq(ap_authenticating(), &aps[1]);
	join(&aps[1], 50);
	assert_connected_keys(&aps[1], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
	/* a completed handshake has no timeout left running */
	advance(30000);
	assert_state("CONNECTED");
	ck_assert_int_eq(g_fake->n_deauth, 1);
	teardown();
}
END_TEST

/* WPA1: the 4-way handshake completes, the group 1/2 never arrives. */
START_TEST(no_group_msg1_timeout_deauth_16)
{
	setup_common(1, WPA_CIPHER_TKIP, conf_any);
	hs_fault_arm_msg(&aps[0].faults, HS_FAULT_DROP_MSG, EAPOL_MSG_GROUP_1, 0, 0);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	ck_assert(hs_auth_ptk_done(aps[0].a));
	ck_assert_ptr_nonnull(last_key(true));
	advance(9949);
	assert_state("HANDSHAKE");
	ck_assert_int_eq(g_fake->n_deauth, 0);
	advance(1);		/* 10 s after the association */
	assert_deauth(&aps[0], 1, MGMT_REASON_GROUP_KEY_UPDATE_TIMEOUT);
	ck_assert_str_ne(sta_status_of(st, "sme_state"), "HANDSHAKE");
	teardown();
}
END_TEST

/* The Request the station sent as frame number i: a Michael MIC failure
 * report (12.7.2) for a pairwise or group key, MIC'd with the PTK. Returns
 * its replay counter. */
static uint64_t assert_report(size_t i, bool pairwise, const uint8_t *ptk)
{
	struct eapol_key k;
	const char *why;
	char a[18];

	ck_assert_uint_lt(i, g_fake->n_eapol);
	ck_assert_int_eq(eapol_key_parse(g_fake->eapol[i].data, g_fake->eapol[i].len, &k,
					 &why), 0);
	/* to the AP the station is associated with */
	ck_assert_str_eq(mac_str(g_fake->eapol[i].peer, a), sta_status_of(st, "bssid"));
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_REQUEST);
	ck_assert_uint_eq(k.desc_type, EAPOL_DESC_WPA);
	ck_assert_uint_eq(k.key_info & (KEY_INFO_REQUEST | KEY_INFO_ERROR | KEY_INFO_MIC |
					KEY_INFO_SECURE | KEY_INFO_ACK | KEY_INFO_INSTALL),
			  KEY_INFO_REQUEST | KEY_INFO_ERROR | KEY_INFO_MIC | KEY_INFO_SECURE);
	ck_assert_uint_eq(!!(k.key_info & KEY_INFO_TYPE_PAIRWISE), pairwise);
	ck_assert_uint_eq(eapol_key_desc_ver(&k), KEY_DESC_VER_HMAC_MD5_RC4);
	ck_assert_uint_eq(k.key_data_len, 0);
	ck_assert(eapol_mic_verify(KEY_DESC_VER_HMAC_MD5_RC4, ptk, &k));
	return k.replay_counter;
}

static void mic_failure(const struct ap *ap, bool group)
{
	sta_drv_events.mic_failure(st, ap->bssid, group, group ? 1 : 0);
}

/* Two failures 30 s apart (pairwise, then group key): two reports, then
 * deauthentication with reason 14 and 60 s without any association. */
START_TEST(mic_failures_report_then_countermeasures)
{
	uint8_t ptk[PTK_MAX_LEN];
	uint64_t rc1, rc2, t_cm;
	size_t n;
	int n_auth, pos = 0;

	setup_common(1, WPA_CIPHER_TKIP, conf_any);
	connect_to(&aps[0]);
	assert_state("CONNECTED");
	ptk_of(&aps[0], ptk, sizeof(ptk));

	n = g_fake->n_eapol;
	mic_failure(&aps[0], false);
	ck_assert_uint_eq(g_fake->n_eapol, n + 1);
	rc1 = assert_report(n, true, ptk);
	pump();
	ck_assert_uint_eq(aps[0].drops, 0);	/* the AP took the report */
	/* in this order: the failure, the report, the TKIP machine's change */
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "MIC_FAILURE", "count=1 key=pairwise"));
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "MIC_REPORT", "status=sent"));
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "TKIP", "old=IDLE new=FAILURE_SEEN"));
	assert_state("CONNECTED");
	ck_assert_int_eq(g_fake->n_deauth, 0);

	advance(30000);
	n = g_fake->n_eapol;
	mic_failure(&aps[0], true);
	ck_assert_uint_eq(g_fake->n_eapol, n + 1);
	rc2 = assert_report(n, false, ptk);
	ck_assert_uint_gt(rc2, rc1);	/* a counter not used in a Request before */
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "MIC_FAILURE", "count=2 key=group"));
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "MIC_REPORT", "status=sent"));
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "TKIP",
					   "old=FAILURE_SEEN new=COUNTERMEASURES"));
	t_cm = now_us;
	advance(100);		/* the report leaves before the deauthentication */
	pump();
	ck_assert_uint_eq(aps[0].drops, 0);
	assert_deauth(&aps[0], 1, MGMT_REASON_MICHAEL_MIC_FAILURE);
	ck_assert_str_ne(sta_status_of(st, "sme_state"), "CONNECTED");

	/* 60 s without an authentication to either (TKIP) AP, however
	 * often the station scans */
	n_auth = g_fake->n_auth;
	while (now_us + 100000 < t_cm + 60000000ull) {
		if (!strcmp(sta_status_of(st, "sme_state"), "SCANNING"))
			sta_drv_events.scan_done(st, false);
		advance(100);
	}
	ck_assert_int_eq(g_fake->n_auth, n_auth);
	ck_assert_int_eq(test_ev_count_match(&evs, "TKIP", "new=IDLE"), 0);
	advance(200);
	ck_assert_ptr_nonnull(test_ev_next(&evs, &pos, "TKIP", "old=COUNTERMEASURES new=IDLE"));
	until_authenticating();
	join(ap_authenticating(), 50);
	assert_state("CONNECTED");
	teardown();
}
END_TEST

/* Two failures more than 60 s apart: two reports, no countermeasures. */
START_TEST(mic_failures_60s_apart_no_countermeasures)
{
	uint8_t ptk[PTK_MAX_LEN];

	setup_common(1, WPA_CIPHER_TKIP, conf_any);
	connect_to(&aps[0]);
	ptk_of(&aps[0], ptk, sizeof(ptk));
	mic_failure(&aps[0], false);
	advance(60001);
	ck_assert_int_eq(test_ev_count_match(&evs, "TKIP", "new=IDLE"), 1);
	mic_failure(&aps[0], false);
	assert_report(g_fake->n_eapol - 1, true, ptk);
	advance(1000);
	ck_assert_int_eq(test_ev_count_match(&evs, "MIC_FAILURE", "count=1"), 2);
	ck_assert_int_eq(test_ev_count_match(&evs, "MIC_REPORT", "status=sent"), 2);
	ck_assert_int_eq(test_ev_count_match(&evs, "TKIP", "new=COUNTERMEASURES"), 0);
	ck_assert_int_eq(g_fake->n_deauth, 0);
	assert_state("CONNECTED");
	teardown();
}
END_TEST

/* Countermeasures keep the station from TKIP only (12.5.2.4.3): with ap0
 * on WPA/TKIP and ap1 on RSN/CCMP, it goes to ap1 at once. */
START_TEST(countermeasures_allow_ccmp_bss)
{
	setup_common(1, WPA_CIPHER_TKIP, conf_any);
	hs_group_free(aps[1].g);
	ap_setup(&aps[1], 1, 2, WPA_CIPHER_CCMP);
	connect_to(&aps[0]);
	assert_state("CONNECTED");
	ck_assert_str_eq(sta_status_of(st, "pairwise_cipher"), "TKIP");
	mic_failure(&aps[0], true);
	advance(1000);
	mic_failure(&aps[0], true);
	advance(100);
	assert_deauth(&aps[0], 1, MGMT_REASON_MICHAEL_MIC_FAILURE);
	until_authenticating();
	ck_assert_ptr_eq(ap_authenticating(), &aps[1]);
	join(&aps[1], 50);
	assert_connected_keys(&aps[1], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
	teardown();
}
END_TEST

/* A failure while not associated is not counted. */
START_TEST(mic_failure_not_associated_ignored)
{
	setup_common(1, WPA_CIPHER_TKIP, conf_any);
	mic_failure(&aps[0], false);
	mic_failure(&aps[0], false);
	ck_assert_uint_eq(g_fake->n_eapol, 0);
	ck_assert_int_eq(test_ev_count(&evs, "TKIP"), 0);
	ck_assert_int_eq(test_ev_count_match(&evs, "MIC_FAILURE", "action=ignored"), 2);
	teardown();
}
END_TEST

static Suite *sec_suite(void)
{
	Suite *s = suite_create("sta_security");
	TCase *tc = tcase_create("fake-driver+authenticator");

	tcase_add_test(tc, ie_mismatch_in_m3_deauth_17_then_next_bss);
	tcase_add_test(tc, no_msg1_timeout_deauth_15_then_next_bss);
	tcase_add_test(tc, no_group_msg1_timeout_deauth_16);
	tcase_add_test(tc, mic_failures_report_then_countermeasures);
	tcase_add_test(tc, mic_failures_60s_apart_no_countermeasures);
	tcase_add_test(tc, countermeasures_allow_ccmp_bss);
	tcase_add_test(tc, mic_failure_not_associated_ignored);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(sec_suite)
