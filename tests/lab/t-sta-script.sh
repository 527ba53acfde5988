#!/bin/bash
# radios: 3
# timeout: 600
# sta-script: roamlab-sta -s SCRIPT: a script that connects, roams by command,
# waits for events and exits 0; and a failing expect that exits non-zero
# naming its line. With two Debian hostapd APs, then two roamlab-ap
# (ROAMLAB_STA_APS).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init sta-script

set -- $(phys)
netns_add ap1; netns_add ap2; netns_add sta1
if1=$(phy_to_netns "$1" ap1)
if2=$(phy_to_netns "$2" ap2)
staif=$(phy_to_netns "$3" sta1)
for n in 1 2; do
	ifc=$(eval echo "\$if$n")
	hostapd_conf "$T/ap$n.conf" "$ifc" ssid=scripted wpa=2 wpa_passphrase=correcthorse \
		wpa_key_mgmt=WPA-PSK rsn_pairwise=CCMP
	bssid[$n]=$(in_ns "ap$n" cat "/sys/class/net/$ifc/address")
done
rsta_conf "$T/sta.conf" 'ssid="scripted"' 'psk="correcthorse"' bssid="${bssid[1]}" priority=1
# a second block without bssid so the roam target is allowed too
rsta_conf "$T/sta2.conf" 'ssid="scripted"' 'psk="correcthorse"'
cat "$T/sta2.conf" >> "$T/sta.conf"

cat > "$T/ok.script" <<S
# connect to ap1 (pinned by bssid and priority), roam to ap2 by command
connect
wait CONNECTED bssid=${bssid[1]} 20s
expect wpa_state == COMPLETED
expect bssid == ${bssid[1]}
roam ${bssid[2]}
wait ROAM cause=command old=${bssid[1]} new=${bssid[2]} 10s
expect bssid == ${bssid[2]}
expect roams == 1
log script done
S
cat > "$T/bad.script" <<S
connect
wait CONNECTED 20s

expect roams == 5
log not reached
S
res=""
for impl in $STA_APS; do
	for n in 1 2; do
		sta_ap_start "$impl" "ap$n" "$T/ap$n.conf" "$T/$impl-ap$n.log"
		apid[$n]=$AP_PID
	done
	start_rsta sta1 "$staif" "$T/sta.conf" "$T/$impl-ok.log" "$T/ok.script"
	wait "$RSTA_PID"; rc=$?
	[ $rc = 0 ] || fail "$impl: good script exited $rc: $(grep -E '^FAIL' "$T/$impl-ok.log")"
	grep -q "^EVENT ROAM .*cause=command" "$T/$impl-ok.log" || fail "$impl: no ROAM event printed"
	start_rsta sta1 "$staif" "$T/sta.conf" "$T/$impl-bad.log" "$T/bad.script"
	wait "$RSTA_PID"; rc=$?
	[ $rc != 0 ] || fail "$impl: failing expect exited 0"
	want="FAIL $T/bad.script:4: expect roams == 5: roams is 0"
	grep -qxF "$want" "$T/$impl-bad.log" ||
		fail "$impl: missing '$want' (got: $(grep -E '^FAIL' "$T/$impl-bad.log"))"
	! grep -q 'invalid MIC' "$T/$impl-ap1.log" "$T/$impl-ap2.log" ||
		fail "$impl: an AP logged an invalid MIC"
	for n in 1 2; do sta_ap_stop "$impl" "${apid[$n]}" "$T/$impl-ap$n.log"; done
	res="$res $impl"
done
pass "script connected, roamed by command and exited 0; failing expect exited $rc naming line 4 (with:$res)"
