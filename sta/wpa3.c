// SPDX-License-Identifier: MIT
/* wpa3.c: roamlab-sta's SAE and PMKSA cache (see wpa3.h). mac80211 lets
 * the SME in user space run SAE: each NL80211_CMD_AUTHENTICATE with
 * NL80211_AUTHTYPE_SAE sends the Authentication frame whose body
 * (from the transaction sequence number on) is NL80211_ATTR_SAE_DATA, and
 * every SAE frame from the AP comes back as an authentication event; the
 * kernel counts the station authenticated once a successful confirm has
 * been exchanged. */
#include <errno.h>
#include <string.h>

#include "drv.h"
#include "hs_fault.h"
#include "ie.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "sae.h"
#include "sme.h"
#include "util.h"
#include "wpa3.h"

#define TAG "sme"

const char *sta_auth_kind_name(enum sta_auth_kind k)
{
	switch (k) {
	case STA_AUTH_OPEN:
		return "open";
	case STA_AUTH_SAE:
		return "sae";
	case STA_AUTH_PMKSA:
		return "pmksa";
	}
	return "?";
}

static struct sta_pmksa *pmksa_find(struct sta *s, const uint8_t *bssid)
{
	uint64_t now = loop_now_us(s->loop);

	for (size_t i = 0; i < STA_PMKSA_MAX; i++)
		if (s->pmksa[i].expires_us > now && mac_equal(s->pmksa[i].bssid, bssid))
			return &s->pmksa[i];
	return NULL;
}

static void pmksa_add(struct sta *s, const uint8_t *bssid, const uint8_t *pmk,
		      const uint8_t *pmkid, bool h2e)
{
	struct sta_pmksa *e = pmksa_find(s, bssid);

	for (size_t i = 0; i < STA_PMKSA_MAX && !e; i++)
		if (s->pmksa[i].expires_us <= loop_now_us(s->loop))
			e = &s->pmksa[i];
	if (!e) {
		e = &s->pmksa[0];
		for (size_t i = 1; i < STA_PMKSA_MAX; i++)
			if (s->pmksa[i].expires_us < e->expires_us)
				e = &s->pmksa[i];
	}
	memcpy(e->bssid, bssid, 6);
	memcpy(e->pmk, pmk, sizeof(e->pmk));
	memcpy(e->pmkid, pmkid, sizeof(e->pmkid));
	e->h2e = h2e;
	e->expires_us = loop_now_us(s->loop) + STA_PMKSA_LIFETIME_US;
}

void sta_pmksa_drop(struct sta *s, const uint8_t *bssid)
{
	struct sta_pmksa *e = pmksa_find(s, bssid);
	char a[18];

	if (!e)
		return;
	log_info(TAG, "%s: dropping the PMKSA of %s", s->ifname, mac_str(bssid, a));
	secure_zero(e, sizeof(*e));
}

void sta_wpa3_reset(struct sta *s)
{
	sae_free(s->sae);
	s->sae = NULL;
}

/* wpa_supplicant's sae_pwe: 0 hunting-and-pecking; 1 H2E only; 2 H2E when
 * the AP's RSNXE says it takes it (9.4.2.241). */
static bool want_h2e(const struct sta *s)
{
	return s->conf->sae_pwe == 1 ||
	       (s->conf->sae_pwe == 2 && ie_rsnx_sae_h2e(s->cur.ies, s->cur.ies_len));
}

bool sta_wpa3_h2e(const struct sta *s)
{
	const struct sta_pmksa *e;

	if (s->choice.key_mgmt != WPA_AKM_SAE)
		return false;
	if (s->auth_kind == STA_AUTH_PMKSA) {
		e = pmksa_find((struct sta *)s, s->cur.bssid);
		return e && e->h2e;
	}
	return want_h2e(s);
}

static int sae_tx(void *ctx, const uint8_t *peer, const uint8_t *body, size_t len)
{
	struct sta *s = ctx;
	struct drv_auth_params p = { 0 };

	/* NL80211_ATTR_SAE_DATA starts after the algorithm number */
	if (len <= 2)
		return -EINVAL;
	p.bssid = s->cur.bssid;
	p.freq = s->cur.freq;
	p.ssid = s->cur.ssid;
	p.ssid_len = s->cur.ssid_len;
	p.auth_alg = MGMT_AUTH_ALG_SAE;
	p.sae_data = body + 2;
	p.sae_data_len = len - 2;
	return drv_authenticate(s->drv, &p);
}

static void sae_event(void *ctx, const struct sae_event *ev)
{
	struct sta *s = ctx;
	struct sta_event e;
	char a[18];

	switch (ev->type) {
	case SAE_EV_TX:
	case SAE_EV_RX:
	case SAE_EV_ACCEPTED:
	case SAE_EV_FAILED:
	case SAE_EV_DROPPED:
		sta_event_init(&e, "SAE", loop_now_us(s->loop));
		sta_event_add(&e, "type", "%s", sae_event_type_name(ev->type));
		sta_event_add(&e, "bssid", "%s", mac_str(s->cur.bssid, a));
		if (ev->msg != SAE_MSG_NONE)
			sta_event_add(&e, "msg", "%s", sae_msg_name(ev->msg));
		sta_event_add(&e, "status", "%u", ev->status);
		sta_event_add(&e, "group", "%u", ev->group);
		if (ev->reason != SAE_R_NONE)
			sta_event_add(&e, "reason", "%s", sae_reason_name(ev->reason));
		sta_emit(s, &e);
		break;
	case SAE_EV_STATE:
	case SAE_EV_RETRY:
	case SAE_EV_GROUP:
		break;
	}
}

/* One HANDSHAKE type=FAULT event, as the SME's own faults fire. */
static void fault_fired(struct sta *s, enum hs_fault_kind k, const char *what)
{
	struct sta_event ev;

	log_info(TAG, "%s: fault %s: %s", s->ifname, hs_fault_name(k), what);
	sta_event_init(&ev, "HANDSHAKE", loop_now_us(s->loop));
	sta_event_add(&ev, "type", "%s", "FAULT");
	sta_event_add(&ev, "fault", "%s", hs_fault_name(k));
	sta_event_add(&ev, "text", "\"%s\"", what);
	sta_emit(s, &ev);
}

static const struct sae_ops sta_sae_ops = {
	.tx = sae_tx,
	.event = sae_event,
};

static int sae_begin(struct sta *s)
{
	const struct sta_network *n = s->net;
	struct sae_config sc;
	int ret;

	sta_wpa3_reset(s);
	sae_config_init(&sc);
	memcpy(sc.own_addr, s->addr, 6);
	memcpy(sc.peer_addr, s->cur.bssid, 6);
	/* wpa_supplicant: sae_password, else the psk passphrase */
	ret = sae_config_set_password(&sc, n->sae_password_set ? n->sae_password :
				      n->passphrase);
	if (ret || (!n->sae_password_set && n->psk_is_raw)) {
		log_err(TAG, "%s: network %d: SAE needs sae_password or a psk passphrase",
			s->ifname, n->id);
		secure_zero(&sc, sizeof(sc));
		return -EINVAL;
	}
	if (s->faults.sae_wrong_password && sc.password_len + 6 <= sizeof(sc.password)) {
		memcpy(sc.password + sc.password_len, "-wrong", 6);
		sc.password_len += 6;
		fault_fired(s, HS_FAULT_SAE_WRONG_PASSWORD, "SAE with a wrong password");
	}
	sc.h2e = want_h2e(s);
	if (s->faults.sae_pwe_mismatch) {
		sc.h2e = !sc.h2e;
		fault_fired(s, HS_FAULT_SAE_PWE_MISMATCH, sc.h2e ?
			    "hash-to-element instead of hunting-and-pecking" :
			    "hunting-and-pecking instead of hash-to-element");
	}
	memcpy(sc.ssid, s->cur.ssid, s->cur.ssid_len);
	sc.ssid_len = s->cur.ssid_len;
	if (s->conf->n_sae_groups) {
		for (size_t i = 0; i < s->conf->n_sae_groups && i < SAE_MAX_GROUPS; i++)
			sc.groups[i] = s->conf->sae_groups[i];
		sc.n_groups = s->conf->n_sae_groups;
	} else {
		/* wpa_supplicant's default order */
		sc.groups[0] = 19;
		sc.groups[1] = 20;
		sc.groups[2] = 21;
		sc.n_groups = 3;
	}
	if (s->faults.sae_group_mismatch) {
		/* one group the AP's usual sae_groups (19, or 19 20) lacks */
		sc.groups[0] = sc.groups[0] == 21 ? 20 : 21;
		sc.n_groups = 1;
		fault_fired(s, HS_FAULT_SAE_GROUP_MISMATCH, sc.groups[0] == 21 ?
			    "SAE only in group 21" : "SAE only in group 20");
	}
	s->sae = sae_new(s->loop, &sc, &sta_sae_ops, s);
	secure_zero(&sc, sizeof(sc));
	if (!s->sae)
		return -ENOMEM;
	return sae_start(s->sae);
}

int sta_wpa3_auth_start(struct sta *s, struct drv_auth_params *p)
{
	char a[18];

	s->auth_kind = STA_AUTH_OPEN;
	sta_wpa3_reset(s);
	if (s->choice.key_mgmt == WPA_AKM_SAE) {
		if (pmksa_find(s, s->cur.bssid)) {
			/* 12.6.10.3: a cached PMKSA: Open System, PMKID later */
			s->auth_kind = STA_AUTH_PMKSA;
			log_info(TAG, "%s: %s: cached PMKSA, no SAE", s->ifname,
				 mac_str(s->cur.bssid, a));
		} else {
			s->auth_kind = STA_AUTH_SAE;
			log_info(TAG, "%s: %s: SAE (%s)", s->ifname, mac_str(s->cur.bssid, a),
				 want_h2e(s) ? "hash-to-element" : "hunting-and-pecking");
			return sae_begin(s);
		}
	}
	p->auth_alg = MGMT_AUTH_ALG_OPEN;
	return drv_authenticate(s->drv, p);
}

int sta_wpa3_auth_rx(struct sta *s, const struct mgmt_frame *f)
{
	uint8_t pmk[SAE_PMK_LEN], pmkid[SAE_PMKID_LEN];
	int ret;

	if (s->auth_kind != STA_AUTH_SAE || !s->sae)
		return -EPROTO;
	ret = sae_rx(s->sae, f->body, f->body_len);
	if (ret)
		return ret;
	switch (sae_state(s->sae)) {
	case SAE_STATE_ACCEPTED:
		break;
	case SAE_STATE_NOTHING:
		return -EACCES;		/* it gave up */
	case SAE_STATE_COMMITTED:
	case SAE_STATE_CONFIRMED:
		return 0;
	}
	ret = sae_get_pmk(s->sae, pmk, pmkid);
	if (!ret)
		pmksa_add(s, s->cur.bssid, pmk, pmkid, want_h2e(s));
	secure_zero(pmk, sizeof(pmk));
	return ret ? ret : 1;
}

int sta_wpa3_pmk(struct sta *s, uint8_t *pmk, const uint8_t **pmkid)
{
	const struct sta_pmksa *e = pmksa_find(s, s->cur.bssid);

	*pmkid = NULL;
	if (!e)
		return -ENOENT;
	memcpy(pmk, e->pmk, sizeof(e->pmk));
	if (s->auth_kind != STA_AUTH_PMKSA)
		return 0;
	*pmkid = e->pmkid;
	if (s->faults.pmksa_stale) {
		/* a PMKID the AP cannot know: ours with its bits inverted */
		static uint8_t stale[16];

		for (size_t i = 0; i < sizeof(stale); i++)
			stale[i] = (uint8_t)~e->pmkid[i];
		*pmkid = stale;
		fault_fired(s, HS_FAULT_PMKSA_STALE, "naming a PMKID the AP does not have");
	}
	return 0;
}
