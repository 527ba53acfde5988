/* SPDX-License-Identifier: MIT */
/* roam.h: roam decisions (pure functions of the BSS table, the clock and the
 * knobs) and the roam record that becomes a ROAM event. */
#ifndef ROAMLAB_STA_ROAM_H
#define ROAMLAB_STA_ROAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bss.h"
#include "conf.h"

#define STA_ROAM_MAX_FREQS 16

struct sta_roam_cfg {
	int32_t threshold_mbm;		/* low-signal trigger, e.g. -7000 */
	int32_t hysteresis_mb;		/* candidate must beat current by this */
	uint64_t scan_max_age_us;	/* scan results younger than this are used
					 * directly after AP loss */
	uint64_t bgscan_us;		/* background scan interval while below
					 * the threshold (0: never) */
	/* not knobs: set by the SME */
	bool no_tkip;			/* TKIP countermeasures are on: pick no
					 * BSS that would use TKIP */
	bool avoid;			/* avoid_bssid only if nothing else fits */
	uint8_t avoid_bssid[6];		/* the BSS we last left on an error */
};

void sta_roam_cfg_default(struct sta_roam_cfg *cfg);

enum sta_roam_cause {
	STA_ROAM_CAUSE_AP_LOSS,		/* deauth, disassoc or beacon loss */
	STA_ROAM_CAUSE_LOW_SIGNAL,
	STA_ROAM_CAUSE_COMMAND,
};
const char *sta_roam_cause_name(enum sta_roam_cause c);

enum sta_roam_act {
	STA_ROAM_ACT_NONE,		/* stay */
	STA_ROAM_ACT_CONNECT,		/* go to dec->bss now */
	STA_ROAM_ACT_SCAN,		/* scan dec->freqs (n_freqs 0: all) */
};
const char *sta_roam_act_name(enum sta_roam_act a);

struct sta_roam_decision {
	enum sta_roam_act act;
	struct sta_bss *bss;
	const struct sta_network *net;
	struct sta_bss_choice choice;
	uint32_t freqs[STA_ROAM_MAX_FREQS];
	size_t n_freqs;
	const char *why;		/* static text for the log */
};

/* The current AP is gone. Pick the best other BSS of the same ESS seen within
 * scan_max_age_us; else scan the ESS's known channels (all if none known).
 * after_scan: the table was just refreshed by that scan, so never ask for
 * another one (returns NONE if nothing fits). */
void sta_roam_on_loss(struct sta_bss_table *t, const struct sta_conf *conf,
		      const struct sta_network *net, const uint8_t old_bssid[6],
		      uint64_t now_us, const struct sta_roam_cfg *cfg,
		      bool after_scan, struct sta_roam_decision *dec);

/* Periodic check while connected (and after each background scan). Below the
 * threshold: if a recent candidate of the same ESS beats cur_signal by the
 * hysteresis, CONNECT; else if the last scan is older than bgscan_us, SCAN
 * the known channels; else NONE. */
void sta_roam_on_signal(struct sta_bss_table *t, const struct sta_conf *conf,
			const struct sta_network *net, const uint8_t cur_bssid[6],
			int32_t cur_signal_mbm, uint64_t now_us,
			const struct sta_roam_cfg *cfg, struct sta_roam_decision *dec);

/* One roam, from trigger to handshake done, for the ROAM event. Times are
 * loop microseconds; 0 means "did not happen". */
struct sta_roam_rec {
	enum sta_roam_cause cause;
	uint8_t old_bssid[6];
	uint8_t new_bssid[6];
	uint64_t t_trigger;
	uint64_t t_scan_done;
	uint64_t t_auth;
	uint64_t t_assoc;
	uint64_t t_done;
	unsigned int attempts;
};

/* "cause=ap-loss old=.. new=.. t_trigger=.. t_auth=.. t_assoc=.. t_done=..
 * total_ms=.." */
int sta_roam_rec_format(const struct sta_roam_rec *r, char *buf, size_t len);

#endif
