// SPDX-License-Identifier: MIT
/* hs_common.c: what both handshake roles share: names, configuration
 * defaults, the AP policy helpers, event emission, fault-aware TX. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs_priv.h"
#include "util.h"

const char *hs_role_name(enum hs_role r)
{
	switch (r) {
	case HS_ROLE_AUTHENTICATOR:
		return "authenticator";
	case HS_ROLE_SUPPLICANT:
		return "supplicant";
	}
	return "?";
}

const char *hs_key_kind_name(enum hs_key_kind k)
{
	switch (k) {
	case HS_KEY_PTK:
		return "PTK";
	case HS_KEY_GTK:
		return "GTK";
	case HS_KEY_IGTK:
		return "IGTK";
	}
	return "?";
}

const char *hs_event_type_name(enum hs_event_type t)
{
	switch (t) {
	case HS_EV_STATE:
		return "STATE";
	case HS_EV_TX:
		return "TX";
	case HS_EV_RX:
		return "RX";
	case HS_EV_RETRY:
		return "RETRY";
	case HS_EV_DROPPED:
		return "DROPPED";
	case HS_EV_MIC_FAILURE:
		return "MIC_FAILURE";
	case HS_EV_DIAGNOSIS:
		return "DIAGNOSIS";
	case HS_EV_REPLAY:
		return "REPLAY";
	case HS_EV_IE_MISMATCH:
		return "IE_MISMATCH";
	case HS_EV_KEY_INSTALLED:
		return "KEY_INSTALLED";
	case HS_EV_REINSTALL_BLOCKED:
		return "REINSTALL_BLOCKED";
	case HS_EV_PAIRWISE_DONE:
		return "PAIRWISE_DONE";
	case HS_EV_GROUP_DONE:
		return "GROUP_DONE";
	case HS_EV_TIMEOUT:
		return "TIMEOUT";
	case HS_EV_DEAUTH_REQUEST:
		return "DEAUTH_REQUEST";
	case HS_EV_FAULT:
		return "FAULT";
	case HS_EV_REKEY:
		return "REKEY";
	case HS_EV_AUTHORIZED:
		return "AUTHORIZED";
	}
	return "?";
}

const char *hs_request_name(enum hs_request r)
{
	switch (r) {
	case HS_REQ_NONE:
		return "none";
	case HS_REQ_MICHAEL_PAIRWISE:
		return "michael-pairwise";
	case HS_REQ_MICHAEL_GROUP:
		return "michael-group";
	case HS_REQ_PTK_REKEY:
		return "ptk-rekey";
	case HS_REQ_GTK_REKEY:
		return "gtk-rekey";
	}
	return "?";
}

const char *hs_diag_cause_name(enum hs_diag_cause c)
{
	switch (c) {
	case HS_DIAG_NONE:
		return "none";
	case HS_DIAG_OTHER_PSK:
		return "other-psk";
	case HS_DIAG_STALE_ANONCE:
		return "stale-anonce";
	case HS_DIAG_DESC_VERSION:
		return "descriptor-version";
	case HS_DIAG_STALE_AA:
		return "stale-aa";
	}
	return "?";
}

/* --- configuration --- */

void hs_timeouts_default(struct hs_timeouts *t)
{
	t->pairwise_first_ms = 100;
	t->pairwise_ms = 1000;
	t->group_first_ms = 500;
	t->group_ms = 1000;
	t->pairwise_tries = 4;
	t->group_tries = 4;
	t->g1_after_ptk_us = 0;
}

void hs_config_init(struct hs_config *cfg, enum hs_role role)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->role = role;
	cfg->proto = IE_PROTO_RSN;
	cfg->pairwise_cipher = WPA_CIPHER_CCMP;
	cfg->group_cipher = WPA_CIPHER_CCMP;
	/* hostapd's eapol_version defaults to 2, wpa_supplicant's to 1 */
	cfg->eapol_version = role == HS_ROLE_AUTHENTICATOR ? EAPOL_VERSION_2004 :
							      EAPOL_VERSION_2001;
	hs_timeouts_default(&cfg->timeouts);
}

int hs_config_build_own_ie(struct hs_config *cfg)
{
	return hs_config_build_own_ie_pmkid(cfg, NULL);
}

int hs_config_build_own_ie_pmkid(struct hs_config *cfg, const uint8_t *pmkid)
{
	struct wpa_ie_info info;

	memset(&info, 0, sizeof(info));
	info.proto = cfg->proto;
	info.version = 1;
	info.group_cipher = cfg->group_cipher;
	info.pairwise_ciphers = cfg->pairwise_cipher;
	info.akms = hs_config_akm(cfg);
	if (cfg->proto == IE_PROTO_RSN)
		info.rsn_caps = cfg->rsn_caps;
	if (pmkid) {
		memcpy(info.pmkid[0], pmkid, 16);
		info.pmkid_count = 1;
	}
	return ie_build(&info, cfg->own_ie, sizeof(cfg->own_ie), &cfg->own_ie_len);
}

uint32_t hs_config_akm(const struct hs_config *cfg)
{
	return cfg->akm ? cfg->akm : WPA_AKM_PSK;
}

unsigned int hs_config_desc_version(const struct hs_config *cfg)
{
	int v = wpa_akm_key_desc_ver(hs_config_akm(cfg), cfg->pairwise_cipher);

	return v < 0 ? hs_desc_version(cfg->pairwise_cipher) : (unsigned int)v;
}

unsigned int hs_desc_version(uint32_t pairwise_cipher)
{
	/* 12.7.2 b.1: 1 for TKIP (HMAC-MD5, RC4), 2 for CCMP (HMAC-SHA1, AES) */
	return pairwise_cipher == WPA_CIPHER_TKIP ? KEY_DESC_VER_HMAC_MD5_RC4 :
						    KEY_DESC_VER_HMAC_SHA1_AES;
}

unsigned int hs_other_version(unsigned int ver)
{
	return ver == KEY_DESC_VER_HMAC_MD5_RC4 ? KEY_DESC_VER_HMAC_SHA1_AES :
						  KEY_DESC_VER_HMAC_MD5_RC4;
}

/* --- AP policy --- */

static uint32_t policy_rsn_pairwise(const struct hs_ap_policy *p)
{
	return p->rsn_pairwise ? p->rsn_pairwise : p->wpa_pairwise;
}

/* The AKMs offered with proto: WPA1 knows only PSK of ours. */
static uint32_t policy_akms(const struct hs_ap_policy *p, enum ie_proto proto)
{
	uint32_t akms = p->akms ? p->akms : WPA_AKM_PSK;

	return proto == IE_PROTO_WPA ? akms & WPA_AKM_PSK : akms;
}

static uint32_t policy_group_mgmt(const struct hs_ap_policy *p)
{
	return p->group_mgmt_cipher ? p->group_mgmt_cipher : WPA_CIPHER_GROUP_MGMT_DEFAULT;
}

uint32_t hs_ap_policy_group_cipher(const struct hs_ap_policy *p)
{
	uint32_t all = 0;

	if (p->wpa & 1)
		all |= p->wpa_pairwise;
	if (p->wpa & 2)
		all |= policy_rsn_pairwise(p);
	return (all & WPA_CIPHER_TKIP) ? WPA_CIPHER_TKIP : WPA_CIPHER_CCMP;
}

int hs_ap_policy_build_ie(const struct hs_ap_policy *p, enum ie_proto proto,
			  uint8_t *out, size_t cap, size_t *out_len)
{
	struct wpa_ie_info info;

	memset(&info, 0, sizeof(info));
	info.proto = proto;
	info.version = 1;
	info.group_cipher = hs_ap_policy_group_cipher(p);
	info.akms = policy_akms(p, proto);
	if (!info.akms)
		return -EINVAL;
	switch (proto) {
	case IE_PROTO_WPA:
		if (!(p->wpa & 1))
			return -EINVAL;
		info.pairwise_ciphers = p->wpa_pairwise;
		break;
	case IE_PROTO_RSN:
		if (!(p->wpa & 2))
			return -EINVAL;
		info.pairwise_ciphers = policy_rsn_pairwise(p);
		/* 9.4.2.24.4 MFPC/MFPR; the Group Management Cipher Suite
		 * field only for a cipher other than the default (as hostapd) */
		info.rsn_caps = ie_pmf_rsn_caps(p->pmf);
		if (p->pmf != IE_PMF_DISABLED &&
		    policy_group_mgmt(p) != WPA_CIPHER_GROUP_MGMT_DEFAULT) {
			info.has_group_mgmt = true;
			info.group_mgmt_cipher = policy_group_mgmt(p);
		}
		break;
	case IE_PROTO_NONE:
		return -EINVAL;
	}
	return ie_build(&info, out, cap, out_len);
}

int hs_ap_policy_build_ies(const struct hs_ap_policy *p, uint8_t *out, size_t cap,
			   size_t *out_len)
{
	size_t used = 0, n;
	int ret;

	if (!(p->wpa & 3))
		return -EINVAL;
	if (p->wpa & 2) {
		ret = hs_ap_policy_build_ie(p, IE_PROTO_RSN, out, cap, &n);
		if (ret)
			return ret;
		used += n;
	}
	if (p->wpa & 1) {
		ret = hs_ap_policy_build_ie(p, IE_PROTO_WPA, out + used, cap - used, &n);
		if (ret)
			return ret;
		used += n;
	}
	*out_len = used;
	return 0;
}

int hs_ap_policy_check_assoc(const struct hs_ap_policy *p, const uint8_t *ie,
			     size_t len, struct hs_assoc_sec *out, uint16_t *status,
			     const char **why)
{
	struct wpa_ie_info info;
	uint32_t offered, group = hs_ap_policy_group_cipher(p);
	const char *dummy;
	bool use_pmf = false;
	int ret;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof(*out));
	*status = 40;	/* invalid element */
	ret = ie_parse_wpa_any(ie, len, &info, why);
	if (ret == -EPROTONOSUPPORT) {
		*status = 44;
		return -EINVAL;
	}
	if (ret)
		return -EINVAL;
	if (info.proto == IE_PROTO_WPA && !(p->wpa & 1)) {
		*why = "WPA element but the AP does not offer WPA";
		return -EINVAL;
	}
	if (info.proto == IE_PROTO_RSN && !(p->wpa & 2)) {
		*why = "RSN element but the AP does not offer RSN";
		return -EINVAL;
	}
	if (info.group_cipher != group) {
		*status = 41;
		*why = "group cipher differs from the AP's";
		return -EINVAL;
	}
	offered = info.proto == IE_PROTO_WPA ? p->wpa_pairwise : policy_rsn_pairwise(p);
	if (info.pairwise_count != 1 || !(info.pairwise_ciphers & offered) ||
	    (info.pairwise_ciphers & ~(WPA_CIPHER_TKIP | WPA_CIPHER_CCMP))) {
		*status = 42;
		*why = "pairwise cipher not offered (or not exactly one)";
		return -EINVAL;
	}
	if (info.akm_count != 1 || !wpa_single_bit(info.akms) ||
	    !(info.akms & policy_akms(p, info.proto))) {
		*status = 43;
		*why = "AKM is not one the AP offers";
		return -EINVAL;
	}
	if (info.pairwise_ciphers == WPA_CIPHER_TKIP && group == WPA_CIPHER_CCMP) {
		*status = 42;
		*why = "TKIP pairwise with a CCMP group cipher is not allowed";
		return -EINVAL;
	}
	/* 12.6.3, Table 12-6: MFPC/MFPR of both sides */
	if (ie_pmf_ap_check(p->pmf, policy_group_mgmt(p), &info, &use_pmf, status, why))
		return -EINVAL;
	out->proto = info.proto;
	out->pairwise = info.pairwise_ciphers;
	out->akm = info.akms;
	out->pmf = use_pmf;
	out->pmkid_count = info.pmkid_count;
	memcpy(out->pmkid, info.pmkid, sizeof(out->pmkid));
	*status = 0;
	*why = NULL;
	return 0;
}

int hs_ap_policy_check_assoc_ie(const struct hs_ap_policy *p, const uint8_t *ie,
				size_t len, enum ie_proto *proto, uint32_t *pairwise,
				uint16_t *status, const char **why)
{
	struct hs_assoc_sec sec;
	int ret = hs_ap_policy_check_assoc(p, ie, len, &sec, status, why);

	if (ret)
		return ret;
	*proto = sec.proto;
	*pairwise = sec.pairwise;
	return 0;
}

/* --- base --- */

void hs_base_init(struct hs_base *b, struct loop *loop, const struct hs_ops *ops,
		  void *ctx, enum hs_role role, const uint8_t *peer)
{
	memset(b, 0, sizeof(*b));
	b->loop = loop;
	b->ops = *ops;
	b->ctx = ctx;
	b->role = role;
	b->faults = &b->own_faults;
	if (peer)
		memcpy(b->peer, peer, 6);
	mac_str(b->peer, b->peer_str);
}

static void held_free(struct hs_held *h)
{
	secure_zero(h->frame, sizeof(h->frame));
	free(h);
}

void hs_base_cleanup(struct hs_base *b)
{
	while (b->held) {
		struct hs_held *h = b->held;

		b->held = h->next;
		loop_timer_cancel(b->loop, h->timer);
		held_free(h);
	}
	secure_zero(&b->own_faults, sizeof(b->own_faults));
	b->faults = &b->own_faults;
}

/* Time is the loop's: tests replace the loop's clock (loop_set_clock). */
uint64_t hs_now(struct hs_base *b)
{
	return loop_now_us(b->loop);
}

int hs_random(struct hs_base *b, uint8_t *buf, size_t len)
{
	if (b->ops.random)
		return b->ops.random(b->ctx, buf, len);
	return crypto_random(buf, len);
}

void hs_emit(struct hs_base *b, enum log_level lvl, struct hs_event *ev,
	     const char *fmt, ...)
{
	char line[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_printf(lvl, HS_TAG, "%s", line);
	ev->role = b->role;
	if (!ev->peer)
		ev->peer = b->peer;
	ev->text = line;
	ev->msg_num = eapol_msg_number(ev->msg);
	if (b->ops.event)
		b->ops.event(b->ctx, ev);
	ev->text = NULL;	/* line dies here; callers may reuse ev */
}

void hs_fault_fired(struct hs_base *b, enum hs_fault_kind k, enum eapol_msg m,
		    const char *fmt, ...)
{
	struct hs_event ev = { .type = HS_EV_FAULT, .fault = k, .msg = m };
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	hs_emit(b, LOG_LVL_INFO, &ev, "WPA: %s fault %s: %s", b->peer_str, hs_fault_name(k),
		what);
}

static void held_fire(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct hs_held *h = ctx;
	struct hs_base *b = h->b;

	for (struct hs_held **pp = &b->held; *pp; pp = &(*pp)->next) {
		if (*pp == h) {
			*pp = h->next;
			break;
		}
	}
	if (b->ops.tx)
		b->ops.tx(b->ctx, b->peer, h->frame, h->len);
	held_free(h);
}

/* Send frame hold_us from now; 0 or -errno. */
static int hold(struct hs_base *b, const uint8_t *frame, size_t len, uint64_t hold_us)
{
	struct hs_held *h;

	if (len > sizeof(h->frame))
		return -EMSGSIZE;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->b = b;
	memcpy(h->frame, frame, len);
	h->len = len;
	h->timer = loop_timer_add(b->loop, hold_us, held_fire, h);
	if (!h->timer) {
		held_free(h);
		return -ENOMEM;
	}
	h->next = b->held;
	b->held = h;
	return 0;
}

int hs_tx(struct hs_base *b, enum eapol_msg m, const uint8_t *frame, size_t len,
	  uint64_t hold_us)
{
	uint8_t copy[EAPOL_KEY_FRAME_MAX];
	uint32_t delay_ms = 0;
	int ret;

	if (hs_fault_take_msg(b->faults, HS_FAULT_DROP_MSG, m, NULL)) {
		hs_fault_fired(b, HS_FAULT_DROP_MSG, m, "not sending msg %s",
			       hs_fault_msg_name(m));
		return 0;
	}
	if (len > EAPOL_KEY_OFF_MIC && len <= sizeof(copy) &&
	    hs_fault_take_msg(b->faults, HS_FAULT_CORRUPT_MIC, m, NULL)) {
		memcpy(copy, frame, len);
		copy[EAPOL_KEY_OFF_MIC] ^= 0x01;
		frame = copy;
		hs_fault_fired(b, HS_FAULT_CORRUPT_MIC, m, "flipped a MIC bit of msg %s",
			       hs_fault_msg_name(m));
	}
	if (hs_fault_take_msg(b->faults, HS_FAULT_DELAY_MSG, m, &delay_ms)) {
		ret = hold(b, frame, len, (uint64_t)delay_ms * 1000);
		if (!ret) {
			struct hs_event ev = { .type = HS_EV_FAULT, .fault = HS_FAULT_DELAY_MSG,
					       .msg = m, .delay_ms = delay_ms };

			hs_emit(b, LOG_LVL_INFO, &ev, "WPA: %s fault %s: msg %s held for %u ms",
				b->peer_str, hs_fault_name(HS_FAULT_DELAY_MSG),
				hs_fault_msg_name(m), delay_ms);
		}
		goto cleanup;
	}
	if (hold_us) {
		ret = hold(b, frame, len, hold_us);
		if (!ret) {
			log_dbg(HS_TAG, "WPA: %s: msg %s held %llu us", b->peer_str,
				hs_fault_msg_name(m), (unsigned long long)hold_us);
			goto cleanup;
		}
	}
	ret = b->ops.tx ? b->ops.tx(b->ctx, b->peer, frame, len) : -ENOTCONN;
cleanup:
	secure_zero(copy, sizeof(copy));
	return ret;
}

bool hs_rx_faults(struct hs_base *b, const uint8_t **frame, size_t len, uint8_t *copy)
{
	struct eapol_key k;
	enum eapol_msg m;

	if (!hs_faults_any(b->faults) || eapol_key_parse(*frame, len, &k, NULL))
		return false;
	m = eapol_key_classify(&k);
	if (m == EAPOL_MSG_REQUEST)
		return false;
	if (hs_fault_take_msg(b->faults, HS_FAULT_DROP_MSG, m, NULL)) {
		hs_fault_fired(b, HS_FAULT_DROP_MSG, m, "ignoring received msg %s",
			       hs_fault_msg_name(m));
		return true;
	}
	if (len > EAPOL_KEY_OFF_MIC && len <= EAPOL_KEY_FRAME_MAX &&
	    hs_fault_take_msg(b->faults, HS_FAULT_CORRUPT_MIC, m, NULL)) {
		memcpy(copy, *frame, len);
		copy[EAPOL_KEY_OFF_MIC] ^= 0x01;
		*frame = copy;
		hs_fault_fired(b, HS_FAULT_CORRUPT_MIC, m, "flipped a MIC bit of received msg %s",
			       hs_fault_msg_name(m));
	}
	return false;
}

int hs_derive_ptk(uint32_t akm, const uint8_t *pmk, const uint8_t *aa,
		  const uint8_t *spa, const uint8_t *anonce, const uint8_t *snonce,
		  uint8_t *ptk, size_t ptk_len)
{
	if (akm && wpa_akm_uses_sha256(akm))
		return crypto_derive_ptk_sha256(pmk, aa, spa, anonce, snonce, ptk,
						ptk_len);
	return crypto_derive_ptk(pmk, aa, spa, anonce, snonce, ptk, ptk_len);
}

int hs_build_frame(const struct eapol_key_params *p, uint32_t akm,
		   unsigned int mic_ver, const uint8_t *kck, uint8_t *out,
		   size_t cap, size_t *len)
{
	int ret;

	ret = eapol_key_build(p, out, cap, len);
	if (ret || !(p->key_info & KEY_INFO_MIC))
		return ret;
	ret = eapol_mic_set_akm(akm ? akm : WPA_AKM_PSK, mic_ver, kck, out, *len);
	/* the desc-version fault: a version the AKM does not take */
	if (ret == -EINVAL && mic_ver != KEY_DESC_VER_AKM_DEFINED)
		ret = eapol_mic_set(mic_ver, kck, out, *len);
	return ret;
}

bool hs_mic_verify(uint32_t akm, const uint8_t *kck, const struct eapol_key *k)
{
	return eapol_mic_verify_akm(akm ? akm : WPA_AKM_PSK, eapol_key_desc_ver(k), kck, k);
}

int hs_install(struct hs_base *b, const struct hs_key *key)
{
	if (!b->ops.install_key)
		return -ENOTSUP;
	return b->ops.install_key(b->ctx, key);
}
