#!/bin/bash
# radios: 2
# timeout: 1200
# realtime
# daemons: roamlab-ap and roamlab-sta against Debian's hostapd and
# wpa_supplicant, side by side in one run, in all four pairings, on one
# WPA2-PSK CCMP link and one WPA1 TKIP link. For each pairing, ROUNDS times:
# start the station daemon, and measure (realtime kernel, so CPU counts) start -> first
# ping reply across the link; then stop it. After the rounds it prints the
# median and max time and, per daemon, peak memory (VmHWM) and CPU time.
. "$(dirname "$0")/../lab/lib.sh"
lab_init bench-daemons
ROUNDS=${ROAMLAB_BENCH_ROUNDS:-5}

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap); staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
# up now, so the route exists and ping can start before the link does
in_ns sta ip link set "$staif" up
for b in roamlab-ap roamlab-sta; do
	[ -x "$ROAMLAB_BIN/$b" ] || fail "$ROAMLAB_BIN/$b is not built"
done

mem() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
cpu_ms() { # utime+stime in ms
	awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null
}

start_ap() { # impl conf log
	: > "$3"
	if [ "$1" = hostapd ]; then
		ip netns exec ap hostapd -t "$2" >>"$3" 2>&1 &
	else
		ip netns exec ap "$ROAMLAB_BIN/roamlab-ap" -d -t "$2" >>"$3" 2>&1 &
	fi
	AP_PID=$!; LAB_PIDS+=("$AP_PID")
	wait_log "$3" 'AP-ENABLED' 20 || fail "$1 did not start: $(tail -3 "$3")"
}
start_sta() { # impl conf log
	: > "$3"
	if [ "$1" = wpa_supplicant ]; then
		ip netns exec sta wpa_supplicant -t -i "$staif" -D nl80211 -c "$2" >>"$3" 2>&1 &
	else
		# both connect at start, from the same config
		ip netns exec sta "$ROAMLAB_BIN/roamlab-sta" -t -D nl80211 -i "$staif" -c "$2" -C "$T/ctrl" >>"$3" 2>&1 &
	fi
	STA_PID=$!; LAB_PIDS+=("$STA_PID")
}

printf '  %-8s %-12s %-15s %12s %12s | %9s %9s | %9s %9s\n' link AP STA median max \
	"AP kB" "AP cpu" "STA kB" "STA cpu" | tee "$T/result.txt"
for link in wpa2-ccmp wpa1-tkip; do
	case $link in
	wpa2-ccmp) apkv=(wpa=2 rsn_pairwise=CCMP); proto=RSN; pw=CCMP ;;
	wpa1-tkip) apkv=(wpa=1 wpa_pairwise=TKIP); proto=WPA; pw=TKIP ;;
	esac
	hostapd_conf "$T/ap-$link.conf" "$apif" ssid=bench wpa_key_mgmt=WPA-PSK \
		wpa_passphrase=benchmark "${apkv[@]}"
	cat > "$T/sta-$link.conf" <<CONF
network={
	ssid="bench"
	psk="benchmark"
	key_mgmt=WPA-PSK
	proto=$proto
	pairwise=$pw
}
CONF
	for api in hostapd roamlab-ap; do
		start_ap "$api" "$T/ap-$link.conf" "$T/$link-$api.log"
		for stai in wpa_supplicant roamlab-sta; do
			times=""
			for r in $(seq 1 "$ROUNDS"); do
				plog=$T/$link-$api-$stai-ping-$r.txt
				: > "$plog"
				t0=$(ts)
				start_sta "$stai" "$T/sta-$link.conf" "$T/$link-$api-$stai-$r.log"
				bg "$plog" ip netns exec sta ping -n -D -i 0.01 -W 1 198.18.0.1
				PING=$BG_PID
				wait_log "$plog" 'bytes from' 30 ||
					fail "$link $api/$stai round $r: no data within 30 s"
				t1=$(echo "$WAIT_LINE" | sed -E 's/^\[([0-9.]+)\].*/\1/')
				times="$times $(fsub_ms "$t1" "$t0")"
				kill "$PING" 2>/dev/null
				smem=$(mem "$STA_PID"); scpu=$(cpu_ms "$STA_PID")
				stop_pid "$STA_PID"
			done
			st=$(stats "$times")
			printf '  %-8s %-12s %-15s %12s %12s | %9s %9s | %9s %9s\n' "$link" "$api" "$stai" \
				"$(echo "$st" | sed -E 's/.*median=([0-9.]+ms).*/\1/')" \
				"$(echo "$st" | sed -E 's/.*max=([0-9.]+ms).*/\1/')" \
				"$(mem "$AP_PID")" "$(cpu_ms "$AP_PID")ms" "$smem" "${scpu}ms" | tee -a "$T/result.txt"
		done
		stop_pid "$AP_PID"
	done
done
echo "  (time: station daemon start -> first ping reply; kB: peak RSS; cpu: user+system time, last round for the STA)"
pass "all four pairings measured on two links"
