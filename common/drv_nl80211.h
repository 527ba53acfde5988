/* SPDX-License-Identifier: MIT */
/* drv_nl80211.h: private to drv_nl80211*.c (the nl80211 driver is split in
 * drv_nl80211.c: setup, capabilities and events; drv_nl80211_ap.c: AP and
 * key operations; drv_nl80211_sta.c: scan and the station SME). Users
 * include drv.h only. */
#ifndef ROAMLAB_DRV_NL80211_H
#define ROAMLAB_DRV_NL80211_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "drv.h"
#include "nl.h"

#define DRV_TAG "drv"

#define EAPOL_MAX 2048

struct drv_nl80211 {
	struct drv base;		/* must be first */
	struct nlh_sock *cmd, *ev, *own;
	int family;
	int ifindex;
	uint32_t wiphy;
	uint8_t mac[ETH_ALEN];
	char phy[32];
	enum drv_iftype iftype;
	uint32_t freq;
	struct drv_capa capa;
	bool capa_valid;
	bool use_cp;			/* EAPOL via control port over nl80211 */
	int pkt_fd;			/* EAPOL packet socket, or -1 */

	/* STA link: only drvnl_link_enter_state() writes link */
	enum drv_link_state link;
	uint8_t assoc_bssid[ETH_ALEN];	/* ASSOCIATING, ROAMING: the target */
	uint8_t bssid[ETH_ALEN];	/* CONNECTED, ROAMING: the current BSS */
	/* Not a link state: a filter for the next local deauth event, which
	 * is ours (deauthenticate, or authenticate/associate elsewhere while
	 * associated) and so not a connection loss. */
	bool deauth_requested;
	/* EAPOL from the AP that overtook the association result */
	uint8_t *held_eapol;
	size_t held_len;
	uint8_t held_src[ETH_ALEN];
};

static inline struct drv_nl80211 *to_nl(struct drv *d)
{
	return (struct drv_nl80211 *)d;
}

extern struct nla_policy drvnl_attr_policy[NL80211_ATTR_MAX + 1];

/* drv_nl80211_msg.c (calls none of the files below) */
/* The nl80211 suites of a WPA_CIPHER_* / WPA_AKM_* set into out; the count. */
size_t drvnl_cipher_suites(uint32_t ciphers, uint32_t *out, size_t cap);
size_t drvnl_akm_suites(uint32_t akms, uint32_t *out, size_t cap);
/* WPA_PROTO_* -> NL80211_WPA_VERSION_* bits. */
uint32_t drvnl_wpa_versions(uint32_t protos);
/* A message for our interface (IFINDEX set); NULL on ENOMEM. */
struct nl_msg *drvnl_if_msg(struct drv_nl80211 *d, uint8_t cmd, int flags);
int drvnl_send_cmd(struct drv_nl80211 *d, struct nlh_sock *s,
		    struct nl_msg *msg, nlh_msg_cb cb, void *arg,
		    const char *what);
int drvnl_put_fail(struct nl_msg *msg);
int drvnl_put_u32_array(struct nl_msg *msg, int attr, const uint32_t *v,
			 size_t n);

/* drv_nl80211_link.c (calls only drv_nl80211_msg.c) */
/* The link machine: one enter_state, logging "old -> new" and emitting
 * drv_events.link_state. drvnl_link_set() enters the state for (associated,
 * association pending) when it differs from the current one. */
void drvnl_link_enter_state(struct drv_nl80211 *d, enum drv_link_state st);
void drvnl_link_set(struct drv_nl80211 *d, bool connected, bool pending);
bool drvnl_link_connected(const struct drv_nl80211 *d);
bool drvnl_link_pending(const struct drv_nl80211 *d);
/* EAPOL from src to the user, or held while associating with src. */
void drvnl_deliver_eapol(struct drv_nl80211 *d, const uint8_t *src,
			 const uint8_t *data, size_t len);
void drvnl_release_held_eapol(struct drv_nl80211 *d, bool deliver);
int drvnl_open_pkt_socket(struct drv_nl80211 *d);

/* drv_nl80211_ap.c */
int drvnl_start_ap(struct drv *drv, const struct drv_ap_params *p);
int drvnl_update_beacon(struct drv *drv, const struct drv_ap_params *p);
int drvnl_stop_ap(struct drv *drv);
int drvnl_send_mgmt(struct drv *drv, const uint8_t *frame, size_t len,
			bool no_ack, uint64_t *cookie);
int drvnl_register_frames(struct drv *drv, const struct drv_frame_match *m,
			      size_t n);
int drvnl_sta_add(struct drv *drv, const struct drv_sta_params *p);
int drvnl_sta_set_flags(struct drv *drv, const uint8_t addr[ETH_ALEN],
			    uint32_t set, uint32_t clear);
int drvnl_sta_remove(struct drv *drv, const uint8_t addr[ETH_ALEN]);
int drvnl_get_station(struct drv *drv, const uint8_t addr[ETH_ALEN],
			  struct drv_sta_info *info);
int drvnl_set_key(struct drv *drv, const struct drv_key *k);
int drvnl_del_key(struct drv *drv, const uint8_t *addr, int idx);
int drvnl_get_key_seq(struct drv *drv, const uint8_t *addr, int idx,
		      uint64_t *seq);
/* A GET_KEY reply's NL80211_ATTR_KEY_SEQ: 0, -ENODATA if absent, -EPROTO
 * if malformed (not exactly 6 octets). */
int drvnl_parse_key_seq(struct nl_msg *msg, uint64_t *seq);
int drvnl_tx_eapol(struct drv *drv, const uint8_t dst[ETH_ALEN],
		       const uint8_t *data, size_t len, bool no_encrypt);

/* drv_nl80211_sta.c */
int drvnl_scan(struct drv *drv, const struct drv_scan_params *p);
int drvnl_get_scan_results(struct drv *drv, struct drv_scan_results **out);
int drvnl_authenticate(struct drv *drv, const struct drv_auth_params *p);
int drvnl_associate(struct drv *drv, const struct drv_assoc_params *p);
int drvnl_deauthenticate(struct drv *drv, const uint8_t bssid[ETH_ALEN],
			     uint16_t reason);
int drvnl_set_cqm_rssi(struct drv *drv, int threshold_dbm,
			   unsigned int hysteresis_db);

#endif
