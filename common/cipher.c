// SPDX-License-Identifier: MIT
/* cipher.c: every cipher, AKM and protocol conversion (see cipher.h). */
#include <stdio.h>
#include <string.h>

#include "cipher.h"
#include "util.h"

const uint8_t rsn_oui[3] = { 0x00, 0x0f, 0xac };
const uint8_t wpa_oui[3] = { 0x00, 0x50, 0xf2 };

#define SUITE32(oui, t) (((uint32_t)(oui) << 8) | (uint32_t)(t))
#define RSN_OUI32 0x000fac

const char *ie_proto_name(enum ie_proto p)
{
	switch (p) {
	case IE_PROTO_NONE:
		return "NONE";
	case IE_PROTO_WPA:
		return "WPA";
	case IE_PROTO_RSN:
		return "RSN";
	}
	return "?";
}

uint32_t wpa_proto_bit(enum ie_proto p)
{
	switch (p) {
	case IE_PROTO_NONE:
		return 0;
	case IE_PROTO_WPA:
		return WPA_PROTO_WPA;
	case IE_PROTO_RSN:
		return WPA_PROTO_RSN;
	}
	return 0;
}

bool wpa_single_bit(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* --- ciphers --- */

struct cipher_desc {
	uint32_t bit;
	int type;		/* selector type, -1: not a suite */
	bool wpa1;		/* defined in the 00-50-f2 OUI too */
	uint8_t key_len;
	uint8_t rsc_len;
	const char *name;
};

/* In the order wpa_cipher_set_str() prints a set. */
static const struct cipher_desc ciphers[] = {
	{ WPA_CIPHER_CCMP_256, 10, false, 32, 6, "CCMP-256" },
	{ WPA_CIPHER_GCMP_256, 9, false, 32, 6, "GCMP-256" },
	{ WPA_CIPHER_GCMP, 8, false, 16, 6, "GCMP" },
	{ WPA_CIPHER_CCMP, 4, true, 16, 6, "CCMP" },
	{ WPA_CIPHER_TKIP, 2, true, 32, 6, "TKIP" },
	{ WPA_CIPHER_WEP104, 5, true, 13, 0, "WEP104" },
	{ WPA_CIPHER_WEP40, 1, true, 5, 0, "WEP40" },
	{ WPA_CIPHER_BIP_CMAC, 6, false, 16, 6, "BIP-CMAC-128" },
	{ WPA_CIPHER_BIP_GMAC, 11, false, 16, 6, "BIP-GMAC-128" },
	{ WPA_CIPHER_BIP_GMAC_256, 12, false, 32, 6, "BIP-GMAC-256" },
	{ WPA_CIPHER_BIP_CMAC_256, 13, false, 32, 6, "BIP-CMAC-256" },
	{ WPA_CIPHER_USE_GROUP, 0, true, 0, 0, "USE-GROUP" },
	{ WPA_CIPHER_OTHER, -1, false, 0, 0, "OTHER" },
};

static const struct cipher_desc *cipher_by_bit(uint32_t bit)
{
	for (size_t i = 0; i < ARRAY_SIZE(ciphers); i++)
		if (ciphers[i].bit == bit)
			return &ciphers[i];
	return NULL;
}

static const struct cipher_desc *cipher_by_type(int type, bool wpa1)
{
	for (size_t i = 0; i < ARRAY_SIZE(ciphers); i++)
		if (ciphers[i].type == type && ciphers[i].type >= 0 &&
		    (!wpa1 || ciphers[i].wpa1))
			return &ciphers[i];
	return NULL;
}

uint32_t wpa_cipher_from_suite(const uint8_t suite[4], enum ie_proto proto)
{
	const uint8_t *oui = proto == IE_PROTO_WPA ? wpa_oui : rsn_oui;
	const struct cipher_desc *d;

	if (memcmp(suite, oui, 3) != 0)
		return WPA_CIPHER_OTHER;
	d = cipher_by_type(suite[3], proto == IE_PROTO_WPA);
	return d ? d->bit : WPA_CIPHER_OTHER;
}

int wpa_cipher_suite_type(uint32_t cipher)
{
	const struct cipher_desc *d = cipher_by_bit(cipher);

	return d ? d->type : -1;
}

uint32_t wpa_cipher_to_suite32(uint32_t cipher)
{
	int t = wpa_cipher_suite_type(cipher);

	if (t <= 0)
		return 0;
	return SUITE32(RSN_OUI32, t);
}

uint32_t wpa_cipher_from_suite32(uint32_t suite)
{
	const struct cipher_desc *d;

	if (suite >> 8 != RSN_OUI32)
		return WPA_CIPHER_OTHER;
	d = cipher_by_type((int)(suite & 0xff), false);
	return d && d->type > 0 ? d->bit : WPA_CIPHER_OTHER;
}

const char *wpa_cipher_name(uint32_t cipher)
{
	const struct cipher_desc *d;

	if (cipher == WPA_CIPHER_NONE)
		return "NONE";
	d = cipher_by_bit(cipher);
	return d ? d->name : "?";
}

char *wpa_cipher_set_str(uint32_t set, char *buf, size_t len)
{
	size_t used = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(ciphers); i++) {
		int n;

		if (!(set & ciphers[i].bit))
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? " " : "",
			     ciphers[i].name);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

size_t wpa_cipher_key_len(uint32_t cipher)
{
	const struct cipher_desc *d = cipher_by_bit(cipher);

	return d ? d->key_len : 0;
}

size_t wpa_cipher_ptk_len(uint32_t pairwise_cipher)
{
	if (!(pairwise_cipher & WPA_CIPHER_SUPPORTED) || !wpa_single_bit(pairwise_cipher))
		return 0;
	return 32 + wpa_cipher_key_len(pairwise_cipher);
}

size_t wpa_cipher_rsc_len(uint32_t cipher)
{
	if (!(cipher & WPA_CIPHER_SUPPORTED) || !wpa_single_bit(cipher))
		return 0;
	return cipher_by_bit(cipher)->rsc_len;
}

uint32_t wpa_cipher_pick(uint32_t set)
{
	if (set & WPA_CIPHER_CCMP)
		return WPA_CIPHER_CCMP;
	if (set & WPA_CIPHER_TKIP)
		return WPA_CIPHER_TKIP;
	return WPA_CIPHER_NONE;
}

uint32_t wpa_cipher_supported(uint32_t set)
{
	return set & WPA_CIPHER_SUPPORTED;
}

bool wpa_cipher_is_group_mgmt(uint32_t cipher)
{
	return wpa_single_bit(cipher) && (cipher & WPA_CIPHER_GROUP_MGMT);
}

/* --- AKMs --- */

static const char *const akm_names[] = {
	"802.1X", "PSK", "FT-802.1X", "FT-PSK", "802.1X-SHA256",
	"PSK-SHA256", "TDLS", "SAE", "FT-SAE",
};

uint32_t wpa_akm_from_suite(const uint8_t suite[4], enum ie_proto proto)
{
	const uint8_t *oui = proto == IE_PROTO_WPA ? wpa_oui : rsn_oui;
	unsigned int max = proto == IE_PROTO_WPA ? 2 : ARRAY_SIZE(akm_names);

	if (memcmp(suite, oui, 3) != 0 || suite[3] < 1 || suite[3] > max)
		return WPA_AKM_OTHER;
	return 1u << (suite[3] - 1);
}

int wpa_akm_suite_type(uint32_t akm)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(akm_names); i++)
		if (akm == 1u << i)
			return (int)i + 1;
	return -1;
}

uint32_t wpa_akm_to_suite32(uint32_t akm)
{
	int t = wpa_akm_suite_type(akm);

	return t < 0 ? 0 : SUITE32(RSN_OUI32, t);
}

const char *wpa_akm_name(uint32_t akm)
{
	int t = wpa_akm_suite_type(akm);

	if (t > 0)
		return akm_names[t - 1];
	if (akm == WPA_AKM_NONE)
		return "NONE";
	if (akm == WPA_AKM_OTHER)
		return "OTHER";
	return "?";
}

/* hostapd.conf wpa_key_mgmt and wpa_supplicant.conf key_mgmt words, in
 * selector order (Table 9-151); TDLS (7) has no configuration word. */
static const struct {
	uint32_t akm;
	const char *word;
} akm_conf_words[] = {
	{ WPA_AKM_8021X, "WPA-EAP" },
	{ WPA_AKM_PSK, "WPA-PSK" },
	{ WPA_AKM_FT_8021X, "FT-EAP" },
	{ WPA_AKM_FT_PSK, "FT-PSK" },
	{ WPA_AKM_8021X_SHA256, "WPA-EAP-SHA256" },
	{ WPA_AKM_PSK_SHA256, "WPA-PSK-SHA256" },
	{ WPA_AKM_SAE, "SAE" },
	{ WPA_AKM_FT_SAE, "FT-SAE" },
	{ WPA_AKM_NONE, "NONE" },
};

const char *wpa_akm_conf_name(uint32_t akm)
{
	for (size_t i = 0; i < ARRAY_SIZE(akm_conf_words); i++)
		if (akm_conf_words[i].akm == akm)
			return akm_conf_words[i].word;
	return "?";
}

uint32_t wpa_akm_from_conf_name(const char *name)
{
	if (!name)
		return WPA_AKM_OTHER;
	for (size_t i = 0; i < ARRAY_SIZE(akm_conf_words); i++)
		if (strcmp(akm_conf_words[i].word, name) == 0)
			return akm_conf_words[i].akm;
	return WPA_AKM_OTHER;
}

#define WPA_AKM_SHA256_SET (WPA_AKM_FT_8021X | WPA_AKM_FT_PSK | \
			    WPA_AKM_8021X_SHA256 | WPA_AKM_PSK_SHA256 | \
			    WPA_AKM_SAE | WPA_AKM_FT_SAE)

bool wpa_akm_uses_sha256(uint32_t akm)
{
	return wpa_single_bit(akm) && (akm & WPA_AKM_SHA256_SET);
}

int wpa_akm_key_desc_ver(uint32_t akm, uint32_t pairwise)
{
	if (!wpa_single_bit(akm) || !wpa_single_bit(pairwise))
		return -1;
	/* 12.7.2 b.1: versions 1 and 2 only with AKMs 1 and 2; 3 for the
	 * SHA-256 AKMs 3..6; 0 (AKM-defined) for SAE and FT-SAE. */
	if (akm & (WPA_AKM_8021X | WPA_AKM_PSK))
		return pairwise == WPA_CIPHER_TKIP ? 1 : 2;
	if (akm & (WPA_AKM_FT_8021X | WPA_AKM_FT_PSK | WPA_AKM_8021X_SHA256 |
		   WPA_AKM_PSK_SHA256))
		return 3;
	if (akm & (WPA_AKM_SAE | WPA_AKM_FT_SAE))
		return 0;
	return -1;
}
