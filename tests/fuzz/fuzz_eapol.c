// SPDX-License-Identifier: MIT
/* fuzz_eapol: the EAPOL-Key parser, classification, MIC verification (by
 * version and by AKM, SAE's version 0 included) and key data decryption on
 * arbitrary bytes, then the GTK and IGTK KDE parsers on the result. */
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
	for (unsigned int v = 0; v <= 7; v++) {
		static const uint32_t akms[] = {
			WPA_AKM_PSK, WPA_AKM_PSK_SHA256, WPA_AKM_SAE, WPA_AKM_OTHER,
		};

		for (size_t i = 0; i < sizeof(akms) / sizeof(akms[0]); i++)
			eapol_mic_verify_akm(akms[i], v, kck, &k);
	}
	if (eapol_key_data_decrypt(eapol_key_desc_ver(&k), kek, k.iv, k.key_data,
				   k.key_data_len, out, sizeof(out), &olen) == 0) {
		struct kde_gtk g;

		if (olen > sizeof(out))
			__builtin_trap();
		struct kde_igtk ig;

		eapol_kde_gtk_find(out, olen, &g, &why);
		if (eapol_kde_igtk_find(out, olen, &ig, &why) == 0) {
			uint8_t kde[KDE_HDR_LEN + KDE_IGTK_HDR_LEN + IGTK_MAX_LEN];
			size_t n;

			if ((ig.key_id != 4 && ig.key_id != 5) ||
			    (ig.igtk_len != 16 && ig.igtk_len != 32) ||
			    ig.igtk < out || ig.igtk + ig.igtk_len > out + olen ||
			    eapol_kde_igtk_build(ig.key_id, ig.ipn, ig.igtk, ig.igtk_len,
						 kde, sizeof(kde), &n) != 0 ||
			    memcmp(kde + KDE_HDR_LEN, ig.igtk - KDE_IGTK_HDR_LEN,
				   n - KDE_HDR_LEN) != 0)
				__builtin_trap();
		}
	}
	return 0;
}
