/* SPDX-License-Identifier: MIT */
/* exec.h: running helper programs (ip, iw) and daemons for the lab. */
#ifndef ROAMLAB_SIM_EXEC_H
#define ROAMLAB_SIM_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Run argv (NULL-terminated) and wait. Returns the exit status, or -errno.
 * On failure the command and its stderr go to the error log unless quiet. */
int sim_exec(bool quiet, const char *const *argv);
/* printf-style: the command is split on blanks (no quoting). */
int sim_execf(bool quiet, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Start argv in the background with stdout and stderr appended to logpath,
 * in network namespace ns (via "ip netns exec") if ns is not NULL. The
 * child gets an empty signal mask. Returns the pid or -errno. */
pid_t sim_spawn(const char *ns, const char *logpath, const char *const *argv);
/* The same with stdout into a pipe: *rfd is its non-blocking read end
 * (close-on-exec); stderr still goes to logpath. */
pid_t sim_spawn_pipe(const char *ns, const char *logpath, const char *const *argv, int *rfd);

#endif
