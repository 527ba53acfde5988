// SPDX-License-Identifier: MIT
/* eapol.c: EAPOL-Key frames (IEEE 802.11-2020 12.7.2), MIC, key data
 * encryption, the GTK and IGTK KDEs and IGTK generation. */
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

/* 12.7.2 b.1: the MIC algorithm (as the version 1..3 that names it) of a
 * key descriptor version under an AKM, or -EINVAL. */
static int mic_alg_for(uint32_t akm, unsigned int ver)
{
	int want = wpa_akm_key_desc_ver(akm, WPA_CIPHER_CCMP);

	if (want < 0)
		return -EINVAL;
	if (want == KEY_DESC_VER_HMAC_SHA1_AES)
		/* AKMs 1 and 2: version 1 (TKIP) or 2 */
		return ver == KEY_DESC_VER_HMAC_MD5_RC4 ||
		       ver == KEY_DESC_VER_HMAC_SHA1_AES ? (int)ver : -EINVAL;
	if ((int)ver != want)
		return -EINVAL;
	/* Version 3, and version 0 for SAE / FT-SAE (12.7.3: their MIC is
	 * AES-128-CMAC with the 16-octet KCK). */
	return KEY_DESC_VER_AES_CMAC;
}

int eapol_mic_compute_akm(uint32_t akm, unsigned int ver, const uint8_t *kck,
			  const uint8_t *frame, size_t len,
			  uint8_t mic[EAPOL_KEY_MIC_LEN])
{
	int alg = mic_alg_for(akm, ver);

	if (alg < 0)
		return alg;
	return eapol_mic_compute((unsigned int)alg, kck, frame, len, mic);
}

int eapol_mic_set_akm(uint32_t akm, unsigned int ver, const uint8_t *kck,
		      uint8_t *frame, size_t len)
{
	int alg = mic_alg_for(akm, ver);

	if (alg < 0)
		return alg;
	return eapol_mic_set((unsigned int)alg, kck, frame, len);
}

bool eapol_mic_verify_akm(uint32_t akm, unsigned int ver, const uint8_t *kck,
			  const struct eapol_key *k)
{
	int alg = mic_alg_for(akm, ver);

	return alg >= 0 && eapol_mic_verify((unsigned int)alg, kck, k);
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

/* 12.7.2 b.1-3: the AES key wrap of the key data, padded first (0xdd then
 * zeros to at least 16 octets and a multiple of 8). */
static int wrap_key_data(const uint8_t *kek, const uint8_t *in, size_t in_len, uint8_t *out,
			 size_t cap, size_t *out_len)
{
	uint8_t tmp[EAPOL_KEY_DATA_MAX];
	size_t padded = eapol_key_data_padded_len(in_len);
	int ret;

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
}

static int unwrap_key_data(const uint8_t *kek, const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t cap, size_t *out_len)
{
	int ret;

	if (in_len < 24 || in_len % 8)
		return -EBADMSG;
	if (cap < in_len - 8)
		return -ENOSPC;
	ret = crypto_aes_unwrap(kek, KEK_LEN, in, in_len, out);
	if (ret)
		return ret;
	*out_len = in_len - 8;
	return 0;
}

/* The key data cipher of each descriptor version, one way or the other:
 * RC4 (its own inverse) or the AES key wrap. */
static int key_data_crypt(bool encrypt, unsigned int ver, const uint8_t *kek, const uint8_t *iv,
			  const uint8_t *in, size_t in_len, uint8_t *out, size_t cap,
			  size_t *out_len)
{
	switch (ver) {
	case KEY_DESC_VER_HMAC_MD5_RC4:
		return rc4_key_data(kek, iv, in, in_len, out, cap, out_len);
	case KEY_DESC_VER_AKM_DEFINED:
	case KEY_DESC_VER_HMAC_SHA1_AES:
	case KEY_DESC_VER_AES_CMAC:
		if (encrypt)
			return wrap_key_data(kek, in, in_len, out, cap, out_len);
		return unwrap_key_data(kek, in, in_len, out, cap, out_len);
	default:
		return -EINVAL;
	}
}

int eapol_key_data_encrypt(unsigned int ver, const uint8_t *kek, const uint8_t *iv,
			   const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t cap, size_t *out_len)
{
	return key_data_crypt(true, ver, kek, iv, in, in_len, out, cap, out_len);
}

int eapol_key_data_decrypt(unsigned int ver, const uint8_t *kek, const uint8_t *iv,
			   const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t cap, size_t *out_len)
{
	return key_data_crypt(false, ver, kek, iv, in, in_len, out, cap, out_len);
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

/* The first KDE of this type (00-0f-ac:type) in key data: *body gets its
 * data after the type octet and *blen that data's length. *why is NULL on
 * success; -EBADMSG for malformed key data, -ENOENT with *why = missing if
 * there is none. */
static int kde_find(const uint8_t *key_data, size_t len, uint8_t type, const char *missing,
		    const uint8_t **body, size_t *blen, const char **why)
{
	struct ie_iter it;
	int elen;

	*why = NULL;
	elen = eapol_key_data_elements_len(key_data, len);
	if (elen < 0) {
		*why = "malformed key data";
		return -EBADMSG;
	}
	ie_iter_init_key_data(&it, key_data, (size_t)elen);
	while (ie_iter_next(&it)) {
		if (it.id == IE_VENDOR && it.len >= 4 &&
		    memcmp(it.data, rsn_oui, 3) == 0 && it.data[3] == type) {
			*body = it.data + 4;
			*blen = it.len - 4u;
			return 0;
		}
	}
	*why = missing;
	return -ENOENT;
}

int eapol_kde_gtk_find(const uint8_t *key_data, size_t len, struct kde_gtk *out,
		       const char **why)
{
	const char *dummy;
	const uint8_t *b;
	size_t l, glen;
	int ret;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof(*out));
	ret = kde_find(key_data, len, KDE_TYPE_GTK, "no GTK KDE in key data", &b, &l, why);
	if (ret)
		return ret;
	if (l < KDE_GTK_HDR_LEN) {
		*why = "GTK KDE too short";
		return -EBADMSG;
	}
	glen = l - KDE_GTK_HDR_LEN;
	if (glen < 5 || glen > GTK_MAX_LEN) {
		*why = "GTK length out of range";
		return -EBADMSG;
	}
	out->key_idx = b[0] & 0x03;
	out->tx = b[0] & 0x04;
	out->gtk = b + KDE_GTK_HDR_LEN;
	out->gtk_len = glen;
	return 0;
}

/* --- IGTK (802.11w) --- */

static bool igtk_key_id_valid(uint16_t key_id)
{
	return key_id == IGTK_KEYID_FIRST || key_id == IGTK_KEYID_SECOND;
}

int eapol_kde_igtk_build(uint16_t key_id, uint64_t ipn, const uint8_t *igtk,
			 size_t igtk_len, uint8_t *out, size_t cap,
			 size_t *out_len)
{
	size_t len = KDE_HDR_LEN + KDE_IGTK_HDR_LEN + igtk_len;

	if (!igtk_key_id_valid(key_id) || ipn > IGTK_IPN_MAX || !igtk ||
	    (igtk_len != 16 && igtk_len != 32))
		return -EINVAL;
	if (!out || cap < len)
		return -ENOSPC;
	out[0] = IE_VENDOR;
	out[1] = (uint8_t)(len - IE_HDR_LEN);
	memcpy(out + 2, rsn_oui, 3);
	out[5] = KDE_TYPE_IGTK;
	put_le16(out + 6, key_id);
	for (int i = 0; i < 6; i++)
		out[8 + i] = (uint8_t)(ipn >> (8 * i));
	memcpy(out + KDE_HDR_LEN + KDE_IGTK_HDR_LEN, igtk, igtk_len);
	*out_len = len;
	return 0;
}

int eapol_kde_igtk_find(const uint8_t *key_data, size_t len,
			struct kde_igtk *out, const char **why)
{
	const char *dummy;
	const uint8_t *b;
	size_t l;
	int ret;

	if (!why)
		why = &dummy;
	memset(out, 0, sizeof(*out));
	ret = kde_find(key_data, len, KDE_TYPE_IGTK, "no IGTK KDE in key data", &b, &l, why);
	if (ret)
		return ret;
	if (l != KDE_IGTK_HDR_LEN + 16 && l != KDE_IGTK_HDR_LEN + 32) {
		*why = "IGTK KDE length is not 4 + 8 + 16 or 4 + 8 + 32";
		return -EBADMSG;
	}
	out->key_id = get_le16(b);
	if (!igtk_key_id_valid(out->key_id)) {
		*why = "IGTK key ID is not 4 or 5";
		return -EBADMSG;
	}
	out->ipn = 0;
	for (int i = 5; i >= 0; i--)
		out->ipn = out->ipn << 8 | b[2 + i];
	out->igtk = b + KDE_IGTK_HDR_LEN;
	out->igtk_len = l - KDE_IGTK_HDR_LEN;
	return 0;
}

int eapol_igtk_generate(uint32_t cipher, uint16_t prev_key_id,
			struct eapol_igtk *out)
{
	size_t key_len = wpa_cipher_key_len(cipher);
	int ret;

	if (!out || !wpa_cipher_is_group_mgmt(cipher) || !key_len ||
	    key_len > IGTK_MAX_LEN)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->cipher = cipher;
	out->key_id = prev_key_id == IGTK_KEYID_FIRST ? IGTK_KEYID_SECOND :
							  IGTK_KEYID_FIRST;
	out->key_len = key_len;
	ret = crypto_random(out->key, key_len);
	if (ret)
		eapol_igtk_clear(out);
	return ret;
}

void eapol_igtk_clear(struct eapol_igtk *igtk)
{
	if (igtk)
		secure_zero(igtk, sizeof(*igtk));
}
