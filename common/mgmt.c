// SPDX-License-Identifier: MIT
/* mgmt.c: 802.11 management frame building and parsing (IEEE 802.11-2020
 * 9.3.3) and the L2 Update frame. */
#include <errno.h>
#include <string.h>

#include "ie.h"
#include "mgmt.h"

/* Length of the fixed fields after the MAC header for each subtype
 * (9.3.3.x), or -1 for subtypes we do not parse. */
static int fixed_len(enum mgmt_subtype st)
{
	switch (st) {
	case MGMT_ASSOC_REQ:
		return 4;	/* capab, listen interval (9.3.3.5) */
	case MGMT_REASSOC_REQ:
		return 10;	/* + current AP address (9.3.3.7) */
	case MGMT_ASSOC_RESP:
	case MGMT_REASSOC_RESP:
		return 6;	/* capab, status, AID (9.3.3.6) */
	case MGMT_PROBE_REQ:
		return 0;	/* elements only (9.3.3.9) */
	case MGMT_BEACON:
	case MGMT_PROBE_RESP:
		return 12;	/* timestamp, interval, capab (9.3.3.2) */
	case MGMT_DISASSOC:
	case MGMT_DEAUTH:
		return 2;	/* reason (9.3.3.4, 9.3.3.12) */
	case MGMT_AUTH:
		return 6;	/* alg, transaction, status (9.3.3.11) */
	case MGMT_ACTION:
	case MGMT_ACTION_NOACK:
		return 1;	/* category (9.3.3.13) */
	case MGMT_ATIM:
		return 0;
	case MGMT_TIMING_ADV:
	case MGMT_RESERVED7:
	case MGMT_RESERVED15:
		return -1;
	}
	return -1;
}

bool mgmt_is_mgmt(const uint8_t *frame, size_t len)
{
	if (!frame || len < 2)
		return false;
	return ((get_le16(frame) & MGMT_FC_TYPE_MASK) >> MGMT_FC_TYPE_SHIFT) ==
	       MGMT_FTYPE_MGMT;
}

int mgmt_get_subtype(const uint8_t *frame, size_t len)
{
	if (!mgmt_is_mgmt(frame, len))
		return -1;
	return (get_le16(frame) & MGMT_FC_STYPE_MASK) >> MGMT_FC_STYPE_SHIFT;
}

static int parse(const uint8_t *frame, size_t len, struct mgmt_frame *out,
		 bool decrypted);

int mgmt_parse(const uint8_t *frame, size_t len, struct mgmt_frame *out)
{
	return parse(frame, len, out, false);
}

int mgmt_parse_rx(const uint8_t *frame, size_t len, struct mgmt_frame *out)
{
	return parse(frame, len, out, true);
}

static int parse(const uint8_t *frame, size_t len, struct mgmt_frame *out,
		 bool decrypted)
{
	struct rbuf r;
	const uint8_t *p;
	int flen;

	memset(out, 0, sizeof(*out));
	if (!mgmt_is_mgmt(frame, len))
		return len < 2 ? -EMSGSIZE : -EPROTOTYPE;
	if (len < MGMT_HDR_LEN)
		return -EMSGSIZE;

	out->fc = get_le16(frame);
	out->duration = get_le16(frame + 2);
	memcpy(out->da, frame + 4, ETH_ALEN);
	memcpy(out->sa, frame + 10, ETH_ALEN);
	memcpy(out->bssid, frame + 16, ETH_ALEN);
	out->seq_ctrl = get_le16(frame + 22);
	out->subtype = (enum mgmt_subtype)((out->fc & MGMT_FC_STYPE_MASK) >>
					   MGMT_FC_STYPE_SHIFT);
	out->is_protected = !!(out->fc & MGMT_FC_PROTECTED);
	out->body = frame + MGMT_HDR_LEN;
	out->body_len = len - MGMT_HDR_LEN;

	flen = fixed_len(out->subtype);
	if (flen < 0 || (out->is_protected && !decrypted))
		return 0;	/* header only: body is opaque */
	if (out->body_len < (size_t)flen)
		return -EMSGSIZE;

	rbuf_init(&r, out->body, out->body_len);
	switch (out->subtype) {
	case MGMT_ASSOC_REQ:
	case MGMT_REASSOC_REQ:
		rbuf_get_le16(&r, &out->capab);
		rbuf_get_le16(&r, &out->listen_interval);
		if (out->subtype == MGMT_REASSOC_REQ)
			rbuf_get_data(&r, out->current_ap, ETH_ALEN);
		break;
	case MGMT_ASSOC_RESP:
	case MGMT_REASSOC_RESP:
		rbuf_get_le16(&r, &out->capab);
		rbuf_get_le16(&r, &out->status);
		rbuf_get_le16(&r, &out->aid);
		out->aid &= 0x3fff;	/* 9.4.1.8: top two bits set */
		break;
	case MGMT_BEACON:
	case MGMT_PROBE_RESP:
		rbuf_get_ptr(&r, &p, 8);
		out->timestamp = (uint64_t)get_le32(p + 4) << 32 | get_le32(p);
		rbuf_get_le16(&r, &out->beacon_int);
		rbuf_get_le16(&r, &out->capab);
		break;
	case MGMT_DISASSOC:
	case MGMT_DEAUTH:
		rbuf_get_le16(&r, &out->reason);
		break;
	case MGMT_AUTH:
		rbuf_get_le16(&r, &out->auth_alg);
		rbuf_get_le16(&r, &out->auth_transaction);
		rbuf_get_le16(&r, &out->status);
		break;
	case MGMT_ACTION:
	case MGMT_ACTION_NOACK:
		rbuf_get_u8(&r, &out->category);
		break;
	case MGMT_PROBE_REQ:
	case MGMT_ATIM:
	case MGMT_TIMING_ADV:
	case MGMT_RESERVED7:
	case MGMT_RESERVED15:
		break;
	}
	out->ies = out->body + flen;
	out->ies_len = out->body_len - flen;
	return 0;
}

void mgmt_put_hdr(struct wbuf *w, enum mgmt_subtype st,
		  const uint8_t da[ETH_ALEN], const uint8_t sa[ETH_ALEN],
		  const uint8_t bssid[ETH_ALEN], uint16_t seq_ctrl)
{
	uint16_t fc = MGMT_FTYPE_MGMT << MGMT_FC_TYPE_SHIFT |
		      (uint16_t)st << MGMT_FC_STYPE_SHIFT;

	wbuf_put_le16(w, fc);
	wbuf_put_le16(w, 0);	/* duration: filled in by the hardware */
	wbuf_put_data(w, da, ETH_ALEN);
	wbuf_put_data(w, sa, ETH_ALEN);
	wbuf_put_data(w, bssid, ETH_ALEN);
	wbuf_put_le16(w, seq_ctrl);
}

static int finish(struct wbuf *w, const uint8_t *ies, size_t ies_len)
{
	if (ies_len)
		wbuf_put_data(w, ies, ies_len);
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int mgmt_build_auth(struct wbuf *w, const uint8_t da[ETH_ALEN],
		    const uint8_t sa[ETH_ALEN], const uint8_t bssid[ETH_ALEN],
		    uint16_t alg, uint16_t transaction, uint16_t status,
		    const uint8_t *ies, size_t ies_len)
{
	mgmt_put_hdr(w, MGMT_AUTH, da, sa, bssid, 0);
	wbuf_put_le16(w, alg);
	wbuf_put_le16(w, transaction);
	wbuf_put_le16(w, status);
	return finish(w, ies, ies_len);
}

int mgmt_build_assoc_req(struct wbuf *w, const uint8_t da[ETH_ALEN],
			 const uint8_t sa[ETH_ALEN],
			 const uint8_t bssid[ETH_ALEN], uint16_t capab,
			 uint16_t listen_interval,
			 const uint8_t *current_ap, const uint8_t *ies,
			 size_t ies_len)
{
	mgmt_put_hdr(w, current_ap ? MGMT_REASSOC_REQ : MGMT_ASSOC_REQ, da,
		     sa, bssid, 0);
	wbuf_put_le16(w, capab);
	wbuf_put_le16(w, listen_interval);
	if (current_ap)
		wbuf_put_data(w, current_ap, ETH_ALEN);
	return finish(w, ies, ies_len);
}

int mgmt_build_assoc_resp(struct wbuf *w, bool reassoc,
			  const uint8_t da[ETH_ALEN],
			  const uint8_t sa[ETH_ALEN],
			  const uint8_t bssid[ETH_ALEN], uint16_t capab,
			  uint16_t status, uint16_t aid, const uint8_t *ies,
			  size_t ies_len)
{
	mgmt_put_hdr(w, reassoc ? MGMT_REASSOC_RESP : MGMT_ASSOC_RESP, da, sa,
		     bssid, 0);
	wbuf_put_le16(w, capab);
	wbuf_put_le16(w, status);
	/* 9.4.1.8: the two MSBs of the AID field are set to 1 */
	wbuf_put_le16(w, (uint16_t)((aid & 0x3fff) | 0xc000));
	return finish(w, ies, ies_len);
}

static int build_reason(struct wbuf *w, enum mgmt_subtype st,
			const uint8_t *da, const uint8_t *sa,
			const uint8_t *bssid, uint16_t reason)
{
	mgmt_put_hdr(w, st, da, sa, bssid, 0);
	wbuf_put_le16(w, reason);
	return finish(w, NULL, 0);
}

int mgmt_build_deauth(struct wbuf *w, const uint8_t da[ETH_ALEN],
		      const uint8_t sa[ETH_ALEN],
		      const uint8_t bssid[ETH_ALEN], uint16_t reason)
{
	return build_reason(w, MGMT_DEAUTH, da, sa, bssid, reason);
}

int mgmt_build_disassoc(struct wbuf *w, const uint8_t da[ETH_ALEN],
			const uint8_t sa[ETH_ALEN],
			const uint8_t bssid[ETH_ALEN], uint16_t reason)
{
	return build_reason(w, MGMT_DISASSOC, da, sa, bssid, reason);
}

int mgmt_build_beacon(struct wbuf *w, bool probe_resp,
		      const uint8_t da[ETH_ALEN], const uint8_t sa[ETH_ALEN],
		      const uint8_t bssid[ETH_ALEN], uint64_t timestamp,
		      uint16_t beacon_int, uint16_t capab, const uint8_t *ies,
		      size_t ies_len)
{
	mgmt_put_hdr(w, probe_resp ? MGMT_PROBE_RESP : MGMT_BEACON, da, sa,
		     bssid, 0);
	wbuf_put_le32(w, (uint32_t)timestamp);
	wbuf_put_le32(w, (uint32_t)(timestamp >> 32));
	wbuf_put_le16(w, beacon_int);
	wbuf_put_le16(w, capab);
	return finish(w, ies, ies_len);
}

int mgmt_build_probe_req(struct wbuf *w, const uint8_t da[ETH_ALEN],
			 const uint8_t sa[ETH_ALEN],
			 const uint8_t bssid[ETH_ALEN], const uint8_t *ies,
			 size_t ies_len)
{
	mgmt_put_hdr(w, MGMT_PROBE_REQ, da, sa, bssid, 0);
	return finish(w, ies, ies_len);
}

int mgmt_put_ie(struct wbuf *w, uint8_t id, const uint8_t *data, size_t len)
{
	if (len > 255)
		return -EINVAL;
	wbuf_put_u8(w, id);
	wbuf_put_u8(w, (uint8_t)len);
	if (len)
		wbuf_put_data(w, data, len);
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int mgmt_put_ssid(struct wbuf *w, const uint8_t *ssid, size_t len)
{
	if (len > MGMT_SSID_MAX_LEN)
		return -EINVAL;
	return mgmt_put_ie(w, MGMT_EID_SSID, ssid, len);
}

int mgmt_put_supp_rates(struct wbuf *w, const uint8_t *rates, size_t n)
{
	if (n == 0 || n > 255 + MGMT_SUPP_RATES_MAX)
		return -EINVAL;
	return mgmt_put_ie(w, MGMT_EID_SUPP_RATES, rates,
			   n > MGMT_SUPP_RATES_MAX ? MGMT_SUPP_RATES_MAX : n);
}

int mgmt_put_ext_rates(struct wbuf *w, const uint8_t *rates, size_t n)
{
	if (n == 0 || n > 255 + MGMT_SUPP_RATES_MAX)
		return -EINVAL;
	if (n <= MGMT_SUPP_RATES_MAX)
		return 0;
	return mgmt_put_ie(w, MGMT_EID_EXT_SUPP_RATES,
			   rates + MGMT_SUPP_RATES_MAX,
			   n - MGMT_SUPP_RATES_MAX);
}

int mgmt_put_rates(struct wbuf *w, const uint8_t *rates, size_t n)
{
	int ret = mgmt_put_supp_rates(w, rates, n);

	if (ret)
		return ret;
	return mgmt_put_ext_rates(w, rates, n);
}

int mgmt_put_ds_param(struct wbuf *w, uint8_t channel)
{
	return mgmt_put_ie(w, MGMT_EID_DS_PARAMS, &channel, 1);
}

/* The element walks below use ie.h's iterator, bounds checks only: a
 * frame's elements are passed on whole, and each parser checks its own. */
bool mgmt_ies_valid(const uint8_t *ies, size_t len)
{
	struct ie_iter it;

	ie_iter_init_raw(&it, ies, len);
	while (ie_iter_next(&it))
		;
	return !it.error;
}

const uint8_t *mgmt_find_ie(const uint8_t *ies, size_t len, uint8_t id)
{
	struct ie_iter it;

	ie_iter_init_raw(&it, ies, len);
	while (ie_iter_next(&it))
		if (it.id == id)
			return it.data - IE_HDR_LEN;
	return NULL;
}

const uint8_t *mgmt_find_vendor_ie(const uint8_t *ies, size_t len,
				   const uint8_t oui[3], uint8_t type)
{
	struct ie_iter it;

	ie_iter_init_raw(&it, ies, len);
	while (ie_iter_next(&it))
		if (it.id == MGMT_EID_VENDOR && it.len >= 4 &&
		    memcmp(it.data, oui, 3) == 0 && it.data[3] == type)
			return it.data - IE_HDR_LEN;
	return NULL;
}

int mgmt_get_ssid(const uint8_t *ies, size_t len, const uint8_t **ssid,
		  size_t *ssid_len)
{
	const uint8_t *e = mgmt_find_ie(ies, len, MGMT_EID_SSID);

	if (!e)
		return -ENOENT;
	if (e[1] > MGMT_SSID_MAX_LEN)
		return -EINVAL;
	*ssid = e + 2;
	*ssid_len = e[1];
	return 0;
}

int mgmt_get_ds_channel(const uint8_t *ies, size_t len)
{
	const uint8_t *e = mgmt_find_ie(ies, len, MGMT_EID_DS_PARAMS);

	if (!e)
		return -ENOENT;
	if (e[1] != 1)
		return -EINVAL;
	return e[2];
}

/* --- SA Query and Timeout Interval --- */

static bool sa_query_action_valid(uint8_t action)
{
	return action == MGMT_SA_QUERY_REQUEST || action == MGMT_SA_QUERY_RESPONSE;
}

int mgmt_build_sa_query(struct wbuf *w, const uint8_t da[ETH_ALEN],
			const uint8_t sa[ETH_ALEN],
			const uint8_t bssid[ETH_ALEN], uint8_t action,
			const uint8_t trans_id[MGMT_SA_QUERY_TRANS_ID_LEN])
{
	if (!sa_query_action_valid(action) || !trans_id)
		return -EINVAL;
	mgmt_put_hdr(w, MGMT_ACTION, da, sa, bssid, 0);
	wbuf_put_u8(w, MGMT_CATEGORY_SA_QUERY);
	wbuf_put_u8(w, action);
	wbuf_put_data(w, trans_id, MGMT_SA_QUERY_TRANS_ID_LEN);
	return finish(w, NULL, 0);
}

int mgmt_parse_sa_query(const uint8_t *body, size_t len,
			struct mgmt_sa_query *out)
{
	memset(out, 0, sizeof(*out));
	if (!body || len < MGMT_SA_QUERY_BODY_LEN)
		return -EMSGSIZE;
	if (body[0] != MGMT_CATEGORY_SA_QUERY)
		return -EPROTO;
	if (!sa_query_action_valid(body[1]))
		return -EINVAL;
	out->action = body[1];
	memcpy(out->trans_id, body + 2, MGMT_SA_QUERY_TRANS_ID_LEN);
	return 0;
}

static bool tie_type_known(uint8_t type)
{
	return type >= MGMT_TIE_REASSOC_DEADLINE && type <= MGMT_TIE_ASSOC_COMEBACK;
}

int mgmt_put_timeout_interval(struct wbuf *w, uint8_t type, uint32_t value)
{
	uint8_t body[MGMT_TIE_LEN];

	if (!tie_type_known(type))
		return -EINVAL;
	body[0] = type;
	put_le32(body + 1, value);
	return mgmt_put_ie(w, MGMT_EID_TIMEOUT_INTERVAL, body, sizeof(body));
}

int mgmt_get_timeout_interval(const uint8_t *ies, size_t len, uint8_t *type,
			      uint32_t *value)
{
	const uint8_t *e = mgmt_find_ie(ies, len, MGMT_EID_TIMEOUT_INTERVAL);

	if (!e)
		return -ENOENT;
	/* the one length table (ie.c) says how long this element is */
	if (!ie_len_valid(e[0], e[1]))
		return -EINVAL;
	*type = e[2];
	*value = get_le32(e + 3);
	return tie_type_known(*type) ? 0 : -EPROTONOSUPPORT;
}

const char *mgmt_subtype_str(enum mgmt_subtype st)
{
	switch (st) {
	case MGMT_ASSOC_REQ: return "assoc-req";
	case MGMT_ASSOC_RESP: return "assoc-resp";
	case MGMT_REASSOC_REQ: return "reassoc-req";
	case MGMT_REASSOC_RESP: return "reassoc-resp";
	case MGMT_PROBE_REQ: return "probe-req";
	case MGMT_PROBE_RESP: return "probe-resp";
	case MGMT_TIMING_ADV: return "timing-adv";
	case MGMT_BEACON: return "beacon";
	case MGMT_ATIM: return "atim";
	case MGMT_DISASSOC: return "disassoc";
	case MGMT_AUTH: return "auth";
	case MGMT_DEAUTH: return "deauth";
	case MGMT_ACTION: return "action";
	case MGMT_ACTION_NOACK: return "action-noack";
	case MGMT_RESERVED7:
	case MGMT_RESERVED15:
		return "reserved";
	}
	return "unknown";
}

struct code_name {
	uint16_t code;
	const char *name;
};

static const struct code_name status_names[] = {
	{ MGMT_STATUS_SUCCESS, "SUCCESS" },
	{ MGMT_STATUS_UNSPECIFIED, "UNSPECIFIED_FAILURE" },
	{ MGMT_STATUS_CAPS_UNSUPPORTED, "CAPS_UNSUPPORTED" },
	{ MGMT_STATUS_REASSOC_NO_ASSOC, "REASSOC_NO_ASSOC" },
	{ MGMT_STATUS_ASSOC_DENIED_UNSPEC, "ASSOC_DENIED_UNSPEC" },
	{ MGMT_STATUS_NOT_SUPPORTED_AUTH_ALG, "NOT_SUPPORTED_AUTH_ALG" },
	{ MGMT_STATUS_UNKNOWN_AUTH_TRANSACTION, "UNKNOWN_AUTH_TRANSACTION" },
	{ MGMT_STATUS_CHALLENGE_FAIL, "CHALLENGE_FAIL" },
	{ MGMT_STATUS_AUTH_TIMEOUT, "AUTH_TIMEOUT" },
	{ MGMT_STATUS_AP_UNABLE_TO_HANDLE_NEW_STA,
	  "AP_UNABLE_TO_HANDLE_NEW_STA" },
	{ MGMT_STATUS_ASSOC_DENIED_RATES, "ASSOC_DENIED_RATES" },
	{ MGMT_STATUS_ASSOC_REJECTED_TEMPORARILY, "REFUSED_TEMPORARILY" },
	{ MGMT_STATUS_ROBUST_MGMT_POLICY_VIOLATION,
	  "ROBUST_MGMT_FRAME_POLICY_VIOLATION" },
	{ MGMT_STATUS_INVALID_IE, "INVALID_IE" },
	{ MGMT_STATUS_GROUP_CIPHER_NOT_VALID, "GROUP_CIPHER_NOT_VALID" },
	{ MGMT_STATUS_PAIRWISE_CIPHER_NOT_VALID, "PAIRWISE_CIPHER_NOT_VALID" },
	{ MGMT_STATUS_AKMP_NOT_VALID, "AKMP_NOT_VALID" },
	{ MGMT_STATUS_UNSUPPORTED_RSN_IE_VERSION,
	  "UNSUPPORTED_RSN_IE_VERSION" },
	{ MGMT_STATUS_INVALID_RSN_IE_CAPAB, "INVALID_RSN_IE_CAPAB" },
	{ MGMT_STATUS_CIPHER_REJECTED_PER_POLICY,
	  "CIPHER_REJECTED_PER_POLICY" },
};

static const struct code_name reason_names[] = {
	{ MGMT_REASON_UNSPECIFIED, "UNSPECIFIED" },
	{ MGMT_REASON_PREV_AUTH_NOT_VALID, "PREV_AUTH_NOT_VALID" },
	{ MGMT_REASON_DEAUTH_LEAVING, "DEAUTH_LEAVING" },
	{ MGMT_REASON_DISASSOC_INACTIVITY, "DISASSOC_DUE_TO_INACTIVITY" },
	{ MGMT_REASON_DISASSOC_AP_BUSY, "DISASSOC_AP_BUSY" },
	{ MGMT_REASON_CLASS2_FRAME_FROM_NONAUTH,
	  "CLASS2_FRAME_FROM_NONAUTH_STA" },
	{ MGMT_REASON_CLASS3_FRAME_FROM_NONASSOC,
	  "CLASS3_FRAME_FROM_NONASSOC_STA" },
	{ MGMT_REASON_DISASSOC_STA_HAS_LEFT, "DISASSOC_STA_HAS_LEFT" },
	{ MGMT_REASON_STA_REQ_ASSOC_WITHOUT_AUTH,
	  "STA_REQ_ASSOC_WITHOUT_AUTH" },
	{ MGMT_REASON_INVALID_IE, "INVALID_IE" },
	{ MGMT_REASON_MICHAEL_MIC_FAILURE, "MICHAEL_MIC_FAILURE" },
	{ MGMT_REASON_4WAY_HANDSHAKE_TIMEOUT, "4WAY_HANDSHAKE_TIMEOUT" },
	{ MGMT_REASON_GROUP_KEY_UPDATE_TIMEOUT, "GROUP_KEY_UPDATE_TIMEOUT" },
	{ MGMT_REASON_IE_IN_4WAY_DIFFERS, "IE_IN_4WAY_DIFFERS" },
	{ MGMT_REASON_GROUP_CIPHER_NOT_VALID, "GROUP_CIPHER_NOT_VALID" },
	{ MGMT_REASON_PAIRWISE_CIPHER_NOT_VALID, "PAIRWISE_CIPHER_NOT_VALID" },
	{ MGMT_REASON_AKMP_NOT_VALID, "AKMP_NOT_VALID" },
	{ MGMT_REASON_UNSUPPORTED_RSN_IE_VERSION,
	  "UNSUPPORTED_RSN_IE_VERSION" },
	{ MGMT_REASON_INVALID_RSN_IE_CAPAB, "INVALID_RSN_IE_CAPAB" },
	{ MGMT_REASON_IEEE_802_1X_AUTH_FAILED, "IEEE_802_1X_AUTH_FAILED" },
	{ MGMT_REASON_CIPHER_SUITE_REJECTED, "CIPHER_SUITE_REJECTED" },
};

static const char *code_lookup(const struct code_name *t, size_t n,
			       uint16_t code)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return "unknown";
}

const char *mgmt_status_str(uint16_t status)
{
	return code_lookup(status_names, ARRAY_SIZE(status_names), status);
}

const char *mgmt_reason_str(uint16_t reason)
{
	return code_lookup(reason_names, ARRAY_SIZE(reason_names), reason);
}

/* 2.4 GHz: 17.3.8.4.2 / 19.3.15; 5 GHz: 17.3.8.4.2 (starting 5000). */
int mgmt_chan_to_freq(int chan)
{
	if (chan >= 1 && chan <= 13)
		return 2407 + chan * 5;
	if (chan == 14)
		return 2484;
	if (chan >= 32 && chan <= 177)
		return 5000 + chan * 5;
	return 0;
}

int mgmt_freq_to_chan(int freq)
{
	if (freq == 2484)
		return 14;
	if (freq >= 2412 && freq <= 2472 && (freq - 2407) % 5 == 0)
		return (freq - 2407) / 5;
	if (freq >= 5160 && freq <= 5885 && freq % 5 == 0)
		return (freq - 5000) / 5;
	return -EINVAL;
}

/* 802.2 LLC XID frame: DSAP null (0x00), SSAP 0x01 (null SAP, response),
 * control XID with P/F (0xaf), then the XID information field: format
 * identifier 0x81, LLC type 1 class (0x01), receive window 0. */
int mgmt_build_l2_update(struct wbuf *w, const uint8_t sta[ETH_ALEN])
{
	static const uint8_t bcast[ETH_ALEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	static const uint8_t llc_xid[6] = { 0x00, 0x01, 0xaf, 0x81, 0x01,
					    0x00 };

	wbuf_put_data(w, bcast, ETH_ALEN);
	wbuf_put_data(w, sta, ETH_ALEN);
	wbuf_put_be16(w, sizeof(llc_xid));	/* 802.3 length field */
	wbuf_put_data(w, llc_xid, sizeof(llc_xid));
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

bool mgmt_parse_l2_update(const uint8_t *buf, size_t len,
			  uint8_t sta[ETH_ALEN])
{
	static const uint8_t llc_xid[6] = { 0x00, 0x01, 0xaf, 0x81, 0x01,
					    0x00 };

	if (!buf || len < MGMT_L2_UPDATE_LEN)
		return false;
	if (!mac_is_broadcast(buf) || get_be16(buf + 12) != 6 ||
	    memcmp(buf + 14, llc_xid, sizeof(llc_xid)) != 0)
		return false;
	memcpy(sta, buf + 6, ETH_ALEN);
	return true;
}
