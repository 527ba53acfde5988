// SPDX-License-Identifier: MIT
/* loop.c: the event loop. epoll for fds, a sorted list of one-shot timers
 * driven by the (replaceable) clock, signalfd for signals.
 *
 * There is no timerfd: each iteration computes the epoll timeout from the
 * earliest timer. With a fake clock, tests advance the clock themselves and
 * call loop_run_timers().
 *
 * Re-entrancy: callbacks may add or remove fds and timers, cancel any timer
 * (their own included) and quit the loop.
 *  - An fd removed while events are being dispatched is only marked dead and
 *    freed after the batch, so a pending event for it is skipped, not run on
 *    freed memory.
 *  - loop_run_timers() takes one due timer at a time from the list head, so
 *    timers cancelled by an earlier callback never fire; timers added during
 *    the run wait for the next run even when already due (no busy loops). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"

#define LOOP_MAX_EVENTS 32

struct loop_fd {
	struct loop_fd *next;
	int fd;
	uint32_t events;	/* kept to rebuild the epoll set after fork() */
	bool dead;
	loop_fd_cb cb;
	void *ctx;
};

struct loop_timer {
	struct loop_timer *next;
	uint64_t due_us;
	uint64_t seq;		/* insertion order: FIFO among equal due times */
	loop_timer_cb cb;
	void *ctx;
};

struct loop_signal {
	struct loop_signal *next;
	int signo;
	loop_signal_cb cb;
	void *ctx;
};

struct loop {
	int epfd;
	bool quit;
	int status;
	loop_clock_fn clock;
	void *clock_ctx;

	struct loop_fd *fds;
	struct loop_fd *dead_fds;	/* removed during dispatch */
	int dispatching;

	struct loop_timer *timers;	/* sorted by (due_us, seq) */
	uint64_t timer_seq;
	struct loop_timer *firing;	/* the timer whose callback runs */

	struct loop_signal *sigs;
	int sigfd;
	sigset_t sigmask;
};

static uint64_t loop_monotonic_us(void *ctx)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

struct loop *loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0) {
		free(l);
		return NULL;
	}
	l->sigfd = -1;
	sigemptyset(&l->sigmask);
	l->clock = loop_monotonic_us;
	return l;
}

static void loop_free_dead_fds(struct loop *l)
{
	while (l->dead_fds) {
		struct loop_fd *e = l->dead_fds;

		l->dead_fds = e->next;
		free(e);
	}
}

void loop_free(struct loop *l)
{
	if (!l)
		return;
	while (l->fds) {
		struct loop_fd *e = l->fds;

		l->fds = e->next;
		free(e);
	}
	loop_free_dead_fds(l);
	while (l->timers) {
		struct loop_timer *t = l->timers;

		l->timers = t->next;
		free(t);
	}
	while (l->sigs) {
		struct loop_signal *s = l->sigs;

		l->sigs = s->next;
		free(s);
	}
	if (l->sigfd >= 0)
		close(l->sigfd);
	close(l->epfd);
	free(l);
}

void loop_set_clock(struct loop *l, loop_clock_fn fn, void *ctx)
{
	l->clock = fn ? fn : loop_monotonic_us;
	l->clock_ctx = fn ? ctx : NULL;
}

uint64_t loop_now_us(struct loop *l)
{
	return l->clock(l->clock_ctx);
}

/* ---- fds ---------------------------------------------------------------- */

static struct loop_fd *loop_find_fd(struct loop *l, int fd)
{
	for (struct loop_fd *e = l->fds; e; e = e->next)
		if (e->fd == fd)
			return e;
	return NULL;
}

int loop_add_fd(struct loop *l, int fd, uint32_t events, loop_fd_cb cb, void *ctx)
{
	struct epoll_event ev = { .events = events };
	struct loop_fd *e;

	if (fd < 0 || !cb)
		return -EINVAL;
	if (loop_find_fd(l, fd))
		return -EEXIST;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->fd = fd;
	e->events = events;
	e->cb = cb;
	e->ctx = ctx;
	ev.data.ptr = e;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int err = -errno;

		free(e);
		return err;
	}
	e->next = l->fds;
	l->fds = e;
	return 0;
}

int loop_mod_fd(struct loop *l, int fd, uint32_t events)
{
	struct loop_fd *e = loop_find_fd(l, fd);
	struct epoll_event ev = { .events = events };

	if (!e)
		return -ENOENT;
	ev.data.ptr = e;
	if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, fd, &ev) < 0)
		return -errno;
	e->events = events;
	return 0;
}

int loop_del_fd(struct loop *l, int fd)
{
	struct loop_fd **pp, *e = NULL;

	for (pp = &l->fds; *pp; pp = &(*pp)->next) {
		if ((*pp)->fd == fd) {
			e = *pp;
			*pp = e->next;
			break;
		}
	}
	if (!e)
		return -ENOENT;
	/* The fd may already be closed (EBADF): it left epoll then. */
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
	if (l->dispatching) {
		e->dead = true;
		e->next = l->dead_fds;
		l->dead_fds = e;
	} else {
		free(e);
	}
	return 0;
}

/* ---- timers ------------------------------------------------------------- */

static void loop_timer_insert(struct loop *l, struct loop_timer *t)
{
	struct loop_timer **pp = &l->timers;

	while (*pp && ((*pp)->due_us < t->due_us ||
		       ((*pp)->due_us == t->due_us && (*pp)->seq < t->seq)))
		pp = &(*pp)->next;
	t->next = *pp;
	*pp = t;
}

struct loop_timer *loop_timer_add(struct loop *l, uint64_t delay_us,
				  loop_timer_cb cb, void *ctx)
{
	struct loop_timer *t;
	uint64_t now;

	if (!cb)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	now = loop_now_us(l);
	t->due_us = delay_us > UINT64_MAX - now ? UINT64_MAX : now + delay_us;
	t->seq = l->timer_seq++;
	t->cb = cb;
	t->ctx = ctx;
	loop_timer_insert(l, t);
	return t;
}

static bool loop_timer_unlink(struct loop *l, struct loop_timer *t)
{
	for (struct loop_timer **pp = &l->timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			return true;
		}
	}
	return false;
}

void loop_timer_cancel(struct loop *l, struct loop_timer *t)
{
	if (!t || t == l->firing)	/* running now: freed when it returns */
		return;
	if (loop_timer_unlink(l, t))
		free(t);
}

void loop_timer_cancel_ctx(struct loop *l, void *ctx)
{
	struct loop_timer **pp = &l->timers;

	while (*pp) {
		struct loop_timer *t = *pp;

		if (t->ctx == ctx) {
			*pp = t->next;
			free(t);
		} else {
			pp = &t->next;
		}
	}
}

uint64_t loop_next_timer_us(struct loop *l)
{
	uint64_t now;

	if (!l->timers)
		return UINT64_MAX;
	now = loop_now_us(l);
	return l->timers->due_us > now ? l->timers->due_us - now : 0;
}

int loop_run_timers(struct loop *l)
{
	uint64_t now = loop_now_us(l), limit = l->timer_seq;
	int fired = 0;

	for (;;) {
		struct loop_timer **pp = &l->timers, *t;

		/* the first due timer that existed when the run started */
		while (*pp && (*pp)->due_us <= now && (*pp)->seq >= limit)
			pp = &(*pp)->next;
		t = *pp;
		if (!t || t->due_us > now)
			break;
		*pp = t->next;
		l->firing = t;
		t->cb(l, t, t->ctx);
		l->firing = NULL;
		free(t);
		fired++;
		if (l->quit)
			break;
	}
	return fired;
}

/* ---- signals ------------------------------------------------------------ */

static void loop_signalfd_cb(struct loop *l, int fd, uint32_t events, void *ctx)
{
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		for (struct loop_signal *s = l->sigs; s; s = s->next) {
			if (s->signo == (int)si.ssi_signo) {
				s->cb(l, s->signo, s->ctx);
				break;
			}
		}
	}
}

int loop_add_signal(struct loop *l, int signo, loop_signal_cb cb, void *ctx)
{
	struct loop_signal *s;
	sigset_t one;
	int fd, ret;

	if (!cb || signo <= 0 || signo >= NSIG)
		return -EINVAL;
	for (s = l->sigs; s; s = s->next)
		if (s->signo == signo)
			return -EEXIST;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->signo = signo;
	s->cb = cb;
	s->ctx = ctx;

	/* signalfd only sees blocked signals */
	sigemptyset(&one);
	sigaddset(&one, signo);
	if (sigprocmask(SIG_BLOCK, &one, NULL) < 0) {
		ret = -errno;
		goto cleanup;
	}
	sigaddset(&l->sigmask, signo);
	fd = signalfd(l->sigfd, &l->sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		sigdelset(&l->sigmask, signo);
		goto cleanup;
	}
	if (l->sigfd < 0) {
		ret = loop_add_fd(l, fd, EPOLLIN, loop_signalfd_cb, NULL);
		if (ret) {
			close(fd);
			sigdelset(&l->sigmask, signo);
			goto cleanup;
		}
		l->sigfd = fd;
	}
	s->next = l->sigs;
	l->sigs = s;
	return 0;
cleanup:
	free(s);
	return ret;
}

/* ---- fork ----------------------------------------------------------------- */

/* A signalfd in an epoll set reports readiness only for signals sent to the
 * process that added it (signalfd(2), "epoll semantics"): after fork() the
 * child would never wake for its own SIGTERM. The child therefore gets a
 * signalfd and an epoll set of its own, holding the same fds. */
int loop_after_fork(struct loop *l)
{
	struct epoll_event ev;
	int epfd, sigfd = -1, ret;

	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		return -errno;
	if (l->sigfd >= 0) {
		sigfd = signalfd(-1, &l->sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
		if (sigfd < 0) {
			ret = -errno;
			goto cleanup;
		}
	}
	for (struct loop_fd *e = l->fds; e; e = e->next) {
		ev.events = e->events;
		ev.data.ptr = e;
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, e->fd == l->sigfd ? sigfd : e->fd,
			      &ev) < 0) {
			ret = -errno;
			goto cleanup;
		}
	}
	for (struct loop_fd *e = l->fds; e; e = e->next)
		if (e->fd == l->sigfd)
			e->fd = sigfd;
	if (l->sigfd >= 0)
		close(l->sigfd);
	l->sigfd = sigfd;
	close(l->epfd);
	l->epfd = epfd;
	return 0;
cleanup:
	if (sigfd >= 0)
		close(sigfd);
	close(epfd);
	return ret;
}

/* ---- running ------------------------------------------------------------- */

static int loop_timeout_ms(struct loop *l, int timeout_ms)
{
	uint64_t next = loop_next_timer_us(l), ms;

	if (next == UINT64_MAX)
		return timeout_ms;
	ms = (next + 999) / 1000;	/* round up: never wake before due */
	if (ms > INT_MAX)
		ms = INT_MAX;
	if (timeout_ms >= 0 && (uint64_t)timeout_ms < ms)
		return timeout_ms;
	return (int)ms;
}

int loop_iterate(struct loop *l, int timeout_ms)
{
	struct epoll_event ev[LOOP_MAX_EVENTS];
	int n;

	n = epoll_wait(l->epfd, ev, LOOP_MAX_EVENTS,
		       loop_timeout_ms(l, timeout_ms));
	if (n < 0) {
		if (errno == EINTR)
			return 0;
		return -errno;
	}
	l->dispatching++;
	for (int i = 0; i < n && !l->quit; i++) {
		struct loop_fd *e = ev[i].data.ptr;

		if (e->dead)
			continue;
		e->cb(l, e->fd, ev[i].events, e->ctx);
	}
	l->dispatching--;
	if (!l->dispatching)
		loop_free_dead_fds(l);
	if (!l->quit)
		loop_run_timers(l);
	return 0;
}

int loop_run(struct loop *l)
{
	int ret = 0;

	while (!l->quit) {
		ret = loop_iterate(l, -1);
		if (ret)
			break;
	}
	l->quit = false;
	return ret;
}

void loop_quit(struct loop *l, int status)
{
	l->quit = true;
	l->status = status;
}

int loop_exit_status(struct loop *l)
{
	return l->status;
}
