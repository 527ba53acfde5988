/* SPDX-License-Identifier: MIT */
/* l2.h: the wired side of the AP: adding the wireless interface to a bridge
 * (as hostapd's bridge= does) and sending the Layer 2 Update frame on
 * association so that bridges learn the station's new port (mgmt.h). */
#ifndef ROAMLAB_AP_L2_H
#define ROAMLAB_AP_L2_H

#include <stdint.h>

/* Create the bridge if missing (and bring it up), then add ifname to it.
 * Returns 0 or -errno (logged). */
int ap_l2_bridge_add(const char *bridge, const char *ifname);
/* Remove ifname from the bridge (errors ignored). */
void ap_l2_bridge_del(const char *bridge, const char *ifname);
/* A packet socket bound to ifname for the L2 update; fd or -errno. */
int ap_l2_open(const char *ifname);
/* Send the L2 update frame for sta. Returns 0 or -errno. */
int ap_l2_send_update(int fd, const uint8_t sta[6]);

#endif
