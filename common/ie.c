// SPDX-License-Identifier: MIT
/* ie.c: element iterator, RSN element and WPA vendor element. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "ie.h"
#include "mgmt.h"
#include "util.h"

#define WPA_OUI_TYPE 1

/* Length limits of the element bodies we know (9.4.2). IDs not listed
 * accept 0..255. */
struct ie_len_rule {
	uint8_t id;
	uint8_t min;
	uint8_t max;
};

static const struct ie_len_rule ie_len_rules[] = {
	{ IE_SSID, 0, 32 },
	{ IE_SUPP_RATES, 1, 8 },
	{ IE_DS_PARAMS, 1, 1 },
	{ IE_TIM, 4, 254 },
	{ IE_COUNTRY, 3, 255 },
	{ IE_MEAS_REQUEST, 3, 255 },	/* token, mode, type (9.4.2.20) */
	{ IE_MEAS_REPORT, 3, 255 },	/* token, mode, type (9.4.2.21) */
	{ IE_ERP, 1, 1 },
	{ IE_HT_CAP, 26, 26 },
	{ IE_RSN, 2, 255 },
	{ IE_EXT_SUPP_RATES, 1, 255 },
	{ IE_NEIGHBOR_REPORT, 13, 255 },	/* BSSID .. PHY type (9.4.2.36) */
	{ IE_MDE, 3, 3 },		/* MDID, FT capability and policy */
	{ IE_FTE, 82, 255 },		/* MIC control, MIC(16), ANonce, SNonce */
	{ IE_TIMEOUT_INTERVAL, 5, 5 },	/* type, value (9.4.2.49) */
	{ IE_HT_OPER, 22, 22 },
	{ IE_MME, 16, 24 },		/* key ID, IPN, MIC of 8 or 16 (9.4.2.54) */
	{ IE_EXT_CAP, 1, 255 },
	{ IE_VENDOR, 3, 255 },
};

bool ie_len_valid(uint8_t id, uint8_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(ie_len_rules); i++)
		if (ie_len_rules[i].id == id)
			return len >= ie_len_rules[i].min &&
			       len <= ie_len_rules[i].max;
	return true;
}

void ie_iter_init(struct ie_iter *it, const uint8_t *buf, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->buf = buf;
	it->buf_len = buf ? len : 0;
}

void ie_iter_init_raw(struct ie_iter *it, const uint8_t *buf, size_t len)
{
	ie_iter_init(it, buf, len);
	it->raw = true;
}

void ie_iter_init_key_data(struct ie_iter *it, const uint8_t *buf, size_t len)
{
	ie_iter_init_raw(it, buf, len);
	it->key_data = true;
}

/* True if buf[pos..len) is padding: 0xdd then only zeros. */
static bool is_padding(const uint8_t *buf, size_t pos, size_t len)
{
	if (buf[pos] != IE_VENDOR)
		return false;
	for (size_t i = pos + 1; i < len; i++)
		if (buf[i])
			return false;
	return true;
}

bool ie_iter_next(struct ie_iter *it)
{
	size_t left;

	if (it->error)
		return false;
	left = it->buf_len - it->pos;
	if (left == 0)
		return false;
	if (it->key_data && is_padding(it->buf, it->pos, it->buf_len))
		return false;
	if (left < IE_HDR_LEN) {
		it->error = -EBADMSG;
		it->why = "truncated element header";
		return false;
	}
	it->id = it->buf[it->pos];
	it->len = it->buf[it->pos + 1];
	if ((size_t)it->len > left - IE_HDR_LEN) {
		it->error = -EBADMSG;
		it->why = "element runs past the end of the buffer";
		return false;
	}
	if (!it->raw && !ie_len_valid(it->id, it->len)) {
		it->error = -EINVAL;
		it->why = "element length outside the limits for its ID";
		return false;
	}
	it->data = it->buf + it->pos + IE_HDR_LEN;
	it->pos += IE_HDR_LEN + it->len;
	return true;
}

int ie_validate(const uint8_t *buf, size_t len, const char **why)
{
	struct ie_iter it;

	ie_iter_init(&it, buf, len);
	while (ie_iter_next(&it))
		;
	if (why)
		*why = it.why;
	return it.error;
}

bool ie_is_one(const uint8_t *buf, size_t len, uint8_t id)
{
	return buf && len >= IE_HDR_LEN && buf[0] == id &&
	       (size_t)buf[1] + IE_HDR_LEN == len;
}

int ie_body_elems(const uint8_t *body, size_t len, size_t fixed, const uint8_t **elems,
		  size_t *elems_len, const char **why)
{
	*elems = body + fixed;
	*elems_len = len - fixed;
	return ie_validate(*elems, *elems_len, why) ? -EBADMSG : 0;
}

const uint8_t *ie_find(const uint8_t *buf, size_t len, uint8_t id, size_t *elen)
{
	struct ie_iter it;

	ie_iter_init(&it, buf, len);
	while (ie_iter_next(&it)) {
		if (it.id == id) {
			if (elen)
				*elen = IE_HDR_LEN + it.len;
			return it.data - IE_HDR_LEN;
		}
	}
	return NULL;
}

const uint8_t *ie_find_vendor(const uint8_t *buf, size_t len, const uint8_t oui[3],
			      uint8_t type, size_t *elen)
{
	struct ie_iter it;

	ie_iter_init(&it, buf, len);
	while (ie_iter_next(&it)) {
		if (it.id == IE_VENDOR && it.len >= 4 &&
		    memcmp(it.data, oui, 3) == 0 && it.data[3] == type) {
			if (elen)
				*elen = IE_HDR_LEN + it.len;
			return it.data - IE_HDR_LEN;
		}
	}
	return NULL;
}

const uint8_t *ie_find_wpa(const uint8_t *buf, size_t len, size_t *elen)
{
	return ie_find_vendor(buf, len, wpa_oui, WPA_OUI_TYPE, elen);
}

/* Key data may end in padding (0xdd followed by zeros, 12.7.2): the key
 * data iterator stops there. */
const uint8_t *ie_find_wpa_any(const uint8_t *buf, size_t len, enum ie_proto proto,
			       size_t *elen)
{
	struct ie_iter it;

	ie_iter_init_key_data(&it, buf, len);
	while (ie_iter_next(&it)) {
		if ((proto == IE_PROTO_RSN && it.id == IE_RSN) ||
		    (proto == IE_PROTO_WPA && it.id == IE_VENDOR && it.len >= 4 &&
		     memcmp(it.data, wpa_oui, 3) == 0 && it.data[3] == WPA_OUI_TYPE)) {
			if (elen)
				*elen = IE_HDR_LEN + it.len;
			return it.data - IE_HDR_LEN;
		}
	}
	return NULL;
}

/* --- parse --- */

static int parse_suite_list(struct rbuf *r, enum ie_proto proto, bool akm,
			    uint32_t *set, uint16_t *count, const char **why)
{
	uint16_t n;

	if (!rbuf_get_le16(r, &n)) {
		*why = akm ? "truncated AKM suite count" :
			     "truncated pairwise suite count";
		return -EINVAL;
	}
	*count = n;
	if (n == 0) {
		*why = akm ? "AKM suite count is zero" :
			     "pairwise suite count is zero";
		return -EINVAL;
	}
	if ((size_t)n * 4 > rbuf_left(r)) {
		*why = akm ? "AKM suite list runs past the element" :
			     "pairwise suite list runs past the element";
		return -EINVAL;
	}
	*set = 0;
	for (uint16_t i = 0; i < n; i++) {
		const uint8_t *s;

		if (!rbuf_get_ptr(r, &s, 4))
			return -EINVAL;
		*set |= akm ? wpa_akm_from_suite(s, proto) : wpa_cipher_from_suite(s, proto);
	}
	return 0;
}

/* The PMKID list (count + PMKIDs, 9.4.2.24.1), if present. */
static int parse_pmkids(struct rbuf *r, struct wpa_ie_info *info,
			const char **why)
{
	uint16_t n;

	if (rbuf_left(r) == 0)
		return 0;
	if (!rbuf_get_le16(r, &n)) {
		*why = "truncated PMKID count";
		return -EINVAL;
	}
	if ((size_t)n * 16 > rbuf_left(r)) {
		*why = "PMKID list runs past the element";
		return -EINVAL;
	}
	info->pmkid_count = n;
	for (uint16_t i = 0; i < n; i++) {
		const uint8_t *p;

		if (!rbuf_get_ptr(r, &p, 16))
			return -EINVAL;
		if (i < WPA_IE_MAX_PMKID)
			memcpy(info->pmkid[i], p, 16);
	}
	return 0;
}

/* The Group Management Cipher Suite (9.4.2.24.1), after the PMKID list.
 * Absent, it defaults to BIP-CMAC-128, which means something only with
 * MFPC. Present, it holds a BIP suite (9.4.2.24.2) or one we do not know
 * (WPA_CIPHER_OTHER, for the policy check to refuse); a data cipher there
 * is invalid. Later fields (extended RSN capabilities...) are ignored. */
static int parse_group_mgmt(struct rbuf *r, enum ie_proto proto,
			    struct wpa_ie_info *info, const char **why)
{
	const uint8_t *s;

	if (rbuf_left(r) == 0) {
		if (info->rsn_caps & RSN_CAP_MFPC)
			info->group_mgmt_cipher = WPA_CIPHER_GROUP_MGMT_DEFAULT;
		return 0;
	}
	if (!rbuf_get_ptr(r, &s, 4)) {
		*why = "truncated group management cipher suite";
		return -EINVAL;
	}
	info->group_mgmt_cipher = wpa_cipher_from_suite(s, proto);
	info->has_group_mgmt = true;
	if (info->group_mgmt_cipher != WPA_CIPHER_OTHER &&
	    !wpa_cipher_is_group_mgmt(info->group_mgmt_cipher)) {
		*why = "group management cipher suite is not a BIP suite";
		return -EINVAL;
	}
	return 0;
}

/* Body parse shared by RSN and WPA: r is positioned at the version. */
static int parse_body(struct rbuf *r, enum ie_proto proto,
		      struct wpa_ie_info *info, const char **why)
{
	const uint8_t *s;
	int ret;

	memset(info, 0, sizeof(*info));
	info->proto = proto;
	if (!rbuf_get_le16(r, &info->version)) {
		*why = "truncated version";
		return -EINVAL;
	}
	if (info->version != 1) {
		*why = "unsupported version";
		return -EPROTONOSUPPORT;
	}
	/* 9.4.2.24.1: omitted trailing fields take defaults. */
	info->group_cipher = proto == IE_PROTO_RSN ? WPA_CIPHER_CCMP : WPA_CIPHER_TKIP;
	info->pairwise_ciphers = info->group_cipher;
	info->akms = WPA_AKM_8021X;
	info->pairwise_count = 1;
	info->akm_count = 1;
	if (rbuf_left(r) == 0)
		return 0;
	if (!rbuf_get_ptr(r, &s, 4)) {
		*why = "truncated group cipher suite";
		return -EINVAL;
	}
	info->group_cipher = wpa_cipher_from_suite(s, proto);
	if (info->group_cipher == WPA_CIPHER_USE_GROUP) {
		*why = "group cipher suite is 'use group'";
		return -EINVAL;
	}
	if (rbuf_left(r) == 0)
		return 0;
	ret = parse_suite_list(r, proto, false, &info->pairwise_ciphers,
			       &info->pairwise_count, why);
	if (ret)
		return ret;
	if (rbuf_left(r) == 0)
		return 0;
	ret = parse_suite_list(r, proto, true, &info->akms, &info->akm_count, why);
	if (ret)
		return ret;
	if (rbuf_left(r) == 0)
		return 0;
	if (!rbuf_get_le16(r, &info->rsn_caps)) {
		*why = "truncated capabilities";
		return -EINVAL;
	}
	info->has_caps = true;
	if (proto == IE_PROTO_WPA) {
		/* WPA1 ends with the capabilities; ignore anything more. */
		return 0;
	}
	ret = parse_pmkids(r, info, why);
	if (ret)
		return ret;
	return parse_group_mgmt(r, proto, info, why);
}

int ie_parse_rsn(const uint8_t *ie, size_t len, struct wpa_ie_info *info,
		 const char **why)
{
	const char *dummy;
	struct rbuf r;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!ie || len < IE_HDR_LEN || ie[0] != IE_RSN) {
		*why = "not an RSN element";
		return -ENOENT;
	}
	if ((size_t)ie[1] + IE_HDR_LEN != len) {
		*why = "element length does not match the buffer";
		return -EINVAL;
	}
	rbuf_init(&r, ie + IE_HDR_LEN, ie[1]);
	return parse_body(&r, IE_PROTO_RSN, info, why);
}

int ie_parse_wpa(const uint8_t *ie, size_t len, struct wpa_ie_info *info,
		 const char **why)
{
	const char *dummy;
	struct rbuf r;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!ie || len < IE_HDR_LEN + 4 || ie[0] != IE_VENDOR ||
	    memcmp(ie + 2, wpa_oui, 3) != 0 || ie[5] != WPA_OUI_TYPE) {
		*why = "not a WPA vendor element";
		return -ENOENT;
	}
	if ((size_t)ie[1] + IE_HDR_LEN != len) {
		*why = "element length does not match the buffer";
		return -EINVAL;
	}
	rbuf_init(&r, ie + IE_HDR_LEN + 4, ie[1] - 4u);
	return parse_body(&r, IE_PROTO_WPA, info, why);
}

int ie_parse_wpa_any(const uint8_t *ie, size_t len, struct wpa_ie_info *info,
		     const char **why)
{
	if (ie && len >= 1 && ie[0] == IE_RSN)
		return ie_parse_rsn(ie, len, info, why);
	return ie_parse_wpa(ie, len, info, why);
}

/* --- build --- */

static void put_suite(struct wbuf *w, const uint8_t *oui, int type)
{
	wbuf_put_data(w, oui, 3);
	wbuf_put_u8(w, (uint8_t)type);
}

int ie_build(const struct wpa_ie_info *info, uint8_t *out, size_t cap,
	     size_t *out_len)
{
	static const uint32_t pw_order[] = { WPA_CIPHER_CCMP, WPA_CIPHER_TKIP };
	static const uint32_t akm_order[] = {
		WPA_AKM_8021X, WPA_AKM_PSK, WPA_AKM_FT_8021X, WPA_AKM_FT_PSK,
		WPA_AKM_PSK_SHA256, WPA_AKM_SAE, WPA_AKM_FT_SAE,
	};
	const uint8_t *oui;
	uint8_t tmp[IE_MAX_LEN];
	struct wbuf w;
	/* WPA1 knows only the first two AKMs (00-50-f2:1, 2); FT ones (3, 4,
	 * 9) are RSN only */
	size_t n_akm = info->proto == IE_PROTO_RSN ? ARRAY_SIZE(akm_order) : 2;
	uint32_t akm_set = 0;
	uint16_t n;
	int gt;

	if (info->proto != IE_PROTO_RSN && info->proto != IE_PROTO_WPA)
		return -EINVAL;
	gt = wpa_cipher_suite_type(info->group_cipher);
	if (!wpa_single_bit(info->group_cipher) || gt <= 0)
		return -EINVAL;
	for (size_t i = 0; i < n_akm; i++)
		akm_set |= akm_order[i];
	if (!(info->pairwise_ciphers & (WPA_CIPHER_CCMP | WPA_CIPHER_TKIP)) ||
	    !(info->akms & akm_set))
		return -EINVAL;
	if (info->proto == IE_PROTO_RSN && info->has_group_mgmt &&
	    !wpa_cipher_is_group_mgmt(info->group_mgmt_cipher))
		return -EINVAL;
	oui = info->proto == IE_PROTO_RSN ? rsn_oui : wpa_oui;

	wbuf_init(&w, tmp, sizeof(tmp));
	if (info->proto == IE_PROTO_RSN) {
		wbuf_put_u8(&w, IE_RSN);
		wbuf_put_u8(&w, 0);	/* length, patched below */
	} else {
		wbuf_put_u8(&w, IE_VENDOR);
		wbuf_put_u8(&w, 0);
		put_suite(&w, wpa_oui, WPA_OUI_TYPE);
	}
	wbuf_put_le16(&w, 1);
	put_suite(&w, oui, gt);
	n = 0;
	for (size_t i = 0; i < ARRAY_SIZE(pw_order); i++)
		n += !!(info->pairwise_ciphers & pw_order[i]);
	wbuf_put_le16(&w, n);
	for (size_t i = 0; i < ARRAY_SIZE(pw_order); i++)
		if (info->pairwise_ciphers & pw_order[i])
			put_suite(&w, oui, wpa_cipher_suite_type(pw_order[i]));
	n = 0;
	for (size_t i = 0; i < n_akm; i++)
		n += !!(info->akms & akm_order[i]);
	wbuf_put_le16(&w, n);
	for (size_t i = 0; i < n_akm; i++)
		if (info->akms & akm_order[i])
			put_suite(&w, oui, wpa_akm_suite_type(akm_order[i]));
	if (info->proto == IE_PROTO_RSN) {
		wbuf_put_le16(&w, info->rsn_caps);
		/* 9.4.2.24.1: a later field needs every field before it, so a
		 * group management cipher brings a PMKID count, maybe 0. */
		if (info->pmkid_count || info->has_group_mgmt) {
			size_t k = info->pmkid_count;

			if (k > WPA_IE_MAX_PMKID)
				return -EINVAL;
			wbuf_put_le16(&w, (uint16_t)k);
			for (size_t i = 0; i < k; i++)
				wbuf_put_data(&w, info->pmkid[i], 16);
		}
		if (info->has_group_mgmt)
			put_suite(&w, rsn_oui,
				  wpa_cipher_suite_type(info->group_mgmt_cipher));
	}
	if (!wbuf_ok(&w) || w.len - IE_HDR_LEN > 255)
		return -EINVAL;
	tmp[1] = (uint8_t)(w.len - IE_HDR_LEN);
	if (w.len > cap)
		return -ENOSPC;
	memcpy(out, tmp, w.len);
	*out_len = w.len;
	return 0;
}

/* --- management frame protection policy (12.6.3) --- */

const char *ie_pmf_name(enum ie_pmf pmf)
{
	switch (pmf) {
	case IE_PMF_DISABLED:
		return "disabled";
	case IE_PMF_OPTIONAL:
		return "optional";
	case IE_PMF_REQUIRED:
		return "required";
	}
	return "?";
}

uint16_t ie_pmf_rsn_caps(enum ie_pmf pmf)
{
	switch (pmf) {
	case IE_PMF_DISABLED:
		return 0;
	case IE_PMF_OPTIONAL:
		return RSN_CAP_MFPC;
	case IE_PMF_REQUIRED:
		return RSN_CAP_MFPC | RSN_CAP_MFPR;
	}
	return 0;
}

bool ie_pmf_caps_valid(uint16_t caps)
{
	return !(caps & RSN_CAP_MFPR) || (caps & RSN_CAP_MFPC);
}

static int pmf_reject(uint16_t *status, uint16_t code, const char **why,
		      const char *text)
{
	*status = code;
	*why = text;
	return -EINVAL;
}

int ie_pmf_ap_check(enum ie_pmf ap, uint32_t ap_group_mgmt,
		    const struct wpa_ie_info *sta, bool *use_pmf,
		    uint16_t *status, const char **why)
{
	const char *dummy;
	bool sta_mfpc, sta_mfpr;

	if (!why)
		why = &dummy;
	*why = NULL;
	*use_pmf = false;
	*status = MGMT_STATUS_SUCCESS;
	sta_mfpc = sta->proto == IE_PROTO_RSN && (sta->rsn_caps & RSN_CAP_MFPC);
	sta_mfpr = sta->proto == IE_PROTO_RSN && (sta->rsn_caps & RSN_CAP_MFPR);
	/* 9.4.2.24.4: MFPR without MFPC is not a valid combination. */
	if (sta_mfpr && !sta_mfpc)
		return pmf_reject(status, MGMT_STATUS_INVALID_RSN_IE_CAPAB, why,
				  "STA sets MFPR without MFPC");
	switch (ap) {
	case IE_PMF_DISABLED:
		/* Table 12-6: a STA that requires protection from an AP
		 * without MFPC: the AP may reject, with status 31. */
		if (sta_mfpr)
			return pmf_reject(status, MGMT_STATUS_ROBUST_MGMT_POLICY_VIOLATION,
					  why, "STA requires PMF, AP has it disabled");
		return 0;
	case IE_PMF_REQUIRED:
		/* Table 12-6: the AP shall reject a STA without MFPC with
		 * ROBUST_MANAGEMENT_POLICY_VIOLATION. */
		if (!sta_mfpc)
			return pmf_reject(status, MGMT_STATUS_ROBUST_MGMT_POLICY_VIOLATION,
					  why, "AP requires PMF, STA is not capable");
		break;
	case IE_PMF_OPTIONAL:
		if (!sta_mfpc)
			return 0;
		break;
	}
	/* Both capable: protection is on. 12.6.3: TKIP is not a pairwise
	 * cipher for a PMF association. */
	if (sta->pairwise_ciphers & WPA_CIPHER_TKIP)
		return pmf_reject(status, MGMT_STATUS_ROBUST_MGMT_POLICY_VIOLATION,
				  why, "PMF with a TKIP pairwise cipher");
	if (sta->group_mgmt_cipher != ap_group_mgmt)
		return pmf_reject(status, MGMT_STATUS_CIPHER_REJECTED_PER_POLICY,
				  why, "group management cipher differs from the AP's");
	*use_pmf = true;
	return 0;
}

int ie_pmf_sta_check(enum ie_pmf sta, const struct wpa_ie_info *ap,
		     bool *use_pmf, const char **why)
{
	const char *dummy;
	bool ap_mfpc, ap_mfpr;

	if (!why)
		why = &dummy;
	*why = NULL;
	*use_pmf = false;
	ap_mfpc = ap->proto == IE_PROTO_RSN && (ap->rsn_caps & RSN_CAP_MFPC);
	ap_mfpr = ap->proto == IE_PROTO_RSN && (ap->rsn_caps & RSN_CAP_MFPR);
	if (ap_mfpr && !ap_mfpc) {
		*why = "AP sets MFPR without MFPC";
		return -EINVAL;
	}
	switch (sta) {
	case IE_PMF_DISABLED:
		if (ap_mfpr) {
			*why = "AP requires PMF, STA has it disabled";
			return -EPERM;
		}
		return 0;
	case IE_PMF_REQUIRED:
		if (!ap_mfpc) {
			*why = "STA requires PMF, AP is not capable";
			return -EPERM;
		}
		break;
	case IE_PMF_OPTIONAL:
		if (!ap_mfpc)
			return 0;
		break;
	}
	if (ap->group_mgmt_cipher != WPA_CIPHER_BIP_CMAC) {
		*why = "group management cipher is not BIP-CMAC-128";
		return -EOPNOTSUPP;
	}
	*use_pmf = true;
	return 0;
}

/* --- compare --- */

const char *ie_cmp_result_name(enum ie_cmp_result r)
{
	switch (r) {
	case IE_CMP_EQUAL:
		return "equal";
	case IE_CMP_EQUIVALENT:
		return "equivalent";
	case IE_CMP_MISMATCH:
		return "mismatch";
	case IE_CMP_MALFORMED:
		return "malformed";
	}
	return "?";
}

enum ie_cmp_result ie_compare_assoc(const uint8_t *assoc_ie, size_t assoc_len,
				    const uint8_t *msg_ie, size_t msg_len,
				    const char **why)
{
	struct wpa_ie_info a, m;
	const char *dummy;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!assoc_ie || !msg_ie || !assoc_len || !msg_len) {
		*why = !msg_ie || !msg_len ? "no RSN/WPA element in the EAPOL-Key frame" :
					     "no RSN/WPA element from association";
		return IE_CMP_MISMATCH;
	}
	if (assoc_len == msg_len && memcmp(assoc_ie, msg_ie, msg_len) == 0)
		return IE_CMP_EQUAL;
	if (ie_parse_wpa_any(assoc_ie, assoc_len, &a, why) ||
	    ie_parse_wpa_any(msg_ie, msg_len, &m, why))
		return IE_CMP_MALFORMED;
	if (a.proto != m.proto) {
		*why = "protocol differs (WPA vs RSN)";
		return IE_CMP_MISMATCH;
	}
	if (a.group_cipher != m.group_cipher) {
		*why = "group cipher differs";
		return IE_CMP_MISMATCH;
	}
	if (a.pairwise_ciphers != m.pairwise_ciphers) {
		*why = "pairwise cipher differs";
		return IE_CMP_MISMATCH;
	}
	if (a.akms != m.akms) {
		*why = "AKM differs";
		return IE_CMP_MISMATCH;
	}
	if (a.rsn_caps != m.rsn_caps) {
		*why = "RSN capabilities differ";
		return IE_CMP_MISMATCH;
	}
	if (a.group_mgmt_cipher != m.group_mgmt_cipher) {
		*why = "group management cipher differs";
		return IE_CMP_MISMATCH;
	}
	*why = "same parameters, different encoding";
	return IE_CMP_EQUIVALENT;
}

bool ie_rsnx_sae_h2e(const uint8_t *ies, size_t len)
{
	size_t elen = 0;
	const uint8_t *e = ie_find(ies, len, IE_RSNX, &elen);

	return e && elen >= 3 && (e[2] & RSNX_CAP_SAE_H2E);
}
