// SPDX-License-Identifier: MIT
/* fuzz_sae: the SAE commit/confirm body parser (common/sae_frame.c) on
 * arbitrary bytes, the group math's checks of a parsed commit (scalar
 * range, element on the curve) and the protocol machine's handling of the
 * body in three states: Nothing (a responder), Committed (an initiator) and
 * Confirmed (confirm verification). The first input byte picks the state. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "sae.h"

static int fz_tx(void *ctx, const uint8_t *peer, const uint8_t *body, size_t len)
{
	struct sae_frame f;

	/* whatever the machine sends must parse */
	if (sae_frame_parse(body, len, &f, NULL) != 0)
		__builtin_trap();
	return 0;
}

static int fz_random(void *ctx, uint8_t *buf, size_t len)
{
	uint64_t *s = ctx;

	for (size_t i = 0; i < len; i++) {
		*s ^= *s << 13;
		*s ^= *s >> 7;
		*s ^= *s << 17;
		buf[i] = (uint8_t)(*s >> 24);
	}
	return 0;
}

static const struct sae_ops fz_ops = { .tx = fz_tx, .random = fz_random };

static void check_parse(const uint8_t *data, size_t size, const struct sae_frame *f)
{
	const uint8_t *end = data + size;
	size_t plen = sae_group_prime_len(f->group);

	if (f->scalar && (f->scalar < data || f->element + 2 * plen > end))
		__builtin_trap();
	if (f->token && (f->token < data || f->token + f->token_len > end))
		__builtin_trap();
	if (f->pwid && f->pwid + f->pwid_len > end)
		__builtin_trap();
	if (f->rejected && (f->rejected + f->rejected_len > end || f->rejected_len % 2))
		__builtin_trap();
	if (f->confirm && f->confirm + f->confirm_len > end)
		__builtin_trap();
}

static struct loop *loop;
static uint64_t seed = 0x9e3779b97f4a7c15ULL;
static uint8_t peer_commit[SAE_BODY_MAX];	/* a valid commit from the peer */
static size_t peer_commit_len;

/* A new instance (the AP side of 02:00:00:00:00:01 / 02:00:00:00:02:00) */
static struct sae *fresh(void)
{
	struct sae_config cfg;

	sae_config_init(&cfg);
	memcpy(cfg.own_addr, "\x02\0\0\0\2\0", 6);
	memcpy(cfg.peer_addr, "\x02\0\0\0\0\1", 6);
	sae_config_set_password(&cfg, "pw");
	cfg.groups[1] = 20;
	cfg.n_groups = 2;
	return sae_new(loop, &cfg, &fz_ops, &seed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sae_crypto *c;
	static struct sae *inst[3];
	struct sae_frame f;
	unsigned int which;

	if (!loop) {
		uint8_t s[32], e[64];
		struct sae_commit_fields cf = { .group = 19, .scalar = s, .element = e };

		log_set_level(LOG_LVL_ERROR);
		loop = loop_new();
		/* the station's side, whose commit takes inst[2] to Confirmed */
		c = sae_crypto_new(19, false);
		sae_crypto_pwe_hnp(c, (const uint8_t *)"\x02\0\0\0\0\1",
				   (const uint8_t *)"\x02\0\0\0\2\0", (const uint8_t *)"pw", 2);
		sae_crypto_commit_random(c, fz_random, &seed);
		sae_crypto_own_commit(c, s, e);
		sae_frame_build_commit(&cf, peer_commit, sizeof(peer_commit), &peer_commit_len);
		for (int i = 0; i < 3; i++)
			inst[i] = fresh();
		sae_start(inst[1]);
	}
	if (sae_frame_parse(data, size, &f, NULL) == 0) {
		check_parse(data, size, &f);
		if (f.scalar && f.group == 19 && sae_crypto_set_peer(c, f.scalar, f.element) == 0)
			sae_crypto_peer_is_reflection(c);
	}
	if (!size)
		return 0;
	/* Instances keep state between inputs: reset the ones that moved on.
	 * A responder's commit costs a PWE derivation, so only some inputs
	 * reach it. */
	which = data[0] % 3;
	if (which == 1 && sae_state(inst[1]) != SAE_STATE_COMMITTED) {
		sae_free(inst[1]);
		inst[1] = fresh();
		sae_start(inst[1]);
	}
	if (which == 2 && sae_state(inst[2]) != SAE_STATE_CONFIRMED) {
		sae_free(inst[2]);
		inst[2] = fresh();
		sae_rx(inst[2], peer_commit, peer_commit_len);
	}
	sae_rx(inst[which], data + 1, size - 1);
	if (which == 0 && sae_state(inst[0]) != SAE_STATE_NOTHING) {
		sae_free(inst[0]);
		inst[0] = fresh();
	}
	return 0;
}
