// SPDX-License-Identifier: MIT
/* test_ft.c: the FT core (common/ft.c, ft_ie.c, ft_sta.c, ft_ap.c).
 *
 * Vectors: no FT key-hierarchy test vector is published (IEEE 802.11-2020
 * Annex J has none; see the "FT (802.11r) key hierarchy" block of
 * tests/unit/vectors/wpa3-ft-vectors.txt, searched again for this work).
 * As a last resort the hierarchy is checked against values computed
 * independently from the formulas of 12.7.1.7 by
 * tests/unit/vectors/ft_independent.py (Python hashlib/hmac), plus
 * cross-relations: PMKR1Name from PMKR0Name alone, every input changes
 * every output, both roles derive the same PTK. KDF-SHA256 itself is
 * checked against 802.11-2024 J.13 in test_pmf.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cipher.h"
#include "ft.h"
#include "ft_ie.h"
#include "ft_sm.h"
#include "ie.h"
#include "mgmt.h"
#include "unit.h"
#include "util.h"

static void unhex(const char *h, uint8_t *out, size_t len)
{
	ck_assert_int_eq(hex_decode(h, out, len), 0);
}

/* the inputs of ft_independent.py */
static const uint8_t mdid[2] = { 0xa1, 0xb2 };
static const char r0kh[] = "ap1.roamlab.example";
static const uint8_t spa[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t ap2[6] = { 0x02, 0, 0, 0, 0x0a, 0x02 };
static const char ssid[] = "roamlab-ft";

static void xxkey(uint8_t k[32])
{
	for (int i = 0; i < 32; i++)
		k[i] = (uint8_t)i;
}

static void nonces(uint8_t sn[32], uint8_t an[32])
{
	for (int i = 0; i < 32; i++) {
		sn[i] = (uint8_t)(0x20 + i);
		an[i] = (uint8_t)(0x40 + i);
	}
}

/* --- key hierarchy ------------------------------------------------------------ */

START_TEST(test_hierarchy_independent)
{
	uint8_t xx[32], r0[32], r0n[16], r1[32], r1n[16], r1n2[16], ptk[48], pn[16];
	uint8_t want[48], sn[32], an[32];

	xxkey(xx);
	nonces(sn, an);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, (const uint8_t *)ssid,
					  strlen(ssid), mdid, (const uint8_t *)r0kh,
					  strlen(r0kh), spa, r0, r0n), 0);
	unhex("9c2d50ef08559b8d01cfb31eca999ef23117f5c29d66af835ec40fa88934a11d", want, 32);
	ck_assert_mem_eq(r0, want, 32);
	unhex("6d69356bc3eefc6e9834e5d1ab4250aa", want, 16);
	ck_assert_mem_eq(r0n, want, 16);
	ck_assert_int_eq(ft_derive_pmk_r1(WPA_AKM_FT_PSK, r0, r0n, ap2, spa, r1, r1n), 0);
	unhex("d3d6ce3e3f24b524814a5acd519f872a79c3eeab740ceb8d300bebcdab316439", want, 32);
	ck_assert_mem_eq(r1, want, 32);
	unhex("153845ef766e0c0c58e81fa5807be33d", want, 16);
	ck_assert_mem_eq(r1n, want, 16);
	/* the name needs only the names and the key holders */
	ck_assert_int_eq(ft_derive_pmk_r1_name(r0n, ap2, spa, r1n2), 0);
	ck_assert_mem_eq(r1n, r1n2, 16);
	ck_assert_int_eq(ft_derive_ptk(WPA_AKM_FT_PSK, r1, r1n, sn, an, ap2, spa, ptk, 48,
				       pn), 0);
	unhex("55b5d21be444b86440ce78ffacb6fd500a3452966bd46b9b8c59a476c8c3bff8"
	      "b9a5a0b86fc65e066e3b5bfd9c330f91", want, 48);
	ck_assert_mem_eq(ptk, want, 48);
	unhex("714595ef98c6d2dbd7bb8a474bc6b379", want, 16);
	ck_assert_mem_eq(pn, want, 16);
	/* FT-SAE and FT-802.1X run the same SHA-256 hierarchy */
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_SAE, xx, 32, (const uint8_t *)ssid,
					  strlen(ssid), mdid, (const uint8_t *)r0kh,
					  strlen(r0kh), spa, r1, r1n), 0);
	ck_assert_mem_eq(r1, r0, 32);
}
END_TEST

/* Flip one byte of each input in turn: every output changes. */
START_TEST(test_hierarchy_inputs)
{
	uint8_t xx[32], s[10], md[2], kh[19], a[6], r1kh[6], sn[32], an[32];
	uint8_t r0[32], r0n[16], b0[32], b0n[16], r1[32], r1n[16], b1[32], b1n[16];
	uint8_t ptk[48], pn[16], bp[48], bpn[16];
	uint8_t *in[] = { xx, s, md, kh, a };
	int which = _i;

	xxkey(xx);
	memcpy(s, ssid, 10);
	memcpy(md, mdid, 2);
	memcpy(kh, r0kh, 19);
	memcpy(a, spa, 6);
	memcpy(r1kh, ap2, 6);
	nonces(sn, an);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, s, 10, md, kh, 19, a, r0,
					  r0n), 0);
	ck_assert_int_eq(ft_derive_pmk_r1(WPA_AKM_FT_PSK, r0, r0n, r1kh, a, r1, r1n), 0);
	ck_assert_int_eq(ft_derive_ptk(WPA_AKM_FT_PSK, r1, r1n, sn, an, r1kh, a, ptk, 48,
				       pn), 0);
	if (which < 5) {
		in[which][0] ^= 0x01;
		ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, s, 10, md, kh, 19,
						  a, b0, b0n), 0);
		ck_assert_mem_ne(b0, r0, 32);
		ck_assert_mem_ne(b0n, r0n, 16);
		in[which][0] ^= 0x01;
	}
	/* R1 inputs: PMK-R0 (key only), PMKR0Name (name only), R1KH, S1KH */
	r0[0] ^= 1;
	ck_assert_int_eq(ft_derive_pmk_r1(WPA_AKM_FT_PSK, r0, r0n, r1kh, a, b1, b1n), 0);
	ck_assert_mem_ne(b1, r1, 32);
	ck_assert_mem_eq(b1n, r1n, 16);
	r0[0] ^= 1;
	r0n[0] ^= 1;
	ck_assert_int_eq(ft_derive_pmk_r1(WPA_AKM_FT_PSK, r0, r0n, r1kh, a, b1, b1n), 0);
	ck_assert_mem_eq(b1, r1, 32);
	ck_assert_mem_ne(b1n, r1n, 16);
	r0n[0] ^= 1;
	r1kh[5] ^= 1;
	ck_assert_int_eq(ft_derive_pmk_r1(WPA_AKM_FT_PSK, r0, r0n, r1kh, a, b1, b1n), 0);
	ck_assert_mem_ne(b1, r1, 32);
	ck_assert_mem_ne(b1n, r1n, 16);
	r1kh[5] ^= 1;
	/* PTK inputs: the nonces' order matters (SNonce first) */
	ck_assert_int_eq(ft_derive_ptk(WPA_AKM_FT_PSK, r1, r1n, an, sn, r1kh, a, bp, 48,
				       bpn), 0);
	ck_assert_mem_ne(bp, ptk, 48);
	ck_assert_mem_ne(bpn, pn, 16);
	ck_assert_int_eq(ft_derive_ptk(WPA_AKM_FT_PSK, r1, r1n, sn, an, a, r1kh, bp, 48,
				       bpn), 0);
	ck_assert_mem_ne(bp, ptk, 48);
	r1n[3] ^= 1;
	ck_assert_int_eq(ft_derive_ptk(WPA_AKM_FT_PSK, r1, r1n, sn, an, r1kh, a, bp, 48,
				       bpn), 0);
	ck_assert_mem_eq(bp, ptk, 48);	/* the name is not a key input */
	ck_assert_mem_ne(bpn, pn, 16);
}
END_TEST

START_TEST(test_hierarchy_args)
{
	uint8_t xx[32], r0[32], r0n[16], r1[32], out[48];
	uint8_t long_ssid[33] = { 0 }, long_kh[49] = { 0 };

	xxkey(xx);
	ck_assert(ft_akm_supported(WPA_AKM_FT_PSK));
	ck_assert(ft_akm_supported(WPA_AKM_FT_SAE));
	ck_assert(!ft_akm_supported(WPA_AKM_PSK));
	ck_assert(!ft_akm_supported(WPA_AKM_FT_PSK | WPA_AKM_FT_SAE));
	ck_assert_uint_eq(ft_akm_pmk_len(WPA_AKM_FT_SAE), 32);
	ck_assert_uint_eq(ft_akm_pmk_len(WPA_AKM_SAE), 0);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_PSK, xx, 32, (const uint8_t *)ssid, 10,
					  mdid, (const uint8_t *)r0kh, 19, spa, r0, r0n),
			 -EINVAL);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, (const uint8_t *)ssid, 0,
					  mdid, (const uint8_t *)r0kh, 19, spa, r0, r0n),
			 -EINVAL);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, long_ssid, 33, mdid,
					  (const uint8_t *)r0kh, 19, spa, r0, r0n), -EINVAL);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, (const uint8_t *)ssid, 10,
					  mdid, long_kh, 49, spa, r0, r0n), -EINVAL);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, (const uint8_t *)ssid, 10,
					  mdid, long_kh, 0, spa, r0, r0n), -EINVAL);
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 0, (const uint8_t *)ssid, 10,
					  mdid, long_kh, 1, spa, r0, r0n), -EINVAL);
	/* the longest SSID and R0KH-ID are accepted */
	ck_assert_int_eq(ft_derive_pmk_r0(WPA_AKM_FT_PSK, xx, 32, long_ssid, 32, mdid,
					  long_kh, 48, spa, r0, r0n), 0);
	ck_assert_int_eq(ft_derive_pmk_r1(WPA_AKM_SAE, r0, r0n, ap2, spa, r1, NULL), -EINVAL);
	ck_assert_int_eq(ft_derive_ptk(WPA_AKM_FT_PSK, r1, r0n, xx, xx, ap2, spa, out, 31,
				       NULL), -EINVAL);
	ck_assert_int_eq(ft_derive_ptk(WPA_AKM_FT_PSK, r1, NULL, xx, xx, ap2, spa, out, 48,
				       r0n), -EINVAL);
	ck_assert_int_eq(ft_xxkey_from_msk(xx, 32, r0), -EINVAL);
}
END_TEST

/* --- elements ------------------------------------------------------------------ */

START_TEST(test_mde)
{
	uint8_t buf[8];
	struct ft_mde in = { .mdid = { 0xa1, 0xb2 }, .cap = FT_CAP_OVER_DS }, out;
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(ft_mde_build(&w, &in), 0);
	ck_assert_uint_eq(w.len, 5);
	ck_assert_int_eq(ft_mde_parse(buf, 5, &out), 0);
	ck_assert_mem_eq(out.mdid, in.mdid, 2);
	ck_assert_uint_eq(out.cap, FT_CAP_OVER_DS);
	for (size_t n = 0; n < 5; n++)
		ck_assert_int_eq(ft_mde_parse(buf, n, &out), -EBADMSG);
	buf[1] = 4;
	ck_assert_int_eq(ft_mde_parse(buf, 5, &out), -EBADMSG);
	buf[1] = 3;
	buf[0] = IE_FTE;
	ck_assert_int_eq(ft_mde_parse(buf, 5, &out), -EBADMSG);
	wbuf_init(&w, buf, 4);
	ck_assert_int_eq(ft_mde_build(&w, &in), -ENOSPC);
	/* the element length table: an MDE of 2 or 4 is malformed */
	ck_assert(!ie_len_valid(IE_MDE, 2));
	ck_assert(!ie_len_valid(IE_MDE, 4));
	ck_assert(ie_len_valid(IE_MDE, 3));
	ck_assert(!ie_len_valid(IE_FTE, 81));
	ck_assert(!ie_len_valid(IE_NEIGHBOR_REPORT, 12));
}
END_TEST

static const uint8_t kek[16] = { 0x0f, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };

/* An FTE with every subelement, and an unknown one (ID 9) in the middle. */
static size_t full_fte(uint8_t *buf, size_t cap)
{
	uint8_t an[32], sn[32], mic[16], gtk[16], igtk[16], rsc[8] = { 1, 2, 3 };
	uint8_t gsub[FT_GTK_SUB_MAX], isub[FT_IGTK_SUB_MAX];
	struct ft_fte_fields f = { .element_count = 3 };
	struct wbuf w;

	nonces(sn, an);
	memset(mic, 0x5a, sizeof(mic));
	memset(gtk, 0x77, sizeof(gtk));
	memset(igtk, 0x66, sizeof(igtk));
	ck_assert_int_eq(ft_gtk_sub_build(kek, 16, 2, rsc, gtk, 16, gsub, sizeof(gsub),
					  &f.gtk_len), 0);
	ck_assert_int_eq(ft_igtk_sub_build(kek, 16, 4, 0x010203040506ULL, igtk, 16, isub,
					   sizeof(isub), &f.igtk_len), 0);
	f.mic = mic;
	f.anonce = an;
	f.snonce = sn;
	f.r1kh_id = ap2;
	f.r0kh_id = (const uint8_t *)r0kh;
	f.r0kh_id_len = strlen(r0kh);
	f.gtk = gsub;
	f.igtk = isub;
	wbuf_init(&w, buf, cap);
	ck_assert_int_eq(ft_fte_build(&w, &f), 0);
	return w.len;
}

START_TEST(test_fte_roundtrip)
{
	uint8_t buf[300], an[32], sn[32];
	struct ft_fte f;
	struct ft_gtk g;
	struct ft_igtk ig;
	const char *why = NULL;
	size_t n = full_fte(buf, sizeof(buf));

	nonces(sn, an);
	ck_assert_int_eq(ft_fte_parse(buf, n, &f, &why), 0);
	ck_assert_uint_eq(f.element_count, 3);
	ck_assert(!f.rsnxe_used);
	ck_assert_mem_eq(f.anonce, an, 32);
	ck_assert_mem_eq(f.snonce, sn, 32);
	ck_assert_ptr_nonnull(f.r1kh_id);
	ck_assert_mem_eq(f.r1kh_id, ap2, 6);
	ck_assert_uint_eq(f.r0kh_id_len, strlen(r0kh));
	ck_assert_mem_eq(f.r0kh_id, r0kh, strlen(r0kh));
	ck_assert_uint_eq(f.gtk_len, 35);
	ck_assert_uint_eq(f.igtk_len, 33);
	ck_assert_uint_eq(f.unknown, 0);
	ck_assert_int_eq(ft_gtk_sub_parse(kek, 16, f.gtk, f.gtk_len, &g), 0);
	ck_assert_uint_eq(g.key_id, 2);
	ck_assert_uint_eq(g.key_len, 16);
	ck_assert_uint_eq(g.key[0], 0x77);
	ck_assert_uint_eq(g.rsc[2], 3);
	ck_assert_int_eq(ft_igtk_sub_parse(kek, 16, f.igtk, f.igtk_len, &ig), 0);
	ck_assert_uint_eq(ig.key_id, 4);
	ck_assert(ig.ipn == 0x010203040506ULL);
	ck_assert_uint_eq(ig.key[15], 0x66);
	/* another KEK: the wrap's integrity check fails, nothing leaks */
	{
		uint8_t k2[16];

		memcpy(k2, kek, 16);
		k2[0] ^= 1;
		ck_assert_int_eq(ft_gtk_sub_parse(k2, 16, f.gtk, f.gtk_len, &g), -EBADMSG);
		ck_assert_uint_eq(g.key_len, 0);
		ck_assert_int_eq(ft_igtk_sub_parse(k2, 16, f.igtk, f.igtk_len, &ig), -EBADMSG);
	}
	/* truncated subelement bodies */
	for (size_t i = 0; i < f.gtk_len; i++)
		ck_assert_int_eq(ft_gtk_sub_parse(kek, 16, f.gtk, i, &g), -EBADMSG);
	for (size_t i = 0; i < f.igtk_len; i++)
		ck_assert_int_eq(ft_igtk_sub_parse(kek, 16, f.igtk, i, &ig), -EBADMSG);
	ft_gtk_clear(&g);
	ft_igtk_clear(&ig);
}
END_TEST

/* Every shorter buffer, and every shorter element (length octet fixed up),
 * is refused or parses without reading past its end. */
START_TEST(test_fte_truncated)
{
	uint8_t buf[300], cut[300];
	bool boundary[300] = { false };
	struct ft_fte f;
	size_t n = full_fte(buf, sizeof(buf));

	/* where a subelement ends the shorter FTE is a valid one */
	for (size_t pos = 2 + FT_FTE_FIXED_LEN; pos < n; pos += 2 + buf[pos + 1])
		boundary[pos] = true;
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(ft_fte_parse(buf, i, &f, NULL), -EBADMSG);
		memcpy(cut, buf, i);
		if (i >= 2) {
			cut[1] = (uint8_t)(i - 2);
			/* fixed part cut: refused; a subelement cut: runs past */
			ck_assert_int_eq(ft_fte_parse(cut, i, &f, NULL),
					 boundary[i] ? 0 : -EBADMSG);
		}
	}
}
END_TEST

static size_t fte_with_subs(uint8_t *buf, const uint8_t *subs, size_t subs_len)
{
	uint8_t fixed[FT_FTE_FIXED_LEN] = { 0 };

	buf[0] = IE_FTE;
	buf[1] = (uint8_t)(FT_FTE_FIXED_LEN + subs_len);
	memcpy(buf + 2, fixed, sizeof(fixed));
	memcpy(buf + 2 + FT_FTE_FIXED_LEN, subs, subs_len);
	return 2 + FT_FTE_FIXED_LEN + subs_len;
}

START_TEST(test_fte_bad_subelements)
{
	static const struct {
		uint8_t subs[24];
		size_t len;
		int ret;
		unsigned int unknown;
	} cases[] = {
		{ { 1, 5, 1, 2, 3, 4, 5 }, 7, -EBADMSG, 0 },		/* R1KH-ID of 5 */
		{ { 1, 7, 1, 2, 3, 4, 5, 6, 7 }, 9, -EBADMSG, 0 },	/* R1KH-ID of 7 */
		{ { 3, 0 }, 2, -EBADMSG, 0 },				/* empty R0KH-ID */
		{ { 3, 1, 'a', 3, 1, 'b' }, 6, -EBADMSG, 0 },		/* twice */
		{ { 2, 3, 0, 0, 16 }, 5, -EBADMSG, 0 },			/* short GTK */
		{ { 4, 8, 4, 0 }, 4, -EBADMSG, 0 },			/* runs past */
		{ { 3, 2, 'a' }, 3, -EBADMSG, 0 },			/* runs past */
		{ { 3 }, 1, -EBADMSG, 0 },				/* half header */
		{ { 9, 2, 0, 0, 3, 1, 'x', 200, 0 }, 9, 0, 2 },		/* unknown skipped */
		{ { 5, 0 }, 2, 0, 1 },					/* OCI: skipped */
	};
	uint8_t buf[300];
	struct ft_fte f;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t n = fte_with_subs(buf, cases[i].subs, cases[i].len);
		const char *why = NULL;
		int ret = ft_fte_parse(buf, n, &f, &why);

		ck_assert_msg(ret == cases[i].ret, "case %zu: %d (%s)", i, ret, why ? why : "");
		if (!ret)
			ck_assert_uint_eq(f.unknown, cases[i].unknown);
		else
			ck_assert_ptr_nonnull(why);
	}
	/* builder refusals */
	{
		struct ft_fte_fields bad = { .r0kh_id = (const uint8_t *)r0kh, .r0kh_id_len = 49 };
		struct wbuf w;

		wbuf_init(&w, buf, sizeof(buf));
		ck_assert_int_eq(ft_fte_build(&w, &bad), -EINVAL);
		bad.r0kh_id_len = 5;
		wbuf_init(&w, buf, 50);
		ck_assert_int_eq(ft_fte_build(&w, &bad), -ENOSPC);
	}
	{
		uint8_t g[16] = { 0 }, out[64];
		size_t len;

		ck_assert_int_eq(ft_gtk_sub_build(kek, 16, 0, NULL, g, 16, out, sizeof(out), &len),
				 -EINVAL);
		ck_assert_int_eq(ft_gtk_sub_build(kek, 16, 1, NULL, g, 5, out, sizeof(out), &len),
				 -EINVAL);
		ck_assert_int_eq(ft_igtk_sub_build(kek, 16, 6, 0, g, 16, out, sizeof(out), &len),
				 -EINVAL);
		ck_assert_int_eq(ft_igtk_sub_build(kek, 16, 4, 1ULL << 48, g, 16, out,
						   sizeof(out), &len), -EINVAL);
		ck_assert_int_eq(ft_gtk_sub_build(kek, 16, 1, NULL, g, 16, out, 20, &len),
				 -ENOSPC);
	}
}
END_TEST

START_TEST(test_ies_parse)
{
	static const uint8_t dup[] = { 54, 3, 1, 2, 0, 54, 3, 1, 2, 0 };
	static const uint8_t bad_mde[] = { 54, 2, 1, 2 };
	static const uint8_t tie[] = { 56, 5, 2, 0x10, 0x0e, 0, 0, 56, 5, 1, 20, 0, 0, 0,
				       57, 4, 1, 1, 0, 0, 58, 2, 9, 9 };
	struct ft_ies ies;
	const char *why;

	ck_assert_int_eq(ft_ies_parse(dup, sizeof(dup), &ies, &why), -EBADMSG);
	ck_assert_int_eq(ft_ies_parse(bad_mde, sizeof(bad_mde), &ies, &why), -EBADMSG);
	ck_assert_int_eq(ft_ies_parse(tie, sizeof(tie), &ies, &why), 0);
	ck_assert(ies.has_tie_lifetime);
	ck_assert_uint_eq(ies.tie_lifetime_s, 3600);
	ck_assert(ies.has_tie_deadline);
	ck_assert_uint_eq(ies.tie_deadline_tu, 20);
	ck_assert_ptr_eq(ies.ric, tie + 14);
	ck_assert_uint_eq(ies.ric_len, 6);	/* the RDE alone: 58 is not RIC */
	for (size_t i = 1; i < sizeof(tie); i++) {
		int ret = ft_ies_parse(tie, i, &ies, &why);

		if (i == 7 || i == 14 || i == 20)
			ck_assert_int_eq(ret, 0);
		else
			ck_assert_int_eq(ret, -EBADMSG);
	}
}
END_TEST

/* --- MIC ------------------------------------------------------------------------ */

static size_t mic_frame(uint8_t *buf, size_t cap)
{
	struct ft_mde mde = { .mdid = { 0xa1, 0xb2 } };
	static const uint8_t rsne[] = { 48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac,
					4, 1, 0, 0, 0x0f, 0xac, 4, 0, 0 };
	uint8_t an[32], sn[32];
	struct ft_fte_fields f = { .element_count = 3, .r1kh_id = ap2,
				   .r0kh_id = (const uint8_t *)r0kh, .r0kh_id_len = 19 };
	struct wbuf w;

	nonces(sn, an);
	f.anonce = an;
	f.snonce = sn;
	wbuf_init(&w, buf, cap);
	wbuf_put_data(&w, rsne, sizeof(rsne));
	ck_assert_int_eq(ft_mde_build(&w, &mde), 0);
	ck_assert_int_eq(ft_fte_build(&w, &f), 0);
	return w.len;
}

START_TEST(test_mic)
{
	uint8_t buf[300], kck[16], mic[16], mic2[16];
	struct ft_ies ies;
	size_t n = mic_frame(buf, sizeof(buf));

	memset(kck, 0x42, sizeof(kck));
	ck_assert_int_eq(ft_ies_parse(buf, n, &ies, NULL), 0);
	ck_assert_int_eq(ft_mic_compute(kck, 16, spa, ap2, FT_SEQ_REASSOC_REQ, &ies, mic), 0);
	ck_assert_int_eq(ft_fte_set_mic((uint8_t *)ies.fte, ies.fte_len, mic), 0);
	ck_assert(ft_mic_verify(kck, 16, spa, ap2, FT_SEQ_REASSOC_REQ, &ies));
	/* the MIC field itself is taken as zero */
	ck_assert_int_eq(ft_mic_compute(kck, 16, spa, ap2, FT_SEQ_REASSOC_REQ, &ies, mic2), 0);
	ck_assert_mem_eq(mic, mic2, 16);
	/* other sequence number, swapped addresses, other key: fail */
	ck_assert(!ft_mic_verify(kck, 16, spa, ap2, FT_SEQ_REASSOC_RESP, &ies));
	ck_assert(!ft_mic_verify(kck, 16, ap2, spa, FT_SEQ_REASSOC_REQ, &ies));
	kck[0] ^= 1;
	ck_assert(!ft_mic_verify(kck, 16, spa, ap2, FT_SEQ_REASSOC_REQ, &ies));
	kck[0] ^= 1;
	ck_assert(!ft_mic_verify(kck, 24, spa, ap2, FT_SEQ_REASSOC_REQ, &ies));
	/* every covered octet outside the MIC field counts */
	for (size_t i = 0; i < n; i++) {
		size_t mic_off = (size_t)(ies.fte - buf) + 4;

		if (i >= mic_off && i < mic_off + 16)
			continue;
		buf[i] ^= 0x01;
		ck_assert_msg(!ft_mic_verify(kck, 16, spa, ap2, FT_SEQ_REASSOC_REQ, &ies),
			      "octet %zu not covered", i);
		buf[i] ^= 0x01;
	}
	ies.fte = NULL;
	ck_assert_int_eq(ft_mic_compute(kck, 16, spa, ap2, 5, &ies, mic), -EBADMSG);
}
END_TEST

/* --- FT Action frames (over the DS) ------------------------------------------ */

START_TEST(test_action)
{
	uint8_t ies[300], buf[400];
	size_t n = mic_frame(ies, sizeof(ies));

	for (uint8_t act = FT_ACTION_REQUEST; act <= FT_ACTION_ACK; act++) {
		struct ft_action a;
		struct wbuf w;
		size_t fixed = (act == FT_ACTION_RESPONSE || act == FT_ACTION_ACK) ? 16 : 14;

		wbuf_init(&w, buf, sizeof(buf));
		ck_assert_int_eq(ft_action_build(&w, act, spa, ap2, 53, ies, n), 0);
		ck_assert_uint_eq(w.len, fixed + n);
		ck_assert_int_eq(ft_action_parse(buf, w.len, &a, NULL), 0);
		ck_assert_uint_eq(a.action, act);
		ck_assert_mem_eq(a.sta, spa, 6);
		ck_assert_mem_eq(a.target_ap, ap2, 6);
		ck_assert_uint_eq(a.has_status, fixed == 16);
		ck_assert_uint_eq(a.status, fixed == 16 ? 53 : 0);
		ck_assert_uint_eq(a.ies_len, n);
		for (size_t i = 0; i < w.len; i++) {
			int ret = ft_action_parse(buf, i, &a, NULL);

			/* cut between elements: a shorter valid frame */
			if (i == fixed || i == fixed + 22 || i == fixed + 27)
				ck_assert_int_eq(ret, 0);
			else
				ck_assert_msg(ret == -EBADMSG, "len %zu: %d", i, ret);
		}
	}
	{
		struct ft_action a;
		struct wbuf w;

		wbuf_init(&w, buf, sizeof(buf));
		ck_assert_int_eq(ft_action_build(&w, 5, spa, ap2, 0, NULL, 0), -EINVAL);
		ck_assert_int_eq(ft_action_build(&w, FT_ACTION_REQUEST, spa, ap2, 0, NULL, 0), 0);
		buf[0] = 5;
		ck_assert_int_eq(ft_action_parse(buf, w.len, &a, NULL), -EPROTO);
		buf[0] = FT_CATEGORY;
		buf[1] = 0;
		ck_assert_int_eq(ft_action_parse(buf, w.len, &a, NULL), -EINVAL);
	}
}
END_TEST

/* --- both machines in one process ----------------------------------------------- */

enum tamper {
	T_NONE,
	T_REQ_PMKID,		/* reassoc request: PMKID */
	T_REQ_PMKID_SWAPPED,	/* reassoc request: PMKID with R1KH/S1KH swapped */
	T_REQ_MIC,
	T_REQ_ANONCE,
	T_RESP_MIC,
	T_RESP_ANONCE,
	T_AUTH_RESP_SNONCE,
	T_REQ_NO_MDE,
};

struct msg {
	enum ft_msg m;
	uint16_t status;
	uint8_t ies[FT_IES_MAX];
	size_t len;
	bool full;
};

struct pair {
	struct ft_sta *sta;
	struct ft_ap *ap;
	struct msg to_ap, to_sta;
	enum tamper tamper;
	int lookup;		/* what get_pmk_r1 answers: 0, -ENOENT, -ESRCH */
	uint8_t sta_tk[32], ap_tk[32], sta_gtk[32], sta_igtk[32];
	size_t tk_len;
	unsigned int sta_keys, ap_keys, states;
	enum ft_reason failed_reason;
	char diagnosis[200];
	uint8_t seed;
};

static int rnd(void *ctx, uint8_t *buf, size_t len)
{
	struct pair *p = ctx;

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(p->seed++ * 37 + 11);
	return 0;
}

static uint8_t *find(struct msg *m, uint8_t id)
{
	size_t el;

	return (uint8_t *)ie_find(m->ies, m->len, id, &el);
}

static int tx(void *ctx, const uint8_t *peer, enum ft_msg m, uint16_t status,
	      const uint8_t *ies, size_t len)
{
	struct pair *p = ctx;
	struct msg *q = (m == FT_MSG_AUTH_REQ || m == FT_MSG_REASSOC_REQ) ? &p->to_ap
									 : &p->to_sta;
	uint8_t *e;

	ck_assert(!q->full);
	ck_assert_uint_le(len, sizeof(q->ies));
	q->m = m;
	q->status = status;
	if (len)
		memcpy(q->ies, ies, len);
	q->len = len;
	q->full = true;
	if (m == FT_MSG_REASSOC_REQ) {
		e = find(q, IE_RSN);
		switch (p->tamper) {
		case T_REQ_PMKID:
			/* the PMKID list ends before the group management
			 * cipher suite */
			e[2 + e[1] - 4 - 1] ^= 0x80;
			break;
		case T_REQ_PMKID_SWAPPED: {
			uint8_t r0n[16];

			ck_assert_int_eq(ft_sta_names(p->sta, r0n, NULL, NULL), 0);
			ck_assert_int_eq(ft_derive_pmk_r1_name(r0n, spa, ap2,
							       e + 2 + e[1] - 4 - 16), 0);
			break;
		}
		case T_REQ_MIC:
			find(q, IE_FTE)[2 + 2 + 7] ^= 0x01;
			break;
		case T_REQ_ANONCE:
			find(q, IE_FTE)[2 + 18] ^= 0x01;
			break;
		case T_REQ_NO_MDE:
			find(q, IE_MDE)[0] = 200;	/* an unknown element now */
			break;
		case T_NONE:
		case T_RESP_MIC:
		case T_RESP_ANONCE:
		case T_AUTH_RESP_SNONCE:
			break;
		}
	}
	if (m == FT_MSG_REASSOC_RESP && len) {
		if (p->tamper == T_RESP_MIC)
			find(q, IE_FTE)[2 + 2] ^= 0x01;
		if (p->tamper == T_RESP_ANONCE)
			find(q, IE_FTE)[2 + 18 + 31] ^= 0x01;
	}
	if (m == FT_MSG_AUTH_RESP && len && p->tamper == T_AUTH_RESP_SNONCE)
		find(q, IE_FTE)[2 + 50] ^= 0x01;
	return 0;
}

static int install(void *ctx, const struct ft_key *k, bool sta)
{
	struct pair *p = ctx;

	switch (k->kind) {
	case FT_KEY_PTK:
		memcpy(sta ? p->sta_tk : p->ap_tk, k->key, k->key_len);
		p->tk_len = k->key_len;
		break;
	case FT_KEY_GTK:
		ck_assert(sta);
		memcpy(p->sta_gtk, k->key, k->key_len);
		ck_assert_uint_eq(k->key_idx, 1);
		ck_assert_uint_eq(k->seq[0], 0x21);
		break;
	case FT_KEY_IGTK:
		ck_assert(sta);
		memcpy(p->sta_igtk, k->key, k->key_len);
		ck_assert_uint_eq(k->key_idx, 5);
		ck_assert_uint_eq(k->seq[0], 9);
		break;
	}
	if (sta)
		p->sta_keys++;
	else
		p->ap_keys++;
	return 0;
}

static int sta_install(void *ctx, const struct ft_key *k)
{
	return install(ctx, k, true);
}

static int ap_install(void *ctx, const struct ft_key *k)
{
	return install(ctx, k, false);
}

static void event(void *ctx, const struct ft_event *ev)
{
	struct pair *p = ctx;

	ck_assert_ptr_nonnull(ev->text);
	if (ev->type == FT_EV_STATE)
		p->states++;
	if (ev->type == FT_EV_FAILED && ev->role == FT_ROLE_AP) {
		p->failed_reason = ev->reason;
		if (ev->diagnosis)
			snprintf(p->diagnosis, sizeof(p->diagnosis), "%s", ev->diagnosis);
	}
}

/* The R0KH-ID "ap1.roamlab.example" is reachable; the key is derived from
 * the PSK there, as hostapd's ft_psk_generate_local does. */
static int get_pmk_r1(void *ctx, const struct ft_r1_query *q, uint8_t *pmk_r1)
{
	struct pair *p = ctx;
	uint8_t xx[32], r0[32], r0n[16], r1n[16];
	int ret;

	if (p->lookup)
		return p->lookup;
	if (q->r0kh_id_len != strlen(r0kh) || memcmp(q->r0kh_id, r0kh, q->r0kh_id_len))
		return -ENOENT;
	xxkey(xx);
	ck_assert_int_eq(ft_derive_pmk_r0(q->akm, xx, 32, (const uint8_t *)ssid,
					  strlen(ssid), mdid, q->r0kh_id, q->r0kh_id_len,
					  q->sta, r0, r0n), 0);
	if (memcmp(r0n, q->pmk_r0_name, 16))
		return -ESRCH;
	ret = ft_derive_pmk_r1(q->akm, r0, r0n, q->r1kh_id, q->sta, pmk_r1, r1n);
	ck_assert_mem_eq(r1n, q->pmk_r1_name, 16);
	secure_zero(r0, sizeof(r0));
	return ret;
}

static int group_keys(void *ctx, struct ft_group_keys *gk)
{
	memset(gk->gtk, 0x33, 16);
	gk->gtk_len = 16;
	gk->gtk_idx = 1;
	gk->gtk_rsc[0] = 0x21;
	memset(gk->igtk, 0x44, 16);
	gk->igtk_len = 16;
	gk->igtk_id = 5;
	gk->igtk_ipn = 9;
	return 0;
}

static const struct ft_ops sta_ops = {
	.tx = tx, .install_key = sta_install, .event = event, .random = rnd,
};
static const struct ft_ops ap_ops = {
	.tx = tx, .install_key = ap_install, .event = event, .random = rnd,
	.get_pmk_r1 = get_pmk_r1, .get_group_keys = group_keys,
};

static void pair_init(struct pair *p, const uint8_t sta_mdid[2], const char *sta_r0kh)
{
	struct ft_sta_config sc = {
		.akm = WPA_AKM_FT_PSK, .pairwise = WPA_CIPHER_CCMP,
		.group = WPA_CIPHER_CCMP, .group_mgmt = WPA_CIPHER_BIP_CMAC,
		.rsn_caps = RSN_CAP_MFPC, .ssid_len = strlen(ssid), .xxkey_len = 32,
	};
	struct ft_ap_config ac = {
		.mdid = { 0xa1, 0xb2 }, .ft_cap = FT_CAP_OVER_DS,
		.akms = WPA_AKM_FT_PSK | WPA_AKM_FT_SAE, .pairwise = WPA_CIPHER_CCMP,
		.group = WPA_CIPHER_CCMP, .group_mgmt = WPA_CIPHER_BIP_CMAC,
		.rsn_caps = RSN_CAP_MFPC, .reassoc_deadline_tu = 1000,
		.key_lifetime_s = 3600,
	};

	memset(p, 0, sizeof(*p));
	p->seed = 1;
	memcpy(sc.own_addr, spa, 6);
	memcpy(sc.ssid, ssid, strlen(ssid));
	memcpy(sc.mdid, sta_mdid, 2);
	xxkey(sc.xxkey);
	memcpy(sc.r0kh_id, sta_r0kh, strlen(sta_r0kh));
	sc.r0kh_id_len = strlen(sta_r0kh);
	memcpy(ac.bssid, ap2, 6);
	memcpy(ac.r1kh_id, ap2, 6);
	p->sta = ft_sta_new(&sc, &sta_ops, p);
	ck_assert_ptr_nonnull(p->sta);
	p->ap = ft_ap_new(&ac, spa, &ap_ops, p);
	ck_assert_ptr_nonnull(p->ap);
}

static void pair_free(struct pair *p)
{
	ft_sta_free(p->sta);
	ft_ap_free(p->ap);
}

/* Deliver queued frames until none is left. */
static void pump(struct pair *p)
{
	for (int rounds = 0; rounds < 8 && (p->to_ap.full || p->to_sta.full); rounds++) {
		if (p->to_ap.full) {
			struct msg m = p->to_ap;

			p->to_ap.full = false;
			if (m.m == FT_MSG_AUTH_REQ)
				ck_assert_int_eq(ft_ap_rx_auth(p->ap, m.ies, m.len), 0);
			else
				ck_assert_int_eq(ft_ap_rx_reassoc(p->ap, m.ies, m.len), 0);
		}
		if (p->to_sta.full) {
			struct msg m = p->to_sta;

			p->to_sta.full = false;
			if (m.m == FT_MSG_AUTH_RESP)
				ck_assert_int_eq(ft_sta_rx_auth(p->sta, m.status, m.ies, m.len), 0);
			else
				ck_assert_int_eq(ft_sta_rx_reassoc(p->sta, m.status, m.ies, m.len),
						 0);
		}
	}
}

START_TEST(test_pair_success)
{
	struct pair p;
	uint8_t gtk[16], igtk[16];

	pair_init(&p, mdid, r0kh);
	ck_assert_int_eq(ft_sta_associated(p.sta), -EAGAIN);
	ck_assert_int_eq(ft_sta_start(p.sta, ap2), 0);
	ck_assert_int_eq(ft_sta_start(p.sta, ap2), -EBUSY);
	pump(&p);
	ck_assert_int_eq(ft_sta_get_state(p.sta), FT_STA_KEYS_PENDING);
	ck_assert_int_eq(ft_ap_get_state(p.ap), FT_AP_KEYS_PENDING);
	/* nothing installed before the association is marked */
	ck_assert_uint_eq(p.sta_keys, 0);
	ck_assert_uint_eq(p.ap_keys, 0);
	ck_assert_int_eq(ft_ap_assoc_acked(p.ap), 0);
	ck_assert_int_eq(ft_sta_associated(p.sta), 0);
	ck_assert_int_eq(ft_sta_get_state(p.sta), FT_STA_DONE);
	ck_assert_int_eq(ft_ap_get_state(p.ap), FT_AP_DONE);
	ck_assert_uint_eq(p.sta_keys, 3);
	ck_assert_uint_eq(p.ap_keys, 1);
	ck_assert_uint_eq(p.tk_len, 16);
	ck_assert_mem_eq(p.sta_tk, p.ap_tk, 16);
	memset(gtk, 0x33, 16);
	memset(igtk, 0x44, 16);
	ck_assert_mem_eq(p.sta_gtk, gtk, 16);
	ck_assert_mem_eq(p.sta_igtk, igtk, 16);
	ck_assert_uint_eq(ft_sta_reason(p.sta), FT_R_NONE);
	ck_assert_uint_ge(p.states, 8);
	ck_assert_int_eq(ft_ap_assoc_acked(p.ap), -EAGAIN);
	/* the next transition starts over from DONE */
	ck_assert_int_eq(ft_sta_start(p.sta, ap2), 0);
	ck_assert_int_eq(ft_sta_get_state(p.sta), FT_STA_AUTH_SENT);
	pair_free(&p);
}
END_TEST

static const struct {
	enum tamper tamper;
	int lookup;
	bool bad_mdid;
	bool bad_r0kh;
	enum ft_reason ap_reason;	/* FT_R_NONE: the AP accepted */
	enum ft_reason sta_reason;
	enum ft_sta_state sta_state;
	const char *diagnosis;
} fail_cases[] = {
	{ T_REQ_PMKID, 0, false, false, FT_R_PMKR1NAME_MISMATCH, FT_R_PEER_STATUS,
	  FT_STA_FAILED, "PMKR0Name differs" },
	{ T_REQ_PMKID_SWAPPED, 0, false, false, FT_R_PMKR1NAME_MISMATCH, FT_R_PEER_STATUS,
	  FT_STA_FAILED, "swapped" },
	{ T_NONE, 0, true, false, FT_R_BAD_MDE, FT_R_PEER_STATUS, FT_STA_FAILED, NULL },
	{ T_REQ_MIC, 0, false, false, FT_R_MIC_FAILURE, FT_R_PEER_STATUS, FT_STA_FAILED, NULL },
	{ T_REQ_ANONCE, 0, false, false, FT_R_ANONCE_MISMATCH, FT_R_PEER_STATUS,
	  FT_STA_FAILED, NULL },
	{ T_NONE, 0, false, true, FT_R_UNKNOWN_R0KH, FT_R_PEER_STATUS, FT_STA_FAILED, NULL },
	{ T_NONE, -ESRCH, false, false, FT_R_NO_PMK_R1, FT_R_PEER_STATUS, FT_STA_FAILED, NULL },
	{ T_RESP_MIC, 0, false, false, FT_R_NONE, FT_R_MIC_FAILURE, FT_STA_FAILED, NULL },
	{ T_RESP_ANONCE, 0, false, false, FT_R_NONE, FT_R_ANONCE_MISMATCH, FT_STA_FAILED,
	  NULL },
	{ T_AUTH_RESP_SNONCE, 0, false, false, FT_R_NONE, FT_R_SNONCE_MISMATCH,
	  FT_STA_FAILED, NULL },
	{ T_REQ_NO_MDE, 0, false, false, FT_R_BAD_MDE, FT_R_PEER_STATUS, FT_STA_FAILED, NULL },
};

START_TEST(test_pair_failures)
{
	static const uint8_t other_mdid[2] = { 0xa1, 0xb3 };
	struct pair p;
	int i = _i;

	pair_init(&p, fail_cases[i].bad_mdid ? other_mdid : mdid,
		  fail_cases[i].bad_r0kh ? "ap9.elsewhere" : r0kh);
	p.tamper = fail_cases[i].tamper;
	p.lookup = fail_cases[i].lookup;
	ck_assert_int_eq(ft_sta_start(p.sta, ap2), 0);
	pump(&p);
	ck_assert_int_eq(ft_sta_get_state(p.sta), fail_cases[i].sta_state);
	ck_assert_msg(ft_sta_reason(p.sta) == fail_cases[i].sta_reason, "case %d: sta %s", i,
		      ft_reason_name(ft_sta_reason(p.sta)));
	if (fail_cases[i].ap_reason != FT_R_NONE) {
		ck_assert_int_eq(ft_ap_get_state(p.ap), FT_AP_FAILED);
		ck_assert_msg(ft_ap_reason(p.ap) == fail_cases[i].ap_reason, "case %d: ap %s",
			      i, ft_reason_name(ft_ap_reason(p.ap)));
		ck_assert_int_eq(p.failed_reason, fail_cases[i].ap_reason);
	}
	if (fail_cases[i].diagnosis)
		ck_assert_msg(strstr(p.diagnosis, fail_cases[i].diagnosis), "diagnosis '%s'",
			      p.diagnosis);
	/* no key reached either driver */
	ck_assert_uint_eq(p.sta_keys, 0);
	ck_assert_uint_eq(p.ap_keys, 0);
	ck_assert_int_eq(ft_sta_associated(p.sta), -EAGAIN);
	pair_free(&p);
}
END_TEST

START_TEST(test_pair_status_and_order)
{
	struct pair p;
	uint8_t junk[4] = { 1, 5, 3, 4 };	/* runs past the end */

	/* statuses the AP gives */
	ck_assert_uint_eq(ft_reason_status(FT_R_PMKR1NAME_MISMATCH), 53);
	ck_assert_uint_eq(ft_reason_status(FT_R_BAD_MDE), 54);
	ck_assert_uint_eq(ft_reason_status(FT_R_MIC_FAILURE), 55);
	ck_assert_uint_eq(ft_reason_status(FT_R_UNKNOWN_R0KH), 28);
	/* a reassociation request without FT authentication */
	pair_init(&p, mdid, r0kh);
	ck_assert_int_eq(ft_ap_rx_reassoc(p.ap, junk, 0), 0);
	ck_assert_int_eq(ft_ap_reason(p.ap), FT_R_UNEXPECTED);
	ck_assert(p.to_sta.full);
	ck_assert_uint_eq(p.to_sta.status, 1);
	p.to_sta.full = false;
	/* malformed elements in an auth request: status 40 */
	ck_assert_int_eq(ft_ap_rx_auth(p.ap, junk, sizeof(junk)), 0);
	ck_assert_int_eq(ft_ap_reason(p.ap), FT_R_MALFORMED);
	ck_assert_uint_eq(p.to_sta.status, 40);
	p.to_sta.full = false;
	/* responses the station does not wait for */
	ck_assert_int_eq(ft_sta_rx_auth(p.sta, 0, junk, 0), -EPROTO);
	ck_assert_int_eq(ft_sta_rx_reassoc(p.sta, 0, junk, 0), -EPROTO);
	/* then a retried FT authentication after the failures succeeds */
	ck_assert_int_eq(ft_sta_start(p.sta, ap2), 0);
	pump(&p);
	ck_assert_int_eq(ft_sta_get_state(p.sta), FT_STA_KEYS_PENDING);
	pair_free(&p);
	/* an AKM the AP does not offer */
	{
		struct ft_sta_config sc = { .akm = WPA_AKM_PSK, .pairwise = WPA_CIPHER_CCMP };

		ck_assert_ptr_null(ft_sta_new(&sc, &sta_ops, NULL));
	}
}
END_TEST

static Suite *ft_suite(void)
{
	Suite *s = suite_create("ft");
	TCase *tc = tcase_create("keys");
	TCase *te = tcase_create("elements");
	TCase *tm = tcase_create("machines");

	tcase_add_test(tc, test_hierarchy_independent);
	tcase_add_loop_test(tc, test_hierarchy_inputs, 0, 6);
	tcase_add_test(tc, test_hierarchy_args);
	suite_add_tcase(s, tc);
	tcase_add_test(te, test_mde);
	tcase_add_test(te, test_fte_roundtrip);
	tcase_add_test(te, test_fte_truncated);
	tcase_add_test(te, test_fte_bad_subelements);
	tcase_add_test(te, test_ies_parse);
	tcase_add_test(te, test_mic);
	tcase_add_test(te, test_action);
	suite_add_tcase(s, te);
	tcase_add_test(tm, test_pair_success);
	tcase_add_loop_test(tm, test_pair_failures, 0, (int)ARRAY_SIZE(fail_cases));
	tcase_add_test(tm, test_pair_status_and_order);
	suite_add_tcase(s, tm);
	return s;
}

UNIT_MAIN(ft_suite)
