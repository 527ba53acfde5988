/* SPDX-License-Identifier: MIT */
/* fault.h: the station's misbehaviours on purpose. Most are knobs of the
 * supplicant in common/handshake (struct hs_faults); msg2-to-old-ap and
 * ignore-deauth live in sta/. Each fault has a name, its arguments, and the
 * text shown by --help faults (what it does and what an AP logs). */
#ifndef ROAMLAB_STA_FAULT_H
#define ROAMLAB_STA_FAULT_H

#include <stdbool.h>
#include <stddef.h>

#include "handshake.h"

struct sta_faults {
	struct hs_faults hs;
	bool msg2_to_old_ap;	/* first EAPOL frame after a reassociation
				 * goes to the previous BSSID */
	bool ignore_deauth;	/* do not react to deauth/disassoc */
};

/* Arms fault `name` with args (argv[0] is the first argument after the
 * name). Returns 0, or -EINVAL with a reason in err. */
int sta_fault_set(struct sta_faults *f, const char *name, int argc,
		  char argv[][128], char *err, size_t errlen);
/* Disarms one fault (name) or all (name NULL or ""). -EINVAL if unknown. */
int sta_fault_clear(struct sta_faults *f, const char *name);
/* Space-separated names of the armed faults into buf ("none" if none). */
const char *sta_fault_list(const struct sta_faults *f, char *buf, size_t len);
/* The --help faults text. */
const char *sta_fault_help(void);

#endif
