// SPDX-License-Identifier: MIT
/* test_log.c: level filtering, key redaction, timestamps, file output,
 * all observed through the hook. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "unit.h"

#define MAX_LINES 16

struct capture {
	int n;
	enum log_level lvl[MAX_LINES];
	char line[MAX_LINES][256];
};

static struct capture cap;

static void hook(enum log_level lvl, const char *line, void *ctx)
{
	struct capture *c = ctx;

	if (c->n < MAX_LINES) {
		c->lvl[c->n] = lvl;
		snprintf(c->line[c->n], sizeof(c->line[0]), "%s", line);
	}
	c->n++;
}

static uint64_t fake_now;

static uint64_t fake_clock(void *ctx)
{
	return *(uint64_t *)ctx;
}

static void setup(void)
{
	memset(&cap, 0, sizeof(cap));
	log_set_hook(hook, &cap);
	log_set_level(LOG_LVL_INFO);
	log_set_show_keys(false);
	log_set_timestamps(false);
	log_set_clock(NULL, NULL);
	/* keep the test output clean: lines still reach the hook */
	ck_assert_int_eq(log_open_file("/dev/null"), 0);
}

static void teardown(void)
{
	log_set_hook(NULL, NULL);
	log_close_file();
}

START_TEST(test_format_and_levels)
{
	ck_assert_int_eq(log_get_level(), LOG_LVL_INFO);
	log_info("ap", "hello %d", 42);
	log_dbg("ap", "not shown");
	log_dump("ap", "not shown");
	log_warn("sta", "careful");
	log_err("sim", "broken");
	ck_assert_int_eq(cap.n, 3);
	ck_assert_str_eq(cap.line[0], "ap: hello 42");
	ck_assert_int_eq(cap.lvl[0], LOG_LVL_INFO);
	ck_assert_str_eq(cap.line[1], "sta: careful");
	ck_assert_int_eq(cap.lvl[2], LOG_LVL_ERROR);

	log_set_level(LOG_LVL_ERROR);
	log_warn("sta", "hidden");
	ck_assert_int_eq(cap.n, 3);

	log_set_level(LOG_LVL_EXCESSIVE);
	ck_assert_int_eq(log_get_level(), LOG_LVL_EXCESSIVE);
	log_printf(LOG_LVL_EXCESSIVE, "x", "very verbose");
	log_dbg("x", "debug");
	ck_assert_int_eq(cap.n, 5);
	ck_assert_str_eq(cap.line[3], "x: very verbose");
}
END_TEST

START_TEST(test_hexdump)
{
	static const uint8_t b[] = { 0x00, 0x1f, 0xa0 };

	log_hexdump(LOG_LVL_INFO, "eapol", "frame", b, sizeof(b));
	log_hexdump(LOG_LVL_DEBUG, "eapol", "filtered", b, sizeof(b));
	log_hexdump(LOG_LVL_INFO, "eapol", "empty", b, 0);
	ck_assert_int_eq(cap.n, 2);
	ck_assert_str_eq(cap.line[0], "eapol: frame - hexdump(len=3): 00 1f a0");
	ck_assert_str_eq(cap.line[1], "eapol: empty - hexdump(len=0):");
}
END_TEST

START_TEST(test_key_redaction)
{
	static const uint8_t key[] = { 0xde, 0xad, 0xbe, 0xef };

	ck_assert(!log_show_keys());
	log_hexdump_key(LOG_LVL_INFO, "wpa", "PTK", key, sizeof(key));
	ck_assert_int_eq(cap.n, 1);
	ck_assert_str_eq(cap.line[0], "wpa: PTK - hexdump(len=4): [REMOVED]");
	ck_assert_ptr_null(strstr(cap.line[0], "de ad"));

	log_set_show_keys(true);
	ck_assert(log_show_keys());
	log_hexdump_key(LOG_LVL_INFO, "wpa", "PTK", key, sizeof(key));
	ck_assert_int_eq(cap.n, 2);
	ck_assert_str_eq(cap.line[1], "wpa: PTK - hexdump(len=4): de ad be ef");

	/* filtered by level even when keys are shown */
	log_hexdump_key(LOG_LVL_DEBUG, "wpa", "PTK", key, sizeof(key));
	ck_assert_int_eq(cap.n, 2);
}
END_TEST

START_TEST(test_timestamps)
{
	fake_now = 1234567890;		/* 1234.567890 s */
	log_set_clock(fake_clock, &fake_now);
	log_set_timestamps(true);
	log_info("sim", "tick");
	fake_now = 5000001;
	log_info("sim", "tock");
	ck_assert_int_eq(cap.n, 2);
	ck_assert_str_eq(cap.line[0], "1234.567890: sim: tick");
	ck_assert_str_eq(cap.line[1], "5.000001: sim: tock");
	log_set_timestamps(false);
	log_info("sim", "plain");
	ck_assert_str_eq(cap.line[2], "sim: plain");
}
END_TEST

START_TEST(test_file)
{
	char path[] = "/tmp/roamlab-test-log-XXXXXX";
	char text[256] = "";
	FILE *f;
	int fd = mkstemp(path);
	size_t n;

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(log_open_file(path), 0);
	log_info("ap", "to the file");
	log_hexdump_key(LOG_LVL_INFO, "ap", "GTK", "\x01\x02", 2);
	log_close_file();
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unlink(path);
	ck_assert_str_eq(text, "ap: to the file\n"
			       "ap: GTK - hexdump(len=2): [REMOVED]\n");
	ck_assert_int_lt(log_open_file("/nonexistent-dir/x.log"), 0);
}
END_TEST

static Suite *log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("log");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_format_and_levels);
	tcase_add_test(tc, test_hexdump);
	tcase_add_test(tc, test_key_redaction);
	tcase_add_test(tc, test_timestamps);
	tcase_add_test(tc, test_file);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(log_suite)
