/* SPDX-License-Identifier: MIT */
/* rrm.h: 802.11k radio measurement pieces of IEEE 802.11-2020:
 *  - the Neighbor Report element (9.4.2.36) with the subelements BSS
 *    Transition Candidate Preference (3) and BSS Termination Duration (4);
 *  - Neighbor Report Request/Response Action frames (9.6.6.6, 9.6.6.7);
 *  - Radio Measurement Request/Report Action frames (9.6.6.2, 9.6.6.3) and
 *    their Measurement Request/Report elements (9.4.2.20, 9.4.2.21) of the
 *    Beacon type (9.4.2.20.7, 9.4.2.21.7): passive, active and table modes.
 * Frame bodies start at the Category octet. Parsers never read past len and
 * point into the caller's buffer; unknown subelements are skipped and
 * counted. 0 or -errno (-EBADMSG malformed, -EPROTO another category or
 * action, -ENOSPC full). */
#ifndef ROAMLAB_RRM_H
#define ROAMLAB_RRM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wbuf;

#define RRM_CATEGORY		5	/* Radio Measurement (Table 9-51) */
#define RRM_ACTION_MEAS_REQ	0
#define RRM_ACTION_MEAS_REP	1
#define RRM_ACTION_NR_REQ	4
#define RRM_ACTION_NR_RESP	5

/* --- Neighbor Report element (9.4.2.36) -------------------------------------- */

#define RRM_NR_FIXED_LEN	13	/* BSSID, BSSID Information, class, channel, PHY */
/* BSSID Information (Figure 9-337) */
#define RRM_BI_REACH_MASK	0x0003	/* AP Reachability */
#define RRM_BI_REACH_NOT	1
#define RRM_BI_REACH_UNKNOWN	2
#define RRM_BI_REACH_REACHABLE	3
#define RRM_BI_SECURITY		0x0004
#define RRM_BI_KEY_SCOPE	0x0008
#define RRM_BI_SPECTRUM_MGMT	0x0010
#define RRM_BI_QOS		0x0020
#define RRM_BI_APSD		0x0040
#define RRM_BI_RM		0x0080
#define RRM_BI_DELAYED_BA	0x0100
#define RRM_BI_IMMEDIATE_BA	0x0200
#define RRM_BI_MOBILITY_DOMAIN	0x0400
#define RRM_BI_HT		0x0800
#define RRM_BI_VHT		0x1000
#define RRM_BI_FTM		0x2000
#define RRM_BI_HE		0x4000
/* subelements (Table 9-169) */
#define RRM_NR_SUB_BTM_PREF	3	/* BSS Transition Candidate Preference */
#define RRM_NR_SUB_TERM_DUR	4	/* BSS Termination Duration */
#define RRM_TERM_DUR_LEN	10	/* TSF (8), Duration in minutes (2) */

struct rrm_neighbor {
	uint8_t bssid[6];
	uint32_t bssid_info;
	uint8_t op_class;
	uint8_t channel;
	uint8_t phy_type;
	bool has_pref;
	uint8_t pref;			/* 0 excluded .. 255 most preferred */
	bool has_term;
	uint64_t term_tsf;
	uint16_t term_minutes;
	unsigned int unknown;		/* other subelements, skipped */
};

/* Append the element with the preference and termination subelements when
 * has_pref / has_term. */
int rrm_nr_build(struct wbuf *w, const struct rrm_neighbor *nr);
/* Parse a whole element (header included): -EBADMSG for not a Neighbor
 * Report, a body under 13 octets, a subelement running past the element,
 * a preference not 1 octet or a termination not 10 (or either twice). */
int rrm_nr_parse(const uint8_t *ie, size_t len, struct rrm_neighbor *out,
		 const char **why);
/* Parse the Neighbor Report elements of an element run (other elements
 * skipped) into out[0..max); *n gets how many there are (may be > max).
 * -EBADMSG if the run or one report is malformed. */
int rrm_nr_list_parse(const uint8_t *ies, size_t len, struct rrm_neighbor *out,
		      size_t max, size_t *n, const char **why);

/* --- Neighbor Report Request / Response ------------------------------------- */

struct rrm_nr_request {
	uint8_t token;
	const uint8_t *ssid;		/* SSID element body, or NULL */
	size_t ssid_len;
};
/* ssid NULL: no SSID element (the current ESS). */
int rrm_nr_request_build(struct wbuf *w, uint8_t token, const uint8_t *ssid,
			 size_t ssid_len);
int rrm_nr_request_parse(const uint8_t *body, size_t len, struct rrm_nr_request *out,
			 const char **why);
int rrm_nr_response_build(struct wbuf *w, uint8_t token, const struct rrm_neighbor *nrs,
			  size_t n);
/* The token, and the reports as rrm_nr_list_parse() gives them. */
int rrm_nr_response_parse(const uint8_t *body, size_t len, uint8_t *token,
			  struct rrm_neighbor *out, size_t max, size_t *n,
			  const char **why);

/* --- Radio Measurement Request / Report frames --------------------------------- */

struct rrm_meas_frame {
	uint8_t action;			/* RRM_ACTION_MEAS_REQ or _REP */
	uint8_t token;
	uint16_t repetitions;		/* requests only */
	const uint8_t *elems;		/* Measurement Request/Report elements */
	size_t elems_len;
};
int rrm_meas_request_build(struct wbuf *w, uint8_t token, uint16_t repetitions,
			   const uint8_t *elems, size_t len);
int rrm_meas_report_build(struct wbuf *w, uint8_t token, const uint8_t *elems,
			  size_t len);
int rrm_meas_frame_parse(const uint8_t *body, size_t len, struct rrm_meas_frame *out,
			 const char **why);

/* --- Beacon request / report (measurement type 5) ------------------------------ */

#define RRM_MEAS_TYPE_BEACON	5
/* Measurement Request Mode (Figure 9-205) */
#define RRM_REQ_MODE_PARALLEL	0x01
#define RRM_REQ_MODE_ENABLE	0x02
#define RRM_REQ_MODE_REQUEST	0x04
#define RRM_REQ_MODE_REPORT	0x08
#define RRM_REQ_MODE_DUR_MANDATORY 0x10
/* Measurement Report Mode (Figure 9-260) */
#define RRM_REP_MODE_LATE	0x01
#define RRM_REP_MODE_INCAPABLE	0x02
#define RRM_REP_MODE_REFUSED	0x04

enum rrm_beacon_mode {
	RRM_BEACON_PASSIVE = 0,
	RRM_BEACON_ACTIVE = 1,
	RRM_BEACON_TABLE = 2,
};
const char *rrm_beacon_mode_name(enum rrm_beacon_mode m);

#define RRM_BREQ_FIXED_LEN	13	/* class .. BSSID */
#define RRM_BREQ_SUB_SSID	0
#define RRM_BREQ_SUB_DETAIL	2	/* Reporting Detail */
#define RRM_BREP_FIXED_LEN	26	/* class .. Parent TSF */
#define RRM_BREP_SUB_FRAME_BODY	1	/* Reported Frame Body */

struct rrm_beacon_req {
	uint8_t token;
	uint8_t req_mode;
	uint8_t op_class;
	uint8_t channel;		/* 0 all, 255 the AP Channel Report's */
	uint16_t rand_interval;		/* TUs */
	uint16_t duration;		/* TUs */
	enum rrm_beacon_mode mode;
	uint8_t bssid[6];		/* ff:..: any */
	const uint8_t *ssid;		/* NULL: no SSID subelement */
	size_t ssid_len;
	bool has_detail;
	uint8_t detail;			/* 0 none, 1 requested elements, 2 all */
	unsigned int unknown;
};
/* One Measurement Request element of the Beacon type. -EINVAL for a mode
 * not 0..2, an SSID over 32 octets or a detail over 2. */
int rrm_beacon_req_build(struct wbuf *w, const struct rrm_beacon_req *r);
/* -EBADMSG: not a Measurement Request, not Beacon, body under 3 + 13, a mode
 * not 0..2, a subelement running past the element, an SSID over 32, a
 * Reporting Detail not 1 octet or over 2. */
int rrm_beacon_req_parse(const uint8_t *ie, size_t len, struct rrm_beacon_req *out,
			 const char **why);

struct rrm_beacon_rep {
	uint8_t token;
	uint8_t rep_mode;		/* RRM_REP_MODE_*: with any of them set the
					 * report has no fields (*_parse gives
					 * has_fields false) */
	bool has_fields;
	uint8_t op_class;
	uint8_t channel;
	uint64_t start_tsf;
	uint16_t duration;
	uint8_t frame_info;
	uint8_t rcpi;
	uint8_t rsni;
	uint8_t bssid[6];
	uint8_t antenna_id;
	uint32_t parent_tsf;
	const uint8_t *frame_body;	/* Reported Frame Body, or NULL */
	size_t frame_body_len;
	unsigned int unknown;
};
int rrm_beacon_rep_build(struct wbuf *w, const struct rrm_beacon_rep *r);
int rrm_beacon_rep_parse(const uint8_t *ie, size_t len, struct rrm_beacon_rep *out,
			 const char **why);

#endif
