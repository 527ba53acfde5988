/* SPDX-License-Identifier: MIT */
/* ft.h: the FT (802.11r) key hierarchy of IEEE 802.11-2020 12.7.1.7:
 * PMK-R0 and PMKR0Name (12.7.1.7.3), PMK-R1 and PMKR1Name (12.7.1.7.4),
 * the FT PTK and PTKName (12.7.1.7.5), for the AKMs whose FT keys come from
 * KDF-SHA256 (00-0f-ac:3 FT-802.1X, 4 FT-PSK, 9 FT-SAE; Table 9-151).
 * The SHA-384 FT AKM (00-0f-ac:13) is not done (cipher.h does not name it).
 *
 * XXKey (12.7.1.7.3) is the PSK for FT-PSK, the SAE PMK for FT-SAE and the
 * second 256 bits of the MSK for FT-802.1X (ft_xxkey_from_msk()).
 * All functions return 0 or -errno unless they are predicates; outputs are
 * zeroed on failure. */
#ifndef ROAMLAB_FT_H
#define ROAMLAB_FT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FT_MDID_LEN		2	/* MDID, 9.4.2.45 */
#define FT_R0KH_ID_MAX		48	/* 9.4.2.46: 1..48 octets */
#define FT_R1KH_ID_LEN		6
#define FT_PMK_NAME_LEN		16	/* PMKR0Name, PMKR1Name, PTKName */
#define FT_PMK_LEN		32	/* PMK-R0 and PMK-R1 with KDF-SHA256 (Q = 256) */
#define FT_XXKEY_MAX		64
#define FT_SSID_MAX		32

/* True for one AKM bit whose FT keys this file derives (FT-802.1X, FT-PSK,
 * FT-SAE). */
bool ft_akm_supported(uint32_t akm);
/* PMK-R0/PMK-R1 length for the AKM (32), 0 if not supported. */
size_t ft_akm_pmk_len(uint32_t akm);

/* 12.7.1.7.3 for FT-802.1X: XXKey = L(MSK, 256, 256). msk_len >= 64. */
int ft_xxkey_from_msk(const uint8_t *msk, size_t msk_len, uint8_t xxkey[FT_PMK_LEN]);

/* 12.7.1.7.3:
 * R0-Key-Data = KDF-256-384(XXKey, "FT-R0", SSIDlength || SSID || MDID ||
 *                R0KHlength || R0KH-ID || S0KH-ID)
 * PMK-R0 = L(R0-Key-Data, 0, 256), PMK-R0Name-Salt = L(R0-Key-Data, 256, 128)
 * PMKR0Name = Truncate-128(SHA-256("FT-R0N" || PMK-R0Name-Salt)).
 * ssid_len 1..32 (an SSID of 0 octets has no ESS to roam in), r0kh_id_len
 * 1..48, xxkey_len 1..64; -EINVAL otherwise. */
int ft_derive_pmk_r0(uint32_t akm, const uint8_t *xxkey, size_t xxkey_len,
		     const uint8_t *ssid, size_t ssid_len,
		     const uint8_t mdid[FT_MDID_LEN], const uint8_t *r0kh_id,
		     size_t r0kh_id_len, const uint8_t s0kh_id[6],
		     uint8_t pmk_r0[FT_PMK_LEN],
		     uint8_t pmk_r0_name[FT_PMK_NAME_LEN]);

/* 12.7.1.7.4: PMKR1Name = Truncate-128(SHA-256("FT-R1N" || PMKR0Name ||
 * R1KH-ID || S1KH-ID)). Needs no key: an AP checks the name a station gives
 * before it has (or asks for) the PMK-R1. */
int ft_derive_pmk_r1_name(const uint8_t pmk_r0_name[FT_PMK_NAME_LEN],
			  const uint8_t r1kh_id[FT_R1KH_ID_LEN],
			  const uint8_t s1kh_id[6],
			  uint8_t pmk_r1_name[FT_PMK_NAME_LEN]);
/* 12.7.1.7.4: PMK-R1 = KDF-256(PMK-R0, "FT-R1", R1KH-ID || S1KH-ID), and
 * its name as above (pmk_r1_name may be NULL). */
int ft_derive_pmk_r1(uint32_t akm, const uint8_t pmk_r0[FT_PMK_LEN],
		     const uint8_t pmk_r0_name[FT_PMK_NAME_LEN],
		     const uint8_t r1kh_id[FT_R1KH_ID_LEN], const uint8_t s1kh_id[6],
		     uint8_t pmk_r1[FT_PMK_LEN], uint8_t *pmk_r1_name);

/* 12.7.1.7.5: PTK = KDF-256-PTKlen(PMK-R1, "FT-PTK", SNonce || ANonce ||
 * BSSID || STA-ADDR); PTKName = Truncate-128(SHA-256(PMKR1Name || "FT-PTKN"
 * || SNonce || ANonce || BSSID || STA-ADDR)). ptk_len is KCK + KEK + TK
 * (48 for CCMP-128); 32..128. ptk_name may be NULL. */
int ft_derive_ptk(uint32_t akm, const uint8_t pmk_r1[FT_PMK_LEN],
		  const uint8_t pmk_r1_name[FT_PMK_NAME_LEN],
		  const uint8_t snonce[32], const uint8_t anonce[32],
		  const uint8_t bssid[6], const uint8_t sta_addr[6],
		  uint8_t *ptk, size_t ptk_len, uint8_t *ptk_name);

#endif
