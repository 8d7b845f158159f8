#!/usr/bin/env python3
"""Helpers for compare.sh (standard library only).

  compare_report.py throughput INDEX.tsv      table of medians over rounds + geometric means
  compare_report.py memory KEYS METHOD RE RL NE NL   RSS table (kB: redis empty/loaded, redisnet empty/loaded; n/a allowed)
  compare_report.py resp-load KEYS SIZE       RESP SET commands on stdout, for redis-cli --pipe
"""
import csv
import math
import statistics
import sys
from collections import defaultdict


def read_csv(path):
    """redis-benchmark 7.0 --csv: a header, then one row per test (rps and latencies in ms).
    The measured test is the last row: lrange_* first runs "LPUSH (needed to benchmark LRANGE)"."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return None
    row = rows[-1]
    return {k: float(row[k]) for k in ("rps", "p50_latency_ms", "p99_latency_ms")}


def fmt_rate(x):
    return f"{x:,.0f}" if x is not None else "n/a"


def fmt_lat(a, b):
    return f"{a:.3f}/{b:.3f}" if a is not None else "n/a"


def throughput(index_path):
    # (test, pipeline) -> server -> {round: result}; failures/unsupported are remembered by status.
    runs = defaultdict(lambda: defaultdict(dict))
    status = {}
    order = []
    with open(index_path) as f:
        for line in f:
            server, test, pipe, rnd, where = line.rstrip("\n").split("\t")
            key = (test, int(pipe))
            if key not in order:
                order.append(key)
            if where in ("unsupported", "failed"):
                status[(key, server)] = where
                continue
            r = read_csv(where)
            if r is None:
                status[(key, server)] = "failed"
            else:
                runs[key][server][rnd] = r

    def med(key, server, field):
        vals = [r[field] for r in runs[key][server].values()]
        return statistics.median(vals) if vals else None

    header = ("test", "P", "redis ops/s", "redisnet ops/s", "ratio", "ratio range",
              "redis p50/p99 ms", "redisnet p50/p99 ms")
    rows = []
    ratios = defaultdict(list)
    for key in order:
        test, pipe = key
        rr, nr = med(key, "redis", "rps"), med(key, "redisnet", "rps")
        ratio = spread = "n/a"
        if rr and nr:
            q = nr / rr
            ratios[pipe].append(q)
            ratio = f"{q:.2f}"
            # Per-round ratios show how much one row can be trusted.
            red, net = runs[key]["redis"], runs[key]["redisnet"]
            per_round = [net[k]["rps"] / red[k]["rps"] for k in red if k in net]
            if per_round:
                spread = f"{min(per_round):.2f}-{max(per_round):.2f}"
        net_col = fmt_rate(nr) if nr is not None else status.get((key, "redisnet"), "n/a")
        red_col = fmt_rate(rr) if rr is not None else status.get((key, "redis"), "n/a")
        rows.append((test, str(pipe), red_col, net_col, ratio, spread,
                     fmt_lat(med(key, "redis", "p50_latency_ms"), med(key, "redis", "p99_latency_ms")),
                     fmt_lat(med(key, "redisnet", "p50_latency_ms"), med(key, "redisnet", "p99_latency_ms"))))
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.rjust(w) if i > 0 else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print()
    print("Throughput and latency (median over rounds; ratio = redisnet / redis, higher is better)")
    print(line(header))
    print(line(["-" * w for w in widths]))
    for r in rows:
        print(line(r))
    print()
    for pipe in sorted(ratios):
        qs = ratios[pipe]
        gm = math.exp(sum(math.log(q) for q in qs) / len(qs))
        print(f"geometric mean of ratios at -P {pipe}: {gm:.2f} ({len(qs)} tests)")
    if not ratios:
        print("no test ran on both servers: nothing to compare")


MEMORY_KINDS = {
    "strings": ("keys with 16-byte values", "bytes/key"),
    "hash": ("fields of one hash (16-byte values)", "bytes/field"),
    "zset": ("members of one sorted set", "bytes/member"),
}


def memory(keys, method, *rss, kind="strings"):
    """rss: redis empty, redis loaded, redisnet empty, redisnet loaded (kB, or n/a when not measured)."""
    keys = int(keys)
    vals = [None if x == "n/a" else int(x) for x in rss]
    what, unit = MEMORY_KINDS[kind]
    how = {"populate": "DEBUG POPULATE", "pipe": "SET via redis-cli --pipe"}.get(method, method)
    print()
    print(f"Memory: {keys:,} {what} (loaded by {how}; RSS from /proc/PID/status)")
    print(f"{'server':10}  {'RSS empty':>12}  {'RSS loaded':>12}  {unit:>12}")
    for name, empty, loaded in (("redis", vals[0], vals[1]), ("redisnet", vals[2], vals[3])):
        if empty is None:
            print(f"{name:10}  {'n/a':>12}  {'n/a':>12}  {'n/a':>12}")
            continue
        per_key = (loaded - empty) * 1024 / keys
        print(f"{name:10}  {empty / 1024:9.1f} MB  {loaded / 1024:9.1f} MB  {per_key:12.1f}")
    if None not in vals:
        re_, rl, ne, nl = vals
        print(f"RSS ratio loaded (redisnet / redis): {nl / rl:.2f}; per-key ratio: {(nl - ne) / max(rl - re_, 1):.2f}")
    else:
        print("RSS ratio: n/a (a server could not be loaded)")


def resp_load(keys, size):
    """SET key:N <value> for N < keys; values are non-numeric (Redis would store numbers as ints) and size bytes long."""
    keys, size = int(keys), int(size)
    out = sys.stdout.buffer
    chunk = []
    for i in range(keys):
        k = b"key:%d" % i
        v = (b"value:%d" % i).ljust(size, b"x")[:size]
        chunk.append(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
        if len(chunk) == 10000:
            out.write(b"".join(chunk))
            chunk.clear()
    out.write(b"".join(chunk))
    out.flush()


def resp_load_collection(kind, count):
    """HSET bighash field:N <16-byte value>, or ZADD bigzset N member:N, for N < count."""
    count = int(count)
    out = sys.stdout.buffer
    chunk = []
    for i in range(count):
        if kind == "hash":
            args = [b"HSET", b"bighash", b"field:%d" % i, (b"value:%d" % i).ljust(16, b"x")[:16]]
        else:
            args = [b"ZADD", b"bigzset", b"%d" % (i * 7 % 1000003), b"member:%d" % i]
        chunk.append(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
        if len(chunk) == 10000:
            out.write(b"".join(chunk))
            chunk.clear()
    out.write(b"".join(chunk))
    out.flush()


def main(argv):
    if len(argv) >= 2 and argv[1] == "throughput":
        throughput(argv[2])
    elif len(argv) >= 2 and argv[1] == "memory":
        memory(*argv[2:8])
    elif len(argv) >= 2 and argv[1] == "memory-of":
        memory(*argv[3:9], kind=argv[2])
    elif len(argv) >= 2 and argv[1] == "resp-load-collection":
        resp_load_collection(argv[2], argv[3])
    elif len(argv) >= 2 and argv[1] == "resp-load":
        resp_load(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
