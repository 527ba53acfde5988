#!/bin/bash
# radios: 3
# timeout: 900
# iwd-seed: the seed procedure with Debian's iwd as the station, against
# Debian's hostapd and against roamlab-ap on the same hostapd.conf. Two APs,
# start the other AP, stop the current one; the station must reconnect to
# the other. Each roam is measured on the data path (the largest interval
# between replies of ping -D every 10 ms to the server behind the wired
# distribution system, up to the first reply through the new AP), beside the
# kernel's connect event (iw event -t). ROAMLAB_IWD_ROAMS sets the count
# (default 5 per AP implementation), ROAMLAB_IWD_APS the AP implementations.
#
# iwd runs with its defaults. After the stop it first tries the stopped AP,
# still in the kernel's scan cache (cfg80211 keeps a BSS 30 s), times out,
# and puts it on its blacklist for 60 s ([Blacklist] InitialTimeout); then it
# joins the other AP. A roam back within those 60 s strands it ("No suitable
# BSSes found": the only AP left is blacklisted), and with the blacklist off
# it retries the stale entry forever. So the roams here are spaced 65 s
# apart (virtual time: cheap), and ping runs only around each roam.
#
# iwd implements only RSN (WPA2/WPA3): it ignores wpa=1 networks, so the
# seed's wpa=1 TKIP CCMP becomes wpa=2 with the same pairwise ciphers here.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
. "$(dirname "$0")/iwd/lib-iwd.sh"
lab_init iwd-seed
ROAMS=${ROAMLAB_IWD_ROAMS:-5}
APS=${ROAMLAB_IWD_APS:-hostapd roamlab-ap}

seed_setup
for n in 1 2; do
	ifc=$(eval echo "\$if$n")
	hostapd_conf "$T/ap$n-rsn.conf" "$ifc" ssid=roaming bridge=br-ap \
		wpa=2 wpa_passphrase=bonewish wpa_key_mgmt=WPA-PSK "rsn_pairwise=TKIP CCMP"
done

summary=""
for impl in $APS; do
	D=$T/iwd-$impl
	iwd_profile "$D" roaming bonewish
	declare -A apid=()
	sta_ap_start "$impl" ap1 "$T/ap1-rsn.conf" "$T/$impl-ap1-0.log"
	apid[1]=$AP_PID
	iwd_start sta1 "$staif" "$D" "$T/iwd-$impl.log"
	E=$T/iwd-$impl.log.events
	iwd_wait_connected "$T/iwd-$impl.log" "${bssid[1]}" 30 ||
		fail "$impl: iwd did not connect to ap1 (${bssid[1]}) at start (see $T/iwd-$impl.log)"
	ping_ok sta1 $DS_SERVER 3 || fail "$impl: no ping to the server through ap1"
	cur=1; tc=""; td=""; ok=0
	printf '  %-10s %-5s %-19s %-19s %12s %12s\n' ap roam from to connected "data gap" | tee -a "$T/roams.txt"
	for i in $(seq 1 "$ROAMS"); do
		nxt=$((3 - cur))
		sta_ap_start "$impl" "ap$nxt" "$T/ap$nxt-rsn.conf" "$T/$impl-ap$nxt-$i.log"
		apid[$nxt]=$AP_PID
		sleep 2
		P=$T/ping-$impl-$i.txt
		bg "$P" ip netns exec sta1 ping -n -D -i 0.01 -W 1 $DS_SERVER
		pingpid=${LAB_PIDS[-1]}
		wait_log "$P" 'bytes from' 5 || fail "$impl roam $i: no data through ap$cur before the stop"
		mark=$(log_mark "$E")
		t0=$(ts)
		sta_ap_stop "$impl" "${apid[$cur]}" "$T/$impl-ap$cur-$((i - 1)).log"
		iwd_wait_connected "$T/iwd-$impl.log" "${bssid[$nxt]}" 30 "$mark" ||
			fail "$impl roam $i: iwd did not reconnect to ap$nxt within 30 s"
		t1=$(stamp "$WAIT_LINE")
		pmark=$(log_mark "$P")
		wait_log "$P" 'bytes from' 10 "$pmark" ||
			fail "$impl roam $i: no data through ap$nxt after reconnecting"
		t2=$(echo "$WAIT_LINE" | sed -E 's/^\[([0-9.]+)\].*/\1/')
		c=$(fsub_ms "$t1" "$t0"); d=$(data_gap_ms "$P" "$t0" "$t2")
		kill "$pingpid" 2>/dev/null
		tc="$tc $c"; td="$td $d"
		printf '  %-10s %-5s %-19s %-19s %10sms %10sms\n' "$impl" "$i" "${bssid[$cur]}" "${bssid[$nxt]}" "$c" "$d" | tee -a "$T/roams.txt"
		ok=$((ok + 1))
		cur=$nxt
		[ "$i" = "$ROAMS" ] || sleep 65	# off iwd's blacklist (see above)
	done
	echo "  iwd+$impl connected (kernel event): $(stats "$tc")" | tee -a "$T/roams.txt"
	echo "  iwd+$impl data gap:                 $(stats "$td")" | tee -a "$T/roams.txt"
	[ "$ok" = "$ROAMS" ] || fail "$impl: $ok/$ROAMS roams"
	summary="$summary; iwd+$impl data gap $(stats "$td")"
	kill "$IWD_PID" 2>/dev/null; wait "$IWD_PID" 2>/dev/null
	sta_ap_stop "$impl" "${apid[$cur]}" "$T/$impl-ap$cur-$ROAMS.log"
	kill "$(cat "$D/bus.pid")" 2>/dev/null
	# the next iwd must not find these APs in the kernel's scan cache
	# (cfg80211 drops a BSS 30 s after it was last seen): it would try
	# one, time out and blacklist it for 60 s, as above
	sleep 35
done
pass "$ROAMS roams by AP stop per AP with iwd (wpa=2 TKIP CCMP)${summary}"
