#!/usr/bin/env python3
"""Series that share timestamps, written to InfluxDB 1.6.7 and to Tidemark: the statements whose answers depend on
how the servers order points of one time (integral(), first()/last() without GROUP BY time, raw SELECTs with LIMIT)
are sent to both and compared as JSON. One random data set per seed: 2-12 series of a measurement, on 4, 8 or 30
instants spread over two days that cross a Thursday (two 7-day shard groups). Prints each difference and a line
per seed; exits 1 if any statement differs. Used by ties-vs-influxd.sh."""
import json
import os
import random
import sys
import time
import urllib.parse
import urllib.request

STATEMENTS = [
    "SELECT integral(v) FROM cpu",
    "SELECT integral(v) FROM cpu ORDER BY time DESC",
    "SELECT integral(v), integral(i) FROM cpu WHERE w > 30",
    "SELECT first(v) FROM cpu",
    "SELECT last(v) FROM cpu",
    "SELECT first(v), host FROM cpu",
    "SELECT last(v), host, region FROM cpu",
    "SELECT first(v) FROM cpu GROUP BY region",
    "SELECT last(v), host FROM cpu WHERE w > 50",
    "SELECT first(v), last(i) FROM cpu",
    "SELECT first(i), s FROM cpu",
    "SELECT last(s) FROM cpu",
    "SELECT first(v), mean(w) FROM cpu",
    "SELECT v, host FROM cpu LIMIT 5",
    "SELECT v, host FROM cpu ORDER BY time DESC LIMIT 5",
    "SELECT v FROM cpu LIMIT 5",
    "SELECT * FROM cpu WHERE w > 20 LIMIT 4 OFFSET 1",
]


def query(port, db, q):
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"db": db, "q": q})
    return json.load(urllib.request.urlopen(url))


def write(port, db, body):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/write?db={db}&precision=s", data=body.encode(),
                                 method="POST")
    urllib.request.urlopen(req).read()


def main():
    influx, tidemark, seeds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    delay = float(os.environ.get("DELAY", "0"))
    differ = 0
    for seed in range(1, seeds + 1):
        rnd = random.Random(seed)
        db = f"ties{seed}"
        start = 1614729600  # 2021-03-03, a Wednesday: the data crosses Thursday 2021-03-04 00:00
        slots = rnd.choice([4, 8, 30])
        lines = []
        for h in rnd.sample("abcdefghijklmnop", rnd.randint(2, 12)):
            for t in sorted(rnd.sample(range(slots), rnd.randint(1, slots))):
                lines.append(f"cpu,host=h{h},region=r{ord(h) % 3} v={rnd.randint(0, 20)},i={rnd.randint(0, 5)}i,"
                             f"w={rnd.randint(0, 100)},s=\"{rnd.choice('xyz')}\" {start + t * 86400 // (slots // 2)}")
        rnd.shuffle(lines)
        for port in (influx, tidemark):
            query(port, db, f"CREATE DATABASE {db}")
            write(port, db, "\n".join(lines))
        time.sleep(delay)  # DELAY=3: the data in TSM files rather than the cache
        same = 0
        for q in STATEMENTS:
            a, b = query(influx, db, q), query(tidemark, db, q)
            if a == b:
                same += 1
            else:
                differ += 1
                print(f"  DIFF seed {seed}: {q}\n    influxd  {json.dumps(a)[:300]}\n    tidemark {json.dumps(b)[:300]}")
        print(f"seed {seed}: {same} of {len(STATEMENTS)} equal")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
