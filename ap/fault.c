// SPDX-License-Identifier: MIT
/* fault.c: parsing and bookkeeping of the AP's fault knobs (ap_fault.h). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ap_fault.h"

#define MAX_ARGS 4

static const char *const msg_names[EAPOL_MSG_COUNT] = {
	[EAPOL_MSG_UNKNOWN] = "none",
	[EAPOL_MSG_PTK_1] = "1/4",
	[EAPOL_MSG_PTK_2] = "2/4",
	[EAPOL_MSG_PTK_3] = "3/4",
	[EAPOL_MSG_PTK_4] = "4/4",
	[EAPOL_MSG_GROUP_1] = "group 1/2",
	[EAPOL_MSG_GROUP_2] = "group 2/2",
	[EAPOL_MSG_REQUEST] = "request",
};

const char *ap_msg_name(enum eapol_msg m)
{
	if ((unsigned int)m >= EAPOL_MSG_COUNT)
		return "?";
	return msg_names[m];
}

static enum eapol_msg parse_msg(const char *s)
{
	static const struct {
		const char *name;
		enum eapol_msg msg;
	} tab[] = {
		{ "1", EAPOL_MSG_PTK_1 }, { "2", EAPOL_MSG_PTK_2 }, { "3", EAPOL_MSG_PTK_3 },
		{ "4", EAPOL_MSG_PTK_4 }, { "g1", EAPOL_MSG_GROUP_1 }, { "g2", EAPOL_MSG_GROUP_2 },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcasecmp(s, tab[i].name))
			return tab[i].msg;
	return EAPOL_MSG_UNKNOWN;
}

static bool parse_uint(const char *s, unsigned int max, unsigned int *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = (unsigned int)v;
	return true;
}

static int fail(char *err, size_t errlen, const char *fmt, const char *arg)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, arg);
	return -EINVAL;
}

int ap_fault_apply(struct ap_faults *f, const char *spec, char *err, size_t errlen)
{
	char copy[128];
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	char *save = NULL, *tok;
	enum eapol_msg m = EAPOL_MSG_UNKNOWN;
	unsigned int n;

	if (strlen(spec) >= sizeof(copy))
		return fail(err, errlen, "fault spec too long%s", "");
	strcpy(copy, spec);
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (argc == MAX_ARGS + 1)
			return fail(err, errlen, "too many arguments to '%s'", argv[0]);
		argv[argc++] = tok;
	}
	if (argc == 0)
		return fail(err, errlen, "empty fault spec%s", "");

	if (argc >= 2 && (!strcmp(argv[0], "drop-msg") || !strcmp(argv[0], "delay-msg") ||
			  !strcmp(argv[0], "corrupt-mic"))) {
		m = parse_msg(argv[1]);
		if (m == EAPOL_MSG_UNKNOWN)
			return fail(err, errlen, "bad message '%s' (expected 1..4, g1 or g2)",
				    argv[1]);
	}

	if (!strcmp(argv[0], "clear")) {
		if (argc != 1)
			return fail(err, errlen, "'%s' takes no arguments", argv[0]);
		memset(f, 0, sizeof(*f));
	} else if (!strcmp(argv[0], "anonce-per-resend")) {
		if (argc != 1)
			return fail(err, errlen, "'%s' takes no arguments", argv[0]);
		f->anonce_per_resend = true;
	} else if (!strcmp(argv[0], "gtk-wrong-keyidx")) {
		if (argc != 1)
			return fail(err, errlen, "'%s' takes no arguments", argv[0]);
		f->gtk_wrong_keyidx = true;
	} else if (!strcmp(argv[0], "resend-m3")) {
		if (argc != 1)
			return fail(err, errlen, "'%s' takes no arguments", argv[0]);
		f->resend_m3 = true;
	} else if (!strcmp(argv[0], "drop-msg")) {
		n = AP_FAULT_ALWAYS;
		if (argc < 2 || argc > 3)
			return fail(err, errlen, "usage: %s MSG [COUNT]", argv[0]);
		if (argc == 3 && (!parse_uint(argv[2], 1000000, &n) || n == 0))
			return fail(err, errlen, "bad count '%s' (expected 1..1000000)", argv[2]);
		f->drop[m] = n;
	} else if (!strcmp(argv[0], "delay-msg")) {
		if (argc != 3)
			return fail(err, errlen, "usage: %s MSG MS", argv[0]);
		if (m != EAPOL_MSG_PTK_1 && m != EAPOL_MSG_PTK_3 && m != EAPOL_MSG_GROUP_1)
			return fail(err, errlen, "can only delay messages the AP sends (1, 3, g1), not '%s'",
				    argv[1]);
		if (!parse_uint(argv[2], 60000, &n))
			return fail(err, errlen, "bad delay '%s' (expected 0..60000 ms)", argv[2]);
		f->delay_ms[m] = n;
	} else if (!strcmp(argv[0], "corrupt-mic")) {
		if (argc != 2)
			return fail(err, errlen, "usage: %s MSG", argv[0]);
		if (m == EAPOL_MSG_PTK_1)
			return fail(err, errlen, "msg %s has no MIC", "1/4");
		f->corrupt_mic[m] = true;
	} else {
		return fail(err, errlen, "unknown fault '%s' (known: anonce-per-resend resend-m3 drop-msg delay-msg corrupt-mic gtk-wrong-keyidx clear)",
			    argv[0]);
	}
	return 0;
}

bool ap_faults_any(const struct ap_faults *f)
{
	if (f->anonce_per_resend || f->resend_m3 || f->gtk_wrong_keyidx)
		return true;
	for (int i = 0; i < EAPOL_MSG_COUNT; i++)
		if (f->drop[i] || f->delay_ms[i] || f->corrupt_mic[i])
			return true;
	return false;
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

static const char *msg_arg(int m)
{
	static const char *const a[EAPOL_MSG_COUNT] = {
		[EAPOL_MSG_UNKNOWN] = "?", [EAPOL_MSG_PTK_1] = "1", [EAPOL_MSG_PTK_2] = "2",
		[EAPOL_MSG_PTK_3] = "3", [EAPOL_MSG_PTK_4] = "4", [EAPOL_MSG_GROUP_1] = "g1",
		[EAPOL_MSG_GROUP_2] = "g2", [EAPOL_MSG_REQUEST] = "request",
	};
	return a[m];
}

void ap_fault_describe(const struct ap_faults *f, char *buf, size_t len)
{
	size_t pos = 0;

	if (!len)
		return;
	buf[0] = '\0';
	if (f->anonce_per_resend)
		append(buf, len, &pos, "%sanonce-per-resend", pos ? " " : "");
	if (f->resend_m3)
		append(buf, len, &pos, "%sresend-m3", pos ? " " : "");
	for (int i = EAPOL_MSG_PTK_1; i < EAPOL_MSG_COUNT; i++) {
		if (f->drop[i] == AP_FAULT_ALWAYS)
			append(buf, len, &pos, "%sdrop-msg=%s", pos ? " " : "", msg_arg(i));
		else if (f->drop[i])
			append(buf, len, &pos, "%sdrop-msg=%s:%u", pos ? " " : "", msg_arg(i),
			       f->drop[i]);
		if (f->delay_ms[i])
			append(buf, len, &pos, "%sdelay-msg=%s:%u", pos ? " " : "", msg_arg(i),
			       f->delay_ms[i]);
		if (f->corrupt_mic[i])
			append(buf, len, &pos, "%scorrupt-mic=%s", pos ? " " : "", msg_arg(i));
	}
	if (f->gtk_wrong_keyidx)
		append(buf, len, &pos, "%sgtk-wrong-keyidx", pos ? " " : "");
	if (!pos)
		snprintf(buf, len, "none");
}

bool ap_fault_take_drop(struct ap_faults *f, enum eapol_msg m)
{
	if ((unsigned int)m >= EAPOL_MSG_COUNT || !f->drop[m])
		return false;
	if (f->drop[m] != AP_FAULT_ALWAYS)
		f->drop[m]--;
	return true;
}
