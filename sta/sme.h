/* SPDX-License-Identifier: MIT */
/* sme.h: the station. A userspace SME (scan, authenticate, (re)associate
 * through struct drv), the supplicant from common/handshake, the BSS table,
 * roaming and faults. It talks to the driver only through drv.h, so unit
 * tests run it on a fake driver and a fake clock. Everything observable goes
 * out as struct sta_event through the sink. */
#ifndef ROAMLAB_STA_SME_H
#define ROAMLAB_STA_SME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bss.h"
#include "cmd.h"
#include "conf.h"
#include "drv.h"
#include "hs_fault.h"
#include "neigh.h"
#include "roam.h"
#include "wpa3.h"
#include "tkip.h"

struct loop;
struct loop_timer;
struct hs_supp;

enum sta_sme_state {
	STA_SME_IDLE,		/* not associated, not trying */
	STA_SME_SCANNING,	/* waiting for scan results to pick a BSS */
	STA_SME_AUTHENTICATING,
	STA_SME_ASSOCIATING,
	STA_SME_HANDSHAKE,	/* associated, 4-way/group handshake running */
	STA_SME_CONNECTED,	/* keys installed, port authorized */
};
const char *sta_sme_state_name(enum sta_sme_state s);

/* One roam, from its trigger (sta_roam_begin()) to the CONNECTED that ends
 * it (or a connect or disconnect command). Each change is a BSS_TRANSITION
 * event (old= new= cause=). */
enum sta_roam_state {
	STA_ROAM_NONE,		/* no roam under way */
	STA_ROAM_SEARCHING,	/* roaming; the candidates are the table's, not
				 * yet refreshed by a scan in this round */
	STA_ROAM_SCANNED,	/* roaming; the candidates are fresh (scanned in
				 * this round, or fresh when the roam began): a
				 * decision asks for no further scan, and a second
				 * failure backs off before the next round */
};
const char *sta_roam_state_name(enum sta_roam_state s);

/* The station's scan: one at a time (a scan asked for while one runs is
 * served by the running one). Each change is a SCAN event (old= new=
 * purpose=). */
enum sta_scan_state {
	STA_SCAN_IDLE,
	STA_SCAN_RUNNING,	/* drv_scan() accepted, no scan_done yet */
};
const char *sta_scan_state_name(enum sta_scan_state s);

typedef void (*sta_event_fn)(void *ctx, const struct sta_event *ev);

enum sta_scan_purpose {
	STA_SCAN_NONE,
	STA_SCAN_USER,		/* the scan command: results only */
	STA_SCAN_CONNECT,	/* pick a BSS and connect */
	STA_SCAN_ROAM,		/* AP loss: pick another BSS of the ESS */
	STA_SCAN_BG,		/* background scan while connected */
};
/* "user", "connect", "roam", "background" (SCAN, SCAN_STARTED purpose=) */
const char *sta_scan_purpose_name(enum sta_scan_purpose p);

struct sae;

struct sta {
	struct loop *loop;
	struct drv *drv;
	struct sta_conf *conf;
	sta_event_fn event_fn;
	void *event_ctx;

	uint8_t addr[6];
	char ifname[DRV_IFNAME_MAX];
	uint8_t pmk[STA_MAX_NETWORKS][32];

	struct sta_bss_table bss;
	struct sta_roam_cfg roam_cfg;
	struct hs_faults faults;	/* read by the supplicant (hs_supp_use_faults) */
	struct sta_neigh neigh;		/* keep_neigh: ARP/ND entries across roams */
	enum sta_sme_state state;

	bool auto_connect;	/* reconnect/roam by itself after loss */
	int target_net;		/* connect: network id, -1 any */
	/* The BSS being joined or joined. */
	struct sta_bss cur;
	const struct sta_network *net;
	struct sta_bss_choice choice;
	bool associated;	/* the kernel has an association with cur */
	bool have_prev;		/* prev_bssid: last AP we completed with */
	uint8_t prev_bssid[6];
	uint8_t prev_ssid[STA_SSID_MAX];
	size_t prev_ssid_len;
	unsigned int n_eapol_tx;	/* EAPOL frames sent since the last
					 * association (msg2-to-old-ap: the
					 * first one) */

	struct hs_supp *supp;
	uint16_t supp_deauth_reason;	/* the supplicant asked for a deauth */
	/* WPA3 (sta/wpa3.c): how this attempt authenticates, its SAE, the
	 * PMKSA cache */
	enum sta_auth_kind auth_kind;
	struct sae *sae;
	struct sta_pmksa pmksa[STA_PMKSA_MAX];
	struct sta_tkip tkip;		/* TKIP countermeasures (tkip.c) */

	/* roaming */
	enum sta_roam_state roam_state;
	struct sta_roam_rec roam;	/* the roam under way (roam_state) */
	struct sta_roam_rec last_roam;
	enum sta_scan_state scan_state;
	/* what the running scan is for; still set while its results are
	 * being acted on, NONE after */
	enum sta_scan_purpose scan_purpose;
	unsigned int fail_count;	/* consecutive failed attempts */
	struct loop_timer *retry_timer;
	struct loop_timer *bg_timer;
	struct loop_timer *step_timer;	/* auth/assoc guard */
	int32_t signal_mbm;

	/* counters for status/expect */
	unsigned int n_connects;
	unsigned int n_roams;
	unsigned int n_auth_fail;
	unsigned int n_assoc_fail;
	unsigned int n_deauth;
	unsigned int n_scans;
	uint64_t t_connected;
};

/* Opens the driver on ifname through ops (drv_nl80211_ops, or a fake one),
 * reads the interface address, derives every network's PMK. Returns NULL on
 * failure (logged). conf stays owned by the caller and must outlive sta. */
struct sta *sta_new(struct loop *l, const struct drv_ops *ops, const char *ifname,
		    struct sta_conf *conf, sta_event_fn fn, void *ctx);
void sta_free(struct sta *s);

/* Commands. All return 0 or -errno, with a reason in err for the reply. */
int sta_connect(struct sta *s, const char *target, char *err, size_t errlen);
int sta_disconnect(struct sta *s);
int sta_reconnect(struct sta *s, char *err, size_t errlen);
int sta_roam_to(struct sta *s, const uint8_t bssid[6], char *err, size_t errlen);
/* freqs n 0: all; passive: no probe requests; ssid may be NULL. */
int sta_scan(struct sta *s, const uint32_t *freqs, size_t n, bool passive,
	     const char *ssid, char *err, size_t errlen);
int sta_set_knob(struct sta *s, const char *name, const char *value,
		 char *err, size_t errlen);

/* "key=value\n" lines. */
int sta_status(struct sta *s, char *buf, size_t len);
/* One status value (for expect). Returns false if the key is unknown. */
bool sta_status_get(struct sta *s, const char *key, char *buf, size_t len);
int sta_scan_results(struct sta *s, char *buf, size_t len);
/* wpa_supplicant's LIST_NETWORKS table. */
int sta_list_networks(struct sta *s, char *buf, size_t len);
/* Polls the driver for the current signal; 0 or -errno. */
int sta_signal_poll(struct sta *s, int32_t *signal_mbm);

/* Driver event entry points (also called by tests). */
extern const struct drv_events sta_drv_events;

/* For the station's other modules (tkip.c). */
/* Deliver an event to the sink (and the debug log). */
void sta_emit(struct sta *s, struct sta_event *ev);
/* Leave the current AP on our own (from HANDSHAKE or CONNECTED): a DEAUTH
 * event, deauthentication with this 802.11 reason (Table 9-49), then on as
 * after a failed attempt: the next candidate BSS, or a scan. */
void sta_abandon(struct sta *s, uint16_t reason, const char *why);
/* Start connecting again now if idle and connecting by itself (e.g. when
 * the TKIP countermeasures end). */
void sta_resume(struct sta *s);

#endif
