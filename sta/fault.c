// SPDX-License-Identifier: MIT
/* fault.c: names, arguments and help of the station's faults. */
#include "fault.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum sta_fault_id {
	STA_FAULT_STALE_AA,
	STA_FAULT_WRONG_PSK,
	STA_FAULT_STALE_ANONCE,
	STA_FAULT_SNONCE_CHANGE,
	STA_FAULT_DESC_VERSION,
	STA_FAULT_MSG2_OLD_AP,
	STA_FAULT_DROP_MSG,
	STA_FAULT_DELAY_MSG,
	STA_FAULT_IGNORE_DEAUTH,
	STA_FAULT_REINSTALL,
};

struct fault_def {
	const char *name;
	enum sta_fault_id id;
	int min_args, max_args;
	const char *usage;
	const char *what;
	const char *ap_log;
};

static const struct fault_def fault_defs[] = {
	{ "stale-aa", STA_FAULT_STALE_AA, 0, 1, "stale-aa [bssid]",
	  "After a roam, derive the PTK with the previous AP's BSSID (the last AP a "
	  "handshake completed with, kept on every retry; or the one given) as the "
	  "Authenticator Address: the 2009 seed bug.",
	  "\"WPA: invalid MIC in msg 2/4 of 4-Way Handshake\" for each of the 4 msg 1/4; "
	  "hostapd adds \"WPA: EAPOL-Key timeout\" after each and ends with "
	  "\"PTKSTART: Retry limit 4 reached\" and a deauth (reason 15). roamlab-ap "
	  "adds \"WPA: diagnosis: STA derived the PTK with BSSID <previous AP> (stale "
	  "AA: it kept the previous AP's address)\" after each (it knows the previous "
	  "AP from the Reassociation Request's Current AP field), then one "
	  "\"WPA: EAPOL-Key timeout\" and the deauth." },
	{ "wrong-psk", STA_FAULT_WRONG_PSK, 0, 1, "wrong-psk [pmk-hex]",
	  "Derive the PTK from a wrong PMK: the given one (64 hex digits, e.g. "
	  "from wpa_passphrase SSID OTHER-PASSPHRASE) or the right one with its "
	  "first byte inverted.",
	  "\"invalid MIC in msg 2/4 of 4-Way Handshake\" per try, then \"EAPOL-Key "
	  "timeout\"; roamlab-ap: \"diagnosis: no known cause\", or \"diagnosis: STA "
	  "used another configured PSK (...)\" when that PSK is one of its own." },
	{ "stale-anonce", STA_FAULT_STALE_ANONCE, 0, 0, "stale-anonce",
	  "Answer msg 1/4 with a PTK from the ANonce of an earlier msg 1/4.",
	  "\"invalid MIC in msg 2/4 of 4-Way Handshake\" per try (the AP changes its "
	  "ANonce per handshake); roamlab-ap: \"diagnosis: STA answered an earlier msg "
	  "1/4 (stale ANonce, N back)\" when it sent that ANonce itself (e.g. with its "
	  "anonce-per-resend knob), else \"diagnosis: no known cause\" (after a roam "
	  "the stale ANonce is the previous AP's)." },
	{ "snonce-change", STA_FAULT_SNONCE_CHANGE, 0, 0, "snonce-change",
	  "Use a new SNonce for every msg 2/4, even in answer to a resent 1/4.",
	  "usually nothing (hostapd takes the SNonce of the 2/4 it verifies); if 2/4 "
	  "and 3/4 cross, \"invalid MIC in msg 4/4\" or a second handshake." },
	{ "desc-version-mismatch", STA_FAULT_DESC_VERSION, 0, 0, "desc-version-mismatch",
	  "Label msg 2/4 with the expected descriptor version but compute the MIC with "
	  "the other (HMAC-MD5 <-> HMAC-SHA1).",
	  "\"invalid MIC in msg 2/4 of 4-Way Handshake\"; roamlab-ap: \"diagnosis: STA "
	  "computed the MIC with descriptor version N (...) instead of M (...)\"." },
	{ "msg2-to-old-ap", STA_FAULT_MSG2_OLD_AP, 0, 0, "msg2-to-old-ap",
	  "Send the first EAPOL frame after a reassociation (msg 2/4) to the previous "
	  "BSSID.",
	  "the new AP logs nothing for 2/4 and resends 1/4 (\"EAPOL-Key timeout\" per "
	  "resend); the next 2/4 goes to the right AP." },
	{ "drop-msg", STA_FAULT_DROP_MSG, 1, 2, "drop-msg <2|4|g2> [count]",
	  "Do not send message N (2/4, 4/4 or group 2/2); count times (default every).",
	  "2/4: resends of 1/4 then \"EAPOL-Key timeout\"; 4/4: resends of 3/4; g2: "
	  "group resends then \"group key handshake failed\"." },
	{ "delay-msg", STA_FAULT_DELAY_MSG, 2, 3, "delay-msg <2|4|g2> <ms> [count]",
	  "Send message N after a delay.",
	  "a delay beyond 100 ms makes the AP resend the previous message first." },
	{ "ignore-deauth", STA_FAULT_IGNORE_DEAUTH, 0, 0, "ignore-deauth",
	  "Do not react to deauthentication or disassociation (no roam, no reconnect).",
	  "the AP logs the STA as gone; class 3 frames from the STA are answered with "
	  "deauth (reason 7)." },
	{ "reinstall-on-m3-resend", STA_FAULT_REINSTALL, 0, 0, "reinstall-on-m3-resend",
	  "Reinstall the PTK when a resent msg 3/4 arrives (KRACK-vulnerable; resets "
	  "the nonce/PN).",
	  "nothing by itself; with an AP that resends 3/4 the AP/lab sees reused "
	  "CCMP PNs / TKIP IVs." },
};

static bool is_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static const struct fault_def *find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fault_defs); i++)
		if (!strcmp(fault_defs[i].name, name))
			return &fault_defs[i];
	return NULL;
}

static int parse_msg(const char *s, struct hs_msg_fault *m)
{
	if (!strcmp(s, "2") || !strcmp(s, "4")) {
		m->msg = (uint8_t)(s[0] - '0');
		m->group = false;
	} else if (!strcmp(s, "g2")) {
		m->msg = 2;
		m->group = true;
	} else {
		return -EINVAL;
	}
	return 0;
}

static int parse_u32(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > 3600000)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

int sta_fault_set(struct sta_faults *f, const char *name, int argc,
		  char argv[][128], char *err, size_t errlen)
{
	const struct fault_def *d = find(name);
	struct hs_msg_fault m = { 0 };

	if (!d) {
		snprintf(err, errlen, "unknown fault '%s' (see --help faults)", name);
		return -EINVAL;
	}
	if (argc < d->min_args || argc > d->max_args) {
		snprintf(err, errlen, "usage: fault %s", d->usage);
		return -EINVAL;
	}
	switch (d->id) {
	case STA_FAULT_STALE_AA:
		memset(f->hs.stale_aa_addr, 0, 6);
		if (argc == 1 && mac_parse(argv[0], f->hs.stale_aa_addr) < 0) {
			snprintf(err, errlen, "stale-aa: '%s' is not a BSSID", argv[0]);
			return -EINVAL;
		}
		f->hs.stale_aa = true;
		break;
	case STA_FAULT_WRONG_PSK:
		memset(f->hs.wrong_pmk, 0, sizeof(f->hs.wrong_pmk));
		/* all zero means "the right PMK, first byte inverted" to the
		 * supplicant, so a zero PMK cannot be given */
		if (argc == 1 && (strlen(argv[0]) != 2 * PMK_LEN ||
				  hex_decode(argv[0], f->hs.wrong_pmk, PMK_LEN) < 0 ||
				  is_zero(f->hs.wrong_pmk, PMK_LEN))) {
			memset(f->hs.wrong_pmk, 0, sizeof(f->hs.wrong_pmk));
			snprintf(err, errlen, "wrong-psk: '%s' is not a PMK (%d hex digits, "
				 "not all zero)", argv[0], 2 * PMK_LEN);
			return -EINVAL;
		}
		f->hs.wrong_psk = true;
		break;
	case STA_FAULT_STALE_ANONCE:
		f->hs.stale_anonce = true;
		break;
	case STA_FAULT_SNONCE_CHANGE:
		f->hs.snonce_change = true;
		break;
	case STA_FAULT_DESC_VERSION:
		f->hs.desc_version_mismatch = true;
		break;
	case STA_FAULT_MSG2_OLD_AP:
		f->msg2_to_old_ap = true;
		break;
	case STA_FAULT_IGNORE_DEAUTH:
		f->ignore_deauth = true;
		break;
	case STA_FAULT_REINSTALL:
		f->hs.reinstall_on_m3_resend = true;
		break;
	case STA_FAULT_DROP_MSG:
	case STA_FAULT_DELAY_MSG:
		if (parse_msg(argv[0], &m) < 0) {
			snprintf(err, errlen, "%s: message must be 2, 4 or g2, not '%s'",
				 name, argv[0]);
			return -EINVAL;
		}
		if (d->id == STA_FAULT_DELAY_MSG &&
		    parse_u32(argv[1], &m.delay_ms) < 0) {
			snprintf(err, errlen, "%s: bad delay '%s' (ms)", name, argv[1]);
			return -EINVAL;
		}
		if (argc == d->max_args && parse_u32(argv[argc - 1], &m.count) < 0) {
			snprintf(err, errlen, "%s: bad count '%s'", name, argv[argc - 1]);
			return -EINVAL;
		}
		if (d->id == STA_FAULT_DROP_MSG)
			f->hs.drop = m;
		else
			f->hs.delay = m;
		break;
	}
	return 0;
}

static void clear_one(struct sta_faults *f, enum sta_fault_id id)
{
	switch (id) {
	case STA_FAULT_STALE_AA:
		f->hs.stale_aa = false;
		memset(f->hs.stale_aa_addr, 0, 6);
		break;
	case STA_FAULT_WRONG_PSK:
		f->hs.wrong_psk = false;
		secure_zero(f->hs.wrong_pmk, sizeof(f->hs.wrong_pmk));
		break;
	case STA_FAULT_STALE_ANONCE:
		f->hs.stale_anonce = false;
		break;
	case STA_FAULT_SNONCE_CHANGE:
		f->hs.snonce_change = false;
		break;
	case STA_FAULT_DESC_VERSION:
		f->hs.desc_version_mismatch = false;
		break;
	case STA_FAULT_MSG2_OLD_AP:
		f->msg2_to_old_ap = false;
		break;
	case STA_FAULT_DROP_MSG:
		memset(&f->hs.drop, 0, sizeof(f->hs.drop));
		break;
	case STA_FAULT_DELAY_MSG:
		memset(&f->hs.delay, 0, sizeof(f->hs.delay));
		break;
	case STA_FAULT_IGNORE_DEAUTH:
		f->ignore_deauth = false;
		break;
	case STA_FAULT_REINSTALL:
		f->hs.reinstall_on_m3_resend = false;
		break;
	}
}

int sta_fault_clear(struct sta_faults *f, const char *name)
{
	const struct fault_def *d;

	if (!name || !*name) {
		secure_zero(f, sizeof(*f));
		return 0;
	}
	d = find(name);
	if (!d)
		return -EINVAL;
	clear_one(f, d->id);
	return 0;
}

static bool armed(const struct sta_faults *f, enum sta_fault_id id)
{
	switch (id) {
	case STA_FAULT_STALE_AA: return f->hs.stale_aa;
	case STA_FAULT_WRONG_PSK: return f->hs.wrong_psk;
	case STA_FAULT_STALE_ANONCE: return f->hs.stale_anonce;
	case STA_FAULT_SNONCE_CHANGE: return f->hs.snonce_change;
	case STA_FAULT_DESC_VERSION: return f->hs.desc_version_mismatch;
	case STA_FAULT_MSG2_OLD_AP: return f->msg2_to_old_ap;
	case STA_FAULT_DROP_MSG: return f->hs.drop.msg != 0;
	case STA_FAULT_DELAY_MSG: return f->hs.delay.msg != 0;
	case STA_FAULT_IGNORE_DEAUTH: return f->ignore_deauth;
	case STA_FAULT_REINSTALL: return f->hs.reinstall_on_m3_resend;
	}
	return false;
}

const char *sta_fault_list(const struct sta_faults *f, char *buf, size_t len)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(fault_defs); i++)
		if (armed(f, fault_defs[i].id) && off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
						off ? "," : "", fault_defs[i].name);
	if (!off)
		snprintf(buf, len, "none");
	return buf;
}

const char *sta_fault_help(void)
{
	static char buf[8192];
	size_t i, off = 0;

	if (buf[0])
		return buf;
	off += (size_t)snprintf(buf, sizeof(buf),
		"Faults (control command or script line: fault <name> [args]; "
		"fault clear [name]):\n");
	for (i = 0; i < ARRAY_SIZE(fault_defs) && off < sizeof(buf); i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					"\n  %s\n      %s\n      AP log: %s\n",
					fault_defs[i].usage, fault_defs[i].what,
					fault_defs[i].ap_log);
	return buf;
}
