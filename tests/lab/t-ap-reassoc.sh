#!/bin/bash
# radios: 2
# timeout: 600
# ap-reassoc: a station the AP already knows comes back. Debian
# wpa_supplicant, connected with wpa=1 TKIP+CCMP (the 2009 report's
# settings), is told "roam <same bssid>" (new Authentication, then a
# Reassociation Request naming the current AP) and "reassociate", ROUNDS times
# each. Every time the AP must restart the station cleanly: a fresh 4-way
# (and, WPA1, group) handshake with no invalid MIC, the client CONNECTED
# again, and ping across the link. Same config under Debian hostapd and
# roamlab-ap; prints the reconnect times (client Associated -> CONNECTED).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-reassoc
ROUNDS=${ROAMLAB_AP_REASSOC_ROUNDS:-3}

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")

hostapd_conf "$T/ap.conf" "$apif" ssid=roaming wpa=1 wpa_key_mgmt=WPA-PSK \
	"wpa_pairwise=TKIP CCMP" wpa_passphrase=bonewish
wpas_conf "$T/sta.conf" roaming 'psk="bonewish"' key_mgmt=WPA-PSK proto=WPA \
	"pairwise=CCMP TKIP" group=TKIP
wcli() { in_ns sta wpa_cli -p /run/wpa_supplicant -i "$staif" "$@"; }

res=""; rows=""
for impl in $AP_IMPLS; do
	alog=$T/$impl.log; wlog=$T/$impl-sta.log
	start_ap "$impl" ap "$T/ap.conf" "$alog"
	start_wpas sta "$staif" "$T/sta.conf" "$wlog"
	bad=""; times=""; n=0
	wait_log "$wlog" CTRL-EVENT-CONNECTED 30 || bad="; first connection failed ($(last_ctrl_event "$wlog"))"
	for i in $(seq 1 "$ROUNDS"); do
		[ -n "$bad" ] && break
		for how in roam reassociate; do
			mark=$(log_mark "$wlog")
			if [ $how = roam ]; then
				out=$(wcli roam "$bssid")
			else
				out=$(wcli reassociate)
			fi
			[ "$out" = OK ] || { bad="$bad; wpa_cli $how said '$out'"; break; }
			if ! wait_log "$wlog" 'CTRL-EVENT-CONNECTED|CTRL-EVENT-SSID-TEMP-DISABLED' 30 "$mark" ||
				[[ $WAIT_LINE != *CONNECTED* ]]; then
				bad="$bad; $how $i: not reconnected ($(last_ctrl_event "$wlog"))"
				break
			fi
			tail -n +$((mark + 1)) "$wlog" > "$T/round.log"
			t=$(sta_assoc_conn_ms "$T/round.log")
			times="$times $t"; n=$((n + 1))
			ping_ok sta 198.18.0.1 2 || { bad="$bad; $how $i: no ping after reconnecting"; break; }
		done
	done
	nre=$(grep -cE "STA $smac IEEE 802.11: (re)?associated" "$alog")
	nmic=$(grep -c "invalid MIC" "$alog")
	[ "$nmic" = 0 ] || bad="$bad; $nmic invalid MIC lines in the AP log"
	[ "$nre" -ge $((2 * ROUNDS + 1)) ] || bad="$bad; the AP logged only $nre (re)associations"
	if [ "$impl" = roamlab-ap ]; then
		nrs=$(grep -cE "EVENT AP-STA-ASSOCIATED sta=$smac .*reassoc=1" "$alog")
		[ "$nrs" -ge 1 ] || bad="$bad; no Reassociation Request reached roamlab-ap"
		ndone=$(grep -c "EVENT AP-HS-DONE sta=$smac" "$alog")
		[ "$ndone" -ge $((2 * ROUNDS + 1)) ] || bad="$bad; only $ndone handshakes done"
	fi
	stop_pid "$WPAS_PID"
	stop_pid "$AP_PID"
	row="$impl: $n/$((2 * ROUNDS)) reconnects, as->conn $(stats "$times")"
	info "$row${bad:+ - PROBLEMS$bad}"
	rows="$rows $row;"
	[ -n "$bad" ] && res="$res [$impl]$bad"
done
[ -z "$res" ] || fail "${res# }"
pass "${rows# }"
