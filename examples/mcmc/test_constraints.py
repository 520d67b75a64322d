"""Tests of the likelihood functions in constraints.py against hand-computed values, closed forms and scipy's
independent implementations (no server needed):  python3 -m unittest discover -s examples/mcmc -p 'test_*.py'"""

import math
import unittest

import numpy as np
from scipy import integrate, stats

import constraints as c

PHI_MINUS_1 = 0.15865525393145707  # Phi(-1), the 16th percentile of a published 68 % interval


class SplitNormalTests(unittest.TestCase):
    def setUp(self):
        self.radius = c.SplitNormal.from_interval(13.7, 1.5, 2.6)  # J0740+6620, Miller et al. 2021

    def test_published_percentiles_are_reproduced_exactly(self):
        np.testing.assert_allclose(self.radius.quantile([PHI_MINUS_1, 0.5, 1 - PHI_MINUS_1]), [12.2, 13.7, 16.3],
                                   rtol=0, atol=1e-12)
        np.testing.assert_allclose(self.radius.cdf([12.2, 13.7, 16.3]), [PHI_MINUS_1, 0.5, 1 - PHI_MINUS_1], atol=1e-15)

    def test_ninety_percent_interval_widths(self):
        # Lambda~ 300 +420 -230 at 90 %: sigma = 420/1.6448536 = 255.3419, 230/1.6448536 = 139.8301.
        gw = c.GW170817.lambda_tilde
        self.assertAlmostEqual(gw.sigma_high, 255.34187, places=4)
        self.assertAlmostEqual(gw.sigma_low, 139.83007, places=4)
        np.testing.assert_allclose(gw.quantile([0.05, 0.5, 0.95]), [70.0, 300.0, 720.0], atol=1e-9)

    def test_density_values_by_hand(self):
        # At the median the narrower side's height: -ln(2 pi)/2 - ln 1.5 = -0.9189385 - 0.4054651.
        self.assertAlmostEqual(float(self.radius.logpdf(13.7)), -1.3244036, places=6)
        # One width above: -0.9189385 - 0.5 - ln 2.6 (0.9555114).
        self.assertAlmostEqual(float(self.radius.logpdf(16.3)), -2.3744499, places=6)
        # One width below: -0.9189385 - 0.5 - ln 1.5.
        self.assertAlmostEqual(float(self.radius.logpdf(12.2)), -1.8244036, places=6)

    def test_maximum_is_at_the_published_median(self):
        grid = np.linspace(8.0, 25.0, 20001)
        self.assertTrue(np.all(self.radius.logpdf(grid) <= self.radius.logpdf(13.7)))

    def test_normalised(self):
        pdf = lambda x: math.exp(float(self.radius.logpdf(x)))
        left = integrate.quad(pdf, -np.inf, 13.7)[0]
        right = integrate.quad(pdf, 13.7, np.inf)[0]
        self.assertAlmostEqual(left, 0.5, places=9)
        self.assertAlmostEqual(right, 0.5, places=9)

    def test_symmetric_errors_give_the_normal_distribution(self):
        normal = c.SplitNormal.from_interval(2.08, 0.07, 0.07)
        x = np.linspace(1.7, 2.4, 15)
        np.testing.assert_allclose(normal.logpdf(x), stats.norm(2.08, 0.07).logpdf(x), atol=1e-12)

    def test_rejects_non_positive_widths(self):
        with self.assertRaises(ValueError):
            c.SplitNormal(1.4, 0.0, 0.1)


class RadioMassTests(unittest.TestCase):
    def test_half_at_the_measured_mass(self):
        self.assertAlmostEqual(float(c.radio_mass_log_likelihood(2.01, c.J0348_MASS)), math.log(0.5), places=12)

    def test_values_by_hand(self):
        # M_TOV = 2.15 for J0740 (2.08 +- 0.07): z = 1, log Phi(1) = log 0.8413447 = -0.1727538.
        self.assertAlmostEqual(float(c.radio_mass_log_likelihood(2.15, c.J0740_MASS)), -0.1727538, places=6)
        # M_TOV = 1.81 for J0348 (2.01 +- 0.04): z = -5, Phi(-5) = 2.8665157e-7, log = -15.064998.
        self.assertAlmostEqual(float(c.radio_mass_log_likelihood(1.81, c.J0348_MASS)), -15.064998, places=5)

    def test_m_tov_far_below_the_pulsar_is_a_finite_penalty_not_nan(self):
        # M_TOV = 1.0: z = -25.25; the Gaussian tail log Phi(z) ~ -z^2/2 - ln(-z) - ln(2 pi)/2 - 1/z^2 = -322.93.
        value = float(c.radio_mass_log_likelihood(1.0, c.J0348_MASS))
        z = (1.0 - 2.01) / 0.04
        self.assertTrue(math.isfinite(value))
        self.assertAlmostEqual(value, -0.5 * z * z - math.log(-z) - 0.5 * math.log(2 * math.pi) - 1 / z ** 2, places=4)

    def test_monotone_in_m_tov_and_no_eos_is_minus_infinity(self):
        values = c.radio_mass_log_likelihood(np.linspace(1.0, 3.0, 101), c.J0348_MASS)
        self.assertTrue(np.all(np.diff(values) > 0))
        self.assertEqual(float(c.radio_mass_log_likelihood(np.nan, c.J0348_MASS)), -math.inf)


class NicerTests(unittest.TestCase):
    def test_j0030_correlation_from_the_compactness_by_hand(self):
        # sd(ln M) = 0.145/1.44 = 0.1006944, sd(ln R) = 1.15/13.02 = 0.0883257, sd(ln C) = 0.0085/0.163 = 0.0521472:
        # rho = (0.01013937 + 0.00780143 - 0.00271933) / (2 x 0.1006944 x 0.0883257) = 0.01522147 / 0.01778781 = 0.855724.
        self.assertAlmostEqual(c.J0030_MILLER2019.rho, 0.855724, places=5)

    def test_symmetric_measurement_is_the_bivariate_normal(self):
        m = c.NicerMeasurement.from_published("test", (1.4, 0.1, 0.1), (12.0, 0.8, 0.8), 0.6, "test")
        mass, radius = np.meshgrid(np.linspace(1.1, 1.7, 7), np.linspace(10.5, 13.5, 7))
        covariance = [[0.01, 0.6 * 0.1 * 0.8], [0.6 * 0.1 * 0.8, 0.64]]
        expected = stats.multivariate_normal([1.4, 12.0], covariance).logpdf(np.dstack([mass, radius]))
        np.testing.assert_allclose(m.log_likelihood(mass, radius), expected, atol=1e-10)

    def test_maximum_at_the_published_medians(self):
        for m in (c.J0030_MILLER2019, c.J0740_MILLER2021, c.J0437_CHOUDHURY2024):
            mass, radius = np.meshgrid(np.linspace(m.mass.quantile(0.01), m.mass.quantile(0.99), 301),
                                       np.linspace(m.radius.quantile(0.01), m.radius.quantile(0.99), 301))
            peak = m.log_likelihood(m.mass.median, m.radius.median)
            self.assertTrue(np.all(m.log_likelihood(mass, radius) <= peak + 1e-12), m.name)

    def test_radius_marginal_is_the_split_normal(self):
        m = c.J0030_MILLER2019
        for radius in (11.0, 12.5, 13.02, 14.5):
            marginal = integrate.quad(lambda mass: math.exp(float(m.log_likelihood(mass, radius))), 0.5, 2.5,
                                      points=[m.mass.median], limit=200)[0]
            self.assertAlmostEqual(marginal, math.exp(float(m.radius.logpdf(radius))), places=7)

    def test_no_star_at_the_pulsar_mass_is_minus_infinity_not_nan(self):
        values = c.J0740_MILLER2021.log_likelihood(np.array([2.3, 2.0]), np.array([np.nan, 12.5]))
        self.assertEqual(values[0], -math.inf)
        self.assertTrue(math.isfinite(values[1]))

    def test_mass_prior_covers_the_measurement(self):
        low, high = c.J0437_CHOUDHURY2024.mass_prior
        self.assertAlmostEqual(low, 1.418 - 3.7190165 * 0.037, places=5)  # 0.01 % percentile: z = -3.7190165
        self.assertAlmostEqual(high, 1.418 + 3.7190165 * 0.037, places=5)


class GravitationalWaveTests(unittest.TestCase):
    def test_equal_masses_by_hand(self):
        # q = 1: m1 = m2 = Mc 2^(1/5) = 1.186 x 1.1486984 = 1.3623563.
        m1, m2 = c.component_masses(1.186, 1.0)
        self.assertAlmostEqual(float(m1), 1.3623563, places=6)
        self.assertAlmostEqual(float(m2), 1.3623563, places=6)

    def test_chirp_mass_round_trip_and_published_component_range(self):
        m1, m2 = c.component_masses(1.186, np.array([0.73, 0.85, 1.0]))
        np.testing.assert_allclose((m1 * m2) ** 0.6 / (m1 + m2) ** 0.2, 1.186, rtol=1e-13)
        np.testing.assert_allclose(m2 / m1, [0.73, 0.85, 1.0], rtol=1e-13)
        # PRX 9, 011001 (low spin): components between 1.16 and 1.60 Msun.
        self.assertAlmostEqual(float(m1[0]), 1.60, delta=0.005)
        self.assertAlmostEqual(float(m2[0]), 1.17, delta=0.01)

    def test_lambda_tilde_likelihood(self):
        values = c.GW170817.log_likelihood(np.array([300.0, 70.0, 720.0, np.nan]))
        self.assertTrue(np.all(c.GW170817.log_likelihood(np.linspace(0, 2000, 4001)) <= values[0]))
        # At the 90 % ends the score is -1.6448536 and 1.6448536 of their own sides.
        self.assertAlmostEqual(values[1] - values[0], -0.5 * 1.6448536 ** 2, places=6)
        self.assertAlmostEqual(values[2] - values[0], -0.5 * 1.6448536 ** 2 - math.log(420 / 230), places=6)
        self.assertEqual(values[3], -math.inf)


if __name__ == "__main__":
    unittest.main()
