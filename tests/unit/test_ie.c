// SPDX-License-Identifier: MIT
/* test_ie.c: element iterator, RSN/WPA element build and parse, the
 * (Re)AssocReq vs msg 2/4 comparison, and the AP policy helpers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "handshake.h"
#include "ie.h"
#include "mgmt.h"
#include "unit.h"
#include "util.h"
#include "vectors.h"

static const uint8_t rsn_ccmp[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
	0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
};

START_TEST(test_iter_ok)
{
	const uint8_t buf[] = { 0, 3, 'a', 'b', 'c', 3, 1, 6, 221, 4, 0, 0x50, 0xf2, 1 };
	struct ie_iter it;
	int n = 0;

	ie_iter_init(&it, buf, sizeof(buf));
	while (ie_iter_next(&it))
		n++;
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(it.error, 0);
	ck_assert_int_eq(ie_validate(buf, sizeof(buf), NULL), 0);
	ck_assert_ptr_eq(ie_find(buf, sizeof(buf), IE_DS_PARAMS, NULL), buf + 5);
	ck_assert_ptr_eq(ie_find_wpa(buf, sizeof(buf), NULL), buf + 8);
	ck_assert_ptr_null(ie_find(buf, sizeof(buf), IE_RSN, NULL));
	ie_iter_init(&it, NULL, 0);
	ck_assert(!ie_iter_next(&it));
	ck_assert_int_eq(it.error, 0);
}
END_TEST

START_TEST(test_iter_errors)
{
	const uint8_t trunc_hdr[] = { 0, 1, 'x', 3 };
	const uint8_t trunc_body[] = { 0, 5, 'a', 'b' };
	const uint8_t bad_ds[] = { 3, 2, 1, 1 };		/* DS params is 1 byte */
	const uint8_t long_ssid[35] = { 0, 33 };
	const char *why;

	ck_assert_int_eq(ie_validate(trunc_hdr, sizeof(trunc_hdr), &why), -EBADMSG);
	ck_assert_str_eq(why, "truncated element header");
	ck_assert_int_eq(ie_validate(trunc_body, sizeof(trunc_body), &why), -EBADMSG);
	ck_assert_int_eq(ie_validate(bad_ds, sizeof(bad_ds), &why), -EINVAL);
	ck_assert_int_eq(ie_validate(long_ssid, sizeof(long_ssid), &why), -EINVAL);
	ck_assert_str_eq(why, "element length outside the limits for its ID");
	ck_assert(!ie_len_valid(IE_SSID, 33));
	ck_assert(ie_len_valid(IE_SSID, 32));
	ck_assert(!ie_len_valid(IE_HT_CAP, 25));
	ck_assert(ie_len_valid(200, 0));
}
END_TEST

/* wpa_ie.tkip_ccmp: what hostapd advertises with wpa=1, TKIP CCMP. */
START_TEST(test_wpa_ie_vector)
{
	uint8_t want[64], out[IE_MAX_LEN];
	size_t wlen = vec_hex("wpa_ie.tkip_ccmp", want, sizeof(want)), olen;
	struct wpa_ie_info info = { 0 };
	struct hs_ap_policy pol = { .wpa = 1, .wpa_pairwise = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP };

	info.proto = IE_PROTO_WPA;
	info.group_cipher = WPA_CIPHER_TKIP;
	info.pairwise_ciphers = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP;
	info.akms = WPA_AKM_PSK;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &olen), 0);
	ck_assert_uint_eq(olen, wlen);
	ck_assert_mem_eq(out, want, wlen);
	ck_assert_int_eq(hs_ap_policy_build_ies(&pol, out, sizeof(out), &olen), 0);
	ck_assert_uint_eq(olen, wlen);
	ck_assert_mem_eq(out, want, wlen);

	memset(&info, 0xee, sizeof(info));
	ck_assert_int_eq(ie_parse_wpa(want, wlen, &info, NULL), 0);
	ck_assert_int_eq(info.proto, IE_PROTO_WPA);
	ck_assert_uint_eq(info.version, 1);
	ck_assert_uint_eq(info.group_cipher, WPA_CIPHER_TKIP);
	ck_assert_uint_eq(info.pairwise_ciphers, WPA_CIPHER_TKIP | WPA_CIPHER_CCMP);
	ck_assert_uint_eq(info.pairwise_count, 2);
	ck_assert_uint_eq(info.akms, WPA_AKM_PSK);
	ck_assert(!info.has_caps);
	ck_assert_uint_eq(info.pmkid_count, 0);
	/* small buffer */
	ck_assert_int_eq(ie_build(&info, out, wlen - 1, &olen), -ENOSPC);
}
END_TEST

START_TEST(test_rsn_roundtrip)
{
	struct wpa_ie_info info = { 0 }, back;
	uint8_t out[IE_MAX_LEN];
	size_t olen;

	info.proto = IE_PROTO_RSN;
	info.group_cipher = WPA_CIPHER_CCMP;
	info.pairwise_ciphers = WPA_CIPHER_CCMP;
	info.akms = WPA_AKM_PSK;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &olen), 0);
	ck_assert_uint_eq(olen, sizeof(rsn_ccmp));
	ck_assert_mem_eq(out, rsn_ccmp, olen);
	info.rsn_caps = 0x000c;
	info.pmkid_count = 2;
	memset(info.pmkid[0], 0xaa, 16);
	memset(info.pmkid[1], 0xbb, 16);
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &olen), 0);
	ck_assert_uint_eq(olen, sizeof(rsn_ccmp) + 2 + 32);
	ck_assert_int_eq(ie_parse_rsn(out, olen, &back, NULL), 0);
	ck_assert_uint_eq(back.rsn_caps, 0x000c);
	ck_assert(back.has_caps);
	ck_assert_uint_eq(back.pmkid_count, 2);
	ck_assert_mem_eq(back.pmkid[1], info.pmkid[1], 16);
	ck_assert_int_eq(ie_parse_wpa_any(out, olen, &back, NULL), 0);
	ck_assert_int_eq(back.proto, IE_PROTO_RSN);
	/* empty sets / bad group are refused */
	info.pairwise_ciphers = 0;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &olen), -EINVAL);
	info.pairwise_ciphers = WPA_CIPHER_CCMP;
	info.group_cipher = WPA_CIPHER_CCMP | WPA_CIPHER_TKIP;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &olen), -EINVAL);
}
END_TEST

/* 9.4.2.24.1: fields may be omitted from the end; defaults apply. */
START_TEST(test_rsn_defaults)
{
	const uint8_t only_version[] = { 0x30, 0x02, 0x01, 0x00 };
	const uint8_t group_only[] = { 0x30, 0x06, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02 };
	struct wpa_ie_info info;

	ck_assert_int_eq(ie_parse_rsn(only_version, sizeof(only_version), &info, NULL), 0);
	ck_assert_uint_eq(info.group_cipher, WPA_CIPHER_CCMP);
	ck_assert_uint_eq(info.pairwise_ciphers, WPA_CIPHER_CCMP);
	ck_assert_uint_eq(info.akms, WPA_AKM_8021X);
	ck_assert_int_eq(ie_parse_rsn(group_only, sizeof(group_only), &info, NULL), 0);
	ck_assert_uint_eq(info.group_cipher, WPA_CIPHER_TKIP);
}
END_TEST

START_TEST(test_rsn_malformed)
{
	uint8_t b[sizeof(rsn_ccmp)];
	struct wpa_ie_info info;
	const char *why;

	memcpy(b, rsn_ccmp, sizeof(b));
	b[2] = 2;	/* version 2 */
	ck_assert_int_eq(ie_parse_rsn(b, sizeof(b), &info, &why), -EPROTONOSUPPORT);
	memcpy(b, rsn_ccmp, sizeof(b));
	b[8] = 0;	/* pairwise count 0 */
	ck_assert_int_eq(ie_parse_rsn(b, sizeof(b), &info, &why), -EINVAL);
	ck_assert_str_eq(why, "pairwise suite count is zero");
	memcpy(b, rsn_ccmp, sizeof(b));
	b[8] = 9;	/* pairwise count runs past */
	ck_assert_int_eq(ie_parse_rsn(b, sizeof(b), &info, &why), -EINVAL);
	memcpy(b, rsn_ccmp, sizeof(b));
	b[1] = 0x15;	/* element length beyond buffer */
	ck_assert_int_eq(ie_parse_rsn(b, sizeof(b), &info, &why), -EINVAL);
	ck_assert_int_eq(ie_parse_rsn(NULL, 0, &info, &why), -ENOENT);
	ck_assert_int_eq(ie_parse_wpa(rsn_ccmp, sizeof(rsn_ccmp), &info, &why), -ENOENT);
	/* every truncation, with the length byte adjusted: parse or a clean
	 * -EINVAL, never a read past the element (ASan) */
	for (size_t len = 2; len < sizeof(rsn_ccmp); len++) {
		uint8_t *t = malloc(len);
		int ret;

		memcpy(t, rsn_ccmp, len);
		t[1] = (uint8_t)(len - 2);
		ret = ie_parse_rsn(t, len, &info, &why);
		/* valid cut points: after version, group, pairwise list, AKM list */
		if (len == 4 || len == 8 || len == 14 || len == 20)
			ck_assert_int_eq(ret, 0);
		else
			ck_assert_int_eq(ret, -EINVAL);
		free(t);
	}
}
END_TEST

START_TEST(test_compare_assoc)
{
	uint8_t b[sizeof(rsn_ccmp) + 18], wpa[64];
	size_t wlen = vec_hex("wpa_ie.tkip_ccmp", wpa, sizeof(wpa));
	const char *why;

	ck_assert_int_eq(ie_compare_assoc(rsn_ccmp, sizeof(rsn_ccmp), rsn_ccmp,
					  sizeof(rsn_ccmp), &why), IE_CMP_EQUAL);
	/* same parameters plus an empty PMKID list: equivalent */
	memcpy(b, rsn_ccmp, sizeof(rsn_ccmp));
	b[1] += 2;
	b[sizeof(rsn_ccmp)] = 0;
	b[sizeof(rsn_ccmp) + 1] = 0;
	ck_assert_int_eq(ie_compare_assoc(rsn_ccmp, sizeof(rsn_ccmp), b,
					  sizeof(rsn_ccmp) + 2, &why), IE_CMP_EQUIVALENT);
	/* pairwise TKIP instead of CCMP */
	memcpy(b, rsn_ccmp, sizeof(rsn_ccmp));
	b[13] = 0x02;
	ck_assert_int_eq(ie_compare_assoc(rsn_ccmp, sizeof(rsn_ccmp), b,
					  sizeof(rsn_ccmp), &why), IE_CMP_MISMATCH);
	ck_assert_str_eq(why, "pairwise cipher differs");
	ck_assert_int_eq(ie_compare_assoc(rsn_ccmp, sizeof(rsn_ccmp), wpa, wlen, &why),
			 IE_CMP_MISMATCH);
	ck_assert_str_eq(why, "protocol differs (WPA vs RSN)");
	b[2] = 7;
	ck_assert_int_eq(ie_compare_assoc(rsn_ccmp, sizeof(rsn_ccmp), b,
					  sizeof(rsn_ccmp), &why), IE_CMP_MALFORMED);
	ck_assert_int_eq(ie_compare_assoc(rsn_ccmp, sizeof(rsn_ccmp), NULL, 0, &why),
			 IE_CMP_MISMATCH);
}
END_TEST

START_TEST(test_policy)
{
	struct hs_ap_policy p = { .wpa = 3, .wpa_pairwise = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP };
	uint8_t ies[2 * IE_MAX_LEN], bad[sizeof(rsn_ccmp)];
	size_t len;
	enum ie_proto proto;
	uint32_t pw;
	uint16_t status;
	const char *why;
	struct wpa_ie_info info = { .proto = IE_PROTO_RSN, .group_cipher = WPA_CIPHER_TKIP,
				    .pairwise_ciphers = WPA_CIPHER_CCMP, .akms = WPA_AKM_PSK };
	uint8_t sta[IE_MAX_LEN];
	size_t slen;

	ck_assert_uint_eq(hs_ap_policy_group_cipher(&p), WPA_CIPHER_TKIP);
	ck_assert_int_eq(hs_ap_policy_build_ies(&p, ies, sizeof(ies), &len), 0);
	ck_assert_ptr_eq(ie_find(ies, len, IE_RSN, NULL), ies);
	ck_assert_ptr_nonnull(ie_find_wpa(ies, len, NULL));
	ck_assert_int_eq(ie_build(&info, sta, sizeof(sta), &slen), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&p, sta, slen, &proto, &pw,
						     &status, &why), 0);
	ck_assert_int_eq(proto, IE_PROTO_RSN);
	ck_assert_uint_eq(pw, WPA_CIPHER_CCMP);
	/* the STA's group cipher differs: 41 */
	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&p, rsn_ccmp, sizeof(rsn_ccmp),
						     &proto, &pw, &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 41);
	/* two pairwise suites: 42 */
	info.pairwise_ciphers = WPA_CIPHER_CCMP | WPA_CIPHER_TKIP;
	ck_assert_int_eq(ie_build(&info, sta, sizeof(sta), &slen), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&p, sta, slen, &proto, &pw,
						     &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 42);
	/* 802.1X AKM: 43 */
	info.pairwise_ciphers = WPA_CIPHER_CCMP;
	info.akms = WPA_AKM_8021X;
	ck_assert_int_eq(ie_build(&info, sta, sizeof(sta), &slen), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&p, sta, slen, &proto, &pw,
						     &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 43);
	/* version 2: 44; WPA element at an RSN-only AP: 40 */
	memcpy(bad, rsn_ccmp, sizeof(bad));
	bad[2] = 2;
	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&p, bad, sizeof(bad), &proto, &pw,
						     &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 44);
	p.wpa = 2;
	p.wpa_pairwise = WPA_CIPHER_CCMP;
	info.proto = IE_PROTO_WPA;
	info.group_cipher = WPA_CIPHER_CCMP;
	info.akms = WPA_AKM_PSK;
	ck_assert_int_eq(ie_build(&info, sta, sizeof(sta), &slen), 0);
	ck_assert_int_eq(hs_ap_policy_check_assoc_ie(&p, sta, slen, &proto, &pw,
						     &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 40);
}
END_TEST

START_TEST(test_cipher_helpers)
{
	char buf[32];

	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_TKIP), 32);
	ck_assert_uint_eq(wpa_cipher_key_len(WPA_CIPHER_CCMP), 16);
	ck_assert_uint_eq(wpa_cipher_ptk_len(WPA_CIPHER_TKIP), 64);
	ck_assert_uint_eq(wpa_cipher_ptk_len(WPA_CIPHER_CCMP), 48);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_CCMP), 0x000fac04);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_TKIP), 0x000fac02);
	ck_assert_uint_eq(wpa_cipher_to_suite32(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP), 0);
	ck_assert_str_eq(wpa_cipher_set_str(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP, buf,
					    sizeof(buf)), "CCMP TKIP");
	ck_assert_uint_eq(hs_desc_version(WPA_CIPHER_TKIP), 1);
	ck_assert_uint_eq(hs_desc_version(WPA_CIPHER_CCMP), 2);
}
END_TEST

START_TEST(test_iter_variants)
{
	/* SSID of 40 octets: outside the table, fine for the raw walk */
	uint8_t long_ssid[2 + 40 + 3] = { IE_SSID, 40 };
	/* key data: RSN element, a KDE, then padding */
	static const uint8_t kd[] = {
		0x30, 0x02, 0x01, 0x00,
		0xdd, 0x06, 0x00, 0x0f, 0xac, 0x01, 0x01, 0x00,
		0xdd, 0x00, 0x00, 0x00,
	};
	static const uint8_t kd_bad_pad[] = { 0x30, 0x02, 0x01, 0x00, 0xdd, 0x00, 0x01 };
	struct ie_iter it;
	size_t n;

	long_ssid[42] = IE_DS_PARAMS;
	long_ssid[43] = 1;
	ie_iter_init(&it, long_ssid, sizeof(long_ssid));
	ck_assert(!ie_iter_next(&it));
	ck_assert_int_eq(it.error, -EINVAL);
	ie_iter_init_raw(&it, long_ssid, sizeof(long_ssid));
	for (n = 0; ie_iter_next(&it); n++)
		;
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(it.error, 0);
	ck_assert_uint_eq(it.pos, sizeof(long_ssid));
	/* truncated input: every cut is an error, never a read past the end */
	for (size_t cut = 1; cut < sizeof(long_ssid); cut++) {
		ie_iter_init_raw(&it, long_ssid, cut);
		while (ie_iter_next(&it))
			ck_assert_uint_le(it.pos, cut);
		ck_assert_int_eq(it.error, cut == 42 ? 0 : -EBADMSG);
	}
	/* key data stops at padding, without an error */
	ie_iter_init_key_data(&it, kd, sizeof(kd));
	for (n = 0; ie_iter_next(&it); n++)
		;
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(it.error, 0);
	ck_assert_uint_eq(it.pos, 12);
	ck_assert_ptr_eq(ie_find_wpa_any(kd, sizeof(kd), IE_PROTO_RSN, &n), kd);
	ck_assert_uint_eq(n, 4);
	ck_assert_ptr_null(ie_find_wpa_any(kd, sizeof(kd), IE_PROTO_WPA, NULL));
	/* dd 00 followed by a non-zero octet is not padding: truncated */
	ie_iter_init_key_data(&it, kd_bad_pad, sizeof(kd_bad_pad));
	while (ie_iter_next(&it))
		;
	ck_assert_int_eq(it.error, -EBADMSG);
	for (size_t cut = 1; cut < 12; cut++) {
		ie_iter_init_key_data(&it, kd, cut);
		while (ie_iter_next(&it))
			;
		/* 4: after the RSN element; 5: a lone 0xdd is padding */
		ck_assert_int_eq(it.error, cut == 4 || cut == 5 ? 0 : -EBADMSG);
	}
	/* NULL buffer: empty */
	ie_iter_init_key_data(&it, NULL, 5);
	ck_assert(!ie_iter_next(&it));
	ck_assert_int_eq(it.error, 0);
}
END_TEST

/* --- PMF: MFPC/MFPR, PMKIDs, Group Management Cipher Suite ---------------- */

/* WPA3-Personal with PMF required: RSN, CCMP, SAE, caps MFPC|MFPR. */
static const uint8_t rsn_sae_pmf[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
	0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x08, 0xc0, 0x00,
};

START_TEST(test_rsn_pmf_build_parse)
{
	struct wpa_ie_info info = {
		.proto = IE_PROTO_RSN, .group_cipher = WPA_CIPHER_CCMP,
		.pairwise_ciphers = WPA_CIPHER_CCMP, .akms = WPA_AKM_SAE,
		.rsn_caps = RSN_CAP_MFPC | RSN_CAP_MFPR,
	};
	struct wpa_ie_info p;
	uint8_t out[IE_MAX_LEN];
	size_t len;

	ck_assert_uint_eq(RSN_CAP_MFPR, 1u << 6);
	ck_assert_uint_eq(RSN_CAP_MFPC, 1u << 7);
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, sizeof(rsn_sae_pmf));
	ck_assert_mem_eq(out, rsn_sae_pmf, len);
	ck_assert_int_eq(ie_parse_rsn(out, len, &p, NULL), 0);
	ck_assert_uint_eq(p.akms, WPA_AKM_SAE);
	ck_assert_uint_eq(p.rsn_caps, RSN_CAP_MFPC | RSN_CAP_MFPR);
	/* no field, MFPC: the default BIP-CMAC-128 (9.4.2.24.1) */
	ck_assert(!p.has_group_mgmt);
	ck_assert_uint_eq(p.group_mgmt_cipher, WPA_CIPHER_BIP_CMAC);

	/* PSK and PSK-SHA256 (WPA2/WPA3 transition), 2 PMKIDs, explicit
	 * BIP-CMAC-128 */
	info.akms = WPA_AKM_PSK | WPA_AKM_PSK_SHA256;
	info.rsn_caps = RSN_CAP_MFPC;
	info.pmkid_count = 2;
	memset(info.pmkid[0], 0x11, 16);
	memset(info.pmkid[1], 0x22, 16);
	info.has_group_mgmt = true;
	info.group_mgmt_cipher = WPA_CIPHER_BIP_CMAC;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 2 + 2 + 4 + 2 + 4 + 2 + 8 + 2 + 2 + 32 + 4);
	ck_assert_mem_eq(out + 14, "\x02\x00\x00\x0f\xac\x02\x00\x0f\xac\x06", 10);
	ck_assert_mem_eq(out + len - 4, "\x00\x0f\xac\x06", 4);
	ck_assert_int_eq(ie_parse_rsn(out, len, &p, NULL), 0);
	ck_assert_uint_eq(p.akms, WPA_AKM_PSK | WPA_AKM_PSK_SHA256);
	ck_assert_uint_eq(p.pmkid_count, 2);
	ck_assert_mem_eq(p.pmkid[1], info.pmkid[1], 16);
	ck_assert(p.has_group_mgmt);
	ck_assert_uint_eq(p.group_mgmt_cipher, WPA_CIPHER_BIP_CMAC);

	/* group management cipher and no PMKIDs: a PMKID count of 0 */
	info.pmkid_count = 0;
	info.group_mgmt_cipher = WPA_CIPHER_BIP_GMAC_256;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &len), 0);
	ck_assert_mem_eq(out + len - 6, "\x00\x00\x00\x0f\xac\x0c", 6);
	ck_assert_int_eq(ie_parse_rsn(out, len, &p, NULL), 0);
	ck_assert_uint_eq(p.pmkid_count, 0);
	ck_assert_uint_eq(p.group_mgmt_cipher, WPA_CIPHER_BIP_GMAC_256);

	/* build refuses a data cipher or a set as group management cipher,
	 * too many PMKIDs, and SAE in a WPA1 element */
	info.group_mgmt_cipher = WPA_CIPHER_CCMP;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &len), -EINVAL);
	info.group_mgmt_cipher = WPA_CIPHER_BIP_CMAC | WPA_CIPHER_BIP_GMAC;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &len), -EINVAL);
	info.group_mgmt_cipher = WPA_CIPHER_BIP_CMAC;
	info.pmkid_count = WPA_IE_MAX_PMKID + 1;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &len), -EINVAL);
	info.pmkid_count = 0;
	ck_assert_int_eq(ie_build(&info, out, 10, &len), -ENOSPC);
	info.proto = IE_PROTO_WPA;
	info.akms = WPA_AKM_SAE;
	ck_assert_int_eq(ie_build(&info, out, sizeof(out), &len), -EINVAL);

	/* today's elements parse as before: no group management cipher */
	ck_assert_int_eq(ie_parse_rsn(rsn_ccmp, sizeof(rsn_ccmp), &p, NULL), 0);
	ck_assert_uint_eq(p.group_mgmt_cipher, WPA_CIPHER_NONE);
	ck_assert(!p.has_group_mgmt);
}
END_TEST

/* An RSNE with every field, cut at every length: the element parses at
 * each field boundary and fails with a reason everywhere else. */
START_TEST(test_rsn_pmf_truncated)
{
	struct wpa_ie_info info = {
		.proto = IE_PROTO_RSN, .group_cipher = WPA_CIPHER_CCMP,
		.pairwise_ciphers = WPA_CIPHER_CCMP, .akms = WPA_AKM_SAE,
		.rsn_caps = RSN_CAP_MFPC, .pmkid_count = 1, .has_group_mgmt = true,
		.group_mgmt_cipher = WPA_CIPHER_BIP_CMAC,
	};
	/* body lengths where a field ends: version, group, pairwise list,
	 * AKM list, caps, PMKID list, group management cipher */
	static const size_t ok_at[] = { 2, 6, 12, 18, 20, 38, 42 };
	uint8_t full[IE_MAX_LEN], cut[IE_MAX_LEN];
	struct wpa_ie_info p;
	const char *why;
	size_t len;

	ck_assert_int_eq(ie_build(&info, full, sizeof(full), &len), 0);
	ck_assert_uint_eq(len, 2 + 42);
	for (size_t body = 0; body <= 42; body++) {
		bool ok = false;
		int ret;

		for (size_t i = 0; i < ARRAY_SIZE(ok_at); i++)
			ok |= body == ok_at[i];
		memcpy(cut, full, 2 + body);
		cut[1] = (uint8_t)body;
		why = NULL;
		ret = ie_parse_rsn(cut, 2 + body, &p, &why);
		if (ok) {
			ck_assert_msg(ret == 0, "body %zu: %d %s", body, ret, why);
		} else {
			ck_assert_msg(ret == -EINVAL, "body %zu: %d", body, ret);
			ck_assert_ptr_nonnull(why);
		}
		/* the element header claiming more than the buffer holds */
		ck_assert_int_eq(ie_parse_rsn(full, 2 + body, &p, &why),
				 body == 42 ? 0 : -EINVAL);
	}
	ck_assert_int_eq(ie_parse_rsn(full, len, &p, &why), 0);
	ck_assert_uint_eq(p.group_mgmt_cipher, WPA_CIPHER_BIP_CMAC);
	/* a data cipher as group management cipher: invalid */
	memcpy(cut, full, len);
	cut[len - 1] = 4;
	ck_assert_int_eq(ie_parse_rsn(cut, len, &p, &why), -EINVAL);
	ck_assert_str_eq(why, "group management cipher suite is not a BIP suite");
	cut[len - 1] = 0;	/* "use group": not a BIP suite either */
	ck_assert_int_eq(ie_parse_rsn(cut, len, &p, &why), -EINVAL);
	/* unknown suites (reserved type, a vendor OUI) parse as OTHER, for
	 * the policy to refuse */
	cut[len - 1] = 7;
	ck_assert_int_eq(ie_parse_rsn(cut, len, &p, &why), 0);
	ck_assert_uint_eq(p.group_mgmt_cipher, WPA_CIPHER_OTHER);
	cut[len - 1] = 6;
	cut[len - 4] = 0x50;
	ck_assert_int_eq(ie_parse_rsn(cut, len, &p, &why), 0);
	ck_assert_uint_eq(p.group_mgmt_cipher, WPA_CIPHER_OTHER);
	/* a PMKID count larger than the list */
	memcpy(cut, full, len);
	cut[2 + 20] = 3;
	ck_assert_int_eq(ie_parse_rsn(cut, len, &p, &why), -EINVAL);
	ck_assert_str_eq(why, "PMKID list runs past the element");
	/* the compare sees a different group management cipher */
	memcpy(cut, full, len);
	cut[len - 1] = 0x0d;
	ck_assert_int_eq(ie_compare_assoc(full, len, cut, len, &why), IE_CMP_MISMATCH);
	ck_assert_str_eq(why, "group management cipher differs");
}
END_TEST

static void sta_ie(struct wpa_ie_info *i, uint16_t caps, uint32_t pw)
{
	memset(i, 0, sizeof(*i));
	i->proto = IE_PROTO_RSN;
	i->group_cipher = WPA_CIPHER_CCMP;
	i->pairwise_ciphers = pw;
	i->akms = WPA_AKM_PSK;
	i->rsn_caps = caps;
	if (caps & RSN_CAP_MFPC)
		i->group_mgmt_cipher = WPA_CIPHER_BIP_CMAC;
}

/* 12.6.3 Table 12-6: the AP's setting against the STA's MFPC/MFPR. */
START_TEST(test_pmf_ap_matrix)
{
	static const uint16_t C = RSN_CAP_MFPC, R = RSN_CAP_MFPR;
	static const struct {
		enum ie_pmf ap;
		uint16_t sta_caps;
		int ret;
		uint16_t status;
		bool pmf;
	} t[] = {
		{ IE_PMF_DISABLED, 0, 0, 0, false },
		{ IE_PMF_DISABLED, C, 0, 0, false },
		{ IE_PMF_DISABLED, C | R, -EINVAL, 31, false },
		{ IE_PMF_DISABLED, R, -EINVAL, 45, false },
		{ IE_PMF_OPTIONAL, 0, 0, 0, false },
		{ IE_PMF_OPTIONAL, C, 0, 0, true },
		{ IE_PMF_OPTIONAL, C | R, 0, 0, true },
		{ IE_PMF_OPTIONAL, R, -EINVAL, 45, false },
		{ IE_PMF_REQUIRED, 0, -EINVAL, 31, false },
		{ IE_PMF_REQUIRED, C, 0, 0, true },
		{ IE_PMF_REQUIRED, C | R, 0, 0, true },
		{ IE_PMF_REQUIRED, R, -EINVAL, 45, false },
	};
	struct wpa_ie_info sta;
	const char *why;
	uint16_t status;
	bool pmf;

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		int ret;

		sta_ie(&sta, t[i].sta_caps, WPA_CIPHER_CCMP);
		ret = ie_pmf_ap_check(t[i].ap, WPA_CIPHER_BIP_CMAC, &sta, &pmf,
				      &status, &why);
		ck_assert_msg(ret == t[i].ret && status == t[i].status &&
			      pmf == t[i].pmf, "row %zu: %d %u %d (%s)", i, ret,
			      status, pmf, why ? why : "");
		if (ret)
			ck_assert_ptr_nonnull(why);
	}
	ck_assert_uint_eq(MGMT_STATUS_ROBUST_MGMT_POLICY_VIOLATION, 31);
	ck_assert_str_eq(mgmt_status_str(31), "ROBUST_MGMT_FRAME_POLICY_VIOLATION");
	/* PMF with TKIP pairwise: 31 */
	sta_ie(&sta, C, WPA_CIPHER_TKIP);
	ck_assert_int_eq(ie_pmf_ap_check(IE_PMF_OPTIONAL, WPA_CIPHER_BIP_CMAC, &sta,
					 &pmf, &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 31);
	/* but TKIP without PMF is today's behaviour */
	sta_ie(&sta, 0, WPA_CIPHER_TKIP);
	ck_assert_int_eq(ie_pmf_ap_check(IE_PMF_OPTIONAL, WPA_CIPHER_BIP_CMAC, &sta,
					 &pmf, &status, &why), 0);
	/* another group management cipher, or an unknown one: 46 */
	sta_ie(&sta, C, WPA_CIPHER_CCMP);
	sta.group_mgmt_cipher = WPA_CIPHER_BIP_GMAC_256;
	ck_assert_int_eq(ie_pmf_ap_check(IE_PMF_REQUIRED, WPA_CIPHER_BIP_CMAC, &sta,
					 &pmf, &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 46);
	sta.group_mgmt_cipher = WPA_CIPHER_OTHER;
	ck_assert_int_eq(ie_pmf_ap_check(IE_PMF_OPTIONAL, WPA_CIPHER_BIP_CMAC, &sta,
					 &pmf, &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 46);
	/* a WPA1 element: no PMF; refused only by an AP that requires it */
	sta_ie(&sta, C | R, WPA_CIPHER_TKIP);
	sta.proto = IE_PROTO_WPA;
	ck_assert_int_eq(ie_pmf_ap_check(IE_PMF_OPTIONAL, WPA_CIPHER_BIP_CMAC, &sta,
					 &pmf, &status, &why), 0);
	ck_assert(!pmf);
	ck_assert_int_eq(ie_pmf_ap_check(IE_PMF_REQUIRED, WPA_CIPHER_BIP_CMAC, &sta,
					 &pmf, &status, &why), -EINVAL);
	ck_assert_uint_eq(status, 31);
}
END_TEST

START_TEST(test_pmf_sta_matrix)
{
	static const uint16_t C = RSN_CAP_MFPC, R = RSN_CAP_MFPR;
	static const struct {
		enum ie_pmf sta;
		uint16_t ap_caps;
		int ret;
		bool pmf;
	} t[] = {
		{ IE_PMF_DISABLED, 0, 0, false },
		{ IE_PMF_DISABLED, C, 0, false },
		{ IE_PMF_DISABLED, C | R, -EPERM, false },
		{ IE_PMF_DISABLED, R, -EINVAL, false },
		{ IE_PMF_OPTIONAL, 0, 0, false },
		{ IE_PMF_OPTIONAL, C, 0, true },
		{ IE_PMF_OPTIONAL, C | R, 0, true },
		{ IE_PMF_OPTIONAL, R, -EINVAL, false },
		{ IE_PMF_REQUIRED, 0, -EPERM, false },
		{ IE_PMF_REQUIRED, C, 0, true },
		{ IE_PMF_REQUIRED, C | R, 0, true },
		{ IE_PMF_REQUIRED, R, -EINVAL, false },
	};
	struct wpa_ie_info ap;
	const char *why;
	bool pmf;

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		int ret;

		sta_ie(&ap, t[i].ap_caps, WPA_CIPHER_CCMP);
		ret = ie_pmf_sta_check(t[i].sta, &ap, &pmf, &why);
		ck_assert_msg(ret == t[i].ret && pmf == t[i].pmf,
			      "row %zu: %d %d (%s)", i, ret, pmf, why ? why : "");
	}
	sta_ie(&ap, C, WPA_CIPHER_CCMP);
	ap.group_mgmt_cipher = WPA_CIPHER_BIP_GMAC;
	ck_assert_int_eq(ie_pmf_sta_check(IE_PMF_OPTIONAL, &ap, &pmf, &why), -EOPNOTSUPP);
	/* the caps each setting advertises, and their validity */
	ck_assert_uint_eq(ie_pmf_rsn_caps(IE_PMF_DISABLED), 0);
	ck_assert_uint_eq(ie_pmf_rsn_caps(IE_PMF_OPTIONAL), C);
	ck_assert_uint_eq(ie_pmf_rsn_caps(IE_PMF_REQUIRED), C | R);
	ck_assert(ie_pmf_caps_valid(0));
	ck_assert(ie_pmf_caps_valid(C));
	ck_assert(ie_pmf_caps_valid(C | R));
	ck_assert(!ie_pmf_caps_valid(R));
	ck_assert_str_eq(ie_pmf_name(IE_PMF_REQUIRED), "required");
	ck_assert_str_eq(ie_pmf_name(IE_PMF_DISABLED), "disabled");
	ck_assert_str_eq(ie_pmf_name(IE_PMF_OPTIONAL), "optional");
}
END_TEST

static Suite *ie_suite(void)
{
	Suite *s = suite_create("ie");
	TCase *tc = tcase_create("ie");

	tcase_add_test(tc, test_iter_ok);
	tcase_add_test(tc, test_iter_errors);
	tcase_add_test(tc, test_wpa_ie_vector);
	tcase_add_test(tc, test_rsn_roundtrip);
	tcase_add_test(tc, test_rsn_defaults);
	tcase_add_test(tc, test_rsn_malformed);
	tcase_add_test(tc, test_compare_assoc);
	tcase_add_test(tc, test_policy);
	tcase_add_test(tc, test_cipher_helpers);
	tcase_add_test(tc, test_iter_variants);
	tcase_add_test(tc, test_rsn_pmf_build_parse);
	tcase_add_test(tc, test_rsn_pmf_truncated);
	tcase_add_test(tc, test_pmf_ap_matrix);
	tcase_add_test(tc, test_pmf_sta_matrix);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(ie_suite)
