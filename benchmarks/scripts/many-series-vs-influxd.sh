#!/usr/bin/env bash
# Queries over many series, Tidemark side by side with InfluxDB 1.6.7 on the same data: the shared TSBS-like cpu data
# for HOSTS hosts x 100 s (default 100,000 series of 10 fields, 10 M values) loaded into both and left to compact,
# then each query REPS times against each server in turn: the median wall-clock time, and whether both answered with
# the same bytes. The first repetition runs on a cold JIT; with --reps 3 the median is a warm one.
#   benchmarks/scripts/many-series-vs-influxd.sh [--hosts 100000] [--reps 3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
HOSTS=100000; REPS=3
while [ $# -gt 0 ]; do
  case "$1" in --hosts) HOSTS="$2";; --reps) REPS="$2";; *) echo "unknown $1"; exit 2;; esac
  shift 2
done
source "$ROOT/benchmarks/scripts/pair-lib.sh"
start_pair 18386 18396
load_both --hosts "$HOSTS" --span 100s
sleep 12   # both snapshot after 2 s and compact fully after 5 s without writes
RANGE="time >= '2016-01-01T00:00:00Z' AND time < '2016-01-01T00:02:00Z'"
QUERIES=(
  "SELECT count(usage_user) FROM cpu"
  "SELECT last(usage_user) FROM cpu GROUP BY hostname"
  "SELECT max(usage_user) FROM cpu GROUP BY hostname"
  "SELECT last(*) FROM cpu GROUP BY hostname"
  "SELECT * FROM cpu GROUP BY hostname ORDER BY time DESC LIMIT 1"
  "SELECT mean(usage_user) FROM cpu WHERE $RANGE GROUP BY time(1m), region"
  "SELECT last(usage_user) FROM cpu WHERE hostname =~ /^(host_1|host_22|host_333|host_4444)$/ GROUP BY hostname"
  "SELECT mean(usage_user) FROM cpu WHERE hostname =~ /host_99/ AND $RANGE GROUP BY time(10s)"
  "SHOW TAG VALUES WITH KEY = hostname"
  "SHOW SERIES CARDINALITY"
)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
printf '%-8s %-8s %-5s %s\n' "influxd" "tidemark" "same" "query (median s of $REPS; $HOSTS series)"
for q in "${QUERIES[@]}"; do
  for port in $IPORT $TPORT; do
    for _ in $(seq "$REPS"); do
      curl -sf -G "http://127.0.0.1:$port/query" --data-urlencode db=benchmark --data-urlencode "q=$q" \
        -o "$DATA/answer.$port" -w '%{time_total}\n'
    done | median > "$DATA/time.$port"
  done
  same=no; cmp -s "$DATA/answer.$IPORT" "$DATA/answer.$TPORT" && same=yes
  printf '%-8s %-8s %-5s %s\n' "$(cat "$DATA/time.$IPORT")" "$(cat "$DATA/time.$TPORT")" "$same" "$q"
done
