// SPDX-License-Identifier: MIT
/*
 * sim/run_cli.c: the `roamlab run` command line. Parses the options and runs
 * each topology file (sim_run_file() in run.c), or, on a host whose kernel
 * has no mac80211_hwsim, re-executes itself inside the lab VM (ci/vm).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "log.h"
#include "run.h"
#include "sim.h"

static bool host_has_hwsim(void)
{
	return access("/sys/module/mac80211_hwsim", F_OK) == 0;
}

/* Directory of this executable. */
static void self_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0) {
		snprintf(buf, len, ".");
		return;
	}
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
}

static int reexec_in_vm(int argc, char **argv, const char *out, const char *junit,
			const char *selfdir)
{
	char vm[600], exe[600], outabs[600];
	const char *args[128];
	int a = 0;

	/* ci/vm next to the build tree (build/bin/../../ci/vm) or in the cwd */
	snprintf(vm, sizeof(vm), "%s/../../ci/vm", selfdir);
	if (access(vm, X_OK))
		snprintf(vm, sizeof(vm), "ci/vm");
	if (access(vm, X_OK)) {
		fprintf(stderr, "roamlab run: this kernel has no mac80211_hwsim and ci/vm was not found;"
			" run from the repository or on a host with hwsim (modprobe mac80211_hwsim radios=0)\n");
		return 2;
	}
	snprintf(exe, sizeof(exe), "%s/roamlab", selfdir);
	if (!realpath(out, outabs))
		snprintf(outabs, sizeof(outabs), "%s", out);
	setenv("ROAMLAB_BIN", selfdir, 0);
	args[a++] = vm;
	args[a++] = "--out";
	args[a++] = outabs;
	args[a++] = "--";
	args[a++] = exe;
	args[a++] = "run";
	for (int i = 1; i < argc && a < 120; i++) {
		if (!strcmp(argv[i], "--out") || !strcmp(argv[i], "--junit")) {
			i++;
			continue;
		}
		args[a++] = argv[i];
	}
	args[a] = NULL;
	fprintf(stderr, "roamlab run: no mac80211_hwsim here; running through %s\n", vm);
	sim_mkdirs(outabs);
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execv(vm, (char *const *)args);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return 2;
	st = WIFEXITED(st) ? WEXITSTATUS(st) : 2;
	if (junit) {
		char src[700], cmd[1500];

		snprintf(src, sizeof(src), "%s/junit.xml", outabs);
		snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", src, junit);
		if (system(cmd))
			fprintf(stderr, "roamlab run: could not copy %s to %s\n", src, junit);
	}
	return st;
}

int sim_run_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "seed", required_argument, NULL, 's' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "junit", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *junit = NULL;
	char selfdir[512], bindir[512], path[700];
	uint64_t seed = 0;
	int bad = 0;
	bool seed_given = false, verbose = false, keys = false;
	int repeat = 1, c, failed = 0, runs = 0;
	FILE *jf = NULL;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:s:r:j:vK", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			seed_given = true;
			break;
		case 'r':
			repeat = atoi(optarg);
			if (repeat < 1)
				repeat = 1;
			break;
		case 'j':
			junit = optarg;
			break;
		case 'v':
			verbose = true;
			break;
		case 'K':
			keys = true;
			break;
		default:
			fprintf(stderr, "usage: roamlab run FILE... [--out DIR] [--seed N] [--repeat N] [--junit FILE] [-v] [-K]\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: roamlab run FILE... [--out DIR] [--seed N] [--repeat N] [--junit FILE] [-v] [-K]\n");
		return 2;
	}
	/* check every file first, as `roamlab check` does: a typo should not
	 * cost a VM boot, and no radio is touched for a file with errors */
	for (int i = optind; i < argc; i++) {
		struct sim_diags d = { 0 };
		struct sim_topo *t = sim_topo_check_file(argv[i], &d);

		if (!t) {
			sim_diags_print(&d, stderr);
			fprintf(stderr, "%s: %zu error%s, not running\n", argv[i], d.n,
				d.n == 1 ? "" : "s");
			sim_diags_free(&d);
			bad++;
			continue;
		}
		sim_topo_free(t);
	}
	if (bad)
		return 1;
	self_dir(selfdir, sizeof(selfdir));
	if (!out)
		out = getenv("ROAMLAB_OUT") && getenv("ROAMLAB_IN_VM") ? getenv("ROAMLAB_OUT") :
		      "roamlab-out";
	if (!host_has_hwsim() && !getenv("ROAMLAB_IN_VM"))
		return reexec_in_vm(argc, argv, out, junit, selfdir);
	snprintf(bindir, sizeof(bindir), "%s", getenv("ROAMLAB_BIN") ? getenv("ROAMLAB_BIN") : selfdir);
	if (sim_mkdirs(out)) {
		fprintf(stderr, "roamlab run: cannot create %s\n", out);
		return 2;
	}
	if (!junit) {
		snprintf(path, sizeof(path), "%s/junit.xml", out);
		junit = argc - optind > 1 || repeat > 1 ? path : NULL;
	}
	if (junit) {
		jf = fopen(junit, "w");
		if (jf)
			fprintf(jf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	}
	signal(SIGPIPE, SIG_IGN);
	for (int i = optind; i < argc; i++) {
		for (int k = 0; k < repeat; k++) {
			char dir[700];
			const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
			int blen = (int)strcspn(base, ".");

			if (argc - optind == 1 && repeat == 1)
				snprintf(dir, sizeof(dir), "%s", out);
			else if (repeat == 1)
				snprintf(dir, sizeof(dir), "%s/%.*s", out, blen, base);
			else
				snprintf(dir, sizeof(dir), "%s/%.*s-%d", out, blen, base, k + 1);
			runs++;
			if (sim_run_file(argv[i], dir, seed + (uint64_t)k, seed_given || k > 0,
					 verbose, keys, bindir, jf))
				failed++;
		}
	}
	if (jf) {
		fprintf(jf, "</testsuites>\n");
		fclose(jf);
	}
	if (runs > 1)
		printf("%d runs: %d passed, %d failed\n", runs, runs - failed, failed);
	return failed ? 1 : 0;
}
