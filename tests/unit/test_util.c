// SPDX-License-Identifier: MIT
/* test_util.c: hex, MAC, byte order, ct_equal, secure_zero, seeded RNG. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "unit.h"
#include "util.h"

START_TEST(test_hex_decode)
{
	uint8_t out[4], keep[4] = { 0xee, 0xee, 0xee, 0xee };

	ck_assert_int_eq(hex_decode("00ff7A9b", out, 4), 0);
	ck_assert_uint_eq(out[0], 0x00);
	ck_assert_uint_eq(out[1], 0xff);
	ck_assert_uint_eq(out[2], 0x7a);
	ck_assert_uint_eq(out[3], 0x9b);

	memcpy(out, keep, 4);
	/* too short, too long, odd, bad digit, embedded space, sign */
	ck_assert_int_eq(hex_decode("00ff7a", out, 4), -EINVAL);
	ck_assert_int_eq(hex_decode("00ff7a9b00", out, 4), -EINVAL);
	ck_assert_int_eq(hex_decode("00ff7a9", out, 4), -EINVAL);
	ck_assert_int_eq(hex_decode("00fg7a9b", out, 4), -EINVAL);
	ck_assert_int_eq(hex_decode("00 f7a9b", out, 4), -EINVAL);
	ck_assert_int_eq(hex_decode("+0ff7a9b", out, 4), -EINVAL);
	ck_assert_int_eq(hex_decode("0x0f7a9b", out, 4), -EINVAL);
	ck_assert_int_eq(hex_decode(NULL, out, 4), -EINVAL);
	/* nothing written on failure */
	ck_assert_mem_eq(out, keep, 4);
	/* the empty string is 0 bytes */
	ck_assert_int_eq(hex_decode("", out, 0), 0);
}
END_TEST

START_TEST(test_hex_decode_var)
{
	uint8_t out[3];
	size_t n = 99;

	ck_assert_int_eq(hex_decode_var("abcd", out, 3, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(out[0], 0xab);
	ck_assert_uint_eq(out[1], 0xcd);
	ck_assert_int_eq(hex_decode_var("", out, 3, &n), 0);
	ck_assert_uint_eq(n, 0);
	n = 99;
	ck_assert_int_eq(hex_decode_var("abc", out, 3, &n), -EINVAL);
	ck_assert_int_eq(hex_decode_var("abcdefab", out, 3, &n), -E2BIG);
	ck_assert_int_eq(hex_decode_var("abxd", out, 3, &n), -EINVAL);
	ck_assert_uint_eq(n, 99);
	ck_assert_int_eq(hex_decode_var("abcdef", out, 3, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(out[2], 0xef);
}
END_TEST

START_TEST(test_hex_encode_roundtrip)
{
	uint8_t in[17], back[17];
	char s[35];

	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 37 + 5);
	hex_encode(in, sizeof(in), s);
	ck_assert_uint_eq(strlen(s), 34);
	ck_assert_str_eq(s + 30, "3055");	/* 15*37+5 = 0x230, 16*37+5 = 0x255 */
	ck_assert_int_eq(hex_decode(s, back, sizeof(back)), 0);
	ck_assert_mem_eq(in, back, sizeof(in));
	hex_encode(in, 0, s);
	ck_assert_str_eq(s, "");
}
END_TEST

START_TEST(test_mac_parse)
{
	static const char *bad[] = {
		"",
		"00:11:22:33:44",		/* too short */
		"00:11:22:33:44:55:66",		/* too long */
		"00:11:22:33:44:55 ",		/* trailing space */
		"00:11:22:33:44:5",		/* short last byte */
		"00:11:22:33:44:5g",		/* bad digit */
		"00-11:22:33:44:55",		/* mixed separators */
		"00.11.22.33.44.55",		/* wrong separator */
		"001122334455",			/* no separators */
		"0:11:22:33:44:555",		/* misplaced separator */
		" 00:11:22:33:44:5",
	};
	uint8_t mac[6], keep[6] = { 9, 9, 9, 9, 9, 9 };
	char buf[18];

	ck_assert_int_eq(mac_parse("00:1A:2b:c3:d4:ff", mac), 0);
	ck_assert_str_eq(mac_str(mac, buf), "00:1a:2b:c3:d4:ff");
	ck_assert_int_eq(mac_parse("02-00-00-00-01-00", mac), 0);
	ck_assert_uint_eq(mac[0], 2);
	ck_assert_uint_eq(mac[4], 1);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		memcpy(mac, keep, 6);
		ck_assert_msg(mac_parse(bad[i], mac) == -EINVAL, "'%s'", bad[i]);
		ck_assert_mem_eq(mac, keep, 6);
	}
	ck_assert_int_eq(mac_parse(NULL, mac), -EINVAL);
}
END_TEST

START_TEST(test_mac_predicates)
{
	uint8_t zero[6] = { 0 }, bc[6], uni[6] = { 0x02, 0, 0, 0, 0, 1 };
	uint8_t mc[6] = { 0x01, 0x00, 0x5e, 0, 0, 1 };

	memset(bc, 0xff, 6);
	ck_assert(mac_is_zero(zero));
	ck_assert(!mac_is_zero(uni));
	ck_assert(mac_is_broadcast(bc));
	ck_assert(!mac_is_broadcast(mc));
	ck_assert(mac_is_multicast(bc));
	ck_assert(mac_is_multicast(mc));
	ck_assert(!mac_is_multicast(uni));
	ck_assert(mac_equal(uni, uni));
	ck_assert(!mac_equal(uni, mc));
}
END_TEST

START_TEST(test_byte_order)
{
	uint8_t b[8];

	put_be16(b, 0x1234);
	ck_assert_uint_eq(b[0], 0x12);
	ck_assert_uint_eq(get_be16(b), 0x1234);
	ck_assert_uint_eq(get_le16(b), 0x3412);
	put_le16(b, 0x1234);
	ck_assert_uint_eq(b[0], 0x34);
	ck_assert_uint_eq(get_le16(b), 0x1234);
	put_be32(b, 0x89abcdefu);
	ck_assert_uint_eq(b[0], 0x89);
	ck_assert_uint_eq(b[3], 0xef);
	ck_assert_uint_eq(get_be32(b), 0x89abcdefu);
	put_le32(b, 0x89abcdefu);
	ck_assert_uint_eq(b[0], 0xef);
	ck_assert_uint_eq(get_le32(b), 0x89abcdefu);
	put_be64(b, 0x0102030405060708ull);
	ck_assert_uint_eq(b[0], 1);
	ck_assert_uint_eq(b[7], 8);
	ck_assert(get_be64(b) == 0x0102030405060708ull);
}
END_TEST

START_TEST(test_ct_equal_secure_zero)
{
	uint8_t a[32], b[32];

	for (int i = 0; i < 32; i++)
		a[i] = b[i] = (uint8_t)i;
	ck_assert(ct_equal(a, b, 32));
	ck_assert(ct_equal(a, b, 0));
	for (int i = 0; i < 32; i++) {
		b[i] ^= 0x80;
		ck_assert(!ct_equal(a, b, 32));
		b[i] ^= 0x80;
	}
	secure_zero(a, 32);
	for (int i = 0; i < 32; i++)
		ck_assert_uint_eq(a[i], 0);
	secure_zero(NULL, 0);
}
END_TEST

START_TEST(test_rng)
{
	struct rng r1, r2, r3;
	uint64_t first[8];
	int diff = 0;

	rng_seed(&r1, 42);
	rng_seed(&r2, 42);
	rng_seed(&r3, 43);
	for (int i = 0; i < 8; i++) {
		first[i] = rng_next(&r1);
		ck_assert(first[i] == rng_next(&r2));
		if (rng_next(&r3) != first[i])
			diff++;
	}
	ck_assert_int_eq(diff, 8);
	/* the sequence is not constant */
	ck_assert(first[0] != first[1]);
	/* seed 0 works too (not a stuck all-zero state) */
	rng_seed(&r3, 0);
	ck_assert(rng_next(&r3) != 0 || rng_next(&r3) != 0);
}
END_TEST

START_TEST(test_rng_distributions)
{
	struct rng r;
	double sum = 0, sumsq = 0, nsum = 0, nsumsq = 0;
	const int n = 100000;
	int out_of_range = 0, not_finite = 0;

	/* Count violations and assert once: each ck_assert() writes to
	 * Check's pipe, and 2e5 of them made this test slow enough to time
	 * out on a loaded machine. */
	rng_seed(&r, 7);
	for (int i = 0; i < n; i++) {
		double u = rng_uniform(&r), g = rng_normal(&r);

		out_of_range += !(u >= 0.0 && u < 1.0);
		not_finite += !isfinite(g);
		sum += u;
		sumsq += u * u;
		nsum += g;
		nsumsq += g * g;
	}
	ck_assert_int_eq(out_of_range, 0);
	ck_assert_int_eq(not_finite, 0);
	/* mean 1/2, variance 1/12; normal mean 0 variance 1. With n=1e5
	 * the standard errors are ~0.001 and ~0.003. */
	ck_assert_double_eq_tol(sum / n, 0.5, 0.01);
	ck_assert_double_eq_tol(sumsq / n - (sum / n) * (sum / n), 1.0 / 12, 0.005);
	ck_assert_double_eq_tol(nsum / n, 0.0, 0.02);
	ck_assert_double_eq_tol(nsumsq / n, 1.0, 0.03);
}
END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("hex_mac");

	tcase_add_test(tc, test_hex_decode);
	tcase_add_test(tc, test_hex_decode_var);
	tcase_add_test(tc, test_hex_encode_roundtrip);
	tcase_add_test(tc, test_mac_parse);
	tcase_add_test(tc, test_mac_predicates);
	suite_add_tcase(s, tc);

	tc = tcase_create("bytes");
	tcase_add_test(tc, test_byte_order);
	tcase_add_test(tc, test_ct_equal_secure_zero);
	suite_add_tcase(s, tc);

	tc = tcase_create("rng");
	tcase_add_test(tc, test_rng);
	tcase_add_test(tc, test_rng_distributions);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(util_suite)
