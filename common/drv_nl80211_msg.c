// SPDX-License-Identifier: MIT
/* drv_nl80211_msg.c: what drv_nl80211.c, drv_nl80211_ap.c and
 * drv_nl80211_sta.c share to build and send nl80211 messages: the attribute
 * policy, a message for our interface, sending a command, the suite lists.
 * It calls none of them. */
#include <errno.h>
#include <stdio.h>

#include <linux/nl80211.h>
#include <netlink/genl/genl.h>

#include "drv.h"
#include "nl.h"
#include "drv_nl80211.h"

/* ------------------------------------------------------------ names */

const char *drv_iftype_str(enum drv_iftype t)
{
	switch (t) {
	case DRV_IFTYPE_UNSPEC: return "unspecified";
	case DRV_IFTYPE_STATION: return "station";
	case DRV_IFTYPE_AP: return "AP";
	case DRV_IFTYPE_MONITOR: return "monitor";
	}
	return "unknown";
}

const char *drv_link_state_name(enum drv_link_state s)
{
	switch (s) {
	case DRV_LINK_IDLE: return "IDLE";
	case DRV_LINK_ASSOCIATING: return "ASSOCIATING";
	case DRV_LINK_CONNECTED: return "CONNECTED";
	case DRV_LINK_ROAMING: return "ROAMING";
	}
	return "unknown";
}

struct nla_policy drvnl_attr_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY_NAME] = { .type = NLA_STRING },
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
	[NL80211_ATTR_IFTYPE] = { .type = NLA_U32 },
	[NL80211_ATTR_MAC] = { .minlen = ETH_ALEN, .maxlen = ETH_ALEN },
	[NL80211_ATTR_WIPHY_FREQ] = { .type = NLA_U32 },
	[NL80211_ATTR_FRAME] = { .minlen = 1 },
	[NL80211_ATTR_COOKIE] = { .type = NLA_U64 },
	[NL80211_ATTR_ACK] = { .type = NLA_FLAG },
	[NL80211_ATTR_TIMED_OUT] = { .type = NLA_FLAG },
	[NL80211_ATTR_REASON_CODE] = { .type = NLA_U16 },
	[NL80211_ATTR_DISCONNECTED_BY_AP] = { .type = NLA_FLAG },
	[NL80211_ATTR_RX_SIGNAL_DBM] = { .type = NLA_U32 },
	[NL80211_ATTR_KEY_TYPE] = { .type = NLA_U32 },
	[NL80211_ATTR_KEY_IDX] = { .type = NLA_U8 },
	[NL80211_ATTR_CQM] = { .type = NLA_NESTED },
	[NL80211_ATTR_STA_INFO] = { .type = NLA_NESTED },
	[NL80211_ATTR_BSS] = { .type = NLA_NESTED },
	[NL80211_ATTR_SUPPORTED_IFTYPES] = { .type = NLA_NESTED },
	[NL80211_ATTR_CIPHER_SUITES] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_SUPPORTED_COMMANDS] = { .type = NLA_NESTED },
	[NL80211_ATTR_EXT_FEATURES] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_MAX_NUM_SCAN_SSIDS] = { .type = NLA_U8 },
	[NL80211_ATTR_MAX_SCAN_IE_LEN] = { .type = NLA_U16 },
	[NL80211_ATTR_WIPHY_BANDS] = { .type = NLA_NESTED },
	[NL80211_ATTR_DEVICE_AP_SME] = { .type = NLA_U32 },
	[NL80211_ATTR_PROBE_RESP_OFFLOAD] = { .type = NLA_U32 },
	/* NL80211_ATTR_CONTROL_PORT_ETHERTYPE is a u16 in control port
	 * frames but a flag in wiphy dumps: checked where it is used. */
	[NL80211_ATTR_FEATURE_FLAGS] = { .type = NLA_U32 },
};

/* A message for our interface. NULL on ENOMEM. */
struct nl_msg *drvnl_if_msg(struct drv_nl80211 *d, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlh_msg_new(d->family, cmd, flags);

	if (msg && nla_put_u32(msg, NL80211_ATTR_IFINDEX,
			       (uint32_t)d->ifindex) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* ------------------------------------------------------------ helpers */

int drvnl_send_cmd(struct drv_nl80211 *d, struct nlh_sock *s,
		    struct nl_msg *msg, nlh_msg_cb cb, void *arg,
		    const char *what)
{
	char w[128];

	if (!msg)
		return -ENOMEM;
	snprintf(w, sizeof(w), "%s: %s", d->base.ifname, what);
	return nlh_send_wait(s, msg, cb, arg, w);
}

/* nla_put failed (message too big): drop the message. */
int drvnl_put_fail(struct nl_msg *msg)
{
	nlmsg_free(msg);
	return -EMSGSIZE;
}

int drvnl_put_u32_array(struct nl_msg *msg, int attr, const uint32_t *v,
			 size_t n)
{
	return nla_put(msg, attr, (int)(n * sizeof(uint32_t)), v);
}

size_t drvnl_cipher_suites(uint32_t ciphers, uint32_t *out, size_t cap)
{
	size_t n = 0;

	for (unsigned int b = 0; b < 31 && n < cap; b++) {
		uint32_t s = wpa_cipher_to_suite32(ciphers & (1u << b));

		if (s)
			out[n++] = s;
	}
	return n;
}

/* PSK first, then 802.1X, then the others: the order of the attribute. */
size_t drvnl_akm_suites(uint32_t akms, uint32_t *out, size_t cap)
{
	size_t n = 0;

	if ((akms & WPA_AKM_PSK) && n < cap)
		out[n++] = wpa_akm_to_suite32(WPA_AKM_PSK);
	for (unsigned int b = 0; b < 31 && n < cap; b++) {
		uint32_t s = wpa_akm_to_suite32(akms & (1u << b) & ~WPA_AKM_PSK);

		if (s)
			out[n++] = s;
	}
	return n;
}

uint32_t drvnl_wpa_versions(uint32_t protos)
{
	return ((protos & WPA_PROTO_WPA) ? NL80211_WPA_VERSION_1 : 0) |
	       ((protos & WPA_PROTO_RSN) ? NL80211_WPA_VERSION_2 : 0);
}
