// SPDX-License-Identifier: MIT
/* gen_corpus.c: regenerates the seed corpora under tests/fuzz/corpus/ from
 * genuine handshakes, frames made by the mgmt builders, netlink messages
 * made with libnl, and hand-written config and control text. Not built by
 * the Makefile; run from tests/fuzz:
 *   gcc -std=gnu11 -D_GNU_SOURCE -I../../common -I. \
 *     $(pkg-config --cflags libnl-genl-3.0) gen_corpus.c \
 *     ../../common/{util,buf,log,loop,crypto,ie,eapol,mgmt,hs_*}.c \
 *     $(pkg-config --libs libnl-genl-3.0) -lcrypto -lm
 *   ./a.out [hs] [mgmt] [conf] [ctrl] [nl80211]    (no argument: all) */

#include "fuzz_hs.h"
#include <stdio.h>
#include <sys/stat.h>
#include <linux/nl80211.h>
#include <netlink/genl/genl.h>
#include "buf.h"
#include "mgmt.h"
static void put(const char *dir, int n, uint8_t sel, uint8_t f[][EAPOL_KEY_FRAME_MAX], size_t *len, size_t nf)
{
	char path[256]; FILE *fp;
	snprintf(path, sizeof(path), "%s/seed-%02x-%d", dir, sel, n);
	fp = fopen(path, "wb"); fputc(sel, fp);
	for (size_t i = 0; i < nf; i++) { fputc(len[i] & 0xff, fp); fputc(len[i] >> 8, fp); fwrite(f[i], 1, len[i], fp); }
	fclose(fp);
}
static void gen_hs(void)
{
	mkdir("corpus/fuzz_eapol_supp", 0755); mkdir("corpus/fuzz_eapol_auth", 0755);
	mkdir("corpus/fuzz_eapol", 0755); mkdir("corpus/fuzz_ie", 0755);
	for (unsigned c = 0; c < 4; c++) {
		/* record all frames of a genuine run */
		struct fz *z = fz_new(c);
		static uint8_t apf[8][EAPOL_KEY_FRAME_MAX], staf[8][EAPOL_KEY_FRAME_MAX];
		size_t apl[8], stal[8], na = 0, ns = 0;
		hs_auth_start(z->a, NULL);
		for (int i = 0; i < 20; i++) {
			uint8_t f[EAPOL_KEY_FRAME_MAX]; size_t l;
			if (z->ap.nq) {
				l = z->ap.qlen[0]; memcpy(f, z->ap.q[0], l);
				if (na < 8) { memcpy(apf[na], f, l); apl[na++] = l; }
				z->ap.nq--; memmove(z->ap.q, z->ap.q + 1, z->ap.nq * sizeof(z->ap.q[0])); memmove(z->ap.qlen, z->ap.qlen + 1, z->ap.nq * sizeof(size_t));
				hs_supp_rx(z->s, f, l);
			} else if (z->sta.nq) {
				l = z->sta.qlen[0]; memcpy(f, z->sta.q[0], l);
				if (ns < 8) { memcpy(staf[ns], f, l); stal[ns++] = l; }
				z->sta.nq--; memmove(z->sta.q, z->sta.q + 1, z->sta.nq * sizeof(z->sta.q[0])); memmove(z->sta.qlen, z->sta.qlen + 1, z->sta.nq * sizeof(size_t));
				hs_auth_rx(z->a, f, l);
			} else break;
		}
		fz_free(z);
		/* supp: from scratch (steps 0), all AP frames in order */
		put("corpus/fuzz_eapol_supp", 0, (uint8_t)c, apf, apl, na);
		put("corpus/fuzz_eapol_supp", 1, (uint8_t)(c | 0x40), apf, apl, na);
		/* auth: after 1/4 is out (steps 0): STA frames */
		put("corpus/fuzz_eapol_auth", 0, (uint8_t)c, staf, stal, ns);
		put("corpus/fuzz_eapol_auth", 1, (uint8_t)(c | 0x40), staf, stal, ns);
		for (size_t i = 0; i < na; i++) {
			char p[256]; FILE *fp; snprintf(p, sizeof(p), "corpus/fuzz_eapol/ap-%u-%zu", c, i);
			fp = fopen(p, "wb"); fwrite(apf[i], 1, apl[i], fp); fclose(fp);
		}
		for (size_t i = 0; i < ns; i++) {
			char p[256]; FILE *fp; snprintf(p, sizeof(p), "corpus/fuzz_eapol/sta-%u-%zu", c, i);
			fp = fopen(p, "wb"); fwrite(staf[i], 1, stal[i], fp); fclose(fp);
			/* the STA's 2/4 key data holds its IE */
			if (i == 0) {
				snprintf(p, sizeof(p), "corpus/fuzz_ie/sta-ie-%u", c);
				fp = fopen(p, "wb"); fwrite(staf[i] + EAPOL_KEY_OFF_DATA, 1, stal[i] - EAPOL_KEY_OFF_DATA, fp); fclose(fp);
			}
		}
	}
	{
		struct hs_ap_policy p = { .wpa = 3, .wpa_pairwise = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP };
		uint8_t ies[600], kd[64]; size_t n, m; FILE *fp;
		hs_ap_policy_build_ies(&p, ies, sizeof(ies), &n);
		fp = fopen("corpus/fuzz_ie/ap-ies", "wb"); fwrite(ies, 1, n, fp); fclose(fp);
		eapol_kde_gtk_build(1, false, (uint8_t[16]){1}, 16, kd, sizeof(kd), &m);
		memcpy(ies + n, kd, m); ies[n + m] = 0xdd; memset(ies + n + m + 1, 0, 5);
		fp = fopen("corpus/fuzz_ie/keydata", "wb"); fwrite(ies, 1, n + m + 6, fp); fclose(fp);
	}
}

/* ---- fuzz_mgmt: one frame of every subtype the parser knows ---- */

static void put_file(const char *dir, const char *name, const void *p,
		     size_t n)
{
	char path[256];
	FILE *fp;

	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp)
		return;
	fwrite(p, 1, n, fp);
	fclose(fp);
}

static const uint8_t sta_addr[6] = { 0x02, 0, 0, 0, 0, 0 };
static const uint8_t ap_addr[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t ap2_addr[6] = { 0x02, 0, 0, 0, 0x02, 0 };

/* SSID, rates (12: Supported + Extended), DS, and an RSN or WPA element */
static size_t sta_ies(uint8_t *buf, size_t cap, bool rsn)
{
	static const uint8_t rates[12] = { 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12,
					   0x18, 0x24, 0x30, 0x48, 0x60, 0x6c };
	struct hs_ap_policy p = { .wpa = rsn ? 2 : 1,
				  .wpa_pairwise = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP };
	struct wbuf w;
	uint8_t ies[256];
	size_t n = 0;

	wbuf_init(&w, buf, cap);
	mgmt_put_ssid(&w, (const uint8_t *)"roamlab", 7);
	mgmt_put_rates(&w, rates, sizeof(rates));
	mgmt_put_ds_param(&w, 6);
	if (hs_ap_policy_build_ies(&p, ies, sizeof(ies), &n) == 0)
		wbuf_put_data(&w, ies, n);
	return w.len;
}

static void gen_mgmt(void)
{
	const char *d = "corpus/fuzz_mgmt";
	uint8_t f[1024], ies[512], tim[4] = { 0, 1, 0, 0 };
	size_t il;
	struct wbuf w;

#define EMIT(name) put_file(d, name, f, w.len)
	il = sta_ies(ies, sizeof(ies), true);
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_auth(&w, ap_addr, sta_addr, ap_addr, MGMT_AUTH_ALG_OPEN, 1,
			0, NULL, 0);
	EMIT("auth");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_assoc_req(&w, ap_addr, sta_addr, ap_addr, 0x0431, 10, NULL,
			     ies, il);
	EMIT("assoc-req-rsn");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_assoc_req(&w, ap2_addr, sta_addr, ap2_addr, 0x0431, 10,
			     ap_addr, ies, il);
	EMIT("reassoc-req-rsn");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_assoc_resp(&w, false, sta_addr, ap_addr, ap_addr, 0x0431, 0,
			      1, ies + 9, 14);
	EMIT("assoc-resp");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_assoc_resp(&w, true, sta_addr, ap2_addr, ap2_addr, 0x0431,
			      MGMT_STATUS_INVALID_IE, 0, NULL, 0);
	EMIT("reassoc-resp-fail");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_probe_req(&w, (const uint8_t *)"\xff\xff\xff\xff\xff\xff",
			     sta_addr,
			     (const uint8_t *)"\xff\xff\xff\xff\xff\xff",
			     ies, 9 + 14);
	EMIT("probe-req");
	/* beacon: + TIM, with WPA (vendor) element */
	il = sta_ies(ies, sizeof(ies), false);
	wbuf_init(&w, ies + il, sizeof(ies) - il);
	mgmt_put_ie(&w, MGMT_EID_TIM, tim, sizeof(tim));
	il += w.len;
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_beacon(&w, false, (const uint8_t *)"\xff\xff\xff\xff\xff\xff",
			  ap_addr, ap_addr, 0x1122334455667788ULL, 100, 0x0411,
			  ies, il);
	EMIT("beacon-wpa");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_beacon(&w, true, sta_addr, ap_addr, ap_addr, 12345, 100,
			  0x0411, ies, il);
	EMIT("probe-resp-wpa");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_deauth(&w, sta_addr, ap_addr, ap_addr,
			  MGMT_REASON_4WAY_HANDSHAKE_TIMEOUT);
	EMIT("deauth");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_disassoc(&w, ap_addr, sta_addr, ap_addr,
			    MGMT_REASON_DISASSOC_STA_HAS_LEFT);
	EMIT("disassoc");
	/* action: header + category (public, 4) + a body */
	wbuf_init(&w, f, sizeof(f));
	mgmt_put_hdr(&w, MGMT_ACTION, ap_addr, sta_addr, ap_addr, 0x10);
	wbuf_put_data(&w, "\x04\x0a\x01\x02", 4);
	EMIT("action");
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_l2_update(&w, sta_addr);
	EMIT("l2-update");
#undef EMIT
}

/* ---- fuzz_conf: the two config file styles and topology tokens ---- */

static void put_text(const char *dir, const char *name, const char *text)
{
	put_file(dir, name, text, strlen(text));
}

static void gen_conf(void)
{
	const char *d = "corpus/fuzz_conf";

	put_text(d, "ap.conf",
		 "# roamlab-ap\n"
		 "interface=wlan0\n"
		 "driver=nl80211\n"
		 "ctrl_interface=/run/roamlab\n"
		 "ssid=hall\n"
		 "hw_mode=g\n"
		 "channel=6\n"
		 "beacon_int=100\n"
		 "bssid=02:00:00:00:01:00\n"
		 "wpa=3\n"
		 "wpa_key_mgmt=WPA-PSK\n"
		 "wpa_pairwise=TKIP CCMP\n"
		 "rsn_pairwise=CCMP\n"
		 "wpa_passphrase=walk#the walk\n"
		 "wpa_group_rekey=0x258\n"
		 "wpa_strict_rekey=yes\n"
		 "ignore_broadcast_ssid=off\n");
	put_text(d, "ap-psk.conf",
		 "interface=wlan1\r\n"
		 "  ssid = \"two words\"  \r\n"
		 "wpa_psk=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
		 "eapol_key_timeout=-1\n"
		 "max_num_sta=2007\n");
	put_text(d, "sta.conf",
		 "ctrl_interface=/run/roamlab\n"
		 "ap_scan=1\n"
		 "network={\n"
		 "\tssid=\"hall\"\n"
		 "\tpsk=\"walkthewalk\"\n"
		 "\tproto=RSN WPA\n"
		 "\tpairwise=CCMP TKIP\n"
		 "\tbssid=02-00-00-00-01-00\n"
		 "}\n"
		 "network={\n"
		 "\tssid=68616c6c\n"
		 "\tpsk=000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f\n"
		 "\tpriority=5\n"
		 "}\n");
	put_text(d, "errors.conf",
		 "novalue\n"
		 "=x\n"
		 "k y=1\n"
		 "a=\"unterminated\n"
		 "}\n"
		 "b={\n"
		 "c={\n"
		 "d=1\n");
	put_text(d, "topo.topo",
		 "medium model=log-distance exponent=3 ref_loss=40 seed=3\n"
		 "ap  ap1 pos=0,0  ssid=hall channel=1 wpa=2 wpa_passphrase=walkthewalk rsn_pairwise=CCMP\n"
		 "sta sta1 pos=5,0 ssid=\"the hall\" psk=walkthewalk proto=RSN set.roam_threshold=-60\n"
		 "at +1s   walk sta1 to 55,0 speed 1.5 # comment\n");
}

/* ---- fuzz_ctrl: requests and events ---- */

static void gen_ctrl(void)
{
	const char *d = "corpus/fuzz_ctrl";

	put_text(d, "ping", "PING");
	put_text(d, "help", "help\n");
	put_text(d, "echo", "ECHO bssid=02:00:00:00:01:00 \"a b\" \"\" x\"y z\"w");
	put_text(d, "failme", "FAILME \"no such bss\"");
	put_text(d, "range", "range 1 2 3");
	put_text(d, "attach", "ATTACH");
	put_text(d, "unbalanced", "ECHO \"abc");
	put_text(d, "event-assoc",
		 "EVENT assoc t=1234567 bssid=02:00:00:00:01:00 freq=2437\n");
	put_text(d, "event-quoted",
		 "EVENT eapol-fail t=99 reason=\"invalid MIC in msg 2/4\" msg=2\n");
	put_text(d, "event-many",
		 "EVENT x t=0 a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 "
		 "l=12 m=13 n=14 o=15 p=16 q=17 r=18 s=19 t=20 u=21 v=22 w=23 "
		 "x=24");
}

/* ---- fuzz_nl80211: events and replies as the kernel sends them ---- */

enum { SEL_EVENT = 0, SEL_IFACE = 1, SEL_WIPHY = 2, SEL_SCAN = 3,
       SEL_STATION = 0x04, SEL_PENDING = 0x08, SEL_CONNECTED = 0x10,
       SEL_HELD = 0x40 };
#define FZ_IFINDEX 3
#define FZ_WIPHY 1

static struct nl_msg *nlm(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, 0x20, 0, 0, cmd, 1);
	return m;
}

/* selector byte, command byte, then the attributes */
static void put_nl(const char *name, uint8_t sel, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	struct genlmsghdr *g = nlmsg_data(h);
	size_t n = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	uint8_t *buf = malloc(2 + n);

	buf[0] = sel;
	buf[1] = g->cmd;
	memcpy(buf + 2, genlmsg_data(g), n);
	put_file("corpus/fuzz_nl80211", name, buf, 2 + n);
	free(buf);
	nlmsg_free(m);
}

static struct nl_msg *ev_msg(uint8_t cmd)
{
	struct nl_msg *m = nlm(cmd);

	nla_put_u32(m, NL80211_ATTR_IFINDEX, FZ_IFINDEX);
	return m;
}

static void gen_nl80211(void)
{
	static const uint8_t eapol[] = { 0x02, 0x03, 0x00, 0x04, 1, 2, 3, 4 };
	uint8_t f[512], ies[512];
	size_t il;
	struct wbuf w;
	struct nl_msg *m;
	struct nlattr *n1, *n2, *n3;

	il = sta_ies(ies, sizeof(ies), true);
	/* FRAME: a received Authentication frame */
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_auth(&w, ap_addr, sta_addr, ap_addr, 0, 1, 0, NULL, 0);
	m = ev_msg(NL80211_CMD_FRAME);
	nla_put_u32(m, NL80211_ATTR_WIPHY_FREQ, 2437);
	nla_put_u32(m, NL80211_ATTR_RX_SIGNAL_DBM, (uint32_t)-40);
	nla_put(m, NL80211_ATTR_FRAME, (int)w.len, f);
	put_nl("frame", SEL_EVENT, m);
	m = ev_msg(NL80211_CMD_FRAME_TX_STATUS);
	nla_put_u64(m, NL80211_ATTR_COOKIE, 0x1234);
	nla_put(m, NL80211_ATTR_FRAME, (int)w.len, f);
	nla_put_flag(m, NL80211_ATTR_ACK);
	put_nl("tx-status", SEL_EVENT, m);
	/* STA: AUTHENTICATE with the AP's reply, and a time-out */
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_auth(&w, sta_addr, ap_addr, ap_addr, 0, 2, 0, NULL, 0);
	m = ev_msg(NL80211_CMD_AUTHENTICATE);
	nla_put(m, NL80211_ATTR_FRAME, (int)w.len, f);
	put_nl("authenticate", SEL_EVENT | SEL_STATION, m);
	m = ev_msg(NL80211_CMD_AUTHENTICATE);
	nla_put_flag(m, NL80211_ATTR_TIMED_OUT);
	nla_put(m, NL80211_ATTR_MAC, 6, ap_addr);
	put_nl("authenticate-timeout", SEL_EVENT | SEL_STATION, m);
	/* EAPOL over the control port: to an AP, and to a STA still waiting
	 * for its association result (held) */
	m = ev_msg(NL80211_CMD_CONTROL_PORT_FRAME);
	nla_put(m, NL80211_ATTR_MAC, 6, ap_addr);
	nla_put_u16(m, NL80211_ATTR_CONTROL_PORT_ETHERTYPE, 0x888e);
	nla_put(m, NL80211_ATTR_FRAME, sizeof(eapol), eapol);
	put_nl("control-port-held",
	       SEL_EVENT | SEL_STATION | SEL_PENDING, m);
	m = ev_msg(NL80211_CMD_CONTROL_PORT_FRAME);
	nla_put(m, NL80211_ATTR_MAC, 6, sta_addr);
	nla_put_u16(m, NL80211_ATTR_CONTROL_PORT_ETHERTYPE, 0x888e);
	nla_put(m, NL80211_ATTR_FRAME, sizeof(eapol), eapol);
	put_nl("control-port-ap", SEL_EVENT, m);
	/* ASSOCIATE: success with a held EAPOL frame, and a time-out */
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_assoc_resp(&w, true, sta_addr, ap_addr, ap_addr, 0x0431, 0,
			      1, ies + 9, 14);
	m = ev_msg(NL80211_CMD_ASSOCIATE);
	nla_put(m, NL80211_ATTR_FRAME, (int)w.len, f);
	put_nl("associate", SEL_EVENT | SEL_STATION | SEL_PENDING | SEL_HELD,
	       m);
	m = ev_msg(NL80211_CMD_ASSOCIATE);
	nla_put_flag(m, NL80211_ATTR_TIMED_OUT);
	put_nl("associate-timeout",
	       SEL_EVENT | SEL_STATION | SEL_PENDING | SEL_HELD, m);
	/* DEAUTHENTICATE from the AP; DISASSOCIATE sent by us */
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_deauth(&w, sta_addr, ap_addr, ap_addr, 15);
	m = ev_msg(NL80211_CMD_DEAUTHENTICATE);
	nla_put(m, NL80211_ATTR_FRAME, (int)w.len, f);
	put_nl("deauth", SEL_EVENT | SEL_STATION | SEL_CONNECTED, m);
	wbuf_init(&w, f, sizeof(f));
	mgmt_build_disassoc(&w, ap_addr, sta_addr, ap_addr, 8);
	m = ev_msg(NL80211_CMD_DISASSOCIATE);
	nla_put(m, NL80211_ATTR_FRAME, (int)w.len, f);
	put_nl("disassoc-local", SEL_EVENT | SEL_STATION | SEL_CONNECTED, m);
	m = ev_msg(NL80211_CMD_DISCONNECT);
	nla_put_u16(m, NL80211_ATTR_REASON_CODE, 3);
	nla_put_flag(m, NL80211_ATTR_DISCONNECTED_BY_AP);
	put_nl("disconnect", SEL_EVENT | SEL_STATION | SEL_CONNECTED, m);
	/* CQM: below the threshold; beacon loss */
	m = ev_msg(NL80211_CMD_NOTIFY_CQM);
	n1 = nla_nest_start(m, NL80211_ATTR_CQM);
	nla_put_u32(m, NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT,
		    NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW);
	nla_put_u32(m, NL80211_ATTR_CQM_RSSI_LEVEL, (uint32_t)-72);
	nla_nest_end(m, n1);
	put_nl("cqm-low", SEL_EVENT | SEL_STATION | SEL_CONNECTED, m);
	m = ev_msg(NL80211_CMD_NOTIFY_CQM);
	n1 = nla_nest_start(m, NL80211_ATTR_CQM);
	nla_put_flag(m, NL80211_ATTR_CQM_BEACON_LOSS_EVENT);
	nla_nest_end(m, n1);
	put_nl("cqm-beacon-loss", SEL_EVENT | SEL_STATION | SEL_CONNECTED, m);
	/* AP: stations come and go; a Michael MIC failure */
	m = ev_msg(NL80211_CMD_NEW_STATION);
	nla_put(m, NL80211_ATTR_MAC, 6, sta_addr);
	put_nl("new-station", SEL_EVENT, m);
	m = ev_msg(NL80211_CMD_DEL_STATION);
	nla_put(m, NL80211_ATTR_MAC, 6, sta_addr);
	put_nl("del-station", SEL_EVENT, m);
	m = ev_msg(NL80211_CMD_MICHAEL_MIC_FAILURE);
	nla_put(m, NL80211_ATTR_MAC, 6, sta_addr);
	nla_put_u32(m, NL80211_ATTR_KEY_TYPE, NL80211_KEYTYPE_GROUP);
	nla_put_u8(m, NL80211_ATTR_KEY_IDX, 1);
	put_nl("mic-failure", SEL_EVENT, m);
	/* wiphy-wide: scan done (WIPHY, no IFINDEX) */
	m = nlm(NL80211_CMD_NEW_SCAN_RESULTS);
	nla_put_u32(m, NL80211_ATTR_WIPHY, FZ_WIPHY);
	put_nl("scan-done", SEL_EVENT | SEL_STATION, m);

	/* GET_INTERFACE reply */
	m = nlm(NL80211_CMD_NEW_INTERFACE);
	nla_put_u32(m, NL80211_ATTR_IFINDEX, FZ_IFINDEX);
	nla_put_u32(m, NL80211_ATTR_WIPHY, FZ_WIPHY);
	nla_put(m, NL80211_ATTR_MAC, 6, sta_addr);
	nla_put_u32(m, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_STATION);
	nla_put_u32(m, NL80211_ATTR_WIPHY_FREQ, 2437);
	put_nl("iface", SEL_IFACE, m);

	/* GET_WIPHY reply */
	{
		static const uint32_t suites[] = { 0x000fac01, 0x000fac05,
						   0x000fac02, 0x000fac04,
						   0x000fac06 };
		static const uint32_t cmds[] = { NL80211_CMD_AUTHENTICATE,
						 NL80211_CMD_ASSOCIATE,
						 NL80211_CMD_CONNECT };
		uint8_t ext[8] = { 0 };
		unsigned int bit = NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211;

		ext[bit / 8] |= (uint8_t)(1u << (bit % 8));
		m = nlm(NL80211_CMD_NEW_WIPHY);
		nla_put_u32(m, NL80211_ATTR_WIPHY, FZ_WIPHY);
		nla_put_string(m, NL80211_ATTR_WIPHY_NAME, "phy1");
		n1 = nla_nest_start(m, NL80211_ATTR_SUPPORTED_IFTYPES);
		nla_put_flag(m, NL80211_IFTYPE_STATION);
		nla_put_flag(m, NL80211_IFTYPE_AP);
		nla_put_flag(m, NL80211_IFTYPE_MONITOR);
		nla_nest_end(m, n1);
		nla_put(m, NL80211_ATTR_CIPHER_SUITES, sizeof(suites), suites);
		n1 = nla_nest_start(m, NL80211_ATTR_SUPPORTED_COMMANDS);
		for (int i = 0; i < 3; i++)
			nla_put_u32(m, i + 1, cmds[i]);
		nla_nest_end(m, n1);
		nla_put(m, NL80211_ATTR_EXT_FEATURES, sizeof(ext), ext);
		nla_put_u8(m, NL80211_ATTR_MAX_NUM_SCAN_SSIDS, 4);
		nla_put_u16(m, NL80211_ATTR_MAX_SCAN_IE_LEN, 2048);
		nla_put_u32(m, NL80211_ATTR_DEVICE_AP_SME, 1);
		nla_put_u32(m, NL80211_ATTR_PROBE_RESP_OFFLOAD, 1);
		nla_put_u32(m, NL80211_ATTR_FEATURE_FLAGS,
			    NL80211_FEATURE_INACTIVITY_TIMER);
		n1 = nla_nest_start(m, NL80211_ATTR_WIPHY_BANDS);
		n2 = nla_nest_start(m, NL80211_BAND_2GHZ);
		n3 = nla_nest_start(m, NL80211_BAND_ATTR_FREQS);
		for (int i = 0; i < 3; i++) {
			struct nlattr *fr = nla_nest_start(m, i);

			nla_put_u32(m, NL80211_FREQUENCY_ATTR_FREQ,
				    2412 + 5 * (uint32_t)i);
			if (i == 2)
				nla_put_flag(m, NL80211_FREQUENCY_ATTR_DISABLED);
			nla_nest_end(m, fr);
		}
		nla_nest_end(m, n3);
		nla_nest_end(m, n2);
		nla_nest_end(m, n1);
		put_nl("wiphy", SEL_WIPHY, m);
	}

	/* GET_SCAN reply: one BSS */
	m = nlm(NL80211_CMD_NEW_SCAN_RESULTS);
	nla_put_u32(m, NL80211_ATTR_IFINDEX, FZ_IFINDEX);
	n1 = nla_nest_start(m, NL80211_ATTR_BSS);
	nla_put(m, NL80211_BSS_BSSID, 6, ap_addr);
	nla_put_u32(m, NL80211_BSS_FREQUENCY, 2437);
	nla_put_u64(m, NL80211_BSS_TSF, 123456789);
	nla_put_u16(m, NL80211_BSS_BEACON_INTERVAL, 100);
	nla_put_u16(m, NL80211_BSS_CAPABILITY, 0x0411);
	nla_put(m, NL80211_BSS_INFORMATION_ELEMENTS, (int)il, ies);
	nla_put_u32(m, NL80211_BSS_SIGNAL_MBM, (uint32_t)-4500);
	nla_put_u32(m, NL80211_BSS_STATUS, NL80211_BSS_STATUS_ASSOCIATED);
	nla_put_u32(m, NL80211_BSS_SEEN_MS_AGO, 20);
	nla_put(m, NL80211_BSS_BEACON_IES, (int)il, ies);
	nla_nest_end(m, n1);
	put_nl("scan-bss", SEL_SCAN, m);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*gen)(void);
	} sets[] = {
		{ "hs", gen_hs }, { "mgmt", gen_mgmt }, { "conf", gen_conf },
		{ "ctrl", gen_ctrl }, { "nl80211", gen_nl80211 },
	};

	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		bool want = argc < 2;

		for (int a = 1; a < argc; a++)
			want |= strcmp(argv[a], sets[i].name) == 0;
		if (want)
			sets[i].gen();
	}
	return 0;
}
