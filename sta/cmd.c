// SPDX-License-Identifier: MIT
/* cmd.c: tokeniser and parser of the roamlab-sta command language. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct cmd_def {
	const char *name;
	enum sta_cmd_type type;
	int min_args;
	int max_args;
	const char *usage;
	const char *help;
};

static const struct cmd_def cmd_defs[] = {
	{ "scan", STA_CMD_SCAN, 0, 8, "scan [freq=F[,F..]] [passive] [ssid=S]",
	  "trigger a scan (active by default), optionally on given channels" },
	{ "scan_results", STA_CMD_SCAN_RESULTS, 0, 0, "scan_results",
	  "print the BSS table: bssid freq signal age flags ssid" },
	{ "connect", STA_CMD_CONNECT, 0, 1, "connect [network-id|ssid]",
	  "select the best BSS of a network (or of any network) and connect" },
	{ "disconnect", STA_CMD_DISCONNECT, 0, 0, "disconnect",
	  "deauthenticate and stay disconnected" },
	{ "reconnect", STA_CMD_RECONNECT, 0, 0, "reconnect",
	  "connect again after disconnect" },
	{ "roam", STA_CMD_ROAM, 1, 1, "roam <bssid>",
	  "reassociate to this BSS of the current ESS" },
	{ "status", STA_CMD_STATUS, 0, 0, "status", "print key=value state" },
	{ "signal_poll", STA_CMD_SIGNAL_POLL, 0, 0, "signal_poll",
	  "print the current signal" },
	{ "set", STA_CMD_SET, 2, 2, "set <knob> <value>",
	  "set a knob (see Knobs below: roam_threshold, keep_neigh, ...)" },
	{ "fault", STA_CMD_FAULT, 1, 4, "fault <name> [args] | fault clear [name]",
	  "arm a fault (see --help faults)" },
	{ "wait", STA_CMD_WAIT, 1, 1 + STA_CMD_MAX_KV, "wait <EVENT> [key=value..] [timeout]",
	  "wait for an event (default timeout 10s)" },
	{ "expect", STA_CMD_EXPECT, 2, 3, "expect <key> <op> <value>",
	  "compare a status key: ==, !=, <, <=, >, >=" },
	{ "sleep", STA_CMD_SLEEP, 1, 1, "sleep <ms>", "pause a script" },
	{ "log", STA_CMD_LOG, 0, STA_CMD_MAX_ARGS, "log <text>", "write text to the log" },
	{ "help", STA_CMD_HELP, 0, 1, "help", "this text" },
	{ "ping", STA_CMD_PING, 0, 0, "ping", "replies PONG" },
	/* wpa_cli's words for what the commands above do, and its own */
	{ "reassociate", STA_CMD_CONNECT, 0, 0, "reassociate",
	  "as connect (wpa_cli reassociate)" },
	{ "list_networks", STA_CMD_LIST_NETWORKS, 0, 0, "list_networks",
	  "the configured networks, as wpa_cli prints them" },
	{ "terminate", STA_CMD_TERMINATE, 0, 0, "terminate",
	  "disconnect and exit, as on SIGTERM" },
};

static void set_err(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

const char *sta_cmd_name(enum sta_cmd_type t)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmd_defs); i++)
		if (cmd_defs[i].type == t)
			return cmd_defs[i].name;
	return "?";
}

static const char knob_help[] =
	"Knobs (set KNOB VALUE, --set KNOB=VALUE, set.KNOB=VALUE in a topology):\n"
	"  roam_threshold DBM      roam on signal below this (-70)\n"
	"  roam_hysteresis DB      a candidate must beat the current AP by this (5)\n"
	"  bgscan_ms MS            background scan interval below the threshold (5000)\n"
	"  scan_max_age_ms MS      scan results this recent are used after AP loss (10000)\n"
	"  auto_connect 0|1        reconnect/roam by itself after a loss\n"
	"  keep_neigh 0|1          keep the ARP/ND entries across a roam within one\n"
	"                          ESS (1, default; also keep_neigh= in CONF). 0: the\n"
	"                          kernel evicts them when the link drops, and the\n"
	"                          first packet after a roam waits for an ARP retry\n"
	"                          (1 s), as with a station that is not roaming-aware.\n"
	"                          Needs Linux 5.16+ (arp_evict_nocarrier); without it\n"
	"                          the log says so and status shows keep_neigh=0.\n";

const char *sta_cmd_help(void)
{
	static char buf[4096];
	size_t i, off = 0;

	if (buf[0])
		return buf;
	for (i = 0; i < ARRAY_SIZE(cmd_defs) && off < sizeof(buf); i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "  %-42s %s\n",
					cmd_defs[i].usage, cmd_defs[i].help);
	if (off < sizeof(buf))
		snprintf(buf + off, sizeof(buf) - off, "%s", knob_help);
	return buf;
}

static const char *op_strs[] = {
	[STA_CMP_EQ] = "==", [STA_CMP_NE] = "!=", [STA_CMP_LT] = "<",
	[STA_CMP_LE] = "<=", [STA_CMP_GT] = ">", [STA_CMP_GE] = ">=",
};

const char *sta_cmp_op_str(enum sta_cmp_op op)
{
	return (size_t)op < ARRAY_SIZE(op_strs) ? op_strs[op] : "?";
}

int sta_parse_duration(const char *s, uint64_t *ms)
{
	char *end;
	double v;

	if (!*s || !(isdigit((unsigned char)*s) || *s == '.'))
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0 || v > 1e9)
		return -EINVAL;
	if (!*end || !strcmp(end, "ms"))
		;
	else if (!strcmp(end, "s"))
		v *= 1000.0;
	else
		return -EINVAL;
	*ms = (uint64_t)llround(v);
	return 0;
}

static bool parse_number(const char *s, double *out)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return !errno && !*end && end != s;
}

bool sta_cmp_eval(const char *actual, enum sta_cmp_op op, const char *want)
{
	double a, b;
	int c;

	if (parse_number(actual, &a) && parse_number(want, &b))
		c = a < b ? -1 : a > b ? 1 : 0;
	else
		c = strcasecmp(actual, want);
	switch (op) {
	case STA_CMP_EQ: return c == 0;
	case STA_CMP_NE: return c != 0;
	case STA_CMP_LT: return c < 0;
	case STA_CMP_LE: return c <= 0;
	case STA_CMP_GT: return c > 0;
	case STA_CMP_GE: return c >= 0;
	}
	return false;
}

/* Splits into words; "..." groups (quotes removed). Returns the count or
 * -EINVAL. */
static int tokenize(const char *s, char tok[][STA_CMD_ARG_LEN], int max,
		    char *err, size_t errlen)
{
	int n = 0;

	for (;;) {
		size_t len = 0;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (n == max) {
			set_err(err, errlen, "too many words (max %d)", max);
			return -EINVAL;
		}
		if (*s == '"') {
			s++;
			while (*s && *s != '"') {
				if (len + 1 >= STA_CMD_ARG_LEN)
					goto toolong;
				tok[n][len++] = *s++;
			}
			if (*s != '"') {
				set_err(err, errlen, "unterminated quote");
				return -EINVAL;
			}
			s++;
		} else {
			while (*s && !isspace((unsigned char)*s)) {
				if (len + 1 >= STA_CMD_ARG_LEN)
					goto toolong;
				tok[n][len++] = *s++;
			}
		}
		tok[n][len] = '\0';
		n++;
	}
	return n;
toolong:
	set_err(err, errlen, "word too long (max %d)", STA_CMD_ARG_LEN - 1);
	return -EINVAL;
}

static int parse_kv(const char *tok, struct sta_kv *kv)
{
	const char *eq = strchr(tok, '=');
	size_t klen;

	if (!eq || eq == tok)
		return -EINVAL;
	klen = (size_t)(eq - tok);
	if (klen >= sizeof(kv->key))
		return -EINVAL;
	memcpy(kv->key, tok, klen);
	kv->key[klen] = '\0';
	snprintf(kv->val, sizeof(kv->val), "%s", eq + 1);
	return 0;
}

static int parse_expect(struct sta_cmd *c, char *err, size_t errlen)
{
	const char *opstr;
	size_t i;

	/* Either "key op value" or "key=value" / "key" "op" "value". */
	if (c->argc == 2) {
		set_err(err, errlen, "expect: usage: expect <key> <op> <value>");
		return -EINVAL;
	}
	snprintf(c->name, sizeof(c->name), "%s", c->argv[0]);
	opstr = c->argv[1];
	for (i = 0; i < ARRAY_SIZE(op_strs); i++)
		if (!strcmp(opstr, op_strs[i]))
			break;
	if (i == ARRAY_SIZE(op_strs)) {
		set_err(err, errlen, "expect: unknown operator '%s' (==, !=, <, <=, >, >=)",
			opstr);
		return -EINVAL;
	}
	c->op = (enum sta_cmp_op)i;
	snprintf(c->value, sizeof(c->value), "%s", c->argv[2]);
	return 0;
}

static int parse_wait(struct sta_cmd *c, char *err, size_t errlen)
{
	int i;

	snprintf(c->name, sizeof(c->name), "%s", c->argv[0]);
	c->ms = STA_WAIT_DEFAULT_MS;
	for (i = 1; i < c->argc; i++) {
		if (strchr(c->argv[i], '=')) {
			if (c->n_kv == STA_CMD_MAX_KV) {
				set_err(err, errlen, "wait: too many filters");
				return -EINVAL;
			}
			if (parse_kv(c->argv[i], &c->kv[c->n_kv]) < 0) {
				set_err(err, errlen, "wait: bad filter '%s'", c->argv[i]);
				return -EINVAL;
			}
			c->n_kv++;
		} else if (i == c->argc - 1) {
			if (sta_parse_duration(c->argv[i], &c->ms) < 0) {
				set_err(err, errlen, "wait: bad timeout '%s'", c->argv[i]);
				return -EINVAL;
			}
		} else {
			set_err(err, errlen, "wait: expected key=value, got '%s'", c->argv[i]);
			return -EINVAL;
		}
	}
	return 0;
}

int sta_cmd_parse(const char *line, struct sta_cmd *cmd, char *err, size_t errlen)
{
	char tok[STA_CMD_MAX_ARGS + 1][STA_CMD_ARG_LEN];
	const struct cmd_def *d = NULL;
	const char *p;
	size_t i;
	int n;

	memset(cmd, 0, sizeof(*cmd));
	while (isspace((unsigned char)*line))
		line++;
	if (!*line || *line == '#')
		return 1;
	/* "log" keeps the rest of the line verbatim. */
	if (!strncmp(line, "log", 3) && (!line[3] || isspace((unsigned char)line[3]))) {
		cmd->type = STA_CMD_LOG;
		p = line + 3;
		while (isspace((unsigned char)*p))
			p++;
		snprintf(cmd->text, sizeof(cmd->text), "%s", p);
		n = (int)strlen(cmd->text);
		while (n > 0 && isspace((unsigned char)cmd->text[n - 1]))
			cmd->text[--n] = '\0';
		return 0;
	}
	n = tokenize(line, tok, STA_CMD_MAX_ARGS + 1, err, errlen);
	if (n < 0)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(cmd_defs); i++)
		if (!strcmp(tok[0], cmd_defs[i].name))
			d = &cmd_defs[i];
	if (!d) {
		set_err(err, errlen, "unknown command '%s' (try help)", tok[0]);
		return -EINVAL;
	}
	cmd->type = d->type;
	cmd->argc = n - 1;
	if (cmd->argc < d->min_args || cmd->argc > d->max_args) {
		set_err(err, errlen, "%s: wrong number of arguments; usage: %s",
			d->name, d->usage);
		return -EINVAL;
	}
	for (n = 0; n < cmd->argc; n++)
		memcpy(cmd->argv[n], tok[n + 1], STA_CMD_ARG_LEN);

	switch (cmd->type) {
	case STA_CMD_ROAM:
		if (mac_parse(cmd->argv[0], cmd->bssid) < 0) {
			set_err(err, errlen, "roam: '%s' is not a BSSID", cmd->argv[0]);
			return -EINVAL;
		}
		break;
	case STA_CMD_SLEEP:
		if (sta_parse_duration(cmd->argv[0], &cmd->ms) < 0) {
			set_err(err, errlen, "sleep: bad duration '%s'", cmd->argv[0]);
			return -EINVAL;
		}
		break;
	case STA_CMD_WAIT:
		return parse_wait(cmd, err, errlen);
	case STA_CMD_EXPECT:
		return parse_expect(cmd, err, errlen);
	case STA_CMD_SET:
		snprintf(cmd->name, sizeof(cmd->name), "%s", cmd->argv[0]);
		snprintf(cmd->value, sizeof(cmd->value), "%s", cmd->argv[1]);
		break;
	case STA_CMD_FAULT:
		if (!strcmp(cmd->argv[0], "clear")) {
			cmd->type = STA_CMD_FAULT_CLEAR;
			if (cmd->argc > 2) {
				set_err(err, errlen, "fault clear: at most one name");
				return -EINVAL;
			}
			if (cmd->argc == 2)
				snprintf(cmd->name, sizeof(cmd->name), "%s", cmd->argv[1]);
		} else {
			snprintf(cmd->name, sizeof(cmd->name), "%s", cmd->argv[0]);
		}
		break;
	case STA_CMD_CONNECT:
		if (cmd->argc)
			snprintf(cmd->name, sizeof(cmd->name), "%s", cmd->argv[0]);
		break;
	case STA_CMD_SCAN:
		for (n = 0; n < cmd->argc; n++) {
			const char *a = cmd->argv[n];

			if (strcmp(a, "passive") && strncmp(a, "freq=", 5) &&
			    strncmp(a, "ssid=", 5)) {
				set_err(err, errlen, "scan: unknown argument '%s'", a);
				return -EINVAL;
			}
		}
		break;
	case STA_CMD_SCAN_RESULTS:
	case STA_CMD_DISCONNECT:
	case STA_CMD_RECONNECT:
	case STA_CMD_STATUS:
	case STA_CMD_SIGNAL_POLL:
	case STA_CMD_FAULT_CLEAR:
	case STA_CMD_LOG:
	case STA_CMD_HELP:
	case STA_CMD_PING:
	case STA_CMD_LIST_NETWORKS:
	case STA_CMD_TERMINATE:
		break;
	}
	return 0;
}

void sta_event_init(struct sta_event *ev, const char *name, uint64_t t_us)
{
	memset(ev, 0, sizeof(*ev));
	snprintf(ev->name, sizeof(ev->name), "%s", name);
	ev->t_us = t_us;
}

void sta_event_add(struct sta_event *ev, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (ev->n_kv == STA_EVENT_MAX_KV)
		return;
	snprintf(ev->kv[ev->n_kv].key, sizeof(ev->kv[0].key), "%s", key);
	va_start(ap, fmt);
	vsnprintf(ev->kv[ev->n_kv].val, sizeof(ev->kv[0].val), fmt, ap);
	va_end(ap);
	ev->n_kv++;
}

const char *sta_event_get(const struct sta_event *ev, const char *key)
{
	size_t i;

	if (!strcmp(key, "t")) {
		static char t[24];

		snprintf(t, sizeof(t), "%llu", (unsigned long long)ev->t_us);
		return t;
	}
	for (i = 0; i < ev->n_kv; i++)
		if (!strcmp(ev->kv[i].key, key))
			return ev->kv[i].val;
	return NULL;
}

int sta_event_format(const struct sta_event *ev, char *buf, size_t len)
{
	size_t i, off;

	off = (size_t)snprintf(buf, len, "EVENT %s t=%llu", ev->name,
			       (unsigned long long)ev->t_us);
	for (i = 0; i < ev->n_kv && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, " %s=%s",
					ev->kv[i].key, ev->kv[i].val);
	return (int)(off < len ? off : len - 1);
}

bool sta_event_matches(const struct sta_event *ev, const struct sta_cmd *wait)
{
	size_t i;

	if (strcasecmp(ev->name, wait->name))
		return false;
	for (i = 0; i < wait->n_kv; i++) {
		const char *v = sta_event_get(ev, wait->kv[i].key);

		if (!v || !sta_cmp_eval(v, STA_CMP_EQ, wait->kv[i].val))
			return false;
	}
	return true;
}

struct sta_script *sta_script_parse(const char *name, const char *text,
				    char *err, size_t errlen)
{
	struct sta_script *s;
	const char *p = text;
	char line[1024], e[256];
	int lineno = 0;

	s = calloc(1, sizeof(*s));
	if (!s)
		goto oom;
	snprintf(s->path, sizeof(s->path), "%s", name);
	while (*p) {
		size_t n = strcspn(p, "\n");
		struct sta_cmd cmd;
		int r;

		lineno++;
		if (n >= sizeof(line)) {
			set_err(err, errlen, "%s:%d: line too long", name, lineno);
			goto fail;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p += n;
		if (*p == '\n')
			p++;
		r = sta_cmd_parse(line, &cmd, e, sizeof(e));
		if (r < 0) {
			set_err(err, errlen, "%s:%d: %s", name, lineno, e);
			goto fail;
		}
		if (r > 0)
			continue;
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 8;
			struct sta_script_line *nl;

			nl = realloc(s->lines, cap * sizeof(*nl));
			if (!nl)
				goto oom;
			s->lines = nl;
			s->cap = cap;
		}
		s->lines[s->n].line = lineno;
		s->lines[s->n].cmd = cmd;
		s->n++;
	}
	return s;
oom:
	set_err(err, errlen, "%s: out of memory", name);
fail:
	sta_script_free(s);
	return NULL;
}

struct sta_script *sta_script_load(const char *path, char *err, size_t errlen)
{
	struct sta_script *s = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		set_err(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (getdelim(&text, &len, '\0', f) < 0 && !feof(f)) {
		set_err(err, errlen, "%s: read error", path);
		goto cleanup;
	}
	s = sta_script_parse(path, text ? text : "", err, errlen);
cleanup:
	free(text);
	fclose(f);
	return s;
}

void sta_script_free(struct sta_script *s)
{
	if (!s)
		return;
	free(s->lines);
	free(s);
}
