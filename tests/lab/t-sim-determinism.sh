#!/bin/bash
# radios: 0
# sim-determinism: the same topology and seed give the same sequence of
# events (time-travel kernel). Runs lossy-handshake twice with seed 42 and
# compares the event sequences (node, source, name, text; times excluded as
# daemon pids and wall timestamps inside texts vary) and the verdicts.
. "$(dirname "$0")/lib.sh"
lab_init sim-determinism

norm() {
	# drop pids, wall-clock stamps and the t field; keep order and content
	sed -E 's/"t":[0-9.]+,//; s/pid=[0-9]+//g; s/[0-9]{9,}\.[0-9]+//g' "$1" |
		grep -v '"src":"log"'
}
for i in 1 2; do
	"$ROAMLAB_BIN/roamlab" run "$REPO/topologies/lossy-handshake.topo" --seed 42 \
		--out "$T/run$i" > "$T/run$i.txt" 2>&1
	norm "$T/run$i/events.jsonl" > "$T/ev$i.txt"
done
n=$(wc -l < "$T/ev1.txt")
[ "$n" -gt 10 ] || fail "only $n events in the first run"
diff -u "$T/ev1.txt" "$T/ev2.txt" > "$T/events.diff" ||
	fail "event sequences differ (see events.diff, $(grep -c '^[-+][^-+]' "$T/events.diff") lines)"
diff -q "$T/run1/verdict.txt" "$T/run2/verdict.txt" >/dev/null || fail "verdicts differ"
pass "$n events in the same order with the same content, twice"
