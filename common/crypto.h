/* SPDX-License-Identifier: MIT */
/* crypto.h: the key hierarchy and ciphers of WPA/WPA2-PSK, and the SHA-256
 * KDF of the SHA-256 AKMs (PSK-SHA256, SAE). crypto.c is the
 * only file that includes OpenSSL. All functions return 0 or -errno unless
 * they are predicates. */
#ifndef ROAMLAB_CRYPTO_H
#define ROAMLAB_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PMK_LEN 32
#define NONCE_LEN 32
#define KCK_LEN 16
#define KEK_LEN 16
#define PTK_MAX_LEN 64
#define SHA256_LEN 32
/* The most KDF-SHA256 output crypto_kdf_sha256() gives (Length is a 16-bit
 * count of bits; 128 octets covers every PTK with a KDK). */
#define CRYPTO_KDF_SHA256_MAX 128

/* One piece of a message that is MACed in pieces. */
struct crypto_vec {
	const void *p;
	size_t len;
};

/* IEEE 802.11-2020 J.4: PSK = PBKDF2-SHA1(passphrase, ssid, 4096, 32).
 * passphrase must be 8..63 printable ASCII characters; -EINVAL otherwise. */
int crypto_psk_from_passphrase(const char *passphrase, const uint8_t *ssid,
			       size_t ssid_len, uint8_t psk[PMK_LEN]);
/* Accepts either a 64-hex-digit PSK or an 8..63 character passphrase. */
int crypto_psk_from_string(const char *s, const uint8_t *ssid, size_t ssid_len,
			   uint8_t psk[PMK_LEN]);
int crypto_pbkdf2_sha1(const char *pass, size_t pass_len, const uint8_t *salt,
		       size_t salt_len, unsigned int iter, uint8_t *out, size_t out_len);

/* IEEE 802.11-2020 12.7.1.2 PRF-n with HMAC-SHA1:
 * HMAC-SHA1(K, label || 0x00 || data || counter) concatenated. */
int crypto_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		    const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len);
/* 12.7.1.3: PTK = PRF-X(PMK, "Pairwise key expansion",
 *   Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce)).
 * ptk_len is 48 (CCMP) or 64 (TKIP). */
int crypto_derive_ptk(const uint8_t pmk[PMK_LEN], const uint8_t aa[6],
		      const uint8_t spa[6], const uint8_t anonce[NONCE_LEN],
		      const uint8_t snonce[NONCE_LEN], uint8_t *ptk, size_t ptk_len);
/* 12.7.1.6.2 KDF-Hash-Length with HMAC-SHA-256/384/512 (hash_len 32/48/64):
 * the first `bits` bits (1..65535) of HMAC-H(K, i || label || context || L)
 * for i = 1, 2, ... (i and L = bits 16-bit little-endian); out gets
 * (bits + 7) / 8 octets, the unused low bits of the last one zeroed, and is
 * zeroed on failure. */
int crypto_kdf_hash(size_t hash_len, const uint8_t *key, size_t key_len, const char *label,
		    const uint8_t *context, size_t context_len, uint8_t *out, size_t bits);
/* IEEE 802.11-2020 12.7.1.6.2 KDF-SHA256-Length (12.7.1.7.2 in 802.11-2016):
 * out_len octets (1..CRYPTO_KDF_SHA256_MAX), Length = 8 * out_len bits. */
int crypto_kdf_sha256(const uint8_t *key, size_t key_len, const char *label,
		      const uint8_t *context, size_t context_len, uint8_t *out,
		      size_t out_len);
/* 12.7.1.3 for AKMs 00-0f-ac:5, 6 and 8 (PSK-SHA256, SAE):
 * PTK = KDF-SHA256-Length(PMK, "Pairwise key expansion",
 *   Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce)).
 * ptk_len is KCK+KEK+TK (48 for CCMP-128), plus the KDK when one is derived
 * (80 with a 256-bit KDK); 32..CRYPTO_KDF_SHA256_MAX. The output length is an
 * input to every block, so a 48-octet PTK is not a prefix of an 80-octet one. */
int crypto_derive_ptk_sha256(const uint8_t pmk[PMK_LEN], const uint8_t aa[6],
			     const uint8_t spa[6], const uint8_t anonce[NONCE_LEN],
			     const uint8_t snonce[NONCE_LEN], uint8_t *ptk,
			     size_t ptk_len);
/* 12.7.1.4: GTK = PRF-X(GMK, "Group key expansion", AA || GNonce). */
int crypto_derive_gtk(const uint8_t *gmk, size_t gmk_len, const uint8_t aa[6],
		      const uint8_t gnonce[NONCE_LEN], uint8_t *gtk, size_t gtk_len);

int crypto_hmac_md5(const uint8_t *key, size_t key_len, const uint8_t *data,
		    size_t data_len, uint8_t mac[16]);
int crypto_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *data,
		     size_t data_len, uint8_t mac[20]);
int crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data,
		       size_t data_len, uint8_t mac[SHA256_LEN]);
/* SHA-256 (FIPS 180-4) of the concatenation of n pieces: the Hash() of the
 * FT key names (802.11-2020 12.7.1.7.3-5). */
int crypto_sha256_vec(const struct crypto_vec *v, size_t n, uint8_t out[SHA256_LEN]);
/* SHA-256/384/512 (hash_len 32/48/64; -EINVAL for another) of the
 * concatenation of n pieces; out gets hash_len octets. */
int crypto_sha2_vec(size_t hash_len, const struct crypto_vec *v, size_t n, uint8_t *out);
/* HMAC-SHA-256/384/512 (hash_len 32/48/64; -EINVAL for another) over n
 * pieces; an empty key is a key (HMAC pads it). out gets hash_len octets. */
int crypto_hmac_sha2_vec(size_t hash_len, const uint8_t *key, size_t key_len,
			 const struct crypto_vec *v, size_t n, uint8_t *out);
/* RFC 4493 AES-128-CMAC over the concatenation of n pieces. */
int crypto_aes_cmac_vec(const uint8_t key[16], const struct crypto_vec *v,
			size_t n, uint8_t mac[16]);
/* RFC 4493 */
int crypto_aes_cmac(const uint8_t key[16], const uint8_t *data, size_t data_len,
		    uint8_t mac[16]);
/* RFC 3394. plain_len is a multiple of 8 and >= 16; out has plain_len + 8. */
int crypto_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *plain,
		    size_t plain_len, uint8_t *out);
/* Returns -EBADMSG if the integrity check fails. out has cipher_len - 8. */
int crypto_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *cipher,
		      size_t cipher_len, uint8_t *out);
/* RC4 keystream XOR after discarding the first `skip` bytes (256 for WPA1). */
int crypto_rc4_skip(const uint8_t *key, size_t key_len, size_t skip,
		    uint8_t *data, size_t data_len);
/* Michael MIC (IEEE 802.11-2020 12.5.2.3). */
void crypto_michael(const uint8_t key[8], const uint8_t *data, size_t data_len,
		    uint8_t mic[8]);
/* CCMP encapsulation of one MPDU body (for the medium's capture decryption
 * and tests). hdr is the 802.11 header; returns 0 and writes ct||mic(8). */
int crypto_aes_ccm_encrypt(const uint8_t tk[16], const uint8_t nonce[13],
			   const uint8_t *aad, size_t aad_len, const uint8_t *plain,
			   size_t len, uint8_t *out, uint8_t mic[8]);
/* Additions: the inverse of crypto_aes_ccm_encrypt. Verifies the 8-byte mic
 * over aad and the decrypted payload; returns -EBADMSG (and zeroes out) if it
 * does not match. */
int crypto_aes_ccm_decrypt(const uint8_t tk[16], const uint8_t nonce[13],
			   const uint8_t *aad, size_t aad_len, const uint8_t *cipher,
			   size_t len, const uint8_t mic[8], uint8_t *out);
/* The CCMP AAD (12.5.3.3.3) and nonce (12.5.3.3.4) for an 802.11 header of
 * hdr_len bytes (>= 24; A4 and QoS Control are used when present) and the
 * 48-bit packet number pn. aad gets *aad_len (22..30) bytes. */
#define CCMP_AAD_MAX 30
int crypto_ccmp_aad_nonce(const uint8_t *hdr, size_t hdr_len, uint64_t pn,
			  uint8_t aad[CCMP_AAD_MAX], size_t *aad_len,
			  uint8_t nonce[13]);
/* The 8-byte CCMP header (12.5.3.2): PN0 PN1 0 (ExtIV|KeyID<<6) PN2..PN5.
 * crypto_ccmp_hdr_pn reads the PN back; -EINVAL if ExtIV is not set. */
#define CCMP_HDR_LEN 8
int crypto_ccmp_hdr(uint64_t pn, unsigned int keyid, uint8_t hdr[CCMP_HDR_LEN]);
int crypto_ccmp_hdr_pn(const uint8_t hdr[CCMP_HDR_LEN], uint64_t *pn,
		       unsigned int *keyid);
/* Cryptographically strong random bytes (key material, nonces). */
int crypto_random(uint8_t *out, size_t len);

#endif
