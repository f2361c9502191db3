"""Funding comparison: capital raised, valuations, market caps and the audit of the article.

Counting rules (capital raised = primary capital that reached the company):
- ``primary`` rows count; secondary share sales, talks and valuation-only reports never do.
- A round announced and later closed at another size (``announced`` then ``primary`` under one
  ``round_key``) counts once: at its announced size until the close is reported, then at the close.
- Conflicting reports of one round: one is chosen (``primary``), the others are
  ``conflicting_report`` and are shown but not counted.
- Rows with no USD amount count as unknown (nothing is added): the company's total is then a
  **lower bound**, shown as such and kept out of every ratio.
- Conditional tranches (``conditional_usd``: money the sources say arrives only if a later condition
  is met) count toward ``total_raised`` (announced primary capital) but not toward
  ``unconditional_raised`` until a source reports the condition met (``condition_met_as_of``).
- A valuation flagged estimated or disputed never decides a headline (the largest step-up, the best
  valuation per dollar): headlines are chosen among reported valuations only.

Precision (``supported_sum``): a reported amount is precise to its last non-zero digit ("$50M" to the ten
million); a sum keeps the coarsest place of its addends. A ratio is computed from the exact sums and rounded once,
to two significant figures (``exact_multiple``); ``supported_ratio`` (the fewest significant figures of two
rounded inputs) serves a ratio of two single reported figures. Published figures are rounded so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from .. import ARTICLE_DATE
from ..data import Dataset
from ..dates import parse_period_end
from ..present.labels import on_a_phone
from ..present.sources import chart_note
from ..results import Analysis, Result, declare, money, multiple
from ..sourcing import FACT_KEYS, aggregator_only

ESTIMATE_FLAGS = ("estimated", "disputed")
VALUED_TREATMENTS = ("primary", "announced", "valuation_only")
AUDIT_TOLERANCE = 1.15  # within 15% either way counts as corroborated (or consistent, below)
#: The verdict of a figure that matches a sourced figure resting on an aggregator-only row: aggregators' pages
#: alone do not corroborate, it is only consistent with the article (data/README.md, "Aggregator-only figures").
CONSISTENT = "consistent with an aggregator-only source"
AUDIT_FIGURES = 2  # the audit's ratio and its factor: a multiple, at two significant figures like every multiple
VALUATION_FACT = ("round_key", "post_money_usd")  # one valuation: several reports of a round's post-money agree


def known_by(df: pd.DataFrame, as_of: str | pd.Timestamp, include_estimates: bool = True) -> pd.DataFrame:
    """Rows whose facts are dated on or before ``as_of`` (month dates count from month end)."""
    out = df[df["as_of_date"] <= pd.Timestamp(as_of)]
    if not include_estimates:
        out = out[~out["confidence"].isin(ESTIMATE_FLAGS)]
    return out


def _latest_report_per_round(rounds: pd.DataFrame, treatments: tuple[str, ...]) -> pd.DataFrame:
    """Per round_key the most recent row among ``treatments`` (a close replaces its announcement)."""
    rows = rounds[rounds["treatment"].isin(treatments)]
    order = rows["treatment"].map({"announced": 0}).fillna(1)  # same day: the close wins
    rows = rows.assign(_order=order).sort_values(["as_of_date", "_order"], kind="stable")
    return rows.groupby("round_key", sort=False).tail(1).drop(columns="_order")


def counted_rounds(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """The rounds that count toward capital raised as of a date, one row per round."""
    visible = known_by(rounds, as_of, include_estimates)
    counted = _latest_report_per_round(visible, ("primary", "announced"))
    return counted.sort_values(["company_id", "as_of_date", "round_id"], kind="stable").reset_index(drop=True)


def total_raised(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.Series:
    """Capital raised by company as of a date (sum of counted rounds with a USD amount)."""
    counted = counted_rounds(rounds, as_of, include_estimates)
    return counted.groupby("company_id")["amount_usd"].sum(min_count=1).dropna()


def open_conditional(counted: pd.DataFrame, as_of) -> pd.Series:
    """Per counted row, the conditional USD whose condition no source reports met by ``as_of`` (0 if none)."""
    if "conditional_usd" not in counted:
        return pd.Series(0.0, index=counted.index)
    amount = pd.to_numeric(counted["conditional_usd"], errors="coerce").fillna(0.0)
    met_on = counted["condition_met_as_of"].map(lambda t: parse_period_end(t) if isinstance(t, str) else pd.NaT)
    met = met_on.notna() & (met_on <= pd.Timestamp(as_of))
    return amount.where(~met, 0.0).astype(float)


def unconditional_raised(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.Series:
    """Capital raised without tranches still conditional at ``as_of`` (same companies as ``total_raised``)."""
    counted = counted_rounds(rounds, as_of, include_estimates)
    counted = counted.assign(_net=counted["amount_usd"] - open_conditional(counted, as_of))
    return counted.groupby("company_id")["_net"].sum(min_count=1).dropna()


CAPITAL_COLUMNS = [
    "total_raised_usd",
    "unconditional_raised_usd",
    "open_conditional_usd",
    "rounds_counted",
    "rounds_without_usd",
    "lower_bound",
    "includes_flagged",
    "precision_usd",
]


def capital_summary(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """One row per company with counted rounds: announced and unconditional capital, and how sure it is.

    ``lower_bound``: some counted round has no USD amount, so the true total is higher (never used in a
    ratio). ``includes_flagged``: an estimated or disputed amount is in the total. ``precision_usd``: the
    place the total is known to (``supported_sum``); NaN when no round has a USD amount.
    """
    counted = counted_rounds(rounds, as_of, include_estimates)
    if counted.empty:
        return pd.DataFrame(columns=CAPITAL_COLUMNS, index=pd.Index([], name="company_id")).astype(
            {c: float for c in CAPITAL_COLUMNS[:3] + ["precision_usd"]}
        )
    counted = counted.assign(_open=open_conditional(counted, as_of))
    rows = {}
    for company, group in counted.groupby("company_id", sort=False):
        amounts = group["amount_usd"].dropna()
        known = not amounts.empty
        rows[company] = {
            "total_raised_usd": amounts.sum() if known else math.nan,
            "unconditional_raised_usd": (amounts - group.loc[amounts.index, "_open"]).sum() if known else math.nan,
            "open_conditional_usd": float(group["_open"].sum()),
            "rounds_counted": len(group),
            "rounds_without_usd": int(group["amount_usd"].isna().sum()),
            "lower_bound": bool(group["amount_usd"].isna().any()),
            "includes_flagged": bool(group.loc[amounts.index, "confidence"].isin(ESTIMATE_FLAGS).any()),
            "precision_usd": float(10 ** supported_place(amounts)) if known else math.nan,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")[CAPITAL_COLUMNS]
    out.index.name = "company_id"
    return out


def ratio_ready(summary: pd.DataFrame, column: str = "total_raised_usd") -> pd.Series:
    """The totals that may enter a ratio: known, positive and not lower bounds."""
    ok = summary[column].notna() & (summary[column] > 0) & ~summary["lower_bound"].astype(bool)
    return summary.loc[ok, column].astype(float)


# ---- precision -------------------------------------------------------------------------


#: A figure is read to this many significant digits: the float noise of a computation (a sum, another CPU)
#: never adds figures to a reported amount nor tips a half the other way.
READ_DIGITS = 10


def _decimal(value: float) -> Decimal:
    return Decimal(f"{float(value):.{READ_DIGITS}g}").normalize()


def sig_figs(value: float) -> int:
    """Significant figures of a reported figure, trailing zeros not counted: 5.3e9 -> 2, 857.5e6 -> 4."""
    if value is None or not math.isfinite(value) or value == 0:
        return 1
    return max(1, len(_decimal(abs(value)).as_tuple().digits))


def last_place(value: float) -> int:
    """Power of ten of the last significant digit: 8.5e6 -> 5, 50e6 -> 7, 141e6 -> 6."""
    if value is None or not math.isfinite(value) or value == 0:
        return 0
    return int(_decimal(abs(value)).as_tuple().exponent)


def supported_place(amounts) -> int:
    """The place a sum of reported amounts is known to: the coarsest place among its addends."""
    places = [last_place(a) for a in amounts if a is not None and math.isfinite(a) and a != 0]
    return max(places) if places else 0


def _half_up(value: float, exponent: int) -> float:
    """``value`` rounded to a multiple of 10**exponent, halves away from zero as a reader rounds (2.5 -> 3;
    Python's round() and format() round halves to even: 2.5 -> 2)."""
    return float(_decimal(value).quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP))


def round_to_place(value: float, place: int) -> float:
    return _half_up(value, place) if math.isfinite(value) else value


def round_sig(value: float, figures: int) -> float:
    if value is None or not math.isfinite(value) or value == 0:
        return value
    return _half_up(value, math.floor(math.log10(abs(value))) - max(1, figures) + 1)


def supported_sum(amounts) -> float:
    """The sum of reported amounts, rounded to the coarsest place of its addends."""
    values = [a for a in amounts if a is not None and math.isfinite(a)]
    return round_to_place(float(sum(values)), supported_place(values)) if values else math.nan


def ratio_of_sums(numerator: float, denominator: float, numerator_rounded: float, denominator_rounded: float) -> float:
    """Exact ``numerator / denominator``, rounded once to the fewest significant figures of the rounded inputs.

    Dividing the rounded figures rounds twice: Decart's 4.0B over 453M (rounded 500M) is 8.8, about 9x,
    not 4.0B / 500M = 8x."""
    if not denominator or not math.isfinite(numerator) or not math.isfinite(denominator):
        return math.nan
    return round_sig(numerator / denominator, min(sig_figs(numerator_rounded), sig_figs(denominator_rounded)))


def exact_multiple(numerator: float, denominator: float) -> float:
    """numerator / denominator of the unrounded figures (NaN without a denominator): a multiple is rounded once,
    for display, to two significant figures (``results.multiple``), never computed from rounded totals (World
    Labs' $1.23B rounded to $1B first would turn OpenAI's 148x into 200x)."""
    if not denominator or not math.isfinite(numerator) or not math.isfinite(denominator):
        return math.nan
    return float(numerator / denominator)


def supported_ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator with the fewest significant figures of the two (both already rounded)."""
    if not denominator or not math.isfinite(numerator) or not math.isfinite(denominator):
        return math.nan
    return round_sig(numerator / denominator, min(sig_figs(numerator), sig_figs(denominator)))


HISTORY_COLUMNS = ["company_id", "date", "cumulative_raised_usd", "rounds_counted", "includes_estimates"]


def capital_steps(
    rounds: pd.DataFrame, as_of, include_estimates: bool = True
) -> list[tuple[str, pd.Timestamp, pd.DataFrame]]:
    """Each step of capital raised, per company (sorted) and date of a counted round with a USD amount: the
    company's rounds with a USD amount counted by that date (``counted_rounds`` at the step's date)."""
    counted = counted_rounds(rounds, as_of, include_estimates).dropna(subset=["amount_usd"])
    steps = []
    for company, group in counted.groupby("company_id", sort=True):
        own = rounds[rounds["company_id"] == company]
        for day in sorted(group["as_of_date"].unique()):
            included = counted_rounds(own, day, include_estimates).dropna(subset=["amount_usd"])
            steps.append((company, pd.Timestamp(day), included))
    return steps


def capital_history(
    rounds: pd.DataFrame, as_of, include_estimates: bool = True, steps: list | None = None
) -> pd.DataFrame:
    """Cumulative capital raised after each counted round (the step chart's data); typed even when empty.
    ``steps``: ``capital_steps`` of the same arguments when the caller has them already."""
    rows = []
    for company, day, included in capital_steps(rounds, as_of, include_estimates) if steps is None else steps:
        amounts = included["amount_usd"]
        rows.append(
            {
                "company_id": company,
                "date": day,
                "cumulative_raised_usd": amounts.sum(),
                "rounds_counted": len(amounts),
                "includes_estimates": bool(included["confidence"].isin(ESTIMATE_FLAGS).any()),
            }
        )
    out = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    return out.astype(
        {
            "company_id": object,
            "date": "datetime64[ns]",
            "cumulative_raised_usd": float,
            "rounds_counted": int,
            "includes_estimates": bool,
        }
    )


def valuation_history(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """Post-money valuations of primary rounds known by ``as_of`` (one per round)."""
    visible = known_by(rounds, as_of, include_estimates).dropna(subset=["post_money_usd"])
    chosen = _latest_report_per_round(visible, VALUED_TREATMENTS)
    cols = ["company_id", "round", "as_of", "as_of_date", "post_money_usd", "confidence", "treatment", "source_url"]
    cols += [c for c in ("_aggregator",) if c in chosen]  # kept when the caller flagged aggregator-only rows
    return chosen.sort_values(["company_id", "as_of_date"], kind="stable")[cols].reset_index(drop=True)


def latest_preferring_reported(df: pd.DataFrame) -> pd.DataFrame:
    """Per company the latest row, taking a reported row over a later estimated or disputed one."""
    rank = df["confidence"].map({"reported": 1}).fillna(0)
    ordered = df.assign(_rank=rank).sort_values(["company_id", "_rank", "as_of_date"], kind="stable")
    return ordered.groupby("company_id").tail(1).drop(columns="_rank").set_index("company_id")


def latest_post_money(rounds: pd.DataFrame, as_of, include_estimates: bool = True) -> pd.DataFrame:
    return latest_preferring_reported(valuation_history(rounds, as_of, include_estimates))


def market_caps(data: Dataset, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """Latest market cap of each public parent known by ``as_of``."""
    caps = known_by(data.metrics[data.metrics["metric"] == "market_cap_usd"], as_of, include_estimates)
    if caps.empty:
        return caps.set_index("company_id")
    return latest_preferring_reported(caps)


def step_ups(valuations: pd.DataFrame) -> pd.DataFrame:
    """Ratio of each post-money valuation to the company's previous one.

    ``flagged``: either valuation is estimated or disputed (such a step-up is shown, never a headline);
    ``step_up_supported``: the ratio at the precision its two valuations support."""
    v = valuations.sort_values(["company_id", "as_of_date"], kind="stable").copy()
    v["previous_usd"] = v.groupby("company_id")["post_money_usd"].shift()
    v["step_up"] = v["post_money_usd"] / v["previous_usd"]
    months = (v["as_of_date"] - v.groupby("company_id")["as_of_date"].shift()).dt.days / 30.4375
    v["months_since_previous"] = months.round(1)
    confidence = v["confidence"] if "confidence" in v else pd.Series("reported", index=v.index)
    v["previous_confidence"] = confidence.groupby(v["company_id"]).shift()
    v["flagged"] = confidence.isin(ESTIMATE_FLAGS) | v["previous_confidence"].isin(ESTIMATE_FLAGS)
    v["step_up_supported"] = [  # unrounded: shown at two significant figures (Luma's 14.8x reads 15x, not 10x)
        exact_multiple(a, b) for a, b in zip(v["post_money_usd"], v["previous_usd"].fillna(0), strict=True)
    ]
    return v.dropna(subset=["step_up"]).reset_index(drop=True)


def headline_step_up(steps: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None]:
    """(largest step-up between reported valuations, a larger one that rests on a flagged valuation or None)."""
    if steps.empty:
        return None, None
    clean = steps[~steps["flagged"]]
    best = clean.loc[clean["step_up"].idxmax()] if len(clean) else None
    flagged = steps[steps["flagged"]]
    top_flagged = flagged.loc[flagged["step_up"].idxmax()] if len(flagged) else None
    if top_flagged is not None and best is not None and top_flagged["step_up"] <= best["step_up"]:
        top_flagged = None
    return best, top_flagged


def relative_capital(raised: pd.Series) -> pd.DataFrame:
    """Matrix: capital of the row company divided by capital of the column company.

    Pass only ratio-ready totals (``ratio_ready``): a lower bound in a ratio would be read as a figure."""
    values = raised.sort_values(ascending=False, kind="stable")
    return pd.DataFrame(np.outer(values, 1 / values), index=values.index, columns=values.index)


# ---- the audit of the article's figures -------------------------------------------------


def vertical_pixels(resolution: str | None) -> float:
    """Lines of vertical resolution: '1080p' -> 1080, '1792x1024' -> 1024, '4K' -> 2160."""
    if resolution is None or (isinstance(resolution, float) and math.isnan(resolution)):
        return math.nan
    text = str(resolution).strip()
    if m := re.fullmatch(r"(\d+)p", text):
        return float(m.group(1))
    if m := re.fullmatch(r"(\d+)x(\d+)", text):
        return float(min(int(m.group(1)), int(m.group(2))))
    if m := re.fullmatch(r"([248])K", text):
        return {"2": 1080.0, "4": 2160.0, "8": 4320.0}[m.group(1)]
    raise ValueError(f"unknown resolution {resolution!r}")


SERIES_COLUMNS = ["date", "value", "confidence", "source_url", "basis", "aggregator_only", "pages"]


def sourced_series(data: Dataset, metric: str, company: str, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """The sourced values of an audited metric over time: columns date, value, confidence, source_url, basis,
    aggregator_only (the value rests on at least one row that only aggregators' pages report: ``sourcing``) and
    pages (the pages the value rests on: ``pages_of``, each with whether it is aggregator-only).

    A video-quality metric (resolution, frame rate) counts only video releases (``kind == QUALITY_KIND``): the
    article's claims are about video products, so a world model's 24 fps neither matches nor contradicts them;
    its points are the best so far (``best_so_far``), resting on every release that carries that best."""
    cols = SERIES_COLUMNS
    if metric == "total_raised_usd":
        rounds = data.rounds.assign(_aggregator=aggregator_only(data.rounds, FACT_KEYS["funding_rounds"]))
        rounds = rounds[rounds["company_id"] == company]
        steps = capital_steps(rounds, as_of, include_estimates)
        hist = capital_history(rounds, as_of, include_estimates, steps)
        if hist.empty:
            return pd.DataFrame(columns=cols)
        last = counted_rounds(rounds, as_of, include_estimates).set_index("as_of_date")
        summed = [included for _, _, included in steps]  # in the order of hist's rows
        return pd.DataFrame(
            {
                "date": hist["date"],
                "value": hist["cumulative_raised_usd"],
                "confidence": np.where(hist["includes_estimates"], "estimated", "reported"),
                "source_url": [last.loc[[d], "source_url"].iloc[-1] for d in hist["date"]],
                "basis": [f"sum of {n} counted round{'' if n == 1 else 's'}" for n in hist["rounds_counted"]],
                "aggregator_only": [bool(included["_aggregator"].any()) for included in summed],
                "pages": [pages_of(included) for included in summed],
            }
        )[cols]
    if metric == "post_money_usd":
        rounds = data.rounds.assign(_aggregator=aggregator_only(data.rounds, VALUATION_FACT))
        v = valuation_history(rounds[rounds["company_id"] == company], as_of, include_estimates)
        return pd.DataFrame(
            {
                "date": v["as_of_date"],
                "value": v["post_money_usd"],
                "confidence": v["confidence"],
                "source_url": v["source_url"],
                "basis": "post-money, " + v["round"],
                "aggregator_only": v["_aggregator"].astype(bool),
                "pages": [pages_of(v.loc[[i]]) for i in v.index],
            }
        )[cols]
    if metric == "market_cap_usd":
        metrics = data.metrics.assign(_aggregator=aggregator_only(data.metrics, FACT_KEYS["company_metrics"]))
        m = known_by(
            metrics[(metrics["metric"] == metric) & (metrics["company_id"] == company)],
            as_of,
            include_estimates,
        ).sort_values("as_of_date", kind="stable")
        return pd.DataFrame(
            {
                "date": m["as_of_date"],
                "value": m["value"],
                "confidence": m["confidence"],
                "source_url": m["source_url"],
                "basis": "market cap observation",
                "aggregator_only": m["_aggregator"].astype(bool),
                "pages": [pages_of(m.loc[[i]]) for i in m.index],
            }
        )[cols]
    if metric in ("max_vertical_resolution", "max_fps"):
        releases = data.releases.assign(_aggregator=aggregator_only(data.releases, FACT_KEYS["model_releases"]))
        r = known_by(releases[releases["company_id"] == company], as_of, include_estimates)
        r = r[r["kind"] == QUALITY_KIND].sort_values("as_of_date", kind="stable")
        values = r["max_resolution"].map(vertical_pixels) if metric == "max_vertical_resolution" else r["max_fps"]
        return best_so_far(r.assign(v=values).dropna(subset=["v"]))[cols]
    raise ValueError(f"no sourced series for metric {metric!r}")


QUALITY_KIND = "video"  # a video-quality claim is about video products: world models and other releases never count


def best_so_far(releases: pd.DataFrame) -> pd.DataFrame:
    """The best capability so far (``v``) of releases in date order, one point per release that carries it (ties
    included), each citing the pages of EVERY release carrying that best value up to its date: a press page
    for a later release at the same value supports the figure as much as the first release's page."""
    points = []
    best = releases["v"].cummax()
    carriers = releases[releases["v"] == best]
    for _, tied in carriers.groupby((carriers["v"] != carriers["v"].shift()).cumsum(), sort=False):
        for end in range(1, len(tied) + 1):
            known = tied.iloc[:end]
            pages = pages_of(known)
            reported = (known["confidence"] == "reported").any()
            points.append(
                {
                    "date": known["as_of_date"].iloc[-1],
                    "value": known["v"].iloc[-1],
                    "confidence": "reported" if reported else known["confidence"].iloc[-1],
                    "source_url": known["source_url"].iloc[0],
                    "basis": "best so far: " + ", ".join(known["model"]),
                    "aggregator_only": all(flag for _, flag in pages),
                    "pages": pages,
                }
            )
    return pd.DataFrame(points, columns=SERIES_COLUMNS)


def pages_of(rows: pd.DataFrame) -> tuple[tuple[str, bool], ...]:
    """The distinct pages ``rows`` cite (``source_url``), each with whether it is aggregator-only: every row
    citing it here rests on it alone (``_aggregator``, from ``sourcing.aggregator_only``)."""
    flags = rows.groupby("source_url", sort=True)["_aggregator"].all()
    return tuple((str(url), bool(flag)) for url, flag in flags.items())


def aggregator_only_flag(pages: tuple[tuple[str, bool], ...]) -> str:
    """The words a mismatch verdict carries when its sourced figure rests on aggregator-only pages alone (such a
    page cannot establish a mismatch any more than it corroborates a match); empty otherwise."""
    if not pages or not all(flag for _, flag in pages):
        return ""
    return "a single aggregator page, unconfirmed" if len(pages) == 1 else f"{len(pages)} aggregator pages, unconfirmed"


POINT_IN_TIME = {"market_cap_usd"}  # observations; the others are step series (value holds until the next)


def sourced_value_at(series: pd.DataFrame, metric: str, reference) -> pd.Series | None:
    """The sourced figure nearest the reference date.

    Step series (capital raised, post-money, best capability) are read as of the date.
    Observations (market cap) take the nearest one in either direction, reported before estimated.
    """
    if series.empty:
        return None
    reference = pd.Timestamp(reference)
    if metric in POINT_IN_TIME:
        distance = (series["date"] - reference).abs()
        rank = series["confidence"].map({"reported": 0}).fillna(1)
        return series.assign(_d=distance, _r=rank).sort_values(["_r", "_d"], kind="stable").iloc[0]
    before = series[series["date"] <= reference]
    return before.iloc[-1] if not before.empty else None


def supporting_rows(article_value: float, series: pd.DataFrame, sourced: pd.Series, metric: str) -> pd.DataFrame:
    """The other sourced figures that establish a mismatch with the one read: for an observation (market cap),
    every observation of the same confidence that is not aggregator-only and is off beyond the tolerance in the
    same direction. A step series (capital, post-money, best capability) has nothing beside the figure read at
    the date (its pages already hold every row behind it): none."""
    if metric not in POINT_IN_TIME:
        return series.iloc[0:0]
    candidates = series[(series["confidence"] == sourced["confidence"]) & ~series["aggregator_only"].astype(bool)]
    ratios = article_value / candidates["value"]
    too_high = article_value / sourced["value"] > 1
    return candidates[ratios > AUDIT_TOLERANCE] if too_high else candidates[ratios < 1 / AUDIT_TOLERANCE]


def verdict(
    article_value: float, series: pd.DataFrame, sourced: pd.Series | None, metric: str = ""
) -> tuple[float, str]:
    """(ratio article/sourced, verdict) with verdicts corroborated, consistent with an aggregator-only source,
    outdated, off by about Nx, unsupported.

    A match corroborates only when the sourced figure rests on no aggregator-only row (aggregators' pages alone
    are not corroboration); otherwise the article is only consistent with it. A mismatch (outdated or off by a
    factor) is unconfirmed only when the figure read rests on aggregator-only pages alone and no other figure
    that is not aggregator-only supports a mismatch in the same direction (``supporting_rows``): it then says so
    in its parentheses (``aggregator_only_flag``), a lead, not an established mismatch. The factor is a multiple,
    shown like every multiple at two significant figures (``format_multiple``): 23x beside a ratio of 1/23x;
    where other figures support the mismatch, the range of the factors they and the figure read give ('off by
    about 15x to 23x')."""
    if sourced is None or not sourced["value"]:
        return math.nan, "unsupported"
    ratio = article_value / sourced["value"]
    if 1 / AUDIT_TOLERANCE <= ratio <= AUDIT_TOLERANCE:
        return ratio, CONSISTENT if bool(sourced.get("aggregator_only", False)) else "corroborated"
    earlier = series[series["date"] < sourced["date"]]
    matches = earlier[(article_value / earlier["value"]).between(1 / AUDIT_TOLERANCE, AUDIT_TOLERANCE)]
    support = supporting_rows(article_value, series, sourced, metric)
    flag = "" if len(support) else aggregator_only_flag(sourced.get("pages") or ())
    weak = f"; {flag}" if flag else ""
    if not matches.empty:
        return ratio, f"outdated (matched {matches['date'].iloc[-1]:%Y-%m-%d}{weak})"
    factors = [max(r, 1 / r) for r in [ratio, *(article_value / support["value"])]]
    low, high = multiple(min(factors), AUDIT_FIGURES), multiple(max(factors), AUDIT_FIGURES)
    factor = low if low == high else f"{low} to {high}"
    return ratio, f"off by about {factor} ({'too high' if ratio > 1 else 'too low'}{weak})"


def is_unconfirmed(word: str) -> bool:
    """Whether a verdict is a mismatch marked unconfirmed (``aggregator_only_flag``'s words in its parentheses)."""
    return word.endswith(", unconfirmed)")


def verdict_kind(word: str) -> str:
    """The kind of a verdict, as counted: 'off by a factor', 'consistent', 'outdated', ..."""
    if word.startswith("off"):
        return "off by a factor"
    return "consistent" if word == CONSISTENT else word.split(" (")[0]


def audit_article(data: Dataset, reference_date, as_of, include_estimates: bool = True) -> pd.DataFrame:
    """Each numeric claim of the article with a metric, against the sourced figure nearest its date.

    ``sourced_rounded``: the sourced figure at the precision it supports (a sum of rounds to its coarsest
    place). ``verdict_strict``: the verdict without estimated or disputed rows (a verdict that rests on a
    flagged row changes there); equal to ``verdict`` when those rows are already left out."""
    claims = data.claims.dropna(subset=["metric", "value"])
    claims = claims.drop_duplicates(subset=["metric", "company_id", "value"])  # table and text repeat figures
    names = data.names()
    rows = []

    def judge(claim, with_estimates: bool):
        series = sourced_series(data, claim.metric, claim.company_id, as_of, with_estimates)
        sourced = sourced_value_at(series, claim.metric, reference_date)
        rounded = None
        if sourced is not None:
            rounded = float(sourced["value"])
            if claim.metric == "total_raised_usd":
                rounds = data.rounds[data.rounds["company_id"] == claim.company_id]
                amounts = counted_rounds(rounds, sourced["date"], with_estimates)["amount_usd"].dropna()
                rounded = supported_sum(amounts)
        return series, sourced, rounded, *verdict(claim.value, series, sourced, claim.metric)

    for claim in claims.itertuples():
        series, sourced, rounded, ratio, word = judge(claim, include_estimates)
        word_strict = judge(claim, False)[-1] if include_estimates else word
        rows.append(
            {
                "claim_id": claim.claim_id,
                "company_id": claim.company_id,
                "company": names[claim.company_id],
                "claim": claim.cell_text,
                "metric": claim.metric,
                "article_value": claim.value,
                "sourced_value": None if sourced is None else float(sourced["value"]),
                "sourced_rounded": rounded,
                "sourced_date": None if sourced is None else f"{sourced['date']:%Y-%m-%d}",
                "sourced_basis": None if sourced is None else sourced["basis"],
                "sourced_confidence": None if sourced is None else sourced["confidence"],
                "sourced_pages": 0 if sourced is None else len(sourced["pages"]),
                "aggregator_pages": 0 if sourced is None else sum(flag for _, flag in sourced["pages"]),
                "ratio": ratio,
                "verdict": word,
                "verdict_kind": verdict_kind(word),
                "unconfirmed": is_unconfirmed(word),
                "verdict_strict": word_strict,
                "source_url": None if sourced is None else sourced["source_url"],
            }
        )
    return pd.DataFrame(rows)


def funded_companies(data: Dataset) -> list[str]:
    """Companies with any funding round or market cap in the data, in data order."""
    have = set(data.rounds["company_id"]) | set(
        data.metrics.loc[data.metrics["metric"] == "market_cap_usd", "company_id"]
    )
    return [c for c in data.companies["company_id"] if c in have]


# ---- headlines: rounded, with their caveats -------------------------------------------------


def rounded_totals(capital: pd.DataFrame, column: str = "total_raised_usd") -> pd.Series:
    """Totals rounded to the place their rounds support (``precision_usd``); NaN where unknown."""
    return pd.Series(
        {
            c: round_to_place(v, _place(p)) if pd.notna(v) and pd.notna(p) and p > 0 else math.nan
            for c, v, p in zip(capital.index, capital[column], capital["precision_usd"], strict=True)
        },
        dtype=float,
    )


def round_beside(reference: float, reference_rounded: float, variant: float, place: int) -> float:
    """A variant of a figure shown beside it (the same total without estimated rounds): the reference's rounded
    value plus their difference rounded to ``place``, so that the two read apart by what truly separates them
    ($146.6B and $144.6B at the $10B place: $150B and $150B, never $150B and $140B)."""
    return reference_rounded + round_to_place(variant - reference, place)


def _place(precision: float) -> int:
    return int(round(math.log10(precision)))


def supported_relative_capital(rounded: pd.Series) -> pd.DataFrame:
    """``relative_capital`` of rounded totals, each cell at the precision its two totals support (kept for
    reference; the notebook divides unrounded totals: ``relative_capital`` over ``ratio_ready``)."""
    matrix = relative_capital(rounded)
    for a in matrix.index:
        for b in matrix.columns:
            matrix.loc[a, b] = supported_ratio(float(rounded[a]), float(rounded[b]))
    return matrix


def capital_facts(capital: pd.DataFrame, strict: pd.DataFrame, reference: str = "runway") -> dict:
    """The capital headline as rounded facts: the leader, its announced and unconditional capital, the same
    without estimated or disputed rounds (``strict``), and its multiple of ``reference`` where both totals
    may enter a ratio. Lower bounds are listed, never divided."""
    known = capital["total_raised_usd"].dropna()
    facts: dict = {
        "companies_with_rounds": sorted(capital.index),
        "lower_bounds": sorted(capital.index[capital["lower_bound"].astype(bool)]),
    }
    if known.empty:
        return facts | {"leader": None}
    leader = known.idxmax()
    announced, unconditional = rounded_totals(capital), rounded_totals(capital, "unconditional_raised_usd")
    facts |= {
        "leader": leader,
        "leader_lower_bound": bool(capital.loc[leader, "lower_bound"]),
        "announced_usd": announced[leader],
        "unconditional_usd": unconditional[leader],
        "open_conditional_usd": float(capital.loc[leader, "open_conditional_usd"]),
        "includes_flagged": bool(capital.loc[leader, "includes_flagged"]),
    }
    if leader in strict.index and pd.notna(strict.loc[leader, "total_raised_usd"]):  # read beside the headline
        precisions = (capital.loc[leader, "precision_usd"], strict.loc[leader, "precision_usd"])
        place = max((_place(p) for p in precisions if pd.notna(p) and p > 0), default=0)
        for key, column, rounded in (
            ("announced_usd_reported_only", "total_raised_usd", announced),
            ("unconditional_usd_reported_only", "unconditional_raised_usd", unconditional),
        ):
            facts[key] = round_beside(capital.loc[leader, column], rounded[leader], strict.loc[leader, column], place)
    ready = ratio_ready(capital)
    if reference != leader and leader in ready.index and reference in ready.index:
        facts["reference"] = reference
        facts["reference_usd"] = announced[reference]
        facts["reference_summed_usd"] = float(capital.loc[reference, "total_raised_usd"])  # before rounding
        facts["times_reference"] = exact_multiple(
            capital.loc[leader, "total_raised_usd"], capital.loc[reference, "total_raised_usd"]
        )
        facts["times_reference_unconditional"] = exact_multiple(
            capital.loc[leader, "unconditional_raised_usd"], capital.loc[reference, "unconditional_raised_usd"]
        )
    return facts


# ---- the entry point: every table, chart's data, published result and the answer -------------------

SOURCE_FILES = ["funding_rounds", "company_metrics", "model_releases", "article_claims"]
#: The files each chart draws on: its sources in the image and under it (the notebook's ``cite``) are theirs.
CHART_FILES = {
    "capital_chart": ["funding_rounds"],
    "stocks_chart": ["funding_rounds", "company_metrics"],
    "audit_chart": ["article_claims", "funding_rounds", "company_metrics"],
}
STEP_COLUMNS = [
    "company", "round", "as_of", "previous_usd", "post_money_usd", "step_up_supported", "months_since_previous",
    "previous_confidence", "confidence", "flagged",
]  # fmt: skip
AUDIT_COLUMNS = [
    "company", "claim", "metric", "article_value", "sourced_value", "sourced_date", "sourced_basis", "ratio", "verdict",
    "source_url",
]  # fmt: skip
VERDICT_KINDS = ("corroborated", "consistent", "outdated", "off_by_a_factor", "unsupported")
_MONEY = {"kind": "money", "digits": 3}  # sums of reported rounds: three significant digits at most
RESULTS = declare(
    Result("total_raised_usd", "Capital raised (announced, exact sum)", by="company", **_MONEY),
    Result("unconditional_raised_usd", "Capital raised (unconditional, exact sum)", by="company", **_MONEY),
    Result("capital_lower_bound", "Capital is a lower bound", "status"),
    Result(
        "capital_headline",
        "Most capital raised",
        fields=(
            Result("leader", "Company", "status"),
            Result("announced_usd", "Announced (rounded)", **_MONEY),
            Result("unconditional_usd", "Unconditional (rounded)", **_MONEY),
            Result("announced_usd_reported_only", "Announced, reported rounds only", **_MONEY),
            Result("unconditional_usd_reported_only", "Unconditional, reported rounds only", **_MONEY),
            Result("reference_usd", "Capital of Runway (rounded)", **_MONEY),
            Result("reference_summed_usd", "Capital of Runway (its rounds summed)", **_MONEY),
            Result("times_reference", "Multiple of Runway's capital", "multiple", digits=2),
            Result("times_reference_unconditional", "Multiple of Runway's, unconditional", "multiple", digits=2),
        ),
    ),
    Result(
        "largest_step_up",
        "Largest step-up between reported valuations",
        fields=(
            Result("company", "Company", "status"),
            Result("round", "Round", "text"),
            Result("step_up", "Step-up", "multiple", digits=2),  # a multiple keeps two significant figures
        ),
    ),
    Result("latest_post_money_usd", "Latest post-money valuation", by="company", **_MONEY),
    Result("market_cap_usd", "Market cap", by="company", **_MONEY),
    Result(
        "article_audit",
        "Audit of the article's figure",
        fields=(
            Result("claim", "Claim", "text"),
            Result("article_value", "Article's figure", "number", digits=4),
            Result("sourced_value", "Sourced figure", "number", digits=4),
            Result("ratio", "Article / sources", "multiple", digits=2),
            Result("verdict", "Verdict", "text"),
            Result("verdict_strict", "Verdict without estimated or disputed figures", "text"),
        ),
    ),
    Result("audit_verdicts", "Article's figures audited", "count", by="verdict"),
    Result("audited_figures", "Article's figures audited", "count"),
    Result("worst_figure", "The article's worst figure against its source", "text"),
)


@dataclass
class FundingAnalysis(Analysis):
    """Notebook 01's analysis: tables and chart data as DataFrames, the published results and the answer,
    the sentence each section states (``notes``, Markdown) and the captions that name a date or a count."""

    as_of: str
    log_scale: bool
    names: dict[str, str]  # the selected companies, id -> name
    company_ids: list[str]  # every company in data order (one colour each across the collection)
    scope: str
    notes: dict[str, str]
    captions: dict[str, str]
    provenance: pd.DataFrame
    article_table: pd.DataFrame
    rounds: pd.DataFrame
    capital_history: pd.DataFrame
    article_points: pd.DataFrame | None
    capital: pd.DataFrame
    stock_flow: pd.DataFrame
    article_marks: pd.DataFrame | None
    valuation_per_dollar: pd.DataFrame
    step_ups: pd.DataFrame
    relative_capital: pd.DataFrame
    audit: pd.DataFrame

    DECLARATIONS: ClassVar[dict[str, Result]] = RESULTS

    @property
    def capital_history_table(self) -> pd.DataFrame:
        h = self.capital_history
        shown = h.assign(company=h["company_id"].map(self.names), date=h["date"].dt.strftime("%Y-%m-%d"))
        return shown[["company", "date", "cumulative_raised_usd", "rounds_counted", "includes_estimates"]]

    @property
    def stock_flow_table(self) -> pd.DataFrame:
        shown = self.stock_flow.drop(columns="company_id_for_color")
        table = shown.astype(object).where(shown.notna(), "")
        return on_a_phone(table, "capital_raised_usd", "post_money_usd", "post_money_usd_as_of", "market_cap_usd")

    @property
    def audit_table(self) -> pd.DataFrame:
        """The audit as readers read it: each measure in words, each figure in its unit ('$860M', '1080p',
        '60 fps'), never a raw number or a column id."""
        shown = self.audit[AUDIT_COLUMNS]
        return shown.assign(
            metric=shown["metric"].map(lambda m: METRIC_LABELS.get(m, m)),
            article_value=[metric_value(m, v) for m, v in zip(shown["metric"], shown["article_value"], strict=True)],
            sourced_value=[metric_value(m, v) for m, v in zip(shown["metric"], shown["sourced_value"], strict=True)],
        )


METRIC_LABELS = {
    "total_raised_usd": "capital raised",
    "post_money_usd": "valuation",
    "market_cap_usd": "market cap",
    "max_vertical_resolution": "max resolution",
    "max_fps": "max frame rate",
}


def metric_value(metric: str, value: Any) -> str | None:
    """An audited figure in its unit: dollars in short form (three significant digits, as every amount of the
    notebook), a resolution in lines ('1080p'), a frame rate in frames a second ('60 fps'); None stays missing."""
    if value is None or pd.isna(value):
        return None
    if str(metric).endswith("_usd"):
        return money(float(value), 3)
    if metric == "max_vertical_resolution":
        return f"{float(value):.0f}p"
    if metric == "max_fps":
        return f"{float(value):g} fps"
    return f"{float(value):g}"


def analyse(data: Dataset, params: dict) -> FundingAnalysis:
    """Notebook 01 from the checked parameters (``as_of``, ``companies``, ``log_scale``,
    ``show_article_values``, ``include_estimates``) and the validated data."""
    from ..sourcing import cited_rows, outside_sources
    from . import funding_tables as tables
    from . import funding_words as words

    as_of, estimates = params["as_of"], params["include_estimates"]
    selected = params["companies"] or funded_companies(data)
    names = {c: data.names()[c] for c in selected}
    in_scope = data.rounds[data.rounds["company_id"].isin(selected)]
    visible = known_by(in_scope, as_of, estimates)

    # capital raised: exact sums, rounded headline facts, and the same without estimated or disputed rounds
    history = capital_history(in_scope, as_of, estimates)
    capital = capital_summary(in_scope, as_of, estimates)
    facts = capital_facts(capital, capital_summary(in_scope, as_of, include_estimates=False))
    article_points, marks = tables.article_marks(data, names) if params["show_article_values"] else (None, None)

    # stocks and flows; valuation per dollar, step-ups and relative capital
    post_money = latest_post_money(in_scope, as_of, estimates)
    caps = market_caps(data, as_of, estimates)
    stock_flow = tables.stocks_and_flows_table(selected, names, capital, history, post_money, caps)
    per_dollar = tables.valuation_per_dollar(in_scope, post_money, selected, estimates)
    per_dollar.index = per_dollar.index.map(names)
    steps = step_ups(valuation_history(in_scope, as_of, estimates))
    best_step, bigger_flagged = headline_step_up(steps)
    kinds = data.companies.set_index("company_id")["kind"]
    ready = ratio_ready(capital.loc[[c for c in capital.index if kinds[c] == "startup"]])
    relative = relative_capital(ready)  # unrounded totals; each cell rounded once, for display
    relative = relative.rename(index=names, columns=names).rename_axis(index="company", columns=None)

    # the audit of the article's figures
    audit = audit_article(data, ARTICLE_DATE, as_of, estimates)
    audit = audit[audit["company_id"].isin(selected)].reset_index(drop=True)
    found = audit["verdict_kind"].str.replace(" ", "_").value_counts() if len(audit) else pd.Series(dtype=int)
    verdicts = {k: int(found.get(k, 0)) for k in VERDICT_KINDS} if len(audit) else {}

    table = data.claims[data.claims["location"] == "table"]
    the_article_table = tables.article_table(data)
    rounded = rounded_totals(capital)
    results = {
        "total_raised_usd": {c: capital.loc[c, "total_raised_usd"] for c in selected if c in capital.index},
        "unconditional_raised_usd": {
            c: capital.loc[c, "unconditional_raised_usd"] for c in selected if c in capital.index
        },
        "capital_lower_bound": sorted(facts["lower_bounds"]),
        "capital_headline": {k: facts[k] for k in (f.id for f in RESULTS["capital_headline"].fields) if k in facts},
        "largest_step_up": None
        if best_step is None
        else {
            "company": best_step["company_id"],
            "round": best_step["round"],
            "step_up": best_step["step_up_supported"],
        },
        "latest_post_money_usd": {c: post_money.loc[c, "post_money_usd"] for c in selected if c in post_money.index},
        "market_cap_usd": {c: caps.loc[c, "value"] for c in selected if c in caps.index},
        "article_audit": [
            {
                "claim": r.claim_id,
                "article_value": r.article_value,
                "sourced_value": r.sourced_value,
                "ratio": r.ratio,
                "verdict": r.verdict,
                "verdict_strict": r.verdict_strict,
            }
            for r in audit.itertuples()
        ],
        "audit_verdicts": verdicts,
        "audited_figures": int(sum(verdicts.values())),
        "worst_figure": words.worst_factor(audit),
    }
    sources = outside_sources(cited_rows(data, SOURCE_FILES, as_of))
    without_usd = visible[visible["treatment"].eq("primary") & visible["amount_usd"].isna()]
    public_parents = set(kinds.index[kinds == "public_parent"])
    notes = {
        "article_table": words.article_table_note(
            the_article_table, int(table["value"].notna().sum()), int(table["metric"].notna().sum())
        ),
        "capital": words.capital_note(as_of, selected, names, capital, facts, public_parents, without_usd),
        "stocks": words.stocks_note(as_of, stock_flow, rounded, names),
        "derived": words.derived_note(per_dollar, best_step, bigger_flagged, names),
        "audit": words.audit_note(audit, verdicts, estimates),
    }
    return FundingAnalysis(
        results=results,
        answer=words.funding_finding(audit, facts, names, capital, sources),
        as_of=as_of,
        log_scale=params["log_scale"],
        names=names,
        company_ids=list(data.companies["company_id"]),
        scope=words.scope_line(as_of, selected),
        notes=notes,
        captions=words.captions(as_of)
        | {chart: chart_note(data, files, as_of) for chart, files in CHART_FILES.items()},
        provenance=tables.provenance_table(data),
        article_table=the_article_table,
        rounds=on_a_phone(
            tables.rounds_table(in_scope, names, as_of, estimates),
            *("round", "as_of", "amount_usd", "post_money_usd", "confidence", "source_url"),
        ),
        capital_history=history,
        article_points=article_points,
        capital=on_a_phone(
            capital.assign(
                company=capital.index.map(names),
                announced_rounded=rounded,
                unconditional_rounded=rounded_totals(capital, "unconditional_raised_usd"),
            ).set_index("company"),
            *("total_raised_usd", "unconditional_raised_usd", "rounds_counted", "lower_bound"),
        ),
        stock_flow=stock_flow,
        article_marks=marks,
        valuation_per_dollar=per_dollar,
        step_ups=steps.assign(company=steps["company_id"].map(names))[STEP_COLUMNS],
        relative_capital=relative,
        audit=audit,
    )
