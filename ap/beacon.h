/* SPDX-License-Identifier: MIT */
/* beacon.h: what the AP advertises. The beacon is split where the kernel
 * inserts the TIM (nl80211 BEACON_HEAD / BEACON_TAIL); the probe response is
 * the whole frame. Element order follows IEEE 802.11-2020 Table 9-27
 * (beacon) and Table 9-34 (probe response): SSID, Supported Rates, DS
 * Parameter Set, [TIM], Country, ERP, Extended Supported Rates, RSN, and the
 * WPA vendor element last. */
#ifndef ROAMLAB_AP_BEACON_H
#define ROAMLAB_AP_BEACON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "ie.h"

#define AP_BEACON_HEAD_MAX 128
#define AP_BEACON_TAIL_MAX 256
#define AP_WPA_IE_MAX 64
#define AP_RATES_MAX 12

struct ap_beacon {
	uint8_t head[AP_BEACON_HEAD_MAX];
	size_t head_len;
	uint8_t tail[AP_BEACON_TAIL_MAX];
	size_t tail_len;
	/* The AP's own elements, also given to the authenticator for msg 3/4. */
	uint8_t rsn_ie[AP_WPA_IE_MAX];
	size_t rsn_ie_len;
	uint8_t wpa_ie[AP_WPA_IE_MAX];
	size_t wpa_ie_len;
	/* RSNXE (9.4.2.241) with SAE H2E, when SAE takes H2E (sae_pwe 1/2) */
	uint8_t rsnxe[IE_RSNX_H2E_LEN];
	size_t rsnxe_len;
	uint16_t capab;
};

/* Supported rates for the configured band (500 kb/s units, 0x80 = basic),
 * as hostapd's defaults: b 1 2 5.5 11 (basic 1 2); g adds the OFDM rates
 * (basic 1 2 5.5 11); a 6..54 (basic 6 12 24). Returns the count. */
size_t ap_rates(const struct ap_config *c, uint8_t rates[AP_RATES_MAX]);
/* Our RSN (proto RSN) or WPA (proto WPA) element for the config. Returns 0,
 * or -ENOENT if that proto is not enabled. */
int ap_build_wpa_ie(const struct ap_config *c, enum ie_proto proto, uint8_t *out,
		    size_t cap, size_t *len);
/* Fill b for the config and BSSID. Returns 0 or -errno. */
int ap_beacon_build(const struct ap_config *c, const uint8_t bssid[6],
		    struct ap_beacon *b);
/* A probe response to da. Returns 0 or -ENOSPC. */
int ap_probe_resp_build(const struct ap_config *c, const struct ap_beacon *b,
			const uint8_t bssid[6], const uint8_t da[6], uint8_t *out,
			size_t cap, size_t *len);
/* Whether to answer a probe request with these elements (9.3.3.9): its SSID
 * is ours, or the wildcard SSID unless ignore_broadcast_ssid is set. */
bool ap_probe_req_wanted(const struct ap_config *c, const uint8_t *ies, size_t len);

#endif
