// SPDX-License-Identifier: MIT
/* test_hs_pair.c: authenticator and supplicant back-to-back for every
 * allowed combination of wpa=1/2/3 x pairwise x group; same PTK and GTK on
 * both sides; key_info values from the vectors; group rekey. */
#include "test_hs_harness.h"
#include "unit.h"
#include "vectors.h"

#define T WPA_CIPHER_TKIP
#define C WPA_CIPHER_CCMP

struct combo {
	unsigned int wpa;
	uint32_t ap_pairwise;
	enum ie_proto proto;
	uint32_t pairwise;
};

/* wpa=1/2/3 x offered {TKIP, CCMP, TKIP+CCMP} x the STA's choice. The group
 * cipher follows (the weakest offered): TKIP pairwise never meets a CCMP
 * group, which 12.6.3 does not allow. */
static const struct combo combos[] = {
	{ 1, T, IE_PROTO_WPA, T },
	{ 1, C, IE_PROTO_WPA, C },
	{ 1, T | C, IE_PROTO_WPA, T },
	{ 1, T | C, IE_PROTO_WPA, C },
	{ 2, T, IE_PROTO_RSN, T },
	{ 2, C, IE_PROTO_RSN, C },
	{ 2, T | C, IE_PROTO_RSN, T },
	{ 2, T | C, IE_PROTO_RSN, C },
	{ 3, T, IE_PROTO_WPA, T },
	{ 3, T, IE_PROTO_RSN, T },
	{ 3, C, IE_PROTO_WPA, C },
	{ 3, C, IE_PROTO_RSN, C },
	{ 3, T | C, IE_PROTO_WPA, T },
	{ 3, T | C, IE_PROTO_WPA, C },
	{ 3, T | C, IE_PROTO_RSN, T },
	{ 3, T | C, IE_PROTO_RSN, C },
};

static void assert_same_keys(struct hb *h)
{
	const struct hb_key *ap_ptk = hb_last_key(&h->ap, HS_KEY_PTK);
	const struct hb_key *sta_ptk = hb_last_key(&h->sta, HS_KEY_PTK);
	const struct hb_key *ap_gtk = hb_last_key(&h->ap, HS_KEY_GTK);
	const struct hb_key *sta_gtk = hb_last_key(&h->sta, HS_KEY_GTK);
	const uint8_t *gtk;
	size_t gtk_len = hs_group_gtk(h->g, &gtk);

	ck_assert_ptr_nonnull(ap_ptk);
	ck_assert_ptr_nonnull(sta_ptk);
	ck_assert_uint_eq(ap_ptk->len, wpa_cipher_key_len(h->acfg.pairwise_cipher));
	ck_assert_uint_eq(ap_ptk->len, sta_ptk->len);
	ck_assert_mem_eq(ap_ptk->key, sta_ptk->key, ap_ptk->len);
	ck_assert_uint_eq(ap_ptk->cipher, sta_ptk->cipher);
	ck_assert_ptr_nonnull(ap_gtk);
	ck_assert_ptr_nonnull(sta_gtk);
	ck_assert(ap_gtk->set_tx);
	ck_assert(!sta_gtk->set_tx);
	ck_assert_uint_eq(sta_gtk->len, wpa_cipher_key_len(h->acfg.group_cipher));
	ck_assert_uint_eq(sta_gtk->len, gtk_len);
	ck_assert_mem_eq(sta_gtk->key, gtk, gtk_len);
	ck_assert_mem_eq(ap_gtk->key, gtk, gtk_len);
	ck_assert_uint_eq(sta_gtk->idx, hs_group_key_idx(h->g));
	ck_assert_uint_eq(ap_gtk->idx, hs_group_key_idx(h->g));
	ck_assert_uint_eq(sta_gtk->cipher, h->acfg.group_cipher);
}

START_TEST(test_combo)
{
	const struct combo *c = &combos[_i];
	struct hb *h = hb_new();
	size_t ap_gtks;

	hb_config(h, c->wpa, c->ap_pairwise, c->proto, c->pairwise);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_auth_state(h->a), HS_AUTH_PTKINITDONE);
	ck_assert_int_eq(hs_auth_gstate(h->a), HS_AUTH_G_REKEYESTABLISHED);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 1);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 1);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	assert_same_keys(h);
	/* message count: RSN 4 frames, WPA 4 + 2 group */
	ck_assert_uint_eq(h->ap.nsent, c->proto == IE_PROTO_RSN ? 2 : 3);
	ck_assert_uint_eq(h->sta.nsent, c->proto == IE_PROTO_RSN ? 2 : 3);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_PAIRWISE_DONE), 1);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_AUTHORIZED), 1);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_MIC_FAILURE), 0);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_DROPPED), 0);

	/* group rekey: new GTK with key index 2 on both sides, then back to 1 */
	ap_gtks = hb_nkeys(&h->ap, HS_KEY_GTK);
	ck_assert_int_eq(hs_group_rekey(h->g), 0);
	ck_assert_int_eq(hs_group_state(h->g), HS_GROUP_SETKEYS);
	ck_assert_int_eq(hs_group_rekey(h->g), -EBUSY);
	hb_pump(h);
	ck_assert_int_eq(hs_group_state(h->g), HS_GROUP_SETKEYSDONE);
	ck_assert_uint_eq(hs_group_key_idx(h->g), 2);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_GTK), ap_gtks + 1);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 2);
	assert_same_keys(h);
	ck_assert_int_eq(hs_group_rekey(h->g), 0);
	hb_pump(h);
	ck_assert_uint_eq(hs_group_key_idx(h->g), 1);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 3);
	assert_same_keys(h);
	ck_assert_uint_eq(hb_count(&h->sta, HS_EV_GROUP_DONE),
			  c->proto == IE_PROTO_WPA ? 3 : 2);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	/* no timers left running: nothing is resent later */
	hb_advance(h, 10000);
	ck_assert_uint_eq(hb_count(&h->ap, HS_EV_RETRY), 0);
	hb_free(h);
}
END_TEST

/* keyinfo.rsn_ccmp: m1=008a m2=010a m3=13ca m4=030a */
START_TEST(test_keyinfo_rsn_ccmp)
{
	struct hb *h = hb_new();

	hb_config(h, 2, C, IE_PROTO_RSN, C);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(h->ap.nsent, 2);
	ck_assert_uint_eq(h->sta.nsent, 2);
	ck_assert_uint_eq(hb_key_info(&h->ap.sent[0]), vec_kv_hex("keyinfo.rsn_ccmp", "m1"));
	ck_assert_uint_eq(hb_key_info(&h->sta.sent[0]), vec_kv_hex("keyinfo.rsn_ccmp", "m2"));
	ck_assert_uint_eq(hb_key_info(&h->ap.sent[1]), vec_kv_hex("keyinfo.rsn_ccmp", "m3"));
	ck_assert_uint_eq(hb_key_info(&h->sta.sent[1]), vec_kv_hex("keyinfo.rsn_ccmp", "m4"));
	/* descriptor type 2 on every frame */
	for (size_t i = 0; i < 2; i++) {
		ck_assert_uint_eq(h->ap.sent[i].data[EAPOL_KEY_OFF_DESC], EAPOL_DESC_RSN);
		ck_assert_uint_eq(h->sta.sent[i].data[EAPOL_KEY_OFF_DESC], EAPOL_DESC_RSN);
	}
	hb_free(h);
}
END_TEST

/* keyinfo.wpa1_tkip: m1=0089 m2=0109 m3=01c9 m4=0109 group1=0391 group2=0311 */
START_TEST(test_keyinfo_wpa1_tkip)
{
	struct hb *h = hb_new();

	hb_config(h, 1, T, IE_PROTO_WPA, T);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(h->ap.nsent, 3);
	ck_assert_uint_eq(h->sta.nsent, 3);
	ck_assert_uint_eq(hb_key_info(&h->ap.sent[0]), vec_kv_hex("keyinfo.wpa1_tkip", "m1"));
	ck_assert_uint_eq(hb_key_info(&h->sta.sent[0]), vec_kv_hex("keyinfo.wpa1_tkip", "m2"));
	ck_assert_uint_eq(hb_key_info(&h->ap.sent[1]), vec_kv_hex("keyinfo.wpa1_tkip", "m3"));
	ck_assert_uint_eq(hb_key_info(&h->sta.sent[1]), vec_kv_hex("keyinfo.wpa1_tkip", "m4"));
	ck_assert_uint_eq(hb_key_info(&h->ap.sent[2]), vec_kv_hex("keyinfo.wpa1_tkip", "group1"));
	ck_assert_uint_eq(hb_key_info(&h->sta.sent[2]), vec_kv_hex("keyinfo.wpa1_tkip", "group2"));
	for (size_t i = 0; i < 3; i++) {
		ck_assert_uint_eq(h->ap.sent[i].data[EAPOL_KEY_OFF_DESC], EAPOL_DESC_WPA);
		ck_assert_uint_eq(h->sta.sent[i].data[EAPOL_KEY_OFF_DESC], EAPOL_DESC_WPA);
	}
	/* WPA1 TKIP group msg 1/2: RC4-encrypted 32-byte GTK, not in the clear */
	{
		const struct hb_frame *g1 = &h->ap.sent[2];
		const uint8_t *gtk;
		size_t glen = hs_group_gtk(h->g, &gtk);

		ck_assert_uint_eq(glen, 32);
		ck_assert_uint_eq(get_be16(g1->data + EAPOL_KEY_OFF_DATALEN), 32);
		ck_assert_uint_eq(get_be16(g1->data + EAPOL_KEY_OFF_KEYLEN), 32);
		ck_assert(memcmp(g1->data + EAPOL_KEY_OFF_DATA, gtk, 32) != 0);
	}
	hb_free(h);
}
END_TEST

/* Two stations of a wpa=3 AP, one WPA and one RSN, share one group. */
START_TEST(test_mixed_two_stations)
{
	struct hb *h = hb_new();
	struct hb_side ap2 = { .hb = h, .name = "ap2", .rng = 99 };
	struct hs_config c2;
	struct hs_auth *a2;
	const uint8_t spa2[6] = { 2, 0, 0, 0, 0, 2 };

	hb_config(h, 3, T | C, IE_PROTO_RSN, C);
	hb_create(h);
	c2 = h->acfg;
	c2.proto = IE_PROTO_WPA;
	c2.pairwise_cipher = T;
	memcpy(c2.spa, spa2, 6);
	ck_assert_int_eq(hs_ap_policy_build_ie(&h->pol, IE_PROTO_WPA, c2.own_ie,
					       sizeof(c2.own_ie), &c2.own_ie_len), 0);
	a2 = hs_auth_new(h->loop, h->g, &c2, &hb_ops, &ap2);
	ck_assert_ptr_nonnull(a2);
	/* a2 never answers: its group handshake during rekey times out
	 * only if it had finished the 4-way; it has not, so it is skipped */
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	ck_assert_int_eq(hs_group_rekey(h->g), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_group_state(h->g), HS_GROUP_SETKEYSDONE);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 2);
	hs_auth_free(a2);
	hb_free(h);
}
END_TEST

/* The group's rekey interval timer rekeys by itself. */
START_TEST(test_rekey_interval)
{
	struct hb *h = hb_new();
	struct hs_group_config gc = { 0 };

	hb_config(h, 2, C, IE_PROTO_RSN, C);
	gc.group_cipher = C;
	memcpy(gc.aa, hb_aa, 6);
	gc.rekey_interval_s = 600;
	hs_timeouts_default(&gc.timeouts);
	h->g = hs_group_new(h->loop, &gc, &hb_ops, &h->ap);
	ck_assert_ptr_nonnull(h->g);
	h->a = hs_auth_new(h->loop, h->g, &h->acfg, &hb_ops, &h->ap);
	h->s = hs_supp_new(h->loop, &h->scfg, &hb_ops, &h->sta);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	hb_advance(h, 599 * 1000);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	hb_advance(h, 1000);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 2);
	ck_assert_uint_eq(hs_group_key_idx(h->g), 2);
	hb_advance(h, 600 * 1000);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 3);
	assert_same_keys(h);
	hb_free(h);
}
END_TEST

/* A supplicant-requested new 4-way handshake after completion (PTK rekey)
 * installs a new PTK on both sides. */
START_TEST(test_reauth_new_ptk)
{
	struct hb *h = hb_new();
	uint8_t first[32];

	hb_config(h, 2, C, IE_PROTO_RSN, C);
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	memcpy(first, hb_last_key(&h->sta, HS_KEY_PTK)->key, 16);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 2);
	ck_assert_uint_eq(hb_nkeys(&h->ap, HS_KEY_PTK), 2);
	ck_assert(memcmp(first, hb_last_key(&h->sta, HS_KEY_PTK)->key, 16) != 0);
	assert_same_keys(h);
	hb_free(h);
}
END_TEST

static Suite *pair_suite(void)
{
	Suite *s = suite_create("hs_pair");
	TCase *tc = tcase_create("combos");

	tcase_add_loop_test(tc, test_combo, 0, (int)ARRAY_SIZE(combos));
	tcase_add_test(tc, test_keyinfo_rsn_ccmp);
	tcase_add_test(tc, test_keyinfo_wpa1_tkip);
	tcase_add_test(tc, test_mixed_two_stations);
	tcase_add_test(tc, test_rekey_interval);
	tcase_add_test(tc, test_reauth_new_ptk);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(pair_suite)
