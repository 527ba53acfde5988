/* SPDX-License-Identifier: MIT */
/* run.h: one run of a topology: the nodes as processes in namespaces, the
 * medium, the timeline, what was observed, and the verdict. */
#ifndef ROAMLAB_SIM_RUN_H
#define ROAMLAB_SIM_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "evsock.h"
#include "medium.h"
#include "pcap.h"
#include "pncheck.h"
#include "topo.h"

struct loop;
struct loop_timer;
struct sim_hwsim;
struct sim_medium_nl;

struct sim_sample {
	uint32_t t_ms;
	int8_t dbm;		/* -128: AP not running */
};

struct sim_mark {
	uint32_t t_ms;
	char kind[12];		/* roam, disc, conn, eapol, fail, stop, start */
	char label[40];
};

struct sim_run;

/* One roam waiting for its data gap (datagap.c). Times run-relative. */
struct sim_gap {
	bool pending;
	bool ping;		/* the STA has a ping */
	int from, to, count;
	uint64_t t0_us;		/* link lost (or connected, without a loss) */
	uint64_t tc_us;		/* connected to the new AP */
	uint64_t max_us;	/* largest reply interval so far */
	double ev_ms;		/* link lost -> connected, from events */
};

struct sim_iwd;

struct sim_rnode {
	struct sim_run *run;
	struct sim_node_cfg *cfg;
	int idx;
	int radio_id;
	int mradio;		/* medium index */
	char ifname[16];
	char ip[20];
	char conf_path[1024];
	char log_path[1024];
	char ctrl_dir[128];
	pid_t pid;
	bool running;
	struct sim_evsock ev;
	struct sim_iwd *iwd;	/* impl=iwd: its bus and monitor (iwd.c) */
	bool ev_registered;
	long log_off;		/* bytes of the log already scanned */
	/* sta state */
	int connected_ap;	/* -1 none */
	int last_ap;
	int roams;
	uint64_t lost_at_us;	/* when the last connection ended */
	struct sim_gap gap;
	unsigned int hs_ok, hs_fail;
	bool pending_init;	/* set./fault ctl commands still to send */
	/* per AP: signal samples, for the svg (STAs only) */
	struct sim_sample *samples;
	size_t n_samples, cap_samples;
	struct sim_mark *marks;
	size_t n_marks, cap_marks;
};

struct sim_evrec {
	uint64_t t_us;		/* since run start */
	int node;
	char name[48];
	char *text;
};

struct sim_logpat {
	int node;
	char text[SIM_TEXT_MAX];
	unsigned int count;
};

struct sim_verdict {
	int line;
	char what[256];
	bool ok;
	unsigned int passes, runs;
	char detail[256];
	double worst_s;		/* slowest satisfied timeline expect */
};

struct sim_ping_run {
	int sta;
	int dest;
	pid_t pid;
	char log[1024];
	long off;		/* bytes of the log read (datagap.c) */
	uint64_t last_us;	/* last reply, run-relative */
	bool have_last;
};

/* A lab run's machine: SETUP (radios, nodes) -> STEPPING (the timeline)
 * <-> EXPECTING (a timeline expect waits for its event) -> SETTLING
 * (after the last step: walks end, then a settle time) -> DONE (judged);
 * the run deadline or an interrupt goes to DONE from any state. */
enum sim_run_state {
	SIM_RUN_SETUP,
	SIM_RUN_STEPPING,
	SIM_RUN_EXPECTING,
	SIM_RUN_SETTLING,
	SIM_RUN_DONE,
};
const char *sim_run_state_name(enum sim_run_state st);

/* What the run's machine (timeline.c) asks of the lab around it: start and
 * stop a node's daemon. run.c gives the real ones; unit tests give fakes. */
struct sim_run_ops {
	int (*start_node)(struct sim_run *r, int node);
	void (*stop_node)(struct sim_run *r, int node);
};

struct sim_run {
	struct loop *loop;
	const struct sim_run_ops *ops;
	struct sim_topo *t;
	struct sim_hwsim *hw;
	struct sim_medium *m;
	struct sim_medium_nl *mn;
	struct sim_rnode *nodes;
	const char *bindir;
	char out[512];
	uint64_t seed;
	bool verbose;
	bool show_keys;
	uint64_t t0;
	uint64_t wall0_us;	/* epoch time at t0, for the capture */
	size_t step;
	uint64_t prev_end;
	enum sim_run_state state;	/* only through sim_run_enter_state() */
	uint64_t wait_start;
	unsigned int wait_base;	/* counter at wait start */
	struct loop_timer *step_timer;
	struct loop_timer *tick;
	FILE *events;
	struct sim_pcap pcap;
	struct sim_evrec *evs;
	size_t n_evs, cap_evs;
	struct sim_logpat *pats;
	size_t n_pats;
	struct sim_verdict *verdicts;
	size_t n_verdicts;
	struct sim_pncheck pn;		/* key reinstallation detector */
	struct sim_ping_run *pings;
	size_t n_pings;
	int status;
	uint64_t deadline_us;
	uint64_t frames_at_start;
};

#define RUN_DIR "/run/roamlab"
#define SERVER_IP "198.18.0.1"	/* in ds, from 198.18.0.0/15 */

/* nodes.c */
int sim_find_ifname(const char *phy, char *out, size_t len);
bool sim_is_hex64(const char *s);
int sim_write_conf(struct sim_run *r, int i);
int sim_setup_network(struct sim_run *r);
void sim_teardown_network(struct sim_run *r);

/* run.c */
/* mkdir -p; 0 or -errno */
int sim_mkdirs(const char *path);
int sim_run_file(const char *path, const char *out, uint64_t seed, bool seed_given,
		 bool verbose, bool show_keys, const char *bindir, FILE *junit_extra);

/* timeline.c: the run's machine. begin: SETUP -> STEPPING and run the
 * steps that are due; check_wait: end a timeline expect that is now
 * satisfied (after new events); finish: judge and go to DONE (the end of
 * the settle time, the deadline, an interrupt; once only). */
/* Frees what a run built: nodes, the event store, patterns, verdicts,
 * pings, the PN checker and the medium (not the topology, not the loop). */
void sim_run_release(struct sim_run *r);
void sim_run_begin(struct sim_run *r);
void sim_run_check_wait(struct sim_run *r);
void sim_run_finish(struct sim_run *r);

/* node_events.c: one event from a node's control socket (name, the text
 * after it): the station state and handshake counts of struct sim_rnode. */
void sim_node_event(struct sim_run *r, int node, const char *name, const char *rest);

/* labevent.c: time since the run's start; a node's name ("lab"/"any"/"-"
 * for the special indexes); record one event from src ("lab", "air", or
 * the node's control socket) into events.jsonl and the list. */
uint64_t sim_run_rel_us(struct sim_run *r);
const char *sim_node_name(const struct sim_run *r, int i);
void sim_record(struct sim_run *r, int node, const char *src, const char *name,
		const char *text);
void sim_lab_event(struct sim_run *r, int node, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The value of key=value (or key="quoted value") in an event's text. */
bool sim_event_kv(const char *text, const char *key, char *out, size_t len);
void sim_air_event(struct sim_run *r, int node, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* expect.c: the verdict of the expectation on this line (made on first
 * use); how many times a node's log matched a pattern; whether a timeline
 * expect is satisfied now; judge the end-of-run expectations; print the
 * verdicts. */
struct sim_verdict *sim_verdict_for(struct sim_run *r, int line, const char *what);
unsigned int sim_pat_count(struct sim_run *r, int node, const char *text);
bool sim_wait_satisfied(struct sim_run *r, const struct sim_expect *e);
void sim_judge_end(struct sim_run *r);
void sim_print_verdicts(struct sim_run *r, FILE *f);

/* pings.c: make the ping logs; start a station's pings (on connect) */
void sim_pings_prepare(struct sim_run *r);
void sim_pings_start(struct sim_run *r, int sta);
/* One line of a ping log ("ping -D -O"): a reply ("bytes from") or not,
 * its icmp_seq (-1: none or not a number), its receive time (epoch us)
 * if the line starts with "[seconds.micro6]". False if the line carries
 * neither a sequence number nor a timed reply. */
struct sim_ping_line {
	bool reply;
	bool has_time;
	long seq;
	uint64_t t_us;
};
bool sim_ping_line_parse(const char *line, struct sim_ping_line *pl);
/* Sequence numbers at or above this are ignored by sim_ping_loss(). */
#define SIM_PING_SEQ_MAX (1u << 20)
/* The loss of a ping log: of the requests from the first reply to the
 * highest icmp_seq seen, the share without a reply (duplicates and
 * reordered replies count once). 0, -ENODATA (no reply at all: loss
 * 100%) or -errno. */
int sim_ping_loss(const char *path, double *loss, unsigned int *sent, unsigned int *got);

/* sample.c: match new log lines against the log patterns; sample signals */
void sim_scan_logs(struct sim_run *r);
void sim_sample_signals(struct sim_run *r);
/* keylog.c: write keylog.txt for Wireshark */
void sim_write_keylog(struct sim_run *r);

/* datagap.c */
void sim_gap_roam(struct sim_run *r, int sta, int from, int to, int count, uint64_t lost_us,
		  uint64_t tc_us);
void sim_gap_scan(struct sim_run *r);
void sim_gap_finish(struct sim_run *r);

/* report.c */
void sim_json_str(FILE *f, const char *s);
int sim_report_junit(const struct sim_run *r, const char *path);
int sim_report_svg(const struct sim_run *r, const char *path);
void sim_mark_add(struct sim_rnode *n, uint64_t t_us, const char *kind, const char *label);

#endif
