#!/usr/bin/env python3
"""Compares `eos-client batch` with the server's own batch rate on the same points and chunks.

1. Writes N latent points (seeded) drawn from the served model's training region (GET /v1/models):
   M_max and R_1.4 uniform in the label box, z normal with the training mean and std.
2. Server rate, measured directly: the same chunks POSTed to /v1/decode/batch over keep-alive
   connections (http.client, no JSON parsing of the answers, identity encoding), with 1 and with
   `--concurrency` connections in flight, best of `--repeat` runs each.
3. `eos-client batch FILE --chunk-size C --concurrency K --no-gzip` on the same file; its rate is
   read from the summary line it prints on stderr.

Reports, never fails on a time. The rates are compared only when the direct answers are correct (status 200,
one result per point, every result with its "ok") and both paths report the same number of failed points;
otherwise it exits 1 without a ratio.

Usage: python3 measure.py --server http://127.0.0.1:8080 --client .build/release/eos-client [--points 10000]
       python3 measure.py ... --smoke      (64 points in chunks of 16, once: checks that the measurement still runs)
"""
import argparse
import http.client
import json
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse


def connection(url):
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=300)


def post_chunks(url, bodies, concurrency):
    """POSTs every body once, `concurrency` connections in flight; returns (seconds, the answers in body order)."""
    queue = list(range(len(bodies)))
    lock = threading.Lock()
    answers = [None] * len(bodies)

    def worker():
        conn = connection(url)
        while True:
            with lock:
                if not queue:
                    break
                index = queue.pop(0)
            conn.request("POST", "/v1/decode/batch", body=bodies[index], headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
            if response.status != 200:
                raise SystemExit(f"HTTP {response.status}: {data[:200]!r}")
            answers[index] = data
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, answers


def failed_points(bodies, answers):
    """Failed points of the direct answers, after checking (untimed) that each has one result per point."""
    failed = 0
    for body, answer in zip(bodies, answers):
        results = json.loads(answer)["results"]
        if len(results) != len(json.loads(body)["points"]) or not all(isinstance(item.get("ok"), bool) for item in results):
            raise SystemExit(f"a direct answer does not have one result per point: {answer[:200]!r}")
        failed += sum(not item["ok"] for item in results)
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="http://127.0.0.1:8080")
    parser.add_argument("--client", required=True, help="path of the built eos-client")
    parser.add_argument("--points", type=int, default=10000)
    parser.add_argument("--chunk-size", type=int, default=256)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--file", default="/tmp/eos-batch-rate-points.csv")
    parser.add_argument("--smoke", action="store_true", help="64 points, chunks of 16, one repeat")
    args = parser.parse_args()
    if args.smoke:
        args.points, args.chunk_size, args.repeat = 64, 16, 1

    conn = connection(args.server)
    conn.request("GET", "/v1/models")
    model = json.loads(conn.getresponse().read())["models"][0]
    region = model["training_region"]
    rng = random.Random(args.seed)
    points = []
    for _ in range(args.points):
        point = {"m_max": rng.uniform(region["m_max"]["min"], region["m_max"]["max"]),
                 "r_14": rng.uniform(region["r_14"]["min"], region["r_14"]["max"]),
                 "z": [rng.gauss(z["mean"], z["std"]) for z in region["z"]]}
        points.append(point)
    d = len(region["z"])
    with open(args.file, "w") as handle:
        handle.write(",".join(["m_max", "r_14"] + [f"z{i}" for i in range(d)]) + "\n")
        for point in points:
            handle.write(",".join(repr(v) for v in [point["m_max"], point["r_14"]] + point["z"]) + "\n")
    # The exact bodies eos-client sends: the points as written to the file (parsed back), include=scalars.
    bodies = [json.dumps({"points": points[i:i + args.chunk_size], "include": "scalars"}).encode()
              for i in range(0, len(points), args.chunk_size)]

    results = {"model": model["name"], "points": args.points, "chunk_size": args.chunk_size, "seed": args.seed}
    for concurrency in sorted({1, args.concurrency}):
        best = None
        for _ in range(args.repeat):
            seconds, answers = post_chunks(args.server, bodies, concurrency)
            failed = failed_points(bodies, answers)
            best = seconds if best is None else min(best, seconds)
        results[f"server_direct_c{concurrency}_points_per_s"] = round(args.points / best, 1)
        results[f"server_direct_c{concurrency}_failed"] = failed
        print(f"direct POST, {concurrency} connection(s): {args.points / best:.1f} points/s ({best:.2f} s, {failed} failed)",
              file=sys.stderr)

    best_client = None
    for _ in range(args.repeat):
        started = time.perf_counter()
        run = subprocess.run([args.client, "batch", args.file, "--server", args.server, "--chunk-size", str(args.chunk_size),
                              "--concurrency", str(args.concurrency), "--no-gzip", "--output", "/dev/null"],
                             capture_output=True, text=True)
        wall = time.perf_counter() - started
        summary = run.stderr.strip().splitlines()
        line = next((l for l in summary if re.match(r"batch: \d+ points in", l)), "")
        match = re.search(r"\(([\d.]+) points/s\), (\d+) failed", line)
        if run.returncode not in (0, 5) or not match:
            raise SystemExit(f"eos-client failed ({run.returncode}): {run.stderr}")
        rate = float(match.group(1))
        if best_client is None or rate > best_client[0]:
            best_client = (rate, int(match.group(2)), wall, line)
    print(f"eos-client: {best_client[3]} (wall {best_client[2]:.2f} s incl. start-up and parsing)", file=sys.stderr)
    results["eos_client_points_per_s"] = best_client[0]
    results["eos_client_failed"] = best_client[1]
    results["eos_client_wall_seconds"] = round(best_client[2], 2)
    if best_client[1] != results[f"server_direct_c{args.concurrency}_failed"]:
        print(json.dumps(results, indent=2))
        raise SystemExit(f"eos-client reports {best_client[1]} failed points, the direct POSTs "
                         f"{results[f'server_direct_c{args.concurrency}_failed']}: not the same work, no ratio")
    reference = results[f"server_direct_c{args.concurrency}_points_per_s"]
    results["eos_client_vs_direct_same_concurrency"] = round(best_client[0] / reference, 3)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
