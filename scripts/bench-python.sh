#!/usr/bin/env bash
# Python and Spark throughput: the CLI batch, Screener.screen_arrow and embargo.spark.screen on
# Spark local[2], on the same generated records (crates/batch/examples/bench_batch.rs, which also
# imports every list of ../shared/data/lists and screens them once) and the same snapshot file.
#
#   scripts/bench-python.sh [RECORDS]      (default 1000000)
#
# Work files go to $EMBARGO_BENCH_WORK (default /tmp/embargo-bench) and are reused; the venv is
# that of scripts/test-python.sh ($EMBARGO_PY_VENV, default target/python-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
records="${1:-1000000}"
work="${EMBARGO_BENCH_WORK:-/tmp/embargo-bench}"
venv="${EMBARGO_PY_VENV:-$root/target/python-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "maturin>=1.5,<2" "pyarrow>=14" "pyspark[sql]>=3.5" "pandas<3"
export CARGO_TARGET_DIR="$root/target"
cargo build --release -p embargo -p embargo-batch --example bench_batch
(cd python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --release --quiet)
if [ ! -f "$work/records-$records.csv" ]; then
  rm -f "$work/hits-$records.csv" "$work/hits-$records.csv".*
  target/release/examples/bench_batch --records "$records" --work "$work"
fi
target/release/embargo --data-dir "$work/store" snapshot export "$work/lists.embargo"
export PYSPARK_PYTHON="$venv/bin/python"
"$venv/bin/python" python/bench/bench_scale.py --records "$work/records-$records.csv" \
  --snapshot "$work/lists.embargo" --embargo-bin target/release/embargo
