// SPDX-License-Identifier: MIT
/* test_pmf.c: the PMF crypto against published vectors
 * (tests/unit/vectors/wpa3-ft-vectors.txt): AES-128-CMAC (RFC 4493
 * section 4), KDF-SHA256 (802.11-2024 Annex J.13 pairwise key expansion,
 * J.12 PASN), BIP-CMAC-128 (802.11-2012 Annex M.9.1 broadcast
 * Deauthentication), and BIP's failure cases. */
#define UNIT_VECTORS "tests/unit/vectors/wpa3-ft-vectors.txt"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bip.h"
#include "crypto.h"
#include "unit.h"
#include "util.h"
#include "vectors.h"

/* --- RFC 4493 section 4 --------------------------------------------------- */

START_TEST(test_cmac_rfc4493)
{
	uint8_t key[16], msg[64], want[16], mac[16];
	char name[32];
	size_t n;
	int i = _i;
	static const size_t lens[] = { 0, 0, 16, 40, 64 };

	vec_hex_exact("cmac4493.key", key, sizeof(key));
	snprintf(name, sizeof(name), "cmac4493.%d.msg", i);
	n = vec_hex(name, msg, sizeof(msg));
	snprintf(name, sizeof(name), "cmac4493.%d.mac", i);
	vec_hex_exact(name, want, sizeof(want));
	ck_assert_uint_eq(n, lens[i]);

	ck_assert_int_eq(crypto_aes_cmac(key, msg, n, mac), 0);
	ck_assert_mem_eq(mac, want, 16);
	/* the same message in pieces, split at every point */
	for (size_t cut = 0; cut <= n; cut++) {
		struct crypto_vec v[3] = {
			{ msg, cut }, { NULL, 0 }, { msg + cut, n - cut },
		};

		memset(mac, 0, sizeof(mac));
		ck_assert_int_eq(crypto_aes_cmac_vec(key, v, 3, mac), 0);
		ck_assert_mem_eq(mac, want, 16);
	}
	/* one flipped message bit or key bit: another MAC */
	if (n) {
		msg[n / 2] ^= 0x01;
		ck_assert_int_eq(crypto_aes_cmac(key, msg, n, mac), 0);
		ck_assert_mem_ne(mac, want, 16);
		msg[n / 2] ^= 0x01;
	}
	key[15] ^= 0x80;
	ck_assert_int_eq(crypto_aes_cmac(key, msg, n, mac), 0);
	ck_assert_mem_ne(mac, want, 16);
}
END_TEST

START_TEST(test_cmac_vec_args)
{
	uint8_t key[16] = { 0 }, mac[16];
	struct crypto_vec bad = { NULL, 4 };

	ck_assert_int_eq(crypto_aes_cmac_vec(key, &bad, 1, mac), -EINVAL);
	ck_assert_int_eq(crypto_aes_cmac_vec(NULL, NULL, 0, mac), -EINVAL);
	ck_assert_int_eq(crypto_aes_cmac_vec(key, NULL, 1, mac), -EINVAL);
	ck_assert_int_eq(crypto_aes_cmac_vec(key, NULL, 0, mac), 0);
}
END_TEST

/* --- KDF-SHA256 ------------------------------------------------------------ */

/* 802.11-2024 J.13: the pairwise key expansion of 12.7.1.3 through
 * crypto_derive_ptk_sha256(), 640 bits = KCK || KEK || TK || KDK. The
 * vector is for a PTK with a KDK; the 384-bit PTK without one (what
 * PSK-SHA256 and SAE with CCMP-128 derive) has no published vector, see
 * test_kdf_ptk_no_kdk. */
START_TEST(test_kdf_j13_ptk)
{
	uint8_t pmk[32], aa[6], spa[6], an[32], sn[32], want[80], ptk[80];

	vec_hex_exact("kdf.j13.pmk", pmk, 32);
	vec_hex_exact("kdf.j13.aa", aa, 6);
	vec_hex_exact("kdf.j13.spa", spa, 6);
	vec_hex_exact("kdf.j13.anonce", an, 32);
	vec_hex_exact("kdf.j13.snonce", sn, 32);
	vec_hex_exact("kdf.j13.kck", want, 16);
	vec_hex_exact("kdf.j13.kek", want + 16, 16);
	vec_hex_exact("kdf.j13.tk", want + 32, 16);
	vec_hex_exact("kdf.j13.kdk", want + 48, 32);
	ck_assert_str_eq(vec_str("kdf.j13.label"), "Pairwise key expansion");

	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, aa, spa, an, sn, ptk, 80), 0);
	ck_assert_mem_eq(ptk, want, 80);
	/* Min/Max ordering: either side's view gives the same PTK */
	memset(ptk, 0, sizeof(ptk));
	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, spa, aa, sn, an, ptk, 80), 0);
	ck_assert_mem_eq(ptk, want, 80);
	/* a flipped nonce bit, a wrong PMK: another PTK */
	sn[31] ^= 1;
	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, aa, spa, an, sn, ptk, 80), 0);
	ck_assert_mem_ne(ptk, want, 16);
	sn[31] ^= 1;
	pmk[0] ^= 1;
	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, aa, spa, an, sn, ptk, 80), 0);
	ck_assert_mem_ne(ptk, want, 16);
}
END_TEST

START_TEST(test_kdf_ptk_no_kdk)
{
	uint8_t pmk[32], aa[6], spa[6], an[32], sn[32], want[80], ptk48[48];
	uint8_t prf[48];

	vec_hex_exact("kdf.j13.pmk", pmk, 32);
	vec_hex_exact("kdf.j13.aa", aa, 6);
	vec_hex_exact("kdf.j13.spa", spa, 6);
	vec_hex_exact("kdf.j13.anonce", an, 32);
	vec_hex_exact("kdf.j13.snonce", sn, 32);
	vec_hex_exact("kdf.j13.kck", want, 16);
	/* Length is an input of every block: the 384-bit PTK is not the
	 * first 48 octets of the 640-bit one, nor the SHA-1 PRF's PTK. */
	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, aa, spa, an, sn, ptk48, 48), 0);
	ck_assert_mem_ne(ptk48, want, 16);
	ck_assert_int_eq(crypto_derive_ptk(pmk, aa, spa, an, sn, prf, 48), 0);
	ck_assert_mem_ne(ptk48, prf, 48);
	/* argument checks */
	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, aa, spa, an, sn, ptk48, 31), -EINVAL);
	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, aa, spa, an, sn, ptk48,
						  CRYPTO_KDF_SHA256_MAX + 1), -EINVAL);
	ck_assert_int_eq(crypto_derive_ptk_sha256(NULL, aa, spa, an, sn, ptk48, 48), -EINVAL);
	ck_assert_int_eq(crypto_derive_ptk_sha256(pmk, aa, spa, an, NULL, ptk48, 48), -EINVAL);
}
END_TEST

/* 802.11-2024 J.12: KDF-SHA256 with label "PASN PTK Derivation" and
 * context SPA || BSSID || DHss, 640 bits = KCK (256) || TK (128) || KDK
 * (256): the plain KDF with a label and context other than the PTK's. */
START_TEST(test_kdf_j12_pasn)
{
	uint8_t pmk[32], ctx[6 + 6 + 32], want[80], out[80];

	vec_hex_exact("pasn.j12.pmk", pmk, 32);
	vec_hex_exact("pasn.j12.spa", ctx, 6);
	vec_hex_exact("pasn.j12.bssid", ctx + 6, 6);
	vec_hex_exact("pasn.j12.dhss", ctx + 12, 32);
	vec_hex_exact("pasn.j12.kck", want, 32);
	vec_hex_exact("pasn.j12.tk", want + 32, 16);
	vec_hex_exact("pasn.j12.kdk", want + 48, 32);

	ck_assert_int_eq(crypto_kdf_sha256(pmk, 32, vec_str("pasn.j12.label"), ctx,
					   sizeof(ctx), out, sizeof(out)), 0);
	ck_assert_mem_eq(out, want, 80);
	/* another label: another output */
	ck_assert_int_eq(crypto_kdf_sha256(pmk, 32, "Pairwise key expansion", ctx,
					   sizeof(ctx), out, sizeof(out)), 0);
	ck_assert_mem_ne(out, want, 32);
	/* argument checks; a failed call leaves no key material behind */
	memset(out, 0xaa, sizeof(out));
	ck_assert_int_eq(crypto_kdf_sha256(pmk, 32, "x", ctx, sizeof(ctx), out, 0), -EINVAL);
	ck_assert_int_eq(crypto_kdf_sha256(pmk, 32, "x", NULL, 4, out, 16), -EINVAL);
	ck_assert_int_eq(crypto_kdf_sha256(pmk, 32, NULL, ctx, 4, out, 16), -EINVAL);
	ck_assert_int_eq(crypto_kdf_sha256(pmk, 32, "x", ctx, 4, out,
					   CRYPTO_KDF_SHA256_MAX + 1), -EINVAL);
	ck_assert_int_eq(crypto_kdf_sha256(pmk, 32, "x", NULL, 0, out, 1), 0);
}
END_TEST

/* --- BIP-CMAC-128 (802.11-2012 M.9.1) ------------------------------------- */

struct bip_vec {
	uint8_t igtk[16];
	uint8_t frame[64];
	size_t frame_len;
	uint8_t prot[128];
	size_t prot_len;
	uint16_t key_id;
	uint64_t ipn;
};

static void bip_vec_load(struct bip_vec *v)
{
	uint8_t kid[2], ipn[6], mme[BIP_MME_LEN], mic[BIP_MIC_LEN];

	vec_hex_exact("bip.igtk", v->igtk, 16);
	v->frame_len = vec_hex("bip.frame", v->frame, sizeof(v->frame));
	v->prot_len = vec_hex("bip.protected", v->prot, sizeof(v->prot));
	vec_hex_exact("bip.key_id_le", kid, 2);
	vec_hex_exact("bip.ipn_le", ipn, 6);
	vec_hex_exact("bip.mmie", mme, sizeof(mme));
	vec_hex_exact("bip.mic", mic, sizeof(mic));
	v->key_id = get_le16(kid);
	v->ipn = 0;
	for (int i = 5; i >= 0; i--)
		v->ipn = v->ipn << 8 | ipn[i];
	/* the block's pieces agree with each other */
	ck_assert_uint_eq(v->prot_len, v->frame_len + BIP_MME_LEN);
	ck_assert_mem_eq(v->prot, v->frame, v->frame_len);
	ck_assert_mem_eq(v->prot + v->frame_len, mme, BIP_MME_LEN);
	ck_assert_mem_eq(mme + 10, mic, BIP_MIC_LEN);
}

START_TEST(test_bip_m91)
{
	struct bip_vec v;
	uint8_t buf[128], mic[BIP_MIC_LEN], aad[BIP_AAD_LEN];
	struct bip_mme mme;
	uint64_t rx = 0;
	size_t len;
	const char *why;

	bip_vec_load(&v);
	ck_assert_uint_eq(v.key_id, 4);
	ck_assert_uint_eq(v.ipn, 4);
	/* produce: the frame plus our MME is the published protected frame */
	memcpy(buf, v.frame, v.frame_len);
	ck_assert_int_eq(bip_protect(v.igtk, v.key_id, v.ipn, buf, v.frame_len,
				     sizeof(buf), &len), 0);
	ck_assert_uint_eq(len, v.prot_len);
	ck_assert_mem_eq(buf, v.prot, len);
	/* the pieces */
	ck_assert_int_eq(bip_mic(v.igtk, v.prot, v.prot_len, mic), 0);
	ck_assert_mem_eq(mic, v.prot + v.prot_len - BIP_MIC_LEN, BIP_MIC_LEN);
	ck_assert_int_eq(bip_mme_parse(v.prot, v.prot_len, &mme), 0);
	ck_assert_uint_eq(mme.key_id, 4);
	ck_assert_uint_eq(mme.ipn, 4);
	ck_assert_ptr_eq(mme.mic, v.prot + v.prot_len - BIP_MIC_LEN);
	ck_assert_int_eq(bip_aad(v.prot, v.prot_len, aad), 0);
	ck_assert_mem_eq(aad, v.prot, 2);
	ck_assert_mem_eq(aad + 2, v.prot + 4, 18);
	/* verify: accepted, and the replay counter moves to its IPN */
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, v.prot, v.prot_len, &why), 0);
	ck_assert_ptr_null(why);
	ck_assert_uint_eq(rx, 4);
	/* the same frame again is a replay; an older counter is too */
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, v.prot, v.prot_len, &why), -ESTALE);
	ck_assert_str_eq(why, "IPN not above the replay counter (replay)");
	rx = 5;
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, v.prot, v.prot_len, NULL), -ESTALE);
	ck_assert_uint_eq(rx, 5);
	rx = 3;
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, v.prot, v.prot_len, NULL), 0);
}
END_TEST

/* Every bit of the frame, flipped: bits the AAD masks or leaves out
 * (Duration, Sequence Control, FC Retry/PwrMgt/MoreData) keep the MIC
 * valid; any other bit breaks it (12.5.4.4). */
START_TEST(test_bip_flipped_bits)
{
	struct bip_vec v;
	uint8_t buf[128];
	const char *why;

	bip_vec_load(&v);
	for (size_t i = 0; i < v.prot_len; i++) {
		for (int b = 0; b < 8; b++) {
			uint64_t rx = 0;
			uint8_t m = (uint8_t)(1u << b);
			bool masked = (i == 1 && (m & 0x38)) || i == 2 || i == 3 ||
				      i == 22 || i == 23;
			int want, ret;

			memcpy(buf, v.prot, v.prot_len);
			buf[i] ^= m;
			ret = bip_verify(v.igtk, 4, &rx, buf, v.prot_len, &why);
			if (masked)
				want = 0;
			else if (i == 0 && (m & 0x0c))
				want = -EINVAL;		/* no longer management */
			else if (i == 1 && m == 0x80)
				want = -ENOENT;		/* +HTC: header grows */
			else if (i == v.frame_len || i == v.frame_len + 1)
				want = -ENOENT;		/* MME ID or length */
			else if (i == v.frame_len + 2 || i == v.frame_len + 3)
				want = -EKEYREJECTED;	/* key ID */
			else if (i >= v.frame_len + 4 && i < v.frame_len + 10)
				/* IPN: 4 becomes 0, not above rx 0 (a
				 * replay); any other value fails the MIC */
				want = (v.ipn ^ (uint64_t)m << 8 * (i - v.frame_len - 4)) ?
				       -EBADMSG : -ESTALE;
			else
				want = -EBADMSG;
			if (ret != want)
				ck_abort_msg("octet %zu bit %d: %d (%s), want %d", i, b,
					     ret, why ? why : "", want);
		}
	}
}
END_TEST

START_TEST(test_bip_failures)
{
	struct bip_vec v;
	uint8_t key[16], buf[128];
	uint64_t rx = 0;
	size_t len;
	const char *why;

	bip_vec_load(&v);
	/* wrong key */
	memcpy(key, v.igtk, 16);
	key[0] ^= 1;
	ck_assert_int_eq(bip_verify(key, 4, &rx, v.prot, v.prot_len, &why), -EBADMSG);
	ck_assert_str_eq(why, "MME MIC mismatch");
	ck_assert_uint_eq(rx, 0);
	/* the other key ID */
	ck_assert_int_eq(bip_verify(v.igtk, 5, &rx, v.prot, v.prot_len, &why),
			 -EKEYREJECTED);
	/* truncated at every length: never accepted */
	for (size_t n = 0; n < v.prot_len; n++) {
		int ret = bip_verify(v.igtk, 4, &rx, v.prot, n, &why);

		ck_assert_msg(ret == -EINVAL || ret == -ENOENT || ret == -EBADMSG ||
			      ret == -EKEYREJECTED, "length %zu: %d", n, ret);
		ck_assert_uint_eq(rx, 0);
	}
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, v.prot, 23, &why), -EINVAL);
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, v.prot, 24 + BIP_MME_LEN - 1, &why),
			 -ENOENT);
	/* no frame, no counter */
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, NULL, 0, &why), -EINVAL);
	ck_assert_int_eq(bip_verify(v.igtk, 4, NULL, v.prot, v.prot_len, &why), -EINVAL);
	/* a data frame */
	memcpy(buf, v.prot, v.prot_len);
	buf[0] = 0x08;
	ck_assert_int_eq(bip_verify(v.igtk, 4, &rx, buf, v.prot_len, &why), -EINVAL);
	/* protect: bad key IDs, IPN 0 and over 48 bits, no room */
	memcpy(buf, v.frame, v.frame_len);
	ck_assert_int_eq(bip_protect(v.igtk, 3, 1, buf, v.frame_len, sizeof(buf), &len),
			 -EINVAL);
	ck_assert_int_eq(bip_protect(v.igtk, 6, 1, buf, v.frame_len, sizeof(buf), &len),
			 -EINVAL);
	ck_assert_int_eq(bip_protect(v.igtk, 4, 0, buf, v.frame_len, sizeof(buf), &len),
			 -EINVAL);
	ck_assert_int_eq(bip_protect(v.igtk, 4, BIP_IPN_MAX + 1, buf, v.frame_len,
				     sizeof(buf), &len), -EINVAL);
	ck_assert_int_eq(bip_protect(v.igtk, 4, 1, buf, v.frame_len,
				     v.frame_len + BIP_MME_LEN - 1, &len), -ENOSPC);
	ck_assert_int_eq(bip_protect(v.igtk, 4, 1, buf, 10, sizeof(buf), &len), -EINVAL);
	/* the largest IPN round-trips */
	ck_assert_int_eq(bip_protect(v.igtk, 5, BIP_IPN_MAX, buf, v.frame_len,
				     sizeof(buf), &len), 0);
	ck_assert_int_eq(bip_verify(v.igtk, 5, &rx, buf, len, &why), 0);
	ck_assert_uint_eq(rx, BIP_IPN_MAX);
	/* an MME of BIP-256's length (24) is not one we check */
	ck_assert_int_eq(bip_mic(v.igtk, v.frame, v.frame_len, buf), -ENOENT);
}
END_TEST

static Suite *pmf_suite(void)
{
	Suite *s = suite_create("pmf");
	TCase *tc = tcase_create("vectors");

	tcase_add_loop_test(tc, test_cmac_rfc4493, 1, 5);
	tcase_add_test(tc, test_cmac_vec_args);
	tcase_add_test(tc, test_kdf_j13_ptk);
	tcase_add_test(tc, test_kdf_ptk_no_kdk);
	tcase_add_test(tc, test_kdf_j12_pasn);
	tcase_add_test(tc, test_bip_m91);
	tcase_add_test(tc, test_bip_flipped_bits);
	tcase_add_test(tc, test_bip_failures);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(pmf_suite)
