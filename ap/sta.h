/* SPDX-License-Identifier: MIT */
/* sta.h: the AP's station table, AID allocation and each station's state
 * machine (IEEE 802.11-2020 11.3.1: State 1 unauthenticated, State 2
 * authenticated, State 3 associated, State 4 associated + RSNA
 * established / port authorized). */
#ifndef ROAMLAB_AP_STA_H
#define ROAMLAB_AP_STA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ie.h"
#include "util.h"

#define AP_AID_MAX 2007		/* 9.4.1.8 */
#define AP_STA_RATES_MAX 32

struct hs_auth;
struct loop_timer;
struct sae;

enum ap_sta_state {
	AP_STA_AUTHENTICATED,	/* State 2 */
	AP_STA_ASSOCIATED,	/* State 3, association response pending/sent */
	AP_STA_HANDSHAKE,	/* State 3, 4-way / group handshake running */
	AP_STA_AUTHORIZED,	/* State 4: port open */
};
const char *ap_sta_state_name(enum ap_sta_state s);

/* The SA Query the AP runs before it lets a station with a PMF association
 * associate again (802.11-2020 11.3.4.4 / 11.13): none, one running (the
 * station gets status 30 meanwhile), or it timed out (the old association
 * is given up at the next request). */
enum ap_saq_state {
	AP_SAQ_IDLE,
	AP_SAQ_RUNNING,
	AP_SAQ_TIMED_OUT,
};
const char *ap_saq_state_name(enum ap_saq_state st);
#define AP_SAQ_IDS_MAX 16

struct ap_sta {
	struct ap_sta *next;
	uint8_t addr[ETH_ALEN];
	enum ap_sta_state state;
	uint16_t aid;			/* 0 while not associated */
	uint16_t capab;
	uint16_t listen_interval;
	bool reassoc;			/* last request was a reassociation */
	uint8_t prev_ap[ETH_ALEN];	/* Current AP address of a reassoc (9.3.3.7) */
	bool has_prev_ap;
	uint8_t rates[AP_STA_RATES_MAX];
	size_t n_rates;
	enum ie_proto proto;		/* NONE on an open AP */
	uint32_t pairwise;		/* WPA_CIPHER_* */
	uint32_t akm;			/* WPA_AKM_* of this association */
	struct sae *sae;		/* SAE with this station (ap/wpa3.c) */
	uint8_t pmk[32];		/* SAE: the PMK of this association */
	bool pmf;			/* management frame protection on (12.6.3) */
	/* SA Query of an association comeback (ap/pmf.c's machine) */
	enum ap_saq_state saq_state;
	uint64_t saq_start_us;
	uint8_t saq_ids[AP_SAQ_IDS_MAX][2];	/* transaction IDs sent */
	size_t n_saq_ids;
	struct loop_timer *saq_timer;
	uint8_t assoc_ie[IE_MAX_LEN];	/* the RSN/WPA element of (Re)AssocReq */
	size_t assoc_ie_len;
	bool in_kernel;			/* NEW_STATION done */
	uint64_t assoc_resp_cookie;
	bool assoc_resp_pending;
	uint64_t t_auth_us, t_assoc_us, t_done_us;
	uint64_t t_ptk_us;		/* PTK installed (0: not yet) */
	struct hs_auth *hs;
	struct loop_timer *ptk_rekey_timer;
	struct loop_timer *deauth_timer;	/* deferred deauth (from a callback) */
	uint16_t deauth_reason;
	void *owner;			/* the struct ap */
	bool had_gtk;			/* for wpa_strict_rekey */
};

struct ap_sta_table {
	struct ap_sta *head;
	size_t count;
	size_t max;			/* max_num_sta */
	uint8_t aid_used[(AP_AID_MAX + 1 + 7) / 8];
	/* called after each state change (the AP emits AP-STA-STATE) */
	void (*state_cb)(void *ctx, const struct ap_sta *s, enum ap_sta_state old);
	void *state_ctx;
};

void ap_sta_table_init(struct ap_sta_table *t, size_t max);
/* Lookup; NULL if absent. */
struct ap_sta *ap_sta_find(struct ap_sta_table *t, const uint8_t addr[ETH_ALEN]);
/* New entry in AUTHENTICATED. NULL if the table is full (max_num_sta) or
 * on ENOMEM; an existing entry for addr is returned as is. */
struct ap_sta *ap_sta_add(struct ap_sta_table *t, const uint8_t addr[ETH_ALEN],
			  uint64_t now_us);
/* Unlink and free (the caller has torn down hs and timers). */
void ap_sta_del(struct ap_sta_table *t, struct ap_sta *s);
/* Lowest free AID in 1..max (and <= 2007), marked used; 0 if none. */
uint16_t ap_aid_alloc(struct ap_sta_table *t);
void ap_aid_free(struct ap_sta_table *t, uint16_t aid);
bool ap_aid_in_use(const struct ap_sta_table *t, uint16_t aid);

/* The one place a station changes state. Logs "STA xx: STATE old -> new".
 * Leaving the associated states frees the AID. */
void ap_sta_enter_state(struct ap_sta_table *t, struct ap_sta *s,
			enum ap_sta_state next);
bool ap_sta_is_associated(const struct ap_sta *s);

#endif
