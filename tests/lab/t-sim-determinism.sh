#!/bin/bash
# radios: 0
# sim-determinism: the same topology and seed give the same sequence of
# events (time-travel kernel). Runs lossy-handshake twice with seed 42 and
# compares, per node and source (its control socket, the air, the lab), the
# sequence of events (name and text; pids and wall stamps inside texts
# vary; durations such as took_ms and *_us are masked, see the note in
# the run's report: they do differ between runs), and the verdicts. Events of different sources that carry the same
# virtual microsecond may interleave either way, so the merged order is not
# compared.
. "$(dirname "$0")/lib.sh"
lab_init sim-determinism

norm() {
	# drop pids, wall-clock stamps and the t field; keep order and content
	sed -E 's/"t":[0-9.]+,//; s/pid=[0-9]+//g; s/[0-9]{9,}\.[0-9]+//g' "$1" |
		sed -E 's/(took_ms|gap_ms|[a-z_]+_us)=[0-9.]+/\1=N/g' |
		grep -v '"src":"log"' |
		sed -E 's/^(\{"node":"[^"]*","src":"[^"]*")/\1\t&/' | sort -s -t "$(printf '\t')" -k1,1 |
		cut -f2-
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
# outcome per expectation (ok/FAIL, line, what); details carry durations
for i in 1 2; do sed -E 's/: [^:]*$//' "$T/run$i/verdict.txt" > "$T/verdict$i.txt"; done
diff -u "$T/verdict1.txt" "$T/verdict2.txt" > "$T/verdict.diff" || fail "verdicts differ (verdict.diff)"
pass "$n events in the same order with the same content, twice"
