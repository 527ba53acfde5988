# tests/lab/ap/lib.sh: helpers for roamlab-ap's lab tests (t-ap-*.sh).
# Sourced after tests/lab/lib.sh. Every AP config is a hostapd.conf that
# runs unchanged under Debian's hostapd and under roamlab-ap, and the tests
# run both ("parity"). Waits are event-driven (wait_log), never polls.
#
# roamlab-ap's debug log (-d) carries its control-socket events as
# "ap: IFACE: EVENT NAME k=v ...", like hostapd's log carries AP-STA-CONNECTED.

# Which APs to run: "hostapd roamlab-ap" unless ROAMLAB_AP_IMPLS says otherwise.
AP_IMPLS=${ROAMLAB_AP_IMPLS:-"hostapd roamlab-ap"}
RLAP=$ROAMLAB_BIN/roamlab-ap

# start_rlap NS CONF LOG [FLAGS...]: roamlab-ap -dd -t FLAGS CONF in NS,
# waits for its AP-ENABLED event. RLAP_PID is roamlab-ap's pid; when it
# exits, the line "lab: roamlab-ap exited status=N" is appended to LOG.
start_rlap() {
	local ns=$1 conf=$2 log=$3; shift 3
	[ -x "$RLAP" ] || fail "$RLAP is not built"
	: > "$log"
	{
		ip netns exec "$ns" "$RLAP" -dd -t "$@" "$conf" &
		echo "lab: roamlab-ap pid=$!"
		wait $!
		echo "lab: roamlab-ap exited status=$?"
	} >>"$log" 2>&1 &
	LAB_PIDS+=($!)
	wait_log "$log" '^lab: roamlab-ap pid=' 10 || fail "roamlab-ap in $ns: no pid"
	RLAP_PID=${WAIT_LINE#*pid=}
	LAB_PIDS+=("$RLAP_PID")
	wait_log "$log" 'EVENT AP-ENABLED|lab: roamlab-ap exited' 20 ||
		fail "roamlab-ap in $ns did not start (see $log)"
	[[ $WAIT_LINE == *AP-ENABLED* ]] ||
		fail "roamlab-ap in $ns did not start: $(grep -vE '^lab:' "$log" | tail -1)"
}

# start_ap IMPL NS CONF LOG: hostapd or roamlab-ap; AP_PID is its pid
start_ap() {
	case "$1" in
	hostapd) start_hostapd "$2" "$3" "$4"; AP_PID=$HOSTAPD_PID ;;
	roamlab-ap) start_rlap "$2" "$3" "$4"; AP_PID=$RLAP_PID ;;
	*) fail "unknown AP implementation $1" ;;
	esac
}

# wpas_conf FILE SSID [KEY=VALUE...]: a wpa_supplicant.conf with one network
# (KEY=VALUE lines are copied into the network block verbatim)
wpas_conf() {
	local f=$1 ssid=$2 kv; shift 2
	{
		echo "ctrl_interface=/run/wpa_supplicant"
		echo "network={"
		echo "	ssid=\"$ssid\""
		for kv in "$@"; do echo "	$kv"; done
		echo "}"
	} > "$f"
}

# tdiff_ms LOG RE_A RE_B: milliseconds between the first line matching RE_A
# and the first later line matching RE_B (both lines carry -t stamps);
# "-" if either is missing
tdiff_ms() {
	awk -v a="$2" -v b="$3" '
		!ta && $0 ~ a { split($0, f, ":"); ta = f[1]; next }
		ta && $0 ~ b { split($0, f, ":"); printf "%.3f", (f[1] - ta) * 1000; found = 1; exit }
		END { if (!found) printf "-" }' "$1"
}

# ap_assoc_auth_ms IMPL LOG STA_MAC: association -> port authorized, from
# the AP's own log
ap_assoc_auth_ms() {
	case "$1" in
	hostapd) tdiff_ms "$2" "STA $3 IEEE 802.11: associated" "AP-STA-CONNECTED $3" ;;
	roamlab-ap) tdiff_ms "$2" "STA $3 IEEE 802.11: (re)?associated" "STA $3: state [A-Z_]+ -> AUTHORIZED" ;;
	esac
}

# ap_assoc_done_ms IMPL LOG STA_MAC: association -> handshake done (RSN:
# 4-way; WPA: the group key handshake that follows; open: authorized)
ap_assoc_done_ms() {
	case "$1" in
	hostapd)
		tdiff_ms "$2" "STA $3 IEEE 802.11: associated" \
			"STA $3 WPA: (pairwise key handshake completed \\(RSN\\)|group key handshake completed \\(WPA\\))|AP-STA-CONNECTED $3"
		;;
	roamlab-ap)
		local us
		us=$(grep -m1 -oE "EVENT AP-HS-DONE sta=$3 .*assoc_to_done_us=[0-9]+" "$2" | sed 's/.*=//')
		if [ -n "$us" ]; then awk -v u="$us" 'BEGIN { printf "%.3f", u / 1000 }'; else echo -; fi
		;;
	esac
}

# sta_assoc_conn_ms WPAS_LOG: the client's view, Associated -> CONNECTED
sta_assoc_conn_ms() { tdiff_ms "$1" ": Associated with " "CTRL-EVENT-CONNECTED"; }

# last_ctrl_event LOG: the last CTRL-EVENT line of a wpa_supplicant log (for
# failure messages)
last_ctrl_event() { grep -oE 'CTRL-EVENT-[A-Z-]+.*' "$1" | tail -1; }
