# tests/lab/sta/lib-sta.sh: helpers for the roamlab-sta lab tests, on top of
# tests/lab/lib.sh (source that first). Also sources tests/lab/ap/lib.sh for
# start_ap / start_rlap (roamlab-ap started like Debian's hostapd).

. "$LAB_DIR/ap/lib.sh"

# The AP implementations the STA tests run against, in this order:
# "hostapd roamlab-ap" unless ROAMLAB_STA_APS says otherwise.
STA_APS=${ROAMLAB_STA_APS:-"hostapd roamlab-ap"}

# start_rsta NS IFACE CONF LOG [SCRIPT]: roamlab-sta in NS. Without SCRIPT it
# runs an idle script that connects, so every event is printed to LOG as
# "EVENT name t=us k=v..." (script mode). The control socket is in
# $RSTA_CTRL/IFACE. Pid in RSTA_PID.
start_rsta() {
	local ns=$1 ifc=$2 conf=$3 log=$4 script=${5:-}
	RSTA_CTRL=/run/roamlab-sta-$ns
	mkdir -p "$RSTA_CTRL"
	if [ -z "$script" ]; then
		script=$T/rsta-idle-$ns.txt
		printf 'connect\nsleep 86400s\n' > "$script"
	fi
	: > "$log"
	ip netns exec "$ns" "$ROAMLAB_BIN/roamlab-sta" -i "$ifc" -c "$conf" -s "$script" \
		-C "$RSTA_CTRL" -t -d >>"$log" 2>&1 &
	RSTA_PID=$!
	LAB_PIDS+=("$RSTA_PID")
	RSTA_NS=$ns
	RSTA_IF=$ifc
}

# rsta_ctl CMD...: one control command to the running roamlab-sta
rsta_ctl() {
	ip netns exec "$RSTA_NS" "$ROAMLAB_BIN/roamlab" ctl -p "$RSTA_CTRL" -i "$RSTA_IF" "$@"
}

# rsta_conf FILE KEY=VALUE...: a wpa_supplicant.conf with one network
rsta_conf() {
	local f=$1 kv; shift
	{
		echo "network={"
		for kv in "$@"; do echo "	$kv"; done
		echo "}"
	} > "$f"
}

# ev_val LINE KEY: value of key=value in an EVENT line
ev_val() { echo "$1" | grep -oE "(^| )$2=[^ ]+" | head -1 | sed -E "s/^ ?$2=//"; }

# sta_ap_start IMPL NS CONF LOG: Debian hostapd or roamlab-ap (-dd -t) in NS
# with the same hostapd.conf; waits for AP-ENABLED; pid in AP_PID
sta_ap_start() { start_ap "$@"; }

# sta_ap_stop IMPL PID LOG: SIGTERM, and wait until the AP has exited (it
# deauthenticates its stations first). roamlab-ap must exit with status 0.
sta_ap_stop() {
	local impl=$1 pid=$2 log=$3
	case "$impl" in
	hostapd) stop_pid "$pid" ;;
	roamlab-ap)
		kill -TERM "$pid" 2>/dev/null
		wait_log "$log" '^lab: roamlab-ap exited status=' 20 ||
			fail "roamlab-ap (pid $pid) did not exit after SIGTERM (see $log)"
		[[ $WAIT_LINE == *status=0 ]] || fail "roamlab-ap: $WAIT_LINE (see $log)"
		;;
	*) fail "unknown AP implementation $impl" ;;
	esac
}

# rlap_ctl NS CONF CMD...: a control command to the roamlab-ap of CONF (its
# socket is ctrl_interface/IFACE, as hostapd's)
rlap_ctl() {
	local ns=$1 conf=$2 dir ifc; shift 2
	dir=$(sed -n 's/^ctrl_interface=//p' "$conf" | tail -1)
	ifc=$(sed -n 's/^interface=//p' "$conf" | tail -1)
	ip netns exec "$ns" "$ROAMLAB_BIN/roamlab" ctl -p "$dir" -i "$ifc" "$@"
}
