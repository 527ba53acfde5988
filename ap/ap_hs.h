/* SPDX-License-Identifier: MIT */
/* ap_hs.h: roamlab-ap's handshake glue (ap/hs_glue.c), internal to ap/. */
#ifndef ROAMLAB_AP_HS_H
#define ROAMLAB_AP_HS_H

#include <stdint.h>

#include "drv.h"
#include "handshake.h"

struct ap;
struct ap_sta;

/* The struct hs_ops of the AP (ctx = struct ap). */
void ap_init_hs_ops(struct hs_ops *o);
/* Open the station's port (State 4). */
void ap_sta_authorized(struct ap *ap, struct ap_sta *s);
/* Log and report (AP-HS-DONE) a finished handshake. */
void ap_sta_handshake_done(struct ap *ap, struct ap_sta *s);

#endif
