/* SPDX-License-Identifier: MIT */
/* neigh.h: keep the station's neighbour entries (ARP, IPv6 ND) across a roam
 * within one ESS: the behaviour `keep_neigh`, on by default.
 *
 * When the link drops (deauthentication by the old AP: mac80211 turns the
 * carrier off), Linux evicts every neighbour entry of the interface
 * (net.ipv4.conf.IF.arp_evict_nocarrier and net.ipv6.conf.IF.
 * ndisc_evict_nocarrier, default 1, Linux 5.16+). After the reassociation
 * the first packet needs a new ARP request, sent while the 4-way handshake
 * still runs, when mac80211 drops every data frame but EAPOL (the port is
 * not authorized yet); the kernel asks again only after retrans_time, 1 s.
 * The data path then stays dead for a second after a 60 ms roam.
 *
 * Within one ESS the distribution system is one LAN, so a roam is invisible
 * to the layers above the MAC (IEEE 802.11-2020 4.3.5) and the entries stay
 * right. With keep_neigh on, roamlab-sta sets both sysctls of its interface
 * to 0 for as long as it runs, and restores the values it found when it
 * exits or the knob is turned off. When it connects to a different ESS
 * it flushes the entries itself, as the eviction would have. With the knob
 * off, the kernel's default stands: the station loses its entries on every
 * roam, as a station that is not roaming-aware does.
 *
 * A kernel without arp_evict_nocarrier (before 5.16) cannot keep them: a
 * log line says so and the knob reads 0. */
#ifndef ROAMLAB_STA_NEIGH_H
#define ROAMLAB_STA_NEIGH_H

#include <stdbool.h>
#include <stddef.h>

#define STA_NEIGH_SYSCTL_ROOT "/proc/sys/net"

enum sta_neigh_proto {
	STA_NEIGH_ARP,		/* ipv4/conf/IF/arp_evict_nocarrier */
	STA_NEIGH_ND,		/* ipv6/conf/IF/ndisc_evict_nocarrier */
	STA_NEIGH_N,
};

struct sta_neigh {
	char root[128];		/* sysctl tree: STA_NEIGH_SYSCTL_ROOT (tests: a dir) */
	char ifname[32];
	int ifindex;		/* 0: no kernel interface (fake driver) */
	bool want;		/* the knob */
	bool active;		/* our 0s are in the sysctls */
	int saved[STA_NEIGH_N];	/* the values found; -1: no such sysctl */
	unsigned int flushes;	/* entries flushed on a change of ESS */
};

/* Fills n; touches nothing. ifindex 0 makes every call a no-op that reports
 * the knob as wanted (there is no kernel interface to act on). */
void sta_neigh_init(struct sta_neigh *n, const char *root, const char *ifname,
		    int ifindex);

/* Turns the behaviour on (saves the sysctls, writes 0) or off (writes back
 * what was saved). Returns 0; -EOPNOTSUPP when the kernel has no
 * arp_evict_nocarrier (logged; the knob stays off); -errno if a write
 * failed (logged). */
int sta_neigh_set(struct sta_neigh *n, bool keep);

/* True when the entries survive a loss of the link. */
bool sta_neigh_keeping(const struct sta_neigh *n);

/* The SME's hooks. roam_start: the link to the old AP is gone and a roam
 * begins (logs what became of the entries). connected: an association is up
 * again; same_ess: to the ESS of the previous connection. Returns "kept"
 * or "evicted", for the ROAM event. */
void sta_neigh_roam_start(struct sta_neigh *n);
const char *sta_neigh_connected(struct sta_neigh *n, bool same_ess);

/* Writes back the saved sysctls (at exit). */
void sta_neigh_restore(struct sta_neigh *n);

/* Deletes the interface's non-permanent neighbour entries through
 * rtnetlink. Returns the number deleted or -errno. */
int sta_neigh_flush(int ifindex);

#endif
