#!/usr/bin/env bash
# Many clients writing one point a request (IoT devices, scripts with curl): requests per second of Tidemark and of
# InfluxDB 1.6.7 side by side on the same machine, with ApacheBench (`ab`), with and without keep-alive, at each
# concurrency of CONCURRENCY. Every write is durable before its 204 on both (each waits for a WAL fsync), so what
# is measured is how many concurrent writes share an fsync and what a request costs beyond it.
#   [ROUNDS=2] [CONCURRENCY="16 64"] [REQUESTS=15000] benchmarks/scripts/small-writes-vs-influxd.sh
# Needs: ab (apt-get install apache2-utils), influxd on the PATH (apt-get install influxdb, with policy-rc.d forbidding
# the daemon start), JDK 25. The body is the same point every time (ab sends one body), so both servers overwrite
# one value: the figures are of the request path (HTTP, parsing, WAL, fsync), not of a growing data set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v ab >/dev/null || { echo "needs ab: apt-get install apache2-utils" >&2; exit 1; }
command -v influxd >/dev/null || { echo "needs influxd: apt-get install influxdb" >&2; exit 1; }
"$ROOT/tidemark" build >/dev/null
source "$ROOT/benchmarks/scripts/node-lib.sh"
WORK="$(mktemp -d)"
TM_PORT=18391; IN_PORT=18392
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

$(node_cmd "$ROOT" "$WORK/tidemark" "127.0.0.1:$TM_PORT") >"$WORK/tidemark.log" 2>&1 &
PIDS+=($!)
env INFLUXDB_HTTP_BIND_ADDRESS="127.0.0.1:$IN_PORT" INFLUXDB_BIND_ADDRESS=127.0.0.1:18393 \
  INFLUXDB_DATA_DIR="$WORK/influxd/data" INFLUXDB_META_DIR="$WORK/influxd/meta" \
  INFLUXDB_DATA_WAL_DIR="$WORK/influxd/wal" INFLUXDB_REPORTING_DISABLED=true INFLUXDB_HTTP_LOG_ENABLED=false \
  INFLUXDB_MONITOR_STORE_ENABLED=false influxd run >"$WORK/influxd.log" 2>&1 &
PIDS+=($!)
for port in $TM_PORT $IN_PORT; do
  for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/ping" && break; sleep 0.2; done
  curl -sf -XPOST "http://127.0.0.1:$port/query" --data-urlencode 'q=CREATE DATABASE small' >/dev/null
done
echo "m,host=device-1 temperature=21.5 1600000000000000000" > "$WORK/body.txt"

# requests per second of one ab run: rps PORT CONCURRENCY KEEPALIVE(-k or empty) REQUESTS
rps() {
  local out
  out=$(ab $3 -q -n "$4" -c "$2" -p "$WORK/body.txt" -T text/plain "http://127.0.0.1:$1/write?db=small" 2>&1)
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers" >&2; exit 1; fi
  awk '/^Requests per second/{printf "%.0f", $4}' <<<"$out"
}

# The JIT's warm-up (Tidemark) and the first shard group (both) before anything is timed.
rps $TM_PORT 16 -k 20000 >/dev/null; rps $IN_PORT 16 -k 20000 >/dev/null
printf '%-6s %-11s %-5s %12s %12s %7s\n' round keep-alive conc "tidemark/s" "influxd/s" ratio
for round in $(seq "${ROUNDS:-2}"); do
  for c in ${CONCURRENCY:-16 64}; do
    for k in -k ""; do
      t=$(rps $TM_PORT "$c" "$k" "${REQUESTS:-15000}")
      i=$(rps $IN_PORT "$c" "$k" "${REQUESTS:-15000}")
      printf '%-6s %-11s %-5s %12s %12s %7.2f\n' "$round" "$([ -n "$k" ] && echo yes || echo no)" "$c" "$t" "$i" \
        "$(echo "$t / $i" | bc -l)"
    done
  done
done
