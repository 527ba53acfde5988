// SPDX-License-Identifier: MIT
/* test_eapol.c: EAPOL-Key parse/build/classify, the real msg 2/4 MIC from
 * the vectors (and the wrong-passphrase case), key data encryption, GTK
 * KDE, and truncated/oversized/garbage frames at every length. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "eapol.h"
#include "unit.h"
#include "util.h"
#include "vectors.h"

static size_t load_msg2(uint8_t *buf, size_t cap)
{
	return vec_hex("hs.msg2_zero_mic", buf, cap);
}

static void derive(const char *pmk_name, uint8_t ptk[64])
{
	uint8_t pmk[32], aa[6], spa[6], an[32], sn[32];

	vec_hex_exact(pmk_name, pmk, 32);
	vec_hex_exact("hs.aa", aa, 6);
	vec_hex_exact("hs.spa", spa, 6);
	vec_hex_exact("hs.anonce", an, 32);
	vec_hex_exact("hs.snonce", sn, 32);
	ck_assert_int_eq(crypto_derive_ptk(pmk, aa, spa, an, sn, ptk, 64), 0);
}

START_TEST(test_parse_real_msg2)
{
	uint8_t f[300], sn[32];
	size_t len = load_msg2(f, sizeof(f));
	struct eapol_key k;
	const char *why;

	vec_hex_exact("hs.snonce", sn, 32);
	ck_assert_int_eq(eapol_key_parse(f, len, &k, &why), 0);
	ck_assert_uint_eq(k.eapol_version, 1);
	ck_assert_uint_eq(k.eapol_type, EAPOL_TYPE_KEY);
	ck_assert_uint_eq(k.desc_type, EAPOL_DESC_RSN);
	ck_assert_uint_eq(k.key_info, 0x010a);
	ck_assert_uint_eq(eapol_key_desc_ver(&k), 2);
	ck_assert_uint_eq(k.replay_counter, 1);
	ck_assert_mem_eq(k.nonce, sn, 32);
	ck_assert_uint_eq(k.key_data_len, 22);
	ck_assert_uint_eq(k.key_data[0], 0x30);
	ck_assert_uint_eq(k.frame_len, len);
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_PTK_2);
	ck_assert_str_eq(eapol_msg_name(EAPOL_MSG_PTK_2), "2/4 Pairwise");
}
END_TEST

/* hs.msg2_mic_v2: the real MIC; hs.wrong.mic_v1_md5: the same frame keyed
 * from the wrong passphrase, which must not verify. */
START_TEST(test_real_mic)
{
	uint8_t f[300], ptk[64], wptk[64], want[16], mic[16], pmk[32], vpmk[32];
	size_t len = load_msg2(f, sizeof(f));
	struct eapol_key k;

	ck_assert_int_eq(crypto_psk_from_passphrase(vec_str("hs.passphrase"),
						    (const uint8_t *)vec_str("hs.ssid"),
						    strlen(vec_str("hs.ssid")), pmk), 0);
	vec_hex_exact("hs.pmk", vpmk, 32);
	ck_assert_mem_eq(pmk, vpmk, 32);
	derive("hs.pmk", ptk);
	vec_hex_exact("hs.msg2_mic_v2", want, 16);
	ck_assert_int_eq(eapol_mic_compute(2, ptk, f, len, mic), 0);
	ck_assert_mem_eq(mic, want, 16);
	/* the MIC field's content must not matter to compute */
	memset(f + EAPOL_KEY_OFF_MIC, 0x5a, 16);
	ck_assert_int_eq(eapol_mic_compute(2, ptk, f, len, mic), 0);
	ck_assert_mem_eq(mic, want, 16);
	ck_assert_int_eq(eapol_mic_set(2, ptk, f, len), 0);
	ck_assert_mem_eq(f + EAPOL_KEY_OFF_MIC, want, 16);
	ck_assert_int_eq(eapol_key_parse(f, len, &k, NULL), 0);
	ck_assert(eapol_mic_verify(2, ptk, &k));
	ck_assert(!eapol_mic_verify(1, ptk, &k));
	ck_assert(!eapol_mic_verify(3, ptk, &k));
	/* wrong passphrase */
	derive("hs.wrong.pmk", wptk);
	ck_assert(!eapol_mic_verify(2, wptk, &k));
	vec_hex_exact("hs.wrong.mic_v1_md5", want, 16);
	ck_assert_int_eq(eapol_mic_compute(1, wptk, f, len, mic), 0);
	ck_assert_mem_eq(mic, want, 16);
	/* one flipped bit anywhere in the frame breaks the MIC */
	for (size_t i = 0; i < len; i++) {
		if (i >= EAPOL_KEY_OFF_MIC && i < EAPOL_KEY_OFF_MIC + 16)
			continue;
		f[i] ^= 0x10;
		ck_assert_int_eq(eapol_mic_compute(2, ptk, f, len, mic), 0);
		ck_assert(memcmp(mic, f + EAPOL_KEY_OFF_MIC, 16) != 0);
		f[i] ^= 0x10;
	}
	ck_assert_int_eq(eapol_mic_compute(4, ptk, f, len, mic), -EINVAL);
	ck_assert_int_eq(eapol_mic_compute(2, ptk, f, EAPOL_KEY_FIXED_LEN - 1, mic),
			 -EINVAL);
}
END_TEST

START_TEST(test_build_roundtrip)
{
	uint8_t nonce[32], iv[16], rsc[8], kd[40], out[300];
	struct eapol_key_params p = { 0 };
	struct eapol_key k;
	size_t len;

	for (int i = 0; i < 32; i++)
		nonce[i] = (uint8_t)i;
	memset(iv, 0x11, 16);
	memset(rsc, 0x22, 8);
	memset(kd, 0x33, sizeof(kd));
	p.eapol_version = 2;
	p.desc_type = EAPOL_DESC_WPA;
	p.key_info = 0x01c9;
	p.key_len = 32;
	p.replay_counter = 0x0102030405060708ull;
	p.nonce = nonce;
	p.iv = iv;
	p.rsc = rsc;
	p.key_data = kd;
	p.key_data_len = sizeof(kd);
	ck_assert_int_eq(eapol_key_build(&p, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, EAPOL_KEY_FIXED_LEN + sizeof(kd));
	ck_assert_int_eq(eapol_key_parse(out, len, &k, NULL), 0);
	ck_assert_uint_eq(k.eapol_version, 2);
	ck_assert_uint_eq(k.desc_type, EAPOL_DESC_WPA);
	ck_assert_uint_eq(k.key_info, 0x01c9);
	ck_assert_uint_eq(k.key_len, 32);
	ck_assert_uint_eq(k.replay_counter, 0x0102030405060708ull);
	ck_assert_mem_eq(k.nonce, nonce, 32);
	ck_assert_mem_eq(k.iv, iv, 16);
	ck_assert_mem_eq(k.rsc, rsc, 8);
	ck_assert_uint_eq(k.key_data_len, sizeof(kd));
	ck_assert_mem_eq(k.key_data, kd, sizeof(kd));
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_PTK_3);
	ck_assert_int_eq(eapol_key_build(&p, out, len - 1, &len), -ENOSPC);
	p.key_data_len = EAPOL_KEY_DATA_MAX + 1;
	ck_assert_int_eq(eapol_key_build(&p, out, sizeof(out), &len), -EMSGSIZE);
}
END_TEST

START_TEST(test_classify)
{
	static const struct { uint16_t ki; uint16_t kdl; enum eapol_msg m; } t[] = {
		{ 0x008a, 0, EAPOL_MSG_PTK_1 },
		{ 0x010a, 22, EAPOL_MSG_PTK_2 },
		{ 0x13ca, 56, EAPOL_MSG_PTK_3 },
		{ 0x030a, 0, EAPOL_MSG_PTK_4 },
		{ 0x0089, 0, EAPOL_MSG_PTK_1 },
		{ 0x0109, 24, EAPOL_MSG_PTK_2 },
		{ 0x01c9, 24, EAPOL_MSG_PTK_3 },
		{ 0x0109, 0, EAPOL_MSG_PTK_4 },
		{ 0x0391, 32, EAPOL_MSG_GROUP_1 },
		{ 0x0311, 0, EAPOL_MSG_GROUP_2 },
		{ 0x0b0a, 0, EAPOL_MSG_REQUEST },
		{ 0x0008, 0, EAPOL_MSG_UNKNOWN },
		{ 0x0080, 0, EAPOL_MSG_UNKNOWN },
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		struct eapol_key k = { .key_info = t[i].ki, .key_data_len = t[i].kdl };

		ck_assert_int_eq(eapol_key_classify(&k), t[i].m);
	}
	ck_assert_int_eq(eapol_msg_number(EAPOL_MSG_PTK_3), 3);
	ck_assert_int_eq(eapol_msg_number(EAPOL_MSG_GROUP_2), 2);
	ck_assert_int_eq(eapol_msg_number(EAPOL_MSG_REQUEST), 0);
}
END_TEST

/* Every prefix length from 0 is rejected (the header promises more);
 * trailing bytes beyond the body are ignored; inconsistent lengths and
 * foreign types are rejected. Run under ASan to catch over-reads: each
 * prefix is copied to a buffer of exactly that size. */
START_TEST(test_every_length)
{
	uint8_t f[300];
	size_t len = load_msg2(f, sizeof(f));
	struct eapol_key k;
	const char *why;

	for (size_t l = 0; l < len; l++) {
		uint8_t *p = malloc(l ? l : 1);

		memcpy(p, f, l);
		ck_assert_int_ne(eapol_key_parse(l ? p : NULL, l, &k, &why), 0);
		ck_assert_ptr_nonnull(why);
		free(p);
	}
	for (size_t extra = 0; extra < 64; extra++) {
		uint8_t *p = malloc(len + extra);

		memcpy(p, f, len);
		memset(p + len, 0xee, extra);
		ck_assert_int_eq(eapol_key_parse(p, len + extra, &k, NULL), 0);
		ck_assert_uint_eq(k.frame_len, len);
		free(p);
	}
	/* body length says less than the fixed part */
	put_be16(f + 2, 94);
	ck_assert_int_eq(eapol_key_parse(f, len, &k, &why), -EBADMSG);
	put_be16(f + 2, (uint16_t)(len - 4));
	/* key data length beyond the body */
	put_be16(f + EAPOL_KEY_OFF_DATALEN, 23);
	ck_assert_int_eq(eapol_key_parse(f, len, &k, &why), -EBADMSG);
	ck_assert_str_eq(why, "key data length exceeds the EAPOL body");
	put_be16(f + EAPOL_KEY_OFF_DATALEN, 22);
	f[1] = EAPOL_TYPE_START;
	ck_assert_int_eq(eapol_key_parse(f, len, &k, &why), -EPROTO);
	f[1] = EAPOL_TYPE_KEY;
	f[4] = 1;	/* RC4 descriptor (802.1X): not ours */
	ck_assert_int_eq(eapol_key_parse(f, len, &k, &why), -EPROTO);
}
END_TEST

START_TEST(test_oversized)
{
	static uint8_t big[EAPOL_KEY_FRAME_MAX + 200];
	struct eapol_key k;

	memset(big, 0, sizeof(big));
	big[1] = EAPOL_TYPE_KEY;
	big[4] = EAPOL_DESC_RSN;
	put_be16(big + 2, (uint16_t)(sizeof(big) - 4));
	ck_assert_int_eq(eapol_key_parse(big, sizeof(big), &k, NULL), -EMSGSIZE);
	put_be16(big + 2, 0xffff);
	ck_assert_int_eq(eapol_key_parse(big, sizeof(big), &k, NULL), -EBADMSG);
}
END_TEST

START_TEST(test_garbage)
{
	uint64_t r = 7;

	for (int n = 0; n < 20000; n++) {
		size_t len = (size_t)(r % 200);
		uint8_t *p = malloc(len ? len : 1);
		struct eapol_key k;

		for (size_t i = 0; i < len; i++) {
			r ^= r << 13;
			r ^= r >> 7;
			r ^= r << 17;
			p[i] = (uint8_t)r;
		}
		if (len > 4) {
			p[1] = EAPOL_TYPE_KEY;
			put_be16(p + 2, (uint16_t)(r % 256));
		}
		if (eapol_key_parse(p, len, &k, NULL) == 0) {
			ck_assert_uint_le(k.frame_len, len);
			ck_assert_uint_le(EAPOL_KEY_FIXED_LEN + k.key_data_len, k.frame_len);
		}
		free(p);
	}
}
END_TEST

START_TEST(test_padding)
{
	ck_assert_uint_eq(eapol_key_data_padded_len(0), 16);
	ck_assert_uint_eq(eapol_key_data_padded_len(1), 16);
	ck_assert_uint_eq(eapol_key_data_padded_len(15), 16);
	ck_assert_uint_eq(eapol_key_data_padded_len(16), 16);
	ck_assert_uint_eq(eapol_key_data_padded_len(17), 24);
	ck_assert_uint_eq(eapol_key_data_padded_len(23), 24);
	ck_assert_uint_eq(eapol_key_data_padded_len(24), 24);
	ck_assert_uint_eq(eapol_key_data_padded_len(46), 48);
}
END_TEST

START_TEST(test_key_data_crypt)
{
	uint8_t kek[16], iv[16], in[60], enc[100], dec[100];
	size_t elen, dlen;

	for (int i = 0; i < 16; i++) {
		kek[i] = (uint8_t)(i * 7);
		iv[i] = (uint8_t)(i + 100);
	}
	for (size_t len = 0; len <= sizeof(in); len++) {
		for (size_t i = 0; i < len; i++)
			in[i] = (uint8_t)(i * 3 + len);
		/* v2: AES key wrap with 0xdd padding */
		ck_assert_int_eq(eapol_key_data_encrypt(2, kek, NULL, in, len, enc,
							sizeof(enc), &elen), 0);
		ck_assert_uint_eq(elen, eapol_key_data_padded_len(len) + 8);
		ck_assert_int_eq(eapol_key_data_decrypt(2, kek, NULL, enc, elen, dec,
							sizeof(dec), &dlen), 0);
		ck_assert_uint_eq(dlen, elen - 8);
		ck_assert_mem_eq(dec, in, len);
		if (dlen > len) {
			ck_assert_uint_eq(dec[len], 0xdd);
			for (size_t i = len + 1; i < dlen; i++)
				ck_assert_uint_eq(dec[i], 0);
		}
		enc[elen / 2] ^= 1;
		ck_assert_int_eq(eapol_key_data_decrypt(2, kek, NULL, enc, elen, dec,
							sizeof(dec), &dlen), -EBADMSG);
		/* v1: RC4, length preserving, needs the IV */
		ck_assert_int_eq(eapol_key_data_encrypt(1, kek, iv, in, len, enc,
							sizeof(enc), &elen), 0);
		ck_assert_uint_eq(elen, len);
		if (len >= 8)
			ck_assert(memcmp(enc, in, len) != 0);
		ck_assert_int_eq(eapol_key_data_decrypt(1, kek, iv, enc, elen, dec,
							sizeof(dec), &dlen), 0);
		ck_assert_mem_eq(dec, in, len);
	}
	ck_assert_int_eq(eapol_key_data_encrypt(1, kek, NULL, in, 8, enc, sizeof(enc),
						&elen), -EINVAL);
	ck_assert_int_eq(eapol_key_data_decrypt(2, kek, NULL, enc, 20, dec, sizeof(dec),
						&dlen), -EBADMSG);
	ck_assert_int_eq(eapol_key_data_decrypt(2, kek, NULL, enc, 16, dec, sizeof(dec),
						&dlen), -EBADMSG);
	ck_assert_int_eq(eapol_key_data_encrypt(2, kek, NULL, in, 40, enc, 40, &elen),
			 -ENOSPC);
}
END_TEST

/* RC4 key data uses the vector's RC4-skip-256 definition with key IV||KEK:
 * check against crypto_rc4_skip directly with rc4.key split in two. */
START_TEST(test_rc4_key_layout)
{
	uint8_t key[32], zero[16] = { 0 }, out[16], want[16];
	size_t olen;

	vec_hex_exact("rc4.key", key, 32);
	vec_hex_exact("rc4.skip256.keystream16", want, 16);
	/* IV is the first 16 key bytes, KEK the last 16 */
	ck_assert_int_eq(eapol_key_data_encrypt(1, key + 16, key, zero, 16, out,
						sizeof(out), &olen), 0);
	ck_assert_mem_eq(out, want, 16);
}
END_TEST

START_TEST(test_gtk_kde)
{
	uint8_t gtk[32], kd[120], padded[120];
	struct kde_gtk g;
	size_t len, n;
	const char *why;

	for (int i = 0; i < 32; i++)
		gtk[i] = (uint8_t)(0xa0 + i);
	/* an RSN element first, then the KDE, then padding */
	memcpy(kd, (uint8_t[]){ 0x30, 0x02, 0x01, 0x00 }, 4);
	ck_assert_int_eq(eapol_kde_gtk_build(2, true, gtk, 16, kd + 4, sizeof(kd) - 4,
					     &n), 0);
	ck_assert_uint_eq(n, 6 + 2 + 16);
	ck_assert_mem_eq(kd + 4, ((uint8_t[]){ 0xdd, 22, 0x00, 0x0f, 0xac, 0x01, 0x06, 0 }), 8);
	len = 4 + n;
	ck_assert_int_eq(eapol_kde_gtk_find(kd, len, &g, &why), 0);
	ck_assert_uint_eq(g.key_idx, 2);
	ck_assert(g.tx);
	ck_assert_uint_eq(g.gtk_len, 16);
	ck_assert_mem_eq(g.gtk, gtk, 16);
	memcpy(padded, kd, len);
	padded[len] = 0xdd;
	memset(padded + len + 1, 0, 7);
	ck_assert_int_eq(eapol_key_data_elements_len(padded, len + 8), (int)len);
	ck_assert_int_eq(eapol_kde_gtk_find(padded, len + 8, &g, &why), 0);
	ck_assert_uint_eq(g.gtk_len, 16);
	/* padding with a non-zero byte after 0xdd is garbage */
	padded[len + 3] = 1;
	ck_assert_int_eq(eapol_kde_gtk_find(padded, len + 8, &g, &why), -EBADMSG);
	/* no KDE */
	ck_assert_int_eq(eapol_kde_gtk_find(kd, 4, &g, &why), -ENOENT);
	/* every truncation: never a crash, never a GTK that runs past */
	for (size_t l = 0; l < len; l++) {
		uint8_t *p = malloc(l ? l : 1);
		int ret;

		memcpy(p, kd, l);
		ret = eapol_kde_gtk_find(p, l, &g, &why);
		ck_assert_int_ne(ret, 0);
		free(p);
	}
	/* GTK length out of range */
	ck_assert_int_eq(eapol_kde_gtk_build(1, false, gtk, 33, kd, sizeof(kd), &n),
			 -EINVAL);
	ck_assert_int_eq(eapol_kde_gtk_build(4, false, gtk, 16, kd, sizeof(kd), &n),
			 -EINVAL);
	ck_assert_int_eq(eapol_kde_gtk_build(1, false, gtk, 32, kd, 20, &n), -ENOSPC);
	memcpy(kd, (uint8_t[]){ 0xdd, 0x07, 0x00, 0x0f, 0xac, 0x01, 0x01, 0x00, 0xaa }, 9);
	ck_assert_int_eq(eapol_kde_gtk_find(kd, 9, &g, &why), -EBADMSG);
	ck_assert_str_eq(why, "GTK length out of range");
}
END_TEST

/* --- PMF: IGTK KDE, IGTK generation, MIC per AKM ------------------------- */

START_TEST(test_igtk_kde)
{
	uint8_t igtk[32], kd[160];
	struct kde_igtk g;
	size_t len, n;
	const char *why;

	for (int i = 0; i < 32; i++)
		igtk[i] = (uint8_t)(0x40 + i);
	/* a GTK KDE first, then the IGTK KDE (as msg 3/4 carries them) */
	ck_assert_int_eq(eapol_kde_gtk_build(1, true, igtk, 16, kd, sizeof(kd), &n), 0);
	len = n;
	ck_assert_int_eq(eapol_kde_igtk_build(4, 0x0000a1b2c3d4e5f6ULL, igtk, 16,
					      kd + len, sizeof(kd) - len, &n), 0);
	/* 12.7.2: dd, 4 + 8 + 16, 00-0f-ac, 9, KeyID le, IPN le, IGTK */
	ck_assert_uint_eq(n, 6 + 8 + 16);
	ck_assert_mem_eq(kd + len, ((uint8_t[]){ 0xdd, 28, 0x00, 0x0f, 0xac, 0x09,
						 0x04, 0x00, 0xf6, 0xe5, 0xd4,
						 0xc3, 0xb2, 0xa1 }), 14);
	len += n;
	ck_assert_int_eq(eapol_kde_igtk_find(kd, len, &g, &why), 0);
	ck_assert_uint_eq(g.key_id, 4);
	ck_assert_uint_eq(g.ipn, 0x0000a1b2c3d4e5f6ULL);
	ck_assert_uint_eq(g.igtk_len, 16);
	ck_assert_mem_eq(g.igtk, igtk, 16);
	/* the GTK is still found next to it */
	{
		struct kde_gtk gt;

		ck_assert_int_eq(eapol_kde_gtk_find(kd, len, &gt, &why), 0);
		ck_assert_uint_eq(gt.key_idx, 1);
	}
	/* 32-octet IGTK, key ID 5, the largest IPN, then padding */
	ck_assert_int_eq(eapol_kde_igtk_build(5, IGTK_IPN_MAX, igtk, 32, kd, sizeof(kd),
					      &n), 0);
	kd[n] = 0xdd;
	memset(kd + n + 1, 0, 5);
	ck_assert_int_eq(eapol_kde_igtk_find(kd, n + 6, &g, &why), 0);
	ck_assert_uint_eq(g.key_id, 5);
	ck_assert_uint_eq(g.ipn, IGTK_IPN_MAX);
	ck_assert_uint_eq(g.igtk_len, 32);
	/* every truncation fails and never points past the end */
	for (size_t l = 0; l < n; l++) {
		uint8_t *p = malloc(l ? l : 1);

		memcpy(p, kd, l);
		ck_assert_int_ne(eapol_kde_igtk_find(p, l, &g, &why), 0);
		ck_assert_ptr_null(g.igtk);
		free(p);
	}
	/* every KDE length other than 28 and 44 is malformed */
	for (unsigned int body = 4; body <= 60; body++) {
		uint8_t e[2 + 60] = { 0xdd, (uint8_t)body, 0x00, 0x0f, 0xac, 0x09, 4, 0 };
		int ret = eapol_kde_igtk_find(e, 2 + body, &g, &why);

		if (body == 28 || body == 44)
			ck_assert_int_eq(ret, 0);
		else
			ck_assert_msg(ret == -EBADMSG, "body %u: %d", body, ret);
	}
	/* unknown key IDs */
	for (unsigned int id = 0; id < 8; id++) {
		uint8_t e[30] = { 0xdd, 28, 0x00, 0x0f, 0xac, 0x09, (uint8_t)id, 0 };

		ck_assert_int_eq(eapol_kde_igtk_find(e, sizeof(e), &g, &why),
				 id == 4 || id == 5 ? 0 : -EBADMSG);
	}
	{
		uint8_t e[30] = { 0xdd, 28, 0x00, 0x0f, 0xac, 0x09, 4, 1 };

		ck_assert_int_eq(eapol_kde_igtk_find(e, sizeof(e), &g, &why), -EBADMSG);
		ck_assert_str_eq(why, "IGTK key ID is not 4 or 5");
	}
	/* absent; garbage key data */
	ck_assert_int_eq(eapol_kde_igtk_find(kd, 0, &g, &why), -ENOENT);
	ck_assert_str_eq(why, "no IGTK KDE in key data");
	ck_assert_int_eq(eapol_kde_igtk_find((uint8_t[]){ 0x30, 9, 1 }, 3, &g, &why),
			 -EBADMSG);
	/* build refuses bad key IDs, IPNs, lengths; no room */
	ck_assert_int_eq(eapol_kde_igtk_build(3, 0, igtk, 16, kd, sizeof(kd), &n), -EINVAL);
	ck_assert_int_eq(eapol_kde_igtk_build(6, 0, igtk, 16, kd, sizeof(kd), &n), -EINVAL);
	ck_assert_int_eq(eapol_kde_igtk_build(4, IGTK_IPN_MAX + 1, igtk, 16, kd,
					      sizeof(kd), &n), -EINVAL);
	ck_assert_int_eq(eapol_kde_igtk_build(4, 0, igtk, 24, kd, sizeof(kd), &n), -EINVAL);
	ck_assert_int_eq(eapol_kde_igtk_build(4, 0, NULL, 16, kd, sizeof(kd), &n), -EINVAL);
	ck_assert_int_eq(eapol_kde_igtk_build(4, 0, igtk, 16, kd, 29, &n), -ENOSPC);
}
END_TEST

START_TEST(test_igtk_generate)
{
	static const uint8_t zero[IGTK_MAX_LEN];
	struct eapol_igtk a, b, c;

	ck_assert_int_eq(eapol_igtk_generate(WPA_CIPHER_BIP_CMAC, 0, &a), 0);
	ck_assert_uint_eq(a.key_id, 4);
	ck_assert_uint_eq(a.key_len, 16);
	ck_assert_uint_eq(a.ipn, 0);
	ck_assert_uint_eq(a.cipher, WPA_CIPHER_BIP_CMAC);
	ck_assert_mem_ne(a.key, zero, 16);
	ck_assert_int_eq(eapol_igtk_generate(WPA_CIPHER_BIP_CMAC, a.key_id, &b), 0);
	ck_assert_uint_eq(b.key_id, 5);
	ck_assert_mem_ne(a.key, b.key, 16);
	ck_assert_int_eq(eapol_igtk_generate(WPA_CIPHER_BIP_CMAC, b.key_id, &c), 0);
	ck_assert_uint_eq(c.key_id, 4);
	ck_assert_int_eq(eapol_igtk_generate(WPA_CIPHER_BIP_CMAC_256, 7, &c), 0);
	ck_assert_uint_eq(c.key_id, 4);
	ck_assert_uint_eq(c.key_len, 32);
	eapol_igtk_clear(&c);
	ck_assert_mem_eq(c.key, zero, IGTK_MAX_LEN);
	ck_assert_uint_eq(c.key_len, 0);
	eapol_igtk_clear(NULL);
	ck_assert_int_eq(eapol_igtk_generate(WPA_CIPHER_CCMP, 0, &c), -EINVAL);
	ck_assert_int_eq(eapol_igtk_generate(WPA_CIPHER_BIP_CMAC | WPA_CIPHER_BIP_GMAC, 0,
					     &c), -EINVAL);
	ck_assert_int_eq(eapol_igtk_generate(WPA_CIPHER_BIP_CMAC, 0, NULL), -EINVAL);
	eapol_igtk_clear(&a);
	eapol_igtk_clear(&b);
}
END_TEST

/* 12.7.2: the MIC of a msg 2/4 for PSK-SHA256 (version 3) and SAE
 * (version 0) is AES-128-CMAC with the KCK; a version that does not
 * belong to the AKM is refused. */
START_TEST(test_mic_by_akm)
{
	uint8_t kck[16], kek[16], frame[EAPOL_KEY_FRAME_MAX], mic[16], cmac[16];
	uint8_t wrapped[64], plain[64];
	struct eapol_key_params p = { .eapol_version = 2, .desc_type = EAPOL_DESC_RSN };
	struct eapol_key k;
	size_t len, wl, pl;

	for (int i = 0; i < 16; i++) {
		kck[i] = (uint8_t)i;
		kek[i] = (uint8_t)(0x80 + i);
	}
	p.key_data = (const uint8_t *)"\x30\x02\x01\x00";
	p.key_data_len = 4;
	p.key_info = KEY_INFO_TYPE_PAIRWISE | KEY_INFO_MIC | KEY_DESC_VER_AES_CMAC;
	ck_assert_int_eq(eapol_key_build(&p, frame, sizeof(frame), &len), 0);
	ck_assert_int_eq(crypto_aes_cmac(kck, frame, len, cmac), 0);	/* MIC field 0 */
	ck_assert_int_eq(eapol_mic_set_akm(WPA_AKM_PSK_SHA256, 3, kck, frame, len), 0);
	ck_assert_mem_eq(frame + EAPOL_KEY_OFF_MIC, cmac, 16);
	ck_assert_int_eq(eapol_key_parse(frame, len, &k, NULL), 0);
	ck_assert(eapol_mic_verify_akm(WPA_AKM_PSK_SHA256, 3, kck, &k));
	/* PSK-SHA256 with version 2 (HMAC-SHA1): refused */
	ck_assert_int_eq(eapol_mic_compute_akm(WPA_AKM_PSK_SHA256, 2, kck, frame, len, mic),
			 -EINVAL);
	ck_assert(!eapol_mic_verify_akm(WPA_AKM_PSK_SHA256, 2, kck, &k));
	ck_assert(!eapol_mic_verify_akm(WPA_AKM_PSK_SHA256, 0, kck, &k));
	/* SAE: version 0 is AES-128-CMAC, the same MIC */
	ck_assert_int_eq(eapol_mic_compute_akm(WPA_AKM_SAE, 0, kck, frame, len, mic), 0);
	ck_assert_mem_eq(mic, cmac, 16);
	ck_assert(eapol_mic_verify_akm(WPA_AKM_SAE, 0, kck, &k));
	ck_assert(!eapol_mic_verify_akm(WPA_AKM_SAE, 3, kck, &k));
	ck_assert(!eapol_mic_verify_akm(WPA_AKM_SAE, 2, kck, &k));
	/* PSK keeps versions 1 and 2 only */
	ck_assert_int_eq(eapol_mic_compute_akm(WPA_AKM_PSK, 3, kck, frame, len, mic), -EINVAL);
	ck_assert_int_eq(eapol_mic_compute_akm(WPA_AKM_PSK, 0, kck, frame, len, mic), -EINVAL);
	ck_assert_int_eq(eapol_mic_compute_akm(WPA_AKM_PSK, 2, kck, frame, len, mic), 0);
	ck_assert_int_eq(eapol_mic_compute(2, kck, frame, len, cmac), 0);
	ck_assert_mem_eq(mic, cmac, 16);
	ck_assert_int_eq(eapol_mic_compute_akm(WPA_AKM_NONE, 3, kck, frame, len, mic), -EINVAL);
	ck_assert_int_eq(eapol_mic_compute_akm(WPA_AKM_PSK | WPA_AKM_SAE, 0, kck, frame, len,
					       mic), -EINVAL);
	ck_assert_int_eq(eapol_mic_set_akm(WPA_AKM_OTHER, 3, kck, frame, len), -EINVAL);
	/* a flipped bit fails the CMAC MIC */
	frame[EAPOL_KEY_OFF_DATA] ^= 1;
	ck_assert(!eapol_mic_verify_akm(WPA_AKM_SAE, 0, kck, &k));
	frame[EAPOL_KEY_OFF_DATA] ^= 1;
	kck[0] ^= 1;
	ck_assert(!eapol_mic_verify_akm(WPA_AKM_SAE, 0, kck, &k));

	/* key data under version 0 is AES key wrap, as version 3 */
	ck_assert_int_eq(eapol_key_data_encrypt(0, kek, NULL, (const uint8_t *)"0123456789",
						10, wrapped, sizeof(wrapped), &wl), 0);
	ck_assert_uint_eq(wl, 16 + 8);
	ck_assert_int_eq(eapol_key_data_encrypt(3, kek, NULL, (const uint8_t *)"0123456789",
						10, plain, sizeof(plain), &pl), 0);
	ck_assert_mem_eq(wrapped, plain, wl);
	ck_assert_int_eq(eapol_key_data_decrypt(0, kek, NULL, wrapped, wl, plain,
						sizeof(plain), &pl), 0);
	ck_assert_uint_eq(pl, 16);
	ck_assert_mem_eq(plain, "0123456789\xdd\0\0\0\0\0", 16);
	wrapped[3] ^= 1;
	ck_assert_int_eq(eapol_key_data_decrypt(0, kek, NULL, wrapped, wl, plain,
						sizeof(plain), &pl), -EBADMSG);
	ck_assert_int_eq(eapol_key_data_decrypt(0, kek, NULL, wrapped, 20, plain,
						sizeof(plain), &pl), -EBADMSG);
	ck_assert_int_eq(eapol_key_data_encrypt(4, kek, NULL, plain, 16, wrapped,
						sizeof(wrapped), &wl), -EINVAL);
}
END_TEST

static Suite *eapol_suite(void)
{
	Suite *s = suite_create("eapol");
	TCase *tc = tcase_create("eapol");

	tcase_add_test(tc, test_parse_real_msg2);
	tcase_add_test(tc, test_real_mic);
	tcase_add_test(tc, test_build_roundtrip);
	tcase_add_test(tc, test_classify);
	tcase_add_test(tc, test_every_length);
	tcase_add_test(tc, test_oversized);
	tcase_add_test(tc, test_garbage);
	tcase_add_test(tc, test_padding);
	tcase_add_test(tc, test_key_data_crypt);
	tcase_add_test(tc, test_rc4_key_layout);
	tcase_add_test(tc, test_gtk_kde);
	tcase_add_test(tc, test_igtk_kde);
	tcase_add_test(tc, test_igtk_generate);
	tcase_add_test(tc, test_mic_by_akm);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(eapol_suite)
