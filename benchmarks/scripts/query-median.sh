#!/usr/bin/env bash
# Warm latency of single statements against a running server: each statement WARM times, then REPS timed requests
# with curl; prints the median seconds and the start of the answer. For comparing builds on one data set, e.g. the
# shared benchmark's day (java shared/bench/Load.java --url URL --hosts 100 --span 1d --workers 4, then wait for the
# compactions).
#   benchmarks/scripts/query-median.sh [--url http://127.0.0.1:8086] [--db benchmark] [--warm 30] [--reps 20] 'SELECT ...' ...
set -euo pipefail
URL=http://127.0.0.1:8086; DB=benchmark; WARM=30; REPS=20
while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL="$2"; shift 2;; --db) DB="$2"; shift 2;; --warm) WARM="$2"; shift 2;; --reps) REPS="$2"; shift 2;;
    *) break;;
  esac
done
for q in "$@"; do
  for _ in $(seq 1 "$WARM"); do curl -s -o /dev/null "$URL/query?db=$DB" --data-urlencode "q=$q"; done
  median=$(for _ in $(seq 1 "$REPS"); do
      curl -s -o /dev/null -w "%{time_total}\n" "$URL/query?db=$DB" --data-urlencode "q=$q"
    done | sort -n | sed -n "$(( (REPS + 1) / 2 ))p")
  answer=$(curl -s "$URL/query?db=$DB" --data-urlencode "q=$q" | grep -o '"values":.*' | cut -c1-60 || true)
  echo "median ${median}s  $q  $answer"
done
