#!/bin/bash
# radios: 3
# smoke: the VM boots with hwsim, the radios appear with wlan interfaces, and
# one can be moved into a network namespace.
. "$(dirname "$0")/lib.sh"
lab_init smoke

n=$(phys | wc -l)
[ "$n" = 3 ] || fail "expected 3 hwsim radios, found $n ($(phys | tr '\n' ' '))"
[ -d /sys/module/mac80211_hwsim ] || fail "mac80211_hwsim is not loaded"
iw list > "$T/iw-list.txt" 2>&1 || fail "iw list failed"
grep -q '\* AP$' "$T/iw-list.txt" || fail "hwsim radios do not offer AP mode"
grep -q 'CCMP-128\|00-0f-ac:4' "$T/iw-list.txt" || fail "hwsim radios list no CCMP cipher"
netns_add n1
ifc=$(phy_to_netns "$(phys | head -1)" n1)
in_ns n1 ip link show "$ifc" >/dev/null || fail "$ifc did not move into netns n1"
pass "$n radios, AP mode and CCMP offered, $ifc moved into a netns"
