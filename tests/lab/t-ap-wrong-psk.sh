#!/bin/bash
# radios: 2
# timeout: 600
# ap-wrong-psk: a Debian wpa_supplicant client with the wrong passphrase.
# The AP config has the PSK in use (wpa_psk, which wins, as in hostapd) and a
# second, older one (wpa_passphrase) that the client still has. Under
# roamlab-ap the log must show "invalid MIC in msg 2/4 of 4-Way Handshake",
# the diagnosis that the STA used the other configured PSK (naming its line),
# then the EAPOL-Key timeout, and the client must see a deauthentication
# from the AP. The same file runs under Debian hostapd, which must log the
# same invalid MIC and timeout (it has no diagnosis).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ap/lib.sh"
lab_init ap-wrong-psk

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)
bssid=$(in_ns ap cat "/sys/class/net/$apif/address")
smac=$(in_ns sta cat "/sys/class/net/$staif/address")

SSID=lab-psk
# the PSK in use, for passphrase "rightpassword"
psk=$(wpa_passphrase "$SSID" rightpassword | sed -n 's/^[[:space:]]*psk=\([0-9a-f]\{64\}\)$/\1/p')
[ ${#psk} = 64 ] || fail "wpa_passphrase did not give a PSK"
hostapd_conf "$T/ap.conf" "$apif" "ssid=$SSID" wpa=2 wpa_key_mgmt=WPA-PSK rsn_pairwise=CCMP \
	wpa_passphrase=guestpassword "wpa_psk=$psk"
oldline=$(grep -n '^wpa_passphrase=' "$T/ap.conf" | cut -d: -f1)
wpas_conf "$T/sta.conf" "$SSID" 'psk="guestpassword"' key_mgmt=WPA-PSK proto=RSN \
	pairwise=CCMP group=CCMP

res=""; summary=""
for impl in $AP_IMPLS; do
	alog=$T/$impl.log; wlog=$T/$impl-sta.log
	start_ap "$impl" ap "$T/ap.conf" "$alog"
	start_wpas sta "$staif" "$T/sta.conf" "$wlog"
	bad=""
	# the AP gives up after its retries and deauthenticates the client
	wait_log "$wlog" "CTRL-EVENT-DISCONNECTED bssid=$bssid reason=[0-9]+" 60 ||
		bad="$bad; client saw no deauthentication ($(last_ctrl_event "$wlog"))"
	reason=$(echo "$WAIT_LINE" | grep -oE 'reason=[0-9]+' | cut -d= -f2)
	[[ $WAIT_LINE == *locally_generated=1* ]] && bad="$bad; the disconnect was the client's own"
	stop_pid "$WPAS_PID"
	stop_pid "$AP_PID"
	grep -q "STA $smac WPA: invalid MIC in msg 2/4 of 4-Way Handshake" "$alog" ||
		bad="$bad; no 'invalid MIC in msg 2/4' in the log"
	grep -qE "STA $smac WPA: EAPOL-Key timeout" "$alog" || bad="$bad; no 'EAPOL-Key timeout'"
	nmic=$(grep -c "STA $smac WPA: invalid MIC in msg 2/4" "$alog")
	case "$impl" in
	roamlab-ap)
		diag=$(grep -m1 -oE "EVENT AP-HS-DIAGNOSIS sta=$smac text=\".*\"" "$alog")
		[[ $diag == *"another configured PSK (wpa_passphrase at line $oldline)"* ]] ||
			bad="$bad; diagnosis was '${diag:-none}', expected another PSK at line $oldline"
		grep -qE "EVENT AP-HS-FAILED sta=$smac reason=timeout" "$alog" ||
			bad="$bad; no AP-HS-FAILED reason=timeout event"
		grep -qE "EVENT AP-STA-LEFT sta=$smac reason=[0-9]+ by=ap frame=deauth" "$alog" ||
			bad="$bad; no deauthentication sent (AP-STA-LEFT by=ap)"
		# the order: invalid MIC, diagnosis, timeout, deauth
		order=$(grep -oE "invalid MIC in msg 2/4|EVENT AP-HS-DIAGNOSIS|EAPOL-Key timeout|EVENT AP-STA-LEFT" "$alog" |
			uniq | tr '\n' '|')
		[[ $order == "invalid MIC in msg 2/4|EVENT AP-HS-DIAGNOSIS|"*"EAPOL-Key timeout|EVENT AP-STA-LEFT|"* ]] ||
			bad="$bad; unexpected order of events: $order"
		;;
	hostapd) ;;
	esac
	info "$impl: invalid MIC x$nmic, client deauthenticated with reason ${reason:-?}${bad:+ - PROBLEMS$bad}"
	summary="$summary $impl: ${nmic}x invalid MIC, deauth reason ${reason:-?};"
	[ -n "$bad" ] && res="$res [$impl]${bad}"
	[ "$impl" = roamlab-ap ] && [ -n "${diag:-}" ] && info "roamlab-ap ${diag#EVENT }"
done
[ -z "$res" ] || fail "${res# }"
pass "${summary# }${diag:+ roamlab-ap diagnosed: ${diag#*text=}}"
