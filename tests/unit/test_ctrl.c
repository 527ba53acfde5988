// SPDX-License-Identifier: MIT
/* test_ctrl.c: a control server and clients in one process over real UNIX
 * sockets in a temporary directory. The server's loop runs in a second
 * thread; everything the server does (handlers, events) happens there. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctrl.h"
#include "loop.h"
#include "unit.h"
#include "util.h"

static char dir[64];
static struct loop *loop;
static struct ctrl_server *srv;
static pthread_t thr;

static uint64_t fake_clock(void *ctx)
{
	return 123456;
}

static int h_echo(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	for (int i = 1; i < argc; i++)
		ctrl_reply_printf(req, "%s%s", i > 1 ? "|" : "", argv[i]);
	return 0;
}

static int h_fail(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	if (argc > 1)
		return ctrl_fail(req, "bad thing %s", argv[1]);
	return -ENOENT;
}

static int h_emit(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	ctrl_event(ctrl_req_server(req), "TEST", "a=%s b=\"x y\"", argv[1]);
	ctrl_event_text(ctrl_req_server(req), "CTRL-EVENT-TEST %s", argv[1]);
	return 0;
}

static int h_count(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	ctrl_event(ctrl_req_server(req), "PROBE", NULL);
	ctrl_reply_printf(req, "attached=%u",
			  ctrl_server_num_attached(ctrl_req_server(req)));
	return 0;
}

static int h_big(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	for (int i = 0; i < 2000; i++)
		ctrl_reply_printf(req, "line %d of a long reply\n", i);
	return 0;
}

static int h_quit(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	loop_quit(loop, 0);
	return 0;
}

static const struct ctrl_cmd cmds[] = {
	{ "echo", 1, 3, h_echo, "<a> [b] [c]", "echo arguments" },
	{ "fail", 0, 1, h_fail, "[why]", "always fails" },
	{ "emit", 1, 1, h_emit, "<a>", "send a TEST event" },
	{ "count", 0, 0, h_count, NULL, "number of attached monitors" },
	{ "big", 0, 0, h_big, NULL, "reply too long" },
	{ "quit", 0, 0, h_quit, NULL, "stop the test server" },
};

static void *loop_thread(void *arg)
{
	loop_run(loop);
	return NULL;
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/test_ctrl_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	loop = loop_new();
	ck_assert_ptr_nonnull(loop);
	loop_set_clock(loop, fake_clock, NULL);
	srv = ctrl_server_new(loop, dir, "wlan0", cmds, ARRAY_SIZE(cmds),
			      NULL);
	ck_assert_ptr_nonnull(srv);
	ck_assert_int_eq(pthread_create(&thr, NULL, loop_thread, NULL), 0);
}

static void teardown(void)
{
	struct ctrl_client *c = ctrl_client_open(ctrl_server_path(srv));
	char r[64];

	ck_assert_ptr_nonnull(c);
	ck_assert_int_gt(ctrl_client_request(c, "quit", r, sizeof(r), 2000), 0);
	ctrl_client_close(c);
	pthread_join(thr, NULL);
	ctrl_server_free(srv);
	loop_free(loop);
	rmdir(dir);
}

static struct ctrl_client *open_client(void)
{
	struct ctrl_client *c = ctrl_client_open(ctrl_server_path(srv));

	ck_assert_ptr_nonnull(c);
	return c;
}

static void req(struct ctrl_client *c, const char *cmd, const char *want)
{
	char r[CTRL_MSG_MAX];
	int n = ctrl_client_request(c, cmd, r, sizeof(r), 2000);

	ck_assert_int_eq(n, (int)strlen(want));
	ck_assert_str_eq(r, want);
}

START_TEST(test_commands)
{
	struct ctrl_client *c = open_client();
	char r[4096];

	req(c, "PING", "PONG\n");
	req(c, "echo one", "one\n");
	req(c, "ECHO a \"b c\"  d", "a|b c|d\n");
	req(c, "nope 1 2", "FAIL unknown command 'nope'\n");
	req(c, "echo", "FAIL wrong number of arguments; usage: echo <a> [b] [c]\n");
	req(c, "echo 1 2 3 4",
	    "FAIL wrong number of arguments; usage: echo <a> [b] [c]\n");
	req(c, "count 1", "FAIL wrong number of arguments; usage: count\n");
	req(c, "fail why", "FAIL bad thing why\n");
	req(c, "fail", "FAIL No such file or directory\n");
	req(c, "", "FAIL empty command\n");
	req(c, "echo \"open", "FAIL unbalanced quote\n");
	req(c, "big", "FAIL reply too long\n");
	req(c, "DETACH", "FAIL not attached\n");
	ck_assert_int_gt(ctrl_client_request(c, "HELP", r, sizeof(r), 2000), 0);
	ck_assert_ptr_nonnull(strstr(r, "emit <a> - send a TEST event\n"));
	ck_assert_ptr_nonnull(strstr(r, "PING - "));
	ctrl_client_close(c);
}
END_TEST

START_TEST(test_events)
{
	struct ctrl_client *mon = open_client();
	struct ctrl_client *other = open_client();
	struct ctrl_event_msg ev;
	char buf[512];

	ck_assert_int_eq(ctrl_client_attach(mon, 2000), 0);
	req(other, "count", "attached=1\n");
	/* the PROBE event from "count" reached the monitor */
	ck_assert_int_gt(ctrl_client_recv_event(mon, buf, sizeof(buf), 2000), 0);
	ck_assert_str_eq(buf, "EVENT PROBE t=123456");

	req(other, "emit 7", "OK\n");
	ck_assert_int_gt(ctrl_client_recv_event(mon, buf, sizeof(buf), 2000), 0);
	ck_assert_str_eq(buf, "EVENT TEST t=123456 a=7 b=\"x y\"");
	ck_assert_int_eq(ctrl_event_parse(buf, &ev), 0);
	ck_assert_str_eq(ev.name, "TEST");
	ck_assert(ev.t_us == 123456);
	ck_assert_int_eq(ev.nkv, 2);
	ck_assert_str_eq(ctrl_event_get(&ev, "a"), "7");
	ck_assert_str_eq(ctrl_event_get(&ev, "b"), "x y");
	ck_assert_ptr_null(ctrl_event_get(&ev, "c"));

	/* not attached: no events */
	ck_assert_int_eq(ctrl_client_recv_event(other, buf, sizeof(buf), 100),
			 -ETIMEDOUT);

	/* an event sent while the monitor waits for its own reply is queued */
	req(mon, "emit 8", "OK\n");
	ck_assert_int_gt(ctrl_client_recv_event(mon, buf, sizeof(buf), 0), 0);
	ck_assert_str_eq(buf, "EVENT TEST t=123456 a=8 b=\"x y\"");

	ck_assert_int_eq(ctrl_client_detach(mon, 2000), 0);
	req(other, "emit 9", "OK\n");
	ck_assert_int_eq(ctrl_client_recv_event(mon, buf, sizeof(buf), 100),
			 -ETIMEDOUT);
	req(other, "count", "attached=0\n");
	ctrl_client_close(mon);
	ctrl_client_close(other);
}
END_TEST

/* A wpa_ctrl client as wpa_cli and hostapd_cli are: its own bound socket,
 * raw datagrams. */
static int raw_client(const char *name, const char *attach)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char r[64];
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/%s", dir, name);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", ctrl_server_path(srv));
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(send(fd, attach, strlen(attach), 0), (ssize_t)strlen(attach));
	n = recv(fd, r, sizeof(r) - 1, 0);
	ck_assert_int_eq(n, 3);
	r[n] = '\0';
	ck_assert_str_eq(r, "OK\n");
	return fd;
}

/* the next datagram within 300 ms, or "" */
static void raw_next(int fd, char *buf, size_t len)
{
	struct timeval tv = { .tv_usec = 300000 };
	ssize_t n;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	n = recv(fd, buf, len - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
}

/* Plain ATTACH (wpa_cli, hostapd_cli) gets "<3>TEXT" events only, and
 * "ATTACH roamlab" gets EVENT lines only: each kind of monitor sees each
 * event once, in its own words. */
START_TEST(test_attach_kinds)
{
	struct ctrl_client *other = open_client();
	int wpa = raw_client("wpa_ctrl_1", "ATTACH");
	int rl = raw_client("rl_1", "ATTACH roamlab");
	char buf[512];

	req(other, "emit 5", "OK\n");
	raw_next(wpa, buf, sizeof(buf));
	ck_assert_str_eq(buf, "<3>CTRL-EVENT-TEST 5");
	raw_next(wpa, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	raw_next(rl, buf, sizeof(buf));
	ck_assert_str_eq(buf, "EVENT TEST t=123456 a=5 b=\"x y\"\n");
	raw_next(rl, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	/* DETACH works for either */
	ck_assert_int_eq(send(wpa, "DETACH", 6, 0), 6);
	raw_next(wpa, buf, sizeof(buf));
	ck_assert_str_eq(buf, "OK\n");
	req(other, "emit 6", "OK\n");
	raw_next(wpa, buf, sizeof(buf));
	ck_assert_str_eq(buf, "");
	raw_next(rl, buf, sizeof(buf));
	ck_assert_str_eq(buf, "EVENT TEST t=123456 a=6 b=\"x y\"\n");
	close(wpa);
	close(rl);
	snprintf(buf, sizeof(buf), "%s/wpa_ctrl_1", dir);
	unlink(buf);
	snprintf(buf, sizeof(buf), "%s/rl_1", dir);
	unlink(buf);
	ctrl_client_close(other);
}
END_TEST

START_TEST(test_gone_client_detached)
{
	struct ctrl_client *mon = open_client();
	struct ctrl_client *other = open_client();

	ck_assert_int_eq(ctrl_client_attach(mon, 2000), 0);
	ck_assert_int_eq(ctrl_client_attach(mon, 2000), 0);	/* idempotent */
	ctrl_client_close(mon);
	/* "count" emits PROBE first: the send fails and the monitor is
	 * dropped before the count is taken */
	req(other, "count", "attached=0\n");
	ctrl_client_close(other);
}
END_TEST

START_TEST(test_dispatch_and_parse)
{
	char r[256];
	char bad1[] = "EVENT X";
	char bad2[] = "EVENT X t=abc";
	char bad3[] = "NOTEVENT X t=1";
	char bad4[] = "EVENT X t=1 novalue";
	struct ctrl_event_msg ev;

	/* runs in this thread: only handlers that do not touch the loop */
	ck_assert_uint_eq(ctrl_server_dispatch(srv, "echo x y", r, sizeof(r)), 4);
	ck_assert_str_eq(r, "x|y\n");
	ctrl_server_dispatch(srv, "ATTACH", r, sizeof(r));
	ck_assert_str_eq(r, "FAIL no reply address to attach\n");
	ck_assert_uint_eq(ctrl_server_dispatch(srv, "PING", r, 3), 2);
	ck_assert_str_eq(r, "PO");
	ck_assert_int_eq(ctrl_event_parse(bad1, &ev), -EINVAL);
	ck_assert_int_eq(ctrl_event_parse(bad2, &ev), -EINVAL);
	ck_assert_int_eq(ctrl_event_parse(bad3, &ev), -EINVAL);
	ck_assert_int_eq(ctrl_event_parse(bad4, &ev), -EINVAL);
}
END_TEST

START_TEST(test_socket_in_use)
{
	struct loop *l2 = loop_new();
	struct ctrl_server *s2;
	char path[128];
	int fd;

	/* a live server owns wlan0: a second one must not steal it */
	ck_assert_ptr_null(ctrl_server_new(l2, dir, "wlan0", cmds, 1, NULL));
	/* a stale socket file (its owner died without unlinking) is
	 * replaced */
	snprintf(path, sizeof(path), "%s/stale", dir);
	{
		struct sockaddr_un sa = { .sun_family = AF_UNIX };

		fd = socket(AF_UNIX, SOCK_DGRAM, 0);
		ck_assert_int_ge(fd, 0);
		memcpy(sa.sun_path, path, strlen(path) + 1);
		ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
		close(fd);
	}
	ck_assert_int_eq(access(path, F_OK), 0);
	s2 = ctrl_server_new(l2, dir, "stale", cmds, 1, NULL);
	ck_assert_ptr_nonnull(s2);
	ctrl_server_free(s2);
	ck_assert_int_ne(access(path, F_OK), 0);
	/* a client of a missing server fails cleanly */
	ck_assert_ptr_null(ctrl_client_open(path));
	ck_assert_int_eq(errno, ENOENT);
	loop_free(l2);
}
END_TEST

static Suite *ctrl_suite(void)
{
	Suite *s = suite_create("ctrl");
	TCase *tc = tcase_create("socket");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_commands);
	tcase_add_test(tc, test_events);
	tcase_add_test(tc, test_attach_kinds);
	tcase_add_test(tc, test_gone_client_detached);
	tcase_add_test(tc, test_dispatch_and_parse);
	tcase_add_test(tc, test_socket_in_use);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(ctrl_suite)
