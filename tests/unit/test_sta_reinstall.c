// SPDX-License-Identifier: MIT
/* test_sta_reinstall: the station's reinstall-on-m3-resend fault, armed
 * through the fault parser (common/hs_fault.c), against the authenticator of
 * common/handshake in one process (tests/unit/test_hs_harness.h).
 *
 * A retransmitted msg 3/4 (a new replay counter, the same ANonce: 12.7.6.4)
 * must be answered with msg 4/4 again, but the PTK already in use must not
 * be installed a second time (12.7.6.4 NOTE: a reinstall resets the
 * transmit packet number / TSC, the key reinstallation attack). With the
 * fault armed the supplicant installs it again, with the same TK and a zero
 * sequence. Two ways to a resent 3/4: the first msg 4/4 is lost
 * (drop-msg 4 1, the AP resends 3/4 on its timer), or the AP sends 3/4
 * twice (its resend-m3 fault). A verbatim replay of 3/4 (same replay
 * counter) is dropped by the replay check with or without the fault.
 * For WPA1/TKIP (descriptor 254, the group handshake follows) and
 * RSN/CCMP. */
#include "test_hs_harness.h"
#include "unit.h"
#include "hs_fault.h"

struct variant {
	unsigned int wpa;
	enum ie_proto proto;
	uint32_t cipher;
};

static const struct variant variants[] = {
	{ 1, IE_PROTO_WPA, WPA_CIPHER_TKIP },
	{ 2, IE_PROTO_RSN, WPA_CIPHER_CCMP },
};

enum resend_way {
	RESEND_M4_LOST,		/* STA drop-msg 4 1: the AP resends 3/4 */
	RESEND_AP_TWICE,	/* AP resend_m3: 3/4 twice at once */
};

static void arm(struct hs_faults *sf, const char *name, int argc, const char *a0,
		const char *a1)
{
	char args[2][128], err[256];

	snprintf(args[0], sizeof(args[0]), "%s", a0 ? a0 : "");
	snprintf(args[1], sizeof(args[1]), "%s", a1 ? a1 : "");
	ck_assert_msg(test_sta_fault_set(sf, name, argc, args, err, sizeof(err)) == 0,
		      "fault %s: %s", name, err);
}

static size_t count_sent(const struct hb_side *s, enum eapol_msg m)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nsent; i++) {
		struct eapol_key k;
		const char *why;

		ck_assert_int_eq(eapol_key_parse(s->sent[i].data, s->sent[i].len, &k,
						 &why), 0);
		n += eapol_key_classify(&k) == m;
	}
	return n;
}

static const struct hb_frame *first_sent(const struct hb_side *s, enum eapol_msg m)
{
	for (size_t i = 0; i < s->nsent; i++) {
		struct eapol_key k;
		const char *why;

		ck_assert_int_eq(eapol_key_parse(s->sent[i].data, s->sent[i].len, &k,
						 &why), 0);
		if (eapol_key_classify(&k) == m)
			return &s->sent[i];
	}
	return NULL;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* One handshake with a resent 3/4; the fault on or off. Returns the
 * harness (the caller frees it). */
static struct hb *run(const struct variant *v, enum resend_way way, bool fault)
{
	struct hb *h = hb_new();
	struct hs_faults sf;
	char list[128];

	memset(&sf, 0, sizeof(sf));
	if (fault)
		arm(&sf, "reinstall-on-m3-resend", 0, NULL, NULL);
	if (way == RESEND_M4_LOST)
		arm(&sf, "drop-msg", 2, "4", "1");
	ck_assert_str_eq(hs_fault_list(&sf, list, sizeof(list)),
			 fault ? (way == RESEND_M4_LOST ? "reinstall-on-m3-resend,drop-msg=4:1x" :
							  "reinstall-on-m3-resend") :
				 (way == RESEND_M4_LOST ? "drop-msg=4:1x" : "none"));
	hb_config(h, v->wpa, v->cipher, v->proto, v->cipher);
	h->scfg.faults = sf;
	h->acfg.faults.resend_m3 = way == RESEND_AP_TWICE;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 5000);
	return h;
}

/* Both runs: the AP sent 3/4 twice (two replay counters), the STA answered
 * each that reached it, the handshake completed on both sides. */
static void assert_common(const struct hb *h, const struct variant *v,
			  enum resend_way way)
{
	ck_assert_uint_eq(count_sent(&h->ap, EAPOL_MSG_PTK_1), 1);
	ck_assert_uint_eq(count_sent(&h->ap, EAPOL_MSG_PTK_3), 2);
	/* the first 4/4 is dropped before it is sent when it is "lost" */
	ck_assert_uint_eq(count_sent(&h->sta, EAPOL_MSG_PTK_4),
			  way == RESEND_M4_LOST ? 1 : 2);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 1);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_PAIRWISE_DONE), 1);
	if (v->proto == IE_PROTO_WPA) {
		ck_assert_int_eq(hs_auth_gstate(h->a), HS_AUTH_G_REKEYESTABLISHED);
		ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	}
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), 0);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_MIC_FAILURE), 0);
}

START_TEST(resent_m3_no_reinstall_without_fault)
{
	const struct variant *v = &variants[_i / 2];
	enum resend_way way = (enum resend_way)(_i % 2);
	struct hb *h = run(v, way, false);
	const struct hb_ev *e;

	assert_common(h, v, way);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_FAULT), way == RESEND_M4_LOST ? 1 : 0);
	e = hb_find(&h->sta, HS_EV_REINSTALL_BLOCKED);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->text, "WPA: Do not re-install the same PTK to the driver");
	/* RSN: the GTK in the resent 3/4 is not reinstalled either */
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_REINSTALL_BLOCKED),
			  v->proto == IE_PROTO_RSN ? 2 : 1);
	hb_free(h);
}
END_TEST

START_TEST(resent_m3_reinstalls_with_fault)
{
	const struct variant *v = &variants[_i / 2];
	enum resend_way way = (enum resend_way)(_i % 2);
	struct hb *h = run(v, way, true);
	const struct hb_key *k1 = NULL, *k2 = NULL;
	bool found = false;

	assert_common(h, v, way);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 2);
	for (size_t i = 0; i < h->sta.nkeys; i++) {
		if (h->sta.keys[i].kind != HS_KEY_PTK)
			continue;
		if (!k1)
			k1 = &h->sta.keys[i];
		else
			k2 = &h->sta.keys[i];
	}
	ck_assert_ptr_nonnull(k2);
	/* the same TK again, and its sequence starts over at zero: what the
	 * key reinstallation attack exploits */
	ck_assert_uint_eq(k1->len, wpa_cipher_key_len(v->cipher));
	ck_assert_uint_eq(k2->len, k1->len);
	ck_assert(memcmp(k1->key, k2->key, k1->len) == 0);
	ck_assert(all_zero(k1->seq, 6));
	ck_assert(all_zero(k2->seq, 6));
	ck_assert_uint_eq(k1->cipher, v->cipher);
	ck_assert_uint_eq(k2->cipher, v->cipher);
	/* and the AP's copy is that same TK */
	ck_assert(memcmp(hb_last_key(&h->ap, HS_KEY_PTK)->key, k1->key, k1->len) == 0);
	/* the supplicant says so */
	for (size_t i = 0; i < h->sta.nev; i++)
		found |= h->sta.ev[i].type == HS_EV_FAULT &&
			 strstr(h->sta.ev[i].text, "reinstalling the in-use PTK") != NULL;
	ck_assert(found);
	for (size_t i = 0; i < h->sta.nev; i++)
		ck_assert_msg(!(h->sta.ev[i].type == HS_EV_REINSTALL_BLOCKED &&
				strstr(h->sta.ev[i].text, "PTK")),
			      "PTK reinstall blocked although the fault is armed");
	hb_free(h);
}
END_TEST

/* A verbatim replay of the first 3/4 (same replay counter) after the
 * handshake: dropped by the replay check, fault or not; no install. */
START_TEST(replayed_m3_dropped_even_with_fault)
{
	const struct variant *v = &variants[_i / 2];
	bool fault = _i % 2;
	struct hb *h = run(v, RESEND_AP_TWICE, fault);
	const struct hb_frame *m3 = first_sent(&h->ap, EAPOL_MSG_PTK_3);
	size_t ptk_before = hb_nkeys(&h->sta, HS_KEY_PTK);
	size_t sent_before = h->sta.nsent;
	size_t replays = hb_count(&h->sta, HS_EV_REPLAY);

	ck_assert_ptr_nonnull(m3);
	ck_assert_uint_eq(ptk_before, fault ? 2 : 1);
	ck_assert_int_eq(hs_supp_rx(h->s, m3->data, m3->len), 0);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), ptk_before);
	ck_assert_uint_eq(h->sta.nsent, sent_before);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_REPLAY), replays + 1);
	hb_free(h);
}
END_TEST

/* fault clear disarms it: the same run as without the fault. */
START_TEST(fault_clear_disarms)
{
	const struct variant *v = &variants[_i];
	struct hs_faults sf;
	struct hb *h = hb_new();
	char list[64];

	memset(&sf, 0, sizeof(sf));
	arm(&sf, "reinstall-on-m3-resend", 0, NULL, NULL);
	ck_assert(sf.reinstall_on_m3_resend);
	ck_assert_int_eq(hs_fault_clear(&sf, "reinstall-on-m3-resend"), 0);
	ck_assert_str_eq(hs_fault_list(&sf, list, sizeof(list)), "none");
	hb_config(h, v->wpa, v->cipher, v->proto, v->cipher);
	h->scfg.faults = sf;
	h->acfg.faults.resend_m3 = true;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_advance(h, 5000);
	ck_assert_uint_eq(count_sent(&h->ap, EAPOL_MSG_PTK_3), 2);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	ck_assert_uint_ge(hb_count(&h->sta, HS_EV_REINSTALL_BLOCKED), 1);
	hb_free(h);
}
END_TEST

static Suite *reinstall_suite(void)
{
	Suite *s = suite_create("sta_reinstall");
	TCase *tc = tcase_create("m3-resend");

	tcase_add_loop_test(tc, resent_m3_no_reinstall_without_fault, 0, 4);
	tcase_add_loop_test(tc, resent_m3_reinstalls_with_fault, 0, 4);
	tcase_add_loop_test(tc, replayed_m3_dropped_even_with_fault, 0, 4);
	tcase_add_loop_test(tc, fault_clear_disarms, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(reinstall_suite)
