/* SPDX-License-Identifier: MIT */
/* sim.h: entry points of roamlab's subcommands (main.c dispatches). */
#ifndef ROAMLAB_SIM_SIM_H
#define ROAMLAB_SIM_SIM_H

/* roamlab run FILE... (run.c) */
int sim_run_main(int argc, char **argv);
/* roamlab ctl ... (ctl.c) */
int sim_ctl_main(int argc, char **argv);

#endif
