// SPDX-License-Identifier: MIT
/* wpa_words.c: the station's events in wpa_supplicant's words (see
 * wpa_words.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wpa_words.h"

static const char *get(const struct sta_event *ev, const char *key, const char *dflt)
{
	const char *v = sta_event_get(ev, key);

	return v ? v : dflt;
}

static bool is(const struct sta_event *ev, const char *name)
{
	return !strcmp(ev->name, name);
}

int sta_wpa_words(const struct sta_event *ev, char out[STA_WPA_WORDS_MAX][STA_WPA_WORD_LEN])
{
	const char *bssid = get(ev, "bssid", "00:00:00:00:00:00");
	const char *status = get(ev, "status", "");
	int n = 0;

	if (is(ev, "CONNECTED")) {
		/* an open network has no key negotiation */
		if (strcmp(get(ev, "proto", "NONE"), "NONE"))
			snprintf(out[n++], STA_WPA_WORD_LEN,
				 "WPA: Key negotiation completed with %s [PTK=%s GTK=%s]", bssid,
				 get(ev, "pairwise", "NONE"), get(ev, "group", "NONE"));
		snprintf(out[n++], STA_WPA_WORD_LEN,
			 "CTRL-EVENT-CONNECTED - Connection to %s completed [id=%s id_str=]",
			 bssid, get(ev, "id", "0"));
	} else if (is(ev, "DISCONNECTED")) {
		snprintf(out[n++], STA_WPA_WORD_LEN, "CTRL-EVENT-DISCONNECTED bssid=%s reason=%s%s",
			 bssid, get(ev, "reason", "0"),
			 !strcmp(get(ev, "how", ""), "local") ? " locally_generated=1" : "");
	} else if (is(ev, "SCAN_STARTED")) {
		snprintf(out[n++], STA_WPA_WORD_LEN, "CTRL-EVENT-SCAN-STARTED ");
	} else if (is(ev, "SCAN_RESULTS")) {
		snprintf(out[n++], STA_WPA_WORD_LEN, !strcmp(get(ev, "aborted", "0"), "0") ?
			 "CTRL-EVENT-SCAN-RESULTS " : "CTRL-EVENT-SCAN-FAILED ret=-1");
	} else if (is(ev, "ASSOC")) {
		if (!strcmp(status, "0"))
			snprintf(out[n++], STA_WPA_WORD_LEN, "Associated with %s", bssid);
		else
			snprintf(out[n++], STA_WPA_WORD_LEN,
				 "CTRL-EVENT-ASSOC-REJECT bssid=%s status_code=%s%s", bssid,
				 strtoul(status, NULL, 10) ? status : "1",
				 !strcmp(status, "timeout") ? " timeout" : "");
	} else if (is(ev, "AUTH")) {
		if (strtoul(status, NULL, 10))
			snprintf(out[n++], STA_WPA_WORD_LEN,
				 "CTRL-EVENT-AUTH-REJECT %s auth_type=0 auth_transaction=2 "
				 "status_code=%s", bssid, status);
	}
	return n;
}
