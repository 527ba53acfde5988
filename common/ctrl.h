/* SPDX-License-Identifier: MIT */
/* ctrl.h: the control interface of roamlab-ap, roamlab-sta and roamlab.
 *
 * Transport: a UNIX SOCK_DGRAM socket at CTRL_DIR/NAME (like
 * wpa_supplicant). Each request is one datagram, "CMD arg arg ...", with
 * blank-separated arguments; a double-quoted argument may contain blanks
 * (quotes are removed). Command names match case-insensitively.
 * Each reply is one datagram:
 *	"OK\n"			success without data
 *	"FAIL <reason>\n"	failure
 *	any other text		data (may be several lines, ends with '\n')
 *	"PONG\n"		reply to the built-in PING
 * Built-in commands: PING, HELP, ATTACH [roamlab], DETACH.
 * Events go to every attached client as one datagram each. A client that
 * said "ATTACH roamlab" gets
 *	"EVENT <name> t=<monotonic-us> key=value ...\n"
 * and one that said plain "ATTACH" (wpa_cli, hostapd_cli) gets the events
 * wpa_supplicant and hostapd would send, "<3>CTRL-EVENT-CONNECTED - ...".
 * t comes from the server's loop clock (loop_now_us).
 *
 * Clients bind their own socket (abstract-free, a file in the same dir or
 * /tmp) so the server can reply.
 */
#ifndef ROAMLAB_CTRL_H
#define ROAMLAB_CTRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct ctrl_server;
struct ctrl_req;

#define CTRL_MSG_MAX 16384	/* largest request, reply or event */
#define CTRL_MAX_ARGS 32
#define CTRL_DEFAULT_DIR "/run/roamlab"

/* A command handler: argv[0] is the command name, argv[1..argc-1] its
 * arguments. Return 0 for success (reply "OK" unless ctrl_reply_printf()
 * added data), or a negative errno for "FAIL <reason>" where reason is what
 * ctrl_fail() set, else strerror(-ret). */
typedef int (*ctrl_handler)(struct ctrl_req *req, int argc, char **argv,
			    void *ctx);

struct ctrl_cmd {
	const char *name;
	int min_args;		/* arguments after the name */
	int max_args;		/* -1: no limit (up to CTRL_MAX_ARGS - 1) */
	ctrl_handler handler;
	const char *usage;	/* "<bssid> [freq]" shown by HELP */
	const char *help;	/* one line */
};

/* Create the server socket at dir/name (dir is created 0770 if missing; a
 * stale socket file is replaced) and register it on l. cmds must stay valid
 * for the server's lifetime; ctx is passed to every handler. Returns NULL on
 * failure (logged). */
struct ctrl_server *ctrl_server_new(struct loop *l, const char *dir,
				    const char *name,
				    const struct ctrl_cmd *cmds, size_t ncmds,
				    void *ctx);
/* Unregister, close, unlink the socket file. NULL is allowed. */
void ctrl_server_free(struct ctrl_server *srv);
const char *ctrl_server_path(const struct ctrl_server *srv);
unsigned int ctrl_server_num_attached(const struct ctrl_server *srv);

/* Handle one request text as if it arrived on the socket and write the reply
 * into reply (NUL-terminated, truncated to replylen). For tests and for
 * scripts run inside the daemon. Returns the reply length. */
size_t ctrl_server_dispatch(struct ctrl_server *srv, const char *request,
			    char *reply, size_t replylen);

/* From a handler: append data to the reply (printf-style). Returns 0 or
 * -E2BIG once the reply would exceed CTRL_MSG_MAX. */
int ctrl_reply_printf(struct ctrl_req *req, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* From a handler: set the FAIL reason; returns -EINVAL so a handler can
 * `return ctrl_fail(req, "unknown bssid %s", argv[1]);`. */
int ctrl_fail(struct ctrl_req *req, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct ctrl_server *ctrl_req_server(const struct ctrl_req *req);

/* Send "EVENT <name> t=<us> <fmt...>" to every client attached with
 * "ATTACH roamlab". fmt may be NULL for no key=value part. Clients that are
 * gone are detached. */
void ctrl_event(struct ctrl_server *srv, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Send "<3>TEXT" (no newline, as wpa_supplicant and hostapd do) to every
 * client attached with a plain ATTACH: wpa_cli and hostapd_cli, their
 * action scripts (-a) included. */
void ctrl_event_text(struct ctrl_server *srv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- client side (roamlab ctl, lab runner, tests) ---- */
struct ctrl_client;

/* Connect to the server socket at path. NULL on failure (errno set). */
struct ctrl_client *ctrl_client_open(const char *path);
void ctrl_client_close(struct ctrl_client *c);
/* The client socket fd, for poll()/loop_add_fd(). Readable when an event
 * (or reply) datagram is waiting. */
int ctrl_client_fd(const struct ctrl_client *c);

/* Send cmd and wait up to timeout_ms for the reply, which is copied into
 * reply (NUL-terminated). Events that arrive meanwhile are queued for
 * ctrl_client_recv_event(). Returns the reply length, -ETIMEDOUT, or
 * another negative errno. */
int ctrl_client_request(struct ctrl_client *c, const char *cmd, char *reply,
			size_t replylen, int timeout_ms);
/* ATTACH / DETACH; 0 if the server said OK, else negative errno. */
int ctrl_client_attach(struct ctrl_client *c, int timeout_ms);
int ctrl_client_detach(struct ctrl_client *c, int timeout_ms);
/* Next event ("EVENT ..." line without the trailing newline), from the queue
 * or the socket, waiting up to timeout_ms (0: don't wait, -1: forever).
 * Returns its length, -ETIMEDOUT, or another negative errno. */
int ctrl_client_recv_event(struct ctrl_client *c, char *buf, size_t len,
			   int timeout_ms);

/* ---- parsing events ---- */
#define CTRL_EVENT_MAX_KV 24
struct ctrl_event_msg {
	const char *name;
	uint64_t t_us;
	int nkv;
	const char *key[CTRL_EVENT_MAX_KV];
	const char *val[CTRL_EVENT_MAX_KV];
};
/* Parse an "EVENT name t=N k=v ..." line in place (the buffer is modified;
 * values may be double-quoted to contain blanks). Returns 0 or -EINVAL. */
int ctrl_event_parse(char *line, struct ctrl_event_msg *ev);
/* Value of key, or NULL. */
const char *ctrl_event_get(const struct ctrl_event_msg *ev, const char *key);

#endif
