/* SPDX-License-Identifier: MIT */
/* medium_nl.h: the medium's netlink side: HWSIM_CMD_REGISTER, reception
 * and validation of FRAME / ADD_MAC_ADDR / DEL_MAC_ADDR, and sending of
 * FRAME (to receivers) and TX_INFO_FRAME (to the transmitter). */
#ifndef ROAMLAB_SIM_MEDIUM_NL_H
#define ROAMLAB_SIM_MEDIUM_NL_H

#include <stddef.h>
#include <stdint.h>

#include "medium.h"

struct loop;
struct nlmsghdr;
struct sim_medium_nl;

/* Open a socket, REGISTER as the medium of this netns group, and feed
 * received frames into m (whose ops this sets). NULL on failure, with the
 * kernel's extended ACK logged. */
struct sim_medium_nl *sim_medium_nl_open(struct loop *l, struct sim_medium *m);
void sim_medium_nl_close(struct sim_medium_nl *mn);
int sim_medium_nl_fd(const struct sim_medium_nl *mn);
/* The air observer; called after the medium's own processing. */
void sim_medium_nl_set_air(struct sim_medium_nl *mn,
			   void (*air)(void *ctx, const struct sim_air *a), void *ctx);

enum sim_medium_msg {
	SIM_MSG_FRAME,
	SIM_MSG_ADD_ADDR,
	SIM_MSG_DEL_ADDR,
	SIM_MSG_OTHER,
};

struct sim_medium_parsed {
	enum sim_medium_msg kind;
	struct sim_tx tx;		/* FRAME */
	uint8_t radio[6], addr[6];	/* ADD/DEL_MAC_ADDR */
};

/* Validate one generic-netlink message from hwsim: every attribute the
 * command needs is present with its exact length. Returns 0, or -EINVAL with
 * the reason in why. tx.frame points into nlh. */
int sim_medium_parse_msg(const struct nlmsghdr *nlh, struct sim_medium_parsed *out,
			 char *why, size_t whylen);
/* Parse, then apply to m (log and drop if invalid). */
int sim_medium_handle_msg(struct sim_medium *m, const struct nlmsghdr *nlh);

#endif
