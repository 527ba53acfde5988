// SPDX-License-Identifier: MIT
/* test_fixtures: our EAPOL-Key code against frames captured from the real
 * peers, Debian's hostapd 2.10 and wpa_supplicant 2.10, one WPA2-PSK CCMP
 * connection and one WPA1 TKIP connection (tests/unit/fixtures/, made by
 * capture.sh there; README.md describes the files).
 *
 * 1. From the capture alone (PMK from passphrase and SSID, PTK from AA,
 *    SPA, the ANonce of 1/4 and the SNonce of 2/4, 12.7.1.3): every
 *    captured MIC verifies with our code, the PTK is the one hostapd logged,
 *    and the key data we decrypt from hostapd's 3/4 (RSN) or group 1/2
 *    (WPA1) holds the GTK hostapd logged.
 * 2. Our supplicant (hs_supp), whose random source gives it
 *    wpa_supplicant's SNonce, takes hostapd's 1/4, 3/4 (and group 1/2):
 *    it installs hostapd's PTK and GTK, and its 2/4 and 4/4 are
 *    wpa_supplicant's, byte for byte.
 * 3. Our authenticator (hs_group + hs_auth), whose random source gives it
 *    hostapd's ANonce, takes wpa_supplicant's 2/4 and 4/4 (and group 2/2)
 *    and reaches PTKINITDONE with the same PTK.
 * 4. One flipped MIC bit in a captured frame: rejected, with the
 *    HS_EV_MIC_FAILURE event, and nothing installed or answered. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "crypto.h"
#include "eapol.h"
#include "handshake.h"
#include "ie.h"
#include "log.h"
#include "loop.h"
#include "util.h"

#ifndef FIXTURE_DIR
#define FIXTURE_DIR "tests/unit/fixtures/"	/* tests run at the repo root */
#endif

enum { F_M1, F_M2, F_M3, F_M4, F_G1, F_G2, F_N };
static const char *const fkeys[F_N] = { "m1", "m2", "m3", "m4", "g1", "g2" };

struct fixture {
	uint8_t ssid[32];
	size_t ssid_len;
	char passphrase[64];
	uint8_t aa[6], spa[6];
	uint8_t frame[F_N][EAPOL_KEY_FRAME_MAX];
	size_t len[F_N];
	uint8_t gtk[GTK_MAX_LEN];
	size_t gtk_len;
	uint8_t ptk_logged[PTK_MAX_LEN];
	size_t ptk_logged_len;
	/* derived */
	bool wpa1;
	uint8_t pmk[PMK_LEN];
	uint8_t ptk[PTK_MAX_LEN];
	size_t ptk_len;
	unsigned int ver;
	struct eapol_key k[F_N];
};

/* "key value" lines, '#' comments. Errors name file:line:key. */
static int fixture_load(const char *path, struct fixture *f, char *err, size_t errlen)
{
	char line[4096], *v;
	int n = 0, ret = 0;
	FILE *fp;

	memset(f, 0, sizeof(*f));
	fp = fopen(path, "r");
	if (!fp) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	while (fgets(line, sizeof(line), fp)) {
		size_t i;

		n++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		v = strchr(line, ' ');
		if (!v) {
			snprintf(err, errlen, "%s:%d: '%.32s' has no value", path, n, line);
			ret = -EINVAL;
			break;
		}
		*v++ = '\0';
		if (!strcmp(line, "ssid")) {
			f->ssid_len = strlen(v);
			if (f->ssid_len > sizeof(f->ssid))
				goto bad;
			memcpy(f->ssid, v, f->ssid_len);
		} else if (!strcmp(line, "passphrase")) {
			if (strlen(v) >= sizeof(f->passphrase))
				goto bad;
			strcpy(f->passphrase, v);
		} else if (!strcmp(line, "aa") || !strcmp(line, "spa")) {
			if (mac_parse(v, line[0] == 'a' ? f->aa : f->spa))
				goto bad;
		} else if (!strcmp(line, "gtk")) {
			if (hex_decode_var(v, f->gtk, sizeof(f->gtk), &f->gtk_len))
				goto bad;
		} else if (!strcmp(line, "ptk")) {
			if (hex_decode_var(v, f->ptk_logged, sizeof(f->ptk_logged),
					   &f->ptk_logged_len))
				goto bad;
		} else {
			for (i = 0; i < F_N && strcmp(line, fkeys[i]); i++)
				;
			if (i == F_N) {
				snprintf(err, errlen, "%s:%d: unknown key '%.32s'", path, n, line);
				ret = -EINVAL;
				break;
			}
			if (hex_decode_var(v, f->frame[i], sizeof(f->frame[i]), &f->len[i]))
				goto bad;
		}
		continue;
bad:
		snprintf(err, errlen, "%s:%d:%.32s: bad value", path, n, line);
		ret = -EINVAL;
		break;
	}
	fclose(fp);
	return ret;
}

static const char *const fixture_files[] = { "wpa2-ccmp.hex", "wpa1-tkip.hex" };

/* Load, parse every frame, derive PMK and PTK. */
static void fixture_open(int i, struct fixture *f)
{
	char path[256], err[512];
	const char *why;

	snprintf(path, sizeof(path), FIXTURE_DIR "%s", fixture_files[i]);
	ck_assert_msg(fixture_load(path, f, err, sizeof(err)) == 0, "%s", err);
	f->wpa1 = f->len[F_G1] != 0;
	for (int m = 0; m < F_N; m++) {
		if (!f->len[m]) {
			ck_assert_msg(m >= F_G1 && !f->wpa1, "%s: no %s", path, fkeys[m]);
			continue;
		}
		ck_assert_msg(eapol_key_parse(f->frame[m], f->len[m], &f->k[m], &why) == 0,
			      "%s: %s: %s", path, fkeys[m], why);
	}
	ck_assert_uint_eq(eapol_key_classify(&f->k[F_M1]), EAPOL_MSG_PTK_1);
	ck_assert_uint_eq(eapol_key_classify(&f->k[F_M2]), EAPOL_MSG_PTK_2);
	ck_assert_uint_eq(eapol_key_classify(&f->k[F_M3]), EAPOL_MSG_PTK_3);
	ck_assert_uint_eq(eapol_key_classify(&f->k[F_M4]), EAPOL_MSG_PTK_4);
	if (f->wpa1) {
		ck_assert_uint_eq(eapol_key_classify(&f->k[F_G1]), EAPOL_MSG_GROUP_1);
		ck_assert_uint_eq(eapol_key_classify(&f->k[F_G2]), EAPOL_MSG_GROUP_2);
	}
	ck_assert_int_eq(crypto_psk_from_passphrase(f->passphrase, f->ssid, f->ssid_len,
						    f->pmk), 0);
	f->ver = eapol_key_desc_ver(&f->k[F_M1]);
	f->ptk_len = f->ver == KEY_DESC_VER_HMAC_MD5_RC4 ? 64 : 48;
	ck_assert_int_eq(crypto_derive_ptk(f->pmk, f->aa, f->spa, f->k[F_M1].nonce,
					   f->k[F_M2].nonce, f->ptk, f->ptk_len), 0);
}

/* --- 1. the capture against our primitives ---------------------------------- */

START_TEST(capture_keys_and_mics)
{
	struct fixture *f = calloc(1, sizeof(*f));
	uint8_t kd[EAPOL_KEY_DATA_MAX], gtk_kd[EAPOL_KEY_DATA_MAX];
	struct wpa_ie_info info;
	struct kde_gtk g;
	const uint8_t *ie;
	const char *why;
	size_t kd_len, ie_len;

	fixture_open(_i, f);
	/* the PTK hostapd logged (-K) is the one we derive */
	ck_assert_uint_ge(f->ptk_logged_len, 48);
	ck_assert_uint_le(f->ptk_logged_len, f->ptk_len);
	ck_assert(memcmp(f->ptk, f->ptk_logged, f->ptk_logged_len) == 0);
	for (int m = F_M2; m < F_N; m++)
		if (f->len[m])
			ck_assert_msg(eapol_mic_verify(f->ver, f->ptk, &f->k[m]),
				      "MIC of %s", fkeys[m]);
	ck_assert_uint_gt(f->gtk_len, 0);
	if (!f->wpa1) {
		/* RSN 3/4: AES key wrap with the KEK; RSN element + GTK KDE */
		ck_assert(f->k[F_M3].key_info & KEY_INFO_ENCR_KEY_DATA);
		ck_assert_int_eq(eapol_key_data_decrypt(f->ver, f->ptk + KCK_LEN, f->k[F_M3].iv,
							f->k[F_M3].key_data,
							f->k[F_M3].key_data_len, kd, sizeof(kd),
							&kd_len), 0);
		ie = ie_find_wpa_any(kd, kd_len, IE_PROTO_RSN, &ie_len);
		ck_assert_ptr_nonnull(ie);
		ck_assert_int_eq(ie_parse_rsn(ie, ie_len, &info, NULL), 0);
		ck_assert_uint_eq(info.pairwise_ciphers, WPA_CIPHER_CCMP);
		ck_assert_int_eq(eapol_kde_gtk_find(kd, kd_len, &g, &why), 0);
		ck_assert_uint_eq(g.gtk_len, f->gtk_len);
		ck_assert(memcmp(g.gtk, f->gtk, g.gtk_len) == 0);
		ck_assert_uint_ne(g.key_idx, 0);
	} else {
		/* WPA1 3/4: the WPA element in the clear; group 1/2: RC4 with
		 * IV | KEK, the GTK alone */
		ie = ie_find_wpa_any(f->k[F_M3].key_data, f->k[F_M3].key_data_len, IE_PROTO_WPA,
				     &ie_len);
		ck_assert_ptr_nonnull(ie);
		ck_assert_int_eq(ie_parse_wpa(ie, ie_len, &info, NULL), 0);
		ck_assert_uint_eq(info.pairwise_ciphers, WPA_CIPHER_TKIP);
		ck_assert_int_eq(eapol_key_data_decrypt(f->ver, f->ptk + KCK_LEN, f->k[F_G1].iv,
							f->k[F_G1].key_data,
							f->k[F_G1].key_data_len, gtk_kd,
							sizeof(gtk_kd), &kd_len), 0);
		ck_assert_uint_eq(f->k[F_G1].key_len, f->gtk_len);
		ck_assert_uint_ge(kd_len, f->gtk_len);
		ck_assert(memcmp(gtk_kd, f->gtk, f->gtk_len) == 0);
	}
	secure_zero(f, sizeof(*f));
	free(f);
}
END_TEST

/* --- ops for our handshake objects ------------------------------------------ */

#define MAXF 16
#define MAXE 256

static struct {
	uint8_t frame[MAXF][EAPOL_KEY_FRAME_MAX];
	size_t len[MAXF];
	size_t n;
	enum hs_event_type ev[MAXE];
	size_t nev;
	struct { enum hs_key_kind kind; uint8_t key[32]; size_t len; uint8_t idx; } keys[8];
	size_t nkeys;
	const uint8_t *nonce;	/* served once by the random hook, then cleared */
	uint64_t now;
} io;

static int t_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	ck_assert_uint_lt(io.n, MAXF);
	memcpy(io.frame[io.n], frame, len);
	io.len[io.n++] = len;
	return 0;
}

static int t_install(void *ctx, const struct hs_key *k)
{
	ck_assert_uint_lt(io.nkeys, 8);
	io.keys[io.nkeys].kind = k->kind;
	memcpy(io.keys[io.nkeys].key, k->key, k->key_len);
	io.keys[io.nkeys].len = k->key_len;
	io.keys[io.nkeys].idx = k->key_idx;
	io.nkeys++;
	return 0;
}

static void t_event(void *ctx, const struct hs_event *e)
{
	if (io.nev < MAXE)
		io.ev[io.nev++] = e->type;
}

static size_t n_events(enum hs_event_type t)
{
	size_t n = 0;

	for (size_t i = 0; i < io.nev; i++)
		n += io.ev[i] == t;
	return n;
}

/* The captured nonce for the next nonce-sized request, fixed bytes for
 * anything else (GMK, GNonce, IVs). */
static int t_random(void *ctx, uint8_t *buf, size_t len)
{
	if (io.nonce && len == NONCE_LEN) {
		memcpy(buf, io.nonce, len);
		io.nonce = NULL;
		return 0;
	}
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(0x5a ^ i);
	return 0;
}

static const struct hs_ops t_ops = {
	.tx = t_tx,
	.install_key = t_install,
	.event = t_event,
	.random = t_random,
};

static struct loop *t_loop;

static uint64_t loop_clock(void *ctx)
{
	return io.now;
}

static void io_reset(void)
{
	memset(&io, 0, sizeof(io));
	io.now = 1000000;
	t_loop = loop_new();
	ck_assert_ptr_nonnull(t_loop);
	loop_set_clock(t_loop, loop_clock, NULL);
	log_set_level(getenv("T_DEBUG") ? LOG_LVL_DEBUG : LOG_LVL_ERROR);
}

static bool has_key(enum hs_key_kind kind)
{
	for (size_t i = 0; i < io.nkeys; i++)
		if (io.keys[i].kind == kind)
			return true;
	return false;
}

static bool installed(enum hs_key_kind kind, const uint8_t *key, size_t len)
{
	for (size_t i = 0; i < io.nkeys; i++)
		if (io.keys[i].kind == kind && io.keys[i].len == len &&
		    !memcmp(io.keys[i].key, key, len))
			return true;
	return false;
}

/* --- 2. our supplicant against hostapd's frames ----------------------------- */

static struct hs_supp *supp_for(const struct fixture *f)
{
	struct hs_config c;
	struct hs_supp *s;

	hs_config_init(&c, HS_ROLE_SUPPLICANT);
	c.proto = f->wpa1 ? IE_PROTO_WPA : IE_PROTO_RSN;
	c.pairwise_cipher = f->wpa1 ? WPA_CIPHER_TKIP : WPA_CIPHER_CCMP;
	c.group_cipher = c.pairwise_cipher;
	memcpy(c.pmk, f->pmk, PMK_LEN);
	memcpy(c.aa, f->aa, 6);
	memcpy(c.spa, f->spa, 6);
	ck_assert_int_eq(hs_config_build_own_ie(&c), 0);
	s = hs_supp_new(t_loop, &c, &t_ops, NULL);
	ck_assert_ptr_nonnull(s);
	return s;
}

START_TEST(supplicant_takes_hostapd_frames)
{
	struct fixture *f = calloc(1, sizeof(*f));
	size_t tk_len;
	struct hs_supp *s;

	fixture_open(_i, f);
	io_reset();
	s = supp_for(f);
	io.nonce = f->k[F_M2].nonce;	/* wpa_supplicant's SNonce */
	ck_assert_int_eq(hs_supp_rx(s, f->frame[F_M1], f->len[F_M1]), 0);
	ck_assert_uint_eq(io.n, 1);
	/* our 2/4 is wpa_supplicant's: same SNonce, element, MIC */
	ck_assert_uint_eq(io.len[0], f->len[F_M2]);
	ck_assert(memcmp(io.frame[0], f->frame[F_M2], f->len[F_M2]) == 0);

	ck_assert_int_eq(hs_supp_rx(s, f->frame[F_M3], f->len[F_M3]), 0);
	ck_assert_uint_eq(n_events(HS_EV_MIC_FAILURE), 0);
	ck_assert_uint_eq(n_events(HS_EV_DROPPED), 0);
	ck_assert_uint_eq(io.n, 2);
	ck_assert_uint_eq(io.len[1], f->len[F_M4]);
	ck_assert(memcmp(io.frame[1], f->frame[F_M4], f->len[F_M4]) == 0);
	tk_len = f->wpa1 ? 32 : 16;
	ck_assert(installed(HS_KEY_PTK, f->ptk + KCK_LEN + KEK_LEN, tk_len));
	if (f->wpa1) {
		ck_assert_int_eq(hs_supp_state(s), HS_SUPP_GROUP_HANDSHAKE);
		ck_assert_int_eq(hs_supp_rx(s, f->frame[F_G1], f->len[F_G1]), 0);
		ck_assert_uint_eq(io.n, 3);
		ck_assert_uint_eq(io.len[2], f->len[F_G2]);
		ck_assert(memcmp(io.frame[2], f->frame[F_G2], f->len[F_G2]) == 0);
	}
	ck_assert(installed(HS_KEY_GTK, f->gtk, f->gtk_len));
	ck_assert_int_eq(hs_supp_state(s), HS_SUPP_COMPLETED);
	ck_assert(has_key(HS_KEY_GTK));
	hs_supp_free(s);
	loop_free(t_loop);
	secure_zero(f, sizeof(*f));
	free(f);
}
END_TEST

/* --- 3. our authenticator against wpa_supplicant's frames ------------------- */

struct auth_side {
	struct hs_group *g;
	struct hs_auth *a;
};

static void auth_for(const struct fixture *f, struct auth_side *as)
{
	struct hs_group_config gc = { 0 };
	struct hs_config c;
	const uint8_t *ie;
	size_t ie_len;
	enum ie_proto proto = f->wpa1 ? IE_PROTO_WPA : IE_PROTO_RSN;
	struct hs_ap_policy pol = {
		.wpa = f->wpa1 ? 1 : 2,
		.wpa_pairwise = f->wpa1 ? WPA_CIPHER_TKIP : WPA_CIPHER_CCMP,
		.rsn_pairwise = f->wpa1 ? WPA_CIPHER_TKIP : WPA_CIPHER_CCMP,
	};

	gc.group_cipher = hs_ap_policy_group_cipher(&pol);
	memcpy(gc.aa, f->aa, 6);
	gc.eapol_version = 2;
	hs_timeouts_default(&gc.timeouts);
	as->g = hs_group_new(t_loop, &gc, &t_ops, NULL);
	ck_assert_ptr_nonnull(as->g);
	hs_config_init(&c, HS_ROLE_AUTHENTICATOR);
	c.proto = proto;
	c.pairwise_cipher = pol.wpa_pairwise;
	c.group_cipher = gc.group_cipher;
	memcpy(c.pmk, f->pmk, PMK_LEN);
	memcpy(c.aa, f->aa, 6);
	memcpy(c.spa, f->spa, 6);
	ck_assert_int_eq(hs_ap_policy_build_ie(&pol, proto, c.own_ie, sizeof(c.own_ie),
					       &c.own_ie_len), 0);
	/* the station's element from its (Re)Association Request is the one
	 * in its 2/4 (12.7.6.3) */
	ie = ie_find_wpa_any(f->k[F_M2].key_data, f->k[F_M2].key_data_len, proto, &ie_len);
	ck_assert_ptr_nonnull(ie);
	memcpy(c.peer_ie, ie, ie_len);
	c.peer_ie_len = ie_len;
	as->a = hs_auth_new(t_loop, as->g, &c, &t_ops, NULL);
	ck_assert_ptr_nonnull(as->a);
	io.n = 0;
	io.nkeys = 0;
	io.nonce = f->k[F_M1].nonce;	/* hostapd's ANonce */
	ck_assert_int_eq(hs_auth_start(as->a, NULL), 0);
	ck_assert_uint_eq(io.n, 1);
}

static void auth_free(struct auth_side *as)
{
	hs_auth_free(as->a);
	hs_group_free(as->g);
}

/* Our frame i has the captured frame's replay counter and nonce. */
static void assert_like(size_t i, const struct eapol_key *cap)
{
	struct eapol_key k;
	const char *why;

	ck_assert_uint_lt(i, io.n);
	ck_assert_int_eq(eapol_key_parse(io.frame[i], io.len[i], &k, &why), 0);
	ck_assert_uint_eq(eapol_key_classify(&k), eapol_key_classify(cap));
	ck_assert_uint_eq(k.replay_counter, cap->replay_counter);
	ck_assert_uint_eq(k.key_info, cap->key_info);
}

START_TEST(authenticator_takes_wpa_supplicant_frames)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct auth_side as;
	size_t tk_len;

	fixture_open(_i, f);
	io_reset();
	auth_for(f, &as);
	assert_like(0, &f->k[F_M1]);
	ck_assert(memcmp(io.frame[0] + EAPOL_KEY_OFF_NONCE, f->k[F_M1].nonce, NONCE_LEN) == 0);
	ck_assert_int_eq(hs_auth_rx(as.a, f->frame[F_M2], f->len[F_M2]), 0);
	ck_assert_uint_eq(n_events(HS_EV_MIC_FAILURE), 0);
	ck_assert_uint_eq(io.n, 2);
	assert_like(1, &f->k[F_M3]);
	ck_assert_int_eq(hs_auth_rx(as.a, f->frame[F_M4], f->len[F_M4]), 0);
	ck_assert_int_eq(hs_auth_state(as.a), HS_AUTH_PTKINITDONE);
	tk_len = f->wpa1 ? 32 : 16;
	ck_assert(installed(HS_KEY_PTK, f->ptk + KCK_LEN + KEK_LEN, tk_len));
	if (f->wpa1) {
		/* hostapd's first group 1/2 (counter 3) went out encrypted
		 * before wpa_supplicant had installed the PTK; its resend
		 * 500 ms later (counter 4) is the one answered. Ours resends
		 * after the same 500 ms, with the same counter. */
		ck_assert_uint_eq(io.n, 3);
		io.now += 500 * 1000;
		loop_run_timers(t_loop);
		ck_assert_uint_eq(io.n, 4);
		assert_like(3, &f->k[F_G1]);
		ck_assert_int_eq(hs_auth_rx(as.a, f->frame[F_G2], f->len[F_G2]), 0);
		ck_assert_int_eq(hs_auth_gstate(as.a), HS_AUTH_G_REKEYESTABLISHED);
	}
	ck_assert_uint_eq(n_events(HS_EV_MIC_FAILURE), 0);
	ck_assert_uint_eq(n_events(HS_EV_DROPPED), 0);
	auth_free(&as);
	loop_free(t_loop);
	secure_zero(f, sizeof(*f));
	free(f);
}
END_TEST

/* --- 4. one flipped MIC bit -------------------------------------------------- */

static void flip_mic(struct fixture *f, int m)
{
	f->frame[m][EAPOL_KEY_OFF_MIC + 5] ^= 0x10;
}

START_TEST(supplicant_rejects_flipped_mic)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct hs_supp *s;

	fixture_open(_i, f);
	io_reset();
	s = supp_for(f);
	io.nonce = f->k[F_M2].nonce;
	ck_assert_int_eq(hs_supp_rx(s, f->frame[F_M1], f->len[F_M1]), 0);
	flip_mic(f, F_M3);
	ck_assert_int_eq(hs_supp_rx(s, f->frame[F_M3], f->len[F_M3]), 0);
	ck_assert_uint_eq(n_events(HS_EV_MIC_FAILURE), 1);
	ck_assert_uint_eq(io.n, 1);		/* no 4/4 */
	ck_assert_uint_eq(io.nkeys, 0);		/* nothing installed */
	ck_assert(!hs_supp_ptk_installed(s));
	ck_assert_int_eq(hs_supp_state(s), HS_SUPP_4WAY_HANDSHAKE);
	/* the intact 3/4 still goes through afterwards */
	flip_mic(f, F_M3);
	ck_assert_int_eq(hs_supp_rx(s, f->frame[F_M3], f->len[F_M3]), 0);
	ck_assert_uint_eq(io.n, 2);
	if (f->wpa1) {
		flip_mic(f, F_G1);
		ck_assert_int_eq(hs_supp_rx(s, f->frame[F_G1], f->len[F_G1]), 0);
		ck_assert_uint_eq(n_events(HS_EV_MIC_FAILURE), 2);
		ck_assert_uint_eq(io.n, 2);		/* no 2/2 */
		ck_assert(!has_key(HS_KEY_GTK));
	}
	hs_supp_free(s);
	loop_free(t_loop);
	secure_zero(f, sizeof(*f));
	free(f);
}
END_TEST

START_TEST(authenticator_rejects_flipped_mic)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct auth_side as;

	fixture_open(_i, f);
	io_reset();
	auth_for(f, &as);
	flip_mic(f, F_M2);
	ck_assert_int_eq(hs_auth_rx(as.a, f->frame[F_M2], f->len[F_M2]), 0);
	ck_assert_uint_eq(n_events(HS_EV_MIC_FAILURE), 1);
	ck_assert_uint_eq(io.n, 1);		/* no 3/4 */
	ck_assert_int_ne(hs_auth_state(as.a), HS_AUTH_PTKINITNEGOTIATING);
	flip_mic(f, F_M2);
	ck_assert_int_eq(hs_auth_rx(as.a, f->frame[F_M2], f->len[F_M2]), 0);
	ck_assert_uint_eq(io.n, 2);
	flip_mic(f, F_M4);
	ck_assert_int_eq(hs_auth_rx(as.a, f->frame[F_M4], f->len[F_M4]), 0);
	ck_assert_uint_eq(n_events(HS_EV_MIC_FAILURE), 2);
	ck_assert_int_ne(hs_auth_state(as.a), HS_AUTH_PTKINITDONE);
	ck_assert(!has_key(HS_KEY_PTK));
	auth_free(&as);
	loop_free(t_loop);
	secure_zero(f, sizeof(*f));
	free(f);
}
END_TEST

/* The loader names file:line:key for bad input. */
START_TEST(loader_errors_name_the_line)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char path[] = "/tmp/roamlab-fixture-XXXXXX", err[512];
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	fputs("# comment\nssid x\nm1 0203zz\n", fp);
	fclose(fp);
	ck_assert_int_eq(fixture_load(path, f, err, sizeof(err)), -EINVAL);
	ck_assert_msg(strstr(err, ":3:m1: bad value") != NULL, "%s", err);
	unlink(path);
	free(f);
}
END_TEST

static Suite *fixture_suite(void)
{
	Suite *s = suite_create("fixtures");
	TCase *tc = tcase_create("hostapd-wpa_supplicant-2.10");
	int n = (int)ARRAY_SIZE(fixture_files);

	tcase_add_loop_test(tc, capture_keys_and_mics, 0, n);
	tcase_add_loop_test(tc, supplicant_takes_hostapd_frames, 0, n);
	tcase_add_loop_test(tc, authenticator_takes_wpa_supplicant_frames, 0, n);
	tcase_add_loop_test(tc, supplicant_rejects_flipped_mic, 0, n);
	tcase_add_loop_test(tc, authenticator_rejects_flipped_mic, 0, n);
	tcase_add_test(tc, loader_errors_name_the_line);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(fixture_suite)
