"""Benchmark (not a test): batch throughput of /v2 inference with binary against JSON outputs, one live eos-server,
256 points with full curves (every output), through tritonclient.http. Rounds alternate the two modes; each round's
time covers the request, the response and reading every output into numpy.

Run: EOS_SERVER=.build/release/eos-server python3 scripts/oip/bench_binary_outputs.py [--points 256] [--rounds 7]
"""

import argparse
import json
import statistics
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import tritonclient.http as httpclient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live_server import live_server, server_binary  # noqa: E402

OUTPUTS = ["m_max", "r_14", "lambda_14", "mass", "radius", "lambda", "ok"]


def points(url, count, seed=2026):
    """`count` latent rows inside the middle of the model's training box (z within ±0.5 σ of the mean)."""
    with urllib.request.urlopen(url + "/v1/models/default", timeout=30) as answer:
        region = json.load(answer)["training_region"]
    rng = np.random.default_rng(seed)
    m, r = region["m_max"], region["r_14"]
    z = region["z"]
    columns = [m["min"] + (m["max"] - m["min"]) * rng.uniform(0.3, 0.7, count),
               r["min"] + (r["max"] - r["min"]) * rng.uniform(0.3, 0.7, count)]
    columns += [d["mean"] + d["std"] * rng.uniform(-0.5, 0.5, count) for d in z]
    return np.stack(columns, axis=1)


def run(client, rows, binary):
    latent = httpclient.InferInput("latent", list(rows.shape), "FP64")
    latent.set_data_from_numpy(rows)
    outputs = [httpclient.InferRequestedOutput(name, binary_data=binary) for name in OUTPUTS]
    start = time.perf_counter()
    result = client.infer("default", [latent], outputs=outputs)
    arrays = [result.as_numpy(name) for name in OUTPUTS]
    elapsed = time.perf_counter() - start
    return elapsed, arrays


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with live_server() as url:
        client = httpclient.InferenceServerClient(url=url.removeprefix("http://"), network_timeout=600.0,
                                                  connection_timeout=600.0)
        rows = points(url, args.points)
        _, json_arrays = run(client, rows, binary=False)
        _, binary_arrays = run(client, rows, binary=True)
        for name, a, b in zip(OUTPUTS, json_arrays, binary_arrays):
            assert np.array_equal(a, b), f"{name}: binary and JSON outputs differ"
        times = {False: [], True: []}
        for _ in range(args.rounds):
            for binary in (False, True):
                times[binary].append(run(client, rows, binary)[0])
        curve_points = json_arrays[3].shape[1]
        print(f"eos-server {server_binary()}; {args.points} points, {curve_points} curve points, every output; "
              f"{args.rounds} alternating rounds; ok {int(json_arrays[6].sum())}/{args.points}")
        for binary in (False, True):
            median = statistics.median(times[binary])
            print(f"  {'binary' if binary else 'JSON  '} outputs: median {median * 1e3:8.1f} ms "
                  f"(min {min(times[binary]) * 1e3:.1f}), {args.points / median:8.1f} points/s")
        ratio = statistics.median(times[False]) / statistics.median(times[True])
        print(f"  throughput ratio binary/JSON: {ratio:.2f}")


if __name__ == "__main__":
    main()
