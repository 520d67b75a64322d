#!/usr/bin/env python3
"""Decode rate of ``POST /v1/decode/batch`` for the sampler's request, by ``include`` path.

Draws ``--points`` walker positions from the sampler's prior (latent point in the training region, nuisance masses
from the default measurements) and sends the same latent points ``--repeats`` times through each path:

* ``observables`` -- what mcmc_eos.py sends: scalars + the per-point observables (R and Lambda at the pulsar
  masses and at 2 Msun, Lambda~ of GW170817, the EOS at 1 and 2 n_sat); no EOS table, no M-R curve;
* ``scalars``     -- the previous sampler's request (M_max, R_1.4, Lambda_1.4 and a 2-point M-R curve), which
  cannot answer R at a pulsar's mass or Lambda~;
* ``full``        -- the old way to get those numbers: the EOS table and the M-R curve (server defaults:
  200 EOS points, 50 M-R points) to interpolate in.

Prints and writes (``--out``) points per second of each path (median over the repeats) and the undecodable count.
Usage:  python bench_decode.py --server http://127.0.0.1:8080 --out results/decode-rate.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

import mcmc_eos
from posterior import Posterior, latent_region
from service import EOSService


def prior_draws(posterior: Posterior, n: int, rng: np.random.Generator) -> np.ndarray:
    """n positions from the prior: uniform labels, truncated-normal z (by rejection), uniform nuisance parameters."""
    rows = []
    while len(rows) < n:
        theta = rng.uniform(posterior.lower, posterior.upper, size=(4 * n, posterior.dimension))
        k = posterior.region.dimension
        theta[:, 2:k] = posterior.region.z_mean + posterior.region.z_std * rng.standard_normal((4 * n, k - 2))
        rows.extend(theta[np.isfinite(posterior.log_prior(theta))])
    return np.array(rows[:n])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default=os.environ.get("EOS_SERVER", "http://127.0.0.1:8080"))
    parser.add_argument("--points", type=int, default=256, help="points per batch (default 256)")
    parser.add_argument("--repeats", type=int, default=3, help="timed batches per path (default 3)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default=None, help="also write the figures to this JSON file")
    args = parser.parse_args()

    service = EOSService(args.server, timeout=600.0)
    posterior = Posterior(service, latent_region(service.model),
                          mcmc_eos.constraint_set(mcmc_eos.DEFAULT_CONSTRAINTS.split(","), "miller2021"))
    theta = prior_draws(posterior, args.points, np.random.default_rng(args.seed))
    with_observables = [posterior.request_point(row) for row in theta]
    bare = [{key: point[key] for key in ("m_max", "r_14", "z")} for point in with_observables]
    paths = {"observables": (with_observables, {"include": "observables"}),
             "scalars": (bare, {"include": "scalars", "mr_points": 2}),
             "full": (bare, {"include": "full"})}
    figures = {"server": args.server, "model": service.model["name"], "points_per_batch": args.points,
               "repeats": args.repeats, "seed": args.seed, "paths": {}}
    for name, (points, options) in paths.items():
        include = options.pop("include")
        rates, failures = [], 0
        for _ in range(args.repeats):
            started = time.perf_counter()
            items = service.decode_batch(points, include=include, **options)
            rates.append(len(points) / (time.perf_counter() - started))
            failures = sum(1 for item in items if not item.get("ok"))
        figures["paths"][name] = {"points_per_s": round(float(np.median(rates)), 1),
                                  "all_repeats": [round(r, 1) for r in rates], "undecodable": failures}
        print(f"{name:12s} {np.median(rates):8.1f} points/s  (repeats {', '.join(f'{r:.0f}' for r in rates)}; "
              f"{failures} of {len(points)} undecodable)", file=sys.stderr)
    paths_out = figures["paths"]
    figures["observables_over_full"] = round(paths_out["observables"]["points_per_s"] / paths_out["full"]["points_per_s"], 2)
    if args.out:
        with open(args.out, "w") as handle:
            json.dump(figures, handle, indent=2)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
