/* SPDX-License-Identifier: MIT */
/* sae_priv.h: what common/sae*.c share beyond sae.h. Not for other users. */
#ifndef ROAMLAB_SAE_PRIV_H
#define ROAMLAB_SAE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sae.h"

#define SAE_TAG "sae"
#define SAE_AC_TOKEN_LEN 32	/* HMAC-SHA-256 */

/* sae_token.c, used by the machine in sae.c: an instance that enters
 * Committed or Confirmed opens a session, and closes it when it leaves them
 * or is freed. */
void sae_ac_session_open(struct sae_ac *ac);
void sae_ac_session_close(struct sae_ac *ac);
int sae_ac_token(const struct sae_ac *ac, const uint8_t peer[6], const uint8_t own[6],
		 uint8_t token[SAE_AC_TOKEN_LEN]);
bool sae_ac_token_valid(const struct sae_ac *ac, const uint8_t peer[6], const uint8_t own[6],
			const uint8_t *token, size_t len);

#endif
