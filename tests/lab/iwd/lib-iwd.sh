# tests/lab/iwd/lib-iwd.sh: Debian's iwd as a station in lab tests. Sourced
# after tests/lab/lib.sh. Each iwd gets its own D-Bus system bus (a
# dbus-daemon on a socket under $T), its own state and configuration
# directories, and runs in the station's namespace. What it does is followed
# from the kernel's side with `iw event -t` (connected / disconnected, with
# the BSSID), which works the same for any station.

# iwd_start NS IFACE DIR LOG [MAIN.CONF LINES...]: writes DIR/bus.conf and DIR/conf/main.conf
# (the profile goes in DIR/state, see iwd_profile), starts the bus, an
# `iw event -t` follower (LOG.events) and iwd -d (LOG). Sets IWD_PID and
# IWD_BUS (the address for iwctl).
iwd_start() {
	local ns=$1 ifc=$2 dir=$3 log=$4 l; shift 4
	mkdir -p "$dir/state" "$dir/conf"
	{
		printf '[General]\nEnableNetworkConfiguration=false\nUseDefaultInterface=true\n'
		printf '[DriverQuirks]\nDefaultInterface=*\n'
		for l in "$@"; do echo "$l"; done
	} > "$dir/conf/main.conf"
	cat > "$dir/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
  </policy>
</busconfig>
CONF
	dbus-daemon --config-file="$dir/bus.conf" --fork --print-pid > "$dir/bus.pid" ||
		fail "dbus-daemon for iwd did not start"
	LAB_PIDS+=("$(cat "$dir/bus.pid")")
	IWD_BUS=unix:path=$dir/bus
	: > "$log.events"
	ip netns exec "$ns" iw event -t >> "$log.events" 2>&1 &
	LAB_PIDS+=($!)
	: > "$log"
	ip netns exec "$ns" env DBUS_SYSTEM_BUS_ADDRESS="$IWD_BUS" \
		STATE_DIRECTORY="$dir/state" CONFIGURATION_DIRECTORY="$dir/conf" \
		/usr/libexec/iwd -d -i "$ifc" >> "$log" 2>&1 &
	IWD_PID=$!
	LAB_PIDS+=("$IWD_PID")
}

# iwd_profile DIR SSID PASSPHRASE: a PSK/SAE profile (iwd.network(5))
iwd_profile() {
	mkdir -p "$1/state"
	printf '[Security]\nPassphrase=%s\n' "$3" > "$1/state/$2.psk"
}

# iwd_ctl DIR ARGS...: iwctl on that iwd's bus
iwd_ctl() { local dir=$1; shift; DBUS_SYSTEM_BUS_ADDRESS=unix:path=$dir/bus iwctl "$@"; }

# iwd_wait_connected LOG BSSID TIMEOUT [MARK]: the kernel says the station
# connected to BSSID; WAIT_LINE is the `iw event -t` line (its stamp is
# epoch seconds)
iwd_wait_connected() {
	wait_log "$1.events" "connected to $2" "$3" "${4:-0}"
}
