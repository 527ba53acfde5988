/* SPDX-License-Identifier: MIT */
/* pncheck.h: the lab's one key reinstallation detector. A temporal key
 * never protects two frames with the same packet number (IEEE 802.11-2020
 * 12.5.3.3.4 for CCMP, 12.5.2.4.4 for the TKIP TSC): on every
 * (transmitter, receiver) link the PN of protected unicast data frames must
 * grow for as long as one key is in use. A PN that does not grow means the
 * key was reinstalled and its counter reset (the "KRACK" failure).
 *
 * The link's history is forgotten only where a new key may legitimately
 * start: an Authentication or (Re)Association Request between the pair (a
 * new association), or a msg 4/4 answering a 3/4 with an ANonce other than
 * the one of the key in use (12.7.6.4/12.7.6.5: the supplicant installs
 * the PTK of a 3/4 whose MIC it verified and answers it with a 4/4 that
 * echoes its replay counter). A forged msg 1/4 (no 3/4 follows), a
 * replayed or retransmitted 3/4 (same ANonce) or a 3/4 with a bad MIC (no
 * 4/4 at all) never resets it. When the 3/4 was not seen, a 4/4 with a
 * replay counter above the last one counts as fresh.
 *
 * Fed from `roamlab run`'s medium (run.c) and from a tcpdump capture of
 * hwsim0 by `roamlab pncheck` (lab shell tests). */
#ifndef ROAMLAB_SIM_PNCHECK_H
#define ROAMLAB_SIM_PNCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"

struct sim_pnlink {
	uint8_t ta[6], ra[6];
	bool have_pn;
	uint64_t pn;		/* last PN since the last reset */
	uint8_t key_id;
	bool have_m4;
	uint64_t m4_rc;		/* replay counter of the last fresh 4/4 */
	bool have_anonce;
	uint8_t anonce[32];	/* ANonce of the PTK in use */
	struct {
		bool used;
		uint64_t rc;
		uint8_t anonce[32];
	} m3[4];		/* the last 3/4s sent on this link */
	unsigned int m3_next;
	unsigned long frames;	/* protected unicast data frames checked */
	unsigned int resets;
	unsigned int reuses;
};

struct sim_pncheck {
	struct sim_pnlink *links;
	size_t n_links;
	unsigned int reuses;
	char detail[160];	/* the first reuse */
};

/* Feed one frame seen on the air at t_s seconds. delivered: false for a
 * frame the medium dropped on purpose (its PN was never received, but a
 * dropped 4/4 still means its sender installed the key). Returns true if
 * this frame reuses a PN; detail describes the first reuse. */
bool sim_pncheck_frame(struct sim_pncheck *pc, const struct sim_frame_info *fi,
		       bool delivered, double t_s);
void sim_pncheck_free(struct sim_pncheck *pc);

/* roamlab pncheck [-v] FILE.pcap...: run the detector over classic pcap
 * captures (radiotap or raw 802.11); exit 0 no reuse, 1 reuse, 2 bad input. */
int sim_pncheck_main(int argc, char **argv);

#endif
