// SPDX-License-Identifier: MIT
/* ap_event.c: the AP's events: one line in the debug log, one control-socket
 * event, and the test hook. Calls no other file of ap/. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ap.h"
#include "ctrl.h"
#include "handshake.h"
#include "log.h"
#include "loop.h"
#include "mgmt.h"
#include "util.h"

#define TAG "ap"

/* ---- events --------------------------------------------------------------- */

void ap_set_event_hook(struct ap *ap, ap_event_hook hook, void *ctx)
{
	ap->hook = hook;
	ap->hook_ctx = ctx;
}

void ap_event_text(struct ap *ap, const char *fmt, ...)
{
	char text[256];
	va_list va;

	va_start(va, fmt);
	vsnprintf(text, sizeof(text), fmt, va);
	va_end(va);
	log_info(TAG, "%s: %s", ap->ifname, text);
	if (ap->ctrl)
		ctrl_event_text(ap->ctrl, "%s", text);
	if (ap->hook)
		ap->hook(ap->hook_ctx, "TEXT", text);
}

void ap_event(struct ap *ap, const char *name, const char *fmt, ...)
{
	char kv[512];
	va_list va;

	kv[0] = '\0';
	if (fmt) {
		va_start(va, fmt);
		vsnprintf(kv, sizeof(kv), fmt, va);
		va_end(va);
	}
	/* As hostapd's debug log carries its control events: lab tests wait
	 * on these lines instead of polling the control socket. */
	log_dbg(TAG, "%s: EVENT %s%s%s", ap->ifname, name, kv[0] ? " " : "", kv);
	if (ap->ctrl)
		ctrl_event(ap->ctrl, name, "%s", kv);
	if (ap->hook)
		ap->hook(ap->hook_ctx, name, kv);
}
