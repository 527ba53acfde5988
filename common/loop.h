/* SPDX-License-Identifier: MIT */
/* loop.h: an explicit event loop (epoll, timers, signals). No globals: every
 * user is handed a struct loop *. The clock is replaceable so tests can run
 * timers on fake time (loop_set_clock + loop_run_timers). */
#ifndef ROAMLAB_LOOP_H
#define ROAMLAB_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct loop;
struct loop_timer;

typedef void (*loop_fd_cb)(struct loop *l, int fd, uint32_t events, void *ctx);
typedef void (*loop_timer_cb)(struct loop *l, struct loop_timer *t, void *ctx);
typedef void (*loop_signal_cb)(struct loop *l, int signo, void *ctx);
typedef uint64_t (*loop_clock_fn)(void *ctx);	/* microseconds, monotonic */

struct loop *loop_new(void);
void loop_free(struct loop *l);

/* Replace the clock (default CLOCK_MONOTONIC in us). */
void loop_set_clock(struct loop *l, loop_clock_fn fn, void *ctx);
uint64_t loop_now_us(struct loop *l);

/* events are EPOLLIN/EPOLLOUT bits. */
int loop_add_fd(struct loop *l, int fd, uint32_t events, loop_fd_cb cb, void *ctx);
int loop_mod_fd(struct loop *l, int fd, uint32_t events);
int loop_del_fd(struct loop *l, int fd);

/* One-shot timer firing delay_us from now. Returns NULL on ENOMEM.
 * A timer is freed after its callback runs, or by loop_timer_cancel(). */
struct loop_timer *loop_timer_add(struct loop *l, uint64_t delay_us,
				  loop_timer_cb cb, void *ctx);
void loop_timer_cancel(struct loop *l, struct loop_timer *t);
/* Cancel every pending timer whose ctx matches (for object teardown). */
void loop_timer_cancel_ctx(struct loop *l, void *ctx);
/* Microseconds until the earliest timer, or UINT64_MAX if none. */
uint64_t loop_next_timer_us(struct loop *l);
/* Fire every timer due at loop_now_us(); returns how many fired. Tests with a
 * fake clock advance the clock and call this. */
int loop_run_timers(struct loop *l);

/* signalfd-based. */
int loop_add_signal(struct loop *l, int signo, loop_signal_cb cb, void *ctx);

/* In a child after fork(): give it its own epoll set and signalfd (the
 * inherited ones would keep waking on the parent's signals only). */
int loop_after_fork(struct loop *l);

/* Run until loop_quit(). Returns 0, or -errno on epoll failure. */
int loop_run(struct loop *l);
/* One iteration waiting at most timeout_ms (-1: until next timer/event). */
int loop_iterate(struct loop *l, int timeout_ms);
void loop_quit(struct loop *l, int status);
int loop_exit_status(struct loop *l);

#endif
