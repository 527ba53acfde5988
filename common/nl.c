// SPDX-License-Identifier: MIT
/* nl.c: generic netlink sockets with extended ACK, request/response with
 * sequence matching, and deferred delivery of unsolicited messages. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "log.h"
#include "loop.h"
#include "nl.h"
#include "util.h"

#define NL_TAG "nl"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct nlh_pending {
	struct nl_msg *msg;
	struct nlh_pending *next;
};

struct nlh_sock {
	struct nl_sock *sk;
	struct nl_cb *cb;
	struct loop *loop;
	char name[32];
	nlh_msg_cb ucb;		/* unsolicited messages */
	void *uctx;
	int timeout_ms;

	/* the request being waited for */
	bool waiting;
	bool done;
	uint32_t seq;
	int error;
	nlh_msg_cb reply_cb;
	void *reply_arg;
	char extack[256];

	/* unsolicited messages not yet delivered */
	struct nlh_pending *head, *tail;
	struct loop_timer *flush_timer;
	bool dispatching;
	bool freeing;
};

int nlh_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case 0: return 0;
	case NLE_NOMEM: return -ENOMEM;
	case NLE_AGAIN: return -EAGAIN;
	case NLE_INVAL: return -EINVAL;
	case NLE_RANGE: return -ERANGE;
	case NLE_MSGSIZE: return -EMSGSIZE;
	case NLE_OPNOTSUPP: return -EOPNOTSUPP;
	case NLE_OBJ_NOTFOUND: return -ENOENT;
	case NLE_EXIST: return -EEXIST;
	case NLE_BUSY: return -EBUSY;
	case NLE_PERM: return -EPERM;
	case NLE_NODEV: return -ENODEV;
	case NLE_MSG_TRUNC: return -EMSGSIZE;
	case NLE_MSG_OVERFLOW: return -ENOBUFS;
	default: return -EIO;
	}
}

static void queue_msg(struct nlh_sock *s, struct nl_msg *msg)
{
	struct nlh_pending *p;

	if (!s->ucb)
		return;
	p = calloc(1, sizeof(*p));
	if (!p) {
		log_err(NL_TAG, "%s: out of memory, message dropped", s->name);
		return;
	}
	nlmsg_get(msg);
	p->msg = msg;
	if (s->tail)
		s->tail->next = p;
	else
		s->head = p;
	s->tail = p;
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct nlh_sock *s = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);

	if (s->waiting && h->nlmsg_seq == s->seq) {
		if (s->reply_cb)
			s->reply_cb(msg, s->reply_arg);
		return NL_SKIP;
	}
	queue_msg(s, msg);
	return NL_SKIP;
}

static int finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlh_sock *s = arg;

	if (s->waiting && nlmsg_hdr(msg)->nlmsg_seq == s->seq) {
		s->done = true;
		s->error = 0;
	}
	return NL_SKIP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	return finish_cb(msg, arg);
}

static int seq_cb(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

/* Extended ACK (linux/netlink.h): after struct nlmsgerr come either the
 * whole request or, with NLM_F_CAPPED, only its header; then, with
 * NLM_F_ACK_TLVS, attributes such as NLMSGERR_ATTR_MSG. */
static void parse_extack(struct nlh_sock *s, const struct nlmsghdr *nlh,
			 const struct nlmsgerr *e)
{
	size_t payload, off;
	const struct nlattr *a;
	int rem;

	s->extack[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
		return;
	payload = nlh->nlmsg_len - NLMSG_HDRLEN;
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	}
	if (off >= payload)
		return;
	a = (const struct nlattr *)((const uint8_t *)e + off);
	rem = (int)(payload - off);
	for (; nla_ok(a, rem); a = nla_next(a, &rem)) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0) {
			size_t n = (size_t)nla_len(a);

			if (n > sizeof(s->extack) - 1)
				n = sizeof(s->extack) - 1;
			memcpy(s->extack, nla_data(a), n);
			s->extack[n] = '\0';
			/* the kernel includes the NUL; strip trailing \n */
			n = strlen(s->extack);
			while (n && s->extack[n - 1] == '\n')
				s->extack[--n] = '\0';
		}
	}
}

static int err_cb(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlh_sock *s = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((uint8_t *)e - NLMSG_HDRLEN);

	if (!s->waiting || nlh->nlmsg_seq != s->seq)
		return NL_SKIP;
	s->done = true;
	s->error = e->error;
	parse_extack(s, nlh, e);
	return NL_SKIP;
}

static void dispatch_pending(struct nlh_sock *s)
{
	if (s->dispatching)
		return;
	s->dispatching = true;
	while (s->head && !s->freeing) {
		struct nlh_pending *p = s->head;

		s->head = p->next;
		if (!s->head)
			s->tail = NULL;
		s->ucb(p->msg, s->uctx);
		nlmsg_free(p->msg);
		free(p);
	}
	s->dispatching = false;
}

static void flush_timer_cb(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct nlh_sock *s = ctx;

	s->flush_timer = NULL;
	dispatch_pending(s);
}

static void schedule_flush(struct nlh_sock *s)
{
	if (s->head && s->loop && !s->flush_timer && !s->dispatching)
		s->flush_timer = loop_timer_add(s->loop, 0, flush_timer_cb, s);
}

static void readable_cb(struct loop *l, int fd, uint32_t events, void *ctx)
{
	struct nlh_sock *s = ctx;
	int ret;

	/* Drain the socket into the queue, then deliver in order. */
	for (;;) {
		ret = nl_recvmsgs(s->sk, s->cb);
		if (ret == -NLE_AGAIN)
			break;
		if (ret < 0) {
			if (ret == -NLE_NOMEM)
				log_warn(NL_TAG, "%s: receive overrun, events lost",
					 s->name);
			else
				log_warn(NL_TAG, "%s: receive: %s", s->name,
					 nl_geterror(ret));
			break;
		}
	}
	dispatch_pending(s);
}

struct nlh_sock *nlh_sock_new(struct loop *l, const char *name,
			      nlh_msg_cb cb, void *ctx)
{
	struct nlh_sock *s = calloc(1, sizeof(*s));
	int one = 1, fd, ret;

	if (!s)
		return NULL;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->loop = l;
	s->ucb = cb;
	s->uctx = ctx;
	s->timeout_ms = 5000;
	s->sk = nl_socket_alloc();
	s->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!s->sk || !s->cb)
		goto fail;
	ret = genl_connect(s->sk);
	if (ret < 0) {
		log_err(NL_TAG, "%s: cannot open generic netlink: %s", name,
			nl_geterror(ret));
		goto fail;
	}
	fd = nl_socket_get_fd(s->sk);
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) < 0)
		log_dbg(NL_TAG, "%s: NETLINK_EXT_ACK not supported", name);
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_set_nonblocking(s->sk);
	nl_socket_enable_msg_peek(s->sk);
	nl_socket_set_buffer_size(s->sk, 1 << 20, 1 << 18);
	nl_cb_set(s->cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, s);
	nl_cb_set(s->cb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, s);
	nl_cb_set(s->cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, s);
	nl_cb_set(s->cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, seq_cb, s);
	nl_cb_err(s->cb, NL_CB_CUSTOM, err_cb, s);
	if (l && loop_add_fd(l, fd, EPOLLIN, readable_cb, s) < 0) {
		log_err(NL_TAG, "%s: cannot add to loop", name);
		goto fail;
	}
	return s;
fail:
	if (s->cb)
		nl_cb_put(s->cb);
	if (s->sk)
		nl_socket_free(s->sk);
	free(s);
	return NULL;
}

void nlh_sock_free(struct nlh_sock *s)
{
	if (!s)
		return;
	s->freeing = true;
	if (s->flush_timer)
		loop_timer_cancel(s->loop, s->flush_timer);
	while (s->head) {
		struct nlh_pending *p = s->head;

		s->head = p->next;
		nlmsg_free(p->msg);
		free(p);
	}
	if (s->loop)
		loop_del_fd(s->loop, nl_socket_get_fd(s->sk));
	nl_cb_put(s->cb);
	nl_socket_free(s->sk);
	free(s);
}

struct nl_sock *nlh_raw(struct nlh_sock *s)
{
	return s->sk;
}

uint32_t nlh_portid(struct nlh_sock *s)
{
	return nl_socket_get_local_port(s->sk);
}

const char *nlh_last_extack(struct nlh_sock *s)
{
	return s->extack;
}

void nlh_set_timeout(struct nlh_sock *s, int timeout_ms)
{
	s->timeout_ms = timeout_ms;
}

/* The libnl controller helpers block on the socket: use a private blocking
 * socket for them. */
static struct nl_sock *ctrl_sock(void)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk)
		return NULL;
	if (genl_connect(sk) < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	return sk;
}

int nlh_resolve_family(struct nlh_sock *s, const char *family)
{
	struct nl_sock *sk = ctrl_sock();
	int id = sk ? genl_ctrl_resolve(sk, family) : -NLE_NOMEM;

	if (sk)
		nl_socket_free(sk);
	if (id < 0) {
		log_err(NL_TAG, "%s: generic netlink family '%s' not found "
			"(is the kernel module loaded?)", s->name, family);
		return -ENOENT;
	}
	return id;
}

int nlh_join_group(struct nlh_sock *s, const char *family, const char *group)
{
	struct nl_sock *sk = ctrl_sock();
	int grp = sk ? genl_ctrl_resolve_grp(sk, family, group) : -NLE_NOMEM;
	int ret;

	if (sk)
		nl_socket_free(sk);
	if (grp < 0) {
		log_warn(NL_TAG, "%s: %s has no multicast group '%s'", s->name,
			 family, group);
		return -ENOENT;
	}
	ret = nl_socket_add_membership(s->sk, grp);
	if (ret < 0) {
		log_err(NL_TAG, "%s: joining %s/%s: %s", s->name, family, group,
			nl_geterror(ret));
		return nlh_errno(ret);
	}
	return 0;
}

struct nl_msg *nlh_msg_new(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static void free_msg(struct nl_msg *msg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);

	secure_zero(h, h->nlmsg_len);
	nlmsg_free(msg);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int nlh_send_wait(struct nlh_sock *s, struct nl_msg *msg, nlh_msg_cb cb,
		  void *arg, const char *what)
{
	uint64_t deadline = now_ms() + (uint64_t)s->timeout_ms;
	struct pollfd pfd = { .fd = nl_socket_get_fd(s->sk), .events = POLLIN };
	int ret;

	if (s->waiting) {
		log_err(NL_TAG, "%s: %s: request while another is pending",
			s->name, what);
		free_msg(msg);
		return -EBUSY;
	}
	s->extack[0] = '\0';
	ret = nl_send_auto(s->sk, msg);
	if (ret < 0) {
		ret = nlh_errno(ret);
		log_err(NL_TAG, "%s: sending failed: %s", what, strerror(-ret));
		goto cleanup;
	}
	s->seq = nlmsg_hdr(msg)->nlmsg_seq;
	s->waiting = true;
	s->done = false;
	s->error = 0;
	s->reply_cb = cb;
	s->reply_arg = arg;
	while (!s->done) {
		uint64_t now;

		ret = nl_recvmsgs(s->sk, s->cb);
		if (ret >= 0 || s->done)
			continue;
		if (ret != -NLE_AGAIN) {
			/* overrun or similar: keep waiting for our reply */
			log_warn(NL_TAG, "%s: receive: %s", what,
				 nl_geterror(ret));
			if (ret != -NLE_NOMEM)
				break;
		}
		now = now_ms();
		if (now >= deadline)
			break;
		if (poll(&pfd, 1, (int)(deadline - now)) < 0 && errno != EINTR)
			break;
	}
	s->waiting = false;
	s->reply_cb = NULL;
	if (!s->done) {
		log_err(NL_TAG, "%s: no answer from the kernel", what);
		ret = -ETIMEDOUT;
	} else if (s->error) {
		ret = s->error < 0 ? s->error : -s->error;
		if (s->extack[0])
			log_err(NL_TAG, "%s: %s (kernel: %s)", what,
				strerror(-ret), s->extack);
		else if (ret == -ENOENT || ret == -ENOLINK || ret == -EALREADY)
			log_dbg(NL_TAG, "%s: %s", what, strerror(-ret));
		else
			log_warn(NL_TAG, "%s: %s (no extended ACK message)",
				 what, strerror(-ret));
	} else {
		ret = 0;
	}
	schedule_flush(s);
cleanup:
	free_msg(msg);
	return ret;
}

int nlh_send(struct nlh_sock *s, struct nl_msg *msg)
{
	int ret;

	nl_socket_disable_auto_ack(s->sk);
	ret = nl_send_auto(s->sk, msg);
	nl_socket_enable_auto_ack(s->sk);
	free_msg(msg);
	return ret < 0 ? nlh_errno(ret) : 0;
}

int nlh_parse(struct nl_msg *msg, struct nlattr **tb, int maxattr,
	      const struct nla_policy *policy)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	int ret;

	if (!genlmsg_valid_hdr(h, 0)) {
		log_warn(NL_TAG, "truncated generic netlink message");
		return -EINVAL;
	}
	ret = genlmsg_parse(h, 0, tb, maxattr, (struct nla_policy *)policy);
	if (ret < 0) {
		log_warn(NL_TAG, "malformed netlink message (cmd %u): %s",
			 nlh_cmd(msg), nl_geterror(ret));
		return -EINVAL;
	}
	return 0;
}

uint8_t nlh_cmd(struct nl_msg *msg)
{
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));

	return g->cmd;
}
