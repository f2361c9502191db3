"""Valuation against comparables: what multiple Runway's round paid, what peers pay, and what revenue it needs.

- **Runway's round**: the latest post-money known by ``as_of`` (``funding_rounds.csv``) and the run-rate on the
  round's date as a range (``revenue.run_rate_range``, the function notebook 04 uses, from what is dated by
  then): the latest reported run-rate carried forward at the low growth rate to the latest counted one carried
  at the high rate (a later report supersedes an older one). The implied multiple is the post-money over that
  range.
- **Peer multiples, each class apart, one kind per class** (never mixed in one statistic): private AI video and
  creative companies pay a *valuation / run-rate*, computed here from ``valuation_figures.csv`` (each valuation
  over the run-rates its ``divide_by`` names; the peer's latest round, with every conflicting report of it);
  public software trades at *trailing EV / sales* as sources state it (``valuation_multiples.csv``, the latest
  trailing row per company; forward, next-twelve-month figures are listed apart and never pooled with them). A
  peer's conflicting figures make a range; a class's median is over its peers' midpoints, and a class of one
  peer is that peer's multiple, named with the kind of price it is (a tender is not a round's price).
- **Aggregator pages**: with ``include_aggregator`` false a figure counts only when some row of the same fact
  (company, metric, date, value) comes from a page that is not an aggregator; a multiple needs both of its
  figures to count.
- **Reverse valuation**: an investor paying V who wants a yearly return h over T years needs the company to be
  worth V (1 + h)^T at exit; at an exit multiple m that is a revenue of R = V (1 + h)^T / m. From the last
  reported run-rate R0, dated ``gap`` years before the round, that takes a yearly growth of
  g* = (R / R0)^(1 / (T + gap)) - 1. R rises with h and with T (for h >= 0) and falls with m; ln(1 + g*) is
  monotone in T for fixed h and m, so the extremes of both over the box of (h, T, m) are at its corners.
- **Verdict**: the share of draws (a peer of the class, its multiple uniform in the peer's range, h, T and
  Runway's growth g each uniform in their ranges; one seeded generator, the same draws for every class) in
  which g >= g*: video revenue alone, at peer multiples, returns the hurdle. That share restates the growth
  range assumed, so it is shown as a function of the growth: at a growth g it is the share of draws with
  g* <= g, none below the lowest g*, all from the highest, one half at the median of g*.

Dilution by later rounds, and any value of the world-model thesis, are left out: the revenue required is a
floor under the stated hurdle.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ..data import Dataset
from ..present.labels import is_aggregate, possessive
from ..results import Analysis, Result, declare, format_value
from ..sourcing import single_source
from . import funding, revenue
from .revenue import years_between

COMPANY = "runway"
CLASSES = ("private_ai", "public_software")
#: The one kind of multiple each class is compared in (sources state other kinds too; they are shown apart).
CLASS_KIND = {"private_ai": "valuation_to_arr", "public_software": "ev_to_sales"}
#: The one basis of a class's stated multiples: trailing and forward multiples never share a statistic (the forward
#: rows are survey medians only; the trailing ones cover every listed company).
CLASS_BASIS = {"public_software": "trailing"}
CLASS_NAMES = {"private_ai": "private AI video and creative", "public_software": "public software"}
KIND_NAMES = {
    "valuation_to_arr": "valuation / run-rate",
    "ev_to_sales": "enterprise value / sales",
    "price_to_sales": "price / sales",
}
GROWTH_STEP = 0.1  # the growth levels at which the share is shown
SHARE_STEP = 0.05  # the share is a mean over judgement ranges: 5 points is all it supports
SOURCE_FILES = ["valuation_figures", "valuation_multiples", "return_hurdles", "funding_rounds", "company_metrics"]
FACT = ["peer_id", "metric", "as_of", "value", "currency"]
#: Spellings of one investor across funding_rounds.csv (lower case, a name's start), for the overlap matrix.
INVESTOR_ALIASES = {
    "nvidia": "NVIDIA",
    "nventures": "NVIDIA",
    "amd": "AMD",
    "adobe": "Adobe",
    "fidelity": "Fidelity",
    "general atlantic": "General Atlantic",
    "softbank": "SoftBank",
    "andreessen horowitz": "Andreessen Horowitz",
    "amazon": "Amazon",
    "microsoft": "Microsoft",
    "t. rowe price": "T. Rowe Price",
    "felicis": "Felicis",
    "radical ventures": "Radical Ventures",
    "khosla": "Khosla Ventures",
    "thrive": "Thrive Capital",
    "altimeter": "Altimeter",
    "toyota": "Toyota",
}


# ---- the reverse valuation (pure functions, vectorised) -------------------------------------------------


def required_revenue(valuation, hurdle, years, multiple):
    """Revenue at exit that returns ``hurdle`` a year over ``years`` on ``valuation`` at an exit ``multiple``."""
    return np.asarray(valuation, dtype=float) * (1 + np.asarray(hurdle, dtype=float)) ** years / multiple


def required_growth(valuation, hurdle, years, multiple, run_rate, gap_years):
    """Yearly growth from ``run_rate`` (dated ``gap_years`` before the round) to the required revenue at exit."""
    ratio = required_revenue(valuation, hurdle, years, multiple) / run_rate
    return ratio ** (1 / (np.asarray(years, dtype=float) + gap_years)) - 1


def corners(valuation, hurdle: tuple, years: tuple, multiple: tuple, run_rate, gap_years) -> dict[str, tuple]:
    """Exact (low, high) of the required revenue and growth over the box of hurdle x years x multiple."""
    box = np.array(list(itertools.product(hurdle, years, multiple)), dtype=float)
    revenue = required_revenue(valuation, box[:, 0], box[:, 1], box[:, 2])
    growth = required_growth(valuation, box[:, 0], box[:, 1], box[:, 2], run_rate, gap_years)
    return {
        "revenue": (float(revenue.min()), float(revenue.max())),
        "growth": (float(growth.min()), float(growth.max())),
    }


def class_kind_name(cls: str) -> str:
    """'valuation / run-rate', 'trailing EV / sales': the one kind (and basis) a class is compared in."""
    kind = KIND_NAMES[CLASS_KIND[cls]]
    return f"{CLASS_BASIS[cls]} {kind}" if cls in CLASS_BASIS else kind


def round_share(value: float) -> float:
    """A share rounded to ``SHARE_STEP`` (halves up)."""
    return round(math.floor(value / SHARE_STEP + 0.5 + 1e-9) * SHARE_STEP, 2)


# ---- inputs from data ----------------------------------------------------------------------------------


def counted_facts(rows: pd.DataFrame, key: list[str], include_aggregator: bool) -> pd.Series:
    """Per row: counts (include_aggregator, or some row of the same fact is not from an aggregator page)."""
    if include_aggregator or rows.empty:
        return pd.Series(True, index=rows.index, dtype=bool)
    keys = rows[key].astype(str).agg("|".join, axis=1)
    solid = set(keys[rows["aggregator"] == "false"])
    return keys.isin(solid)


def _latest_with_conflicts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per peer, its latest rows and every row conflicting with them (another report of the same fact)."""
    keep = []
    for _, own in rows.groupby("peer_id", sort=True):
        latest = own[own["as_of_date"] == own["as_of_date"].max()]
        groups = set(latest["conflict"].dropna())
        keep.append(own[own.index.isin(latest.index) | own["conflict"].isin(groups)])
    return pd.concat(keep) if keep else rows.iloc[0:0]


def private_multiples(figures: pd.DataFrame, as_of, include_aggregator: bool) -> pd.DataFrame:
    """Valuation / run-rate of each private peer's latest round, one row per valuation report and run-rate."""
    known = figures[figures["as_of_date"] <= pd.Timestamp(as_of)]
    known = known.assign(
        counts=counted_facts(known, FACT, include_aggregator), single=single_source(known, tuple(FACT))
    )
    valued = known[
        (known["metric"] == "valuation") & known["divide_by"].notna() & (known["peer_class"] == "private_ai")
    ]
    by_id = known.set_index("figure_id")
    rows = []
    for v in _latest_with_conflicts(valued).itertuples(index=False):
        for rid in str(v.divide_by).split("; "):
            if rid not in by_id.index:  # a run-rate reported after as_of
                continue
            r = by_id.loc[rid]
            rows.append(
                {
                    "peer_id": v.peer_id,
                    "peer": v.peer_name,
                    "valuation_usd": v.value,
                    "valuation_date": v.as_of,
                    "run_rate_usd": float(r["value"]),
                    "run_rate_date": r["as_of"],
                    "multiple": v.value / float(r["value"]),
                    "price": v.price_kind,
                    "rests_on": f"{possessive(v.peer_name)} {v.as_of} {v.price_kind}",
                    "confidence": "reported" if {v.confidence, r["confidence"]} == {"reported"} else "contested",
                    "counts": bool(v.counts and r["counts"]),
                    "figures": f"{v.figure_id} / {rid}",
                    "single_source": _weakest_single(v.single, v.source_tier, r["single"], r["source_tier"]),
                }
            )
    columns = ["peer_id", "peer", "valuation_usd", "valuation_date", "run_rate_usd", "run_rate_date", "multiple",
               "price", "rests_on", "confidence", "counts", "figures", "single_source"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


#: Where the values of the range parameters' defaults come from (each parameter line's help names them):
#: parameter -> value -> (file, row id). A value a reader sets that is not here is the reader's own assumption.
ASSUMPTION_SOURCES: dict[str, dict[float, tuple[str, str]]] = {
    "hurdle_irr": {
        0.25: ("return_hurdles", "growth_equity_irr"),
        0.30: ("return_hurdles", "vc_irr_industry_ventures"),
        0.35: ("return_hurdles", "portfolio_irr"),
    },
    "years_to_exit": {5: ("return_hurdles", "growth_fund_moic"), 8: ("return_hurdles", "vc_irr_industry_ventures")},
    "revenue_growth": {
        0.4: ("valuation_figures", "canva_arr_2025_12"),  # Canva's growth at scale, about 40% (the row's note)
        1.0: ("valuation_multiples", "ai_apps_western"),  # a broker's 100% a year behind 50x ARR (the row's note)
    },
}


def assumption_tiers(data: Dataset, p: dict) -> dict[str, list[str]]:
    """Per range parameter of ``ASSUMPTION_SOURCES``, the source tier of each of its two ends as set ('' for a value
    no source is declared for), read from the row the value comes from."""
    from ..sourcing import ROW_KEYS

    out = {}
    for name, sources in ASSUMPTION_SOURCES.items():
        tiers = []
        for value in p[name]:
            file, row = next((src for v, src in sources.items() if math.isclose(v, float(value))), ("", ""))
            table = getattr(data, file) if file else None
            rows = table[table[ROW_KEYS[file][0]] == row] if table is not None else []
            tiers.append(str(rows["source_tier"].iloc[0]) if len(rows) else "")
        out[name] = tiers
    return out


def _weakest_single(*flags_and_tiers) -> str:
    """The tier of the weakest single source among (single?, tier) pairs ('aggregator' before 'secondary'), or ''
    when every figure is corroborated (``sourcing.single_source``)."""
    tiers = {str(tier) for single, tier in zip(flags_and_tiers[::2], flags_and_tiers[1::2], strict=True) if single}
    return next((t for t in ("aggregator", "secondary") if t in tiers), "")


def stated_multiples(multiples: pd.DataFrame, peer_class: str, as_of, include_aggregator: bool):
    """The latest stated multiple of the class's one kind and basis of each peer of ``peer_class`` (with its
    conflicting reports)."""
    rows = multiples[
        (multiples["peer_class"] == peer_class)
        & (multiples["kind"] == CLASS_KIND[peer_class])
        & (multiples["basis"] == CLASS_BASIS[peer_class])
        & (multiples["as_of_date"] <= pd.Timestamp(as_of))
    ]
    rows = rows.assign(counts=counted_facts(rows, ["multiple_id"], include_aggregator))
    rows = _latest_with_conflicts(rows[rows["counts"]])
    kind = class_kind_name(peer_class)
    single = single_source(rows, ("multiple_id",))
    return rows.assign(
        price="stated multiple",
        rests_on=[f"{possessive(n)} {kind} of {d}" for n, d in zip(rows["peer_name"], rows["as_of"], strict=True)],
        single_source=[_weakest_single(f, t) for f, t in zip(single, rows["source_tier"], strict=True)],
    )


def peer_ranges(data: Dataset, peer_class: str, as_of, include_aggregator: bool) -> pd.DataFrame:
    """One row per peer of a class that counts: its multiple's low and high (its conflicting reports' spread),
    the kind of price it rests on and its description ('Canva's 2025-08 employee and secondary tender')."""
    if peer_class == "private_ai":
        rows = private_multiples(data.valuation_figures, as_of, include_aggregator)
        rows = rows[rows["counts"]].assign(low=rows["multiple"], high=rows["multiple"])
        name = "peer"
    else:
        rows = stated_multiples(data.valuation_multiples, peer_class, as_of, include_aggregator)
        name = "peer_name"
    if rows.empty:
        columns = ["peer_id", "peer", "low", "high", "reports", "price", "rests_on", "single_source", "contested"]
        return pd.DataFrame(columns=columns)
    out = rows.groupby("peer_id", sort=True).agg(
        peer=(name, "first"),
        low=("low", "min"),
        high=("high", "max"),
        reports=("low", "size"),
        price=("price", lambda s: " / ".join(dict.fromkeys(s))),
        rests_on=("rests_on", lambda s: " / ".join(dict.fromkeys(s))),
        single_source=("single_source", lambda s: _weakest_single(*[x for t in s for x in (bool(t), t)])),
        contested=("confidence", lambda s: bool((s != "reported").any())),  # an estimated or disputed figure
    )
    return out.reset_index()


def class_statistics(peers: pd.DataFrame) -> dict[str, Any] | None:
    """Median of the peers' midpoints (the one peer's own multiple when it is alone), the lowest and highest
    multiple, and the number of peers."""
    if peers.empty:
        return None
    mid = (peers["low"] + peers["high"]) / 2
    return {
        "median": float(mid.median()),
        "low": float(peers["low"].min()),
        "high": float(peers["high"].max()),
        "peers": len(peers),
    }


def peers_described(peers: pd.DataFrame) -> dict[str, Any]:
    """What a class's statistic rests on: the one peer's description, or how many peers of each kind of price."""
    kinds = peers["price"].value_counts(sort=False).sort_index(kind="stable")
    one = len(peers) == 1
    return {
        "one": str(peers["rests_on"].iloc[0]) if one else "",
        # the one peer's weakest single source ('secondary', 'aggregator'), said beside its multiple; '' if none
        "one_single_source": str(peers["single_source"].iloc[0]) if one and "single_source" in peers else "",
        "price_kinds": kinds.to_dict(),
        "aggregates": int(peers["peer"].astype(str).map(is_aggregate).sum()),  # survey medians among the peers
    }


def runway_round(data: Dataset, as_of) -> dict[str, Any]:
    """Runway's latest post-money known by ``as_of``, its round and date."""
    rounds = data.rounds[data.rounds["company_id"] == COMPANY]
    latest = funding.latest_post_money(rounds, as_of)
    if latest.empty:
        raise ValueError(f"no post-money valuation of Runway is known on or before {pd.Timestamp(as_of).date()}")
    row = latest.iloc[0]
    later = rounds[(rounds["as_of_date"] > pd.Timestamp(as_of)) & rounds["post_money_usd"].notna()]
    same = rounds[(rounds["round"] == row["round"]) & (rounds["as_of_date"] == row["as_of_date"])]  # its sources
    return {
        "valuation_usd": float(row["post_money_usd"]),
        "round": str(row["round"]),
        "date": row["as_of_date"],
        "as_of": str(row["as_of"]),
        "later_rounds": sorted(set(later["round"])),
        "on_aggregator_pages": bool((same["source_tier"] == "aggregator").all()) if len(same) else False,
    }


def round_multiple(data: Dataset, as_of, growth: tuple[float, float], include: bool) -> dict[str, Any]:
    """The multiple Runway's latest round known by ``as_of`` paid: ``round`` (``runway_round``), ``at_round`` (the
    run-rate on the round's date, ``revenue.run_rate_range``) and ``implied`` (low, high). The one computation of
    this quantity (notebooks 04 and 06 publish it); ValueError when no round or no reported run-rate before it."""
    rnd = runway_round(data, as_of)
    at_round = revenue.run_rate_range(data.metrics, COMPANY, rnd["date"], growth[0], growth[1], include)
    implied = revenue.implied_multiple_range(rnd["valuation_usd"], at_round)
    return {"round": rnd, "at_round": at_round, "implied": implied}


def on_aggregator_pages_only(rows: pd.DataFrame) -> pd.Series:
    """Per company-metric row: True when every row reporting the same fact (metric, date, value) comes from an
    aggregator page, so the fact rests on aggregator pages alone."""
    if rows.empty:
        return pd.Series(False, index=rows.index, dtype=bool)
    keys = rows[["company_id", "metric", "as_of", "value"]].astype(str).agg("|".join, axis=1)
    return ~keys.isin(set(keys[rows["source_tier"] != "aggregator"]))


def reported_run_rates(data: Dataset, as_of) -> pd.DataFrame:
    """Runway's reported (not estimated) run-rates known by ``as_of``, oldest first, each with
    ``rests_on_aggregator_pages``."""
    rows = data.metrics[(data.metrics["company_id"] == COMPANY) & (data.metrics["metric"] == "arr_usd")]
    known = funding.known_by(rows, as_of, include_estimates=False).sort_values("as_of_date", kind="stable")
    return known.assign(rests_on_aggregator_pages=on_aggregator_pages_only(known))


def last_run_rate(data: Dataset, as_of) -> pd.Series:
    """Runway's latest reported run-rate known by ``as_of`` (the start of the required growth)."""
    known = reported_run_rates(data, as_of)
    if known.empty:
        raise ValueError(f"no reported run-rate of Runway is known on or before {pd.Timestamp(as_of).date()}")
    return known.iloc[-1]


def run_rate_floor_after(data: Dataset, as_of, last: pd.Series, growth_low: float) -> dict[str, Any] | None:
    """A floor under a later run-rate (``revenue.floor_after``: the last reported one plus the run-rate reported
    added since, if nothing was lost), beside the last reported one carried to that date at the low growth rate
    (``low_path``: a check of that rate)."""
    floor = revenue.floor_after(data.metrics, COMPANY, as_of, last)
    if floor is None:
        return None
    low_path = revenue.carried(float(last["value"]), growth_low, years_between(last["as_of_date"], floor["date"]))
    return {**floor, "low_path": low_path}


def runway_run_rates(data: Dataset, as_of, at_round: dict) -> pd.DataFrame:
    """Runway's run-rates and run-rate added known by ``as_of``, and whether each bounds the range."""
    rows = data.metrics[
        (data.metrics["company_id"] == COMPANY) & data.metrics["metric"].isin(["arr_usd", "arr_added_usd"])
    ]
    rows = funding.known_by(rows, as_of)
    used = rows["metric_id"].isin([at_round["low_id"], at_round["high_id"]])
    read = rows["metric_id"].isin(at_round["rows"]["metric_id"])
    role = np.where(used, "bounds the range", np.where(read, "read", "not a total run-rate, or not counted"))
    cols = ["metric_id", "metric", "value", "as_of", "confidence", "source_url", "note"]
    return rows[cols].assign(role=role)


def inputs_known(data: Dataset, as_of) -> None:
    """Raise ValueError (one line) unless Runway's round and a reported run-rate before it are known by ``as_of``."""
    rnd = runway_round(data, as_of)
    last_run_rate(data, as_of)
    try:
        revenue.run_rate_range(data.metrics, COMPANY, rnd["date"], 0.0, 0.0, False)
    except ValueError:
        raise ValueError(
            f"the latest round known by then ({rnd['round']}, {rnd['as_of']}) has no reported run-rate of Runway "
            "on or before it, so no multiple can be implied"
        ) from None


def growth_shown(data: Dataset, as_of) -> pd.DataFrame:
    """The yearly growth each company's own run-rates showed: first to last USD run-rate of one series (no
    conflicting or disputed row), as a compound annual rate over the months between them, with ``growth_low`` and
    ``growth_high`` the rates the two figures allow within their rounding (``rounding_half_unit``). Context, never
    in a share: ``rests_on_aggregator_pages`` says when either end rests on aggregator pages alone."""
    figures = data.valuation_figures
    known = figures[(figures["as_of_date"] <= pd.Timestamp(as_of)) & (figures["metric"] == "arr")]
    known = known.assign(solid=counted_facts(known, FACT, False))
    known = known[known["conflict"].isna() & (known["currency"] == "USD") & (known["confidence"] == "reported")]
    own = reported_run_rates(data, as_of)
    series = [(r.peer_name, r.value, r.as_of, r.as_of_date, r.solid) for r in known.itertuples(index=False)]
    series += [
        ("Runway", r.value, r.as_of, r.as_of_date, not r.rests_on_aggregator_pages) for r in own.itertuples(index=False)
    ]
    frame = pd.DataFrame(series, columns=["company", "value", "as_of", "date", "solid"])
    frame = frame.sort_values(["company", "date", "solid"], ascending=[True, True, False], kind="stable")
    frame = frame.drop_duplicates(["company", "date"])
    rows = []
    for company, s in frame.sort_values(["company", "date"], kind="stable").groupby("company", sort=True):
        if len(s) < 2:
            continue
        first, last = s.iloc[0], s.iloc[-1]
        years = years_between(first["date"], last["date"])
        start, end = float(first["value"]), float(last["value"])
        start_slack, end_slack = rounding_half_unit(start), rounding_half_unit(end)
        rows.append(
            {
                "company": company,
                "from": f"{first['as_of']}",
                "to": f"{last['as_of']}",
                "run_rate_from_usd": first["value"],
                "run_rate_to_usd": last["value"],
                "years": years,
                "growth_per_year": (end / start) ** (1 / years) - 1,
                "growth_low": ((end - end_slack) / (start + start_slack)) ** (1 / years) - 1,
                "growth_high": ((end + end_slack) / (start - start_slack)) ** (1 / years) - 1,
                "rests_on_aggregator_pages": not (first["solid"] and last["solid"]),
            }
        )
    return pd.DataFrame(rows, columns=["company", "from", "to", "run_rate_from_usd", "run_rate_to_usd", "years",
                                       "growth_per_year", "growth_low", "growth_high",
                                       "rests_on_aggregator_pages"])  # fmt: skip


def rounding_half_unit(value: float) -> float:
    """Half the place of a reported figure's last non-zero digit, the most its rounding can hide: $70M -> $5M,
    $3.3B -> $50M, $125M -> $0.5M."""
    digits = f"{abs(value):.0f}"
    return 10.0 ** (len(digits) - len(digits.rstrip("0"))) / 2


def _investor(name: str) -> str:
    clean = re.sub(r"\s*\(.*?\)", "", name).strip()
    lower = clean.lower()
    return next((canon for alias, canon in INVESTOR_ALIASES.items() if lower.startswith(alias)), clean)


def investor_matrix(data: Dataset, as_of) -> pd.DataFrame:
    """Investors in the counted rounds (known by ``as_of``) of at least two companies: rounds per company."""
    rounds = funding.counted_rounds(data.rounds, as_of)
    pairs = []
    for r in rounds.itertuples(index=False):
        for cell in (r.lead_investors, r.other_investors):
            if isinstance(cell, str):
                pairs += [(_investor(n), r.company_id, r.round) for n in cell.split("; ") if n.strip()]
    frame = pd.DataFrame(pairs, columns=["investor", "company_id", "round"]).drop_duplicates()
    spread = frame.groupby("investor")["company_id"].nunique()
    frame = frame[frame["investor"].isin(spread[spread >= 2].index)]
    names = data.names()
    matrix = frame.assign(company=frame["company_id"].map(names)).pivot_table(
        index="investor", columns="company", values="round", aggfunc="count", fill_value=0
    )
    order = matrix.gt(0).sum(axis=1).sort_values(ascending=False, kind="stable").index
    return matrix.loc[order]


# ---- the simulation ------------------------------------------------------------------------------------


def draws(peers: pd.DataFrame, p: dict[str, Any]) -> dict[str, np.ndarray]:
    """Seeded draws of (multiple, hurdle, years, growth); the same uniforms for every class."""
    rng = np.random.default_rng(p["seed"])
    n = p["n_draws"]
    u_peer, u_multiple, u_hurdle, u_years, u_growth = rng.random((5, n))
    pick = np.minimum((u_peer * len(peers)).astype(int), len(peers) - 1)
    low, high = peers["low"].to_numpy(float)[pick], peers["high"].to_numpy(float)[pick]

    def between(u, ends):
        return ends[0] + u * (ends[1] - ends[0])

    return {
        "multiple": low + u_multiple * (high - low),
        "hurdle": between(u_hurdle, p["hurdle_irr"]),
        "years": between(u_years, p["years_to_exit"]),
        "growth": between(u_growth, p["revenue_growth"]),
    }


def growth_levels(p: dict[str, Any], per_class: dict) -> list[float]:
    """The growth rates at which the share is shown: the assumed range's ends and every ``GROWTH_STEP`` from
    below the lowest growth needed to above the highest (so the table runs from none to all)."""
    needs = [x["box"]["growth"] for x in per_class.values() if x]
    low = min([p["revenue_growth"][0], *(n[0] for n in needs)])
    high = max([p["revenue_growth"][1], *(n[1] for n in needs)])
    steps = range(math.floor(low / GROWTH_STEP), math.ceil(high / GROWTH_STEP) + 1)
    return sorted({round(k * GROWTH_STEP, 10) for k in steps if k >= 0} | set(map(float, p["revenue_growth"])))


def verdict(peers: pd.DataFrame, p: dict[str, Any], valuation: float, run_rate: float, gap: float) -> dict:
    """Share of draws in which the growth covers the required growth, the growth that makes it half, and the
    growth needed in each draw (sorted: the share at a growth g is the fraction of it at or below g)."""
    d = draws(peers, p)
    need = required_growth(valuation, d["hurdle"], d["years"], d["multiple"], run_rate, gap)
    return {
        "share": float(np.mean(d["growth"] >= need)),
        "growth_for_half": float(np.median(need)),
        "needs": np.sort(need, kind="stable"),
        "share_at_growth": {
            end: float(np.mean(g >= need)) for end, g in zip(("low", "high"), p["revenue_growth"], strict=True)
        },
    }


def ends_of(pair: tuple[float, float]) -> dict[str, float]:
    return {"low": pair[0], "high": pair[1]}


def chosen_classes(multiple_class: str) -> tuple[str, ...]:
    return CLASSES if multiple_class == "both" else (multiple_class,)


def class_results(data: Dataset, p: dict, with_agg: bool, valuation: float, run_rate: float, gap: float):
    """Per chosen class: its statistics, the corners of the reverse valuation and the verdict (None when no
    peer of the class counts); and the peers' ranges (chart data)."""
    per_class, peer_rows = {}, []
    for cls in chosen_classes(p["multiple_class"]):
        peers = peer_ranges(data, cls, p["as_of"], with_agg)
        every = peers if with_agg else peer_ranges(data, cls, p["as_of"], True)  # the same inputs: found once
        uncounted = every[~every["peer_id"].isin(peers["peer_id"])].assign(counts=False)
        peer_rows.append(pd.concat([peers.assign(counts=True), uncounted], ignore_index=True).assign(peer_class=cls))
        stats = class_statistics(peers)
        if stats is None:
            per_class[cls] = None
            continue
        box = corners(valuation, p["hurdle_irr"], p["years_to_exit"], (stats["low"], stats["high"]), run_rate, gap)
        per_class[cls] = {
            "stats": stats,
            "peers": peers_described(peers),
            "box": box,
            **verdict(peers, p, valuation, run_rate, gap),
        }
    return per_class, peer_rows


def share_at(x: dict, growth: float) -> float:
    """The share of a class's combinations that a yearly growth of ``growth`` covers."""
    return float(np.searchsorted(x["needs"], growth, side="right") / len(x["needs"]))


def shown_share(value: float | None) -> str:
    """A share at 5 points, never a positive share as 0% nor a short one as 100%."""
    if value is None:
        return "—"
    if 0 < value < SHARE_STEP / 2:
        return f"under {format_value(RESULTS['share_justified_without_thesis'], SHARE_STEP)}"
    if 1 - SHARE_STEP / 2 <= value < 1:
        return f"over {format_value(RESULTS['share_justified_without_thesis'], 1 - SHARE_STEP)}"
    return format_value(RESULTS["share_justified_without_thesis"], round_share(value))


def share_by_growth(per_class: dict, p: dict) -> pd.DataFrame:
    """Per growth level (rows), the share of each counted class's combinations it covers: what flips the verdict."""
    counted = {c: x for c, x in per_class.items() if x}
    if not counted:
        return pd.DataFrame(columns=["growth a year"])
    rows = []
    for g in growth_levels(p, per_class):
        note = "assumed range's end" if g in p["revenue_growth"] else ""
        shares = {CLASS_NAMES[c]: shown_share(share_at(x, g)) for c, x in counted.items()}
        rows.append({"growth a year": format_value(RESULTS["growth_for_half"], g), **shares, "note": note})
    return pd.DataFrame(rows)


def sensitivity_table(per_class: dict, other: dict | None, with_agg: bool) -> pd.DataFrame:
    """The share under the chosen setting, at each end of the growth range, and with the other aggregator setting
    (``other``; None when it leaves no peer, as when every peer rests on aggregator pages alone)."""
    rows = []
    for cls, x in per_class.items():
        row = {
            "class": CLASS_NAMES[cls],
            "share justified": shown_share(None if x is None else x["share"]),
            "share at the lowest growth assumed": shown_share(None if x is None else x["share_at_growth"]["low"]),
            "share at the highest growth assumed": shown_share(None if x is None else x["share_at_growth"]["high"]),
        }
        if other is not None:
            alt = other.get(cls)
            row["aggregator-only figures " + ("left out" if with_agg else "counted")] = shown_share(
                None if alt is None else alt["share"]
            )
            row["peers then"] = 0 if alt is None else alt["stats"]["peers"]
        rows.append(row)
    return pd.DataFrame(rows)


# ---- declared results and the entry point ----------------------------------------------------------------

_ENDS = (Result("low", "Low", "multiple"), Result("high", "High", "multiple"))
RESULTS = declare(
    Result("as_of", "Data as of", "date"),
    Result("multiple_class", "Peer class", "status"),
    Result("include_aggregator", "Aggregator-only figures counted", "flag"),
    Result("valuation_usd", "Runway's latest post-money", "money"),
    Result("round_date", "Date of that round", "date"),
    Result(
        "run_rate_at_round_usd",
        "Runway's run-rate on the round's date (range)",
        fields=(Result("low", "Low", "money"), Result("high", "High", "money")),
    ),
    Result("implied_multiple_range", "Multiple the round paid on that run-rate", fields=_ENDS),
    Result(
        "peer_multiple_by_class",
        "Peer multiple by class",
        by="class",
        fields=(
            Result("median", "Median (the peer's own multiple when one)", "multiple"),
            *_ENDS,
            Result("peers", "Peers", "count"),
        ),
    ),
    Result(
        "required_revenue_usd_interval",
        "Revenue needed at exit",
        by="class",
        fields=(Result("low", "Low", "money"), Result("high", "High", "money")),
    ),
    Result(
        "required_growth_interval",
        "Yearly growth needed from the last reported run-rate",
        by="class",
        fields=(Result("low", "Low", "share"), Result("high", "High", "share")),
    ),
    Result(
        "share_justified_without_thesis", "Share of combinations video revenue alone justifies", "share", by="class"
    ),
    Result(
        "share_on_aggregator_pages",
        "Share of combinations video revenue alone justifies on aggregator pages' figures, when no peer rests on more",
        "share",
        by="class",
    ),
    Result(
        "growth_for_half",
        "Yearly growth at which half the combinations justify the price",
        "share",
        unit="growth a year (0 to 1)",
        by="class",
    ),
)


@dataclass
class ValuationAnalysis(Analysis):
    """Notebook 06: its tables and charts' data (DataFrames), the inputs it read, and its sentences."""

    round_table: pd.DataFrame  # Runway's round, the run-rate range and the implied multiple
    run_rates: pd.DataFrame  # Runway's run-rates read (company_metrics.csv)
    private_pairs: pd.DataFrame  # every private valuation / run-rate computed, counted or not
    peers: pd.DataFrame  # per class and peer: the multiple's range (chart data)
    stated: pd.DataFrame  # every stated multiple known by as_of, by class and kind (context; never pooled)
    classes: pd.DataFrame  # per class: median, range, required revenue and growth, share
    growth: pd.DataFrame  # the growth each company's run-rates showed
    share_by_growth: pd.DataFrame  # per growth level, the share of combinations it covers (what flips it)
    hurdles: pd.DataFrame  # the sourced return hurdles
    investors: pd.DataFrame  # investors in two or more companies' rounds (rounds per company)
    sensitivity: pd.DataFrame  # the share with the growth at each end of its range
    params: dict[str, Any]
    words: Any  # valuation_words.Words

    DECLARATIONS: ClassVar[dict[str, Result]] = RESULTS


def analyse(data: Dataset, params: dict[str, Any]) -> ValuationAnalysis:
    """Notebook 06 from the validated data and its checked parameters."""
    from ..sourcing import cited_rows, outside_sources
    from . import valuation_words as w

    p, as_of, with_agg = params, params["as_of"], params["include_aggregator"]
    growth_low, growth_high = p["revenue_growth"]
    paid = round_multiple(data, as_of, (growth_low, growth_high), with_agg)
    rnd, at_round, implied = paid["round"], paid["at_round"], paid["implied"]
    last = last_run_rate(data, as_of)
    gap = years_between(last["as_of_date"], rnd["date"])
    per_class, peer_rows = class_results(data, p, with_agg, rnd["valuation_usd"], float(last["value"]), gap)
    other, _ = class_results(data, p, not with_agg, rnd["valuation_usd"], float(last["value"]), gap)
    counted = {c: v for c, v in per_class.items() if v is not None}
    # with every peer on aggregator pages alone, sections 3 and 4 show what those pages give (said as theirs)
    on_aggregator_pages = {} if counted or with_agg else {c: v for c, v in other.items() if v is not None}
    shown = other if on_aggregator_pages else per_class
    results = {
        "as_of": as_of,
        "multiple_class": p["multiple_class"],
        "include_aggregator": with_agg,
        "valuation_usd": rnd["valuation_usd"],
        "round_date": rnd["date"].date().isoformat(),
        "run_rate_at_round_usd": {"low": at_round["low"], "high": at_round["high"]},
        "implied_multiple_range": {"low": implied[0], "high": implied[1]},
        "peer_multiple_by_class": {c: v["stats"] for c, v in counted.items()},
        "required_revenue_usd_interval": {c: ends_of(v["box"]["revenue"]) for c, v in counted.items()},
        "required_growth_interval": {c: ends_of(v["box"]["growth"]) for c, v in counted.items()},
        "share_justified_without_thesis": {c: round_share(v["share"]) for c, v in counted.items()},
        "growth_for_half": {c: v["growth_for_half"] for c, v in counted.items()},
        "share_on_aggregator_pages": {c: round_share(v["share"]) for c, v in on_aggregator_pages.items()},
    }
    pairs = private_multiples(data.valuation_figures, as_of, True)
    counted_pairs = private_multiples(data.valuation_figures, as_of, with_agg)
    pairs = pairs.assign(counts=pairs["figures"].isin(counted_pairs.loc[counted_pairs["counts"], "figures"]))
    known_multiples = data.valuation_multiples[data.valuation_multiples["as_of_date"] <= pd.Timestamp(as_of)]
    sources = outside_sources(cited_rows(data, SOURCE_FILES, as_of))
    peers_all = pd.concat(peer_rows, ignore_index=True) if peer_rows else pd.DataFrame()
    growth_table = growth_shown(data, as_of)
    floor = run_rate_floor_after(data, as_of, last, growth_low)
    text = w.words(p, rnd, at_round, implied, last, gap, per_class, growth_table, floor)
    return ValuationAnalysis(
        results=results,
        answer=w.answer(p, rnd, last, per_class, results, sources, other, growth_table, assumption_tiers(data, p)),
        round_table=w.round_table(rnd, at_round, implied, last, p),
        run_rates=runway_run_rates(data, as_of, at_round),
        private_pairs=pairs,
        peers=peers_all,
        stated=known_multiples[
            [
                "multiple_id",
                "peer_name",
                "peer_class",
                "kind",
                "basis",
                "low",
                "high",
                "as_of",
                "aggregator",
                "confidence",
                "source_url",
            ]
        ],  # fmt: skip
        classes=w.class_table(shown, p),
        growth=growth_table,
        share_by_growth=share_by_growth(shown, p),
        hurdles=data.return_hurdles[
            ["hurdle_id", "investor_kind", "measure", "low", "high", "hold_years", "aggregator", "as_of", "source_url"]
        ],  # fmt: skip
        investors=investor_matrix(data, as_of),
        sensitivity=(
            sensitivity_table(shown, None, True)
            if on_aggregator_pages
            else sensitivity_table(per_class, other, with_agg)
        ),
        params=dict(p),
        words=text,
    )
