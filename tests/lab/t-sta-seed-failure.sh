#!/bin/bash
# radios: 3
# timeout: 900
# sta-seed-failure: the seed's failure on purpose. roamlab-sta is on ap1;
# with fault F armed, ap2 starts and ap1 stops. Debian's hostapd on ap2 must
# log "invalid MIC in msg 2/4 of 4-Way Handshake" on every try and then
# "EAPOL-Key timeout", as in the 2009 log. Then the fault is cleared and the
# next roam must succeed. For F in stale-aa, wrong-psk, stale-anonce.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init sta-seed-failure

set -- $(phys)
ds_setup
netns_add ap1; netns_add ap2; netns_add sta1
if1=$(phy_to_netns "$1" ap1); ds_link_ap ap1
if2=$(phy_to_netns "$2" ap2); ds_link_ap ap2
staif=$(phy_to_netns "$3" sta1)
in_ns sta1 ip addr add 198.18.1.1/16 dev "$staif"
for n in 1 2; do
	ifc=$(eval echo "\$if$n")
	hostapd_conf "$T/ap$n.conf" "$ifc" ssid=roaming bridge=br-ap \
		wpa=1 wpa_passphrase=bonewish wpa_key_mgmt=WPA-PSK "wpa_pairwise=TKIP CCMP"
	bssid[$n]=$(in_ns "ap$n" cat "/sys/class/net/$ifc/address")
done
rsta_conf "$T/sta.conf" 'ssid="roaming"' 'psk="bonewish"' proto=WPA 'pairwise=CCMP TKIP'
L=$T/roamlab-sta.log

declare -A hpid
start_hostapd ap1 "$T/ap1.conf" "$T/ap1-0.log"
hpid[1]=$HOSTAPD_PID
start_rsta sta1 "$staif" "$T/sta.conf" "$L"
wait_log "$L" "^EVENT CONNECTED .*bssid=${bssid[1]}" 30 || fail "no initial connection to ap1"
cur=1; results=""
for f in stale-aa wrong-psk stale-anonce; do
	nxt=$((3 - cur))
	hl=$T/$f-ap$nxt.log
	start_hostapd "ap$nxt" "$T/ap$nxt.conf" "$hl"
	hpid[$nxt]=$HOSTAPD_PID
	rsta_ctl fault "$f" > /dev/null || fail "fault $f refused"
	mark=$(log_mark "$L")
	stop_pid "${hpid[$cur]}"
	# hostapd gives up after its last 1/4 ("PTKSTART: Retry limit N
	# reached") and deauths with reason 15; judge the log up to there.
	wait_log "$hl" 'PTKSTART: Retry limit [0-9]+ reached' 30 ||
		fail "$f: ap$nxt never gave up the 4-way handshake (no retry limit)"
	end=$(grep -nE 'PTKSTART: Retry limit [0-9]+ reached' "$hl" | head -1 | cut -d: -f1)
	head -n "$end" "$hl" > "$T/$f-ap$nxt-first.log"
	fl=$T/$f-ap$nxt-first.log
	mic=$(count_log "$fl" 'invalid MIC in msg 2/4 of 4-Way Handshake')
	m2=$(count_log "$fl" 'received EAPOL-Key frame \(2/4 Pairwise\)')
	m1=$(count_log "$fl" 'sending 1/4 msg of 4-Way Handshake')
	tmo=$(count_log "$fl" 'WPA: EAPOL-Key timeout')
	[ "$mic" -ge 2 ] || fail "$f: expected an invalid MIC on every try, got $mic"
	[ "$mic" = "$m2" ] || fail "$f: $m2 msg 2/4 received but $mic invalid MIC lines"
	[ "$m2" = "$m1" ] || fail "$f: $m1 msg 1/4 sent but $m2 msg 2/4 received"
	[ "$tmo" -ge 1 ] || fail "$f: no 'EAPOL-Key timeout' before the retry limit"
	count_log "$L" "^EVENT CONNECTED .*bssid=${bssid[$nxt]}" "$mark" | grep -qx 0 ||
		fail "$f: connected although the fault was armed"
	rsta_ctl fault clear > /dev/null || fail "fault clear refused"
	wait_log "$L" "^EVENT CONNECTED .*bssid=${bssid[$nxt]}" 30 "$mark" ||
		fail "$f: no successful roam to ap$nxt after fault clear"
	ping_ok sta1 $DS_SERVER 3 || fail "$f: no data through ap$nxt after the fault was cleared"
	info "$f: ap$nxt sent $m1 x 1/4, logged $mic x 'invalid MIC in msg 2/4' and $tmo x 'EAPOL-Key timeout', then gave up; after fault clear: connected"
	results="$results $f:${mic}xMIC"
	cur=$nxt
done
pass "hostapd logs the seed failure for each fault and the STA recovers after fault clear:$results"
