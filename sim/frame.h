/* SPDX-License-Identifier: MIT */
/* frame.h: what the medium needs to know about an 802.11 frame: type,
 * addresses, whether it carries an EAPOL-Key message (and which), and the
 * packet number of a protected data frame. Bounds-checked; never reads past
 * len. */
#ifndef ROAMLAB_SIM_FRAME_H
#define ROAMLAB_SIM_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eapol.h"

/* IEEE 802.11-2020 9.2.4.1.3 frame types */
#define SIM_FT_MGMT 0
#define SIM_FT_CTRL 1
#define SIM_FT_DATA 2

struct sim_frame_info {
	uint8_t type;
	uint8_t subtype;
	bool protected_frame;
	bool retry;
	const uint8_t *a1;	/* receiver; always present when valid */
	const uint8_t *a2;	/* transmitter; NULL for ACK/CTS */
	const uint8_t *a3;
	size_t hdr_len;		/* 0 if header not parsed (control) */
	uint16_t seq;
	enum eapol_msg eapol;
	uint64_t replay_counter;	/* of the EAPOL-Key frame */
	const uint8_t *key_nonce;	/* its Key Nonce (32 bytes), in the frame */
	bool has_pn;
	uint64_t pn;		/* CCMP PN or TKIP TSC, 48 bits */
	uint8_t key_id;
};

/* Returns false if the frame is shorter than its own header says. */
bool sim_frame_parse(const uint8_t *f, size_t len, struct sim_frame_info *fi);
/* The EAPOL frame (from its header on) carried by an unprotected data
 * frame after LLC/SNAP with ethertype 0x888e, or NULL; fi from
 * sim_frame_parse() of the same frame. */
const uint8_t *sim_frame_eapol(const uint8_t *f, size_t len,
				const struct sim_frame_info *fi, size_t *eapol_len);
/* Set or clear the Retry bit of the Frame Control field (9.2.4.1.5). */
void sim_frame_set_retry(uint8_t *f, size_t len, bool retry);
/* Parse "mgmt"/"ctrl"/"data" or a number. */
int sim_frame_type_parse(const char *s, int *type);
/* Parse a subtype name ("beacon", "auth", "qos-data"...) or number; sets
 * *type too when the name implies it. */
int sim_frame_subtype_parse(const char *s, int *type, int *subtype);
const char *sim_frame_describe(const struct sim_frame_info *fi);
/* The lab's short names of the messages ("1/4", "group 1/2") and the
 * words rules take ("1".."4", "m1".."m4", "g1", "g2", "any"). */
const char *sim_eapol_name(enum eapol_msg m);
int sim_eapol_parse(const char *s, enum eapol_msg *m);

#endif
