// SPDX-License-Identifier: MIT
/* test_ap_keys.c: the AP's key handling against the fake driver, with
 * common/'s supplicant as the station: the RSC announced with the GTK comes
 * from the driver's TX counter (12.7.6.4, 12.7.7.2), EAPOL frames are
 * protected once a PTK is installed, wpa_ptk_rekey repeats, and verified
 * Michael MIC failure reports start TKIP countermeasures (12.5.2.4). */
#include "test_ap_fake.h"

static struct hs_supp *connect_sta(struct ap *ap, enum ie_proto proto, uint32_t cipher)
{
	struct hs_config sc;
	struct hs_ops ops = { .tx = sup_tx, .install_key = sup_install };
	struct hs_supp *sp;

	n_sup_out = sup_read = 0;
	sup_keys = 0;
	hs_config_init(&sc, HS_ROLE_SUPPLICANT);
	sc.proto = proto;
	sc.pairwise_cipher = cipher;
	sc.group_cipher = cipher;
	crypto_psk_from_passphrase("bonewish", (const uint8_t *)"roaming", 7, sc.pmk);
	memcpy(sc.aa, ap_mac, 6);
	memcpy(sc.spa, sta1, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&sc), 0);
	if (proto == IE_PROTO_RSN) {
		memcpy(sc.peer_ie, ap->beacon.rsn_ie, ap->beacon.rsn_ie_len);
		sc.peer_ie_len = ap->beacon.rsn_ie_len;
	} else {
		memcpy(sc.peer_ie, ap->beacon.wpa_ie, ap->beacon.wpa_ie_len);
		sc.peer_ie_len = ap->beacon.wpa_ie_len;
	}
	sp = hs_supp_new(lp, &sc, &ops, NULL);
	ck_assert_ptr_nonnull(sp);
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	pump(ap, sp);
	/* WPA1: the group msg 1/2 waits AP_G1_AFTER_PTK_US */
	fake_now += AP_G1_AFTER_PTK_US;
	loop_run_timers(lp);
	pump(ap, sp);
	ck_assert_int_eq(ap_sta_find(&ap->stas, sta1)->state, AP_STA_AUTHORIZED);
	ck_assert_int_eq(hs_supp_state(sp), HS_SUPP_COMPLETED);
	return sp;
}

static struct eapol_key parse_eapol(size_t i)
{
	struct eapol_key k;

	ck_assert_uint_lt(i, fk->n_eapol);
	ck_assert_int_eq(eapol_key_parse(fk->eapol[i].data, fk->eapol[i].len, &k, NULL), 0);
	return k;
}

static void assert_rsc(const struct eapol_key *k, uint64_t want)
{
	for (int i = 0; i < EAPOL_KEY_RSC_LEN; i++)
		ck_assert_uint_eq(k->rsc[i], i < 6 ? (uint8_t)(want >> (8 * i)) : 0);
}

/* msg 3/4 announces the GTK with the TX counter the driver reports for its
 * key index; a GTK still being handed out (rekey in progress) with 0. */
START_TEST(rsc_in_m3_from_driver)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\n");
	struct hs_supp *sp;
	struct eapol_key k;

	fk->key_seq = 0x0000a1b2c3d4e5f6ULL & 0xffffffffffffULL;
	sp = connect_sta(ap, IE_PROTO_RSN, WPA_CIPHER_CCMP);
	k = parse_eapol(1);
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_PTK_3);
	assert_rsc(&k, fk->key_seq);
	ck_assert_int_eq(fk->last_seq_idx, 1);
	ck_assert_int_ge(fk->n_get_key_seq, 1);
	/* group rekey: the new GTK (index 2) is not in the driver yet */
	fake_now += 1000000;
	ck_assert_int_eq(hs_group_rekey(ap->group), 0);
	k = parse_eapol(fk->n_eapol - 1);
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_GROUP_1);
	assert_rsc(&k, 0);
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* WPA1: the group msg 1/2 after the 4-way carries the GTK in use: its RSC
 * is the driver's counter. */
START_TEST(rsc_in_wpa1_group_m1_from_driver)
{
	struct ap *ap = make_ap("wpa=1\nwpa_passphrase=bonewish\nwpa_pairwise=TKIP\n");
	struct hs_supp *sp;
	struct eapol_key k;

	fk->key_seq = 0x123456789aULL;
	sp = connect_sta(ap, IE_PROTO_WPA, WPA_CIPHER_TKIP);
	k = parse_eapol(2);
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_GROUP_1);
	assert_rsc(&k, fk->key_seq);
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* The first handshake goes out in the clear; a PTK rekey (wpa_ptk_rekey)
 * sends msgs 1/4 and 3/4 protected with the PTK in use, and repeats. */
START_TEST(ptk_rekey_periodic_and_encrypted)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\n"
				"wpa_ptk_rekey=10\n");
	struct hs_supp *sp = connect_sta(ap, IE_PROTO_RSN, WPA_CIPHER_CCMP);
	int keys0 = sup_keys;

	ck_assert_uint_eq(fk->n_eapol, 2);
	ck_assert(fk->eapol[0].no_encrypt);	/* 1/4: no PTK yet */
	ck_assert(fk->eapol[1].no_encrypt);	/* 3/4: no PTK yet */
	for (int round = 1; round <= 3; round++) {
		size_t n = fk->n_eapol;
		struct eapol_key k;

		/* 10 s after the last PTK went into use */
		fake_now = ap_sta_find(&ap->stas, sta1)->t_ptk_us + 10 * 1000000ULL - 1;
		loop_run_timers(lp);
		ck_assert_uint_eq(fk->n_eapol, n);
		fake_now += 1;
		loop_run_timers(lp);
		ck_assert_uint_eq(fk->n_eapol, n + 1);
		k = parse_eapol(n);
		ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_PTK_1);
		ck_assert(!fk->eapol[n].no_encrypt);
		pump(ap, sp);
		k = parse_eapol(n + 1);
		ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_PTK_3);
		ck_assert(!fk->eapol[n + 1].no_encrypt);
		/* the new PTK and the GTK again (not reinstalled: same key) */
		ck_assert_int_eq(sup_keys, keys0 + round);
		ck_assert(hs_auth_ptk_done(ap_sta_find(&ap->stas, sta1)->hs));
	}
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* Michael MIC failure reports (12.7.2) from common/'s supplicant: verified
 * (valid MIC, fresh request counter) ones count; two within 60 s start
 * countermeasures: deauth (reason 14), no association for 60 s, new GTK. */
START_TEST(michael_reports_start_countermeasures)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=TKIP\n");
	struct hs_supp *sp = connect_sta(ap, IE_PROTO_RSN, WPA_CIPHER_TKIP);
	struct frame first;
	struct mgmt_frame m;

	ck_assert_uint_eq(hs_group_key_idx(ap->group), 1);
	ck_assert_int_eq(hs_supp_report_michael_failure(sp, true), 0);
	first = sup_out[n_sup_out - 1];
	pump(ap, sp);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-MIC-FAILURE", "sta=02:00:00:00:02:00 group=0 source=report"));
	/* counted: the first failure */
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-TKIP-CM", "old=IDLE new=ONE_FAILURE"));
	ck_assert_ptr_null(test_ev_find(&evs, "AP-COUNTERMEASURES", ""));
	/* the same report again (replayed) and one with a bad MIC: not counted */
	fake_now += 1000000;
	test_ev_mark(&evs);
	fk->base.ev->eapol_rx(fk->base.ev_ctx, sta1, first.data, first.len);
	ck_assert_int_eq(hs_supp_report_michael_failure(sp, false), 0);
	sup_out[n_sup_out - 1].data[EAPOL_KEY_OFF_MIC + 3] ^= 0x40;
	pump(ap, sp);
	ck_assert_ptr_null(test_ev_find(&evs, "AP-MIC-FAILURE", ""));
	ck_assert_ptr_null(test_ev_find(&evs, "AP-TKIP-CM", ""));
	ck_assert_ptr_nonnull(ap_sta_find(&ap->stas, sta1));
	/* a fresh one (group key) 1 s after the first, inside the 60 s that
	 * began with it: countermeasures */
	ck_assert_int_eq(hs_supp_report_michael_failure(sp, false), 0);
	pump(ap, sp);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-MIC-FAILURE", "sta=02:00:00:00:02:00 group=1 source=report"));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-TKIP-CM", "old=ONE_FAILURE new=ACTIVE"));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-COUNTERMEASURES", "state=on"));
	/* the deauthentications and the new GTK run from the loop, outside
	 * the station's handshake (test_ap_tkip.c) */
	loop_run_timers(lp);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-LEFT", "sta=02:00:00:00:02:00 reason=14"));
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	m = last_mgmt();
	ck_assert_int_eq(m.subtype, MGMT_DEAUTH);
	ck_assert_uint_eq(m.reason, MGMT_REASON_MICHAEL_MIC_FAILURE);
	ck_assert_uint_eq(hs_group_key_idx(ap->group), 2);	/* new GTK ... */
	ck_assert(fk->keys_set & (1u << 2));			/* ... in the driver */
	/* no (re)association for 60 s on the loop clock */
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_ne(last_mgmt().status, 0);
	fake_now += AP_COUNTERMEASURES_US - 1;
	loop_run_timers(lp);
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_ne(last_mgmt().status, 0);
	fake_now += 1;
	loop_run_timers(lp);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-TKIP-CM", "old=ACTIVE new=IDLE"));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-COUNTERMEASURES", "state=off"));
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_eq(last_mgmt().status, 0);
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* A report naming a CCMP key is not a TKIP failure: ignored. */
START_TEST(michael_report_ignored_for_ccmp)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\n");
	struct hs_supp *sp = connect_sta(ap, IE_PROTO_RSN, WPA_CIPHER_CCMP);

	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(hs_supp_report_michael_failure(sp, i == 0), 0);
		pump(ap, sp);
	}
	ck_assert_ptr_null(test_ev_find(&evs, "AP-MIC-FAILURE", ""));
	ck_assert_ptr_nonnull(ap_sta_find(&ap->stas, sta1));
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

static Suite *keys_suite(void)
{
	Suite *s = suite_create("ap_keys");
	TCase *tc = tcase_create("keys");

	tcase_add_test(tc, rsc_in_m3_from_driver);
	tcase_add_test(tc, rsc_in_wpa1_group_m1_from_driver);
	tcase_add_test(tc, ptk_rekey_periodic_and_encrypted);
	tcase_add_test(tc, michael_reports_start_countermeasures);
	tcase_add_test(tc, michael_report_ignored_for_ccmp);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(keys_suite)
