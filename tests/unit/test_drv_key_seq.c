// SPDX-License-Identifier: MIT
/* test_drv_key_seq.c: drv_nl80211's reading of a NL80211_CMD_GET_KEY reply
 * (NL80211_ATTR_KEY_SEQ: six octets, least significant first, nl80211.h):
 * a good reply, and replies without the attribute or with a wrong length. */
#include <errno.h>

#include <netlink/genl/genl.h>

#include "../../common/drv_nl80211.h"
#include "log.h"
#include "unit.h"

static struct nl_msg *reply(const uint8_t *seq, int len)
{
	struct nl_msg *msg = nlmsg_alloc();

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, 20, 0, 0,
					  NL80211_CMD_NEW_KEY, 0));
	ck_assert_int_eq(nla_put_u8(msg, NL80211_ATTR_KEY_IDX, 1), 0);
	if (seq)
		ck_assert_int_eq(nla_put(msg, NL80211_ATTR_KEY_SEQ, len, seq), 0);
	return msg;
}

START_TEST(test_key_seq_good)
{
	static const uint8_t seq[6] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x86 };
	struct nl_msg *msg = reply(seq, 6);
	uint64_t v = 0;

	ck_assert_int_eq(drvnl_parse_key_seq(msg, &v), 0);
	ck_assert_uint_eq(v, 0x860504030201ULL);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_key_seq_bad)
{
	static const uint8_t seq[16] = { 0x11 };
	static const int lens[] = { 0, 1, 5, 7, 8, 16 };
	struct nl_msg *msg;
	uint64_t v = 42;

	log_set_level(LOG_LVL_ERROR);
	msg = reply(NULL, 0);
	ck_assert_int_eq(drvnl_parse_key_seq(msg, &v), -ENODATA);
	nlmsg_free(msg);
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		msg = reply(seq, lens[i]);
		ck_assert_int_eq(drvnl_parse_key_seq(msg, &v), -EPROTO);
		nlmsg_free(msg);
	}
	ck_assert_uint_eq(v, 42);	/* untouched on failure */
}
END_TEST

static Suite *key_seq_suite(void)
{
	Suite *s = suite_create("drv_key_seq");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_key_seq_good);
	tcase_add_test(tc, test_key_seq_bad);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(key_seq_suite)
