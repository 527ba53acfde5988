// SPDX-License-Identifier: MIT
/* test_sta_sae: roamlab-sta with key_mgmt=SAE on the fake driver
 * (test_sta_harness.h) against an AP made of common/'s SAE and
 * authenticator: SAE goes out through the driver's authenticate with the
 * SAE data (commit, then confirm), the AP's frames come back as
 * authentication events, the 4-way runs with the SAE PMK (AKM 8); on the
 * next connection the cached PMKSA is used (Open System, the PMKID in the
 * RSNE, no SAE), and a status 53 answer drops it so that SAE runs again. */
#include "sae.h"
#include "unit.h"
#include "test_sta_harness.h"

static const char *conf_sae =
	"sae_pwe=0\n"
	"network={\n ssid=\"roaming\"\n key_mgmt=SAE\n sae_password=\"secret-sae\"\n"
	" ieee80211w=2\n}\n";

static struct sae *ap_sae;
static const uint8_t *ap_sae_bssid;

/* The AP's SAE frames, as the kernel reports them: auth events. */
static int ap_sae_tx(void *ctx, const uint8_t *to, const uint8_t *body, size_t len)
{
	uint8_t buf[SAE_BODY_MAX + 64];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, g_fake->mac, ap_sae_bssid, ap_sae_bssid, get_le16(body),
			get_le16(body + 2), get_le16(body + 4), body + 6, len - 6);
	ck_assert(wbuf_ok(&w));
	sta_drv_events.auth_result(st, ap_sae_bssid, buf, w.len, false);
	return 0;
}

static const struct sae_ops ap_sae_ops = { .tx = ap_sae_tx };

static void ap_sae_new(struct ap *ap)
{
	struct sae_config sc;

	sae_config_init(&sc);
	memcpy(sc.own_addr, ap->bssid, 6);
	memcpy(sc.peer_addr, g_fake->mac, 6);
	ck_assert_int_eq(sae_config_set_password(&sc, "secret-sae"), 0);
	sae_free(ap_sae);
	ap_sae = sae_new(lp, &sc, &ap_sae_ops, NULL);
	ck_assert_ptr_nonnull(ap_sae);
	ap_sae_bssid = ap->bssid;
}

/* What the station handed the driver last: an SAE body for the AP. */
static void to_ap_sae(void)
{
	uint8_t body[1100];

	ck_assert_uint_eq(g_fake->auth_alg, MGMT_AUTH_ALG_SAE);
	ck_assert_uint_gt(g_fake->auth_sae_len, 0);
	body[0] = SAE_AUTH_ALG;
	body[1] = 0;
	memcpy(body + 2, g_fake->auth_sae, g_fake->auth_sae_len);
	ck_assert_int_eq(sae_rx(ap_sae, body, g_fake->auth_sae_len + 2), 0);
}

/* SAE with aps[0] up to the association; psk gets the SAE PMK (the
 * harness's AP keys its 4-way with it). */
static void sae_exchange(void)
{
	int n = g_fake->n_auth;

	ap_sae_new(&aps[0]);
	to_ap_sae();			/* commit -> AP commit + confirm */
	ck_assert_int_gt(g_fake->n_auth, n);
	to_ap_sae();			/* our confirm -> Accepted */
	ck_assert_int_eq(sae_state(ap_sae), SAE_STATE_ACCEPTED);
	ck_assert_int_eq(sae_get_pmk(ap_sae, psk, NULL), 0);
}

static void finish_assoc(uint16_t status)
{
	uint8_t buf[128];
	struct wbuf w;

	assert_state("ASSOCIATING");
	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_assoc_resp(&w, g_fake->assoc_reassoc, g_fake->mac, aps[0].bssid,
			      aps[0].bssid, MGMT_CAPAB_ESS | MGMT_CAPAB_PRIVACY, status,
			      status ? 0 : 1, NULL, 0);
	sta_drv_events.assoc_result(st, aps[0].bssid, buf, w.len, false);
	if (status)
		return;
	ap_assoc(&aps[0]);
	advance(50);
}

/* After a loss: the scans the station asks for answered until it
 * authenticates again. */
static void rejoin(void)
{
	for (int i = 0; i < 50 && strcmp(sta_status_of(st, "sme_state"), "AUTHENTICATING"); i++) {
		now_us += 100000;
		if (!strcmp(sta_status_of(st, "sme_state"), "SCANNING"))
			sta_drv_events.scan_done(st, false);
		advance(100);
	}
	assert_state("AUTHENTICATING");
}

START_TEST(sae_connect_then_pmksa)
{
	struct wpa_ie_info info;
	uint8_t pmkid[16];

	h_ap_pmf = IE_PMF_REQUIRED;
	h_ap_akms = WPA_AKM_SAE;
	setup_common(2, WPA_CIPHER_CCMP, conf_sae);
	aps[1].up = false;
	ck_assert_int_eq(sta_connect(st, NULL, err, sizeof(err)), 0);
	now_us += 40000;
	sta_drv_events.scan_done(st, false);
	assert_state("AUTHENTICATING");
	sae_exchange();
	ck_assert_int_eq(sae_get_pmk(ap_sae, NULL, pmkid), 0);
	finish_assoc(0);
	assert_connected_keys(&aps[0], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "CONNECTED", "key_mgmt=SAE pmf=1 auth=sae"));
	ck_assert_int_eq(ie_parse_rsn(g_fake->assoc_ie, g_fake->assoc_ie_len, &info, NULL), 0);
	ck_assert_uint_eq(info.akms, WPA_AKM_SAE);
	ck_assert_uint_eq(info.pmkid_count, 0);
	ck_assert_uint_eq(test_ev_count_match(&evs, "SAE", "type=ACCEPTED"), 1);

	/* the AP goes and comes back: the cached PMKSA, no SAE */
	sta_drv_events.deauth(st, aps[0].bssid, 3, false, false, NULL, 0);
	rejoin();
	ck_assert_uint_eq(g_fake->auth_alg, MGMT_AUTH_ALG_OPEN);
	reply_auth(aps[0].bssid);
	ck_assert_int_eq(ie_parse_rsn(g_fake->assoc_ie, g_fake->assoc_ie_len, &info, NULL), 0);
	ck_assert_uint_eq(info.pmkid_count, 1);
	ck_assert_mem_eq(info.pmkid[0], pmkid, 16);
	finish_assoc(0);
	assert_connected_keys(&aps[0], WPA_CIPHER_CCMP, WPA_CIPHER_CCMP);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "CONNECTED", "key_mgmt=SAE pmf=1 auth=pmksa"));
	ck_assert_uint_eq(test_ev_count_match(&evs, "SAE", "type=ACCEPTED"), 1);

	/* and once more, but the AP has lost it: 53, then SAE again */
	sta_drv_events.deauth(st, aps[0].bssid, 3, false, false, NULL, 0);
	rejoin();
	ck_assert_uint_eq(g_fake->auth_alg, MGMT_AUTH_ALG_OPEN);
	reply_auth(aps[0].bssid);
	finish_assoc(53);
	rejoin();
	ck_assert_uint_eq(g_fake->auth_alg, MGMT_AUTH_ALG_SAE);
	teardown();
	sae_free(ap_sae);
	ap_sae = NULL;
}
END_TEST

static Suite *sta_sae_suite(void)
{
	Suite *s = suite_create("sta_sae");
	TCase *tc = tcase_create("sae");

	tcase_add_test(tc, sae_connect_then_pmksa);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(sta_sae_suite)
