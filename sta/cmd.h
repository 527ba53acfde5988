/* SPDX-License-Identifier: MIT */
/* cmd.h: the one command language of roamlab-sta, used by the control socket
 * and by -s scripts. A line is tokenised (double quotes group words), then
 * parsed and checked into a struct sta_cmd. Execution lives elsewhere. */
#ifndef ROAMLAB_STA_CMD_H
#define ROAMLAB_STA_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STA_CMD_MAX_ARGS 16
#define STA_CMD_ARG_LEN 128
#define STA_CMD_MAX_KV 8
#define STA_WAIT_DEFAULT_MS 10000

enum sta_cmd_type {
	STA_CMD_SCAN,		/* scan [freq=F,F..] [passive] [ssid=S] */
	STA_CMD_SCAN_RESULTS,
	STA_CMD_CONNECT,	/* connect [network-id | ssid] */
	STA_CMD_DISCONNECT,
	STA_CMD_RECONNECT,
	STA_CMD_ROAM,		/* roam <bssid> */
	STA_CMD_STATUS,
	STA_CMD_SIGNAL_POLL,
	STA_CMD_SET,		/* set <knob> <value> */
	STA_CMD_FAULT,		/* fault <name> [args] */
	STA_CMD_FAULT_CLEAR,	/* fault clear [name] */
	STA_CMD_WAIT,		/* wait <EVENT> [key=value..] [timeout] */
	STA_CMD_EXPECT,		/* expect <key> <op> <value> */
	STA_CMD_SLEEP,		/* sleep <ms> */
	STA_CMD_LOG,		/* log <text> */
	STA_CMD_HELP,
	STA_CMD_PING,
	STA_CMD_LIST_NETWORKS,	/* wpa_cli list_networks */
	STA_CMD_TERMINATE,	/* wpa_cli terminate: exit as on SIGTERM */
};

enum sta_cmp_op {
	STA_CMP_EQ,
	STA_CMP_NE,
	STA_CMP_LT,
	STA_CMP_LE,
	STA_CMP_GT,
	STA_CMP_GE,
};

struct sta_kv {
	char key[32];
	char val[STA_CMD_ARG_LEN];
};

struct sta_cmd {
	enum sta_cmd_type type;
	int argc;			/* tokens after the command word */
	char argv[STA_CMD_MAX_ARGS][STA_CMD_ARG_LEN];
	/* Parsed, depending on type: */
	uint8_t bssid[6];		/* ROAM */
	uint64_t ms;			/* WAIT timeout, SLEEP duration */
	char name[STA_CMD_ARG_LEN];	/* WAIT event, SET knob, FAULT name,
					 * EXPECT key, CONNECT target */
	enum sta_cmp_op op;		/* EXPECT */
	char value[STA_CMD_ARG_LEN];	/* SET value, EXPECT value */
	struct sta_kv kv[STA_CMD_MAX_KV];	/* WAIT filters */
	size_t n_kv;
	char text[512];			/* LOG: rest of the line */
};

/* Parse one line. Returns 0, 1 for a blank/comment line (nothing to do), or
 * -EINVAL with a message in err. */
int sta_cmd_parse(const char *line, struct sta_cmd *cmd, char *err, size_t errlen);
const char *sta_cmd_name(enum sta_cmd_type t);
const char *sta_cmp_op_str(enum sta_cmp_op op);
/* Compares two values: numerically when both are numbers, else as strings
 * (case-insensitive for MAC-like strings). */
bool sta_cmp_eval(const char *actual, enum sta_cmp_op op, const char *want);
/* "250", "250ms", "2s", "1.5s" -> ms. Returns 0 or -EINVAL. */
int sta_parse_duration(const char *s, uint64_t *ms);
/* The help text listing every command. */
const char *sta_cmd_help(void);

/* Events: "EVENT <name> t=<us> key=value..." lines. */
#define STA_EVENT_MAX_KV 16
struct sta_event {
	char name[32];
	uint64_t t_us;
	struct sta_kv kv[STA_EVENT_MAX_KV];
	size_t n_kv;
};

void sta_event_init(struct sta_event *ev, const char *name, uint64_t t_us);
void sta_event_add(struct sta_event *ev, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *sta_event_get(const struct sta_event *ev, const char *key);
/* Formats "EVENT name t=.. k=v ..." (no newline). Returns the length. */
int sta_event_format(const struct sta_event *ev, char *buf, size_t len);
/* Does this event satisfy a WAIT command (name and every key=value)? */
bool sta_event_matches(const struct sta_event *ev, const struct sta_cmd *wait);

/* A script: the parsed lines of a file, each with its line number. */
struct sta_script_line {
	int line;
	struct sta_cmd cmd;
};

struct sta_script {
	char path[256];
	struct sta_script_line *lines;
	size_t n;
	size_t cap;
};

/* Parses every line first, so a syntax error is reported, with file:line,
 * before anything runs. */
struct sta_script *sta_script_parse(const char *name, const char *text,
				    char *err, size_t errlen);
struct sta_script *sta_script_load(const char *path, char *err, size_t errlen);
void sta_script_free(struct sta_script *s);

#endif
