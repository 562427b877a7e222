#!/usr/bin/env bash
# Are full-precision floats stored losslessly? Loads the shared TSBS-like data with --floats (HOSTS x SPAN) into
# InfluxDB 1.6.7 and Tidemark, lets both compact, and compares every row of every host as JSON text (both print
# the shortest decimal that reads back as the same double, so equal text means equal bits).
#   benchmarks/scripts/floats-vs-influxd.sh [--hosts 10] [--span 1d]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
HOSTS=10; SPAN=1d
while [ $# -gt 0 ]; do
  case "$1" in --hosts) HOSTS="$2"; shift;; --span) SPAN="$2"; shift;; *) echo "unknown $1"; exit 2;; esac
  shift
done
source "$ROOT/benchmarks/scripts/pair-lib.sh"
start_pair 18486 18496
load_both --hosts "$HOSTS" --span "$SPAN" --floats
sleep 15   # cold snapshot and full compaction on both
rows=0; differ=0
for h in $(seq 0 $((HOSTS - 1))); do
  q="SELECT * FROM cpu WHERE hostname = 'host_$h'"
  a=$(curl -s -G "http://127.0.0.1:$IPORT/query" --data-urlencode db=benchmark --data-urlencode epoch=ns --data-urlencode "q=$q")
  b=$(curl -s -G "http://127.0.0.1:$TPORT/query" --data-urlencode db=benchmark --data-urlencode epoch=ns --data-urlencode "q=$q")
  n=$(echo "$a" | grep -o '\],\[' | wc -l); rows=$((rows + n + 1))
  [ "$a" = "$b" ] || { differ=$((differ + 1)); echo "host_$h differs"; }
done
echo "$rows rows of $HOSTS hosts compared as text: $differ hosts differ"
