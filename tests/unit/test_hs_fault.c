// SPDX-License-Identifier: MIT
/* test_hs_fault.c: common/hs_fault.c, the one owner of the handshake
 * faults: which side takes which fault, counts that disarm, faults the
 * caller changes at run time (per station and for the group), the
 * authenticator's faults on received messages, frames held back, and one
 * HS_EV_FAULT naming the fault for each firing. */
#include <errno.h>
#include <string.h>

#include "test_hs_harness.h"
#include "unit.h"

#define C WPA_CIPHER_CCMP
#define T WPA_CIPHER_TKIP

static struct hb *setup(unsigned int wpa, uint32_t cipher, enum ie_proto p)
{
	struct hb *h = hb_new();

	hb_config(h, wpa, cipher, p, cipher);
	return h;
}

/* HS_EV_FAULT events of side s for fault k on message m. */
static size_t n_fault(const struct hb_side *s, enum hs_fault_kind k, enum eapol_msg m)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nev; i++)
		n += s->ev[i].type == HS_EV_FAULT && s->ev[i].fault == k && s->ev[i].msg == m;
	return n;
}

static int apply(struct hs_faults *f, enum hs_role r, const char *spec)
{
	char err[300];

	return hs_fault_apply(f, r, spec, err, sizeof(err));
}

/* Each fault is taken by the side(s) it belongs to and refused by the
 * other with the list of that side's faults. */
START_TEST(faults_belong_to_their_side)
{
	static const char *const ap_only[] = { "anonce-per-resend", "resend-m3",
					       "gtk-wrong-keyidx" };
	static const char *const sta_only[] = { "stale-aa", "wrong-psk", "stale-anonce",
						"snonce-change", "desc-version-mismatch",
						"msg2-to-old-ap", "ignore-deauth",
						"reinstall-on-m3-resend" };
	struct hs_faults f;
	char err[300];

	for (size_t i = 0; i < sizeof(ap_only) / sizeof(ap_only[0]); i++) {
		memset(&f, 0, sizeof(f));
		ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, ap_only[i]), 0);
		ck_assert(hs_faults_any(&f));
		ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_SUPPLICANT, ap_only[i], err,
						sizeof(err)), -EINVAL);
		ck_assert_msg(strstr(err, "unknown fault") && strstr(err, "known: stale-aa") &&
			      !strstr(strstr(err, "known:"), ap_only[i]), "%s", err);
	}
	for (size_t i = 0; i < sizeof(sta_only) / sizeof(sta_only[0]); i++) {
		memset(&f, 0, sizeof(f));
		ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, sta_only[i]), 0);
		ck_assert(hs_faults_any(&f));
		ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, sta_only[i], err,
						sizeof(err)), -EINVAL);
		ck_assert_msg(strstr(err, "unknown fault") && strstr(err, "resend-m3") &&
			      !strstr(strstr(err, "known:"), sta_only[i]), "%s", err);
	}
	/* the per-message faults on both sides, each with its own messages */
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "drop-msg 2"), 0);	/* received */
	ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, "drop-msg 2"), 0);	/* sent */
	ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, "drop-msg 3"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "delay-msg 2 10"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, "delay-msg 2 10 3"), 0);
	ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, "corrupt-mic 4"), 0);
	ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, "corrupt-mic g1"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "drop-msg 9"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "drop-msg 1 0"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "drop-msg 1 x"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "drop-msg 1 2 3"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "clear nope"), -EINVAL);
	ck_assert_int_eq(apply(&f, HS_ROLE_AUTHENTICATOR, "clear drop-msg"), 0);
	ck_assert(!f.drop[EAPOL_MSG_PTK_2].on);
	ck_assert(f.delay[EAPOL_MSG_PTK_2].on);
	/* help for each side names its faults only */
	ck_assert_ptr_nonnull(strstr(hs_fault_help(HS_ROLE_SUPPLICANT), "AP log:"));
	ck_assert_ptr_null(strstr(hs_fault_help(HS_ROLE_SUPPLICANT), "resend-m3"));
	ck_assert_ptr_nonnull(strstr(hs_fault_help(HS_ROLE_AUTHENTICATOR), "resend-m3"));
	ck_assert_ptr_null(strstr(hs_fault_help(HS_ROLE_AUTHENTICATOR), "stale-aa"));
	for (int k = 0; k < HS_FAULT_KIND_COUNT; k++)
		ck_assert_str_ne(hs_fault_name((enum hs_fault_kind)k), "?");
}
END_TEST

/* A count is consumed by firings and the fault is off when it runs out;
 * without a count it fires every time. */
START_TEST(count_disarms)
{
	struct hs_faults f;
	char buf[128];
	uint32_t ms = 0;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, "delay-msg 4 25 2"), 0);
	ck_assert_str_eq(hs_fault_list(&f, buf, sizeof(buf)), "delay-msg=4:25:2x");
	ck_assert(!hs_fault_take_msg(&f, HS_FAULT_DELAY_MSG, EAPOL_MSG_PTK_2, &ms));
	ck_assert(hs_fault_take_msg(&f, HS_FAULT_DELAY_MSG, EAPOL_MSG_PTK_4, &ms));
	ck_assert_uint_eq(ms, 25);
	ck_assert_str_eq(hs_fault_list(&f, buf, sizeof(buf)), "delay-msg=4:25:1x");
	ck_assert(hs_fault_take_msg(&f, HS_FAULT_DELAY_MSG, EAPOL_MSG_PTK_4, &ms));
	ck_assert(!hs_fault_take_msg(&f, HS_FAULT_DELAY_MSG, EAPOL_MSG_PTK_4, &ms));
	ck_assert(!hs_faults_any(&f));
	ck_assert_str_eq(hs_fault_list(&f, buf, sizeof(buf)), "none");

	ck_assert_int_eq(apply(&f, HS_ROLE_SUPPLICANT, "drop-msg g2"), 0);
	for (int i = 0; i < 100; i++)
		ck_assert(hs_fault_take_msg(&f, HS_FAULT_DROP_MSG, EAPOL_MSG_GROUP_2, NULL));
	ck_assert(hs_fault_armed(&f, HS_FAULT_DROP_MSG));
}
END_TEST

/* The authenticator reads the caller's faults: arming "drop-msg 3 1" in the
 * middle of a handshake drops the very next 3/4 (one HS_EV_FAULT naming
 * it), the resend gets through, and the fault is used up. */
START_TEST(caller_faults_change_at_run_time)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN);
	struct hs_faults shared;

	memset(&shared, 0, sizeof(shared));
	hb_create(h);
	hs_auth_use_faults(h->a, &shared);
	h->sta.hold = true;			/* 2/4 waits */
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 10);
	ck_assert_int_eq(apply(&shared, HS_ROLE_AUTHENTICATOR, "drop-msg 3 1"), 0);
	h->sta.hold = false;
	hb_advance(h, 10);
	ck_assert_uint_eq(n_fault(&h->ap, HS_FAULT_DROP_MSG, EAPOL_MSG_PTK_3), 1);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_FAULT), 1);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITNEGOTIATING);
	ck_assert(!hs_faults_any(&shared));
	hb_advance(h, 2000);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	hb_free(h);
}
END_TEST

/* Group faults can be switched at run time too: gtk-wrong-keyidx armed on
 * the group's faults after the first handshake makes the next rekey
 * announce the other index (one HS_EV_FAULT per announcement). */
START_TEST(group_fault_at_run_time)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN);
	struct hs_faults group_faults;
	const struct hb_key *k;

	memset(&group_faults, 0, sizeof(group_faults));
	hb_create(h);
	hs_group_use_faults(h->g, &group_faults);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 100);
	k = hb_last_key(&h->sta, HS_KEY_GTK);
	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(k->idx, hs_group_key_idx(h->g));
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_FAULT), 0);

	ck_assert_int_eq(apply(&group_faults, HS_ROLE_AUTHENTICATOR, "gtk-wrong-keyidx"), 0);
	ck_assert_int_eq(hs_group_rekey(h->g), 0);
	hb_advance(h, 100);
	k = hb_last_key(&h->sta, HS_KEY_GTK);
	ck_assert_uint_ne(k->idx, hs_group_key_idx(h->g));
	ck_assert_uint_eq(n_fault(&h->ap, HS_FAULT_GTK_WRONG_KEYIDX, EAPOL_MSG_GROUP_1), 1);
	hb_free(h);
}
END_TEST

/* The authenticator's faults on what it receives: a dropped 2/4 is as if
 * lost (1/4 is resent), a corrupted 4/4 fails its MIC check (3/4 is
 * resent); both with counts of one, so the handshake completes. */
START_TEST(auth_rx_faults)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN);

	ck_assert_int_eq(apply(&h->acfg.faults, HS_ROLE_AUTHENTICATOR, "drop-msg 2 1"), 0);
	ck_assert_int_eq(apply(&h->acfg.faults, HS_ROLE_AUTHENTICATOR, "corrupt-mic 4 1"), 0);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 5000);
	ck_assert_uint_eq(n_fault(&h->ap, HS_FAULT_DROP_MSG, EAPOL_MSG_PTK_2), 1);
	ck_assert_uint_eq(n_fault(&h->ap, HS_FAULT_CORRUPT_MIC, EAPOL_MSG_PTK_4), 1);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_FAULT), 2);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), 1);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	/* 1/4 twice (the first 2/4 was dropped), 3/4 twice (the first 4/4
	 * failed its MIC) */
	ck_assert_uint_eq(h->ap.nsent, 4);
	hb_free(h);
}
END_TEST

/* "drop-msg 1 2": exactly two firings, each one event naming the fault
 * and the message; the third 1/4 goes out. */
START_TEST(one_event_per_firing)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN);
	uint64_t t0;

	ck_assert_int_eq(apply(&h->acfg.faults, HS_ROLE_AUTHENTICATOR, "drop-msg 1 2"), 0);
	hb_create(h);
	t0 = h->now;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 5000);
	ck_assert_uint_eq(n_fault(&h->ap, HS_FAULT_DROP_MSG, EAPOL_MSG_PTK_1), 2);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_FAULT), 2);
	/* 1/4 at +0 and +100 ms dropped; the one at +1100 ms answered */
	ck_assert_uint_eq(h->ap.sent[0].t_us - t0, 1100000);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	hb_free(h);
}
END_TEST

/* delay-msg holds every frame it hits, each for its own time: the first
 * 1/4 and its resend 100 ms later both arrive 300 ms after they were sent
 * (none replaces another). */
START_TEST(delay_holds_each_frame)
{
	struct hb *h = setup(2, C, IE_PROTO_RSN);
	uint64_t t0;

	ck_assert_int_eq(apply(&h->acfg.faults, HS_ROLE_AUTHENTICATOR, "delay-msg 1 300 2"), 0);
	hb_create(h);
	h->ap.hold = true;			/* count what arrives, no replies */
	t0 = h->now;
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 450);
	ck_assert_uint_eq(h->ap.nsent, 2);
	ck_assert_uint_eq(h->ap.sent[0].t_us - t0, 300000);
	ck_assert_uint_eq(h->ap.sent[1].t_us - t0, 400000);
	ck_assert_uint_eq(n_fault(&h->ap, HS_FAULT_DELAY_MSG, EAPOL_MSG_PTK_1), 2);
	ck_assert_uint_eq(h->ap.ev[0].delay_ms, 0);	/* only the fault events carry it */
	for (size_t i = 0; i < h->ap.nev; i++)
		if (h->ap.ev[i].type == HS_EV_FAULT)
			ck_assert_uint_eq(h->ap.ev[i].delay_ms, 300);
	hb_free(h);
}
END_TEST

/* The group msg 1/2 hold after a PTK install is a core timeout: with
 * g1_after_ptk_us, WPA1's group 1/2 goes that long after the PTK. */
START_TEST(group_msg_held_after_ptk)
{
	struct hb *h = setup(1, T, IE_PROTO_WPA);
	const struct hb_key *ptk;

	h->acfg.timeouts.g1_after_ptk_us = 2000;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 100);
	ck_assert_uint_eq(h->ap.nsent, 3);
	ptk = hb_last_key(&h->ap, HS_KEY_PTK);
	ck_assert_ptr_nonnull(ptk);
	ck_assert_uint_eq(h->ap.sent[2].t_us - ptk->t_us, 2000);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_FAULT), 0);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	hb_free(h);
}
END_TEST

static Suite *hs_fault_suite(void)
{
	Suite *s = suite_create("hs_fault");
	TCase *tc = tcase_create("faults");

	tcase_add_test(tc, faults_belong_to_their_side);
	tcase_add_test(tc, count_disarms);
	tcase_add_test(tc, caller_faults_change_at_run_time);
	tcase_add_test(tc, group_fault_at_run_time);
	tcase_add_test(tc, auth_rx_faults);
	tcase_add_test(tc, one_event_per_firing);
	tcase_add_test(tc, delay_holds_each_frame);
	tcase_add_test(tc, group_msg_held_after_ptk);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(hs_fault_suite)
