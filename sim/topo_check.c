// SPDX-License-Identifier: MIT
/* topo_check.c: the checks of the
 * keys a node gives inline. Values are checked by the code the programs
 * use: common/conf_keys.c for hostapd.conf and wpa_supplicant.conf keys,
 * common/hs_fault.c for faults. So `roamlab check` accepts what
 * roamlab-ap and roamlab-sta accept. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_keys.h"
#include "hs_fault.h"
#include "topo_priv.h"
#include "util.h"

bool sim_inline_key_known(enum sim_role role, const char *key)
{
	const struct ck_key *k;

	switch (role) {
	case SIM_ROLE_AP:
		k = ck_hostapd_key(key);
		/* interface, driver, bridge, ctrl_interface: the lab sets them */
		return k && !(k->flags & CK_F_LAB_OWNED);
	case SIM_ROLE_STA:
		/* fault: armed through roamlab-sta's control socket */
		return ck_network_key(key) || !strcmp(key, "fault");
	}
	return false;
}

/* A fault spec as the program of that role takes it ("drop-msg 3 2",
 * "clear [NAME]"), checked by common/hs_fault.c as the program checks it. */
static void check_fault(struct pctx *p, int line, const char *key, enum hs_role role,
			const char *spec)
{
	struct hs_faults f;
	char err[300];

	memset(&f, 0, sizeof(f));
	if (hs_fault_apply(&f, role, spec, err, sizeof(err)))
		sim_fail_at(p, line, key, "%s", err);
	secure_zero(&f, sizeof(f));
}

struct cross_ctx {
	struct pctx *p;
	int line_channel, line_wpa, line;
};

static void cross_err(void *ctx, const char *key, const char *msg)
{
	struct cross_ctx *c = ctx;
	int line = !strcmp(key, "channel") ? c->line_channel :
		   !strcmp(key, "wpa") ? c->line_wpa : c->line;

	sim_fail_at(c->p, line, key, "%s", msg);
}

static void check_ap(struct pctx *p, const struct sim_node_cfg *n)
{
	/* what sim/nodes.c writes when the file gives no hw_mode / channel */
	struct ck_ap_keys cross = { .hw_mode = CK_HW_MODE_G, .channel = 1 };
	struct cross_ctx cc = { p, n->line, n->line, n->line };

	for (size_t i = 0; i < n->n_kv; i++) {
		const struct sim_kv *kv = &n->kv[i];
		const struct ck_key *k = ck_hostapd_key(kv->key);
		struct ck_value o;
		char why[200];

		if (!k)
			continue;
		/* a bad one was given all the same: no second error for it */
		if (k->type == CK_PASSPHRASE || k->type == CK_PSK_HEX)
			cross.has_psk = true;
		if (ck_check(k, kv->value, &o, why, sizeof(why))) {
			sim_fail_at(p, kv->line, kv->key, "%s", why);
			if (!strcmp(kv->key, "channel")) {
				cross.channel = 0;
				cc.line_channel = kv->line;
			}
			continue;
		}
		if (n->impl == SIM_IMPL_HOSTAPD && (k->flags & CK_F_EXTENSION))
			sim_fail_at(p, kv->line, kv->key,
				    "a roamlab-ap extension that hostapd does not have (use impl=roamlab)");
		else if (k->type == CK_FAULT)
			check_fault(p, kv->line, kv->key, HS_ROLE_AUTHENTICATOR, kv->value);
		if (k->type == CK_HW_MODE) {
			cross.hw_mode = (enum ck_hw_mode)o.n;
		} else if (k->type == CK_CHANNEL) {
			cross.channel = o.n;
			cc.line_channel = kv->line;
		} else if (!strcmp(kv->key, "wpa")) {
			cross.wpa = o.n;
			cc.line_wpa = kv->line;
		} else if (!strcmp(kv->key, "ieee80211w")) {
			cross.ieee80211w = o.n;
		} else if (k->type == CK_AP_AKM) {
			cross.akms = o.mask;
		}
		ck_value_wipe(&o);
	}
	/* with conf=FILE, the file may set the rest */
	if (!n->conf)
		ck_ap_cross_check(&cross, cross_err, &cc);
}

static void check_sta_fault(struct pctx *p, const struct sim_node_cfg *n, const struct sim_kv *kv)
{
	if (n->impl != SIM_IMPL_ROAMLAB) {
		sim_fail_at(p, kv->line, kv->key, "faults need impl=roamlab (%s has none)",
			    sim_impl_name(n->impl));
		return;
	}
	check_fault(p, kv->line, kv->key, HS_ROLE_SUPPLICANT, kv->value);
}

static void check_sta(struct pctx *p, const struct sim_node_cfg *n)
{
	struct ck_network_keys cross = { .has_ssid = true };
	struct cross_ctx cc = { p, n->line, n->line, n->line };
	bool key_mgmt_set = false;

	for (size_t i = 0; i < n->n_kv; i++) {
		const struct sim_kv *kv = &n->kv[i];
		const struct ck_key *k;
		char val[SIM_TEXT_MAX + 3];
		struct ck_value o;
		char why[200];

		if (!strncmp(kv->key, "set.", 4))
			continue;
		if (!strcmp(kv->key, "fault")) {
			check_sta_fault(p, n, kv);
			continue;
		}
		k = ck_network_key(kv->key);
		if (!k)
			continue;
		/* the value as sim/nodes.c writes it into wpa_supplicant.conf:
		 * ssid quoted, psk quoted unless it is 64 hex digits */
		if (k->type == CK_WPAS_SSID || (k->type == CK_WPAS_PSK && strlen(kv->value) != 64))
			snprintf(val, sizeof(val), "\"%s\"", kv->value);
		else
			snprintf(val, sizeof(val), "%s", kv->value);
		if (k->type == CK_WPAS_PSK)
			cross.has_psk = true;	/* also a bad one: reported once */
		if (ck_check(k, val, &o, why, sizeof(why))) {
			sim_fail_at(p, kv->line, kv->key, "%s", why);
		} else if (k->type == CK_WPAS_AKM) {
			cross.key_mgmt = o.mask;
			key_mgmt_set = true;
		}
		ck_value_wipe(&o);
		secure_zero(val, sizeof(val));
	}
	if (n->conf)
		return;
	if (!key_mgmt_set)
		cross.key_mgmt = cross.has_psk ? WPA_AKM_PSK : WPA_AKM_NONE;
	ck_network_cross_check(&cross, cross_err, &cc);
}

void sim_check_node_keys(struct pctx *p, const struct sim_node_cfg *n)
{
	switch (n->role) {
	case SIM_ROLE_AP:
		check_ap(p, n);
		break;
	case SIM_ROLE_STA:
		check_sta(p, n);
		break;
	}
}

void sim_check_ctl(struct pctx *p, const struct sim_node_cfg *n, int argc, char **argv)
{
	char spec[SIM_TEXT_MAX];
	size_t l = 0;

	if (argc < 1 || strcasecmp(argv[0], "fault") || n->impl != SIM_IMPL_ROAMLAB)
		return;
	spec[0] = '\0';
	for (int i = 1; i < argc && l < sizeof(spec); i++)
		l += (size_t)snprintf(spec + l, sizeof(spec) - l, "%s%s", i > 1 ? " " : "", argv[i]);
	switch (n->role) {
	case SIM_ROLE_AP:
		check_fault(p, p->line, "fault", HS_ROLE_AUTHENTICATOR, spec);
		break;
	case SIM_ROLE_STA:
		check_fault(p, p->line, "fault", HS_ROLE_SUPPLICANT, spec);
		break;
	}
}
