/* SPDX-License-Identifier: MIT */
/* test_ap_fake.h: the AP's view of the shared fake driver (fake_drv.h: it
 * records management and EAPOL frames, keys, flags, the no_encrypt flag of
 * each EAPOL frame and reports a settable key sequence counter), a fake clock,
 * frame builders, and common/'s supplicant wired to the AP as the station.
 * Included by test_ap_sta.c, test_ap_keys.c and test_ap_tkip.c. */
#ifndef ROAMLAB_TEST_AP_FAKE_H
#define ROAMLAB_TEST_AP_FAKE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../ap/ap.h"
#include "../../ap/sta.h"
#include "buf.h"
#include "crypto.h"
#include "fake_drv.h"
#include "test_events.h"
#include "eapol.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "unit.h"
#include "util.h"

#define MAXF 64

struct frame {
	uint8_t data[1200];
	size_t len;
	uint8_t peer[6];
};

/* the shared fake driver (fake_drv.h) */
#define fk fake_drv_last
#define fake_ops fake_drv_ops
static uint64_t fake_now;
static size_t eapol_read;	/* fk->eapol[] given to the supplicant */

static const uint8_t ap_mac[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t sta1[6] = { 0x02, 0, 0, 0, 0x02, 0 };
static const uint8_t sta2[6] = { 0x02, 0, 0, 0, 0x03, 0 };

static inline uint64_t clock_fn(void *ctx) { return fake_now; }

static struct test_evrec evs;

static struct loop *lp;

static inline struct ap *make_ap(const char *extra)
{
	char text[512];
	FILE *f;
	struct ap_config *c;
	struct ap *ap;

	snprintf(text, sizeof(text), "interface=wlan0\nssid=roaming\nhw_mode=g\nchannel=1\n%s", extra);
	f = fmemopen(text, strlen(text), "r");
	c = ap_config_parse(f, "t.conf");
	fclose(f);
	ck_assert_ptr_nonnull(c);
	lp = loop_new();
	fake_now = 1000000;
	loop_set_clock(lp, clock_fn, NULL);
	memcpy(fake_drv_next_mac, ap_mac, 6);
	eapol_read = 0;
	ap = ap_new(lp, c, &fake_ops);
	ck_assert_ptr_nonnull(ap);
	test_ev_reset(&evs);
	ap_set_event_hook(ap, test_ev_hook, &evs);
	ck_assert_int_eq(ap_start(ap), 0);
	ck_assert(fk->started);
	return ap;
}

static inline void free_ap(struct ap *ap)
{
	ck_assert_int_eq(evs.dropped, 0);
	/* every state event is a transition from the state before it */
	ck_assert_int_ge(test_ev_chain(&evs, "AP-STA-STATE", "sta", "AUTHENTICATED"), 0);
	ck_assert_int_ge(test_ev_chain(&evs, "AP-TKIP-CM", "", "IDLE"), 0);
	ap_free(ap);
	loop_free(lp);
}

static inline void rx(struct ap *ap, const uint8_t *frame, size_t len)
{
	fk->base.ev->rx_mgmt(fk->base.ev_ctx, frame, len, 2412, -4000);
}

static inline void send_auth(struct ap *ap, const uint8_t *sta, uint16_t alg)
{
	uint8_t buf[64];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	mgmt_build_auth(&w, ap_mac, sta, ap_mac, alg, 1, 0, NULL, 0);
	rx(ap, buf, w.len);
}

static inline void send_assoc_frame(struct ap *ap, const uint8_t *sta, const uint8_t *ie, size_t ie_len,
			     const uint8_t *current_ap);

static inline void send_assoc(struct ap *ap, const uint8_t *sta, const uint8_t *ie, size_t ie_len)
{
	send_assoc_frame(ap, sta, ie, ie_len, NULL);
}

/* current_ap non-NULL: a Reassociation Request */
static inline void send_assoc_frame(struct ap *ap, const uint8_t *sta, const uint8_t *ie, size_t ie_len,
			     const uint8_t *current_ap)
{
	static const uint8_t rates[] = { 0x82, 0x84, 0x8b, 0x96 };
	uint8_t ies[128], buf[256];
	struct wbuf w;

	wbuf_init(&w, ies, sizeof(ies));
	mgmt_put_ssid(&w, (const uint8_t *)"roaming", 7);
	mgmt_put_rates(&w, rates, sizeof(rates));
	if (ie)
		wbuf_put_data(&w, ie, ie_len);
	ck_assert(wbuf_ok(&w));
	{
		struct wbuf f;
		size_t n = w.len;

		wbuf_init(&f, buf, sizeof(buf));
		mgmt_build_assoc_req(&f, ap_mac, sta, ap_mac, MGMT_CAPAB_ESS, 10, current_ap, ies, n);
		rx(ap, buf, f.len);
	}
}

static inline struct mgmt_frame last_mgmt(void)
{
	struct mgmt_frame m;

	ck_assert_uint_gt(fk->n_mgmt, 0);
	ck_assert_int_eq(mgmt_parse(fk->mgmt[fk->n_mgmt - 1].data, fk->mgmt[fk->n_mgmt - 1].len, &m), 0);
	return m;
}

/* ---- full 4-way handshake with common/'s supplicant as the STA ---- */

static struct frame sup_out[MAXF] __attribute__((unused));
static size_t n_sup_out, sup_read;
static int sup_keys;

static inline int sup_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	memcpy(sup_out[n_sup_out].data, frame, len);
	sup_out[n_sup_out++].len = len;
	return 0;
}

static inline int sup_install(void *ctx, const struct hs_key *k) { sup_keys++; return 0; }

static inline void pump(struct ap *ap, struct hs_supp *sp)
{
	bool moved = true;

	while (moved) {
		moved = false;
		while (eapol_read < fk->n_eapol) {
			struct fake_drv_frame *f = &fk->eapol[eapol_read++];

			hs_supp_rx(sp, f->data, f->len);
			moved = true;
		}
		while (sup_read < n_sup_out) {
			struct frame *f = &sup_out[sup_read++];

			fk->base.ev->eapol_rx(fk->base.ev_ctx, sta1, f->data, f->len);
			moved = true;
		}
	}
}


#endif
