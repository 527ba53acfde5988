/* SPDX-License-Identifier: MIT */
/* buf.h: checked byte buffers. A writer that overflows becomes "failed" and
 * stays so; a reader that would read past the end fails and returns false. */
#ifndef ROAMLAB_BUF_H
#define ROAMLAB_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wbuf {
	uint8_t *data;
	size_t cap;
	size_t len;
	bool overflow;
};

void wbuf_init(struct wbuf *w, uint8_t *mem, size_t cap);
/* Returns a pointer to n reserved bytes, or NULL (and sets overflow). */
uint8_t *wbuf_put(struct wbuf *w, size_t n);
void wbuf_put_data(struct wbuf *w, const void *p, size_t n);
void wbuf_put_u8(struct wbuf *w, uint8_t v);
void wbuf_put_be16(struct wbuf *w, uint16_t v);
void wbuf_put_le16(struct wbuf *w, uint16_t v);
void wbuf_put_be32(struct wbuf *w, uint32_t v);
void wbuf_put_le32(struct wbuf *w, uint32_t v);
bool wbuf_ok(const struct wbuf *w);

struct rbuf {
	const uint8_t *data;
	size_t len;
	size_t pos;
};

void rbuf_init(struct rbuf *r, const uint8_t *p, size_t len);
size_t rbuf_left(const struct rbuf *r);
/* Each returns false, and consumes nothing, if fewer bytes remain. */
bool rbuf_get_u8(struct rbuf *r, uint8_t *v);
bool rbuf_get_be16(struct rbuf *r, uint16_t *v);
bool rbuf_get_le16(struct rbuf *r, uint16_t *v);
bool rbuf_get_be32(struct rbuf *r, uint32_t *v);
bool rbuf_get_le32(struct rbuf *r, uint32_t *v);
bool rbuf_get_data(struct rbuf *r, void *out, size_t n);
/* Points *p at the next n bytes without copying. */
bool rbuf_get_ptr(struct rbuf *r, const uint8_t **p, size_t n);
bool rbuf_skip(struct rbuf *r, size_t n);

#endif
