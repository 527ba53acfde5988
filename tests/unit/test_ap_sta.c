// SPDX-License-Identifier: MIT
/* test_ap_sta.c: the AP's station table, state machine and auth/assoc
 * handling against a fake driver; with wpa=2, a full 4-way handshake with
 * common/'s supplicant as the station. */
#include "test_ap_fake.h"

START_TEST(aid_allocation)
{
	struct ap_sta_table t;

	ap_sta_table_init(&t, 3);
	ck_assert_uint_eq(ap_aid_alloc(&t), 1);
	ck_assert_uint_eq(ap_aid_alloc(&t), 2);
	ck_assert_uint_eq(ap_aid_alloc(&t), 3);
	ck_assert_uint_eq(ap_aid_alloc(&t), 0);		/* max_num_sta reached */
	ap_aid_free(&t, 2);
	ck_assert(!ap_aid_in_use(&t, 2));
	ck_assert_uint_eq(ap_aid_alloc(&t), 2);		/* lowest free first */
	ap_sta_table_init(&t, 5000);
	ck_assert_uint_eq(t.max, AP_AID_MAX);
	for (int i = 1; i <= AP_AID_MAX; i++)
		ck_assert_uint_eq(ap_aid_alloc(&t), i);
	ck_assert_uint_eq(ap_aid_alloc(&t), 0);
}
END_TEST

/* The station machine's changes as the table reports them: old -> new */
struct state_rec {
	int n;
	enum ap_sta_state old[8], new[8];
};

static void record_state(void *ctx, const struct ap_sta *s, enum ap_sta_state old)
{
	struct state_rec *r = ctx;

	ck_assert_int_lt(r->n, 8);
	r->old[r->n] = old;
	r->new[r->n++] = s->state;
}

START_TEST(table_and_states)
{
	struct ap_sta_table t;
	struct ap_sta *a, *b;
	struct state_rec rec = { 0 };

	ap_sta_table_init(&t, 1);
	t.state_cb = record_state;
	t.state_ctx = &rec;
	a = ap_sta_add(&t, sta1, 5);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->state, AP_STA_AUTHENTICATED);
	ck_assert_ptr_eq(ap_sta_add(&t, sta1, 6), a);	/* same entry */
	ck_assert_ptr_null(ap_sta_add(&t, sta2, 6));	/* full */
	a->aid = ap_aid_alloc(&t);
	ap_sta_enter_state(&t, a, AP_STA_ASSOCIATED);
	ck_assert(ap_sta_is_associated(a));
	ap_sta_enter_state(&t, a, AP_STA_AUTHORIZED);
	ck_assert_uint_eq(a->aid, 1);
	ap_sta_enter_state(&t, a, AP_STA_AUTHENTICATED);	/* frees the AID */
	ck_assert_uint_eq(a->aid, 0);
	ck_assert(!ap_aid_in_use(&t, 1));
	/* one report per change, each with the state it left */
	ck_assert_int_eq(rec.n, 3);
	ck_assert_int_eq(rec.old[0], AP_STA_AUTHENTICATED);
	ck_assert_int_eq(rec.new[0], AP_STA_ASSOCIATED);
	ck_assert_int_eq(rec.old[1], AP_STA_ASSOCIATED);
	ck_assert_int_eq(rec.new[1], AP_STA_AUTHORIZED);
	ck_assert_int_eq(rec.old[2], AP_STA_AUTHORIZED);
	ck_assert_int_eq(rec.new[2], AP_STA_AUTHENTICATED);
	ap_sta_del(&t, a);
	ck_assert_uint_eq(t.count, 0);
	b = ap_sta_add(&t, sta2, 7);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_eq(ap_sta_find(&t, sta2), b);
	ck_assert_ptr_null(ap_sta_find(&t, sta1));
	ap_sta_del(&t, b);
}
END_TEST

START_TEST(open_auth_assoc)
{
	struct ap *ap = make_ap("");
	struct mgmt_frame m;
	struct ap_sta *s;

	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	m = last_mgmt();
	ck_assert_int_eq(m.subtype, MGMT_AUTH);
	ck_assert_uint_eq(m.status, 0);
	ck_assert_uint_eq(m.auth_transaction, 2);
	s = ap_sta_find(&ap->stas, sta1);
	ck_assert_int_eq(s->state, AP_STA_AUTHENTICATED);

	send_assoc(ap, sta1, NULL, 0);
	m = last_mgmt();
	ck_assert_int_eq(m.subtype, MGMT_ASSOC_RESP);
	ck_assert_uint_eq(m.status, 0);
	ck_assert_uint_eq(m.aid, 1);
	ck_assert_int_eq(fk->n_sta_add, 1);
	ck_assert_uint_eq(fk->last_aid, 1);
	ck_assert_int_eq(s->state, AP_STA_ASSOCIATED);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-ASSOCIATED", "sta=02:00:00:00:02:00 aid=1"));

	/* the port opens once the response is acknowledged */
	ck_assert(!(fk->flags_set & DRV_STA_AUTHORIZED));
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	ck_assert(fk->flags_set & DRV_STA_AUTHORIZED);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-HS-DONE", "sta=02:00:00:00:02:00"));
	/* hostapd's words for hostapd_cli -a: connected, and no 4-way on an
	 * open network */
	ck_assert_ptr_nonnull(test_ev_find(&evs, "TEXT", "text=\"AP-STA-CONNECTED 02:00:00:00:02:00\""));
	ck_assert_int_eq(test_ev_count(&evs, "TEXT"), 2);	/* AP-ENABLED too */

	/* second station gets AID 2; the first leaves, its AID is free */
	send_auth(ap, sta2, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta2, NULL, 0);
	ck_assert_uint_eq(last_mgmt().aid, 2);
	ck_assert_int_eq(ap_deauth_sta(ap, sta1, MGMT_REASON_UNSPECIFIED, false), 0);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "TEXT", "text=\"AP-STA-DISCONNECTED 02:00:00:00:02:00\""));
	m = last_mgmt();
	ck_assert_int_eq(m.subtype, MGMT_DEAUTH);
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	ck_assert(!ap_aid_in_use(&ap->stas, 1));
	ck_assert_int_eq(ap_deauth_sta(ap, sta1, 1, false), -ENOENT);

	/* stop: deauth everyone (and broadcast), stop beaconing */
	ap_stop(ap);
	free_ap(ap);
}
END_TEST

START_TEST(rejections)
{
	struct ap *ap = make_ap("max_num_sta=1\n");
	struct mgmt_frame m;

	/* association without authentication: deauth reason 6 (11.3.3) */
	send_assoc(ap, sta1, NULL, 0);
	m = last_mgmt();
	ck_assert_int_eq(m.subtype, MGMT_DEAUTH);
	ck_assert_uint_eq(m.reason, MGMT_REASON_CLASS2_FRAME_FROM_NONAUTH);

	/* shared key: status 13 */
	send_auth(ap, sta1, MGMT_AUTH_ALG_SHARED);
	ck_assert_uint_eq(last_mgmt().status, MGMT_STATUS_NOT_SUPPORTED_AUTH_ALG);
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));

	/* table full: status 17 */
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_auth(ap, sta2, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_eq(last_mgmt().status, MGMT_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA);

	/* a STA's deauth removes it */
	{
		uint8_t buf[64];
		struct wbuf w;

		wbuf_init(&w, buf, sizeof(buf));
		mgmt_build_deauth(&w, ap_mac, sta1, ap_mac, MGMT_REASON_DEAUTH_LEAVING);
		rx(ap, buf, w.len);
	}
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-LEFT", "sta=02:00:00:00:02:00 reason=3 by=sta"));
	free_ap(ap);
}
END_TEST

START_TEST(wpa2_assoc_checks)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\n");
	static const uint8_t rsn_tkip[] = { 0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01,
		0x00, 0x00, 0x0f, 0xac, 0x02, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00 };
	static const uint8_t rsn_eap[] = { 0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01,
		0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x01, 0x00, 0x00 };

	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, NULL, 0);
	ck_assert_uint_eq(last_mgmt().status, MGMT_STATUS_INVALID_IE);
	send_assoc(ap, sta1, rsn_tkip, sizeof(rsn_tkip));
	ck_assert_uint_eq(last_mgmt().status, MGMT_STATUS_PAIRWISE_CIPHER_NOT_VALID);
	send_assoc(ap, sta1, rsn_eap, sizeof(rsn_eap));
	ck_assert_uint_eq(last_mgmt().status, MGMT_STATUS_AKMP_NOT_VALID);
	ck_assert_int_eq(fk->n_sta_add, 0);
	ck_assert_int_eq(ap_sta_find(&ap->stas, sta1)->state, AP_STA_AUTHENTICATED);
	free_ap(ap);
}
END_TEST

static void handshake(const char *sec, const char *sta_pass, bool expect_ok)
{
	struct ap *ap = make_ap(sec);
	struct hs_config sc;
	struct hs_ops ops = { .tx = sup_tx, .install_key = sup_install };
	struct hs_supp *sp;
	struct ap_sta *s;

	n_sup_out = sup_read = 0;
	sup_keys = 0;
	hs_config_init(&sc, HS_ROLE_SUPPLICANT);
	sc.proto = IE_PROTO_RSN;
	sc.pairwise_cipher = WPA_CIPHER_CCMP;
	sc.group_cipher = WPA_CIPHER_CCMP;
	crypto_psk_from_passphrase(sta_pass, (const uint8_t *)"roaming", 7, sc.pmk);
	memcpy(sc.aa, ap_mac, 6);
	memcpy(sc.spa, sta1, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&sc), 0);
	memcpy(sc.peer_ie, ap->beacon.rsn_ie, ap->beacon.rsn_ie_len);
	sc.peer_ie_len = ap->beacon.rsn_ie_len;
	sp = hs_supp_new(lp, &sc, &ops, NULL);
	ck_assert_ptr_nonnull(sp);
	ck_assert_int_eq(hs_supp_assoc(sp, NULL), 0);

	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	s = ap_sta_find(&ap->stas, sta1);
	ck_assert_int_eq(s->state, AP_STA_HANDSHAKE);
	ck_assert_uint_ge(fk->n_eapol, 1);	/* msg 1/4 */
	fake_now += 5000;
	pump(ap, sp);
	if (expect_ok) {
		ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
		ck_assert(fk->flags_set & DRV_STA_AUTHORIZED);
		ck_assert_int_ge(fk->n_keys, 2);	/* GTK at start + PTK */
		ck_assert_int_ge(sup_keys, 2);		/* PTK + GTK */
		ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-HS-DONE", "sta=02:00:00:00:02:00 proto=RSN pairwise=CCMP assoc_to_done_us=5000"));
		ck_assert_ptr_nonnull(test_ev_find(&evs, "TEXT", "text=\"AP-STA-CONNECTED 02:00:00:00:02:00\""));
		ck_assert_ptr_nonnull(test_ev_find(&evs, "TEXT", "text=\"EAPOL-4WAY-HS-COMPLETED 02:00:00:00:02:00\""));
		/* the station's machine: one event per transition, old -> new */
		ck_assert_int_eq(test_ev_chain(&evs, "AP-STA-STATE", "sta", "AUTHENTICATED"), 3);
		ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-STATE",
						   "sta=02:00:00:00:02:00 old=AUTHENTICATED new=ASSOCIATED aid=1"));
		ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-STATE",
						   "old=ASSOCIATED new=HANDSHAKE"));
		ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-STATE",
						   "old=HANDSHAKE new=AUTHORIZED"));
	} else {
		/* wrong PSK: invalid MIC, retries, then timeout and deauth */
		ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-HS-MIC-FAILURE", "sta=02:00:00:00:02:00"));
		ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-HS-DIAGNOSIS", "sta=02:00:00:00:02:00"));
		ck_assert_ptr_nonnull(strstr(test_ev_field(test_ev_find(&evs, "AP-HS-DIAGNOSIS", "sta=02:00:00:00:02:00"), "text"), "another"));
		for (int i = 0; i < 20 && ap_sta_find(&ap->stas, sta1); i++) {
			fake_now += 1000000;
			loop_run_timers(lp);
			pump(ap, sp);
			loop_run_timers(lp);
		}
		ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
		ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-LEFT", "sta=02:00:00:00:02:00"));
		ck_assert(!(fk->flags_set & DRV_STA_AUTHORIZED));
	}
	hs_supp_free(sp);
	free_ap(ap);
}

START_TEST(wpa2_handshake_ok)
{
	handshake("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\n", "bonewish", true);
}
END_TEST

START_TEST(wpa2_wrong_psk_diagnosed)
{
	/* the STA uses the passphrase that only an earlier line had */
	handshake("wpa=2\nwpa_passphrase=oldpassword\n"
		  "wpa_psk=0202020202020202020202020202020202020202020202020202020202020202\n"
		  "rsn_pairwise=CCMP\neapol_key_timeout_first=100\n",
		  "oldpassword", false);
}
END_TEST

/* WPA1 (TKIP): the 4-way, then the group key handshake; its msg 1/2 waits
 * AP_G1_AFTER_PTK_US after the PTK install so that the STA has its PTK. */
START_TEST(wpa1_tkip_handshake_holds_group_msg)
{
	struct ap *ap = make_ap("wpa=1\nwpa_passphrase=bonewish\nwpa_pairwise=TKIP\n");
	struct hs_config sc;
	struct hs_ops ops = { .tx = sup_tx, .install_key = sup_install };
	struct hs_supp *sp;
	struct ap_sta *s;
	struct eapol_key k;

	n_sup_out = sup_read = 0;
	sup_keys = 0;
	hs_config_init(&sc, HS_ROLE_SUPPLICANT);
	sc.proto = IE_PROTO_WPA;
	sc.pairwise_cipher = WPA_CIPHER_TKIP;
	sc.group_cipher = WPA_CIPHER_TKIP;
	crypto_psk_from_passphrase("bonewish", (const uint8_t *)"roaming", 7, sc.pmk);
	memcpy(sc.aa, ap_mac, 6);
	memcpy(sc.spa, sta1, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&sc), 0);
	ck_assert_uint_gt(ap->beacon.wpa_ie_len, 0);
	memcpy(sc.peer_ie, ap->beacon.wpa_ie, ap->beacon.wpa_ie_len);
	sc.peer_ie_len = ap->beacon.wpa_ie_len;
	sp = hs_supp_new(lp, &sc, &ops, NULL);
	ck_assert_ptr_nonnull(sp);
	ck_assert_int_eq(hs_supp_assoc(sp, NULL), 0);

	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	s = ap_sta_find(&ap->stas, sta1);
	ck_assert_int_eq(s->proto, IE_PROTO_WPA);
	ck_assert_uint_eq(s->pairwise, WPA_CIPHER_TKIP);
	pump(ap, sp);
	/* 4-way done (msgs 1 and 3 sent), PTK installed, msg 1/2 held */
	ck_assert_uint_eq(fk->n_eapol, 2);
	ck_assert_uint_ne(s->t_ptk_us, 0);
	ck_assert_ptr_null(test_ev_find(&evs, "AP-HS-DONE", ""));
	fake_now += AP_G1_AFTER_PTK_US - 1;
	loop_run_timers(lp);
	ck_assert_uint_eq(fk->n_eapol, 2);
	fake_now += 1;
	loop_run_timers(lp);
	ck_assert_uint_eq(fk->n_eapol, 3);
	ck_assert_int_eq(eapol_key_parse(fk->eapol[2].data, fk->eapol[2].len, &k, NULL), 0);
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_GROUP_1);
	pump(ap, sp);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	ck_assert_int_ge(sup_keys, 2);		/* PTK + GTK */
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-HS-DONE", "sta=02:00:00:00:02:00 proto=WPA pairwise=TKIP assoc_to_done_us=2000"));
	/* a rekey later is not held: the PTK is old by then */
	fake_now += 1000000;
	hs_group_rekey(ap->group);
	loop_run_timers(lp);
	ck_assert_uint_eq(fk->n_eapol, 4);
	ck_assert_int_eq(eapol_key_parse(fk->eapol[3].data, fk->eapol[3].len, &k, NULL), 0);
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_GROUP_1);
	pump(ap, sp);
	fake_now += AP_G1_AFTER_PTK_US;
	loop_run_timers(lp);
	ck_assert_uint_eq(fk->n_eapol, 4);	/* nothing was held back */
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* A Reassociation Request from a station that is associated and
 * authorized (a roam back, or a STA that lost its state) restarts it
 * cleanly: new kernel entry, a fresh 4-way handshake that completes. */
START_TEST(reassoc_of_authorized_sta_restarts_handshake)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\n");
	struct hs_config sc;
	struct hs_ops ops = { .tx = sup_tx, .install_key = sup_install };
	struct hs_supp *sp;
	struct ap_sta *s;
	struct eapol_key k1, k2;
	size_t first_m1;

	n_sup_out = sup_read = 0;
	sup_keys = 0;
	hs_config_init(&sc, HS_ROLE_SUPPLICANT);
	sc.proto = IE_PROTO_RSN;
	sc.pairwise_cipher = WPA_CIPHER_CCMP;
	sc.group_cipher = WPA_CIPHER_CCMP;
	crypto_psk_from_passphrase("bonewish", (const uint8_t *)"roaming", 7, sc.pmk);
	memcpy(sc.aa, ap_mac, 6);
	memcpy(sc.spa, sta1, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&sc), 0);
	memcpy(sc.peer_ie, ap->beacon.rsn_ie, ap->beacon.rsn_ie_len);
	sc.peer_ie_len = ap->beacon.rsn_ie_len;
	sp = hs_supp_new(lp, &sc, &ops, NULL);
	ck_assert_ptr_nonnull(sp);
	ck_assert_int_eq(hs_supp_assoc(sp, NULL), 0);
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	pump(ap, sp);
	s = ap_sta_find(&ap->stas, sta1);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	ck_assert_int_eq(fk->n_sta_add, 1);

	/* the STA comes back with a Reassociation Request, no deauth first */
	fake_now += 100000;
	first_m1 = 0;
	ck_assert_int_eq(hs_supp_assoc(sp, NULL), 0);
	test_ev_mark(&evs);
	send_assoc_frame(ap, sta1, sc.own_ie, sc.own_ie_len, ap_mac);
	ck_assert_int_eq(last_mgmt().subtype, MGMT_REASSOC_RESP);
	ck_assert_uint_eq(last_mgmt().status, 0);
	ck_assert_ptr_eq(ap_sta_find(&ap->stas, sta1), s);
	ck_assert_int_eq(s->state, AP_STA_ASSOCIATED);
	ck_assert_int_eq(fk->n_sta_remove, 1);	/* old entry (and its keys) gone */
	ck_assert_int_eq(fk->n_sta_add, 2);
	ck_assert_uint_eq(s->t_ptk_us, 0);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-ASSOCIATED", "sta=02:00:00:00:02:00 aid=1 reassoc=1"));
	first_m1 = fk->n_eapol;
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	ck_assert_int_eq(s->state, AP_STA_HANDSHAKE);
	ck_assert_uint_eq(fk->n_eapol, first_m1 + 1);	/* a new msg 1/4 */
	ck_assert_int_eq(eapol_key_parse(fk->eapol[0].data, fk->eapol[0].len, &k1, NULL), 0);
	ck_assert_int_eq(eapol_key_parse(fk->eapol[first_m1].data, fk->eapol[first_m1].len, &k2,
					 NULL), 0);
	ck_assert_int_eq(eapol_key_classify(&k2), EAPOL_MSG_PTK_1);
	ck_assert_int_ne(memcmp(k1.nonce, k2.nonce, 32), 0);	/* fresh ANonce */
	fake_now += 1000;
	pump(ap, sp);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-HS-DONE", "sta=02:00:00:00:02:00 proto=RSN pairwise=CCMP assoc_to_done_us=1000"));
	ck_assert_ptr_null(test_ev_find(&evs, "AP-HS-MIC-FAILURE", ""));
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* TKIP countermeasures (12.5.2.4): two Michael MIC failures within 60 s
 * deauthenticate everyone (reason 14) and refuse authentication for 60 s;
 * two failures further apart do nothing. */
START_TEST(tkip_countermeasures)
{
	struct ap *ap = make_ap("wpa=1\nwpa_passphrase=bonewish\nwpa_pairwise=TKIP\n");
	struct mgmt_frame m;

	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_auth(ap, sta2, MGMT_AUTH_ALG_OPEN);
	ap_mic_failure(ap, sta1, false, 0);
	fake_now += AP_MIC_FAILURE_WINDOW_US + 1;
	ap_mic_failure(ap, sta1, false, 0);	/* 60 s later: first again */
	ck_assert_ptr_nonnull(ap_sta_find(&ap->stas, sta1));
	ck_assert_ptr_null(test_ev_find(&evs, "AP-COUNTERMEASURES", "state=on"));
	fake_now += 1000000;
	ap_mic_failure(ap, sta2, true, 1);	/* second within 60 s */
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-COUNTERMEASURES", "state=on"));
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta2));
	m = last_mgmt();
	ck_assert_int_eq(m.subtype, MGMT_DEAUTH);
	ck_assert_uint_eq(m.reason, MGMT_REASON_MICHAEL_MIC_FAILURE);
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_ne(last_mgmt().status, 0);
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	fake_now += AP_COUNTERMEASURES_US;
	loop_run_timers(lp);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-COUNTERMEASURES", "state=off"));
	/* the countermeasures machine: IDLE -> ONE_FAILURE -> ONE_FAILURE
	 * (60 s later) -> ACTIVE -> IDLE, one event each */
	ck_assert_int_eq(test_ev_chain(&evs, "AP-TKIP-CM", "", "IDLE"), 4);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-TKIP-CM", "old=ONE_FAILURE new=ONE_FAILURE"));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-TKIP-CM", "old=ACTIVE new=IDLE"));
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_eq(last_mgmt().status, 0);
	free_ap(ap);
}
END_TEST

/* ap_max_inactivity: the poll deauthenticates a station idle longer
 * (reason 4), not one that is idle for less. */
START_TEST(inactivity_deauth)
{
	struct ap *ap = make_ap("ap_max_inactivity=10\n");

	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, NULL, 0);
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	fk->inactive_ms = 9000;
	fake_now += AP_INACTIVITY_POLL_US;
	loop_run_timers(lp);
	ck_assert_ptr_nonnull(ap_sta_find(&ap->stas, sta1));
	fk->inactive_ms = 10001;
	fake_now += AP_INACTIVITY_POLL_US;
	loop_run_timers(lp);
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	ck_assert_uint_eq(last_mgmt().reason, MGMT_REASON_DISASSOC_INACTIVITY);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-LEFT", "sta=02:00:00:00:02:00 reason=4 by=ap"));
	free_ap(ap);
}
END_TEST

static size_t cmd(struct ap *ap, const char *req, char *reply, size_t len)
{
	return ctrl_server_dispatch(ap->ctrl, req, reply, len);
}

/* The control commands, through the real control server. */
START_TEST(ctrl_commands)
{
	char dir[64], conf[256], r[2048];
	struct ap *ap;
	struct ap_sta *s;

	snprintf(dir, sizeof(dir), "/tmp/test_ap_ctrl.%d", (int)getpid());
	snprintf(conf, sizeof(conf), "ctrl_interface=%s\nwpa=2\nwpa_passphrase=bonewish\n"
		 "rsn_pairwise=CCMP\n", dir);
	ap = make_ap(conf);
	ck_assert_ptr_nonnull(ap->ctrl);
	cmd(ap, "STATUS", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "state=ENABLED\n"));
	ck_assert_ptr_nonnull(strstr(r, "num_sta=0\n"));
	ck_assert_ptr_nonnull(strstr(r, "gtk_idx=1\n"));
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	cmd(ap, "LIST_STA", r, sizeof(r));
	ck_assert_str_eq(r, "02:00:00:00:02:00 AUTHENTICATED\n");
	cmd(ap, "STA 02:00:00:00:02:00", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "state=AUTHENTICATED\n"));
	/* hostapd_cli's all_sta: STA-FIRST, then STA-NEXT until FAIL; the MAC
	 * alone on the first line */
	ck_assert_str_eq(r, "02:00:00:00:02:00\nflags=[AUTH]\naid=0\nstate=AUTHENTICATED\n"
			    "proto=NONE\npairwise=NONE\n");
	cmd(ap, "STA-FIRST", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "02:00:00:00:02:00\nflags=[AUTH]\n"));
	cmd(ap, "STA-NEXT 02:00:00:00:02:00", r, sizeof(r));
	ck_assert_str_eq(r, "FAIL no station after 02:00:00:00:02:00\n");
	cmd(ap, "STA 02:00:00:00:09:00", r, sizeof(r));
	ck_assert_str_eq(r, "FAIL no station 02:00:00:00:09:00\n");
	cmd(ap, "STA nonsense", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "FAIL bad MAC address"));

	/* REKEY_GTK: a new GTK under the other index */
	cmd(ap, "REKEY_GTK", r, sizeof(r));
	ck_assert_str_eq(r, "OK\n");
	loop_run_timers(lp);
	cmd(ap, "STATUS", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "gtk_idx=2\n"));

	/* FAULT: set, shown in STATUS, reaches new handshakes; errors */
	cmd(ap, "FAULT drop-msg 3 2", r, sizeof(r));
	ck_assert_str_eq(r, "OK\n");
	cmd(ap, "STATUS", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "faults=drop-msg=3"));
	cmd(ap, "FAULT explode", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "FAIL unknown fault 'explode'"));
	cmd(ap, "FAULT clear", r, sizeof(r));
	cmd(ap, "STATUS", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "faults=none\n"));

	/* DISASSOC keeps the station authenticated, DEAUTH forgets it */
	send_assoc(ap, sta1, NULL, 0);		/* no RSN IE: rejected, still auth */
	s = ap_sta_find(&ap->stas, sta1);
	ck_assert_ptr_nonnull(s);
	cmd(ap, "DISASSOC 02:00:00:00:02:00", r, sizeof(r));
	ck_assert_str_eq(r, "OK\n");
	ck_assert_int_eq(last_mgmt().subtype, MGMT_DISASSOC);
	ck_assert_ptr_nonnull(ap_sta_find(&ap->stas, sta1));
	cmd(ap, "DEAUTH 02:00:00:00:02:00", r, sizeof(r));
	ck_assert_str_eq(r, "OK\n");
	ck_assert_int_eq(last_mgmt().subtype, MGMT_DEAUTH);
	ck_assert_uint_eq(last_mgmt().reason, MGMT_REASON_PREV_AUTH_NOT_VALID);
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	cmd(ap, "DEAUTH 02:00:00:00:02:00", r, sizeof(r));
	ck_assert_str_eq(r, "FAIL no station 02:00:00:00:02:00\n");

	/* DISABLE / ENABLE */
	cmd(ap, "DISABLE", r, sizeof(r));
	ck_assert_str_eq(r, "OK\n");
	ck_assert(fk->stopped);
	cmd(ap, "STATUS", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "state=DISABLED\n"));
	cmd(ap, "REKEY_GTK", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "FAIL no group key"));
	fk->started = false;
	cmd(ap, "ENABLE", r, sizeof(r));
	ck_assert_str_eq(r, "OK\n");
	ck_assert(fk->started);
	cmd(ap, "STATUS", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "state=ENABLED\n"));

	/* LOG_LEVEL */
	cmd(ap, "LOG_LEVEL WARNING", r, sizeof(r));
	ck_assert_str_eq(r, "OK\n");
	cmd(ap, "LOG_LEVEL", r, sizeof(r));
	ck_assert_str_eq(r, "level=WARNING\n");
	cmd(ap, "LOG_LEVEL LOUD", r, sizeof(r));
	ck_assert_ptr_nonnull(strstr(r, "FAIL unknown level"));
	log_set_level(LOG_LVL_INFO);
	free_ap(ap);
	rmdir(dir);
}
END_TEST

/* mac80211 refuses START_AP with an inactivity timeout (no
 * NL80211_FEATURE_INACTIVITY_TIMER): we poll instead and never pass one. */
START_TEST(start_ap_without_inactivity_timeout)
{
	struct ap *ap = make_ap("ap_max_inactivity=300\nwpa=2\nwpa_passphrase=bonewish\n");

	ck_assert_uint_eq(fk->ap_params.inactivity_timeout, 0);
	ck_assert_ptr_nonnull(ap->inact_timer);
	ck_assert(fk->ap_params.privacy);
	ck_assert_uint_eq(fk->ap_params.wpa_versions, WPA_PROTO_RSN);
	free_ap(ap);
}
END_TEST

/* Stopping deletes the group keys we installed, and only those (the
 * kernel answers ENOENT for the others). */
START_TEST(stop_deletes_installed_group_keys)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\n");
	uint8_t set;

	set = fk->keys_set;
	ck_assert_uint_ne(set, 0);
	ck_assert_uint_eq(fk->keys_deleted, 0);
	ap_disable(ap);
	ck_assert(fk->stopped);
	ck_assert_uint_eq(fk->keys_deleted, set);
	ck_assert_int_eq(fk->n_del_keys, __builtin_popcount(set));
	/* ENABLE after DISABLE installs a new GTK (the next stop deletes it)
	 * and does not register for frames again */
	ck_assert_int_eq(ap_enable(ap), 0);
	ck_assert_int_eq(fk->n_register, 1);
	set = fk->keys_set;
	fk->keys_deleted = 0;
	ap_disable(ap);
	ck_assert_uint_eq(fk->keys_deleted, set);
	free_ap(ap);
}
END_TEST

static Suite *sta_suite(void)
{
	Suite *s = suite_create("ap_sta");
	TCase *tc = tcase_create("sta");

	tcase_add_test(tc, aid_allocation);
	tcase_add_test(tc, table_and_states);
	tcase_add_test(tc, open_auth_assoc);
	tcase_add_test(tc, rejections);
	tcase_add_test(tc, wpa2_assoc_checks);
	tcase_add_test(tc, wpa2_handshake_ok);
	tcase_add_test(tc, wpa2_wrong_psk_diagnosed);
	tcase_add_test(tc, wpa1_tkip_handshake_holds_group_msg);
	tcase_add_test(tc, reassoc_of_authorized_sta_restarts_handshake);
	tcase_add_test(tc, tkip_countermeasures);
	tcase_add_test(tc, inactivity_deauth);
	tcase_add_test(tc, ctrl_commands);
	tcase_add_test(tc, start_ap_without_inactivity_timeout);
	tcase_add_test(tc, stop_deletes_installed_group_keys);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(sta_suite)
