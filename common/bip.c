// SPDX-License-Identifier: MIT
/* bip.c: BIP-CMAC-128 and the MME (IEEE 802.11-2020 12.5.4, 9.4.2.54). */
#include <errno.h>
#include <string.h>

#include "bip.h"
#include "crypto.h"
#include "ie.h"
#include "util.h"

#define HDR_LEN		24
#define HTC_LEN		4
#define FC0_TYPE_MASK	0x0c	/* management is type 0 */
#define FC1_RETRY	0x08
#define FC1_PWRMGT	0x10
#define FC1_MOREDATA	0x20
#define FC1_ORDER	0x80	/* +HTC: a 4-octet HT Control field follows A3..seq */

/* The MAC header length of a management frame, or 0 if it is not one or
 * is too short. A management frame with the Order bit carries HT Control
 * (9.3.3.1), which the body (and so the MIC) does not include. */
static size_t mgmt_hdr_len(const uint8_t *frame, size_t len)
{
	size_t h;

	if (!frame || len < HDR_LEN || (frame[0] & FC0_TYPE_MASK) != 0)
		return 0;
	h = HDR_LEN + ((frame[1] & FC1_ORDER) ? HTC_LEN : 0);
	return len < h ? 0 : h;
}

int bip_aad(const uint8_t *frame, size_t len, uint8_t aad[BIP_AAD_LEN])
{
	if (!aad || !mgmt_hdr_len(frame, len))
		return -EINVAL;
	aad[0] = frame[0];
	aad[1] = frame[1] & (uint8_t)~(FC1_RETRY | FC1_PWRMGT | FC1_MOREDATA);
	memcpy(aad + 2, frame + 4, 3 * ETH_ALEN);
	return 0;
}

int bip_mme_parse(const uint8_t *frame, size_t len, struct bip_mme *mme)
{
	size_t h = mgmt_hdr_len(frame, len);
	const uint8_t *e;

	if (!h || !mme)
		return -EINVAL;
	memset(mme, 0, sizeof(*mme));
	if (len - h < BIP_MME_LEN)
		return -ENOENT;
	e = frame + len - BIP_MME_LEN;
	if (e[0] != IE_MME || e[1] != BIP_MME_LEN - IE_HDR_LEN)
		return -ENOENT;
	mme->key_id = get_le16(e + 2);
	for (int i = 5; i >= 0; i--)
		mme->ipn = mme->ipn << 8 | e[4 + i];
	mme->mic = e + 10;
	return 0;
}

int bip_mic(const uint8_t igtk[BIP_IGTK_LEN], const uint8_t *frame, size_t len,
	    uint8_t mic[BIP_MIC_LEN])
{
	static const uint8_t zero_mic[BIP_MIC_LEN];
	uint8_t aad[BIP_AAD_LEN], full[16];
	struct bip_mme mme;
	size_t h = mgmt_hdr_len(frame, len);
	int ret;

	if (!igtk || !mic || !h)
		return -EINVAL;
	ret = bip_mme_parse(frame, len, &mme);
	if (ret)
		return ret;
	bip_aad(frame, len, aad);
	{
		/* 12.5.4.5: AAD || body, the MME's MIC field as zeros */
		struct crypto_vec v[3] = {
			{ aad, sizeof(aad) },
			{ frame + h, len - h - BIP_MIC_LEN },
			{ zero_mic, BIP_MIC_LEN },
		};

		ret = crypto_aes_cmac_vec(igtk, v, ARRAY_SIZE(v), full);
	}
	if (!ret)
		memcpy(mic, full, BIP_MIC_LEN);
	secure_zero(full, sizeof(full));
	return ret;
}

int bip_protect(const uint8_t igtk[BIP_IGTK_LEN], uint16_t key_id, uint64_t ipn,
		uint8_t *buf, size_t len, size_t cap, size_t *out_len)
{
	uint8_t *e;
	int ret;

	if (!igtk || !out_len || !mgmt_hdr_len(buf, len) ||
	    (key_id != 4 && key_id != 5) || ipn == 0 || ipn > BIP_IPN_MAX)
		return -EINVAL;
	if (cap < len || cap - len < BIP_MME_LEN)
		return -ENOSPC;
	e = buf + len;
	e[0] = IE_MME;
	e[1] = BIP_MME_LEN - IE_HDR_LEN;
	put_le16(e + 2, key_id);
	for (int i = 0; i < 6; i++)
		e[4 + i] = (uint8_t)(ipn >> (8 * i));
	memset(e + 10, 0, BIP_MIC_LEN);
	ret = bip_mic(igtk, buf, len + BIP_MME_LEN, e + 10);
	if (ret)
		return ret;
	*out_len = len + BIP_MME_LEN;
	return 0;
}

int bip_verify(const uint8_t igtk[BIP_IGTK_LEN], uint16_t key_id,
	       uint64_t *rx_ipn, const uint8_t *frame, size_t len,
	       const char **why)
{
	uint8_t mic[BIP_MIC_LEN];
	struct bip_mme mme;
	const char *dummy;
	int ret;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!igtk || !rx_ipn) {
		*why = "no IGTK or replay counter";
		return -EINVAL;
	}
	ret = bip_mme_parse(frame, len, &mme);
	if (ret) {
		*why = ret == -ENOENT ? "no MME at the end of the frame" :
					"not a management frame";
		return ret;
	}
	if (mme.key_id != key_id) {
		*why = "MME key ID is not the IGTK's";
		return -EKEYREJECTED;
	}
	if (mme.ipn <= *rx_ipn) {
		*why = "IPN not above the replay counter (replay)";
		return -ESTALE;
	}
	ret = bip_mic(igtk, frame, len, mic);
	if (ret) {
		*why = "MIC computation failed";
		return ret;
	}
	if (!ct_equal(mic, mme.mic, BIP_MIC_LEN)) {
		*why = "MME MIC mismatch";
		return -EBADMSG;
	}
	*rx_ipn = mme.ipn;
	return 0;
}
