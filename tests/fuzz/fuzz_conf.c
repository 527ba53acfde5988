// SPDX-License-Identifier: MIT
/* fuzz_conf: the config reader (conf_open_mem and conf_open on the same
 * text, item by item in lockstep), the block structure, and every value
 * parser on every value, each checked against what it claims: a result
 * within its bounds that converts back to the text, or exactly one error
 * reported as "FILE:LINE: KEY: reason". The same parsers also run on the
 * inline tokens of every line (conf_tokenize + conf_kv_from_token), the
 * way topology files use them. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "util.h"

/* A failed check names itself, then aborts (libFuzzer keeps the input). */
#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
			__LINE__, #c);					\
		abort();						\
	}								\
} while (0)

#define NAME "fuzz.conf"
#define FUZZ_MAX_INPUT 65536
#define MAX_TOKENS 16

static int memfd = -1;
static char mempath[64];

/* Every message names the file (or token source) first. */
static void diag_cb(void *ctx, bool is_error, const char *msg)
{
	const char *file = ctx;
	size_t n = strlen(file);

	CHECK(strncmp(msg, file, n) == 0 && msg[n] == ':');
	CHECK(strlen(msg) < CONF_MSG_MAX);
}

/* Run p (a parser call) and check it reported exactly one error on failure
 * and none on success. */
#define PARSE(kv, call) ({					\
	unsigned int e0_ = (kv)->diag->errors;			\
	int r_ = (call);					\
	CHECK(r_ == 0 || r_ == -EINVAL);			\
	CHECK((kv)->diag->errors == e0_ + (r_ ? 1u : 0u));	\
	r_;							\
})

static bool hex_matches(const char *text, const uint8_t *bin, size_t n)
{
	char *h = malloc(2 * n + 1);
	bool ok;

	if (!h)
		return true;
	hex_encode(bin, n, h);
	ok = strlen(text) == 2 * n && strcasecmp(h, text) == 0;
	free(h);
	return ok;
}

static void check_values(const struct conf_kv *kv)
{
	static const char *const ciphers[] = { "TKIP", "CCMP", "GCMP", "WEP40" };
	static const char *const modes[] = { "ap", "sta", "monitor" };
	uint8_t mac[ETH_ALEN], hex16[16], buf[64];
	char str[64];
	long long ll;
	int i32;
	bool b;
	size_t n;
	uint32_t mask;
	unsigned int idx;

	if (PARSE(kv, conf_get_int(kv, 0, 100, &ll)) == 0)
		CHECK(ll >= 0 && ll <= 100);
	if (PARSE(kv, conf_get_int(kv, LLONG_MIN, LLONG_MAX, &ll)) == 0) {
		char *end;

		/* whatever parses is what strtoll reads from the whole text */
		CHECK(strtoll(kv->value, &end, 0) == ll && *end == '\0');
	}
	if (PARSE(kv, conf_get_int32(kv, -1000, INT_MAX, &i32)) == 0)
		CHECK(i32 >= -1000);
	if (PARSE(kv, conf_get_bool(kv, &b)) == 0) {
		static const char *const yes[] = { "1", "yes", "true", "on" };
		bool t = false;

		for (size_t i = 0; i < 4; i++)
			if (strcasecmp(kv->value, yes[i]) == 0)
				t = true;
		CHECK(b == t);
	}
	if (PARSE(kv, conf_get_mac(kv, mac)) == 0) {
		char s[18];
		uint8_t again[ETH_ALEN];

		mac_str(mac, s);
		CHECK(mac_parse(s, again) == 0 &&
		      memcmp(mac, again, ETH_ALEN) == 0);
		CHECK(strlen(kv->value) == 17);
	}
	if (PARSE(kv, conf_get_hex(kv, hex16, sizeof(hex16))) == 0)
		CHECK(hex_matches(kv->value, hex16, sizeof(hex16)));
	if (PARSE(kv, conf_get_hex_var(kv, buf, 1, 32, &n)) == 0)
		CHECK(n >= 1 && n <= 32 && hex_matches(kv->value, buf, n));
	memset(str, 0x5a, sizeof(str));
	if (PARSE(kv, conf_get_str(kv, str, 0, 32)) == 0)
		CHECK(strlen(str) <= 32 && strcmp(str, kv->value) == 0);
	if (PARSE(kv, conf_get_quoted(kv, str, 8, 63)) == 0)
		CHECK(kv->quoted && strlen(str) >= 8 && strlen(str) <= 63 &&
		      strcmp(str, kv->value) == 0);
	/* ssid= and psk= style */
	if (PARSE(kv, conf_get_str_or_hex(kv, buf, 1, 32, &n)) == 0) {
		CHECK(n >= 1 && n <= 32);
		if (kv->quoted)
			CHECK(n == strlen(kv->value) &&
			      memcmp(buf, kv->value, n) == 0);
		else
			CHECK(hex_matches(kv->value, buf, n));
	}
	if (PARSE(kv, conf_get_enum(kv, modes, 3, &idx)) == 0)
		CHECK(idx < 3 && strcmp(modes[idx], kv->value) == 0);
	if (PARSE(kv, conf_get_list(kv, ciphers, 4, &mask)) == 0) {
		const char *cur = kv->value;
		char word[64];
		uint32_t again = 0;
		int r;

		CHECK(mask != 0 && mask < (1u << 4));
		while ((r = conf_list_next(&cur, word, sizeof(word))) > 0) {
			size_t i;

			for (i = 0; i < 4; i++)
				if (strcmp(word, ciphers[i]) == 0)
					break;
			CHECK(i < 4);
			again |= 1u << i;
		}
		CHECK(r == 0 && again == mask);
	}
	/* a tiny word buffer: truncation must be reported, not overrun */
	{
		const char *cur = kv->value;
		char small[4];
		int r, words = 0;

		while ((r = conf_list_next(&cur, small, sizeof(small))) > 0) {
			CHECK(strlen(small) < sizeof(small) && small[0]);
			if (++words > 100000)
				__builtin_trap();
		}
		CHECK(r == 0 || r == -E2BIG);
	}
}

static void check_item(const struct conf_kv *kv)
{
	const char *v = kv->value;
	size_t n = strlen(v);

	CHECK(kv->key && kv->key[0]);
	CHECK(strchr(v, '\n') == NULL);
	for (const char *c = kv->key; *c; c++)
		CHECK(isalnum((unsigned char)*c) || *c == '_' || *c == '-' ||
		      *c == '.');
	if (!kv->quoted && n)
		CHECK(v[0] != ' ' && v[0] != '\t' && v[n - 1] != ' ' &&
		      v[n - 1] != '\t' && v[n - 1] != '\r');
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Read text with both readers in lockstep; run the value parsers on every
 * key=value of the memory reader. */
static void read_conf(const char *text, bool from_file)
{
	struct conf_diag dm = { .cb = diag_cb, .ctx = NAME };
	struct conf_diag df = { .cb = diag_cb, .ctx = mempath };
	struct conf_reader *rm, *rf = NULL;
	struct conf_kv kv, kf;
	char block[64] = "";
	bool in_block = false;
	unsigned int last_line = 0, items = 0;
	int ret, retf;

	rm = conf_open_mem(NAME, text, &dm);
	if (!rm)
		return;
	if (from_file) {
		rf = conf_open(mempath, &df);
		CHECK(rf != NULL);
	}
	for (;;) {
		ret = conf_next(rm, &kv);
		CHECK(ret == 1 || ret == 0 || ret == -EINVAL);
		if (rf) {
			retf = conf_next(rf, &kf);
			CHECK(retf == ret);
			if (ret != 0)
				CHECK(kf.type == kv.type &&
				      kf.line == kv.line &&
				      str_eq(kf.key, kv.key) &&
				      str_eq(kf.value, kv.value) &&
				      kf.quoted == kv.quoted &&
				      str_eq(kf.block, kv.block));
		}
		if (ret == 0)
			break;
		/* every item uses up at least one line */
		CHECK(++items <= 1 + (unsigned int)strlen(text));
		if (ret < 0)
			continue;
		CHECK(kv.line > last_line);
		last_line = kv.line;
		CHECK(str_eq(kv.file, NAME));
		switch (kv.type) {
		case CONF_ITEM_BLOCK_BEGIN:
			CHECK(!in_block && kv.block &&
			      strcmp(kv.key, kv.block) == 0);
			CHECK(strlen(kv.block) < sizeof(block));
			strcpy(block, kv.block);
			in_block = true;
			break;
		case CONF_ITEM_BLOCK_END:
			CHECK(in_block && str_eq(kv.key, block));
			in_block = false;
			break;
		case CONF_ITEM_KV:
			CHECK(in_block ? str_eq(kv.block, block) : !kv.block);
			check_item(&kv);
			check_values(&kv);
			break;
		}
	}
	/* the reader reported every unclosed block at the end */
	CHECK(!in_block || dm.errors > 0);
	/* only the memory reader's values were parsed (with dm) */
	if (rf)
		CHECK(df.warnings == 0);
	conf_close(rm);
	conf_close(rf);
}

/* Each line as topology-file tokens. */
static void read_tokens(const char *text)
{
	struct conf_diag d = { .cb = diag_cb, .ctx = "tokens" };
	char *copy = strdup(text), *line, *save = NULL;
	unsigned int lineno = 0;

	if (!copy)
		return;
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *argv[MAX_TOKENS];
		char *end = line + strlen(line);
		int n = conf_tokenize(line, argv, MAX_TOKENS);

		lineno++;
		CHECK(n == -E2BIG || n == -EINVAL ||
		      (n >= 0 && n <= MAX_TOKENS));
		for (int i = 0; i < n; i++) {
			struct conf_kv kv;
			int r;

			CHECK(argv[i] >= line && argv[i] < end && argv[i][0]);
			CHECK(argv[i] + strlen(argv[i]) <= end);
			r = PARSE(&(struct conf_kv){ .diag = &d },
				  conf_kv_from_token(argv[i], "tokens", lineno,
						     &d, &kv));
			if (r == 0) {
				CHECK(kv.type == CONF_ITEM_KV && kv.key &&
				      kv.value && kv.line == lineno);
				check_values(&kv);
			}
		}
	}
	free(copy);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* FUZZ_LOG=1 shows the log (to see why an input is rejected) */
	if (!getenv("FUZZ_LOG")) {
		log_set_level(LOG_LVL_ERROR);
		log_open_file("/dev/null");
	}
	memfd = memfd_create("fuzz_conf", 0);
	if (memfd >= 0)
		snprintf(mempath, sizeof(mempath), "/proc/self/fd/%d", memfd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	bool file = false;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* the file reader rejects NUL bytes; compare only NUL-free inputs */
	if (memfd >= 0 && memchr(data, '\0', size) == NULL &&
	    ftruncate(memfd, 0) == 0 &&
	    pwrite(memfd, data, size, 0) == (ssize_t)size)
		file = true;
	read_conf(text, file);
	read_tokens(text);
	free(text);
	return 0;
}
