// SPDX-License-Identifier: MIT
/* sec.c: the station's security setup for one association (see sec.h). */
#include <errno.h>
#include <string.h>

#include "sec.h"
#include "sme.h"
#include "ie.h"
#include "util.h"
#include "wpa3.h"

static const uint8_t *bss_wpa_ie(const struct sta_bss *b, unsigned int proto,
				 size_t *len)
{
	if (proto == WPA_PROTO_RSN)
		return ie_find(b->ies, b->ies_len, IE_RSN, len);
	return ie_find_wpa(b->ies, b->ies_len, len);
}

/* Our RSNE (WPA element) for the (Re)Association Request and msg 2/4: the
 * PMKID of a cached PMKSA in its PMKID list (12.6.10.3), then the RSNXE
 * with SAE H2E when SAE uses hash-to-element (12.4.2, 9.4.2.241). */
static int build_own_ie(struct sta *s, struct hs_config *cfg, const uint8_t *pmkid)
{
	int ret;

	ret = hs_config_build_own_ie_pmkid(cfg, pmkid);
	if (ret || !sta_wpa3_h2e(s))
		return ret;
	if (cfg->own_ie_len + IE_RSNX_H2E_LEN > sizeof(cfg->own_ie))
		return -ENOSPC;
	cfg->own_ie[cfg->own_ie_len++] = IE_RSNX;
	cfg->own_ie[cfg->own_ie_len++] = 1;
	cfg->own_ie[cfg->own_ie_len++] = RSNX_CAP_SAE_H2E;
	return 0;
}

int sta_sec_hs_config(struct sta *s, struct hs_config *cfg)
{
	const uint8_t *peer, *pmkid = NULL;
	size_t plen = 0;
	int ret;

	hs_config_init(cfg, HS_ROLE_SUPPLICANT);
	cfg->proto = s->choice.proto == WPA_PROTO_RSN ? IE_PROTO_RSN : IE_PROTO_WPA;
	cfg->pairwise_cipher = wpa_cipher_supported(s->choice.pairwise);
	cfg->group_cipher = wpa_cipher_supported(s->choice.group);
	cfg->akm = s->choice.key_mgmt;
	cfg->pmf = s->choice.pmf;
	/* 9.4.2.24.4: our MFPC/MFPR say what ieee80211w says; the element
	 * of a STA with ieee80211w=1 has MFPC also when this AP has none */
	if (cfg->proto == IE_PROTO_RSN)
		cfg->rsn_caps = ie_pmf_rsn_caps((enum ie_pmf)s->net->ieee80211w);
	memcpy(cfg->aa, s->cur.bssid, 6);
	memcpy(cfg->spa, s->addr, 6);
	if (s->choice.key_mgmt == WPA_AKM_SAE) {
		/* the PMK of the SAE just done or of the cached PMKSA */
		ret = sta_wpa3_pmk(s, cfg->pmk, &pmkid);
		if (ret)
			return ret;
	} else {
		memcpy(cfg->pmk, s->pmk[s->net->id], PMK_LEN);
	}
	ret = build_own_ie(s, cfg, pmkid);
	if (ret < 0)
		return ret;
	peer = bss_wpa_ie(&s->cur, s->choice.proto, &plen);
	if (peer && plen <= sizeof(cfg->peer_ie)) {
		memcpy(cfg->peer_ie, peer, plen);
		cfg->peer_ie_len = plen;
	}
	/* stale-aa without a BSSID names the last AP a handshake completed
	 * with, so every retry after a failed roam keeps the stale AA (hs_supp
	 * alone would take the AA of the failed attempt, the right one) */
	if (s->have_prev && !mac_equal(s->prev_bssid, s->cur.bssid))
		memcpy(cfg->last_aa, s->prev_bssid, 6);
	return 0;
}

int sta_sec_install_key(void *ctx, const struct hs_key *k)
{
	struct sta *s = ctx;
	struct drv_key dk = { 0 };

	dk.cipher = k->kind == HS_KEY_IGTK ? k->cipher : wpa_cipher_pick(k->cipher);
	dk.pairwise = k->kind == HS_KEY_PTK;
	dk.addr = dk.pairwise ? s->cur.bssid : NULL;
	/* a GTK's index 1..3, an IGTK's key ID 4/5 (9.4.2.54) */
	dk.idx = dk.pairwise ? 0 : k->key_idx;
	/* The key goes in 802.11 order (TKIP: TK | Authenticator Tx MIC |
	 * Authenticator Rx MIC, 12.7.1.3): the driver puts the Michael keys
	 * where the kernel wants them for a station (drv.h), for the PTK and
	 * the GTK alike. Swapping here too broke every TKIP group frame. */
	dk.key = k->key;
	dk.key_len = k->key_len;
	dk.seq = k->seq;
	dk.seq_len = k->seq_len;
	dk.set_tx = false;
	return drv_set_key(s->drv, &dk);
}
