// SPDX-License-Identifier: MIT
/* fuzz_ctrl: the control interface's line protocol without the transport.
 * The input (up to its first NUL) is
 *   - a request, run through ctrl_server_dispatch() on a server with a few
 *     test commands; the reply is checked against a reference split of the
 *     request (built-ins, argument counts, errors, and an ECHO command that
 *     returns its arguments), and
 *   - an "EVENT name t=N k=v ..." line for ctrl_event_parse(), checked
 *     against the same reference split, with ctrl_event_get() lookups and a
 *     print/parse round trip.
 * The server's socket is created once (ctrl_server_new() is the only way to
 * get a server); requests never go through it. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ctrl.h"
#include "log.h"
#include "loop.h"

/* A failed check names itself, then aborts (libFuzzer keeps the input). */
#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
			__LINE__, #c);					\
		abort();						\
	}								\
} while (0)

#define REF_MAX 64

static struct loop *loop;
static struct ctrl_server *srv;
static char dir[64];

/* Reference split, from ctrl.h: blank-separated words (blank = space, tab,
 * CR, LF); a double quote toggles quoting and is removed. Returns the word
 * count (words copied into w[]), -EINVAL on an unbalanced quote, -E2BIG
 * when a word would start beyond max. */
struct words {
	int n;
	char *w[REF_MAX];
	char *mem;
};

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int ref_split(const char *s, int max, struct words *ws)
{
	size_t len = strlen(s);
	char *out = malloc(len + REF_MAX + 1);
	size_t o = 0, i = 0;

	ws->n = 0;
	ws->mem = out;
	if (!out)
		return -ENOMEM;
	for (;;) {
		bool inq = false;

		while (i < len && blank(s[i]))
			i++;
		if (i == len)
			return ws->n;
		if (ws->n == max || ws->n == REF_MAX)
			return -E2BIG;
		ws->w[ws->n++] = out + o;
		for (; i < len && (inq || !blank(s[i])); i++) {
			if (s[i] == '"')
				inq = !inq;
			else
				out[o++] = s[i];
		}
		out[o++] = '\0';
		if (inq)
			return -EINVAL;
	}
}

static int echo_cmd(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	ctrl_reply_printf(req, "argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		ctrl_reply_printf(req, "%zu:%s\n", strlen(argv[i]), argv[i]);
	return 0;
}

static int fail_cmd(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	return argc > 1 ? ctrl_fail(req, "%s", argv[1]) : -ENOENT;
}

static int quiet_cmd(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	CHECK(ctrl_req_server(req) == srv);
	return 0;
}

static const struct ctrl_cmd cmds[] = {
	{ "ECHO", 0, -1, echo_cmd, "[args]", "reply with the arguments" },
	{ "FAILME", 0, 1, fail_cmd, "[reason]", "fail" },
	{ "RANGE", 1, 2, quiet_cmd, "<a> [b]", "one or two arguments" },
	{ "NOARGS", 0, 0, quiet_cmd, NULL, NULL },
};

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void check_echo(const char *reply, const struct words *ws)
{
	const char *p = reply;
	char *end;

	CHECK(starts(p, "argc="));
	CHECK(strtol(p + 5, &end, 10) == ws->n && *end == '\n');
	p = end + 1;
	for (int i = 0; i < ws->n; i++) {
		size_t n = strtoul(p, &end, 10);

		CHECK(*end == ':' && n == strlen(ws->w[i]));
		CHECK(memcmp(end + 1, ws->w[i], n) == 0 && end[1 + n] == '\n');
		p = end + 2 + n;
	}
	CHECK(*p == '\0');
}

static void check_request(const char *req)
{
	static char reply[CTRL_MSG_MAX + 16];
	struct words ws;
	size_t n = ctrl_server_dispatch(srv, req, reply, sizeof(reply));
	int argc = ref_split(req, CTRL_MAX_ARGS, &ws);
	const char *cmd;

	CHECK(n == strlen(reply) && n > 0 && n < CTRL_MSG_MAX);
	CHECK(reply[n - 1] == '\n');
	if (argc == -ENOMEM)
		goto out;
	if (argc == -EINVAL) {
		CHECK(strcmp(reply, "FAIL unbalanced quote\n") == 0);
		goto out;
	}
	if (argc == -E2BIG) {
		CHECK(strcmp(reply, "FAIL too many arguments\n") == 0);
		goto out;
	}
	if (argc == 0) {
		CHECK(strcmp(reply, "FAIL empty command\n") == 0);
		goto out;
	}
	cmd = ws.w[0];
	if (strcasecmp(cmd, "PING") == 0) {
		CHECK(strcmp(reply, "PONG\n") == 0);
	} else if (strcasecmp(cmd, "HELP") == 0) {
		CHECK(starts(reply, "PING - ") && strstr(reply, "\nECHO [args]"));
	} else if (strcasecmp(cmd, "ATTACH") == 0 ||
		   strcasecmp(cmd, "DETACH") == 0) {
		/* no reply address without a socket */
		CHECK(starts(reply, "FAIL "));
		CHECK(ctrl_server_num_attached(srv) == 0);
	} else if (strcasecmp(cmd, "ECHO") == 0) {
		if (starts(reply, "FAIL "))
			CHECK(strcmp(reply, "FAIL reply too long\n") == 0);
		else
			check_echo(reply, &ws);
	} else if (strcasecmp(cmd, "FAILME") == 0) {
		if (argc > 2)
			CHECK(starts(reply, "FAIL wrong number of arguments"));
		else if (argc == 2 && !ws.w[1][0])
			/* an empty reason falls back to strerror */
			CHECK(strcmp(reply, "FAIL Invalid argument\n") == 0);
		else if (argc == 2)
			/* the reason is cut to ctrl.c's 255-byte buffer */
			CHECK(starts(reply, "FAIL ") &&
			      strncmp(reply + 5, ws.w[1], n - 6) == 0 &&
			      (n - 6 == strlen(ws.w[1]) || n - 6 == 255));
		else
			CHECK(strcmp(reply, "FAIL No such file or directory\n") == 0);
	} else if (strcasecmp(cmd, "RANGE") == 0) {
		CHECK(strcmp(reply, argc == 2 || argc == 3 ? "OK\n" :
			     "FAIL wrong number of arguments; usage: RANGE <a> [b]\n") == 0);
	} else if (strcasecmp(cmd, "NOARGS") == 0) {
		CHECK(strcmp(reply, argc == 1 ? "OK\n" :
			     "FAIL wrong number of arguments; usage: NOARGS\n") == 0);
	} else {
		CHECK(starts(reply, "FAIL unknown command '"));
	}
out:
	free(ws.mem);
}

/* Print ev as a line that must parse back to the same event. */
static void check_event_roundtrip(const struct ctrl_event_msg *ev)
{
	size_t cap = 64 + strlen(ev->name) + 2;
	char *line, *p;
	struct ctrl_event_msg again;

	for (int i = 0; i < ev->nkv; i++)
		cap += strlen(ev->key[i]) + strlen(ev->val[i]) + 4;
	line = malloc(cap);
	if (!line)
		return;
	/* quotes around a whole word group its blanks; none of the parsed
	 * strings can contain a quote */
	p = line + sprintf(line, "EVENT \"%s\" t=%llu", ev->name,
			   (unsigned long long)ev->t_us);
	for (int i = 0; i < ev->nkv; i++)
		p += sprintf(p, " \"%s=%s\"", ev->key[i], ev->val[i]);
	CHECK(ctrl_event_parse(line, &again) == 0);
	CHECK(strcmp(again.name, ev->name) == 0 && again.t_us == ev->t_us &&
	      again.nkv == ev->nkv);
	for (int i = 0; i < ev->nkv; i++)
		CHECK(strcmp(again.key[i], ev->key[i]) == 0 &&
		      strcmp(again.val[i], ev->val[i]) == 0);
	free(line);
}

static void check_event(const char *text)
{
	char *line = strdup(text);
	struct ctrl_event_msg ev;
	struct words ws;
	int ret, argc;

	if (!line)
		return;
	ret = ctrl_event_parse(line, &ev);
	argc = ref_split(text, CTRL_EVENT_MAX_KV + 3, &ws);
	CHECK(ret == 0 || ret == -EINVAL);
	if (argc < 3 || strcmp(ws.w[0], "EVENT") != 0 ||
	    strncmp(ws.w[2], "t=", 2) != 0) {
		CHECK(ret == -EINVAL);
		goto out;
	}
	if (ret != 0)
		goto out;
	CHECK(strcmp(ev.name, ws.w[1]) == 0);
	CHECK(ev.nkv == argc - 3 && ev.nkv <= CTRL_EVENT_MAX_KV);
	for (int i = 0; i < ev.nkv; i++) {
		const char *w = ws.w[3 + i];
		size_t kl = strlen(ev.key[i]);
		int first = i;

		/* key=value split at the first '=' of the word */
		CHECK(kl > 0 && strchr(ev.key[i], '=') == NULL);
		CHECK(strncmp(w, ev.key[i], kl) == 0 && w[kl] == '=' &&
		      strcmp(w + kl + 1, ev.val[i]) == 0);
		/* lookups give the first value for a key */
		for (int j = 0; j < i; j++)
			if (strcmp(ev.key[j], ev.key[i]) == 0) {
				first = j;
				break;
			}
		CHECK(ctrl_event_get(&ev, ev.key[i]) == ev.val[first]);
	}
	CHECK(ctrl_event_get(&ev, "no such key") == NULL ||
	      ev.nkv > 0);
	check_event_roundtrip(&ev);
out:
	free(ws.mem);
	free(line);
}

static void cleanup(void)
{
	ctrl_server_free(srv);
	loop_free(loop);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* FUZZ_LOG=1 shows the log (to see why an input is rejected) */
	if (!getenv("FUZZ_LOG")) {
		log_set_level(LOG_LVL_ERROR);
		log_open_file("/dev/null");
	}
	snprintf(dir, sizeof(dir), "%s", "/tmp/roamlab-fuzz-ctrl.XXXXXX");
	loop = loop_new();
	if (!loop || !mkdtemp(dir)) {
		fprintf(stderr, "fuzz_ctrl: cannot set up a loop/dir\n");
		exit(1);
	}
	srv = ctrl_server_new(loop, dir, "fuzz", cmds,
			      sizeof(cmds) / sizeof(cmds[0]), NULL);
	if (!srv) {
		fprintf(stderr, "fuzz_ctrl: cannot create the server\n");
		exit(1);
	}
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size > CTRL_MSG_MAX)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';	/* a datagram is handled up to its first NUL */
	check_request(text);
	check_event(text);
	free(text);
	return 0;
}
