#!/usr/bin/env bash
# Aggregates over long ranges, InfluxDB 1.6.7 vs Tidemark, same data: one host of the shared TSBS-like cpu data over
# SPAN (default 365d: 3.15 M rows, 31.5 M values), both fully compacted, then each query REPS times in turn; prints
# the median ms per query and server. Tidemark answers count/min/max/first/last from block statistics.
#   benchmarks/scripts/stats-vs-influxd.sh [--span 365d] [--reps 11]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
SPAN=365d; REPS=11
while [ $# -gt 0 ]; do
  case "$1" in --span) SPAN="$2"; shift;; --reps) REPS="$2"; shift;; *) echo "unknown $1"; exit 2;; esac
  shift
done
"$ROOT/tidemark" build >/dev/null
JAVA_BIN="$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || echo "${JAVA_HOME:?set JAVA_HOME to a JDK 25}")/bin/java"
DATA="$(mktemp -d)"; PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$DATA"' EXIT
IPORT=18386; TPORT=18396
mkdir -p "$DATA/i" "$DATA/t"
cat > "$DATA/i/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((IPORT + 2))"
[meta]
  dir = "$DATA/i/meta"
  logging-enabled = false
[data]
  dir = "$DATA/i/data"
  wal-dir = "$DATA/i/wal"
  query-log-enabled = false
  cache-snapshot-write-cold-duration = "2s"
  compact-full-write-cold-duration = "5s"
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$IPORT"
  log-enabled = false
[logging]
  level = "warn"
[continuous_queries]
  enabled = false
CONF
influxd run -config "$DATA/i/influxdb.conf" > "$DATA/i/log" 2>&1 & PIDS+=($!)
env INFLUXDB_DATA_DIR="$DATA/t/data" INFLUXDB_DATA_WAL_DIR="$DATA/t/wal" INFLUXDB_META_DIR="$DATA/t/meta" \
  INFLUXDB_HTTP_BIND_ADDRESS="127.0.0.1:$TPORT" INFLUXDB_HTTP_LOG_ENABLED=false \
  INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=2s INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION=5s \
  "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -XX:+UseG1GC -Xms64m -Xmn64m -jar "$ROOT/cli/target/tidemark.jar" \
  server > "$DATA/t/log" 2>&1 & PIDS+=($!)
for port in $IPORT $TPORT; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.2; done
  curl -sf -XPOST "http://127.0.0.1:$port/query" --data-urlencode 'q=CREATE DATABASE benchmark' >/dev/null
  (cd "$BENCH" && "$JAVA_BIN" Load.java --url "http://127.0.0.1:$port" --hosts 1 --span "$SPAN" --workers 4 \
    | grep -E "values \(points\)|errors")
done
sleep 40   # cold snapshot and full compaction on both
QUERIES=(
  "SELECT count(usage_user) FROM cpu"
  "SELECT max(usage_user) FROM cpu WHERE time >= '2016-01-01T00:00:00Z' AND time < '2017-01-01T00:00:00Z' GROUP BY time(1d)"
  "SELECT mean(usage_user) FROM cpu WHERE time >= '2016-01-01T00:00:00Z' AND time < '2017-01-01T00:00:00Z' GROUP BY time(1d)"
  "SELECT last(*) FROM cpu"
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
