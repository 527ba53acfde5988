// SPDX-License-Identifier: MIT
/* ft_ap.c: the target AP's side of FT over the air (IEEE 802.11-2020
 * 13.5.2, 13.8.3, 13.8.5): it answers an FT auth request once the R1KH has
 * the PMK-R1 (ops->get_pmk_r1), checks the reassociation request (nonces,
 * key holders, PMKR1Name, MIC, in that order, so the failure names its
 * cause) and answers with the GTK and IGTK; the PTK goes to the driver
 * when the response is acknowledged. One writer of the state:
 * ft_ap_enter_state(). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cipher.h"
#include "crypto.h"
#include "ft_priv.h"
#include "mgmt.h"
#include "util.h"

struct ft_ap {
	struct ft_ap_config cfg;
	struct ft_ops ops;
	void *ctx;
	uint8_t sta[6];
	enum ft_ap_state state;
	enum ft_reason reason;
	uint32_t akm;
	uint32_t pairwise;
	uint8_t snonce[32];
	uint8_t anonce[32];
	uint8_t r0kh_id[FT_R0KH_ID_MAX];
	size_t r0kh_id_len;
	uint8_t r0name[FT_PMK_NAME_LEN];
	uint8_t r1name[FT_PMK_NAME_LEN];
	uint8_t pmk_r1[FT_PMK_LEN];
	uint8_t ptk[PTK_MAX_LEN];
	size_t ptk_len;
	uint8_t ptk_name[FT_PMK_NAME_LEN];
};

static void emit(struct ft_ap *a, struct ft_event *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void emit(struct ft_ap *a, struct ft_event *ev, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ft_emit(FT_ROLE_AP, a->sta, &a->ops, a->ctx, ev, "%s", line);
}

/* The one writer of a->state. */
static void ft_ap_enter_state(struct ft_ap *a, enum ft_ap_state st)
{
	struct ft_event ev = {
		.type = FT_EV_STATE,
		.old_state = ft_ap_state_name(a->state),
		.new_state = ft_ap_state_name(st),
	};

	a->state = st;
	emit(a, &ev, "state %s -> %s", ev.old_state, ev.new_state);
}

struct ft_ap *ft_ap_new(const struct ft_ap_config *cfg, const uint8_t sta[6],
			const struct ft_ops *ops, void *ctx)
{
	struct ft_ap *a;

	if (!cfg || !sta || !ops || !ops->tx || !ops->get_pmk_r1 || !cfg->akms)
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->cfg = *cfg;
	a->ops = *ops;
	a->ctx = ctx;
	memcpy(a->sta, sta, 6);
	return a;
}

void ft_ap_free(struct ft_ap *a)
{
	if (!a)
		return;
	secure_zero(a, sizeof(*a));
	free(a);
}

enum ft_ap_state ft_ap_get_state(const struct ft_ap *a)
{
	return a->state;
}

enum ft_reason ft_ap_reason(const struct ft_ap *a)
{
	return a->reason;
}

static int send_msg(struct ft_ap *a, enum ft_msg m, uint16_t status,
		    const uint8_t *ies, size_t len)
{
	struct ft_event ev = { .type = FT_EV_TX, .msg = m, .status = status };
	int ret = a->ops.tx(a->ctx, a->sta, m, status, ies, len);

	emit(a, &ev, "send %s (status %u)%s", ft_msg_name(m), status, ret ? " failed" : "");
	return ret;
}

/* Refuse: one FT_EV_FAILED, the answer with the reason's status and no
 * elements, FAILED. */
static int refuse(struct ft_ap *a, enum ft_msg rx, enum ft_reason r, const char *why,
		  const char *diagnosis)
{
	struct ft_event ev = { .type = FT_EV_FAILED, .msg = rx, .reason = r,
			       .status = ft_reason_status(r), .diagnosis = diagnosis };
	enum ft_msg answer = rx == FT_MSG_AUTH_REQ ? FT_MSG_AUTH_RESP : FT_MSG_REASSOC_RESP;

	a->reason = r;
	secure_zero(a->pmk_r1, sizeof(a->pmk_r1));
	secure_zero(a->ptk, sizeof(a->ptk));
	emit(a, &ev, "%s refused (status %u): %s%s%s%s%s", ft_msg_name(rx), ev.status,
	     ft_reason_name(r), why ? ": " : "", why ? why : "",
	     diagnosis ? "; " : "", diagnosis ? diagnosis : "");
	ft_ap_enter_state(a, FT_AP_FAILED);
	send_msg(a, answer, ev.status, NULL, 0);
	return 0;
}

static void rx_event(struct ft_ap *a, enum ft_msg m)
{
	struct ft_event ev = { .type = FT_EV_RX, .msg = m };

	emit(a, &ev, "received %s", ft_msg_name(m));
}

static enum ft_reason check_rsne_mde(struct ft_ap *a, const struct ft_parsed *p,
				     const char **why)
{
	if (!p->has_rsn) {
		*why = "no RSNE";
		return FT_R_BAD_RSNE;
	}
	if (!p->rsn.pmkid_count) {
		*why = "RSNE without a PMKID";
		return FT_R_BAD_RSNE;
	}
	if (!p->has_mde || memcmp(p->mde.mdid, a->cfg.mdid, FT_MDID_LEN)) {
		*why = p->has_mde ? "MDID is not this mobility domain's" : "no MDE";
		return FT_R_BAD_MDE;
	}
	if (!p->has_fte) {
		*why = "no FTE";
		return FT_R_BAD_FTE;
	}
	return FT_R_NONE;
}

static int answer_auth(struct ft_ap *a)
{
	uint8_t buf[FT_IES_MAX];
	struct ft_mde mde = { .cap = a->cfg.ft_cap };
	struct ft_fte_fields f = {
		.anonce = a->anonce,
		.snonce = a->snonce,
		.r1kh_id = a->cfg.r1kh_id,
		.r0kh_id = a->r0kh_id,
		.r0kh_id_len = a->r0kh_id_len,
	};
	struct wbuf w;
	int ret;

	memcpy(mde.mdid, a->cfg.mdid, FT_MDID_LEN);
	/* 13.8.3: RSNE with PMKR0Name, MDE, FTE (ANonce, SNonce, R1KH-ID,
	 * R0KH-ID), and the reassociation deadline */
	wbuf_init(&w, buf, sizeof(buf));
	ret = ft_put_rsne(&w, a->akm, a->pairwise, a->cfg.group, a->cfg.group_mgmt,
			  a->cfg.rsn_caps, a->r0name);
	if (!ret)
		ret = ft_mde_build(&w, &mde);
	if (!ret)
		ret = ft_fte_build(&w, &f);
	if (!ret && a->cfg.reassoc_deadline_tu)
		ret = mgmt_put_timeout_interval(&w, MGMT_TIE_REASSOC_DEADLINE,
						a->cfg.reassoc_deadline_tu);
	if (ret)
		return ret;
	ft_ap_enter_state(a, FT_AP_AUTHENTICATED);
	return send_msg(a, FT_MSG_AUTH_RESP, FT_STATUS_SUCCESS, buf, w.len);
}

int ft_ap_rx_auth(struct ft_ap *a, const uint8_t *ies, size_t len)
{
	struct ft_r1_query q = { 0 };
	struct ft_parsed p;
	const char *why = NULL;
	enum ft_reason r;
	uint32_t akm;
	int ret;

	if (!a)
		return -EINVAL;
	switch (a->state) {
	case FT_AP_IDLE:
	case FT_AP_AUTHENTICATED:	/* a retried FT authentication */
	case FT_AP_FAILED:
		break;
	case FT_AP_KEYS_PENDING:
	case FT_AP_DONE:
		return -EBUSY;
	}
	rx_event(a, FT_MSG_AUTH_REQ);
	a->reason = FT_R_NONE;
	r = ft_parse(ies, len, &p, &why);
	if (r == FT_R_NONE)
		r = check_rsne_mde(a, &p, &why);
	if (r != FT_R_NONE)
		return refuse(a, FT_MSG_AUTH_REQ, r, why, NULL);
	akm = p.rsn.akms & a->cfg.akms;
	if (!ft_akm_supported(akm))
		return refuse(a, FT_MSG_AUTH_REQ, FT_R_BAD_RSNE,
			      "no single FT AKM in common", NULL);
	a->pairwise = p.rsn.pairwise_ciphers & a->cfg.pairwise;
	a->ptk_len = ft_ptk_len(a->pairwise);
	if (!wpa_single_bit(a->pairwise) || !a->ptk_len)
		return refuse(a, FT_MSG_AUTH_REQ, FT_R_BAD_RSNE,
			      "no single pairwise cipher in common", NULL);
	a->akm = akm;
	if (!p.fte.r0kh_id)
		return refuse(a, FT_MSG_AUTH_REQ, FT_R_BAD_FTE, "no R0KH-ID", NULL);
	memcpy(a->snonce, p.fte.snonce, 32);
	memcpy(a->r0kh_id, p.fte.r0kh_id, p.fte.r0kh_id_len);
	a->r0kh_id_len = p.fte.r0kh_id_len;
	memcpy(a->r0name, p.rsn.pmkid[0], FT_PMK_NAME_LEN);
	/* 12.7.1.7.4: the name of the key the R1KH needs */
	if (ft_derive_pmk_r1_name(a->r0name, a->cfg.r1kh_id, a->sta, a->r1name))
		return refuse(a, FT_MSG_AUTH_REQ, FT_R_INTERNAL, "PMKR1Name", NULL);
	q.sta = a->sta;
	q.r0kh_id = a->r0kh_id;
	q.r0kh_id_len = a->r0kh_id_len;
	q.pmk_r0_name = a->r0name;
	q.pmk_r1_name = a->r1name;
	q.r1kh_id = a->cfg.r1kh_id;
	q.akm = a->akm;
	ret = a->ops.get_pmk_r1(a->ctx, &q, a->pmk_r1);
	if (ret == -ENOENT)
		return refuse(a, FT_MSG_AUTH_REQ, FT_R_UNKNOWN_R0KH,
			      "no key holder for the R0KH-ID", NULL);
	if (ret)
		return refuse(a, FT_MSG_AUTH_REQ, FT_R_NO_PMK_R1,
			      "the R0KH has no PMK-R0 under that PMKR0Name", NULL);
	ret = ft_random(&a->ops, a->ctx, a->anonce, sizeof(a->anonce));
	if (!ret)
		ret = ft_derive_ptk(a->akm, a->pmk_r1, a->r1name, a->snonce, a->anonce,
				    a->cfg.bssid, a->sta, a->ptk, a->ptk_len, a->ptk_name);
	if (!ret)
		ret = answer_auth(a);
	if (ret)
		return refuse(a, FT_MSG_AUTH_REQ, FT_R_INTERNAL, "answering", NULL);
	return 0;
}

/* Which input of PMKR1Name (12.7.1.7.4) the station got wrong, judged by
 * the inputs that reproduce its name. */
static const char *diagnose_r1name(struct ft_ap *a, const uint8_t *theirs)
{
	uint8_t n[FT_PMK_NAME_LEN];

	if (memcmp(a->cfg.r1kh_id, a->cfg.bssid, 6) &&
	    !ft_derive_pmk_r1_name(a->r0name, a->cfg.bssid, a->sta, n) &&
	    !memcmp(n, theirs, FT_PMK_NAME_LEN))
		return "R1KH-ID differs: the station used the BSSID, this AP's r1_key_holder is another";
	if (!ft_derive_pmk_r1_name(a->r0name, a->sta, a->cfg.r1kh_id, n) &&
	    !memcmp(n, theirs, FT_PMK_NAME_LEN))
		return "R1KH-ID and S1KH-ID swapped by the station";
	return "PMKR0Name differs: R1KH-ID and S1KH-ID as this AP has them do not reproduce the station's name";
}

static int answer_reassoc(struct ft_ap *a)
{
	uint8_t buf[FT_IES_MAX], gsub[FT_GTK_SUB_MAX], isub[FT_IGTK_SUB_MAX];
	struct ft_group_keys gk;
	struct ft_mde mde = { .cap = a->cfg.ft_cap };
	struct ft_fte_fields f = {
		.element_count = 3,
		.anonce = a->anonce,
		.snonce = a->snonce,
		.r1kh_id = a->cfg.r1kh_id,
		.r0kh_id = a->r0kh_id,
		.r0kh_id_len = a->r0kh_id_len,
	};
	const uint8_t *kek = a->ptk + KCK_LEN;
	struct wbuf w;
	int ret = 0;

	memset(&gk, 0, sizeof(gk));
	if (a->ops.get_group_keys && a->ops.get_group_keys(a->ctx, &gk))
		memset(&gk, 0, sizeof(gk));
	if (gk.gtk_len)
		ret = ft_gtk_sub_build(kek, KEK_LEN, gk.gtk_idx, gk.gtk_rsc, gk.gtk,
				       gk.gtk_len, gsub, sizeof(gsub), &f.gtk_len);
	f.gtk = gk.gtk_len ? gsub : NULL;
	if (!ret && gk.igtk_len)
		ret = ft_igtk_sub_build(kek, KEK_LEN, gk.igtk_id, gk.igtk_ipn, gk.igtk,
					gk.igtk_len, isub, sizeof(isub), &f.igtk_len);
	f.igtk = gk.igtk_len ? isub : NULL;
	secure_zero(&gk, sizeof(gk));
	memcpy(mde.mdid, a->cfg.mdid, FT_MDID_LEN);
	/* 13.8.5: RSNE with PMKR1Name, MDE, FTE with MIC (seq 6), GTK, IGTK */
	wbuf_init(&w, buf, sizeof(buf));
	if (!ret)
		ret = ft_put_rsne(&w, a->akm, a->pairwise, a->cfg.group, a->cfg.group_mgmt,
				  a->cfg.rsn_caps, a->r1name);
	if (!ret)
		ret = ft_mde_build(&w, &mde);
	if (!ret)
		ret = ft_fte_build(&w, &f);
	if (!ret && a->cfg.key_lifetime_s)
		ret = mgmt_put_timeout_interval(&w, MGMT_TIE_KEY_LIFETIME,
						a->cfg.key_lifetime_s);
	if (!ret)
		ret = ft_seal(buf, w.len, a->ptk, a->sta, a->cfg.bssid, FT_SEQ_REASSOC_RESP);
	secure_zero(gsub, sizeof(gsub));
	secure_zero(isub, sizeof(isub));
	if (!ret) {
		ft_ap_enter_state(a, FT_AP_KEYS_PENDING);
		ret = send_msg(a, FT_MSG_REASSOC_RESP, FT_STATUS_SUCCESS, buf, w.len);
	}
	secure_zero(buf, sizeof(buf));
	return ret;
}

static unsigned int ric_count(const struct ft_ies *ies)
{
	struct ie_iter it;
	unsigned int n = 0;

	ie_iter_init_raw(&it, ies->ric, ies->ric ? ies->ric_len : 0);
	while (ie_iter_next(&it))
		n++;
	return n;
}

int ft_ap_rx_reassoc(struct ft_ap *a, const uint8_t *ies, size_t len)
{
	struct ft_parsed p;
	const char *why = NULL;
	enum ft_reason r;
	unsigned int count;

	if (!a)
		return -EINVAL;
	rx_event(a, FT_MSG_REASSOC_REQ);
	if (a->state != FT_AP_AUTHENTICATED)
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_UNEXPECTED,
			      "no FT authentication before", NULL);
	r = ft_parse(ies, len, &p, &why);
	if (r == FT_R_NONE)
		r = check_rsne_mde(a, &p, &why);
	if (r != FT_R_NONE)
		return refuse(a, FT_MSG_REASSOC_REQ, r, why, NULL);
	count = 3 + ric_count(&p.ies) + (p.fte.rsnxe_used && p.ies.rsnxe ? 1 : 0);
	if (p.fte.element_count != count)
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_BAD_FTE,
			      "MIC Control element count is not the elements' count", NULL);
	if (!ct_equal(p.fte.snonce, a->snonce, 32))
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_SNONCE_MISMATCH,
			      "SNonce is not the auth request's", NULL);
	if (!ct_equal(p.fte.anonce, a->anonce, 32))
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_ANONCE_MISMATCH,
			      "ANonce is not the one this AP sent", NULL);
	if (!p.fte.r0kh_id || p.fte.r0kh_id_len != a->r0kh_id_len ||
	    memcmp(p.fte.r0kh_id, a->r0kh_id, a->r0kh_id_len))
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_R0KH_MISMATCH,
			      "R0KH-ID is not the auth request's", NULL);
	if (!p.fte.r1kh_id || memcmp(p.fte.r1kh_id, a->cfg.r1kh_id, FT_R1KH_ID_LEN))
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_R1KH_MISMATCH,
			      "R1KH-ID is not this AP's", NULL);
	if (!ct_equal(p.rsn.pmkid[0], a->r1name, FT_PMK_NAME_LEN))
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_PMKR1NAME_MISMATCH,
			      "the RSNE's PMKID is not PMKR1Name",
			      diagnose_r1name(a, p.rsn.pmkid[0]));
	if (!ft_mic_verify(a->ptk, KCK_LEN, a->sta, a->cfg.bssid, FT_SEQ_REASSOC_REQ,
			   &p.ies))
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_MIC_FAILURE,
			      "FTE MIC does not verify", NULL);
	if (answer_reassoc(a))
		return refuse(a, FT_MSG_REASSOC_REQ, FT_R_INTERNAL, "answering", NULL);
	return 0;
}

int ft_ap_assoc_acked(struct ft_ap *a)
{
	struct ft_event ev = { .type = FT_EV_KEY_INSTALLED };
	struct ft_key k;
	int ret;

	if (!a)
		return -EINVAL;
	if (a->state != FT_AP_KEYS_PENDING)
		return -EAGAIN;
	memset(&k, 0, sizeof(k));
	k.kind = FT_KEY_PTK;
	k.addr = a->sta;
	k.cipher = a->pairwise;
	k.key = a->ptk + KCK_LEN + KEK_LEN;
	k.key_len = a->ptk_len - KCK_LEN - KEK_LEN;
	ret = a->ops.install_key ? a->ops.install_key(a->ctx, &k) : 0;
	if (ret)
		return ret;
	ev.key = &k;
	emit(a, &ev, "installed PTK");
	ft_ap_enter_state(a, FT_AP_DONE);
	return 0;
}
