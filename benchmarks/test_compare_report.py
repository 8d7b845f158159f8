#!/usr/bin/env python3
"""Checks compare_report.py's arithmetic on made-up redis-benchmark CSVs: python3 benchmarks/test_compare_report.py"""
import contextlib
import io
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import compare_report  # noqa: E402

HEADER = '"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"\n'


class ThroughputReportTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.index = os.path.join(self.dir.name, "index.tsv")
        self.rows = []

    def tearDown(self):
        self.dir.cleanup()

    def run_(self, server, test, pipe, rnd, rps, p50=0.5, p99=1.0):
        path = os.path.join(self.dir.name, f"{server}-{test}-P{pipe}-r{rnd}.csv")
        with open(path, "w") as f:
            f.write(HEADER + f'"{test.upper()}","{rps}","0.3","0.1","{p50}","0.8","{p99}","2.0"\n')
        self.rows.append(f"{server}\t{test}\t{pipe}\t{rnd}\t{path}")

    def report(self):
        with open(self.index, "w") as f:
            f.write("\n".join(self.rows) + "\n")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            compare_report.throughput(self.index)
        return out.getvalue()

    def test_medians_ratios_and_geometric_mean(self):
        for rnd, (red, net) in enumerate([(100, 50), (200, 100), (300, 600)], 1):
            self.run_("redis", "set", 1, rnd, red)
            self.run_("redisnet", "set", 1, rnd, net)
        for rnd in (1, 2, 3):
            self.run_("redis", "get", 1, rnd, 100)
            self.run_("redisnet", "get", 1, rnd, 200)
        out = self.report()
        set_row = next(l for l in out.splitlines() if l.startswith("set "))
        # medians 200 and 100 -> ratio 0.50; per-round ratios 0.5, 0.5, 2.0
        self.assertIn("0.50", set_row)
        self.assertIn("0.50-2.00", set_row)
        # geometric mean of 0.5 and 2.0 is 1.0
        self.assertIn("geometric mean of ratios at -P 1: 1.00 (2 tests)", out)

    def test_unsupported_and_failed_runs_are_shown_not_compared(self):
        self.run_("redis", "incr", 16, 1, 1000)
        self.rows.append("redisnet\tincr\t16\t1\tunsupported")
        self.run_("redis", "mset", 16, 1, 1000)
        self.rows.append("redisnet\tmset\t16\t1\tfailed")
        out = self.report()
        self.assertIn("unsupported", next(l for l in out.splitlines() if l.startswith("incr")))
        self.assertIn("failed", next(l for l in out.splitlines() if l.startswith("mset")))
        self.assertIn("no test ran on both servers", out)


class MemoryAndLoaderTests(unittest.TestCase):
    def test_bytes_per_key_and_ratio(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            compare_report.memory("1000", "pipe", "1000", "1100", "2000", "2200")
        text = out.getvalue()
        self.assertIn("102.4", text)   # (1100-1000) kB * 1024 / 1000 keys
        self.assertIn("204.8", text)
        self.assertIn("per-key ratio: 2.00", text)

    def test_memory_with_a_server_not_loaded(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            compare_report.memory("1000", "pipe", "1000", "1100", "n/a", "n/a")
        self.assertIn("RSS ratio: n/a", out.getvalue())

    def test_resp_load_writes_sets_with_fixed_size_values(self):
        buf = io.BytesIO()

        class Out:
            buffer = buf

        real = compare_report.sys.stdout
        compare_report.sys.stdout = Out
        try:
            compare_report.resp_load("2", "16")
        finally:
            compare_report.sys.stdout = real
        self.assertEqual(
            buf.getvalue(),
            b"*3\r\n$3\r\nSET\r\n$5\r\nkey:0\r\n$16\r\nvalue:0xxxxxxxxx\r\n"
            b"*3\r\n$3\r\nSET\r\n$5\r\nkey:1\r\n$16\r\nvalue:1xxxxxxxxx\r\n")


if __name__ == "__main__":
    unittest.main()
