/* SPDX-License-Identifier: MIT */
/* ie.h: 802.11 information elements. A bounds-checked element iterator with a
 * per-ID minimum/maximum length table, and build/parse of the RSN element
 * (IEEE 802.11-2020 9.4.2.24) and the WPA vendor element (dd, 00:50:f2 type 1,
 * the pre-802.11i WPA1 layout, which is the RSN layout with a 4-byte vendor
 * header and 00:50:f2 suite selectors).
 *
 * Ciphers, AKMs and their suite selectors are in cipher.h. All functions return 0 or -errno unless they are
 * predicates or lookups. */
#ifndef ROAMLAB_IE_H
#define ROAMLAB_IE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cipher.h"

/* Element IDs used here (9.4.2.1, Table 9-92). */
#define IE_SSID			0
#define IE_SUPP_RATES		1
#define IE_DS_PARAMS		3
#define IE_TIM			5
#define IE_COUNTRY		7
#define IE_MEAS_REQUEST		38	/* Measurement Request, 9.4.2.20 */
#define IE_MEAS_REPORT		39	/* Measurement Report, 9.4.2.21 */
#define IE_ERP			42
#define IE_HT_CAP		45
#define IE_RSN			48
#define IE_EXT_SUPP_RATES	50
#define IE_NEIGHBOR_REPORT	52	/* 9.4.2.36 */
#define IE_MDE			54	/* Mobility Domain, 9.4.2.45 */
#define IE_FTE			55	/* Fast BSS Transition, 9.4.2.46 */
#define IE_TIMEOUT_INTERVAL	56	/* 9.4.2.49 */
#define IE_HT_OPER		61
#define IE_MME			76	/* Management MIC element, 9.4.2.54 */
#define IE_EXT_CAP		127
#define IE_VENDOR		221
#define IE_RSNX			244	/* RSN Extension element, 9.4.2.241 */

#define IE_HDR_LEN		2
#define IE_MAX_LEN		(IE_HDR_LEN + 255)

/* RSN capabilities bits we name (9.4.2.24.4). */
#define RSN_CAP_PREAUTH		0x0001
#define RSN_CAP_NO_PAIRWISE	0x0002
#define RSN_CAP_MFPR		0x0040	/* bit 6: management frame protection required */
#define RSN_CAP_MFPC		0x0080	/* bit 7: management frame protection capable */

/* RSNXE Extended RSN Capabilities (9.4.2.241, first octet: bits 0-3 the
 * field length minus 1, bit 5 SAE hash-to-element). */
#define RSNX_CAP_SAE_H2E	0x20
#define IE_RSNX_H2E_LEN		3	/* 244, 1, 0x20 */
/* Is the SAE H2E bit set in the RSNXE among ies? */
bool ie_rsnx_sae_h2e(const uint8_t *ies, size_t len);

/* --- iterator ----------------------------------------------------------- */

/* Iterates a sequence of elements. ie_iter_next() returns true with
 * it->id/len/data set for each element that fits in the buffer and whose
 * length is within the table for its ID; it returns false at the end, or on
 * the first malformed element, with it->error set (-EBADMSG: truncated
 * header or body; -EINVAL: length outside the table for that ID). */
struct ie_iter {
	const uint8_t *buf;
	size_t buf_len;
	size_t pos;
	uint8_t id;
	uint8_t len;
	const uint8_t *data;	/* element body (after the 2-byte header) */
	int error;
	const char *why;	/* static text describing the error */
	bool raw;		/* bounds only: no length table */
	bool key_data;		/* stop (no error) at key data padding */
};

void ie_iter_init(struct ie_iter *it, const uint8_t *buf, size_t len);
/* Bounds checks only (frames whose elements we pass on, not parse). */
void ie_iter_init_raw(struct ie_iter *it, const uint8_t *buf, size_t len);
/* An EAPOL-Key data field: elements and KDEs with bounds checks only,
 * ending at the end or at padding (0xdd then only zeros, 12.7.2), where
 * ie_iter_next() returns false with no error and it->pos at the padding. */
void ie_iter_init_key_data(struct ie_iter *it, const uint8_t *buf, size_t len);
bool ie_iter_next(struct ie_iter *it);
/* True if the length is within [min,max] for this ID (unknown IDs: 0..255). */
bool ie_len_valid(uint8_t id, uint8_t len);
/* Validate a whole element sequence; 0 or the iterator's error. */
int ie_validate(const uint8_t *buf, size_t len, const char **why);
/* True if buf[0..len) is exactly one element with this ID: the header fits
 * and the length octet accounts for the rest of the buffer. */
bool ie_is_one(const uint8_t *buf, size_t len, uint8_t id);
/* The elements after the first `fixed` octets of a frame body (len >= fixed):
 * *elems and *elems_len point at them; 0 if they validate, else -EBADMSG with
 * *why (if why) from the iterator. */
int ie_body_elems(const uint8_t *body, size_t len, size_t fixed, const uint8_t **elems,
		  size_t *elems_len, const char **why);

/* First element with this ID (pointer to its header), or NULL. Stops at the
 * first malformed element. *elen gets the element's total length (2 + len). */
const uint8_t *ie_find(const uint8_t *buf, size_t len, uint8_t id, size_t *elen);
/* First vendor element with this OUI and type, or NULL. */
const uint8_t *ie_find_vendor(const uint8_t *buf, size_t len, const uint8_t oui[3],
			      uint8_t type, size_t *elen);
/* The WPA vendor element (dd .. 00:50:f2:01), or NULL. */
const uint8_t *ie_find_wpa(const uint8_t *buf, size_t len, size_t *elen);

/* --- RSN / WPA elements ------------------------------------------------- */

#define WPA_IE_MAX_PMKID 4

struct wpa_ie_info {
	enum ie_proto proto;
	uint16_t version;		/* 1 for both */
	uint32_t group_cipher;		/* exactly one WPA_CIPHER_* bit */
	uint32_t pairwise_ciphers;	/* bitmask of WPA_CIPHER_* */
	uint32_t akms;			/* bitmask of WPA_AKM_* */
	uint16_t rsn_caps;		/* RSN only; 0 when absent */
	bool has_caps;			/* the capabilities field was present */
	size_t pmkid_count;		/* RSN only */
	uint8_t pmkid[WPA_IE_MAX_PMKID][16];	/* first WPA_IE_MAX_PMKID kept */
	/* Group Management Cipher Suite (RSN only, 9.4.2.24.1). Parse:
	 * has_group_mgmt tells whether the field was present; the cipher is
	 * the field's value, or BIP-CMAC-128 (the default) when the field is
	 * absent and the capabilities have MFPC, else WPA_CIPHER_NONE. Build:
	 * the field (preceded by a PMKID count, 0 if there are no PMKIDs) is
	 * written when has_group_mgmt is set. */
	uint32_t group_mgmt_cipher;
	bool has_group_mgmt;
	/* Counts as written in the element (for diagnostics). */
	uint16_t pairwise_count;
	uint16_t akm_count;
};

/* Parse a whole element (header included): RSN (48) or WPA vendor (dd).
 * Missing optional trailing fields take the defaults of 9.4.2.24.1 (group
 * and pairwise CCMP for RSN, TKIP for WPA; AKM 802.1X). Returns -EINVAL for
 * a malformed element (with *why set when why != NULL), -EPROTONOSUPPORT
 * for a version other than 1, -ENOENT if it is neither RSN nor WPA. */
int ie_parse_rsn(const uint8_t *ie, size_t len, struct wpa_ie_info *info,
		 const char **why);
int ie_parse_wpa(const uint8_t *ie, size_t len, struct wpa_ie_info *info,
		 const char **why);
/* Dispatch on the first byte. */
int ie_parse_wpa_any(const uint8_t *ie, size_t len, struct wpa_ie_info *info,
		     const char **why);

/* Build an element from info (proto chooses RSN or WPA). Suites are written
 * in a fixed order: CCMP before TKIP among pairwise ciphers (the order
 * hostapd uses, which gives wpa_ie.tkip_ccmp from the vectors); AKMs in
 * selector order 802.1X, PSK, FT-802.1X, FT-PSK, PSK-SHA256, SAE, FT-SAE (RSN
 * only for all but the first two);
 * the RSN capabilities field is always written for RSN, never for WPA; the
 * PMKID list when pmkid_count > 0 or has_group_mgmt; the Group Management
 * Cipher Suite when has_group_mgmt (it must then be one BIP cipher).
 * Returns -ENOSPC if cap is too small, -EINVAL for an empty pairwise/akm
 * set, a group cipher with != 1 bit, more than WPA_IE_MAX_PMKID PMKIDs or a
 * bad group management cipher. *out_len gets the element's total length. */
int ie_build(const struct wpa_ie_info *info, uint8_t *out, size_t cap,
	     size_t *out_len);

/* --- management frame protection (802.11w) policy ---------------------- */

/* The ieee80211w= values of hostapd.conf and wpa_supplicant.conf. */
enum ie_pmf {
	IE_PMF_DISABLED = 0,
	IE_PMF_OPTIONAL = 1,
	IE_PMF_REQUIRED = 2,
};
const char *ie_pmf_name(enum ie_pmf pmf);	/* "disabled", "optional", "required" */
/* The MFPC/MFPR bits (9.4.2.24.4) an AP or STA with this setting puts in
 * its own RSNE: disabled 0, optional MFPC, required MFPC | MFPR. */
uint16_t ie_pmf_rsn_caps(enum ie_pmf pmf);
/* False for MFPR set without MFPC, which 9.4.2.24.4 does not allow. */
bool ie_pmf_caps_valid(uint16_t rsn_caps);

/* The AP's decision on a STA's RSNE from (Re)AssocReq (12.6.3, Table 12-6
 * "Robust management frame selection in an infrastructure BSS"), with the
 * AP's setting and its group management cipher. 0: accepted, *use_pmf
 * says whether management frame protection is on for this STA. -EINVAL:
 * rejected, *status is the status code for the (Re)Association Response:
 *   45 INVALID_RSNE_CAPABILITIES   STA sets MFPR without MFPC;
 *   31 ROBUST_MGMT_FRAME_POLICY_VIOLATION  the AP requires PMF and the STA
 *      has no MFPC; the STA requires PMF and the AP has it disabled; PMF
 *      would run with a TKIP pairwise cipher;
 *   46 CIPHER_REJECTED_PER_POLICY  PMF would run with a group management
 *      cipher other than the AP's.
 * why (if not NULL) gets a short static text. A WPA (non-RSN) element is
 * accepted without PMF unless the AP requires it (31). */
int ie_pmf_ap_check(enum ie_pmf ap, uint32_t ap_group_mgmt,
		    const struct wpa_ie_info *sta, bool *use_pmf,
		    uint16_t *status, const char **why);
/* The STA's decision on an AP's RSNE (beacon, probe response) with the
 * STA's setting: 0 with *use_pmf; -EINVAL if the AP's element sets MFPR
 * without MFPC; -EPERM if the STA requires PMF and the AP has no MFPC, or
 * the AP requires it and the STA has it disabled (12.6.3: the STA shall
 * not associate); -EOPNOTSUPP if PMF would run with a group management
 * cipher other than BIP-CMAC-128, the only one this code does. */
int ie_pmf_sta_check(enum ie_pmf sta, const struct wpa_ie_info *ap,
		     bool *use_pmf, const char **why);

/* --- comparing the (Re)AssocReq element with the one in msg 2/4 --------- */

enum ie_cmp_result {
	IE_CMP_EQUAL,		/* byte-identical */
	IE_CMP_EQUIVALENT,	/* bytes differ, but proto, group, pairwise and
				 * AKM are the same (e.g. a PMKID list only in
				 * one of them); accepted like hostapd does */
	IE_CMP_MISMATCH,	/* different security parameters: reject */
	IE_CMP_MALFORMED,	/* one of them does not parse */
};
const char *ie_cmp_result_name(enum ie_cmp_result r);

/* 12.7.6.3: the authenticator compares the RSNE/WPA IE in msg 2/4 with the
 * one from (Re)AssocReq. why (if not NULL) gets a short static text naming
 * the first differing field ("pairwise cipher differs"). */
enum ie_cmp_result ie_compare_assoc(const uint8_t *assoc_ie, size_t assoc_len,
				    const uint8_t *msg_ie, size_t msg_len,
				    const char **why);

/* Within a key data field (a sequence of elements and KDEs, possibly with
 * dd 00 padding at the end) find the RSN element or the WPA vendor element. */
const uint8_t *ie_find_wpa_any(const uint8_t *buf, size_t len, enum ie_proto proto,
			       size_t *elen);

#endif
