/* SPDX-License-Identifier: MIT */
/* model.h: the radio propagation model of the lab medium. Pure functions:
 * path loss at a distance, received signal, and the probability that a frame
 * of a given length and rate survives at a given SNR. No I/O, no clock. */
#ifndef ROAMLAB_SIM_MODEL_H
#define ROAMLAB_SIM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sim_model_kind {
	SIM_MODEL_FREE_SPACE,
	SIM_MODEL_LOG_DISTANCE,
};

struct sim_model {
	enum sim_model_kind kind;
	double exponent;	/* log-distance path-loss exponent n */
	double ref_loss_db;	/* loss at ref_dist_m; < 0: free-space value */
	double ref_dist_m;	/* d0, metres */
	double shadowing_db;	/* sigma of log-normal shadowing, 0 = off */
	double noise_dbm;	/* noise floor */
	uint64_t seed;		/* shadowing draws are a function of the seed */
};

void sim_model_defaults(struct sim_model *m);
/* Name <-> kind ("free-space", "log-distance"). Returns 0 or -EINVAL. */
int sim_model_kind_parse(const char *s, enum sim_model_kind *out);
const char *sim_model_kind_name(enum sim_model_kind k);

/* Path loss in dB over dist_m metres at freq_mhz (distances below 0.1 m are
 * clamped to 0.1 m). */
double sim_model_path_loss(const struct sim_model *m, double dist_m, int freq_mhz);
/* Shadowing offset (dB) of the link between two radios: fixed per unordered
 * pair and seed, normal with sigma shadowing_db. */
double sim_model_shadowing(const struct sim_model *m, const uint8_t a[6],
			   const uint8_t b[6]);
/* Received signal in dBm. */
double sim_model_signal(const struct sim_model *m, double txpower_dbm,
			double dist_m, int freq_mhz, const uint8_t tx[6],
			const uint8_t rx[6]);

/* Rates of mac80211_hwsim's bitrate table, in units of 100 kb/s, for the
 * band of freq_mhz: 2.4 GHz has 12 (idx 0..11 = 1..54 Mb/s), 5 GHz has 8
 * (idx 0..7 = 6..54 Mb/s). Returns 0 for an index outside the table. */
unsigned int sim_rate_100kbps(int freq_mhz, int idx);
int sim_rate_count(int freq_mhz);
/* SNR (dB) at which a 1000-byte frame at this rate is received half the
 * time. */
double sim_rate_snr_threshold(unsigned int rate_100kbps);
/* Probability in [0,1] that a frame of len bytes at the rate survives. */
double sim_model_success_prob(double snr_db, unsigned int rate_100kbps, size_t len);

#endif
