// SPDX-License-Identifier: MIT
/* evsock.c: control-socket client for event collection. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "evsock.h"

void sim_evsock_init(struct sim_evsock *s)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

int sim_evsock_open(struct sim_evsock *s, const char *remote, const char *local,
		    const char *attach)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd, ret;

	if (strlen(remote) >= sizeof(a.sun_path) || strlen(local) >= sizeof(a.sun_path))
		return -ENAMETOOLONG;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	unlink(local);
	strcpy(a.sun_path, local);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		ret = -errno;
		goto fail;
	}
	strcpy(a.sun_path, remote);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		ret = -errno;
		goto fail;
	}
	if (send(fd, attach, strlen(attach), 0) < 0) {
		ret = -errno;
		goto fail;
	}
	s->fd = fd;
	s->attached = false;
	snprintf(s->local, sizeof(s->local), "%s", local);
	snprintf(s->remote, sizeof(s->remote), "%s", remote);
	return 0;
fail:
	close(fd);
	unlink(local);
	return ret;
}

void sim_evsock_close(struct sim_evsock *s)
{
	if (s->fd >= 0) {
		close(s->fd);
		unlink(s->local);
	}
	s->fd = -1;
	s->attached = false;
}

int sim_evsock_send(struct sim_evsock *s, const char *cmd)
{
	if (s->fd < 0)
		return -ENOTCONN;
	if (send(s->fd, cmd, strlen(cmd), 0) < 0)
		return -errno;
	return 0;
}

int sim_evsock_recv(struct sim_evsock *s, char *buf, size_t len)
{
	ssize_t n;

	if (s->fd < 0)
		return -ENOTCONN;
	n = recv(s->fd, buf, len - 1, 0);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
		n--;
	buf[n] = '\0';
	return (int)n;
}

static char *skip_word(char *p)
{
	while (*p && !isspace((unsigned char)*p))
		p++;
	return p;
}

void sim_dgram_parse(char *buf, struct sim_dgram *d)
{
	char *p = buf, *e;

	memset(d, 0, sizeof(*d));
	if (!strncmp(p, "EVENT ", 6)) {
		p += 6;
		e = skip_word(p);
		snprintf(d->name, sizeof(d->name), "%.*s", (int)(e - p), p);
		while (isspace((unsigned char)*e))
			e++;
		/* drop the server's own t=; the lab stamps its own clock */
		if (!strncmp(e, "t=", 2)) {
			e = skip_word(e);
			while (isspace((unsigned char)*e))
				e++;
		}
		d->kind = SIM_DGRAM_EVENT;
		d->rest = e;
		return;
	}
	if (p[0] == '<' && isdigit((unsigned char)p[1]) && p[2] == '>') {
		p += 3;
		e = skip_word(p);
		snprintf(d->name, sizeof(d->name), "%.*s", (int)(e - p), p);
		while (isspace((unsigned char)*e))
			e++;
		d->kind = SIM_DGRAM_EVENT;
		d->rest = e;
		return;
	}
	d->kind = SIM_DGRAM_REPLY;
	snprintf(d->name, sizeof(d->name), "reply");
	d->rest = p;
}
