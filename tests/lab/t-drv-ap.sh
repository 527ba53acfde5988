#!/bin/bash
# radios: 2
# drv-ap: drv_nl80211 in AP mode with userspace MLME (REGISTER_FRAME,
# START_AP, FRAME with TX status, NEW_STATION, SET_STATION authorized,
# GET_STATION, STOP_AP) serving Debian wpa_supplicant on an open network;
# data then flows between the two (ping). The AP is the hidden "probe-ap"
# subcommand of build/tests/unit/test_drv.
. "$(dirname "$0")/lib.sh"
lab_init drv-ap

# the probe is built beside the programs under test (build/ or build-ubsan/)
PROBE=${ROAMLAB_BIN%/bin}/tests/unit/test_drv
[ -x "$PROBE" ] || fail "$PROBE is missing (run make first)"
read -r pa ps _ <<< "$(phys | tr '\n' ' ')"
[ -n "$ps" ] || fail "need 2 radios, have: $(phys | tr '\n' ' ')"
netns_add ap
netns_add sta
ifa=$(phy_to_netns "$pa" ap)
ifs=$(phy_to_netns "$ps" sta)

: > "$T/probe.log"
bg "$T/probe.log" ip netns exec ap "$PROBE" probe-ap "$ifa" drvtest 60
PROBE_PID=$BG_PID
wait_log "$T/probe.log" '^(AP-STARTED|PROBE-FAIL)' 20 || fail "probe-ap did not start (see $T/probe.log)"
[[ $WAIT_LINE == AP-STARTED* ]] || fail "probe-ap: $WAIT_LINE"
grep -q '^CAPA .*ap_sme=0 control_port=1 auth_assoc=1' "$T/probe.log" ||
	info "capabilities: $(grep '^CAPA' "$T/probe.log")"

cat > "$T/wpas.conf" <<WPAS
ctrl_interface=/run/wpas-$ifs
network={
	ssid="drvtest"
	key_mgmt=NONE
	scan_ssid=1
}
WPAS
start_wpas sta "$ifs" "$T/wpas.conf" "$T/wpas.log"
wait_log "$T/wpas.log" 'CTRL-EVENT-CONNECTED' 30 || fail "wpa_supplicant did not connect (see $T/wpas.log)"
wait_log "$T/probe.log" '^STATION .* authorized=1' 10 ||
	fail "station not added/authorized in the kernel (see $T/probe.log)"
grep -q '^TX-STATUS auth .*ack=1' "$T/probe.log" || fail "no acked TX status for the auth response"

in_ns ap ip addr add 10.99.0.1/24 dev "$ifa"
in_ns sta ip addr add 10.99.0.2/24 dev "$ifs"
ping_ok sta 10.99.0.1 3 || fail "no data path from the station to the AP"

mark=$(log_mark "$T/probe.log")
stop_pid "$WPAS_PID"
wait_log "$T/probe.log" '^RX-(DEAUTH|DISASSOC)' 10 "$mark" || fail "no deauth/disassoc seen when wpa_supplicant left"
stop_pid "$PROBE_PID"
grep -q '^AP-STOPPED ret=0' "$T/probe.log" || fail "STOP_AP failed (see $T/probe.log)"
pass "wpa_supplicant associated via userspace MLME, station authorized, ping ok, deauth seen, AP stopped"
