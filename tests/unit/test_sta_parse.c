// SPDX-License-Identifier: MIT
/* test_sta_parse: roamlab-sta's wpa_supplicant.conf subset and its command
 * and script language, with their error messages. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "conf_keys.h"
#include "util.h"
#include "../../sta/cmd.h"
#include "../../sta/conf.h"

static char err[512];

static struct sta_conf *parse(const char *text)
{
	err[0] = '\0';
	return sta_conf_parse("t.conf", text, err, sizeof(err));
}

START_TEST(conf_full)
{
	struct sta_conf *c = parse(
		"# comment\n"
		"ctrl_interface=DIR=/run/wpa GROUP=netdev\n"
		"network={\n"
		"\tssid=\"roaming\"\n"
		"\tpsk=\"bonewish\"\n"
		"\tproto=WPA\n"
		"\tpairwise=TKIP CCMP\n"
		"\tgroup=TKIP\n"
		"\tkey_mgmt=WPA-PSK\n"
		"\tbssid=02:00:00:00:01:00\n"
		"\tpriority=5\n"
		"\tscan_ssid=1\n"
		"}\n"
		"network={\n"
		"  ssid=6f70656e\n"
		"  key_mgmt=NONE\n"
		"}\n"
		"network={\n"
		"  ssid=\"hex\"\n"
		"  psk=53f29ff8ababa053749bdd39fb590c0b83f3feb98cf822c77b72322fae7d9b37\n"
		"}\n");

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->ctrl_interface, "/run/wpa");
	ck_assert_uint_eq(c->n_net, 3);
	ck_assert_uint_eq(c->n_warn, 0);
	ck_assert_int_eq(c->net[0].id, 0);
	ck_assert_int_eq(c->net[0].line, 3);
	ck_assert_uint_eq(c->net[0].ssid_len, 7);
	ck_assert(!memcmp(c->net[0].ssid, "roaming", 7));
	ck_assert_str_eq(c->net[0].passphrase, "bonewish");
	ck_assert(!c->net[0].psk_is_raw);
	ck_assert_uint_eq(c->net[0].proto, WPA_PROTO_WPA);
	ck_assert_uint_eq(c->net[0].pairwise, WPA_CIPHER_TKIP | WPA_CIPHER_CCMP);
	ck_assert_uint_eq(c->net[0].group, WPA_CIPHER_TKIP);
	ck_assert_uint_eq(c->net[0].key_mgmt, WPA_AKM_PSK);
	ck_assert(c->net[0].bssid_set);
	ck_assert_uint_eq(c->net[0].bssid[4], 0x01);
	ck_assert_int_eq(c->net[0].priority, 5);
	ck_assert(c->net[0].scan_ssid);
	/* hex SSID, open network, defaults */
	ck_assert_uint_eq(c->net[1].ssid_len, 4);
	ck_assert(!memcmp(c->net[1].ssid, "open", 4));
	ck_assert_uint_eq(c->net[1].key_mgmt, WPA_AKM_NONE);
	ck_assert_int_eq(c->net[1].priority, 0);
	ck_assert_uint_eq(c->net[2].proto, WPA_PROTO_WPA | WPA_PROTO_RSN);
	ck_assert(c->net[2].psk_is_raw);
	ck_assert_uint_eq(c->net[2].psk[0], 0x53);
	ck_assert_uint_eq(c->net[2].psk[31], 0x37);
	sta_conf_free(c);
}
END_TEST

START_TEST(conf_warnings)
{
	struct sta_conf *c = parse(
		"update_config=1\n"
		"network={\n"
		"  ssid=\"x\"\n"
		"  key_mgmt=NONE\n"
		"  id_str=\"home\"\n"
		"}\n");

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_uint_eq(c->n_warn, 2);
	ck_assert_str_eq(c->warn[0], "t.conf:1: update_config: unsupported global key, ignored");
	ck_assert_str_eq(c->warn[1], "t.conf:5: id_str: unsupported network key, ignored");
	sta_conf_free(c);
}
END_TEST

static const struct {
	const char *text;
	const char *err;
} bad_confs[] = {
	{ "network={\n ssid=\"x\"\n psk=\"short\"\n}\n",
	  "t.conf:3: psk: passphrase must be 8..63 characters" },
	{ "network={\n ssid=\"x\"\n psk=0123\n}\n",
	  "t.conf:3: psk: must be a quoted passphrase or 64 hex digits" },
	{ "network={\n ssid=\"x\"\n psk=\"12345678\"\n pairwise=CCMP WEP40\n}\n",
	  "t.conf:4: pairwise: 'WEP40' is not allowed here (use TKIP and/or CCMP)" },
	{ "\nnetwork={\n psk=\"12345678\"\n}\n",
	  "t.conf:2: ssid: network block has no ssid" },
	{ "network={\n ssid=\"x\"\n}\n",
	  "t.conf:1: psk: key_mgmt WPA-PSK needs a psk" },
	{ "network={\n ssid=\"x\"\n key_mgmt=NONE\n bssid=zz\n}\n",
	  "t.conf:4: bssid: 'zz' is not a MAC address" },
	{ "network={\n ssid=\"x\"\n key_mgmt=NONE\n priority=high\n}\n",
	  "t.conf:4: priority: 'high' is not a number" },
	{ "network={\n ssid=\"x\"\n key_mgmt=NONE\n scan_ssid=2\n}\n",
	  "t.conf:4: scan_ssid: 2 is out of range (expected 0..1)" },
	{ "network={\n ssid=\"x\n}\n", "t.conf:2: ssid: bad quoted string" },
	{ "network={\n ssid=\"0123456789012345678901234567890123\"\n}\n",
	  "t.conf:2: ssid: length 34 not in 1..32" },
	{ "network={\n ssid=\"x\"\n key_mgmt=WPA-EAP\n}\n",
	  "t.conf:3: key_mgmt: unsupported value 'WPA-EAP'" },
	{ "network={\n ssid=\"x\"\n key_mgmt=NONE\n", "t.conf:1: network block is not closed" },
	{ "bogus line\n", "t.conf:1: expected key=value, got 'bogus line'" },
	{ "network={\n ssid=\"x\"\n proto=\n}\n", "t.conf:3: proto: empty list" },
};

START_TEST(conf_errors)
{
	struct sta_conf *c = parse(bad_confs[_i].text);

	ck_assert_msg(c == NULL, "case %d parsed", _i);
	ck_assert_str_eq(err, bad_confs[_i].err);
}
END_TEST

/* roamlab-sta checks every key of common/conf_keys.c's network table with
 * the table's rule (an empty value is bad for each, except free text). */
START_TEST(every_table_key_checked)
{
	const struct ck_key *k;
	char text[256], want[64];

	for (size_t i = 0; (k = ck_network_key_at(i)); i++) {
		struct sta_conf *c;

		if (k->flags & CK_F_OTHER_ONLY)
			continue;
		snprintf(text, sizeof(text), "network={\n ssid=\"x\"\n key_mgmt=NONE\n %s=\n}\n",
			 k->key);
		c = parse(text);
		snprintf(want, sizeof(want), "t.conf:4: %s: ", k->key);
		ck_assert_msg(c == NULL, "'%s=' was accepted", k->key);
		ck_assert_msg(!strncmp(err, want, strlen(want)), "%s: got '%s'", k->key, err);
	}
}
END_TEST

START_TEST(conf_load_missing)
{
	ck_assert(sta_conf_load("/nonexistent/x.conf", err, sizeof(err)) == NULL);
	ck_assert_str_eq(err, "/nonexistent/x.conf: No such file or directory");
}
END_TEST

static struct sta_cmd cmd;

static int cparse(const char *line)
{
	err[0] = '\0';
	return sta_cmd_parse(line, &cmd, err, sizeof(err));
}

START_TEST(cmd_basic)
{
	ck_assert_int_eq(cparse("  # comment"), 1);
	ck_assert_int_eq(cparse(""), 1);
	ck_assert_int_eq(cparse("scan"), 0);
	ck_assert_int_eq(cmd.type, STA_CMD_SCAN);
	ck_assert_int_eq(cparse("scan freq=2412,2437 passive"), 0);
	ck_assert_int_eq(cmd.argc, 2);
	ck_assert_str_eq(cmd.argv[0], "freq=2412,2437");
	ck_assert_int_eq(cparse("roam 02:00:00:00:01:00"), 0);
	ck_assert_int_eq(cmd.type, STA_CMD_ROAM);
	ck_assert_uint_eq(cmd.bssid[4], 1);
	ck_assert_int_eq(cparse("connect \"my net\""), 0);
	ck_assert_int_eq(cmd.type, STA_CMD_CONNECT);
	ck_assert_str_eq(cmd.name, "my net");
	ck_assert_int_eq(cparse("set roam_threshold -70"), 0);
	ck_assert_str_eq(cmd.name, "roam_threshold");
	ck_assert_str_eq(cmd.value, "-70");
	ck_assert_int_eq(cparse("fault drop-msg 4"), 0);
	ck_assert_int_eq(cmd.type, STA_CMD_FAULT);
	ck_assert_str_eq(cmd.name, "drop-msg");
	ck_assert_int_eq(cmd.argc, 2);
	ck_assert_int_eq(cparse("fault clear"), 0);
	ck_assert_int_eq(cmd.type, STA_CMD_FAULT_CLEAR);
	ck_assert_str_eq(cmd.name, "");
	ck_assert_int_eq(cparse("fault clear stale-aa"), 0);
	ck_assert_str_eq(cmd.name, "stale-aa");
	ck_assert_int_eq(cparse("sleep 1.5s"), 0);
	ck_assert_uint_eq(cmd.ms, 1500);
	ck_assert_int_eq(cparse("log  hello   \"world\" #1  "), 0);
	ck_assert_int_eq(cmd.type, STA_CMD_LOG);
	ck_assert_str_eq(cmd.text, "hello   \"world\" #1");
}
END_TEST

START_TEST(cmd_wait_expect)
{
	ck_assert_int_eq(cparse("wait CONNECTED"), 0);
	ck_assert_str_eq(cmd.name, "CONNECTED");
	ck_assert_uint_eq(cmd.ms, STA_WAIT_DEFAULT_MS);
	ck_assert_uint_eq(cmd.n_kv, 0);
	ck_assert_int_eq(cparse("wait ROAM cause=command new=02:00:00:00:01:00 2s"), 0);
	ck_assert_uint_eq(cmd.ms, 2000);
	ck_assert_uint_eq(cmd.n_kv, 2);
	ck_assert_str_eq(cmd.kv[0].key, "cause");
	ck_assert_str_eq(cmd.kv[0].val, "command");
	ck_assert_str_eq(cmd.kv[1].key, "new");
	ck_assert_int_eq(cparse("wait ROAM 300"), 0);
	ck_assert_uint_eq(cmd.ms, 300);
	ck_assert_int_eq(cparse("expect wpa_state == COMPLETED"), 0);
	ck_assert_int_eq(cmd.type, STA_CMD_EXPECT);
	ck_assert_str_eq(cmd.name, "wpa_state");
	ck_assert_int_eq(cmd.op, STA_CMP_EQ);
	ck_assert_str_eq(cmd.value, "COMPLETED");
	ck_assert_int_eq(cparse("expect roams >= 2"), 0);
	ck_assert_int_eq(cmd.op, STA_CMP_GE);
}
END_TEST

static const struct {
	const char *line;
	const char *err;
} bad_cmds[] = {
	{ "frobnicate", "unknown command 'frobnicate' (try help)" },
	{ "roam", "roam: wrong number of arguments; usage: roam <bssid>" },
	{ "roam nothex", "roam: 'nothex' is not a BSSID" },
	{ "sleep soon", "sleep: bad duration 'soon'" },
	{ "sleep 5min", "sleep: bad duration '5min'" },
	{ "wait ROAM cause=x bogus 5", "wait: expected key=value, got 'bogus'" },
	{ "wait ROAM 5parsecs", "wait: bad timeout '5parsecs'" },
	{ "wait ROAM =x", "wait: bad filter '=x'" },
	{ "expect a ~ b", "expect: unknown operator '~' (==, !=, <, <=, >, >=)" },
	{ "expect a ==", "expect: usage: expect <key> <op> <value>" },
	{ "set knob", "set: wrong number of arguments; usage: set <knob> <value>" },
	{ "status now", "status: wrong number of arguments; usage: status" },
	{ "connect \"unterminated", "unterminated quote" },
	{ "scan fast", "scan: unknown argument 'fast'" },
	{ "fault clear a b", "fault clear: at most one name" },
};

START_TEST(cmd_errors)
{
	ck_assert_int_eq(cparse(bad_cmds[_i].line), -EINVAL);
	ck_assert_str_eq(err, bad_cmds[_i].err);
}
END_TEST

START_TEST(cmp_eval)
{
	ck_assert(sta_cmp_eval("10", STA_CMP_LT, "9.5") == false);
	ck_assert(sta_cmp_eval("10", STA_CMP_GT, "9.5"));
	ck_assert(sta_cmp_eval("-70", STA_CMP_LE, "-70"));
	ck_assert(sta_cmp_eval("02:00:00:00:01:AA", STA_CMP_EQ, "02:00:00:00:01:aa"));
	ck_assert(sta_cmp_eval("COMPLETED", STA_CMP_NE, "SCANNING"));
	ck_assert(!sta_cmp_eval("COMPLETED", STA_CMP_EQ, "SCANNING"));
}
END_TEST

START_TEST(event_match)
{
	struct sta_event ev;
	char line[256];

	sta_event_init(&ev, "ROAM", 1234);
	sta_event_add(&ev, "cause", "%s", "ap-loss");
	sta_event_add(&ev, "new", "%s", "02:00:00:00:01:00");
	sta_event_format(&ev, line, sizeof(line));
	ck_assert_str_eq(line, "EVENT ROAM t=1234 cause=ap-loss new=02:00:00:00:01:00");
	ck_assert_int_eq(cparse("wait ROAM cause=ap-loss"), 0);
	ck_assert(sta_event_matches(&ev, &cmd));
	ck_assert_int_eq(cparse("wait ROAM cause=command"), 0);
	ck_assert(!sta_event_matches(&ev, &cmd));
	ck_assert_int_eq(cparse("wait ROAM missing=1"), 0);
	ck_assert(!sta_event_matches(&ev, &cmd));
	ck_assert_int_eq(cparse("wait CONNECTED"), 0);
	ck_assert(!sta_event_matches(&ev, &cmd));
}
END_TEST

START_TEST(script_parse)
{
	struct sta_script *s;

	s = sta_script_parse("s.txt", "# roam script\n\nconnect\nwait CONNECTED 5s\n"
			     "roam 02:00:00:00:01:00\nexpect roams == 1\n", err, sizeof(err));
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_uint_eq(s->n, 4);
	ck_assert_int_eq(s->lines[0].line, 3);
	ck_assert_int_eq(s->lines[0].cmd.type, STA_CMD_CONNECT);
	ck_assert_int_eq(s->lines[3].line, 6);
	ck_assert_int_eq(s->lines[3].cmd.type, STA_CMD_EXPECT);
	sta_script_free(s);

	s = sta_script_parse("s.txt", "connect\n\nroam 1:2\n", err, sizeof(err));
	ck_assert(s == NULL);
	ck_assert_str_eq(err, "s.txt:3: roam: '1:2' is not a BSSID");
}
END_TEST

static Suite *conf_suite(void)
{
	Suite *s = suite_create("sta_conf");
	TCase *tc = tcase_create("conf");

	tcase_add_test(tc, conf_full);
	tcase_add_test(tc, conf_warnings);
	tcase_add_loop_test(tc, conf_errors, 0, ARRAY_SIZE(bad_confs));
	tcase_add_test(tc, conf_load_missing);
	tcase_add_test(tc, every_table_key_checked);
	suite_add_tcase(s, tc);
	return s;
}

static Suite *cmd_suite(void)
{
	Suite *s = suite_create("sta_cmd");
	TCase *tc = tcase_create("cmd");

	tcase_add_test(tc, cmd_basic);
	tcase_add_test(tc, cmd_wait_expect);
	tcase_add_loop_test(tc, cmd_errors, 0, ARRAY_SIZE(bad_cmds));
	tcase_add_test(tc, cmp_eval);
	tcase_add_test(tc, event_match);
	tcase_add_test(tc, script_parse);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(conf_suite, cmd_suite)
