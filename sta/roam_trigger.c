// SPDX-License-Identifier: MIT
/* roam_trigger.c: what makes a connected station look for another AP on
 * its own: the background signal poll and the driver's signal events. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "sme_priv.h"
#include "util.h"

#define TAG "sme"

/* The background tick follows the background scan interval when that is
 * shorter than a second (but not below 100 ms), so a roam on signal is
 * decided within one scan interval, not one second. */
static uint64_t sta_bg_tick_us(const struct sta *s)
{
	uint64_t us = s->roam_cfg.bgscan_us;

	if (!us || us > STA_BG_TICK_US)
		return STA_BG_TICK_US;
	return us < 100000 ? 100000 : us;
}

/* Background: poll the signal, below the threshold look for a better AP. */
void sta_bg_tick(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta *s = ctx;
	struct sta_roam_decision dec;
	int32_t sig;

	s->bg_timer = loop_timer_add(s->loop, sta_bg_tick_us(s), sta_bg_tick, s);
	if (s->state != STA_SME_CONNECTED || !s->net || !s->auto_connect)
		return;
	if (sta_signal_poll(s, &sig) < 0)
		return;
	sta_roam_on_signal(&s->bss, s->conf, s->net, s->cur.bssid, sig, now_us(s),
			   &s->roam_cfg, &dec);
	switch (dec.act) {
	case STA_ROAM_ACT_NONE:
		break;
	case STA_ROAM_ACT_SCAN:
		log_dbg(TAG, "%s: signal %d dBm: %s", s->ifname, sig / 100, dec.why);
		sta_start_scan(s, STA_SCAN_BG, dec.freqs, dec.n_freqs, false,
			       s->net->ssid, s->net->ssid_len);
		break;
	case STA_ROAM_ACT_CONNECT:
		sta_roam_begin(s, STA_ROAM_CAUSE_LOW_SIGNAL, true);
		sta_start_auth(s, dec.bss, dec.net, &dec.choice);
		break;
	}
}

void sta_on_cqm(void *ctx, bool low, int32_t signal_dbm)
{
	struct sta *s = ctx;
	struct sta_event ev;

	s->signal_mbm = signal_dbm * 100;
	sta_event_init(&ev, "SIGNAL", now_us(s));
	sta_event_add(&ev, "level", "%s", low ? "low" : "high");
	sta_event_add(&ev, "signal", "%d", signal_dbm);
	emit(s, &ev);
}
