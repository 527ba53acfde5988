// SPDX-License-Identifier: MIT
/* node_events.c: what the lab reads from a node's control-socket events:
 * a station connected (to which AP), lost its link, roamed (from, to, the
 * event-based gap), and the handshakes each node completed or failed. The
 * expectations (expect.c) judge the state this keeps in struct sim_rnode.
 * Understands roamlab-ap/-sta, hostapd and wpa_supplicant events alike. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "run.h"
#include "util.h"

static int ap_by_mac(const struct sim_run *r, const uint8_t mac[6])
{
	for (size_t i = 0; i < r->t->n_nodes; i++)
		if (r->t->nodes[i].role == SIM_ROLE_AP && mac_equal(r->t->nodes[i].mac, mac))
			return (int)i;
	return -1;
}


static void sta_connected(struct sim_run *r, int sta, const char *bssid)
{
	struct sim_rnode *n = &r->nodes[sta];
	uint8_t mac[6];
	int ap;
	char label[40];

	if (mac_parse(bssid, mac))
		return;
	ap = ap_by_mac(r, mac);
	if (ap < 0) {
		sim_lab_event(r, sta, "connected", "ap=? bssid=%s", bssid);
		return;
	}
	if (n->connected_ap == ap)
		return;
	uint64_t now = sim_run_rel_us(r);

	if (n->last_ap >= 0 && n->last_ap != ap) {
		uint64_t gap = n->lost_at_us && n->lost_at_us <= now ? now - n->lost_at_us : 0;

		n->roams++;
		/* the event-based figure; the roam-gap event and the printed
		 * line carry the data gap beside it once data flows again */
		sim_lab_event(r, sta, "roam", "from=%s to=%s event_gap_ms=%.1f count=%d",
			  sim_node_name(r, n->last_ap), sim_node_name(r, ap), gap / 1000.0, n->roams);
		snprintf(label, sizeof(label), "roam %.12s->%.12s", sim_node_name(r, n->last_ap),
			 sim_node_name(r, ap));
		sim_mark_add(n, now, "roam", label);
		sim_gap_roam(r, sta, n->last_ap, ap, n->roams, gap ? n->lost_at_us : 0, now);
	} else {
		sim_lab_event(r, sta, "connected", "ap=%s bssid=%s", sim_node_name(r, ap), bssid);
		snprintf(label, sizeof(label), "conn %s", sim_node_name(r, ap));
		sim_mark_add(n, now, "conn", label);
	}
	n->connected_ap = ap;
	n->last_ap = ap;
	n->lost_at_us = 0;
	sim_pings_start(r, sta);
}

static void sta_disconnected(struct sim_run *r, int sta)
{
	struct sim_rnode *n = &r->nodes[sta];

	if (n->connected_ap < 0)
		return;
	if (!n->lost_at_us)
		n->lost_at_us = sim_run_rel_us(r);
	sim_lab_event(r, sta, "disconnected", "ap=%s", sim_node_name(r, n->connected_ap));
	sim_mark_add(n, sim_run_rel_us(r), "disc", "disc");
	n->connected_ap = -1;
}

static bool has_word(const char *s, const char *w)
{
	return strcasestr(s, w) != NULL;
}

void sim_node_event(struct sim_run *r, int node, const char *name, const char *rest)
{
	struct sim_rnode *n = &r->nodes[node];
	bool sta = r->t->nodes[node].role == SIM_ROLE_STA;
	char v[64];

	if (sta) {
		if (!strcmp(name, "CTRL-EVENT-CONNECTED")) {
			const char *p = strstr(rest, "Connection to ");

			if (p && sscanf(p + 14, "%17s", v) == 1)
				sta_connected(r, node, v);
			return;
		}
		if (!strcmp(name, "CTRL-EVENT-DISCONNECTED")) {
			sta_disconnected(r, node);
			return;
		}
		if (!strcmp(name, "WPA:")) {
			if (has_word(rest, "Key negotiation completed"))
				n->hs_ok++;
			else if (has_word(rest, "4-Way Handshake failed")) {
				n->hs_fail++;
				sim_mark_add(n, sim_run_rel_us(r), "fail", "4-way failed");
			}
			return;
		}
		if (has_word(name, "DISCONNECTED")) {
			sta_disconnected(r, node);
			return;
		}
		/* roamlab-sta: CONNECTED means keys are in and the port is open */
		if (!strcmp(name, "CONNECTED"))
			n->hs_ok++;
		if (!strcmp(name, "HANDSHAKE")) {
			if (sim_event_kv(rest, "type", v, sizeof(v)) &&
			    (has_word(v, "fail") || has_word(v, "timeout") || has_word(v, "invalid") ||
			     has_word(v, "mismatch") || has_word(v, "reject"))) {
				n->hs_fail++;
				sim_mark_add(n, sim_run_rel_us(r), "fail", v);
			}
			return;
		}
		if (has_word(name, "CONNECTED") || has_word(name, "ROAM")) {
			if (has_word(name, "ROAM") && sim_event_kv(rest, "status", v, sizeof(v)) &&
			    strcasecmp(v, "ok") && strcasecmp(v, "success") && strcmp(v, "0"))
				return;
			if (sim_event_kv(rest, "bssid", v, sizeof(v)) || sim_event_kv(rest, "new", v, sizeof(v)) ||
			    sim_event_kv(rest, "new_bssid", v, sizeof(v)) || sim_event_kv(rest, "to", v, sizeof(v)))
				sta_connected(r, node, v);
			return;
		}
	} else {
		if (!strcmp(name, "AP-HS-DONE")) {
			n->hs_ok++;
			return;
		}
		if (!strcmp(name, "AP-HS-FAILED")) {
			n->hs_fail++;
			return;
		}
		if (!strcmp(name, "EAPOL-4WAY-HS-COMPLETED")) {
			n->hs_ok++;
			return;
		}
		if (!strcmp(name, "AP-STA-POSSIBLE-PSK-MISMATCH")) {
			n->hs_fail++;
			return;
		}
	}
	if (has_word(name, "HANDSHAKE") || has_word(name, "4WAY")) {
		if (has_word(name, "FAIL"))
			n->hs_fail++;
		else if (has_word(name, "DONE") || has_word(name, "COMPLETE") || has_word(name, "OK"))
			n->hs_ok++;
	}
}
