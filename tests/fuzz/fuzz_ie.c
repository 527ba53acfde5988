// SPDX-License-Identifier: MIT
/* fuzz_ie: the element iterator, RSN/WPA element parsing (MFPC/MFPR, PMKIDs
 * and the group management cipher rebuilt and reparsed), the PMF policy
 * checks of both sides, the (Re)AssocReq vs 2/4 comparison, the AP policy
 * check and the GTK and IGTK KDE parsers. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "eapol.h"
#include "handshake.h"
#include "ie.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ie_iter it;
	struct wpa_ie_info info;
	struct kde_gtk g;
	struct kde_igtk ig;
	struct hs_ap_policy pol = { .wpa = 3, .wpa_pairwise = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP };
	const char *why;
	size_t half = size / 2;

	ie_iter_init(&it, data, size);
	while (ie_iter_next(&it)) {
		const uint8_t *e = it.data - 2;
		size_t elen = 2 + (size_t)it.len;
		uint8_t out[IE_MAX_LEN];
		size_t olen;
		enum ie_proto proto;
		uint32_t pw;
		uint16_t status;

		if (ie_parse_wpa_any(e, elen, &info, &why) == 0) {
			/* what parses must rebuild and reparse to the same sets */
			if (ie_build(&info, out, sizeof(out), &olen) == 0) {
				struct wpa_ie_info again;

				if (ie_parse_wpa_any(out, olen, &again, &why) != 0)
					__builtin_trap();
				if (again.group_cipher != info.group_cipher ||
				    again.proto != info.proto ||
				    /* WPA1 elements are built without caps */
				    (info.proto == IE_PROTO_RSN &&
				     again.rsn_caps != info.rsn_caps) ||
				    again.has_group_mgmt != info.has_group_mgmt ||
				    again.group_mgmt_cipher != info.group_mgmt_cipher ||
				    again.pmkid_count != info.pmkid_count)
					__builtin_trap();
			}
			for (int pmf = IE_PMF_DISABLED; pmf <= IE_PMF_REQUIRED; pmf++) {
				bool use_pmf;
				uint16_t st;
				int r;

				r = ie_pmf_ap_check((enum ie_pmf)pmf, WPA_CIPHER_BIP_CMAC,
						    &info, &use_pmf, &st, &why);
				if ((r == 0) != (st == 0) || (r && use_pmf) ||
				    (use_pmf && !(info.rsn_caps & RSN_CAP_MFPC)))
					__builtin_trap();
				r = ie_pmf_sta_check((enum ie_pmf)pmf, &info, &use_pmf, &why);
				if ((r && use_pmf) ||
				    (!ie_pmf_caps_valid(info.rsn_caps) &&
				     info.proto == IE_PROTO_RSN && r != -EINVAL))
					__builtin_trap();
			}
		}
		hs_ap_policy_check_assoc_ie(&pol, e, elen, &proto, &pw, &status, &why);
	}
	ie_compare_assoc(data, half, data + half, size - half, &why);
	ie_find_wpa_any(data, size, IE_PROTO_RSN, NULL);
	ie_find_wpa_any(data, size, IE_PROTO_WPA, NULL);
	eapol_key_data_elements_len(data, size);
	eapol_kde_gtk_find(data, size, &g, &why);
	if (eapol_kde_igtk_find(data, size, &ig, &why) == 0 &&
	    (ig.igtk < data || ig.igtk + ig.igtk_len > data + size))
		__builtin_trap();
	return 0;
}
