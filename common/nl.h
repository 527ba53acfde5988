/* SPDX-License-Identifier: MIT */
/* nl.h: libnl-3 generic netlink helpers.
 *
 * A struct nlh_sock wraps one non-blocking generic netlink socket with
 * extended ACK enabled. Requests go out with nlh_send_wait(), which waits
 * for the reply/ACK matching the request's sequence number and returns the
 * kernel's errno; the kernel's extended-ACK text is logged and kept
 * (nlh_last_extack()). Messages that are not replies to the request
 * (multicast events, frames, TX status) are queued and later given to the
 * socket's unsolicited callback from the loop, never re-entrantly inside
 * nlh_send_wait().
 */
#ifndef ROAMLAB_NL_H
#define ROAMLAB_NL_H

#include <stdbool.h>
#include <stdint.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

struct loop;
struct nlh_sock;

/* Called for each message; return NL_OK or NL_SKIP. */
typedef int (*nlh_msg_cb)(struct nl_msg *msg, void *arg);

/* Open a NETLINK_GENERIC socket named name (for logs). If l is given, the
 * socket is registered on it and unsolicited messages are passed to cb(ctx)
 * as they arrive; with l == NULL the socket is only for requests (cb may be
 * NULL). NULL on failure (logged). */
struct nlh_sock *nlh_sock_new(struct loop *l, const char *name,
			      nlh_msg_cb cb, void *ctx);
void nlh_sock_free(struct nlh_sock *s);
struct nl_sock *nlh_raw(struct nlh_sock *s);
uint32_t nlh_portid(struct nlh_sock *s);

/* Family id of a generic netlink family, or -ENOENT (logged). */
int nlh_resolve_family(struct nlh_sock *s, const char *family);
/* Join a multicast group of family. 0, or -ENOENT if the group does not
 * exist. */
int nlh_join_group(struct nlh_sock *s, const char *family, const char *group);

/* A new message for family/cmd (flags e.g. NLM_F_DUMP). NULL on ENOMEM. */
struct nl_msg *nlh_msg_new(int family, uint8_t cmd, int flags);

/* Send msg (always consumed; its buffer is zeroed before being freed, since
 * it may carry keys) and wait for the ACK, the reply, or all parts of a
 * dump. cb (may be NULL) gets each reply message. what names the request
 * in error messages ("wlan0: NEW_KEY"). Returns 0, the kernel's negative
 * errno, or -ETIMEDOUT after timeout. */
int nlh_send_wait(struct nlh_sock *s, struct nl_msg *msg, nlh_msg_cb cb,
		  void *arg, const char *what);
/* Send without waiting (no ACK requested). */
int nlh_send(struct nlh_sock *s, struct nl_msg *msg);
/* Extended-ACK message of the last failed request, or "" if none. */
const char *nlh_last_extack(struct nlh_sock *s);
/* Default wait in ms for nlh_send_wait (5000). */
void nlh_set_timeout(struct nlh_sock *s, int timeout_ms);

/* Parse the attributes of a generic netlink message against policy. Logs
 * and returns -EINVAL on a malformed message. tb has maxattr + 1 slots. */
int nlh_parse(struct nl_msg *msg, struct nlattr **tb, int maxattr,
	      const struct nla_policy *policy);
/* Generic netlink command of msg. */
uint8_t nlh_cmd(struct nl_msg *msg);

/* Map a libnl error (-NLE_*) to a negative errno. */
int nlh_errno(int nlerr);

#endif
