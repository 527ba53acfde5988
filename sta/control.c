// SPDX-License-Identifier: MIT
/* control.c: what a script or the control socket asks of the station:
 * connect, disconnect, reconnect, roam to a BSSID, scan. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mgmt.h"
#include "loop.h"
#include "sme_priv.h"
#include "util.h"

#define TAG "sme"

static int find_target(struct sta *s, const char *target, char *err, size_t errlen)
{
	char *end;
	long id;
	size_t i;

	if (!target || !*target)
		return -1;
	id = strtol(target, &end, 10);
	if (!*end && end != target) {
		if (id < 0 || (size_t)id >= s->conf->n_net) {
			snprintf(err, errlen, "no network %ld", id);
			return -2;
		}
		return (int)id;
	}
	for (i = 0; i < s->conf->n_net; i++)
		if (s->conf->net[i].ssid_len == strlen(target) &&
		    !memcmp(s->conf->net[i].ssid, target, strlen(target)))
			return (int)i;
	snprintf(err, errlen, "no network with ssid '%s'", target);
	return -2;
}

int sta_connect(struct sta *s, const char *target, char *err, size_t errlen)
{
	int id = find_target(s, target, err, errlen);

	if (id == -2)
		return -ENOENT;
	if (!s->conf->n_net) {
		snprintf(err, errlen, "no network configured");
		return -ENOENT;
	}
	if (s->state != STA_SME_IDLE) {
		snprintf(err, errlen, "busy (%s)", sta_sme_state_name(s->state));
		return -EBUSY;
	}
	s->auto_connect = true;
	s->target_net = id;
	s->fail_count = 0;
	if (s->roam_state != STA_ROAM_NONE)
		sta_roam_enter_state(s, STA_ROAM_NONE);
	memset(&s->roam, 0, sizeof(s->roam));
	cancel_timer(s, &s->retry_timer);
	sta_next_step(s);
	return 0;
}

int sta_disconnect(struct sta *s)
{
	s->auto_connect = false;
	cancel_timer(s, &s->retry_timer);
	cancel_timer(s, &s->step_timer);
	if (s->roam_state != STA_ROAM_NONE)
		sta_roam_enter_state(s, STA_ROAM_NONE);
	if (s->state == STA_SME_CONNECTED) {
		struct sta_event ev;
		char a[18];

		sta_event_init(&ev, "DISCONNECTED", loop_now_us(s->loop));
		sta_event_add(&ev, "bssid", "%s", mac_str(s->cur.bssid, a));
		sta_event_add(&ev, "reason", "%u", MGMT_REASON_DEAUTH_LEAVING);
		sta_event_add(&ev, "how", "local");
		sta_emit(s, &ev);
	}
	if (s->state != STA_SME_IDLE && s->state != STA_SME_SCANNING)
		drv_deauthenticate(s->drv, s->cur.bssid, MGMT_REASON_DEAUTH_LEAVING);
	sta_forget_link(s);
	if (s->state != STA_SME_IDLE)
		sta_enter_state(s, STA_SME_IDLE);
	return 0;
}

int sta_reconnect(struct sta *s, char *err, size_t errlen)
{
	if (s->state != STA_SME_IDLE)
		return 0;
	return sta_connect(s, NULL, err, errlen);
}

int sta_roam_to(struct sta *s, const uint8_t bssid[6], char *err, size_t errlen)
{
	const struct sta_network *net = s->net;
	struct sta_bss_choice choice;
	struct sta_bss *b;
	const char *why;

	if (s->state != STA_SME_CONNECTED || !net) {
		snprintf(err, errlen, "not connected");
		return -ENOTCONN;
	}
	if (mac_equal(bssid, s->cur.bssid)) {
		snprintf(err, errlen, "already on " MAC_FMT, MAC_ARG(bssid));
		return -EALREADY;
	}
	b = sta_bss_find(&s->bss, bssid);
	if (!b) {
		snprintf(err, errlen, MAC_FMT " not in scan results", MAC_ARG(bssid));
		return -ENOENT;
	}
	if (!sta_bss_matches(net, b, &choice, &why)) {
		const char *why2;
		size_t i;

		/* Another network block of the same ESS may allow it. */
		for (i = 0; i < s->conf->n_net; i++) {
			const struct sta_network *n = &s->conf->net[i];

			if (n->ssid_len == net->ssid_len &&
			    !memcmp(n->ssid, net->ssid, n->ssid_len) &&
			    sta_bss_matches(n, b, &choice, &why2))
				break;
		}
		if (i == s->conf->n_net) {
			snprintf(err, errlen, MAC_FMT ": %s", MAC_ARG(bssid), why);
			return -EINVAL;
		}
		net = &s->conf->net[i];
	}
	if (s->roam_cfg.no_tkip && sta_bss_choice_uses_tkip(&choice)) {
		snprintf(err, errlen, MAC_FMT ": TKIP countermeasures are on", MAC_ARG(bssid));
		return -EPERM;
	}
	sta_roam_begin(s, STA_ROAM_CAUSE_COMMAND, false);
	s->fail_count = 0;
	sta_forget_link(s);	/* the kernel leaves the old AP on auth */
	sta_start_auth(s, b, net, &choice);
	return 0;
}

int sta_scan(struct sta *s, const uint32_t *freqs, size_t n, bool passive,
	     const char *ssid, char *err, size_t errlen)
{
	int ret;

	if (s->scan_state == STA_SCAN_RUNNING) {
		snprintf(err, errlen, "scan already running");
		return -EBUSY;
	}
	ret = sta_start_scan(s, STA_SCAN_USER, freqs, n, passive, (const uint8_t *)ssid,
			     ssid ? strlen(ssid) : 0);
	if (ret < 0)
		snprintf(err, errlen, "scan request failed: %s", strerror(-ret));
	return ret;
}
