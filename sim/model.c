// SPDX-License-Identifier: MIT
/* model.c: path loss, shadowing and the SNR -> frame success curve. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "model.h"
#include "util.h"

void sim_model_defaults(struct sim_model *m)
{
	memset(m, 0, sizeof(*m));
	m->kind = SIM_MODEL_LOG_DISTANCE;
	m->exponent = 3.0;
	m->ref_loss_db = -1.0;	/* free-space loss at d0 */
	m->ref_dist_m = 1.0;
	m->shadowing_db = 0.0;
	m->noise_dbm = -95.0;
	m->seed = 1;
}

int sim_model_kind_parse(const char *s, enum sim_model_kind *out)
{
	if (!strcmp(s, "free-space")) {
		*out = SIM_MODEL_FREE_SPACE;
		return 0;
	}
	if (!strcmp(s, "log-distance")) {
		*out = SIM_MODEL_LOG_DISTANCE;
		return 0;
	}
	return -EINVAL;
}

const char *sim_model_kind_name(enum sim_model_kind k)
{
	switch (k) {
	case SIM_MODEL_FREE_SPACE:
		return "free-space";
	case SIM_MODEL_LOG_DISTANCE:
		return "log-distance";
	}
	return "?";
}

/* Friis in dB with d in metres and f in MHz:
 * FSPL = 20 log10(d) + 20 log10(f) - 27.55 */
static double fspl(double d, int freq_mhz)
{
	return 20.0 * log10(d) + 20.0 * log10((double)freq_mhz) - 27.55;
}

double sim_model_path_loss(const struct sim_model *m, double dist_m, int freq_mhz)
{
	double d = dist_m < 0.1 ? 0.1 : dist_m;
	double d0 = m->ref_dist_m > 0 ? m->ref_dist_m : 1.0;
	double pl0;

	if (freq_mhz <= 0)
		freq_mhz = 2412;
	switch (m->kind) {
	case SIM_MODEL_FREE_SPACE:
		return fspl(d, freq_mhz);
	case SIM_MODEL_LOG_DISTANCE:
		pl0 = m->ref_loss_db >= 0 ? m->ref_loss_db : fspl(d0, freq_mhz);
		return pl0 + 10.0 * m->exponent * log10(d / d0);
	}
	return fspl(d, freq_mhz);
}

static uint64_t mac_u64(const uint8_t a[6])
{
	uint64_t v = 0;

	for (int i = 0; i < 6; i++)
		v = v << 8 | a[i];
	return v;
}

double sim_model_shadowing(const struct sim_model *m, const uint8_t a[6],
			   const uint8_t b[6])
{
	uint64_t x = mac_u64(a), y = mac_u64(b), lo, hi;
	struct rng r;

	if (m->shadowing_db <= 0)
		return 0.0;
	lo = x < y ? x : y;
	hi = x < y ? y : x;
	/* splitmix-style mix so that nearby MACs give unrelated streams */
	uint64_t z = m->seed ^ (lo * 0x9e3779b97f4a7c15ull) ^ (hi * 0xbf58476d1ce4e5b9ull);

	z ^= z >> 31;
	rng_seed(&r, z);
	return rng_normal(&r) * m->shadowing_db;
}

double sim_model_signal(const struct sim_model *m, double txpower_dbm,
			double dist_m, int freq_mhz, const uint8_t tx[6],
			const uint8_t rx[6])
{
	return txpower_dbm - sim_model_path_loss(m, dist_m, freq_mhz) -
	       sim_model_shadowing(m, tx, rx);
}

static const unsigned int rates_2g[] = { 10, 20, 55, 110, 60, 90, 120, 180,
					 240, 360, 480, 540 };

unsigned int sim_rate_100kbps(int freq_mhz, int idx)
{
	if (idx < 0)
		return 0;
	if (freq_mhz >= 4900) {
		/* hwsim's 5 GHz band starts at its 6 Mb/s entry */
		if (idx + 4 >= (int)ARRAY_SIZE(rates_2g))
			return 0;
		return rates_2g[idx + 4];
	}
	if (idx >= (int)ARRAY_SIZE(rates_2g))
		return 0;
	return rates_2g[idx];
}

int sim_rate_count(int freq_mhz)
{
	return freq_mhz >= 4900 ? 8 : 12;
}

/* Approximate SNR for 50 % PER of 1000 bytes, after the receiver minimum
 * sensitivity table of IEEE 802.11-2020 17.3.10.6 (OFDM) and 16.3.8.2 (DSSS),
 * shifted to SNR over a -95 dBm noise floor. */
double sim_rate_snr_threshold(unsigned int r)
{
	switch (r) {
	case 10: return 0.0;
	case 20: return 3.0;
	case 55: return 5.0;
	case 110: return 8.0;
	case 60: return 4.0;
	case 90: return 5.0;
	case 120: return 7.0;
	case 180: return 9.0;
	case 240: return 12.0;
	case 360: return 16.0;
	case 480: return 20.0;
	case 540: return 21.0;
	default: return 10.0;
	}
}

double sim_model_success_prob(double snr_db, unsigned int rate_100kbps, size_t len)
{
	double thr = sim_rate_snr_threshold(rate_100kbps);
	/* logistic curve: 2 dB from 50 % to ~95 % */
	double p1000 = 1.0 / (1.0 + exp(-(snr_db - thr) * 1.5));
	double l = len ? (double)len : 1.0;

	if (p1000 <= 0.0)
		return 0.0;
	return pow(p1000, l / 1000.0);
}
