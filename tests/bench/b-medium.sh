#!/bin/bash
# radios: 0
# timeout: 900
# realtime
# medium: our medium (roamlab medium) against the kernel's own perfect medium,
# side by side in one run, on one WPA2-CCMP link (Debian hostapd and
# wpa_supplicant on both sides, so only the medium differs). Realtime kernel:
# the medium's CPU cost must show. Prints TCP throughput (iperf3, 5 s), ping
# RTT, and frames per second through the medium.
. "$(dirname "$0")/../lab/lib.sh"
lab_init bench-medium
DUR=${ROAMLAB_BENCH_SECONDS:-5}

[ -x "$ROAMLAB_BIN/roamlab" ] || fail "$ROAMLAB_BIN/roamlab is not built"
# radios made by the lab (channels=1, interface MAC = radio MAC), so our
# medium can take over the same link later
m1=$("$ROAMLAB_BIN/roamlab" radios add bench-ap | awk '{ print $3 }')
m2=$("$ROAMLAB_BIN/roamlab" radios add bench-sta | awk '{ print $3 }')
[ -n "$m1" ] && [ -n "$m2" ] || fail "roamlab radios add failed"
netns_add ap; netns_add sta
apif=$(phy_to_netns bench-ap ap); staif=$(phy_to_netns bench-sta sta)
hostapd_conf "$T/hostapd.conf" "$apif" ssid=bench wpa=2 wpa_key_mgmt=WPA-PSK \
	rsn_pairwise=CCMP wpa_passphrase=benchmark
cat > "$T/wpas.conf" <<CONF
network={
	ssid="bench"
	psk="benchmark"
	key_mgmt=WPA-PSK
	proto=RSN
}
CONF
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
bg "$T/iperf3-server.log" ip netns exec ap iperf3 -s

measure() { # label
	local label=$1 p0 p1 rtt tput
	p0=$(in_ns sta cat "/sys/class/net/$staif/statistics/tx_packets" "/sys/class/net/$staif/statistics/rx_packets" | paste -sd+ | bc)
	in_ns sta iperf3 -c 198.18.0.1 -t "$DUR" -J > "$T/iperf3-$label.json" 2>&1 ||
		fail "$label: iperf3 failed: $(head -c 300 "$T/iperf3-$label.json")"
	p1=$(in_ns sta cat "/sys/class/net/$staif/statistics/tx_packets" "/sys/class/net/$staif/statistics/rx_packets" | paste -sd+ | bc)
	tput=$(grep -A8 '"sum_received"' "$T/iperf3-$label.json" | sed -n 's/.*"bits_per_second":[[:space:]]*\([0-9.e+]*\).*/\1/p' | head -1)
	rtt=$(in_ns sta ping -n -q -c 50 -i 0.01 198.18.0.1 | sed -n 's/.*= [0-9.]*\/\([0-9.]*\)\/.*/\1/p')
	printf '  %-22s %10.1f Mb/s %10.0f frames/s %8s ms rtt\n' "$label" \
		"$(awk -v b="$tput" 'BEGIN{print b/1e6}')" \
		"$(awk -v a="$p0" -v b="$p1" -v d="$DUR" 'BEGIN{print (b-a)/d}')" "${rtt:-?}" | tee -a "$T/result.txt"
}

start_hostapd ap "$T/hostapd.conf" "$T/hostapd.log"
start_wpas sta "$staif" "$T/wpas.conf" "$T/wpas.log"
wait_log "$T/wpas.log" CTRL-EVENT-CONNECTED 30 || fail "kernel medium: no connection"
ping_ok sta 198.18.0.1 3 || fail "kernel medium: no ping"
echo "  medium                 TCP throughput     STA frames/s      ping" | tee "$T/result.txt"
measure "kernel (perfect)"

bg "$T/medium.log" "$ROAMLAB_BIN/roamlab" medium --pos "$m1=0,0" --pos "$m2=5,0"
MEDIUM_PID=$BG_PID
wait_log "$T/medium.log" 'registered as the medium' 10 || fail "our medium did not register ($(tail -2 "$T/medium.log"))"
ping_ok sta 198.18.0.1 5 || fail "our medium: no ping through it"
measure "roamlab medium"
kill -INT "$MEDIUM_PID"; wait "$MEDIUM_PID" 2>/dev/null
grep -iE 'frames|stat' "$T/medium.log" | tail -5 | sed 's/^/  medium stats: /'
pass "$(tr -s ' ' < "$T/result.txt" | tail -2 | paste -sd';')"
