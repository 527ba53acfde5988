#!/bin/bash
# radios: 2
# drv-sta: drv_nl80211 in station mode with userspace SME against Debian
# hostapd (open network): scan, NL80211_CMD_AUTHENTICATE, ASSOCIATE,
# DEAUTHENTICATE, then AUTHENTICATE and ASSOCIATE with PREV_BSSID (a
# Reassociation Request), and DEAUTHENTICATE again. The probe is the hidden
# "probe-sta" subcommand of build/tests/unit/test_drv.
. "$(dirname "$0")/lib.sh"
lab_init drv-sta

# the probe is built beside the programs under test (build/ or build-ubsan/)
PROBE=${ROAMLAB_BIN%/bin}/tests/unit/test_drv
[ -x "$PROBE" ] || fail "$PROBE is missing (run make first)"
read -r pa ps _ <<< "$(phys | tr '\n' ' ')"
[ -n "$ps" ] || fail "need 2 radios, have: $(phys | tr '\n' ' ')"
netns_add ap
netns_add sta
ifa=$(phy_to_netns "$pa" ap)
ifs=$(phy_to_netns "$ps" sta)

hostapd_conf "$T/hostapd.conf" "$ifa" ssid=drvtest
start_hostapd ap "$T/hostapd.conf" "$T/hostapd.log"

in_ns sta timeout 60 "$PROBE" probe-sta "$ifs" drvtest > "$T/probe.log" 2>&1
rc=$?
info "probe-sta exit $rc"
grep -q '^ASSOC status=0' "$T/probe.log" || fail "no association (see $T/probe.log)"
grep -q '^REASSOC status=0' "$T/probe.log" || fail "no reassociation (see $T/probe.log)"
[ "$(grep -c '^DEAUTH .*reason=3 local=1' "$T/probe.log")" = 2 ] ||
	fail "expected two local deauthentications (see $T/probe.log)"
grep -q '^PROBE-DONE' "$T/probe.log" || fail "probe did not finish (see $T/probe.log)"
[ $rc = 0 ] || fail "probe-sta exited $rc (see $T/probe.log)"
n=$(count_log "$T/hostapd.log" 'AP-STA-CONNECTED')
[ "$n" -ge 2 ] || fail "hostapd saw $n connections, expected 2 (see $T/hostapd.log)"
grep -qi 'reassoc' "$T/hostapd.log" || fail "hostapd saw no reassociation request"
pass "scan, auth, assoc, deauth, auth, reassoc (prev_bssid), deauth against hostapd"
