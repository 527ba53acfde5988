// SPDX-License-Identifier: MIT
/* test_drv_link.c: the nl80211 driver's station link machine
 * (drv_nl80211_link.c): every transition is one drv_events.link_state
 * event, and EAPOL from the target is held only while associating. */
#include <string.h>

#include "drv.h"
#include "drv_nl80211.h"
#include "unit.h"

#define MAX_EV 16

struct rec {
	size_t n;
	enum drv_link_state old[MAX_EV], new_state[MAX_EV];
	size_t eapol;
};

static void on_link(void *ctx, enum drv_link_state old, enum drv_link_state st)
{
	struct rec *r = ctx;

	ck_assert_uint_lt(r->n, MAX_EV);
	r->old[r->n] = old;
	r->new_state[r->n] = st;
	r->n++;
}

static void on_eapol(void *ctx, const uint8_t src[ETH_ALEN], const uint8_t *data,
		     size_t len)
{
	struct rec *r = ctx;

	(void)src;
	(void)data;
	(void)len;
	r->eapol++;
}

static const struct drv_events events = { .link_state = on_link, .eapol_rx = on_eapol };
static const uint8_t ap1[ETH_ALEN] = { 2, 0, 0, 0, 1, 0 };
static const uint8_t ap2[ETH_ALEN] = { 2, 0, 0, 0, 2, 0 };
static const uint8_t frame[4] = { 1, 3, 0, 0 };

static void setup(struct drv_nl80211 *d, struct rec *r)
{
	memset(d, 0, sizeof(*d));
	memset(r, 0, sizeof(*r));
	d->base.ev = &events;
	d->base.ev_ctx = r;
	d->iftype = DRV_IFTYPE_STATION;
	d->pkt_fd = -1;
	strcpy(d->base.ifname, "wlan0");
}

static void assert_ev(const struct rec *r, size_t i, enum drv_link_state old,
		      enum drv_link_state st)
{
	ck_assert_uint_gt(r->n, i);
	ck_assert_str_eq(drv_link_state_name(r->old[i]), drv_link_state_name(old));
	ck_assert_str_eq(drv_link_state_name(r->new_state[i]), drv_link_state_name(st));
}

START_TEST(test_connect_roam_lose)
{
	struct drv_nl80211 d;
	struct rec r;

	setup(&d, &r);
	ck_assert(!drvnl_link_connected(&d) && !drvnl_link_pending(&d));
	memcpy(d.assoc_bssid, ap1, ETH_ALEN);
	drvnl_link_set(&d, false, true);
	assert_ev(&r, 0, DRV_LINK_IDLE, DRV_LINK_ASSOCIATING);
	ck_assert(drvnl_link_pending(&d) && !drvnl_link_connected(&d));
	drvnl_link_set(&d, true, false);
	assert_ev(&r, 1, DRV_LINK_ASSOCIATING, DRV_LINK_CONNECTED);
	/* no change: drvnl_link_set does not enter the state */
	drvnl_link_set(&d, true, false);
	ck_assert_uint_eq(r.n, 2);
	/* an explicit enter of the same state is a transition */
	drvnl_link_enter_state(&d, DRV_LINK_CONNECTED);
	assert_ev(&r, 2, DRV_LINK_CONNECTED, DRV_LINK_CONNECTED);
	drvnl_link_set(&d, true, true);
	assert_ev(&r, 3, DRV_LINK_CONNECTED, DRV_LINK_ROAMING);
	ck_assert(drvnl_link_pending(&d) && drvnl_link_connected(&d));
	/* the old link drops during the roam */
	drvnl_link_set(&d, false, true);
	assert_ev(&r, 4, DRV_LINK_ROAMING, DRV_LINK_ASSOCIATING);
	drvnl_link_set(&d, false, false);
	assert_ev(&r, 5, DRV_LINK_ASSOCIATING, DRV_LINK_IDLE);
	ck_assert_uint_eq(r.n, 6);
	ck_assert_uint_eq(d.link, DRV_LINK_IDLE);
}
END_TEST

START_TEST(test_eapol_held_while_associating)
{
	struct drv_nl80211 d;
	struct rec r;

	setup(&d, &r);
	drvnl_deliver_eapol(&d, ap1, frame, sizeof(frame));
	ck_assert_uint_eq(r.eapol, 1);		/* IDLE: delivered */
	memcpy(d.assoc_bssid, ap1, ETH_ALEN);
	drvnl_link_set(&d, false, true);
	drvnl_deliver_eapol(&d, ap2, frame, sizeof(frame));
	ck_assert_uint_eq(r.eapol, 2);		/* another BSS: delivered */
	drvnl_deliver_eapol(&d, ap1, frame, sizeof(frame));
	ck_assert_uint_eq(r.eapol, 2);		/* the target: held */
	ck_assert_ptr_nonnull(d.held_eapol);
	ck_assert_uint_eq(d.held_len, sizeof(frame));
	drvnl_link_set(&d, true, false);
	drvnl_release_held_eapol(&d, true);
	ck_assert_uint_eq(r.eapol, 3);
	ck_assert_ptr_null(d.held_eapol);
	drvnl_deliver_eapol(&d, ap1, frame, sizeof(frame));
	ck_assert_uint_eq(r.eapol, 4);		/* CONNECTED: delivered */
	/* an AP never holds */
	d.iftype = DRV_IFTYPE_AP;
	drvnl_link_enter_state(&d, DRV_LINK_ASSOCIATING);
	drvnl_deliver_eapol(&d, ap1, frame, sizeof(frame));
	ck_assert_uint_eq(r.eapol, 5);
	/* a held frame dropped on failure */
	d.iftype = DRV_IFTYPE_STATION;
	drvnl_deliver_eapol(&d, ap1, frame, sizeof(frame));
	ck_assert_ptr_nonnull(d.held_eapol);
	drvnl_release_held_eapol(&d, false);
	ck_assert_uint_eq(r.eapol, 5);
	ck_assert_ptr_null(d.held_eapol);
}
END_TEST

START_TEST(test_link_names)
{
	ck_assert_str_eq(drv_link_state_name(DRV_LINK_IDLE), "IDLE");
	ck_assert_str_eq(drv_link_state_name(DRV_LINK_ASSOCIATING), "ASSOCIATING");
	ck_assert_str_eq(drv_link_state_name(DRV_LINK_CONNECTED), "CONNECTED");
	ck_assert_str_eq(drv_link_state_name(DRV_LINK_ROAMING), "ROAMING");
}
END_TEST

static Suite *drv_link_suite(void)
{
	Suite *s = suite_create("drv_link");
	TCase *tc = tcase_create("drv_link");

	tcase_add_test(tc, test_connect_roam_lose);
	tcase_add_test(tc, test_eapol_held_while_associating);
	tcase_add_test(tc, test_link_names);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(drv_link_suite)
