// SPDX-License-Identifier: MIT
/* eapol_path.c: roamlab-ap's EAPOL path (see ap_eapol.h): the fault knobs
 * applied to EAPOL-Key frames on their way out (drop, corrupt MIC, delay)
 * and in (drop, corrupt MIC), and frames held back for later. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ap.h"
#include "ap_eapol.h"
#include "eapol.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "util.h"

#define TAG "ap"

struct ap_delayed {
	struct ap_delayed *next;
	struct ap *ap;
	struct loop_timer *timer;
	uint8_t peer[ETH_ALEN];
	size_t len;
	uint8_t frame[EAPOL_KEY_FRAME_MAX];
};

/* ---- faults: the handshake part and the EAPOL part -------------------------- */

void ap_faults_to_hs(const struct ap_faults *f, struct hs_faults *hf)
{
	memset(hf, 0, sizeof(*hf));
	hf->new_anonce_on_resend = f->anonce_per_resend;
	hf->resend_m3 = f->resend_m3;
	hf->wrong_gtk_keyidx = f->gtk_wrong_keyidx;
}

/* The message, or EAPOL_MSG_UNKNOWN for what is no EAPOL-Key frame; a
 * Request is not one of the handshake's messages the faults name. */
static enum eapol_msg classify(const uint8_t *frame, size_t len, struct eapol_key *k)
{
	enum eapol_msg m;

	if (eapol_key_parse(frame, len, k, NULL))
		return EAPOL_MSG_UNKNOWN;
	m = eapol_key_classify(k);
	return m == EAPOL_MSG_REQUEST ? EAPOL_MSG_UNKNOWN : m;
}

/* ---- handshake ops ---------------------------------------------------------- */

/* Is a PTK for peer in the driver? Then EAPOL frames to it go out
 * protected, those of a PTK rekey (msgs 1/4 and 3/4 under the PTK in use)
 * included; only the first handshake of an association is sent in the
 * clear. The handshake forgets its PTK when a rekey starts, the driver
 * does not: t_ptk_us is set when a PTK is installed and cleared when the
 * station leaves the driver. */
static bool sta_ptk_in_driver(struct ap *ap, const uint8_t *peer)
{
	struct ap_sta *s = ap_sta_find(&ap->stas, peer);

	return s && s->in_kernel && s->t_ptk_us;
}

static int send_eapol(struct ap *ap, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	int ret = drv_tx_eapol(ap->drv, peer, frame, len, !sta_ptk_in_driver(ap, peer));

	if (ret) {
		char mac[18];

		log_err(TAG, "%s: STA %s: cannot send EAPOL frame: %s", ap->ifname,
			mac_str(peer, mac), strerror(-ret));
	}
	return ret;
}

static void delayed_fire(struct loop *l, struct loop_timer *t, void *ctx)
{
	struct ap_delayed *d = ctx;
	struct ap *ap = d->ap;

	for (struct ap_delayed **pp = &ap->delayed; *pp; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			break;
		}
	}
	if (ap->drv)
		send_eapol(ap, d->peer, d->frame, d->len);
	free(d);
}

void ap_delayed_flush(struct ap *ap)
{
	while (ap->delayed) {
		struct ap_delayed *d = ap->delayed;

		ap->delayed = d->next;
		loop_timer_cancel(ap->loop, d->timer);
		free(d);
	}
}

/* Send frame to peer after delay_us; 0 or -errno. */
static int hold_eapol(struct ap *ap, const uint8_t *peer, const uint8_t *frame, size_t len,
		      uint64_t delay_us)
{
	struct ap_delayed *d;

	if (len > EAPOL_KEY_FRAME_MAX)
		return -EMSGSIZE;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->ap = ap;
	memcpy(d->peer, peer, ETH_ALEN);
	memcpy(d->frame, frame, len);
	d->len = len;
	d->timer = loop_timer_add(ap->loop, delay_us, delayed_fire, d);
	if (!d->timer) {
		free(d);
		return -ENOMEM;
	}
	d->next = ap->delayed;
	ap->delayed = d;
	return 0;
}

/* The time left before a group msg 1/2 to peer may go (AP_G1_AFTER_PTK_US). */
static uint64_t g1_hold_us(struct ap *ap, const uint8_t *peer)
{
	struct ap_sta *s = ap_sta_find(&ap->stas, peer);
	uint64_t now = loop_now_us(ap->loop);

	if (!s || !s->t_ptk_us || now >= s->t_ptk_us + AP_G1_AFTER_PTK_US)
		return 0;
	return s->t_ptk_us + AP_G1_AFTER_PTK_US - now;
}

/* Forget frames held for a station that is going away. */
void ap_delayed_flush_peer(struct ap *ap, const uint8_t *peer)
{
	struct ap_delayed **pp = &ap->delayed;

	while (*pp) {
		struct ap_delayed *d = *pp;

		if (mac_equal(d->peer, peer)) {
			*pp = d->next;
			loop_timer_cancel(ap->loop, d->timer);
			free(d);
		} else {
			pp = &d->next;
		}
	}
}

int ap_hs_tx(void *ctx, const uint8_t *peer, const uint8_t *frame, size_t len)
{
	struct ap *ap = ctx;
	struct eapol_key k;
	enum eapol_msg m = classify(frame, len, &k);
	uint8_t copy[EAPOL_KEY_FRAME_MAX];
	uint64_t hold;
	char mac[18];
	int ret;

	if (m != EAPOL_MSG_UNKNOWN && ap_fault_take_drop(&ap->faults, m)) {
		log_info(TAG, "STA %s: FAULT drop-msg: not sending msg %s", mac_str(peer, mac),
			 ap_msg_name(m));
		ap_event(ap, "AP-FAULT", "sta=%s fault=drop-msg msg=%s", mac, ap_msg_name(m));
		return 0;
	}
	if (m != EAPOL_MSG_UNKNOWN && ap->faults.corrupt_mic[m] && len <= sizeof(copy) &&
	    len > EAPOL_KEY_OFF_MIC) {
		memcpy(copy, frame, len);
		copy[EAPOL_KEY_OFF_MIC] ^= 0x01;
		frame = copy;
		log_info(TAG, "STA %s: FAULT corrupt-mic: flipped a MIC bit of msg %s",
			 mac_str(peer, mac), ap_msg_name(m));
		ap_event(ap, "AP-FAULT", "sta=%s fault=corrupt-mic msg=%s", mac, ap_msg_name(m));
	}
	if (m != EAPOL_MSG_UNKNOWN && ap->faults.delay_ms[m] && len <= EAPOL_KEY_FRAME_MAX) {
		ret = hold_eapol(ap, peer, frame, len, ap->faults.delay_ms[m] * 1000ULL);
		if (ret)
			return ret;
		log_info(TAG, "STA %s: FAULT delay-msg: msg %s held for %u ms",
			 mac_str(peer, mac), ap_msg_name(m), ap->faults.delay_ms[m]);
		ap_event(ap, "AP-FAULT", "sta=%s fault=delay-msg msg=%s ms=%u", mac,
			 ap_msg_name(m), ap->faults.delay_ms[m]);
		return 0;
	}
	hold = m == EAPOL_MSG_GROUP_1 ? g1_hold_us(ap, peer) : 0;
	if (hold) {
		ret = hold_eapol(ap, peer, frame, len, hold);
		if (ret == 0) {
			log_dbg(TAG, "STA %s: group msg 1/2 held %llu us: the PTK was just installed",
				mac_str(peer, mac), (unsigned long long)hold);
			return 0;
		}
	}
	return send_eapol(ap, peer, frame, len);
}

void ap_eapol_rx(void *ctx, const uint8_t src[ETH_ALEN], const uint8_t *data, size_t len)
{
	struct ap *ap = ctx;
	struct ap_sta *s = ap_sta_find(&ap->stas, src);
	struct eapol_key k;
	enum eapol_msg m;
	uint8_t copy[EAPOL_KEY_FRAME_MAX];
	char mac[18];

	mac_str(src, mac);
	if (!s || !s->hs) {
		log_dbg(TAG, "%s: EAPOL from %s without a handshake: dropped", ap->ifname, mac);
		return;
	}
	m = classify(data, len, &k);
	if (m != EAPOL_MSG_UNKNOWN && ap_fault_take_drop(&ap->faults, m)) {
		log_info(TAG, "STA %s: FAULT drop-msg: ignoring received msg %s", mac,
			 ap_msg_name(m));
		ap_event(ap, "AP-FAULT", "sta=%s fault=drop-msg msg=%s", mac, ap_msg_name(m));
		return;
	}
	if (m != EAPOL_MSG_UNKNOWN && ap->faults.corrupt_mic[m] && len <= sizeof(copy) &&
	    len > EAPOL_KEY_OFF_MIC) {
		memcpy(copy, data, len);
		copy[EAPOL_KEY_OFF_MIC] ^= 0x01;
		data = copy;
		log_info(TAG, "STA %s: FAULT corrupt-mic: flipped a MIC bit of received msg %s",
			 mac, ap_msg_name(m));
		ap_event(ap, "AP-FAULT", "sta=%s fault=corrupt-mic msg=%s", mac, ap_msg_name(m));
	}
	hs_auth_rx(s->hs, data, len);
}
