/* SPDX-License-Identifier: MIT */
/* sme_priv.h: what the SME (sme.c) offers the station's other pieces:
 * station.c (life), control.c (commands), roam_trigger.c, knobs.c and
 * status.c. They call the SME; the SME never calls them (the driver and
 * the timers reach them through the tables station.c sets up). Not for
 * other files. */
#ifndef ROAMLAB_STA_SME_PRIV_H
#define ROAMLAB_STA_SME_PRIV_H

#include "loop.h"
#include "sme.h"

/* the background signal poll (roam_trigger.c), at most this long apart */
#define STA_BG_TICK_US		(1000 * 1000ull)

static inline uint64_t now_us(struct sta *s)
{
	return loop_now_us(s->loop);
}

static inline void emit(struct sta *s, struct sta_event *ev)
{
	sta_emit(s, ev);
}

void sta_enter_state(struct sta *s, enum sta_sme_state st);
/* The roam machine (enum sta_roam_state); sta_roam_begin() is its start. */
void sta_roam_enter_state(struct sta *s, enum sta_roam_state st);
void cancel_timer(struct sta *s, struct loop_timer **t);
/* The next step of connecting: the next candidate, or a scan. */
void sta_next_step(struct sta *s);
int sta_start_scan(struct sta *s, enum sta_scan_purpose purpose, const uint32_t *freqs,
		   size_t n_freqs, bool passive, const uint8_t *ssid, size_t ssid_len);
/* Authenticate with b for net (the SME's first step with a chosen BSS). */
void sta_start_auth(struct sta *s, struct sta_bss *b, const struct sta_network *net,
		    const struct sta_bss_choice *choice);
/* The link to the current AP is gone: associated off, supplicant reset. */
void sta_forget_link(struct sta *s);
/* Every roam starts here (see sme.c). */
void sta_roam_begin(struct sta *s, enum sta_roam_cause cause, bool scanned);

/* Driver events handled by the SME (station.c's table). */
void sta_on_eapol_rx(void *ctx, const uint8_t src[6], const uint8_t *data, size_t len);
void sta_on_scan_done(void *ctx, bool aborted);
void sta_on_auth_result(void *ctx, const uint8_t bssid[6], const uint8_t *frame,
			size_t len, bool timed_out);
void sta_on_assoc_result(void *ctx, const uint8_t bssid[6], const uint8_t *frame,
			 size_t len, bool timed_out);
void sta_on_deauth(void *ctx, const uint8_t bssid[6], uint16_t reason, bool disassoc,
		   bool local, const uint8_t *frame, size_t len);
void sta_on_conn_lost(void *ctx, const uint8_t bssid[6], uint16_t reason);
/* roam_trigger.c */
void sta_bg_tick(struct loop *l, struct loop_timer *t, void *ctx);
void sta_on_cqm(void *ctx, bool low, int32_t signal_dbm);
/* status.c: wpa_supplicant's wpa_state word for the SME state */
const char *sta_wpa_state_name(const struct sta *s);

#endif
