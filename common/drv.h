/* SPDX-License-Identifier: MIT */
/* drv.h: the driver interface used by roamlab-ap and roamlab-sta.
 *
 * A driver is a table of operations (struct drv_ops) plus a handle
 * (struct drv) that every implementation embeds as its first member. The
 * nl80211 implementation is drv_nl80211_ops (drv_nl80211*.c); unit tests can
 * provide their own ops (fake drivers) and embed struct drv the same way.
 *
 * Callers use the drv_*() wrappers below: they return -EOPNOTSUPP when the
 * driver lacks an op. All ops return 0 or a negative errno (errors are also
 * logged with the interface name and, for netlink, the kernel's extended ACK
 * message). Events arrive through struct drv_events callbacks, called from
 * the struct loop the driver was opened with.
 *
 * Frames given to and received from the driver are complete 802.11 frames
 * starting with the MAC header (see mgmt.h). EAPOL payloads are the 802.1X
 * frame (version, type, length, body) without any Ethernet/LLC header.
 */
#ifndef ROAMLAB_DRV_H
#define ROAMLAB_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cipher.h"
#include "util.h"

struct loop;
struct drv;

#define DRV_IFNAME_MAX 16	/* IFNAMSIZ */

enum drv_iftype {
	DRV_IFTYPE_UNSPEC,
	DRV_IFTYPE_STATION,
	DRV_IFTYPE_AP,
	DRV_IFTYPE_MONITOR,
};
#define DRV_IFTYPE_BIT(t) (1u << (t))

/* The station link of a driver (drv_events.link_state). */
enum drv_link_state {
	DRV_LINK_IDLE,		/* no link, no association pending */
	DRV_LINK_ASSOCIATING,	/* ASSOCIATE sent, no link yet: EAPOL from the
				 * target is held until the result */
	DRV_LINK_CONNECTED,	/* associated with one BSS */
	DRV_LINK_ROAMING,	/* associated, and ASSOCIATE sent to another
				 * (or the same) BSS */
};
const char *drv_link_state_name(enum drv_link_state s);

/* Capabilities of the interface's wiphy. */
struct drv_capa {
	char phy_name[32];		/* "phy0" */
	uint32_t wiphy_idx;
	uint32_t iftypes;		/* DRV_IFTYPE_BIT() of supported types */
	uint32_t ciphers;		/* WPA_CIPHER_* of supported ciphers */
	bool ap_sme;			/* device does AP MLME itself (no
					 * userspace auth/assoc handling) */
	bool sta_sme_offload;		/* device only supports CONNECT (no
					 * NL80211_CMD_AUTHENTICATE) */
	bool auth_assoc;		/* NL80211_CMD_AUTHENTICATE/ASSOCIATE */
	bool control_port_over_nl80211;	/* EAPOL through nl80211 */
	bool probe_resp_offload;
	bool inactivity_timer;		/* NL80211_FEATURE_INACTIVITY_TIMER: AP inactivity in the driver */
	unsigned int max_scan_ssids;
	unsigned int max_scan_ie_len;
	size_t n_freqs;			/* enabled channels, MHz */
	uint32_t freqs[64];
};

/* Interface identity. */
struct drv_ifinfo {
	char ifname[DRV_IFNAME_MAX];
	int ifindex;
	uint8_t mac[ETH_ALEN];
	uint32_t wiphy_idx;
	char phy_name[32];
	enum drv_iftype iftype;
	uint32_t freq;			/* current operating freq or 0 */
};

enum drv_hidden_ssid {
	DRV_HIDDEN_SSID_NOT_IN_USE,
	DRV_HIDDEN_SSID_ZERO_LEN,	/* SSID element of length 0 */
	DRV_HIDDEN_SSID_ZERO_CONTENTS,	/* SSID element of zero octets */
};

/* start_ap (NL80211_CMD_START_AP) and update_beacon (SET_BEACON). */
struct drv_ap_params {
	const uint8_t *head;		/* beacon up to the TIM element */
	size_t head_len;
	const uint8_t *tail;		/* beacon after the TIM element */
	size_t tail_len;
	uint16_t beacon_int;		/* TU */
	uint8_t dtim_period;
	const uint8_t *ssid;
	size_t ssid_len;
	enum drv_hidden_ssid hidden;
	uint32_t freq;			/* MHz, 20 MHz no-HT; 0 = keep */
	bool privacy;
	uint32_t wpa_versions;		/* WPA_PROTO_* */
	uint32_t pairwise_ciphers;	/* WPA_CIPHER_* */
	uint32_t group_cipher;
	uint32_t akm;			/* WPA_AKM_* */
	const uint8_t *probe_resp;	/* optional, for probe_resp_offload */
	size_t probe_resp_len;
	/* optional extra elements for drivers with AP SME */
	const uint8_t *beacon_ies, *proberesp_ies, *assocresp_ies;
	size_t beacon_ies_len, proberesp_ies_len, assocresp_ies_len;
	unsigned int inactivity_timeout; /* seconds, 0 = default */
};

/* A frame type to receive via drv_events.rx_mgmt (NL80211_CMD_REGISTER_FRAME).
 * match/match_len: prefix of the frame body to match (e.g. an action
 * category); may be empty. */
struct drv_frame_match {
	uint16_t subtype;		/* enum mgmt_subtype */
	const uint8_t *match;
	size_t match_len;
};

/* Station flags for sta_add / sta_set_flags. */
#define DRV_STA_AUTHORIZED	0x01
#define DRV_STA_AUTHENTICATED	0x02
#define DRV_STA_ASSOCIATED	0x04
#define DRV_STA_SHORT_PREAMBLE	0x08
#define DRV_STA_WME		0x10
#define DRV_STA_MFP		0x20

struct drv_sta_params {
	const uint8_t *addr;
	uint16_t aid;
	uint16_t capab;
	uint16_t listen_interval;
	const uint8_t *supp_rates;	/* rate octets (basic bit allowed) */
	size_t n_supp_rates;
	const uint8_t *ht_capa;		/* 26-byte HT Capabilities body or NULL */
	uint32_t flags;			/* DRV_STA_* to set */
};

/* set_key (NL80211_CMD_NEW_KEY + SET_KEY for default). */
struct drv_key {
	uint32_t cipher;
	bool pairwise;			/* false: group key */
	const uint8_t *addr;		/* peer (pairwise; AP address or NULL
					 * for a STA's group key) */
	int idx;			/* 0..3 (pairwise: 0), 4..5 for IGTK */
	const uint8_t *key;		/* exactly as 802.11 derives it (the TK
					 * part of the PTK, or the GTK). TKIP: 32
					 * bytes, TK(16) | Authenticator Tx MIC(8)
					 * | Authenticator Rx MIC(8) (12.7.1.3).
					 * The kernel wants local-TX|local-RX, so
					 * drv_nl80211 swaps the MIC halves on a
					 * station interface: callers never do. */
	size_t key_len;
	const uint8_t *seq;		/* RSC, little-endian, or NULL */
	size_t seq_len;
	bool set_tx;			/* make it the default TX key (group);
					 * idx 4..5: the default management
					 * key (NL80211_ATTR_KEY_DEFAULT_MGMT) */
};

struct drv_scan_ssid {
	uint8_t ssid[32];
	size_t len;			/* 0: wildcard */
};

struct drv_scan_params {
	const struct drv_scan_ssid *ssids;	/* n_ssids == 0: passive scan */
	size_t n_ssids;
	const uint32_t *freqs;			/* n_freqs == 0: all channels */
	size_t n_freqs;
	const uint8_t *extra_ies;		/* added to probe requests */
	size_t extra_ies_len;
	bool flush;				/* drop cached BSSes first */
};

struct drv_bss {
	uint8_t bssid[ETH_ALEN];
	uint32_t freq;
	int32_t signal_mbm;		/* 100 * dBm */
	uint16_t beacon_int;
	uint16_t capab;
	uint64_t tsf;
	uint32_t age_ms;		/* since last seen */
	bool associated;		/* the BSS we are associated with */
	uint8_t *ies;			/* probe response IEs, else beacon IEs */
	size_t ies_len;
	uint8_t *beacon_ies;		/* may be NULL */
	size_t beacon_ies_len;
};

struct drv_scan_results {
	size_t n;
	struct drv_bss *bss;
};

static inline void drv_scan_results_free(struct drv_scan_results *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->bss[i].ies);
		free(r->bss[i].beacon_ies);
	}
	free(r->bss);
	free(r);
}

/* STA side, userspace SME (NL80211_CMD_AUTHENTICATE). */
struct drv_auth_params {
	const uint8_t *bssid;
	uint32_t freq;
	const uint8_t *ssid;
	size_t ssid_len;
	uint16_t auth_alg;		/* MGMT_AUTH_ALG_OPEN, or 3 (SAE) */
	const uint8_t *ies;		/* extra elements, optional */
	size_t ies_len;
	/* SAE (auth_alg 3, the SME in user space): the Authentication frame
	 * body from the Authentication Transaction Sequence Number field on
	 * (NL80211_ATTR_SAE_DATA), a commit or a confirm; each goes out with
	 * its own call, the peer's answers come back as auth_result */
	const uint8_t *sae_data;
	size_t sae_data_len;
};

/* STA side, NL80211_CMD_ASSOCIATE. ies is our WPA/RSN element (and any
 * others) placed in the (Re)Association Request. */
struct drv_assoc_params {
	const uint8_t *bssid;
	uint32_t freq;
	const uint8_t *ssid;
	size_t ssid_len;
	const uint8_t *prev_bssid;	/* non-NULL: Reassociation Request */
	const uint8_t *ies;
	size_t ies_len;
	uint32_t wpa_versions;		/* WPA_PROTO_*; 0 = open */
	uint32_t pairwise_cipher;
	uint32_t group_cipher;
	uint32_t akm;
	bool control_port;		/* block data until authorized */
	/* management frame protection negotiated (NL80211_ATTR_USE_MFP
	 * NL80211_MFP_REQUIRED): mac80211 then protects robust management
	 * frames with the keys, drops unprotected deauth/disassoc from the
	 * AP (reporting them as unprot_deauth) and answers SA Queries */
	bool mfp;
};

struct drv_sta_info {
	uint32_t inactive_ms;
	int32_t signal_dbm;		/* last signal, 0 if unknown */
	uint32_t connected_s;
	uint64_t rx_packets, tx_packets;
	uint32_t tx_failed, tx_retries;
	uint32_t flags;			/* DRV_STA_* known to be set */
};

/* Event callbacks. Any may be NULL. ctx is what drv_open() was given. */
struct drv_events {
	/* A registered management frame (AP: auth, assoc, probe req, ...;
	 * STA: action). signal_mbm is 100*dBm or 0. */
	void (*rx_mgmt)(void *ctx, const uint8_t *frame, size_t len,
			uint32_t freq, int32_t signal_mbm);
	/* TX status of drv_send_mgmt() (cookie) */
	void (*tx_status)(void *ctx, uint64_t cookie, const uint8_t *frame,
			  size_t len, bool ack);
	/* An EAPOL frame from src (control port or packet socket). STA:
	 * never before the assoc_result of the association it belongs to;
	 * a frame from the BSS being associated with that overtakes the
	 * result is held until after it (DRV_LINK_ASSOCIATING), and dropped
	 * if the association fails. */
	void (*eapol_rx)(void *ctx, const uint8_t src[ETH_ALEN],
			 const uint8_t *data, size_t len);
	/* Scan finished (aborted: NL80211_CMD_SCAN_ABORTED). */
	void (*scan_done)(void *ctx, bool aborted);
	/* STA: result of drv_authenticate(): frame is the Authentication
	 * frame received (status inside), or NULL with timed_out. */
	void (*auth_result)(void *ctx, const uint8_t bssid[ETH_ALEN],
			    const uint8_t *frame, size_t len, bool timed_out);
	/* STA: result of drv_associate(): the (Re)Association Response
	 * (status and AID inside), or NULL with timed_out. */
	void (*assoc_result)(void *ctx, const uint8_t bssid[ETH_ALEN],
			     const uint8_t *frame, size_t len, bool timed_out);
	/* STA: Deauthentication/Disassociation received from the AP, or
	 * generated locally (local = true, e.g. after drv_deauthenticate()).
	 * frame may be NULL. */
	void (*deauth)(void *ctx, const uint8_t bssid[ETH_ALEN],
		       uint16_t reason, bool disassoc, bool local,
		       const uint8_t *frame, size_t len);
	/* STA with MFP: an unprotected Deauthentication/Disassociation that
	 * the kernel dropped (NL80211_CMD_UNPROT_DEAUTHENTICATE/
	 * UNPROT_DISASSOCIATE): the link stays; only for information. */
	void (*unprot_deauth)(void *ctx, const uint8_t bssid[ETH_ALEN],
			      uint16_t reason, bool disassoc);
	/* STA: link lost without a frame (beacon loss, NL80211_CMD_DISCONNECT
	 * from the kernel). */
	void (*conn_lost)(void *ctx, const uint8_t bssid[ETH_ALEN],
			  uint16_t reason);
	/* STA: signal crossed the threshold set with drv_set_cqm_rssi(). */
	void (*cqm_rssi)(void *ctx, bool low, int32_t signal_dbm);
	/* AP: station added/removed by the kernel (e.g. inactivity). */
	void (*new_station)(void *ctx, const uint8_t addr[ETH_ALEN]);
	void (*del_station)(void *ctx, const uint8_t addr[ETH_ALEN]);
	/* Michael MIC failure (TKIP) reported by the kernel. */
	/* The station link changed (every enter, logged "old -> new"). */
	void (*link_state)(void *ctx, enum drv_link_state old,
			   enum drv_link_state new_state);
	void (*mic_failure)(void *ctx, const uint8_t src[ETH_ALEN],
			    bool group, int key_idx);
};

struct drv_ops {
	const char *name;	/* "nl80211" */
	/* Open ifname and register with l. NULL on failure (logged). */
	struct drv *(*init)(struct loop *l, const char *ifname,
			    const struct drv_events *ev, void *ctx);
	void (*deinit)(struct drv *d);
	int (*get_capa)(struct drv *d, struct drv_capa *capa);
	int (*get_info)(struct drv *d, struct drv_ifinfo *info);
	/* Set the interface type (brings it down and up as needed). */
	int (*set_iftype)(struct drv *d, enum drv_iftype type);
	int (*set_up)(struct drv *d, bool up);
	int (*start_ap)(struct drv *d, const struct drv_ap_params *p);
	int (*update_beacon)(struct drv *d, const struct drv_ap_params *p);
	int (*stop_ap)(struct drv *d);
	/* Send a management frame on the current channel. With no_ack the
	 * kernel does not wait for an ACK. *cookie (may be NULL) identifies
	 * the tx_status event. */
	int (*send_mgmt)(struct drv *d, const uint8_t *frame, size_t len,
			 bool no_ack, uint64_t *cookie);
	int (*register_frames)(struct drv *d, const struct drv_frame_match *m,
			       size_t n);
	int (*sta_add)(struct drv *d, const struct drv_sta_params *p);
	int (*sta_set_flags)(struct drv *d, const uint8_t addr[ETH_ALEN],
			     uint32_t set, uint32_t clear);
	int (*sta_remove)(struct drv *d, const uint8_t addr[ETH_ALEN]);
	int (*get_station)(struct drv *d, const uint8_t addr[ETH_ALEN],
			   struct drv_sta_info *info);
	int (*set_key)(struct drv *d, const struct drv_key *k);
	/* addr NULL: group key idx. */
	int (*del_key)(struct drv *d, const uint8_t *addr, int idx);
	/* The transmit sequence counter of an installed key (TKIP TSC or
	 * CCMP PN, 48 bits, 12.5.2.2 / 12.5.3.2): the group key idx with
	 * addr NULL, else the pairwise key of peer addr
	 * (NL80211_CMD_GET_KEY). -ENOENT if there is no such key. */
	int (*get_key_seq)(struct drv *d, const uint8_t *addr, int idx,
			   uint64_t *seq);
	/* EAPOL to dst. no_encrypt: send unprotected even if a PTK is set;
	 * otherwise the frame is protected with the peer's PTK once one is
	 * installed (as a PTK rekey's msgs 1/4 and 3/4 must be). */
	int (*tx_eapol)(struct drv *d, const uint8_t dst[ETH_ALEN],
			const uint8_t *data, size_t len, bool no_encrypt);
	int (*scan)(struct drv *d, const struct drv_scan_params *p);
	/* *res is allocated; free with drv_scan_results_free(). */
	int (*get_scan_results)(struct drv *d, struct drv_scan_results **res);
	int (*authenticate)(struct drv *d, const struct drv_auth_params *p);
	int (*associate)(struct drv *d, const struct drv_assoc_params *p);
	/* STA: send Deauthentication to bssid and drop the link. */
	int (*deauthenticate)(struct drv *d, const uint8_t bssid[ETH_ALEN],
			      uint16_t reason);
	/* STA: enable CQM RSSI events (threshold dBm, hysteresis dB);
	 * threshold 0 disables. */
	int (*set_cqm_rssi)(struct drv *d, int threshold_dbm,
			    unsigned int hysteresis_db);
};

/* Common part of every driver handle (first member of the implementation's
 * struct). Set by init. */
struct drv {
	const struct drv_ops *ops;
	struct loop *loop;
	const struct drv_events *ev;
	void *ev_ctx;
	char ifname[DRV_IFNAME_MAX];
};

/* The nl80211 driver (drv_nl80211.c). */
extern const struct drv_ops drv_nl80211_ops;

static inline struct drv *drv_open(const struct drv_ops *ops, struct loop *l,
				   const char *ifname,
				   const struct drv_events *ev, void *ctx)
{
	return ops->init(l, ifname, ev, ctx);
}

static inline void drv_close(struct drv *d)
{
	if (d)
		d->ops->deinit(d);
}

#define DRV_CALL(d, op, ...) \
	((d)->ops->op ? (d)->ops->op((d), ##__VA_ARGS__) : -EOPNOTSUPP)

#include <errno.h>

static inline int drv_get_capa(struct drv *d, struct drv_capa *c)
{ return DRV_CALL(d, get_capa, c); }
static inline int drv_get_info(struct drv *d, struct drv_ifinfo *i)
{ return DRV_CALL(d, get_info, i); }
static inline int drv_set_iftype(struct drv *d, enum drv_iftype t)
{ return DRV_CALL(d, set_iftype, t); }
static inline int drv_set_up(struct drv *d, bool up)
{ return DRV_CALL(d, set_up, up); }
static inline int drv_start_ap(struct drv *d, const struct drv_ap_params *p)
{ return DRV_CALL(d, start_ap, p); }
static inline int drv_update_beacon(struct drv *d,
				    const struct drv_ap_params *p)
{ return DRV_CALL(d, update_beacon, p); }
static inline int drv_stop_ap(struct drv *d)
{ return DRV_CALL(d, stop_ap); }
static inline int drv_send_mgmt(struct drv *d, const uint8_t *f, size_t len,
				bool no_ack, uint64_t *cookie)
{ return DRV_CALL(d, send_mgmt, f, len, no_ack, cookie); }
static inline int drv_register_frames(struct drv *d,
				      const struct drv_frame_match *m, size_t n)
{ return DRV_CALL(d, register_frames, m, n); }
static inline int drv_sta_add(struct drv *d, const struct drv_sta_params *p)
{ return DRV_CALL(d, sta_add, p); }
static inline int drv_sta_set_flags(struct drv *d, const uint8_t *addr,
				    uint32_t set, uint32_t clear)
{ return DRV_CALL(d, sta_set_flags, addr, set, clear); }
static inline int drv_sta_remove(struct drv *d, const uint8_t *addr)
{ return DRV_CALL(d, sta_remove, addr); }
static inline int drv_get_station(struct drv *d, const uint8_t *addr,
				  struct drv_sta_info *i)
{ return DRV_CALL(d, get_station, addr, i); }
static inline int drv_set_key(struct drv *d, const struct drv_key *k)
{ return DRV_CALL(d, set_key, k); }
static inline int drv_del_key(struct drv *d, const uint8_t *addr, int idx)
{ return DRV_CALL(d, del_key, addr, idx); }
static inline int drv_get_key_seq(struct drv *d, const uint8_t *addr, int idx,
				  uint64_t *seq)
{ return DRV_CALL(d, get_key_seq, addr, idx, seq); }
static inline int drv_tx_eapol(struct drv *d, const uint8_t *dst,
			       const uint8_t *data, size_t len,
			       bool no_encrypt)
{ return DRV_CALL(d, tx_eapol, dst, data, len, no_encrypt); }
static inline int drv_scan(struct drv *d, const struct drv_scan_params *p)
{ return DRV_CALL(d, scan, p); }
static inline int drv_get_scan_results(struct drv *d,
				       struct drv_scan_results **r)
{ return DRV_CALL(d, get_scan_results, r); }
static inline int drv_authenticate(struct drv *d,
				   const struct drv_auth_params *p)
{ return DRV_CALL(d, authenticate, p); }
static inline int drv_associate(struct drv *d,
				const struct drv_assoc_params *p)
{ return DRV_CALL(d, associate, p); }
static inline int drv_deauthenticate(struct drv *d, const uint8_t *bssid,
				     uint16_t reason)
{ return DRV_CALL(d, deauthenticate, bssid, reason); }
static inline int drv_set_cqm_rssi(struct drv *d, int thr, unsigned int hyst)
{ return DRV_CALL(d, set_cqm_rssi, thr, hyst); }

/* Names for logs. */
const char *drv_iftype_str(enum drv_iftype t);

#endif
