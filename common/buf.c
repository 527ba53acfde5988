// SPDX-License-Identifier: MIT
/* buf.c: checked byte buffers. A wbuf that overflows stays failed (every
 * later put is ignored), so a builder can check wbuf_ok() once at the end.
 * An rbuf read that would pass the end fails and consumes nothing. */
#include <string.h>

#include "buf.h"
#include "util.h"

void wbuf_init(struct wbuf *w, uint8_t *mem, size_t cap)
{
	w->data = mem;
	w->cap = mem ? cap : 0;
	w->len = 0;
	w->overflow = false;
}

uint8_t *wbuf_put(struct wbuf *w, size_t n)
{
	uint8_t *p;

	if (w->overflow || n > w->cap - w->len) {
		w->overflow = true;
		return NULL;
	}
	p = w->data + w->len;
	w->len += n;
	return p;
}

void wbuf_put_data(struct wbuf *w, const void *p, size_t n)
{
	uint8_t *dst = wbuf_put(w, n);

	if (dst && n)
		memcpy(dst, p, n);
}

void wbuf_put_u8(struct wbuf *w, uint8_t v)
{
	uint8_t *p = wbuf_put(w, 1);

	if (p)
		*p = v;
}

void wbuf_put_be16(struct wbuf *w, uint16_t v)
{
	uint8_t *p = wbuf_put(w, 2);

	if (p)
		put_be16(p, v);
}

void wbuf_put_le16(struct wbuf *w, uint16_t v)
{
	uint8_t *p = wbuf_put(w, 2);

	if (p)
		put_le16(p, v);
}

void wbuf_put_be32(struct wbuf *w, uint32_t v)
{
	uint8_t *p = wbuf_put(w, 4);

	if (p)
		put_be32(p, v);
}

void wbuf_put_le32(struct wbuf *w, uint32_t v)
{
	uint8_t *p = wbuf_put(w, 4);

	if (p)
		put_le32(p, v);
}

bool wbuf_ok(const struct wbuf *w)
{
	return !w->overflow;
}

void rbuf_init(struct rbuf *r, const uint8_t *p, size_t len)
{
	r->data = p;
	r->len = p ? len : 0;
	r->pos = 0;
}

size_t rbuf_left(const struct rbuf *r)
{
	return r->len - r->pos;
}

bool rbuf_get_ptr(struct rbuf *r, const uint8_t **p, size_t n)
{
	if (n > rbuf_left(r))
		return false;
	if (p)
		*p = r->data + r->pos;
	r->pos += n;
	return true;
}

bool rbuf_skip(struct rbuf *r, size_t n)
{
	return rbuf_get_ptr(r, NULL, n);
}

bool rbuf_get_data(struct rbuf *r, void *out, size_t n)
{
	const uint8_t *p;

	if (!rbuf_get_ptr(r, &p, n))
		return false;
	if (n)
		memcpy(out, p, n);
	return true;
}

bool rbuf_get_u8(struct rbuf *r, uint8_t *v)
{
	const uint8_t *p;

	if (!rbuf_get_ptr(r, &p, 1))
		return false;
	*v = p[0];
	return true;
}

bool rbuf_get_be16(struct rbuf *r, uint16_t *v)
{
	const uint8_t *p;

	if (!rbuf_get_ptr(r, &p, 2))
		return false;
	*v = get_be16(p);
	return true;
}

bool rbuf_get_le16(struct rbuf *r, uint16_t *v)
{
	const uint8_t *p;

	if (!rbuf_get_ptr(r, &p, 2))
		return false;
	*v = get_le16(p);
	return true;
}

bool rbuf_get_be32(struct rbuf *r, uint32_t *v)
{
	const uint8_t *p;

	if (!rbuf_get_ptr(r, &p, 4))
		return false;
	*v = get_be32(p);
	return true;
}

bool rbuf_get_le32(struct rbuf *r, uint32_t *v)
{
	const uint8_t *p;

	if (!rbuf_get_ptr(r, &p, 4))
		return false;
	*v = get_le32(p);
	return true;
}
