/* SPDX-License-Identifier: MIT */
/* conf.h: the wpa_supplicant.conf subset that roamlab-sta reads.
 *
 * Global keys: ctrl_interface, and roamlab-sta's own keep_neigh=0|1 (keep
 * the neighbour entries across a roam, see neigh.h; default 1). Blocks: network={ ssid psk proto pairwise
 * group key_mgmt bssid priority scan_ssid }. A key we do not support is a
 * warning naming file:line; a bad value is an error naming file:line and
 * the key. */
#ifndef ROAMLAB_STA_CONF_H
#define ROAMLAB_STA_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STA_SSID_MAX 32
#define STA_MAX_NETWORKS 32
#define STA_CONF_MAX_WARN 16

/* Bit masks shared by the config, the BSS table and the selection:
 * WPA_PROTO_*, WPA_CIPHER_*, WPA_AKM_* (common/cipher.h). */
#include "cipher.h"

struct sta_network {
	int id;			/* index in file order, as wpa_supplicant */
	int line;		/* line of "network={" */
	uint8_t ssid[STA_SSID_MAX];
	size_t ssid_len;
	bool ssid_set;
	/* psk: either a passphrase (8..63 chars) or a raw 32-byte PSK. */
	char passphrase[64];
	uint8_t psk[32];
	bool psk_is_raw;
	bool psk_set;
	unsigned int proto;
	unsigned int pairwise;
	unsigned int group;
	unsigned int key_mgmt;
	uint8_t bssid[6];
	bool bssid_set;
	int priority;
	bool scan_ssid;
	int ieee80211w;		/* 0..2 (enum ie_pmf), wpa_supplicant's default 0 */
	/* SAE (key_mgmt=SAE): sae_password, or else the psk passphrase */
	char sae_password[256];
	bool sae_password_set;
};

struct sta_conf {
	char path[256];
	char ctrl_interface[256];
	int keep_neigh;		/* -1: not set (default on) */
	/* wpa_supplicant 2.10's global SAE keys: sae_pwe 0/1/2 (hunting-and-
	 * pecking, hash-to-element, both) and sae_groups (default 19 20 21
	 * as wpa_supplicant; n 0: default) */
	int sae_pwe;
	uint16_t sae_groups[4];
	size_t n_sae_groups;
	struct sta_network net[STA_MAX_NETWORKS];
	size_t n_net;
	char warn[STA_CONF_MAX_WARN][160];
	size_t n_warn;
};

/* Parse text as if read from file `name`. Returns NULL on error with a
 * message "name:line: key: reason" in err. Warnings are logged and kept in
 * conf->warn. */
struct sta_conf *sta_conf_parse(const char *name, const char *text,
				char *err, size_t errlen);
/* Read and parse a file. */
struct sta_conf *sta_conf_load(const char *path, char *err, size_t errlen);
/* Zeroes the PSKs before freeing. */
void sta_conf_free(struct sta_conf *c);

/* Formats a mask as config words ("WPA RSN", "CCMP TKIP", ...). */
const char *sta_proto_str(unsigned int mask, char *buf, size_t len);
const char *sta_cipher_str(unsigned int mask, char *buf, size_t len);
const char *sta_ssid_str(const uint8_t *ssid, size_t len, char *buf, size_t buflen);

#endif
