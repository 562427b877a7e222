#!/usr/bin/env bash
# Server CPU per query, by thread, for one query type of the shared harness: runs QUERY WARM times, then REPS times
# while reading each server thread's user and system time from /proc; prints them per query. For comparing builds
# on one data set (wall-clock latency on a 2-core machine mixes in the client and the JIT compiler).
#   benchmarks/scripts/query-cpu.sh --pid PID [--url http://127.0.0.1:8086] --query high-cpu-1 [--warm 1000] [--reps 400]
# Load the data first, e.g.: java shared/bench/Load.java --url URL --hosts 100 --span 1d --workers 4
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
URL=http://127.0.0.1:8086; PID=; QUERY=; WARM=1000; REPS=400
while [ $# -gt 0 ]; do
  case "$1" in --pid) PID="$2";; --url) URL="$2";; --query) QUERY="$2";; --warm) WARM="$2";; --reps) REPS="$2";;
    *) echo "unknown $1"; exit 2;; esac
  shift 2
done
[ -n "$PID" ] && [ -n "$QUERY" ] || { echo "usage: $0 --pid PID --query NAME [--url URL] [--warm N] [--reps N]"; exit 2; }
JAVA_BIN="$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || echo "${JAVA_HOME:?set JAVA_HOME to a JDK 25}")/bin/java"
# Per thread name (numbers dropped): utime and stime in clock ticks. The name sits in parentheses and may hold spaces.
snap() {
  for t in /proc/"$PID"/task/*; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1|\2/' "$t/stat" | awk -F'|' '{split($2, f, " "); n=$1; gsub(/ /, "_", n);
      sub(/[-#_]?[0-9-]*$/, "", n); print n, f[11], f[12]}'
  done | awk '{u[$1]+=$2; s[$1]+=$3} END {for (k in u) print k, u[k], s[k]}' | sort
}
cd "$BENCH"
"$JAVA_BIN" Query.java --url "$URL" --reps "$WARM" --warmup 0 --queries "$QUERY" >/dev/null 2>&1
before="$(snap)"
"$JAVA_BIN" Query.java --url "$URL" --reps "$REPS" --warmup 0 --queries "$QUERY" 2>&1 | grep -A1 "^query" | tail -1 \
  | awk '{print $1, "p50", $4, "ms"}'
after="$(snap)"
TICK_US=$((1000000 / $(getconf CLK_TCK)))
join <(echo "$before") <(echo "$after") | awk -v n="$REPS" -v tick="$TICK_US" \
  '($4 - $2) + ($5 - $3) > 0 {printf "%-24s user %6d us  sys %6d us  per query\n", $1, ($4 - $2) * tick / n, ($5 - $3) * tick / n}' \
  | sort -k3 -nr
