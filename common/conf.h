/* SPDX-License-Identifier: MIT */
/* conf.h: reader for hostapd.conf-style "key=value" files and
 * wpa_supplicant.conf-style files with "network={ ... }" blocks, plus value
 * parsers that report errors as "FILE:LINE: KEY: reason".
 *
 * Syntax accepted:
 *   - blank lines and lines whose first non-blank character is '#' are skipped
 *     (a '#' inside a value is part of the value: passphrases may contain it);
 *   - "key=value": leading blanks before key are ignored, the key ends at '=',
 *     trailing blanks of the key are trimmed; the value runs to end of line
 *     with trailing blanks (and CR) trimmed;
 *   - a value that starts with '"' must end with '"': the quotes are removed
 *     and item.quoted is set (no escapes inside, like wpa_supplicant);
 *   - "NAME={" opens a block (one level only), a line "}" closes it.
 *
 * The same conf_kv and parsers work on inline tokens from topology files:
 * split the line with conf_tokenize(), then conf_kv_from_token().
 */
#ifndef ROAMLAB_CONF_H
#define ROAMLAB_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define CONF_MSG_MAX 512

/* Collects diagnostics. Optional everywhere (NULL: only logged). */
struct conf_diag {
	unsigned int errors;
	unsigned int warnings;
	char last[CONF_MSG_MAX];	/* last message, "FILE:LINE: KEY: reason" */
	/* Optional: called for every message (after logging). */
	void (*cb)(void *ctx, bool is_error, const char *msg);
	void *ctx;
};

enum conf_item_type {
	CONF_ITEM_KV,		/* key=value */
	CONF_ITEM_BLOCK_BEGIN,	/* key = block name, value = "" */
	CONF_ITEM_BLOCK_END,	/* key = block name of the block being closed */
};

/* One key=value (or block marker) with its position. The strings stay valid
 * until the next conf_next() / conf_close() (file items), or as long as the
 * token buffer lives (inline items). */
struct conf_kv {
	enum conf_item_type type;
	const char *file;
	unsigned int line;
	const char *key;
	const char *value;	/* unquoted */
	bool quoted;		/* value was "..." */
	const char *block;	/* enclosing block name ("network") or NULL */
	struct conf_diag *diag;	/* may be NULL */
};

struct conf_reader;

/* Open a file. Returns NULL (errno set, error logged) on failure. */
struct conf_reader *conf_open(const char *path, struct conf_diag *diag);
/* Read from memory; name is used in messages as the file name. */
struct conf_reader *conf_open_mem(const char *name, const char *text,
				  struct conf_diag *diag);
void conf_close(struct conf_reader *r);

/* Next item. Returns 1 (item filled), 0 at end of input, or -EINVAL on a
 * syntax error (missing '=', unterminated quote, nested or unclosed block,
 * stray '}'), which has already been reported with file:line. Reading may
 * continue after an error. */
int conf_next(struct conf_reader *r, struct conf_kv *kv);

/* Report "FILE:LINE: KEY: reason" at error level; counts in kv->diag.
 * Always returns -EINVAL so handlers can `return conf_err(kv, ...)`. */
int conf_err(const struct conf_kv *kv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Same at warning level; returns 0. */
int conf_warn(const struct conf_kv *kv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "FILE:LINE: KEY: unknown key, ignored" (warning); returns 0. */
int conf_warn_unknown(const struct conf_kv *kv);

/* Value parsers. Each returns 0, or reports via conf_err() and returns
 * -EINVAL (the out value is then untouched). */
/* Decimal (or 0x hex) integer in [min, max]. */
int conf_get_int(const struct conf_kv *kv, long long min, long long max,
		 long long *out);
int conf_get_int32(const struct conf_kv *kv, int min, int max, int *out);
/* 0/1, yes/no, true/false, on/off. */
int conf_get_bool(const struct conf_kv *kv, bool *out);
int conf_get_mac(const struct conf_kv *kv, uint8_t mac[ETH_ALEN]);
/* Exactly len bytes of hex (2*len digits). */
int conf_get_hex(const struct conf_kv *kv, uint8_t *out, size_t len);
/* Between min and max bytes of hex. */
int conf_get_hex_var(const struct conf_kv *kv, uint8_t *out, size_t min,
		     size_t max, size_t *outlen);
/* Copy the value (quoted or not) as a NUL-terminated string whose length must
 * be in [min, max]; out must hold max+1 bytes. */
int conf_get_str(const struct conf_kv *kv, char *out, size_t min, size_t max);
/* Same, but the value must have been quoted ("..."). */
int conf_get_quoted(const struct conf_kv *kv, char *out, size_t min,
		    size_t max);
/* wpa_supplicant style: "text" gives the bytes of text, unquoted gives hex.
 * Length in [min, max]. (ssid=, psk= use this.) */
int conf_get_str_or_hex(const struct conf_kv *kv, uint8_t *out, size_t min,
			size_t max, size_t *outlen);
/* Value must equal one of names[0..n-1] (case-sensitive); *idx gets it. */
int conf_get_enum(const struct conf_kv *kv, const char *const *names,
		  size_t n, unsigned int *idx);
/* Space-separated list; every word must be in names[0..n-1] (n <= 32); the
 * result is the OR of (1u << index). An empty list is an error. Example:
 * wpa_pairwise=TKIP CCMP with names {"TKIP","CCMP"} gives 0x3. */
int conf_get_list(const struct conf_kv *kv, const char *const *names,
		  size_t n, uint32_t *mask);

/* Iterate the words of a space-separated list: copies the next word into
 * word (truncation is an error: returns -E2BIG) and advances *cursor.
 * Returns 1 with a word, 0 at end. */
int conf_list_next(const char **cursor, char *word, size_t wordlen);

/* Split a line into blank-separated tokens in place. Double quotes group
 * blanks into a token and are kept in the token (a="x y" stays one token,
 * quotes included). A '#' at the start of a token ends the line. Returns the
 * number of tokens (<= max), -E2BIG if there are more than max, or -EINVAL
 * on an unterminated quote. */
int conf_tokenize(char *line, char **argv, int max);
/* Turn a "key=value" token (modified in place: '=' and quotes removed) into
 * kv. Returns 0, or -EINVAL (reported as FILE:LINE: TOKEN: ...) if there is
 * no '=' or the quote is unbalanced. */
int conf_kv_from_token(char *token, const char *file, unsigned int line,
		       struct conf_diag *diag, struct conf_kv *kv);

#endif
