// SPDX-License-Identifier: MIT
/* eapol.c: EAPOL-Key frames (IEEE 802.11-2020 12.7.2), MIC, key data
 * encryption and the GTK KDE. */
#include <errno.h>
#include <string.h>

#include "crypto.h"
#include "eapol.h"
#include "util.h"


int eapol_key_parse(const uint8_t *frame, size_t len, struct eapol_key *k,
		    const char **why)
{
	const char *dummy;
	size_t body_len;

	if (!why)
		why = &dummy;
	*why = NULL;
	memset(k, 0, sizeof(*k));
	if (!frame || len < EAPOL_HDR_LEN) {
		*why = "truncated EAPOL header";
		return -EBADMSG;
	}
	k->eapol_version = frame[0];
	k->eapol_type = frame[1];
	k->body_len = get_be16(frame + 2);
	body_len = k->body_len;
	if (k->eapol_type != EAPOL_TYPE_KEY) {
		*why = "not an EAPOL-Key frame";
		return -EPROTO;
	}
	if (body_len > len - EAPOL_HDR_LEN) {
		*why = "EAPOL body length exceeds the frame";
		return -EBADMSG;
	}
	if (body_len < EAPOL_KEY_FIXED_LEN - EAPOL_HDR_LEN) {
		*why = "EAPOL-Key body too short";
		return -EBADMSG;
	}
	if (body_len > EAPOL_KEY_FRAME_MAX - EAPOL_HDR_LEN) {
		*why = "EAPOL-Key frame too long";
		return -EMSGSIZE;
	}
	k->desc_type = frame[EAPOL_KEY_OFF_DESC];
	if (k->desc_type != EAPOL_DESC_RSN && k->desc_type != EAPOL_DESC_WPA) {
		*why = "unknown key descriptor type";
		return -EPROTO;
	}
	k->key_info = get_be16(frame + EAPOL_KEY_OFF_INFO);
	k->key_len = get_be16(frame + EAPOL_KEY_OFF_KEYLEN);
	k->replay = frame + EAPOL_KEY_OFF_REPLAY;
	k->replay_counter = get_be64(k->replay);
	k->nonce = frame + EAPOL_KEY_OFF_NONCE;
	k->iv = frame + EAPOL_KEY_OFF_IV;
	k->rsc = frame + EAPOL_KEY_OFF_RSC;
	k->key_id = frame + EAPOL_KEY_OFF_ID;
	k->mic = frame + EAPOL_KEY_OFF_MIC;
	k->key_data_len = get_be16(frame + EAPOL_KEY_OFF_DATALEN);
	if ((size_t)k->key_data_len > body_len + EAPOL_HDR_LEN - EAPOL_KEY_FIXED_LEN) {
		*why = "key data length exceeds the EAPOL body";
		return -EBADMSG;
	}
	k->key_data = frame + EAPOL_KEY_OFF_DATA;
	k->frame = frame;
	k->frame_len = EAPOL_HDR_LEN + body_len;
	return 0;
}

enum eapol_msg eapol_key_classify(const struct eapol_key *k)
{
	uint16_t ki = k->key_info;
	bool ack = ki & KEY_INFO_ACK, mic = ki & KEY_INFO_MIC;

	if (ki & KEY_INFO_REQUEST)
		return EAPOL_MSG_REQUEST;
	if (ki & KEY_INFO_TYPE_PAIRWISE) {
		if (ack)
			return mic ? EAPOL_MSG_PTK_3 : EAPOL_MSG_PTK_1;
		if (!mic)
			return EAPOL_MSG_UNKNOWN;
		/* 2/4 carries the STA's RSN/WPA element; 4/4 has no key data
		 * (in WPA1 their key_info is identical). */
		return k->key_data_len ? EAPOL_MSG_PTK_2 : EAPOL_MSG_PTK_4;
	}
	if (!mic)
		return EAPOL_MSG_UNKNOWN;
	return ack ? EAPOL_MSG_GROUP_1 : EAPOL_MSG_GROUP_2;
}

const char *eapol_msg_name(enum eapol_msg m)
{
	switch (m) {
	case EAPOL_MSG_UNKNOWN:
		return "unknown";
	case EAPOL_MSG_PTK_1:
		return "1/4 Pairwise";
	case EAPOL_MSG_PTK_2:
		return "2/4 Pairwise";
	case EAPOL_MSG_PTK_3:
		return "3/4 Pairwise";
	case EAPOL_MSG_PTK_4:
		return "4/4 Pairwise";
	case EAPOL_MSG_GROUP_1:
		return "1/2 Group";
	case EAPOL_MSG_GROUP_2:
		return "2/2 Group";
	case EAPOL_MSG_REQUEST:
		return "Request";
	}
	return "?";
}

int eapol_msg_number(enum eapol_msg m)
{
	switch (m) {
	case EAPOL_MSG_PTK_1:
	case EAPOL_MSG_GROUP_1:
		return 1;
	case EAPOL_MSG_PTK_2:
	case EAPOL_MSG_GROUP_2:
		return 2;
	case EAPOL_MSG_PTK_3:
		return 3;
	case EAPOL_MSG_PTK_4:
		return 4;
	case EAPOL_MSG_UNKNOWN:
	case EAPOL_MSG_REQUEST:
		return 0;
	}
	return 0;
}

int eapol_key_build(const struct eapol_key_params *p, uint8_t *out, size_t cap,
		    size_t *out_len)
{
	size_t len;

	if (p->key_data_len > EAPOL_KEY_DATA_MAX || (p->key_data_len && !p->key_data))
		return -EMSGSIZE;
	len = EAPOL_KEY_FIXED_LEN + p->key_data_len;
	if (!out || cap < len)
		return -ENOSPC;
	memset(out, 0, EAPOL_KEY_FIXED_LEN);
	out[0] = p->eapol_version;
	out[1] = EAPOL_TYPE_KEY;
	put_be16(out + 2, (uint16_t)(len - EAPOL_HDR_LEN));
	out[EAPOL_KEY_OFF_DESC] = p->desc_type;
	put_be16(out + EAPOL_KEY_OFF_INFO, p->key_info);
	put_be16(out + EAPOL_KEY_OFF_KEYLEN, p->key_len);
	put_be64(out + EAPOL_KEY_OFF_REPLAY, p->replay_counter);
	if (p->nonce)
		memcpy(out + EAPOL_KEY_OFF_NONCE, p->nonce, NONCE_LEN);
	if (p->iv)
		memcpy(out + EAPOL_KEY_OFF_IV, p->iv, EAPOL_KEY_IV_LEN);
	if (p->rsc)
		memcpy(out + EAPOL_KEY_OFF_RSC, p->rsc, EAPOL_KEY_RSC_LEN);
	put_be16(out + EAPOL_KEY_OFF_DATALEN, (uint16_t)p->key_data_len);
	if (p->key_data_len)
		memcpy(out + EAPOL_KEY_OFF_DATA, p->key_data, p->key_data_len);
	*out_len = len;
	return 0;
}

/* --- MIC --- */

int eapol_mic_compute(unsigned int ver, const uint8_t *kck, const uint8_t *frame,
		      size_t len, uint8_t mic[EAPOL_KEY_MIC_LEN])
{
	uint8_t tmp[EAPOL_KEY_FRAME_MAX];
	uint8_t sha[20];
	int ret = -EINVAL;

	if (len < EAPOL_KEY_FIXED_LEN || len > sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, frame, len);
	memset(tmp + EAPOL_KEY_OFF_MIC, 0, EAPOL_KEY_MIC_LEN);
	switch (ver) {
	case KEY_DESC_VER_HMAC_MD5_RC4:
		ret = crypto_hmac_md5(kck, KCK_LEN, tmp, len, mic);
		break;
	case KEY_DESC_VER_HMAC_SHA1_AES:
		ret = crypto_hmac_sha1(kck, KCK_LEN, tmp, len, sha);
		if (!ret)
			memcpy(mic, sha, EAPOL_KEY_MIC_LEN);
		secure_zero(sha, sizeof(sha));
		break;
	case KEY_DESC_VER_AES_CMAC:
		ret = crypto_aes_cmac(kck, tmp, len, mic);
		break;
	default:
		ret = -EINVAL;
		break;
	}
	return ret;
}

int eapol_mic_set(unsigned int ver, const uint8_t *kck, uint8_t *frame, size_t len)
{
	uint8_t mic[EAPOL_KEY_MIC_LEN];
	int ret;

	ret = eapol_mic_compute(ver, kck, frame, len, mic);
	if (ret)
		return ret;
	memcpy(frame + EAPOL_KEY_OFF_MIC, mic, EAPOL_KEY_MIC_LEN);
	return 0;
}

bool eapol_mic_verify(unsigned int ver, const uint8_t *kck,
		      const struct eapol_key *k)
{
	uint8_t mic[EAPOL_KEY_MIC_LEN];

	if (!k->frame || eapol_mic_compute(ver, kck, k->frame, k->frame_len, mic))
		return false;
	return ct_equal(mic, k->mic, EAPOL_KEY_MIC_LEN);
}

/* --- key data encryption --- */

size_t eapol_key_data_padded_len(size_t len)
{
	size_t p;

	if (len >= 16 && len % 8 == 0)
		return len;
	p = (len + 1 + 7) / 8 * 8;
	return p < 16 ? 16 : p;
}

/* 12.7.2: WPA1 key data is RC4 keyed with Key IV || KEK, the first 256
 * octets of the keystream discarded. RC4 is its own inverse, so this both
 * encrypts and decrypts. */
static int rc4_key_data(const uint8_t *kek, const uint8_t *iv, const uint8_t *in,
			size_t in_len, uint8_t *out, size_t cap, size_t *out_len)
{
	uint8_t rc4key[EAPOL_KEY_IV_LEN + KEK_LEN];
	int ret;

	if (!iv)
		return -EINVAL;
	if (cap < in_len)
		return -ENOSPC;
	memcpy(rc4key, iv, EAPOL_KEY_IV_LEN);
	memcpy(rc4key + EAPOL_KEY_IV_LEN, kek, KEK_LEN);
	memmove(out, in, in_len);
	ret = crypto_rc4_skip(rc4key, sizeof(rc4key), 256, out, in_len);
	secure_zero(rc4key, sizeof(rc4key));
	if (!ret)
		*out_len = in_len;
	return ret;
}

int eapol_key_data_encrypt(unsigned int ver, const uint8_t *kek, const uint8_t *iv,
			   const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t cap, size_t *out_len)
{
	uint8_t tmp[EAPOL_KEY_DATA_MAX];
	size_t padded;
	int ret = -EINVAL;

	switch (ver) {
	case KEY_DESC_VER_HMAC_MD5_RC4:
		return rc4_key_data(kek, iv, in, in_len, out, cap, out_len);
	case KEY_DESC_VER_HMAC_SHA1_AES:
	case KEY_DESC_VER_AES_CMAC:
		padded = eapol_key_data_padded_len(in_len);
		if (padded > sizeof(tmp) || padded + 8 > EAPOL_KEY_DATA_MAX)
			return -EMSGSIZE;
		if (cap < padded + 8)
			return -ENOSPC;
		memcpy(tmp, in, in_len);
		if (padded > in_len) {
			tmp[in_len] = 0xdd;
			memset(tmp + in_len + 1, 0, padded - in_len - 1);
		}
		ret = crypto_aes_wrap(kek, KEK_LEN, tmp, padded, out);
		secure_zero(tmp, padded);
		if (!ret)
			*out_len = padded + 8;
		return ret;
	default:
		return -EINVAL;
	}
}

int eapol_key_data_decrypt(unsigned int ver, const uint8_t *kek, const uint8_t *iv,
			   const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t cap, size_t *out_len)
{
	int ret;

	switch (ver) {
	case KEY_DESC_VER_HMAC_MD5_RC4:
		return rc4_key_data(kek, iv, in, in_len, out, cap, out_len);
	case KEY_DESC_VER_HMAC_SHA1_AES:
	case KEY_DESC_VER_AES_CMAC:
		if (in_len < 24 || in_len % 8)
			return -EBADMSG;
		if (cap < in_len - 8)
			return -ENOSPC;
		ret = crypto_aes_unwrap(kek, KEK_LEN, in, in_len, out);
		if (ret)
			return ret == -EBADMSG ? -EBADMSG : ret;
		*out_len = in_len - 8;
		return 0;
	default:
		return -EINVAL;
	}
}

/* --- KDEs --- */

int eapol_kde_gtk_build(uint8_t key_idx, bool tx, const uint8_t *gtk,
			size_t gtk_len, uint8_t *out, size_t cap, size_t *out_len)
{
	size_t len = KDE_HDR_LEN + KDE_GTK_HDR_LEN + gtk_len;

	if (key_idx > 3 || gtk_len < 5 || gtk_len > GTK_MAX_LEN)
		return -EINVAL;
	if (cap < len)
		return -ENOSPC;
	out[0] = IE_VENDOR;
	out[1] = (uint8_t)(len - IE_HDR_LEN);
	memcpy(out + 2, rsn_oui, 3);
	out[5] = KDE_TYPE_GTK;
	out[6] = (uint8_t)(key_idx | (tx ? 0x04 : 0));
	out[7] = 0;
	memcpy(out + 8, gtk, gtk_len);
	*out_len = len;
	return 0;
}

int eapol_key_data_elements_len(const uint8_t *key_data, size_t len)
{
	struct ie_iter it;

	if (len > EAPOL_KEY_DATA_MAX)
		return -EBADMSG;
	ie_iter_init_key_data(&it, key_data, len);
	while (ie_iter_next(&it))
		;
	return it.error ? -EBADMSG : (int)it.pos;
}

int eapol_kde_gtk_find(const uint8_t *key_data, size_t len, struct kde_gtk *out,
		       const char **why)
{
	const char *dummy;
	struct ie_iter it;
	int elen;

	if (!why)
		why = &dummy;
	*why = NULL;
	memset(out, 0, sizeof(*out));
	elen = eapol_key_data_elements_len(key_data, len);
	if (elen < 0) {
		*why = "malformed key data";
		return -EBADMSG;
	}
	ie_iter_init_key_data(&it, key_data, (size_t)elen);
	while (ie_iter_next(&it)) {
		const uint8_t *e = it.data - IE_HDR_LEN;
		size_t l = it.len;

		if (e[0] == IE_VENDOR && l >= 4 && memcmp(e + 2, rsn_oui, 3) == 0 &&
		    e[5] == KDE_TYPE_GTK) {
			size_t glen;

			if (l < 4 + KDE_GTK_HDR_LEN) {
				*why = "GTK KDE too short";
				return -EBADMSG;
			}
			glen = l - 4 - KDE_GTK_HDR_LEN;
			if (glen < 5 || glen > GTK_MAX_LEN) {
				*why = "GTK length out of range";
				return -EBADMSG;
			}
			out->key_idx = e[6] & 0x03;
			out->tx = e[6] & 0x04;
			out->gtk = e + 8;
			out->gtk_len = glen;
			return 0;
		}
	}
	*why = "no GTK KDE in key data";
	return -ENOENT;
}
