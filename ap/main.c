// SPDX-License-Identifier: MIT
/* main.c: roamlab-ap command line (hostapd's flags). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ap.h"
#include "config.h"
#include "daemon.h"
#include "drv.h"
#include "log.h"
#include "loop.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: roamlab-ap [-d|-dd|-ddd] [-K] [-t] [-f LOGFILE] [-P PIDFILE] [-B] CONFIG\n"
		"       roamlab-ap --help faults\n"
		"  -d    debug output (-dd: with frame dumps)\n"
		"  -K    include key material in debug output\n"
		"  -t    timestamps on log lines\n"
		"  -f    log to LOGFILE instead of stderr\n"
		"  -P    write the process id to PIDFILE\n"
		"  -B    run in the background\n"
		"CONFIG is a hostapd.conf (subset); SIGTERM/SIGINT deauthenticate all\n"
		"stations, delete keys, stop the AP and exit 0. SIGHUP reads CONFIG again\n"
		"and restarts the BSS with it (a file with errors is reported and the\n"
		"running BSS goes on), and reopens the log file.\n");
}

struct app {
	struct ap *ap;
	char conf_path[4096];
};

static void on_signal(struct loop *l, int signo, void *ctx)
{
	log_info("main", "signal %d (%s): stopping", signo, strsignal(signo));
	loop_quit(l, 0);
}

/* SIGHUP, as hostapd: read the configuration again and restart the BSS
 * with it (its stations are deauthenticated and come back); a file with
 * errors is reported and the running BSS goes on unchanged. The log file
 * is opened again under its name, for logrotate. */
static void on_hup(struct loop *l, int signo, void *ctx)
{
	struct app *a = ctx;
	struct ap_config *cfg;
	struct ap *ap;

	log_reopen_file();
	log_info("main", "signal %d received - reloading configuration", signo);
	cfg = ap_config_load(a->conf_path);
	if (!cfg) {
		log_err("main", "Failed to read new configuration file - continuing with old.");
		return;
	}
	ap_stop(a->ap);
	ap_free(a->ap);
	a->ap = NULL;
	ap = ap_new(l, cfg, &drv_nl80211_ops);
	if (!ap) {
		log_err("main", "out of memory");
		loop_quit(l, 1);
		return;
	}
	a->ap = ap;
	if (ap_start(ap)) {
		log_err("main", "%s: interface setup failed after reload", ap->ifname);
		loop_quit(l, 1);
	}
}

static uint64_t log_clock(void *ctx)
{
	return loop_now_us(ctx);
}

int main(int argc, char **argv)
{
	const char *logfile = NULL;
	const char *pidfile = NULL;
	char pidpath[4096], logpath[4096];
	struct ap_config *cfg = NULL;
	struct loop *l = NULL;
	struct app a = { 0 };
	struct ap *ap = NULL;
	bool daemonize = false, timestamps = false, keys = false, pid_written = false;
	int debug = 0, opt, ret, status = 1;

	if (argc == 3 && !strcmp(argv[1], "--help") && !strcmp(argv[2], "faults")) {
		fputs(hs_fault_help(HS_ROLE_AUTHENTICATOR), stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((opt = getopt(argc, argv, "dKtf:P:Bh")) != -1) {
		switch (opt) {
		case 'd':
			debug++;
			break;
		case 'K':
			keys = true;
			break;
		case 't':
			timestamps = true;
			break;
		case 'f':
			/* absolute, to open it again from / after -B */
			if (daemon_abs_path(optarg, logpath, sizeof(logpath))) {
				fprintf(stderr, "roamlab-ap: -f %s: path too long\n", optarg);
				return 1;
			}
			logfile = logpath;
			break;
		case 'P':
			if (daemon_abs_path(optarg, pidpath, sizeof(pidpath))) {
				fprintf(stderr, "roamlab-ap: -P %s: path too long\n", optarg);
				return 1;
			}
			pidfile = pidpath;
			break;
		case 'B':
			daemonize = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 1;
	}
	if (daemon_abs_path(argv[optind], a.conf_path, sizeof(a.conf_path))) {
		fprintf(stderr, "roamlab-ap: %s: path too long\n", argv[optind]);
		return 1;
	}
	log_set_level(debug >= 3 ? LOG_LVL_EXCESSIVE : debug == 2 ? LOG_LVL_MSGDUMP :
		      debug == 1 ? LOG_LVL_DEBUG : LOG_LVL_INFO);
	log_set_show_keys(keys);
	log_set_timestamps(timestamps);
	if (logfile) {
		ret = log_open_file(logfile);
		if (ret) {
			fprintf(stderr, "roamlab-ap: cannot open log file %s: %s\n", logfile,
				strerror(-ret));
			return 1;
		}
	}

	/* Every config error is reported before anything touches the radio. */
	cfg = ap_config_load(argv[optind]);
	if (!cfg)
		goto cleanup;
	log_info("main", "Configuration file: %s", argv[optind]);

	l = loop_new();
	if (!l) {
		log_err("main", "cannot create the event loop");
		goto cleanup;
	}
	log_set_clock(log_clock, l);
	ap = ap_new(l, cfg, &drv_nl80211_ops);
	cfg = NULL;
	if (!ap) {
		log_err("main", "out of memory");
		goto cleanup;
	}
	a.ap = ap;
	if (loop_add_signal(l, SIGTERM, on_signal, NULL) ||
	    loop_add_signal(l, SIGINT, on_signal, NULL) ||
	    loop_add_signal(l, SIGHUP, on_hup, &a)) {
		log_err("main", "cannot handle signals");
		goto cleanup;
	}
	signal(SIGPIPE, SIG_IGN);
	ret = ap_start(ap);
	if (ret) {
		log_err("main", "%s: interface setup failed", ap->ifname);
		goto cleanup;
	}
	if (daemonize)
		ret = daemon_start(l, false, pidfile);
	else if (pidfile)
		ret = daemon_write_pidfile(pidfile);
	if (ret) {
		log_err("main", "cannot %s: %s", daemonize ? "daemonize" : "write the PID file",
			strerror(-ret));
		goto cleanup;
	}
	pid_written = pidfile != NULL;
	ret = loop_run(l);
	status = ret ? 1 : loop_exit_status(l);
	ap = a.ap;
cleanup:
	if (ap)
		ap_stop(ap);
	ap_free(ap);
	ap_config_free(cfg);
	log_set_clock(NULL, NULL);
	loop_free(l);
	if (pid_written)
		unlink(pidfile);
	log_close_file();
	return status;
}
