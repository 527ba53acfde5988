// SPDX-License-Identifier: MIT
/* test_ap_pmf.c: roamlab-ap with ieee80211w on the shared fake driver:
 * the RSNE it beacons, the association check (status 31), the MFP
 * station flag, the IGTK as the default management key and in msg 3/4,
 * and association comeback (802.11-2020 11.3.4.4): status 30 with a
 * Timeout Interval while the SA Query runs, the association kept when the
 * station answers, given up when it does not; and the AP's answer to a
 * station's SA Query Request. */
#include "test_ap_fake.h"

#define PMF_CONF "wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\nieee80211w=2\n"

static int n_igtk;
static uint8_t sup_igtk[16];
static uint8_t sup_igtk_id;

static int pmf_install(void *ctx, const struct hs_key *k)
{
	if (k->kind == HS_KEY_IGTK) {
		n_igtk++;
		memcpy(sup_igtk, k->key, 16);
		sup_igtk_id = k->key_idx;
	}
	sup_keys++;
	return 0;
}

/* A supplicant for sta1 with ieee80211w=w. */
static struct hs_supp *pmf_supp(struct ap *ap, enum ie_pmf w, struct hs_config *sc)
{
	static const struct hs_ops ops = { .tx = sup_tx, .install_key = pmf_install };
	struct hs_supp *sp;

	n_sup_out = sup_read = 0;
	sup_keys = n_igtk = 0;
	hs_config_init(sc, HS_ROLE_SUPPLICANT);
	sc->rsn_caps = ie_pmf_rsn_caps(w);
	sc->pmf = w != IE_PMF_DISABLED;
	crypto_psk_from_passphrase("bonewish", (const uint8_t *)"roaming", 7, sc->pmk);
	memcpy(sc->aa, ap_mac, 6);
	memcpy(sc->spa, sta1, 6);
	ck_assert_int_eq(hs_config_build_own_ie(sc), 0);
	memcpy(sc->peer_ie, ap->beacon.rsn_ie, ap->beacon.rsn_ie_len);
	sc->peer_ie_len = ap->beacon.rsn_ie_len;
	sp = hs_supp_new(lp, sc, &ops, NULL);
	ck_assert_ptr_nonnull(sp);
	return sp;
}

static const struct fake_drv_key *find_key(int idx)
{
	for (size_t i = fk->n_keys; i-- > 0;)
		if (fk->keys[i].k.idx == idx)
			return &fk->keys[i];
	return NULL;
}

/* Authenticate, associate and run the handshake: the station is AUTHORIZED. */
static struct ap_sta *connect_pmf(struct ap *ap, struct hs_supp *sp, const struct hs_config *sc)
{
	struct ap_sta *s;

	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, sc->own_ie, sc->own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	fake_now += 5000;
	pump(ap, sp);
	s = ap_sta_find(&ap->stas, sta1);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	return s;
}

START_TEST(pmf_required_assoc_and_igtk)
{
	struct ap *ap = make_ap(PMF_CONF);
	struct wpa_ie_info info;
	struct hs_config sc;
	struct hs_supp *sp;
	const struct fake_drv_key *igtk;

	/* the Beacon's RSNE: MFPC and MFPR */
	ck_assert_int_eq(ie_parse_rsn(ap->beacon.rsn_ie, ap->beacon.rsn_ie_len, &info, NULL), 0);
	ck_assert_uint_eq(info.rsn_caps & (RSN_CAP_MFPC | RSN_CAP_MFPR),
			  RSN_CAP_MFPC | RSN_CAP_MFPR);
	/* the IGTK went to the driver at start, as the default management key */
	igtk = find_key(IGTK_KEYID_FIRST);
	ck_assert_ptr_nonnull(igtk);
	ck_assert_uint_eq(igtk->k.cipher, WPA_CIPHER_BIP_CMAC);
	ck_assert(igtk->k.set_tx);
	ck_assert(!igtk->k.pairwise);

	/* a station without MFPC: 31 */
	sp = pmf_supp(ap, IE_PMF_DISABLED, &sc);
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 31);
	hs_supp_free(sp);

	sp = pmf_supp(ap, IE_PMF_REQUIRED, &sc);
	connect_pmf(ap, sp, &sc);
	ck_assert(fk->last_sta_flags & DRV_STA_MFP);
	ck_assert_int_eq(n_igtk, 1);
	ck_assert_mem_eq(sup_igtk, igtk->key, 16);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-STA-ASSOCIATED",
					   "sta=02:00:00:00:02:00 aid=1 reassoc=0 key_mgmt=WPA-PSK pmf=1"));
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* The last SA Query Request sent: its transaction ID. */
static bool last_sa_query(uint8_t action, uint8_t id[2])
{
	for (size_t i = fk->n_mgmt; i-- > 0;) {
		struct mgmt_frame m;
		struct mgmt_sa_query q;

		if (mgmt_parse(fk->mgmt[i].data, fk->mgmt[i].len, &m) || m.subtype != MGMT_ACTION ||
		    mgmt_parse_sa_query(m.body, m.body_len, &q) || q.action != action)
			continue;
		memcpy(id, q.trans_id, 2);
		return true;
	}
	return false;
}

static int count_sa_query(uint8_t action)
{
	int n = 0;

	for (size_t i = 0; i < fk->n_mgmt; i++) {
		struct mgmt_frame m;
		struct mgmt_sa_query q;

		n += !mgmt_parse(fk->mgmt[i].data, fk->mgmt[i].len, &m) &&
		     m.subtype == MGMT_ACTION &&
		     !mgmt_parse_sa_query(m.body, m.body_len, &q) && q.action == action;
	}
	return n;
}

static void rx_sa_query(struct ap *ap, uint8_t action, const uint8_t id[2])
{
	uint8_t buf[64];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(mgmt_build_sa_query(&w, ap_mac, sta1, ap_mac, action, id), 0);
	rx(ap, buf, w.len);
}

/* Run the loop's timers up to ms from now. */
static void advance_ms(uint64_t ms)
{
	uint64_t end = fake_now + ms * 1000;

	for (;;) {
		uint64_t next = loop_next_timer_us(lp);

		if (next == UINT64_MAX || fake_now + next > end)
			break;
		fake_now += next;
		loop_run_timers(lp);
	}
	fake_now = end;
}

START_TEST(pmf_assoc_comeback)
{
	struct ap *ap = make_ap(PMF_CONF "assoc_sa_query_max_timeout=500\n"
				"assoc_sa_query_retry_timeout=100\n");
	struct hs_config sc;
	struct hs_supp *sp = pmf_supp(ap, IE_PMF_REQUIRED, &sc);
	struct ap_sta *s = connect_pmf(ap, sp, &sc);
	struct mgmt_frame m;
	uint8_t type, id[2];
	uint32_t tu;
	int nreq;

	/* an unprotected Authentication keeps the association */
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_eq(last_mgmt().status, 0);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	/* (Re)Association: 30 with the comeback time, SA Query starts */
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert(last_sa_query(MGMT_SA_QUERY_REQUEST, id));
	m = last_mgmt();	/* after the first SA Query Request */
	ck_assert_int_eq(m.subtype, MGMT_ASSOC_RESP);
	ck_assert_uint_eq(m.status, MGMT_STATUS_ASSOC_REJECTED_TEMPORARILY);
	ck_assert_int_eq(mgmt_get_timeout_interval(m.ies, m.ies_len, &type, &tu), 0);
	ck_assert_uint_eq(type, MGMT_TIE_ASSOC_COMEBACK);
	ck_assert_uint_eq(tu, 500);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-SA-QUERY", "sta=02:00:00:00:02:00 old=IDLE new=RUNNING"));
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	/* the station answers: the association stays */
	rx_sa_query(ap, MGMT_SA_QUERY_RESPONSE, id);
	ck_assert_int_eq(s->saq_state, AP_SAQ_IDLE);
	ck_assert_int_eq(s->state, AP_STA_AUTHORIZED);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-SA-QUERY", "sta=02:00:00:00:02:00 old=RUNNING new=IDLE"));

	/* again, and no answer: retries every 100 TU, gives up at 500 TU */
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	nreq = count_sa_query(MGMT_SA_QUERY_REQUEST);
	ck_assert_int_eq(s->saq_state, AP_SAQ_RUNNING);
	/* a Response with an unknown ID changes nothing */
	id[0] ^= 0xff;
	rx_sa_query(ap, MGMT_SA_QUERY_RESPONSE, id);
	ck_assert_int_eq(s->saq_state, AP_SAQ_RUNNING);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, MGMT_STATUS_ASSOC_REJECTED_TEMPORARILY);
	advance_ms(600);
	ck_assert_int_eq(s->saq_state, AP_SAQ_TIMED_OUT);
	ck_assert_int_ge(count_sa_query(MGMT_SA_QUERY_REQUEST) - nreq, 4);
	/* the next request takes over: a new association and handshake */
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	ck_assert_int_eq(s->state, AP_STA_ASSOCIATED);
	ck_assert_int_eq(s->saq_state, AP_SAQ_IDLE);
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

START_TEST(pmf_answers_sa_query)
{
	struct ap *ap = make_ap(PMF_CONF);
	struct hs_config sc;
	struct hs_supp *sp = pmf_supp(ap, IE_PMF_REQUIRED, &sc);
	static const uint8_t id[2] = { 0x12, 0x34 };
	uint8_t got[2];

	/* no association yet: ignored */
	rx_sa_query(ap, MGMT_SA_QUERY_REQUEST, id);
	ck_assert(!last_sa_query(MGMT_SA_QUERY_RESPONSE, got));
	connect_pmf(ap, sp, &sc);
	rx_sa_query(ap, MGMT_SA_QUERY_REQUEST, id);
	ck_assert(last_sa_query(MGMT_SA_QUERY_RESPONSE, got));
	ck_assert_mem_eq(got, id, 2);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-SA-QUERY-REQUEST", "sta=02:00:00:00:02:00"));
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* Without ieee80211w a reassociation restarts at once (no comeback). */
START_TEST(no_pmf_no_comeback)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=CCMP\nieee80211w=1\n");
	struct hs_config sc;
	struct hs_supp *sp = pmf_supp(ap, IE_PMF_DISABLED, &sc);
	struct ap_sta *s = connect_pmf(ap, sp, &sc);

	ck_assert(!s->pmf);
	ck_assert(!(fk->last_sta_flags & DRV_STA_MFP));
	ck_assert_int_eq(n_igtk, 0);
	send_assoc(ap, sta1, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	ck_assert_int_eq(count_sa_query(MGMT_SA_QUERY_REQUEST), 0);
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

/* The faults: igtk-wrong-keyid (the station gets key ID 5 for the key the
 * AP has at 4), sa-query-no-reply. */
START_TEST(pmf_faults)
{
	struct ap *ap = make_ap(PMF_CONF);
	struct hs_config sc;
	struct hs_supp *sp = pmf_supp(ap, IE_PMF_REQUIRED, &sc);
	static const uint8_t id[2] = { 0x12, 0x34 };
	char err[128];
	uint8_t got[2];

	ck_assert_int_eq(ap_set_fault(ap, "igtk-wrong-keyid", err, sizeof(err)), 0);
	ck_assert_int_eq(ap_set_fault(ap, "sa-query-no-reply", err, sizeof(err)), 0);
	connect_pmf(ap, sp, &sc);
	ck_assert_int_eq(n_igtk, 1);
	ck_assert_uint_eq(sup_igtk_id, IGTK_KEYID_SECOND);
	ck_assert_ptr_nonnull(find_key(IGTK_KEYID_FIRST));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-FAULT", "fault=igtk-wrong-keyid msg=3/4"));
	rx_sa_query(ap, MGMT_SA_QUERY_REQUEST, id);
	ck_assert(!last_sa_query(MGMT_SA_QUERY_RESPONSE, got));
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-FAULT", "fault=sa-query-no-reply"));
	hs_supp_free(sp);
	free_ap(ap);
}
END_TEST

static Suite *ap_pmf_suite(void)
{
	Suite *s = suite_create("ap_pmf");
	TCase *tc = tcase_create("pmf");

	tcase_add_test(tc, pmf_required_assoc_and_igtk);
	tcase_add_test(tc, pmf_assoc_comeback);
	tcase_add_test(tc, pmf_answers_sa_query);
	tcase_add_test(tc, no_pmf_no_comeback);
	tcase_add_test(tc, pmf_faults);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(ap_pmf_suite)
