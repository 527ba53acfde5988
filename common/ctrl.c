// SPDX-License-Identifier: MIT
/* ctrl.c: UNIX datagram control interface (server, client, event parsing).
 * See ctrl.h for the protocol. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "ctrl.h"
#include "log.h"
#include "loop.h"
#include "util.h"

#define CTRL_TAG "ctrl"
/* Consecutive failed sends before an attached client is dropped. */
#define CTRL_MAX_SEND_FAILURES 16

struct ctrl_peer {
	struct sockaddr_un addr;
	socklen_t len;
	unsigned int failures;
	bool wpa_text;		/* plain ATTACH: wpa_ctrl "<3>TEXT" events */
	struct ctrl_peer *next;
};

struct ctrl_server {
	struct loop *loop;
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	const struct ctrl_cmd *cmds;
	size_t ncmds;
	void *ctx;
	struct ctrl_peer *attached;
	unsigned int nattached;
};

struct ctrl_req {
	struct ctrl_server *srv;
	const struct sockaddr_un *from;	/* NULL for ctrl_server_dispatch */
	socklen_t fromlen;
	char *buf;
	size_t len;
	bool overflow;
	char reason[256];
};

/* Split s in place into blank-separated words; "..." groups blanks and the
 * quotes are removed. Returns argc, or -EINVAL (unbalanced quote) or -E2BIG. */
static int split_args(char *s, char **argv, int max)
{
	char *r = s, *w;
	int n = 0;

	for (;;) {
		bool inq = false;

		while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			r++;
		if (!*r)
			break;
		if (n == max)
			return -E2BIG;
		argv[n++] = w = r;
		while (*r) {
			if (*r == '"') {
				inq = !inq;
				r++;
				continue;
			}
			if (!inq && (*r == ' ' || *r == '\t' || *r == '\n' ||
				     *r == '\r'))
				break;
			*w++ = *r++;
		}
		if (inq)
			return -EINVAL;
		if (*r)
			r++;
		*w = '\0';
	}
	return n;
}

int ctrl_reply_printf(struct ctrl_req *req, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (req->overflow)
		return -E2BIG;
	va_start(ap, fmt);
	n = vsnprintf(req->buf + req->len, CTRL_MSG_MAX - req->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= CTRL_MSG_MAX - req->len) {
		req->overflow = true;
		req->buf[req->len] = '\0';
		return -E2BIG;
	}
	req->len += (size_t)n;
	return 0;
}

int ctrl_fail(struct ctrl_req *req, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(req->reason, sizeof(req->reason), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

struct ctrl_server *ctrl_req_server(const struct ctrl_req *req)
{
	return req->srv;
}

const char *ctrl_server_path(const struct ctrl_server *srv)
{
	return srv->path;
}

unsigned int ctrl_server_num_attached(const struct ctrl_server *srv)
{
	return srv->nattached;
}

static struct ctrl_peer **find_peer(struct ctrl_server *srv,
				    const struct sockaddr_un *a, socklen_t len)
{
	struct ctrl_peer **pp;

	for (pp = &srv->attached; *pp; pp = &(*pp)->next)
		if ((*pp)->len == len && memcmp(&(*pp)->addr, a, len) == 0)
			return pp;
	return NULL;
}

static void remove_peer(struct ctrl_server *srv, struct ctrl_peer **pp)
{
	struct ctrl_peer *p = *pp;

	*pp = p->next;
	free(p);
	srv->nattached--;
}

static int builtin_attach(struct ctrl_req *req, bool attach, bool wpa_text)
{
	struct ctrl_server *srv = req->srv;
	struct ctrl_peer **pp, *p;

	if (!req->from || req->fromlen <= sizeof(sa_family_t))
		return ctrl_fail(req, "no reply address to attach");
	pp = find_peer(srv, req->from, req->fromlen);
	if (!attach) {
		if (!pp)
			return ctrl_fail(req, "not attached");
		remove_peer(srv, pp);
		return 0;
	}
	if (pp) {
		(*pp)->failures = 0;
		(*pp)->wpa_text = wpa_text;
		return 0;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	memcpy(&p->addr, req->from, req->fromlen);
	p->len = req->fromlen;
	p->wpa_text = wpa_text;
	p->next = srv->attached;
	srv->attached = p;
	srv->nattached++;
	log_dbg(CTRL_TAG, "%s: monitor attached (%u)", srv->path,
		srv->nattached);
	return 0;
}

static int builtin_help(struct ctrl_req *req)
{
	struct ctrl_server *srv = req->srv;

	ctrl_reply_printf(req, "PING - check the daemon is alive\n"
			  "HELP - this list\n"
			  "ATTACH - receive events as wpa_supplicant/hostapd send them\n"
			  "ATTACH roamlab - receive events as EVENT name t=us key=value...\n"
			  "DETACH - stop receiving events\n");
	for (size_t i = 0; i < srv->ncmds; i++)
		ctrl_reply_printf(req, "%s%s%s - %s\n", srv->cmds[i].name,
				  srv->cmds[i].usage ? " " : "",
				  srv->cmds[i].usage ? srv->cmds[i].usage : "",
				  srv->cmds[i].help ? srv->cmds[i].help : "");
	return 0;
}

/* Execute one request; writes the reply (NUL-terminated) into req->buf. */
static void execute(struct ctrl_req *req, char *text)
{
	struct ctrl_server *srv = req->srv;
	char *argv[CTRL_MAX_ARGS];
	const struct ctrl_cmd *cmd = NULL;
	int argc, ret, nargs;

	req->len = 0;
	req->buf[0] = '\0';
	req->reason[0] = '\0';
	req->overflow = false;

	argc = split_args(text, argv, CTRL_MAX_ARGS);
	if (argc < 0) {
		ret = ctrl_fail(req, argc == -E2BIG ? "too many arguments" :
				"unbalanced quote");
		goto reply;
	}
	if (argc == 0) {
		ret = ctrl_fail(req, "empty command");
		goto reply;
	}
	log_dbg(CTRL_TAG, "%s: request %s (%d args)", srv->path, argv[0],
		argc - 1);
	if (strcasecmp(argv[0], "PING") == 0) {
		ctrl_reply_printf(req, "PONG\n");
		ret = 0;
		goto reply;
	}
	if (strcasecmp(argv[0], "HELP") == 0) {
		ret = builtin_help(req);
		goto reply;
	}
	/* wpa_cli and hostapd_cli send a plain ATTACH (hostapd_cli may add
	 * filters, which we take as plain): they get "<3>TEXT" events;
	 * roamlab's own clients say "ATTACH roamlab" */
	if (strcasecmp(argv[0], "ATTACH") == 0) {
		ret = builtin_attach(req, true, argc == 1 || strcmp(argv[1], "roamlab"));
		goto reply;
	}
	if (strcasecmp(argv[0], "DETACH") == 0) {
		ret = argc == 1 ? builtin_attach(req, false, false) :
				  ctrl_fail(req, "usage: %s", argv[0]);
		goto reply;
	}
	for (size_t i = 0; i < srv->ncmds; i++) {
		if (strcasecmp(argv[0], srv->cmds[i].name) == 0) {
			cmd = &srv->cmds[i];
			break;
		}
	}
	if (!cmd) {
		ret = ctrl_fail(req, "unknown command '%s'", argv[0]);
		goto reply;
	}
	nargs = argc - 1;
	if (nargs < cmd->min_args ||
	    (cmd->max_args >= 0 && nargs > cmd->max_args)) {
		ret = ctrl_fail(req, "wrong number of arguments; usage: %s%s%s",
				cmd->name, cmd->usage ? " " : "",
				cmd->usage ? cmd->usage : "");
		goto reply;
	}
	ret = cmd->handler(req, argc, argv, srv->ctx);
reply:
	if (ret == 0 && req->overflow) {
		ret = -E2BIG;
		snprintf(req->reason, sizeof(req->reason), "reply too long");
	}
	if (ret < 0) {
		req->len = (size_t)snprintf(req->buf, CTRL_MSG_MAX, "FAIL %s\n",
					    req->reason[0] ? req->reason :
					    strerror(-ret));
	} else if (req->len == 0) {
		req->len = (size_t)snprintf(req->buf, CTRL_MSG_MAX, "OK\n");
	} else if (req->buf[req->len - 1] != '\n' &&
		   req->len + 1 < CTRL_MSG_MAX) {
		req->buf[req->len++] = '\n';
		req->buf[req->len] = '\0';
	}
}

size_t ctrl_server_dispatch(struct ctrl_server *srv, const char *request,
			    char *reply, size_t replylen)
{
	struct ctrl_req req = { .srv = srv };
	char *text = strdup(request);
	size_t n = 0;

	req.buf = malloc(CTRL_MSG_MAX);
	if (!text || !req.buf)
		goto cleanup;
	execute(&req, text);
	if (replylen) {
		n = req.len < replylen - 1 ? req.len : replylen - 1;
		memcpy(reply, req.buf, n);
		reply[n] = '\0';
	}
cleanup:
	if (text)
		secure_zero(text, strlen(text));
	free(text);
	free(req.buf);
	return n;
}

static void server_readable(struct loop *l, int fd, uint32_t events,
			    void *ctx)
{
	struct ctrl_server *srv = ctx;
	struct ctrl_req req = { .srv = srv };
	struct sockaddr_un from;
	socklen_t fromlen = sizeof(from);
	char *text = malloc(CTRL_MSG_MAX + 1);
	ssize_t n;

	req.buf = malloc(CTRL_MSG_MAX);
	if (!text || !req.buf)
		goto cleanup;
	n = recvfrom(fd, text, CTRL_MSG_MAX, MSG_DONTWAIT,
		     (struct sockaddr *)&from, &fromlen);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			log_warn(CTRL_TAG, "%s: recvfrom: %s", srv->path,
				 strerror(errno));
		goto cleanup;
	}
	text[n] = '\0';
	req.from = &from;
	req.fromlen = fromlen;
	execute(&req, text);
	if (fromlen > sizeof(sa_family_t) &&
	    sendto(fd, req.buf, req.len, MSG_DONTWAIT,
		   (struct sockaddr *)&from, fromlen) < 0)
		log_dbg(CTRL_TAG, "%s: reply not sent: %s", srv->path,
			strerror(errno));
	secure_zero(text, (size_t)n);
cleanup:
	free(text);
	free(req.buf);
}

struct ctrl_server *ctrl_server_new(struct loop *l, const char *dir,
				    const char *name,
				    const struct ctrl_cmd *cmds, size_t ncmds,
				    void *ctx)
{
	struct ctrl_server *srv = calloc(1, sizeof(*srv));
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int n;

	if (!srv)
		return NULL;
	srv->fd = -1;
	srv->loop = l;
	srv->cmds = cmds;
	srv->ncmds = ncmds;
	srv->ctx = ctx;
	n = snprintf(srv->path, sizeof(srv->path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(srv->path)) {
		log_err(CTRL_TAG, "control socket path %s/%s too long", dir,
			name);
		goto fail;
	}
	if (mkdir(dir, 0770) < 0 && errno != EEXIST) {
		log_err(CTRL_TAG, "%s: mkdir: %s", dir, strerror(errno));
		goto fail;
	}
	srv->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			 0);
	if (srv->fd < 0) {
		log_err(CTRL_TAG, "socket: %s", strerror(errno));
		goto fail;
	}
	memcpy(sa.sun_path, srv->path, strlen(srv->path) + 1);
	if (bind(srv->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (errno != EADDRINUSE) {
			log_err(CTRL_TAG, "%s: bind: %s", srv->path,
				strerror(errno));
			goto fail;
		}
		/* In use: is another daemon answering there? */
		if (connect(srv->fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
			log_err(CTRL_TAG, "%s: already in use by a running "
				"process", srv->path);
			goto fail;
		}
		log_info(CTRL_TAG, "%s: removing stale socket", srv->path);
		unlink(srv->path);
		close(srv->fd);
		srv->fd = socket(AF_UNIX,
				 SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (srv->fd < 0 ||
		    bind(srv->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
			log_err(CTRL_TAG, "%s: bind: %s", srv->path,
				strerror(errno));
			goto fail;
		}
	}
	chmod(srv->path, 0660);
	if (loop_add_fd(l, srv->fd, EPOLLIN, server_readable, srv) < 0) {
		log_err(CTRL_TAG, "%s: cannot add to loop", srv->path);
		unlink(srv->path);
		goto fail;
	}
	log_dbg(CTRL_TAG, "listening on %s", srv->path);
	return srv;
fail:
	if (srv->fd >= 0)
		close(srv->fd);
	free(srv);
	return NULL;
}

void ctrl_server_free(struct ctrl_server *srv)
{
	if (!srv)
		return;
	while (srv->attached)
		remove_peer(srv, &srv->attached);
	loop_del_fd(srv->loop, srv->fd);
	close(srv->fd);
	unlink(srv->path);
	free(srv);
}

/* Send msg to the attached clients of one kind; drop those gone. */
static void send_attached(struct ctrl_server *srv, bool wpa_text, const char *msg, size_t len)
{
	struct ctrl_peer **pp = &srv->attached;

	while (*pp) {
		struct ctrl_peer *p = *pp;

		if (p->wpa_text != wpa_text) {
			pp = &p->next;
			continue;
		}
		if (sendto(srv->fd, msg, len, MSG_DONTWAIT,
			   (struct sockaddr *)&p->addr, p->len) >= 0) {
			p->failures = 0;
		} else if (errno == ECONNREFUSED || errno == ENOENT ||
			   ++p->failures >= CTRL_MAX_SEND_FAILURES) {
			log_dbg(CTRL_TAG, "%s: detaching monitor: %s",
				srv->path, strerror(errno));
			remove_peer(srv, pp);
			continue;
		}
		pp = &p->next;
	}
}

void ctrl_event(struct ctrl_server *srv, const char *name, const char *fmt,
		...)
{
	char *msg;
	va_list ap;
	int n;
	size_t len;

	if (!srv || !srv->attached)
		return;
	msg = malloc(CTRL_MSG_MAX);
	if (!msg)
		return;
	n = snprintf(msg, CTRL_MSG_MAX, "EVENT %s t=%llu", name,
		     (unsigned long long)loop_now_us(srv->loop));
	len = (size_t)n;
	if (fmt && *fmt) {
		msg[len++] = ' ';
		va_start(ap, fmt);
		n = vsnprintf(msg + len, CTRL_MSG_MAX - len - 1, fmt, ap);
		va_end(ap);
		if (n < 0)
			n = 0;
		len += (size_t)n < CTRL_MSG_MAX - len - 1 ? (size_t)n :
		       CTRL_MSG_MAX - len - 2;
	}
	msg[len++] = '\n';
	msg[len] = '\0';
	send_attached(srv, false, msg, len);
	free(msg);
}

void ctrl_event_text(struct ctrl_server *srv, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int n;

	if (!srv || !srv->attached)
		return;
	memcpy(msg, "<3>", 3);	/* MSG_INFO, as wpa_msg() sends it */
	va_start(ap, fmt);
	n = vsnprintf(msg + 3, sizeof(msg) - 3, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	send_attached(srv, true, msg, strnlen(msg, sizeof(msg)));
}

/* ---------------------------------------------------------------- client */

struct ctrl_event_q {
	char *text;
	struct ctrl_event_q *next;
};

struct ctrl_client {
	int fd;
	char local[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct ctrl_event_q *head, *tail;
};

static unsigned int client_counter;

struct ctrl_client *ctrl_client_open(const char *path)
{
	struct ctrl_client *c = calloc(1, sizeof(*c));
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct sockaddr_un la = { .sun_family = AF_UNIX };
	int err = 0;

	if (!c)
		return NULL;
	c->fd = -1;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		err = ENAMETOOLONG;
		goto fail;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	c->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		err = errno;
		goto fail;
	}
	/* A pathname (not abstract) address, so replies reach us even when
	 * the server lives in another network namespace. */
	snprintf(c->local, sizeof(c->local), "/tmp/roamlab-ctl-%d-%u",
		 (int)getpid(), client_counter++);
	unlink(c->local);
	memcpy(la.sun_path, c->local, strlen(c->local) + 1);
	if (bind(c->fd, (struct sockaddr *)&la, sizeof(la)) < 0) {
		err = errno;
		c->local[0] = '\0';
		goto fail;
	}
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = errno;
		goto fail;
	}
	return c;
fail:
	if (c->fd >= 0)
		close(c->fd);
	if (c->local[0])
		unlink(c->local);
	free(c);
	errno = err;
	return NULL;
}

void ctrl_client_close(struct ctrl_client *c)
{
	if (!c)
		return;
	while (c->head) {
		struct ctrl_event_q *q = c->head;

		c->head = q->next;
		free(q->text);
		free(q);
	}
	close(c->fd);
	unlink(c->local);
	free(c);
}

int ctrl_client_fd(const struct ctrl_client *c)
{
	return c->fd;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Wait for one datagram. Returns its length (buf NUL-terminated), or
 * -ETIMEDOUT / -errno. timeout_ms < 0 waits forever. */
static int recv_one(struct ctrl_client *c, char *buf, size_t len,
		    int timeout_ms)
{
	uint64_t deadline = timeout_ms >= 0 ? mono_ms() + (uint64_t)timeout_ms : 0;
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	ssize_t n;

	for (;;) {
		int wait = -1, r;

		if (timeout_ms >= 0) {
			uint64_t now = mono_ms();

			wait = now >= deadline ? 0 : (int)(deadline - now);
		}
		r = poll(&pfd, 1, wait);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			return -ETIMEDOUT;
		n = recv(c->fd, buf, len - 1, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -errno;
		}
		buf[n] = '\0';
		return (int)n;
	}
}

static bool is_event(const char *s)
{
	return strncmp(s, "EVENT ", 6) == 0;
}

static void queue_event(struct ctrl_client *c, const char *text)
{
	struct ctrl_event_q *q = calloc(1, sizeof(*q));

	if (!q)
		return;
	q->text = strdup(text);
	if (!q->text) {
		free(q);
		return;
	}
	if (c->tail)
		c->tail->next = q;
	else
		c->head = q;
	c->tail = q;
}

int ctrl_client_request(struct ctrl_client *c, const char *cmd, char *reply,
			size_t replylen, int timeout_ms)
{
	uint64_t deadline = mono_ms() + (uint64_t)(timeout_ms < 0 ? 0 : timeout_ms);
	char *buf = malloc(CTRL_MSG_MAX + 1);
	int ret;

	if (!buf)
		return -ENOMEM;
	if (send(c->fd, cmd, strlen(cmd), 0) < 0) {
		ret = -errno;
		goto cleanup;
	}
	for (;;) {
		int left = -1;

		if (timeout_ms >= 0) {
			uint64_t now = mono_ms();

			left = now >= deadline ? 0 : (int)(deadline - now);
		}
		ret = recv_one(c, buf, CTRL_MSG_MAX + 1, left);
		if (ret < 0)
			goto cleanup;
		if (is_event(buf)) {
			queue_event(c, buf);
			continue;
		}
		break;
	}
	if (replylen) {
		size_t n = (size_t)ret < replylen - 1 ? (size_t)ret :
			   replylen - 1;

		memcpy(reply, buf, n);
		reply[n] = '\0';
	}
cleanup:
	free(buf);
	return ret;
}

static int simple_cmd(struct ctrl_client *c, const char *cmd, int timeout_ms)
{
	char reply[256];
	int ret = ctrl_client_request(c, cmd, reply, sizeof(reply),
				      timeout_ms);

	if (ret < 0)
		return ret;
	return strncmp(reply, "OK", 2) == 0 ? 0 : -EIO;
}

/* roamlab's daemons send EVENT lines to "ATTACH roamlab"; hostapd and
 * wpa_supplicant do not know it, and get a plain ATTACH. */
int ctrl_client_attach(struct ctrl_client *c, int timeout_ms)
{
	if (simple_cmd(c, "ATTACH roamlab", timeout_ms) == 0)
		return 0;
	return simple_cmd(c, "ATTACH", timeout_ms);
}

int ctrl_client_detach(struct ctrl_client *c, int timeout_ms)
{
	return simple_cmd(c, "DETACH", timeout_ms);
}

static int copy_event(const char *text, char *buf, size_t len)
{
	size_t n = strlen(text);

	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	if (len == 0)
		return -EINVAL;
	if (n > len - 1)
		n = len - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	return (int)n;
}

int ctrl_client_recv_event(struct ctrl_client *c, char *buf, size_t len,
			   int timeout_ms)
{
	uint64_t deadline = timeout_ms >= 0 ? mono_ms() + (uint64_t)timeout_ms : 0;
	char *tmp;
	int ret;

	if (c->head) {
		struct ctrl_event_q *q = c->head;

		c->head = q->next;
		if (!c->head)
			c->tail = NULL;
		ret = copy_event(q->text, buf, len);
		free(q->text);
		free(q);
		return ret;
	}
	tmp = malloc(CTRL_MSG_MAX + 1);
	if (!tmp)
		return -ENOMEM;
	for (;;) {
		int left = -1;

		if (timeout_ms >= 0) {
			uint64_t now = mono_ms();

			left = now >= deadline ? 0 : (int)(deadline - now);
		}
		ret = recv_one(c, tmp, CTRL_MSG_MAX + 1, left);
		if (ret < 0)
			break;
		if (!is_event(tmp))
			continue;	/* a late reply: drop it */
		ret = copy_event(tmp, buf, len);
		break;
	}
	free(tmp);
	return ret;
}

/* ---------------------------------------------------------------- events */

int ctrl_event_parse(char *line, struct ctrl_event_msg *ev)
{
	char *argv[CTRL_EVENT_MAX_KV + 3];
	int argc;
	char *end;

	memset(ev, 0, sizeof(*ev));
	argc = split_args(line, argv, (int)ARRAY_SIZE(argv));
	if (argc < 3 || strcmp(argv[0], "EVENT") != 0 ||
	    strncmp(argv[2], "t=", 2) != 0)
		return -EINVAL;
	ev->name = argv[1];
	/* digits only: strtoull alone would take "-1", "+5" or " 7" */
	if (!isdigit((unsigned char)argv[2][2]))
		return -EINVAL;
	errno = 0;
	ev->t_us = strtoull(argv[2] + 2, &end, 10);
	if (errno || end == argv[2] + 2 || *end)
		return -EINVAL;
	for (int i = 3; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i])
			return -EINVAL;
		*eq = '\0';
		ev->key[ev->nkv] = argv[i];
		ev->val[ev->nkv] = eq + 1;
		ev->nkv++;
	}
	return 0;
}

const char *ctrl_event_get(const struct ctrl_event_msg *ev, const char *key)
{
	for (int i = 0; i < ev->nkv; i++)
		if (strcmp(ev->key[i], key) == 0)
			return ev->val[i];
	return NULL;
}
