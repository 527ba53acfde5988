/* SPDX-License-Identifier: MIT */
/* ap_eapol.h: roamlab-ap's EAPOL path (ap/eapol_path.c), internal to ap/.
 * EAPOL-Key frames from the authenticator go out through ap_hs_tx() (the
 * hs_ops tx callback, ctx = struct ap) and come in through ap_eapol_rx()
 * (ap.h); both apply the fault knobs (ap_fault.h). Frames held back (the
 * delay-msg fault; a group msg 1/2 right after the PTK install, see
 * AP_G1_AFTER_PTK_US) are kept on ap->delayed until their timer fires. */
#ifndef ROAMLAB_AP_EAPOL_H
#define ROAMLAB_AP_EAPOL_H

#include <stddef.h>
#include <stdint.h>

#include "ap_fault.h"
#include "handshake.h"

struct ap;

/* The handshake's faults from the AP's knobs. */
void ap_faults_to_hs(const struct ap_faults *f, struct hs_faults *hf);
/* hs_ops.tx: send (or drop, corrupt, hold back) one EAPOL-Key frame. */
int ap_hs_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len);
/* Forget held frames: all, or those for one station. */
void ap_delayed_flush(struct ap *ap);
void ap_delayed_flush_peer(struct ap *ap, const uint8_t *peer);

#endif
