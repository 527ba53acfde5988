// SPDX-License-Identifier: MIT
/* config.c: the hostapd.conf subset (see config.h). Ranges and defaults are
 * those documented in hostapd 2.10's example hostapd.conf, so a file that
 * passes here also runs under Debian's hostapd (except for our two
 * extensions, fault= and eapol_key_timeout*). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "crypto.h"
#include "log.h"
#include "util.h"

#define TAG "config"

/* Secrets seen while parsing; PSKs from passphrases need the SSID, which
 * may come later in the file. */
struct psk_src {
	char value[65];
	int line;
	bool passphrase;
};

struct pctx {
	struct ap_config *c;
	const char *file;
	int line;
	const char *key;
	struct psk_src src[AP_MAX_PSKS];
	size_t n_src;
	/* Lines where keys were seen (0 = not seen), for cross-checks. */
	int line_interface, line_ssid, line_channel, line_hw_mode, line_wpa;
	bool channel_valid;	/* the last channel= line parsed */
	int line_key_mgmt, line_wpa_pairwise, line_rsn_pairwise, line_group_rekey;
};

static void perr(struct pctx *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void perr(struct pctx *p, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (p->line)
		log_err(TAG, "%s:%d: %s: %s", p->file, p->line, p->key, msg);
	else
		log_err(TAG, "%s: %s: %s", p->file, p->key, msg);
	p->c->n_errors++;
}

/* Report an error on a key seen earlier (cross-checks after parsing). */
static void perr_at(struct pctx *p, int line, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void perr_at(struct pctx *p, int line, const char *key, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		log_err(TAG, "%s:%d: %s: %s", p->file, line, key, msg);
	else
		log_err(TAG, "%s: %s: %s", p->file, key, msg);
	p->c->n_errors++;
}

/* Decimal integer in [min, max]; trailing blanks are allowed. */
static int parse_int(struct pctx *p, const char *v, long min, long max, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || errno) {
		perr(p, "'%s' is not a number", v);
		return -EINVAL;
	}
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end) {
		perr(p, "'%s' is not a number", v);
		return -EINVAL;
	}
	if (n < min || n > max) {
		perr(p, "%ld is out of range (expected %ld..%ld)", n, min, max);
		return -ERANGE;
	}
	*out = n;
	return 0;
}

static int set_int(struct pctx *p, const char *v, long min, long max, int *out)
{
	long n;
	int ret = parse_int(p, v, min, max, &n);

	if (!ret)
		*out = (int)n;
	return ret;
}

static int set_uint(struct pctx *p, const char *v, long max, unsigned int *out)
{
	long n;
	int ret = parse_int(p, v, 0, max, &n);

	if (!ret)
		*out = (unsigned int)n;
	return ret;
}

static int set_ifname(struct pctx *p, const char *v, char *out)
{
	size_t len = strlen(v);

	if (len == 0 || len > AP_IFNAME_MAX) {
		perr(p, "interface name must be 1..%d characters", AP_IFNAME_MAX);
		return -EINVAL;
	}
	if (strchr(v, '/') || strchr(v, ' ') || strchr(v, '\t')) {
		perr(p, "'%s' is not a valid interface name", v);
		return -EINVAL;
	}
	memcpy(out, v, len + 1);
	return 0;
}

static int k_interface(struct pctx *p, const char *v)
{
	p->line_interface = p->line;
	return set_ifname(p, v, p->c->interface);
}

static int k_bridge(struct pctx *p, const char *v)
{
	return set_ifname(p, v, p->c->bridge);
}

static int k_driver(struct pctx *p, const char *v)
{
	if (strcmp(v, "nl80211")) {
		perr(p, "driver '%s' is not supported (only nl80211)", v);
		return -EINVAL;
	}
	return 0;
}

static int k_ctrl_interface(struct pctx *p, const char *v)
{
	const char *dir = v;
	size_t len;

	/* hostapd also accepts "DIR=/path GROUP=name". */
	if (!strncmp(v, "DIR=", 4)) {
		dir = v + 4;
		len = strcspn(dir, " \t");
	} else {
		len = strlen(dir);
	}
	if (len == 0 || len >= sizeof(p->c->ctrl_interface) - 20) {
		perr(p, "directory name must be 1..%zu characters",
		     sizeof(p->c->ctrl_interface) - 21);
		return -EINVAL;
	}
	memcpy(p->c->ctrl_interface, dir, len);
	p->c->ctrl_interface[len] = '\0';
	return 0;
}

static int k_ssid(struct pctx *p, const char *v)
{
	size_t len = strlen(v);

	p->line_ssid = p->line;
	if (len == 0 || len > AP_SSID_MAX) {
		perr(p, "SSID must be 1..%d bytes, got %zu", AP_SSID_MAX, len);
		return -EINVAL;
	}
	memcpy(p->c->ssid, v, len);
	p->c->ssid_len = len;
	return 0;
}

static int k_hw_mode(struct pctx *p, const char *v)
{
	p->line_hw_mode = p->line;
	if (!strcmp(v, "b")) {
		p->c->hw_mode = AP_HW_MODE_B;
	} else if (!strcmp(v, "g")) {
		p->c->hw_mode = AP_HW_MODE_G;
	} else if (!strcmp(v, "a")) {
		p->c->hw_mode = AP_HW_MODE_A;
	} else if (!strcmp(v, "ad") || !strcmp(v, "any")) {
		perr(p, "'%s' is not supported (use a, b or g)", v);
		return -EINVAL;
	} else {
		perr(p, "unknown mode '%s' (expected a, b or g)", v);
		return -EINVAL;
	}
	return 0;
}

static int k_channel(struct pctx *p, const char *v)
{
	p->line_channel = p->line;
	p->channel_valid = false;
	if (!strcmp(v, "0") || !strncmp(v, "acs", 3)) {
		perr(p, "automatic channel selection is not supported; give a channel number");
		return -EINVAL;
	}
	if (set_int(p, v, 1, 196, &p->c->channel))
		return -EINVAL;
	p->channel_valid = true;
	return 0;
}

static int k_beacon_int(struct pctx *p, const char *v)
{
	return set_int(p, v, 15, 65535, &p->c->beacon_int);
}

static int k_dtim_period(struct pctx *p, const char *v)
{
	return set_int(p, v, 1, 255, &p->c->dtim_period);
}

static int k_country_code(struct pctx *p, const char *v)
{
	if (strlen(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z') {
		perr(p, "'%s' is not a two-letter upper-case ISO 3166-1 code", v);
		return -EINVAL;
	}
	memcpy(p->c->country_code, v, 3);
	return 0;
}

static int k_wpa(struct pctx *p, const char *v)
{
	p->line_wpa = p->line;
	return set_int(p, v, 0, 3, &p->c->wpa);
}

static int add_psk_src(struct pctx *p, const char *v, bool passphrase)
{
	struct psk_src *s;

	if (p->n_src == AP_MAX_PSKS) {
		perr(p, "too many PSKs (at most %d)", AP_MAX_PSKS);
		return -E2BIG;
	}
	s = &p->src[p->n_src++];
	snprintf(s->value, sizeof(s->value), "%s", v);
	s->line = p->line;
	s->passphrase = passphrase;
	return 0;
}

static int k_wpa_passphrase(struct pctx *p, const char *v)
{
	size_t len = strlen(v);

	if (len < 8 || len > 63) {
		perr(p, "passphrase length %zu is invalid (expected 8..63)", len);
		return -EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		if (v[i] < 32 || v[i] > 126) {
			perr(p, "passphrase must be printable ASCII");
			return -EINVAL;
		}
	}
	return add_psk_src(p, v, true);
}

static int k_wpa_psk(struct pctx *p, const char *v)
{
	uint8_t tmp[AP_PSK_LEN];
	int ret;

	if (strlen(v) != 64 || hex_decode(v, tmp, sizeof(tmp))) {
		perr(p, "PSK must be exactly 64 hex digits");
		return -EINVAL;
	}
	secure_zero(tmp, sizeof(tmp));
	ret = add_psk_src(p, v, false);
	return ret;
}

static int k_wpa_key_mgmt(struct pctx *p, const char *v)
{
	static const char *const known_unsupported[] = {
		"WPA-EAP", "FT-PSK", "FT-EAP", "FT-EAP-SHA384", "WPA-PSK-SHA256",
		"WPA-EAP-SHA256", "SAE", "FT-SAE", "WPA-EAP-SUITE-B",
		"WPA-EAP-SUITE-B-192", "FILS-SHA256", "FILS-SHA384",
		"FT-FILS-SHA256", "FT-FILS-SHA384", "OWE", "DPP", "OSEN", "PASN",
	};
	char copy[256], *save = NULL, *tok;
	int n = 0, ret = 0;

	p->line_key_mgmt = p->line;
	snprintf(copy, sizeof(copy), "%s", v);
	p->c->wpa_key_mgmt_psk = 0;
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		bool known = false;

		n++;
		if (!strcmp(tok, "WPA-PSK")) {
			p->c->wpa_key_mgmt_psk = 1;
			continue;
		}
		for (size_t i = 0; i < ARRAY_SIZE(known_unsupported); i++)
			if (!strcmp(tok, known_unsupported[i]))
				known = true;
		if (known)
			perr(p, "'%s' is not supported (only WPA-PSK)", tok);
		else
			perr(p, "unknown key management '%s'", tok);
		ret = -EINVAL;
	}
	if (!n) {
		perr(p, "empty list");
		ret = -EINVAL;
	}
	return ret;
}

static int parse_ciphers(struct pctx *p, const char *v, int *out)
{
	char copy[256], *save = NULL, *tok;
	int mask = 0, ret = 0;

	snprintf(copy, sizeof(copy), "%s", v);
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(tok, "TKIP")) {
			mask |= AP_CIPHER_TKIP;
		} else if (!strcmp(tok, "CCMP")) {
			mask |= AP_CIPHER_CCMP;
		} else if (!strcmp(tok, "GCMP") || !strcmp(tok, "GCMP-256") ||
			   !strcmp(tok, "CCMP-256")) {
			perr(p, "cipher '%s' is not supported (use TKIP and/or CCMP)", tok);
			ret = -EINVAL;
		} else if (!strcmp(tok, "NONE") || !strcmp(tok, "WEP40") ||
			   !strcmp(tok, "WEP104")) {
			perr(p, "'%s' is not allowed as a pairwise cipher", tok);
			ret = -EINVAL;
		} else {
			perr(p, "unknown cipher '%s'", tok);
			ret = -EINVAL;
		}
	}
	if (!ret && !mask) {
		perr(p, "empty cipher list");
		ret = -EINVAL;
	}
	if (!ret)
		*out = mask;
	return ret;
}

static int k_wpa_pairwise(struct pctx *p, const char *v)
{
	p->line_wpa_pairwise = p->line;
	return parse_ciphers(p, v, &p->c->wpa_pairwise);
}

static int k_rsn_pairwise(struct pctx *p, const char *v)
{
	p->line_rsn_pairwise = p->line;
	return parse_ciphers(p, v, &p->c->rsn_pairwise);
}

static int k_wpa_group_rekey(struct pctx *p, const char *v)
{
	p->line_group_rekey = p->line;
	return set_uint(p, v, INT_MAX, &p->c->wpa_group_rekey);
}

static int k_wpa_strict_rekey(struct pctx *p, const char *v)
{
	int b = 0;
	int ret = set_int(p, v, 0, 1, &b);

	p->c->wpa_strict_rekey = b;
	return ret;
}

static int k_wpa_ptk_rekey(struct pctx *p, const char *v)
{
	return set_uint(p, v, INT_MAX, &p->c->wpa_ptk_rekey);
}

static int k_eapol_version(struct pctx *p, const char *v)
{
	return set_int(p, v, 1, 2, &p->c->eapol_version);
}

static int k_ap_max_inactivity(struct pctx *p, const char *v)
{
	return set_uint(p, v, INT_MAX, &p->c->ap_max_inactivity);
}

static int k_max_num_sta(struct pctx *p, const char *v)
{
	/* 802.11-2020 9.4.1.8: AIDs 1..2007. */
	return set_int(p, v, 0, 2007, &p->c->max_num_sta);
}

static int k_ignore_broadcast_ssid(struct pctx *p, const char *v)
{
	return set_int(p, v, 0, 2, &p->c->ignore_broadcast_ssid);
}

static int k_auth_algs(struct pctx *p, const char *v)
{
	int ret = set_int(p, v, 1, 3, &p->c->auth_algs);

	if (!ret && !(p->c->auth_algs & 1)) {
		perr(p, "shared key authentication alone is not supported (open system, bit 0, is required)");
		return -EINVAL;
	}
	return ret;
}

static int k_pairwise_update_count(struct pctx *p, const char *v)
{
	long n;
	int ret = parse_int(p, v, 1, UINT_MAX > LONG_MAX ? LONG_MAX : UINT_MAX, &n);

	if (!ret)
		p->c->pairwise_update_count = (unsigned int)n;
	return ret;
}

static int k_group_update_count(struct pctx *p, const char *v)
{
	long n;
	int ret = parse_int(p, v, 1, UINT_MAX > LONG_MAX ? LONG_MAX : UINT_MAX, &n);

	if (!ret)
		p->c->group_update_count = (unsigned int)n;
	return ret;
}

static int k_disable_retries(struct pctx *p, const char *v)
{
	int b = 0;
	int ret = set_int(p, v, 0, 1, &b);

	p->c->disable_eapol_key_retries = b;
	return ret;
}

static int k_timeout_first(struct pctx *p, const char *v)
{
	long n;
	int ret = parse_int(p, v, 1, 60000, &n);

	if (!ret)
		p->c->eapol_timeout_first_ms = (unsigned int)n;
	return ret;
}

static int k_timeout(struct pctx *p, const char *v)
{
	long n;
	int ret = parse_int(p, v, 1, 60000, &n);

	if (!ret)
		p->c->eapol_timeout_ms = (unsigned int)n;
	return ret;
}

static int k_timeout_group(struct pctx *p, const char *v)
{
	long n;
	int ret = parse_int(p, v, 1, 60000, &n);

	if (!ret)
		p->c->eapol_timeout_group_ms = (unsigned int)n;
	return ret;
}

static int k_fault(struct pctx *p, const char *v)
{
	char err[160];

	if (ap_fault_apply(&p->c->faults, v, err, sizeof(err))) {
		perr(p, "%s", err);
		return -EINVAL;
	}
	return 0;
}

static const struct {
	const char *key;
	int (*fn)(struct pctx *p, const char *v);
} keys[] = {
	{ "interface", k_interface },
	{ "driver", k_driver },
	{ "bridge", k_bridge },
	{ "ctrl_interface", k_ctrl_interface },
	{ "ssid", k_ssid },
	{ "hw_mode", k_hw_mode },
	{ "channel", k_channel },
	{ "beacon_int", k_beacon_int },
	{ "dtim_period", k_dtim_period },
	{ "country_code", k_country_code },
	{ "wpa", k_wpa },
	{ "wpa_passphrase", k_wpa_passphrase },
	{ "wpa_psk", k_wpa_psk },
	{ "wpa_key_mgmt", k_wpa_key_mgmt },
	{ "wpa_pairwise", k_wpa_pairwise },
	{ "rsn_pairwise", k_rsn_pairwise },
	{ "wpa_group_rekey", k_wpa_group_rekey },
	{ "wpa_strict_rekey", k_wpa_strict_rekey },
	{ "wpa_ptk_rekey", k_wpa_ptk_rekey },
	{ "eapol_version", k_eapol_version },
	{ "ap_max_inactivity", k_ap_max_inactivity },
	{ "max_num_sta", k_max_num_sta },
	{ "ignore_broadcast_ssid", k_ignore_broadcast_ssid },
	{ "auth_algs", k_auth_algs },
	{ "wpa_pairwise_update_count", k_pairwise_update_count },
	{ "wpa_group_update_count", k_group_update_count },
	{ "wpa_disable_eapol_key_retries", k_disable_retries },
	/* roamlab extensions (hostapd rejects these) */
	{ "eapol_key_timeout_first", k_timeout_first },
	{ "eapol_key_timeout", k_timeout },
	{ "eapol_key_timeout_group", k_timeout_group },
	{ "fault", k_fault },
};

static void set_defaults(struct ap_config *c)
{
	c->hw_mode = AP_HW_MODE_B;	/* hostapd's default */
	c->beacon_int = 100;
	c->dtim_period = 2;
	c->wpa_key_mgmt_psk = 1;
	c->wpa_pairwise = AP_CIPHER_TKIP;
	c->eapol_version = 2;
	c->ap_max_inactivity = 300;
	c->max_num_sta = 2007;
	c->auth_algs = 3;
	c->pairwise_update_count = 4;
	c->group_update_count = 4;
	c->eapol_timeout_first_ms = 100;
	c->eapol_timeout_ms = 1000;
	c->eapol_timeout_group_ms = 500;
}

int ap_channel_to_freq(enum ap_hw_mode mode, int channel)
{
	switch (mode) {
	case AP_HW_MODE_B:
	case AP_HW_MODE_G:
		/* 802.11-2020 15.4.4.3 / 19.3.15: 2407 + 5 n, channel 14 at 2484 */
		if (channel >= 1 && channel <= 13)
			return 2407 + 5 * channel;
		if (channel == 14)
			return 2484;
		return 0;
	case AP_HW_MODE_A:
		/* 802.11-2020 17.3.8.4.2: 5000 + 5 n */
		if (channel >= 1 && channel <= 196)
			return 5000 + 5 * channel;
		return 0;
	}
	return 0;
}

const char *ap_cipher_str(int mask, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", mask & AP_CIPHER_TKIP ? "TKIP" : "",
		 (mask & AP_CIPHER_TKIP) && (mask & AP_CIPHER_CCMP) ? " " : "",
		 mask & AP_CIPHER_CCMP ? "CCMP" : "");
	if (!mask)
		snprintf(buf, len, "none");
	return buf;
}

static void parse_line(struct pctx *p, char *line)
{
	char *eq, *key = line;
	size_t len = strlen(line);

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	while (*key == ' ' || *key == '\t')
		key++;
	if (*key == '\0' || *key == '#')
		return;
	eq = strchr(key, '=');
	if (!eq) {
		p->key = key;
		perr(p, "not a key=value line");
		return;
	}
	*eq = '\0';
	p->key = key;
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		if (!strcmp(key, keys[i].key)) {
			keys[i].fn(p, eq + 1);
			return;
		}
	}
	log_warn(TAG, "%s:%d: unknown key '%s' ignored", p->file, p->line, key);
	p->c->n_warnings++;
}

static void finalize_psks(struct pctx *p)
{
	struct ap_config *c = p->c;
	ssize_t active = -1;

	/* hostapd: wpa_psk wins over wpa_passphrase; a repeated key keeps the
	 * last value. */
	for (size_t i = 0; i < p->n_src; i++)
		if (!p->src[i].passphrase)
			active = (ssize_t)i;
	if (active < 0)
		for (size_t i = 0; i < p->n_src; i++)
			active = (ssize_t)i;
	if (active < 0)
		return;

	for (size_t k = 0; k < p->n_src; k++) {
		/* active first, then the others in file order */
		size_t i = k == 0 ? (size_t)active : (k <= (size_t)active ? k - 1 : k);
		struct psk_src *s = &p->src[i];
		struct ap_psk *out = &c->psks[c->n_psks];
		int ret;

		if (s->passphrase)
			ret = crypto_psk_from_passphrase(s->value, c->ssid, c->ssid_len, out->psk);
		else
			ret = hex_decode(s->value, out->psk, AP_PSK_LEN);
		if (ret) {
			perr_at(p, s->line, s->passphrase ? "wpa_passphrase" : "wpa_psk",
				"cannot derive the PSK (%s)", strerror(-ret));
			continue;
		}
		out->line = s->line;
		snprintf(out->key, sizeof(out->key), "%s",
			 s->passphrase ? "wpa_passphrase" : "wpa_psk");
		c->n_psks++;
	}
}

static void finalize(struct pctx *p)
{
	struct ap_config *c = p->c;
	int pairwise;

	p->line = 0;
	if (!p->line_interface)
		perr_at(p, 0, "interface", "required key not set");
	if (!p->line_ssid)
		perr_at(p, 0, "ssid", "required key not set");
	if (!p->line_channel) {
		perr_at(p, 0, "channel", "required key not set");
	} else {
		c->freq_mhz = ap_channel_to_freq(c->hw_mode, c->channel);
		/* a channel that did not parse was reported already */
		if (!c->freq_mhz && p->channel_valid)
			perr_at(p, p->line_channel, "channel",
				"channel %d is not valid for hw_mode=%s", c->channel,
				c->hw_mode == AP_HW_MODE_A ? "a" :
				c->hw_mode == AP_HW_MODE_G ? "g" : "b");
	}

	if (!p->line_rsn_pairwise)
		c->rsn_pairwise = c->wpa_pairwise;
	/* hostapd's group cipher choice: TKIP if any enabled pairwise set has
	 * TKIP, else CCMP. */
	pairwise = 0;
	if (c->wpa & AP_WPA_WPA1)
		pairwise |= c->wpa_pairwise;
	if (c->wpa & AP_WPA_RSN)
		pairwise |= c->rsn_pairwise;
	c->group_cipher = (pairwise & AP_CIPHER_TKIP) ? AP_CIPHER_TKIP : AP_CIPHER_CCMP;
	if (!p->line_group_rekey)
		c->wpa_group_rekey = c->group_cipher == AP_CIPHER_TKIP ? 600 : 86400;

	if (c->wpa) {
		if (!c->wpa_key_mgmt_psk && p->line_key_mgmt)
			perr_at(p, p->line_key_mgmt, "wpa_key_mgmt", "WPA-PSK is required");
		if (!p->n_src)
			perr_at(p, p->line_wpa, "wpa",
				"wpa=%d needs wpa_passphrase or wpa_psk", c->wpa);
		else if (p->line_ssid)
			finalize_psks(p);
	}
	if (c->disable_eapol_key_retries) {
		c->pairwise_update_count = 1;
		c->group_update_count = 1;
	}
}

struct ap_config *ap_config_parse(FILE *f, const char *name)
{
	struct pctx *p = NULL;
	struct ap_config *c = NULL;
	char *line = NULL;
	size_t cap = 0;

	p = calloc(1, sizeof(*p));
	c = calloc(1, sizeof(*c));
	if (!p || !c) {
		log_err(TAG, "%s: out of memory", name);
		goto cleanup;
	}
	snprintf(c->path, sizeof(c->path), "%s", name);
	set_defaults(c);
	p->c = c;
	p->file = name;
	while (getline(&line, &cap, f) >= 0) {
		p->line++;
		parse_line(p, line);
	}
	finalize(p);
	if (c->n_errors) {
		log_err(TAG, "%s: %u error%s, not starting", name, c->n_errors,
			c->n_errors == 1 ? "" : "s");
		ap_config_free(c);
		c = NULL;
	}
cleanup:
	if (line) {
		secure_zero(line, cap);
		free(line);
	}
	if (p) {
		secure_zero(p, sizeof(*p));
		free(p);
	}
	return c;
}

struct ap_config *ap_config_load(const char *path)
{
	struct ap_config *c;
	FILE *f = fopen(path, "r");

	if (!f) {
		log_err(TAG, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	c = ap_config_parse(f, path);
	fclose(f);
	return c;
}

void ap_config_free(struct ap_config *c)
{
	if (!c)
		return;
	secure_zero(c->psks, sizeof(c->psks));
	free(c);
}
