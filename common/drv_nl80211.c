// SPDX-License-Identifier: MIT
/* drv_nl80211.c: the driver interface (drv.h) on cfg80211/nl80211: setup,
 * capabilities, interface type and events (AP operations and keys are in
 * drv_nl80211_ap.c, scan and the station SME in drv_nl80211_sta.c, shared
 * message helpers in drv_nl80211_msg.c, EAPOL delivery in drv_nl80211_link.c;
 * this file reaches the AP and STA parts only through drv_nl80211_ops).
 *
 * Three netlink sockets:
 *   cmd - synchronous requests that need no ownership (queries, keys, ...);
 *   ev  - the multicast groups "mlme", "scan", "config" (events);
 *   own - the socket that registers for management frames, starts the AP /
 *         associates with NL80211_ATTR_SOCKET_OWNER, and sends frames and
 *         EAPOL, so that RX frames, TX status and control port frames are
 *         unicast to it.
 * Both ev and own are on the loop; their messages all go to handle_event().
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/nl80211.h>
#include <netlink/genl/genl.h>

#include "drv.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "nl.h"
#include "drv_nl80211.h"

/* ------------------------------------------------------------ names */

static enum nl80211_iftype to_nl_iftype(enum drv_iftype t)
{
	switch (t) {
	case DRV_IFTYPE_UNSPEC: return NL80211_IFTYPE_UNSPECIFIED;
	case DRV_IFTYPE_STATION: return NL80211_IFTYPE_STATION;
	case DRV_IFTYPE_AP: return NL80211_IFTYPE_AP;
	case DRV_IFTYPE_MONITOR: return NL80211_IFTYPE_MONITOR;
	}
	return NL80211_IFTYPE_UNSPECIFIED;
}

static enum drv_iftype from_nl_iftype(uint32_t t)
{
	switch (t) {
	case NL80211_IFTYPE_STATION: return DRV_IFTYPE_STATION;
	case NL80211_IFTYPE_AP: return DRV_IFTYPE_AP;
	case NL80211_IFTYPE_MONITOR: return DRV_IFTYPE_MONITOR;
	default: return DRV_IFTYPE_UNSPEC;
	}
}

/* ------------------------------------------------------------ policies */

static struct nla_policy cqm_policy[NL80211_ATTR_CQM_MAX + 1] = {
	[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT] = { .type = NLA_U32 },
	[NL80211_ATTR_CQM_BEACON_LOSS_EVENT] = { .type = NLA_FLAG },
	[NL80211_ATTR_CQM_RSSI_LEVEL] = { .type = NLA_U32 },
};

static struct nla_policy band_policy[NL80211_BAND_ATTR_MAX + 1] = {
	[NL80211_BAND_ATTR_FREQS] = { .type = NLA_NESTED },
};

static struct nla_policy freq_policy[NL80211_FREQUENCY_ATTR_MAX + 1] = {
	[NL80211_FREQUENCY_ATTR_FREQ] = { .type = NLA_U32 },
	[NL80211_FREQUENCY_ATTR_DISABLED] = { .type = NLA_FLAG },
};

/* ------------------------------------------------------------ helpers */

static int if_flags(const char *ifname, bool set, bool up)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret = 0;

	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		ret = -errno;
		goto cleanup;
	}
	if (!set) {
		ret = !!(ifr.ifr_flags & IFF_UP);
		goto cleanup;
	}
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		ret = -errno;
cleanup:
	close(fd);
	return ret;
}

/* ------------------------------------------------------------ events */

static void ev_frame(struct drv_nl80211 *d, struct nlattr **tb)
{
	const struct drv_events *ev = d->base.ev;
	uint32_t freq = tb[NL80211_ATTR_WIPHY_FREQ] ?
			nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]) : 0;
	int32_t sig = tb[NL80211_ATTR_RX_SIGNAL_DBM] ?
		      (int32_t)nla_get_u32(tb[NL80211_ATTR_RX_SIGNAL_DBM]) : 0;

	/* a dBm value; anything outside what a radio reports is not trusted
	 * (and would overflow the mBm conversion below) */
	if (sig < -150 || sig > 50)
		sig = 0;

	if (!tb[NL80211_ATTR_FRAME]) {
		log_warn(DRV_TAG, "%s: FRAME event without a frame",
			 d->base.ifname);
		return;
	}
	if (ev->rx_mgmt)
		ev->rx_mgmt(d->base.ev_ctx, nla_data(tb[NL80211_ATTR_FRAME]),
			    (size_t)nla_len(tb[NL80211_ATTR_FRAME]), freq,
			    sig * 100);
}

static void ev_tx_status(struct drv_nl80211 *d, struct nlattr **tb)
{
	const struct drv_events *ev = d->base.ev;

	if (!tb[NL80211_ATTR_COOKIE] || !tb[NL80211_ATTR_FRAME]) {
		log_warn(DRV_TAG, "%s: TX status without cookie or frame",
			 d->base.ifname);
		return;
	}
	if (ev->tx_status)
		ev->tx_status(d->base.ev_ctx,
			      nla_get_u64(tb[NL80211_ATTR_COOKIE]),
			      nla_data(tb[NL80211_ATTR_FRAME]),
			      (size_t)nla_len(tb[NL80211_ATTR_FRAME]),
			      tb[NL80211_ATTR_ACK] != NULL);
}

static void ev_control_port(struct drv_nl80211 *d, struct nlattr **tb)
{
	uint16_t proto;

	if (!tb[NL80211_ATTR_FRAME] || !tb[NL80211_ATTR_MAC] ||
	    !tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE] ||
	    nla_len(tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]) < 2) {
		log_warn(DRV_TAG, "%s: control port frame missing attributes",
			 d->base.ifname);
		return;
	}
	proto = nla_get_u16(tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]);
	if (proto != ETH_P_PAE) {
		log_dbg(DRV_TAG, "%s: control port frame 0x%04x ignored",
			d->base.ifname, proto);
		return;
	}
	drvnl_deliver_eapol(d, nla_data(tb[NL80211_ATTR_MAC]),
		      nla_data(tb[NL80211_ATTR_FRAME]),
		      (size_t)nla_len(tb[NL80211_ATTR_FRAME]));
}

static void ev_auth(struct drv_nl80211 *d, struct nlattr **tb)
{
	const struct drv_events *ev = d->base.ev;
	struct mgmt_frame f;

	if (tb[NL80211_ATTR_TIMED_OUT]) {
		static const uint8_t zero[ETH_ALEN];
		const uint8_t *b = tb[NL80211_ATTR_MAC] ?
				   nla_data(tb[NL80211_ATTR_MAC]) : zero;

		log_info(DRV_TAG, "%s: authentication with " MAC_FMT
			 " timed out", d->base.ifname, MAC_ARG(b));
		if (ev->auth_result)
			ev->auth_result(d->base.ev_ctx, b, NULL, 0, true);
		return;
	}
	if (!tb[NL80211_ATTR_FRAME] ||
	    mgmt_parse_rx(nla_data(tb[NL80211_ATTR_FRAME]),
		       (size_t)nla_len(tb[NL80211_ATTR_FRAME]), &f) != 0) {
		log_warn(DRV_TAG, "%s: AUTHENTICATE event without a valid frame",
			 d->base.ifname);
		return;
	}
	if (ev->auth_result)
		ev->auth_result(d->base.ev_ctx, f.bssid,
				nla_data(tb[NL80211_ATTR_FRAME]),
				(size_t)nla_len(tb[NL80211_ATTR_FRAME]), false);
}

static void ev_assoc(struct drv_nl80211 *d, struct nlattr **tb)
{
	const struct drv_events *ev = d->base.ev;
	struct mgmt_frame f;
	bool ok;

	if (tb[NL80211_ATTR_TIMED_OUT]) {
		static const uint8_t zero[ETH_ALEN];
		const uint8_t *b = tb[NL80211_ATTR_MAC] ?
				   nla_data(tb[NL80211_ATTR_MAC]) : zero;

		log_info(DRV_TAG, "%s: association with " MAC_FMT
			 " timed out", d->base.ifname, MAC_ARG(b));
		drvnl_link_set(d, drvnl_link_connected(d), false);
		drvnl_release_held_eapol(d, false);
		if (ev->assoc_result)
			ev->assoc_result(d->base.ev_ctx, b, NULL, 0, true);
		return;
	}
	if (!tb[NL80211_ATTR_FRAME] ||
	    mgmt_parse_rx(nla_data(tb[NL80211_ATTR_FRAME]),
		       (size_t)nla_len(tb[NL80211_ATTR_FRAME]), &f) != 0) {
		log_warn(DRV_TAG, "%s: ASSOCIATE event without a valid frame",
			 d->base.ifname);
		drvnl_link_set(d, drvnl_link_connected(d), false);
		drvnl_release_held_eapol(d, false);
		return;
	}
	ok = (f.subtype == MGMT_ASSOC_RESP || f.subtype == MGMT_REASSOC_RESP) &&
	     f.status == MGMT_STATUS_SUCCESS;
	if (ok) {
		memcpy(d->bssid, f.bssid, ETH_ALEN);
		d->deauth_requested = false;
	}
	/* one transition for the result: to CONNECTED, or out of pending */
	drvnl_link_set(d, ok || drvnl_link_connected(d), false);
	if (ev->assoc_result)
		ev->assoc_result(d->base.ev_ctx, f.bssid,
				 nla_data(tb[NL80211_ATTR_FRAME]),
				 (size_t)nla_len(tb[NL80211_ATTR_FRAME]),
				 false);
	drvnl_release_held_eapol(d, ok);
}

static void ev_deauth(struct drv_nl80211 *d, struct nlattr **tb,
		      bool disassoc)
{
	const struct drv_events *ev = d->base.ev;
	const uint8_t *frame;
	size_t len;
	struct mgmt_frame f;
	bool local, refused;
	const uint8_t *bssid;

	if (!tb[NL80211_ATTR_FRAME])
		return;
	frame = nla_data(tb[NL80211_ATTR_FRAME]);
	len = (size_t)nla_len(tb[NL80211_ATTR_FRAME]);
	if (mgmt_parse_rx(frame, len, &f) != 0 ||
	    (f.subtype != MGMT_DEAUTH && f.subtype != MGMT_DISASSOC)) {
		log_warn(DRV_TAG, "%s: %s event with a malformed frame",
			 d->base.ifname, disassoc ? "DISASSOCIATE" :
			 "DEAUTHENTICATE");
		return;
	}
	/* A frame we (or the kernel on our behalf) sent has SA = us. */
	local = mac_equal(f.sa, d->mac);
	bssid = local ? f.da : f.sa;
	log_info(DRV_TAG, "%s: %s %s " MAC_FMT " reason %u (%s)",
		 d->base.ifname, disassoc ? "disassociation" :
		 "deauthentication", local ? "to" : "from", MAC_ARG(bssid),
		 f.reason, mgmt_reason_str(f.reason));
	refused = drvnl_link_pending(d) && mac_equal(bssid, d->assoc_bssid);
	/* refused: the BSS we are associating with refused us */
	drvnl_link_set(d, drvnl_link_connected(d) && !mac_equal(bssid, d->bssid),
		       drvnl_link_pending(d) && !refused);
	if (refused)
		drvnl_release_held_eapol(d, false);
	if (local && !d->deauth_requested) {
		/* The kernel dropped the link itself (beacon loss, probe
		 * failure): report a connection loss. */
		if (ev->conn_lost)
			ev->conn_lost(d->base.ev_ctx, bssid, f.reason);
		return;
	}
	d->deauth_requested = false;
	if (ev->deauth)
		ev->deauth(d->base.ev_ctx, bssid, f.reason, disassoc, local,
			   frame, len);
}

/* With MFP, mac80211 drops an unprotected Deauthentication/Disassociation
 * from the AP (802.11-2020 11.13: a STA with MFP ignores them) and reports
 * it as NL80211_CMD_UNPROT_*: the link stays up. */
static void ev_unprot_deauth(struct drv_nl80211 *d, struct nlattr **tb,
			     bool disassoc)
{
	const struct drv_events *ev = d->base.ev;
	struct mgmt_frame f;

	if (!tb[NL80211_ATTR_FRAME] ||
	    mgmt_parse_rx(nla_data(tb[NL80211_ATTR_FRAME]),
		       (size_t)nla_len(tb[NL80211_ATTR_FRAME]), &f) != 0 ||
	    (f.subtype != MGMT_DEAUTH && f.subtype != MGMT_DISASSOC)) {
		log_warn(DRV_TAG, "%s: UNPROT_%s event with a malformed frame",
			 d->base.ifname, disassoc ? "DISASSOCIATE" : "DEAUTHENTICATE");
		return;
	}
	log_info(DRV_TAG, "%s: unprotected %s from " MAC_FMT " reason %u dropped "
		 "by the kernel (MFP in use)", d->base.ifname,
		 disassoc ? "disassociation" : "deauthentication", MAC_ARG(f.sa),
		 f.reason);
	if (ev->unprot_deauth)
		ev->unprot_deauth(d->base.ev_ctx, f.sa, f.reason, disassoc);
}

static void ev_disconnect(struct drv_nl80211 *d, struct nlattr **tb)
{
	uint16_t reason = tb[NL80211_ATTR_REASON_CODE] ?
			  nla_get_u16(tb[NL80211_ATTR_REASON_CODE]) : 0;

	/* Usually follows a DEAUTHENTICATE/DISASSOCIATE event that already
	 * reported the loss. */
	if (!drvnl_link_connected(d))
		return;
	drvnl_link_set(d, false, drvnl_link_pending(d));
	log_info(DRV_TAG, "%s: disconnected from " MAC_FMT " reason %u%s",
		 d->base.ifname, MAC_ARG(d->bssid), reason,
		 tb[NL80211_ATTR_DISCONNECTED_BY_AP] ? " (by AP)" : "");
	if (d->base.ev->conn_lost)
		d->base.ev->conn_lost(d->base.ev_ctx, d->bssid, reason);
}

static void ev_cqm(struct drv_nl80211 *d, struct nlattr **tb)
{
	struct nlattr *cqm[NL80211_ATTR_CQM_MAX + 1];
	uint32_t e;
	int32_t level = 0;

	if (!tb[NL80211_ATTR_CQM] ||
	    nla_parse_nested(cqm, NL80211_ATTR_CQM_MAX, tb[NL80211_ATTR_CQM],
			     cqm_policy) < 0) {
		log_warn(DRV_TAG, "%s: malformed CQM event", d->base.ifname);
		return;
	}
	if (cqm[NL80211_ATTR_CQM_BEACON_LOSS_EVENT]) {
		log_info(DRV_TAG, "%s: beacon loss", d->base.ifname);
		return;
	}
	if (!cqm[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT])
		return;
	e = nla_get_u32(cqm[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT]);
	if (cqm[NL80211_ATTR_CQM_RSSI_LEVEL])
		level = (int32_t)nla_get_u32(cqm[NL80211_ATTR_CQM_RSSI_LEVEL]);
	log_dbg(DRV_TAG, "%s: signal %s threshold (%d dBm)", d->base.ifname,
		e == NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW ? "below" : "above",
		level);
	if (d->base.ev->cqm_rssi)
		d->base.ev->cqm_rssi(d->base.ev_ctx,
				     e == NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW,
				     level);
}

static void ev_mic_failure(struct drv_nl80211 *d, struct nlattr **tb)
{
	static const uint8_t zero[ETH_ALEN];
	const uint8_t *src = tb[NL80211_ATTR_MAC] ?
			     nla_data(tb[NL80211_ATTR_MAC]) : zero;
	bool group = tb[NL80211_ATTR_KEY_TYPE] &&
		     nla_get_u32(tb[NL80211_ATTR_KEY_TYPE]) ==
		     NL80211_KEYTYPE_GROUP;
	int idx = tb[NL80211_ATTR_KEY_IDX] ?
		  nla_get_u8(tb[NL80211_ATTR_KEY_IDX]) : -1;

	log_warn(DRV_TAG, "%s: Michael MIC failure from " MAC_FMT
		 " (%s key %d)", d->base.ifname, MAC_ARG(src),
		 group ? "group" : "pairwise", idx);
	if (d->base.ev->mic_failure)
		d->base.ev->mic_failure(d->base.ev_ctx, src, group, idx);
}

static int handle_event(struct nl_msg *msg, void *arg)
{
	struct drv_nl80211 *d = arg;
	const struct drv_events *ev = d->base.ev;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	uint8_t cmd = nlh_cmd(msg);

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0)
		return NL_SKIP;
	if (tb[NL80211_ATTR_IFINDEX]) {
		if ((int)nla_get_u32(tb[NL80211_ATTR_IFINDEX]) != d->ifindex)
			return NL_SKIP;
	} else if (!tb[NL80211_ATTR_WIPHY] ||
		   nla_get_u32(tb[NL80211_ATTR_WIPHY]) != d->wiphy) {
		return NL_SKIP;
	}

	switch (cmd) {
	case NL80211_CMD_FRAME:
		ev_frame(d, tb);
		break;
	case NL80211_CMD_FRAME_TX_STATUS:
		ev_tx_status(d, tb);
		break;
	case NL80211_CMD_CONTROL_PORT_FRAME:
		ev_control_port(d, tb);
		break;
	case NL80211_CMD_NEW_SCAN_RESULTS:
	case NL80211_CMD_SCAN_ABORTED:
		log_dbg(DRV_TAG, "%s: scan %s", d->base.ifname,
			cmd == NL80211_CMD_SCAN_ABORTED ? "aborted" : "done");
		if (ev->scan_done)
			ev->scan_done(d->base.ev_ctx,
				      cmd == NL80211_CMD_SCAN_ABORTED);
		break;
	case NL80211_CMD_AUTHENTICATE:
		ev_auth(d, tb);
		break;
	case NL80211_CMD_ASSOCIATE:
		ev_assoc(d, tb);
		break;
	case NL80211_CMD_DEAUTHENTICATE:
		ev_deauth(d, tb, false);
		break;
	case NL80211_CMD_DISASSOCIATE:
		ev_deauth(d, tb, true);
		break;
	case NL80211_CMD_UNPROT_DEAUTHENTICATE:
	case NL80211_CMD_UNPROT_DISASSOCIATE:
		ev_unprot_deauth(d, tb, cmd == NL80211_CMD_UNPROT_DISASSOCIATE);
		break;
	case NL80211_CMD_DISCONNECT:
		ev_disconnect(d, tb);
		break;
	case NL80211_CMD_NOTIFY_CQM:
		ev_cqm(d, tb);
		break;
	case NL80211_CMD_NEW_STATION:
	case NL80211_CMD_DEL_STATION:
		if (!tb[NL80211_ATTR_MAC])
			break;
		if (cmd == NL80211_CMD_NEW_STATION && ev->new_station)
			ev->new_station(d->base.ev_ctx,
					nla_data(tb[NL80211_ATTR_MAC]));
		if (cmd == NL80211_CMD_DEL_STATION && ev->del_station)
			ev->del_station(d->base.ev_ctx,
					nla_data(tb[NL80211_ATTR_MAC]));
		break;
	case NL80211_CMD_MICHAEL_MIC_FAILURE:
		ev_mic_failure(d, tb);
		break;
	case NL80211_CMD_STOP_AP:
		log_info(DRV_TAG, "%s: AP stopped", d->base.ifname);
		break;
	default:
		log_printf(LOG_LVL_EXCESSIVE, DRV_TAG, "%s: nl80211 event %u",
			   d->base.ifname, cmd);
		break;
	}
	return NL_SKIP;
}

/* ------------------------------------------------------------ queries */

static int iface_cb(struct nl_msg *msg, void *arg)
{
	struct drv_nl80211 *d = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0)
		return NL_SKIP;
	if (!tb[NL80211_ATTR_WIPHY] || !tb[NL80211_ATTR_MAC] ||
	    !tb[NL80211_ATTR_IFTYPE]) {
		log_warn(DRV_TAG, "%s: interface info lacks wiphy/mac/iftype",
			 d->base.ifname);
		return NL_SKIP;
	}
	d->wiphy = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	memcpy(d->mac, nla_data(tb[NL80211_ATTR_MAC]), ETH_ALEN);
	d->iftype = from_nl_iftype(nla_get_u32(tb[NL80211_ATTR_IFTYPE]));
	d->freq = tb[NL80211_ATTR_WIPHY_FREQ] ?
		  nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]) : 0;
	return NL_SKIP;
}

static int refresh_iface(struct drv_nl80211 *d)
{
	d->wiphy = UINT32_MAX;
	return drvnl_send_cmd(d, d->cmd, drvnl_if_msg(d, NL80211_CMD_GET_INTERFACE, 0),
			iface_cb, d, "GET_INTERFACE") ?:
	       (d->wiphy == UINT32_MAX ? -EIO : 0);
}

static void parse_bands(struct drv_capa *c, struct nlattr *bands)
{
	struct nlattr *band, *f;
	int rem, rem2;

	nla_for_each_nested(band, bands, rem) {
		struct nlattr *tbb[NL80211_BAND_ATTR_MAX + 1];

		if (nla_parse_nested(tbb, NL80211_BAND_ATTR_MAX, band,
				     band_policy) < 0 ||
		    !tbb[NL80211_BAND_ATTR_FREQS])
			continue;
		nla_for_each_nested(f, tbb[NL80211_BAND_ATTR_FREQS], rem2) {
			struct nlattr *tbf[NL80211_FREQUENCY_ATTR_MAX + 1];
			uint32_t mhz;
			bool dup = false;

			if (nla_parse_nested(tbf, NL80211_FREQUENCY_ATTR_MAX,
					     f, freq_policy) < 0 ||
			    !tbf[NL80211_FREQUENCY_ATTR_FREQ] ||
			    tbf[NL80211_FREQUENCY_ATTR_DISABLED])
				continue;
			mhz = nla_get_u32(tbf[NL80211_FREQUENCY_ATTR_FREQ]);
			for (size_t i = 0; i < c->n_freqs; i++)
				dup |= c->freqs[i] == mhz;
			if (!dup && c->n_freqs < ARRAY_SIZE(c->freqs))
				c->freqs[c->n_freqs++] = mhz;
		}
	}
}

static int wiphy_cb(struct nl_msg *msg, void *arg)
{
	struct drv_capa *c = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *a;
	int rem;

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0)
		return NL_SKIP;
	if (tb[NL80211_ATTR_WIPHY_NAME])
		snprintf(c->phy_name, sizeof(c->phy_name), "%s",
			 nla_get_string(tb[NL80211_ATTR_WIPHY_NAME]));
	if (tb[NL80211_ATTR_WIPHY])
		c->wiphy_idx = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_SUPPORTED_IFTYPES]) {
		nla_for_each_nested(a, tb[NL80211_ATTR_SUPPORTED_IFTYPES], rem) {
			enum drv_iftype t = from_nl_iftype((uint32_t)nla_type(a));

			if (t != DRV_IFTYPE_UNSPEC)
				c->iftypes |= DRV_IFTYPE_BIT(t);
		}
	}
	if (tb[NL80211_ATTR_CIPHER_SUITES]) {
		const uint8_t *p = nla_data(tb[NL80211_ATTR_CIPHER_SUITES]);
		size_t n = (size_t)nla_len(tb[NL80211_ATTR_CIPHER_SUITES]) / 4;

		for (size_t i = 0; i < n; i++) {
			uint32_t s;

			memcpy(&s, p + 4 * i, 4);
			c->ciphers |= wpa_cipher_from_suite32(s) & ~WPA_CIPHER_OTHER;
		}
	}
	if (tb[NL80211_ATTR_SUPPORTED_COMMANDS]) {
		bool auth = false, assoc = false, conn = false;

		nla_for_each_nested(a, tb[NL80211_ATTR_SUPPORTED_COMMANDS], rem) {
			uint32_t cmdv;

			if (nla_len(a) < 4)
				continue;
			cmdv = nla_get_u32(a);
			auth |= cmdv == NL80211_CMD_AUTHENTICATE;
			assoc |= cmdv == NL80211_CMD_ASSOCIATE;
			conn |= cmdv == NL80211_CMD_CONNECT;
		}
		c->auth_assoc = auth && assoc;
		c->sta_sme_offload = conn && !(auth && assoc);
	}
	if (tb[NL80211_ATTR_EXT_FEATURES]) {
		const uint8_t *p = nla_data(tb[NL80211_ATTR_EXT_FEATURES]);
		size_t n = (size_t)nla_len(tb[NL80211_ATTR_EXT_FEATURES]);
		unsigned int bit = NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211;

		if (bit / 8 < n && (p[bit / 8] & (1u << (bit % 8))))
			c->control_port_over_nl80211 = true;
	}
	if (tb[NL80211_ATTR_MAX_NUM_SCAN_SSIDS])
		c->max_scan_ssids = nla_get_u8(tb[NL80211_ATTR_MAX_NUM_SCAN_SSIDS]);
	if (tb[NL80211_ATTR_MAX_SCAN_IE_LEN])
		c->max_scan_ie_len = nla_get_u16(tb[NL80211_ATTR_MAX_SCAN_IE_LEN]);
	if (tb[NL80211_ATTR_DEVICE_AP_SME])
		c->ap_sme = true;
	if (tb[NL80211_ATTR_PROBE_RESP_OFFLOAD])
		c->probe_resp_offload = true;
	if (tb[NL80211_ATTR_FEATURE_FLAGS] &&
	    (nla_get_u32(tb[NL80211_ATTR_FEATURE_FLAGS]) & NL80211_FEATURE_INACTIVITY_TIMER))
		c->inactivity_timer = true;
	if (tb[NL80211_ATTR_WIPHY_BANDS])
		parse_bands(c, tb[NL80211_ATTR_WIPHY_BANDS]);
	return NL_SKIP;
}

static int load_capa(struct drv_nl80211 *d)
{
	struct nl_msg *msg = nlh_msg_new(d->family, NL80211_CMD_GET_WIPHY,
					 NLM_F_DUMP);
	int ret;

	if (!msg)
		return -ENOMEM;
	memset(&d->capa, 0, sizeof(d->capa));
	if (nla_put_u32(msg, NL80211_ATTR_WIPHY, d->wiphy) < 0 ||
	    nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP) < 0)
		return drvnl_put_fail(msg);
	ret = drvnl_send_cmd(d, d->cmd, msg, wiphy_cb, &d->capa, "GET_WIPHY");
	if (ret)
		return ret;
	d->capa.wiphy_idx = d->wiphy;
	snprintf(d->phy, sizeof(d->phy), "%s",
		 d->capa.phy_name[0] ? d->capa.phy_name : "phy?");
	d->capa_valid = true;
	log_dbg(DRV_TAG, "%s: %s iftypes 0x%x ciphers 0x%x%s%s%s%s, %zu "
		"channels", d->base.ifname, d->phy, d->capa.iftypes,
		d->capa.ciphers, d->capa.ap_sme ? " ap-sme" : "",
		d->capa.auth_assoc ? " auth/assoc" : "",
		d->capa.sta_sme_offload ? " sme-offload" : "",
		d->capa.control_port_over_nl80211 ? " control-port" : "",
		d->capa.n_freqs);
	return 0;
}

/* ------------------------------------------------------------ ops */

static void nl_deinit(struct drv *drv);

static struct drv *nl_init(struct loop *l, const char *ifname,
			   const struct drv_events *ev, void *ctx)
{
	static const struct drv_events no_events;
	struct drv_nl80211 *d = calloc(1, sizeof(*d));
	static const char *const groups[] = { "mlme", "scan", "config" };

	if (!d)
		return NULL;
	d->base.ops = &drv_nl80211_ops;
	d->base.loop = l;
	d->base.ev = ev ? ev : &no_events;
	d->base.ev_ctx = ctx;
	d->pkt_fd = -1;
	snprintf(d->base.ifname, sizeof(d->base.ifname), "%s", ifname);
	d->ifindex = (int)if_nametoindex(ifname);
	if (d->ifindex <= 0) {
		log_err(DRV_TAG, "%s: no such network interface", ifname);
		goto fail;
	}
	d->cmd = nlh_sock_new(NULL, "nl80211-cmd", NULL, NULL);
	d->ev = nlh_sock_new(l, "nl80211-event", handle_event, d);
	d->own = nlh_sock_new(l, "nl80211-own", handle_event, d);
	if (!d->cmd || !d->ev || !d->own)
		goto fail;
	d->family = nlh_resolve_family(d->cmd, "nl80211");
	if (d->family < 0) {
		log_err(DRV_TAG, "%s: nl80211 not available (no cfg80211?)",
			ifname);
		goto fail;
	}
	if (refresh_iface(d) < 0) {
		log_err(DRV_TAG, "%s: not a wireless (nl80211) interface",
			ifname);
		goto fail;
	}
	for (size_t i = 0; i < ARRAY_SIZE(groups); i++)
		if (nlh_join_group(d->ev, "nl80211", groups[i]) < 0 && i == 0)
			goto fail;
	if (load_capa(d) < 0)
		goto fail;
	log_info(DRV_TAG, "%s: %s, " MAC_FMT ", ifindex %d, %s", ifname,
		 d->phy, MAC_ARG(d->mac), d->ifindex,
		 drv_iftype_str(d->iftype));
	return &d->base;
fail:
	nl_deinit(&d->base);
	return NULL;
}

static void nl_deinit(struct drv *drv)
{
	struct drv_nl80211 *d = to_nl(drv);

	if (!d)
		return;
	if (d->pkt_fd >= 0) {
		loop_del_fd(d->base.loop, d->pkt_fd);
		close(d->pkt_fd);
	}
	drvnl_release_held_eapol(d, false);
	nlh_sock_free(d->own);
	nlh_sock_free(d->ev);
	nlh_sock_free(d->cmd);
	free(d);
}

static int nl_get_capa(struct drv *drv, struct drv_capa *capa)
{
	struct drv_nl80211 *d = to_nl(drv);
	int ret = d->capa_valid ? 0 : load_capa(d);

	if (ret == 0)
		*capa = d->capa;
	return ret;
}

static int nl_get_info(struct drv *drv, struct drv_ifinfo *info)
{
	struct drv_nl80211 *d = to_nl(drv);
	int ret = refresh_iface(d);

	if (ret)
		return ret;
	memset(info, 0, sizeof(*info));
	snprintf(info->ifname, sizeof(info->ifname), "%s", d->base.ifname);
	info->ifindex = d->ifindex;
	memcpy(info->mac, d->mac, ETH_ALEN);
	info->wiphy_idx = d->wiphy;
	snprintf(info->phy_name, sizeof(info->phy_name), "%s", d->phy);
	info->iftype = d->iftype;
	info->freq = d->freq;
	return 0;
}

static int nl_set_up(struct drv *drv, bool up)
{
	int ret = if_flags(drv->ifname, true, up);

	if (ret < 0)
		log_err(DRV_TAG, "%s: cannot set interface %s: %s",
			drv->ifname, up ? "up" : "down", strerror(-ret));
	return ret;
}

static int put_iftype(struct drv_nl80211 *d, enum drv_iftype type)
{
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_SET_INTERFACE, 0);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NL80211_ATTR_IFTYPE, to_nl_iftype(type)) < 0)
		return drvnl_put_fail(msg);
	return drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "SET_INTERFACE");
}

static int nl_set_iftype(struct drv *drv, enum drv_iftype type)
{
	struct drv_nl80211 *d = to_nl(drv);
	int ret, was_up;

	if (d->capa_valid && !(d->capa.iftypes & DRV_IFTYPE_BIT(type))) {
		log_err(DRV_TAG, "%s: driver does not support %s mode",
			d->phy, drv_iftype_str(type));
		return -EOPNOTSUPP;
	}
	if (refresh_iface(d) == 0 && d->iftype == type)
		return 0;
	ret = put_iftype(d, type);
	if (ret == -EBUSY) {
		/* some drivers only change type while down */
		was_up = if_flags(drv->ifname, false, false);
		if (was_up > 0 && nl_set_up(drv, false) == 0) {
			ret = put_iftype(d, type);
			nl_set_up(drv, true);
		}
	}
	if (ret) {
		log_err(DRV_TAG, "%s: cannot switch %s to %s mode: %s",
			drv->ifname, d->phy, drv_iftype_str(type),
			strerror(-ret));
		return ret;
	}
	d->iftype = type;
	drvnl_link_set(d, false, drvnl_link_pending(d));
	log_info(DRV_TAG, "%s: now in %s mode", drv->ifname,
		 drv_iftype_str(type));
	return 0;
}

const struct drv_ops drv_nl80211_ops = {
	.name = "nl80211",
	.init = nl_init,
	.deinit = nl_deinit,
	.get_capa = nl_get_capa,
	.get_info = nl_get_info,
	.set_iftype = nl_set_iftype,
	.set_up = nl_set_up,
	.start_ap = drvnl_start_ap,
	.update_beacon = drvnl_update_beacon,
	.stop_ap = drvnl_stop_ap,
	.send_mgmt = drvnl_send_mgmt,
	.register_frames = drvnl_register_frames,
	.sta_add = drvnl_sta_add,
	.sta_set_flags = drvnl_sta_set_flags,
	.sta_remove = drvnl_sta_remove,
	.get_station = drvnl_get_station,
	.set_key = drvnl_set_key,
	.del_key = drvnl_del_key,
	.get_key_seq = drvnl_get_key_seq,
	.tx_eapol = drvnl_tx_eapol,
	.scan = drvnl_scan,
	.get_scan_results = drvnl_get_scan_results,
	.authenticate = drvnl_authenticate,
	.associate = drvnl_associate,
	.deauthenticate = drvnl_deauthenticate,
	.set_cqm_rssi = drvnl_set_cqm_rssi,
};
