// SPDX-License-Identifier: MIT
/* test_sta_neigh.c: keep_neigh on a fake sysctl tree (a temporary directory
 * laid out as /proc/sys/net): on writes 0 and remembers the old values, off
 * and restore write them back, a kernel without the ARP sysctl leaves the
 * knob off, no interface touches nothing; the config key and the knob. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "../../sta/conf.h"
#include "../../sta/neigh.h"

static char root[64];

static void put(const char *rel, const char *val)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(val, f);
	fclose(f);
}

static int get(const char *rel)
{
	char p[256], buf[16] = "";
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	f = fopen(p, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return atoi(buf);
}

static void mk(const char *rel)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	ck_assert_int_eq(mkdir(p, 0755), 0);
}

#define ARP "ipv4/conf/wlan9/arp_evict_nocarrier"
#define ND  "ipv6/conf/wlan9/ndisc_evict_nocarrier"

/* a tree with both sysctls at 1 (with_nd: the IPv6 one exists) */
static void tree(bool with_arp, bool with_nd)
{
	snprintf(root, sizeof(root), "/tmp/roamlab-neigh-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	mk("ipv4"); mk("ipv4/conf"); mk("ipv4/conf/wlan9");
	mk("ipv6"); mk("ipv6/conf"); mk("ipv6/conf/wlan9");
	if (with_arp)
		put(ARP, "1\n");
	if (with_nd)
		put(ND, "1\n");
}

static void untree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_on_off_restore)
{
	struct sta_neigh n;

	tree(true, true);
	sta_neigh_init(&n, root, "wlan9", 7);
	ck_assert(!sta_neigh_keeping(&n));
	ck_assert_int_eq(sta_neigh_set(&n, true), 0);
	ck_assert(sta_neigh_keeping(&n));
	ck_assert_int_eq(get(ARP), 0);
	ck_assert_int_eq(get(ND), 0);
	ck_assert_str_eq(sta_neigh_connected(&n, true), "kept");
	/* a second "on" changes nothing and keeps the first saved values */
	ck_assert_int_eq(sta_neigh_set(&n, true), 0);
	ck_assert_int_eq(n.saved[STA_NEIGH_ARP], 1);
	ck_assert_int_eq(sta_neigh_set(&n, false), 0);
	ck_assert(!sta_neigh_keeping(&n));
	ck_assert_int_eq(get(ARP), 1);
	ck_assert_int_eq(get(ND), 1);
	ck_assert_str_eq(sta_neigh_connected(&n, true), "evicted");
	/* on again, then the exit path restores */
	ck_assert_int_eq(sta_neigh_set(&n, true), 0);
	ck_assert_int_eq(get(ARP), 0);
	sta_neigh_restore(&n);
	ck_assert_int_eq(get(ARP), 1);
	ck_assert_int_eq(get(ND), 1);
	ck_assert(!sta_neigh_keeping(&n));
	untree();
}
END_TEST

/* an administrator's 0 stays 0 at exit; a missing IPv6 sysctl is fine */
START_TEST(test_keeps_admin_values)
{
	struct sta_neigh n;

	tree(true, false);
	put(ARP, "0\n");
	sta_neigh_init(&n, root, "wlan9", 7);
	ck_assert_int_eq(sta_neigh_set(&n, true), 0);
	ck_assert(sta_neigh_keeping(&n));
	ck_assert_int_eq(n.saved[STA_NEIGH_ND], -1);
	sta_neigh_restore(&n);
	ck_assert_int_eq(get(ARP), 0);
	ck_assert_int_eq(get(ND), -1);
	untree();
}
END_TEST

START_TEST(test_unsupported_kernel)
{
	struct sta_neigh n;

	tree(false, true);
	sta_neigh_init(&n, root, "wlan9", 7);
	ck_assert_int_eq(sta_neigh_set(&n, true), -EOPNOTSUPP);
	ck_assert(!sta_neigh_keeping(&n));
	ck_assert_str_eq(sta_neigh_connected(&n, true), "evicted");
	/* the IPv6 one was not touched */
	ck_assert_int_eq(get(ND), 1);
	sta_neigh_restore(&n);
	ck_assert_int_eq(get(ND), 1);
	untree();
}
END_TEST

/* ifindex 0 (the fake driver): the knob is remembered, nothing is touched */
START_TEST(test_no_interface)
{
	struct sta_neigh n;

	tree(true, true);
	sta_neigh_init(&n, root, "wlan9", 0);
	ck_assert_int_eq(sta_neigh_set(&n, true), 0);
	ck_assert(sta_neigh_keeping(&n));
	ck_assert_int_eq(get(ARP), 1);
	ck_assert_str_eq(sta_neigh_connected(&n, false), "kept");
	ck_assert_int_eq(n.flushes, 0);
	ck_assert_int_eq(sta_neigh_set(&n, false), 0);
	ck_assert(!sta_neigh_keeping(&n));
	untree();
}
END_TEST

START_TEST(test_conf_key)
{
	char err[256];
	struct sta_conf *c;

	c = sta_conf_parse("t.conf", "network={\n ssid=\"x\"\n psk=\"12345678\"\n}\n",
			   err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->keep_neigh, -1);
	sta_conf_free(c);
	c = sta_conf_parse("t.conf", "keep_neigh=0\nnetwork={\n ssid=\"x\"\n psk=\"12345678\"\n}\n",
			   err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->keep_neigh, 0);
	sta_conf_free(c);
	c = sta_conf_parse("t.conf", "ctrl_interface=/run/x\nkeep_neigh=2\n", err, sizeof(err));
	ck_assert_ptr_null(c);
	ck_assert_str_eq(err, "t.conf:2: keep_neigh: '2' is not an integer in 0..1");
}
END_TEST

static Suite *neigh_suite(void)
{
	Suite *s = suite_create("sta_neigh");
	TCase *tc = tcase_create("sysctl");

	tcase_add_test(tc, test_on_off_restore);
	tcase_add_test(tc, test_keeps_admin_values);
	tcase_add_test(tc, test_unsupported_kernel);
	tcase_add_test(tc, test_no_interface);
	tcase_add_test(tc, test_conf_key);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(neigh_suite)
