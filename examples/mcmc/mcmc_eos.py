#!/usr/bin/env python3
"""Bayesian inference of the neutron-star EOS from published measurements, through eos-server's batch endpoint.

Samples the VAE's latent point (M_max, R_1.4, z) together with the measurements' nuisance parameters (each NICER
pulsar's mass, GW170817's mass ratio) with emcee's affine-invariant ensemble sampler (``vectorize=True``: every
half-ensemble is one ``POST /v1/decode/batch`` with ``"include": "observables"``). The likelihoods use the decoded
EOS's own stars as the server's TOV solver finds them: M_TOV for the radio pulsar masses, R at each NICER pulsar's
mass, Lambda~ at GW170817's component masses (``constraints.py`` holds the published numbers and their sources,
``posterior.py`` the request and the prior).

Outputs in ``--out``: ``posterior.csv`` (one row per thinned sample: parameters and derived quantities),
``summary.json`` (medians, 68 % and 90 % intervals, acceptance, autocorrelation times, effective samples, speed,
seed, settings), ``corner.png``, ``mass_radius.png`` (posterior R(M) band with the NICER 68 % regions) and
``nicer_regions.json`` (those regions' 68 % and 90 % polygons in (R [km], M [Msun]), for other M-R plots).

Usage:  python mcmc_eos.py --out results                                 (full run; seed 2026)
        python mcmc_eos.py --short --out /tmp/mcmc-short                 (CI: seconds, every constraint on)
        python mcmc_eos.py --constraints J0348,J0030,GW170817            (any subset; see --help)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time

import emcee
import numpy as np
import requests

import constraints as c
import plots
from posterior import ConstraintSet, Posterior, latent_region
from service import EOSService, ServiceError

#: Names accepted by --constraints.
RADIO = {"J0348": c.J0348_MASS, "J0740-radio": c.J0740_MASS}
NICER = {"J0030": {"miller2019": c.J0030_MILLER2019},
         "J0740": {"miller2021": c.J0740_MILLER2021, "salmi2024": c.J0740_SALMI2024},
         "J0437": {"choudhury2024": c.J0437_CHOUDHURY2024}}
MERGERS = {"GW170817": c.GW170817}
DEFAULT_CONSTRAINTS = "J0348,J0030,J0740,J0437,GW170817"
#: Masses [Msun] of the R(M) band in mass_radius.png.
BAND_MASSES = np.round(np.arange(0.9, 2.601, 0.05), 3)


def constraint_set(names: list[str], j0740: str) -> ConstraintSet:
    """The measurements named (see ``--constraints``); J0740 is NICER's (its mass prior is the radio mass, so the
    radio-only ``J0740-radio`` term may not be combined with it)."""
    unknown = [n for n in names if n not in RADIO and n not in NICER and n not in MERGERS]
    if unknown:
        raise ValueError(f"unknown constraint(s) {', '.join(unknown)}; choose from "
                         f"{', '.join(list(RADIO) + list(NICER) + list(MERGERS))}")
    if "J0740" in names and "J0740-radio" in names:
        raise ValueError("J0740 (NICER) already carries the radio mass of J0740+6620 as its mass prior: "
                         "adding J0740-radio would count it twice")
    analyses = {"J0030": "miller2019", "J0740": j0740, "J0437": "choudhury2024"}
    return ConstraintSet(radio=tuple(RADIO[n] for n in names if n in RADIO),
                         nicer=tuple(NICER[n][analyses[n]] for n in names if n in NICER),
                         binaries=tuple(MERGERS[n] for n in names if n in MERGERS))


def starting_positions(posterior: Posterior, walkers: int, rng: np.random.Generator) -> np.ndarray:
    """Walkers in a small ball around the centre of the latent prior, nuisance masses drawn from their measurements'
    mass marginals, mass ratios uniform; walkers with zero posterior (e.g. a pulsar heavier than M_TOV) re-drawn."""
    region = posterior.region
    centre = np.concatenate([[0.5 * (region.lower[0] + region.upper[0]), 0.5 * (region.lower[1] + region.upper[1])],
                             region.z_mean])
    width = 0.1 * (region.upper - region.lower)

    def draw(n: int) -> np.ndarray:
        latent = np.clip(centre + width * rng.uniform(-1, 1, size=(n, region.dimension)), region.lower, region.upper)
        masses = [np.clip(m.mass.quantile(rng.uniform(0.2, 0.8, size=n)), *m.mass_prior)
                  for m in posterior.constraints.nicer]
        ratios = [rng.uniform(*b.q_range, size=n) for b in posterior.constraints.binaries]
        return np.column_stack([latent] + masses + ratios)

    position = draw(walkers)
    log_p = posterior(position)[:, 0]
    for _ in range(50):
        bad = ~np.isfinite(log_p)
        if not bad.any():
            return position
        position[bad] = draw(int(bad.sum()))
        log_p[bad] = posterior(position[bad])[:, 0]
    raise RuntimeError(f"{int((~np.isfinite(log_p)).sum())} starting walkers have zero posterior after 50 draws")


def autocorrelation_times(series: np.ndarray) -> np.ndarray:
    """Integrated autocorrelation time [steps] of each column of a (steps, walkers, k) array (emcee's estimator:
    walker-averaged autocorrelation summed to Sokal's window M >= 5 tau); NaNs are set to the column median, and a
    constant column gets NaN."""
    times = np.full(series.shape[2], np.nan)
    for j in range(series.shape[2]):
        column = np.array(series[:, :, j], dtype=float)
        if not np.isfinite(column).any():
            continue
        column[np.isnan(column)] = np.nanmedian(column)
        if np.ptp(column) > 0:  # a constant column has no autocorrelation time
            times[j] = emcee.autocorr.integrated_time(column[:, :, None], c=5, tol=0, quiet=True)[0]
    return times


def summarise(values: np.ndarray) -> dict | None:
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return None
    return {"median": round(float(np.median(values)), 4),
            "68%": [round(v, 4) for v in plots.interval(values, 0.68)],
            "90%": [round(v, 4) for v in plots.interval(values, 0.90)],
            "samples": int(len(values))}


#: Derived quantities reported in summary.json and the corner plot: (blob column, label).
REPORTED = [("m_tov", "M_TOV [Msun]"), ("r_14", "R_1.4 [km]"), ("r_2.0", "R_2.0 [km]"), ("lambda_14", "Lambda_1.4"),
            ("p_2nsat", "p(2 n_sat) [MeV/fm^3]"), ("p_nsat", "p(n_sat) [MeV/fm^3]"), ("max_cs2", "max c_s^2"),
            ("n_center_tov", "n_c(M_TOV) / n_sat"), ("r_tov", "R(M_TOV) [km]")]
CORNER = ["M_TOV [Msun]", "R_1.4 [km]", "R_2.0 [km]", "Lambda_1.4", "p(2 n_sat) [MeV/fm^3]"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=os.environ.get("EOS_SERVER", "http://127.0.0.1:8080"),
                        help="eos-server base URL (default: $EOS_SERVER, else http://127.0.0.1:8080)")
    parser.add_argument("--constraints", default=DEFAULT_CONSTRAINTS,
                        help=f"comma-separated measurements (default {DEFAULT_CONSTRAINTS}); radio masses J0348, "
                             "J0740-radio; NICER J0030, J0740, J0437; GW170817")
    parser.add_argument("--j0740", choices=["miller2021", "salmi2024"], default="miller2021",
                        help="NICER analysis of J0740+6620 (default miller2021: 13.7 +2.6 -1.5 km)")
    parser.add_argument("--region", choices=["auto", "box", "learned"], default="auto",
                        help="latent prior's domain: the model's learned training support when it publishes one "
                             "(auto, the default), or the training box with |z| <= z_sigmas std (box)")
    parser.add_argument("--walkers", type=int, default=40, help="ensemble size (even, >= 2 x parameters; default 40)")
    parser.add_argument("--steps", type=int, default=6000, help="steps per walker (default 6000)")
    parser.add_argument("--burn", type=int, default=None, help="steps discarded as burn-in (default steps/3)")
    parser.add_argument("--thin", type=int, default=None, help="keep every n-th step (default: about 5000 samples)")
    parser.add_argument("--band-samples", type=int, default=400,
                        help="posterior samples decoded again for the M-R band (default 400)")
    parser.add_argument("--parallel", type=int, default=1,
                        help="batch chunks in flight at once, each on its own connection (use the replica count "
                             "of a scaled-out deployment)")
    parser.add_argument("--chunk-size", type=int, default=None,
                        help="points per request (default: the server's max_batch_points)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default 120)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (recorded in summary.json)")
    parser.add_argument("--short", action="store_true", help="a small chain for CI: 24 walkers x 30 steps")
    parser.add_argument("--out", default="mcmc-results", help="output directory (default mcmc-results)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args()
    if args.short:
        args.walkers, args.steps, args.band_samples = 24, 30, min(args.band_samples, 48)
    try:
        constraint_names = [n.strip() for n in args.constraints.split(",") if n.strip()]
        constraints = constraint_set(constraint_names, args.j0740)
    except ValueError as error:
        parser.error(str(error))
    burn = args.burn if args.burn is not None else args.steps // 3
    if not 0 <= burn < args.steps:
        parser.error("--burn must be in [0, steps)")

    started = time.perf_counter()
    try:
        service = EOSService(args.server, timeout=args.timeout, parallel=args.parallel, chunk_size=args.chunk_size)
    except (requests.RequestException, ServiceError) as error:
        print(f"mcmc_eos: cannot use the server at {args.server}: {error}", file=sys.stderr)
        return 3
    try:
        region = latent_region(service.model, args.region)
    except ValueError as error:
        print(f"mcmc_eos: {error}", file=sys.stderr)
        return 3
    posterior = Posterior(service, region, constraints)
    if args.walkers < 2 * posterior.dimension or args.walkers % 2:
        parser.error(f"--walkers must be even and at least {2 * posterior.dimension} (2 x parameters)")
    rng = np.random.default_rng(args.seed)
    log = (lambda *_: None) if args.quiet else (lambda text: print(text, file=sys.stderr, flush=True))
    log(f"model {service.model['name']} ({region.description}); {posterior.dimension} parameters, "
        f"{args.walkers} walkers x {args.steps} steps, seed {args.seed}")
    for line in constraints.describe():
        log(f"  {line}")

    try:
        start = starting_positions(posterior, args.walkers, rng)
        sampler = emcee.EnsembleSampler(args.walkers, posterior.dimension, posterior, vectorize=True)
        sampler.random_state = np.random.RandomState(args.seed).get_state()
        sampling_started = time.perf_counter()
        evaluations_before = posterior.evaluations
        for step, _ in enumerate(sampler.sample(start, iterations=args.steps), start=1):
            if step % max(1, args.steps // 20) == 0:
                elapsed = time.perf_counter() - sampling_started
                log(f"step {step}/{args.steps}: acceptance {np.mean(sampler.acceptance_fraction):.2f}, "
                    f"{posterior.evaluations} decodes ({(posterior.evaluations - evaluations_before) / elapsed:.0f}/s), "
                    f"{posterior.failures} undecodable, ETA {elapsed / step * (args.steps - step):.0f} s")
        sampling_seconds = time.perf_counter() - sampling_started
        sampling_evaluations = posterior.evaluations - evaluations_before
    except (requests.RequestException, ServiceError) as error:
        print(f"mcmc_eos: request failed: {error}", file=sys.stderr)
        return 4

    chain = sampler.get_chain()                      # (steps, walkers, parameters)
    blobs = np.asarray(sampler.get_blobs(), float)   # (steps, walkers, derived quantities)
    kept = args.steps - burn
    tau = autocorrelation_times(chain[burn:])
    tau_derived = autocorrelation_times(blobs[burn:, :, :-1])
    tau_max = float(np.nanmax(tau))
    effective = kept * args.walkers / tau_max
    thin = args.thin or max(1, (kept * args.walkers) // 5000)
    samples = chain[burn::thin].reshape(-1, posterior.dimension)
    sample_blobs = blobs[burn::thin].reshape(-1, blobs.shape[2])
    names = posterior.blob_names
    column = {name: sample_blobs[:, i] for i, name in enumerate(names)}

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "posterior.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(posterior.names + names)
        for theta, blob in zip(samples, sample_blobs):
            writer.writerow([f"{v:.6g}" for v in theta] + [f"{v:.6g}" for v in blob])

    # The M-R band: a subset of the posterior samples decoded once more at a grid of masses.
    try:
        picks = np.unique(samples[:, :region.dimension], axis=0)
        picks = picks[rng.permutation(len(picks))[:args.band_samples]]
        items = service.decode_batch([{"m_max": float(p[0]), "r_14": float(p[1]), "z": [float(v) for v in p[2:]]}
                                      for p in picks], include="observables",
                                     observables={"masses": [float(m) for m in BAND_MASSES]})
    except (requests.RequestException, ServiceError) as error:
        print(f"mcmc_eos: request failed: {error}", file=sys.stderr)
        return 4
    radii = np.array([[s["radius_km"] if s["exists"] else np.nan for s in item["result"]["observables"]["at_masses"]]
                      for item in items if item.get("ok")]).reshape(-1, len(BAND_MASSES))
    title = (f"model {service.model['name']}: {len(samples)} samples, {args.walkers} walkers x {args.steps} steps, "
             f"seed {args.seed}\n{', '.join(constraint_names)}")
    band = plots.mass_radius_plot(BAND_MASSES, radii, constraints.nicer, os.path.join(args.out, "mass_radius.png"),
                                  title)
    with open(os.path.join(args.out, "nicer_regions.json"), "w") as handle:
        json.dump({m.name: {"source": m.source, "regions": plots.region_polygons(m)} for m in constraints.nicer},
                  handle)
    corner = {label: column[name] for name, label in REPORTED if label in CORNER}
    finite = np.all([np.isfinite(v) for v in corner.values()], axis=0)
    plots.corner_plot({k: v[finite] for k, v in corner.items()}, os.path.join(args.out, "corner.png"), title)

    reported = {label: summarise(column[name]) for name, label in REPORTED}
    reported.update({f"R at the {m.name} mass [km]": summarise(column[f"R_{m.name}"]) for m in constraints.nicer})
    reported.update({f"mass of {m.name} [Msun]": summarise(samples[:, posterior.names.index(f"mass_{m.name}")])
                     for m in constraints.nicer})
    reported.update({f"Lambda~ of {b.name}": summarise(column[f"lambda_tilde_{b.name}"]) for b in constraints.binaries})
    reported.update({f"q of {b.name}": summarise(samples[:, posterior.names.index(f"q_{b.name}")])
                     for b in constraints.binaries})
    summary = {
        "command": " ".join(["python3", "examples/mcmc/mcmc_eos.py"] + sys.argv[1:]),
        "server": args.server, "model": service.model["name"], "seed": args.seed,
        "constraints": constraints.describe(), "prior": region.description,
        "parameters": posterior.names, "walkers": args.walkers, "steps": args.steps, "burn": burn, "thin": thin,
        "samples": int(len(samples)), "acceptance": round(float(np.mean(sampler.acceptance_fraction)), 3),
        "decodes": posterior.evaluations, "undecodable": posterior.failures, "requests": service.requests,
        "autocorrelation_steps": {n: round(float(t), 1) for n, t in zip(posterior.names, tau)},
        "autocorrelation_steps_derived": {n: round(float(t), 1) for n, t in zip(names[:-1], tau_derived)
                                          if np.isfinite(t)},
        "chain_over_tau": round(kept / tau_max, 1),
        "speed": {
            "sampling_seconds": round(sampling_seconds, 1),
            "likelihood_evaluations": sampling_evaluations,
            "likelihood_evaluations_per_s": round(sampling_evaluations / sampling_seconds, 1),
            "proposals_per_s": round(args.steps * args.walkers / sampling_seconds, 1),
            "effective_samples": int(effective),
            "effective_samples_per_s": round(effective / sampling_seconds, 2),
            "server_decode_rate_per_s": round(service.points / max(service.seconds, 1e-9), 1),
        },
        "total_seconds": round(time.perf_counter() - started, 1),
        "posterior": {k: v for k, v in reported.items() if v is not None},
        "mass_radius_band": band,
    }
    with open(os.path.join(args.out, "summary.json"), "w") as handle:
        json.dump(summary, handle, indent=2)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
