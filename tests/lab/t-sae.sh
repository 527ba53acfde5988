#!/bin/bash
# radios: 2
# timeout: 1500
# sae: WPA3-Personal in the four pairings (roamlab-ap or Debian hostapd x
# roamlab-sta or Debian wpa_supplicant): SAE group 19 with
# hunting-and-pecking, SAE with hash-to-element (sae_pwe=1), SAE group 20,
# and transition mode (wpa_key_mgmt=WPA-PSK SAE, ieee80211w=1) with a WPA2
# client and with a WPA3 client. Each connects and pings both ways; the
# station must report the AKM the case wants. Prints, per pairing, the
# station's times from its own log: SAE commit sent -> authorized,
# association request -> authorized, and commit -> first ping reply (a
# ping -D runs from before the station starts). ROAMLAB_SAE_CASES,
# ROAMLAB_SAE_APS, ROAMLAB_SAE_STAS narrow the run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init sae

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
smac=$(in_ns sta cat "/sys/class/net/$staif/address")
amac=$(in_ns ap cat "/sys/class/net/$apif/address")
# no ARP in the way of the first ping reply (an ARP request sent before
# the port opens is lost and retried only a second later)
in_ns sta ip neigh replace 198.18.0.1 lladdr "$amac" nud permanent dev "$staif"
in_ns ap ip neigh replace 198.18.0.2 lladdr "$smac" nud permanent dev "$apif"
# roamlab logs CLOCK_MONOTONIC, wpa_supplicant and ping -D the wall clock
MONO_OFF=$(python3 -c 'import time; print("%.6f" % (time.time() - time.monotonic()))')

PW=correcthorse
# name | hostapd.conf settings | network settings | global settings | AKM wanted
cases=(
	"sae-19-hnp|wpa_key_mgmt=SAE ieee80211w=2 sae_pwe=0 sae_groups=19|key_mgmt=SAE ieee80211w=2|sae_pwe=0 sae_groups=19|SAE"
	"sae-h2e|wpa_key_mgmt=SAE ieee80211w=2 sae_pwe=1 sae_groups=19|key_mgmt=SAE ieee80211w=2|sae_pwe=1 sae_groups=19|SAE"
	"sae-20|wpa_key_mgmt=SAE ieee80211w=2 sae_pwe=0 sae_groups=20|key_mgmt=SAE ieee80211w=2|sae_pwe=0 sae_groups=20|SAE"
	"trans-wpa2|wpa_key_mgmt=WPA-PSK+SAE ieee80211w=1|key_mgmt=WPA-PSK||WPA-PSK"
	"trans-wpa3|wpa_key_mgmt=WPA-PSK+SAE ieee80211w=1|key_mgmt=SAE ieee80211w=1||SAE"
)
select_cases "${ROAMLAB_SAE_CASES:-}"
APS=${ROAMLAB_SAE_APS:-hostapd roamlab-ap}
STAS=${ROAMLAB_SAE_STAS:-wpa_supplicant roamlab-sta}

# epoch IMPL LOG REGEX: the wall-clock time of the first matching line
epoch() {
	local t
	t=$(grep -m1 -E "$3" "$2" | cut -d: -f1)
	[ -n "$t" ] || { echo; return; }
	case "$1" in
	wpa_supplicant) echo "$t" ;;
	roamlab-sta) awk -v a="$t" -v o="$MONO_OFF" 'BEGIN { printf "%.6f", a + o }' ;;
	esac
}
ms() { [ -n "$1" ] && [ -n "$2" ] && fsub_ms "$2" "$1" || echo -; }
re_commit() {
	case "$1" in
	wpa_supplicant) echo 'SME: Trying to authenticate with|SAE: Started authentication|sme_send_authentication' ;;
	roamlab-sta) echo 'EVENT (SAE type=TX|STATE .*new=AUTHENTICATING)' ;;
	esac
}
re_assoc() {
	case "$1" in
	wpa_supplicant) echo ': Trying to associate with' ;;
	roamlab-sta) echo 'sme: [^ ]+: (re)?associating with' ;;
	esac
}
re_conn() {
	case "$1" in
	wpa_supplicant) echo 'CTRL-EVENT-CONNECTED' ;;
	roamlab-sta) echo 'EVENT CONNECTED ' ;;
	esac
}
sta_akm() {
	case "$1" in
	wpa_supplicant) grep -m1 -oE '(WPA|RSN): using KEY_MGMT .*' "$2" | sed 's/.*KEY_MGMT //' ;;
	roamlab-sta) grep -m1 -oE 'EVENT CONNECTED .*' "$2" | grep -oE 'key_mgmt=[^ ]+' | cut -d= -f2 ;;
	esac
}

ok=0; n=0; failed=""
printf '  %-11s %-11s %-15s %-5s %14s %14s %14s %12s\n' case ap sta res \
	"commit->auth" "assoc->auth" "commit->ping" "AP as->auth" | tee "$T/times.txt"
for c in "${cases[@]}"; do
	IFS='|' read -r name apset staset globals want <<< "$c"
	for ap in $APS; do
		for st in $STAS; do
			n=$((n + 1))
			tag=$name-$ap-$st
			al=$T/$tag-ap.log; sl=$T/$tag-sta.log; pl=$T/$tag-ping.log
			args=("ssid=lab-$name" wpa=2 rsn_pairwise=CCMP "wpa_passphrase=$PW")
			for kv in $apset; do args+=("${kv//+/ }"); done
			hostapd_conf "$T/$tag-ap.conf" "$apif" "${args[@]}"
			start_ap "$ap" ap "$T/$tag-ap.conf" "$al"
			nargs=("psk=\"$PW\"")
			for kv in $staset; do nargs+=("$kv"); done
			# ping exits at once while the interface is down: retried
			# (no virtual time lost under time-travel)
			bg "$pl" ip netns exec sta sh -c 'trap "kill \$p 2>/dev/null; exit 0" TERM
				while :; do ping -D -n -i 0.02 -W 1 198.18.0.1 & p=$!; wait $p; sleep 0.005; done'
			pp=$BG_PID
			if [ "$st" = wpa_supplicant ]; then
				wpas_conf "$T/$tag-sta.conf" "lab-$name" "${nargs[@]}"
				for kv in $globals; do sed -i "1a $kv" "$T/$tag-sta.conf"; done
				start_wpas sta "$staif" "$T/$tag-sta.conf" "$sl"; sp=$WPAS_PID
			else
				rsta_conf "$T/$tag-sta.conf" "ssid=\"lab-$name\"" "${nargs[@]}"
				for kv in $globals; do sed -i "1i $kv" "$T/$tag-sta.conf"; done
				start_rsta sta "$staif" "$T/$tag-sta.conf" "$sl"; sp=$RSTA_PID
			fi
			res=ok
			if ! wait_log "$sl" "$(re_conn "$st")" 30; then
				res="no connection"
			elif [ "$(sta_akm "$st" "$sl")" != "$want" ]; then
				res="AKM $(sta_akm "$st" "$sl"), want $want"
			elif ! wait_log "$pl" 'bytes from' 10; then
				res="no ping reply"
			elif ! { in_ns ap ip neigh del 198.18.0.2 dev "$apif"
				 ping_ok ap 198.18.0.2 3; }; then
				# the AP's ARP request is a group frame: it needs the GTK
				res="no ping from the AP (group key?)"
			fi
			in_ns ap ip neigh replace 198.18.0.2 lladdr "$smac" nud permanent dev "$apif"
			stop_pid "$pp"
			tc=$(epoch "$st" "$sl" "$(re_commit "$st")")
			ta=$(epoch "$st" "$sl" "$(re_assoc "$st")")
			td=$(epoch "$st" "$sl" "$(re_conn "$st")")
			tp=$(grep -m1 'bytes from' "$pl" | sed -E 's/^\[([0-9.]+)\].*/\1/')
			printf '  %-11s %-11s %-15s %-5s %14s %14s %14s %12s\n' "$name" "$ap" "$st" \
				"$([ "$res" = ok ] && echo ok || echo FAIL)" "$(ms "$tc" "$td")" \
				"$(ms "$ta" "$td")" "$(ms "$tc" "$tp")" \
				"$(ap_assoc_auth_ms "$ap" "$al" "$smac")" | tee -a "$T/times.txt"
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
pass "$ok/$n connected and pinged; times (ms) in $T/times.txt"
