"""Operational tradeoffs: cash runway against the world-model demo window, as distributions.

Assumptions (each a parameter of notebook 04):
- Cash at the window's start, net burn and the time to a credible demo are uncertain: cash and burn
  are drawn uniformly from their ranges; the demo time T is Weibull with a stated median and shape.
- Monthly costs stay at their level at the start: costs = net burn + revenue / 12. Revenue (run-rate
  R0) grows at a constant annual rate g, so net burn falls as revenue grows:
      cash(t) = cash0 - costs * t + R0 / ln(1 + g) * ((1 + g)^(t / 12) - 1)      (months t; g > 0)
  "Default alive": revenue covers costs (at t* = 12 ln(12 costs / R0) / ln(1 + g)) before cash runs out.
- The article's window for a credible demo is 12-18 months; its length W is drawn uniformly in it.
- After the window the valuation is the better of two cases: the thesis case (the $5.3B post-money, cut
  by a haircut h on a missed demo) and a revenue case (run-rate at the window's end times a peer
  revenue multiple). A correction (down round) is a valuation after the window below the post-money.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

MAX_MONTHS = 600.0  # "never runs out" is reported as this horizon (50 years)


def weibull_scale(median_months: float, k: float) -> float:
    return median_months / math.log(2) ** (1 / k)


def weibull_survival(t, median_months: float, k: float):
    """P(T > t) for the demo time T (months)."""
    t = np.maximum(np.asarray(t, dtype=float), 0.0)
    return np.exp(-((t / weibull_scale(median_months, k)) ** k))


def p_miss_closed_form(window: tuple[float, float], median_months: float, k: float, points: int = 2001) -> float:
    """P(T > W) with W uniform on the window: the mean of the survival over it (fine quadrature)."""
    low, high = window
    if high == low:
        return float(weibull_survival(low, median_months, k))
    grid = np.linspace(low, high, points)
    return float(np.trapezoid(weibull_survival(grid, median_months, k), grid) / (high - low))


def static_runway(cash, burn):
    """Months of cash at a constant net burn (no revenue growth)."""
    return np.asarray(cash, dtype=float) / np.asarray(burn, dtype=float)


def cash_left(t, cash0, burn0, arr0, growth):
    """Cash after t months with fixed costs and revenue growing at ``growth`` a year."""
    t, cash0, burn0, arr0, growth = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (t, cash0, burn0, arr0, growth))
    )
    costs = burn0 + arr0 / 12
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_g = np.log1p(growth)
        revenue = np.where(growth > 0, arr0 / log_g * np.expm1(t * log_g / 12), arr0 * t / 12)
    return cash0 - costs * t + revenue


def break_even_month(burn0, arr0, growth):
    """When revenue alone covers costs (inf when it never does; 0 when it already does)."""
    burn0, arr0, growth = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (burn0, arr0, growth)))
    costs = burn0 + arr0 / 12
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        t = 12 * np.log(12 * costs / arr0) / np.log1p(growth)
    t = np.where((growth > 0) & (arr0 > 0), t, np.inf)
    return np.where(burn0 <= 0, 0.0, t)


def runway_months(cash0, burn0, arr0, growth, iterations: int = 60):
    """Months until cash runs out with growing revenue; MAX_MONTHS when revenue gets there first.

    Cash falls until break-even and rises after it, so the root (if any) lies in [0, t*]: bisection,
    vectorised over all draws.
    """
    cash0, burn0, arr0, growth = np.broadcast_arrays(
        *(np.asarray(x, dtype=float) for x in (cash0, burn0, arr0, growth))
    )
    t_star = np.minimum(break_even_month(burn0, arr0, growth), MAX_MONTHS)
    alive = cash_left(t_star, cash0, burn0, arr0, growth) > 0
    low, high = np.zeros_like(cash0), t_star.copy()
    for _ in range(iterations):
        mid = (low + high) / 2
        positive = cash_left(mid, cash0, burn0, arr0, growth) > 0
        low = np.where(positive, mid, low)
        high = np.where(positive, high, mid)
    return np.where(alive | (burn0 <= 0), MAX_MONTHS, (low + high) / 2)


@dataclass(frozen=True)
class Assumptions:
    cash_usd: tuple[float, float]
    net_burn_monthly_usd: tuple[float, float]
    arr_usd: float
    arr_growth_annual: float
    window_months: tuple[float, float]
    demo_median_months: float
    weibull_k: float
    existing_demo_counts: bool
    correction_if_miss: tuple[float, float]
    peer_revenue_multiple: float
    post_money_usd: float


@dataclass(frozen=True)
class Draws:
    cash: np.ndarray
    burn: np.ndarray
    window: np.ndarray
    demo: np.ndarray
    haircut: np.ndarray


def draw(a: Assumptions, n: int, seed: int) -> Draws:
    """All random draws, from one seeded generator (common random numbers across scenarios)."""
    rng = np.random.default_rng(seed)
    u = rng.random((5, n))
    scale = weibull_scale(a.demo_median_months, a.weibull_k)
    demo = np.zeros(n) if a.existing_demo_counts else scale * (-np.log1p(-u[3])) ** (1 / a.weibull_k)
    lerp = lambda r, x: r[0] + (r[1] - r[0]) * x  # noqa: E731
    return Draws(
        cash=lerp(a.cash_usd, u[0]),
        burn=lerp(a.net_burn_monthly_usd, u[1]),
        window=lerp(a.window_months, u[2]),
        demo=demo,
        haircut=lerp(a.correction_if_miss, u[4]),
    )


def simulate(a: Assumptions, n: int, seed: int) -> dict[str, np.ndarray]:
    d = draw(a, n, seed)
    runway = runway_months(d.cash, d.burn, a.arr_usd, a.arr_growth_annual)
    miss = d.demo > d.window
    arr_end = a.arr_usd * (1 + a.arr_growth_annual) ** (d.window / 12)
    thesis_value = a.post_money_usd * np.where(miss, 1 - d.haircut, 1.0)
    revenue_value = arr_end * a.peer_revenue_multiple
    value = np.maximum(thesis_value, revenue_value)
    return {
        "runway": runway,
        "miss": miss,
        "cash_out_before_demo": runway < np.minimum(d.demo, MAX_MONTHS),
        "value_after": value,
        "down_round": value < a.post_money_usd,
        "demo": d.demo,
        "window": d.window,
        "cash": d.cash,
        "burn": d.burn,
        "haircut": d.haircut,
    }


def summarize(a: Assumptions, sims: dict[str, np.ndarray]) -> dict[str, float]:
    return {
        "p_miss_window": float(sims["miss"].mean()),
        "p_cash_out_before_demo": float(sims["cash_out_before_demo"].mean()),
        "runway_months_median": float(np.median(sims["runway"])),
        "p_down_round": float(sims["down_round"].mean()),
        "implied_revenue_multiple": a.post_money_usd / a.arr_usd,
    }


def tornado(a: Assumptions, n: int, seed: int, steps: dict[str, tuple]) -> list[dict]:
    """P(down round) with each assumption set to its low and its high value, all else at its base."""
    base = summarize(a, simulate(a, n, seed))["p_down_round"]
    rows = []
    for name, (low, high) in steps.items():
        lo = summarize(replace(a, name, low), simulate(replace(a, name, low), n, seed))["p_down_round"]
        hi = summarize(replace(a, name, high), simulate(replace(a, name, high), n, seed))["p_down_round"]
        rows.append(
            {
                "assumption": name,
                "low_setting": low,
                "high_setting": high,
                "p_low": lo,
                "p_high": hi,
                "base": base,
                "swing": abs(hi - lo),
            }
        )
    return sorted(rows, key=lambda r: -r["swing"])


def replace(a: Assumptions, name: str, value) -> Assumptions:
    """The assumptions with one of them changed (by name)."""
    return dataclasses.replace(a, **{name: value})


# ---- inputs from data ----------------------------------------------------------------------


def sourced_inputs(data, company: str, window_start) -> dict:
    """The sourced figures the model starts from, as known on the window's start date."""
    from . import funding

    start = np.datetime64(window_start)
    raised = funding.counted_rounds(data.rounds[data.rounds["company_id"] == company], window_start)
    valuation = funding.latest_post_money(data.rounds[data.rounds["company_id"] == company], window_start)
    arr = funding.known_by(
        data.metrics[(data.metrics["metric"] == "arr_usd") & (data.metrics["company_id"] == company)], window_start
    )
    if raised.empty or valuation.empty or arr.empty:
        raise ValueError(
            f"window_start {window_start}: the data hold no capital raised, post-money valuation "
            f"and run-rate for {company} on or before it"
        )
    latest_arr = funding.latest_preferring_reported(arr).iloc[0]
    return {
        "total_raised_usd": float(raised["amount_usd"].sum()),
        "last_round_usd": float(raised.sort_values("as_of_date")["amount_usd"].iloc[-1]),
        "last_round": str(raised.sort_values("as_of_date")["round"].iloc[-1]),
        "post_money_usd": float(valuation["post_money_usd"].iloc[0]),
        "post_money_as_of": str(valuation["as_of"].iloc[0]),
        "arr_usd": float(latest_arr["value"]),
        "arr_as_of": str(latest_arr["as_of"]),
        "arr_age_months": float((start - np.datetime64(latest_arr["as_of_date"], "D")).astype(int) / (365.25 / 12)),
    }


def grown(value: float, growth: float, months: float) -> float:
    """A run-rate carried forward ``months`` at an annual growth rate."""
    return value * (1 + growth) ** (months / 12)
