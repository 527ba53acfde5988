// SPDX-License-Identifier: MIT
/* Topology parser: a full file, repeat/swap expansion, ranges, and every
 * error naming file:line and what was expected. */
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
	ck_assert(t->rules.v[0].match_eapol && t->rules.v[0].eapol == SIM_EAPOL_M3);
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

static const struct {
	const char *text;
	const char *err;
} bad[] = {
	{ "ap a pos=0,0 ssid=x\nfoo bar\n", "bad.topo:2: unknown statement 'foo'" },
	{ "ap a ssid=x\n", "bad.topo:1: ap a: expected pos=X,Y" },
	{ "ap a pos=0 ssid=x\n", "bad.topo:1: pos= expects X,Y in metres, got '0'" },
	{ "ap a pos=0,0\n", "bad.topo:1: ap a: expected ssid= or conf=" },
	{ "ap a pos=0,0 ssid=x impl=wpa_supplicant\n",
	  "bad.topo:1: impl= expects roamlab or hostapd for ap, got 'wpa_supplicant'" },
	{ "ap a pos=0,0 ssid=x colour=red\n", "bad.topo:1: unknown ap key 'colour'" },
	{ "ap a pos=0,0 ssid=x\nap a pos=1,1 ssid=x\n", "bad.topo:2: node 'a' is already defined" },
	{ "medium exponent=12\nap a pos=0,0 ssid=x\n", "bad.topo:1: exponent= expects 1..8, got '12'" },
	{ "medium model=ray-tracing\n", "bad.topo:1: model= expects free-space or log-distance" },
	{ "ap a pos=0,0 ssid=x\nat 1x stop a\n", "bad.topo:2: expected a time like 2s, 500ms or +1s, got '1x'" },
	{ "ap a pos=0,0 ssid=x\nat 1s stop b\n", "bad.topo:2: unknown node 'b'" },
	{ "ap a pos=0,0 ssid=x\nat 1s fly a\n", "bad.topo:2: unknown step 'fly'" },
	{ "ap a pos=0,0 ssid=x\nsta s pos=1,1 ssid=x\nat 1s expect s connected a\n",
	  "bad.topo:3: a timeline expect needs 'within T' at its end" },
	{ "ap a pos=0,0 ssid=x\nsta s pos=1,1 ssid=x\nexpect s connected a within 2s\n",
	  "bad.topo:3: 'within' belongs to a timeline expect" },
	{ "ap a pos=0,0 ssid=x\nsta s pos=1,1 ssid=x\nexpect s roams about 3\n",
	  "bad.topo:3: expected an operator" },
	{ "ap a pos=0,0 ssid=x\nrepeat 2\nat +1s stop a\n", "bad.topo:2: repeat without 'end'" },
	{ "ap a pos=0,0 ssid=x\nend\n", "bad.topo:2: 'end' without 'repeat'" },
	{ "ap a pos=0,0 ssid=x\nrule smash type=data\n", "bad.topo:2: expected an action" },
	{ "ap a pos=0,0 ssid=x\nrule drop eapol=7\n", "bad.topo:2: eapol= expects 1, 2, 3, 4, g1, g2 or any" },
	{ "ap a pos=0,0 ssid=x\nrule drop src=nobody\n", "bad.topo:2: src= expects a node name or MAC" },
	{ "ap a pos=0,0 ssid=\"x\n", "bad.topo:1: unclosed double quote" },
	{ "ap a pos=0,0 ssid=x\nsta s pos=1,1 ssid=x\nat 0s walk s to 1,1 speed -1\n",
	  "bad.topo:3: expected 'speed V'" },
	{ "ap a pos=0,0 ssid=x\nsta s pos=1,1 ssid=x\nat 0s start s\n",
	  "bad.topo:3: 'start' applies to an ap, 's' is a sta" },
	{ "# nothing\n", "bad.topo:1: no nodes" },
	{ "ap averyveryverylongname pos=0,0 ssid=x\n", "bad.topo:1: bad node name" },
};

START_TEST(parse_bad)
{
	char err[256] = "";
	struct sim_topo *t = sim_topo_parse("bad.topo", bad[_i].text, err, sizeof(err));

	ck_assert_msg(t == NULL, "case %d parsed", _i);
	ck_assert_msg(strncmp(err, bad[_i].err, strlen(bad[_i].err)) == 0,
		      "case %d: got '%s', want '%s...'", _i, err, bad[_i].err);
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
	tcase_add_test(tc, durations_and_macs);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(topo_suite)
