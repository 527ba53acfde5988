/* SPDX-License-Identifier: MIT */
/* fake_drv.h: the one fake driver of the unit tests. It implements every
 * op of struct drv_ops, records what it was asked (frames, keys, station
 * and AP calls, auth/assoc/scan/deauth) and answers from fields a test sets
 * (MAC, capabilities, scan results, key sequence; or a hook that fills the
 * scan results when they are read). Linked into every unit
 * test (Makefile). A test that needs a driver lacking an op copies
 * fake_drv_ops and clears that op. */
#ifndef ROAMLAB_FAKE_DRV_H
#define ROAMLAB_FAKE_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drv.h"
#include "ie.h"

#define FAKE_DRV_MAXF 64	/* frames kept per direction */
#define FAKE_DRV_MAXK 64	/* keys kept */
#define FAKE_DRV_MAXBSS 8	/* scan results */
#define FAKE_DRV_FRAME_MAX 1200

struct fake_drv_frame {
	uint8_t data[FAKE_DRV_FRAME_MAX];
	size_t len;
	uint8_t peer[ETH_ALEN];	/* EAPOL: destination */
	bool no_encrypt;	/* EAPOL: tx_eapol's no_encrypt */
};

struct fake_drv_key {
	struct drv_key k;	/* k.key and k.addr point at key, addr below */
	uint8_t key[32];
	uint8_t addr[ETH_ALEN];
};

struct fake_drv {
	struct drv base;		/* first */
	/* answers */
	uint8_t mac[ETH_ALEN];
	enum drv_iftype iftype;		/* get_info; set_iftype changes it */
	struct drv_capa capa;
	uint32_t inactive_ms;		/* get_station */
	uint64_t key_seq;		/* get_key_seq, for a set group key */
	struct drv_bss results[FAKE_DRV_MAXBSS];	/* get_scan_results */
	size_t n_results;
	/* if set, get_scan_results calls it first: a test that models the
	 * air fills results[] from it (ies stay the test's; copied out) */
	void (*scan_results_hook)(struct fake_drv *f, void *ctx);
	void *scan_results_ctx;
	/* an op returns this error when its name is fail_op ("" none) */
	const char *fail_op;
	int fail_err;
	/* records */
	struct fake_drv_frame mgmt[FAKE_DRV_MAXF];	/* send_mgmt */
	size_t n_mgmt;
	uint64_t cookie;
	struct fake_drv_frame eapol[FAKE_DRV_MAXF];	/* tx_eapol */
	size_t n_eapol;
	struct fake_drv_key keys[FAKE_DRV_MAXK];	/* set_key, in order */
	size_t n_keys;
	uint8_t keys_set, keys_deleted;	/* bit n: group key index n */
	int n_del_keys, n_get_key_seq, last_seq_idx;
	bool up, started, stopped;
	struct drv_ap_params ap_params;	/* last start_ap/update_beacon */
	int n_register, n_sta_add, n_sta_remove, n_authorize;
	uint16_t last_aid;
	uint32_t last_sta_flags;	/* sta_add's flags */
	uint32_t flags_set;
	int n_scan, n_auth, n_assoc, n_deauth, n_cqm;
	struct drv_scan_params scan;	/* last scan (freqs copied below) */
	uint32_t scan_freqs[16];
	uint8_t auth_bssid[ETH_ALEN];
	uint16_t auth_alg;		/* the last authenticate's */
	uint8_t auth_sae[1024];		/* its SAE data (NL80211_ATTR_SAE_DATA) */
	size_t auth_sae_len;
	uint8_t assoc_bssid[ETH_ALEN];
	bool assoc_reassoc;
	uint8_t assoc_prev[ETH_ALEN];
	uint8_t assoc_ie[IE_MAX_LEN];
	size_t assoc_ie_len;
	bool assoc_control_port;
	bool assoc_mfp;			/* drv_assoc_params.mfp */
	uint16_t deauth_reason;
	uint8_t deauth_bssid[ETH_ALEN];
};

extern const struct drv_ops fake_drv_ops;
/* The MAC address the next init gives its driver (02:00:00:00:00:99). */
extern uint8_t fake_drv_next_mac[ETH_ALEN];
/* The driver fake_drv_ops.init made last (NULL after its deinit). */
extern struct fake_drv *fake_drv_last;

static inline struct fake_drv *to_fake_drv(struct drv *d)
{
	return (struct fake_drv *)d;
}

#endif
