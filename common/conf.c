// SPDX-License-Identifier: MIT
/* conf.c: hostapd.conf / wpa_supplicant.conf style reader and value
 * parsers with "FILE:LINE: KEY: reason" diagnostics. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "log.h"

#define CONF_TAG "conf"

struct conf_reader {
	char *name;
	char *text;		/* whole input, NUL-terminated */
	char *pos;		/* start of the next line */
	unsigned int line;
	struct conf_diag *diag;
	char block[64];		/* open block name, "" if none */
	char closed[64];	/* name of the block just closed */
	unsigned int block_line;
	bool eof_done;
};

static void diag_emit(struct conf_diag *diag, bool is_error, const char *msg)
{
	if (is_error)
		log_err(CONF_TAG, "%s", msg);
	else
		log_warn(CONF_TAG, "%s", msg);
	if (!diag)
		return;
	if (is_error)
		diag->errors++;
	else
		diag->warnings++;
	snprintf(diag->last, sizeof(diag->last), "%s", msg);
	if (diag->cb)
		diag->cb(diag->ctx, is_error, msg);
}

static void vreport(const struct conf_kv *kv, bool is_error, const char *fmt,
		    va_list ap)
{
	char reason[CONF_MSG_MAX / 2];
	char msg[CONF_MSG_MAX];

	vsnprintf(reason, sizeof(reason), fmt, ap);
	snprintf(msg, sizeof(msg), "%s:%u: %s: %s",
		 kv->file ? kv->file : "-", kv->line,
		 kv->key ? kv->key : "", reason);
	diag_emit(kv->diag, is_error, msg);
}

int conf_err(const struct conf_kv *kv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(kv, true, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int conf_warn(const struct conf_kv *kv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(kv, false, fmt, ap);
	va_end(ap);
	return 0;
}

int conf_warn_unknown(const struct conf_kv *kv)
{
	return conf_warn(kv, "unknown key, ignored");
}

static struct conf_reader *reader_new(const char *name, char *text,
				      struct conf_diag *diag)
{
	struct conf_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->name = strdup(name);
	if (!r->name) {
		free(r);
		return NULL;
	}
	r->text = text;
	r->pos = text;
	r->diag = diag;
	return r;
}

struct conf_reader *conf_open_mem(const char *name, const char *text,
				  struct conf_diag *diag)
{
	struct conf_reader *r;
	char *copy = strdup(text);

	if (!copy)
		return NULL;
	r = reader_new(name, copy, diag);
	if (!r)
		free(copy);
	return r;
}

struct conf_reader *conf_open(const char *path, struct conf_diag *diag)
{
	struct conf_reader *r = NULL;
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f;
	int err = 0;

	f = fopen(path, "r");
	if (!f) {
		err = errno;
		log_err(CONF_TAG, "%s: cannot open: %s", path, strerror(err));
		goto cleanup;
	}
	for (;;) {
		if (cap - len < 4096) {
			char *t = realloc(text, cap + 8192);

			if (!t) {
				err = ENOMEM;
				goto cleanup;
			}
			text = t;
			cap += 8192;
		}
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		err = EIO;
		log_err(CONF_TAG, "%s: read error", path);
		goto cleanup;
	}
	text[len] = '\0';
	if (strlen(text) != len) {
		err = EINVAL;
		log_err(CONF_TAG, "%s: contains a NUL byte", path);
		goto cleanup;
	}
	r = reader_new(path, text, diag);
	if (!r)
		err = ENOMEM;
	else
		text = NULL;
cleanup:
	if (f)
		fclose(f);
	free(text);
	if (!r)
		errno = err;
	return r;
}

void conf_close(struct conf_reader *r)
{
	if (!r)
		return;
	/* The text may hold passphrases and PSKs. */
	secure_zero(r->text, strlen(r->text));
	free(r->text);
	free(r->name);
	free(r);
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
			 e[-1] == '\n'))
		e--;
	*e = '\0';
	return s;
}

static void kv_init(struct conf_reader *r, struct conf_kv *kv)
{
	memset(kv, 0, sizeof(*kv));
	kv->file = r->name;
	kv->line = r->line;
	kv->diag = r->diag;
	kv->block = r->block[0] ? r->block : NULL;
	kv->value = "";
}

/* Unquote v in place: returns the value, sets *quoted; NULL on an
 * unbalanced quote. */
static char *unquote(char *v, bool *quoted)
{
	size_t n = strlen(v);

	*quoted = false;
	if (n == 0 || v[0] != '"')
		return v;
	if (n < 2 || v[n - 1] != '"')
		return NULL;
	v[n - 1] = '\0';
	*quoted = true;
	return v + 1;
}

int conf_next(struct conf_reader *r, struct conf_kv *kv)
{
	char *line, *eq, *key, *val;

	for (;;) {
		if (*r->pos == '\0') {
			if (r->block[0] && !r->eof_done) {
				kv_init(r, kv);
				kv->line = r->block_line;
				kv->key = r->block;
				r->eof_done = true;
				conf_err(kv, "block not closed (missing '}')");
				r->block[0] = '\0';
				return -EINVAL;
			}
			return 0;
		}
		line = r->pos;
		eq = strchr(line, '\n');
		if (eq) {
			*eq = '\0';
			r->pos = eq + 1;
		} else {
			r->pos = line + strlen(line);
		}
		r->line++;
		line = trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		break;
	}

	kv_init(r, kv);
	if (strcmp(line, "}") == 0) {
		if (!r->block[0]) {
			kv->key = "}";
			return conf_err(kv, "'}' without an open block");
		}
		kv->type = CONF_ITEM_BLOCK_END;
		memcpy(r->closed, r->block, sizeof(r->closed));
		r->block[0] = '\0';
		kv->key = kv->block = r->closed;
		return 1;
	}

	eq = strchr(line, '=');
	if (!eq) {
		kv->key = line;
		return conf_err(kv, "expected key=value");
	}
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	kv->key = key;
	if (*key == '\0') {
		kv->key = "";
		return conf_err(kv, "empty key");
	}
	for (const char *c = key; *c; c++) {
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-' &&
		    *c != '.')
			return conf_err(kv, "invalid character '%c' in key",
					*c);
	}

	if (strcmp(val, "{") == 0) {
		if (r->block[0])
			return conf_err(kv, "nested block inside '%s' block",
					r->block);
		if (strlen(key) >= sizeof(r->block))
			return conf_err(kv, "block name too long");
		snprintf(r->block, sizeof(r->block), "%s", key);
		r->block_line = r->line;
		r->eof_done = false;
		kv->type = CONF_ITEM_BLOCK_BEGIN;
		kv->key = kv->block = r->block;
		return 1;
	}

	kv->type = CONF_ITEM_KV;
	kv->value = unquote(val, &kv->quoted);
	if (!kv->value) {
		kv->value = "";
		return conf_err(kv, "unterminated quoted value");
	}
	return 1;
}

int conf_get_int(const struct conf_kv *kv, long long min, long long max,
		 long long *out)
{
	const char *v = kv->value;
	char *end;
	long long x;

	if (!v || !*v)
		return conf_err(kv, "missing value (expected an integer)");
	errno = 0;
	x = strtoll(v, &end, 0);
	if (errno == ERANGE)
		return conf_err(kv, "'%s' out of range [%lld, %lld]", v, min,
				max);
	if (end == v || *end != '\0' || isspace((unsigned char)*v))
		return conf_err(kv, "'%s' is not an integer", v);
	if (x < min || x > max)
		return conf_err(kv, "%lld out of range [%lld, %lld]", x, min,
				max);
	*out = x;
	return 0;
}

int conf_get_int32(const struct conf_kv *kv, int min, int max, int *out)
{
	long long x;
	int ret = conf_get_int(kv, min, max, &x);

	if (ret == 0)
		*out = (int)x;
	return ret;
}

int conf_get_bool(const struct conf_kv *kv, bool *out)
{
	static const char *const t[] = { "1", "yes", "true", "on" };
	static const char *const f[] = { "0", "no", "false", "off" };

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		if (strcasecmp(kv->value, t[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(kv->value, f[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return conf_err(kv, "'%s' is not a boolean (0/1, yes/no, true/false, on/off)",
			kv->value);
}

int conf_get_mac(const struct conf_kv *kv, uint8_t mac[ETH_ALEN])
{
	uint8_t m[ETH_ALEN];

	if (mac_parse(kv->value, m) != 0)
		return conf_err(kv, "'%s' is not a MAC address", kv->value);
	memcpy(mac, m, ETH_ALEN);
	return 0;
}

int conf_get_hex_var(const struct conf_kv *kv, uint8_t *out, size_t min,
		     size_t max, size_t *outlen)
{
	size_t n = strlen(kv->value);
	uint8_t *tmp;
	size_t got = 0;
	int ret;

	if (n % 2)
		return conf_err(kv, "odd number of hex digits (%zu)", n);
	if (n / 2 < min || n / 2 > max) {
		if (min == max)
			return conf_err(kv, "expected %zu hex digits, got %zu",
					2 * min, n);
		return conf_err(kv, "expected %zu..%zu bytes of hex, got %zu",
				min, max, n / 2);
	}
	tmp = malloc(n / 2 + 1);
	if (!tmp)
		return conf_err(kv, "out of memory");
	ret = hex_decode_var(kv->value, tmp, max, &got);
	if (ret == 0) {
		memcpy(out, tmp, got);
		if (outlen)
			*outlen = got;
	}
	secure_zero(tmp, n / 2 + 1);
	free(tmp);
	if (ret)
		return conf_err(kv, "invalid hex digit");
	return 0;
}

int conf_get_hex(const struct conf_kv *kv, uint8_t *out, size_t len)
{
	return conf_get_hex_var(kv, out, len, len, NULL);
}

int conf_get_str(const struct conf_kv *kv, char *out, size_t min, size_t max)
{
	size_t n = strlen(kv->value);

	if (n < min || n > max) {
		if (n < min)
			return conf_err(kv, "too short (%zu < %zu characters)",
					n, min);
		return conf_err(kv, "too long (%zu > %zu characters)", n, max);
	}
	memcpy(out, kv->value, n + 1);
	return 0;
}

int conf_get_quoted(const struct conf_kv *kv, char *out, size_t min,
		    size_t max)
{
	if (!kv->quoted)
		return conf_err(kv, "value must be a quoted string");
	return conf_get_str(kv, out, min, max);
}

int conf_get_str_or_hex(const struct conf_kv *kv, uint8_t *out, size_t min,
			size_t max, size_t *outlen)
{
	size_t n;

	if (!kv->quoted)
		return conf_get_hex_var(kv, out, min, max, outlen);
	n = strlen(kv->value);
	if (n < min)
		return conf_err(kv, "too short (%zu < %zu characters)", n, min);
	if (n > max)
		return conf_err(kv, "too long (%zu > %zu characters)", n, max);
	memcpy(out, kv->value, n);
	*outlen = n;
	return 0;
}

int conf_get_enum(const struct conf_kv *kv, const char *const *names,
		  size_t n, unsigned int *idx)
{
	char allowed[256] = "";
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(kv->value, names[i]) == 0) {
			*idx = (unsigned int)i;
			return 0;
		}
	}
	for (size_t i = 0; i < n && used < sizeof(allowed); i++)
		used += (size_t)snprintf(allowed + used, sizeof(allowed) - used,
					 "%s%s", i ? ", " : "", names[i]);
	return conf_err(kv, "'%s' is not one of: %s", kv->value, allowed);
}

int conf_list_next(const char **cursor, char *word, size_t wordlen)
{
	const char *p = *cursor, *s;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		*cursor = p;
		return 0;
	}
	s = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	n = (size_t)(p - s);
	*cursor = p;
	if (n + 1 > wordlen)
		return -E2BIG;
	memcpy(word, s, n);
	word[n] = '\0';
	return 1;
}

int conf_get_list(const struct conf_kv *kv, const char *const *names,
		  size_t n, uint32_t *mask)
{
	const char *cur = kv->value;
	char word[64];
	uint32_t m = 0;
	int ret;

	if (n > 32)
		return conf_err(kv, "internal: too many list names");
	while ((ret = conf_list_next(&cur, word, sizeof(word))) > 0) {
		size_t i;

		for (i = 0; i < n; i++)
			if (strcmp(word, names[i]) == 0)
				break;
		if (i == n)
			return conf_err(kv, "unknown value '%s' in list", word);
		m |= 1u << i;
	}
	if (ret < 0)
		return conf_err(kv, "list word too long");
	if (!m)
		return conf_err(kv, "empty list");
	*mask = m;
	return 0;
}

int conf_tokenize(char *line, char **argv, int max)
{
	char *p = line;
	int n = 0;

	for (;;) {
		bool inq = false;

		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		if (n == max)
			return -E2BIG;
		argv[n++] = p;
		while (*p) {
			if (*p == '"')
				inq = !inq;
			else if (!inq && (*p == ' ' || *p == '\t' ||
					  *p == '\r' || *p == '\n'))
				break;
			p++;
		}
		if (inq)
			return -EINVAL;
		if (*p)
			*p++ = '\0';
	}
	*p = '\0';
	return n;
}

int conf_kv_from_token(char *token, const char *file, unsigned int line,
		       struct conf_diag *diag, struct conf_kv *kv)
{
	char *eq = strchr(token, '=');
	char *v;

	memset(kv, 0, sizeof(*kv));
	kv->type = CONF_ITEM_KV;
	kv->file = file;
	kv->line = line;
	kv->diag = diag;
	kv->key = token;
	kv->value = "";
	if (!eq || eq == token)
		return conf_err(kv, "expected key=value");
	*eq = '\0';
	v = unquote(eq + 1, &kv->quoted);
	if (!v)
		return conf_err(kv, "unterminated quoted value");
	kv->value = v;
	return 0;
}
