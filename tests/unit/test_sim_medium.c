// SPDX-License-Identifier: MIT
/* The medium with fake ops and a fake clock: who receives, at what signal,
 * TX status and retries, rules; and validation of hwsim netlink messages,
 * malformed ones included. */
#include <errno.h>
#include <linux/genetlink.h>
#include <math.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <string.h>

#include "../../sim/medium.h"
#include "../../sim/medium_nl.h"
#include "loop.h"
#include "unit.h"

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
	return fake_now;
}

struct rx {
	uint8_t addr[6];
	int32_t signal;
	size_t len;
	uint8_t fc1;
};

static struct rx rxs[64];
static int n_rx;
static uint32_t st_flags;
static struct hwsim_tx_rate st_rates[HWSIM_TX_MAX_RATES];
static int n_status;

static int fake_deliver(void *ctx, const uint8_t rx[6], const uint8_t *frame, size_t len,
			uint32_t rate_idx, int32_t signal, uint32_t freq)
{
	if (n_rx < 64) {
		memcpy(rxs[n_rx].addr, rx, 6);
		rxs[n_rx].signal = signal;
		rxs[n_rx].len = len;
		rxs[n_rx].fc1 = frame[1];
		n_rx++;
	}
	return 0;
}

static int fake_status(void *ctx, const uint8_t tx[6], uint32_t flags, uint64_t cookie,
		       int32_t ack_signal, const struct hwsim_tx_rate rates[HWSIM_TX_MAX_RATES])
{
	st_flags = flags;
	memcpy(st_rates, rates, sizeof(st_rates));
	n_status++;
	return 0;
}

static const struct sim_medium_ops fake_ops = { fake_deliver, fake_status, NULL };
static const uint8_t A[6] = { 2, 0x52, 0x4c, 0, 0, 1 }, B[6] = { 2, 0x52, 0x4c, 0, 0, 2 },
		     C[6] = { 2, 0x52, 0x4c, 0, 0, 3 };
static struct loop *lp;
static struct sim_medium *m;
static uint8_t frame[100];

static void setup(void)
{
	struct sim_model model;

	sim_model_defaults(&model);
	model.ref_loss_db = 40;
	lp = loop_new();
	loop_set_clock(lp, fake_clock, NULL);
	fake_now = 1000000;
	m = sim_medium_new(lp, &model, 1, &fake_ops, NULL);
	sim_medium_add_radio(m, "a", A, 0, 0, 20);
	sim_medium_add_radio(m, "b", B, 10, 0, 20);
	sim_medium_add_radio(m, "c", C, 1000, 0, 20);
	n_rx = 0;
	n_status = 0;
	memset(frame, 0, sizeof(frame));
	frame[0] = 0x08;	/* data */
}

static void teardown(void)
{
	sim_medium_free(m);
	loop_free(lp);
}

static void send_from(const uint8_t *tx, const uint8_t *da)
{
	struct sim_tx t = { .frame = frame, .len = sizeof(frame), .freq = 2412, .cookie = 7 };

	memcpy(t.transmitter, tx, 6);
	memcpy(frame + 4, da, 6);
	memcpy(frame + 10, tx, 6);
	t.rates[0].idx = 11;	/* 54 Mb/s */
	t.rates[0].count = 3;
	t.rates[1].idx = 0;	/* 1 Mb/s */
	t.rates[1].count = 2;
	t.rates[2].idx = -1;
	t.rates[3].idx = -1;
	sim_medium_tx(m, &t);
}

START_TEST(unicast_near_acked)
{
	send_from(A, B);
	ck_assert_int_eq(n_rx, 1);
	ck_assert_mem_eq(rxs[0].addr, B, 6);
	/* 20 dBm - (40 + 30 log10(10)) = -50 dBm */
	ck_assert_int_eq(rxs[0].signal, -50);
	ck_assert_int_eq(n_status, 1);
	ck_assert(st_flags & HWSIM_TX_STAT_ACK);
	ck_assert_int_eq(st_rates[0].count, 1);
	ck_assert_int_eq(st_rates[1].idx, -1);
}
END_TEST

START_TEST(unicast_far_retries_exhausted)
{
	send_from(A, C);
	ck_assert_int_eq(n_rx, 0);
	ck_assert_int_eq(n_status, 1);
	ck_assert(!(st_flags & HWSIM_TX_STAT_ACK));
	/* every try of the rate table was used */
	ck_assert_int_eq(st_rates[0].idx, 11);
	ck_assert_int_eq(st_rates[0].count, 3);
	ck_assert_int_eq(st_rates[1].idx, 0);
	ck_assert_int_eq(st_rates[1].count, 2);
	ck_assert_int_eq(m->st.lost, 5);
}
END_TEST

START_TEST(broadcast_to_others)
{
	static const uint8_t bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	send_from(B, bc);
	/* a at 10 m hears it; c at 990 m (-150 dBm) does not; b not itself */
	ck_assert_int_eq(n_rx, 1);
	ck_assert_mem_eq(rxs[0].addr, A, 6);
	ck_assert(!(st_flags & HWSIM_TX_STAT_ACK));
	ck_assert_int_eq(st_rates[0].count, 1);
}
END_TEST

START_TEST(mobility_changes_signal)
{
	struct sim_point to = { 100, 0 };

	sim_motion_walk(&m->radios[1].motion, fake_now, &to, 1, 10.0);
	fake_now += 9000000;	/* b is now at 100 m */
	double s = sim_medium_signal(m, 0, 1, 2412, fake_now);

	ck_assert(fabs(s - (-80)) < 1e-6);
	send_from(A, B);
	ck_assert_int_eq(n_rx, 1);
	ck_assert_int_eq(rxs[0].signal, -80);
}
END_TEST

START_TEST(rule_drop_and_duplicate)
{
	struct sim_rule r;
	char *drop[] = { "drop", "type=data", "dst=02:52:4c:00:00:02", "count=1" };
	char *dup[] = { "duplicate", "type=data" };
	char err[128];

	ck_assert_int_eq(sim_rule_parse(4, drop, NULL, NULL, &r, err, sizeof(err)), 0);
	sim_rules_add(&m->rules, &r);
	send_from(A, B);
	ck_assert_int_eq(n_rx, 0);
	ck_assert(!(st_flags & HWSIM_TX_STAT_ACK));
	ck_assert_int_eq(m->st.rule_drops, 1);
	send_from(A, B);
	ck_assert_int_eq(n_rx, 1);
	sim_rules_clear(&m->rules);
	ck_assert_int_eq(sim_rule_parse(2, dup, NULL, NULL, &r, err, sizeof(err)), 0);
	sim_rules_add(&m->rules, &r);
	n_rx = 0;
	send_from(A, B);
	ck_assert_int_eq(n_rx, 2);
	ck_assert(!(rxs[0].fc1 & 0x08) && (rxs[1].fc1 & 0x08));	/* copy has Retry */
}
END_TEST

START_TEST(extra_addresses_and_disabled)
{
	static const uint8_t vif[6] = { 2, 0, 0, 0, 9, 9 };

	ck_assert_int_eq(sim_medium_add_addr(m, B, vif), 0);
	send_from(A, vif);
	ck_assert_int_eq(n_rx, 1);
	ck_assert_mem_eq(rxs[0].addr, B, 6);	/* delivered to the radio */
	ck_assert_int_eq(sim_medium_del_addr(m, B, vif), 0);
	ck_assert_int_eq(sim_medium_add_addr(m, (const uint8_t *)"\x02\x00\x00\x00\x00\x77", vif),
			 -ENOENT);
	m->radios[1].enabled = false;
	n_rx = 0;
	send_from(A, B);
	ck_assert_int_eq(n_rx, 0);
	ck_assert_int_eq(sim_medium_add_radio(m, "dup", A, 0, 0, 20), -EEXIST);
}
END_TEST

/* ---- netlink validation ---- */

static struct nl_msg *frame_msg(int skip, int badlen_attr, bool dup)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct hwsim_tx_rate rates[4] = { { 0, 1 }, { -1, 0 }, { -1, 0 }, { -1, 0 } };
	uint8_t f[24] = { 0x80 };

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, HWSIM_CMD_FRAME, 1);
	if (skip != HWSIM_ATTR_ADDR_TRANSMITTER)
		nla_put(msg, HWSIM_ATTR_ADDR_TRANSMITTER,
			badlen_attr == HWSIM_ATTR_ADDR_TRANSMITTER ? 5 : 6, A);
	if (skip != HWSIM_ATTR_FRAME)
		nla_put(msg, HWSIM_ATTR_FRAME, badlen_attr == HWSIM_ATTR_FRAME ? 4 : 24, f);
	if (skip != HWSIM_ATTR_FLAGS)
		nla_put(msg, HWSIM_ATTR_FLAGS, badlen_attr == HWSIM_ATTR_FLAGS ? 2 : 4, "\0\0\0\0");
	if (skip != HWSIM_ATTR_COOKIE)
		nla_put(msg, HWSIM_ATTR_COOKIE, badlen_attr == HWSIM_ATTR_COOKIE ? 4 : 8,
			"\1\0\0\0\0\0\0\0");
	if (skip != HWSIM_ATTR_TX_INFO)
		nla_put(msg, HWSIM_ATTR_TX_INFO, badlen_attr == HWSIM_ATTR_TX_INFO ? 6 : 8, rates);
	nla_put_u32(msg, HWSIM_ATTR_FREQ, 2412);
	if (badlen_attr == HWSIM_ATTR_FREQ)
		nla_put(msg, HWSIM_ATTR_TX_INFO_FLAGS, 3, "abc");
	if (dup)
		nla_put_u32(msg, HWSIM_ATTR_FREQ, 2437);
	return msg;
}

START_TEST(nl_valid_frame)
{
	struct nl_msg *msg = frame_msg(0, 0, false);
	struct sim_medium_parsed p;
	char why[128];

	ck_assert_int_eq(sim_medium_parse_msg(nlmsg_hdr(msg), &p, why, sizeof(why)), 0);
	ck_assert_int_eq(p.kind, SIM_MSG_FRAME);
	ck_assert_mem_eq(p.tx.transmitter, A, 6);
	ck_assert_uint_eq(p.tx.len, 24);
	ck_assert_uint_eq(p.tx.freq, 2412);
	ck_assert_uint_eq(p.tx.cookie, 1);
	ck_assert_int_eq(p.tx.rates[1].idx, -1);
	/* and it goes through the medium: a beacon-like frame from a */
	ck_assert_int_eq(sim_medium_handle_msg(m, nlmsg_hdr(msg)), 0);
	ck_assert_int_eq(n_status, 1);
	nlmsg_free(msg);
}
END_TEST

static const int required[] = { HWSIM_ATTR_ADDR_TRANSMITTER, HWSIM_ATTR_FRAME, HWSIM_ATTR_FLAGS,
				HWSIM_ATTR_COOKIE, HWSIM_ATTR_TX_INFO };

START_TEST(nl_missing_attr)
{
	struct nl_msg *msg = frame_msg(required[_i], 0, false);
	struct sim_medium_parsed p;
	char why[128] = "";

	ck_assert_int_eq(sim_medium_parse_msg(nlmsg_hdr(msg), &p, why, sizeof(why)), -EINVAL);
	ck_assert_msg(strstr(why, "missing HWSIM_ATTR_"), "%s", why);
	ck_assert_int_eq(sim_medium_handle_msg(m, nlmsg_hdr(msg)), -EINVAL);
	ck_assert_int_eq(m->st.bad_msgs, 1);
	ck_assert_int_eq(n_status, 0);
	nlmsg_free(msg);
}
END_TEST

START_TEST(nl_bad_length)
{
	static const int attrs[] = { HWSIM_ATTR_ADDR_TRANSMITTER, HWSIM_ATTR_FRAME, HWSIM_ATTR_FLAGS,
				     HWSIM_ATTR_COOKIE, HWSIM_ATTR_TX_INFO, HWSIM_ATTR_FREQ };
	struct nl_msg *msg = frame_msg(0, attrs[_i], false);
	struct sim_medium_parsed p;
	char why[128] = "";

	ck_assert_int_eq(sim_medium_parse_msg(nlmsg_hdr(msg), &p, why, sizeof(why)), -EINVAL);
	ck_assert_msg(strstr(why, "has length"), "%s", why);
	nlmsg_free(msg);
}
END_TEST

START_TEST(nl_duplicate_and_truncated)
{
	struct nl_msg *msg = frame_msg(0, 0, true);
	struct sim_medium_parsed p;
	char why[128] = "";
	struct nlmsghdr *nlh;
	uint8_t buf[512];

	ck_assert_int_eq(sim_medium_parse_msg(nlmsg_hdr(msg), &p, why, sizeof(why)), -EINVAL);
	ck_assert_msg(strstr(why, "duplicate"), "%s", why);
	nlmsg_free(msg);
	/* cut a valid message at every length: never accepted past a
	 * partial attribute, never read outside */
	msg = frame_msg(0, 0, false);
	nlh = nlmsg_hdr(msg);
	ck_assert(nlh->nlmsg_len <= sizeof(buf));
	for (uint32_t len = 0; len < nlh->nlmsg_len; len++) {
		memcpy(buf, nlh, nlh->nlmsg_len);
		((struct nlmsghdr *)buf)->nlmsg_len = len;
		int ret = sim_medium_parse_msg((struct nlmsghdr *)buf, &p, why, sizeof(why));

		/* only the last, optional FREQ attribute (8 bytes) may be cut
		 * off whole; anything else is rejected */
		if (len == nlh->nlmsg_len - 8) {
			ck_assert_int_eq(ret, 0);
			ck_assert(p.tx.frame + p.tx.len <= buf + len);
		} else {
			ck_assert_msg(ret == -EINVAL, "accepted at length %u of %u", len,
				      nlh->nlmsg_len);
		}
	}
	nlmsg_free(msg);
}
END_TEST

START_TEST(nl_add_mac_addr)
{
	struct nl_msg *msg = nlmsg_alloc();
	static const uint8_t vif[6] = { 2, 0, 0, 0, 8, 8 };

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, HWSIM_CMD_ADD_MAC_ADDR, 1);
	nla_put(msg, HWSIM_ATTR_ADDR_TRANSMITTER, 6, B);
	nla_put(msg, HWSIM_ATTR_ADDR_RECEIVER, 6, vif);
	ck_assert_int_eq(sim_medium_handle_msg(m, nlmsg_hdr(msg)), 0);
	ck_assert_int_eq(sim_medium_find(m, vif), 1);
	nlmsg_free(msg);
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, HWSIM_CMD_DEL_MAC_ADDR, 1);
	nla_put(msg, HWSIM_ATTR_ADDR_TRANSMITTER, 6, B);
	ck_assert_int_eq(sim_medium_handle_msg(m, nlmsg_hdr(msg)), -EINVAL);
	nla_put(msg, HWSIM_ATTR_ADDR_RECEIVER, 6, vif);
	ck_assert_int_eq(sim_medium_handle_msg(m, nlmsg_hdr(msg)), 0);
	ck_assert_int_eq(sim_medium_find(m, vif), -1);
	nlmsg_free(msg);
}
END_TEST

static Suite *medium_suite(void)
{
	Suite *s = suite_create("sim_medium");
	TCase *tc = tcase_create("medium");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, unicast_near_acked);
	tcase_add_test(tc, unicast_far_retries_exhausted);
	tcase_add_test(tc, broadcast_to_others);
	tcase_add_test(tc, mobility_changes_signal);
	tcase_add_test(tc, rule_drop_and_duplicate);
	tcase_add_test(tc, extra_addresses_and_disabled);
	tcase_add_test(tc, nl_valid_frame);
	tcase_add_loop_test(tc, nl_missing_attr, 0, sizeof(required) / sizeof(required[0]));
	tcase_add_loop_test(tc, nl_bad_length, 0, 6);
	tcase_add_test(tc, nl_duplicate_and_truncated);
	tcase_add_test(tc, nl_add_mac_addr);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(medium_suite)
