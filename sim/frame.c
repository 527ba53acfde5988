// SPDX-License-Identifier: MIT
/* frame.c: minimal 802.11 header parsing; EAPOL-Key frames are parsed and
 * classified by common/eapol.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "util.h"

/* 9.2.4.1 Frame Control field */
#define FC_TYPE(fc) (((fc) >> 2) & 3)
#define FC_SUBTYPE(fc) (((fc) >> 4) & 0xf)
#define FC_TODS 0x0100
#define FC_FROMDS 0x0200
#define FC_RETRY 0x0800
#define FC_PROTECTED 0x4000
#define FC_ORDER 0x8000

static const uint8_t llc_eapol[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e };

/* The EAPOL-Key frame after LLC/SNAP: common/eapol.c parses and names
 * it (a Request is not one of the handshakes' messages here). */
static void parse_eapol(const uint8_t *p, size_t len, struct sim_frame_info *fi)
{
	struct eapol_key k;
	enum eapol_msg m;

	if (len < sizeof(llc_eapol) || memcmp(p, llc_eapol, sizeof(llc_eapol)))
		return;
	if (eapol_key_parse(p + sizeof(llc_eapol), len - sizeof(llc_eapol), &k, NULL))
		return;
	fi->replay_counter = k.replay_counter;
	fi->key_nonce = k.nonce;
	m = eapol_key_classify(&k);
	fi->eapol = m == EAPOL_MSG_REQUEST ? EAPOL_MSG_UNKNOWN : m;
}

bool sim_frame_parse(const uint8_t *f, size_t len, struct sim_frame_info *fi)
{
	uint16_t fc;
	size_t h;

	memset(fi, 0, sizeof(*fi));
	if (len < 10)
		return false;
	fc = get_le16(f);
	fi->type = FC_TYPE(fc);
	fi->subtype = FC_SUBTYPE(fc);
	fi->protected_frame = fc & FC_PROTECTED;
	fi->retry = fc & FC_RETRY;
	fi->a1 = f + 4;
	if (fi->type == SIM_FT_CTRL) {
		/* ACK (13) and CTS (12) have one address, the rest two */
		if (fi->subtype != 13 && fi->subtype != 12) {
			if (len < 16)
				return false;
			fi->a2 = f + 10;
		}
		return true;
	}
	if (fi->type == 3 || len < 24)
		return false;
	fi->a2 = f + 10;
	fi->a3 = f + 16;
	fi->seq = get_le16(f + 22) >> 4;
	h = 24;
	if (fi->type == SIM_FT_DATA) {
		if ((fc & FC_TODS) && (fc & FC_FROMDS))
			h += 6;
		if (fi->subtype & 0x8) {	/* QoS */
			h += 2;
			if (fc & FC_ORDER)
				h += 4;
		}
	} else if (fc & FC_ORDER) {
		h += 4;
	}
	if (len < h)
		return false;
	fi->hdr_len = h;
	if (fi->type != SIM_FT_DATA || (fi->subtype & 0x4))	/* no body */
		return true;
	if (fi->protected_frame) {
		const uint8_t *iv = f + h;

		if (len < h + 8 || !(iv[3] & 0x20))	/* Ext IV */
			return true;
		fi->has_pn = true;
		fi->key_id = iv[3] >> 6;
		if (iv[1] == ((iv[0] | 0x20) & 0x7f) || iv[2] != 0)
			/* TKIP: TSC1, WEPSeed, TSC0, keyid, TSC2..5 (12.5.2.2) */
			fi->pn = (uint64_t)iv[2] | (uint64_t)iv[0] << 8 |
				 (uint64_t)get_le32(iv + 4) << 16;
		else
			/* CCMP: PN0, PN1, reserved, keyid, PN2..5 (12.5.3.2) */
			fi->pn = (uint64_t)iv[0] | (uint64_t)iv[1] << 8 |
				 (uint64_t)get_le32(iv + 4) << 16;
		return true;
	}
	parse_eapol(f + h, len - h, fi);
	return true;
}

const uint8_t *sim_frame_eapol(const uint8_t *f, size_t len,
				const struct sim_frame_info *fi, size_t *eapol_len)
{
	size_t h = fi->hdr_len;

	if (fi->type != SIM_FT_DATA || fi->protected_frame || !h || (fi->subtype & 0x4) ||
	    len < h + sizeof(llc_eapol) || memcmp(f + h, llc_eapol, sizeof(llc_eapol)))
		return NULL;
	*eapol_len = len - h - sizeof(llc_eapol);
	return f + h + sizeof(llc_eapol);
}

void sim_frame_set_retry(uint8_t *f, size_t len, bool retry)
{
	uint16_t fc;

	if (len < 2)
		return;
	fc = get_le16(f);
	put_le16(f, retry ? fc | FC_RETRY : fc & ~FC_RETRY);
}

int sim_frame_type_parse(const char *s, int *type)
{
	char *end;
	long v;

	if (!strcmp(s, "mgmt"))
		*type = SIM_FT_MGMT;
	else if (!strcmp(s, "ctrl"))
		*type = SIM_FT_CTRL;
	else if (!strcmp(s, "data"))
		*type = SIM_FT_DATA;
	else {
		v = strtol(s, &end, 0);
		if (*s == '\0' || *end || v < 0 || v > 3)
			return -EINVAL;
		*type = (int)v;
	}
	return 0;
}

static const struct {
	const char *name;
	int type;
	int subtype;
} subtypes[] = {
	{ "assoc-req", SIM_FT_MGMT, 0 },
	{ "assoc-resp", SIM_FT_MGMT, 1 },
	{ "reassoc-req", SIM_FT_MGMT, 2 },
	{ "reassoc-resp", SIM_FT_MGMT, 3 },
	{ "probe-req", SIM_FT_MGMT, 4 },
	{ "probe-resp", SIM_FT_MGMT, 5 },
	{ "beacon", SIM_FT_MGMT, 8 },
	{ "disassoc", SIM_FT_MGMT, 10 },
	{ "auth", SIM_FT_MGMT, 11 },
	{ "deauth", SIM_FT_MGMT, 12 },
	{ "action", SIM_FT_MGMT, 13 },
	{ "ack", SIM_FT_CTRL, 13 },
	{ "data", SIM_FT_DATA, 0 },
	{ "null", SIM_FT_DATA, 4 },
	{ "qos-data", SIM_FT_DATA, 8 },
	{ "qos-null", SIM_FT_DATA, 12 },
};

int sim_frame_subtype_parse(const char *s, int *type, int *subtype)
{
	char *end;
	long v;

	for (size_t i = 0; i < ARRAY_SIZE(subtypes); i++) {
		if (!strcmp(s, subtypes[i].name)) {
			*type = subtypes[i].type;
			*subtype = subtypes[i].subtype;
			return 0;
		}
	}
	v = strtol(s, &end, 0);
	if (*s == '\0' || *end || v < 0 || v > 15)
		return -EINVAL;
	*subtype = (int)v;
	return 0;
}

const char *sim_eapol_name(enum eapol_msg m)
{
	switch (m) {
	case EAPOL_MSG_UNKNOWN:
		return "none";
	case EAPOL_MSG_PTK_1:
		return "1/4";
	case EAPOL_MSG_PTK_2:
		return "2/4";
	case EAPOL_MSG_PTK_3:
		return "3/4";
	case EAPOL_MSG_PTK_4:
		return "4/4";
	case EAPOL_MSG_GROUP_1:
		return "group 1/2";
	case EAPOL_MSG_GROUP_2:
		return "group 2/2";
	case EAPOL_MSG_REQUEST:
		return "request";
	}
	return "?";
}

int sim_eapol_parse(const char *s, enum eapol_msg *m)
{
	static const struct {
		const char *n;
		enum eapol_msg m;
	} t[] = {
		{ "1", EAPOL_MSG_PTK_1 }, { "2", EAPOL_MSG_PTK_2 },
		{ "3", EAPOL_MSG_PTK_3 }, { "4", EAPOL_MSG_PTK_4 },
		{ "m1", EAPOL_MSG_PTK_1 }, { "m2", EAPOL_MSG_PTK_2 },
		{ "m3", EAPOL_MSG_PTK_3 }, { "m4", EAPOL_MSG_PTK_4 },
		{ "g1", EAPOL_MSG_GROUP_1 }, { "g2", EAPOL_MSG_GROUP_2 },
		{ "any", EAPOL_MSG_UNKNOWN },
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		if (!strcmp(s, t[i].n)) {
			*m = t[i].m;
			return 0;
		}
	}
	return -EINVAL;
}

const char *sim_frame_describe(const struct sim_frame_info *fi)
{
	if (fi->eapol != EAPOL_MSG_UNKNOWN) {
		switch (fi->eapol) {
		case EAPOL_MSG_PTK_1: return "EAPOL 1/4";
		case EAPOL_MSG_PTK_2: return "EAPOL 2/4";
		case EAPOL_MSG_PTK_3: return "EAPOL 3/4";
		case EAPOL_MSG_PTK_4: return "EAPOL 4/4";
		case EAPOL_MSG_GROUP_1: return "EAPOL group 1/2";
		case EAPOL_MSG_GROUP_2: return "EAPOL group 2/2";
		case EAPOL_MSG_REQUEST: return "EAPOL request";
		case EAPOL_MSG_UNKNOWN: break;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(subtypes); i++)
		if (subtypes[i].type == fi->type && subtypes[i].subtype == fi->subtype)
			return subtypes[i].name;
	switch (fi->type) {
	case SIM_FT_MGMT: return "mgmt";
	case SIM_FT_CTRL: return "ctrl";
	case SIM_FT_DATA: return "data";
	default: return "reserved";
	}
}
