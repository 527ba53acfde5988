// SPDX-License-Identifier: MIT
/* ft_sta.c: the station's FT protocol over the air (IEEE 802.11-2020
 * 13.5.2, 13.8.2-13.8.4): FT authentication (algorithm 2) then
 * reassociation with the FTE MIC, the keys installed after the driver marks
 * the association. One writer of the state: ft_sta_enter_state(). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cipher.h"
#include "crypto.h"
#include "ft_priv.h"
#include "util.h"

struct ft_sta {
	struct ft_sta_config cfg;
	struct ft_ops ops;
	void *ctx;
	enum ft_sta_state state;
	enum ft_reason reason;
	uint8_t target[6];
	uint8_t pmk_r0[FT_PMK_LEN];
	uint8_t r0name[FT_PMK_NAME_LEN];
	uint8_t pmk_r1[FT_PMK_LEN];
	uint8_t r1name[FT_PMK_NAME_LEN];
	uint8_t r1kh_id[FT_R1KH_ID_LEN];
	uint8_t snonce[32];
	uint8_t anonce[32];
	uint8_t ptk[PTK_MAX_LEN];
	size_t ptk_len;
	uint8_t ptk_name[FT_PMK_NAME_LEN];
	struct ft_gtk gtk;
	bool have_gtk;
	struct ft_igtk igtk;
	bool have_igtk;
};

static void emit(struct ft_sta *s, struct ft_event *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void emit(struct ft_sta *s, struct ft_event *ev, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ft_emit(FT_ROLE_STA, s->target, &s->ops, s->ctx, ev, "%s", line);
}

/* The one writer of s->state. */
static void ft_sta_enter_state(struct ft_sta *s, enum ft_sta_state st)
{
	struct ft_event ev = {
		.type = FT_EV_STATE,
		.old_state = ft_sta_state_name(s->state),
		.new_state = ft_sta_state_name(st),
	};

	s->state = st;
	emit(s, &ev, "state %s -> %s", ev.old_state, ev.new_state);
}

static void forget_keys(struct ft_sta *s)
{
	secure_zero(s->pmk_r1, sizeof(s->pmk_r1));
	secure_zero(s->ptk, sizeof(s->ptk));
	ft_gtk_clear(&s->gtk);
	ft_igtk_clear(&s->igtk);
	s->have_gtk = s->have_igtk = false;
}

static int failed(struct ft_sta *s, enum ft_msg m, uint16_t status, enum ft_reason r,
		  const char *why)
{
	struct ft_event ev = { .type = FT_EV_FAILED, .msg = m, .status = status,
			       .reason = r };

	s->reason = r;
	forget_keys(s);
	emit(s, &ev, "%s refused: %s%s%s", ft_msg_name(m), ft_reason_name(r),
	     why ? ": " : "", why ? why : "");
	ft_sta_enter_state(s, FT_STA_FAILED);
	return 0;
}

struct ft_sta *ft_sta_new(const struct ft_sta_config *cfg, const struct ft_ops *ops,
			  void *ctx)
{
	struct ft_sta *s;

	if (!cfg || !ops || !ops->tx || !ft_akm_supported(cfg->akm) ||
	    !ft_ptk_len(cfg->pairwise))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cfg = *cfg;
	s->ops = *ops;
	s->ctx = ctx;
	if (ft_derive_pmk_r0(cfg->akm, cfg->xxkey, cfg->xxkey_len, cfg->ssid,
			     cfg->ssid_len, cfg->mdid, cfg->r0kh_id, cfg->r0kh_id_len,
			     cfg->own_addr, s->pmk_r0, s->r0name)) {
		ft_sta_free(s);
		return NULL;
	}
	return s;
}

void ft_sta_free(struct ft_sta *s)
{
	if (!s)
		return;
	secure_zero(s, sizeof(*s));
	free(s);
}

enum ft_sta_state ft_sta_get_state(const struct ft_sta *s)
{
	return s->state;
}

enum ft_reason ft_sta_reason(const struct ft_sta *s)
{
	return s->reason;
}

int ft_sta_names(const struct ft_sta *s, uint8_t *r0name, uint8_t *r1name,
		 uint8_t *ptk_name)
{
	if (!s)
		return -EINVAL;
	if (r0name)
		memcpy(r0name, s->r0name, FT_PMK_NAME_LEN);
	if (r1name)
		memcpy(r1name, s->r1name, FT_PMK_NAME_LEN);
	if (ptk_name)
		memcpy(ptk_name, s->ptk_name, FT_PMK_NAME_LEN);
	return 0;
}

static int send_msg(struct ft_sta *s, enum ft_msg m, const uint8_t *ies, size_t len)
{
	struct ft_event ev = { .type = FT_EV_TX, .msg = m };
	int ret = s->ops.tx(s->ctx, s->target, m, 0, ies, len);

	emit(s, &ev, "send %s%s", ft_msg_name(m), ret ? " failed" : "");
	return ret;
}

int ft_sta_start(struct ft_sta *s, const uint8_t target[6])
{
	uint8_t buf[FT_IES_MAX];
	struct ft_mde mde = { .cap = 0 };
	struct ft_fte_fields f = { 0 };
	struct wbuf w;
	int ret;

	if (!s || !target)
		return -EINVAL;
	switch (s->state) {
	case FT_STA_IDLE:
	case FT_STA_DONE:
	case FT_STA_FAILED:
		break;
	case FT_STA_AUTH_SENT:
	case FT_STA_AUTHENTICATED:
	case FT_STA_REASSOC_SENT:
	case FT_STA_KEYS_PENDING:
		return -EBUSY;
	}
	forget_keys(s);
	s->reason = FT_R_NONE;
	memcpy(s->target, target, 6);
	memset(s->anonce, 0, sizeof(s->anonce));
	memset(s->r1name, 0, sizeof(s->r1name));
	memset(s->ptk_name, 0, sizeof(s->ptk_name));
	ret = ft_random(&s->ops, s->ctx, s->snonce, sizeof(s->snonce));
	if (ret)
		return ret;
	memcpy(mde.mdid, s->cfg.mdid, FT_MDID_LEN);
	f.snonce = s->snonce;
	f.r0kh_id = s->cfg.r0kh_id;
	f.r0kh_id_len = s->cfg.r0kh_id_len;
	/* 13.8.2: RSNE with PMKR0Name, MDE, FTE with SNonce and R0KH-ID */
	wbuf_init(&w, buf, sizeof(buf));
	ret = ft_put_rsne(&w, s->cfg.akm, s->cfg.pairwise, s->cfg.group,
			  s->cfg.group_mgmt, s->cfg.rsn_caps, s->r0name);
	if (!ret)
		ret = ft_mde_build(&w, &mde);
	if (!ret)
		ret = ft_fte_build(&w, &f);
	if (ret)
		return ret;
	ft_sta_enter_state(s, FT_STA_AUTH_SENT);
	return send_msg(s, FT_MSG_AUTH_REQ, buf, w.len);
}

static void rx_event(struct ft_sta *s, enum ft_msg m, uint16_t status)
{
	struct ft_event ev = { .type = FT_EV_RX, .msg = m, .status = status };

	emit(s, &ev, "received %s (status %u)", ft_msg_name(m), status);
}

/* The elements both responses must carry: MDE of our domain, an FTE with
 * our SNonce and R0KH-ID, and an R1KH-ID. */
static enum ft_reason check_common(struct ft_sta *s, const struct ft_parsed *p,
				   const char **why)
{
	if (!p->has_rsn || !p->rsn.pmkid_count) {
		*why = "no RSNE with a PMKID";
		return FT_R_BAD_RSNE;
	}
	if (!p->has_mde || memcmp(p->mde.mdid, s->cfg.mdid, FT_MDID_LEN)) {
		*why = p->has_mde ? "MDID differs" : "no MDE";
		return FT_R_BAD_MDE;
	}
	if (!p->has_fte || !p->fte.r1kh_id || !p->fte.r0kh_id) {
		*why = p->has_fte ? "FTE without R1KH-ID or R0KH-ID" : "no FTE";
		return FT_R_BAD_FTE;
	}
	if (!ct_equal(p->fte.snonce, s->snonce, 32)) {
		*why = "the FTE's SNonce is not ours";
		return FT_R_SNONCE_MISMATCH;
	}
	if (p->fte.r0kh_id_len != s->cfg.r0kh_id_len ||
	    memcmp(p->fte.r0kh_id, s->cfg.r0kh_id, s->cfg.r0kh_id_len)) {
		*why = "R0KH-ID differs";
		return FT_R_R0KH_MISMATCH;
	}
	return FT_R_NONE;
}

static int send_reassoc(struct ft_sta *s)
{
	uint8_t buf[FT_IES_MAX];
	struct ft_mde mde = { .cap = 0 };
	struct ft_fte_fields f = {
		.element_count = 3,	/* RSNE, MDE, FTE (no RIC) */
		.anonce = s->anonce,
		.snonce = s->snonce,
		.r1kh_id = s->r1kh_id,
		.r0kh_id = s->cfg.r0kh_id,
		.r0kh_id_len = s->cfg.r0kh_id_len,
	};
	struct wbuf w;
	int ret;

	memcpy(mde.mdid, s->cfg.mdid, FT_MDID_LEN);
	/* 13.8.4: RSNE with PMKR1Name, MDE, FTE with the MIC */
	wbuf_init(&w, buf, sizeof(buf));
	ret = ft_put_rsne(&w, s->cfg.akm, s->cfg.pairwise, s->cfg.group,
			  s->cfg.group_mgmt, s->cfg.rsn_caps, s->r1name);
	if (!ret)
		ret = ft_mde_build(&w, &mde);
	if (!ret)
		ret = ft_fte_build(&w, &f);
	if (!ret)
		ret = ft_seal(buf, w.len, s->ptk, s->cfg.own_addr, s->target,
			      FT_SEQ_REASSOC_REQ);
	if (ret)
		return ret;
	ft_sta_enter_state(s, FT_STA_REASSOC_SENT);
	return send_msg(s, FT_MSG_REASSOC_REQ, buf, w.len);
}

int ft_sta_rx_auth(struct ft_sta *s, uint16_t status, const uint8_t *ies, size_t len)
{
	struct ft_parsed p;
	const char *why = NULL;
	enum ft_reason r;
	int ret;

	if (!s)
		return -EINVAL;
	if (s->state != FT_STA_AUTH_SENT)
		return -EPROTO;
	rx_event(s, FT_MSG_AUTH_RESP, status);
	if (status != FT_STATUS_SUCCESS)
		return failed(s, FT_MSG_AUTH_RESP, status, FT_R_PEER_STATUS, NULL);
	r = ft_parse(ies, len, &p, &why);
	if (r == FT_R_NONE)
		r = check_common(s, &p, &why);
	if (r == FT_R_NONE && !ct_equal(p.rsn.pmkid[0], s->r0name, FT_PMK_NAME_LEN)) {
		why = "the RSNE names another PMKR0Name";
		r = FT_R_PMKR0NAME_MISMATCH;
	}
	if (r != FT_R_NONE)
		return failed(s, FT_MSG_AUTH_RESP, status, r, why);
	memcpy(s->anonce, p.fte.anonce, 32);
	memcpy(s->r1kh_id, p.fte.r1kh_id, FT_R1KH_ID_LEN);
	s->ptk_len = ft_ptk_len(s->cfg.pairwise);
	/* 12.7.1.7.4/5 */
	ret = ft_derive_pmk_r1(s->cfg.akm, s->pmk_r0, s->r0name, s->r1kh_id,
			       s->cfg.own_addr, s->pmk_r1, s->r1name);
	if (!ret)
		ret = ft_derive_ptk(s->cfg.akm, s->pmk_r1, s->r1name, s->snonce, s->anonce,
				    s->target, s->cfg.own_addr, s->ptk, s->ptk_len,
				    s->ptk_name);
	if (ret)
		return failed(s, FT_MSG_AUTH_RESP, status, FT_R_INTERNAL, "key derivation");
	ft_sta_enter_state(s, FT_STA_AUTHENTICATED);
	ret = send_reassoc(s);
	if (ret)
		return failed(s, FT_MSG_REASSOC_REQ, 0, FT_R_INTERNAL, "building the request");
	return 0;
}

int ft_sta_rx_reassoc(struct ft_sta *s, uint16_t status, const uint8_t *ies,
		      size_t len)
{
	const uint8_t *kek = s ? s->ptk + KCK_LEN : NULL;
	struct ft_parsed p;
	const char *why = NULL;
	enum ft_reason r;

	if (!s)
		return -EINVAL;
	if (s->state != FT_STA_REASSOC_SENT)
		return -EPROTO;
	rx_event(s, FT_MSG_REASSOC_RESP, status);
	if (status != FT_STATUS_SUCCESS)
		return failed(s, FT_MSG_REASSOC_RESP, status, FT_R_PEER_STATUS, NULL);
	/* checks in the order that names the cause: elements, nonces,
	 * key holders, names, then the MIC (13.8.5) */
	r = ft_parse(ies, len, &p, &why);
	if (r == FT_R_NONE)
		r = check_common(s, &p, &why);
	if (r == FT_R_NONE && !ct_equal(p.fte.anonce, s->anonce, 32)) {
		why = "the FTE's ANonce is not the one of the auth response";
		r = FT_R_ANONCE_MISMATCH;
	}
	if (r == FT_R_NONE && memcmp(p.fte.r1kh_id, s->r1kh_id, FT_R1KH_ID_LEN)) {
		why = "R1KH-ID differs from the auth response's";
		r = FT_R_R1KH_MISMATCH;
	}
	if (r == FT_R_NONE && !ct_equal(p.rsn.pmkid[0], s->r1name, FT_PMK_NAME_LEN)) {
		why = "the RSNE names another PMKR1Name";
		r = FT_R_PMKR1NAME_MISMATCH;
	}
	if (r == FT_R_NONE && !ft_mic_verify(s->ptk, KCK_LEN, s->cfg.own_addr, s->target,
					     FT_SEQ_REASSOC_RESP, &p.ies)) {
		why = "FTE MIC does not verify";
		r = FT_R_MIC_FAILURE;
	}
	if (r == FT_R_NONE && p.fte.gtk) {
		if (ft_gtk_sub_parse(kek, KEK_LEN, p.fte.gtk, p.fte.gtk_len, &s->gtk)) {
			why = "GTK subelement does not unwrap";
			r = FT_R_BAD_FTE;
		} else {
			s->have_gtk = true;
		}
	}
	if (r == FT_R_NONE && p.fte.igtk) {
		if (ft_igtk_sub_parse(kek, KEK_LEN, p.fte.igtk, p.fte.igtk_len, &s->igtk)) {
			why = "IGTK subelement does not unwrap";
			r = FT_R_BAD_FTE;
		} else {
			s->have_igtk = true;
		}
	}
	if (r != FT_R_NONE)
		return failed(s, FT_MSG_REASSOC_RESP, status, r, why);
	ft_sta_enter_state(s, FT_STA_KEYS_PENDING);
	return 0;
}

static int install(struct ft_sta *s, const struct ft_key *k)
{
	struct ft_event ev = { .type = FT_EV_KEY_INSTALLED, .key = k };
	int ret = s->ops.install_key ? s->ops.install_key(s->ctx, k) : 0;

	if (!ret)
		emit(s, &ev, "installed %s (key index %u)",
		     k->kind == FT_KEY_PTK ? "PTK" : k->kind == FT_KEY_GTK ? "GTK" : "IGTK",
		     k->key_idx);
	return ret;
}

int ft_sta_associated(struct ft_sta *s)
{
	uint8_t ipn[6];
	int ret;

	if (!s)
		return -EINVAL;
	if (s->state != FT_STA_KEYS_PENDING)
		return -EAGAIN;
	{
		struct ft_key k = {
			.kind = FT_KEY_PTK, .addr = s->target, .cipher = s->cfg.pairwise,
			.key = s->ptk + KCK_LEN + KEK_LEN,
			.key_len = s->ptk_len - KCK_LEN - KEK_LEN,
		};

		ret = install(s, &k);
	}
	if (!ret && s->have_gtk) {
		struct ft_key k = {
			.kind = FT_KEY_GTK, .cipher = s->cfg.group, .key_idx = s->gtk.key_id,
			.key = s->gtk.key, .key_len = s->gtk.key_len, .seq = s->gtk.rsc,
			.seq_len = 6,
		};

		ret = install(s, &k);
	}
	if (!ret && s->have_igtk) {
		struct ft_key k = {
			.kind = FT_KEY_IGTK, .cipher = s->cfg.group_mgmt,
			.key_idx = s->igtk.key_id, .key = s->igtk.key,
			.key_len = s->igtk.key_len, .seq = ipn, .seq_len = 6,
		};

		for (int i = 0; i < 6; i++)
			ipn[i] = (uint8_t)(s->igtk.ipn >> (8 * i));
		ret = install(s, &k);
	}
	if (ret) {
		failed(s, FT_MSG_NONE, 0, FT_R_INTERNAL, "key installation");
		return ret;
	}
	ft_gtk_clear(&s->gtk);
	ft_igtk_clear(&s->igtk);
	ft_sta_enter_state(s, FT_STA_DONE);
	return 0;
}
