// SPDX-License-Identifier: MIT
/* conf_keys.c: the hostapd.conf and wpa_supplicant.conf network key tables
 * and their value rules (see conf_keys.h). Ranges are hostapd 2.10's and
 * wpa_supplicant 2.10's documented ones, narrowed where roamlab supports
 * less (only WPA-PSK, only TKIP and CCMP). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "conf_keys.h"
#include "util.h"

#define IFNAME_MAX 15
#define SSID_MAX 32	/* 802.11-2020 9.4.2.2 */

static const struct ck_key hostapd_keys[] = {
	{ "interface", CK_IFNAME, 0, 0, CK_F_LAB_OWNED },
	{ "driver", CK_DRIVER, 0, 0, CK_F_LAB_OWNED },
	{ "bridge", CK_IFNAME, 0, 0, CK_F_LAB_OWNED },
	{ "ctrl_interface", CK_CTRL_DIR, 1, 235, CK_F_LAB_OWNED },
	{ "ssid", CK_BYTES, 1, SSID_MAX, 0 },
	{ "hw_mode", CK_HW_MODE, 0, 0, 0 },
	{ "channel", CK_CHANNEL, 1, 196, 0 },
	{ "beacon_int", CK_INT, 15, 65535, 0 },
	{ "dtim_period", CK_INT, 1, 255, 0 },
	{ "country_code", CK_COUNTRY, 0, 0, 0 },
	{ "wpa", CK_INT, 0, 3, 0 },
	{ "wpa_passphrase", CK_PASSPHRASE, 8, 63, 0 },
	{ "wpa_psk", CK_PSK_HEX, 0, 0, 0 },
	{ "wpa_key_mgmt", CK_AP_AKM, 0, 0, 0 },
	{ "wpa_pairwise", CK_CIPHERS, 0, 0, 0 },
	{ "rsn_pairwise", CK_CIPHERS, 0, 0, 0 },
	{ "wpa_group_rekey", CK_INT, 0, INT_MAX, 0 },
	{ "wpa_strict_rekey", CK_INT, 0, 1, 0 },
	{ "wpa_ptk_rekey", CK_INT, 0, INT_MAX, 0 },
	{ "eapol_version", CK_INT, 1, 2, 0 },
	{ "ap_max_inactivity", CK_INT, 0, INT_MAX, 0 },
	/* 802.11-2020 9.4.1.8: AIDs 1..2007 */
	{ "max_num_sta", CK_INT, 0, 2007, 0 },
	{ "ignore_broadcast_ssid", CK_INT, 0, 2, 0 },
	{ "auth_algs", CK_AUTH_ALGS, 1, 3, 0 },
	{ "wpa_pairwise_update_count", CK_INT, 1, UINT_MAX > LONG_MAX ? LONG_MAX : UINT_MAX, 0 },
	{ "wpa_group_update_count", CK_INT, 1, UINT_MAX > LONG_MAX ? LONG_MAX : UINT_MAX, 0 },
	{ "wpa_disable_eapol_key_retries", CK_INT, 0, 1, 0 },
	{ "eapol_key_timeout_first", CK_INT, 1, 60000, CK_F_EXTENSION },
	{ "eapol_key_timeout", CK_INT, 1, 60000, CK_F_EXTENSION },
	{ "eapol_key_timeout_group", CK_INT, 1, 60000, CK_F_EXTENSION },
	{ "fault", CK_FAULT, 0, 0, CK_F_EXTENSION },
	/* 802.11w (hostapd.conf's meanings and defaults: the SA Query
	 * timeouts in TUs, 1000 and 201) */
	{ "ieee80211w", CK_INT, 0, 2, 0 },
	{ "group_mgmt_cipher", CK_GROUP_MGMT, 0, 0, 0 },
	{ "assoc_sa_query_max_timeout", CK_INT, 1, 65535, 0 },
	{ "assoc_sa_query_retry_timeout", CK_INT, 1, 65535, 0 },
	/* SAE (802.11-2020 12.4): hostapd's keys, its ranges */
	{ "sae_password", CK_SAE_PASSWORD, 1, 255, 0 },
	{ "sae_pwe", CK_INT, 0, 2, 0 },
	{ "sae_groups", CK_SAE_GROUPS, 0, 0, 0 },
	{ "sae_anti_clogging_threshold", CK_INT, 0, 65535, 0 },
	/* hostapd's own knobs, for impl=hostapd nodes */
	{ "wpa_gmk_rekey", CK_INT, 0, INT_MAX, CK_F_OTHER_ONLY },
	{ "eapol_key_index_workaround", CK_INT, 0, 1, CK_F_OTHER_ONLY },
	{ "logger_stdout_level", CK_INT, 0, 4, CK_F_OTHER_ONLY },
};

static const struct ck_key network_keys[] = {
	{ "ssid", CK_WPAS_SSID, 1, SSID_MAX, 0 },
	{ "psk", CK_WPAS_PSK, 8, 63, 0 },
	{ "proto", CK_WPAS_PROTO, 0, 0, 0 },
	{ "pairwise", CK_CIPHERS, 0, 0, 0 },
	{ "group", CK_CIPHERS, 0, 0, 0 },
	{ "key_mgmt", CK_WPAS_AKM, 0, 0, 0 },
	{ "bssid", CK_MAC, 0, 0, 0 },
	{ "priority", CK_INT, -1000000, 1000000, 0 },
	{ "scan_ssid", CK_INT, 0, 1, 0 },
	{ "ieee80211w", CK_INT, 0, 2, 0 },
	{ "sae_password", CK_WPAS_SAE_PASSWORD, 1, 255, 0 },
	{ "bgscan", CK_TEXT, 0, 0, CK_F_OTHER_ONLY },
};

static const struct ck_key wpas_global_keys[] = {
	{ "sae_pwe", CK_INT, 0, 2, 0 },
	{ "sae_groups", CK_SAE_GROUPS, 0, 0, 0 },
};

static const struct ck_key *find(const struct ck_key *tab, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(tab[i].key, key))
			return &tab[i];
	return NULL;
}

const struct ck_key *ck_hostapd_key(const char *key)
{
	return find(hostapd_keys, ARRAY_SIZE(hostapd_keys), key);
}

const struct ck_key *ck_network_key(const char *key)
{
	return find(network_keys, ARRAY_SIZE(network_keys), key);
}

const struct ck_key *ck_wpas_global_key(const char *key)
{
	return find(wpas_global_keys, ARRAY_SIZE(wpas_global_keys), key);
}

const struct ck_key *ck_hostapd_key_at(size_t i)
{
	return i < ARRAY_SIZE(hostapd_keys) ? &hostapd_keys[i] : NULL;
}

const struct ck_key *ck_network_key_at(size_t i)
{
	return i < ARRAY_SIZE(network_keys) ? &network_keys[i] : NULL;
}

/* Words of a list value. A word with bit 0 is known but refused: why_not
 * says why (one %s: the word). */
struct ck_word {
	const char *name;
	unsigned int bit;
	const char *why_not;
};

#define NO_CIPHER "cipher '%s' is not supported (use TKIP and/or CCMP)"
static const struct ck_word cipher_words[] = {
	{ "TKIP", WPA_CIPHER_TKIP, NULL },
	{ "CCMP", WPA_CIPHER_CCMP, NULL },
	{ "GCMP", 0, NO_CIPHER },
	{ "GCMP-256", 0, NO_CIPHER },
	{ "CCMP-256", 0, NO_CIPHER },
	{ "NONE", 0, "'%s' is not allowed here (use TKIP and/or CCMP)" },
	{ "WEP40", 0, "'%s' is not allowed here (use TKIP and/or CCMP)" },
	{ "WEP104", 0, "'%s' is not allowed here (use TKIP and/or CCMP)" },
};

static const struct ck_word proto_words[] = {
	{ "WPA", WPA_PROTO_WPA, NULL },
	{ "RSN", WPA_PROTO_RSN, NULL },
	{ "WPA2", WPA_PROTO_RSN, NULL },
};

#define NO_AKM "'%s' is not supported (only WPA-PSK, WPA-PSK-SHA256 and SAE)"
static const struct ck_word ap_akm_words[] = {
	{ "WPA-PSK", WPA_AKM_PSK, NULL },
	{ "WPA-PSK-SHA256", WPA_AKM_PSK_SHA256, NULL },
	{ "SAE", WPA_AKM_SAE, NULL },
	{ "WPA-EAP", 0, NO_AKM }, { "FT-PSK", 0, NO_AKM }, { "FT-EAP", 0, NO_AKM },
	{ "FT-EAP-SHA384", 0, NO_AKM },
	{ "WPA-EAP-SHA256", 0, NO_AKM }, { "FT-SAE", 0, NO_AKM },
	{ "WPA-EAP-SUITE-B", 0, NO_AKM }, { "WPA-EAP-SUITE-B-192", 0, NO_AKM },
	{ "FILS-SHA256", 0, NO_AKM }, { "FILS-SHA384", 0, NO_AKM },
	{ "FT-FILS-SHA256", 0, NO_AKM }, { "FT-FILS-SHA384", 0, NO_AKM },
	{ "OWE", 0, NO_AKM }, { "DPP", 0, NO_AKM }, { "OSEN", 0, NO_AKM },
	{ "PASN", 0, NO_AKM },
};

static const struct ck_word sta_akm_words[] = {
	{ "WPA-PSK", WPA_AKM_PSK, NULL },
	{ "WPA-PSK-SHA256", WPA_AKM_PSK_SHA256, NULL },
	{ "SAE", WPA_AKM_SAE, NULL },
	{ "NONE", WPA_AKM_NONE, NULL },
};

/* 9.4.2.24.2; roamlab computes BIP-CMAC-128 only (bip.h) */
#define NO_BIP "group management cipher '%s' is not supported (only AES-128-CMAC)"
static const struct ck_word group_mgmt_words[] = {
	{ "AES-128-CMAC", WPA_CIPHER_BIP_CMAC, NULL },
	{ "BIP-GMAC-128", 0, NO_BIP },
	{ "BIP-GMAC-256", 0, NO_BIP },
	{ "BIP-CMAC-256", 0, NO_BIP },
};

static int why(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int why(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Decimal integer in [min, max]; trailing blanks are allowed (hostapd
 * keeps them in the value). */
static int get_int(const char *v, long min, long max, long *out, char *w, size_t wl)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || errno == EINVAL)
		return why(w, wl, "'%s' is not a number", v);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end)
		return why(w, wl, "'%s' is not a number", v);
	if (errno == ERANGE)
		return why(w, wl, "'%s' is out of range (expected %ld..%ld)", v, min, max);
	if (n < min || n > max)
		return why(w, wl, "%ld is out of range (expected %ld..%ld)", n, min, max);
	*out = n;
	return 0;
}

static int get_words(const char *v, const struct ck_word *tab, size_t n,
		     const char *unknown, unsigned int *out, char *w, size_t wl)
{
	const char *cur = v;
	char word[64];
	unsigned int mask = 0;
	int ret;

	while ((ret = conf_list_next(&cur, word, sizeof(word))) > 0) {
		size_t i;

		for (i = 0; i < n; i++)
			if (!strcmp(word, tab[i].name))
				break;
		if (i == n)
			return why(w, wl, unknown, word);
		if (!tab[i].bit)
			return why(w, wl, tab[i].why_not, word);
		mask |= tab[i].bit;
	}
	if (ret < 0)
		return why(w, wl, "a word of the list is too long");
	if (!mask)
		return why(w, wl, "empty list");
	*out = mask;
	return 0;
}

static int get_ifname(const char *v, struct ck_value *o, char *w, size_t wl)
{
	size_t len = strlen(v);

	if (len == 0 || len > IFNAME_MAX)
		return why(w, wl, "interface name must be 1..%d characters", IFNAME_MAX);
	if (strpbrk(v, "/ \t"))
		return why(w, wl, "'%s' is not a valid interface name", v);
	memcpy(o->bytes, v, len + 1);
	o->len = len;
	return 0;
}

static int get_ctrl_dir(const struct ck_key *k, const char *v, struct ck_value *o,
			char *w, size_t wl)
{
	const char *dir = v;
	size_t len;

	/* hostapd also accepts "DIR=/path GROUP=name" */
	if (!strncmp(v, "DIR=", 4)) {
		dir = v + 4;
		len = strcspn(dir, " \t");
	} else {
		len = strlen(dir);
	}
	if (len < (size_t)k->min || len > (size_t)k->max)
		return why(w, wl, "directory name must be %ld..%ld characters", k->min, k->max);
	o->len = len;
	return 0;
}

static int get_hw_mode(const char *v, struct ck_value *o, char *w, size_t wl)
{
	if (!strcmp(v, "b"))
		o->n = CK_HW_MODE_B;
	else if (!strcmp(v, "g"))
		o->n = CK_HW_MODE_G;
	else if (!strcmp(v, "a"))
		o->n = CK_HW_MODE_A;
	else if (!strcmp(v, "ad") || !strcmp(v, "any"))
		return why(w, wl, "'%s' is not supported (use a, b or g)", v);
	else
		return why(w, wl, "unknown mode '%s' (expected a, b or g)", v);
	return 0;
}

static int get_passphrase(const struct ck_key *k, const char *v, size_t len,
			  struct ck_value *o, char *w, size_t wl)
{
	/* 802.11-2020 J.4.1: 8..63 ASCII characters, codes 32..126 */
	if (len < (size_t)k->min || len > (size_t)k->max)
		return why(w, wl, "passphrase length %zu is invalid (expected %ld..%ld)", len,
			   k->min, k->max);
	for (size_t i = 0; i < len; i++)
		if (v[i] < 32 || v[i] > 126)
			return why(w, wl, "passphrase must be printable ASCII");
	memcpy(o->bytes, v, len);
	o->bytes[len] = '\0';
	o->len = len;
	o->raw = false;
	return 0;
}

static int get_psk_hex(const char *v, struct ck_value *o)
{
	if (strlen(v) != 64 || hex_decode(v, o->bytes, 32))
		return -EINVAL;
	o->len = 32;
	o->raw = true;
	return 0;
}

/* wpa_supplicant: "text" is the text, unquoted is hex. No escapes. */
static bool quoted(const char *v, size_t *len)
{
	size_t n = strlen(v);

	if (n < 2 || v[0] != '"' || v[n - 1] != '"')
		return false;
	*len = n - 2;
	return true;
}

static int get_wpas_ssid(const struct ck_key *k, const char *v, struct ck_value *o,
			 char *w, size_t wl)
{
	size_t len;

	if (v[0] == '"') {
		if (!quoted(v, &len))
			return why(w, wl, "bad quoted string");
		if (len < (size_t)k->min || len > (size_t)k->max)
			return why(w, wl, "length %zu not in %ld..%ld", len, k->min, k->max);
		memcpy(o->bytes, v + 1, len);
		o->len = len;
		return 0;
	}
	if (hex_decode_var(v, o->bytes, (size_t)k->max, &len) < 0 || len < (size_t)k->min)
		return why(w, wl, "neither a quoted string nor %ld..%ld bytes of hex", k->min,
			   k->max);
	o->len = len;
	return 0;
}

static int get_wpas_psk(const struct ck_key *k, const char *v, struct ck_value *o,
			char *w, size_t wl)
{
	size_t len;

	if (v[0] == '"') {
		if (!quoted(v, &len) || len < (size_t)k->min || len > (size_t)k->max)
			return why(w, wl, "passphrase must be %ld..%ld characters", k->min, k->max);
		memcpy(o->bytes, v + 1, len);
		o->bytes[len] = '\0';
		o->len = len;
		o->raw = false;
		return 0;
	}
	if (get_psk_hex(v, o))
		return why(w, wl, "must be a quoted passphrase or 64 hex digits");
	return 0;
}

/* hostapd: PASSWORD[|mac=..][|vlanid=..][|pk=..][|id=ID]; roamlab takes
 * the identifier and refuses the other parameters. */
static int get_sae_password(const struct ck_key *k, const char *v, struct ck_value *o,
			    char *w, size_t wl)
{
	const char *bar = strchr(v, '|');
	size_t len = bar ? (size_t)(bar - v) : strlen(v);

	if (len < (size_t)k->min || len > (size_t)k->max)
		return why(w, wl, "password length %zu is invalid (expected %ld..%ld)", len,
			   k->min, k->max);
	memcpy(o->sae_password, v, len);
	o->sae_password[len] = '\0';
	while (bar) {
		const char *param = bar + 1;
		size_t plen;

		bar = strchr(param, '|');
		plen = bar ? (size_t)(bar - param) : strlen(param);
		if (strncmp(param, "id=", 3))
			return why(w, wl, "parameter '%.*s' is not supported (only |id=)",
				   (int)(plen > 40 ? 40 : plen), param);
		/* 9.4.2.216: Password Identifier, 1..253 octets here */
		if (plen - 3 < 1 || plen - 3 >= sizeof(o->sae_pwid))
			return why(w, wl, "password identifier must be 1..%zu characters",
				   sizeof(o->sae_pwid) - 1);
		memcpy(o->sae_pwid, param + 3, plen - 3);
		o->sae_pwid[plen - 3] = '\0';
	}
	return 0;
}

static int get_sae_groups(const char *v, struct ck_value *o, char *w, size_t wl)
{
	const char *cur = v;
	char word[16];
	int ret;

	o->len = 0;
	while ((ret = conf_list_next(&cur, word, sizeof(word))) > 0) {
		long g;

		if (get_int(word, 0, 65535, &g, w, wl))
			return -EINVAL;
		/* 12.4.4.1: the ECC groups this code implements */
		if (g != 19 && g != 20 && g != 21)
			return why(w, wl, "group %ld is not supported (19, 20 or 21)", g);
		if (o->len == 4)
			return why(w, wl, "at most 4 groups");
		o->bytes[o->len++] = (uint8_t)g;
	}
	if (ret < 0 || !o->len)
		return why(w, wl, ret < 0 ? "a word of the list is too long" : "empty list");
	return 0;
}

int ck_check(const struct ck_key *k, const char *v, struct ck_value *out,
	     char *w, size_t wl)
{
	struct ck_value tmp;
	struct ck_value *o = out ? out : &tmp;
	size_t len = strlen(v);
	int ret = 0;

	memset(o, 0, sizeof(*o));
	switch (k->type) {
	case CK_INT:
		ret = get_int(v, k->min, k->max, &o->n, w, wl);
		break;
	case CK_BYTES:
		if (len < (size_t)k->min || len > (size_t)k->max || len > sizeof(o->bytes))
			ret = why(w, wl, "must be %ld..%ld bytes, got %zu", k->min, k->max, len);
		else
			memcpy(o->bytes, v, len);
		o->len = len;
		break;
	case CK_IFNAME:
		ret = get_ifname(v, o, w, wl);
		break;
	case CK_DRIVER:
		if (strcmp(v, "nl80211"))
			ret = why(w, wl, "driver '%s' is not supported (only nl80211)", v);
		break;
	case CK_CTRL_DIR:
		ret = get_ctrl_dir(k, v, o, w, wl);
		break;
	case CK_HW_MODE:
		ret = get_hw_mode(v, o, w, wl);
		break;
	case CK_CHANNEL:
		if (!strcmp(v, "0") || !strncmp(v, "acs", 3))
			ret = why(w, wl, "automatic channel selection is not supported; give a channel number");
		else
			ret = get_int(v, k->min, k->max, &o->n, w, wl);
		break;
	case CK_COUNTRY:
		if (len != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z')
			ret = why(w, wl, "'%s' is not a two-letter upper-case ISO 3166-1 code", v);
		break;
	case CK_PASSPHRASE:
		ret = get_passphrase(k, v, len, o, w, wl);
		break;
	case CK_PSK_HEX:
		if (get_psk_hex(v, o))
			ret = why(w, wl, "PSK must be exactly 64 hex digits");
		break;
	case CK_AUTH_ALGS:
		ret = get_int(v, k->min, k->max, &o->n, w, wl);
		/* bit 0 open system, bit 1 shared key (802.11-2020 12.3.3) */
		if (!ret && !(o->n & 1))
			ret = why(w, wl, "shared key authentication alone is not supported (open system, bit 0, is required)");
		break;
	case CK_AP_AKM:
		ret = get_words(v, ap_akm_words, ARRAY_SIZE(ap_akm_words),
				"unknown key management '%s'", &o->mask, w, wl);
		break;
	case CK_CIPHERS:
		ret = get_words(v, cipher_words, ARRAY_SIZE(cipher_words), "unknown cipher '%s'",
				&o->mask, w, wl);
		break;
	case CK_GROUP_MGMT:
		ret = get_words(v, group_mgmt_words, ARRAY_SIZE(group_mgmt_words),
				"unknown group management cipher '%s'", &o->mask, w, wl);
		if (!ret && !wpa_single_bit(o->mask))
			ret = why(w, wl, "one group management cipher, not a list");
		break;
	case CK_SAE_PASSWORD:
		ret = get_sae_password(k, v, o, w, wl);
		break;
	case CK_SAE_GROUPS:
		ret = get_sae_groups(v, o, w, wl);
		break;
	case CK_WPAS_SAE_PASSWORD:
		if (!quoted(v, &len) || len < (size_t)k->min || len > (size_t)k->max) {
			ret = why(w, wl, "must be a quoted password of %ld..%ld characters",
				  k->min, k->max);
			break;
		}
		memcpy(o->sae_password, v + 1, len);
		o->sae_password[len] = '\0';
		break;
	case CK_WPAS_SSID:
		ret = get_wpas_ssid(k, v, o, w, wl);
		break;
	case CK_WPAS_PSK:
		ret = get_wpas_psk(k, v, o, w, wl);
		break;
	case CK_WPAS_PROTO:
		ret = get_words(v, proto_words, ARRAY_SIZE(proto_words), "unsupported value '%s'",
				&o->mask, w, wl);
		break;
	case CK_WPAS_AKM:
		ret = get_words(v, sta_akm_words, ARRAY_SIZE(sta_akm_words),
				"unsupported value '%s'", &o->mask, w, wl);
		break;
	case CK_MAC:
		if (mac_parse(v, o->bytes) < 0)
			ret = why(w, wl, "'%s' is not a MAC address", v);
		o->len = 6;
		break;
	case CK_TEXT:
	case CK_FAULT:
		break;
	}
	if (o == &tmp)
		ck_value_wipe(&tmp);
	return ret;
}

void ck_value_wipe(struct ck_value *v)
{
	secure_zero(v, sizeof(*v));
}

int ck_channel_freq(enum ck_hw_mode mode, long channel)
{
	switch (mode) {
	case CK_HW_MODE_B:
	case CK_HW_MODE_G:
		/* 802.11-2020 15.4.4.3 / 19.3.15: 2407 + 5 n, channel 14 at 2484 */
		if (channel >= 1 && channel <= 13)
			return 2407 + 5 * (int)channel;
		if (channel == 14)
			return 2484;
		return 0;
	case CK_HW_MODE_A:
		/* 802.11-2020 17.3.8.4.2: 5000 + 5 n */
		if (channel >= 1 && channel <= 196)
			return 5000 + 5 * (int)channel;
		return 0;
	}
	return 0;
}

const char *ck_hw_mode_name(enum ck_hw_mode mode)
{
	switch (mode) {
	case CK_HW_MODE_B:
		return "b";
	case CK_HW_MODE_G:
		return "g";
	case CK_HW_MODE_A:
		return "a";
	}
	return "?";
}

static const char *mask_str(const struct ck_word *tab, size_t n, unsigned int mask,
			    char *buf, size_t len)
{
	size_t off = 0;
	unsigned int done = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!tab[i].bit || !(mask & tab[i].bit) || (done & tab[i].bit))
			continue;
		done |= tab[i].bit;
		off += (size_t)snprintf(buf + off, off < len ? len - off : 0, "%s%s",
					off ? " " : "", tab[i].name);
	}
	return buf;
}

const char *ck_cipher_str(unsigned int mask, char *buf, size_t len)
{
	return mask_str(cipher_words, ARRAY_SIZE(cipher_words), mask, buf, len);
}

const char *ck_proto_str(unsigned int mask, char *buf, size_t len)
{
	return mask_str(proto_words, ARRAY_SIZE(proto_words), mask, buf, len);
}

static unsigned int report(ck_report_fn fn, void *ctx, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static unsigned int report(ck_report_fn fn, void *ctx, const char *key, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fn(ctx, key, msg);
	return 1;
}

unsigned int ck_ap_cross_check(const struct ck_ap_keys *a, ck_report_fn fn, void *ctx)
{
	unsigned int n = 0;

	if (a->channel && !ck_channel_freq(a->hw_mode, a->channel))
		n += report(fn, ctx, "channel", "channel %ld is not valid for hw_mode=%s",
			    a->channel, ck_hw_mode_name(a->hw_mode));
	if (a->wpa && !a->has_psk && (!a->akms || (a->akms & ~WPA_AKM_SAE)))
		n += report(fn, ctx, "wpa", "wpa=%ld needs wpa_passphrase or wpa_psk", a->wpa);
	if (a->wpa && (a->akms & WPA_AKM_SAE) && !a->has_psk && !a->has_sae_password)
		n += report(fn, ctx, "wpa_key_mgmt", "SAE needs sae_password or wpa_passphrase");
	/* 802.11w is an RSNA feature (12.6.3): MFPC/MFPR live in the RSNE */
	if (a->ieee80211w && !(a->wpa & WPA_PROTO_RSN))
		n += report(fn, ctx, "ieee80211w",
			    "ieee80211w=%ld needs wpa=2 or wpa=3 (the RSN element)",
			    a->ieee80211w);
	if ((a->akms & ~WPA_AKM_PSK) && !(a->wpa & WPA_PROTO_RSN))
		n += report(fn, ctx, "wpa_key_mgmt",
			    "WPA-PSK-SHA256 and SAE need wpa=2 or wpa=3 (WPA1 has no such AKM)");
	/* 12.4: SAE runs with management frame protection (WPA3-Personal) */
	if ((a->akms & WPA_AKM_SAE) && a->wpa && !a->ieee80211w)
		n += report(fn, ctx, "wpa_key_mgmt",
			    "SAE needs ieee80211w=1 or 2 (management frame protection)");
	return n;
}

unsigned int ck_network_cross_check(const struct ck_network_keys *k, ck_report_fn fn,
				    void *ctx)
{
	unsigned int n = 0;

	if (!k->has_ssid)
		n += report(fn, ctx, "ssid", "network block has no ssid");
	if ((k->key_mgmt & (WPA_AKM_PSK | WPA_AKM_PSK_SHA256)) && !k->has_psk)
		n += report(fn, ctx, "psk", "key_mgmt WPA-PSK needs a psk");
	if ((k->key_mgmt & WPA_AKM_SAE) && !k->has_psk && !k->has_sae_password)
		n += report(fn, ctx, "sae_password", "key_mgmt SAE needs sae_password or psk");
	return n;
}
