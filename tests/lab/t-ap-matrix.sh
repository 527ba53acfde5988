#!/bin/bash
# radios: 3
# timeout: 900
# ap-matrix: Debian wpa_supplicant joins the AP and pings across the link,
# for open, wpa=1 TKIP, wpa=1 CCMP, wpa=1 TKIP+CCMP, wpa=2 CCMP, wpa=2 TKIP
# and wpa=3 with a WPA1 client and an RSN client at once. Every case runs
# the same hostapd.conf under Debian's hostapd and under roamlab-ap (parity)
# and prints association -> authorized / handshake done for both side by
# side (the AP's own log), plus the client's Associated -> CONNECTED.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-matrix

set -- $(phys)
netns_add ap; netns_add sta1; netns_add sta2
apif=$(phy_to_netns "$1" ap)
sif[1]=$(phy_to_netns "$2" sta1)
sif[2]=$(phy_to_netns "$3" sta2)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
for n in 1 2; do
	in_ns sta$n ip addr add 198.18.0.$((n + 1))/24 dev "${sif[$n]}"
	smac[$n]=$(in_ns sta$n cat "/sys/class/net/${sif[$n]}/address")
done

PSK=correcthorse
# name | AP settings (+ for a blank) | client 1 | client 2 (optional)
# a client is proto/pairwise/group as configured; the expected result is
# the PTK/GTK wpa_supplicant reports ("-" for open)
cases=(
	"open|-|NONE/-/-=-"
	"wpa1-tkip|wpa=1 wpa_pairwise=TKIP|WPA/TKIP/TKIP=TKIP/TKIP"
	"wpa1-ccmp|wpa=1 wpa_pairwise=CCMP|WPA/CCMP/CCMP=CCMP/CCMP"
	"wpa1-tkip-ccmp|wpa=1 wpa_pairwise=TKIP+CCMP|WPA/CCMP+TKIP/TKIP=CCMP/TKIP"
	"wpa2-ccmp|wpa=2 rsn_pairwise=CCMP|RSN/CCMP/CCMP=CCMP/CCMP"
	"wpa2-tkip|wpa=2 rsn_pairwise=TKIP|RSN/TKIP/TKIP=TKIP/TKIP"
	"wpa3-mixed|wpa=3 wpa_pairwise=TKIP rsn_pairwise=CCMP|WPA/TKIP/TKIP=TKIP/TKIP|RSN/CCMP/TKIP=CCMP/TKIP"
)
select_cases "${ROAMLAB_AP_CASES:-}"

# client_conf FILE SSID SPEC: wpa_supplicant.conf for proto/pairwise/group
client_conf() {
	local proto pw gr
	IFS=/ read -r proto pw gr <<< "${3%%=*}"
	if [ "$proto" = NONE ]; then
		wpas_conf "$1" "$2" key_mgmt=NONE
	else
		wpas_conf "$1" "$2" "psk=\"$PSK\"" key_mgmt=WPA-PSK "proto=$proto" \
			"pairwise=${pw//+/ }" "group=${gr//+/ }"
	fi
}

# run_case IMPL NAME SETTINGS CLIENT1 [CLIENT2]: one AP, one or two clients;
# sets RES ("ok" or the reason) and appends a table row per client
run_case() {
	local impl=$1 name=$2 sec=$3 n kv want got conf alog rc
	local -a args clients
	clients=("$4"); [ -n "${5:-}" ] && clients+=("$5")
	args=("ssid=lab-$name")
	if [ "$sec" != - ]; then
		for kv in $sec; do args+=("${kv//+/ }"); done
		args+=(wpa_key_mgmt=WPA-PSK "wpa_passphrase=$PSK")
	fi
	conf=$T/$name.conf
	hostapd_conf "$conf" "$apif" "${args[@]}"
	alog=$T/$name-$impl.log
	start_ap "$impl" ap "$conf" "$alog"
	local -a wp
	for n in $(seq 1 ${#clients[@]}); do
		client_conf "$T/$name-sta$n.conf" "lab-$name" "${clients[$((n - 1))]}"
		start_wpas sta$n "${sif[$n]}" "$T/$name-sta$n.conf" "$T/$name-$impl-sta$n.log"
		wp[$n]=$WPAS_PID
	done
	RES=ok
	for n in $(seq 1 ${#clients[@]}); do
		local wlog=$T/$name-$impl-sta$n.log
		want=${clients[$((n - 1))]#*=}
		if ! wait_log "$wlog" 'CTRL-EVENT-CONNECTED' 30; then
			RES="sta$n did not connect ($(last_ctrl_event "$wlog"))"
			break
		fi
		got=$(grep -m1 -oE 'Key negotiation completed with .* \[PTK=[A-Z]+ GTK=[A-Z]+\]' "$wlog" |
			sed -E 's/.*PTK=([A-Z]+) GTK=([A-Z]+).*/\1\/\2/')
		[ -n "$got" ] || got=-/-
		[ "$want" = - ] && want=-/-
		if [ "$got" != "$want" ]; then
			RES="sta$n negotiated $got, expected $want"
			break
		fi
	done
	if [ "$RES" = ok ]; then
		for n in $(seq 1 ${#clients[@]}); do
			ping_ok sta$n 198.18.0.1 3 || { RES="sta$n: no ping across the link"; break; }
		done
	fi
	for n in $(seq 1 ${#clients[@]}); do
		printf '  %-15s %-11s sta%d %-9s %12s %12s %12s\n' "$name" "$impl" "$n" \
			"${clients[$((n - 1))]#*=}" \
			"$(ap_assoc_auth_ms "$impl" "$alog" "${smac[$n]}")" \
			"$(ap_assoc_done_ms "$impl" "$alog" "${smac[$n]}")" \
			"$(sta_assoc_conn_ms "$T/$name-$impl-sta$n.log")" | tee -a "$T/times.txt"
		stop_pid "${wp[$n]}"
	done
	stop_pid "$AP_PID"
	if [ "$impl" = roamlab-ap ]; then
		wait_log "$alog" '^lab: roamlab-ap exited' 10
		rc=${WAIT_LINE#*status=}
		[ "$RES" = ok ] && [ "$rc" != 0 ] && RES="roamlab-ap exited with status $rc on SIGTERM"
	fi
}

printf '  %-15s %-11s %-4s %-9s %12s %12s %12s\n' case ap sta PTK/GTK \
	"assoc->auth" "assoc->done" "sta:as->conn" | tee "$T/times.txt"
printf '  %-15s %-11s %-4s %-9s %12s %12s %12s\n' "" "" "" "" "(AP log, ms)" "(AP log, ms)" \
	"(ms)" | tee -a "$T/times.txt"
ok=0; total=0; failed=""
for c in "${cases[@]}"; do
	IFS='|' read -r name sec c1 c2 <<< "$c"
	for impl in $AP_IMPLS; do
		total=$((total + 1))
		run_case "$impl" "$name" "$sec" "$c1" "$c2"
		if [ "$RES" = ok ]; then
			ok=$((ok + 1))
		else
			info "$name under $impl: $RES"
			failed="$failed $name/$impl"
		fi
	done
done
[ -z "$failed" ] || fail "$ok/$total passed; failed:$failed"
pass "$ok/$total connected and pinged ($AP_IMPLS); times in $T/times.txt"
