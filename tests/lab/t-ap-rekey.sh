#!/bin/bash
# radios: 2
# timeout: 600
# ap-rekey: group rekey (wpa_group_rekey=2) while pinging. Debian
# wpa_supplicant stays connected for 8 s (virtual) while the AP renews the GTK
# every 2 s; meanwhile the client pings the AP (unicast, PTK, every 20 ms) and
# the AP pings the broadcast address (group-addressed frames, encrypted with
# the GTK the client must have just received, every 200 ms). Each stream may
# lose at most one ping, and the client must have completed at least 3 group
# rekeys. Runs for wpa=2 CCMP and wpa=1 TKIP (RC4-wrapped key data, Michael),
# under Debian hostapd and under roamlab-ap with the same config.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-rekey

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
# the client answers broadcast pings (they arrive under the GTK)
in_ns sta sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0

UNI_N=400; BC_N=40; MIN_REKEYS=3
cases=(
	"wpa2-ccmp|wpa=2 rsn_pairwise=CCMP|RSN|CCMP|CCMP"
	"wpa1-tkip|wpa=1 wpa_pairwise=TKIP|WPA|TKIP|TKIP"
)

# lost FILE: transmitted - received of a ping summary ("?" if none)
lost() {
	local l
	l=$(grep -m1 -E 'packets transmitted' "$1") || { echo "?"; return; }
	awk '{ print $1 - $4 }' <<< "$l"
}

res=""; rows=""
for c in "${cases[@]}"; do
	IFS='|' read -r name sec proto pw gr <<< "$c"
	args=("ssid=lab-$name")
	for kv in $sec; do args+=("$kv"); done
	hostapd_conf "$T/$name.conf" "$apif" "${args[@]}" wpa_key_mgmt=WPA-PSK \
		wpa_passphrase=correcthorse wpa_group_rekey=2
	wpas_conf "$T/$name-sta.conf" "lab-$name" 'psk="correcthorse"' key_mgmt=WPA-PSK \
		"proto=$proto" "pairwise=$pw" "group=$gr"
	for impl in $AP_IMPLS; do
		alog=$T/$name-$impl.log; wlog=$T/$name-$impl-sta.log
		start_ap "$impl" ap "$T/$name.conf" "$alog"
		start_wpas sta "$staif" "$T/$name-sta.conf" "$wlog"
		bad=""
		if ! wait_log "$wlog" CTRL-EVENT-CONNECTED 30; then
			bad="; did not connect ($(last_ctrl_event "$wlog"))"
		else
			mark=$(log_mark "$wlog")
			in_ns sta ping -n -q -c $UNI_N -i 0.02 -W 1 198.18.0.1 > "$T/$name-$impl-uni.txt" 2>&1 &
			p1=$!
			in_ns ap ping -n -q -b -c $BC_N -i 0.2 -W 1 198.18.0.255 > "$T/$name-$impl-bc.txt" 2>&1 &
			p2=$!
			wait $p1 $p2
			uni=$(lost "$T/$name-$impl-uni.txt"); bc=$(lost "$T/$name-$impl-bc.txt")
			rekeys=$(count_log "$wlog" 'WPA: Group rekeying completed with' "$mark")
			{ [ "$uni" = "?" ] || [ "$uni" -gt 1 ]; } && bad="$bad; unicast lost $uni of $UNI_N"
			{ [ "$bc" = "?" ] || [ "$bc" -gt 1 ]; } && bad="$bad; broadcast lost $bc of $BC_N"
			[ "$rekeys" -ge $MIN_REKEYS ] || bad="$bad; only $rekeys group rekeys completed"
			count_log "$wlog" 'CTRL-EVENT-DISCONNECTED' "$mark" | grep -qx 0 ||
				bad="$bad; the client was disconnected during the test"
		fi
		stop_pid "$WPAS_PID"
		stop_pid "$AP_PID"
		row="$name/$impl: $rekeys rekeys, lost unicast ${uni:-?}/$UNI_N broadcast ${bc:-?}/$BC_N"
		info "$row${bad:+ - PROBLEMS$bad}"
		rows="$rows $row;"
		[ -n "$bad" ] && res="$res [$name/$impl]$bad"
		unset uni bc rekeys
	done
done
# Control: the broadcast check must notice a broken GTK. roamlab-ap is told
# over its control socket to announce each new GTK under the wrong key index
# (FAULT gtk-wrong-keyidx): after the next rekeys the client decrypts group
# frames with the wrong key, so most broadcast pings must go unanswered while
# unicast ones (PTK) still pass.
if [[ " $AP_IMPLS " == *" roamlab-ap "* ]] && [ -x "$ROAMLAB_BIN/roamlab" ]; then
	name=wpa2-ccmp; impl=roamlab-ap
	alog=$T/control-$impl.log; wlog=$T/control-$impl-sta.log
	start_ap $impl ap "$T/$name.conf" "$alog"
	start_wpas sta "$staif" "$T/$name-sta.conf" "$wlog"
	bad=""
	if ! wait_log "$wlog" CTRL-EVENT-CONNECTED 30; then
		bad="; did not connect"
	else
		out=$("$ROAMLAB_BIN/roamlab" ctl -p "/run/hostapd-$apif" -i "$apif" FAULT gtk-wrong-keyidx 2>&1)
		[ "$out" = OK ] || bad="; FAULT gtk-wrong-keyidx: '$out'"
		in_ns sta ping -n -q -c $UNI_N -i 0.02 -W 1 198.18.0.1 > "$T/control-uni.txt" 2>&1 &
		p1=$!
		in_ns ap ping -n -q -b -c $BC_N -i 0.2 -W 1 198.18.0.255 > "$T/control-bc.txt" 2>&1 &
		p2=$!
		wait $p1 $p2
		uni=$(lost "$T/control-uni.txt"); bc=$(lost "$T/control-bc.txt")
		{ [ "$uni" = "?" ] || [ "$uni" -gt 1 ]; } && bad="$bad; unicast lost $uni (the fault only touches the GTK)"
		{ [ "$bc" = "?" ] || [ "$bc" -lt $((BC_N / 2)) ]; } &&
			bad="$bad; only $bc of $BC_N broadcast pings lost with a wrong GTK index: the check is blind"
	fi
	stop_pid "$WPAS_PID"
	stop_pid "$AP_PID"
	row="control (gtk-wrong-keyidx): lost unicast ${uni:-?}/$UNI_N broadcast ${bc:-?}/$BC_N as expected"
	[ -n "$bad" ] && row="control (gtk-wrong-keyidx): lost unicast ${uni:-?}/$UNI_N broadcast ${bc:-?}/$BC_N"
	info "$row${bad:+ - PROBLEMS$bad}"
	rows="$rows $row;"
	[ -n "$bad" ] && res="$res [control]$bad"
fi
[ -z "$res" ] || fail "${res# }"
pass "${rows# }"
