/* SPDX-License-Identifier: MIT */
/* pcap.h: a pcapng writer for the air capture: one interface of link type
 * IEEE802_11_RADIOTAP (127), each frame with flags, rate, channel and the
 * signal (dBm) at its receiver. */
#ifndef ROAMLAB_SIM_PCAP_H
#define ROAMLAB_SIM_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sim_pcap {
	FILE *f;
	uint64_t frames;
};

/* Returns 0 or -errno. */
int sim_pcap_open(struct sim_pcap *p, const char *path);
/* ts_us: microseconds since the epoch (or any fixed origin). */
int sim_pcap_write(struct sim_pcap *p, uint64_t ts_us, uint32_t freq,
		   unsigned int rate_100kbps, int signal_dbm, const uint8_t *frame,
		   size_t len);
void sim_pcap_close(struct sim_pcap *p);
/* Build the radiotap header into out (>= 16 bytes); returns its length. */
size_t sim_radiotap(uint8_t *out, uint32_t freq, unsigned int rate_100kbps,
		    int signal_dbm);

#endif
