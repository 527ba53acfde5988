// SPDX-License-Identifier: MIT
/* station.c: a station's life: sta_new() wires the SME to the driver
 * (the driver event table below), the supplicant's ops and the timers;
 * sta_free() undoes it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake.h"
#include "log.h"
#include "mgmt.h"
#include "loop.h"
#include "sme_priv.h"
#include "util.h"

#define TAG "sme"

/* 802.11-2020 11.13: with management frame protection in use, a STA
 * ignores an unprotected Deauthentication or Disassociation (mac80211 has
 * dropped it already and reports it as NL80211_CMD_UNPROT_*; it also
 * answers the AP's SA Query Requests itself). Only recorded. */
static void sta_on_unprot_deauth(void *ctx, const uint8_t bssid[6], uint16_t reason,
				 bool disassoc)
{
	struct sta *s = ctx;
	struct sta_event ev;
	char a[18];

	log_info(TAG, "%s: unprotected %s from %s (reason %u) ignored: PMF in use",
		 s->ifname, disassoc ? "disassociation" : "deauthentication",
		 mac_str(bssid, a), reason);
	sta_event_init(&ev, "UNPROT_DEAUTH", now_us(s));
	sta_event_add(&ev, "bssid", "%s", a);
	sta_event_add(&ev, "reason", "%u", reason);
	sta_event_add(&ev, "frame", "%s", disassoc ? "disassoc" : "deauth");
	sta_event_add(&ev, "action", "ignored");
	emit(s, &ev);
}

const struct drv_events sta_drv_events = {
	.eapol_rx = sta_on_eapol_rx,
	.scan_done = sta_on_scan_done,
	.auth_result = sta_on_auth_result,
	.assoc_result = sta_on_assoc_result,
	.deauth = sta_on_deauth,
	.conn_lost = sta_on_conn_lost,
	.unprot_deauth = sta_on_unprot_deauth,
	.cqm_rssi = sta_on_cqm,
	.mic_failure = sta_tkip_mic_failure,
};

static const struct sta_tkip_ops sta_tkip_ops = {
	.emit = sta_emit,
	.abandon = sta_abandon,
	.resume = sta_resume,
};

struct sta *sta_new(struct loop *l, const struct drv_ops *ops, const char *ifname,
		    struct sta_conf *conf, sta_event_fn fn, void *ctx)
{
	struct drv_ifinfo info;
	struct sta *s;
	size_t i;
	int ret;

	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->loop = l;
	s->conf = conf;
	s->event_fn = fn;
	s->event_ctx = ctx;
	s->target_net = -1;
	s->signal_mbm = 0;
	snprintf(s->ifname, sizeof(s->ifname), "%s", ifname);
	sta_roam_cfg_default(&s->roam_cfg);
	s->tkip.ops = &sta_tkip_ops;
	for (i = 0; i < conf->n_net; i++) {
		const struct sta_network *n = &conf->net[i];

		if (!n->psk_set)
			continue;
		if (n->psk_is_raw) {
			memcpy(s->pmk[i], n->psk, 32);
			continue;
		}
		ret = crypto_psk_from_passphrase(n->passphrase, n->ssid, n->ssid_len,
						 s->pmk[i]);
		if (ret < 0) {
			log_err(TAG, "%s:%d: psk: cannot derive the PMK: %s", conf->path,
				n->line, strerror(-ret));
			goto fail;
		}
	}
	s->drv = drv_open(ops, l, ifname, &sta_drv_events, s);
	if (!s->drv)
		goto fail;
	ret = drv_get_info(s->drv, &info);
	if (ret < 0) {
		log_err(TAG, "%s: cannot read the interface: %s", ifname, strerror(-ret));
		goto fail;
	}
	memcpy(s->addr, info.mac, 6);
	sta_neigh_init(&s->neigh, STA_NEIGH_SYSCTL_ROOT, info.ifname, info.ifindex);
	sta_neigh_set(&s->neigh, conf->keep_neigh != 0);
	if (info.iftype != DRV_IFTYPE_STATION) {
		ret = drv_set_iftype(s->drv, DRV_IFTYPE_STATION);
		if (ret < 0) {
			log_err(TAG, "%s: cannot switch to station mode: %s", ifname,
				strerror(-ret));
			goto fail;
		}
	}
	ret = drv_set_up(s->drv, true);
	if (ret < 0 && ret != -EOPNOTSUPP) {
		log_err(TAG, "%s: cannot bring the interface up: %s", ifname,
			strerror(-ret));
		goto fail;
	}
	s->bg_timer = loop_timer_add(l, STA_BG_TICK_US, sta_bg_tick, s);
	log_info(TAG, "%s: station " MAC_FMT ", %zu network(s)", ifname, MAC_ARG(s->addr),
		 conf->n_net);
	return s;
fail:
	sta_free(s);
	return NULL;
}

void sta_free(struct sta *s)
{
	if (!s)
		return;
	sta_neigh_restore(&s->neigh);
	if (s->associated && s->drv) {
		struct sta_event ev;
		char a[18];

		drv_deauthenticate(s->drv, s->cur.bssid, MGMT_REASON_DEAUTH_LEAVING);
		/* logged only: the caller is tearing down */
		s->event_fn = NULL;
		sta_event_init(&ev, "DISCONNECTED", loop_now_us(s->loop));
		sta_event_add(&ev, "bssid", "%s", mac_str(s->cur.bssid, a));
		sta_event_add(&ev, "reason", "%u", MGMT_REASON_DEAUTH_LEAVING);
		sta_event_add(&ev, "how", "local");
		sta_emit(s, &ev);
	}
	loop_timer_cancel_ctx(s->loop, s);
	sta_wpa3_reset(s);
	if (s->supp)
		hs_supp_free(s->supp);
	drv_close(s->drv);
	secure_zero(s, sizeof(*s));
	free(s);
}
