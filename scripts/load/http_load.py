#!/usr/bin/env python3
"""Keep-alive HTTP/1.1 load generator (Python standard library only).

Opens --connections keep-alive connections, each sending requests back to back
(optionally --pipeline requests per round trip) for --duration seconds, and reports
throughput, latency percentiles and status counts. With --idle N it first opens N
keep-alive connections that send one request and then stay idle, to check that
idle connections do not slow new requests down.

Examples:
  scripts/load/http_load.py --url http://127.0.0.1:8080/healthz
  scripts/load/http_load.py --url http://127.0.0.1:8080/v1/eos --method POST \
      --body-file req.json --header 'Content-Type: application/json' --connections 16
  scripts/load/http_load.py --url http://127.0.0.1:8080/healthz --idle 500 --connections 4
"""
import argparse
import asyncio
import statistics
import sys
import time
from collections import Counter
from urllib.parse import urlsplit


def build_request(args, host_header):
    body = open(args.body_file, "rb").read() if args.body_file else b""
    target = urlsplit(args.url)
    path = (target.path or "/") + (("?" + target.query) if target.query else "")
    lines = [f"{args.method} {path} HTTP/1.1", f"Host: {host_header}"]
    lines += args.header
    if args.gzip:
        lines.append("Accept-Encoding: gzip")
    if body or args.method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader):
    """Reads one response; returns (status, keep_alive). Interim 1xx responses are skipped."""
    while True:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if 100 <= status < 200:
            continue
        length = int(headers.get("content-length", "0"))
        if length:
            await reader.readexactly(length)
        return status, headers.get("connection", "").lower() != "close"


async def worker(args, host, port, request, deadline, latencies, statuses, errors):
    reader = writer = None
    while time.monotonic() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            start = time.monotonic()
            writer.write(request * args.pipeline)
            await writer.drain()
            keep_alive = True
            for _ in range(args.pipeline):
                status, alive = await asyncio.wait_for(read_response(reader), args.timeout)
                statuses[status] += 1
                keep_alive = keep_alive and alive
            latencies.append((time.monotonic() - start) / args.pipeline)
            if not keep_alive:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, IndexError) as error:
            errors[type(error).__name__] += 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.01)
    if writer is not None:
        writer.close()


async def open_idle(host, port, request, count):
    idle = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(request)
        await writer.drain()
        await read_response(reader)
        idle.append(writer)
    return idle


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--header", action="append", default=[], help="extra header line, repeatable")
    parser.add_argument("--body-file")
    parser.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pipeline", type=int, default=1, help="requests written per round trip")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds")
    parser.add_argument("--idle", type=int, default=0, help="idle keep-alive connections to hold open")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-response timeout, seconds")
    args = parser.parse_args()

    target = urlsplit(args.url)
    if target.scheme != "http":
        sys.exit("only http:// URLs are supported")
    host, port = target.hostname, target.port or 80
    request = build_request(args, target.netloc)

    idle = await open_idle(host, port, request, args.idle) if args.idle else []
    latencies, statuses, errors = [], Counter(), Counter()
    started = time.monotonic()
    deadline = started + args.duration
    await asyncio.gather(*(worker(args, host, port, request, deadline, latencies, statuses, errors)
                           for _ in range(args.connections)))
    elapsed = time.monotonic() - started
    for writer in idle:
        writer.close()

    total = sum(statuses.values())
    ordered = sorted(latencies)
    print(f"url={args.url} method={args.method} connections={args.connections} pipeline={args.pipeline} "
          f"idle={args.idle} duration={elapsed:.1f}s")
    print(f"requests={total} rate={total / elapsed:.0f}/s errors={dict(errors) or 0}")
    print("statuses=" + ", ".join(f"{code}:{count}" for code, count in sorted(statuses.items())))
    if ordered:
        ms = lambda value: f"{value * 1000:.2f}ms"
        print(f"latency mean={ms(statistics.fmean(ordered))} p50={ms(percentile(ordered, 0.5))} "
              f"p90={ms(percentile(ordered, 0.9))} p99={ms(percentile(ordered, 0.99))} max={ms(ordered[-1])}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
