/* SPDX-License-Identifier: MIT */
/* test_ap_fake.h: the one fake driver of the AP's unit tests (it records
 * management and EAPOL frames, keys, flags, the no_encrypt flag of each
 * EAPOL frame and reports a settable key sequence counter), a fake clock,
 * frame builders, and common/'s supplicant wired to the AP as the station.
 * Included by test_ap_sta.c and test_ap_keys.c. */
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

struct fake {
	struct drv base;	/* first */
	struct frame mgmt[MAXF];
	size_t n_mgmt;
	struct frame eapol[MAXF];
	size_t n_eapol, eapol_read;
	int n_sta_add, n_sta_remove, n_keys, n_del_keys, n_register;
	uint16_t last_aid;
	uint32_t flags_set;
	bool started, stopped;
	uint64_t cookie;
	struct drv_ap_params ap_params;	/* last start_ap */
	uint8_t keys_set, keys_deleted;	/* bit n: group key index n */
	uint32_t inactive_ms;		/* what get_station reports */
	bool last_no_encrypt[MAXF];	/* tx_eapol's no_encrypt, per eapol[] */
	uint64_t key_seq;		/* what get_key_seq reports */
	int n_get_key_seq;
	int last_seq_idx;		/* key index of the last get_key_seq */
};

static struct fake *fk;
static const struct drv_ops fake_ops;
static uint64_t fake_now;

static const uint8_t ap_mac[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t sta1[6] = { 0x02, 0, 0, 0, 0x02, 0 };
static const uint8_t sta2[6] = { 0x02, 0, 0, 0, 0x03, 0 };

static struct drv *f_init(struct loop *l, const char *ifname, const struct drv_events *ev,
			  void *ctx)
{
	fk = calloc(1, sizeof(*fk));
	fk->base.ops = &fake_ops;
	fk->base.ev = ev;
	fk->base.ev_ctx = ctx;
	fk->base.loop = l;
	snprintf(fk->base.ifname, sizeof(fk->base.ifname), "%s", ifname);
	return &fk->base;
}

static void f_deinit(struct drv *d) { free(d); fk = NULL; }

static int f_get_capa(struct drv *d, struct drv_capa *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->phy_name, sizeof(c->phy_name), "phy9");
	c->iftypes = DRV_IFTYPE_BIT(DRV_IFTYPE_AP) | DRV_IFTYPE_BIT(DRV_IFTYPE_STATION);
	c->ciphers = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP;
	return 0;
}

static int f_get_info(struct drv *d, struct drv_ifinfo *i)
{
	memset(i, 0, sizeof(*i));
	memcpy(i->mac, ap_mac, 6);
	return 0;
}

static int f_iftype(struct drv *d, enum drv_iftype t) { return 0; }
static int f_up(struct drv *d, bool up) { return 0; }
static int f_start(struct drv *d, const struct drv_ap_params *p)
{
	fk->started = true;
	fk->ap_params = *p;
	return 0;
}
static int f_stop(struct drv *d) { fk->stopped = true; return 0; }

static int f_send_mgmt(struct drv *d, const uint8_t *f, size_t len, bool no_ack, uint64_t *cookie)
{
	ck_assert_uint_lt(fk->n_mgmt, MAXF);
	memcpy(fk->mgmt[fk->n_mgmt].data, f, len);
	fk->mgmt[fk->n_mgmt++].len = len;
	if (cookie)
		*cookie = ++fk->cookie;
	return 0;
}

static int f_register(struct drv *d, const struct drv_frame_match *m, size_t n)
{
	/* nl80211 refuses a second registration of the same frames */
	return fk->n_register++ ? -EALREADY : 0;
}

static int f_sta_add(struct drv *d, const struct drv_sta_params *p)
{
	fk->n_sta_add++;
	fk->last_aid = p->aid;
	return 0;
}

static int f_sta_flags(struct drv *d, const uint8_t *addr, uint32_t set, uint32_t clear)
{
	fk->flags_set |= set;
	return 0;
}

static int f_sta_remove(struct drv *d, const uint8_t *addr) { fk->n_sta_remove++; return 0; }
static int f_set_key(struct drv *d, const struct drv_key *k)
{
	fk->n_keys++;
	if (!k->pairwise)
		fk->keys_set |= (uint8_t)(1u << k->idx);
	return 0;
}

static int f_del_key(struct drv *d, const uint8_t *addr, int idx)
{
	fk->n_del_keys++;
	if (!addr)
		fk->keys_deleted |= (uint8_t)(1u << idx);
	return 0;
}

static int f_get_station(struct drv *d, const uint8_t *addr, struct drv_sta_info *i)
{
	memset(i, 0, sizeof(*i));
	i->inactive_ms = fk->inactive_ms;
	return 0;
}

static int f_tx_eapol(struct drv *d, const uint8_t *dst, const uint8_t *data, size_t len,
		      bool no_encrypt)
{
	ck_assert_uint_lt(fk->n_eapol, MAXF);
	memcpy(fk->eapol[fk->n_eapol].data, data, len);
	memcpy(fk->eapol[fk->n_eapol].peer, dst, 6);
	fk->last_no_encrypt[fk->n_eapol] = no_encrypt;
	fk->eapol[fk->n_eapol++].len = len;
	return 0;
}

static int f_get_key_seq(struct drv *d, const uint8_t *addr, int idx, uint64_t *seq)
{
	fk->n_get_key_seq++;
	fk->last_seq_idx = idx;
	if (addr || !(fk->keys_set & (1u << idx)))
		return -ENOENT;
	*seq = fk->key_seq;
	return 0;
}

static const struct drv_ops fake_ops = {
	.name = "fake",
	.init = f_init,
	.deinit = f_deinit,
	.get_capa = f_get_capa,
	.get_info = f_get_info,
	.set_iftype = f_iftype,
	.set_up = f_up,
	.start_ap = f_start,
	.stop_ap = f_stop,
	.send_mgmt = f_send_mgmt,
	.register_frames = f_register,
	.sta_add = f_sta_add,
	.sta_set_flags = f_sta_flags,
	.sta_remove = f_sta_remove,
	.set_key = f_set_key,
	.del_key = f_del_key,
	.tx_eapol = f_tx_eapol,
	.get_station = f_get_station,
	.get_key_seq = f_get_key_seq,
};

static inline uint64_t clock_fn(void *ctx) { return fake_now; }

static char events[8192];

static inline void hook(void *ctx, const char *name, const char *kv)
{
	size_t n = strlen(events);

	snprintf(events + n, sizeof(events) - n, "%s %s\n", name, kv);
}

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
	ap = ap_new(lp, c, &fake_ops);
	ck_assert_ptr_nonnull(ap);
	events[0] = '\0';
	ap_set_event_hook(ap, hook, NULL);
	ck_assert_int_eq(ap_start(ap), 0);
	ck_assert(fk->started);
	return ap;
}

static inline void free_ap(struct ap *ap)
{
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
		while (fk->eapol_read < fk->n_eapol) {
			struct frame *f = &fk->eapol[fk->eapol_read++];

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
