/* SPDX-License-Identifier: MIT */
/* sec.h: the station's security setup for one association (sta/sec.c):
 * the supplicant's configuration from the chosen BSS and network (AKM,
 * ciphers, PMF and the RSN element with MFPC/MFPR), and key installation
 * for the supplicant (hs_ops.install_key). Called by the SME. */
#ifndef ROAMLAB_STA_SEC_H
#define ROAMLAB_STA_SEC_H

#include "handshake.h"

struct sta;

/* Fill cfg for the association with s->cur as chosen in s->choice. */
int sta_sec_hs_config(struct sta *s, struct hs_config *cfg);
/* hs_ops.install_key: ctx is the struct sta. */
int sta_sec_install_key(void *ctx, const struct hs_key *k);

#endif
