#!/usr/bin/env bash
# Restart time with data on disk: loads N hosts x SPAN of the shared TSBS-like cpu data (default 100,000 series x
# 10 fields x 10 timestamps = 10 M values), lets the cache reach TSM files, stops the server (SIGTERM, or SIGKILL
# with --kill), starts it again and reports how long it takes to answer /ping, then a query of one series, then a
# query over all the data.
#   [CACHE_MAX=4g] [KEEP=1] benchmarks/scripts/restart-time.sh [--hosts 100000] [--span 100s] [--kill]
#   benchmarks/scripts/restart-time.sh --restart DIR   # no load: start on a directory a KEEP=1 run kept, and time it
# (restarts of one kept directory compare builds without the load's variation: how far its compactions got)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
HOSTS=100000; SPAN=100s; SIGNAL=TERM; PORT=${PORT:-18299}; REUSE=
while [ $# -gt 0 ]; do
  case "$1" in --hosts) HOSTS="$2"; shift;; --span) SPAN="$2"; shift;; --kill) SIGNAL=KILL;; --restart) REUSE="$2"; shift;; *) echo "unknown $1"; exit 2;; esac
  shift
done
"$ROOT/tidemark" build >/dev/null
source "$ROOT/benchmarks/scripts/node-lib.sh"
DATA="${REUSE:-$(mktemp -d)}"; PID=
# Made before any timing (node_cmd asks the launcher for the JVM options and the ahead-of-time cache).
NODE_CMD="$(node_cmd "$ROOT" "$DATA" "127.0.0.1:$PORT" INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=2s \
  ${CACHE_MAX:+INFLUXDB_DATA_CACHE_MAX_MEMORY_SIZE=$CACHE_MAX})"
[ -n "$REUSE" ] && KEEP=1
trap 'kill -9 $PID 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $DATA" || rm -rf "$DATA"' EXIT
start() {
  $NODE_CMD >>"$DATA/server.log" 2>&1 &
  PID=$!
}
now_ms() { date +%s%3N; }
wait_ping() { until curl -sf -o /dev/null "http://127.0.0.1:$PORT/ping"; do sleep 0.01; done; }
if [ -z "$REUSE" ]; then
  start; wait_ping
  curl -sf -XPOST "http://127.0.0.1:$PORT/query" --data-urlencode 'q=CREATE DATABASE benchmark' >/dev/null
  (cd "$BENCH" && "$JAVA_BIN" Load.java --url "http://127.0.0.1:$PORT" --hosts "$HOSTS" --span "$SPAN" --workers 4 \
    --server-pid "$PID" > "$DATA/load.log" 2>&1) || { cat "$DATA/load.log"; exit 1; }
  grep -E "errors|values \(points\)" "$DATA/load.log"
  sleep 8   # cache-snapshot-write-cold-duration 2s: the cache becomes TSM files
  echo "on disk: $(du -sh "$DATA/data" | cut -f1) data, $(du -sh "$DATA/wal" | cut -f1) WAL"
  kill -"$SIGNAL" "$PID"; wait "$PID" 2>/dev/null || true
fi
t0=$(now_ms); start; wait_ping; t1=$(now_ms)
one=$(curl -sf -G "http://127.0.0.1:$PORT/query" --data-urlencode db=benchmark \
  --data-urlencode "q=SELECT max(usage_user) FROM cpu WHERE hostname = 'host_$((HOSTS / 2))'" | grep -c '"max"' || true)
t2=$(now_ms)
count=$(curl -sf -G "http://127.0.0.1:$PORT/query" --data-urlencode db=benchmark \
  --data-urlencode 'q=SELECT count(usage_user) FROM cpu' | sed -n 's/.*"values":\[\[[^,]*,\([0-9]*\)\]\].*/\1/p')
t3=$(now_ms)
how="after SIG$SIGNAL"; [ -n "$REUSE" ] && how="of $REUSE"
echo "restart $how: /ping after $((t1 - t0)) ms; one host's max(usage_user) ($one series) after" \
  "$((t2 - t0)) ms; then count(usage_user) over all series = $count after $((t3 - t0)) ms"
grep -E "opened shard" "$DATA/server.log" | tail -1 || true
