#!/usr/bin/env bash
# Runs the crate beside the peer engines of ../shared/peers (issue 7) and compares them.
#
#   scripts/peers.sh [SIZES...]        default: tiny small medium ("large" too if asked:
#                                      about 17 s to generate; run it under nohup)
#
# From a checkout of the crate, with ../shared/peers beside it:
#   1. copies the peers folder to $PEERS_RUN (default /tmp/peers-run), so nothing is written
#      into the shared folder;
#   2. pip install networkx clingo==5.8.3 (skipped when both import), and ./build.sh there
#      (the ascent peer, into $PEERS_RUN/ascent/target);
#   3. builds examples/peers_adapter (cargo build --release --features synthetic);
#   4. generates the sizes with the peers' gen/generate.py (default seed);
#   5. runs nx, ascent, clingo and the adapter on the hand fixture and compares the adapter
#      with the hand-derived expected rows;
#   6. runs bench.py on the sizes (nx, ascent, clingo, and the crate on one thread
#      (allegiance, `clashes_on`) and on two (allegiance-2t, `clashes_on_threads`), its
#      scenario built entry by entry, and on one and two threads built through the whole
#      file form (allegiance-ff, allegiance-ff-2t); 3 runs each, 1 for large; limits 600 s
#      and 20 GiB), then compare.py against nx and table.py.
# Output: $PEERS_RUN/logs/{bench.out,bench.jsonl,compare.txt,table.md}, and the rows in
# $PEERS_RUN/out/ENGINE/SIZE/. The adapter also writes extra_wd_indirect.tsv (see its doc).
# Environment: PEERS (default ../shared/peers from the checkout), PEERS_RUN, REPS (3).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/peers}"
RUN="${PEERS_RUN:-/tmp/peers-run}"
REPS="${REPS:-3}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(tiny small medium)

if [ ! -d "$RUN" ]; then
  cp -r "$PEERS" "$RUN"
fi
# From /, and asking for clingo's Control: run from the peers' folder, `import clingo` finds
# their clingo/ directory as a namespace package and passes without the module.
(cd / && python3 -c 'import networkx; from clingo import Control') 2>/dev/null ||
  pip install networkx clingo==5.8.3
export CARGO_TARGET_DIR="$RUN/ascent/target"
"$RUN/build.sh"
unset CARGO_TARGET_DIR
(cd "$ROOT" && cargo build --release --features synthetic --example peers_adapter)
ADAPTER="$ROOT/target/release/examples/peers_adapter"
export CARGO_TARGET_DIR="$RUN/ascent/target"

cd "$RUN"
mkdir -p logs
for s in "${SIZES[@]}"; do
  [ -f "data/$s/meta.json" ] || python3 gen/generate.py "$s" "data/$s"
done

# The hand fixture: every engine, then the adapter, against the hand-derived rows.
for e in nx ascent clingo; do ./run_engine.sh "$e" fixtures/hand "out/$e/hand" 2>/dev/null; done
"$ADAPTER" fixtures/hand out/allegiance/hand
rm -rf out/expected/hand; mkdir -p out/expected; cp -r fixtures/hand/expected out/expected/hand
python3 compare.py --ref expected hand | tee logs/compare.txt || true

IFS=,; LIST="${SIZES[*]}"; unset IFS
python3 bench.py --engines nx,ascent,clingo --sizes "$LIST" --reps "$REPS" --keep-going \
  --cmd "allegiance=$ADAPTER {data} {out}" \
  --cmd "allegiance-2t=env PEERS_ADAPTER_THREADS=2 $ADAPTER {data} {out}" \
  --cmd "allegiance-ff=env PEERS_ADAPTER_FILE_FORM=1 $ADAPTER {data} {out}" \
  --cmd "allegiance-ff-2t=env PEERS_ADAPTER_FILE_FORM=1 PEERS_ADAPTER_THREADS=2 $ADAPTER {data} {out}" \
  > logs/bench.out 2>&1 || true
python3 compare.py "${SIZES[@]}" | tee -a logs/compare.txt || true
python3 table.py | tee logs/table.md
