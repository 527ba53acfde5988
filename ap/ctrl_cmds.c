// SPDX-License-Identifier: MIT
/* ctrl_cmds.c: roamlab-ap's control-socket commands (ctrl.h protocol). */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "ap.h"
#include "ctrl.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"

static int get_mac(struct ctrl_req *req, const char *s, uint8_t mac[ETH_ALEN])
{
	if (mac_parse(s, mac))
		return ctrl_fail(req, "bad MAC address '%s'", s);
	return 0;
}

static int c_status(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	struct ap *ap = ctx;
	const struct ap_config *c = ap->cfg;
	char faults[256], pw[16], rw[16];

	hs_fault_list(&ap->faults, faults, sizeof(faults));
	ctrl_reply_printf(req, "state=%s\ninterface=%s\nbssid=" MAC_FMT "\nssid=%.*s\n",
			  ap->enabled ? "ENABLED" : "DISABLED", ap->ifname, MAC_ARG(ap->bssid),
			  (int)c->ssid_len, (const char *)c->ssid);
	ctrl_reply_printf(req, "channel=%d\nfreq=%d\nwpa=%d\nwpa_pairwise=%s\nrsn_pairwise=%s\n",
			  c->channel, c->freq_mhz, c->wpa,
			  ap_cipher_str(c->wpa_pairwise, pw, sizeof(pw)),
			  ap_cipher_str(c->rsn_pairwise, rw, sizeof(rw)));
	ctrl_reply_printf(req, "group_cipher=%s\nnum_sta=%zu\nmax_num_sta=%zu\n",
			  c->wpa ? wpa_cipher_name(wpa_cipher_supported(c->group_cipher)) : "NONE",
			  ap->stas.count, ap->stas.max);
	if (ap->group)
		ctrl_reply_printf(req, "gtk_idx=%u\n", hs_group_key_idx(ap->group));
	ctrl_reply_printf(req, "countermeasures=%d\nfaults=%s\n",
			  ap->countermeasures_until_us != 0, faults);
	/* hostapd's per-BSS keys, for scripts written against hostapd_cli */
	ctrl_reply_printf(req, "bss[0]=%s\nbssid[0]=" MAC_FMT "\nssid[0]=%.*s\nnum_sta[0]=%zu\n",
			  ap->ifname, MAC_ARG(ap->bssid), (int)c->ssid_len,
			  (const char *)c->ssid, ap->stas.count);
	return 0;
}

/* One station as hostapd's STA, STA-FIRST and STA-NEXT give it (the MAC
 * alone on the first line, then flags= and aid=, which hostapd_cli's
 * all_sta and list_sta read), then roamlab's own keys. */
static int sta_reply(struct ctrl_req *req, struct ap_sta *s)
{
	ctrl_reply_printf(req, MAC_FMT "\nflags=[AUTH]%s%s\naid=%u\n", MAC_ARG(s->addr),
			  s->state != AP_STA_AUTHENTICATED ? "[ASSOC]" : "",
			  s->state == AP_STA_AUTHORIZED ? "[AUTHORIZED]" : "", s->aid);
	ctrl_reply_printf(req, "state=%s\nproto=%s\npairwise=%s\n",
			  ap_sta_state_name(s->state), ie_proto_name(s->proto),
			  s->pairwise ? wpa_cipher_name(s->pairwise) : "NONE");
	if (s->hs)
		ctrl_reply_printf(req, "wpa_ptk_state=%s\nwpa_ptk_group_state=%s\n",
				  hs_auth_state_name(hs_auth_state(s->hs)),
				  hs_auth_gstate_name(hs_auth_gstate(s->hs)));
	if (s->t_done_us)
		ctrl_reply_printf(req, "assoc_to_done_us=%llu\n",
				  (unsigned long long)(s->t_done_us - s->t_assoc_us));
	return 0;
}

/* The station a MAC argument names; NULL with the FAIL reason set. */
static struct ap_sta *sta_arg(struct ctrl_req *req, struct ap *ap, const char *arg)
{
	uint8_t mac[ETH_ALEN];
	struct ap_sta *s;

	if (get_mac(req, arg, mac))
		return NULL;
	s = ap_sta_find(&ap->stas, mac);
	if (!s)
		ctrl_fail(req, "no station " MAC_FMT, MAC_ARG(mac));
	return s;
}

static int c_sta(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	struct ap_sta *s = sta_arg(req, ctx, argv[1]);

	return s ? sta_reply(req, s) : -EINVAL;
}

/* hostapd_cli's all_sta and list_sta walk the table with these; FAIL ends
 * the walk (no station, or none after MAC). */
static int c_sta_first(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	struct ap *ap = ctx;

	if (!ap->stas.head)
		return ctrl_fail(req, "no station");
	return sta_reply(req, ap->stas.head);
}

static int c_sta_next(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	struct ap_sta *s = sta_arg(req, ctx, argv[1]);

	if (!s)
		return -EINVAL;
	if (!s->next)
		return ctrl_fail(req, "no station after " MAC_FMT, MAC_ARG(s->addr));
	return sta_reply(req, s->next);
}

static int c_list_sta(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	struct ap *ap = ctx;

	for (struct ap_sta *s = ap->stas.head; s; s = s->next)
		ctrl_reply_printf(req, MAC_FMT " %s\n", MAC_ARG(s->addr),
				  ap_sta_state_name(s->state));
	return 0;
}

static int deauth_cmd(struct ctrl_req *req, char **argv, void *ctx, bool disassoc)
{
	struct ap *ap = ctx;
	uint8_t mac[ETH_ALEN];

	if (get_mac(req, argv[1], mac))
		return -EINVAL;
	if (ap_deauth_sta(ap, mac, disassoc ? MGMT_REASON_DISASSOC_AP_BUSY :
			  MGMT_REASON_PREV_AUTH_NOT_VALID, disassoc))
		return ctrl_fail(req, "no station " MAC_FMT, MAC_ARG(mac));
	return 0;
}

static int c_deauth(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	return deauth_cmd(req, argv, ctx, false);
}

static int c_disassoc(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	return deauth_cmd(req, argv, ctx, true);
}

static int c_rekey_gtk(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	struct ap *ap = ctx;
	int ret;

	if (!ap->group)
		return ctrl_fail(req, "no group key (open network or AP disabled)");
	ret = hs_group_rekey(ap->group);
	if (ret == -EBUSY)
		return ctrl_fail(req, "a group rekey is already in progress");
	return ret;
}

static int c_disable(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	ap_disable(ctx);
	return 0;
}

static int c_enable(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	int ret = ap_enable(ctx);

	if (ret)
		return ctrl_fail(req, "cannot enable: %s", strerror(-ret));
	return 0;
}

static int c_fault(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	char spec[128], err[160];
	size_t pos = 0;

	spec[0] = '\0';
	for (int i = 1; i < argc; i++) {
		int n = snprintf(spec + pos, sizeof(spec) - pos, "%s%s", i > 1 ? " " : "", argv[i]);

		if (n < 0 || (size_t)n >= sizeof(spec) - pos)
			return ctrl_fail(req, "fault spec too long");
		pos += (size_t)n;
	}
	if (ap_set_fault(ctx, spec, err, sizeof(err)))
		return ctrl_fail(req, "%s", err);
	return 0;
}

static const char *const level_names[] = {
	[LOG_LVL_EXCESSIVE] = "EXCESSIVE", [LOG_LVL_MSGDUMP] = "MSGDUMP",
	[LOG_LVL_DEBUG] = "DEBUG", [LOG_LVL_INFO] = "INFO",
	[LOG_LVL_WARNING] = "WARNING", [LOG_LVL_ERROR] = "ERROR",
};

static int c_log_level(struct ctrl_req *req, int argc, char **argv, void *ctx)
{
	if (argc == 1) {
		ctrl_reply_printf(req, "level=%s\n", level_names[log_get_level()]);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(level_names); i++) {
		if (!strcasecmp(argv[1], level_names[i])) {
			log_set_level((enum log_level)i);
			return 0;
		}
	}
	return ctrl_fail(req, "unknown level '%s' (EXCESSIVE MSGDUMP DEBUG INFO WARNING ERROR)",
			 argv[1]);
}

const struct ctrl_cmd ap_ctrl_cmds[] = {
	{ "STATUS", 0, 0, c_status, "", "AP state, security and station count" },
	{ "STA", 1, 1, c_sta, "<mac>", "one station's state" },
	{ "STA-FIRST", 0, 0, c_sta_first, "", "the first station (hostapd_cli all_sta)" },
	{ "STA-NEXT", 1, 1, c_sta_next, "<mac>", "the station after mac" },
	{ "LIST_STA", 0, 0, c_list_sta, "", "all stations, one per line" },
	{ "DEAUTH", 1, 1, c_deauth, "<mac>", "deauthenticate a station" },
	{ "DISASSOC", 1, 1, c_disassoc, "<mac>", "disassociate a station" },
	{ "DEAUTHENTICATE", 1, 1, c_deauth, "<mac>", "as DEAUTH (hostapd_cli's word)" },
	{ "DISASSOCIATE", 1, 1, c_disassoc, "<mac>", "as DISASSOC (hostapd_cli's word)" },
	{ "REKEY_GTK", 0, 0, c_rekey_gtk, "", "start a group key rekey now" },
	{ "DISABLE", 0, 0, c_disable, "", "deauth all and stop beaconing" },
	{ "ENABLE", 0, 0, c_enable, "", "start beaconing again" },
	{ "FAULT", 1, 4, c_fault, "<name> [args]", "set a fault knob (see --help faults)" },
	{ "LOG_LEVEL", 0, 1, c_log_level, "[level]", "show or set the log level" },
};
const size_t ap_ctrl_ncmds = ARRAY_SIZE(ap_ctrl_cmds);
