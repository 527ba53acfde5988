// SPDX-License-Identifier: MIT
/* fuzz_mgmt: the 802.11 management frame parser (mgmt_parse) on every
 * subtype, rebuilt with the matching builder and compared byte for byte;
 * the element helpers (validity, find, vendor find, SSID, rates, DS
 * channel, channel/frequency) checked against a reference walk; and the
 * L2 Update frame parser; the PMF parsers: SA Query (rebuilt and compared),
 * the Timeout Interval element, and BIP's MME parse and verify (a frame
 * re-protected with the MME's own key ID and IPN must verify). The input
 * is one frame as received. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bip.h"
#include "buf.h"
#include "ie.h"
#include "mgmt.h"

/* A failed check names itself, then aborts (libFuzzer keeps the input). */
#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
			__LINE__, #c);					\
		abort();						\
	}								\
} while (0)

/* Reference element walk: first element with id, NULL if a truncated
 * element comes first (mgmt.h: "Stops at the first malformed element"). */
static const uint8_t *ref_find(const uint8_t *ies, size_t len, uint8_t id)
{
	size_t pos = 0;

	while (pos + 2 <= len) {
		if (pos + 2 + ies[pos + 1] > len)
			return NULL;
		if (ies[pos] == id)
			return ies + pos;
		pos += 2 + (size_t)ies[pos + 1];
	}
	return NULL;
}

static bool ref_valid(const uint8_t *ies, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		if (pos + 2 > len || pos + 2 + ies[pos + 1] > len)
			return false;
		pos += 2 + (size_t)ies[pos + 1];
	}
	return true;
}

static bool within(const uint8_t *p, size_t n, const uint8_t *buf,
		   size_t len)
{
	return p >= buf && n <= len && (size_t)(p - buf) <= len - n;
}

static void check_sa_query(const struct mgmt_frame *f)
{
	struct mgmt_sa_query q;
	uint8_t out[MGMT_HDR_LEN + MGMT_SA_QUERY_BODY_LEN];
	struct wbuf w;
	int ret;

	ret = mgmt_parse_sa_query(f->body, f->body_len, &q);
	CHECK(ret == 0 || ret == -EMSGSIZE || ret == -EPROTO || ret == -EINVAL);
	if (ret)
		return;
	CHECK(f->body_len >= MGMT_SA_QUERY_BODY_LEN);
	wbuf_init(&w, out, sizeof(out));
	CHECK(mgmt_build_sa_query(&w, f->da, f->sa, f->bssid, q.action,
				  q.trans_id) == 0);
	CHECK(memcmp(out + MGMT_HDR_LEN, f->body, MGMT_SA_QUERY_BODY_LEN) == 0);
}

/* BIP on whatever the input is: parse the MME; verify with a fixed key
 * must not crash and must not move the counter unless it succeeds; the
 * frame without its MME, protected again with the same key ID and IPN,
 * verifies and reproduces the input when its MIC was right. */
static void check_bip(const uint8_t *data, size_t size)
{
	static const uint8_t igtk[BIP_IGTK_LEN] = { 0x4e, 0xa9, 0x54, 0x3e };
	static uint8_t buf[4096];
	struct bip_mme mme;
	uint64_t rx = 0;
	size_t len;
	int ret, v;

	ret = bip_mme_parse(data, size, &mme);
	CHECK(ret == 0 || ret == -EINVAL || ret == -ENOENT);
	v = bip_verify(igtk, 4, &rx, data, size, NULL);
	CHECK(v == 0 || v == -EINVAL || v == -ENOENT || v == -EKEYREJECTED ||
	      v == -ESTALE || v == -EBADMSG);
	CHECK(v == 0 ? rx == mme.ipn : rx == 0);
	if (ret || size > sizeof(buf) || (mme.key_id != 4 && mme.key_id != 5) ||
	    mme.ipn == 0)
		return;
	CHECK(mme.mic == data + size - BIP_MIC_LEN);
	memcpy(buf, data, size - BIP_MME_LEN);
	CHECK(bip_protect(igtk, mme.key_id, mme.ipn, buf, size - BIP_MME_LEN,
			  sizeof(buf), &len) == 0);
	CHECK(len == size);
	rx = 0;
	CHECK(bip_verify(igtk, mme.key_id, &rx, buf, len, NULL) == 0);
	CHECK(rx == mme.ipn);
	CHECK((memcmp(buf, data, size) == 0) == (v == 0 && mme.key_id == 4) ||
	      mme.key_id == 5);
}

/* Rebuild f with the builder for its subtype; 1 if rebuilt, 0 if there
 * is no builder for it. */
static int rebuild(const struct mgmt_frame *f, struct wbuf *w)
{
	int ret;

	switch (f->subtype) {
	case MGMT_AUTH:
		ret = mgmt_build_auth(w, f->da, f->sa, f->bssid, f->auth_alg,
				      f->auth_transaction, f->status, f->ies,
				      f->ies_len);
		break;
	case MGMT_ASSOC_REQ:
	case MGMT_REASSOC_REQ:
		ret = mgmt_build_assoc_req(w, f->da, f->sa, f->bssid, f->capab,
					   f->listen_interval,
					   f->subtype == MGMT_REASSOC_REQ ?
					   f->current_ap : NULL,
					   f->ies, f->ies_len);
		break;
	case MGMT_ASSOC_RESP:
	case MGMT_REASSOC_RESP:
		ret = mgmt_build_assoc_resp(w, f->subtype == MGMT_REASSOC_RESP,
					    f->da, f->sa, f->bssid, f->capab,
					    f->status, f->aid, f->ies,
					    f->ies_len);
		break;
	case MGMT_DEAUTH:
	case MGMT_DISASSOC:
		/* builders put no elements after the reason */
		if (f->ies_len)
			return 0;
		ret = f->subtype == MGMT_DEAUTH ?
		      mgmt_build_deauth(w, f->da, f->sa, f->bssid, f->reason) :
		      mgmt_build_disassoc(w, f->da, f->sa, f->bssid, f->reason);
		break;
	case MGMT_BEACON:
	case MGMT_PROBE_RESP:
		ret = mgmt_build_beacon(w, f->subtype == MGMT_PROBE_RESP, f->da,
					f->sa, f->bssid, f->timestamp,
					f->beacon_int, f->capab, f->ies,
					f->ies_len);
		break;
	case MGMT_PROBE_REQ:
		ret = mgmt_build_probe_req(w, f->da, f->sa, f->bssid, f->ies,
					   f->ies_len);
		break;
	case MGMT_ACTION:
	case MGMT_ACTION_NOACK:
	case MGMT_ATIM:
	case MGMT_TIMING_ADV:
	case MGMT_RESERVED7:
	case MGMT_RESERVED15:
		return 0;
	}
	CHECK(ret == 0);
	return 1;
}

static void check_roundtrip(const uint8_t *data, size_t size,
			    const struct mgmt_frame *f)
{
	static uint8_t out[65536];
	struct wbuf w;
	struct mgmt_frame g;

	if (size > sizeof(out))
		return;
	wbuf_init(&w, out, sizeof(out));
	if (!rebuild(f, &w))
		return;
	CHECK(w.len == size);
	/* FC: type and subtype only; duration and sequence are zero */
	CHECK((get_le16(out) & (MGMT_FC_TYPE_MASK | MGMT_FC_STYPE_MASK)) ==
	      (f->fc & (MGMT_FC_TYPE_MASK | MGMT_FC_STYPE_MASK)));
	CHECK(memcmp(out + 4, data + 4, 18) == 0);
	if (f->subtype == MGMT_ASSOC_RESP || f->subtype == MGMT_REASSOC_RESP) {
		/* the AID's two top bits are always set on the wire */
		CHECK(memcmp(out + MGMT_HDR_LEN, data + MGMT_HDR_LEN, 4) == 0);
		CHECK(get_le16(out + MGMT_HDR_LEN + 4) ==
		      ((get_le16(data + MGMT_HDR_LEN + 4) & 0x3fff) | 0xc000));
		CHECK(memcmp(out + MGMT_HDR_LEN + 6, data + MGMT_HDR_LEN + 6,
			     size - MGMT_HDR_LEN - 6) == 0);
	} else {
		CHECK(memcmp(out + MGMT_HDR_LEN, data + MGMT_HDR_LEN,
			     size - MGMT_HDR_LEN) == 0);
	}
	/* and the rebuilt frame parses to the same values */
	CHECK(mgmt_parse(out, w.len, &g) == 0);
	CHECK(g.subtype == f->subtype && g.capab == f->capab &&
	      g.status == f->status && g.aid == f->aid &&
	      g.reason == f->reason && g.auth_alg == f->auth_alg &&
	      g.auth_transaction == f->auth_transaction &&
	      g.listen_interval == f->listen_interval &&
	      g.timestamp == f->timestamp && g.beacon_int == f->beacon_int &&
	      g.ies_len == f->ies_len);
	CHECK(memcmp(g.current_ap, f->current_ap, ETH_ALEN) == 0);
}

static void check_elements(const uint8_t *ies, size_t len)
{
	static const uint8_t ids[] = {
		MGMT_EID_SSID, MGMT_EID_SUPP_RATES, MGMT_EID_DS_PARAMS,
		MGMT_EID_TIM, MGMT_EID_COUNTRY, MGMT_EID_CHALLENGE,
		MGMT_EID_ERP, MGMT_EID_HT_CAP, MGMT_EID_RSN,
		MGMT_EID_EXT_SUPP_RATES, MGMT_EID_HT_OPER,
		MGMT_EID_EXT_CAPAB, MGMT_EID_VENDOR,
	};
	static const uint8_t ms_oui[3] = { 0x00, 0x50, 0xf2 };
	const uint8_t *ssid, *e, *supp, *ext;
	size_t ssid_len;
	bool valid = mgmt_ies_valid(ies, len);
	const char *why;
	int ch, ret;

	CHECK(valid == ref_valid(ies, len));
	/* the stricter per-ID table check implies plain well-formedness */
	if (ie_validate(ies, len, &why) == 0)
		CHECK(valid);

	for (size_t i = 0; i < sizeof(ids); i++) {
		e = mgmt_find_ie(ies, len, ids[i]);
		CHECK(e == ref_find(ies, len, ids[i]));
		if (e)
			CHECK(e[0] == ids[i] && within(e, 2 + (size_t)e[1],
						       ies, len));
	}
	for (uint8_t t = 1; t <= 4; t++) {
		e = mgmt_find_vendor_ie(ies, len, ms_oui, t);
		if (e)
			CHECK(e[0] == MGMT_EID_VENDOR && e[1] >= 4 &&
			      within(e, 2 + (size_t)e[1], ies, len) &&
			      memcmp(e + 2, ms_oui, 3) == 0 && e[5] == t);
	}

	ret = mgmt_get_ssid(ies, len, &ssid, &ssid_len);
	CHECK(ret == 0 || ret == -ENOENT || ret == -EINVAL);
	if (ret == 0) {
		uint8_t out[2 + MGMT_SSID_MAX_LEN];
		struct wbuf w;

		CHECK(ssid_len <= MGMT_SSID_MAX_LEN);
		CHECK(within(ssid, ssid_len, ies, len));
		wbuf_init(&w, out, sizeof(out));
		CHECK(mgmt_put_ssid(&w, ssid, ssid_len) == 0);
		CHECK(w.len == 2 + ssid_len &&
		      memcmp(out, ssid - 2, w.len) == 0);
	}

	/* Supported Rates (+ Extended): rebuilding the rate list gives the
	 * same elements when the first holds 8 rates or there is no second */
	supp = mgmt_find_ie(ies, len, MGMT_EID_SUPP_RATES);
	ext = mgmt_find_ie(ies, len, MGMT_EID_EXT_SUPP_RATES);
	if (supp && supp[1] >= 1 && supp[1] <= MGMT_SUPP_RATES_MAX &&
	    (!ext || supp[1] == MGMT_SUPP_RATES_MAX) &&
	    (!ext || ext[1] >= 1)) {
		uint8_t rates[MGMT_SUPP_RATES_MAX + 255], out[2 * 257];
		size_t n = supp[1];
		struct wbuf w;

		memcpy(rates, supp + 2, n);
		if (ext) {
			memcpy(rates + n, ext + 2, ext[1]);
			n += ext[1];
		}
		wbuf_init(&w, out, sizeof(out));
		CHECK(mgmt_put_rates(&w, rates, n) == 0);
		CHECK(w.len == 2 + (size_t)supp[1] +
		      (ext ? 2 + (size_t)ext[1] : 0));
		CHECK(memcmp(out, supp, 2 + (size_t)supp[1]) == 0);
		if (ext)
			CHECK(memcmp(out + 2 + supp[1], ext,
				     2 + (size_t)ext[1]) == 0);
	}

	{
		uint8_t type;
		uint32_t value;

		ret = mgmt_get_timeout_interval(ies, len, &type, &value);
		CHECK(ret == 0 || ret == -ENOENT || ret == -EINVAL ||
		      ret == -EPROTONOSUPPORT);
		if (ret == 0) {
			uint8_t out[2 + MGMT_TIE_LEN];
			struct wbuf w;

			e = mgmt_find_ie(ies, len, MGMT_EID_TIMEOUT_INTERVAL);
			CHECK(e && e[1] == MGMT_TIE_LEN && e[2] == type);
			wbuf_init(&w, out, sizeof(out));
			CHECK(mgmt_put_timeout_interval(&w, type, value) == 0);
			CHECK(memcmp(out, e, sizeof(out)) == 0);
		}
	}

	ch = mgmt_get_ds_channel(ies, len);
	CHECK(ch == -ENOENT || ch == -EINVAL || (ch >= 0 && ch <= 255));
	if (ch >= 0) {
		int freq = mgmt_chan_to_freq(ch);

		if (freq)
			CHECK(mgmt_freq_to_chan(freq) == ch);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mgmt_frame f;
	uint8_t sta[ETH_ALEN];
	int ret, st;

	ret = mgmt_parse(data, size, &f);
	st = mgmt_get_subtype(data, size);
	CHECK(mgmt_is_mgmt(data, size) == (st >= 0));
	if (ret == 0) {
		CHECK(st == (int)f.subtype && size >= MGMT_HDR_LEN);
		CHECK(f.body == data + MGMT_HDR_LEN &&
		      f.body_len == size - MGMT_HDR_LEN);
		CHECK(mgmt_subtype_str(f.subtype) != NULL);
		CHECK(mgmt_status_str(f.status) != NULL);
		CHECK(mgmt_reason_str(f.reason) != NULL);
		if (f.ies) {
			CHECK(f.ies >= f.body &&
			      f.ies + f.ies_len == data + size);
			check_elements(f.ies, f.ies_len);
		}
		if ((f.subtype == MGMT_ACTION ||
		     f.subtype == MGMT_ACTION_NOACK) && !f.is_protected) {
			CHECK(f.category == f.body[0]);
			check_sa_query(&f);
		}
		if (!f.is_protected)
			check_roundtrip(data, size, &f);
	} else {
		CHECK(ret == -EMSGSIZE || ret == -EPROTOTYPE);
		CHECK(ret != -EPROTOTYPE || st < 0);
	}
	/* the raw input as elements, too */
	check_elements(data, size);
	check_bip(data, size);

	/* the L2 Update frame parser on the raw input */
	if (mgmt_parse_l2_update(data, size, sta)) {
		uint8_t out[MGMT_L2_UPDATE_LEN];
		struct wbuf w;

		wbuf_init(&w, out, sizeof(out));
		CHECK(mgmt_build_l2_update(&w, sta) == 0);
		CHECK(w.len == MGMT_L2_UPDATE_LEN &&
		      memcmp(out, data, MGMT_L2_UPDATE_LEN) == 0);
	}
	/* channel <-> frequency on input-chosen numbers */
	if (size >= 2) {
		int v = (int)get_le16(data);
		int c = mgmt_freq_to_chan(v);

		if (c >= 0)
			CHECK(mgmt_chan_to_freq(c) == v);
	}
	return 0;
}
