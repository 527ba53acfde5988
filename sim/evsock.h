/* SPDX-License-Identifier: MIT */
/* evsock.h: the lab's side of a node's control socket. Speaks the datagram
 * protocol that roamlab-ap/-sta (common/ctrl.h), hostapd and wpa_supplicant
 * share: ATTACH, then unsolicited events, "<N>TEXT" from the hostap
 * daemons and "EVENT name t=.. k=v" from ours. Non-blocking throughout. */
#ifndef ROAMLAB_SIM_EVSOCK_H
#define ROAMLAB_SIM_EVSOCK_H

#include <stdbool.h>
#include <stddef.h>

struct sim_evsock {
	int fd;
	bool attached;
	char local[108];
	char remote[108];
};

enum sim_dgram_kind {
	SIM_DGRAM_EVENT,
	SIM_DGRAM_REPLY,
};

struct sim_dgram {
	enum sim_dgram_kind kind;
	char name[64];		/* event name */
	char *rest;		/* text after the name (k=v... or free text) */
};

void sim_evsock_init(struct sim_evsock *s);
/* Connect to remote, bind a client socket at local, send attach ("ATTACH
 * roamlab" to roamlab's daemons for EVENT lines, "ATTACH" to hostapd and
 * wpa_supplicant). Returns 0 or -errno (-ENOENT/-ECONNREFUSED while the
 * daemon is not up yet). */
int sim_evsock_open(struct sim_evsock *s, const char *remote, const char *local,
		    const char *attach);
void sim_evsock_close(struct sim_evsock *s);
int sim_evsock_send(struct sim_evsock *s, const char *cmd);
/* Read one datagram into buf (NUL-terminated, trailing newlines removed).
 * Returns its length, -EAGAIN, or -errno. */
int sim_evsock_recv(struct sim_evsock *s, char *buf, size_t len);
/* Classify a datagram (modifies buf). */
void sim_dgram_parse(char *buf, struct sim_dgram *d);

#endif
