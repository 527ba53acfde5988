/* SPDX-License-Identifier: MIT */
/* ap.h: the access point: ties the config, a driver (drv.h), the station
 * table, the authenticator (handshake.h) and the control socket together.
 *
 * Management frames (auth, (re)assoc, probe, deauth/disassoc) are handled
 * here, in userspace, as hostapd does on mac80211 drivers. Everything is
 * driven by one struct loop; the driver ops are a parameter so the unit
 * tests run it against a fake driver. */
#ifndef ROAMLAB_AP_AP_H
#define ROAMLAB_AP_AP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "beacon.h"
#include "config.h"
#include "drv.h"
#include "ctrl.h"
#include "handshake.h"
#include "sta.h"
#include "ap_wpa3.h"

struct loop;
struct loop_timer;
struct hs_group;
struct ctrl_server;

/* TKIP countermeasures (IEEE 802.11-2020 12.5.2.4): two MIC failures
 * within 60 s stop TKIP traffic for 60 s. */
#define AP_MIC_FAILURE_WINDOW_US (60ULL * 1000000)
#define AP_COUNTERMEASURES_US (60ULL * 1000000)
#define AP_INACTIVITY_POLL_US (5ULL * 1000000)
/* WPA1: the group key handshake follows the 4-way at once, and msg 1/2 is
 * protected with the new PTK. A supplicant installs its PTK only after it
 * has sent msg 4/4 (wpa_supplicant) or seen it acknowledged, so a msg 1/2
 * sent the moment msg 4/4 arrives can reach it before its key, be dropped,
 * and cost a whole group retransmission timeout (seen in the lab with
 * Debian wpa_supplicant and with hostapd alike). So a msg 1/2 that would
 * leave less than AP_G1_AFTER_PTK_US after the PTK install is held back
 * until then. */
#define AP_G1_AFTER_PTK_US 2000ULL

typedef void (*ap_event_hook)(void *ctx, const char *name, const char *kv);

/* TKIP countermeasures (ap/tkip_cm.c): no recent Michael MIC failure, one
 * within the last 60 s, or countermeasures for 60 s. */
enum ap_tkip_cm_state {
	AP_TKIP_CM_IDLE,
	AP_TKIP_CM_ONE_FAILURE,
	AP_TKIP_CM_ACTIVE,
};
const char *ap_tkip_cm_state_name(enum ap_tkip_cm_state st);

struct ap {
	struct loop *loop;
	struct ap_config *cfg;		/* owned */
	const struct drv_ops *drv_ops;
	struct drv *drv;
	struct drv_capa capa;
	uint8_t bssid[ETH_ALEN];
	char ifname[DRV_IFNAME_MAX];
	struct ap_beacon beacon;
	struct hs_group *group;
	struct hs_ops hs_ops;		/* ctx is the ap */
	struct ap_sta_table stas;
	struct ctrl_server *ctrl;
	struct hs_faults faults;		/* read by every handshake (common/hs_fault.h) */
	bool enabled;			/* beaconing */
	bool frames_registered;		/* REGISTER_FRAME done: it lasts as
					 * long as the driver's socket */
	bool bridged;
	int l2_fd;
	enum ap_tkip_cm_state cm_state;	/* ap/tkip_cm.c's machine */
	uint64_t last_mic_failure_us;	/* 0: none */
	uint64_t countermeasures_until_us;
	struct loop_timer *inact_timer;
	struct loop_timer *cm_timer;
	struct loop_timer *cm_act_timer;	/* deferred deauth-all + new GTK */
	uint8_t gtk_installed;		/* bit n: group key index n is in the driver */
	struct sae_ac *sae_ac;		/* SAE anti-clogging (ap/wpa3.c) */
	struct ap_pmksa pmksa[AP_PMKSA_MAX];	/* the PMKSA cache (ap/wpa3.c) */
	ap_event_hook hook;		/* tests */
	void *hook_ctx;
};

/* Takes ownership of cfg (also on failure). NULL on ENOMEM. */
struct ap *ap_new(struct loop *l, struct ap_config *cfg, const struct drv_ops *ops);
/* Open the driver, check capabilities, set AP mode, bridge, start
 * beaconing, install the GTK and open the control socket. 0 or -errno
 * (logged). */
int ap_start(struct ap *ap);
/* Clean stop: deauthenticate every station, delete keys, stop the AP,
 * close the control socket and the driver. Safe to call twice. */
void ap_stop(struct ap *ap);
void ap_free(struct ap *ap);

/* Control-socket actions, also used by tests. */
int ap_enable(struct ap *ap);
void ap_disable(struct ap *ap);
/* ap/sta_end.c: send a Deauthentication (or Disassociation) and forget
 * the station. */
int ap_deauth_sta(struct ap *ap, const uint8_t addr[ETH_ALEN], uint16_t reason,
		  bool disassoc);
int ap_set_fault(struct ap *ap, const char *spec, char *err, size_t errlen);
void ap_set_event_hook(struct ap *ap, ap_event_hook hook, void *ctx);

/* The driver event entry points (exposed for tests). */
void ap_rx_mgmt(void *ctx, const uint8_t *frame, size_t len, uint32_t freq,
		int32_t signal_mbm);
void ap_tx_status(void *ctx, uint64_t cookie, const uint8_t *frame, size_t len,
		  bool ack);
void ap_eapol_rx(void *ctx, const uint8_t src[ETH_ALEN], const uint8_t *data,
		 size_t len);
void ap_mic_failure(void *ctx, const uint8_t src[ETH_ALEN], bool group, int key_idx);

/* TKIP countermeasures (ap/tkip_cm.c): count one Michael MIC failure,
 * detected by the driver (reported false) or reported by the station in a
 * verified EAPOL-Key Request (reported true: called from that station's
 * handshake callback, so when it starts countermeasures the deauth-all and
 * the new GTK follow from a 0-delay loop timer, not from inside the call). */
void ap_tkip_mic_failure(struct ap *ap, const uint8_t src[ETH_ALEN], bool group,
			 bool reported);
/* Within the 60 s after countermeasures started: refuse (re)authentication
 * and (re)association. */
bool ap_countermeasures_active(struct ap *ap);
void ap_del_station(void *ctx, const uint8_t addr[ETH_ALEN]);

/* The control-socket command table (ap/ctrl_cmds.c). */
extern const struct ctrl_cmd ap_ctrl_cmds[];
extern const size_t ap_ctrl_ncmds;

/* ap/sta_end.c: send a management frame through the driver (logged on
 * failure); send a Deauthentication or Disassociation; the teardown every
 * end of an association shares (the station entry itself stays). */
int ap_send_mgmt(struct ap *ap, struct wbuf *w, uint64_t *cookie);
void ap_send_deauth(struct ap *ap, const uint8_t *da, uint16_t reason, bool disassoc);
void ap_sta_teardown(struct ap *ap, struct ap_sta *s);

/* ap/ap_event.c: emit "EVENT name t=.. kv" to the control socket and the
 * hook. */
void ap_event(struct ap *ap, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* hostapd's own event words ("AP-STA-CONNECTED 02:..."): logged at INFO
 * as hostapd logs them, and sent to hostapd_cli-style monitors (plain
 * ATTACH) as "<3>TEXT". The one place these words are written. */
void ap_event_text(struct ap *ap, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
