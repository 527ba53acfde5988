#!/bin/bash
# radios: 2
# drv-keys: drv_nl80211 on both ends (probe-ap and probe-sta of
# build/tests/unit/test_drv). EAPOL goes over the control port (nl80211
# CONTROL_PORT_FRAME, unencrypted, before the keys), then both install the
# same fixed pairwise and group keys (NEW_KEY, SET_KEY default, SET_STATION
# authorized) and IP traffic must flow both ways, protected, for CCMP and for
# TKIP (where a wrong Michael key order on the station would drop every
# frame). A station with a wrong TK must get nothing through.
. "$(dirname "$0")/lib.sh"
lab_init drv-keys

# the probe is built beside the programs under test (build/ or build-ubsan/)
PROBE=${ROAMLAB_BIN%/bin}/tests/unit/test_drv
[ -x "$PROBE" ] || fail "$PROBE is missing (run make first)"
read -r pa ps _ <<< "$(phys | tr '\n' ' ')"
[ -n "$ps" ] || fail "need 2 radios, have: $(phys | tr '\n' ' ')"
netns_add ap
netns_add sta
ifa=$(phy_to_netns "$pa" ap)
ifs=$(phy_to_netns "$ps" sta)
in_ns ap ip addr add 10.99.0.1/24 dev "$ifa"
in_ns sta ip addr add 10.99.0.2/24 dev "$ifs"

# run_pair CIPHER [badkey]: start both probes, wait for the keys; the
# caller pings and then calls stop_pair
run_pair() {
	local c=$1 bad=${2:-} tag=$1${2:+-$2}
	: > "$T/ap-$tag.log"
	bg "$T/ap-$tag.log" ip netns exec ap "$PROBE" probe-ap "$ifa" drvkeys 120 "$c"
	AP_PID=$BG_PID
	wait_log "$T/ap-$tag.log" '^(AP-STARTED|PROBE-FAIL)' 20 || fail "$tag: probe-ap did not start"
	[[ $WAIT_LINE == AP-STARTED* ]] || fail "$tag: probe-ap: $WAIT_LINE"
	: > "$T/sta-$tag.log"
	bg "$T/sta-$tag.log" ip netns exec sta "$PROBE" probe-sta "$ifs" drvkeys peer "$c" $bad
	STA_PID=$BG_PID
	wait_log "$T/sta-$tag.log" '^(KEYS-INSTALLED|PROBE-FAIL|CONN-LOST)' 30 ||
		fail "$tag: station never installed keys (see $T/sta-$tag.log)"
	[[ $WAIT_LINE == KEYS-INSTALLED* ]] || fail "$tag: station: $WAIT_LINE"
	wait_log "$T/ap-$tag.log" '^(KEYS-INSTALLED|PROBE-FAIL)' 10 ||
		fail "$tag: AP never installed keys (see $T/ap-$tag.log)"
	[[ $WAIT_LINE == KEYS-INSTALLED* ]] || fail "$tag: AP: $WAIT_LINE"
}

stop_pair() {
	stop_pid "$STA_PID"
	stop_pid "$AP_PID"
	in_ns ap ip neigh flush dev "$ifa" 2>/dev/null
	in_ns sta ip neigh flush dev "$ifs" 2>/dev/null
}

for c in ccmp tkip; do
	run_pair "$c"
	# AP first: its ARP request is broadcast, protected with the group key
	ping_ok ap 10.99.0.2 3 || fail "$c: no traffic from the AP to the station"
	ping_ok sta 10.99.0.1 3 || fail "$c: no traffic from the station to the AP"
	stop_pair
	grep -q '^AP-STOPPED ret=0' "$T/ap-$c.log" || fail "$c: STOP_AP failed"
	info "$c: keys installed, ping both ways"
done

# negative control: the same exchange with a wrong TK on the station
run_pair ccmp badkey
if ping_ok sta 10.99.0.1 2; then
	fail "ping worked with mismatched pairwise keys: keys are not applied"
fi
stop_pair

# the air capture must hold protected data frames (FC byte 1, bit 0x40)
if [ -s "$T/air.pcap" ]; then
	n=$(tcpdump -r "$T/air.pcap" 'type data and wlan[1] & 0x40 != 0' 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] || fail "no protected data frames on the air"
	info "$n protected data frames captured"
fi
pass "CCMP and TKIP keys installed on AP and station, traffic both ways; wrong TK blocks traffic"
