// SPDX-License-Identifier: MIT
/* topo_names.c: the words of the topology format and their values: names
 * of implementations, roles and comparisons, node MAC addresses from
 * names, durations. Calls no other file of sim/. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo.h"
#include "util.h"

const char *sim_impl_name(enum sim_impl i)
{
	switch (i) {
	case SIM_IMPL_ROAMLAB:
		return "roamlab";
	case SIM_IMPL_HOSTAPD:
		return "hostapd";
	case SIM_IMPL_WPA_SUPPLICANT:
		return "wpa_supplicant";
	case SIM_IMPL_IWD:
		return "iwd";
	}
	return "?";
}

const char *sim_role_name(enum sim_role r)
{
	switch (r) {
	case SIM_ROLE_AP:
		return "ap";
	case SIM_ROLE_STA:
		return "sta";
	}
	return "?";
}

const char *sim_cmp_str(enum sim_cmp c)
{
	switch (c) {
	case SIM_CMP_GE:
		return ">=";
	case SIM_CMP_LE:
		return "<=";
	case SIM_CMP_EQ:
		return "==";
	case SIM_CMP_GT:
		return ">";
	case SIM_CMP_LT:
		return "<";
	}
	return "?";
}

bool sim_cmp_eval(enum sim_cmp c, double a, double b)
{
	switch (c) {
	case SIM_CMP_GE:
		return a >= b;
	case SIM_CMP_LE:
		return a <= b;
	case SIM_CMP_EQ:
		return a == b;
	case SIM_CMP_GT:
		return a > b;
	case SIM_CMP_LT:
		return a < b;
	}
	return false;
}

void sim_name_mac(const char *name, uint8_t mac[6])
{
	/* FNV-1a over the name: stable across runs and file edits */
	uint32_t h = 2166136261u;

	for (const char *c = name; *c; c++) {
		h ^= (uint8_t)*c;
		h *= 16777619u;
	}
	mac[0] = 0x02;
	mac[1] = 0x52;
	mac[2] = 0x4c;
	mac[3] = h >> 16;
	mac[4] = h >> 8;
	mac[5] = h;
}

int sim_parse_duration(const char *s, uint64_t *us)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0)
		return -EINVAL;
	if (!strcmp(end, "s"))
		v *= 1e6;
	else if (!strcmp(end, "ms"))
		v *= 1e3;
	else if (!strcmp(end, "us"))
		;
	else if (!strcmp(end, "min"))
		v *= 60e6;
	else
		return -EINVAL;
	if (v > 86400e6)
		return -EINVAL;
	*us = (uint64_t)(v + 0.5);
	return 0;
}

int sim_topo_find(const struct sim_topo *t, const char *name)
{
	for (size_t i = 0; i < t->n_nodes; i++)
		if (!strcmp(t->nodes[i].name, name))
			return (int)i;
	return -1;
}

const char *sim_kv_get(const struct sim_node_cfg *n, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < n->n_kv; i++)
		if (!strcmp(n->kv[i].key, key))
			v = n->kv[i].value;
	return v;
}
