// SPDX-License-Identifier: MIT
/* test_sta_words: the station's events in wpa_supplicant 2.10's words
 * (sta/wpa_words.c), as its log and wpa_cli's monitors (-a action scripts)
 * show them: exact strings, one case per event, and none for the events
 * wpa_supplicant has no words for. */
#include <string.h>

#include "unit.h"
#include "../../sta/wpa_words.h"

static char w[STA_WPA_WORDS_MAX][STA_WPA_WORD_LEN];

static int words(const char *name, const char *k1, const char *v1, const char *k2,
		 const char *v2, const char *k3, const char *v3)
{
	struct sta_event ev;

	sta_event_init(&ev, name, 1);
	if (k1)
		sta_event_add(&ev, k1, "%s", v1);
	if (k2)
		sta_event_add(&ev, k2, "%s", v2);
	if (k3)
		sta_event_add(&ev, k3, "%s", v3);
	memset(w, 0, sizeof(w));
	return sta_wpa_words(&ev, w);
}

START_TEST(connected_and_disconnected)
{
	struct sta_event ev;

	sta_event_init(&ev, "CONNECTED", 1);
	sta_event_add(&ev, "bssid", "02:00:00:00:01:00");
	sta_event_add(&ev, "id", "1");
	sta_event_add(&ev, "proto", "RSN");
	sta_event_add(&ev, "pairwise", "CCMP");
	sta_event_add(&ev, "group", "TKIP");
	ck_assert_int_eq(sta_wpa_words(&ev, w), 2);
	ck_assert_str_eq(w[0], "WPA: Key negotiation completed with 02:00:00:00:01:00 "
			       "[PTK=CCMP GTK=TKIP]");
	ck_assert_str_eq(w[1], "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:01:00 "
			       "completed [id=1 id_str=]");
	/* an open network: no key negotiation */
	ck_assert_int_eq(words("CONNECTED", "bssid", "02:00:00:00:01:00", "proto", "NONE",
			       "id", "0"), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:01:00 "
			       "completed [id=0 id_str=]");

	ck_assert_int_eq(words("DISCONNECTED", "bssid", "02:00:00:00:01:00", "reason", "15",
			       "how", "deauthenticated"), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:01:00 reason=15");
	ck_assert_int_eq(words("DISCONNECTED", "bssid", "02:00:00:00:01:00", "reason", "3",
			       "how", "local"), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:01:00 reason=3 "
			       "locally_generated=1");
}
END_TEST

START_TEST(scan_auth_assoc)
{
	ck_assert_int_eq(words("SCAN_STARTED", "purpose", "connect", NULL, NULL, NULL, NULL), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-SCAN-STARTED ");
	ck_assert_int_eq(words("SCAN_RESULTS", "n", "2", "aborted", "0", NULL, NULL), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-SCAN-RESULTS ");
	ck_assert_int_eq(words("SCAN_RESULTS", "n", "0", "aborted", "1", NULL, NULL), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-SCAN-FAILED ret=-1");

	ck_assert_int_eq(words("ASSOC", "bssid", "02:00:00:00:01:00", "status", "0", "aid",
			       "1"), 1);
	ck_assert_str_eq(w[0], "Associated with 02:00:00:00:01:00");
	ck_assert_int_eq(words("ASSOC", "bssid", "02:00:00:00:01:00", "status", "17", NULL,
			       NULL), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-ASSOC-REJECT bssid=02:00:00:00:01:00 status_code=17");
	ck_assert_int_eq(words("ASSOC", "bssid", "02:00:00:00:01:00", "status", "timeout",
			       NULL, NULL), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-ASSOC-REJECT bssid=02:00:00:00:01:00 status_code=1 "
			       "timeout");
	/* an accepted authentication has no words; a rejected one has */
	ck_assert_int_eq(words("AUTH", "bssid", "02:00:00:00:01:00", "status", "0", NULL,
			       NULL), 0);
	ck_assert_int_eq(words("AUTH", "bssid", "02:00:00:00:01:00", "status", "1", NULL,
			       NULL), 1);
	ck_assert_str_eq(w[0], "CTRL-EVENT-AUTH-REJECT 02:00:00:00:01:00 auth_type=0 "
			       "auth_transaction=2 status_code=1");
	/* roamlab's own events have none */
	ck_assert_int_eq(words("ROAM", "cause", "ap-loss", NULL, NULL, NULL, NULL), 0);
	ck_assert_int_eq(words("BSS_TRANSITION", "old", "NONE", "new", "SEARCHING", NULL,
			       NULL), 0);
}
END_TEST

static Suite *words_suite(void)
{
	Suite *s = suite_create("sta_words");
	TCase *tc = tcase_create("words");

	tcase_add_test(tc, connected_and_disconnected);
	tcase_add_test(tc, scan_auth_assoc);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(words_suite)
