// SPDX-License-Identifier: MIT
/* Path loss, SNR -> loss, rules matching, mobility with a fake clock. */
#include <math.h>
#include <string.h>

#include "../../sim/frame.h"
#include "../../sim/mobility.h"
#include "../../sim/model.h"
#include "../../sim/rules.h"
#include "unit.h"

START_TEST(free_space)
{
	struct sim_model m;

	sim_model_defaults(&m);
	m.kind = SIM_MODEL_FREE_SPACE;
	/* Friis at 2412 MHz: 40.1 dB at 1 m, +20 dB per decade */
	ck_assert(fabs(sim_model_path_loss(&m, 1, 2412) - 40.10) < 0.05);
	ck_assert(fabs(sim_model_path_loss(&m, 10, 2412) - 60.10) < 0.05);
	ck_assert(fabs(sim_model_path_loss(&m, 100, 5180) - 86.74) < 0.05);
	/* clamped below 0.1 m */
	ck_assert(sim_model_path_loss(&m, 0, 2412) == sim_model_path_loss(&m, 0.1, 2412));
}
END_TEST

START_TEST(log_distance)
{
	struct sim_model m;
	uint8_t a[6] = { 2, 0, 0, 0, 0, 1 }, b[6] = { 2, 0, 0, 0, 0, 2 };

	sim_model_defaults(&m);
	m.exponent = 3;
	m.ref_loss_db = 40;
	ck_assert(fabs(sim_model_path_loss(&m, 1, 2412) - 40) < 1e-9);
	ck_assert(fabs(sim_model_path_loss(&m, 10, 2412) - 70) < 1e-9);
	ck_assert(fabs(sim_model_path_loss(&m, 100, 2412) - 100) < 1e-9);
	ck_assert(fabs(sim_model_signal(&m, 20, 10, 2412, a, b) - (-50)) < 1e-9);
	/* shadowing: symmetric, fixed per pair and seed, changes with seed */
	m.shadowing_db = 4;
	double s1 = sim_model_shadowing(&m, a, b), s2 = sim_model_shadowing(&m, b, a);

	ck_assert(s1 == s2 && s1 != 0);
	m.seed = 2;
	ck_assert(sim_model_shadowing(&m, a, b) != s1);
}
END_TEST

START_TEST(snr_to_loss)
{
	/* monotonic in SNR, harder at higher rates and for longer frames */
	double p_lo = sim_model_success_prob(0, 540, 1500);
	double p_hi = sim_model_success_prob(40, 540, 1500);

	ck_assert(p_lo < 0.01 && p_hi > 0.99);
	ck_assert(sim_model_success_prob(10, 10, 1000) > sim_model_success_prob(10, 540, 1000));
	ck_assert(sim_model_success_prob(21, 540, 100) > sim_model_success_prob(21, 540, 1500));
	ck_assert(fabs(sim_model_success_prob(21, 540, 1000) - 0.5) < 1e-9);
	ck_assert_uint_eq(sim_rate_100kbps(2412, 0), 10);
	ck_assert_uint_eq(sim_rate_100kbps(2412, 11), 540);
	ck_assert_uint_eq(sim_rate_100kbps(5180, 0), 60);
	ck_assert_uint_eq(sim_rate_100kbps(5180, 8), 0);
	ck_assert_uint_eq(sim_rate_100kbps(2412, -1), 0);
}
END_TEST

/* A data frame carrying an EAPOL-Key with key_info ki and key data length */
static size_t eapol_frame(uint8_t *f, const uint8_t da[6], const uint8_t sa[6],
			  uint16_t ki, uint16_t kdlen)
{
	static const uint8_t llc[8] = { 0xaa, 0xaa, 3, 0, 0, 0, 0x88, 0x8e };
	size_t len = 24 + 8 + 4 + 95 + kdlen;

	memset(f, 0, len);
	f[0] = 0x08;		/* data */
	memcpy(f + 4, da, 6);
	memcpy(f + 10, sa, 6);
	memcpy(f + 16, sa, 6);
	memcpy(f + 24, llc, 8);
	f[32] = 1;
	f[33] = 3;		/* EAPOL-Key */
	f[34] = (95 + kdlen) >> 8;	/* body length */
	f[35] = (95 + kdlen) & 0xff;
	f[36] = 2;		/* RSN descriptor */
	f[37] = ki >> 8;
	f[38] = ki & 0xff;
	f[36 + 93] = kdlen >> 8;
	f[36 + 94] = kdlen & 0xff;
	return len;
}

static const uint8_t AP[6] = { 2, 0x52, 0x4c, 0, 0, 1 }, STA[6] = { 2, 0x52, 0x4c, 0, 0, 2 };

START_TEST(eapol_classify)
{
	uint8_t f[300];
	struct sim_frame_info fi;

	/* key_info: pairwise 0x8, ack 0x80, mic 0x100, install 0x40, secure 0x200 */
	ck_assert(sim_frame_parse(f, eapol_frame(f, STA, AP, 0x008a, 0), &fi));
	ck_assert_int_eq(fi.eapol, EAPOL_MSG_PTK_1);
	ck_assert(sim_frame_parse(f, eapol_frame(f, AP, STA, 0x010a, 22), &fi));
	ck_assert_int_eq(fi.eapol, EAPOL_MSG_PTK_2);
	ck_assert(sim_frame_parse(f, eapol_frame(f, STA, AP, 0x13ca, 56), &fi));
	ck_assert_int_eq(fi.eapol, EAPOL_MSG_PTK_3);
	ck_assert(sim_frame_parse(f, eapol_frame(f, AP, STA, 0x030a, 0), &fi));
	ck_assert_int_eq(fi.eapol, EAPOL_MSG_PTK_4);
	ck_assert(sim_frame_parse(f, eapol_frame(f, STA, AP, 0x1382, 32), &fi));
	ck_assert_int_eq(fi.eapol, EAPOL_MSG_GROUP_1);
	ck_assert(sim_frame_parse(f, eapol_frame(f, AP, STA, 0x0302, 0), &fi));
	ck_assert_int_eq(fi.eapol, EAPOL_MSG_GROUP_2);
	/* truncated by one byte: not an EAPOL-Key any more, and no overread */
	size_t len = eapol_frame(f, STA, AP, 0x008a, 0);

	ck_assert(sim_frame_parse(f, len - 1, &fi));
	ck_assert_int_eq(fi.eapol, EAPOL_MSG_UNKNOWN);
	for (size_t l = 0; l < 24; l++)
		ck_assert(!sim_frame_parse(f, l, &fi) || l >= 10);
}
END_TEST

START_TEST(rules_match)
{
	char *argv[] = { "drop", "eapol=3", "src=02:52:4c:00:00:01", "count=2" };
	struct sim_rules rs;
	struct sim_rule r;
	struct sim_rule_verdict v;
	struct sim_frame_info m1, m3;
	uint8_t f1[300], f3[300];
	char err[200];
	struct rng g;

	rng_seed(&g, 1);
	ck_assert_int_eq(sim_rule_parse(4, argv, NULL, NULL, &r, err, sizeof(err)), 0);
	sim_rules_init(&rs);
	sim_rules_add(&rs, &r);
	sim_frame_parse(f1, eapol_frame(f1, STA, AP, 0x008a, 0), &m1);
	sim_frame_parse(f3, eapol_frame(f3, STA, AP, 0x13ca, 56), &m3);
	ck_assert(!sim_rule_matches(&rs.v[0], &m1, AP));
	ck_assert(sim_rule_matches(&rs.v[0], &m3, AP));
	ck_assert(!sim_rule_matches(&rs.v[0], &m3, STA) || memcmp(m3.a2, AP, 6) == 0);
	/* count=2: the first two msg 3/4 are dropped, the third passes */
	sim_rules_apply(&rs, &m3, AP, &g, &v);
	ck_assert(v.drop);
	sim_rules_apply(&rs, &m1, AP, &g, &v);
	ck_assert(!v.drop);
	sim_rules_apply(&rs, &m3, AP, &g, &v);
	ck_assert(v.drop);
	sim_rules_apply(&rs, &m3, AP, &g, &v);
	ck_assert(!v.drop);
	ck_assert_uint_eq(rs.v[0].hits, 2);
	/* probability: about half of 10000 frames */
	char *argv2[] = { "corrupt", "type=data", "prob=50%" };

	sim_rules_clear(&rs);
	ck_assert_int_eq(sim_rule_parse(3, argv2, NULL, NULL, &r, err, sizeof(err)), 0);
	sim_rules_add(&rs, &r);
	int hits = 0;

	for (int i = 0; i < 10000; i++) {
		sim_rules_apply(&rs, &m1, AP, &g, &v);
		hits += v.corrupt;
	}
	ck_assert_msg(hits > 4700 && hits < 5300, "%d", hits);
	/* subtype filter */
	char *argv3[] = { "delay=20", "subtype=beacon" };

	ck_assert_int_eq(sim_rule_parse(2, argv3, NULL, NULL, &r, err, sizeof(err)), 0);
	ck_assert_int_eq(r.type, SIM_FT_MGMT);
	ck_assert_int_eq(r.subtype, 8);
	ck_assert(!sim_rule_matches(&r, &m1, AP));
	char *argv4[] = { "delay=abc" };

	ck_assert_int_ne(sim_rule_parse(1, argv4, NULL, NULL, &r, err, sizeof(err)), 0);
	sim_rules_free(&rs);
}
END_TEST

START_TEST(mobility_fake_clock)
{
	struct sim_motion m;
	struct sim_point p, to[2] = { { 10, 0 }, { 10, 10 } };

	sim_motion_init(&m, 0, 0);
	ck_assert_int_eq(sim_motion_walk(&m, 1000000, to, 2, 2.0), 0);
	p = sim_motion_pos(&m, 500000);		/* before the walk starts */
	ck_assert(p.x == 0 && p.y == 0);
	p = sim_motion_pos(&m, 1000000 + 2500000);	/* 5 m along */
	ck_assert(fabs(p.x - 5) < 1e-9 && fabs(p.y) < 1e-9);
	p = sim_motion_pos(&m, 1000000 + 7500000);	/* 15 m: corner + 5 */
	ck_assert(fabs(p.x - 10) < 1e-9 && fabs(p.y - 5) < 1e-9);
	ck_assert(sim_motion_moving(&m, 1000000 + 7500000));
	ck_assert_uint_eq(sim_motion_end_us(&m), 11000000);
	p = sim_motion_pos(&m, 60000000);
	ck_assert(p.x == 10 && p.y == 10);
	ck_assert(!sim_motion_moving(&m, 60000000));
	/* a new walk starts where the node is now */
	struct sim_point back = { 0, 0 };

	ck_assert_int_eq(sim_motion_walk(&m, 3000000, &back, 1, 1.0), 0);
	p = sim_motion_pos(&m, 3000000);
	ck_assert(fabs(p.x - 4) < 1e-9);
	p = sim_motion_pos(&m, 5000000);
	ck_assert(fabs(p.x - 2) < 1e-9);
	sim_motion_move(&m, 5000000, 7, 7);
	p = sim_motion_pos(&m, 9000000);
	ck_assert(p.x == 7 && p.y == 7);
	ck_assert_int_ne(sim_motion_walk(&m, 0, &back, 1, 0), 0);
}
END_TEST

static Suite *model_suite(void)
{
	Suite *s = suite_create("sim_model");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, free_space);
	tcase_add_test(tc, log_distance);
	tcase_add_test(tc, snr_to_loss);
	tcase_add_test(tc, eapol_classify);
	tcase_add_test(tc, rules_match);
	tcase_add_test(tc, mobility_fake_clock);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(model_suite)
