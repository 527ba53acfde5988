// SPDX-License-Identifier: MIT
/* medium_nl.c: netlink transport of the medium. */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hwsim.h"
#include "log.h"
#include "loop.h"
#include "medium_nl.h"

#define TAG "medium"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

struct sim_medium_nl {
	struct loop *loop;
	struct sim_medium *m;
	struct nl_sock *sk;
	struct nl_cb *cb;
	int family;
	struct sim_medium_ops ops;
	void (*air)(void *ctx, const struct sim_air *a);
	void *air_ctx;
	uint64_t send_errors;
	uint64_t kernel_errors;
};

struct attr_rule {
	int type;
	int min, max;		/* payload length bounds */
	bool required;
};

static const struct attr_rule frame_rules[] = {
	{ HWSIM_ATTR_ADDR_TRANSMITTER, 6, 6, true },
	{ HWSIM_ATTR_FRAME, 10, HWSIM_MAX_FRAME_LEN + 64, true },
	{ HWSIM_ATTR_FLAGS, 4, 4, true },
	{ HWSIM_ATTR_COOKIE, 8, 8, true },
	{ HWSIM_ATTR_TX_INFO, HWSIM_TX_MAX_RATES * 2, HWSIM_TX_MAX_RATES * 2, true },
	{ HWSIM_ATTR_FREQ, 4, 4, false },
	{ HWSIM_ATTR_TX_INFO_FLAGS, HWSIM_TX_MAX_RATES * 3, HWSIM_TX_MAX_RATES * 3, false },
};

static const struct attr_rule addr_rules[] = {
	{ HWSIM_ATTR_ADDR_TRANSMITTER, 6, 6, true },
	{ HWSIM_ATTR_ADDR_RECEIVER, 6, 6, true },
};

static const char *attr_name(int t)
{
	switch (t) {
	case HWSIM_ATTR_ADDR_TRANSMITTER: return "ADDR_TRANSMITTER";
	case HWSIM_ATTR_ADDR_RECEIVER: return "ADDR_RECEIVER";
	case HWSIM_ATTR_FRAME: return "FRAME";
	case HWSIM_ATTR_FLAGS: return "FLAGS";
	case HWSIM_ATTR_COOKIE: return "COOKIE";
	case HWSIM_ATTR_TX_INFO: return "TX_INFO";
	case HWSIM_ATTR_FREQ: return "FREQ";
	case HWSIM_ATTR_TX_INFO_FLAGS: return "TX_INFO_FLAGS";
	default: return "?";
	}
}

static int check_attrs(struct nlattr **tb, const struct attr_rule *rules, size_t n,
		       char *why, size_t whylen)
{
	for (size_t i = 0; i < n; i++) {
		const struct nlattr *a = tb[rules[i].type];

		if (!a) {
			if (rules[i].required) {
				snprintf(why, whylen, "missing HWSIM_ATTR_%s", attr_name(rules[i].type));
				return -EINVAL;
			}
			continue;
		}
		if (nla_len(a) < rules[i].min || nla_len(a) > rules[i].max) {
			snprintf(why, whylen, "HWSIM_ATTR_%s has length %d, expected %d..%d",
				 attr_name(rules[i].type), nla_len(a), rules[i].min, rules[i].max);
			return -EINVAL;
		}
	}
	return 0;
}

int sim_medium_parse_msg(const struct nlmsghdr *nlh, struct sim_medium_parsed *out,
			 char *why, size_t whylen)
{
	struct nlattr *tb[HWSIM_ATTR_MAX + 1];
	const struct genlmsghdr *g;
	const struct nlattr *a;
	int rem;

	memset(out, 0, sizeof(*out));
	memset(tb, 0, sizeof(tb));
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
		snprintf(why, whylen, "message of %u bytes is shorter than a genetlink header",
			 nlh->nlmsg_len);
		return -EINVAL;
	}
	g = NLMSG_DATA(nlh);
	/* Walk the attributes ourselves: duplicates and overruns are errors. */
	a = (const struct nlattr *)((const char *)g + GENL_HDRLEN);
	rem = (int)(nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN);
	for (; nla_ok(a, rem); a = nla_next(a, &rem)) {
		int t = nla_type(a);

		if (t <= 0 || t > HWSIM_ATTR_MAX)
			continue;	/* unknown attributes are ignored */
		if (tb[t]) {
			snprintf(why, whylen, "duplicate HWSIM_ATTR_%s", attr_name(t));
			return -EINVAL;
		}
		tb[t] = (struct nlattr *)a;
	}
	if (rem > 0) {
		snprintf(why, whylen, "%d trailing bytes after the last attribute", rem);
		return -EINVAL;
	}
	switch (g->cmd) {
	case HWSIM_CMD_FRAME:
		out->kind = SIM_MSG_FRAME;
		if (check_attrs(tb, frame_rules, sizeof(frame_rules) / sizeof(frame_rules[0]),
				why, whylen))
			return -EINVAL;
		memcpy(out->tx.transmitter, nla_data(tb[HWSIM_ATTR_ADDR_TRANSMITTER]), 6);
		out->tx.frame = nla_data(tb[HWSIM_ATTR_FRAME]);
		out->tx.len = (size_t)nla_len(tb[HWSIM_ATTR_FRAME]);
		memcpy(&out->tx.flags, nla_data(tb[HWSIM_ATTR_FLAGS]), 4);
		memcpy(&out->tx.cookie, nla_data(tb[HWSIM_ATTR_COOKIE]), 8);
		memcpy(out->tx.rates, nla_data(tb[HWSIM_ATTR_TX_INFO]), sizeof(out->tx.rates));
		if (tb[HWSIM_ATTR_FREQ])
			memcpy(&out->tx.freq, nla_data(tb[HWSIM_ATTR_FREQ]), 4);
		return 0;
	case HWSIM_CMD_ADD_MAC_ADDR:
	case HWSIM_CMD_DEL_MAC_ADDR:
		out->kind = g->cmd == HWSIM_CMD_ADD_MAC_ADDR ? SIM_MSG_ADD_ADDR : SIM_MSG_DEL_ADDR;
		if (check_attrs(tb, addr_rules, 2, why, whylen))
			return -EINVAL;
		memcpy(out->radio, nla_data(tb[HWSIM_ATTR_ADDR_TRANSMITTER]), 6);
		memcpy(out->addr, nla_data(tb[HWSIM_ATTR_ADDR_RECEIVER]), 6);
		return 0;
	default:
		out->kind = SIM_MSG_OTHER;
		return 0;
	}
}

int sim_medium_handle_msg(struct sim_medium *m, const struct nlmsghdr *nlh)
{
	struct sim_medium_parsed p;
	char why[128];
	char a[18], b[18];
	int ret;

	if (sim_medium_parse_msg(nlh, &p, why, sizeof(why))) {
		m->st.bad_msgs++;
		log_warn(TAG, "dropped a bad hwsim message: %s", why);
		return -EINVAL;
	}
	switch (p.kind) {
	case SIM_MSG_FRAME:
		sim_medium_tx(m, &p.tx);
		return 0;
	case SIM_MSG_ADD_ADDR:
		ret = sim_medium_add_addr(m, p.radio, p.addr);
		log_dbg(TAG, "radio %s adds address %s: %d", mac_str(p.radio, a),
			mac_str(p.addr, b), ret);
		return ret;
	case SIM_MSG_DEL_ADDR:
		ret = sim_medium_del_addr(m, p.radio, p.addr);
		log_dbg(TAG, "radio %s removes address %s: %d", mac_str(p.radio, a),
			mac_str(p.addr, b), ret);
		return ret;
	case SIM_MSG_OTHER:
		return 0;
	}
	return 0;
}

static struct nl_msg *new_msg(struct sim_medium_nl *mn, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc_size(HWSIM_MAX_FRAME_LEN + 512);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, mn->family, 0, 0, cmd, 1)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int send_msg(struct sim_medium_nl *mn, struct nl_msg *msg)
{
	int ret = nl_send_auto(mn->sk, msg);

	nlmsg_free(msg);
	if (ret < 0) {
		mn->send_errors++;
		if (mn->send_errors < 10 || mn->send_errors % 1000 == 0)
			log_warn(TAG, "netlink send failed: %s (%llu so far)", nl_geterror(ret),
				 (unsigned long long)mn->send_errors);
		return -EIO;
	}
	return 0;
}

static int op_deliver(void *ctx, const uint8_t rx[6], const uint8_t *frame, size_t len,
		      uint32_t rate_idx, int32_t signal, uint32_t freq)
{
	struct sim_medium_nl *mn = ctx;
	struct nl_msg *msg = new_msg(mn, HWSIM_CMD_FRAME);

	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, HWSIM_ATTR_ADDR_RECEIVER, 6, rx) ||
	    nla_put(msg, HWSIM_ATTR_FRAME, (int)len, frame) ||
	    nla_put_u32(msg, HWSIM_ATTR_RX_RATE, rate_idx) ||
	    nla_put_u32(msg, HWSIM_ATTR_SIGNAL, (uint32_t)signal) ||
	    (freq && nla_put_u32(msg, HWSIM_ATTR_FREQ, freq))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return send_msg(mn, msg);
}

static int op_tx_status(void *ctx, const uint8_t tx[6], uint32_t flags, uint64_t cookie,
			int32_t ack_signal, const struct hwsim_tx_rate rates[HWSIM_TX_MAX_RATES])
{
	struct sim_medium_nl *mn = ctx;
	struct nl_msg *msg = new_msg(mn, HWSIM_CMD_TX_INFO_FRAME);

	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, HWSIM_ATTR_ADDR_TRANSMITTER, 6, tx) ||
	    nla_put_u32(msg, HWSIM_ATTR_FLAGS, flags) ||
	    nla_put_u32(msg, HWSIM_ATTR_SIGNAL, (uint32_t)ack_signal) ||
	    nla_put(msg, HWSIM_ATTR_TX_INFO, HWSIM_TX_MAX_RATES * sizeof(rates[0]), rates) ||
	    nla_put_u64(msg, HWSIM_ATTR_COOKIE, cookie)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return send_msg(mn, msg);
}

static void op_air(void *ctx, const struct sim_air *a)
{
	struct sim_medium_nl *mn = ctx;

	if (mn->air)
		mn->air(mn->air_ctx, a);
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct sim_medium_nl *mn = arg;

	sim_medium_handle_msg(mn->m, nlmsg_hdr(msg));
	return NL_OK;
}

static int on_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct sim_medium_nl *mn = arg;

	/* hwsim refuses frames for radios that are idle or off-channel with
	 * -EINVAL; that is normal, count it. */
	mn->kernel_errors++;
	return NL_SKIP;
}

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

static void on_readable(struct loop *l, int fd, uint32_t events, void *ctx)
{
	struct sim_medium_nl *mn = ctx;
	int ret;

	for (int i = 0; i < 64; i++) {
		ret = nl_recvmsgs(mn->sk, mn->cb);
		if (ret == -NLE_AGAIN)
			break;
		if (ret == -NLE_NOMEM) {
			log_warn(TAG, "netlink receive buffer overrun; frames were lost");
			continue;
		}
		if (ret < 0) {
			log_dbg(TAG, "netlink receive: %s", nl_geterror(ret));
			break;
		}
	}
}

struct sim_medium_nl *sim_medium_nl_open(struct loop *l, struct sim_medium *m)
{
	struct sim_medium_nl *mn = calloc(1, sizeof(*mn));
	struct nl_msg *msg = NULL;
	char ext[256];
	int one = 1, ret;

	if (!mn)
		return NULL;
	mn->loop = l;
	mn->m = m;
	mn->sk = nl_socket_alloc();
	if (!mn->sk || genl_connect(mn->sk))
		goto fail;
	setsockopt(nl_socket_get_fd(mn->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_set_buffer_size(mn->sk, 8 << 20, 8 << 20);
	{
		/* SO_RCVBUF is capped by net.core.rmem_max (about 200 KiB): a
		 * burst of frames overran it. As root, force the 8 MiB. */
		int sz = 8 << 20;

		if (setsockopt(nl_socket_get_fd(mn->sk), SOL_SOCKET, SO_RCVBUFFORCE,
			       &sz, sizeof(sz)) < 0)
			log_dbg(TAG, "SO_RCVBUFFORCE: %s (receive buffer stays capped)",
				strerror(errno));
	}
	mn->family = genl_ctrl_resolve(mn->sk, HWSIM_GENL_NAME);
	if (mn->family < 0) {
		log_err(TAG, "no %s generic netlink family: is mac80211_hwsim loaded?",
			HWSIM_GENL_NAME);
		goto fail;
	}
	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, mn->family, 0, 0,
				 HWSIM_CMD_REGISTER, 1))
		goto fail;
	ret = sim_nl_request(mn->sk, msg, NULL, NULL, ext, sizeof(ext));
	nlmsg_free(msg);
	msg = NULL;
	if (ret < 0) {
		log_err(TAG, "HWSIM_CMD_REGISTER: %s%s%s%s", strerror(-ret), ext[0] ? ": " : "",
			ext,
			ret == -EBUSY ? " (another medium is registered)" :
			ret == -EOPNOTSUPP ? " (a radio has more than one channel)" : "");
		goto fail;
	}
	mn->ops.deliver = op_deliver;
	mn->ops.tx_status = op_tx_status;
	mn->ops.air = op_air;
	m->ops = &mn->ops;
	m->ops_ctx = mn;
	mn->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!mn->cb)
		goto fail;
	nl_cb_set(mn->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, mn);
	nl_cb_err(mn->cb, NL_CB_CUSTOM, on_err, mn);
	/* frames arrive unsolicited, with sequence number 0 */
	nl_cb_set(mn->cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_socket_disable_seq_check(mn->sk);
	nl_socket_set_nonblocking(mn->sk);
	if (loop_add_fd(l, nl_socket_get_fd(mn->sk), 1 /* EPOLLIN */, on_readable, mn))
		goto fail;
	log_info(TAG, "registered as the medium (%s, seed %llu)",
		 sim_model_kind_name(m->model.kind), (unsigned long long)m->model.seed);
	return mn;
fail:
	if (msg)
		nlmsg_free(msg);
	if (m->ops == &mn->ops)
		m->ops = NULL;
	if (mn->cb)
		nl_cb_put(mn->cb);
	if (mn->sk)
		nl_socket_free(mn->sk);
	free(mn);
	return NULL;
}

void sim_medium_nl_close(struct sim_medium_nl *mn)
{
	if (!mn)
		return;
	loop_del_fd(mn->loop, nl_socket_get_fd(mn->sk));
	if (mn->m->ops == &mn->ops)
		mn->m->ops = NULL;
	nl_cb_put(mn->cb);
	nl_socket_free(mn->sk);
	free(mn);
}

void sim_medium_nl_set_air(struct sim_medium_nl *mn,
			   void (*air)(void *ctx, const struct sim_air *a), void *ctx)
{
	mn->air = air;
	mn->air_ctx = ctx;
}

int sim_medium_nl_fd(const struct sim_medium_nl *mn)
{
	return nl_socket_get_fd(mn->sk);
}
