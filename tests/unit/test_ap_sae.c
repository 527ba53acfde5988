// SPDX-License-Identifier: MIT
/* test_ap_sae.c: roamlab-ap with wpa_key_mgmt=SAE on the shared fake
 * driver, with common/'s SAE and supplicant as the station: SAE over the
 * AP's Authentication frames (commit, confirm, accepted), the association
 * with the SAE PMK and the 4-way handshake with descriptor version 0; the
 * PMKSA cache (Open System authentication and the PMKID: accepted; an
 * unknown PMKID without SAE: status 53); a wrong password (no
 * acceptance, no association); anti-clogging with threshold 0 (status 76,
 * the commit again with the token); a password identifier. */
#include "sae.h"
#include "test_ap_fake.h"

#define SAE_CONF "wpa=2\nwpa_key_mgmt=SAE\nieee80211w=2\nrsn_pairwise=CCMP\n" \
		 "sae_password=secret-sae\n"

static struct sae *peer;		/* the station's SAE */
static size_t mgmt_read;		/* fk->mgmt[] given to it */
static struct ap *the_ap;

static int peer_tx(void *ctx, const uint8_t *to, const uint8_t *body, size_t len)
{
	uint8_t buf[SAE_BODY_MAX + 64];
	struct wbuf w;

	ck_assert_uint_ge(len, 6);
	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, ap_mac, sta1, ap_mac, get_le16(body), get_le16(body + 2),
			get_le16(body + 4), body + 6, len - 6);
	ck_assert(wbuf_ok(&w));
	rx(the_ap, buf, w.len);
	return 0;
}

static const struct sae_ops peer_ops = { .tx = peer_tx };

/* Hand the AP's Authentication frames (algorithm 3) to the station. */
static void sae_pump(void)
{
	while (mgmt_read < fk->n_mgmt) {
		struct fake_drv_frame *f = &fk->mgmt[mgmt_read++];
		struct mgmt_frame m;

		if (mgmt_parse(f->data, f->len, &m) || m.subtype != MGMT_AUTH ||
		    m.auth_alg != SAE_AUTH_ALG)
			continue;
		ck_assert_int_eq(sae_rx(peer, m.body, m.body_len), 0);
	}
}

static void peer_new(const char *password, const char *pwid, bool h2e)
{
	struct sae_config sc;

	sae_config_init(&sc);
	memcpy(sc.own_addr, sta1, 6);
	memcpy(sc.peer_addr, ap_mac, 6);
	ck_assert_int_eq(sae_config_set_password(&sc, password), 0);
	sc.h2e = h2e;
	memcpy(sc.ssid, "roaming", 7);
	sc.ssid_len = 7;
	if (pwid) {
		sc.pwid_len = strlen(pwid);
		memcpy(sc.pwid, pwid, sc.pwid_len);
	}
	sae_free(peer);
	peer = sae_new(lp, &sc, &peer_ops, NULL);
	ck_assert_ptr_nonnull(peer);
	mgmt_read = fk->n_mgmt;
}

static void run_sae(void)
{
	ck_assert_int_eq(sae_start(peer), 0);
	for (int i = 0; i < 8; i++)
		sae_pump();
}

/* A supplicant for the SAE association; pmkid non-NULL: in the RSNE. */
static struct hs_supp *sae_supp(struct ap *ap, const uint8_t *pmk, const uint8_t *pmkid,
				struct hs_config *sc)
{
	static const struct hs_ops ops = { .tx = sup_tx, .install_key = sup_install };
	struct wpa_ie_info info = { .proto = IE_PROTO_RSN, .version = 1,
				    .group_cipher = WPA_CIPHER_CCMP,
				    .pairwise_ciphers = WPA_CIPHER_CCMP,
				    .akms = WPA_AKM_SAE,
				    .rsn_caps = RSN_CAP_MFPC | RSN_CAP_MFPR };
	struct hs_supp *sp;

	n_sup_out = sup_read = 0;
	sup_keys = 0;
	hs_config_init(sc, HS_ROLE_SUPPLICANT);
	sc->akm = WPA_AKM_SAE;
	sc->pmf = true;
	memcpy(sc->pmk, pmk, PMK_LEN);
	memcpy(sc->aa, ap_mac, 6);
	memcpy(sc->spa, sta1, 6);
	if (pmkid) {
		memcpy(info.pmkid[0], pmkid, 16);
		info.pmkid_count = 1;
	}
	ck_assert_int_eq(ie_build(&info, sc->own_ie, sizeof(sc->own_ie), &sc->own_ie_len), 0);
	memcpy(sc->peer_ie, ap->beacon.rsn_ie, ap->beacon.rsn_ie_len);
	sc->peer_ie_len = ap->beacon.rsn_ie_len;
	sp = hs_supp_new(lp, sc, &ops, NULL);
	ck_assert_ptr_nonnull(sp);
	return sp;
}

static struct ap *sae_ap(const char *extra)
{
	char conf[512];

	snprintf(conf, sizeof(conf), SAE_CONF "%s", extra);
	the_ap = make_ap(conf);
	return the_ap;
}

static void done(struct ap *ap)
{
	sae_free(peer);
	peer = NULL;
	free_ap(ap);
}

START_TEST(sae_then_4way_v0)
{
	struct ap *ap = sae_ap("");
	uint8_t pmk[32], pmkid[16];
	struct hs_config sc;
	struct hs_supp *sp;
	struct ap_sta *s;

	peer_new("secret-sae", NULL, false);
	run_sae();
	ck_assert_int_eq(sae_state(peer), SAE_STATE_ACCEPTED);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-SAE-ACCEPTED", "sta=02:00:00:00:02:00 group=19"));
	ck_assert_int_eq(sae_get_pmk(peer, pmk, pmkid), 0);

	sp = sae_supp(ap, pmk, NULL, &sc);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-ASSOCIATED", "key_mgmt=SAE pmf=1"));
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	fake_now += 5000;
	pump(ap, sp);
	s = ap_sta_find(&ap->stas, sta1);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	/* 12.7.2: AKM 8 takes descriptor version 0 */
	ck_assert_uint_eq((get_be16(fk->eapol[0].data + EAPOL_KEY_OFF_INFO)) &
			  KEY_INFO_VERSION_MASK, KEY_DESC_VER_AKM_DEFINED);
	hs_supp_free(sp);
	done(ap);
}
END_TEST

START_TEST(pmksa_cache_and_53)
{
	struct ap *ap = sae_ap("");
	uint8_t pmk[32], pmkid[16], bogus[16];
	struct hs_config sc;
	struct hs_supp *sp;
	uint8_t buf[64];
	struct wbuf w;

	peer_new("secret-sae", NULL, false);
	run_sae();
	ck_assert_int_eq(sae_get_pmk(peer, pmk, pmkid), 0);
	/* the station leaves: the AP forgets it, not its PMKSA */
	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_deauth(&w, ap_mac, sta1, ap_mac, 3);
	rx(ap, buf, w.len);
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));

	/* Open System + an unknown PMKID: 53, run SAE */
	memset(bogus, 0x5a, sizeof(bogus));
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_eq(last_mgmt().status, 0);
	sp = sae_supp(ap, pmk, bogus, &sc);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 53);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-PMKSA-CACHE-MISS", "sta=02:00:00:00:02:00 pmkids=1"));
	hs_supp_free(sp);
	/* the cached PMKID: accepted without SAE, and the 4-way completes
	 * with the cached PMK */
	sp = sae_supp(ap, pmk, pmkid, &sc);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-PMKSA-CACHE-USED", "sta=02:00:00:00:02:00"));
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	pump(ap, sp);
	ck_assert_int_eq(ap_sta_find(&ap->stas, sta1)->state, AP_STA_AUTHORIZED);
	/* the pmksa-stale fault forgets it: 53 again */
	{
		char err[128];

		ck_assert_int_eq(ap_set_fault(ap, "pmksa-stale", err, sizeof(err)), 0);
	}
	rx(ap, buf, w.len);
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 53);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-FAULT", "fault=pmksa-stale"));
	hs_supp_free(sp);
	done(ap);
}
END_TEST

START_TEST(wrong_password_no_assoc)
{
	struct ap *ap = sae_ap("");
	struct hs_config sc;
	struct hs_supp *sp;
	uint8_t pmk[32] = { 0 };

	peer_new("not-the-password", NULL, false);
	run_sae();
	ck_assert_int_ne(sae_state(peer), SAE_STATE_ACCEPTED);
	ck_assert_ptr_null(test_ev_find(&evs, "AP-SAE-ACCEPTED", ""));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-SAE-DROPPED", "reason=confirm-mismatch"));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-SAE-DIAGNOSIS", "cause=confirm-mismatch"));
	sp = sae_supp(ap, pmk, NULL, &sc);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 53);
	hs_supp_free(sp);
	done(ap);
}
END_TEST

START_TEST(anti_clogging_token)
{
	struct ap *ap = sae_ap("sae_anti_clogging_threshold=0\n");
	int n76 = 0;

	peer_new("secret-sae", NULL, false);
	run_sae();
	for (size_t i = 0; i < fk->n_mgmt; i++) {
		struct mgmt_frame m;

		n76 += !mgmt_parse(fk->mgmt[i].data, fk->mgmt[i].len, &m) &&
		       m.subtype == MGMT_AUTH && m.status == SAE_STATUS_ANTI_CLOGGING;
	}
	ck_assert_int_ge(n76, 1);
	ck_assert_int_eq(sae_state(peer), SAE_STATE_ACCEPTED);
	done(ap);
}
END_TEST

/* H2E with a password identifier picks the password of that identifier;
 * an unknown identifier gets status 123. */
START_TEST(h2e_password_id)
{
	struct ap *ap = sae_ap("sae_pwe=1\nsae_password=other-pass|id=guest\n");

	ck_assert_uint_eq(ap->beacon.rsnxe_len, 3);
	peer_new("other-pass", "guest", true);
	run_sae();
	ck_assert_int_eq(sae_state(peer), SAE_STATE_ACCEPTED);
	peer_new("other-pass", "nobody", true);
	run_sae();
	ck_assert_int_ne(sae_state(peer), SAE_STATE_ACCEPTED);
	ck_assert_uint_eq(last_mgmt().status, SAE_STATUS_UNKNOWN_PASSWORD_ID);
	done(ap);
}
END_TEST

static Suite *ap_sae_suite(void)
{
	Suite *s = suite_create("ap_sae");
	TCase *tc = tcase_create("sae");

	tcase_add_test(tc, sae_then_4way_v0);
	tcase_add_test(tc, pmksa_cache_and_53);
	tcase_add_test(tc, wrong_password_no_assoc);
	tcase_add_test(tc, anti_clogging_token);
	tcase_add_test(tc, h2e_password_id);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(ap_sae_suite)
