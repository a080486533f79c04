#!/usr/bin/env bash
# HTTP server load benchmark on loopback: builds release, imports the shared lists (UN, UK OFSI,
# OFAC SDN and Consolidated) into a bench data directory, creates an API key, starts
# `embargo serve` and runs the load generator (crates/server/examples/loadgen.rs) against it:
# N keep-alive connections of single-name /match requests, listed and unlisted names, for a
# bounded time. Prints requests/s, p50/p99/p99.9 latency, errors and the server's RSS over time.
#
#   scripts/bench-server.sh [DURATION_SECONDS] [CONNECTIONS]     (default: 30 64)
#
# With EMBARGO_BENCH_RELOAD_AFTER=SECONDS, a new version of the UN list (a copy in the work
# directory with one name changed) is imported while the load runs: the server must swap to it
# without an error, and /lists must show it at the end.
#
# Work files (store, key, server log) go to $EMBARGO_BENCH_WORK (default /tmp/embargo-bench-server).
# The server runs with --rate-limit 0: the benchmark measures the service, not the limiter.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30}"
connections="${2:-64}"
port="${EMBARGO_BENCH_PORT:-18787}"
work="${EMBARGO_BENCH_WORK:-/tmp/embargo-bench-server}"
shared="${EMBARGO_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
data="$work/data"
mkdir -p "$work"

cargo build --release -p embargo
cargo build --release -p embargo-server --example loadgen
embargo=target/release/embargo

# A fresh store each run (an import takes seconds), so a store from an older build never lingers.
rm -rf "$data"
"$embargo" --data-dir "$data" import \
  "$shared/lists/un/UN_consolidated-2026-02-27.xml" \
  "$shared/lists/uk/ofsi-conlist-2025-04-10/ConList_2025-04-10.csv" \
  "$shared/lists/ofac/sdn-csv-2024-07-02" \
  "$shared/lists/ofac/consolidated-nonsdn-2025-12-19-watchman"

key="$("$embargo" --data-dir "$data" keys create bench 2>/dev/null)"

"$embargo" --data-dir "$data" serve --listen "127.0.0.1:$port" --rate-limit 0 --log-format json \
  2> "$work/server.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT

ready=""
for _ in $(seq 1 240); do
  if ready="$(curl -fsS "http://127.0.0.1:$port/readyz" 2>/dev/null)"; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "server exited; see $work/server.log" >&2; exit 1; fi
  sleep 0.5
done
if [ -z "$ready" ]; then echo "server not ready after 120 s; see $work/server.log" >&2; exit 1; fi
echo "$ready"

if [ -n "${EMBARGO_BENCH_RELOAD_AFTER:-}" ]; then
  sed '0,/<SECOND_NAME>AGHAJANI<\/SECOND_NAME>/s//<SECOND_NAME>AGHAJANIZADEH<\/SECOND_NAME>/' \
    "$shared/lists/un/UN_consolidated-2026-02-27.xml" > "$work/UN_consolidated-next.xml"
  (sleep "$EMBARGO_BENCH_RELOAD_AFTER" && echo "importing a new UN version during the load" &&
    "$embargo" --data-dir "$data" import --format un-xml "$work/UN_consolidated-next.xml") &
fi

status=0
target/release/examples/loadgen --addr "127.0.0.1:$port" --key "$key" \
  --connections "$connections" --duration "$duration" --pid "$server" \
  --sample-every "$(( duration >= 120 ? 30 : 5 ))" || status=$?

echo "lists in force: $(curl -fsS "http://127.0.0.1:$port/readyz")"
kill -TERM "$server"
wait "$server" || true
trap - EXIT
echo "server log: $work/server.log ($(wc -l < "$work/server.log") lines)"
exit $status
