"""The demo-timing model's Weibull fit (``demo_timing.fit_shapes``, solved for many samples at once) against
scipy: the same censored maximum likelihood found by a general optimizer over scipy's own Weibull
log-likelihood, and scipy's ``weibull_min.fit`` on censored data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.optimize import minimize_scalar

from prequel.analysis import demo_timing as dt


def scipy_shape(durations, observed) -> float:
    """The shape maximizing the censored profile log-likelihood, scipy's density and survival, the scale at
    its closed form: a bounded scalar search to a tight tolerance."""
    t, d = np.asarray(durations, float), np.asarray(observed, bool)

    def negative(log_k: float) -> float:
        k = math.exp(log_k)
        scale = dt.fit_scale(t, d, k)
        return -(
            stats.weibull_min.logpdf(t[d], k, scale=scale).sum() + stats.weibull_min.logsf(t[~d], k, scale=scale).sum()
        )

    lows, highs = math.log(dt.shape_bounds()[0]), math.log(dt.shape_bounds()[1])
    best = minimize_scalar(negative, bounds=(lows, highs), method="bounded", options={"xatol": 1e-11})
    return math.exp(best.x)


def random_samples(count: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Censored samples of 2 to 60 gaps from Weibulls of shape 0.4 to 4, some with ties (rounded to months)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.integers(2, 61))
        times = rng.uniform(2, 30) * rng.weibull(rng.uniform(0.4, 4), n)
        censor = rng.uniform(0.5, 3) * np.median(times) * np.ones(n)
        t, d = np.minimum(times, censor), times <= censor
        if i % 3 == 0:
            t = np.maximum(np.round(t), 1.0)  # ties, as month counts
        if not d.any():
            d[0] = True
        out.append((t, d))
    return out


def test_shapes_agree_with_scipy_on_random_censored_samples():
    samples = random_samples(120, seed=7)
    for t, d in samples:
        (shape,) = dt.fit_shapes(t, d)
        reference = scipy_shape(t, d)
        interior = dt.shape_bounds()[0] * 1.001 < reference < dt.shape_bounds()[1] * 0.999
        assert shape == pytest.approx(reference, rel=1e-6 if interior else 1e-4), (t, d)
        eta, k = dt.fit_weibull(t, d)
        assert k == shape and eta == pytest.approx(dt.fit_scale(t, d, reference), rel=1e-5)


def test_many_rows_at_once_equal_one_at_a_time():
    n = 25
    rng = np.random.default_rng(5)
    t = rng.weibull(1.3, (200, n)) * 10
    d = rng.uniform(size=(200, n)) < 0.7
    d[:, 0] = True
    together = dt.fit_shapes(t, d)
    alone = np.array([dt.fit_shapes(t[i], d[i])[0] for i in range(len(t))])
    np.testing.assert_allclose(together, alone, rtol=1e-12)
    np.testing.assert_allclose(
        dt.fit_scales(t, d, together), [dt.fit_scale(t[i], d[i], together[i]) for i in range(len(t))], rtol=1e-12
    )


def test_agrees_with_scipy_weibull_min_fit_on_censored_data():
    rng = np.random.default_rng(17)
    times = 12 * rng.weibull(1.6, 400)
    censor = rng.uniform(0, 30, times.size)
    t, d = np.minimum(times, censor), times <= censor
    data = stats.CensoredData(uncensored=t[d], right=t[~d])
    k_scipy, _, eta_scipy = stats.weibull_min.fit(data, floc=0)
    eta, k = dt.fit_weibull(t, d)
    assert k == pytest.approx(k_scipy, rel=1e-3) and eta == pytest.approx(eta_scipy, rel=1e-3)


def test_edge_cases_ties_tiny_samples_and_bounds():
    # one observed gap, or equal observed gaps: the likelihood keeps rising with k, so the upper bound
    assert dt.fit_shapes([5.0], [True])[0] == dt.shape_bounds()[1]
    assert dt.fit_shapes([3.0, 3.0, 3.0], [True, True, True])[0] == dt.shape_bounds()[1]
    assert scipy_shape([3.0, 3.0, 3.0], [True, True, True]) == pytest.approx(dt.shape_bounds()[1], rel=1e-4)
    # gaps spread over 120 orders of magnitude: the lower bound (over ten, an interior shape near it)
    assert dt.fit_shapes([1e-5, 1.0, 1e5], [True] * 3)[0] == pytest.approx(scipy_shape([1e-5, 1.0, 1e5], [True] * 3))
    spread = [1e-60, 1.0, 1e60]
    assert dt.fit_shapes(spread, [True] * 3)[0] == dt.shape_bounds()[0]
    assert scipy_shape(spread, [True] * 3) == pytest.approx(dt.shape_bounds()[0], rel=1e-4)
    # two gaps, one censored; ties between an observed and a censored gap
    for t, d in (([2.0, 7.0], [True, False]), ([4.0, 4.0, 9.0, 1.0], [True, False, True, True])):
        assert dt.fit_shapes(t, d)[0] == pytest.approx(scipy_shape(t, d), rel=1e-6)
    with pytest.raises(ValueError, match="no observed events"):
        dt.fit_shapes([[1.0, 2.0], [1.0, 2.0]], [[True, False], [False, False]])
    # scaling every gap leaves the shape unchanged (the fit works on log gaps relative to the largest)
    t, d = random_samples(1, seed=1)[0]
    assert dt.fit_shapes(t * 1e6, d)[0] == pytest.approx(dt.fit_shapes(t, d)[0], rel=1e-9)


def test_bootstrap_refits_each_resample_with_the_seeded_picks():
    rng = np.random.default_rng(2)
    gaps_t = 10 * rng.weibull(1.2, 30)
    gaps_d = rng.uniform(size=30) < 0.8
    gaps = pd.DataFrame({"months": gaps_t, "observed": gaps_d})
    draws = dt.bootstrap_fits(gaps, None, draws=50, seed=9)
    picks_rng = np.random.default_rng(9)
    expected = []
    for _ in range(50):  # the resamples drawn one by one from the same seed
        pick = picks_rng.integers(0, 30, 30)
        if gaps_d[pick].any():
            expected.append(dt.fit_weibull(gaps_t[pick], gaps_d[pick]))
    np.testing.assert_allclose(draws[["eta", "k"]].to_numpy(), np.array(expected), rtol=1e-12)
    fixed = dt.bootstrap_fits(gaps, 1.5, draws=50, seed=9)
    assert (fixed["k"] == 1.5).all() and len(fixed) == len(expected)
