// SPDX-License-Identifier: MIT
/* pcap.c: pcapng (draft-tuexen-opsawg-pcapng) with radiotap frames. */
#include <errno.h>
#include <string.h>

#include "pcap.h"
#include "util.h"

#define LINKTYPE_IEEE802_11_RADIOTAP 127

static int put(struct sim_pcap *p, const void *d, size_t n)
{
	return fwrite(d, 1, n, p->f) == n ? 0 : -EIO;
}

static int put_u32(struct sim_pcap *p, uint32_t v)
{
	uint8_t b[4];

	put_le32(b, v);
	return put(p, b, 4);
}

int sim_pcap_open(struct sim_pcap *p, const char *path)
{
	uint8_t shb[28], idb[20];

	memset(p, 0, sizeof(*p));
	p->f = fopen(path, "wb");
	if (!p->f)
		return -errno;
	/* Section Header Block */
	put_le32(shb, 0x0a0d0d0a);
	put_le32(shb + 4, sizeof(shb));
	put_le32(shb + 8, 0x1a2b3c4d);
	put_le16(shb + 12, 1);
	put_le16(shb + 14, 0);
	memset(shb + 16, 0xff, 8);	/* section length unknown */
	put_le32(shb + 24, sizeof(shb));
	/* Interface Description Block, microsecond timestamps (default) */
	put_le32(idb, 1);
	put_le32(idb + 4, sizeof(idb));
	put_le16(idb + 8, LINKTYPE_IEEE802_11_RADIOTAP);
	put_le16(idb + 10, 0);
	put_le32(idb + 12, 65535);
	put_le32(idb + 16, sizeof(idb));
	if (put(p, shb, sizeof(shb)) || put(p, idb, sizeof(idb))) {
		fclose(p->f);
		p->f = NULL;
		return -EIO;
	}
	return 0;
}

size_t sim_radiotap(uint8_t *out, uint32_t freq, unsigned int rate_100kbps,
		    int signal_dbm)
{
	/* present: Flags(1) Rate(2) Channel(3) dBm Antenna Signal(5) */
	uint32_t present = 1u << 1 | 1u << 2 | 1u << 3 | 1u << 5;
	uint16_t chflags = freq >= 4900 ? 0x0100 : 0x0080;

	if (rate_100kbps == 10 || rate_100kbps == 20 || rate_100kbps == 55 ||
	    rate_100kbps == 110)
		chflags |= 0x0020;	/* CCK */
	else
		chflags |= 0x0040;	/* OFDM */
	out[0] = 0;
	out[1] = 0;
	put_le16(out + 2, 15);
	put_le32(out + 4, present);
	out[8] = 0;				/* flags: no FCS */
	out[9] = (uint8_t)(rate_100kbps / 5);	/* 500 kb/s units */
	put_le16(out + 10, (uint16_t)freq);
	put_le16(out + 12, chflags);
	out[14] = (uint8_t)(int8_t)(signal_dbm < -127 ? -127 : signal_dbm > 0 ? 0 : signal_dbm);
	return 15;
}

int sim_pcap_write(struct sim_pcap *p, uint64_t ts_us, uint32_t freq,
		   unsigned int rate_100kbps, int signal_dbm, const uint8_t *frame,
		   size_t len)
{
	uint8_t rt[16], hdr[28];
	size_t rtl, cap, pad, total;
	static const uint8_t zero[4];

	if (!p->f)
		return -EBADF;
	rtl = sim_radiotap(rt, freq, rate_100kbps, signal_dbm);
	cap = rtl + len;
	pad = (4 - cap % 4) % 4;
	total = 28 + cap + pad + 4;
	/* Enhanced Packet Block */
	put_le32(hdr, 6);
	put_le32(hdr + 4, (uint32_t)total);
	put_le32(hdr + 8, 0);
	put_le32(hdr + 12, (uint32_t)(ts_us >> 32));
	put_le32(hdr + 16, (uint32_t)ts_us);
	put_le32(hdr + 20, (uint32_t)cap);
	put_le32(hdr + 24, (uint32_t)cap);
	if (put(p, hdr, sizeof(hdr)) || put(p, rt, rtl) || put(p, frame, len) ||
	    put(p, zero, pad) || put_u32(p, (uint32_t)total))
		return -EIO;
	p->frames++;
	return 0;
}

void sim_pcap_close(struct sim_pcap *p)
{
	if (p->f)
		fclose(p->f);
	p->f = NULL;
}

int sim_radiotap_parse(const uint8_t *p, size_t len, size_t *hdr_len, bool *fcs)
{
	uint32_t first, word;
	size_t hl, off;

	*fcs = false;
	if (len < 8 || p[0] != 0)
		return -EBADMSG;
	hl = get_le16(p + 2);
	if (hl < 8 || hl > len)
		return -EBADMSG;
	/* the present bitmaps: bit 31 says another word follows */
	first = get_le32(p + 4);
	word = first;
	off = 8;
	while (word & (1u << 31)) {
		if (off + 4 > hl)
			return -EBADMSG;
		word = get_le32(p + off);
		off += 4;
	}
	if (first & (1u << 0))		/* TSFT: u64, 8-aligned */
		off = ((off + 7) & ~(size_t)7) + 8;
	if (first & (1u << 1)) {	/* Flags: u8 */
		if (off + 1 > hl)
			return -EBADMSG;
		*fcs = p[off] & 0x10;
	}
	*hdr_len = hl;
	return 0;
}

static uint32_t rd32(const struct sim_pcap_reader *r, const uint8_t *p)
{
	return r->swap ? get_be32(p) : get_le32(p);
}

int sim_pcap_reader_open(struct sim_pcap_reader *r, FILE *f)
{
	uint8_t h[24];
	uint32_t magic;

	memset(r, 0, sizeof(*r));
	if (fread(h, 1, sizeof(h), f) != sizeof(h))
		return -EBADMSG;
	magic = get_le32(h);
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
		r->swap = false;
	} else if (get_be32(h) == 0xa1b2c3d4 || get_be32(h) == 0xa1b23c4d) {
		r->swap = true;
		magic = get_be32(h);
	} else {
		return -EBADMSG;
	}
	r->nsec = magic == 0xa1b23c4d;
	r->linktype = rd32(r, h + 20) & 0xffff;
	r->f = f;
	return 0;
}

int sim_pcap_reader_next(struct sim_pcap_reader *r, uint8_t *buf, size_t cap,
			 size_t *len, uint64_t *ts_us)
{
	uint8_t h[16];
	size_t got = fread(h, 1, sizeof(h), r->f);
	uint32_t incl;

	if (got == 0 && feof(r->f))
		return 0;
	if (got != sizeof(h))
		return -EBADMSG;
	incl = rd32(r, h + 8);
	if (incl > cap)
		return -EBADMSG;
	if (fread(buf, 1, incl, r->f) != incl)
		return -EBADMSG;
	*len = incl;
	*ts_us = (uint64_t)rd32(r, h) * 1000000 +
		 (r->nsec ? rd32(r, h + 4) / 1000 : rd32(r, h + 4));
	return 1;
}
