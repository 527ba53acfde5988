/* SPDX-License-Identifier: MIT */
/* hs_fault.h: the handshake faults, the one owner of them. The lab's
 * misbehaving peers (roamlab-ap's "fault=" lines and FAULT command, the
 * station's "fault" command, a topology's fault= keys) all name their faults
 * here: the names, their arguments, the help text, parsing, listing, and the
 * firing bookkeeping that the handshake core (hs_common.c, hs_auth.c,
 * hs_supp.c) consumes. Each firing emits one HS_EV_FAULT that names the
 * fault (struct hs_event.fault).
 *
 * A struct hs_faults is plain data, all off when zeroed. A handshake either
 * copies one from its hs_config or, with hs_*_use_faults(), reads and
 * consumes one its caller owns: roamlab-ap gives every station's handshake
 * and its group the same one, so "FAULT drop-msg 3 2" drops the next two
 * msgs 3/4 of the BSS, and a change at run time (group faults included)
 * takes effect at the next message. */
#ifndef ROAMLAB_HS_FAULT_H
#define ROAMLAB_HS_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "eapol.h"

enum hs_fault_kind {
	/* supplicant: how the PTK is derived and 2/4 is made */
	HS_FAULT_STALE_AA,
	HS_FAULT_WRONG_PSK,
	HS_FAULT_STALE_ANONCE,
	HS_FAULT_SNONCE_CHANGE,
	HS_FAULT_DESC_VERSION,
	HS_FAULT_REINSTALL,
	/* supplicant, fired by the station's SME (transport, not handshake) */
	HS_FAULT_MSG2_TO_OLD_AP,
	HS_FAULT_IGNORE_DEAUTH,
	/* authenticator */
	HS_FAULT_ANONCE_PER_RESEND,
	HS_FAULT_RESEND_M3,
	HS_FAULT_GTK_WRONG_KEYIDX,
	/* both: per message */
	HS_FAULT_DROP_MSG,
	HS_FAULT_DELAY_MSG,
	HS_FAULT_CORRUPT_MIC,
	/* WPA3 / PMF: fired by the station's SAE (sta/wpa3.c), the AP's
	 * PMKSA cache and SA Query (ap/wpa3.c, ap/pmf.c), the authenticator's
	 * IGTK KDE (hs_auth_kde.c) */
	HS_FAULT_SAE_WRONG_PASSWORD,
	HS_FAULT_SAE_GROUP_MISMATCH,
	HS_FAULT_SAE_PWE_MISMATCH,
	HS_FAULT_PMKSA_STALE,
	HS_FAULT_SA_QUERY_NO_REPLY,
	HS_FAULT_IGTK_WRONG_KEYID,
};
#define HS_FAULT_KIND_COUNT (HS_FAULT_IGTK_WRONG_KEYID + 1)

/* "stale-aa", "drop-msg", ... as the commands and events spell them. */
const char *hs_fault_name(enum hs_fault_kind k);

/* One per-message fault. Index: enum eapol_msg. */
struct hs_msg_fault {
	bool on;
	uint32_t left;		/* firings left; 0: every time */
	uint32_t delay_ms;	/* HS_FAULT_DELAY_MSG */
};

struct hs_faults {
	bool stale_aa;			/* derive the PTK with another AA */
	uint8_t stale_aa_addr[6];	/* zero: the last AP (hs_config.last_aa) */
	bool wrong_psk;			/* derive with wrong_pmk */
	uint8_t wrong_pmk[PMK_LEN];	/* zero: the PMK with byte 0 inverted */
	bool stale_anonce;		/* answer 1/4 with the previous ANonce */
	bool snonce_change;		/* new SNonce for every 1/4, even a resend */
	bool desc_version_mismatch;	/* MIC of 2/4 with the other version */
	bool reinstall_on_m3_resend;	/* reinstall the PTK on a resent 3/4 */
	bool msg2_to_old_ap;		/* first EAPOL TX after a reassociation
					 * goes to the previous BSSID */
	bool ignore_deauth;		/* no reaction to deauth/disassoc */
	bool new_anonce_on_resend;	/* fresh ANonce in each resent 1/4 */
	bool resend_m3;			/* send 3/4 twice (KRACK test) */
	bool wrong_gtk_keyidx;		/* announce the GTK with the other index */
	bool sae_wrong_password;	/* SAE with a password that is not ours */
	bool sae_group_mismatch;	/* SAE commit in a group the AP lacks */
	bool sae_pwe_mismatch;		/* the other PWE method (H2E <-> H&P) */
	bool pmksa_stale;		/* STA: a PMKID the AP does not have;
					 * AP: forget the station's PMKSA */
	bool sa_query_no_reply;		/* AP: no SA Query Response */
	bool igtk_wrong_keyid;		/* announce the IGTK with the other ID */
	struct hs_msg_fault drop[EAPOL_MSG_COUNT];	/* tx: not sent; rx: ignored */
	struct hs_msg_fault delay[EAPOL_MSG_COUNT];	/* tx only */
	struct hs_msg_fault corrupt[EAPOL_MSG_COUNT];	/* one MIC bit flipped */
};

/* Is the fault armed (any message, for the per-message kinds)? */
bool hs_fault_armed(const struct hs_faults *f, enum hs_fault_kind k);
bool hs_faults_any(const struct hs_faults *f);

/* Arms a per-message fault directly (tests, and the parser below).
 * count 0: every time. */
void hs_fault_arm_msg(struct hs_faults *f, enum hs_fault_kind k, enum eapol_msg m,
		      uint32_t count, uint32_t delay_ms);

/* Arms fault `name` for a side (a station's faults differ from an AP's),
 * with argc arguments (argv[0] is the first after the name). 0, or -EINVAL
 * with a reason in err that names the fault and the bad argument. */
int hs_fault_set(struct hs_faults *f, enum hs_role role, const char *name, int argc,
		 const char *const argv[], char *err, size_t errlen);
/* One spec as a config line or control command gives it: "drop-msg 3 2",
 * "clear", "clear drop-msg". */
int hs_fault_apply(struct hs_faults *f, enum hs_role role, const char *spec,
		   char *err, size_t errlen);
/* Disarms one fault (name) or all (name NULL or ""); -EINVAL if unknown.
 * Key material (wrong_pmk) is zeroed. */
int hs_fault_clear(struct hs_faults *f, const char *name);
/* Armed faults into buf, comma-separated, each with its arguments:
 * "wrong-psk,drop-msg=3:2,delay-msg=g1:500"; "none" if none. */
const char *hs_fault_list(const struct hs_faults *f, char *buf, size_t len);
/* The --help faults text for a side. */
const char *hs_fault_help(enum hs_role role);

/* The handshake core and the SME fire faults through these. */
/* A per-message fault for m: true if it fires now (one firing consumed,
 * and the fault disarmed when none is left); *delay_ms is set for a delay. */
bool hs_fault_take_msg(struct hs_faults *f, enum hs_fault_kind k, enum eapol_msg m,
		       uint32_t *delay_ms);
/* The short message names of the specs and of AP-FAULT events: "3/4",
 * "group 1/2"; and the argument spelling: "3", "g1". */
const char *hs_fault_msg_name(enum eapol_msg m);
const char *hs_fault_msg_arg(enum eapol_msg m);

#endif
