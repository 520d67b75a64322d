"""Tests of posterior.py (request building, prior, answer parsing, likelihood sum) against a fake service that
answers like eos-server's ``"include": "observables"`` batch path, so no server is needed."""

import json
import math
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from io import StringIO
from unittest import mock

import numpy as np

import constraints as c
import mcmc_eos
from posterior import ConstraintSet, LatentRegion, LearnedRegion, Posterior, latent_region

MODEL = {"name": "fake", "limits": {"max_batch_points": 1024},
         "training_region": {"z_sigmas": 3, "m_max": {"min": 1.95, "max": 2.41}, "r_14": {"min": 11.1, "max": 14.2},
                             "z": [{"mean": 0.0, "std": 1.0, "min": -4.0, "max": 4.0}]}}


class FakeService:
    """A toy EOS per point: M_TOV = the m_max label, R(M) = r_14 label + 0.5 (M - 1.4) km up to M_TOV,
    Lambda~ = 400 for any binary, p(n) = 10 (n / 0.16)^2 MeV fm^-3. Points whose z[0] > 2 fail to decode."""

    def __init__(self):
        self.model = MODEL
        self.sent = []
        self.points = 0
        self.requests = 0
        self.seconds = 1e-3

    def decode_batch(self, points, include, **options):
        assert include == "observables"
        self.sent.extend(points)
        self.points = len(self.sent)
        self.requests += 1
        return [self._answer(p, options.get("observables", {})) for p in points]

    @staticmethod
    def _answer(point, batch_observables):
        if point["z"][0] > 2.0:
            return {"index": 0, "ok": False, "error": {"code": "undecodable", "message": "no maximum"}}
        m_tov, r_14 = point["m_max"], point["r_14"]
        wanted = point.get("observables", batch_observables)
        stars = [{"mass": m, "exists": m <= m_tov, "radius_km": r_14 + 0.5 * (m - 1.4) if m <= m_tov else None,
                  "lambda": 30.0 if m <= m_tov else None} for m in wanted.get("masses", [])]
        binaries = [{"m1": b["m1"], "m2": b["m2"], "exists": True, "lambda_tilde": 400.0}
                    for b in wanted.get("binaries", [])]
        densities = [{"n_b": n, "pressure": 10.0 * (n / 0.16) ** 2, "energy_density": 150.0, "cs2": 0.3}
                     for n in wanted.get("densities", [])]
        return {"index": 0, "ok": True, "result": {
            "m_max": m_tov, "r_14": r_14, "lambda_14": 500.0, "input": point, "diagnostics": {},
            "observables": {"m_tov": m_tov, "r_tov_km": 11.0, "center": {"n_b": 0.96, "pressure": 800.0,
                                                                          "energy_density": 1500.0},
                            "max_cs2": 0.8, "at_masses": stars, "binaries": binaries, "at_densities": densities}}}


def make_posterior():
    service = FakeService()
    constraints = ConstraintSet(radio=(c.J0348_MASS,), nicer=(c.J0030_MILLER2019, c.J0740_MILLER2021),
                                binaries=(c.GW170817,))
    return service, Posterior(service, LatentRegion(MODEL), constraints)


class PosteriorTests(unittest.TestCase):
    def test_parameter_layout_and_bounds(self):
        _, posterior = make_posterior()
        self.assertEqual(posterior.names, ["m_max_label", "r_14_label", "z0", "mass_J0030+0451", "mass_J0740+6620",
                                           "q_GW170817"])
        np.testing.assert_allclose(posterior.lower[[0, 1, 2, 5]], [1.95, 11.1, -3.0, 0.73])
        np.testing.assert_allclose(posterior.upper[[0, 1, 2, 5]], [2.41, 14.2, 3.0, 1.0])

    def test_request_carries_the_nuisance_parameters(self):
        _, posterior = make_posterior()
        point = posterior.request_point(np.array([2.2, 12.5, 0.3, 1.44, 2.05, 1.0]))
        self.assertEqual(point["z"], [0.3])
        self.assertEqual(point["observables"]["masses"], [1.44, 2.05, 2.0])
        self.assertEqual(point["observables"]["densities"], [0.16, 0.32])
        (binary,) = point["observables"]["binaries"]
        self.assertAlmostEqual(binary["m1"], 1.3623563, places=6)  # 1.186 x 2^(1/5)
        self.assertAlmostEqual(binary["m2"], 1.3623563, places=6)

    def test_log_posterior_is_the_sum_of_the_terms(self):
        service, posterior = make_posterior()
        theta = np.array([[2.2, 12.5, 0.3, 1.44, 2.05, 0.9]])
        row = posterior(theta)[0]
        expected_l = (float(c.radio_mass_log_likelihood(2.2, c.J0348_MASS))
                      + float(c.J0030_MILLER2019.log_likelihood(1.44, 12.5 + 0.5 * 0.04))
                      + float(c.J0740_MILLER2021.log_likelihood(2.05, 12.5 + 0.5 * 0.65))
                      + float(c.GW170817.log_likelihood(400.0)))
        expected_prior = -0.5 * 0.3 ** 2
        self.assertAlmostEqual(row[0], expected_prior + expected_l, places=12)
        self.assertAlmostEqual(row[-1], expected_l, places=12)
        names = posterior.blob_names
        self.assertAlmostEqual(row[1 + names.index("r_2.0")], 12.5 + 0.5 * 0.6)
        self.assertAlmostEqual(row[1 + names.index("p_2nsat")], 40.0)
        self.assertAlmostEqual(row[1 + names.index("n_center_tov")], 6.0)
        self.assertEqual(len(service.sent), 1)

    def test_outside_the_prior_no_request(self):
        service, posterior = make_posterior()
        rows = np.array([[2.5, 12.5, 0.3, 1.44, 2.05, 0.9],    # M_max label above the training box
                         [2.2, 12.5, 3.5, 1.44, 2.05, 0.9],    # z beyond 3 sigma
                         [2.2, 12.5, 0.3, 1.44, 2.05, 0.5]])   # q below GW170817's range
        values = posterior(rows)
        self.assertTrue(np.all(values[:, 0] == -math.inf))
        self.assertEqual(service.sent, [])

    def test_pulsar_heavier_than_m_tov_gives_minus_infinity_not_nan(self):
        _, posterior = make_posterior()
        row = posterior(np.array([[2.0, 12.5, 0.3, 1.44, 2.1, 0.9]]))[0]  # J0740 mass 2.1 > M_TOV 2.0
        self.assertEqual(row[0], -math.inf)
        self.assertTrue(math.isnan(row[1 + posterior.blob_names.index("R_J0740+6620")]))
        self.assertFalse(np.isnan(row[0]))

    def test_m_tov_below_a_radio_mass_is_a_finite_penalty(self):
        service = FakeService()
        posterior = Posterior(service, LatentRegion(MODEL), ConstraintSet(radio=(c.J0348_MASS,)))
        low, high = posterior(np.array([[1.96, 12.5, 0.0], [2.30, 12.5, 0.0]]))[:, 0]
        self.assertTrue(math.isfinite(low))
        self.assertAlmostEqual(high - low, float(c.radio_mass_log_likelihood(2.30, c.J0348_MASS)
                                                 - c.radio_mass_log_likelihood(1.96, c.J0348_MASS)), places=12)

    def test_undecodable_point_is_counted_and_rejected(self):
        _, posterior = make_posterior()
        values = posterior(np.array([[2.2, 12.5, 2.5, 1.44, 2.05, 0.9], [2.2, 12.5, 0.0, 1.44, 2.05, 0.9]]))
        self.assertEqual(values[0, 0], -math.inf)
        self.assertTrue(math.isfinite(values[1, 0]))
        self.assertEqual(posterior.failures, 1)
        self.assertEqual(posterior.evaluations, 2)


def model_with_support(cholesky):
    """MODEL with a one-kernel learned support at the training mean (2 labels + 1 z; calibration by hand)."""
    model = json.loads(json.dumps(MODEL))
    model["training_region"]["z_limit_sigmas"] = 5
    model["training_region"]["support"] = {
        "coordinates": ["m_max", "r_14", "z1"], "center": [2.2, 12.5, 0.0], "cholesky_factor": cholesky,
        "bandwidth": 1.0, "whitened_points": [[0.0, 0.0, 0.0]],
        "calibration_log_densities": [-8.0, -4.5, -2.0, -1.0, -0.6, -0.1], "threshold": 0.5}
    return model


class LearnedRegionTests(unittest.TestCase):
    def test_score_by_hand(self):
        region = LearnedRegion(model_with_support([[0.1, 0, 0], [0, 0.5, 0], [0, 0, 1.0]]))
        # u = ((m - 2.2)/0.1, (r - 12.5)/0.5, z); one kernel at 0 with h = 1: log f = -|u|^2/2.
        rows = np.array([[2.2, 12.5, 0.0],    # log f = 0: above all 6 calibration values -> 1
                         [2.3, 12.5, 0.0],    # |u|^2 = 1, log f = -0.5: above -8, -4.5, -2, -1, -0.6 -> 5/6
                         [2.2, 13.5, 1.0],    # |u|^2 = 4 + 1, log f = -2.5: above -8, -4.5 -> 2/6
                         [2.2, 12.5, 4.5]])   # log f = -10.125: above none -> 0
        np.testing.assert_allclose(region.score(rows), [1.0, 5 / 6, 2 / 6, 0.0])
        log_p = region.log_prior(rows)
        self.assertTrue(np.all(np.isfinite(log_p[:2])))
        self.assertTrue(np.all(log_p[2:] == -math.inf))
        self.assertAlmostEqual(log_p[1], 0.0)  # the prior density itself is unchanged: z = 0

    def test_whitening_uses_the_cholesky_factor(self):
        cholesky = [[0.2, 0.0, 0.0], [0.3, 0.4, 0.0], [0.1, -0.2, 0.5]]
        region = LearnedRegion(model_with_support(cholesky))
        x = np.array([[2.25, 12.8, 0.4]])
        u = np.linalg.inv(np.array(cholesky)) @ (x[0] - [2.2, 12.5, 0.0])
        expected = np.mean(np.array([-8.0, -4.5, -2.0, -1.0, -0.6, -0.1]) < -0.5 * u @ u)
        self.assertAlmostEqual(float(region.score(x)[0]), expected)

    def test_choice_of_region(self):
        self.assertIsInstance(latent_region(model_with_support(np.eye(3).tolist())), LearnedRegion)
        self.assertNotIsInstance(latent_region(model_with_support(np.eye(3).tolist()), "box"), LearnedRegion)
        self.assertNotIsInstance(latent_region(MODEL), LearnedRegion)
        with self.assertRaises(ValueError):
            latent_region(MODEL, "learned")
        # Without the z box, z reaches the server's 5-sigma limit.
        self.assertEqual(LearnedRegion(model_with_support(np.eye(3).tolist())).upper[2], 5.0)


class MainWithFakeServiceTests(unittest.TestCase):
    def test_short_run_writes_every_output(self):
        with tempfile.TemporaryDirectory() as out, redirect_stdout(StringIO()), \
                mock.patch.object(mcmc_eos, "EOSService", lambda *args, **kwargs: FakeService()), \
                mock.patch.object(sys, "argv", ["mcmc_eos.py", "--short", "--quiet", "--out", out]):
            self.assertEqual(mcmc_eos.main(), 0)
            for name in ("posterior.csv", "summary.json", "corner.png", "mass_radius.png", "nicer_regions.json"):
                self.assertGreater(os.path.getsize(os.path.join(out, name)), 0, name)
            with open(os.path.join(out, "summary.json")) as handle:
                summary = json.load(handle)
            with open(os.path.join(out, "nicer_regions.json")) as handle:
                regions = json.load(handle)
        # J0437's 68 % highest-density region by hand (rho = 0, scores u of M and v of R): the density is
        # exp(-(u^2 + v^2)/2)/(sigma_M sigma_R,side), so the region is u^2 + v^2 <= a^2 below the radius median and
        # <= b^2 = a^2 - 2 ln(0.95/0.63) above it, with (1 - e^(-a^2/2))/2 + (1 - e^(-b^2/2))/2 = 0.68:
        # e^(-a^2/2) (1 + 0.95/0.63) = 0.64 -> a^2 = 2.73149, a = 1.65272; b^2 = 1.91001, b = 1.38203.
        (polygon,) = regions["J0437-4715"]["regions"]["68%"]
        r, m = np.array(polygon).T
        self.assertAlmostEqual(r.max(), 11.36 + 1.38203 * 0.95, delta=0.01)
        self.assertAlmostEqual(r.min(), 11.36 - 1.65272 * 0.63, delta=0.01)
        self.assertAlmostEqual(m.max(), 1.418 + 1.65272 * 0.037, delta=0.001)
        self.assertEqual(summary["walkers"] * summary["steps"], 24 * 30)
        self.assertEqual(len(summary["constraints"]), 5)
        # The toy EOS has R_2.0 = r_14 label + 0.3 km exactly: the reported medians must agree.
        self.assertAlmostEqual(summary["posterior"]["R_2.0 [km]"]["median"],
                               summary["posterior"]["R_1.4 [km]"]["median"] + 0.3, delta=0.05)
        self.assertGreater(summary["speed"]["effective_samples"], 0)

    def test_double_counting_j0740_is_refused(self):
        with self.assertRaises(ValueError):
            mcmc_eos.constraint_set(["J0740", "J0740-radio"], "miller2021")
        with self.assertRaises(ValueError):
            mcmc_eos.constraint_set(["J9999"], "miller2021")


if __name__ == "__main__":
    unittest.main()
