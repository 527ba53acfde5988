// SPDX-License-Identifier: MIT
/*
 * ci/vm-init.c: PID 1 of the lab VM (uml, or qemu after switch_root).
 *
 * A shell script did this first, but under UML every fork+exec costs about
 * 100 ms of wall time, and the ~25 of them made boot-to-CMD take 3-5 s. This
 * program does the same with system calls only: boot to CMD is one exec.
 *
 * It makes the read-only host root usable (fresh proc/sys/dev, tmpfs where
 * tools write, the job's directory bound back when it lives under one of
 * them), mounts the output share, runs `bash JOB/cmd`, reaps orphans, writes
 * CMD's exit status to OUT/.vm-rc and powers off.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#define TMPFS_MAGIC_ 0x01021994

static void msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("vm-init: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void power_off(void)
{
	int fd;

	sync();
	fd = open("/proc/sys/kernel/printk", O_WRONLY);
	if (fd >= 0) {
		ssize_t n = write(fd, "0\n", 2);

		(void)n;
		close(fd);
	}
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

static int read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (fd < 0)
		return -errno;
	while ((size_t)total < cap - 1 &&
	       (n = read(fd, buf + total, cap - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	while (total > 0 && (buf[total - 1] == '\n' || buf[total - 1] == ' '))
		buf[--total] = 0;
	return (int)total;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		ret = -EIO;
	close(fd);
	return ret;
}

static void mkdir_p(const char *path)
{
	char tmp[4096];
	size_t i;

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (i = 1; tmp[i]; i++) {
		if (tmp[i] != '/')
			continue;
		tmp[i] = 0;
		mkdir(tmp, 0755);
		tmp[i] = '/';
	}
	mkdir(tmp, 0755);
}

static void do_mount(const char *src, const char *dst, const char *type,
		     unsigned long flags, const char *data)
{
	if (mount(src, dst, type, flags, data) < 0)
		msg("mount %s on %s (%s): %s", src, dst, type, strerror(errno));
}

static int run(char *const argv[])
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void lo_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
}

int main(void)
{
	static const char *const tmpdirs[] = {
		"/tmp", "/run", "/var/tmp", "/var/log", "/var/lib",
		"/var/cache", "/root", "/mnt",
	};
	static char cmdline[4096], job[1024], path[4096], cwd[4096],
		outdir[4096], radios[32], cmd[65536], keep[256];
	struct statfs sfs;
	char *p, *tok;
	pid_t child;
	int st, rc = 125;
	size_t i;

	setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
	/* over 9p the host's own /proc, /sys and /dev would show through */
	do_mount("proc", "/proc", "proc", 0, NULL);
	do_mount("sys", "/sys", "sysfs", 0, NULL);
	/* uml mounted devtmpfs itself; another one would hide /dev/urandom */
	if (statfs("/dev", &sfs) < 0 || sfs.f_type != TMPFS_MAGIC_)
		do_mount("dev", "/dev", "devtmpfs", 0, NULL);
	/* udev would make these; bash process substitution needs /dev/fd */
	symlink("/proc/self/fd", "/dev/fd");
	symlink("/proc/self/fd/0", "/dev/stdin");
	symlink("/proc/self/fd/1", "/dev/stdout");
	symlink("/proc/self/fd/2", "/dev/stderr");
	mkdir("/dev/pts", 0755);
	mkdir("/dev/shm", 01777);
	do_mount("devpts", "/dev/pts", "devpts", 0, NULL);
	do_mount("shm", "/dev/shm", "tmpfs", 0, "mode=1777");

	if (read_file("/proc/cmdline", cmdline, sizeof(cmdline)) < 0) {
		msg("cannot read /proc/cmdline");
		power_off();
	}
	job[0] = 0;
	for (tok = strtok_r(cmdline, " ", &p); tok; tok = strtok_r(NULL, " ", &p))
		if (!strncmp(tok, "roamlab.job=", 12))
			snprintf(job, sizeof(job), "%s", tok + 12);
	snprintf(path, sizeof(path), "%s/cmd", job);
	if (!job[0] || read_file(path, cmd, sizeof(cmd)) <= 0) {
		msg("no job (roamlab.job=%s)", job);
		power_off();
	}
	snprintf(path, sizeof(path), "%s/cwd", job);
	read_file(path, cwd, sizeof(cwd));
	snprintf(path, sizeof(path), "%s/outdir", job);
	read_file(path, outdir, sizeof(outdir));
	snprintf(path, sizeof(path), "%s/radios", job);
	read_file(path, radios, sizeof(radios));
	strcat(cmd, "\n");
	write_file("/dev/shm/roamlab-job", cmd);

	/* tmpfs wherever tools write; the job's directory (a clone under
	 * /tmp, say) stays visible: the host's copy is bound back over it */
	for (i = 0; i < sizeof(tmpdirs) / sizeof(tmpdirs[0]); i++) {
		const char *d = tmpdirs[i];
		size_t dl = strlen(d);
		int under = !strncmp(cwd, d, dl) && cwd[dl] == '/';

		if (under) {
			snprintf(keep, sizeof(keep), "/dev/shm/host%zu", i);
			mkdir(keep, 0755);
			do_mount(d, keep, NULL, MS_BIND, NULL);
		}
		do_mount("tmpfs", d, "tmpfs", 0, "mode=0755");
		if (under) {
			mkdir_p(cwd);
			snprintf(path, sizeof(path), "%s%s", keep, cwd + dl);
			do_mount(path, cwd, NULL, MS_BIND, NULL);
		}
	}
	chmod("/tmp", 01777);
	chmod("/var/tmp", 01777);
	mkdir("/run/netns", 0755);
	mkdir("/run/lock", 0755);
	mkdir("/var/lib/misc", 0755);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);

	mkdir("/mnt/roamlab-out", 0755);
	read_file("/proc/filesystems", cmdline, sizeof(cmdline));
	if (strstr(cmdline, "hostfs"))
		do_mount("none", "/mnt/roamlab-out", "hostfs", 0, outdir);
	else
		do_mount("roamlabout", "/mnt/roamlab-out", "9p", 0,
			 "trans=virtio,version=9p2000.L,msize=262144");

	sethostname("roamlab-vm", 10);
	lo_up();

	if (access("/sys/module/mac80211_hwsim", F_OK) != 0) {
		/* qemu: Debian's modular kernel; the host root has /lib/modules.
		 * Without ccm/ctr/michael a handshake fails as "wrong key". */
		static const char *const mods[] = {
			"ccm", "ctr", "gcm", "cmac", "michael_mic", "libarc4",
			"veth", "bridge",
		};
		char arg[64];

		write_file("/proc/sys/kernel/modprobe", "/sbin/modprobe\n");
		snprintf(arg, sizeof(arg), "radios=%s", radios[0] ? radios : "0");
		if (run((char *[]){ "modprobe", "mac80211_hwsim", arg, NULL }) != 0)
			msg("modprobe mac80211_hwsim failed");
		for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
			run((char *[]){ "modprobe", "-q", (char *)mods[i], NULL });
	}

	child = fork();
	if (child == 0) {
		int fd = open("/dev/null", O_RDONLY);

		if (fd >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		execl("/bin/bash", "bash", "/dev/shm/roamlab-job", (char *)NULL);
		_exit(126);
	}
	/* PID 1 reaps every orphan until the job itself exits */
	for (;;) {
		pid_t w = wait(&st);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		if (w == child) {
			rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			break;
		}
	}
	kill(-1, SIGKILL);
	snprintf(path, sizeof(path), "%d\n", rc);
	write_file("/mnt/roamlab-out/.vm-rc", path);
	power_off();
	return 0;
}
