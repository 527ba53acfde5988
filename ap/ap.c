// SPDX-License-Identifier: MIT
/* ap.c: the access point (see ap.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ap.h"
#include "ap_hs.h"
#include "ap_pmf.h"
#include "buf.h"
#include "ctrl.h"
#include "eapol.h"
#include "handshake.h"
#include "l2.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"


#define TAG "ap"
#define MGMT_FRAME_MAX 1024



static uint64_t now_us(struct ap *ap)
{
	return loop_now_us(ap->loop);
}

/* ---- management frames ------------------------------------------------------ */

static void send_auth_resp(struct ap *ap, const uint8_t *da, uint16_t alg, uint16_t status)
{
	uint8_t buf[64];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, da, ap->bssid, ap->bssid, alg, 2, status, NULL, 0);
	ap_send_mgmt(ap, &w, NULL);
}

static void handle_probe_req(struct ap *ap, const struct mgmt_frame *f)
{
	uint8_t buf[MGMT_FRAME_MAX];
	size_t len;

	if (!ap_probe_req_wanted(ap->cfg, f->ies, f->ies_len))
		return;
	if (ap_probe_resp_build(ap->cfg, &ap->beacon, ap->bssid, f->sa, buf, sizeof(buf), &len))
		return;
	drv_send_mgmt(ap->drv, buf, len, true, NULL);
}

static void handle_auth(struct ap *ap, const struct mgmt_frame *f)
{
	struct ap_sta *s;
	char mac[18];

	mac_str(f->sa, mac);
	if (f->auth_alg == MGMT_AUTH_ALG_SAE && (ap->cfg->wpa_key_mgmt & WPA_AKM_SAE) &&
	    (ap->cfg->wpa & WPA_PROTO_RSN) && !ap_countermeasures_active(ap)) {
		ap_wpa3_rx_auth(ap, f);
		return;
	}
	if (f->auth_alg != MGMT_AUTH_ALG_OPEN) {
		log_info(TAG, "%s: STA %s: authentication algorithm %u not supported",
			 ap->ifname, mac, f->auth_alg);
		send_auth_resp(ap, f->sa, f->auth_alg, MGMT_STATUS_NOT_SUPPORTED_AUTH_ALG);
		return;
	}
	if (f->auth_transaction != 1) {
		send_auth_resp(ap, f->sa, f->auth_alg, MGMT_STATUS_UNKNOWN_AUTH_TRANSACTION);
		return;
	}
	if (ap_countermeasures_active(ap)) {
		log_info(TAG, "%s: STA %s: authentication refused (TKIP countermeasures)",
			 ap->ifname, mac);
		send_auth_resp(ap, f->sa, f->auth_alg, MGMT_STATUS_UNSPECIFIED);
		return;
	}
	s = ap_sta_find(&ap->stas, f->sa);
	if (s && s->pmf && ap_sta_is_associated(s)) {
		/* An unprotected Authentication must not end a protected
		 * association (11.3.4.3): answered, the association stays;
		 * the (Re)Association Request that follows meets the SA
		 * Query of the association comeback (ap/pmf.c). */
		log_info(TAG, "%s: STA %s: authentication with a PMF association in "
			 "place: association kept", ap->ifname, mac);
		send_auth_resp(ap, f->sa, f->auth_alg, MGMT_STATUS_SUCCESS);
		return;
	}
	if (s && ap_sta_is_associated(s)) {
		/* A new authentication ends the association (11.3.4.2). */
		ap_sta_teardown(ap, s);
		ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHENTICATED);
	}
	if (!s)
		s = ap_sta_add(&ap->stas, f->sa, now_us(ap));
	if (!s) {
		log_info(TAG, "%s: STA %s: station table full (%zu)", ap->ifname, mac,
			 ap->stas.max);
		send_auth_resp(ap, f->sa, f->auth_alg, MGMT_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA);
		return;
	}
	s->t_auth_us = now_us(ap);
	log_info(TAG, "%s: STA %s IEEE 802.11: authenticated", ap->ifname, mac);
	send_auth_resp(ap, f->sa, f->auth_alg, MGMT_STATUS_SUCCESS);
}

/* Copy the rates of a (Re)AssocReq; false if there are none. */
static bool get_rates(struct ap_sta *s, const uint8_t *ies, size_t len)
{
	const uint8_t *e;

	s->n_rates = 0;
	e = mgmt_find_ie(ies, len, MGMT_EID_SUPP_RATES);
	if (e) {
		memcpy(s->rates, e + 2, e[1] > AP_STA_RATES_MAX ? AP_STA_RATES_MAX : e[1]);
		s->n_rates = e[1] > AP_STA_RATES_MAX ? AP_STA_RATES_MAX : e[1];
	}
	e = mgmt_find_ie(ies, len, MGMT_EID_EXT_SUPP_RATES);
	if (e) {
		size_t n = e[1];

		if (n > AP_STA_RATES_MAX - s->n_rates)
			n = AP_STA_RATES_MAX - s->n_rates;
		memcpy(s->rates + s->n_rates, e + 2, n);
		s->n_rates += n;
	}
	return s->n_rates > 0;
}

static void fill_policy(const struct ap_config *c, struct hs_ap_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->wpa = (unsigned int)c->wpa;
	p->wpa_pairwise = wpa_cipher_supported(c->wpa_pairwise);
	p->rsn_pairwise = wpa_cipher_supported(c->rsn_pairwise);
	p->akms = c->wpa_key_mgmt;
	p->pmf = (enum ie_pmf)c->ieee80211w;
	p->group_mgmt_cipher = c->group_mgmt_cipher;
}

/* Security checks of a (Re)AssocReq (12.6.3). Returns the status code. */
static uint16_t check_assoc_security(struct ap *ap, struct ap_sta *s, const uint8_t *ies,
				     size_t len)
{
	struct hs_ap_policy pol;
	struct hs_assoc_sec sec;
	const uint8_t *rsn = mgmt_find_ie(ies, len, MGMT_EID_RSN);
	const uint8_t *wpa = ie_find_wpa(ies, len, NULL);
	const uint8_t *ie = NULL;
	const char *why = "";
	uint16_t status = MGMT_STATUS_SUCCESS;
	char mac[18];

	s->proto = IE_PROTO_NONE;
	s->pairwise = 0;
	s->akm = 0;
	s->pmf = false;
	s->assoc_ie_len = 0;
	if (!ap->cfg->wpa)
		return MGMT_STATUS_SUCCESS;
	mac_str(s->addr, mac);
	if (rsn && (ap->cfg->wpa & WPA_PROTO_RSN))
		ie = rsn;
	else if (wpa && (ap->cfg->wpa & WPA_PROTO_WPA))
		ie = wpa;
	else if (rsn || wpa)
		ie = rsn ? rsn : wpa;
	if (!ie) {
		log_info(TAG, "%s: STA %s: no WPA/RSN element in association request",
			 ap->ifname, mac);
		return MGMT_STATUS_INVALID_IE;
	}
	fill_policy(ap->cfg, &pol);
	if (hs_ap_policy_check_assoc(&pol, ie, (size_t)ie[1] + 2, &sec, &status, &why)) {
		log_info(TAG, "%s: STA %s: association rejected: %s (status %u)", ap->ifname,
			 mac, why, status);
		return status ? status : MGMT_STATUS_INVALID_IE;
	}
	s->proto = sec.proto;
	s->pairwise = sec.pairwise;
	s->akm = sec.akm;
	s->pmf = sec.pmf;
	/* SAE: the PMK of a cached PMKSA or of the SAE just done (12.6.10.3) */
	if (sec.akm == WPA_AKM_SAE) {
		status = ap_wpa3_assoc_pmk(ap, s, &sec);
		if (status)
			return status;
	}
	memcpy(s->assoc_ie, ie, (size_t)ie[1] + 2);
	s->assoc_ie_len = (size_t)ie[1] + 2;
	return MGMT_STATUS_SUCCESS;
}

static void send_assoc_resp(struct ap *ap, struct ap_sta *s, bool reassoc, uint16_t status)
{
	uint8_t buf[256], ies[64], rates[AP_RATES_MAX];
	size_t nrates = ap_rates(ap->cfg, rates);
	struct wbuf w, wi;
	uint64_t cookie = 0;

	wbuf_init(&wi, ies, sizeof(ies));
	mgmt_put_rates(&wi, rates, nrates);
	/* 9.3.3.6: status 30 carries the association comeback time */
	if (status == MGMT_STATUS_ASSOC_REJECTED_TEMPORARILY)
		ap_pmf_put_comeback(ap, &wi);
	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_assoc_resp(&w, reassoc, s->addr, ap->bssid, ap->bssid, ap->beacon.capab,
			      status, status == MGMT_STATUS_SUCCESS ? s->aid : 0, ies,
			      wbuf_ok(&wi) ? wi.len : 0);
	if (ap_send_mgmt(ap, &w, &cookie) == 0 && status == MGMT_STATUS_SUCCESS) {
		s->assoc_resp_cookie = cookie;
		s->assoc_resp_pending = true;
	}
}

static int sta_to_kernel(struct ap *ap, struct ap_sta *s)
{
	struct drv_sta_params p;
	char mac[18];
	int ret;

	if (s->in_kernel) {
		drv_sta_remove(ap->drv, s->addr);
		s->in_kernel = false;
	}
	memset(&p, 0, sizeof(p));
	p.addr = s->addr;
	p.aid = s->aid;
	p.capab = s->capab;
	p.listen_interval = s->listen_interval;
	p.supp_rates = s->rates;
	p.n_supp_rates = s->n_rates;
	p.flags = DRV_STA_AUTHENTICATED | DRV_STA_ASSOCIATED;
	if (s->capab & MGMT_CAPAB_SHORT_PREAMBLE)
		p.flags |= DRV_STA_SHORT_PREAMBLE;
	if (s->pmf)
		p.flags |= DRV_STA_MFP;	/* mac80211 protects robust frames */
	ret = drv_sta_add(ap->drv, &p);
	if (ret) {
		log_err(TAG, "%s: STA %s: cannot add station to the driver: %s", ap->ifname,
			mac_str(s->addr, mac), strerror(-ret));
		return ret;
	}
	s->in_kernel = true;
	return 0;
}

static void handle_assoc(struct ap *ap, const struct mgmt_frame *f, bool reassoc)
{
	struct ap_sta *s = ap_sta_find(&ap->stas, f->sa);
	const uint8_t *ssid;
	size_t ssid_len;
	uint16_t status;
	char mac[18];

	mac_str(f->sa, mac);
	if (!s) {
		/* Class 2 frame from an unauthenticated STA (11.3.3). */
		log_info(TAG, "%s: STA %s: %sassociation without authentication", ap->ifname,
			 mac, reassoc ? "re" : "");
		ap_send_deauth(ap, f->sa, MGMT_REASON_CLASS2_FRAME_FROM_NONAUTH, false);
		return;
	}
	if (ap_pmf_comeback(ap, s, reassoc, &status)) {
		send_assoc_resp(ap, s, reassoc, status);
		return;
	}
	if (ap_sta_is_associated(s)) {
		/* Reassociation of a known station: restart cleanly. */
		log_info(TAG, "%s: STA %s: %sassociation while %s: restarting", ap->ifname, mac,
			 reassoc ? "re" : "", ap_sta_state_name(s->state));
		ap_sta_teardown(ap, s);
		ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHENTICATED);
	}
	if (ap_countermeasures_active(ap)) {
		/* 12.5.2.4.1: no new associations for 60 s */
		log_info(TAG, "%s: STA %s: %sassociation refused (TKIP countermeasures)",
			 ap->ifname, mac, reassoc ? "re" : "");
		status = MGMT_STATUS_UNSPECIFIED;
		goto reject;
	}
	s->reassoc = reassoc;
	/* The Current AP address of a Reassociation Request (9.3.3.7) names the
	 * BSS the STA comes from: the first suspect when its msg 2/4 MIC fails
	 * (a STA that derives the PTK with the old AA, as in the 2009 report). */
	s->has_prev_ap = reassoc && !mac_is_zero(f->current_ap) &&
			 !mac_equal(f->current_ap, ap->bssid);
	if (s->has_prev_ap)
		memcpy(s->prev_ap, f->current_ap, ETH_ALEN);
	s->capab = f->capab;
	s->listen_interval = f->listen_interval;

	if (!mgmt_ies_valid(f->ies, f->ies_len)) {
		status = MGMT_STATUS_INVALID_IE;
		log_info(TAG, "%s: STA %s: malformed elements in association request",
			 ap->ifname, mac);
		goto reject;
	}
	if (mgmt_get_ssid(f->ies, f->ies_len, &ssid, &ssid_len) ||
	    ssid_len != ap->cfg->ssid_len || memcmp(ssid, ap->cfg->ssid, ssid_len)) {
		status = MGMT_STATUS_UNSPECIFIED;
		log_info(TAG, "%s: STA %s: association request for another SSID", ap->ifname, mac);
		goto reject;
	}
	if (!get_rates(s, f->ies, f->ies_len)) {
		status = MGMT_STATUS_ASSOC_DENIED_RATES;
		log_info(TAG, "%s: STA %s: no supported rates", ap->ifname, mac);
		goto reject;
	}
	status = check_assoc_security(ap, s, f->ies, f->ies_len);
	if (status != MGMT_STATUS_SUCCESS)
		goto reject;
	s->aid = ap_aid_alloc(&ap->stas);
	if (!s->aid) {
		status = MGMT_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA;
		log_info(TAG, "%s: STA %s: no free AID", ap->ifname, mac);
		goto reject;
	}
	ap_sta_enter_state(&ap->stas, s, AP_STA_ASSOCIATED);
	if (sta_to_kernel(ap, s)) {
		status = MGMT_STATUS_UNSPECIFIED;
		ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHENTICATED);
		goto reject;
	}
	s->t_assoc_us = now_us(ap);
	s->t_done_us = 0;
	s->t_ptk_us = 0;
	log_info(TAG, "%s: STA %s IEEE 802.11: %sassociated (aid %u)", ap->ifname, mac,
		 reassoc ? "re" : "", s->aid);
	send_assoc_resp(ap, s, reassoc, MGMT_STATUS_SUCCESS);
	ap_event(ap, "AP-STA-ASSOCIATED", "sta=%s aid=%u reassoc=%d key_mgmt=%s pmf=%d "
		 "proto=%s pairwise=%s", mac, s->aid, reassoc,
		 s->akm ? wpa_akm_conf_name(s->akm) : "NONE", s->pmf, ie_proto_name(s->proto),
		 s->pairwise ? wpa_cipher_name(s->pairwise) : "NONE");
	return;
reject:
	send_assoc_resp(ap, s, reassoc, status);
}

static void handle_deauth(struct ap *ap, const struct mgmt_frame *f, bool disassoc)
{
	struct ap_sta *s = ap_sta_find(&ap->stas, f->sa);
	char mac[18];

	if (!s)
		return;
	log_info(TAG, "%s: STA %s IEEE 802.11: %s (reason %u: %s)", ap->ifname,
		 mac_str(f->sa, mac), disassoc ? "disassociated" : "deauthenticated",
		 f->reason, mgmt_reason_str(f->reason));
	ap_event(ap, "AP-STA-LEFT", "sta=%s reason=%u by=sta frame=%s", mac, f->reason,
		 disassoc ? "disassoc" : "deauth");
	ap_sta_teardown(ap, s);
	if (disassoc) {
		ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHENTICATED);
	} else {
		ap_sta_del(&ap->stas, s);
	}
}

void ap_rx_mgmt(void *ctx, const uint8_t *frame, size_t len, uint32_t freq,
		int32_t signal_mbm)
{
	struct ap *ap = ctx;
	struct mgmt_frame f;

	if (!ap->enabled || mgmt_parse_rx(frame, len, &f))
		return;
	/* Frames for another BSS (except probe requests, which may be
	 * broadcast) are not ours. */
	if (f.subtype != MGMT_PROBE_REQ && !mac_equal(f.bssid, ap->bssid))
		return;
	switch (f.subtype) {
	case MGMT_PROBE_REQ:
		handle_probe_req(ap, &f);
		break;
	case MGMT_AUTH:
		handle_auth(ap, &f);
		break;
	case MGMT_ASSOC_REQ:
		handle_assoc(ap, &f, false);
		break;
	case MGMT_REASSOC_REQ:
		handle_assoc(ap, &f, true);
		break;
	case MGMT_DISASSOC:
		handle_deauth(ap, &f, true);
		break;
	case MGMT_DEAUTH:
		handle_deauth(ap, &f, false);
		break;
	case MGMT_ACTION:
		ap_pmf_rx_action(ap, &f);
		break;
	case MGMT_ASSOC_RESP:
	case MGMT_REASSOC_RESP:
	case MGMT_PROBE_RESP:
	case MGMT_TIMING_ADV:
	case MGMT_RESERVED7:
	case MGMT_BEACON:
	case MGMT_ATIM:
	case MGMT_ACTION_NOACK:
	case MGMT_RESERVED15:
		break;
	}
}

static struct hs_config *sta_hs_config(struct ap *ap, struct ap_sta *s)
{
	struct ap_config *c = ap->cfg;
	struct hs_config *cfg = calloc(1, sizeof(*cfg));
	size_t n;

	if (!cfg)
		return NULL;
	hs_config_init(cfg, HS_ROLE_AUTHENTICATOR);
	cfg->proto = s->proto;
	cfg->pairwise_cipher = s->pairwise;
	cfg->akm = s->akm;
	cfg->pmf = s->pmf;
	cfg->group_cipher = wpa_cipher_supported(c->group_cipher);
	if (s->akm == WPA_AKM_SAE)
		memcpy(cfg->pmk, s->pmk, PMK_LEN);
	else
		memcpy(cfg->pmk, c->psks[0].psk, PMK_LEN);
	memcpy(cfg->aa, ap->bssid, ETH_ALEN);
	memcpy(cfg->spa, s->addr, ETH_ALEN);
	if (s->proto == IE_PROTO_RSN) {
		/* msg 3/4 carries the RSNE and the RSNXE of the Beacon (12.7.6.4) */
		memcpy(cfg->own_ie, ap->beacon.rsn_ie, ap->beacon.rsn_ie_len);
		cfg->own_ie_len = ap->beacon.rsn_ie_len;
		memcpy(cfg->own_ie + cfg->own_ie_len, ap->beacon.rsnxe, ap->beacon.rsnxe_len);
		cfg->own_ie_len += ap->beacon.rsnxe_len;
	} else {
		memcpy(cfg->own_ie, ap->beacon.wpa_ie, ap->beacon.wpa_ie_len);
		cfg->own_ie_len = ap->beacon.wpa_ie_len;
	}
	memcpy(cfg->peer_ie, s->assoc_ie, s->assoc_ie_len);
	cfg->peer_ie_len = s->assoc_ie_len;
	cfg->eapol_version = (uint8_t)c->eapol_version;
	cfg->timeouts.pairwise_first_ms = c->eapol_timeout_first_ms;
	cfg->timeouts.pairwise_ms = c->eapol_timeout_ms;
	cfg->timeouts.group_first_ms = c->eapol_timeout_group_ms;
	cfg->timeouts.pairwise_tries = c->pairwise_update_count;
	cfg->timeouts.group_tries = c->group_update_count;
	cfg->timeouts.g1_after_ptk_us = AP_G1_AFTER_PTK_US;
	n = 0;
	for (size_t i = 1; i < c->n_psks && n < HS_MAX_ALT; i++, n++) {
		memcpy(cfg->alt_pmk[n], c->psks[i].psk, PMK_LEN);
		snprintf(cfg->alt_pmk_label[n], sizeof(cfg->alt_pmk_label[n]), "%s at line %d",
			 c->psks[i].key, c->psks[i].line);
	}
	cfg->n_alt_pmk = n;
	if (s->has_prev_ap) {
		memcpy(cfg->alt_bssid[0], s->prev_ap, ETH_ALEN);
		cfg->n_alt_bssid = 1;
	}
	return cfg;
}

static void free_hs_config(struct hs_config *cfg)
{
	if (!cfg)
		return;
	secure_zero(cfg, sizeof(*cfg));
	free(cfg);
}

/* The association response was acknowledged: the station is ours. */
static void sta_assoc_acked(struct ap *ap, struct ap_sta *s)
{
	struct hs_config *cfg;
	char mac[18];
	int ret;

	mac_str(s->addr, mac);
	if (ap->l2_fd >= 0) {
		ret = ap_l2_send_update(ap->l2_fd, s->addr);
		if (ret)
			log_warn(TAG, "STA %s: cannot send L2 update frame: %s", mac, strerror(-ret));
		else
			log_dbg(TAG, "STA %s: sent L2 update frame", mac);
	}
	if (!ap->cfg->wpa) {
		ap_sta_authorized(ap, s);
		ap_sta_handshake_done(ap, s);
		return;
	}
	cfg = sta_hs_config(ap, s);
	if (!cfg) {
		ap_deauth_sta(ap, s->addr, MGMT_REASON_UNSPECIFIED, false);
		return;
	}
	ap_sta_enter_state(&ap->stas, s, AP_STA_HANDSHAKE);
	if (s->hs) {
		ret = hs_auth_start(s->hs, cfg);
	} else {
		s->hs = hs_auth_new(ap->loop, ap->group, cfg, &ap->hs_ops, ap);
		if (s->hs)
			hs_auth_use_faults(s->hs, &ap->faults);
		ret = s->hs ? hs_auth_start(s->hs, NULL) : -ENOMEM;
	}
	free_hs_config(cfg);
	if (ret) {
		log_err(TAG, "STA %s: cannot start the 4-way handshake: %s", mac, strerror(-ret));
		ap_deauth_sta(ap, s->addr, MGMT_REASON_UNSPECIFIED, false);
	}
}

void ap_tx_status(void *ctx, uint64_t cookie, const uint8_t *frame, size_t len, bool ack)
{
	struct ap *ap = ctx;
	char mac[18];

	for (struct ap_sta *s = ap->stas.head; s; s = s->next) {
		if (!s->assoc_resp_pending || s->assoc_resp_cookie != cookie)
			continue;
		s->assoc_resp_pending = false;
		if (s->state != AP_STA_ASSOCIATED)
			return;
		if (!ack) {
			log_info(TAG, "%s: STA %s: association response not acknowledged",
				 ap->ifname, mac_str(s->addr, mac));
			ap_sta_teardown(ap, s);
			ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHENTICATED);
			return;
		}
		sta_assoc_acked(ap, s);
		return;
	}
}

void ap_del_station(void *ctx, const uint8_t addr[ETH_ALEN])
{
	struct ap *ap = ctx;
	struct ap_sta *s = ap_sta_find(&ap->stas, addr);
	char mac[18];

	if (!s || !s->in_kernel)
		return;
	log_info(TAG, "%s: STA %s removed by the driver", ap->ifname, mac_str(addr, mac));
	s->in_kernel = false;
	ap_event(ap, "AP-STA-LEFT", "sta=%s reason=0 by=driver", mac);
	ap_sta_teardown(ap, s);
	ap_sta_del(&ap->stas, s);
}

/* ---- faults ------------------------------------------------------------------- */

/* Every station's handshake and the group read ap->faults itself (see
 * hs_auth_use_faults), so a change takes effect at the next message. */
int ap_set_fault(struct ap *ap, const char *spec, char *err, size_t errlen)
{
	char desc[256];
	int ret = hs_fault_apply(&ap->faults, HS_ROLE_AUTHENTICATOR, spec, err, errlen);

	if (ret)
		return ret;
	log_info(TAG, "faults now: %s", hs_fault_list(&ap->faults, desc, sizeof(desc)));
	return 0;
}

/* ---- inactivity ------------------------------------------------------------------ */

static void inactivity_poll(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct ap *ap = ctx;
	struct ap_sta *s, *next;
	uint64_t limit_ms = ap->cfg->ap_max_inactivity * 1000ULL;

	ap->inact_timer = NULL;
	for (s = ap->stas.head; s; s = next) {
		struct drv_sta_info info;
		char mac[18];

		next = s->next;
		if (!s->in_kernel || drv_get_station(ap->drv, s->addr, &info))
			continue;
		if (info.inactive_ms > limit_ms) {
			log_info(TAG, "%s: STA %s: inactive for %u ms", ap->ifname,
				 mac_str(s->addr, mac), info.inactive_ms);
			ap_deauth_sta(ap, s->addr, MGMT_REASON_DISASSOC_INACTIVITY, false);
		}
	}
	ap->inact_timer = loop_timer_add(ap->loop, AP_INACTIVITY_POLL_US, inactivity_poll, ap);
}

/* ---- lifecycle --------------------------------------------------------------------- */

static const struct drv_events ap_drv_events = {
	.rx_mgmt = ap_rx_mgmt,
	.tx_status = ap_tx_status,
	.eapol_rx = ap_eapol_rx,
	.mic_failure = ap_mic_failure,
	.del_station = ap_del_station,
};

/* Every station state change, as one event. */
static void sta_state_event(void *ctx, const struct ap_sta *s, enum ap_sta_state old)
{
	char mac[18];

	ap_event(ctx, "AP-STA-STATE", "sta=%s old=%s new=%s aid=%u", mac_str(s->addr, mac),
		 ap_sta_state_name(old), ap_sta_state_name(s->state), s->aid);
}

struct ap *ap_new(struct loop *l, struct ap_config *cfg, const struct drv_ops *ops)
{
	struct ap *ap = calloc(1, sizeof(*ap));

	if (!ap) {
		ap_config_free(cfg);
		return NULL;
	}
	ap->loop = l;
	ap->cfg = cfg;
	ap->drv_ops = ops;
	ap->faults = cfg->faults;
	ap->l2_fd = -1;
	snprintf(ap->ifname, sizeof(ap->ifname), "%s", cfg->interface);
	ap_sta_table_init(&ap->stas, (size_t)cfg->max_num_sta);
	ap->stas.state_cb = sta_state_event;
	ap->stas.state_ctx = ap;
	ap_init_hs_ops(&ap->hs_ops);
	return ap;
}

static int check_capa(struct ap *ap)
{
	uint32_t need = wpa_cipher_supported(ap->cfg->wpa_pairwise | ap->cfg->rsn_pairwise |
					  ap->cfg->group_cipher);
	int ret = drv_get_capa(ap->drv, &ap->capa);

	if (ret) {
		log_err(TAG, "%s: cannot read driver capabilities: %s", ap->ifname, strerror(-ret));
		return ret;
	}
	if (!(ap->capa.iftypes & DRV_IFTYPE_BIT(DRV_IFTYPE_AP))) {
		log_err(TAG, "%s: driver does not support AP mode", ap->capa.phy_name);
		return -EOPNOTSUPP;
	}
	if (ap->cfg->wpa && (ap->capa.ciphers & need) != need) {
		log_err(TAG, "%s: driver does not support cipher %s", ap->capa.phy_name,
			(need & ~ap->capa.ciphers) & WPA_CIPHER_TKIP ?
			"TKIP" : "CCMP");
		return -EOPNOTSUPP;
	}
	if (ap->capa.ap_sme)
		log_warn(TAG, "%s: driver has its own AP SME; roamlab-ap handles auth/assoc itself",
			 ap->capa.phy_name);
	return 0;
}

static void fill_ap_params(struct ap *ap, struct drv_ap_params *p)
{
	const struct ap_config *c = ap->cfg;

	memset(p, 0, sizeof(*p));
	p->head = ap->beacon.head;
	p->head_len = ap->beacon.head_len;
	p->tail = ap->beacon.tail;
	p->tail_len = ap->beacon.tail_len;
	p->beacon_int = (uint16_t)c->beacon_int;
	p->dtim_period = (uint8_t)c->dtim_period;
	p->ssid = c->ssid;
	p->ssid_len = c->ssid_len;
	p->hidden = c->ignore_broadcast_ssid == 1 ? DRV_HIDDEN_SSID_ZERO_LEN :
		    c->ignore_broadcast_ssid == 2 ? DRV_HIDDEN_SSID_ZERO_CONTENTS :
		    DRV_HIDDEN_SSID_NOT_IN_USE;
	p->freq = (uint32_t)c->freq_mhz;
	p->privacy = c->wpa != 0;
	if (c->wpa) {
		p->wpa_versions = ((c->wpa & WPA_PROTO_WPA) ? WPA_PROTO_WPA : 0) |
				  ((c->wpa & WPA_PROTO_RSN) ? WPA_PROTO_RSN : 0);
		p->pairwise_ciphers = wpa_cipher_supported(
			((c->wpa & WPA_PROTO_WPA) ? c->wpa_pairwise : 0) |
			((c->wpa & WPA_PROTO_RSN) ? c->rsn_pairwise : 0));
		p->group_cipher = wpa_cipher_pick(wpa_cipher_supported(c->group_cipher));
		p->akm = c->wpa_key_mgmt ? c->wpa_key_mgmt : WPA_AKM_PSK;
	}
	/* Not given to the kernel: nl80211 refuses START_AP with
	 * NL80211_ATTR_INACTIVITY_TIMEOUT (EOPNOTSUPP) unless the wiphy has
	 * NL80211_FEATURE_INACTIVITY_TIMER, which mac80211 drivers lack, and
	 * we poll inactivity ourselves (inactivity_poll). */
	p->inactivity_timeout = 0;
}

static int start_group(struct ap *ap)
{
	struct hs_group_config gc;

	if (!ap->cfg->wpa)
		return 0;
	memset(&gc, 0, sizeof(gc));
	gc.group_cipher = wpa_cipher_supported(ap->cfg->group_cipher);
	memcpy(gc.aa, ap->bssid, ETH_ALEN);
	gc.eapol_version = (uint8_t)ap->cfg->eapol_version;
	hs_timeouts_default(&gc.timeouts);
	gc.timeouts.group_first_ms = ap->cfg->eapol_timeout_group_ms;
	gc.timeouts.group_tries = ap->cfg->group_update_count;
	gc.rekey_interval_s = ap->cfg->wpa_group_rekey;
	if (ap->cfg->ieee80211w && (ap->cfg->wpa & WPA_PROTO_RSN))
		gc.group_mgmt_cipher = ap->cfg->group_mgmt_cipher;
	ap->group = hs_group_new(ap->loop, &gc, &ap->hs_ops, ap);
	if (!ap->group) {
		log_err(TAG, "%s: cannot set up the group key", ap->ifname);
		return -EIO;
	}
	hs_group_use_faults(ap->group, &ap->faults);
	return 0;
}

int ap_enable(struct ap *ap)
{
	static const struct drv_frame_match frames[] = {
		{ .subtype = MGMT_AUTH },
		{ .subtype = MGMT_ASSOC_REQ },
		{ .subtype = MGMT_REASSOC_REQ },
		{ .subtype = MGMT_PROBE_REQ },
		{ .subtype = MGMT_DISASSOC },
		{ .subtype = MGMT_DEAUTH },
		{ .subtype = MGMT_ACTION },
	};
	struct drv_ap_params p;
	char pw[16], gr[16];
	int ret;

	if (ap->enabled)
		return 0;
	ret = ap_beacon_build(ap->cfg, ap->bssid, &ap->beacon);
	if (ret) {
		log_err(TAG, "%s: cannot build the beacon: %s", ap->ifname, strerror(-ret));
		return ret;
	}
	/* Once per driver session: nl80211 answers EALREADY to a second
	 * registration (after DISABLE/ENABLE). */
	ret = ap->frames_registered ? 0 : drv_register_frames(ap->drv, frames, ARRAY_SIZE(frames));
	if (ret && ret != -EALREADY) {
		log_err(TAG, "%s: cannot register for management frames: %s", ap->ifname,
			strerror(-ret));
		return ret;
	}
	ap->frames_registered = true;
	fill_ap_params(ap, &p);
	ret = drv_start_ap(ap->drv, &p);
	if (ret) {
		log_err(TAG, "%s: cannot start the AP: %s", ap->ifname, strerror(-ret));
		return ret;
	}
	ap->enabled = true;
	ret = ap_wpa3_start(ap);
	if (!ret)
		ret = start_group(ap);
	if (ret) {
		drv_stop_ap(ap->drv);
		ap->enabled = false;
		return ret;
	}
	log_info(TAG, "%s: beaconing: ssid '%.*s' bssid " MAC_FMT " channel %d (%d MHz) wpa=%d wpa_pairwise %s rsn_pairwise %s group %s",
		 ap->ifname, (int)ap->cfg->ssid_len, (const char *)ap->cfg->ssid,
		 MAC_ARG(ap->bssid), ap->cfg->channel, ap->cfg->freq_mhz, ap->cfg->wpa,
		 (ap->cfg->wpa & WPA_PROTO_WPA) ?
		 ap_cipher_str(ap->cfg->wpa_pairwise, pw, sizeof(pw)) : "-",
		 (ap->cfg->wpa & WPA_PROTO_RSN) ?
		 ap_cipher_str(ap->cfg->rsn_pairwise, gr, sizeof(gr)) : "-",
		 ap->cfg->wpa ? wpa_cipher_name(wpa_cipher_supported(ap->cfg->group_cipher)) : "none");
	ap_event_text(ap, "AP-ENABLED");
	ap_event(ap, "AP-ENABLED", "bssid=" MAC_FMT " freq=%d", MAC_ARG(ap->bssid),
		 ap->cfg->freq_mhz);
	return 0;
}

/* Only the indexes we installed: the kernel answers ENOENT for others. */
static void delete_group_keys(struct ap *ap)
{
	for (int idx = 0; idx < 8; idx++)
		if (ap->gtk_installed & (1u << idx))
			drv_del_key(ap->drv, NULL, idx);
	ap->gtk_installed = 0;
}

void ap_disable(struct ap *ap)
{
	static const uint8_t bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (!ap->enabled)
		return;
	/* countermeasures' own deauth-all and new GTK: no station or group left */
	if (ap->cm_act_timer) {
		loop_timer_cancel(ap->loop, ap->cm_act_timer);
		ap->cm_act_timer = NULL;
	}
	log_info(TAG, "%s: deauthenticating all stations", ap->ifname);
	while (ap->stas.head) {
		struct ap_sta *s = ap->stas.head;

		if (ap_sta_is_associated(s))
			ap_deauth_sta(ap, s->addr, MGMT_REASON_DEAUTH_LEAVING, false);
		else {
			ap_sta_teardown(ap, s);
			ap_sta_del(&ap->stas, s);
		}
	}
	ap_send_deauth(ap, bcast, MGMT_REASON_DEAUTH_LEAVING, false);
	if (ap->group) {
		hs_group_free(ap->group);
		ap->group = NULL;
	}
	delete_group_keys(ap);
	drv_stop_ap(ap->drv);
	ap->enabled = false;
	ap_event_text(ap, "AP-DISABLED");
	ap_event(ap, "AP-DISABLED", NULL);
}

int ap_start(struct ap *ap)
{
	struct drv_ifinfo info;
	int ret;

	ap->drv = drv_open(ap->drv_ops, ap->loop, ap->cfg->interface, &ap_drv_events, ap);
	if (!ap->drv)
		return -ENODEV;
	ret = check_capa(ap);
	if (ret)
		return ret;
	ret = drv_set_iftype(ap->drv, DRV_IFTYPE_AP);
	if (ret) {
		log_err(TAG, "%s: cannot switch to AP mode: %s", ap->ifname, strerror(-ret));
		return ret;
	}
	ret = drv_set_up(ap->drv, true);
	if (ret) {
		log_err(TAG, "%s: cannot bring the interface up: %s", ap->ifname, strerror(-ret));
		return ret;
	}
	ret = drv_get_info(ap->drv, &info);
	if (ret) {
		log_err(TAG, "%s: cannot read the interface address: %s", ap->ifname,
			strerror(-ret));
		return ret;
	}
	memcpy(ap->bssid, info.mac, ETH_ALEN);
	if (ap->cfg->bridge[0]) {
		ret = ap_l2_bridge_add(ap->cfg->bridge, ap->ifname);
		if (ret)
			return ret;
		ap->bridged = true;
	}
	ret = ap_l2_open(ap->cfg->bridge[0] ? ap->cfg->bridge : ap->ifname);
	if (ret < 0)
		log_warn(TAG, "%s: no L2 update frames: %s", ap->ifname, strerror(-ret));
	else
		ap->l2_fd = ret;
	ret = ap_enable(ap);
	if (ret)
		return ret;
	if (ap->cfg->ctrl_interface[0]) {
		ap->ctrl = ctrl_server_new(ap->loop, ap->cfg->ctrl_interface, ap->ifname,
					   ap_ctrl_cmds, ap_ctrl_ncmds, ap);
		if (!ap->ctrl)
			return -EIO;
	}
	if (ap->cfg->ap_max_inactivity)
		ap->inact_timer = loop_timer_add(ap->loop, AP_INACTIVITY_POLL_US,
						 inactivity_poll, ap);
	return 0;
}

void ap_stop(struct ap *ap)
{
	if (ap->drv)
		ap_disable(ap);
	if (ap->inact_timer) {
		loop_timer_cancel(ap->loop, ap->inact_timer);
		ap->inact_timer = NULL;
	}
	if (ap->cm_timer) {
		loop_timer_cancel(ap->loop, ap->cm_timer);
		ap->cm_timer = NULL;
	}
	if (ap->cm_act_timer) {
		loop_timer_cancel(ap->loop, ap->cm_act_timer);
		ap->cm_act_timer = NULL;
	}
	if (ap->ctrl) {
		ctrl_server_free(ap->ctrl);
		ap->ctrl = NULL;
	}
	if (ap->l2_fd >= 0) {
		close(ap->l2_fd);
		ap->l2_fd = -1;
	}
	if (ap->bridged) {
		ap_l2_bridge_del(ap->cfg->bridge, ap->ifname);
		ap->bridged = false;
	}
	if (ap->drv) {
		drv_close(ap->drv);
		ap->drv = NULL;
	}
	ap->frames_registered = false;
}

void ap_free(struct ap *ap)
{
	if (!ap)
		return;
	ap_stop(ap);
	while (ap->stas.head) {
		struct ap_sta *s = ap->stas.head;

		ap_sta_teardown(ap, s);
		ap_sta_del(&ap->stas, s);
	}
	ap_wpa3_stop(ap);
	ap_config_free(ap->cfg);
	secure_zero(ap, sizeof(*ap));
	free(ap);
}
