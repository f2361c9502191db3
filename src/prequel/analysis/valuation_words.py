"""Words of the valuation notebook: its answer, and the sentences and tables around its results.

Every number that restates a published result is formatted by that result's declaration
(``valuation.RESULTS``), so it reads the same in the sentence, the key numbers and every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..present.report import sourcing
from ..results import Answer, Result, format_value, short_range
from . import valuation as v

MONEY = Result("money", "Money", "money")
SHARE = Result("share", "Share", "share")
TIMES = Result("multiple", "Multiple", "multiple")


def shown(rid: str, value: Any, part: str = "") -> str:
    """``value`` as the declaration of result ``rid`` (or of its field ``part``) shows it."""
    result = v.RESULTS[rid]
    return format_value(result.field(part) or result if part else result, value)


def ends(result: Result, pair) -> str:
    """Two values of one kind with the unit once: '$90M-$150M', '50-72%', '35-59x'."""
    return short_range(result, *pair)


def peers_text(stats: dict) -> str:
    n = stats["peers"]
    return f"{n} peer{'s' if n != 1 else ''}"


def years_text(pair) -> str:
    low, high = (f"{x:g}" for x in pair)
    return f"{low} years" if low == high else f"{low}-{high} years"


def class_clause(cls: str, c: dict, valuation: float) -> str:
    """'at private AI video and creative multiples (valuation / run-rate, median 13x, 1 peer) video revenue
    alone justifies $5.3B in 65% of combinations, if the run-rate grows 50-72% a year'."""
    stats = c["stats"]
    return (
        f"at {v.CLASS_NAMES[cls]} multiples ({v.KIND_NAMES[v.CLASS_KIND[cls]]}, median "
        f"{format_value(TIMES, stats['median'])}, {peers_text(stats)}) video revenue alone justifies "
        f"{format_value(MONEY, valuation)} in {format_value(SHARE, v.round_share(c['share']))} of combinations, "
        f"needing {ends(SHARE, c['box']['growth'])} growth a year"
    )


def missing_clause(cls: str, with_aggregator: bool) -> str:
    pages = "" if with_aggregator else " resting on more than aggregator pages"
    kind = v.KIND_NAMES[v.CLASS_KIND[cls]]
    return f"no {v.CLASS_NAMES[cls]} {kind} multiple{pages} is known, so that class says nothing"


def answer(
    p: dict, rnd: dict, last: pd.Series, per_class: dict, results: dict, sources: pd.DataFrame, other: dict
) -> Answer:
    """The notebook's answer from computed values: the multiple the round paid, then per class the share of
    combinations in which video revenue alone returns the hurdle."""
    implied = ends(TIMES, (results["implied_multiple_range"]["low"], results["implied_multiple_range"]["high"]))
    clauses = [
        class_clause(c, x, rnd["valuation_usd"]) if x else missing_clause(c, p["include_aggregator"])
        for c, x in per_class.items()
    ]
    counted = {c: x for c, x in per_class.items() if x}
    if counted:
        best = max(x["share"] for x in counted.values())
        lead = "Only with fast growth" if best < 0.8 else "Largely yes"
        if best < 0.2:
            lead = "Not on video revenue alone"
    else:
        lead = "The data cannot say"
    finding = f"{lead}: the {rnd['round']} paid {implied} Runway's estimated run-rate; " + "; ".join(clauses)
    details = [
        f"Runway disclosed no revenue at the round: its run-rate on the round's date ({rnd['date'].date()}) is "
        f"bounded {ends(MONEY, (results['run_rate_at_round_usd']['low'], results['run_rate_at_round_usd']['high']))} "
        f"from the run-rates reported before it, at {ends(SHARE, p['revenue_growth'])} growth a year; the multiple "
        "and every share rest on that estimate",
    ]
    if rnd["later_rounds"]:
        details.append(
            f"As of {p['as_of']} the latest valuation known is the {rnd['round']} ({rnd['as_of']}); later rounds "
            f"({', '.join(rnd['later_rounds'])}) are not seen"
        )
    details.append(
        f"The hurdle: {ends(SHARE, p['hurdle_irr'])} a year over {years_text(p['years_to_exit'])} to exit, on the "
        f"{format_value(MONEY, rnd['valuation_usd'])} post-money and from the last reported run-rate "
        f"({format_value(MONEY, float(last['value']))}, {last['as_of']}); dilution by later rounds is left out, "
        "so the revenue needed is a floor"
    )
    needs = [
        f"at {v.CLASS_NAMES[cls]} multiples {ends(MONEY, x['box']['revenue'])} (half the combinations justify the "
        f"price at {format_value(SHARE, x['growth_for_half'])} growth a year)"
        for cls, x in counted.items()
    ]
    if needs:
        details.append("Revenue needed at exit: " + "; ".join(needs))
    setting = "left out" if p["include_aggregator"] else "counted too"
    alt = [
        f"{v.CLASS_NAMES[c]} {format_value(SHARE, v.round_share(x['share']))} (median "
        f"{format_value(TIMES, x['stats']['median'])}, {peers_text(x['stats'])})"
        for c, x in other.items()
        if x
    ]
    if alt:
        details.append(f"With aggregator-only figures {setting}: " + "; ".join(alt))
    numbers: list[tuple[str, ...]] = [
        ("Multiple the round paid", "implied_multiple_range.low", "implied_multiple_range.high"),
    ]
    for cls in counted:
        numbers.append((f"Share justified, {v.CLASS_NAMES[cls]}", f"share_justified_without_thesis.{cls}"))
        numbers.append((f"Peer median, {v.CLASS_NAMES[cls]}", f"peer_multiple_by_class.{cls}.median"))
    if counted:
        cls, x = min(counted.items(), key=lambda kv: kv[1]["growth_for_half"])
        flip = (
            "Half the combinations justify the price if Runway's run-rate grows "
            f"{format_value(SHARE, x['growth_for_half'])} a year at {v.CLASS_NAMES[cls]} multiples; "
            f"the range assumed is {ends(SHARE, p['revenue_growth'])}"
        )
    else:
        flip = "A multiple of the class resting on more than aggregator pages would give the question an answer"
    return Answer(
        finding,
        details,
        numbers[:5],
        flip,
        sourcing(sources),
        question="Does $5.3B need the world-model thesis, or could video revenue alone carry it at peer multiples?",
    )


def round_table(rnd: dict, at_round: dict, implied: tuple, last: pd.Series, p: dict) -> pd.DataFrame:
    """Runway's round, the run-rate range on its date and the multiple it implies, as shown."""
    rows = [
        ("Post-money", format_value(MONEY, rnd["valuation_usd"]), f"{rnd['round']}, {rnd['as_of']}"),
        ("Run-rate on the round's date, low", format_value(MONEY, at_round["low"]), at_round["low_from"]),
        ("Run-rate on the round's date, high", format_value(MONEY, at_round["high"]), at_round["high_from"]),
        ("Multiple the round paid", ends(TIMES, implied), "post-money over the run-rate range"),
        ("Last reported run-rate", format_value(MONEY, float(last["value"])), f"{last['as_of']} ({last['metric_id']})"),
        ("Growth assumed", ends(SHARE, p["revenue_growth"]), "a year, low to high (parameter revenue_growth)"),
    ]
    return pd.DataFrame(rows, columns=["", "value", "from"])


def class_table(per_class: dict, p: dict) -> pd.DataFrame:
    """Per class: its kind, peers, median and range, the revenue and growth needed, and the share."""
    rows = []
    for cls, x in per_class.items():
        row = {"class": v.CLASS_NAMES[cls], "kind": v.KIND_NAMES[v.CLASS_KIND[cls]]}
        if x is None:
            rows.append(row | {"peers": 0})
            continue
        s = x["stats"]
        rows.append(
            row
            | {
                "peers": s["peers"],
                "median": format_value(TIMES, s["median"]),
                "range": ends(TIMES, (s["low"], s["high"])),
                "revenue needed at exit": ends(MONEY, x["box"]["revenue"]),
                "growth needed a year": ends(SHARE, x["box"]["growth"]),
                "share justified": format_value(SHARE, v.round_share(x["share"])),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Words:
    summary: str
    round_sentence: str
    growth_sentence: str
    investors_sentence: str
    cannot_say: str
    chart_title: str
    chart_alt: str
    chart_note: str


def floor_sentence(floor: dict | None, p: dict) -> str:
    """The later floor (last reported run-rate plus the run-rate added since) against the low growth path."""
    if floor is None:
        return ""
    verdict = (
        "so the low end of the growth range is, if anything, cautious"
        if floor["floor"] >= floor["low_path"]
        else ("so the data do not rule out the low end of the growth range")
    )
    return (
        f" A later check: by {floor['on']} the run-rate was at least {format_value(MONEY, floor['floor'])} (the last "
        f"reported figure plus the {format_value(MONEY, floor['added'])} reported added since, if nothing was lost), "
        f"against {format_value(MONEY, floor['low_path'])} at {format_value(SHARE, p['revenue_growth'][0])} growth a "
        f"year; {verdict}."
    )


def words(p, rnd, at_round, implied, last, gap, per_class, growth: pd.DataFrame, floor: dict | None = None) -> Words:
    classes = ", ".join(v.CLASS_NAMES[c] for c in per_class)
    summary = (
        f"Runway's {rnd['round']} ({rnd['as_of']}, {format_value(MONEY, rnd['valuation_usd'])}) against {classes} "
        f"multiples as of {p['as_of']}; aggregator-only figures "
        f"{'counted' if p['include_aggregator'] else 'left out'}; "
        f"{p['n_draws']:,} draws, seed {p['seed']}."
    )
    round_sentence = (
        f"On the round's date the run-rate lies between {format_value(MONEY, at_round['low'])} "
        f"({at_round['low_from']}) and {format_value(MONEY, at_round['high'])} ({at_round['high_from']}), so the "
        f"{format_value(MONEY, rnd['valuation_usd'])} post-money is {ends(TIMES, implied)} the run-rate. The required "
        f"growth below starts from the last reported run-rate, {format_value(MONEY, float(last['value']))} on "
        f"{last['as_of']}, {gap:.1f} years before the round." + floor_sentence(floor, p)
    )
    if growth.empty:
        growth_sentence = "No company has two reported run-rates in one series by `as_of`: no growth to compare."
    else:
        parts = [
            f"{r.company} {format_value(SHARE, r.growth_per_year)} a year ({r['from']} to {r.to}, "
            f"{format_value(MONEY, r.run_rate_from_usd)} to {format_value(MONEY, r.run_rate_to_usd)})"
            for _, r in growth.iterrows()
        ]
        growth_sentence = (
            "The growth each company's own run-rates showed: "
            + "; ".join(parts)
            + ". These are compound rates over months, not years: early bursts that no company is known to have "
            "kept up for the five to eight years to an exit."
        )
    investors_sentence = (
        "Each cell counts the rounds (counted in capital raised, known by `as_of`) in which the investor appears, "
        "from `data/funding_rounds.csv`; only investors in two or more companies are shown. It shows who spreads "
        "bets across video and world-model companies; it does not show that anyone priced Runway on the world-model "
        "thesis, nor what each invested, and rounds without a named investor list are not seen."
    )
    cannot_say = (
        "What the data cannot say: Runway disclosed no revenue at the round, so the multiple it paid is an estimate; "
        "nothing here measures how much of the price the world-model thesis carries, only whether video revenue "
        "alone could carry it; peer multiples are today's, not those at an exit years away; and later rounds dilute "
        "the investor, which raises the revenue needed."
    )
    chart_title = f"Runway's round paid {ends(TIMES, implied)} its estimated run-rate"
    counted = {c: x for c, x in per_class.items() if x}
    medians = [f"{v.CLASS_NAMES[c]} median {format_value(TIMES, x['stats']['median'])}" for c, x in counted.items()]
    chart_alt = f"{chart_title}. " + "; ".join(medians)
    chart_note = (
        "Peer multiples: data/valuation_figures.csv (valuation / run-rate, computed) and data/valuation_multiples.csv "
        "(EV / sales as stated); Runway: data/funding_rounds.csv and data/company_metrics.csv."
    )
    return Words(summary, round_sentence, growth_sentence, investors_sentence, cannot_say, chart_title, chart_alt,
                 chart_note)  # fmt: skip
