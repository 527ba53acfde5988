// SPDX-License-Identifier: MIT
/* drv_nl80211_ap.c: AP operations of the nl80211 driver (START_AP, frames,
 * stations) and the key, station-info and EAPOL operations both modes use. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netlink/genl/genl.h>

#include "drv_nl80211.h"
#include "log.h"
#include "mgmt.h"

static uint32_t sta_flags_nl(uint32_t f)
{
	uint32_t m = 0;

	if (f & DRV_STA_AUTHORIZED)
		m |= 1u << NL80211_STA_FLAG_AUTHORIZED;
	if (f & DRV_STA_AUTHENTICATED)
		m |= 1u << NL80211_STA_FLAG_AUTHENTICATED;
	if (f & DRV_STA_ASSOCIATED)
		m |= 1u << NL80211_STA_FLAG_ASSOCIATED;
	if (f & DRV_STA_SHORT_PREAMBLE)
		m |= 1u << NL80211_STA_FLAG_SHORT_PREAMBLE;
	if (f & DRV_STA_WME)
		m |= 1u << NL80211_STA_FLAG_WME;
	if (f & DRV_STA_MFP)
		m |= 1u << NL80211_STA_FLAG_MFP;
	return m;
}

static struct nla_policy sta_info_policy[NL80211_STA_INFO_MAX + 1] = {
	[NL80211_STA_INFO_INACTIVE_TIME] = { .type = NLA_U32 },
	[NL80211_STA_INFO_SIGNAL] = { .type = NLA_U8 },
	[NL80211_STA_INFO_CONNECTED_TIME] = { .type = NLA_U32 },
	[NL80211_STA_INFO_RX_PACKETS] = { .type = NLA_U32 },
	[NL80211_STA_INFO_TX_PACKETS] = { .type = NLA_U32 },
	[NL80211_STA_INFO_TX_FAILED] = { .type = NLA_U32 },
	[NL80211_STA_INFO_TX_RETRIES] = { .type = NLA_U32 },
	[NL80211_STA_INFO_STA_FLAGS] = {
		.minlen = sizeof(struct nl80211_sta_flag_update) },
};

/* Beacon data shared by START_AP and SET_BEACON. */
static int put_beacon(struct nl_msg *msg, const struct drv_ap_params *p)
{
	if (!p->head || !p->head_len)
		return -EINVAL;
	if (nla_put(msg, NL80211_ATTR_BEACON_HEAD, (int)p->head_len, p->head) < 0 ||
	    (p->tail_len &&
	     nla_put(msg, NL80211_ATTR_BEACON_TAIL, (int)p->tail_len, p->tail) < 0) ||
	    (p->probe_resp_len &&
	     nla_put(msg, NL80211_ATTR_PROBE_RESP, (int)p->probe_resp_len,
		     p->probe_resp) < 0) ||
	    (p->beacon_ies_len &&
	     nla_put(msg, NL80211_ATTR_IE, (int)p->beacon_ies_len,
		     p->beacon_ies) < 0) ||
	    (p->proberesp_ies_len &&
	     nla_put(msg, NL80211_ATTR_IE_PROBE_RESP, (int)p->proberesp_ies_len,
		     p->proberesp_ies) < 0) ||
	    (p->assocresp_ies_len &&
	     nla_put(msg, NL80211_ATTR_IE_ASSOC_RESP, (int)p->assocresp_ies_len,
		     p->assocresp_ies) < 0))
		return -EMSGSIZE;
	return 0;
}

static struct nl_msg *start_ap_msg(struct drv_nl80211 *d,
				   const struct drv_ap_params *p, bool cp)
{
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_START_AP, 0);
	uint32_t pw[8], akm[4];
	size_t npw = 0, nakm = 0;
	uint32_t wpa = 0;

	if (!msg)
		return NULL;
	npw = drvnl_cipher_suites(p->pairwise_ciphers, pw, ARRAY_SIZE(pw));
	nakm = drvnl_akm_suites(p->akm, akm, ARRAY_SIZE(akm));
	wpa = drvnl_wpa_versions(p->wpa_versions);

	if (put_beacon(msg, p) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_BEACON_INTERVAL, p->beacon_int) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_DTIM_PERIOD,
			p->dtim_period ? p->dtim_period : 2) < 0 ||
	    nla_put(msg, NL80211_ATTR_SSID, (int)p->ssid_len, p->ssid) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_HIDDEN_SSID,
			p->hidden == DRV_HIDDEN_SSID_ZERO_LEN ?
			NL80211_HIDDEN_SSID_ZERO_LEN :
			p->hidden == DRV_HIDDEN_SSID_ZERO_CONTENTS ?
			NL80211_HIDDEN_SSID_ZERO_CONTENTS :
			NL80211_HIDDEN_SSID_NOT_IN_USE) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_AUTH_TYPE,
			NL80211_AUTHTYPE_OPEN_SYSTEM) < 0 ||
	    (p->privacy && nla_put_flag(msg, NL80211_ATTR_PRIVACY) < 0) ||
	    (wpa && nla_put_u32(msg, NL80211_ATTR_WPA_VERSIONS, wpa) < 0) ||
	    (npw && drvnl_put_u32_array(msg, NL80211_ATTR_CIPHER_SUITES_PAIRWISE,
				  pw, npw) < 0) ||
	    (p->group_cipher != WPA_CIPHER_NONE &&
	     nla_put_u32(msg, NL80211_ATTR_CIPHER_SUITE_GROUP,
			 wpa_cipher_to_suite32(p->group_cipher)) < 0) ||
	    (nakm && drvnl_put_u32_array(msg, NL80211_ATTR_AKM_SUITES, akm,
				   nakm) < 0) ||
	    (p->freq &&
	     (nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq) < 0 ||
	      nla_put_u32(msg, NL80211_ATTR_WIPHY_CHANNEL_TYPE,
			  NL80211_CHAN_NO_HT) < 0)) ||
	    /* the kernel refuses START_AP (EOPNOTSUPP, no message) when the
	     * driver has no inactivity timer: then the AP polls in userspace */
	    (p->inactivity_timeout && d->capa.inactivity_timer &&
	     nla_put_u16(msg, NL80211_ATTR_INACTIVITY_TIMEOUT,
			 (uint16_t)p->inactivity_timeout) < 0) ||
	    nla_put_flag(msg, NL80211_ATTR_SOCKET_OWNER) < 0 ||
	    (cp && (nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_OVER_NL80211) < 0 ||
		    nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
				ETH_P_PAE) < 0))) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int drvnl_start_ap(struct drv *drv, const struct drv_ap_params *p)
{
	struct drv_nl80211 *d = to_nl(drv);
	bool cp = d->capa.control_port_over_nl80211;
	int ret;

	if (d->iftype != DRV_IFTYPE_AP) {
		log_err(DRV_TAG, "%s: start_ap: interface is in %s mode, not "
			"AP", drv->ifname, drv_iftype_str(d->iftype));
		return -EINVAL;
	}
	if (!p->head || !p->ssid || !p->ssid_len || !p->beacon_int)
		return -EINVAL;
	ret = drvnl_send_cmd(d, d->own, start_ap_msg(d, p, cp), NULL, NULL,
		       "START_AP");
	if (ret == -EINVAL && cp) {
		log_warn(DRV_TAG, "%s: START_AP with control port over nl80211 "
			 "refused; retrying with a packet socket for EAPOL",
			 drv->ifname);
		cp = false;
		ret = drvnl_send_cmd(d, d->own, start_ap_msg(d, p, cp), NULL, NULL,
			       "START_AP");
	}
	if (ret) {
		log_err(DRV_TAG, "%s: %s: starting the AP failed: %s%s%s",
			drv->ifname, d->phy, strerror(-ret),
			nlh_last_extack(d->own)[0] ? " - " : "",
			nlh_last_extack(d->own));
		return ret;
	}
	d->use_cp = cp;
	if (!cp && (ret = drvnl_open_pkt_socket(d)) < 0)
		return ret;
	if (p->freq)
		d->freq = p->freq;
	log_info(DRV_TAG, "%s: AP started (%u MHz, beacon %u TU, EAPOL via %s)",
		 drv->ifname, d->freq, p->beacon_int,
		 cp ? "nl80211" : "packet socket");
	return 0;
}

int drvnl_update_beacon(struct drv *drv, const struct drv_ap_params *p)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_SET_BEACON, 0);

	if (!msg)
		return -ENOMEM;
	if (put_beacon(msg, p) < 0)
		return drvnl_put_fail(msg);
	return drvnl_send_cmd(d, d->own, msg, NULL, NULL, "SET_BEACON");
}

int drvnl_stop_ap(struct drv *drv)
{
	struct drv_nl80211 *d = to_nl(drv);

	return drvnl_send_cmd(d, d->own, drvnl_if_msg(d, NL80211_CMD_STOP_AP, 0), NULL,
			NULL, "STOP_AP");
}

static int cookie_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) == 0 &&
	    tb[NL80211_ATTR_COOKIE])
		*(uint64_t *)arg = nla_get_u64(tb[NL80211_ATTR_COOKIE]);
	return NL_SKIP;
}

int drvnl_send_mgmt(struct drv *drv, const uint8_t *frame, size_t len,
			bool no_ack, uint64_t *cookie)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_FRAME, 0);
	uint64_t c = 0;
	int ret;

	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, NL80211_ATTR_FRAME, (int)len, frame) < 0 ||
	    (no_ack && nla_put_flag(msg, NL80211_ATTR_DONT_WAIT_FOR_ACK) < 0))
		return drvnl_put_fail(msg);
	ret = drvnl_send_cmd(d, d->own, msg, cookie_cb, &c, "FRAME");
	if (ret == 0 && cookie)
		*cookie = c;
	if (ret == 0)
		log_printf(LOG_LVL_MSGDUMP, DRV_TAG, "%s: TX %s (%zu bytes) "
			   "cookie %llu", drv->ifname,
			   mgmt_get_subtype(frame, len) >= 0 ?
			   mgmt_subtype_str((enum mgmt_subtype)
					    mgmt_get_subtype(frame, len)) :
			   "frame", len, (unsigned long long)c);
	return ret;
}

int drvnl_register_frames(struct drv *drv, const struct drv_frame_match *m,
			      size_t n)
{
	struct drv_nl80211 *d = to_nl(drv);

	for (size_t i = 0; i < n; i++) {
		struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_REGISTER_FRAME, 0);
		uint16_t type = (uint16_t)(MGMT_FTYPE_MGMT << MGMT_FC_TYPE_SHIFT |
					   m[i].subtype << MGMT_FC_STYPE_SHIFT);
		char what[64];
		int ret;

		if (!msg)
			return -ENOMEM;
		if (nla_put_u16(msg, NL80211_ATTR_FRAME_TYPE, type) < 0 ||
		    nla_put(msg, NL80211_ATTR_FRAME_MATCH, (int)m[i].match_len,
			    m[i].match) < 0)
			return drvnl_put_fail(msg);
		snprintf(what, sizeof(what), "REGISTER_FRAME %s",
			 mgmt_subtype_str((enum mgmt_subtype)(m[i].subtype & 15)));
		ret = drvnl_send_cmd(d, d->own, msg, NULL, NULL, what);
		if (ret == -EALREADY)	/* registered earlier on this socket */
			ret = 0;
		if (ret) {
			log_err(DRV_TAG, "%s: %s: cannot receive %s frames: %s",
				drv->ifname, d->phy,
				mgmt_subtype_str((enum mgmt_subtype)
						 (m[i].subtype & 15)),
				strerror(-ret));
			return ret;
		}
	}
	return 0;
}

static int put_sta_flags(struct nl_msg *msg, uint32_t set, uint32_t clear)
{
	struct nl80211_sta_flag_update u = {
		.mask = sta_flags_nl(set | clear),
		.set = sta_flags_nl(set),
	};

	return nla_put(msg, NL80211_ATTR_STA_FLAGS2, sizeof(u), &u);
}

int drvnl_sta_add(struct drv *drv, const struct drv_sta_params *p)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_NEW_STATION, 0);
	uint8_t rates[NL80211_MAX_SUPP_RATES];
	size_t n = 0;

	if (!msg)
		return -ENOMEM;
	for (size_t i = 0; i < p->n_supp_rates && n < sizeof(rates); i++)
		rates[n++] = p->supp_rates[i] & 0x7f;
	if (n == 0) {
		nlmsg_free(msg);
		log_err(DRV_TAG, "%s: sta_add " MAC_FMT ": no supported rates",
			drv->ifname, MAC_ARG(p->addr));
		return -EINVAL;
	}
	if (nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, p->addr) < 0 ||
	    nla_put_u16(msg, NL80211_ATTR_STA_AID, p->aid) < 0 ||
	    nla_put_u16(msg, NL80211_ATTR_STA_LISTEN_INTERVAL,
			p->listen_interval) < 0 ||
	    nla_put(msg, NL80211_ATTR_STA_SUPPORTED_RATES, (int)n, rates) < 0 ||
	    nla_put_u16(msg, NL80211_ATTR_STA_CAPABILITY, p->capab) < 0 ||
	    (p->ht_capa && nla_put(msg, NL80211_ATTR_HT_CAPABILITY,
				   NL80211_HT_CAPABILITY_LEN, p->ht_capa) < 0) ||
	    put_sta_flags(msg, p->flags, 0) < 0)
		return drvnl_put_fail(msg);
	return drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "NEW_STATION");
}

int drvnl_sta_set_flags(struct drv *drv, const uint8_t addr[ETH_ALEN],
			    uint32_t set, uint32_t clear)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_SET_STATION, 0);

	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, addr) < 0 ||
	    put_sta_flags(msg, set, clear) < 0)
		return drvnl_put_fail(msg);
	return drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "SET_STATION");
}

int drvnl_sta_remove(struct drv *drv, const uint8_t addr[ETH_ALEN])
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_DEL_STATION, 0);
	int ret;

	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, addr) < 0)
		return drvnl_put_fail(msg);
	ret = drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "DEL_STATION");
	return ret == -ENOENT ? 0 : ret;
}

static int sta_cb(struct nl_msg *msg, void *arg)
{
	struct drv_sta_info *info = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *si[NL80211_STA_INFO_MAX + 1];

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0 ||
	    !tb[NL80211_ATTR_STA_INFO] ||
	    nla_parse_nested(si, NL80211_STA_INFO_MAX,
			     tb[NL80211_ATTR_STA_INFO], sta_info_policy) < 0)
		return NL_SKIP;
	if (si[NL80211_STA_INFO_INACTIVE_TIME])
		info->inactive_ms = nla_get_u32(si[NL80211_STA_INFO_INACTIVE_TIME]);
	if (si[NL80211_STA_INFO_SIGNAL])
		info->signal_dbm = (int8_t)nla_get_u8(si[NL80211_STA_INFO_SIGNAL]);
	if (si[NL80211_STA_INFO_CONNECTED_TIME])
		info->connected_s = nla_get_u32(si[NL80211_STA_INFO_CONNECTED_TIME]);
	if (si[NL80211_STA_INFO_RX_PACKETS])
		info->rx_packets = nla_get_u32(si[NL80211_STA_INFO_RX_PACKETS]);
	if (si[NL80211_STA_INFO_TX_PACKETS])
		info->tx_packets = nla_get_u32(si[NL80211_STA_INFO_TX_PACKETS]);
	if (si[NL80211_STA_INFO_TX_FAILED])
		info->tx_failed = nla_get_u32(si[NL80211_STA_INFO_TX_FAILED]);
	if (si[NL80211_STA_INFO_TX_RETRIES])
		info->tx_retries = nla_get_u32(si[NL80211_STA_INFO_TX_RETRIES]);
	if (si[NL80211_STA_INFO_STA_FLAGS]) {
		struct nl80211_sta_flag_update u;

		memcpy(&u, nla_data(si[NL80211_STA_INFO_STA_FLAGS]), sizeof(u));
		u.set &= u.mask;
		if (u.set & (1u << NL80211_STA_FLAG_AUTHORIZED))
			info->flags |= DRV_STA_AUTHORIZED;
		if (u.set & (1u << NL80211_STA_FLAG_AUTHENTICATED))
			info->flags |= DRV_STA_AUTHENTICATED;
		if (u.set & (1u << NL80211_STA_FLAG_ASSOCIATED))
			info->flags |= DRV_STA_ASSOCIATED;
		if (u.set & (1u << NL80211_STA_FLAG_WME))
			info->flags |= DRV_STA_WME;
		if (u.set & (1u << NL80211_STA_FLAG_MFP))
			info->flags |= DRV_STA_MFP;
		if (u.set & (1u << NL80211_STA_FLAG_SHORT_PREAMBLE))
			info->flags |= DRV_STA_SHORT_PREAMBLE;
	}
	return NL_SKIP;
}

int drvnl_get_station(struct drv *drv, const uint8_t addr[ETH_ALEN],
			  struct drv_sta_info *info)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_GET_STATION, 0);

	if (!msg)
		return -ENOMEM;
	memset(info, 0, sizeof(*info));
	if (nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, addr) < 0)
		return drvnl_put_fail(msg);
	return drvnl_send_cmd(d, d->cmd, msg, sta_cb, info, "GET_STATION");
}

int drvnl_set_key(struct drv *drv, const struct drv_key *k)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg;
	uint8_t key[32];
	size_t want = wpa_cipher_key_len(k->cipher);
	int ret;

	/* key IDs 4 and 5 are the IGTK's, and only its (9.4.2.54) */
	if (k->cipher == WPA_CIPHER_NONE || !k->key || k->key_len != want ||
	    k->key_len > sizeof(key) || k->idx < 0 || k->idx > 5 ||
	    (k->pairwise && !k->addr) || k->seq_len > 16 ||
	    (wpa_cipher_is_group_mgmt(k->cipher) != (k->idx >= 4)) ||
	    (k->idx >= 4 && k->pairwise)) {
		log_err(DRV_TAG, "%s: set_key: invalid %s key (len %zu idx %d)",
			drv->ifname, wpa_cipher_name(k->cipher), k->key_len,
			k->idx);
		return -EINVAL;
	}
	if (d->capa_valid && !(d->capa.ciphers & (k->cipher))) {
		log_err(DRV_TAG, "%s: driver does not support %s", d->phy,
			wpa_cipher_name(k->cipher));
		return -EOPNOTSUPP;
	}
	memcpy(key, k->key, k->key_len);
	/* The kernel reads TKIP as TK | TX MIC | RX MIC from the local side
	 * (NL80211_TKIP_DATA_OFFSET_*); 802.11 gives the authenticator's
	 * TX MIC key first, so a station swaps the two halves. */
	if (k->cipher == WPA_CIPHER_TKIP && d->iftype == DRV_IFTYPE_STATION) {
		memcpy(key + 16, k->key + 24, 8);
		memcpy(key + 24, k->key + 16, 8);
	}
	msg = drvnl_if_msg(d, NL80211_CMD_NEW_KEY, 0);
	if (!msg) {
		secure_zero(key, sizeof(key));
		return -ENOMEM;
	}
	if (nla_put(msg, NL80211_ATTR_KEY_DATA, (int)k->key_len, key) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_KEY_CIPHER,
			wpa_cipher_to_suite32(k->cipher)) < 0 ||
	    nla_put_u8(msg, NL80211_ATTR_KEY_IDX, (uint8_t)k->idx) < 0 ||
	    (k->seq && k->seq_len &&
	     nla_put(msg, NL80211_ATTR_KEY_SEQ, (int)k->seq_len, k->seq) < 0) ||
	    nla_put_u32(msg, NL80211_ATTR_KEY_TYPE,
			k->pairwise ? NL80211_KEYTYPE_PAIRWISE :
			NL80211_KEYTYPE_GROUP) < 0 ||
	    (k->pairwise &&
	     nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, k->addr) < 0)) {
		secure_zero(key, sizeof(key));
		return drvnl_put_fail(msg);
	}
	secure_zero(key, sizeof(key));
	ret = drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "NEW_KEY");
	if (ret)
		return ret;
	log_dbg(DRV_TAG, "%s: installed %s %s key idx %d%s%s", drv->ifname,
		wpa_cipher_name(k->cipher), k->pairwise ? "pairwise" : "group",
		k->idx, k->pairwise ? " for " : "", k->pairwise ? "peer" : "");
	if (k->pairwise || !k->set_tx)
		return 0;
	msg = drvnl_if_msg(d, NL80211_CMD_SET_KEY, 0);
	if (!msg)
		return -ENOMEM;
	/* an IGTK becomes the default management key (BIP on group
	 * addressed robust management frames), a GTK the default data key */
	if (nla_put_u8(msg, NL80211_ATTR_KEY_IDX, (uint8_t)k->idx) < 0 ||
	    nla_put_flag(msg, k->idx >= 4 ? NL80211_ATTR_KEY_DEFAULT_MGMT :
			 NL80211_ATTR_KEY_DEFAULT) < 0)
		return drvnl_put_fail(msg);
	return drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, k->idx >= 4 ?
			      "SET_KEY default mgmt" : "SET_KEY default");
}

int drvnl_del_key(struct drv *drv, const uint8_t *addr, int idx)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_DEL_KEY, 0);
	int ret;

	if (!msg)
		return -ENOMEM;
	if (nla_put_u8(msg, NL80211_ATTR_KEY_IDX, (uint8_t)idx) < 0 ||
	    (addr && nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, addr) < 0))
		return drvnl_put_fail(msg);
	ret = drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "DEL_KEY");
	return ret == -ENOENT || ret == -ENOLINK ? 0 : ret;
}

/* NL80211_CMD_GET_KEY reply: NL80211_ATTR_KEY_SEQ is the key's TX counter,
 * six octets, least significant first (nl80211.h). */
int drvnl_parse_key_seq(struct nl_msg *msg, uint64_t *seq)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	const uint8_t *b;
	uint64_t v = 0;

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0)
		return -EPROTO;
	if (!tb[NL80211_ATTR_KEY_SEQ])
		return -ENODATA;
	if (nla_len(tb[NL80211_ATTR_KEY_SEQ]) != 6)
		return -EPROTO;
	b = nla_data(tb[NL80211_ATTR_KEY_SEQ]);
	for (int i = 5; i >= 0; i--)
		v = (v << 8) | b[i];
	*seq = v;
	return 0;
}

struct key_seq_reply {
	uint64_t seq;
	int ret;		/* -ENODATA until a reply was parsed */
};

static int key_seq_cb(struct nl_msg *msg, void *arg)
{
	struct key_seq_reply *r = arg;

	r->ret = drvnl_parse_key_seq(msg, &r->seq);
	return NL_SKIP;
}

int drvnl_get_key_seq(struct drv *drv, const uint8_t *addr, int idx, uint64_t *seq)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct key_seq_reply r = { .ret = -ENODATA };
	struct nl_msg *msg;
	int ret;

	if (idx < 0 || idx > 5)
		return -EINVAL;
	msg = drvnl_if_msg(d, NL80211_CMD_GET_KEY, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u8(msg, NL80211_ATTR_KEY_IDX, (uint8_t)idx) < 0 ||
	    (addr && nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, addr) < 0))
		return drvnl_put_fail(msg);
	ret = drvnl_send_cmd(d, d->cmd, msg, key_seq_cb, &r, "GET_KEY");
	if (ret)
		return ret;
	if (r.ret == -EPROTO)
		log_err(DRV_TAG, "%s: GET_KEY idx %d: malformed reply (NL80211_ATTR_KEY_SEQ "
			"must be 6 octets)", drv->ifname, idx);
	else if (r.ret)
		log_err(DRV_TAG, "%s: GET_KEY idx %d: no NL80211_ATTR_KEY_SEQ in the reply",
			drv->ifname, idx);
	else
		*seq = r.seq;
	return r.ret;
}

int drvnl_tx_eapol(struct drv *drv, const uint8_t dst[ETH_ALEN],
		       const uint8_t *data, size_t len, bool no_encrypt)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg;

	if (!d->use_cp) {
		struct sockaddr_ll sll = {
			.sll_family = AF_PACKET,
			.sll_protocol = htons(ETH_P_PAE),
			.sll_ifindex = d->ifindex,
			.sll_halen = ETH_ALEN,
		};
		int ret = drvnl_open_pkt_socket(d);

		if (ret)
			return ret;
		memcpy(sll.sll_addr, dst, ETH_ALEN);
		if (sendto(d->pkt_fd, data, len, 0, (struct sockaddr *)&sll,
			   sizeof(sll)) < 0) {
			ret = -errno;
			log_err(DRV_TAG, "%s: EAPOL to " MAC_FMT ": %s",
				drv->ifname, MAC_ARG(dst), strerror(-ret));
			return ret;
		}
		return 0;
	}
	msg = drvnl_if_msg(d, NL80211_CMD_CONTROL_PORT_FRAME, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, NL80211_ATTR_FRAME, (int)len, data) < 0 ||
	    nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, dst) < 0 ||
	    nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
			ETH_P_PAE) < 0 ||
	    (no_encrypt &&
	     nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT) < 0))
		return drvnl_put_fail(msg);
	return drvnl_send_cmd(d, d->own, msg, NULL, NULL, "CONTROL_PORT_FRAME");
}
