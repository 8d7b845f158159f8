#!/usr/bin/env python3
"""Polls a server every 50 ms over one connection (no process per poll, so the poller itself
disturbs latency as little as possible): INFO persistence, and in mode "bgsave" a BGSAVE whenever
none is running. On SIGTERM prints how many BGSAVEs it started. Used by persistence.sh."""
import signal, socket, sys, time

port, mode = int(sys.argv[1]), sys.argv[2]
sock = socket.create_connection(("127.0.0.1", port))
reader = sock.makefile("rb")
saves = 0


def call(*args):
    sock.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
    line = reader.readline()
    if line.startswith(b"$"):
        n = int(line[1:])
        return reader.read(n + 2) if n >= 0 else b""
    return line


def stop(*_):
    print(saves, flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
while True:
    info = call(b"INFO", b"persistence")
    if mode == "bgsave" and b"rdb_bgsave_in_progress:0" in info:
        call(b"BGSAVE")
        saves += 1
    time.sleep(0.05)
