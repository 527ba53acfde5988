/* SPDX-License-Identifier: MIT */
/* mgmt.h: build and parse 802.11 management frames (IEEE 802.11-2020 9.3.3)
 * and the 802.2 XID "L2 update" data frame sent when a STA associates.
 *
 * Builders write into a struct wbuf and return 0 or -ENOSPC (the wbuf is
 * left in its overflow state). Parsers never read past the given length:
 * mgmt_parse() fills a struct of values and pointers into the frame. Multi-
 * byte fields in the struct are in host order.
 */
#ifndef ROAMLAB_MGMT_H
#define ROAMLAB_MGMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "util.h"

#define MGMT_HDR_LEN 24

/* Frame Control (9.2.4.1), as a host-order value of the le16 field. */
#define MGMT_FC_TYPE_MASK	0x000c
#define MGMT_FC_TYPE_SHIFT	2
#define MGMT_FC_STYPE_MASK	0x00f0
#define MGMT_FC_STYPE_SHIFT	4
#define MGMT_FC_TODS		0x0100
#define MGMT_FC_FROMDS		0x0200
#define MGMT_FC_RETRY		0x0800
#define MGMT_FC_PROTECTED	0x4000
#define MGMT_FTYPE_MGMT		0
#define MGMT_FTYPE_CTRL		1
#define MGMT_FTYPE_DATA		2

/* Management frame subtypes (Table 9-1). */
enum mgmt_subtype {
	MGMT_ASSOC_REQ = 0,
	MGMT_ASSOC_RESP = 1,
	MGMT_REASSOC_REQ = 2,
	MGMT_REASSOC_RESP = 3,
	MGMT_PROBE_REQ = 4,
	MGMT_PROBE_RESP = 5,
	MGMT_TIMING_ADV = 6,
	MGMT_RESERVED7 = 7,
	MGMT_BEACON = 8,
	MGMT_ATIM = 9,
	MGMT_DISASSOC = 10,
	MGMT_AUTH = 11,
	MGMT_DEAUTH = 12,
	MGMT_ACTION = 13,
	MGMT_ACTION_NOACK = 14,
	MGMT_RESERVED15 = 15,
};

/* Capability Information bits (9.4.1.4). */
#define MGMT_CAPAB_ESS			0x0001
#define MGMT_CAPAB_IBSS			0x0002
#define MGMT_CAPAB_PRIVACY		0x0010
#define MGMT_CAPAB_SHORT_PREAMBLE	0x0020
#define MGMT_CAPAB_SPECTRUM_MGMT	0x0100
#define MGMT_CAPAB_SHORT_SLOT_TIME	0x0400

/* Authentication algorithm numbers (9.4.1.1). */
#define MGMT_AUTH_ALG_OPEN	0
#define MGMT_AUTH_ALG_SHARED	1
#define MGMT_AUTH_ALG_SAE	3	/* 9.4.1.1; the same as SAE_AUTH_ALG (sae.h) */

/* Element IDs (Table 9-92) used here. */
#define MGMT_EID_SSID		0
#define MGMT_EID_SUPP_RATES	1
#define MGMT_EID_DS_PARAMS	3
#define MGMT_EID_TIM		5
#define MGMT_EID_COUNTRY	7
#define MGMT_EID_CHALLENGE	16
#define MGMT_EID_ERP		42
#define MGMT_EID_HT_CAP		45
#define MGMT_EID_RSN		48
#define MGMT_EID_EXT_SUPP_RATES	50
#define MGMT_EID_TIMEOUT_INTERVAL	56	/* 9.4.2.49 */
#define MGMT_EID_HT_OPER	61
#define MGMT_EID_MME		76	/* 9.4.2.54, see bip.h */
#define MGMT_EID_EXT_CAPAB	127
#define MGMT_EID_VENDOR		221

#define MGMT_SSID_MAX_LEN	32
#define MGMT_SUPP_RATES_MAX	8	/* rates in the Supported Rates element */
#define MGMT_RATE_BASIC		0x80	/* basic-rate flag in a rate octet */

/* Status codes (9.4.1.9, Table 9-50) used by roamlab. */
#define MGMT_STATUS_SUCCESS			0
#define MGMT_STATUS_UNSPECIFIED			1
#define MGMT_STATUS_CAPS_UNSUPPORTED		10
#define MGMT_STATUS_REASSOC_NO_ASSOC		11
#define MGMT_STATUS_ASSOC_DENIED_UNSPEC		12
#define MGMT_STATUS_NOT_SUPPORTED_AUTH_ALG	13
#define MGMT_STATUS_UNKNOWN_AUTH_TRANSACTION	14
#define MGMT_STATUS_CHALLENGE_FAIL		15
#define MGMT_STATUS_AUTH_TIMEOUT		16
#define MGMT_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA	17
#define MGMT_STATUS_ASSOC_DENIED_RATES		18
#define MGMT_STATUS_ASSOC_REJECTED_TEMPORARILY	30	/* + Timeout Interval, 11.3.5 */
#define MGMT_STATUS_ROBUST_MGMT_POLICY_VIOLATION 31	/* 12.6.3 */
#define MGMT_STATUS_INVALID_IE			40
#define MGMT_STATUS_GROUP_CIPHER_NOT_VALID	41
#define MGMT_STATUS_PAIRWISE_CIPHER_NOT_VALID	42
#define MGMT_STATUS_AKMP_NOT_VALID		43
#define MGMT_STATUS_UNSUPPORTED_RSN_IE_VERSION	44
#define MGMT_STATUS_INVALID_RSN_IE_CAPAB	45
#define MGMT_STATUS_CIPHER_REJECTED_PER_POLICY	46

/* Reason codes (9.4.1.7, Table 9-49). */
#define MGMT_REASON_UNSPECIFIED			1
#define MGMT_REASON_PREV_AUTH_NOT_VALID		2
#define MGMT_REASON_DEAUTH_LEAVING		3
#define MGMT_REASON_DISASSOC_INACTIVITY		4
#define MGMT_REASON_DISASSOC_AP_BUSY		5
#define MGMT_REASON_CLASS2_FRAME_FROM_NONAUTH	6
#define MGMT_REASON_CLASS3_FRAME_FROM_NONASSOC	7
#define MGMT_REASON_DISASSOC_STA_HAS_LEFT	8
#define MGMT_REASON_STA_REQ_ASSOC_WITHOUT_AUTH	9
#define MGMT_REASON_INVALID_IE			13
#define MGMT_REASON_MICHAEL_MIC_FAILURE		14
#define MGMT_REASON_4WAY_HANDSHAKE_TIMEOUT	15
#define MGMT_REASON_GROUP_KEY_UPDATE_TIMEOUT	16
#define MGMT_REASON_IE_IN_4WAY_DIFFERS		17
#define MGMT_REASON_GROUP_CIPHER_NOT_VALID	18
#define MGMT_REASON_PAIRWISE_CIPHER_NOT_VALID	19
#define MGMT_REASON_AKMP_NOT_VALID		20
#define MGMT_REASON_UNSUPPORTED_RSN_IE_VERSION	21
#define MGMT_REASON_INVALID_RSN_IE_CAPAB	22
#define MGMT_REASON_IEEE_802_1X_AUTH_FAILED	23
#define MGMT_REASON_CIPHER_SUITE_REJECTED	24

/* A parsed management frame. Only the fields of the frame's subtype are
 * set; the rest are zero. Pointers point into the parsed buffer. */
struct mgmt_frame {
	uint16_t fc;
	uint16_t duration;
	uint8_t da[ETH_ALEN];		/* addr1 */
	uint8_t sa[ETH_ALEN];		/* addr2 */
	uint8_t bssid[ETH_ALEN];	/* addr3 */
	uint16_t seq_ctrl;		/* seq << 4 | frag */
	enum mgmt_subtype subtype;
	bool is_protected;		/* FC Protected Frame bit */

	const uint8_t *body;		/* everything after the header */
	size_t body_len;

	/* auth */
	uint16_t auth_alg;
	uint16_t auth_transaction;
	/* auth, assoc/reassoc resp */
	uint16_t status;
	/* assoc/reassoc req+resp, beacon, probe resp */
	uint16_t capab;
	/* assoc/reassoc req */
	uint16_t listen_interval;
	uint8_t current_ap[ETH_ALEN];	/* reassoc req only */
	/* assoc/reassoc resp: AID with bits 14-15 cleared */
	uint16_t aid;
	/* deauth/disassoc */
	uint16_t reason;
	/* beacon, probe resp */
	uint64_t timestamp;
	uint16_t beacon_int;
	/* action */
	uint8_t category;

	/* Elements after the fixed fields (auth, assoc/reassoc, beacon,
	 * probe req/resp; deauth/disassoc may carry vendor elements). For
	 * action frames: the action body after the category octet. */
	const uint8_t *ies;
	size_t ies_len;
};

/* Parse a management frame. Returns 0, -EPROTOTYPE if it is not a
 * management frame, -EMSGSIZE if it is shorter than its subtype's fixed
 * fields. Elements are not validated here (mgmt_ies_valid() does). */
int mgmt_parse(const uint8_t *frame, size_t len, struct mgmt_frame *out);
/* The same for a frame the kernel hands up (nl80211 events, registered
 * frames): with PMF a robust frame arrives decrypted, its CCMP header and
 * MIC removed but the Protected bit still set, so the body is parsed
 * (is_protected still says it was protected). */
int mgmt_parse_rx(const uint8_t *frame, size_t len, struct mgmt_frame *out);
/* FC helpers on raw frames (len >= 2 checked). */
bool mgmt_is_mgmt(const uint8_t *frame, size_t len);
/* Subtype of a management frame, or -1 if not one / too short. */
int mgmt_get_subtype(const uint8_t *frame, size_t len);

/* Header for subtype st. seq_ctrl is written as-is (the kernel usually
 * assigns the sequence number on transmit). */
void mgmt_put_hdr(struct wbuf *w, enum mgmt_subtype st,
		  const uint8_t da[ETH_ALEN], const uint8_t sa[ETH_ALEN],
		  const uint8_t bssid[ETH_ALEN], uint16_t seq_ctrl);

/* Authentication (9.3.3.11): alg, transaction number, status, elements. */
int mgmt_build_auth(struct wbuf *w, const uint8_t da[ETH_ALEN],
		    const uint8_t sa[ETH_ALEN], const uint8_t bssid[ETH_ALEN],
		    uint16_t alg, uint16_t transaction, uint16_t status,
		    const uint8_t *ies, size_t ies_len);
/* (Re)association request (9.3.3.5/9.3.3.7): current_ap == NULL builds an
 * Association Request, otherwise a Reassociation Request with that AP. */
int mgmt_build_assoc_req(struct wbuf *w, const uint8_t da[ETH_ALEN],
			 const uint8_t sa[ETH_ALEN],
			 const uint8_t bssid[ETH_ALEN], uint16_t capab,
			 uint16_t listen_interval,
			 const uint8_t *current_ap, const uint8_t *ies,
			 size_t ies_len);
/* (Re)association response (9.3.3.6/9.3.3.8). aid is 1..2007; the two top
 * bits are set on the wire (9.4.1.8). */
int mgmt_build_assoc_resp(struct wbuf *w, bool reassoc,
			  const uint8_t da[ETH_ALEN],
			  const uint8_t sa[ETH_ALEN],
			  const uint8_t bssid[ETH_ALEN], uint16_t capab,
			  uint16_t status, uint16_t aid, const uint8_t *ies,
			  size_t ies_len);
/* Deauthentication (9.3.3.12) / Disassociation (9.3.3.4). */
int mgmt_build_deauth(struct wbuf *w, const uint8_t da[ETH_ALEN],
		      const uint8_t sa[ETH_ALEN],
		      const uint8_t bssid[ETH_ALEN], uint16_t reason);
int mgmt_build_disassoc(struct wbuf *w, const uint8_t da[ETH_ALEN],
			const uint8_t sa[ETH_ALEN],
			const uint8_t bssid[ETH_ALEN], uint16_t reason);
/* Beacon (9.3.3.2) or Probe Response (9.3.3.10): timestamp, beacon
 * interval (TU), capability, elements. */
int mgmt_build_beacon(struct wbuf *w, bool probe_resp,
		      const uint8_t da[ETH_ALEN], const uint8_t sa[ETH_ALEN],
		      const uint8_t bssid[ETH_ALEN], uint64_t timestamp,
		      uint16_t beacon_int, uint16_t capab, const uint8_t *ies,
		      size_t ies_len);
/* Probe Request (9.3.3.9): elements only (SSID, rates, ...). */
int mgmt_build_probe_req(struct wbuf *w, const uint8_t da[ETH_ALEN],
			 const uint8_t sa[ETH_ALEN],
			 const uint8_t bssid[ETH_ALEN], const uint8_t *ies,
			 size_t ies_len);

/* Element helpers. */
/* SSID element; len 0 is the wildcard SSID. -EINVAL if len > 32. */
int mgmt_put_ssid(struct wbuf *w, const uint8_t *ssid, size_t len);
/* Supported Rates with the first 8 rates (500 kb/s units, 0x80 = basic),
 * and Extended Supported Rates with the rest, if any. -EINVAL if n == 0
 * or n > 255 + 8. */
int mgmt_put_rates(struct wbuf *w, const uint8_t *rates, size_t n);
/* Only the Supported Rates part / only the Extended part (nothing is
 * written when n <= 8). Beacons put the latter in the tail. */
int mgmt_put_supp_rates(struct wbuf *w, const uint8_t *rates, size_t n);
int mgmt_put_ext_rates(struct wbuf *w, const uint8_t *rates, size_t n);
/* DSSS Parameter Set (current channel). */
int mgmt_put_ds_param(struct wbuf *w, uint8_t channel);
/* Any element; -EINVAL if len > 255. */
int mgmt_put_ie(struct wbuf *w, uint8_t id, const uint8_t *data, size_t len);

/* True if ies is a well-formed sequence of elements (each header and body
 * within bounds). */
bool mgmt_ies_valid(const uint8_t *ies, size_t len);
/* First element with this id: returns a pointer to its id octet (the body is
 * p[2..p[1]+1]), or NULL. Stops at the first malformed element. */
const uint8_t *mgmt_find_ie(const uint8_t *ies, size_t len, uint8_t id);
/* First vendor element with this OUI (3 bytes) and type, or NULL. */
const uint8_t *mgmt_find_vendor_ie(const uint8_t *ies, size_t len,
				   const uint8_t oui[3], uint8_t type);
/* SSID from elements: returns 0 and sets ssid and ssid_len, or -ENOENT or
 * -EINVAL. */
int mgmt_get_ssid(const uint8_t *ies, size_t len, const uint8_t **ssid,
		  size_t *ssid_len);
/* Channel from the DS Parameter Set, or -ENOENT/-EINVAL. */
int mgmt_get_ds_channel(const uint8_t *ies, size_t len);

/* --- PMF: SA Query (9.6.9, 11.13) and the Timeout Interval element ------ */

/* Action frame categories (9.4.1.11, Table 9-51) used here. */
#define MGMT_CATEGORY_SA_QUERY		8
/* SA Query Action field values (9.6.9.1, Table 9-400). */
#define MGMT_SA_QUERY_REQUEST		0
#define MGMT_SA_QUERY_RESPONSE		1
#define MGMT_SA_QUERY_TRANS_ID_LEN	2
/* category, action, transaction identifier (9.6.9.2, 9.6.9.3) */
#define MGMT_SA_QUERY_BODY_LEN		4

struct mgmt_sa_query {
	uint8_t action;		/* MGMT_SA_QUERY_REQUEST or _RESPONSE */
	uint8_t trans_id[MGMT_SA_QUERY_TRANS_ID_LEN];
};

/* An SA Query Request or Response Action frame (action is one of the two)
 * with a 2-octet transaction identifier. The frame goes out unprotected
 * here; once PMF is on the driver protects it (it is a robust Action
 * frame, 9.4.1.11). -EINVAL for another action value. */
int mgmt_build_sa_query(struct wbuf *w, const uint8_t da[ETH_ALEN],
			const uint8_t sa[ETH_ALEN],
			const uint8_t bssid[ETH_ALEN], uint8_t action,
			const uint8_t trans_id[MGMT_SA_QUERY_TRANS_ID_LEN]);
/* Parse an Action frame body starting at its Category octet (what
 * mgmt_parse() gives as body for an unprotected Action frame, or the
 * decrypted body of a protected one). -EMSGSIZE if shorter than 4 octets,
 * -EPROTO if the category is not SA Query, -EINVAL for an unknown action.
 * Octets after the transaction identifier (later elements) are ignored. */
int mgmt_parse_sa_query(const uint8_t *body, size_t len,
			struct mgmt_sa_query *out);

/* Timeout Interval types (9.4.2.49, Table 9-205). */
#define MGMT_TIE_REASSOC_DEADLINE	1	/* TUs */
#define MGMT_TIE_KEY_LIFETIME		2	/* seconds */
#define MGMT_TIE_ASSOC_COMEBACK		3	/* TUs: with status 30, 11.3.5.x */
#define MGMT_TIE_LEN			5	/* type (1), value (4, little endian) */

/* Append a Timeout Interval element. -EINVAL for a type not 1..3. */
int mgmt_put_timeout_interval(struct wbuf *w, uint8_t type, uint32_t value);
/* The first Timeout Interval element among ies. -ENOENT if there is none
 * (or a malformed element comes first), -EINVAL if its length is not the
 * 5 octets of the element length table (ie.c), -EPROTONOSUPPORT for a type
 * not 1..3 (*type is still set). */
int mgmt_get_timeout_interval(const uint8_t *ies, size_t len, uint8_t *type,
			      uint32_t *value);

/* Names. Unknown values give "unknown". */
const char *mgmt_subtype_str(enum mgmt_subtype st);
const char *mgmt_status_str(uint16_t status);
const char *mgmt_reason_str(uint16_t reason);

/* 2.4 GHz / 5 GHz channel <-> frequency (MHz); 0 / -EINVAL when unknown. */
int mgmt_chan_to_freq(int chan);
int mgmt_freq_to_chan(int freq);

/* The Layer 2 Update frame (IEEE 802.11F-style, 802.2 XID, as sent by APs
 * after (re)association so that bridges learn the STA's new port): an
 * Ethernet frame from sta to broadcast, length 6, DSAP 0x00, SSAP 0x01,
 * control XID (0xaf), XID information 0x81 0x01 0x00. 20 bytes. */
#define MGMT_L2_UPDATE_LEN 20
int mgmt_build_l2_update(struct wbuf *w, const uint8_t sta[ETH_ALEN]);
/* True if buf is such a frame; *sta gets the source. */
bool mgmt_parse_l2_update(const uint8_t *buf, size_t len,
			  uint8_t sta[ETH_ALEN]);

#endif
