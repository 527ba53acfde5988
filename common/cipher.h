/* SPDX-License-Identifier: MIT */
/* cipher.h: the one namespace for ciphers, AKMs and WPA protocols, shared by
 * the element code, the handshake, the driver interface, the configuration
 * parsers, the AP and the station.
 *
 * Ciphers and AKMs are bitmasks (WPA_CIPHER_*, WPA_AKM_*), so the same type
 * holds one value or a set. WPA_CIPHER_NONE is 0: the empty set, "no
 * cipher". Every conversion (suite selector <-> bit, bit -> nl80211 suite,
 * key lengths, names) is in cipher.c; nothing else maps ciphers.
 *
 * Suite selector types (IEEE 802.11-2020 Table 9-149 ciphers, Table 9-151
 * AKMs) are in the comments. The 00-50-f2 (WPA1) OUI knows only the cipher
 * types 0..5 and the AKMs 1 and 2. */
#ifndef ROAMLAB_CIPHER_H
#define ROAMLAB_CIPHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WPA_CIPHER_NONE		0u		/* not a suite: "no cipher" */
#define WPA_CIPHER_USE_GROUP	(1u << 1)	/* 0: use group cipher */
#define WPA_CIPHER_WEP40	(1u << 2)	/* 1 */
#define WPA_CIPHER_TKIP		(1u << 3)	/* 2 */
#define WPA_CIPHER_CCMP		(1u << 4)	/* 4: CCMP-128 */
#define WPA_CIPHER_WEP104	(1u << 5)	/* 5 */
#define WPA_CIPHER_BIP_CMAC	(1u << 6)	/* 6: BIP-CMAC-128 (PMF) */
#define WPA_CIPHER_GCMP		(1u << 7)	/* 8: GCMP-128 */
#define WPA_CIPHER_GCMP_256	(1u << 8)	/* 9 */
#define WPA_CIPHER_CCMP_256	(1u << 9)	/* 10 */
#define WPA_CIPHER_BIP_GMAC	(1u << 10)	/* 11: BIP-GMAC-128 */
#define WPA_CIPHER_BIP_GMAC_256	(1u << 11)	/* 12 */
#define WPA_CIPHER_BIP_CMAC_256	(1u << 12)	/* 13 */
#define WPA_CIPHER_OTHER	(1u << 31)	/* any suite we do not know */

/* The pairwise/group ciphers this code can run a handshake with. */
#define WPA_CIPHER_SUPPORTED	(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP)

/* Group management ciphers (802.11w, 9.4.2.24.2). BIP-CMAC-128 is the
 * default when the RSNE has no Group Management Cipher Suite field
 * (9.4.2.24.1) and the only one this code computes (bip.h). */
#define WPA_CIPHER_GROUP_MGMT	(WPA_CIPHER_BIP_CMAC | WPA_CIPHER_BIP_GMAC | \
				 WPA_CIPHER_BIP_GMAC_256 | WPA_CIPHER_BIP_CMAC_256)
#define WPA_CIPHER_GROUP_MGMT_DEFAULT	WPA_CIPHER_BIP_CMAC

/* AKM bits: suite type N is bit N-1. */
#define WPA_AKM_8021X		(1u << 0)	/* 1 */
#define WPA_AKM_PSK		(1u << 1)	/* 2 */
#define WPA_AKM_FT_8021X	(1u << 2)	/* 3 */
#define WPA_AKM_FT_PSK		(1u << 3)	/* 4 */
#define WPA_AKM_8021X_SHA256	(1u << 4)	/* 5 */
#define WPA_AKM_PSK_SHA256	(1u << 5)	/* 6 */
#define WPA_AKM_TDLS		(1u << 6)	/* 7 */
#define WPA_AKM_SAE		(1u << 7)	/* 8 */
#define WPA_AKM_FT_SAE		(1u << 8)	/* 9 */
#define WPA_AKM_NONE		(1u << 30)	/* not a suite: open network
						 * (wpa_supplicant key_mgmt=NONE) */
#define WPA_AKM_OTHER		(1u << 31)

/* The suite numbers nl80211 takes (NL80211_ATTR_CIPHER_SUITE_GROUP,
 * NL80211_KEY_CIPHER, NL80211_ATTR_AKM_SUITES): the selector as a
 * big-endian u32, the values linux/ieee80211.h names WLAN_CIPHER_SUITE_*
 * and WLAN_AKM_SUITE_*. wpa_cipher_to_suite32() and wpa_akm_to_suite32()
 * compute them; these are the ones PMF needs, named for callers and tests. */
#define WPA_SUITE32_AES_CMAC	0x000fac06u	/* WLAN_CIPHER_SUITE_AES_CMAC */
#define WPA_SUITE32_AKM_PSK_SHA256 0x000fac06u	/* WLAN_AKM_SUITE_PSK_SHA256 */
#define WPA_SUITE32_AKM_SAE	0x000fac08u	/* WLAN_AKM_SUITE_SAE */

/* Protocol bits: hostapd's wpa= bits, wpa_supplicant's proto=, and
 * nl80211's NL80211_WPA_VERSION_1/2 all have these values. */
#define WPA_PROTO_WPA		(1u << 0)	/* WPA1: vendor element */
#define WPA_PROTO_RSN		(1u << 1)	/* RSN element (WPA2) */

/* One protocol (of one element or one handshake). */
enum ie_proto {
	IE_PROTO_NONE,
	IE_PROTO_WPA,		/* WPA1: vendor element, EAPOL descriptor 254 */
	IE_PROTO_RSN,		/* WPA2: element 48, EAPOL descriptor 2 */
};
const char *ie_proto_name(enum ie_proto p);	/* "NONE", "WPA", "RSN" */
/* IE_PROTO_WPA -> WPA_PROTO_WPA, IE_PROTO_RSN -> WPA_PROTO_RSN, NONE -> 0. */
uint32_t wpa_proto_bit(enum ie_proto p);

/* The OUIs of the suite selectors. */
extern const uint8_t rsn_oui[3];	/* 00-0f-ac */
extern const uint8_t wpa_oui[3];	/* 00-50-f2 */

/* A 4-octet suite selector of proto's OUI to one cipher bit;
 * WPA_CIPHER_OTHER for another OUI or an unknown type. */
uint32_t wpa_cipher_from_suite(const uint8_t suite[4], enum ie_proto proto);
/* The selector type (last octet) of one cipher bit, -1 if it has none. */
int wpa_cipher_suite_type(uint32_t cipher);
/* 00-0f-ac:N as a big-endian u32 (what nl80211 takes as a cipher suite);
 * 0 for a set with != 1 bit or for NONE/USE_GROUP/OTHER. */
uint32_t wpa_cipher_to_suite32(uint32_t cipher);
/* An nl80211 cipher suite to one cipher bit; WPA_CIPHER_OTHER if unknown. */
uint32_t wpa_cipher_from_suite32(uint32_t suite);
const char *wpa_cipher_name(uint32_t cipher);	/* "CCMP", "TKIP", ... "?" */
/* Space separated names of a set ("CCMP TKIP") into buf; returns buf. */
char *wpa_cipher_set_str(uint32_t ciphers, char *buf, size_t len);
/* Temporal key length: CCMP 16, TKIP 32, WEP40 5, WEP104 13, GCMP 16,
 * BIP-CMAC 16, the 256-bit ones 32; 0 for NONE, a set or an unknown. */
size_t wpa_cipher_key_len(uint32_t cipher);
/* PTK length (KCK+KEK+TK): CCMP 48, TKIP 64, else 0. */
size_t wpa_cipher_ptk_len(uint32_t pairwise_cipher);
/* Length of the RSC/PN sequence counter: 6 for TKIP/CCMP, else 0. */
size_t wpa_cipher_rsc_len(uint32_t cipher);
/* The strongest cipher of a set that we can run (CCMP before TKIP), or
 * WPA_CIPHER_NONE. */
uint32_t wpa_cipher_pick(uint32_t ciphers);
/* The ciphers of a set that we can run (WPA_CIPHER_SUPPORTED). */
uint32_t wpa_cipher_supported(uint32_t ciphers);
/* True if v has exactly one bit set. */
bool wpa_single_bit(uint32_t v);
/* True if cipher is one group management cipher (BIP-*). */
bool wpa_cipher_is_group_mgmt(uint32_t cipher);

/* AKM suite selector of proto's OUI to one AKM bit, or WPA_AKM_OTHER. */
uint32_t wpa_akm_from_suite(const uint8_t suite[4], enum ie_proto proto);
/* The selector type of one AKM bit (1..9), -1 for NONE/OTHER/a set. */
int wpa_akm_suite_type(uint32_t akm);
/* 00-0f-ac:N of one AKM bit as nl80211 wants it; 0 if none. */
uint32_t wpa_akm_to_suite32(uint32_t akm);
const char *wpa_akm_name(uint32_t akm);		/* "PSK", "802.1X", ... "?" */
/* The hostapd wpa_key_mgmt= / wpa_supplicant key_mgmt= spelling of one AKM
 * ("WPA-PSK", "WPA-PSK-SHA256", "SAE", "NONE", ...); "?" if it has none
 * (TDLS, OTHER, a set). */
const char *wpa_akm_conf_name(uint32_t akm);
/* The inverse, case-sensitive as hostapd is; WPA_AKM_OTHER if unknown. */
uint32_t wpa_akm_from_conf_name(const char *name);
/* True for one AKM whose keys come from the SHA-256 KDF (12.7.1.6.2) rather
 * than the SHA-1 PRF (12.7.1.2): 00-0f-ac:3..6, 8 and 9 (Table 9-151). */
bool wpa_akm_uses_sha256(uint32_t akm);
/* The EAPOL-Key Key Descriptor Version for one AKM and pairwise cipher
 * (12.7.2, key_info bits 0-2): AKM 1/2 with TKIP 1 (HMAC-MD5, RC4), AKM
 * 1/2 otherwise 2 (HMAC-SHA1-128, AES key wrap); AKMs 3..6 3 (AES-128-CMAC,
 * AES key wrap); SAE and FT-SAE 0 ("AKM-defined": AES-128-CMAC and AES key
 * wrap for these two). -1 for an AKM we cannot say (TDLS, NONE, OTHER, a
 * set, or a pairwise cipher that is not one bit). */
int wpa_akm_key_desc_ver(uint32_t akm, uint32_t pairwise_cipher);

#endif
