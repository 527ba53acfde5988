// SPDX-License-Identifier: MIT
/* conf.c: wpa_supplicant.conf subset parser (see conf.h). */
#include "conf.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A quoted string "..." (no escapes, as wpa_supplicant). Returns its length
 * or -EINVAL; the result is written without quotes into out. */
static int parse_quoted(const char *v, char *out, size_t outlen)
{
	size_t n = strlen(v);

	if (n < 2 || v[0] != '"' || v[n - 1] != '"')
		return -EINVAL;
	n -= 2;
	if (n + 1 > outlen)
		return -E2BIG;
	memcpy(out, v + 1, n);
	out[n] = '\0';
	return (int)n;
}

/* Word list parsing: each word is looked up in a table of (name, bit). */
struct word_bit {
	const char *name;
	unsigned int bit;
};

static int parse_words(struct parser *p, const char *key, const char *v,
		       const struct word_bit *tab, size_t n, unsigned int *out)
{
	char buf[128], *save = NULL, *w;
	unsigned int mask = 0;

	if (strlen(v) >= sizeof(buf)) {
		perr(p, key, "value too long");
		return -EINVAL;
	}
	strcpy(buf, v);
	for (w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		size_t i;

		for (i = 0; i < n; i++)
			if (!strcmp(w, tab[i].name))
				break;
		if (i == n) {
			perr(p, key, "unsupported value '%s'", w);
			return -EINVAL;
		}
		mask |= tab[i].bit;
	}
	if (!mask) {
		perr(p, key, "empty value");
		return -EINVAL;
	}
	*out = mask;
	return 0;
}

static const struct word_bit proto_words[] = {
	{ "WPA", STA_PROTO_WPA }, { "RSN", STA_PROTO_RSN }, { "WPA2", STA_PROTO_RSN },
};
static const struct word_bit cipher_words[] = {
	{ "TKIP", STA_CIPHER_TKIP }, { "CCMP", STA_CIPHER_CCMP },
};
static const struct word_bit akm_words[] = {
	{ "WPA-PSK", STA_KEY_MGMT_PSK }, { "NONE", STA_KEY_MGMT_NONE },
};

static int parse_int(struct parser *p, const char *key, const char *v,
		     long min, long max, long *out)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < min || x > max) {
		perr(p, key, "'%s' is not an integer in %ld..%ld", v, min, max);
		return -EINVAL;
	}
	*out = x;
	return 0;
}

static int net_set(struct parser *p, struct sta_network *n, const char *key,
		   const char *v)
{
	char tmp[128];
	long x;
	int r;

	if (!strcmp(key, "ssid")) {
		size_t len;

		if (v[0] == '"') {
			r = parse_quoted(v, tmp, sizeof(tmp));
			if (r < 0) {
				perr(p, key, "bad quoted string");
				return -EINVAL;
			}
			if (r == 0 || r > STA_SSID_MAX) {
				perr(p, key, "length %d not in 1..%d", r, STA_SSID_MAX);
				return -EINVAL;
			}
			memcpy(n->ssid, tmp, (size_t)r);
			n->ssid_len = (size_t)r;
		} else {
			if (hex_decode_var(v, n->ssid, STA_SSID_MAX, &len) < 0 || !len) {
				perr(p, key, "neither a quoted string nor 1..32 bytes of hex");
				return -EINVAL;
			}
			n->ssid_len = len;
		}
		n->ssid_set = true;
	} else if (!strcmp(key, "psk")) {
		if (v[0] == '"') {
			r = parse_quoted(v, n->passphrase, sizeof(n->passphrase));
			if (r < 8 || r > 63) {
				perr(p, key, "passphrase must be 8..63 characters");
				return -EINVAL;
			}
			n->psk_is_raw = false;
		} else {
			if (strlen(v) != 64 || hex_decode(v, n->psk, 32) < 0) {
				perr(p, key, "must be a quoted passphrase or 64 hex digits");
				return -EINVAL;
			}
			n->psk_is_raw = true;
		}
		n->psk_set = true;
	} else if (!strcmp(key, "proto")) {
		return parse_words(p, key, v, proto_words, ARRAY_SIZE(proto_words), &n->proto);
	} else if (!strcmp(key, "pairwise")) {
		return parse_words(p, key, v, cipher_words, ARRAY_SIZE(cipher_words), &n->pairwise);
	} else if (!strcmp(key, "group")) {
		return parse_words(p, key, v, cipher_words, ARRAY_SIZE(cipher_words), &n->group);
	} else if (!strcmp(key, "key_mgmt")) {
		return parse_words(p, key, v, akm_words, ARRAY_SIZE(akm_words), &n->key_mgmt);
	} else if (!strcmp(key, "bssid")) {
		if (mac_parse(v, n->bssid) < 0) {
			perr(p, key, "'%s' is not a MAC address", v);
			return -EINVAL;
		}
		n->bssid_set = true;
	} else if (!strcmp(key, "priority")) {
		if (parse_int(p, key, v, -1000000, 1000000, &x) < 0)
			return -EINVAL;
		n->priority = (int)x;
	} else if (!strcmp(key, "scan_ssid")) {
		if (parse_int(p, key, v, 0, 1, &x) < 0)
			return -EINVAL;
		n->scan_ssid = x;
	} else {
		pwarn(p, key, "unsupported network key, ignored");
	}
	return 0;
}

static int net_finish(struct parser *p, struct sta_network *n)
{
	p->line = n->line;
	if (!n->ssid_set) {
		perr(p, "ssid", "network block has no ssid");
		return -EINVAL;
	}
	if ((n->key_mgmt & STA_KEY_MGMT_PSK) && !n->psk_set) {
		perr(p, "psk", "key_mgmt WPA-PSK needs a psk");
		return -EINVAL;
	}
	if (n->key_mgmt == STA_KEY_MGMT_NONE && n->psk_set)
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
		long n;

		if (parse_int(p, key, v, 0, 1, &n) < 0)
			return -EINVAL;
		p->c->keep_neigh = (int)n;
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
			cur->proto = STA_PROTO_WPA | STA_PROTO_RSN;
			cur->pairwise = STA_CIPHER_CCMP | STA_CIPHER_TKIP;
			cur->group = STA_CIPHER_CCMP | STA_CIPHER_TKIP;
			cur->key_mgmt = STA_KEY_MGMT_PSK;
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

static const char *mask_str(const struct word_bit *tab, size_t n, unsigned int mask,
			    char *buf, size_t len)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!(mask & tab[i].bit) || (i && tab[i].bit == tab[i - 1].bit))
			continue;
		off += (size_t)snprintf(buf + off, off < len ? len - off : 0, "%s%s",
					off ? " " : "", tab[i].name);
	}
	return buf;
}

const char *sta_proto_str(unsigned int mask, char *buf, size_t len)
{
	return mask_str(proto_words, ARRAY_SIZE(proto_words), mask, buf, len);
}

const char *sta_cipher_str(unsigned int mask, char *buf, size_t len)
{
	return mask_str(cipher_words, ARRAY_SIZE(cipher_words), mask, buf, len);
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
