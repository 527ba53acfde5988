// SPDX-License-Identifier: MIT
/* The air checks of the hostile-air lab: the key reinstallation detector
 * (sim/pncheck.c) on handshakes with forged, replayed and fresh messages;
 * the injector's frame forging (sim/inject.c) and store file; radiotap and
 * pcap parsing with malformed input. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../../sim/frame.h"
#include "../../sim/inject.h"
#include "../../sim/pcap.h"
#include "../../sim/pncheck.h"
#include "buf.h"
#include "eapol.h"
#include "mgmt.h"
#include "unit.h"
#include "util.h"

static const uint8_t AP[6] = { 2, 0, 0, 0, 0, 0xa }, STA[6] = { 2, 0, 0, 0, 0, 0x5 };
static const uint8_t llc[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };

/* a data frame header from ta to ra (FromDS when the AP sends) */
static size_t data_hdr(uint8_t *f, const uint8_t *ta, const uint8_t *ra, bool prot)
{
	bool from_ap = mac_equal(ta, AP);

	memset(f, 0, 24);
	f[0] = 0x08;
	f[1] = (from_ap ? 0x02 : 0x01) | (prot ? 0x40 : 0);
	memcpy(f + 4, ra, 6);
	memcpy(f + 10, ta, 6);
	memcpy(f + 16, from_ap ? ta : ra, 6);
	return 24;
}

static size_t eapol_frame(uint8_t *f, const uint8_t *ta, const uint8_t *ra, int msg,
			  uint64_t rc, uint8_t nonce_byte)
{
	static const uint16_t ki[] = {
		[1] = KEY_INFO_TYPE_PAIRWISE | KEY_INFO_ACK | 2,
		[2] = KEY_INFO_TYPE_PAIRWISE | KEY_INFO_MIC | 2,
		[3] = KEY_INFO_TYPE_PAIRWISE | KEY_INFO_ACK | KEY_INFO_MIC | KEY_INFO_INSTALL |
		      KEY_INFO_SECURE | KEY_INFO_ENCR_KEY_DATA | 2,
		[4] = KEY_INFO_TYPE_PAIRWISE | KEY_INFO_MIC | KEY_INFO_SECURE | 2,
		[5] = KEY_INFO_ACK | KEY_INFO_MIC | KEY_INFO_SECURE | KEY_INFO_ENCR_KEY_DATA | 2,
	};
	uint8_t nonce[32], kd[24] = { 0xdd };
	struct eapol_key_params p = {
		.eapol_version = 2, .desc_type = EAPOL_DESC_RSN, .key_info = ki[msg],
		.key_len = 16, .replay_counter = rc, .nonce = nonce,
		.key_data = kd, .key_data_len = (msg == 2 || msg == 3 || msg == 5) ? 24 : 0,
	};
	size_t h = data_hdr(f, ta, ra, false), n;

	memset(nonce, nonce_byte, sizeof(nonce));
	memcpy(f + h, llc, 8);
	ck_assert_int_eq(eapol_key_build(&p, f + h + 8, 512, &n), 0);
	return h + 8 + n;
}

static size_t ccmp_frame(uint8_t *f, const uint8_t *ta, const uint8_t *ra, uint64_t pn)
{
	size_t h = data_hdr(f, ta, ra, true);
	uint8_t *iv = f + h;

	iv[0] = (uint8_t)pn;
	iv[1] = (uint8_t)(pn >> 8);
	iv[2] = 0;
	iv[3] = 0x20;		/* Ext IV, key id 0 */
	put_le32(iv + 4, (uint32_t)(pn >> 16));
	memset(iv + 8, 0x77, 24);
	return h + 8 + 24;
}

static int feed(struct sim_pncheck *pc, const uint8_t *f, size_t len)
{
	struct sim_frame_info fi;

	ck_assert(sim_frame_parse(f, len, &fi));
	return sim_pncheck_frame(pc, &fi, true, 0);
}

/* M1..M4 of a handshake with ANonce byte a, replay counters rc.. */
static void handshake(struct sim_pncheck *pc, uint64_t rc, uint8_t a)
{
	uint8_t f[600];

	ck_assert(!feed(pc, f, eapol_frame(f, AP, STA, 1, rc, a)));
	ck_assert(!feed(pc, f, eapol_frame(f, STA, AP, 2, rc, 0x99)));
	ck_assert(!feed(pc, f, eapol_frame(f, AP, STA, 3, rc + 1, a)));
	ck_assert(!feed(pc, f, eapol_frame(f, STA, AP, 4, rc + 1, 0)));
}

static unsigned int data(struct sim_pncheck *pc, uint64_t from, uint64_t to)
{
	uint8_t f[128];
	unsigned int reuses = 0;

	for (uint64_t pn = from; pn <= to; pn++) {
		reuses += feed(pc, f, ccmp_frame(f, STA, AP, pn));
		reuses += feed(pc, f, ccmp_frame(f, AP, STA, pn));
	}
	return reuses;
}

START_TEST(pn_replayed_m3_is_a_reinstall)
{
	struct sim_pncheck pc = { 0 };
	uint8_t f[600];

	handshake(&pc, 1, 0xa1);
	ck_assert_uint_eq(data(&pc, 1, 5), 0);
	/* the 3/4 again and the STA's 4/4 echoing its counter: no new key */
	ck_assert(!feed(&pc, f, eapol_frame(f, AP, STA, 3, 2, 0xa1)));
	ck_assert(!feed(&pc, f, eapol_frame(f, STA, AP, 4, 2, 0)));
	ck_assert_uint_eq(data(&pc, 1, 1), 2);
	ck_assert_uint_eq(pc.reuses, 2);
	ck_assert_ptr_nonnull(strstr(pc.detail, "PN 1 reused (last 5)"));
	sim_pncheck_free(&pc);
}
END_TEST

START_TEST(pn_forged_m1_does_not_hide_a_reuse)
{
	struct sim_pncheck pc = { 0 };
	uint8_t f[600];

	handshake(&pc, 1, 0xa1);
	ck_assert_uint_eq(data(&pc, 1, 5), 0);
	/* a forged 1/4 (new ANonce, counter bumped) and the STA's 2/4 */
	ck_assert(!feed(&pc, f, eapol_frame(f, AP, STA, 1, 1002, 0xee)));
	ck_assert(!feed(&pc, f, eapol_frame(f, STA, AP, 2, 1002, 0x98)));
	ck_assert_uint_eq(data(&pc, 3, 3), 2);
	sim_pncheck_free(&pc);
}
END_TEST

START_TEST(pn_retransmitted_m3_with_new_counter_is_not_a_new_key)
{
	struct sim_pncheck pc = { 0 };
	uint8_t f[600];

	handshake(&pc, 1, 0xa1);
	ck_assert_uint_eq(data(&pc, 1, 5), 0);
	/* hostapd retransmits 3/4 with a higher counter, same ANonce */
	ck_assert(!feed(&pc, f, eapol_frame(f, AP, STA, 3, 3, 0xa1)));
	ck_assert(!feed(&pc, f, eapol_frame(f, STA, AP, 4, 3, 0)));
	ck_assert_uint_eq(data(&pc, 2, 2), 2);
	sim_pncheck_free(&pc);
}
END_TEST

START_TEST(pn_new_keys_restart_the_count)
{
	struct sim_pncheck pc = { 0 };
	uint8_t f[600];
	struct wbuf w;

	handshake(&pc, 1, 0xa1);
	ck_assert_uint_eq(data(&pc, 1, 5), 0);
	/* a fresh 4-way handshake (new ANonce) on the same association */
	handshake(&pc, 10, 0xa2);
	ck_assert_uint_eq(data(&pc, 1, 3), 0);
	/* a new association, whose handshake restarts the counters */
	wbuf_init(&w, f, sizeof(f));
	ck_assert_int_eq(mgmt_build_auth(&w, AP, STA, AP, 0, 1, 0, NULL, 0), 0);
	ck_assert(!feed(&pc, f, w.len));
	handshake(&pc, 1, 0xa1);
	ck_assert_uint_eq(data(&pc, 1, 2), 0);
	ck_assert_uint_eq(pc.reuses, 0);
	sim_pncheck_free(&pc);
}
END_TEST

/* ---- injector ---- */

static void store_put(struct sim_inj_store *st, int msg, const uint8_t *f, size_t len)
{
	memcpy(st->frame[msg], f, len);
	st->len[msg] = len;
}

static void key_of(const uint8_t *f, size_t len, struct eapol_key *k)
{
	struct sim_frame_info fi;
	const uint8_t *e;
	size_t elen;
	const char *why;

	ck_assert(sim_frame_parse(f, len, &fi));
	e = sim_frame_eapol(f, len, &fi, &elen);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(eapol_key_parse(e, elen, k, &why), 0);
}

START_TEST(inject_forges_from_the_capture)
{
	static struct sim_inj_store st;
	uint8_t f[600], out[SIM_INJ_FRAME_MAX];
	size_t n, on;
	struct eapol_key k, o;
	int bits = 0;

	memset(&st, 0, sizeof(st));
	ck_assert_int_eq(sim_inj_build(&st, "replay-m3", 1, out, sizeof(out), &on), -ENOENT);
	n = eapol_frame(f, AP, STA, 1, 1, 0xa1);
	store_put(&st, EAPOL_MSG_PTK_1, f, n);
	n = eapol_frame(f, AP, STA, 3, 2, 0xa1);
	f[1] |= 0x08;		/* captured as a retry */
	store_put(&st, EAPOL_MSG_PTK_3, f, n);
	n = eapol_frame(f, AP, STA, 5, 7, 0);
	store_put(&st, EAPOL_MSG_GROUP_1, f, n);

	ck_assert_int_eq(sim_inj_build(&st, "forged-m1", 1000, out, sizeof(out), &on), 0);
	key_of(out, on, &o);
	key_of(st.frame[1], st.len[1], &k);
	ck_assert_uint_eq(o.replay_counter, 1007);	/* highest from the AP + bump */
	ck_assert(memcmp(o.nonce, k.nonce, 32) != 0);
	ck_assert_int_eq(eapol_key_classify(&o), EAPOL_MSG_PTK_1);

	ck_assert_int_eq(sim_inj_build(&st, "replay-m3", 1, out, sizeof(out), &on), 0);
	ck_assert_uint_eq(on, st.len[3]);
	ck_assert_uint_eq(out[1] & 0x08, 0);		/* Retry cleared */
	ck_assert_mem_eq(out + 2, st.frame[3] + 2, on - 2);

	ck_assert_int_eq(sim_inj_build(&st, "badmic-m3", 1, out, sizeof(out), &on), 0);
	key_of(out, on, &o);
	key_of(st.frame[3], st.len[3], &k);
	ck_assert_uint_eq(o.replay_counter, 8);
	for (int i = 0; i < EAPOL_KEY_MIC_LEN; i++)
		bits += __builtin_popcount(o.mic[i] ^ k.mic[i]);
	ck_assert_int_eq(bits, 1);
	ck_assert_int_eq(sim_inj_build(&st, "badmic-m2", 1, out, sizeof(out), &on), -ENOENT);
	ck_assert_int_eq(sim_inj_build(&st, "no-such", 1, out, sizeof(out), &on), -EINVAL);
}
END_TEST

START_TEST(inject_store_file_errors_name_the_line)
{
	static struct sim_inj_store st;
	char err[256];
	const char *good = "# captured\nm1 0800aabb\n\ng1 00\n";
	const char *bad_kind = "m1 00\nm9 00\n";
	const char *bad_hex = "m3 0g\n";
	const char *no_space = "m3\n";

	ck_assert_int_eq(sim_inj_store_parse(&st, good, strlen(good), "s.txt", err, sizeof(err)), 0);
	ck_assert_uint_eq(st.len[EAPOL_MSG_PTK_1], 4);
	ck_assert_uint_eq(st.len[EAPOL_MSG_GROUP_1], 1);
	ck_assert_int_eq(sim_inj_store_parse(&st, bad_kind, strlen(bad_kind), "s.txt", err,
					     sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "s.txt:2:m9: unknown message (m1..m4, g1, g2)");
	ck_assert_int_eq(sim_inj_store_parse(&st, bad_hex, strlen(bad_hex), "s.txt", err,
					     sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "s.txt:1:m3: bad hex frame");
	ck_assert_int_eq(sim_inj_store_parse(&st, no_space, strlen(no_space), "s.txt", err,
					     sizeof(err)), -EINVAL);
}
END_TEST

/* ---- radiotap, pcap ---- */

START_TEST(radiotap_lengths_and_fcs)
{
	/* TSFT + Flags(FCS): 8 + pad to 8 + 8 + 1 */
	uint8_t rt[17] = { 0, 0, 17, 0, 0x03, 0, 0, 0 };
	size_t hl;
	bool fcs;

	rt[16] = 0x10;
	ck_assert_int_eq(sim_radiotap_parse(rt, sizeof(rt), &hl, &fcs), 0);
	ck_assert_uint_eq(hl, 17);
	ck_assert(fcs);
	ck_assert_int_eq(sim_radiotap_parse(rt, 16, &hl, &fcs), -EBADMSG);	/* past len */
	rt[2] = 16;		/* Flags field outside the header */
	ck_assert_int_eq(sim_radiotap_parse(rt, sizeof(rt), &hl, &fcs), -EBADMSG);
	rt[2] = 8;
	rt[7] = 0x80;		/* another present word that is not there */
	ck_assert_int_eq(sim_radiotap_parse(rt, sizeof(rt), &hl, &fcs), -EBADMSG);
	rt[0] = 1;
	ck_assert_int_eq(sim_radiotap_parse(rt, sizeof(rt), &hl, &fcs), -EBADMSG);
}
END_TEST

START_TEST(pcap_reader_rejects_truncated_records)
{
	uint8_t file[24 + 16 + 4] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };
	uint8_t buf[64];
	struct sim_pcap_reader r;
	size_t len;
	uint64_t ts;
	FILE *f;

	put_le32(file + 16, 65535);
	put_le32(file + 20, 127);
	put_le32(file + 24, 3);			/* 3 s */
	put_le32(file + 28, 500);		/* 500 us */
	put_le32(file + 32, 4);
	put_le32(file + 36, 4);
	f = fmemopen(file, sizeof(file), "rb");
	ck_assert_int_eq(sim_pcap_reader_open(&r, f), 0);
	ck_assert_uint_eq(r.linktype, 127);
	ck_assert_int_eq(sim_pcap_reader_next(&r, buf, sizeof(buf), &len, &ts), 1);
	ck_assert_uint_eq(len, 4);
	ck_assert_uint_eq(ts, 3000500);
	ck_assert_int_eq(sim_pcap_reader_next(&r, buf, sizeof(buf), &len, &ts), 0);
	fclose(f);
	/* the record claims 5 bytes, 4 are there */
	put_le32(file + 32, 5);
	f = fmemopen(file, sizeof(file), "rb");
	ck_assert_int_eq(sim_pcap_reader_open(&r, f), 0);
	ck_assert_int_eq(sim_pcap_reader_next(&r, buf, sizeof(buf), &len, &ts), -EBADMSG);
	fclose(f);
	/* longer than the caller's buffer */
	f = fmemopen(file, sizeof(file), "rb");
	ck_assert_int_eq(sim_pcap_reader_open(&r, f), 0);
	ck_assert_int_eq(sim_pcap_reader_next(&r, buf, 3, &len, &ts), -EBADMSG);
	fclose(f);
	file[0] = 0;
	f = fmemopen(file, sizeof(file), "rb");
	ck_assert_int_eq(sim_pcap_reader_open(&r, f), -EBADMSG);
	fclose(f);
}
END_TEST

static Suite *air_suite(void)
{
	Suite *s = suite_create("sim_air");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, pn_replayed_m3_is_a_reinstall);
	tcase_add_test(tc, pn_forged_m1_does_not_hide_a_reuse);
	tcase_add_test(tc, pn_retransmitted_m3_with_new_counter_is_not_a_new_key);
	tcase_add_test(tc, pn_new_keys_restart_the_count);
	tcase_add_test(tc, inject_forges_from_the_capture);
	tcase_add_test(tc, inject_store_file_errors_name_the_line);
	tcase_add_test(tc, radiotap_lengths_and_fcs);
	tcase_add_test(tc, pcap_reader_rejects_truncated_records);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(air_suite)
