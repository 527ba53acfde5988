// SPDX-License-Identifier: MIT
/* sae_crypto.c: the group math of SAE (IEEE 802.11-2020 12.4.4, 12.4.5) on
 * OpenSSL 3's EC_GROUP/EC_POINT/BIGNUM API: the group object, the shared
 * helpers of sae_ec.h, hunting-and-pecking, commit, k, KCK, PMK, PMKID and
 * confirm (hash-to-element is in sae_h2e.c). With crypto.c and sae_h2e.c,
 * the only files that include OpenSSL.
 *
 * Constant time (12.4.4.2.2 NOTE, 12.4.4.2.3): the secret BIGNUMs carry
 * BN_FLG_CONSTTIME; exponentiations with secrets (Legendre symbol, square
 * root, inversion) use BN_mod_exp_mont_consttime; choices that depend on
 * secrets (the hunting-and-pecking loop, SSWU's two candidates, the sign
 * of y) are made on fixed-length octet strings with masks, never with a
 * branch; EC_POINT_mul with one point and no generator scalar takes
 * OpenSSL's Montgomery ladder. */
#include <errno.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "crypto.h"
#include "sae_ec.h"
#include "sae.h"
#include "util.h"

#define HNP_MIN_ITER	40	/* 12.4.4.2.2: k = 40 for ECC groups */
#define HNP_MAX_ITER	255	/* the counter is one octet */

/* ---- groups ------------------------------------------------------------- */

static int group_nid(uint16_t group)
{
	switch (group) {
	case 19:
		return NID_X9_62_prime256v1;
	case 20:
		return NID_secp384r1;
	case 21:
		return NID_secp521r1;
	}
	return NID_undef;
}

/* 12.4.2: the group's hash by the length of its prime: SHA-256 up to 256
 * bits, SHA-384 up to 384, SHA-512 above (RFC 9380 8.2-8.4 agree). */
size_t sae_ec_hash_len(uint16_t group)
{
	size_t plen = sae_group_prime_len(group);

	if (!plen)
		return 0;
	return plen <= 32 ? 32 : plen <= 48 ? 48 : 64;
}

void sae_ec_max_min(const uint8_t own[6], const uint8_t peer[6], uint8_t out[12])
{
	bool own_first = memcmp(own, peer, 6) > 0;

	memcpy(out, own_first ? own : peer, 6);
	memcpy(out + 6, own_first ? peer : own, 6);
}
/* ---- hashes ------------------------------------------------------------- */

/* ---- BIGNUM helpers ----------------------------------------------------- */

BIGNUM *sae_bn_secret(void)
{
	BIGNUM *b = BN_secure_new();

	if (b)
		BN_set_flags(b, BN_FLG_CONSTTIME);
	return b;
}

BIGNUM *sae_bn_from(const uint8_t *bin, size_t len)
{
	BIGNUM *b = sae_bn_secret();

	if (b && !BN_bin2bn(bin, (int)len, b)) {
		BN_clear_free(b);
		return NULL;
	}
	return b;
}

int sae_bn_to(const BIGNUM *b, uint8_t *out, size_t len)
{
	return BN_bn2binpad(b, out, (int)len) == (int)len ? 0 : -EINVAL;
}

/* out = in^e mod p, constant time in `in` */
int sae_ec_exp_ct(struct sae_crypto *c, BIGNUM *out, const BIGNUM *in, const BIGNUM *e)
{
	return BN_mod_exp_mont_consttime(out, in, e, c->p, c->bnctx, NULL) ? 0 : -EIO;
}

/* y2 = x^3 + a*x + b mod p */
int sae_ec_rhs(struct sae_crypto *c, BIGNUM *y2, const BIGNUM *x)
{
	BIGNUM *t = sae_bn_secret();
	int ret = -EIO;

	if (!t)
		return -ENOMEM;
	if (!BN_mod_sqr(t, x, c->p, c->bnctx) || !BN_mod_add(t, t, c->a, c->p, c->bnctx) ||
	    !BN_mod_mul(t, t, x, c->p, c->bnctx) || !BN_mod_add(y2, t, c->b, c->p, c->bnctx))
		goto cleanup;
	ret = 0;
cleanup:
	BN_clear_free(t);
	return ret;
}

/* The Legendre symbol of v as two masks: *is_one (v is a nonzero square)
 * and *is_minus (non-square). v^((p-1)/2) computed in constant time. */
int sae_ec_legendre(struct sae_crypto *c, const BIGNUM *v, uint8_t *is_one,
		       uint8_t *is_minus)
{
	uint8_t t[SAE_MAX_PRIME_LEN], one[SAE_MAX_PRIME_LEN] = { 0 }, pm1[SAE_MAX_PRIME_LEN];
	BIGNUM *e = BN_new(), *r = sae_bn_secret(), *m1 = BN_new();
	int ret = -ENOMEM;

	if (!e || !r || !m1)
		goto cleanup;
	ret = -EIO;
	if (!BN_sub(m1, c->p, BN_value_one()) || !BN_rshift1(e, m1))
		goto cleanup;
	ret = sae_ec_exp_ct(c, r, v, e);
	if (ret || (ret = sae_bn_to(r, t, c->plen)) || (ret = sae_bn_to(m1, pm1, c->plen)))
		goto cleanup;
	one[c->plen - 1] = 1;
	*is_one = ct_eq(t, one, c->plen);
	*is_minus = ct_eq(t, pm1, c->plen);
cleanup:
	secure_zero(t, sizeof(t));
	BN_free(e);
	BN_clear_free(r);
	BN_free(m1);
	return ret;
}

/* sqrt for p = 3 mod 4 (all three curves): v^((p+1)/4) */
int sae_ec_sqrt(struct sae_crypto *c, BIGNUM *out, const BIGNUM *v)
{
	BIGNUM *e = BN_new();
	int ret = -EIO;

	if (!e)
		return -ENOMEM;
	if (BN_add(e, c->p, BN_value_one()) && BN_rshift(e, e, 2))
		ret = sae_ec_exp_ct(c, out, v, e);
	BN_free(e);
	return ret;
}

/* out = mask ? p - y : y  (y < p; -0 stays 0) */
int sae_ec_negate_if(struct sae_crypto *c, BIGNUM *y, uint8_t mask)
{
	uint8_t yb[SAE_MAX_PRIME_LEN], nb[SAE_MAX_PRIME_LEN];
	BIGNUM *n = sae_bn_secret();
	int ret = -ENOMEM;

	if (!n)
		goto cleanup;
	ret = -EIO;
	if (!BN_mod_sub(n, c->p, y, c->p, c->bnctx))
		goto cleanup;
	if ((ret = sae_bn_to(y, yb, c->plen)) || (ret = sae_bn_to(n, nb, c->plen)))
		goto cleanup;
	ct_select(mask, nb, yb, yb, c->plen);
	ret = BN_bin2bn(yb, (int)c->plen, y) ? 0 : -EIO;
cleanup:
	secure_zero(yb, sizeof(yb));
	secure_zero(nb, sizeof(nb));
	BN_clear_free(n);
	return ret;
}

int sae_ec_point_from(struct sae_crypto *c, EC_POINT *pt, const uint8_t *xy)
{
	BIGNUM *x = sae_bn_from(xy, c->plen), *y = sae_bn_from(xy + c->plen, c->plen);
	int ret = -EDOM;

	if (!x || !y) {
		ret = -ENOMEM;
		goto cleanup;
	}
	if (BN_cmp(x, c->p) >= 0 || BN_cmp(y, c->p) >= 0)
		goto cleanup;
	if (!EC_POINT_set_affine_coordinates(c->ec, pt, x, y, c->bnctx))
		goto cleanup;
	if (EC_POINT_is_at_infinity(c->ec, pt) || EC_POINT_is_on_curve(c->ec, pt, c->bnctx) != 1)
		goto cleanup;
	ret = 0;
cleanup:
	BN_clear_free(x);
	BN_clear_free(y);
	return ret;
}

int sae_ec_point_to(struct sae_crypto *c, const EC_POINT *pt, uint8_t *xy)
{
	BIGNUM *x = sae_bn_secret(), *y = sae_bn_secret();
	int ret = -ENOMEM;

	if (!x || !y)
		goto cleanup;
	ret = -EIO;
	if (!EC_POINT_get_affine_coordinates(c->ec, pt, x, y, c->bnctx))
		goto cleanup;
	ret = sae_bn_to(x, xy, c->plen);
	if (!ret)
		ret = sae_bn_to(y, xy + c->plen, c->plen);
cleanup:
	BN_clear_free(x);
	BN_clear_free(y);
	return ret;
}
/* ---- the object ----------------------------------------------------------- */

struct sae_crypto *sae_crypto_new(uint16_t group, bool h2e)
{
	struct sae_crypto *c;
	int nid = group_nid(group);

	if (nid == NID_undef)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->group = group;
	c->h2e = h2e;
	c->plen = sae_group_prime_len(group);
	/* hunting-and-pecking keeps SHA-256 for the key schedule in every
	 * group, as hostapd and wpa_supplicant do; H2E uses the group's hash */
	c->hlen = h2e ? sae_ec_hash_len(group) : 32;
	c->ec = EC_GROUP_new_by_curve_name(nid);
	c->bnctx = BN_CTX_secure_new();
	c->p = BN_new();
	c->a = BN_new();
	c->b = BN_new();
	c->r = BN_new();
	if (!c->ec || !c->bnctx || !c->p || !c->a || !c->b || !c->r)
		goto fail;
	if (!EC_GROUP_get_curve(c->ec, c->p, c->a, c->b, c->bnctx) ||
	    !BN_copy(c->r, EC_GROUP_get0_order(c->ec)))
		goto fail;
	if ((size_t)BN_num_bytes(c->p) != c->plen || (size_t)BN_num_bytes(c->r) != c->plen)
		goto fail;
	c->pwe = EC_POINT_new(c->ec);
	c->element = EC_POINT_new(c->ec);
	c->peer_element = EC_POINT_new(c->ec);
	c->rand = sae_bn_secret();
	c->mask = sae_bn_secret();
	c->scalar = BN_new();
	c->peer_scalar = BN_new();
	if (!c->pwe || !c->element || !c->peer_element || !c->rand || !c->mask || !c->scalar ||
	    !c->peer_scalar)
		goto fail;
	return c;
fail:
	sae_crypto_free(c);
	return NULL;
}

void sae_crypto_free(struct sae_crypto *c)
{
	if (!c)
		return;
	EC_POINT_clear_free(c->pwe);
	EC_POINT_clear_free(c->element);
	EC_POINT_clear_free(c->peer_element);
	BN_clear_free(c->rand);
	BN_clear_free(c->mask);
	BN_clear_free(c->scalar);
	BN_clear_free(c->peer_scalar);
	BN_free(c->p);
	BN_free(c->a);
	BN_free(c->b);
	BN_free(c->r);
	BN_CTX_free(c->bnctx);
	EC_GROUP_free(c->ec);
	secure_zero(c, sizeof(*c));
	free(c);
}

uint16_t sae_crypto_group(const struct sae_crypto *c)
{
	return c->group;
}

size_t sae_crypto_hash_len(const struct sae_crypto *c)
{
	return c->hlen;
}
/* ---- 12.4.4.2.2 hunting and pecking --------------------------------------- */

/* A random r with 1 < r < p (not secret-dependent: rejection sampling). */
static int random_below_p(struct sae_crypto *c, BIGNUM *out)
{
	for (int i = 0; i < 100; i++) {
		if (!BN_priv_rand_range_ex(out, c->p, 0, c->bnctx))
			return -EIO;
		if (BN_cmp(out, BN_value_one()) > 0)
			return 0;
	}
	return -EIO;
}

/* A quadratic residue and a non-residue, for the blinded test below. */
static int qr_qnr(struct sae_crypto *c, BIGNUM *qr, BIGNUM *qnr)
{
	bool have_qr = false, have_qnr = false;
	BIGNUM *t = BN_new();
	uint8_t one, minus;
	int ret = -ENOMEM;

	if (!t)
		return ret;
	for (int i = 0; i < 200 && !(have_qr && have_qnr); i++) {
		ret = random_below_p(c, t);
		if (!ret)
			ret = sae_ec_legendre(c, t, &one, &minus);
		if (ret)
			goto cleanup;
		if (one && !have_qr && BN_copy(qr, t))
			have_qr = true;
		else if (minus && !have_qnr && BN_copy(qnr, t))
			have_qnr = true;
	}
	ret = have_qr && have_qnr ? 0 : -EIO;
cleanup:
	BN_free(t);
	return ret;
}

/* 12.4.4.2.2 and its NOTE: is v a quadratic residue, blinded by a random
 * square and a random choice of a known residue or non-residue, so that the
 * exponentiation never sees v itself. Returns the answer as a mask. */
static int is_qr_blind(struct sae_crypto *c, const BIGNUM *v, const BIGNUM *qr,
		       const BIGNUM *qnr, uint8_t *res)
{
	BIGNUM *r = sae_bn_secret(), *n1 = sae_bn_secret(), *n2 = sae_bn_secret();
	uint8_t b1[SAE_MAX_PRIME_LEN], b2[SAE_MAX_PRIME_LEN], odd, one, minus;
	int ret = -ENOMEM;

	if (!r || !n1 || !n2)
		goto cleanup;
	ret = random_below_p(c, r);
	if (ret)
		goto cleanup;
	ret = -EIO;
	if (!BN_mod_sqr(n1, r, c->p, c->bnctx) || !BN_mod_mul(n1, n1, v, c->p, c->bnctx) ||
	    !BN_mod_mul(n2, n1, qnr, c->p, c->bnctx) || !BN_mod_mul(n1, n1, qr, c->p, c->bnctx))
		goto cleanup;
	odd = ct_mask(BN_is_bit_set(r, 0));
	if ((ret = sae_bn_to(n1, b1, c->plen)) || (ret = sae_bn_to(n2, b2, c->plen)))
		goto cleanup;
	ct_select(odd, b1, b2, b1, c->plen);	/* odd r: v*r^2*qr, else v*r^2*qnr */
	ret = -EIO;
	if (!BN_bin2bn(b1, (int)c->plen, n1))
		goto cleanup;
	ret = sae_ec_legendre(c, n1, &one, &minus);
	if (ret)
		goto cleanup;
	*res = (uint8_t)((odd & one) | ((uint8_t)~odd & minus));
cleanup:
	secure_zero(b1, sizeof(b1));
	secure_zero(b2, sizeof(b2));
	BN_clear_free(r);
	BN_clear_free(n1);
	BN_clear_free(n2);
	return ret;
}

int sae_crypto_pwe_hnp(struct sae_crypto *c, const uint8_t own[6], const uint8_t peer[6],
		       const uint8_t *password, size_t password_len)
{
	uint8_t addrs[12], seed[32], pb[SAE_MAX_PRIME_LEN], val[SAE_MAX_PRIME_LEN];
	uint8_t xsel[SAE_MAX_PRIME_LEN] = { 0 }, found = 0, odd = 0;
	size_t pbits = (size_t)BN_num_bits(c->p);
	BIGNUM *x = sae_bn_secret(), *y2 = sae_bn_secret(), *y = sae_bn_secret();
	BIGNUM *qr = BN_new(), *qnr = BN_new();
	int ret = -ENOMEM;
	unsigned int ctr;

	if (!x || !y2 || !y || !qr || !qnr)
		goto cleanup;
	sae_ec_max_min(own, peer, addrs);
	if ((ret = sae_bn_to(c->p, pb, c->plen)) || (ret = qr_qnr(c, qr, qnr)))
		goto cleanup;
	/* at least k = 40 rounds whatever happens; more only if none was found */
	for (ctr = 1; ctr <= HNP_MIN_ITER || !found; ctr++) {
		uint8_t counter = (uint8_t)ctr, lt, qres, take;
		const struct crypto_vec v[2] = { { password, password_len }, { &counter, 1 } };

		if (ctr > HNP_MAX_ITER) {
			ret = -ENOENT;
			goto cleanup;
		}
		/* pwd-seed = H(MAX || MIN, password || counter) */
		ret = crypto_hmac_sha2_vec(32, addrs, sizeof(addrs), v, 2, seed);
		if (ret)
			goto cleanup;
		/* pwd-value = KDF-Hash-Length(pwd-seed, "SAE Hunting and
		 * Pecking", p) with len(p) bits: shifted to an integer */
		ret = crypto_kdf_hash(32, seed, sizeof(seed), "SAE Hunting and Pecking", pb,
				      c->plen, val, pbits);
		if (ret)
			goto cleanup;
		if (pbits % 8) {
			unsigned int sh = 8 - pbits % 8;

			for (size_t i = c->plen - 1; i > 0; i--)
				val[i] = (uint8_t)(val[i] >> sh | val[i - 1] << (8 - sh));
			val[0] >>= sh;
		}
		lt = ct_lt(val, pb, c->plen);
		ret = -EIO;
		if (!BN_bin2bn(val, (int)c->plen, x) || !BN_nnmod(x, x, c->p, c->bnctx))
			goto cleanup;
		ret = sae_ec_rhs(c, y2, x);
		if (!ret)
			ret = is_qr_blind(c, y2, qr, qnr, &qres);
		if (ret)
			goto cleanup;
		take = (uint8_t)(lt & qres & (uint8_t)~found);
		ct_select(take, val, xsel, xsel, c->plen);
		odd = (uint8_t)((take & (seed[31] & 1)) | ((uint8_t)~take & odd));
		found |= (uint8_t)(lt & qres);
	}
	/* y = sqrt(x^3 + ax + b); LSB(pwd-seed) == LSB(y) ? y : p - y */
	ret = -EIO;
	if (!BN_bin2bn(xsel, (int)c->plen, x))
		goto cleanup;
	if ((ret = sae_ec_rhs(c, y2, x)) || (ret = sae_ec_sqrt(c, y, y2)))
		goto cleanup;
	ret = sae_ec_negate_if(c, y, ct_mask((unsigned int)BN_is_bit_set(y, 0) ^ (odd & 1)));
	if (ret)
		goto cleanup;
	ret = -EIO;
	if (!EC_POINT_set_affine_coordinates(c->ec, c->pwe, x, y, c->bnctx))
		goto cleanup;
	c->have_pwe = true;
	ret = 0;
cleanup:
	secure_zero(seed, sizeof(seed));
	secure_zero(val, sizeof(val));
	secure_zero(xsel, sizeof(xsel));
	BN_clear_free(x);
	BN_clear_free(y2);
	BN_clear_free(y);
	BN_free(qr);
	BN_free(qnr);
	return ret;
}
int sae_crypto_pwe_export(const struct sae_crypto *c, uint8_t *xy)
{
	if (!c->have_pwe)
		return -ENOENT;
	return sae_ec_point_to((struct sae_crypto *)c, c->pwe, xy);
}
/* ---- 12.4.5.2 commit -------------------------------------------------------- */

/* 1 < v < r */
static bool in_range(const struct sae_crypto *c, const BIGNUM *v)
{
	return BN_cmp(v, BN_value_one()) > 0 && BN_cmp(v, c->r) < 0;
}

int sae_crypto_commit(struct sae_crypto *c, const uint8_t *rand, const uint8_t *mask)
{
	EC_POINT *t = NULL;
	int ret = -EIO;

	if (!c->have_pwe)
		return -ENOENT;
	c->have_commit = false;
	c->have_keys = false;
	if (!BN_bin2bn(rand, (int)c->plen, c->rand) || !BN_bin2bn(mask, (int)c->plen, c->mask))
		return -EIO;
	if (!in_range(c, c->rand) || !in_range(c, c->mask))
		return -ERANGE;
	/* commit-scalar = (rand + mask) mod r, not 0 or 1 */
	if (!BN_mod_add(c->scalar, c->rand, c->mask, c->r, c->bnctx))
		return -EIO;
	if (BN_cmp(c->scalar, BN_value_one()) <= 0)
		return -ERANGE;
	/* COMMIT-ELEMENT = inverse(scalar-op(mask, PWE)) */
	t = EC_POINT_new(c->ec);
	if (!t)
		return -ENOMEM;
	if (!EC_POINT_mul(c->ec, t, NULL, c->pwe, c->mask, c->bnctx) ||
	    !EC_POINT_invert(c->ec, t, c->bnctx) || !EC_POINT_copy(c->element, t))
		goto cleanup;
	c->have_commit = true;
	ret = 0;
cleanup:
	EC_POINT_clear_free(t);
	return ret;
}

int sae_crypto_commit_random(struct sae_crypto *c,
			     int (*random)(void *ctx, uint8_t *buf, size_t len), void *ctx)
{
	uint8_t rb[SAE_MAX_PRIME_LEN], mb[SAE_MAX_PRIME_LEN];
	int rbits = BN_num_bits(c->r) % 8;
	int ret = -EIO;

	for (int i = 0; i < 100; i++) {
		ret = random ? random(ctx, rb, c->plen) : crypto_random(rb, c->plen);
		if (!ret)
			ret = random ? random(ctx, mb, c->plen) : crypto_random(mb, c->plen);
		if (ret)
			goto cleanup;
		if (rbits) {	/* keep the draw below 2^bits(r): fewer rejections */
			rb[0] &= (uint8_t)((1 << rbits) - 1);
			mb[0] &= (uint8_t)((1 << rbits) - 1);
		}
		ret = sae_crypto_commit(c, rb, mb);
		if (ret != -ERANGE)
			goto cleanup;
	}
cleanup:
	secure_zero(rb, sizeof(rb));
	secure_zero(mb, sizeof(mb));
	return ret;
}

int sae_crypto_own_commit(const struct sae_crypto *c, uint8_t *scalar, uint8_t *element)
{
	int ret;

	if (!c->have_commit)
		return -ENOENT;
	ret = sae_bn_to(c->scalar, scalar, c->plen);
	if (!ret)
		ret = sae_ec_point_to((struct sae_crypto *)c, c->element, element);
	return ret;
}

/* ---- 12.4.5.4 processing the peer's commit ----------------------------------- */

int sae_crypto_set_peer(struct sae_crypto *c, const uint8_t *scalar, const uint8_t *element)
{
	int ret;

	c->have_peer = false;
	c->have_keys = false;
	if (!BN_bin2bn(scalar, (int)c->plen, c->peer_scalar))
		return -EIO;
	if (!in_range(c, c->peer_scalar))
		return -ERANGE;
	ret = sae_ec_point_from(c, c->peer_element, element);
	if (ret)
		return ret;
	c->have_peer = true;
	return 0;
}

bool sae_crypto_peer_is_reflection(const struct sae_crypto *c)
{
	if (!c->have_commit || !c->have_peer)
		return false;
	return BN_cmp(c->scalar, c->peer_scalar) == 0 &&
	       EC_POINT_cmp(c->ec, c->element, c->peer_element, c->bnctx) == 0;
}

int sae_crypto_derive_keys(struct sae_crypto *c, const uint8_t *salt, size_t salt_len)
{
	uint8_t k[SAE_MAX_PRIME_LEN], zero[SAE_MAX_HASH_LEN] = { 0 };
	uint8_t keyseed[SAE_MAX_HASH_LEN], ctx[SAE_MAX_PRIME_LEN];
	uint8_t out[SAE_MAX_HASH_LEN + SAE_PMK_LEN];
	EC_POINT *t = EC_POINT_new(c->ec);
	BIGNUM *x = sae_bn_secret(), *sum = BN_new();
	const struct crypto_vec kv = { k, c->plen };
	int ret = -ENOMEM;

	if (!t || !x || !sum)
		goto cleanup;
	ret = -ENOENT;
	if (!c->have_pwe || !c->have_commit || !c->have_peer)
		goto cleanup;
	ret = -EIO;
	/* K = rand * (peer-scalar * PWE + PEER-ELEMENT) */
	if (!EC_POINT_mul(c->ec, t, NULL, c->pwe, c->peer_scalar, c->bnctx) ||
	    !EC_POINT_add(c->ec, t, t, c->peer_element, c->bnctx) ||
	    !EC_POINT_mul(c->ec, t, NULL, t, c->rand, c->bnctx))
		goto cleanup;
	ret = -EINVAL;
	if (EC_POINT_is_at_infinity(c->ec, t))
		goto cleanup;
	ret = -EIO;
	/* k = F(K): the x-coordinate */
	if (!EC_POINT_get_affine_coordinates(c->ec, t, x, NULL, c->bnctx))
		goto cleanup;
	if ((ret = sae_bn_to(x, k, c->plen)))
		goto cleanup;
	/* keyseed = H(salt, k) */
	if (!salt) {
		salt = zero;
		salt_len = c->hlen;
	}
	if ((ret = crypto_hmac_sha2_vec(c->hlen, salt, salt_len, &kv, 1, keyseed)))
		goto cleanup;
	ret = -EIO;
	if (!BN_mod_add(sum, c->scalar, c->peer_scalar, c->r, c->bnctx))
		goto cleanup;
	if ((ret = sae_bn_to(sum, ctx, c->plen)))
		goto cleanup;
	/* KCK || PMK = KDF-Hash-Length(keyseed, "SAE KCK and PMK", ctx) */
	ret = crypto_kdf_hash(c->hlen, keyseed, c->hlen, "SAE KCK and PMK", ctx, c->plen, out,
			      (c->hlen + SAE_PMK_LEN) * 8);
	if (ret)
		goto cleanup;
	memcpy(c->kck, out, c->hlen);
	memcpy(c->pmk, out + c->hlen, SAE_PMK_LEN);
	memcpy(c->pmkid, ctx, SAE_PMKID_LEN);
	c->have_keys = true;
cleanup:
	secure_zero(k, sizeof(k));
	secure_zero(keyseed, sizeof(keyseed));
	secure_zero(out, sizeof(out));
	EC_POINT_clear_free(t);
	BN_clear_free(x);
	BN_free(sum);
	return ret;
}

int sae_crypto_keys(const struct sae_crypto *c, uint8_t *kck, uint8_t *pmk, uint8_t *pmkid)
{
	if (!c->have_keys)
		return -ENOENT;
	if (kck)
		memcpy(kck, c->kck, c->hlen);
	if (pmk)
		memcpy(pmk, c->pmk, SAE_PMK_LEN);
	if (pmkid)
		memcpy(pmkid, c->pmkid, SAE_PMKID_LEN);
	return 0;
}

/* ---- 12.4.5.5/6 confirm --------------------------------------------------------- */

int sae_confirm_compute(size_t hash_len, const uint8_t *kck, uint16_t send_confirm,
			size_t prime_len, const uint8_t *s1, const uint8_t *e1,
			const uint8_t *s2, const uint8_t *e2, uint8_t *out)
{
	uint8_t sc[2];
	const struct crypto_vec v[5] = {
		{ sc, 2 }, { s1, prime_len }, { e1, 2 * prime_len }, { s2, prime_len },
		{ e2, 2 * prime_len },
	};

	put_le16(sc, send_confirm);
	return crypto_hmac_sha2_vec(hash_len, kck, hash_len, v, 5, out);
}

int sae_crypto_confirm(const struct sae_crypto *c, uint16_t send_confirm, bool ours,
		       uint8_t *out)
{
	uint8_t s[SAE_MAX_PRIME_LEN], e[2 * SAE_MAX_PRIME_LEN];
	uint8_t ps[SAE_MAX_PRIME_LEN], pe[2 * SAE_MAX_PRIME_LEN];
	struct sae_crypto *m = (struct sae_crypto *)c;
	int ret;

	if (!c->have_keys)
		return -ENOENT;
	if ((ret = sae_crypto_own_commit(c, s, e)) || (ret = sae_bn_to(c->peer_scalar, ps, c->plen)) ||
	    (ret = sae_ec_point_to(m, c->peer_element, pe)))
		return ret;
	if (ours)
		return sae_confirm_compute(c->hlen, c->kck, send_confirm, c->plen, s, e, ps, pe,
					   out);
	return sae_confirm_compute(c->hlen, c->kck, send_confirm, c->plen, ps, pe, s, e, out);
}
