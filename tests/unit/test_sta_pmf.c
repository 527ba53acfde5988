// SPDX-License-Identifier: MIT
/* test_sta_pmf: roamlab-sta with ieee80211w and WPA-PSK-SHA256 on the fake
 * driver against common/'s authenticator (test_sta_harness.h): the
 * association asks for MFP (NL80211_ATTR_USE_MFP) with MFPC/MFPR in the
 * RSNE, the IGTK from msg 3/4 reaches the driver as key ID 4, the AKM is
 * the SHA-256 one when both are offered, an unprotected deauthentication
 * the kernel reports (UNPROT_DEAUTHENTICATE) changes nothing, and a
 * station with ieee80211w=0 does not join an AP that requires PMF. */
#include "unit.h"
#include "test_sta_harness.h"

static const char *conf_w2 =
	"network={\n ssid=\"roaming\"\n psk=\"bonewish\"\n ieee80211w=2\n}\n";
static const char *conf_sha256 =
	"network={\n ssid=\"roaming\"\n psk=\"bonewish\"\n"
	" key_mgmt=WPA-PSK WPA-PSK-SHA256\n ieee80211w=1\n}\n";
static const char *conf_w0 =
	"network={\n ssid=\"roaming\"\n psk=\"bonewish\"\n}\n";

static const struct fake_drv_key *key_idx(int idx)
{
	for (size_t i = g_fake->n_keys; i-- > 0;)
		if (g_fake->keys[i].k.idx == idx)
			return &g_fake->keys[i];
	return NULL;
}

static void connect_first(void)
{
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	now_us += 40000;
	sta_drv_events.scan_done(st, false);
	join(&aps[0], 50);
	assert_connected_keys(&aps[0], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
}

START_TEST(pmf_required_connects_with_igtk)
{
	struct wpa_ie_info info;
	const struct fake_drv_key *k;
	const struct eapol_igtk *igtk;

	h_ap_pmf = IE_PMF_REQUIRED;
	setup_common(2, WPA_CIPHER_CCMP, conf_w2);
	connect_first();
	ck_assert(g_fake->assoc_mfp);
	ck_assert_int_eq(ie_parse_rsn(g_fake->assoc_ie, g_fake->assoc_ie_len, &info, NULL), 0);
	ck_assert_uint_eq(info.rsn_caps & (RSN_CAP_MFPC | RSN_CAP_MFPR),
			  RSN_CAP_MFPC | RSN_CAP_MFPR);
	k = key_idx(IGTK_KEYID_FIRST);
	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(k->k.cipher, WPA_CIPHER_BIP_CMAC);
	ck_assert(!k->k.pairwise);
	ck_assert(!k->k.set_tx);
	igtk = hs_group_igtk(aps[0].g);
	ck_assert_ptr_nonnull(igtk);
	ck_assert_mem_eq(k->key, igtk->key, 16);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "CONNECTED", "key_mgmt=WPA-PSK pmf=1"));
	teardown();
}
END_TEST

START_TEST(psk_sha256_preferred)
{
	struct wpa_ie_info info;

	h_ap_pmf = IE_PMF_OPTIONAL;
	h_ap_akms = WPA_AKM_PSK | WPA_AKM_PSK_SHA256;
	setup_common(2, WPA_CIPHER_CCMP, conf_sha256);
	connect_first();
	ck_assert(g_fake->assoc_mfp);
	ck_assert_int_eq(ie_parse_rsn(g_fake->assoc_ie, g_fake->assoc_ie_len, &info, NULL), 0);
	ck_assert_uint_eq(info.akms, WPA_AKM_PSK_SHA256);
	ck_assert_uint_eq(info.rsn_caps & (RSN_CAP_MFPC | RSN_CAP_MFPR), RSN_CAP_MFPC);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "CONNECTED", "key_mgmt=WPA-PSK-SHA256 pmf=1"));
	ck_assert_str_eq(sta_status_of(st, "key_mgmt"), "WPA2-PSK-SHA256");
	teardown();
}
END_TEST

/* 11.13: with PMF up, what the kernel reports as an unprotected
 * deauthentication or disassociation is only recorded. */
START_TEST(unprotected_deauth_ignored)
{
	h_ap_pmf = IE_PMF_REQUIRED;
	setup_common(2, WPA_CIPHER_CCMP, conf_w2);
	connect_first();
	sta_drv_events.unprot_deauth(st, aps[0].bssid, 7, false);
	sta_drv_events.unprot_deauth(st, aps[0].bssid, 8, true);
	ck_assert_int_eq(test_ev_count(&evs, "UNPROT_DEAUTH"), 2);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "UNPROT_DEAUTH",
					   "bssid=02:00:00:00:01:00 reason=7 frame=deauth action=ignored"));
	ck_assert_int_eq(test_ev_count(&evs, "DISCONNECTED"), 0);
	ck_assert_int_eq(g_fake->n_deauth, 0);
	assert_state("CONNECTED");
	teardown();
}
END_TEST

/* 12.6.3: the AP requires PMF, the station has it disabled: no join. */
START_TEST(pmf_required_ap_skipped_without_pmf)
{
	h_ap_pmf = IE_PMF_REQUIRED;
	setup_common(2, WPA_CIPHER_CCMP, conf_w0);
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	now_us += 40000;
	sta_drv_events.scan_done(st, false);
	advance(100);
	ck_assert_int_eq(g_fake->n_auth, 0);
	teardown();
}
END_TEST

static Suite *sta_pmf_suite(void)
{
	Suite *s = suite_create("sta_pmf");
	TCase *tc = tcase_create("pmf");

	tcase_add_test(tc, pmf_required_connects_with_igtk);
	tcase_add_test(tc, psk_sha256_preferred);
	tcase_add_test(tc, unprotected_deauth_ignored);
	tcase_add_test(tc, pmf_required_ap_skipped_without_pmf);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(sta_pmf_suite)
