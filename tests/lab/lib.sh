# tests/lab/lib.sh: helpers for lab tests. Sourced by tests/lab/t-*.sh, which
# run inside the lab VM (ci/vm) as root. Every wait here is event-driven
# (inotify through tail -F), never a poll loop: under the time-travel kernel
# polling wastes wall time and quantises the measured times.
#
# Conventions: a test calls lab_init NAME first; its logs go to $T
# ($ROAMLAB_OUT/NAME); it ends with pass "reason" or fail "reason", which
# print the one PASS/FAIL line and exit.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$LAB_DIR/../.." && pwd)
: "${ROAMLAB_BIN:=$REPO/build/bin}"
: "${ROAMLAB_OUT:=/tmp/roamlab-out}"
export ROAMLAB_BIN
LAB_PIDS=()
LAB_NETNS=()
LAB_NAME=

lab_init() {
	LAB_NAME=$1
	T=$ROAMLAB_OUT/$LAB_NAME
	rm -rf "$T"
	mkdir -p "$T"
	trap lab_cleanup EXIT
	if [ -z "${ROAMLAB_IN_VM:-}" ] && [ -z "${ROAMLAB_LAB_HOST:-}" ]; then
		fail "must run inside the lab VM (ci/vm -- $0)"
	fi
	# capture everything on the air when the kernel offers hwsim0
	if ip link show hwsim0 >/dev/null 2>&1 && command -v tcpdump >/dev/null; then
		ip link set hwsim0 up
		tcpdump -i hwsim0 -U -s 0 -w "$T/air.pcap" >/dev/null 2>&1 &
		LAB_PIDS+=($!)
	fi
}

lab_cleanup() {
	local p
	for p in "${LAB_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${LAB_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	for p in "${LAB_NETNS[@]}"; do ip netns pids "$p" 2>/dev/null | xargs -r kill 2>/dev/null; done
}

pass() { echo "PASS $LAB_NAME: $*"; exit 0; }
fail() { echo "FAIL $LAB_NAME: $*"; [ -n "${T:-}" ] && echo "  logs: $T" ; exit 1; }
info() { echo "  [$LAB_NAME] $*"; }

# now: seconds since boot (the VM's monotonic clock: virtual under time-travel)
now() { local a; read -r a _ < /proc/uptime; echo "$a"; }
# wall-clock timestamp with microseconds, the clock hostapd/wpa_supplicant -t use
ts() { date +%s.%6N; }

# phys: the wiphy names, sorted (phy0 phy1 ...)
phys() { ls /sys/class/ieee80211 | sort -V; }

# netns_add NAME: a network namespace with loopback up
netns_add() {
	ip netns add "$1" || fail "ip netns add $1"
	ip -n "$1" link set lo up
	LAB_NETNS+=("$1")
}

# phy_to_netns PHY NS: move a radio (and its wlan) into NS; prints the ifname
phy_to_netns() {
	local phy=$1 ns=$2 ifc
	ifc=$(ls "/sys/class/ieee80211/$phy/device/net" 2>/dev/null | head -1)
	[ -n "$ifc" ] || fail "$phy has no network interface"
	iw phy "$phy" set netns name "$ns" || fail "iw phy $phy set netns name $ns"
	echo "$ifc"
}

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# ds_setup: the wired distribution system: netns "ds" with bridge br-ds and
# the "server" address 198.18.0.1/16
DS_SERVER=198.18.0.1
ds_setup() {
	netns_add ds
	ip -n ds link add br-ds type bridge
	ip -n ds link set br-ds type bridge forward_delay 0 stp_state 0
	ip -n ds addr add $DS_SERVER/16 dev br-ds
	ip -n ds link set br-ds up
}

# ds_link_ap NS: a veth from AP namespace NS into ds, enslaved to br-ap in NS
# (hostapd's bridge=br-ap adds the wlan to it)
ds_link_ap() {
	local ns=$1
	ip link add "v-$ns" type veth peer name "ds-$ns" || fail "veth for $ns"
	ip link set "v-$ns" netns "$ns"
	ip link set "ds-$ns" netns ds
	ip -n ds link set "ds-$ns" master br-ds
	ip -n ds link set "ds-$ns" up
	ip -n "$ns" link add br-ap type bridge
	ip -n "$ns" link set br-ap type bridge forward_delay 0 stp_state 0
	ip -n "$ns" link set "v-$ns" master br-ap
	ip -n "$ns" link set "v-$ns" up
	ip -n "$ns" link set br-ap up
}

# bg LOG CMD...: run CMD in the background, output to LOG; pid in $BG_PID
bg() {
	local log=$1; shift
	"$@" >"$log" 2>&1 &
	BG_PID=$!
	LAB_PIDS+=("$BG_PID")
}

# log_mark FILE: the current line count, for waiting on later lines only
log_mark() { [ -f "$1" ] && wc -l < "$1" || echo 0; }

# wait_log FILE REGEX TIMEOUT_S [FROM_LINE]: wait until a line (after
# FROM_LINE) matches the extended regex; the matching line is in WAIT_LINE.
wait_log() {
	local f=$1 re=$2 t=${3:-10} from=${4:-0} fd pid line
	WAIT_LINE=
	exec {fd}< <(exec timeout "$t" tail -n +$((from + 1)) -F "$f" 2>/dev/null)
	pid=$!
	while IFS= read -r -u "$fd" line; do
		if [[ $line =~ $re ]]; then
			WAIT_LINE=$line
			kill "$pid" 2>/dev/null
			exec {fd}<&-
			return 0
		fi
	done
	exec {fd}<&-
	return 1
}

# select_cases NAMES: keep the entries of the array `cases` whose name (the
# text before the first "|") is one of the blank-separated NAMES; all of
# them when NAMES is empty
select_cases() {
	[ -n "$1" ] || return 0
	local sel=() c
	for c in "${cases[@]}"; do
		[[ " $1 " == *" ${c%%|*} "* ]] && sel+=("$c")
	done
	cases=("${sel[@]}")
}

# count_log FILE REGEX [FROM_LINE]: number of matching lines
count_log() { tail -n +$((${3:-0} + 1)) "$1" 2>/dev/null | grep -cE "$2"; }

# hostapd_conf FILE IFACE KEY=VALUE...: write a hostapd.conf
hostapd_conf() {
	local f=$1 ifc=$2; shift 2
	{
		echo "interface=$ifc"
		echo "driver=nl80211"
		echo "ctrl_interface=/run/hostapd-$ifc"
		echo "hw_mode=g"
		echo "channel=1"
		local kv
		for kv in "$@"; do echo "$kv"; done
	} > "$f"
}

# start_hostapd NS CONF LOG: Debian's hostapd; waits for AP-ENABLED
start_hostapd() {
	local ns=$1 conf=$2 log=$3
	: > "$log"
	ip netns exec "$ns" hostapd -dd -t "$conf" >>"$log" 2>&1 &
	HOSTAPD_PID=$!
	LAB_PIDS+=("$HOSTAPD_PID")
	wait_log "$log" 'AP-ENABLED|Interface initialization failed|Failed to|hostapd_free_hapd_data' 20 ||
		fail "hostapd in $ns did not start (see $log)"
	[[ $WAIT_LINE == *AP-ENABLED* ]] || fail "hostapd in $ns: $WAIT_LINE"
}

# stop_pid PID: SIGTERM and wait for the process to exit
stop_pid() { kill -TERM "$1" 2>/dev/null; wait "$1" 2>/dev/null; true; }

# start_wpas NS IFACE CONF LOG: Debian's wpa_supplicant, -t timestamps
start_wpas() {
	local ns=$1 ifc=$2 conf=$3 log=$4
	: > "$log"
	ip netns exec "$ns" wpa_supplicant -dd -t -i "$ifc" -D nl80211 -c "$conf" >>"$log" 2>&1 &
	WPAS_PID=$!
	LAB_PIDS+=("$WPAS_PID")
}

# stamp LINE: the leading "1234.567890:" timestamp of a -t log line
stamp() { local s=${1%%:*}; echo "$s"; }

# fsub A B: A - B in milliseconds, 1 decimal
fsub_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (a - b) * 1000 }'; }

# stats "v1 v2 ...": "median=X max=Y min=Z n=N"
stats() {
	echo "$1" | tr ' ' '\n' | grep -v '^$' | sort -g | awk '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "n=0"; exit }
			m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "median=%.1fms min=%.1fms max=%.1fms n=%d\n", m, v[1], v[NR], NR
		}'
}

# data_gap_ms PINGLOG T0 T1: the data gap of one roam as a user measures it
# from outside the station: the largest interval between two consecutive
# replies of a "ping -D" log whose later reply came after T0 (the AP stop)
# and at or before T1 (the first reply through the new AP). The earlier
# reply is the last one before the link went. Times in epoch seconds.
data_gap_ms() {
	awk -v t0="$2" -v t1="$3" '
		/bytes from/ {
			t = substr($1, 2, length($1) - 2) + 0
			if (t > t0 && t <= t1 && prev != "" && (t - prev) * 1000 > g)
				g = (t - prev) * 1000
			prev = t
		}
		END { printf "%.1f", g }' "$1"
}

# ping_ok NS ADDR [COUNT]: true if at least one reply
ping_ok() { ip netns exec "$1" ping -n -q -c "${3:-3}" -i 0.2 -W 2 "$2" >/dev/null 2>&1; }

# seed_setup: the 2009 report's network. Radios 1-3 go to namespaces ap1,
# ap2 (each bridged to the ds) and sta1 (198.18.1.1/16); $T/ap1.conf and
# $T/ap2.conf get the report's settings (ssid roaming, wpa=1, WPA-PSK,
# TKIP CCMP, passphrase bonewish, bridge=br-ap). Sets if1, if2, staif and
# bssid[1], bssid[2].
seed_setup() {
	local n ifc
	set -- $(phys)
	[ $# -ge 3 ] || fail "seed_setup needs 3 radios, found $#"
	ds_setup
	netns_add ap1; netns_add ap2; netns_add sta1
	if1=$(phy_to_netns "$1" ap1); ds_link_ap ap1
	if2=$(phy_to_netns "$2" ap2); ds_link_ap ap2
	staif=$(phy_to_netns "$3" sta1)
	in_ns sta1 ip addr add 198.18.1.1/16 dev "$staif"
	for n in 1 2; do
		ifc=$(eval echo "\$if$n")
		hostapd_conf "$T/ap$n.conf" "$ifc" ssid=roaming bridge=br-ap \
			wpa=1 wpa_passphrase=bonewish wpa_key_mgmt=WPA-PSK "wpa_pairwise=TKIP CCMP"
		bssid[$n]=$(in_ns "ap$n" cat "/sys/class/net/$ifc/address")
	done
}
