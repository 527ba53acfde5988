// SPDX-License-Identifier: MIT
/* wpa3.c: roamlab-ap's WPA3-Personal (see ap_wpa3.h): SAE over the
 * Authentication frames the AP receives through its registered management
 * frames (802.11-2020 12.4, algorithm 3), one common/sae.c instance per
 * station sharing the AP's anti-clogging state (12.4.6), and the PMKSA
 * cache (12.6.10.3) filled by every accepted SAE. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ap.h"
#include "ap_wpa3.h"
#include "buf.h"
#include "crypto.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "sae.h"
#include "util.h"

#define TAG "ap"
#define STATUS_INVALID_PMKID	53	/* 9.4.1.9 Table 9-50 */

static uint64_t now_us(struct ap *ap)
{
	return loop_now_us(ap->loop);
}

int ap_wpa3_start(struct ap *ap)
{
	if (!(ap->cfg->wpa_key_mgmt & WPA_AKM_SAE) || ap->sae_ac)
		return 0;
	ap->sae_ac = sae_ac_new(ap->cfg->sae_anti_clogging_threshold, NULL, NULL);
	return ap->sae_ac ? 0 : -ENOMEM;
}

void ap_wpa3_stop(struct ap *ap)
{
	sae_ac_free(ap->sae_ac);
	ap->sae_ac = NULL;
	secure_zero(ap->pmksa, sizeof(ap->pmksa));
}

void ap_wpa3_sta_free(struct ap_sta *s)
{
	sae_free(s->sae);
	s->sae = NULL;
}

/* --- the PMKSA cache ------------------------------------------------------ */

static void pmksa_add(struct ap *ap, const uint8_t *addr, const uint8_t *pmkid,
		      const uint8_t *pmk, uint32_t akm)
{
	struct ap_pmksa *e = NULL;
	uint64_t now = now_us(ap);

	/* one entry per station (hostapd keeps the newest) */
	for (size_t i = 0; i < AP_PMKSA_MAX && !e; i++)
		if (ap->pmksa[i].expires_us && mac_equal(ap->pmksa[i].addr, addr))
			e = &ap->pmksa[i];
	for (size_t i = 0; i < AP_PMKSA_MAX && !e; i++)
		if (ap->pmksa[i].expires_us <= now)
			e = &ap->pmksa[i];
	if (!e) {	/* full: the one that expires first goes */
		e = &ap->pmksa[0];
		for (size_t i = 1; i < AP_PMKSA_MAX; i++)
			if (ap->pmksa[i].expires_us < e->expires_us)
				e = &ap->pmksa[i];
	}
	memcpy(e->addr, addr, 6);
	memcpy(e->pmkid, pmkid, sizeof(e->pmkid));
	memcpy(e->pmk, pmk, sizeof(e->pmk));
	e->akm = akm;
	e->expires_us = now + AP_PMKSA_LIFETIME_US;
}

static const struct ap_pmksa *pmksa_find(struct ap *ap, const uint8_t *addr,
					 const uint8_t *pmkid, uint32_t akm)
{
	uint64_t now = now_us(ap);

	for (size_t i = 0; i < AP_PMKSA_MAX; i++) {
		const struct ap_pmksa *e = &ap->pmksa[i];

		if (e->expires_us > now && e->akm == akm && mac_equal(e->addr, addr) &&
		    !memcmp(e->pmkid, pmkid, sizeof(e->pmkid)))
			return e;
	}
	return NULL;
}

void ap_pmksa_flush(struct ap *ap, const uint8_t *addr)
{
	for (size_t i = 0; i < AP_PMKSA_MAX; i++)
		if (!addr || mac_equal(ap->pmksa[i].addr, addr))
			secure_zero(&ap->pmksa[i], sizeof(ap->pmksa[i]));
}

uint16_t ap_wpa3_assoc_pmk(struct ap *ap, struct ap_sta *s, const struct hs_assoc_sec *sec)
{
	char mac[18];

	mac_str(s->addr, mac);
	if (ap->faults.pmksa_stale && sec->pmkid_count) {
		ap_pmksa_flush(ap, s->addr);
		log_info(TAG, "%s: STA %s: fault %s: its cached PMKSA forgotten", ap->ifname,
			 mac, hs_fault_name(HS_FAULT_PMKSA_STALE));
		ap_event(ap, "AP-FAULT", "sta=%s fault=%s msg=-", mac,
			 hs_fault_name(HS_FAULT_PMKSA_STALE));
	}
	for (size_t i = 0; i < sec->pmkid_count && i < WPA_IE_MAX_PMKID; i++) {
		const struct ap_pmksa *e = pmksa_find(ap, s->addr, sec->pmkid[i], sec->akm);

		if (!e)
			continue;
		memcpy(s->pmk, e->pmk, sizeof(s->pmk));
		log_info(TAG, "%s: STA %s: PMKSA cache hit (PMKID %02x%02x%02x%02x...)",
			 ap->ifname, mac, e->pmkid[0], e->pmkid[1], e->pmkid[2], e->pmkid[3]);
		ap_event(ap, "AP-PMKSA-CACHE-USED", "sta=%s", mac);
		return 0;
	}
	if (s->sae && sae_state(s->sae) == SAE_STATE_ACCEPTED &&
	    !sae_get_pmk(s->sae, s->pmk, NULL))
		return 0;
	/* 12.6.10.3: no PMKSA for the PMKIDs, no SAE: the station must run
	 * SAE (hostapd: "SAE: No PMKSA cache entry found") */
	log_info(TAG, "%s: STA %s: SAE association without SAE and without a cached "
		 "PMKSA for its PMKID%s: status %u", ap->ifname, mac,
		 sec->pmkid_count ? "" : " (none given)", STATUS_INVALID_PMKID);
	if (sec->pmkid_count)
		log_info(TAG, "%s: STA %s: diagnosis: stale PMKSA: the station names a PMKID "
			 "this AP does not have (expired, flushed, or made with another AP)",
			 ap->ifname, mac);
	ap_event(ap, "AP-PMKSA-CACHE-MISS", "sta=%s pmkids=%zu", mac, sec->pmkid_count);
	return STATUS_INVALID_PMKID;
}

/* --- SAE ------------------------------------------------------------------ */

/* sae_ops.tx: the body from the algorithm field on, in an Authentication
 * frame to the station. */
static int sae_tx(void *ctx, const uint8_t *peer, const uint8_t *body, size_t len)
{
	struct ap_sta *s = ctx;
	struct ap *ap = s->owner;
	uint8_t buf[SAE_BODY_MAX + 64];
	struct wbuf w;

	if (len < 6)
		return -EINVAL;
	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, peer, ap->bssid, ap->bssid, get_le16(body), get_le16(body + 2),
			get_le16(body + 4), body + 6, len - 6);
	if (!wbuf_ok(&w))
		return -EMSGSIZE;
	return ap_send_mgmt(ap, &w, NULL);
}

/* The likely cause of a refused SAE frame, as for the seed's invalid MIC:
 * NULL when the reason names none. */
static const char *sae_diagnosis(enum sae_reason r)
{
	switch (r) {
	case SAE_R_CONFIRM_MISMATCH:
		return "password mismatch: the station's confirm does not verify, so its "
		       "password (or password identifier) differs from this AP's";
	case SAE_R_H2E_MISMATCH:
		return "PWE-method mismatch: hash-to-element against hunting-and-pecking "
		       "(compare sae_pwe on both sides)";
	case SAE_R_UNSUPPORTED_GROUP:
	case SAE_R_NO_GROUP:
		return "group mismatch: the station's SAE group is not in sae_groups";
	case SAE_R_REFLECTION:
		return "reflected commit: our own scalar and element came back";
	case SAE_R_PASSWORD_ID:
		return "unknown password identifier";
	case SAE_R_NONE:
	case SAE_R_MALFORMED:
	case SAE_R_BAD_SCALAR:
	case SAE_R_BAD_ELEMENT:
	case SAE_R_UNEXPECTED:
	case SAE_R_GROUP_MISMATCH:
	case SAE_R_TOKEN_REQUIRED:
	case SAE_R_STALE_CONFIRM:
	case SAE_R_REJECTED_GROUPS:
	case SAE_R_SYNC_LIMIT:
	case SAE_R_PEER_STATUS:
	case SAE_R_INTERNAL:
		break;
	}
	return NULL;
}

static void sae_event(void *ctx, const struct sae_event *ev)
{
	struct ap_sta *s = ctx;
	struct ap *ap = s->owner;
	uint8_t pmk[SAE_PMK_LEN], pmkid[SAE_PMKID_LEN];
	char mac[18];

	mac_str(s->addr, mac);
	switch (ev->type) {
	case SAE_EV_STATE:
		ap_event(ap, "AP-SAE-STATE", "sta=%s old=%s new=%s", mac, ev->old_name,
			 ev->new_name);
		if (ev->new_state != SAE_STATE_ACCEPTED)
			break;
		/* the keys are readable once the machine is in Accepted */
		if (sae_get_pmk(s->sae, pmk, pmkid)) {
			log_err(TAG, "%s: STA %s: SAE accepted without a PMK", ap->ifname, mac);
			break;
		}
		pmksa_add(ap, s->addr, pmkid, pmk, WPA_AKM_SAE);
		secure_zero(pmk, sizeof(pmk));
		log_info(TAG, "%s: STA %s: SAE authentication done (group %u)", ap->ifname,
			 mac, sae_group(s->sae));
		ap_event(ap, "AP-SAE-ACCEPTED", "sta=%s group=%u", mac, sae_group(s->sae));
		break;
	case SAE_EV_TX:
	case SAE_EV_RX:
		ap_event(ap, "AP-SAE-STEP", "sta=%s dir=%s msg=%s status=%u group=%u", mac,
			 ev->type == SAE_EV_TX ? "tx" : "rx", sae_msg_name(ev->msg),
			 ev->status, ev->group);
		break;
	case SAE_EV_DROPPED:
	case SAE_EV_FAILED:
		ap_event(ap, ev->type == SAE_EV_FAILED ? "AP-SAE-FAILED" : "AP-SAE-DROPPED",
			 "sta=%s msg=%s status=%u reason=%s", mac, sae_msg_name(ev->msg),
			 ev->status, sae_reason_name(ev->reason));
		if (sae_diagnosis(ev->reason)) {
			log_info(TAG, "%s: STA %s: SAE: diagnosis: %s", ap->ifname, mac,
				 sae_diagnosis(ev->reason));
			ap_event(ap, "AP-SAE-DIAGNOSIS", "sta=%s cause=%s text=\"%s\"", mac,
				 sae_reason_name(ev->reason), sae_diagnosis(ev->reason));
		}
		break;
	case SAE_EV_ACCEPTED:
	case SAE_EV_RETRY:
	case SAE_EV_GROUP:
		break;
	}
}

static const struct sae_ops ap_sae_ops = {
	.tx = sae_tx,
	.event = sae_event,
};

static void reply_status(struct ap *ap, const uint8_t *da, uint16_t seq, uint16_t status)
{
	uint8_t buf[64];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, da, ap->bssid, ap->bssid, SAE_AUTH_ALG, seq, status, NULL, 0);
	ap_send_mgmt(ap, &w, NULL);
}

/* A new instance for the commit f: the password its identifier names
 * (9.4.2.216; none: the one without an identifier), H2E as sae_pwe says
 * (2: as the commit is). 0 or the status to answer with. */
static uint16_t sae_instance(struct ap *ap, struct ap_sta *s, const struct sae_frame *f)
{
	const struct ap_config *c = ap->cfg;
	const struct ap_sae_password *pw = NULL;
	struct sae_config sc;
	int ret;

	for (size_t i = 0; i < c->n_sae_passwords && !pw; i++) {
		const struct ap_sae_password *p = &c->sae_passwords[i];
		size_t n = strlen(p->pwid);

		if (f->has_pwid ? n == f->pwid_len && !memcmp(p->pwid, f->pwid, n) : !n)
			pw = p;
	}
	if (!pw)
		return f->has_pwid ? SAE_STATUS_UNKNOWN_PASSWORD_ID : SAE_STATUS_UNSPECIFIED;
	sae_config_init(&sc);
	memcpy(sc.own_addr, ap->bssid, 6);
	memcpy(sc.peer_addr, s->addr, 6);
	ret = sae_config_set_password(&sc, pw->password);
	sc.h2e = c->sae_pwe == 1 || (c->sae_pwe == 2 && f->status == SAE_STATUS_HASH_TO_ELEMENT);
	memcpy(sc.ssid, c->ssid, c->ssid_len);
	sc.ssid_len = c->ssid_len;
	if (sc.h2e && pw->pwid[0]) {
		sc.pwid_len = strlen(pw->pwid);
		memcpy(sc.pwid, pw->pwid, sc.pwid_len);
	}
	for (size_t i = 0; i < c->n_sae_groups && i < SAE_MAX_GROUPS; i++)
		sc.groups[i] = c->sae_groups[i];
	sc.n_groups = c->n_sae_groups;
	sc.ac = ap->sae_ac;
	s->owner = ap;
	s->sae = ret ? NULL : sae_new(ap->loop, &sc, &ap_sae_ops, s);
	secure_zero(&sc, sizeof(sc));
	return s->sae ? 0 : SAE_STATUS_UNSPECIFIED;
}

void ap_wpa3_rx_auth(struct ap *ap, const struct mgmt_frame *f)
{
	struct ap_sta *s;
	struct sae_frame sf;
	const char *why = NULL;
	uint16_t status;
	char mac[18];

	mac_str(f->sa, mac);
	if (sae_frame_parse(f->body, f->body_len, &sf, &why)) {
		log_info(TAG, "%s: STA %s: malformed SAE frame dropped: %s", ap->ifname, mac,
			 why ? why : "?");
		return;
	}
	s = ap_sta_find(&ap->stas, f->sa);
	if (s && ap_sta_is_associated(s) && !s->pmf) {
		/* 11.3.4.2: a new authentication ends an unprotected association */
		ap_sta_teardown(ap, s);
		ap_sta_enter_state(&ap->stas, s, AP_STA_AUTHENTICATED);
	}
	if (!s)
		s = ap_sta_add(&ap->stas, f->sa, now_us(ap));
	if (!s) {
		reply_status(ap, f->sa, sf.seq, MGMT_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA);
		return;
	}
	/* a new commit after an accepted SAE starts over (reauthentication) */
	if (s->sae && sf.seq == SAE_SEQ_COMMIT && sae_state(s->sae) == SAE_STATE_ACCEPTED)
		ap_wpa3_sta_free(s);
	if (!s->sae) {
		if (sf.seq != SAE_SEQ_COMMIT) {
			log_info(TAG, "%s: STA %s: SAE confirm without a commit: dropped",
				 ap->ifname, mac);
			return;
		}
		status = sae_instance(ap, s, &sf);
		if (status) {
			log_info(TAG, "%s: STA %s: SAE commit refused (status %u)", ap->ifname,
				 mac, status);
			reply_status(ap, f->sa, SAE_SEQ_COMMIT, status);
			return;
		}
	}
	s->t_auth_us = now_us(ap);
	sae_rx(s->sae, f->body, f->body_len);
}
