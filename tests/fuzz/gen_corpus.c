// SPDX-License-Identifier: MIT
/* gen_corpus.c: regenerates the seed corpora under tests/fuzz/corpus/ from
 * genuine handshakes. Not built by the Makefile; run from tests/fuzz:
 *   gcc -std=gnu11 -D_GNU_SOURCE -I../../common -I. gen_corpus.c \
 *     ../../common/{util,buf,log,loop,crypto,ie,eapol,hs_*}.c -lcrypto -lm
 *   ./a.out */

#include "fuzz_hs.h"
#include <stdio.h>
#include <sys/stat.h>
static void put(const char *dir, int n, uint8_t sel, uint8_t f[][EAPOL_KEY_FRAME_MAX], size_t *len, size_t nf)
{
	char path[256]; FILE *fp;
	snprintf(path, sizeof(path), "%s/seed-%02x-%d", dir, sel, n);
	fp = fopen(path, "wb"); fputc(sel, fp);
	for (size_t i = 0; i < nf; i++) { fputc(len[i] & 0xff, fp); fputc(len[i] >> 8, fp); fwrite(f[i], 1, len[i], fp); }
	fclose(fp);
}
int main(void)
{
	mkdir("corpus/fuzz_eapol_supp", 0755); mkdir("corpus/fuzz_eapol_auth", 0755);
	mkdir("corpus/fuzz_eapol", 0755); mkdir("corpus/fuzz_ie", 0755);
	for (unsigned c = 0; c < 4; c++) {
		/* record all frames of a genuine run */
		struct fz *z = fz_new(c);
		static uint8_t apf[8][EAPOL_KEY_FRAME_MAX], staf[8][EAPOL_KEY_FRAME_MAX];
		size_t apl[8], stal[8], na = 0, ns = 0;
		hs_auth_start(z->a, NULL);
		for (int i = 0; i < 20; i++) {
			uint8_t f[EAPOL_KEY_FRAME_MAX]; size_t l;
			if (z->ap.nq) {
				l = z->ap.qlen[0]; memcpy(f, z->ap.q[0], l);
				if (na < 8) { memcpy(apf[na], f, l); apl[na++] = l; }
				z->ap.nq--; memmove(z->ap.q, z->ap.q + 1, z->ap.nq * sizeof(z->ap.q[0])); memmove(z->ap.qlen, z->ap.qlen + 1, z->ap.nq * sizeof(size_t));
				hs_supp_rx(z->s, f, l);
			} else if (z->sta.nq) {
				l = z->sta.qlen[0]; memcpy(f, z->sta.q[0], l);
				if (ns < 8) { memcpy(staf[ns], f, l); stal[ns++] = l; }
				z->sta.nq--; memmove(z->sta.q, z->sta.q + 1, z->sta.nq * sizeof(z->sta.q[0])); memmove(z->sta.qlen, z->sta.qlen + 1, z->sta.nq * sizeof(size_t));
				hs_auth_rx(z->a, f, l);
			} else break;
		}
		fz_free(z);
		/* supp: from scratch (steps 0), all AP frames in order */
		put("corpus/fuzz_eapol_supp", 0, (uint8_t)c, apf, apl, na);
		put("corpus/fuzz_eapol_supp", 1, (uint8_t)(c | 0x40), apf, apl, na);
		/* auth: after 1/4 is out (steps 0): STA frames */
		put("corpus/fuzz_eapol_auth", 0, (uint8_t)c, staf, stal, ns);
		put("corpus/fuzz_eapol_auth", 1, (uint8_t)(c | 0x40), staf, stal, ns);
		for (size_t i = 0; i < na; i++) {
			char p[256]; FILE *fp; snprintf(p, sizeof(p), "corpus/fuzz_eapol/ap-%u-%zu", c, i);
			fp = fopen(p, "wb"); fwrite(apf[i], 1, apl[i], fp); fclose(fp);
		}
		for (size_t i = 0; i < ns; i++) {
			char p[256]; FILE *fp; snprintf(p, sizeof(p), "corpus/fuzz_eapol/sta-%u-%zu", c, i);
			fp = fopen(p, "wb"); fwrite(staf[i], 1, stal[i], fp); fclose(fp);
			/* the STA's 2/4 key data holds its IE */
			if (i == 0) {
				snprintf(p, sizeof(p), "corpus/fuzz_ie/sta-ie-%u", c);
				fp = fopen(p, "wb"); fwrite(staf[i] + EAPOL_KEY_OFF_DATA, 1, stal[i] - EAPOL_KEY_OFF_DATA, fp); fclose(fp);
			}
		}
	}
	{
		struct hs_ap_policy p = { .wpa = 3, .wpa_pairwise = WPA_CIPHER_TKIP | WPA_CIPHER_CCMP };
		uint8_t ies[600], kd[64]; size_t n, m; FILE *fp;
		hs_ap_policy_build_ies(&p, ies, sizeof(ies), &n);
		fp = fopen("corpus/fuzz_ie/ap-ies", "wb"); fwrite(ies, 1, n, fp); fclose(fp);
		eapol_kde_gtk_build(1, false, (uint8_t[16]){1}, 16, kd, sizeof(kd), &m);
		memcpy(ies + n, kd, m); ies[n + m] = 0xdd; memset(ies + n + m + 1, 0, 5);
		fp = fopen("corpus/fuzz_ie/keydata", "wb"); fwrite(ies, 1, n + m + 6, fp); fclose(fp);
	}
	return 0;
}
