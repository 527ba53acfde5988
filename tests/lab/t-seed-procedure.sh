#!/bin/bash
# radios: 3
# timeout: 900
# seed-procedure: the 2009 report's procedure with Debian's own hostapd and
# wpa_supplicant. Two APs with wpa=1, WPA-PSK, TKIP CCMP, ssid "roaming",
# passphrase "bonewish"; one STA. Start the other AP, stop the current one,
# and the STA must reconnect to the other: ROAMS times, alternating. Each
# roam is measured from the stop to CTRL-EVENT-CONNECTED (the daemon's
# event), and on the data path: the largest interval between consecutive
# replies of ping -D every 10 ms to the server behind the wired
# distribution system, up to the first reply through the new AP.
. "$(dirname "$0")/lib.sh"
lab_init seed-procedure
ROAMS=${ROAMLAB_SEED_ROAMS:-10}

seed_setup
cat > "$T/wpa_supplicant.conf" <<CONF
ctrl_interface=/run/wpa_supplicant-sta1
network={
	ssid="roaming"
	psk="bonewish"
	key_mgmt=WPA-PSK
	proto=WPA
	pairwise=CCMP TKIP
	group=TKIP
}
CONF

start_hostapd ap1 "$T/ap1.conf" "$T/hostapd-ap1-0.log"
declare -A hpid
hpid[1]=$HOSTAPD_PID
start_wpas sta1 "$staif" "$T/wpa_supplicant.conf" "$T/wpa_supplicant.log"
W=$T/wpa_supplicant.log
wait_log "$W" "CTRL-EVENT-CONNECTED - Connection to ${bssid[1]}" 30 ||
	fail "STA did not connect to ap1 (${bssid[1]}) at start"
ping_ok sta1 $DS_SERVER 3 || fail "no ping to the server through ap1"

bg "$T/ping.txt" ip netns exec sta1 ping -n -D -i 0.01 -W 1 $DS_SERVER
cur=1
times_conn=""; times_data=""; ok=0
printf '  %-5s %-19s %-19s %12s %12s\n' roam from to connected "data gap" | tee "$T/roams.txt"
for i in $(seq 1 "$ROAMS"); do
	nxt=$((3 - cur))
	start_hostapd "ap$nxt" "$T/ap$nxt.conf" "$T/hostapd-ap$nxt-$i.log"
	hpid[$nxt]=$HOSTAPD_PID
	sleep 2		# the new AP is up a while before the stop, as by hand
	mark=$(log_mark "$W")
	t0=$(ts)
	stop_pid "${hpid[$cur]}"
	if ! wait_log "$W" "CTRL-EVENT-CONNECTED - Connection to ${bssid[$nxt]}" 30 "$mark"; then
		printf '  %-5s %-19s %-19s %12s %12s\n' "$i" "${bssid[$cur]}" "${bssid[$nxt]}" FAILED - | tee -a "$T/roams.txt"
		fail "roam $i: STA did not reconnect to ap$nxt within 30 s"
	fi
	t1=$(stamp "$WAIT_LINE")
	# first ping reply stamped after the connection
	pmark=$(log_mark "$T/ping.txt")
	wait_log "$T/ping.txt" 'bytes from' 10 "$pmark" || fail "roam $i: no data through ap$nxt after reconnecting"
	t2=$(echo "$WAIT_LINE" | sed -E 's/^\[([0-9.]+)\].*/\1/')
	c=$(fsub_ms "$t1" "$t0"); d=$(data_gap_ms "$T/ping.txt" "$t0" "$t2")
	times_conn="$times_conn $c"; times_data="$times_data $d"
	printf '  %-5s %-19s %-19s %10sms %10sms\n' "$i" "${bssid[$cur]}" "${bssid[$nxt]}" "$c" "$d" | tee -a "$T/roams.txt"
	ok=$((ok + 1))
	cur=$nxt
done
echo "  wpa_supplicant connected: $(stats "$times_conn")" | tee -a "$T/roams.txt"
echo "  wpa_supplicant data gap:  $(stats "$times_data")" | tee -a "$T/roams.txt"
[ "$ok" = "$ROAMS" ] || fail "$ok/$ROAMS roams"
pass "$ok/$ROAMS roams by AP stop with Debian hostapd+wpa_supplicant (wpa=1 TKIP CCMP); data gap $(stats "$times_data")"
