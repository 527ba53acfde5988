// SPDX-License-Identifier: MIT
/* bss.c: BSS table, aging, network match and selection. */
#include "bss.h"

#include <errno.h>
#include <string.h>

#include "ie.h"
#include "util.h"

struct sta_bss *sta_bss_find(struct sta_bss_table *t, const uint8_t bssid[6])
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (mac_equal(t->bss[i].bssid, bssid))
			return &t->bss[i];
	return NULL;
}

struct sta_bss *sta_bss_update(struct sta_bss_table *t, const struct sta_bss *in)
{
	struct sta_bss *b = sta_bss_find(t, in->bssid);
	size_t i;

	if (!b && t->n < STA_BSS_MAX) {
		b = &t->bss[t->n++];
	} else if (!b) {
		b = &t->bss[0];
		for (i = 1; i < t->n; i++)
			if (t->bss[i].seen_us < b->seen_us)
				b = &t->bss[i];
	}
	*b = *in;
	return b;
}

void sta_bss_remove(struct sta_bss_table *t, const uint8_t bssid[6])
{
	struct sta_bss *b = sta_bss_find(t, bssid);

	if (!b)
		return;
	*b = t->bss[--t->n];
}

size_t sta_bss_expire(struct sta_bss_table *t, uint64_t now_us, uint64_t max_age_us)
{
	size_t i = 0, gone = 0;

	while (i < t->n) {
		const struct sta_bss *b = &t->bss[i];

		if (now_us > b->seen_us && now_us - b->seen_us > max_age_us) {
			t->bss[i] = t->bss[--t->n];
			gone++;
		} else {
			i++;
		}
	}
	return gone;
}

/* The AKM to use: SAE, then the SHA-256 PSK, as wpa_supplicant does. */
static uint32_t pick_akm(uint32_t akms)
{
	if (akms & WPA_AKM_SAE)
		return WPA_AKM_SAE;
	if (akms & WPA_AKM_PSK_SHA256)
		return WPA_AKM_PSK_SHA256;
	return akms & WPA_AKM_PSK;
}

/* One protocol's offer against the network; with RSN also the PMF rules
 * of 12.6.3 (ie_pmf_sta_check), *pmf the outcome. */
static bool sec_fits(const struct sta_network *net, const struct sta_bss_sec *s,
		     enum ie_proto proto, bool *pmf, const char **why)
{
	struct wpa_ie_info ap = { .proto = proto };

	if (!s->present)
		return false;
	if (!pick_akm(s->key_mgmt & net->key_mgmt)) {
		*why = net->key_mgmt == WPA_AKM_PSK_SHA256 ? "BSS does not offer WPA-PSK-SHA256" :
		       net->key_mgmt == WPA_AKM_SAE ? "BSS does not offer SAE" :
		       "BSS does not offer WPA-PSK";
		return false;
	}
	ap.rsn_caps = s->rsn_caps;
	ap.group_mgmt_cipher = s->group_mgmt;
	if (ie_pmf_sta_check((enum ie_pmf)net->ieee80211w, &ap, pmf, why))
		return false;
	if (!(s->pairwise & net->pairwise)) {
		*why = "no common pairwise cipher";
		return false;
	}
	if (!(s->group & net->group)) {
		*why = "group cipher not allowed";
		return false;
	}
	return true;
}

bool sta_bss_matches(const struct sta_network *net, const struct sta_bss *bss,
		     struct sta_bss_choice *choice, const char **why)
{
	struct sta_bss_choice c = { 0 };
	const char *dummy;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (bss->ssid_len != net->ssid_len || memcmp(bss->ssid, net->ssid, net->ssid_len)) {
		*why = "SSID differs";
		return false;
	}
	if (net->bssid_set && !mac_equal(net->bssid, bss->bssid)) {
		*why = "BSSID not the configured one";
		return false;
	}
	if (net->key_mgmt & (WPA_AKM_PSK | WPA_AKM_PSK_SHA256 | WPA_AKM_SAE)) {
		const struct sta_bss_sec *s = NULL;

		if ((net->proto & WPA_PROTO_RSN) &&
		    sec_fits(net, &bss->rsn, IE_PROTO_RSN, &c.pmf, why)) {
			s = &bss->rsn;
			c.proto = WPA_PROTO_RSN;
		} else if ((net->proto & WPA_PROTO_WPA) &&
			   sec_fits(net, &bss->wpa, IE_PROTO_WPA, &c.pmf, why)) {
			s = &bss->wpa;
			c.proto = WPA_PROTO_WPA;
		}
		if (s) {
			c.pairwise = wpa_cipher_pick(s->pairwise & net->pairwise);
			c.group = s->group;
			c.key_mgmt = pick_akm(s->key_mgmt & net->key_mgmt);
			goto match;
		}
		if (!*why)
			*why = "BSS offers no allowed WPA/RSN protocol";
	}
	if ((net->key_mgmt & WPA_AKM_NONE) && !bss->privacy &&
	    !bss->rsn.present && !bss->wpa.present) {
		c.key_mgmt = WPA_AKM_NONE;
		goto match;
	}
	if (!*why)
		*why = bss->privacy ? "BSS requires privacy" : "BSS is open";
	return false;
match:
	*why = NULL;
	if (choice)
		*choice = c;
	return true;
}

bool sta_bss_choice_uses_tkip(const struct sta_bss_choice *c)
{
	return c->pairwise == WPA_CIPHER_TKIP || c->group == WPA_CIPHER_TKIP;
}

/* Positive if a is the better candidate. */
static int better(const struct sta_network *na, const struct sta_bss *a,
		  const struct sta_network *nb, const struct sta_bss *b)
{
	if (na->priority != nb->priority)
		return na->priority > nb->priority ? 1 : -1;
	if (a->signal_mbm != b->signal_mbm)
		return a->signal_mbm > b->signal_mbm ? 1 : -1;
	if (a->seen_us != b->seen_us)
		return a->seen_us > b->seen_us ? 1 : -1;
	return 0;
}

struct sta_bss *sta_bss_select(struct sta_bss_table *t, const struct sta_conf *conf,
			       const struct sta_select *sel,
			       const struct sta_network **net_out,
			       struct sta_bss_choice *choice)
{
	struct sta_bss *best = NULL;
	const struct sta_network *best_net = NULL;
	struct sta_bss_choice best_c = { 0 }, c;
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct sta_bss *b = &t->bss[i];

		if (sel->exclude && mac_equal(sel->exclude, b->bssid))
			continue;
		if (sel->avoid && mac_equal(sel->avoid, b->bssid))
			continue;
		if (sel->ssid && (b->ssid_len != sel->ssid_len ||
				  memcmp(b->ssid, sel->ssid, sel->ssid_len)))
			continue;
		if (sel->max_age_us && sel->now_us > b->seen_us &&
		    sel->now_us - b->seen_us > sel->max_age_us)
			continue;
		for (j = 0; j < conf->n_net; j++) {
			const struct sta_network *n = &conf->net[j];

			if (sel->net_id >= 0 && n->id != sel->net_id)
				continue;
			if (!sta_bss_matches(n, b, &c, NULL))
				continue;
			if (sel->no_tkip && sta_bss_choice_uses_tkip(&c))
				continue;
			if (!best || better(n, b, best_net, best) > 0) {
				best = b;
				best_net = n;
				best_c = c;
			}
		}
	}
	if (!best && sel->avoid) {
		struct sta_select again = *sel;

		again.avoid = NULL;
		return sta_bss_select(t, conf, &again, net_out, choice);
	}
	if (net_out)
		*net_out = best_net;
	if (choice)
		*choice = best_c;
	return best;
}

size_t sta_bss_ess_freqs(const struct sta_bss_table *t, const uint8_t *ssid,
			 size_t ssid_len, uint32_t *freqs, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; i < t->n; i++) {
		const struct sta_bss *b = &t->bss[i];

		if (b->ssid_len != ssid_len || memcmp(b->ssid, ssid, ssid_len))
			continue;
		for (j = 0; j < n; j++)
			if (freqs[j] == b->freq)
				break;
		if (j == n && n < max)
			freqs[n++] = b->freq;
	}
	return n;
}

static void fill_sec(struct sta_bss_sec *s, const struct wpa_ie_info *info)
{
	s->present = true;
	s->pairwise = wpa_cipher_supported(info->pairwise_ciphers);
	s->group = wpa_cipher_supported(info->group_cipher);
	s->key_mgmt = info->akms & (WPA_AKM_PSK | WPA_AKM_PSK_SHA256 | WPA_AKM_SAE);
	s->rsn_caps = info->rsn_caps;
	s->group_mgmt = info->group_mgmt_cipher;
}

int sta_bss_parse_ies(struct sta_bss *bss)
{
	struct wpa_ie_info info;
	const uint8_t *e;
	size_t elen;
	int ret = 0;

	memset(&bss->wpa, 0, sizeof(bss->wpa));
	memset(&bss->rsn, 0, sizeof(bss->rsn));
	bss->privacy = !!(bss->capab & 0x0010);
	e = ie_find(bss->ies, bss->ies_len, IE_SSID, &elen);
	if (e && elen - 2 <= STA_SSID_MAX) {
		bss->ssid_len = elen - 2;
		memcpy(bss->ssid, e + 2, bss->ssid_len);
	}
	e = ie_find(bss->ies, bss->ies_len, IE_RSN, &elen);
	if (e) {
		if (ie_parse_rsn(e, elen, &info, NULL) == 0)
			fill_sec(&bss->rsn, &info);
		else
			ret = -EINVAL;
	}
	e = ie_find_wpa(bss->ies, bss->ies_len, &elen);
	if (e) {
		if (ie_parse_wpa(e, elen, &info, NULL) == 0)
			fill_sec(&bss->wpa, &info);
		else
			ret = -EINVAL;
	}
	return ret;
}
