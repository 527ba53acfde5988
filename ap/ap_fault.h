/* SPDX-License-Identifier: MIT */
/* ap_fault.h: the AP's fault knobs. Off by default. Set by "fault=" lines in
 * the config or "FAULT <name> [args]" on the control socket. They reproduce
 * AP-side causes of roaming failures:
 *
 *   anonce-per-resend        a new ANonce in every resend of msg 1/4
 *   resend-m3                send msg 3/4 twice (KRACK test)
 *   drop-msg M [COUNT]       drop message M (1..4, g1, g2) COUNT times
 *                            (default: always); 1, 3, g1 are not sent,
 *                            2, 4, g2 are ignored on receipt
 *   delay-msg M MS           delay message M by MS milliseconds (tx: 1, 3, g1)
 *   corrupt-mic M            flip a bit of the MIC of message M (1 has none;
 *                            3 and g1 on tx, 2, 4, g2 on rx)
 *   gtk-wrong-keyidx         announce the GTK under the wrong key index
 *   clear                    all off
 */
#ifndef ROAMLAB_AP_FAULT_H
#define ROAMLAB_AP_FAULT_H

#include <stdbool.h>
#include <stddef.h>

#include "eapol.h"

#define AP_FAULT_ALWAYS 0xffffffffu

struct ap_faults {
	bool anonce_per_resend;
	bool resend_m3;
	unsigned int drop[EAPOL_MSG_COUNT];	/* remaining drops */
	unsigned int delay_ms[EAPOL_MSG_COUNT];
	bool corrupt_mic[EAPOL_MSG_COUNT];
	bool gtk_wrong_keyidx;
};

/* Apply one spec ("drop-msg 3 2"). Returns 0, or -EINVAL with a reason in
 * err. */
int ap_fault_apply(struct ap_faults *f, const char *spec, char *err, size_t errlen);
/* Space-separated list of active faults, "none" if none. */
void ap_fault_describe(const struct ap_faults *f, char *buf, size_t len);
bool ap_faults_any(const struct ap_faults *f);
/* The short names the AP's fault specs and AP-FAULT events use: "1/4",
 * "group 1/2" (common/eapol.c owns the messages themselves). */
const char *ap_msg_name(enum eapol_msg m);
/* Consumes one drop of message m if one is pending. */
bool ap_fault_take_drop(struct ap_faults *f, enum eapol_msg m);

#endif
