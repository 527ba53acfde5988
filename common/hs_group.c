// SPDX-License-Identifier: MIT
/* hs_group.c: the authenticator's group key state (IEEE 802.11-2020
 * 12.7.1.4 GTK derivation, 12.7.10 WPA_GROUP machine): GMK, GNonce, GTK,
 * key index 1/2 alternating, rekey across all stations. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs_priv.h"
#include "util.h"

static void group_enter_state(struct hs_group *g, enum hs_group_state s)
{
	struct hs_event ev = {
		.type = HS_EV_STATE,
		.machine = "WPA_GROUP",
		.old_state = hs_group_state_name(g->state),
		.new_state = hs_group_state_name(s),
	};

	g->state = s;
	hs_emit(&g->b, LOG_LVL_DEBUG, &ev,
		"WPA: group state machine entering state %s (%s -> %s)",
		ev.new_state, ev.old_state, ev.new_state);
}

/* Install a group key for TX, its counter from 0 (a new key): the GTK,
 * or with 802.11w the IGTK as the default management key (BIP, 12.5.4). */
static int group_install_key(struct hs_group *g, enum hs_key_kind kind, uint32_t cipher,
			     uint8_t idx, const uint8_t *k, size_t len)
{
	struct hs_event ev = { .type = HS_EV_KEY_INSTALLED };
	uint8_t seq[6] = { 0 };
	struct hs_key key = {
		.kind = kind,
		.addr = NULL,
		.cipher = cipher,
		.key_idx = idx,
		.key = k,
		.key_len = len,
		.seq = seq,
		.seq_len = sizeof(seq),
		.set_tx = true,
	};
	int ret;

	ret = hs_install(&g->b, &key);
	if (ret) {
		log_err(HS_TAG, "WPA: installing the %s (key index %u) failed: %s",
			hs_key_kind_name(kind), idx, strerror(-ret));
		return ret;
	}
	ev.key = &key;
	hs_emit(&g->b, LOG_LVL_DEBUG, &ev, "WPA: installed %s (%s, key index %u)",
		hs_key_kind_name(kind), wpa_cipher_name(cipher), idx);
	return 0;
}

static int group_install_igtk(struct hs_group *g)
{
	int ret = group_install_key(g, HS_KEY_IGTK, g->igtk.cipher, (uint8_t)g->igtk.key_id,
				    g->igtk.key, g->igtk.key_len);

	if (!ret)
		g->igtk_in_driver = true;
	return ret;
}

/* A new IGTK (12.7.1.5: random), its key ID the other of 4/5. */
static int group_new_igtk(struct hs_group *g)
{
	int ret;

	if (!g->cfg.group_mgmt_cipher)
		return 0;
	ret = eapol_igtk_generate(g->cfg.group_mgmt_cipher, g->igtk.key_id, &g->igtk);
	g->igtk_in_driver = false;
	if (!ret)
		log_hexdump_key(LOG_LVL_MSGDUMP, HS_TAG, "WPA: IGTK", g->igtk.key,
				g->igtk.key_len);
	return ret;
}

static int group_install(struct hs_group *g)
{
	int ret = group_install_key(g, HS_KEY_GTK, g->cfg.group_cipher, g->key_idx, g->gtk,
				    g->gtk_len);

	if (ret)
		return ret;
	g->gtk_in_driver = true;
	return g->igtk.key_len ? group_install_igtk(g) : 0;
}

/* 12.7.1.4: GTK = PRF-X(GMK, "Group key expansion", AA || GNonce). */
static int group_new_gtk(struct hs_group *g)
{
	int ret;

	ret = crypto_derive_gtk(g->gmk, sizeof(g->gmk), g->cfg.aa, g->gnonce,
				g->gtk, g->gtk_len);
	if (!ret)
		log_hexdump_key(LOG_LVL_MSGDUMP, HS_TAG, "WPA: GTK", g->gtk, g->gtk_len);
	return ret;
}

static void rekey_cb(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct hs_group *g = ctx;

	g->rekey_timer = NULL;
	if (hs_group_rekey(g) == -ENOMEM)
		log_err(HS_TAG, "WPA: group rekey failed: out of memory");
	if (g->cfg.rekey_interval_s)
		g->rekey_timer = loop_timer_add(g->b.loop,
						(uint64_t)g->cfg.rekey_interval_s * 1000000,
						rekey_cb, g);
}

struct hs_group *hs_group_new(struct loop *loop, const struct hs_group_config *cfg,
			      const struct hs_ops *ops, void *ctx)
{
	struct hs_group *g;

	if (!loop || !cfg || !ops)
		return NULL;
	if (cfg->group_cipher != WPA_CIPHER_CCMP && cfg->group_cipher != WPA_CIPHER_TKIP)
		return NULL;
	if (cfg->group_mgmt_cipher && cfg->group_mgmt_cipher != WPA_CIPHER_BIP_CMAC)
		return NULL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	hs_base_init(&g->b, loop, ops, ctx, HS_ROLE_AUTHENTICATOR, cfg->aa);
	g->cfg = *cfg;
	if (!g->cfg.timeouts.group_tries)
		hs_timeouts_default(&g->cfg.timeouts);
	g->b.own_faults = cfg->faults;
	g->gtk_len = wpa_cipher_key_len(cfg->group_cipher);
	g->state = HS_GROUP_GTK_INIT;
	group_enter_state(g, HS_GROUP_GTK_INIT);
	if (hs_random(&g->b, g->gmk, sizeof(g->gmk)) ||
	    hs_random(&g->b, g->gnonce, sizeof(g->gnonce)))
		goto fail;
	g->key_idx = 1;
	if (group_new_gtk(g) || group_new_igtk(g))
		goto fail;
	group_enter_state(g, HS_GROUP_SETKEYSDONE);
	if (group_install(g))
		goto fail;
	if (cfg->rekey_interval_s) {
		g->rekey_timer = loop_timer_add(loop,
						(uint64_t)cfg->rekey_interval_s * 1000000,
						rekey_cb, g);
		if (!g->rekey_timer)
			goto fail;
	}
	return g;
fail:
	hs_group_free(g);
	return NULL;
}

void hs_group_free(struct hs_group *g)
{
	if (!g)
		return;
	for (struct hs_group_member *m = g->members; m; m = m->next)
		m->group = NULL;
	if (g->rekey_timer)
		loop_timer_cancel(g->b.loop, g->rekey_timer);
	eapol_igtk_clear(&g->igtk);
	hs_base_cleanup(&g->b);
	secure_zero(g, sizeof(*g));
	free(g);
}

static void group_setkeysdone(struct hs_group *g)
{
	struct hs_event ev = { .type = HS_EV_REKEY };
	char failed[48] = "";

	g->rekeying = false;
	group_enter_state(g, HS_GROUP_SETKEYSDONE);
	group_install(g);

	if (g->members_failed)
		snprintf(failed, sizeof(failed), "; %u station(s) did not take it",
			 g->members_failed);
	ev.failed = g->members_failed;
	hs_emit(&g->b, LOG_LVL_INFO, &ev,
		"WPA: group rekey finished (GTK key index %u in use%s)", g->key_idx, failed);
}

/* GNonce is a counter (12.7.1.4): increment it as a big-endian number. */
static void gnonce_inc(uint8_t *n)
{
	for (int i = NONCE_LEN - 1; i >= 0; i--)
		if (++n[i])
			break;
}

void hs_group_use_faults(struct hs_group *g, struct hs_faults *f)
{
	g->b.faults = f ? f : &g->b.own_faults;
}

int hs_group_rekey(struct hs_group *g)
{
	struct hs_event ev = { .type = HS_EV_REKEY };
	unsigned int n = 0;
	int ret;

	if (g->rekeying)
		return -EBUSY;
	gnonce_inc(g->gnonce);
	g->key_idx = g->key_idx == 1 ? 2 : 1;
	g->gtk_in_driver = false;
	ret = group_new_gtk(g);
	if (!ret)
		ret = group_new_igtk(g);	/* 12.7.7.1: IGTK with the GTK */
	if (ret)
		return ret;
	g->rekeying = true;
	g->members_failed = 0;
	group_enter_state(g, HS_GROUP_SETKEYS);
	if (g->igtk.key_len)
		hs_emit(&g->b, LOG_LVL_INFO, &ev,
			"WPA: rekeying GTK (new key index %u) and IGTK (new key ID %u)",
			g->key_idx, g->igtk.key_id);
	else
		hs_emit(&g->b, LOG_LVL_INFO, &ev, "WPA: rekeying GTK (new key index %u)",
			g->key_idx);
	/* Count first, then start: a station that fails at once must not
	 * bring the count to zero while others are still to be started. */
	for (struct hs_group_member *m = g->members; m; m = m->next) {
		if (m->ops->ptk_done(m)) {
			m->in_rekey = true;
			n++;
		}
	}
	g->done_pending = n;
	if (n == 0) {
		group_setkeysdone(g);
		return 0;
	}
	for (struct hs_group_member *m = g->members; m; m = m->next) {
		if (!m->in_rekey)
			continue;
		ret = m->ops->group_start(m);
		if (ret) {
			log_err(HS_TAG, "STA %s WPA: could not start the group key "
				"handshake: %s", m->peer_str, strerror(-ret));
			hs_group_member_done(m, false);
		}
	}
	return 0;
}

void hs_group_member_join(struct hs_group *g, struct hs_group_member *m)
{
	m->group = g;
	m->in_rekey = false;
	m->next = g->members;
	g->members = m;
}

void hs_group_member_leave(struct hs_group_member *m)
{
	struct hs_group *g = m->group;

	if (!g)
		return;
	hs_group_member_done(m, false);
	for (struct hs_group_member **pp = &g->members; *pp; pp = &(*pp)->next) {
		if (*pp == m) {
			*pp = m->next;
			break;
		}
	}
	m->next = NULL;
	m->group = NULL;
}

void hs_group_member_done(struct hs_group_member *m, bool ok)
{
	struct hs_group *g = m->group;

	if (!g || !m->in_rekey)
		return;
	m->in_rekey = false;
	if (!ok)
		g->members_failed++;
	if (!g->rekeying || g->done_pending == 0)
		return;
	if (--g->done_pending == 0)
		group_setkeysdone(g);
}

enum hs_group_state hs_group_state(const struct hs_group *g)
{
	return g->state;
}

uint8_t hs_group_key_idx(const struct hs_group *g)
{
	return g->key_idx;
}

size_t hs_group_gtk(const struct hs_group *g, const uint8_t **gtk)
{
	*gtk = g->gtk;
	return g->gtk_len;
}

uint64_t hs_group_rsc(struct hs_group *g)
{
	uint64_t tsc = 0;
	int ret;

	/* 12.7.6.4, 12.7.7.2: the RSC is the GTK's last transmit sequence
	 * counter, so that a station keyed now refuses replays of the group
	 * frames sent before. A GTK still being handed out (not yet in the
	 * driver) has sent nothing: 0. The key at its index in the driver is
	 * then the one from two rekeys back, whose counter would be wrong. */
	if (!g->gtk_in_driver || !g->b.ops.get_group_tsc)
		return 0;
	ret = g->b.ops.get_group_tsc(g->b.ctx, g->key_idx, &tsc);
	if (ret) {
		log_warn(HS_TAG, "WPA: cannot read the TSC of GTK key index %u (%s): "
			 "announcing RSC 0", g->key_idx, strerror(-ret));
		return 0;
	}
	return tsc & 0xffffffffffffULL;	/* 48 bits (12.5.2.2, 12.5.3.2) */
}

const struct eapol_igtk *hs_group_igtk(const struct hs_group *g)
{
	return g->igtk.key_len ? &g->igtk : NULL;
}

uint64_t hs_group_ipn(struct hs_group *g)
{
	uint64_t ipn = 0;
	int ret;

	/* 12.7.2 IGTK KDE: the IPN of a key not yet in the driver is 0; the
	 * driver's counter is BIP's PN (12.5.4.4) */
	if (!g->igtk.key_len || !g->igtk_in_driver || !g->b.ops.get_group_tsc)
		return 0;
	ret = g->b.ops.get_group_tsc(g->b.ctx, (uint8_t)g->igtk.key_id, &ipn);
	if (ret) {
		log_warn(HS_TAG, "WPA: cannot read the IPN of IGTK key ID %u (%s): "
			 "announcing 0", g->igtk.key_id, strerror(-ret));
		return 0;
	}
	return ipn & IGTK_IPN_MAX;
}

const char *hs_group_state_name(enum hs_group_state s)
{
	switch (s) {
	case HS_GROUP_GTK_INIT:
		return "GTK_INIT";
	case HS_GROUP_SETKEYS:
		return "SETKEYS";
	case HS_GROUP_SETKEYSDONE:
		return "SETKEYSDONE";
	}
	return "?";
}
