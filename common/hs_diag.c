// SPDX-License-Identifier: MIT
/* hs_diag.c: why did msg 2/4 fail its MIC check? The authenticator tries
 * the known explanations, each by deriving the PTK the STA would have
 * derived under that explanation (12.7.1.3) and checking msg 2/4's MIC
 * (12.7.2) with its KCK. */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "hs_priv.h"
#include "util.h"

static const char *mic_alg_name(unsigned int ver)
{
	switch (ver) {
	case KEY_DESC_VER_HMAC_MD5_RC4:
		return "HMAC-MD5";
	case KEY_DESC_VER_HMAC_SHA1_AES:
		return "HMAC-SHA1";
	case KEY_DESC_VER_AES_CMAC:
		return "AES-CMAC";
	}
	return "?";
}

/* Does msg 2/4 verify under this PMK/AA/ANonce and MIC version? */
static bool try_keys(const struct hs_diag_input *in, const uint8_t *pmk,
		     const uint8_t *aa, const uint8_t *anonce, unsigned int ver)
{
	uint8_t ptk[PTK_MAX_LEN];
	bool ok = false;
	size_t len = in->ptk_len ? in->ptk_len : 48;

	if (len > sizeof(ptk))
		return false;
	/* the AKM's MIC for its own version (0, SAE's, is AES-CMAC); any
	 * other version's plain MIC for the descriptor-version cause */
	if (hs_derive_ptk(in->akm, pmk, aa, in->spa, anonce, in->m2->nonce, ptk, len) == 0)
		ok = ver == KEY_DESC_VER_AKM_DEFINED ?
		     eapol_mic_verify_akm(in->akm ? in->akm : WPA_AKM_PSK, ver, ptk, in->m2) :
		     eapol_mic_verify(ver, ptk, in->m2);
	secure_zero(ptk, sizeof(ptk));
	return ok;
}

enum hs_diag_cause hs_diagnose_m2(const struct hs_diag_input *in, char *out,
				  size_t out_len)
{
	char mac[18];

	for (size_t i = 0; i < in->n_alt_pmk; i++) {
		if (try_keys(in, in->alt_pmk[i], in->aa, in->anonce, in->desc_ver)) {
			snprintf(out, out_len,
				 "diagnosis: STA used another configured PSK (%s): "
				 "its passphrase differs from this AP's",
				 in->alt_pmk_label && in->alt_pmk_label[i][0] ?
				 in->alt_pmk_label[i] : "unnamed");
			return HS_DIAG_OTHER_PSK;
		}
	}
	for (size_t i = 0; i < in->n_old_anonce; i++) {
		if (try_keys(in, in->pmk, in->aa, in->old_anonce[i], in->desc_ver)) {
			snprintf(out, out_len,
				 "diagnosis: STA answered an earlier msg 1/4 "
				 "(stale ANonce, %zu back): its PTK uses an old ANonce",
				 i + 1);
			return HS_DIAG_STALE_ANONCE;
		}
	}
	{
		unsigned int other = hs_other_version(in->desc_ver);

		if (try_keys(in, in->pmk, in->aa, in->anonce, other)) {
			snprintf(out, out_len,
				 "diagnosis: STA computed the MIC with descriptor "
				 "version %u (%s) instead of %u (%s)",
				 other, mic_alg_name(other), in->desc_ver,
				 mic_alg_name(in->desc_ver));
			return HS_DIAG_DESC_VERSION;
		}
	}
	for (size_t i = 0; i < in->n_alt_bssid; i++) {
		if (try_keys(in, in->pmk, in->alt_bssid[i], in->anonce, in->desc_ver)) {
			snprintf(out, out_len,
				 "diagnosis: STA derived the PTK with BSSID %s "
				 "(stale AA: it kept the previous AP's address)",
				 mac_str(in->alt_bssid[i], mac));
			return HS_DIAG_STALE_AA;
		}
	}
	snprintf(out, out_len, "diagnosis: no known cause");
	return HS_DIAG_NONE;
}
