// SPDX-License-Identifier: MIT
/* tkip.c: Michael MIC failure reports and TKIP countermeasures of the
 * station (IEEE 802.11-2020 12.5.2.4.1, 12.5.2.4.3; see tkip.h). */
#include "tkip.h"

#include <errno.h>
#include <string.h>

#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "sme.h"
#include "util.h"

#define TAG "sme"

const char *sta_tkip_state_name(enum sta_tkip_state st)
{
	switch (st) {
	case STA_TKIP_IDLE: return "IDLE";
	case STA_TKIP_FAILURE_SEEN: return "FAILURE_SEEN";
	case STA_TKIP_COUNTERMEASURES: return "COUNTERMEASURES";
	}
	return "?";
}

static void tkip_enter_state(struct sta *s, enum sta_tkip_state st)
{
	struct sta_event ev;

	log_info(TAG, "%s: TKIP %s -> %s", s->ifname, sta_tkip_state_name(s->tkip.state),
		 sta_tkip_state_name(st));
	sta_event_init(&ev, "TKIP", loop_now_us(s->loop));
	sta_event_add(&ev, "old", "%s", sta_tkip_state_name(s->tkip.state));
	sta_event_add(&ev, "new", "%s", sta_tkip_state_name(st));
	s->tkip.state = st;
	/* the selection of a BSS skips TKIP while the countermeasures run */
	s->roam_cfg.no_tkip = st == STA_TKIP_COUNTERMEASURES;
	s->tkip.ops->emit(s, &ev);
}

static void tkip_timer(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta *s = ctx;
	bool was_cm = s->tkip.state == STA_TKIP_COUNTERMEASURES;

	s->tkip.timer = NULL;
	tkip_enter_state(s, STA_TKIP_IDLE);
	if (was_cm)
		s->tkip.ops->resume(s);
}

static void tkip_deauth(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta *s = ctx;

	s->tkip.deauth_timer = NULL;
	if (!s->associated ||
	    (s->state != STA_SME_HANDSHAKE && s->state != STA_SME_CONNECTED))
		return;
	s->tkip.ops->abandon(s, MGMT_REASON_MICHAEL_MIC_FAILURE,
		    "TKIP countermeasures: second Michael MIC failure within 60 s");
}

/* 12.5.2.4.1: the Michael MIC Failure Report to the AP. */
static void tkip_report(struct sta *s, bool group)
{
	struct sta_event ev;
	int ret = -ENOKEY;

	if (s->supp)
		ret = hs_supp_report_michael_failure(s->supp, !group);
	if (ret < 0)
		log_warn(TAG, "%s: Michael MIC failure report not sent: %s", s->ifname,
			 strerror(-ret));
	sta_event_init(&ev, "MIC_REPORT", loop_now_us(s->loop));
	sta_event_add(&ev, "key", "%s", group ? "group" : "pairwise");
	sta_event_add(&ev, "status", "%s", !ret ? "sent" : ret == -ENOKEY ? "no-ptk" : "failed");
	s->tkip.ops->emit(s, &ev);
}

void sta_tkip_mic_failure(void *ctx, const uint8_t src[6], bool group, int key_idx)
{
	struct sta *s = ctx;
	uint64_t t = loop_now_us(s->loop);
	struct sta_event ev;
	bool second;
	char a[18];

	sta_event_init(&ev, "MIC_FAILURE", t);
	sta_event_add(&ev, "bssid", "%s", mac_str(src, a));
	sta_event_add(&ev, "key", "%s", group ? "group" : "pairwise");
	sta_event_add(&ev, "key_idx", "%d", key_idx);
	if (!s->associated || (s->state != STA_SME_HANDSHAKE && s->state != STA_SME_CONNECTED) ||
	    s->tkip.state == STA_TKIP_COUNTERMEASURES) {
		log_info(TAG, "%s: Michael MIC failure from %s ignored (%s)", s->ifname, a,
			 s->tkip.state == STA_TKIP_COUNTERMEASURES ? "countermeasures on" :
			 "not associated");
		sta_event_add(&ev, "action", "ignored");
		s->tkip.ops->emit(s, &ev);
		return;
	}
	second = s->tkip.state == STA_TKIP_FAILURE_SEEN &&
		 t - s->tkip.t_failure < STA_TKIP_WINDOW_US;
	log_warn(TAG, "%s: Michael MIC failure (%s key %d) from %s%s", s->ifname,
		 group ? "group" : "pairwise", key_idx, a,
		 second ? ": second within 60 s, TKIP countermeasures" : "");
	sta_event_add(&ev, "count", "%d", second ? 2 : 1);
	s->tkip.ops->emit(s, &ev);
	s->tkip.t_failure = t;
	tkip_report(s, group);
	if (s->tkip.timer)
		loop_timer_cancel(s->loop, s->tkip.timer);
	if (!second) {
		tkip_enter_state(s, STA_TKIP_FAILURE_SEEN);
		s->tkip.timer = loop_timer_add(s->loop, STA_TKIP_WINDOW_US, tkip_timer, s);
		return;
	}
	tkip_enter_state(s, STA_TKIP_COUNTERMEASURES);
	s->tkip.timer = loop_timer_add(s->loop, STA_TKIP_HOLD_US, tkip_timer, s);
	if (!s->tkip.deauth_timer)
		s->tkip.deauth_timer = loop_timer_add(s->loop, STA_TKIP_DRAIN_US,
						      tkip_deauth, s);
}
