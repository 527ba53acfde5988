// SPDX-License-Identifier: MIT
/* hs_auth_kde.c: the authenticator's group key KDEs: the GTK KDE of msg
 * 3/4 and group msg 1/2 (IEEE 802.11-2020 12.7.6.4, 12.7.7.2) and, with
 * management frame protection, the IGTK KDE beside it (12.7.2 Table 12-10,
 * Figure 12-43: Key ID, IPN, IGTK). */
#include <errno.h>
#include <string.h>

#include "hs_priv.h"
#include "util.h"

uint8_t hs_auth_announced_idx(struct hs_auth *a, enum eapol_msg m)
{
	uint8_t idx = a->gm.group->key_idx;

	if (a->b.faults->wrong_gtk_keyidx || a->gm.group->b.faults->wrong_gtk_keyidx) {
		idx = idx == 1 ? 2 : 1;
		hs_fault_fired(&a->b, HS_FAULT_GTK_WRONG_KEYIDX, m,
			       "announcing GTK index %u instead of %u", idx,
			       a->gm.group->key_idx);
	}
	return idx;
}

int hs_auth_group_kdes(struct hs_auth *a, enum eapol_msg m, uint8_t *out,
		       size_t cap, size_t *len)
{
	struct hs_group *g = a->gm.group;
	const struct eapol_igtk *igtk;
	size_t n = 0, k = 0;
	int ret;

	if (!g)
		return -EINVAL;
	ret = eapol_kde_gtk_build(hs_auth_announced_idx(a, m), false, g->gtk, g->gtk_len,
				  out, cap, &n);
	if (ret)
		return ret;
	igtk = hs_group_igtk(g);
	if (a->cfg.pmf && igtk) {
		/* 12.7.2: the IPN is the IGTK's last transmitted PN, so a
		 * newly keyed station refuses replays of earlier BIP frames */
		uint16_t id = igtk->key_id;

		if (a->b.faults->igtk_wrong_keyid) {
			id = id == IGTK_KEYID_FIRST ? IGTK_KEYID_SECOND : IGTK_KEYID_FIRST;
			hs_fault_fired(&a->b, HS_FAULT_IGTK_WRONG_KEYID, m,
				       "announcing IGTK key ID %u instead of %u", id,
				       igtk->key_id);
		}
		ret = eapol_kde_igtk_build(id, hs_group_ipn(g), igtk->key,
					   igtk->key_len, out + n, cap - n, &k);
		if (ret)
			return ret;
	} else if (a->cfg.pmf) {
		log_warn(HS_TAG, "STA %s WPA: PMF negotiated but the group has no IGTK",
			 a->b.peer_str);
	}
	*len = n + k;
	return 0;
}
