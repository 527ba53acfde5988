// SPDX-License-Identifier: MIT
/* test_sta_fault: each station fault changes exactly the bytes it should.
 *
 * The supplicant (common/handshake) answers the same msg 1/4 twice, once
 * with no fault and once with the fault armed through the station's own
 * fault parser (sta/fault.c), with the same random source, so both runs use
 * the same SNonce. The two msg 2/4 are compared byte by byte: only the
 * expected fields may differ, and the faulty MIC must be exactly the one
 * computed here from the wrong input (IEEE 802.11-2020 12.7.1.3 PTK,
 * 12.7.2 MIC), for WPA1/TKIP (descriptor 254, version 1) and RSN/CCMP
 * (descriptor 2, version 2). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "crypto.h"
#include "eapol.h"
#include "handshake.h"
#include "ie.h"
#include "log.h"
#include "loop.h"
#include "util.h"
#include "hs_fault.h"

#define MAXF 8

static const uint8_t aa_old[6] = { 0x02, 0, 0, 0, 0x01, 0x00 };
static const uint8_t aa_new[6] = { 0x02, 0, 0, 0, 0x02, 0x00 };
static const uint8_t spa[6] = { 0x02, 0, 0, 0, 0x00, 0x99 };

struct run {
	struct loop *loop;
	uint64_t now;
	uint64_t rng;
	uint8_t f[MAXF][EAPOL_KEY_FRAME_MAX];
	size_t len[MAXF];
	uint64_t t[MAXF];
	size_t n;
};

static uint64_t r_clock(void *ctx)
{
	return ((struct run *)ctx)->now;
}

static int r_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct run *r = ctx;

	ck_assert_uint_lt(r->n, MAXF);
	ck_assert_uint_le(len, EAPOL_KEY_FRAME_MAX);
	memcpy(r->f[r->n], frame, len);
	r->len[r->n] = len;
	r->t[r->n] = r->now;
	r->n++;
	return 0;
}

static int r_install(void *ctx, const struct hs_key *k)
{
	return 0;
}

/* xorshift: deterministic, so both runs draw the same SNonces */
static int r_random(void *ctx, uint8_t *buf, size_t len)
{
	struct run *r = ctx;

	for (size_t i = 0; i < len; i++) {
		r->rng ^= r->rng << 13;
		r->rng ^= r->rng >> 7;
		r->rng ^= r->rng << 17;
		buf[i] = (uint8_t)(r->rng >> 24);
	}
	return 0;
}

static const struct hs_ops r_ops = {
	.tx = r_tx,
	.install_key = r_install,
	.random = r_random,
};

struct variant {
	enum ie_proto proto;
	uint32_t cipher;
	unsigned int ver;	/* key descriptor version */
	uint8_t desc;
};

static const struct variant variants[] = {
	{ IE_PROTO_WPA, WPA_CIPHER_TKIP, KEY_DESC_VER_HMAC_MD5_RC4, EAPOL_DESC_WPA },
	{ IE_PROTO_RSN, WPA_CIPHER_CCMP, KEY_DESC_VER_HMAC_SHA1_AES, EAPOL_DESC_RSN },
};

static void pmk_of(uint8_t pmk[PMK_LEN])
{
	for (size_t i = 0; i < PMK_LEN; i++)
		pmk[i] = (uint8_t)(0x30 + i);
}

static void anonce_of(uint8_t n[NONCE_LEN], uint8_t seed)
{
	for (size_t i = 0; i < NONCE_LEN; i++)
		n[i] = (uint8_t)(seed + 7 * i);
}

static void cfg_of(const struct variant *v, const uint8_t *aa, struct hs_config *c)
{
	hs_config_init(c, HS_ROLE_SUPPLICANT);
	c->proto = v->proto;
	c->pairwise_cipher = v->cipher;
	c->group_cipher = v->cipher;
	pmk_of(c->pmk);
	memcpy(c->aa, aa, 6);
	memcpy(c->spa, spa, 6);
	ck_assert_int_eq(hs_config_build_own_ie(c), 0);
}

/* msg 1/4 as an authenticator sends it (12.7.6.2) */
static size_t m1_of(const struct variant *v, const uint8_t *anonce, uint64_t rc,
		    uint8_t *out)
{
	struct eapol_key_params p = { 0 };
	size_t len;

	p.eapol_version = 2;
	p.desc_type = v->desc;
	p.key_info = (uint16_t)(v->ver | KEY_INFO_TYPE_PAIRWISE | KEY_INFO_ACK);
	p.key_len = (uint16_t)wpa_cipher_key_len(v->cipher);
	p.replay_counter = rc;
	p.nonce = anonce;
	ck_assert_int_eq(eapol_key_build(&p, out, EAPOL_KEY_FRAME_MAX, &len), 0);
	return len;
}

/* One run: associate with aa_old and answer a 1/4 (ANonce A0), then
 * reassociate with aa_new and answer a 1/4 (ANonce A1, replay counter 1);
 * with resend, the same 1/4 again with replay counter 2. The fault (NULL:
 * none) is armed before the second association. Frames sent to aa_new are
 * kept in r from index r->n on return of the first association. */
static size_t do_run(struct run *r, const struct variant *v, const char *fault,
		     int fargc, const char *farg, bool resend)
{
	struct hs_faults sf;
	struct hs_config c;
	struct hs_supp *s;
	uint8_t a0[NONCE_LEN], a1[NONCE_LEN], m1[EAPOL_KEY_FRAME_MAX];
	char args[2][128], err[256];
	size_t len, first;

	memset(r, 0, sizeof(*r));
	r->rng = 0x9e3779b97f4a7c15ull;
	r->now = 1000000;
	r->loop = loop_new();
	ck_assert_ptr_nonnull(r->loop);
	loop_set_clock(r->loop, r_clock, r);
	anonce_of(a0, 0x11);
	anonce_of(a1, 0x55);

	cfg_of(v, aa_old, &c);
	s = hs_supp_new(r->loop, &c, &r_ops, r);
	ck_assert_ptr_nonnull(s);
	len = m1_of(v, a0, 1, m1);
	ck_assert_int_eq(hs_supp_rx(s, m1, len), 0);
	ck_assert_uint_eq(r->n, 1);

	memset(&sf, 0, sizeof(sf));
	if (fault) {
		if (farg)
			snprintf(args[0], sizeof(args[0]), "%s", farg);
		ck_assert_msg(test_sta_fault_set(&sf, fault, fargc, args, err, sizeof(err)) == 0,
			      "%s", err);
	}
	cfg_of(v, aa_new, &c);
	c.faults = sf;
	ck_assert_int_eq(hs_supp_assoc(s, &c), 0);
	first = r->n;
	len = m1_of(v, a1, 1, m1);
	ck_assert_int_eq(hs_supp_rx(s, m1, len), 0);
	if (resend) {
		r->now += 100000;
		loop_run_timers(r->loop);
		len = m1_of(v, a1, 2, m1);
		ck_assert_int_eq(hs_supp_rx(s, m1, len), 0);
	}
	/* let delayed frames out */
	r->now += 5000000;
	loop_run_timers(r->loop);
	hs_supp_free(s);
	loop_free(r->loop);
	return first;
}

/* Indices where a and b differ must be exactly the ranges given
 * (offset, length pairs, terminated by a 0 length); and every byte of
 * those ranges taken together must differ somewhere. */
static void assert_diff_exactly(const uint8_t *a, const uint8_t *b, size_t len,
				const size_t (*ranges)[2], const char *what)
{
	for (size_t i = 0; i < len; i++) {
		bool in = false;

		for (size_t k = 0; ranges[k][1]; k++)
			in |= i >= ranges[k][0] && i < ranges[k][0] + ranges[k][1];
		if (!in)
			ck_assert_msg(a[i] == b[i], "%s: byte %zu changed (%02x -> %02x)",
				      what, i, a[i], b[i]);
	}
	for (size_t k = 0; ranges[k][1]; k++)
		ck_assert_msg(memcmp(a + ranges[k][0], b + ranges[k][0], ranges[k][1]) != 0,
			      "%s: field at %zu (len %zu) did not change", what,
			      ranges[k][0], ranges[k][1]);
}

/* The MIC in frame must be the one computed with (pmk, aa, anonce, ver). */
static void assert_mic(const uint8_t *frame, size_t len, const struct variant *v,
		       const uint8_t *pmk, const uint8_t *aa, const uint8_t *anonce,
		       unsigned int ver, const char *what)
{
	uint8_t ptk[PTK_MAX_LEN], mic[EAPOL_KEY_MIC_LEN];
	size_t ptk_len = wpa_cipher_ptk_len(v->cipher);

	ck_assert_int_eq(crypto_derive_ptk(pmk, aa, spa, anonce, frame + EAPOL_KEY_OFF_NONCE,
					   ptk, ptk_len), 0);
	ck_assert_int_eq(eapol_mic_compute(ver, ptk, frame, len, mic), 0);
	ck_assert_msg(memcmp(mic, frame + EAPOL_KEY_OFF_MIC, EAPOL_KEY_MIC_LEN) == 0,
		      "%s: MIC is not the one expected", what);
}

static const size_t only_mic[][2] = { { EAPOL_KEY_OFF_MIC, EAPOL_KEY_MIC_LEN }, { 0, 0 } };

START_TEST(baseline_is_correct)
{
	const struct variant *v = &variants[_i];
	static struct run r;
	uint8_t pmk[PMK_LEN], a1[NONCE_LEN];
	struct eapol_key k;
	const char *why;
	size_t first;

	first = do_run(&r, v, NULL, 0, NULL, false);
	ck_assert_uint_eq(r.n, first + 1);
	ck_assert_int_eq(eapol_key_parse(r.f[first], r.len[first], &k, &why), 0);
	ck_assert_int_eq(eapol_key_classify(&k), EAPOL_MSG_PTK_2);
	ck_assert_uint_eq(k.desc_type, v->desc);
	ck_assert_uint_eq(eapol_key_desc_ver(&k), v->ver);
	ck_assert_uint_eq(k.replay_counter, 1);
	pmk_of(pmk);
	anonce_of(a1, 0x55);
	assert_mic(r.f[first], r.len[first], v, pmk, aa_new, a1, v->ver, "baseline");
}
END_TEST

/* stale-aa, wrong-psk, stale-anonce, desc-version-mismatch: only the MIC
 * changes, and it is the MIC of the wrong input. */
START_TEST(mic_faults_change_only_the_mic)
{
	const struct variant *v = &variants[_i];
	static struct run base, r;
	uint8_t pmk[PMK_LEN], bad_pmk[PMK_LEN], a0[NONCE_LEN], a1[NONCE_LEN];
	size_t fb, fr;

	pmk_of(pmk);
	memcpy(bad_pmk, pmk, PMK_LEN);
	bad_pmk[0] ^= 0xff;
	anonce_of(a0, 0x11);
	anonce_of(a1, 0x55);
	fb = do_run(&base, v, NULL, 0, NULL, false);

	/* stale-aa: PTK with the previous AP's address as AA */
	fr = do_run(&r, v, "stale-aa", 0, NULL, false);
	ck_assert_uint_eq(r.n, fr + 1);
	ck_assert_uint_eq(r.len[fr], base.len[fb]);
	assert_diff_exactly(base.f[fb], r.f[fr], r.len[fr], only_mic, "stale-aa");
	assert_mic(r.f[fr], r.len[fr], v, pmk, aa_old, a1, v->ver, "stale-aa");

	/* stale-aa with an explicit BSSID */
	fr = do_run(&r, v, "stale-aa", 1, "02:00:00:00:07:00", false);
	assert_diff_exactly(base.f[fb], r.f[fr], r.len[fr], only_mic, "stale-aa bssid");
	assert_mic(r.f[fr], r.len[fr], v, pmk, (const uint8_t[6]){ 2, 0, 0, 0, 7, 0 }, a1,
		   v->ver, "stale-aa bssid");

	/* wrong-psk: PMK with byte 0 flipped */
	fr = do_run(&r, v, "wrong-psk", 0, NULL, false);
	assert_diff_exactly(base.f[fb], r.f[fr], r.len[fr], only_mic, "wrong-psk");
	assert_mic(r.f[fr], r.len[fr], v, bad_pmk, aa_new, a1, v->ver, "wrong-psk");

	/* wrong-psk with a given PMK (another PSK, as an AP may have
	 * configured besides its own) */
	{
		uint8_t other[PMK_LEN];
		char hex[2 * PMK_LEN + 1];

		for (size_t i = 0; i < PMK_LEN; i++)
			other[i] = (uint8_t)(0xa0 ^ (i * 13));
		hex_encode(other, PMK_LEN, hex);
		fr = do_run(&r, v, "wrong-psk", 1, hex, false);
		assert_diff_exactly(base.f[fb], r.f[fr], r.len[fr], only_mic, "wrong-psk pmk");
		assert_mic(r.f[fr], r.len[fr], v, other, aa_new, a1, v->ver, "wrong-psk pmk");
	}

	/* stale-anonce: PTK from the previous handshake's ANonce */
	fr = do_run(&r, v, "stale-anonce", 0, NULL, false);
	assert_diff_exactly(base.f[fb], r.f[fr], r.len[fr], only_mic, "stale-anonce");
	assert_mic(r.f[fr], r.len[fr], v, pmk, aa_new, a0, v->ver, "stale-anonce");

	/* desc-version-mismatch: key_info still says the right version, the
	 * MIC is computed with the other one (HMAC-MD5 <-> HMAC-SHA1) */
	fr = do_run(&r, v, "desc-version-mismatch", 0, NULL, false);
	assert_diff_exactly(base.f[fb], r.f[fr], r.len[fr], only_mic, "desc-version");
	ck_assert_uint_eq(get_be16(r.f[fr] + EAPOL_KEY_OFF_INFO) & KEY_INFO_VERSION_MASK,
			  v->ver);
	assert_mic(r.f[fr], r.len[fr], v, pmk, aa_new, a1,
		   v->ver == KEY_DESC_VER_HMAC_MD5_RC4 ? KEY_DESC_VER_HMAC_SHA1_AES :
							  KEY_DESC_VER_HMAC_MD5_RC4,
		   "desc-version");
}
END_TEST

/* snonce-change: a resent 1/4 normally gets the same SNonce back (only the
 * replay counter and MIC change); with the fault the SNonce changes too. */
START_TEST(snonce_change_changes_the_nonce_on_resend)
{
	const struct variant *v = &variants[_i];
	static struct run base, r;
	static const size_t rc_mic[][2] = {
		{ EAPOL_KEY_OFF_REPLAY, EAPOL_KEY_REPLAY_LEN },
		{ EAPOL_KEY_OFF_MIC, EAPOL_KEY_MIC_LEN }, { 0, 0 } };
	static const size_t rc_nonce_mic[][2] = {
		{ EAPOL_KEY_OFF_REPLAY, EAPOL_KEY_REPLAY_LEN },
		{ EAPOL_KEY_OFF_NONCE, NONCE_LEN },
		{ EAPOL_KEY_OFF_MIC, EAPOL_KEY_MIC_LEN }, { 0, 0 } };
	uint8_t pmk[PMK_LEN], a1[NONCE_LEN];
	size_t fb, fr;

	pmk_of(pmk);
	anonce_of(a1, 0x55);
	fb = do_run(&base, v, NULL, 0, NULL, true);
	ck_assert_uint_eq(base.n, fb + 2);
	assert_diff_exactly(base.f[fb], base.f[fb + 1], base.len[fb], rc_mic, "resend");
	ck_assert_uint_eq(get_be64(base.f[fb + 1] + EAPOL_KEY_OFF_REPLAY), 2);

	fr = do_run(&r, v, "snonce-change", 0, NULL, true);
	ck_assert_uint_eq(r.n, fr + 2);
	assert_diff_exactly(r.f[fr], r.f[fr + 1], r.len[fr], rc_nonce_mic,
			    "snonce-change resend");
	/* each is a valid 2/4 for its own SNonce */
	assert_mic(r.f[fr], r.len[fr], v, pmk, aa_new, a1, v->ver, "snonce-change 1");
	assert_mic(r.f[fr + 1], r.len[fr + 1], v, pmk, aa_new, a1, v->ver,
		   "snonce-change 2");
}
END_TEST

/* drop-msg 2: no 2/4 at all; delay-msg 2 T: the same bytes, T ms later. */
START_TEST(drop_and_delay_msg2)
{
	const struct variant *v = &variants[_i];
	static struct run base, r;
	char args[2][128], err[256];
	struct hs_faults sf;
	size_t fb, fr;

	fb = do_run(&base, v, NULL, 0, NULL, false);
	fr = do_run(&r, v, "drop-msg", 1, "2", false);
	ck_assert_uint_eq(r.n, fr);

	/* delay-msg takes two arguments: set it by hand through the parser */
	memset(&sf, 0, sizeof(sf));
	snprintf(args[0], sizeof(args[0]), "2");
	snprintf(args[1], sizeof(args[1]), "250");
	ck_assert_int_eq(test_sta_fault_set(&sf, "delay-msg", 2, args, err, sizeof(err)), 0);
	ck_assert(sf.delay[EAPOL_MSG_PTK_2].on);
	ck_assert(!sf.delay[EAPOL_MSG_GROUP_2].on);
	ck_assert_uint_eq(sf.delay[EAPOL_MSG_PTK_2].delay_ms, 250);
	{
		struct hs_config c;
		struct hs_supp *s;
		uint8_t a1[NONCE_LEN], m1[EAPOL_KEY_FRAME_MAX];
		size_t len;

		memset(&r, 0, sizeof(r));
		r.rng = 0x9e3779b97f4a7c15ull;
		r.now = 1000000;
		r.loop = loop_new();
		loop_set_clock(r.loop, r_clock, &r);
		cfg_of(v, aa_old, &c);
		s = hs_supp_new(r.loop, &c, &r_ops, &r);
		anonce_of(a1, 0x11);
		len = m1_of(v, a1, 1, m1);
		ck_assert_int_eq(hs_supp_rx(s, m1, len), 0);
		cfg_of(v, aa_new, &c);
		c.faults = sf;
		ck_assert_int_eq(hs_supp_assoc(s, &c), 0);
		anonce_of(a1, 0x55);
		len = m1_of(v, a1, 1, m1);
		ck_assert_int_eq(hs_supp_rx(s, m1, len), 0);
		ck_assert_uint_eq(r.n, 1);		/* not yet */
		r.now += 249000;
		loop_run_timers(r.loop);
		ck_assert_uint_eq(r.n, 1);
		r.now += 1000;
		loop_run_timers(r.loop);
		ck_assert_uint_eq(r.n, 2);
		ck_assert_uint_eq(r.t[1], 1000000 + 250000);
		ck_assert_uint_eq(r.len[1], base.len[fb]);
		ck_assert(memcmp(r.f[1], base.f[fb], r.len[1]) == 0);
		hs_supp_free(s);
		loop_free(r.loop);
	}
}
END_TEST

START_TEST(fault_parser_errors_and_list)
{
	struct hs_faults f;
	char args[3][128], err[256], buf[256];

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(test_sta_fault_set(&f, "nope", 0, args, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "unknown fault 'nope' (known: stale-aa wrong-psk "
			 "stale-anonce snonce-change desc-version-mismatch msg2-to-old-ap ignore-deauth "
			 "reinstall-on-m3-resend sae-wrong-password sae-group-mismatch sae-pwe-mismatch "
			 "pmksa-stale drop-msg delay-msg corrupt-mic clear)");
	snprintf(args[0], sizeof(args[0]), "3");
	ck_assert_int_eq(test_sta_fault_set(&f, "drop-msg", 1, args, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "drop-msg: bad message '3' for the station (expected 2, 4 or g2)");
	ck_assert_int_eq(test_sta_fault_set(&f, "wrong-psk", 2, args, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "usage: wrong-psk [pmk-hex]");
	/* a PMK is 64 hex digits, and not all zero (zero means "flip byte 0") */
	ck_assert_int_eq(test_sta_fault_set(&f, "wrong-psk", 1, args, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "wrong-psk: '3' is not a PMK (64 hex digits, not all zero)");
	snprintf(args[0], sizeof(args[0]), "%064d", 0);
	ck_assert_int_eq(test_sta_fault_set(&f, "wrong-psk", 1, args, err, sizeof(err)), -EINVAL);
	snprintf(args[0], sizeof(args[0]), "%063d", 1);
	ck_assert_int_eq(test_sta_fault_set(&f, "wrong-psk", 1, args, err, sizeof(err)), -EINVAL);
	snprintf(args[0], sizeof(args[0]), "%063dx", 1);
	ck_assert_int_eq(test_sta_fault_set(&f, "wrong-psk", 1, args, err, sizeof(err)), -EINVAL);
	ck_assert(!f.wrong_psk);
	snprintf(args[0], sizeof(args[0]), "%064d", 1);
	ck_assert_int_eq(test_sta_fault_set(&f, "wrong-psk", 1, args, err, sizeof(err)), 0);
	ck_assert(f.wrong_psk);
	ck_assert_uint_eq(f.wrong_pmk[31], 1);
	ck_assert_int_eq(hs_fault_clear(&f, "wrong-psk"), 0);
	ck_assert(!f.wrong_psk);
	ck_assert_uint_eq(f.wrong_pmk[31], 0);
	snprintf(args[0], sizeof(args[0]), "3");
	snprintf(args[0], sizeof(args[0]), "zz:00");
	ck_assert_int_eq(test_sta_fault_set(&f, "stale-aa", 1, args, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(hs_fault_list(&f, buf, sizeof(buf)), "none");
	ck_assert_int_eq(test_sta_fault_set(&f, "wrong-psk", 0, args, err, sizeof(err)), 0);
	snprintf(args[0], sizeof(args[0]), "g2");
	snprintf(args[1], sizeof(args[1]), "3");
	ck_assert_int_eq(test_sta_fault_set(&f, "drop-msg", 2, args, err, sizeof(err)), 0);
	ck_assert(f.drop[EAPOL_MSG_GROUP_2].on);
	ck_assert_uint_eq(f.drop[EAPOL_MSG_GROUP_2].left, 3);
	ck_assert_int_eq(test_sta_fault_set(&f, "msg2-to-old-ap", 0, args, err, sizeof(err)), 0);
	ck_assert_str_eq(hs_fault_list(&f, buf, sizeof(buf)),
			 "wrong-psk,msg2-to-old-ap,drop-msg=g2:3x");
	ck_assert_int_eq(hs_fault_clear(&f, "wrong-psk"), 0);
	ck_assert(!f.wrong_psk);
	ck_assert_str_eq(hs_fault_list(&f, buf, sizeof(buf)), "msg2-to-old-ap,drop-msg=g2:3x");
	ck_assert_int_eq(hs_fault_clear(&f, "bogus"), -EINVAL);
	ck_assert_int_eq(hs_fault_clear(&f, NULL), 0);
	ck_assert_str_eq(hs_fault_list(&f, buf, sizeof(buf)), "none");
	/* every fault is documented with what an AP logs */
	ck_assert_ptr_nonnull(strstr(hs_fault_help(HS_ROLE_SUPPLICANT), "stale-aa"));
	ck_assert_ptr_nonnull(strstr(hs_fault_help(HS_ROLE_SUPPLICANT), "reinstall-on-m3-resend"));
	ck_assert_ptr_nonnull(strstr(hs_fault_help(HS_ROLE_SUPPLICANT), "AP log:"));
}
END_TEST

static Suite *fault_suite(void)
{
	Suite *s = suite_create("sta_fault");
	TCase *tc = tcase_create("msg2-bytes");

	log_set_level(LOG_LVL_ERROR);
	tcase_add_loop_test(tc, baseline_is_correct, 0, 2);
	tcase_add_loop_test(tc, mic_faults_change_only_the_mic, 0, 2);
	tcase_add_loop_test(tc, snonce_change_changes_the_nonce_on_resend, 0, 2);
	tcase_add_loop_test(tc, drop_and_delay_msg2, 0, 2);
	tcase_add_test(tc, fault_parser_errors_and_list);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(fault_suite)
