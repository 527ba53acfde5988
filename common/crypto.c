// SPDX-License-Identifier: MIT
/* crypto.c: the WPA/WPA2-PSK key hierarchy and ciphers. This is the only file
 * that includes OpenSSL (3.x, default provider only). RC4 and Michael are
 * written here: RC4 so that OpenSSL 3's legacy provider need not be loaded,
 * Michael because OpenSSL does not have it. */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"
#include "util.h"

#define SSID_MAX_LEN 32
#define SHA1_LEN 20
#define AES_BLOCK 16

/* ---- HMAC / CMAC through EVP_MAC ------------------------------------- */

/* mac_name is "HMAC" or "CMAC"; param names the digest or the cipher. */
static int evp_mac_vec(const char *mac_name, const char *param_key,
		       const char *param_val, const uint8_t *key, size_t key_len,
		       const struct crypto_vec *v, size_t n, uint8_t *out, size_t out_len)
{
	EVP_MAC *mac = NULL;
	EVP_MAC_CTX *ctx = NULL;
	OSSL_PARAM params[2];
	uint8_t full[EVP_MAX_MD_SIZE];
	size_t full_len = 0;
	int ret = -EIO;

	mac = EVP_MAC_fetch(NULL, mac_name, NULL);
	if (!mac)
		goto cleanup;
	ctx = EVP_MAC_CTX_new(mac);
	if (!ctx) {
		ret = -ENOMEM;
		goto cleanup;
	}
	params[0] = OSSL_PARAM_construct_utf8_string(param_key,
						     (char *)param_val, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_init(ctx, key, key_len, params))
		goto cleanup;
	for (size_t i = 0; i < n; i++)
		if (v[i].len && !EVP_MAC_update(ctx, v[i].p, v[i].len))
			goto cleanup;
	if (!EVP_MAC_final(ctx, full, &full_len, sizeof(full)))
		goto cleanup;
	if (full_len < out_len) {
		ret = -EINVAL;
		goto cleanup;
	}
	memcpy(out, full, out_len);
	ret = 0;
cleanup:
	secure_zero(full, sizeof(full));
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ret;
}

static int hmac_vec(const char *digest, const uint8_t *key, size_t key_len,
		    const struct crypto_vec *v, size_t n, uint8_t *out, size_t out_len)
{
	return evp_mac_vec("HMAC", OSSL_MAC_PARAM_DIGEST, digest, key, key_len,
			   v, n, out, out_len);
}

/* The SHA-2 hash of this output length: SHA-256, -384, -512; else NULL. */
static const char *sha2_name(size_t hash_len)
{
	switch (hash_len) {
	case 32:
		return "SHA256";
	case 48:
		return "SHA384";
	case 64:
		return "SHA512";
	}
	return NULL;
}

/* The argument checks of the functions over crypto_vec pieces. */
static bool vec_valid(const struct crypto_vec *v, size_t n)
{
	if (!v && n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!v[i].p && v[i].len)
			return false;
	return true;
}

int crypto_hmac_sha2_vec(size_t hash_len, const uint8_t *key, size_t key_len,
			 const struct crypto_vec *v, size_t n, uint8_t *out)
{
	const char *md = sha2_name(hash_len);

	if (!md || !out || !vec_valid(v, n))
		return -EINVAL;
	/* an empty key (an empty SSID) is still a key: HMAC pads it */
	return hmac_vec(md, key_len ? key : (const uint8_t *)"", key_len, v, n, out, hash_len);
}

int crypto_hmac_md5(const uint8_t *key, size_t key_len, const uint8_t *data,
		    size_t data_len, uint8_t mac[16])
{
	struct crypto_vec v = { data, data_len };

	return hmac_vec("MD5", key, key_len, &v, 1, mac, 16);
}

int crypto_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *data,
		     size_t data_len, uint8_t mac[20])
{
	struct crypto_vec v = { data, data_len };

	return hmac_vec("SHA1", key, key_len, &v, 1, mac, SHA1_LEN);
}

int crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data,
		       size_t data_len, uint8_t mac[SHA256_LEN])
{
	struct crypto_vec v = { data, data_len };

	return hmac_vec("SHA256", key, key_len, &v, 1, mac, SHA256_LEN);
}

int crypto_sha2_vec(size_t hash_len, const struct crypto_vec *v, size_t n, uint8_t *out)
{
	const char *name = sha2_name(hash_len);
	EVP_MD_CTX *ctx;
	EVP_MD *md = NULL;
	unsigned int len = 0;
	int ret = -EIO;

	if (!name || !out || !vec_valid(v, n))
		return -EINVAL;
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return -ENOMEM;
	md = EVP_MD_fetch(NULL, name, NULL);
	if (!md || !EVP_DigestInit_ex(ctx, md, NULL))
		goto cleanup;
	for (size_t i = 0; i < n; i++)
		if (v[i].len && !EVP_DigestUpdate(ctx, v[i].p, v[i].len))
			goto cleanup;
	if (!EVP_DigestFinal_ex(ctx, out, &len) || len != hash_len)
		goto cleanup;
	ret = 0;
cleanup:
	EVP_MD_free(md);
	EVP_MD_CTX_free(ctx);
	return ret;
}

int crypto_sha256_vec(const struct crypto_vec *v, size_t n, uint8_t out[SHA256_LEN])
{
	return crypto_sha2_vec(SHA256_LEN, v, n, out);
}

int crypto_aes_cmac_vec(const uint8_t key[16], const struct crypto_vec *v,
			size_t n, uint8_t mac[16])
{
	if (!key || !mac || !vec_valid(v, n))
		return -EINVAL;
	return evp_mac_vec("CMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC", key, 16,
			   v, n, mac, 16);
}

int crypto_aes_cmac(const uint8_t key[16], const uint8_t *data, size_t data_len,
		    uint8_t mac[16])
{
	struct crypto_vec v = { data, data_len };

	return evp_mac_vec("CMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC", key, 16,
			   &v, 1, mac, 16);
}

/* ---- PBKDF2 and the passphrase -> PSK mapping ----------------------- */

int crypto_pbkdf2_sha1(const char *pass, size_t pass_len, const uint8_t *salt,
		       size_t salt_len, unsigned int iter, uint8_t *out, size_t out_len)
{
	if (!pass || !out || out_len == 0 || iter == 0 || iter > INT32_MAX ||
	    pass_len > INT32_MAX || salt_len > INT32_MAX || out_len > INT32_MAX)
		return -EINVAL;
	if (!PKCS5_PBKDF2_HMAC(pass, (int)pass_len, salt, (int)salt_len,
			       (int)iter, EVP_sha1(), (int)out_len, out))
		return -EIO;
	return 0;
}

/* IEEE 802.11-2020 J.4.1: a pass-phrase is 8..63 characters, each in the
 * range 32..126 (printable ASCII). */
static bool passphrase_valid(const char *p)
{
	size_t len = strlen(p);

	if (len < 8 || len > 63)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)p[i] < 32 || (unsigned char)p[i] > 126)
			return false;
	return true;
}

int crypto_psk_from_passphrase(const char *passphrase, const uint8_t *ssid,
			       size_t ssid_len, uint8_t psk[PMK_LEN])
{
	if (!passphrase || !psk || (!ssid && ssid_len) ||
	    ssid_len > SSID_MAX_LEN || !passphrase_valid(passphrase))
		return -EINVAL;
	return crypto_pbkdf2_sha1(passphrase, strlen(passphrase), ssid,
				  ssid_len, 4096, psk, PMK_LEN);
}

int crypto_psk_from_string(const char *s, const uint8_t *ssid, size_t ssid_len,
			   uint8_t psk[PMK_LEN])
{
	if (!s || !psk)
		return -EINVAL;
	/* A 64-character value is always the hex PSK, never a passphrase
	 * (J.4.1 caps pass-phrases at 63 characters). */
	if (strlen(s) == 2 * PMK_LEN)
		return hex_decode(s, psk, PMK_LEN);
	return crypto_psk_from_passphrase(s, ssid, ssid_len, psk);
}

/* ---- PRF and key derivation ------------------------------------------ */

/* The counter-mode expansion of the PRF (12.7.1.2) and the KDF
 * (12.7.1.6.2): out_len octets of HMAC-digest(key, v[0] || .. || v[n-1])
 * blocks of hlen octets, the counter ctr (ctr_len octets, 1 or 2,
 * little-endian) set to first, first + 1, ... before each block. out is
 * zeroed on failure. */
static int hmac_ctr(const char *digest, size_t hlen, const uint8_t *key, size_t key_len,
		    const struct crypto_vec *v, size_t n, uint8_t *ctr, size_t ctr_len,
		    unsigned int first, uint8_t *out, size_t out_len)
{
	uint8_t block[EVP_MAX_MD_SIZE];
	size_t pos = 0;
	int ret = 0;

	for (unsigned int i = first; pos < out_len; i++) {
		size_t m = out_len - pos < hlen ? out_len - pos : hlen;

		ctr[0] = (uint8_t)i;
		if (ctr_len == 2)
			ctr[1] = (uint8_t)(i >> 8);
		ret = hmac_vec(digest, key, key_len, v, n, block, hlen);
		if (ret)
			break;
		memcpy(out + pos, block, m);
		pos += m;
	}
	secure_zero(block, sizeof(block));
	if (ret)
		secure_zero(out, out_len);
	return ret;
}

int crypto_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		    const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len)
{
	static const uint8_t zero;
	uint8_t counter;
	struct crypto_vec v[4] = {
		{ label, label ? strlen(label) : 0 },
		{ &zero, 1 },
		{ data, data_len },
		{ &counter, 1 },
	};

	if (!key || !label || (!data && data_len) || !out ||
	    out_len > 255 * SHA1_LEN)
		return -EINVAL;
	return hmac_ctr("SHA1", SHA1_LEN, key, key_len, v, ARRAY_SIZE(v), &counter, 1, 0,
			out, out_len);
}

/* The 12.7.1.3 PTK context: Min(AA,SPA) || Max(AA,SPA) ||
 * Min(ANonce,SNonce) || Max(ANonce,SNonce), compared as unsigned
 * big-endian integers. */
static void ptk_context(const uint8_t aa[6], const uint8_t spa[6],
			const uint8_t anonce[NONCE_LEN],
			const uint8_t snonce[NONCE_LEN],
			uint8_t data[2 * 6 + 2 * NONCE_LEN])
{
	bool aa_first = memcmp(aa, spa, 6) < 0;
	bool an_first = memcmp(anonce, snonce, NONCE_LEN) < 0;

	memcpy(data, aa_first ? aa : spa, 6);
	memcpy(data + 6, aa_first ? spa : aa, 6);
	memcpy(data + 12, an_first ? anonce : snonce, NONCE_LEN);
	memcpy(data + 12 + NONCE_LEN, an_first ? snonce : anonce, NONCE_LEN);
}

int crypto_derive_ptk(const uint8_t pmk[PMK_LEN], const uint8_t aa[6],
		      const uint8_t spa[6], const uint8_t anonce[NONCE_LEN],
		      const uint8_t snonce[NONCE_LEN], uint8_t *ptk, size_t ptk_len)
{
	uint8_t data[2 * 6 + 2 * NONCE_LEN];

	if (!pmk || !aa || !spa || !anonce || !snonce || !ptk ||
	    (ptk_len != 48 && ptk_len != 64))
		return -EINVAL;
	ptk_context(aa, spa, anonce, snonce, data);
	return crypto_prf_sha1(pmk, PMK_LEN, "Pairwise key expansion", data,
			       sizeof(data), ptk, ptk_len);
}

int crypto_derive_gtk(const uint8_t *gmk, size_t gmk_len, const uint8_t aa[6],
		      const uint8_t gnonce[NONCE_LEN], uint8_t *gtk, size_t gtk_len)
{
	uint8_t data[6 + NONCE_LEN];

	if (!gmk || !gmk_len || !aa || !gnonce || !gtk || gtk_len == 0 ||
	    gtk_len > 64)
		return -EINVAL;
	/* 12.7.1.4: AA || GNonce */
	memcpy(data, aa, 6);
	memcpy(data + 6, gnonce, NONCE_LEN);
	return crypto_prf_sha1(gmk, gmk_len, "Group key expansion", data,
			       sizeof(data), gtk, gtk_len);
}

/* IEEE 802.11-2020 12.7.1.6.2 (12.7.1.7.2 in 802.11-2016), KDF-Hash-Length
 * with Hash = SHA-256: the concatenation over i = 1.. of
 * HMAC-SHA256(K, i || Label || Context || Length), i and Length (the output
 * length in bits) as 16-bit little-endian integers, truncated to Length. */
int crypto_kdf_hash(size_t hash_len, const uint8_t *key, size_t key_len, const char *label,
		    const uint8_t *context, size_t context_len, uint8_t *out, size_t bits)
{
	const char *md = sha2_name(hash_len);
	size_t bytes = (bits + 7) / 8;
	uint8_t ctr_le[2], bits_le[2];
	struct crypto_vec v[4] = {
		{ ctr_le, 2 },
		{ label, label ? strlen(label) : 0 },
		{ context, context_len },
		{ bits_le, 2 },
	};
	int ret;

	if (!md || !key || !label || (!context && context_len) || !out || !bits ||
	    bits > UINT16_MAX)
		return -EINVAL;
	put_le16(bits_le, (uint16_t)bits);
	ret = hmac_ctr(md, hash_len, key, key_len, v, ARRAY_SIZE(v), ctr_le, 2, 1, out, bytes);
	if (!ret && bits % 8)
		out[bytes - 1] &= (uint8_t)(0xff << (8 - bits % 8));
	return ret;
}

int crypto_kdf_sha256(const uint8_t *key, size_t key_len, const char *label,
		      const uint8_t *context, size_t context_len, uint8_t *out,
		      size_t out_len)
{
	if (!out_len || out_len > CRYPTO_KDF_SHA256_MAX)
		return -EINVAL;
	return crypto_kdf_hash(SHA256_LEN, key, key_len, label, context, context_len, out,
			       out_len * 8);
}

int crypto_derive_ptk_sha256(const uint8_t pmk[PMK_LEN], const uint8_t aa[6],
			     const uint8_t spa[6], const uint8_t anonce[NONCE_LEN],
			     const uint8_t snonce[NONCE_LEN], uint8_t *ptk,
			     size_t ptk_len)
{
	uint8_t data[2 * 6 + 2 * NONCE_LEN];
	int ret;

	if (!pmk || !aa || !spa || !anonce || !snonce || !ptk ||
	    ptk_len < KCK_LEN + KEK_LEN || ptk_len > CRYPTO_KDF_SHA256_MAX)
		return -EINVAL;
	/* 12.7.1.3: for AKMs other than 00-0f-ac:1/2 the PTK is
	 * KDF-Hash-Length(PMK, "Pairwise key expansion", the same context). */
	ptk_context(aa, spa, anonce, snonce, data);
	ret = crypto_kdf_sha256(pmk, PMK_LEN, "Pairwise key expansion", data,
				sizeof(data), ptk, ptk_len);
	secure_zero(data, sizeof(data));
	return ret;
}

/* ---- AES key wrap (RFC 3394) on single AES-ECB blocks ----------------- */

static const EVP_CIPHER *aes_ecb_for(size_t key_len)
{
	switch (key_len) {
	case 16:
		return EVP_aes_128_ecb();
	case 24:
		return EVP_aes_192_ecb();
	case 32:
		return EVP_aes_256_ecb();
	}
	return NULL;
}

static EVP_CIPHER_CTX *aes_ecb_new(const uint8_t *key, size_t key_len, bool enc)
{
	const EVP_CIPHER *c = aes_ecb_for(key_len);
	EVP_CIPHER_CTX *ctx;

	if (!c)
		return NULL;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return NULL;
	if (!EVP_CipherInit_ex(ctx, c, NULL, key, NULL, enc ? 1 : 0) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0)) {
		EVP_CIPHER_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

static bool aes_block(EVP_CIPHER_CTX *ctx, const uint8_t in[AES_BLOCK],
		      uint8_t out[AES_BLOCK])
{
	int outl = 0;

	return EVP_CipherUpdate(ctx, out, &outl, in, AES_BLOCK) &&
	       outl == AES_BLOCK;
}

static const uint8_t kw_iv[8] = {
	0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6
};

int crypto_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *plain,
		    size_t plain_len, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = NULL;
	uint8_t b[AES_BLOCK], *a = out, *r = out + 8;
	size_t n = plain_len / 8;
	int ret = -EINVAL;

	if (!kek || !plain || !out || plain_len % 8 || plain_len < 16 ||
	    !aes_ecb_for(kek_len))
		return -EINVAL;
	ctx = aes_ecb_new(kek, kek_len, true);
	if (!ctx)
		return -ENOMEM;
	/* RFC 3394 2.2.1 (index-based): A = IV, R[i] = P[i]. */
	memcpy(a, kw_iv, 8);
	memmove(r, plain, plain_len);
	for (unsigned int j = 0; j <= 5; j++) {
		for (size_t i = 1; i <= n; i++) {
			uint64_t t = (uint64_t)n * j + i;

			memcpy(b, a, 8);
			memcpy(b + 8, r + (i - 1) * 8, 8);
			if (!aes_block(ctx, b, b)) {
				ret = -EIO;
				goto cleanup;
			}
			memcpy(a, b, 8);
			for (int k = 0; k < 8; k++)
				a[7 - k] ^= (uint8_t)(t >> (8 * k));
			memcpy(r + (i - 1) * 8, b + 8, 8);
		}
	}
	ret = 0;
cleanup:
	secure_zero(b, sizeof(b));
	if (ret)
		secure_zero(out, plain_len + 8);
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

int crypto_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *cipher,
		      size_t cipher_len, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = NULL;
	uint8_t a[8], b[AES_BLOCK];
	size_t n;
	int ret = -EINVAL;

	if (!kek || !cipher || !out || cipher_len % 8 || cipher_len < 24 ||
	    !aes_ecb_for(kek_len))
		return -EINVAL;
	n = cipher_len / 8 - 1;
	ctx = aes_ecb_new(kek, kek_len, false);
	if (!ctx)
		return -ENOMEM;
	/* RFC 3394 2.2.2 (index-based): A = C[0], R[i] = C[i]. */
	memcpy(a, cipher, 8);
	memmove(out, cipher + 8, cipher_len - 8);
	for (int j = 5; j >= 0; j--) {
		for (size_t i = n; i >= 1; i--) {
			uint64_t t = (uint64_t)n * (unsigned int)j + i;

			memcpy(b, a, 8);
			for (int k = 0; k < 8; k++)
				b[7 - k] ^= (uint8_t)(t >> (8 * k));
			memcpy(b + 8, out + (i - 1) * 8, 8);
			if (!aes_block(ctx, b, b)) {
				ret = -EIO;
				goto cleanup;
			}
			memcpy(a, b, 8);
			memcpy(out + (i - 1) * 8, b + 8, 8);
		}
	}
	ret = ct_equal(a, kw_iv, 8) ? 0 : -EBADMSG;
cleanup:
	secure_zero(a, sizeof(a));
	secure_zero(b, sizeof(b));
	if (ret)
		secure_zero(out, cipher_len - 8);
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/* ---- RC4 -------------------------------------------------------------- */

/* RC4 is implemented here rather than taken from OpenSSL: OpenSSL 3 only
 * offers it from the legacy provider, and loading that provider process-wide
 * would also re-enable other retired algorithms. WPA1 (TKIP) EAPOL-Key data
 * encryption uses RC4 with the first 256 keystream bytes discarded. */
int crypto_rc4_skip(const uint8_t *key, size_t key_len, size_t skip,
		    uint8_t *data, size_t data_len)
{
	uint8_t s[256], tmp;
	unsigned int i, j, k;

	if (!key || key_len == 0 || key_len > 256 || (!data && data_len))
		return -EINVAL;
	for (i = 0; i < 256; i++)
		s[i] = (uint8_t)i;
	for (i = 0, j = 0; i < 256; i++) {		/* key schedule */
		j = (j + s[i] + key[i % key_len]) & 0xff;
		tmp = s[i]; s[i] = s[j]; s[j] = tmp;
	}
	i = j = 0;
	for (size_t n = 0; n < skip + data_len; n++) {	/* PRGA */
		i = (i + 1) & 0xff;
		j = (j + s[i]) & 0xff;
		tmp = s[i]; s[i] = s[j]; s[j] = tmp;
		k = s[(s[i] + s[j]) & 0xff];
		if (n >= skip)
			data[n - skip] ^= (uint8_t)k;
	}
	secure_zero(s, sizeof(s));
	return 0;
}

/* ---- Michael (IEEE 802.11-2020 12.5.2.3) ------------------------------ */

static inline uint32_t rol32(uint32_t v, unsigned int n)
{
	return (v << n) | (v >> (32 - n));
}

static inline uint32_t ror32(uint32_t v, unsigned int n)
{
	return (v >> n) | (v << (32 - n));
}

/* XSWAP swaps the two bytes of each 16-bit half. */
static inline uint32_t xswap(uint32_t v)
{
	return ((v & 0xff00ff00u) >> 8) | ((v & 0x00ff00ffu) << 8);
}

/* The block function b(L, R) of 12.5.2.3.3 (Figure 12-14). */
static inline void michael_block(uint32_t *l, uint32_t *r)
{
	*r ^= rol32(*l, 17);
	*l += *r;
	*r ^= xswap(*l);
	*l += *r;
	*r ^= rol32(*l, 3);
	*l += *r;
	*r ^= ror32(*l, 2);
	*l += *r;
}

void crypto_michael(const uint8_t key[8], const uint8_t *data, size_t data_len,
		    uint8_t mic[8])
{
	uint32_t l = get_le32(key), r = get_le32(key + 4);
	uint8_t last[8] = { 0 };
	size_t full = data_len & ~(size_t)3, rem = data_len - full;

	for (size_t i = 0; i < full; i += 4) {
		l ^= get_le32(data + i);
		michael_block(&l, &r);
	}
	/* Padding: one 0x5a octet then 4..7 zero octets, to a multiple of 4;
	 * that is, the rem leftover octets, 0x5a, and zeroes to 8 octets. */
	if (rem)
		memcpy(last, data + full, rem);
	last[rem] = 0x5a;
	l ^= get_le32(last);
	michael_block(&l, &r);
	l ^= get_le32(last + 4);
	michael_block(&l, &r);
	put_le32(mic, l);
	put_le32(mic + 4, r);
	secure_zero(&l, sizeof(l));
	secure_zero(&r, sizeof(r));
}

/* ---- AES-CCM for CCMP (12.5.3) ---------------------------------------- */

#define CCMP_MIC_LEN 8
#define CCMP_NONCE_LEN 13

static EVP_CIPHER_CTX *ccm_ctx_new(const uint8_t tk[16], const uint8_t nonce[13],
				   bool enc, const uint8_t *tag)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();

	if (!ctx)
		return NULL;
	if (!EVP_CipherInit_ex(ctx, EVP_aes_128_ccm(), NULL, NULL, NULL,
			       enc ? 1 : 0) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, CCMP_NONCE_LEN,
				 NULL) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, CCMP_MIC_LEN,
				 (void *)tag) ||
	    !EVP_CipherInit_ex(ctx, NULL, NULL, tk, nonce, -1)) {
		EVP_CIPHER_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* Check the arguments, make the context, and feed what CCM needs before
 * the payload: the total length, then the AAD. *ctx is the caller's to
 * free on success. */
static int ccm_start(const uint8_t tk[16], const uint8_t nonce[13], bool enc,
		     const uint8_t *tag, const uint8_t *aad, size_t aad_len,
		     const uint8_t *in, size_t len, const uint8_t *out, EVP_CIPHER_CTX **ctx)
{
	int outl = 0;

	if (!tk || !nonce || (!aad && aad_len) || (!in && len) || (!out && len) ||
	    len > INT32_MAX || aad_len > INT32_MAX)
		return -EINVAL;
	*ctx = ccm_ctx_new(tk, nonce, enc, tag);
	if (!*ctx)
		return -ENOMEM;
	if (!EVP_CipherUpdate(*ctx, NULL, &outl, NULL, (int)len) ||
	    (aad_len && !EVP_CipherUpdate(*ctx, NULL, &outl, aad, (int)aad_len))) {
		EVP_CIPHER_CTX_free(*ctx);
		*ctx = NULL;
		return -EIO;
	}
	return 0;
}

int crypto_aes_ccm_encrypt(const uint8_t tk[16], const uint8_t nonce[13],
			   const uint8_t *aad, size_t aad_len, const uint8_t *plain,
			   size_t len, uint8_t *out, uint8_t mic[8])
{
	EVP_CIPHER_CTX *ctx = NULL;
	uint8_t dummy[1];
	int outl = 0, ret;

	if (!mic)
		return -EINVAL;
	ret = ccm_start(tk, nonce, true, NULL, aad, aad_len, plain, len, out, &ctx);
	if (ret)
		return ret;
	ret = -EIO;
	if (!EVP_CipherUpdate(ctx, len ? out : dummy, &outl,
			      len ? plain : dummy, (int)len))
		goto cleanup;
	if (!EVP_CipherFinal_ex(ctx, dummy, &outl))
		goto cleanup;
	if (!EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, CCMP_MIC_LEN, mic))
		goto cleanup;
	ret = 0;
cleanup:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

int crypto_aes_ccm_decrypt(const uint8_t tk[16], const uint8_t nonce[13],
			   const uint8_t *aad, size_t aad_len, const uint8_t *cipher,
			   size_t len, const uint8_t mic[8], uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = NULL;
	uint8_t dummy[1];
	int outl = 0, ret;

	if (!mic)
		return -EINVAL;
	ret = ccm_start(tk, nonce, false, mic, aad, aad_len, cipher, len, out, &ctx);
	if (ret)
		return ret;
	ret = -EIO;
	/* For CCM decryption the tag is verified by this update call. */
	if (!EVP_CipherUpdate(ctx, len ? out : dummy, &outl,
			      len ? cipher : dummy, (int)len)) {
		ret = -EBADMSG;
		goto cleanup;
	}
	ret = 0;
cleanup:
	if (ret && len)
		secure_zero(out, len);
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/* 802.11 frame control bits used below (first octet, second octet). */
#define FC0_TYPE_MASK	0x0c
#define FC0_TYPE_MGMT	0x00
#define FC0_TYPE_DATA	0x08
#define FC0_QOS		0x80	/* subtype bit 3 within a data frame */
#define FC1_TODS	0x01
#define FC1_FROMDS	0x02
#define FC1_RETRY	0x08
#define FC1_PWRMGT	0x10
#define FC1_MOREDATA	0x20
#define FC1_PROTECTED	0x40
#define FC1_ORDER	0x80

int crypto_ccmp_aad_nonce(const uint8_t *hdr, size_t hdr_len, uint64_t pn,
			  uint8_t aad[CCMP_AAD_MAX], size_t *aad_len,
			  uint8_t nonce[13])
{
	bool data, qos, a4;
	size_t need, pos = 0;
	uint8_t prio = 0;

	if (!hdr || !aad || !aad_len || !nonce || hdr_len < 24 ||
	    pn >> 48)
		return -EINVAL;
	data = (hdr[0] & FC0_TYPE_MASK) == FC0_TYPE_DATA;
	qos = data && (hdr[0] & FC0_QOS);
	a4 = data && (hdr[1] & FC1_TODS) && (hdr[1] & FC1_FROMDS);
	need = 24 + (a4 ? 6 : 0) + (qos ? 2 : 0);
	if (hdr_len < need)
		return -EINVAL;

	/* 12.5.3.3.3: FC with subtype bits 4-6 (data), Retry, PwrMgt and
	 * MoreData masked to 0 and Protected set; Order masked in QoS data. */
	aad[pos++] = data ? (hdr[0] & 0x8f) : hdr[0];
	aad[pos++] = (uint8_t)((hdr[1] & ~(FC1_RETRY | FC1_PWRMGT | FC1_MOREDATA |
					   (qos ? FC1_ORDER : 0))) |
			       FC1_PROTECTED);
	memcpy(aad + pos, hdr + 4, 18);		/* A1, A2, A3 */
	pos += 18;
	/* Sequence Control: keep the fragment number, mask the sequence. */
	aad[pos++] = hdr[22] & 0x0f;
	aad[pos++] = 0;
	if (a4) {
		memcpy(aad + pos, hdr + 24, 6);
		pos += 6;
	}
	if (qos) {
		const uint8_t *qc = hdr + 24 + (a4 ? 6 : 0);

		prio = qc[0] & 0x0f;		/* TID; bits 4-15 masked */
		aad[pos++] = prio;
		aad[pos++] = 0;
	}
	*aad_len = pos;

	/* 12.5.3.3.4: Nonce Flags || A2 || PN5..PN0. The flags carry the
	 * priority and, for (protected) management frames, bit 4. */
	nonce[0] = prio;
	if ((hdr[0] & FC0_TYPE_MASK) == FC0_TYPE_MGMT)
		nonce[0] |= 0x10;
	memcpy(nonce + 1, hdr + 10, 6);
	for (int i = 0; i < 6; i++)
		nonce[7 + i] = (uint8_t)(pn >> (8 * (5 - i)));
	return 0;
}

int crypto_ccmp_hdr(uint64_t pn, unsigned int keyid, uint8_t hdr[CCMP_HDR_LEN])
{
	if (!hdr || keyid > 3 || pn >> 48)
		return -EINVAL;
	hdr[0] = (uint8_t)pn;
	hdr[1] = (uint8_t)(pn >> 8);
	hdr[2] = 0;
	hdr[3] = (uint8_t)(0x20 | keyid << 6);	/* ExtIV | Key ID */
	put_le32(hdr + 4, (uint32_t)(pn >> 16));
	return 0;
}

int crypto_ccmp_hdr_pn(const uint8_t hdr[CCMP_HDR_LEN], uint64_t *pn,
		       unsigned int *keyid)
{
	if (!hdr || !pn || !(hdr[3] & 0x20))
		return -EINVAL;
	*pn = (uint64_t)get_le32(hdr + 4) << 16 | (uint64_t)hdr[1] << 8 | hdr[0];
	if (keyid)
		*keyid = hdr[3] >> 6;
	return 0;
}

/* ---- Random ------------------------------------------------------------ */

int crypto_random(uint8_t *out, size_t len)
{
	if (!out && len)
		return -EINVAL;
	if (len > INT32_MAX)
		return -EINVAL;
	if (len && RAND_bytes(out, (int)len) != 1)
		return -EIO;
	return 0;
}
