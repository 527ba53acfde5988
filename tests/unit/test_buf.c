// SPDX-License-Identifier: MIT
/* test_buf.c: checked writers and readers. */
#include <string.h>

#include "buf.h"
#include "unit.h"

START_TEST(test_wbuf_put)
{
	uint8_t mem[16];
	struct wbuf w;
	static const uint8_t want[] = {
		0xaa, 0x12, 0x34, 0x34, 0x12, 0x01, 0x02, 0x03, 0x04,
		0x04, 0x03, 0x02, 0x01, 'h', 'i', 0x00,
	};

	wbuf_init(&w, mem, sizeof(mem));
	wbuf_put_u8(&w, 0xaa);
	wbuf_put_be16(&w, 0x1234);
	wbuf_put_le16(&w, 0x1234);
	wbuf_put_be32(&w, 0x01020304);
	wbuf_put_le32(&w, 0x01020304);
	wbuf_put_data(&w, "hi", 2);
	*wbuf_put(&w, 1) = 0;
	ck_assert(wbuf_ok(&w));
	ck_assert_uint_eq(w.len, 16);
	ck_assert_mem_eq(mem, want, 16);
	/* zero-length put at the end is fine */
	ck_assert_ptr_nonnull(wbuf_put(&w, 0));
	ck_assert(wbuf_ok(&w));
}
END_TEST

START_TEST(test_wbuf_overflow_sticks)
{
	uint8_t mem[8] = { 0 };
	struct wbuf w;

	wbuf_init(&w, mem, 4);
	wbuf_put_be16(&w, 0x0102);
	wbuf_put_be32(&w, 0xdeadbeef);		/* 2 + 4 > 4: overflow */
	ck_assert(!wbuf_ok(&w));
	ck_assert_uint_eq(w.len, 2);
	ck_assert_uint_eq(mem[2], 0);		/* nothing partially written */
	/* a later put that would fit is still refused: the failure sticks */
	wbuf_put_u8(&w, 0x55);
	ck_assert(!wbuf_ok(&w));
	ck_assert_uint_eq(w.len, 2);
	ck_assert_uint_eq(mem[2], 0);
	ck_assert_ptr_null(wbuf_put(&w, 0));
	/* a huge n cannot wrap around the capacity check */
	wbuf_init(&w, mem, 4);
	wbuf_put_u8(&w, 1);
	ck_assert_ptr_null(wbuf_put(&w, SIZE_MAX));
	ck_assert(!wbuf_ok(&w));
	ck_assert_uint_eq(mem[4], 0);
}
END_TEST

START_TEST(test_rbuf_get)
{
	static const uint8_t in[] = {
		0xaa, 0x12, 0x34, 0x34, 0x12, 0x01, 0x02, 0x03, 0x04,
		0x04, 0x03, 0x02, 0x01, 'h', 'i', 0x7e,
	};
	struct rbuf r;
	uint8_t u8, two[2];
	uint16_t u16;
	uint32_t u32;
	const uint8_t *p;

	rbuf_init(&r, in, sizeof(in));
	ck_assert_uint_eq(rbuf_left(&r), 16);
	ck_assert(rbuf_get_u8(&r, &u8));
	ck_assert_uint_eq(u8, 0xaa);
	ck_assert(rbuf_get_be16(&r, &u16));
	ck_assert_uint_eq(u16, 0x1234);
	ck_assert(rbuf_get_le16(&r, &u16));
	ck_assert_uint_eq(u16, 0x1234);
	ck_assert(rbuf_get_be32(&r, &u32));
	ck_assert_uint_eq(u32, 0x01020304);
	ck_assert(rbuf_get_le32(&r, &u32));
	ck_assert_uint_eq(u32, 0x01020304);
	ck_assert(rbuf_get_data(&r, two, 2));
	ck_assert_mem_eq(two, "hi", 2);
	ck_assert(rbuf_get_ptr(&r, &p, 1));
	ck_assert_ptr_eq(p, in + 15);
	ck_assert_uint_eq(rbuf_left(&r), 0);
	ck_assert(!rbuf_get_u8(&r, &u8));
}
END_TEST

START_TEST(test_rbuf_short_reads_consume_nothing)
{
	static const uint8_t in[] = { 1, 2, 3 };
	struct rbuf r;
	uint8_t out[4] = { 0 };
	uint16_t u16 = 0x5555;
	uint32_t u32 = 0x55555555;
	const uint8_t *p = NULL;

	rbuf_init(&r, in, sizeof(in));
	ck_assert(rbuf_skip(&r, 1));
	/* two bytes left: 32-bit reads fail, position unchanged */
	ck_assert(!rbuf_get_be32(&r, &u32));
	ck_assert(!rbuf_get_le32(&r, &u32));
	ck_assert_uint_eq(u32, 0x55555555);
	ck_assert(!rbuf_get_data(&r, out, 3));
	ck_assert_uint_eq(out[0], 0);
	ck_assert(!rbuf_get_ptr(&r, &p, 3));
	ck_assert_ptr_null(p);
	ck_assert(!rbuf_skip(&r, 3));
	ck_assert(!rbuf_skip(&r, SIZE_MAX));
	ck_assert_uint_eq(rbuf_left(&r), 2);
	/* the bytes are still there */
	ck_assert(rbuf_get_be16(&r, &u16));
	ck_assert_uint_eq(u16, 0x0203);
	ck_assert(!rbuf_get_be16(&r, &u16));
	ck_assert(!rbuf_get_le16(&r, &u16));
	ck_assert(rbuf_get_data(&r, out, 0));
	ck_assert(rbuf_skip(&r, 0));

	/* an empty reader */
	rbuf_init(&r, NULL, 0);
	ck_assert_uint_eq(rbuf_left(&r), 0);
	ck_assert(!rbuf_get_u8(&r, out));
}
END_TEST

static Suite *buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("wbuf");

	tcase_add_test(tc, test_wbuf_put);
	tcase_add_test(tc, test_wbuf_overflow_sticks);
	suite_add_tcase(s, tc);
	tc = tcase_create("rbuf");
	tcase_add_test(tc, test_rbuf_get);
	tcase_add_test(tc, test_rbuf_short_reads_consume_nothing);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(buf_suite)
