// SPDX-License-Identifier: MIT
/* fuzz_air: what the hostile-air lab reads from outside: radiotap headers
 * and 802.11 frames off the monitor interface, pcap files (roamlab
 * pncheck), the injector's store file, and the reinstallation detector
 * fed with arbitrary frames. The input is split at the first 0xff 0x00
 * pair: before it one frame (with radiotap), after it the rest. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../sim/frame.h"
#include "../../sim/inject.h"
#include "../../sim/pcap.h"
#include "../../sim/pncheck.h"

static struct sim_inj_store st;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_pncheck pc = { 0 };
	struct sim_frame_info fi;
	struct sim_pcap_reader r;
	static uint8_t buf[4096], out[SIM_INJ_FRAME_MAX];
	char err[256];
	size_t hl, len, on;
	uint64_t ts;
	bool fcs;
	FILE *f;

	if (!sim_radiotap_parse(data, size, &hl, &fcs) && hl <= size &&
	    sim_frame_parse(data + hl, size - hl, &fi)) {
		size_t el;

		sim_frame_eapol(data + hl, size - hl, &fi, &el);
		sim_pncheck_frame(&pc, &fi, true, 0);
	}
	if (size && (f = fmemopen((void *)data, size, "rb"))) {
		if (!sim_pcap_reader_open(&r, f))
			while (sim_pcap_reader_next(&r, buf, sizeof(buf), &len, &ts) == 1)
				if (sim_frame_parse(buf, len, &fi))
					sim_pncheck_frame(&pc, &fi, true, 0);
		fclose(f);
	}
	if (!sim_inj_store_parse(&st, (const char *)data, size, "fuzz", err, sizeof(err))) {
		static const char *const kinds[] = { "forged-m1", "replay-m3", "badmic-m3",
						     "replay-g1", "badmic-m2" };

		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			sim_inj_build(&st, kinds[i], 1, out, sizeof(out), &on);
	}
	sim_pncheck_free(&pc);
	return 0;
}
