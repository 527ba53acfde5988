// SPDX-License-Identifier: MIT
/* test_mgmt.c: build/parse round trips of every management frame type, and
 * truncation at every length. Each truncated frame is copied into an exactly
 * sized heap buffer so ASan catches any read past the end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ie.h"
#include "mgmt.h"
#include "unit.h"

static const uint8_t STA[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t AP[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t AP2[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t IES[] = { 0x00, 0x07, 'r', 'o', 'a', 'm', 'i', 'n', 'g',
			       0x01, 0x02, 0x82, 0x84,
			       0x03, 0x01, 0x06 };

/* Fixed-field size per subtype (9.3.3), independent of the implementation. */
static size_t fixed_for(int st)
{
	switch (st) {
	case MGMT_ASSOC_REQ: return 4;
	case MGMT_REASSOC_REQ: return 10;
	case MGMT_ASSOC_RESP: case MGMT_REASSOC_RESP: return 6;
	case MGMT_BEACON: case MGMT_PROBE_RESP: return 12;
	case MGMT_AUTH: return 6;
	case MGMT_DEAUTH: case MGMT_DISASSOC: return 2;
	default: return 0;
	}
}

/* Every proper prefix shorter than header+fixed fields is rejected with
 * -EMSGSIZE; longer prefixes parse with ies_len == len - 24 - fixed. */
static void check_truncations(const uint8_t *frame, size_t len)
{
	int st = mgmt_get_subtype(frame, len);
	size_t need = MGMT_HDR_LEN + fixed_for(st);

	ck_assert_int_ge(st, 0);
	for (size_t l = 0; l <= len; l++) {
		uint8_t *copy = malloc(l ? l : 1);
		struct mgmt_frame f;
		int ret;

		memcpy(copy, frame, l);
		ret = mgmt_parse(copy, l, &f);
		if (l < need) {
			ck_assert_msg(ret == -EMSGSIZE, "len %zu ret %d", l, ret);
		} else {
			ck_assert_int_eq(ret, 0);
			ck_assert_uint_eq(f.ies_len, l - need);
			ck_assert(f.ies == copy + need);
		}
		free(copy);
	}
}

START_TEST(test_auth)
{
	uint8_t mem[256];
	struct wbuf w;
	struct mgmt_frame f;

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_auth(&w, AP, STA, AP, MGMT_AUTH_ALG_OPEN, 1,
					 MGMT_STATUS_SUCCESS, NULL, 0), 0);
	ck_assert_uint_eq(w.len, 30);
	/* FC: type 0 subtype 11 -> 0xb0 0x00 */
	ck_assert_int_eq(mem[0], 0xb0);
	ck_assert_int_eq(mem[1], 0x00);
	ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
	ck_assert_int_eq(f.subtype, MGMT_AUTH);
	ck_assert(memcmp(f.da, AP, 6) == 0);
	ck_assert(memcmp(f.sa, STA, 6) == 0);
	ck_assert(memcmp(f.bssid, AP, 6) == 0);
	ck_assert_uint_eq(f.auth_alg, 0);
	ck_assert_uint_eq(f.auth_transaction, 1);
	ck_assert_uint_eq(f.status, 0);
	ck_assert_uint_eq(f.ies_len, 0);
	check_truncations(mem, w.len);

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_auth(&w, STA, AP, AP, MGMT_AUTH_ALG_SHARED,
					 2, MGMT_STATUS_NOT_SUPPORTED_AUTH_ALG,
					 IES, sizeof(IES)), 0);
	ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
	ck_assert_uint_eq(f.auth_alg, 1);
	ck_assert_uint_eq(f.auth_transaction, 2);
	ck_assert_uint_eq(f.status, 13);
	ck_assert_uint_eq(f.ies_len, sizeof(IES));
	ck_assert(memcmp(f.ies, IES, sizeof(IES)) == 0);
	check_truncations(mem, w.len);
}
END_TEST

START_TEST(test_assoc_req)
{
	uint8_t mem[256];
	struct wbuf w;
	struct mgmt_frame f;

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_assoc_req(&w, AP, STA, AP,
					      MGMT_CAPAB_ESS | MGMT_CAPAB_PRIVACY,
					      10, NULL, IES, sizeof(IES)), 0);
	ck_assert_int_eq(mem[0], 0x00);
	ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
	ck_assert_int_eq(f.subtype, MGMT_ASSOC_REQ);
	ck_assert_uint_eq(f.capab, 0x11);
	ck_assert_uint_eq(f.listen_interval, 10);
	ck_assert(mac_is_zero(f.current_ap));
	ck_assert_uint_eq(f.ies_len, sizeof(IES));
	check_truncations(mem, w.len);

	/* Reassociation Request carries the current AP (9.3.3.7) */
	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_assoc_req(&w, AP2, STA, AP2, 0x11, 3, AP,
					      IES, sizeof(IES)), 0);
	ck_assert_int_eq(mem[0], 0x20);
	ck_assert_uint_eq(w.len, 24 + 10 + sizeof(IES));
	ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
	ck_assert_int_eq(f.subtype, MGMT_REASSOC_REQ);
	ck_assert_uint_eq(f.listen_interval, 3);
	ck_assert(memcmp(f.current_ap, AP, 6) == 0);
	ck_assert(memcmp(f.ies, IES, sizeof(IES)) == 0);
	check_truncations(mem, w.len);
}
END_TEST

START_TEST(test_assoc_resp)
{
	uint8_t mem[256];
	struct wbuf w;
	struct mgmt_frame f;

	for (int re = 0; re <= 1; re++) {
		wbuf_init(&w, mem, sizeof(mem));
		ck_assert_int_eq(mgmt_build_assoc_resp(&w, re, STA, AP, AP, 0x11,
						       MGMT_STATUS_SUCCESS, 5,
						       IES, 4), 0);
		/* AID on the wire has both MSBs set (9.4.1.8) */
		ck_assert_int_eq(mem[28], 0x05);
		ck_assert_int_eq(mem[29], 0xc0);
		ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
		ck_assert_int_eq(f.subtype,
				 re ? MGMT_REASSOC_RESP : MGMT_ASSOC_RESP);
		ck_assert_uint_eq(f.aid, 5);
		ck_assert_uint_eq(f.status, 0);
		ck_assert_uint_eq(f.capab, 0x11);
		ck_assert_uint_eq(f.ies_len, 4);
		check_truncations(mem, w.len);
	}
}
END_TEST

START_TEST(test_deauth_disassoc)
{
	uint8_t mem[64];
	struct wbuf w;
	struct mgmt_frame f;

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_deauth(&w, STA, AP, AP,
					   MGMT_REASON_DEAUTH_LEAVING), 0);
	ck_assert_uint_eq(w.len, 26);
	ck_assert_int_eq(mem[0], 0xc0);
	ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
	ck_assert_int_eq(f.subtype, MGMT_DEAUTH);
	ck_assert_uint_eq(f.reason, 3);
	check_truncations(mem, w.len);

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_disassoc(&w, BCAST, AP, AP,
					     MGMT_REASON_DISASSOC_INACTIVITY), 0);
	ck_assert_int_eq(mem[0], 0xa0);
	ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
	ck_assert_int_eq(f.subtype, MGMT_DISASSOC);
	ck_assert_uint_eq(f.reason, 4);
	ck_assert(mac_is_broadcast(f.da));
	check_truncations(mem, w.len);
}
END_TEST

START_TEST(test_beacon_probe)
{
	uint8_t mem[256];
	struct wbuf w;
	struct mgmt_frame f;
	const uint8_t *ssid;
	size_t ssid_len;

	for (int pr = 0; pr <= 1; pr++) {
		wbuf_init(&w, mem, sizeof(mem));
		ck_assert_int_eq(mgmt_build_beacon(&w, pr, pr ? STA : BCAST, AP,
						   AP, 0x0102030405060708ULL,
						   100, 0x0411, IES,
						   sizeof(IES)), 0);
		ck_assert_int_eq(mem[0], pr ? 0x50 : 0x80);
		/* timestamp is little-endian */
		ck_assert_int_eq(mem[24], 0x08);
		ck_assert_int_eq(mem[31], 0x01);
		ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
		ck_assert_int_eq(f.subtype, pr ? MGMT_PROBE_RESP : MGMT_BEACON);
		ck_assert(f.timestamp == 0x0102030405060708ULL);
		ck_assert_uint_eq(f.beacon_int, 100);
		ck_assert_uint_eq(f.capab, 0x0411);
		ck_assert_int_eq(mgmt_get_ssid(f.ies, f.ies_len, &ssid,
					       &ssid_len), 0);
		ck_assert_uint_eq(ssid_len, 7);
		ck_assert(memcmp(ssid, "roaming", 7) == 0);
		ck_assert_int_eq(mgmt_get_ds_channel(f.ies, f.ies_len), 6);
		check_truncations(mem, w.len);
	}

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_probe_req(&w, BCAST, STA, BCAST, IES, 9), 0);
	ck_assert_int_eq(mem[0], 0x40);
	ck_assert_int_eq(mgmt_parse(mem, w.len, &f), 0);
	ck_assert_int_eq(f.subtype, MGMT_PROBE_REQ);
	ck_assert_uint_eq(f.ies_len, 9);
	check_truncations(mem, w.len);
}
END_TEST

START_TEST(test_not_mgmt)
{
	/* a data frame (type 2) */
	uint8_t data[24] = { 0x08, 0x01 };
	struct mgmt_frame f;

	ck_assert_int_eq(mgmt_parse(data, sizeof(data), &f), -EPROTOTYPE);
	ck_assert_int_eq(mgmt_get_subtype(data, sizeof(data)), -1);
	ck_assert_int_eq(mgmt_parse(data, 1, &f), -EMSGSIZE);
	ck_assert(!mgmt_is_mgmt(data, 0));
}
END_TEST

START_TEST(test_overflow)
{
	uint8_t mem[29];
	struct wbuf w;

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_auth(&w, AP, STA, AP, 0, 1, 0, NULL, 0),
			 -ENOSPC);
	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_deauth(&w, AP, STA, AP, 1), 0);
}
END_TEST

START_TEST(test_elements)
{
	uint8_t mem[64];
	struct wbuf w;
	static const uint8_t rates[12] = { 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12,
					   0x18, 0x24, 0x30, 0x48, 0x60, 0x6c };
	static const uint8_t wpa_oui[3] = { 0x00, 0x50, 0xf2 };
	const uint8_t vend[] = { 0xdd, 0x06, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00 };
	const uint8_t *e;

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_put_ssid(&w, (const uint8_t *)"ab", 2), 0);
	ck_assert_int_eq(mgmt_put_rates(&w, rates, 12), 0);
	ck_assert_int_eq(mgmt_put_ds_param(&w, 11), 0);
	wbuf_put_data(&w, vend, sizeof(vend));
	/* SSID(4) + rates(2+8) + ext rates(2+4) + DS(3) + vendor(8) */
	ck_assert_uint_eq(w.len, 4 + 10 + 6 + 3 + 8);
	ck_assert(mgmt_ies_valid(mem, w.len));
	e = mgmt_find_ie(mem, w.len, MGMT_EID_SUPP_RATES);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e[1], 8);
	e = mgmt_find_ie(mem, w.len, MGMT_EID_EXT_SUPP_RATES);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e[1], 4);
	ck_assert_int_eq(e[5], 0x6c);
	ck_assert_int_eq(mgmt_get_ds_channel(mem, w.len), 11);
	e = mgmt_find_vendor_ie(mem, w.len, wpa_oui, 1);
	ck_assert_ptr_eq(e, mem + 23);
	ck_assert_ptr_null(mgmt_find_vendor_ie(mem, w.len, wpa_oui, 4));
	ck_assert_ptr_null(mgmt_find_ie(mem, w.len, MGMT_EID_RSN));
	/* a truncated element list: every prefix that cuts an element is
	 * invalid and lookups past the cut fail */
	for (size_t l = 0; l < w.len; l++) {
		uint8_t *c = malloc(l ? l : 1);
		bool boundary = l == 0 || l == 4 || l == 14 || l == 20 ||
				l == 23;

		memcpy(c, mem, l);
		ck_assert_msg(mgmt_ies_valid(c, l) == boundary, "len %zu", l);
		if (l < 23)
			ck_assert_ptr_null(mgmt_find_vendor_ie(c, l, wpa_oui, 1));
		free(c);
	}
	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_put_ssid(&w, mem, 33), -EINVAL);
	ck_assert_int_eq(mgmt_put_rates(&w, rates, 0), -EINVAL);
}
END_TEST

START_TEST(test_names_chan)
{
	ck_assert_str_eq(mgmt_status_str(0), "SUCCESS");
	ck_assert_str_eq(mgmt_status_str(43), "AKMP_NOT_VALID");
	ck_assert_str_eq(mgmt_status_str(9999), "unknown");
	ck_assert_str_eq(mgmt_reason_str(15), "4WAY_HANDSHAKE_TIMEOUT");
	ck_assert_str_eq(mgmt_reason_str(3), "DEAUTH_LEAVING");
	ck_assert_str_eq(mgmt_subtype_str(MGMT_REASSOC_REQ), "reassoc-req");
	ck_assert_int_eq(mgmt_chan_to_freq(1), 2412);
	ck_assert_int_eq(mgmt_chan_to_freq(14), 2484);
	ck_assert_int_eq(mgmt_chan_to_freq(36), 5180);
	ck_assert_int_eq(mgmt_freq_to_chan(2437), 6);
	ck_assert_int_eq(mgmt_freq_to_chan(5180), 36);
	ck_assert_int_eq(mgmt_freq_to_chan(2413), -EINVAL);
}
END_TEST

START_TEST(test_l2_update)
{
	uint8_t mem[32];
	struct wbuf w;
	uint8_t sta[6];
	static const uint8_t want[20] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x06, 0x00, 0x01, 0xaf, 0x81, 0x01, 0x00,
	};

	wbuf_init(&w, mem, sizeof(mem));
	ck_assert_int_eq(mgmt_build_l2_update(&w, STA), 0);
	ck_assert_uint_eq(w.len, MGMT_L2_UPDATE_LEN);
	ck_assert(memcmp(mem, want, sizeof(want)) == 0);
	ck_assert(mgmt_parse_l2_update(mem, w.len, sta));
	ck_assert(memcmp(sta, STA, 6) == 0);
	ck_assert(!mgmt_parse_l2_update(mem, w.len - 1, sta));
	mem[16] = 0x03;
	ck_assert(!mgmt_parse_l2_update(mem, w.len, sta));
}
END_TEST

/* --- PMF: SA Query (9.6.9) and Timeout Interval (9.4.2.49) ---------------- */

START_TEST(test_sa_query)
{
	static const uint8_t tid[2] = { 0x5a, 0xa5 };
	uint8_t buf[64];
	struct wbuf w;
	struct mgmt_frame f;
	struct mgmt_sa_query q;

	for (uint8_t action = 0; action <= 1; action++) {
		wbuf_init(&w, buf, sizeof(buf));
		ck_assert_int_eq(mgmt_build_sa_query(&w, AP, STA, AP, action, tid), 0);
		ck_assert_uint_eq(w.len, MGMT_HDR_LEN + MGMT_SA_QUERY_BODY_LEN);
		ck_assert_mem_eq(buf + MGMT_HDR_LEN,
				 ((uint8_t[]){ 8, action, 0x5a, 0xa5 }), 4);
		ck_assert_int_eq(mgmt_parse(buf, w.len, &f), 0);
		ck_assert_int_eq(f.subtype, MGMT_ACTION);
		ck_assert_uint_eq(f.category, MGMT_CATEGORY_SA_QUERY);
		ck_assert_int_eq(mgmt_parse_sa_query(f.body, f.body_len, &q), 0);
		ck_assert_uint_eq(q.action, action);
		ck_assert_mem_eq(q.trans_id, tid, 2);
		/* every truncation of the body */
		for (size_t l = 0; l < MGMT_SA_QUERY_BODY_LEN; l++) {
			uint8_t *copy = malloc(l ? l : 1);

			memcpy(copy, f.body, l);
			ck_assert_int_eq(mgmt_parse_sa_query(copy, l, &q), -EMSGSIZE);
			free(copy);
		}
	}
	ck_assert_int_eq(mgmt_parse_sa_query(NULL, 4, &q), -EMSGSIZE);
	/* trailing octets (a later element) are ignored */
	ck_assert_int_eq(mgmt_parse_sa_query((uint8_t[]){ 8, 1, 1, 2, 0xdd, 0 }, 6, &q), 0);
	ck_assert_uint_eq(q.action, MGMT_SA_QUERY_RESPONSE);
	/* another category; unknown actions */
	ck_assert_int_eq(mgmt_parse_sa_query((uint8_t[]){ 7, 0, 1, 2 }, 4, &q), -EPROTO);
	for (unsigned int a = 2; a < 256; a++)
		ck_assert_int_eq(mgmt_parse_sa_query((uint8_t[]){ 8, (uint8_t)a, 1, 2 }, 4,
						     &q), -EINVAL);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(mgmt_build_sa_query(&w, AP, STA, AP, 2, tid), -EINVAL);
	ck_assert_int_eq(mgmt_build_sa_query(&w, AP, STA, AP, 0, NULL), -EINVAL);
	wbuf_init(&w, buf, MGMT_HDR_LEN + 3);
	ck_assert_int_eq(mgmt_build_sa_query(&w, AP, STA, AP, 0, tid), -ENOSPC);
}
END_TEST

START_TEST(test_timeout_interval)
{
	uint8_t buf[128], ies[16];
	struct wbuf w;
	struct mgmt_frame f;
	uint8_t type;
	uint32_t value;

	/* an Association Response refusing for now, with the comeback time
	 * (status 30 and a Timeout Interval of type 3, 11.3.5) */
	wbuf_init(&w, ies, sizeof(ies));
	ck_assert_int_eq(mgmt_put_timeout_interval(&w, MGMT_TIE_ASSOC_COMEBACK, 1000), 0);
	ck_assert_uint_eq(w.len, 7);
	ck_assert_mem_eq(ies, ((uint8_t[]){ 56, 5, 3, 0xe8, 0x03, 0, 0 }), 7);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(mgmt_build_assoc_resp(&w, false, STA, AP, AP, 0x0411,
					       MGMT_STATUS_ASSOC_REJECTED_TEMPORARILY,
					       0, ies, 7), 0);
	ck_assert_int_eq(mgmt_parse(buf, w.len, &f), 0);
	ck_assert_uint_eq(f.status, 30);
	ck_assert_str_eq(mgmt_status_str(30), "REFUSED_TEMPORARILY");
	ck_assert_int_eq(mgmt_get_timeout_interval(f.ies, f.ies_len, &type, &value), 0);
	ck_assert_uint_eq(type, MGMT_TIE_ASSOC_COMEBACK);
	ck_assert_uint_eq(value, 1000);
	ck_assert_int_eq(ie_validate(f.ies, f.ies_len, NULL), 0);
	/* every truncation: absent (the iterator stops), never a read past */
	for (size_t l = 0; l < 7; l++) {
		uint8_t *copy = malloc(l ? l : 1);

		memcpy(copy, ies, l);
		ck_assert_int_eq(mgmt_get_timeout_interval(copy, l, &type, &value), -ENOENT);
		free(copy);
	}
	/* lengths other than 5: the length table refuses them */
	for (uint8_t len = 0; len < 10; len++) {
		uint8_t e[12] = { 56, len, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0 };

		ck_assert_int_eq(mgmt_get_timeout_interval(e, 2 + len, &type, &value),
				 len == 5 ? 0 : -EINVAL);
		ck_assert_int_eq(ie_validate(e, 2 + len, NULL), len == 5 ? 0 : -EINVAL);
	}
	/* unknown types: reserved 0 and 4..255 (as this code reads them) */
	for (unsigned int t = 0; t < 256; t++) {
		uint8_t e[7] = { 56, 5, (uint8_t)t, 9, 0, 0, 0 };
		int want = t >= 1 && t <= 3 ? 0 : -EPROTONOSUPPORT;

		ck_assert_int_eq(mgmt_get_timeout_interval(e, 7, &type, &value), want);
		ck_assert_uint_eq(type, t);
		wbuf_init(&w, buf, sizeof(buf));
		ck_assert_int_eq(mgmt_put_timeout_interval(&w, (uint8_t)t, 9),
				 want ? -EINVAL : 0);
	}
	/* after another element; none at all */
	ck_assert_int_eq(mgmt_get_timeout_interval((uint8_t[]){ 0, 1, 'a', 56, 5, 1, 2, 0,
								0, 0 }, 10, &type, &value), 0);
	ck_assert_uint_eq(value, 2);
	ck_assert_int_eq(mgmt_get_timeout_interval(IES, sizeof(IES), &type, &value), -ENOENT);
	wbuf_init(&w, buf, 6);
	ck_assert_int_eq(mgmt_put_timeout_interval(&w, 1, 1), -ENOSPC);
	/* the MME's length rule (16 for BIP-CMAC-128, 24 for the 256-bit
	 * BIPs) is in the same table */
	ck_assert(ie_len_valid(IE_MME, 16));
	ck_assert(ie_len_valid(IE_MME, 24));
	ck_assert(!ie_len_valid(IE_MME, 15));
	ck_assert(!ie_len_valid(IE_MME, 25));
}
END_TEST

static Suite *mgmt_suite(void)
{
	Suite *s = suite_create("mgmt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_auth);
	tcase_add_test(tc, test_assoc_req);
	tcase_add_test(tc, test_assoc_resp);
	tcase_add_test(tc, test_deauth_disassoc);
	tcase_add_test(tc, test_beacon_probe);
	tcase_add_test(tc, test_not_mgmt);
	tcase_add_test(tc, test_overflow);
	tcase_add_test(tc, test_elements);
	tcase_add_test(tc, test_names_chan);
	tcase_add_test(tc, test_l2_update);
	tcase_add_test(tc, test_sa_query);
	tcase_add_test(tc, test_timeout_interval);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(mgmt_suite)
