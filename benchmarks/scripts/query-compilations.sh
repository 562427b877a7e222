#!/usr/bin/env bash
# What the JIT compiles while a server answers the shared harness' queries right after a load: as many queries as the
# bench's warm-up (4 rounds of the 7 query types and one more of each: 35), then, under a JFR recording of compilation events, REPS timed queries of each type
# in QUERIES; prints the time of the compilations by tier and the longest ones. The timed queries of the shared
# benchmark run while these compilations compete with them for the machine's two cores.
#   benchmarks/scripts/query-compilations.sh --pid PID [--url http://127.0.0.1:8086] [--queries high-cpu-1] [--reps 50]
# Load the data first, e.g.: java shared/bench/Load.java --url URL --hosts 100 --span 1d --workers 4
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
URL=http://127.0.0.1:8086; PID=; QUERIES=default; REPS=50; TOP=20
while [ $# -gt 0 ]; do
  case "$1" in --pid) PID="$2";; --url) URL="$2";; --queries) QUERIES="$2";; --reps) REPS="$2";; --top) TOP="$2";;
    *) echo "unknown $1"; exit 2;; esac
  shift 2
done
[ -n "$PID" ] || { echo "usage: $0 --pid PID [--url URL] [--queries LIST] [--reps N] [--top N]"; exit 2; }
JDK="$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || echo "${JAVA_HOME:?set JAVA_HOME to a JDK 25}")"
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
cat > "$OUT/compilations.jfc" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
XML
cd "$BENCH"
"$JDK/bin/java" Query.java --url "$URL" --warmup 4 --reps 1 >/dev/null 2>&1   # --reps 0 waits forever
"$JDK/bin/jcmd" "$PID" JFR.start name=compilations settings="$OUT/compilations.jfc" >/dev/null
"$JDK/bin/java" Query.java --url "$URL" --warmup 0 --reps "$REPS" --queries "$QUERIES" 2>&1 | grep -A12 "^query" \
  | awk 'NF > 4 && $1 != "query" {print $1, "p50", $4, "ms"}'
"$JDK/bin/jcmd" "$PID" JFR.dump name=compilations filename="$OUT/c.jfr" >/dev/null
"$JDK/bin/jcmd" "$PID" JFR.stop name=compilations >/dev/null
"$JDK/bin/jfr" print --json --events jdk.Compilation "$OUT/c.jfr" | python3 -c '
import json, sys, collections
top = int(sys.argv[1])
rows = []
for e in json.load(sys.stdin)["recording"]["events"]:
    v = e["values"]; d = v["duration"]
    ms = float(d[2:-1]) * 1000 if d.startswith("PT") and d.endswith("S") else 0.0
    m = v["method"]
    rows.append((ms, v["compileLevel"], v.get("isOsr"), m["type"]["name"].split("/")[-1] + "." + m["name"],
                 v.get("codeSize"), v.get("inlinedBytes")))
by_tier = collections.Counter()
for r in rows:
    by_tier["C2" if r[1] == 4 else "C1"] += r[0]
print("%d compilations: C1 %.0f ms, C2 %.0f ms" % (len(rows), by_tier["C1"], by_tier["C2"]))
for ms, level, osr, name, code, inlined in sorted(rows, reverse=True)[:top]:
    print("%7.1f ms  tier %d%s  %s  (%s bytes of code, %s bytes inlined)" % (ms, level, " OSR" if osr else "", name,
                                                                          code, inlined))
' "$TOP"
