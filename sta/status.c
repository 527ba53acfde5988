// SPDX-License-Identifier: MIT
/* status.c: what a station reports: status words as wpa_supplicant's
 * STATUS prints them, the signal poll, and the scan results table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "sme_priv.h"
#include "util.h"

#define TAG "sme"


static const char *const status_keys[] = {
	"wpa_state", "sme_state", "address", "bssid", "ssid", "freq", "id", "key_mgmt",
	"pairwise_cipher", "group_cipher", "connects", "roams", "last_roam_ms",
	"last_roam_cause", "auth_failures", "assoc_failures", "disconnects", "scans",
	"bss_count", "signal", "keep_neigh", "faults",
};

/* wpa_supplicant's wpa_state names, for scripts written for it. */
const char *sta_wpa_state_name(const struct sta *s)
{
	switch (s->state) {
	case STA_SME_IDLE: return s->auto_connect ? "DISCONNECTED" : "INACTIVE";
	case STA_SME_SCANNING: return "SCANNING";
	case STA_SME_AUTHENTICATING: return "AUTHENTICATING";
	case STA_SME_ASSOCIATING: return "ASSOCIATING";
	case STA_SME_HANDSHAKE: return "4WAY_HANDSHAKE";
	case STA_SME_CONNECTED: return "COMPLETED";
	}
	return "?";
}

int sta_signal_poll(struct sta *s, int32_t *signal_mbm)
{
	struct drv_sta_info info;
	int ret;

	if (s->state != STA_SME_CONNECTED)
		return -ENOTCONN;
	ret = drv_get_station(s->drv, s->cur.bssid, &info);
	if (ret < 0)
		return ret;
	if (info.signal_dbm)
		s->signal_mbm = info.signal_dbm * 100;
	*signal_mbm = s->signal_mbm;
	return 0;
}

bool sta_status_get(struct sta *s, const char *key, char *buf, size_t len)
{
	bool assoc = s->state == STA_SME_CONNECTED || s->state == STA_SME_HANDSHAKE;
	char tmp[140];

	if (!strcmp(key, "wpa_state"))
		snprintf(buf, len, "%s", sta_wpa_state_name(s));
	else if (!strcmp(key, "sme_state"))
		snprintf(buf, len, "%s", sta_sme_state_name(s->state));
	else if (!strcmp(key, "address"))
		mac_str(s->addr, tmp), snprintf(buf, len, "%s", tmp);
	else if (!strcmp(key, "bssid"))
		snprintf(buf, len, "%s", assoc ? mac_str(s->cur.bssid, tmp) : "none");
	else if (!strcmp(key, "ssid"))
		snprintf(buf, len, "%s", assoc ? sta_ssid_str(s->cur.ssid, s->cur.ssid_len,
							      tmp, sizeof(tmp)) : "");
	else if (!strcmp(key, "freq"))
		snprintf(buf, len, "%u", assoc ? s->cur.freq : 0);
	else if (!strcmp(key, "id"))
		snprintf(buf, len, "%d", assoc && s->net ? s->net->id : -1);
	else if (!strcmp(key, "key_mgmt"))
		snprintf(buf, len, "%s", !assoc ? "" :
			 s->choice.key_mgmt == WPA_AKM_PSK_SHA256 ? "WPA2-PSK-SHA256" :
			 s->choice.key_mgmt == WPA_AKM_PSK ?
			 (s->choice.proto == WPA_PROTO_RSN ? "WPA2-PSK" : "WPA-PSK") : "NONE");
	else if (!strcmp(key, "pairwise_cipher"))
		snprintf(buf, len, "%s", assoc ? wpa_cipher_name(s->choice.pairwise) : "");
	else if (!strcmp(key, "group_cipher"))
		snprintf(buf, len, "%s", assoc ? wpa_cipher_name(s->choice.group) : "");
	else if (!strcmp(key, "connects"))
		snprintf(buf, len, "%u", s->n_connects);
	else if (!strcmp(key, "roams"))
		snprintf(buf, len, "%u", s->n_roams);
	else if (!strcmp(key, "last_roam_ms"))
		snprintf(buf, len, "%.3f", s->n_roams ?
			 (double)(s->last_roam.t_done - s->last_roam.t_trigger) / 1000.0 : -1.0);
	else if (!strcmp(key, "last_roam_cause"))
		snprintf(buf, len, "%s", s->n_roams ? sta_roam_cause_name(s->last_roam.cause) :
			 "none");
	else if (!strcmp(key, "auth_failures"))
		snprintf(buf, len, "%u", s->n_auth_fail);
	else if (!strcmp(key, "assoc_failures"))
		snprintf(buf, len, "%u", s->n_assoc_fail);
	else if (!strcmp(key, "disconnects"))
		snprintf(buf, len, "%u", s->n_deauth);
	else if (!strcmp(key, "scans"))
		snprintf(buf, len, "%u", s->n_scans);
	else if (!strcmp(key, "bss_count"))
		snprintf(buf, len, "%zu", s->bss.n);
	else if (!strcmp(key, "signal"))
		snprintf(buf, len, "%d", s->signal_mbm / 100);
	else if (!strcmp(key, "keep_neigh"))
		snprintf(buf, len, "%d", sta_neigh_keeping(&s->neigh));
	else if (!strcmp(key, "faults"))
		snprintf(buf, len, "%s", hs_fault_list(&s->faults, tmp, sizeof(tmp)));
	else
		return false;
	return true;
}

int sta_status(struct sta *s, char *buf, size_t len)
{
	size_t i, off = 0;
	char v[160];

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(status_keys) && off < len; i++) {
		sta_status_get(s, status_keys[i], v, sizeof(v));
		off += (size_t)snprintf(buf + off, len - off, "%s=%s\n", status_keys[i], v);
	}
	return 0;
}

/* One security flag as wpa_supplicant's scan_results writes it:
 * "[WPA2-PSK-CCMP+TKIP]". */
static void sec_flag(const char *proto, const struct sta_bss_sec *sec, char *buf, size_t len)
{
	snprintf(buf, len, "[%s-%s-%s%s%s]", proto,
		 (sec->key_mgmt & WPA_AKM_PSK) ? "PSK" : "?",
		 (sec->pairwise & WPA_CIPHER_CCMP) ? "CCMP" : "",
		 (sec->pairwise & WPA_CIPHER_CCMP) && (sec->pairwise & WPA_CIPHER_TKIP) ? "+" : "",
		 (sec->pairwise & WPA_CIPHER_TKIP) ? "TKIP" : "");
}

/* wpa_supplicant's SCAN_RESULTS table (wpa_cli scan_results): tab-separated
 * bssid, frequency, signal level, flags, ssid. */
int sta_scan_results(struct sta *s, char *buf, size_t len)
{
	size_t i, off;
	char a[18], ssid[140], wpa[48], rsn[48];

	off = (size_t)snprintf(buf, len, "bssid / frequency / signal level / flags / ssid\n");
	for (i = 0; i < s->bss.n && off < len; i++) {
		const struct sta_bss *b = &s->bss.bss[i];

		wpa[0] = rsn[0] = '\0';
		if (b->wpa.present)
			sec_flag("WPA", &b->wpa, wpa, sizeof(wpa));
		if (b->rsn.present)
			sec_flag("WPA2", &b->rsn, rsn, sizeof(rsn));
		off += (size_t)snprintf(buf + off, len - off, "%s\t%u\t%d\t%s%s[ESS]\t%s\n",
					mac_str(b->bssid, a), b->freq, b->signal_mbm / 100, wpa,
					rsn, sta_ssid_str(b->ssid, b->ssid_len, ssid, sizeof(ssid)));
	}
	return 0;
}

/* wpa_cli list_networks: network id, ssid, bssid ("any": we do not pin
 * one), flags ([CURRENT] for the network in use). */
int sta_list_networks(struct sta *s, char *buf, size_t len)
{
	size_t off;
	char ssid[140];

	off = (size_t)snprintf(buf, len, "network id / ssid / bssid / flags\n");
	for (size_t i = 0; i < s->conf->n_net && off < len; i++) {
		const struct sta_network *n = &s->conf->net[i];

		off += (size_t)snprintf(buf + off, len - off, "%d\t%s\tany\t%s\n", n->id,
					sta_ssid_str(n->ssid, n->ssid_len, ssid, sizeof(ssid)),
					s->net == n && s->state != STA_SME_IDLE ? "[CURRENT]" : "");
	}
	return 0;
}

const char *sta_sme_state_name(enum sta_sme_state st)
{
	switch (st) {
	case STA_SME_IDLE: return "IDLE";
	case STA_SME_SCANNING: return "SCANNING";
	case STA_SME_AUTHENTICATING: return "AUTHENTICATING";
	case STA_SME_ASSOCIATING: return "ASSOCIATING";
	case STA_SME_HANDSHAKE: return "HANDSHAKE";
	case STA_SME_CONNECTED: return "CONNECTED";
	}
	return "?";
}

const char *sta_roam_state_name(enum sta_roam_state st)
{
	switch (st) {
	case STA_ROAM_NONE: return "NONE";
	case STA_ROAM_SEARCHING: return "SEARCHING";
	case STA_ROAM_SCANNED: return "SCANNED";
	}
	return "?";
}

const char *sta_scan_state_name(enum sta_scan_state st)
{
	switch (st) {
	case STA_SCAN_IDLE: return "IDLE";
	case STA_SCAN_RUNNING: return "RUNNING";
	}
	return "?";
}

const char *sta_scan_purpose_name(enum sta_scan_purpose p)
{
	switch (p) {
	case STA_SCAN_NONE: return "none";
	case STA_SCAN_USER: return "user";
	case STA_SCAN_CONNECT: return "connect";
	case STA_SCAN_ROAM: return "roam";
	case STA_SCAN_BG: return "background";
	}
	return "?";
}
