// SPDX-License-Identifier: MIT
/* beacon.c: beacon head/tail, probe responses and our RSN/WPA elements. */
#include <errno.h>
#include <string.h>

#include "beacon.h"
#include "buf.h"
#include "mgmt.h"
#include "util.h"

size_t ap_rates(const struct ap_config *c, uint8_t rates[AP_RATES_MAX])
{
	static const uint8_t b[] = { 0x82, 0x84, 0x8b, 0x96 };
	static const uint8_t g[] = { 0x82, 0x84, 0x8b, 0x96, 12, 18, 24, 36,
				     48, 72, 96, 108 };
	static const uint8_t a[] = { 0x8c, 18, 0x98, 36, 0xb0, 72, 96, 108 };
	const uint8_t *src = b;
	size_t n = sizeof(b);

	switch (c->hw_mode) {
	case AP_HW_MODE_B:
		break;
	case AP_HW_MODE_G:
		src = g;
		n = sizeof(g);
		break;
	case AP_HW_MODE_A:
		src = a;
		n = sizeof(a);
		break;
	}
	memcpy(rates, src, n);
	return n;
}

int ap_build_wpa_ie(const struct ap_config *c, enum ie_proto proto, uint8_t *out,
		    size_t cap, size_t *len)
{
	struct wpa_ie_info info;

	memset(&info, 0, sizeof(info));
	info.proto = proto;
	info.version = 1;
	info.group_cipher = wpa_cipher_supported(c->group_cipher);
	info.akms = WPA_AKM_PSK;
	switch (proto) {
	case IE_PROTO_WPA:
		if (!(c->wpa & WPA_PROTO_WPA))
			return -ENOENT;
		info.pairwise_ciphers = wpa_cipher_supported(c->wpa_pairwise);
		break;
	case IE_PROTO_RSN:
		if (!(c->wpa & WPA_PROTO_RSN))
			return -ENOENT;
		info.pairwise_ciphers = wpa_cipher_supported(c->rsn_pairwise);
		info.akms = c->wpa_key_mgmt ? c->wpa_key_mgmt : WPA_AKM_PSK;
		info.has_caps = true;
		/* 9.4.2.24.4: MFPC/MFPR from ieee80211w; BIP-CMAC-128 is the
		 * default group management cipher, so no field for it */
		info.rsn_caps = ie_pmf_rsn_caps((enum ie_pmf)c->ieee80211w);
		break;
	case IE_PROTO_NONE:
		return -ENOENT;
	}
	return ie_build(&info, out, cap, len);
}

/* Country element (9.4.2.8): the code, ' ' (all environments), and one
 * triplet covering the channels of the band (first channel, count, max
 * power dBm). */
static void put_country(struct wbuf *w, const struct ap_config *c)
{
	uint8_t body[6];

	body[0] = (uint8_t)c->country_code[0];
	body[1] = (uint8_t)c->country_code[1];
	body[2] = ' ';
	if (c->hw_mode == AP_HW_MODE_A) {
		body[3] = 36;
		body[4] = 8;
		body[5] = 23;
	} else {
		body[3] = 1;
		body[4] = 13;
		body[5] = 20;
	}
	mgmt_put_ie(w, MGMT_EID_COUNTRY, body, sizeof(body));
}

static uint16_t capab(const struct ap_config *c)
{
	uint16_t v = MGMT_CAPAB_ESS;

	if (c->wpa)
		v |= MGMT_CAPAB_PRIVACY;
	if (c->hw_mode == AP_HW_MODE_G)
		v |= MGMT_CAPAB_SHORT_SLOT_TIME;
	return v;
}

/* Everything after the DS Parameter Set (and the TIM, in beacons). */
static void put_tail(struct wbuf *w, const struct ap_config *c, const struct ap_beacon *b)
{
	uint8_t rates[AP_RATES_MAX];
	size_t nrates = ap_rates(c, rates);
	uint8_t erp = 0;

	if (c->country_code[0])
		put_country(w, c);
	if (c->hw_mode == AP_HW_MODE_G)
		mgmt_put_ie(w, MGMT_EID_ERP, &erp, 1);
	mgmt_put_ext_rates(w, rates, nrates);
	if (b->rsn_ie_len)
		wbuf_put_data(w, b->rsn_ie, b->rsn_ie_len);
	if (b->wpa_ie_len)
		wbuf_put_data(w, b->wpa_ie, b->wpa_ie_len);
	if (b->rsnxe_len)
		wbuf_put_data(w, b->rsnxe, b->rsnxe_len);
}

int ap_beacon_build(const struct ap_config *c, const uint8_t bssid[6],
		    struct ap_beacon *b)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t rates[AP_RATES_MAX];
	uint8_t hidden[AP_SSID_MAX];
	size_t nrates = ap_rates(c, rates);
	struct wbuf w;
	int ret;

	memset(b, 0, sizeof(*b));
	b->capab = capab(c);
	if (c->wpa & WPA_PROTO_RSN) {
		ret = ap_build_wpa_ie(c, IE_PROTO_RSN, b->rsn_ie, sizeof(b->rsn_ie),
				      &b->rsn_ie_len);
		if (ret)
			return ret;
	}
	if (c->wpa & WPA_PROTO_WPA) {
		ret = ap_build_wpa_ie(c, IE_PROTO_WPA, b->wpa_ie, sizeof(b->wpa_ie),
				      &b->wpa_ie_len);
		if (ret)
			return ret;
	}
	/* 9.4.2.241: SAE H2E when the AP takes hash-to-element commits */
	if ((c->wpa & WPA_PROTO_RSN) && (c->wpa_key_mgmt & WPA_AKM_SAE) && c->sae_pwe) {
		b->rsnxe[0] = IE_RSNX;
		b->rsnxe[1] = 1;
		b->rsnxe[2] = RSNX_CAP_SAE_H2E;
		b->rsnxe_len = IE_RSNX_H2E_LEN;
	}

	wbuf_init(&w, b->head, sizeof(b->head));
	mgmt_build_beacon(&w, false, bcast, bssid, bssid, 0, (uint16_t)c->beacon_int,
			  b->capab, NULL, 0);
	/* ignore_broadcast_ssid: 1 = empty SSID, 2 = zeros of the same length */
	switch (c->ignore_broadcast_ssid) {
	case 1:
		mgmt_put_ssid(&w, NULL, 0);
		break;
	case 2:
		memset(hidden, 0, sizeof(hidden));
		mgmt_put_ssid(&w, hidden, c->ssid_len);
		break;
	default:
		mgmt_put_ssid(&w, c->ssid, c->ssid_len);
		break;
	}
	mgmt_put_supp_rates(&w, rates, nrates);
	mgmt_put_ds_param(&w, (uint8_t)c->channel);
	if (!wbuf_ok(&w))
		return -ENOSPC;
	b->head_len = w.len;

	wbuf_init(&w, b->tail, sizeof(b->tail));
	put_tail(&w, c, b);
	if (!wbuf_ok(&w))
		return -ENOSPC;
	b->tail_len = w.len;
	return 0;
}

int ap_probe_resp_build(const struct ap_config *c, const struct ap_beacon *b,
			const uint8_t bssid[6], const uint8_t da[6], uint8_t *out,
			size_t cap, size_t *len)
{
	uint8_t rates[AP_RATES_MAX];
	size_t nrates = ap_rates(c, rates);
	struct wbuf w;

	wbuf_init(&w, out, cap);
	mgmt_build_beacon(&w, true, da, bssid, bssid, 0, (uint16_t)c->beacon_int,
			  b->capab, NULL, 0);
	mgmt_put_ssid(&w, c->ssid, c->ssid_len);
	mgmt_put_supp_rates(&w, rates, nrates);
	mgmt_put_ds_param(&w, (uint8_t)c->channel);
	put_tail(&w, c, b);
	if (!wbuf_ok(&w))
		return -ENOSPC;
	*len = w.len;
	return 0;
}

bool ap_probe_req_wanted(const struct ap_config *c, const uint8_t *ies, size_t len)
{
	const uint8_t *ssid;
	size_t ssid_len;

	if (!mgmt_ies_valid(ies, len) || mgmt_get_ssid(ies, len, &ssid, &ssid_len))
		return false;
	if (ssid_len == 0)
		return c->ignore_broadcast_ssid == 0;
	return ssid_len == c->ssid_len && !memcmp(ssid, c->ssid, ssid_len);
}
