/* SPDX-License-Identifier: MIT */
/* ap_pmf.h: roamlab-ap's 802.11w pieces (ap/pmf.c): association comeback
 * with the SA Query, and answering a station's SA Query. */
#ifndef ROAMLAB_AP_PMF_H
#define ROAMLAB_AP_PMF_H

#include <stdbool.h>
#include <stdint.h>

struct ap;
struct ap_sta;
struct mgmt_frame;
struct wbuf;

/* A (Re)Association Request from s: true if s has a protected association
 * that the SA Query has not yet found dead (11.3.4.4), with *status 30;
 * the SA Query then starts if it is not running. False: go on as usual
 * (also after the SA Query timed out). */
bool ap_pmf_comeback(struct ap *ap, struct ap_sta *s, bool reassoc, uint16_t *status);
/* The Timeout Interval element of a status 30 response (type 3, the
 * comeback time, assoc_sa_query_max_timeout TUs). */
int ap_pmf_put_comeback(struct ap *ap, struct wbuf *w);
/* Stop the station's SA Query (its association ends or is renewed). */
void ap_pmf_sta_reset(struct ap *ap, struct ap_sta *s);
/* A received Action frame (decrypted): SA Query Request or Response. */
void ap_pmf_rx_action(struct ap *ap, const struct mgmt_frame *f);

#endif
