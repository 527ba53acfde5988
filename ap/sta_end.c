// SPDX-License-Identifier: MIT
/* sta_end.c: sending management frames, and how a station's association
 * ends: deauthentication/disassociation by the AP and the teardown that
 * every ending shares (timers, authenticator, held EAPOL, kernel entry,
 * strict GTK rekey). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ap.h"
#include "ap_pmf.h"
#include "ctrl.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"

#define TAG "ap"

int ap_send_mgmt(struct ap *ap, struct wbuf *w, uint64_t *cookie)
{
	int ret;

	if (!wbuf_ok(w))
		return -ENOSPC;
	ret = drv_send_mgmt(ap->drv, w->data, w->len, false, cookie);
	if (ret)
		log_err(TAG, "%s: cannot send management frame: %s", ap->ifname, strerror(-ret));
	return ret;
}

void ap_send_deauth(struct ap *ap, const uint8_t *da, uint16_t reason, bool disassoc)
{
	uint8_t buf[64];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	if (disassoc)
		mgmt_build_disassoc(&w, da, ap->bssid, ap->bssid, reason);
	else
		mgmt_build_deauth(&w, da, ap->bssid, ap->bssid, reason);
	ap_send_mgmt(ap, &w, NULL);
}

/* ---- station teardown --------------------------------------------------------- */

void ap_sta_teardown(struct ap *ap, struct ap_sta *s)
{
	bool rekey = ap->cfg->wpa_strict_rekey && s->had_gtk && ap->group;
	char mac[18];

	if (s->state == AP_STA_AUTHORIZED)
		ap_event_text(ap, "AP-STA-DISCONNECTED %s", mac_str(s->addr, mac));

	if (s->ptk_rekey_timer) {
		loop_timer_cancel(ap->loop, s->ptk_rekey_timer);
		s->ptk_rekey_timer = NULL;
	}
	if (s->deauth_timer) {
		loop_timer_cancel(ap->loop, s->deauth_timer);
		s->deauth_timer = NULL;
	}
	ap_pmf_sta_reset(ap, s);
	if (s->hs) {
		hs_auth_free(s->hs);
		s->hs = NULL;
	}
	if (s->in_kernel && ap->drv) {
		drv_sta_remove(ap->drv, s->addr);
		s->in_kernel = false;
	}
	s->assoc_resp_pending = false;
	s->had_gtk = false;
	s->t_done_us = 0;
	s->t_ptk_us = 0;
	if (rekey) {
		char mac[18];

		log_info(TAG, "STA %s left: GTK rekey (wpa_strict_rekey)", mac_str(s->addr, mac));
		hs_group_rekey(ap->group);
	}
}

int ap_deauth_sta(struct ap *ap, const uint8_t addr[ETH_ALEN], uint16_t reason,
		  bool disassoc)
{
	struct ap_sta *s = ap_sta_find(&ap->stas, addr);
	char mac[18];

	if (!s)
		return -ENOENT;
	mac_str(addr, mac);
	log_info(TAG, "%s: STA %s: sending %s (reason %u: %s)", ap->ifname, mac,
		 disassoc ? "disassociation" : "deauthentication", reason,
		 mgmt_reason_str(reason));
	if (ap->drv)
		ap_send_deauth(ap, s->addr, reason, disassoc);
	ap_event(ap, "AP-STA-LEFT", "sta=%s reason=%u by=ap frame=%s", mac, reason,
		 disassoc ? "disassoc" : "deauth");
	ap_sta_teardown(ap, s);
	if (disassoc)
		ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHENTICATED);
	else
		ap_sta_del(&ap->stas, s);
	return 0;
}
