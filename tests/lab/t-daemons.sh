#!/bin/bash
# radios: 2
# timeout: 600
# daemons: every daemon as an init script or a test rig runs it. For each
# pairing of AP (Debian hostapd, roamlab-ap) and station (Debian
# wpa_supplicant, roamlab-sta), with the same config files and flags:
#   - AP:  `AP -B -P PIDFILE -f LOG -t CONF`; when the command returns 0 the
#          PID file names a running daemon and the AP is up (AP-ENABLED);
#   - STA: `STA -B -P PIDFILE -f LOG -t -D nl80211 -i IF -c CONF` connects
#          at start (CTRL-EVENT-CONNECTED in its log, AP-STA-CONNECTED in the
#          AP's), with no command;
#   - `kill $(cat PIDFILE)` stops each within 1 s, and the PID file is gone;
#   - each restarts on the same interface within 1 s of the stop and comes
#     up again (no "Match already configured" or "already in progress"),
#     and the station connects again;
#   - SIGHUP to either: it reads its configuration again and goes on, and
#     the station is connected afterwards; roamlab-sta keeps the knobs set
#     and the faults armed at run time.
# Debian's pair is the reference: the procedure is the same for all four.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init daemons

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")

SSID=lab-daemons
hostapd_conf "$T/ap.conf" "$apif" "ssid=$SSID" wpa=2 wpa_key_mgmt=WPA-PSK \
	rsn_pairwise=CCMP wpa_passphrase=correcthorse
wpas_conf "$T/sta.conf" "$SSID" 'psk="correcthorse"' key_mgmt=WPA-PSK proto=RSN pairwise=CCMP

ap_cmd() { # IMPL: the command line, as a hostapd user writes it
	case "$1" in
	hostapd) echo hostapd ;;
	roamlab-ap) echo "$ROAMLAB_BIN/roamlab-ap" ;;
	esac
}
sta_cmd() {
	case "$1" in
	wpa_supplicant) echo wpa_supplicant ;;
	roamlab-sta) echo "$ROAMLAB_BIN/roamlab-sta" ;;
	esac
}

# start_daemon NS PIDFILE CMD...: run CMD (which must detach) in NS; it must
# return 0 and leave PIDFILE naming a live process. Sets DPID.
start_daemon() {
	local ns=$1 pidf=$2 rc; shift 2
	rm -f "$pidf"
	ip netns exec "$ns" "$@" </dev/null >/dev/null 2>"$T/start.err"
	rc=$?
	[ "$rc" = 0 ] || { BAD="$BAD; '$*' returned $rc: $(tail -1 "$T/start.err")"; DPID=; return 1; }
	# hostapd's and wpa_supplicant's parents may return before the child
	# has written the file: give it a moment (ours write it first)
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$pidf" ] && break; sleep 0.01; done
	DPID=$(cat "$pidf" 2>/dev/null)
	if [ -z "$DPID" ] || ! kill -0 "$DPID" 2>/dev/null; then
		BAD="$BAD; '$*': no live process in the PID file"
		DPID=
		return 1
	fi
}

# stop_daemon NAME PIDFILE: kill $(cat PIDFILE); it must be gone within 1 s
# and remove its PID file
stop_daemon() {
	local name=$1 pidf=$2 pid
	pid=$(cat "$pidf" 2>/dev/null)
	[ -n "$pid" ] || { BAD="$BAD; $name: no PID file to stop it by"; return 1; }
	kill "$pid"
	if ! timeout 1 tail -s 0.01 --pid="$pid" -f /dev/null; then
		BAD="$BAD; $name (pid $pid) still running 1 s after SIGTERM"
		kill -9 "$pid" 2>/dev/null
		return 1
	fi
	[ -e "$pidf" ] && BAD="$BAD; $name left its PID file behind"
	return 0
}

# rctl CMD...: roamlab-sta's control socket (ctrl_interface of sta.conf)
rctl() { in_ns sta "$ROAMLAB_BIN/roamlab" ctl -p /run/wpa_supplicant -i "$staif" "$@"; }

# one_pair AP STA: sets BAD (empty if all went as for Debian's daemons)
one_pair() {
	local ap=$1 sta=$2 tag=$1+$2 alog slog apid spid mark amark
	alog=$T/$tag-ap.log; slog=$T/$tag-sta.log
	apid=$T/$tag-ap.pid; spid=$T/$tag-sta.pid
	: > "$alog"; : > "$slog"
	BAD=""
	start_daemon ap "$apid" $(ap_cmd "$ap") -B -P "$apid" -f "$alog" -t "$T/ap.conf" || return
	wait_log "$alog" "AP-ENABLED" 10 || { BAD="$BAD; $ap: no AP-ENABLED in its log"; return; }

	start_daemon sta "$spid" $(sta_cmd "$sta") -B -P "$spid" -f "$slog" -t -D nl80211 \
		-i "$staif" -c "$T/sta.conf" || return
	wait_log "$slog" "CTRL-EVENT-CONNECTED - Connection to $bssid" 30 ||
		{ BAD="$BAD; $sta did not connect at start"; return; }
	wait_log "$alog" "AP-STA-CONNECTED $smac" 10 ||
		BAD="$BAD; $ap logged no AP-STA-CONNECTED $smac"

	# the station: stop by its PID file, restart at once, connect again
	stop_daemon "$sta" "$spid" || return
	mark=$(log_mark "$slog")
	start_daemon sta "$spid" $(sta_cmd "$sta") -B -P "$spid" -f "$slog" -t -D nl80211 \
		-i "$staif" -c "$T/sta.conf" || return
	wait_log "$slog" "CTRL-EVENT-CONNECTED - Connection to $bssid" 30 "$mark" ||
		{ BAD="$BAD; $sta did not connect after its restart"; return; }

	# the AP: the same, on the same interface; the station comes back
	amark=$(log_mark "$alog")
	mark=$(log_mark "$slog")
	stop_daemon "$ap" "$apid" || return
	start_daemon ap "$apid" $(ap_cmd "$ap") -B -P "$apid" -f "$alog" -t "$T/ap.conf" || return
	if grep -nE "Match already configured|already in progress|Could not|failed" \
		<(tail -n +$((amark + 1)) "$alog") > "$T/$tag-restart-errors.txt"; then
		BAD="$BAD; $ap after its restart: $(head -1 "$T/$tag-restart-errors.txt")"
	fi
	wait_log "$alog" "AP-ENABLED" 10 "$amark" ||
		{ BAD="$BAD; $ap: no AP-ENABLED after its restart"; return; }
	wait_log "$slog" "CTRL-EVENT-CONNECTED - Connection to $bssid" 60 "$mark" ||
		BAD="$BAD; $sta did not reconnect to the restarted $ap"

	# SIGHUP: each reads its configuration again and goes on (hostapd
	# reloads, wpa_supplicant reconfigures); the station is connected after
	local who pidf st
	for who in ap sta; do
		[ $who = ap ] && pidf=$apid || pidf=$spid
		# roamlab-sta: a knob set and a fault armed at run time stay
		# through its SIGHUP, as -d and the other flags do
		if [ $who = sta ] && [ $sta = roamlab-sta ]; then
			rctl set keep_neigh 0 > /dev/null && rctl fault snonce-change > /dev/null ||
				BAD="$BAD; roamlab-sta: set/fault over the control socket failed"
		fi
		mark=$(log_mark "$slog")
		kill -HUP "$(cat "$pidf")"
		if wait_log "$slog" "CTRL-EVENT-DISCONNECTED" 2 "$mark"; then
			wait_log "$slog" "CTRL-EVENT-CONNECTED - Connection to $bssid" 60 "$mark" ||
				BAD="$BAD; $sta not connected again after SIGHUP to the $who"
		fi
		kill -0 "$(cat "$pidf")" 2>/dev/null || BAD="$BAD; the $who died on SIGHUP"
		if [ $who = sta ] && [ $sta = roamlab-sta ]; then
			st=$(rctl status)
			grep -qx keep_neigh=0 <<< "$st" && grep -qx faults=snonce-change <<< "$st" ||
				BAD="$BAD; roamlab-sta lost its knob or fault on SIGHUP: $(grep -E '^(keep_neigh|faults)=' <<< "$st" | tr '\n' ' ')"
		fi
	done

	stop_daemon "$sta" "$spid"
	stop_daemon "$ap" "$apid"
}

res=""; rows=""
for ap in hostapd roamlab-ap; do
	for sta in wpa_supplicant roamlab-sta; do
		one_pair "$ap" "$sta"
		# nothing of this pair may outlive it
		in_ns ap pkill -9 -f "$T/$ap+$sta-ap.pid" 2>/dev/null
		in_ns sta pkill -9 -f "$T/$ap+$sta-sta.pid" 2>/dev/null
		if [ -n "$BAD" ]; then
			info "$ap + $sta: PROBLEMS$BAD"
			res="$res [$ap+$sta]$BAD"
		else
			info "$ap + $sta: -B -P start, connect at start, stop by PID file, restart: ok"
		fi
		rows="$rows $ap+$sta"
	done
done
[ -z "$res" ] || fail "${res# }"
pass "-B -P, connect at start, kill \$(cat PIDFILE) within 1 s, restart on the same interface, SIGHUP:$rows"
