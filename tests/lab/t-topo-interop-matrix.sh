#!/bin/bash
# radios: 0
# timeout: 600
# topo-interop-matrix: runs topologies/interop-matrix.topo with roamlab run; passes only
# if every expectation in the file holds. The run's outputs (events.jsonl,
# capture.pcapng, timeline.svg, junit.xml, node logs) stay in the log dir.
. "$(dirname "$0")/lib.sh"
lab_init topo-interop-matrix

"$ROAMLAB_BIN/roamlab" run "$REPO/topologies/interop-matrix.topo" --out "$T" > "$T/run.txt" 2>&1
rc=$?
cat "$T/run.txt"
last=$(grep -E '^(PASS|FAIL) ' "$T/run.txt" | tail -1)
bad=$(grep -E '^  FAIL ' "$T/run.txt" | head -3 | sed 's/^  FAIL //' | tr '\n' ';')
[ $rc -eq 0 ] && [ "${last%% *}" = PASS ] || fail "roamlab run exited $rc: ${bad:-$last}"
pass "$(grep -cE '^  ok ' "$T/run.txt") expectations met"
