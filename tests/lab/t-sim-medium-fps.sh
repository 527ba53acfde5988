#!/bin/bash
# radios: 0
# realtime
# sim-medium-fps: the medium's throughput in frames per second. Two radios,
# an open AP (hostapd) and a STA (wpa_supplicant) through `roamlab medium`,
# then a 5 s UDP flood with iperf3 (or ping -f); the medium prints frames/s.
. "$(dirname "$0")/lib.sh"
lab_init sim-medium-fps

"$ROAMLAB_BIN/roamlab" radios add fps-ap > "$T/radios.txt" || fail "radios add"
"$ROAMLAB_BIN/roamlab" radios add fps-sta >> "$T/radios.txt" || fail "radios add"
"$ROAMLAB_BIN/roamlab" radios list >> "$T/radios.txt"
grep -q fps-sta "$T/radios.txt" || fail "radios list does not show fps-sta"
"$ROAMLAB_BIN/roamlab" medium > "$T/medium.txt" 2>&1 &
MP=$!
LAB_PIDS+=("$MP")
wait_log "$T/medium.txt" 'registered as the medium' 5 || fail "medium did not register"
netns_add fap; netns_add fsta
apif=$(phy_to_netns fps-ap fap); staif=$(phy_to_netns fps-sta fsta)
cat > "$T/h.conf" <<EOT
interface=$apif
driver=nl80211
ssid=fps
hw_mode=g
channel=1
EOT
printf 'network={\n\tssid="fps"\n\tkey_mgmt=NONE\n}\n' > "$T/w.conf"
bg "$T/hostapd.log" in_ns fap hostapd -t "$T/h.conf"
bg "$T/wpas.log" in_ns fsta wpa_supplicant -t -i "$staif" -c "$T/w.conf"
wait_log "$T/wpas.log" 'CTRL-EVENT-CONNECTED' 30 || fail "STA did not connect through the medium"
in_ns fap ip addr add 198.18.9.1/24 dev "$apif"
in_ns fsta ip addr add 198.18.9.2/24 dev "$staif"
ping_ok fsta 198.18.9.1 || fail "no ping through the medium"
kill -INT $MP; wait $MP
grep -q 'frames/s' "$T/medium.txt" || fail "no statistics from the medium"
base=$(grep -o 'frames [0-9]*' "$T/medium.txt" | awk '{print $2}')
"$ROAMLAB_BIN/roamlab" medium > "$T/medium2.txt" 2>&1 &
MP=$!
LAB_PIDS+=("$MP")
wait_log "$T/medium2.txt" 'registered as the medium' 5 || fail "medium did not register again"
s0=$(date +%s.%N)
in_ns fsta ping -f -c 5000 -s 1000 198.18.9.1 > "$T/flood.txt" 2>&1
s1=$(date +%s.%N)
kill -INT $MP; wait $MP
line=$(grep 'frames/s' "$T/medium2.txt")
frames=$(echo "$line" | grep -o 'frames [0-9]*' | awk '{print $2}')
wall=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.2f", b - a }')
info "flood: $(grep -o '[0-9]* received' "$T/flood.txt"), $frames frames in $wall s wall"
[ "${frames:-0}" -gt 5000 ] || fail "only ${frames:-0} frames through the medium"
pass "$(awk -v f="$frames" -v w="$wall" 'BEGIN { printf "%.0f", f / w }') frames/s (wall clock) through the medium; $line"
