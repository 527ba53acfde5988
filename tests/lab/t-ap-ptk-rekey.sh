#!/bin/bash
# radios: 2
# timeout: 600
# ap-ptk-rekey: wpa_ptk_rekey=2 (wpa=2 CCMP) while the client pings the AP
# (unicast, every 20 ms, 8 s). Debian wpa_supplicant must complete at least
# 3 PTK rekeys without being disconnected, and the rekeys must happen under
# the PTK in use: on the air (hwsim0 capture) only the first handshake's
# EAPOL-Key frames may be in the clear; a rekey whose msgs 1/4 and 3/4 went
# out unprotected would add two clear frames each. Under Debian hostapd
# and under roamlab-ap with the same config.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-ptk-rekey

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
UNI_N=400; MIN_REKEYS=3; MAX_LOST=5

lost() {
	local l
	l=$(grep -m1 -E 'packets transmitted' "$1") || { echo "?"; return; }
	awk '{ print $1 - $4 }' <<< "$l"
}

# clear_eapol FROM TO: EAPOL frames readable on the air between two epochs
clear_eapol() {
	tshark -r "$T/air.pcap" -Y "eapol && frame.time_epoch >= $1 && frame.time_epoch <= $2" \
		2>/dev/null | wc -l
}

hostapd_conf "$T/ap.conf" "$apif" ssid=lab-ptk wpa=2 rsn_pairwise=CCMP \
	wpa_key_mgmt=WPA-PSK wpa_passphrase=correcthorse wpa_ptk_rekey=2
wpas_conf "$T/sta.conf" lab-ptk 'psk="correcthorse"' key_mgmt=WPA-PSK proto=RSN \
	pairwise=CCMP group=CCMP
res=""; rows=""
for impl in $AP_IMPLS; do
	alog=$T/$impl.log; wlog=$T/$impl-sta.log
	t0=$(date +%s.%N)
	start_ap "$impl" ap "$T/ap.conf" "$alog"
	start_wpas sta "$staif" "$T/sta.conf" "$wlog"
	bad=""; rekeys=?; clear=?
	if ! wait_log "$wlog" CTRL-EVENT-CONNECTED 30; then
		bad="; did not connect ($(last_ctrl_event "$wlog"))"
	else
		mark=$(log_mark "$wlog")
		in_ns sta ping -n -q -c $UNI_N -i 0.02 -W 1 198.18.0.1 > "$T/$impl-uni.txt" 2>&1
		uni=$(lost "$T/$impl-uni.txt")
		rekeys=$(count_log "$wlog" 'WPA: Key negotiation completed with' "$mark")
		{ [ "$uni" = "?" ] || [ "$uni" -gt $MAX_LOST ]; } && bad="$bad; unicast lost $uni of $UNI_N"
		[ "$rekeys" -ge $MIN_REKEYS ] || bad="$bad; only $rekeys PTK rekeys completed"
		count_log "$wlog" 'CTRL-EVENT-DISCONNECTED' "$mark" | grep -qx 0 ||
			bad="$bad; the client was disconnected during the test"
	fi
	stop_pid "$WPAS_PID"
	stop_pid "$AP_PID"
	t1=$(date +%s.%N)
	if command -v tshark >/dev/null && [ -s "$T/air.pcap" ]; then
		clear=$(clear_eapol "$t0" "$t1")
		# the first handshake: 4 frames (a resend or two allowed)
		[ "$clear" -le 6 ] || bad="$bad; $clear EAPOL frames in the clear (rekeys unprotected)"
	else
		info "no tshark or no capture: the clear-EAPOL check is skipped"
	fi
	row="$impl: $rekeys PTK rekeys, lost unicast ${uni:-?}/$UNI_N, $clear EAPOL frames in the clear"
	info "$row${bad:+ - PROBLEMS$bad}"
	rows="$rows $row;"
	[ -n "$bad" ] && res="$res [$impl]$bad"
	unset uni
done
[ -z "$res" ] || fail "${res# }"
pass "${rows# }"
