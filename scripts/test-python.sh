#!/usr/bin/env bash
# The Python package's tests: builds the CLI (the tests compare with it) and the extension
# (maturin, release) into a virtualenv with pytest, pyarrow, polars and pyspark, then runs pytest
# on the real lists. Spark needs java on the PATH (.ci/run installs a JRE when it is missing).
#
#   scripts/test-python.sh [PYTEST ARGS...]
#
# The virtualenv is $EMBARGO_PY_VENV (default target/python-venv), made on first use and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="${EMBARGO_PY_VENV:-$root/target/python-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "maturin>=1.5,<2" pytest "pyarrow>=14" "pyspark[sql]>=3.5" "pandas<3" polars
# One target directory for the CLI and the extension: the library crates are built once.
export CARGO_TARGET_DIR="$root/target"
cargo build --release -p embargo
(cd python && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --release --quiet)
export EMBARGO_BIN="$root/target/release/embargo"
export PYSPARK_PYTHON="$venv/bin/python"
cd python
"$venv/bin/python" -m pytest tests "$@"
