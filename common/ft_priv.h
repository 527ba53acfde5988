/* SPDX-License-Identifier: MIT */
/* ft_priv.h: what the two FT machines (ft_sta.c, ft_ap.c) share, from
 * ft_sm.c. Not for other callers. */
#ifndef ROAMLAB_FT_PRIV_H
#define ROAMLAB_FT_PRIV_H

#include "ft_ie.h"
#include "ft_sm.h"
#include "ie.h"

struct wbuf;

#define FT_TAG "FT"

/* Fill in ev's role, peer and text, log the line and hand ev to ops->event. */
void ft_emit(enum ft_role role, const uint8_t *peer, const struct ft_ops *ops,
	     void *ctx, struct ft_event *ev, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int ft_random(const struct ft_ops *ops, void *ctx, uint8_t *buf, size_t len);
/* An RSNE with one AKM, one pairwise cipher and one PMKID. */
int ft_put_rsne(struct wbuf *w, uint32_t akm, uint32_t pairwise, uint32_t group,
		uint32_t group_mgmt, uint16_t caps, const uint8_t pmkid[FT_PMK_NAME_LEN]);
/* Compute the FTE MIC of the elements in buf[0..len) and write it in. */
int ft_seal(uint8_t *buf, size_t len, const uint8_t *kck, const uint8_t sta[6],
	    const uint8_t ap[6], uint8_t seq);
/* The parsed RSNE and FTE of ies. */
struct ft_parsed {
	struct ft_ies ies;
	struct wpa_ie_info rsn;
	bool has_rsn;
	struct ft_mde mde;
	bool has_mde;
	struct ft_fte fte;
	bool has_fte;
};
/* Parse what is there: 0, or FT_R_MALFORMED (element sequence),
 * FT_R_BAD_RSNE (an RSNE that does not parse), FT_R_BAD_FTE (same).
 * Missing elements are left to the caller. */
enum ft_reason ft_parse(const uint8_t *ies, size_t len, struct ft_parsed *p,
			const char **why);
/* PTK length for the pairwise cipher: KCK(16) + KEK(16) + TK. 0 if none. */
size_t ft_ptk_len(uint32_t pairwise);

#endif
