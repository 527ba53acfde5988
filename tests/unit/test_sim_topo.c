// SPDX-License-Identifier: MIT
/* Topology parser: a full file, repeat/swap expansion, ranges, and every
 * error naming file:line and what was expected. */
#include <glob.h>
#include <string.h>

#include "../../sim/topo.h"
#include "unit.h"

static const char *good =
	"# comment\n"
	"medium model=log-distance exponent=3.5 ref_loss=40 shadowing=2 noise=-92 seed=7\n"
	"ap  ap1 pos=0,0  ssid=roaming channel=1 wpa=1 wpa_passphrase=bonewish wpa_pairwise=\"TKIP CCMP\"\n"
	"ap  ap2 pos=20,0 impl=hostapd ssid=roaming wpa=2 wpa_passphrase=bonewish state=down\n"
	"sta sta1 pos=8,0 ssid=roaming psk=bonewish proto=WPA set.roam_threshold=-70\n"
	"sta s{1..3} pos=1,1 step=2,0 impl=wpa_supplicant ssid=roaming psk=bonewish\n"
	"rule drop eapol=3 src=ap1 dst=sta1 count=2\n"
	"at 0s expect sta1 connected ap1 within 5s\n"
	"repeat 3 swap ap1 ap2\n"
	"  at +1s start ap2\n"
	"  at +1s stop ap1\n"
	"  at +0s expect sta1 connected ap2 within 2s\n"
	"end\n"
	"at +0s walk s{1..3} to 10,0 speed 1.5\n"
	"at +0s path sta1 1,1 2,2 3,3 speed 2\n"
	"at 30s ctl sta1 fault stale-aa\n"
	"expect sta1 roams >= 3\n"
	"expect ping sta1 server loss<=5%\n"
	"expect ap1 log \"invalid MIC in msg 2/4\" count >= 1\n"
	"expect no-key-reinstall\n"
	"expect sta1 events ROAM >= 2\n";

START_TEST(parse_good)
{
	char err[256] = "";
	struct sim_topo *t = sim_topo_parse("good.topo", good, err, sizeof(err));

	ck_assert_msg(t != NULL, "%s", err);
	ck_assert_int_eq(t->n_nodes, 6);
	ck_assert_str_eq(t->nodes[0].name, "ap1");
	ck_assert_str_eq(sim_kv_get(&t->nodes[0], "wpa_pairwise"), "TKIP CCMP");
	ck_assert(t->nodes[1].start_down);
	ck_assert_int_eq(t->nodes[1].impl, SIM_IMPL_HOSTAPD);
	ck_assert_str_eq(t->nodes[4].name, "s2");
	ck_assert(t->nodes[4].pos.x == 3.0 && t->nodes[4].pos.y == 1.0);
	ck_assert(t->model.exponent == 3.5 && t->model.noise_dbm == -92);
	ck_assert_uint_eq(t->model.seed, 7);
	ck_assert_int_eq(t->rules.n, 1);
	ck_assert(t->rules.v[0].match_eapol && t->rules.v[0].eapol == EAPOL_MSG_PTK_3);
	ck_assert_int_eq(t->rules.v[0].count, 2);
	ck_assert_mem_eq(t->rules.v[0].src, t->nodes[0].mac, 6);
	/* 1 + 3 passes x 3 steps + 3 walks + 1 path + 1 ctl */
	ck_assert_int_eq(t->n_steps, 1 + 9 + 3 + 1 + 1);
	/* pass 2 swaps ap1 and ap2 */
	ck_assert_int_eq(t->steps[1].kind, SIM_STEP_START);
	ck_assert_int_eq(t->steps[1].node, 1);
	ck_assert_int_eq(t->steps[4].node, 0);
	ck_assert_int_eq(t->steps[4].iter, 2);
	ck_assert_int_eq(t->steps[6].ex.node2, 0);
	ck_assert_int_eq(t->steps[9].ex.node2, 1);
	ck_assert(t->steps[3].ex.within_us == 2000000);
	ck_assert_int_eq(t->steps[10].kind, SIM_STEP_WALK);
	ck_assert(!t->steps[10].rel || t->steps[11].rel);
	ck_assert_int_eq(t->steps[13].npts, 3);
	ck_assert_int_eq(t->steps[14].kind, SIM_STEP_CTL);
	ck_assert_str_eq(t->steps[14].text, "fault stale-aa");
	ck_assert_int_eq(t->n_expects, 5);
	ck_assert_int_eq(t->expects[1].kind, SIM_EXPECT_PING_LOSS);
	ck_assert(t->expects[1].value == 5.0 && t->expects[1].cmp == SIM_CMP_LE);
	ck_assert_int_eq(t->n_pings, 1);
	ck_assert_str_eq(t->expects[2].text, "invalid MIC in msg 2/4");
	ck_assert_int_eq(t->expects[4].kind, SIM_EXPECT_EVENT_COUNT);
	sim_topo_free(t);
}
END_TEST

/* Each case: a file with one problem, the line and key it is reported at,
 * and a word of the message. */
#define AP "ap a pos=0,0 ssid=x\n"
#define APS AP "sta s pos=1,1 ssid=x\n"
static const struct {
	const char *text;
	int line;
	const char *key;
	const char *msg;
} bad[] = {
	{ AP "foo bar\n", 2, "foo", "unknown statement" },
	{ "ap a ssid=x\n", 1, "pos", "expected pos=X,Y" },
	{ "ap a pos=0 ssid=x\n", 1, "pos", "expected X,Y in metres, got '0'" },
	{ "ap a pos=0,0\n", 1, "ssid", "expected ssid= or conf=" },
	{ "ap a pos=0,0 ssid=x impl=wpa_supplicant\n", 1, "impl", "expected roamlab or hostapd" },
	{ "ap a pos=0,0 ssid=x colour=red\n", 1, "colour", "unknown ap key" },
	{ "ap a pos=0,0 ssid=x interface=wlan9\n", 1, "interface", "unknown ap key" },
	{ AP "ap a pos=1,1 ssid=x\n", 2, "name", "already defined (line 1)" },
	{ AP "sta a pos=1,1 ssid=x\n", 2, "name", "already defined" },
	{ AP "ap server pos=1,1 ssid=x\n", 2, "name", "reserved" },
	{ "medium exponent=12\n" AP, 1, "exponent", "expected 1..8, got '12'" },
	{ "medium model=ray-tracing\n" AP, 1, "model", "free-space or log-distance" },
	{ AP "at 1x stop a\n", 2, "at", "expected a time like 2s" },
	{ AP "at 1s stop b\n", 2, "stop", "unknown node 'b'" },
	{ AP "at 1s fly a\n", 2, "fly", "unknown step 'fly'" },
	{ APS "at 1s expect s connected a\n", 3, "expect", "needs 'within T'" },
	{ APS "at 1s expect s connected a within 5x\n", 3, "expect", "'within' expects a duration" },
	{ APS "expect s connected a within 2s\n", 3, "expect", "belongs to a timeline expect" },
	{ APS "expect s roams about 3\n", 3, "expect", "expected an operator" },
	{ AP "repeat 2\nat +1s stop a\n", 2, "repeat", "repeat without 'end'" },
	{ AP "repeat 0\nat +1s stop a\nend\n", 2, "repeat", "expected a count 1..1000" },
	{ AP "end\n", 2, "end", "'end' without 'repeat'" },
	{ AP "rule smash type=data\n", 2, "rule", "expected an action" },
	{ AP "rule drop eapol=7\n", 2, "rule", "eapol= expects 1, 2, 3, 4, g1, g2 or any" },
	{ AP "rule drop src=nobody\n", 2, "rule", "src= expects a node name or MAC" },
	{ AP "ap b pos=0,0 ssid=\"x\n", 2, "line", "unclosed double quote" },
	{ APS "at 0s walk s to 1,1 speed -1\n", 3, "walk", "expected 'speed V'" },
	{ APS "at 0s move s to 1;1\n", 3, "move", "expected 'move NODE to X,Y'" },
	{ APS "at 0s path s 1,1 2,q speed 1\n", 3, "path", "expected a point X,Y, got '2,q'" },
	/* a sta step naming an ap, and the other way round */
	{ APS "at 0s start s\n", 3, "start", "'start' expects an ap, 's' is a sta" },
	{ APS "expect a roams >= 1\n", 3, "expect", "'roams' expects a sta, 'a' is an ap" },
	{ APS "expect a disconnected\n", 3, "expect", "'disconnected' expects a sta" },
	{ APS "ping a\n", 3, "ping", "'ping' expects a sta" },
	{ APS "expect a connected a\n", 3, "expect", "'connected' expects a sta" },
	{ APS "repeat 2 swap a s\nat +1s log x\nend\n", 3, "repeat", "two different nodes of one role" },
	/* times from the start do not go backwards */
	{ AP "at 5s log x\nat 2s log y\n", 3, "at", "2s goes backwards" },
	{ AP "at 1s log x\nat +5s log x\nat 3s log y\n", 4, "at", "3s goes backwards" },
	{ AP "repeat 2\nat 1s log x\nat +1s log y\nend\n", 3, "at", "inside 'repeat' write +T" },
	{ AP "repeat 3\nat +2s log x\nend\nat 5s log y\n", 5, "at", "5s goes backwards" },
	{ "# nothing\n", 1, "ap", "no nodes" },
	{ AP "ap averyveryverylongname pos=0,0 ssid=x\n", 2, "name", "bad node name" },
	/* hostapd.conf keys, with roamlab-ap's rules (common/conf_keys.c) */
	{ "ap a pos=0,0 ssid=x channel=0\n", 1, "channel", "automatic channel selection" },
	{ "ap a pos=0,0 ssid=x channel=300\n", 1, "channel", "300 is out of range (expected 1..196)" },
	{ "ap a pos=0,0 ssid=x channel=36\n", 1, "channel", "channel 36 is not valid for hw_mode=g" },
	{ "ap a pos=0,0 ssid=x hw_mode=b channel=14 hw_mode=a\n", 0, NULL, NULL },	/* ok */
	{ "ap a pos=0,0 ssid=x hw_mode=n\n", 1, "hw_mode", "unknown mode 'n'" },
	{ "ap a pos=0,0 ssid=x wpa=4 wpa_passphrase=12345678\n", 1, "wpa", "4 is out of range (expected 0..3)" },
	{ "ap a pos=0,0 ssid=x wpa=2\n", 1, "wpa", "wpa=2 needs wpa_passphrase or wpa_psk" },
	{ "ap a pos=0,0 ssid=x wpa=2 wpa_passphrase=short\n", 1, "wpa_passphrase", "passphrase length 5 is invalid (expected 8..63)" },
	{ "ap a pos=0,0 ssid=x wpa=2 wpa_psk=0123\n", 1, "wpa_psk", "64 hex digits" },
	{ "ap a pos=0,0 ssid=x wpa_pairwise=\"TKIP WEP\"\n", 1, "wpa_pairwise", "unknown cipher 'WEP'" },
	{ "ap a pos=0,0 ssid=x rsn_pairwise=GCMP\n", 1, "rsn_pairwise", "cipher 'GCMP' is not supported" },
	{ "ap a pos=0,0 ssid=x wpa_key_mgmt=FT-SAE\n", 1, "wpa_key_mgmt", "'FT-SAE' is not supported (only WPA-PSK, WPA-PSK-SHA256 and SAE)" },
	{ "ap a pos=0,0 ssid=x wpa_key_mgmt=WPA-FOO\n", 1, "wpa_key_mgmt", "unknown key management 'WPA-FOO'" },
	{ "ap a pos=0,0 ssid=x beacon_int=10\n", 1, "beacon_int", "10 is out of range (expected 15..65535)" },
	{ "ap a pos=0,0 ssid=x auth_algs=2\n", 1, "auth_algs", "shared key authentication alone" },
	{ "ap a pos=0,0 ssid=x country_code=usa\n", 1, "country_code", "two-letter" },
	{ "ap a pos=0,0 ssid=0123456789012345678901234567890123\n", 1, "ssid", "must be 1..32 bytes, got 34" },
	{ "ap a pos=0,0 ssid=x impl=hostapd eapol_key_timeout=500\n", 1, "eapol_key_timeout", "roamlab-ap extension" },
	{ "ap a pos=0,0 ssid=x fault=explode\n", 1, "fault", "unknown fault 'explode'" },
	{ "ap a pos=0,0 ssid=x fault=\"drop-msg 7\"\n", 1, "fault", "bad message '7'" },
	/* wpa_supplicant.conf network keys, with roamlab-sta's rules */
	{ AP "sta s pos=1,1 ssid=x psk=short\n", 2, "psk", "passphrase must be 8..63 characters" },
	{ AP "sta s pos=1,1 ssid=x psk=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", 2, "psk", "64 hex digits" },
	{ AP "sta s pos=1,1 ssid=0123456789012345678901234567890123\n", 2, "ssid", "length 34 not in 1..32" },
	{ AP "sta s pos=1,1 ssid=x psk=12345678 proto=WPA3\n", 2, "proto", "unsupported value 'WPA3'" },
	{ AP "sta s pos=1,1 ssid=x psk=12345678 pairwise=FOO\n", 2, "pairwise", "unknown cipher 'FOO'" },
	{ AP "sta s pos=1,1 ssid=x psk=12345678 group=WEP40\n", 2, "group", "'WEP40' is not allowed" },
	{ AP "sta s pos=1,1 ssid=x psk=12345678 key_mgmt=WPA-EAP\n", 2, "key_mgmt", "unsupported value 'WPA-EAP'" },
	{ AP "sta s pos=1,1 ssid=x key_mgmt=WPA-PSK\n", 2, "psk", "key_mgmt WPA-PSK needs a psk" },
	{ AP "sta s pos=1,1 ssid=x bssid=zz\n", 2, "bssid", "not a MAC address" },
	{ AP "sta s pos=1,1 ssid=x scan_ssid=2\n", 2, "scan_ssid", "2 is out of range (expected 0..1)" },
	/* station faults, with roamlab-sta's fault parser */
	{ AP "sta s pos=1,1 ssid=x fault=explode\n", 2, "fault", "unknown fault 'explode'" },
	{ AP "sta s pos=1,1 ssid=x fault=\"drop-msg 3\"\n", 2, "fault", "bad message '3' for the station (expected 2, 4 or g2)" },
	{ AP "sta s pos=1,1 ssid=x impl=wpa_supplicant fault=stale-aa\n", 2, "fault", "faults need impl=roamlab" },
	{ APS "at 1s ctl s fault explode\n", 3, "fault", "unknown fault 'explode'" },
	{ APS "at 1s ctl s fault clear nosuch\n", 3, "fault", "unknown fault 'nosuch'" },
	{ APS "at 1s ctl a fault drop-msg 9\n", 3, "fault", "bad message '9'" },
};

START_TEST(parse_bad)
{
	struct sim_diags d = { 0 };
	struct sim_topo *t = sim_topo_check_text("bad.topo", bad[_i].text, &d);

	if (!bad[_i].key) {
		ck_assert_msg(t != NULL, "case %d: %zu errors, first '%s'", _i, d.n,
			      d.n ? d.v[0].msg : "");
		sim_topo_free(t);
		return;
	}
	ck_assert_msg(t == NULL, "case %d parsed", _i);
	ck_assert_msg(d.n == 1, "case %d: %zu errors, first %d %s '%s'", _i, d.n,
		      d.v[0].line, d.v[0].key, d.v[0].msg);
	ck_assert_str_eq(d.v[0].file, "bad.topo");
	ck_assert_int_eq(d.v[0].line, bad[_i].line);
	ck_assert_str_eq(d.v[0].key, bad[_i].key);
	ck_assert_msg(strstr(d.v[0].msg, bad[_i].msg), "case %d: message '%s', want '%s'", _i,
		      d.v[0].msg, bad[_i].msg);
	sim_diags_free(&d);
}
END_TEST

static bool has_diag(const struct sim_diags *d, int line, const char *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && !strcmp(d->v[i].key, key))
			return true;
	return false;
}

/* The example: two bad values on line 1, a bad position on line 2:
 * three errors, each with its line and key. */
START_TEST(every_error_reported)
{
	struct sim_diags d = { 0 };
	struct sim_topo *t = sim_topo_check_text("ex.topo",
		"ap ap1 pos=0,0 ssid=x channel=99 wpa=7\n"
		"sta s1 pos=1;1 ssid=x\n", &d);

	ck_assert_ptr_null(t);
	ck_assert_uint_eq(d.n, 3);
	ck_assert(has_diag(&d, 1, "channel"));
	ck_assert(has_diag(&d, 1, "wpa"));
	ck_assert(has_diag(&d, 2, "pos"));
	sim_diags_free(&d);
}
END_TEST

/* A bad line is skipped and the rest is still checked, references too: the
 * node of a line with a bad value still exists for later lines. */
START_TEST(keeps_going)
{
	struct sim_diags d = { 0 };
	struct sim_topo *t = sim_topo_check_text("k.topo",
		"bogus\n"
		"ap a pos=0,0 ssid=x wpa=9\n"
		"sta s pos=1,1 ssid=x psk=short\n"
		"at 1s walk s to 3,3 speed 1\n"
		"at 2s stop nobody\n"
		"at 1s log backwards\n"
		"expect s connected a within 2s\n"
		"repeat 2\n", &d);

	ck_assert_ptr_null(t);
	ck_assert_uint_eq(d.n, 7);
	ck_assert(has_diag(&d, 1, "bogus"));
	ck_assert(has_diag(&d, 2, "wpa"));
	ck_assert(has_diag(&d, 3, "psk"));
	ck_assert(has_diag(&d, 5, "stop"));
	ck_assert(has_diag(&d, 6, "at"));
	ck_assert(has_diag(&d, 7, "expect"));
	ck_assert(has_diag(&d, 8, "repeat"));
	ck_assert(!has_diag(&d, 4, "walk"));
	sim_diags_free(&d);
}
END_TEST

/* The string form: one "file:line: key: message" line per problem. */
START_TEST(string_form)
{
	char err[512];
	struct sim_topo *t = sim_topo_parse("s.topo", "ap a pos=0,0 ssid=x wpa=9 channel=x\n",
					    err, sizeof(err));

	ck_assert_ptr_null(t);
	ck_assert_str_eq(err, "s.topo:1: wpa: 9 is out of range (expected 0..3)\n"
			 "s.topo:1: channel: 'x' is not a number");
	ck_assert_ptr_null(sim_topo_load("/nonexistent.topo", err, sizeof(err)));
	ck_assert_str_eq(err, "/nonexistent.topo: file: No such file or directory");
}
END_TEST

/* Every shipped topology checks clean (tests run at the repo root). */
START_TEST(shipped_topologies_clean)
{
	glob_t g;
	size_t n = 0;

	ck_assert_int_eq(glob("topologies/*.topo", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct sim_diags d = { 0 };
		struct sim_topo *t = sim_topo_check_file(g.gl_pathv[i], &d);

		ck_assert_msg(t != NULL, "%s:%d: %s: %s", g.gl_pathv[i], d.n ? d.v[0].line : 0,
			      d.n ? d.v[0].key : "", d.n ? d.v[0].msg : "");
		ck_assert_uint_eq(d.n, 0);
		sim_topo_free(t);
		n++;
	}
	globfree(&g);
	ck_assert_uint_ge(n, 7);
}
END_TEST

START_TEST(durations_and_macs)
{
	uint64_t us;
	uint8_t a[6], b[6], c[6];

	ck_assert_int_eq(sim_parse_duration("1.5s", &us), 0);
	ck_assert_uint_eq(us, 1500000);
	ck_assert_int_eq(sim_parse_duration("250ms", &us), 0);
	ck_assert_uint_eq(us, 250000);
	ck_assert_int_ne(sim_parse_duration("5", &us), 0);
	ck_assert_int_ne(sim_parse_duration("-1s", &us), 0);
	sim_name_mac("ap1", a);
	sim_name_mac("ap1", b);
	sim_name_mac("ap2", c);
	ck_assert_mem_eq(a, b, 6);
	ck_assert(memcmp(a, c, 6) != 0);
	ck_assert(a[0] == 0x02);	/* locally administered, unicast */
}
END_TEST

static Suite *topo_suite(void)
{
	Suite *s = suite_create("sim_topo");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, parse_good);
	tcase_add_loop_test(tc, parse_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, every_error_reported);
	tcase_add_test(tc, keeps_going);
	tcase_add_test(tc, string_form);
	tcase_add_test(tc, shipped_topologies_clean);
	tcase_add_test(tc, durations_and_macs);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(topo_suite)
