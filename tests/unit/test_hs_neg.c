// SPDX-License-Identifier: MIT
/* test_hs_neg.c: negative cases of the handshakes, each checked for its
 * exact outcome: wrong PSK with retries/timeout/deauth, every diagnosis
 * cause, replay counters, retransmitted 3/4 and group 1/2 without key
 * reinstallation, 3/4 with another ANonce, IE mismatches, and truncated,
 * oversized and garbage frames at every length. */
#include "test_hs_harness.h"
#include "unit.h"

#define T WPA_CIPHER_TKIP
#define C WPA_CIPHER_CCMP

static struct hb *setup(unsigned int wpa, uint32_t appw, enum ie_proto p, uint32_t pw)
{
	struct hb *h = hb_new();

	hb_config(h, wpa, appw, p, pw);
	return h;
}

static const struct hb_ev *nth_ev(const struct hb_side *s, enum hs_event_type t,
				  size_t n)
{
	for (size_t i = 0; i < s->nev; i++)
		if (s->ev[i].type == t && n-- == 0)
			return &s->ev[i];
	return NULL;
}

/* wrong PSK: invalid MIC in 2/4 each time, 1/4 resent at +100 ms, +1100,
 * +2100, timeout at +3100 ms, deauth request with reason 15. */
START_TEST(test_wrong_psk_retries_timeout)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);
	uint64_t t0;
	const struct hb_ev *e;

	h->scfg.pmk[5] ^= 0x20;
	hb_create(h);
	t0 = h->now;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 10000);
	ck_assert_uint_eq(h->ap.nsent, 4);
	ck_assert_uint_eq(h->ap.sent[0].t_us - t0, 0);
	ck_assert_uint_eq(h->ap.sent[1].t_us - t0, 100000);
	ck_assert_uint_eq(h->ap.sent[2].t_us - t0, 1100000);
	ck_assert_uint_eq(h->ap.sent[3].t_us - t0, 2100000);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), 4);
	e = hb_find(&h->ap, HS_EV_MIC_FAILURE);
	ck_assert_ptr_nonnull(strstr(e->text,
				     "invalid MIC in msg 2/4 of 4-Way Handshake"));
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DIAGNOSIS), 4);
	ck_assert_str_eq(hb_find(&h->ap, HS_EV_DIAGNOSIS)->diag,
			 "diagnosis: no known cause");
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_RETRY), 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(nth_ev(&h->ap, HS_EV_RETRY, i)->attempt, i + 2);
	e = hb_find(&h->ap, HS_EV_TIMEOUT);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->t_us - t0, 3100000);
	ck_assert_ptr_nonnull(strstr(e->text, "EAPOL-Key timeout"));
	e = hb_find(&h->ap, HS_EV_DEAUTH_REQUEST);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->reason, 15);
	ck_assert_uint_eq(e->t_us - t0, 3100000);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_DISCONNECTED);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 0);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
	hb_free(h);
}
END_TEST

/* Configured timeouts are honoured. */
START_TEST(test_custom_timeouts)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);
	uint64_t t0;

	h->acfg.timeouts.pairwise_first_ms = 50;
	h->acfg.timeouts.pairwise_ms = 300;
	h->acfg.timeouts.pairwise_tries = 2;
	h->sta.hold = true;	/* the STA's answers never arrive */
	hb_create(h);
	t0 = h->now;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 5000);
	ck_assert_uint_eq(h->ap.nsent, 2);
	ck_assert_uint_eq(h->ap.sent[1].t_us - t0, 50000);
	ck_assert_uint_eq(hb_find(&h->ap, HS_EV_TIMEOUT)->t_us - t0, 350000);
	ck_assert_uint_eq(hb_find(&h->ap, HS_EV_DEAUTH_REQUEST)->reason, 15);
	hb_free(h);
}
END_TEST

static const char *first_diag(struct hb *h)
{
	const struct hb_ev *e = hb_find(&h->ap, HS_EV_DIAGNOSIS);

	ck_assert_ptr_nonnull(e);
	return e->diag;
}

START_TEST(test_diag_other_psk)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	h->scfg.pmk[0] ^= 1;
	memset(h->acfg.alt_pmk[0], 0x77, PMK_LEN);
	snprintf(h->acfg.alt_pmk_label[0], 32, "lab");
	memcpy(h->acfg.alt_pmk[1], h->scfg.pmk, PMK_LEN);
	snprintf(h->acfg.alt_pmk_label[1], 32, "guest");
	h->acfg.n_alt_pmk = 2;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DIAGNOSIS), 1);
	ck_assert_str_eq(first_diag(h), "diagnosis: STA used another configured PSK "
			 "(guest): its passphrase differs from this AP's");
	hb_free(h);
}
END_TEST

/* Reassociation to the same AP; the STA answers with the ANonce of the
 * previous handshake. */
START_TEST(test_diag_stale_anonce)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	h->scfg.faults.stale_anonce = true;
	ck_assert_int_eq(hs_supp_assoc(h->s, &h->scfg), 0);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), 1);
	ck_assert_str_eq(first_diag(h), "diagnosis: STA answered an earlier msg 1/4 "
			 "(stale ANonce, 1 back): its PTK uses an old ANonce");
	hb_free(h);
}
END_TEST

/* The AP's new_anonce_on_resend fault plus a late 2/4 to the first 1/4:
 * the reply is to a pending request but uses the old ANonce. */
START_TEST(test_diag_stale_anonce_resend)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	h->acfg.faults.new_anonce_on_resend = true;
	hb_create(h);
	h->sta.hold = true;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);			/* 1/4 -> STA, 2/4 held */
	h->ap.hold = true;
	hb_advance(h, 100);		/* 1/4 resent with a new ANonce, held */
	ck_assert_uint_eq(h->ap.nsent, 2);
	h->sta.hold = false;
	hb_pump(h);			/* the held 2/4 reaches the AP */
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), 1);
	ck_assert_str_eq(first_diag(h), "diagnosis: STA answered an earlier msg 1/4 "
			 "(stale ANonce, 1 back): its PTK uses an old ANonce");
	hb_free(h);
}
END_TEST

START_TEST(test_diag_desc_version)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	h->scfg.faults.desc_version_mismatch = true;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_str_eq(first_diag(h), "diagnosis: STA computed the MIC with "
			 "descriptor version 1 (HMAC-MD5) instead of 2 (HMAC-SHA1)");
	hb_free(h);
}
END_TEST

/* The seed bug: after a roam the STA keeps the old AP's address as AA. */
START_TEST(test_diag_stale_aa)
{
	struct hb *h = setup(1, T | C, IE_PROTO_WPA, C);

	memcpy(h->acfg.alt_bssid[0], (uint8_t[6]){ 2, 0, 0, 0, 3, 0 }, 6);
	memcpy(h->acfg.alt_bssid[1], hb_old_aa, 6);
	h->acfg.n_alt_bssid = 2;
	/* first associated with the old AP, then roams: hs_supp_assoc keeps
	 * the previous AA, which the stale_aa fault uses */
	memcpy(h->scfg.aa, hb_old_aa, 6);
	hb_create(h);
	memcpy(h->scfg.aa, hb_aa, 6);
	h->scfg.faults.stale_aa = true;
	ck_assert_int_eq(hs_supp_assoc(h->s, &h->scfg), 0);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_str_eq(first_diag(h), "diagnosis: STA derived the PTK with BSSID "
			 "02:00:00:00:01:00 (stale AA: it kept the previous AP's "
			 "address)");
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_4WAY_HANDSHAKE);
	hb_free(h);
}
END_TEST

START_TEST(test_diag_no_cause_with_lists)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	h->scfg.faults.wrong_psk = true;
	memcpy(h->acfg.alt_bssid[0], hb_old_aa, 6);
	h->acfg.n_alt_bssid = 1;
	memset(h->acfg.alt_pmk[0], 0x11, PMK_LEN);
	h->acfg.n_alt_pmk = 1;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_str_eq(first_diag(h), "diagnosis: no known cause");
	hb_free(h);
}
END_TEST

/* The authenticator accepts a reply to any still-pending request: a 2/4
 * answering the first 1/4 arrives after 1/4 was resent. */
START_TEST(test_reply_to_earlier_pending)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	hb_create(h);
	h->sta.hold = true;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);			/* 2/4 (counter 1) held */
	h->ap.hold = true;
	hb_advance(h, 100);		/* 1/4 (counter 2) resent, held */
	ck_assert_uint_eq(get_be64(h->ap.sent[1].data + EAPOL_KEY_OFF_REPLAY), 2);
	h->sta.hold = false;
	hb_pump(h);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITNEGOTIATING);
	/* the STA then drops the resent 1/4? no: it answers it with the same
	 * SNonce; the AP has moved on and rejects that 2/4 */
	h->ap.hold = false;
	hb_pump(h);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	ck_assert_mem_eq(hb_last_key(&h->ap, HS_KEY_PTK)->key,
			 hb_last_key(&h->sta, HS_KEY_PTK)->key, 16);
	hb_free(h);
}
END_TEST

/* A 2/4 whose replay counter matches no pending request. */
START_TEST(test_auth_unexpected_replay_counter)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);
	struct hb_frame f;

	hb_create(h);
	h->sta.hold = true;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert(hb_pop(&h->sta, &f));
	put_be64(f.data + EAPOL_KEY_OFF_REPLAY, 7);
	ck_assert_int_eq(hs_auth_rx(h->a, f.data, f.len), 0);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_REPLAY), 1);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), 0);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKSTART);
	/* a 4/4 replayed after completion is not accepted again */
	h->sta.hold = false;
	hs_auth_free(h->a);
	h->a = hs_auth_new(h->loop, h->g, &h->acfg, &hb_ops, &h->ap);
	hs_supp_assoc(h->s, NULL);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	f = h->sta.sent[h->sta.nsent - 1];
	ck_assert_int_eq(hs_auth_rx(h->a, f.data, f.len), 0);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 1);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_DROPPED), 1);
	hb_free(h);
}
END_TEST

/* The supplicant drops a replayed 3/4 (same counter) and a stale 1/4. */
START_TEST(test_supp_replayed_counter)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);
	struct hb_frame m1, m3;
	size_t sent;

	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	m1 = h->ap.sent[0];
	m3 = h->ap.sent[1];
	sent = h->sta.nsent;
	ck_assert_int_eq(hs_supp_rx(h->s, m3.data, m3.len), 0);
	ck_assert_int_eq(hs_supp_rx(h->s, m1.data, m1.len), 0);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_REPLAY), 2);
	ck_assert_ptr_nonnull(strstr(hb_find(&h->sta, HS_EV_REPLAY)->text,
				     "Replay Counter did not increase"));
	ck_assert_uint_eq(h->sta.nsent, sent);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_REINSTALL_BLOCKED), 0);
	hb_free(h);
}
END_TEST

/* 4/4 lost: the AP resends 3/4 (new counter) after 100 ms; the STA answers
 * but does not reinstall the PTK or GTK. */
START_TEST(test_m3_resend_no_reinstall)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);
	uint64_t t0;

	hs_fault_arm_msg(&h->scfg.faults, HS_FAULT_DROP_MSG, EAPOL_MSG_PTK_4, 1, 0);
	hb_create(h);
	t0 = h->now;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 50);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITNEGOTIATING);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	hb_advance(h, 100);
	ck_assert_uint_eq(h->ap.nsent, 3);
	ck_assert_uint_eq(h->ap.sent[2].t_us - t0, 100000);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_REINSTALL_BLOCKED), 2);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_PAIRWISE_DONE), 1);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 1);
	hb_free(h);
}
END_TEST

/* The same with the KRACK-vulnerable fault: the STA reinstalls. */
START_TEST(test_m3_resend_reinstall_fault)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	h->scfg.faults.reinstall_on_m3_resend = true;
	h->acfg.faults.resend_m3 = true;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(h->ap.nsent, 3);	/* 1/4, 3/4, 3/4 again */
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 2);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_FAULT), 1);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	hb_free(h);
}
END_TEST

/* WPA1: group 2/2 lost once; group 1/2 resent after 500 ms; no GTK
 * reinstall at the STA. */
START_TEST(test_group_resend_no_reinstall)
{
	struct hb *h = setup(1, T, IE_PROTO_WPA, T);
	uint64_t t0;

	hs_fault_arm_msg(&h->scfg.faults, HS_FAULT_DROP_MSG, EAPOL_MSG_GROUP_2, 1, 0);
	hb_create(h);
	t0 = h->now;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 400);
	ck_assert_int_eq(hs_auth_gstate(h->a), HS_AUTH_G_REKEYNEGOTIATING);
	hb_advance(h, 200);
	ck_assert_uint_eq(h->ap.nsent, 4);
	ck_assert_uint_eq(h->ap.sent[3].t_us - t0, 500000);
	ck_assert_int_eq(hs_auth_gstate(h->a), HS_AUTH_G_REKEYESTABLISHED);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_REINSTALL_BLOCKED), 1);
	hb_free(h);
}
END_TEST

/* Group handshake never answered: resends at 500 ms then 1000 ms, then
 * timeout and deauth with reason 16. */
START_TEST(test_group_timeout)
{
	struct hb *h = setup(1, T, IE_PROTO_WPA, T);
	uint64_t t0;

	hs_fault_arm_msg(&h->scfg.faults, HS_FAULT_DROP_MSG, EAPOL_MSG_GROUP_2, 0, 0);
	hb_create(h);
	t0 = h->now;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 10000);
	ck_assert_uint_eq(h->ap.nsent, 2 + 4);
	ck_assert_uint_eq(h->ap.sent[3].t_us - t0, 500000);
	ck_assert_uint_eq(h->ap.sent[4].t_us - t0, 1500000);
	ck_assert_uint_eq(h->ap.sent[5].t_us - t0, 2500000);
	ck_assert_uint_eq(hb_find(&h->ap, HS_EV_DEAUTH_REQUEST)->reason, 16);
	ck_assert_uint_eq(hb_find(&h->ap, HS_EV_DEAUTH_REQUEST)->t_us - t0, 3500000);
	ck_assert_int_eq(hs_auth_gstate(h->a), HS_AUTH_G_KEYERROR);
	hb_free(h);
}
END_TEST

/* 3/4 whose ANonce differs from 1/4: the STA rejects it. */
START_TEST(test_m3_different_anonce)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);
	struct hb_frame m3;
	const struct hb_ev *e;

	hb_create(h);
	h->ap.hold = true;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	ck_assert(hb_pop(&h->ap, &m3));
	ck_assert_int_eq(hs_supp_rx(h->s, m3.data, m3.len), 0);	/* 1/4 */
	hb_pump(h);	/* 2/4 -> AP, 3/4 queued */
	ck_assert(hb_pop(&h->ap, &m3));
	m3.data[EAPOL_KEY_OFF_NONCE + 3] ^= 0x40;
	ck_assert_int_eq(hs_supp_rx(h->s, m3.data, m3.len), 0);
	e = hb_find(&h->sta, HS_EV_DROPPED);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(strstr(e->text, "ANonce from message 1 of 4-Way "
				     "Handshake differs from 3 of 4-Way Handshake"));
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
	ck_assert_uint_eq(h->sta.nsent, 1);
	hb_free(h);
}
END_TEST

/* The STA's element in 2/4 differs from its (Re)AssocReq element. */
START_TEST(test_ie_mismatch_m2)
{
	struct hb *h = setup(2, T | C, IE_PROTO_RSN, C);
	const struct hb_ev *e;

	/* the AP saw an element offering RSN caps 0x000c at association */
	h->acfg.peer_ie[h->acfg.peer_ie_len - 2] = 0x0c;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	e = hb_find(&h->ap, HS_EV_IE_MISMATCH);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(strstr(e->text, "did not match with msg 2/4"));
	ck_assert_ptr_nonnull(strstr(e->text, "RSN capabilities differ"));
	ck_assert_uint_eq(hb_find(&h->ap, HS_EV_DEAUTH_REQUEST)->reason, 17);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_DISCONNECTED);
	ck_assert_uint_eq(h->ap.nsent, 1);
	hb_free(h);
}
END_TEST

/* The AP's element in 3/4 differs from the Beacon's. */
START_TEST(test_ie_mismatch_m3)
{
	struct hb *h = setup(3, T | C, IE_PROTO_WPA, T);

	h->scfg.peer_ie[h->scfg.peer_ie_len - 1] ^= 0x01;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_IE_MISMATCH), 1);
	ck_assert_uint_eq(hb_find(&h->sta, HS_EV_DEAUTH_REQUEST)->reason, 17);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_DISCONNECTED);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
	hb_free(h);
}
END_TEST

/* A corrupted MIC in 3/4 (AP fault): rejected by the STA. */
START_TEST(test_corrupt_m3_mic)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	hs_fault_arm_msg(&h->acfg.faults, HS_FAULT_CORRUPT_MIC, EAPOL_MSG_PTK_3, 0, 0);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 20000);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_MIC_FAILURE), 4);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_FAULT), 4);	/* one per firing */
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
	ck_assert_uint_eq(hb_find(&h->ap, HS_EV_DEAUTH_REQUEST)->reason, 15);
	hb_free(h);
}
END_TEST

/* A corrupt fault with a count stops once used up: the first 3/4 fails
 * its MIC check, the resend gets through and the handshake completes. */
START_TEST(test_corrupt_m3_mic_count_disarms)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	hs_fault_arm_msg(&h->acfg.faults, HS_FAULT_CORRUPT_MIC, EAPOL_MSG_PTK_3, 1, 0);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 20000);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_MIC_FAILURE), 1);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_FAULT), 1);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	ck_assert_ptr_null(hb_find(&h->ap, HS_EV_DEAUTH_REQUEST));
	hb_free(h);
}
END_TEST

/* A delayed 2/4 (STA fault) still completes within the retry window. */
START_TEST(test_delay_m2)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	hs_fault_arm_msg(&h->scfg.faults, HS_FAULT_DELAY_MSG, EAPOL_MSG_PTK_2, 1, 50);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 40);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKSTART);
	hb_advance(h, 20);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	ck_assert_uint_eq(h->ap.nsent, 2);
	hb_free(h);
}
END_TEST

/* wrong_gtk_keyidx on the AP: the STA installs the GTK under another
 * index than the AP transmits with. */
START_TEST(test_wrong_gtk_keyidx)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);

	h->acfg.faults.wrong_gtk_keyidx = true;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(hb_last_key(&h->sta, HS_KEY_GTK)->idx, 2);
	ck_assert_uint_eq(hb_last_key(&h->ap, HS_KEY_GTK)->idx, 1);
	hb_free(h);
}
END_TEST

/* Every prefix of each real frame, plus oversized and garbage variants,
 * fed to a fresh peer: no crash, no answer, no key, no state change
 * (except that trailing bytes beyond the EAPOL body are ignored). */
START_TEST(test_truncated_garbage_every_length)
{
	struct hb *ref = setup(1 + (unsigned int)(_i & 1), T | C,
			       (_i & 1) ? IE_PROTO_RSN : IE_PROTO_WPA, C);
	struct hb_frame frames[6];
	size_t nf = 0;

	hb_create(ref);
	ck_assert_int_eq(hs_auth_start(ref->a, NULL), 0);
	hb_pump(ref);
	for (size_t i = 0; i < ref->ap.nsent; i++)
		frames[nf++] = ref->ap.sent[i];
	for (size_t i = 0; i < ref->sta.nsent; i++)
		frames[nf++] = ref->sta.sent[i];

	for (size_t fi = 0; fi < nf; fi++) {
		const struct hb_frame *f = &frames[fi];

		for (size_t len = 0; len <= f->len + 8; len++) {
			struct hb *h = setup(1 + (unsigned int)(_i & 1), T | C,
					     (_i & 1) ? IE_PROTO_RSN : IE_PROTO_WPA, C);
			uint8_t buf[EAPOL_KEY_FRAME_MAX + 16];

			h->ap.rng = ref->ap.rng;
			memcpy(buf, f->data, len < f->len ? len : f->len);
			for (size_t j = f->len; j < len; j++)
				buf[j] = (uint8_t)(0xa5 ^ j);
			hb_create(h);
			ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
			h->ap.nq = 0;
			ck_assert_int_eq(hs_supp_rx(h->s, buf, len), 0);
			ck_assert_int_eq(hs_auth_rx(h->a, buf, len), 0);
			if (len < f->len) {
				ck_assert_uint_eq(h->sta.nsent, 0);
				ck_assert_uint_eq(h->ap.nsent, 1);
			}
			ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
			ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 0);
			hb_free(h);
		}
	}
	hb_free(ref);
}
END_TEST

/* Pseudo-random garbage with a valid EAPOL-Key header, and every single
 * bit flip of a real 3/4: never accepted. */
START_TEST(test_garbage_and_bitflips)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN, C);
	struct hb_frame m3;
	uint64_t r = 42;

	hb_create(h);
	h->ap.hold = true;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	ck_assert(hb_pop(&h->ap, &m3));
	ck_assert_int_eq(hs_supp_rx(h->s, m3.data, m3.len), 0);
	h->ap.hold = false;
	h->ap.hold = true;
	hb_pump(h);
	ck_assert(hb_pop(&h->ap, &m3));
	for (size_t bit = 0; bit < m3.len * 8; bit++) {
		uint8_t buf[EAPOL_KEY_FRAME_MAX];

		memcpy(buf, m3.data, m3.len);
		buf[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		ck_assert_int_eq(hs_supp_rx(h->s, buf, m3.len), 0);
	}
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
	/* clearing the MIC bit turns 3/4 into a 1/4, which is answered
	 * (1/4 is not authenticated); nothing else is */
	for (size_t i = 0; i < h->sta.nsent && i < HB_MAXQ; i++) {
		struct eapol_key k;

		ck_assert_int_eq(eapol_key_parse(h->sta.sent[i].data,
						 h->sta.sent[i].len, &k, NULL), 0);
		ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_PTK_2);
	}
	for (int n = 0; n < 2000; n++) {
		uint8_t buf[300];
		size_t len = (size_t)(r % sizeof(buf));

		for (size_t j = 0; j < len; j++) {
			r ^= r << 13;
			r ^= r >> 7;
			r ^= r << 17;
			buf[j] = (uint8_t)r;
		}
		if (len > 5) {
			buf[1] = EAPOL_TYPE_KEY;
			buf[4] = (n & 1) ? EAPOL_DESC_RSN : EAPOL_DESC_WPA;
		}
		ck_assert_int_eq(hs_supp_rx(h->s, buf, len), 0);
		ck_assert_int_eq(hs_auth_rx(h->a, buf, len), 0);
	}
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 0);
	/* the genuine 3/4 still works afterwards */
	ck_assert_int_eq(hs_supp_rx(h->s, m3.data, m3.len), 0);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	hb_free(h);
}
END_TEST

static Suite *neg_suite(void)
{
	Suite *s = suite_create("hs_neg");
	TCase *tc = tcase_create("neg");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_wrong_psk_retries_timeout);
	tcase_add_test(tc, test_custom_timeouts);
	tcase_add_test(tc, test_diag_other_psk);
	tcase_add_test(tc, test_diag_stale_anonce);
	tcase_add_test(tc, test_diag_stale_anonce_resend);
	tcase_add_test(tc, test_diag_desc_version);
	tcase_add_test(tc, test_diag_stale_aa);
	tcase_add_test(tc, test_diag_no_cause_with_lists);
	tcase_add_test(tc, test_reply_to_earlier_pending);
	tcase_add_test(tc, test_auth_unexpected_replay_counter);
	tcase_add_test(tc, test_supp_replayed_counter);
	tcase_add_test(tc, test_m3_resend_no_reinstall);
	tcase_add_test(tc, test_m3_resend_reinstall_fault);
	tcase_add_test(tc, test_group_resend_no_reinstall);
	tcase_add_test(tc, test_group_timeout);
	tcase_add_test(tc, test_m3_different_anonce);
	tcase_add_test(tc, test_ie_mismatch_m2);
	tcase_add_test(tc, test_ie_mismatch_m3);
	tcase_add_test(tc, test_corrupt_m3_mic);
	tcase_add_test(tc, test_corrupt_m3_mic_count_disarms);
	tcase_add_test(tc, test_delay_m2);
	tcase_add_test(tc, test_wrong_gtk_keyidx);
	tcase_add_loop_test(tc, test_truncated_garbage_every_length, 0, 2);
	tcase_add_test(tc, test_garbage_and_bitflips);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(neg_suite)
