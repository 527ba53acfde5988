// SPDX-License-Identifier: MIT
/* test_ap_beacon.c: beacon head/tail, probe responses and our RSN/WPA
 * elements for each wpa= / cipher setting. */
#include <stdio.h>
#include <string.h>

#include "../../ap/beacon.h"
#include "../../ap/config.h"
#include "log.h"
#include "mgmt.h"
#include "unit.h"
#include "util.h"

static const uint8_t bssid[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };

static struct ap_config *parse(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct ap_config *c = ap_config_parse(f, "b.conf");

	fclose(f);
	ck_assert_ptr_nonnull(c);
	return c;
}

/* Suite selectors: 00-0f-ac:N (RSN) and 00-50-f2:N (WPA); 2 TKIP, 4 CCMP;
 * AKM 2 PSK (IEEE 802.11-2020 9.4.2.24.2/3). */
#define RSN_HDR 0x30
static const uint8_t rsn_ccmp[] = { 0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
	0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00 };
static const uint8_t rsn_tkip[] = { 0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x01, 0x00,
	0x00, 0x0f, 0xac, 0x02, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00 };
/* wpa=3 with wpa_pairwise=TKIP rsn_pairwise=CCMP: group TKIP in both */
static const uint8_t rsn_ccmp_gtkip[] = { 0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x01,
	0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00 };
static const uint8_t wpa_tkip[] = { 0xdd, 0x16, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00, 0x00, 0x50,
	0xf2, 0x02, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02 };
static const uint8_t wpa_ccmp[] = { 0xdd, 0x16, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00, 0x00, 0x50,
	0xf2, 0x04, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x04, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02 };
static const uint8_t wpa_tkip_ccmp[] = { 0xdd, 0x1a, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00, 0x00,
	0x50, 0xf2, 0x02, 0x02, 0x00, 0x00, 0x50, 0xf2, 0x04, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x00,
	0x00, 0x50, 0xf2, 0x02 };

static const struct {
	const char *name;
	const char *sec;
	const uint8_t *rsn;
	size_t rsn_len;
	const uint8_t *wpa;
	size_t wpa_len;
} cases[] = {
	{ "open", "", NULL, 0, NULL, 0 },
	{ "wpa1-tkip", "wpa=1\nwpa_pairwise=TKIP\n", NULL, 0, wpa_tkip, sizeof(wpa_tkip) },
	{ "wpa1-ccmp", "wpa=1\nwpa_pairwise=CCMP\n", NULL, 0, wpa_ccmp, sizeof(wpa_ccmp) },
	{ "wpa1-tkip-ccmp", "wpa=1\nwpa_pairwise=TKIP CCMP\n", NULL, 0, wpa_tkip_ccmp,
	  sizeof(wpa_tkip_ccmp) },
	{ "wpa2-ccmp", "wpa=2\nrsn_pairwise=CCMP\n", rsn_ccmp, sizeof(rsn_ccmp), NULL, 0 },
	{ "wpa2-tkip", "wpa=2\nrsn_pairwise=TKIP\n", rsn_tkip, sizeof(rsn_tkip), NULL, 0 },
	{ "wpa3-mixed", "wpa=3\nwpa_pairwise=TKIP\nrsn_pairwise=CCMP\n", rsn_ccmp_gtkip,
	  sizeof(rsn_ccmp_gtkip), wpa_tkip, sizeof(wpa_tkip) },
};

/* Walk elements; returns the element with id (and for 221 the WPA OUI). */
static const uint8_t *find(const uint8_t *p, size_t len, uint8_t id)
{
	size_t pos = 0;

	while (pos + 2 <= len) {
		ck_assert_uint_le(pos + 2 + p[pos + 1], len);
		if (p[pos] == id)
			return p + pos;
		pos += 2 + p[pos + 1];
	}
	ck_assert_uint_eq(pos, len);
	return NULL;
}

START_TEST(ies_per_setting)
{
	char text[512];
	struct ap_config *c;
	struct ap_beacon b;
	const uint8_t *e;
	uint8_t pr[1024];
	size_t pr_len;
	static const uint8_t sta[6] = { 0x02, 0, 0, 0, 0x02, 0 };

	snprintf(text, sizeof(text),
		 "interface=wlan0\nssid=roaming\nhw_mode=g\nchannel=1\nwpa_passphrase=bonewish\n%s",
		 cases[_i].sec);
	c = parse(text);
	ck_assert_int_eq(ap_beacon_build(c, bssid, &b), 0);

	/* head: header(24) + timestamp(8) + interval(2) + capab(2), then
	 * SSID, Supported Rates, DS Parameter Set, and nothing else */
	ck_assert_uint_eq(b.head[0], 0x80);	/* beacon */
	ck_assert_mem_eq(b.head + 10, bssid, 6);
	ck_assert_mem_eq(b.head + 16, bssid, 6);
	ck_assert_uint_eq(get_le16(b.head + 32), 100);
	ck_assert_uint_eq(get_le16(b.head + 34) & MGMT_CAPAB_PRIVACY,
			  c->wpa ? MGMT_CAPAB_PRIVACY : 0);
	ck_assert_uint_eq(get_le16(b.head + 34) & MGMT_CAPAB_ESS, MGMT_CAPAB_ESS);
	e = b.head + 36;
	ck_assert_uint_eq(e[0], 0);
	ck_assert_uint_eq(e[1], 7);
	ck_assert_mem_eq(e + 2, "roaming", 7);
	e += 2 + e[1];
	ck_assert_uint_eq(e[0], 1);
	ck_assert_uint_eq(e[1], 8);		/* 8 of the 12 g rates */
	ck_assert_uint_eq(e[2], 0x82);		/* 1 Mb/s basic */
	e += 2 + e[1];
	ck_assert_uint_eq(e[0], 3);
	ck_assert_uint_eq(e[2], 1);
	ck_assert_ptr_eq(e + 3, b.head + b.head_len);

	/* tail: ERP, Extended Supported Rates (4), then RSN, then WPA */
	ck_assert_ptr_nonnull(find(b.tail, b.tail_len, 42));
	e = find(b.tail, b.tail_len, 50);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e[1], 4);
	e = find(b.tail, b.tail_len, 48);
	if (cases[_i].rsn) {
		ck_assert_ptr_nonnull(e);
		ck_assert_uint_eq((size_t)e[1] + 2, cases[_i].rsn_len);
		ck_assert_mem_eq(e, cases[_i].rsn, cases[_i].rsn_len);
		ck_assert_mem_eq(b.rsn_ie, cases[_i].rsn, cases[_i].rsn_len);
	} else {
		ck_assert_ptr_null(e);
		ck_assert_uint_eq(b.rsn_ie_len, 0);
	}
	e = find(b.tail, b.tail_len, 221);
	if (cases[_i].wpa) {
		ck_assert_ptr_nonnull(e);
		ck_assert_mem_eq(e, cases[_i].wpa, cases[_i].wpa_len);
		/* the vendor element comes last */
		ck_assert_ptr_eq(e + cases[_i].wpa_len, b.tail + b.tail_len);
		if (cases[_i].rsn)
			ck_assert(find(b.tail, b.tail_len, 48) < e);
	} else {
		ck_assert_ptr_null(e);
	}

	/* probe response: same elements as head + tail, to the requester */
	ck_assert_int_eq(ap_probe_resp_build(c, &b, bssid, sta, pr, sizeof(pr), &pr_len), 0);
	ck_assert_uint_eq(pr[0], 0x50);
	ck_assert_mem_eq(pr + 4, sta, 6);
	ck_assert_uint_eq(pr_len, b.head_len + b.tail_len);
	ck_assert_mem_eq(pr + 24 + 12, b.head + 36, b.head_len - 36);
	ck_assert_mem_eq(pr + b.head_len, b.tail, b.tail_len);
	ap_config_free(c);
}
END_TEST

START_TEST(hidden_ssid_and_probe_matching)
{
	struct ap_config *c;
	struct ap_beacon b;
	static const uint8_t wildcard[] = { 0, 0, 1, 1, 0x82 };
	static const uint8_t ours[] = { 0, 3, 'n', 'e', 't', 1, 1, 0x82 };
	static const uint8_t other[] = { 0, 3, 'n', 'e', 'x', 1, 1, 0x82 };
	static const uint8_t broken[] = { 0, 9, 'n' };

	c = parse("interface=wlan0\nssid=net\nchannel=1\n");
	ck_assert(ap_probe_req_wanted(c, wildcard, sizeof(wildcard)));
	ck_assert(ap_probe_req_wanted(c, ours, sizeof(ours)));
	ck_assert(!ap_probe_req_wanted(c, other, sizeof(other)));
	ck_assert(!ap_probe_req_wanted(c, broken, sizeof(broken)));
	ap_config_free(c);

	c = parse("interface=wlan0\nssid=net\nchannel=1\nignore_broadcast_ssid=1\n");
	ck_assert_int_eq(ap_beacon_build(c, bssid, &b), 0);
	ck_assert_uint_eq(b.head[36], 0);
	ck_assert_uint_eq(b.head[37], 0);	/* empty SSID element */
	ck_assert(!ap_probe_req_wanted(c, wildcard, sizeof(wildcard)));
	ck_assert(ap_probe_req_wanted(c, ours, sizeof(ours)));
	ap_config_free(c);

	c = parse("interface=wlan0\nssid=net\nchannel=1\nignore_broadcast_ssid=2\n");
	ck_assert_int_eq(ap_beacon_build(c, bssid, &b), 0);
	ck_assert_uint_eq(b.head[37], 3);
	ck_assert_uint_eq(b.head[38] | b.head[39] | b.head[40], 0);
	ap_config_free(c);
}
END_TEST

START_TEST(bands_and_country)
{
	struct ap_config *c;
	struct ap_beacon b;
	const uint8_t *e;

	c = parse("interface=wlan0\nssid=net\nhw_mode=a\nchannel=36\ncountry_code=BE\n");
	ck_assert_int_eq(c->freq_mhz, 5180);
	ck_assert_int_eq(ap_beacon_build(c, bssid, &b), 0);
	e = find(b.tail, b.tail_len, 7);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e[2], 'B');
	ck_assert_uint_eq(e[3], 'E');
	ck_assert_ptr_null(find(b.tail, b.tail_len, 42));	/* no ERP on 5 GHz */
	ck_assert_ptr_null(find(b.tail, b.tail_len, 50));	/* 8 rates fit */
	ap_config_free(c);

	c = parse("interface=wlan0\nssid=net\nhw_mode=b\nchannel=14\n");
	ck_assert_int_eq(c->freq_mhz, 2484);
	ck_assert_int_eq(ap_beacon_build(c, bssid, &b), 0);
	ck_assert_uint_eq(b.head[36 + 2 + 3 + 1], 4);	/* 4 rates */
	ck_assert_uint_eq(b.tail_len, 0);
	ap_config_free(c);
}
END_TEST

static Suite *beacon_suite(void)
{
	Suite *s = suite_create("ap_beacon");
	TCase *tc = tcase_create("beacon");

	tcase_add_loop_test(tc, ies_per_setting, 0, (int)ARRAY_SIZE(cases));
	tcase_add_test(tc, hidden_ssid_and_probe_matching);
	tcase_add_test(tc, bands_and_country);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(beacon_suite)
