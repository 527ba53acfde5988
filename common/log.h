/* SPDX-License-Identifier: MIT */
/* log.h: levels, module tags, peer MACs, hexdumps. Key material is printed
 * as [REMOVED] unless log_set_show_keys(true) (-K) was called. */
#ifndef ROAMLAB_LOG_H
#define ROAMLAB_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum log_level {
	LOG_LVL_EXCESSIVE,	/* -ddd */
	LOG_LVL_MSGDUMP,	/* -dd */
	LOG_LVL_DEBUG,		/* -d */
	LOG_LVL_INFO,
	LOG_LVL_WARNING,
	LOG_LVL_ERROR,
};

void log_set_level(enum log_level lvl);
enum log_level log_get_level(void);
void log_set_show_keys(bool show);
bool log_show_keys(void);
void log_set_timestamps(bool on);	/* -t: "1234.567890: " prefix */
/* Log to this file instead of stderr (-f). Returns 0 or -errno. */
int log_open_file(const char *path);
void log_close_file(void);
/* Open the log file again under its name (after logrotate moved it). */
int log_reopen_file(void);
/* Optional time source for timestamps (a loop's clock); NULL = CLOCK_MONOTONIC. */
void log_set_clock(uint64_t (*now_us)(void *), void *ctx);
/* Optional hook: every formatted line is also passed here (for tests). */
void log_set_hook(void (*hook)(enum log_level, const char *line, void *ctx), void *ctx);

void log_printf(enum log_level lvl, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void log_hexdump(enum log_level lvl, const char *tag, const char *title,
		 const void *buf, size_t len);
/* Like log_hexdump but prints "[REMOVED]" unless keys are shown. */
void log_hexdump_key(enum log_level lvl, const char *tag, const char *title,
		     const void *buf, size_t len);

#define log_err(tag, ...)  log_printf(LOG_LVL_ERROR, tag, __VA_ARGS__)
#define log_warn(tag, ...) log_printf(LOG_LVL_WARNING, tag, __VA_ARGS__)
#define log_info(tag, ...) log_printf(LOG_LVL_INFO, tag, __VA_ARGS__)
#define log_dbg(tag, ...)  log_printf(LOG_LVL_DEBUG, tag, __VA_ARGS__)
#define log_dump(tag, ...) log_printf(LOG_LVL_MSGDUMP, tag, __VA_ARGS__)

#endif
