// SPDX-License-Identifier: MIT
/* test_sae.c: SAE (IEEE 802.11-2020 12.4) against published vectors
 * (tests/unit/vectors/wpa3-ft-vectors.txt: Annex J.10 hunting-and-pecking
 * and H2E, the REVmd D2.1 confirm, RFC 9380 J.1.1), the group math's and
 * the parser's refusals, and two instances back to back on a fake clock
 * (test_sae_harness.h): groups 19/20/21, H&P and H2E, wrong password,
 * altered and reflected commits, group negotiation, anti-clogging,
 * retransmission and Sync limits, truncated bodies. */
#define UNIT_VECTORS "tests/unit/vectors/wpa3-ft-vectors.txt"

#include "test_sae_harness.h"
#include "unit.h"
#include "vectors.h"

#define P256 32

static void vec_mac(const char *name, uint8_t mac[6])
{
	vec_hex_exact(name, mac, 6);
}

/* x || y from two records */
static void vec_point(const char *x, const char *y, uint8_t *xy, size_t plen)
{
	vec_hex_exact(x, xy, plen);
	vec_hex_exact(y, xy + plen, plen);
}

/* A body: algorithm 3, transaction seq, status 0, then the vector's fields. */
static size_t with_hdr(uint16_t seq, const uint8_t *fields, size_t n, uint8_t *out)
{
	put_le16(out, SAE_AUTH_ALG);
	put_le16(out + 2, seq);
	put_le16(out + 4, 0);
	memcpy(out + 6, fields, n);
	return n + 6;
}

/* One side of the J.10 hunting-and-pecking vector: PWE from the password,
 * then the commit from the given rand and mask. */
static struct sae_crypto *hnp_side(const char *side, const char *other)
{
	char n1[64], n2[64];
	uint8_t own[6], peer[6], rand[P256], mask[P256];
	const char *pw = vec_str("sae.hnp.password");
	struct sae_crypto *c = sae_crypto_new(19, false);

	ck_assert_ptr_nonnull(c);
	snprintf(n1, sizeof(n1), "sae.hnp.%s.mac", side);
	snprintf(n2, sizeof(n2), "sae.hnp.%s.mac", other);
	vec_mac(n1, own);
	vec_mac(n2, peer);
	ck_assert_int_eq(sae_crypto_pwe_hnp(c, own, peer, (const uint8_t *)pw, strlen(pw)), 0);
	snprintf(n1, sizeof(n1), "sae.hnp.%s.rand", side);
	snprintf(n2, sizeof(n2), "sae.hnp.%s.mask", side);
	vec_hex_exact(n1, rand, P256);
	vec_hex_exact(n2, mask, P256);
	ck_assert_int_eq(sae_crypto_commit(c, rand, mask), 0);
	return c;
}

static void check_commit(struct sae_crypto *c, const char *side)
{
	uint8_t s[P256], e[2 * P256], want_s[P256], want_e[2 * P256];
	uint8_t body[SAE_BODY_MAX], msg[3 * P256 + 2];
	struct sae_commit_fields f = { .status = 0, .group = 19, .scalar = s, .element = e };
	char n[3][64];
	size_t len;

	snprintf(n[0], sizeof(n[0]), "sae.hnp.%s.commit_scalar", side);
	snprintf(n[1], sizeof(n[1]), "sae.hnp.%s.commit_element_x", side);
	snprintf(n[2], sizeof(n[2]), "sae.hnp.%s.commit_element_y", side);
	vec_hex_exact(n[0], want_s, P256);
	vec_point(n[1], n[2], want_e, P256);
	ck_assert_int_eq(sae_crypto_own_commit(c, s, e), 0);
	ck_assert_mem_eq(s, want_s, P256);
	ck_assert_mem_eq(e, want_e, 2 * P256);
	/* the body as hostap writes it: group || scalar || element */
	snprintf(n[0], sizeof(n[0]), "sae.hnp.%s.commit_msg", side);
	vec_hex_exact(n[0], msg, sizeof(msg));
	ck_assert_int_eq(sae_frame_build_commit(&f, body, sizeof(body), &len), 0);
	ck_assert_uint_eq(len, 6 + sizeof(msg));
	ck_assert_mem_eq(body + 6, msg, sizeof(msg));
}

/* Annex J.10 (802.11-2020): both commits from rand and mask */
START_TEST(vec_hnp_commits)
{
	struct sae_crypto *a = hnp_side("local", "peer"), *b = hnp_side("peer", "local");
	uint8_t pa[2 * P256], pb[2 * P256];

	check_commit(a, "local");
	check_commit(b, "peer");
	/* the PWE is the same from both sides (MAX/MIN of the addresses) */
	ck_assert_int_eq(sae_crypto_pwe_export(a, pa), 0);
	ck_assert_int_eq(sae_crypto_pwe_export(b, pb), 0);
	ck_assert_mem_eq(pa, pb, sizeof(pa));
	sae_crypto_free(a);
	sae_crypto_free(b);
}
END_TEST

/* Annex J.10: KCK, PMK, PMKID from the local side with the peer's commit
 * (parsed from the published body); the peer side derives the same. */
START_TEST(vec_hnp_keys)
{
	struct sae_crypto *a = hnp_side("local", "peer"), *b = hnp_side("peer", "local");
	uint8_t msg[3 * P256 + 2], body[SAE_BODY_MAX], s[P256], e[2 * P256];
	uint8_t kck[32], pmk[32], pmkid[16], want_kck[32], want_pmk[32], want_pmkid[16];
	uint8_t kck2[32], pmk2[32], pmkid2[16], ca[32], cb[32];
	struct sae_frame f;
	size_t len;

	vec_hex_exact("sae.hnp.peer.commit_msg", msg, sizeof(msg));
	len = with_hdr(SAE_SEQ_COMMIT, msg, sizeof(msg), body);
	ck_assert_int_eq(sae_frame_parse(body, len, &f, NULL), 0);
	ck_assert_uint_eq(f.group, 19);
	ck_assert_ptr_null(f.token);
	ck_assert_int_eq(sae_crypto_set_peer(a, f.scalar, f.element), 0);
	ck_assert(!sae_crypto_peer_is_reflection(a));
	ck_assert_int_eq(sae_crypto_derive_keys(a, NULL, 0), 0);
	ck_assert_int_eq(sae_crypto_keys(a, kck, pmk, pmkid), 0);
	vec_hex_exact("sae.hnp.kck", want_kck, 32);
	vec_hex_exact("sae.hnp.pmk", want_pmk, 32);
	vec_hex_exact("sae.hnp.pmkid", want_pmkid, 16);
	ck_assert_mem_eq(kck, want_kck, 32);
	ck_assert_mem_eq(pmk, want_pmk, 32);
	ck_assert_mem_eq(pmkid, want_pmkid, 16);

	ck_assert_int_eq(sae_crypto_own_commit(a, s, e), 0);
	ck_assert_int_eq(sae_crypto_set_peer(b, s, e), 0);
	ck_assert_int_eq(sae_crypto_derive_keys(b, NULL, 0), 0);
	ck_assert_int_eq(sae_crypto_keys(b, kck2, pmk2, pmkid2), 0);
	ck_assert_mem_eq(kck2, want_kck, 32);
	ck_assert_mem_eq(pmk2, want_pmk, 32);
	ck_assert_mem_eq(pmkid2, want_pmkid, 16);
	/* each side's confirm is what the other expects */
	ck_assert_int_eq(sae_crypto_confirm(a, 1, true, ca), 0);
	ck_assert_int_eq(sae_crypto_confirm(b, 1, false, cb), 0);
	ck_assert_mem_eq(ca, cb, 32);
	sae_crypto_free(a);
	sae_crypto_free(b);
}
END_TEST

/* REVmd D2.1 J.10 (superseded): only the confirm function. Its commits
 * carry a password identifier after the element, which 802.11-2020 allows
 * only with H2E, so they are not parsed here (the H&P parser takes extra
 * octets before the scalar as a token). */
START_TEST(vec_d21_confirm)
{
	uint8_t kck[32], ls[P256], le[2 * P256], ps[P256], pe[2 * P256], sc_le[2];
	uint8_t out[32], want[32], msg[34], body[SAE_BODY_MAX], built[SAE_BODY_MAX];
	struct sae_frame f;
	uint16_t sc;
	size_t len, blen;

	vec_hex_exact("sae.d21.kck", kck, 32);
	vec_hex_exact("sae.d21.local.commit_scalar", ls, P256);
	vec_point("sae.d21.local.commit_element_x", "sae.d21.local.commit_element_y", le, P256);
	vec_hex_exact("sae.d21.peer.commit_scalar", ps, P256);
	vec_point("sae.d21.peer.commit_element_x", "sae.d21.peer.commit_element_y", pe, P256);
	vec_hex_exact("sae.d21.send_confirm_le", sc_le, 2);
	sc = get_le16(sc_le);

	ck_assert_int_eq(sae_confirm_compute(32, kck, sc, P256, ls, le, ps, pe, out), 0);
	vec_hex_exact("sae.d21.local.confirm", want, 32);
	ck_assert_mem_eq(out, want, 32);
	ck_assert_int_eq(sae_confirm_compute(32, kck, sc, P256, ps, pe, ls, le, out), 0);
	vec_hex_exact("sae.d21.peer.confirm", want, 32);
	ck_assert_mem_eq(out, want, 32);

	/* the confirm bodies: parse and build */
	vec_hex_exact("sae.d21.local.confirm_msg", msg, sizeof(msg));
	len = with_hdr(SAE_SEQ_CONFIRM, msg, sizeof(msg), body);
	ck_assert_int_eq(sae_frame_parse(body, len, &f, NULL), 0);
	ck_assert_uint_eq(f.seq, SAE_SEQ_CONFIRM);
	ck_assert_uint_eq(f.send_confirm, sc);
	ck_assert_uint_eq(f.confirm_len, 32);
	ck_assert_int_eq(sae_frame_build_confirm(sc, f.confirm, 32, built, sizeof(built), &blen),
			 0);
	ck_assert_uint_eq(blen, len);
	ck_assert_mem_eq(built, body, len);
	/* one bit off: not the peer's confirm */
	out[0] ^= 1;
	ck_assert_int_ne(memcmp(out, want, 32), 0);
}
END_TEST

static void vec_text(const char *name, const uint8_t **p, size_t *len)
{
	const char *v = vec_str(name);

	*p = (const uint8_t *)v;
	*len = strlen(v);
}

/* Annex J.10 H2E: PT and every intermediate iwd publishes */
START_TEST(vec_h2e_pt)
{
	const uint8_t *ssid, *pw, *id;
	size_t ssid_len, pw_len, id_len;
	struct sae_pt_trace tr;
	uint8_t pt[2 * P256], want[2 * P256], seed[32], v[48], u[P256];

	vec_text("sae.h2e.ssid", &ssid, &ssid_len);
	vec_text("sae.h2e.password", &pw, &pw_len);
	vec_text("sae.h2e.password_id", &id, &id_len);
	ck_assert_int_eq(sae_pt_derive(19, ssid, ssid_len, pw, pw_len, id, id_len, pt, &tr), 0);
	vec_hex_exact("sae.h2e.pwd_seed", seed, 32);
	ck_assert_mem_eq(tr.pwd_seed, seed, 32);
	ck_assert_uint_eq(tr.pwd_value_len, 48);
	vec_hex_exact("sae.h2e.pwd_value1", v, 48);
	ck_assert_mem_eq(tr.pwd_value1, v, 48);
	vec_hex_exact("sae.h2e.pwd_value2", v, 48);
	ck_assert_mem_eq(tr.pwd_value2, v, 48);
	vec_hex_exact("sae.h2e.u1", u, P256);
	ck_assert_mem_eq(tr.u1, u, P256);
	vec_hex_exact("sae.h2e.u2", u, P256);
	ck_assert_mem_eq(tr.u2, u, P256);
	vec_point("sae.h2e.p1_x", "sae.h2e.p1_y", want, P256);
	ck_assert_mem_eq(tr.p1, want, 2 * P256);
	vec_point("sae.h2e.p2_x", "sae.h2e.p2_y", want, P256);
	ck_assert_mem_eq(tr.p2, want, 2 * P256);
	vec_point("sae.h2e.pt_x", "sae.h2e.pt_y", want, P256);
	ck_assert_mem_eq(pt, want, 2 * P256);
	secure_zero(&tr, sizeof(tr));

	/* another identifier, or none, is another PT */
	ck_assert_int_eq(sae_pt_derive(19, ssid, ssid_len, pw, pw_len, NULL, 0, pt, NULL), 0);
	ck_assert_int_ne(memcmp(pt, want, sizeof(pt)), 0);
}
END_TEST

/* Annex J.10 H2E: val and PWE from PT and the two addresses, either order */
START_TEST(vec_h2e_pwe)
{
	uint8_t pt[2 * P256], m1[6], m2[6], val[P256], want_val[P256], pwe[2 * P256];
	uint8_t want[2 * P256];

	vec_point("sae.h2e.pt_x", "sae.h2e.pt_y", pt, P256);
	vec_mac("sae.h2e.mac1", m1);
	vec_mac("sae.h2e.mac2", m2);
	vec_hex_exact("sae.h2e.val", want_val, P256);
	vec_point("sae.h2e.pwe_x", "sae.h2e.pwe_y", want, P256);
	for (int order = 0; order < 2; order++) {
		struct sae_crypto *c = sae_crypto_new(19, true);

		ck_assert_ptr_nonnull(c);
		ck_assert_int_eq(sae_crypto_pwe_h2e(c, pt, order ? m2 : m1, order ? m1 : m2, val),
				 0);
		ck_assert_mem_eq(val, want_val, P256);
		ck_assert_int_eq(sae_crypto_pwe_export(c, pwe), 0);
		ck_assert_mem_eq(pwe, want, 2 * P256);
		sae_crypto_free(c);
	}
	/* a PT that is not on the curve is refused */
	{
		struct sae_crypto *c = sae_crypto_new(19, true);

		pt[2 * P256 - 1] ^= 1;
		ck_assert_int_eq(sae_crypto_pwe_h2e(c, pt, m1, m2, NULL), -EDOM);
		sae_crypto_free(c);
	}
}
END_TEST

/* RFC 9380 J.1.1 P256_XMD:SHA-256_SSWU_RO_ */
START_TEST(vec_h2c)
{
	const uint8_t *dst, *msg;
	size_t dst_len, msg_len;
	uint8_t u0[P256], u1[P256], q0[64], q1[64], p[64], want[64];
	char n[2][32];

	vec_text("h2c.dst", &dst, &dst_len);
	for (int i = 1; i <= 3; i++) {
		snprintf(n[0], sizeof(n[0]), "h2c.%d.msg", i);
		vec_text(n[0], &msg, &msg_len);
		ck_assert_int_eq(sae_hash_to_curve_xmd(19, msg, msg_len, dst, dst_len, u0, u1, q0,
						       q1, p),
				 0);
		snprintf(n[0], sizeof(n[0]), "h2c.%d.u0", i);
		vec_hex_exact(n[0], want, P256);
		ck_assert_mem_eq(u0, want, P256);
		snprintf(n[0], sizeof(n[0]), "h2c.%d.u1", i);
		vec_hex_exact(n[0], want, P256);
		ck_assert_mem_eq(u1, want, P256);
		snprintf(n[0], sizeof(n[0]), "h2c.%d.q0_x", i);
		snprintf(n[1], sizeof(n[1]), "h2c.%d.q0_y", i);
		vec_point(n[0], n[1], want, P256);
		ck_assert_mem_eq(q0, want, 64);
		snprintf(n[0], sizeof(n[0]), "h2c.%d.q1_x", i);
		snprintf(n[1], sizeof(n[1]), "h2c.%d.q1_y", i);
		vec_point(n[0], n[1], want, P256);
		ck_assert_mem_eq(q1, want, 64);
		snprintf(n[0], sizeof(n[0]), "h2c.%d.p_x", i);
		snprintf(n[1], sizeof(n[1]), "h2c.%d.p_y", i);
		vec_point(n[0], n[1], want, P256);
		ck_assert_mem_eq(p, want, 64);
	}
}
END_TEST

static Suite *sae_vectors_suite(void)
{
	Suite *s = suite_create("sae_vectors");
	TCase *tc = tcase_create("vectors");

	tcase_add_test(tc, vec_hnp_commits);
	tcase_add_test(tc, vec_hnp_keys);
	tcase_add_test(tc, vec_d21_confirm);
	tcase_add_test(tc, vec_h2e_pt);
	tcase_add_test(tc, vec_h2e_pwe);
	tcase_add_test(tc, vec_h2c);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- the group math refuses what 12.4.5.4 says to refuse ---- */

/* group 19's order r, big-endian */
static const uint8_t p256_r[P256] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

START_TEST(math_peer_scalar_range)
{
	struct sae_crypto *a = hnp_side("local", "peer");
	uint8_t s[P256], e[2 * P256], bad[P256];

	vec_hex_exact("sae.hnp.peer.commit_scalar", s, P256);
	vec_point("sae.hnp.peer.commit_element_x", "sae.hnp.peer.commit_element_y", e, P256);
	memset(bad, 0, sizeof(bad));
	ck_assert_int_eq(sae_crypto_set_peer(a, bad, e), -ERANGE);	/* 0 */
	bad[P256 - 1] = 1;
	ck_assert_int_eq(sae_crypto_set_peer(a, bad, e), -ERANGE);	/* 1 */
	ck_assert_int_eq(sae_crypto_set_peer(a, p256_r, e), -ERANGE);	/* r */
	memset(bad, 0xff, sizeof(bad));
	ck_assert_int_eq(sae_crypto_set_peer(a, bad, e), -ERANGE);	/* > r */
	memcpy(bad, p256_r, P256);
	bad[P256 - 1]--;
	ck_assert_int_eq(sae_crypto_set_peer(a, bad, e), 0);		/* r - 1 */
	bad[0] = 0;
	bad[P256 - 1] = 2;
	memset(bad, 0, P256 - 1);
	ck_assert_int_eq(sae_crypto_set_peer(a, bad, e), 0);		/* 2 */
	/* nothing derives from a refused commit */
	ck_assert_int_eq(sae_crypto_set_peer(a, p256_r, e), -ERANGE);
	ck_assert_int_eq(sae_crypto_derive_keys(a, NULL, 0), -ENOENT);
	sae_crypto_free(a);
}
END_TEST

START_TEST(math_peer_element)
{
	static const uint8_t p256_p[P256] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	struct sae_crypto *a = hnp_side("local", "peer");
	uint8_t s[P256], e[2 * P256], bad[2 * P256];

	vec_hex_exact("sae.hnp.peer.commit_scalar", s, P256);
	vec_point("sae.hnp.peer.commit_element_x", "sae.hnp.peer.commit_element_y", e, P256);
	memcpy(bad, e, sizeof(bad));
	bad[2 * P256 - 1] ^= 1;				/* y off by one: off the curve */
	ck_assert_int_eq(sae_crypto_set_peer(a, s, bad), -EDOM);
	memcpy(bad, e, sizeof(bad));
	bad[5] ^= 0x40;					/* x changed */
	ck_assert_int_eq(sae_crypto_set_peer(a, s, bad), -EDOM);
	memset(bad, 0, sizeof(bad));			/* (0, 0): the "infinity" encoding */
	ck_assert_int_eq(sae_crypto_set_peer(a, s, bad), -EDOM);
	memcpy(bad, p256_p, P256);			/* x = p */
	memcpy(bad + P256, e + P256, P256);
	ck_assert_int_eq(sae_crypto_set_peer(a, s, bad), -EDOM);
	memcpy(bad, e, P256);				/* y + p: same point mod p, refused */
	memset(bad + P256, 0xff, P256);
	ck_assert_int_eq(sae_crypto_set_peer(a, s, bad), -EDOM);
	ck_assert_int_eq(sae_crypto_set_peer(a, s, e), 0);
	sae_crypto_free(a);
}
END_TEST

START_TEST(math_reflection)
{
	struct sae_crypto *a = hnp_side("local", "peer");
	uint8_t s[P256], e[2 * P256];

	ck_assert_int_eq(sae_crypto_own_commit(a, s, e), 0);
	ck_assert_int_eq(sae_crypto_set_peer(a, s, e), 0);
	ck_assert(sae_crypto_peer_is_reflection(a));
	sae_crypto_free(a);
}
END_TEST

/* commit's rand and mask must be in 1 < x < r (12.4.5.2) */
START_TEST(math_commit_range)
{
	struct sae_crypto *a = hnp_side("local", "peer");
	uint8_t one[P256] = { 0 }, two[P256] = { 0 };

	one[P256 - 1] = 1;
	two[P256 - 1] = 2;
	ck_assert_int_eq(sae_crypto_commit(a, one, two), -ERANGE);
	ck_assert_int_eq(sae_crypto_commit(a, two, p256_r), -ERANGE);
	ck_assert_int_eq(sae_crypto_commit(a, two, two), 0);
	sae_crypto_free(a);
}
END_TEST

/* a wrong password: another PWE, another k, confirms that do not verify */
START_TEST(math_wrong_password)
{
	struct sae_crypto *a = hnp_side("local", "peer");
	struct sae_crypto *b = sae_crypto_new(19, false);
	uint8_t own[6], peer[6], sa[P256], ea[2 * P256], sb[P256], eb[2 * P256];
	uint8_t ca[32], cb[32];

	vec_mac("sae.hnp.peer.mac", own);
	vec_mac("sae.hnp.local.mac", peer);
	ck_assert_int_eq(sae_crypto_pwe_hnp(b, own, peer, (const uint8_t *)"mekmitasdigoaT", 14),
			 0);
	ck_assert_int_eq(sae_crypto_commit_random(b, NULL, NULL), 0);
	ck_assert_int_eq(sae_crypto_own_commit(a, sa, ea), 0);
	ck_assert_int_eq(sae_crypto_own_commit(b, sb, eb), 0);
	ck_assert_int_eq(sae_crypto_set_peer(a, sb, eb), 0);
	ck_assert_int_eq(sae_crypto_set_peer(b, sa, ea), 0);
	ck_assert_int_eq(sae_crypto_derive_keys(a, NULL, 0), 0);
	ck_assert_int_eq(sae_crypto_derive_keys(b, NULL, 0), 0);
	ck_assert_int_eq(sae_crypto_confirm(a, 1, true, ca), 0);
	ck_assert_int_eq(sae_crypto_confirm(b, 1, false, cb), 0);
	ck_assert_int_ne(memcmp(ca, cb, 32), 0);
	sae_crypto_free(a);
	sae_crypto_free(b);
}
END_TEST

static Suite *sae_math_suite(void)
{
	Suite *s = suite_create("sae_math");
	TCase *tc = tcase_create("math");

	tcase_add_test(tc, math_peer_scalar_range);
	tcase_add_test(tc, math_peer_element);
	tcase_add_test(tc, math_reflection);
	tcase_add_test(tc, math_commit_range);
	tcase_add_test(tc, math_wrong_password);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- frame bodies ---- */

/* An H2E commit with a password identifier, rejected groups and a token. */
static size_t h2e_body(uint8_t *body, size_t cap, size_t *boundaries, size_t *nb)
{
	uint8_t s[P256], e[2 * P256], tok[32];
	uint16_t rej[2] = { 20, 21 };
	struct sae_commit_fields f = {
		.status = SAE_STATUS_HASH_TO_ELEMENT, .group = 19, .scalar = s, .element = e,
		.pwid = (const uint8_t *)"psk4internet", .pwid_len = 12,
		.rejected = rej, .n_rejected = 2, .token = tok, .token_len = sizeof(tok),
	};
	size_t len;

	memset(s, 0x11, sizeof(s));
	memset(e, 0x22, sizeof(e));
	memset(tok, 0x33, sizeof(tok));
	ck_assert_int_eq(sae_frame_build_commit(&f, body, cap, &len), 0);
	/* where a prefix ends on an element boundary */
	boundaries[0] = 6 + 2 + 3 * P256;
	boundaries[1] = boundaries[0] + 3 + 12;
	boundaries[2] = boundaries[1] + 3 + 4;
	boundaries[3] = boundaries[2] + 3 + 32;
	*nb = 4;
	ck_assert_uint_eq(len, boundaries[3]);
	return len;
}

START_TEST(frame_h2e_fields)
{
	uint8_t body[SAE_BODY_MAX];
	size_t bnd[4], nb, len = h2e_body(body, sizeof(body), bnd, &nb);
	struct sae_frame f;

	ck_assert_int_eq(sae_frame_parse(body, len, &f, NULL), 0);
	ck_assert_uint_eq(f.status, SAE_STATUS_HASH_TO_ELEMENT);
	ck_assert_uint_eq(f.group, 19);
	ck_assert(f.has_pwid);
	ck_assert_uint_eq(f.pwid_len, 12);
	ck_assert_mem_eq(f.pwid, "psk4internet", 12);
	ck_assert_uint_eq(f.rejected_len, 4);
	ck_assert_uint_eq(get_le16(f.rejected), 20);
	ck_assert_uint_eq(get_le16(f.rejected + 2), 21);
	ck_assert_uint_eq(f.token_len, 32);
	ck_assert(f.token_in_container);
	ck_assert_uint_eq(f.scalar[0], 0x11);
	ck_assert_uint_eq(f.element[0], 0x22);
}
END_TEST

/* Every prefix of every kind of body: refused, or (only where the format
 * allows it) parsed as a shorter body; ASan checks that nothing is read past
 * the prefix, which is copied into a buffer of exactly its length. */
START_TEST(frame_truncated_every_length)
{
	uint8_t body[SAE_BODY_MAX], msg[3 * P256 + 2], conf[34];
	size_t bnd[4], nb, len;
	struct sae_frame f;
	const char *why;

	len = h2e_body(body, sizeof(body), bnd, &nb);
	for (size_t n = 0; n < len; n++) {
		uint8_t *cut = malloc(n ? n : 1);
		bool boundary = false;
		int ret;

		memcpy(cut, body, n);
		ret = sae_frame_parse(cut, n, &f, &why);
		for (size_t i = 0; i < nb; i++)
			boundary |= n == bnd[i];
		if (boundary)
			ck_assert_int_eq(ret, 0);
		else
			ck_assert_msg(ret == -EBADMSG && why, "h2e prefix %zu: %d", n, ret);
		free(cut);
	}
	vec_hex_exact("sae.hnp.local.commit_msg", msg, sizeof(msg));
	len = with_hdr(SAE_SEQ_COMMIT, msg, sizeof(msg), body);
	for (size_t n = 0; n < len; n++) {
		uint8_t *cut = malloc(n ? n : 1);

		memcpy(cut, body, n);
		ck_assert_int_eq(sae_frame_parse(cut, n, &f, NULL), -EBADMSG);
		free(cut);
	}
	vec_hex_exact("sae.d21.local.confirm_msg", conf, sizeof(conf));
	len = with_hdr(SAE_SEQ_CONFIRM, conf, sizeof(conf), body);
	for (size_t n = 0; n < len; n++) {
		uint8_t *cut = malloc(n ? n : 1);

		memcpy(cut, body, n);
		ck_assert_int_eq(sae_frame_parse(cut, n, &f, NULL), -EBADMSG);
		free(cut);
	}
}
END_TEST

START_TEST(frame_refusals)
{
	uint8_t body[SAE_BODY_MAX], msg[3 * P256 + 2];
	struct sae_frame f;
	size_t len, n;

	vec_hex_exact("sae.hnp.local.commit_msg", msg, sizeof(msg));
	len = with_hdr(SAE_SEQ_COMMIT, msg, sizeof(msg), body);
	body[0] = 0;					/* open system, not SAE */
	ck_assert_int_eq(sae_frame_parse(body, len, &f, NULL), -EBADMSG);
	body[0] = SAE_AUTH_ALG;
	body[2] = 3;					/* transaction 3 */
	ck_assert_int_eq(sae_frame_parse(body, len, &f, NULL), -EBADMSG);
	body[2] = 1;
	/* unsupported group: parses, no scalar (answered with 77) */
	put_le16(body + 6, 26);
	ck_assert_int_eq(sae_frame_parse(body, len, &f, NULL), 0);
	ck_assert(!f.group_known);
	ck_assert_ptr_null(f.scalar);
	put_le16(body + 6, 19);
	/* a token longer than SAE_TOKEN_MAX before the scalar */
	memmove(body + 8 + SAE_TOKEN_MAX + 1, body + 8, 3 * P256);
	memset(body + 8, 0x55, SAE_TOKEN_MAX + 1);
	ck_assert_int_eq(sae_frame_parse(body, len + SAE_TOKEN_MAX + 1, &f, NULL), -EBADMSG);
	/* 76 with a token and 77 with the group */
	ck_assert_int_eq(sae_frame_build_reject(76, 19, msg, 32, false, body, sizeof(body), &n), 0);
	ck_assert_int_eq(sae_frame_parse(body, n, &f, NULL), 0);
	ck_assert_uint_eq(f.token_len, 32);
	ck_assert_int_eq(sae_frame_build_reject(76, 19, msg, 32, true, body, sizeof(body), &n), 0);
	ck_assert_int_eq(sae_frame_parse(body, n, &f, NULL), 0);
	ck_assert(f.token_in_container);
	ck_assert_uint_eq(f.token_len, 32);
	ck_assert_int_eq(sae_frame_parse(body, n - 1, &f, NULL), -EBADMSG);
	ck_assert_int_eq(sae_frame_build_reject(77, 26, NULL, 0, false, body, sizeof(body), &n), 0);
	ck_assert_int_eq(sae_frame_parse(body, n, &f, NULL), 0);
	ck_assert(f.has_group);
	ck_assert_uint_eq(f.group, 26);
	/* building into too small a buffer */
	ck_assert_int_eq(sae_frame_build_reject(77, 26, NULL, 0, false, body, 7, &n), -ENOSPC);
}
END_TEST

static Suite *sae_frame_suite(void)
{
	Suite *s = suite_create("sae_frame");
	TCase *tc = tcase_create("frame");

	tcase_add_test(tc, frame_h2e_fields);
	tcase_add_test(tc, frame_truncated_every_length);
	tcase_add_test(tc, frame_refusals);
	suite_add_tcase(s, tc);
	return s;
}

/* ---- two instances back to back ---- */

static const enum sae_event_type initiator_seq[] = {
	SAE_EV_STATE, SAE_EV_TX, SAE_EV_RX, SAE_EV_STATE, SAE_EV_TX,
	SAE_EV_RX, SAE_EV_ACCEPTED, SAE_EV_STATE,
};
static const enum sae_event_type responder_seq[] = {
	SAE_EV_RX, SAE_EV_STATE, SAE_EV_TX, SAE_EV_TX, SAE_EV_RX, SAE_EV_ACCEPTED, SAE_EV_STATE,
};

static void assert_seq(const struct sb_side *s, const enum sae_event_type *seq, size_t n)
{
	ck_assert_uint_eq(s->nev, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(s->ev[i].type == seq[i], "event %zu is %s, expected %s", i,
			      sae_event_type_name(s->ev[i].type), sae_event_type_name(seq[i]));
}

static void exchange(uint16_t group, bool h2e, bool pwid)
{
	struct sb h;
	const struct sb_ev *e;

	sb_init(&h, group);
	h.a.cfg.h2e = h.b.cfg.h2e = h2e;
	if (pwid) {
		memcpy(h.a.cfg.pwid, "psk4internet", 12);
		memcpy(h.b.cfg.pwid, "psk4internet", 12);
		h.a.cfg.pwid_len = h.b.cfg.pwid_len = 12;
	}
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	ck_assert_int_eq(sae_start(h.a.s), -EALREADY);
	sb_run(&h, 1000000);
	sb_assert_done(&h, group);
	assert_seq(&h.a, initiator_seq, ARRAY_SIZE(initiator_seq));
	assert_seq(&h.b, responder_seq, ARRAY_SIZE(responder_seq));
	/* structured fields of the exchange */
	ck_assert_int_eq(h.a.ev[0].old_state, SAE_STATE_NOTHING);
	ck_assert_int_eq(h.a.ev[0].new_state, SAE_STATE_COMMITTED);
	e = sb_tx_ev(&h.a, SAE_MSG_COMMIT, 0);
	ck_assert_uint_eq(e->status, h2e ? SAE_STATUS_HASH_TO_ELEMENT : 0);
	ck_assert_uint_eq(e->group, group);
	ck_assert_uint_eq(e->attempt, 1);
	e = sb_tx_ev(&h.a, SAE_MSG_CONFIRM, 0);
	ck_assert_uint_eq(e->send_confirm, 1);
	ck_assert_int_eq(h.b.ev[1].old_state, SAE_STATE_NOTHING);
	ck_assert_int_eq(h.b.ev[1].new_state, SAE_STATE_CONFIRMED);
	ck_assert_int_eq(h.b.ev[6].new_state, SAE_STATE_ACCEPTED);
	/* no timer left: t0 is cancelled on Accepted */
	ck_assert_uint_eq(loop_next_timer_us(h.loop), UINT64_MAX);
	sb_free(&h);
}

START_TEST(pair_hnp)
{
	exchange((uint16_t)_i, false, false);
}
END_TEST

START_TEST(pair_h2e)
{
	exchange((uint16_t)_i, true, _i == 19);
}
END_TEST

/* A wrong password: the confirms do not verify on either side; both resend
 * up to dot11RSNASAESync times, then give up. */
START_TEST(pair_wrong_password)
{
	struct sb h;

	sb_init(&h, (uint16_t)_i);
	h.b.cfg.h2e = h.a.cfg.h2e = _i == 20;
	ck_assert_int_eq(sae_config_set_password(&h.b.cfg, "correct horse battery!"), 0);
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_run(&h, 5000000);
	for (int i = 0; i < 2; i++) {
		const struct sb_side *s = i ? &h.b : &h.a;

		ck_assert_ptr_nonnull(sb_find(s, SAE_EV_DROPPED, SAE_R_CONFIRM_MISMATCH));
		ck_assert_ptr_null(sb_find(s, SAE_EV_ACCEPTED, SAE_R_NONE));
		ck_assert_ptr_nonnull(sb_find(s, SAE_EV_FAILED, SAE_R_SYNC_LIMIT));
		ck_assert_int_eq(sae_state(s->s), SAE_STATE_NOTHING);
		ck_assert_int_eq(sae_get_pmk(s->s, NULL, NULL), -ENOTCONN);
	}
	sb_free(&h);
}
END_TEST

/* both sides start at once: the machine is role-symmetric */
START_TEST(pair_simultaneous)
{
	struct sb h;

	sb_init(&h, 19);
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	ck_assert_int_eq(sae_start(h.b.s), 0);
	sb_run(&h, 1000000);
	sb_assert_done(&h, 19);
	ck_assert_uint_eq(sb_count(&h.a, SAE_EV_DROPPED), 0);
	sb_free(&h);
}
END_TEST

/* ---- altered, reflected, truncated commits ---- */

struct alter {
	int what;		/* 0 scalar := 0, 1 scalar := r, 2 element bit */
	unsigned int left;	/* commits still to alter */
};

static bool alter_commit(struct sb *h, struct sb_frame *f, void *arg)
{
	struct alter *al = arg;

	if (!al->left || get_le16(f->data + 2) != SAE_SEQ_COMMIT)
		return true;
	al->left--;
	switch (al->what) {
	case 0:
		memset(f->data + 8, 0, P256);
		break;
	case 1:
		memcpy(f->data + 8, p256_r, P256);
		break;
	default:
		f->data[8 + P256 + 2 * P256 - 1] ^= 1;
		break;
	}
	return true;
}

START_TEST(pair_altered_commit)
{
	static const enum sae_reason want[] = { SAE_R_BAD_SCALAR, SAE_R_BAD_SCALAR,
						SAE_R_BAD_ELEMENT };
	struct alter al = { .what = _i, .left = 1 };
	const struct sb_ev *e;
	struct sb h;

	sb_init(&h, 19);
	sb_create(&h);
	h.a.filter = alter_commit;
	h.a.filter_arg = &al;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_pump(&h);
	e = sb_find(&h.b, SAE_EV_DROPPED, want[_i]);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->msg, SAE_MSG_COMMIT);
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_NOTHING);
	ck_assert_uint_eq(h.b.nsent, 0);
	/* the unaltered retransmission then goes through */
	sb_run(&h, 1000000);
	sb_assert_done(&h, 19);
	ck_assert_uint_eq(sb_count(&h.a, SAE_EV_RETRY), 1);
	sb_free(&h);
}
END_TEST

/* 12.4.8.6.4: our own commit coming back is silently refused */
START_TEST(pair_reflection)
{
	struct sb h;

	sb_init(&h, 19);
	sb_create(&h);
	h.a.lose = true;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	ck_assert_int_eq(sae_rx(h.a.s, h.a.last.data, h.a.last.len), 0);
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_DROPPED, SAE_R_REFLECTION));
	ck_assert_int_eq(sae_state(h.a.s), SAE_STATE_COMMITTED);
	ck_assert_uint_eq(h.a.nsent, 1);	/* no confirm went out */
	sb_free(&h);
}
END_TEST

/* every prefix of a commit given to a responder: refused, nothing sent */
START_TEST(pair_truncated)
{
	struct sb h;
	struct sb_frame c;

	sb_init(&h, (uint16_t)_i);
	sb_create(&h);
	h.a.lose = true;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	c = h.a.last;
	for (size_t n = 0; n < c.len; n++) {
		uint8_t *cut = malloc(n ? n : 1);

		memcpy(cut, c.data, n);
		h.b.nev = 0;
		ck_assert_int_eq(sae_rx(h.b.s, cut, n), 0);
		ck_assert_uint_eq(h.b.nev, 1);
		ck_assert_int_eq(h.b.ev[0].type, SAE_EV_DROPPED);
		ck_assert_int_eq(h.b.ev[0].reason, SAE_R_MALFORMED);
		free(cut);
	}
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_NOTHING);
	ck_assert_uint_eq(h.b.nsent, 0);
	/* and a confirm cut short, to an instance that waits for one */
	h.a.lose = false;
	ck_assert_int_eq(sae_rx(h.b.s, c.data, c.len), 0);
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_CONFIRMED);
	for (size_t n = 0; n < h.b.last.len; n++) {
		h.a.nev = 0;
		ck_assert_int_eq(sae_rx(h.a.s, h.b.last.data, n), 0);
		ck_assert_int_eq(h.a.ev[0].reason, SAE_R_MALFORMED);
	}
	sb_free(&h);
}
END_TEST

/* ---- groups ---- */

/* the responder lacks our first group: status 77, then the next group */
START_TEST(pair_group_negotiation)
{
	bool h2e = _i;
	const struct sb_ev *e;
	struct sb h;

	sb_init(&h, 19);
	h.a.cfg.groups[0] = 20;
	h.a.cfg.groups[1] = 19;
	h.a.cfg.n_groups = 2;
	h.a.cfg.h2e = h.b.cfg.h2e = h2e;
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_run(&h, 1000000);
	sb_assert_done(&h, 19);
	e = sb_find(&h.b, SAE_EV_DROPPED, SAE_R_UNSUPPORTED_GROUP);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->group, 20);
	e = sb_tx_ev(&h.b, SAE_MSG_COMMIT, 0);
	ck_assert_uint_eq(e->status, SAE_STATUS_UNSUPPORTED_GROUP);
	ck_assert_uint_eq(e->group, 20);
	e = sb_find(&h.a, SAE_EV_GROUP, SAE_R_NONE);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->prev_group, 20);
	ck_assert_uint_eq(e->group, 19);
	e = sb_tx_ev(&h.a, SAE_MSG_COMMIT, 1);
	ck_assert_uint_eq(e->group, 19);
	ck_assert_uint_eq(e->attempt, 1);
	sb_free(&h);
}
END_TEST

START_TEST(pair_no_common_group)
{
	struct sb h;

	sb_init(&h, 19);
	h.a.cfg.groups[0] = 20;
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_run(&h, 1000000);
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_FAILED, SAE_R_NO_GROUP));
	ck_assert_int_eq(sae_state(h.a.s), SAE_STATE_NOTHING);
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_NOTHING);
	sb_free(&h);
}
END_TEST

static bool lose_first(struct sb *h, struct sb_frame *f, void *arg)
{
	unsigned int *left = arg;

	if (!*left)
		return true;
	(*left)--;
	return false;
}

/* H2E: a forged 77 makes the station drop group 20, which the AP supports:
 * the AP sees 20 in the Rejected Groups element and refuses (downgrade) */
START_TEST(pair_h2e_downgrade)
{
	unsigned int lose = 1;
	uint8_t rej[SAE_BODY_MAX];
	size_t n;
	struct sb h;

	sb_init(&h, 20);
	h.a.cfg.groups[1] = h.b.cfg.groups[1] = 19;
	h.a.cfg.n_groups = h.b.cfg.n_groups = 2;
	h.a.cfg.h2e = h.b.cfg.h2e = true;
	sb_create(&h);
	h.a.filter = lose_first;
	h.a.filter_arg = &lose;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	ck_assert_int_eq(sae_frame_build_reject(77, 20, NULL, 0, false, rej, sizeof(rej), &n), 0);
	ck_assert_int_eq(sae_rx(h.a.s, rej, n), 0);
	ck_assert_uint_eq(sae_group(h.a.s), 19);
	sb_pump(&h);
	ck_assert_ptr_nonnull(sb_find(&h.b, SAE_EV_DROPPED, SAE_R_REJECTED_GROUPS));
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_NOTHING);
	sb_free(&h);
}
END_TEST

/* both start, in different groups both support: the larger wins */
START_TEST(pair_group_crossing)
{
	struct sb h;

	sb_init(&h, 20);
	h.a.cfg.groups[1] = 19;
	h.b.cfg.groups[0] = 19;
	h.b.cfg.groups[1] = 20;
	h.a.cfg.n_groups = h.b.cfg.n_groups = 2;
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	ck_assert_int_eq(sae_start(h.b.s), 0);
	sb_run(&h, 1000000);
	sb_assert_done(&h, 20);
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_DROPPED, SAE_R_GROUP_MISMATCH));
	ck_assert_ptr_nonnull(sb_find(&h.b, SAE_EV_GROUP, SAE_R_NONE));
	sb_free(&h);
}
END_TEST

/* ---- anti-clogging ---- */

/* The AP has threshold 1 and one other open instance: the station's first
 * commit is answered with 76 and a token, the next commit carries it. */
START_TEST(pair_anti_clogging)
{
	bool h2e = _i;
	struct sb_side other = { 0 };
	struct sae_config ocfg;
	struct sae *o;
	struct sae_ac *ac;
	const struct sb_ev *e;
	struct sb h;

	sb_init(&h, 19);
	h.a.cfg.h2e = h.b.cfg.h2e = h2e;
	ac = sae_ac_new(1, sb_random, &h.b);
	ck_assert_ptr_nonnull(ac);
	h.b.cfg.ac = ac;
	sb_create(&h);
	/* another station's instance, left in Committed */
	other.sb = &h;
	other.lose = true;
	other.rng = 99;
	ocfg = h.b.cfg;
	ocfg.peer_addr[5] = 0x77;
	o = sae_new(h.loop, &ocfg, &sb_ops, &other);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(sae_start(o), 0);
	ck_assert_uint_eq(sae_ac_open(ac), 1);
	ck_assert(sae_ac_required(ac));

	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_pump(&h);
	e = sb_find(&h.b, SAE_EV_DROPPED, SAE_R_TOKEN_REQUIRED);
	ck_assert_ptr_nonnull(e);
	e = sb_tx_ev(&h.b, SAE_MSG_COMMIT, 0);
	ck_assert_uint_eq(e->status, SAE_STATUS_ANTI_CLOGGING);
	ck_assert(e->has_token);
	ck_assert(!sb_tx_ev(&h.a, SAE_MSG_COMMIT, 0)->has_token);
	e = sb_tx_ev(&h.a, SAE_MSG_COMMIT, 1);
	ck_assert_ptr_nonnull(e);
	ck_assert(e->has_token);
	ck_assert_uint_eq(e->attempt, 2);
	sb_run(&h, 100000);
	/* o retransmits into the void meanwhile; a and b are done */
	sb_assert_done(&h, 19);
	ck_assert_uint_eq(sae_ac_open(ac), 1);
	sae_free(o);
	ck_assert_uint_eq(sae_ac_open(ac), 0);
	sb_free(&h);
	sae_ac_free(ac);
}
END_TEST

/* a token that does not verify is answered with another 76 */
START_TEST(pair_bad_token)
{
	uint8_t body[SAE_BODY_MAX], s[P256], e[2 * P256], tok[32];
	struct sae_commit_fields f = { .group = 19, .scalar = s, .element = e, .token = tok,
				       .token_len = sizeof(tok) };
	struct sae_ac *ac;
	struct sb h;
	size_t n;

	sb_init(&h, 19);
	ac = sae_ac_new(0, NULL, NULL);		/* threshold 0: always */
	ck_assert_ptr_nonnull(ac);
	h.b.cfg.ac = ac;
	sb_create(&h);
	h.a.lose = true;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	memcpy(s, h.a.last.data + 8, P256);
	memcpy(e, h.a.last.data + 8 + P256, 2 * P256);
	memset(tok, 0x5a, sizeof(tok));
	ck_assert_int_eq(sae_frame_build_commit(&f, body, sizeof(body), &n), 0);
	ck_assert_int_eq(sae_rx(h.b.s, body, n), 0);
	ck_assert_ptr_nonnull(sb_find(&h.b, SAE_EV_DROPPED, SAE_R_TOKEN_REQUIRED));
	ck_assert_uint_eq(sb_tx_ev(&h.b, SAE_MSG_COMMIT, 0)->status, SAE_STATUS_ANTI_CLOGGING);
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_NOTHING);
	sb_free(&h);
	sae_ac_free(ac);
}
END_TEST

/* ---- t0 and Sync ---- */

/* no answer: dot11RSNASAESync resends, dot11RSNASAERetransPeriod apart */
START_TEST(pair_retransmit_limit)
{
	uint64_t t0;
	struct sb h;

	sb_init(&h, 19);
	h.a.cfg.retrans_ms = 40;
	h.a.cfg.sync_max = 5;
	sb_create(&h);
	h.a.lose = true;
	t0 = h.now;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_run(&h, 10000000);
	ck_assert_uint_eq(sb_count(&h.a, SAE_EV_RETRY), 5);
	for (size_t i = 0; i < 6; i++) {
		const struct sb_ev *e = sb_tx_ev(&h.a, SAE_MSG_COMMIT, i);

		ck_assert_ptr_nonnull(e);
		ck_assert_uint_eq(e->attempt, i + 1);
		ck_assert_uint_eq(e->t_us - t0, i * 40000);
	}
	ck_assert_ptr_null(sb_tx_ev(&h.a, SAE_MSG_COMMIT, 6));
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_FAILED, SAE_R_SYNC_LIMIT));
	ck_assert_uint_eq(sb_find(&h.a, SAE_EV_FAILED, SAE_R_NONE)->t_us - t0, 6 * 40000);
	ck_assert_int_eq(sae_state(h.a.s), SAE_STATE_NOTHING);
	ck_assert_uint_eq(loop_next_timer_us(h.loop), UINT64_MAX);
	sb_free(&h);
}
END_TEST

static bool lose_confirms(struct sb *h, struct sb_frame *f, void *arg)
{
	unsigned int *left = arg;

	if (!*left || get_le16(f->data + 2) != SAE_SEQ_CONFIRM)
		return true;
	(*left)--;
	return false;
}

/* The initiator's confirm is lost: the responder resends commit and
 * confirm (send-confirm 2); the Accepted side answers with 2^16 - 1. */
START_TEST(pair_lost_confirm)
{
	unsigned int lose = 1;
	const struct sb_ev *e;
	struct sb h;

	sb_init(&h, 19);
	sb_create(&h);
	h.a.filter = lose_confirms;
	h.a.filter_arg = &lose;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_pump(&h);
	ck_assert_int_eq(sae_state(h.a.s), SAE_STATE_ACCEPTED);
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_CONFIRMED);
	sb_run(&h, 1000000);
	sb_assert_done(&h, 19);
	ck_assert_uint_eq(sb_count(&h.b, SAE_EV_RETRY), 1);
	e = sb_tx_ev(&h.b, SAE_MSG_CONFIRM, 1);
	ck_assert_uint_eq(e->send_confirm, 2);
	e = sb_tx_ev(&h.a, SAE_MSG_CONFIRM, 1);
	ck_assert_uint_eq(e->send_confirm, 0xffff);
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_DROPPED, SAE_R_UNEXPECTED));
	/* replaying the old confirm to the Accepted side: stale */
	ck_assert_int_eq(sae_rx(h.a.s, h.b.last.data, h.b.last.len), 0);
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_DROPPED, SAE_R_STALE_CONFIRM));
	sb_free(&h);
}
END_TEST

/* All of the initiator's confirms are lost: the responder gives up after
 * dot11RSNASAESync resends of commit and confirm. */
START_TEST(pair_confirmed_sync_limit)
{
	unsigned int lose = 1000;
	struct sb h;

	sb_init(&h, 19);
	sb_create(&h);
	h.a.filter = lose_confirms;
	h.a.filter_arg = &lose;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_run(&h, 10000000);
	ck_assert_int_eq(sae_state(h.a.s), SAE_STATE_ACCEPTED);
	ck_assert_uint_eq(sb_count(&h.b, SAE_EV_RETRY), 5);
	ck_assert_ptr_nonnull(sb_find(&h.b, SAE_EV_FAILED, SAE_R_SYNC_LIMIT));
	ck_assert_int_eq(sae_state(h.b.s), SAE_STATE_NOTHING);
	ck_assert_uint_eq(sb_tx_ev(&h.b, SAE_MSG_CONFIRM, 5)->send_confirm, 6);
	sb_free(&h);
}
END_TEST

/* a confirm in Committed: the peer missed our commit, send it again */
START_TEST(pair_confirm_in_committed)
{
	uint8_t conf[34], body[SAE_BODY_MAX];
	struct sb h;
	size_t n;

	sb_init(&h, 19);
	sb_create(&h);
	h.a.lose = true;
	ck_assert_int_eq(sae_start(h.a.s), 0);
	vec_hex_exact("sae.d21.local.confirm_msg", conf, sizeof(conf));
	n = with_hdr(SAE_SEQ_CONFIRM, conf, sizeof(conf), body);
	ck_assert_int_eq(sae_rx(h.a.s, body, n), 0);
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_DROPPED, SAE_R_UNEXPECTED));
	ck_assert_uint_eq(sb_tx_ev(&h.a, SAE_MSG_COMMIT, 1)->attempt, 2);
	ck_assert_uint_eq(sae_sync(h.a.s), 1);
	ck_assert_int_eq(sae_state(h.a.s), SAE_STATE_COMMITTED);
	sb_free(&h);
}
END_TEST

/* H2E and H&P do not mix; an unknown password identifier gets 123 */
START_TEST(pair_h2e_mismatch)
{
	struct sb h;

	sb_init(&h, 19);
	h.a.cfg.h2e = true;
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_run(&h, 1000000);
	ck_assert_ptr_nonnull(sb_find(&h.b, SAE_EV_DROPPED, SAE_R_H2E_MISMATCH));
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_FAILED, SAE_R_SYNC_LIMIT));
	sb_free(&h);

	sb_init(&h, 19);
	h.a.cfg.h2e = h.b.cfg.h2e = true;
	memcpy(h.a.cfg.pwid, "alice", 5);
	h.a.cfg.pwid_len = 5;
	sb_create(&h);
	ck_assert_int_eq(sae_start(h.a.s), 0);
	sb_run(&h, 1000000);
	ck_assert_ptr_nonnull(sb_find(&h.b, SAE_EV_DROPPED, SAE_R_PASSWORD_ID));
	ck_assert_uint_eq(sb_tx_ev(&h.b, SAE_MSG_COMMIT, 0)->status,
			  SAE_STATUS_UNKNOWN_PASSWORD_ID);
	ck_assert_ptr_nonnull(sb_find(&h.a, SAE_EV_FAILED, SAE_R_PEER_STATUS));
	sb_free(&h);
}
END_TEST

static Suite *sae_pair_suite(void)
{
	Suite *s = suite_create("sae_pair");
	TCase *tc = tcase_create("pair");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, pair_hnp, 19, 22);
	tcase_add_loop_test(tc, pair_h2e, 19, 22);
	tcase_add_loop_test(tc, pair_wrong_password, 19, 22);
	tcase_add_test(tc, pair_simultaneous);
	tcase_add_loop_test(tc, pair_altered_commit, 0, 3);
	tcase_add_test(tc, pair_reflection);
	tcase_add_loop_test(tc, pair_truncated, 19, 22);
	tcase_add_loop_test(tc, pair_group_negotiation, 0, 2);
	tcase_add_test(tc, pair_no_common_group);
	tcase_add_test(tc, pair_h2e_downgrade);
	tcase_add_test(tc, pair_group_crossing);
	tcase_add_loop_test(tc, pair_anti_clogging, 0, 2);
	tcase_add_test(tc, pair_bad_token);
	tcase_add_test(tc, pair_retransmit_limit);
	tcase_add_test(tc, pair_lost_confirm);
	tcase_add_test(tc, pair_confirmed_sync_limit);
	tcase_add_test(tc, pair_confirm_in_committed);
	tcase_add_test(tc, pair_h2e_mismatch);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(sae_vectors_suite, sae_math_suite, sae_frame_suite, sae_pair_suite)
