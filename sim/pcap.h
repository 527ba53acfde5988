/* SPDX-License-Identifier: MIT */
/* pcap.h: a pcapng writer for the air capture: one interface of link type
 * IEEE802_11_RADIOTAP (127), each frame with flags, rate, channel and the
 * signal (dBm) at its receiver. */
#ifndef ROAMLAB_SIM_PCAP_H
#define ROAMLAB_SIM_PCAP_H

#include <stdbool.h>
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

/* Radiotap header (radiotap.org): its length, and whether the 802.11 frame
 * after it ends with an FCS (Flags field bit 0x10). 0, or -EBADMSG for a
 * header that is truncated, not version 0, or longer than len. */
int sim_radiotap_parse(const uint8_t *p, size_t len, size_t *hdr_len, bool *fcs);

/* A classic pcap file (what tcpdump -w writes), read record by record. */
struct sim_pcap_reader {
	FILE *f;
	bool swap;		/* file written big-endian */
	bool nsec;		/* nanosecond timestamps */
	uint32_t linktype;	/* 105 raw 802.11, 127 radiotap, ... */
};
#define SIM_LINKTYPE_IEEE802_11 105
#define SIM_LINKTYPE_RADIOTAP 127
/* 0, -errno, or -EBADMSG if the file does not start with a pcap header. */
int sim_pcap_reader_open(struct sim_pcap_reader *r, FILE *f);
/* 1 with the next record in buf[0..*len) and its time, 0 at a clean end,
 * -EBADMSG for a truncated record or one longer than cap. */
int sim_pcap_reader_next(struct sim_pcap_reader *r, uint8_t *buf, size_t cap,
			 size_t *len, uint64_t *ts_us);

#endif
