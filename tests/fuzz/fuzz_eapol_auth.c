// SPDX-License-Identifier: MIT
/* fuzz_eapol_auth: frames from a (fuzzed) supplicant into the
 * authenticator, at a chosen point of a genuine handshake (bits as in
 * fuzz_eapol_supp.c). With fixup, the MIC is recomputed with the PTK the
 * supplicant derived, so 2/4 IE checks, 4/4 and group 2/2 are reached. */
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
			n = fz_fixup(f, len, out, sizeof(out), kck, kck + KCK_LEN, 0);
		if (n)
			hs_auth_rx(z->a, out, n);
		else
			hs_auth_rx(z->a, f, len);
		z->ap.nq = 0;
		if (size && data[0] == 0xff) {
			fz_advance(z, 600);
			data++;
			size--;
		}
	}
	fz_free(z);
	return 0;
}
