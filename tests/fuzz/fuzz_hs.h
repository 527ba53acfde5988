/* SPDX-License-Identifier: MIT */
/* fuzz_hs.h: shared by the handshake fuzz targets. An authenticator, its
 * group and a supplicant back-to-back with a fake clock; the fuzz input
 * picks a configuration and how far a genuine handshake runs, then supplies
 * frames for one role. A flag lets the target re-encrypt the key data and
 * recompute the MIC with the real keys, so that the fuzzer reaches the code
 * behind the MIC check (key data, KDEs, IE comparison, key install). */
#ifndef ROAMLAB_FUZZ_HS_H
#define ROAMLAB_FUZZ_HS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake.h"
#include "hs_priv.h"
#include "log.h"
#include "loop.h"
#include "util.h"
#include "../unit/test_rng.h"

#define FZ_MAXQ 16

struct fz_side {
	uint8_t q[FZ_MAXQ][EAPOL_KEY_FRAME_MAX];
	size_t qlen[FZ_MAXQ];
	size_t nq;
	uint64_t rng;
	int keys;
};

struct fz {
	uint64_t now;
	struct loop *loop;
	struct fz_side ap, sta;
	struct hs_group *g;
	struct hs_auth *a;
	struct hs_supp *s;
};

static uint64_t fz_clock(void *ctx)
{
	return ((struct fz *)ctx)->now;
}

static int fz_tx(void *ctx, const uint8_t *peer, const uint8_t *f, size_t len)
{
	struct fz_side *s = ctx;

	if (s->nq == FZ_MAXQ || len > EAPOL_KEY_FRAME_MAX)
		return 0;
	memcpy(s->q[s->nq], f, len);
	s->qlen[s->nq++] = len;
	return 0;
}

static int fz_install(void *ctx, const struct hs_key *k)
{
	((struct fz_side *)ctx)->keys++;
	return 0;
}

static int fz_random(void *ctx, uint8_t *buf, size_t len)
{
	struct fz_side *s = ctx;

	test_rng_bytes(&s->rng, buf, len);
	return 0;
}

static const struct hs_ops fz_ops = {
	.tx = fz_tx,
	.install_key = fz_install,
	.random = fz_random,
};

static const uint8_t fz_aa[6] = { 2, 0, 0, 0, 2, 0 };
static const uint8_t fz_spa[6] = { 2, 0, 0, 0, 0, 1 };

/* sel bits 0-1: WPA/TKIP, WPA/CCMP, RSN/CCMP, RSN/TKIP (group TKIP when
 * the pairwise is TKIP). */
static struct fz *fz_new(unsigned int sel)
{
	static const struct { enum ie_proto p; uint32_t pw; } combos[4] = {
		{ IE_PROTO_WPA, WPA_CIPHER_TKIP }, { IE_PROTO_WPA, WPA_CIPHER_CCMP },
		{ IE_PROTO_RSN, WPA_CIPHER_CCMP }, { IE_PROTO_RSN, WPA_CIPHER_TKIP },
	};
	struct fz *z = calloc(1, sizeof(*z));
	struct hs_config ac, sc;
	struct hs_group_config gc = { 0 };
	unsigned int i = sel & 3;

	if (!z)
		abort();
	log_set_level(LOG_LVL_ERROR);
	z->now = 1000000;
	z->loop = loop_new();
	loop_set_clock(z->loop, fz_clock, z);
	z->ap.rng = 0x1234567887654321ull;
	z->sta.rng = 0x0fedcba987654321ull;
	hs_config_init(&sc, HS_ROLE_SUPPLICANT);
	sc.proto = combos[i].p;
	sc.pairwise_cipher = combos[i].pw;
	sc.group_cipher = WPA_CIPHER_TKIP;
	memset(sc.pmk, 0x42, PMK_LEN);
	memcpy(sc.aa, fz_aa, 6);
	memcpy(sc.spa, fz_spa, 6);
	hs_config_build_own_ie(&sc);
	ac = sc;
	ac.role = HS_ROLE_AUTHENTICATOR;
	ac.eapol_version = 2;
	memcpy(ac.peer_ie, sc.own_ie, sc.own_ie_len);
	ac.peer_ie_len = sc.own_ie_len;
	ac.own_ie_len = 0;
	hs_config_build_own_ie(&ac);
	memcpy(sc.peer_ie, ac.own_ie, ac.own_ie_len);
	sc.peer_ie_len = ac.own_ie_len;
	memset(ac.alt_pmk[0], 0x43, PMK_LEN);
	ac.n_alt_pmk = 1;
	memcpy(ac.alt_bssid[0], fz_spa, 6);
	ac.n_alt_bssid = 1;
	gc.group_cipher = WPA_CIPHER_TKIP;
	memcpy(gc.aa, fz_aa, 6);
	hs_timeouts_default(&gc.timeouts);
	z->g = hs_group_new(z->loop, &gc, &fz_ops, &z->ap);
	z->a = hs_auth_new(z->loop, z->g, &ac, &fz_ops, &z->ap);
	z->s = hs_supp_new(z->loop, &sc, &fz_ops, &z->sta);
	if (!z->g || !z->a || !z->s)
		abort();
	return z;
}

static void fz_free(struct fz *z)
{
	hs_supp_free(z->s);
	hs_auth_free(z->a);
	hs_group_free(z->g);
	loop_free(z->loop);
	free(z);
}

/* Deliver one queued frame each way; returns false if nothing moved. */
static int fz_step(struct fz *z)
{
	uint8_t f[EAPOL_KEY_FRAME_MAX];
	size_t len;
	int moved = 0;

	if (z->ap.nq) {
		len = z->ap.qlen[0];
		memcpy(f, z->ap.q[0], len);
		memmove(z->ap.q, z->ap.q + 1, (z->ap.nq - 1) * sizeof(z->ap.q[0]));
		memmove(z->ap.qlen, z->ap.qlen + 1, (z->ap.nq - 1) * sizeof(size_t));
		z->ap.nq--;
		hs_supp_rx(z->s, f, len);
		moved = 1;
	}
	if (z->sta.nq) {
		len = z->sta.qlen[0];
		memcpy(f, z->sta.q[0], len);
		memmove(z->sta.q, z->sta.q + 1, (z->sta.nq - 1) * sizeof(z->sta.q[0]));
		memmove(z->sta.qlen, z->sta.qlen + 1, (z->sta.nq - 1) * sizeof(size_t));
		z->sta.nq--;
		hs_auth_rx(z->a, f, len);
		moved = 1;
	}
	return moved;
}

/* Run the genuine handshake for `steps` deliveries. */
static void fz_run(struct fz *z, unsigned int steps)
{
	hs_auth_start(z->a, NULL);
	for (unsigned int i = 0; i < steps && fz_step(z); i++)
		;
	if (steps >= 8)
		hs_group_rekey(z->g);
}

/* Advance the fake clock by ms, firing timers. */
static void fz_advance(struct fz *z, unsigned int ms)
{
	z->now += (uint64_t)ms * 1000;
	loop_run_timers(z->loop);
}

/* Rewrite a fuzzed frame: encrypt its key data (if encrypt) with kek and
 * set a valid MIC with kck. Returns the new length, or 0 if the frame does
 * not parse. */
static size_t fz_fixup(const uint8_t *in, size_t len, uint8_t *out, size_t cap,
		       const uint8_t *kck, const uint8_t *kek, int encrypt)
{
	struct eapol_key k;
	struct eapol_key_params p = { 0 };
	uint8_t enc[EAPOL_KEY_DATA_MAX];
	size_t elen = 0, olen;
	unsigned int ver;

	if (eapol_key_parse(in, len, &k, NULL))
		return 0;
	ver = eapol_key_desc_ver(&k);
	p.eapol_version = k.eapol_version;
	p.desc_type = k.desc_type;
	p.key_info = k.key_info;
	p.key_len = k.key_len;
	p.replay_counter = k.replay_counter;
	p.nonce = k.nonce;
	p.iv = k.iv;
	p.rsc = k.rsc;
	p.key_data = k.key_data;
	p.key_data_len = k.key_data_len;
	if (encrypt && k.key_data_len <= EAPOL_KEY_DATA_MAX / 2 &&
	    eapol_key_data_encrypt(ver, kek, k.iv, k.key_data, k.key_data_len, enc,
				   sizeof(enc), &elen) == 0) {
		p.key_data = enc;
		p.key_data_len = elen;
	}
	if (eapol_key_build(&p, out, cap, &olen))
		return 0;
	if (eapol_mic_set(ver == 0 || ver > 3 ? 2 : ver, kck, out, olen))
		return 0;
	return olen;
}

/* Split input into frames: [u16 le length][bytes]... */
static size_t fz_next_frame(const uint8_t **data, size_t *size, const uint8_t **frame)
{
	size_t len;

	if (*size < 2)
		return (size_t)-1;
	len = (size_t)((*data)[0] | (*data)[1] << 8) % (EAPOL_KEY_FRAME_MAX + 64);
	*data += 2;
	*size -= 2;
	if (len > *size)
		len = *size;
	*frame = *data;
	*data += len;
	*size -= len;
	return len;
}

#endif
