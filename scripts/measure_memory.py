#!/usr/bin/env python3
"""Measures the resident memory (RSS, from /proc/PID/status) of a release eos-server under the worst inputs its
limits allow, so that a container's memory request and limit can be sized from numbers.

  python3 scripts/measure_memory.py --server .build/release/eos-server [--model-dir models --model default]

Cases, each against a freshly started server (so one case's heap does not hide the next's):
  worst request  --concurrent (default 1) POST /v1/decode/batch of --points points (default 1024 = max_batch_points), eos_points 2000,
                 mr_points 500, include "full"; the peak (VmHWM) minus the RSS after start-up and warm-up.
  idle           --connections connections (default 1024 = max_connections) opened and left silent.
  partial head   the same number, each having sent an unfinished request head of --head-bytes bytes.
  partial body   --body-connections connections, each having sent a head and --body-bytes bytes of a body
                 announced with Content-Length = max_body_bytes (the most a connection can make the server buffer).
Prints one line per case: RSS before, peak, and the increase per request or per connection [MiB].
"""
import argparse
import json
import os
import resource
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

MIB = 1024 * 1024


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} missing from /proc/{pid}/status")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, args):
        self.port = free_port()
        command = [args.server, "--host", "127.0.0.1", "--port", str(self.port), "--model-dir", args.model_dir,
                   "--model", args.model, "--no-access-log", "--log-level", "warning",
                   "--workers", str(args.workers), "--batch-threads", str(args.workers),
                   "--request-timeout", str(args.request_timeout)]
        self.process = subprocess.Popen(command)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not become ready within 60 s")

    def rss_mib(self):
        return status_kib(self.process.pid, "VmRSS") / 1024

    def peak_mib(self):
        return status_kib(self.process.pid, "VmHWM") / 1024

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


def worst_request(args):
    server = Server(args)
    try:
        before = server.rss_mib()
        points = [{"m_max": 2.0 + 0.35 * (i % 32) / 31, "r_14": 11.6 + 1.2 * (i // 32) / 31} for i in range(args.points)]
        body = json.dumps({"points": points, "eos_points": 2000, "mr_points": 500, "include": args.include}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{server.port}/v1/decode/batch", data=body,
                                         headers={"Content-Type": "application/json"})
        started = time.monotonic()
        results = [None] * args.concurrent

        def send(slot):
            try:
                with urllib.request.urlopen(request, timeout=3600) as response:
                    results[slot] = (response.status, response.read())
            except urllib.error.HTTPError as error:
                results[slot] = (error.code, error.read())

        threads = [threading.Thread(target=send, args=(slot,)) for slot in range(args.concurrent)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        status, answer = results[0]
        seconds = time.monotonic() - started
        time.sleep(2)  # work the server may still finish after a 504
        peak = server.peak_mib()
        outcome = (f"{sum(1 for r in json.loads(answer)['results'] if not r['ok'])} points answered with an error"
                   if status == 200 else f"answered {status}")
        print(f"worst request x {args.concurrent} at once: {args.points} points x eos_points 2000 x mr_points 500, include {args.include}: "
              f"RSS {before:.0f} MiB before, peak {peak:.0f} MiB, +{(peak - before) / args.concurrent:.0f} MiB per request "
              f"(answer {len(answer) / MIB:.0f} MiB JSON, {outcome}, {seconds:.0f} s)")
    finally:
        server.stop()


def connections(args, name, count, payload):
    server = Server(args)
    sockets = []
    try:
        before = server.rss_mib()
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", server.port))
            if payload:
                s.sendall(payload)
            sockets.append(s)
        time.sleep(2)  # let the server read what was sent
        alive = server.process.poll() is None
        after = server.rss_mib()
        peak = server.peak_mib()
        print(f"{name}: {count} connections, RSS {before:.0f} MiB before, {after:.0f} MiB with them open "
              f"(peak {peak:.0f} MiB), {1024 * (peak - before) / count:.1f} KiB per connection"
              + ("" if alive else " -- SERVER EXITED"))
    finally:
        for s in sockets:
            s.close()
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="path of a release eos-server")
    parser.add_argument("--model-dir", default="models")
    parser.add_argument("--model", default="default")
    parser.add_argument("--workers", type=int, default=2, help="--workers and --batch-threads of the server")
    parser.add_argument("--points", type=int, default=1024)
    parser.add_argument("--concurrent", type=int, default=1, help="worst requests sent at once")
    parser.add_argument("--include", default="full", help="include of the worst request (full, scalars)")
    parser.add_argument("--request-timeout", type=float, default=600,
                        help="the server's --request-timeout (its default, 30 s, cuts the worst request short with 504)")
    parser.add_argument("--connections", type=int, default=1024)
    parser.add_argument("--head-bytes", type=int, default=16000, help="just under the 16384-byte header limit")
    parser.add_argument("--body-connections", type=int, default=64)
    parser.add_argument("--body-bytes", type=int, default=4 * MIB - 1, help="just under max_body_bytes (4 MiB)")
    parser.add_argument("--cases", default="request,idle,head,body")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.connections + 256)), hard))
    cases = args.cases.split(",")
    if "request" in cases:
        worst_request(args)
    if "idle" in cases:
        connections(args, "idle", args.connections, b"")
    if "head" in cases:
        head = b"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * max(0, args.head_bytes - 40)
        connections(args, "partial head", args.connections, head)
    if "body" in cases:
        head = f"POST /v1/decode HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {4 * MIB}\r\n\r\n"
        connections(args, "partial body", args.body_connections, head.encode() + b" " * args.body_bytes)


if __name__ == "__main__":
    main()
