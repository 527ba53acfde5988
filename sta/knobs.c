// SPDX-License-Identifier: MIT
/* knobs.c: the station's run-time settings (SET name value). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "loop.h"
#include "sme_priv.h"
#include "util.h"

#define TAG "sme"

static int parse_long(const char *v, long min, long max, long *out)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < min || x > max)
		return -EINVAL;
	*out = x;
	return 0;
}

int sta_set_knob(struct sta *s, const char *name, const char *value, char *err,
		 size_t errlen)
{
	long v;

	if (!strcmp(name, "roam_threshold")) {	/* dBm */
		if (parse_long(value, -120, 0, &v) < 0)
			goto bad;
		s->roam_cfg.threshold_mbm = (int32_t)v * 100;
	} else if (!strcmp(name, "roam_hysteresis")) {	/* dB */
		if (parse_long(value, 0, 60, &v) < 0)
			goto bad;
		s->roam_cfg.hysteresis_mb = (int32_t)v * 100;
	} else if (!strcmp(name, "bgscan_ms")) {
		if (parse_long(value, 0, 3600000, &v) < 0)
			goto bad;
		s->roam_cfg.bgscan_us = (uint64_t)v * 1000;
	} else if (!strcmp(name, "scan_max_age_ms")) {
		if (parse_long(value, 0, 3600000, &v) < 0)
			goto bad;
		s->roam_cfg.scan_max_age_us = (uint64_t)v * 1000;
	} else if (!strcmp(name, "auto_connect")) {
		if (parse_long(value, 0, 1, &v) < 0)
			goto bad;
		s->auto_connect = v;
	} else if (!strcmp(name, "keep_neigh")) {
		if (parse_long(value, 0, 1, &v) < 0)
			goto bad;
		if (sta_neigh_set(&s->neigh, v) < 0) {
			snprintf(err, errlen, "keep_neigh: cannot %s (see the log); it is %d",
				 v ? "keep the entries" : "restore the sysctls",
				 sta_neigh_keeping(&s->neigh));
			return -EOPNOTSUPP;
		}
	} else {
		snprintf(err, errlen, "unknown knob '%s' (roam_threshold, roam_hysteresis, "
			 "bgscan_ms, scan_max_age_ms, auto_connect, keep_neigh)", name);
		return -EINVAL;
	}
	return 0;
bad:
	snprintf(err, errlen, "%s: bad value '%s'", name, value);
	return -EINVAL;
}
