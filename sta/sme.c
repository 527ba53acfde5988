// SPDX-License-Identifier: MIT
/* sme.c: the station's SME, supplicant glue, roaming and faults.
 *
 * Connection sequence (IEEE 802.11-2020 11.3, 12.7.6):
 *   select BSS -> Open System authentication (NL80211_CMD_AUTHENTICATE)
 *   -> (Re)Association with our WPA/RSN element (NL80211_CMD_ASSOCIATE;
 *   a Reassociation Request naming the previous AP after a roam, 11.3.5.4)
 *   -> 4-way handshake (and the WPA1 group key handshake) in hs_supp
 *   -> port authorized -> CONNECTED.
 * AP loss (deauth, disassoc, beacon loss) starts a roam at once: the best
 * other BSS of the ESS from a recent scan, or a scan of the known channels.
 */
#include "sme_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "wpa_words.h"
#include "handshake.h"
#include "ie.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "sec.h"
#include "util.h"

#define TAG "sme"
#define STA_STEP_TIMEOUT_US	(1000 * 1000ull)	/* auth/assoc guard */
#define STA_BACKOFF_MAX_US	(2 * 1000 * 1000ull)
#define STA_BSS_EXPIRE_US	(120 * 1000 * 1000ull)	/* table aging */
/* From the association to the end of the 4-way (and WPA1 group) handshake,
 * as wpa_supplicant's 10 s authentication timeout for WPA-PSK. */
#define STA_HANDSHAKE_TIMEOUT_US	(10 * 1000 * 1000ull)

static void sta_attempt_failed(struct sta *s, const char *why);

void sta_enter_state(struct sta *s, enum sta_sme_state st)
{
	struct sta_event ev;

	log_info(TAG, "%s: SME %s -> %s", s->ifname, sta_sme_state_name(s->state),
		 sta_sme_state_name(st));
	sta_event_init(&ev, "STATE", now_us(s));
	sta_event_add(&ev, "old", "%s", sta_sme_state_name(s->state));
	sta_event_add(&ev, "new", "%s", sta_sme_state_name(st));
	s->state = st;
	emit(s, &ev);
}

/* The roam machine. Its event is BSS_TRANSITION, not ROAM_...: the lab
 * (sim/run.c) reads any station event whose name holds ROAM or CONNECTED
 * as "now on the BSS in new=". */
void sta_roam_enter_state(struct sta *s, enum sta_roam_state st)
{
	struct sta_event ev;

	log_info(TAG, "%s: roam %s -> %s (%s)", s->ifname,
		 sta_roam_state_name(s->roam_state), sta_roam_state_name(st),
		 sta_roam_cause_name(s->roam.cause));
	sta_event_init(&ev, "BSS_TRANSITION", now_us(s));
	sta_event_add(&ev, "old", "%s", sta_roam_state_name(s->roam_state));
	sta_event_add(&ev, "new", "%s", sta_roam_state_name(st));
	sta_event_add(&ev, "cause", "%s", sta_roam_cause_name(s->roam.cause));
	s->roam_state = st;
	emit(s, &ev);
}

/* The scan machine; purpose= is what the scan is (or was) for. */
static void scan_enter_state(struct sta *s, enum sta_scan_state st)
{
	struct sta_event ev;

	log_dbg(TAG, "%s: scan %s -> %s (%s)", s->ifname,
		sta_scan_state_name(s->scan_state), sta_scan_state_name(st),
		sta_scan_purpose_name(s->scan_purpose));
	sta_event_init(&ev, "SCAN", now_us(s));
	sta_event_add(&ev, "old", "%s", sta_scan_state_name(s->scan_state));
	sta_event_add(&ev, "new", "%s", sta_scan_state_name(st));
	sta_event_add(&ev, "purpose", "%s", sta_scan_purpose_name(s->scan_purpose));
	s->scan_state = st;
	emit(s, &ev);
}

/* --- handshake ops ------------------------------------------------------ */

/* A fault the SME fires itself (common/hs_fault.h): the same HANDSHAKE
 * type=FAULT event the handshake's own faults give. */
static void sta_fault_fired(struct sta *s, enum hs_fault_kind k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void sta_fault_fired(struct sta *s, enum hs_fault_kind k, const char *fmt, ...)
{
	struct sta_event ev;
	char what[160], line[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "%s: fault %s: %s", s->ifname, hs_fault_name(k), what);
	log_info(TAG, "%s", line);
	sta_event_init(&ev, "HANDSHAKE", now_us(s));
	sta_event_add(&ev, "type", "%s", hs_event_type_name(HS_EV_FAULT));
	sta_event_add(&ev, "fault", "%s", hs_fault_name(k));
	sta_event_add(&ev, "text", "\"%s\"", line);
	emit(s, &ev);
}

static int hs_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct sta *s = ctx;
	const uint8_t *dst = peer;
	char a[18];

	/* Fault msg2-to-old-ap: the first EAPOL frame after a reassociation
	 * goes to the previous AP (its BSSID as RA/DA). */
	if (s->n_eapol_tx++ == 0 && s->faults.msg2_to_old_ap && s->have_prev &&
	    !mac_equal(s->prev_bssid, peer)) {
		dst = s->prev_bssid;
		sta_fault_fired(s, HS_FAULT_MSG2_TO_OLD_AP, "EAPOL frame to old AP %s",
				mac_str(dst, a));
	}
	return drv_tx_eapol(s->drv, dst, frame, len, false);
}

static void sta_handshake_done(struct sta *s);

static void check_done(struct sta *s)
{
	if (s->state == STA_SME_HANDSHAKE && s->supp &&
	    hs_supp_state(s->supp) == HS_SUPP_COMPLETED)
		sta_handshake_done(s);
}

static void hs_event(void *ctx, const struct hs_event *e)
{
	struct sta *s = ctx;
	struct sta_event ev;

	switch (e->type) {
	case HS_EV_FAULT:
	case HS_EV_DROPPED:
	case HS_EV_REINSTALL_BLOCKED:
	case HS_EV_IE_MISMATCH:
	case HS_EV_REPLAY:
	case HS_EV_MIC_FAILURE:
	case HS_EV_TIMEOUT:
	case HS_EV_DEAUTH_REQUEST:
		sta_event_init(&ev, "HANDSHAKE", now_us(s));
		sta_event_add(&ev, "type", "%s", hs_event_type_name(e->type));
		if (e->msg_num)
			sta_event_add(&ev, "msg", "%d", e->msg_num);
		if (e->type == HS_EV_FAULT)
			sta_event_add(&ev, "fault", "%s", hs_fault_name(e->fault));
		if (e->text)
			sta_event_add(&ev, "text", "\"%s\"", e->text);
		emit(s, &ev);
		break;
	case HS_EV_PAIRWISE_DONE:
	case HS_EV_GROUP_DONE:
	case HS_EV_KEY_INSTALLED:
	case HS_EV_STATE:
	case HS_EV_TX:
	case HS_EV_RX:
	case HS_EV_RETRY:
	case HS_EV_DIAGNOSIS:
	case HS_EV_REKEY:
	case HS_EV_AUTHORIZED:
		break;
	}
	/* acted on when hs_supp_rx() has returned (after_rx) */
	if (e->type == HS_EV_DEAUTH_REQUEST && e->reason_code)
		s->supp_deauth_reason = e->reason_code;
	if (e->type == HS_EV_STATE || e->type == HS_EV_PAIRWISE_DONE ||
	    e->type == HS_EV_GROUP_DONE)
		check_done(s);
}

/* Feed the supplicant; then leave the AP if it asked for that
 * (HS_EV_DEAUTH_REQUEST: reason 17 for a 3/4 whose RSN/WPA element differs
 * from the Beacon's or Probe Response's, 12.7.6.4), else see whether the
 * handshake is done. */
static void supp_rx(struct sta *s, const uint8_t *frame, size_t len)
{
	uint16_t reason;

	s->supp_deauth_reason = 0;
	hs_supp_rx(s->supp, frame, len);
	reason = s->supp_deauth_reason;
	s->supp_deauth_reason = 0;
	if (reason && s->associated &&
	    (s->state == STA_SME_HANDSHAKE || s->state == STA_SME_CONNECTED)) {
		sta_abandon(s, reason, reason == MGMT_REASON_IE_IN_4WAY_DIFFERS ?
			    "RSN/WPA element in msg 3/4 differs from the Beacon's" :
			    "the supplicant asked for a deauthentication");
		return;
	}
	check_done(s);
}

static const struct hs_ops sta_hs_ops = {
	.tx = hs_tx,
	.install_key = sta_sec_install_key,
	.event = hs_event,
};

/* --- timers --------------------------------------------------------------- */

void cancel_timer(struct sta *s, struct loop_timer **t)
{
	if (*t) {
		loop_timer_cancel(s->loop, *t);
		*t = NULL;
	}
}

static void step_timeout(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta *s = ctx;

	s->step_timer = NULL;
	sta_attempt_failed(s, s->state == STA_SME_AUTHENTICATING ? "authentication timed out"
								  : "association timed out");
}

/* No 1/4, or the handshake did not finish, within 10 s of the association:
 * deauthenticate with reason 15 (4-way handshake timeout), or 16 (group key
 * handshake timeout) when only the WPA1 group 1/2 is missing (802.11-2020
 * Table 9-49), and try again. iwd sends 15 from its handshake timeout too;
 * wpa_supplicant sends 3 from its generic authentication timeout. */
static void handshake_timeout(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta *s = ctx;
	bool group;

	s->step_timer = NULL;
	if (s->state != STA_SME_HANDSHAKE)
		return;
	group = s->supp && hs_supp_state(s->supp) == HS_SUPP_GROUP_HANDSHAKE;
	sta_abandon(s, group ? MGMT_REASON_GROUP_KEY_UPDATE_TIMEOUT :
			       MGMT_REASON_4WAY_HANDSHAKE_TIMEOUT,
		    group ? "group key handshake timed out" : "4-way handshake timed out");
}

static void arm_step(struct sta *s)
{
	cancel_timer(s, &s->step_timer);
	s->step_timer = loop_timer_add(s->loop, STA_STEP_TIMEOUT_US, step_timeout, s);
}

/* --- connection steps ------------------------------------------------------ */

void sta_start_auth(struct sta *s, struct sta_bss *b, const struct sta_network *net,
		       const struct sta_bss_choice *choice)
{
	struct drv_auth_params p = { 0 };
	char a[18];
	int ret;

	s->cur = *b;
	s->net = net;
	s->choice = *choice;
	if (s->roam_state != STA_ROAM_NONE)
		s->roam.attempts++;
	log_info(TAG, "%s: authenticating with %s (freq %u, signal %d dBm, network %d)",
		 s->ifname, mac_str(b->bssid, a), b->freq, b->signal_mbm / 100, net->id);
	p.bssid = b->bssid;
	p.freq = b->freq;
	p.ssid = b->ssid;
	p.ssid_len = b->ssid_len;
	sta_enter_state(s, STA_SME_AUTHENTICATING);
	/* Open System, SAE, or Open System with a cached PMKSA (wpa3.c) */
	ret = sta_wpa3_auth_start(s, &p);
	if (ret < 0) {
		sta_attempt_failed(s, "authenticate request failed");
		return;
	}
	arm_step(s);
}

static void start_assoc(struct sta *s)
{
	struct drv_assoc_params p = { 0 };
	struct hs_config *cfg = NULL;
	bool reassoc;
	char a[18];
	int ret;

	p.bssid = s->cur.bssid;
	p.freq = s->cur.freq;
	p.ssid = s->cur.ssid;
	p.ssid_len = s->cur.ssid_len;
	reassoc = s->have_prev && !mac_equal(s->prev_bssid, s->cur.bssid) &&
		  s->prev_ssid_len == s->cur.ssid_len &&
		  !memcmp(s->prev_ssid, s->cur.ssid, s->cur.ssid_len);
	if (reassoc)
		p.prev_bssid = s->prev_bssid;
	if (s->choice.key_mgmt != WPA_AKM_NONE && s->choice.key_mgmt) {
		cfg = calloc(1, sizeof(*cfg));
		if (!cfg || sta_sec_hs_config(s, cfg) < 0) {
			log_err(TAG, "%s: cannot build the WPA/RSN element", s->ifname);
			goto fail;
		}
		p.ies = cfg->own_ie;
		p.ies_len = cfg->own_ie_len;
		p.wpa_versions = s->choice.proto == WPA_PROTO_RSN ? WPA_PROTO_RSN :
								    WPA_PROTO_WPA;
		p.pairwise_cipher = wpa_cipher_pick(cfg->pairwise_cipher);
		p.group_cipher = wpa_cipher_pick(cfg->group_cipher);
		p.akm = hs_config_akm(cfg);
		p.mfp = cfg->pmf;
		p.control_port = true;
		if (!s->supp) {
			s->supp = hs_supp_new(s->loop, cfg, &sta_hs_ops, s);
			if (!s->supp) {
				log_err(TAG, "%s: cannot create the supplicant", s->ifname);
				goto fail;
			}
			/* faults armed or cleared at run time apply at once */
			hs_supp_use_faults(s->supp, &s->faults);
		}
		ret = hs_supp_assoc(s->supp, cfg);
		if (ret < 0) {
			log_err(TAG, "%s: supplicant rejected the configuration: %s",
				s->ifname, strerror(-ret));
			goto fail;
		}
	}
	log_info(TAG, "%s: %sassociating with %s%s%s", s->ifname, reassoc ? "re" : "",
		 mac_str(s->cur.bssid, a), reassoc ? " from " : "",
		 reassoc ? mac_str(s->prev_bssid, (char[18]){ 0 }) : "");
	sta_enter_state(s, STA_SME_ASSOCIATING);
	ret = drv_associate(s->drv, &p);
	if (cfg) {
		secure_zero(cfg, sizeof(*cfg));
		free(cfg);
		cfg = NULL;
	}
	if (ret < 0) {
		sta_attempt_failed(s, "associate request failed");
		return;
	}
	arm_step(s);
	return;
fail:
	if (cfg) {
		secure_zero(cfg, sizeof(*cfg));
		free(cfg);
	}
	sta_attempt_failed(s, "local setup failed");
}

static void sta_connected(struct sta *s)
{
	struct sta_event ev;
	char a[18], o[18], ssid[140];
	uint64_t t = now_us(s);

	const char *neigh;

	cancel_timer(s, &s->step_timer);
	neigh = sta_neigh_connected(&s->neigh, !s->have_prev ||
				    (s->prev_ssid_len == s->cur.ssid_len &&
				     !memcmp(s->prev_ssid, s->cur.ssid, s->cur.ssid_len)));
	s->fail_count = 0;
	s->roam_cfg.avoid = false;
	s->n_connects++;
	s->t_connected = t;
	s->have_prev = true;
	memcpy(s->prev_bssid, s->cur.bssid, 6);
	memcpy(s->prev_ssid, s->cur.ssid, s->cur.ssid_len);
	s->prev_ssid_len = s->cur.ssid_len;
	sta_enter_state(s, STA_SME_CONNECTED);
	log_info(TAG, "%s: CONNECTED to %s ssid '%s' (%s %s/%s)", s->ifname,
		 mac_str(s->cur.bssid, a),
		 sta_ssid_str(s->cur.ssid, s->cur.ssid_len, ssid, sizeof(ssid)),
		 s->choice.proto == WPA_PROTO_RSN ? "RSN" :
		 s->choice.proto == WPA_PROTO_WPA ? "WPA" : "open",
		 wpa_cipher_name(s->choice.pairwise), wpa_cipher_name(s->choice.group));
	sta_event_init(&ev, "CONNECTED", t);
	sta_event_add(&ev, "bssid", "%s", a);
	sta_event_add(&ev, "ssid", "\"%s\"", ssid);
	sta_event_add(&ev, "freq", "%u", s->cur.freq);
	sta_event_add(&ev, "id", "%d", s->net->id);
	sta_event_add(&ev, "proto", "%s", s->choice.proto == WPA_PROTO_RSN ? "RSN" :
			  s->choice.proto == WPA_PROTO_WPA ? "WPA" : "NONE");
	sta_event_add(&ev, "pairwise", "%s", wpa_cipher_name(s->choice.pairwise));
	sta_event_add(&ev, "group", "%s", wpa_cipher_name(s->choice.group));
	sta_event_add(&ev, "key_mgmt", "%s", s->choice.key_mgmt == WPA_AKM_NONE ||
			  !s->choice.key_mgmt ? "NONE" : wpa_akm_conf_name(s->choice.key_mgmt));
	sta_event_add(&ev, "pmf", "%d", s->choice.pmf);
	sta_event_add(&ev, "auth", "%s", sta_auth_kind_name(s->auth_kind));
	emit(s, &ev);

	if (s->roam_state != STA_ROAM_NONE) {
		char rec[512];

		s->roam.t_done = t;
		memcpy(s->roam.new_bssid, s->cur.bssid, 6);
		s->last_roam = s->roam;
		s->n_roams++;
		sta_roam_rec_format(&s->roam, rec, sizeof(rec));
		log_info(TAG, "%s: roam done: %s", s->ifname, rec);
		sta_event_init(&ev, "ROAM", t);
		sta_event_add(&ev, "cause", "%s", sta_roam_cause_name(s->roam.cause));
		sta_event_add(&ev, "old", "%s", mac_str(s->roam.old_bssid, o));
		sta_event_add(&ev, "new", "%s", a);
		sta_event_add(&ev, "t_trigger", "%llu", (unsigned long long)s->roam.t_trigger);
		sta_event_add(&ev, "t_auth", "%llu", (unsigned long long)s->roam.t_auth);
		sta_event_add(&ev, "t_assoc", "%llu", (unsigned long long)s->roam.t_assoc);
		sta_event_add(&ev, "t_done", "%llu", (unsigned long long)s->roam.t_done);
		sta_event_add(&ev, "total_ms", "%.3f",
			      (double)(s->roam.t_done - s->roam.t_trigger) / 1000.0);
		sta_event_add(&ev, "attempts", "%u", s->roam.attempts);
		sta_event_add(&ev, "neigh", "%s", neigh);
		sta_event_add(&ev, "auth", "%s", sta_auth_kind_name(s->auth_kind));
		emit(s, &ev);
		sta_roam_enter_state(s, STA_ROAM_NONE);
	}
}

static void sta_handshake_done(struct sta *s)
{
	int ret;

	ret = drv_sta_set_flags(s->drv, s->cur.bssid, DRV_STA_AUTHORIZED, 0);
	if (ret < 0 && ret != -EOPNOTSUPP)
		log_warn(TAG, "%s: authorizing the port failed: %s", s->ifname,
			 strerror(-ret));
	sta_connected(s);
}

/* The link to the current AP is gone or being given up: the supplicant
 * forgets its keys and the SME no longer counts itself associated. */
void sta_forget_link(struct sta *s)
{
	s->associated = false;
	if (s->supp)
		hs_supp_disconnect(s->supp);
}

/* Every roam starts here, whatever triggered it (AP loss, low signal on a
 * scan or on the background poll, a command): the record that the
 * ROAM event reports at the end. scanned: the candidates are already
 * fresh, no scan is needed before the first attempt. A roam that begins
 * while another is under way replaces it (a re-entry). */
void sta_roam_begin(struct sta *s, enum sta_roam_cause cause, bool scanned)
{
	char a[18];

	memset(&s->roam, 0, sizeof(s->roam));
	s->roam.cause = cause;
	s->roam.t_trigger = now_us(s);
	memcpy(s->roam.old_bssid, s->cur.bssid, 6);
	log_dbg(TAG, "%s: roam from %s starts (%s)", s->ifname, mac_str(s->cur.bssid, a),
		sta_roam_cause_name(cause));
	sta_roam_enter_state(s, scanned ? STA_ROAM_SCANNED : STA_ROAM_SEARCHING);
}

/* Pick and start the next step of a connect or roam attempt. */
void sta_next_step(struct sta *s)
{
	struct sta_roam_decision dec;
	struct sta_select sel = { 0 };
	const struct sta_network *net = NULL;
	struct sta_bss_choice choice;
	struct sta_bss *b;

	if (s->roam_state != STA_ROAM_NONE && s->net) {
		sta_roam_on_loss(&s->bss, s->conf, s->net, s->roam.old_bssid, now_us(s),
				 &s->roam_cfg, s->roam_state == STA_ROAM_SCANNED, &dec);
		log_dbg(TAG, "%s: roam decision %s: %s", s->ifname,
			sta_roam_act_name(dec.act), dec.why);
		switch (dec.act) {
		case STA_ROAM_ACT_CONNECT:
			sta_start_auth(s, dec.bss, dec.net, &dec.choice);
			return;
		case STA_ROAM_ACT_SCAN:
			/* after_scan was false: this round has not scanned */
			sta_roam_enter_state(s, STA_ROAM_SCANNED);
			if (sta_start_scan(s, STA_SCAN_ROAM, dec.freqs, dec.n_freqs, false,
					   s->net->ssid, s->net->ssid_len) < 0)
				sta_attempt_failed(s, "scan request failed");
			return;
		case STA_ROAM_ACT_NONE:
			sta_attempt_failed(s, dec.why);
			return;
		}
		return;
	}
	sel.net_id = s->target_net;
	sel.now_us = now_us(s);
	sel.max_age_us = s->roam_cfg.scan_max_age_us;
	sel.no_tkip = s->roam_cfg.no_tkip;
	sel.avoid = s->roam_cfg.avoid ? s->roam_cfg.avoid_bssid : NULL;
	b = sta_bss_select(&s->bss, s->conf, &sel, &net, &choice);
	if (b) {
		sta_start_auth(s, b, net, &choice);
		return;
	}
	if (s->scan_purpose == STA_SCAN_CONNECT && s->scan_state == STA_SCAN_IDLE) {
		/* Results just came in and nothing fits. */
		sta_attempt_failed(s, "no matching BSS found");
		return;
	}
	if (sta_start_scan(s, STA_SCAN_CONNECT, NULL, 0, false, NULL, 0) < 0)
		sta_attempt_failed(s, "scan request failed");
}

static void retry_cb(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct sta *s = ctx;

	s->retry_timer = NULL;
	/* a new round: the roam's candidates may be scanned again */
	if (s->roam_state == STA_ROAM_SCANNED)
		sta_roam_enter_state(s, STA_ROAM_SEARCHING);
	s->scan_purpose = STA_SCAN_NONE;
	if (s->auto_connect && s->state == STA_SME_IDLE)
		sta_next_step(s);
}

/* This attempt failed: try the next candidate at once; after a scan found
 * nothing, back off (100 ms doubling up to 2 s) and start over. */
static void sta_attempt_failed(struct sta *s, const char *why)
{
	struct sta_event ev;
	uint64_t backoff;
	char a[18];

	cancel_timer(s, &s->step_timer);
	sta_wpa3_reset(s);	/* no SAE retransmission after the attempt */
	log_info(TAG, "%s: attempt failed: %s", s->ifname, why);
	sta_event_init(&ev, "ATTEMPT_FAILED", now_us(s));
	if (s->state == STA_SME_AUTHENTICATING || s->state == STA_SME_ASSOCIATING ||
	    s->state == STA_SME_HANDSHAKE)
		sta_event_add(&ev, "bssid", "%s", mac_str(s->cur.bssid, a));
	sta_event_add(&ev, "reason", "\"%s\"", why);
	emit(s, &ev);
	if (s->state == STA_SME_AUTHENTICATING || s->state == STA_SME_ASSOCIATING ||
	    s->state == STA_SME_HANDSHAKE) {
		/* Forget it until a scan sees it again. */
		sta_bss_remove(&s->bss, s->cur.bssid);
		if (s->associated || s->state == STA_SME_AUTHENTICATING)
			drv_deauthenticate(s->drv, s->cur.bssid, MGMT_REASON_DEAUTH_LEAVING);
		sta_forget_link(s);
	}
	if (s->state != STA_SME_IDLE)
		sta_enter_state(s, STA_SME_IDLE);
	if (!s->auto_connect)
		return;
	s->fail_count++;
	if (s->fail_count == 1 || s->roam_state != STA_ROAM_SCANNED) {
		/* first failure, or candidates not yet scanned: go on now */
		if (s->fail_count < 8) {
			sta_next_step(s);
			return;
		}
	}
	backoff = 100000ull << (s->fail_count > 5 ? 5 : s->fail_count - 1);
	if (backoff > STA_BACKOFF_MAX_US)
		backoff = STA_BACKOFF_MAX_US;
	cancel_timer(s, &s->retry_timer);
	s->retry_timer = loop_timer_add(s->loop, backoff, retry_cb, s);
}

void sta_abandon(struct sta *s, uint16_t reason, const char *why)
{
	struct sta_event ev;
	char a[18];

	cancel_timer(s, &s->step_timer);
	log_info(TAG, "%s: deauthenticating from %s (reason %u: %s): %s", s->ifname,
		 mac_str(s->cur.bssid, a), reason, mgmt_reason_str(reason), why);
	sta_event_init(&ev, "DEAUTH", now_us(s));
	sta_event_add(&ev, "bssid", "%s", a);
	sta_event_add(&ev, "reason", "%u", reason);
	sta_event_add(&ev, "why", "\"%s\"", why);
	emit(s, &ev);
	drv_deauthenticate(s->drv, s->cur.bssid, reason);
	s->n_deauth++;
	sta_forget_link(s);
	/* as after a failed attempt: not a candidate until a scan sees it,
	 * and then only if no other BSS fits (wpa_supplicant ignores such a
	 * BSS for a while too) */
	sta_bss_remove(&s->bss, s->cur.bssid);
	memcpy(s->roam_cfg.avoid_bssid, s->cur.bssid, 6);
	s->roam_cfg.avoid = true;
	sta_attempt_failed(s, why);
}

void sta_resume(struct sta *s)
{
	if (!s->auto_connect || s->state != STA_SME_IDLE)
		return;
	cancel_timer(s, &s->retry_timer);
	s->fail_count = 0;
	if (s->roam_state == STA_ROAM_SCANNED)
		sta_roam_enter_state(s, STA_ROAM_SEARCHING);
	s->scan_purpose = STA_SCAN_NONE;
	sta_next_step(s);
}

/* --- scanning ------------------------------------------------------------- */

int sta_start_scan(struct sta *s, enum sta_scan_purpose purpose,
			  const uint32_t *freqs, size_t n_freqs, bool passive,
			  const uint8_t *ssid, size_t ssid_len)
{
	struct drv_scan_ssid ssids[4];
	struct drv_scan_params p = { 0 };
	struct sta_event ev;
	size_t n = 0, i;
	int ret;

	if (s->scan_state == STA_SCAN_RUNNING) {
		/* Let the running scan serve this purpose too; a connect or
		 * roam waits for its results in SCANNING, as with its own
		 * scan (else sta_on_scan_done() would not go on). */
		if (purpose != STA_SCAN_USER && purpose != STA_SCAN_BG) {
			s->scan_purpose = purpose;
			if (s->state != STA_SME_SCANNING)
				sta_enter_state(s, STA_SME_SCANNING);
		}
		return 0;
	}
	if (!passive) {
		if (ssid && ssid_len) {
			memcpy(ssids[n].ssid, ssid, ssid_len);
			ssids[n++].len = ssid_len;
		}
		for (i = 0; i < s->conf->n_net && n + 1 < ARRAY_SIZE(ssids); i++) {
			const struct sta_network *net = &s->conf->net[i];

			if (!net->scan_ssid || (ssid && ssid_len == net->ssid_len &&
						!memcmp(ssid, net->ssid, ssid_len)))
				continue;
			memcpy(ssids[n].ssid, net->ssid, net->ssid_len);
			ssids[n++].len = net->ssid_len;
		}
		ssids[n++].len = 0;	/* wildcard */
	}
	p.ssids = ssids;
	p.n_ssids = n;
	p.freqs = freqs;
	p.n_freqs = n_freqs;
	p.flush = purpose == STA_SCAN_ROAM;
	ret = drv_scan(s->drv, &p);
	if (ret < 0) {
		log_warn(TAG, "%s: scan failed: %s", s->ifname, strerror(-ret));
		return ret;
	}
	s->n_scans++;
	s->scan_purpose = purpose;
	scan_enter_state(s, STA_SCAN_RUNNING);
	if (purpose == STA_SCAN_CONNECT || purpose == STA_SCAN_ROAM)
		sta_enter_state(s, STA_SME_SCANNING);
	sta_event_init(&ev, "SCAN_STARTED", now_us(s));
	sta_event_add(&ev, "purpose", "%s", sta_scan_purpose_name(purpose));
	sta_event_add(&ev, "freqs", "%zu", n_freqs);
	sta_event_add(&ev, "passive", "%d", passive);
	emit(s, &ev);
	return 0;
}

static void import_results(struct sta *s)
{
	struct drv_scan_results *res = NULL;
	uint64_t t = now_us(s);
	size_t i;
	int ret;

	ret = drv_get_scan_results(s->drv, &res);
	if (ret < 0) {
		log_warn(TAG, "%s: reading scan results failed: %s", s->ifname,
			 strerror(-ret));
		return;
	}
	for (i = 0; i < res->n; i++) {
		const struct drv_bss *d = &res->bss[i];
		struct sta_bss b;
		uint64_t age = (uint64_t)d->age_ms * 1000;

		memset(&b, 0, sizeof(b));
		memcpy(b.bssid, d->bssid, 6);
		b.freq = d->freq;
		b.signal_mbm = d->signal_mbm;
		b.capab = d->capab;
		b.beacon_int = d->beacon_int;
		b.seen_us = t > age ? t - age : 0;
		b.ies_len = d->ies_len < sizeof(b.ies) ? d->ies_len : sizeof(b.ies);
		if (d->ies)
			memcpy(b.ies, d->ies, b.ies_len);
		if (sta_bss_parse_ies(&b) < 0)
			log_dbg(TAG, "%s: " MAC_FMT " has a malformed WPA/RSN element",
				s->ifname, MAC_ARG(d->bssid));
		sta_bss_update(&s->bss, &b);
	}
	s->bss.last_scan_us = t;
	sta_bss_expire(&s->bss, t, STA_BSS_EXPIRE_US);
	drv_scan_results_free(res);
}

void sta_on_scan_done(void *ctx, bool aborted)
{
	struct sta *s = ctx;
	enum sta_scan_purpose purpose = s->scan_purpose;
	struct sta_roam_decision dec;
	struct sta_event ev;

	if (s->scan_state != STA_SCAN_RUNNING)
		return;
	scan_enter_state(s, STA_SCAN_IDLE);
	if (!aborted)
		import_results(s);
	sta_event_init(&ev, "SCAN_RESULTS", now_us(s));
	sta_event_add(&ev, "n", "%zu", s->bss.n);
	sta_event_add(&ev, "aborted", "%d", aborted);
	emit(s, &ev);

	switch (purpose) {
	case STA_SCAN_CONNECT:
	case STA_SCAN_ROAM:
		if (s->state == STA_SME_SCANNING) {
			sta_enter_state(s, STA_SME_IDLE);
			sta_next_step(s);
		}
		break;
	case STA_SCAN_BG: {
		int32_t sig = s->signal_mbm;

		if (s->state != STA_SME_CONNECTED || !s->net)
			break;
		/* the candidates' signals are fresh: compare with a fresh
		 * signal of the current AP, not the one the tick polled */
		sta_signal_poll(s, &sig);
		sta_roam_on_signal(&s->bss, s->conf, s->net, s->cur.bssid, sig,
				   now_us(s), &s->roam_cfg, &dec);
		if (dec.act == STA_ROAM_ACT_CONNECT) {
			sta_roam_begin(s, STA_ROAM_CAUSE_LOW_SIGNAL, true);
			sta_start_auth(s, dec.bss, dec.net, &dec.choice);
		}
		break;
	}
	case STA_SCAN_USER:
	case STA_SCAN_NONE:
		break;
	}
	if (s->scan_purpose == purpose)
		s->scan_purpose = STA_SCAN_NONE;
}

/* --- driver events ---------------------------------------------------------- */

static bool is_cur(struct sta *s, const uint8_t *bssid)
{
	return bssid && mac_equal(bssid, s->cur.bssid);
}

void sta_on_auth_result(void *ctx, const uint8_t bssid[6], const uint8_t *frame,
			   size_t len, bool timed_out)
{
	struct sta *s = ctx;
	struct mgmt_frame f;
	struct sta_event ev;
	char a[18];

	if (s->state != STA_SME_AUTHENTICATING || !is_cur(s, bssid))
		return;
	cancel_timer(s, &s->step_timer);
	sta_event_init(&ev, "AUTH", now_us(s));
	sta_event_add(&ev, "bssid", "%s", mac_str(bssid, a));
	if (timed_out || !frame || mgmt_parse_rx(frame, len, &f) < 0 ||
	    f.subtype != MGMT_AUTH) {
		sta_event_add(&ev, "status", "%s", timed_out ? "timeout" : "bad-frame");
		emit(s, &ev);
		s->n_auth_fail++;
		sta_attempt_failed(s, timed_out ? "authentication timed out" :
						  "bad authentication frame");
		return;
	}
	sta_event_add(&ev, "status", "%u", f.status);
	sta_event_add(&ev, "alg", "%s", f.auth_alg == MGMT_AUTH_ALG_SAE ? "sae" : "open");
	emit(s, &ev);
	/* SAE (12.4): commit/confirm until accepted; its statuses (76, 77,
	 * 126...) are the machine's to judge */
	if (f.auth_alg == MGMT_AUTH_ALG_SAE && s->auth_kind == STA_AUTH_SAE) {
		int r = sta_wpa3_auth_rx(s, &f);

		if (r == 0) {
			arm_step(s);
			return;
		}
		if (r < 0) {
			s->n_auth_fail++;
			sta_attempt_failed(s, "SAE authentication failed");
			return;
		}
	} else if (f.status != MGMT_STATUS_SUCCESS) {
		s->n_auth_fail++;
		sta_attempt_failed(s, mgmt_status_str(f.status));
		return;
	}
	if (s->roam_state != STA_ROAM_NONE)
		s->roam.t_auth = now_us(s);
	start_assoc(s);
}

void sta_on_assoc_result(void *ctx, const uint8_t bssid[6], const uint8_t *frame,
			    size_t len, bool timed_out)
{
	struct sta *s = ctx;
	struct mgmt_frame f;
	struct sta_event ev;
	char a[18];

	if (s->state != STA_SME_ASSOCIATING || !is_cur(s, bssid))
		return;
	cancel_timer(s, &s->step_timer);
	sta_event_init(&ev, "ASSOC", now_us(s));
	sta_event_add(&ev, "bssid", "%s", mac_str(bssid, a));
	if (timed_out || !frame || mgmt_parse_rx(frame, len, &f) < 0 ||
	    (f.subtype != MGMT_ASSOC_RESP && f.subtype != MGMT_REASSOC_RESP)) {
		sta_event_add(&ev, "status", "%s", timed_out ? "timeout" : "bad-frame");
		emit(s, &ev);
		s->n_assoc_fail++;
		sta_attempt_failed(s, timed_out ? "association timed out" :
						  "bad association response");
		return;
	}
	sta_event_add(&ev, "status", "%u", f.status);
	sta_event_add(&ev, "aid", "%u", f.aid);
	emit(s, &ev);
	if (f.status != MGMT_STATUS_SUCCESS) {
		s->n_assoc_fail++;
		/* 53 INVALID_PMKID: the AP has no PMKSA for ours: SAE next time */
		if (f.status == 53)
			sta_pmksa_drop(s, s->cur.bssid);
		sta_attempt_failed(s, mgmt_status_str(f.status));
		return;
	}
	s->associated = true;
	if (s->roam_state != STA_ROAM_NONE)
		s->roam.t_assoc = now_us(s);
	if (s->choice.key_mgmt == WPA_AKM_NONE || !s->choice.key_mgmt) {
		sta_connected(s);
		return;
	}
	s->n_eapol_tx = 0;
	sta_enter_state(s, STA_SME_HANDSHAKE);
	s->step_timer = loop_timer_add(s->loop, STA_HANDSHAKE_TIMEOUT_US,
				       handshake_timeout, s);
}

void sta_on_eapol_rx(void *ctx, const uint8_t src[6], const uint8_t *data,
			size_t len)
{
	struct sta *s = ctx;
	char a[18];

	if (!is_cur(s, src) || !s->supp) {
		log_dbg(TAG, "%s: EAPOL from %s ignored (not our AP)", s->ifname,
			mac_str(src, a));
		return;
	}
	/* An EAPOL frame (1/4) that overtakes the association result never
	 * reaches us in ASSOCIATING: the driver holds it and delivers it
	 * after assoc_result (drv.h, drv_events.eapol_rx). */
	if (s->state != STA_SME_HANDSHAKE && s->state != STA_SME_CONNECTED)
		return;
	supp_rx(s, data, len);
}

/* The AP is gone (deauth/disassoc/beacon loss): start a roam. */
static void sta_lost(struct sta *s, const char *how, uint16_t reason)
{
	struct sta_event ev;
	char a[18];
	bool was_connected = s->state == STA_SME_CONNECTED;
	struct sta_bss *lost;

	cancel_timer(s, &s->step_timer);
	s->n_deauth++;
	sta_event_init(&ev, "DISCONNECTED", now_us(s));
	sta_event_add(&ev, "bssid", "%s", mac_str(s->cur.bssid, a));
	sta_event_add(&ev, "reason", "%u", reason);
	sta_event_add(&ev, "how", "%s", how);
	emit(s, &ev);
	log_info(TAG, "%s: %s from %s (reason %u: %s)", s->ifname, how, a, reason,
		 mgmt_reason_str(reason));
	sta_forget_link(s);
	sta_neigh_roam_start(&s->neigh);
	/* Keep its channel as a known one, but never pick it from old
	 * results: it is only a candidate again once a scan sees it. */
	lost = sta_bss_find(&s->bss, s->cur.bssid);
	if (lost)
		lost->seen_us = 0;
	if (!was_connected) {
		/* Lost during an attempt (e.g. the handshake failed). */
		sta_attempt_failed(s, how);
		return;
	}
	if (s->state != STA_SME_IDLE)
		sta_enter_state(s, STA_SME_IDLE);
	if (!s->auto_connect)
		return;
	sta_roam_begin(s, STA_ROAM_CAUSE_AP_LOSS, false);
	s->fail_count = 0;
	sta_next_step(s);
}

void sta_on_deauth(void *ctx, const uint8_t bssid[6], uint16_t reason,
		      bool disassoc, bool local, const uint8_t *frame, size_t len)
{
	struct sta *s = ctx;
	char a[18];

	if (!is_cur(s, bssid) || s->state == STA_SME_IDLE ||
	    s->state == STA_SME_SCANNING || s->state == STA_SME_AUTHENTICATING) {
		log_dbg(TAG, "%s: %s%s from %s ignored (not current)", s->ifname,
			local ? "local " : "", disassoc ? "disassoc" : "deauth",
			mac_str(bssid, a));
		return;
	}
	if (local)
		return;
	if (s->faults.ignore_deauth) {
		sta_fault_fired(s, HS_FAULT_IGNORE_DEAUTH, "ignoring %s from %s (reason %u)",
				disassoc ? "disassoc" : "deauth", mac_str(bssid, a), reason);
		return;
	}
	sta_lost(s, disassoc ? "disassociated" : "deauthenticated", reason);
}

void sta_on_conn_lost(void *ctx, const uint8_t bssid[6], uint16_t reason)
{
	struct sta *s = ctx;

	if (!is_cur(s, bssid) || s->state == STA_SME_IDLE ||
	    s->state == STA_SME_SCANNING || s->state == STA_SME_AUTHENTICATING)
		return;
	if (s->faults.ignore_deauth)
		return;
	sta_lost(s, "connection lost", reason);
}



