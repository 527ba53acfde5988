// SPDX-License-Identifier: MIT
/* sae.c: the SAE protocol instance of IEEE 802.11-2020 12.4.8.6: states
 * Nothing, Committed, Confirmed, Accepted (12.4.8.6.3-6), the
 * retransmission timer t0 (dot11RSNASAERetransPeriod) and the Sync counter
 * (dot11RSNASAESync), the send-confirm counter, group negotiation (status
 * 77), anti-clogging tokens (status 76, 12.4.6) and hash-to-element commits
 * (status 126). Role-symmetric: the side that calls sae_start() and the side
 * that first hears a commit (an AP answering a station) run the same
 * machine. Transport-free: bodies go out through ops->tx. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "log.h"
#include "loop.h"
#include "sae.h"
#include "sae_priv.h"
#include "util.h"

struct sae {
	struct loop *loop;
	struct sae_ops ops;
	void *ctx;
	struct sae_config cfg;
	char peer_str[18];
	enum sae_state state;
	bool counted;			/* one of cfg.ac's open sessions */
	uint16_t group;			/* in use; 0 before the first commit */
	struct sae_crypto *c;
	unsigned int sync;		/* Sync */
	uint16_t sc;			/* send-confirm of our last Confirm */
	uint16_t rc;			/* the peer's last accepted send-confirm */
	uint8_t token[SAE_TOKEN_MAX];	/* echoed in our commits (12.4.6) */
	size_t token_len;
	uint16_t rejected[SAE_MAX_GROUPS];	/* our groups the peer refused */
	size_t n_rejected;
	uint8_t peer_rejected[2 * SAE_MAX_GROUPS];	/* from the peer's commit */
	size_t peer_rejected_len;
	unsigned int commit_tx, confirm_tx;	/* sends, for SAE_EV_TX.attempt */
	struct loop_timer *t0;
	uint8_t pmk[SAE_PMK_LEN];
	uint8_t pmkid[SAE_PMKID_LEN];
	bool have_pmk;
};

const char *sae_state_name(enum sae_state s)
{
	switch (s) {
	case SAE_STATE_NOTHING:
		return "NOTHING";
	case SAE_STATE_COMMITTED:
		return "COMMITTED";
	case SAE_STATE_CONFIRMED:
		return "CONFIRMED";
	case SAE_STATE_ACCEPTED:
		return "ACCEPTED";
	}
	return "?";
}

const char *sae_msg_name(enum sae_msg m)
{
	switch (m) {
	case SAE_MSG_NONE:
		return "none";
	case SAE_MSG_COMMIT:
		return "commit";
	case SAE_MSG_CONFIRM:
		return "confirm";
	}
	return "?";
}

const char *sae_event_type_name(enum sae_event_type t)
{
	switch (t) {
	case SAE_EV_STATE:
		return "STATE";
	case SAE_EV_TX:
		return "TX";
	case SAE_EV_RX:
		return "RX";
	case SAE_EV_DROPPED:
		return "DROPPED";
	case SAE_EV_RETRY:
		return "RETRY";
	case SAE_EV_GROUP:
		return "GROUP";
	case SAE_EV_ACCEPTED:
		return "ACCEPTED";
	case SAE_EV_FAILED:
		return "FAILED";
	}
	return "?";
}

const char *sae_reason_name(enum sae_reason r)
{
	switch (r) {
	case SAE_R_NONE:
		return "none";
	case SAE_R_MALFORMED:
		return "malformed";
	case SAE_R_BAD_SCALAR:
		return "bad-scalar";
	case SAE_R_BAD_ELEMENT:
		return "bad-element";
	case SAE_R_REFLECTION:
		return "reflection";
	case SAE_R_CONFIRM_MISMATCH:
		return "confirm-mismatch";
	case SAE_R_UNEXPECTED:
		return "unexpected";
	case SAE_R_GROUP_MISMATCH:
		return "group-mismatch";
	case SAE_R_UNSUPPORTED_GROUP:
		return "unsupported-group";
	case SAE_R_TOKEN_REQUIRED:
		return "token-required";
	case SAE_R_STALE_CONFIRM:
		return "stale-confirm";
	case SAE_R_H2E_MISMATCH:
		return "h2e-mismatch";
	case SAE_R_PASSWORD_ID:
		return "password-id";
	case SAE_R_REJECTED_GROUPS:
		return "rejected-groups";
	case SAE_R_SYNC_LIMIT:
		return "sync-limit";
	case SAE_R_NO_GROUP:
		return "no-group";
	case SAE_R_PEER_STATUS:
		return "peer-status";
	case SAE_R_INTERNAL:
		return "internal";
	}
	return "?";
}

void sae_config_init(struct sae_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->groups[0] = 19;
	cfg->n_groups = 1;
	cfg->retrans_ms = 40;	/* dot11RSNASAERetransPeriod default */
	cfg->sync_max = 5;	/* dot11RSNASAESync default */
}

int sae_config_set_password(struct sae_config *cfg, const char *password)
{
	size_t n = strlen(password);

	if (n > sizeof(cfg->password))
		return -E2BIG;
	secure_zero(cfg->password, sizeof(cfg->password));
	memcpy(cfg->password, password, n);
	cfg->password_len = n;
	return 0;
}

/* ---- events ---- */

static void emit(struct sae *s, enum log_level lvl, struct sae_event *ev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void emit(struct sae *s, enum log_level lvl, struct sae_event *ev, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_printf(lvl, SAE_TAG, "SAE: %s %s", s->peer_str, line);
	ev->peer = s->cfg.peer_addr;
	if (!ev->group)
		ev->group = s->group;
	ev->sync = s->sync;
	ev->text = line;
	if (s->ops.event)
		s->ops.event(s->ctx, ev);
	ev->text = NULL;
}

static bool state_open(enum sae_state st)
{
	switch (st) {
	case SAE_STATE_COMMITTED:
	case SAE_STATE_CONFIRMED:
		return true;
	case SAE_STATE_NOTHING:
	case SAE_STATE_ACCEPTED:
		return false;
	}
	return false;
}

/* The one writer of s->state: logs old -> new and emits one SAE_EV_STATE.
 * Keeps the anti-clogging count of open instances. */
static void sae_enter_state(struct sae *s, enum sae_state st)
{
	struct sae_event ev = {
		.type = SAE_EV_STATE,
		.old_state = s->state,
		.new_state = st,
		.old_name = sae_state_name(s->state),
		.new_name = sae_state_name(st),
	};

	s->state = st;
	if (s->cfg.ac && state_open(st) && !s->counted) {
		sae_ac_session_open(s->cfg.ac);
		s->counted = true;
	} else if (s->cfg.ac && !state_open(st) && s->counted) {
		sae_ac_session_close(s->cfg.ac);
		s->counted = false;
	}
	emit(s, LOG_LVL_DEBUG, &ev, "state %s -> %s", ev.old_name, ev.new_name);
}

/* A received body refused; group: the one it names (0: the one in use). */
static void drop_group(struct sae *s, enum sae_msg m, uint16_t status, uint16_t group,
		       enum sae_reason r, const char *why)
{
	struct sae_event ev = { .type = SAE_EV_DROPPED, .msg = m, .status = status,
				.group = group, .reason = r };

	emit(s, LOG_LVL_INFO, &ev, "dropped %s (status %u) in %s: %s%s%s", sae_msg_name(m),
	     status, sae_state_name(s->state), sae_reason_name(r), why ? ": " : "",
	     why ? why : "");
}

static void drop(struct sae *s, enum sae_msg m, uint16_t status, enum sae_reason r,
		 const char *why)
{
	drop_group(s, m, status, 0, r, why);
}

/* ---- timer ---- */

static void t0_fire(struct loop *l, struct loop_timer *t, void *ctx);

static void t0_cancel(struct sae *s)
{
	if (s->t0)
		loop_timer_cancel(s->loop, s->t0);
	s->t0 = NULL;
}

static int t0_arm(struct sae *s)
{
	t0_cancel(s);
	s->t0 = loop_timer_add(s->loop, (uint64_t)s->cfg.retrans_ms * 1000, t0_fire, s);
	return s->t0 ? 0 : -ENOMEM;
}

/* ---- tearing down ---- */

static void forget(struct sae *s)
{
	sae_crypto_free(s->c);
	s->c = NULL;
	t0_cancel(s);
}

static void fail(struct sae *s, enum sae_reason r, uint16_t status)
{
	struct sae_event ev = { .type = SAE_EV_FAILED, .reason = r, .status = status };

	forget(s);
	emit(s, LOG_LVL_INFO, &ev, "authentication failed: %s", sae_reason_name(r));
	sae_enter_state(s, SAE_STATE_NOTHING);
}

/* ---- sending ---- */

static int tx(struct sae *s, const uint8_t *body, size_t len, struct sae_event *ev,
	      const char *what)
{
	int ret = s->ops.tx ? s->ops.tx(s->ctx, s->cfg.peer_addr, body, len) : -ENOTCONN;

	ev->type = SAE_EV_TX;
	emit(s, LOG_LVL_DEBUG, ev, "send %s (status %u, group %u)%s", what, ev->status,
	     ev->group ? ev->group : s->group, ret ? " failed" : "");
	return ret;
}

static uint16_t commit_status(const struct sae *s)
{
	return s->cfg.h2e ? SAE_STATUS_HASH_TO_ELEMENT : SAE_STATUS_SUCCESS;
}

static int send_commit(struct sae *s)
{
	uint8_t scalar[SAE_MAX_PRIME_LEN], element[2 * SAE_MAX_PRIME_LEN], body[SAE_BODY_MAX];
	struct sae_commit_fields f = {
		.status = commit_status(s),
		.group = s->group,
		.token = s->token,
		.token_len = s->token_len,
		.scalar = scalar,
		.element = element,
		.pwid = s->cfg.pwid,
		.pwid_len = s->cfg.h2e ? s->cfg.pwid_len : 0,
		.rejected = s->rejected,
		.n_rejected = s->cfg.h2e ? s->n_rejected : 0,
	};
	struct sae_event ev = { .msg = SAE_MSG_COMMIT, .status = f.status,
				.has_token = s->token_len > 0 };
	size_t len;
	int ret;

	ret = sae_crypto_own_commit(s->c, scalar, element);
	if (!ret)
		ret = sae_frame_build_commit(&f, body, sizeof(body), &len);
	if (ret)
		return ret;
	ev.attempt = ++s->commit_tx;
	return tx(s, body, len, &ev, "commit");
}

/* 12.4.5.5: each Confirm sent carries a larger send-confirm (up to 2^16 - 2;
 * 2^16 - 1 is kept for the Accepted state's answers, 12.4.8.6.6). */
static int send_confirm(struct sae *s, uint16_t sc)
{
	uint8_t cn[SAE_MAX_HASH_LEN], body[SAE_BODY_MAX];
	struct sae_event ev = { .msg = SAE_MSG_CONFIRM, .send_confirm = sc };
	size_t hl = sae_crypto_hash_len(s->c), len;
	int ret;

	ret = sae_crypto_confirm(s->c, sc, true, cn);
	if (!ret)
		ret = sae_frame_build_confirm(sc, cn, hl, body, sizeof(body), &len);
	secure_zero(cn, sizeof(cn));
	if (ret)
		return ret;
	ev.attempt = ++s->confirm_tx;
	return tx(s, body, len, &ev, "confirm");
}

static int next_confirm(struct sae *s)
{
	if (s->sc < 0xfffe)
		s->sc++;
	return send_confirm(s, s->sc);
}

static int send_reject(struct sae *s, uint16_t status, uint16_t group, const uint8_t *token,
		       size_t token_len, bool container)
{
	struct sae_event ev = { .msg = SAE_MSG_COMMIT, .status = status, .group = group,
				.has_token = token_len > 0 };
	uint8_t body[SAE_BODY_MAX];
	size_t len;
	int ret;

	ret = sae_frame_build_reject(status, group, token, token_len, container, body,
				     sizeof(body), &len);
	if (ret)
		return ret;
	return tx(s, body, len, &ev, "rejection");
}

/* ---- groups ---- */

static bool group_configured(const struct sae *s, uint16_t group)
{
	for (size_t i = 0; i < s->cfg.n_groups; i++)
		if (s->cfg.groups[i] == group)
			return true;
	return false;
}

/* A new attempt in group: PWE (12.4.4.2.2, or 12.4.4.2.3 from PT), then rand,
 * mask, scalar and element (12.4.5.2). Counters start again. */
static int use_group(struct sae *s, uint16_t group)
{
	uint8_t pt[2 * SAE_MAX_PRIME_LEN];
	struct sae_crypto *c;
	int ret;

	c = sae_crypto_new(group, s->cfg.h2e);
	if (!c)
		return -ENOMEM;
	if (s->cfg.h2e) {
		ret = sae_pt_derive(group, s->cfg.ssid, s->cfg.ssid_len, s->cfg.password,
				    s->cfg.password_len, s->cfg.pwid, s->cfg.pwid_len, pt, NULL);
		if (!ret)
			ret = sae_crypto_pwe_h2e(c, pt, s->cfg.own_addr, s->cfg.peer_addr, NULL);
	} else {
		ret = sae_crypto_pwe_hnp(c, s->cfg.own_addr, s->cfg.peer_addr, s->cfg.password,
					 s->cfg.password_len);
	}
	if (!ret)
		ret = sae_crypto_commit_random(c, s->ops.random, s->ctx);
	secure_zero(pt, sizeof(pt));
	if (ret) {
		sae_crypto_free(c);
		return ret;
	}
	if (s->group && s->group != group) {
		struct sae_event ev = { .type = SAE_EV_GROUP, .group = group,
					.prev_group = s->group };

		emit(s, LOG_LVL_INFO, &ev, "group %u -> %u", s->group, group);
	}
	sae_crypto_free(s->c);
	s->c = c;
	s->group = group;
	s->sync = 0;
	s->sc = 0;
	s->rc = 0;
	s->commit_tx = 0;
	s->confirm_tx = 0;
	s->peer_rejected_len = 0;
	return 0;
}

/* ---- processing a peer commit ---- */

/* 12.4.5.4: keyseed's salt. H2E after a group was rejected: the Rejected
 * Groups list (ours if we sent one, else the peer's); otherwise zeros. */
static int derive(struct sae *s)
{
	uint8_t own[2 * SAE_MAX_GROUPS];

	if (s->cfg.h2e && s->n_rejected) {
		for (size_t i = 0; i < s->n_rejected; i++)
			put_le16(own + 2 * i, s->rejected[i]);
		return sae_crypto_derive_keys(s->c, own, 2 * s->n_rejected);
	}
	if (s->cfg.h2e && s->peer_rejected_len)
		return sae_crypto_derive_keys(s->c, s->peer_rejected, s->peer_rejected_len);
	return sae_crypto_derive_keys(s->c, NULL, 0);
}

/* Checks of an H2E commit's elements that need no group math. Returns the
 * reason to refuse it, SAE_R_NONE if acceptable; *status what to answer
 * (0: nothing). */
static enum sae_reason check_h2e_fields(struct sae *s, const struct sae_frame *f,
					uint16_t *status)
{
	*status = 0;
	if (!s->cfg.h2e)
		return SAE_R_NONE;
	/* 12.4.8.6.2/3: an identifier we do not know: status 123 */
	if (f->has_pwid != (s->cfg.pwid_len > 0) ||
	    (f->has_pwid && (f->pwid_len != s->cfg.pwid_len ||
			     memcmp(f->pwid, s->cfg.pwid, f->pwid_len)))) {
		*status = SAE_STATUS_UNKNOWN_PASSWORD_ID;
		return SAE_R_PASSWORD_ID;
	}
	/* 12.4.8.6.3: a listed group that we have enabled means someone
	 * removed it from the exchange (a downgrade): refuse */
	for (size_t i = 0; i + 1 < f->rejected_len; i += 2)
		if (group_configured(s, get_le16(f->rejected + i)))
			return SAE_R_REJECTED_GROUPS;
	return SAE_R_NONE;
}

/* Take the peer's scalar and element, refuse a reflection (12.4.8.6.4),
 * derive k, KCK, PMK. SAE_R_NONE on success. */
static enum sae_reason take_peer_commit(struct sae *s, const struct sae_frame *f)
{
	int ret = sae_crypto_set_peer(s->c, f->scalar, f->element);

	if (ret == -ERANGE)
		return SAE_R_BAD_SCALAR;
	if (ret == -EDOM)
		return SAE_R_BAD_ELEMENT;
	if (ret)
		return SAE_R_INTERNAL;
	if (sae_crypto_peer_is_reflection(s->c))
		return SAE_R_REFLECTION;
	if (s->cfg.h2e && f->rejected_len) {
		memcpy(s->peer_rejected, f->rejected, f->rejected_len);
		s->peer_rejected_len = f->rejected_len;
	}
	ret = derive(s);
	if (ret == -EINVAL)
		return SAE_R_BAD_ELEMENT;	/* K was the identity */
	return ret ? SAE_R_INTERNAL : SAE_R_NONE;
}

/* 12.4.8.6.3 Nothing state, Com event: the parent process (12.4.8.6.2)
 * made this instance for a commit it did not start. */
static int commit_in_nothing(struct sae *s, const struct sae_frame *f)
{
	enum sae_reason r;
	int ret;

	if (s->cfg.ac && sae_ac_required(s->cfg.ac) &&
	    !sae_ac_token_valid(s->cfg.ac, s->cfg.peer_addr, s->cfg.own_addr, f->token,
				f->token_len)) {
		uint8_t tok[SAE_AC_TOKEN_LEN];

		drop(s, SAE_MSG_COMMIT, f->status, SAE_R_TOKEN_REQUIRED,
		     f->token ? "token does not verify" : "no token");
		ret = sae_ac_token(s->cfg.ac, s->cfg.peer_addr, s->cfg.own_addr, tok);
		if (!ret)
			ret = send_reject(s, SAE_STATUS_ANTI_CLOGGING, f->group, tok, sizeof(tok),
					  f->status == SAE_STATUS_HASH_TO_ELEMENT);
		return ret;
	}
	ret = use_group(s, f->group);
	if (ret) {
		fail(s, SAE_R_INTERNAL, 0);
		return ret;
	}
	r = take_peer_commit(s, f);
	if (r != SAE_R_NONE) {
		drop(s, SAE_MSG_COMMIT, f->status, r, NULL);
		forget(s);
		return r == SAE_R_INTERNAL ? -EIO : 0;
	}
	s->token_len = 0;
	sae_enter_state(s, SAE_STATE_CONFIRMED);
	ret = send_commit(s);
	if (!ret)
		ret = next_confirm(s);
	if (!ret)
		ret = t0_arm(s);
	return ret;
}

/* 12.4.8.6.4 Committed state, Com event. */
static int commit_in_committed(struct sae *s, const struct sae_frame *f)
{
	bool switched = false;
	enum sae_reason r;
	int ret;

	if (f->group != s->group) {
		/* Both sides started, in different groups both support: the
		 * larger group number wins, so the two converge; the other
		 * side drops ours and follows. */
		if (f->group < s->group) {
			drop(s, SAE_MSG_COMMIT, f->status, SAE_R_GROUP_MISMATCH, NULL);
			return 0;
		}
		ret = use_group(s, f->group);
		if (ret) {
			fail(s, SAE_R_INTERNAL, 0);
			return ret;
		}
		switched = true;
	}
	r = take_peer_commit(s, f);
	if (r != SAE_R_NONE) {
		drop(s, SAE_MSG_COMMIT, f->status, r, NULL);
		return r == SAE_R_INTERNAL ? -EIO : 0;
	}
	sae_enter_state(s, SAE_STATE_CONFIRMED);
	ret = switched ? send_commit(s) : 0;
	if (!ret)
		ret = next_confirm(s);
	if (!ret)
		ret = t0_arm(s);
	return ret;
}

/* Sync passed dot11RSNASAESync: give up (12.4.8.6.4-6). */
static bool sync_exhausted(struct sae *s)
{
	if (++s->sync <= s->cfg.sync_max)
		return false;
	fail(s, SAE_R_SYNC_LIMIT, 0);
	return true;
}

static int peer_commit(struct sae *s, const struct sae_frame *f)
{
	bool h2e = f->status == SAE_STATUS_HASH_TO_ELEMENT;
	uint16_t status;
	enum sae_reason r;

	if (h2e != s->cfg.h2e) {
		drop(s, SAE_MSG_COMMIT, f->status, SAE_R_H2E_MISMATCH, NULL);
		return 0;
	}
	if (!f->group_known || !group_configured(s, f->group)) {
		/* 12.4.8.6.3/4: status 77, naming the group */
		drop_group(s, SAE_MSG_COMMIT, f->status, f->group, SAE_R_UNSUPPORTED_GROUP, NULL);
		if (s->state == SAE_STATE_NOTHING || s->state == SAE_STATE_COMMITTED)
			return send_reject(s, SAE_STATUS_UNSUPPORTED_GROUP, f->group, NULL, 0,
					   false);
		return 0;
	}
	r = check_h2e_fields(s, f, &status);
	if (r != SAE_R_NONE) {
		drop(s, SAE_MSG_COMMIT, f->status, r, NULL);
		if (status && (s->state == SAE_STATE_NOTHING || s->state == SAE_STATE_COMMITTED))
			return send_reject(s, status, f->group, NULL, 0, false);
		return 0;
	}
	switch (s->state) {
	case SAE_STATE_NOTHING:
		return commit_in_nothing(s, f);
	case SAE_STATE_COMMITTED:
		return commit_in_committed(s, f);
	case SAE_STATE_CONFIRMED:
		/* 12.4.8.6.5: our commit or confirm was lost: send both again */
		if (f->group != s->group) {
			drop(s, SAE_MSG_COMMIT, f->status, SAE_R_GROUP_MISMATCH, NULL);
			return 0;
		}
		if (sync_exhausted(s))
			return 0;
		{
			int ret = send_commit(s);

			if (!ret)
				ret = next_confirm(s);
			if (!ret)
				ret = t0_arm(s);
			return ret;
		}
	case SAE_STATE_ACCEPTED:
		/* a new authentication is the caller's: a new instance */
		drop(s, SAE_MSG_COMMIT, f->status, SAE_R_UNEXPECTED, NULL);
		return 0;
	}
	return 0;
}

/* Status 76 to our commit: echo the token (12.4.6). */
static int token_request(struct sae *s, const struct sae_frame *f)
{
	if (s->state != SAE_STATE_COMMITTED || f->group != s->group || !f->token) {
		drop(s, SAE_MSG_COMMIT, f->status, SAE_R_UNEXPECTED, NULL);
		return 0;
	}
	memcpy(s->token, f->token, f->token_len);
	s->token_len = f->token_len;
	return send_commit(s);
}

/* With a group just set up: to Committed, our Commit sent and t0 armed. */
static int enter_committed(struct sae *s)
{
	int ret;

	sae_enter_state(s, SAE_STATE_COMMITTED);
	ret = send_commit(s);
	if (!ret)
		ret = t0_arm(s);
	return ret;
}

/* Status 77 to our commit: the next configured group (12.4.8.6.4). */
static int group_rejected(struct sae *s, const struct sae_frame *f)
{
	size_t i;
	int ret;

	if (s->state != SAE_STATE_COMMITTED || !f->has_group || f->group != s->group) {
		drop(s, SAE_MSG_COMMIT, f->status, SAE_R_UNEXPECTED, NULL);
		return 0;
	}
	for (i = 0; i < s->cfg.n_groups && s->cfg.groups[i] != s->group; i++)
		;
	if (s->n_rejected < SAE_MAX_GROUPS)
		s->rejected[s->n_rejected++] = s->group;
	for (i++; i < s->cfg.n_groups && !sae_group_supported(s->cfg.groups[i]); i++)
		;
	if (i >= s->cfg.n_groups) {
		fail(s, SAE_R_NO_GROUP, f->status);
		return 0;
	}
	s->token_len = 0;
	ret = use_group(s, s->cfg.groups[i]);
	if (ret) {
		fail(s, SAE_R_INTERNAL, 0);
		return ret;
	}
	return enter_committed(s);
}

static int rx_commit(struct sae *s, const struct sae_frame *f)
{
	switch (f->status) {
	case SAE_STATUS_SUCCESS:
	case SAE_STATUS_HASH_TO_ELEMENT:
		return peer_commit(s, f);
	case SAE_STATUS_ANTI_CLOGGING:
		return token_request(s, f);
	case SAE_STATUS_UNSUPPORTED_GROUP:
		return group_rejected(s, f);
	}
	if (s->state == SAE_STATE_COMMITTED) {
		fail(s, SAE_R_PEER_STATUS, f->status);
		return 0;
	}
	drop(s, SAE_MSG_COMMIT, f->status, SAE_R_UNEXPECTED, NULL);
	return 0;
}

/* The peer's confirm verifies: CN(KCK, peer's send-confirm, peer values
 * first) (12.4.5.6). */
static bool confirm_ok(struct sae *s, const struct sae_frame *f)
{
	uint8_t want[SAE_MAX_HASH_LEN];
	bool ok;

	if (f->confirm_len != sae_crypto_hash_len(s->c) ||
	    sae_crypto_confirm(s->c, f->send_confirm, false, want))
		return false;
	ok = ct_equal(want, f->confirm, f->confirm_len);
	secure_zero(want, sizeof(want));
	return ok;
}

static int accept(struct sae *s, const struct sae_frame *f)
{
	struct sae_event ev = { .type = SAE_EV_ACCEPTED, .pmkid = s->pmkid };
	int ret;

	t0_cancel(s);
	ret = sae_crypto_keys(s->c, NULL, s->pmk, s->pmkid);
	if (ret) {
		fail(s, SAE_R_INTERNAL, 0);
		return ret;
	}
	s->have_pmk = true;
	s->rc = f->send_confirm;
	emit(s, LOG_LVL_INFO, &ev, "authenticated in group %u", s->group);
	sae_enter_state(s, SAE_STATE_ACCEPTED);
	return 0;
}

static int rx_confirm(struct sae *s, const struct sae_frame *f)
{
	int ret;

	if (f->status != SAE_STATUS_SUCCESS) {
		drop(s, SAE_MSG_CONFIRM, f->status, SAE_R_PEER_STATUS, NULL);
		return 0;
	}
	switch (s->state) {
	case SAE_STATE_NOTHING:
		drop(s, SAE_MSG_CONFIRM, f->status, SAE_R_UNEXPECTED, NULL);
		return 0;
	case SAE_STATE_COMMITTED:
		/* 12.4.8.6.4: the peer has not seen our commit: send it again */
		drop(s, SAE_MSG_CONFIRM, f->status, SAE_R_UNEXPECTED, "resending commit");
		if (sync_exhausted(s))
			return 0;
		ret = send_commit(s);
		if (!ret)
			ret = t0_arm(s);
		return ret;
	case SAE_STATE_CONFIRMED:
		if (!confirm_ok(s, f)) {
			drop(s, SAE_MSG_CONFIRM, f->status, SAE_R_CONFIRM_MISMATCH, NULL);
			return 0;
		}
		return accept(s, f);
	case SAE_STATE_ACCEPTED:
		/* 12.4.8.6.6: a newer confirm means ours was lost: answer
		 * with send-confirm 2^16 - 1 */
		if (f->send_confirm <= s->rc || f->send_confirm == 0xffff) {
			drop(s, SAE_MSG_CONFIRM, f->status, SAE_R_STALE_CONFIRM, NULL);
			return 0;
		}
		if (!confirm_ok(s, f)) {
			drop(s, SAE_MSG_CONFIRM, f->status, SAE_R_CONFIRM_MISMATCH, NULL);
			return 0;
		}
		if (sync_exhausted(s))
			return 0;
		s->rc = f->send_confirm;
		return send_confirm(s, 0xffff);
	}
	return 0;
}

/* 12.4.8.6.4/5: t0 expired: send again, up to dot11RSNASAESync times. */
static void t0_fire(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sae *s = ctx;
	struct sae_event ev = { .type = SAE_EV_RETRY };
	int ret = 0;

	s->t0 = NULL;
	if (sync_exhausted(s))
		return;
	emit(s, LOG_LVL_DEBUG, &ev, "t0 expired in %s, resending (sync %u)",
	     sae_state_name(s->state), s->sync);
	switch (s->state) {
	case SAE_STATE_COMMITTED:
		ret = send_commit(s);
		break;
	case SAE_STATE_CONFIRMED:
		ret = send_commit(s);
		if (!ret)
			ret = next_confirm(s);
		break;
	case SAE_STATE_NOTHING:
	case SAE_STATE_ACCEPTED:
		return;
	}
	if (!ret)
		ret = t0_arm(s);
	if (ret)
		fail(s, SAE_R_INTERNAL, 0);
}

/* ---- API ---- */

struct sae *sae_new(struct loop *loop, const struct sae_config *cfg,
		    const struct sae_ops *ops, void *ctx)
{
	struct sae *s;

	if (!loop || !cfg || !ops || !cfg->n_groups || cfg->n_groups > SAE_MAX_GROUPS ||
	    cfg->password_len > SAE_PASSWORD_MAX || cfg->ssid_len > sizeof(cfg->ssid) ||
	    cfg->pwid_len > SAE_PWID_MAX || (!cfg->h2e && cfg->pwid_len))
		return NULL;
	for (size_t i = 0; i < cfg->n_groups; i++)
		if (!sae_group_supported(cfg->groups[i]))
			return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->loop = loop;
	s->ops = *ops;
	s->ctx = ctx;
	s->cfg = *cfg;
	s->state = SAE_STATE_NOTHING;
	mac_str(s->cfg.peer_addr, s->peer_str);
	return s;
}

void sae_free(struct sae *s)
{
	if (!s)
		return;
	forget(s);
	if (s->counted)
		sae_ac_session_close(s->cfg.ac);
	secure_zero(s, sizeof(*s));
	free(s);
}

int sae_start(struct sae *s)
{
	int ret;

	if (s->state != SAE_STATE_NOTHING)
		return -EALREADY;
	s->n_rejected = 0;
	s->token_len = 0;
	s->group = 0;
	ret = use_group(s, s->cfg.groups[0]);
	if (ret)
		return ret;
	return enter_committed(s);
}

int sae_rx(struct sae *s, const uint8_t *body, size_t len)
{
	struct sae_event ev = { .type = SAE_EV_RX };
	struct sae_frame f;
	const char *why;

	if (sae_frame_parse(body, len, &f, &why)) {
		drop(s, len >= 4 && get_le16(body + 2) == SAE_SEQ_CONFIRM ? SAE_MSG_CONFIRM :
									    SAE_MSG_COMMIT,
		     len >= 6 ? get_le16(body + 4) : 0, SAE_R_MALFORMED, why);
		return 0;
	}
	ev.msg = f.seq == SAE_SEQ_COMMIT ? SAE_MSG_COMMIT : SAE_MSG_CONFIRM;
	ev.status = f.status;
	ev.group = f.has_group ? f.group : 0;
	ev.send_confirm = f.send_confirm;
	ev.has_token = f.token != NULL;
	emit(s, LOG_LVL_DEBUG, &ev, "received %s (status %u) in %s", sae_msg_name(ev.msg),
	     f.status, sae_state_name(s->state));
	if (f.seq == SAE_SEQ_COMMIT)
		return rx_commit(s, &f);
	return rx_confirm(s, &f);
}

enum sae_state sae_state(const struct sae *s)
{
	return s->state;
}

uint16_t sae_group(const struct sae *s)
{
	return s->group;
}

unsigned int sae_sync(const struct sae *s)
{
	return s->sync;
}

int sae_get_pmk(const struct sae *s, uint8_t *pmk, uint8_t *pmkid)
{
	if (s->state != SAE_STATE_ACCEPTED || !s->have_pmk)
		return -ENOTCONN;
	if (pmk)
		memcpy(pmk, s->pmk, SAE_PMK_LEN);
	if (pmkid)
		memcpy(pmkid, s->pmkid, SAE_PMKID_LEN);
	return 0;
}
