#!/usr/bin/env bash
# Speed of two revisions side by side, on this machine, now: builds the matcher benchmark of each
# (the latency survey that `cargo bench -p embargo-matcher` prints first) and, with --batch,
# bench_batch, then runs them in turn, A B A B ..., and prints every run's figures and, per
# revision, the median and mean of its runs.
#
#   scripts/bench-compare.sh [--pairs N] [--rounds R] [--batch RECORDS] REV_A REV_B
#   scripts/bench-compare.sh --caches REV_A REV_B
#
# Why alternate: this virtual machine's speed drifts by 10-15% from one hour, even one minute,
# to the next (docs/quality.md, docs/batch.md), more than most changes to the matcher move it.
# Two revisions run one after the other in turn see the same drift; two series run an hour apart
# do not. Instruction counts (callgrind) are the deterministic figure; this is the wall clock.
#
# --pairs N        runs of each revision (default 4)
# --rounds R       survey rounds per run, EMBARGO_SURVEY_ROUNDS (default 3); a run's figure is
#                  the median of its rounds' medians
# --batch RECORDS  also bench_batch --records RECORDS, alternating the same way (each revision
#                  with its own store, all on one input: see batch_rate)
# --caches         instead of timing, one survey round of each revision (both at once) under
#                  callgrind's cache and branch models, an L1 of 32 KB and an L2 of 1 MB (this
#                  machine's per core), and per query: instructions, L1 misses (instructions,
#                  data reads), L2 misses (instructions, data reads and writes), mispredicted
#                  branches (conditional, indirect), in all and in the analysis of the query's
#                  names (`embargo_names::analyze`). The wall clock follows the misses more
#                  than the instructions: c083442 to f6bbacb added 10% instructions, 65% L1
#                  instruction misses, doubled the L2 misses, and the survey took 27% longer
#                  (docs/quality.md, twenty-fifth session). Some 5 minutes; needs valgrind.
#                  Two runs of a revision agree within 1% (the instructions within 0.1%): one
#                  is enough.
#
# Each revision is checked out in a worktree under $EMBARGO_BENCH_WORK/compare (default
# /tmp/embargo-bench/compare), built there with one shared target directory (dependencies are
# built once), and its binaries are kept by commit id: comparing the same revisions again
# builds nothing (`rm -rf` the folder, then `git worktree prune`, to start afresh). The lists are
# read from $EMBARGO_SHARED_DATA (default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
pairs=4
rounds=3
batch=""
caches=""
revs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --caches) caches=1; shift ;;
    -*) echo "bench-compare: unknown flag $1" >&2; exit 2 ;;
    *) revs+=("$1"); shift ;;
  esac
done
if [ ${#revs[@]} -ne 2 ]; then
  echo "usage: scripts/bench-compare.sh [--pairs N] [--rounds R] [--batch RECORDS] REV_A REV_B" >&2
  echo "       scripts/bench-compare.sh --caches REV_A REV_B" >&2
  exit 2
fi
work="${EMBARGO_BENCH_WORK:-/tmp/embargo-bench}/compare"
export EMBARGO_SHARED_DATA="${EMBARGO_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
mkdir -p "$work/bin"

# Builds revision $1 (a commit id) unless its binaries are there; prints nothing.
build() {
  local sha="$1" tree="$work/tree-$1"
  if [ -x "$work/bin/survey-$sha" ] && { [ -z "$batch" ] || [ -x "$work/bin/batch-$sha" ]; }; then
    return
  fi
  if [ ! -d "$tree" ]; then
    git -C "$root" worktree add --quiet --detach "$tree" "$sha"
  fi
  echo "building $sha" >&2
  # The bench executable's path, from cargo's own report of what it built.
  local exe
  exe=$(cd "$tree" && CARGO_TARGET_DIR="$work/target" cargo bench -q -p embargo-matcher --bench matcher \
    --no-run --message-format=json | grep '"name":"matcher"' | grep '"kind":\["bench"\]' |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
  if [ -z "$exe" ]; then
    echo "bench-compare: no matcher benchmark built for $sha" >&2
    exit 1
  fi
  cp "$exe" "$work/bin/survey-$sha"
  if [ -n "$batch" ]; then
    (cd "$tree" && CARGO_TARGET_DIR="$work/target" cargo build -q --release -p embargo-batch --example bench_batch)
    cp "$work/target/release/examples/bench_batch" "$work/bin/batch-$sha"
  fi
}

# "median mean min max count" of the numbers on standard input, one a line; fails on none.
stats() {
  sort -n | awk '{ a[NR] = $1; s += $1 }
    END { if (NR == 0) exit 1; print ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), s / NR, a[1], a[NR], NR }'
}

# The survey's median of one run of revision $1 in microseconds: the median of its rounds'.
survey() {
  local line
  line=$( (cd "$work/tree-$1/crates/matcher" && EMBARGO_SURVEY_ROUNDS="$rounds" "$work/bin/survey-$1" --bench zzznomatch 2>&1) |
    sed -n 's/^latency survey: [0-9]* queries, .* median \([0-9.]*\)\(µs\|ms\).*/\1 \2/p' |
    awk '{ print ($2 == "ms") ? $1 * 1000 : $1 }' | stats) || return 1
  echo "${line%% *}"
}

# The records/s of one bench_batch run of revision $1. Each revision imports the lists into a
# store of its own (revisions import the same files differently: on a store that c083442 made,
# f6bbacb screened both OFAC editions, 50,692 entities instead of its own 31,443), and all
# screen one input: the one the first run generated (bench_batch plants names from its store
# in the records it generates), copied to the others. The output is removed first, or the run
# would resume it.
batch_rate() {
  local dir="$work/batch-$1" input="records-$batch.csv" rate
  mkdir -p "$dir"
  if [ -f "$work/$input" ] && [ ! -f "$dir/$input" ]; then
    cp "$work/$input" "$dir/$input"
  fi
  rm -f "$dir/hits-$batch.csv" "$dir/hits-$batch.csv".*
  rate=$("$work/bin/batch-$1" --records "$batch" --work "$dir" 2>"$dir/log" |
    sed -n 's/.*rate: \([0-9]*\) records\/s.*/\1/p')
  if [ ! -f "$work/$input" ] && [ -f "$dir/$input" ]; then
    cp "$dir/$input" "$work/$input"
  fi
  echo "$rate"
}

shas=()
for rev in "${revs[@]}"; do
  shas+=("$(git -C "$root" rev-parse --short=12 "$rev^{commit}")")
done
for sha in "${shas[@]}"; do
  build "$sha"
done

# Callgrind's cache model of one survey round of revision $1, from the first query screened to
# the last (`screen_with`, under that name in every revision), into $work/caches-$1.out.
cache_profile() {
  (cd "$work/tree-$1/crates/matcher" && EMBARGO_SURVEY_ROUNDS=1 valgrind --tool=callgrind \
    --cache-sim=yes --branch-sim=yes --I1=32768,8,64 --D1=32768,8,64 --LL=1048576,8,64 --toggle-collect='*screen_with*' \
    --callgrind-out-file="$work/caches-$1.out" "$work/bin/survey-$1" --bench zzznomatch \
    > "$work/caches-$1.log" 2>&1)
}

# The events of a callgrind_annotate line (Ir I1mr ILmr D1mr DLmr DLmw Bcm Bim, no
# percentages) per query, $1 queries.
per_query() {
  awk -v q="$1" '{ gsub(/,/, ""); printf "%9.0f %7.0f %6.0f %7.0f %6.0f %6.0f %6.0f %6.0f", $1/q, $2/q, $3/q, $4/q, $5/q, $6/q, $7/q, $8/q }'
}

if [ -n "$caches" ]; then
  command -v valgrind > /dev/null || { echo "bench-compare: --caches needs valgrind" >&2; exit 1; }
  for sha in "${shas[@]}"; do
    cache_profile "$sha" &
  done
  wait
  printf "%-12s %-9s %9s %7s %6s %7s %6s %6s %6s %6s\n" revision part Ir I1mr ILmr D1mr DLmr DLmw Bcm Bim
  for k in 0 1; do
    sha="${shas[$k]}"
    queries=$(sed -n 's/^latency survey: \([0-9]*\) queries.*/\1/p' "$work/caches-$sha.log")
    [ -n "$queries" ] || { echo "bench-compare: no survey in $work/caches-$sha.log" >&2; exit 1; }
    events="--show-percs=no --show=Ir,I1mr,ILmr,D1mr,DLmr,DLmw,Bcm,Bim"
    # The totals, then the analysis: callgrind files the code inlined into `analyze` under
    # several source files, so the line taken is the costliest of them, inclusive (its callees
    # and every call while screening counted in). Read from files: a reader that stops early
    # would fail the pipeline (pipefail).
    callgrind_annotate $events "$work/caches-$sha.out" > "$work/caches-$sha.self" 2> /dev/null
    callgrind_annotate --inclusive=yes $events "$work/caches-$sha.out" > "$work/caches-$sha.inclusive" 2> /dev/null
    total=$(awk '/PROGRAM TOTALS/' "$work/caches-$sha.self")
    analysis=$(grep -v '=>' "$work/caches-$sha.inclusive" | awk '/:embargo_names::analyze( |$)/ && !n++')
    printf "%-12s %-9s %s\n" "${revs[$k]}" all "$(echo "$total" | per_query "$queries")"
    printf "%-12s %-9s %s\n" "${revs[$k]}" analysis "$(echo "$analysis" | per_query "$queries")"
  done
  echo "(per query, over $queries queries; profiles in $work/caches-*.out)"
  exit 0
fi

results="$work/results-${shas[0]}-${shas[1]}.txt"
: > "$results"
for i in $(seq "$pairs"); do
  for k in 0 1; do
    sha="${shas[$k]}"
    median=$(survey "$sha") || { echo "bench-compare: the survey of $sha printed no median" >&2; exit 1; }
    echo "run $i ${revs[$k]} ($sha): survey median $median µs"
    echo "survey $k $median" >> "$results"
    if [ -n "$batch" ]; then
      rate=$(batch_rate "$sha") || rate=""
      if [ -z "$rate" ]; then
        echo "bench-compare: bench_batch of $sha printed no rate (see $work/batch-$sha/log)" >&2
        exit 1
      fi
      echo "run $i ${revs[$k]} ($sha): batch $rate records/s"
      echo "batch $k $rate" >> "$results"
    fi
  done
done

echo
for k in 0 1; do
  for what in survey batch; do
    line=$(awk -v what="$what" -v k="$k" '$1 == what && $2 == k { print $3 }' "$results" | stats) || continue
    read -r median mean min max count <<< "$line"
    if [ "$what" = survey ]; then
      printf "%-12s survey median, µs: median %.2f, mean %.2f, min %.2f, max %.2f over %d runs\n" \
        "${revs[$k]}" "$median" "$mean" "$min" "$max" "$count"
    else
      printf "%-12s bench_batch, records/s: median %.0f, mean %.0f, min %.0f, max %.0f over %d runs\n" \
        "${revs[$k]}" "$median" "$mean" "$min" "$max" "$count"
    fi
  done
done
