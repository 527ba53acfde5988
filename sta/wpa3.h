/* SPDX-License-Identifier: MIT */
/* wpa3.h: roamlab-sta's WPA3-Personal (sta/wpa3.c): SAE through the SME in
 * user space (NL80211_CMD_AUTHENTICATE with NL80211_ATTR_SAE_DATA, the
 * AP's frames back as authentication events), and the PMKSA cache per
 * BSSID (802.11-2020 12.6.10.3): a BSS with a cached PMKSA is joined with
 * Open System authentication and the PMKID in the (Re)Association
 * Request; one without gets a fresh SAE. Called by the SME only. */
#ifndef ROAMLAB_STA_WPA3_H
#define ROAMLAB_STA_WPA3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sta;
struct mgmt_frame;
struct drv_auth_params;

#define STA_PMKSA_MAX		8
/* dot11RSNAConfigPMKLifetime, wpa_supplicant's default 43200 s */
#define STA_PMKSA_LIFETIME_US	(43200ULL * 1000000)

struct sta_pmksa {
	uint8_t bssid[6];
	uint8_t pmkid[16];
	uint8_t pmk[32];
	uint64_t expires_us;	/* 0: free */
	bool h2e;		/* the SAE that made it used hash-to-element */
};

/* How the current attempt authenticates (enum sta_auth_kind). */
enum sta_auth_kind {
	STA_AUTH_OPEN,		/* Open System (PSK, open networks) */
	STA_AUTH_SAE,		/* a fresh SAE */
	STA_AUTH_PMKSA,		/* Open System with a cached SAE PMKSA */
};
const char *sta_auth_kind_name(enum sta_auth_kind k);

/* Authenticate with s->cur as s->choice says: Open System, or SAE (its
 * commit goes out here), or Open System with a cached PMKSA. p has the
 * BSS filled in. 0 or -errno. */
int sta_wpa3_auth_start(struct sta *s, struct drv_auth_params *p);
/* An SAE Authentication frame from the AP: 1 when SAE is accepted (go on
 * to associate), 0 while it runs (more frames to come), -errno when it
 * failed (reason in the log and events). */
int sta_wpa3_auth_rx(struct sta *s, const struct mgmt_frame *f);
/* The PMK of this SAE association (fresh SAE or cached PMKSA); with a
 * cached PMKSA, *pmkid gets its PMKID (else NULL). -ENOENT if none. */
int sta_wpa3_pmk(struct sta *s, uint8_t *pmk, const uint8_t **pmkid);
/* Does this association use SAE H2E (the RSNXE goes in the request)? */
bool sta_wpa3_h2e(const struct sta *s);
/* The AP refused our PMKID (status 53) or the PMKSA went stale: forget it. */
void sta_pmksa_drop(struct sta *s, const uint8_t *bssid);
/* Forget the SAE instance (end of an attempt, sta_free). */
void sta_wpa3_reset(struct sta *s);

#endif
