// SPDX-License-Identifier: MIT
/* tkip_cm.c: TKIP countermeasures (IEEE 802.11-2020 12.5.2.4).
 *
 * A Michael MIC failure is counted from two sources: the driver found one
 * in a frame it received (NL80211_CMD_MICHAEL_MIC_FAILURE, ap_mic_failure())
 * and a station reported one in an EAPOL-Key Request with the Error bit
 * (12.7.2) that the handshake has verified (MIC under the station's PTK,
 * replay counter above every earlier Request) and found to name a TKIP key
 * (HS_EV_RX with request HS_REQ_MICHAEL_*, ap_tkip_mic_failure()).
 *
 * Two failures within 60 s (12.5.2.4.1): deauthenticate every station with
 * reason 14 (Michael MIC failure), refuse authentication and association
 * for 60 s, and replace the GTK (the new one goes into the driver at once,
 * as no station is left to hand it to). When a station's report is the
 * second failure, the deauthentications and the new GTK come from a
 * 0-delay timer, outside that station's handshake (see
 * countermeasures_act_later()).
 *
 * The driver has no part in it. nl80211 has no command or attribute that
 * puts an AP interface into countermeasures (linux/nl80211.h has only the
 * NL80211_CMD_MICHAEL_MIC_FAILURE event), and mac80211 keeps no such
 * state: an AP on mac80211 carries out countermeasures in userspace, which
 * is what this file does. drv.h therefore has no countermeasures op.
 *
 * Times come from the loop's clock (loop_now_us, replaceable in tests). */
#include <stdio.h>
#include <string.h>

#include "ap.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"

#define TAG "ap"

const char *ap_tkip_cm_state_name(enum ap_tkip_cm_state st)
{
	switch (st) {
	case AP_TKIP_CM_IDLE:
		return "IDLE";
	case AP_TKIP_CM_ONE_FAILURE:
		return "ONE_FAILURE";
	case AP_TKIP_CM_ACTIVE:
		return "ACTIVE";
	}
	return "?";
}

bool ap_countermeasures_active(struct ap *ap)
{
	return ap->cm_state == AP_TKIP_CM_ACTIVE &&
	       loop_now_us(ap->loop) < ap->countermeasures_until_us;
}

static void countermeasures_end(struct loop *l, struct loop_timer *t, void *ctx);

static void cm_enter_active(struct ap *ap, uint64_t now)
{
	log_info(TAG, "%s: TKIP countermeasures initiated: second Michael MIC failure "
		 "within 60 s", ap->ifname);
	ap_event(ap, "AP-COUNTERMEASURES", "state=on");
	ap->countermeasures_until_us = now + AP_COUNTERMEASURES_US;
	ap->last_mic_failure_us = 0;
	if (ap->cm_timer)
		loop_timer_cancel(ap->loop, ap->cm_timer);
	ap->cm_timer = loop_timer_add(ap->loop, AP_COUNTERMEASURES_US, countermeasures_end,
				      ap);
	if (!ap->cm_timer)
		log_err(TAG, "%s: no timer for the end of countermeasures: they last "
			"until the next Michael MIC failure after 60 s", ap->ifname);
}

/* The one place the countermeasures machine changes state: logs
 * "old -> new", emits one AP-TKIP-CM event, runs the entry action. */
static void cm_enter_state(struct ap *ap, enum ap_tkip_cm_state next, uint64_t now)
{
	enum ap_tkip_cm_state old = ap->cm_state;

	log_dbg(TAG, "%s: TKIP countermeasures: state %s -> %s", ap->ifname,
		ap_tkip_cm_state_name(old), ap_tkip_cm_state_name(next));
	ap->cm_state = next;
	ap_event(ap, "AP-TKIP-CM", "old=%s new=%s", ap_tkip_cm_state_name(old),
		 ap_tkip_cm_state_name(next));
	switch (next) {
	case AP_TKIP_CM_IDLE:
		ap->countermeasures_until_us = 0;
		ap->last_mic_failure_us = 0;
		if (old == AP_TKIP_CM_ACTIVE) {
			log_info(TAG, "%s: TKIP countermeasures ended", ap->ifname);
			ap_event(ap, "AP-COUNTERMEASURES", "state=off");
		}
		break;
	case AP_TKIP_CM_ONE_FAILURE:
		ap->last_mic_failure_us = now;
		break;
	case AP_TKIP_CM_ACTIVE:
		cm_enter_active(ap, now);
		break;
	}
}

static void countermeasures_end(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct ap *ap = ctx;

	ap->cm_timer = NULL;
	cm_enter_state(ap, AP_TKIP_CM_IDLE, loop_now_us(l));
}

/* 12.5.2.4.1: every station deauthenticated (reason 14) and a new GTK. */
static void countermeasures_act(struct ap *ap)
{
	int ret;

	while (ap->stas.head)
		ap_deauth_sta(ap, ap->stas.head->addr, MGMT_REASON_MICHAEL_MIC_FAILURE, false);
	if (!ap->group)
		return;
	ret = hs_group_rekey(ap->group);
	if (ret)
		log_err(TAG, "%s: countermeasures: cannot replace the GTK: %s", ap->ifname,
			strerror(-ret));
}

static void countermeasures_act_fire(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct ap *ap = ctx;

	ap->cm_act_timer = NULL;
	countermeasures_act(ap);
}

/* A station's report reaches ap_tkip_mic_failure() from inside that
 * station's handshake callback (hs_ops.event, called from hs_auth_rx):
 * deauthenticating every station there would free the reporter's
 * handshake while its code is still on the stack, and handshake.h says a
 * callback must not free the object that called it. So the deauth-all and
 * the new GTK run from a 0-delay timer; the machine is ACTIVE (and
 * refuses authentication) at once. ap_disable() and ap_stop() cancel it. */
static void countermeasures_act_later(struct ap *ap)
{
	if (ap->cm_act_timer)
		return;
	ap->cm_act_timer = loop_timer_add(ap->loop, 0, countermeasures_act_fire, ap);
	if (!ap->cm_act_timer)
		log_err(TAG, "%s: countermeasures: no timer: stations not deauthenticated, "
			"GTK not replaced", ap->ifname);
}

void ap_tkip_mic_failure(struct ap *ap, const uint8_t src[ETH_ALEN], bool group,
			 bool reported)
{
	uint64_t now = loop_now_us(ap->loop);
	char mac[18];

	mac_str(src, mac);
	log_info(TAG, "%s: Michael MIC failure (%s key) %s %s", ap->ifname,
		 group ? "group" : "pairwise",
		 reported ? "reported by" : "detected by the driver in a frame from", mac);
	ap_event(ap, "AP-MIC-FAILURE", "sta=%s group=%d source=%s", mac, group,
		 reported ? "report" : "driver");
	switch (ap->cm_state) {
	case AP_TKIP_CM_ACTIVE:
		if (ap_countermeasures_active(ap))
			return;
		/* over without its timer: this failure is a first one */
		cm_enter_state(ap, AP_TKIP_CM_ONE_FAILURE, now);
		return;
	case AP_TKIP_CM_ONE_FAILURE:
		if (now - ap->last_mic_failure_us < AP_MIC_FAILURE_WINDOW_US) {
			cm_enter_state(ap, AP_TKIP_CM_ACTIVE, now);
			/* a driver event is no handshake callback: act now */
			if (reported)
				countermeasures_act_later(ap);
			else
				countermeasures_act(ap);
			return;
		}
		cm_enter_state(ap, AP_TKIP_CM_ONE_FAILURE, now);
		return;
	case AP_TKIP_CM_IDLE:
		cm_enter_state(ap, AP_TKIP_CM_ONE_FAILURE, now);
		return;
	}
}

void ap_mic_failure(void *ctx, const uint8_t src[ETH_ALEN], bool group, int key_idx)
{
	ap_tkip_mic_failure(ctx, src, group, false);
}
