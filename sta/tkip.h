/* SPDX-License-Identifier: MIT */
/* tkip.h: the station's TKIP countermeasures (IEEE 802.11-2020 12.5.2.4).
 *
 * Every Michael MIC failure the kernel reports while associated is reported
 * to the AP (an EAPOL-Key Request with the Error bit, 12.7.2). A second
 * failure within 60 s of the previous one starts the countermeasures
 * (12.5.2.4.3): the station deauthenticates with reason 14 (Michael MIC
 * failure) and for 60 s associates with no BSS that would use TKIP, as
 * pairwise or group cipher; a CCMP-only BSS stays allowed (wpa_supplicant
 * blocks every BSS instead). Each step is a struct sta_event: MIC_FAILURE,
 * MIC_REPORT, TKIP (old -> new state) and the DEAUTH of the SME. */
#ifndef ROAMLAB_STA_TKIP_H
#define ROAMLAB_STA_TKIP_H

#include <stdbool.h>
#include <stdint.h>

struct loop_timer;

#define STA_TKIP_WINDOW_US	(60 * 1000000ull)	/* 12.5.2.4.3: 60 s */
#define STA_TKIP_HOLD_US	(60 * 1000000ull)	/* no TKIP for 60 s */
/* Between the second report and the deauthentication, so the report is
 * sent under the PTK before the kernel drops it (no TX status for EAPOL
 * frames; wpa_supplicant waits 10 ms for the same reason). */
#define STA_TKIP_DRAIN_US	(20 * 1000ull)

enum sta_tkip_state {
	STA_TKIP_IDLE,			/* no failure in the last 60 s */
	STA_TKIP_FAILURE_SEEN,		/* one failure, less than 60 s ago */
	STA_TKIP_COUNTERMEASURES,	/* 60 s without TKIP associations */
};
const char *sta_tkip_state_name(enum sta_tkip_state st);

struct sta;
struct sta_event;

/* What the countermeasures need of the SME, which owns the station: the
 * SME calls into tkip.c, tkip.c calls back only through these. */
struct sta_tkip_ops {
	void (*emit)(struct sta *s, struct sta_event *ev);
	void (*abandon)(struct sta *s, uint16_t reason, const char *why);
	void (*resume)(struct sta *s);
};

struct sta_tkip {
	const struct sta_tkip_ops *ops;
	enum sta_tkip_state state;
	uint64_t t_failure;		/* loop time of the last failure */
	struct loop_timer *timer;	/* end of FAILURE_SEEN or COUNTERMEASURES */
	struct loop_timer *deauth_timer;
};

/* struct drv_events.mic_failure of the station (ctx: struct sta). */
void sta_tkip_mic_failure(void *ctx, const uint8_t src[6], bool group, int key_idx);

#endif
