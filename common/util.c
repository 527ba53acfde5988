// SPDX-License-Identifier: MIT
/* util.c: hex, MAC, secure_zero, constant-time compare, the seeded RNG. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "util.h"

static int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Checks then writes, so out is untouched on error. */
static int hex_decode_n(const char *hex, uint8_t *out, size_t len)
{
	for (size_t i = 0; i < 2 * len; i++)
		if (hex_nibble(hex[i]) < 0)
			return -EINVAL;
	for (size_t i = 0; i < len; i++)
		out[i] = (uint8_t)(hex_nibble(hex[2 * i]) << 4 |
				   hex_nibble(hex[2 * i + 1]));
	return 0;
}

int hex_decode(const char *hex, uint8_t *out, size_t len)
{
	if (!hex || (!out && len) || strnlen(hex, 2 * len + 1) != 2 * len)
		return -EINVAL;
	return hex_decode_n(hex, out, len);
}

int hex_decode_var(const char *hex, uint8_t *out, size_t max, size_t *outlen)
{
	size_t len;
	int ret;

	if (!hex || !outlen)
		return -EINVAL;
	len = strlen(hex);
	if (len % 2)
		return -EINVAL;
	if (len / 2 > max)
		return -E2BIG;
	ret = hex_decode_n(hex, out, len / 2);
	if (ret)
		return ret;
	*outlen = len / 2;
	return 0;
}

void hex_encode(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

int mac_parse(const char *s, uint8_t mac[ETH_ALEN])
{
	uint8_t tmp[ETH_ALEN];
	char sep;

	/* Exactly "xx?xx?xx?xx?xx?xx" with one separator, ':' or '-'. */
	if (!s || !mac || strnlen(s, 18) != 17)
		return -EINVAL;
	sep = s[2];
	if (sep != ':' && sep != '-')
		return -EINVAL;
	for (int i = 0; i < ETH_ALEN; i++) {
		const char *p = s + 3 * i;
		int hi = hex_nibble(p[0]), lo = hex_nibble(p[1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		if (i < ETH_ALEN - 1 && p[2] != sep)
			return -EINVAL;
		tmp[i] = (uint8_t)(hi << 4 | lo);
	}
	memcpy(mac, tmp, ETH_ALEN);
	return 0;
}

char *mac_str(const uint8_t mac[ETH_ALEN], char buf[18])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < ETH_ALEN; i++) {
		buf[3 * i] = digits[mac[i] >> 4];
		buf[3 * i + 1] = digits[mac[i] & 0x0f];
		buf[3 * i + 2] = i < ETH_ALEN - 1 ? ':' : '\0';
	}
	return buf;
}

bool mac_is_zero(const uint8_t mac[ETH_ALEN])
{
	for (int i = 0; i < ETH_ALEN; i++)
		if (mac[i])
			return false;
	return true;
}

bool mac_is_broadcast(const uint8_t mac[ETH_ALEN])
{
	for (int i = 0; i < ETH_ALEN; i++)
		if (mac[i] != 0xff)
			return false;
	return true;
}

bool mac_is_multicast(const uint8_t mac[ETH_ALEN])
{
	return mac[0] & 0x01;
}

bool mac_equal(const uint8_t a[ETH_ALEN], const uint8_t b[ETH_ALEN])
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

void secure_zero(void *p, size_t len)
{
	if (p && len)
		explicit_bzero(p, len);
}

bool ct_equal(const void *a, const void *b, size_t len)
{
	const volatile uint8_t *x = a, *y = b;
	uint8_t diff = 0;

	for (size_t i = 0; i < len; i++)
		diff |= x[i] ^ y[i];
	return diff == 0;
}

/* ---- seeded RNG: xorshift128+ seeded through splitmix64 ---------------- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;

	r->s[0] = splitmix64(&x);
	r->s[1] = splitmix64(&x);
	if (!r->s[0] && !r->s[1])	/* the all-zero state is a fixed point */
		r->s[1] = 1;
}

uint64_t rng_next(struct rng *r)
{
	uint64_t s1 = r->s[0];
	const uint64_t s0 = r->s[1];
	const uint64_t result = s0 + s1;

	r->s[0] = s0;
	s1 ^= s1 << 23;
	r->s[1] = s1 ^ s0 ^ (s1 >> 18) ^ (s0 >> 5);
	return result;
}

double rng_uniform(struct rng *r)
{
	/* the top 53 bits, scaled to [0,1) */
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

double rng_normal(struct rng *r)
{
	/* Box-Muller; u1 in (0,1] so log() stays finite. */
	double u1 = 1.0 - rng_uniform(r);
	double u2 = rng_uniform(r);

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}
