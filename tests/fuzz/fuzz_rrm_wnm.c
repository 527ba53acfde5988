// SPDX-License-Identifier: MIT
/* fuzz_rrm_wnm: the 802.11k and 802.11v parsers (common/rrm.c, wnm.c):
 * Neighbor Report elements and frames, Radio Measurement frames and
 * Beacon request/report elements, BTM Query/Request/Response. What parses
 * is rebuilt and parsed again to the same fields. The first octet picks
 * the parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ie.h"
#include "log.h"
#include "rrm.h"
#include "wnm.h"

static void in_bounds(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
	if (p && (p < data || p + n > data + size))
		__builtin_trap();
}

static void nr_list(const uint8_t *p, size_t len)
{
	struct rrm_neighbor c[8];
	uint8_t buf[512];
	size_t n, n2;
	struct wbuf w;

	if (rrm_nr_list_parse(p, len, c, 8, &n, NULL))
		__builtin_trap();	/* the caller validated it */
	if (n > 8)
		n = 8;
	wbuf_init(&w, buf, sizeof(buf));
	for (size_t i = 0; i < n; i++)
		if (rrm_nr_build(&w, &c[i]))
			__builtin_trap();
	if (rrm_nr_list_parse(buf, w.len, NULL, 0, &n2, NULL) || n2 != n)
		__builtin_trap();
	(void)wnm_btm_best(c, n);
}

static void fuzz_rrm(const uint8_t *d, size_t size)
{
	struct rrm_nr_request rq;
	struct rrm_neighbor c[4];
	struct rrm_meas_frame f;
	uint8_t token;
	size_t n;

	if (!rrm_nr_request_parse(d, size, &rq, NULL))
		in_bounds(rq.ssid, rq.ssid_len, d, size);
	(void)rrm_nr_response_parse(d, size, &token, c, 4, &n, NULL);
	if (!rrm_meas_frame_parse(d, size, &f, NULL)) {
		struct ie_iter it;

		in_bounds(f.elems, f.elems_len, d, size);
		ie_iter_init(&it, f.elems, f.elems_len);
		while (ie_iter_next(&it)) {
			const uint8_t *e = it.data - 2;
			struct rrm_beacon_req q, q2;
			struct rrm_beacon_rep r, r2;
			uint8_t buf[300];
			struct wbuf w;

			if (!rrm_beacon_req_parse(e, it.len + 2u, &q, NULL)) {
				in_bounds(q.ssid, q.ssid_len, d, size);
				wbuf_init(&w, buf, sizeof(buf));
				if (rrm_beacon_req_build(&w, &q) ||
				    rrm_beacon_req_parse(buf, w.len, &q2, NULL) ||
				    q2.mode != q.mode || q2.duration != q.duration)
					__builtin_trap();
			}
			if (!rrm_beacon_rep_parse(e, it.len + 2u, &r, NULL)) {
				in_bounds(r.frame_body, r.frame_body_len, d, size);
				wbuf_init(&w, buf, sizeof(buf));
				if (rrm_beacon_rep_build(&w, &r) ||
				    rrm_beacon_rep_parse(buf, w.len, &r2, NULL) ||
				    r2.start_tsf != r.start_tsf)
					__builtin_trap();
			}
		}
	}
}

static void fuzz_wnm(const uint8_t *d, size_t size)
{
	struct wnm_btm_request rq, rq2;
	struct wnm_btm_query q;
	struct wnm_btm_response r;

	if (!wnm_btm_request_parse(d, size, &rq, NULL)) {
		uint8_t buf[600];
		struct wbuf w;

		in_bounds(rq.url, rq.url_len, d, size);
		in_bounds(rq.candidates, rq.candidates_len, d, size);
		nr_list(rq.candidates, rq.candidates_len);
		/* the fixed part and optional fields rebuild */
		rq.mode &= (uint8_t)~WNM_BTM_PREF_LIST;
		wbuf_init(&w, buf, sizeof(buf));
		if (wnm_btm_request_build(&w, &rq, NULL, 0) ||
		    wnm_btm_request_parse(buf, w.len, &rq2, NULL) ||
		    rq2.disassoc_timer != rq.disassoc_timer || rq2.url_len != rq.url_len ||
		    rq2.term_tsf != rq.term_tsf)
			__builtin_trap();
	}
	if (!wnm_btm_query_parse(d, size, &q, NULL))
		nr_list(q.candidates, q.candidates_len);
	if (!wnm_btm_response_parse(d, size, &r, NULL)) {
		nr_list(r.candidates, r.candidates_len);
		(void)wnm_btm_status_name(r.status);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rrm_neighbor nr;

	log_set_level(LOG_LVL_ERROR);
	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		if (!rrm_nr_parse(data + 1, size - 1, &nr, NULL)) {
			uint8_t buf[300];
			struct wbuf w;
			struct rrm_neighbor nr2;

			wbuf_init(&w, buf, sizeof(buf));
			if (rrm_nr_build(&w, &nr) || rrm_nr_parse(buf, w.len, &nr2, NULL) ||
			    nr2.pref != nr.pref || nr2.channel != nr.channel)
				__builtin_trap();
		}
		break;
	case 1:
		fuzz_rrm(data + 1, size - 1);
		break;
	case 2:
		fuzz_wnm(data + 1, size - 1);
		break;
	}
	return 0;
}
