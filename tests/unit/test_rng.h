/* SPDX-License-Identifier: MIT */
/* test_rng.h: the deterministic byte source the test and fuzz harnesses
 * give their hs_ops/sae_ops.random (xorshift64; tests only, never keys). */
#ifndef ROAMLAB_TEST_RNG_H
#define ROAMLAB_TEST_RNG_H

#include <stddef.h>
#include <stdint.h>

static inline void test_rng_bytes(uint64_t *state, uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		*state ^= *state << 13;
		*state ^= *state >> 7;
		*state ^= *state << 17;
		buf[i] = (uint8_t)(*state >> 24);
	}
}

#endif
