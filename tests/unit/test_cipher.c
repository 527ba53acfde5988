// SPDX-License-Identifier: MIT
/* test_cipher.c: the one cipher/AKM/protocol namespace (common/cipher.c):
 * suite selectors both ways, nl80211 suites, key lengths, names, unknown
 * suites. */
#include <string.h>

#include "cipher.h"
#include "unit.h"
#include "util.h"

static const uint32_t all_ciphers[] = {
	WPA_CIPHER_WEP40, WPA_CIPHER_TKIP, WPA_CIPHER_CCMP, WPA_CIPHER_WEP104,
	WPA_CIPHER_BIP_CMAC, WPA_CIPHER_GCMP, WPA_CIPHER_GCMP_256,
	WPA_CIPHER_CCMP_256, WPA_CIPHER_BIP_GMAC, WPA_CIPHER_BIP_GMAC_256,
	WPA_CIPHER_BIP_CMAC_256,
};

START_TEST(test_suite_roundtrip)
{
	for (size_t i = 0; i < ARRAY_SIZE(all_ciphers); i++) {
		uint32_t c = all_ciphers[i];
		int t = wpa_cipher_suite_type(c);
		uint8_t sel[4] = { 0x00, 0x0f, 0xac, (uint8_t)t };

		ck_assert_int_gt(t, 0);
		ck_assert_uint_eq(wpa_cipher_from_suite(sel, IE_PROTO_RSN), c);
		ck_assert_uint_eq(wpa_cipher_to_suite32(c), 0x000fac00u | (uint32_t)t);
		ck_assert_uint_eq(wpa_cipher_from_suite32(wpa_cipher_to_suite32(c)), c);
		ck_assert_str_ne(wpa_cipher_name(c), "?");
	}
}
END_TEST

START_TEST(test_suite_values)
{
	/* IEEE 802.11-2020 Table 9-149 */
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_WEP40), 0x000fac01);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_TKIP), 0x000fac02);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_CCMP), 0x000fac04);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_WEP104), 0x000fac05);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_BIP_CMAC), 0x000fac06);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_GCMP), 0x000fac08);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_GCMP_256), 0x000fac09);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_CCMP_256), 0x000fac0a);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_BIP_CMAC_256), 0x000fac0d);
	/* not suites, or not one cipher */
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_NONE), 0);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_USE_GROUP), 0);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_OTHER), 0);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP), 0);
}
END_TEST

START_TEST(test_unknown_suites)
{
	static const uint8_t rsn3[4] = { 0x00, 0x0f, 0xac, 3 };	/* reserved */
	static const uint8_t rsn99[4] = { 0x00, 0x0f, 0xac, 99 };
	static const uint8_t vendor[4] = { 0x00, 0x10, 0x18, 4 };
	static const uint8_t wpa_gcmp[4] = { 0x00, 0x50, 0xf2, 8 };
	static const uint8_t wpa_ccmp[4] = { 0x00, 0x50, 0xf2, 4 };
	static const uint8_t rsn0[4] = { 0x00, 0x0f, 0xac, 0 };
	static const uint8_t akm10[4] = { 0x00, 0x0f, 0xac, 10 };
	static const uint8_t akm0[4] = { 0x00, 0x0f, 0xac, 0 };
	static const uint8_t wpa_akm8[4] = { 0x00, 0x50, 0xf2, 8 };
	static const uint8_t wpa_akm2[4] = { 0x00, 0x50, 0xf2, 2 };

	ck_assert_uint_eq(wpa_cipher_from_suite(rsn3, IE_PROTO_RSN), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_cipher_from_suite(rsn99, IE_PROTO_RSN), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_cipher_from_suite(vendor, IE_PROTO_RSN), WPA_CIPHER_OTHER);
	/* the OUI must be the protocol's */
	ck_assert_uint_eq(wpa_cipher_from_suite(wpa_ccmp, IE_PROTO_RSN), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_cipher_from_suite(wpa_ccmp, IE_PROTO_WPA), WPA_CIPHER_CCMP);
	/* WPA1 knows no GCMP */
	ck_assert_uint_eq(wpa_cipher_from_suite(wpa_gcmp, IE_PROTO_WPA), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_cipher_from_suite(rsn0, IE_PROTO_RSN), WPA_CIPHER_USE_GROUP);
	ck_assert_uint_eq(wpa_cipher_from_suite32(0x000fac00), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_cipher_from_suite32(0x000fac03), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_cipher_from_suite32(0x00101804), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_akm_from_suite(akm10, IE_PROTO_RSN), WPA_AKM_OTHER);
	ck_assert_uint_eq(wpa_akm_from_suite(akm0, IE_PROTO_RSN), WPA_AKM_OTHER);
	ck_assert_uint_eq(wpa_akm_from_suite(wpa_akm8, IE_PROTO_WPA), WPA_AKM_OTHER);
	ck_assert_uint_eq(wpa_akm_from_suite(wpa_akm2, IE_PROTO_WPA), WPA_AKM_PSK);
	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP), "?");
	ck_assert_str_eq(wpa_akm_name(WPA_AKM_PSK | WPA_AKM_SAE), "?");
}
END_TEST

START_TEST(test_akms)
{
	for (uint8_t t = 1; t <= 9; t++) {
		uint8_t sel[4] = { 0x00, 0x0f, 0xac, t };
		uint32_t a = wpa_akm_from_suite(sel, IE_PROTO_RSN);

		ck_assert_uint_eq(a, 1u << (t - 1));
		ck_assert_int_eq(wpa_akm_suite_type(a), t);
		ck_assert_uint_eq(wpa_akm_to_suite32(a), 0x000fac00u | t);
		ck_assert_str_ne(wpa_akm_name(a), "?");
	}
	ck_assert_str_eq(wpa_akm_name(WPA_AKM_PSK), "PSK");
	ck_assert_str_eq(wpa_akm_name(WPA_AKM_8021X), "802.1X");
	ck_assert_str_eq(wpa_akm_name(WPA_AKM_SAE), "SAE");
	ck_assert_str_eq(wpa_akm_name(WPA_AKM_NONE), "NONE");
	ck_assert_uint_eq(wpa_akm_to_suite32(WPA_AKM_NONE), 0);
	ck_assert_uint_eq(wpa_akm_to_suite32(WPA_AKM_OTHER), 0);
}
END_TEST

START_TEST(test_key_lengths)
{
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_NONE), 0);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_WEP40), 5);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_WEP104), 13);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_TKIP), 32);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_CCMP), 16);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_GCMP), 16);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_BIP_CMAC), 16);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_GCMP_256), 32);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_CCMP_256), 32);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_OTHER), 0);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP), 0);
	ck_assert_uint_eq(wpa_cipher_ptk_len(WPA_CIPHER_TKIP), 64);
	ck_assert_uint_eq(wpa_cipher_ptk_len(WPA_CIPHER_CCMP), 48);
	ck_assert_uint_eq(wpa_cipher_ptk_len(WPA_CIPHER_GCMP), 0);
	ck_assert_uint_eq(wpa_cipher_ptk_len(WPA_CIPHER_NONE), 0);
	ck_assert_uint_eq(wpa_cipher_rsc_len(WPA_CIPHER_TKIP), 6);
	ck_assert_uint_eq(wpa_cipher_rsc_len(WPA_CIPHER_CCMP), 6);
	ck_assert_uint_eq(wpa_cipher_rsc_len(WPA_CIPHER_WEP40), 0);
	ck_assert_uint_eq(wpa_cipher_rsc_len(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP), 0);
}
END_TEST

START_TEST(test_names_pick_protos)
{
	char buf[64];

	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_NONE), "NONE");
	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_CCMP), "CCMP");
	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_TKIP), "TKIP");
	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_BIP_CMAC), "BIP-CMAC-128");
	ck_assert_str_eq(wpa_cipher_name(WPA_CIPHER_OTHER), "OTHER");
	ck_assert_str_eq(wpa_cipher_set_str(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP |
					    WPA_CIPHER_GCMP, buf, sizeof(buf)),
			 "GCMP CCMP TKIP");
	ck_assert_str_eq(wpa_cipher_set_str(WPA_CIPHER_NONE, buf, sizeof(buf)), "");
	ck_assert_str_eq(wpa_cipher_set_str(WPA_CIPHER_CCMP | WPA_CIPHER_TKIP, buf, 5),
			 "CCMP");
	ck_assert_uint_eq(wpa_cipher_pick(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP), WPA_CIPHER_CCMP);
	ck_assert_uint_eq(wpa_cipher_pick(WPA_CIPHER_TKIP), WPA_CIPHER_TKIP);
	ck_assert_uint_eq(wpa_cipher_pick(WPA_CIPHER_GCMP), WPA_CIPHER_NONE);
	ck_assert_uint_eq(wpa_cipher_supported(WPA_CIPHER_GCMP | WPA_CIPHER_TKIP),
			  WPA_CIPHER_TKIP);
	ck_assert(wpa_single_bit(WPA_CIPHER_CCMP));
	ck_assert(!wpa_single_bit(WPA_CIPHER_NONE));
	ck_assert(!wpa_single_bit(WPA_CIPHER_CCMP | WPA_CIPHER_TKIP));
	ck_assert_uint_eq(wpa_proto_bit(IE_PROTO_WPA), WPA_PROTO_WPA);
	ck_assert_uint_eq(wpa_proto_bit(IE_PROTO_RSN), WPA_PROTO_RSN);
	ck_assert_uint_eq(wpa_proto_bit(IE_PROTO_NONE), 0);
	ck_assert_str_eq(ie_proto_name(IE_PROTO_RSN), "RSN");
	ck_assert_int_eq(memcmp(rsn_oui, "\x00\x0f\xac", 3), 0);
	ck_assert_int_eq(memcmp(wpa_oui, "\x00\x50\xf2", 3), 0);
	/* hostapd wpa=, wpa_supplicant proto= and NL80211_WPA_VERSION_* */
	ck_assert_uint_eq(WPA_PROTO_WPA, 1);
	ck_assert_uint_eq(WPA_PROTO_RSN, 2);
}
END_TEST

/* PMF and the SHA-256 AKMs: BIP-CMAC-128 (00-0f-ac:6), PSK-SHA256 (6), SAE
 * (8), their config words and nl80211 suites, descriptor versions. */
START_TEST(test_pmf_suites)
{
	static const uint8_t bip[4] = { 0x00, 0x0f, 0xac, 6 };
	static const uint8_t psk256[4] = { 0x00, 0x0f, 0xac, 6 };
	static const uint8_t sae[4] = { 0x00, 0x0f, 0xac, 8 };
	static const struct {
		uint32_t akm;
		const char *word;
	} words[] = {
		{ WPA_AKM_8021X, "WPA-EAP" }, { WPA_AKM_PSK, "WPA-PSK" },
		{ WPA_AKM_FT_8021X, "FT-EAP" }, { WPA_AKM_FT_PSK, "FT-PSK" },
		{ WPA_AKM_8021X_SHA256, "WPA-EAP-SHA256" },
		{ WPA_AKM_PSK_SHA256, "WPA-PSK-SHA256" }, { WPA_AKM_SAE, "SAE" },
		{ WPA_AKM_FT_SAE, "FT-SAE" }, { WPA_AKM_NONE, "NONE" },
	};

	ck_assert_uint_eq(wpa_cipher_from_suite(bip, IE_PROTO_RSN), WPA_CIPHER_BIP_CMAC);
	ck_assert_uint_eq(wpa_cipher_from_suite(bip, IE_PROTO_WPA), WPA_CIPHER_OTHER);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_BIP_CMAC), WPA_SUITE32_AES_CMAC);
	ck_assert_uint_eq(WPA_SUITE32_AES_CMAC, 0x000fac06);
	ck_assert_uint_eq(wpa_cipher_from_suite32(0x000fac06), WPA_CIPHER_BIP_CMAC);
	ck_assert_uint_eq(WPA_CIPHER_GROUP_MGMT_DEFAULT, WPA_CIPHER_BIP_CMAC);
	ck_assert(wpa_cipher_is_group_mgmt(WPA_CIPHER_BIP_CMAC));
	ck_assert(wpa_cipher_is_group_mgmt(WPA_CIPHER_BIP_GMAC_256));
	ck_assert(!wpa_cipher_is_group_mgmt(WPA_CIPHER_CCMP));
	ck_assert(!wpa_cipher_is_group_mgmt(WPA_CIPHER_NONE));
	ck_assert(!wpa_cipher_is_group_mgmt(WPA_CIPHER_OTHER));
	ck_assert(!wpa_cipher_is_group_mgmt(WPA_CIPHER_BIP_CMAC | WPA_CIPHER_BIP_GMAC));

	ck_assert_uint_eq(wpa_akm_from_suite(psk256, IE_PROTO_RSN), WPA_AKM_PSK_SHA256);
	ck_assert_uint_eq(wpa_akm_from_suite(sae, IE_PROTO_RSN), WPA_AKM_SAE);
	ck_assert_uint_eq(wpa_akm_to_suite32(WPA_AKM_PSK_SHA256), WPA_SUITE32_AKM_PSK_SHA256);
	ck_assert_uint_eq(wpa_akm_to_suite32(WPA_AKM_SAE), WPA_SUITE32_AKM_SAE);
	ck_assert_uint_eq(WPA_SUITE32_AKM_SAE, 0x000fac08);
	ck_assert_str_eq(wpa_akm_name(WPA_AKM_PSK_SHA256), "PSK-SHA256");

	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		ck_assert_str_eq(wpa_akm_conf_name(words[i].akm), words[i].word);
		ck_assert_uint_eq(wpa_akm_from_conf_name(words[i].word), words[i].akm);
	}
	ck_assert_str_eq(wpa_akm_conf_name(WPA_AKM_TDLS), "?");
	ck_assert_str_eq(wpa_akm_conf_name(WPA_AKM_OTHER), "?");
	ck_assert_str_eq(wpa_akm_conf_name(WPA_AKM_PSK | WPA_AKM_SAE), "?");
	ck_assert_uint_eq(wpa_akm_from_conf_name("sae"), WPA_AKM_OTHER);
	ck_assert_uint_eq(wpa_akm_from_conf_name("WPA-PSK-SHA384"), WPA_AKM_OTHER);
	ck_assert_uint_eq(wpa_akm_from_conf_name(""), WPA_AKM_OTHER);
	ck_assert_uint_eq(wpa_akm_from_conf_name(NULL), WPA_AKM_OTHER);

	ck_assert(!wpa_akm_uses_sha256(WPA_AKM_PSK));
	ck_assert(!wpa_akm_uses_sha256(WPA_AKM_8021X));
	ck_assert(wpa_akm_uses_sha256(WPA_AKM_PSK_SHA256));
	ck_assert(wpa_akm_uses_sha256(WPA_AKM_SAE));
	ck_assert(!wpa_akm_uses_sha256(WPA_AKM_PSK_SHA256 | WPA_AKM_SAE));
	ck_assert(!wpa_akm_uses_sha256(WPA_AKM_NONE));

	/* 12.7.2: key descriptor versions */
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_PSK, WPA_CIPHER_TKIP), 1);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_PSK, WPA_CIPHER_CCMP), 2);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_8021X, WPA_CIPHER_CCMP), 2);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_PSK_SHA256, WPA_CIPHER_CCMP), 3);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_FT_PSK, WPA_CIPHER_CCMP), 3);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_SAE, WPA_CIPHER_CCMP), 0);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_FT_SAE, WPA_CIPHER_CCMP), 0);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_TDLS, WPA_CIPHER_CCMP), -1);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_NONE, WPA_CIPHER_CCMP), -1);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_OTHER, WPA_CIPHER_CCMP), -1);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_PSK | WPA_AKM_SAE, WPA_CIPHER_CCMP), -1);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_PSK, WPA_CIPHER_CCMP | WPA_CIPHER_TKIP), -1);
	ck_assert_int_eq(wpa_akm_key_desc_ver(WPA_AKM_PSK, WPA_CIPHER_NONE), -1);
}
END_TEST

static Suite *cipher_suite(void)
{
	Suite *s = suite_create("cipher");
	TCase *tc = tcase_create("cipher");

	tcase_add_test(tc, test_suite_roundtrip);
	tcase_add_test(tc, test_suite_values);
	tcase_add_test(tc, test_unknown_suites);
	tcase_add_test(tc, test_akms);
	tcase_add_test(tc, test_key_lengths);
	tcase_add_test(tc, test_names_pick_protos);
	tcase_add_test(tc, test_pmf_suites);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(cipher_suite)
