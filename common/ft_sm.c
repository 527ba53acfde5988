// SPDX-License-Identifier: MIT
/* ft_sm.c: names, events and the element work that the FT station and AP
 * machines share (ft_priv.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cipher.h"
#include "crypto.h"
#include "ft_priv.h"
#include "log.h"
#include "util.h"

const char *ft_msg_name(enum ft_msg m)
{
	switch (m) {
	case FT_MSG_NONE:
		return "none";
	case FT_MSG_AUTH_REQ:
		return "FT auth request";
	case FT_MSG_AUTH_RESP:
		return "FT auth response";
	case FT_MSG_REASSOC_REQ:
		return "reassociation request";
	case FT_MSG_REASSOC_RESP:
		return "reassociation response";
	}
	return "?";
}

const char *ft_sta_state_name(enum ft_sta_state s)
{
	switch (s) {
	case FT_STA_IDLE:
		return "IDLE";
	case FT_STA_AUTH_SENT:
		return "AUTH_SENT";
	case FT_STA_AUTHENTICATED:
		return "AUTHENTICATED";
	case FT_STA_REASSOC_SENT:
		return "REASSOC_SENT";
	case FT_STA_KEYS_PENDING:
		return "KEYS_PENDING";
	case FT_STA_DONE:
		return "DONE";
	case FT_STA_FAILED:
		return "FAILED";
	}
	return "?";
}

const char *ft_ap_state_name(enum ft_ap_state s)
{
	switch (s) {
	case FT_AP_IDLE:
		return "IDLE";
	case FT_AP_AUTHENTICATED:
		return "AUTHENTICATED";
	case FT_AP_KEYS_PENDING:
		return "KEYS_PENDING";
	case FT_AP_DONE:
		return "DONE";
	case FT_AP_FAILED:
		return "FAILED";
	}
	return "?";
}

const char *ft_reason_name(enum ft_reason r)
{
	switch (r) {
	case FT_R_NONE:
		return "none";
	case FT_R_MALFORMED:
		return "malformed";
	case FT_R_BAD_RSNE:
		return "bad-rsne";
	case FT_R_BAD_MDE:
		return "bad-mde";
	case FT_R_BAD_FTE:
		return "bad-fte";
	case FT_R_UNKNOWN_R0KH:
		return "unknown-r0kh";
	case FT_R_NO_PMK_R1:
		return "no-pmk-r1";
	case FT_R_PMKR0NAME_MISMATCH:
		return "pmkr0name-mismatch";
	case FT_R_PMKR1NAME_MISMATCH:
		return "pmkr1name-mismatch";
	case FT_R_R0KH_MISMATCH:
		return "r0kh-mismatch";
	case FT_R_R1KH_MISMATCH:
		return "r1kh-mismatch";
	case FT_R_SNONCE_MISMATCH:
		return "snonce-mismatch";
	case FT_R_ANONCE_MISMATCH:
		return "anonce-mismatch";
	case FT_R_MIC_FAILURE:
		return "mic-failure";
	case FT_R_PEER_STATUS:
		return "peer-status";
	case FT_R_UNEXPECTED:
		return "unexpected";
	case FT_R_INTERNAL:
		return "internal";
	}
	return "?";
}

uint16_t ft_reason_status(enum ft_reason r)
{
	switch (r) {
	case FT_R_NONE:
		return FT_STATUS_SUCCESS;
	case FT_R_MALFORMED:
		return FT_STATUS_INVALID_IE;
	case FT_R_BAD_RSNE:
		return FT_STATUS_INVALID_RSNE;
	case FT_R_BAD_MDE:
		return FT_STATUS_INVALID_MDE;
	case FT_R_UNKNOWN_R0KH:
		return FT_STATUS_R0KH_UNREACHABLE;
	case FT_R_NO_PMK_R1:
	case FT_R_PMKR0NAME_MISMATCH:
	case FT_R_PMKR1NAME_MISMATCH:
		return FT_STATUS_INVALID_PMKID;
	case FT_R_BAD_FTE:
	case FT_R_R0KH_MISMATCH:
	case FT_R_R1KH_MISMATCH:
	case FT_R_SNONCE_MISMATCH:
	case FT_R_ANONCE_MISMATCH:
	case FT_R_MIC_FAILURE:
		return FT_STATUS_INVALID_FTE;
	case FT_R_PEER_STATUS:
	case FT_R_UNEXPECTED:
	case FT_R_INTERNAL:
		return FT_STATUS_UNSPECIFIED;
	}
	return FT_STATUS_UNSPECIFIED;
}

const char *ft_event_type_name(enum ft_event_type t)
{
	switch (t) {
	case FT_EV_STATE:
		return "STATE";
	case FT_EV_TX:
		return "TX";
	case FT_EV_RX:
		return "RX";
	case FT_EV_FAILED:
		return "FAILED";
	case FT_EV_KEY_INSTALLED:
		return "KEY_INSTALLED";
	}
	return "?";
}

void ft_emit(enum ft_role role, const uint8_t *peer, const struct ft_ops *ops,
	     void *ctx, struct ft_event *ev, const char *fmt, ...)
{
	char line[320], mac[18];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_printf(ev->type == FT_EV_FAILED ? LOG_LVL_INFO : LOG_LVL_DEBUG, FT_TAG,
		   "FT: %s %s %s", role == FT_ROLE_AP ? "AP" : "STA",
		   peer ? mac_str(peer, mac) : "-", line);
	ev->role = role;
	ev->peer = peer;
	ev->text = line;
	if (ops->event)
		ops->event(ctx, ev);
	ev->text = NULL;
}

int ft_random(const struct ft_ops *ops, void *ctx, uint8_t *buf, size_t len)
{
	if (ops->random)
		return ops->random(ctx, buf, len) ? -EIO : 0;
	return crypto_random(buf, len);
}

int ft_put_rsne(struct wbuf *w, uint32_t akm, uint32_t pairwise, uint32_t group,
		uint32_t group_mgmt, uint16_t caps, const uint8_t pmkid[FT_PMK_NAME_LEN])
{
	struct wpa_ie_info info = {
		.proto = IE_PROTO_RSN,
		.version = 1,
		.group_cipher = group,
		.pairwise_ciphers = pairwise,
		.akms = akm,
		.rsn_caps = caps,
		.has_caps = true,
		.pmkid_count = pmkid ? 1 : 0,
		.group_mgmt_cipher = group_mgmt,
		.has_group_mgmt = group_mgmt != 0,
	};
	uint8_t *p;
	size_t len = 0;
	int ret;

	if (pmkid)
		memcpy(info.pmkid[0], pmkid, FT_PMK_NAME_LEN);
	p = w->data + w->len;
	ret = ie_build(&info, p, w->cap - w->len, &len);
	if (ret)
		return ret;
	return wbuf_put(w, len) ? 0 : -ENOSPC;
}

int ft_seal(uint8_t *buf, size_t len, const uint8_t *kck, const uint8_t sta[6],
	    const uint8_t ap[6], uint8_t seq)
{
	struct ft_ies ies;
	uint8_t mic[FT_MIC_LEN];
	int ret;

	ret = ft_ies_parse(buf, len, &ies, NULL);
	if (ret)
		return ret;
	ret = ft_mic_compute(kck, 16, sta, ap, seq, &ies, mic);
	if (!ret)
		ret = ft_fte_set_mic((uint8_t *)ies.fte, ies.fte_len, mic);
	return ret;
}

enum ft_reason ft_parse(const uint8_t *ies, size_t len, struct ft_parsed *p,
			const char **why)
{
	memset(p, 0, sizeof(*p));
	if (ft_ies_parse(ies, len, &p->ies, why))
		return FT_R_MALFORMED;
	if (p->ies.rsne) {
		if (ie_parse_rsn(p->ies.rsne, p->ies.rsne_len, &p->rsn, why))
			return FT_R_BAD_RSNE;
		p->has_rsn = true;
	}
	if (p->ies.mde) {
		if (ft_mde_parse(p->ies.mde, p->ies.mde_len, &p->mde))
			return FT_R_BAD_MDE;
		p->has_mde = true;
	}
	if (p->ies.fte) {
		if (ft_fte_parse(p->ies.fte, p->ies.fte_len, &p->fte, why))
			return FT_R_BAD_FTE;
		p->has_fte = true;
	}
	return FT_R_NONE;
}

size_t ft_ptk_len(uint32_t pairwise)
{
	size_t tk = wpa_cipher_key_len(pairwise);

	if (pairwise != WPA_CIPHER_CCMP && pairwise != WPA_CIPHER_GCMP &&
	    pairwise != WPA_CIPHER_CCMP_256 && pairwise != WPA_CIPHER_GCMP_256)
		return 0;
	return tk ? KCK_LEN + KEK_LEN + tk : 0;
}
