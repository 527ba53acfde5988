// SPDX-License-Identifier: MIT
/* run.c: roamlab run. Brings up radios, namespaces, the medium and the
 * nodes' daemons, collects events from every node's control socket onto
 * one clock (node_events.c reads them), and hands the timeline to the
 * run's machine (timeline.c), which starts and stops nodes through
 * struct sim_run_ops. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exec.h"
#include "hwsim.h"
#include "iwd.h"
#include "log.h"
#include "loop.h"
#include "medium_nl.h"
#include "run.h"
#include "sim.h"

#define TAG "lab"
#define TICK_US 100000		/* mobility/signal sampling and log scan */

static void on_ctrl(struct loop *l, int fd, uint32_t events, void *ctx);

static void ctrl_try_attach(struct sim_run *r, int i)
{
	struct sim_rnode *n = &r->nodes[i];
	char remote[256], local[256];

	if (n->ev.fd >= 0 || !n->running || n->cfg->impl == SIM_IMPL_IWD)
		return;
	snprintf(remote, sizeof(remote), "%s/%s", n->ctrl_dir, n->ifname);
	snprintf(local, sizeof(local), RUN_DIR "/lab-%s.sock", r->t->nodes[i].name);
	if (sim_evsock_open(&n->ev, remote, local,
			    n->cfg->impl == SIM_IMPL_ROAMLAB ? "ATTACH roamlab" : "ATTACH"))
		return;
	if (loop_add_fd(r->loop, n->ev.fd, 1, on_ctrl, n)) {
		sim_evsock_close(&n->ev);
		return;
	}
}

static void send_init_cmds(struct sim_run *r, int i)
{
	struct sim_rnode *n = &r->nodes[i];
	struct sim_node_cfg *c = n->cfg;
	char cmd[256];

	n->pending_init = false;
	if (c->impl != SIM_IMPL_ROAMLAB || c->role != SIM_ROLE_STA)
		return;
	for (size_t k = 0; k < c->n_kv; k++) {
		if (!strncmp(c->kv[k].key, "set.", 4)) {
			snprintf(cmd, sizeof(cmd), "set %s %s", c->kv[k].key + 4, c->kv[k].value);
			sim_evsock_send(&n->ev, cmd);
			sim_record(r, i, "ctl", "command", cmd);
		} else if (!strcmp(c->kv[k].key, "fault")) {
			snprintf(cmd, sizeof(cmd), "fault %s", c->kv[k].value);
			sim_evsock_send(&n->ev, cmd);
			sim_record(r, i, "ctl", "command", cmd);
		}
	}
	/* started --idle: connect once the node's knobs and faults are set */
	sim_evsock_send(&n->ev, "connect");
	sim_record(r, i, "ctl", "command", "connect");
}

static void on_ctrl(struct loop *l, int fd, uint32_t events, void *ctx)
{
	struct sim_rnode *n = ctx;
	struct sim_run *r = n->run;
	char buf[4096];
	struct sim_dgram d;
	int ret;

	for (;;) {
		ret = sim_evsock_recv(&n->ev, buf, sizeof(buf));
		if (ret == -EAGAIN)
			break;
		if (ret < 0) {
			/* the daemon went away; reattach when it is back */
			loop_del_fd(l, fd);
			sim_evsock_close(&n->ev);
			break;
		}
		sim_dgram_parse(buf, &d);
		if (d.kind == SIM_DGRAM_REPLY) {
			if (!n->ev.attached && !strncmp(d.rest, "OK", 2)) {
				n->ev.attached = true;
				sim_record(r, n->idx, "ctl", "attached", "");
				if (n->pending_init)
					send_init_cmds(r, n->idx);
				continue;
			}
			sim_record(r, n->idx, "ctl", "reply", d.rest);
			continue;
		}
		sim_record(r, n->idx, "ctrl", d.name, d.rest);
		sim_node_event(r, n->idx, d.name, d.rest);
	}
	sim_run_check_wait(r);
}

/* ---- nodes: radios, namespaces, configuration, processes ---- */

static const char *bin(struct sim_run *r, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", r->bindir, name);
	return buf;
}

static int start_node(struct sim_run *r, int i)
{
	struct sim_rnode *n = &r->nodes[i];
	struct sim_node_cfg *c = n->cfg;
	const char *argv[16];
	char b[512];
	int a = 0;

	if (n->running)
		return 0;
	switch (c->impl) {
	case SIM_IMPL_ROAMLAB:
		if (c->role == SIM_ROLE_AP) {
			argv[a++] = bin(r, "roamlab-ap", b, sizeof(b));
			argv[a++] = "-d";
			argv[a++] = "-t";
			if (r->show_keys)
				argv[a++] = "-K";
			argv[a++] = n->conf_path;
		} else {
			argv[a++] = bin(r, "roamlab-sta", b, sizeof(b));
			argv[a++] = "-i";
			argv[a++] = n->ifname;
			argv[a++] = "-c";
			argv[a++] = n->conf_path;
			argv[a++] = "-C";
			argv[a++] = n->ctrl_dir;
			/* idle until the node's set./fault keys are applied */
			argv[a++] = "--idle";
			argv[a++] = "-d";
			argv[a++] = "-t";
			if (r->show_keys)
				argv[a++] = "-K";
		}
		break;
	case SIM_IMPL_HOSTAPD:
		argv[a++] = "hostapd";
		argv[a++] = "-t";
		if (r->verbose)
			argv[a++] = "-d";
		if (r->show_keys)
			argv[a++] = "-K";
		argv[a++] = n->conf_path;
		break;
	case SIM_IMPL_IWD:
		n->pid = sim_iwd_start(r, i);
		if (n->pid < 0)
			return (int)n->pid;
		goto started;
	case SIM_IMPL_WPA_SUPPLICANT:
		argv[a++] = "wpa_supplicant";
		argv[a++] = "-t";
		if (r->verbose)
			argv[a++] = "-d";
		if (r->show_keys)
			argv[a++] = "-K";
		argv[a++] = "-i";
		argv[a++] = n->ifname;
		argv[a++] = "-c";
		argv[a++] = n->conf_path;
		break;
	}
	argv[a] = NULL;
	n->pid = sim_spawn(c->name, n->log_path, argv);
	if (n->pid < 0) {
		log_err(TAG, "%s: cannot start %s: %s", c->name, argv[0], strerror(-n->pid));
		return (int)n->pid;
	}
started:
	n->running = true;
	n->pending_init = true;
	sim_lab_event(r, i, "started", "impl=%s pid=%d", sim_impl_name(c->impl), (int)n->pid);
	return 0;
}

static void stop_node(struct sim_run *r, int i)
{
	struct sim_rnode *n = &r->nodes[i];

	if (!n->running)
		return;
	kill(n->pid, SIGTERM);
	sim_iwd_stop(r, i);
	sim_lab_event(r, i, "stopping", "pid=%d", (int)n->pid);
	/* STAs on this AP lose the link now, whatever their daemon notices */
	for (size_t s = 0; s < r->t->n_nodes; s++)
		if (r->nodes[s].connected_ap == i && !r->nodes[s].lost_at_us)
			r->nodes[s].lost_at_us = sim_run_rel_us(r);
	n->running = false;
}

static const struct sim_run_ops lab_ops = {
	.start_node = start_node,
	.stop_node = stop_node,
};

static void on_sigchld(struct loop *l, int signo, void *ctx)
{
	struct sim_run *r = ctx;
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (size_t i = 0; i < r->t->n_nodes; i++) {
			struct sim_rnode *n = &r->nodes[i];

			if (n->pid != pid)
				continue;
			n->pid = 0;
			sim_lab_event(r, (int)i, "exited", "status=%d",
				  WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
			if (n->running) {
				printf("  %8.3fs %s: daemon exited unexpectedly (see %s)\n",
				       sim_run_rel_us(r) / 1e6, r->t->nodes[i].name, n->log_path);
				n->running = false;
			}
			if (n->ev.fd >= 0) {
				loop_del_fd(l, n->ev.fd);
				sim_evsock_close(&n->ev);
			}
		}
	}
}

/* ---- the air: capture, EAPOL marks, key reinstallation detector ---- */

static int node_of_mac(const struct sim_run *r, const uint8_t *mac)
{
	if (!mac)
		return -1;
	for (size_t i = 0; i < r->t->n_nodes; i++)
		if (mac_equal(r->t->nodes[i].mac, mac))
			return (int)i;
	return -1;
}

static void detect_reinstall(struct sim_run *r, const struct sim_air *a)
{
	if (sim_pncheck_frame(&r->pn, a->fi, !a->dropped_by_rule,
			      a->t_us > r->t0 ? (a->t_us - r->t0) / 1e6 : 0))
		sim_air_event(r, node_of_mac(r, a->fi->a2), "pn-reuse", "%s", r->pn.detail);
}

static void on_air(void *ctx, const struct sim_air *a)
{
	struct sim_run *r = ctx;
	const struct sim_frame_info *fi = a->fi;

	if (!r->t0)
		return;
	sim_pcap_write(&r->pcap, r->wall0_us + (a->t_us - r->t0), a->freq,
		       a->rate_100kbps ? a->rate_100kbps : 10, (int)a->signal_dbm, a->frame,
		       a->len);
	detect_reinstall(r, a);
	if (fi->eapol != EAPOL_MSG_UNKNOWN) {
		int from = node_of_mac(r, fi->a2), to = node_of_mac(r, fi->a1);
		char label[40];

		sim_air_event(r, from, "eapol", "msg=%s from=%s to=%s acked=%d attempts=%d signal=%.0f%s",
			  sim_eapol_name(fi->eapol), sim_node_name(r, from), sim_node_name(r, to), a->acked,
			  a->attempts, a->signal_dbm, a->dropped_by_rule ? " dropped-by-rule=1" : "");
		snprintf(label, sizeof(label), "EAPOL %s%s", sim_eapol_name(fi->eapol),
			 a->dropped_by_rule ? " (dropped)" : "");
		int sta = from >= 0 && r->t->nodes[from].role == SIM_ROLE_STA ? from : to;

		if (sta >= 0 && r->t->nodes[sta].role == SIM_ROLE_STA)
			sim_mark_add(&r->nodes[sta], sim_run_rel_us(r), "eapol", label);
	} else if (fi->type == SIM_FT_MGMT && (fi->subtype == 11 || fi->subtype == 0 ||
						fi->subtype == 2 || fi->subtype == 10 ||
						fi->subtype == 12)) {
		int from = node_of_mac(r, fi->a2), to = node_of_mac(r, fi->a1);

		sim_air_event(r, from, "mgmt", "%s from=%s to=%s acked=%d", sim_frame_describe(fi),
			  sim_node_name(r, from), sim_node_name(r, to), a->acked);
	}
}

static void on_tick(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sim_run *r = ctx;

	r->tick = NULL;
	for (size_t i = 0; i < r->t->n_nodes; i++)
		ctrl_try_attach(r, (int)i);
	sim_sample_signals(r);
	sim_scan_logs(r);
	sim_gap_scan(r);
	sim_run_check_wait(r);
	if (r->state != SIM_RUN_DONE)
		r->tick = loop_timer_add(l, TICK_US, on_tick, r);
}


static void on_deadline(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sim_run *r = ctx;

	printf("  run deadline reached; judging what happened so far\n");
	sim_run_finish(r);
}

static void on_interrupt(struct loop *l, int signo, void *ctx)
{
	struct sim_run *r = ctx;

	printf("  interrupted\n");
	r->status = 130;
	sim_run_finish(r);
}

int sim_mkdirs(const char *path)
{
	char tmp[512];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(tmp, 0755);
		*p = '/';
	}
	if (mkdir(tmp, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static int setup(struct sim_run *r)
{
	const struct sim_topo *t = r->t;
	char path[600];
	int ret;

	r->nodes = calloc(t->n_nodes + 1, sizeof(*r->nodes)) ;
	if (!r->nodes)
		return -ENOMEM;
	sim_mkdirs(RUN_DIR);
	snprintf(path, sizeof(path), "%s/nodes", r->out);
	sim_mkdirs(path);
	r->hw = sim_hwsim_open();
	if (!r->hw)
		return -ENODEV;
	fcntl(sim_hwsim_fd(r->hw), F_SETFD, FD_CLOEXEC);
	r->m = sim_medium_new(r->loop, &t->model, r->seed, NULL, NULL);
	if (!r->m)
		return -ENOMEM;
	/* copy the initial rules (they are consumed as counts run down) */
	for (size_t i = 0; i < t->rules.n; i++)
		sim_rules_add(&r->m->rules, &t->rules.v[i]);
	/* the medium registers before any radio exists or any AP starts */
	r->mn = sim_medium_nl_open(r->loop, r->m);
	if (!r->mn)
		return -EIO;
	fcntl(sim_medium_nl_fd(r->mn), F_SETFD, FD_CLOEXEC);
	sim_medium_nl_set_air(r->mn, on_air, r);
	for (size_t i = 0; i < t->n_nodes; i++) {
		struct sim_rnode *n = &r->nodes[i];
		const struct sim_node_cfg *c = &t->nodes[i];

		n->run = r;
		n->cfg = &r->t->nodes[i];
		n->idx = (int)i;
		n->connected_ap = -1;
		n->last_ap = -1;
		sim_evsock_init(&n->ev);
		sim_hwsim_del_radio_quiet(r->hw, c->name);	/* a leftover, if any */
		n->radio_id = sim_hwsim_new_radio(r->hw, c->name, c->mac, true);
		if (n->radio_id < 0) {
			log_err(TAG, "%s: cannot create its radio: %s", c->name, r->hw->ext_ack);
			return n->radio_id;
		}
		ret = sim_find_ifname(c->name, n->ifname, sizeof(n->ifname));
		if (ret) {
			log_err(TAG, "%s: radio has no network interface", c->name);
			return ret;
		}
		n->mradio = sim_medium_add_radio(r->m, c->name, c->mac, c->pos.x, c->pos.y,
						 c->txpower_dbm);
		if (n->mradio < 0)
			return n->mradio;
		snprintf(n->ctrl_dir, sizeof(n->ctrl_dir), RUN_DIR "/%s", c->name);
		snprintf(n->conf_path, sizeof(n->conf_path), "%s/nodes/%s.conf", r->out, c->name);
		snprintf(n->log_path, sizeof(n->log_path), "%s/nodes/%s.log", r->out, c->name);
		unlink(n->log_path);
		sim_mkdirs(n->ctrl_dir);
	}
	ret = sim_setup_network(r);
	if (ret)
		return ret;
	for (size_t i = 0; i < t->n_nodes; i++) {
		ret = t->nodes[i].impl == SIM_IMPL_IWD ? sim_iwd_write_conf(r, (int)i) :
							  sim_write_conf(r, (int)i);
		if (ret) {
			log_err(TAG, "%s: cannot write %s: %s", t->nodes[i].name, r->nodes[i].conf_path,
				strerror(-ret));
			return ret;
		}
	}
	/* log patterns the expectations look for */
	for (size_t i = 0; i < t->n_steps + t->n_expects; i++) {
		const struct sim_expect *e = i < t->n_steps ? &t->steps[i].ex :
					     &t->expects[i - t->n_steps];

		if ((i < t->n_steps && t->steps[i].kind != SIM_STEP_EXPECT) ||
		    e->kind != SIM_EXPECT_LOG || sim_pat_count(r, e->node, e->text) ||
		    ({ bool dup = false;
		       for (size_t p = 0; p < r->n_pats; p++)
			       dup |= r->pats[p].node == e->node && !strcmp(r->pats[p].text, e->text);
		       dup; }))
			continue;
		struct sim_logpat *v = realloc(r->pats, (r->n_pats + 1) * sizeof(*v));

		if (!v)
			return -ENOMEM;
		r->pats = v;
		v[r->n_pats].node = e->node;
		snprintf(v[r->n_pats].text, sizeof(v[r->n_pats].text), "%s", e->text);
		v[r->n_pats].count = 0;
		r->n_pats++;
	}
	return 0;
}

static void teardown(struct sim_run *r)
{
	if (!r->nodes)
		goto rest;
	for (size_t i = 0; i < r->n_pings; i++)
		if (r->pings[i].pid > 0)
			kill(r->pings[i].pid, SIGINT);
	for (size_t i = 0; i < r->t->n_nodes; i++) {
		if (r->nodes[i].pid > 0)
			kill(r->nodes[i].pid, SIGTERM);
		if (r->nodes[i].ev.fd >= 0)
			loop_del_fd(r->loop, r->nodes[i].ev.fd);
		sim_evsock_close(&r->nodes[i].ev);
	}
	/* give daemons a moment to deauth and exit, then make sure */
	for (int tries = 0; tries < 20; tries++) {
		bool alive = false;

		for (size_t i = 0; i < r->t->n_nodes; i++)
			if (r->nodes[i].pid > 0) {
				if (waitpid(r->nodes[i].pid, NULL, WNOHANG) == r->nodes[i].pid)
					r->nodes[i].pid = 0;
				else
					alive = true;
			}
		if (!alive)
			break;
		usleep(50000);
	}
	for (size_t i = 0; i < r->t->n_nodes; i++)
		if (r->nodes[i].pid > 0) {
			kill(r->nodes[i].pid, SIGKILL);
			waitpid(r->nodes[i].pid, NULL, 0);
		}
	for (size_t i = 0; i < r->n_pings; i++)
		if (r->pings[i].pid > 0)
			waitpid(r->pings[i].pid, NULL, 0);
	for (size_t i = 0; i < r->t->n_nodes; i++)
		sim_iwd_free(r, (int)i);
	sim_teardown_network(r);
rest:
	sim_medium_nl_close(r->mn);
	r->mn = NULL;
	sim_hwsim_close(r->hw);	/* destroy-on-close: the radios go too */
	r->hw = NULL;
}

void sim_run_release(struct sim_run *r)
{
	if (r->nodes)
		for (size_t i = 0; i < r->t->n_nodes; i++) {
			free(r->nodes[i].samples);
			free(r->nodes[i].marks);
		}
	free(r->nodes);
	for (size_t i = 0; i < r->n_evs; i++)
		free(r->evs[i].text);
	free(r->evs);
	free(r->pats);
	free(r->verdicts);
	sim_pncheck_free(&r->pn);
	free(r->pings);
	sim_medium_free(r->m);
}

int sim_run_file(const char *path, const char *out, uint64_t seed, bool seed_given,
		 bool verbose, bool show_keys, const char *bindir, FILE *junit_extra)
{
	struct sim_run run, *r = &run;
	char err[600], p[1024];
	struct timeval tv;
	int ret;
	bool pass;

	memset(r, 0, sizeof(*r));
	r->ops = &lab_ops;
	r->t = sim_topo_load(path, err, sizeof(err));
	if (!r->t) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	r->seed = seed_given ? seed : r->t->model.seed;
	r->t->model.seed = r->seed;
	r->verbose = verbose;
	r->show_keys = show_keys;
	r->bindir = bindir;
	snprintf(r->out, sizeof(r->out), "%s", out);
	if (sim_mkdirs(r->out)) {
		fprintf(stderr, "%s: cannot create %s: %s\n", path, r->out, strerror(errno));
		sim_topo_free(r->t);
		return 2;
	}
	printf("roamlab run %s: %zu nodes, %zu steps, seed %llu, output in %s\n", path,
	       r->t->n_nodes, r->t->n_steps, (unsigned long long)r->seed, r->out);
	fflush(stdout);
	r->loop = loop_new();
	if (!r->loop) {
		ret = -ENOMEM;
		goto cleanup;
	}
	snprintf(p, sizeof(p), "%s/events.jsonl", r->out);
	r->events = fopen(p, "w");
	snprintf(p, sizeof(p), "%s/capture.pcapng", r->out);
	sim_pcap_open(&r->pcap, p);
	loop_add_signal(r->loop, SIGCHLD, on_sigchld, r);
	loop_add_signal(r->loop, SIGINT, on_interrupt, r);
	loop_add_signal(r->loop, SIGTERM, on_interrupt, r);
	ret = setup(r);
	if (ret) {
		printf("FAIL %s: lab setup failed (%s)\n", path, strerror(-ret));
		r->status = 2;
		goto cleanup;
	}
	sim_write_keylog(r);
	r->t0 = loop_now_us(r->loop);
	gettimeofday(&tv, NULL);
	r->wall0_us = (uint64_t)tv.tv_sec * 1000000 + (uint64_t)tv.tv_usec;
	r->prev_end = r->t0;
	sim_lab_event(r, -1, "run-start", "file=%s seed=%llu", path, (unsigned long long)r->seed);
	for (size_t i = 0; i < r->t->n_nodes; i++)
		if (!(r->t->nodes[i].role == SIM_ROLE_AP && r->t->nodes[i].start_down))
			start_node(r, (int)i);
	sim_pings_prepare(r);
	r->tick = loop_timer_add(r->loop, TICK_US, on_tick, r);
	loop_timer_add(r->loop, 1800ull * 1000000, on_deadline, r);
	sim_run_begin(r);
	if (r->state != SIM_RUN_DONE)
		loop_run(r->loop);
	sim_lab_event(r, -1, "run-end", "verdicts=%zu", r->n_verdicts);
cleanup:
	teardown(r);
	if (r->events)
		fclose(r->events);
	sim_pcap_close(&r->pcap);
	pass = r->status == 0 && r->state == SIM_RUN_DONE;
	for (size_t i = 0; i < r->n_verdicts; i++)
		pass &= r->verdicts[i].ok;
	if (r->state == SIM_RUN_DONE) {
		FILE *vf;

		snprintf(p, sizeof(p), "%s/junit.xml", r->out);
		sim_report_junit(r, p);
		snprintf(p, sizeof(p), "%s/timeline.svg", r->out);
		sim_report_svg(r, p);
		snprintf(p, sizeof(p), "%s/verdict.txt", r->out);
		vf = fopen(p, "w");
		if (vf) {
			sim_print_verdicts(r, vf);
			fprintf(vf, "%s %s\n", pass ? "PASS" : "FAIL", path);
			fclose(vf);
		}
		printf("verdicts (%.1f s virtual, %llu frames on the air, %llu to receivers):\n",
		       (r->prev_end - r->t0) / 1e6, (unsigned long long)(r->m ? r->m->st.frames_in : 0),
		       (unsigned long long)(r->m ? r->m->st.deliveries : 0));
		sim_print_verdicts(r, stdout);
		if (!r->n_verdicts)
			printf("  (no expectations: nothing was judged)\n");
		printf("%s %s\n", pass ? "PASS" : "FAIL", path);
		if (junit_extra) {
			snprintf(p, sizeof(p), "%s/junit.xml", r->out);
			FILE *jf = fopen(p, "r");
			char line[1024];
			bool body = false;

			while (jf && fgets(line, sizeof(line), jf)) {
				if (strstr(line, "<testsuite "))
					body = true;
				if (body)
					fputs(line, junit_extra);
				if (strstr(line, "</testsuite>"))
					body = false;
			}
			if (jf)
				fclose(jf);
		}
	}
	fflush(stdout);
	sim_run_release(r);
	if (r->loop)
		loop_free(r->loop);
	sim_topo_free(r->t);
	return pass ? 0 : 1;
}
