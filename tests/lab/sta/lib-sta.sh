# tests/lab/sta/lib-sta.sh: helpers for the roamlab-sta lab tests, on top of
# tests/lab/lib.sh (source that first).

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
