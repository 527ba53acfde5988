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
#include "unit.h"
#include "test_sta_harness.h"

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
	assert_connected_keys(&aps[0], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
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
	assert_connected_keys(&aps[1], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
	ck_assert_str_eq(sta_status_of(st, "roams"), "1");
	ck_assert_str_eq(sta_status_of(st, "last_roam_cause"), "ap-loss");
	ck_assert_int_eq(test_ev_count(&evs, "ROAM"), 1);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "ROAM", "cause=ap-loss old=02:00:00:00:01:00 "
					   "new=02:00:00:00:02:00 attempts=1"));
	/* the roam machine: on from the loss (the candidate was fresh
	 * enough, no scan), done with the CONNECTED */
	ck_assert_int_eq(test_ev_count(&evs, "BSS_TRANSITION"), 2);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "BSS_TRANSITION",
					   "old=NONE new=SEARCHING cause=ap-loss"));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "BSS_TRANSITION", "old=SEARCHING new=NONE"));
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
	assert_connected_keys(&aps[0], WPA_CIPHER_CCMP, WPA_CIPHER_TKIP);
	ck_assert(ie_find_wpa(g_fake->assoc_ie, g_fake->assoc_ie_len, NULL) != NULL);
	/* a group rekey reaches the station too (WPA1 group handshake) */
	ck_assert_int_eq(hs_group_rekey(aps[0].g), 0);
	advance(100);
	assert_connected_keys(&aps[0], WPA_CIPHER_CCMP, WPA_CIPHER_TKIP);
	ck_assert_int_eq(last_key(false)->k.idx, 2);
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
	assert_connected_keys(&aps[0], WPA_CIPHER_TKIP, WPA_CIPHER_TKIP);
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
	assert_state("CONNECTED");
	ck_assert_int_eq(test_sta_fault_set(&st->faults, "stale-aa", 0, args, err, sizeof(err)), 0);

	aps[0].up = false;
	now_us += 100000;
	sta_drv_events.deauth(st, aps[0].bssid, 3, false, false, NULL, 0);
	join(&aps[1], 10000);	/* the authenticator resends 1/4, then gives up */
	tries = aps[1].m2_rx;
	ck_assert_uint_ge(tries, 2);
	ck_assert_uint_eq(aps[1].mic_failures, tries);
	ck_assert_uint_ge(aps[1].deauth_requests, 1);
	ck_assert_str_ne(sta_status_of(st, "sme_state"), "CONNECTED");

	/* the AP deauths (reason 15); the station tries again */
	sta_drv_events.deauth(st, aps[1].bssid, 15, false, false, NULL, 0);
	until_authenticating();
	join(&aps[1], 50);
	ck_assert_uint_gt(aps[1].mic_failures, tries);	/* still the stale AA */
	ck_assert_str_ne(sta_status_of(st, "sme_state"), "CONNECTED");

	/* cleared while ap2 still resends 1/4: the answer to the next 1/4
	 * is right, and the handshake completes */
	hs_fault_clear(&st->faults, NULL);
	advance(2000);
	assert_connected_keys(&aps[1], WPA_CIPHER_CCMP, WPA_CIPHER_TKIP);
	ck_assert_str_eq(sta_status_of(st, "roams"), "1");
	teardown();
}
END_TEST

/* msg2-to-old-ap: the first EAPOL frame after the reassociation goes to
 * ap1's address (same bytes as a normal 2/4); ap2 resends 1/4, and the
 * next 2/4 goes to ap2, which completes. */
START_TEST(msg2_to_old_ap)
{
	char args[1][128];
	const struct fake_drv_frame *first;
	size_t before;

	setup_common(2, WPA_CIPHER_CCMP, conf_any);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	ck_assert_int_eq(test_sta_fault_set(&st->faults, "msg2-to-old-ap", 0, args, err,
				       sizeof(err)), 0);
	aps[0].up = false;
	now_us += 100000;
	sta_drv_events.deauth(st, aps[0].bssid, 3, false, false, NULL, 0);
	before = g_fake->n_eapol;
	join(&aps[1], 0);	/* deliver 1/4 only */
	ck_assert_uint_eq(g_fake->n_eapol, before + 1);
	first = &g_fake->eapol[before];
	ck_assert(mac_equal(first->peer, aps[0].bssid));
	ck_assert_uint_eq(aps[1].m2_rx, 0);
	assert_state("HANDSHAKE");
	advance(2000);		/* ap2's 1/4 timeout and resend */
	ck_assert_uint_ge(g_fake->n_eapol, before + 3);
	ck_assert(mac_equal(g_fake->eapol[before + 1].peer, aps[1].bssid));
	/* the redirected frame was a well-formed 2/4, same length as the one
	 * that reached ap2 */
	ck_assert_uint_eq(first->len, g_fake->eapol[before + 1].len);
	assert_connected_keys(&aps[1], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
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
