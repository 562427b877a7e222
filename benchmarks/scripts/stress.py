#!/usr/bin/env python3
"""Stress runs against a fresh Tidemark node with tiny snapshots and fast compactions (not tests: they print what
they saw and exit 1 when something is wrong).

  stress.py drops [--seconds 60]
      Three writers, two readers that also DELETE and DROP SERIES, and one thread that drops and re-creates the
      database (or drops its measurement or a shard) at random. Wrong: any 5xx, any error other than "not found",
      or an ERROR/WARN line in the server's log.
  stress.py crash [--seconds 10]
      Three writers of series whose every acknowledged point is remembered, with deletes of other series and
      queries running, then SIGKILL and a restart. Wrong: an acknowledged point missing, or a point more than the one
      write that may have been in flight.

Builds nothing: run ./tidemark build first. The node listens on a free loopback port and lives in a temporary
directory.
"""
import argparse
import collections
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
def free_port():
    # A port another server already holds would answer the pings of a node that failed to bind it.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
URL = "http://127.0.0.1:%d" % PORT


def java():
    home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
    return os.path.join(home, "bin", "java")


class Node:
    def __init__(self, directory):
        self.dir = directory
        self.opts = subprocess.check_output([os.path.join(ROOT, "tidemark"), "java-opts"], text=True).split()
        self.env = dict(os.environ, INFLUXDB_DATA_DIR=directory + "/data", INFLUXDB_DATA_WAL_DIR=directory + "/wal",
                        INFLUXDB_META_DIR=directory + "/meta", INFLUXDB_HTTP_BIND_ADDRESS="127.0.0.1:%d" % PORT,
                        INFLUXDB_HTTP_LOG_ENABLED="false", INFLUXDB_DATA_CACHE_SNAPSHOT_MEMORY_SIZE="256k",
                        INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION="1s",
                        INFLUXDB_DATA_COMPACT_FULL_WRITE_COLD_DURATION="2s")
        self.process = None

    def start(self):
        log = open(os.path.join(self.dir, "server.log"), "a")
        self.process = subprocess.Popen([java(), "--enable-native-access=ALL-UNNAMED"] + self.opts
                                        + ["-jar", os.path.join(ROOT, "cli/target/tidemark.jar"), "server"],
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(600):
            if self.process.poll() is not None:
                sys.exit("the node exited at start; see " + log.name)
            try:
                urllib.request.urlopen(URL + "/ping", timeout=1)
                return
            except OSError:
                time.sleep(0.05)
        sys.exit("the node did not answer /ping")

    def kill(self):
        self.process.kill()
        self.process.wait()

    def log_problems(self):
        with open(os.path.join(self.dir, "server.log")) as f:
            return [line.rstrip() for line in f if "lvl=ERROR" in line or "lvl=WARN" in line]


def request(path, data=None, params=None):
    url = URL + path + ("?" + urllib.parse.urlencode(params) if params else "")
    r = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def query(q, db=None):
    body = {"q": q}
    if db:
        body["db"] = db
    return request("/query", urllib.parse.urlencode(body).encode())


def drops(node, seconds):
    stop = time.time() + seconds
    counts = collections.Counter()
    wrong = collections.Counter()
    lock = threading.Lock()

    def record(kind, status, body):
        with lock:
            counts[(kind, status)] += 1
            bad_error = '"error"' in body and "not found" not in body and "not executed" not in body
            if status >= 500 or bad_error:
                wrong[(kind, status, body[:160])] += 1

    def writer(w):
        t = 1614643200 + w * 10_000_000
        while time.time() < stop:
            lines = "\n".join("cpu,host=h%d,w=%d v=%d %d" % (j % 50, w, j, t + j) for j in range(2000))
            t += 2000
            record("write", *request("/write", lines.encode(), {"db": "s", "precision": "s"}))

    def reader():
        statements = ["SELECT count(v) FROM cpu", "SELECT mean(v) FROM cpu GROUP BY host", "SHOW SERIES CARDINALITY",
                      "SELECT last(v) FROM cpu GROUP BY *", "DELETE FROM cpu WHERE host = 'h3'",
                      "DROP SERIES FROM cpu WHERE host = 'h4'"]
        while time.time() < stop:
            record("query", *query(random.choice(statements), "s"))

    def dropper():
        while time.time() < stop:
            time.sleep(random.uniform(0.2, 0.8))
            record("drop", *query(random.choice(["DROP DATABASE s", "DROP MEASUREMENT cpu", "DROP SHARD 1"]), "s"))
            time.sleep(random.uniform(0.1, 0.4))
            record("create", *query("CREATE DATABASE s"))

    query("CREATE DATABASE s")
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
    threads += [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=dropper)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("answers:", dict(sorted(counts.items())))
    for k, n in wrong.most_common(20):
        print("WRONG %dx" % n, k)
    problems = node.log_problems()
    for line in problems[:20]:
        print("LOG", line[:300])
    return not wrong and not problems


def crash(node, seconds):
    acked = {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(w):
        i = 0
        while not stop.is_set():
            lines = "\n".join("m,w=%d,s=%d v=%di %d" % (w, s, i, 1614643200 + i) for s in range(20))
            try:
                status, _ = request("/write", lines.encode(), {"db": "c", "precision": "s"})
            except OSError:
                time.sleep(0.01)
                continue
            if status == 204:
                with lock:
                    acked[w] = i
                i += 1

    def churn():
        while not stop.is_set():
            try:
                query(random.choice(["DELETE FROM m WHERE w = '99'", "SELECT count(v) FROM m GROUP BY w"]), "c")
            except OSError:
                pass

    query("CREATE DATABASE c")
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
    threads += [threading.Thread(target=churn) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(seconds)
    node.kill()
    stop.set()
    for t in threads:
        t.join()
    node.start()
    _, body = query("SELECT count(v), max(v) FROM m GROUP BY w, s", "c")
    series = json.loads(body)["results"][0].get("series", [])
    bad = 0
    for s in series:
        w = int(s["tags"]["w"])
        count, largest = s["values"][0][1], s["values"][0][2]
        need = acked.get(w, -1) + 1
        # Every acknowledged point, and at most the one write that was in flight at the kill.
        if count < need or count > need + 1 or largest != count - 1:
            bad += 1
            print("WRONG", s["tags"], "count", count, "max", largest, "acknowledged", need)
    print("series", len(series), "acknowledged points per series, by writer:",
          {w: i + 1 for w, i in sorted(acked.items())})
    return bad == 0 and len(series) == 60


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["drops", "crash"])
    parser.add_argument("--seconds", type=float)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="tidemark-stress-")
    node = Node(directory)
    node.start()
    try:
        ok = drops(node, args.seconds or 60) if args.kind == "drops" else crash(node, args.seconds or 10)
    finally:
        if node.process.poll() is None:
            node.kill()
    print("OK" if ok else "WRONG (server log in %s)" % directory)
    if ok:
        shutil.rmtree(directory, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
