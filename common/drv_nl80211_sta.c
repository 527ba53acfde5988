// SPDX-License-Identifier: MIT
/* drv_nl80211_sta.c: scanning and the userspace SME of the nl80211 driver
 * (AUTHENTICATE, ASSOCIATE with PREV_BSSID, DEAUTHENTICATE, CQM). */
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

static struct nla_policy bss_policy[NL80211_BSS_MAX + 1] = {
	[NL80211_BSS_BSSID] = { .minlen = ETH_ALEN, .maxlen = ETH_ALEN },
	[NL80211_BSS_FREQUENCY] = { .type = NLA_U32 },
	[NL80211_BSS_TSF] = { .type = NLA_U64 },
	[NL80211_BSS_BEACON_INTERVAL] = { .type = NLA_U16 },
	[NL80211_BSS_CAPABILITY] = { .type = NLA_U16 },
	[NL80211_BSS_INFORMATION_ELEMENTS] = { .type = NLA_UNSPEC },
	[NL80211_BSS_SIGNAL_MBM] = { .type = NLA_U32 },
	[NL80211_BSS_STATUS] = { .type = NLA_U32 },
	[NL80211_BSS_SEEN_MS_AGO] = { .type = NLA_U32 },
	[NL80211_BSS_BEACON_IES] = { .type = NLA_UNSPEC },
};

int drvnl_scan(struct drv *drv, const struct drv_scan_params *p)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_TRIGGER_SCAN, 0);
	struct nlattr *nest;
	int ret;

	if (!msg)
		return -ENOMEM;
	if (p->n_ssids) {
		nest = nla_nest_start(msg, NL80211_ATTR_SCAN_SSIDS);
		if (!nest)
			return drvnl_put_fail(msg);
		for (size_t i = 0; i < p->n_ssids; i++)
			if (nla_put(msg, (int)i + 1, (int)p->ssids[i].len,
				    p->ssids[i].ssid) < 0)
				return drvnl_put_fail(msg);
		nla_nest_end(msg, nest);
	}
	if (p->n_freqs) {
		nest = nla_nest_start(msg, NL80211_ATTR_SCAN_FREQUENCIES);
		if (!nest)
			return drvnl_put_fail(msg);
		for (size_t i = 0; i < p->n_freqs; i++)
			if (nla_put_u32(msg, (int)i + 1, p->freqs[i]) < 0)
				return drvnl_put_fail(msg);
		nla_nest_end(msg, nest);
	}
	if ((p->extra_ies_len &&
	     nla_put(msg, NL80211_ATTR_IE, (int)p->extra_ies_len,
		     p->extra_ies) < 0) ||
	    (p->flush && nla_put_u32(msg, NL80211_ATTR_SCAN_FLAGS,
				     NL80211_SCAN_FLAG_FLUSH) < 0))
		return drvnl_put_fail(msg);
	ret = drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "TRIGGER_SCAN");
	if (ret == 0)
		log_dbg(DRV_TAG, "%s: %s scan started (%zu ssids, %zu freqs)",
			drv->ifname, p->n_ssids ? "active" : "passive",
			p->n_ssids, p->n_freqs);
	return ret;
}

static int scan_cb(struct nl_msg *msg, void *arg)
{
	struct drv_scan_results *res = arg;
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *bss[NL80211_BSS_MAX + 1];
	struct drv_bss *b, *nb;
	struct nlattr *ies, *bies;

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0 ||
	    !tb[NL80211_ATTR_BSS] ||
	    nla_parse_nested(bss, NL80211_BSS_MAX, tb[NL80211_ATTR_BSS],
			     bss_policy) < 0 ||
	    !bss[NL80211_BSS_BSSID] || !bss[NL80211_BSS_FREQUENCY])
		return NL_SKIP;
	nb = realloc(res->bss, (res->n + 1) * sizeof(*nb));
	if (!nb)
		return NL_SKIP;
	res->bss = nb;
	b = &res->bss[res->n];
	memset(b, 0, sizeof(*b));
	memcpy(b->bssid, nla_data(bss[NL80211_BSS_BSSID]), ETH_ALEN);
	b->freq = nla_get_u32(bss[NL80211_BSS_FREQUENCY]);
	if (bss[NL80211_BSS_SIGNAL_MBM])
		b->signal_mbm = (int32_t)nla_get_u32(bss[NL80211_BSS_SIGNAL_MBM]);
	if (bss[NL80211_BSS_BEACON_INTERVAL])
		b->beacon_int = nla_get_u16(bss[NL80211_BSS_BEACON_INTERVAL]);
	if (bss[NL80211_BSS_CAPABILITY])
		b->capab = nla_get_u16(bss[NL80211_BSS_CAPABILITY]);
	if (bss[NL80211_BSS_TSF])
		b->tsf = nla_get_u64(bss[NL80211_BSS_TSF]);
	if (bss[NL80211_BSS_SEEN_MS_AGO])
		b->age_ms = nla_get_u32(bss[NL80211_BSS_SEEN_MS_AGO]);
	if (bss[NL80211_BSS_STATUS])
		b->associated = nla_get_u32(bss[NL80211_BSS_STATUS]) ==
				NL80211_BSS_STATUS_ASSOCIATED;
	ies = bss[NL80211_BSS_INFORMATION_ELEMENTS];
	bies = bss[NL80211_BSS_BEACON_IES];
	if (!ies)
		ies = bies;
	if (ies && nla_len(ies) > 0) {
		b->ies = malloc((size_t)nla_len(ies));
		if (b->ies) {
			memcpy(b->ies, nla_data(ies), (size_t)nla_len(ies));
			b->ies_len = (size_t)nla_len(ies);
		}
	}
	if (bies && nla_len(bies) > 0) {
		b->beacon_ies = malloc((size_t)nla_len(bies));
		if (b->beacon_ies) {
			memcpy(b->beacon_ies, nla_data(bies),
			       (size_t)nla_len(bies));
			b->beacon_ies_len = (size_t)nla_len(bies);
		}
	}
	res->n++;
	return NL_SKIP;
}

int drvnl_get_scan_results(struct drv *drv, struct drv_scan_results **out)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct drv_scan_results *res = calloc(1, sizeof(*res));
	int ret;

	if (!res)
		return -ENOMEM;
	ret = drvnl_send_cmd(d, d->cmd, drvnl_if_msg(d, NL80211_CMD_GET_SCAN, NLM_F_DUMP),
		       scan_cb, res, "GET_SCAN");
	if (ret) {
		drv_scan_results_free(res);
		return ret;
	}
	*out = res;
	return 0;
}

int drvnl_authenticate(struct drv *drv, const struct drv_auth_params *p)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg;
	int ret;

	if (!p->bssid || !p->freq || !p->ssid || !p->ssid_len ||
	    (p->auth_alg == MGMT_AUTH_ALG_SAE && !p->sae_data_len))
		return -EINVAL;
	msg = drvnl_if_msg(d, NL80211_CMD_AUTHENTICATE, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, p->bssid) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq) < 0 ||
	    nla_put(msg, NL80211_ATTR_SSID, (int)p->ssid_len, p->ssid) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_AUTH_TYPE,
			p->auth_alg == MGMT_AUTH_ALG_SHARED ?
			NL80211_AUTHTYPE_SHARED_KEY :
			p->auth_alg == MGMT_AUTH_ALG_SAE ? NL80211_AUTHTYPE_SAE :
			NL80211_AUTHTYPE_OPEN_SYSTEM) < 0 ||
	    (p->ies_len && nla_put(msg, NL80211_ATTR_IE, (int)p->ies_len,
				   p->ies) < 0) ||
	    (p->auth_alg == MGMT_AUTH_ALG_SAE &&
	     nla_put(msg, NL80211_ATTR_SAE_DATA, (int)p->sae_data_len, p->sae_data) < 0))
		return drvnl_put_fail(msg);
	/* Authenticating elsewhere while connected makes the kernel drop
	 * the current link with a local deauth: that is our doing, not a
	 * connection loss. */
	if (drvnl_link_connected(d))
		d->deauth_requested = true;
	ret = drvnl_send_cmd(d, d->own, msg, NULL, NULL,
			     p->auth_alg == MGMT_AUTH_ALG_SAE ? "AUTHENTICATE (SAE)" :
			     "AUTHENTICATE");
	if (ret == -ENOENT)
		log_err(DRV_TAG, "%s: authenticate: the kernel has no scan "
			"result for " MAC_FMT " on %u MHz (scan first)",
			drv->ifname, MAC_ARG(p->bssid), p->freq);
	else if (ret == -EALREADY)
		log_warn(DRV_TAG, "%s: already authenticated with " MAC_FMT,
			 drv->ifname, MAC_ARG(p->bssid));
	return ret;
}

int drvnl_associate(struct drv *drv, const struct drv_assoc_params *p)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg;
	bool cp = p->control_port && d->capa.control_port_over_nl80211;
	uint32_t wpa = 0, pw, akm[2];
	size_t nakm = 0;
	int ret;

	if (!p->bssid || !p->freq || !p->ssid || !p->ssid_len)
		return -EINVAL;
	msg = drvnl_if_msg(d, NL80211_CMD_ASSOCIATE, 0);
	if (!msg)
		return -ENOMEM;
	wpa = drvnl_wpa_versions(p->wpa_versions);
	pw = wpa_cipher_to_suite32(p->pairwise_cipher);
	nakm = drvnl_akm_suites(p->akm, akm, ARRAY_SIZE(akm));
	if (nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, p->bssid) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq) < 0 ||
	    nla_put(msg, NL80211_ATTR_SSID, (int)p->ssid_len, p->ssid) < 0 ||
	    (p->prev_bssid &&
	     nla_put(msg, NL80211_ATTR_PREV_BSSID, ETH_ALEN, p->prev_bssid) < 0) ||
	    (p->ies_len &&
	     nla_put(msg, NL80211_ATTR_IE, (int)p->ies_len, p->ies) < 0) ||
	    (wpa && nla_put_u32(msg, NL80211_ATTR_WPA_VERSIONS, wpa) < 0) ||
	    (pw && nla_put_u32(msg, NL80211_ATTR_CIPHER_SUITES_PAIRWISE, pw) < 0) ||
	    (p->group_cipher != WPA_CIPHER_NONE &&
	     nla_put_u32(msg, NL80211_ATTR_CIPHER_SUITE_GROUP,
			 wpa_cipher_to_suite32(p->group_cipher)) < 0) ||
	    (nakm && drvnl_put_u32_array(msg, NL80211_ATTR_AKM_SUITES, akm,
				   nakm) < 0) ||
	    (p->mfp && nla_put_u32(msg, NL80211_ATTR_USE_MFP, NL80211_MFP_REQUIRED) < 0) ||
	    (p->control_port &&
	     (nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT) < 0 ||
	      nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
			  ETH_P_PAE) < 0)) ||
	    nla_put_flag(msg, NL80211_ATTR_SOCKET_OWNER) < 0 ||
	    (cp && nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_OVER_NL80211) < 0))
		return drvnl_put_fail(msg);
	if (!cp && (ret = drvnl_open_pkt_socket(d)) < 0) {
		nlmsg_free(msg);
		return ret;
	}
	/* Set before sending: EAPOL may arrive before the reply. */
	if (drvnl_link_connected(d))
		d->deauth_requested = true;	/* kernel drops the old link */
	memcpy(d->assoc_bssid, p->bssid, ETH_ALEN);
	drvnl_link_set(d, drvnl_link_connected(d), true);
	d->use_cp = cp;
	ret = drvnl_send_cmd(d, d->own, msg, NULL, NULL,
		       p->prev_bssid ? "ASSOCIATE (reassoc)" : "ASSOCIATE");
	if (ret) {
		drvnl_link_set(d, drvnl_link_connected(d), false);
		drvnl_release_held_eapol(d, false);
		if (ret == -ENOLINK)
			log_err(DRV_TAG, "%s: associate: not authenticated with "
				MAC_FMT, drv->ifname, MAC_ARG(p->bssid));
	}
	return ret;
}

int drvnl_deauthenticate(struct drv *drv, const uint8_t bssid[ETH_ALEN],
			     uint16_t reason)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_DEAUTHENTICATE, 0);
	int ret;

	if (!msg)
		return -ENOMEM;
	if (nla_put(msg, NL80211_ATTR_MAC, ETH_ALEN, bssid) < 0 ||
	    nla_put_u16(msg, NL80211_ATTR_REASON_CODE, reason) < 0)
		return drvnl_put_fail(msg);
	d->deauth_requested = true;
	ret = drvnl_send_cmd(d, d->own, msg, NULL, NULL, "DEAUTHENTICATE");
	if (ret)
		d->deauth_requested = false;
	return ret == -ENOLINK ? 0 : ret;	/* not authenticated: done */
}

int drvnl_set_cqm_rssi(struct drv *drv, int threshold_dbm,
			   unsigned int hysteresis_db)
{
	struct drv_nl80211 *d = to_nl(drv);
	struct nl_msg *msg = drvnl_if_msg(d, NL80211_CMD_SET_CQM, 0);
	struct nlattr *nest;
	int32_t thold = threshold_dbm;

	if (!msg)
		return -ENOMEM;
	nest = nla_nest_start(msg, NL80211_ATTR_CQM);
	if (!nest ||
	    nla_put(msg, NL80211_ATTR_CQM_RSSI_THOLD, sizeof(thold), &thold) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_CQM_RSSI_HYST, hysteresis_db) < 0)
		return drvnl_put_fail(msg);
	nla_nest_end(msg, nest);
	return drvnl_send_cmd(d, d->cmd, msg, NULL, NULL, "SET_CQM");
}
