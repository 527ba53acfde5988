// SPDX-License-Identifier: MIT
/* ft_ie.c: MDE, FTE and its subelements, the FT elements of a frame, the
 * FTE MIC and the FT Action frame bodies (IEEE 802.11-2020 9.4.2.45,
 * 9.4.2.46, 9.6.8, 12.8.4, 12.8.5). Every walk uses the element iterator
 * of ie.c (the FTE subelements have the element layout: ID, Length, body). */
#include <errno.h>
#include <string.h>

#include "buf.h"
#include "crypto.h"
#include "eapol.h"
#include "ft_ie.h"
#include "ie.h"
#include "mgmt.h"
#include "util.h"

/* --- MDE -------------------------------------------------------------------- */

int ft_mde_build(struct wbuf *w, const struct ft_mde *mde)
{
	if (!w || !mde)
		return -EINVAL;
	wbuf_put_u8(w, IE_MDE);
	wbuf_put_u8(w, FT_MDE_LEN);
	wbuf_put_data(w, mde->mdid, FT_MDID_LEN);
	wbuf_put_u8(w, mde->cap);
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int ft_mde_parse(const uint8_t *ie, size_t len, struct ft_mde *out)
{
	if (!out || !ie_is_one(ie, len, IE_MDE) || ie[1] != FT_MDE_LEN)
		return -EBADMSG;
	memcpy(out->mdid, ie + 2, FT_MDID_LEN);
	out->cap = ie[4];
	return 0;
}

/* --- FTE -------------------------------------------------------------------- */

static int fail(const char **why, const char *text)
{
	if (why)
		*why = text;
	return -EBADMSG;
}

static int fte_sub(struct ft_fte *f, const struct ie_iter *it, const char **why)
{
	switch (it->id) {
	case FT_SUB_R1KH_ID:
		if (f->r1kh_id)
			return fail(why, "R1KH-ID subelement twice");
		if (it->len != FT_R1KH_ID_LEN)
			return fail(why, "R1KH-ID subelement is not 6 octets");
		f->r1kh_id = it->data;
		return 0;
	case FT_SUB_R0KH_ID:
		if (f->r0kh_id)
			return fail(why, "R0KH-ID subelement twice");
		if (!it->len || it->len > FT_R0KH_ID_MAX)
			return fail(why, "R0KH-ID subelement is not 1..48 octets");
		f->r0kh_id = it->data;
		f->r0kh_id_len = it->len;
		return 0;
	case FT_SUB_GTK:
		if (f->gtk)
			return fail(why, "GTK subelement twice");
		if (it->len < FT_GTK_SUB_MIN || it->len > FT_GTK_SUB_MAX ||
		    (it->len - FT_GTK_SUB_FIXED) % 8)
			return fail(why, "GTK subelement length");
		f->gtk = it->data;
		f->gtk_len = it->len;
		return 0;
	case FT_SUB_IGTK:
		if (f->igtk)
			return fail(why, "IGTK subelement twice");
		if (it->len != FT_IGTK_SUB_MIN && it->len != FT_IGTK_SUB_MAX)
			return fail(why, "IGTK subelement length");
		f->igtk = it->data;
		f->igtk_len = it->len;
		return 0;
	}
	f->unknown++;
	return 0;
}

int ft_fte_parse(const uint8_t *ie, size_t len, struct ft_fte *out, const char **why)
{
	struct ie_iter it;
	const uint8_t *b;
	int ret;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (!ie_is_one(ie, len, IE_FTE))
		return fail(why, "not an FTE of its buffer's length");
	if (ie[1] < FT_FTE_FIXED_LEN)
		return fail(why, "FTE shorter than its fixed fields");
	b = ie + IE_HDR_LEN;
	memcpy(out->mic_control, b, 2);
	out->rsnxe_used = b[0] & FT_MIC_CTRL_RSNXE_USED;
	out->element_count = b[1];
	out->mic = b + 2;
	out->anonce = b + 2 + FT_MIC_LEN;
	out->snonce = out->anonce + 32;
	ie_iter_init_raw(&it, b + FT_FTE_FIXED_LEN, ie[1] - FT_FTE_FIXED_LEN);
	while (ie_iter_next(&it)) {
		ret = fte_sub(out, &it, why);
		if (ret)
			return ret;
	}
	if (it.error)
		return fail(why, "FTE subelement runs past the element");
	return 0;
}

static void put_sub(struct wbuf *w, uint8_t id, const uint8_t *p, size_t n)
{
	wbuf_put_u8(w, id);
	wbuf_put_u8(w, (uint8_t)n);
	wbuf_put_data(w, p, n);
}

int ft_fte_build(struct wbuf *w, const struct ft_fte_fields *f)
{
	static const uint8_t zero[32];
	size_t body = FT_FTE_FIXED_LEN;

	if (!w || !f)
		return -EINVAL;
	if (f->r0kh_id && (!f->r0kh_id_len || f->r0kh_id_len > FT_R0KH_ID_MAX))
		return -EINVAL;
	if (f->gtk && (f->gtk_len < FT_GTK_SUB_MIN || f->gtk_len > FT_GTK_SUB_MAX))
		return -EINVAL;
	if (f->igtk && f->igtk_len != FT_IGTK_SUB_MIN && f->igtk_len != FT_IGTK_SUB_MAX)
		return -EINVAL;
	body += f->r1kh_id ? 2 + FT_R1KH_ID_LEN : 0;
	body += f->r0kh_id ? 2 + f->r0kh_id_len : 0;
	body += f->gtk ? 2 + f->gtk_len : 0;
	body += f->igtk ? 2 + f->igtk_len : 0;
	if (body > 255)
		return -EMSGSIZE;
	wbuf_put_u8(w, IE_FTE);
	wbuf_put_u8(w, (uint8_t)body);
	wbuf_put_u8(w, f->rsnxe_used ? FT_MIC_CTRL_RSNXE_USED : 0);
	wbuf_put_u8(w, f->element_count);
	wbuf_put_data(w, f->mic ? f->mic : zero, FT_MIC_LEN);
	wbuf_put_data(w, f->anonce ? f->anonce : zero, 32);
	wbuf_put_data(w, f->snonce ? f->snonce : zero, 32);
	/* subelements in ID order, as hostapd writes them: R1KH-ID, GTK,
	 * R0KH-ID, IGTK */
	if (f->r1kh_id)
		put_sub(w, FT_SUB_R1KH_ID, f->r1kh_id, FT_R1KH_ID_LEN);
	if (f->gtk)
		put_sub(w, FT_SUB_GTK, f->gtk, f->gtk_len);
	if (f->r0kh_id)
		put_sub(w, FT_SUB_R0KH_ID, f->r0kh_id, f->r0kh_id_len);
	if (f->igtk)
		put_sub(w, FT_SUB_IGTK, f->igtk, f->igtk_len);
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

/* --- GTK / IGTK subelements ------------------------------------------------ */

/* Pad as 12.7.2 key data (0xdd then zeros, at least 16, a multiple of 8)
 * and wrap. out gets padded + 8 octets. */
static int wrap_key(const uint8_t *kek, size_t kek_len, const uint8_t *key,
		    size_t key_len, uint8_t *out, size_t cap, size_t *out_len)
{
	uint8_t plain[40];
	size_t padded = eapol_key_data_padded_len(key_len);
	int ret;

	if (padded > 32 || padded + 8 > cap)
		return -ENOSPC;
	memset(plain, 0, sizeof(plain));
	memcpy(plain, key, key_len);
	if (padded > key_len)
		plain[key_len] = 0xdd;
	ret = crypto_aes_wrap(kek, kek_len, plain, padded, out);
	secure_zero(plain, sizeof(plain));
	if (!ret)
		*out_len = padded + 8;
	return ret;
}

int ft_gtk_sub_build(const uint8_t *kek, size_t kek_len, uint8_t key_id,
		     const uint8_t rsc[8], const uint8_t *gtk, size_t gtk_len,
		     uint8_t *out, size_t cap, size_t *out_len)
{
	size_t wl = 0;
	int ret;

	if (!kek || !gtk || !out || !out_len || key_id < 1 || key_id > 3 ||
	    (gtk_len != 16 && gtk_len != 32) || cap < FT_GTK_SUB_FIXED)
		return -EINVAL;
	put_le16(out, key_id & 0x03);
	out[2] = (uint8_t)gtk_len;
	if (rsc)
		memcpy(out + 3, rsc, 8);
	else
		memset(out + 3, 0, 8);
	ret = wrap_key(kek, kek_len, gtk, gtk_len, out + FT_GTK_SUB_FIXED,
		       cap - FT_GTK_SUB_FIXED, &wl);
	if (ret)
		return ret;
	*out_len = FT_GTK_SUB_FIXED + wl;
	return 0;
}

static int unwrap_key(const uint8_t *kek, size_t kek_len, const uint8_t *wrapped,
		      size_t wlen, size_t key_len, uint8_t key[32])
{
	uint8_t plain[40];
	int ret;

	if (wlen < 24 || wlen > 48 || wlen % 8 || key_len > wlen - 8 || key_len > 32)
		return -EBADMSG;
	ret = crypto_aes_unwrap(kek, kek_len, wrapped, wlen, plain);
	if (!ret)
		memcpy(key, plain, key_len);
	secure_zero(plain, sizeof(plain));
	return ret ? -EBADMSG : 0;
}

int ft_gtk_sub_parse(const uint8_t *kek, size_t kek_len, const uint8_t *body,
		     size_t len, struct ft_gtk *out)
{
	int ret;

	if (!kek || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (!body || len < FT_GTK_SUB_MIN || len > FT_GTK_SUB_MAX)
		return -EBADMSG;
	out->key_id = get_le16(body) & 0x03;
	out->key_len = body[2];
	memcpy(out->rsc, body + 3, 8);
	if (!out->key_id || out->key_len < 5)
		return -EBADMSG;
	ret = unwrap_key(kek, kek_len, body + FT_GTK_SUB_FIXED, len - FT_GTK_SUB_FIXED,
			 out->key_len, out->key);
	if (ret)
		ft_gtk_clear(out);
	return ret;
}

int ft_igtk_sub_build(const uint8_t *kek, size_t kek_len, uint16_t key_id,
		      uint64_t ipn, const uint8_t *igtk, size_t igtk_len,
		      uint8_t *out, size_t cap, size_t *out_len)
{
	size_t wl = 0;
	int ret;

	if (!kek || !igtk || !out || !out_len || (key_id != 4 && key_id != 5) ||
	    ipn > 0xffffffffffffULL || (igtk_len != 16 && igtk_len != 32) ||
	    cap < FT_IGTK_SUB_FIXED)
		return -EINVAL;
	put_le16(out, key_id);
	for (int i = 0; i < 6; i++)
		out[2 + i] = (uint8_t)(ipn >> (8 * i));
	out[8] = (uint8_t)igtk_len;
	ret = wrap_key(kek, kek_len, igtk, igtk_len, out + FT_IGTK_SUB_FIXED,
		       cap - FT_IGTK_SUB_FIXED, &wl);
	if (ret)
		return ret;
	*out_len = FT_IGTK_SUB_FIXED + wl;
	return 0;
}

int ft_igtk_sub_parse(const uint8_t *kek, size_t kek_len, const uint8_t *body,
		      size_t len, struct ft_igtk *out)
{
	int ret;

	if (!kek || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (!body || (len != FT_IGTK_SUB_MIN && len != FT_IGTK_SUB_MAX))
		return -EBADMSG;
	out->key_id = get_le16(body);
	for (int i = 5; i >= 0; i--)
		out->ipn = out->ipn << 8 | body[2 + i];
	out->key_len = body[8];
	if ((out->key_id != 4 && out->key_id != 5) ||
	    (out->key_len != 16 && out->key_len != 32))
		return -EBADMSG;
	ret = unwrap_key(kek, kek_len, body + FT_IGTK_SUB_FIXED, len - FT_IGTK_SUB_FIXED,
			 out->key_len, out->key);
	if (ret)
		ft_igtk_clear(out);
	return ret;
}

void ft_gtk_clear(struct ft_gtk *g)
{
	if (g)
		secure_zero(g, sizeof(*g));
}

void ft_igtk_clear(struct ft_igtk *g)
{
	if (g)
		secure_zero(g, sizeof(*g));
}

/* --- the FT elements of a frame -------------------------------------------- */

static int take(const uint8_t **p, size_t *plen, const struct ie_iter *it,
		const char **why, const char *twice)
{
	if (*p)
		return fail(why, twice);
	*p = it->data - IE_HDR_LEN;
	*plen = IE_HDR_LEN + it->len;
	return 0;
}

int ft_ies_parse(const uint8_t *ies, size_t len, struct ft_ies *out, const char **why)
{
	struct ie_iter it;
	int ret = 0;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	ie_iter_init(&it, ies, len);
	while (!ret && ie_iter_next(&it)) {
		const uint8_t *start = it.data - IE_HDR_LEN;

		switch (it.id) {
		case IE_RSN:
			ret = take(&out->rsne, &out->rsne_len, &it, why, "RSNE twice");
			break;
		case IE_MDE:
			ret = take(&out->mde, &out->mde_len, &it, why, "MDE twice");
			break;
		case IE_FTE:
			ret = take(&out->fte, &out->fte_len, &it, why, "FTE twice");
			break;
		case FT_EID_RSNXE:
			ret = take(&out->rsnxe, &out->rsnxe_len, &it, why, "RSNXE twice");
			break;
		case FT_EID_RIC_DATA:
			/* the RIC runs to the end of the frame's RIC part:
			 * here, while RDEs and their descriptors follow */
			if (!out->ric)
				out->ric = start;
			out->ric_len = (size_t)(it.data + it.len - out->ric);
			break;
		case IE_TIMEOUT_INTERVAL:
			if (it.data[0] == MGMT_TIE_REASSOC_DEADLINE) {
				out->has_tie_deadline = true;
				out->tie_deadline_tu = get_le32(it.data + 1);
			} else if (it.data[0] == MGMT_TIE_KEY_LIFETIME) {
				out->has_tie_lifetime = true;
				out->tie_lifetime_s = get_le32(it.data + 1);
			}
			break;
		}
	}
	if (!ret && it.error)
		ret = fail(why, it.why);
	if (ret) {
		memset(out, 0, sizeof(*out));
		return -EBADMSG;
	}
	return 0;
}

/* --- MIC -------------------------------------------------------------------- */

int ft_mic_compute(const uint8_t *kck, size_t kck_len, const uint8_t sta[6],
		   const uint8_t ap[6], uint8_t seq, const struct ft_ies *ies,
		   uint8_t mic[FT_MIC_LEN])
{
	static const uint8_t zero[FT_MIC_LEN];
	const size_t pre = IE_HDR_LEN + 2;	/* header, MIC Control */

	if (!kck || kck_len != 16 || !sta || !ap || !ies || !mic)
		return -EINVAL;
	if (!ies->fte || ies->fte_len < IE_HDR_LEN + FT_FTE_FIXED_LEN)
		return -EBADMSG;
	{
		struct crypto_vec v[] = {
			{ sta, 6 },
			{ ap, 6 },
			{ &seq, 1 },
			{ ies->rsne, ies->rsne ? ies->rsne_len : 0 },
			{ ies->mde, ies->mde ? ies->mde_len : 0 },
			{ ies->fte, pre },
			{ zero, FT_MIC_LEN },
			{ ies->fte + pre + FT_MIC_LEN, ies->fte_len - pre - FT_MIC_LEN },
			{ ies->ric, ies->ric ? ies->ric_len : 0 },
			{ ies->rsnxe, ies->rsnxe ? ies->rsnxe_len : 0 },
		};

		return crypto_aes_cmac_vec(kck, v, ARRAY_SIZE(v), mic);
	}
}

bool ft_mic_verify(const uint8_t *kck, size_t kck_len, const uint8_t sta[6],
		   const uint8_t ap[6], uint8_t seq, const struct ft_ies *ies)
{
	uint8_t mic[FT_MIC_LEN];
	bool ok;

	if (ft_mic_compute(kck, kck_len, sta, ap, seq, ies, mic))
		return false;
	ok = ct_equal(mic, ies->fte + IE_HDR_LEN + 2, FT_MIC_LEN);
	secure_zero(mic, sizeof(mic));
	return ok;
}

int ft_fte_set_mic(uint8_t *fte, size_t fte_len, const uint8_t mic[FT_MIC_LEN])
{
	if (!fte || !mic || fte_len < IE_HDR_LEN + FT_FTE_FIXED_LEN || fte[0] != IE_FTE)
		return -EINVAL;
	memcpy(fte + IE_HDR_LEN + 2, mic, FT_MIC_LEN);
	return 0;
}

/* --- FT Action frames ------------------------------------------------------- */

static bool action_has_status(uint8_t action)
{
	return action == FT_ACTION_RESPONSE || action == FT_ACTION_ACK;
}

int ft_action_build(struct wbuf *w, uint8_t action, const uint8_t sta[6],
		    const uint8_t target_ap[6], uint16_t status,
		    const uint8_t *ies, size_t ies_len)
{
	if (!w || !sta || !target_ap || (!ies && ies_len))
		return -EINVAL;
	if (action < FT_ACTION_REQUEST || action > FT_ACTION_ACK)
		return -EINVAL;
	wbuf_put_u8(w, FT_CATEGORY);
	wbuf_put_u8(w, action);
	wbuf_put_data(w, sta, 6);
	wbuf_put_data(w, target_ap, 6);
	if (action_has_status(action))
		wbuf_put_le16(w, status);
	if (ies_len)
		wbuf_put_data(w, ies, ies_len);
	return wbuf_ok(w) ? 0 : -ENOSPC;
}

int ft_action_parse(const uint8_t *body, size_t len, struct ft_action *out,
		    const char **why)
{
	size_t fixed;
	int ret;

	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (!body || len < 2)
		return fail(why, "FT Action frame shorter than its category and action");
	if (body[0] != FT_CATEGORY) {
		if (why)
			*why = "not a Fast BSS Transition Action frame";
		return -EPROTO;
	}
	if (body[1] < FT_ACTION_REQUEST || body[1] > FT_ACTION_ACK) {
		if (why)
			*why = "unknown FT Action";
		return -EINVAL;
	}
	fixed = 2 + 12 + (action_has_status(body[1]) ? 2 : 0);
	if (len < fixed)
		return fail(why, "FT Action frame truncated in its fixed fields");
	out->action = body[1];
	out->sta = body + 2;
	out->target_ap = body + 8;
	out->has_status = action_has_status(body[1]);
	if (out->has_status)
		out->status = get_le16(body + 14);
	ret = ie_body_elems(body, len, fixed, &out->ies, &out->ies_len, why);
	if (ret)
		memset(out, 0, sizeof(*out));
	return ret;
}
