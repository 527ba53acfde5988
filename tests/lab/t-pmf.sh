#!/bin/bash
# radios: 2
# timeout: 900
# pmf: WPA2-PSK with ieee80211w=2 and WPA2-PSK-SHA256 (ieee80211w=1), in
# the four pairings: roamlab-ap or Debian hostapd x roamlab-sta or Debian
# wpa_supplicant. Each pairing connects, pings both ways (the AP's ARP
# request after a neighbour flush is a group frame), and the AP's kernel
# holds the station with MFP (iw station dump) and the AKM the case asks
# for. Prints the association -> authorized times side by side (AP log;
# station log).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init pmf

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
smac=$(in_ns sta cat "/sys/class/net/$staif/address")

PSK=correcthorse
# name | hostapd.conf settings | station network settings | key_mgmt wanted
cases=(
	"psk-w2|wpa_key_mgmt=WPA-PSK ieee80211w=2|key_mgmt=WPA-PSK ieee80211w=2|WPA-PSK"
	"psk-sha256|wpa_key_mgmt=WPA-PSK-SHA256 ieee80211w=1|key_mgmt=WPA-PSK-SHA256 ieee80211w=1|WPA-PSK-SHA256"
)
select_cases "${ROAMLAB_PMF_CASES:-}"
APS=${ROAMLAB_PMF_APS:-hostapd roamlab-ap}
STAS=${ROAMLAB_PMF_STAS:-wpa_supplicant roamlab-sta}

# sta_connected IMPL LOG: wait for the station's "connected"
sta_connected() {
	case "$1" in
	wpa_supplicant) wait_log "$2" 'CTRL-EVENT-CONNECTED' 30 ;;
	roamlab-sta) wait_log "$2" '^([0-9.]+: )?EVENT CONNECTED ' 30 ;;
	esac
}
sta_ms() {
	case "$1" in
	wpa_supplicant) sta_assoc_conn_ms "$2" ;;
	roamlab-sta) tdiff_ms "$2" "EVENT ASSOC " "EVENT CONNECTED " ;;
	esac
}
# what the station says it negotiated
sta_key_mgmt() {
	case "$1" in
	# wpa_supplicant 2.10 says "WPA-PSK" or "PSK with SHA256"
	wpa_supplicant) grep -m1 -oE '(WPA|RSN): using KEY_MGMT .*' "$2" |
			sed -e 's/.*KEY_MGMT //' -e 's/^PSK with SHA256$/WPA-PSK-SHA256/' ;;
	roamlab-sta) grep -m1 -oE 'EVENT CONNECTED .*' "$2" | grep -oE 'key_mgmt=[^ ]+' | cut -d= -f2 ;;
	esac
}

ok=0; n=0; failed=""
printf '  %-11s %-11s %-15s %-8s %12s %12s %s\n' case ap sta result "assoc->auth" "sta:as->conn" \
	"(AP log ms, STA log ms)" | tee "$T/times.txt"
for c in "${cases[@]}"; do
	IFS='|' read -r name apset staset want <<< "$c"
	for ap in $APS; do
		for st in $STAS; do
			n=$((n + 1))
			tag=$name-$ap-$st
			al=$T/$tag-ap.log; sl=$T/$tag-sta.log
			args=("ssid=lab-$name" wpa=2 rsn_pairwise=CCMP "wpa_passphrase=$PSK")
			for kv in $apset; do args+=("$kv"); done
			hostapd_conf "$T/$tag-ap.conf" "$apif" "${args[@]}"
			start_ap "$ap" ap "$T/$tag-ap.conf" "$al"
			nargs=()
			for kv in $staset; do nargs+=("$kv"); done
			if [ "$st" = wpa_supplicant ]; then
				wpas_conf "$T/$tag-sta.conf" "lab-$name" "psk=\"$PSK\"" "${nargs[@]}"
				start_wpas sta "$staif" "$T/$tag-sta.conf" "$sl"; sp=$WPAS_PID
			else
				rsta_conf "$T/$tag-sta.conf" "ssid=\"lab-$name\"" "psk=\"$PSK\"" "${nargs[@]}"
				start_rsta sta "$staif" "$T/$tag-sta.conf" "$sl"; sp=$RSTA_PID
			fi
			res=ok
			if ! sta_connected "$st" "$sl"; then
				res="no connection"
			elif [ "$(sta_key_mgmt "$st" "$sl")" != "$want" ]; then
				res="key_mgmt $(sta_key_mgmt "$st" "$sl"), want $want"
			elif ! ping_ok sta 198.18.0.1 5; then
				res="no ping"
			elif ! { in_ns ap ip neigh flush dev "$apif"; ping_ok ap 198.18.0.2 3; }; then
				res="no ping from the AP (group key?)"
			elif ! in_ns ap iw dev "$apif" station get "$smac" | grep -qE 'MFP:\s*yes'; then
				res="the AP's kernel has no MFP for the station"
			elif [ "$ap" = roamlab-ap ] &&
			     ! grep -qE "EVENT AP-STA-ASSOCIATED sta=$smac .*key_mgmt=$want pmf=1" "$al"; then
				res="roamlab-ap: $(grep -oE 'AP-STA-ASSOCIATED .*' "$al" | head -1)"
			fi
			printf '  %-11s %-11s %-15s %-8s %12s %12s\n' "$name" "$ap" "$st" \
				"$([ "$res" = ok ] && echo ok || echo FAIL)" \
				"$(ap_assoc_auth_ms "$ap" "$al" "$smac")" "$(sta_ms "$st" "$sl")" |
				tee -a "$T/times.txt"
			if [ "$res" = ok ]; then
				ok=$((ok + 1))
			else
				info "$tag: $res"
				failed="$failed $tag"
			fi
			stop_pid "$sp"
			sta_ap_stop "$ap" "$AP_PID" "$al"
		done
	done
done
[ -z "$failed" ] || fail "$ok/$n passed; failed:$failed"
pass "$ok/$n pairings connected with PMF and pinged; times in $T/times.txt"
