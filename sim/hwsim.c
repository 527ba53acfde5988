// SPDX-License-Identifier: MIT
/* hwsim.c: radios over the MAC80211_HWSIM generic-netlink family. */
#include <errno.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hwsim.h"
#include "hwsim_uapi.h"
#include "log.h"

#define TAG "hwsim"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

void sim_nl_ext_ack(const struct nlmsghdr *nlh, char *buf, size_t len)
{
	const struct nlmsgerr *e;
	size_t off;
	const struct nlattr *a;
	int rem;

	if (len)
		buf[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e) ||
	    !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	e = NLMSG_DATA(nlh);
	off = NLMSG_HDRLEN + sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	}
	if (off >= nlh->nlmsg_len)
		return;
	a = (const struct nlattr *)((const char *)nlh + off);
	rem = (int)(nlh->nlmsg_len - off);
	for (; nla_ok(a, rem); a = nla_next(a, &rem)) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0) {
			snprintf(buf, len, "%.*s", nla_len(a), (const char *)nla_data(a));
			/* strip the trailing NUL/newline the kernel may send */
			size_t l = strlen(buf);

			while (l && (buf[l - 1] == '\n'))
				buf[--l] = '\0';
			return;
		}
	}
}

struct req_state {
	int (*fn)(struct nlmsghdr *nlh, void *ctx);
	void *ctx;
	int status;
	bool done;
	char *ext_ack;
	size_t ext_len;
};

static int cb_valid(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	if (st->fn)
		st->fn(nlmsg_hdr(msg), st->ctx);
	return NL_OK;
}

static int cb_finish(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	st->done = true;
	st->status = 0;
	return NL_STOP;
}

static int cb_ack(struct nl_msg *msg, void *arg)
{
	struct req_state *st = arg;

	st->done = true;
	st->status = 0;
	return NL_STOP;
}

static int cb_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct req_state *st = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);

	st->done = true;
	/* hwsim's NEW_RADIO reports the new radio id as a positive status */
	st->status = e->error;
	if (st->ext_ack)
		sim_nl_ext_ack(nlh, st->ext_ack, st->ext_len);
	return NL_STOP;
}

int sim_nl_request(struct nl_sock *sk, void *m, int (*fn)(struct nlmsghdr *, void *),
		   void *ctx, char *ext_ack, size_t ext_len)
{
	struct nl_msg *msg = m;
	struct req_state st = { .fn = fn, .ctx = ctx, .ext_ack = ext_ack,
				.ext_len = ext_len };
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int ret;

	if (ext_ack && ext_len)
		ext_ack[0] = '\0';
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, cb_valid, &st);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, cb_finish, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, cb_ack, &st);
	nl_cb_err(cb, NL_CB_CUSTOM, cb_err, &st);
	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	ret = nl_send_auto(sk, msg);
	if (ret < 0) {
		ret = -EIO;
		goto cleanup;
	}
	while (!st.done) {
		ret = nl_recvmsgs(sk, cb);
		if (ret < 0 && !st.done) {
			ret = -EIO;
			goto cleanup;
		}
	}
	ret = st.status;
cleanup:
	nl_cb_put(cb);
	return ret;
}

struct sim_hwsim *sim_hwsim_open(void)
{
	struct sim_hwsim *h = calloc(1, sizeof(*h));
	int one = 1;

	if (!h)
		return NULL;
	h->sk = nl_socket_alloc();
	if (!h->sk)
		goto fail;
	if (genl_connect(h->sk)) {
		log_err(TAG, "cannot open a generic netlink socket");
		goto fail;
	}
	setsockopt(nl_socket_get_fd(h->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	h->family = genl_ctrl_resolve(h->sk, HWSIM_GENL_NAME);
	if (h->family < 0) {
		log_err(TAG, "the kernel has no %s generic netlink family (mac80211_hwsim not loaded or not built in)",
			HWSIM_GENL_NAME);
		goto fail;
	}
	return h;
fail:
	sim_hwsim_close(h);
	return NULL;
}

void sim_hwsim_close(struct sim_hwsim *h)
{
	if (!h)
		return;
	if (h->sk)
		nl_socket_free(h->sk);
	free(h);
}

int sim_hwsim_fd(const struct sim_hwsim *h)
{
	return nl_socket_get_fd(h->sk);
}

static struct nl_msg *new_msg(struct sim_hwsim *h, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0, flags, cmd, 1)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int sim_hwsim_new_radio(struct sim_hwsim *h, const char *name, const uint8_t mac[6],
			bool destroy_on_close)
{
	struct nl_msg *msg = new_msg(h, HWSIM_CMD_NEW_RADIO, 0);
	int ret;

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, HWSIM_ATTR_CHANNELS, 1) ||
	    (mac && nla_put(msg, HWSIM_ATTR_PERM_ADDR, 6, mac)) ||
	    (name && nla_put(msg, HWSIM_ATTR_RADIO_NAME, (int)strlen(name), name)) ||
	    (destroy_on_close && nla_put_flag(msg, HWSIM_ATTR_DESTROY_RADIO_ON_CLOSE))) {
		ret = -EMSGSIZE;
		goto cleanup;
	}
	ret = sim_nl_request(h->sk, msg, NULL, NULL, h->ext_ack, sizeof(h->ext_ack));
	if (ret < 0)
		log_err(TAG, "NEW_RADIO %s: %s%s%s", name ? name : "", strerror(-ret),
			h->ext_ack[0] ? ": " : "", h->ext_ack);
cleanup:
	nlmsg_free(msg);
	return ret;
}

int sim_hwsim_del_radio(struct sim_hwsim *h, const char *name, int id)
{
	struct nl_msg *msg = new_msg(h, HWSIM_CMD_DEL_RADIO, 0);
	int ret;

	if (!msg)
		return -ENOMEM;
	if ((id >= 0 && nla_put_u32(msg, HWSIM_ATTR_RADIO_ID, (uint32_t)id)) ||
	    (id < 0 && nla_put(msg, HWSIM_ATTR_RADIO_NAME, (int)strlen(name), name))) {
		ret = -EMSGSIZE;
		goto cleanup;
	}
	ret = sim_nl_request(h->sk, msg, NULL, NULL, h->ext_ack, sizeof(h->ext_ack));
	if (ret < 0)
		log_err(TAG, "DEL_RADIO %s: %s%s%s", id >= 0 ? "(id)" : name, strerror(-ret),
			h->ext_ack[0] ? ": " : "", h->ext_ack);
cleanup:
	nlmsg_free(msg);
	return ret;
}

int sim_hwsim_del_radio_quiet(struct sim_hwsim *h, const char *name)
{
	struct nl_msg *msg = new_msg(h, HWSIM_CMD_DEL_RADIO, 0);
	int ret;

	if (!msg)
		return -ENOMEM;
	ret = nla_put(msg, HWSIM_ATTR_RADIO_NAME, (int)strlen(name), name) ? -EMSGSIZE :
	      sim_nl_request(h->sk, msg, NULL, NULL, h->ext_ack, sizeof(h->ext_ack));
	nlmsg_free(msg);
	return ret;
}

struct list_ctx {
	sim_radio_list_fn fn;
	void *ctx;
};

static int list_one(struct nlmsghdr *nlh, void *arg)
{
	struct list_ctx *lc = arg;
	struct nlattr *tb[HWSIM_ATTR_MAX + 1];
	struct sim_radio_info r;

	if (genlmsg_parse(nlh, 0, tb, HWSIM_ATTR_MAX, NULL) < 0)
		return 0;
	memset(&r, 0, sizeof(r));
	if (!tb[HWSIM_ATTR_RADIO_ID] || nla_len(tb[HWSIM_ATTR_RADIO_ID]) != 4) {
		log_warn(TAG, "GET_RADIO reply without a valid radio id, ignored");
		return 0;
	}
	r.id = nla_get_u32(tb[HWSIM_ATTR_RADIO_ID]);
	if (tb[HWSIM_ATTR_CHANNELS] && nla_len(tb[HWSIM_ATTR_CHANNELS]) == 4)
		r.channels = nla_get_u32(tb[HWSIM_ATTR_CHANNELS]);
	if (tb[HWSIM_ATTR_RADIO_NAME]) {
		int l = nla_len(tb[HWSIM_ATTR_RADIO_NAME]);

		if (l >= (int)sizeof(r.name))
			l = sizeof(r.name) - 1;
		memcpy(r.name, nla_data(tb[HWSIM_ATTR_RADIO_NAME]), l);
		r.name[l] = '\0';
	}
	r.use_chanctx = tb[HWSIM_ATTR_USE_CHANCTX] != NULL;
	lc->fn(&r, lc->ctx);
	return 0;
}

int sim_hwsim_list(struct sim_hwsim *h, sim_radio_list_fn fn, void *ctx)
{
	struct nl_msg *msg = new_msg(h, HWSIM_CMD_GET_RADIO, NLM_F_DUMP);
	struct list_ctx lc = { fn, ctx };
	int ret;

	if (!msg)
		return -ENOMEM;
	ret = sim_nl_request(h->sk, msg, list_one, &lc, h->ext_ack, sizeof(h->ext_ack));
	nlmsg_free(msg);
	return ret < 0 ? ret : 0;
}
