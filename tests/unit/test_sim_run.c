// SPDX-License-Identifier: MIT
/* The lab run without radios or daemons: the run's machine and timeline
 * (sim/timeline.c) on a fake clock with fake node start/stop; the event
 * record (sim/labevent.c) in memory and in events.jsonl; what node events
 * say about a station (sim/node_events.c); the ping-log reader, the loss
 * and the roam data gap (sim/pings.c, sim/datagap.c) on good and malformed
 * logs; and the expectation engine's verdicts (sim/expect.c) on
 * constructed event sequences. Assertions are on event records (name,
 * node, key=value fields) and verdict fields, never on printed text. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../sim/run.h"
#include "loop.h"
#include "unit.h"
#include "util.h"

#define WALL0_US 1767225600000000ull	/* 2026-01-01 00:00 UTC */
#define T0_US 5000000ull

static uint64_t fake_now;

static uint64_t clock_fn(void *ctx) { return fake_now; }

/* ---- a run without the lab: fake start/stop, a temp output dir ---- */

static struct {
	int node[16];
	uint64_t t_us[16];	/* run-relative */
	int n;
} starts, stops;

static int fake_start(struct sim_run *r, int node)
{
	starts.node[starts.n] = node;
	starts.t_us[starts.n++] = sim_run_rel_us(r);
	r->nodes[node].running = true;
	return 0;
}

static void fake_stop(struct sim_run *r, int node)
{
	stops.node[stops.n] = node;
	stops.t_us[stops.n++] = sim_run_rel_us(r);
	r->nodes[node].running = false;
}

static const struct sim_run_ops fake_ops = {
	.start_node = fake_start,
	.stop_node = fake_stop,
};

static const char *nodes_text =
	"ap  ap1 pos=0,0  ssid=roaming channel=1 wpa=2 wpa_passphrase=bonewish\n"
	"ap  ap2 pos=20,0 ssid=roaming channel=1 wpa=2 wpa_passphrase=bonewish state=down\n"
	"sta sta1 pos=5,0 ssid=roaming psk=bonewish\n";
enum { AP1, AP2, STA1 };

static struct sim_run *lab_new(const char *steps)
{
	struct sim_run *r = calloc(1, sizeof(*r));
	char text[4096], err[512] = "", path[600];

	ck_assert_ptr_nonnull(r);
	snprintf(text, sizeof(text), "%s%s", nodes_text, steps);
	r->t = sim_topo_parse("t.topo", text, err, sizeof(err));
	ck_assert_msg(r->t != NULL, "%s", err);
	r->loop = loop_new();
	ck_assert_ptr_nonnull(r->loop);
	fake_now = T0_US;
	loop_set_clock(r->loop, clock_fn, NULL);
	r->ops = &fake_ops;
	r->t0 = T0_US;
	r->prev_end = T0_US;
	r->wall0_us = WALL0_US;
	r->state = SIM_RUN_SETUP;
	snprintf(r->out, sizeof(r->out), "/tmp/roamlab-test-sim-run-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(r->out));
	snprintf(path, sizeof(path), "%s/events.jsonl", r->out);
	r->events = fopen(path, "w");
	ck_assert_ptr_nonnull(r->events);
	r->m = sim_medium_new(r->loop, &r->t->model, 1, NULL, NULL);
	ck_assert_ptr_nonnull(r->m);
	r->nodes = calloc(r->t->n_nodes, sizeof(*r->nodes));
	ck_assert_ptr_nonnull(r->nodes);
	for (size_t i = 0; i < r->t->n_nodes; i++) {
		struct sim_rnode *n = &r->nodes[i];
		const struct sim_node_cfg *c = &r->t->nodes[i];

		n->run = r;
		n->cfg = &r->t->nodes[i];
		n->idx = (int)i;
		n->connected_ap = -1;
		n->last_ap = -1;
		sim_evsock_init(&n->ev);
		n->mradio = sim_medium_add_radio(r->m, c->name, c->mac, c->pos.x, c->pos.y,
						 c->txpower_dbm);
		ck_assert_int_ge(n->mradio, 0);
	}
	memset(&starts, 0, sizeof(starts));
	memset(&stops, 0, sizeof(stops));
	return r;
}

static void lab_free(struct sim_run *r)
{
	DIR *d = opendir(r->out);
	struct dirent *de;
	char path[1024];

	if (r->events)
		fclose(r->events);
	sim_run_release(r);
	sim_topo_free(r->t);
	loop_free(r->loop);
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", r->out, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(r->out);
	free(r);
}

/* Move the fake clock to run-relative time rel_us and fire what is due. */
static void run_to(struct sim_run *r, uint64_t rel_us)
{
	ck_assert_uint_ge(T0_US + rel_us, fake_now);
	fake_now = T0_US + rel_us;
	loop_run_timers(r->loop);
}

/* ---- reading the event record ---- */

/* Every field of want ("k=v k2=v2", may be "") is a field of ev's text. */
static bool ev_has(const struct sim_evrec *ev, const char *want)
{
	char w[256], *save, *tok, v[160];

	snprintf(w, sizeof(w), "%s", want);
	for (tok = strtok_r(w, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');

		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		if (!sim_event_kv(ev->text, tok, v, sizeof(v)) || strcmp(v, eq + 1))
			return false;
	}
	return true;
}

/* Index of the first event from index from on of node (-3: any node) named
 * name with the fields of want; -1 if none. */
static int ev_find(const struct sim_run *r, size_t from, int node, const char *name,
		   const char *want)
{
	for (size_t i = from; i < r->n_evs; i++) {
		const struct sim_evrec *ev = &r->evs[i];

		if ((node == -3 || ev->node == node) && !strcmp(ev->name, name) &&
		    ev_has(ev, want))
			return (int)i;
	}
	return -1;
}

static int ev_count(const struct sim_run *r, int node, const char *name)
{
	int c = 0;

	for (size_t i = 0; i < r->n_evs; i++)
		c += r->evs[i].node == node && !strcmp(r->evs[i].name, name);
	return c;
}

static const char *field(const struct sim_evrec *ev, const char *key)
{
	static char v[160];

	ck_assert_msg(sim_event_kv(ev->text, key, v, sizeof(v)), "%s: no %s=", ev->name, key);
	return v;
}

/* The run-state events as "OLD>NEW OLD>NEW ...", each checked to start
 * where the one before ended (the first from SETUP). */
static const char *run_states(const struct sim_run *r)
{
	static char out[512];
	char prev[32] = "SETUP", o[32], n[32];
	size_t l = 0;

	out[0] = '\0';
	for (size_t i = 0; i < r->n_evs; i++) {
		const struct sim_evrec *ev = &r->evs[i];

		if (strcmp(ev->name, "run-state"))
			continue;
		ck_assert_int_eq(ev->node, -1);
		ck_assert(sim_event_kv(ev->text, "old", o, sizeof(o)));
		ck_assert(sim_event_kv(ev->text, "new", n, sizeof(n)));
		ck_assert_str_eq(o, prev);
		snprintf(prev, sizeof(prev), "%s", n);
		l += (size_t)snprintf(out + l, sizeof(out) - l, "%s%s>%s", l ? " " : "", o, n);
	}
	return out;
}

static const struct sim_verdict *verdict(const struct sim_run *r, int line)
{
	for (size_t i = 0; i < r->n_verdicts; i++)
		if (r->verdicts[i].line == line)
			return &r->verdicts[i];
	ck_abort_msg("no verdict for line %d", line);
	return NULL;
}

/* ---- the run's machine and timeline ---- */

/* Steps at their times (absolute and relative), a timeline expect met by
 * an event, then SETTLING for 1 s after the last step, then DONE. */
START_TEST(machine_steps_expect_settle_done)
{
	/* lines: nodes are 1-3 */
	struct sim_run *r = lab_new("at 1s start ap2\n"			/* 4 */
				    "at +500ms log hello there\n"		/* 5 */
				    "at +0s expect sta1 event CONNECTED within 2s\n"	/* 6 */
				    "at +1s stop ap1\n");			/* 7 */
	const struct sim_verdict *v;
	int i;

	ck_assert_int_eq(r->t->n_steps, 4);
	sim_run_begin(r);
	ck_assert_str_eq(run_states(r), "SETUP>STEPPING");
	ck_assert_int_eq(r->state, SIM_RUN_STEPPING);
	ck_assert_int_eq(starts.n, 0);
	run_to(r, 999999);
	ck_assert_int_eq(starts.n, 0);
	run_to(r, 1000000);
	ck_assert_int_eq(starts.n, 1);
	ck_assert_int_eq(starts.node[0], AP2);
	ck_assert_uint_eq(starts.t_us[0], 1000000);
	ck_assert_int_eq(ev_find(r, 0, -1, "log", ""), -1);
	run_to(r, 1500000);
	i = ev_find(r, 0, -1, "log", "");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(r->evs[i].text, "hello there");
	ck_assert_uint_eq(r->evs[i].t_us, 1500000);
	/* the expect at +0s began at once and waits */
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	ck_assert_str_eq(run_states(r), "SETUP>STEPPING STEPPING>EXPECTING");
	sim_run_check_wait(r);
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	/* an event of another node, or one from before the wait, is not it */
	run_to(r, 1700000);
	sim_record(r, STA1, "ctrl", "DISCONNECTED", "bssid=02:52:4c:00:00:01");
	sim_record(r, AP1, "ctrl", "CONNECTED", "");
	sim_run_check_wait(r);
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	run_to(r, 1800000);
	sim_record(r, STA1, "ctrl", "CONNECTED", "bssid=02:52:4c:00:00:01");
	sim_run_check_wait(r);
	ck_assert_int_eq(r->state, SIM_RUN_STEPPING);
	i = ev_find(r, 0, STA1, "expect-ok", "line=6");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(field(&r->evs[i], "took_ms"), "300.0");
	ck_assert_int_eq(ev_find(r, 0, -3, "expect-failed", ""), -1);
	/* the timeout of the met expect is gone: nothing fires at 3.5 s */
	ck_assert_int_eq(stops.n, 0);
	run_to(r, 2799999);
	ck_assert_int_eq(stops.n, 0);
	run_to(r, 2800000);		/* +1s after the expect ended */
	ck_assert_int_eq(stops.n, 1);
	ck_assert_int_eq(stops.node[0], AP1);
	ck_assert_int_eq(r->state, SIM_RUN_SETTLING);
	run_to(r, 3799999);
	ck_assert_int_eq(r->state, SIM_RUN_SETTLING);
	run_to(r, 3800000);
	ck_assert_int_eq(r->state, SIM_RUN_DONE);
	ck_assert_str_eq(run_states(r), "SETUP>STEPPING STEPPING>EXPECTING "
			 "EXPECTING>STEPPING STEPPING>SETTLING SETTLING>DONE");
	v = verdict(r, 6);
	ck_assert(v->ok);
	ck_assert_uint_eq(v->runs, 1);
	ck_assert_uint_eq(v->passes, 1);
	ck_assert_double_eq_tol(v->worst_s, 0.3, 1e-9);
	/* nothing is left to fire, and a second finish changes nothing */
	ck_assert_uint_eq(loop_next_timer_us(r->loop), UINT64_MAX);
	i = (int)r->n_evs;
	sim_run_finish(r);
	ck_assert_int_eq((int)r->n_evs, i);
	lab_free(r);
}
END_TEST

/* An expect not met within its time fails (expect-failed), the verdict
 * says so, and the timeline goes on. */
START_TEST(machine_expect_times_out)
{
	struct sim_run *r = lab_new("at 0s expect sta1 connected ap1 within 2s\n"	/* 4 */
				    "at +0s start ap2\n");			/* 5 */
	const struct sim_verdict *v;
	int i;

	sim_run_begin(r);
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	run_to(r, 1999999);
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	ck_assert_int_eq(starts.n, 0);
	run_to(r, 2000000);
	i = ev_find(r, 0, STA1, "expect-failed", "line=4");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(field(&r->evs[i], "took_ms"), "2000.0");
	ck_assert_int_eq(starts.n, 1);
	ck_assert_uint_eq(starts.t_us[0], 2000000);
	ck_assert_int_eq(r->state, SIM_RUN_SETTLING);
	v = verdict(r, 4);
	ck_assert(!v->ok);
	ck_assert_uint_eq(v->runs, 1);
	ck_assert_uint_eq(v->passes, 0);
	run_to(r, 3000000);
	ck_assert_str_eq(run_states(r), "SETUP>STEPPING STEPPING>EXPECTING "
			 "EXPECTING>STEPPING STEPPING>SETTLING SETTLING>DONE");
	lab_free(r);
}
END_TEST

/* The deadline (or an interrupt) while an expect waits: DONE at once, the
 * expect fails, later steps never run, and the wait's timer is gone. */
START_TEST(machine_finish_while_expecting)
{
	struct sim_run *r = lab_new("at 0s expect sta1 connected ap1 within 10s\n"	/* 4 */
				    "at +0s stop ap1\n");			/* 5 */
	int done, failed;

	sim_run_begin(r);
	run_to(r, 4000000);
	sim_run_finish(r);
	ck_assert_int_eq(r->state, SIM_RUN_DONE);
	ck_assert_str_eq(run_states(r), "SETUP>STEPPING STEPPING>EXPECTING EXPECTING>DONE");
	done = ev_find(r, 0, -1, "run-state", "old=EXPECTING new=DONE");
	failed = ev_find(r, 0, STA1, "expect-failed", "line=4");
	ck_assert_int_ge(done, 0);
	ck_assert_int_gt(failed, done);
	ck_assert(!verdict(r, 4)->ok);
	run_to(r, 20000000);
	ck_assert_int_eq(stops.n, 0);
	ck_assert_str_eq(run_states(r), "SETUP>STEPPING STEPPING>EXPECTING EXPECTING>DONE");
	lab_free(r);
}
END_TEST

/* A repeated expect: one verdict, every pass counted; a walk makes the
 * settle time start when the walk ends. */
START_TEST(machine_repeat_and_walk_settle)
{
	struct sim_run *r = lab_new("repeat 3\n"
				    "  at +1s expect sta1 event PING within 1s\n"	/* 5 */
				    "end\n"
				    "at +0s walk sta1 to 10,0 speed 2.5\n");	/* 5 m: 2 s */
	const struct sim_verdict *v;

	ck_assert_int_eq(r->t->n_steps, 4);
	sim_run_begin(r);
	run_to(r, 1000000);		/* pass 1 waits */
	run_to(r, 1400000);
	sim_record(r, STA1, "ctrl", "PING", "");
	sim_run_check_wait(r);
	run_to(r, 2400000);		/* pass 2 waits: the old PING is before it */
	sim_run_check_wait(r);
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	run_to(r, 3400000);		/* pass 2 times out; pass 3 begins +1s later */
	ck_assert_int_eq(ev_count(r, STA1, "expect-failed"), 1);
	run_to(r, 4400000);
	sim_record(r, STA1, "ctrl", "ping", "");	/* event names match in any case */
	sim_run_check_wait(r);
	ck_assert_int_eq(ev_count(r, STA1, "expect-ok"), 2);
	v = verdict(r, 5);
	ck_assert_uint_eq(r->n_verdicts, 1);
	ck_assert_uint_eq(v->runs, 3);
	ck_assert_uint_eq(v->passes, 2);
	ck_assert(!v->ok);
	/* the walk began at 4.4 s and ends at 6.4 s; settling lasts 1 s more */
	ck_assert_int_ge(ev_find(r, 0, STA1, "walk", "to=10,0 speed=2.5"), 0);
	ck_assert_int_eq(r->state, SIM_RUN_SETTLING);
	run_to(r, 7399999);
	ck_assert_int_eq(r->state, SIM_RUN_SETTLING);
	run_to(r, 7400000);
	ck_assert_int_eq(r->state, SIM_RUN_DONE);
	lab_free(r);
}
END_TEST

/* ---- the event record ---- */

/* A minimal reader of events.jsonl's flat objects: "key":"string" and
 * "key":number; strings unescaped. Returns the number of keys. */
struct jfield {
	char key[16];
	char val[600];
	bool str;
};

static int json_parse(const char *s, struct jfield *f, int max)
{
	int n = 0;

	ck_assert_int_eq(*s++, '{');
	while (*s && *s != '}') {
		struct jfield *j = &f[n];
		size_t k = 0, l = 0;

		ck_assert_int_lt(n, max);
		ck_assert_int_eq(*s++, '"');
		while (*s && *s != '"')
			j->key[k++] = *s++;
		j->key[k] = '\0';
		ck_assert_int_eq(*s++, '"');
		ck_assert_int_eq(*s++, ':');
		j->str = *s == '"';
		if (j->str) {
			s++;
			while (*s && *s != '"') {
				char c = *s++;

				if (c == '\\') {
					c = *s++;
					if (c == 'n')
						c = '\n';
					else if (c == 't')
						c = '\t';
					else if (c == 'u') {
						unsigned int u;

						ck_assert_int_eq(sscanf(s, "%4x", &u), 1);
						s += 4;
						c = (char)u;
					} else {
						ck_assert_msg(c == '"' || c == '\\', "bad escape %c", c);
					}
				} else {
					ck_assert_msg((unsigned char)c >= 0x20, "raw control character");
				}
				j->val[l++] = c;
			}
			ck_assert_int_eq(*s++, '"');
		} else {
			while (*s && *s != ',' && *s != '}')
				j->val[l++] = *s++;
		}
		j->val[l] = '\0';
		n++;
		if (*s == ',')
			s++;
	}
	ck_assert_int_eq(*s, '}');
	ck_assert_str_eq(s + 1, "\n");
	return n;
}

static const struct jfield *jget(const struct jfield *f, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(f[i].key, key))
			return &f[i];
	ck_abort_msg("no \"%s\" in the event", key);
	return NULL;
}

/* Each record: run-relative time, node (index; name in the file), name,
 * text, in order, in memory and as one JSON object a line. */
START_TEST(record_in_memory_and_jsonl)
{
	struct sim_run *r = lab_new("");
	char path[600], line[2048], longname[80];
	struct jfield f[8];
	FILE *fp;
	int n;

	fake_now = T0_US - 1;		/* before the run's start: time 0 */
	ck_assert_uint_eq(sim_run_rel_us(r), 0);
	sim_lab_event(r, -1, "run-start", "file=%s seed=%d", "t.topo", 7);
	fake_now = T0_US + 1500000;
	sim_air_event(r, STA1, "eapol", "msg=%s from=%s", "1/4", sim_node_name(r, AP1));
	fake_now = T0_US + 2000001;
	sim_record(r, AP1, "ctrl", "AP-HS-DIAGNOSIS", "sta=x text=\"a \\ b\"\ttab\nnl\x01");
	sim_record(r, AP2, "ctl", "attached", NULL);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	sim_record(r, STA1, "ctrl", longname, "x=1");

	ck_assert_uint_eq(r->n_evs, 5);
	ck_assert_uint_eq(r->evs[0].t_us, 0);
	ck_assert_int_eq(r->evs[0].node, -1);
	ck_assert_str_eq(r->evs[0].name, "run-start");
	ck_assert(ev_has(&r->evs[0], "file=t.topo seed=7"));
	ck_assert_uint_eq(r->evs[1].t_us, 1500000);
	ck_assert_int_eq(r->evs[1].node, STA1);
	ck_assert(ev_has(&r->evs[1], "msg=1/4 from=ap1"));
	ck_assert_uint_eq(r->evs[2].t_us, 2000001);
	ck_assert_str_eq(r->evs[3].text, "");
	ck_assert_uint_eq(strlen(r->evs[4].name), sizeof(r->evs[4].name) - 1);
	ck_assert_str_eq(sim_node_name(r, AP2), "ap2");
	ck_assert_str_eq(sim_node_name(r, -1), "-");
	ck_assert_str_eq(sim_node_name(r, -2), "any");

	fclose(r->events);
	r->events = NULL;
	snprintf(path, sizeof(path), "%s/events.jsonl", r->out);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fp);
	static const char *const node[] = { "lab", "sta1", "ap1", "ap2", "sta1" };
	static const char *const src[] = { "lab", "air", "ctrl", "ctl", "ctrl" };
	static const char *const t[] = { "0.000000", "1.500000", "2.000001", "2.000001",
					 "2.000001" };

	for (int i = 0; i < 5; i++) {
		ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
		n = json_parse(line, f, 8);
		ck_assert_int_eq(n, 5);
		ck_assert(!jget(f, n, "t")->str);
		ck_assert_str_eq(jget(f, n, "t")->val, t[i]);
		ck_assert_str_eq(jget(f, n, "node")->val, node[i]);
		ck_assert_str_eq(jget(f, n, "src")->val, src[i]);
		ck_assert_str_eq(jget(f, n, "event")->val, i == 4 ? longname : r->evs[i].name);
		ck_assert_str_eq(jget(f, n, "text")->val, r->evs[i].text);
	}
	ck_assert_ptr_null(fgets(line, sizeof(line), fp));
	fclose(fp);
	lab_free(r);
}
END_TEST

/* key=value fields of an event's text: whole keys only, values up to the
 * next space, "quoted values" as one value without the quotes. */
START_TEST(event_kv_fields)
{
	const char *text = "from=ap1 to=ap2 aid=3 text=\"a b=1 c\" ssid=\"\" last=x";
	char v[32];

	ck_assert(sim_event_kv(text, "to", v, sizeof(v)));
	ck_assert_str_eq(v, "ap2");
	ck_assert(sim_event_kv(text, "from", v, sizeof(v)));
	ck_assert_str_eq(v, "ap1");
	ck_assert(!sim_event_kv(text, "a", v, sizeof(v)));	/* not "aid", not in quotes */
	ck_assert(!sim_event_kv(text, "b", v, sizeof(v)));
	ck_assert(sim_event_kv(text, "text", v, sizeof(v)));
	ck_assert_str_eq(v, "a b=1 c");
	ck_assert(sim_event_kv(text, "ssid", v, sizeof(v)));
	ck_assert_str_eq(v, "");
	ck_assert(sim_event_kv(text, "last", v, sizeof(v)));
	ck_assert_str_eq(v, "x");
	ck_assert(!sim_event_kv(text, "", v, sizeof(v)));
	ck_assert(!sim_event_kv("", "to", v, sizeof(v)));
	/* free text before the fields, an unterminated quote, a cut value */
	ck_assert(sim_event_kv("- Connection to 02:00 completed bssid=b", "bssid", v, sizeof(v)));
	ck_assert_str_eq(v, "b");
	ck_assert(sim_event_kv("k=\"open", "k", v, sizeof(v)));
	ck_assert_str_eq(v, "open");
	ck_assert(sim_event_kv("k=0123456789", "k", v, 5));
	ck_assert_str_eq(v, "0123");
}
END_TEST

/* ---- node events -> station state, and the expectations on it ---- */

static void node_ev(struct sim_run *r, uint64_t rel_us, int node, const char *name,
		    const char *fmt, ...)
{
	char rest[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rest, sizeof(rest), fmt, ap);
	va_end(ap);
	run_to(r, rel_us);
	sim_record(r, node, "ctrl", name, rest);
	sim_node_event(r, node, name, rest);
}

static const char *mac_of(struct sim_run *r, int node)
{
	static char s[2][18];
	static int k;

	k ^= 1;
	return mac_str(r->t->nodes[node].mac, s[k]);
}

/* roamlab-sta's events: connected, lost, roamed (with the event gap), a
 * failed handshake; the end-of-run expectations judge what they say. */
START_TEST(expectations_on_station_events)
{
	struct sim_run *r = lab_new("expect sta1 connected ap2\n"		/* 4 */
				    "expect sta1 connected ap1\n"		/* 5 */
				    "expect sta1 disconnected\n"		/* 6 */
				    "expect sta1 roams >= 1\n"			/* 7 */
				    "expect sta1 roams == 2\n"			/* 8 */
				    "expect sta1 handshake ok\n"		/* 9 */
				    "expect sta1 handshake fail\n"		/* 10 */
				    "expect sta1 event roam from=ap1 to=ap2\n"	/* 11 */
				    "expect sta1 event roam from=ap2\n"		/* 12 */
				    "expect sta1 events roam == 1\n"		/* 13 */
				    "expect sta1 events connected <= 0\n"	/* 14 */
				    "expect ap1 handshake ok\n"		/* 15 */
				    "expect no-key-reinstall\n");		/* 16 */
	int i;

	sim_run_begin(r);
	ck_assert_int_eq(r->state, SIM_RUN_SETTLING);
	node_ev(r, 100000, STA1, "CONNECTED", "bssid=%s ssid=\"roaming\" proto=RSN",
		mac_of(r, AP1));
	i = ev_find(r, 0, STA1, "connected", "ap=ap1");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(field(&r->evs[i], "bssid"), mac_of(r, AP1));
	ck_assert_int_eq(r->nodes[STA1].connected_ap, AP1);
	/* the same connection again is no new event */
	node_ev(r, 150000, STA1, "CONNECTED", "bssid=%s", mac_of(r, AP1));
	ck_assert_int_eq(ev_count(r, STA1, "connected"), 1);
	node_ev(r, 200000, STA1, "HANDSHAKE", "type=msg3-timeout");
	node_ev(r, 300000, STA1, "DISCONNECTED", "bssid=%s reason=3", mac_of(r, AP1));
	ck_assert_int_ge(ev_find(r, 0, STA1, "disconnected", "ap=ap1"), 0);
	/* an unknown BSSID is reported, not taken for an AP */
	node_ev(r, 400000, STA1, "CONNECTED", "bssid=02:99:99:99:99:99");
	ck_assert_int_ge(ev_find(r, 0, STA1, "connected", "ap=? bssid=02:99:99:99:99:99"), 0);
	ck_assert_int_lt(r->nodes[STA1].connected_ap, 0);
	node_ev(r, 550000, STA1, "CONNECTED", "bssid=%s", mac_of(r, AP2));
	i = ev_find(r, 0, STA1, "roam", "from=ap1 to=ap2 count=1");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(field(&r->evs[i], "event_gap_ms"), "250.0");
	/* no ping: the data gap is reported as such at once */
	i = ev_find(r, 0, STA1, "roam-gap", "from=ap1 to=ap2 count=1 data_gap_ms=no-ping");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(field(&r->evs[i], "event_gap_ms"), "250.0");
	ck_assert_int_eq(r->nodes[STA1].connected_ap, AP2);
	/* an AP's handshake events */
	node_ev(r, 600000, AP1, "AP-HS-FAILED", "sta=%s reason=timeout", mac_of(r, STA1));
	run_to(r, 1550000);
	ck_assert_int_eq(r->state, SIM_RUN_DONE);
	ck_assert(verdict(r, 4)->ok);
	ck_assert(!verdict(r, 5)->ok);
	ck_assert(!verdict(r, 6)->ok);
	ck_assert(verdict(r, 7)->ok);
	ck_assert(!verdict(r, 8)->ok);
	ck_assert(verdict(r, 9)->ok);
	ck_assert(verdict(r, 10)->ok);
	ck_assert(verdict(r, 11)->ok);
	ck_assert(!verdict(r, 12)->ok);
	ck_assert(verdict(r, 13)->ok);
	ck_assert(!verdict(r, 14)->ok);	/* there are "connected" events */
	ck_assert(!verdict(r, 15)->ok);	/* ap1 only failed */
	ck_assert(verdict(r, 16)->ok);
	for (size_t k = 0; k < r->n_verdicts; k++) {
		ck_assert_uint_eq(r->verdicts[k].runs, 1);
		ck_assert_uint_eq(r->verdicts[k].passes, r->verdicts[k].ok);
	}
	lab_free(r);
}
END_TEST

/* wpa_supplicant's and hostapd's words give the same station state. */
START_TEST(expectations_on_hostap_events)
{
	struct sim_run *r = lab_new("at 0s expect sta1 connected ap1 within 1s\n"	/* 4 */
				    "at +0s expect sta1 disconnected within 1s\n"	/* 5 */
				    "expect sta1 handshake ok\n"			/* 6 */
				    "expect sta1 handshake fail\n"			/* 7 */
				    "expect ap1 handshake ok\n");			/* 8 */

	sim_run_begin(r);
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	node_ev(r, 100000, STA1, "WPA:", "Key negotiation completed with %s [PTK=CCMP GTK=CCMP]",
		mac_of(r, AP1));
	node_ev(r, 110000, STA1, "CTRL-EVENT-CONNECTED", "- Connection to %s completed [id=0 id_str=]",
		mac_of(r, AP1));
	sim_run_check_wait(r);
	ck_assert_int_ge(ev_find(r, 0, STA1, "expect-ok", "line=4"), 0);
	ck_assert_int_eq(r->state, SIM_RUN_EXPECTING);
	node_ev(r, 200000, AP1, "EAPOL-4WAY-HS-COMPLETED", "%s", mac_of(r, STA1));
	node_ev(r, 300000, STA1, "CTRL-EVENT-DISCONNECTED", "bssid=%s reason=3", mac_of(r, AP1));
	sim_run_check_wait(r);
	ck_assert_int_ge(ev_find(r, 0, STA1, "expect-ok", "line=5"), 0);
	run_to(r, 1300000);
	ck_assert_int_eq(r->state, SIM_RUN_DONE);
	ck_assert(verdict(r, 4)->ok);
	ck_assert(verdict(r, 5)->ok);
	ck_assert(verdict(r, 6)->ok);
	ck_assert(!verdict(r, 7)->ok);
	ck_assert(verdict(r, 8)->ok);
	lab_free(r);
}
END_TEST

/* ---- ping logs ---- */

static void write_file(const char *path, const char *mode, const char *text)
{
	FILE *f = fopen(path, mode);

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A reply line at run-relative time rel_us (receive time, as ping -D). */
static const char *reply(uint64_t rel_us, int seq)
{
	static char s[8][160];
	static int k;
	uint64_t t = WALL0_US + rel_us;

	k = (k + 1) % 8;
	snprintf(s[k], sizeof(s[k]), "[%llu.%06llu] 64 bytes from 198.18.0.1: icmp_seq=%d ttl=64 "
		 "time=0.5 ms\n", (unsigned long long)(t / 1000000),
		 (unsigned long long)(t % 1000000), seq);
	return s[k];
}

START_TEST(ping_line_parse)
{
	struct sim_ping_line pl;

	ck_assert(sim_ping_line_parse(reply(1500000, 42), &pl));
	ck_assert(pl.reply);
	ck_assert(pl.has_time);
	ck_assert_int_eq(pl.seq, 42);
	ck_assert_uint_eq(pl.t_us, WALL0_US + 1500000);
	ck_assert(sim_ping_line_parse("[1767225601.000000] no answer yet for icmp_seq=7\n", &pl));
	ck_assert(!pl.reply);
	ck_assert_int_eq(pl.seq, 7);
	ck_assert(sim_ping_line_parse("64 bytes from 198.18.0.1: icmp_seq=3 ttl=64 (DUP!)\n", &pl));
	ck_assert(pl.reply);
	ck_assert(!pl.has_time);
	ck_assert_int_eq(pl.seq, 3);
	/* cut short: no number after icmp_seq= is no sequence number */
	ck_assert(!sim_ping_line_parse("[1767225601.000000] no answer yet for icmp_seq=", &pl));
	ck_assert_int_eq(pl.seq, -1);
	/* still a timed reply, without a sequence number */
	ck_assert(sim_ping_line_parse("[1767225601.000000] 64 bytes from 198.18.0.1: icmp_seq=x",
				      &pl));
	ck_assert(pl.reply);
	ck_assert(pl.has_time);
	ck_assert_int_eq(pl.seq, -1);
	/* the time needs six fraction digits */
	sim_ping_line_parse("[1767225601.5] 64 bytes from 198.18.0.1: icmp_seq=1\n", &pl);
	ck_assert(!pl.has_time);
	ck_assert(!sim_ping_line_parse("PING 198.18.0.1 (198.18.0.1) 56(84) bytes of data.\n", &pl));
	ck_assert(!sim_ping_line_parse("", &pl));
}
END_TEST

static void loss_of(const char *path, const char *text, int want_ret, double want_loss,
		    unsigned int want_sent, unsigned int want_got)
{
	double loss = -1;
	unsigned int sent = 99, got = 99;

	write_file(path, "w", text);
	ck_assert_int_eq(sim_ping_loss(path, &loss, &sent, &got), want_ret);
	ck_assert_double_eq_tol(loss, want_loss, 1e-9);
	ck_assert_uint_eq(sent, want_sent);
	ck_assert_uint_eq(got, want_got);
}

START_TEST(ping_loss_good_and_malformed)
{
	struct sim_run *r = lab_new("");
	char path[600], buf[4096];
	size_t l;
	double loss;
	unsigned int sent, got;

	snprintf(path, sizeof(path), "%s/ping.log", r->out);
	/* all ten answered */
	l = (size_t)snprintf(buf, sizeof(buf), "PING 198.18.0.1 (198.18.0.1) 56(84) bytes of data.\n");
	for (int s = 1; s <= 10; s++)
		l += (size_t)snprintf(buf + l, sizeof(buf) - l, "%s", reply(s * 10000, s));
	loss_of(path, buf, 0, 0, 10, 10);
	/* a gap: 4 and 5 never answered (no-answer lines for them) */
	l = 0;
	for (int s = 1; s <= 10; s++) {
		if (s == 4 || s == 5)
			l += (size_t)snprintf(buf + l, sizeof(buf) - l,
					      "[1767225600.500000] no answer yet for icmp_seq=%d\n", s);
		else
			l += (size_t)snprintf(buf + l, sizeof(buf) - l, "%s", reply(s * 10000, s));
	}
	loss_of(path, buf, 0, 20, 10, 8);
	/* loss counts from the first reply; the last no-answer counts too */
	snprintf(buf, sizeof(buf), "[1767225600.010000] no answer yet for icmp_seq=1\n"
		 "[1767225600.020000] no answer yet for icmp_seq=2\n%s%s"
		 "[1767225600.050000] no answer yet for icmp_seq=5\n",
		 reply(30000, 3), reply(40000, 4));
	loss_of(path, buf, 0, 100.0 / 3, 3, 2);
	/* reordered and duplicate replies count once */
	snprintf(buf, sizeof(buf), "%s%s%s%s%s", reply(10000, 1), reply(30000, 3),
		 reply(31000, 2), reply(32000, 3), reply(40000, 4));
	loss_of(path, buf, 0, 0, 4, 4);
	/* a last line cut short adds nothing; a number cut short counts no more
	 * than the real one would */
	snprintf(buf, sizeof(buf), "%s%s[1767225600.030000] 64 bytes from 198.18.0.1: icmp_seq=",
		 reply(10000, 1), reply(20000, 2));
	loss_of(path, buf, 0, 0, 2, 2);
	/* garbage, a negative and a huge sequence number are skipped */
	snprintf(buf, sizeof(buf), "%sgarbage icmp_seq=\n64 bytes from x: icmp_seq=-5\n"
		 "64 bytes from x: icmp_seq=99999999\n%s", reply(10000, 1), reply(20000, 2));
	loss_of(path, buf, 0, 0, 2, 2);
	/* no reply at all, an empty log, no log */
	loss_of(path, "[1767225600.010000] no answer yet for icmp_seq=1\n", -ENODATA, 100, 0, 0);
	loss_of(path, "", -ENODATA, 100, 0, 0);
	unlink(path);
	ck_assert_int_eq(sim_ping_loss(path, &loss, &sent, &got), -ENOENT);
	ck_assert_double_eq_tol(loss, 100, 1e-9);
	lab_free(r);
}
END_TEST

/* "expect ping" judged from the station's ping log. */
START_TEST(ping_loss_expectations)
{
	struct sim_run *r = lab_new("ping sta1 server\n"
				    "expect ping sta1 server loss<=25%\n"	/* 5 */
				    "expect ping sta1 server loss<10%\n");	/* 6 */
	char buf[2048];
	size_t l = 0;

	sim_pings_prepare(r);
	ck_assert_uint_eq(r->n_pings, 1);
	for (int s = 1; s <= 10; s++)
		if (s != 5 && s != 6)
			l += (size_t)snprintf(buf + l, sizeof(buf) - l, "%s", reply(s * 10000, s));
	write_file(r->pings[0].log, "w", buf);
	sim_run_begin(r);
	run_to(r, 1000000);
	ck_assert_int_eq(r->state, SIM_RUN_DONE);
	ck_assert(verdict(r, 5)->ok);
	ck_assert(!verdict(r, 6)->ok);
	lab_free(r);
}
END_TEST

/* A roam's data gap: the largest interval between consecutive replies
 * whose later one came after the link was lost, up to the first reply
 * after the new connection; read from the log as it grows, a partial last
 * line only once it is complete. */
START_TEST(data_gap_from_ping_log)
{
	struct sim_run *r = lab_new("ping sta1 server\n");
	static char buf[16384];
	size_t l = 0;
	int i;

	sim_pings_prepare(r);
	ck_assert_uint_eq(r->n_pings, 1);
	/* replies every 10 ms to 0.5 s, a 300 ms hole before the roam (not
	 * its gap), then every 10 ms to 1.0 s */
	for (uint64_t t = 10000; t <= 1000000; t += 10000)
		if (t <= 500000 || t >= 800000) {
			l += (size_t)snprintf(buf + l, sizeof(buf) - l, "%s", reply(t, (int)(t / 10000)));
			ck_assert_uint_lt(l, sizeof(buf));
		}
	write_file(r->pings[0].log, "w", buf);
	sim_gap_scan(r);
	/* lost at 1.005 s, connected to ap2 at 1.200 s */
	sim_gap_roam(r, STA1, AP1, AP2, 1, 1005000, 1200000);
	ck_assert(r->nodes[STA1].gap.pending);
	ck_assert_int_eq(ev_find(r, 0, STA1, "roam-gap", ""), -1);
	/* no reply during the roam; the first after it is only half written */
	snprintf(buf, sizeof(buf), "[1767225601.100000] no answer yet for icmp_seq=101\n%.40s",
		 reply(1250000, 125));
	write_file(r->pings[0].log, "a", buf);
	sim_gap_scan(r);
	ck_assert_int_eq(ev_find(r, 0, STA1, "roam-gap", ""), -1);
	write_file(r->pings[0].log, "a", reply(1250000, 125) + 40);
	sim_gap_scan(r);
	i = ev_find(r, 0, STA1, "roam-gap", "from=ap1 to=ap2 count=1");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(field(&r->evs[i], "data_gap_ms"), "250.0");
	ck_assert_str_eq(field(&r->evs[i], "event_gap_ms"), "195.0");
	ck_assert(!r->nodes[STA1].gap.pending);
	/* later replies (a duplicate too) report nothing more */
	snprintf(buf, sizeof(buf), "%s%s", reply(1260000, 126), reply(1260500, 126));
	write_file(r->pings[0].log, "a", buf);
	sim_gap_scan(r);
	ck_assert_int_eq(ev_count(r, STA1, "roam-gap"), 1);
	/* a second roam without a loss; the run ends before any reply */
	sim_gap_roam(r, STA1, AP2, AP1, 2, 0, 2000000);
	sim_gap_finish(r);
	ck_assert_int_ge(ev_find(r, 0, STA1, "roam-gap",
				 "from=ap2 to=ap1 count=2 data_gap_ms=none event_gap_ms=0.0"), 0);
	lab_free(r);
}
END_TEST

static Suite *run_suite(void)
{
	Suite *s = suite_create("sim_run");
	TCase *tc = tcase_create("machine");

	tcase_add_test(tc, machine_steps_expect_settle_done);
	tcase_add_test(tc, machine_expect_times_out);
	tcase_add_test(tc, machine_finish_while_expecting);
	tcase_add_test(tc, machine_repeat_and_walk_settle);
	suite_add_tcase(s, tc);
	tc = tcase_create("record");
	tcase_add_test(tc, record_in_memory_and_jsonl);
	tcase_add_test(tc, event_kv_fields);
	suite_add_tcase(s, tc);
	tc = tcase_create("expect");
	tcase_add_test(tc, expectations_on_station_events);
	tcase_add_test(tc, expectations_on_hostap_events);
	suite_add_tcase(s, tc);
	tc = tcase_create("pings");
	tcase_add_test(tc, ping_line_parse);
	tcase_add_test(tc, ping_loss_good_and_malformed);
	tcase_add_test(tc, ping_loss_expectations);
	tcase_add_test(tc, data_gap_from_ping_log);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(run_suite)
