#!/bin/bash
# radios: 3
# timeout: 900
# pmf-unprot-deauth: with ieee80211w=2, a rogue radio (roamlab inject, the
# third radio in monitor mode) sends unprotected Deauthentication and
# Disassociation frames in the AP's name; the station must ignore them
# (802.11-2020 11.13: mac80211 drops them and reports UNPROT_*), in the
# four pairings (roamlab-ap or hostapd x roamlab-sta or wpa_supplicant).
# wpa_supplicant answers such a frame with an SA Query to the AP and
# disconnects if the AP does not answer: so this also checks that the AP
# answers SA Query Requests. After the injection the station is still
# connected and pings. A control run with ieee80211w=0 shows the same
# injection does disconnect a station without PMF.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init pmf-unprot-deauth
RL=$ROAMLAB_BIN/roamlab

set -- $(phys)
[ $# -ge 3 ] || fail "needs 3 radios, found $#"
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
for ifc in $(ls "/sys/class/ieee80211/$3/device/net"); do iw dev "$ifc" del; done
iw phy "$3" interface add mon0 type monitor || fail "cannot add a monitor interface on $3"
ip link set mon0 up
iw dev mon0 set channel 1 || fail "cannot tune mon0 to channel 1"
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")
PSK=correcthorse
APS=${ROAMLAB_PMF_APS:-hostapd roamlab-ap}
STAS=${ROAMLAB_PMF_STAS:-wpa_supplicant roamlab-sta}

sta_connected() {
	case "$1" in
	wpa_supplicant) wait_log "$2" 'CTRL-EVENT-CONNECTED' 30 ;;
	roamlab-sta) wait_log "$2" '^([0-9.]+: )?EVENT CONNECTED ' 30 ;;
	esac
}
# the station's lines for a disconnection
disc_re() {
	case "$1" in
	wpa_supplicant) echo 'CTRL-EVENT-DISCONNECTED' ;;
	roamlab-sta) echo 'EVENT DISCONNECTED ' ;;
	esac
}
# the station's line for an unprotected frame it ignored
unprot_re() {
	case "$1" in
	wpa_supplicant) echo 'Unprotected (Deauthentication|Disassociation)|unprotected (deauth|disassoc)|SA Query' ;;
	roamlab-sta) echo 'EVENT UNPROT_DEAUTH .*action=ignored' ;;
	esac
}

# run AP STA W: connect with ieee80211w=W, inject, judge; sets RES
run() {
	local ap=$1 st=$2 w=$3 tag=$1-$2-w$3 al sl sp mark
	al=$T/$tag-ap.log; sl=$T/$tag-sta.log
	hostapd_conf "$T/$tag-ap.conf" "$apif" ssid=lab-unprot wpa=2 rsn_pairwise=CCMP \
		wpa_key_mgmt=WPA-PSK "wpa_passphrase=$PSK" "ieee80211w=$w"
	start_ap "$ap" ap "$T/$tag-ap.conf" "$al"
	if [ "$st" = wpa_supplicant ]; then
		wpas_conf "$T/$tag-sta.conf" lab-unprot "psk=\"$PSK\"" key_mgmt=WPA-PSK "ieee80211w=$w"
		start_wpas sta "$staif" "$T/$tag-sta.conf" "$sl"; sp=$WPAS_PID
	else
		rsta_conf "$T/$tag-sta.conf" 'ssid="lab-unprot"' "psk=\"$PSK\"" key_mgmt=WPA-PSK \
			"ieee80211w=$w"
		start_rsta sta "$staif" "$T/$tag-sta.conf" "$sl"; sp=$RSTA_PID
	fi
	RES=ok
	if ! sta_connected "$st" "$sl"; then
		RES="no connection"
	elif ! ping_ok sta 198.18.0.1 3; then
		RES="no ping before the injection"
	else
		mark=$(log_mark "$sl")
		"$RL" inject -i mon0 deauth -a "$bssid" -s "$smac" -n 3 >> "$T/$tag-inject.txt" 2>&1 &&
		"$RL" inject -i mon0 disassoc -a "$bssid" -s "$smac" -n 3 >> "$T/$tag-inject.txt" 2>&1 ||
			RES="inject failed: $(tail -1 "$T/$tag-inject.txt")"
		sleep 3
		if [ "$RES" != ok ]; then
			:
		elif [ "$w" = 0 ]; then
			# the control: without PMF the frames end the association
			[ "$(count_log "$sl" "$(disc_re "$st")" "$mark")" -ge 1 ] ||
				RES="control: the injected deauth did not disconnect a non-PMF station"
		elif [ "$(count_log "$sl" "$(disc_re "$st")" "$mark")" -ne 0 ]; then
			RES="disconnected by an unprotected frame: $(tail -n +$((mark + 1)) "$sl" | grep -m1 -E "$(disc_re "$st")")"
		elif [ "$(count_log "$sl" "$(unprot_re "$st")" "$mark")" -eq 0 ]; then
			RES="the station did not see the unprotected frames (injection lost?)"
		elif ! ping_ok sta 198.18.0.1 3; then
			RES="no ping after the injection"
		fi
	fi
	info "$(printf '%-11s %-15s ieee80211w=%s  %s' "$ap" "$st" "$w" "$RES")"
	stop_pid "$sp"
	sta_ap_stop "$ap" "$AP_PID" "$al"
}

ok=0; n=0; failed=""
for ap in $APS; do
	for st in $STAS; do
		n=$((n + 1))
		run "$ap" "$st" 2
		if [ "$RES" = ok ]; then ok=$((ok + 1)); else failed="$failed $ap/$st"; fi
	done
done
for st in $STAS; do
	n=$((n + 1))
	run hostapd "$st" 0
	if [ "$RES" = ok ]; then ok=$((ok + 1)); else failed="$failed control:hostapd/$st"; fi
done
[ -z "$failed" ] || fail "$ok/$n passed; failed:$failed"
pass "$ok/$n: unprotected deauth/disassoc ignored with PMF in the four pairings (control without PMF disconnected)"
