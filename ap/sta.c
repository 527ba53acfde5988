// SPDX-License-Identifier: MIT
/* sta.c: station table and state machine (see sta.h). */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sta.h"
#include "sae.h"

#define TAG "sta"

const char *ap_sta_state_name(enum ap_sta_state s)
{
	switch (s) {
	case AP_STA_AUTHENTICATED:
		return "AUTHENTICATED";
	case AP_STA_ASSOCIATED:
		return "ASSOCIATED";
	case AP_STA_HANDSHAKE:
		return "HANDSHAKE";
	case AP_STA_AUTHORIZED:
		return "AUTHORIZED";
	}
	return "?";
}

void ap_sta_table_init(struct ap_sta_table *t, size_t max)
{
	memset(t, 0, sizeof(*t));
	t->max = max > AP_AID_MAX ? AP_AID_MAX : max;
}

struct ap_sta *ap_sta_find(struct ap_sta_table *t, const uint8_t addr[ETH_ALEN])
{
	for (struct ap_sta *s = t->head; s; s = s->next)
		if (mac_equal(s->addr, addr))
			return s;
	return NULL;
}

struct ap_sta *ap_sta_add(struct ap_sta_table *t, const uint8_t addr[ETH_ALEN],
			  uint64_t now_us)
{
	struct ap_sta *s = ap_sta_find(t, addr);

	if (s)
		return s;
	if (t->count >= t->max)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	memcpy(s->addr, addr, ETH_ALEN);
	s->state = AP_STA_AUTHENTICATED;
	s->t_auth_us = now_us;
	s->next = t->head;
	t->head = s;
	t->count++;
	return s;
}

void ap_sta_del(struct ap_sta_table *t, struct ap_sta *s)
{
	for (struct ap_sta **pp = &t->head; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			t->count--;
			break;
		}
	}
	if (s->aid)
		ap_aid_free(t, s->aid);
	sae_free(s->sae);
	secure_zero(s, sizeof(*s));
	free(s);
}

bool ap_aid_in_use(const struct ap_sta_table *t, uint16_t aid)
{
	if (aid == 0 || aid > AP_AID_MAX)
		return false;
	return t->aid_used[aid / 8] & (1u << (aid % 8));
}

uint16_t ap_aid_alloc(struct ap_sta_table *t)
{
	for (uint16_t aid = 1; aid <= t->max; aid++) {
		if (!ap_aid_in_use(t, aid)) {
			t->aid_used[aid / 8] |= (uint8_t)(1u << (aid % 8));
			return aid;
		}
	}
	return 0;
}

void ap_aid_free(struct ap_sta_table *t, uint16_t aid)
{
	if (aid == 0 || aid > AP_AID_MAX)
		return;
	t->aid_used[aid / 8] &= (uint8_t)~(1u << (aid % 8));
}

bool ap_sta_is_associated(const struct ap_sta *s)
{
	switch (s->state) {
	case AP_STA_AUTHENTICATED:
		return false;
	case AP_STA_ASSOCIATED:
	case AP_STA_HANDSHAKE:
	case AP_STA_AUTHORIZED:
		return true;
	}
	return false;
}

void ap_sta_enter_state(struct ap_sta_table *t, struct ap_sta *s,
			enum ap_sta_state next)
{
	enum ap_sta_state old = s->state;
	char mac[18];

	log_dbg(TAG, "STA %s: state %s -> %s", mac_str(s->addr, mac),
		ap_sta_state_name(old), ap_sta_state_name(next));
	s->state = next;
	/* On entry: State 2 (authenticated, not associated) holds no AID
	 * (802.11-2020 11.3.1); the others keep the one the association gave. */
	switch (next) {
	case AP_STA_AUTHENTICATED:
		if (s->aid) {
			ap_aid_free(t, s->aid);
			s->aid = 0;
		}
		break;
	case AP_STA_ASSOCIATED:
	case AP_STA_HANDSHAKE:
	case AP_STA_AUTHORIZED:
		break;
	}
	if (t->state_cb)
		t->state_cb(t->state_ctx, s, old);
}