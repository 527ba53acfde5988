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

Suite *sae_vectors_suite(void)
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



UNIT_MAIN(sae_vectors_suite)
