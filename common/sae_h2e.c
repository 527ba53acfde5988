// SPDX-License-Identifier: MIT
/* sae_h2e.c: hash-to-element (IEEE 802.11-2020 12.4.4.2.3): PT from the
 * password, SSID and password identifier through the simplified SWU map,
 * and PWE = scalar-op(val, PT); and RFC 9380's hash_to_curve with
 * expand_message_xmd, which shares the map (and its published vectors).
 * Constant time as in sae_crypto.c: SSWU computes both candidates and
 * picks with masks. */
#include <errno.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "crypto.h"
#include "sae.h"
#include "sae_ec.h"
#include "util.h"

/* RFC 9380 8.2 (P-256), 8.3 (P-384), 8.4 (P-521): the SSWU Z, and
 * 802.11-2020 12.4.4.2.3 uses the same values. */
static int group_sswu_z(uint16_t group)
{
	switch (group) {
	case 19:
		return -10;
	case 20:
		return -12;
	case 21:
		return -4;
	}
	return 0;
}
/* RFC 5869 HKDF-Expand(prk, info, len). */
static int hkdf_expand(size_t hlen, const uint8_t *prk, const char *info, uint8_t *out,
		       size_t len)
{
	uint8_t t[SAE_MAX_HASH_LEN], ctr;
	size_t pos = 0, tlen = 0;
	int ret = 0;

	for (ctr = 1; pos < len; ctr++) {
		const struct crypto_vec v[3] = { { t, tlen }, { info, strlen(info) }, { &ctr, 1 } };
		size_t n = len - pos < hlen ? len - pos : hlen;

		ret = crypto_hmac_sha2_vec(hlen, prk, hlen, v, 3, t);
		if (ret)
			goto cleanup;
		tlen = hlen;
		memcpy(out + pos, t, n);
		pos += n;
	}
cleanup:
	secure_zero(t, sizeof(t));
	return ret;
}
/* ---- 12.4.4.2.3 / RFC 9380: the simplified SWU map ------------------------ */

/* out = SSWU(u) as a point (RFC 9380 6.6.2 / 802.11-2020 12.4.4.2.3), both
 * candidates computed, the choice made with masks. */
static int sswu(struct sae_crypto *c, const BIGNUM *u, EC_POINT *out)
{
	uint8_t b1[SAE_MAX_PRIME_LEN], b2[SAE_MAX_PRIME_LEN], zero_tv, sq, one, minus;
	BIGNUM *z = BN_new(), *tv1 = sae_bn_secret(), *tv2 = sae_bn_secret(), *x1 = sae_bn_secret();
	BIGNUM *x2 = sae_bn_secret(), *gx1 = sae_bn_secret(), *gx2 = sae_bn_secret(), *t = sae_bn_secret();
	BIGNUM *e = BN_new(), *y = sae_bn_secret();
	int zv = group_sswu_z(c->group);
	int ret = -ENOMEM;

	if (!z || !tv1 || !tv2 || !x1 || !x2 || !gx1 || !gx2 || !t || !e || !y)
		goto cleanup;
	ret = -EIO;
	/* z = p - |Z| */
	if (!BN_set_word(z, (BN_ULONG)-zv) || !BN_sub(z, c->p, z))
		goto cleanup;
	/* tv1 = Z * u^2; tv2 = tv1^2 + tv1 */
	if (!BN_mod_sqr(tv1, u, c->p, c->bnctx) || !BN_mod_mul(tv1, tv1, z, c->p, c->bnctx) ||
	    !BN_mod_sqr(tv2, tv1, c->p, c->bnctx) || !BN_mod_add(tv2, tv2, tv1, c->p, c->bnctx))
		goto cleanup;
	if ((ret = sae_bn_to(tv2, b1, c->plen)))
		goto cleanup;
	zero_tv = ct_is_zero(b1, c->plen);
	ret = -EIO;
	/* inv0(tv2) = tv2^(p-2) */
	if (!BN_sub(e, c->p, BN_value_one()) || !BN_sub(e, e, BN_value_one()))
		goto cleanup;
	if ((ret = sae_ec_exp_ct(c, t, tv2, e)))
		goto cleanup;
	ret = -EIO;
	/* x1 = (-b / a) * (1 + inv0(tv2)) */
	if (!BN_add(t, t, BN_value_one()) || !BN_mod_inverse(gx1, c->a, c->p, c->bnctx) ||
	    !BN_mod_mul(gx1, gx1, c->b, c->p, c->bnctx) ||
	    !BN_mod_sub(gx1, c->p, gx1, c->p, c->bnctx) ||
	    !BN_mod_mul(x1, gx1, t, c->p, c->bnctx))
		goto cleanup;
	/* exceptional case tv2 == 0: x1 = b / (Z * a) */
	if (!BN_mod_mul(t, z, c->a, c->p, c->bnctx) || !BN_mod_inverse(t, t, c->p, c->bnctx) ||
	    !BN_mod_mul(t, t, c->b, c->p, c->bnctx))
		goto cleanup;
	if ((ret = sae_bn_to(x1, b1, c->plen)) || (ret = sae_bn_to(t, b2, c->plen)))
		goto cleanup;
	ct_select(zero_tv, b2, b1, b1, c->plen);
	ret = -EIO;
	if (!BN_bin2bn(b1, (int)c->plen, x1))
		goto cleanup;
	/* x2 = tv1 * x1; gx = x^3 + a x + b */
	if (!BN_mod_mul(x2, tv1, x1, c->p, c->bnctx))
		goto cleanup;
	if ((ret = sae_ec_rhs(c, gx1, x1)) || (ret = sae_ec_rhs(c, gx2, x2)))
		goto cleanup;
	/* is_square(gx1): Legendre symbol is not -1 */
	if ((ret = sae_ec_legendre(c, gx1, &one, &minus)))
		goto cleanup;
	sq = (uint8_t)~minus;
	if ((ret = sae_bn_to(x1, b1, c->plen)) || (ret = sae_bn_to(x2, b2, c->plen)))
		goto cleanup;
	ct_select(sq, b1, b2, b1, c->plen);
	ret = -EIO;
	if (!BN_bin2bn(b1, (int)c->plen, x1))
		goto cleanup;
	if ((ret = sae_bn_to(gx1, b1, c->plen)) || (ret = sae_bn_to(gx2, b2, c->plen)))
		goto cleanup;
	ct_select(sq, b1, b2, b1, c->plen);
	ret = -EIO;
	if (!BN_bin2bn(b1, (int)c->plen, gx1))
		goto cleanup;
	if ((ret = sae_ec_sqrt(c, y, gx1)))
		goto cleanup;
	/* sgn0(u) == sgn0(y), else y = -y */
	ret = sae_ec_negate_if(c, y, ct_mask((unsigned int)(BN_is_bit_set(u, 0) ^ BN_is_bit_set(y, 0))));
	if (ret)
		goto cleanup;
	ret = EC_POINT_set_affine_coordinates(c->ec, out, x1, y, c->bnctx) ? 0 : -EIO;
cleanup:
	secure_zero(b1, sizeof(b1));
	secure_zero(b2, sizeof(b2));
	BN_free(z);
	BN_clear_free(tv1);
	BN_clear_free(tv2);
	BN_clear_free(x1);
	BN_clear_free(x2);
	BN_clear_free(gx1);
	BN_clear_free(gx2);
	BN_clear_free(t);
	BN_free(e);
	BN_clear_free(y);
	(void)one;
	return ret;
}

/* u = uniform octets mod p; pt = SSWU(u); u_out/pt_out optional */
static int map_field(struct sae_crypto *c, const uint8_t *bytes, size_t len, EC_POINT *pt,
		     uint8_t *u_out)
{
	BIGNUM *u = sae_bn_from(bytes, len);
	int ret = -ENOMEM;

	if (!u)
		return ret;
	ret = -EIO;
	if (!BN_nnmod(u, u, c->p, c->bnctx))
		goto cleanup;
	if (u_out && (ret = sae_bn_to(u, u_out, c->plen)))
		goto cleanup;
	ret = sswu(c, u, pt);
cleanup:
	BN_clear_free(u);
	return ret;
}

/* 12.4.4.2.3: len = olen(p) + ceil(olen(p) / 2) octets of pwd-value */
static size_t h2e_value_len(size_t plen)
{
	return plen + (plen + 1) / 2;
}

int sae_pt_derive(uint16_t group, const uint8_t *ssid, size_t ssid_len,
		  const uint8_t *password, size_t password_len, const uint8_t *pwid,
		  size_t pwid_len, uint8_t *pt, struct sae_pt_trace *trace)
{
	struct sae_crypto *c = sae_crypto_new(group, true);
	uint8_t seed[SAE_MAX_HASH_LEN], v1[SAE_H2C_MAX_L], v2[SAE_H2C_MAX_L];
	const struct crypto_vec d[2] = {
		{ password, password_len }, { pwid, pwid ? pwid_len : 0 },
	};
	EC_POINT *p1 = NULL, *p2 = NULL;
	size_t vlen;
	int ret = -ENOMEM;

	if (!c)
		return -EINVAL;
	vlen = h2e_value_len(c->plen);
	p1 = EC_POINT_new(c->ec);
	p2 = EC_POINT_new(c->ec);
	if (!p1 || !p2)
		goto cleanup;
	/* pwd-seed = HKDF-Extract(ssid, password [|| identifier]) */
	ret = crypto_hmac_sha2_vec(c->hlen, ssid, ssid_len, d, 2, seed);
	if (ret)
		goto cleanup;
	/* pwd-value1/2 = HKDF-Expand(pwd-seed, "SAE Hash to Element u1 P1", len) */
	if ((ret = hkdf_expand(c->hlen, seed, "SAE Hash to Element u1 P1", v1, vlen)) ||
	    (ret = hkdf_expand(c->hlen, seed, "SAE Hash to Element u2 P2", v2, vlen)))
		goto cleanup;
	if ((ret = map_field(c, v1, vlen, p1, trace ? trace->u1 : NULL)) ||
	    (ret = map_field(c, v2, vlen, p2, trace ? trace->u2 : NULL)))
		goto cleanup;
	if (trace) {
		memcpy(trace->pwd_seed, seed, c->hlen);
		memcpy(trace->pwd_value1, v1, vlen);
		memcpy(trace->pwd_value2, v2, vlen);
		trace->pwd_value_len = vlen;
		if ((ret = sae_ec_point_to(c, p1, trace->p1)) || (ret = sae_ec_point_to(c, p2, trace->p2)))
			goto cleanup;
	}
	/* PT = elem-op(P1, P2) */
	ret = -EIO;
	if (!EC_POINT_add(c->ec, p1, p1, p2, c->bnctx) || EC_POINT_is_at_infinity(c->ec, p1))
		goto cleanup;
	ret = sae_ec_point_to(c, p1, pt);
cleanup:
	secure_zero(seed, sizeof(seed));
	secure_zero(v1, sizeof(v1));
	secure_zero(v2, sizeof(v2));
	EC_POINT_clear_free(p1);
	EC_POINT_clear_free(p2);
	sae_crypto_free(c);
	return ret;
}

int sae_crypto_pwe_h2e(struct sae_crypto *c, const uint8_t *pt, const uint8_t own[6],
		       const uint8_t peer[6], uint8_t *val_out)
{
	uint8_t zero[SAE_MAX_HASH_LEN] = { 0 }, addrs[12], h[SAE_MAX_HASH_LEN];
	size_t hl = sae_ec_hash_len(c->group);
	EC_POINT *ptp = EC_POINT_new(c->ec);
	BIGNUM *val = NULL, *rm1 = BN_new();
	const struct crypto_vec d = { addrs, sizeof(addrs) };
	int ret = -ENOMEM;

	if (!ptp || !rm1)
		goto cleanup;
	if ((ret = sae_ec_point_from(c, ptp, pt)))
		goto cleanup;
	sae_ec_max_min(own, peer, addrs);
	/* val = H(0^n, MAX(mac) || MIN(mac)); val = val mod (r - 1) + 1 */
	if ((ret = crypto_hmac_sha2_vec(hl, zero, hl, &d, 1, h)))
		goto cleanup;
	ret = -ENOMEM;
	val = sae_bn_from(h, hl);
	if (!val)
		goto cleanup;
	ret = -EIO;
	if (!BN_sub(rm1, c->r, BN_value_one()) || !BN_nnmod(val, val, rm1, c->bnctx) ||
	    !BN_add(val, val, BN_value_one()))
		goto cleanup;
	if (val_out && (ret = sae_bn_to(val, val_out, c->plen)))
		goto cleanup;
	ret = -EIO;
	/* PWE = scalar-op(val, PT) */
	if (!EC_POINT_mul(c->ec, c->pwe, NULL, ptp, val, c->bnctx) ||
	    EC_POINT_is_at_infinity(c->ec, c->pwe))
		goto cleanup;
	c->have_pwe = true;
	ret = 0;
cleanup:
	secure_zero(h, sizeof(h));
	EC_POINT_clear_free(ptp);
	BN_clear_free(val);
	BN_free(rm1);
	return ret;
}
/* RFC 9380 5.3.1 expand_message_xmd, for hash_len-byte H with a 2*hash_len
 * byte input block (SHA-256: 64, SHA-384: 128, SHA-512: 128). */
static int expand_xmd(size_t hlen, const uint8_t *msg, size_t msg_len, const uint8_t *dst,
		      size_t dst_len, uint8_t *out, size_t len)
{
	size_t rin = hlen == 32 ? 64 : 128, ell = (len + hlen - 1) / hlen;
	uint8_t zpad[128] = { 0 }, lib[2], zero = 0, dlen = (uint8_t)dst_len, idx;
	uint8_t b0[SAE_MAX_HASH_LEN], bi[SAE_MAX_HASH_LEN], x[SAE_MAX_HASH_LEN];
	int ret;

	if (ell > 255 || dst_len > 255 || len > 65535)
		return -EINVAL;
	put_be16(lib, (uint16_t)len);
	{
		const struct crypto_vec v[6] = {
			{ zpad, rin }, { msg, msg_len }, { lib, 2 }, { &zero, 1 }, { dst, dst_len },
			{ &dlen, 1 },
		};

		ret = crypto_sha2_vec(hlen, v, 6, b0);
		if (ret)
			return ret;
	}
	memset(bi, 0, sizeof(bi));
	for (size_t i = 1; i <= ell; i++) {
		const struct crypto_vec v[4] = {
			{ x, hlen }, { &idx, 1 }, { dst, dst_len }, { &dlen, 1 },
		};
		size_t n = len - (i - 1) * hlen < hlen ? len - (i - 1) * hlen : hlen;

		for (size_t j = 0; j < hlen; j++)
			x[j] = (uint8_t)(b0[j] ^ (i == 1 ? 0 : bi[j]));
		idx = (uint8_t)i;
		ret = crypto_sha2_vec(hlen, v, 4, bi);
		if (ret)
			return ret;
		memcpy(out + (i - 1) * hlen, bi, n);
	}
	return 0;
}

int sae_hash_to_curve_xmd(uint16_t group, const uint8_t *msg, size_t msg_len,
			  const uint8_t *dst, size_t dst_len, uint8_t *u0, uint8_t *u1,
			  uint8_t *q0, uint8_t *q1, uint8_t *p)
{
	struct sae_crypto *c = sae_crypto_new(group, true);
	uint8_t uniform[2 * SAE_H2C_MAX_L];
	EC_POINT *a = NULL, *b = NULL;
	size_t L;
	int ret = -ENOMEM;

	if (!c)
		return -EINVAL;
	/* RFC 9380 5.1/8: L = ceil((ceil(log2(p)) + k) / 8), k = hlen * 4 */
	L = ((size_t)BN_num_bits(c->p) + c->hlen * 4 + 7) / 8;
	a = EC_POINT_new(c->ec);
	b = EC_POINT_new(c->ec);
	if (!a || !b)
		goto cleanup;
	if ((ret = expand_xmd(c->hlen, msg, msg_len, dst, dst_len, uniform, 2 * L)))
		goto cleanup;
	if ((ret = map_field(c, uniform, L, a, u0)) || (ret = map_field(c, uniform + L, L, b, u1)))
		goto cleanup;
	if ((q0 && (ret = sae_ec_point_to(c, a, q0))) || (q1 && (ret = sae_ec_point_to(c, b, q1))))
		goto cleanup;
	ret = -EIO;
	if (!EC_POINT_add(c->ec, a, a, b, c->bnctx))	/* cofactor 1: no clearing */
		goto cleanup;
	ret = p ? sae_ec_point_to(c, a, p) : 0;
cleanup:
	EC_POINT_free(a);
	EC_POINT_free(b);
	sae_crypto_free(c);
	return ret;
}
