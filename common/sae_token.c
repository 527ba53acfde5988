// SPDX-License-Identifier: MIT
/* sae_token.c: anti-clogging for an AP's SAE instances (IEEE 802.11-2020
 * 12.4.6, the parent process of 12.4.8.6.2): the count of open protocol
 * instances, and stateless tokens bound to both addresses. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "sae.h"
#include "sae_priv.h"
#include "util.h"

struct sae_ac {
	uint8_t secret[32];
	unsigned int threshold;
	unsigned int open;
	int (*random)(void *ctx, uint8_t *buf, size_t len);
	void *ctx;
};

struct sae_ac *sae_ac_new(unsigned int threshold,
			  int (*random)(void *ctx, uint8_t *buf, size_t len), void *ctx)
{
	struct sae_ac *ac = calloc(1, sizeof(*ac));

	if (!ac)
		return NULL;
	ac->threshold = threshold;
	ac->random = random;
	ac->ctx = ctx;
	if (sae_ac_rotate(ac)) {
		sae_ac_free(ac);
		return NULL;
	}
	return ac;
}

void sae_ac_free(struct sae_ac *ac)
{
	if (!ac)
		return;
	secure_zero(ac, sizeof(*ac));
	free(ac);
}

int sae_ac_rotate(struct sae_ac *ac)
{
	if (ac->random)
		return ac->random(ac->ctx, ac->secret, sizeof(ac->secret));
	return crypto_random(ac->secret, sizeof(ac->secret));
}

unsigned int sae_ac_open(const struct sae_ac *ac)
{
	return ac->open;
}

/* 12.4.8.6.2: tokens once dot11RSNASAEAntiCloggingThreshold or more
 * instances are open */
bool sae_ac_required(const struct sae_ac *ac)
{
	return ac->open >= ac->threshold;
}

void sae_ac_session_open(struct sae_ac *ac)
{
	ac->open++;
}

void sae_ac_session_close(struct sae_ac *ac)
{
	if (ac->open)
		ac->open--;
}

int sae_ac_token(const struct sae_ac *ac, const uint8_t peer[6], const uint8_t own[6],
		 uint8_t token[SAE_AC_TOKEN_LEN])
{
	const struct crypto_vec v[2] = { { peer, 6 }, { own, 6 } };

	return crypto_hmac_sha2_vec(SAE_AC_TOKEN_LEN, ac->secret, sizeof(ac->secret), v, 2, token);
}

bool sae_ac_token_valid(const struct sae_ac *ac, const uint8_t peer[6], const uint8_t own[6],
			const uint8_t *token, size_t len)
{
	uint8_t want[SAE_AC_TOKEN_LEN];
	bool ok;

	if (!token || len != SAE_AC_TOKEN_LEN || sae_ac_token(ac, peer, own, want))
		return false;
	ok = ct_equal(want, token, len);
	secure_zero(want, sizeof(want));
	return ok;
}
