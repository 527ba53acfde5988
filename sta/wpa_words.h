/* SPDX-License-Identifier: MIT */
/* wpa_words.h: wpa_supplicant's own words for the station's events, the one
 * place they are written. A script written against wpa_supplicant watches
 * its log for them and gets them from wpa_cli (a plain ATTACH, "-a" action
 * scripts); roamlab-sta logs each at INFO as "IFNAME: TEXT" and sends it to
 * such monitors as "<3>TEXT". The wording follows wpa_supplicant 2.10
 * (wpa_ctrl.h event names). */
#ifndef ROAMLAB_STA_WPA_WORDS_H
#define ROAMLAB_STA_WPA_WORDS_H

#include <stddef.h>

#include "cmd.h"

#define STA_WPA_WORDS_MAX 2	/* lines one event gives at most */
#define STA_WPA_WORD_LEN 256

/* The lines event ev gives (0 when wpa_supplicant has none for it). */
int sta_wpa_words(const struct sta_event *ev, char out[STA_WPA_WORDS_MAX][STA_WPA_WORD_LEN]);

#endif
