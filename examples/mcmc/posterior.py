"""The posterior the sampler explores: parameters, prior, the request for each point, and the likelihood of its answer.

A walker's position is the VAE's latent point (M_max, R_1.4, z_1..z_d) followed by the nuisance parameters of the
switched-on measurements: one mass [Msun] per NICER pulsar, one mass ratio q = m2/m1 per binary merger. Each point
of a half-ensemble becomes one point of a single ``POST /v1/decode/batch`` (``"include": "observables"``) that asks
the decoded EOS for R and Lambda at that point's pulsar masses, Lambda~ at its binary's component masses, R and
Lambda at 2.0 Msun and p, eps, c_s^2 at 1 and 2 n_sat. Points outside the prior never reach the server.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

import constraints as c

N_SAT = 0.16  # nuclear saturation density [fm^-3]
#: Densities [fm^-3] at which every point's EOS is reported: n_sat and 2 n_sat.
REPORT_DENSITIES = (N_SAT, 2.0 * N_SAT)
#: A mass [Msun] at which every point's star is reported (R_2.0, Lambda_2.0).
REPORT_MASS = 2.0


@dataclass(frozen=True)
class ConstraintSet:
    """The switched-on measurements."""

    radio: tuple[c.PulsarMass, ...] = ()
    nicer: tuple[c.NicerMeasurement, ...] = ()
    binaries: tuple[c.BinaryTides, ...] = ()

    def describe(self) -> list[str]:
        return ([f"radio mass {p.name}: {p.mean} +- {p.sigma} Msun ({p.source})" for p in self.radio]
                + [f"NICER {m.name}: M {m.mass.median} -{m.mass.sigma_low:.3g} +{m.mass.sigma_high:.3g} Msun, "
                   f"R {m.radius.median} -{m.radius.sigma_low:.3g} +{m.radius.sigma_high:.3g} km, rho {m.rho:.2f} "
                   f"({m.source})" for m in self.nicer]
                + [f"{b.name}: Mc {b.chirp_mass} Msun, q in {b.q_range}, Lambda~ {b.lambda_tilde.median:g} "
                   f"-{b.lambda_tilde.sigma_low * 1.645:.0f} +{b.lambda_tilde.sigma_high * 1.645:.0f} (90 %) "
                   f"({b.source})" for b in self.binaries])


class LatentRegion:
    """The prior of the latent point, from ``GET /v1/models`` ``training_region``: M_max and R_1.4 uniform over the
    training label box, each z_i normal with the training mean and standard deviation truncated at
    mean +- z_sigmas std (and the training extremes). Checked before any request (``log_prior``)."""

    def __init__(self, model: dict):
        region = model["training_region"]
        sigmas = float(region["z_sigmas"])
        self.z_mean = np.array([z["mean"] for z in region["z"]], dtype=float)
        self.z_std = np.array([z["std"] for z in region["z"]], dtype=float)
        z_low = np.maximum(self.z_mean - sigmas * self.z_std, [z["min"] for z in region["z"]])
        z_high = np.minimum(self.z_mean + sigmas * self.z_std, [z["max"] for z in region["z"]])
        self.lower = np.concatenate([[region["m_max"]["min"], region["r_14"]["min"]], z_low])
        self.upper = np.concatenate([[region["m_max"]["max"], region["r_14"]["max"]], z_high])
        self.dimension = len(self.lower)
        self.description = (f"training box: M_max {self.lower[0]:.3f}-{self.upper[0]:.3f} Msun, R_1.4 "
                            f"{self.lower[1]:.2f}-{self.upper[1]:.2f} km, |z - mean| <= {sigmas:g} std")

    def log_prior(self, latent: np.ndarray) -> np.ndarray:
        inside = np.all((latent >= self.lower) & (latent <= self.upper), axis=1)
        z = (latent[:, 2:] - self.z_mean) / self.z_std
        return np.where(inside, -0.5 * np.sum(z * z, axis=1), -np.inf)


class LearnedRegion(LatentRegion):
    """The same prior density restricted to the model's learned training support instead of the z box: labels in
    the training box and region_score >= threshold, with the score computed here from the published
    ``training_region.support`` (a Gaussian KDE on whitened coordinates, see openapi.yaml ``RegionSupport``), so
    that proposals outside still never reach the server. z is bounded only by the server's z_limit_sigmas."""

    def __init__(self, model: dict):
        super().__init__(model)
        region = model["training_region"]
        support = region["support"]
        limit = float(region.get("z_limit_sigmas", 5.0))
        self.lower[2:] = self.z_mean - limit * self.z_std
        self.upper[2:] = self.z_mean + limit * self.z_std
        self.center = np.array(support["center"], dtype=float)
        self.cholesky = np.array(support["cholesky_factor"], dtype=float)
        self.bandwidth = float(support["bandwidth"])
        self.points = np.array(support["whitened_points"], dtype=float)
        self.calibration = np.array(support["calibration_log_densities"], dtype=float)
        self.threshold = float(support["threshold"])
        if self.center.shape != (self.dimension,) or self.points.shape[1:] != (self.dimension,):
            raise ValueError(f"training_region.support has {len(self.center)} coordinates, the model {self.dimension}")
        self.description = (f"learned support (region_score >= {self.threshold:g}, {len(self.points)} kernels) in the "
                            f"label box M_max {self.lower[0]:.3f}-{self.upper[0]:.3f} Msun, R_1.4 "
                            f"{self.lower[1]:.2f}-{self.upper[1]:.2f} km")

    def score(self, latent: np.ndarray) -> np.ndarray:
        """region_score of rows (M_max, R_1.4, z...): the fraction of calibration log-densities below log f."""
        u = np.linalg.solve(self.cholesky, (np.atleast_2d(latent) - self.center).T).T
        squared = np.sum((u[:, None, :] - self.points[None, :, :]) ** 2, axis=2)
        log_f = special.logsumexp(-squared / (2.0 * self.bandwidth ** 2), axis=1) - math.log(len(self.points))
        return np.searchsorted(self.calibration, log_f, side="left") / len(self.calibration)

    def log_prior(self, latent: np.ndarray) -> np.ndarray:
        log_p = super().log_prior(latent)
        inside = np.isfinite(log_p)
        if inside.any():
            log_p[inside] = np.where(self.score(latent[inside]) >= self.threshold, log_p[inside], -np.inf)
        return log_p


def latent_region(model: dict, kind: str = "auto") -> LatentRegion:
    """The learned support when the model publishes one (``kind`` "auto" or "learned"), else the z box."""
    has_support = model["training_region"].get("support") is not None
    if kind == "learned" and not has_support:
        raise ValueError(f"model {model.get('name')} publishes no learned training_region.support")
    return LearnedRegion(model) if has_support and kind != "box" else LatentRegion(model)


class Posterior:
    """log prior + log likelihood of walker positions, one batch request per call (``__call__``, emcee's
    ``vectorize=True`` interface: rows in, rows of (log posterior, derived quantities...) out)."""

    def __init__(self, service, region: LatentRegion, constraints: ConstraintSet):
        self.service = service
        self.region = region
        self.constraints = constraints
        d = region.dimension - 2
        self.names = (["m_max_label", "r_14_label"] + [f"z{i}" for i in range(d)]
                      + [f"mass_{m.name}" for m in constraints.nicer] + [f"q_{b.name}" for b in constraints.binaries])
        self.lower = np.concatenate([region.lower, [m.mass_prior[0] for m in constraints.nicer],
                                     [b.q_range[0] for b in constraints.binaries]])
        self.upper = np.concatenate([region.upper, [m.mass_prior[1] for m in constraints.nicer],
                                     [b.q_range[1] for b in constraints.binaries]])
        self.dimension = len(self.lower)
        #: Names of the columns after the log posterior in each row ``__call__`` returns (emcee's blobs): derived
        #: quantities (NaN where the EOS or the star is missing) and the log likelihood.
        self.blob_names = (["m_tov", "r_tov", "r_14", "lambda_14", "r_2.0", "lambda_2.0", "p_nsat", "p_2nsat",
                            "max_cs2", "n_center_tov"]
                           + [f"R_{m.name}" for m in constraints.nicer]
                           + [f"lambda_tilde_{b.name}" for b in constraints.binaries]
                           + ["log_likelihood"])
        self.evaluations = 0
        self.failures = 0

    # -- prior -------------------------------------------------------------------------------------------------

    def log_prior(self, theta: np.ndarray) -> np.ndarray:
        """Latent prior (``LatentRegion``) times uniform priors on the nuisance masses and mass ratios."""
        inside = np.all((theta >= self.lower) & (theta <= self.upper), axis=1)
        log_p = self.region.log_prior(theta[:, :self.region.dimension])
        return np.where(inside, log_p, -np.inf)

    # -- request -----------------------------------------------------------------------------------------------

    def _nuisance(self, row: np.ndarray) -> tuple[list[float], list[tuple[float, float]]]:
        k = self.region.dimension
        masses = [float(v) for v in row[k:k + len(self.constraints.nicer)]]
        binaries = []
        for i, merger in enumerate(self.constraints.binaries):
            m1, m2 = c.component_masses(merger.chirp_mass, row[k + len(masses) + i])
            binaries.append((float(m1), float(m2)))
        return masses, binaries

    def request_point(self, row: np.ndarray) -> dict:
        """The batch point for one walker position: its latent point and the observables its likelihood needs."""
        k = self.region.dimension
        masses, binaries = self._nuisance(row)
        return {"m_max": float(row[0]), "r_14": float(row[1]), "z": [float(v) for v in row[2:k]],
                "observables": {"masses": masses + [REPORT_MASS],
                                "binaries": [{"m1": m1, "m2": m2} for m1, m2 in binaries],
                                "densities": list(REPORT_DENSITIES)}}

    # -- likelihood --------------------------------------------------------------------------------------------

    def derived(self, result: dict) -> np.ndarray:
        """The blob row (without the log-likelihood column) of one decoded point's result."""
        obs = result["observables"]
        stars = obs["at_masses"]

        def radius(star: dict) -> float:
            return star["radius_km"] if star["exists"] else np.nan

        report = stars[len(self.constraints.nicer)]
        densities = obs["at_densities"]
        row = [obs["m_tov"], obs["r_tov_km"], result["r_14"], result["lambda_14"], radius(report),
               report["lambda"] if report["exists"] else np.nan, densities[0]["pressure"], densities[1]["pressure"],
               obs["max_cs2"], obs["center"]["n_b"] / N_SAT]
        row += [radius(star) for star in stars[:len(self.constraints.nicer)]]
        row += [b["lambda_tilde"] if b["exists"] else np.nan for b in obs["binaries"]]
        return np.array(row, dtype=float)

    def log_likelihood(self, theta: np.ndarray, derived: np.ndarray) -> np.ndarray:
        """Sum of the switched-on log-likelihoods for rows of positions and their derived quantities (NaN inputs,
        i.e. a missing EOS or star, give -inf; an M_TOV below a radio mass gives the finite Gaussian-tail penalty)."""
        k = self.region.dimension
        names = self.blob_names
        log_l = np.zeros(len(theta))
        for pulsar in self.constraints.radio:
            log_l += c.radio_mass_log_likelihood(derived[:, names.index("m_tov")], pulsar)
        for i, measurement in enumerate(self.constraints.nicer):
            log_l += measurement.log_likelihood(theta[:, k + i], derived[:, names.index(f"R_{measurement.name}")])
        for merger in self.constraints.binaries:
            log_l += merger.log_likelihood(derived[:, names.index(f"lambda_tilde_{merger.name}")])
        return log_l

    def __call__(self, theta: np.ndarray) -> np.ndarray:
        """Rows of [log posterior, derived quantities..., log likelihood] for the rows of ``theta``; one batch
        request for all rows inside the prior, none for the others."""
        theta = np.atleast_2d(np.asarray(theta, dtype=float))
        log_p = self.log_prior(theta)
        derived = np.full((len(theta), len(self.blob_names) - 1), np.nan)
        inside = np.flatnonzero(np.isfinite(log_p))
        if len(inside):
            items = self.service.decode_batch([self.request_point(theta[i]) for i in inside], include="observables")
            self.evaluations += len(inside)
            for row, item in zip(inside, items):
                if not item.get("ok"):
                    self.failures += 1
                else:
                    derived[row] = self.derived(item["result"])
        log_l = self.log_likelihood(theta, derived)
        log_l = np.where(np.isnan(derived[:, 0]), -np.inf, log_l)
        log_post = np.where(np.isfinite(log_p), log_p + log_l, -np.inf)
        return np.column_stack([log_post, derived, log_l])
