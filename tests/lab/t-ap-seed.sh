#!/bin/bash
# radios: 3
# timeout: 900
# ap-seed: the 2009 report's procedure with roamlab-ap as the APs (and, for
# parity, with Debian hostapd in the same run). Two APs, wpa=1, WPA-PSK,
# "TKIP CCMP", ssid "roaming", passphrase "bonewish", each bridged (bridge=
# br-ap) to the wired distribution system; one Debian wpa_supplicant STA.
# Start the other AP, stop (SIGTERM) the current one: the STA must reconnect
# to the other, ROAMS times, alternating, with no "invalid MIC in msg 2/4" in
# any AP log and data to the server behind the DS after every roam. Prints
# stop -> CONNECTED and stop -> first ping reply per implementation.
# Compare times of the same position only: the STA's full scans take 8.7 s
# (virtual) in the first part of a run and 4.1 s in the second, whichever AP
# runs first (timer phases under time-travel; with ROAMLAB_AP_IMPLS=
# "roamlab-ap hostapd" roamlab-ap's roams take 8791.8 ms and hostapd's
# 4229.3 ms). Set ROAMLAB_AP_IMPLS to one implementation for a clean run of
# each: hostapd 8789.4 ms, roamlab-ap 8791.8 ms to CONNECTED.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-seed
ROAMS=${ROAMLAB_AP_SEED_ROAMS:-4}

seed_setup
wpas_conf "$T/sta.conf" roaming 'psk="bonewish"' key_mgmt=WPA-PSK proto=WPA \
	"pairwise=CCMP TKIP" group=TKIP

res=""; rows=""
printf '  %-11s %-5s %-19s %-19s %12s %12s\n' ap roam from to connected data | tee "$T/roams.txt"
first=1
for impl in $AP_IMPLS; do
	# the same start for each: the STA's kernel keeps scan results for 30 s,
	# and a BSS remembered from the previous run would spare it a full scan
	[ $first = 1 ] || sleep 31
	first=0
	declare -A apid=()
	start_ap "$impl" ap1 "$T/ap1.conf" "$T/$impl-ap1-0.log"
	apid[1]=$AP_PID
	W=$T/$impl-sta.log
	start_wpas sta1 "$staif" "$T/sta.conf" "$W"
	bad=""
	wait_log "$W" "CTRL-EVENT-CONNECTED - Connection to ${bssid[1]}" 30 ||
		bad="; STA did not connect to ap1 at start ($(last_ctrl_event "$W"))"
	[ -z "$bad" ] && { ping_ok sta1 $DS_SERVER 3 || bad="; no ping to the server through ap1"; }
	cur=1; tc=""; td=""; ok=0
	if [ -z "$bad" ]; then
		bg "$T/$impl-ping.txt" ip netns exec sta1 ping -n -D -i 0.01 -W 1 $DS_SERVER
		pingpid=$BG_PID
	fi
	for i in $(seq 1 "$ROAMS"); do
		[ -n "$bad" ] && break
		nxt=$((3 - cur))
		start_ap "$impl" "ap$nxt" "$T/ap$nxt.conf" "$T/$impl-ap$nxt-$i.log"
		apid[$nxt]=$AP_PID
		mark=$(log_mark "$W")
		t0=$(ts)
		stop_pid "${apid[$cur]}"
		if ! wait_log "$W" "CTRL-EVENT-CONNECTED - Connection to ${bssid[$nxt]}" 30 "$mark"; then
			bad="$bad; roam $i: no reconnection to ap$nxt ($(last_ctrl_event "$W"))"
			break
		fi
		t1=$(stamp "$WAIT_LINE")
		pmark=$(log_mark "$T/$impl-ping.txt")
		if ! wait_log "$T/$impl-ping.txt" 'bytes from' 10 "$pmark"; then
			bad="$bad; roam $i: no data through ap$nxt"
			break
		fi
		t2=$(echo "$WAIT_LINE" | sed -E 's/^\[([0-9.]+)\].*/\1/')
		c=$(fsub_ms "$t1" "$t0"); d=$(fsub_ms "$t2" "$t0")
		tc="$tc $c"; td="$td $d"; ok=$((ok + 1))
		printf '  %-11s %-5s %-19s %-19s %10sms %10sms\n' "$impl" "$i" "${bssid[$cur]}" \
			"${bssid[$nxt]}" "$c" "$d" | tee -a "$T/roams.txt"
		cur=$nxt
	done
	[ -n "${pingpid:-}" ] && stop_pid "$pingpid"
	stop_pid "$WPAS_PID"
	stop_pid "${apid[1]:-}"; stop_pid "${apid[2]:-}"
	unset pingpid
	nmic=$(cat "$T/$impl"-ap*.log | grep -c 'invalid MIC in msg 2/4')
	[ "$nmic" = 0 ] || bad="$bad; $nmic 'invalid MIC in msg 2/4' in the AP logs"
	if [ "$impl" = roamlab-ap ]; then
		nst=$(cat "$T/$impl"-ap*.log | grep -c '^lab: roamlab-ap exited status=0')
		[ "$nst" -ge "$ROAMS" ] || bad="$bad; only $nst of the stopped roamlab-ap exited 0"
	fi
	row="$impl: $ok/$ROAMS roams, connected $(stats "$tc"), data $(stats "$td")"
	info "$row${bad:+ - PROBLEMS$bad}"
	rows="$rows $row;"
	[ -n "$bad" ] && res="$res [$impl]$bad"
done
[ -z "$res" ] || fail "${res# }"
pass "${rows# }"
