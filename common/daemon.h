/* SPDX-License-Identifier: MIT */
/* daemon.h: -B and -P as hostapd and wpa_supplicant do them. */
#ifndef ROAMLAB_DAEMON_H
#define ROAMLAB_DAEMON_H

#include <stdbool.h>
#include <stddef.h>

struct loop;

/* The PID file's path made absolute against the current directory (the
 * daemon runs in /), as hostapd and wpa_supplicant do with -P. */
int daemon_abs_path(const char *path, char *out, size_t len);
/* Detach (fork, setsid, cd /; stdio to /dev/null unless keep_stdio), give
 * the child's loop its own epoll set and signalfd, and write pidfile (may
 * be NULL). Returns in the child only; the parent exits 0 once the child is
 * ready, 1 if it failed. */
int daemon_start(struct loop *l, bool keep_stdio, const char *pidfile);
/* Write our pid and a newline to path. */
int daemon_write_pidfile(const char *path);

#endif
