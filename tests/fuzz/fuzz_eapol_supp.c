// SPDX-License-Identifier: MIT
/* fuzz_eapol_supp: frames from a (fuzzed) authenticator into the
 * supplicant, at a chosen point of a genuine handshake.
 * Input: byte 0 = config (bits 0-1) | steps (bits 2-5) | fixup (bit 6) |
 * encrypt (bit 7); then frames as [u16 le len][bytes], each optionally
 * followed by a clock advance. */
#include "fuzz_hs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz *z;
	uint8_t sel, out[EAPOL_KEY_FRAME_MAX];
	const uint8_t *f;
	size_t len;

	if (size < 1)
		return 0;
	sel = data[0];
	data++;
	size--;
	z = fz_new(sel);
	fz_run(z, (sel >> 2) & 0xf);
	while ((len = fz_next_frame(&data, &size, &f)) != (size_t)-1) {
		const uint8_t *kck = z->s->ptk_valid ? z->s->ptk : z->s->tptk;
		size_t n = 0;

		if (sel & 0x40)
			n = fz_fixup(f, len, out, sizeof(out), kck, kck + KCK_LEN,
				     sel & 0x80);
		if (n)
			hs_supp_rx(z->s, out, n);
		else
			hs_supp_rx(z->s, f, len);
		z->sta.nq = 0;
		if (size && data[0] == 0xff) {
			fz_advance(z, 600);
			data++;
			size--;
		}
	}
	fz_free(z);
	return 0;
}
