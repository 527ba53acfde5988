// SPDX-License-Identifier: MIT
/* wnm.c: BSS Transition Management Query/Request/Response frame bodies
 * (IEEE 802.11-2020 9.6.13.8-10, 11.24.7). Candidate lists are Neighbor
 * Report elements, built and parsed by rrm.c. */
#include <errno.h>
#include <string.h>

#include "buf.h"
#include "ie.h"
#include "util.h"
#include "wnm.h"

static int bad(const char **why, const char *text)
{
	if (why)
		*why = text;
	return -EBADMSG;
}

const char *wnm_btm_status_name(uint8_t status)
{
	switch (status) {
	case WNM_BTM_ACCEPT:
		return "accept";
	case WNM_BTM_REJECT_UNSPECIFIED:
		return "reject-unspecified";
	case WNM_BTM_REJECT_INSUFFICIENT_BEACON:
		return "reject-insufficient-beacon";
	case WNM_BTM_REJECT_INSUFFICIENT_CAPACITY:
		return "reject-insufficient-capacity";
	case WNM_BTM_REJECT_UNDESIRED:
		return "reject-undesired";
	case WNM_BTM_REJECT_DELAY_REQUEST:
		return "reject-delay-request";
	case WNM_BTM_REJECT_STA_CANDIDATES:
		return "reject-sta-candidate-list";
	case WNM_BTM_REJECT_NO_SUITABLE:
		return "reject-no-suitable-candidates";
	case WNM_BTM_REJECT_LEAVING_ESS:
		return "reject-leaving-ess";
	}
	return "unknown";
}

static int put_cands(struct wbuf *w, const struct rrm_neighbor *c, size_t n)
{
	int ret = 0;

	if (n && !c)
		return -EINVAL;
	for (size_t i = 0; i < n && !ret; i++)
		ret = rrm_nr_build(w, &c[i]);
	return ret;
}

static int check_action(const uint8_t *body, size_t len, size_t fixed, uint8_t action,
			const char **why)
{
	if (!body || len < 2)
		return bad(why, "shorter than category and action");
	if (body[0] != WNM_CATEGORY || body[1] != action) {
		if (why)
			*why = "not the expected WNM action";
		return -EPROTO;
	}
	if (len < fixed)
		return bad(why, "truncated in the fixed fields");
	return 0;
}

/* The candidate list must be whole elements, its Neighbor Reports valid. */
static int check_cands(const uint8_t *p, size_t len, const char **why)
{
	size_t n;

	return rrm_nr_list_parse(p, len, NULL, 0, &n, why) ? -EBADMSG : 0;
}

int wnm_btm_request_build(struct wbuf *w, const struct wnm_btm_request *r,
			  const struct rrm_neighbor *cands, size_t n)
{
	if (!w || !r || (n && !(r->mode & WNM_BTM_PREF_LIST)))
		return -EINVAL;
	if ((r->mode & WNM_BTM_ESS_DISASSOC) && (r->url_len > WNM_URL_MAX ||
						  (!r->url && r->url_len)))
		return -EINVAL;
	wbuf_put_u8(w, WNM_CATEGORY);
	wbuf_put_u8(w, WNM_ACTION_BTM_REQUEST);
	wbuf_put_u8(w, r->token);
	wbuf_put_u8(w, r->mode);
	wbuf_put_le16(w, r->disassoc_timer);
	wbuf_put_u8(w, r->validity);
	if (r->mode & WNM_BTM_BSS_TERM) {
		/* the BSS Termination Duration subelement (9.4.2.36) */
		wbuf_put_u8(w, RRM_NR_SUB_TERM_DUR);
		wbuf_put_u8(w, RRM_TERM_DUR_LEN);
		wbuf_put_le32(w, (uint32_t)r->term_tsf);
		wbuf_put_le32(w, (uint32_t)(r->term_tsf >> 32));
		wbuf_put_le16(w, r->term_minutes);
	}
	if (r->mode & WNM_BTM_ESS_DISASSOC) {
		wbuf_put_u8(w, (uint8_t)r->url_len);
		wbuf_put_data(w, r->url, r->url_len);
	}
	if (put_cands(w, cands, n))
		return -ENOSPC;
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int wnm_btm_request_parse(const uint8_t *body, size_t len, struct wnm_btm_request *out,
			  const char **why)
{
	size_t pos = 7;
	int ret;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	ret = check_action(body, len, 7, WNM_ACTION_BTM_REQUEST, why);
	if (ret)
		return ret;
	out->token = body[2];
	out->mode = body[3];
	out->disassoc_timer = get_le16(body + 4);
	out->validity = body[6];
	if (out->mode & WNM_BTM_BSS_TERM) {
		if (len - pos < 2 + RRM_TERM_DUR_LEN)
			ret = bad(why, "BSS Termination Duration truncated");
		else if (body[pos] != RRM_NR_SUB_TERM_DUR || body[pos + 1] != RRM_TERM_DUR_LEN)
			ret = bad(why, "BSS Termination Duration is not subelement 4 of 10 octets");
		if (ret)
			goto cleanup;
		out->term_tsf = (uint64_t)get_le32(body + pos + 6) << 32 |
				get_le32(body + pos + 2);
		out->term_minutes = get_le16(body + pos + 10);
		pos += 2 + RRM_TERM_DUR_LEN;
	}
	if (out->mode & WNM_BTM_ESS_DISASSOC) {
		if (len - pos < 1 || len - pos - 1 < body[pos]) {
			ret = bad(why, "Session Information URL runs past the frame");
			goto cleanup;
		}
		out->url = body + pos + 1;
		out->url_len = body[pos];
		pos += 1 + body[pos];
	}
	out->candidates = body + pos;
	out->candidates_len = len - pos;
	ret = check_cands(out->candidates, out->candidates_len, why);
cleanup:
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

int wnm_btm_query_build(struct wbuf *w, uint8_t token, uint8_t reason,
			const struct rrm_neighbor *cands, size_t n)
{
	if (!w)
		return -EINVAL;
	wbuf_put_u8(w, WNM_CATEGORY);
	wbuf_put_u8(w, WNM_ACTION_BTM_QUERY);
	wbuf_put_u8(w, token);
	wbuf_put_u8(w, reason);
	if (put_cands(w, cands, n))
		return -EINVAL;
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int wnm_btm_query_parse(const uint8_t *body, size_t len, struct wnm_btm_query *out,
			const char **why)
{
	int ret;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	ret = check_action(body, len, 4, WNM_ACTION_BTM_QUERY, why);
	if (ret)
		return ret;
	out->token = body[2];
	out->reason = body[3];
	out->candidates = body + 4;
	out->candidates_len = len - 4;
	ret = check_cands(out->candidates, out->candidates_len, why);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

int wnm_btm_response_build(struct wbuf *w, uint8_t token, uint8_t status,
			   uint8_t term_delay, const uint8_t *target,
			   const struct rrm_neighbor *cands, size_t n)
{
	if (!w || (status == WNM_BTM_ACCEPT && !target))
		return -EINVAL;
	wbuf_put_u8(w, WNM_CATEGORY);
	wbuf_put_u8(w, WNM_ACTION_BTM_RESPONSE);
	wbuf_put_u8(w, token);
	wbuf_put_u8(w, status);
	wbuf_put_u8(w, term_delay);
	if (status == WNM_BTM_ACCEPT)
		wbuf_put_data(w, target, 6);
	if (put_cands(w, cands, n))
		return -EINVAL;
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int wnm_btm_response_parse(const uint8_t *body, size_t len,
			   struct wnm_btm_response *out, const char **why)
{
	size_t pos = 5;
	int ret;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	ret = check_action(body, len, 5, WNM_ACTION_BTM_RESPONSE, why);
	if (ret)
		return ret;
	out->token = body[2];
	out->status = body[3];
	out->term_delay = body[4];
	if (out->status == WNM_BTM_ACCEPT) {
		if (len < pos + 6) {
			memset(out, 0, sizeof(*out));
			return bad(why, "accepting response without a Target BSSID");
		}
		out->has_target = true;
		memcpy(out->target, body + pos, 6);
		pos += 6;
	}
	out->candidates = body + pos;
	out->candidates_len = len - pos;
	ret = check_cands(out->candidates, out->candidates_len, why);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}

int wnm_btm_best(const struct rrm_neighbor *c, size_t n)
{
	int best = -ENOENT;

	for (size_t i = 0; c && i < n; i++) {
		uint8_t p = c[i].has_pref ? c[i].pref : 0;

		if (!p)
			continue;
		if (best < 0 || p > c[best].pref)
			best = (int)i;
	}
	return best;
}
