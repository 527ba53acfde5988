/* SPDX-License-Identifier: MIT */
/* config.h: the hostapd.conf subset roamlab-ap reads.
 *
 * The file format is hostapd's: one "key=value" per line, '#' starts a
 * comment line, values are taken verbatim (no quoting, no trimming of the
 * value except a trailing CR). Every key below has hostapd 2.10's meaning and
 * range, so the same file runs under Debian's hostapd. Two extensions exist
 * that hostapd rejects, for roamlab-only configs: "fault=" lines and the
 * "eapol_key_timeout*" knobs.
 *
 * A key we do not know is a warning "FILE:LINE: unknown key 'k' ignored"; a
 * bad value is an error "FILE:LINE: k: reason". All errors are reported, then
 * loading fails.
 */
#ifndef ROAMLAB_AP_CONFIG_H
#define ROAMLAB_AP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hs_fault.h"

#define AP_SSID_MAX 32
#define AP_IFNAME_MAX 15
#define AP_MAX_PSKS 8
#define AP_PSK_LEN 32

/* Cipher masks (WPA_CIPHER_*) and wpa= bits (WPA_PROTO_*) are common/cipher.h's. */
#include "cipher.h"

enum ap_hw_mode {
	AP_HW_MODE_B,
	AP_HW_MODE_G,
	AP_HW_MODE_A,
};

struct ap_psk {
	uint8_t psk[AP_PSK_LEN];
	int line;		/* where it was configured */
	char key[16];		/* "wpa_psk" or "wpa_passphrase" */
};

#define AP_MAX_SAE_PASSWORDS 4

struct ap_sae_password {
	char password[256];
	char pwid[254];		/* "" for none */
	int line;
};

struct ap_config {
	char path[256];
	char interface[AP_IFNAME_MAX + 1];
	char bridge[AP_IFNAME_MAX + 1];
	char ctrl_interface[256];
	uint8_t ssid[AP_SSID_MAX];
	size_t ssid_len;
	enum ap_hw_mode hw_mode;
	int channel;
	int freq_mhz;			/* derived from hw_mode + channel */
	int beacon_int;			/* TU */
	int dtim_period;
	char country_code[3];		/* "" if unset */
	int wpa;			/* WPA_PROTO_* bits */
	int wpa_key_mgmt_psk;		/* 1: WPA-PSK configured */
	unsigned int wpa_key_mgmt;	/* WPA_AKM_* offered (default WPA-PSK) */
	/* 802.11w: ieee80211w 0/1/2 (enum ie_pmf), the group management
	 * cipher (BIP-CMAC-128), and the SA Query of association comeback
	 * (12.6.3 / 11.3.4.4, hostapd's keys, in TUs) */
	int ieee80211w;
	uint32_t group_mgmt_cipher;
	unsigned int assoc_sa_query_max_timeout;
	unsigned int assoc_sa_query_retry_timeout;
	/* SAE (12.4): the passwords (sae_password lines, each with an
	 * optional identifier; without any, the wpa_passphrase), sae_pwe
	 * (0 hunting-and-pecking, 1 hash-to-element only, 2 both), the
	 * groups in order of preference, the anti-clogging threshold */
	struct ap_sae_password sae_passwords[AP_MAX_SAE_PASSWORDS];
	size_t n_sae_passwords;
	int sae_pwe;
	uint16_t sae_groups[4];
	size_t n_sae_groups;
	unsigned int sae_anti_clogging_threshold;
	int wpa_pairwise;		/* WPA_CIPHER_* */
	int rsn_pairwise;		/* WPA_CIPHER_*; defaults to wpa_pairwise */
	int group_cipher;		/* derived, as hostapd does */
	unsigned int wpa_group_rekey;	/* s, 0 = never */
	bool wpa_strict_rekey;		/* rekey GTK when a STA leaves */
	unsigned int wpa_ptk_rekey;	/* s, 0 = never */
	int eapol_version;
	unsigned int ap_max_inactivity;	/* s */
	int max_num_sta;
	int ignore_broadcast_ssid;	/* 0, 1, 2 */
	int auth_algs;
	/* EAPOL knobs (hostapd names, plus our timeouts in ms). */
	unsigned int pairwise_update_count;
	unsigned int group_update_count;
	bool disable_eapol_key_retries;
	unsigned int eapol_timeout_first_ms;
	unsigned int eapol_timeout_ms;
	unsigned int eapol_timeout_group_ms;

	/* psks[0] is the one in use (as hostapd: the last wpa_psk wins, then
	 * wpa_passphrase); the others are only candidates for diagnosing an
	 * invalid MIC ("another PSK"). */
	struct ap_psk psks[AP_MAX_PSKS];
	size_t n_psks;

	struct hs_faults faults;

	unsigned int n_warnings;
	unsigned int n_errors;
};

/* Read and validate a config file. Returns NULL (after logging every error,
 * with file and line) if it cannot be used. */
struct ap_config *ap_config_load(const char *path);
/* The same from an open stream; name is used in messages. */
struct ap_config *ap_config_parse(FILE *f, const char *name);
/* Wipes the PSKs and frees. NULL is fine. */
void ap_config_free(struct ap_config *c);

/* Channel number to MHz for the band; 0 if invalid. */
int ap_channel_to_freq(enum ap_hw_mode mode, int channel);
/* "TKIP CCMP" style, for logs; buf >= 16. */
const char *ap_cipher_str(int mask, char *buf, size_t len);

#endif
