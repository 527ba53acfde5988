/* SPDX-License-Identifier: MIT */
/* eapol.h: EAPOL (IEEE 802.1X-2004 11.3) and EAPOL-Key frames
 * (IEEE 802.11-2020 12.7.2) for descriptor types 254 (WPA) and 2 (RSN):
 * parse, build, key_info, MIC versions 1/2/3, key data encryption, KDEs.
 *
 * Frames here start at the EAPOL header (version, type, body length), i.e.
 * what follows the Ethernet/LLC ethertype 0x888e. The parser returns
 * pointers into the caller's frame: it never copies and never reads past
 * len. All functions return 0 or -errno unless they are predicates. */
#ifndef ROAMLAB_EAPOL_H
#define ROAMLAB_EAPOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ie.h"

#define ETH_P_EAPOL_VAL		0x888e

#define EAPOL_VERSION_2001	1
#define EAPOL_VERSION_2004	2

#define EAPOL_TYPE_EAP		0
#define EAPOL_TYPE_START	1
#define EAPOL_TYPE_LOGOFF	2
#define EAPOL_TYPE_KEY		3

#define EAPOL_DESC_RSN		2	/* 802.11 key descriptor */
#define EAPOL_DESC_WPA		254	/* WPA1 key descriptor */

/* Layout of an EAPOL-Key frame, offsets from the EAPOL header. */
#define EAPOL_HDR_LEN		4
#define EAPOL_KEY_OFF_DESC	4
#define EAPOL_KEY_OFF_INFO	5
#define EAPOL_KEY_OFF_KEYLEN	7
#define EAPOL_KEY_OFF_REPLAY	9
#define EAPOL_KEY_OFF_NONCE	17
#define EAPOL_KEY_OFF_IV	49
#define EAPOL_KEY_OFF_RSC	65
#define EAPOL_KEY_OFF_ID	73
#define EAPOL_KEY_OFF_MIC	81
#define EAPOL_KEY_OFF_DATALEN	97
#define EAPOL_KEY_OFF_DATA	99
#define EAPOL_KEY_MIC_LEN	16
#define EAPOL_KEY_FIXED_LEN	EAPOL_KEY_OFF_DATA	/* header + body w/o data */
#define EAPOL_KEY_REPLAY_LEN	8
#define EAPOL_KEY_IV_LEN	16
#define EAPOL_KEY_RSC_LEN	8
/* The largest frame we build or accept (key data up to this many bytes). */
#define EAPOL_KEY_DATA_MAX	1024
#define EAPOL_KEY_FRAME_MAX	(EAPOL_KEY_FIXED_LEN + EAPOL_KEY_DATA_MAX)

/* key_info bits (12.7.2, Figure 12-33). */
#define KEY_INFO_VERSION_MASK	0x0007
#define KEY_INFO_TYPE_PAIRWISE	0x0008	/* Key Type: 1 pairwise, 0 group */
#define KEY_INFO_KEYIDX_MASK	0x0030	/* WPA1 only; reserved in RSN */
#define KEY_INFO_KEYIDX_SHIFT	4
#define KEY_INFO_INSTALL	0x0040
#define KEY_INFO_ACK		0x0080
#define KEY_INFO_MIC		0x0100
#define KEY_INFO_SECURE		0x0200
#define KEY_INFO_ERROR		0x0400
#define KEY_INFO_REQUEST	0x0800
#define KEY_INFO_ENCR_KEY_DATA	0x1000	/* RSN only */
#define KEY_INFO_SMK_MESSAGE	0x2000

/* Key descriptor versions (key_info bits 0-2). */
#define KEY_DESC_VER_AKM_DEFINED	0	/* SAE, FT-SAE: AES-128-CMAC */
#define KEY_DESC_VER_HMAC_MD5_RC4	1	/* TKIP pairwise */
#define KEY_DESC_VER_HMAC_SHA1_AES	2	/* CCMP pairwise */
#define KEY_DESC_VER_AES_CMAC		3	/* AKM 00-0f-ac:3..6 */

/* A parsed EAPOL-Key frame: integer fields decoded, byte fields are pointers
 * into the frame. */
struct eapol_key {
	uint8_t eapol_version;
	uint8_t eapol_type;
	uint16_t body_len;		/* from the header */
	uint8_t desc_type;
	uint16_t key_info;
	uint16_t key_len;
	uint64_t replay_counter;
	const uint8_t *replay;		/* 8 */
	const uint8_t *nonce;		/* 32 */
	const uint8_t *iv;		/* 16 */
	const uint8_t *rsc;		/* 8 */
	const uint8_t *key_id;		/* 8 */
	const uint8_t *mic;		/* 16 */
	uint16_t key_data_len;
	const uint8_t *key_data;
	/* The frame as the MIC covers it: the EAPOL header and body, without
	 * any trailing bytes beyond body_len (Ethernet padding). */
	const uint8_t *frame;
	size_t frame_len;
};

static inline unsigned int eapol_key_desc_ver(const struct eapol_key *k)
{
	return k->key_info & KEY_INFO_VERSION_MASK;
}

/* Parse an EAPOL frame that must be an EAPOL-Key with descriptor 2 or 254.
 * Checks: header present; type 3; body_len <= len - 4 (trailing bytes beyond
 * the body are ignored, as 802.1X allows); body at least 95 bytes; key data
 * length fits in the body. -EBADMSG (truncated/inconsistent lengths),
 * -EPROTO (not an EAPOL-Key / unknown descriptor type), -EMSGSIZE (key data
 * longer than EAPOL_KEY_DATA_MAX). why gets a static description. */
int eapol_key_parse(const uint8_t *frame, size_t len, struct eapol_key *k,
		    const char **why);

/* What an EAPOL-Key frame is, judged from key_info alone (and key data
 * length to tell 2/4 from 4/4). 12.7.6 and 12.7.7. */
/* The two ends of an EAPOL-Key exchange (IEEE 802.1X-2010 / 802.11-2020
 * 12.7.6): the handshake core and its faults are written per role. */
enum hs_role {
	HS_ROLE_AUTHENTICATOR,
	HS_ROLE_SUPPLICANT,
};

enum eapol_msg {
	EAPOL_MSG_UNKNOWN,
	EAPOL_MSG_PTK_1,
	EAPOL_MSG_PTK_2,
	EAPOL_MSG_PTK_3,
	EAPOL_MSG_PTK_4,
	EAPOL_MSG_GROUP_1,
	EAPOL_MSG_GROUP_2,
	EAPOL_MSG_REQUEST,	/* Request bit set (error report / rekey req) */
};
#define EAPOL_MSG_COUNT (EAPOL_MSG_REQUEST + 1)	/* for tables indexed by it */
enum eapol_msg eapol_key_classify(const struct eapol_key *k);
/* "1/4 Pairwise", "2/4 Pairwise", ..., "1/2 Group", "2/2 Group", "Request",
 * "unknown" (the wording hostapd uses in "received EAPOL-Key frame (%s)"). */
const char *eapol_msg_name(enum eapol_msg m);
/* Message number within its handshake: 1..4 for PTK, 1..2 for group, 0. */
int eapol_msg_number(enum eapol_msg m);

/* --- building --------------------------------------------------------- */

struct eapol_key_params {
	uint8_t eapol_version;		/* 1 or 2 */
	uint8_t desc_type;		/* EAPOL_DESC_RSN or EAPOL_DESC_WPA */
	uint16_t key_info;
	uint16_t key_len;
	uint64_t replay_counter;
	const uint8_t *nonce;		/* 32 bytes or NULL (zeros) */
	const uint8_t *iv;		/* 16 or NULL */
	const uint8_t *rsc;		/* 8 or NULL */
	const uint8_t *key_data;	/* already encrypted if it must be */
	size_t key_data_len;
};

/* Build the frame with a zero MIC field. -ENOSPC if cap is too small,
 * -EMSGSIZE if key_data_len > EAPOL_KEY_DATA_MAX. */
int eapol_key_build(const struct eapol_key_params *p, uint8_t *out, size_t cap,
		    size_t *out_len);

/* --- MIC ---------------------------------------------------------------- */

/* Compute the MIC of frame[0..len) with the MIC field taken as zero
 * (12.7.2: v1 HMAC-MD5, v2 HMAC-SHA1-128, v3 AES-128-CMAC, each keyed with
 * the 16-byte KCK). -EINVAL for an unknown version or len < FIXED_LEN. */
int eapol_mic_compute(unsigned int ver, const uint8_t *kck, const uint8_t *frame,
		      size_t len, uint8_t mic[EAPOL_KEY_MIC_LEN]);
/* Compute and write the MIC into frame at EAPOL_KEY_OFF_MIC. */
int eapol_mic_set(unsigned int ver, const uint8_t *kck, uint8_t *frame, size_t len);
/* Constant-time check of the MIC in frame (parsed k). */
bool eapol_mic_verify(unsigned int ver, const uint8_t *kck,
		      const struct eapol_key *k);

/* The same with the negotiated AKM (one WPA_AKM_* bit), which 12.7.2 needs
 * for version 0 ("AKM-defined") and which pins the version: AKMs 1 and 2
 * take versions 1 and 2 (HMAC-MD5, HMAC-SHA1-128); AKMs 3..6 (PSK-SHA256
 * among them) take version 3, AES-128-CMAC; SAE and FT-SAE take version 0,
 * whose MIC is AES-128-CMAC. Any other (AKM, version) pair is -EINVAL (and
 * fails verification): a frame cannot choose a weaker MIC than its AKM's. */
int eapol_mic_compute_akm(uint32_t akm, unsigned int ver, const uint8_t *kck,
			  const uint8_t *frame, size_t len,
			  uint8_t mic[EAPOL_KEY_MIC_LEN]);
int eapol_mic_set_akm(uint32_t akm, unsigned int ver, const uint8_t *kck,
		      uint8_t *frame, size_t len);
bool eapol_mic_verify_akm(uint32_t akm, unsigned int ver, const uint8_t *kck,
			  const struct eapol_key *k);

/* --- key data encryption ------------------------------------------------ */

/* 12.7.2 Key Data padding for AES key wrap: if len < 16 or len % 8 != 0,
 * append 0xdd then zeros up to a multiple of 8, at least 16. */
size_t eapol_key_data_padded_len(size_t len);
/* v1: RC4 with key IV || KEK and 256 bytes skipped, in place length-preserving;
 * v2/v3, and v0 (SAE's AKM-defined version, 12.7.2): pad then AES key wrap
 * with KEK (out_len = padded + 8).
 * iv is required for v1 (16 bytes), ignored otherwise. */
int eapol_key_data_encrypt(unsigned int ver, const uint8_t *kek, const uint8_t *iv,
			   const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t cap, size_t *out_len);
/* Inverse. For v2/v3 -EBADMSG if the wrap integrity check fails or the
 * length is not a multiple of 8 / < 24. Padding is left in the output (the
 * KDE parser skips it). */
int eapol_key_data_decrypt(unsigned int ver, const uint8_t *kek, const uint8_t *iv,
			   const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t cap, size_t *out_len);

/* --- KDEs (12.7.2, Table 12-9) ------------------------------------------ */

#define KDE_TYPE_GTK		1
#define KDE_HDR_LEN		6	/* dd len oui(3) type */
#define KDE_GTK_HDR_LEN		2	/* keyid/tx, reserved */
#define GTK_MAX_LEN		32

struct kde_gtk {
	uint8_t key_idx;	/* 0..3 */
	bool tx;
	const uint8_t *gtk;	/* points into the key data */
	size_t gtk_len;
};

/* Append a GTK KDE (dd, len, 00-0f-ac, 1, keyid|tx<<2, 0, GTK). */
int eapol_kde_gtk_build(uint8_t key_idx, bool tx, const uint8_t *gtk,
			size_t gtk_len, uint8_t *out, size_t cap, size_t *out_len);
/* Find and parse the GTK KDE in decrypted key data. Trailing 0xdd 00..
 * padding is accepted. -ENOENT if absent, -EBADMSG if malformed (GTK length
 * not 5..32, truncated element, garbage after the elements). */
int eapol_kde_gtk_find(const uint8_t *key_data, size_t len, struct kde_gtk *out,
		       const char **why);
/* The IGTK KDE (00-0f-ac:9; 12.7.2, Table 12-10 and Figure 12-43): Key ID
 * (2 octets, little endian: 4 or 5, 9.4.2.54), IPN (6 octets, little
 * endian), IGTK (16 octets for BIP-CMAC-128 and BIP-GMAC-128, 32 for the
 * 256-bit BIP ciphers). */
#define KDE_TYPE_IGTK		9
#define KDE_IGTK_HDR_LEN	8	/* key ID, IPN */
#define IGTK_MAX_LEN		32
#define IGTK_KEYID_FIRST	4
#define IGTK_KEYID_SECOND	5
#define IGTK_IPN_MAX		0xffffffffffffULL	/* 48 bits */

struct kde_igtk {
	uint16_t key_id;	/* 4 or 5 */
	uint64_t ipn;		/* 48 bits */
	const uint8_t *igtk;	/* points into the key data */
	size_t igtk_len;	/* 16 or 32 */
};

/* Append an IGTK KDE. -EINVAL for a key ID other than 4/5, an IPN over
 * 48 bits or a key length other than 16/32; -ENOSPC if cap is too small. */
int eapol_kde_igtk_build(uint16_t key_id, uint64_t ipn, const uint8_t *igtk,
			 size_t igtk_len, uint8_t *out, size_t cap,
			 size_t *out_len);
/* Find and parse the IGTK KDE in decrypted key data (padding accepted).
 * -ENOENT if absent; -EBADMSG if the key data is malformed, the KDE's
 * length is not 4 + 8 + 16 or 4 + 8 + 32, or the key ID is not 4 or 5. */
int eapol_kde_igtk_find(const uint8_t *key_data, size_t len,
			struct kde_igtk *out, const char **why);

/* An IGTK the authenticator holds (12.7.1.5: a random value). */
struct eapol_igtk {
	uint32_t cipher;	/* one group management WPA_CIPHER_* bit */
	uint16_t key_id;
	uint64_t ipn;		/* the last IPN used; 0 for a new key */
	uint8_t key[IGTK_MAX_LEN];
	size_t key_len;
};
/* A new random IGTK for cipher, its key ID alternating with the previous
 * one (prev_key_id 4 gives 5, anything else 4: the first key is 4, and a
 * rekey never reuses the ID of the key still in use, 12.7.7.1). -EINVAL
 * if cipher is not one group management cipher; -EIO if the random source
 * fails (out is then zeroed). */
int eapol_igtk_generate(uint32_t cipher, uint16_t prev_key_id,
			struct eapol_igtk *out);
/* Zero the key material. */
void eapol_igtk_clear(struct eapol_igtk *igtk);

/* Validate key data as elements/KDEs followed by optional padding
 * (0xdd then zeros). Returns the length of the element part, or -EBADMSG. */
int eapol_key_data_elements_len(const uint8_t *key_data, size_t len);

#endif
