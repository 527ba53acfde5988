#!/bin/bash
# radios: 3
# timeout: 900
# hostile-air: a rogue radio (the third one, in monitor mode) injects frames
# while roamlab-sta is connected, with roamlab-ap and then Debian hostapd as
# the AP (wpa=2 CCMP, group rekey every 4 s, bridged to the ds). The
# injector (roamlab inject) first captures the real handshake (1/4, 2/4,
# 3/4; a group 1/2 only if one goes out in clear), then sends in turn: a forged 1/4 (new ANonce,
# replay counter +1000), the captured 3/4 again, a 3/4 with a bad MIC
# (counter +1000), the captured group 1/2 again, 200 bad-MIC 2/4 at the
# AP, and beacons in the AP's name with a truncated element, a 255-byte
# vendor element, a 3-byte RSN element and a 64-byte SSID. The standard
# says to ignore every one of them (12.7.2: a frame with an old replay
# counter or a bad MIC is discarded; 1/4 changes nothing until a 3/4 with
# a valid MIC). After each: both daemons still run, the STA reached the
# server through the AP (ping), the AP completed a group rekey with it
# afterwards, it is still associated to the same BSS, and neither side saw
# a disconnection. After a failure a fresh roamlab-sta connects (and the
# handshake is captured again) so every injection is judged. The capture of hwsim0 must show no
# packet number reused under one key (roamlab pncheck, the lab's one
# reinstallation detector).
# ROAMLAB_HOSTILE_APS: AP implementations ("roamlab-ap hostapd").
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init hostile-air
APS=${ROAMLAB_HOSTILE_APS:-"roamlab-ap hostapd"}
RL=$ROAMLAB_BIN/roamlab
TCPDUMP_PID=${LAB_PIDS[0]:-}
[ -n "$TCPDUMP_PID" ] || fail "no capture of hwsim0 (tcpdump)"

set -- $(phys)
[ $# -ge 3 ] || fail "needs 3 radios, found $#"
ds_setup
netns_add ap1; netns_add sta1
apif=$(phy_to_netns "$1" ap1); ds_link_ap ap1
staif=$(phy_to_netns "$2" sta1)
in_ns sta1 ip addr add 198.18.1.1/16 dev "$staif"
# the rogue radio: its station interface replaced by a monitor interface
for ifc in $(ls "/sys/class/ieee80211/$3/device/net"); do iw dev "$ifc" del; done
iw phy "$3" interface add mon0 type monitor || fail "cannot add a monitor interface on $3"
ip link set mon0 up
iw dev mon0 set channel 1 || fail "cannot tune mon0 to channel 1"

bssid=$(in_ns ap1 cat "/sys/class/net/$apif/address")
stamac=$(in_ns sta1 cat "/sys/class/net/$staif/address")
hostapd_conf "$T/ap1.conf" "$apif" ssid=hostile bridge=br-ap wpa=2 \
	wpa_passphrase=rogueradio wpa_key_mgmt=WPA-PSK rsn_pairwise=CCMP wpa_group_rekey=4
rsta_conf "$T/sta.conf" 'ssid="hostile"' 'psk="rogueradio"' key_mgmt=WPA-PSK proto=RSN \
	pairwise=CCMP group=CCMP

# group_done_re IMPL: the AP's line for a completed group key handshake
group_done_re() {
	case "$1" in
	roamlab-ap) echo "EVENT AP-HS-GROUP-DONE sta=$stamac" ;;
	hostapd) echo "$stamac WPA: group key handshake completed" ;;
	esac
}
# ap_left_re IMPL: the AP's line for a station that left or was removed
ap_left_re() {
	case "$1" in
	roamlab-ap) echo "EVENT AP-STA-LEFT sta=$stamac" ;;
	hostapd) echo "AP-STA-DISCONNECTED $stamac" ;;
	esac
}

INJECTIONS=(
	"send forged-m1 --bump 1000"
	"send replay-m3"
	"send badmic-m3 --bump 1000"
	"send replay-g1"
	"send badmic-m2 -n 200"
	"beacon bad-len -b $bssid -s hostile -n 5"
	"beacon vendor-255 -b $bssid -s hostile -n 5"
	"beacon rsn-short -b $bssid -s hostile -n 5"
	"beacon ssid-long -b $bssid -n 5"
)

# sta_session IMPL: a fresh roamlab-sta connects to the AP while the
# injector captures its handshake (into $store); log in $slog
session=0
sta_session() {
	local impl=$1 cap_pid
	session=$((session + 1))
	slog=$T/$impl-sta-$session.log; store=$T/$impl-captured-$session.txt
	bg "$T/$impl-capture-$session.txt" "$RL" inject -i mon0 capture -a "$bssid" \
		-s "$stamac" -w "$store" -t 40 m1 m2 m3
	cap_pid=$BG_PID
	start_rsta sta1 "$staif" "$T/sta.conf" "$slog"
	wait_log "$slog" "^EVENT CONNECTED .*bssid=$bssid" 30 ||
		fail "$impl: roamlab-sta did not connect (see $slog)"
	wait "$cap_pid" ||
		fail "$impl: the injector did not capture 1/4 2/4 3/4: $(cat "$T/$impl-capture-$session.txt")"
	ping_ok sta1 $DS_SERVER 3 || fail "$impl: no ping through the AP before an injection"
}

problems=""
summary=""
skipped=""
for impl in $APS; do
	alog=$T/$impl-ap.log
	sta_ap_start "$impl" ap1 "$T/ap1.conf" "$alog"
	appid=$AP_PID
	sta_session "$impl"
	ok=0; tried=0
	for inj in "${INJECTIONS[@]}"; do
		name=${inj#* }; name=${name%% *}
		# group 1/2 goes out encrypted under the PTK once the 4-way
		# handshake is done: the monitor sees it in clear only if the
		# AP sent one before installing the PTK
		if [ "$name" = replay-g1 ] && ! grep -q '^g1 ' "$store"; then
			info "$impl: $name: skipped, no group 1/2 in clear on the air"
			skipped="$skipped $impl/$name"
			continue
		fi
		tried=$((tried + 1))
		smark=$(log_mark "$slog"); amark=$(log_mark "$alog")
		# shellcheck disable=SC2086
		"$RL" inject -i mon0 $inj -r "$store" >> "$T/$impl-inject.txt" 2>&1 ||
			fail "$impl: roamlab inject $inj failed: $(tail -1 "$T/$impl-inject.txt")"
		bad=""
		kill -0 "$appid" 2>/dev/null || fail "$impl exited after $name (see $alog)"
		kill -0 "$RSTA_PID" 2>/dev/null || fail "roamlab-sta exited after $name (see $slog)"
		# a group rekey started after the injection must complete
		wait_log "$alog" "$(group_done_re "$impl")" 12 "$amark" ||
			bad="$bad; no group rekey completed afterwards"
		ping_ok sta1 $DS_SERVER 3 || bad="$bad; no ping through the AP"
		in_ns sta1 iw dev "$staif" link | grep -qi "Connected to $bssid" ||
			bad="$bad; not associated to $bssid"
		n=$(count_log "$slog" '^EVENT DISCONNECTED' "$smark")
		[ "$n" = 0 ] || bad="$bad; roamlab-sta was disconnected ($(tail -n +$((smark + 1)) "$slog" | grep -m1 '^EVENT DISCONNECTED' | grep -oE 'reason=[0-9]+'))"
		n=$(count_log "$alog" "$(ap_left_re "$impl")" "$amark")
		[ "$n" = 0 ] || bad="$bad; the AP dropped the STA"
		hs=$(tail -n +$((smark + 1)) "$slog" | grep -E '^EVENT HANDSHAKE' | head -1 |
			grep -oE 'type=[A-Z_]+ msg=[0-9]+' )
		# a 3/4 must reach the supplicant, which says why it discarded
		# it: otherwise the injection proved nothing
		case "$name" in
		replay-m3|badmic-m3)
			[ -n "$hs" ] || bad="$bad; roamlab-sta reported no discarded 3/4 (did the frame arrive?)" ;;
		esac
		if [ -n "$bad" ]; then
			problems="$problems [$impl/$name]$bad"
			info "$impl: $name: FAILED$bad"
			info "  roamlab-sta's first handshake event after it: $(tail -n +$((smark + 1)) "$slog" | grep -m1 -E '^EVENT HANDSHAKE')"
			# the next injection gets a connected STA again
			stop_pid "$RSTA_PID"
			sta_session "$impl"
		else
			ok=$((ok + 1))
			info "$impl: $name: survived (roamlab-sta's reaction: ${hs:-no event})"
		fi
	done
	summary="$summary $impl $ok/$tried;"
	stop_pid "$RSTA_PID"
	sta_ap_stop "$impl" "$appid" "$alog"
done

# the capture: no packet number reused under one key
kill -INT "$TCPDUMP_PID" 2>/dev/null; wait "$TCPDUMP_PID" 2>/dev/null
"$RL" pncheck "$T/air.pcap" > "$T/pncheck.txt" 2>&1
rc=$?
cat "$T/pncheck.txt" | sed 's/^/  /'
[ $rc = 2 ] && fail "roamlab pncheck could not read the capture"
[ $rc = 0 ] || problems="$problems [capture] $(tail -1 "$T/pncheck.txt")"
up=$(sed -n "s/^link $stamac -> $bssid: \([0-9]*\) protected.*/\1/p" "$T/pncheck.txt")
[ "${up:-0}" -ge 20 ] || problems="$problems [capture] only ${up:-0} protected frames from the STA to the AP: the check saw too little"
[ -z "$problems" ] || fail "${problems# }"
pass "every injection ignored:${summary%;}${skipped:+ (skipped:$skipped)}; $(tail -1 "$T/pncheck.txt")"
