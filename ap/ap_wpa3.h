/* SPDX-License-Identifier: MIT */
/* ap_wpa3.h: roamlab-ap's WPA3-Personal (ap/wpa3.c): SAE authentication
 * (802.11-2020 12.4) over the Authentication frames it receives, one
 * struct sae per station with the AP's anti-clogging state, and the
 * PMKSA cache (12.6.10.3) that lets a station with a cached PMKSA skip
 * SAE (Open System authentication, PMKID in the (Re)Association
 * Request). */
#ifndef ROAMLAB_AP_WPA3_H
#define ROAMLAB_AP_WPA3_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ap;
struct ap_sta;
struct hs_assoc_sec;
struct mgmt_frame;

#define AP_PMKSA_MAX		32
/* dot11RSNAConfigPMKLifetime, hostapd's default 43200 s */
#define AP_PMKSA_LIFETIME_US	(43200ULL * 1000000)

struct ap_pmksa {
	uint8_t addr[6];
	uint8_t pmkid[16];
	uint8_t pmk[32];
	uint32_t akm;
	uint64_t expires_us;	/* 0: free slot */
};

/* Set up / tear down the AP-wide SAE state (anti-clogging). */
int ap_wpa3_start(struct ap *ap);
void ap_wpa3_stop(struct ap *ap);
/* An Authentication frame with algorithm 3 (SAE). */
void ap_wpa3_rx_auth(struct ap *ap, const struct mgmt_frame *f);
/* A (Re)Association Request with an SAE AKM: where the PMK comes from.
 * 0 with the PMK in s->pmk (a cached PMKSA the station named by PMKID,
 * else the SAE it just finished); else the status code: 53 (invalid
 * PMKID, no PMKSA and no SAE). */
uint16_t ap_wpa3_assoc_pmk(struct ap *ap, struct ap_sta *s, const struct hs_assoc_sec *sec);
/* The station is forgotten: its SAE instance goes. */
void ap_wpa3_sta_free(struct ap_sta *s);
/* Drop every cached PMKSA of addr (the pmksa-stale fault, tests). */
void ap_pmksa_flush(struct ap *ap, const uint8_t *addr);

#endif
