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

#include "conf_keys.h"
#include "config.h"
#include "crypto.h"
#include "log.h"
#include "util.h"

#define TAG "config"

_Static_assert(AP_HW_MODE_B == (int)CK_HW_MODE_B && AP_HW_MODE_G == (int)CK_HW_MODE_G &&
	       AP_HW_MODE_A == (int)CK_HW_MODE_A, "hw_mode values follow conf_keys.h");

/* Secrets seen while parsing; PSKs from passphrases need the SSID, which
 * may come later in the file. */
struct psk_src {
	char value[256];
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
	int line_ieee80211w;
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

/* The values themselves are checked by common/conf_keys.c (one table for
 * roamlab-ap and the topology checker); these handlers store them. */
static int k_ifname(struct pctx *p, const char *v, const struct ck_value *o)
{
	char *out = !strcmp(p->key, "interface") ? p->c->interface : p->c->bridge;

	memcpy(out, o->bytes, o->len + 1);
	return 0;
}

static int k_ignore(struct pctx *p, const char *v, const struct ck_value *o)
{
	return 0;
}

static int k_ctrl_interface(struct pctx *p, const char *v, const struct ck_value *o)
{
	const char *dir = strncmp(v, "DIR=", 4) ? v : v + 4;

	memcpy(p->c->ctrl_interface, dir, o->len);
	p->c->ctrl_interface[o->len] = '\0';
	return 0;
}

static int k_ssid(struct pctx *p, const char *v, const struct ck_value *o)
{
	memcpy(p->c->ssid, o->bytes, o->len);
	p->c->ssid_len = o->len;
	return 0;
}

static int k_hw_mode(struct pctx *p, const char *v, const struct ck_value *o)
{
	p->c->hw_mode = (enum ap_hw_mode)o->n;
	return 0;
}

static int k_channel(struct pctx *p, const char *v, const struct ck_value *o)
{
	p->c->channel = (int)o->n;
	p->channel_valid = true;
	return 0;
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

static int k_wpa_passphrase(struct pctx *p, const char *v, const struct ck_value *o)
{
	return add_psk_src(p, v, true);
}

static int k_wpa_psk(struct pctx *p, const char *v, const struct ck_value *o)
{
	return add_psk_src(p, v, false);
}

static int k_wpa_key_mgmt(struct pctx *p, const char *v, const struct ck_value *o)
{
	p->c->wpa_key_mgmt_psk = !!(o->mask & WPA_AKM_PSK);
	p->c->wpa_key_mgmt = o->mask;
	return 0;
}

static int k_sae_password(struct pctx *p, const char *v, const struct ck_value *o)
{
	struct ap_sae_password *pw;

	if (p->c->n_sae_passwords == AP_MAX_SAE_PASSWORDS) {
		perr(p, "too many SAE passwords (at most %d)", AP_MAX_SAE_PASSWORDS);
		return -E2BIG;
	}
	pw = &p->c->sae_passwords[p->c->n_sae_passwords++];
	memcpy(pw->password, o->sae_password, sizeof(pw->password));
	memcpy(pw->pwid, o->sae_pwid, sizeof(pw->pwid));
	pw->line = p->line;
	return 0;
}

static int k_sae_groups(struct pctx *p, const char *v, const struct ck_value *o)
{
	for (size_t i = 0; i < o->len; i++)
		p->c->sae_groups[i] = o->bytes[i];
	p->c->n_sae_groups = o->len;
	return 0;
}

static int k_group_mgmt(struct pctx *p, const char *v, const struct ck_value *o)
{
	p->c->group_mgmt_cipher = o->mask;
	return 0;
}

static int k_ciphers(struct pctx *p, const char *v, const struct ck_value *o)
{
	if (!strcmp(p->key, "wpa_pairwise"))
		p->c->wpa_pairwise = (int)o->mask;
	else
		p->c->rsn_pairwise = (int)o->mask;
	return 0;
}

static int k_fault(struct pctx *p, const char *v, const struct ck_value *o)
{
	char err[160];

	if (hs_fault_apply(&p->c->faults, HS_ROLE_AUTHENTICATOR, v, err, sizeof(err))) {
		perr(p, "%s", err);
		return -EINVAL;
	}
	return 0;
}

/* Integer keys: where each one goes. */
static int k_int(struct pctx *p, const char *v, const struct ck_value *o)
{
	struct ap_config *c = p->c;
	const struct {
		const char *key;
		int *i;
		unsigned int *u;
		bool *b;
	} f[] = {
		{ "beacon_int", &c->beacon_int, NULL, NULL },
		{ "dtim_period", &c->dtim_period, NULL, NULL },
		{ "wpa", &c->wpa, NULL, NULL },
		{ "wpa_group_rekey", NULL, &c->wpa_group_rekey, NULL },
		{ "wpa_strict_rekey", NULL, NULL, &c->wpa_strict_rekey },
		{ "wpa_ptk_rekey", NULL, &c->wpa_ptk_rekey, NULL },
		{ "eapol_version", &c->eapol_version, NULL, NULL },
		{ "ap_max_inactivity", NULL, &c->ap_max_inactivity, NULL },
		{ "max_num_sta", &c->max_num_sta, NULL, NULL },
		{ "ignore_broadcast_ssid", &c->ignore_broadcast_ssid, NULL, NULL },
		{ "auth_algs", &c->auth_algs, NULL, NULL },
		{ "wpa_pairwise_update_count", NULL, &c->pairwise_update_count, NULL },
		{ "wpa_group_update_count", NULL, &c->group_update_count, NULL },
		{ "wpa_disable_eapol_key_retries", NULL, NULL, &c->disable_eapol_key_retries },
		{ "eapol_key_timeout_first", NULL, &c->eapol_timeout_first_ms, NULL },
		{ "eapol_key_timeout", NULL, &c->eapol_timeout_ms, NULL },
		{ "eapol_key_timeout_group", NULL, &c->eapol_timeout_group_ms, NULL },
		{ "ieee80211w", &c->ieee80211w, NULL, NULL },
		{ "assoc_sa_query_max_timeout", NULL, &c->assoc_sa_query_max_timeout, NULL },
		{ "assoc_sa_query_retry_timeout", NULL, &c->assoc_sa_query_retry_timeout, NULL },
		{ "sae_pwe", &c->sae_pwe, NULL, NULL },
		{ "sae_anti_clogging_threshold", NULL, &c->sae_anti_clogging_threshold, NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
		if (strcmp(p->key, f[i].key))
			continue;
		if (f[i].i)
			*f[i].i = (int)o->n;
		else if (f[i].u)
			*f[i].u = (unsigned int)o->n;
		else
			*f[i].b = o->n != 0;
		return 0;
	}
	perr(p, "internal: no field for this key");
	return -EINVAL;
}

/* How to store each type of common/conf_keys.c's hostapd table. */
static int (*const store[])(struct pctx *p, const char *v, const struct ck_value *o) = {
	[CK_INT] = k_int,
	[CK_BYTES] = k_ssid,
	[CK_IFNAME] = k_ifname,
	[CK_DRIVER] = k_ignore,
	[CK_CTRL_DIR] = k_ctrl_interface,
	[CK_HW_MODE] = k_hw_mode,
	[CK_CHANNEL] = k_channel,
	[CK_COUNTRY] = NULL,
	[CK_PASSPHRASE] = k_wpa_passphrase,
	[CK_PSK_HEX] = k_wpa_psk,
	[CK_AUTH_ALGS] = k_int,
	[CK_AP_AKM] = k_wpa_key_mgmt,
	[CK_CIPHERS] = k_ciphers,
	[CK_GROUP_MGMT] = k_group_mgmt,
	[CK_SAE_PASSWORD] = k_sae_password,
	[CK_SAE_GROUPS] = k_sae_groups,
	[CK_FAULT] = k_fault,
};

/* Lines where keys were seen, also when their value was bad. */
static void note_line(struct pctx *p, const char *key)
{
	const struct {
		const char *key;
		int *line;
	} seen[] = {
		{ "interface", &p->line_interface }, { "ssid", &p->line_ssid },
		{ "channel", &p->line_channel }, { "hw_mode", &p->line_hw_mode },
		{ "wpa", &p->line_wpa }, { "wpa_key_mgmt", &p->line_key_mgmt },
		{ "wpa_pairwise", &p->line_wpa_pairwise },
		{ "rsn_pairwise", &p->line_rsn_pairwise },
		{ "wpa_group_rekey", &p->line_group_rekey },
		{ "ieee80211w", &p->line_ieee80211w },
	};

	if (!strcmp(key, "channel"))
		p->channel_valid = false;
	for (size_t i = 0; i < ARRAY_SIZE(seen); i++)
		if (!strcmp(key, seen[i].key))
			*seen[i].line = p->line;
}

static int k_country_code(struct pctx *p, const char *v)
{
	memcpy(p->c->country_code, v, 3);
	return 0;
}

static void set_defaults(struct ap_config *c)
{
	c->hw_mode = AP_HW_MODE_B;	/* hostapd's default */
	c->beacon_int = 100;
	c->dtim_period = 2;
	c->wpa_key_mgmt_psk = 1;
	c->wpa_key_mgmt = WPA_AKM_PSK;
	c->group_mgmt_cipher = WPA_CIPHER_BIP_CMAC;
	c->assoc_sa_query_max_timeout = 1000;
	c->assoc_sa_query_retry_timeout = 201;
	c->sae_groups[0] = 19;		/* hostapd's default */
	c->n_sae_groups = 1;
	c->sae_anti_clogging_threshold = 5;
	c->wpa_pairwise = WPA_CIPHER_TKIP;
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
	return ck_channel_freq((enum ck_hw_mode)mode, channel);
}

const char *ap_cipher_str(int mask, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", mask & WPA_CIPHER_TKIP ? "TKIP" : "",
		 (mask & WPA_CIPHER_TKIP) && (mask & WPA_CIPHER_CCMP) ? " " : "",
		 mask & WPA_CIPHER_CCMP ? "CCMP" : "");
	if (!mask)
		snprintf(buf, len, "none");
	return buf;
}

static void parse_line(struct pctx *p, char *line)
{
	const struct ck_key *k;
	struct ck_value val;
	char why[200];
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
	k = ck_hostapd_key(key);
	if (!k) {
		log_warn(TAG, "%s:%d: unknown key '%s' ignored", p->file, p->line, key);
		p->c->n_warnings++;
		return;
	}
	note_line(p, key);
	if (ck_check(k, eq + 1, &val, why, sizeof(why))) {
		perr(p, "%s", why);
	} else if (k->flags & CK_F_OTHER_ONLY) {
		log_warn(TAG, "%s:%d: %s: read by hostapd only, ignored", p->file, p->line,
			 key);
		p->c->n_warnings++;
	} else if (k->type == CK_COUNTRY) {
		k_country_code(p, eq + 1);
	} else if ((size_t)k->type < ARRAY_SIZE(store) && store[k->type]) {
		store[k->type](p, eq + 1, &val);
	} else {
		perr(p, "internal: no handler for this key");
	}
	ck_value_wipe(&val);
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

/* hostapd: without sae_password, SAE uses the wpa_passphrase */
static void sae_password_fallback(struct pctx *p)
{
	struct ap_config *c = p->c;

	if (c->n_sae_passwords || !(c->wpa_key_mgmt & WPA_AKM_SAE))
		return;
	for (size_t i = p->n_src; i-- > 0;) {
		if (!p->src[i].passphrase)
			continue;
		snprintf(c->sae_passwords[0].password, sizeof(c->sae_passwords[0].password),
			 "%s", p->src[i].value);
		c->sae_passwords[0].line = p->src[i].line;
		c->n_sae_passwords = 1;
		return;
	}
}

static void cross_err(void *ctx, const char *key, const char *msg)
{
	struct pctx *p = ctx;

	perr_at(p, !strcmp(key, "channel") ? p->line_channel :
		!strcmp(key, "ieee80211w") ? p->line_ieee80211w :
		!strcmp(key, "wpa_key_mgmt") ? p->line_key_mgmt : p->line_wpa, key, "%s", msg);
}

static void finalize(struct pctx *p)
{
	struct ap_config *c = p->c;
	struct ck_ap_keys cross;
	int pairwise;

	p->line = 0;
	if (!p->line_interface)
		perr_at(p, 0, "interface", "required key not set");
	if (!p->line_ssid)
		perr_at(p, 0, "ssid", "required key not set");
	if (!p->line_channel)
		perr_at(p, 0, "channel", "required key not set");
	else
		c->freq_mhz = ap_channel_to_freq(c->hw_mode, c->channel);
	/* a channel that did not parse was reported already */
	cross.hw_mode = (enum ck_hw_mode)c->hw_mode;
	cross.channel = p->channel_valid ? c->channel : 0;
	cross.wpa = c->wpa;
	cross.has_psk = p->n_src > 0;
	cross.ieee80211w = c->ieee80211w;
	cross.akms = c->wpa_key_mgmt;
	cross.has_sae_password = c->n_sae_passwords > 0;
	ck_ap_cross_check(&cross, cross_err, p);

	if (!p->line_rsn_pairwise)
		c->rsn_pairwise = c->wpa_pairwise;
	/* hostapd's group cipher choice: TKIP if any enabled pairwise set has
	 * TKIP, else CCMP. */
	pairwise = 0;
	if (c->wpa & WPA_PROTO_WPA)
		pairwise |= c->wpa_pairwise;
	if (c->wpa & WPA_PROTO_RSN)
		pairwise |= c->rsn_pairwise;
	c->group_cipher = (pairwise & WPA_CIPHER_TKIP) ? WPA_CIPHER_TKIP : WPA_CIPHER_CCMP;
	if (!p->line_group_rekey)
		c->wpa_group_rekey = c->group_cipher == WPA_CIPHER_TKIP ? 600 : 86400;

	if (c->wpa) {
		if (!c->wpa_key_mgmt && p->line_key_mgmt)
			perr_at(p, p->line_key_mgmt, "wpa_key_mgmt",
				"WPA-PSK, WPA-PSK-SHA256 or SAE is required");
		if (p->n_src && p->line_ssid)
			finalize_psks(p);
		sae_password_fallback(p);
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
	secure_zero(c->sae_passwords, sizeof(c->sae_passwords));
	free(c);
}
