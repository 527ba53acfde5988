/* SPDX-License-Identifier: MIT */
/* vectors.h: header-only reader for tests/unit/vectors/wpa-vectors.txt.
 *
 * The file holds "name: value" lines; '#' starts a comment line; blank lines
 * separate records. Values are usually lowercase hex, sometimes text
 * ("hs.ssid: Harkonen") or "k=v" lists ("keyinfo.rsn_ccmp: m1=008a m2=...").
 * An empty value ("michael.1.msg:") is allowed.
 *
 *	const char *s = vec_str("hs.ssid");		// text value
 *	uint8_t pmk[32];
 *	size_t n = vec_hex("hs.pmk", pmk, sizeof(pmk));	// hex value -> bytes
 *	vec_hex_exact("hs.pmk", pmk, 32);		// exactly 32 bytes
 *	unsigned long m2 = vec_kv_hex("keyinfo.rsn_ccmp", "m2");	// 0x010a
 *	bool b = vec_has("cmac.key");
 *
 * A missing name, a non-hex value or a value longer than max aborts the
 * current test with ck_abort_msg(). The file is loaded once per process from
 * UNIT_VECTORS (relative to the repo root, where tests run): unit.h names
 * wpa-vectors.txt; a test that reads another file of the same format
 * defines UNIT_VECTORS before its first include (test_sae.c reads
 * tests/unit/vectors/wpa3-ft-vectors.txt). All functions
 * are static inline so a test that uses only some of them still compiles
 * with -Werror.
 */
#ifndef ROAMLAB_VECTORS_H
#define ROAMLAB_VECTORS_H

#include <check.h>
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "util.h"

#define VEC_MAX_RECORDS 512

struct vec_file {
	bool loaded;
	char *text;		/* whole file, lines split in place */
	size_t n;
	const char *name[VEC_MAX_RECORDS];
	const char *value[VEC_MAX_RECORDS];
};

static inline struct vec_file *vec_file_get(void)
{
	static struct vec_file vf;
	FILE *f;
	long size;
	char *p, *end;

	if (vf.loaded)
		return &vf;
	f = fopen(UNIT_VECTORS, "r");
	if (!f)
		ck_abort_msg("vectors: cannot open %s (run from the repo root)",
			     UNIT_VECTORS);
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		ck_abort_msg("vectors: cannot size %s", UNIT_VECTORS);
	}
	vf.text = malloc((size_t)size + 1);
	if (!vf.text) {
		fclose(f);
		ck_abort_msg("vectors: out of memory");
	}
	if (fread(vf.text, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		ck_abort_msg("vectors: short read on %s", UNIT_VECTORS);
	}
	fclose(f);
	vf.text[size] = '\0';

	for (p = vf.text; p && *p; p = end) {
		char *line = p, *colon, *v, *t;

		end = strchr(p, '\n');
		if (end)
			*end++ = '\0';
		/* strip trailing whitespace (incl. \r) */
		t = line + strlen(line);
		while (t > line && isspace((unsigned char)t[-1]))
			*--t = '\0';
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		colon = strchr(line, ':');
		if (!colon)
			ck_abort_msg("vectors: line without ':' in %s: %s",
				     UNIT_VECTORS, line);
		*colon = '\0';
		v = colon + 1;
		while (isspace((unsigned char)*v))
			v++;
		if (vf.n >= VEC_MAX_RECORDS)
			ck_abort_msg("vectors: more than %d records",
				     VEC_MAX_RECORDS);
		vf.name[vf.n] = line;
		vf.value[vf.n] = v;
		vf.n++;
	}
	vf.loaded = true;
	return &vf;
}

/* NULL when the name is not in the file. */
static inline const char *vec_find(const char *name)
{
	struct vec_file *vf = vec_file_get();

	for (size_t i = 0; i < vf->n; i++)
		if (strcmp(vf->name[i], name) == 0)
			return vf->value[i];
	return NULL;
}

static inline bool vec_has(const char *name)
{
	return vec_find(name) != NULL;
}

/* The value as text; aborts the test if the name is missing. */
static inline const char *vec_str(const char *name)
{
	const char *v = vec_find(name);

	if (!v)
		ck_abort_msg("vectors: no record named '%s' in %s", name,
			     UNIT_VECTORS);
	return v;
}

/* Decode a hex value into out (at most max bytes); returns the byte count.
 * Aborts on a missing name, odd length, bad digit or a value > max bytes. */
static inline size_t vec_hex(const char *name, uint8_t *out, size_t max)
{
	const char *v = vec_str(name);
	size_t len = strlen(v);

	if (len % 2)
		ck_abort_msg("vectors: '%s' has an odd number of hex digits",
			     name);
	if (len / 2 > max)
		ck_abort_msg("vectors: '%s' is %zu bytes, buffer holds %zu",
			     name, len / 2, max);
	if (hex_decode(v, out, len / 2) < 0)
		ck_abort_msg("vectors: '%s' is not hex", name);
	return len / 2;
}

/* Like vec_hex but the value must be exactly len bytes. */
static inline void vec_hex_exact(const char *name, uint8_t *out, size_t len)
{
	size_t n = vec_hex(name, out, len);

	if (n != len)
		ck_abort_msg("vectors: '%s' is %zu bytes, expected %zu", name,
			     n, len);
}

/* From a "k1=hex k2=hex ..." value, the number for key. Aborts if absent. */
static inline unsigned long vec_kv_hex(const char *name, const char *key)
{
	const char *v = vec_str(name);
	size_t klen = strlen(key);

	while (*v) {
		const char *tok = v;
		size_t toklen = strcspn(tok, " \t");

		if (toklen > klen && strncmp(tok, key, klen) == 0 &&
		    tok[klen] == '=') {
			char tmp[32], *endp;
			size_t vlen = toklen - klen - 1;
			unsigned long val;

			if (vlen == 0 || vlen >= sizeof(tmp))
				ck_abort_msg("vectors: '%s' %s= bad value",
					     name, key);
			memcpy(tmp, tok + klen + 1, vlen);
			tmp[vlen] = '\0';
			val = strtoul(tmp, &endp, 16);
			if (*endp != '\0')
				ck_abort_msg("vectors: '%s' %s= is not hex",
					     name, key);
			return val;
		}
		v = tok + toklen;
		while (*v == ' ' || *v == '\t')
			v++;
	}
	ck_abort_msg("vectors: '%s' has no key '%s'", name, key);
	return 0;
}

#endif
