// SPDX-License-Identifier: MIT
/* l2.c: bridge membership and the Layer 2 Update frame (see l2.h). */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/sockios.h>

#include "buf.h"
#include "l2.h"
#include "log.h"
#include "mgmt.h"

#define TAG "l2"

static int bridge_ioctl(int fd, unsigned long req, const char *bridge, int ifindex)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", bridge);
	ifr.ifr_ifindex = ifindex;
	return ioctl(fd, req, &ifr) < 0 ? -errno : 0;
}

int ap_l2_bridge_add(const char *bridge, const char *ifname)
{
	struct ifreq ifr;
	int fd, ret = 0;
	unsigned int idx = if_nametoindex(ifname);

	if (!idx)
		return -errno;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (!if_nametoindex(bridge)) {
		if (ioctl(fd, SIOCBRADDBR, bridge) < 0) {
			ret = -errno;
			log_err(TAG, "cannot create bridge %s: %s", bridge, strerror(-ret));
			goto cleanup;
		}
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", bridge);
		if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
			ifr.ifr_flags |= IFF_UP;
			ioctl(fd, SIOCSIFFLAGS, &ifr);
		}
		log_info(TAG, "created bridge %s", bridge);
	}
	ret = bridge_ioctl(fd, SIOCBRADDIF, bridge, (int)idx);
	if (ret == -EBUSY) {
		/* already a port (of this or another bridge) */
		log_dbg(TAG, "%s is already a bridge port", ifname);
		ret = 0;
	} else if (ret) {
		log_err(TAG, "cannot add %s to bridge %s: %s", ifname, bridge, strerror(-ret));
	} else {
		log_info(TAG, "added %s to bridge %s", ifname, bridge);
	}
cleanup:
	close(fd);
	return ret;
}

void ap_l2_bridge_del(const char *bridge, const char *ifname)
{
	unsigned int idx = if_nametoindex(ifname);
	int fd;

	if (!idx)
		return;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	bridge_ioctl(fd, SIOCBRDELIF, bridge, (int)idx);
	close(fd);
}

int ap_l2_open(const char *ifname)
{
	struct sockaddr_ll sll;
	unsigned int idx = if_nametoindex(ifname);
	int fd, ret;

	if (!idx)
		return -errno;
	/* protocol 0: send only, receive nothing */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = (int)idx;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		ret = -errno;
		close(fd);
		return ret;
	}
	return fd;
}

int ap_l2_send_update(int fd, const uint8_t sta[6])
{
	uint8_t frame[MGMT_L2_UPDATE_LEN];
	struct wbuf w;

	wbuf_init(&w, frame, sizeof(frame));
	if (mgmt_build_l2_update(&w, sta))
		return -ENOSPC;
	if (send(fd, frame, w.len, 0) < 0)
		return -errno;
	return 0;
}
