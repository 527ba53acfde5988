// SPDX-License-Identifier: MIT
/* test_rrm_wnm.c: 802.11k Neighbor Reports and Beacon requests/reports
 * (common/rrm.c) and 802.11v BSS Transition Management (common/wnm.c).
 * No test vectors are published for these frames; the wire checks use
 * frames assembled by hand here from the field layouts of IEEE 802.11-2020
 * 9.4.2.20/21/36 and 9.6.6/9.6.13 (so they test the layout, not a second
 * implementation). Every parser is fed every truncation, bad lengths,
 * unknown subelements and counts that run past the buffer. */
#include <errno.h>
#include <string.h>

#include "buf.h"
#include "ie.h"
#include "rrm.h"
#include "unit.h"
#include "util.h"
#include "wnm.h"

static const uint8_t bssid1[6] = { 0x02, 0, 0, 0, 0x0a, 0x01 };
static const uint8_t bssid2[6] = { 0x02, 0, 0, 0, 0x0a, 0x02 };

/* A Neighbor Report for bssid2, BSSID info reachable|security|MD|HT,
 * class 81 channel 6, PHY 7 (HT), preference 200, and an unknown
 * subelement (ID 39, 1 octet) in the middle. */
static const uint8_t nr_wire[] = {
	52, 19,
	0x02, 0, 0, 0, 0x0a, 0x02,
	0x07, 0x0c, 0, 0,		/* 0x0c07 little endian */
	81, 6, 7,
	39, 1, 0xee,
	3, 1, 200,
};

START_TEST(test_nr_wire)
{
	struct rrm_neighbor nr, want = {
		.bssid_info = RRM_BI_REACH_REACHABLE | RRM_BI_SECURITY |
			      RRM_BI_MOBILITY_DOMAIN | RRM_BI_HT,
		.op_class = 81, .channel = 6, .phy_type = 7, .has_pref = true, .pref = 200,
	};
	uint8_t buf[64];
	const char *why = NULL;
	struct wbuf w;

	memcpy(want.bssid, bssid2, 6);
	ck_assert_int_eq(rrm_nr_parse(nr_wire, sizeof(nr_wire), &nr, &why), 0);
	ck_assert_mem_eq(nr.bssid, bssid2, 6);
	ck_assert_uint_eq(nr.bssid_info, 0x0c07);
	ck_assert_uint_eq(nr.op_class, 81);
	ck_assert_uint_eq(nr.channel, 6);
	ck_assert_uint_eq(nr.phy_type, 7);
	ck_assert(nr.has_pref);
	ck_assert_uint_eq(nr.pref, 200);
	ck_assert_uint_eq(nr.unknown, 1);
	ck_assert(!nr.has_term);
	/* the builder writes the same without the unknown subelement */
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(rrm_nr_build(&w, &want), 0);
	ck_assert_uint_eq(w.len, sizeof(nr_wire) - 3);
	ck_assert_mem_eq(buf + 2, nr_wire + 2, 13);
	ck_assert_mem_eq(buf + 15, nr_wire + 18, 3);
	/* termination duration round trip */
	want.has_term = true;
	want.term_tsf = 0x1122334455667788ULL;
	want.term_minutes = 30;
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(rrm_nr_build(&w, &want), 0);
	ck_assert_int_eq(rrm_nr_parse(buf, w.len, &nr, NULL), 0);
	ck_assert(nr.term_tsf == 0x1122334455667788ULL);
	ck_assert_uint_eq(nr.term_minutes, 30);
	wbuf_init(&w, buf, 10);
	ck_assert_int_eq(rrm_nr_build(&w, &want), -ENOSPC);
}
END_TEST

START_TEST(test_nr_bad)
{
	uint8_t b[64];
	struct rrm_neighbor nr;

	/* every truncated buffer; every shorter element */
	for (size_t i = 0; i < sizeof(nr_wire); i++) {
		ck_assert_int_eq(rrm_nr_parse(nr_wire, i, &nr, NULL), -EBADMSG);
		if (i >= 2) {
			int ret;

			memcpy(b, nr_wire, i);
			b[1] = (uint8_t)(i - 2);
			ret = rrm_nr_parse(b, i, &nr, NULL);
			/* valid only where a subelement ends */
			if (i == 15 || i == 18)
				ck_assert_int_eq(ret, 0);
			else
				ck_assert_int_eq(ret, -EBADMSG);
		}
	}
	/* preference of 2 octets; twice; termination of 9 */
	memcpy(b, nr_wire, sizeof(nr_wire));
	b[19] = 2;
	b[1] = 20;
	b[21] = 0;
	ck_assert_int_eq(rrm_nr_parse(b, 22, &nr, NULL), -EBADMSG);
	memcpy(b, nr_wire, sizeof(nr_wire));
	memcpy(b + sizeof(nr_wire), "\x03\x01\x05", 3);
	b[1] += 3;
	ck_assert_int_eq(rrm_nr_parse(b, sizeof(nr_wire) + 3, &nr, NULL), -EBADMSG);
	memcpy(b, nr_wire, 15);
	memcpy(b + 15, "\x04\x09" "123456789", 11);
	b[1] = 24;
	ck_assert_int_eq(rrm_nr_parse(b, 26, &nr, NULL), -EBADMSG);
	/* other element */
	b[0] = 51;
	ck_assert_int_eq(rrm_nr_parse(b, 26, &nr, NULL), -EBADMSG);
}
END_TEST

START_TEST(test_nr_frames)
{
	struct rrm_neighbor in[3] = { 0 }, out[2];
	struct rrm_nr_request rq;
	uint8_t buf[256], token;
	size_t n;
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(rrm_nr_request_build(&w, 7, (const uint8_t *)"roam", 4), 0);
	ck_assert_uint_eq(w.len, 9);
	ck_assert_int_eq(rrm_nr_request_parse(buf, w.len, &rq, NULL), 0);
	ck_assert_uint_eq(rq.token, 7);
	ck_assert_uint_eq(rq.ssid_len, 4);
	ck_assert_mem_eq(rq.ssid, "roam", 4);
	for (size_t i = 0; i < w.len; i++) {
		int ret = rrm_nr_request_parse(buf, i, &rq, NULL);

		ck_assert(i == 3 ? ret == 0 : ret < 0);
	}
	buf[1] = RRM_ACTION_NR_RESP;
	ck_assert_int_eq(rrm_nr_request_parse(buf, 9, &rq, NULL), -EPROTO);

	for (int i = 0; i < 3; i++) {
		in[i].bssid[5] = (uint8_t)i;
		in[i].channel = (uint8_t)(1 + 5 * i);
		in[i].op_class = 81;
	}
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(rrm_nr_response_build(&w, 9, in, 3), 0);
	ck_assert_uint_eq(w.len, 3 + 3 * 15);
	/* more reports than room: counted, first two kept */
	ck_assert_int_eq(rrm_nr_response_parse(buf, w.len, &token, out, 2, &n, NULL), 0);
	ck_assert_uint_eq(token, 9);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(out[1].channel, 6);
	for (size_t i = 0; i < w.len; i++) {
		int ret = rrm_nr_response_parse(buf, i, &token, out, 2, &n, NULL);

		ck_assert(i >= 3 && (i - 3) % 15 == 0 ? ret == 0 : ret < 0);
	}
	/* a report whose length runs past the frame */
	buf[4] = 200;
	ck_assert_int_eq(rrm_nr_response_parse(buf, w.len, &token, out, 2, &n, NULL),
			 -EBADMSG);
	/* a report shorter than 13 octets: the element table refuses it */
	buf[4] = 12;
	ck_assert_int_eq(rrm_nr_response_parse(buf, 3 + 14, &token, out, 2, &n, NULL),
			 -EBADMSG);
}
END_TEST

/* Radio Measurement Request with one Beacon request: token 3, 1
 * repetition; element: token 1, mode 0, type 5, class 81, channel 11,
 * random 0, duration 100, active, wildcard BSSID, SSID "roam", detail 2. */
static const uint8_t beacon_req_frame[] = {
	5, 0, 3, 1, 0,
	38, 25, 1, 0, 5, 81, 11, 0, 0, 100, 0, 1,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0, 4, 'r', 'o', 'a', 'm',
	2, 1, 2,
};

START_TEST(test_beacon_req)
{
	static const uint8_t any[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct rrm_beacon_req r = {
		.token = 1, .op_class = 81, .channel = 11, .duration = 100,
		.mode = RRM_BEACON_ACTIVE, .ssid = (const uint8_t *)"roam", .ssid_len = 4,
		.has_detail = true, .detail = 2,
	}, p;
	struct rrm_meas_frame f;
	uint8_t el[64], buf[128];
	struct wbuf w;

	memcpy(r.bssid, any, 6);
	wbuf_init(&w, el, sizeof(el));
	ck_assert_int_eq(rrm_beacon_req_build(&w, &r), 0);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(rrm_meas_request_build(&w, 3, 1, el, 27), 0);
	ck_assert_uint_eq(w.len, sizeof(beacon_req_frame));
	ck_assert_mem_eq(buf, beacon_req_frame, sizeof(beacon_req_frame));
	ck_assert_int_eq(rrm_meas_frame_parse(buf, w.len, &f, NULL), 0);
	ck_assert_uint_eq(f.action, RRM_ACTION_MEAS_REQ);
	ck_assert_uint_eq(f.repetitions, 1);
	ck_assert_int_eq(rrm_beacon_req_parse(f.elems, f.elems_len, &p, NULL), 0);
	ck_assert_int_eq(p.mode, RRM_BEACON_ACTIVE);
	ck_assert_uint_eq(p.duration, 100);
	ck_assert_uint_eq(p.ssid_len, 4);
	ck_assert_uint_eq(p.detail, 2);
	ck_assert_str_eq(rrm_beacon_mode_name(p.mode), "active");
	for (int m = RRM_BEACON_PASSIVE; m <= RRM_BEACON_TABLE; m++) {
		r.mode = (enum rrm_beacon_mode)m;
		r.ssid = NULL;
		r.ssid_len = 0;
		wbuf_init(&w, el, sizeof(el));
		ck_assert_int_eq(rrm_beacon_req_build(&w, &r), 0);
		ck_assert_int_eq(rrm_beacon_req_parse(el, w.len, &p, NULL), 0);
		ck_assert_int_eq(p.mode, m);
		ck_assert_ptr_null(p.ssid);
	}
	/* truncations of the element (length fixed up) */
	for (size_t i = 2; i < 27; i++) {
		int ret;

		memcpy(el, beacon_req_frame + 5, i);
		el[1] = (uint8_t)(i - 2);
		ret = rrm_beacon_req_parse(el, i, &p, NULL);
		ck_assert(i == 18 || i == 24 ? ret == 0 : ret == -EBADMSG);
	}
	for (size_t i = 0; i < sizeof(beacon_req_frame); i++) {
		int ret = rrm_meas_frame_parse(beacon_req_frame, i, &f, NULL);

		ck_assert(i == 5 ? ret == 0 : ret < 0);
	}
	/* mode 3, detail 3, SSID of 33, unknown subelement skipped */
	memcpy(el, beacon_req_frame + 5, 27);
	el[11] = 3;
	ck_assert_int_eq(rrm_beacon_req_parse(el, 27, &p, NULL), -EBADMSG);
	el[11] = 0;
	el[26] = 3;
	ck_assert_int_eq(rrm_beacon_req_parse(el, 27, &p, NULL), -EBADMSG);
	el[24] = 10;	/* "Reporting Detail" now a Request subelement: skipped */
	ck_assert_int_eq(rrm_beacon_req_parse(el, 27, &p, NULL), 0);
	ck_assert_uint_eq(p.unknown, 1);
	el[4] = 6;	/* another measurement type */
	ck_assert_int_eq(rrm_beacon_req_parse(el, 27, &p, NULL), -EBADMSG);
	r.mode = (enum rrm_beacon_mode)3;
	ck_assert_int_eq(rrm_beacon_req_build(&w, &r), -EINVAL);
}
END_TEST

START_TEST(test_beacon_rep)
{
	static const uint8_t body[] = { 0, 5, 'r', 'o', 'a', 'm' };
	struct rrm_beacon_rep r = {
		.token = 1, .has_fields = true, .op_class = 81, .channel = 6,
		.start_tsf = 0x0102030405060708ULL, .duration = 100, .rcpi = 150, .rsni = 40,
		.antenna_id = 1, .parent_tsf = 0xdeadbeef, .frame_body = body,
		.frame_body_len = sizeof(body),
	}, p;
	struct rrm_meas_frame f;
	uint8_t el[128], buf[160];
	struct wbuf w;

	memcpy(r.bssid, bssid1, 6);
	wbuf_init(&w, el, sizeof(el));
	ck_assert_int_eq(rrm_beacon_rep_build(&w, &r), 0);
	ck_assert_uint_eq(w.len, 2 + 3 + 26 + 2 + sizeof(body));
	ck_assert_int_eq(rrm_beacon_rep_parse(el, w.len, &p, NULL), 0);
	ck_assert(p.has_fields);
	ck_assert(p.start_tsf == 0x0102030405060708ULL);
	ck_assert_uint_eq(p.parent_tsf, 0xdeadbeef);
	ck_assert_uint_eq(p.rcpi, 150);
	ck_assert_mem_eq(p.bssid, bssid1, 6);
	ck_assert_uint_eq(p.frame_body_len, sizeof(body));
	{
		size_t n = w.len;

		wbuf_init(&w, buf, sizeof(buf));
		ck_assert_int_eq(rrm_meas_report_build(&w, 4, el, n), 0);
		ck_assert_int_eq(rrm_meas_frame_parse(buf, w.len, &f, NULL), 0);
		ck_assert_uint_eq(f.action, RRM_ACTION_MEAS_REP);
		ck_assert_uint_eq(f.token, 4);
		ck_assert_uint_eq(f.elems_len, n);
		for (size_t i = 2; i < n; i++) {
			uint8_t cut[128];
			int ret;

			memcpy(cut, el, i);
			cut[1] = (uint8_t)(i - 2);
			ret = rrm_beacon_rep_parse(cut, i, &p, NULL);
			ck_assert(i == 31 ? ret == 0 : ret == -EBADMSG);
		}
	}
	/* a refused report has no fields; one with fields is malformed */
	r.rep_mode = RRM_REP_MODE_REFUSED;
	r.has_fields = false;
	wbuf_init(&w, el, sizeof(el));
	ck_assert_int_eq(rrm_beacon_rep_build(&w, &r), 0);
	ck_assert_uint_eq(w.len, 5);
	ck_assert_int_eq(rrm_beacon_rep_parse(el, 5, &p, NULL), 0);
	ck_assert(!p.has_fields);
	el[1] = 4;
	el[5] = 0;
	ck_assert_int_eq(rrm_beacon_rep_parse(el, 6, &p, NULL), -EBADMSG);
}
END_TEST

/* --- BSS Transition Management ------------------------------------------------ */

/* A request: token 5, pref list + abridged + disassoc imminent + BSS
 * termination, timer 300, validity 100, termination TSF 0x10 for 15
 * minutes, two candidates (bssid2 preference 255, bssid1 preference 0). */
START_TEST(test_btm_request)
{
	struct rrm_neighbor c[2] = { 0 }, got[4];
	struct wnm_btm_request r = {
		.token = 5, .disassoc_timer = 300, .validity = 100, .term_tsf = 0x10,
		.term_minutes = 15,
		.mode = WNM_BTM_PREF_LIST | WNM_BTM_ABRIDGED | WNM_BTM_DISASSOC_IMMINENT |
			WNM_BTM_BSS_TERM,
	}, p;
	static const uint8_t head[] = { 10, 7, 5, 0x0f, 0x2c, 0x01, 100,
					4, 10, 0x10, 0, 0, 0, 0, 0, 0, 0, 15, 0 };
	uint8_t buf[256];
	size_t n;
	struct wbuf w;

	memcpy(c[0].bssid, bssid2, 6);
	c[0].has_pref = true;
	c[0].pref = 255;
	memcpy(c[1].bssid, bssid1, 6);
	c[1].has_pref = true;
	c[1].pref = 0;
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(wnm_btm_request_build(&w, &r, c, 2), 0);
	ck_assert_uint_eq(w.len, sizeof(head) + 2 * 18);
	ck_assert_mem_eq(buf, head, sizeof(head));
	ck_assert_int_eq(wnm_btm_request_parse(buf, w.len, &p, NULL), 0);
	ck_assert_uint_eq(p.mode, r.mode);
	ck_assert_uint_eq(p.disassoc_timer, 300);
	ck_assert_uint_eq(p.validity, 100);
	ck_assert(p.term_tsf == 0x10);
	ck_assert_uint_eq(p.term_minutes, 15);
	ck_assert_int_eq(rrm_nr_list_parse(p.candidates, p.candidates_len, got, 4, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(wnm_btm_best(got, n), 0);
	/* every truncation: refused, except where a candidate ends */
	for (size_t i = 0; i < w.len; i++) {
		int ret = wnm_btm_request_parse(buf, i, &p, NULL);

		if (i == sizeof(head) || i == sizeof(head) + 18)
			ck_assert_int_eq(ret, 0);
		else
			ck_assert_msg(ret < 0, "len %zu parsed", i);
	}
	/* a termination subelement of another ID or length */
	buf[7] = 3;
	ck_assert_int_eq(wnm_btm_request_parse(buf, w.len, &p, NULL), -EBADMSG);
	buf[7] = 4;
	buf[8] = 9;
	ck_assert_int_eq(wnm_btm_request_parse(buf, w.len, &p, NULL), -EBADMSG);
	buf[8] = 10;
	/* a candidate whose length runs past the frame */
	buf[sizeof(head) + 1] = 40;
	ck_assert_int_eq(wnm_btm_request_parse(buf, w.len, &p, NULL), -EBADMSG);
	/* candidates without the preferred-list bit, over-long URL */
	r.mode = 0;
	ck_assert_int_eq(wnm_btm_request_build(&w, &r, c, 2), -EINVAL);
	r.mode = WNM_BTM_ESS_DISASSOC;
	r.url = (const uint8_t *)"http://x";
	r.url_len = 256;
	ck_assert_int_eq(wnm_btm_request_build(&w, &r, NULL, 0), -EINVAL);
	/* the URL: built, parsed; a URL length past the frame */
	r.url_len = 8;
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(wnm_btm_request_build(&w, &r, NULL, 0), 0);
	ck_assert_int_eq(wnm_btm_request_parse(buf, w.len, &p, NULL), 0);
	ck_assert_uint_eq(p.url_len, 8);
	ck_assert_mem_eq(p.url, "http://x", 8);
	buf[7] = 9;
	ck_assert_int_eq(wnm_btm_request_parse(buf, w.len, &p, NULL), -EBADMSG);
	buf[1] = WNM_ACTION_BTM_QUERY;
	ck_assert_int_eq(wnm_btm_request_parse(buf, w.len, &p, NULL), -EPROTO);
}
END_TEST

START_TEST(test_btm_query_response)
{
	struct rrm_neighbor c = { .channel = 36, .op_class = 115, .has_pref = true, .pref = 9 };
	struct wnm_btm_query q;
	struct wnm_btm_response r;
	uint8_t buf[128];
	struct wbuf w;

	memcpy(c.bssid, bssid2, 6);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(wnm_btm_query_build(&w, 11, 16, &c, 1), 0);
	ck_assert_int_eq(wnm_btm_query_parse(buf, w.len, &q, NULL), 0);
	ck_assert_uint_eq(q.token, 11);
	ck_assert_uint_eq(q.reason, 16);
	ck_assert_uint_eq(q.candidates_len, 18);
	for (size_t i = 0; i < w.len; i++) {
		int ret = wnm_btm_query_parse(buf, i, &q, NULL);

		ck_assert(i == 4 ? ret == 0 : ret < 0);
	}
	/* accept with a target */
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(wnm_btm_response_build(&w, 5, WNM_BTM_ACCEPT, 0, bssid2, NULL, 0), 0);
	ck_assert_uint_eq(w.len, 11);
	ck_assert_int_eq(wnm_btm_response_parse(buf, w.len, &r, NULL), 0);
	ck_assert(r.has_target);
	ck_assert_mem_eq(r.target, bssid2, 6);
	for (size_t i = 0; i < w.len; i++)
		ck_assert_int_lt(wnm_btm_response_parse(buf, i, &r, NULL), 0);
	ck_assert_int_eq(wnm_btm_response_build(&w, 5, WNM_BTM_ACCEPT, 0, NULL, NULL, 0),
			 -EINVAL);
	/* reject with the station's own candidates */
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(wnm_btm_response_build(&w, 5, WNM_BTM_REJECT_STA_CANDIDATES, 2,
						NULL, &c, 1), 0);
	ck_assert_int_eq(wnm_btm_response_parse(buf, w.len, &r, NULL), 0);
	ck_assert(!r.has_target);
	ck_assert_uint_eq(r.term_delay, 2);
	ck_assert_uint_eq(r.candidates_len, 18);
	ck_assert_str_eq(wnm_btm_status_name(r.status), "reject-sta-candidate-list");
	ck_assert_str_eq(wnm_btm_status_name(9), "unknown");
	/* best: excluded (0) and preference-less candidates never win */
	{
		struct rrm_neighbor l[3] = { { .has_pref = true, .pref = 0 },
					     { .has_pref = false },
					     { .has_pref = true, .pref = 1 } };

		ck_assert_int_eq(wnm_btm_best(l, 3), 2);
		ck_assert_int_eq(wnm_btm_best(l, 2), -ENOENT);
	}
}
END_TEST

static Suite *rrm_wnm_suite(void)
{
	Suite *s = suite_create("rrm_wnm");
	TCase *tc = tcase_create("rrm");
	TCase *tw = tcase_create("wnm");

	tcase_add_test(tc, test_nr_wire);
	tcase_add_test(tc, test_nr_bad);
	tcase_add_test(tc, test_nr_frames);
	tcase_add_test(tc, test_beacon_req);
	tcase_add_test(tc, test_beacon_rep);
	suite_add_tcase(s, tc);
	tcase_add_test(tw, test_btm_request);
	tcase_add_test(tw, test_btm_query_response);
	suite_add_tcase(s, tw);
	return s;
}

UNIT_MAIN(rrm_wnm_suite)
