#!/bin/bash
# radios: 3
# timeout: 900
# sta-seed-failure: the seed's failure on purpose. roamlab-sta is on ap1;
# with fault F armed, ap2 starts and ap1 stops; the new AP must log "invalid
# MIC in msg 2/4 of 4-Way Handshake" for every msg 2/4 it gets (one per msg
# 1/4 it sends, at least 2) and then "EAPOL-Key timeout", as in the 2009 log.
# Then the fault is cleared and the next roam must succeed (data flows).
# For F in stale-aa, wrong-psk, stale-anonce; with Debian's hostapd and
# with roamlab-ap (ROAMLAB_STA_APS), on the same hostapd.conf.
#  hostapd logs "EAPOL-Key timeout" after every try and gives up with
#  "PTKSTART: Retry limit N reached".
#  roamlab-ap logs one "diagnosis:" line after every invalid MIC and one
#  "EAPOL-Key timeout" when it gives up (then deauth, reason 15):
#   stale-aa: "STA derived the PTK with BSSID <previous AP> (stale AA: it
#     kept the previous AP's address)" every time; roamlab-ap knows the
#     previous AP from the Reassociation Request's Current AP field.
#   wrong-psk: "no known cause" every time (no other PSK is configured).
#   wrong-psk <PMK of another passphrase> against an AP whose config has
#     that passphrase too (wpa_psk= its own PSK, wpa_passphrase= the other):
#     "STA used another configured PSK (wpa_passphrase at line N)" every
#     time (roamlab-ap only: a fourth step, "wrong-psk=other").
#   stale-anonce: the STA answers with the ANonce of its previous
#     handshake, which was the old AP's: roamlab-ap never sent it and can
#     only say "no known cause". With roamlab-ap's anonce-per-resend knob
#     (armed here through its control socket) each resent 1/4 carries a new
#     ANonce and the STA answers the one before: "STA answered an earlier
#     msg 1/4" for every try after the first.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sta/lib-sta.sh"
lab_init sta-seed-failure

seed_setup
# for wrong-psk=other: each AP's own PSK as wpa_psk, plus another passphrase
pmk_of() { wpa_passphrase "$1" "$2" | sed -n 's/^[[:space:]]*psk=//p'; }
OWN_PMK=$(pmk_of roaming bonewish)
OTHER_PMK=$(pmk_of roaming guestpassword)
[ ${#OWN_PMK} = 64 ] && [ ${#OTHER_PMK} = 64 ] || fail "wpa_passphrase gave no PMK"
for n in 1 2; do
	ifc=$(eval echo "\$if$n")
	hostapd_conf "$T/ap$n-other.conf" "$ifc" ssid=roaming bridge=br-ap \
		wpa=1 wpa_psk=$OWN_PMK wpa_passphrase=guestpassword wpa_key_mgmt=WPA-PSK \
		"wpa_pairwise=TKIP CCMP"
done
rsta_conf "$T/sta.conf" 'ssid="roaming"' 'psk="bonewish"' proto=WPA 'pairwise=CCMP TKIP'

# check_diag F LOG OLD_BSSID: roamlab-ap's diagnosis lines in LOG (one per
# invalid MIC) are the ones fault F must produce; prints a summary
check_diag() {
	local f=$1 fl=$2 old=$3 want first rest n i=0 line
	case "$f" in
	stale-aa)
		first="diagnosis: STA derived the PTK with BSSID $old (stale AA: it kept the previous AP's address)"
		rest=$first ;;
	wrong-psk)
		first="diagnosis: no known cause"
		rest=$first ;;
	wrong-psk=other)
		first="diagnosis: STA used another configured PSK (wpa_passphrase at line $OTHER_LINE): its passphrase differs from this AP's"
		rest=$first ;;
	stale-anonce)
		first="diagnosis: no known cause"
		rest="diagnosis: STA answered an earlier msg 1/4 (stale ANonce, 1 back): its PTK uses an old ANonce" ;;
	esac
	n=$(count_log "$fl" 'WPA: diagnosis: ')
	[ "$n" = "$(count_log "$fl" 'invalid MIC in msg 2/4 of 4-Way Handshake')" ] ||
		fail "roamlab-ap $f: $n diagnosis lines for $(count_log "$fl" 'invalid MIC in msg 2/4') invalid MICs"
	while IFS= read -r line; do
		want=$rest; [ $i = 0 ] && want=$first
		[[ $line == *"WPA: $want" ]] ||
			fail "roamlab-ap $f: diagnosis $((i + 1)) is '${line#*WPA: }', want '$want'"
		i=$((i + 1))
	done < <(grep 'WPA: diagnosis: ' "$fl")
	if [ "$first" = "$rest" ]; then
		DIAG_SUMMARY="$n x '$first'"
	else
		DIAG_SUMMARY="1 x '$first', then $((n - 1)) x '$rest'"
	fi
}

results=""
first_run=1
for impl in $STA_APS; do
	[ $first_run = 1 ] || sleep 31	# the STA's kernel forgets the BSSes
	first_run=0
	declare -A apid=() alog=()
	L=$T/$impl-roamlab-sta.log
	alog[1]=$T/$impl-ap1-0.log
	sta_ap_start "$impl" ap1 "$T/ap1.conf" "${alog[1]}"
	apid[1]=$AP_PID
	start_rsta sta1 "$staif" "$T/sta.conf" "$L"
	wait_log "$L" "^EVENT CONNECTED .*bssid=${bssid[1]}" 30 || fail "$impl: no initial connection to ap1"
	cur=1; res=""
	faults="stale-aa wrong-psk stale-anonce"
	[ "$impl" = roamlab-ap ] && faults="$faults wrong-psk=other"
	for f in $faults; do
		nxt=$((3 - cur))
		hl=$T/$impl-$f-ap$nxt.log
		alog[$nxt]=$hl
		conf=$T/ap$nxt.conf
		fcmd=(fault "$f")
		if [ "$f" = wrong-psk=other ]; then
			conf=$T/ap$nxt-other.conf
			OTHER_LINE=$(grep -n '^wpa_passphrase=' "$conf" | cut -d: -f1)
			fcmd=(fault wrong-psk "$OTHER_PMK")
		fi
		sta_ap_start "$impl" "ap$nxt" "$conf" "$hl"
		apid[$nxt]=$AP_PID
		if [ "$impl" = roamlab-ap ] && [ "$f" = stale-anonce ]; then
			rlap_ctl "ap$nxt" "$T/ap$nxt.conf" FAULT anonce-per-resend > /dev/null ||
				fail "roamlab-ap refused FAULT anonce-per-resend"
		fi
		rsta_ctl "${fcmd[@]}" > /dev/null || fail "fault $f refused"
		mark=$(log_mark "$L")
		sta_ap_stop "$impl" "${apid[$cur]}" "${alog[$cur]}"
		# judge the new AP's log up to where it gives up this STA
		case "$impl" in
		hostapd) endre='PTKSTART: Retry limit [0-9]+ reached' ;;
		roamlab-ap) endre='WPA: EAPOL-Key timeout \(.*retry limit reached' ;;
		esac
		wait_log "$hl" "$endre" 30 ||
			fail "$impl $f: ap$nxt never gave up the 4-way handshake (no '$endre')"
		end=$(grep -nE "$endre" "$hl" | head -1 | cut -d: -f1)
		fl=$T/$impl-$f-ap$nxt-first.log
		head -n "$end" "$hl" > "$fl"
		mic=$(count_log "$fl" 'invalid MIC in msg 2/4 of 4-Way Handshake')
		m2=$(count_log "$fl" 'received EAPOL-Key frame \(2/4 Pairwise\)')
		m1=$(count_log "$fl" 'sending 1/4 msg of 4-Way Handshake')
		tmo=$(count_log "$fl" 'WPA: EAPOL-Key timeout')
		[ "$mic" -ge 2 ] || fail "$impl $f: expected an invalid MIC on every try, got $mic"
		[ "$mic" = "$m2" ] || fail "$impl $f: $m2 msg 2/4 received but $mic invalid MIC lines"
		[ "$m2" = "$m1" ] || fail "$impl $f: $m1 msg 1/4 sent but $m2 msg 2/4 received"
		[ "$tmo" -ge 1 ] || fail "$impl $f: no 'EAPOL-Key timeout' before giving up"
		what="$m1 x 1/4, $mic x 'invalid MIC in msg 2/4', $tmo x 'EAPOL-Key timeout'"
		if [ "$impl" = roamlab-ap ]; then
			check_diag "$f" "$fl" "${bssid[$cur]}"
			what="$what, diagnosis $DIAG_SUMMARY"
			wait_log "$hl" 'requesting deauthentication \(reason 15\)' 10 "$((end - 1))" ||
				fail "roamlab-ap $f: no deauthentication (reason 15) after the timeout"
		fi
		count_log "$L" "^EVENT CONNECTED .*bssid=${bssid[$nxt]}" "$mark" | grep -qx 0 ||
			fail "$impl $f: connected although the fault was armed"
		rsta_ctl fault clear > /dev/null || fail "fault clear refused"
		wait_log "$L" "^EVENT CONNECTED .*bssid=${bssid[$nxt]}" 30 "$mark" ||
			fail "$impl $f: no successful roam to ap$nxt after fault clear"
		ping_ok sta1 $DS_SERVER 3 || fail "$impl $f: no data through ap$nxt after the fault was cleared"
		info "$impl $f: ap$nxt: $what; after fault clear: connected, data flows"
		res="$res $f:${mic}xMIC"
		cur=$nxt
	done
	stop_pid "$RSTA_PID"
	sta_ap_stop "$impl" "${apid[$cur]}" "${alog[$cur]}"
	results="$results $impl:$res;"
done
pass "the new AP logs the seed failure for each fault and the STA recovers after fault clear:${results%;}"
