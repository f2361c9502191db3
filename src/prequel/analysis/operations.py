"""Operational tradeoffs: cash runway against the world-model demo window, as distributions.

One state of the world. The model starts at the window's start (the Equity episode) and is
conditioned on what is known by ``as_of``: ``e`` months have passed, and either a credible demo is
already counted (from the evidence ledger, through ``predictions.counted_events`` with the same
reading and ``min_confidence`` as notebook 03) or it is not. A counted demo fixes the demo time T at
its date (0 when it predates the window's start); with none counted, T is Weibull with a stated
median and shape *conditioned on T > e*:  T = eta * ((e / eta)^k + E)^(1 / k),  E ~ Exp(1).
Each draw's T rises with ``e``, so P(miss) can only rise as ``as_of`` moves on with no demo counted.

Assumptions (each a parameter of notebook 04):
- Cash at the window's start, net burn, the run-rate R0 at the window's start, the window's length W
  and the haircut on a missed window are ranges, drawn uniformly. Cash is bounded above by capital
  raised minus what was at least spent (``cash_bound``); the run-rate range is notebook 06's
  (``arr_range``: the same function and growth range, on the window's start, from what is dated by then).
- Revenue grows at g a year; costs (net burn plus revenue at the start) grow at c a year:
      cash(t) = C - K * I(c, t) + R0 / 12 * I(g, t),   K = B + R0 / 12,
      I(x, t) = 12 * ((1 + x)^(t / 12) - 1) / ln(1 + x)   (= t when x = 0).
  "Default alive": revenue overtakes costs (at t* = 12 ln(12 K / R0) / ln((1 + g) / (1 + c)), only
  when g > c) before cash runs out.
- A down round is priced only when the company must raise: when it is not default alive, it raises
  ``raise_lead_months`` before its cash would run out. The price then is the better of the thesis
  case (the post-money, cut by a haircut h when the demo has missed the window and the window has
  closed by the raise) and the revenue case (run-rate at the raise times a peer revenue multiple). A
  down round is such a price below the post-money. Only the first raise is modelled.
- The peer multiple (``peer_multiple``) is notebook 06's range for its private AI video and creative class at
  ``as_of`` (``valuation.peer_ranges``/``class_statistics``: lowest to highest peer valuation / run-rate;
  aggregator-only figures count only with ``min_confidence="any"``), unless the reader states a range. When no
  peer counts at ``as_of``, the revenue case is not priced (multiple 0: a raise is priced on the thesis alone),
  and the page says so.

Uncertainty. Ranges are integrated over by the simulation. The point-valued assumptions are not known
either: ``intervals`` redraws them uniformly over their sensitivity ranges (``sensitivity_ranges``)
and reports the 5-95% range of each probability over those assumption sets, widened to include the
point estimate (common random numbers, so the spread is the assumptions', not sampling noise).
"""

from __future__ import annotations

import dataclasses
import math
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd

from .. import SNAPSHOT_DATE
from ..declarations import DATES, declared_bounds
from ..results import Analysis, Result, declare
from .demo_timing import round_interval, round_probability

if TYPE_CHECKING:
    from .operations_words import Sentences

MAX_MONTHS = 600.0  # "never runs out" is reported as this horizon (50 years)
NOTEBOOK = "04_operational_tradeoffs"
#: The outcomes simulated for each assumption set of the intervals (interval_sets' help says so).
INTERVAL_SIMS = 2000
MAX_MEDIAN = 1e6  # a demo median beyond this (q near 0) is held here: the demo practically never comes
DAYS_PER_MONTH = 365.25 / 12
DEMO_PREDICTION = "runway_demo_by_2027_06"  # the prediction whose events count as Runway's demo
NO_DEADLINE = pd.Timestamp(DATES[1])  # the last day the analyses support: a demo counts whenever it comes
#: Point-valued assumptions redrawn for the intervals (ranges are already drawn in every simulation).
POINT_ASSUMPTIONS = (
    "demo_median_months",
    "weibull_k",
    "p_never",
    "arr_growth_annual",
    "cost_growth_annual",
    "raise_lead_months",
)
#: The demo time's inputs: drawn jointly from the shared model (``Assumptions.timing_draws``) when it is used.
TIMING = ("demo_median_months", "weibull_k", "p_never")
GROWTH_RATES = ("arr_growth_annual", "cost_growth_annual")
RANGES = ("cash_usd", "net_burn_monthly_usd", "arr_usd", "window_months", "correction_if_miss", "peer_revenue_multiple")
METRICS = ("p_miss_window", "p_cash_out_before_demo", "p_down_round")


def months_between(start, end) -> float:
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_MONTH


def weibull_scale(median_months: float, k: float) -> float:
    return median_months / math.log(2) ** (1 / k)


def weibull_survival(t, median_months: float, k: float):
    """P(T > t) for the demo time T (months)."""
    t = np.maximum(np.asarray(t, dtype=float), 0.0)
    return np.exp(-((t / weibull_scale(median_months, k)) ** k))


def conditional_survival(t, median_months: float, k: float, elapsed: float, p_never: float = 0.0, offset: float = 0.0):
    """P(T > t | T > elapsed) for S(x) = p_never + (1 - p_never) * W(x + offset), W Weibull (``offset``: months
    from the model's clock start, the prediction's made date, to the window's start). The Weibull ratio
    W(t) / W(e) is taken in log space (W(e) can underflow)."""
    eta = weibull_scale(median_months, k)
    e = max(float(elapsed), 0.0)
    t = np.maximum(np.asarray(t, dtype=float), e)
    ratio = np.exp(-(((t + offset) / eta) ** k - ((e + offset) / eta) ** k))
    if p_never <= 0:
        return ratio
    w_e = math.exp(-(((e + offset) / eta) ** k))
    return (p_never + (1 - p_never) * w_e * ratio) / (p_never + (1 - p_never) * w_e)


def p_miss_closed_form(
    window: tuple[float, float],
    median_months: float,
    k: float,
    elapsed: float = 0.0,
    points: int = 2001,
    p_never: float = 0.0,
    offset: float = 0.0,
) -> float:
    """P(T > W | T > elapsed) with W uniform on the window: the mean over W of S(max(W, e)) / S(e)."""
    low, high = window
    e = max(float(elapsed), 0.0)
    grid = np.array([low]) if high == low else np.linspace(low, high, points)
    conditional = conditional_survival(grid, median_months, k, e, p_never, offset)
    if high == low:
        return float(conditional[0])
    return float(np.trapezoid(conditional, grid) / (high - low))


def static_runway(cash, burn):
    """Months of cash at a constant net burn (no revenue growth)."""
    return np.asarray(cash, dtype=float) / np.asarray(burn, dtype=float)


def _grown_integral(t, rate):
    """I(x, t): the integral over [0, t] of (1 + x)^(s / 12) ds, in months."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_r = np.log1p(rate)
        return np.where(np.abs(log_r) > 1e-12, 12 * np.expm1(t * log_r / 12) / log_r, t)


def cash_left(t, cash0, burn0, arr0, growth, cost_growth=0.0):
    """Cash after t months: costs (net burn + revenue at the start) grow at ``cost_growth``, revenue at ``growth``."""
    t, cash0, burn0, arr0, growth, cost_growth = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (t, cash0, burn0, arr0, growth, cost_growth))
    )
    costs = burn0 + arr0 / 12
    return cash0 - costs * _grown_integral(t, cost_growth) + arr0 / 12 * _grown_integral(t, growth)


def break_even_month(burn0, arr0, growth, cost_growth=0.0):
    """When revenue alone covers costs (inf when it never does; 0 when it already does)."""
    burn0, arr0, growth, cost_growth = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (burn0, arr0, growth, cost_growth))
    )
    costs = burn0 + arr0 / 12
    gap = np.log1p(growth) - np.log1p(cost_growth)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        t = 12 * np.log(12 * costs / arr0) / gap
    t = np.where((gap > 0) & (arr0 > 0), t, np.inf)
    return np.where(burn0 <= 0, 0.0, t)


def _grown_integral_of(rate: np.ndarray):
    """I(x, t) as a function of t for fixed rates x (``_grown_integral``), with ln(1 + x) taken once."""
    log_r = np.log1p(rate)
    flat = np.abs(log_r) <= 1e-12
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        scale, per_month = np.where(flat, 1.0, 12 / log_r), np.where(flat, 0.0, log_r / 12)
    if not flat.any():
        return lambda t: scale * np.expm1(t * per_month)
    return lambda t: np.where(flat, t, scale * np.expm1(t * per_month))


def runway_months(cash0, burn0, arr0, growth, cost_growth=0.0, iterations: int = 60):
    """Months until cash runs out; MAX_MONTHS when revenue gets there first (default alive).

    Cash falls until break-even and rises after it (never rises when costs grow as fast as revenue),
    so the root (if any) lies in [0, min(t*, MAX_MONTHS)]: bisection, vectorised over all draws, with the
    logarithms and constants of cash(t) (``cash_left``) taken once, and stopped once no midpoint moves.
    """
    cash0, burn0, arr0, growth, cost_growth = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (cash0, burn0, arr0, growth, cost_growth))
    )
    t_star = np.minimum(break_even_month(burn0, arr0, growth, cost_growth), MAX_MONTHS)
    costs, monthly_revenue = burn0 + arr0 / 12, arr0 / 12
    cost_integral, revenue_integral = _grown_integral_of(cost_growth), _grown_integral_of(growth)

    def positive(t):
        return cash0 - costs * cost_integral(t) + monthly_revenue * revenue_integral(t) > 0

    with np.errstate(over="ignore", invalid="ignore"):
        alive = positive(t_star)
        low, high = np.zeros_like(cash0), t_star.copy()
        for _ in range(iterations):
            mid = (low + high) / 2
            if ((mid == low) | (mid == high)).all():
                break
            above = positive(mid)
            low = np.where(above, mid, low)
            high = np.where(above, high, mid)
    return np.where(alive | (burn0 <= 0), MAX_MONTHS, (low + high) / 2)


@dataclass(frozen=True)
class Assumptions:
    cash_usd: tuple[float, float]
    net_burn_monthly_usd: tuple[float, float]
    arr_usd: tuple[float, float]
    arr_growth_annual: float
    cost_growth_annual: float
    window_months: tuple[float, float]
    demo_median_months: float
    weibull_k: float
    correction_if_miss: tuple[float, float]
    peer_revenue_multiple: tuple[float, float]
    post_money_usd: float
    raise_lead_months: float = 6.0
    elapsed_months: float = 0.0  # months from the window's start to as_of
    demo_month: float | None = None  # months from the window's start to a counted demo; None: none counted
    p_never: float = 0.0  # P(no demo ever); demo_median_months and weibull_k describe the time given one comes
    demo_offset_months: float = 0.0  # months from the demo model's clock start (the made date) to the window's
    #: (demo_median_months, weibull_k, p_never) per draw of the shared demo-timing model's inputs (fit and
    #: judgements), which the intervals use; empty: the demo time is the reader's override, swept as a point value
    timing_draws: tuple[tuple[float, float, float], ...] = ()
    #: months from the window's start to the last date the data show Runway operating (the earlier of as_of and
    #: the data snapshot); None: as_of. Beyond the snapshot the data say nothing, so cash may run out there.
    operating_months: float | None = None


@dataclass(frozen=True)
class Draws:
    cash: np.ndarray
    burn: np.ndarray
    window: np.ndarray
    demo: np.ndarray
    haircut: np.ndarray
    arr: np.ndarray
    multiple: np.ndarray


def _lerp(r, x):
    return r[0] + (r[1] - r[0]) * x


def conditional_demo_time(u, median_months: float, k: float, elapsed: float, p_never: float = 0.0, offset: float = 0.0):
    """Demo times given none by ``elapsed`` months (inverse transform of uniforms u): S(T) = (1 - u) S(e) for
    S of ``conditional_survival``; inf (never) when that falls to p_never or below."""
    eta = weibull_scale(median_months, k)
    e = max(float(elapsed), 0.0)
    u = np.asarray(u, dtype=float)
    if p_never >= 1:  # a demo never comes
        return np.full(u.shape, np.inf)
    if p_never <= 0:
        return eta * (((e + offset) / eta) ** k - np.log1p(-u)) ** (1 / k) - offset
    w_e = math.exp(-(((e + offset) / eta) ** k))
    w_t = ((1 - u) * (p_never + (1 - p_never) * w_e) - p_never) / (1 - p_never)
    with np.errstate(divide="ignore", invalid="ignore"):
        times = eta * (-np.log(np.where(w_t > 0, np.minimum(w_t, w_e), 1.0))) ** (1 / k) - offset
    return np.where(w_t > 0, np.maximum(times, e), np.inf)


def draw(a: Assumptions, n: int, seed: int) -> Draws:
    """All random draws, from one seeded generator (common random numbers across scenarios)."""
    rng = np.random.default_rng(seed)
    u = rng.random((7, n))
    if a.demo_month is not None:
        demo = np.full(n, max(float(a.demo_month), 0.0))
    else:
        demo = conditional_demo_time(
            u[3], a.demo_median_months, a.weibull_k, a.elapsed_months, a.p_never, a.demo_offset_months
        )
    return Draws(
        cash=_lerp(a.cash_usd, u[0]),
        burn=_lerp(a.net_burn_monthly_usd, u[1]),
        window=_lerp(a.window_months, u[2]),
        demo=demo,
        haircut=_lerp(a.correction_if_miss, u[4]),
        arr=_lerp(a.arr_usd, u[5]),
        multiple=_lerp(a.peer_revenue_multiple, u[6]),
    )


#: Months of cash per draw, by the inputs that set them (``runway_key``): one analysis's simulations share them.
Runways = dict[tuple, np.ndarray]


class RunwayMemo(dict):
    """``Runways`` kept across analyses in one process, up to ``max_bytes`` of arrays (the oldest dropped
    first): a memo of the pure function ``runway_months`` keyed on the values of all its inputs
    (``runway_key``), so grid points that differ only in as_of, the reading or the demo's timing reuse the
    months of cash of their draws. The arrays are read-only; a lock keeps threads of one process apart."""

    def __init__(self, max_bytes: int = 64 * 2**20) -> None:
        super().__init__()
        self.max_bytes, self.bytes = max_bytes, 0
        self.lock = threading.Lock()

    def __setitem__(self, key: tuple, value: np.ndarray) -> None:
        value = np.array(value)
        value.setflags(write=False)
        with self.lock:
            if key in self:
                return
            super().__setitem__(key, value)
            self.bytes += value.nbytes
            while self.bytes > self.max_bytes and len(self) > 1:
                self.bytes -= self.pop(next(iter(self))).nbytes


#: This process's memo of months of cash (``RunwayMemo``), which ``analyse`` shares between its points.
RUNWAYS = RunwayMemo()


def runway_key(a: Assumptions, n: int, seed: int) -> tuple:
    """What the months of cash of ``n`` seeded draws depend on (the demo's timing, window and haircut do not)."""
    return (a.cash_usd, a.net_burn_monthly_usd, a.arr_usd, a.arr_growth_annual, a.cost_growth_annual, n, seed)


def simulate(
    a: Assumptions, n: int, seed: int, need_runway: bool = True, runways: Runways | None = None
) -> dict[str, np.ndarray]:
    """The outcomes of ``n`` seeded draws, conditioned on survival to as_of (``elapsed_months``; after the data
    snapshot, to the snapshot: ``operating_months``): a draw whose cash would already have run out is
    contradicted by the data (Runway still operates) and is dropped
    (``survives`` false; ``summarize`` renormalises over the others); a raise comes ``raise_lead_months`` before
    cash runs out, at as_of at the earliest. The raise is priced from what is known at its date: the demo shown
    by then or not (post-money, or post-money cut by the haircut), and the run-rate then times the peer
    multiple; the better of the two. A down round is a price below the post-money; any haircut above zero makes
    a raise without a demo one unless revenue covers the post-money, so the haircut sets its depth, not its
    chance. ``runways``: months of cash already computed for the same inputs (read, and added to)."""
    d = draw(a, n, seed)
    miss = d.demo > d.window
    out = {"miss": miss, "demo": d.demo, "window": d.window, "cash": d.cash, "burn": d.burn, "arr": d.arr}
    if not need_runway:
        return out
    elapsed = max(float(a.elapsed_months), 0.0)
    key = runway_key(a, n, seed)
    runway = None if runways is None else runways.get(key)
    if runway is None:
        runway = runway_months(d.cash, d.burn, d.arr, a.arr_growth_annual, a.cost_growth_annual)
        if runways is not None:
            runways[key] = runway
    known = elapsed if a.operating_months is None else min(max(float(a.operating_months), 0.0), elapsed)
    survives = runway >= known
    must_raise = survives & (runway < MAX_MONTHS)
    raise_month = np.where(must_raise, np.maximum(runway - a.raise_lead_months, known), np.inf)
    demo_shown = d.demo <= raise_month
    thesis_value = a.post_money_usd * np.where(demo_shown, 1.0, 1 - d.haircut)
    with np.errstate(over="ignore", invalid="ignore"):
        arr_at_raise = d.arr * (1 + a.arr_growth_annual) ** (np.minimum(raise_month, MAX_MONTHS) / 12)
    revenue_value = arr_at_raise * d.multiple
    price = np.maximum(thesis_value, revenue_value)
    return {
        **out,
        "runway": runway,
        "survives": survives,
        "cash_out_before_demo": survives & (runway < np.minimum(d.demo, MAX_MONTHS)),
        "must_raise": must_raise,
        "raise_month": raise_month,
        "demo_shown_at_raise": must_raise & demo_shown,
        "revenue_below_post": must_raise & (revenue_value < a.post_money_usd),
        "price_at_raise": np.where(must_raise, price, np.nan),
        "down_round": must_raise & (price < a.post_money_usd),
        "haircut": d.haircut,
    }


#: The chances ``summarize`` takes over the outcomes that survive to as_of (undefined when none does).
SURVIVORS_ONLY = frozenset({"p_cash_out_before_demo", "p_down_round"})


def _share(part: np.ndarray, whole: np.ndarray) -> float:
    """The share of ``whole``'s outcomes in ``part`` (0 when there are none)."""
    return float((part & whole).sum() / whole.sum()) if whole.any() else 0.0


def p_miss_exact(a: Assumptions) -> float:
    """P(miss the window) without simulation noise: the demo time and the window are drawn independently of cash,
    burn and run-rate, so conditioning on survival leaves it unchanged, and it is the mean over the window of the
    demo-time model's conditional survival (``p_miss_closed_form``); a counted demo at month d misses the part of
    the window (uniform) that ends before d."""
    low, high = (float(x) for x in a.window_months)
    if a.demo_month is not None:
        d = max(float(a.demo_month), 0.0)
        return float(d > low) if high == low else float(np.clip((d - low) / (high - low), 0.0, 1.0))
    return p_miss_closed_form(
        (low, high), a.demo_median_months, a.weibull_k, a.elapsed_months, p_never=a.p_never,
        offset=a.demo_offset_months,
    )  # fmt: skip


def summarize(a: Assumptions, sims: dict[str, np.ndarray]) -> dict[str, float]:
    """Each chance over the outcomes that survive to as_of (all of them when the runway was not simulated);
    P(miss the window) exactly (``p_miss_exact``), the simulation's share only checks it."""
    survives = sims.get("survives", np.ones_like(sims["miss"]))
    out = {"p_miss_window": p_miss_exact(a)}
    if "runway" in sims:
        down = sims["down_round"]
        with np.errstate(invalid="ignore"):
            depth = 1 - sims["price_at_raise"][down] / a.post_money_usd
        out |= {
            "p_cash_out_before_demo": _share(sims["cash_out_before_demo"], survives),
            "p_must_raise": _share(sims["must_raise"], survives),
            "p_down_round": _share(down, survives),
            "p_default_alive": _share(~sims["must_raise"], survives),
            "p_out_by_as_of": float((~survives).mean()),
            "p_no_demo_at_raise": _share(~sims["demo_shown_at_raise"], sims["must_raise"]),
            "p_revenue_below_post": _share(sims["revenue_below_post"], sims["must_raise"]),
            "down_round_depth_median": float(np.median(depth)) if down.any() else 0.0,
            "runway_months_median": float(np.median(sims["runway"][survives])) if survives.any() else 0.0,
        }
    return out


def replace(a: Assumptions, name: str, value) -> Assumptions:
    """The assumptions with one of them changed (by name)."""
    return dataclasses.replace(a, **{name: value})


def growth_floor() -> float:
    """Where a sensitivity setting of a growth rate stops: the growth rates' declared lower bound (read on first
    use; ln(1 + x) needs x > -1)."""
    return max(declared_bounds(NOTEBOOK, name)[0] for name in GROWTH_RATES)


def sensitivity_ranges(a: Assumptions) -> dict[str, tuple]:
    """Low and high setting of every assumption: ranges collapse to their ends; point values are
    halved and increased by half; the Weibull shape goes from 2/3 to twice its value (1 to 3 at 1.5),
    p_never from none to twice its value; a growth rate never below ``growth_floor()``. With the shared
    demo-timing model, the demo's inputs go from the 5% to the 95% quantile of its joint draws instead."""
    from .demo_timing import p_never_range

    ranges = {name: ((getattr(a, name)[0],) * 2, (getattr(a, name)[1],) * 2) for name in RANGES}
    for name in POINT_ASSUMPTIONS:
        value = getattr(a, name)
        ranges[name] = (
            (value * 2 / 3, value * 2)
            if name == "weibull_k"
            else p_never_range(value)
            if name == "p_never"
            else (value * 0.5, max(value * 1.5, growth_floor()) if name in GROWTH_RATES else value * 1.5)
        )
    if a.timing_draws:
        draws = np.array(a.timing_draws, dtype=float)
        for column, name in enumerate(TIMING):
            low, high = np.quantile(draws[:, column], [0.05, 0.95])
            ranges[name] = (float(low), float(high))
    return ranges


def tornado(a: Assumptions, n: int, seed: int, steps: dict[str, tuple], metric: str = "p_down_round") -> list[dict]:
    """``metric`` with each assumption set to its low and its high value, all else at its base."""
    return [r for r in sensitivity(a, n, seed, steps) if r["metric"] == metric]


def sensitivity(
    a: Assumptions, n: int, seed: int, steps: dict[str, tuple], runways: Runways | None = None
) -> list[dict]:
    """Every metric at each assumption's low and high setting, sorted by its swing as shown (``visible_swing``)
    within each metric."""
    base = summarize(a, simulate(a, n, seed, runways=runways))
    rows = []
    settings = {
        name: [
            summarize(b, simulate(b, n, seed, runways=runways)) for b in (replace(a, name, low), replace(a, name, high))
        ]
        for name, (low, high) in steps.items()
    }
    for metric in METRICS:
        block = []
        for name, (low, high) in steps.items():
            lo, hi = settings[name][0][metric], settings[name][1][metric]
            gone = [metric in SURVIVORS_ONLY and s.get("p_out_by_as_of", 0.0) >= 1 for s in settings[name]]
            block.append(
                {
                    "metric": metric,
                    "assumption": name,
                    "low_setting": low,
                    "high_setting": high,
                    "p_low": lo,
                    "p_high": hi,
                    "base": base[metric],
                    "swing": visible_swing(lo, hi, base[metric], *gone),
                    "none_low": gone[0],  # no outcome lasts to as_of: the chance among survivors is undefined
                    "none_high": gone[1],
                }
            )
        rows += sorted(block, key=lambda r: -r["swing"])
    return rows


def shown_step(p: float) -> float:
    """The least change in a probability near ``p`` that its published form shows: one point from 1% to 99%, else
    one in the first significant figure of the chance (or of the chance left); 0 at 0 or 1."""
    near = min(p, 1 - p)
    if near >= 0.01:
        return 0.01
    return 10 ** math.floor(math.log10(near)) if near > 0 else 0.0


def visible_swing(p_low: float, p_high: float, base: float, none_low: bool = False, none_high: bool = False) -> float:
    """How far one assumption moves a chance as the page shows it: the one rule behind the lead's drivers, the
    tornado's bars and the swings table. Over the settings at which some outcome lasts to as_of (``none_low``,
    ``none_high``: none does, the chance is undefined there), with the middle setting when only one does; 0 when
    neither does, when both ends read alike, or when the change is under the precision shown near ``base``
    (``shown_step``; a point at 0% or 100%, where any change shows)."""
    values = [p for p, gone in ((p_low, none_low), (p_high, none_high)) if not gone]
    values += [base] * (len(values) == 1)
    if len(values) < 2:
        return 0.0
    low, high = min(values), max(values)
    if round_probability(low) == round_probability(high) or high - low < (shown_step(base) or 0.01):
        return 0.0
    return high - low


def drivers(rows: list[dict], metric: str, top: int = 2) -> list[str]:
    """The assumptions that move ``metric`` as the page shows it (``visible_swing``), largest first (at most
    ``top``)."""
    return [r["assumption"] for r in rows if r["metric"] == metric and r["swing"] > 0][:top]


def intervals(
    a: Assumptions,
    n: int,
    seed: int,
    sets: int = 200,
    quantiles: tuple[float, float] = (0.05, 0.95),
    runways: Runways | None = None,
) -> dict[str, tuple[float, float]]:
    """The 5-95% range of each probability over assumption sets whose point-valued assumptions are
    drawn uniformly from their sensitivity ranges (with the shared demo-timing model, the demo's inputs
    are its joint draws instead: the fit's bootstrap, q's posterior, p_never's spread), with the same inner
    draws for every set, widened to include the point estimate at the base assumptions."""
    ranges = sensitivity_ranges(a)
    rng = np.random.default_rng([seed, 1])  # a stream of its own: the inner draws stay common
    u = rng.random((sets, len(POINT_ASSUMPTIONS)))
    point = summarize(a, simulate(a, n, seed, runways=runways))
    values = {m: [point[m]] for m in METRICS}
    swept = [name for name in POINT_ASSUMPTIONS if not (a.timing_draws and name in TIMING)]
    for i, row in enumerate(u):
        changes = {name: _lerp(ranges[name], x) for name, x in zip(POINT_ASSUMPTIONS, row, strict=True)}
        changes = {name: changes[name] for name in swept}
        if a.timing_draws:
            changes |= dict(zip(TIMING, a.timing_draws[i % len(a.timing_draws)], strict=True))
        b = dataclasses.replace(a, **changes)
        s = summarize(b, simulate(b, n, seed, runways=runways))
        for m in METRICS:
            values[m].append(s[m])
    out = {}
    for m in METRICS:
        lo, hi = np.quantile(values[m], quantiles)
        out[m] = (float(min(lo, point[m])), float(max(hi, point[m])))
    return out


# ---- precision -------------------------------------------------------------------------------


def rounded_chance(point: float, interval: tuple[float, float]) -> tuple[float, tuple[float, float]]:
    """A probability and its interval as published, by the collection's one rule (``demo_timing.round_probability``
    and ``round_interval``: whole points, one significant figure within 1% of 0 or 1), the interval outward and
    holding the rounded point."""
    p = round_probability(point)
    low, high = round_interval(*interval)
    return p, (min(low, p), max(high, p))


def round_sig(value: float, digits: int = 2) -> float:
    """``value`` to ``digits`` significant figures (money and multiples from single-source inputs)."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


# ---- inputs from data ----------------------------------------------------------------------


def sourced_inputs(data, company: str, window_start) -> dict:
    """The sourced figures the model starts from, as known on the window's start date, each with whether it rests on
    aggregator pages alone (``*_aggregator_only``: the last round bounds cash, the run-rates set revenue)."""
    from . import funding
    from .valuation import on_aggregator_pages_only

    start = np.datetime64(window_start)
    rounds = data.rounds[data.rounds["company_id"] == company]
    raised = funding.counted_rounds(rounds, window_start)
    valuation = funding.latest_post_money(rounds, window_start)
    arr = funding.known_by(
        data.metrics[(data.metrics["metric"] == "arr_usd") & (data.metrics["company_id"] == company)], window_start
    )
    if raised.empty or valuation.empty or arr.empty:
        raise ValueError(
            f"window_start {window_start}: the data hold no capital raised, post-money valuation "
            f"and run-rate for {company} on or before it"
        )
    latest_arr = funding.latest_preferring_reported(arr).iloc[0]
    ordered = raised.dropna(subset=["amount_usd"]).sort_values("as_of_date", kind="stable")
    return {
        "total_raised_usd": float(raised["amount_usd"].sum()),
        "last_round_usd": float(ordered["amount_usd"].iloc[-1]),
        "last_round": str(ordered["round"].iloc[-1]),
        "last_round_date": ordered["as_of_date"].iloc[-1],
        "previous_round": str(ordered["round"].iloc[-2]) if len(ordered) > 1 else None,
        "previous_round_date": ordered["as_of_date"].iloc[-2] if len(ordered) > 1 else None,
        "last_round_source": str(ordered["source_url"].iloc[-1]),
        "last_round_aggregator_only": bool(ordered["source_tier"].iloc[-1] == "aggregator"),
        "rounds_sources": int(raised["source_url"].nunique()),
        "rounds_counted": int(len(raised)),
        "post_money_usd": float(valuation["post_money_usd"].iloc[0]),
        "post_money_as_of": str(valuation["as_of"].iloc[0]),
        "post_money_source": str(valuation["source_url"].iloc[0]),
        "arr_usd": float(latest_arr["value"]),
        "arr_as_of": str(latest_arr["as_of"]),
        "arr_aggregator_only": bool(on_aggregator_pages_only(arr).all()),
        "arr_age_months": float((start - np.datetime64(latest_arr["as_of_date"], "D")).astype(int) / DAYS_PER_MONTH),
    }


def arr_range(data, company: str, window_start, growth: tuple[float, float], include_estimates: bool) -> dict:
    """The run-rate at the window's start as a range, by notebook 06's rule (one rule for both notebooks):
    ``revenue.run_rate_range`` on the window's start with 06's growth range (``revenue_growth``), from what is
    dated by then (a floor reported later is not known at the window's start)."""
    from . import revenue

    return revenue.run_rate_range(data.metrics, company, window_start, growth[0], growth[1], include_estimates)


def paid_multiple(data, window_start, growth: tuple[float, float], include_estimates: bool) -> dict | None:
    """The multiple the round known at the window's start paid, on the run-rate at the round's own date: notebook
    06's ``valuation.round_multiple`` (one answer to one question); None when no reported run-rate precedes it."""
    from . import valuation

    try:
        return valuation.round_multiple(data, window_start, growth, include_estimates)
    except ValueError:
        return None


#: The class of notebook 06 whose multiples price a raise on revenue.
PEER_CLASS = "private_ai"
#: The multiple when no peer of the class counts at as_of: the revenue case is not priced.
NO_PEER_MULTIPLE = (0.0, 0.0)


def peer_multiple(data, as_of, min_confidence: str, given) -> dict:
    """The peer revenue multiple at a raise, low and high (``range``): the reader's range when ``given``; else
    notebook 06's private AI video and creative class at ``as_of`` (the lowest to the highest peer valuation /
    run-rate, aggregator-only figures counted only with ``min_confidence="any"``); with no peer counted, the
    revenue case is not priced (``NO_PEER_MULTIPLE``). ``basis``: parameter, peers or none; ``peers``: the
    counted peers' ranges (None with a stated range)."""
    from . import valuation

    if given is not None:
        return {"range": (float(given[0]), float(given[1])), "basis": "parameter", "peers": None}
    peers = valuation.peer_ranges(data, PEER_CLASS, as_of, min_confidence == "any")
    stats = valuation.class_statistics(peers)
    if stats is None:
        return {"range": NO_PEER_MULTIPLE, "basis": "not_priced", "peers": peers}
    return {"range": (stats["low"], stats["high"]), "basis": "peers", "peers": peers}


def aggregator_inputs(sourced: dict) -> list[str]:
    """The model's sourced inputs that rest on aggregator pages alone, in words ('cash', 'run-rates'): the lead
    says so beside its chances, as the valuation page does."""
    flags = {"cash": "last_round_aggregator_only", "run-rates": "arr_aggregator_only"}
    return [name for name, key in flags.items() if sourced[key]]


def cash_bound(sourced: dict, window_start, burn_range: tuple[float, float]) -> dict:
    """Cash at the window's start is below capital raised minus what was at least spent.

    high: total raised minus the low burn in every month since the round before last (the company
    was reported loss-making in June 2025); low: the last round minus the high burn since it closed
    (every earlier dollar spent)."""
    since_last = max(months_between(sourced["last_round_date"], window_start), 0.0)
    prev = sourced["previous_round_date"]
    since_prev = max(months_between(prev, window_start), 0.0) if prev is not None else since_last
    high = max(sourced["total_raised_usd"] - burn_range[0] * since_prev, 0.0)
    low = min(max(sourced["last_round_usd"] - burn_range[1] * since_last, 0.0), high)
    return {"low": low, "high": high, "months_since_last": since_last, "months_since_previous": since_prev}


def demo_state(
    events: pd.DataFrame, window_start, as_of, reading: str, min_confidence: str, predictions_table=None
) -> dict:
    """Whether a credible demo is known by ``as_of``, by notebook 03's rule (``predictions.status_of`` on the
    events ``predictions.counted_events`` counts): a demo is counted only when 03 calls the claim resolved
    (its deciding event on or after the claim's made date); a qualifying event before the claim was made makes it
    ``ambiguous`` there and counts as no demo here (``earlier`` names it). ``pending``: the unconfirmed events
    that, confirmed, would change that status (03's own pending list: a qualifying event before the claim was made
    would not, so it is not pending here either). ``predictions_table``: the claims
    (``data.predictions``); without it the claim is taken as made on ``window_start``."""
    from . import predictions

    own = events[events["prediction_id"] == DEMO_PREDICTION]
    made = pd.Timestamp(window_start)
    if predictions_table is not None:
        made = predictions.with_dates(predictions_table).set_index("prediction_id").loc[DEMO_PREDICTION, "made_date"]
    # a demo after the claim's deadline still prices a raise: the claim's window here runs on without an end
    status = predictions.status_of(
        "by_deadline", made, NO_DEADLINE, own, reading, pd.Timestamp(as_of), 0, min_confidence
    )
    counted = predictions.counted_events(events, DEMO_PREDICTION, as_of, reading, min_confidence)
    shown = status.status == "resolved_yes"
    earlier = counted[counted["as_of_date"] < made]
    return {
        "status": status.status,
        "demo_event": str(status.deciding_event) if shown else None,
        "demo_date": status.deciding_date if shown else None,
        "demo_month": max(months_between(window_start, status.deciding_date), 0.0) if shown else None,
        "earlier": sorted(earlier["event_id"]),
        "pending": sorted(status.pending),
    }


# ---- what would flip the answer -------------------------------------------------------------


def median_that_flips(a: Assumptions, level: float = 0.5) -> float | None:
    """The demo's median time (months) at which P(miss the window) reaches ``level``, all else as in ``a``
    (closed form, by bisection: P(miss) rises with the median); None when no median within demo_median_months'
    declared bounds does."""
    lo, hi = declared_bounds(NOTEBOOK, "demo_median_months")

    def p(median: float) -> float:
        return p_miss_closed_form(
            a.window_months, median, a.weibull_k, a.elapsed_months, p_never=a.p_never, offset=a.demo_offset_months
        )

    if not p(lo) <= level <= p(hi):
        return None
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if p(mid) < level else (lo, mid)
    return (lo + hi) / 2


# ---- the entry point: one typed result of notebook 04 ---------------------------------------------

SOURCE_FILES = ["funding_rounds", "company_metrics", "events", "valuation_figures"]
_METRIC_LABELS = {  # in readers' words: "chance of", never the notation P(...)
    "p_miss_window": "Chance of missing the demo window",
    "p_cash_out_before_demo": "Chance cash runs out before a demo",
    "p_down_round": "Chance of a down round",
}
#: Each headline probability (rounded by the one rule, ``rounded_chance``) and its 5-95% range.
CHANCES = tuple(
    r
    for m, label in _METRIC_LABELS.items()
    for r in (
        Result(m, label, "probability"),
        Result(f"{m}_interval", f"{label}, 5-95% range over the assumptions", "probability"),
    )
)
#: What the evidence ledger says about a credible demo under one setting.
DEMO_STATE = (
    Result("demo_counted", "Demo counted", "text"),
    Result("demo_counted_date", "Date of the counted demo", "date"),
    Result("demo_override", "Reader's override of the demo", "flag"),
    Result("pending_confirmation", "Demo events pending confirmation", "text"),
)
_DIFFERS = Result("differs", "Changes the headline", "flag")
RESULTS = declare(
    Result("as_of", "State of the world as of", "date"),
    Result("strictness", "Reading of a credible demonstration", "status"),
    Result("min_confidence", "Evidence that counts", "status"),
    Result("elapsed_months", "Months since the window's start", "number", unit="months"),
    Result("window_months", "The article's demo window", "number", unit="months", digits=3),
    *DEMO_STATE,
    *CHANCES,
    Result(
        "p_runway_demo_by_2027_06", "Chance of Runway's demo by 2027-06-30, as notebook 03 publishes it", "probability"
    ),
    Result("p_runway_demo_by_2027_06_interval", "Chance of Runway's demo by 2027-06-30, 90% interval", "probability"),
    Result("p_must_raise", "Chance Runway must raise before revenue covers costs", "probability"),
    # a simulated share read as a chance is ('over 99%', never '100%' for 99.93%): one rule beside the lead's chances
    Result("p_no_demo_at_raise", "Share of raises with no demo shown by then", "probability"),
    Result("p_revenue_below_post", "Share of raises where revenue x multiple is below the post-money", "share"),
    Result(
        "p_out_by_as_of",
        "Share of outcomes dropped: their assumed cash would have run out while the data show Runway operating",
        "share",
    ),
    Result("down_round_depth_median", "Median fall of a down round's price below the post-money", "share"),
    Result("p_default_alive", "Chance revenue covers costs before the cash runs out", "probability"),
    Result("runway_months_median", "Median months of cash at a constant net burn", "number", unit="months"),
    Result("cash_usd_at_start", "Cash at the window's start (low, high)", "money"),
    Result("arr_usd_at_start", "Run-rate at the window's start (low, high)", "money"),
    Result(
        "implied_revenue_multiple_interval",
        "Multiple the round paid on its run-rate (notebook 06's, at the round's date)",
        "multiple",
    ),
    Result("peer_revenue_multiple", "Peer revenue multiple at a raise (low, high)", "multiple"),
    Result("peer_multiple_basis", "Revenue at a raise priced by", "status"),
    Result("peer_multiple_peers", "Peers the multiple rests on", "text"),
    Result("drivers", "Largest swings of each probability (assumptions)", "status", by="metric"),
    Result(
        "other_evidence",
        "Under the other evidence setting",
        fields=(*DEMO_STATE, *CHANCES, Result("min_confidence", "Evidence that counts", "status"), _DIFFERS),
    ),
    Result(
        "other_reading",
        "Under the other reading",
        fields=(*DEMO_STATE, *CHANCES, Result("strictness", "Strict or lenient", "status"), _DIFFERS),
    ),
)


@dataclass
class OperationsAnalysis(Analysis):
    """Notebook 04's tables, charts' data, sentences and results (``analyse``)."""

    inputs: pd.DataFrame  # the sourced inputs (values as shown)
    assumptions: pd.DataFrame  # every assumption (values as shown)
    runway_months: pd.DataFrame  # chart data: months of cash at constant burn (index: cash; columns: burn)
    default_alive: pd.DataFrame  # chart data: True where revenue overtakes growing costs first
    runway_grid: pd.DataFrame  # the same grid as shown: whole months, money labels
    alive_grid: pd.DataFrame  # months until cash runs out with growth, or "never"
    ledger: pd.DataFrame  # Runway's evidence ledger
    demo_curve: pd.DataFrame  # chart data: P(demo by month), 145 points
    demo_curve_shown: pd.DataFrame  # every twelfth point, rounded
    price_quantiles: pd.DataFrame  # chart data of the valuation histogram (as shown)
    tornado: pd.DataFrame  # chart data: P(down round) at each assumption's low and high setting
    tornado_shown: pd.DataFrame  # the tornado's data in words (its CSV)
    swings: pd.DataFrame  # swing of each probability by assumption
    evidence: pd.DataFrame  # the headline under both evidence settings
    model: Assumptions
    sims: dict[str, np.ndarray]  # the simulation (not published: 20,000 draws; charts read it)
    demo_times: np.ndarray  # simulated demo times, cut at the chart's horizon
    text: Sentences  # the notebook's sentences

    DECLARATIONS: ClassVar[dict[str, Result]] = RESULTS


def demo_time_model(data, p: dict, reading: str, evidence: str, fit=None) -> dict:
    """The demo time's inputs under one reading and evidence setting: the shared demo-timing model of
    notebook 03 (``demo_timing``) for Runway's prediction, unless ``demo_median_months`` overrides it (a
    Weibull with that median and ``weibull_k``, or the model's shape); both keep ``p_never``. Returns the
    Weibull median given a demo comes, its shape, p_never, the clock's offset, the joint draws for the
    intervals, the claim's published probability (``claim``) and the model (``timing``)."""
    from . import demo_timing, predictions

    settings = demo_timing.Settings.of(p, reading, evidence)
    claim = demo_timing.claim_probability(data, DEMO_PREDICTION, settings, fit)
    t = claim.timing
    made = predictions.with_dates(data.predictions).set_index("prediction_id").loc[DEMO_PREDICTION, "made_date"]
    offset = months_between(made, p["window_start"])
    if p["demo_median_months"] is not None:
        k = p["weibull_k"] if p["weibull_k"] is not None else t.fit.k
        return {"median": p["demo_median_months"], "k": k, "p_never": t.p_never, "offset": offset,
                "draws": (), "claim": claim, "timing": t}  # fmt: skip
    draws = tuple(
        (min(t.weibull_median(d.eta, d.k, d.q), MAX_MEDIAN), float(d.k), float(d.p_never)) for d in t.draws.itertuples()
    )
    return {"median": min(t.weibull_median(), MAX_MEDIAN), "k": t.fit.k, "p_never": t.p_never, "offset": offset,
            "draws": draws, "claim": claim, "timing": t}  # fmt: skip


def _world(
    data, p: dict, sourced: dict, cash: tuple, elapsed: float, evidence: str, reading: str, fit, by_evidence: dict
) -> dict:
    """Demo state, run-rate range and model under one evidence setting and reading (the inputs from data;
    ``by_evidence``: the run-rate range and peer multiple of each evidence setting, found once per analysis)."""
    override = p["existing_demo_counts"]
    state = demo_state(data.events, p["window_start"], p["as_of"], reading, evidence, data.predictions)
    if override is not None:
        state = {**state, "demo_event": "override" if override else None, "pending": []}
        state["demo_month"] = 0.0 if override else None
    if evidence not in by_evidence:  # they depend on the evidence setting, not on the reading
        growth = tuple(p["revenue_growth"])
        by_evidence[evidence] = (
            arr_range(data, "runway", p["window_start"], growth, evidence == "any"),
            peer_multiple(data, p["as_of"], evidence, p["peer_revenue_multiple"]),
            paid_multiple(data, p["window_start"], growth, evidence == "any"),
        )
    arr, multiple, paid = by_evidence[evidence]
    arr_pair = (arr["low"], arr["high"]) if p["arr_usd"] is None else tuple(p["arr_usd"])
    timing = demo_time_model(data, p, reading, evidence, fit)
    a = Assumptions(
        cash, tuple(p["net_burn_monthly_usd"]), arr_pair, p["arr_growth_annual"], p["cost_growth_annual"],
        tuple(p["window_months"]), timing["median"], timing["k"], tuple(p["correction_if_miss"]),
        multiple["range"], sourced["post_money_usd"], p["raise_lead_months"], elapsed,
        state["demo_month"], timing["p_never"], timing["offset"], timing["draws"],
        max(months_between(p["window_start"], min(str(p["as_of"]), SNAPSHOT_DATE)), 0.0),
    )  # fmt: skip
    return {"state": state, "arr": arr, "A": a, "timing": timing, "multiple": multiple, "paid": paid}


OVERRIDE_WORDS = "the reader's override"


def demo_event_words(event_id: str | None, descriptions: pd.Series) -> str | None:
    """A demo event as published: its description in data/events.csv up to the first semicolon (never its id),
    the reader's override in words, or None for no event (``descriptions``: by event id)."""
    from .predictions import event_words

    if event_id is None:
        return None
    return OVERRIDE_WORDS if event_id == "override" else event_words(descriptions[event_id])


def _headline(
    data, p: dict, world: dict, sims: dict | None = None, interval: dict | None = None, runways: Runways | None = None
) -> dict:
    """The published chances of one world, rounded to their evidence, with its demo state (``runways``: the
    months of cash the analysis has computed, shared by its worlds)."""
    a, state, n_inner = world["A"], world["state"], min(p["n_sims"], INTERVAL_SIMS)
    s = summarize(a, sims if sims is not None else simulate(a, p["n_sims"], p["seed"], runways=runways))
    iv = interval if interval is not None else intervals(a, n_inner, p["seed"], p["interval_sets"], runways=runways)
    events = data.events.set_index("event_id")
    out = {
        "demo_counted": demo_event_words(state["demo_event"], events["event"]),
        "demo_counted_date": events["event_date"].get(state["demo_event"]),  # as dated
        "demo_override": p["existing_demo_counts"],
        "pending_confirmation": [demo_event_words(e, events["event"]) for e in state["pending"]],
    }
    for m in METRICS:
        out[m], out[f"{m}_interval"] = rounded_chance(s[m], iv[m])
    return out


def _differs(other: dict, chosen: dict) -> bool:
    return any(other[m] != chosen[m] or other[f"{m}_interval"] != chosen[f"{m}_interval"] for m in METRICS)


def _grid(a: Assumptions) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Months of cash over a cash x burn grid at constant burn, with growth, and default alive."""
    cash, burn = np.linspace(*a.cash_usd, 5), np.linspace(*a.net_burn_monthly_usd, 7)
    months = pd.DataFrame(static_runway(cash[:, None], burn[None, :]), index=cash, columns=burn)
    arr_mid = float(np.mean(a.arr_usd))
    growth = runway_months(cash[:, None], burn[None, :], arr_mid, a.arr_growth_annual, a.cost_growth_annual)
    growth_runway = pd.DataFrame(growth, index=cash, columns=burn)
    return months, growth_runway, growth_runway >= MAX_MONTHS


def _demo_curve(a: Assumptions, p: dict) -> tuple[pd.DataFrame, float]:
    """P(credible demo by month) on a grid up to the chart's horizon, given none by ``as_of``."""
    horizon = max(36.0, p["window_months"][1] * 2, a.elapsed_months + 12)
    t = np.linspace(0, horizon, 145)
    if a.demo_month is not None:
        p_by = (t >= a.demo_month).astype(float)
    else:
        p_by = 1 - conditional_survival(
            t, a.demo_median_months, a.weibull_k, a.elapsed_months, a.p_never, a.demo_offset_months
        )
        p_by = np.where(t < a.elapsed_months, 0.0, p_by)
    return pd.DataFrame({"month": t, "p_demo_by_month": p_by}), horizon


def demo_by_window_ends(curve: pd.DataFrame, window) -> tuple[float, float]:
    """P(credible demo by) the window's shortest and longest length, read off the demo curve (``_demo_curve``)."""
    low, high = np.interp(window, curve["month"], curve["p_demo_by_month"])
    return float(low), float(high)


def analyse(data, params: dict) -> OperationsAnalysis:
    """Notebook 04 from the validated data and its checked parameters: the model's inputs from data, the
    cash x burn grid, the simulation, intervals and drivers, the headline under the other evidence setting
    and reading, every table and chart's data, the sentences and the answer."""
    from ..sourcing import cited_rows, outside_sources
    from . import demo_timing
    from . import operations_words as words
    from .predictions import ledger_order

    p = params
    sourced = sourced_inputs(data, "runway", p["window_start"])
    burn = tuple(p["net_burn_monthly_usd"])
    bound = cash_bound(sourced, p["window_start"], burn)
    given = p["cash_usd"]
    cash = (bound["low"], bound["high"]) if given is None else (given[0], min(given[1], bound["high"]))
    cash = (min(cash), cash[1])
    elapsed = max(months_between(p["window_start"], p["as_of"]), 0.0)
    n_inner = min(p["n_sims"], INTERVAL_SIMS)

    # fitted once, as known on as_of: every reading and evidence setting below reuses it
    fit = demo_timing.fit_reference_class(data.releases, "weibull", None, p["weibull_k"], p["as_of"])

    by_evidence: dict[str, tuple[dict, dict]] = {}

    def world(evidence: str, reading: str) -> dict:
        return _world(data, p, sourced, cash, elapsed, evidence, reading, fit, by_evidence)

    chosen_world = world(p["min_confidence"], p["strictness"])
    a = chosen_world["A"]
    months, growth_runway, alive = _grid(a)
    runways = RUNWAYS  # the other reading, most sensitivity settings and other dates have the same months of cash
    sims = simulate(a, p["n_sims"], p["seed"], runways=runways)
    summary = summarize(a, sims)
    survivors = sims["survives"]
    if survivors.any():  # else summarize's 0.0: no outcome still has cash at as_of
        runway = static_runway(sims["cash"][survivors], sims["burn"][survivors])
        summary["runway_months_median"] = float(np.median(runway))
    summary["p_miss_window_simulated"] = _share(sims["miss"], survivors)  # a check on the exact value, shown beside it
    curve, horizon = _demo_curve(a, p)
    interval = intervals(a, n_inner, p["seed"], p["interval_sets"], runways=runways)
    sens = sensitivity(a, n_inner, p["seed"], sensitivity_ranges(a), runways)
    chosen = _headline(data, p, chosen_world, sims, interval)
    other_setting = "any" if p["min_confidence"] == "reported" else "reported"
    other = _headline(data, p, world(other_setting, p["strictness"]), runways=runways)
    other |= {"min_confidence": other_setting, "differs": _differs(other, chosen)}
    other_reading_name = "lenient" if p["strictness"] == "strict" else "strict"
    other_reading = _headline(data, p, world(p["min_confidence"], other_reading_name), runways=runways)
    other_reading |= {"strictness": other_reading_name, "differs": _differs(other_reading, chosen)}
    paid = chosen_world["paid"]
    multiple = chosen_world["multiple"]
    results = {
        "as_of": p["as_of"],
        "strictness": p["strictness"],
        "min_confidence": p["min_confidence"],
        "elapsed_months": elapsed,
        "window_months": list(p["window_months"]),
        **chosen,
        "p_runway_demo_by_2027_06": chosen_world["timing"]["claim"].published,
        "p_runway_demo_by_2027_06_interval": chosen_world["timing"]["claim"].published_interval,
        "p_must_raise": round_probability(summary["p_must_raise"]),
        "p_no_demo_at_raise": round_probability(summary["p_no_demo_at_raise"]),
        "p_revenue_below_post": round_probability(summary["p_revenue_below_post"]),
        "p_out_by_as_of": summary["p_out_by_as_of"],
        "down_round_depth_median": summary["down_round_depth_median"],
        "p_default_alive": round_probability(summary["p_default_alive"]),
        "runway_months_median": summary["runway_months_median"],
        "cash_usd_at_start": list(a.cash_usd),
        "arr_usd_at_start": list(a.arr_usd),
        "implied_revenue_multiple_interval": None if paid is None else list(paid["implied"]),
        "peer_revenue_multiple": list(a.peer_revenue_multiple),
        "peer_multiple_basis": multiple["basis"],
        "peer_multiple_peers": [] if multiple["peers"] is None else sorted(multiple["peers"]["peer"]),
        "drivers": {m: drivers(sens, m) for m in METRICS},
        "other_evidence": other,
        "other_reading": other_reading,
    }
    events = data.events.set_index("event_id")["event"].to_dict()
    sources = outside_sources(cited_rows(data, SOURCE_FILES, p["as_of"]))
    raised = sims["must_raise"]  # survivors only
    tornado_rows = pd.DataFrame([r for r in sens if r["metric"] == "p_down_round"]).assign(
        from_model=lambda t: t["assumption"].isin(TIMING) & bool(a.timing_draws),  # the model's 5% and 95% draws
        single=lambda t: t["assumption"].map({"peer_revenue_multiple": words.single_peer(multiple)}).fillna(""),
    )
    swings = pd.DataFrame(sens).pivot_table(index="assumption", columns="metric", values="swing", sort=False)
    return OperationsAnalysis(
        results=results,
        answer=words.answer(results, a, sources, aggregator_inputs(sourced)),
        inputs=words.inputs_table(data, sourced, p["window_start"]),
        assumptions=words.assumptions_table(a, p, chosen_world, bound["high"], events),
        runway_months=months,
        default_alive=alive,
        runway_grid=words.grid_table(months.round(0).astype(int)),
        alive_grid=words.grid_table(growth_runway.round(0).astype(int).astype(str).where(~alive, "never")),
        ledger=ledger_order(data.events[data.events["prediction_id"] == DEMO_PREDICTION])[
            ["event_date", "event", "lenient", "strict", "confidence"]  # named in words, never by id
        ],
        demo_curve=curve,
        demo_curve_shown=curve.iloc[::12].round(2),
        price_quantiles=words.quantiles_table(sims["price_at_raise"][raised]),
        tornado=tornado_rows,
        tornado_shown=words.tornado_table(tornado_rows, results["p_down_round"]),
        swings=swings.apply(lambda c: c.map(round_probability)),  # each swing as the page shows it
        evidence=words.evidence_table(p, chosen, other),
        model=a,
        sims=sims,
        demo_times=np.minimum(sims["demo"], horizon),
        text=words.sentences(data, p, a, months, alive, chosen_world, summary, results, events, curve),
    )
