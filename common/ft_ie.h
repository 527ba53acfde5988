/* SPDX-License-Identifier: MIT */
/* ft_ie.h: the FT elements and frame bodies of IEEE 802.11-2020:
 *  - Mobility Domain element (MDE, 9.4.2.45);
 *  - Fast BSS Transition element (FTE, 9.4.2.46) with its subelements
 *    R1KH-ID (1), GTK (2), R0KH-ID (3), IGTK (4);
 *  - the FT elements of an Authentication or (Re)Association frame (RSNE,
 *    MDE, FTE, Timeout Interval, RIC, RSNXE) found in one walk;
 *  - the FTE MIC (12.8.4, 12.8.5): AES-128-CMAC(KCK, STA-ADDR || AP-ADDR ||
 *    transaction sequence || RSNE || MDE || FTE with the MIC zeroed || RIC
 *    || RSNXE);
 *  - the FT Action frame bodies of over-the-DS (9.6.8.2-9.6.8.5).
 * The Timeout Interval element (reassociation deadline, key lifetime) is
 * built and read with mgmt_put_timeout_interval()/mgmt_get_timeout_interval()
 * (mgmt.h); ft_ies_parse() reports it. Parsers never read past len and
 * return pointers into the caller's buffer. 0 or -errno unless stated. */
#ifndef ROAMLAB_FT_IE_H
#define ROAMLAB_FT_IE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft.h"

struct wbuf;

/* --- MDE (9.4.2.45) --------------------------------------------------------- */

#define FT_MDE_LEN		3	/* body: MDID(2), FT capability and policy(1) */
#define FT_CAP_OVER_DS		0x01	/* Fast BSS Transition over DS */
#define FT_CAP_RESOURCE_REQ	0x02	/* Resource Request Protocol Capability */

struct ft_mde {
	uint8_t mdid[FT_MDID_LEN];
	uint8_t cap;			/* FT_CAP_* (other bits reserved, kept) */
};
/* Append the element (5 octets). */
int ft_mde_build(struct wbuf *w, const struct ft_mde *mde);
/* Parse a whole element (header included). -EBADMSG if it is not an MDE of
 * length 3. */
int ft_mde_parse(const uint8_t *ie, size_t len, struct ft_mde *out);

/* --- FTE (9.4.2.46) --------------------------------------------------------- */

#define FT_MIC_LEN		16	/* with a 16-octet KCK */
#define FT_FTE_FIXED_LEN	(2 + FT_MIC_LEN + 32 + 32)	/* 82 */
#define FT_MIC_CTRL_RSNXE_USED	0x01	/* MIC Control B0 (802.11-2020) */
#define FT_SUB_R1KH_ID		1
#define FT_SUB_GTK		2
#define FT_SUB_R0KH_ID		3
#define FT_SUB_IGTK		4
/* GTK subelement: Key Info(2) Key Length(1) RSC(8) Wrapped Key(24..40) */
#define FT_GTK_SUB_FIXED	11
#define FT_GTK_SUB_MIN		(FT_GTK_SUB_FIXED + 24)
#define FT_GTK_SUB_MAX		(FT_GTK_SUB_FIXED + 40)
/* IGTK subelement: Key ID(2) IPN(6) Key Length(1) Wrapped Key(24 or 40) */
#define FT_IGTK_SUB_FIXED	9
#define FT_IGTK_SUB_MIN		(FT_IGTK_SUB_FIXED + 24)
#define FT_IGTK_SUB_MAX		(FT_IGTK_SUB_FIXED + 40)

/* A parsed FTE. Pointers point into the element. */
struct ft_fte {
	uint8_t mic_control[2];
	bool rsnxe_used;		/* B0 */
	uint8_t element_count;		/* octet 2 of MIC Control */
	const uint8_t *mic;		/* FT_MIC_LEN */
	const uint8_t *anonce;		/* 32 */
	const uint8_t *snonce;		/* 32 */
	const uint8_t *r1kh_id;		/* FT_R1KH_ID_LEN, or NULL */
	const uint8_t *r0kh_id;		/* or NULL */
	size_t r0kh_id_len;
	const uint8_t *gtk;		/* GTK subelement body, or NULL */
	size_t gtk_len;
	const uint8_t *igtk;		/* IGTK subelement body, or NULL */
	size_t igtk_len;
	unsigned int unknown;		/* other subelements, skipped */
};
/* Parse a whole element (header included). -EBADMSG with *why for: not an
 * FTE, shorter than 82 octets of body, a subelement that runs past the
 * element, a known subelement twice or of a wrong length (R1KH-ID not 6,
 * R0KH-ID not 1..48, GTK not 35..51, IGTK not 33 or 49). */
int ft_fte_parse(const uint8_t *ie, size_t len, struct ft_fte *out, const char **why);

/* What to put in an FTE. NULL nonces and MIC are zeros. */
struct ft_fte_fields {
	uint8_t element_count;
	bool rsnxe_used;
	const uint8_t *mic;
	const uint8_t *anonce;
	const uint8_t *snonce;
	const uint8_t *r1kh_id;		/* NULL: no subelement */
	const uint8_t *r0kh_id;		/* NULL: no subelement */
	size_t r0kh_id_len;
	const uint8_t *gtk;		/* subelement body (ft_gtk_sub_build) */
	size_t gtk_len;
	const uint8_t *igtk;		/* subelement body (ft_igtk_sub_build) */
	size_t igtk_len;
};
/* Append the element. -EINVAL for a bad R0KH-ID length or subelement
 * length, -EMSGSIZE if it would not fit in 255 octets, -ENOSPC if w is
 * full. */
int ft_fte_build(struct wbuf *w, const struct ft_fte_fields *f);

/* The GTK subelement body (9.4.2.46, Figure 9-590): Key Info (key ID in
 * B0-B1), Key Length, RSC, and the GTK wrapped with the KEK (AES key wrap,
 * padded as 12.7.2 key data when not a multiple of 8 or shorter than 16).
 * key_id 1..3, gtk_len 16 or 32 (5 and 13 are WEP: refused). */
int ft_gtk_sub_build(const uint8_t *kek, size_t kek_len, uint8_t key_id,
		     const uint8_t rsc[8], const uint8_t *gtk, size_t gtk_len,
		     uint8_t *out, size_t cap, size_t *out_len);
struct ft_gtk {
	uint8_t key_id;
	uint8_t rsc[8];
	uint8_t key[32];
	size_t key_len;
};
/* Unwrap. -EBADMSG if malformed or the key wrap's integrity check fails,
 * the Key Length is longer than the unwrapped key, or key ID 0. */
int ft_gtk_sub_parse(const uint8_t *kek, size_t kek_len, const uint8_t *body,
		     size_t len, struct ft_gtk *out);
/* The IGTK subelement body: Key ID (4/5, LE), IPN (6, LE), Key Length (16
 * or 32), wrapped IGTK. */
int ft_igtk_sub_build(const uint8_t *kek, size_t kek_len, uint16_t key_id,
		      uint64_t ipn, const uint8_t *igtk, size_t igtk_len,
		      uint8_t *out, size_t cap, size_t *out_len);
struct ft_igtk {
	uint16_t key_id;
	uint64_t ipn;
	uint8_t key[32];
	size_t key_len;
};
int ft_igtk_sub_parse(const uint8_t *kek, size_t kek_len, const uint8_t *body,
		      size_t len, struct ft_igtk *out);
/* Zero the key material of either. */
void ft_gtk_clear(struct ft_gtk *g);
void ft_igtk_clear(struct ft_igtk *g);

/* --- the FT elements of a frame ---------------------------------------------- */

/* Whole elements (header included), NULL if absent. The RIC is the run of
 * elements from the first RIC Data element (57) to the end of the RIC
 * (12.11.2: RDE then its resource descriptors); it is carried, not
 * interpreted. */
struct ft_ies {
	const uint8_t *rsne;
	size_t rsne_len;
	const uint8_t *mde;
	size_t mde_len;
	const uint8_t *fte;
	size_t fte_len;
	const uint8_t *ric;
	size_t ric_len;
	const uint8_t *rsnxe;
	size_t rsnxe_len;
	bool has_tie_deadline;		/* Timeout Interval, reassociation deadline */
	uint32_t tie_deadline_tu;
	bool has_tie_lifetime;		/* Timeout Interval, key lifetime */
	uint32_t tie_lifetime_s;
};
#define FT_EID_RIC_DATA		57
#define FT_EID_RSNXE		244
/* One walk with the element iterator (its length table applies). -EBADMSG
 * for a malformed element sequence, or an RSNE, MDE, FTE or RSNXE twice. */
int ft_ies_parse(const uint8_t *ies, size_t len, struct ft_ies *out, const char **why);

/* --- FTE MIC (12.8.4, 12.8.5) ------------------------------------------------ */

#define FT_SEQ_REASSOC_REQ	5	/* and FT Confirm */
#define FT_SEQ_REASSOC_RESP	6	/* and FT Ack */

/* The MIC over sta || ap || seq || RSNE || MDE || FTE (its MIC field taken
 * as zero) || RIC || RSNXE of ies (absent ones skipped). kck_len must be
 * 16 (-EINVAL otherwise); -EBADMSG if ies has no FTE. */
int ft_mic_compute(const uint8_t *kck, size_t kck_len, const uint8_t sta[6],
		   const uint8_t ap[6], uint8_t seq, const struct ft_ies *ies,
		   uint8_t mic[FT_MIC_LEN]);
/* Constant-time check of the FTE's MIC. */
bool ft_mic_verify(const uint8_t *kck, size_t kck_len, const uint8_t sta[6],
		   const uint8_t ap[6], uint8_t seq, const struct ft_ies *ies);
/* Write mic into a built FTE (fte points at its header). */
int ft_fte_set_mic(uint8_t *fte, size_t fte_len, const uint8_t mic[FT_MIC_LEN]);

/* --- FT Action frames (9.6.8) ------------------------------------------------ */

#define FT_CATEGORY		6	/* Fast BSS Transition (Table 9-51) */
#define FT_ACTION_REQUEST	1
#define FT_ACTION_RESPONSE	2
#define FT_ACTION_CONFIRM	3
#define FT_ACTION_ACK		4

/* A parsed FT Action frame body (from the Category octet). */
struct ft_action {
	uint8_t action;			/* FT_ACTION_* */
	const uint8_t *sta;		/* STA Address */
	const uint8_t *target_ap;	/* Target AP Address */
	bool has_status;		/* Response and Ack */
	uint16_t status;
	const uint8_t *ies;		/* the rest: RSNE, MDE, FTE, ... */
	size_t ies_len;
};
/* Append the body. status is written for Response and Ack only. -EINVAL for
 * an action not 1..4. */
int ft_action_build(struct wbuf *w, uint8_t action, const uint8_t sta[6],
		    const uint8_t target_ap[6], uint16_t status,
		    const uint8_t *ies, size_t ies_len);
/* -EBADMSG (truncated, elements malformed), -EPROTO (another category),
 * -EINVAL (unknown action). */
int ft_action_parse(const uint8_t *body, size_t len, struct ft_action *out,
		    const char **why);

#endif
