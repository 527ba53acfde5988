/* SPDX-License-Identifier: MIT */
/* inject.h: roamlab inject, a rogue radio for hostile-air tests. It uses a
 * monitor-mode interface of an extra hwsim radio (a packet socket with a
 * radiotap header: mac80211 transmits such frames as they are, so they
 * reach every radio on the channel through the same medium as real ones).
 *
 *   capture: listen for EAPOL-Key frames between an AP and a STA and keep
 *            the last of each message in a text file ("m3 <hex>" lines,
 *            the whole 802.11 frame);
 *   send:    replay or forge one of them (see inject.c for the kinds);
 *   beacon:  malformed beacons in the name of a BSSID. */
#ifndef ROAMLAB_SIM_INJECT_H
#define ROAMLAB_SIM_INJECT_H

#include <stddef.h>
#include <stdint.h>

#define SIM_INJ_FRAME_MAX 2352

/* The captured messages, indexed by enum eapol_msg. */
struct sim_inj_store {
	uint8_t frame[8][SIM_INJ_FRAME_MAX];
	size_t len[8];
};

/* Parse a store file's text (what capture writes). Errors name
 * path:line and return -EINVAL. */
int sim_inj_store_parse(struct sim_inj_store *st, const char *text, size_t len,
			const char *path, char *err, size_t errlen);

/* Build the frame of one send kind from the store into out; rc_bump is
 * added to the replay counter where the kind changes it. 0, -ENOENT (the
 * message it needs was not captured), -EINVAL (unknown kind). */
int sim_inj_build(const struct sim_inj_store *st, const char *kind, uint64_t rc_bump,
		  uint8_t *out, size_t cap, size_t *out_len);

int sim_inject_main(int argc, char **argv);

#endif
