#!/bin/bash
# radios: 3
# timeout: 900
# wpa3-faults: each WPA3/PMF fault of common/hs_fault.c against the real peer,
# which logs what the fault's help says, and recovery once it is cleared:
#  - sae-wrong-password, sae-group-mismatch, sae-pwe-mismatch (roamlab-sta
#    against Debian hostapd): no association while armed; "fault clear" and
#    the station connects;
#  - pmksa-stale (roamlab-ap against Debian wpa_supplicant): the reconnection
#    with the cached PMKSA is answered with status 53, wpa_supplicant runs SAE
#    again and connects;
#  - sa-query-no-reply (roamlab-ap against wpa_supplicant, ieee80211w=2): after
#    an unprotected deauth from a rogue radio wpa_supplicant's SA Query gets
#    no answer and it disconnects; cleared, the same injection is ignored.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init wpa3-faults
RL=$ROAMLAB_BIN/roamlab

set -- $(phys)
[ $# -ge 3 ] || fail "needs 3 radios, found $#"
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
for ifc in $(ls "/sys/class/ieee80211/$3/device/net"); do iw dev "$ifc" del; done
iw phy "$3" interface add mon0 type monitor || fail "cannot add a monitor interface on $3"
ip link set mon0 up
iw dev mon0 set channel 1 || fail "cannot tune mon0 to channel 1"
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")
PW=correcthorse
ok=0; n=0; failed=""
result() {
	n=$((n + 1))
	info "$(printf '%-20s %s' "$1" "$2")"
	if [ "$2" = ok ]; then ok=$((ok + 1)); else failed="$failed $1"; fi
}

# sta_fault NAME AP-SETTINGS GLOBALS PEER-REGEX: roamlab-sta with the fault
# armed from the start against hostapd
sta_fault() {
	local name=$1 apset=$2 globals=$3 want=$4 al sl res=ok
	al=$T/$name-ap.log; sl=$T/$name-sta.log
	local -a args=(ssid=lab-f wpa=2 rsn_pairwise=CCMP "wpa_passphrase=$PW" wpa_key_mgmt=SAE
		       ieee80211w=2)
	for kv in $apset; do args+=("$kv"); done
	hostapd_conf "$T/$name-ap.conf" "$apif" "${args[@]}"
	start_ap hostapd ap "$T/$name-ap.conf" "$al"
	rsta_conf "$T/$name-sta.conf" 'ssid="lab-f"' "psk=\"$PW\"" key_mgmt=SAE ieee80211w=2
	for kv in $globals; do sed -i "1i $kv" "$T/$name-sta.conf"; done
	printf 'fault %s\nconnect\nsleep 86400s\n' "$name" > "$T/$name-script.txt"
	start_rsta sta "$staif" "$T/$name-sta.conf" "$sl" "$T/$name-script.txt"
	if ! wait_log "$al" "$want" 20; then
		res="hostapd did not log /$want/"
	elif grep -q 'EVENT CONNECTED ' "$sl"; then
		res="connected with the fault armed"
	else
		rsta_ctl fault clear > /dev/null
		wait_log "$sl" 'EVENT CONNECTED .*auth=sae' 30 || res="no connection after fault clear"
	fi
	result "$name" "$res"
	stop_pid "$RSTA_PID"
	stop_pid "$AP_PID"
}

sta_fault sae-wrong-password "sae_groups=19" "sae_pwe=0" 'SAE: Confirm mismatch|confirm mismatch'
sta_fault sae-group-mismatch "sae_groups=19" "sae_pwe=0 sae_groups=19" 'SAE: Proposed group 21 not enabled in the current configuration'
sta_fault sae-pwe-mismatch "sae_pwe=1 sae_groups=19" "sae_pwe=1 sae_groups=19" 'SAE: Unexpected Status Code 0'

# pmksa-stale: roamlab-ap forgets the PMKSA wpa_supplicant names
al=$T/pmksa-ap.log; sl=$T/pmksa-sta.log
hostapd_conf "$T/pmksa-ap.conf" "$apif" ssid=lab-f wpa=2 rsn_pairwise=CCMP "wpa_passphrase=$PW" \
	wpa_key_mgmt=SAE ieee80211w=2 fault=pmksa-stale
start_ap roamlab-ap ap "$T/pmksa-ap.conf" "$al"
wpas_conf "$T/pmksa-sta.conf" lab-f "psk=\"$PW\"" key_mgmt=SAE ieee80211w=2
start_wpas sta "$staif" "$T/pmksa-sta.conf" "$sl"; wp=$WPAS_PID
res=ok
if ! wait_log "$sl" 'CTRL-EVENT-CONNECTED' 30; then
	res="no first connection"
else
	mark=$(log_mark "$sl")
	in_ns sta wpa_cli -p /run/wpa_supplicant -i "$staif" disconnect > /dev/null
	sleep 1
	in_ns sta wpa_cli -p /run/wpa_supplicant -i "$staif" reconnect > /dev/null
	if ! wait_log "$sl" 'status_code=53' 20; then
		res="no status 53 at wpa_supplicant ($(grep -c AP-PMKSA "$al") PMKSA events at the AP)"
	elif ! grep -q 'AP-FAULT .*fault=pmksa-stale' "$al"; then
		res="roamlab-ap: the fault did not fire"
	elif ! { sleep 5; [ "$(count_log "$sl" 'CTRL-EVENT-CONNECTED' "$mark")" -ge 1 ]; }; then
		res="wpa_supplicant did not connect again after the 53"
	fi
fi
result pmksa-stale "$res"
stop_pid "$wp"; sta_ap_stop roamlab-ap "$AP_PID" "$al"

# sa-query-no-reply: the SA Query after an unprotected deauth goes unanswered
al=$T/saq-ap.log; sl=$T/saq-sta.log
hostapd_conf "$T/saq-ap.conf" "$apif" ssid=lab-f wpa=2 rsn_pairwise=CCMP "wpa_passphrase=$PW" \
	wpa_key_mgmt=WPA-PSK ieee80211w=2 fault=sa-query-no-reply
start_ap roamlab-ap ap "$T/saq-ap.conf" "$al"
wpas_conf "$T/saq-sta.conf" lab-f "psk=\"$PW\"" key_mgmt=WPA-PSK ieee80211w=2
start_wpas sta "$staif" "$T/saq-sta.conf" "$sl"; wp=$WPAS_PID
res=ok
if ! wait_log "$sl" 'CTRL-EVENT-CONNECTED' 30; then
	res="no connection"
else
	mark=$(log_mark "$sl")
	"$RL" inject -i mon0 deauth -a "$bssid" -s "$smac" > "$T/saq-inject.txt" 2>&1
	if ! wait_log "$sl" 'SA Query timed out' 10; then
		res="wpa_supplicant did not time out its SA Query"
	elif ! grep -q 'AP-FAULT .*fault=sa-query-no-reply' "$al"; then
		res="roamlab-ap: the fault did not fire"
	else
		# cleared: after the reconnection the same injection is ignored
		wait_log "$sl" 'CTRL-EVENT-CONNECTED' 30 && sleep 1
		rlap_ctl ap "$T/saq-ap.conf" FAULT clear > /dev/null
		mark=$(log_mark "$sl")
		"$RL" inject -i mon0 deauth -a "$bssid" -s "$smac" >> "$T/saq-inject.txt" 2>&1
		sleep 3
		[ "$(count_log "$sl" 'CTRL-EVENT-DISCONNECTED' "$mark")" -eq 0 ] ||
			res="disconnected after the fault was cleared"
	fi
fi
result sa-query-no-reply "$res"
stop_pid "$wp"; sta_ap_stop roamlab-ap "$AP_PID" "$al"

[ -z "$failed" ] || fail "$ok/$n passed; failed:$failed"
pass "$ok/$n faults reproduced against the real peer and recovered when cleared"
