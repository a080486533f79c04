#!/usr/bin/env bash
# Load benchmark of POST /screen/text on loopback with one 5,000-word article: builds release,
# imports every list of shared/data/lists (UN, UK OFSI, OFAC SDN and Consolidated, UK FCDO, the
# OpenSanctions cluster: the lists docs/text.md's figures use) into a bench data directory,
# creates an API key, starts `embargo serve`, and runs crates/server/examples/textload.rs
# against it with 1 and then 2 keep-alive connections for a bounded time. Prints requests/s,
# words/s and latency percentiles.
#
#   scripts/bench-text.sh [DURATION_SECONDS]     (default: 20)
#
# Work files go to $EMBARGO_BENCH_WORK (default /tmp/embargo-bench-text). The server runs with
# --rate-limit 0: the benchmark measures the service, not the limiter.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20}"
port="${EMBARGO_BENCH_PORT:-18788}"
work="${EMBARGO_BENCH_WORK:-/tmp/embargo-bench-text}"
shared="${EMBARGO_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
data="$work/data"
mkdir -p "$work"

cargo build --release -p embargo
cargo build --release -p embargo-server --example textload
embargo=target/release/embargo

rm -rf "$data"
"$embargo" --data-dir "$data" import "$shared/lists" > "$work/import.log"
"$embargo" --data-dir "$data" lists
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
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

for connections in 1 2; do
  target/release/examples/textload --addr "127.0.0.1:$port" --key "$key" \
    --connections "$connections" --duration "$duration"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$server"
wait "$server" || true
trap - EXIT
