#!/bin/bash
# radios: 2
# timeout: 600
# ap-sigterm: SIGTERM while a 4-way handshake is in progress. The client
# (Debian wpa_supplicant) must receive a Deauthentication from the AP
# (reason 3, leaving) rather than time out, and the AP must exit 0 after
# deleting its keys and stopping the BSS.
#
# Two ways to hold a handshake open:
#   m3-held  roamlab-ap with "fault=drop-msg 3" (a roamlab-only config key):
#            the client has the right passphrase, msg 3/4 never leaves;
#            SIGTERM when the first msg 3/4 is dropped.
#   bad-psk  the client has the wrong passphrase (the AP keeps resending
#            msg 1/4); SIGTERM at the first "invalid MIC in msg 2/4". This
#            config is plain hostapd.conf, so it runs under Debian hostapd
#            too (parity).
# wpa_pairwise_update_count=10 keeps the AP retrying for ~9 s (virtual), far
# longer than the test takes to react, so the deauth seen must be ours.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-sigterm

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")

SSID=lab-term
common=("ssid=$SSID" wpa=2 wpa_key_mgmt=WPA-PSK rsn_pairwise=CCMP
	wpa_passphrase=correcthorse wpa_pairwise_update_count=10)
hostapd_conf "$T/m3-held.conf" "$apif" "${common[@]}" "fault=drop-msg 3"
hostapd_conf "$T/bad-psk.conf" "$apif" "${common[@]}"
wpas_conf "$T/good.conf" "$SSID" 'psk="correcthorse"' key_mgmt=WPA-PSK proto=RSN pairwise=CCMP
wpas_conf "$T/bad.conf" "$SSID" 'psk="wrongwrongwrong"' key_mgmt=WPA-PSK proto=RSN pairwise=CCMP

# one_case NAME IMPL CONF CLIENT_CONF TRIGGER_RE: sets BAD (empty if ok)
one_case() {
	local name=$1 impl=$2 conf=$3 wconf=$4 trig=$5 alog wlog rc reason
	alog=$T/$name-$impl.log; wlog=$T/$name-$impl-sta.log
	BAD=""
	start_ap "$impl" ap "$conf" "$alog"
	start_wpas sta "$staif" "$wconf" "$wlog"
	if ! wait_log "$alog" "$trig" 30; then
		BAD="the handshake never reached '$trig' ($(last_ctrl_event "$wlog"))"
		stop_pid "$WPAS_PID"; stop_pid "$AP_PID"
		ROW="$name/$impl: no handshake"
		return
	fi
	local wmark
	wmark=$(log_mark "$wlog")
	kill -TERM "$AP_PID"
	wait "$AP_PID" 2>/dev/null
	rc=$?
	if [ "$impl" = roamlab-ap ]; then
		wait_log "$alog" '^lab: roamlab-ap exited' 10
		rc=${WAIT_LINE#*status=}
	fi
	if wait_log "$wlog" "CTRL-EVENT-DISCONNECTED bssid=$bssid reason=[0-9]+" 10 "$wmark"; then
		reason=$(echo "$WAIT_LINE" | grep -oE 'reason=[0-9]+' | cut -d= -f2)
		[[ $WAIT_LINE == *locally_generated=1* ]] &&
			BAD="$BAD; the client disconnected by itself, no deauth from the AP"
	else
		BAD="$BAD; the client saw no disconnection ($(last_ctrl_event "$wlog"))"
	fi
	stop_pid "$WPAS_PID"
	[ "$rc" = 0 ] || BAD="$BAD; $impl exited with status $rc"
	if [ "$impl" = roamlab-ap ]; then
		[ "${reason:-}" = 3 ] || BAD="$BAD; deauth reason ${reason:-none}, expected 3 (leaving)"
		# the handshake was still running when the signal came
		local order
		order=$(grep -oE "signal 15|EAPOL-Key timeout [(]|EVENT AP-STA-LEFT sta=$smac reason=[0-9]+ by=ap|EVENT AP-DISABLED" "$alog" |
			tr '\n' '|')
		[ "$order" = "signal 15|EVENT AP-STA-LEFT sta=$smac reason=3 by=ap|EVENT AP-DISABLED|" ] ||
			BAD="$BAD; unexpected shutdown sequence: $order"
		grep -qE 'nl: [^ ]+: (STOP_AP|DEL_KEY|DEL_STATION):' "$alog" &&
			BAD="$BAD; netlink error while stopping: $(grep -m1 -E 'nl: [^ ]+: (STOP_AP|DEL_KEY|DEL_STATION):' "$alog")"
	fi
	info "$name/$impl: client deauthenticated with reason ${reason:-?}, exit status $rc${BAD:+ - PROBLEMS$BAD}"
	ROW="$name/$impl: deauth reason ${reason:-?} exit $rc"
}

res=""; rows=""
if [[ " $AP_IMPLS " == *" roamlab-ap "* ]]; then
	one_case m3-held roamlab-ap "$T/m3-held.conf" "$T/good.conf" \
		"EVENT AP-FAULT sta=$smac fault=drop-msg msg=3/4"
	[ -n "$BAD" ] && res="$res [m3-held/roamlab-ap]$BAD"
	rows="$rows $ROW;"
fi
for impl in $AP_IMPLS; do
	one_case bad-psk "$impl" "$T/bad-psk.conf" "$T/bad.conf" \
		"STA $smac WPA: invalid MIC in msg 2/4 of 4-Way Handshake"
	[ -n "$BAD" ] && res="$res [bad-psk/$impl]$BAD"
	rows="$rows $ROW;"
done
[ -z "$res" ] || fail "${res# }"
pass "${rows# }"
