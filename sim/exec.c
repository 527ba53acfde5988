// SPDX-License-Identifier: MIT
/* exec.c: fork+exec helpers. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec.h"
#include "log.h"

#define TAG "exec"

static void child_reset(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, NULL);
	signal(SIGPIPE, SIG_DFL);
}

int sim_exec(bool quiet, const char *const *argv)
{
	int pipefd[2];
	char err[1024];
	size_t n = 0;
	pid_t pid;
	int st;

	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -errno;
	}
	if (pid == 0) {
		child_reset();
		dup2(pipefd[1], 2);
		int devnull = open("/dev/null", O_RDWR);

		if (devnull >= 0)
			dup2(devnull, 1);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		ssize_t r = read(pipefd[0], err + n, sizeof(err) - 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n == sizeof(err) - 1)
			break;
	}
	err[n] = '\0';
	close(pipefd[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	st = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if (st && !quiet) {
		char cmd[512];
		size_t l = 0;

		cmd[0] = '\0';
		for (int i = 0; argv[i] && l < sizeof(cmd); i++)
			l += snprintf(cmd + l, sizeof(cmd) - l, "%s%s", i ? " " : "", argv[i]);
		while (n && (err[n - 1] == '\n'))
			err[--n] = '\0';
		log_err(TAG, "'%s' failed (%d): %s", cmd, st, err);
	}
	return st;
}

int sim_execf(bool quiet, const char *fmt, ...)
{
	char buf[1024];
	const char *argv[64];
	int argc = 0;
	va_list ap;
	char *save, *tok;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 63; tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (!argc)
		return -EINVAL;
	return sim_exec(quiet, argv);
}

static pid_t spawn(const char *ns, const char *logpath, const char *const *argv, int out_fd)
{
	const char *full[64];
	int n = 0;
	pid_t pid;

	if (ns) {
		full[n++] = "ip";
		full[n++] = "netns";
		full[n++] = "exec";
		full[n++] = ns;
	}
	for (int i = 0; argv[i] && n < 63; i++)
		full[n++] = argv[i];
	full[n] = NULL;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0644);

		child_reset();
		setpgid(0, 0);
		if (fd >= 0) {
			dup2(out_fd >= 0 ? out_fd : fd, 1);
			dup2(fd, 2);
		}
		int devnull = open("/dev/null", O_RDONLY);

		if (devnull >= 0)
			dup2(devnull, 0);
		execvp(full[0], (char *const *)full);
		fprintf(stderr, "cannot run %s: %s\n", full[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

pid_t sim_spawn(const char *ns, const char *logpath, const char *const *argv)
{
	return spawn(ns, logpath, argv, -1);
}

pid_t sim_spawn_pipe(const char *ns, const char *logpath, const char *const *argv, int *rfd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	pid = spawn(ns, logpath, argv, p[1]);
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return pid;
	}
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	*rfd = p[0];
	return pid;
}
