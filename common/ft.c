// SPDX-License-Identifier: MIT
/* ft.c: the FT key hierarchy (IEEE 802.11-2020 12.7.1.7) on KDF-SHA256
 * (crypto_kdf_sha256) and SHA-256 (crypto_sha256_vec). */
#include <errno.h>
#include <string.h>

#include "cipher.h"
#include "crypto.h"
#include "ft.h"
#include "util.h"

#define FT_AKM_SHA256 (WPA_AKM_FT_8021X | WPA_AKM_FT_PSK | WPA_AKM_FT_SAE)

bool ft_akm_supported(uint32_t akm)
{
	return wpa_single_bit(akm) && (akm & FT_AKM_SHA256);
}

size_t ft_akm_pmk_len(uint32_t akm)
{
	return ft_akm_supported(akm) ? FT_PMK_LEN : 0;
}

int ft_xxkey_from_msk(const uint8_t *msk, size_t msk_len, uint8_t xxkey[FT_PMK_LEN])
{
	if (!msk || !xxkey || msk_len < 2 * FT_PMK_LEN)
		return -EINVAL;
	memcpy(xxkey, msk + FT_PMK_LEN, FT_PMK_LEN);
	return 0;
}

/* Truncate-128(SHA-256(pieces)) */
static int name128(const struct crypto_vec *v, size_t n, uint8_t name[FT_PMK_NAME_LEN])
{
	uint8_t h[SHA256_LEN];
	int ret = crypto_sha256_vec(v, n, h);

	if (!ret)
		memcpy(name, h, FT_PMK_NAME_LEN);
	secure_zero(h, sizeof(h));
	return ret;
}

int ft_derive_pmk_r0(uint32_t akm, const uint8_t *xxkey, size_t xxkey_len,
		     const uint8_t *ssid, size_t ssid_len,
		     const uint8_t mdid[FT_MDID_LEN], const uint8_t *r0kh_id,
		     size_t r0kh_id_len, const uint8_t s0kh_id[6],
		     uint8_t pmk_r0[FT_PMK_LEN],
		     uint8_t pmk_r0_name[FT_PMK_NAME_LEN])
{
	/* SSIDlength(1) SSID(<=32) MDID(2) R0KHlength(1) R0KH-ID(<=48) S0KH-ID(6) */
	uint8_t ctx[1 + FT_SSID_MAX + FT_MDID_LEN + 1 + FT_R0KH_ID_MAX + 6];
	uint8_t key_data[FT_PMK_LEN + 16];
	size_t n = 0;
	int ret;

	if (!pmk_r0 || !pmk_r0_name)
		return -EINVAL;
	memset(pmk_r0, 0, FT_PMK_LEN);
	memset(pmk_r0_name, 0, FT_PMK_NAME_LEN);
	if (!ft_akm_supported(akm) || !xxkey || !xxkey_len || xxkey_len > FT_XXKEY_MAX ||
	    !ssid || !ssid_len || ssid_len > FT_SSID_MAX || !mdid || !r0kh_id ||
	    !r0kh_id_len || r0kh_id_len > FT_R0KH_ID_MAX || !s0kh_id)
		return -EINVAL;
	ctx[n++] = (uint8_t)ssid_len;
	memcpy(ctx + n, ssid, ssid_len);
	n += ssid_len;
	memcpy(ctx + n, mdid, FT_MDID_LEN);
	n += FT_MDID_LEN;
	ctx[n++] = (uint8_t)r0kh_id_len;
	memcpy(ctx + n, r0kh_id, r0kh_id_len);
	n += r0kh_id_len;
	memcpy(ctx + n, s0kh_id, 6);
	n += 6;
	/* Length = Q + 128 = 384 bits */
	ret = crypto_kdf_sha256(xxkey, xxkey_len, "FT-R0", ctx, n, key_data,
				sizeof(key_data));
	if (!ret) {
		struct crypto_vec v[2] = {
			{ "FT-R0N", 6 },
			{ key_data + FT_PMK_LEN, 16 },	/* PMK-R0Name-Salt */
		};

		memcpy(pmk_r0, key_data, FT_PMK_LEN);
		ret = name128(v, ARRAY_SIZE(v), pmk_r0_name);
	}
	if (ret) {
		secure_zero(pmk_r0, FT_PMK_LEN);
		memset(pmk_r0_name, 0, FT_PMK_NAME_LEN);
	}
	secure_zero(key_data, sizeof(key_data));
	secure_zero(ctx, sizeof(ctx));
	return ret;
}

int ft_derive_pmk_r1_name(const uint8_t pmk_r0_name[FT_PMK_NAME_LEN],
			  const uint8_t r1kh_id[FT_R1KH_ID_LEN],
			  const uint8_t s1kh_id[6],
			  uint8_t pmk_r1_name[FT_PMK_NAME_LEN])
{
	struct crypto_vec v[4] = {
		{ "FT-R1N", 6 },
		{ pmk_r0_name, FT_PMK_NAME_LEN },
		{ r1kh_id, FT_R1KH_ID_LEN },
		{ s1kh_id, 6 },
	};

	if (!pmk_r0_name || !r1kh_id || !s1kh_id || !pmk_r1_name)
		return -EINVAL;
	return name128(v, ARRAY_SIZE(v), pmk_r1_name);
}

int ft_derive_pmk_r1(uint32_t akm, const uint8_t pmk_r0[FT_PMK_LEN],
		     const uint8_t pmk_r0_name[FT_PMK_NAME_LEN],
		     const uint8_t r1kh_id[FT_R1KH_ID_LEN], const uint8_t s1kh_id[6],
		     uint8_t pmk_r1[FT_PMK_LEN], uint8_t *pmk_r1_name)
{
	uint8_t ctx[FT_R1KH_ID_LEN + 6];
	int ret;

	if (!pmk_r1)
		return -EINVAL;
	memset(pmk_r1, 0, FT_PMK_LEN);
	if (!ft_akm_supported(akm) || !pmk_r0 || !pmk_r0_name || !r1kh_id || !s1kh_id)
		return -EINVAL;
	memcpy(ctx, r1kh_id, FT_R1KH_ID_LEN);
	memcpy(ctx + FT_R1KH_ID_LEN, s1kh_id, 6);
	ret = crypto_kdf_sha256(pmk_r0, FT_PMK_LEN, "FT-R1", ctx, sizeof(ctx), pmk_r1,
				FT_PMK_LEN);
	if (!ret && pmk_r1_name)
		ret = ft_derive_pmk_r1_name(pmk_r0_name, r1kh_id, s1kh_id, pmk_r1_name);
	if (ret)
		secure_zero(pmk_r1, FT_PMK_LEN);
	return ret;
}

int ft_derive_ptk(uint32_t akm, const uint8_t pmk_r1[FT_PMK_LEN],
		  const uint8_t pmk_r1_name[FT_PMK_NAME_LEN],
		  const uint8_t snonce[32], const uint8_t anonce[32],
		  const uint8_t bssid[6], const uint8_t sta_addr[6],
		  uint8_t *ptk, size_t ptk_len, uint8_t *ptk_name)
{
	uint8_t ctx[32 + 32 + 6 + 6];
	int ret;

	if (!ptk || ptk_len < 32 || ptk_len > CRYPTO_KDF_SHA256_MAX)
		return -EINVAL;
	memset(ptk, 0, ptk_len);
	if (!ft_akm_supported(akm) || !pmk_r1 || !snonce || !anonce || !bssid ||
	    !sta_addr || (ptk_name && !pmk_r1_name))
		return -EINVAL;
	memcpy(ctx, snonce, 32);
	memcpy(ctx + 32, anonce, 32);
	memcpy(ctx + 64, bssid, 6);
	memcpy(ctx + 70, sta_addr, 6);
	ret = crypto_kdf_sha256(pmk_r1, FT_PMK_LEN, "FT-PTK", ctx, sizeof(ctx), ptk,
				ptk_len);
	if (!ret && ptk_name) {
		struct crypto_vec v[3] = {
			{ pmk_r1_name, FT_PMK_NAME_LEN },
			{ "FT-PTKN", 7 },
			{ ctx, sizeof(ctx) },
		};

		ret = name128(v, ARRAY_SIZE(v), ptk_name);
	}
	if (ret)
		secure_zero(ptk, ptk_len);
	return ret;
}
