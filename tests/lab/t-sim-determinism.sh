#!/bin/bash
# vm: self
# timeout: 600
# sim-determinism: the same topology and seed give the same sequence of
# events (time-travel kernel). Runs lossy-handshake twice with seed 42, each
# in a fresh lab VM (ci/vm starts the virtual clock at a fixed time), and
# compares, per node and source (its control socket, the air, the lab), the
# sequence of events (name and text; pids and wall stamps inside texts
# vary; durations such as took_ms and *_us are masked in this comparison),
# the verdicts, and then the event times, which must agree within 2 ms
# (a few events move by a microsecond or two between runs). Events of
# different sources that carry the same virtual microsecond may interleave
# either way, so the merged order is not compared.
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
	(cd "$REPO" && ci/vm --out "$T" -- "$ROAMLAB_BIN/roamlab" run topologies/lossy-handshake.topo \
		--seed 42 --out "/mnt/roamlab-out/run$i") > "$T/run$i.txt" 2>&1
	norm "$T/run$i/events.jsonl" > "$T/ev$i.txt"
done
n=$(wc -l < "$T/ev1.txt")
[ "$n" -gt 10 ] || fail "only $n events in the first run"
diff -u "$T/ev1.txt" "$T/ev2.txt" > "$T/events.diff" ||
	fail "event sequences differ (see events.diff, $(grep -c '^[-+][^-+]' "$T/events.diff") lines)"
# outcome per expectation (ok/FAIL, line, what); details carry durations
for i in 1 2; do sed -E 's/: [^:]*$//' "$T/run$i/verdict.txt" > "$T/verdict$i.txt"; done
diff -u "$T/verdict1.txt" "$T/verdict2.txt" > "$T/verdict.diff" || fail "verdicts differ (verdict.diff)"
# ci/vm starts the virtual wall clock at a fixed time, so the event times
# repeat too: per node and source, the k-th events of both runs must lie
# within 2 ms of each other
python3 - "$T/run1/events.jsonl" "$T/run2/events.jsonl" > "$T/times.txt" <<'PY' ||
import json, sys
def load(p):
	seq = {}
	for l in open(p):
		e = json.loads(l)
		if e["src"] == "log":
			continue
		seq.setdefault((e["node"], e["src"]), []).append(e["t"])
	return seq
a, b = load(sys.argv[1]), load(sys.argv[2])
worst = max(abs(x - y) for k in a for x, y in zip(a[k], b.get(k, [])))
print("max_dt_ms=%.3f" % (worst * 1000))
sys.exit(0 if worst <= 0.002 else 1)
PY
	fail "event times differ by more than 2 ms: $(cat "$T/times.txt")"
pass "$n events in the same order with the same content, twice; times agree within $(sed 's/max_dt_ms=//' "$T/times.txt") ms"
