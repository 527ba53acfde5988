// SPDX-License-Identifier: MIT
/* hs_glue.c: roamlab-ap's side of the handshake (see ap_hs.h): the
 * struct hs_ops callbacks (install keys, the GTK's TX counter, events) and
 * what the AP does on handshake events: authorize the port, arm the next
 * PTK rekey, count Michael MIC failure reports, deauthenticate. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ap.h"
#include "ap_hs.h"
#include "eapol.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "util.h"

#define TAG "ap"

static uint64_t now_us(struct ap *ap)
{
	return loop_now_us(ap->loop);
}

static int ap_hs_install_key(void *ctx, const struct hs_key *key)
{
	struct ap *ap = ctx;
	struct ap_sta *s = NULL;
	struct drv_key dk;
	int ret;

	memset(&dk, 0, sizeof(dk));
	dk.cipher = key->kind == HS_KEY_IGTK ? key->cipher : wpa_cipher_pick(key->cipher);
	dk.key = key->key;
	dk.key_len = key->key_len;
	dk.seq = key->seq;
	dk.seq_len = key->seq_len;
	switch (key->kind) {
	case HS_KEY_PTK:
		dk.pairwise = true;
		dk.addr = key->addr;
		dk.idx = 0;
		s = key->addr ? ap_sta_find(&ap->stas, key->addr) : NULL;
		break;
	case HS_KEY_GTK:
	case HS_KEY_IGTK:	/* idx 4/5: the default management key */
		dk.pairwise = false;
		dk.addr = NULL;
		dk.idx = key->key_idx;
		dk.set_tx = key->set_tx;
		break;
	}
	ret = drv_set_key(ap->drv, &dk);
	if (ret)
		log_err(TAG, "%s: cannot install %s (idx %d): %s", ap->ifname,
			hs_key_kind_name(key->kind), dk.idx, strerror(-ret));
	else if (!dk.pairwise && dk.idx >= 0 && dk.idx < 8)
		ap->gtk_installed |= (uint8_t)(1u << dk.idx);
	else if (s)
		s->t_ptk_us = now_us(ap);
	return ret;
}

/* hs_ops.get_group_tsc: the GTK's TX counter, for the RSC of msg 3/4 and
 * group msg 1/2 (12.7.6.4, 12.7.7.2). */
static int ap_hs_get_group_tsc(void *ctx, uint8_t key_idx, uint64_t *tsc)
{
	struct ap *ap = ctx;

	if (!ap->drv)
		return -ENODEV;
	return drv_get_key_seq(ap->drv, NULL, key_idx, tsc);
}

static void ptk_rekey_fire(struct loop *l, struct loop_timer *t, void *ctx);

/* wpa_ptk_rekey: a new 4-way handshake wpa_ptk_rekey seconds after each one
 * that completed, so the PTK is renewed for as long as the station stays
 * (armed again at every HS_EV_PAIRWISE_DONE, as hostapd does). */
static void arm_ptk_rekey(struct ap *ap, struct ap_sta *s)
{
	if (!ap->cfg->wpa_ptk_rekey)
		return;
	if (s->ptk_rekey_timer)
		loop_timer_cancel(ap->loop, s->ptk_rekey_timer);
	s->owner = ap;
	s->ptk_rekey_timer = loop_timer_add(ap->loop, ap->cfg->wpa_ptk_rekey * 1000000ULL,
					    ptk_rekey_fire, s);
	if (!s->ptk_rekey_timer)
		log_err(TAG, "%s: no timer for the next PTK rekey", ap->ifname);
}

static void ptk_rekey_fire(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct ap_sta *s = ctx;
	char mac[18];
	int ret;

	s->ptk_rekey_timer = NULL;
	if (!s->hs || s->state != AP_STA_AUTHORIZED)
		return;
	log_info(TAG, "STA %s: PTK rekey (wpa_ptk_rekey)", mac_str(s->addr, mac));
	ret = hs_auth_start(s->hs, NULL);
	if (ret)
		log_err(TAG, "STA %s: cannot start the PTK rekey: %s", mac, strerror(-ret));
}

void ap_sta_authorized(struct ap *ap, struct ap_sta *s)
{
	char mac[18];
	int ret;

	ret = drv_sta_set_flags(ap->drv, s->addr, DRV_STA_AUTHORIZED, 0);
	if (ret)
		log_err(TAG, "STA %s: cannot authorize port: %s", mac_str(s->addr, mac),
			strerror(-ret));
	ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHORIZED);
	ap_event_text(ap, "AP-STA-CONNECTED %s", mac_str(s->addr, mac));
}

void ap_sta_handshake_done(struct ap *ap, struct ap_sta *s)
{
	char mac[18];
	uint64_t ms;

	s->t_done_us = now_us(ap);
	s->had_gtk = true;
	ms = (s->t_done_us - s->t_assoc_us) / 1000;
	log_info(TAG, "%s: STA %s: handshake done, %llu ms after association",
		 ap->ifname, mac_str(s->addr, mac), (unsigned long long)ms);
	ap_event(ap, "AP-HS-DONE", "sta=%s proto=%s pairwise=%s assoc_to_done_us=%llu",
		 mac, ie_proto_name(s->proto), wpa_cipher_name(s->pairwise),
		 (unsigned long long)(s->t_done_us - s->t_assoc_us));
}

static void deauth_later_fire(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct ap_sta *s = ctx;
	struct ap *ap = s->owner;

	s->deauth_timer = NULL;
	ap_deauth_sta(ap, s->addr, s->deauth_reason, false);
}

static void deauth_later(struct ap *ap, struct ap_sta *s, uint16_t reason)
{
	if (s->deauth_timer)
		return;
	s->owner = ap;
	s->deauth_reason = reason;
	s->deauth_timer = loop_timer_add(ap->loop, 0, deauth_later_fire, s);
}

/* ---- the EAPOL path ---------------------------------------------------------- */

/* Is a PTK for peer in the driver? Then EAPOL frames to it go out
 * protected, those of a PTK rekey (msgs 1/4 and 3/4 under the PTK in use)
 * included; only the first handshake of an association is sent in the
 * clear. The handshake forgets its PTK when a rekey starts, the driver
 * does not: t_ptk_us is set when a PTK is installed and cleared when the
 * station leaves the driver. */
static bool sta_ptk_in_driver(struct ap *ap, const uint8_t *peer)
{
	struct ap_sta *s = ap_sta_find(&ap->stas, peer);

	return s && s->in_kernel && s->t_ptk_us;
}

/* hs_ops.tx. The handshake core has applied the faults already. */
static int ap_hs_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct ap *ap = ctx;
	int ret;
	char mac[18];

	if (!ap->drv)
		return -ENODEV;
	ret = drv_tx_eapol(ap->drv, peer, frame, len, !sta_ptk_in_driver(ap, peer));
	if (ret)
		log_err(TAG, "%s: STA %s: cannot send EAPOL frame: %s", ap->ifname,
			mac_str(peer, mac), strerror(-ret));
	return ret;
}

void ap_eapol_rx(void *ctx, const uint8_t src[ETH_ALEN], const uint8_t *data, size_t len)
{
	struct ap *ap = ctx;
	struct ap_sta *s = ap_sta_find(&ap->stas, src);
	char mac[18];

	if (!s || !s->hs) {
		log_dbg(TAG, "%s: EAPOL from %s without a handshake: dropped", ap->ifname,
			mac_str(src, mac));
		return;
	}
	hs_auth_rx(s->hs, data, len);
}

/* ---- handshake events ---------------------------------------------------------- */

static void ap_hs_event(void *ctx, const struct hs_event *ev)
{
	struct ap *ap = ctx;
	struct ap_sta *s = ev->peer ? ap_sta_find(&ap->stas, ev->peer) : NULL;
	char mac[18] = "-";

	if (ev->peer)
		mac_str(ev->peer, mac);
	switch (ev->type) {
	case HS_EV_STATE:
		ap_event(ap, "AP-HS-STATE", "sta=%s machine=%s old=%s new=%s", mac,
			 ev->machine ? ev->machine : "?", ev->old_state ? ev->old_state : "?",
			 ev->new_state ? ev->new_state : "?");
		break;
	case HS_EV_TX:
	case HS_EV_RETRY:
		ap_event(ap, "AP-HS-STEP", "sta=%s dir=tx msg=%s attempt=%d", mac,
			 eapol_msg_name(ev->msg), ev->attempt);
		break;
	case HS_EV_RX:
		ap_event(ap, "AP-HS-STEP", "sta=%s dir=rx msg=%s", mac, eapol_msg_name(ev->msg));
		/* a verified Michael MIC failure report (12.7.2) */
		if (s && (ev->request == HS_REQ_MICHAEL_PAIRWISE ||
			  ev->request == HS_REQ_MICHAEL_GROUP))
			ap_tkip_mic_failure(ap, s->addr, ev->request == HS_REQ_MICHAEL_GROUP,
					    true);
		break;
	case HS_EV_MIC_FAILURE:
		ap_event(ap, "AP-HS-MIC-FAILURE", "sta=%s msg=%s", mac, eapol_msg_name(ev->msg));
		break;
	case HS_EV_DIAGNOSIS:
		ap_event(ap, "AP-HS-DIAGNOSIS", "sta=%s text=\"%s\"", mac,
			 ev->diagnosis ? ev->diagnosis : "");
		break;
	case HS_EV_AUTHORIZED:
		if (s && s->state != AP_STA_AUTHORIZED)
			ap_sta_authorized(ap, s);
		break;
	case HS_EV_PAIRWISE_DONE:
		if (!s)
			break;
		arm_ptk_rekey(ap, s);
		ap_event_text(ap, "EAPOL-4WAY-HS-COMPLETED %s", mac);
		/* WPA1 is done when the group handshake that follows is. */
		if (s->proto != IE_PROTO_WPA && !s->t_done_us)
			ap_sta_handshake_done(ap, s);
		break;
	case HS_EV_GROUP_DONE:
		if (s && s->proto == IE_PROTO_WPA && !s->t_done_us)
			ap_sta_handshake_done(ap, s);
		ap_event(ap, "AP-HS-GROUP-DONE", "sta=%s", mac);
		break;
	case HS_EV_TIMEOUT:
		ap_event(ap, "AP-HS-FAILED", "sta=%s reason=timeout msg=%s", mac,
			 eapol_msg_name(ev->msg));
		break;
	case HS_EV_IE_MISMATCH:
		ap_event(ap, "AP-HS-FAILED", "sta=%s reason=ie-mismatch", mac);
		break;
	case HS_EV_DEAUTH_REQUEST:
		if (s) {
			ap_event(ap, "AP-HS-FAILED", "sta=%s reason=deauth code=%u", mac,
				 ev->reason_code);
			/* not from inside the handshake's own call stack */
			deauth_later(ap, s, ev->reason_code);
		}
		break;
	case HS_EV_REKEY:
		ap_event(ap, "AP-GTK-REKEY", "text=\"%s\"", ev->text ? ev->text : "");
		break;
	case HS_EV_FAULT:
		if (ev->fault == HS_FAULT_DELAY_MSG)
			ap_event(ap, "AP-FAULT", "sta=%s fault=%s msg=%s ms=%u", mac,
				 hs_fault_name(ev->fault), hs_fault_msg_name(ev->msg),
				 ev->delay_ms);
		else
			ap_event(ap, "AP-FAULT", "sta=%s fault=%s msg=%s", mac,
				 hs_fault_name(ev->fault), hs_fault_msg_name(ev->msg));
		break;
	case HS_EV_DROPPED:
	case HS_EV_REPLAY:
	case HS_EV_KEY_INSTALLED:
	case HS_EV_REINSTALL_BLOCKED:
		break;
	}
}

void ap_init_hs_ops(struct hs_ops *o)
{
	memset(o, 0, sizeof(*o));
	o->tx = ap_hs_tx;
	o->install_key = ap_hs_install_key;
	o->event = ap_hs_event;
	o->get_group_tsc = ap_hs_get_group_tsc;
}

