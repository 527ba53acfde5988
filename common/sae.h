/* SPDX-License-Identifier: MIT */
/* sae.h: Simultaneous Authentication of Equals (IEEE 802.11-2020 12.4),
 * transport-free. ECC groups 19, 20 and 21.
 *
 * Three layers, each usable alone:
 *  - the group math (sae_crypto.c): PWE by hunting-and-pecking
 *    (12.4.4.2.2) or hash-to-element (12.4.4.2.3), commit scalar and element
 *    (12.4.5.2/3), k, KCK, PMK, PMKID (12.4.5.4), confirm (12.4.5.5/6);
 *  - the SAE Authentication frame bodies (sae_frame.c, 9.3.3.11 and
 *    Table 9-41): build, and a bounds-checked parser;
 *  - the protocol machine of 12.4.8.6 (sae.c) with states Nothing,
 *    Committed, Confirmed, Accepted, its retransmission timer and Sync
 *    counter, group negotiation and anti-clogging tokens (sae_token.c).
 *
 * The machine never opens a socket: it hands frame bodies (from the
 * Authentication Algorithm Number field on) to struct sae_ops.tx, and the
 * caller feeds received bodies to sae_rx(). Time is the loop's clock.
 * Return conventions: actions 0 or -errno; predicates bool; constructors
 * NULL on failure. Keys never reach the log. */
#ifndef ROAMLAB_SAE_H
#define ROAMLAB_SAE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;

/* --- wire constants (9.4.1.1, 9.4.1.9 Table 9-50, 9.4.2.1) ------------------
 * Defined here so that SAE depends on no other header's list; mgmt.h has the
 * generic status codes. */
#define SAE_AUTH_ALG			3	/* Authentication Algorithm Number */
#define SAE_SEQ_COMMIT			1	/* transaction sequence numbers */
#define SAE_SEQ_CONFIRM			2
#define SAE_STATUS_SUCCESS		0
#define SAE_STATUS_UNSPECIFIED		1
#define SAE_STATUS_ANTI_CLOGGING	76	/* ANTI_CLOGGING_TOKEN_REQUIRED */
#define SAE_STATUS_UNSUPPORTED_GROUP	77	/* FINITE_CYCLIC_GROUP_NOT_SUPPORTED */
#define SAE_STATUS_UNKNOWN_PASSWORD_ID	123
#define SAE_STATUS_HASH_TO_ELEMENT	126	/* SAE_HASH_TO_ELEMENT */
#define SAE_EID_EXTENSION		255
#define SAE_EID_EXT_PASSWORD_ID		33	/* Password Identifier */
#define SAE_EID_EXT_REJECTED_GROUPS	92
#define SAE_EID_EXT_TOKEN_CONTAINER	93	/* Anti-Clogging Token Container */

#define SAE_PMK_LEN		32
#define SAE_PMKID_LEN		16
#define SAE_MAX_PRIME_LEN	66	/* P-521 */
#define SAE_MAX_HASH_LEN	64	/* SHA-512 */
#define SAE_MAX_GROUPS		4
#define SAE_TOKEN_MAX		64	/* longest token we accept */
#define SAE_PASSWORD_MAX	256
#define SAE_PWID_MAX		253	/* element body 255 minus the extension ID,
					 * keeping one octet to spare */
#define SAE_BODY_MAX		1024	/* longest body we build or accept */
#define SAE_H2C_MAX_L		99	/* hash_to_field octets per element */

/* 12.4.4.1: the groups of Table 12-1 that we implement. */
bool sae_group_supported(uint16_t group);
/* Octets of p (and of r: equal for these curves); 0 if unsupported. */
size_t sae_group_prime_len(uint16_t group);

/* --- group math (sae_crypto.c) ------------------------------------------- */

struct sae_crypto;

/* One SAE attempt in one group. h2e chooses the hash of the key derivation
 * and confirm: hunting-and-pecking keeps SHA-256 for every group (as
 * hostapd/wpa_supplicant do), H2E uses the group's hash (12.4.2: SHA-256 up
 * to 256-bit primes, SHA-384 up to 384, SHA-512 above). NULL on failure. */
struct sae_crypto *sae_crypto_new(uint16_t group, bool h2e);
/* Zeroes every secret (BN_clear_free, secure_zero) and frees. */
void sae_crypto_free(struct sae_crypto *c);
uint16_t sae_crypto_group(const struct sae_crypto *c);
size_t sae_crypto_hash_len(const struct sae_crypto *c);

/* 12.4.4.2.2: PWE by hunting-and-pecking, at least 40 iterations, the
 * quadratic-residue test blinded and the selection constant-time. */
int sae_crypto_pwe_hnp(struct sae_crypto *c, const uint8_t own[6], const uint8_t peer[6],
		       const uint8_t *password, size_t password_len);

/* 12.4.4.2.3: the intermediates of PT, for tests and diagnosis only. */
struct sae_pt_trace {
	uint8_t pwd_seed[SAE_MAX_HASH_LEN];
	uint8_t pwd_value1[SAE_H2C_MAX_L], pwd_value2[SAE_H2C_MAX_L];
	size_t pwd_value_len;
	uint8_t u1[SAE_MAX_PRIME_LEN], u2[SAE_MAX_PRIME_LEN];
	uint8_t p1[2 * SAE_MAX_PRIME_LEN], p2[2 * SAE_MAX_PRIME_LEN];
};
/* PT (x || y, 2 * prime_len octets) from password, SSID and optional
 * password identifier (pwid NULL or pwid_len 0: none). trace may be NULL
 * (it holds password-derived values: zero it after use). */
int sae_pt_derive(uint16_t group, const uint8_t *ssid, size_t ssid_len,
		  const uint8_t *password, size_t password_len, const uint8_t *pwid,
		  size_t pwid_len, uint8_t *pt, struct sae_pt_trace *trace);
/* PWE = scalar-op(val, PT), val = H(0^n, MAX(mac) || MIN(mac)) mod (r - 1)
 * + 1. val_out (prime_len octets) may be NULL. */
int sae_crypto_pwe_h2e(struct sae_crypto *c, const uint8_t *pt, const uint8_t own[6],
		       const uint8_t peer[6], uint8_t *val_out);
/* The PWE as x || y: a password-derived secret, for tests only. */
int sae_crypto_pwe_export(const struct sae_crypto *c, uint8_t *xy);

/* RFC 9380 3/5.3.1/6.6.2 hash_to_curve with expand_message_xmd and the
 * simplified SWU map (suite P256_XMD:SHA-256_SSWU_RO_ for group 19). Any of
 * the outputs may be NULL; u0/u1 are prime_len, q0/q1/p x || y. */
int sae_hash_to_curve_xmd(uint16_t group, const uint8_t *msg, size_t msg_len,
			  const uint8_t *dst, size_t dst_len, uint8_t *u0, uint8_t *u1,
			  uint8_t *q0, uint8_t *q1, uint8_t *p);

/* 12.4.5.2: commit-scalar = (rand + mask) mod r, COMMIT-ELEMENT =
 * inverse(scalar-op(mask, PWE)). With rand and mask given (prime_len
 * octets, big-endian; tests), -ERANGE if either is outside 1 < x < r or the
 * scalar is < 2. */
int sae_crypto_commit(struct sae_crypto *c, const uint8_t *rand, const uint8_t *mask);
/* The same with rand and mask from random (NULL: crypto_random). */
int sae_crypto_commit_random(struct sae_crypto *c,
			     int (*random)(void *ctx, uint8_t *buf, size_t len), void *ctx);
/* Our scalar (prime_len) and element (x || y). */
int sae_crypto_own_commit(const struct sae_crypto *c, uint8_t *scalar, uint8_t *element);
/* 12.4.5.4: check and keep the peer's commit: -ERANGE unless 1 < scalar < r;
 * -EDOM if a coordinate is >= p, the point is not on the curve or is the
 * point at infinity. */
int sae_crypto_set_peer(struct sae_crypto *c, const uint8_t *scalar, const uint8_t *element);
/* 12.4.8.6.4: the peer's scalar and element equal our own. */
bool sae_crypto_peer_is_reflection(const struct sae_crypto *c);
/* 12.4.5.4: K = scalar-op(rand, elem-op(scalar-op(peer-scalar, PWE),
 * PEER-ELEMENT)), k = F(K); keyseed = H(salt, k); KCK || PMK =
 * KDF-Hash-Length(keyseed, "SAE KCK and PMK", (scalar + peer-scalar) mod r);
 * PMKID = L((scalar + peer-scalar) mod r, 0, 128). salt NULL: hash_len zero
 * octets (hunting-and-pecking, or H2E without rejected groups); H2E after
 * rejected groups: the Rejected Groups list. -EINVAL if K is the identity. */
int sae_crypto_derive_keys(struct sae_crypto *c, const uint8_t *salt, size_t salt_len);
/* KCK (hash_len octets, a secret), PMK, PMKID of the derivation above. */
int sae_crypto_keys(const struct sae_crypto *c, uint8_t *kck, uint8_t *pmk, uint8_t *pmkid);
/* 12.4.5.5/6: confirm = CN(KCK, send-confirm, scalar, element, peer-scalar,
 * peer-element) with ours = true; with ours = false the peer's view (peer
 * values first), i.e. what the peer's Confirm must carry. out: hash_len. */
int sae_crypto_confirm(const struct sae_crypto *c, uint16_t send_confirm, bool ours,
		       uint8_t *out);
/* CN() itself: HMAC-H(kck, send-confirm (LE) || s1 || e1 || s2 || e2),
 * scalars prime_len octets and elements 2 * prime_len. */
int sae_confirm_compute(size_t hash_len, const uint8_t *kck, uint16_t send_confirm,
			size_t prime_len, const uint8_t *s1, const uint8_t *e1,
			const uint8_t *s2, const uint8_t *e2, uint8_t *out);

/* --- frame bodies (sae_frame.c) -------------------------------------------- */

/* A parsed SAE Authentication frame body. Pointers point into the buffer
 * given to sae_frame_parse(). */
struct sae_frame {
	uint16_t alg;
	uint16_t seq;			/* SAE_SEQ_COMMIT or SAE_SEQ_CONFIRM */
	uint16_t status;
	/* commit (seq 1) */
	bool has_group;			/* the group field is present */
	uint16_t group;
	bool group_known;		/* sae_group_supported(group) */
	const uint8_t *token;		/* status 0/126 commit with a token, or
					 * the token of a status 76 */
	size_t token_len;
	bool token_in_container;	/* H2E: in the container element */
	const uint8_t *scalar;		/* prime_len; NULL in a rejection */
	const uint8_t *element;		/* 2 * prime_len */
	const uint8_t *pwid;		/* Password Identifier (H2E) */
	size_t pwid_len;
	bool has_pwid;
	const uint8_t *rejected;	/* Rejected Groups: 2-octet LE list */
	size_t rejected_len;		/* octets, even */
	/* confirm (seq 2, status 0) */
	uint16_t send_confirm;
	const uint8_t *confirm;
	size_t confirm_len;
};

/* Parse body (Authentication Algorithm Number onwards). Never reads past
 * len. 0 or -EBADMSG (truncated, wrong algorithm or sequence, odd-length
 * lists, oversized fields) with *why (may be NULL) a static reason. A
 * commit with an unsupported group parses (group_known false, no scalar),
 * so that it can be answered with status 77. */
int sae_frame_parse(const uint8_t *body, size_t len, struct sae_frame *f, const char **why);

struct sae_commit_fields {
	uint16_t status;		/* 0 (H&P) or SAE_STATUS_HASH_TO_ELEMENT */
	uint16_t group;
	const uint8_t *token;
	size_t token_len;
	const uint8_t *scalar;
	const uint8_t *element;
	const uint8_t *pwid;		/* H2E only */
	size_t pwid_len;
	const uint16_t *rejected;	/* H2E only */
	size_t n_rejected;
};
int sae_frame_build_commit(const struct sae_commit_fields *f, uint8_t *out, size_t cap,
			   size_t *len);
int sae_frame_build_confirm(uint16_t send_confirm, const uint8_t *confirm, size_t confirm_len,
			    uint8_t *out, size_t cap, size_t *len);
/* A commit-sequence rejection: status, the group, and for status 76 the
 * token (in a container element when container is true, i.e. the peer
 * used H2E). */
int sae_frame_build_reject(uint16_t status, uint16_t group, const uint8_t *token,
			   size_t token_len, bool container, uint8_t *out, size_t cap,
			   size_t *len);

/* --- anti-clogging (sae_token.c, 12.4.6) ------------------------------------ */

/* One per AP (the "parent process" of 12.4.8.6.2): counts the open protocol
 * instances (Committed or Confirmed) that use it and makes tokens once
 * there are threshold (dot11RSNASAEAntiCloggingThreshold) or more. A token
 * is HMAC-SHA-256(secret, peer || own address): stateless, bound to both
 * addresses, and it changes with sae_ac_rotate(). */
struct sae_ac;
struct sae_ac *sae_ac_new(unsigned int threshold,
			  int (*random)(void *ctx, uint8_t *buf, size_t len), void *ctx);
void sae_ac_free(struct sae_ac *ac);
int sae_ac_rotate(struct sae_ac *ac);
unsigned int sae_ac_open(const struct sae_ac *ac);
bool sae_ac_required(const struct sae_ac *ac);

/* --- the protocol machine (sae.c, 12.4.8.6) ---------------------------------- */

enum sae_state {
	SAE_STATE_NOTHING,
	SAE_STATE_COMMITTED,
	SAE_STATE_CONFIRMED,
	SAE_STATE_ACCEPTED,
};
const char *sae_state_name(enum sae_state s);

enum sae_msg {
	SAE_MSG_NONE,
	SAE_MSG_COMMIT,
	SAE_MSG_CONFIRM,
};
const char *sae_msg_name(enum sae_msg m);

enum sae_event_type {
	SAE_EV_STATE,		/* old -> new, from sae_enter_state() only */
	SAE_EV_TX,		/* a body went to ops->tx (msg, status, group,
				 * send_confirm, attempt) */
	SAE_EV_RX,		/* a received body is taken in (msg, status) */
	SAE_EV_DROPPED,		/* a received body was refused: reason */
	SAE_EV_RETRY,		/* t0 fired: resending (sync) */
	SAE_EV_GROUP,		/* now using group (prev_group before) */
	SAE_EV_ACCEPTED,	/* keys ready: group, pmkid */
	SAE_EV_FAILED,		/* the instance gave up: reason */
};
const char *sae_event_type_name(enum sae_event_type t);

enum sae_reason {
	SAE_R_NONE,
	SAE_R_MALFORMED,	/* the body does not parse */
	SAE_R_BAD_SCALAR,	/* not 1 < scalar < r */
	SAE_R_BAD_ELEMENT,	/* coordinates >= p, not on the curve, identity */
	SAE_R_REFLECTION,	/* peer scalar and element equal ours */
	SAE_R_CONFIRM_MISMATCH,	/* the peer's confirm does not verify */
	SAE_R_UNEXPECTED,	/* a message this state does not take */
	SAE_R_GROUP_MISMATCH,	/* a group other than the one in use */
	SAE_R_UNSUPPORTED_GROUP,/* answered with status 77 */
	SAE_R_TOKEN_REQUIRED,	/* answered with status 76 and a token */
	SAE_R_STALE_CONFIRM,	/* send-confirm not above the last one */
	SAE_R_H2E_MISMATCH,	/* H&P commit to an H2E instance or back */
	SAE_R_PASSWORD_ID,	/* password identifier differs: status 123 */
	SAE_R_REJECTED_GROUPS,	/* the peer lists a group we support */
	SAE_R_SYNC_LIMIT,	/* Sync passed dot11RSNASAESync */
	SAE_R_NO_GROUP,		/* the peer rejected every configured group */
	SAE_R_PEER_STATUS,	/* the peer answered with a failure status */
	SAE_R_INTERNAL,		/* out of memory, crypto failure */
};
const char *sae_reason_name(enum sae_reason r);

struct sae_event {
	enum sae_event_type type;
	const uint8_t *peer;
	enum sae_msg msg;
	uint16_t status;
	uint16_t group;
	uint16_t prev_group;		/* SAE_EV_GROUP */
	uint16_t send_confirm;		/* SAE_EV_TX/RX of a confirm */
	unsigned int sync;		/* the Sync counter */
	unsigned int attempt;		/* SAE_EV_TX: 1 first send, 2... resends */
	bool has_token;			/* SAE_EV_TX/RX of a commit or a 76 */
	enum sae_reason reason;
	enum sae_state old_state, new_state;	/* SAE_EV_STATE */
	const char *old_name, *new_name;
	const uint8_t *pmkid;		/* SAE_EV_ACCEPTED */
	const char *text;		/* the logged line */
};

/* Callbacks may run from sae_start(), sae_rx() and loop timers and must not
 * free the instance (defer with a 0-delay timer). */
struct sae_ops {
	/* Send an Authentication frame body to the peer; valid during the call. */
	int (*tx)(void *ctx, const uint8_t *peer, const uint8_t *body, size_t len);
	void (*event)(void *ctx, const struct sae_event *ev);	/* may be NULL */
	/* rand, mask, QR blinding. NULL: crypto_random(). */
	int (*random)(void *ctx, uint8_t *buf, size_t len);
};

struct sae_config {
	uint8_t own_addr[6];
	uint8_t peer_addr[6];
	uint8_t password[SAE_PASSWORD_MAX];
	size_t password_len;
	bool h2e;			/* hash-to-element: status 126 commits */
	uint8_t ssid[32];		/* H2E: PT's salt */
	size_t ssid_len;
	uint8_t pwid[SAE_PWID_MAX];	/* H2E: password identifier */
	size_t pwid_len;		/* 0: none */
	uint16_t groups[SAE_MAX_GROUPS];	/* in order of preference */
	size_t n_groups;
	uint32_t retrans_ms;		/* dot11RSNASAERetransPeriod (40) */
	unsigned int sync_max;		/* dot11RSNASAESync (5) */
	struct sae_ac *ac;		/* AP side: anti-clogging; NULL: none */
};
/* Zero, then groups {19}, retrans_ms 40, sync_max 5. */
void sae_config_init(struct sae_config *cfg);
/* Copy a password (-E2BIG if too long). */
int sae_config_set_password(struct sae_config *cfg, const char *password);

struct sae;
/* Starts in Nothing. The object copies cfg (and zeroes its password copy
 * when freed). NULL on failure or an unusable cfg. */
struct sae *sae_new(struct loop *loop, const struct sae_config *cfg,
		    const struct sae_ops *ops, void *ctx);
void sae_free(struct sae *s);
/* The Init event: commit with the first configured group (Committed).
 * -EALREADY unless in Nothing. */
int sae_start(struct sae *s);
/* A received body from the peer. 0 when taken in or refused (see events),
 * -errno only for internal failures. In Nothing, a commit is answered (the
 * AP side of an exchange it did not start). */
int sae_rx(struct sae *s, const uint8_t *body, size_t len);
enum sae_state sae_state(const struct sae *s);
uint16_t sae_group(const struct sae *s);
unsigned int sae_sync(const struct sae *s);
/* PMK and PMKID (either may be NULL) once Accepted; -ENOTCONN before. */
int sae_get_pmk(const struct sae *s, uint8_t *pmk, uint8_t *pmkid);

#endif
