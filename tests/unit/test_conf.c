// SPDX-License-Identifier: MIT
/* test_conf.c: the conf reader and value parsers; every error must name
 * file, line and key. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "conf_keys.h"
#include "unit.h"

/* Read every item of text; returns number of items, fills errors in diag. */
static int read_all(const char *text, struct conf_diag *diag,
		    struct conf_kv *items, char vals[][64], int max)
{
	struct conf_reader *r = conf_open_mem("t.conf", text, diag);
	struct conf_kv kv;
	int n = 0, ret;

	ck_assert_ptr_nonnull(r);
	while ((ret = conf_next(r, &kv)) != 0) {
		if (ret < 0)
			continue;
		ck_assert_int_lt(n, max);
		items[n] = kv;
		/* keep copies: pointers die with the reader */
		snprintf(vals[2 * n], 64, "%s", kv.key);
		snprintf(vals[2 * n + 1], 64, "%s", kv.value);
		items[n].key = vals[2 * n];
		items[n].value = vals[2 * n + 1];
		items[n].block = kv.block ? "network" : NULL;
		n++;
	}
	conf_close(r);
	return n;
}

START_TEST(test_hostapd_style)
{
	struct conf_diag d = { 0 };
	struct conf_kv it[8];
	char vals[16][64];
	int n = read_all("# comment\n"
			 "interface=wlan0\n"
			 "\n"
			 "   ssid = my net  \r\n"
			 "wpa_passphrase=abc#def\n"
			 "wpa_pairwise=TKIP CCMP\n",
			 &d, it, vals, 8);

	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_str_eq(it[0].key, "interface");
	ck_assert_str_eq(it[0].value, "wlan0");
	ck_assert_uint_eq(it[0].line, 2);
	ck_assert_str_eq(it[1].key, "ssid");
	ck_assert_str_eq(it[1].value, "my net");
	ck_assert_uint_eq(it[1].line, 4);
	ck_assert_str_eq(it[2].value, "abc#def");
	ck_assert_str_eq(it[3].value, "TKIP CCMP");
	ck_assert(!it[3].quoted);
	ck_assert_ptr_null(it[3].block);
}
END_TEST

START_TEST(test_supplicant_blocks)
{
	struct conf_diag d = { 0 };
	struct conf_kv it[8];
	char vals[16][64];
	int n = read_all("ctrl_interface=/run/x\n"
			 "network={\n"
			 "\tssid=\"roam ing\"\n"
			 "\tpsk=\"bonewish\"\n"
			 "}\n",
			 &d, it, vals, 8);

	ck_assert_uint_eq(d.errors, 0);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(it[0].type, CONF_ITEM_KV);
	ck_assert_ptr_null(it[0].block);
	ck_assert_int_eq(it[1].type, CONF_ITEM_BLOCK_BEGIN);
	ck_assert_str_eq(it[1].key, "network");
	ck_assert_int_eq(it[2].type, CONF_ITEM_KV);
	ck_assert_str_eq(it[2].value, "roam ing");
	ck_assert(it[2].quoted);
	ck_assert_ptr_nonnull(it[2].block);
	ck_assert_int_eq(it[4].type, CONF_ITEM_BLOCK_END);
	ck_assert_str_eq(it[4].key, "network");
	ck_assert_uint_eq(it[4].line, 5);
}
END_TEST

/* Each syntax error: the message starts with "t.conf:LINE: KEY: ". */
static const struct {
	const char *text;
	const char *msg;
} syntax_errors[] = {
	{ "a=1\nnoequals\n", "t.conf:2: noequals: expected key=value" },
	{ "ssid=\"open\n", "t.conf:1: ssid: unterminated quoted value" },
	{ "network={\nnetwork={\n}\n",
	  "t.conf:2: network: nested block inside 'network' block" },
	{ "a=1\n}\n", "t.conf:2: }: '}' without an open block" },
	{ "x=1\nnetwork={\nssid=\"a\"\n",
	  "t.conf:2: network: block not closed (missing '}')" },
	{ "=5\n", "t.conf:1: : empty key" },
	{ "bad key=5\n", "t.conf:1: bad key: invalid character ' ' in key" },
};

START_TEST(test_syntax_errors)
{
	struct conf_diag d = { 0 };
	struct conf_kv it[8];
	char vals[16][64];

	read_all(syntax_errors[_i].text, &d, it, vals, 8);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_str_eq(d.last, syntax_errors[_i].msg);
}
END_TEST

static struct conf_kv mk(struct conf_diag *d, const char *key,
			 const char *value, bool quoted)
{
	struct conf_kv kv = {
		.type = CONF_ITEM_KV, .file = "ap.conf", .line = 7,
		.key = key, .value = value, .quoted = quoted, .diag = d,
	};
	return kv;
}

START_TEST(test_int)
{
	struct conf_diag d = { 0 };
	struct conf_kv kv;
	long long v = 99;
	int i = 0;

	kv = mk(&d, "channel", "11", false);
	ck_assert_int_eq(conf_get_int(&kv, 1, 14, &v), 0);
	ck_assert_int_eq(v, 11);
	kv = mk(&d, "channel", "0x0e", false);
	ck_assert_int_eq(conf_get_int32(&kv, 1, 14, &i), 0);
	ck_assert_int_eq(i, 14);
	kv = mk(&d, "channel", "15", false);
	ck_assert_int_eq(conf_get_int(&kv, 1, 14, &v), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: channel: 15 out of range [1, 14]");
	ck_assert_int_eq(v, 11);
	kv = mk(&d, "channel", "6x", false);
	ck_assert_int_eq(conf_get_int(&kv, 1, 14, &v), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: channel: '6x' is not an integer");
	kv = mk(&d, "channel", "", false);
	ck_assert_int_eq(conf_get_int(&kv, 1, 14, &v), -EINVAL);
	ck_assert_str_eq(d.last,
			 "ap.conf:7: channel: missing value (expected an integer)");
	kv = mk(&d, "wpa_group_rekey", "99999999999999999999", false);
	ck_assert_int_eq(conf_get_int(&kv, 0, 86400, &v), -EINVAL);
	ck_assert(strstr(d.last, "ap.conf:7: wpa_group_rekey: ") == d.last);
	ck_assert_uint_eq(d.errors, 4);
}
END_TEST

START_TEST(test_bool_mac_hex)
{
	struct conf_diag d = { 0 };
	struct conf_kv kv;
	bool b = false;
	uint8_t mac[6], hex[4], buf[40];
	size_t n = 0;

	kv = mk(&d, "ignore_broadcast_ssid", "yes", false);
	ck_assert_int_eq(conf_get_bool(&kv, &b), 0);
	ck_assert(b);
	kv = mk(&d, "ignore_broadcast_ssid", "Off", false);
	ck_assert_int_eq(conf_get_bool(&kv, &b), 0);
	ck_assert(!b);
	kv = mk(&d, "ignore_broadcast_ssid", "2", false);
	ck_assert_int_eq(conf_get_bool(&kv, &b), -EINVAL);
	ck_assert(strncmp(d.last, "ap.conf:7: ignore_broadcast_ssid: '2' is not a boolean", 53) == 0);

	kv = mk(&d, "bssid", "02:00:00:00:01:0a", false);
	ck_assert_int_eq(conf_get_mac(&kv, mac), 0);
	ck_assert_int_eq(mac[5], 0x0a);
	kv = mk(&d, "bssid", "02:00:00:00:01", false);
	ck_assert_int_eq(conf_get_mac(&kv, mac), -EINVAL);
	ck_assert_str_eq(d.last,
			 "ap.conf:7: bssid: '02:00:00:00:01' is not a MAC address");

	kv = mk(&d, "k", "00a1B2ff", false);
	ck_assert_int_eq(conf_get_hex(&kv, hex, 4), 0);
	ck_assert_int_eq(hex[1], 0xa1);
	ck_assert_int_eq(hex[2], 0xb2);
	kv = mk(&d, "k", "00a1B2f", false);
	ck_assert_int_eq(conf_get_hex(&kv, hex, 4), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: k: odd number of hex digits (7)");
	kv = mk(&d, "k", "00a1B2", false);
	ck_assert_int_eq(conf_get_hex(&kv, hex, 4), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: k: expected 8 hex digits, got 6");
	kv = mk(&d, "k", "00a1B2zz", false);
	ck_assert_int_eq(conf_get_hex(&kv, hex, 4), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: k: invalid hex digit");

	/* wpa_supplicant ssid: quoted text or hex */
	kv = mk(&d, "ssid", "roaming", true);
	ck_assert_int_eq(conf_get_str_or_hex(&kv, buf, 1, 32, &n), 0);
	ck_assert_uint_eq(n, 7);
	ck_assert(memcmp(buf, "roaming", 7) == 0);
	kv = mk(&d, "ssid", "726f616d", false);
	ck_assert_int_eq(conf_get_str_or_hex(&kv, buf, 1, 32, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert(memcmp(buf, "roam", 4) == 0);
	kv = mk(&d, "ssid", "roaming", false);
	ck_assert_int_eq(conf_get_str_or_hex(&kv, buf, 1, 32, &n), -EINVAL);
	ck_assert(strncmp(d.last, "ap.conf:7: ssid: ", 17) == 0);
	kv = mk(&d, "psk", "short", true);
	ck_assert_int_eq(conf_get_str_or_hex(&kv, buf, 8, 63, &n), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: psk: too short (5 < 8 characters)");
}
END_TEST

START_TEST(test_str_enum_list)
{
	static const char *const ciphers[] = { "TKIP", "CCMP" };
	static const char *const modes[] = { "a", "b", "g" };
	struct conf_diag d = { 0 };
	struct conf_kv kv;
	char s[33];
	uint32_t mask = 0;
	unsigned int idx = 9;

	kv = mk(&d, "ssid", "0123456789012345678901234567890123", false);
	ck_assert_int_eq(conf_get_str(&kv, s, 1, 32), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: ssid: too long (34 > 32 characters)");
	kv = mk(&d, "ssid", "lab", false);
	ck_assert_int_eq(conf_get_str(&kv, s, 1, 32), 0);
	ck_assert_str_eq(s, "lab");
	ck_assert_int_eq(conf_get_quoted(&kv, s, 1, 32), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: ssid: value must be a quoted string");

	kv = mk(&d, "hw_mode", "g", false);
	ck_assert_int_eq(conf_get_enum(&kv, modes, 3, &idx), 0);
	ck_assert_uint_eq(idx, 2);
	kv = mk(&d, "hw_mode", "n", false);
	ck_assert_int_eq(conf_get_enum(&kv, modes, 3, &idx), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: hw_mode: 'n' is not one of: a, b, g");

	kv = mk(&d, "wpa_pairwise", "  CCMP   TKIP ", false);
	ck_assert_int_eq(conf_get_list(&kv, ciphers, 2, &mask), 0);
	ck_assert_uint_eq(mask, 3);
	kv = mk(&d, "wpa_pairwise", "CCMP", false);
	ck_assert_int_eq(conf_get_list(&kv, ciphers, 2, &mask), 0);
	ck_assert_uint_eq(mask, 2);
	kv = mk(&d, "wpa_pairwise", "CCMP WEP", false);
	ck_assert_int_eq(conf_get_list(&kv, ciphers, 2, &mask), -EINVAL);
	ck_assert_str_eq(d.last,
			 "ap.conf:7: wpa_pairwise: unknown value 'WEP' in list");
	ck_assert_uint_eq(mask, 2);
	kv = mk(&d, "wpa_pairwise", "  ", false);
	ck_assert_int_eq(conf_get_list(&kv, ciphers, 2, &mask), -EINVAL);
	ck_assert_str_eq(d.last, "ap.conf:7: wpa_pairwise: empty list");
}
END_TEST

START_TEST(test_warn_unknown)
{
	struct conf_diag d = { 0 };
	struct conf_kv kv = mk(&d, "fancy_option", "1", false);

	ck_assert_int_eq(conf_warn_unknown(&kv), 0);
	ck_assert_uint_eq(d.warnings, 1);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_str_eq(d.last, "ap.conf:7: fancy_option: unknown key, ignored");
}
END_TEST

START_TEST(test_tokens)
{
	char line[] = "ap  ap1 pos=0,0 ssid=roaming wpa_pairwise=\"TKIP CCMP\" # c";
	char bad[] = "sta s1 ssid=\"x";
	char *argv[8];
	struct conf_diag d = { 0 };
	struct conf_kv kv;
	int n = conf_tokenize(line, argv, 8);

	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(argv[0], "ap");
	ck_assert_str_eq(argv[4], "wpa_pairwise=\"TKIP CCMP\"");
	ck_assert_int_eq(conf_kv_from_token(argv[4], "x.topo", 3, &d, &kv), 0);
	ck_assert_str_eq(kv.key, "wpa_pairwise");
	ck_assert_str_eq(kv.value, "TKIP CCMP");
	ck_assert(kv.quoted);
	ck_assert_int_eq(conf_kv_from_token(argv[1], "x.topo", 3, &d, &kv),
			 -EINVAL);
	ck_assert_str_eq(d.last, "x.topo:3: ap1: expected key=value");
	ck_assert_int_eq(conf_tokenize(bad, argv, 8), -EINVAL);
	{
		char many[] = "a b c";

		ck_assert_int_eq(conf_tokenize(many, argv, 2), -E2BIG);
	}
}
END_TEST

START_TEST(test_file)
{
	char path[] = "/tmp/test_conf_XXXXXX";
	int fd = mkstemp(path);
	struct conf_diag d = { 0 };
	struct conf_reader *r;
	struct conf_kv kv;
	const char *text = "a=1\nchannel=99\n";
	long long v;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	r = conf_open(path, &d);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(conf_next(r, &kv), 1);
	ck_assert_int_eq(conf_next(r, &kv), 1);
	ck_assert_int_eq(conf_get_int(&kv, 1, 14, &v), -EINVAL);
	{
		char want[128];

		snprintf(want, sizeof(want), "%s:2: channel: 99 out of range [1, 14]",
			 path);
		ck_assert_str_eq(d.last, want);
	}
	ck_assert_int_eq(conf_next(r, &kv), 0);
	conf_close(r);
	unlink(path);
	ck_assert_ptr_null(conf_open("/nonexistent/x.conf", &d));
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

/* common/conf_keys.c: each rule of the one key table, good and bad. */
static const struct {
	bool ap;		/* hostapd table, else the network table */
	const char *key, *value;
	const char *why;	/* NULL: accepted */
} ck_cases[] = {
	{ true, "channel", "11", NULL },
	{ true, "channel", "0", "automatic channel selection is not supported; give a channel number" },
	{ true, "channel", "197", "197 is out of range (expected 1..196)" },
	{ true, "channel", "x", "'x' is not a number" },
	{ true, "hw_mode", "a", NULL },
	{ true, "hw_mode", "n", "unknown mode 'n' (expected a, b or g)" },
	{ true, "wpa", "3", NULL },
	{ true, "wpa", "7", "7 is out of range (expected 0..3)" },
	{ true, "wpa", "99999999999999999999", "'99999999999999999999' is out of range (expected 0..3)" },
	{ true, "wpa_pairwise", "TKIP CCMP", NULL },
	{ true, "wpa_pairwise", "TKIP WEP", "unknown cipher 'WEP'" },
	{ true, "rsn_pairwise", "GCMP", "cipher 'GCMP' is not supported (use TKIP and/or CCMP)" },
	{ true, "rsn_pairwise", "", "empty list" },
	{ true, "wpa_key_mgmt", "WPA-PSK", NULL },
	{ true, "wpa_key_mgmt", "FT-SAE", "'FT-SAE' is not supported (only WPA-PSK, WPA-PSK-SHA256 and SAE)" },
	{ true, "wpa_passphrase", "12345678", NULL },
	{ true, "wpa_passphrase", "1234567", "passphrase length 7 is invalid (expected 8..63)" },
	{ true, "wpa_passphrase", "1234567\x01", "passphrase must be printable ASCII" },
	{ true, "wpa_psk", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", NULL },
	{ true, "wpa_psk", "0123", "PSK must be exactly 64 hex digits" },
	{ true, "auth_algs", "2", "shared key authentication alone is not supported (open system, bit 0, is required)" },
	{ true, "driver", "wext", "driver 'wext' is not supported (only nl80211)" },
	{ false, "ssid", "\"net\"", NULL },
	{ false, "ssid", "6e6574", NULL },
	{ false, "ssid", "\"\"", "length 0 not in 1..32" },
	{ false, "psk", "\"12345678\"", NULL },
	{ false, "psk", "\"1234567\"", "passphrase must be 8..63 characters" },
	{ false, "psk", "12345678", "must be a quoted passphrase or 64 hex digits" },
	{ false, "proto", "RSN WPA", NULL },
	{ false, "proto", "WPA3", "unsupported value 'WPA3'" },
	{ false, "pairwise", "CCMP", NULL },
	{ false, "group", "WEP104", "'WEP104' is not allowed here (use TKIP and/or CCMP)" },
	{ false, "key_mgmt", "NONE", NULL },
	{ false, "key_mgmt", "FT-SAE", "unsupported value 'FT-SAE'" },
	{ false, "bssid", "02:00:00:00:01:00", NULL },
	{ false, "bssid", "02:00", "'02:00' is not a MAC address" },
	{ false, "priority", "-5", NULL },
	{ false, "scan_ssid", "2", "2 is out of range (expected 0..1)" },
};

START_TEST(test_key_rules)
{
	const struct ck_key *k = ck_cases[_i].ap ? ck_hostapd_key(ck_cases[_i].key) :
				 ck_network_key(ck_cases[_i].key);
	struct ck_value v;
	char why[200] = "";
	int ret;

	ck_assert_ptr_nonnull(k);
	ret = ck_check(k, ck_cases[_i].value, &v, why, sizeof(why));
	if (ck_cases[_i].why) {
		ck_assert_int_eq(ret, -EINVAL);
		ck_assert_str_eq(why, ck_cases[_i].why);
	} else {
		ck_assert_msg(ret == 0, "%s=%s: %s", ck_cases[_i].key, ck_cases[_i].value, why);
	}
	ck_value_wipe(&v);
}
END_TEST

static char cross_log[256];

static void cross_rec(void *ctx, const char *key, const char *msg)
{
	size_t n = strlen(cross_log);

	snprintf(cross_log + n, sizeof(cross_log) - n, "%s: %s|", key, msg);
}

START_TEST(test_key_values_and_cross)
{
	struct ck_ap_keys ap = { .hw_mode = CK_HW_MODE_B, .channel = 36, .wpa = 2 };
	struct ck_network_keys net = { .has_ssid = false, .key_mgmt = WPA_AKM_PSK };
	struct ck_value v;
	char why[200];

	ck_assert_int_eq(ck_check(ck_hostapd_key("wpa_pairwise"), "CCMP TKIP", &v, why,
				  sizeof(why)), 0);
	ck_assert_uint_eq(v.mask, WPA_CIPHER_TKIP | WPA_CIPHER_CCMP);
	ck_assert_int_eq(ck_check(ck_hostapd_key("hw_mode"), "g", &v, why, sizeof(why)), 0);
	ck_assert_int_eq(v.n, CK_HW_MODE_G);
	ck_assert_int_eq(ck_check(ck_network_key("proto"), "WPA2", &v, why, sizeof(why)), 0);
	ck_assert_uint_eq(v.mask, WPA_PROTO_RSN);
	ck_assert_int_eq(ck_check(ck_network_key("ssid"), "\"net\"", &v, why, sizeof(why)), 0);
	ck_assert_uint_eq(v.len, 3);
	ck_assert_mem_eq(v.bytes, "net", 3);
	ck_value_wipe(&v);
	ck_assert_ptr_null(ck_hostapd_key("no_such_key"));
	ck_assert(ck_hostapd_key("interface")->flags & CK_F_LAB_OWNED);

	/* 802.11-2020 15.4.4.3, 17.3.8.4.2 */
	ck_assert_int_eq(ck_channel_freq(CK_HW_MODE_G, 14), 2484);
	ck_assert_int_eq(ck_channel_freq(CK_HW_MODE_B, 36), 0);
	ck_assert_int_eq(ck_channel_freq(CK_HW_MODE_A, 36), 5180);

	cross_log[0] = '\0';
	ck_assert_uint_eq(ck_ap_cross_check(&ap, cross_rec, NULL), 2);
	ck_assert_str_eq(cross_log, "channel: channel 36 is not valid for hw_mode=b|"
			 "wpa: wpa=2 needs wpa_passphrase or wpa_psk|");
	cross_log[0] = '\0';
	ck_assert_uint_eq(ck_network_cross_check(&net, cross_rec, NULL), 2);
	ck_assert_str_eq(cross_log, "ssid: network block has no ssid|psk: key_mgmt WPA-PSK needs a psk|");
	ap.hw_mode = CK_HW_MODE_A;
	ap.has_psk = true;
	ck_assert_uint_eq(ck_ap_cross_check(&ap, cross_rec, NULL), 0);
}
END_TEST

static Suite *conf_suite(void)
{
	Suite *s = suite_create("conf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_hostapd_style);
	tcase_add_test(tc, test_supplicant_blocks);
	tcase_add_loop_test(tc, test_syntax_errors, 0,
			    (int)ARRAY_SIZE(syntax_errors));
	tcase_add_test(tc, test_int);
	tcase_add_test(tc, test_bool_mac_hex);
	tcase_add_test(tc, test_str_enum_list);
	tcase_add_test(tc, test_warn_unknown);
	tcase_add_test(tc, test_tokens);
	tcase_add_test(tc, test_file);
	tcase_add_loop_test(tc, test_key_rules, 0, (int)ARRAY_SIZE(ck_cases));
	tcase_add_test(tc, test_key_values_and_cross);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(conf_suite)
