#!/usr/bin/env bash
# Answers that depend on how points of one time are ordered, InfluxDB 1.6.7 vs Tidemark: SEEDS random data sets of
# series sharing timestamps (see ties-vs-influxd.py for the statements), written to both servers side by side.
#   benchmarks/scripts/ties-vs-influxd.sh [--seeds 20]        (DELAY=3 to query after the data reached TSM files)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
SEEDS=20
while [ $# -gt 0 ]; do
  case "$1" in --seeds) SEEDS="$2"; shift;; *) echo "unknown $1"; exit 2;; esac
  shift
done
source "$ROOT/benchmarks/scripts/pair-lib.sh"
start_pair 18486 18496
python3 "$ROOT/benchmarks/scripts/ties-vs-influxd.py" "$IPORT" "$TPORT" "$SEEDS"
