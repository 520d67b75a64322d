#!/usr/bin/env python3
"""Bayesian inference of the neutron-star EOS through the eos-server batch endpoint.

Samples the VAE's latent point (M_max, R_1.4, z) with an affine-invariant ensemble sampler
(Goodman & Weare 2010 "stretch move", hand-written, the algorithm emcee uses) and evaluates every
proposal of a half-ensemble in one ``POST /v1/decode/batch`` request. The likelihood uses the
*decoded* EOS's own M_max, R_1.4 and Lambda_1.4 (solved by the server with TOV), not the requested
latent labels:

  * PSR J0740+6620: M = 2.08 +- 0.07 Msun (Fonseca et al. 2021, ApJL 915, L12), used as a lower
    bound on M_max:  L = Phi((M_max - 2.08) / 0.07).
  * NICER-like radius: R_1.4 = 12.45 +- 0.65 km (Miller et al. 2021, ApJL 918, L28; PSR J0740+6620
    and J0030+0451 NICER+XMM, 68 % interval), a Gaussian.
  * GW170817: Lambda_1.4 = 190 +390 -120 at 90 % (Abbott et al. 2018, PRL 121, 161101, EOS-insensitive
    relations), a split normal with sigma_-/+ = 120/1.645 and 390/1.645 (default, ``--gw split``);
    or the hard bound Lambda_1.4 <= 800 (Abbott et al. 2017, PRL 119, 161101, low-spin prior, 90 %)
    with ``--gw bound``.

Priors are restricted to the model's training region read from ``GET /v1/models``: uniform in M_max
and R_1.4 over the training label box, and each z_i normal with the training mean and standard
deviation, truncated at the training region (mean +- z_sigmas std). A point the server cannot decode
(no TOV maximum-mass star, ...) has zero likelihood; the number of such points is reported.

After sampling, the thinned posterior is decoded once more with full EOS tables to get the pressure
at twice nuclear saturation density, p(2 n_sat) with n_sat = 0.16 fm^-3, by log-log interpolation
of p(n_B).

Outputs in ``--out``: ``posterior.csv`` (one row per posterior sample), ``summary.json`` (medians,
68 % and 90 % intervals, acceptance, rate, seed, settings) and ``corner.png``.

Usage:  python mcmc_eos.py --server http://127.0.0.1:8080 --out results          (full run)
        python mcmc_eos.py --short --out /tmp/mcmc-short                          (CI, < 1 min)
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

N_SAT = 0.16  # nuclear saturation density [fm^-3]
SQRT2 = math.sqrt(2.0)


# --------------------------------------------------------------------------------------------
# Service client
# --------------------------------------------------------------------------------------------

class EOSService:
    """Talks to eos-server: keep-alive sessions (one per thread), retries on 503 and connection
    errors honouring Retry-After (never on 4xx), chunks of at most the server's batch limit sent
    ``parallel`` at a time (each on its own connection, so a load balancer can spread them)."""

    def __init__(self, base_url: str, timeout: float = 120.0, parallel: int = 1, chunk_size: int | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.parallel = max(1, parallel)
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(max_workers=self.parallel) if self.parallel > 1 else None
        self.model = self._get("/v1/models")["models"][0]
        limit = int(self.model["limits"]["max_batch_points"])
        self.chunk_size = min(chunk_size or limit, limit)
        self.requests = 0
        self.points = 0
        self.seconds = 0.0

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            retry = Retry(total=5, connect=5, read=0, status=5, backoff_factor=0.1, status_forcelist=[503],
                          allowed_methods=None, respect_retry_after_header=True, raise_on_status=False)
            session = requests.Session()
            session.mount("http://", HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=1))
            session.mount("https://", HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=1))
            self._local.session = session
        return session

    def _get(self, path: str) -> dict:
        response = self._session().get(self.base_url + path, timeout=self.timeout)
        _raise_for_service_error(response)
        return response.json()

    def _post_batch(self, body: dict) -> list[dict]:
        response = self._session().post(self.base_url + "/v1/decode/batch", json=body, timeout=self.timeout)
        _raise_for_service_error(response)
        return response.json()["results"]

    def decode_batch(self, points: np.ndarray, include: str = "scalars", eos_points: int | None = None,
                     mr_points: int | None = None) -> list[dict]:
        """Decodes rows (m_max, r_14, z...) of ``points``; returns one item per row, in order."""
        started = time.perf_counter()
        bodies = []
        for start in range(0, len(points), self.chunk_size):
            chunk = points[start:start + self.chunk_size]
            body: dict = {"points": [{"m_max": float(p[0]), "r_14": float(p[1]), "z": [float(v) for v in p[2:]]}
                                     for p in chunk], "include": include}
            if eos_points is not None:
                body["eos_points"] = eos_points
            if mr_points is not None:
                body["mr_points"] = mr_points
            bodies.append(body)
        if self._pool is not None and len(bodies) > 1:
            answers = list(self._pool.map(self._post_batch, bodies))
        else:
            answers = [self._post_batch(body) for body in bodies]
        self.seconds += time.perf_counter() - started
        self.requests += len(bodies)
        self.points += len(points)
        return [item for answer in answers for item in answer]


class ServiceError(RuntimeError):
    pass


def _raise_for_service_error(response: requests.Response) -> None:
    if response.status_code < 400:
        return
    try:
        error = response.json()["error"]
        detail = f"{error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        detail = response.text[:200]
    raise ServiceError(f"HTTP {response.status_code} from {response.url}: {detail}")


# --------------------------------------------------------------------------------------------
# Prior and likelihood
# --------------------------------------------------------------------------------------------

class Posterior:
    """log prior + log likelihood of latent points (M_max, R_1.4, z_1..z_d), evaluated in batches."""

    def __init__(self, service: EOSService, gw: str = "split"):
        region = service.model["training_region"]
        self.service = service
        self.gw = gw
        self.m_range = (region["m_max"]["min"], region["m_max"]["max"])
        self.r_range = (region["r_14"]["min"], region["r_14"]["max"])
        sigmas = float(region["z_sigmas"])
        self.z_mean = np.array([z["mean"] for z in region["z"]])
        self.z_std = np.array([z["std"] for z in region["z"]])
        self.z_low = np.maximum(self.z_mean - sigmas * self.z_std, [z["min"] for z in region["z"]])
        self.z_high = np.minimum(self.z_mean + sigmas * self.z_std, [z["max"] for z in region["z"]])
        self.dimension = 2 + len(self.z_mean)
        self.evaluations = 0
        self.failures = 0

    def lower(self) -> np.ndarray:
        return np.concatenate([[self.m_range[0], self.r_range[0]], self.z_low])

    def upper(self) -> np.ndarray:
        return np.concatenate([[self.m_range[1], self.r_range[1]], self.z_high])

    def log_prior(self, theta: np.ndarray) -> np.ndarray:
        inside = np.all((theta >= self.lower()) & (theta <= self.upper()), axis=1)
        z = (theta[:, 2:] - self.z_mean) / self.z_std
        return np.where(inside, -0.5 * np.sum(z * z, axis=1), -np.inf)

    def log_likelihood(self, m_max: float, r_14: float, lambda_14: float) -> float:
        # PSR J0740+6620 mass as a lower bound on M_max: P(M_obs <= M_max).
        mass = 0.5 * math.erfc(-(m_max - 2.08) / (0.07 * SQRT2))
        log_l = math.log(mass) if mass > 0 else -math.inf
        # NICER-like radius.
        log_l += -0.5 * ((r_14 - 12.45) / 0.65) ** 2
        # GW170817 tidal deformability.
        if self.gw == "bound":
            log_l += 0.0 if lambda_14 <= 800.0 else -math.inf
        else:
            sigma = 390.0 / 1.645 if lambda_14 >= 190.0 else 120.0 / 1.645
            log_l += -0.5 * ((lambda_14 - 190.0) / sigma) ** 2
        return log_l

    def __call__(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """log posterior of each row, and the decoded (M_max, R_1.4, Lambda_1.4) (NaN where undecodable)."""
        log_p = self.log_prior(theta)
        blobs = np.full((len(theta), 3), np.nan)
        inside = np.flatnonzero(np.isfinite(log_p))
        if len(inside):
            items = self.service.decode_batch(theta[inside], include="scalars", mr_points=2)
            self.evaluations += len(inside)
            for row, item in zip(inside, items):
                if not item["ok"]:
                    self.failures += 1
                    log_p[row] = -np.inf
                    continue
                result = item["result"]
                blobs[row] = (result["m_max"], result["r_14"], result["lambda_14"])
                log_p[row] += self.log_likelihood(*blobs[row])
        return log_p, blobs


# --------------------------------------------------------------------------------------------
# Sampler: affine-invariant ensemble, red-blue stretch move (Goodman & Weare 2010; Foreman-Mackey et al. 2013)
# --------------------------------------------------------------------------------------------

def stretch_sampler(posterior: Posterior, walkers: int, steps: int, rng: np.random.Generator, a: float = 2.0,
                    progress: bool = True):
    dimension = posterior.dimension
    lower, upper = posterior.lower(), posterior.upper()
    # Start in a small ball around the centre of the prior, inside the region the model decodes best.
    centre = np.concatenate([[np.mean(posterior.m_range), np.mean(posterior.r_range)], posterior.z_mean])
    width = 0.1 * (upper - lower)
    position = np.clip(centre + width * rng.uniform(-1, 1, size=(walkers, dimension)), lower, upper)
    log_p, blobs = posterior(position)
    for _ in range(20):  # re-draw starting walkers that landed where the decoder fails
        bad = ~np.isfinite(log_p)
        if not bad.any():
            break
        position[bad] = np.clip(centre + width * rng.uniform(-1, 1, size=(bad.sum(), dimension)), lower, upper)
        log_p[bad], blobs[bad] = posterior(position[bad])
    chain = np.empty((steps, walkers, dimension))
    chain_blobs = np.empty((steps, walkers, 3))
    chain_log_p = np.empty((steps, walkers))
    accepted = 0
    halves = [np.arange(0, walkers, 2), np.arange(1, walkers, 2)]
    started = time.perf_counter()
    for step in range(steps):
        for half, other in ((halves[0], halves[1]), (halves[1], halves[0])):
            z = ((a - 1.0) * rng.uniform(size=len(half)) + 1.0) ** 2 / a
            partners = position[rng.choice(other, size=len(half))]
            proposal = partners + z[:, None] * (position[half] - partners)
            new_log_p, new_blobs = posterior(proposal)
            log_ratio = (dimension - 1) * np.log(z) + new_log_p - log_p[half]
            accept = np.log(rng.uniform(size=len(half))) < log_ratio
            accept &= np.isfinite(new_log_p)
            position[half[accept]] = proposal[accept]
            log_p[half[accept]] = new_log_p[accept]
            blobs[half[accept]] = new_blobs[accept]
            accepted += int(accept.sum())
        chain[step], chain_blobs[step], chain_log_p[step] = position, blobs, log_p
        if progress and (step + 1) % max(1, steps // 20) == 0:
            elapsed = time.perf_counter() - started
            rate = posterior.evaluations / max(elapsed, 1e-9)
            print(f"step {step + 1}/{steps}: acceptance {accepted / ((step + 1) * walkers):.2f}, "
                  f"{posterior.evaluations} decodes ({rate:.0f}/s), {posterior.failures} undecodable, "
                  f"ETA {elapsed / (step + 1) * (steps - step - 1):.0f} s", file=sys.stderr, flush=True)
    return chain, chain_blobs, chain_log_p, accepted / (steps * walkers)


# --------------------------------------------------------------------------------------------
# Derived quantity: pressure at 2 n_sat from the full EOS table
# --------------------------------------------------------------------------------------------

def autocorrelation_time(series: np.ndarray, c: float = 5.0) -> float:
    """Integrated autocorrelation time [steps] of a (steps, walkers) array: the walker-averaged normalised
    autocorrelation function summed up to Sokal's automatic window (M >= c tau), as emcee estimates it."""
    steps = series.shape[0]
    x = series - series.mean(axis=0)
    size = 1 << (2 * steps - 1).bit_length()
    spectrum = np.fft.rfft(x, n=size, axis=0)
    acf = np.fft.irfft(spectrum * np.conjugate(spectrum), axis=0)[:steps]
    acf = acf / np.where(acf[0] > 0, acf[0], 1.0)
    f = acf.mean(axis=1)
    taus = 2.0 * np.cumsum(f) - 1.0
    window = np.arange(len(taus)) < c * taus
    m = int(np.argmin(window)) if not window.all() else len(taus) - 1
    return float(taus[m])


def pressure_at(items: list[dict], density: float) -> np.ndarray:
    """p(n_B = density) [MeV fm^-3] of each decoded EOS, by linear interpolation of log p in log n_B."""
    values = np.full(len(items), np.nan)
    for i, item in enumerate(items):
        if not item["ok"]:
            continue
        eos = item["result"]["eos"]
        n, p = np.asarray(eos["n_b"]), np.asarray(eos["pressure"])
        if n[-1] >= density:
            values[i] = math.exp(np.interp(math.log(density), np.log(n), np.log(p)))
    return values


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def interval(values: np.ndarray, mass: float) -> tuple[float, float]:
    tail = 50.0 * (1.0 - mass)
    low, high = np.percentile(values, [tail, 100.0 - tail])
    return float(low), float(high)


def _smooth(counts: np.ndarray) -> np.ndarray:
    """A 3x3 binomial blur, so that contours of a few thousand samples are not ragged."""
    kernel = np.array([0.25, 0.5, 0.25])
    padded = np.pad(counts, 1, mode="edge")
    rows = kernel[0] * padded[:-2, :] + kernel[1] * padded[1:-1, :] + kernel[2] * padded[2:, :]
    return kernel[0] * rows[:, :-2] + kernel[1] * rows[:, 1:-1] + kernel[2] * rows[:, 2:]


def corner_plot(columns: dict[str, np.ndarray], path: str, title: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(columns)
    k = len(names)
    figure, axes = plt.subplots(k, k, figsize=(2.6 * k, 2.6 * k))
    for row in range(k):
        for col in range(k):
            ax = axes[row, col]
            x = columns[names[col]]
            if col > row:
                ax.set_visible(False)
                continue
            if row == col:
                ax.hist(x, bins=40, color="#3b6ea5", histtype="stepfilled", alpha=0.75)
                median = np.median(x)
                low, high = interval(x, 0.68)
                for value in (low, median, high):
                    ax.axvline(value, color="k", ls="--" if value != median else "-", lw=0.8)
                ax.set_title(f"{names[col]}\n{median:.3g} (+{high - median:.2g} / -{median - low:.2g})", fontsize=9)
                ax.set_yticks([])
            else:
                y = columns[names[row]]
                ax.hist2d(x, y, bins=35, cmap="Blues")
                # 68 % and 95 % credible contours from a smoothed histogram.
                counts, xe, ye = np.histogram2d(x, y, bins=25)
                counts = _smooth(counts)
                flat = np.sort(counts.ravel())[::-1]
                cumulative = np.cumsum(flat) / flat.sum()
                levels = sorted({flat[np.searchsorted(cumulative, q)] for q in (0.68, 0.95)})
                if len(levels) == 2 and levels[0] < levels[1]:
                    ax.contour(0.5 * (xe[1:] + xe[:-1]), 0.5 * (ye[1:] + ye[:-1]), counts.T, levels=levels,
                               colors="k", linewidths=0.8)
            if row == k - 1:
                ax.set_xlabel(names[col])
            else:
                ax.set_xticklabels([])
            if col == 0 and row > 0:
                ax.set_ylabel(names[row])
            elif col > 0:
                ax.set_yticklabels([])
    figure.suptitle(title, fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=os.environ.get("EOS_SERVER", "http://127.0.0.1:8080"),
                        help="eos-server base URL (default: $EOS_SERVER, else http://127.0.0.1:8080)")
    parser.add_argument("--walkers", type=int, default=64, help="ensemble size (even; default 64)")
    parser.add_argument("--steps", type=int, default=2000, help="steps per walker (default 2000)")
    parser.add_argument("--burn", type=int, default=None, help="steps discarded as burn-in (default steps/3)")
    parser.add_argument("--thin", type=int, default=None, help="keep every n-th step (default: about 5000 samples)")
    parser.add_argument("--eos-points", type=int, default=400, help="EOS table points for p(2 n_sat) (default 400)")
    parser.add_argument("--gw", choices=["split", "bound"], default="split",
                        help="GW170817 constraint: split normal 190 +390 -120 (90%%) or bound Lambda_1.4 <= 800")
    parser.add_argument("--parallel", type=int, default=1,
                        help="batch chunks in flight at once, each on its own connection (use the replica count "
                             "of a scaled-out deployment)")
    parser.add_argument("--chunk-size", type=int, default=None,
                        help="points per request (default: the server's max_batch_points)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default 120)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (recorded in summary.json)")
    parser.add_argument("--short", action="store_true", help="a small chain for CI: 16 walkers x 40 steps")
    parser.add_argument("--out", default="mcmc-results", help="output directory (default mcmc-results)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args()
    if args.short:
        args.walkers, args.steps = 16, 40
        args.eos_points = min(args.eos_points, 200)
    if args.walkers < 4 or args.walkers % 2:
        parser.error("--walkers must be even and at least 4")
    burn = args.burn if args.burn is not None else args.steps // 3
    if not 0 <= burn < args.steps:
        parser.error("--burn must be in [0, steps)")

    started = time.perf_counter()
    try:
        service = EOSService(args.server, timeout=args.timeout, parallel=args.parallel, chunk_size=args.chunk_size)
    except (requests.RequestException, ServiceError) as error:
        print(f"mcmc_eos: cannot use the server at {args.server}: {error}", file=sys.stderr)
        return 3
    posterior = Posterior(service, gw=args.gw)
    rng = np.random.default_rng(args.seed)
    print(f"model {service.model['name']}: M_max {posterior.m_range[0]:.3f}-{posterior.m_range[1]:.3f} Msun, "
          f"R_1.4 {posterior.r_range[0]:.2f}-{posterior.r_range[1]:.2f} km, d = {posterior.dimension - 2}; "
          f"{args.walkers} walkers x {args.steps} steps, seed {args.seed}", file=sys.stderr)
    try:
        chain, blobs, log_p, acceptance = stretch_sampler(posterior, args.walkers, args.steps, rng, progress=not args.quiet)
    except (requests.RequestException, ServiceError) as error:
        print(f"mcmc_eos: request failed: {error}", file=sys.stderr)
        return 4
    sampling_seconds = time.perf_counter() - started

    kept = args.steps - burn
    names = ["latent_m_max", "latent_r_14"] + [f"z{i}" for i in range(posterior.dimension - 2)]
    tau = {name: autocorrelation_time(chain[burn:, :, i]) for i, name in enumerate(names)}
    tau.update({name: autocorrelation_time(np.nan_to_num(blobs[burn:, :, i], nan=np.nanmedian(blobs[burn:, :, i])))
                for i, name in enumerate(["m_max", "r_14", "lambda_14"])})
    tau_max = max(tau.values())
    thin = args.thin or max(1, (kept * args.walkers) // 5000)
    samples = chain[burn::thin].reshape(-1, posterior.dimension)
    sample_blobs = blobs[burn::thin].reshape(-1, 3)
    finite = np.all(np.isfinite(sample_blobs), axis=1)
    samples, sample_blobs = samples[finite], sample_blobs[finite]

    # Pressure at 2 n_sat from full decodes of the posterior samples (unique points only).
    unique, inverse = np.unique(samples, axis=0, return_inverse=True)
    items = service.decode_batch(unique, include="full", eos_points=args.eos_points, mr_points=2)
    p2 = pressure_at(items, 2 * N_SAT)[np.asarray(inverse).reshape(-1)]

    os.makedirs(args.out, exist_ok=True)
    d = posterior.dimension - 2
    with open(os.path.join(args.out, "posterior.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["latent_m_max", "latent_r_14"] + [f"z{i}" for i in range(d)]
                        + ["m_max", "r_14", "lambda_14", "p_2nsat_MeV_fm3"])
        for theta, blob, p in zip(samples, sample_blobs, p2):
            writer.writerow([f"{v:.6g}" for v in theta] + [f"{v:.6g}" for v in blob] + [f"{p:.6g}"])

    columns = {"R_1.4 [km]": sample_blobs[:, 1], "M_max [Msun]": sample_blobs[:, 0],
               "p(2 n_sat) [MeV/fm^3]": p2, "Lambda_1.4": sample_blobs[:, 2]}
    summary = {
        "server": args.server, "model": service.model["name"], "seed": args.seed, "walkers": args.walkers,
        "steps": args.steps, "burn": burn, "thin": thin, "samples": int(len(samples)), "gw": args.gw,
        "acceptance": round(float(acceptance), 3), "decodes": posterior.evaluations,
        "undecodable": posterior.failures, "requests": service.requests,
        "decode_rate_per_s": round(service.points / max(service.seconds, 1e-9), 1),
        "autocorrelation_steps": {k: round(v, 1) for k, v in tau.items()},
        "effective_samples": int(kept * args.walkers / tau_max),
        "chain_over_tau": round(kept / tau_max, 1),
        "sampling_seconds": round(sampling_seconds, 1), "total_seconds": round(time.perf_counter() - started, 1),
        "posterior": {},
    }
    for name, values in columns.items():
        values = values[np.isfinite(values)]
        if len(values) == 0:
            continue
        summary["posterior"][name] = {
            "median": round(float(np.median(values)), 4),
            "68%": [round(v, 4) for v in interval(values, 0.68)],
            "90%": [round(v, 4) for v in interval(values, 0.90)],
        }
    with open(os.path.join(args.out, "summary.json"), "w") as handle:
        json.dump(summary, handle, indent=2)
    plot_columns = {k: v for k, v in columns.items() if k != "Lambda_1.4"}
    ok = np.all([np.isfinite(v) for v in plot_columns.values()], axis=0)
    corner_plot({k: v[ok] for k, v in plot_columns.items()}, os.path.join(args.out, "corner.png"),
                f"model {service.model['name']}: {len(samples)} samples, {args.walkers} walkers x {args.steps} steps "
                f"(burn {burn}), J0740 + NICER R_1.4 + GW170817 ({args.gw})")
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
