/* SPDX-License-Identifier: MIT */
/* ft_sm.h: the FT protocol over the air (IEEE 802.11-2020 13.5, 13.8),
 * both roles, transport-free:
 *
 *   station                                    target AP
 *   FT auth request: RSNE(PMKR0Name) MDE  -->  checks MDE, asks for the
 *     FTE(SNonce, R0KH-ID)                     PMK-R1 (get_pmk_r1), PTK
 *   PTK  <--  FT auth response: RSNE(PMKR0Name) MDE FTE(ANonce, SNonce,
 *             R1KH-ID, R0KH-ID) [TIE reassociation deadline]
 *   reassoc request: RSNE(PMKR1Name) MDE  -->  checks nonces, KH-IDs,
 *     FTE(MIC seq 5, ANonce, SNonce, ...)      PMKR1Name, MIC
 *   checks MIC  <--  reassoc response: RSNE(PMKR1Name) MDE FTE(MIC seq 6,
 *                    ..., GTK, IGTK) [TIE key lifetime]
 *   keys installed once the driver marks the association (ft_sta_associated,
 *   ft_ap_assoc_acked), never before (13.5.1: the TK is not used before
 *   the reassociation is done).
 *
 * Each role is one machine (enum ft_sta_state, enum ft_ap_state) with one
 * *_enter_state() that logs "old -> new" and emits one FT_EV_STATE. The
 * caller carries the elements in Authentication frames (algorithm 2,
 * FT_AUTH_ALG) and (Re)Association frames, and feeds what it receives back.
 * Return conventions: actions 0 or -errno; predicates bool; constructors
 * NULL on failure. Keys never reach the log. */
#ifndef ROAMLAB_FT_SM_H
#define ROAMLAB_FT_SM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft.h"

#define FT_AUTH_ALG		2	/* Authentication Algorithm Number: FT */
#define FT_IES_MAX		512	/* longest element run we build */

/* Status codes FT uses (9.4.1.9, Table 9-50). */
#define FT_STATUS_SUCCESS		0
#define FT_STATUS_UNSPECIFIED		1
#define FT_STATUS_R0KH_UNREACHABLE	28
#define FT_STATUS_INVALID_IE		40
#define FT_STATUS_INVALID_PAIRWISE	42
#define FT_STATUS_INVALID_AKMP		43
#define FT_STATUS_INVALID_PMKID		53
#define FT_STATUS_INVALID_MDE		54
#define FT_STATUS_INVALID_FTE		55
#define FT_STATUS_INVALID_RSNE		72

enum ft_role {
	FT_ROLE_STA,
	FT_ROLE_AP,
};

enum ft_msg {
	FT_MSG_NONE,
	FT_MSG_AUTH_REQ,	/* Authentication seq 1 */
	FT_MSG_AUTH_RESP,	/* Authentication seq 2 */
	FT_MSG_REASSOC_REQ,
	FT_MSG_REASSOC_RESP,
};
const char *ft_msg_name(enum ft_msg m);

enum ft_sta_state {
	FT_STA_IDLE,
	FT_STA_AUTH_SENT,	/* FT auth request out */
	FT_STA_AUTHENTICATED,	/* auth response taken, PTK derived */
	FT_STA_REASSOC_SENT,	/* reassociation request out */
	FT_STA_KEYS_PENDING,	/* reassociation response verified */
	FT_STA_DONE,		/* associated, keys installed */
	FT_STA_FAILED,
};
const char *ft_sta_state_name(enum ft_sta_state s);

enum ft_ap_state {
	FT_AP_IDLE,
	FT_AP_AUTHENTICATED,	/* auth response (success) out, PTK derived */
	FT_AP_KEYS_PENDING,	/* reassociation response (success) out */
	FT_AP_DONE,		/* response acknowledged, keys installed */
	FT_AP_FAILED,
};
const char *ft_ap_state_name(enum ft_ap_state s);

enum ft_reason {
	FT_R_NONE,
	FT_R_MALFORMED,		/* elements do not parse */
	FT_R_BAD_RSNE,		/* missing, no/other AKM or cipher, no PMKID */
	FT_R_BAD_MDE,		/* missing, or another MDID */
	FT_R_BAD_FTE,		/* missing, or subelements missing */
	FT_R_UNKNOWN_R0KH,	/* the R0KH-ID names no key holder we reach */
	FT_R_NO_PMK_R1,		/* the R0KH has no key under that PMKR0Name */
	FT_R_PMKR0NAME_MISMATCH,/* auth response names another PMKR0Name */
	FT_R_PMKR1NAME_MISMATCH,/* reassoc request's PMKID is not our PMKR1Name */
	FT_R_R0KH_MISMATCH,	/* R0KH-ID differs from the one in use */
	FT_R_R1KH_MISMATCH,	/* R1KH-ID differs from the target's */
	FT_R_SNONCE_MISMATCH,
	FT_R_ANONCE_MISMATCH,
	FT_R_MIC_FAILURE,
	FT_R_PEER_STATUS,	/* the peer answered with a failure status */
	FT_R_UNEXPECTED,	/* a message this state does not take */
	FT_R_INTERNAL,
};
const char *ft_reason_name(enum ft_reason r);
/* The status an AP answers with for a reason. */
uint16_t ft_reason_status(enum ft_reason r);

enum ft_event_type {
	FT_EV_STATE,		/* old -> new, from the one *_enter_state() */
	FT_EV_TX,		/* elements went to ops->tx (msg, status) */
	FT_EV_RX,		/* a message was taken in (msg, status) */
	FT_EV_FAILED,		/* reason (+ diagnosis for a PMKR1Name mismatch) */
	FT_EV_KEY_INSTALLED,	/* key */
};
const char *ft_event_type_name(enum ft_event_type t);

enum ft_key_kind {
	FT_KEY_PTK,
	FT_KEY_GTK,
	FT_KEY_IGTK,
};

/* A key for the driver: the TK of the PTK (cipher's length), a GTK with
 * its RSC, an IGTK with its IPN (seq little endian). */
struct ft_key {
	enum ft_key_kind kind;
	const uint8_t *addr;		/* peer for the PTK; NULL for group keys */
	uint32_t cipher;		/* one WPA_CIPHER_* bit */
	uint16_t key_idx;		/* 0 PTK, 1..3 GTK, 4/5 IGTK */
	const uint8_t *key;
	size_t key_len;
	const uint8_t *seq;
	size_t seq_len;
};

struct ft_event {
	enum ft_event_type type;
	enum ft_role role;
	const uint8_t *peer;
	const char *old_state, *new_state;	/* FT_EV_STATE */
	enum ft_msg msg;
	uint16_t status;
	enum ft_reason reason;
	const char *diagnosis;		/* FT_EV_FAILED: which input differs */
	const struct ft_key *key;	/* FT_EV_KEY_INSTALLED */
	const char *text;		/* the logged line */
};

/* What the target AP asks its key holders for (13.4: the R1KH gets the
 * PMK-R1 from the R0KH named by R0KH-ID, or has it already). */
struct ft_r1_query {
	const uint8_t *sta;			/* S1KH-ID = S0KH-ID */
	const uint8_t *r0kh_id;
	size_t r0kh_id_len;
	const uint8_t *pmk_r0_name;
	const uint8_t *pmk_r1_name;		/* computed by the AP */
	const uint8_t *r1kh_id;
	uint32_t akm;
};

/* The AP's group keys as they are now (for the GTK and IGTK subelements). */
struct ft_group_keys {
	uint8_t gtk[32];
	size_t gtk_len;			/* 0: no GTK subelement */
	uint8_t gtk_idx;		/* 1..3 */
	uint8_t gtk_rsc[8];
	uint8_t igtk[32];
	size_t igtk_len;		/* 0: no IGTK subelement */
	uint16_t igtk_id;		/* 4/5 */
	uint64_t igtk_ipn;
};

/* Callbacks may run from any ft_* call below; they must not free the
 * machine that called them. */
struct ft_ops {
	/* The elements of the next frame to the peer (STA: auth request with
	 * algorithm FT_AUTH_ALG seq 1, reassociation request; AP: auth
	 * response seq 2, reassociation response) with its status (AP). */
	int (*tx)(void *ctx, const uint8_t *peer, enum ft_msg msg, uint16_t status,
		  const uint8_t *ies, size_t len);
	int (*install_key)(void *ctx, const struct ft_key *key);
	void (*event)(void *ctx, const struct ft_event *ev);	/* may be NULL */
	int (*random)(void *ctx, uint8_t *buf, size_t len);	/* NULL: crypto_random */
	/* AP: 0 and pmk_r1 (FT_PMK_LEN), -ENOENT if the R0KH is unknown or
	 * unreachable (status 28), -ESRCH if it has no such key (53). */
	int (*get_pmk_r1)(void *ctx, const struct ft_r1_query *q, uint8_t *pmk_r1);
	/* AP: the group keys for the reassociation response; NULL or an
	 * error: none are sent. */
	int (*get_group_keys)(void *ctx, struct ft_group_keys *gk);
};

/* --- the station ---------------------------------------------------------- */

struct ft_sta_config {
	uint8_t own_addr[6];		/* S0KH-ID, S1KH-ID */
	uint32_t akm;			/* WPA_AKM_FT_PSK, _FT_SAE, _FT_8021X */
	uint32_t pairwise;		/* WPA_CIPHER_CCMP */
	uint32_t group;			/* group cipher for the RSNE */
	uint32_t group_mgmt;		/* 0, or BIP-CMAC-128 with MFPC */
	uint16_t rsn_caps;
	uint8_t ssid[FT_SSID_MAX];
	size_t ssid_len;
	uint8_t mdid[FT_MDID_LEN];
	uint8_t xxkey[FT_XXKEY_MAX];	/* PSK, SAE PMK, or MSK's 2nd half */
	size_t xxkey_len;
	uint8_t r0kh_id[FT_R0KH_ID_MAX];/* from the mobility domain's first AP */
	size_t r0kh_id_len;
};

struct ft_sta;
/* Copies cfg (zeroes its XXKey copy when freed), derives PMK-R0. */
struct ft_sta *ft_sta_new(const struct ft_sta_config *cfg, const struct ft_ops *ops,
			  void *ctx);
void ft_sta_free(struct ft_sta *s);
/* Start a transition to target: FT auth request. From IDLE, DONE or FAILED. */
int ft_sta_start(struct ft_sta *s, const uint8_t target[6]);
/* Received: FT auth response (status, elements), reassociation response. */
int ft_sta_rx_auth(struct ft_sta *s, uint16_t status, const uint8_t *ies, size_t len);
int ft_sta_rx_reassoc(struct ft_sta *s, uint16_t status, const uint8_t *ies,
		      size_t len);
/* The driver marked the association: install PTK, GTK, IGTK. -EAGAIN
 * before the reassociation response was verified. */
int ft_sta_associated(struct ft_sta *s);
enum ft_sta_state ft_sta_get_state(const struct ft_sta *s);
enum ft_reason ft_sta_reason(const struct ft_sta *s);
/* PMKR0Name, PMKR1Name (after the auth response), PTKName; NULL ok. */
int ft_sta_names(const struct ft_sta *s, uint8_t *r0name, uint8_t *r1name,
		 uint8_t *ptk_name);

/* --- the target AP ----------------------------------------------------------- */

struct ft_ap_config {
	uint8_t bssid[6];
	uint8_t r1kh_id[FT_R1KH_ID_LEN];	/* r1_key_holder (hostapd: BSSID) */
	uint8_t mdid[FT_MDID_LEN];
	uint8_t ft_cap;				/* FT_CAP_* for the MDE */
	uint32_t akms;				/* FT AKMs offered */
	uint32_t pairwise;			/* ciphers offered */
	uint32_t group;
	uint32_t group_mgmt;			/* 0 or BIP-CMAC-128 */
	uint16_t rsn_caps;
	uint32_t reassoc_deadline_tu;		/* 0: no TIE in the auth response */
	uint32_t key_lifetime_s;		/* 0: no TIE in the reassoc response */
};

struct ft_ap;
/* One per station that starts FT authentication. */
struct ft_ap *ft_ap_new(const struct ft_ap_config *cfg, const uint8_t sta[6],
			const struct ft_ops *ops, void *ctx);
void ft_ap_free(struct ft_ap *a);
/* FT auth request elements: answers through ops->tx (status 0 or the
 * failure's); 0 unless an internal error. */
int ft_ap_rx_auth(struct ft_ap *a, const uint8_t *ies, size_t len);
/* Reassociation request elements: answers through ops->tx. */
int ft_ap_rx_reassoc(struct ft_ap *a, const uint8_t *ies, size_t len);
/* The reassociation response was acknowledged: install PTK. */
int ft_ap_assoc_acked(struct ft_ap *a);
enum ft_ap_state ft_ap_get_state(const struct ft_ap *a);
enum ft_reason ft_ap_reason(const struct ft_ap *a);

#endif
