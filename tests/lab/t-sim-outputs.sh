#!/bin/bash
# radios: 0
# timeout: 600
# sim-outputs: every output of `roamlab run` is checked by an independent
# reader: events.jsonl and junit.xml parse (python3), capture.pcapng is read
# by tshark with radiotap signal and frequency on every frame and all four
# EAPOL messages present, the keylog lets tshark decrypt the pings (so the
# keys and the capture agree), and timeline.svg is well-formed XML with one
# signal curve per AP and a roam mark.
. "$(dirname "$0")/lib.sh"
lab_init sim-outputs
command -v tshark >/dev/null || fail "tshark is not installed (ci/deps installs it)"
command -v python3 >/dev/null || fail "python3 is not installed"

cat > "$T/outputs.topo" <<'TOPO'
# a short walk between two APs with pings, for the output checks
medium model=log-distance exponent=3 ref_loss=40 seed=11
ap  ap1 pos=0,0  ssid=outputs channel=1 wpa=2 wpa_passphrase=readthecapture rsn_pairwise=CCMP
ap  ap2 pos=30,0 ssid=outputs channel=1 wpa=2 wpa_passphrase=readthecapture rsn_pairwise=CCMP
sta sta1 pos=2,0 ssid=outputs psk=readthecapture proto=RSN set.roam_threshold=-55 set.roam_hysteresis=1 set.bgscan_ms=300 set.auto_connect=1
ping sta1 server
at 0s   expect sta1 connected ap1 within 15s
at +1s  walk sta1 to 28,0 speed 5
at +7s  expect sta1 connected ap2 within 2s
at +1s  log done
expect sta1 roams >= 1
TOPO
R=$T/run
"$ROAMLAB_BIN/roamlab" run "$T/outputs.topo" --out "$R" > "$T/run.txt" 2>&1 ||
	fail "roamlab run failed: $(grep -E '^  FAIL|^FAIL' "$T/run.txt" | head -2 | tr '\n' ' ')"
for f in events.jsonl junit.xml capture.pcapng keylog.txt timeline.svg; do
	[ -s "$R/$f" ] || fail "$f is missing or empty"
done

python3 - "$R" <<'PY' > "$T/py.txt" 2>&1 || fail "python3 checks: $(tail -1 "$T/py.txt")"
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
ev = [json.loads(l) for l in open(d + "/events.jsonl") if l.strip()]
assert len(ev) > 10, "too few events"
ts = [e["t"] for e in ev]
assert ts == sorted(ts), "events.jsonl is not on one ordered clock"
nodes = {e["node"] for e in ev}
assert {"ap1", "ap2", "sta1"} <= nodes, "events missing from a node: %s" % nodes
j = ET.parse(d + "/junit.xml").getroot()
cases = j.findall(".//testcase")
assert len(cases) >= 3 and not j.findall(".//failure"), "junit: %d cases" % len(cases)
svg = ET.parse(d + "/timeline.svg").getroot()
text = open(d + "/timeline.svg").read()
curves = [e for e in svg.iter() if e.tag.endswith("polyline") or e.tag.endswith("path")]
assert len(curves) >= 2, "timeline.svg has %d curves" % len(curves)
assert "roam" in text, "timeline.svg shows no roam"
print("events=%d nodes=%d junit_cases=%d svg_curves=%d" % (len(ev), len(nodes), len(cases), len(curves)))
PY

ts() { HOME=$T/ws tshark "$@" 2>/dev/null; }
frames=$(ts -r "$R/capture.pcapng" | wc -l)
[ "$frames" -gt 100 ] || fail "tshark read only $frames frames"
nosig=$(ts -r "$R/capture.pcapng" -T fields -e radiotap.dbm_antsignal -e wlan_radio.frequency |
	awk -F'\t' '$1 == "" || $2 == "" { n++ } END { print n + 0 }')
[ "$nosig" = 0 ] || fail "$nosig of $frames frames lack radiotap signal or frequency"
m=$(ts -r "$R/capture.pcapng" -Y eapol | grep -oE 'Message [1-4] of 4' | sort -u | wc -l)
[ "$m" = 4 ] || fail "capture shows $m of the 4 EAPOL-Key messages"
plain=$(ts -r "$R/capture.pcapng" -Y icmp | wc -l)
mkdir -p "$T/ws/.config/wireshark"
grep -v '^#' "$R/keylog.txt" > "$T/ws/.config/wireshark/80211_keys"
dec=$(ts -o wlan.enable_decryption:TRUE -r "$R/capture.pcapng" -Y icmp | wc -l)
[ "$plain" = 0 ] || fail "$plain ICMP frames readable without keys: the link was not encrypted"
[ "$dec" -gt 10 ] || fail "with keylog.txt tshark decrypted only $dec ICMP frames"
pass "$frames frames with radiotap signal+freq, 4/4 EAPOL msgs, $dec pings decrypted with the keylog; $(cat "$T/py.txt")"
