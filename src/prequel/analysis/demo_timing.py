"""When a demonstration comes: the one demo-timing model notebooks 03 and 04 share.

Time t runs in months from a prediction's made date. A company's answering releases (video and world-model
releases) arrive with cumulative hazard H(t) = (t / eta)^k; a share q of them qualifies under the reading;
with probability p_never the event never comes at all. So the survival is
    S(t) = p_never + (1 - p_never) * exp(-q * (t / eta)^k)
and P(event in (a, D] | none by a) = 1 - S(D) / S(a) (``p_event_between``).

Inputs, each with its basis:
- eta and k: censored maximum likelihood over the gaps between one company's consecutive releases of one
  kind (``release_gaps``, ``fit_weibull``), from the releases known by ``as_of`` only and censored there
  (``fit_reference_class``: no look-ahead); their uncertainty: a bootstrap over releases (fixed seed).
- q: estimated from the evidence ledger (``qualifying_share``): of the company's n dated answering releases
  known by ``as_of``, the x matched by a counted event that qualifies under the reading (``matching_events``;
  an event that is not one of the n releases never counts in x). q is the mean of the Jeffreys posterior
  Beta(x + 1/2, n - x + 1/2), and its uncertainty that posterior.
- p_never: a stated judgement (a parameter), not data: no release in the data says a demonstration will
  never come. Its uncertainty is taken as uniform from none to twice the stated value.
Intervals draw all of them jointly (``DemoTiming.draws``), so they hold the judgement inputs' uncertainty,
not only the fit's, and are widened to span the structural choices (``structural_sweep``: q's prior, its
denominator with the matching pace, the pooled or the company's own cadence). ``claim_probability`` is the
one place a prediction's probability is computed: notebook 03 publishes it for every open claim, notebook 04
for Runway's demonstration, and its simulation draws its demo times from the same ``DemoTiming``
(``conditional_times``). Every published probability is rounded by one rule (``round_probability``).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats

from ..declarations import declared_bounds, declared_default
from ..results import _round, _round_sig

if TYPE_CHECKING:
    from ..data import Dataset

DAYS_PER_MONTH = 365.25 / 12
#: The kinds of release that answer a world-model claim (the reference class).
KINDS = ("video", "world_model")
#: A shape used when the median is set and the shape is not.
DEFAULT_SHAPE = 1.5
#: Jeffreys prior on the qualifying share: Beta(1/2, 1/2).
SHARE_PRIOR = (0.5, 0.5)
#: Draws of the judgement inputs for the intervals, and their seed (the bootstrap's).
DRAWS = 1000
SEED = 20261124
#: p_never's stated uncertainty: uniform from this share to this multiple of the stated value (capped at 1).
P_NEVER_SPREAD = (0.0, 2.0)


def months_between(start, end) -> float:
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_MONTH


def scale_from_median(median_months: float, k: float) -> float:
    """Weibull scale eta whose median is ``median_months`` (k = 1: the exponential)."""
    if median_months <= 0 or k <= 0:
        raise ValueError("median and shape must be positive")
    return median_months / math.log(2) ** (1 / k)


def survival(t, eta: float, k: float, q: float = 1.0, p_never: float = 0.0):
    """P(no qualifying event by t months); t may be an array; t <= 0 gives 1."""
    t = np.maximum(np.asarray(t, dtype=float), 0.0)
    return p_never + (1 - p_never) * np.exp(-q * (t / eta) ** k)


def p_event_between(a: float, d: float, eta: float, k: float, q: float = 1.0, p_never: float = 0.0) -> float:
    """P(a qualifying event in (a, d] months | none by a)."""
    if d <= a:
        return 0.0
    s_a = float(survival(a, eta, k, q, p_never))
    return 0.0 if s_a == 0 else float(1 - survival(d, eta, k, q, p_never) / s_a)


def fit_scale(durations: np.ndarray, observed: np.ndarray, k: float) -> float:
    """Censored maximum-likelihood Weibull scale for a fixed shape k (closed form):
    eta^k = sum(t_i^k) / (number of observed events); k = 1 gives the exponential's mean."""
    durations, observed = np.asarray(durations, float), np.asarray(observed, bool)
    if observed.sum() == 0:
        raise ValueError("no observed events to fit")
    return float((np.sum(durations**k) / observed.sum()) ** (1 / k))


def release_gaps(releases: pd.DataFrame, snapshot, kinds=("video", "world_model")) -> pd.DataFrame:
    """Reference class: for each company that releases a kind of model, the months between its
    consecutive dated releases of that kind (observed), and from its latest one to the snapshot (censored).

    A claim asks when one named company releases; only companies that release that kind of model enter,
    and each release is counted once (it ends exactly one gap). Releases of one company and kind on the
    same date count as one."""
    dated = releases[releases["announced_date"].notna() & releases["kind"].isin(kinds)]
    rows = []
    for (company, kind), group in dated.groupby(["company_id", "kind"], sort=True):
        days = sorted(group["as_of_date"].unique())
        firsts = group.sort_values(["as_of_date", "release_id"]).drop_duplicates("as_of_date")["release_id"].tolist()
        for i, day in enumerate(days):
            later = days[i + 1] if i + 1 < len(days) else None
            rows.append(
                {
                    "company_id": company,
                    "kind": kind,
                    "from_release": firsts[i],
                    "to_release": firsts[i + 1] if later is not None else None,
                    "observed": later is not None,
                    "months": months_between(day, later if later is not None else snapshot),
                }
            )
    gaps = pd.DataFrame(rows, columns=["company_id", "kind", "from_release", "to_release", "observed", "months"])
    return gaps[gaps["months"] > 0].reset_index(drop=True)


def log_likelihood(durations, observed, eta: float, k: float) -> float:
    """Censored Weibull log-likelihood: observed gaps contribute the density, censored ones the survival."""
    t, d = np.asarray(durations, float), np.asarray(observed, bool)
    z = (t / eta) ** k
    return float(np.sum(d * (math.log(k) - math.log(eta) + (k - 1) * np.log(t / eta))) - np.sum(z))


#: Notebook 03, whose parameters this model reads (04 declares the same names, as in 03).
NOTEBOOK = "03_prediction_timelines"


def shape_bounds() -> tuple[float, float]:
    """The shapes a fit may take (weibull_k's declared bounds, read on first use): the profile likelihood is
    maximized over them."""
    return declared_bounds(NOTEBOOK, "weibull_k")


def fit_shapes(durations, observed) -> np.ndarray:
    """Censored maximum-likelihood Weibull shapes of many samples at once, one per row of ``durations`` and
    ``observed`` (each row needs an observed gap), within ``shape_bounds()``.

    With the scale at its closed form for k (``fit_scale``) the profile log-likelihood is
    r log k - r log(S(k) / r) + (k - 1) L - r, where r counts the observed gaps, S(k) = sum(t^k) and L the sum
    of the observed log t; its derivative in k is -r g(k), g(k) = S'(k) / S(k) - 1/k - L / r. g rises in k
    (its derivative is the t^k-weighted variance of log t plus 1/k^2), so the likelihood has one maximum: the
    root of g, or the bound where g keeps one sign. Found by Newton's method kept inside a shrinking bracket
    (bisection when a step would leave it), to the last bits of the shape. The log t are taken relative to the
    row's largest (g does not change when every t is scaled), so t^k never overflows."""
    durations, observed = np.atleast_2d(np.asarray(durations, float)), np.atleast_2d(np.asarray(observed, bool))
    events = observed.sum(axis=1)
    if (events == 0).any():
        raise ValueError("no observed events to fit")
    logs = np.log(durations)
    logs = logs - logs.max(axis=1, keepdims=True)
    mean_observed_log = np.where(observed, logs, 0.0).sum(axis=1) / events

    def g_and_slope(k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        weights = np.exp(k[:, None] * logs)
        weights = weights / weights.sum(axis=1, keepdims=True)
        mean = (weights * logs).sum(axis=1)
        variance = (weights * (logs - mean[:, None]) ** 2).sum(axis=1)
        return mean - 1 / k - mean_observed_log, variance + 1 / k**2

    bounds = shape_bounds()
    low, high = np.full(len(logs), bounds[0]), np.full(len(logs), bounds[1])
    g_low, g_high = g_and_slope(low)[0], g_and_slope(high)[0]
    shape = np.clip(np.ones(len(logs)), low, high)
    inside = (g_low < 0) & (g_high > 0)
    for _ in range(200):
        g, slope = g_and_slope(shape)
        below = g < 0
        low, high = np.where(below, shape, low), np.where(below, high, shape)
        step = shape - g / slope
        step = np.where((step > low) & (step < high), step, (low + high) / 2)
        done = np.abs(step - shape) <= 4 * np.finfo(float).eps * shape
        shape = step
        if done[inside].all():
            break
    return np.where(g_low >= 0, bounds[0], np.where(g_high <= 0, bounds[1], shape))


def fit_scales(durations, observed, k) -> np.ndarray:
    """``fit_scale`` of many samples at once: one scale per row of ``durations`` for the shapes ``k``."""
    durations, observed = np.atleast_2d(np.asarray(durations, float)), np.atleast_2d(np.asarray(observed, bool))
    k = np.broadcast_to(np.asarray(k, float), (len(durations),))
    return (np.sum(durations ** k[:, None], axis=1) / observed.sum(axis=1)) ** (1 / k)


def fit_weibull(durations, observed, k: float | None = None) -> tuple[float, float]:
    """Censored maximum-likelihood (eta, k). With ``k`` given only the scale is fitted (closed form);
    otherwise the shape maximizes the profile likelihood over ``shape_bounds()`` (``fit_shapes``)."""
    durations, observed = np.asarray(durations, float), np.asarray(observed, bool)
    if k is not None:
        return fit_scale(durations, observed, k), float(k)
    if observed.sum() == 0:
        raise ValueError("no observed events to fit")
    shape = float(fit_shapes(durations, observed)[0])
    return fit_scale(durations, observed, shape), shape


def profile_curve(durations, observed, shapes) -> pd.DataFrame:
    """Log-likelihood at each shape with its best scale (the fit across shapes), relative to the best."""
    rows = []
    for k in shapes:
        eta = fit_scale(durations, observed, k)
        rows.append({"k": float(k), "eta": eta, "log_likelihood": log_likelihood(durations, observed, eta, k)})
    out = pd.DataFrame(rows)
    return out.assign(relative=out["log_likelihood"] - out["log_likelihood"].max())


def bootstrap_fits(gaps: pd.DataFrame, k: float | None, draws: int = 1000, seed: int = 20261124) -> pd.DataFrame:
    """Refit (eta, k) on resamples of the releases (rows of ``gaps``, with replacement) with a fixed seed;
    resamples without an observed gap cannot be fitted and are dropped (their count is ``len`` short).
    Every resample is fitted at once (``fit_shapes``, ``fit_scales``)."""
    rng = np.random.default_rng(seed)
    t, d = gaps["months"].to_numpy(float), gaps["observed"].to_numpy(bool)
    picks = rng.integers(0, len(t), (draws, len(t)))
    picks = picks[d[picks].any(axis=1)]
    if not len(picks):
        return pd.DataFrame(columns=["eta", "k"], dtype=float)
    shapes = fit_shapes(t[picks], d[picks]) if k is None else np.full(len(picks), float(k))
    return pd.DataFrame({"eta": fit_scales(t[picks], d[picks], shapes), "k": shapes})


def interval_from_draws(point: float, draws, level: float = 0.9) -> tuple[float, float]:
    """Percentile interval of ``draws`` at ``level``, widened to include ``point`` when a skewed
    bootstrap would leave it outside."""
    values = np.asarray(draws, float)
    if not len(values):
        return point, point
    low, high = np.quantile(values, [(1 - level) / 2, (1 + level) / 2])
    return float(min(low, point)), float(max(high, point))


def model_probability(kind: str, made, deadline, as_of, eta: float, k: float, q: float, p_never: float) -> float:
    """P(the claim resolves yes | no qualifying event by as_of), from the made date's clock."""
    start = max(0.0, months_between(made, as_of))
    end = months_between(made, deadline)
    p_event = p_event_between(start, end, eta, k, q, p_never)
    return p_event if kind == "by_deadline" else 1 - p_event


def cumulative_curve(kind: str, made, deadline, as_of, eta, k, q, p_never, horizon_end) -> pd.DataFrame:
    """For the chart, monthly from as_of to horizon_end: P(event by date t | none by as_of), and
    ``p_claim``, the quantity the probability table reports, as if the window closed at t: the same for a
    by-deadline claim, its complement (no event by t) for a not-before claim. At t = deadline ``p_claim``
    equals ``model_probability``."""
    start = pd.Timestamp(max(pd.Timestamp(made), pd.Timestamp(as_of)))
    dates = pd.date_range(start, pd.Timestamp(horizon_end), freq="MS")
    dates = dates.union(pd.DatetimeIndex([pd.Timestamp(deadline)])) if start <= pd.Timestamp(deadline) else dates
    a = months_between(made, start)
    values = np.array([p_event_between(a, months_between(made, d), eta, k, q, p_never) for d in dates])
    p_claim = values if kind == "by_deadline" else 1 - values
    return pd.DataFrame({"date": dates, "p_event_by_date": values, "p_claim": p_claim})


# ---- published figures -----------------------------------------------------------------------

#: The one rounding rule for a published probability (03's and 04's): whole percentage points, and below
#: 1% one significant figure, so that 3.1% reads '3%' (never '5%') and a positive probability never reads
#: '0%'. ``prequel.results.percent`` shows a probability declared with these digits by the same rule.
PROBABILITY_DIGITS = 1


def round_probability(p: float | None) -> float | None:
    """``p`` as published (``PROBABILITY_DIGITS``): whole points, one significant figure below 1% and, the same
    on the chance left, above 99% (never 0% for a chance above 0, nor 100% for one below 1): 0.031 -> 0.03,
    0.021 -> 0.02, 0.0042 -> 0.004, 0.674 -> 0.67, 0.9962 -> 0.996."""
    if p is None or pd.isna(p):
        return None
    percent = float(p) * 100
    if 99 < percent < 100:
        rest = Decimal(repr(_round_sig(100 - percent, PROBABILITY_DIGITS)))
        return float((100 - rest).scaleb(-2))
    rounded = _round_sig(percent, PROBABILITY_DIGITS) if 0 < abs(percent) < 1 else _round(percent, 0)
    return float(Decimal(repr(rounded)).scaleb(-2))  # back from percent without a binary remainder


def round_interval(low: float, high: float) -> tuple[float, float]:
    """An interval rounded outward by the same rule (so it still contains what it contained): whole points,
    one significant figure below 1% and, on the chance left, above 99%; a positive low end never becomes 0 and
    a high end below 1 never becomes 1."""

    def outward(p: float, up: bool) -> float:
        percent = float(p) * 100
        if 99 < percent < 100:  # outward on the chance left: down for the high end, up for the low end
            return float(1 - Decimal(repr(outward(1 - p, not up))))
        exponent = math.floor(math.log10(percent)) if 0 < percent < 1 else 0
        units = percent / 10.0**exponent
        units = math.ceil(units - 1e-9) if up else math.floor(units + 1e-9)
        return float(Decimal(f"{units}e{exponent - 2}"))

    return outward(low, False), outward(high, True)


@dataclass(frozen=True)
class Fit:
    """The reference class known by ``known_by`` and the model's (eta, k), with the bootstrap draws and the
    world-model-only class (``wm_*``; NaN while it has no observed gap)."""

    gaps: pd.DataFrame
    eta: float
    k: float
    basis: str  # in words: fitted or set by parameter
    draws: pd.DataFrame  # (eta, k) per bootstrap refit
    wm_gaps: pd.DataFrame
    wm_eta: float
    wm_k: float
    known_by: pd.Timestamp  # releases known by this date enter; the latest of each is censored at it


def known_by(as_of) -> pd.Timestamp:
    """The date a fit for ``as_of`` is made on: ``as_of``, or the data snapshot when ``as_of`` is later
    (no release after the snapshot is known, and none is assumed absent)."""
    from .. import SNAPSHOT_DATE

    return min(pd.Timestamp(as_of), pd.Timestamp(SNAPSHOT_DATE))


def releases_known_by(releases: pd.DataFrame, date) -> pd.DataFrame:
    """The releases a reader could have known on ``date`` (their ``as_of_date``, when first reported)."""
    return releases[pd.to_datetime(releases["as_of_date"]) <= pd.Timestamp(date)]


def reference_class_known(releases: pd.DataFrame, as_of, gaps: pd.DataFrame | None = None) -> None:
    """Refuses (ValueError) a date on which no company has two releases known: the model has nothing to fit
    (``gaps``: the reference class's gaps on that date, when already found)."""
    cutoff = known_by(as_of)
    gaps = release_gaps(releases_known_by(releases, cutoff), cutoff) if gaps is None else gaps
    if not gaps["observed"].any():
        raise ValueError(
            f"no two releases of one company are known by {cutoff.date()}: nothing to fit the demo time to"
        )


def fit_reference_class(releases: pd.DataFrame, hazard_model: str, median_months, weibull_k, as_of=None) -> Fit:
    """The model fitted to the reference class as known on ``as_of`` (None: the snapshot), or set by
    ``median_months`` / ``weibull_k``. No look-ahead: releases reported after that date do not enter, and
    each company's latest release is censored at it."""
    from .. import SNAPSHOT_DATE

    cutoff = known_by(SNAPSHOT_DATE if as_of is None else as_of)
    known = releases_known_by(releases, cutoff)
    gaps = release_gaps(known, cutoff)
    fixed_k = 1.0 if hazard_model == "exponential" else weibull_k
    if median_months is None:
        reference_class_known(known, cutoff, gaps)
        eta, k = fit_weibull(gaps["months"], gaps["observed"], fixed_k)
        basis = "fitted (scale and shape)" if fixed_k is None else "fitted (scale; shape set)"
        draws = bootstrap_fits(gaps, fixed_k)
    else:
        k = DEFAULT_SHAPE if fixed_k is None else fixed_k
        eta, basis = scale_from_median(median_months, k), "set by parameter"
        draws = pd.DataFrame({"eta": [eta], "k": [k]})
    wm_gaps = release_gaps(known, cutoff, kinds=("world_model",))
    wm = fit_weibull(wm_gaps["months"], wm_gaps["observed"], fixed_k) if wm_gaps["observed"].any() else (math.nan,) * 2
    return Fit(gaps, eta, k, basis, draws, wm_gaps, *wm, cutoff)


def median_of(eta: float, k: float) -> float:
    return eta * math.log(2) ** (1 / k)


# ---- the judgement inputs, from the evidence ---------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What the model is conditioned on (``as_of``, reading, evidence) and the reader's overrides (None:
    estimated). Built from a notebook's parameters by ``Settings.of``: 03 and 04 use the same names."""

    as_of: str
    reading: str
    min_confidence: str
    hazard_model: str = "weibull"
    median_months: float | None = None
    weibull_k: float | None = None
    q_qualify: float | None = None
    p_never: float = field(default_factory=lambda: declared_default(NOTEBOOK, "p_never"))  # read on first use

    @classmethod
    def of(cls, params: dict, reading: str | None = None, min_confidence: str | None = None) -> Settings:
        return cls(
            str(params["as_of"]),
            reading or params["strictness"],
            min_confidence or params["min_confidence"],
            params.get("hazard_model", "weibull"),
            params.get("median_months"),
            params.get("weibull_k"),
            params.get("q_qualify"),
            **({"p_never": params["p_never"]} if "p_never" in params else {}),
        )


#: The structural choices the published interval spans (``structural_sweep``), each a reasonable reading of
#: the evidence: q's prior, q's denominator (which of the company's releases answer, and so which pace they
#: arrive at) and the cadence (the pooled reference class, or the company's own gaps at the pooled shape).
PRIORS = {"Jeffreys Beta(1/2, 1/2)": SHARE_PRIOR, "uniform Beta(1, 1)": (1.0, 1.0)}
DENOMINATORS = {"video and world-model releases": KINDS, "world-model releases only": ("world_model",)}
CADENCES = ("reference class", "company's own")


@dataclass(frozen=True)
class QualifyingShare:
    """q: the share of a company's answering releases that qualify under a reading, with its uncertainty."""

    point: float
    low: float  # 5% of the posterior (the point when set by parameter)
    high: float  # 95%
    qualifying: int  # the company's answering releases by as_of matched by a counted qualifying event
    releases: int  # the company's dated answering releases by as_of (one per day)
    basis: str  # "estimated from the ledger" or "set by parameter"
    draws: np.ndarray  # DRAWS values for the intervals
    matched: tuple[str, ...] = ()  # the counted events that matched a release (x), by event id


def company_releases(releases: pd.DataFrame, company: str, as_of, kinds=KINDS) -> pd.DataFrame:
    """The company's dated releases of ``kinds`` known by ``as_of``."""
    own = releases[
        (releases["company_id"] == company) & releases["announced_date"].notna() & releases["kind"].isin(kinds)
    ]
    return releases_known_by(own, as_of)


def matching_events(counted: pd.DataFrame, own: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Counted events that are one of the ``own`` releases: an event matches the release of its calendar
    month nearest its date (a month-dated one stands at the month's end); each release day is matched once.
    Returns event id -> the release day it matched. An event that is no release (a statement, a product
    built on an earlier model, a release of another kind) matches nothing: x never counts what n does not."""
    days = pd.DatetimeIndex(sorted(pd.to_datetime(own["as_of_date"]).unique()))
    out: dict[str, pd.Timestamp] = {}
    for e in counted.itertuples():
        date = pd.Timestamp(e.as_of_date)
        same_month = [d for d in days if d.to_period("M") == date.to_period("M") and d not in out.values()]
        if same_month:
            out[e.event_id] = min(same_month, key=lambda d: abs((d - date).days))
    return out


def qualifying_share(
    events: pd.DataFrame,
    releases: pd.DataFrame,
    prediction_id: str,
    company: str,
    s: Settings,
    kinds: tuple[str, ...] = KINDS,
    prior: tuple[float, float] = SHARE_PRIOR,
) -> QualifyingShare:
    """q from the evidence ledger: of the company's n dated releases of ``kinds`` known by ``as_of`` (one per
    day), x were matched by a counted qualifying event of its prediction (``matching_events``; counted by
    ``predictions.counted_events``: reading, date, ``min_confidence``). The posterior Beta(x + a, n - x + b)
    under ``prior`` (a, b) gives the point (its mean), the interval (5-95%) and DRAWS seeded draws for the
    intervals. ``q_qualify`` set by the reader replaces the estimate."""
    from . import predictions

    if s.q_qualify is not None:
        q = float(s.q_qualify)
        return QualifyingShare(q, q, q, 0, 0, "set by parameter", np.full(DRAWS, q))
    counted = predictions.counted_events(events, prediction_id, s.as_of, s.reading, s.min_confidence)
    own = company_releases(releases, company, s.as_of, kinds)
    matched = matching_events(counted, own)
    n, x = int(own["as_of_date"].nunique()), len(matched)
    a, b = x + prior[0], n - x + prior[1]
    low, high = (float(v) for v in stats.beta.ppf([0.05, 0.95], a, b))
    draws = np.random.default_rng([SEED, 2]).beta(a, b, DRAWS)
    return QualifyingShare(a / (a + b), low, high, x, n, "estimated from the ledger", draws, tuple(matched))


def p_never_range(p_never: float) -> tuple[float, float]:
    """p_never's stated uncertainty (a judgement): from P_NEVER_SPREAD[0] to P_NEVER_SPREAD[1] times it."""
    return p_never * P_NEVER_SPREAD[0], min(p_never * P_NEVER_SPREAD[1], 1.0)


def own_cadence(releases: pd.DataFrame, company: str, f: Fit, kinds=KINDS) -> tuple[float, float]:
    """The company's own release pace: the scale fitted to its own gaps between releases of ``kinds`` known
    by the fit's date, at the pooled shape (a handful of gaps cannot fix a shape); NaN without an observed gap.
    A fit set by parameter stays set."""
    if f.basis == "set by parameter":
        return f.eta, f.k
    gaps = release_gaps(company_releases(releases, company, f.known_by, kinds), f.known_by, kinds)
    if not gaps["observed"].any():
        return math.nan, math.nan
    return fit_scale(gaps["months"], gaps["observed"], f.k), f.k


def pooled_cadence(f: Fit, kinds) -> tuple[float, float]:
    """The reference class's pace for releases of ``kinds`` (the world-model-only class for world models)."""
    return (f.eta, f.k) if tuple(kinds) == KINDS or f.basis == "set by parameter" else (f.wm_eta, f.wm_k)


# ---- one model of one company's demonstration ----------------------------------------------------


@dataclass(frozen=True)
class DemoTiming:
    """The model of one prediction's event under one setting: (eta, k) of the reference class, q and
    p_never, and their joint draws (``draws``: eta, k, q, p_never) for the intervals."""

    fit: Fit
    share: QualifyingShare
    p_never: float
    p_never_low: float
    p_never_high: float
    draws: pd.DataFrame

    @property
    def q(self) -> float:
        return self.share.point

    def probability(self, kind: str, made, deadline, as_of) -> float:
        return model_probability(kind, made, deadline, as_of, self.fit.eta, self.fit.k, self.q, self.p_never)

    def interval(self, kind: str, made, deadline, as_of) -> tuple[float, float]:
        """90% interval over the joint draws of the fit and the judgement inputs, widened to hold the point."""
        values = [
            model_probability(kind, made, deadline, as_of, d.eta, d.k, d.q, d.p_never) for d in self.draws.itertuples()
        ]
        return interval_from_draws(self.probability(kind, made, deadline, as_of), values)

    def weibull_median(self, eta: float | None = None, k: float | None = None, q: float | None = None) -> float:
        """The median of the qualifying-release time given one comes: q folds into the scale,
        q * (t / eta)^k = (t / (eta * q^(-1/k)))^k; inf when q = 0."""
        eta, k, q = eta or self.fit.eta, k or self.fit.k, self.q if q is None else q
        return math.inf if q <= 0 else median_of(eta * q ** (-1 / k), k)


def demo_timing(data: Dataset, prediction_id: str, s: Settings, fit: Fit | None = None) -> DemoTiming:
    """The one model of when ``prediction_id``'s event comes, conditioned on ``s`` (``fit``: a fit of the
    reference class already made with the same settings, to reuse; refitted when it was made for another
    date than ``s.as_of``, so that nothing reported after ``as_of`` enters)."""
    company = data.predictions.set_index("prediction_id").loc[prediction_id, "company_id"]
    f = fit
    if f is None or f.known_by != known_by(s.as_of):
        f = fit_reference_class(data.releases, s.hazard_model, s.median_months, s.weibull_k, s.as_of)
    share = qualifying_share(data.events, data.releases, prediction_id, company, s)
    low, high = p_never_range(s.p_never)
    picks = np.arange(DRAWS) % len(f.draws)
    draws = pd.DataFrame(
        {
            "eta": f.draws["eta"].to_numpy()[picks],
            "k": f.draws["k"].to_numpy()[picks],
            "q": share.draws,
            "p_never": np.random.default_rng([SEED, 3]).uniform(low, high, DRAWS),
        }
    )
    return DemoTiming(f, share, float(s.p_never), low, high, draws)


#: A share q resting on at most this many answering releases is the prior's, not the evidence's (0 of 0 gives
#: the prior's mean; 0 of 1 barely moves it): such sweep rows are flagged ``prior_only``.
PRIOR_ONLY = 1


def prior_only_words(releases: int) -> str:
    """How a prior-only row reads: 'prior only: no release', 'prior only: 1 release'."""
    return f"prior only: {'no release' if releases == 0 else f'{releases} release' + ('s' if releases > 1 else '')}"


def structural_sweep(data: Dataset, prediction_id: str, s: Settings, f: Fit) -> pd.DataFrame:
    """The claim's probability under each stated structural choice (``PRIORS`` x ``DENOMINATORS`` x
    ``CADENCES``), p_never at its stated value: one row per choice with its x of n, q, whether q rests on the
    prior alone (``prior_only``), the median gap of the cadence and the probability (NaN where the cadence
    cannot be fitted). Inputs the reader set stay set."""
    from . import predictions

    c = predictions.with_dates(data.predictions).set_index("prediction_id").loc[prediction_id]
    rows = []
    for denominator, kinds in DENOMINATORS.items():
        cadences = {"reference class": pooled_cadence(f, kinds), "company's own": own_cadence(data.releases,
                    c.company_id, f, kinds)}  # fmt: skip
        shares = {  # q depends on the denominator and the prior, not on the cadence: each found once
            name: qualifying_share(data.events, data.releases, prediction_id, c.company_id, s, kinds, prior)
            for name, prior in PRIORS.items()
        }
        for cadence, (eta, k) in cadences.items():
            for prior_name, share in shares.items():
                fitted = math.isfinite(eta) and math.isfinite(k)
                p = model_probability(c.kind, c.made_date, c.deadline_date, s.as_of, eta, k, share.point,
                                      s.p_never) if fitted else math.nan  # fmt: skip
                rows.append({"prior": prior_name, "denominator": denominator, "cadence": cadence,
                             "qualifying": share.qualifying, "releases": share.releases, "q": share.point,
                             "prior_only": share.basis != "set by parameter" and share.releases <= PRIOR_ONLY,
                             "median_gap_months": median_of(eta, k) if fitted else math.nan,
                             "probability": p})  # fmt: skip
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ClaimProbability:
    """A prediction's probability of coming true as of a date, published once for both notebooks:
    None (and no interval) unless the claim is open or not yet made. The interval spans the 90% interval of
    the joint draws and every structural choice of ``sweep``."""

    status: str
    point: float | None  # full precision
    low: float | None
    high: float | None
    timing: DemoTiming
    sweep: pd.DataFrame | None = None  # ``structural_sweep`` (open claims only)

    @property
    def published(self) -> float | None:
        return round_probability(self.point)

    @property
    def published_interval(self) -> list[float] | None:
        return None if self.point is None else list(round_interval(self.low, self.high))


OPEN = ("open", "not_yet_made")


def claim_probability(data: Dataset, prediction_id: str, s: Settings, fit: Fit | None = None) -> ClaimProbability:
    """P(``prediction_id`` comes true | no counted qualifying event by ``s.as_of``), with its interval: the
    90% interval of the joint draws, widened to span the structural sweep."""
    from . import predictions

    claims = predictions.with_dates(data.predictions).set_index("prediction_id")
    c = claims.loc[prediction_id]
    own = data.events[data.events["prediction_id"] == prediction_id]
    # the grace period only tells overdue from resolved_no, neither of them open
    state = predictions.status_of(c.kind, c.made_date, c.deadline_date, own, s.reading, s.as_of, 0, s.min_confidence)
    timing = demo_timing(data, prediction_id, s, fit)
    if state.status not in OPEN:
        return ClaimProbability(state.status, None, None, None, timing)
    point = timing.probability(c.kind, c.made_date, c.deadline_date, s.as_of)
    low, high = timing.interval(c.kind, c.made_date, c.deadline_date, s.as_of)
    sweep = structural_sweep(data, prediction_id, s, timing.fit)
    spread = sweep["probability"].dropna()
    low, high = min([low, *spread]), max([high, *spread])
    return ClaimProbability(state.status, point, low, high, timing, sweep)


def probability_when_made(data: Dataset, prediction_id: str, s: Settings, fit: Fit | None = None) -> float:
    """The claim's probability as a reader could have computed it on its made date: the fit and q from what
    was known then (``fit``: one made for that date, to reuse), the rest of ``s`` unchanged."""
    from . import predictions

    c = predictions.with_dates(data.predictions).set_index("prediction_id").loc[prediction_id]
    made = str(pd.Timestamp(c.made_date).date())
    timing = demo_timing(data, prediction_id, dataclasses.replace(s, as_of=made), fit)
    return timing.probability(c.kind, c.made_date, c.deadline_date, c.made_date)
