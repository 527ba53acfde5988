/* SPDX-License-Identifier: MIT */
/* medium.h: the lab's wireless medium. Transport-free: it is handed one
 * transmission (struct sim_tx) and decides, from positions, the path-loss
 * model, the SNR -> loss curve and the rules, which radios receive it, at
 * which signal, and what TX status goes back. The netlink side
 * (medium_nl.c) feeds it and implements struct sim_medium_ops. */
#ifndef ROAMLAB_SIM_MEDIUM_H
#define ROAMLAB_SIM_MEDIUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "hwsim_uapi.h"
#include "mobility.h"
#include "model.h"
#include "rules.h"
#include "util.h"

struct loop;

#define SIM_RADIO_EXTRA_ADDRS 8

struct sim_mradio {
	char name[32];
	uint8_t addr[ETH_ALEN];		/* hwsim's addresses[1] = perm addr */
	uint8_t extra[SIM_RADIO_EXTRA_ADDRS][ETH_ALEN];	/* ADD_MAC_ADDR */
	size_t n_extra;
	struct sim_motion motion;
	double txpower_dbm;
	bool enabled;			/* false: neither sends nor hears */
	int last_freq;
	uint64_t tx_frames, rx_frames;
};

/* One transmission as hwsim handed it over. */
struct sim_tx {
	uint8_t transmitter[ETH_ALEN];
	const uint8_t *frame;
	size_t len;
	uint32_t flags;			/* HWSIM_TX_CTL_* */
	uint64_t cookie;
	uint32_t freq;			/* 0 if absent */
	struct hwsim_tx_rate rates[HWSIM_TX_MAX_RATES];
};

/* What happened on the air, for capture, events and detectors. */
struct sim_air {
	uint64_t t_us;
	int tx_radio;
	int rx_radio;			/* addressed radio, -1 for group/unknown */
	const uint8_t *frame;
	size_t len;
	const struct sim_frame_info *fi;
	uint32_t freq;
	unsigned int rate_100kbps;
	double signal_dbm;		/* at rx_radio, or strongest receiver */
	bool acked;
	bool dropped_by_rule;
	int rule_line;
	int attempts;
	int receivers;			/* radios that got at least one copy */
};

struct sim_medium_ops {
	/* Hand a frame to one radio (HWSIM_CMD_FRAME). */
	int (*deliver)(void *ctx, const uint8_t rx_addr[ETH_ALEN], const uint8_t *frame,
		       size_t len, uint32_t rate_idx, int32_t signal_dbm, uint32_t freq);
	/* TX status back to the transmitter (HWSIM_CMD_TX_INFO_FRAME). */
	int (*tx_status)(void *ctx, const uint8_t tx_addr[ETH_ALEN], uint32_t flags,
			 uint64_t cookie, int32_t ack_signal_dbm,
			 const struct hwsim_tx_rate rates[HWSIM_TX_MAX_RATES]);
	/* Optional observer of every transmission. */
	void (*air)(void *ctx, const struct sim_air *a);
};

struct sim_medium_stats {
	uint64_t frames_in;
	uint64_t deliveries;
	uint64_t lost;			/* receptions lost to SNR */
	uint64_t rule_drops;
	uint64_t bad_msgs;
	uint64_t unknown_tx;
	uint64_t tx_status;
};

struct sim_medium {
	struct loop *loop;
	struct sim_model model;
	struct rng rng;
	struct sim_rules rules;
	struct sim_mradio *radios;
	size_t n_radios;
	const struct sim_medium_ops *ops;
	void *ops_ctx;
	struct sim_medium_stats st;
	bool auto_add;			/* standalone: learn unknown transmitters */
};

/* Constructor; l is used for the clock and delay rules. NULL on ENOMEM. */
struct sim_medium *sim_medium_new(struct loop *l, const struct sim_model *model,
				  uint64_t seed, const struct sim_medium_ops *ops,
				  void *ops_ctx);
void sim_medium_free(struct sim_medium *m);
/* Returns the radio index or -errno (-EEXIST for a duplicate address). */
int sim_medium_add_radio(struct sim_medium *m, const char *name,
			 const uint8_t addr[ETH_ALEN], double x, double y,
			 double txpower_dbm);
int sim_medium_find(const struct sim_medium *m, const uint8_t addr[ETH_ALEN]);
int sim_medium_find_name(const struct sim_medium *m, const char *name);
/* ADD_MAC_ADDR / DEL_MAC_ADDR: addr is an extra receive address of the
 * radio whose address is radio. Returns 0 or -ENOENT/-ENOSPC. */
int sim_medium_add_addr(struct sim_medium *m, const uint8_t radio[ETH_ALEN],
			const uint8_t addr[ETH_ALEN]);
int sim_medium_del_addr(struct sim_medium *m, const uint8_t radio[ETH_ALEN],
			const uint8_t addr[ETH_ALEN]);
/* Signal (dBm) at radio b of a frame from radio a, at time now. */
double sim_medium_signal(const struct sim_medium *m, int a, int b, uint32_t freq,
			 uint64_t now_us);
/* Process one transmission: rules, delivery, TX status. */
void sim_medium_tx(struct sim_medium *m, const struct sim_tx *tx);

#endif
