/* SPDX-License-Identifier: MIT */
/* handshake.h: the WPA/WPA2-PSK key handshakes, transport-free.
 *
 * Authenticator (AP side, IEEE 802.11-2020 12.7.6 4-way handshake, 12.7.7
 * group key handshake, the 12.7.10 state machines as hostapd names them):
 *   one struct hs_group per BSS (GMK, GNonce, GTK, key index 1/2 alternating,
 *   rekey), and one struct hs_auth per associated station.
 * Supplicant (STA side): one struct hs_supp per station interface; it is
 *   re-armed for every (re)association with hs_supp_assoc().
 *
 * Nothing here opens a socket or talks to a driver. The caller supplies
 * struct hs_ops (send an EAPOL frame, install a key, receive events, time,
 * random bytes) and a struct loop * whose timers drive retransmission
 * (tests replace its clock with loop_set_clock and call loop_run_timers).
 *
 * Every state change goes through one *_enter_state() that logs
 * "WPA_PTK entering state PTKSTART" style lines and emits HS_EV_STATE. */
#ifndef ROAMLAB_HANDSHAKE_H
#define ROAMLAB_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "eapol.h"
#include "hs_fault.h"
#include "ie.h"

struct loop;
struct hs_group;
struct hs_auth;
struct hs_supp;

#define HS_MAX_ALT	8	/* alternate PSKs / BSSIDs for diagnosis */
#define HS_ANONCE_HISTORY 8	/* earlier ANonces kept for diagnosis */

const char *hs_role_name(enum hs_role r);

/* --- keys handed to the driver ----------------------------------------- */

enum hs_key_kind {
	HS_KEY_PTK,
	HS_KEY_GTK,
	HS_KEY_IGTK,		/* 802.11w: key_idx 4 or 5, cipher a BIP suite */
};
const char *hs_key_kind_name(enum hs_key_kind k);

/* key bytes are the temporal key in 802.11 order: for CCMP the 16-byte TK;
 * for TKIP 32 bytes: TK(16), then the Michael key for authenticator->
 * supplicant frames (8), then supplicant->authenticator (8) (12.8.1).
 * nl80211/mac80211 expect TX MIC key then RX MIC key from the AP's point of
 * view for both roles' pairwise keys; a supplicant's driver wrapper that
 * needs the other order for a TKIP GTK swaps the two 8-byte halves itself
 * (wpa_supplicant does this for the GTK only). */
struct hs_key {
	enum hs_key_kind kind;
	const uint8_t *addr;	/* peer MAC for a PTK; NULL for a GTK */
	uint32_t cipher;	/* one WPA_CIPHER_* bit */
	uint8_t key_idx;	/* 0 for a PTK; 1..3 for a GTK; 4..5 for an IGTK */
	const uint8_t *key;
	size_t key_len;
	const uint8_t *seq;	/* RSC/PN, little endian, seq_len bytes; NULL = 0 */
	size_t seq_len;
	bool set_tx;		/* GTK: use it for TX (authenticator side);
				 * IGTK: the default management TX key */
};

/* --- events -------------------------------------------------------------- */

enum hs_event_type {
	HS_EV_STATE,		/* state machine transition (old -> new) */
	HS_EV_TX,		/* sending an EAPOL-Key message */
	HS_EV_RX,		/* received an EAPOL-Key message */
	HS_EV_RETRY,		/* retransmitting a message */
	HS_EV_DROPPED,		/* received frame dropped: reason says why */
	HS_EV_MIC_FAILURE,	/* "invalid MIC in msg 2/4 of 4-Way Handshake" */
	HS_EV_DIAGNOSIS,	/* one cause line for a MIC failure */
	HS_EV_REPLAY,		/* stale/replayed replay counter */
	HS_EV_IE_MISMATCH,	/* IE in msg 2/4 or 3/4 differs */
	HS_EV_KEY_INSTALLED,	/* a PTK or GTK was handed to install_key */
	HS_EV_REINSTALL_BLOCKED, /* same key again: not reinstalled */
	HS_EV_PAIRWISE_DONE,	/* 4-way handshake completed */
	HS_EV_GROUP_DONE,	/* "group key handshake completed" */
	HS_EV_TIMEOUT,		/* "EAPOL-Key timeout": retries exhausted */
	HS_EV_DEAUTH_REQUEST,	/* caller should deauthenticate (reason_code) */
	HS_EV_FAULT,		/* an injected fault took effect */
	HS_EV_REKEY,		/* group rekey started / finished */
	HS_EV_AUTHORIZED,	/* authenticator: 4-way done, authorize the
				 * STA's port; supplicant: all keys in place
				 * (COMPLETED) */
};
const char *hs_event_type_name(enum hs_event_type t);

/* What a verified EAPOL-Key Request from a supplicant asks for (12.7.2):
 * given with the HS_EV_RX the authenticator emits once the Request's MIC
 * and replay counter have been checked; HS_REQ_NONE on every other event. */
enum hs_request {
	HS_REQ_NONE,
	HS_REQ_MICHAEL_PAIRWISE,	/* Error bit, Key Type 1: Michael MIC
					 * failure on a pairwise TKIP frame */
	HS_REQ_MICHAEL_GROUP,		/* Error bit, Key Type 0: on a group
					 * TKIP frame */
	HS_REQ_PTK_REKEY,		/* new 4-way handshake */
	HS_REQ_GTK_REKEY,		/* new group key */
};
const char *hs_request_name(enum hs_request r);

struct hs_event {
	enum hs_event_type type;
	enum hs_role role;
	const uint8_t *peer;		/* the station (auth) or AP (supp); may be NULL for group-wide events */
	enum eapol_msg msg;		/* the message concerned, or EAPOL_MSG_UNKNOWN */
	int msg_num;			/* 1..4 / 1..2, 0 if none */
	const char *old_state;		/* HS_EV_STATE */
	const char *new_state;
	const char *machine;		/* "WPA_PTK", "WPA_PTK_GROUP", "WPA_GROUP", "WPA_SUPP" */
	uint16_t reason_code;		/* HS_EV_DEAUTH_REQUEST: 802.11 reason */
	int attempt;			/* HS_EV_TX/RETRY: 1 for the first send */
	const char *text;		/* the human line, as logged */
	const char *diagnosis;		/* HS_EV_DIAGNOSIS: the cause line */
	const struct hs_key *key;	/* HS_EV_KEY_INSTALLED/REINSTALL_BLOCKED */
	enum hs_request request;	/* HS_EV_RX of a verified Request */
	unsigned int failed;		/* HS_EV_REKEY at its end: stations that
					 * did not take the new GTK */
	bool rate_limited;		/* HS_EV_MIC_FAILURE of msg 2/4: the
					 * diagnosis was skipped (HS_DIAG_INTERVAL_US) */
	enum hs_fault_kind fault;	/* HS_EV_FAULT: which one fired (msg:
					 * the message it hit, if any) */
	uint32_t delay_ms;		/* HS_EV_FAULT of delay-msg */
};

/* --- ops ------------------------------------------------------------------ */

/* Callbacks may run from hs_*_rx(), hs_*_start(), hs_group_rekey() and
 * from loop timers. They must not free the object that called them (defer
 * the free, e.g. with a 0-delay loop timer, when handling
 * HS_EV_DEAUTH_REQUEST). */
struct hs_ops {
	/* Send an EAPOL frame (from the EAPOL header on) to the peer. The
	 * frame is only valid during the call. */
	int (*tx)(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len);
	int (*install_key)(void *ctx, const struct hs_key *key);
	void (*event)(void *ctx, const struct hs_event *ev);	/* may be NULL */
	/* Key-quality random bytes (nonces, GMK, IV). NULL: crypto_random().
	 * Tests give a deterministic source. */
	int (*random)(void *ctx, uint8_t *buf, size_t len);
	/* Authenticator: the transmit sequence counter (TSC/PN, 12.5.2.2 /
	 * 12.5.3.2; for an IGTK, key_idx 4 or 5, its IPN, 12.5.4.4) of the
	 * group key with this index as the driver has it,
	 * asked before a msg 3/4 or group msg 1/2 announces the GTK in use,
	 * so that the RSC makes a newly keyed station refuse replays of
	 * earlier group frames. NULL or an error: 0 is announced. */
	int (*get_group_tsc)(void *ctx, uint8_t key_idx, uint64_t *tsc);
};

/* --- configuration -------------------------------------------------------- */

/* Retransmission (hostapd's defaults: wpa_pairwise_update_count=4,
 * eapol timeouts 100 ms then 1000 ms; group 500 ms then 1000 ms). */
struct hs_timeouts {
	uint32_t pairwise_first_ms;	/* 100: before the first resend of 1/4 and 3/4 */
	uint32_t pairwise_ms;		/* 1000: before each later resend / final timeout */
	uint32_t group_first_ms;	/* 500 */
	uint32_t group_ms;		/* 1000 */
	unsigned int pairwise_tries;	/* 4: sends of each of 1/4 and 3/4 */
	unsigned int group_tries;	/* 4 */
	/* Authenticator: group msg 1/2 goes no sooner than this long after
	 * the station's PTK was installed (0: at once). roamlab-ap sets it:
	 * see AP_G1_AFTER_PTK_US in ap/ap.h for why. */
	uint32_t g1_after_ptk_us;
};
void hs_timeouts_default(struct hs_timeouts *t);

/* Per-peer configuration of one handshake. The object copies everything
 * (IEs and PMK included); the caller may free its copy after *_new(). */
struct hs_config {
	enum hs_role role;
	enum ie_proto proto;		/* WPA (descriptor 254) or RSN (2) */
	uint32_t pairwise_cipher;	/* one bit: TKIP or CCMP */
	uint32_t group_cipher;		/* one bit: TKIP or CCMP */
	/* The negotiated AKM, one WPA_AKM_* bit: PSK (0 is taken as PSK),
	 * PSK-SHA256 or SAE. It picks the PTK derivation (12.7.1.3: PRF-SHA1
	 * for PSK, KDF-SHA256 for the others), the key descriptor version
	 * and the MIC (12.7.2, wpa_akm_key_desc_ver). */
	uint32_t akm;
	/* Management frame protection was negotiated for this association
	 * (12.6.3): the authenticator sends the IGTK KDE in msg 3/4 and
	 * group msg 1/2, the supplicant installs it (12.7.6.4, 12.7.7.2). */
	bool pmf;
	/* RSN capabilities of the element hs_config_build_own_ie() builds
	 * (MFPC/MFPR, ie_pmf_rsn_caps). */
	uint16_t rsn_caps;
	uint8_t pmk[PMK_LEN];
	uint8_t aa[6];			/* authenticator address (BSSID) */
	uint8_t spa[6];			/* supplicant address */
	/* Authenticator: own = the AP's element from Beacon/Probe Response
	 * (sent in 3/4), peer = the STA's element from (Re)AssocReq (compared
	 * with 2/4). Supplicant: own = the element it put in (Re)AssocReq
	 * (sent in 2/4), peer = the AP's element from Beacon/Probe Response
	 * (compared with 3/4; peer_ie_len 0 skips that check). */
	uint8_t own_ie[IE_MAX_LEN];
	size_t own_ie_len;
	uint8_t peer_ie[IE_MAX_LEN];
	size_t peer_ie_len;
	uint8_t eapol_version;		/* in frames we send: 1 or 2 (hs_config_init: 2 auth, 1 supp) */
	struct hs_timeouts timeouts;
	/* Diagnosis of "invalid MIC in msg 2/4" (authenticator): other PSKs
	 * that might be configured on the STA, with a label for the log line,
	 * and BSSIDs of other APs of the ESS. */
	size_t n_alt_pmk;
	uint8_t alt_pmk[HS_MAX_ALT][PMK_LEN];
	char alt_pmk_label[HS_MAX_ALT][32];
	size_t n_alt_bssid;
	uint8_t alt_bssid[HS_MAX_ALT][6];
	/* Supplicant: the AA of the last handshake that completed with
	 * another AP; the stale-aa fault uses it when it names no BSSID
	 * (zero: the previous association's AA). */
	uint8_t last_aa[6];
	/* Copied by *_new(); see hs_*_use_faults() for faults the caller
	 * keeps and changes at run time. */
	struct hs_faults faults;
};

/* Zero cfg and fill defaults (timeouts, eapol_version 2 for the
 * authenticator / 1 for the supplicant, like hostapd and wpa_supplicant). */
void hs_config_init(struct hs_config *cfg, enum hs_role role);
/* Fill own_ie with an element built from proto/ciphers/akm/rsn_caps. */
int hs_config_build_own_ie(struct hs_config *cfg);
/* The same with one PMKID (16 octets) in the RSNE's PMKID list (12.6.10.3). */
int hs_config_build_own_ie_pmkid(struct hs_config *cfg, const uint8_t *pmkid);
/* Key descriptor version for a pairwise cipher with AKM PSK: TKIP 1, CCMP 2. */
unsigned int hs_desc_version(uint32_t pairwise_cipher);
/* The AKM of cfg (0 read as PSK) and its key descriptor version (12.7.2):
 * PSK 1/2 by cipher, PSK-SHA256 3, SAE 0. */
uint32_t hs_config_akm(const struct hs_config *cfg);
unsigned int hs_config_desc_version(const struct hs_config *cfg);

/* --- AP policy helpers ---------------------------------------------------- */

/* What an AP offers (hostapd's wpa, wpa_pairwise, rsn_pairwise). The group
 * cipher is the weakest of all pairwise ciphers offered, as in hostapd. */
struct hs_ap_policy {
	unsigned int wpa;		/* bit 0 WPA, bit 1 RSN (1, 2, 3) */
	uint32_t wpa_pairwise;		/* WPA_CIPHER_TKIP | WPA_CIPHER_CCMP */
	uint32_t rsn_pairwise;		/* same; 0: take wpa_pairwise */
	uint32_t akms;			/* WPA_AKM_* offered; 0: PSK. WPA1
					 * offers only PSK of them */
	enum ie_pmf pmf;		/* ieee80211w */
	uint32_t group_mgmt_cipher;	/* 0: BIP-CMAC-128 (the default) */
};

/* What the AP decided for one station's (Re)AssocReq element. */
struct hs_assoc_sec {
	enum ie_proto proto;
	uint32_t pairwise;		/* one WPA_CIPHER_* bit */
	uint32_t akm;			/* one WPA_AKM_* bit */
	bool pmf;			/* management frame protection on */
	size_t pmkid_count;		/* PMKIDs the station listed (RSN) */
	uint8_t pmkid[WPA_IE_MAX_PMKID][16];
};
uint32_t hs_ap_policy_group_cipher(const struct hs_ap_policy *p);
/* Build the Beacon/Probe Response elements: RSN element (if wpa & 2) then
 * the WPA vendor element (if wpa & 1). */
int hs_ap_policy_build_ies(const struct hs_ap_policy *p, uint8_t *out, size_t cap,
			   size_t *out_len);
/* The AP's own element for one protocol (what goes in 3/4). */
int hs_ap_policy_build_ie(const struct hs_ap_policy *p, enum ie_proto proto,
			  uint8_t *out, size_t cap, size_t *out_len);
/* Check the STA's RSN/WPA element from (Re)AssocReq against the policy
 * (12.6.3). On success *proto and *pairwise get the station's choice.
 * On failure returns -EINVAL and *status gets the 802.11 status code
 * (40 invalid element, 41 invalid group cipher, 42 invalid pairwise cipher,
 * 43 invalid AKMP, 44 unsupported RSNE version) and *why a static reason. */
int hs_ap_policy_check_assoc_ie(const struct hs_ap_policy *p, const uint8_t *ie,
				size_t len, enum ie_proto *proto, uint32_t *pairwise,
				uint16_t *status, const char **why);
/* The same with every decision in *out: the AKM must be one the AP
 * offers (43 otherwise), and the PMF rules of 12.6.3 apply
 * (ie_pmf_ap_check: 31, 45, 46). */
int hs_ap_policy_check_assoc(const struct hs_ap_policy *p, const uint8_t *ie,
			     size_t len, struct hs_assoc_sec *out, uint16_t *status,
			     const char **why);

/* --- authenticator: group state (one per BSS) ---------------------------- */

enum hs_group_state {
	HS_GROUP_GTK_INIT,
	HS_GROUP_SETKEYS,
	HS_GROUP_SETKEYSDONE,
};
const char *hs_group_state_name(enum hs_group_state s);

struct hs_group_config {
	uint32_t group_cipher;		/* TKIP or CCMP */
	uint8_t aa[6];
	uint8_t eapol_version;
	struct hs_timeouts timeouts;
	uint32_t rekey_interval_s;	/* wpa_group_rekey; 0: never */
	/* 802.11w: a group management cipher (BIP-CMAC-128) makes the group
	 * hold an IGTK (key IDs 4/5, 12.7.1.5), installed as the default
	 * management TX key and renewed with every GTK rekey; 0: none. */
	uint32_t group_mgmt_cipher;
	struct hs_faults faults;	/* wrong_gtk_keyidx (copied; see hs_group_use_faults) */
};

/* Creates GMK and the first GTK (key index 1) and installs it (set_tx). */
struct hs_group *hs_group_new(struct loop *loop, const struct hs_group_config *cfg,
			      const struct hs_ops *ops, void *ctx);
void hs_group_free(struct hs_group *g);
/* New GNonce and GTK with the other key index (1 <-> 2); a group key
 * handshake with every station whose pairwise handshake is done (WPA1 and
 * RSN alike); when all have answered or failed, the new GTK is installed
 * for TX. -EBUSY if a rekey is in progress. */
int hs_group_rekey(struct hs_group *g);
enum hs_group_state hs_group_state(const struct hs_group *g);
uint8_t hs_group_key_idx(const struct hs_group *g);
/* Current GTK (for tests); returns its length. */
size_t hs_group_gtk(const struct hs_group *g, const uint8_t **gtk);
/* The RSC announced for the current GTK: its TSC from ops->get_group_tsc
 * once that GTK is in the driver; 0 for a GTK not yet installed (a new
 * key's counter starts at 0). */
uint64_t hs_group_rsc(struct hs_group *g);
/* The IGTK (NULL without a group management cipher) and the IPN
 * announced with it: its driver TX counter once installed, else 0. */
const struct eapol_igtk *hs_group_igtk(const struct hs_group *g);
uint64_t hs_group_ipn(struct hs_group *g);

/* --- authenticator: per station ------------------------------------------ */

enum hs_auth_state {
	HS_AUTH_INITIALIZE,
	HS_AUTH_DISCONNECT,
	HS_AUTH_DISCONNECTED,
	HS_AUTH_AUTHENTICATION,
	HS_AUTH_AUTHENTICATION2,
	HS_AUTH_INITPSK,
	HS_AUTH_PTKSTART,
	HS_AUTH_PTKCALCNEGOTIATING,
	HS_AUTH_PTKCALCNEGOTIATING2,
	HS_AUTH_PTKINITNEGOTIATING,
	HS_AUTH_PTKINITDONE,
};
const char *hs_auth_state_name(enum hs_auth_state s);

enum hs_auth_gstate {
	HS_AUTH_G_IDLE,
	HS_AUTH_G_REKEYNEGOTIATING,
	HS_AUTH_G_REKEYESTABLISHED,
	HS_AUTH_G_KEYERROR,
};
const char *hs_auth_gstate_name(enum hs_auth_gstate s);

/* cfg->role must be HS_ROLE_AUTHENTICATOR; cfg->group_cipher must match the
 * group's. g may be NULL only in tests of the pairwise part. */
struct hs_auth *hs_auth_new(struct loop *loop, struct hs_group *g,
			    const struct hs_config *cfg, const struct hs_ops *ops,
			    void *ctx);
/* Frees and cancels timers; secure_zeroes keys. */
void hs_auth_free(struct hs_auth *a);
/* Begin (or restart, after a reassociation) the 4-way handshake: sends 1/4.
 * Earlier ANonces are kept for diagnosis. A new cfg may be given to change
 * the assoc IE / proto on reassociation (NULL keeps the current one). */
int hs_auth_start(struct hs_auth *a, const struct hs_config *cfg);
/* Feed a received EAPOL frame from this station. Returns 0 if it was
 * consumed (even if dropped: see events), -errno only for internal
 * failures (tx/install_key failed, no memory). */
int hs_auth_rx(struct hs_auth *a, const uint8_t *frame, size_t len);
/* Stop: cancel timers, forget the PTK (DISCONNECTED). */
void hs_auth_stop(struct hs_auth *a);
enum hs_auth_state hs_auth_state(const struct hs_auth *a);
enum hs_auth_gstate hs_auth_gstate(const struct hs_auth *a);
bool hs_auth_ptk_done(const struct hs_auth *a);
const uint8_t *hs_auth_peer(const struct hs_auth *a);

/* --- supplicant ------------------------------------------------------------ */

enum hs_supp_state {
	HS_SUPP_DISCONNECTED,
	HS_SUPP_ASSOCIATED,
	HS_SUPP_4WAY_HANDSHAKE,
	HS_SUPP_GROUP_HANDSHAKE,
	HS_SUPP_COMPLETED,
};
const char *hs_supp_state_name(enum hs_supp_state s);

/* Create when associated: starts in ASSOCIATED, waiting for 1/4. No
 * timers of its own except for the delay fault. */
struct hs_supp *hs_supp_new(struct loop *loop, const struct hs_config *cfg,
			    const struct hs_ops *ops, void *ctx);
void hs_supp_free(struct hs_supp *s);
/* Re-arm for a new (re)association (ASSOCIATED): new cfg (AA, IEs, ciphers,
 * PMK). Keeps the previous AA and ANonce for the stale_* faults, and forgets
 * installed keys. cfg NULL keeps the current one. */
int hs_supp_assoc(struct hs_supp *s, const struct hs_config *cfg);
/* Feed a received EAPOL frame from the AP. Same return convention as
 * hs_auth_rx(). */
int hs_supp_rx(struct hs_supp *s, const uint8_t *frame, size_t len);
/* Back to DISCONNECTED (deauth/disassoc): forget keys. */
void hs_supp_disconnect(struct hs_supp *s);
/* From now on read and consume f, which the caller owns, keeps alive for
 * the object's life and may change at any time (the AP's FAULT command and
 * the station's "fault" command change theirs), instead of the copy made
 * from hs_config. NULL: back to that copy. */
void hs_supp_use_faults(struct hs_supp *s, struct hs_faults *f);
void hs_auth_use_faults(struct hs_auth *a, struct hs_faults *f);
void hs_group_use_faults(struct hs_group *g, struct hs_faults *f);
enum hs_supp_state hs_supp_state(const struct hs_supp *s);
bool hs_supp_ptk_installed(const struct hs_supp *s);
/* Report a Michael MIC failure to the AP (IEEE 802.11-2020 12.7.2, TKIP
 * countermeasures 12.5.2.4): an EAPOL-Key Request frame with the Request,
 * Error, Secure and MIC bits set, Key Type 1 for a failure on a pairwise
 * (unicast) frame and 0 on a group frame, MIC'd with the KCK of the PTK
 * confirmed by the last msg 3/4. Its replay counter is the supplicant's own
 * request counter, increased for every request sent and restarted at each
 * association. Sent through ops->tx. -ENOTCONN without a confirmed PTK. */
int hs_supp_report_michael_failure(struct hs_supp *s, bool pairwise);

/* --- diagnosis --------------------------------------------------------------- */

/* The diagnosis of an invalid MIC in msg 2/4 derives up to ~26 PTKs, and
 * anyone can send a msg 2/4 with the replay counter of a msg 1/4 seen on
 * the air. So each station gets HS_DIAG_BURST full diagnoses (one for each
 * msg 1/4 of a failing handshake with the default 4 tries), and one more
 * every HS_DIAG_INTERVAL_US on the loop clock; past that, an invalid MIC
 * is reported (HS_EV_MIC_FAILURE with rate_limited set) without one. */
#define HS_DIAG_BURST		4
#define HS_DIAG_INTERVAL_US	(10ULL * 1000000)

/* Inputs of the "invalid MIC in msg 2/4" diagnosis (hs_diag.c). */
struct hs_diag_input {
	const struct eapol_key *m2;	/* the parsed msg 2/4 */
	unsigned int desc_ver;		/* the version the AP expected */
	uint32_t akm;			/* the negotiated AKM; 0: PSK */
	size_t ptk_len;
	const uint8_t *pmk;
	const uint8_t *aa;
	const uint8_t *spa;
	const uint8_t *anonce;		/* the ANonce of the pending 1/4 */
	const uint8_t (*old_anonce)[NONCE_LEN];	/* earlier 1/4 ANonces */
	size_t n_old_anonce;
	const uint8_t (*alt_pmk)[PMK_LEN];
	const char (*alt_pmk_label)[32];
	size_t n_alt_pmk;
	const uint8_t (*alt_bssid)[6];
	size_t n_alt_bssid;
};

enum hs_diag_cause {
	HS_DIAG_NONE,		/* "no known cause" */
	HS_DIAG_OTHER_PSK,
	HS_DIAG_STALE_ANONCE,
	HS_DIAG_DESC_VERSION,
	HS_DIAG_STALE_AA,
};
const char *hs_diag_cause_name(enum hs_diag_cause c);

/* Tries the explanations in the order above and writes exactly one line
 * starting with "diagnosis: " into out. Returns the cause. */
enum hs_diag_cause hs_diagnose_m2(const struct hs_diag_input *in, char *out,
				  size_t out_len);

#endif
