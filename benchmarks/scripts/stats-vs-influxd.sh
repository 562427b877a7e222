#!/usr/bin/env bash
# Aggregates over long ranges, InfluxDB 1.6.7 vs Tidemark, same data: one host of the shared TSBS-like cpu data over
# SPAN (default 365d: 3.15 M rows, 31.5 M values), both fully compacted, then each query REPS times in turn; prints
# the median ms per query and server. Tidemark answers count/min/max/first/last/sum/mean from block statistics.
#   benchmarks/scripts/stats-vs-influxd.sh [--span 365d] [--reps 11]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
SPAN=365d; REPS=11
while [ $# -gt 0 ]; do
  case "$1" in --span) SPAN="$2"; shift;; --reps) REPS="$2"; shift;; *) echo "unknown $1"; exit 2;; esac
  shift
done
source "$ROOT/benchmarks/scripts/pair-lib.sh"
start_pair 18386 18396
load_both --hosts 1 --span "$SPAN"
sleep 40   # cold snapshot and full compaction on both
QUERIES=(
  "SELECT count(usage_user) FROM cpu"
  "SELECT max(usage_user) FROM cpu WHERE time >= '2016-01-01T00:00:00Z' AND time < '2017-01-01T00:00:00Z' GROUP BY time(1d)"
  "SELECT mean(usage_user) FROM cpu WHERE time >= '2016-01-01T00:00:00Z' AND time < '2017-01-01T00:00:00Z' GROUP BY time(1d)"
  "SELECT last(*) FROM cpu"
  "SELECT * FROM cpu WHERE usage_user > 100"
)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for q in "${QUERIES[@]}"; do
  for port in $IPORT $TPORT; do
    curl -s -o /dev/null -G "http://127.0.0.1:$port/query" --data-urlencode db=benchmark --data-urlencode "q=$q"
    ms=$(for i in $(seq "$REPS"); do
      curl -s -o /dev/null -w '%{time_total}\n' -G "http://127.0.0.1:$port/query" --data-urlencode db=benchmark \
        --data-urlencode "q=$q"; done | awk '{printf "%.1f\n", $1 * 1000}' | median)
    printf '%-9s %8s ms  %s\n' "$([ "$port" = "$IPORT" ] && echo influxd || echo tidemark)" "$ms" "$q"
  done
done
for q in "${QUERIES[@]}"; do
  a=$(curl -s -G "http://127.0.0.1:$IPORT/query" --data-urlencode db=benchmark --data-urlencode "q=$q")
  b=$(curl -s -G "http://127.0.0.1:$TPORT/query" --data-urlencode db=benchmark --data-urlencode "q=$q")
  if [ "$a" = "$b" ]; then echo "same answer from both: $q"; else
    echo "ANSWERS DIFFER: $q"; diff <(echo "$a" | tr '[' '\n') <(echo "$b" | tr '[' '\n') | head -6; fi
done
