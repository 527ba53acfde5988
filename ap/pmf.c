// SPDX-License-Identifier: MIT
/* pmf.c: roamlab-ap's side of management frame protection (802.11w) that
 * the kernel does not do: the association comeback of a station whose
 * association is protected (IEEE 802.11-2020 11.3.4.4: status 30
 * REJECTED_TEMPORARILY with a Timeout Interval element of type 3, 9.4.2.49),
 * the SA Query procedure that decides whether the old association is still
 * alive (11.13, hostapd's assoc_sa_query_max_timeout and
 * assoc_sa_query_retry_timeout), and the answer to a station's SA Query
 * Request (9.6.9).
 *
 * mac80211 protects what goes out (an SA Query Action frame to a station
 * with the MFP flag and a PTK is a robust frame) and drops unprotected
 * robust frames from such a station, so what reaches here was protected
 * and comes decrypted. */
#include <errno.h>
#include <string.h>

#include "ap.h"
#include "ap_pmf.h"
#include "buf.h"
#include "crypto.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"

#define TAG "ap"
#define TU_US 1024ULL

const char *ap_saq_state_name(enum ap_saq_state st)
{
	switch (st) {
	case AP_SAQ_IDLE:
		return "IDLE";
	case AP_SAQ_RUNNING:
		return "RUNNING";
	case AP_SAQ_TIMED_OUT:
		return "TIMED_OUT";
	}
	return "?";
}

static void saq_enter_state(struct ap *ap, struct ap_sta *s, enum ap_saq_state st)
{
	enum ap_saq_state old = s->saq_state;
	char mac[18];

	s->saq_state = st;
	log_dbg(TAG, "%s: STA %s SA Query %s -> %s", ap->ifname, mac_str(s->addr, mac),
		ap_saq_state_name(old), ap_saq_state_name(st));
	ap_event(ap, "AP-SA-QUERY", "sta=%s old=%s new=%s", mac, ap_saq_state_name(old),
		 ap_saq_state_name(st));
}

static void saq_timer_cancel(struct ap *ap, struct ap_sta *s)
{
	if (s->saq_timer)
		loop_timer_cancel(ap->loop, s->saq_timer);
	s->saq_timer = NULL;
}

static int send_sa_query(struct ap *ap, const uint8_t *da, uint8_t action,
			 const uint8_t trans_id[MGMT_SA_QUERY_TRANS_ID_LEN])
{
	uint8_t buf[64];
	struct wbuf w;
	int ret;

	wbuf_init(&w, buf, sizeof(buf));
	ret = mgmt_build_sa_query(&w, da, ap->bssid, ap->bssid, action, trans_id);
	if (ret)
		return ret;
	ret = drv_send_mgmt(ap->drv, buf, w.len, false, NULL);
	if (ret) {
		char mac[18];

		log_err(TAG, "%s: STA %s: cannot send SA Query %s: %s", ap->ifname,
			mac_str(da, mac), action == MGMT_SA_QUERY_REQUEST ? "Request" :
			"Response", strerror(-ret));
	}
	return ret;
}

static void saq_timer_fire(struct loop *l, struct loop_timer *t, void *ctx);

/* One SA Query Request with a new transaction identifier (11.13: each
 * retry has its own), then wait assoc_sa_query_retry_timeout. */
static int saq_send_next(struct ap *ap, struct ap_sta *s)
{
	uint8_t id[MGMT_SA_QUERY_TRANS_ID_LEN];
	int ret;

	ret = crypto_random(id, sizeof(id));
	if (ret)
		return ret;
	if (s->n_saq_ids == AP_SAQ_IDS_MAX) {
		memmove(s->saq_ids[0], s->saq_ids[1], (AP_SAQ_IDS_MAX - 1) * sizeof(id));
		s->n_saq_ids--;
	}
	memcpy(s->saq_ids[s->n_saq_ids++], id, sizeof(id));
	ret = send_sa_query(ap, s->addr, MGMT_SA_QUERY_REQUEST, id);
	s->owner = ap;
	s->saq_timer = loop_timer_add(ap->loop,
				      ap->cfg->assoc_sa_query_retry_timeout * TU_US,
				      saq_timer_fire, s);
	return s->saq_timer ? ret : -ENOMEM;
}

static void saq_timer_fire(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct ap_sta *s = ctx;
	struct ap *ap = s->owner;
	uint64_t max_us = ap->cfg->assoc_sa_query_max_timeout * TU_US;
	char mac[18];

	s->saq_timer = NULL;
	if (s->saq_state != AP_SAQ_RUNNING)
		return;
	if (loop_now_us(ap->loop) - s->saq_start_us >= max_us) {
		log_info(TAG, "%s: STA %s: SA Query timed out: the old association "
			 "is given up at the next (re)association request", ap->ifname,
			 mac_str(s->addr, mac));
		saq_enter_state(ap, s, AP_SAQ_TIMED_OUT);
		return;
	}
	saq_send_next(ap, s);
}

bool ap_pmf_comeback(struct ap *ap, struct ap_sta *s, bool reassoc, uint16_t *status)
{
	char mac[18];

	if (!s->pmf || s->state != AP_STA_AUTHORIZED || s->saq_state == AP_SAQ_TIMED_OUT)
		return false;
	mac_str(s->addr, mac);
	*status = MGMT_STATUS_ASSOC_REJECTED_TEMPORARILY;
	if (s->saq_state == AP_SAQ_RUNNING) {
		log_info(TAG, "%s: STA %s: %sassociation while the SA Query runs: "
			 "rejected temporarily", ap->ifname, mac, reassoc ? "re" : "");
		return true;
	}
	log_info(TAG, "%s: STA %s: %sassociation with a PMF association in place: "
		 "rejected temporarily (comeback in %u TU), starting SA Query",
		 ap->ifname, mac, reassoc ? "re" : "", ap->cfg->assoc_sa_query_max_timeout);
	s->n_saq_ids = 0;
	s->saq_start_us = loop_now_us(ap->loop);
	saq_enter_state(ap, s, AP_SAQ_RUNNING);
	if (saq_send_next(ap, s) == -ENOMEM)
		log_err(TAG, "%s: STA %s: no timer for the SA Query", ap->ifname, mac);
	return true;
}

int ap_pmf_put_comeback(struct ap *ap, struct wbuf *w)
{
	return mgmt_put_timeout_interval(w, MGMT_TIE_ASSOC_COMEBACK,
					 ap->cfg->assoc_sa_query_max_timeout);
}

void ap_pmf_sta_reset(struct ap *ap, struct ap_sta *s)
{
	saq_timer_cancel(ap, s);
	s->n_saq_ids = 0;
	if (s->saq_state != AP_SAQ_IDLE)
		saq_enter_state(ap, s, AP_SAQ_IDLE);
}

static void rx_sa_query_resp(struct ap *ap, struct ap_sta *s, const struct mgmt_sa_query *q)
{
	char mac[18];

	mac_str(s->addr, mac);
	for (size_t i = 0; i < s->n_saq_ids; i++) {
		if (memcmp(s->saq_ids[i], q->trans_id, MGMT_SA_QUERY_TRANS_ID_LEN))
			continue;
		if (s->saq_state != AP_SAQ_RUNNING)
			return;
		log_info(TAG, "%s: STA %s: SA Query answered: the association stays",
			 ap->ifname, mac);
		ap_pmf_sta_reset(ap, s);
		return;
	}
	log_info(TAG, "%s: STA %s: SA Query Response with an unknown transaction "
		 "identifier %02x%02x: ignored", ap->ifname, mac, q->trans_id[0],
		 q->trans_id[1]);
}

void ap_pmf_rx_action(struct ap *ap, const struct mgmt_frame *f)
{
	struct ap_sta *s = ap_sta_find(&ap->stas, f->sa);
	struct mgmt_sa_query q;
	char mac[18];

	if (mgmt_parse_sa_query(f->body, f->body_len, &q))
		return;
	mac_str(f->sa, mac);
	/* 11.13: only a station with a protected association takes part */
	if (!s || !s->pmf || !ap_sta_is_associated(s)) {
		log_dbg(TAG, "%s: SA Query from %s without a PMF association: ignored",
			ap->ifname, mac);
		return;
	}
	switch (q.action) {
	case MGMT_SA_QUERY_REQUEST:
		ap_event(ap, "AP-SA-QUERY-REQUEST", "sta=%s", mac);
		if (ap->faults.sa_query_no_reply) {
			log_info(TAG, "%s: STA %s: fault %s: SA Query Request not answered",
				 ap->ifname, mac, hs_fault_name(HS_FAULT_SA_QUERY_NO_REPLY));
			ap_event(ap, "AP-FAULT", "sta=%s fault=%s msg=-", mac,
				 hs_fault_name(HS_FAULT_SA_QUERY_NO_REPLY));
			break;
		}
		log_info(TAG, "%s: STA %s: SA Query Request: answering", ap->ifname, mac);
		send_sa_query(ap, s->addr, MGMT_SA_QUERY_RESPONSE, q.trans_id);
		break;
	case MGMT_SA_QUERY_RESPONSE:
		rx_sa_query_resp(ap, s, &q);
		break;
	default:
		break;
	}
}
