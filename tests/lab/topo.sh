#!/bin/bash
# tests/lab/topo.sh FILE.topo: one topology as a lab test (topo-NAME). It
# runs `roamlab run` on the file and passes only if every expectation in it
# holds. The run's outputs (events.jsonl, capture.pcapng, keylog.txt,
# timeline.svg, junit.xml, node logs) stay in the test's log directory.
# tests/lab/run makes every topologies/*.topo such a test; a file may set the
# wall-clock limit with a comment line "# lab-timeout: S".
. "$(dirname "$0")/lib.sh"
topo=$1
lab_init "topo-$(basename "$topo" .topo)"
[ -f "$topo" ] || fail "no topology file $topo"

"$ROAMLAB_BIN/roamlab" run "$topo" --out "$T" > "$T/run.txt" 2>&1
rc=$?
cat "$T/run.txt"
last=$(grep -E '^(PASS|FAIL) ' "$T/run.txt" | tail -1)
bad=$(grep -E '^  FAIL ' "$T/run.txt" | head -3 | sed 's/^  FAIL //' | tr '\n' ';')
[ $rc -eq 0 ] && [ "${last%% *}" = PASS ] || fail "roamlab run exited $rc: ${bad:-$last}"
pass "$(grep -cE '^  ok ' "$T/run.txt") expectations met"
