// SPDX-License-Identifier: MIT
/* roam.c: when and where to roam. */
#include "roam.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

void sta_roam_cfg_default(struct sta_roam_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->threshold_mbm = -7000;
	cfg->hysteresis_mb = 500;
	cfg->scan_max_age_us = 10 * 1000000ull;
	cfg->bgscan_us = 5 * 1000000ull;
}

const char *sta_roam_cause_name(enum sta_roam_cause c)
{
	switch (c) {
	case STA_ROAM_CAUSE_AP_LOSS: return "ap-loss";
	case STA_ROAM_CAUSE_LOW_SIGNAL: return "low-signal";
	case STA_ROAM_CAUSE_COMMAND: return "command";
	}
	return "?";
}

const char *sta_roam_act_name(enum sta_roam_act a)
{
	switch (a) {
	case STA_ROAM_ACT_NONE: return "none";
	case STA_ROAM_ACT_CONNECT: return "connect";
	case STA_ROAM_ACT_SCAN: return "scan";
	}
	return "?";
}

static struct sta_bss *pick(struct sta_bss_table *t, const struct sta_conf *conf,
			    const struct sta_network *net, const uint8_t *exclude,
			    uint64_t now_us, const struct sta_roam_cfg *cfg,
			    struct sta_roam_decision *dec)
{
	struct sta_select sel = {
		.net_id = -1,
		.ssid = net->ssid,
		.ssid_len = net->ssid_len,
		.exclude = exclude,
		.now_us = now_us,
		.max_age_us = cfg->scan_max_age_us,
		.no_tkip = cfg->no_tkip,
		.avoid = cfg->avoid ? cfg->avoid_bssid : NULL,
	};

	return sta_bss_select(t, conf, &sel, &dec->net, &dec->choice);
}

static void want_scan(struct sta_bss_table *t, const struct sta_network *net,
		      struct sta_roam_decision *dec)
{
	dec->act = STA_ROAM_ACT_SCAN;
	dec->n_freqs = sta_bss_ess_freqs(t, net->ssid, net->ssid_len, dec->freqs,
					 STA_ROAM_MAX_FREQS);
}

void sta_roam_on_loss(struct sta_bss_table *t, const struct sta_conf *conf,
		      const struct sta_network *net, const uint8_t old_bssid[6],
		      uint64_t now_us, const struct sta_roam_cfg *cfg,
		      bool after_scan, struct sta_roam_decision *dec)
{
	memset(dec, 0, sizeof(*dec));
	dec->bss = pick(t, conf, net, old_bssid, now_us, cfg, dec);
	if (dec->bss) {
		dec->act = STA_ROAM_ACT_CONNECT;
		dec->why = after_scan ? "candidate found by scan" :
					"candidate from a recent scan";
		return;
	}
	/* The lost BSS is a candidate again once a fresh scan sees it (an AP
	 * that restarted): the only AP of an ESS must not be given up. */
	if (after_scan && old_bssid) {
		dec->bss = pick(t, conf, net, NULL, now_us, cfg, dec);
		/* the SME zeroes seen_us of the BSS it lost */
		if (dec->bss && (!mac_equal(dec->bss->bssid, old_bssid) || !dec->bss->seen_us))
			dec->bss = NULL;
	}
	if (dec->bss) {
		dec->act = STA_ROAM_ACT_CONNECT;
		dec->why = "the lost BSS is back in the scan";
		return;
	}
	if (after_scan) {
		dec->act = STA_ROAM_ACT_NONE;
		dec->why = "no other BSS of the ESS after scan";
		return;
	}
	want_scan(t, net, dec);
	dec->why = dec->n_freqs ? "no recent candidate: scan known channels" :
				  "no known channel: full scan";
}

void sta_roam_on_signal(struct sta_bss_table *t, const struct sta_conf *conf,
			const struct sta_network *net, const uint8_t cur_bssid[6],
			int32_t cur_signal_mbm, uint64_t now_us,
			const struct sta_roam_cfg *cfg, struct sta_roam_decision *dec)
{
	struct sta_bss *b;

	memset(dec, 0, sizeof(*dec));
	if (cur_signal_mbm >= cfg->threshold_mbm) {
		dec->why = "signal above threshold";
		return;
	}
	b = pick(t, conf, net, cur_bssid, now_us, cfg, dec);
	if (b && b->signal_mbm >= cur_signal_mbm + cfg->hysteresis_mb) {
		dec->act = STA_ROAM_ACT_CONNECT;
		dec->bss = b;
		dec->why = "candidate beats current by the hysteresis";
		return;
	}
	if (cfg->bgscan_us && (!t->last_scan_us || now_us < t->last_scan_us ||
			       now_us - t->last_scan_us >= cfg->bgscan_us)) {
		want_scan(t, net, dec);
		dec->bss = NULL;
		dec->net = NULL;
		dec->why = "below threshold: background scan";
		return;
	}
	dec->bss = NULL;
	dec->net = NULL;
	dec->why = b ? "best candidate within hysteresis" : "no candidate";
}

static long long rel_ms(uint64_t t, uint64_t t0)
{
	return t && t >= t0 ? (long long)((t - t0) / 1000) : -1;
}

int sta_roam_rec_format(const struct sta_roam_rec *r, char *buf, size_t len)
{
	char o[18], n[18];

	return snprintf(buf, len,
			"cause=%s old=%s new=%s t_trigger=%llu t_auth=%llu t_assoc=%llu "
			"t_done=%llu auth_ms=%lld assoc_ms=%lld total_ms=%lld.%03lld "
			"attempts=%u",
			sta_roam_cause_name(r->cause), mac_str(r->old_bssid, o),
			mac_str(r->new_bssid, n), (unsigned long long)r->t_trigger,
			(unsigned long long)r->t_auth, (unsigned long long)r->t_assoc,
			(unsigned long long)r->t_done, rel_ms(r->t_auth, r->t_trigger),
			rel_ms(r->t_assoc, r->t_trigger),
			r->t_done >= r->t_trigger ? (long long)((r->t_done - r->t_trigger) / 1000) : -1,
			r->t_done >= r->t_trigger ? (long long)((r->t_done - r->t_trigger) % 1000) : 0,
			r->attempts);
}
