// SPDX-License-Identifier: MIT
/* rrm.c: Neighbor Report elements and frames, Radio Measurement frames and
 * Beacon request/report elements (IEEE 802.11-2020 9.4.2.20, 9.4.2.21,
 * 9.4.2.36, 9.6.6). Every walk is the element iterator of ie.c (the
 * subelements have the element layout). */
#include <errno.h>
#include <string.h>

#include "buf.h"
#include "ie.h"
#include "rrm.h"
#include "util.h"

static int bad(const char **why, const char *text)
{
	if (why)
		*why = text;
	return -EBADMSG;
}

static uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p + 4) << 32 | get_le32(p);
}

static void put_le64(struct wbuf *w, uint64_t v)
{
	wbuf_put_le32(w, (uint32_t)v);
	wbuf_put_le32(w, (uint32_t)(v >> 32));
}

/* The start of each element parser here: *out (size octets) zeroed, then 0
 * if ie[0..len) is one element with this ID, else -EBADMSG with not_it. */
static int elem_start(void *out, size_t size, const uint8_t *ie, size_t len, uint8_t id,
		      const char *not_it, const char **why)
{
	if (!out)
		return -EINVAL;
	memset(out, 0, size);
	return ie_is_one(ie, len, id) ? 0 : bad(why, not_it);
}

/* elem_start() for a Measurement Request or Report element that must carry
 * a Beacon measurement (type octet after token and mode). */
static int beacon_start(void *out, size_t size, const uint8_t *ie, size_t len, uint8_t id,
			const char *not_it, const char *not_beacon, const char **why)
{
	int ret = elem_start(out, size, ie, len, id, not_it, why);

	if (!ret && (ie[1] < 3 || ie[4] != RRM_MEAS_TYPE_BEACON))
		ret = bad(why, not_beacon);
	return ret;
}

/* --- Neighbor Report element ---------------------------------------------------- */

int rrm_nr_build(struct wbuf *w, const struct rrm_neighbor *nr)
{
	size_t body = RRM_NR_FIXED_LEN;

	if (!w || !nr)
		return -EINVAL;
	body += nr->has_pref ? 3 : 0;
	body += nr->has_term ? 2 + RRM_TERM_DUR_LEN : 0;
	wbuf_put_u8(w, IE_NEIGHBOR_REPORT);
	wbuf_put_u8(w, (uint8_t)body);
	wbuf_put_data(w, nr->bssid, 6);
	wbuf_put_le32(w, nr->bssid_info);
	wbuf_put_u8(w, nr->op_class);
	wbuf_put_u8(w, nr->channel);
	wbuf_put_u8(w, nr->phy_type);
	if (nr->has_pref) {
		wbuf_put_u8(w, RRM_NR_SUB_BTM_PREF);
		wbuf_put_u8(w, 1);
		wbuf_put_u8(w, nr->pref);
	}
	if (nr->has_term) {
		wbuf_put_u8(w, RRM_NR_SUB_TERM_DUR);
		wbuf_put_u8(w, RRM_TERM_DUR_LEN);
		put_le64(w, nr->term_tsf);
		wbuf_put_le16(w, nr->term_minutes);
	}
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int rrm_nr_parse(const uint8_t *ie, size_t len, struct rrm_neighbor *out,
		 const char **why)
{
	const uint8_t *b;
	struct ie_iter it;
	int ret;

	ret = elem_start(out, sizeof(*out), ie, len, IE_NEIGHBOR_REPORT,
			 "not a Neighbor Report element of its buffer's length", why);
	if (ret)
		return ret;
	if (ie[1] < RRM_NR_FIXED_LEN)
		return bad(why, "Neighbor Report shorter than its fixed fields");
	b = ie + IE_HDR_LEN;
	memcpy(out->bssid, b, 6);
	out->bssid_info = get_le32(b + 6);
	out->op_class = b[10];
	out->channel = b[11];
	out->phy_type = b[12];
	ie_iter_init_raw(&it, b + RRM_NR_FIXED_LEN, ie[1] - RRM_NR_FIXED_LEN);
	while (ie_iter_next(&it)) {
		switch (it.id) {
		case RRM_NR_SUB_BTM_PREF:
			if (out->has_pref || it.len != 1)
				return bad(why, "candidate preference twice or not 1 octet");
			out->has_pref = true;
			out->pref = it.data[0];
			break;
		case RRM_NR_SUB_TERM_DUR:
			if (out->has_term || it.len != RRM_TERM_DUR_LEN)
				return bad(why, "termination duration twice or not 10 octets");
			out->has_term = true;
			out->term_tsf = get_le64(it.data);
			out->term_minutes = get_le16(it.data + 8);
			break;
		default:
			out->unknown++;
			break;
		}
	}
	if (it.error)
		return bad(why, "Neighbor Report subelement runs past the element");
	return 0;
}

int rrm_nr_list_parse(const uint8_t *ies, size_t len, struct rrm_neighbor *out,
		      size_t max, size_t *n, const char **why)
{
	struct rrm_neighbor tmp;
	struct ie_iter it;
	size_t count = 0;
	int ret;

	if (!n || (max && !out))
		return -EINVAL;
	*n = 0;
	ie_iter_init(&it, ies, len);
	while (ie_iter_next(&it)) {
		if (it.id != IE_NEIGHBOR_REPORT)
			continue;
		ret = rrm_nr_parse(it.data - IE_HDR_LEN, IE_HDR_LEN + it.len,
				   count < max ? &out[count] : &tmp, why);
		if (ret)
			return ret;
		count++;
	}
	if (it.error)
		return bad(why, it.why);
	*n = count;
	return 0;
}

/* --- Neighbor Report Request / Response ------------------------------------------ */

static int check_action(const uint8_t *body, size_t len, size_t fixed, uint8_t action,
			const char **why)
{
	if (!body || len < 2)
		return bad(why, "shorter than category and action");
	if (body[0] != RRM_CATEGORY || body[1] != action) {
		if (why)
			*why = "not the expected Radio Measurement action";
		return -EPROTO;
	}
	if (len < fixed)
		return bad(why, "truncated in the fixed fields");
	return 0;
}

int rrm_nr_request_build(struct wbuf *w, uint8_t token, const uint8_t *ssid,
			 size_t ssid_len)
{
	if (!w || ssid_len > 32 || (!ssid && ssid_len))
		return -EINVAL;
	wbuf_put_u8(w, RRM_CATEGORY);
	wbuf_put_u8(w, RRM_ACTION_NR_REQ);
	wbuf_put_u8(w, token);
	if (ssid) {
		wbuf_put_u8(w, IE_SSID);
		wbuf_put_u8(w, (uint8_t)ssid_len);
		wbuf_put_data(w, ssid, ssid_len);
	}
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int rrm_nr_request_parse(const uint8_t *body, size_t len, struct rrm_nr_request *out,
			 const char **why)
{
	struct ie_iter it;
	int ret;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	ret = check_action(body, len, 3, RRM_ACTION_NR_REQ, why);
	if (ret)
		return ret;
	out->token = body[2];
	ie_iter_init(&it, body + 3, len - 3);
	while (ie_iter_next(&it))
		if (it.id == IE_SSID && !out->ssid) {
			out->ssid = it.data;
			out->ssid_len = it.len;
		}
	if (it.error) {
		memset(out, 0, sizeof(*out));
		return bad(why, it.why);
	}
	return 0;
}

int rrm_nr_response_build(struct wbuf *w, uint8_t token, const struct rrm_neighbor *nrs,
			  size_t n)
{
	int ret = 0;

	if (!w || (n && !nrs))
		return -EINVAL;
	wbuf_put_u8(w, RRM_CATEGORY);
	wbuf_put_u8(w, RRM_ACTION_NR_RESP);
	wbuf_put_u8(w, token);
	for (size_t i = 0; i < n && !ret; i++)
		ret = rrm_nr_build(w, &nrs[i]);
	if (ret)
		return ret;
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int rrm_nr_response_parse(const uint8_t *body, size_t len, uint8_t *token,
			  struct rrm_neighbor *out, size_t max, size_t *n,
			  const char **why)
{
	int ret;

	if (!token || !n)
		return -EINVAL;
	*n = 0;
	ret = check_action(body, len, 3, RRM_ACTION_NR_RESP, why);
	if (ret)
		return ret;
	*token = body[2];
	return rrm_nr_list_parse(body + 3, len - 3, out, max, n, why);
}

/* --- Radio Measurement Request / Report frames ----------------------------------- */

int rrm_meas_request_build(struct wbuf *w, uint8_t token, uint16_t repetitions,
			   const uint8_t *elems, size_t len)
{
	if (!w || (!elems && len))
		return -EINVAL;
	wbuf_put_u8(w, RRM_CATEGORY);
	wbuf_put_u8(w, RRM_ACTION_MEAS_REQ);
	wbuf_put_u8(w, token);
	wbuf_put_le16(w, repetitions);
	wbuf_put_data(w, elems, len);
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int rrm_meas_report_build(struct wbuf *w, uint8_t token, const uint8_t *elems,
			  size_t len)
{
	if (!w || (!elems && len))
		return -EINVAL;
	wbuf_put_u8(w, RRM_CATEGORY);
	wbuf_put_u8(w, RRM_ACTION_MEAS_REP);
	wbuf_put_u8(w, token);
	wbuf_put_data(w, elems, len);
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int rrm_meas_frame_parse(const uint8_t *body, size_t len, struct rrm_meas_frame *out,
			 const char **why)
{
	/* a Request has repetitions after category, action and token; with
	 * another category check_action() fails before the length counts */
	bool req = body && len >= 2 && body[1] == RRM_ACTION_MEAS_REQ;
	size_t fixed = req ? 5 : 3;
	int ret;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	ret = check_action(body, len, fixed, req ? RRM_ACTION_MEAS_REQ : RRM_ACTION_MEAS_REP, why);
	if (ret)
		return ret;
	out->action = body[1];
	out->token = body[2];
	if (req)
		out->repetitions = get_le16(body + 3);
	ret = ie_body_elems(body, len, fixed, &out->elems, &out->elems_len, why);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

/* --- Beacon request / report ------------------------------------------------------ */

const char *rrm_beacon_mode_name(enum rrm_beacon_mode m)
{
	switch (m) {
	case RRM_BEACON_PASSIVE:
		return "passive";
	case RRM_BEACON_ACTIVE:
		return "active";
	case RRM_BEACON_TABLE:
		return "table";
	}
	return "?";
}

int rrm_beacon_req_build(struct wbuf *w, const struct rrm_beacon_req *r)
{
	size_t body = 3 + RRM_BREQ_FIXED_LEN;

	if (!w || !r || (unsigned int)r->mode > RRM_BEACON_TABLE || r->ssid_len > 32 ||
	    (r->has_detail && r->detail > 2))
		return -EINVAL;
	body += r->ssid ? 2 + r->ssid_len : 0;
	body += r->has_detail ? 3 : 0;
	wbuf_put_u8(w, IE_MEAS_REQUEST);
	wbuf_put_u8(w, (uint8_t)body);
	wbuf_put_u8(w, r->token);
	wbuf_put_u8(w, r->req_mode);
	wbuf_put_u8(w, RRM_MEAS_TYPE_BEACON);
	wbuf_put_u8(w, r->op_class);
	wbuf_put_u8(w, r->channel);
	wbuf_put_le16(w, r->rand_interval);
	wbuf_put_le16(w, r->duration);
	wbuf_put_u8(w, (uint8_t)r->mode);
	wbuf_put_data(w, r->bssid, 6);
	if (r->ssid) {
		wbuf_put_u8(w, RRM_BREQ_SUB_SSID);
		wbuf_put_u8(w, (uint8_t)r->ssid_len);
		wbuf_put_data(w, r->ssid, r->ssid_len);
	}
	if (r->has_detail) {
		wbuf_put_u8(w, RRM_BREQ_SUB_DETAIL);
		wbuf_put_u8(w, 1);
		wbuf_put_u8(w, r->detail);
	}
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int rrm_beacon_req_parse(const uint8_t *ie, size_t len, struct rrm_beacon_req *out,
			 const char **why)
{
	const uint8_t *b;
	struct ie_iter it;
	int ret;

	ret = beacon_start(out, sizeof(*out), ie, len, IE_MEAS_REQUEST,
			   "not a Measurement Request element of its buffer's length",
			   "not a Beacon request", why);
	if (ret)
		return ret;
	if (ie[1] < 3 + RRM_BREQ_FIXED_LEN)
		return bad(why, "Beacon request shorter than its fixed fields");
	b = ie + IE_HDR_LEN;
	out->token = b[0];
	out->req_mode = b[1];
	out->op_class = b[3];
	out->channel = b[4];
	out->rand_interval = get_le16(b + 5);
	out->duration = get_le16(b + 7);
	if (b[9] > RRM_BEACON_TABLE)
		return bad(why, "Beacon measurement mode not passive, active or table");
	out->mode = (enum rrm_beacon_mode)b[9];
	memcpy(out->bssid, b + 10, 6);
	ie_iter_init_raw(&it, b + 16, ie[1] - 16);
	while (ie_iter_next(&it)) {
		switch (it.id) {
		case RRM_BREQ_SUB_SSID:
			if (out->ssid || it.len > 32)
				return bad(why, "SSID subelement twice or over 32 octets");
			out->ssid = it.data;
			out->ssid_len = it.len;
			break;
		case RRM_BREQ_SUB_DETAIL:
			if (out->has_detail || it.len != 1 || it.data[0] > 2)
				return bad(why, "Reporting Detail twice, not 1 octet or over 2");
			out->has_detail = true;
			out->detail = it.data[0];
			break;
		default:
			out->unknown++;
			break;
		}
	}
	if (it.error)
		return bad(why, "Beacon request subelement runs past the element");
	return 0;
}

int rrm_beacon_rep_build(struct wbuf *w, const struct rrm_beacon_rep *r)
{
	size_t body = 3;

	if (!w || !r || (r->frame_body && r->frame_body_len > 224))
		return -EINVAL;
	if (r->has_fields)
		body += RRM_BREP_FIXED_LEN + (r->frame_body ? 2 + r->frame_body_len : 0);
	wbuf_put_u8(w, IE_MEAS_REPORT);
	wbuf_put_u8(w, (uint8_t)body);
	wbuf_put_u8(w, r->token);
	wbuf_put_u8(w, r->rep_mode);
	wbuf_put_u8(w, RRM_MEAS_TYPE_BEACON);
	if (r->has_fields) {
		wbuf_put_u8(w, r->op_class);
		wbuf_put_u8(w, r->channel);
		put_le64(w, r->start_tsf);
		wbuf_put_le16(w, r->duration);
		wbuf_put_u8(w, r->frame_info);
		wbuf_put_u8(w, r->rcpi);
		wbuf_put_u8(w, r->rsni);
		wbuf_put_data(w, r->bssid, 6);
		wbuf_put_u8(w, r->antenna_id);
		wbuf_put_le32(w, r->parent_tsf);
		if (r->frame_body) {
			wbuf_put_u8(w, RRM_BREP_SUB_FRAME_BODY);
			wbuf_put_u8(w, (uint8_t)r->frame_body_len);
			wbuf_put_data(w, r->frame_body, r->frame_body_len);
		}
	}
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int rrm_beacon_rep_parse(const uint8_t *ie, size_t len, struct rrm_beacon_rep *out,
			 const char **why)
{
	const uint8_t *b;
	struct ie_iter it;
	int ret;

	ret = beacon_start(out, sizeof(*out), ie, len, IE_MEAS_REPORT,
			   "not a Measurement Report element of its buffer's length",
			   "not a Beacon report", why);
	if (ret)
		return ret;
	b = ie + IE_HDR_LEN;
	out->token = b[0];
	out->rep_mode = b[1];
	if (out->rep_mode & (RRM_REP_MODE_LATE | RRM_REP_MODE_INCAPABLE | RRM_REP_MODE_REFUSED))
		return ie[1] == 3 ? 0 : bad(why, "a late/incapable/refused report has fields");
	if (ie[1] < 3 + RRM_BREP_FIXED_LEN)
		return bad(why, "Beacon report shorter than its fixed fields");
	out->has_fields = true;
	out->op_class = b[3];
	out->channel = b[4];
	out->start_tsf = get_le64(b + 5);
	out->duration = get_le16(b + 13);
	out->frame_info = b[15];
	out->rcpi = b[16];
	out->rsni = b[17];
	memcpy(out->bssid, b + 18, 6);
	out->antenna_id = b[24];
	out->parent_tsf = get_le32(b + 25);
	ie_iter_init_raw(&it, b + 29, ie[1] - 29);
	while (ie_iter_next(&it)) {
		if (it.id == RRM_BREP_SUB_FRAME_BODY && !out->frame_body) {
			out->frame_body = it.data;
			out->frame_body_len = it.len;
		} else {
			out->unknown++;
		}
	}
	if (it.error)
		return bad(why, "Beacon report subelement runs past the element");
	return 0;
}
