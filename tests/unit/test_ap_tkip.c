// SPDX-License-Identifier: MIT
/* test_ap_tkip.c: the AP's TKIP countermeasures (ap/tkip_cm.c) started by
 * two stations' Michael MIC failure reports (12.7.2, 12.5.2.4.1), each
 * station common/'s supplicant. A report reaches the AP from inside the
 * reporting station's handshake (hs_auth_rx -> hs_ops.event), so the
 * deauthentication of every station and the new GTK must not run there
 * (handshake.h: a callback must not free the object that called it): no
 * station may leave while the AP is still receiving its EAPOL frame. */
#include "test_ap_fake.h"

struct tsta {
	const uint8_t *addr;
	struct hs_supp *sp;
	struct frame out[MAXF];
	size_t n_out, read;
};

static struct tsta tst[2];
static bool in_rx;		/* the AP is receiving a station's EAPOL frame */
static int left_in_rx;		/* AP-STA-LEFT events emitted meanwhile */

static void hook(void *ctx, const char *name, const char *kv)
{
	if (in_rx && !strcmp(name, "AP-STA-LEFT"))
		left_in_rx++;
	test_ev_hook(ctx, name, kv);
}

static int tsta_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct tsta *t = ctx;

	ck_assert_uint_lt(t->n_out, MAXF);
	ck_assert_uint_le(len, sizeof(t->out[0].data));
	memcpy(t->out[t->n_out].data, frame, len);
	t->out[t->n_out++].len = len;
	return 0;
}

static int tsta_install(void *ctx, const struct hs_key *k) { return 0; }

/* AP -> stations (by destination) and stations -> AP until quiet. */
static void pump2(struct ap *ap)
{
	bool moved = true;

	while (moved) {
		moved = false;
		while (eapol_read < fk->n_eapol) {
			struct fake_drv_frame *f = &fk->eapol[eapol_read++];

			for (int i = 0; i < 2; i++)
				if (tst[i].sp && mac_equal(f->peer, tst[i].addr))
					hs_supp_rx(tst[i].sp, f->data, f->len);
			moved = true;
		}
		for (int i = 0; i < 2; i++) {
			struct tsta *t = &tst[i];

			while (t->read < t->n_out) {
				struct frame *f = &t->out[t->read++];

				in_rx = true;
				fk->base.ev->eapol_rx(fk->base.ev_ctx, t->addr, f->data, f->len);
				in_rx = false;
				moved = true;
			}
		}
	}
}

static void connect2(struct ap *ap, int i, const uint8_t *addr)
{
	struct tsta *t = &tst[i];
	struct hs_config sc;
	struct hs_ops ops = { .tx = tsta_tx, .install_key = tsta_install };

	memset(t, 0, sizeof(*t));
	t->addr = addr;
	hs_config_init(&sc, HS_ROLE_SUPPLICANT);
	sc.proto = IE_PROTO_RSN;
	sc.pairwise_cipher = WPA_CIPHER_TKIP;
	sc.group_cipher = WPA_CIPHER_TKIP;
	crypto_psk_from_passphrase("bonewish", (const uint8_t *)"roaming", 7, sc.pmk);
	memcpy(sc.aa, ap_mac, 6);
	memcpy(sc.spa, addr, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&sc), 0);
	memcpy(sc.peer_ie, ap->beacon.rsn_ie, ap->beacon.rsn_ie_len);
	sc.peer_ie_len = ap->beacon.rsn_ie_len;
	t->sp = hs_supp_new(lp, &sc, &ops, t);
	ck_assert_ptr_nonnull(t->sp);
	send_auth(ap, addr, MGMT_AUTH_ALG_OPEN);
	send_assoc(ap, addr, sc.own_ie, sc.own_ie_len);
	ck_assert_uint_eq(last_mgmt().status, 0);
	fk->base.ev->tx_status(fk->base.ev_ctx, fk->cookie, NULL, 0, true);
	pump2(ap);
	ck_assert_int_eq(ap_sta_find(&ap->stas, addr)->state, AP_STA_AUTHORIZED);
	ck_assert_int_eq(hs_supp_state(t->sp), HS_SUPP_COMPLETED);
}

static struct ap *two_stations(void)
{
	struct ap *ap = make_ap("wpa=2\nwpa_passphrase=bonewish\nrsn_pairwise=TKIP\n");

	ap_set_event_hook(ap, hook, &evs);
	in_rx = false;
	left_in_rx = 0;
	connect2(ap, 0, sta1);
	connect2(ap, 1, sta2);
	return ap;
}

static void free_stations(void)
{
	for (int i = 0; i < 2; i++) {
		hs_supp_free(tst[i].sp);
		tst[i].sp = NULL;
	}
}

/* Index of the first event from test_ev_mark() on of type with the fields
 * of want; -1 if none. */
static int ev_index(const char *type, const char *want)
{
	const struct test_ev *e = test_ev_find(&evs, type, want);

	return e ? (int)(e - evs.ev) : -1;
}

/* sta1 reports a pairwise failure, sta2 a group one 2 s later: the second
 * within 60 s starts countermeasures from inside sta2's handshake. The
 * machine is ACTIVE at once; every station leaves (reason 14) and the GTK
 * is replaced only after the AP has finished receiving the report, from
 * the loop; events in the order the existing tests see them. */
START_TEST(second_report_deauths_all_outside_the_reporters_handshake)
{
	struct ap *ap = two_stations();
	int mic, cm, on, left1, left2, rekey;
	uint8_t gtk_idx = hs_group_key_idx(ap->group);

	test_ev_mark(&evs);
	ck_assert_int_eq(hs_supp_report_michael_failure(tst[0].sp, true), 0);
	pump2(ap);
	ck_assert_int_ge(ev_index("AP-MIC-FAILURE", "sta=02:00:00:00:02:00 group=0 source=report"), 0);
	ck_assert_int_ge(ev_index("AP-TKIP-CM", "old=IDLE new=ONE_FAILURE"), 0);
	ck_assert_int_eq(test_ev_count(&evs, "AP-COUNTERMEASURES"), 0);

	fake_now += 2000000;
	test_ev_mark(&evs);
	ck_assert_int_eq(hs_supp_report_michael_failure(tst[1].sp, false), 0);
	pump2(ap);
	/* the report is counted and the machine is ACTIVE ... */
	mic = ev_index("AP-MIC-FAILURE", "sta=02:00:00:00:03:00 group=1 source=report");
	cm = ev_index("AP-TKIP-CM", "old=ONE_FAILURE new=ACTIVE");
	on = ev_index("AP-COUNTERMEASURES", "state=on");
	ck_assert_int_ge(mic, 0);
	ck_assert_int_gt(cm, mic);
	ck_assert_int_gt(on, cm);
	/* ... but no station left while its frame was being received */
	ck_assert_int_eq(left_in_rx, 0);
	ck_assert_int_eq(test_ev_count(&evs, "AP-STA-LEFT"), 0);
	ck_assert_ptr_nonnull(ap_sta_find(&ap->stas, sta2));
	/* and nobody gets in meanwhile */
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_ne(last_mgmt().status, 0);

	/* the loop runs the deauthentications and the new GTK */
	loop_run_timers(lp);
	left1 = ev_index("AP-STA-LEFT", "sta=02:00:00:00:02:00 reason=14 by=ap frame=deauth");
	left2 = ev_index("AP-STA-LEFT", "sta=02:00:00:00:03:00 reason=14 by=ap frame=deauth");
	rekey = ev_index("AP-GTK-REKEY", "");
	ck_assert_int_gt(left1, on);
	ck_assert_int_gt(left2, on);
	ck_assert_int_gt(rekey, left1);
	ck_assert_int_gt(rekey, left2);
	ck_assert_int_eq(test_ev_count(&evs, "AP-STA-LEFT"), 2);
	ck_assert_int_eq(left_in_rx, 0);
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta1));
	ck_assert_ptr_null(ap_sta_find(&ap->stas, sta2));
	ck_assert_uint_eq(last_mgmt().subtype, MGMT_DEAUTH);
	ck_assert_uint_eq(last_mgmt().reason, MGMT_REASON_MICHAEL_MIC_FAILURE);
	ck_assert_uint_ne(hs_group_key_idx(ap->group), gtk_idx);
	ck_assert(fk->keys_set & (1u << hs_group_key_idx(ap->group)));
	/* run once: nothing more fires until the 60 s are over */
	test_ev_mark(&evs);
	loop_run_timers(lp);
	ck_assert_int_eq(evs.n, evs.from);

	fake_now += AP_COUNTERMEASURES_US;
	loop_run_timers(lp);
	ck_assert_int_ge(ev_index("AP-TKIP-CM", "old=ACTIVE new=IDLE"), 0);
	ck_assert_int_ge(ev_index("AP-COUNTERMEASURES", "state=off"), 0);
	ck_assert_int_eq(test_ev_chain(&evs, "AP-TKIP-CM", "", "IDLE"), 3);
	send_auth(ap, sta1, MGMT_AUTH_ALG_OPEN);
	ck_assert_uint_eq(last_mgmt().status, 0);
	free_stations();
	free_ap(ap);
}
END_TEST

/* The 60 s run from the first report: a second report 60 s later (not
 * "within 60 s") is a first failure again; one just inside starts
 * countermeasures. */
START_TEST(window_runs_from_the_first_report)
{
	struct ap *ap = two_stations();

	ck_assert_int_eq(hs_supp_report_michael_failure(tst[0].sp, true), 0);
	pump2(ap);
	fake_now += AP_MIC_FAILURE_WINDOW_US;
	test_ev_mark(&evs);
	ck_assert_int_eq(hs_supp_report_michael_failure(tst[1].sp, true), 0);
	pump2(ap);
	loop_run_timers(lp);
	ck_assert_int_ge(ev_index("AP-TKIP-CM", "old=ONE_FAILURE new=ONE_FAILURE"), 0);
	ck_assert_int_eq(test_ev_count(&evs, "AP-COUNTERMEASURES"), 0);
	ck_assert_int_eq(test_ev_count(&evs, "AP-STA-LEFT"), 0);
	fake_now += AP_MIC_FAILURE_WINDOW_US - 1;
	test_ev_mark(&evs);
	ck_assert_int_eq(hs_supp_report_michael_failure(tst[0].sp, true), 0);
	pump2(ap);
	ck_assert_int_ge(ev_index("AP-TKIP-CM", "old=ONE_FAILURE new=ACTIVE"), 0);
	loop_run_timers(lp);
	ck_assert_int_eq(test_ev_count(&evs, "AP-STA-LEFT"), 2);
	ck_assert_int_eq(left_in_rx, 0);
	ck_assert_int_eq(test_ev_chain(&evs, "AP-TKIP-CM", "", "IDLE"), 3);
	free_stations();
	free_ap(ap);
}
END_TEST

/* The AP freed (or disabled) before the loop ran the deferred
 * deauthentications: they are cancelled, never run on a freed AP (ASan
 * sees it if they do). */
START_TEST(deferred_countermeasures_cancelled_by_free_and_disable)
{
	struct ap *ap = two_stations();

	ck_assert_int_eq(hs_supp_report_michael_failure(tst[0].sp, true), 0);
	ck_assert_int_eq(hs_supp_report_michael_failure(tst[1].sp, true), 0);
	pump2(ap);
	ck_assert_ptr_nonnull(test_ev_find(&evs, "AP-COUNTERMEASURES", "state=on"));
	ck_assert_int_eq(test_ev_count(&evs, "AP-STA-LEFT"), 0);
	ck_assert_int_ge(test_ev_chain(&evs, "AP-TKIP-CM", "", "IDLE"), 0);
	ck_assert_int_eq(evs.dropped, 0);
	free_stations();
	ap_free(ap);
	loop_run_timers(lp);
	loop_free(lp);

	ap = two_stations();
	ck_assert_int_eq(hs_supp_report_michael_failure(tst[0].sp, true), 0);
	ck_assert_int_eq(hs_supp_report_michael_failure(tst[1].sp, true), 0);
	pump2(ap);
	ap_disable(ap);			/* every station leaves (reason 3) */
	ck_assert_int_eq(ap_enable(ap), 0);	/* a new group */
	test_ev_mark(&evs);
	loop_run_timers(lp);
	ck_assert_int_eq(test_ev_count(&evs, "AP-STA-LEFT"), 0);
	ck_assert_int_eq(test_ev_count(&evs, "AP-GTK-REKEY"), 0);
	free_stations();
	free_ap(ap);
}
END_TEST

static Suite *tkip_suite(void)
{
	Suite *s = suite_create("ap_tkip");
	TCase *tc = tcase_create("countermeasures");

	tcase_add_test(tc, second_report_deauths_all_outside_the_reporters_handshake);
	tcase_add_test(tc, window_runs_from_the_first_report);
	tcase_add_test(tc, deferred_countermeasures_cancelled_by_free_and_disable);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(tkip_suite)
