// SPDX-License-Identifier: MIT
/* fuzz_eapol: the EAPOL-Key parser, classification, MIC verification and
 * key data decryption on arbitrary bytes. */
#include <stdint.h>
#include <string.h>

#include "eapol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t kck[16] = { 1, 2, 3 }, kek[16] = { 4, 5, 6 };
	struct eapol_key k;
	uint8_t out[EAPOL_KEY_DATA_MAX];
	size_t olen;
	const char *why;

	if (eapol_key_parse(data, size, &k, &why) != 0)
		return 0;
	if (k.frame_len > size || k.key_data + k.key_data_len > data + size)
		__builtin_trap();
	eapol_msg_name(eapol_key_classify(&k));
	for (unsigned int v = 1; v <= 3; v++)
		eapol_mic_verify(v, kck, &k);
	if (eapol_key_data_decrypt(eapol_key_desc_ver(&k), kek, k.iv, k.key_data,
				   k.key_data_len, out, sizeof(out), &olen) == 0) {
		struct kde_gtk g;

		if (olen > sizeof(out))
			__builtin_trap();
		eapol_kde_gtk_find(out, olen, &g, &why);
	}
	return 0;
}
