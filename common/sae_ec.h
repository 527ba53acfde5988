/* SPDX-License-Identifier: MIT */
/* sae_ec.h: the group object and the BIGNUM/EC_POINT helpers shared by
 * sae_crypto.c (hunting-and-pecking, commit, keys, confirm) and sae_h2e.c
 * (hash-to-element, SSWU, RFC 9380 hash_to_curve). Internal to those two:
 * it includes OpenSSL. sae_h2e.c calls into sae_crypto.c, never the
 * reverse. */
#ifndef ROAMLAB_SAE_EC_H
#define ROAMLAB_SAE_EC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "sae.h"

struct sae_crypto {
	uint16_t group;
	bool h2e;
	size_t plen;		/* octets of p and of r */
	size_t hlen;		/* hash of keyseed, KDF and confirm */
	EC_GROUP *ec;
	BN_CTX *bnctx;
	BIGNUM *p, *a, *b, *r;
	EC_POINT *pwe;
	BIGNUM *rand, *mask, *scalar, *peer_scalar;
	EC_POINT *element, *peer_element;
	uint8_t kck[SAE_MAX_HASH_LEN];
	uint8_t pmk[SAE_PMK_LEN];
	uint8_t pmkid[SAE_PMKID_LEN];
	bool have_pwe, have_commit, have_peer, have_keys;
};
/* ---- constant-time octet helpers ---------------------------------------- */

/* 0xff if bit is 1, else 0 */
static inline uint8_t ct_mask(unsigned int bit)
{
	return (uint8_t)(0u - (bit & 1u));
}

/* out = mask ? a : b, octet by octet (out may alias a or b) */
static inline void ct_select(uint8_t mask, const uint8_t *a, const uint8_t *b, uint8_t *out,
		      size_t len)
{
	for (size_t i = 0; i < len; i++)
		out[i] = (uint8_t)((a[i] & mask) | (b[i] & (uint8_t)~mask));
}

/* 0xff if a < b (big-endian, same length), else 0; no data-dependent branch */
static inline uint8_t ct_lt(const uint8_t *a, const uint8_t *b, size_t len)
{
	unsigned int lt = 0, decided = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned int x = a[i], y = b[i];
		unsigned int l = ((x - y) >> 8) & 1;	/* x < y */
		unsigned int g = ((y - x) >> 8) & 1;	/* x > y */

		lt |= l & ~decided;
		decided |= l | g;
	}
	return ct_mask(lt);
}

/* 0xff if every octet is zero */
static inline uint8_t ct_is_zero(const uint8_t *a, size_t len)
{
	unsigned int acc = 0;

	for (size_t i = 0; i < len; i++)
		acc |= a[i];
	return ct_mask(((acc - 1) >> 8) & 1);
}

/* 0xff if a == b */
static inline uint8_t ct_eq(const uint8_t *a, const uint8_t *b, size_t len)
{
	unsigned int acc = 0;

	for (size_t i = 0; i < len; i++)
		acc |= a[i] ^ b[i];
	return ct_mask(((acc - 1) >> 8) & 1);
}
/* 12.4.2: the group's hash length (32, 48, 64) */
size_t sae_ec_hash_len(uint16_t group);
/* MAX(own, peer) || MIN(own, peer), the addresses as big-endian numbers
 * (12.4.4.2.2 pwd-seed, 12.4.4.2.3 val) */
void sae_ec_max_min(const uint8_t own[6], const uint8_t peer[6], uint8_t out[12]);

/* BIGNUMs with BN_FLG_CONSTTIME; from/to big-endian octets of a fixed
 * length (sae_bn_to: -EINVAL if it does not fit). */
BIGNUM *sae_bn_secret(void);
BIGNUM *sae_bn_from(const uint8_t *bin, size_t len);
int sae_bn_to(const BIGNUM *b, uint8_t *out, size_t len);
/* out = in^e mod p in constant time */
int sae_ec_exp_ct(struct sae_crypto *c, BIGNUM *out, const BIGNUM *in, const BIGNUM *e);
/* y2 = x^3 + a x + b mod p */
int sae_ec_rhs(struct sae_crypto *c, BIGNUM *y2, const BIGNUM *x);
/* Legendre symbol of v as masks: nonzero square / non-square */
int sae_ec_legendre(struct sae_crypto *c, const BIGNUM *v, uint8_t *is_one, uint8_t *is_minus);
/* out = sqrt(v) for p = 3 mod 4 */
int sae_ec_sqrt(struct sae_crypto *c, BIGNUM *out, const BIGNUM *v);
/* y = mask ? p - y : y, without a branch */
int sae_ec_negate_if(struct sae_crypto *c, BIGNUM *y, uint8_t mask);
/* x || y (2 * plen octets) <-> point; sae_ec_point_from: -EDOM for a
 * coordinate >= p, a point off the curve or at infinity */
int sae_ec_point_from(struct sae_crypto *c, EC_POINT *pt, const uint8_t *xy);
int sae_ec_point_to(struct sae_crypto *c, const EC_POINT *pt, uint8_t *xy);

#endif
