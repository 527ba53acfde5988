// SPDX-License-Identifier: MIT
/* conf.c: wpa_supplicant.conf subset parser (see conf.h). */
#include "conf.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_keys.h"
#include "log.h"
#include "util.h"

#define TAG "conf"

struct parser {
	struct sta_conf *c;
	const char *name;
	int line;
	char *err;
	size_t errlen;
};

static void perr(struct parser *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void perr(struct parser *p, const char *key, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (key)
		snprintf(p->err, p->errlen, "%s:%d: %s: %s", p->name, p->line, key, msg);
	else
		snprintf(p->err, p->errlen, "%s:%d: %s", p->name, p->line, msg);
}

static void pwarn(struct parser *p, const char *key, const char *msg)
{
	char line[160];

	snprintf(line, sizeof(line), "%s:%d: %s: %s", p->name, p->line, key, msg);
	log_warn(TAG, "%s", line);
	if (p->c->n_warn < STA_CONF_MAX_WARN)
		snprintf(p->c->warn[p->c->n_warn++], sizeof(p->c->warn[0]), "%s", line);
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Values are checked by common/conf_keys.c (one table for roamlab-sta and
 * the topology checker); this stores them. */
static int net_set(struct parser *p, struct sta_network *n, const char *key,
		   const char *v)
{
	const struct ck_key *k = ck_network_key(key);
	struct ck_value o;
	char why[160];

	if (!k || (k->flags & CK_F_OTHER_ONLY)) {
		pwarn(p, key, "unsupported network key, ignored");
		return 0;
	}
	if (ck_check(k, v, &o, why, sizeof(why))) {
		perr(p, key, "%s", why);
		return -EINVAL;
	}
	if (!strcmp(key, "ssid")) {
		memcpy(n->ssid, o.bytes, o.len);
		n->ssid_len = o.len;
		n->ssid_set = true;
	} else if (!strcmp(key, "psk")) {
		n->psk_is_raw = o.raw;
		if (o.raw)
			memcpy(n->psk, o.bytes, sizeof(n->psk));
		else
			memcpy(n->passphrase, o.bytes, o.len + 1);
		n->psk_set = true;
	} else if (!strcmp(key, "proto")) {
		n->proto = o.mask;
	} else if (!strcmp(key, "pairwise")) {
		n->pairwise = o.mask;
	} else if (!strcmp(key, "group")) {
		n->group = o.mask;
	} else if (!strcmp(key, "key_mgmt")) {
		n->key_mgmt = o.mask;
	} else if (!strcmp(key, "bssid")) {
		memcpy(n->bssid, o.bytes, sizeof(n->bssid));
		n->bssid_set = true;
	} else if (!strcmp(key, "priority")) {
		n->priority = (int)o.n;
	} else if (!strcmp(key, "scan_ssid")) {
		n->scan_ssid = o.n != 0;
	} else if (!strcmp(key, "ieee80211w")) {
		n->ieee80211w = (int)o.n;
	} else if (!strcmp(key, "sae_password")) {
		memcpy(n->sae_password, o.sae_password, sizeof(n->sae_password));
		n->sae_password_set = true;
	}
	ck_value_wipe(&o);
	return 0;
}

static void cross_err(void *ctx, const char *key, const char *msg)
{
	struct parser *p = ctx;

	/* the first problem is the one reported */
	if (!p->err[0])
		perr(p, key, "%s", msg);
}

static int net_finish(struct parser *p, struct sta_network *n)
{
	const struct ck_network_keys cross = {
		.has_ssid = n->ssid_set,
		.has_psk = n->psk_set,
		.has_sae_password = n->sae_password_set,
		.key_mgmt = n->key_mgmt,
	};

	p->line = n->line;
	p->err[0] = '\0';
	if (ck_network_cross_check(&cross, cross_err, p))
		return -EINVAL;
	if (n->key_mgmt == WPA_AKM_NONE && n->psk_set)
		pwarn(p, "psk", "ignored with key_mgmt=NONE");
	return 0;
}

static int global_set(struct parser *p, const char *key, const char *v)
{
	if (!strcmp(key, "ctrl_interface")) {
		/* Either a directory or "DIR=/path GROUP=grp". */
		const char *d = v;
		size_t len;

		if (!strncmp(v, "DIR=", 4)) {
			d = v + 4;
			len = strcspn(d, " \t");
		} else {
			len = strlen(d);
		}
		if (!len || len >= sizeof(p->c->ctrl_interface)) {
			perr(p, key, "bad directory");
			return -EINVAL;
		}
		memcpy(p->c->ctrl_interface, d, len);
		p->c->ctrl_interface[len] = '\0';
		return 0;
	}
	if (!strcmp(key, "keep_neigh")) {	/* roamlab-sta only (see neigh.h) */
		if (strcmp(v, "0") && strcmp(v, "1")) {
			perr(p, key, "'%s' is not an integer in 0..1", v);
			return -EINVAL;
		}
		p->c->keep_neigh = v[0] == '1';
		return 0;
	}
	if (ck_wpas_global_key(key)) {
		const struct ck_key *k = ck_wpas_global_key(key);
		struct ck_value o;
		char why[160];

		if (ck_check(k, v, &o, why, sizeof(why))) {
			perr(p, key, "%s", why);
			return -EINVAL;
		}
		if (k->type == CK_SAE_GROUPS) {
			for (size_t i = 0; i < o.len; i++)
				p->c->sae_groups[i] = o.bytes[i];
			p->c->n_sae_groups = o.len;
		} else {
			p->c->sae_pwe = (int)o.n;
		}
		return 0;
	}
	pwarn(p, key, "unsupported global key, ignored");
	return 0;
}

struct sta_conf *sta_conf_parse(const char *name, const char *text,
				char *err, size_t errlen)
{
	struct parser p = { .name = name, .err = err, .errlen = errlen };
	struct sta_network *cur = NULL;
	const char *s = text;
	char line[512];

	p.c = calloc(1, sizeof(*p.c));
	if (!p.c) {
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	snprintf(p.c->path, sizeof(p.c->path), "%s", name);
	p.c->keep_neigh = -1;

	while (*s) {
		size_t n = strcspn(s, "\n");
		char *l, *eq, *key, *val;

		p.line++;
		if (n >= sizeof(line)) {
			perr(&p, NULL, "line too long");
			goto fail;
		}
		memcpy(line, s, n);
		line[n] = '\0';
		s += n;
		if (*s == '\n')
			s++;

		l = trim(line);
		if (!*l || *l == '#')
			continue;
		if (!cur && !strcmp(l, "network={")) {
			if (p.c->n_net == STA_MAX_NETWORKS) {
				perr(&p, NULL, "too many networks (max %d)", STA_MAX_NETWORKS);
				goto fail;
			}
			cur = &p.c->net[p.c->n_net];
			memset(cur, 0, sizeof(*cur));
			cur->id = (int)p.c->n_net;
			cur->line = p.line;
			cur->proto = WPA_PROTO_WPA | WPA_PROTO_RSN;
			cur->pairwise = WPA_CIPHER_CCMP | WPA_CIPHER_TKIP;
			cur->group = WPA_CIPHER_CCMP | WPA_CIPHER_TKIP;
			cur->key_mgmt = WPA_AKM_PSK;
			continue;
		}
		if (cur && !strcmp(l, "}")) {
			int line_now = p.line;

			if (net_finish(&p, cur) < 0)
				goto fail;
			p.line = line_now;
			p.c->n_net++;
			cur = NULL;
			continue;
		}
		eq = strchr(l, '=');
		if (!eq) {
			perr(&p, NULL, "expected key=value, got '%s'", l);
			goto fail;
		}
		*eq = '\0';
		key = trim(l);
		val = trim(eq + 1);
		if (!*key) {
			perr(&p, NULL, "empty key");
			goto fail;
		}
		if (cur ? net_set(&p, cur, key, val) < 0 : global_set(&p, key, val) < 0)
			goto fail;
	}
	if (cur) {
		p.line = cur->line;
		perr(&p, NULL, "network block is not closed");
		goto fail;
	}
	return p.c;
fail:
	sta_conf_free(p.c);
	return NULL;
}

struct sta_conf *sta_conf_load(const char *path, char *err, size_t errlen)
{
	struct sta_conf *c = NULL;
	char *text = NULL;
	size_t len = 0, cap = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (cap - len < 4096) {
			char *nt;

			if (cap > (1u << 24)) {
				snprintf(err, errlen, "%s: file too large", path);
				goto cleanup;
			}
			cap = cap ? cap * 2 : 8192;
			nt = realloc(text, cap);
			if (!nt) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto cleanup;
			}
			text = nt;
		}
		got = fread(text + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		goto cleanup;
	}
	text[len] = '\0';
	if (strlen(text) != len) {
		snprintf(err, errlen, "%s: contains a NUL byte", path);
		goto cleanup;
	}
	c = sta_conf_parse(path, text, err, errlen);
cleanup:
	if (text) {
		secure_zero(text, cap);
		free(text);
	}
	fclose(f);
	return c;
}

void sta_conf_free(struct sta_conf *c)
{
	if (!c)
		return;
	secure_zero(c, sizeof(*c));
	free(c);
}

const char *sta_proto_str(unsigned int mask, char *buf, size_t len)
{
	return ck_proto_str(mask, buf, len);
}

const char *sta_cipher_str(unsigned int mask, char *buf, size_t len)
{
	return ck_cipher_str(mask, buf, len);
}

const char *sta_ssid_str(const uint8_t *ssid, size_t len, char *buf, size_t buflen)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 5 < buflen; i++) {
		if (isprint(ssid[i]) && ssid[i] != '\\') {
			buf[o++] = (char)ssid[i];
		} else {
			snprintf(buf + o, buflen - o, "\\x%02x", ssid[i]);
			o += 4;
		}
	}
	buf[o] = '\0';
	return buf;
}
