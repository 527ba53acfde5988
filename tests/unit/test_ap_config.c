// SPDX-License-Identifier: MIT
/* test_ap_config.c: roamlab-ap's hostapd.conf subset and its fault knobs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../../ap/config.h"
#include "conf_keys.h"
#include "crypto.h"
#include "log.h"
#include "unit.h"
#include "util.h"

static char logbuf[8192];

static void hook(enum log_level lvl, const char *line, void *ctx)
{
	size_t n = strlen(logbuf);

	snprintf(logbuf + n, sizeof(logbuf) - n, "%s\n", line);
}

static struct ap_config *parse(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct ap_config *c;

	ck_assert_ptr_nonnull(f);
	logbuf[0] = '\0';
	log_set_hook(hook, NULL);
	c = ap_config_parse(f, "t.conf");
	fclose(f);
	return c;
}

#define BASE "interface=wlan0\nssid=roaming\nchannel=1\n"

START_TEST(minimal_open_defaults)
{
	struct ap_config *c = parse(BASE);

	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->interface, "wlan0");
	ck_assert_uint_eq(c->ssid_len, 7);
	ck_assert_mem_eq(c->ssid, "roaming", 7);
	ck_assert_int_eq(c->hw_mode, AP_HW_MODE_B);
	ck_assert_int_eq(c->freq_mhz, 2412);
	ck_assert_int_eq(c->beacon_int, 100);
	ck_assert_int_eq(c->dtim_period, 2);
	ck_assert_int_eq(c->wpa, 0);
	ck_assert_int_eq(c->eapol_version, 2);
	ck_assert_uint_eq(c->ap_max_inactivity, 300);
	ck_assert_int_eq(c->max_num_sta, 2007);
	ck_assert_uint_eq(c->pairwise_update_count, 4);
	ck_assert_uint_eq(c->eapol_timeout_first_ms, 100);
	ck_assert_uint_eq(c->eapol_timeout_ms, 1000);
	ck_assert_uint_eq(c->n_warnings, 0);
	ap_config_free(c);
}
END_TEST

/* The seed's config, as hostapd reads it. */
START_TEST(every_key)
{
	struct ap_config *c = parse(
		"# comment\n"
		"\n"
		"interface=wlan1\n"
		"driver=nl80211\n"
		"bridge=br-ap\n"
		"ctrl_interface=DIR=/run/roamlab GROUP=0\n"
		"ssid=roaming\n"
		"hw_mode=g\n"
		"channel=6\n"
		"beacon_int=200\n"
		"dtim_period=3\n"
		"country_code=BE\n"
		"wpa=3\n"
		"wpa_passphrase=bonewish\n"
		"wpa_key_mgmt=WPA-PSK\n"
		"wpa_pairwise=TKIP CCMP\n"
		"rsn_pairwise=CCMP\n"
		"wpa_group_rekey=30\n"
		"wpa_strict_rekey=1\n"
		"wpa_ptk_rekey=600\n"
		"eapol_version=1\n"
		"ap_max_inactivity=60\n"
		"max_num_sta=10\n"
		"ignore_broadcast_ssid=1\n"
		"auth_algs=1\n"
		"wpa_pairwise_update_count=3\n"
		"wpa_group_update_count=2\n"
		"eapol_key_timeout_first=50\n"
		"eapol_key_timeout=300\n"
		"eapol_key_timeout_group=250\n"
		"fault=drop-msg 3 2\n"
		"fault=anonce-per-resend\n");
	uint8_t psk[32];

	ck_assert_msg(c != NULL, "log: %s", logbuf);
	ck_assert_str_eq(c->interface, "wlan1");
	ck_assert_str_eq(c->bridge, "br-ap");
	ck_assert_str_eq(c->ctrl_interface, "/run/roamlab");
	ck_assert_int_eq(c->hw_mode, AP_HW_MODE_G);
	ck_assert_int_eq(c->channel, 6);
	ck_assert_int_eq(c->freq_mhz, 2437);
	ck_assert_int_eq(c->beacon_int, 200);
	ck_assert_int_eq(c->dtim_period, 3);
	ck_assert_str_eq(c->country_code, "BE");
	ck_assert_int_eq(c->wpa, 3);
	ck_assert_int_eq(c->wpa_pairwise, WPA_CIPHER_TKIP | WPA_CIPHER_CCMP);
	ck_assert_int_eq(c->rsn_pairwise, WPA_CIPHER_CCMP);
	ck_assert_int_eq(c->group_cipher, WPA_CIPHER_TKIP);
	ck_assert_uint_eq(c->wpa_group_rekey, 30);
	ck_assert(c->wpa_strict_rekey);
	ck_assert_uint_eq(c->wpa_ptk_rekey, 600);
	ck_assert_int_eq(c->eapol_version, 1);
	ck_assert_uint_eq(c->ap_max_inactivity, 60);
	ck_assert_int_eq(c->max_num_sta, 10);
	ck_assert_int_eq(c->ignore_broadcast_ssid, 1);
	ck_assert_int_eq(c->auth_algs, 1);
	ck_assert_uint_eq(c->pairwise_update_count, 3);
	ck_assert_uint_eq(c->group_update_count, 2);
	ck_assert_uint_eq(c->eapol_timeout_first_ms, 50);
	ck_assert_uint_eq(c->eapol_timeout_ms, 300);
	ck_assert_uint_eq(c->eapol_timeout_group_ms, 250);
	ck_assert(c->faults.drop[EAPOL_MSG_PTK_3].on);
	ck_assert_uint_eq(c->faults.drop[EAPOL_MSG_PTK_3].left, 2);
	ck_assert(c->faults.new_anonce_on_resend);
	ck_assert_uint_eq(c->n_psks, 1);
	ck_assert_int_eq(crypto_psk_from_passphrase("bonewish", (const uint8_t *)"roaming", 7, psk), 0);
	ck_assert_mem_eq(c->psks[0].psk, psk, 32);
	ck_assert_int_eq(c->psks[0].line, 14);
	ck_assert_uint_eq(c->n_warnings, 0);
	ck_assert_uint_eq(c->n_errors, 0);
	ap_config_free(c);
}
END_TEST

START_TEST(group_cipher_like_hostapd)
{
	static const struct {
		const char *text;
		int group;
		int rsn;
	} cases[] = {
		{ BASE "wpa=1\nwpa_passphrase=12345678\nwpa_pairwise=CCMP\n", WPA_CIPHER_CCMP, WPA_CIPHER_CCMP },
		{ BASE "wpa=1\nwpa_passphrase=12345678\nwpa_pairwise=TKIP\n", WPA_CIPHER_TKIP, WPA_CIPHER_TKIP },
		{ BASE "wpa=2\nwpa_passphrase=12345678\nrsn_pairwise=CCMP\n", WPA_CIPHER_CCMP, WPA_CIPHER_CCMP },
		{ BASE "wpa=2\nwpa_passphrase=12345678\nrsn_pairwise=TKIP\n", WPA_CIPHER_TKIP, WPA_CIPHER_TKIP },
		/* rsn_pairwise defaults to wpa_pairwise, which defaults to TKIP */
		{ BASE "wpa=2\nwpa_passphrase=12345678\n", WPA_CIPHER_TKIP, WPA_CIPHER_TKIP },
		/* wpa=2 ignores wpa_pairwise=TKIP when rsn_pairwise is set */
		{ BASE "wpa=2\nwpa_passphrase=12345678\nwpa_pairwise=TKIP\nrsn_pairwise=CCMP\n", WPA_CIPHER_CCMP, WPA_CIPHER_CCMP },
		{ BASE "wpa=3\nwpa_passphrase=12345678\nwpa_pairwise=TKIP\nrsn_pairwise=CCMP\n", WPA_CIPHER_TKIP, WPA_CIPHER_CCMP },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ap_config *c = parse(cases[i].text);

		ck_assert_msg(c != NULL, "case %zu: %s", i, logbuf);
		ck_assert_msg(c->group_cipher == cases[i].group, "case %zu", i);
		ck_assert_msg(c->rsn_pairwise == cases[i].rsn, "case %zu", i);
		/* rekey default: 600 s for a TKIP group, a day for CCMP */
		ck_assert_uint_eq(c->wpa_group_rekey, cases[i].group == WPA_CIPHER_TKIP ? 600 : 86400);
		ap_config_free(c);
	}
}
END_TEST

START_TEST(psk_precedence_and_candidates)
{
	/* hostapd: wpa_psk wins over wpa_passphrase, the last wpa_psk wins.
	 * The others stay as "another PSK" candidates. */
	struct ap_config *c = parse(BASE "wpa=2\nrsn_pairwise=CCMP\n"
				    "wpa_passphrase=wrongpassword\n"
				    "wpa_psk=0101010101010101010101010101010101010101010101010101010101010101\n"
				    "wpa_psk=0202020202020202020202020202020202020202020202020202020202020202\n");
	uint8_t psk[32];

	ck_assert_msg(c != NULL, "%s", logbuf);
	ck_assert_uint_eq(c->n_psks, 3);
	memset(psk, 2, sizeof(psk));
	ck_assert_mem_eq(c->psks[0].psk, psk, 32);
	ck_assert_int_eq(c->psks[0].line, 8);
	ck_assert_str_eq(c->psks[1].key, "wpa_passphrase");
	ck_assert_int_eq(c->psks[1].line, 6);
	crypto_psk_from_passphrase("wrongpassword", (const uint8_t *)"roaming", 7, psk);
	ck_assert_mem_eq(c->psks[1].psk, psk, 32);
	memset(psk, 1, sizeof(psk));
	ck_assert_mem_eq(c->psks[2].psk, psk, 32);
	ck_assert_int_eq(c->psks[2].line, 7);
	ap_config_free(c);
}
END_TEST

START_TEST(unknown_key_warns)
{
	struct ap_config *c = parse(BASE "wmm_enabled=1\nlogger_stdout=-1\n");

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->n_warnings, 2);
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf:4: unknown key 'wmm_enabled' ignored"));
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf:5: unknown key 'logger_stdout' ignored"));
	ap_config_free(c);
}
END_TEST

/* Each bad line is reported with its line number, key and reason, and
 * loading fails. The bad key is on line 4 (after BASE). */
static const struct {
	const char *line;
	const char *expect;
} bad[] = {
	{ "driver=wired", "t.conf:4: driver: driver 'wired' is not supported" },
	{ "hw_mode=x", "t.conf:4: hw_mode: unknown mode 'x'" },
	{ "hw_mode=ad", "t.conf:4: hw_mode: 'ad' is not supported" },
	{ "channel=0", "t.conf:4: channel: automatic channel selection is not supported" },
	{ "channel=acs_survey", "t.conf:4: channel: automatic channel selection" },
	{ "channel=abc", "t.conf:4: channel: 'abc' is not a number" },
	{ "channel=300", "t.conf:4: channel: 300 is out of range" },
	{ "beacon_int=10", "t.conf:4: beacon_int: 10 is out of range (expected 15..65535)" },
	{ "dtim_period=0", "t.conf:4: dtim_period: 0 is out of range (expected 1..255)" },
	{ "country_code=us", "t.conf:4: country_code: 'us' is not a two-letter" },
	{ "country_code=USA", "t.conf:4: country_code: 'USA' is not a two-letter" },
	{ "wpa=4", "t.conf:4: wpa: 4 is out of range (expected 0..3)" },
	{ "wpa_passphrase=short", "t.conf:4: wpa_passphrase: passphrase length 5 is invalid (expected 8..63)" },
	{ "wpa_psk=0123", "t.conf:4: wpa_psk: PSK must be exactly 64 hex digits" },
	{ "wpa_psk=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "t.conf:4: wpa_psk: PSK must be exactly 64 hex digits" },
	{ "wpa_key_mgmt=FT-SAE", "t.conf:4: wpa_key_mgmt: 'FT-SAE' is not supported (only WPA-PSK, WPA-PSK-SHA256 and SAE)" },
	{ "wpa_key_mgmt=WPA-FOO", "t.conf:4: wpa_key_mgmt: unknown key management 'WPA-FOO'" },
	{ "wpa_pairwise=TKIP WEP", "t.conf:4: wpa_pairwise: unknown cipher 'WEP'" },
	{ "wpa_pairwise=GCMP", "t.conf:4: wpa_pairwise: cipher 'GCMP' is not supported" },
	{ "rsn_pairwise=NONE", "t.conf:4: rsn_pairwise: 'NONE' is not allowed here" },
	{ "wpa_group_rekey=-1", "t.conf:4: wpa_group_rekey: -1 is out of range" },
	{ "eapol_version=3", "t.conf:4: eapol_version: 3 is out of range (expected 1..2)" },
	{ "max_num_sta=3000", "t.conf:4: max_num_sta: 3000 is out of range (expected 0..2007)" },
	{ "ignore_broadcast_ssid=3", "t.conf:4: ignore_broadcast_ssid: 3 is out of range (expected 0..2)" },
	{ "auth_algs=2", "t.conf:4: auth_algs: shared key authentication alone is not supported" },
	{ "wpa_pairwise_update_count=0", "t.conf:4: wpa_pairwise_update_count: 0 is out of range" },
	{ "bridge=averyveryverylongname", "t.conf:4: bridge: interface name must be 1..15 characters" },
	{ "ssid=0123456789012345678901234567890123", "t.conf:4: ssid: must be 1..32 bytes, got 34" },
	{ "fault=explode", "t.conf:4: fault: unknown fault 'explode'" },
	{ "fault=drop-msg 7", "t.conf:4: fault: drop-msg: bad message '7' (expected 1..4, g1 or g2)" },
	{ "fault=delay-msg 2 100", "t.conf:4: fault: delay-msg: bad message '2' for the AP (expected 1, 3 or g1)" },
	{ "fault=corrupt-mic 1", "t.conf:4: fault: corrupt-mic: msg 1/4 has no MIC" },
	{ "eapol_key_timeout=0", "t.conf:4: eapol_key_timeout: 0 is out of range (expected 1..60000)" },
	{ "wpa_strict_rekey=yes", "t.conf:4: wpa_strict_rekey: 'yes' is not a number" },
	{ "no equals sign", "t.conf:4: no equals sign: not a key=value line" },
};

START_TEST(bad_value_names_line)
{
	char text[512];
	struct ap_config *c;

	snprintf(text, sizeof(text), BASE "%s\n", bad[_i].line);
	c = parse(text);
	ck_assert_msg(c == NULL, "'%s' was accepted", bad[_i].line);
	ck_assert_msg(strstr(logbuf, bad[_i].expect) != NULL, "'%s': expected '%s' in:\n%s",
		      bad[_i].line, bad[_i].expect, logbuf);
}
END_TEST

START_TEST(cross_checks)
{
	struct ap_config *c;

	c = parse("ssid=x\nchannel=1\n");
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf: interface: required key not set"));

	c = parse("interface=wlan0\nchannel=1\n");
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf: ssid: required key not set"));

	c = parse(BASE "wpa=2\n");
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf:4: wpa: wpa=2 needs wpa_passphrase or wpa_psk"));

	c = parse("interface=wlan0\nssid=x\nhw_mode=a\nchannel=1\n");
	ck_assert_ptr_nonnull(c);	/* 5005 MHz is a valid 5 GHz number */
	ap_config_free(c);

	c = parse("interface=wlan0\nssid=x\nhw_mode=g\nchannel=36\n");
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf:4: channel: channel 36 is not valid for hw_mode=g"));

	/* all errors are reported, not just the first */
	c = parse(BASE "wpa=9\nbeacon_int=1\n");
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf:4: wpa:"));
	ck_assert_ptr_nonnull(strstr(logbuf, "t.conf:5: beacon_int:"));
	ck_assert_ptr_nonnull(strstr(logbuf, "2 errors"));
}
END_TEST

START_TEST(crlf_and_trailing_blanks)
{
	struct ap_config *c = parse("interface=wlan0\r\nssid=net work\r\nchannel=11 \r\n");

	ck_assert_msg(c != NULL, "%s", logbuf);
	ck_assert_uint_eq(c->ssid_len, 8);
	ck_assert_mem_eq(c->ssid, "net work", 8);
	ck_assert_int_eq(c->channel, 11);
	ap_config_free(c);
}
END_TEST

/* fault= lines as roamlab-ap takes them: common/hs_fault.c's parser for
 * the authenticator's side (tests/unit/test_hs_fault.c tests the rest). */
START_TEST(fault_specs)
{
	struct hs_faults f;
	char err[160], desc[256];
	uint32_t ms = 0;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "drop-msg g1", err, sizeof(err)), 0);
	ck_assert(f.drop[EAPOL_MSG_GROUP_1].on);
	ck_assert_uint_eq(f.drop[EAPOL_MSG_GROUP_1].left, 0);	/* every time */
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "delay-msg 3 250", err, sizeof(err)), 0);
	ck_assert_uint_eq(f.delay[EAPOL_MSG_PTK_3].delay_ms, 250);
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "corrupt-mic 2", err, sizeof(err)), 0);
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "resend-m3", err, sizeof(err)), 0);
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "gtk-wrong-keyidx", err, sizeof(err)), 0);
	hs_fault_list(&f, desc, sizeof(desc));
	ck_assert_str_eq(desc, "resend-m3,gtk-wrong-keyidx,drop-msg=g1,delay-msg=3:250,corrupt-mic=2");
	ck_assert(hs_faults_any(&f));

	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "drop-msg 1 2", err, sizeof(err)), 0);
	ck_assert(hs_fault_take_msg(&f, HS_FAULT_DROP_MSG, EAPOL_MSG_PTK_1, NULL));
	ck_assert(hs_fault_take_msg(&f, HS_FAULT_DROP_MSG, EAPOL_MSG_PTK_1, NULL));
	ck_assert(!hs_fault_take_msg(&f, HS_FAULT_DROP_MSG, EAPOL_MSG_PTK_1, NULL));
	ck_assert(hs_fault_take_msg(&f, HS_FAULT_DROP_MSG, EAPOL_MSG_GROUP_1, NULL));	/* always */
	ck_assert(hs_fault_take_msg(&f, HS_FAULT_DROP_MSG, EAPOL_MSG_GROUP_1, NULL));
	ck_assert(hs_fault_take_msg(&f, HS_FAULT_DELAY_MSG, EAPOL_MSG_PTK_3, &ms));
	ck_assert_uint_eq(ms, 250);

	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "resend-m3 2", err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "'resend-m3' takes no arguments");
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "delay-msg 1", err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "usage: delay-msg MSG MS [COUNT]");
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "delay-msg 1 70000", err, sizeof(err)), -EINVAL);
	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "", err, sizeof(err)), -EINVAL);

	ck_assert_int_eq(hs_fault_apply(&f, HS_ROLE_AUTHENTICATOR, "clear", err, sizeof(err)), 0);
	ck_assert(!hs_faults_any(&f));
	hs_fault_list(&f, desc, sizeof(desc));
	ck_assert_str_eq(desc, "none");
}
END_TEST

/* roamlab-ap checks every key of common/conf_keys.c's table with the
 * table's rule (an empty value is bad for each): none is "unknown". */
START_TEST(every_table_key_checked)
{
	const struct ck_key *k;
	char text[256], want[96];
	size_t n = 0;

	for (size_t i = 0; (k = ck_hostapd_key_at(i)); i++, n++) {
		struct ap_config *c;

		snprintf(text, sizeof(text), "interface=wlan0\nssid=roaming\nchannel=1\n%s=\n",
			 k->key);
		c = parse(text);
		snprintf(want, sizeof(want), "t.conf:4: %s: ", k->key);
		ck_assert_msg(c == NULL, "'%s=' was accepted", k->key);
		ck_assert_msg(strstr(logbuf, want) != NULL, "%s: no error in:\n%s", k->key, logbuf);
		ck_assert_msg(strstr(logbuf, "unknown key") == NULL, "%s", logbuf);
	}
	ck_assert_uint_ge(n, 30);
	/* hostapd's own knobs: checked, then ignored with a warning */
	{
		struct ap_config *c = parse(BASE "wpa_gmk_rekey=86400\n");

		ck_assert_ptr_nonnull(c);
		ck_assert_uint_eq(c->n_warnings, 1);
		ap_config_free(c);
	}
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("ap_config");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, minimal_open_defaults);
	tcase_add_test(tc, every_key);
	tcase_add_test(tc, group_cipher_like_hostapd);
	tcase_add_test(tc, psk_precedence_and_candidates);
	tcase_add_test(tc, unknown_key_warns);
	tcase_add_loop_test(tc, bad_value_names_line, 0, (int)ARRAY_SIZE(bad));
	tcase_add_test(tc, cross_checks);
	tcase_add_test(tc, crlf_and_trailing_blanks);
	tcase_add_test(tc, fault_specs);
	tcase_add_test(tc, every_table_key_checked);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(config_suite)
