// SPDX-License-Identifier: MIT
/* main.c: roamlab, the lab. Subcommands: run, radios, medium, ctl. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hwsim.h"
#include "inject.h"
#include "log.h"
#include "loop.h"
#include "medium.h"
#include "medium_nl.h"
#include "pncheck.h"
#include "sim.h"
#include "topo.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: roamlab COMMAND [ARGS]\n"
		"  run FILE... [--out DIR] [--seed N] [--repeat N] [--junit FILE] [-v] [-K]\n"
		"        run topology files and judge them (exit 0 only if all pass)\n"
		"  radios list | add NAME [MAC] | del NAME|ID\n"
		"        mac80211_hwsim radios (channels=1, named, stable MAC)\n"
		"  medium [--model free-space|log-distance] [--exponent N] [--ref-loss DB]\n"
		"         [--shadowing DB] [--noise DBM] [--seed N] [--pos MAC=X,Y]... [-d]\n"
		"        run the medium alone for a manual setup (Ctrl-C prints statistics)\n"
		"  ctl [-p CTRL_DIR] [-i IFACE | SOCKET] COMMAND...   send one command\n"
		"  ctl [-p CTRL_DIR] [-i IFACE | SOCKET] -a           print events\n"
		"  check FILE...   check topology files; every error as file:line: key: ...\n"
		"  inject -i MONIF capture|send|beacon ...   a rogue radio (roamlab inject -h)\n"
		"  pncheck [-v] FILE.pcap...   key reinstallation (PN reuse) check of a capture\n");
}

static void print_radio(const struct sim_radio_info *r, void *ctx)
{
	printf("%-4u %-16s channels=%u%s\n", r->id, r->name, r->channels,
	       r->use_chanctx ? " chanctx" : "");
}

static int cmd_radios(int argc, char **argv)
{
	struct sim_hwsim *h;
	uint8_t mac[6];
	int ret = 1;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	h = sim_hwsim_open();
	if (!h)
		return 1;
	if (!strcmp(argv[1], "list")) {
		ret = sim_hwsim_list(h, print_radio, NULL) ? 1 : 0;
	} else if (!strcmp(argv[1], "add") && (argc == 3 || argc == 4)) {
		if (argc == 4 && mac_parse(argv[3], mac)) {
			fprintf(stderr, "roamlab radios add: bad MAC '%s'\n", argv[3]);
			goto cleanup;
		}
		if (argc == 3)
			sim_name_mac(argv[2], mac);
		int id = sim_hwsim_new_radio(h, argv[2], mac, false);

		if (id >= 0) {
			char b[18];

			printf("%d %s %s\n", id, argv[2], mac_str(mac, b));
			ret = 0;
		}
	} else if (!strcmp(argv[1], "del") && argc == 3) {
		char *end;
		long id = strtol(argv[2], &end, 10);

		ret = sim_hwsim_del_radio(h, argv[2], *end ? -1 : (int)id) ? 1 : 0;
	} else {
		usage(stderr);
		ret = 2;
	}
cleanup:
	sim_hwsim_close(h);
	return ret;
}

static void on_stop(struct loop *l, int signo, void *ctx)
{
	loop_quit(l, 0);
}

static int cmd_medium(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "exponent", required_argument, NULL, 'e' },
		{ "ref-loss", required_argument, NULL, 'r' },
		{ "shadowing", required_argument, NULL, 's' },
		{ "noise", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 'S' },
		{ "pos", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	struct sim_model model;
	struct sim_medium *m = NULL;
	struct sim_medium_nl *mn = NULL;
	struct loop *l = NULL;
	char *pos[SIM_NODES_MAX];
	int npos = 0, c, ret = 1;
	uint64_t t0;

	sim_model_defaults(&model);
	while ((c = getopt_long(argc, argv, "d", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (sim_model_kind_parse(optarg, &model.kind)) {
				fprintf(stderr, "--model expects free-space or log-distance\n");
				return 2;
			}
			break;
		case 'e':
			model.exponent = atof(optarg);
			break;
		case 'r':
			model.ref_loss_db = atof(optarg);
			break;
		case 's':
			model.shadowing_db = atof(optarg);
			break;
		case 'n':
			model.noise_dbm = atof(optarg);
			break;
		case 'S':
			model.seed = strtoull(optarg, NULL, 0);
			break;
		case 'p':
			if (npos < SIM_NODES_MAX)
				pos[npos++] = optarg;
			break;
		case 'd':
			log_set_level(log_get_level() > LOG_LVL_EXCESSIVE ?
				      log_get_level() - 1 : LOG_LVL_EXCESSIVE);
			break;
		default:
			return 2;
		}
	}
	l = loop_new();
	if (!l)
		goto cleanup;
	m = sim_medium_new(l, &model, model.seed, NULL, NULL);
	if (!m)
		goto cleanup;
	m->auto_add = true;
	for (int i = 0; i < npos; i++) {
		uint8_t mac[6];
		double x, y;
		char *eq = strchr(pos[i], '=');

		if (!eq || (*eq = '\0', mac_parse(pos[i], mac)) ||
		    sscanf(eq + 1, "%lf,%lf", &x, &y) != 2) {
			fprintf(stderr, "--pos expects MAC=X,Y\n");
			goto cleanup;
		}
		sim_medium_add_radio(m, pos[i], mac, x, y, 20);
	}
	mn = sim_medium_nl_open(l, m);
	if (!mn)
		goto cleanup;
	loop_add_signal(l, SIGINT, on_stop, NULL);
	loop_add_signal(l, SIGTERM, on_stop, NULL);
	printf("medium: %s, exponent %.1f, noise %.0f dBm, seed %llu; Ctrl-C to stop\n",
	       sim_model_kind_name(model.kind), model.exponent, model.noise_dbm,
	       (unsigned long long)model.seed);
	fflush(stdout);
	t0 = loop_now_us(l);
	loop_run(l);
	{
		double secs = (loop_now_us(l) - t0) / 1e6;

		printf("frames %llu, deliveries %llu, lost %llu, rule drops %llu, bad %llu, "
		       "%.0f frames/s over %.1f s\n",
		       (unsigned long long)m->st.frames_in, (unsigned long long)m->st.deliveries,
		       (unsigned long long)m->st.lost, (unsigned long long)m->st.rule_drops,
		       (unsigned long long)m->st.bad_msgs,
		       secs > 0 ? m->st.frames_in / secs : 0.0, secs);
	}
	ret = 0;
cleanup:
	sim_medium_nl_close(mn);
	sim_medium_free(m);
	if (l)
		loop_free(l);
	return ret;
}

/* Every problem of every file, as file:line: key: what was expected. */
static int cmd_check(int argc, char **argv)
{
	int bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: roamlab check FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct sim_diags d = { 0 };
		struct sim_topo *t = sim_topo_check_file(argv[i], &d);

		if (!t) {
			sim_diags_print(&d, stderr);
			fprintf(stderr, "%s: %zu error%s\n", argv[i], d.n, d.n == 1 ? "" : "s");
			sim_diags_free(&d);
			bad++;
			continue;
		}
		printf("%s: OK: %zu nodes, %zu steps, %zu expectations\n", argv[i], t->n_nodes,
		       t->n_steps, t->n_expects);
		sim_topo_free(t);
	}
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return argc < 2 ? 2 : 0;
	}
	log_set_level(LOG_LVL_INFO);
	if (!strcmp(argv[1], "radios"))
		return cmd_radios(argc - 1, argv + 1);
	if (!strcmp(argv[1], "medium"))
		return cmd_medium(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "run"))
		return sim_run_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "inject"))
		return sim_inject_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "pncheck"))
		return sim_pncheck_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "ctl"))
		return sim_ctl_main(argc - 1, argv + 1);
	fprintf(stderr, "roamlab: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
