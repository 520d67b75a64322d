"""Published neutron-star measurements as log-likelihood functions (numpy/scipy only, no server).

Every measurement is stored as the numbers its paper quotes, with the source beside it, and turned into a
density by one documented approximation:

* **Radio pulsar masses** -- the probability that the EOS supports the pulsar, P(M_obs <= M_TOV) with
  M_obs ~ N(mean, sigma):  log L = log Phi((M_TOV - mean) / sigma)  (``radio_mass_log_likelihood``).
  It is finite for any finite M_TOV: an M_TOV below the pulsar's mass is penalised by the Gaussian tail
  (about -(z^2)/2 for z = (M_TOV - mean)/sigma << 0), never NaN.
* **NICER mass-radius posteriors** -- a two-dimensional density in (M, R): each marginal a split normal
  whose 16th, 50th and 84th percentiles are the published ones (``SplitNormal``), joined by a Gaussian
  copula with correlation ``rho`` (``NicerMeasurement``). The pulsar's mass is a nuisance parameter of the sampler; R is the
  decoded EOS's radius at that mass. A mass the EOS cannot support has no star: log L = -inf.
* **GW170817** -- the binary tidal deformability Lambda~ at the component masses (m1, m2) given by the
  source-frame chirp mass and the mass ratio q (a nuisance parameter), against a split normal with the
  published central value and 90 % interval.

Published posteriors are used as likelihoods, i.e. the measurement papers' priors on M and R (uniform
in R, the radio-timing prior on M) and the LVC prior on the tidal parameters are not divided out. This
is the usual approximation when only summary numbers are public; it is stated again in the README.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

#: G M_sun / c^2 [km] (IAU 2015 nominal solar mass parameter), to turn M [Msun] / R [km] into GM/(R c^2).
GM_SUN_KM = 1.4766250

#: One standard deviation of a normal distribution holds this probability (the "68 %" of the papers).
ONE_SIGMA = special.ndtr(1.0) - special.ndtr(-1.0)


# ----------------------------------------------------------------------------------------------------
# One-dimensional building block
# ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SplitNormal:
    """A published "median +plus -minus" as a distribution: X = median + sigma_low Z for Z < 0 and
    median + sigma_high Z for Z >= 0, Z standard normal, i.e. each side of the median holds probability 1/2
    and is a half-normal of its own width. Its percentiles reproduce the published ones exactly for any
    asymmetry (sigma = error / Phi^-1((1 + mass)/2): the 68.27 % interval is median - sigma_low ..
    median + sigma_high). The density phi(z)/sigma is largest at the median (from the narrower side) and
    jumps there by the factor sigma_high/sigma_low; a continuous two-piece normal cannot match intervals as
    skewed as J0740's 13.7 +2.6 -1.5 km (its (upper-median)/(median-lower) ratio is at most 1.55)."""

    median: float
    sigma_low: float
    sigma_high: float

    def __post_init__(self) -> None:
        if not (self.sigma_low > 0 and self.sigma_high > 0 and math.isfinite(self.median)):
            raise ValueError(f"SplitNormal needs a finite median and positive widths, got {self}")

    @classmethod
    def from_interval(cls, median: float, minus: float, plus: float, mass: float = ONE_SIGMA) -> "SplitNormal":
        """From a central ``mass`` interval (median - minus, median + plus): 68.27 % by default, 0.90 for
        the 5th-95th percentiles."""
        k = special.ndtri(0.5 * (1.0 + mass))
        return cls(median, minus / k, plus / k)

    def score(self, x: np.ndarray) -> np.ndarray:
        """The standard normal value Z at the same quantile as x: (x - median)/sigma of x's side."""
        d = np.asarray(x, dtype=float) - self.median
        return np.where(d < 0, d / self.sigma_low, d / self.sigma_high)

    def log_sigma(self, x: np.ndarray) -> np.ndarray:
        """ln of the width on x's side of the median (at the median itself the narrower one, so that the density
        there is its maximum)."""
        d = np.asarray(x, dtype=float) - self.median
        at_median = math.log(min(self.sigma_low, self.sigma_high))
        return np.where(d < 0, math.log(self.sigma_low), np.where(d > 0, math.log(self.sigma_high), at_median))

    def logpdf(self, x: np.ndarray) -> np.ndarray:
        z = self.score(x)
        return -0.5 * math.log(2.0 * math.pi) - 0.5 * z * z - self.log_sigma(x)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        return special.ndtr(self.score(x))

    def quantile(self, p: np.ndarray) -> np.ndarray:
        z = special.ndtri(np.asarray(p, dtype=float))
        return self.median + np.where(z < 0, self.sigma_low, self.sigma_high) * z


# ----------------------------------------------------------------------------------------------------
# Radio pulsar masses
# ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PulsarMass:
    """A radio-timing mass measurement M = mean +- sigma [Msun] (Gaussian), with its source."""

    name: str
    mean: float
    sigma: float
    source: str


#: PSR J0348+0432: 2.01 +- 0.04 Msun (Antoniadis et al. 2013, Science 340, 1233232).
J0348_MASS = PulsarMass("J0348+0432", 2.01, 0.04, "Antoniadis et al. 2013, Science 340, 1233232")
#: PSR J0740+6620: 2.08 +- 0.07 Msun (Fonseca et al. 2021, ApJL 915, L12).
J0740_MASS = PulsarMass("J0740+6620", 2.08, 0.07, "Fonseca et al. 2021, ApJL 915, L12")


def radio_mass_log_likelihood(m_tov: np.ndarray, pulsar: PulsarMass) -> np.ndarray:
    """log P(M_obs <= M_TOV) for M_obs ~ N(mean, sigma): log Phi((M_TOV - mean)/sigma) [M_TOV in Msun].
    Finite for every finite M_TOV (log_ndtr has no underflow); -inf only where M_TOV is NaN (no EOS)."""
    m_tov = np.asarray(m_tov, dtype=float)
    return np.where(np.isnan(m_tov), -np.inf, special.log_ndtr((m_tov - pulsar.mean) / pulsar.sigma))


# ----------------------------------------------------------------------------------------------------
# NICER mass-radius measurements
# ----------------------------------------------------------------------------------------------------

def correlation_from_compactness(mass: tuple[float, float, float], radius: tuple[float, float, float],
                                 compactness: tuple[float, float, float]) -> float:
    """Correlation of ln M and ln R implied by published (median, minus, plus) intervals of M [Msun],
    R [km] and C = GM/(R c^2), from var(ln C) = var(ln M) + var(ln R) - 2 rho sd(ln M) sd(ln R) with each
    sd the mean half-width of the 68 % interval over the median (a small-error approximation)."""
    def log_sd(m: float, minus: float, plus: float) -> float:
        return 0.5 * (minus + plus) / m

    s_m, s_r, s_c = log_sd(*mass), log_sd(*radius), log_sd(*compactness)
    rho = (s_m ** 2 + s_r ** 2 - s_c ** 2) / (2.0 * s_m * s_r)
    if not -1.0 < rho < 1.0:
        raise ValueError(f"the intervals imply no valid correlation (rho = {rho:.3f})")
    return rho


@dataclass(frozen=True)
class NicerMeasurement:
    """A NICER (M, R) posterior summarised as two split-normal marginals (the published medians and 68 %
    intervals) joined by a Gaussian copula of correlation ``rho``. With u, v the scores of M and R
    (``SplitNormal.score``), the density is the bivariate standard normal in (u, v) times the Jacobian:

        log L(M, R) = -ln(2 pi) - ln(1 - rho^2)/2 - (u^2 - 2 rho u v + v^2) / (2 (1 - rho^2)) - ln s_M - ln s_R

    (s the width on the value's side of the median). Its marginals are exactly the split normals; with
    symmetric errors it is the bivariate normal; it is largest at the published medians."""

    name: str
    mass: SplitNormal
    radius: SplitNormal
    rho: float
    source: str
    #: The nuisance mass's prior: uniform over this range [Msun] (the mass marginal's 0.01 %-99.99 % range).
    mass_prior: tuple[float, float]

    @classmethod
    def from_published(cls, name: str, mass: tuple[float, float, float], radius: tuple[float, float, float],
                       rho: float, source: str) -> "NicerMeasurement":
        """From (median, minus, plus) of M [Msun] and R [km] at 68 % (16th-84th percentiles)."""
        mass_marginal = SplitNormal.from_interval(*mass)
        low, high = mass_marginal.quantile(np.array([1e-4, 1.0 - 1e-4]))
        return cls(name, mass_marginal, SplitNormal.from_interval(*radius), rho, source,
                   (float(max(low, 0.5)), float(min(high, 3.0))))

    def log_likelihood(self, mass: np.ndarray, radius: np.ndarray) -> np.ndarray:
        """log L at mass [Msun] and radius [km]; a NaN radius (no star of that mass) gives -inf."""
        mass = np.asarray(mass, dtype=float)
        radius = np.asarray(radius, dtype=float)
        missing = np.isnan(radius) | np.isnan(mass)
        mass, radius = np.where(missing, self.mass.median, mass), np.where(missing, self.radius.median, radius)
        u, v, r = self.mass.score(mass), self.radius.score(radius), self.rho
        log_l = (-math.log(2.0 * math.pi) - 0.5 * math.log(1.0 - r * r)
                 - (u * u - 2.0 * r * u * v + v * v) / (2.0 * (1.0 - r * r))
                 - self.mass.log_sigma(mass) - self.radius.log_sigma(radius))
        return np.where(missing, -np.inf, log_l)


#: PSR J0030+0451, Miller et al. 2019, ApJL 887, L24 (three oval spots): M = 1.44 +0.15 -0.14 Msun,
#: R_e = 13.02 +1.24 -1.06 km (68 %); compactness GM/(R c^2) = 0.163 +0.008 -0.009, whose narrow width
#: fixes the M-R correlation (``correlation_from_compactness``: rho = 0.86).
J0030_MILLER2019 = NicerMeasurement.from_published(
    "J0030+0451", (1.44, 0.14, 0.15), (13.02, 1.06, 1.24),
    correlation_from_compactness((1.44, 0.14, 0.15), (13.02, 1.06, 1.24), (0.163, 0.009, 0.008)),
    "Miller et al. 2019, ApJL 887, L24")

#: PSR J0740+6620, Miller et al. 2021, ApJL 918, L28 (NICER + XMM-Newton): R_e = 13.7 +2.6 -1.5 km (68 %)
#: with the radio mass 2.08 +- 0.07 Msun (Fonseca et al. 2021) as the mass prior; the mass is set by radio
#: timing, not by the X-ray fit, so rho = 0.
J0740_MILLER2021 = NicerMeasurement.from_published(
    "J0740+6620", (2.08, 0.07, 0.07), (13.7, 1.5, 2.6), 0.0, "Miller et al. 2021, ApJL 918, L28")

#: PSR J0740+6620, Salmi et al. 2024, ApJ 974, 294 (3.6 yr of NICER + XMM-Newton): R_e = 12.49 +1.28 -0.88 km,
#: M = 2.073 +- 0.069 Msun (16th-84th percentiles); mass from the radio prior, rho = 0.
J0740_SALMI2024 = NicerMeasurement.from_published(
    "J0740+6620", (2.073, 0.069, 0.069), (12.49, 0.88, 1.28), 0.0, "Salmi et al. 2024, ApJ 974, 294")

#: PSR J0437-4715, Choudhury et al. 2024, ApJL 971, L20: M = 1.418 +- 0.037 Msun (largely the PPTA radio
#: prior), R_e = 11.36 +0.95 -0.63 km (16th-84th percentiles); rho = 0 for the same reason as J0740.
J0437_CHOUDHURY2024 = NicerMeasurement.from_published(
    "J0437-4715", (1.418, 0.037, 0.037), (11.36, 0.63, 0.95), 0.0, "Choudhury et al. 2024, ApJL 971, L20")


# ----------------------------------------------------------------------------------------------------
# Gravitational waves
# ----------------------------------------------------------------------------------------------------

def component_masses(chirp_mass: float, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(m1, m2) [Msun], m1 >= m2, of a binary with chirp mass (m1 m2)^(3/5) / (m1 + m2)^(1/5) and
    mass ratio q = m2 / m1 in (0, 1]:  m1 = Mc (1 + q)^(1/5) q^(-3/5),  m2 = q m1."""
    q = np.asarray(q, dtype=float)
    m1 = chirp_mass * (1.0 + q) ** 0.2 * q ** -0.6
    return m1, q * m1


@dataclass(frozen=True)
class BinaryTides:
    """A binary neutron-star merger's tidal measurement: fixed source-frame chirp mass [Msun], the mass ratio
    q = m2/m1 a nuisance parameter uniform over ``q_range``, and the binary tidal deformability Lambda~."""

    name: str
    chirp_mass: float
    q_range: tuple[float, float]
    lambda_tilde: SplitNormal
    source: str

    def log_likelihood(self, lambda_tilde: np.ndarray) -> np.ndarray:
        """log L of Lambda~ (dimensionless); NaN (a component star does not exist) gives -inf."""
        lambda_tilde = np.asarray(lambda_tilde, dtype=float)
        missing = np.isnan(lambda_tilde)
        return np.where(missing, -np.inf, self.lambda_tilde.logpdf(np.where(missing, 0.0, lambda_tilde)))


#: GW170817, low-spin prior (Abbott et al. 2019, PRX 9, 011001): source-frame chirp mass 1.186 +- 0.001 Msun
#: (held fixed), mass ratio q in (0.73, 1.00) (90 %), Lambda~ = 300 +420 -230 (90 % highest posterior density
#: interval). Approximated as a split normal with median 300 and (70, 720) as its 5th-95th percentiles (the
#: HPD interval read as an equal-tailed one: the published symmetric interval is not used).
GW170817 = BinaryTides("GW170817", 1.186, (0.73, 1.0), SplitNormal.from_interval(300.0, 230.0, 420.0, 0.90),
                       "Abbott et al. 2019, PRX 9, 011001 (low-spin prior)")
