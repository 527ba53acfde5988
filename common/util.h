/* SPDX-License-Identifier: MIT */
/* util.h: hex, MAC and byte-order helpers, secure_zero, constant-time compare. */
#ifndef ROAMLAB_UTIL_H
#define ROAMLAB_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_ALEN 6
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* The struct of this type whose field "member" is at ptr. */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define MAC_FMT "%02x:%02x:%02x:%02x:%02x:%02x"
#define MAC_ARG(a) (a)[0], (a)[1], (a)[2], (a)[3], (a)[4], (a)[5]

/* Parse exactly 2*len hex digits into out. Returns 0 or -EINVAL. */
int hex_decode(const char *hex, uint8_t *out, size_t len);
/* Parse a hex string of any even length up to max bytes; *outlen gets the
 * byte count. Returns 0, -EINVAL (bad digit/odd length) or -E2BIG. */
int hex_decode_var(const char *hex, uint8_t *out, size_t max, size_t *outlen);
/* Write 2*len lowercase hex digits plus NUL into out (size >= 2*len+1). */
void hex_encode(const uint8_t *in, size_t len, char *out);
/* "aa:bb:cc:dd:ee:ff" (also '-' separated). Returns 0 or -EINVAL. */
int mac_parse(const char *s, uint8_t mac[ETH_ALEN]);
/* Formats into buf (>= 18 bytes) and returns buf. */
char *mac_str(const uint8_t mac[ETH_ALEN], char buf[18]);
bool mac_is_zero(const uint8_t mac[ETH_ALEN]);
bool mac_is_broadcast(const uint8_t mac[ETH_ALEN]);
bool mac_is_multicast(const uint8_t mac[ETH_ALEN]);
bool mac_equal(const uint8_t a[ETH_ALEN], const uint8_t b[ETH_ALEN]);

/* Zero memory in a way the compiler cannot elide. Use before free(). */
void secure_zero(void *p, size_t len);
/* Constant-time equality. */
bool ct_equal(const void *a, const void *b, size_t len);

static inline uint16_t get_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint16_t get_le16(const uint8_t *p) { return (uint16_t)(p[1] << 8 | p[0]); }
static inline uint32_t get_be32(const uint8_t *p)
{ return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static inline uint32_t get_le32(const uint8_t *p)
{ return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]; }
static inline uint64_t get_be64(const uint8_t *p)
{ return (uint64_t)get_be32(p) << 32 | get_be32(p + 4); }
static inline void put_be16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v; }
static inline void put_le16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static inline void put_be32(uint8_t *p, uint32_t v)
{ p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }
static inline void put_le32(uint8_t *p, uint32_t v)
{ p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static inline void put_be64(uint8_t *p, uint64_t v)
{ put_be32(p, v >> 32); put_be32(p + 4, (uint32_t)v); }

/* Deterministic seeded RNG (xorshift-style) for anything that affects a run.
 * Never used for key material. */
struct rng { uint64_t s[2]; };
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform double in [0,1). */
double rng_uniform(struct rng *r);
/* Standard normal (Box-Muller). */
double rng_normal(struct rng *r);

#endif
