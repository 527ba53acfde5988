// SPDX-License-Identifier: MIT
/* fake_drv.c: the one fake driver of the unit tests (fake_drv.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "fake_drv.h"

struct fake_drv *fake_drv_last;
uint8_t fake_drv_next_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x99 };

static int failing(struct drv *d, const char *op)
{
	struct fake_drv *f = to_fake_drv(d);

	return f->fail_op && !strcmp(f->fail_op, op) ? f->fail_err : 0;
}

static struct drv *f_init(struct loop *l, const char *ifname, const struct drv_events *ev,
			  void *ctx)
{
	struct fake_drv *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->base.ops = &fake_drv_ops;
	f->base.loop = l;
	f->base.ev = ev;
	f->base.ev_ctx = ctx;
	snprintf(f->base.ifname, sizeof(f->base.ifname), "%s", ifname);
	memcpy(f->mac, fake_drv_next_mac, ETH_ALEN);
	f->iftype = DRV_IFTYPE_STATION;
	snprintf(f->capa.phy_name, sizeof(f->capa.phy_name), "phy9");
	f->capa.iftypes = DRV_IFTYPE_BIT(DRV_IFTYPE_AP) | DRV_IFTYPE_BIT(DRV_IFTYPE_STATION);
	f->capa.ciphers = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP;
	fake_drv_last = f;
	return &f->base;
}

static void f_deinit(struct drv *d)
{
	if (fake_drv_last == to_fake_drv(d))
		fake_drv_last = NULL;
	free(d);
}

static int f_get_capa(struct drv *d, struct drv_capa *c)
{
	*c = to_fake_drv(d)->capa;
	return failing(d, "get_capa");
}

static int f_get_info(struct drv *d, struct drv_ifinfo *i)
{
	struct fake_drv *f = to_fake_drv(d);

	memset(i, 0, sizeof(*i));
	snprintf(i->ifname, sizeof(i->ifname), "%s", d->ifname);
	memcpy(i->mac, f->mac, ETH_ALEN);
	i->iftype = f->iftype;
	return failing(d, "get_info");
}

static int f_set_iftype(struct drv *d, enum drv_iftype t)
{
	to_fake_drv(d)->iftype = t;
	return failing(d, "set_iftype");
}

static int f_set_up(struct drv *d, bool up)
{
	to_fake_drv(d)->up = up;
	return failing(d, "set_up");
}

static int f_start_ap(struct drv *d, const struct drv_ap_params *p)
{
	struct fake_drv *f = to_fake_drv(d);

	f->started = true;
	f->ap_params = *p;
	return failing(d, "start_ap");
}

static int f_update_beacon(struct drv *d, const struct drv_ap_params *p)
{
	to_fake_drv(d)->ap_params = *p;
	return failing(d, "update_beacon");
}

static int f_stop_ap(struct drv *d)
{
	to_fake_drv(d)->stopped = true;
	return failing(d, "stop_ap");
}

/* Overflowing a record fails the test (never a silent drop). */
static void keep_frame(struct fake_drv_frame *fr, const uint8_t *data, size_t len)
{
	ck_assert_uint_le(len, sizeof(fr->data));
	fr->len = len;
	memcpy(fr->data, data, len);
}

static int f_send_mgmt(struct drv *d, const uint8_t *frame, size_t len, bool no_ack,
		       uint64_t *cookie)
{
	struct fake_drv *f = to_fake_drv(d);

	ck_assert_uint_lt(f->n_mgmt, FAKE_DRV_MAXF);
	keep_frame(&f->mgmt[f->n_mgmt++], frame, len);
	if (cookie)
		*cookie = ++f->cookie;
	return failing(d, "send_mgmt");
}

static int f_register_frames(struct drv *d, const struct drv_frame_match *m, size_t n)
{
	/* nl80211 refuses a second registration of the same frames */
	return to_fake_drv(d)->n_register++ ? -EALREADY : 0;
}

static int f_sta_add(struct drv *d, const struct drv_sta_params *p)
{
	struct fake_drv *f = to_fake_drv(d);

	f->n_sta_add++;
	f->last_aid = p->aid;
	f->last_sta_flags = p->flags;
	return failing(d, "sta_add");
}

static int f_sta_set_flags(struct drv *d, const uint8_t addr[ETH_ALEN], uint32_t set,
			   uint32_t clear)
{
	struct fake_drv *f = to_fake_drv(d);

	f->flags_set |= set;
	if (set & DRV_STA_AUTHORIZED)
		f->n_authorize++;
	return failing(d, "sta_set_flags");
}

static int f_sta_remove(struct drv *d, const uint8_t addr[ETH_ALEN])
{
	to_fake_drv(d)->n_sta_remove++;
	return failing(d, "sta_remove");
}

static int f_get_station(struct drv *d, const uint8_t addr[ETH_ALEN],
			 struct drv_sta_info *i)
{
	memset(i, 0, sizeof(*i));
	i->inactive_ms = to_fake_drv(d)->inactive_ms;
	return failing(d, "get_station");
}

static int f_set_key(struct drv *d, const struct drv_key *k)
{
	struct fake_drv *f = to_fake_drv(d);
	struct fake_drv_key *r;

	ck_assert_uint_lt(f->n_keys, FAKE_DRV_MAXK);
	ck_assert_uint_le(k->key_len, sizeof(r->key));
	r = &f->keys[f->n_keys++];
	r->k = *k;
	if (k->key)
		memcpy(r->key, k->key, k->key_len);
	r->k.key = r->key;
	if (k->addr) {
		memcpy(r->addr, k->addr, ETH_ALEN);
		r->k.addr = r->addr;
	}
	if (!k->pairwise && k->idx >= 0 && k->idx < 8)
		f->keys_set |= (uint8_t)(1u << k->idx);
	return failing(d, "set_key");
}

static int f_del_key(struct drv *d, const uint8_t *addr, int idx)
{
	struct fake_drv *f = to_fake_drv(d);

	f->n_del_keys++;
	if (!addr && idx >= 0 && idx < 8)
		f->keys_deleted |= (uint8_t)(1u << idx);
	return failing(d, "del_key");
}

static int f_get_key_seq(struct drv *d, const uint8_t *addr, int idx, uint64_t *seq)
{
	struct fake_drv *f = to_fake_drv(d);

	f->n_get_key_seq++;
	f->last_seq_idx = idx;
	if (addr || idx < 0 || idx >= 8 || !(f->keys_set & (1u << idx)))
		return -ENOENT;
	*seq = f->key_seq;
	return 0;
}

static int f_tx_eapol(struct drv *d, const uint8_t dst[ETH_ALEN], const uint8_t *data,
		      size_t len, bool no_encrypt)
{
	struct fake_drv *f = to_fake_drv(d);
	struct fake_drv_frame *fr;

	ck_assert_uint_lt(f->n_eapol, FAKE_DRV_MAXF);
	fr = &f->eapol[f->n_eapol++];
	keep_frame(fr, data, len);
	memcpy(fr->peer, dst, ETH_ALEN);
	fr->no_encrypt = no_encrypt;
	return failing(d, "tx_eapol");
}

static int f_scan(struct drv *d, const struct drv_scan_params *p)
{
	struct fake_drv *f = to_fake_drv(d);

	f->n_scan++;
	f->scan = p ? *p : (struct drv_scan_params){ 0 };
	if (p && p->n_freqs && p->freqs) {
		size_t n = p->n_freqs < 16 ? p->n_freqs : 16;

		memcpy(f->scan_freqs, p->freqs, n * sizeof(uint32_t));
	}
	f->scan.freqs = f->scan_freqs;
	return failing(d, "scan");
}

static int f_get_scan_results(struct drv *d, struct drv_scan_results **out)
{
	struct fake_drv *f = to_fake_drv(d);
	struct drv_scan_results *r;

	if (f->scan_results_hook)
		f->scan_results_hook(f, f->scan_results_ctx);
	ck_assert_uint_le(f->n_results, FAKE_DRV_MAXBSS);
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->bss = calloc(f->n_results ? f->n_results : 1, sizeof(*r->bss));
	if (!r->bss) {
		free(r);
		return -ENOMEM;
	}
	for (size_t i = 0; i < f->n_results; i++) {
		r->bss[i] = f->results[i];
		r->bss[i].ies = malloc(f->results[i].ies_len ? f->results[i].ies_len : 1);
		if (f->results[i].ies_len)
			memcpy(r->bss[i].ies, f->results[i].ies, f->results[i].ies_len);
	}
	r->n = f->n_results;
	*out = r;
	return 0;
}

static int f_authenticate(struct drv *d, const struct drv_auth_params *p)
{
	struct fake_drv *f = to_fake_drv(d);

	f->n_auth++;
	memcpy(f->auth_bssid, p->bssid, ETH_ALEN);
	f->auth_alg = p->auth_alg;
	f->auth_sae_len = p->sae_data_len <= sizeof(f->auth_sae) ? p->sae_data_len : 0;
	if (f->auth_sae_len)
		memcpy(f->auth_sae, p->sae_data, f->auth_sae_len);
	return failing(d, "authenticate");
}

static int f_associate(struct drv *d, const struct drv_assoc_params *p)
{
	struct fake_drv *f = to_fake_drv(d);

	f->n_assoc++;
	memcpy(f->assoc_bssid, p->bssid, ETH_ALEN);
	f->assoc_reassoc = p->prev_bssid != NULL;
	if (p->prev_bssid)
		memcpy(f->assoc_prev, p->prev_bssid, ETH_ALEN);
	ck_assert_uint_le(p->ies_len, sizeof(f->assoc_ie));
	f->assoc_ie_len = p->ies_len;
	if (p->ies)
		memcpy(f->assoc_ie, p->ies, f->assoc_ie_len);
	f->assoc_control_port = p->control_port;
	f->assoc_mfp = p->mfp;
	return failing(d, "associate");
}

static int f_deauthenticate(struct drv *d, const uint8_t bssid[ETH_ALEN], uint16_t reason)
{
	struct fake_drv *f = to_fake_drv(d);

	f->n_deauth++;
	f->deauth_reason = reason;
	memcpy(f->deauth_bssid, bssid, ETH_ALEN);
	return failing(d, "deauthenticate");
}

static int f_set_cqm_rssi(struct drv *d, int thr, unsigned int hyst)
{
	to_fake_drv(d)->n_cqm++;
	return failing(d, "set_cqm_rssi");
}

const struct drv_ops fake_drv_ops = {
	.name = "fake",
	.init = f_init,
	.deinit = f_deinit,
	.get_capa = f_get_capa,
	.get_info = f_get_info,
	.set_iftype = f_set_iftype,
	.set_up = f_set_up,
	.start_ap = f_start_ap,
	.update_beacon = f_update_beacon,
	.stop_ap = f_stop_ap,
	.send_mgmt = f_send_mgmt,
	.register_frames = f_register_frames,
	.sta_add = f_sta_add,
	.sta_set_flags = f_sta_set_flags,
	.sta_remove = f_sta_remove,
	.get_station = f_get_station,
	.set_key = f_set_key,
	.del_key = f_del_key,
	.get_key_seq = f_get_key_seq,
	.tx_eapol = f_tx_eapol,
	.scan = f_scan,
	.get_scan_results = f_get_scan_results,
	.authenticate = f_authenticate,
	.associate = f_associate,
	.deauthenticate = f_deauthenticate,
	.set_cqm_rssi = f_set_cqm_rssi,
};
