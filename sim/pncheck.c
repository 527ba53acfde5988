// SPDX-License-Identifier: MIT
/* pncheck.c: the key reinstallation detector (see pncheck.h) and the
 * `roamlab pncheck` command that runs it over a capture file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap.h"
#include "pncheck.h"
#include "util.h"

static struct sim_pnlink *link_get(struct sim_pncheck *pc, const uint8_t *ta,
				   const uint8_t *ra, bool create)
{
	struct sim_pnlink *v;

	for (size_t i = 0; i < pc->n_links; i++)
		if (mac_equal(pc->links[i].ta, ta) && mac_equal(pc->links[i].ra, ra))
			return &pc->links[i];
	if (!create)
		return NULL;
	v = realloc(pc->links, (pc->n_links + 1) * sizeof(*v));
	if (!v)
		return NULL;
	pc->links = v;
	v = &v[pc->n_links++];
	memset(v, 0, sizeof(*v));
	memcpy(v->ta, ta, 6);
	memcpy(v->ra, ra, 6);
	return v;
}

/* Forget the PN history of both directions between a and b. */
static void reset_pair(struct sim_pncheck *pc, const uint8_t *a, const uint8_t *b,
		       bool new_assoc)
{
	const uint8_t *ends[2][2] = { { a, b }, { b, a } };

	for (int d = 0; d < 2; d++) {
		struct sim_pnlink *l = link_get(pc, ends[d][0], ends[d][1], false);

		if (!l)
			continue;
		l->have_pn = false;
		l->pn = 0;
		l->resets++;
		if (new_assoc)
			l->have_m4 = l->have_anonce = false;
	}
}

/* A 3/4 from a2 (authenticator) to a1: remember its counter and ANonce. */
static void on_m3(struct sim_pncheck *pc, const struct sim_frame_info *fi)
{
	struct sim_pnlink *down = link_get(pc, fi->a2, fi->a1, true);
	unsigned int i;

	if (!down || !fi->key_nonce)
		return;
	i = down->m3_next++ % ARRAY_SIZE(down->m3);
	down->m3[i].used = true;
	down->m3[i].rc = fi->replay_counter;
	memcpy(down->m3[i].anonce, fi->key_nonce, 32);
}

/* A 4/4 from a2 (supplicant) to a1: does it answer a 3/4 of a new key? */
static void on_m4(struct sim_pncheck *pc, const struct sim_frame_info *fi)
{
	struct sim_pnlink *up = link_get(pc, fi->a2, fi->a1, true);
	struct sim_pnlink *down = link_get(pc, fi->a1, fi->a2, true);
	const uint8_t *anonce = NULL;
	bool fresh;

	if (!up || !down)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(down->m3); i++)
		if (down->m3[i].used && down->m3[i].rc == fi->replay_counter)
			anonce = down->m3[i].anonce;
	if (anonce)
		fresh = !down->have_anonce || memcmp(anonce, down->anonce, 32);
	else
		fresh = !up->have_m4 || fi->replay_counter > up->m4_rc;
	if (!fresh)
		return;		/* answers a replayed 3/4: no new key */
	reset_pair(pc, fi->a1, fi->a2, false);
	up->have_m4 = down->have_m4 = true;
	up->m4_rc = down->m4_rc = fi->replay_counter;
	if (anonce) {
		memcpy(down->anonce, anonce, 32);
		down->have_anonce = true;
	}
}

bool sim_pncheck_frame(struct sim_pncheck *pc, const struct sim_frame_info *fi,
		       bool delivered, double t_s)
{
	struct sim_pnlink *k;

	if (!fi->a2)
		return false;
	/* Authentication (11), Association (0) / Reassociation (2) Request:
	 * a new association, new keys (12.7.6.1) */
	if (fi->type == SIM_FT_MGMT &&
	    (fi->subtype == 11 || fi->subtype == 0 || fi->subtype == 2)) {
		reset_pair(pc, fi->a1, fi->a2, true);
		return false;
	}
	if (fi->eapol == EAPOL_MSG_PTK_3) {
		on_m3(pc, fi);
		return false;
	}
	if (fi->eapol == EAPOL_MSG_PTK_4) {
		on_m4(pc, fi);
		return false;
	}
	if (!fi->has_pn || mac_is_multicast(fi->a1) || !delivered)
		return false;
	k = link_get(pc, fi->a2, fi->a1, true);
	if (!k)
		return false;
	k->frames++;
	if (k->have_pn && k->key_id == fi->key_id && fi->pn <= k->pn) {
		char ta[18], ra[18];

		k->reuses++;
		if (!pc->reuses++)
			snprintf(pc->detail, sizeof(pc->detail),
				 "PN %llu reused (last %llu) from %s to %s at %.3fs",
				 (unsigned long long)fi->pn, (unsigned long long)k->pn,
				 mac_str(fi->a2, ta), mac_str(fi->a1, ra), t_s);
		k->pn = fi->pn;
		return true;
	}
	k->have_pn = true;
	k->pn = fi->pn;
	k->key_id = fi->key_id;
	return false;
}

void sim_pncheck_free(struct sim_pncheck *pc)
{
	free(pc->links);
	pc->links = NULL;
	pc->n_links = 0;
}

/* ---- roamlab pncheck ------------------------------------------------------- */

#define FRAME_MAX 65536

static int check_file(struct sim_pncheck *pc, const char *path, bool verbose,
		      unsigned long *nframes)
{
	struct sim_pcap_reader rd;
	static uint8_t buf[FRAME_MAX];
	uint64_t ts, t0 = 0;
	size_t len;
	unsigned long rec = 0;
	int ret;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -errno;
	}
	ret = sim_pcap_reader_open(&rd, f);
	if (ret) {
		fprintf(stderr, "%s: not a pcap file (pcapng is not read here)\n", path);
		goto cleanup;
	}
	if (rd.linktype != SIM_LINKTYPE_RADIOTAP && rd.linktype != SIM_LINKTYPE_IEEE802_11) {
		fprintf(stderr, "%s: link type %u is not 802.11 (105) or radiotap (127)\n", path,
			rd.linktype);
		ret = -EPROTONOSUPPORT;
		goto cleanup;
	}
	while ((ret = sim_pcap_reader_next(&rd, buf, sizeof(buf), &len, &ts)) == 1) {
		struct sim_frame_info fi;
		size_t off = 0;
		bool fcs = false;

		rec++;
		if (!t0)
			t0 = ts;
		if (rd.linktype == SIM_LINKTYPE_RADIOTAP &&
		    sim_radiotap_parse(buf, len, &off, &fcs)) {
			fprintf(stderr, "%s: record %lu: bad radiotap header\n", path, rec);
			continue;
		}
		len -= off;
		if (fcs && len >= 4)
			len -= 4;
		if (!sim_frame_parse(buf + off, len, &fi))
			continue;
		(*nframes)++;
		if (sim_pncheck_frame(pc, &fi, true, (ts - t0) / 1e6) && verbose) {
			char ta[18], ra[18];

			printf("reuse: PN %llu from %s to %s at %.6fs (record %lu)\n",
			       (unsigned long long)fi.pn, mac_str(fi.a2, ta), mac_str(fi.a1, ra),
			       (ts - t0) / 1e6, rec);
		}
	}
	if (ret < 0)
		fprintf(stderr, "%s: record %lu: truncated or oversized record\n", path, rec + 1);
cleanup:
	fclose(f);
	return ret;
}

int sim_pncheck_main(int argc, char **argv)
{
	struct sim_pncheck pc = { 0 };
	unsigned long frames = 0, prot = 0;
	bool verbose = false;
	int c, ret = 2;

	while ((c = getopt(argc, argv, "v")) != -1) {
		switch (c) {
		case 'v':
			verbose = true;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: roamlab pncheck [-v] FILE.pcap...\n");
		return 2;
	}
	for (int i = optind; i < argc; i++)
		if (check_file(&pc, argv[i], verbose, &frames))
			goto cleanup;
	for (size_t i = 0; i < pc.n_links; i++) {
		const struct sim_pnlink *l = &pc.links[i];
		char ta[18], ra[18];

		prot += l->frames;
		printf("link %s -> %s: %lu protected frames, %u resets, %u reuses\n",
		       mac_str(l->ta, ta), mac_str(l->ra, ra), l->frames, l->resets, l->reuses);
	}
	printf("%lu frames, %lu protected unicast data frames, %u PN reuses%s%s\n", frames, prot,
	       pc.reuses, pc.reuses ? "; first: " : "", pc.reuses ? pc.detail : "");
	ret = pc.reuses ? 1 : 0;
cleanup:
	sim_pncheck_free(&pc);
	return ret;
}
