// SPDX-License-Identifier: MIT
/* fuzz_ft: the FT element parsers (common/ft_ie.c: FTE with subelements,
 * MDE, the FT elements of a frame, GTK/IGTK subelements, FT Action
 * bodies), the FTE MIC over whatever parses, and both FT machines fed the
 * input as a peer's elements. The first octet picks the target. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cipher.h"
#include "ft_ie.h"
#include "ft_sm.h"
#include "ie.h"
#include "log.h"

static const uint8_t kek[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t sta_addr[6] = { 2, 0, 0, 0, 1, 0 };
static const uint8_t ap_addr[6] = { 2, 0, 0, 0, 10, 2 };

static void in_bounds(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
	if (p && (p < data || p + n > data + size))
		__builtin_trap();
}

static void fuzz_elements(const uint8_t *data, size_t size)
{
	struct ft_ies ies;
	struct ft_fte f;
	struct ft_mde m;

	if (ft_ies_parse(data, size, &ies, NULL))
		return;
	in_bounds(ies.rsne, ies.rsne_len, data, size);
	in_bounds(ies.mde, ies.mde_len, data, size);
	in_bounds(ies.fte, ies.fte_len, data, size);
	in_bounds(ies.ric, ies.ric_len, data, size);
	if (ies.mde && ft_mde_parse(ies.mde, ies.mde_len, &m))
		__builtin_trap();	/* the length table let it through */
	if (ies.fte && !ft_fte_parse(ies.fte, ies.fte_len, &f, NULL)) {
		struct ft_gtk g;
		struct ft_igtk ig;
		uint8_t buf[300];
		struct ft_fte_fields ff = {
			.element_count = f.element_count, .rsnxe_used = f.rsnxe_used,
			.mic = f.mic, .anonce = f.anonce, .snonce = f.snonce,
			.r1kh_id = f.r1kh_id, .r0kh_id = f.r0kh_id,
			.r0kh_id_len = f.r0kh_id_len, .gtk = f.gtk, .gtk_len = f.gtk_len,
			.igtk = f.igtk, .igtk_len = f.igtk_len,
		};
		struct wbuf w;
		struct ft_fte f2;

		in_bounds(f.r0kh_id, f.r0kh_id_len, data, size);
		in_bounds(f.gtk, f.gtk_len, data, size);
		in_bounds(f.igtk, f.igtk_len, data, size);
		/* what parses rebuilds and parses to the same fields */
		wbuf_init(&w, buf, sizeof(buf));
		if (ft_fte_build(&w, &ff) == 0) {
			if (ft_fte_parse(buf, w.len, &f2, NULL) ||
			    memcmp(f2.anonce, f.anonce, 32) || f2.r0kh_id_len != f.r0kh_id_len)
				__builtin_trap();
		}
		if (f.gtk && !ft_gtk_sub_parse(kek, 16, f.gtk, f.gtk_len, &g) && g.key_len > 32)
			__builtin_trap();
		if (f.igtk)
			ft_igtk_sub_parse(kek, 16, f.igtk, f.igtk_len, &ig);
		ft_gtk_clear(&g);
		ft_igtk_clear(&ig);
		(void)ft_mic_verify(kek, 16, sta_addr, ap_addr, FT_SEQ_REASSOC_REQ, &ies);
	}
}

static void fuzz_action(const uint8_t *data, size_t size)
{
	struct ft_action a;

	if (ft_action_parse(data, size, &a, NULL))
		return;
	in_bounds(a.ies, a.ies_len, data, size);
	fuzz_elements(a.ies, a.ies_len);
}

static int fz_tx(void *ctx, const uint8_t *peer, enum ft_msg m, uint16_t status,
		 const uint8_t *ies, size_t len)
{
	struct ft_ies p;

	/* whatever a machine sends must parse */
	if (len && ft_ies_parse(ies, len, &p, NULL))
		__builtin_trap();
	return 0;
}

static int fz_lookup(void *ctx, const struct ft_r1_query *q, uint8_t *pmk_r1)
{
	memset(pmk_r1, 0x11, 32);
	return q->r0kh_id_len & 1 ? -ENOENT : 0;
}

static int fz_random(void *ctx, uint8_t *buf, size_t len)
{
	memset(buf, 0x5a, len);
	return 0;
}

static const struct ft_ops fz_ops = {
	.tx = fz_tx, .random = fz_random, .get_pmk_r1 = fz_lookup,
};

static void fuzz_machines(const uint8_t *data, size_t size)
{
	struct ft_ap_config ac = {
		.mdid = { 0xa1, 0xb2 }, .akms = WPA_AKM_FT_PSK | WPA_AKM_FT_SAE,
		.pairwise = WPA_CIPHER_CCMP, .group = WPA_CIPHER_CCMP,
	};
	struct ft_sta_config sc = {
		.akm = WPA_AKM_FT_PSK, .pairwise = WPA_CIPHER_CCMP,
		.group = WPA_CIPHER_CCMP, .mdid = { 0xa1, 0xb2 }, .ssid = "x",
		.ssid_len = 1, .xxkey_len = 32, .r0kh_id = "r0", .r0kh_id_len = 2,
	};
	struct ft_ap *a = ft_ap_new(&ac, sta_addr, &fz_ops, NULL);
	struct ft_sta *s = ft_sta_new(&sc, &fz_ops, NULL);

	if (!a || !s)
		__builtin_trap();
	ft_ap_rx_auth(a, data, size);
	ft_ap_rx_reassoc(a, data, size);
	ft_sta_start(s, ap_addr);
	ft_sta_rx_auth(s, 0, data, size);
	ft_sta_rx_reassoc(s, 0, data, size);
	ft_ap_free(a);
	ft_sta_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;

	if (!init) {
		log_set_level(LOG_LVL_ERROR);
		init = 1;
	}
	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_elements(data + 1, size - 1);
		break;
	case 1:
		fuzz_action(data + 1, size - 1);
		break;
	case 2:
		fuzz_machines(data + 1, size - 1);
		break;
	}
	return 0;
}
