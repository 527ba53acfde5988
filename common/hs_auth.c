// SPDX-License-Identifier: MIT
/* hs_auth.c: the authenticator's per-station state machines: the 4-way
 * handshake (IEEE 802.11-2020 12.7.6, states as in 12.7.10 / hostapd's
 * WPA_PTK) and the per-station part of the group key handshake (12.7.7,
 * WPA_PTK_GROUP), with retransmission, replay counters and the
 * "invalid MIC in msg 2/4" diagnosis. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hs_priv.h"
#include "util.h"

#define REASON_4WAY_TIMEOUT	15
#define REASON_GROUP_TIMEOUT	16
#define REASON_IE_DIFFERENT	17

static void auth_enter_state(struct hs_auth *a, enum hs_auth_state s)
{
	struct hs_event ev = {
		.type = HS_EV_STATE,
		.machine = "WPA_PTK",
		.old_state = hs_auth_state_name(a->state),
		.new_state = hs_auth_state_name(s),
	};

	a->state = s;
	hs_emit(&a->b, LOG_LVL_DEBUG, &ev,
		"STA %s WPA_PTK entering state %s (%s -> %s)", a->b.peer_str,
		ev.new_state, ev.old_state, ev.new_state);
}

static void auth_enter_gstate(struct hs_auth *a, enum hs_auth_gstate s)
{
	struct hs_event ev = {
		.type = HS_EV_STATE,
		.machine = "WPA_PTK_GROUP",
		.old_state = hs_auth_gstate_name(a->gstate),
		.new_state = hs_auth_gstate_name(s),
	};

	a->gstate = s;
	hs_emit(&a->b, LOG_LVL_DEBUG, &ev,
		"STA %s WPA_PTK_GROUP entering state %s (%s -> %s)",
		a->b.peer_str, ev.new_state, ev.old_state, ev.new_state);
}

static const char *proto_word(const struct hs_auth *a)
{
	return a->cfg.proto == IE_PROTO_RSN ? "RSN" : "WPA";
}

static void auth_drop(struct hs_auth *a, enum eapol_msg m, const char *why)
{
	struct hs_event ev = { .type = HS_EV_DROPPED, .msg = m };

	hs_emit(&a->b, LOG_LVL_INFO, &ev, "STA %s WPA: dropped EAPOL-Key %s: %s",
		a->b.peer_str, eapol_msg_name(m), why);
}

static void auth_timer_cancel(struct hs_auth *a)
{
	if (a->timer)
		loop_timer_cancel(a->b.loop, a->timer);
	a->timer = NULL;
}

static void pending_reset(struct hs_auth *a, enum eapol_msg m)
{
	a->n_pending = 0;
	a->pending_msg = m;
	a->tries = 0;
}

static void pending_add(struct hs_auth *a, uint64_t rc)
{
	if (a->n_pending == HS_PENDING_MAX) {
		memmove(a->pending, a->pending + 1,
			(HS_PENDING_MAX - 1) * sizeof(a->pending[0]));
		a->n_pending--;
	}
	a->pending[a->n_pending++] = rc;
}

static bool pending_has(const struct hs_auth *a, uint64_t rc)
{
	for (size_t i = 0; i < a->n_pending; i++)
		if (a->pending[i] == rc)
			return true;
	return false;
}

static void forget_ptk(struct hs_auth *a)
{
	secure_zero(a->ptk, sizeof(a->ptk));
	a->ptk_valid = false;
	a->ptk_installed = false;
}

static void timer_cb(struct loop *l, struct loop_timer *t, void *ctx);

/* Keep the ANonce being replaced, newest first, for the diagnosis. */
static void push_old_anonce(struct hs_auth *a)
{
	if (a->n_old_anonce == HS_ANONCE_HISTORY)
		a->n_old_anonce--;
	memmove(a->old_anonce[1], a->old_anonce[0], a->n_old_anonce * NONCE_LEN);
	memcpy(a->old_anonce[0], a->anonce, NONCE_LEN);
	a->n_old_anonce++;
}

static int auth_timer_arm(struct hs_auth *a, bool group)
{
	const struct hs_timeouts *to = &a->cfg.timeouts;
	uint32_t ms;

	if (group)
		ms = a->tries <= 1 ? to->group_first_ms : to->group_ms;
	else
		ms = a->tries <= 1 ? to->pairwise_first_ms : to->pairwise_ms;
	auth_timer_cancel(a);
	a->timer = loop_timer_add(a->b.loop, (uint64_t)ms * 1000, timer_cb, a);
	return a->timer ? 0 : -ENOMEM;
}

/* Leave the handshake: DISCONNECT, ask the caller to deauthenticate. */
static void auth_fail(struct hs_auth *a, uint16_t reason)
{
	struct hs_event ev = { .type = HS_EV_DEAUTH_REQUEST, .reason_code = reason };

	auth_timer_cancel(a);
	pending_reset(a, EAPOL_MSG_UNKNOWN);
	forget_ptk(a);
	auth_enter_state(a, HS_AUTH_DISCONNECT);
	hs_group_member_done(&a->gm, false);
	auth_enter_state(a, HS_AUTH_DISCONNECTED);
	hs_emit(&a->b, LOG_LVL_INFO, &ev,
		"STA %s WPA: requesting deauthentication (reason %u)",
		a->b.peer_str, reason);
}

static void emit_send(struct hs_auth *a, enum eapol_msg m, const char *hs)
{
	struct hs_event ev = {
		.type = a->tries > 1 ? HS_EV_RETRY : HS_EV_TX,
		.msg = m,
		.attempt = (int)a->tries,
	};
	int n = eapol_msg_number(m);

	hs_emit(&a->b, LOG_LVL_DEBUG, &ev,
		"STA %s WPA: sending %d/%d msg of %s (attempt %u)", a->b.peer_str,
		n, hs[0] == '4' ? 4 : 2, hs, a->tries);
}

static int auth_send(struct hs_auth *a, enum eapol_msg m,
		     const struct eapol_key_params *p)
{
	uint8_t frame[EAPOL_KEY_FRAME_MAX];
	uint64_t hold_us = 0, now, ready;
	size_t len;
	int ret;

	ret = hs_build_frame(p, a->cfg.akm, hs_config_desc_version(&a->cfg), a->ptk,
			     frame, sizeof(frame), &len);
	if (ret)
		goto cleanup;
	/* group msg 1/2 no sooner than g1_after_ptk_us after the PTK */
	if (m == EAPOL_MSG_GROUP_1 && a->t_ptk_us && a->cfg.timeouts.g1_after_ptk_us) {
		now = hs_now(&a->b);
		ready = a->t_ptk_us + a->cfg.timeouts.g1_after_ptk_us;
		hold_us = now < ready ? ready - now : 0;
	}
	ret = hs_tx(&a->b, m, frame, len, hold_us);
cleanup:
	secure_zero(frame, sizeof(frame));
	return ret;
}

/* 12.7.6.2: msg 1/4, ANonce, no MIC. */
static int send_m1(struct hs_auth *a, bool resend)
{
	struct eapol_key_params p = { 0 };
	unsigned int ver = hs_config_desc_version(&a->cfg);
	int ret;

	if (resend && a->b.faults->new_anonce_on_resend) {
		push_old_anonce(a);
		ret = hs_random(&a->b, a->anonce, NONCE_LEN);
		if (ret)
			return ret;
		hs_fault_fired(&a->b, HS_FAULT_ANONCE_PER_RESEND, EAPOL_MSG_PTK_1,
			       "new ANonce in resent msg 1/4");
	}
	p.eapol_version = a->cfg.eapol_version;
	p.desc_type = a->cfg.proto == IE_PROTO_RSN ? EAPOL_DESC_RSN : EAPOL_DESC_WPA;
	p.key_info = (uint16_t)(ver | KEY_INFO_TYPE_PAIRWISE | KEY_INFO_ACK);
	p.key_len = (uint16_t)wpa_cipher_key_len(a->cfg.pairwise_cipher);
	p.replay_counter = ++a->replay_counter;
	p.nonce = a->anonce;
	pending_add(a, p.replay_counter);
	a->tries++;
	emit_send(a, EAPOL_MSG_PTK_1, "4-Way Handshake");
	ret = auth_send(a, EAPOL_MSG_PTK_1, &p);
	if (ret)
		return ret;
	return auth_timer_arm(a, false);
}

static void put_rsc(uint8_t rsc[EAPOL_KEY_RSC_LEN], uint64_t tsc)
{
	for (int i = 0; i < EAPOL_KEY_RSC_LEN; i++)
		rsc[i] = (uint8_t)(i < 6 ? tsc >> (8 * i) : 0);
}

/* 12.7.6.4: msg 3/4. RSN: own RSNE + GTK KDE, encrypted; WPA: own WPA IE. */
static int send_m3(struct hs_auth *a)
{
	struct eapol_key_params p = { 0 };
	unsigned int ver = hs_config_desc_version(&a->cfg);
	uint8_t plain[EAPOL_KEY_DATA_MAX / 2], enc[EAPOL_KEY_DATA_MAX];
	uint8_t iv[EAPOL_KEY_IV_LEN] = { 0 }, rsc[EAPOL_KEY_RSC_LEN] = { 0 };
	size_t plen = 0, elen = 0, n;
	int ret;

	memcpy(plain, a->cfg.own_ie, a->cfg.own_ie_len);
	plen = a->cfg.own_ie_len;
	p.key_info = (uint16_t)(ver | KEY_INFO_TYPE_PAIRWISE | KEY_INFO_INSTALL |
				KEY_INFO_ACK | KEY_INFO_MIC);
	if (a->cfg.proto == IE_PROTO_RSN) {
		p.key_info |= KEY_INFO_SECURE | KEY_INFO_ENCR_KEY_DATA;
		if (a->gm.group) {
			ret = hs_auth_group_kdes(a, EAPOL_MSG_PTK_3, plain + plen,
						 sizeof(plain) - plen, &n);
			if (ret)
				goto cleanup;
			plen += n;
			put_rsc(rsc, hs_group_rsc(a->gm.group));
		}
		if (ver == KEY_DESC_VER_HMAC_MD5_RC4) {
			ret = hs_random(&a->b, iv, sizeof(iv));
			if (ret)
				goto cleanup;
		}
		ret = eapol_key_data_encrypt(ver, a->ptk + KCK_LEN, iv, plain, plen,
					     enc, sizeof(enc), &elen);
		if (ret)
			goto cleanup;
		p.key_data = enc;
		p.key_data_len = elen;
		p.iv = iv;
		p.rsc = rsc;
	} else {
		p.key_data = plain;
		p.key_data_len = plen;
	}
	p.eapol_version = a->cfg.eapol_version;
	p.desc_type = a->cfg.proto == IE_PROTO_RSN ? EAPOL_DESC_RSN : EAPOL_DESC_WPA;
	p.key_len = (uint16_t)wpa_cipher_key_len(a->cfg.pairwise_cipher);
	p.replay_counter = ++a->replay_counter;
	p.nonce = a->anonce;
	pending_add(a, p.replay_counter);
	a->tries++;
	emit_send(a, EAPOL_MSG_PTK_3, "4-Way Handshake");
	ret = auth_send(a, EAPOL_MSG_PTK_3, &p);
	if (ret)
		goto cleanup;
	ret = auth_timer_arm(a, false);
cleanup:
	secure_zero(plain, sizeof(plain));
	secure_zero(enc, sizeof(enc));
	return ret;
}

/* 12.7.7.2: group msg 1/2. WPA: the GTK itself (RC4 or AES-wrapped) with the
 * key index in key_info; RSN: an encrypted GTK KDE. */
static int send_group_m1(struct hs_auth *a)
{
	struct eapol_key_params p = { 0 };
	struct hs_group *g = a->gm.group;
	unsigned int ver = hs_config_desc_version(&a->cfg);
	uint8_t plain[160], enc[176];
	uint8_t iv[EAPOL_KEY_IV_LEN] = { 0 }, rsc[EAPOL_KEY_RSC_LEN];
	size_t plen, elen;
	int ret;

	p.key_info = (uint16_t)(ver | KEY_INFO_MIC | KEY_INFO_ACK | KEY_INFO_SECURE);
	if (a->cfg.proto == IE_PROTO_RSN) {
		p.key_info |= KEY_INFO_ENCR_KEY_DATA;
		ret = hs_auth_group_kdes(a, EAPOL_MSG_GROUP_1, plain, sizeof(plain), &plen);
		if (ret)
			goto cleanup;
	} else {
		p.key_info |= (uint16_t)(hs_auth_announced_idx(a, EAPOL_MSG_GROUP_1) << KEY_INFO_KEYIDX_SHIFT);
		p.key_len = (uint16_t)g->gtk_len;
		memcpy(plain, g->gtk, g->gtk_len);
		plen = g->gtk_len;
	}
	if (ver == KEY_DESC_VER_HMAC_MD5_RC4) {
		ret = hs_random(&a->b, iv, sizeof(iv));
		if (ret)
			goto cleanup;
	}
	ret = eapol_key_data_encrypt(ver, a->ptk + KCK_LEN, iv, plain, plen, enc,
				     sizeof(enc), &elen);
	if (ret)
		goto cleanup;
	put_rsc(rsc, hs_group_rsc(g));
	p.eapol_version = a->cfg.eapol_version;
	p.desc_type = a->cfg.proto == IE_PROTO_RSN ? EAPOL_DESC_RSN : EAPOL_DESC_WPA;
	p.replay_counter = ++a->replay_counter;
	p.nonce = g->gnonce;
	p.iv = iv;
	p.rsc = rsc;
	p.key_data = enc;
	p.key_data_len = elen;
	pending_add(a, p.replay_counter);
	a->tries++;
	emit_send(a, EAPOL_MSG_GROUP_1, "Group Key Handshake");
	ret = auth_send(a, EAPOL_MSG_GROUP_1, &p);
	if (ret)
		goto cleanup;
	ret = auth_timer_arm(a, true);
cleanup:
	secure_zero(plain, sizeof(plain));
	secure_zero(enc, sizeof(enc));
	return ret;
}

static int auth_group_start(struct hs_auth *a)
{
	if (a->state != HS_AUTH_PTKINITDONE || !a->gm.group)
		return -EINVAL;
	auth_timer_cancel(a);
	auth_enter_gstate(a, HS_AUTH_G_REKEYNEGOTIATING);
	pending_reset(a, EAPOL_MSG_GROUP_1);
	return send_group_m1(a);
}

static void auth_timeout(struct hs_auth *a, bool group)
{
	struct hs_event ev = {
		.type = HS_EV_TIMEOUT,
		.msg = a->pending_msg,
		.attempt = (int)a->tries,
	};

	hs_emit(&a->b, LOG_LVL_INFO, &ev,
		"STA %s WPA: EAPOL-Key timeout (%s, %u tries): retry limit reached", a->b.peer_str,
		eapol_msg_name(a->pending_msg), a->tries);
	if (group) {
		auth_enter_gstate(a, HS_AUTH_G_KEYERROR);
		auth_fail(a, REASON_GROUP_TIMEOUT);
	} else {
		auth_fail(a, REASON_4WAY_TIMEOUT);
	}
}

static void timer_cb(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct hs_auth *a = ctx;
	int ret = 0;

	a->timer = NULL;
	/* As a hostapd -d reader knows it: one "EAPOL-Key timeout" line per
	 * expiry that leads to a resend; the last one says why it gives up. */
	if ((a->pending_msg == EAPOL_MSG_GROUP_1 ? a->tries < a->cfg.timeouts.group_tries :
	     a->tries < a->cfg.timeouts.pairwise_tries) &&
	    (a->pending_msg == EAPOL_MSG_PTK_1 || a->pending_msg == EAPOL_MSG_PTK_3 ||
	     a->pending_msg == EAPOL_MSG_GROUP_1))
		log_info(HS_TAG, "STA %s WPA: EAPOL-Key timeout", a->b.peer_str);
	switch (a->pending_msg) {
	case EAPOL_MSG_PTK_1:
		if (a->tries >= a->cfg.timeouts.pairwise_tries) {
			auth_timeout(a, false);
			return;
		}
		if (a->state != HS_AUTH_PTKSTART)
			auth_enter_state(a, HS_AUTH_PTKSTART);
		ret = send_m1(a, true);
		break;
	case EAPOL_MSG_PTK_3:
		if (a->tries >= a->cfg.timeouts.pairwise_tries) {
			auth_timeout(a, false);
			return;
		}
		ret = send_m3(a);
		break;
	case EAPOL_MSG_GROUP_1:
		if (a->tries >= a->cfg.timeouts.group_tries) {
			auth_timeout(a, true);
			return;
		}
		ret = send_group_m1(a);
		break;
	case EAPOL_MSG_UNKNOWN:
	case EAPOL_MSG_PTK_2:
	case EAPOL_MSG_PTK_4:
	case EAPOL_MSG_GROUP_2:
	case EAPOL_MSG_REQUEST:
		return;
	}
	if (ret)
		log_err(HS_TAG, "STA %s WPA: retransmission failed: %s",
			a->b.peer_str, strerror(-ret));
}

static void diagnose(struct hs_auth *a, const struct eapol_key *k)
{
	struct hs_event ev = { .type = HS_EV_DIAGNOSIS, .msg = EAPOL_MSG_PTK_2 };
	struct hs_diag_input in = {
		.m2 = k,
		.desc_ver = hs_config_desc_version(&a->cfg),
		.akm = a->cfg.akm,
		.ptk_len = wpa_cipher_ptk_len(a->cfg.pairwise_cipher),
		.pmk = a->cfg.pmk,
		.aa = a->cfg.aa,
		.spa = a->cfg.spa,
		.anonce = a->anonce,
		.old_anonce = (const uint8_t (*)[NONCE_LEN])a->old_anonce,
		.n_old_anonce = a->n_old_anonce,
		.alt_pmk = (const uint8_t (*)[PMK_LEN])a->cfg.alt_pmk,
		.alt_pmk_label = (const char (*)[32])a->cfg.alt_pmk_label,
		.n_alt_pmk = a->cfg.n_alt_pmk,
		.alt_bssid = (const uint8_t (*)[6])a->cfg.alt_bssid,
		.n_alt_bssid = a->cfg.n_alt_bssid,
	};
	char line[200];

	hs_diagnose_m2(&in, line, sizeof(line));
	ev.diagnosis = line;
	hs_emit(&a->b, LOG_LVL_INFO, &ev, "STA %s WPA: %s", a->b.peer_str, line);
}

/* May this invalid msg 2/4 have a full diagnosis? A token bucket of
 * HS_DIAG_BURST, one token back every HS_DIAG_INTERVAL_US. */
static bool diag_take(struct hs_auth *a)
{
	uint64_t now = hs_now(&a->b);

	while (a->diag_tokens < HS_DIAG_BURST && now >= a->diag_refill_us) {
		a->diag_tokens++;
		a->diag_refill_us += HS_DIAG_INTERVAL_US;
	}
	if (!a->diag_tokens)
		return false;
	if (a->diag_tokens-- == HS_DIAG_BURST)
		a->diag_refill_us = now + HS_DIAG_INTERVAL_US;
	return true;
}

static int rx_m2(struct hs_auth *a, const struct eapol_key *k)
{
	struct hs_event ev = { .msg = EAPOL_MSG_PTK_2 };
	const uint8_t *ie;
	const char *why = NULL;
	enum ie_cmp_result cmp;
	size_t ie_len = 0;
	int ret;

	if (a->state != HS_AUTH_PTKSTART && a->state != HS_AUTH_PTKCALCNEGOTIATING) {
		auth_drop(a, EAPOL_MSG_PTK_2, "not waiting for msg 2/4");
		return 0;
	}
	if (!pending_has(a, k->replay_counter)) {
		ev.type = HS_EV_REPLAY;
		hs_emit(&a->b, LOG_LVL_INFO, &ev,
			"STA %s WPA: received EAPOL-Key 2/4 Pairwise with unexpected "
			"replay counter %llu", a->b.peer_str,
			(unsigned long long)k->replay_counter);
		return 0;
	}
	memcpy(a->snonce, k->nonce, NONCE_LEN);
	auth_enter_state(a, HS_AUTH_PTKCALCNEGOTIATING);
	a->ptk_len = wpa_cipher_ptk_len(a->cfg.pairwise_cipher);
	ret = hs_derive_ptk(a->cfg.akm, a->cfg.pmk, a->cfg.aa, a->cfg.spa, a->anonce,
			    a->snonce, a->ptk, a->ptk_len);
	if (ret)
		return ret;
	if (!hs_mic_verify(a->cfg.akm, a->ptk, k)) {
		bool diag = diag_take(a);

		forget_ptk(a);
		ev.type = HS_EV_MIC_FAILURE;
		ev.rate_limited = !diag;
		if (diag) {
			hs_emit(&a->b, LOG_LVL_INFO, &ev,
				"STA %s WPA: invalid MIC in msg 2/4 of 4-Way Handshake",
				a->b.peer_str);
			diagnose(a, k);
		} else {
			hs_emit(&a->b, LOG_LVL_INFO, &ev,
				"STA %s WPA: invalid MIC in msg 2/4 of 4-Way Handshake "
				"(diagnosis rate-limited: %u per station, then one per "
				"%llu s)", a->b.peer_str, HS_DIAG_BURST,
				HS_DIAG_INTERVAL_US / 1000000);
		}
		/* Stay in PTKCALCNEGOTIATING: another 2/4 or the timer (which
		 * resends 1/4 or gives up) decides, as in 12.7.10. */
		return 0;
	}
	log_hexdump_key(LOG_LVL_MSGDUMP, HS_TAG, "WPA: PTK", a->ptk, a->ptk_len);
	ie = ie_find_wpa_any(k->key_data, k->key_data_len, a->cfg.proto, &ie_len);
	cmp = ie_compare_assoc(a->cfg.peer_ie, a->cfg.peer_ie_len, ie, ie ? ie_len : 0,
			       &why);
	if (cmp != IE_CMP_EQUAL) {
		ev.type = HS_EV_IE_MISMATCH;
		hs_emit(&a->b, LOG_LVL_INFO, &ev,
			"STA %s WPA: IE from (Re)AssocReq did not match with msg 2/4 "
			"(%s: %s)", a->b.peer_str, ie_cmp_result_name(cmp),
			why ? why : "bytes differ");
		auth_fail(a, REASON_IE_DIFFERENT);
		return 0;
	}
	a->ptk_valid = true;
	auth_timer_cancel(a);
	auth_enter_state(a, HS_AUTH_PTKCALCNEGOTIATING2);
	auth_enter_state(a, HS_AUTH_PTKINITNEGOTIATING);
	pending_reset(a, EAPOL_MSG_PTK_3);
	ret = send_m3(a);
	if (ret)
		return ret;
	if (a->b.faults->resend_m3) {
		hs_fault_fired(&a->b, HS_FAULT_RESEND_M3, EAPOL_MSG_PTK_3,
			       "sending msg 3/4 a second time");
		ret = send_m3(a);
	}
	return ret;
}

/* A reply (msg 4/4, group msg 2/2) must answer a pending request and carry
 * a MIC made with our KCK; otherwise it is logged, reported and dropped. */
static bool reply_verified(struct hs_auth *a, const struct eapol_key *k,
			   struct hs_event *ev, const char *frame, const char *msg)
{
	if (!pending_has(a, k->replay_counter)) {
		ev->type = HS_EV_REPLAY;
		hs_emit(&a->b, LOG_LVL_INFO, ev,
			"STA %s WPA: received EAPOL-Key %s with unexpected "
			"replay counter %llu", a->b.peer_str, frame,
			(unsigned long long)k->replay_counter);
		return false;
	}
	if (!hs_mic_verify(a->cfg.akm, a->ptk, k)) {
		ev->type = HS_EV_MIC_FAILURE;
		hs_emit(&a->b, LOG_LVL_INFO, ev, "STA %s WPA: invalid MIC in %s",
			a->b.peer_str, msg);
		return false;
	}
	return true;
}

static int rx_m4(struct hs_auth *a, const struct eapol_key *k)
{
	struct hs_event ev = { .msg = EAPOL_MSG_PTK_4 };
	struct hs_key key = {
		.kind = HS_KEY_PTK,
		.addr = a->cfg.spa,
		.cipher = a->cfg.pairwise_cipher,
		.key_idx = 0,
		.key = a->ptk + KCK_LEN + KEK_LEN,
		.key_len = wpa_cipher_key_len(a->cfg.pairwise_cipher),
	};
	int ret;

	if (a->state != HS_AUTH_PTKINITNEGOTIATING) {
		auth_drop(a, EAPOL_MSG_PTK_4, "not waiting for msg 4/4");
		return 0;
	}
	if (!reply_verified(a, k, &ev, "4/4 Pairwise", "msg 4/4 of 4-Way Handshake"))
		return 0;
	auth_timer_cancel(a);
	pending_reset(a, EAPOL_MSG_UNKNOWN);
	ret = hs_install(&a->b, &key);
	if (ret) {
		log_err(HS_TAG, "STA %s WPA: installing the PTK failed: %s",
			a->b.peer_str, strerror(-ret));
		auth_fail(a, REASON_4WAY_TIMEOUT);
		return ret;
	}
	a->ptk_installed = true;
	a->t_ptk_us = hs_now(&a->b);
	ev.type = HS_EV_KEY_INSTALLED;
	ev.key = &key;
	hs_emit(&a->b, LOG_LVL_DEBUG, &ev, "STA %s WPA: installed PTK (%s)",
		a->b.peer_str, wpa_cipher_name(key.cipher));
	ev.key = NULL;
	auth_enter_state(a, HS_AUTH_PTKINITDONE);
	/* the port opens, then the handshake is reported done (hostapd's
	 * order: AP-STA-CONNECTED, then EAPOL-4WAY-HS-COMPLETED) */
	ev.type = HS_EV_AUTHORIZED;
	ev.msg = EAPOL_MSG_UNKNOWN;
	hs_emit(&a->b, LOG_LVL_DEBUG, &ev, "STA %s WPA: port authorized",
		a->b.peer_str);
	ev.type = HS_EV_PAIRWISE_DONE;
	ev.msg = EAPOL_MSG_PTK_4;
	hs_emit(&a->b, LOG_LVL_INFO, &ev,
		"STA %s WPA: pairwise key handshake completed (%s)", a->b.peer_str,
		proto_word(a));
	if (!a->gm.group)
		return 0;
	if (a->cfg.proto == IE_PROTO_WPA)
		return auth_group_start(a);
	auth_enter_gstate(a, HS_AUTH_G_REKEYESTABLISHED);
	return 0;
}

static int rx_g2(struct hs_auth *a, const struct eapol_key *k)
{
	struct hs_event ev = { .msg = EAPOL_MSG_GROUP_2 };

	if (a->gstate != HS_AUTH_G_REKEYNEGOTIATING || !a->ptk_valid) {
		auth_drop(a, EAPOL_MSG_GROUP_2, "not waiting for group msg 2/2");
		return 0;
	}
	if (!reply_verified(a, k, &ev, "2/2 Group", "msg 2/2 of Group Key Handshake"))
		return 0;
	auth_timer_cancel(a);
	pending_reset(a, EAPOL_MSG_UNKNOWN);
	auth_enter_gstate(a, HS_AUTH_G_REKEYESTABLISHED);
	ev.type = HS_EV_GROUP_DONE;
	hs_emit(&a->b, LOG_LVL_INFO, &ev,
		"STA %s WPA: group key handshake completed (%s)", a->b.peer_str,
		proto_word(a));
	hs_group_member_done(&a->gm, true);
	return 0;
}

/* A verified Michael MIC failure report (12.7.2, 12.5.2.4.1): reported to
 * the caller, who runs the TKIP countermeasures, only if the key it names
 * is a TKIP key (Michael protects nothing else). */
static int rx_michael_report(struct hs_auth *a, const struct eapol_key *k,
			     struct hs_event *ev)
{
	bool pairwise = k->key_info & KEY_INFO_TYPE_PAIRWISE;
	uint32_t cipher = pairwise ? a->cfg.pairwise_cipher : a->cfg.group_cipher;

	if (cipher != WPA_CIPHER_TKIP) {
		auth_drop(a, EAPOL_MSG_REQUEST, pairwise ?
			  "Michael MIC failure report, but the pairwise cipher is not TKIP" :
			  "Michael MIC failure report, but the group cipher is not TKIP");
		return 0;
	}
	ev->request = pairwise ? HS_REQ_MICHAEL_PAIRWISE : HS_REQ_MICHAEL_GROUP;
	hs_emit(&a->b, LOG_LVL_INFO, ev,
		"STA %s WPA: received EAPOL-Key Request: Michael MIC failure "
		"report (%s key)", a->b.peer_str, pairwise ? "pairwise" : "group");
	return 0;
}

/* 12.7.2: a Request (Michael MIC failure report, or a rekey request). Only
 * a Request with a valid MIC under the current PTK and a replay counter
 * above every earlier one is acted on. */
static int rx_request(struct hs_auth *a, const struct eapol_key *k)
{
	struct hs_event ev = { .type = HS_EV_RX, .msg = EAPOL_MSG_REQUEST };

	if (!a->ptk_valid || a->state != HS_AUTH_PTKINITDONE) {
		auth_drop(a, EAPOL_MSG_REQUEST, "no PTK yet");
		return 0;
	}
	if (!(k->key_info & KEY_INFO_MIC) ||
	    !hs_mic_verify(a->cfg.akm, a->ptk, k)) {
		auth_drop(a, EAPOL_MSG_REQUEST, "invalid MIC in Request");
		return 0;
	}
	if (a->req_replay_set && k->replay_counter <= a->req_replay) {
		ev.type = HS_EV_REPLAY;
		hs_emit(&a->b, LOG_LVL_INFO, &ev,
			"STA %s WPA: received EAPOL-Key Request with replayed counter",
			a->b.peer_str);
		return 0;
	}
	a->req_replay = k->replay_counter;
	a->req_replay_set = true;
	if (k->key_info & KEY_INFO_ERROR)
		return rx_michael_report(a, k, &ev);
	if (k->key_info & KEY_INFO_TYPE_PAIRWISE) {
		ev.request = HS_REQ_PTK_REKEY;
		hs_emit(&a->b, LOG_LVL_INFO, &ev,
			"STA %s WPA: received EAPOL-Key Request for a new 4-Way Handshake",
			a->b.peer_str);
		return hs_auth_start(a, NULL);
	}
	ev.request = HS_REQ_GTK_REKEY;
	hs_emit(&a->b, LOG_LVL_INFO, &ev,
		"STA %s WPA: received EAPOL-Key Request for GTK rekeying",
		a->b.peer_str);
	if (a->gm.group) {
		int ret = hs_group_rekey(a->gm.group);

		return ret == -EBUSY ? 0 : ret;
	}
	return 0;
}

int hs_auth_rx(struct hs_auth *a, const uint8_t *frame, size_t len)
{
	struct hs_event ev = { .type = HS_EV_RX };
	struct eapol_key k;
	const char *why;
	unsigned int ver, want;
	enum eapol_msg m;
	uint8_t copy[EAPOL_KEY_FRAME_MAX];

	if (hs_rx_faults(&a->b, &frame, len, copy))
		return 0;
	if (eapol_key_parse(frame, len, &k, &why)) {
		auth_drop(a, EAPOL_MSG_UNKNOWN, why);
		return 0;
	}
	if (k.desc_type != (a->cfg.proto == IE_PROTO_RSN ? EAPOL_DESC_RSN :
							     EAPOL_DESC_WPA)) {
		auth_drop(a, EAPOL_MSG_UNKNOWN,
			  "key descriptor type does not match the protocol");
		return 0;
	}
	m = eapol_key_classify(&k);
	ev.msg = m;
	hs_emit(&a->b, LOG_LVL_DEBUG, &ev, "STA %s WPA: received EAPOL-Key frame (%s)",
		a->b.peer_str, eapol_msg_name(m));
	ver = eapol_key_desc_ver(&k);
	want = hs_config_desc_version(&a->cfg);
	if (ver != want) {
		char why2[96];

		snprintf(why2, sizeof(why2), "%s is used, but EAPOL-Key descriptor "
			 "version (%u) is not %u",
			 wpa_cipher_name(a->cfg.pairwise_cipher), ver, want);
		auth_drop(a, m, why2);
		return 0;
	}
	switch (m) {
	case EAPOL_MSG_PTK_2:
		return rx_m2(a, &k);
	case EAPOL_MSG_PTK_4:
		return rx_m4(a, &k);
	case EAPOL_MSG_GROUP_2:
		return rx_g2(a, &k);
	case EAPOL_MSG_REQUEST:
		return rx_request(a, &k);
	case EAPOL_MSG_UNKNOWN:
	case EAPOL_MSG_PTK_1:
	case EAPOL_MSG_PTK_3:
	case EAPOL_MSG_GROUP_1:
		auth_drop(a, m, "not a message a supplicant sends");
		return 0;
	}
	return 0;
}

static int auth_check_config(const struct hs_config *cfg, const struct hs_group *g)
{
	if (cfg->role != HS_ROLE_AUTHENTICATOR)
		return -EINVAL;
	if (cfg->proto != IE_PROTO_RSN && cfg->proto != IE_PROTO_WPA)
		return -EINVAL;
	if (cfg->pairwise_cipher != WPA_CIPHER_CCMP &&
	    cfg->pairwise_cipher != WPA_CIPHER_TKIP)
		return -EINVAL;
	if (cfg->group_cipher != WPA_CIPHER_CCMP && cfg->group_cipher != WPA_CIPHER_TKIP)
		return -EINVAL;
	if (g && g->cfg.group_cipher != cfg->group_cipher)
		return -EINVAL;
	if (cfg->akm && (wpa_akm_key_desc_ver(cfg->akm, cfg->pairwise_cipher) < 0 ||
			 (cfg->akm != WPA_AKM_PSK && cfg->proto != IE_PROTO_RSN)))
		return -EINVAL;
	if (cfg->pmf && cfg->proto != IE_PROTO_RSN)
		return -EINVAL;
	if (cfg->own_ie_len > sizeof(cfg->own_ie) ||
	    cfg->peer_ie_len > sizeof(cfg->peer_ie) ||
	    cfg->n_alt_pmk > HS_MAX_ALT || cfg->n_alt_bssid > HS_MAX_ALT)
		return -EINVAL;
	return 0;
}

static int auth_set_config(struct hs_auth *a, const struct hs_config *cfg)
{
	int ret = auth_check_config(cfg, a->gm.group);

	if (ret)
		return ret;
	secure_zero(&a->cfg, sizeof(a->cfg));
	a->cfg = *cfg;
	if (!a->cfg.eapol_version)
		a->cfg.eapol_version = EAPOL_VERSION_2004;
	if (!a->cfg.timeouts.pairwise_tries)
		hs_timeouts_default(&a->cfg.timeouts);
	if (!a->cfg.own_ie_len) {
		ret = hs_config_build_own_ie(&a->cfg);
		if (ret)
			return ret;
	}
	a->b.own_faults = a->cfg.faults;
	memcpy(a->b.peer, cfg->spa, 6);
	mac_str(a->b.peer, a->b.peer_str);
	return 0;
}

/* The group reaches the station only through these (hs_priv.h). */
static bool member_ptk_done(const struct hs_group_member *m)
{
	return hs_auth_ptk_done(container_of(m, struct hs_auth, gm));
}

static int member_group_start(struct hs_group_member *m)
{
	return auth_group_start(container_of(m, struct hs_auth, gm));
}

static const struct hs_group_member_ops auth_member_ops = {
	.ptk_done = member_ptk_done,
	.group_start = member_group_start,
};

struct hs_auth *hs_auth_new(struct loop *loop, struct hs_group *g,
			    const struct hs_config *cfg, const struct hs_ops *ops,
			    void *ctx)
{
	struct hs_auth *a;

	if (!loop || !cfg || !ops || auth_check_config(cfg, g))
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	hs_base_init(&a->b, loop, ops, ctx, HS_ROLE_AUTHENTICATOR, cfg->spa);
	a->gm.group = g;
	if (auth_set_config(a, cfg)) {
		secure_zero(a, sizeof(*a));
		free(a);
		return NULL;
	}
	a->state = HS_AUTH_INITIALIZE;
	a->gstate = HS_AUTH_G_IDLE;
	a->diag_tokens = HS_DIAG_BURST;
	if (g) {
		a->gm.ops = &auth_member_ops;
		a->gm.peer_str = a->b.peer_str;
		hs_group_member_join(g, &a->gm);
	}
	return a;
}

void hs_auth_free(struct hs_auth *a)
{
	if (!a)
		return;
	auth_timer_cancel(a);
	hs_group_member_leave(&a->gm);
	hs_base_cleanup(&a->b);
	secure_zero(a, sizeof(*a));
	free(a);
}

int hs_auth_start(struct hs_auth *a, const struct hs_config *cfg)
{
	int ret;

	if (cfg) {
		ret = auth_set_config(a, cfg);
		if (ret)
			return ret;
	}
	auth_timer_cancel(a);
	forget_ptk(a);
	hs_group_member_done(&a->gm, false);
	if (a->gstate != HS_AUTH_G_IDLE)
		auth_enter_gstate(a, HS_AUTH_G_IDLE);
	a->req_replay_set = false;
	auth_enter_state(a, HS_AUTH_AUTHENTICATION);
	auth_enter_state(a, HS_AUTH_AUTHENTICATION2);
	if (a->have_anonce)
		push_old_anonce(a);
	ret = hs_random(&a->b, a->anonce, NONCE_LEN);
	if (ret)
		return ret;
	a->have_anonce = true;
	auth_enter_state(a, HS_AUTH_INITPSK);
	auth_enter_state(a, HS_AUTH_PTKSTART);
	pending_reset(a, EAPOL_MSG_PTK_1);
	return send_m1(a, false);
}

void hs_auth_stop(struct hs_auth *a)
{
	auth_timer_cancel(a);
	pending_reset(a, EAPOL_MSG_UNKNOWN);
	forget_ptk(a);
	hs_group_member_done(&a->gm, false);
	if (a->state != HS_AUTH_DISCONNECTED)
		auth_enter_state(a, HS_AUTH_DISCONNECTED);
}

void hs_auth_use_faults(struct hs_auth *a, struct hs_faults *f)
{
	a->b.faults = f ? f : &a->b.own_faults;
}

enum hs_auth_state hs_auth_state(const struct hs_auth *a)
{
	return a->state;
}

enum hs_auth_gstate hs_auth_gstate(const struct hs_auth *a)
{
	return a->gstate;
}

bool hs_auth_ptk_done(const struct hs_auth *a)
{
	return a->state == HS_AUTH_PTKINITDONE;
}

const uint8_t *hs_auth_peer(const struct hs_auth *a)
{
	return a->cfg.spa;
}

const char *hs_auth_state_name(enum hs_auth_state s)
{
	switch (s) {
	case HS_AUTH_INITIALIZE:
		return "INITIALIZE";
	case HS_AUTH_DISCONNECT:
		return "DISCONNECT";
	case HS_AUTH_DISCONNECTED:
		return "DISCONNECTED";
	case HS_AUTH_AUTHENTICATION:
		return "AUTHENTICATION";
	case HS_AUTH_AUTHENTICATION2:
		return "AUTHENTICATION2";
	case HS_AUTH_INITPSK:
		return "INITPSK";
	case HS_AUTH_PTKSTART:
		return "PTKSTART";
	case HS_AUTH_PTKCALCNEGOTIATING:
		return "PTKCALCNEGOTIATING";
	case HS_AUTH_PTKCALCNEGOTIATING2:
		return "PTKCALCNEGOTIATING2";
	case HS_AUTH_PTKINITNEGOTIATING:
		return "PTKINITNEGOTIATING";
	case HS_AUTH_PTKINITDONE:
		return "PTKINITDONE";
	}
	return "?";
}

const char *hs_auth_gstate_name(enum hs_auth_gstate s)
{
	switch (s) {
	case HS_AUTH_G_IDLE:
		return "IDLE";
	case HS_AUTH_G_REKEYNEGOTIATING:
		return "REKEYNEGOTIATING";
	case HS_AUTH_G_REKEYESTABLISHED:
		return "REKEYESTABLISHED";
	case HS_AUTH_G_KEYERROR:
		return "KEYERROR";
	}
	return "?";
}
