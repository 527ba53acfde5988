#!/bin/bash
# radios: 2
# wpa2-psk-ccmp: Debian hostapd (wpa=2, CCMP) in one netns and Debian
# wpa_supplicant in another; connect, then ping across the wireless link.
. "$(dirname "$0")/lib.sh"
lab_init wpa2-psk-ccmp

set -- $(phys)
netns_add ap; netns_add sta
apif=$(phy_to_netns "$1" ap)
staif=$(phy_to_netns "$2" sta)

hostapd_conf "$T/hostapd.conf" "$apif" ssid=lab-wpa2 wpa=2 wpa_key_mgmt=WPA-PSK \
	rsn_pairwise=CCMP wpa_passphrase=correcthorse
cat > "$T/wpa_supplicant.conf" <<CONF
ctrl_interface=/run/wpa_supplicant-sta
network={
	ssid="lab-wpa2"
	psk="correcthorse"
	key_mgmt=WPA-PSK
	proto=RSN
	pairwise=CCMP
}
CONF
start_hostapd ap "$T/hostapd.conf" "$T/hostapd.log"
in_ns ap ip addr add 198.18.0.1/24 dev "$apif"
in_ns sta ip addr add 198.18.0.2/24 dev "$staif"
start_wpas sta "$staif" "$T/wpa_supplicant.conf" "$T/wpa_supplicant.log"
wait_log "$T/wpa_supplicant.log" 'CTRL-EVENT-CONNECTED' 20 ||
	fail "wpa_supplicant did not connect ($(grep -m1 -oE 'CTRL-EVENT-[A-Z-]+.*' "$T/wpa_supplicant.log" | tail -1))"
grep -q 'pairwise_cipher=CCMP\|WPA: Key negotiation completed with .* \[PTK=CCMP GTK=CCMP\]' "$T/wpa_supplicant.log" ||
	fail "connected, but not with CCMP/CCMP"
ping_ok sta 198.18.0.1 5 || fail "connected but ping across the link failed"
in_ns sta ping -n -c 20 -i 0.05 198.18.0.1 > "$T/ping.txt" 2>&1
loss=$(grep -oE '[0-9.]+% packet loss' "$T/ping.txt")
pass "connected with CCMP, ping 20 packets: $loss"
