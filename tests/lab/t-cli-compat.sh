#!/bin/bash
# radios: 2
# timeout: 600
# cli-compat: a user's wpa_cli and hostapd_cli scripts, unchanged, against
# roamlab-sta and roamlab-ap. Debian's wpa_cli and hostapd_cli (2.10) drive
# each pair, Debian's hostapd + wpa_supplicant first as the reference, then
# roamlab-ap + roamlab-sta, both started as daemons (-B -P) from the same
# config files:
#   - action scripts (wpa_cli -a, hostapd_cli -a) see the same events in
#     the same order: DISCONNECTED/CONNECTED at the station, and
#     AP-STA-DISCONNECTED/AP-STA-CONNECTED MAC at the AP, for a `wpa_cli
#     disconnect`, a `wpa_cli reconnect` and a `hostapd_cli deauthenticate`;
#     and EAPOL-4WAY-HS-COMPLETED MAC at the AP after each 4-way handshake;
#   - `wpa_cli status` says wpa_state=COMPLETED, bssid=, ssid=,
#     key_mgmt=WPA2-PSK, pairwise_cipher=CCMP; `wpa_cli scan_results` lists
#     the AP with [WPA2-PSK-CCMP][ESS]; `wpa_cli list_networks` shows the
#     network as [CURRENT]; `hostapd_cli all_sta` and `list_sta` list the
#     station, all_sta with [AUTHORIZED];
#   - `wpa_cli terminate` ends the station, and wpa_cli -a hears of it
#     (CTRL-EVENT-TERMINATING).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init cli-compat

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")

SSID=lab-cli
ACTRL=/run/hostapd-cli
SCTRL=/run/wpa_supplicant-cli
hostapd_conf "$T/ap.conf" "$apif" "ssid=$SSID" wpa=2 wpa_key_mgmt=WPA-PSK \
	rsn_pairwise=CCMP wpa_passphrase=correcthorse
sed -i "s|^ctrl_interface=.*|ctrl_interface=$ACTRL|" "$T/ap.conf"
wpas_conf "$T/sta.conf" "$SSID" 'psk="correcthorse"' key_mgmt=WPA-PSK proto=RSN pairwise=CCMP
sed -i "s|^ctrl_interface=.*|ctrl_interface=$SCTRL|" "$T/sta.conf"

# action scripts: one line per call, as the tools pass the event
cat > "$T/sta-action.sh" <<'EOF'
#!/bin/sh
echo "$2" >> "$ACTION_LOG"
EOF
cat > "$T/ap-action.sh" <<'EOF'
#!/bin/sh
case "$2" in AP-STA-*|EAPOL-4WAY-HS-COMPLETED) echo "$2 $3" >> "$ACTION_LOG" ;; esac
EOF
chmod +x "$T/sta-action.sh" "$T/ap-action.sh"

wcli() { in_ns sta wpa_cli -p "$SCTRL" -i "$staif" "$@" 2>&1; }
hcli() { in_ns ap hostapd_cli -p "$ACTRL" -i "$apif" "$@" 2>&1; }

# wait_lines FILE N TIMEOUT_S: until FILE has N lines
wait_lines() {
	local f=$1 n=$2 t=$3 end
	end=$(( $(date +%s%N) + t * 1000000000 ))
	while [ "$(wc -l < "$f" 2>/dev/null || echo 0)" -lt "$n" ]; do
		[ "$(date +%s%N)" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# wait_cmd TIMEOUT_S REGEX CMD...: until CMD's output matches REGEX
wait_cmd() {
	local t=$1 re=$2 end; shift 2
	end=$(( $(date +%s%N) + t * 1000000000 ))
	until "$@" | grep -qE "$re"; do
		[ "$(date +%s%N)" -lt "$end" ] || return 1
		sleep 0.1
	done
}

# wait_attached PID TIMEOUT_S: a wpa_ctrl client (wpa_cli, hostapd_cli) has
# bound its socket (/tmp/wpa_ctrl_PID-N); ATTACH is its next request
wait_attached() {
	local pid=$1 t=$2 end
	end=$(( $(date +%s%N) + t * 1000000000 ))
	until compgen -G "/tmp/wpa_ctrl_${pid}-*" > /dev/null; do
		[ "$(date +%s%N)" -lt "$end" ] || return 1
		sleep 0.05
	done
	sleep 0.5
}

run_pair() { # AP_IMPL STA_IMPL: the same script against one pair
	local ap=$1 sta=$2 tag=$1+$2 apcmd stacmd hpid wpid out
	local alog=$T/$tag-ap.log slog=$T/$tag-sta.log
	BAD=""
	case "$ap" in hostapd) apcmd=hostapd ;; *) apcmd=$ROAMLAB_BIN/roamlab-ap ;; esac
	case "$sta" in wpa_supplicant) stacmd=wpa_supplicant ;; *) stacmd=$ROAMLAB_BIN/roamlab-sta ;; esac
	: > "$T/$tag-ap-actions"; : > "$T/$tag-sta-actions"
	in_ns ap "$apcmd" -B -P "$T/$tag-ap.pid" -f "$alog" -t -d "$T/ap.conf" ||
		{ BAD="$BAD; $ap -B failed"; return; }
	LAB_PIDS+=("$(cat "$T/$tag-ap.pid" 2>/dev/null)")
	wait_cmd 10 '^PONG' hcli ping || { BAD="$BAD; hostapd_cli ping: $(hcli ping)"; return; }
	in_ns sta "$stacmd" -B -P "$T/$tag-sta.pid" -f "$slog" -t -d -D nl80211 -i "$staif" \
		-c "$T/sta.conf" || { BAD="$BAD; $sta -B failed"; return; }
	LAB_PIDS+=("$(cat "$T/$tag-sta.pid" 2>/dev/null)")
	wait_cmd 30 '^wpa_state=COMPLETED' wcli status ||
		{ BAD="$BAD; never COMPLETED: $(wcli status | tr '\n' ' ')"; return; }

	# the monitors, as a user's scripts run them
	# (ip netns exec, env and stdbuf exec: $! is the tool's own pid; wpa_cli
	# line-buffered so that its messages show as they come)
	ip netns exec ap env ACTION_LOG="$T/$tag-ap-actions" hostapd_cli -p "$ACTRL" \
		-i "$apif" -a "$T/ap-action.sh" > "$T/$tag-hcli-a.out" 2>&1 &
	hpid=$!; LAB_PIDS+=("$hpid")
	ip netns exec sta env ACTION_LOG="$T/$tag-sta-actions" stdbuf -oL wpa_cli -p "$SCTRL" \
		-i "$staif" -a "$T/sta-action.sh" > "$T/$tag-wcli-a.out" 2>&1 &
	wpid=$!; LAB_PIDS+=("$wpid")
	wait_attached "$hpid" 20 || BAD="$BAD; hostapd_cli -a did not start"
	wait_attached "$wpid" 20 || BAD="$BAD; wpa_cli -a did not start"

	# status, scan_results, list_networks, all_sta, list_sta
	out=$(wcli status)
	for kv in wpa_state=COMPLETED "bssid=$bssid" "ssid=$SSID" key_mgmt=WPA2-PSK \
		  pairwise_cipher=CCMP; do
		grep -qxF "$kv" <<< "$out" || BAD="$BAD; wpa_cli status: no $kv"
	done
	wcli scan > /dev/null
	wait_cmd 10 "^$bssid"$'\t' wcli scan_results || BAD="$BAD; scan_results: no $bssid"
	grep -qE "^$bssid"$'\t'"[0-9]+"$'\t'"-?[0-9]+"$'\t'"\[WPA2-PSK-CCMP\]\[ESS\]"$'\t'"$SSID\$" \
		<<< "$(wcli scan_results)" || BAD="$BAD; scan_results: $(wcli scan_results | tr '\n\t' '|,')"
	grep -qE "^0"$'\t'"$SSID"$'\t'"any"$'\t'"\[CURRENT\]" <<< "$(wcli list_networks)" ||
		BAD="$BAD; list_networks: $(wcli list_networks | tr '\n\t' '|,')"
	out=$(hcli all_sta)
	grep -qxF "$smac" <<< "$out" && grep -q '^flags=.*\[AUTHORIZED\]' <<< "$out" ||
		BAD="$BAD; all_sta: $(tr '\n' '|' <<< "$out")"
	grep -qxF "$smac" <<< "$(hcli list_sta)" || BAD="$BAD; list_sta: $(hcli list_sta | tr '\n' '|')"

	# the events: disconnect, reconnect, deauthenticate (and back). (With
	# Debian's pair the AP learns of the disconnect only when the station
	# authenticates again: its deauth does not reach hostapd here.)
	wcli disconnect > /dev/null
	wait_lines "$T/$tag-sta-actions" 1 10 || BAD="$BAD; no DISCONNECTED action"
	wcli reconnect > /dev/null
	wait_lines "$T/$tag-sta-actions" 2 20 || BAD="$BAD; no CONNECTED action"
	wait_lines "$T/$tag-ap-actions" 3 10 || BAD="$BAD; no AP-STA-CONNECTED action"
	hcli deauthenticate "$smac" > /dev/null
	wait_lines "$T/$tag-sta-actions" 4 30 || BAD="$BAD; no DISCONNECTED+CONNECTED after deauthenticate"
	wait_lines "$T/$tag-ap-actions" 6 30 || BAD="$BAD; no AP events after deauthenticate"

	# terminate: the station ends, and wpa_cli -a is told so (it prints
	# "wpa_supplicant is terminating - stop monitoring" on
	# CTRL-EVENT-TERMINATING)
	out=$(wcli terminate)
	[ "$out" = OK ] || BAD="$BAD; terminate: $out"
	for i in $(seq 100); do grep -q 'is terminating' "$T/$tag-wcli-a.out" && break; sleep 0.05; done
	grep -q 'is terminating' "$T/$tag-wcli-a.out" ||
		BAD="$BAD; wpa_cli -a was not told of the termination"
	for i in $(seq 100); do kill -0 "$(cat "$T/$tag-sta.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.05; done
	kill -0 "$(cat "$T/$tag-sta.pid" 2>/dev/null)" 2>/dev/null && BAD="$BAD; $sta still running after terminate"
	kill "$hpid" "$wpid" 2>/dev/null
	kill "$(cat "$T/$tag-ap.pid")" "$(cat "$T/$tag-sta.pid" 2>/dev/null)" 2>/dev/null
	sleep 1
}

run_pair hostapd wpa_supplicant
ref_bad=$BAD
[ -z "$ref_bad" ] || fail "the reference pair (Debian hostapd + wpa_supplicant) failed the script:$ref_bad"
run_pair roamlab-ap roamlab-sta
ours_bad=$BAD

ref_s=$(tr '\n' ' ' < "$T/hostapd+wpa_supplicant-sta-actions")
ref_a=$(tr '\n' ' ' < "$T/hostapd+wpa_supplicant-ap-actions")
our_s=$(tr '\n' ' ' < "$T/roamlab-ap+roamlab-sta-sta-actions")
our_a=$(tr '\n' ' ' < "$T/roamlab-ap+roamlab-sta-ap-actions")
info "wpa_cli -a, reference: $ref_s"
info "wpa_cli -a, roamlab:   $our_s"
info "hostapd_cli -a, reference: $ref_a"
info "hostapd_cli -a, roamlab:   $our_a"
[ "$ref_s" = "$our_s" ] || ours_bad="$ours_bad; wpa_cli action events differ from wpa_supplicant's"
[ "$ref_a" = "$our_a" ] || ours_bad="$ours_bad; hostapd_cli action events differ from hostapd's"
[ -z "$ours_bad" ] || fail "roamlab-ap + roamlab-sta:$ours_bad"
pass "wpa_cli -a: $our_s; hostapd_cli -a: $our_a (the same as Debian's pair); status, scan_results, list_networks, all_sta, list_sta, terminate"
