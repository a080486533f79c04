#!/usr/bin/env bash
# Batch screening benchmark: screens 100,000 and then 1,000,000 generated records against every
# list in ../shared/data/lists, one process per size, and prints records/s and peak memory
# (VmHWM) for each, to show that memory stays flat as the input grows.
#
#   scripts/bench-batch.sh [SIZE...]        (default: 100000 1000000)
#
# The store, the generated inputs and the outputs go to $EMBARGO_BENCH_WORK
# (default: /tmp/embargo-bench) and are reused across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${EMBARGO_BENCH_WORK:-/tmp/embargo-bench}"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(100000 1000000)
fi
cargo build --release -p embargo-batch --example bench_batch
for n in "${sizes[@]}"; do
  echo "== $n records"
  rm -f "$work/hits-$n.csv" "$work/hits-$n.csv".*
  target/release/examples/bench_batch --records "$n" --work "$work"
done
