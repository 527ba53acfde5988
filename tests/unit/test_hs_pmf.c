// SPDX-License-Identifier: MIT
/* test_hs_pmf.c: the handshakes with an AKM other than PSK and with
 * management frame protection, authenticator and supplicant back to back:
 * WPA2-PSK-SHA256 runs the 4-way with descriptor version 3 (AES-CMAC) and
 * the KDF-SHA256 PTK; with PMF the IGTK (key ID 4, then 5 after a rekey)
 * goes from the group through msg 3/4 and group msg 1/2 to the supplicant,
 * which installs what the AP installed; without PMF no IGTK travels; the
 * AP's association check gives 31/45/43 as 12.6.3 says. */
#include "test_hs_harness.h"
#include "unit.h"

/* The AP offers akms with ieee80211w=ap_pmf; the STA picks akm with
 * ieee80211w=sta_pmf. The configs come from the AP's own association
 * check, as roamlab-ap makes them. */
static struct hb *pmf_pair(uint32_t ap_akms, enum ie_pmf ap_pmf, uint32_t akm,
			   enum ie_pmf sta_pmf)
{
	struct hb *h = hb_new();
	struct hs_group_config gc = { 0 };
	struct hs_assoc_sec sec;
	uint8_t ies[2 * IE_MAX_LEN];
	size_t ies_len, elen;
	const uint8_t *e;
	uint16_t status;
	const char *why;

	h->pol.wpa = 2;
	h->pol.rsn_pairwise = WPA_CIPHER_CCMP;
	h->pol.wpa_pairwise = WPA_CIPHER_CCMP;
	h->pol.akms = ap_akms;
	h->pol.pmf = ap_pmf;
	ck_assert_int_eq(hs_ap_policy_build_ies(&h->pol, ies, sizeof(ies), &ies_len), 0);
	for (size_t i = 0; i < PMK_LEN; i++)
		h->psk[i] = (uint8_t)(0x40 + i);

	hs_config_init(&h->scfg, HS_ROLE_SUPPLICANT);
	h->scfg.akm = akm;
	h->scfg.rsn_caps = ie_pmf_rsn_caps(sta_pmf);
	h->scfg.pmf = sta_pmf != IE_PMF_DISABLED && ap_pmf != IE_PMF_DISABLED;
	memcpy(h->scfg.pmk, h->psk, PMK_LEN);
	memcpy(h->scfg.aa, hb_aa, 6);
	memcpy(h->scfg.spa, hb_spa, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&h->scfg), 0);
	e = ie_find(ies, ies_len, IE_RSN, &elen);
	ck_assert_ptr_nonnull(e);
	memcpy(h->scfg.peer_ie, e, elen);
	h->scfg.peer_ie_len = elen;

	ck_assert_int_eq(hs_ap_policy_check_assoc(&h->pol, h->scfg.own_ie,
						  h->scfg.own_ie_len, &sec, &status,
						  &why), 0);
	ck_assert_uint_eq(sec.akm, akm);
	ck_assert_int_eq(sec.pmf, h->scfg.pmf);
	hs_config_init(&h->acfg, HS_ROLE_AUTHENTICATOR);
	h->acfg.pairwise_cipher = sec.pairwise;
	h->acfg.akm = sec.akm;
	h->acfg.pmf = sec.pmf;
	memcpy(h->acfg.pmk, h->psk, PMK_LEN);
	memcpy(h->acfg.aa, hb_aa, 6);
	memcpy(h->acfg.spa, hb_spa, 6);
	ck_assert_int_eq(hs_ap_policy_build_ie(&h->pol, IE_PROTO_RSN, h->acfg.own_ie,
					       sizeof(h->acfg.own_ie),
					       &h->acfg.own_ie_len), 0);
	memcpy(h->acfg.peer_ie, h->scfg.own_ie, h->scfg.own_ie_len);
	h->acfg.peer_ie_len = h->scfg.own_ie_len;

	gc.group_cipher = WPA_CIPHER_CCMP;
	memcpy(gc.aa, hb_aa, 6);
	gc.eapol_version = 2;
	hs_timeouts_default(&gc.timeouts);
	if (ap_pmf != IE_PMF_DISABLED)
		gc.group_mgmt_cipher = WPA_CIPHER_BIP_CMAC;
	h->g = hs_group_new(h->loop, &gc, &hb_ops, &h->ap);
	ck_assert_ptr_nonnull(h->g);
	h->a = hs_auth_new(h->loop, h->g, &h->acfg, &hb_ops, &h->ap);
	ck_assert_ptr_nonnull(h->a);
	h->s = hs_supp_new(h->loop, &h->scfg, &hb_ops, &h->sta);
	ck_assert_ptr_nonnull(h->s);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_supp_state(h->s), HS_SUPP_COMPLETED);
	ck_assert(hs_auth_ptk_done(h->a));
	return h;
}

static const struct hb_key *nth_key(const struct hb_side *s, enum hs_key_kind k,
				    size_t n)
{
	for (size_t i = 0; i < s->nkeys; i++)
		if (s->keys[i].kind == k && n-- == 0)
			return &s->keys[i];
	return NULL;
}

/* Both sides hold the same PTK: the TKs they installed are equal. */
static void assert_same_tk(const struct hb *h)
{
	const struct hb_key *ak = hb_last_key(&h->ap, HS_KEY_PTK);
	const struct hb_key *sk = hb_last_key(&h->sta, HS_KEY_PTK);

	ck_assert_ptr_nonnull(ak);
	ck_assert_ptr_nonnull(sk);
	ck_assert_uint_eq(ak->len, 16);
	ck_assert_mem_eq(ak->key, sk->key, 16);
}

/* WPA2-PSK-SHA256: every EAPOL-Key frame both ways says version 3, and the
 * PTK is the KDF-SHA256 one (not the PRF-SHA1 one PSK would give). */
START_TEST(test_psk_sha256_v3)
{
	struct hb *h = pmf_pair(WPA_AKM_PSK | WPA_AKM_PSK_SHA256, IE_PMF_OPTIONAL,
				WPA_AKM_PSK_SHA256, IE_PMF_OPTIONAL);
	uint8_t ptk[48], tk_sha1[48];
	const struct hb_key *sk = hb_last_key(&h->sta, HS_KEY_PTK);

	ck_assert_uint_ge(h->ap.nsent, 2);
	for (size_t i = 0; i < h->ap.nsent; i++)
		ck_assert_uint_eq(hb_key_info(&h->ap.sent[i]) & KEY_INFO_VERSION_MASK,
				  KEY_DESC_VER_AES_CMAC);
	for (size_t i = 0; i < h->sta.nsent; i++)
		ck_assert_uint_eq(hb_key_info(&h->sta.sent[i]) & KEY_INFO_VERSION_MASK,
				  KEY_DESC_VER_AES_CMAC);
	assert_same_tk(h);
	/* the installed TK is the KDF-SHA256 PTK's, with the nonces that went
	 * over the air (1/4's ANonce, 2/4's SNonce) */
	{
		struct eapol_key m1, m2;

		ck_assert_int_eq(eapol_key_parse(h->ap.sent[0].data, h->ap.sent[0].len,
						 &m1, NULL), 0);
		ck_assert_int_eq(eapol_key_parse(h->sta.sent[0].data, h->sta.sent[0].len,
						 &m2, NULL), 0);
		ck_assert_int_eq(crypto_derive_ptk_sha256(h->psk, hb_aa, hb_spa, m1.nonce,
							  m2.nonce, ptk, sizeof(ptk)), 0);
		ck_assert_int_eq(crypto_derive_ptk(h->psk, hb_aa, hb_spa, m1.nonce,
						   m2.nonce, tk_sha1, sizeof(tk_sha1)), 0);
		ck_assert_mem_eq(sk->key, ptk + 32, 16);
		ck_assert_mem_ne(sk->key, tk_sha1 + 32, 16);
	}
	hb_free(h);
}
END_TEST

/* ieee80211w=2 with WPA-PSK: the IGTK the AP installed as its default
 * management key (key ID 4) is the one the station installs from msg 3/4;
 * a group rekey hands out key ID 5 in group msg 1/2, and the AP makes it
 * the TX key once the station has it. */
START_TEST(test_pmf_igtk_3of4_and_rekey)
{
	struct hb *h = pmf_pair(WPA_AKM_PSK, IE_PMF_REQUIRED, WPA_AKM_PSK, IE_PMF_REQUIRED);
	const struct hb_key *ai, *si;

	ai = nth_key(&h->ap, HS_KEY_IGTK, 0);
	si = nth_key(&h->sta, HS_KEY_IGTK, 0);
	ck_assert_ptr_nonnull(ai);
	ck_assert_ptr_nonnull(si);
	ck_assert_uint_eq(ai->idx, IGTK_KEYID_FIRST);
	ck_assert(ai->set_tx);
	ck_assert_uint_eq(ai->cipher, WPA_CIPHER_BIP_CMAC);
	ck_assert_uint_eq(si->idx, IGTK_KEYID_FIRST);
	ck_assert(!si->set_tx);
	ck_assert_uint_eq(si->len, 16);
	ck_assert_mem_eq(si->key, ai->key, 16);
	assert_same_tk(h);
	/* version 2 (HMAC-SHA1) stays the PSK AKM's, PMF or not */
	ck_assert_uint_eq(hb_key_info(&h->ap.sent[0]) & KEY_INFO_VERSION_MASK,
			  KEY_DESC_VER_HMAC_SHA1_AES);

	ck_assert_int_eq(hs_group_rekey(h->g), 0);
	hb_pump(h);
	ck_assert_int_eq(hs_group_state(h->g), HS_GROUP_SETKEYSDONE);
	ai = nth_key(&h->ap, HS_KEY_IGTK, 1);
	si = nth_key(&h->sta, HS_KEY_IGTK, 1);
	ck_assert_ptr_nonnull(ai);
	ck_assert_ptr_nonnull(si);
	ck_assert_uint_eq(ai->idx, IGTK_KEYID_SECOND);
	ck_assert_uint_eq(si->idx, IGTK_KEYID_SECOND);
	ck_assert(ai->set_tx);
	ck_assert_mem_eq(si->key, ai->key, 16);
	ck_assert_mem_ne(si->key, nth_key(&h->sta, HS_KEY_IGTK, 0)->key, 16);
	/* the new IGTK reached the driver after the station took it */
	ck_assert_uint_ge(ai->t_us, si->t_us);
	hb_free(h);
}
END_TEST

/* ieee80211w=1 on the AP, 0 on the STA: no PMF, no IGTK for the STA,
 * although the group holds one. */
START_TEST(test_no_pmf_no_igtk)
{
	struct hb *h = pmf_pair(WPA_AKM_PSK, IE_PMF_OPTIONAL, WPA_AKM_PSK, IE_PMF_DISABLED);

	ck_assert_ptr_nonnull(nth_key(&h->ap, HS_KEY_IGTK, 0));
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_IGTK), 0);
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_GTK), 1);
	hb_free(h);
}
END_TEST

/* 12.6.3: the AP's status codes for a STA's RSNE. */
START_TEST(test_ap_policy_pmf_status)
{
	struct hs_ap_policy pol = { .wpa = 2, .rsn_pairwise = WPA_CIPHER_CCMP,
				    .wpa_pairwise = WPA_CIPHER_CCMP };
	struct wpa_ie_info sta = { .proto = IE_PROTO_RSN, .version = 1,
				   .group_cipher = WPA_CIPHER_CCMP,
				   .pairwise_ciphers = WPA_CIPHER_CCMP,
				   .akms = WPA_AKM_PSK, .has_caps = true };
	struct hs_assoc_sec sec;
	uint8_t ie[IE_MAX_LEN];
	size_t len;
	uint16_t status;
	const char *why;

	/* AP requires PMF, STA has no MFPC: 31 */
	pol.pmf = IE_PMF_REQUIRED;
	ck_assert_int_eq(ie_build(&sta, ie, sizeof(ie), &len), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc(&pol, ie, len, &sec, &status, &why),
			 -EINVAL);
	ck_assert_uint_eq(status, 31);
	/* MFPR without MFPC: 45 */
	sta.rsn_caps = RSN_CAP_MFPR;
	ck_assert_int_eq(ie_build(&sta, ie, sizeof(ie), &len), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc(&pol, ie, len, &sec, &status, &why),
			 -EINVAL);
	ck_assert_uint_eq(status, 45);
	/* MFPC: PMF on */
	sta.rsn_caps = RSN_CAP_MFPC;
	ck_assert_int_eq(ie_build(&sta, ie, sizeof(ie), &len), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc(&pol, ie, len, &sec, &status, &why), 0);
	ck_assert(sec.pmf);
	ck_assert_uint_eq(sec.akm, WPA_AKM_PSK);
	/* an AKM the AP does not offer: 43 */
	sta.akms = WPA_AKM_PSK_SHA256;
	ck_assert_int_eq(ie_build(&sta, ie, sizeof(ie), &len), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc(&pol, ie, len, &sec, &status, &why),
			 -EINVAL);
	ck_assert_uint_eq(status, 43);
	/* offered: accepted, AKM 6 */
	pol.akms = WPA_AKM_PSK | WPA_AKM_PSK_SHA256;
	ck_assert_int_eq(hs_ap_policy_check_assoc(&pol, ie, len, &sec, &status, &why), 0);
	ck_assert_uint_eq(sec.akm, WPA_AKM_PSK_SHA256);
	/* the AP's own element: MFPC|MFPR, both AKMs */
	{
		struct wpa_ie_info info;

		ck_assert_int_eq(hs_ap_policy_build_ie(&pol, IE_PROTO_RSN, ie, sizeof(ie),
						       &len), 0);
		ck_assert_int_eq(ie_parse_rsn(ie, len, &info, NULL), 0);
		ck_assert_uint_eq(info.rsn_caps & (RSN_CAP_MFPC | RSN_CAP_MFPR),
				  RSN_CAP_MFPC | RSN_CAP_MFPR);
		ck_assert_uint_eq(info.akms, WPA_AKM_PSK | WPA_AKM_PSK_SHA256);
		ck_assert(!info.has_group_mgmt);
	}
}
END_TEST

/* A supplicant that believes in another AKM than the authenticator (PSK
 * against PSK-SHA256) fails: the AP drops its msg 2/4 (wrong version). */
START_TEST(test_akm_mismatch_fails)
{
	struct hb *h = hb_new();

	hb_config(h, 2, WPA_CIPHER_CCMP, IE_PROTO_RSN, WPA_CIPHER_CCMP);
	h->acfg.akm = WPA_AKM_PSK_SHA256;
	hb_create(h);
	ck_assert_int_eq(hs_auth_start(h->a, NULL), 0);
	hb_pump(h);
	ck_assert(!hs_auth_ptk_done(h->a));
	ck_assert_uint_eq(hb_nkeys(&h->sta, HS_KEY_PTK), 0);
	ck_assert_uint_ge(hb_count(&h->sta, HS_EV_DROPPED), 1);
	hb_free(h);
}
END_TEST

static Suite *hs_pmf_suite(void)
{
	Suite *s = suite_create("hs_pmf");
	TCase *tc = tcase_create("pmf");

	tcase_add_test(tc, test_psk_sha256_v3);
	tcase_add_test(tc, test_pmf_igtk_3of4_and_rekey);
	tcase_add_test(tc, test_no_pmf_no_igtk);
	tcase_add_test(tc, test_ap_policy_pmf_status);
	tcase_add_test(tc, test_akm_mismatch_fails);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(hs_pmf_suite)
