/* SPDX-License-Identifier: MIT */
/* conf_keys.h: the one table of hostapd.conf keys that roamlab-ap reads and
 * the one table of wpa_supplicant.conf network keys that roamlab-sta reads,
 * each key with the rule its value must follow. ap/config.c and sta/conf.c
 * parse their files with ck_check(); the topology checker (sim/topo.c)
 * checks the keys written inline in a .topo file with the same calls, so a
 * value the lab accepts is a value the programs accept.
 *
 * hostapd.conf's "fault" key (a roamlab-ap extension) is in the table, but
 * its value is roamlab-ap's fault spec: ck_check() accepts any, and the
 * caller checks it with ap_fault_apply() (ap/fault.c).
 */
#ifndef ROAMLAB_CONF_KEYS_H
#define ROAMLAB_CONF_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cipher.h"	/* the bits of the parsed lists: WPA_CIPHER_*, WPA_PROTO_*, WPA_AKM_* */

enum ck_hw_mode {
	CK_HW_MODE_B,
	CK_HW_MODE_G,
	CK_HW_MODE_A,
};

enum ck_type {
	CK_INT,		/* decimal integer in min..max */
	CK_BYTES,	/* raw text of min..max bytes (hostapd ssid=) */
	CK_IFNAME,	/* network interface name */
	CK_DRIVER,	/* only nl80211 */
	CK_CTRL_DIR,	/* DIR or "DIR=dir GROUP=name" */
	CK_HW_MODE,	/* a, b or g */
	CK_CHANNEL,	/* 1..196, no automatic selection */
	CK_COUNTRY,	/* ISO 3166-1 alpha-2, upper case */
	CK_PASSPHRASE,	/* 8..63 printable ASCII (hostapd) */
	CK_PSK_HEX,	/* 64 hex digits (hostapd wpa_psk=) */
	CK_AUTH_ALGS,	/* 1..3 with open system */
	CK_AP_AKM,	/* hostapd wpa_key_mgmt list */
	CK_CIPHERS,	/* TKIP and/or CCMP */
	CK_GROUP_MGMT,	/* hostapd group_mgmt_cipher: AES-128-CMAC */
	CK_SAE_PASSWORD,	/* hostapd sae_password: PASSWORD[|id=ID] */
	CK_SAE_GROUPS,	/* a list of SAE groups: 19, 20, 21 */
	CK_WPAS_SAE_PASSWORD,	/* wpa_supplicant sae_password: "text" */
	CK_WPAS_SSID,	/* "text" or hex, 1..32 bytes */
	CK_WPAS_PSK,	/* "passphrase" (8..63) or 64 hex digits */
	CK_WPAS_PROTO,	/* WPA, RSN, WPA2 */
	CK_WPAS_AKM,	/* WPA-PSK, WPA-PSK-SHA256, SAE, NONE */
	CK_MAC,
	CK_TEXT,	/* any text; read by the other program only */
	CK_FAULT,	/* the program's fault spec (see above) */
};

enum {
	/* Set by the lab for its nodes; not for topology files. */
	CK_F_LAB_OWNED = 1 << 0,
	/* roamlab extension that hostapd / wpa_supplicant reject. */
	CK_F_EXTENSION = 1 << 1,
	/* Read by hostapd / wpa_supplicant only; roamlab ignores it. */
	CK_F_OTHER_ONLY = 1 << 2,
};

struct ck_key {
	const char *key;
	enum ck_type type;
	long min, max;		/* CK_INT, CK_BYTES */
	unsigned int flags;	/* CK_F_* */
};

/* A parsed value. Holds secrets (passphrases, PSKs): ck_value_wipe() it. */
struct ck_value {
	long n;			/* CK_INT, CK_CHANNEL, CK_AUTH_ALGS, CK_HW_MODE */
	unsigned int mask;	/* lists: WPA_CIPHER_*, WPA_PROTO_*, WPA_AKM_* */
	uint8_t bytes[64];	/* CK_BYTES, CK_WPAS_SSID, CK_WPAS_PSK, CK_MAC,
				 * the name of CK_IFNAME / CK_CTRL_DIR; the
				 * groups of CK_SAE_GROUPS (one octet each) */
	size_t len;
	/* CK_SAE_PASSWORD, CK_WPAS_SAE_PASSWORD: the password and (hostapd's
	 * |id= form) its identifier, NUL-terminated */
	char sae_password[256];
	char sae_pwid[254];
	bool raw;		/* CK_WPAS_PSK: 32 raw bytes, else a passphrase */
};

/* The key's entry, or NULL if roamlab does not know the key. */
const struct ck_key *ck_hostapd_key(const char *key);
const struct ck_key *ck_network_key(const char *key);
/* Iterate the tables: the i-th entry or NULL past the end. */
const struct ck_key *ck_hostapd_key_at(size_t i);
const struct ck_key *ck_network_key_at(size_t i);
/* wpa_supplicant.conf global keys roamlab-sta reads with a rule here
 * (sae_pwe, sae_groups: global in wpa_supplicant 2.10). */
const struct ck_key *ck_wpas_global_key(const char *key);

/* Check value v of key k. Returns 0 (out filled, if not NULL), or -EINVAL
 * with what was expected in why ("4 is out of range (expected 0..3)"). */
int ck_check(const struct ck_key *k, const char *v, struct ck_value *out,
	     char *why, size_t whylen);
void ck_value_wipe(struct ck_value *v);

/* Channel number to MHz in the band of hw_mode; 0 if not valid there. */
int ck_channel_freq(enum ck_hw_mode mode, long channel);
const char *ck_hw_mode_name(enum ck_hw_mode mode);
/* Names of mask bits as config words ("TKIP CCMP"); "" for 0. */
const char *ck_cipher_str(unsigned int mask, char *buf, size_t len);
const char *ck_proto_str(unsigned int mask, char *buf, size_t len);

/* The rules across keys of one file. Each problem is reported with the key
 * it belongs to; the return value is the number of problems. */
typedef void (*ck_report_fn)(void *ctx, const char *key, const char *msg);

struct ck_ap_keys {
	enum ck_hw_mode hw_mode;
	long channel;		/* 0: unset or not valid (reported already) */
	long wpa;
	bool has_psk;		/* wpa_passphrase or wpa_psk */
	long ieee80211w;	/* 0..2 */
	unsigned int akms;	/* wpa_key_mgmt; 0: not given (WPA-PSK) */
	bool has_sae_password;
};
unsigned int ck_ap_cross_check(const struct ck_ap_keys *a, ck_report_fn fn,
			       void *ctx);

struct ck_network_keys {
	bool has_ssid;
	bool has_psk;
	bool has_sae_password;
	unsigned int key_mgmt;	/* WPA_AKM_* */
};
unsigned int ck_network_cross_check(const struct ck_network_keys *n,
				    ck_report_fn fn, void *ctx);

#endif
