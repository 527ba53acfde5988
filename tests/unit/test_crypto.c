// SPDX-License-Identifier: MIT
/* test_crypto.c: every crypto vector of tests/unit/vectors/wpa-vectors.txt,
 * plus failure cases. */
#include <errno.h>
#include <string.h>

#include "crypto.h"
#include "unit.h"
#include "util.h"
#include "vectors.h"

#define ck_assert_bytes_eq(a, b, n) \
	ck_assert_mem_eq((a), (b), (n))

/* ---- PBKDF2 ------------------------------------------------------------ */

START_TEST(test_pbkdf2_80211)
{
	/* _i is the loop index: pbkdf2.1 .. pbkdf2.3 */
	char name[64];
	uint8_t want[PMK_LEN], got[PMK_LEN];
	const char *pass, *ssid;

	snprintf(name, sizeof(name), "pbkdf2.%d.passphrase", _i);
	pass = vec_str(name);
	snprintf(name, sizeof(name), "pbkdf2.%d.ssid", _i);
	ssid = vec_str(name);
	snprintf(name, sizeof(name), "pbkdf2.%d.psk", _i);
	vec_hex_exact(name, want, PMK_LEN);

	ck_assert_int_eq(crypto_psk_from_passphrase(pass, (const uint8_t *)ssid,
						    strlen(ssid), got), 0);
	ck_assert_bytes_eq(got, want, PMK_LEN);

	memset(got, 0, sizeof(got));
	ck_assert_int_eq(crypto_psk_from_string(pass, (const uint8_t *)ssid,
						strlen(ssid), got), 0);
	ck_assert_bytes_eq(got, want, PMK_LEN);
}
END_TEST

START_TEST(test_pbkdf2_rfc6070)
{
	static const struct { const char *name; unsigned int iter; } c[] = {
		{ "rfc6070.c1", 1 },
		{ "rfc6070.c2", 2 },
		{ "rfc6070.c4096", 4096 },
	};
	uint8_t want[20], got[20];

	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		vec_hex_exact(c[i].name, want, sizeof(want));
		ck_assert_int_eq(crypto_pbkdf2_sha1("password", 8,
						    (const uint8_t *)"salt", 4,
						    c[i].iter, got, sizeof(got)), 0);
		ck_assert_msg(memcmp(got, want, 20) == 0, "%s", c[i].name);
	}
	ck_assert_int_eq(crypto_pbkdf2_sha1("password", 8,
					    (const uint8_t *)"salt", 4, 0,
					    got, sizeof(got)), -EINVAL);
}
END_TEST

START_TEST(test_passphrase_rejects)
{
	uint8_t psk[PMK_LEN], before[PMK_LEN];
	const uint8_t *ssid = (const uint8_t *)"IEEE";
	char p64[65], hex64[65];

	memset(p64, 'a', 64);
	p64[64] = '\0';
	memset(psk, 0x77, sizeof(psk));
	memcpy(before, psk, sizeof(psk));

	/* 7 characters: too short (J.4.1 needs 8..63) */
	ck_assert_int_eq(crypto_psk_from_passphrase("1234567", ssid, 4, psk),
			 -EINVAL);
	ck_assert_int_eq(crypto_psk_from_string("1234567", ssid, 4, psk),
			 -EINVAL);
	/* 64 characters is not a passphrase */
	ck_assert_int_eq(crypto_psk_from_passphrase(p64, ssid, 4, psk), -EINVAL);
	/* non-printable character */
	ck_assert_int_eq(crypto_psk_from_passphrase("abcdefg\x01", ssid, 4, psk),
			 -EINVAL);
	ck_assert_int_eq(crypto_psk_from_passphrase("abcdefg\x7f", ssid, 4, psk),
			 -EINVAL);
	/* SSID longer than 32 octets */
	ck_assert_int_eq(crypto_psk_from_passphrase("password",
			 (const uint8_t *)"0123456789012345678901234567890123",
			 33, psk), -EINVAL);
	ck_assert_bytes_eq(psk, before, PMK_LEN);

	/* 64 non-hex characters: neither a PSK nor a passphrase */
	memcpy(p64, "zz", 2);
	ck_assert_int_eq(crypto_psk_from_string(p64, ssid, 4, psk), -EINVAL);
	/* 63 and 65 characters: 63 is a valid passphrase, 65 is not anything */
	p64[63] = '\0';
	ck_assert_int_eq(crypto_psk_from_string(p64, ssid, 4, psk), 0);
	memset(hex64, 'a', 64);
	hex64[64] = '\0';
	{
		char p65[66];

		memset(p65, 'a', 65);
		p65[65] = '\0';
		ck_assert_int_eq(crypto_psk_from_string(p65, ssid, 4, psk),
				 -EINVAL);
	}
	/* 64 hex digits are taken as the PSK itself */
	vec_hex_exact("hs.pmk", before, PMK_LEN);
	hex_encode(before, PMK_LEN, hex64);
	memset(psk, 0, sizeof(psk));
	ck_assert_int_eq(crypto_psk_from_string(hex64, ssid, 4, psk), 0);
	ck_assert_bytes_eq(psk, before, PMK_LEN);
}
END_TEST

/* ---- PRF, PTK, GTK ------------------------------------------------------ */

START_TEST(test_prf_sha1)
{
	uint8_t key[20], data[8], want[64], got[64];
	size_t klen = vec_hex("prf.1.key", key, sizeof(key));
	size_t dlen = vec_hex("prf.1.data", data, sizeof(data));

	vec_hex_exact("prf.1.out", want, sizeof(want));
	ck_assert_int_eq(crypto_prf_sha1(key, klen, "prefix", data, dlen, got,
					 sizeof(got)), 0);
	ck_assert_bytes_eq(got, want, 64);
	/* a shorter output is a prefix of the longer one */
	memset(got, 0, sizeof(got));
	ck_assert_int_eq(crypto_prf_sha1(key, klen, "prefix", data, dlen, got,
					 33), 0);
	ck_assert_bytes_eq(got, want, 33);
	ck_assert_uint_eq(got[33], 0);
	/* another label gives another output */
	ck_assert_int_eq(crypto_prf_sha1(key, klen, "prefiy", data, dlen, got,
					 sizeof(got)), 0);
	ck_assert(memcmp(got, want, 64) != 0);
}
END_TEST

struct hs_vec {
	uint8_t pmk[PMK_LEN], aa[6], spa[6], anonce[NONCE_LEN], snonce[NONCE_LEN];
	uint8_t ptk[64];
	uint8_t msg2[256];
	size_t msg2_len;
	uint8_t mic_v2[16];
};

static void hs_load(struct hs_vec *h)
{
	vec_hex_exact("hs.pmk", h->pmk, PMK_LEN);
	vec_hex_exact("hs.aa", h->aa, 6);
	vec_hex_exact("hs.spa", h->spa, 6);
	vec_hex_exact("hs.anonce", h->anonce, NONCE_LEN);
	vec_hex_exact("hs.snonce", h->snonce, NONCE_LEN);
	vec_hex_exact("hs.ptk512", h->ptk, 64);
	h->msg2_len = vec_hex("hs.msg2_zero_mic", h->msg2, sizeof(h->msg2));
	vec_hex_exact("hs.msg2_mic_v2", h->mic_v2, 16);
}

START_TEST(test_hs_pmk)
{
	struct hs_vec h;
	const char *ssid = vec_str("hs.ssid");
	uint8_t pmk[PMK_LEN];

	hs_load(&h);
	ck_assert_int_eq(crypto_psk_from_passphrase(vec_str("hs.passphrase"),
						    (const uint8_t *)ssid,
						    strlen(ssid), pmk), 0);
	ck_assert_bytes_eq(pmk, h.pmk, PMK_LEN);
}
END_TEST

START_TEST(test_hs_ptk)
{
	struct hs_vec h;
	uint8_t ptk[64];

	hs_load(&h);
	ck_assert_int_eq(crypto_derive_ptk(h.pmk, h.aa, h.spa, h.anonce,
					   h.snonce, ptk, 64), 0);
	ck_assert_bytes_eq(ptk, h.ptk, 64);
	/* Min/Max ordering: both sides derive the same PTK whatever order
	 * they pass their own and the peer's values in. */
	memset(ptk, 0, sizeof(ptk));
	ck_assert_int_eq(crypto_derive_ptk(h.pmk, h.spa, h.aa, h.snonce,
					   h.anonce, ptk, 64), 0);
	ck_assert_bytes_eq(ptk, h.ptk, 64);
	/* CCMP's 48-byte PTK is the prefix of the 64-byte one */
	memset(ptk, 0, sizeof(ptk));
	ck_assert_int_eq(crypto_derive_ptk(h.pmk, h.aa, h.spa, h.anonce,
					   h.snonce, ptk, 48), 0);
	ck_assert_bytes_eq(ptk, h.ptk, 48);
	/* a different ANonce (e.g. an AP that changed it on resend) gives a
	 * different PTK */
	h.anonce[31] ^= 1;
	ck_assert_int_eq(crypto_derive_ptk(h.pmk, h.aa, h.spa, h.anonce,
					   h.snonce, ptk, 64), 0);
	ck_assert(memcmp(ptk, h.ptk, 64) != 0);
	/* only 48 and 64 are PTK lengths */
	ck_assert_int_eq(crypto_derive_ptk(h.pmk, h.aa, h.spa, h.anonce,
					   h.snonce, ptk, 32), -EINVAL);
	ck_assert_int_eq(crypto_derive_ptk(h.pmk, h.aa, h.spa, h.anonce,
					   h.snonce, ptk, 65), -EINVAL);
}
END_TEST

START_TEST(test_hs_msg2_mic_v2)
{
	struct hs_vec h;
	uint8_t mac[20];

	hs_load(&h);
	/* key descriptor version 2: HMAC-SHA1-128 keyed with the KCK */
	ck_assert_int_eq(crypto_hmac_sha1(h.ptk, KCK_LEN, h.msg2, h.msg2_len,
					  mac), 0);
	ck_assert_bytes_eq(mac, h.mic_v2, 16);
	/* one flipped bit in the frame changes the MIC */
	h.msg2[h.msg2_len - 1] ^= 1;
	ck_assert_int_eq(crypto_hmac_sha1(h.ptk, KCK_LEN, h.msg2, h.msg2_len,
					  mac), 0);
	ck_assert(memcmp(mac, h.mic_v2, 16) != 0);
}
END_TEST

START_TEST(test_hs_wrong_passphrase)
{
	struct hs_vec h;
	const char *ssid = vec_str("hs.ssid");
	uint8_t pmk[PMK_LEN], want_pmk[PMK_LEN], ptk[64], want_mic[16];
	uint8_t mic[16], right_mic[16], sha[20];

	hs_load(&h);
	vec_hex_exact("hs.wrong.pmk", want_pmk, PMK_LEN);
	vec_hex_exact("hs.wrong.mic_v1_md5", want_mic, 16);

	ck_assert_int_eq(crypto_psk_from_passphrase(
				vec_str("hs.wrong.passphrase"),
				(const uint8_t *)ssid, strlen(ssid), pmk), 0);
	ck_assert_bytes_eq(pmk, want_pmk, PMK_LEN);
	ck_assert(memcmp(pmk, h.pmk, PMK_LEN) != 0);

	/* The same msg 2/4 keyed from the wrong PMK, version 1 (HMAC-MD5). */
	ck_assert_int_eq(crypto_derive_ptk(pmk, h.aa, h.spa, h.anonce, h.snonce,
					   ptk, 64), 0);
	ck_assert_int_eq(crypto_hmac_md5(ptk, KCK_LEN, h.msg2, h.msg2_len, mic),
			 0);
	ck_assert_bytes_eq(mic, want_mic, 16);

	/* ... and it is not what the right key gives: "invalid MIC" */
	ck_assert_int_eq(crypto_hmac_md5(h.ptk, KCK_LEN, h.msg2, h.msg2_len,
					 right_mic), 0);
	ck_assert(memcmp(mic, right_mic, 16) != 0);
	ck_assert(!ct_equal(mic, right_mic, 16));
	ck_assert_int_eq(crypto_hmac_sha1(ptk, KCK_LEN, h.msg2, h.msg2_len, sha),
			 0);
	ck_assert(memcmp(sha, h.mic_v2, 16) != 0);
}
END_TEST

START_TEST(test_gtk)
{
	/* Reference computed independently with Python's hmac/hashlib:
	 * PRF-256(GMK = 00..1f, "Group key expansion", AA || GNonce) with
	 * AA = 00146c7e4080 and GNonce = 40..5f. */
	static const char *want_hex =
		"4e6a6e2dae7c23152f15a597b0371d1c"
		"84f77194e5ffa868ce9d1fa8188fcfc1";
	uint8_t gmk[32], aa[6], gnonce[NONCE_LEN], want[32], gtk[32];

	for (int i = 0; i < 32; i++) {
		gmk[i] = (uint8_t)i;
		gnonce[i] = (uint8_t)(0x40 + i);
	}
	vec_hex_exact("hs.aa", aa, 6);
	ck_assert_int_eq(hex_decode(want_hex, want, 32), 0);
	ck_assert_int_eq(crypto_derive_gtk(gmk, 32, aa, gnonce, gtk, 32), 0);
	ck_assert_bytes_eq(gtk, want, 32);
	memset(gtk, 0, sizeof(gtk));
	ck_assert_int_eq(crypto_derive_gtk(gmk, 32, aa, gnonce, gtk, 16), 0);
	ck_assert_bytes_eq(gtk, want, 16);
	gnonce[0] ^= 0x80;
	ck_assert_int_eq(crypto_derive_gtk(gmk, 32, aa, gnonce, gtk, 32), 0);
	ck_assert(memcmp(gtk, want, 32) != 0);
	ck_assert_int_eq(crypto_derive_gtk(gmk, 32, aa, gnonce, gtk, 0), -EINVAL);
}
END_TEST

/* ---- HMAC, CMAC ---------------------------------------------------------- */

START_TEST(test_hmac_md5)
{
	uint8_t key[16], data[8], want[16], got[16];
	size_t klen = vec_hex("hmac_md5.key", key, sizeof(key));
	size_t dlen = vec_hex("hmac_md5.data", data, sizeof(data));

	vec_hex_exact("hmac_md5.mac", want, 16);
	ck_assert_int_eq(crypto_hmac_md5(key, klen, data, dlen, got), 0);
	ck_assert_bytes_eq(got, want, 16);
}
END_TEST

START_TEST(test_hmac_sha1)
{
	uint8_t key[20], data[8], want[20], got[20];
	size_t klen = vec_hex("hmac_sha1.key", key, sizeof(key));
	size_t dlen = vec_hex("hmac_sha1.data", data, sizeof(data));

	vec_hex_exact("hmac_sha1.mac", want, 20);
	ck_assert_int_eq(crypto_hmac_sha1(key, klen, data, dlen, got), 0);
	ck_assert_bytes_eq(got, want, 20);
	/* wrong key */
	key[0] ^= 1;
	ck_assert_int_eq(crypto_hmac_sha1(key, klen, data, dlen, got), 0);
	ck_assert(memcmp(got, want, 20) != 0);
}
END_TEST

START_TEST(test_cmac)
{
	uint8_t key[16], data[16], want[16], got[16];

	vec_hex_exact("cmac.key", key, 16);
	vec_hex_exact("cmac.empty", want, 16);
	ck_assert_int_eq(crypto_aes_cmac(key, NULL, 0, got), 0);
	ck_assert_bytes_eq(got, want, 16);

	vec_hex_exact("cmac.m16.data", data, 16);
	vec_hex_exact("cmac.m16.mac", want, 16);
	ck_assert_int_eq(crypto_aes_cmac(key, data, 16, got), 0);
	ck_assert_bytes_eq(got, want, 16);
}
END_TEST

/* ---- AES key wrap ---------------------------------------------------------- */

START_TEST(test_kw)
{
	uint8_t kek[16], data[16], want[24], got[24], back[16];

	vec_hex_exact("kw.kek", kek, 16);
	vec_hex_exact("kw.data", data, 16);
	vec_hex_exact("kw.wrapped", want, 24);

	ck_assert_int_eq(crypto_aes_wrap(kek, 16, data, 16, got), 0);
	ck_assert_bytes_eq(got, want, 24);

	ck_assert_int_eq(crypto_aes_unwrap(kek, 16, want, 24, back), 0);
	ck_assert_bytes_eq(back, data, 16);

	/* corrupt one bit of the blob: the integrity check fails */
	for (size_t i = 0; i < 24; i += 7) {
		memcpy(got, want, 24);
		got[i] ^= 0x10;
		ck_assert_int_eq(crypto_aes_unwrap(kek, 16, got, 24, back),
				 -EBADMSG);
	}
	/* wrong KEK */
	kek[15] ^= 1;
	ck_assert_int_eq(crypto_aes_unwrap(kek, 16, want, 24, back), -EBADMSG);
}
END_TEST

START_TEST(test_kw_lengths)
{
	uint8_t kek[16] = { 0 }, data[40], out[48], back[40];

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7);
	/* not a multiple of 8, or shorter than 16: rejected */
	ck_assert_int_eq(crypto_aes_wrap(kek, 16, data, 17, out), -EINVAL);
	ck_assert_int_eq(crypto_aes_wrap(kek, 16, data, 20, out), -EINVAL);
	ck_assert_int_eq(crypto_aes_wrap(kek, 16, data, 8, out), -EINVAL);
	ck_assert_int_eq(crypto_aes_wrap(kek, 15, data, 16, out), -EINVAL);
	ck_assert_int_eq(crypto_aes_unwrap(kek, 16, out, 23, back), -EINVAL);
	ck_assert_int_eq(crypto_aes_unwrap(kek, 16, out, 16, back), -EINVAL);
	/* round trips at 40 bytes (a GTK KDE with padding) and AES-256 */
	ck_assert_int_eq(crypto_aes_wrap(kek, 16, data, 40, out), 0);
	ck_assert_int_eq(crypto_aes_unwrap(kek, 16, out, 48, back), 0);
	ck_assert_bytes_eq(back, data, 40);
	{
		uint8_t kek32[32] = { 1 };

		ck_assert_int_eq(crypto_aes_wrap(kek32, 32, data, 24, out), 0);
		ck_assert_int_eq(crypto_aes_unwrap(kek32, 32, out, 32, back), 0);
		ck_assert_bytes_eq(back, data, 24);
	}
}
END_TEST

/* ---- RC4 ------------------------------------------------------------------ */

START_TEST(test_rc4_skip256)
{
	uint8_t key[32], want[16], buf[16] = { 0 }, msg[40], orig[40];
	size_t klen = vec_hex("rc4.key", key, sizeof(key));

	ck_assert_uint_eq(klen, 32);
	vec_hex_exact("rc4.skip256.keystream16", want, 16);
	/* XOR over zeroes yields the keystream */
	ck_assert_int_eq(crypto_rc4_skip(key, klen, 256, buf, 16), 0);
	ck_assert_bytes_eq(buf, want, 16);

	/* encrypting twice decrypts */
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = orig[i] = (uint8_t)(0xa5 ^ i);
	ck_assert_int_eq(crypto_rc4_skip(key, klen, 256, msg, sizeof(msg)), 0);
	ck_assert(memcmp(msg, orig, sizeof(msg)) != 0);
	ck_assert_int_eq(crypto_rc4_skip(key, klen, 256, msg, sizeof(msg)), 0);
	ck_assert_bytes_eq(msg, orig, sizeof(msg));

	/* without the skip the keystream differs */
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(crypto_rc4_skip(key, klen, 0, buf, 16), 0);
	ck_assert(memcmp(buf, want, 16) != 0);
	ck_assert_int_eq(crypto_rc4_skip(key, 0, 256, buf, 16), -EINVAL);
}
END_TEST

/* ---- Michael ---------------------------------------------------------------- */

START_TEST(test_michael_chain)
{
	uint8_t prev[8] = { 0 };

	for (int i = 1; i <= 6; i++) {
		char name[64];
		uint8_t key[8], msg[16], want[8], got[8];
		size_t mlen;

		snprintf(name, sizeof(name), "michael.%d.key", i);
		vec_hex_exact(name, key, 8);
		/* the chain: each key is the previous MIC */
		ck_assert_msg(memcmp(key, prev, 8) == 0, "%s", name);
		snprintf(name, sizeof(name), "michael.%d.msg", i);
		mlen = vec_hex(name, msg, sizeof(msg));
		snprintf(name, sizeof(name), "michael.%d.mic", i);
		vec_hex_exact(name, want, 8);

		crypto_michael(prev, msg, mlen, got);
		ck_assert_msg(memcmp(got, want, 8) == 0, "%s", name);
		memcpy(prev, got, 8);
	}
	ck_assert_int_eq(vec_has("michael.7.key"), false);
}
END_TEST

/* ---- CCMP (Annex M.6.4) ------------------------------------------------------ */

START_TEST(test_ccmp_annex_m)
{
	uint8_t tk[16], pnb[6], hdr[32], pt[20], want_nonce[13], want_aad[30];
	uint8_t want_ct[20], want_mic[8], want_ccmph[8];
	uint8_t aad[CCMP_AAD_MAX], nonce[13], ct[20], mic[8], back[20], ch[8];
	size_t hdr_len, aad_len, want_aad_len, pt_len;
	uint64_t pn = 0, pn2;
	unsigned int keyid = 9;

	vec_hex_exact("ccmp.tk", tk, 16);
	vec_hex_exact("ccmp.pn", pnb, 6);
	for (int i = 0; i < 6; i++)
		pn = pn << 8 | pnb[i];
	hdr_len = vec_hex("ccmp.hdr", hdr, sizeof(hdr));
	pt_len = vec_hex("ccmp.plaintext", pt, sizeof(pt));
	vec_hex_exact("ccmp.nonce", want_nonce, 13);
	want_aad_len = vec_hex("ccmp.aad", want_aad, sizeof(want_aad));
	vec_hex_exact("ccmp.ccmp_hdr", want_ccmph, 8);
	ck_assert_uint_eq(vec_hex("ccmp.ciphertext", want_ct, sizeof(want_ct)),
			  pt_len);
	vec_hex_exact("ccmp.mic", want_mic, 8);

	/* AAD and nonce from the MPDU header and PN (12.5.3.3.3/4) */
	ck_assert_int_eq(crypto_ccmp_aad_nonce(hdr, hdr_len, pn, aad, &aad_len,
					       nonce), 0);
	ck_assert_uint_eq(aad_len, want_aad_len);
	ck_assert_bytes_eq(aad, want_aad, aad_len);
	ck_assert_bytes_eq(nonce, want_nonce, 13);

	/* CCMP header from PN and key id 0, and back */
	ck_assert_int_eq(crypto_ccmp_hdr(pn, 0, ch), 0);
	ck_assert_bytes_eq(ch, want_ccmph, 8);
	ck_assert_int_eq(crypto_ccmp_hdr_pn(want_ccmph, &pn2, &keyid), 0);
	ck_assert(pn2 == pn);
	ck_assert_uint_eq(keyid, 0);

	/* encryption */
	ck_assert_int_eq(crypto_aes_ccm_encrypt(tk, nonce, aad, aad_len, pt,
						pt_len, ct, mic), 0);
	ck_assert_bytes_eq(ct, want_ct, pt_len);
	ck_assert_bytes_eq(mic, want_mic, 8);

	/* decryption, and a tampered frame or MIC is rejected */
	ck_assert_int_eq(crypto_aes_ccm_decrypt(tk, nonce, aad, aad_len, want_ct,
						pt_len, want_mic, back), 0);
	ck_assert_bytes_eq(back, pt, pt_len);
	want_ct[3] ^= 1;
	ck_assert_int_eq(crypto_aes_ccm_decrypt(tk, nonce, aad, aad_len, want_ct,
						pt_len, want_mic, back),
			 -EBADMSG);
	want_ct[3] ^= 1;
	want_mic[7] ^= 0x80;
	ck_assert_int_eq(crypto_aes_ccm_decrypt(tk, nonce, aad, aad_len, want_ct,
						pt_len, want_mic, back),
			 -EBADMSG);
	want_mic[7] ^= 0x80;
	aad[2] ^= 1;
	ck_assert_int_eq(crypto_aes_ccm_decrypt(tk, nonce, aad, aad_len, want_ct,
						pt_len, want_mic, back),
			 -EBADMSG);
}
END_TEST

START_TEST(test_ccmp_aad_variants)
{
	/* QoS data, To/From DS (4 addresses): AAD has A4 and masked QC,
	 * nonce flags carry the TID. Retry/PwrMgt/MoreData cleared. */
	uint8_t hdr[32] = {
		0x88, 0x3b,			/* QoS data; ToDS FromDS Retry PwrMgt MoreData */
		0, 0,				/* duration */
		1, 1, 1, 1, 1, 1,		/* A1 */
		2, 2, 2, 2, 2, 2,		/* A2 */
		3, 3, 3, 3, 3, 3,		/* A3 */
		0x35, 0x12,			/* seq ctrl: frag 5 */
		4, 4, 4, 4, 4, 4,		/* A4 */
		0xf6, 0xff,			/* QC: TID 6 and other bits */
	};
	uint8_t aad[CCMP_AAD_MAX], nonce[13], ch[8];
	size_t aad_len;

	ck_assert_int_eq(crypto_ccmp_aad_nonce(hdr, 32, 0x010203040506ull, aad,
					       &aad_len, nonce), 0);
	ck_assert_uint_eq(aad_len, 30);
	ck_assert_uint_eq(aad[0], 0x88);
	ck_assert_uint_eq(aad[1], 0x43);	/* ToDS FromDS Protected */
	ck_assert_uint_eq(aad[2], 1);		/* A1 at 2, A2 at 8, A3 at 14 */
	ck_assert_uint_eq(aad[8], 2);
	ck_assert_uint_eq(aad[19], 3);
	ck_assert_uint_eq(aad[20], 0x05);	/* SC: fragment number only */
	ck_assert_uint_eq(aad[21], 0x00);
	ck_assert_uint_eq(aad[22], 4);		/* A4 at 22 */
	ck_assert_uint_eq(aad[27], 4);
	ck_assert_uint_eq(aad[28], 0x06);
	ck_assert_uint_eq(aad[29], 0x00);
	ck_assert_uint_eq(nonce[0], 6);
	ck_assert_uint_eq(nonce[1], 2);
	ck_assert_uint_eq(nonce[7], 0x01);
	ck_assert_uint_eq(nonce[12], 0x06);
	/* header too short for its own A4 + QC */
	ck_assert_int_eq(crypto_ccmp_aad_nonce(hdr, 30, 1, aad, &aad_len, nonce),
			 -EINVAL);
	/* PN wider than 48 bits */
	ck_assert_int_eq(crypto_ccmp_aad_nonce(hdr, 32, 1ull << 48, aad,
					       &aad_len, nonce), -EINVAL);
	/* key id 3 and no ExtIV */
	ck_assert_int_eq(crypto_ccmp_hdr(1, 3, ch), 0);
	ck_assert_uint_eq(ch[3], 0xe0);
	ch[3] = 0xc0;
	{
		uint64_t pn;

		ck_assert_int_eq(crypto_ccmp_hdr_pn(ch, &pn, NULL), -EINVAL);
	}
	ck_assert_int_eq(crypto_ccmp_hdr(1, 4, ch), -EINVAL);
}
END_TEST

/* ---- random -------------------------------------------------------------------- */

START_TEST(test_random)
{
	uint8_t a[32], b[32], zero[32] = { 0 };

	ck_assert_int_eq(crypto_random(a, sizeof(a)), 0);
	ck_assert_int_eq(crypto_random(b, sizeof(b)), 0);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	ck_assert(memcmp(a, zero, sizeof(a)) != 0);
	ck_assert_int_eq(crypto_random(a, 0), 0);
}
END_TEST

static Suite *crypto_suite(void)
{
	Suite *s = suite_create("crypto");
	TCase *tc = tcase_create("kdf");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_pbkdf2_80211, 1, 4);
	tcase_add_test(tc, test_pbkdf2_rfc6070);
	tcase_add_test(tc, test_passphrase_rejects);
	tcase_add_test(tc, test_prf_sha1);
	tcase_add_test(tc, test_hs_pmk);
	tcase_add_test(tc, test_hs_ptk);
	tcase_add_test(tc, test_hs_msg2_mic_v2);
	tcase_add_test(tc, test_hs_wrong_passphrase);
	tcase_add_test(tc, test_gtk);
	suite_add_tcase(s, tc);

	tc = tcase_create("mac");
	tcase_add_test(tc, test_hmac_md5);
	tcase_add_test(tc, test_hmac_sha1);
	tcase_add_test(tc, test_cmac);
	suite_add_tcase(s, tc);

	tc = tcase_create("cipher");
	tcase_add_test(tc, test_kw);
	tcase_add_test(tc, test_kw_lengths);
	tcase_add_test(tc, test_rc4_skip256);
	tcase_add_test(tc, test_michael_chain);
	tcase_add_test(tc, test_ccmp_annex_m);
	tcase_add_test(tc, test_ccmp_aad_variants);
	tcase_add_test(tc, test_random);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(crypto_suite)
