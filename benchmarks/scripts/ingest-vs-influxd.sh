#!/usr/bin/env bash
# Side-by-side benchmark with the shared TSBS-like harness (shared/bench): the peers (InfluxDB 1.6.7 by default;
# PEERS="influxd questdb victoria" for more), then Tidemark, one after the other on the same machine, same data set
# and settings.
#   [PEERS=...] benchmarks/scripts/ingest-vs-influxd.sh [extra bench.sh options, e.g. --runs 3 --floats --no-query]
# Needs: influxd on the PATH (apt-get install influxdb, with policy-rc.d forbidding the daemon start), JDK 25; the
# other peers as shared/bench/README.md installs them.
# Settling: bench.sh runs influxd with cache-snapshot-write-cold-duration 5s and compact-full-write-cold-duration
# 20s and waits for one .tsm per shard; Tidemark gets 1s and 5s (it has no equivalent wait in bench.sh, which only
# waits for the size to stay the same for 6 s), so both are measured after their full compaction.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${BENCH_DIR:-$ROOT/../shared/bench}"
"$ROOT/tidemark" build >/dev/null
source "$ROOT/benchmarks/scripts/node-lib.sh"
OUT="${OUT:-$ROOT/benchmarks/results/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
cd "$BENCH"
for peer in ${PEERS:-influxd}; do
  ./bench.sh "$peer" --out "$OUT/$peer" "$@"
done
./bench.sh custom --label tidemark --out "$OUT/tidemark" "$@" --start-cmd "$(node_cmd "$ROOT" {DATA} {HOST}:{PORT} \
  INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION=1s INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION=5s)"
echo "results in $OUT"
