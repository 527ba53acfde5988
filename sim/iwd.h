/* SPDX-License-Identifier: MIT */
/* iwd.h: Debian's iwd as a lab station (impl=iwd): its profile, its own
 * D-Bus system bus, and its State events. */
#ifndef ROAMLAB_SIM_IWD_H
#define ROAMLAB_SIM_IWD_H

#include <sys/types.h>

struct sim_run;

/* Write the node's iwd directories: main.conf, the network profile named
 * after ssid= (psk=, sae_password=), and the bus configuration. */
int sim_iwd_write_conf(struct sim_run *r, int i);
/* Start the node's bus, the monitor of its events, and iwd in the node's
 * namespace. Returns iwd's pid or -errno. */
pid_t sim_iwd_start(struct sim_run *r, int i);
/* Stop the bus and the monitor (iwd itself is the node's process). */
void sim_iwd_stop(struct sim_run *r, int i);
void sim_iwd_free(struct sim_run *r, int i);

#endif
