// SPDX-License-Identifier: MIT
/* daemon.c: background mode and PID files for roamlab-ap and roamlab-sta.
 *
 * Both programs set up their interface first and detach afterwards, as
 * hostapd does, so a configuration or driver error still reaches the
 * terminal and the exit status of the command that started them. The
 * parent waits until the child has written the PID file: when
 * `roamlab-ap -B -P FILE` returns 0, FILE names a running daemon. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "loop.h"

int daemon_abs_path(const char *path, char *out, size_t len)
{
	char cwd[4096];
	int n;

	if (path[0] == '/') {
		n = snprintf(out, len, "%s", path);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return -errno;
		n = snprintf(out, len, "%s/%s", cwd, path);
	}
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int daemon_write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	fprintf(f, "%d\n", (int)getpid());
	if (fclose(f))
		return -errno;
	return 0;
}

/* In the child: a new session, cwd /, stdio on /dev/null. */
static int daemon_detach(bool keep_stdio)
{
	int fd;

	if (setsid() < 0)
		return -errno;
	if (chdir("/") < 0)
		return -errno;
	if (keep_stdio)
		return 0;
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return -errno;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
	return 0;
}

int daemon_start(struct loop *l, bool keep_stdio, const char *pidfile)
{
	int pfd[2], ret;
	char st = 1;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -errno;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		close(pfd[0]);
		close(pfd[1]);
		return ret;
	}
	if (pid > 0) {
		/* the parent: exit once the child is ready (or has failed) */
		close(pfd[1]);
		if (read(pfd[0], &st, 1) != 1)
			st = 1;
		_exit(st ? 1 : 0);
	}
	close(pfd[0]);
	ret = daemon_detach(keep_stdio);
	if (!ret)
		ret = loop_after_fork(l);
	if (!ret && pidfile)
		ret = daemon_write_pidfile(pidfile);
	st = ret ? 1 : 0;
	if (write(pfd[1], &st, 1) != 1 && !ret)
		ret = -EIO;
	close(pfd[1]);
	return ret;
}
