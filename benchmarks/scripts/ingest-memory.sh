#!/usr/bin/env bash
# Where an ingest's memory goes, for comparing builds or JVM options without a whole bench.sh run: starts a fresh
# server, loads the bench's data (100 hosts x 1 day, 4 connections, as bench.sh), and prints values/s, VmHWM right
# after the load, after the last snapshot and the full compaction (settle, 1 s / 5 s cold as in ingest-vs-influxd.sh)
# and after bench.sh's row count, the old generation used (jstat) and the young collections.
#   [EXTRA_OPTS="-XX:..."] [ROOTS="/path/a /path/b"] benchmarks/scripts/ingest-memory.sh [--runs 3] [--settle 12]
# With ROOTS (other checkouts, each built with `tidemark build`) the builds are alternated within each run, so that
# the machine's drift falls on all of them alike.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
RUNS=3; SETTLE=12; PORT=${PORT:-18298}
while [ $# -gt 0 ]; do
  case "$1" in --runs) RUNS="$2"; shift;; --settle) SETTLE="$2"; shift;; *) echo "unknown $1"; exit 2;; esac
  shift
done
source "$ROOT/benchmarks/scripts/node-lib.sh"
PID=; DATA=
trap 'kill -9 $PID 2>/dev/null || true; [ -n "$DATA" ] && rm -rf "$DATA"' EXIT
status_mb() { awk -v k="$2:" '$1 == k {printf "%d", $2 / 1024}' "/proc/$1/status"; }
for root in ${ROOTS:-$ROOT}; do
  "$root/tidemark" build >/dev/null 2>&1
done
for run in $(seq "$RUNS"); do
  for root in ${ROOTS:-$ROOT}; do
    DATA="$(mktemp -d)"
    $(node_cmd "$root" "$DATA" "127.0.0.1:$PORT" INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=1s \
      INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION=5s) > "$DATA/server.log" 2>&1 &
    PID=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/ping"; do sleep 0.05; done
    curl -sf -XPOST "http://127.0.0.1:$PORT/query" --data-urlencode 'q=CREATE DATABASE benchmark' >/dev/null
    vps=$(cd "$BENCH" && "$JDK/bin/java" Load.java --url "http://127.0.0.1:$PORT" --hosts 100 --span 1d --workers 4 \
      --server-pid "$PID" 2>&1 | sed -n 's/.*values (points)\/s: \([0-9,]*\).*/\1/p')
    load=$(status_mb "$PID" VmHWM)
    sleep "$SETTLE"
    settled=$(status_mb "$PID" VmHWM)
    curl -sf -G "http://127.0.0.1:$PORT/query" --data-urlencode db=benchmark \
      --data-urlencode 'q=SELECT count(usage_user) FROM cpu' >/dev/null
    counted=$(status_mb "$PID" VmHWM)
    gc=$("$JDK/bin/jstat" -gc "$PID" | awk 'NR == 2 {printf "old %d MB, %d young collections, %d full", $8 / 1024, $13, $15}')
    echo "run $run ${root}: ${vps:-?} values/s; VmHWM after the load $load MB, settled $settled, after a count $counted; $gc"
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
    rm -rf "$DATA"; DATA=
  done
done
