// SPDX-License-Identifier: MIT
/* hs_fault.c: the handshake faults (see hs_fault.h): one table of names,
 * sides, arguments and help; parsing, listing, and the firing bookkeeping. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hs_fault.h"
#include "util.h"

#define SIDE_AP		(1u << HS_ROLE_AUTHENTICATOR)
#define SIDE_STA	(1u << HS_ROLE_SUPPLICANT)
#define MAX_COUNT	1000000u
#define MAX_DELAY_MS	60000u

/* Which messages a per-message fault may name, per side: what that side
 * sends (drop, delay, corrupt before sending) and, for the AP, what it
 * receives (drop: ignored; corrupt: a MIC bit flipped before checking). */
#define M(x) (1u << (x))
#define MSGS_ALL (M(EAPOL_MSG_PTK_1) | M(EAPOL_MSG_PTK_2) | M(EAPOL_MSG_PTK_3) | \
		  M(EAPOL_MSG_PTK_4) | M(EAPOL_MSG_GROUP_1) | M(EAPOL_MSG_GROUP_2))
#define MSGS_AP_TX (M(EAPOL_MSG_PTK_1) | M(EAPOL_MSG_PTK_3) | M(EAPOL_MSG_GROUP_1))
#define MSGS_STA_TX (M(EAPOL_MSG_PTK_2) | M(EAPOL_MSG_PTK_4) | M(EAPOL_MSG_GROUP_2))

struct fault_def {
	const char *name;
	enum hs_fault_kind kind;
	unsigned int sides;
	int min_args, max_args;
	uint32_t msgs[2];		/* per-message kinds: allowed, per role */
	const char *usage;
	const char *help[2];		/* per role: what it does, what the peer logs */
};

static const struct fault_def defs[] = {
	{ "stale-aa", HS_FAULT_STALE_AA, SIDE_STA, 0, 1, { 0, 0 }, "stale-aa [bssid]",
	  { NULL,
	    "After a roam, derive the PTK with the previous AP's BSSID (the last AP a "
	    "handshake completed with, kept on every retry; or the one given) as the "
	    "Authenticator Address: the 2009 seed bug.\n"
	    "      AP log: \"WPA: invalid MIC in msg 2/4 of 4-Way Handshake\" for each of "
	    "the 4 msg 1/4; hostapd adds \"WPA: EAPOL-Key timeout\" after each and ends "
	    "with \"PTKSTART: Retry limit 4 reached\" and a deauth (reason 15). "
	    "roamlab-ap adds \"WPA: diagnosis: STA derived the PTK with BSSID <previous "
	    "AP> (stale AA: it kept the previous AP's address)\" after each (it knows the "
	    "previous AP from the Reassociation Request's Current AP field), then one "
	    "\"WPA: EAPOL-Key timeout\" and the deauth." } },
	{ "wrong-psk", HS_FAULT_WRONG_PSK, SIDE_STA, 0, 1, { 0, 0 }, "wrong-psk [pmk-hex]",
	  { NULL,
	    "Derive the PTK from a wrong PMK: the given one (64 hex digits, e.g. from "
	    "wpa_passphrase SSID OTHER-PASSPHRASE) or the right one with its first byte "
	    "inverted.\n"
	    "      AP log: \"invalid MIC in msg 2/4 of 4-Way Handshake\" per try, then "
	    "\"EAPOL-Key timeout\"; roamlab-ap: \"diagnosis: no known cause\", or "
	    "\"diagnosis: STA used another configured PSK (...)\" when that PSK is one of "
	    "its own." } },
	{ "stale-anonce", HS_FAULT_STALE_ANONCE, SIDE_STA, 0, 0, { 0, 0 }, "stale-anonce",
	  { NULL,
	    "Answer msg 1/4 with a PTK from the ANonce of an earlier msg 1/4.\n"
	    "      AP log: \"invalid MIC in msg 2/4 of 4-Way Handshake\" per try (the AP "
	    "changes its ANonce per handshake); roamlab-ap: \"diagnosis: STA answered an "
	    "earlier msg 1/4 (stale ANonce, N back)\" when it sent that ANonce itself "
	    "(e.g. with its anonce-per-resend fault), else \"diagnosis: no known cause\" "
	    "(after a roam the stale ANonce is the previous AP's)." } },
	{ "snonce-change", HS_FAULT_SNONCE_CHANGE, SIDE_STA, 0, 0, { 0, 0 }, "snonce-change",
	  { NULL,
	    "Use a new SNonce for every msg 2/4, even in answer to a resent 1/4.\n"
	    "      AP log: usually nothing (hostapd takes the SNonce of the 2/4 it "
	    "verifies); if 2/4 and 3/4 cross, \"invalid MIC in msg 4/4\" or a second "
	    "handshake." } },
	{ "desc-version-mismatch", HS_FAULT_DESC_VERSION, SIDE_STA, 0, 0, { 0, 0 },
	  "desc-version-mismatch",
	  { NULL,
	    "Label msg 2/4 with the expected descriptor version but compute the MIC with "
	    "the other (HMAC-MD5 <-> HMAC-SHA1).\n"
	    "      AP log: \"invalid MIC in msg 2/4 of 4-Way Handshake\"; roamlab-ap: "
	    "\"diagnosis: STA computed the MIC with descriptor version N (...) instead "
	    "of M (...)\"." } },
	{ "msg2-to-old-ap", HS_FAULT_MSG2_TO_OLD_AP, SIDE_STA, 0, 0, { 0, 0 }, "msg2-to-old-ap",
	  { NULL,
	    "Send the first EAPOL frame after a reassociation (msg 2/4) to the previous "
	    "BSSID.\n"
	    "      AP log: the new AP logs nothing for 2/4 and resends 1/4 (\"EAPOL-Key "
	    "timeout\" per resend); the next 2/4 goes to the right AP." } },
	{ "ignore-deauth", HS_FAULT_IGNORE_DEAUTH, SIDE_STA, 0, 0, { 0, 0 }, "ignore-deauth",
	  { NULL,
	    "Do not react to deauthentication or disassociation (no roam, no "
	    "reconnect).\n"
	    "      AP log: the AP logs the STA as gone; class 3 frames from the STA are "
	    "answered with deauth (reason 7)." } },
	{ "reinstall-on-m3-resend", HS_FAULT_REINSTALL, SIDE_STA, 0, 0, { 0, 0 },
	  "reinstall-on-m3-resend",
	  { NULL,
	    "Reinstall the PTK when a resent msg 3/4 arrives (KRACK-vulnerable; resets "
	    "the nonce/PN).\n"
	    "      AP log: nothing by itself; with an AP that resends 3/4 the AP/lab sees "
	    "reused CCMP PNs / TKIP IVs." } },
	{ "anonce-per-resend", HS_FAULT_ANONCE_PER_RESEND, SIDE_AP, 0, 0, { 0, 0 },
	  "anonce-per-resend",
	  { "New ANonce in every resend of msg 1/4.\n"
	    "      The client logs a 1/4 replay or mismatch; our log shows \"invalid MIC "
	    "in msg 2/4\" with the diagnosis \"ANonce of an earlier msg 1/4\" when the "
	    "STA answers an old one.", NULL } },
	{ "resend-m3", HS_FAULT_RESEND_M3, SIDE_AP, 0, 0, { 0, 0 }, "resend-m3",
	  { "Send msg 3/4 twice (key reinstallation test).", NULL } },
	{ "gtk-wrong-keyidx", HS_FAULT_GTK_WRONG_KEYIDX, SIDE_AP, 0, 0, { 0, 0 },
	  "gtk-wrong-keyidx",
	  { "Announce the GTK with the other key index (msg 3/4 and group msg 1/2).",
	    NULL } },
	{ "sae-wrong-password", HS_FAULT_SAE_WRONG_PASSWORD, SIDE_STA, 0, 0, { 0, 0 },
	  "sae-wrong-password",
	  { NULL,
	    "Run SAE with a password that is not the network's (the right one with a "
	    "suffix).\n"
	    "      AP log: the commits pass, the station's confirm does not verify: "
	    "hostapd \"SAE: Confirm mismatch\"; roamlab-ap \"AP-SAE-DROPPED ... "
	    "reason=confirm-mismatch\". No association follows." } },
	{ "sae-group-mismatch", HS_FAULT_SAE_GROUP_MISMATCH, SIDE_STA, 0, 0, { 0, 0 },
	  "sae-group-mismatch",
	  { NULL,
	    "Offer SAE only in a group the AP is not configured for (21, or 20 when "
	    "sae_groups starts with 21).\n"
	    "      AP log: the commit is refused with status 77 "
	    "(FINITE_CYCLIC_GROUP_NOT_SUPPORTED); hostapd 2.10 \"SAE: Proposed group 21 "
	    "not enabled in the current configuration\", roamlab-ap \"AP-SAE-DROPPED ... "
	    "reason=unsupported-group\"." } },
	{ "sae-pwe-mismatch", HS_FAULT_SAE_PWE_MISMATCH, SIDE_STA, 0, 0, { 0, 0 },
	  "sae-pwe-mismatch",
	  { NULL,
	    "Derive the PWE with the other method (hunting-and-pecking instead of "
	    "hash-to-element, or the reverse).\n"
	    "      AP log: an AP with sae_pwe=1 refuses the status 0 commit (hostapd "
	    "2.10: \"SAE: Unexpected Status Code 0\", answered with status 1), one with "
	    "sae_pwe=0 the status 126 commit; no SAE completes." } },
	{ "pmksa-stale", HS_FAULT_PMKSA_STALE, SIDE_AP | SIDE_STA, 0, 0, { 0, 0 },
	  "pmksa-stale",
	  { "Forget a station's cached PMKSA when it names its PMKID (as an AP that "
	    "restarted or expired it).\n"
	    "      Client log: association rejected with status 53 (INVALID_PMKID); "
	    "wpa_supplicant drops the PMKSA and runs SAE again.",
	    "Name a PMKID the AP does not have in the (Re)Association Request.\n"
	    "      AP log: status 53 (INVALID_PMKID); roamlab-ap \"AP-PMKSA-CACHE-MISS\"; "
	    "the station drops its PMKSA and runs SAE on the next attempt." } },
	{ "sa-query-no-reply", HS_FAULT_SA_QUERY_NO_REPLY, SIDE_AP, 0, 0, { 0, 0 },
	  "sa-query-no-reply",
	  { "Do not answer SA Query Requests from stations.\n"
	    "      Client log: after an unprotected deauth wpa_supplicant sends SA "
	    "Queries (\"SME: Association SA Query attempt N\"), then \"SME: SA Query "
	    "timed out\" and disconnects.", NULL } },
	{ "igtk-wrong-keyid", HS_FAULT_IGTK_WRONG_KEYID, SIDE_AP, 0, 0, { 0, 0 },
	  "igtk-wrong-keyid",
	  { "Announce the IGTK with the other key ID (4 <-> 5) in msg 3/4 and group "
	    "msg 1/2.\n"
	    "      Client log: the IGTK installs under the wrong ID, so the AP's BIP-"
	    "protected broadcast deauth/disassoc (MME key ID) should find no key at the "
	    "station and be dropped (not yet checked in the lab).", NULL } },
	{ "drop-msg", HS_FAULT_DROP_MSG, SIDE_AP | SIDE_STA, 1, 2,
	  { MSGS_ALL, MSGS_STA_TX }, "drop-msg MSG [COUNT]",
	  { "MSG = 1..4, g1, g2: don't send 1, 3, g1; ignore a received 2, 4, g2; COUNT "
	    "times (default: every time).\n"
	    "      Our log: \"EAPOL-Key timeout\" after the retries.",
	    "MSG = 2, 4 or g2: do not send message MSG; COUNT times (default: every "
	    "time).\n"
	    "      AP log: 2: resends of 1/4 then \"EAPOL-Key timeout\"; 4: resends of 3/4; "
	    "g2: group resends then \"group key handshake failed\"." } },
	{ "delay-msg", HS_FAULT_DELAY_MSG, SIDE_AP | SIDE_STA, 2, 3,
	  { MSGS_AP_TX, MSGS_STA_TX }, "delay-msg MSG MS [COUNT]",
	  { "Hold msg 1, 3 or g1 back for MS milliseconds; COUNT times (default: every "
	    "time).",
	    "Send message MSG (2, 4 or g2) MS milliseconds late; COUNT times (default: "
	    "every time).\n"
	    "      AP log: a delay beyond 100 ms makes the AP resend the previous message "
	    "first." } },
	{ "corrupt-mic", HS_FAULT_CORRUPT_MIC, SIDE_AP | SIDE_STA, 1, 2,
	  { MSGS_ALL & ~M(EAPOL_MSG_PTK_1), MSGS_STA_TX }, "corrupt-mic MSG [COUNT]",
	  { "Flip a MIC bit of 3 or g1 (sent) or of 2, 4, g2 (received); COUNT times "
	    "(default: every time).\n"
	    "      Our log: \"invalid MIC in msg 2/4 of 4-Way Handshake\".",
	    "Flip a MIC bit of message MSG (2, 4 or g2) before sending it; COUNT times "
	    "(default: every time).\n"
	    "      AP log: \"invalid MIC in msg 2/4 of 4-Way Handshake\" (or 4/4, group "
	    "2/2)." } },
};

static const char *const msg_names[EAPOL_MSG_COUNT] = {
	[EAPOL_MSG_UNKNOWN] = "none",	   [EAPOL_MSG_PTK_1] = "1/4",
	[EAPOL_MSG_PTK_2] = "2/4",	   [EAPOL_MSG_PTK_3] = "3/4",
	[EAPOL_MSG_PTK_4] = "4/4",	   [EAPOL_MSG_GROUP_1] = "group 1/2",
	[EAPOL_MSG_GROUP_2] = "group 2/2", [EAPOL_MSG_REQUEST] = "request",
};

static const char *const msg_args[EAPOL_MSG_COUNT] = {
	[EAPOL_MSG_UNKNOWN] = "?",  [EAPOL_MSG_PTK_1] = "1",   [EAPOL_MSG_PTK_2] = "2",
	[EAPOL_MSG_PTK_3] = "3",    [EAPOL_MSG_PTK_4] = "4",   [EAPOL_MSG_GROUP_1] = "g1",
	[EAPOL_MSG_GROUP_2] = "g2", [EAPOL_MSG_REQUEST] = "request",
};

const char *hs_fault_msg_name(enum eapol_msg m)
{
	return (unsigned int)m < EAPOL_MSG_COUNT ? msg_names[m] : "?";
}

const char *hs_fault_msg_arg(enum eapol_msg m)
{
	return (unsigned int)m < EAPOL_MSG_COUNT ? msg_args[m] : "?";
}

static const struct fault_def *find_kind(enum hs_fault_kind k)
{
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++)
		if (defs[i].kind == k)
			return &defs[i];
	return NULL;
}

const char *hs_fault_name(enum hs_fault_kind k)
{
	const struct fault_def *d = find_kind(k);

	return d ? d->name : "?";
}

static const struct fault_def *find_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++)
		if (!strcmp(defs[i].name, name))
			return &defs[i];
	return NULL;
}

/* The per-message table of a kind, NULL for the other kinds. */
static struct hs_msg_fault *msg_table(struct hs_faults *f, enum hs_fault_kind k)
{
	switch (k) {
	case HS_FAULT_DROP_MSG:
		return f->drop;
	case HS_FAULT_DELAY_MSG:
		return f->delay;
	case HS_FAULT_CORRUPT_MIC:
		return f->corrupt;
	case HS_FAULT_STALE_AA:
	case HS_FAULT_WRONG_PSK:
	case HS_FAULT_STALE_ANONCE:
	case HS_FAULT_SNONCE_CHANGE:
	case HS_FAULT_DESC_VERSION:
	case HS_FAULT_REINSTALL:
	case HS_FAULT_MSG2_TO_OLD_AP:
	case HS_FAULT_IGNORE_DEAUTH:
	case HS_FAULT_ANONCE_PER_RESEND:
	case HS_FAULT_RESEND_M3:
	case HS_FAULT_GTK_WRONG_KEYIDX:
	case HS_FAULT_SAE_WRONG_PASSWORD:
	case HS_FAULT_SAE_GROUP_MISMATCH:
	case HS_FAULT_SAE_PWE_MISMATCH:
	case HS_FAULT_PMKSA_STALE:
	case HS_FAULT_SA_QUERY_NO_REPLY:
	case HS_FAULT_IGTK_WRONG_KEYID:
		break;
	}
	return NULL;
}

/* The flag of a kind without messages, NULL for the per-message kinds. */
static bool *flag_of(struct hs_faults *f, enum hs_fault_kind k)
{
	switch (k) {
	case HS_FAULT_STALE_AA:
		return &f->stale_aa;
	case HS_FAULT_WRONG_PSK:
		return &f->wrong_psk;
	case HS_FAULT_STALE_ANONCE:
		return &f->stale_anonce;
	case HS_FAULT_SNONCE_CHANGE:
		return &f->snonce_change;
	case HS_FAULT_DESC_VERSION:
		return &f->desc_version_mismatch;
	case HS_FAULT_REINSTALL:
		return &f->reinstall_on_m3_resend;
	case HS_FAULT_MSG2_TO_OLD_AP:
		return &f->msg2_to_old_ap;
	case HS_FAULT_IGNORE_DEAUTH:
		return &f->ignore_deauth;
	case HS_FAULT_ANONCE_PER_RESEND:
		return &f->new_anonce_on_resend;
	case HS_FAULT_RESEND_M3:
		return &f->resend_m3;
	case HS_FAULT_GTK_WRONG_KEYIDX:
		return &f->wrong_gtk_keyidx;
	case HS_FAULT_SAE_WRONG_PASSWORD:
		return &f->sae_wrong_password;
	case HS_FAULT_SAE_GROUP_MISMATCH:
		return &f->sae_group_mismatch;
	case HS_FAULT_SAE_PWE_MISMATCH:
		return &f->sae_pwe_mismatch;
	case HS_FAULT_PMKSA_STALE:
		return &f->pmksa_stale;
	case HS_FAULT_SA_QUERY_NO_REPLY:
		return &f->sa_query_no_reply;
	case HS_FAULT_IGTK_WRONG_KEYID:
		return &f->igtk_wrong_keyid;
	case HS_FAULT_DROP_MSG:
	case HS_FAULT_DELAY_MSG:
	case HS_FAULT_CORRUPT_MIC:
		break;
	}
	return NULL;
}

bool hs_fault_armed(const struct hs_faults *f, enum hs_fault_kind k)
{
	struct hs_faults *w = (struct hs_faults *)f;	/* read only below */
	const struct hs_msg_fault *t = msg_table(w, k);
	const bool *flag = flag_of(w, k);

	if (flag)
		return *flag;
	for (int m = 0; t && m < EAPOL_MSG_COUNT; m++)
		if (t[m].on)
			return true;
	return false;
}

bool hs_faults_any(const struct hs_faults *f)
{
	for (int k = 0; k < HS_FAULT_KIND_COUNT; k++)
		if (hs_fault_armed(f, (enum hs_fault_kind)k))
			return true;
	return false;
}

void hs_fault_arm_msg(struct hs_faults *f, enum hs_fault_kind k, enum eapol_msg m,
		      uint32_t count, uint32_t delay_ms)
{
	struct hs_msg_fault *t = msg_table(f, k);

	if (!t || (unsigned int)m >= EAPOL_MSG_COUNT)
		return;
	t[m].on = true;
	t[m].left = count;
	t[m].delay_ms = delay_ms;
}

bool hs_fault_take_msg(struct hs_faults *f, enum hs_fault_kind k, enum eapol_msg m,
		       uint32_t *delay_ms)
{
	struct hs_msg_fault *t = msg_table(f, k);

	if (!f || !t || (unsigned int)m >= EAPOL_MSG_COUNT || !t[m].on)
		return false;
	if (delay_ms)
		*delay_ms = t[m].delay_ms;
	if (t[m].left && --t[m].left == 0)
		memset(&t[m], 0, sizeof(t[m]));
	return true;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static bool parse_uint(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* "1..4, g1 or g2" style list of the messages in mask. */
static void msgs_text(uint32_t mask, char *buf, size_t len)
{
	size_t pos = 0;
	int n = 0, total = 0;

	for (int m = 0; m < EAPOL_MSG_COUNT; m++)
		total += !!(mask & M(m));
	buf[0] = '\0';
	if ((mask & MSGS_ALL) == MSGS_ALL) {
		snprintf(buf, len, "1..4, g1 or g2");
		return;
	}
	for (int m = 0; m < EAPOL_MSG_COUNT && pos < len; m++) {
		if (!(mask & M(m)))
			continue;
		n++;
		pos += (size_t)snprintf(buf + pos, len - pos, "%s%s",
					n == 1 ? "" : (n == total ? " or " : ", "),
					msg_args[m]);
	}
}

static enum eapol_msg parse_msg(const char *s)
{
	for (int m = EAPOL_MSG_PTK_1; m <= EAPOL_MSG_GROUP_2; m++)
		if (!strcasecmp(s, msg_args[m]))
			return (enum eapol_msg)m;
	return EAPOL_MSG_UNKNOWN;
}

static void known_names(enum hs_role role, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(defs) && pos < len; i++)
		if (defs[i].sides & (1u << role))
			pos += (size_t)snprintf(buf + pos, len - pos, "%s ", defs[i].name);
	if (pos < len)
		snprintf(buf + pos, len - pos, "clear");
}

static int set_msg_fault(struct hs_faults *f, enum hs_role role, const struct fault_def *d,
			 int argc, const char *const argv[], char *err, size_t errlen)
{
	enum eapol_msg m = parse_msg(argv[0]);
	uint32_t count = 0, delay = 0;
	int count_at = d->kind == HS_FAULT_DELAY_MSG ? 2 : 1;
	char allowed[64];

	msgs_text(d->msgs[role], allowed, sizeof(allowed));
	if (m == EAPOL_MSG_UNKNOWN)
		return fail(err, errlen, "%s: bad message '%s' (expected %s)", d->name, argv[0],
			    allowed);
	if (m == EAPOL_MSG_PTK_1 && d->kind == HS_FAULT_CORRUPT_MIC)
		return fail(err, errlen, "%s: msg 1/4 has no MIC", d->name);
	if (!(d->msgs[role] & M(m)))
		return fail(err, errlen, "%s: bad message '%s' for the %s (expected %s)",
			    d->name, argv[0], role == HS_ROLE_SUPPLICANT ? "station" : "AP",
			    allowed);
	if (d->kind == HS_FAULT_DELAY_MSG && !parse_uint(argv[1], 0, MAX_DELAY_MS, &delay))
		return fail(err, errlen, "%s: bad delay '%s' (expected 0..%u ms)", d->name,
			    argv[1], MAX_DELAY_MS);
	if (argc > count_at && !parse_uint(argv[count_at], 1, MAX_COUNT, &count))
		return fail(err, errlen, "%s: bad count '%s' (expected 1..%u)", d->name,
			    argv[count_at], MAX_COUNT);
	hs_fault_arm_msg(f, d->kind, m, count, delay);
	return 0;
}

static bool is_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int hs_fault_set(struct hs_faults *f, enum hs_role role, const char *name, int argc,
		 const char *const argv[], char *err, size_t errlen)
{
	const struct fault_def *d = find_name(name);
	char known[256];
	uint8_t addr[6];
	uint8_t pmk[PMK_LEN];

	if (!d || !(d->sides & (1u << role))) {
		known_names(role, known, sizeof(known));
		return fail(err, errlen, "unknown fault '%s' (known: %s)", name, known);
	}
	if (argc && !d->max_args)
		return fail(err, errlen, "'%s' takes no arguments", d->name);
	if (argc < d->min_args || argc > d->max_args)
		return fail(err, errlen, "usage: %s", d->usage);
	if (msg_table(f, d->kind))
		return set_msg_fault(f, role, d, argc, argv, err, errlen);
	if (d->kind == HS_FAULT_STALE_AA) {
		memset(addr, 0, sizeof(addr));
		if (argc == 1 && mac_parse(argv[0], addr) < 0)
			return fail(err, errlen, "stale-aa: '%s' is not a BSSID", argv[0]);
		memcpy(f->stale_aa_addr, addr, 6);
	} else if (d->kind == HS_FAULT_WRONG_PSK) {
		/* all zero means "the right PMK, first byte inverted", so a
		 * zero PMK cannot be given */
		memset(pmk, 0, sizeof(pmk));
		if (argc == 1 && (strlen(argv[0]) != 2 * PMK_LEN ||
				  hex_decode(argv[0], pmk, PMK_LEN) < 0 || is_zero(pmk, PMK_LEN))) {
			secure_zero(pmk, sizeof(pmk));
			return fail(err, errlen, "wrong-psk: '%s' is not a PMK (%d hex digits, "
				    "not all zero)", argv[0], 2 * PMK_LEN);
		}
		memcpy(f->wrong_pmk, pmk, PMK_LEN);
		secure_zero(pmk, sizeof(pmk));
	}
	*flag_of(f, d->kind) = true;
	return 0;
}

static void clear_kind(struct hs_faults *f, enum hs_fault_kind k)
{
	struct hs_msg_fault *t = msg_table(f, k);

	if (t) {
		memset(t, 0, sizeof(*t) * EAPOL_MSG_COUNT);
		return;
	}
	*flag_of(f, k) = false;
	if (k == HS_FAULT_STALE_AA)
		memset(f->stale_aa_addr, 0, sizeof(f->stale_aa_addr));
	if (k == HS_FAULT_WRONG_PSK)
		secure_zero(f->wrong_pmk, sizeof(f->wrong_pmk));
}

int hs_fault_clear(struct hs_faults *f, const char *name)
{
	const struct fault_def *d;

	if (!name || !*name) {
		secure_zero(f, sizeof(*f));
		return 0;
	}
	d = find_name(name);
	if (!d)
		return -EINVAL;
	clear_kind(f, d->kind);
	return 0;
}

#define MAX_ARGS 4

int hs_fault_apply(struct hs_faults *f, enum hs_role role, const char *spec,
		   char *err, size_t errlen)
{
	char copy[128];
	const char *argv[MAX_ARGS + 1];
	char *save = NULL, *tok;
	int argc = 0;

	if (strlen(spec) >= sizeof(copy))
		return fail(err, errlen, "fault spec too long");
	strcpy(copy, spec);
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (argc == MAX_ARGS + 1)
			return fail(err, errlen, "too many arguments to '%s'", argv[0]);
		argv[argc++] = tok;
	}
	if (argc == 0)
		return fail(err, errlen, "empty fault spec");
	if (!strcmp(argv[0], "clear")) {
		if (argc > 2)
			return fail(err, errlen, "usage: clear [NAME]");
		if (hs_fault_clear(f, argc == 2 ? argv[1] : NULL))
			return fail(err, errlen, "unknown fault '%s'", argv[1]);
		return 0;
	}
	return hs_fault_set(f, role, argv[0], argc - 1, argv + 1, err, errlen);
}

static void append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos += (size_t)n;
	if (*pos >= len)
		*pos = len;
}

const char *hs_fault_list(const struct hs_faults *f, char *buf, size_t len)
{
	struct hs_faults *w = (struct hs_faults *)f;	/* read only below */
	size_t pos = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++) {
		const struct hs_msg_fault *t = msg_table(w, defs[i].kind);

		if (!t) {
			if (*flag_of(w, defs[i].kind))
				append(buf, len, &pos, "%s%s", pos ? "," : "", defs[i].name);
			continue;
		}
		for (int m = 0; m < EAPOL_MSG_COUNT; m++) {
			if (!t[m].on)
				continue;
			append(buf, len, &pos, "%s%s=%s", pos ? "," : "", defs[i].name,
			       msg_args[m]);
			if (defs[i].kind == HS_FAULT_DELAY_MSG)
				append(buf, len, &pos, ":%u", t[m].delay_ms);
			if (t[m].left)
				append(buf, len, &pos, ":%ux", t[m].left);
		}
	}
	if (!pos)
		snprintf(buf, len, "none");
	return buf;
}

const char *hs_fault_help(enum hs_role role)
{
	static char bufs[2][8192];
	char *buf = bufs[role == HS_ROLE_SUPPLICANT];
	size_t pos = 0, len = sizeof(bufs[0]);

	if (buf[0])
		return buf;
	append(buf, len, &pos, "%s",
	       role == HS_ROLE_SUPPLICANT ?
	       "Faults (control command or script line: fault <name> [args]; "
	       "fault clear [name]):\n" :
	       "Faults (config: fault=NAME ARGS; control socket: FAULT NAME ARGS; "
	       "FAULT clear [NAME]):\n");
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++)
		if (defs[i].sides & (1u << role))
			append(buf, len, &pos, "\n  %s\n      %s\n", defs[i].usage,
			       defs[i].help[role]);
	append(buf, len, &pos, "\n  clear [NAME]\n      All faults off, or the one named.\n");
	return buf;
}
