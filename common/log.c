// SPDX-License-Identifier: MIT
/* log.c: leveled, tagged log lines to stderr or a file, with hexdumps whose
 * key material is redacted unless keys are shown (-K).
 *
 * Line format: ["<sec>.<usec>: "]<tag>: <message>
 * Hexdumps:    <tag>: <title> - hexdump(len=N): aa bb cc ...
 *              <tag>: <title> - hexdump(len=N): [REMOVED]   (keys hidden) */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "util.h"

/* Process-wide logging configuration: set once from the command line. */
static struct {
	enum log_level level;
	bool show_keys;
	bool timestamps;
	FILE *file;
	char path[4096];	/* for log_reopen_file() */
	uint64_t (*now_us)(void *);
	void *clock_ctx;
	void (*hook)(enum log_level, const char *, void *);
	void *hook_ctx;
} log_cfg = {
	.level = LOG_LVL_INFO,
};

void log_set_level(enum log_level lvl)
{
	log_cfg.level = lvl;
}

enum log_level log_get_level(void)
{
	return log_cfg.level;
}

void log_set_show_keys(bool show)
{
	log_cfg.show_keys = show;
}

bool log_show_keys(void)
{
	return log_cfg.show_keys;
}

void log_set_timestamps(bool on)
{
	log_cfg.timestamps = on;
}

int log_open_file(const char *path)
{
	FILE *f;

	if (!path)
		return -EINVAL;
	f = fopen(path, "ae");
	if (!f)
		return -errno;
	setvbuf(f, NULL, _IOLBF, 0);
	log_close_file();
	log_cfg.file = f;
	snprintf(log_cfg.path, sizeof(log_cfg.path), "%s", path);
	return 0;
}

int log_reopen_file(void)
{
	char path[sizeof(log_cfg.path)];

	if (!log_cfg.file)
		return 0;
	snprintf(path, sizeof(path), "%s", log_cfg.path);
	return log_open_file(path);
}

void log_close_file(void)
{
	if (log_cfg.file)
		fclose(log_cfg.file);
	log_cfg.file = NULL;
}

void log_set_clock(uint64_t (*now_us)(void *), void *ctx)
{
	log_cfg.now_us = now_us;
	log_cfg.clock_ctx = ctx;
}

void log_set_hook(void (*hook)(enum log_level, const char *line, void *ctx),
		  void *ctx)
{
	log_cfg.hook = hook;
	log_cfg.hook_ctx = ctx;
}

static bool log_enabled(enum log_level lvl)
{
	return lvl >= log_cfg.level;
}

static uint64_t log_now_us(void)
{
	struct timespec ts;

	if (log_cfg.now_us)
		return log_cfg.now_us(log_cfg.clock_ctx);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Emit one finished line (without its newline). */
static void log_emit(enum log_level lvl, const char *line)
{
	FILE *out = log_cfg.file ? log_cfg.file : stderr;

	fprintf(out, "%s\n", line);
	if (log_cfg.hook)
		log_cfg.hook(lvl, line, log_cfg.hook_ctx);
}

/* Format prefix + body into a heap string; NULL on allocation failure. */
static char *log_format(const char *tag, const char *fmt, va_list ap)
{
	char prefix[64] = "";
	char *body = NULL, *line = NULL;

	if (log_cfg.timestamps) {
		uint64_t t = log_now_us();

		snprintf(prefix, sizeof(prefix), "%llu.%06llu: ",
			 (unsigned long long)(t / 1000000u),
			 (unsigned long long)(t % 1000000u));
	}
	if (vasprintf(&body, fmt, ap) < 0)
		return NULL;
	if (asprintf(&line, "%s%s%s%s", prefix, tag ? tag : "",
		     tag ? ": " : "", body) < 0)
		line = NULL;
	secure_zero(body, strlen(body));
	free(body);
	return line;
}

static void log_line(enum log_level lvl, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Format and emit one line; wipe: the line may carry key material (a
 * hexdump shown with -K), so zero it before it goes back to the heap. */
static void log_vline(enum log_level lvl, const char *tag, bool wipe, const char *fmt,
		      va_list ap)
{
	char *line = log_format(tag, fmt, ap);

	if (!line) {
		log_emit(lvl, "log: out of memory formatting a line");
		return;
	}
	log_emit(lvl, line);
	if (wipe)
		secure_zero(line, strlen(line));
	free(line);
}

static void log_line(enum log_level lvl, const char *tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(lvl, tag, true, fmt, ap);
	va_end(ap);
}

void log_printf(enum log_level lvl, const char *tag, const char *fmt, ...)
{
	va_list ap;

	if (!log_enabled(lvl))
		return;
	va_start(ap, fmt);
	log_vline(lvl, tag, false, fmt, ap);
	va_end(ap);
}

static void log_hexdump_common(enum log_level lvl, const char *tag,
			       const char *title, const void *buf, size_t len,
			       bool is_key)
{
	const uint8_t *p = buf;
	char *hex;

	if (!log_enabled(lvl))
		return;
	if (is_key && !log_cfg.show_keys) {
		log_line(lvl, tag, "%s - hexdump(len=%zu): [REMOVED]", title,
			 len);
		return;
	}
	if (!buf) {
		log_line(lvl, tag, "%s - hexdump(len=%zu): [NULL]", title, len);
		return;
	}
	hex = malloc(len * 3 + 1);
	if (!hex) {
		log_line(lvl, tag, "%s - hexdump(len=%zu): [ENOMEM]", title,
			 len);
		return;
	}
	for (size_t i = 0; i < len; i++)
		snprintf(hex + 3 * i, 4, " %02x", p[i]);
	hex[3 * len] = '\0';
	log_line(lvl, tag, "%s - hexdump(len=%zu):%s", title, len, hex);
	if (is_key)
		secure_zero(hex, len * 3 + 1);
	free(hex);
}

void log_hexdump(enum log_level lvl, const char *tag, const char *title,
		 const void *buf, size_t len)
{
	log_hexdump_common(lvl, tag, title, buf, len, false);
}

void log_hexdump_key(enum log_level lvl, const char *tag, const char *title,
		     const void *buf, size_t len)
{
	log_hexdump_common(lvl, tag, title, buf, len, true);
}
