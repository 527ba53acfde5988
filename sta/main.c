// SPDX-License-Identifier: MIT
/* roamlab-sta: a scriptable station (supplicant plus userspace SME) on
 * nl80211 that roams fast and misbehaves on purpose. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "conf.h"
#include "ctl.h"
#include "ctrl.h"
#include "daemon.h"
#include "drv.h"
#include "hs_fault.h"
#include "wpa_words.h"
#include "log.h"
#include "loop.h"
#include "sme.h"

#define TAG "sta"
#define APP_MAX_KNOBS 16

struct app {
	struct loop *loop;
	struct sta *sta;
	struct sta_conf *conf;
	char conf_path[4096];
	const char *ifname;
	bool autostart;
	struct ctrl_server *ctrl;
	struct sta_script *script;
	struct sta_script_run run;
	bool script_mode;
	/* Knobs set by --set or the `set` command, "name=value", the latest
	 * value of each: a SIGHUP builds the station anew from the config
	 * file and sets them again, as it keeps -d, -t and the other flags. */
	char knobs[APP_MAX_KNOBS][STA_CMD_ARG_LEN * 2];
	size_t n_knobs;
};

/* Remember name=value (replacing an earlier value of name). */
static int remember_knob(struct app *a, const char *name, const char *value)
{
	size_t nl = strlen(name), k;

	for (k = 0; k < a->n_knobs; k++)
		if (!strncmp(a->knobs[k], name, nl) && a->knobs[k][nl] == '=')
			break;
	if (k == APP_MAX_KNOBS)
		return -ENOSPC;
	snprintf(a->knobs[k], sizeof(a->knobs[k]), "%s=%s", name, value);
	if (k == a->n_knobs)
		a->n_knobs++;
	return 0;
}

/* Set every remembered knob on the station; 0 or the first error. */
static int apply_knobs(struct app *a, char *err, size_t errlen)
{
	for (size_t k = 0; k < a->n_knobs; k++) {
		char name[64];
		size_t nl = (size_t)(strchr(a->knobs[k], '=') - a->knobs[k]);
		int ret;

		snprintf(name, sizeof(name), "%.*s", (int)nl, a->knobs[k]);
		ret = sta_set_knob(a->sta, name, a->knobs[k] + nl + 1, err, errlen);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: roamlab-sta -i IFACE -c CONF [--idle | -s SCRIPT] [-D nl80211] [-d|-dd] [-K]\n"
		"                   [-t] [-f LOGFILE] [-B] [-P PIDFILE] [-C CTRL_DIR]\n"
		"                   [--set KNOB=VALUE]\n"
		"       roamlab-sta --help [faults|commands]\n"
		"  -i IFACE     wireless interface (station mode, nl80211)\n"
		"  -c CONF      wpa_supplicant.conf with network={} blocks; the station\n"
		"               connects to them at start, as wpa_supplicant does\n"
		"  --idle       start idle: wait for a `connect` command instead\n"
		"  -a           connect at start (the default; kept for old scripts)\n"
		"  -s SCRIPT    run this command script (it starts idle), then exit with\n"
		"               its status\n"
		"  -D DRIVER    accepted for wpa_supplicant scripts; must include nl80211\n"
		"  -d, -dd      more debug output\n"
		"  -K           show keys in the debug output\n"
		"  -t           timestamps in the log\n"
		"  -f LOGFILE   log to this file\n"
		"  -B           run in the background (after the interface is set up)\n"
		"  -P PIDFILE   write the process id to PIDFILE (removed at exit)\n"
		"SIGTERM/SIGINT disconnect and exit 0; SIGHUP reopens the log file, reads\n"
		"CONF again and connects as at start (a CONF with errors ends the program,\n"
		"as it ends wpa_supplicant).\n"
		"  -C CTRL_DIR  control socket directory (socket CTRL_DIR/IFACE); default:\n"
		"               ctrl_interface from CONF, else %s\n"
		"  --set KNOB=VALUE  set a knob at start, as the `set` command (repeatable)\n"
		"Commands (control socket and scripts):\n%s",
		CTRL_DEFAULT_DIR, sta_cmd_help());
}

static void on_event(void *ctx, const struct sta_event *ev)
{
	struct app *a = ctx;
	char kv[1024];
	size_t i, off = 0;

	kv[0] = '\0';
	for (i = 0; i < ev->n_kv && off < sizeof(kv); i++)
		off += (size_t)snprintf(kv + off, sizeof(kv) - off, "%s%s=%s", i ? " " : "",
					ev->kv[i].key, ev->kv[i].val);
	if (a->ctrl) {
		char words[STA_WPA_WORDS_MAX][STA_WPA_WORD_LEN];
		int n = sta_wpa_words(ev, words);

		ctrl_event(a->ctrl, ev->name, "%s", kv);
		for (int w = 0; w < n; w++)
			ctrl_event_text(a->ctrl, "%s", words[w]);
	}
	if (a->script_mode)
		sta_script_run_event(&a->run, ev);
}

/* One handler for every command: rebuild the line, parse it with the
 * script parser, execute. */
static int ctrl_handler_all(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	struct app *a = ctx;
	struct sta_cmd cmd;
	char line[2048], err[256], *reply;
	size_t off = 0;
	int i, ret;

	for (i = 0; i < argc && off < sizeof(line); i++) {
		bool quote = strpbrk(argv[i], " \t") != NULL;

		off += (size_t)snprintf(line + off, sizeof(line) - off, "%s%s%s%s",
					i ? " " : "", quote ? "\"" : "", argv[i],
					quote ? "\"" : "");
	}
	for (i = 0; line[i] && !isspace((unsigned char)line[i]); i++)
		line[i] = (char)tolower((unsigned char)line[i]);
	ret = sta_cmd_parse(line, &cmd, err, sizeof(err));
	if (ret < 0)
		return ctrl_fail(req, "%s", err);
	if (ret > 0)
		return 0;
	reply = malloc(CTRL_MSG_MAX);
	if (!reply)
		return -ENOMEM;
	ret = sta_ctl_exec(a->sta, &cmd, reply, CTRL_MSG_MAX);
	if (ret < 0)
		ret = ctrl_fail(req, "%s", reply[0] ? reply : strerror(-ret));
	else if (cmd.type == STA_CMD_SET && remember_knob(a, cmd.name, cmd.value) < 0)
		log_warn(TAG, "%s: set %s: more than %d knobs: not kept across SIGHUP",
			 a->ifname, cmd.name, APP_MAX_KNOBS);
	else if (reply[0])
		ctrl_reply_printf(req, "%s", reply);
	free(reply);
	return ret < 0 ? ret : 0;
}

static const struct ctrl_cmd ctrl_cmds[] = {
	{ "scan", 0, -1, ctrl_handler_all, "[freq=F,..] [passive] [ssid=S]", "scan" },
	{ "scan_results", 0, 0, ctrl_handler_all, "", "BSS table" },
	{ "reassociate", 0, 0, ctrl_handler_all, "", "connect (wpa_cli's word)" },
	{ "list_networks", 0, 0, ctrl_handler_all, "", "configured networks" },
	{ "terminate", 0, 0, ctrl_handler_all, "", "disconnect and exit" },
	{ "connect", 0, 1, ctrl_handler_all, "[network-id|ssid]", "connect" },
	{ "disconnect", 0, 0, ctrl_handler_all, "", "disconnect and stay so" },
	{ "reconnect", 0, 0, ctrl_handler_all, "", "connect again" },
	{ "roam", 1, 1, ctrl_handler_all, "<bssid>", "roam to this BSS" },
	{ "status", 0, 0, ctrl_handler_all, "", "key=value state" },
	{ "signal_poll", 0, 0, ctrl_handler_all, "", "current signal" },
	{ "set", 2, 2, ctrl_handler_all, "<knob> <value>", "set a knob" },
	{ "fault", 1, -1, ctrl_handler_all, "<name> [args] | clear [name]", "faults" },
	{ "expect", 3, 3, ctrl_handler_all, "<key> <op> <value>", "check a status key" },
	{ "wait", 1, -1, ctrl_handler_all, "<event> ...", "scripts only" },
	{ "sleep", 1, 1, ctrl_handler_all, "<ms>", "scripts only" },
	{ "log", 0, -1, ctrl_handler_all, "<text>", "write to the log" },
};

static void on_signal(struct loop *l, int signo, void *ctx)
{
	log_info(TAG, "signal %d: exiting", signo);
	loop_quit(l, 0);
}

static void app_autoconnect(struct app *a)
{
	char err[160];

	if (!a->autostart || a->script)
		return;
	if (!a->conf->n_net) {
		/* wpa_supplicant with no network block waits, too */
		log_info(TAG, "%s: no network configured: waiting for commands", a->ifname);
		return;
	}
	if (sta_connect(a->sta, NULL, err, sizeof(err)) < 0) {
		log_err(TAG, "%s: cannot connect: %s", a->ifname, err);
		loop_quit(a->loop, 1);
	}
}

/* SIGHUP, as wpa_supplicant: open the log file again (logrotate), read the
 * configuration again and start over with it: disconnect, then connect as
 * at start. A file that no longer parses ends the program, as it ends
 * wpa_supplicant. A running script keeps its station. */
static void on_hup(struct loop *l, int signo, void *ctx)
{
	struct app *a = ctx;
	struct sta_conf *conf;
	struct hs_faults faults;
	struct sta *sta;
	char err[512];

	log_reopen_file();
	log_info(TAG, "%s: signal %d received - reconfiguring", a->ifname, signo);
	if (a->script_mode)
		return;
	conf = sta_conf_load(a->conf_path, err, sizeof(err));
	if (!conf) {
		log_err(TAG, "%s", err);
		loop_quit(l, 1);
		return;
	}
	/* the faults armed and the knobs set stay as they were */
	faults = a->sta->faults;
	sta_free(a->sta);
	sta_conf_free(a->conf);
	a->conf = conf;
	sta = sta_new(l, &drv_nl80211_ops, a->ifname, conf, on_event, a);
	a->sta = sta;
	if (!sta) {
		log_err(TAG, "%s: cannot set up the station again", a->ifname);
		loop_quit(l, 1);
		goto cleanup;
	}
	sta->faults = faults;
	if (apply_knobs(a, err, sizeof(err)) < 0)
		log_err(TAG, "%s: after SIGHUP: %s", a->ifname, err);
	app_autoconnect(a);
cleanup:
	secure_zero(&faults, sizeof(faults));
}

static void on_script_done(struct sta_script_run *r, void *ctx)
{
	struct app *a = ctx;

	loop_quit(a->loop, r->status);
}

static uint64_t log_clock(void *ctx)
{
	return loop_now_us(ctx);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", optional_argument, NULL, 'h' },
		{ "idle", no_argument, NULL, 'I' },
		{ "set", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ifname = NULL, *conf_path = NULL, *script_path = NULL;
	bool autostart = true, pid_written = false;
	const char *logfile = NULL, *ctrl_dir = NULL, *pidfile = NULL;
	char pidpath[4096], logpath[4096];
	struct sta_conf *conf = NULL;
	struct app a = { 0 };
	bool background = false;
	const char *knobs[16];
	size_t n_knobs = 0, k;
	int debug = 0, opt, status = 1;
	char err[512];

	while ((opt = getopt_long(argc, argv, "i:c:s:adD:Ktf:BP:C:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; break;
		case 'c': conf_path = optarg; break;
		case 's': script_path = optarg; break;
		case 'a': autostart = true; break;
		case 'I': autostart = false; break;
		case 'd': debug++; break;
		case 'D':
			/* wpa_supplicant's driver list, e.g. "nl80211,wext" */
			if (!strstr(optarg, "nl80211")) {
				fprintf(stderr, "roamlab-sta: -D %s: only the nl80211 driver is supported\n",
					optarg);
				return 1;
			}
			break;
		case 'K': log_set_show_keys(true); break;
		case 't': log_set_timestamps(true); break;
		case 'f':
			/* absolute, to open it again from / after -B */
			if (daemon_abs_path(optarg, logpath, sizeof(logpath))) {
				fprintf(stderr, "roamlab-sta: -f %s: path too long\n", optarg);
				return 1;
			}
			logfile = logpath;
			break;
		case 'B': background = true; break;
		case 'P':
			if (daemon_abs_path(optarg, pidpath, sizeof(pidpath))) {
				fprintf(stderr, "roamlab-sta: -P %s: path too long\n", optarg);
				return 1;
			}
			pidfile = pidpath;
			break;
		case 'C': ctrl_dir = optarg; break;
		case 'S':
			if (n_knobs == sizeof(knobs) / sizeof(knobs[0]) || !strchr(optarg, '=')) {
				fprintf(stderr, "--set %s: expected KNOB=VALUE (at most %zu)\n",
					optarg, sizeof(knobs) / sizeof(knobs[0]));
				return 2;
			}
			knobs[n_knobs++] = optarg;
			break;
		case 'h':
			if (!optarg && optind < argc && argv[optind][0] != '-')
				optarg = argv[optind++];
			if (optarg && !strcmp(optarg, "faults"))
				fputs(hs_fault_help(HS_ROLE_SUPPLICANT), stdout);
			else if (optarg && !strcmp(optarg, "commands"))
				fputs(sta_cmd_help(), stdout);
			else
				usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!ifname || !conf_path || optind != argc) {
		usage(stderr);
		return 2;
	}
	log_set_level(debug >= 3 ? LOG_LVL_EXCESSIVE : debug == 2 ? LOG_LVL_MSGDUMP :
		      debug == 1 ? LOG_LVL_DEBUG : LOG_LVL_INFO);
	if (logfile && log_open_file(logfile) < 0) {
		fprintf(stderr, "%s: cannot open log file\n", logfile);
		return 1;
	}
	if (daemon_abs_path(conf_path, a.conf_path, sizeof(a.conf_path))) {
		fprintf(stderr, "roamlab-sta: %s: path too long\n", conf_path);
		return 1;
	}
	a.ifname = ifname;
	conf = sta_conf_load(conf_path, err, sizeof(err));
	if (!conf) {
		log_err(TAG, "%s", err);
		fprintf(stderr, "%s\n", err);
		goto cleanup;
	}
	if (script_path) {
		a.script = sta_script_load(script_path, err, sizeof(err));
		if (!a.script) {
			log_err(TAG, "%s", err);
			fprintf(stderr, "%s\n", err);
			goto cleanup;
		}
	}
	a.loop = loop_new();
	if (!a.loop)
		goto cleanup;
	log_set_clock(log_clock, a.loop);
	loop_add_signal(a.loop, SIGINT, on_signal, &a);
	loop_add_signal(a.loop, SIGTERM, on_signal, &a);
	loop_add_signal(a.loop, SIGHUP, on_hup, &a);
	signal(SIGPIPE, SIG_IGN);

	a.conf = conf;
	conf = NULL;
	a.sta = sta_new(a.loop, &drv_nl80211_ops, ifname, a.conf, on_event, &a);
	if (!a.sta)
		goto cleanup;
	for (k = 0; k < n_knobs; k++) {
		char *eq = strchr(knobs[k], '=');

		*eq = '\0';
		if (remember_knob(&a, knobs[k], eq + 1) < 0) {
			fprintf(stderr, "--set: at most %d knobs\n", APP_MAX_KNOBS);
			goto cleanup;
		}
	}
	if (apply_knobs(&a, err, sizeof(err)) < 0) {
		log_err(TAG, "--set: %s", err);
		fprintf(stderr, "--set: %s\n", err);
		goto cleanup;
	}
	if (!ctrl_dir)
		ctrl_dir = a.conf->ctrl_interface[0] ? a.conf->ctrl_interface : CTRL_DEFAULT_DIR;
	a.ctrl = ctrl_server_new(a.loop, ctrl_dir, ifname, ctrl_cmds,
				 sizeof(ctrl_cmds) / sizeof(ctrl_cmds[0]), &a);
	if (!a.ctrl)
		goto cleanup;
	if (background || pidfile) {
		int ret = background ? daemon_start(a.loop, !logfile, pidfile) :
			  daemon_write_pidfile(pidfile);

		if (ret) {
			log_err(TAG, "cannot %s: %s", background ? "daemonize" : "write the PID file",
				strerror(-ret));
			goto cleanup;
		}
		pid_written = pidfile != NULL;
	}
	a.autostart = autostart;
	app_autoconnect(&a);
	if (loop_exit_status(a.loop))
		goto cleanup;
	if (a.script) {
		a.script_mode = true;
		sta_script_run_init(&a.run, a.sta, a.loop, a.script, stdout);
		a.run.on_done = on_script_done;
		a.run.on_done_ctx = &a;
		sta_script_run_start(&a.run);
		if (a.run.done) {
			status = a.run.status;
			goto cleanup;
		}
	}
	loop_run(a.loop);
	status = loop_exit_status(a.loop);
cleanup:
	if (a.script_mode)
		sta_script_run_cancel(&a.run);
	/* as wpa_supplicant ends: disconnect (CTRL-EVENT-DISCONNECTED ...
	 * locally_generated=1), then tell the monitors */
	if (a.sta)
		sta_disconnect(a.sta);
	ctrl_event_text(a.ctrl, "CTRL-EVENT-TERMINATING ");	/* the space is part of the word */
	ctrl_server_free(a.ctrl);
	a.ctrl = NULL;
	sta_free(a.sta);
	sta_script_free(a.script);
	if (a.loop) {
		log_set_clock(NULL, NULL);
		loop_free(a.loop);
	}
	sta_conf_free(a.conf);
	sta_conf_free(conf);
	if (pid_written)
		unlink(pidfile);
	log_close_file();
	return status;
}
