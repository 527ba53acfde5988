// SPDX-License-Identifier: MIT
/* emit.c: the one way out for the station's events (sme.h's sta_emit):
 * the EVENT line in the debug log, wpa_supplicant's words for the event,
 * and the caller's event callback (control socket, tests). Every piece of
 * the station emits through here. */
#include "log.h"
#include "sme.h"
#include "wpa_words.h"

#define TAG "sme"

void sta_emit(struct sta *s, struct sta_event *ev)
{
	char line[1024], words[STA_WPA_WORDS_MAX][STA_WPA_WORD_LEN];
	int n = sta_wpa_words(ev, words);

	sta_event_format(ev, line, sizeof(line));
	log_printf(LOG_LVL_DEBUG, TAG, "%s", line);
	/* wpa_supplicant's words, for scripts that watch the log */
	for (int i = 0; i < n; i++)
		log_info(TAG, "%s: %s", s->ifname, words[i]);
	if (s->event_fn)
		s->event_fn(s->event_ctx, ev);
}
