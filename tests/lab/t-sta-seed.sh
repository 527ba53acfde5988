#!/bin/bash
# radios: 3
# timeout: 600
# sta-seed: the 2009 seed procedure with roamlab-sta, then with Debian's
# wpa_supplicant, against two Debian hostapd APs (wpa=1, WPA-PSK, TKIP CCMP,
# ssid roaming, passphrase bonewish). Start the other AP, stop the current
# one, 20 times alternating; every roam must succeed. Each roam's time is
# measured from the stop to the first ping reply through the new AP (ping -D
# every 10 ms to the server behind the wired distribution system); for
# roamlab-sta also its own ROAM event (deauth received -> handshake done).
# Both sets are printed side by side as median and max.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init sta-seed
ROAMS=${ROAMLAB_SEED_ROAMS:-20}

set -- $(phys)
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
cat > "$T/sta.conf" <<CONF
network={
	ssid="roaming"
	psk="bonewish"
	key_mgmt=WPA-PSK
	proto=WPA
	pairwise=CCMP TKIP
	group=TKIP
}
CONF
cp "$T/sta.conf" "$T/wpa_supplicant.conf"

declare -A hpid
# run_procedure WHO LOG CONNECTED_REGEX_PREFIX: 20 AP stops; fills DATA_TIMES
run_procedure() {
	local who=$1 log=$2 i cur=1 nxt mark pmark t0 t2 d own
	DATA_TIMES=""; OWN_TIMES=""; OK=0
	bg "$T/ping-$who.txt" ip netns exec sta1 ping -n -D -O -i 0.01 -W 1 $DS_SERVER
	local ping_pid=$BG_PID
	# neighbour table changes, for reading a slow roam afterwards (a
	# flush on carrier loss costs an ARP retransmit: 1 s)
	bg "$T/neigh-sta1-$who.txt" ip -n sta1 -ts monitor neigh
	local mon1=$BG_PID
	bg "$T/neigh-ds-$who.txt" ip -n ds -ts monitor neigh
	local mon2=$BG_PID
	printf '  %-14s %-5s %-19s %-19s %10s %10s\n' client roam from to data own | tee -a "$T/roams.txt"
	for i in $(seq 1 "$ROAMS"); do
		nxt=$((3 - cur))
		start_hostapd "ap$nxt" "$T/ap$nxt.conf" "$T/$who-ap$nxt-$i.log"
		hpid[$nxt]=$HOSTAPD_PID
		mark=$(log_mark "$log")
		pmark=$(log_mark "$T/ping-$who.txt")
		t0=$(ts)
		stop_pid "${hpid[$cur]}"
		if [ "$who" = roamlab-sta ]; then
			wait_log "$log" "^EVENT ROAM .*new=${bssid[$nxt]}" 30 "$mark" ||
				{ echo "  $who roam $i: no ROAM to ap$nxt" | tee -a "$T/roams.txt"; break; }
			own=$(ev_val "$WAIT_LINE" total_ms)
			OWN_TIMES="$OWN_TIMES $own"
		else
			wait_log "$log" "CTRL-EVENT-CONNECTED - Connection to ${bssid[$nxt]}" 30 "$mark" ||
				{ echo "  $who roam $i: no reconnect to ap$nxt" | tee -a "$T/roams.txt"; break; }
			own=-
		fi
		wait_log "$T/ping-$who.txt" 'bytes from' 10 "$pmark" ||
			{ echo "  $who roam $i: no data through ap$nxt" | tee -a "$T/roams.txt"; break; }
		t2=$(echo "$WAIT_LINE" | sed -E 's/^\[([0-9.]+)\].*/\1/')
		d=$(fsub_ms "$t2" "$t0")
		DATA_TIMES="$DATA_TIMES $d"
		printf '  %-14s %-5s %-19s %-19s %8sms %8sms\n' "$who" "$i" "${bssid[$cur]}" \
			"${bssid[$nxt]}" "$d" "$own" | tee -a "$T/roams.txt"
		OK=$((OK + 1))
		cur=$nxt
	done
	stop_pid "$ping_pid"
	stop_pid "$mon1"
	stop_pid "$mon2"
	stop_pid "${hpid[$cur]}"
}

# --- roamlab-sta ---
start_hostapd ap1 "$T/ap1.conf" "$T/roamlab-sta-ap1-0.log"
hpid[1]=$HOSTAPD_PID
start_rsta sta1 "$staif" "$T/sta.conf" "$T/roamlab-sta.log"
wait_log "$T/roamlab-sta.log" "^EVENT CONNECTED .*bssid=${bssid[1]}" 30 ||
	fail "roamlab-sta did not connect to ap1 at start"
ping_ok sta1 $DS_SERVER 3 || fail "roamlab-sta: no ping to the server through ap1"
run_procedure roamlab-sta "$T/roamlab-sta.log"
R_OK=$OK; R_DATA=$DATA_TIMES; R_OWN=$OWN_TIMES
stop_pid "$RSTA_PID"

# ROAMLAB_SEED_CLIENTS=roamlab-sta skips the wpa_supplicant half (quick runs)
if [ "${ROAMLAB_SEED_CLIENTS:-both}" = roamlab-sta ]; then
	printf '  %-16s %5s  %s\n' roamlab-sta "$R_OK/$ROAMS" "$(stats "$R_DATA")" | tee -a "$T/roams.txt"
	[ "$R_OK" = "$ROAMS" ] || fail "roamlab-sta: $R_OK/$ROAMS roams"
	pass "roamlab-sta $R_OK/$ROAMS roams, data $(stats "$R_DATA" | cut -d' ' -f1,3) (wpa_supplicant skipped)"
fi

# --- Debian wpa_supplicant, same procedure ---
start_hostapd ap1 "$T/ap1.conf" "$T/wpa_supplicant-ap1-0.log"
hpid[1]=$HOSTAPD_PID
echo "ctrl_interface=/run/wpa_supplicant-sta1" | cat - "$T/sta.conf" > "$T/wpa_supplicant.conf"
start_wpas sta1 "$staif" "$T/wpa_supplicant.conf" "$T/wpa_supplicant.log"
wait_log "$T/wpa_supplicant.log" "CTRL-EVENT-CONNECTED - Connection to ${bssid[1]}" 30 ||
	fail "wpa_supplicant did not connect to ap1 at start"
ping_ok sta1 $DS_SERVER 3 || fail "wpa_supplicant: no ping through ap1"
run_procedure wpa_supplicant "$T/wpa_supplicant.log"
W_OK=$OK; W_DATA=$DATA_TIMES
stop_pid "$WPAS_PID"

{
	echo "  seed procedure, $ROAMS AP stops, time from stop to first ping reply via the new AP:"
	printf '  %-16s %5s  %s\n' roamlab-sta "$R_OK/$ROAMS" "$(stats "$R_DATA")"
	printf '  %-16s %5s  %s\n' wpa_supplicant "$W_OK/$ROAMS" "$(stats "$W_DATA")"
	printf '  %-16s %5s  %s\n' "roamlab-sta own" "" "$(stats "$R_OWN") (deauth -> handshake done)"
} | tee -a "$T/roams.txt"
[ "$R_OK" = "$ROAMS" ] || fail "roamlab-sta: $R_OK/$ROAMS roams"
med=$(stats "$R_DATA" | sed -E 's/median=([0-9.]+)ms.*/\1/')
awk -v m="$med" 'BEGIN { exit !(m < 300) }' || fail "roamlab-sta median $med ms is not under 300 ms"
pass "roamlab-sta $R_OK/$ROAMS roams, data $(stats "$R_DATA" | cut -d' ' -f1,3); wpa_supplicant $W_OK/$ROAMS, $(stats "$W_DATA" | cut -d' ' -f1,3)"
