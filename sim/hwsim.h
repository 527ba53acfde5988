/* SPDX-License-Identifier: MIT */
/* hwsim.h: the mac80211_hwsim generic-netlink client: create, delete and
 * list radios. The medium (medium_nl.c) has its own socket. */
#ifndef ROAMLAB_SIM_HWSIM_H
#define ROAMLAB_SIM_HWSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nl_sock;
struct nlmsghdr;

struct sim_hwsim {
	struct nl_sock *sk;
	int family;
	char ext_ack[256];	/* last kernel extended-ACK message */
};

struct sim_radio_info {
	uint32_t id;
	char name[64];
	uint32_t channels;
	bool use_chanctx;
};

typedef void (*sim_radio_list_fn)(const struct sim_radio_info *r, void *ctx);

/* Constructor: NULL (and a logged reason) if hwsim is not available. */
struct sim_hwsim *sim_hwsim_open(void);
void sim_hwsim_close(struct sim_hwsim *h);
/* Create a radio with one channel (so a medium may register), the given
 * permanent MAC, and the given name (also the phy name). destroy_on_close
 * ties the radio to this socket. Returns the radio id (>= 0) or -errno;
 * h->ext_ack holds the kernel's message. */
int sim_hwsim_new_radio(struct sim_hwsim *h, const char *name, const uint8_t mac[6],
			bool destroy_on_close);
/* Delete by name (id < 0) or id. */
int sim_hwsim_del_radio(struct sim_hwsim *h, const char *name, int id);
/* Same, by name, without logging -ENODEV (cleanup of leftovers). */
int sim_hwsim_del_radio_quiet(struct sim_hwsim *h, const char *name);
int sim_hwsim_list(struct sim_hwsim *h, sim_radio_list_fn fn, void *ctx);
/* The file descriptor of the socket (destroy-on-close radios live as long
 * as it is open, also across fork+exec if not CLOEXEC). */
int sim_hwsim_fd(const struct sim_hwsim *h);

/* Shared with the medium: run a request on sk and wait for its ACK,
 * passing any replies to fn. Returns the kernel's (possibly positive)
 * status or -errno; ext_ack (if not NULL) receives the extended-ACK text. */
int sim_nl_request(struct nl_sock *sk, void *msg /* struct nl_msg */,
		   int (*fn)(struct nlmsghdr *nlh, void *ctx), void *ctx,
		   char *ext_ack, size_t ext_len);
/* Extract NLMSGERR_ATTR_MSG from an NLMSG_ERROR message; "" if none. */
void sim_nl_ext_ack(const struct nlmsghdr *nlh, char *buf, size_t len);

#endif
