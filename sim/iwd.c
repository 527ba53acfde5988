// SPDX-License-Identifier: MIT
/* iwd.c: Debian's iwd as a lab station (impl=iwd).
 *
 * iwd has no configuration file of the wpa_supplicant kind and no control
 * socket: it reads network profiles from $STATE_DIRECTORY, its main.conf
 * from $CONFIGURATION_DIRECTORY, and talks only over the D-Bus system bus.
 * The lab gives each iwd node its own directories and its own bus (a
 * dbus-daemon listening on a path in the node's run directory, named to iwd
 * and to its clients by $DBUS_SYSTEM_BUS_ADDRESS), so several iwd stations
 * can run in one VM, each in its node's network namespace.
 *
 * Events: the lab follows the station's State property
 * (net.connman.iwd.Station, PropertiesChanged signals, read from
 * dbus-monitor's output). On "connected" it asks the kernel which BSS the
 * interface is associated with (iw dev IF link), so a roam shows as a
 * connection to a new AP in events.jsonl, as for any other station. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec.h"
#include "iwd.h"
#include "log.h"
#include "loop.h"
#include "run.h"
#include "util.h"

#define TAG "iwd"
#define IWD_BIN "/usr/libexec/iwd"
#define STATION_IFACE "net.connman.iwd.Station"

struct sim_iwd {
	struct sim_run *run;
	int node;
	char dir[160];		/* RUN_DIR/NAME-iwd: state/, conf/, bus */
	pid_t bus_pid;
	pid_t mon_pid;
	int mon_fd;
	/* dbus-monitor output, one line at a time */
	char line[1024];
	size_t len;
	bool in_signal;		/* inside a PropertiesChanged signal */
	char iface[64];		/* its interface argument */
	bool want_state;	/* the next variant is the State value */
};

/* iwd names a profile after the SSID when it is plain, else "=" + hex
 * (iwd.network(5), "Network Name"). */
static void profile_name(const char *ssid, const char *ext, char *out, size_t len)
{
	bool plain = *ssid != '\0';
	size_t o;

	for (const char *p = ssid; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == ' '))
			plain = false;
	if (plain) {
		snprintf(out, len, "%s.%s", ssid, ext);
		return;
	}
	o = (size_t)snprintf(out, len, "=");
	for (const unsigned char *p = (const unsigned char *)ssid; *p && o + 3 < len; p++)
		o += (size_t)snprintf(out + o, len - o, "%02x", *p);
	snprintf(out + o, len - o, ".%s", ext);
}

/* a 256-bit PSK in hex rather than a passphrase */
static bool is_psk_hex(const char *psk)
{
	uint8_t k[32];
	bool hex = strlen(psk) == 64 && !hex_decode(psk, k, sizeof(k));

	explicit_bzero(k, sizeof(k));
	return hex;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	fputs(text, f);
	return fclose(f) ? -errno : 0;
}

int sim_iwd_write_conf(struct sim_run *r, int i)
{
	struct sim_rnode *n = &r->nodes[i];
	const struct sim_node_cfg *c = n->cfg;
	const char *ssid = sim_kv_get(c, "ssid");
	const char *psk = sim_kv_get(c, "psk");
	const char *sae = sim_kv_get(c, "sae_password");
	char dir[200], path[400], name[140], text[1024];
	int ret;

	if (!ssid) {
		log_err(TAG, "%s: impl=iwd needs ssid=", c->name);
		return -EINVAL;
	}
	if (c->conf) {
		log_err(TAG, "%s: impl=iwd takes the network from the topology's keys, not conf=",
			c->name);
		return -EINVAL;
	}
	snprintf(dir, sizeof(dir), "%s-iwd", n->ctrl_dir);
	/* beside the node's run directory, which exists */
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/state", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/conf", dir);
	mkdir(path, 0700);
	/* iwd configures no addresses (the lab does), keeps the interface the
	 * lab created, and does not scan periodically while connected */
	snprintf(path, sizeof(path), "%s/conf/main.conf", dir);
	ret = write_file(path,
			 "[General]\nEnableNetworkConfiguration=false\n"
			 "UseDefaultInterface=true\n"
			 "[DriverQuirks]\nDefaultInterface=*\n");
	if (ret)
		return ret;
	profile_name(ssid, psk || sae ? "psk" : "open", name, sizeof(name));
	if (psk && is_psk_hex(psk))
		snprintf(text, sizeof(text), "[Security]\nPreSharedKey=%s\n", psk);
	else if (psk || sae)
		snprintf(text, sizeof(text), "[Security]\nPassphrase=%s\n", sae ? sae : psk);
	else
		snprintf(text, sizeof(text), "[Settings]\nAutoConnect=true\n");
	snprintf(path, sizeof(path), "%s/state/%s", dir, name);
	ret = write_file(path, text);
	explicit_bzero(text, sizeof(text));
	if (ret)
		return ret;
	/* conf_path names the profile, for the report */
	snprintf(n->conf_path, sizeof(n->conf_path), "%s", path);
	snprintf(path, sizeof(path), "%s/bus.conf", dir);
	snprintf(text, sizeof(text),
		 "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN\"\n"
		 " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
		 "<busconfig>\n  <type>system</type>\n"
		 "  <listen>unix:path=%s/bus</listen>\n"
		 "  <pidfile>%s/bus.pid</pidfile>\n"
		 "  <auth>EXTERNAL</auth>\n"
		 "  <policy context=\"default\">\n"
		 "    <allow user=\"*\"/>\n    <allow own=\"*\"/>\n"
		 "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
		 "    <allow eavesdrop=\"true\"/>\n"
		 "  </policy>\n</busconfig>\n", dir, dir);
	return write_file(path, text);
}

static void set_state(struct sim_iwd *w, const char *state)
{
	struct sim_run *r = w->run;
	struct sim_rnode *n = &r->nodes[w->node];
	char cmd[256], line[256], bssid[20] = "";
	FILE *p;

	sim_record(r, w->node, "ctrl", "IWD-STATE", state);
	if (!strcmp(state, "disconnected")) {
		sim_node_event(r, w->node, "CTRL-EVENT-DISCONNECTED", "");
		return;
	}
	if (strcmp(state, "connected"))
		return;
	/* which BSS: the kernel's answer, not iwd's */
	snprintf(cmd, sizeof(cmd), "ip netns exec %s iw dev %s link 2>/dev/null",
		 n->cfg->name, n->ifname);
	p = popen(cmd, "r");
	if (!p)
		return;
	while (fgets(line, sizeof(line), p))
		if (sscanf(line, "Connected to %17s", bssid) == 1)
			break;
	pclose(p);
	if (!bssid[0]) {
		log_err(TAG, "%s: iwd says connected, the kernel names no BSS", n->cfg->name);
		return;
	}
	snprintf(line, sizeof(line), "bssid=%s", bssid);
	sim_node_event(r, w->node, "CONNECTED", line);
}

/* one line of dbus-monitor's text output */
static void mon_line(struct sim_iwd *w, const char *s)
{
	const char *q;
	char v[64];

	if (!strncmp(s, "signal ", 7)) {
		w->in_signal = strstr(s, "member=PropertiesChanged") != NULL;
		w->iface[0] = '\0';
		w->want_state = false;
		return;
	}
	if (!strncmp(s, "method ", 7) || !strncmp(s, "error ", 6)) {
		w->in_signal = false;
		return;
	}
	if (!w->in_signal)
		return;
	q = strstr(s, "string \"");
	if (!q || sscanf(q + 8, "%63[^\"]", v) != 1)
		return;
	if (!w->iface[0]) {
		snprintf(w->iface, sizeof(w->iface), "%s", v);
		return;
	}
	if (strcmp(w->iface, STATION_IFACE))
		return;
	if (strstr(s, "variant")) {
		if (w->want_state)
			set_state(w, v);
		w->want_state = false;
	} else {
		w->want_state = !strcmp(v, "State");
	}
}

static void on_mon(struct loop *l, int fd, uint32_t events, void *ctx)
{
	struct sim_iwd *w = ctx;

	for (;;) {
		ssize_t got = read(fd, w->line + w->len, sizeof(w->line) - 1 - w->len);
		char *nl;

		if (got <= 0) {
			if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
				loop_del_fd(l, fd);
				close(fd);
				w->mon_fd = -1;
			}
			return;
		}
		w->len += (size_t)got;
		w->line[w->len] = '\0';
		while ((nl = strchr(w->line, '\n'))) {
			*nl = '\0';
			mon_line(w, w->line);
			w->len -= (size_t)(nl + 1 - w->line);
			memmove(w->line, nl + 1, w->len + 1);
		}
		if (w->len == sizeof(w->line) - 1)
			w->len = 0;	/* an overlong line: not one we read */
	}
}

static pid_t read_pid(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = 0;

	if (!f)
		return -ENOENT;
	if (fscanf(f, "%ld", &v) != 1)
		v = 0;
	fclose(f);
	return v > 0 ? (pid_t)v : -EINVAL;
}

pid_t sim_iwd_start(struct sim_run *r, int i)
{
	struct sim_rnode *n = &r->nodes[i];
	struct sim_iwd *w = n->iwd;
	char conf[200], addr[200], env_state[220], env_conf[220], env_bus[240], path[220];
	const char *argv[12];
	int a = 0;
	pid_t pid;

	if (!w) {
		w = calloc(1, sizeof(*w));
		if (!w)
			return -ENOMEM;
		w->run = r;
		w->node = i;
		w->mon_fd = -1;
		snprintf(w->dir, sizeof(w->dir), "%s-iwd", n->ctrl_dir);
		n->iwd = w;
	}
	snprintf(conf, sizeof(conf), "%s/bus.conf", w->dir);
	snprintf(path, sizeof(path), "%s/bus.pid", w->dir);
	unlink(path);
	/* with --fork it returns once the bus listens */
	if (sim_execf(false, "dbus-daemon --fork --config-file=%s", conf))
		return -EIO;
	w->bus_pid = read_pid(path);
	snprintf(addr, sizeof(addr), "unix:path=%s/bus", w->dir);
	snprintf(env_bus, sizeof(env_bus), "DBUS_SYSTEM_BUS_ADDRESS=%s", addr);
	argv[a++] = "env";
	argv[a++] = env_bus;
	argv[a++] = "dbus-monitor";
	argv[a++] = "--system";
	argv[a++] = "type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'";
	argv[a] = NULL;
	w->mon_pid = sim_spawn_pipe(NULL, n->log_path, argv, &w->mon_fd);
	if (w->mon_pid < 0)
		return w->mon_pid;
	if (loop_add_fd(r->loop, w->mon_fd, 1, on_mon, w))
		return -EIO;
	snprintf(env_state, sizeof(env_state), "STATE_DIRECTORY=%s/state", w->dir);
	snprintf(env_conf, sizeof(env_conf), "CONFIGURATION_DIRECTORY=%s/conf", w->dir);
	a = 0;
	argv[a++] = "env";
	argv[a++] = env_bus;
	argv[a++] = env_state;
	argv[a++] = env_conf;
	argv[a++] = IWD_BIN;
	argv[a++] = "-i";
	argv[a++] = n->ifname;
	if (r->verbose)
		argv[a++] = "-d";
	argv[a] = NULL;
	pid = sim_spawn(n->cfg->name, n->log_path, argv);
	if (pid < 0)
		log_err(TAG, "%s: cannot start iwd: %s", n->cfg->name, strerror(-pid));
	return pid;
}

void sim_iwd_stop(struct sim_run *r, int i)
{
	struct sim_iwd *w = r->nodes[i].iwd;

	if (!w)
		return;
	if (w->mon_fd >= 0) {
		loop_del_fd(r->loop, w->mon_fd);
		close(w->mon_fd);
		w->mon_fd = -1;
	}
	if (w->mon_pid > 0)
		kill(w->mon_pid, SIGTERM);
	if (w->bus_pid > 0)
		kill(w->bus_pid, SIGTERM);
	w->mon_pid = 0;
	w->bus_pid = 0;
}

void sim_iwd_free(struct sim_run *r, int i)
{
	sim_iwd_stop(r, i);
	free(r->nodes[i].iwd);
	r->nodes[i].iwd = NULL;
}
