// SPDX-License-Identifier: MIT
/* ctl.c: "roamlab ctl", the command-line client of the control sockets of
 * roamlab-ap and roamlab-sta (common/ctrl.h). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctrl.h"
#include "sim.h"

static volatile sig_atomic_t stop;

static void on_sig(int s)
{
	stop = 1;
}

static void ctl_usage(void)
{
	fprintf(stderr,
		"usage: roamlab ctl [-p CTRL_DIR] [-i IFACE | SOCKET] [-t MS] COMMAND...\n"
		"       roamlab ctl [-p CTRL_DIR] [-i IFACE | SOCKET] -a\n"
		"Sends one command and prints the reply (exit 1 on FAIL), or with -a\n"
		"prints events until interrupted. CTRL_DIR defaults to %s.\n",
		CTRL_DEFAULT_DIR);
}

/* The only socket in dir, if there is exactly one. */
static int only_socket(const char *dir, char *path, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char p[4096];
		struct stat st;

		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (stat(p, &st) || !S_ISSOCK(st.st_mode))
			continue;
		if (n++ == 0)
			snprintf(path, len, "%s", p);
	}
	closedir(d);
	return n == 1 ? 0 : n == 0 ? -ENOENT : -EEXIST;
}

int sim_ctl_main(int argc, char **argv)
{
	const char *dir = CTRL_DEFAULT_DIR, *iface = NULL;
	char path[4096], cmd[CTRL_MSG_MAX], *reply = NULL;
	struct ctrl_client *c = NULL;
	bool attach = false;
	int timeout_ms = 10000, opt, ret = 1;
	struct stat st;

	optind = 1;
	while ((opt = getopt(argc, argv, "+p:i:at:h")) != -1) {
		switch (opt) {
		case 'p':
			dir = optarg;
			break;
		case 'i':
			iface = optarg;
			break;
		case 'a':
			attach = true;
			break;
		case 't':
			timeout_ms = atoi(optarg);
			break;
		default:
			ctl_usage();
			return 2;
		}
	}
	if (iface) {
		snprintf(path, sizeof(path), "%s/%s", dir, iface);
	} else if (optind < argc && (strchr(argv[optind], '/') ||
				     (!stat(argv[optind], &st) && S_ISSOCK(st.st_mode)))) {
		snprintf(path, sizeof(path), "%s", argv[optind++]);
	} else {
		int r = only_socket(dir, path, sizeof(path));

		if (r) {
			fprintf(stderr, "roamlab ctl: %s in %s; give -i IFACE or a socket path\n",
				r == -EEXIST ? "several sockets" : "no socket", dir);
			return 2;
		}
	}
	if (!attach && optind >= argc) {
		ctl_usage();
		return 2;
	}
	c = ctrl_client_open(path);
	if (!c) {
		fprintf(stderr, "roamlab ctl: cannot connect to %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (attach) {
		char ev[CTRL_MSG_MAX];

		signal(SIGINT, on_sig);
		signal(SIGTERM, on_sig);
		if (ctrl_client_attach(c, timeout_ms)) {
			fprintf(stderr, "roamlab ctl: ATTACH to %s failed\n", path);
			goto cleanup;
		}
		setvbuf(stdout, NULL, _IOLBF, 0);
		while (!stop) {
			int n = ctrl_client_recv_event(c, ev, sizeof(ev), 500);

			if (n == -ETIMEDOUT || n == -EINTR)
				continue;
			if (n < 0) {
				fprintf(stderr, "roamlab ctl: %s\n", strerror(-n));
				goto cleanup;
			}
			printf("%s\n", ev);
		}
		ctrl_client_detach(c, 1000);
		ret = 0;
		goto cleanup;
	}
	cmd[0] = '\0';
	for (int i = optind, l = 0; i < argc; i++) {
		bool q = strchr(argv[i], ' ') != NULL;

		l += snprintf(cmd + l, sizeof(cmd) - l, "%s%s%s%s", i > optind ? " " : "",
			      q ? "\"" : "", argv[i], q ? "\"" : "");
		if (l >= (int)sizeof(cmd)) {
			fprintf(stderr, "roamlab ctl: command too long\n");
			goto cleanup;
		}
	}
	reply = malloc(CTRL_MSG_MAX + 1);
	if (!reply)
		goto cleanup;
	int n = ctrl_client_request(c, cmd, reply, CTRL_MSG_MAX + 1, timeout_ms);

	if (n < 0) {
		fprintf(stderr, "roamlab ctl: %s: %s\n", path,
			n == -ETIMEDOUT ? "no reply (timeout)" : strerror(-n));
		goto cleanup;
	}
	fputs(reply, stdout);
	if (n == 0 || reply[n - 1] != '\n')
		putchar('\n');
	ret = !strncmp(reply, "FAIL", 4) ? 1 : 0;
cleanup:
	free(reply);
	ctrl_client_close(c);
	return ret;
}
