// SPDX-License-Identifier: MIT
/* drv_nl80211_link.c: EAPOL delivery of the nl80211 driver. EAPOL arrives
 * through control port frames (drv_nl80211.c's event handler) or a packet
 * socket (opened here); a station holds the EAPOL that overtakes the
 * association result until that result. Calls neither drv_nl80211.c nor
 * the AP/STA parts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "drv.h"
#include "log.h"
#include "loop.h"
#include "drv_nl80211.h"

bool drvnl_link_connected(const struct drv_nl80211 *d)
{
	switch (d->link) {
	case DRV_LINK_IDLE:
	case DRV_LINK_ASSOCIATING:
		return false;
	case DRV_LINK_CONNECTED:
	case DRV_LINK_ROAMING:
		return true;
	}
	return false;
}

bool drvnl_link_pending(const struct drv_nl80211 *d)
{
	switch (d->link) {
	case DRV_LINK_IDLE:
	case DRV_LINK_CONNECTED:
		return false;
	case DRV_LINK_ASSOCIATING:
	case DRV_LINK_ROAMING:
		return true;
	}
	return false;
}

void drvnl_link_enter_state(struct drv_nl80211 *d, enum drv_link_state st)
{
	enum drv_link_state old = d->link;

	log_dbg(DRV_TAG, "%s: link %s -> %s", d->base.ifname,
		drv_link_state_name(old), drv_link_state_name(st));
	d->link = st;
	if (d->base.ev->link_state)
		d->base.ev->link_state(d->base.ev_ctx, old, st);
}

void drvnl_link_set(struct drv_nl80211 *d, bool connected, bool pending)
{
	enum drv_link_state st;

	if (connected)
		st = pending ? DRV_LINK_ROAMING : DRV_LINK_CONNECTED;
	else
		st = pending ? DRV_LINK_ASSOCIATING : DRV_LINK_IDLE;
	if (st != d->link)
		drvnl_link_enter_state(d, st);
}

/* ------------------------------------------------------------ events */

void drvnl_deliver_eapol(struct drv_nl80211 *d, const uint8_t *src,
			  const uint8_t *data, size_t len)
{
	const struct drv_events *ev = d->base.ev;

	/* Station: EAPOL (message 1/4) can overtake the association event,
	 * which arrives on another socket. Hold it until the result. */
	if (d->iftype == DRV_IFTYPE_STATION && drvnl_link_pending(d) &&
	    mac_equal(src, d->assoc_bssid)) {
		uint8_t *copy = malloc(len);

		if (!copy)
			return;
		memcpy(copy, data, len);
		free(d->held_eapol);
		d->held_eapol = copy;
		d->held_len = len;
		memcpy(d->held_src, src, ETH_ALEN);
		log_dbg(DRV_TAG, "%s: EAPOL from " MAC_FMT " before the "
			"association result: held", d->base.ifname,
			MAC_ARG(src));
		return;
	}
	if (ev->eapol_rx)
		ev->eapol_rx(d->base.ev_ctx, src, data, len);
}

void drvnl_release_held_eapol(struct drv_nl80211 *d, bool deliver)
{
	uint8_t *e = d->held_eapol;

	d->held_eapol = NULL;
	if (e && deliver && d->base.ev->eapol_rx)
		d->base.ev->eapol_rx(d->base.ev_ctx, d->held_src, e,
				     d->held_len);
	free(e);
}

/* EAPOL through a packet socket (drivers without control port over
 * nl80211). */
static void pkt_readable(struct loop *l, int fd, uint32_t events, void *ctx)
{
	struct drv_nl80211 *d = ctx;
	uint8_t buf[EAPOL_MAX];
	struct sockaddr_ll sll;
	socklen_t slen = sizeof(sll);
	ssize_t n;

	n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
		     (struct sockaddr *)&sll, &slen);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			log_warn(DRV_TAG, "%s: EAPOL socket: %s",
				 d->base.ifname, strerror(errno));
		return;
	}
	if (sll.sll_halen != ETH_ALEN)
		return;
	drvnl_deliver_eapol(d, sll.sll_addr, buf, (size_t)n);
}

int drvnl_open_pkt_socket(struct drv_nl80211 *d)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_PAE),
		.sll_ifindex = d->ifindex,
	};
	int fd;

	if (d->pkt_fd >= 0)
		return 0;
	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_PAE));
	if (fd < 0) {
		log_err(DRV_TAG, "%s: EAPOL packet socket: %s", d->base.ifname,
			strerror(errno));
		return -errno;
	}
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    loop_add_fd(d->base.loop, fd, EPOLLIN, pkt_readable, d) < 0) {
		int err = errno ? -errno : -EIO;

		log_err(DRV_TAG, "%s: EAPOL packet socket bind: %s",
			d->base.ifname, strerror(-err));
		close(fd);
		return err;
	}
	d->pkt_fd = fd;
	log_dbg(DRV_TAG, "%s: EAPOL via packet socket", d->base.ifname);
	return 0;
}
