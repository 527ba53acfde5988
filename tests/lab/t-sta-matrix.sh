#!/bin/bash
# radios: 2
# timeout: 900
# sta-matrix: roamlab-sta joins an AP and pings across the link, for open,
# wpa=1 TKIP, wpa=1 CCMP, wpa=1 TKIP+CCMP, wpa=2 CCMP, wpa=2 TKIP and wpa=3
# (mixed), once with Debian's hostapd and once with roamlab-ap on the same
# hostapd.conf (ROAMLAB_STA_APS limits the AP implementations). Checks the
# proto/ciphers roamlab-sta reports, unicast both ways, and group frames (the
# AP's ARP request after a neighbour flush needs the GTK) with no Michael MIC
# failure; roamlab-ap must report the same proto/pairwise for the station.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init sta-matrix

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"

# name | hostapd settings | expected proto/pairwise/group
cases=(
	"open|-|NONE/NONE/NONE"
	"wpa1-tkip|wpa=1 wpa_pairwise=TKIP|WPA/TKIP/TKIP"
	"wpa1-ccmp|wpa=1 wpa_pairwise=CCMP|WPA/CCMP/CCMP"
	"wpa1-tkip-ccmp|wpa=1 wpa_pairwise=TKIP+CCMP|WPA/CCMP/TKIP"
	"wpa2-ccmp|wpa=2 rsn_pairwise=CCMP|RSN/CCMP/CCMP"
	"wpa2-tkip|wpa=2 rsn_pairwise=TKIP|RSN/TKIP/TKIP"
	"wpa3-mixed|wpa=3 wpa_pairwise=TKIP+CCMP rsn_pairwise=CCMP|RSN/CCMP/TKIP"
)
ok=0; n=0; failed=""; summary=""
for impl in $STA_APS; do
	iok=0
	for c in "${cases[@]}"; do
		IFS='|' read -r name sec want <<< "$c"
		args=(ssid=lab-$name)
		if [ "$sec" = - ]; then
			rsta_conf "$T/$name.conf" "ssid=\"lab-$name\"" key_mgmt=NONE
		else
			for kv in $sec; do args+=("${kv//+/ }"); done
			args+=(wpa_key_mgmt=WPA-PSK wpa_passphrase=correcthorse)
			rsta_conf "$T/$name.conf" "ssid=\"lab-$name\"" 'psk="correcthorse"'
		fi
		hostapd_conf "$T/$name-ap.conf" "$apif" "${args[@]}"
		al=$T/$impl-$name-ap.log
		sl=$T/$impl-$name-sta.log
		sta_ap_start "$impl" ap "$T/$name-ap.conf" "$al"
		hp=$AP_PID
		start_rsta sta "$staif" "$T/$name.conf" "$sl"
		res=FAIL
		if wait_log "$sl" '^EVENT CONNECTED ' 30; then
			got="$(ev_val "$WAIT_LINE" proto)/$(ev_val "$WAIT_LINE" pairwise)/$(ev_val "$WAIT_LINE" group)"
			if [ "$got" != "$want" ]; then
				res="FAIL (got $got, want $want)"
			elif ! ping_ok sta 198.18.0.1 5; then
				res="FAIL (connected $got, no ping)"
			elif ! { in_ns ap ip neigh flush dev "$apif"; ping_ok ap 198.18.0.2 3; }; then
				# the AP's ARP request is a group frame: it needs the GTK
				res="FAIL (connected $got, no ping from the AP side: group key?)"
			elif grep -q 'Michael MIC failure' "$sl"; then
				res="FAIL (Michael MIC failures on received frames)"
			elif grep -q 'invalid MIC' "$al"; then
				res="FAIL ($impl logged an invalid MIC)"
			elif [ "$impl" = roamlab-ap ] &&
			     ! grep -qE "EVENT AP-STA-ASSOCIATED .*proto=${want%/*/*} pairwise=$(echo "$want" | cut -d/ -f2)\$" "$al"; then
				res="FAIL (roamlab-ap negotiated: $(grep -oE 'AP-STA-ASSOCIATED .*' "$al" | head -1))"
			else
				res=ok
			fi
		else
			res="FAIL (no CONNECTED)"
		fi
		info "$(printf '%-11s %-16s %-16s %s' "$impl" "$name" "$want" "$res")"
		n=$((n + 1))
		if [ "$res" = ok ]; then
			ok=$((ok + 1)); iok=$((iok + 1))
		else
			failed="$failed $impl/$name"
		fi
		stop_pid "$RSTA_PID"
		sta_ap_stop "$impl" "$hp" "$al"
	done
	summary="$summary $impl $iok/${#cases[@]};"
done
[ -z "$failed" ] || fail "$ok/$n ok; failed:$failed"
pass "security settings that connect and ping:${summary%;}"
