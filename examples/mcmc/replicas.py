#!/usr/bin/env python3
"""The sampler's speed against 1 and 2 eos-server replicas behind deploy/'s round-robin load balancer.

Each replica is a "1-CPU pod" as in deploy/multi-replica.sh (EOS_WORKERS=1, EOS_BATCH_THREADS=1, pinned to one
core with taskset): the processes, the readiness wait and the balancer (nginx when installed, else the built-in L4
round-robin TCP proxy, like kube-proxy) are deploy/tools/multi_replica.py's. The same seeded chain runs against each
set-up with the same client settings, ``--parallel 2`` and ``--chunk-size`` = walkers/4, so every half-ensemble is
two requests in flight on two connections, which the balancer sends to one replica or spreads over two. The chains
must be identical (decoding is deterministic for a given batch composition), only the time differs.

    python3 examples/mcmc/replicas.py [--walkers 40] [--steps 200] [--out results/replicas.json]

Loopback only; every process it starts is stopped at the end.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "deploy" / "tools"))
import multi_replica as deploy  # noqa: E402  (the deploy check's replica and balancer helpers)


def run_chain(port: int, args: argparse.Namespace, out: Path) -> dict:
    command = [sys.executable, str(Path(__file__).with_name("mcmc_eos.py")), "--quiet",
               "--server", f"http://127.0.0.1:{port}", "--walkers", str(args.walkers), "--steps", str(args.steps),
               "--seed", str(args.seed), "--band-samples", "8", "--parallel", "2",
               "--chunk-size", str(max(1, args.walkers // 4)), "--out", str(out)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=args.time_limit)
    with open(out / "summary.json") as handle:
        return json.load(handle)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--walkers", type=int, default=40)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--binary", type=Path, default=Path(os.environ.get(
        "EOS_SERVER_BIN", REPO / ".build" / "release" / "eos-server")))
    parser.add_argument("--time-limit", type=float, default=600.0, help="seconds per chain")
    parser.add_argument("--out", type=Path, default=None, help="also write the figures to this JSON file")
    args = parser.parse_args()
    kind = "nginx" if shutil.which("nginx") else "tcp"
    figures = {"walkers": args.walkers, "steps": args.steps, "seed": args.seed, "balancer": kind,
               "replica": "EOS_WORKERS=1, EOS_BATCH_THREADS=1, pinned to one core", "cores": os.cpu_count(),
               "runs": {}}
    with tempfile.TemporaryDirectory(prefix="mcmc-replicas-") as work:
        work = Path(work)
        for count in (1, 2):
            processes = deploy.Processes()
            balancer = None
            try:
                replicas = [deploy.start_replica(i, args.binary, REPO / "models", "default", work, processes, pin=True)
                            for i in range(count)]
                for replica in replicas:
                    deploy.wait_ready(replica.port, replica.process)
                balancer = deploy.Balancer([r.port for r in replicas], work, processes, kind)
                summary = run_chain(balancer.port, args, work / f"run-{count}")
            finally:
                if balancer is not None:
                    balancer.stop()
                processes.stop_all()
            speed = summary["speed"]
            figures["runs"][f"{count} replica{'s' if count > 1 else ''}"] = {
                "sampling_seconds": speed["sampling_seconds"],
                "likelihood_evaluations_per_s": speed["likelihood_evaluations_per_s"],
                "requests": summary["requests"]}
            print(f"{count} replica(s): {speed['likelihood_evaluations_per_s']} likelihood evaluations/s "
                  f"({speed['sampling_seconds']} s)", file=sys.stderr)
        same = filecmp.cmp(work / "run-1" / "posterior.csv", work / "run-2" / "posterior.csv", shallow=False)
    runs = list(figures["runs"].values())
    figures["speed_up"] = round(runs[1]["likelihood_evaluations_per_s"] / runs[0]["likelihood_evaluations_per_s"], 2)
    figures["identical_chains"] = same
    if args.out:
        with open(args.out, "w") as handle:
            json.dump(figures, handle, indent=2)
    print(json.dumps(figures, indent=2))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
