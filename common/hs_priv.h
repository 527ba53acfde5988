/* SPDX-License-Identifier: MIT */
/* hs_priv.h: internals shared by common/hs_*.c only. Not for other users:
 * include handshake.h. */
#ifndef ROAMLAB_HS_PRIV_H
#define ROAMLAB_HS_PRIV_H

#include <stdarg.h>

#include "handshake.h"
#include "log.h"
#include "loop.h"

#define HS_TAG "wpa"

/* A frame held back (delay-msg, or group msg 1/2 right after a PTK). */
struct hs_held {
	struct hs_held *next;
	struct hs_base *b;
	struct loop_timer *timer;
	size_t len;
	uint8_t frame[EAPOL_KEY_FRAME_MAX];
};

/* What every handshake object has: the caller's ops, the faults it reads
 * (its own copy, or the caller's: hs_*_use_faults) and the frames it holds
 * back. */
struct hs_base {
	struct loop *loop;
	struct hs_ops ops;
	void *ctx;
	enum hs_role role;
	uint8_t peer[6];
	char peer_str[18];
	struct hs_faults own_faults;
	struct hs_faults *faults;	/* &own_faults or the caller's */
	struct hs_held *held;
};

/* A station's membership of its group. hs_group.c owns it: it links the
 * members, marks those a rekey waits for, and reaches each station only
 * through these ops, so the group never calls into hs_auth.c (hostap keeps
 * group and station state in one file; we keep the group's own state
 * machine in its own file and give it this small interface instead). */
struct hs_group_member;
struct hs_group_member_ops {
	/* the pairwise handshake is done: the station can take a new GTK */
	bool (*ptk_done)(const struct hs_group_member *m);
	/* start the group key handshake with the new GTK; 0 or -errno */
	int (*group_start)(struct hs_group_member *m);
};

struct hs_group_member {
	struct hs_group *group;		/* NULL once the group is gone */
	struct hs_group_member *next;
	const struct hs_group_member_ops *ops;
	const char *peer_str;
	bool in_rekey;			/* counted in group->done_pending */
};

struct hs_group {
	struct hs_base b;
	struct hs_group_config cfg;
	enum hs_group_state state;
	uint8_t gmk[32];
	uint8_t gnonce[NONCE_LEN];
	uint8_t gtk[GTK_MAX_LEN];
	size_t gtk_len;
	uint8_t key_idx;		/* 1 or 2 */
	bool gtk_in_driver;		/* the current GTK is installed */
	struct eapol_igtk igtk;		/* key_len 0: no group management cipher */
	bool igtk_in_driver;		/* the current IGTK is installed */
	bool rekeying;
	unsigned int done_pending;	/* GKeyDoneStations */
	unsigned int members_failed;	/* of the current rekey */
	struct hs_group_member *members;
	struct loop_timer *rekey_timer;
};

#define HS_PENDING_MAX 8

struct hs_auth {
	struct hs_base b;
	struct hs_group_member gm;	/* hs_group.c's */
	struct hs_config cfg;
	enum hs_auth_state state;
	enum hs_auth_gstate gstate;
	uint64_t replay_counter;	/* last value sent */
	/* replay counters of the still-pending request (all sends of the
	 * current 1/4, 3/4 or group 1/2), 12.7.6.2 */
	uint64_t pending[HS_PENDING_MAX];
	size_t n_pending;
	enum eapol_msg pending_msg;
	unsigned int tries;		/* sends of the pending message */
	struct loop_timer *timer;
	uint8_t anonce[NONCE_LEN];
	bool have_anonce;
	uint8_t old_anonce[HS_ANONCE_HISTORY][NONCE_LEN];
	size_t n_old_anonce;
	uint8_t snonce[NONCE_LEN];
	uint8_t ptk[PTK_MAX_LEN];
	size_t ptk_len;
	bool ptk_valid;
	bool ptk_installed;
	uint64_t t_ptk_us;		/* when a PTK was last installed; 0 never */
	uint64_t req_replay;		/* last accepted Request counter */
	bool req_replay_set;
	/* "invalid MIC in msg 2/4" diagnoses left (each derives up to ~26
	 * PTKs); one comes back every HS_DIAG_INTERVAL_US */
	unsigned int diag_tokens;
	uint64_t diag_refill_us;	/* when the next one comes back */
};

struct hs_supp {
	struct hs_base b;
	struct hs_config cfg;
	enum hs_supp_state state;
	bool rx_replay_set;
	uint64_t rx_replay;		/* last MIC-verified counter */
	uint8_t anonce[NONCE_LEN];
	bool have_anonce;
	uint8_t snonce[NONCE_LEN];
	bool renew_snonce;
	uint8_t tptk[PTK_MAX_LEN];	/* from the last 1/4 */
	bool tptk_valid;
	uint8_t ptk[PTK_MAX_LEN];	/* confirmed by 3/4 */
	size_t ptk_len;
	bool ptk_valid;
	/* installed keys, to refuse reinstallation (12.7.6.4 NOTE) */
	uint8_t inst_tk[32];
	size_t inst_tk_len;
	bool ptk_installed;
	uint8_t inst_gtk[GTK_MAX_LEN];
	size_t inst_gtk_len;
	uint8_t inst_gtk_idx;
	bool gtk_installed;
	uint8_t inst_igtk[IGTK_MAX_LEN];	/* 802.11w, same rule */
	size_t inst_igtk_len;
	uint16_t inst_igtk_id;
	/* history for the stale_* faults */
	uint8_t prev_aa[6];
	bool have_prev_aa;
	uint8_t prev_anonce[NONCE_LEN];
	bool have_prev_anonce;
	unsigned int m3_count;		/* 3/4 messages accepted this handshake */
	uint64_t req_counter;		/* replay counter of our next Request */
};

/* hs_common.c */
void hs_base_init(struct hs_base *b, struct loop *loop, const struct hs_ops *ops,
		  void *ctx, enum hs_role role, const uint8_t *peer);
void hs_base_cleanup(struct hs_base *b);
uint64_t hs_now(struct hs_base *b);
int hs_random(struct hs_base *b, uint8_t *buf, size_t len);
/* Log the line (at lvl) and deliver the event with text = that line. */
void hs_emit(struct hs_base *b, enum log_level lvl, struct hs_event *ev,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Send message m, subject to its drop, corrupt-mic and delay faults; a
 * frame no fault delays goes hold_us later (0: now). */
int hs_tx(struct hs_base *b, enum eapol_msg m, const uint8_t *frame, size_t len,
	  uint64_t hold_us);
/* The receive side of the faults, before a received frame is looked at:
 * true if a drop fault swallows it; a corrupt-mic fault points *frame at
 * copy (EAPOL_KEY_FRAME_MAX bytes) with one MIC bit flipped. */
bool hs_rx_faults(struct hs_base *b, const uint8_t **frame, size_t len, uint8_t *copy);
/* Emit the HS_EV_FAULT of fault k hitting message m (EAPOL_MSG_UNKNOWN:
 * none), with what it did. */
void hs_fault_fired(struct hs_base *b, enum hs_fault_kind k, enum eapol_msg m,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The PTK of akm (0: PSK): PRF-SHA1 (12.7.1.3) for PSK, KDF-SHA256
 * (12.7.1.6.2) for PSK-SHA256 and SAE. */
int hs_derive_ptk(uint32_t akm, const uint8_t *pmk, const uint8_t *aa,
		  const uint8_t *spa, const uint8_t *anonce, const uint8_t *snonce,
		  uint8_t *ptk, size_t ptk_len);
/* Build the frame, MIC it with kck (if KEY_INFO_MIC) as akm wants for
 * mic_ver (a version akm does not take, which only a fault asks for, gets
 * that version's plain MIC), return length in *len. */
int hs_build_frame(const struct eapol_key_params *p, uint32_t akm,
		   unsigned int mic_ver, const uint8_t *kck, uint8_t *out,
		   size_t cap, size_t *len);
/* Verify a received frame's MIC under akm and the version it carries. */
bool hs_mic_verify(uint32_t akm, const uint8_t *kck, const struct eapol_key *k);
int hs_install(struct hs_base *b, const struct hs_key *key);
unsigned int hs_other_version(unsigned int ver);

/* hs_group.c, used by hs_auth.c: join g (m->ops and m->peer_str set by
 * the caller); leave it (a rekey waiting for m is told it failed); the
 * member's part of a rekey ended, ok or not (nothing if the rekey was not
 * waiting for it). */
void hs_group_member_join(struct hs_group *g, struct hs_group_member *m);
void hs_group_member_leave(struct hs_group_member *m);
void hs_group_member_done(struct hs_group_member *m, bool ok);

/* hs_auth_kde.c, used by hs_auth.c: the group keys' KDEs of msg m (msg
 * 3/4 or group msg 1/2, RSN): the GTK KDE with the index m announces (the
 * wrong-gtk-keyidx fault changes it), then, with PMF, the IGTK KDE
 * (12.7.2 Table 12-10, 12.7.6.4, 12.7.7.2). Appended at out; *len gets
 * their length. */
int hs_auth_group_kdes(struct hs_auth *a, enum eapol_msg m, uint8_t *out,
		       size_t cap, size_t *len);
/* The GTK's key index as msg m announces it (WPA1's key_info field). */
uint8_t hs_auth_announced_idx(struct hs_auth *a, enum eapol_msg m);

#endif
