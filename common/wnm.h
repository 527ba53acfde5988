/* SPDX-License-Identifier: MIT */
/* wnm.h: 802.11v BSS Transition Management of IEEE 802.11-2020: the Query
 * (9.6.13.8), Request (9.6.13.9) and Response (9.6.13.10) WNM Action frames
 * (category 10, actions 6, 7, 8), their candidate lists (Neighbor Report
 * elements with the BSS Transition Candidate Preference subelement, rrm.h),
 * the Request Mode bits, disassociation timer, validity interval, BSS
 * termination duration and session URL, and the status codes of Table
 * 9-428. Bodies start at the Category octet; parsers never read past len.
 * 0 or -errno (-EBADMSG malformed, -EPROTO another category or action). */
#ifndef ROAMLAB_WNM_H
#define ROAMLAB_WNM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rrm.h"

struct wbuf;

#define WNM_CATEGORY		10	/* WNM (Table 9-51) */
#define WNM_ACTION_BTM_QUERY	6
#define WNM_ACTION_BTM_REQUEST	7
#define WNM_ACTION_BTM_RESPONSE	8

/* Request Mode (Figure 9-924) */
#define WNM_BTM_PREF_LIST	0x01	/* Preferred Candidate List Included */
#define WNM_BTM_ABRIDGED	0x02
#define WNM_BTM_DISASSOC_IMMINENT 0x04
#define WNM_BTM_BSS_TERM	0x08	/* BSS Termination Included */
#define WNM_BTM_ESS_DISASSOC	0x10	/* ESS Disassociation Imminent */

/* BTM status codes (Table 9-428) */
enum wnm_btm_status {
	WNM_BTM_ACCEPT = 0,
	WNM_BTM_REJECT_UNSPECIFIED = 1,
	WNM_BTM_REJECT_INSUFFICIENT_BEACON = 2,
	WNM_BTM_REJECT_INSUFFICIENT_CAPACITY = 3,
	WNM_BTM_REJECT_UNDESIRED = 4,
	WNM_BTM_REJECT_DELAY_REQUEST = 5,
	WNM_BTM_REJECT_STA_CANDIDATES = 6,	/* candidate list provided */
	WNM_BTM_REJECT_NO_SUITABLE = 7,		/* no suitable candidates */
	WNM_BTM_REJECT_LEAVING_ESS = 8,
};
/* "accept", "reject-unspecified", ...; "unknown" for other values. */
const char *wnm_btm_status_name(uint8_t status);

#define WNM_URL_MAX		255

struct wnm_btm_request {
	uint8_t token;
	uint8_t mode;			/* WNM_BTM_* */
	uint16_t disassoc_timer;	/* TBTTs until disassociation */
	uint8_t validity;		/* TBTTs the list is valid */
	uint64_t term_tsf;		/* with WNM_BTM_BSS_TERM */
	uint16_t term_minutes;
	const uint8_t *url;		/* with WNM_BTM_ESS_DISASSOC */
	size_t url_len;
	const uint8_t *candidates;	/* parse: the candidate list entries */
	size_t candidates_len;
};
/* Append a request with n candidates (their Neighbor Report elements). The
 * BSS Termination Duration and URL fields are written when mode has their
 * bits. -EINVAL for a URL over 255 octets, or candidates without
 * WNM_BTM_PREF_LIST. */
int wnm_btm_request_build(struct wbuf *w, const struct wnm_btm_request *r,
			  const struct rrm_neighbor *cands, size_t n);
/* -EBADMSG: truncated fixed fields, a termination duration subelement not
 * ID 4 length 10, a URL running past the body, a malformed candidate list. */
int wnm_btm_request_parse(const uint8_t *body, size_t len, struct wnm_btm_request *out,
			  const char **why);

struct wnm_btm_query {
	uint8_t token;
	uint8_t reason;			/* Table 9-198 transition reason */
	const uint8_t *candidates;
	size_t candidates_len;
};
int wnm_btm_query_build(struct wbuf *w, uint8_t token, uint8_t reason,
			const struct rrm_neighbor *cands, size_t n);
int wnm_btm_query_parse(const uint8_t *body, size_t len, struct wnm_btm_query *out,
			const char **why);

struct wnm_btm_response {
	uint8_t token;
	uint8_t status;			/* enum wnm_btm_status */
	uint8_t term_delay;		/* minutes */
	bool has_target;		/* status accept: Target BSSID */
	uint8_t target[6];
	const uint8_t *candidates;
	size_t candidates_len;
};
/* target is written when status is WNM_BTM_ACCEPT (-EINVAL if NULL then). */
int wnm_btm_response_build(struct wbuf *w, uint8_t token, uint8_t status,
			   uint8_t term_delay, const uint8_t *target,
			   const struct rrm_neighbor *cands, size_t n);
int wnm_btm_response_parse(const uint8_t *body, size_t len,
			   struct wnm_btm_response *out, const char **why);

/* The candidates of a list (rrm_nr_list_parse), and the index of the most
 * preferred one that is not excluded (preference 0, 11.24.7.3); a candidate
 * without a preference counts as 0. -ENOENT if there is none. */
int wnm_btm_best(const struct rrm_neighbor *c, size_t n);

#endif
