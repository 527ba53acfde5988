/* SPDX-License-Identifier: MIT */
/* bss.h: the station's BSS table (scan results with aging) and the match and
 * selection of a BSS against the configured networks. No driver code here:
 * the scan glue fills struct sta_bss, tests fill it by hand. */
#ifndef ROAMLAB_STA_BSS_H
#define ROAMLAB_STA_BSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"

#define STA_BSS_MAX 64
#define STA_BSS_IES_MAX 768

/* The security one protocol (WPA vendor IE or RSN IE) of a BSS offers. */
struct sta_bss_sec {
	bool present;
	unsigned int pairwise;	/* WPA_CIPHER_* */
	unsigned int group;	/* WPA_CIPHER_* (exactly one bit) */
	unsigned int key_mgmt;	/* WPA_AKM_PSK / _PSK_SHA256 offered */
	uint16_t rsn_caps;	/* RSN: MFPC/MFPR (9.4.2.24.4) */
	uint32_t group_mgmt;	/* RSN: group management cipher, or NONE */
};

struct sta_bss {
	uint8_t bssid[6];
	uint8_t ssid[STA_SSID_MAX];
	size_t ssid_len;
	uint32_t freq;		/* MHz */
	int32_t signal_mbm;	/* 100 * dBm */
	uint16_t capab;		/* capability information (9.4.1.4) */
	uint16_t beacon_int;
	uint64_t seen_us;	/* loop time of the last scan result/beacon */
	bool privacy;		/* capability bit 4 */
	struct sta_bss_sec wpa;
	struct sta_bss_sec rsn;
	uint8_t ies[STA_BSS_IES_MAX];
	size_t ies_len;
};

struct sta_bss_table {
	struct sta_bss bss[STA_BSS_MAX];
	size_t n;
	uint64_t last_scan_us;	/* when the last scan completed (0: never) */
};

/* What a (network, BSS) pair agrees on. */
struct sta_bss_choice {
	unsigned int proto;	/* WPA_PROTO_WPA or WPA_PROTO_RSN; 0 for open */
	unsigned int pairwise;	/* one WPA_CIPHER_* bit; 0 for open */
	unsigned int group;
	unsigned int key_mgmt;	/* WPA_AKM_PSK, _PSK_SHA256 or _NONE */
	bool pmf;		/* management frame protection (12.6.3) */
};

/* Inserts or refreshes (by BSSID). When full, the oldest entry is replaced.
 * Returns the entry. */
struct sta_bss *sta_bss_update(struct sta_bss_table *t, const struct sta_bss *in);
struct sta_bss *sta_bss_find(struct sta_bss_table *t, const uint8_t bssid[6]);
void sta_bss_remove(struct sta_bss_table *t, const uint8_t bssid[6]);
/* Drops entries not seen for max_age_us; returns how many. */
size_t sta_bss_expire(struct sta_bss_table *t, uint64_t now_us, uint64_t max_age_us);

/* Does this BSS fit the network (SSID, optional BSSID, security)? Fills
 * *choice (may be NULL) with what to use: RSN before WPA, CCMP before TKIP.
 * why (may be NULL) gets a static text when it does not fit. */
bool sta_bss_matches(const struct sta_network *net, const struct sta_bss *bss,
		     struct sta_bss_choice *choice, const char **why);

struct sta_select {
	int net_id;		/* -1: any network of the config */
	const uint8_t *ssid;	/* non-NULL: only this ESS */
	size_t ssid_len;
	const uint8_t *exclude;	/* non-NULL: skip this BSSID */
	uint64_t now_us;
	uint64_t max_age_us;	/* 0: any age */
	bool no_tkip;		/* skip a BSS whose choice would use TKIP
				 * (TKIP countermeasures, 12.5.2.4.3) */
	const uint8_t *avoid;	/* non-NULL: this BSSID only if nothing
				 * else fits (we just left it on an error) */
};

/* Would this choice use TKIP, as pairwise or as group cipher? */
bool sta_bss_choice_uses_tkip(const struct sta_bss_choice *c);

/* Best BSS: highest network priority, then strongest signal, then most
 * recently seen. Returns NULL if none; *net_out gets the network. */
struct sta_bss *sta_bss_select(struct sta_bss_table *t, const struct sta_conf *conf,
			       const struct sta_select *sel,
			       const struct sta_network **net_out,
			       struct sta_bss_choice *choice);

/* Distinct frequencies of entries of this ESS (any age), up to max. */
size_t sta_bss_ess_freqs(const struct sta_bss_table *t, const uint8_t *ssid,
			 size_t ssid_len, uint32_t *freqs, size_t max);

/* Fills ssid, privacy and wpa/rsn from the element bytes in bss->ies
 * (the WPA vendor IE and the RSN IE, parsed with common/ie). Returns 0 or
 * -EINVAL if an element is malformed (it is then ignored). */
int sta_bss_parse_ies(struct sta_bss *bss);

#endif
