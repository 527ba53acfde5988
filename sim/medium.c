// SPDX-License-Identifier: MIT
/* medium.c: who hears what, at which signal, and whether it was ACKed. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "medium.h"

#define TAG "medium"

struct sim_medium *sim_medium_new(struct loop *l, const struct sim_model *model,
				  uint64_t seed, const struct sim_medium_ops *ops,
				  void *ops_ctx)
{
	struct sim_medium *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->loop = l;
	m->model = *model;
	m->ops = ops;
	m->ops_ctx = ops_ctx;
	rng_seed(&m->rng, seed);
	sim_rules_init(&m->rules);
	return m;
}

void sim_medium_free(struct sim_medium *m)
{
	if (!m)
		return;
	if (m->loop)
		loop_timer_cancel_ctx(m->loop, m);
	sim_rules_free(&m->rules);
	free(m->radios);
	free(m);
}

int sim_medium_find(const struct sim_medium *m, const uint8_t addr[ETH_ALEN])
{
	for (size_t i = 0; i < m->n_radios; i++) {
		if (mac_equal(m->radios[i].addr, addr))
			return (int)i;
		for (size_t j = 0; j < m->radios[i].n_extra; j++)
			if (mac_equal(m->radios[i].extra[j], addr))
				return (int)i;
	}
	return -1;
}

int sim_medium_find_name(const struct sim_medium *m, const char *name)
{
	for (size_t i = 0; i < m->n_radios; i++)
		if (!strcmp(m->radios[i].name, name))
			return (int)i;
	return -1;
}

int sim_medium_add_radio(struct sim_medium *m, const char *name,
			 const uint8_t addr[ETH_ALEN], double x, double y,
			 double txpower_dbm)
{
	struct sim_mradio *v, *r;

	if (sim_medium_find(m, addr) >= 0)
		return -EEXIST;
	v = realloc(m->radios, (m->n_radios + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	m->radios = v;
	r = &v[m->n_radios];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	memcpy(r->addr, addr, ETH_ALEN);
	sim_motion_init(&r->motion, x, y);
	r->txpower_dbm = txpower_dbm;
	r->enabled = true;
	return (int)m->n_radios++;
}

static int radio_by_addr(const struct sim_medium *m, const uint8_t a[ETH_ALEN])
{
	for (size_t i = 0; i < m->n_radios; i++)
		if (mac_equal(m->radios[i].addr, a))
			return (int)i;
	return -1;
}

static struct sim_mradio *radio_of(struct sim_medium *m, const uint8_t radio[ETH_ALEN])
{
	int i = radio_by_addr(m, radio);

	return i < 0 ? NULL : &m->radios[i];
}

int sim_medium_add_addr(struct sim_medium *m, const uint8_t radio[ETH_ALEN],
			const uint8_t addr[ETH_ALEN])
{
	struct sim_mradio *r = radio_of(m, radio);

	if (!r)
		return -ENOENT;
	if (mac_equal(r->addr, addr))
		return 0;
	for (size_t j = 0; j < r->n_extra; j++)
		if (mac_equal(r->extra[j], addr))
			return 0;
	if (r->n_extra == SIM_RADIO_EXTRA_ADDRS)
		return -ENOSPC;
	memcpy(r->extra[r->n_extra++], addr, ETH_ALEN);
	return 0;
}

int sim_medium_del_addr(struct sim_medium *m, const uint8_t radio[ETH_ALEN],
			const uint8_t addr[ETH_ALEN])
{
	struct sim_mradio *r = radio_of(m, radio);

	if (!r)
		return -ENOENT;
	for (size_t j = 0; j < r->n_extra; j++) {
		if (mac_equal(r->extra[j], addr)) {
			memmove(r->extra[j], r->extra[j + 1],
				(r->n_extra - j - 1) * ETH_ALEN);
			r->n_extra--;
			return 0;
		}
	}
	return 0;
}

double sim_medium_signal(const struct sim_medium *m, int a, int b, uint32_t freq,
			 uint64_t now_us)
{
	const struct sim_mradio *ra = &m->radios[a], *rb = &m->radios[b];
	double d = sim_distance(sim_motion_pos(&ra->motion, now_us),
				sim_motion_pos(&rb->motion, now_us));

	return sim_model_signal(&m->model, ra->txpower_dbm, d, (int)freq, ra->addr,
				rb->addr);
}

/* The ACK goes back at the lowest mandatory rate of the band (9.3.1.4 and
 * 10.6.6.5: control response at a basic rate). */
static unsigned int ack_rate(uint32_t freq)
{
	return freq >= 4900 ? 60 : 10;
}

static bool draw(struct sim_medium *m, double p)
{
	if (p >= 1.0)
		return true;
	if (p <= 0.0)
		return false;
	return rng_uniform(&m->rng) < p;
}

static void deliver(struct sim_medium *m, int rx, const uint8_t *f, size_t len,
		    int rate_idx, double signal, uint32_t freq, bool corrupt,
		    bool retry)
{
	uint8_t buf[HWSIM_MAX_FRAME_LEN + 64];
	const uint8_t *p = f;

	if (len < HWSIM_MIN_RX_FRAME_LEN || len > sizeof(buf))
		return;		/* hwsim would refuse it */
	if (corrupt || retry) {
		memcpy(buf, f, len);
		if (retry)
			buf[1] |= 0x08;	/* Retry bit, 9.2.4.1.6 */
		if (corrupt) {
			/* flip a byte of the body (or the last header byte) */
			size_t at = len > 32 ? len - 1 - (rng_next(&m->rng) % (len - 32)) : len - 1;

			buf[at] ^= 0x5a;
		}
		p = buf;
	}
	m->st.deliveries++;
	m->radios[rx].rx_frames++;
	if (m->ops && m->ops->deliver)
		m->ops->deliver(m->ops_ctx, m->radios[rx].addr, p, len, (uint32_t)rate_idx,
				(int32_t)lround(signal), freq);
}

struct delayed_tx {
	struct sim_medium *m;
	struct sim_tx tx;
	uint8_t frame[];
};

static void process(struct sim_medium *m, const struct sim_tx *tx, int t,
		    const struct sim_frame_info *fi, const struct sim_rule_verdict *v);

static void delayed_cb(struct loop *l, struct loop_timer *timer, void *ctx)
{
	struct delayed_tx *d = ctx;
	struct sim_frame_info fi;
	struct sim_rule_verdict v = { 0 };
	int t = radio_by_addr(d->m, d->tx.transmitter);

	d->tx.frame = d->frame;
	sim_frame_parse(d->frame, d->tx.len, &fi);
	if (t >= 0)
		process(d->m, &d->tx, t, &fi, &v);
	free(d);
}

void sim_medium_tx(struct sim_medium *m, const struct sim_tx *tx)
{
	struct sim_frame_info fi;
	struct sim_rule_verdict v;
	int t;

	m->st.frames_in++;
	t = radio_by_addr(m, tx->transmitter);
	if (t < 0 && m->auto_add) {
		char name[18];

		t = sim_medium_add_radio(m, mac_str(tx->transmitter, name), tx->transmitter,
					 0, 0, 20);
		if (t >= 0)
			log_info(TAG, "new radio %s at 0,0", name);
	}
	if (t < 0) {
		m->st.unknown_tx++;
		log_dbg(TAG, "frame from unknown radio " MAC_FMT ", dropped",
			MAC_ARG(tx->transmitter));
		return;
	}
	if (!sim_frame_parse(tx->frame, tx->len, &fi)) {
		m->st.bad_msgs++;
		log_dbg(TAG, "%s: truncated 802.11 frame (%zu bytes), dropped",
			m->radios[t].name, tx->len);
		return;
	}
	m->radios[t].tx_frames++;
	/* A frame's transmitter address (addr2) is an address of the radio
	 * that sent it: learn it, so a medium that registers after the
	 * interfaces came up (and so missed their ADD_MAC_ADDR) still finds
	 * the receiver of unicast frames. */
	if (fi.a2 && !mac_is_multicast(fi.a2) && sim_medium_find(m, fi.a2) < 0 &&
	    sim_medium_add_addr(m, tx->transmitter, fi.a2) == 0)
		log_dbg(TAG, "%s: learned address " MAC_FMT " from a frame",
			m->radios[t].name, MAC_ARG(fi.a2));
	if (tx->freq)
		m->radios[t].last_freq = (int)tx->freq;
	sim_rules_apply(&m->rules, &fi, tx->transmitter, &m->rng, &v);
	if (v.rule_line)
		log_info(TAG, "rule (line %d) hit %s from %s:%s%s%s%s", v.rule_line,
			 sim_frame_describe(&fi), m->radios[t].name, v.drop ? " drop" : "",
			 v.delay_ms ? " delay" : "", v.duplicates ? " duplicate" : "",
			 v.corrupt ? " corrupt" : "");
	if (v.delay_ms && m->loop && !v.drop) {
		struct delayed_tx *d = malloc(sizeof(*d) + tx->len);

		if (d) {
			d->m = m;
			d->tx = *tx;
			memcpy(d->frame, tx->frame, tx->len);
			if (loop_timer_add(m->loop, (uint64_t)v.delay_ms * 1000, delayed_cb, d))
				return;
			free(d);
		}
	}
	process(m, tx, t, &fi, &v);
}

static void process(struct sim_medium *m, const struct sim_tx *tx, int t,
		    const struct sim_frame_info *fi, const struct sim_rule_verdict *v)
{
	uint64_t now = m->loop ? loop_now_us(m->loop) : 0;
	uint32_t freq = tx->freq ? tx->freq : (m->radios[t].last_freq ? (uint32_t)m->radios[t].last_freq : 2412);
	struct hwsim_tx_rate out[HWSIM_TX_MAX_RATES];
	bool group = mac_is_multicast(fi->a1);
	bool no_ack = group || (tx->flags & HWSIM_TX_CTL_NO_ACK);
	int dst = group ? -1 : sim_medium_find(m, fi->a1);
	struct sim_air air;
	bool acked = false;
	int attempts = 0;
	double best = -200;
	bool *got = calloc(m->n_radios, sizeof(bool));

	memset(&air, 0, sizeof(air));
	memcpy(out, tx->rates, sizeof(out));
	if (dst == t)
		dst = -1;
	if (!m->radios[t].enabled || !got) {
		/* a stopped radio transmits nothing */
		for (int i = 0; i < HWSIM_TX_MAX_RATES; i++) {
			out[i].idx = i ? -1 : out[i].idx;
			out[i].count = i ? 0 : 1;
		}
		goto status;
	}
	if (v->drop)
		m->st.rule_drops++;
	if (no_ack) {
		/* one attempt at the first rate; every radio draws on its own */
		int idx = tx->rates[0].idx < 0 ? 0 : tx->rates[0].idx;
		unsigned int rate = sim_rate_100kbps((int)freq, idx);

		attempts = 1;
		air.rate_100kbps = rate;
		for (size_t r = 0; r < m->n_radios && !v->drop; r++) {
			double sig, snr;

			if ((int)r == t || !m->radios[r].enabled)
				continue;
			sig = sim_medium_signal(m, t, (int)r, freq, now);
			snr = sig - m->model.noise_dbm;
			if (sig > best)
				best = sig;
			if (!draw(m, sim_model_success_prob(snr, rate ? rate : 10, tx->len))) {
				m->st.lost++;
				continue;
			}
			got[r] = true;
			air.receivers++;
			for (int k = 0; k <= v->duplicates; k++)
				deliver(m, (int)r, tx->frame, tx->len, idx, sig, freq,
					v->corrupt, k > 0);
		}
		out[0].idx = (int8_t)idx;
		out[0].count = 1;
		for (int i = 1; i < HWSIM_TX_MAX_RATES; i++) {
			out[i].idx = -1;
			out[i].count = 0;
		}
	} else {
		double sig = dst >= 0 ? sim_medium_signal(m, t, dst, freq, now) : -200;
		double back = dst >= 0 ? sim_medium_signal(m, dst, t, freq, now) : -200;
		bool dst_on = dst >= 0 && m->radios[dst].enabled;
		int i;

		best = sig;
		for (i = 0; i < HWSIM_TX_MAX_RATES && !acked; i++) {
			int c;

			if (tx->rates[i].idx < 0 || tx->rates[i].count == 0) {
				out[i].idx = -1;
				out[i].count = 0;
				continue;
			}
			unsigned int rate = sim_rate_100kbps((int)freq, tx->rates[i].idx);

			if (!air.rate_100kbps)
				air.rate_100kbps = rate;
			for (c = 0; c < tx->rates[i].count; c++) {
				attempts++;
				if (v->drop || !dst_on)
					continue;
				double snr = sig - m->model.noise_dbm;

				if (!draw(m, sim_model_success_prob(snr, rate ? rate : 10, tx->len))) {
					m->st.lost++;
					continue;
				}
				if (!got[dst])
					air.receivers++;
				for (int k = 0; k <= v->duplicates; k++)
					deliver(m, dst, tx->frame, tx->len, tx->rates[i].idx, sig,
						freq, v->corrupt, got[dst] || k > 0);
				got[dst] = true;
				air.rate_100kbps = rate;
				if (draw(m, sim_model_success_prob(back - m->model.noise_dbm,
								   ack_rate(freq), 14))) {
					acked = true;
					c++;
					break;
				}
			}
			out[i].count = (uint8_t)c;
		}
		for (; i < HWSIM_TX_MAX_RATES; i++) {
			out[i].idx = -1;
			out[i].count = 0;
		}
		if (acked)
			air.signal_dbm = back;
	}
status:
	if (m->ops && m->ops->tx_status) {
		uint32_t flags = tx->flags & (HWSIM_TX_CTL_REQ_TX_STATUS | HWSIM_TX_CTL_NO_ACK);

		if (acked)
			flags |= HWSIM_TX_STAT_ACK;
		m->st.tx_status++;
		m->ops->tx_status(m->ops_ctx, tx->transmitter, flags, tx->cookie,
				  acked ? (int32_t)lround(air.signal_dbm) : 0, out);
	}
	if (m->ops && m->ops->air && m->radios[t].enabled) {
		air.t_us = now;
		air.tx_radio = t;
		air.rx_radio = dst;
		air.frame = tx->frame;
		air.len = tx->len;
		air.fi = fi;
		air.freq = freq;
		air.signal_dbm = best;
		air.acked = acked;
		air.dropped_by_rule = v->drop;
		air.rule_line = v->rule_line;
		air.attempts = attempts;
		m->ops->air(m->ops_ctx, &air);
	}
	free(got);
}
