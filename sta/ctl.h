/* SPDX-License-Identifier: MIT */
/* ctl.h: executes the command language (cmd.h) against a struct sta, for
 * the control socket and for -s scripts. The script runner steps through a
 * parsed script on the loop: wait and sleep suspend it, a failed expect, a
 * failed command or a timed-out wait ends it with status 1 naming the line. */
#ifndef ROAMLAB_STA_CTL_H
#define ROAMLAB_STA_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd.h"
#include "sme.h"

struct loop_timer;

/* Run one immediate command. Returns 0 with the reply text in reply (may be
 * empty for plain OK) or -errno with the reason in reply. WAIT and SLEEP are
 * not immediate: -EAGAIN ("only in scripts"). */
int sta_ctl_exec(struct sta *s, const struct sta_cmd *cmd, char *reply, size_t len);

#define STA_EVENT_HISTORY 128

struct sta_script_run {
	struct sta *sta;
	struct loop *loop;
	struct sta_script *script;
	FILE *out;			/* events and replies (stdout) */
	size_t pc;			/* next line index */
	bool waiting;			/* in a wait or sleep */
	bool done;
	int status;			/* exit status once done */
	char fail[1024];		/* why it failed */
	struct loop_timer *timer;
	/* Event history, so a wait also sees events that happened since
	 * the previous command was issued. */
	struct sta_event hist[STA_EVENT_HISTORY];
	uint64_t hist_seq;		/* events recorded so far */
	uint64_t mark;			/* first event a wait may match */
	void (*on_done)(struct sta_script_run *r, void *ctx);
	void *on_done_ctx;
};

/* Does not take ownership of script. */
void sta_script_run_init(struct sta_script_run *r, struct sta *s, struct loop *l,
			 struct sta_script *script, FILE *out);
/* Starts (runs until the first wait/sleep or the end). */
void sta_script_run_start(struct sta_script_run *r);
/* Feed every station event. */
void sta_script_run_event(struct sta_script_run *r, const struct sta_event *ev);
void sta_script_run_cancel(struct sta_script_run *r);

#endif
