#!/usr/bin/env python3
"""Lower bound for the integer benchmark data's size: the empirical entropy of each field's consecutive differences.

Reads every value of measurement `cpu` from a server that speaks InfluxQL (Tidemark or InfluxDB, loaded with
shared/bench/Load.java), series by series, and prints the entropy of the differences between consecutive values of
a field (order 0), and conditioned on the previous difference (order 1), in bits and bytes a value. A coder that
stores each value as a difference from the one before cannot average fewer bits than these, before timestamps and
index. Usage: delta-entropy.py --url http://127.0.0.1:8086 [--db benchmark]
"""
import argparse
import collections
import json
import math
import urllib.parse
import urllib.request


def query(url, db, q):
    data = urllib.parse.urlencode({"db": db, "q": q, "epoch": "s"}).encode()
    with urllib.request.urlopen(url + "/query", data) as r:
        return json.load(r)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8086")
    p.add_argument("--db", default="benchmark")
    a = p.parse_args()
    hosts = [v[1] for v in query(a.url, a.db, 'SHOW TAG VALUES FROM cpu WITH KEY = "hostname"')
             ["results"][0]["series"][0]["values"]]
    order0 = collections.Counter()
    order1 = collections.Counter()
    context = collections.Counter()
    n = 0
    for h in hosts:
        series = query(a.url, a.db, "SELECT * FROM cpu WHERE hostname = '%s'" % h)["results"][0]["series"][0]
        cols = series["columns"]
        fields = [i for i, c in enumerate(cols) if c.startswith("usage_")]
        rows = series["values"]
        for f in fields:
            previous_delta = None
            for i in range(1, len(rows)):
                d = rows[i][f] - rows[i - 1][f]
                order0[d] += 1
                order1[(previous_delta, d)] += 1
                context[previous_delta] += 1
                previous_delta = d
                n += 1
    h0 = -sum(c / n * math.log2(c / n) for c in order0.values())
    h1 = -sum(c / n * math.log2(c / context[pd]) for (pd, _), c in order1.items())
    print("%d differences in %d series" % (n, len(hosts)))
    print("order 0: %.3f bits = %.4f bytes a value" % (h0, h0 / 8))
    print("order 1: %.3f bits = %.4f bytes a value" % (h1, h1 / 8))


if __name__ == "__main__":
    main()
