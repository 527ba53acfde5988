// SPDX-License-Identifier: MIT
/* keylog.c: keylog.txt in the run's folder: the passphrases and PSKs of
 * the topology in Wireshark's 802.11 key format, so the capture can be
 * decrypted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loop.h"
#include "medium.h"
#include "run.h"
#include "sim.h"

void sim_write_keylog(struct sim_run *r)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/keylog.txt", r->out);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "# Wireshark 802.11 keys (uat:80211_keys), for example:\n"
		"#   tshark -r capture.pcapng -o wlan.enable_decryption:TRUE "
		"-o 'uat:80211_keys:\"wpa-pwd\",\"PASS:SSID\"'\n");
	for (size_t i = 0; i < r->t->n_nodes; i++) {
		const struct sim_node_cfg *c = &r->t->nodes[i];
		const char *ssid = sim_kv_get(c, "ssid");
		const char *pw = sim_kv_get(c, c->role == SIM_ROLE_AP ? "wpa_passphrase" : "psk");
		const char *hex = c->role == SIM_ROLE_AP ? sim_kv_get(c, "wpa_psk") : NULL;

		if (!ssid)
			continue;
		if (pw && !sim_is_hex64(pw))
			fprintf(f, "\"wpa-pwd\",\"%s:%s\"\n", pw, ssid);
		else if (pw)
			fprintf(f, "\"wpa-psk\",\"%s\"\n", pw);
		if (hex)
			fprintf(f, "\"wpa-psk\",\"%s\"\n", hex);
	}
	fclose(f);
}
