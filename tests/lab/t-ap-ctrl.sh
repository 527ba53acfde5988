#!/bin/bash
# radios: 2
# timeout: 600
# ap-ctrl: roamlab-ap's control socket (ctrl_interface) driven with
# "roamlab ctl" while Debian wpa_supplicant is connected (wpa=2 CCMP):
# STATUS, LIST_STA, STA, REKEY_GTK (the client completes a group rekey and
# the key index flips), DISASSOC and DEAUTH (the client sees reason 5 / 2 and
# comes back), DISABLE / ENABLE (the client loses the AP and reconnects; data
# flows again), FAULT with a bad name (FAIL) and LOG_LEVEL.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-ctrl
[ -x "$ROAMLAB_BIN/roamlab" ] || fail "$ROAMLAB_BIN/roamlab (for 'roamlab ctl') is not built"

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")

hostapd_conf "$T/ap.conf" "$apif" ssid=lab-ctrl wpa=2 wpa_key_mgmt=WPA-PSK \
	rsn_pairwise=CCMP wpa_passphrase=correcthorse
wpas_conf "$T/sta.conf" lab-ctrl 'psk="correcthorse"' key_mgmt=WPA-PSK proto=RSN pairwise=CCMP
A=$T/roamlab-ap.log; W=$T/sta.log
start_rlap ap "$T/ap.conf" "$A"
start_wpas sta "$staif" "$T/sta.conf" "$W"
wait_log "$W" CTRL-EVENT-CONNECTED 30 || fail "client did not connect ($(last_ctrl_event "$W"))"

# ctl CMD...: the reply in REPLY, the exit status returned
ctl() {
	REPLY=$("$ROAMLAB_BIN/roamlab" ctl -p "/run/hostapd-$apif" -i "$apif" "$@" 2>&1)
	local rc=$?
	echo "> $* (exit $rc)" >> "$T/ctl.txt"; echo "$REPLY" >> "$T/ctl.txt"
	return $rc
}
# has KEY=VALUE: the last reply has that line
has() { grep -qxF "$1" <<< "$REPLY"; }
done_steps=()
step() { done_steps+=("$1"); }

ctl STATUS || fail "STATUS failed: $REPLY"
has state=ENABLED && has "bssid=$bssid" && has num_sta=1 && has ssid=lab-ctrl ||
	fail "STATUS does not show the enabled AP with one station: $(tr '\n' ' ' <<< "$REPLY")"
idx0=$(sed -n 's/^gtk_idx=//p' <<< "$REPLY")
step STATUS

ctl LIST_STA || fail "LIST_STA failed: $REPLY"
has "$smac AUTHORIZED" || fail "LIST_STA: $(tr '\n' ' ' <<< "$REPLY")"
step LIST_STA
ctl STA "$smac" || fail "STA failed: $REPLY"
has state=AUTHORIZED && has proto=RSN && has pairwise=CCMP && grep -q '^assoc_to_done_us=[0-9]' <<< "$REPLY" ||
	fail "STA: $(tr '\n' ' ' <<< "$REPLY")"
step STA
ctl STA 02:00:00:00:99:99 && fail "STA of an unknown station succeeded: $REPLY"
[[ $REPLY == FAIL* ]] || fail "STA of an unknown station: '$REPLY'"

mark=$(log_mark "$W")
ctl REKEY_GTK || fail "REKEY_GTK failed: $REPLY"
wait_log "$W" 'WPA: Group rekeying completed with' 10 "$mark" || fail "REKEY_GTK: the client completed no group rekey"
ctl STATUS
idx1=$(sed -n 's/^gtk_idx=//p' <<< "$REPLY")
[ -n "$idx0" ] && [ -n "$idx1" ] && [ "$idx0" != "$idx1" ] || fail "REKEY_GTK: gtk_idx $idx0 -> $idx1"
ping_ok sta 198.18.0.1 2 || fail "no ping after REKEY_GTK"
step "REKEY_GTK(idx $idx0->$idx1)"

for c in DISASSOC:5 DEAUTH:2; do
	cmd=${c%:*}; want=${c#*:}
	mark=$(log_mark "$W")
	ctl "$cmd" "$smac" || fail "$cmd failed: $REPLY"
	wait_log "$W" "CTRL-EVENT-DISCONNECTED bssid=$bssid reason=$want" 10 "$mark" ||
		fail "$cmd: the client saw no disconnection with reason $want ($(last_ctrl_event "$W"))"
	[[ $WAIT_LINE == *locally_generated* ]] && fail "$cmd: the disconnection was local"
	wait_log "$W" CTRL-EVENT-CONNECTED 30 "$mark" || fail "$cmd: the client did not come back"
	ping_ok sta 198.18.0.1 2 || fail "no ping after $cmd and reconnection"
	step "$cmd(reason $want)"
done

mark=$(log_mark "$W")
ctl DISABLE || fail "DISABLE failed: $REPLY"
wait_log "$W" "CTRL-EVENT-DISCONNECTED bssid=$bssid reason=3" 10 "$mark" ||
	fail "DISABLE: the client was not deauthenticated ($(last_ctrl_event "$W"))"
ctl STATUS; has state=DISABLED || fail "STATUS after DISABLE: $(tr '\n' ' ' <<< "$REPLY")"
ctl REKEY_GTK && fail "REKEY_GTK while disabled succeeded"
amark=$(log_mark "$A")
ctl ENABLE || fail "ENABLE failed: $REPLY"
wait_log "$A" 'EVENT AP-ENABLED' 5 "$amark" || fail "ENABLE: no AP-ENABLED event"
wait_log "$W" CTRL-EVENT-CONNECTED 60 "$mark" || fail "ENABLE: the client did not reconnect ($(last_ctrl_event "$W"))"
ping_ok sta 198.18.0.1 2 || fail "no ping after ENABLE and reconnection"
step DISABLE/ENABLE

ctl FAULT explode && fail "FAULT explode succeeded"
[[ $REPLY == FAIL*explode* ]] || fail "FAULT explode: '$REPLY'"
ctl FAULT clear || fail "FAULT clear: $REPLY"
step FAULT
ctl LOG_LEVEL || fail "LOG_LEVEL: $REPLY"
has level=MSGDUMP || fail "LOG_LEVEL under -dd: '$REPLY'"
step LOG_LEVEL

stop_pid "$WPAS_PID"
stop_pid "$RLAP_PID"
grep -E '^[0-9.]+: (nl|drv): .*(: Operation|: No such|: Invalid|cannot|failed)' "$A" > "$T/nl-errors.txt" &&
	fail "netlink errors in the AP log: $(head -1 "$T/nl-errors.txt")"
pass "${done_steps[*]}"
