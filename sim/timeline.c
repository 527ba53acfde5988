// SPDX-License-Identifier: MIT
/* timeline.c: the lab run's machine (enum sim_run_state) and its timeline:
 * each step at its time, a timeline expect waiting for its event, the
 * settle time after the last step, and the end (judged). It starts and
 * stops nodes only through struct sim_run_ops, so it runs without radios
 * or processes (the unit tests give it fakes); its time is the loop's
 * clock. */
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "run.h"

#define TAG "lab"
#define SETTLE_US 1000000	/* after the last step, before judging */

static void advance(struct sim_run *r);

const char *sim_run_state_name(enum sim_run_state st)
{
	switch (st) {
	case SIM_RUN_SETUP:
		return "SETUP";
	case SIM_RUN_STEPPING:
		return "STEPPING";
	case SIM_RUN_EXPECTING:
		return "EXPECTING";
	case SIM_RUN_SETTLING:
		return "SETTLING";
	case SIM_RUN_DONE:
		return "DONE";
	}
	return "?";
}

/* The one place the run's state changes: logged, and a "run-state" event. */
static void run_enter_state(struct sim_run *r, enum sim_run_state st)
{
	log_dbg(TAG, "run %s -> %s", sim_run_state_name(r->state), sim_run_state_name(st));
	sim_lab_event(r, -1, "run-state", "old=%s new=%s", sim_run_state_name(r->state),
		      sim_run_state_name(st));
	r->state = st;
}

static void end_wait(struct sim_run *r, bool ok)
{
	const struct sim_step *s = &r->t->steps[r->step];
	char what[256];
	struct sim_verdict *v;
	double took = (sim_run_rel_us(r) - r->wait_start) / 1e6;

	sim_expect_describe(r->t, &s->ex, what, sizeof(what));
	v = sim_verdict_for(r, s->line, what);
	if (v) {
		v->runs++;
		if (ok) {
			v->passes++;
			if (took > v->worst_s)
				v->worst_s = took;
		} else {
			v->ok = false;
		}
		if (!ok && !v->detail[0]) {
			const struct sim_rnode *n = s->ex.node >= 0 ? &r->nodes[s->ex.node] : NULL;

			snprintf(v->detail, sizeof(v->detail), "pass %d: not met within %.3gs%s%s",
				 s->iter ? s->iter : 1, s->ex.within_us / 1e6,
				 n && r->t->nodes[s->ex.node].role == SIM_ROLE_STA ? "; connected to " : "",
				 n && r->t->nodes[s->ex.node].role == SIM_ROLE_STA ?
				 sim_node_name(r, n->connected_ap) : "");
		}
	}
	printf("  %8.3fs line %d: %s: %s (%.3fs)\n", sim_run_rel_us(r) / 1e6, s->line, what,
	       ok ? "ok" : "FAILED", took);
	sim_lab_event(r, s->ex.node, ok ? "expect-ok" : "expect-failed", "line=%d took_ms=%.1f",
		  s->line, took * 1000);
	if (r->state == SIM_RUN_EXPECTING)
		run_enter_state(r, SIM_RUN_STEPPING);
	if (r->step_timer)
		loop_timer_cancel(r->loop, r->step_timer);
	r->step_timer = NULL;
	r->prev_end = loop_now_us(r->loop);
	r->step++;
	advance(r);
}

void sim_run_check_wait(struct sim_run *r)
{
	if (r->state != SIM_RUN_EXPECTING)
		return;
	if (sim_wait_satisfied(r, &r->t->steps[r->step].ex))
		end_wait(r, true);
}

static void on_wait_timeout(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sim_run *r = ctx;

	r->step_timer = NULL;
	sim_scan_logs(r);
	if (r->state == SIM_RUN_EXPECTING)
		end_wait(r, sim_wait_satisfied(r, &r->t->steps[r->step].ex));
}

static void exec_step(struct sim_run *r, const struct sim_step *s)
{
	struct sim_rnode *n = s->node >= 0 ? &r->nodes[s->node] : NULL;
	uint64_t now = loop_now_us(r->loop);
	const char *nm = s->node >= 0 ? r->t->nodes[s->node].name : "";
	char label[40];

	if (r->verbose || s->kind != SIM_STEP_EXPECT)
		printf("  %8.3fs line %d%s: %s %s\n", sim_run_rel_us(r) / 1e6, s->line,
		       s->iter > 1 ? " (again)" : "",
		       s->kind == SIM_STEP_START ? "start" : s->kind == SIM_STEP_STOP ? "stop" :
		       s->kind == SIM_STEP_MOVE ? "move" : s->kind == SIM_STEP_WALK ? "walk" :
		       s->kind == SIM_STEP_TXPOWER ? "txpower" : s->kind == SIM_STEP_RULE ? "rule" :
		       s->kind == SIM_STEP_RULES_CLEAR ? "rules clear" : s->kind == SIM_STEP_CTL ?
		       "ctl" : s->kind == SIM_STEP_LOG ? "log" : "expect", nm);
	fflush(stdout);
	switch (s->kind) {
	case SIM_STEP_START:
		r->ops->start_node(r, s->node);
		snprintf(label, sizeof(label), "start %s", nm);
		for (size_t i = 0; i < r->t->n_nodes; i++)
			if (r->t->nodes[i].role == SIM_ROLE_STA)
				sim_mark_add(&r->nodes[i], sim_run_rel_us(r), "start", label);
		break;
	case SIM_STEP_STOP:
		r->ops->stop_node(r, s->node);
		snprintf(label, sizeof(label), "stop %s", nm);
		for (size_t i = 0; i < r->t->n_nodes; i++)
			if (r->t->nodes[i].role == SIM_ROLE_STA)
				sim_mark_add(&r->nodes[i], sim_run_rel_us(r), "stop", label);
		break;
	case SIM_STEP_MOVE:
		sim_motion_move(&r->m->radios[n->mradio].motion, now, s->pts[0].x, s->pts[0].y);
		sim_lab_event(r, s->node, "move", "x=%g y=%g", s->pts[0].x, s->pts[0].y);
		break;
	case SIM_STEP_WALK:
		sim_motion_walk(&r->m->radios[n->mradio].motion, now, s->pts, s->npts, s->speed);
		sim_lab_event(r, s->node, "walk", "to=%g,%g speed=%g points=%zu",
			  s->pts[s->npts - 1].x, s->pts[s->npts - 1].y, s->speed, s->npts);
		break;
	case SIM_STEP_TXPOWER:
		r->m->radios[n->mradio].txpower_dbm = s->value;
		sim_lab_event(r, s->node, "txpower", "dbm=%g", s->value);
		break;
	case SIM_STEP_RULE:
		sim_rules_add(&r->m->rules, &s->rule);
		sim_lab_event(r, -1, "rule", "line=%d action=%s count=%d", s->line,
			  sim_rule_action_name(s->rule.action), s->rule.count);
		break;
	case SIM_STEP_RULES_CLEAR:
		sim_rules_clear(&r->m->rules);
		sim_lab_event(r, -1, "rules-clear", "line=%d", s->line);
		break;
	case SIM_STEP_CTL:
		if (sim_evsock_send(&n->ev, s->text))
			printf("  %8.3fs line %d: ctl %s: not connected to its control socket\n",
			       sim_run_rel_us(r) / 1e6, s->line, nm);
		sim_record(r, s->node, "ctl", "command", s->text);
		break;
	case SIM_STEP_LOG:
		sim_lab_event(r, -1, "log", "%s", s->text);
		break;
	case SIM_STEP_EXPECT:
		run_enter_state(r, SIM_RUN_EXPECTING);
		r->wait_start = sim_run_rel_us(r);
		r->wait_base = 0;
		if (s->ex.kind == SIM_EXPECT_LOG)
			r->wait_base = sim_pat_count(r, s->ex.node, s->ex.text);
		else if (s->ex.kind == SIM_EXPECT_HANDSHAKE)
			r->wait_base = s->ex.want_ok ? n->hs_ok : n->hs_fail;
		r->step_timer = loop_timer_add(r->loop, s->ex.within_us, on_wait_timeout, r);
		break;
	}
}

static void on_step_timer(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sim_run *r = ctx;

	r->step_timer = NULL;
	advance(r);
}

static void on_settled(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sim_run *r = ctx;

	r->step_timer = NULL;
	sim_run_finish(r);
}

static void advance(struct sim_run *r)
{
	while (r->state == SIM_RUN_STEPPING && r->step < r->t->n_steps) {
		const struct sim_step *s = &r->t->steps[r->step];
		uint64_t due = s->rel ? r->prev_end + s->t_us : r->t0 + s->t_us;
		uint64_t now = loop_now_us(r->loop);

		if (due > now) {
			r->step_timer = loop_timer_add(r->loop, due - now, on_step_timer, r);
			return;
		}
		exec_step(r, s);
		if (r->state == SIM_RUN_EXPECTING) {
			sim_run_check_wait(r);
			return;
		}
		r->prev_end = due > r->prev_end ? due : r->prev_end;
		if (now > r->prev_end)
			r->prev_end = now;
		r->step++;
	}
	if (r->state != SIM_RUN_STEPPING || r->step < r->t->n_steps || r->step_timer)
		return;
	run_enter_state(r, SIM_RUN_SETTLING);
	/* after the last step: let walks end, then settle */
	uint64_t end = loop_now_us(r->loop);

	for (size_t i = 0; i < r->m->n_radios; i++) {
		uint64_t e = sim_motion_end_us(&r->m->radios[i].motion);

		if (e > end)
			end = e;
	}
	r->step_timer = loop_timer_add(r->loop, end - loop_now_us(r->loop) + SETTLE_US,
				       on_settled, r);
}

void sim_run_finish(struct sim_run *r)
{
	bool expecting = r->state == SIM_RUN_EXPECTING;

	if (r->state == SIM_RUN_DONE)
		return;
	sim_scan_logs(r);
	sim_gap_finish(r);
	sim_sample_signals(r);
	run_enter_state(r, SIM_RUN_DONE);
	r->prev_end = loop_now_us(r->loop);
	if (expecting)
		end_wait(r, false);
	sim_judge_end(r);
	loop_quit(r->loop, 0);
}

void sim_run_begin(struct sim_run *r)
{
	run_enter_state(r, SIM_RUN_STEPPING);
	advance(r);
}
