// SPDX-License-Identifier: MIT
/* fuzz_nl80211: nl80211 messages from the kernel, parsed without a socket.
 *
 * The only public entry point that takes a message is nlh_parse() with
 * drvnl_attr_policy; the code that trusts that policy (the event handler,
 * the interface, wiphy and scan-result callbacks) is static in
 * drv_nl80211.c and drv_nl80211_sta.c. So this target includes those two
 * files, renaming their global symbols (the Makefile links the originals
 * too), and calls the static callbacks on a fake driver whose event
 * callbacks read every byte they are given (so ASan sees any read past an
 * attribute) and re-check what the driver promises.
 *
 * If drv_nl80211.c or drv_nl80211_sta.c gains a global symbol, add it to
 * the renames below (the link fails with "multiple definition of" it).
 *
 * Input: byte 0 selects the callback and the fake driver state, byte 1 is
 * the generic netlink command, the rest are the attributes. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* drv_nl80211.c */
#define drv_nl80211_ops			fz_drv_nl80211_ops
/* drv_nl80211_sta.c */
#define drvnl_scan			fz_drvnl_scan
#define drvnl_get_scan_results		fz_drvnl_get_scan_results
#define drvnl_authenticate		fz_drvnl_authenticate
#define drvnl_associate			fz_drvnl_associate
#define drvnl_deauthenticate		fz_drvnl_deauthenticate
#define drvnl_set_cqm_rssi		fz_drvnl_set_cqm_rssi

#include "../../common/drv_nl80211.c"
#include "../../common/drv_nl80211_sta.c"

#include "log.h"
#include "mgmt.h"

/* A failed check names itself, then aborts (libFuzzer keeps the input). */
#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
			__LINE__, #c);					\
		abort();						\
	}								\
} while (0)

#define FZ_IFINDEX 3
#define FZ_WIPHY 1

static volatile uint8_t sink;

/* Read every byte (ASan checks each) */
static void touch(const uint8_t *p, size_t len)
{
	uint8_t x = 0;

	for (size_t i = 0; i < len; i++)
		x ^= p[i];
	sink = x;
}

static void cb_rx_mgmt(void *ctx, const uint8_t *frame, size_t len,
		       uint32_t freq, int32_t signal_mbm)
{
	CHECK(frame && len >= 1);
	touch(frame, len);
}

static void cb_tx_status(void *ctx, uint64_t cookie, const uint8_t *frame,
			 size_t len, bool ack)
{
	CHECK(frame && len >= 1);
	touch(frame, len);
}

static void cb_eapol_rx(void *ctx, const uint8_t src[ETH_ALEN],
			const uint8_t *data, size_t len)
{
	CHECK(src && data && len >= 1);
	touch(src, ETH_ALEN);
	touch(data, len);
}

static void cb_scan_done(void *ctx, bool aborted)
{
}

/* The driver hands over the frame it parsed: it must parse again. */
static void cb_auth_result(void *ctx, const uint8_t bssid[ETH_ALEN],
			   const uint8_t *frame, size_t len, bool timed_out)
{
	struct mgmt_frame f;

	touch(bssid, ETH_ALEN);
	CHECK(timed_out == (frame == NULL));
	if (frame) {
		CHECK(mgmt_parse_rx(frame, len, &f) == 0);
		CHECK(memcmp(bssid, f.bssid, ETH_ALEN) == 0);
		touch(frame, len);
	}
}

static void cb_deauth(void *ctx, const uint8_t bssid[ETH_ALEN],
		      uint16_t reason, bool disassoc, bool local,
		      const uint8_t *frame, size_t len)
{
	struct mgmt_frame f;

	touch(bssid, ETH_ALEN);
	if (frame) {
		CHECK(mgmt_parse_rx(frame, len, &f) == 0);
		CHECK(f.subtype == MGMT_DEAUTH || f.subtype == MGMT_DISASSOC);
		CHECK(f.reason == reason);
		touch(frame, len);
	}
}

static void cb_conn_lost(void *ctx, const uint8_t bssid[ETH_ALEN],
			 uint16_t reason)
{
	touch(bssid, ETH_ALEN);
}

static void cb_cqm_rssi(void *ctx, bool low, int32_t signal_dbm)
{
}

static void cb_station(void *ctx, const uint8_t addr[ETH_ALEN])
{
	touch(addr, ETH_ALEN);
}

static void cb_mic_failure(void *ctx, const uint8_t src[ETH_ALEN],
			   bool group, int key_idx)
{
	touch(src, ETH_ALEN);
	CHECK(key_idx >= -1 && key_idx <= 255);
}

static const struct drv_events fz_events = {
	.rx_mgmt = cb_rx_mgmt,
	.tx_status = cb_tx_status,
	.eapol_rx = cb_eapol_rx,
	.scan_done = cb_scan_done,
	.auth_result = cb_auth_result,
	.assoc_result = cb_auth_result,
	.deauth = cb_deauth,
	.conn_lost = cb_conn_lost,
	.cqm_rssi = cb_cqm_rssi,
	.new_station = cb_station,
	.del_station = cb_station,
	.mic_failure = cb_mic_failure,
};

/* A generic netlink message of family 0x20 with cmd and the attribute
 * bytes as its payload; the buffer ends where the attributes end. */
static struct nl_msg *make_msg(uint8_t cmd, const uint8_t *attrs, size_t len)
{
	size_t total = NLMSG_HDRLEN + GENL_HDRLEN + len;
	struct nlmsghdr *h = calloc(1, total);
	struct genlmsghdr *g;
	struct nl_msg *msg;

	if (!h)
		return NULL;
	h->nlmsg_len = (uint32_t)total;
	h->nlmsg_type = 0x20;
	g = (struct genlmsghdr *)((uint8_t *)h + NLMSG_HDRLEN);
	g->cmd = cmd;
	g->version = 1;
	memcpy((uint8_t *)g + GENL_HDRLEN, attrs, len);
	msg = nlmsg_convert(h);
	free(h);
	return msg;
}

/* Known bug (reported to the lead): ev_frame() multiplies the signal in
 * dBm by 100 in int, which overflows (UBSan) for values beyond +-21474836.
 * Define FUZZ_SKIP_SIGNAL_OVERFLOW only if that cannot be fixed in time:
 * it makes this target skip such FRAME events. */
#ifdef FUZZ_SKIP_SIGNAL_OVERFLOW
static bool known_signal_overflow(struct nl_msg *msg)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	int32_t sig;

	if (nlh_cmd(msg) != NL80211_CMD_FRAME ||
	    nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0 ||
	    !tb[NL80211_ATTR_RX_SIGNAL_DBM])
		return false;
	sig = (int32_t)nla_get_u32(tb[NL80211_ATTR_RX_SIGNAL_DBM]);
	return sig > INT32_MAX / 100 || sig < INT32_MIN / 100;
}
#else
static bool known_signal_overflow(struct nl_msg *msg)
{
	return false;
}
#endif

static void run_event(struct nl_msg *msg, uint8_t sel)
{
	struct drv_nl80211 d;

	if (known_signal_overflow(msg))
		return;

	memset(&d, 0, sizeof(d));
	d.base.ev = &fz_events;
	snprintf(d.base.ifname, sizeof(d.base.ifname), "fuzz0");
	d.ifindex = FZ_IFINDEX;
	d.wiphy = FZ_WIPHY;
	d.pkt_fd = -1;
	d.iftype = sel & 0x04 ? DRV_IFTYPE_STATION : DRV_IFTYPE_AP;
	/* the fuzzer's link state, set as a test fixture: 0x08 association
	 * pending, 0x10 associated */
	d.link = (sel & 0x10) ? ((sel & 0x08) ? DRV_LINK_ROAMING : DRV_LINK_CONNECTED) :
				((sel & 0x08) ? DRV_LINK_ASSOCIATING : DRV_LINK_IDLE);
	d.deauth_requested = sel & 0x20;
	/* addresses the seeds use: ours 02:00:00:00:00:00, the AP's
	 * 02:00:00:00:01:00 */
	d.mac[0] = d.bssid[0] = d.assoc_bssid[0] = 0x02;
	d.bssid[4] = d.assoc_bssid[4] = 0x01;
	if ((sel & 0x40) && d.iftype == DRV_IFTYPE_STATION && (sel & 0x08)) {
		/* an EAPOL frame held from before (only a STA waiting for
		 * its association result holds one) */
		d.held_eapol = malloc(4);
		if (d.held_eapol) {
			memset(d.held_eapol, 0x01, 4);
			d.held_len = 4;
			memcpy(d.held_src, d.assoc_bssid, ETH_ALEN);
		}
	}
	CHECK(handle_event(msg, &d) == NL_SKIP);
	if (d.held_eapol) {
		CHECK(d.held_len >= 1 && d.iftype == DRV_IFTYPE_STATION);
		touch(d.held_eapol, d.held_len);
	}
	drvnl_release_held_eapol(&d, false);
}

static void run_iface(struct nl_msg *msg)
{
	struct drv_nl80211 d;

	memset(&d, 0, sizeof(d));
	d.base.ev = &fz_events;
	snprintf(d.base.ifname, sizeof(d.base.ifname), "fuzz0");
	d.wiphy = UINT32_MAX;
	CHECK(iface_cb(msg, &d) == NL_SKIP);
	(void)drv_iftype_str(d.iftype);
}

static void run_wiphy(struct nl_msg *msg)
{
	struct drv_capa c;

	memset(&c, 0, sizeof(c));
	CHECK(wiphy_cb(msg, &c) == NL_SKIP);
	CHECK(memchr(c.phy_name, '\0', sizeof(c.phy_name)) != NULL);
	CHECK(c.n_freqs <= ARRAY_SIZE(c.freqs));
	for (size_t i = 0; i < c.n_freqs; i++)
		for (size_t j = i + 1; j < c.n_freqs; j++)
			CHECK(c.freqs[i] != c.freqs[j]);
}

static void run_scan(struct nl_msg *msg)
{
	struct drv_scan_results *res = calloc(1, sizeof(*res));

	if (!res)
		return;
	/* twice: the second result is appended to the first */
	CHECK(scan_cb(msg, res) == NL_SKIP);
	CHECK(scan_cb(msg, res) == NL_SKIP);
	CHECK(res->n == 0 || res->n == 2);
	for (size_t i = 0; i < res->n; i++) {
		const struct drv_bss *b = &res->bss[i];

		CHECK((b->ies == NULL) == (b->ies_len == 0));
		CHECK((b->beacon_ies == NULL) == (b->beacon_ies_len == 0));
		if (b->ies)
			touch(b->ies, b->ies_len);
		if (b->beacon_ies)
			touch(b->beacon_ies, b->beacon_ies_len);
	}
	drv_scan_results_free(res);
}

/* Whatever the policy admits has the length the handlers rely on. */
static void run_policy(struct nl_msg *msg)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	if (nlh_parse(msg, tb, NL80211_ATTR_MAX, drvnl_attr_policy) < 0)
		return;
	for (int i = 0; i <= NL80211_ATTR_MAX; i++) {
		const struct nla_policy *p = &drvnl_attr_policy[i];
		int len;

		if (!tb[i])
			continue;
		len = nla_len(tb[i]);
		CHECK(nla_type(tb[i]) == i);
		switch (p->type) {
		case NLA_U8:
			CHECK(len >= 1);
			break;
		case NLA_U16:
			CHECK(len >= 2);
			break;
		case NLA_U32:
			CHECK(len >= 4);
			break;
		case NLA_U64:
			CHECK(len >= 8);
			break;
		case NLA_STRING:
			CHECK(len >= 1 && ((char *)nla_data(tb[i]))[len - 1] == '\0');
			break;
		default:
			break;
		}
		if (p->minlen)
			CHECK(len >= p->minlen);
		if (p->maxlen)
			CHECK(len <= p->maxlen);
		touch(nla_data(tb[i]), (size_t)len);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* FUZZ_LOG=1 shows the log (to see why an input is rejected) */
	if (!getenv("FUZZ_LOG")) {
		log_set_level(LOG_LVL_ERROR);
		log_open_file("/dev/null");
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nl_msg *msg;
	uint8_t sel, cmd;

	if (size < 2 || size > 65000)
		return 0;
	sel = data[0];
	cmd = data[1];
	msg = make_msg(cmd, data + 2, size - 2);
	if (!msg)
		return 0;
	run_policy(msg);
	switch (sel & 0x03) {
	case 0:
		run_event(msg, sel);
		break;
	case 1:
		run_iface(msg);
		break;
	case 2:
		run_wiphy(msg);
		break;
	case 3:
		run_scan(msg);
		break;
	}
	nlmsg_free(msg);
	return 0;
}
