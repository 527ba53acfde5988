// SPDX-License-Identifier: MIT
/* ctl.c: command execution and the script runner. */
#include "ctl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "util.h"

#define TAG "ctl"

static int parse_freqs(const char *list, uint32_t *freqs, size_t max, size_t *n)
{
	char buf[STA_CMD_ARG_LEN], *save = NULL, *w;

	snprintf(buf, sizeof(buf), "%s", list);
	*n = 0;
	for (w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		char *end;
		unsigned long f = strtoul(w, &end, 10);

		if (*end || end == w || f < 2000 || f > 8000 || *n == max)
			return -EINVAL;
		freqs[(*n)++] = (uint32_t)f;
	}
	return *n ? 0 : -EINVAL;
}

int sta_ctl_exec(struct sta *s, const struct sta_cmd *cmd, char *reply, size_t len)
{
	uint32_t freqs[32];
	size_t nf = 0;
	const char *ssid = NULL;
	bool passive = false;
	char v[256];
	int32_t sig;
	int i, ret = 0;

	reply[0] = '\0';
	switch (cmd->type) {
	case STA_CMD_SCAN:
		for (i = 0; i < cmd->argc; i++) {
			const char *a = cmd->argv[i];

			if (!strcmp(a, "passive")) {
				passive = true;
			} else if (!strncmp(a, "ssid=", 5)) {
				ssid = a + 5;
			} else if (parse_freqs(a + 5, freqs, ARRAY_SIZE(freqs), &nf) < 0) {
				snprintf(reply, len, "bad frequency list '%s'", a + 5);
				return -EINVAL;
			}
		}
		return sta_scan(s, freqs, nf, passive, ssid, reply, len);
	case STA_CMD_SCAN_RESULTS:
		return sta_scan_results(s, reply, len);
	case STA_CMD_LIST_NETWORKS:
		return sta_list_networks(s, reply, len);
	case STA_CMD_TERMINATE:
		/* the reply goes out first; the program then ends as on SIGTERM */
		log_info(TAG, "%s: terminate requested", s->ifname);
		loop_quit(s->loop, 0);
		return 0;
	case STA_CMD_CONNECT:
		return sta_connect(s, cmd->argc ? cmd->name : NULL, reply, len);
	case STA_CMD_DISCONNECT:
		return sta_disconnect(s);
	case STA_CMD_RECONNECT:
		return sta_reconnect(s, reply, len);
	case STA_CMD_ROAM:
		return sta_roam_to(s, cmd->bssid, reply, len);
	case STA_CMD_STATUS:
		return sta_status(s, reply, len);
	case STA_CMD_SIGNAL_POLL:
		ret = sta_signal_poll(s, &sig);
		if (ret < 0) {
			snprintf(reply, len, "signal_poll: %s", strerror(-ret));
			return ret;
		}
		snprintf(reply, len, "RSSI=%d\n", sig / 100);
		return 0;
	case STA_CMD_SET:
		return sta_set_knob(s, cmd->name, cmd->value, reply, len);
	case STA_CMD_FAULT: {
		const char *args[STA_CMD_MAX_ARGS];

		for (int i = 1; i < cmd->argc && i < STA_CMD_MAX_ARGS; i++)
			args[i - 1] = cmd->argv[i];
		ret = hs_fault_set(&s->faults, HS_ROLE_SUPPLICANT, cmd->name, cmd->argc - 1,
				   args, reply, len);
		if (ret < 0)
			return ret;
		log_info(TAG, "%s: fault %s armed (faults: %s)", s->ifname, cmd->name,
			 hs_fault_list(&s->faults, v, sizeof(v)));
		return 0;
	}
	case STA_CMD_FAULT_CLEAR:
		if (hs_fault_clear(&s->faults, cmd->name) < 0) {
			snprintf(reply, len, "unknown fault '%s'", cmd->name);
			return -EINVAL;
		}
		log_info(TAG, "%s: fault clear %s (faults: %s)", s->ifname,
			 cmd->name[0] ? cmd->name : "all",
			 hs_fault_list(&s->faults, v, sizeof(v)));
		return 0;
	case STA_CMD_EXPECT:
		if (!sta_status_get(s, cmd->name, v, sizeof(v))) {
			snprintf(reply, len, "expect: unknown status key '%s'", cmd->name);
			return -EINVAL;
		}
		if (!sta_cmp_eval(v, cmd->op, cmd->value)) {
			snprintf(reply, len, "expect %s %s %s: %s is %s", cmd->name,
				 sta_cmp_op_str(cmd->op), cmd->value, cmd->name, v);
			return -EDOM;
		}
		return 0;
	case STA_CMD_LOG:
		log_info(TAG, "%s", cmd->text);
		return 0;
	case STA_CMD_HELP:
		snprintf(reply, len, "%s", cmd->argc && !strcmp(cmd->argv[0], "faults") ?
			 hs_fault_help(HS_ROLE_SUPPLICANT) : sta_cmd_help());
		return 0;
	case STA_CMD_PING:
		snprintf(reply, len, "PONG\n");
		return 0;
	case STA_CMD_WAIT:
	case STA_CMD_SLEEP:
		snprintf(reply, len, "%s only works in scripts (use roamlab ctl -a for events)",
			 sta_cmd_name(cmd->type));
		return -EAGAIN;
	}
	return -EINVAL;
}

/* --- script runner ------------------------------------------------------- */

static void run_steps(struct sta_script_run *r);

static void finish(struct sta_script_run *r, int status)
{
	r->done = true;
	r->waiting = false;
	r->status = status;
	if (r->timer) {
		loop_timer_cancel(r->loop, r->timer);
		r->timer = NULL;
	}
	if (status)
		fprintf(r->out, "FAIL %s\n", r->fail);
	else
		fprintf(r->out, "SCRIPT %s: done\n", r->script->path);
	fflush(r->out);
	if (r->on_done)
		r->on_done(r, r->on_done_ctx);
}

static void fail_line(struct sta_script_run *r, const struct sta_script_line *ln,
		      const char *why)
{
	snprintf(r->fail, sizeof(r->fail), "%.256s:%d: %.600s", r->script->path, ln->line,
		 why);
	log_err(TAG, "%s", r->fail);
	finish(r, 1);
}

static void timer_cb(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta_script_run *r = ctx;
	const struct sta_script_line *ln = &r->script->lines[r->pc];
	char why[256];

	r->timer = NULL;
	r->waiting = false;
	if (ln->cmd.type == STA_CMD_WAIT) {
		snprintf(why, sizeof(why), "wait %s: timed out after %llu ms", ln->cmd.name,
			 (unsigned long long)ln->cmd.ms);
		fail_line(r, ln, why);
		return;
	}
	r->pc++;
	run_steps(r);
}

static void resume_cb(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta_script_run *r = ctx;

	r->timer = NULL;
	r->waiting = false;
	run_steps(r);
}

/* A wait is satisfied by an event recorded since the mark. */
static bool wait_check(struct sta_script_run *r, const struct sta_cmd *w)
{
	uint64_t first = r->hist_seq > STA_EVENT_HISTORY ? r->hist_seq - STA_EVENT_HISTORY : 0;
	uint64_t i;

	if (r->mark > first)
		first = r->mark;
	for (i = first; i < r->hist_seq; i++) {
		if (sta_event_matches(&r->hist[i % STA_EVENT_HISTORY], w)) {
			r->mark = i + 1;
			return true;
		}
	}
	return false;
}

static void run_steps(struct sta_script_run *r)
{
	char reply[4096];
	int ret;

	while (!r->done && !r->waiting) {
		const struct sta_script_line *ln;

		if (r->pc >= r->script->n) {
			finish(r, 0);
			return;
		}
		ln = &r->script->lines[r->pc];
		/* wait and sleep hold the script; every other line runs now */
		if (ln->cmd.type == STA_CMD_WAIT && wait_check(r, &ln->cmd)) {
			r->pc++;
			continue;
		}
		if (ln->cmd.type == STA_CMD_WAIT || ln->cmd.type == STA_CMD_SLEEP) {
			r->waiting = true;
			r->timer = loop_timer_add(r->loop, ln->cmd.ms * 1000, timer_cb, r);
			return;
		}
		/* Events from here on belong to this command and later. */
		if (ln->cmd.type != STA_CMD_EXPECT && ln->cmd.type != STA_CMD_LOG)
			r->mark = r->hist_seq;
		ret = sta_ctl_exec(r->sta, &ln->cmd, reply, sizeof(reply));
		if (ret < 0) {
			fail_line(r, ln, reply[0] ? reply : strerror(-ret));
			return;
		}
		if (reply[0])
			fputs(reply, r->out);
		if (ln->cmd.type == STA_CMD_EXPECT)
			fprintf(r->out, "EXPECT %s:%d: ok\n", r->script->path, ln->line);
		fflush(r->out);
		r->pc++;
	}
}

void sta_script_run_init(struct sta_script_run *r, struct sta *s, struct loop *l,
			 struct sta_script *script, FILE *out)
{
	memset(r, 0, sizeof(*r));
	r->sta = s;
	r->loop = l;
	r->script = script;
	r->out = out;
}

void sta_script_run_start(struct sta_script_run *r)
{
	run_steps(r);
}

void sta_script_run_event(struct sta_script_run *r, const struct sta_event *ev)
{
	const struct sta_script_line *ln;
	char line[1024];

	r->hist[r->hist_seq % STA_EVENT_HISTORY] = *ev;
	r->hist_seq++;
	if (r->done)
		return;
	sta_event_format(ev, line, sizeof(line));
	fprintf(r->out, "%s\n", line);
	fflush(r->out);
	if (!r->waiting || r->pc >= r->script->n)
		return;
	ln = &r->script->lines[r->pc];
	if (ln->cmd.type != STA_CMD_WAIT || !wait_check(r, &ln->cmd))
		return;
	if (r->timer) {
		loop_timer_cancel(r->loop, r->timer);
		r->timer = NULL;
	}
	/* Resume from the loop, not from inside the station's callback. */
	r->pc++;
	r->timer = loop_timer_add(r->loop, 0, resume_cb, r);
}

void sta_script_run_cancel(struct sta_script_run *r)
{
	if (r->timer)
		loop_timer_cancel(r->loop, r->timer);
	r->timer = NULL;
	r->done = true;
}
