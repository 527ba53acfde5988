// SPDX-License-Identifier: MIT
/* sae_frame.c: SAE Authentication frame bodies (IEEE 802.11-2020 9.3.3.11,
 * Table 9-41 "Presence of fields and elements in Authentication frames"):
 *
 *   Authentication Algorithm Number (2, LE) = 3
 *   Authentication Transaction Sequence Number (2): 1 commit, 2 confirm
 *   Status Code (2)
 *   commit, status 0 or 126: Finite Cyclic Group (2), [Anti-Clogging Token
 *     (status 0 only, no length: whatever precedes scalar and element)],
 *     Scalar, Element, then for status 126 only: [Password Identifier],
 *     [Rejected Groups], [Anti-Clogging Token Container] elements
 *   commit, status 76: Finite Cyclic Group, Anti-Clogging Token (or its
 *     container element, for an H2E peer)
 *   commit, status 77 and other failures: Finite Cyclic Group (if any)
 *   confirm, status 0: Send-Confirm (2), Confirm (hash length)
 *
 * Every read is checked against the buffer's length. */
#include <errno.h>
#include <string.h>

#include "ie.h"
#include "sae.h"
#include "util.h"

#define HDR_LEN 6

bool sae_group_supported(uint16_t group)
{
	return sae_group_prime_len(group) != 0;
}

size_t sae_group_prime_len(uint16_t group)
{
	switch (group) {
	case 19:
		return 32;
	case 20:
		return 48;
	case 21:
		return 66;
	}
	return 0;
}

static int bad(const char **why, const char *what)
{
	if (why)
		*why = what;
	return -EBADMSG;
}

/* The elements after a H2E commit's element (9.4.2.1: an extension
 * element's first body octet is its Element ID Extension). Unknown
 * elements are skipped; a known one may appear once. */
static int parse_h2e_elements(const uint8_t *p, size_t len, struct sae_frame *f,
			      const char **why)
{
	struct ie_iter it;

	ie_iter_init_raw(&it, p, len);
	while (ie_iter_next(&it)) {
		if (it.id != SAE_EID_EXTENSION || it.len < 1)
			continue;
		switch (it.data[0]) {
		case SAE_EID_EXT_PASSWORD_ID:
			if (f->has_pwid)
				return bad(why, "two password identifiers");
			f->has_pwid = true;
			f->pwid = it.data + 1;
			f->pwid_len = it.len - 1u;
			break;
		case SAE_EID_EXT_REJECTED_GROUPS:
			if (f->rejected || it.len < 3 || (it.len - 1u) % 2)
				return bad(why, "bad rejected groups element");
			f->rejected = it.data + 1;
			f->rejected_len = it.len - 1u;
			break;
		case SAE_EID_EXT_TOKEN_CONTAINER:
			if (f->token || it.len < 2 || it.len - 1u > SAE_TOKEN_MAX)
				return bad(why, "bad token container");
			f->token = it.data + 1;
			f->token_len = it.len - 1u;
			f->token_in_container = true;
			break;
		}
	}
	if (it.error)
		return bad(why, "truncated element after the commit element");
	return 0;
}

static int parse_commit(const uint8_t *p, size_t len, struct sae_frame *f, const char **why)
{
	size_t plen, need;

	if (f->status != SAE_STATUS_SUCCESS && f->status != SAE_STATUS_HASH_TO_ELEMENT &&
	    f->status != SAE_STATUS_ANTI_CLOGGING) {
		/* a rejection: the group, if present (77 always has it) */
		if (len >= 2) {
			f->has_group = true;
			f->group = get_le16(p);
			f->group_known = sae_group_supported(f->group);
		}
		return 0;
	}
	if (len < 2)
		return bad(why, "no finite cyclic group field");
	f->has_group = true;
	f->group = get_le16(p);
	f->group_known = sae_group_supported(f->group);
	p += 2;
	len -= 2;
	if (f->status == SAE_STATUS_ANTI_CLOGGING) {
		if (len >= 3 && p[0] == SAE_EID_EXTENSION && p[2] == SAE_EID_EXT_TOKEN_CONTAINER) {
			if ((size_t)p[1] + 2 != len)
				return bad(why, "bad token container");
			return parse_h2e_elements(p, len, f, why);
		}
		if (len == 0 || len > SAE_TOKEN_MAX)
			return bad(why, "token length out of range");
		f->token = p;
		f->token_len = len;
		return 0;
	}
	if (!f->group_known)
		return 0;	/* answered with status 77: nothing more to read */
	plen = sae_group_prime_len(f->group);
	need = 3 * plen;
	if (len < need)
		return bad(why, "commit shorter than scalar and element");
	if (f->status == SAE_STATUS_SUCCESS) {
		/* H&P: a token, if any, sits between group and scalar */
		if (len - need > SAE_TOKEN_MAX)
			return bad(why, "token too long");
		if (len > need) {
			f->token = p;
			f->token_len = len - need;
		}
		f->scalar = p + f->token_len;
		f->element = f->scalar + plen;
		return 0;
	}
	f->scalar = p;
	f->element = p + plen;
	return parse_h2e_elements(p + need, len - need, f, why);
}

int sae_frame_parse(const uint8_t *body, size_t len, struct sae_frame *f, const char **why)
{
	memset(f, 0, sizeof(*f));
	if (why)
		*why = NULL;
	if (!body || len < HDR_LEN)
		return bad(why, "shorter than the authentication header");
	if (len > SAE_BODY_MAX)
		return bad(why, "longer than any SAE body");
	f->alg = get_le16(body);
	f->seq = get_le16(body + 2);
	f->status = get_le16(body + 4);
	if (f->alg != SAE_AUTH_ALG)
		return bad(why, "not the SAE algorithm");
	body += HDR_LEN;
	len -= HDR_LEN;
	switch (f->seq) {
	case SAE_SEQ_COMMIT:
		return parse_commit(body, len, f, why);
	case SAE_SEQ_CONFIRM:
		if (f->status != SAE_STATUS_SUCCESS)
			return 0;
		if (len < 2 + 32)
			return bad(why, "confirm too short");
		if (len - 2 != 32 && len - 2 != 48 && len - 2 != 64)
			return bad(why, "confirm length is not a hash length");
		f->send_confirm = get_le16(body);
		f->confirm = body + 2;
		f->confirm_len = len - 2;
		return 0;
	}
	return bad(why, "transaction sequence number is not 1 or 2");
}

/* ---- building ---- */

struct wr {
	uint8_t *p;
	size_t cap, len;
	bool overflow;
};

static void put(struct wr *w, const void *d, size_t n)
{
	if (w->overflow || n > w->cap - w->len) {
		w->overflow = true;
		return;
	}
	if (n)
		memcpy(w->p + w->len, d, n);
	w->len += n;
}

static void put16(struct wr *w, uint16_t v)
{
	uint8_t b[2];

	put_le16(b, v);
	put(w, b, 2);
}

static void put_ext(struct wr *w, uint8_t ext, const uint8_t *d, size_t n)
{
	uint8_t h[3] = { SAE_EID_EXTENSION, (uint8_t)(n + 1), ext };

	if (n + 1 > 255) {
		w->overflow = true;
		return;
	}
	put(w, h, 3);
	put(w, d, n);
}

static void put_hdr(struct wr *w, uint16_t seq, uint16_t status)
{
	put16(w, SAE_AUTH_ALG);
	put16(w, seq);
	put16(w, status);
}

static int done(struct wr *w, size_t *len)
{
	if (w->overflow)
		return -ENOSPC;
	*len = w->len;
	return 0;
}

int sae_frame_build_commit(const struct sae_commit_fields *f, uint8_t *out, size_t cap,
			   size_t *len)
{
	size_t plen = sae_group_prime_len(f->group);
	bool h2e = f->status == SAE_STATUS_HASH_TO_ELEMENT;
	struct wr w = { .p = out, .cap = cap };

	if (!plen || (f->status != SAE_STATUS_SUCCESS && !h2e) || f->token_len > SAE_TOKEN_MAX ||
	    (!h2e && (f->pwid_len || f->n_rejected)) || f->n_rejected > SAE_MAX_GROUPS)
		return -EINVAL;
	put_hdr(&w, SAE_SEQ_COMMIT, f->status);
	put16(&w, f->group);
	if (!h2e)
		put(&w, f->token, f->token_len);
	put(&w, f->scalar, plen);
	put(&w, f->element, 2 * plen);
	if (h2e) {
		uint8_t rg[2 * SAE_MAX_GROUPS];

		if (f->pwid_len)
			put_ext(&w, SAE_EID_EXT_PASSWORD_ID, f->pwid, f->pwid_len);
		for (size_t i = 0; i < f->n_rejected; i++)
			put_le16(rg + 2 * i, f->rejected[i]);
		if (f->n_rejected)
			put_ext(&w, SAE_EID_EXT_REJECTED_GROUPS, rg, 2 * f->n_rejected);
		if (f->token_len)
			put_ext(&w, SAE_EID_EXT_TOKEN_CONTAINER, f->token, f->token_len);
	}
	return done(&w, len);
}

int sae_frame_build_confirm(uint16_t send_confirm, const uint8_t *confirm, size_t confirm_len,
			    uint8_t *out, size_t cap, size_t *len)
{
	struct wr w = { .p = out, .cap = cap };

	put_hdr(&w, SAE_SEQ_CONFIRM, SAE_STATUS_SUCCESS);
	put16(&w, send_confirm);
	put(&w, confirm, confirm_len);
	return done(&w, len);
}

int sae_frame_build_reject(uint16_t status, uint16_t group, const uint8_t *token,
			   size_t token_len, bool container, uint8_t *out, size_t cap,
			   size_t *len)
{
	struct wr w = { .p = out, .cap = cap };

	if (token_len > SAE_TOKEN_MAX)
		return -EINVAL;
	put_hdr(&w, SAE_SEQ_COMMIT, status);
	put16(&w, group);
	if (token_len && container)
		put_ext(&w, SAE_EID_EXT_TOKEN_CONTAINER, token, token_len);
	else
		put(&w, token, token_len);
	return done(&w, len);
}
