// SPDX-License-Identifier: MIT
/* test_hs_rekey.c: the handshakes after the first one: a stray (or forged)
 * msg 1/4 does not suspend group key updates under the PTK in use, a PTK
 * rekey still works and uses a fresh SNonce, the supplicant's Michael MIC
 * failure report (12.7.2) is accepted and reported by the authenticator
 * only when verified, and the msg 2/4 diagnosis is rate-limited. */
#include "test_hs_harness.h"
#include "unit.h"

#define T WPA_CIPHER_TKIP
#define C WPA_CIPHER_CCMP

static struct hb *connected(unsigned int wpa, uint32_t pw, enum ie_proto p)
{
	struct hb *h = hb_new();

	hb_config(h, wpa, pw, p, pw);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	ck_assert(hs_auth_ptk_done(h->a));
	return h;
}

/* A msg 1/4 as anyone can send it: no MIC, a new ANonce. */
static void forge_m1(struct hb *h, uint64_t replay)
{
	struct eapol_key_params p = { 0 };
	uint8_t nonce[NONCE_LEN], frame[EAPOL_KEY_FRAME_MAX];
	size_t len;

	memset(nonce, 0xa5, sizeof(nonce));
	p.eapol_version = 2;
	p.desc_type = h->acfg.proto == IE_PROTO_RSN ? EAPOL_DESC_RSN : EAPOL_DESC_WPA;
	p.key_info = (uint16_t)(hs_desc_version(h->acfg.pairwise_cipher) |
				KEY_INFO_TYPE_PAIRWISE | KEY_INFO_ACK);
	p.key_len = (uint16_t)wpa_cipher_key_len(h->acfg.pairwise_cipher);
	p.replay_counter = replay;
	p.nonce = nonce;
	ck_assert_int_eq(eapol_key_build(&p, frame, sizeof(frame), &len), 0);
	ck_assert_int_eq(hs_supp_rx(h->s, frame, len), 0);
}

static size_t count_msg(const struct hb_side *s, enum hs_event_type t, enum eapol_msg m)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nev; i++)
		n += s->ev[i].type == t && s->ev[i].msg == m;
	return n;
}

/* After a stray msg 1/4 the next group key handshake still completes
 * (WPA and RSN), and then a real PTK rekey still does. */
START_TEST(test_stray_m1_keeps_group_updates)
{
	static const struct { unsigned int wpa; uint32_t pw; enum ie_proto p; } c[] = {
		{ 2, C, IE_PROTO_RSN }, { 1, T, IE_PROTO_WPA },
	};
	struct hb *h = connected(c[_i].wpa, c[_i].pw, c[_i].p);
	size_t gdone = hb_count(&h->sta, HS_EV_GROUP_DONE);
	size_t gtks = hb_nkeys(&h->sta, HS_KEY_GTK);
	const uint8_t *gtk;
	size_t gtk_len;

	forge_m1(h, 1000);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	hb_pump(h);		/* its 2/4 is dropped by the authenticator */
	ck_assert_int_eq(hs_group_rekey(h->g), 0);
	hb_pump(h);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_GROUP_DONE), gdone + 1);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), gtks + 1);
	gtk_len = hs_group_gtk(h->g, &gtk);
	ck_assert_mem_eq(hb_last_key(&h->sta, HS_KEY_GTK)->key, gtk, gtk_len);
	ck_assert_int_eq(hs_auth_gstate(h->a), HS_AUTH_G_REKEYESTABLISHED);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DEAUTH_REQUEST), 0);
	ck_assert_uint_eq(count_msg(&h->sta, HS_EV_DROPPED, EAPOL_MSG_GROUP_1), 0);
	/* a real PTK rekey after it */
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 10);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 2);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 2);
	ck_assert_mem_eq(hb_last_key(&h->sta, HS_KEY_PTK)->key,
			 hb_last_key(&h->ap, HS_KEY_PTK)->key,
			 hb_last_key(&h->ap, HS_KEY_PTK)->len);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	ck_assert(hs_auth_ptk_done(h->a));
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DEAUTH_REQUEST), 0);
	hb_free(h);
}
END_TEST

static void snonce_of(const struct hb_frame *f, uint8_t *out)
{
	memcpy(out, f->data + EAPOL_KEY_OFF_NONCE, NONCE_LEN);
}

/* The nth msg 2/4 the supplicant sent. */
static const struct hb_frame *nth_m2(const struct hb *h, size_t n)
{
	for (size_t i = 0; i < h->sta.nsent; i++) {
		struct eapol_key k;

		ck_assert_int_eq(eapol_key_parse(h->sta.sent[i].data, h->sta.sent[i].len,
						 &k, NULL), 0);
		if (eapol_key_classify(&k) == EAPOL_MSG_PTK_2 && n-- == 0)
			return &h->sta.sent[i];
	}
	ck_abort_msg("no such msg 2/4");
	return NULL;
}

/* A PTK rekey is a new handshake: a fresh SNonce (12.7.6.3). A resent
 * msg 1/4 within one handshake is answered with the same SNonce. */
START_TEST(test_fresh_snonce_per_handshake)
{
	struct hb *h = connected(2, C, IE_PROTO_RSN);
	uint8_t n0[NONCE_LEN], n1[NONCE_LEN], n2[NONCE_LEN];

	snonce_of(nth_m2(h, 0), n0);
	h->sta.hold = true;		/* the 2/4 is "lost": 1/4 is resent */
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 150);
	h->sta.nq = 0;
	h->sta.hold = false;
	hb_advance(h, 1000);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 2);
	snonce_of(nth_m2(h, 1), n1);
	snonce_of(nth_m2(h, 2), n2);
	ck_assert_int_ne(memcmp(n0, n1, NONCE_LEN), 0);
	ck_assert_mem_eq(n1, n2, NONCE_LEN);
	hb_free(h);
}
END_TEST

/* hs_supp_report_michael_failure() builds a Request the authenticator
 * accepts and reports (HS_EV_RX with request set); key_info per 12.7.2. */
START_TEST(test_michael_report_accepted)
{
	struct hb *h = connected(2, T, IE_PROTO_RSN);
	struct hb_frame f, replay;
	const struct hb_ev *e = NULL;
	uint16_t ki;
	size_t n = 0;

	ck_assert_int_eq(hs_supp_report_michael_failure(h->s, true), 0);
	ck_assert_uint_eq(h->sta.nq, 1);
	f = h->sta.q[0];
	replay = f;
	ki = hb_key_info(&f);
	ck_assert_uint_eq(ki, KEY_INFO_REQUEST | KEY_INFO_ERROR | KEY_INFO_SECURE |
			  KEY_INFO_MIC | KEY_INFO_TYPE_PAIRWISE | KEY_DESC_VER_HMAC_MD5_RC4);
	hb_pump(h);
	for (size_t i = 0; i < h->ap.nev; i++) {
		if (h->ap.ev[i].request != HS_REQ_NONE) {
			e = &h->ap.ev[i];
			n++;
		}
	}
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(e->type, HS_EV_RX);
	ck_assert_int_eq(e->request, HS_REQ_MICHAEL_PAIRWISE);
	/* replayed: refused; a new one (group) with a higher counter: accepted */
	ck_assert_int_eq(hs_auth_rx(h->a, replay.data, replay.len), 0);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_REPLAY), 1);
	ck_assert_int_eq(hs_supp_report_michael_failure(h->s, false), 0);
	ck_assert_uint_eq(hb_key_info(&h->sta.q[0]) & KEY_INFO_TYPE_PAIRWISE, 0);
	hb_pump(h);
	ck_assert_int_eq(h->ap.ev[h->ap.nev - 1].request, HS_REQ_MICHAEL_GROUP);
	/* a bad MIC: dropped, not reported */
	ck_assert_int_eq(hs_supp_report_michael_failure(h->s, false), 0);
	h->sta.q[0].data[EAPOL_KEY_OFF_MIC] ^= 1;
	n = h->ap.nev;
	hb_pump(h);
	for (size_t i = n; i < h->ap.nev; i++)
		ck_assert_int_eq(h->ap.ev[i].request, HS_REQ_NONE);
	ck_assert_uint_eq(count_msg(&h->ap, HS_EV_DROPPED, EAPOL_MSG_REQUEST), 1);
	hb_free(h);
}
END_TEST

/* Without a confirmed PTK there is nothing to protect a report with. */
START_TEST(test_michael_report_needs_ptk)
{
	struct hb *h = hb_new();

	hb_config(h, 2, T, IE_PROTO_RSN, T);
	hb_create(h);
	ck_assert_int_eq(hs_supp_report_michael_failure(h->s, true), -ENOTCONN);
	ck_assert_uint_eq(h->sta.nq, 0);
	hb_free(h);
}
END_TEST

/* Spoofed msgs 2/4 for a pending msg 1/4: HS_DIAG_BURST full diagnoses,
 * then "invalid MIC" with rate_limited and no diagnosis, one more after
 * HS_DIAG_INTERVAL_US on the fake clock. */
START_TEST(test_diag_rate_limited)
{
	struct hb *h = hb_new();
	struct hb_frame m2;
	const struct hb_ev *last;

	hb_config(h, 2, C, IE_PROTO_RSN, C);
	h->scfg.pmk[0] ^= 1;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);		/* the STA's own 2/4: diagnosis 1 */
	m2 = h->sta.sent[0];
	for (int i = 1; i < HS_DIAG_BURST + 3; i++)
		ck_assert_int_eq(hs_auth_rx(h->a, m2.data, m2.len), 0);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), HS_DIAG_BURST + 3);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DIAGNOSIS), HS_DIAG_BURST);
	last = &h->ap.ev[h->ap.nev - 1];
	ck_assert_int_eq(last->type, HS_EV_MIC_FAILURE);
	ck_assert(last->rate_limited);
	/* the clock moves on (no timer runs: 1/4 is still pending) */
	h->now += HS_DIAG_INTERVAL_US - 1;
	ck_assert_int_eq(hs_auth_rx(h->a, m2.data, m2.len), 0);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DIAGNOSIS), HS_DIAG_BURST);
	h->now += 1;
	ck_assert_int_eq(hs_auth_rx(h->a, m2.data, m2.len), 0);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DIAGNOSIS), HS_DIAG_BURST + 1);
	ck_assert(!h->ap.ev[h->ap.nev - 2].rate_limited);
	ck_assert_int_eq(hs_auth_rx(h->a, m2.data, m2.len), 0);
	ck_assert(h->ap.ev[h->ap.nev - 1].rate_limited);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DIAGNOSIS), HS_DIAG_BURST + 1);
	hb_free(h);
}
END_TEST

static Suite *rekey_suite(void)
{
	Suite *s = suite_create("hs_rekey");
	TCase *tc = tcase_create("rekey");

	tcase_add_loop_test(tc, test_stray_m1_keeps_group_updates, 0, 2);
	tcase_add_test(tc, test_fresh_snonce_per_handshake);
	tcase_add_test(tc, test_michael_report_accepted);
	tcase_add_test(tc, test_michael_report_needs_ptk);
	tcase_add_test(tc, test_diag_rate_limited);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(rekey_suite)
