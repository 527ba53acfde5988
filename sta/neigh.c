// SPDX-License-Identifier: MIT
/* neigh.c: keep_neigh, the station's neighbour entries across a roam (see
 * neigh.h for why). */
#include "neigh.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "log.h"

#define TAG "neigh"
#define FLUSH_MAX 256

static const char *const sysctl_dir[STA_NEIGH_N] = { "ipv4", "ipv6" };
static const char *const sysctl_key[STA_NEIGH_N] = { "arp_evict_nocarrier",
						     "ndisc_evict_nocarrier" };

static void sysctl_path(const struct sta_neigh *n, enum sta_neigh_proto p, char *buf,
			size_t len)
{
	snprintf(buf, len, "%s/%s/conf/%s/%s", n->root, sysctl_dir[p], n->ifname,
		 sysctl_key[p]);
}

/* Returns the value (>= 0) or -errno. */
static int sysctl_read(const struct sta_neigh *n, enum sta_neigh_proto p)
{
	char path[256], buf[16];
	ssize_t r;
	long v;
	char *end;
	int fd;

	sysctl_path(n, p, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return r < 0 ? -errno : -EINVAL;
	buf[r] = '\0';
	v = strtol(buf, &end, 10);
	if (end == buf || v < 0 || v > 1000)
		return -EINVAL;
	return (int)v;
}

static int sysctl_write(const struct sta_neigh *n, enum sta_neigh_proto p, int v)
{
	char path[256], buf[16];
	int fd, len, ret = 0;

	sysctl_path(n, p, path, sizeof(path));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		log_err(TAG, "%s: %s: %s", n->ifname, path, strerror(-ret));
		return ret;
	}
	len = snprintf(buf, sizeof(buf), "%d\n", v);
	if (write(fd, buf, (size_t)len) != len)
		ret = -errno;
	close(fd);
	if (ret < 0)
		log_err(TAG, "%s: writing %d to %s: %s", n->ifname, v, path, strerror(-ret));
	return ret;
}

void sta_neigh_init(struct sta_neigh *n, const char *root, const char *ifname,
		    int ifindex)
{
	memset(n, 0, sizeof(*n));
	snprintf(n->root, sizeof(n->root), "%s", root);
	snprintf(n->ifname, sizeof(n->ifname), "%s", ifname);
	n->ifindex = ifindex;
	n->saved[STA_NEIGH_ARP] = -1;
	n->saved[STA_NEIGH_ND] = -1;
}

static int keep_on(struct sta_neigh *n)
{
	int p, v, ret;

	v = sysctl_read(n, STA_NEIGH_ARP);
	if (v < 0) {
		log_warn(TAG, "%s: keep_neigh off: this kernel has no "
			 "net.ipv4.conf.%s.arp_evict_nocarrier (Linux 5.16+), so every roam "
			 "loses the ARP entries and the first packet after it waits for "
			 "an ARP retry (1 s)", n->ifname, n->ifname);
		return -EOPNOTSUPP;
	}
	for (p = 0; p < STA_NEIGH_N; p++) {
		v = sysctl_read(n, p);
		n->saved[p] = v < 0 ? -1 : v;
		if (v <= 0)
			continue;
		ret = sysctl_write(n, p, 0);
		if (ret < 0) {
			n->saved[p] = -1;
			sta_neigh_restore(n);
			return ret;
		}
	}
	n->active = true;
	log_info(TAG, "%s: keep_neigh on: arp_evict_nocarrier=0 (was %d), "
		 "ndisc_evict_nocarrier=%s (was %d): neighbour entries survive a roam",
		 n->ifname, n->saved[STA_NEIGH_ARP],
		 n->saved[STA_NEIGH_ND] >= 0 ? "0" : "absent", n->saved[STA_NEIGH_ND]);
	return 0;
}

int sta_neigh_set(struct sta_neigh *n, bool keep)
{
	int ret;

	if (!n->ifindex) {
		n->want = keep;
		return 0;
	}
	if (keep == n->want && keep == n->active)
		return 0;
	if (!keep) {
		n->want = false;
		sta_neigh_restore(n);
		log_info(TAG, "%s: keep_neigh off: the kernel evicts the neighbour entries "
			 "when the link drops (arp_evict_nocarrier=%d)", n->ifname,
			 n->saved[STA_NEIGH_ARP] >= 0 ? n->saved[STA_NEIGH_ARP] :
			 sysctl_read(n, STA_NEIGH_ARP));
		return 0;
	}
	ret = keep_on(n);
	n->want = ret == 0;
	return ret;
}

bool sta_neigh_keeping(const struct sta_neigh *n)
{
	return n->ifindex ? n->active : n->want;
}

void sta_neigh_restore(struct sta_neigh *n)
{
	int p;

	if (!n->active)
		return;
	for (p = 0; p < STA_NEIGH_N; p++)
		if (n->saved[p] > 0)
			sysctl_write(n, p, n->saved[p]);
	n->active = false;
}

void sta_neigh_roam_start(struct sta_neigh *n)
{
	if (!n->ifindex)
		return;
	if (n->active)
		log_info(TAG, "%s: link lost: neighbour entries kept for the roam "
			 "(keep_neigh)", n->ifname);
	else
		log_info(TAG, "%s: link lost: the kernel evicted the neighbour entries "
			 "(keep_neigh off): the first packet after the roam needs ARP/ND",
			 n->ifname);
}

const char *sta_neigh_connected(struct sta_neigh *n, bool same_ess)
{
	int ret;

	if (!sta_neigh_keeping(n))
		return "evicted";
	if (same_ess || !n->ifindex)
		return "kept";
	/* another network: what the eviction would have done */
	ret = sta_neigh_flush(n->ifindex);
	if (ret < 0) {
		log_err(TAG, "%s: flushing the neighbour entries: %s", n->ifname,
			strerror(-ret));
		return "kept";
	}
	n->flushes++;
	log_info(TAG, "%s: another ESS: %d neighbour entries flushed", n->ifname, ret);
	return "evicted";
}

/* --- rtnetlink ------------------------------------------------------------ */

struct neigh_addr {
	uint8_t family;
	uint8_t len;
	uint8_t addr[16];
};

static int nl_send(int fd, struct nlmsghdr *h)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (sendto(fd, h, h->nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* One neighbour message of the dump: keep its address if it is ours. */
static void dump_one(struct nlmsghdr *h, int ifindex, struct neigh_addr *v, size_t *n)
{
	struct ndmsg *m = NLMSG_DATA(h);
	struct rtattr *a;
	int len;

	if (h->nlmsg_type != RTM_NEWNEIGH || h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
		return;
	if (m->ndm_ifindex != ifindex || (m->ndm_state & (NUD_PERMANENT | NUD_NOARP)))
		return;
	len = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));
	for (a = (struct rtattr *)((char *)m + NLMSG_ALIGN(sizeof(*m))); RTA_OK(a, len);
	     a = RTA_NEXT(a, len)) {
		size_t al = RTA_PAYLOAD(a);

		if (a->rta_type != NDA_DST || al > sizeof(v[0].addr) || *n == FLUSH_MAX)
			continue;
		v[*n].family = m->ndm_family;
		v[*n].len = (uint8_t)al;
		memcpy(v[*n].addr, RTA_DATA(a), al);
		(*n)++;
	}
}

/* Reads until the dump's DONE (or an error). */
static int dump_read(int fd, int ifindex, struct neigh_addr *v, size_t *n)
{
	static char buf[16384];

	for (;;) {
		ssize_t r = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h;
		int len;

		if (r < 0)
			return -errno;
		len = (int)r;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error ? e->error : -EIO;
			}
			dump_one(h, ifindex, v, n);
		}
	}
}

static int del_one(int fd, int ifindex, const struct neigh_addr *a, uint32_t seq)
{
	struct {
		struct nlmsghdr h;
		struct ndmsg m;
		char attrs[RTA_SPACE(16)];
	} req;
	struct rtattr *ra;
	char buf[512];
	struct nlmsghdr *h;
	ssize_t r;
	int ret;

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_type = RTM_DELNEIGH;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.h.nlmsg_seq = seq;
	req.m.ndm_family = a->family;
	req.m.ndm_ifindex = ifindex;
	ra = (struct rtattr *)req.attrs;
	ra->rta_type = NDA_DST;
	ra->rta_len = (unsigned short)RTA_LENGTH(a->len);
	memcpy(RTA_DATA(ra), a->addr, a->len);
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.m)) + RTA_SPACE(a->len);
	ret = nl_send(fd, &req.h);
	if (ret < 0)
		return ret;
	r = recv(fd, buf, sizeof(buf), 0);
	if (r < 0)
		return -errno;
	h = (struct nlmsghdr *)buf;
	if (!NLMSG_OK(h, (int)r) || h->nlmsg_type != NLMSG_ERROR)
		return -EIO;
	ret = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	/* gone in the meantime is fine */
	return ret == -ENOENT ? 0 : ret;
}

int sta_neigh_flush(int ifindex)
{
	struct {
		struct nlmsghdr h;
		struct ndmsg m;
	} req;
	struct neigh_addr *v;
	size_t n = 0, i;
	int fd, ret;

	v = calloc(FLUSH_MAX, sizeof(*v));
	if (!v)
		return -ENOMEM;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0) {
		ret = -errno;
		goto out;
	}
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.m));
	req.h.nlmsg_type = RTM_GETNEIGH;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.m.ndm_family = AF_UNSPEC;
	ret = nl_send(fd, &req.h);
	if (ret == 0)
		ret = dump_read(fd, ifindex, v, &n);
	for (i = 0; ret == 0 && i < n; i++)
		ret = del_one(fd, ifindex, &v[i], (uint32_t)(2 + i));
	if (ret == 0)
		ret = (int)n;
out:
	if (fd >= 0)
		close(fd);
	free(v);
	return ret;
}
