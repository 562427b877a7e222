#!/usr/bin/env bash
# How much of each query p50 of the shared harness is the server's: starts a throwaway node with its HTTP access log
# on (each line ends with the request's duration on the server, from its first byte read to its response written),
# loads the harness's data set, lets it settle, runs Query.java as bench.sh does (default warm-up and reps), then
# prints per query type the client's p50 (Query.java) beside the server's p50 over the same timed requests.
#   benchmarks/scripts/query-server-time.sh [--settle 25] [extra Query.java options, e.g. --reps 200]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
SETTLE=25
if [ "${1:-}" = --settle ]; then SETTLE="$2"; shift 2; fi
"$ROOT/tidemark" build >/dev/null
source "$ROOT/benchmarks/scripts/node-lib.sh"
DATA="$(mktemp -d)"; PORT=${PORT:-18297}; PID=
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
# node_cmd turns the access log off; the later setting wins.
$(node_cmd "$ROOT" "$DATA" "127.0.0.1:$PORT" INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=1s \
  INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION=5s INFLUXDB_HTTP_LOG_ENABLED=true) > "$DATA/server.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/ping"; do sleep 0.1; done
curl -sf -XPOST "http://127.0.0.1:$PORT/query" --data-urlencode 'q=CREATE DATABASE benchmark' >/dev/null
(cd "$BENCH" && "$JAVA_BIN" Load.java --url "http://127.0.0.1:$PORT" | grep "values (points)/s")
sleep "$SETTLE"
(cd "$BENCH" && "$JAVA_BIN" Query.java --url "http://127.0.0.1:$PORT" "$@") > "$DATA/query.txt"
python3 - "$DATA/server.log" "$DATA/query.txt" <<'EOF'
import re, statistics, sys, urllib.parse
log, report = sys.argv[1], sys.argv[2]
client = {}
reps = 50
for line in open(report):
    m = re.search(r'(\d+) warmup \+ (\d+) timed reps', line)
    if m:
        reps = int(m.group(2))
    f = line.split()
    if len(f) >= 4 and re.fullmatch(r'[a-z0-9-]+', f[0]) and f[1].isdigit() and f[0] != 'query':
        client[f[0]] = float(f[3])
# Query.java sends every type's warm-up first, then each type's timed requests in its order: the last `reps`
# requests of each statement shape are the timed ones. Statements are told apart by their text without literals.
order, times = [], {}
for line in open(log):
    m = re.search(r'"GET /query\?(\S+) HTTP/1\.1" \d+ (\d+)us', line)
    if not m:
        continue
    q = urllib.parse.parse_qs(m.group(1)).get('q', [''])[0]
    shape = re.sub(r"'[^']*'|\d+", '?', q)
    if shape not in times:
        order.append(shape)
        times[shape] = []
    times[shape].append(int(m.group(2)) / 1000)
names = list(client)
print(f"{'query':24s} {'client p50 ms':>14s} {'server p50 ms':>14s}")
for i, shape in enumerate(order):
    name = names[i] if i < len(names) else shape[:24]
    timed = times[shape][-reps:]
    print(f"{name:24s} {client.get(name, float('nan')):14.2f} {statistics.median(timed):14.2f}")
EOF
