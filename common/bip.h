/* SPDX-License-Identifier: MIT */
/* bip.h: BIP-CMAC-128, the integrity protection of group addressed robust
 * management frames (IEEE 802.11-2020 12.5.4), and its Management MIC
 * element (MME, element ID 76, 9.4.2.54). Once the IGTK is installed with
 * nl80211 the kernel protects and checks real traffic; this is for the lab
 * and for diagnosis, which produce and check MMEs themselves.
 *
 * Frames here are whole MPDUs without the FCS, starting at Frame Control.
 * The MME is the last element of the frame body (12.5.4.5). All functions
 * return 0 or -errno. */
#ifndef ROAMLAB_BIP_H
#define ROAMLAB_BIP_H

#include <stddef.h>
#include <stdint.h>

#define BIP_AAD_LEN	20	/* FC, A1, A2, A3 (12.5.4.4) */
#define BIP_MIC_LEN	8	/* BIP-CMAC-128 */
#define BIP_IGTK_LEN	16
#define BIP_MME_LEN	18	/* 2 + key ID (2) + IPN (6) + MIC (8) */
#define BIP_IPN_MAX	0xffffffffffffULL

/* A parsed MME; mic points into the frame. */
struct bip_mme {
	uint16_t key_id;	/* 4 or 5 */
	uint64_t ipn;		/* 48 bits, little endian on the air */
	const uint8_t *mic;	/* BIP_MIC_LEN */
};

/* 12.5.4.4: the AAD of a management frame: Frame Control with Retry,
 * Power Management and More Data masked to 0, then A1, A2, A3. -EINVAL
 * if frame is not a management frame of at least 24 octets. */
int bip_aad(const uint8_t *frame, size_t len, uint8_t aad[BIP_AAD_LEN]);
/* The MME at the end of the frame's body. -EINVAL for a frame that is not
 * management or too short for a header; -ENOENT if the body does not end
 * in an MME of BIP-CMAC-128's length (16). */
int bip_mme_parse(const uint8_t *frame, size_t len, struct bip_mme *mme);
/* The MIC of a frame that ends in an MME (the MME's MIC field is taken as
 * zero): the first 64 bits of AES-128-CMAC(IGTK, AAD || frame body). */
int bip_mic(const uint8_t igtk[BIP_IGTK_LEN], const uint8_t *frame, size_t len,
	    uint8_t mic[BIP_MIC_LEN]);
/* Append an MME with key_id (4 or 5), ipn (1..2^48-1, the caller's
 * counter after it incremented it, 12.5.4.5) and the MIC to the len-octet
 * frame in buf (cap octets); *out_len gets the new length. -EINVAL for bad
 * arguments, -ENOSPC if the MME does not fit. */
int bip_protect(const uint8_t igtk[BIP_IGTK_LEN], uint16_t key_id, uint64_t ipn,
		uint8_t *buf, size_t len, size_t cap, size_t *out_len);
/* 12.5.4.5 receive processing, in its order: the MME present (-ENOENT),
 * its key ID the IGTK's (-EKEYREJECTED), its IPN above *rx_ipn (else
 * -ESTALE: a replay), the MIC right (-EBADMSG, constant time). On success
 * *rx_ipn becomes the frame's IPN; on any failure it is left alone. why
 * (if not NULL) gets a short static text. */
int bip_verify(const uint8_t igtk[BIP_IGTK_LEN], uint16_t key_id,
	       uint64_t *rx_ipn, const uint8_t *frame, size_t len,
	       const char **why);

#endif
