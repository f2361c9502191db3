"""Words of the valuation notebook: its answer, and the sentences and tables around its results.

Every number that restates a published result is formatted by that result's declaration
(``valuation.RESULTS``), so it reads the same in the sentence, the key numbers and every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..present.labels import span as labels_span
from ..present.report import sourcing
from ..results import Answer, Result, format_value, short_range, significant
from . import valuation as v

MONEY = Result("money", "Money", "money")
SHARE = Result("share", "Share", "share")
TIMES = Result("multiple", "Multiple", "multiple")


def shown(rid: str, value: Any, part: str = "") -> str:
    """``value`` as the declaration of result ``rid`` (or of its field ``part``) shows it."""
    result = v.RESULTS[rid]
    return format_value(result.field(part) or result if part else result, value)


def ends(result: Result, pair) -> str:
    """Two values of one kind in the one form of every range: '$90M to $150M', '50% to 72%', '35x to 59x'; one
    when both read alike ('13x', never '13x to 13x')."""
    low, high = (format_value(result, x) for x in pair)
    return low if low == high else short_range(result, *pair)


def peers_text(cls: str, c: dict, short: bool = False) -> str:
    """What a class's multiple rests on: 'one peer's multiple (Canva's 2025-08 employee and secondary tender, 13x
    valuation / run-rate)', or 'private AI video and creative multiples (median 24x valuation / run-rate of 7
    peers: 6 primary rounds, 1 employee and secondary tender)'; ``short`` leaves out the kind of multiple and the
    mix of prices. One peer is never called a median."""
    stats = c["stats"]
    kind = "" if short else f" {v.class_kind_name(cls)}"
    if c["peers"]["one"]:
        kind = "" if kind.strip() in c["peers"]["one"] else kind  # a stated multiple's description names its kind
        single = c["peers"].get("one_single_source", "")
        weak = f", one {single} source" if single else ""  # beside the figure it rests on
        return f"one peer's multiple ({c['peers']['one']}, {format_value(TIMES, stats['median'])}{kind}{weak})"
    kinds = c["peers"]["price_kinds"]
    mix = (
        "" if short or len(kinds) < 2 else ": " + ", ".join(f"{n} {k}{'s' if n > 1 else ''}" for k, n in kinds.items())
    )
    return (
        f"{v.CLASS_NAMES[cls]} multiples (median {format_value(TIMES, stats['median'])}{kind} of "
        f"{peer_count(stats['peers'], c['peers'].get('aggregates', 0))}{mix})"
    )


def peer_count(peers: int, aggregates: int) -> str:
    """'7 peers', or '5 companies and a survey median' when some peers are many companies' statistic."""
    if not aggregates:
        return f"{peers} peers"
    companies = peers - aggregates
    medians = "a survey median" if aggregates == 1 else f"{aggregates} survey medians"
    return f"{companies} {'company' if companies == 1 else 'companies'} and {medians}"


def on_aggregator_pages(rests_on_aggregator_pages: bool, joiner: str = " (") -> str:
    """Said beside a figure that rests on aggregator pages alone: ' (from aggregator pages)', or ''; with
    ``joiner='; '`` inside a parenthesis already open."""
    if not rests_on_aggregator_pages:
        return ""
    return f"{joiner}from aggregator pages{')' if joiner == ' (' else ''}"


def last_run_rate_text(last: pd.Series) -> str:
    """'$90M in 2025-06 (from aggregator pages)': Runway's last reported run-rate, flagged when it rests on
    aggregator pages alone."""
    flag = on_aggregator_pages(bool(last.get("rests_on_aggregator_pages", False)))
    return f"{format_value(MONEY, float(last['value']))} in {last['as_of']}{flag}"


def comparables_growth(growth: pd.DataFrame, with_aggregator: bool) -> str:
    """What the growth needed stands against: "Runway's own grew about 66% a year over 6 months (28-114% within
    its two figures' rounding); no comparable's growth counted (5 of 5 rest on aggregator pages)" (comparables'
    growth counts as every other figure does)."""
    own = growth[growth["company"] == "Runway"]
    others = growth[growth["company"] != "Runway"]
    peers = others[with_aggregator | ~others["rests_on_aggregator_pages"]]
    parts = [
        f"Runway's own grew about {growth_rate(r.growth_per_year)} a year over {months(r.years)} "
        f"({growth_range(r.growth_low, r.growth_high)} within its two figures' rounding"
        f"{on_aggregator_pages(r.rests_on_aggregator_pages, '; ')})"
        for r in own.itertuples()
    ]
    left_out = len(others) - len(peers)
    aggregator = f"{left_out} of {len(others)} rest on aggregator pages"
    if peers.empty:
        parts.append(f"no comparable's growth counted ({aggregator})" if left_out else "no comparable's growth known")
    else:
        rates = growth_range(peers["growth_per_year"].min(), peers["growth_per_year"].max())
        left = f"; {aggregator}, left out" if left_out else ""
        weak = int(peers["rests_on_aggregator_pages"].sum())
        label = on_aggregator_pages(weak == len(peers)) or (
            f" ({weak} of {len(peers)} from aggregator pages)" * bool(weak)
        )
        parts.append(f"comparables' {rates} over {span(peers['years'].min(), peers['years'].max())} only{label}{left}")
    return "; ".join(parts)


def years_text(pair) -> str:
    low, high = (f"{x:g}" for x in pair)
    return f"{labels_span(low, high)} years"


def months(years: float) -> str:
    n = max(1, round(years * 12))
    return f"{n} month{'s' if n != 1 else ''}"


def span(low_years: float, high_years: float) -> str:
    """'4 to 12 months', or '6 months' when both ends round alike."""
    low, high = months(low_years), months(high_years)
    return low if low == high else f"{low.split()[0]} to {high}"


def class_clause(cls: str, c: dict, first: bool = True) -> str:
    """What the growth does at one class's multiples: 'at one peer's multiple (Canva's ..., 13x), growth of 58% a
    year justifies the price in half the combinations of multiple, hurdle and horizon'; after the ``first`` class
    only the growth, 'at public software multiples (median 6.4x of 6 peers), 73% a year' (none and all are in the
    details)."""
    half = format_value(SHARE, c["growth_for_half"])
    if not first:
        return f"at {peers_text(cls, c, short=True)}, {half} a year"
    return (
        f"at {peers_text(cls, c, short=True)}, growth of {half} a year justifies the price in half the "
        "combinations of multiple, hurdle and horizon"
    )


def what_must_be_true(p: dict, rnd: dict, counted: dict, growth: pd.DataFrame, tiers: dict | None = None) -> str:
    """The finding in three short sentences: video revenue alone returns the hurdle only if Runway grows fast; the
    growth that justifies the price in half the combinations at each class's multiples; the growth Runway showed
    (its rounding's span and the comparables' growth are in the details, ``comparables_growth``)."""
    lead = (
        f"At {format_value(MONEY, rnd['valuation_usd'])}, investors earn their {ends(SHARE, p['hurdle_irr'])} "
        f"yearly target{from_aggregators('hurdle_irr', p['hurdle_irr'], tiers)} on video revenue alone only if "
        "Runway's run-rate grows fast"
    )
    clauses = "; ".join(class_clause(cls, c, i == 0) for i, (cls, c) in enumerate(counted.items()))
    own = " ".join(
        f"Runway's own grew about {growth_rate(r.growth_per_year)} a year over {months(r.years)}"
        f"{on_aggregator_pages(r.rests_on_aggregator_pages)}."
        for r in growth[growth["company"] == "Runway"].itertuples()
    )
    return f"{lead}. {clauses[:1].upper()}{clauses[1:]}. {own}".strip().removesuffix(".")


def growth_rate(g: float) -> str:
    """A yearly growth computed from two rounded figures, at the precision they support: whole points below 100%
    ('66%'), two significant figures from there ('120%', '400%', '1,900%'), never '1898%'."""
    return format_value(SHARE, g) if abs(g) < 1 else f"{significant(g * 100, 2)}%"


def growth_range(low: float, high: float) -> str:
    """Two yearly growths as ``growth_rate`` writes them, in the one form of every range: '29% to 120%'."""
    return labels_span(growth_rate(low), growth_rate(high))


def missing_clause(cls: str, with_aggregator: bool) -> str:
    pages = "" if with_aggregator else " resting on more than aggregator pages"
    return f"no {v.CLASS_NAMES[cls]} {v.class_kind_name(cls)} multiple{pages} is known, so that class says nothing"


ASSUMPTION_NAMES = {"hurdle_irr": "the hurdle's {}", "years_to_exit": "{} to exit", "revenue_growth": "the growth's {}"}


def _assumed(name: str, value: float) -> str:
    return f"{value:g}-year" if name == "years_to_exit" else format_value(SHARE, value)


def from_aggregators(name: str, values, tiers: dict | None) -> str:
    """Said beside an assumed range whose ends rest on aggregator pages alone: ' (from aggregator pages)' (every
    end), ' (the 5-year end from aggregator pages)' (one), or ''."""
    weak = [x for x, tier in zip(values, (tiers or {}).get(name, []), strict=False) if tier == "aggregator"]
    if not weak:
        return ""
    if len(weak) == len(values):
        return " (from aggregator pages)"
    return f" (the {' and '.join(_assumed(name, x) for x in dict.fromkeys(weak))} end from aggregator pages)"


def answer(
    p: dict,
    rnd: dict,
    last: pd.Series,
    per_class: dict,
    results: dict,
    sources: pd.DataFrame,
    other: dict,
    growth: pd.DataFrame,
    tiers: dict | None = None,
) -> Answer:
    """The notebook's answer from computed values, leading with what must be true: the growth video revenue alone
    needs at each class's multiples (and what they rest on), the share as a function of that growth, the growth
    Runway and its comparables showed, then the multiple the round paid."""
    implied = ends(TIMES, (results["implied_multiple_range"]["low"], results["implied_multiple_range"]["high"]))
    counted = {c: x for c, x in per_class.items() if x}
    on_aggregator = {} if counted or p["include_aggregator"] else {c: x for c, x in other.items() if x}
    missing = [missing_clause(c, p["include_aggregator"]) for c, x in per_class.items() if not x]
    if counted:
        finding = what_must_be_true(p, rnd, counted, growth, tiers)
    elif on_aggregator:
        # every peer multiple rests on aggregator pages: the answer they give, said as theirs, never as the data's
        theirs = what_must_be_true({**p, "include_aggregator": True}, rnd, on_aggregator, growth, tiers)
        finding = (
            "Every peer multiple rests on a figure only aggregator pages give: the data cannot settle this. "
            f"On their figures, {theirs[:1].lower()}{theirs[1:]}"
        )
    else:
        finding = "; ".join(
            [f"The data cannot say: the {rnd['round']} paid {implied} Runway's estimated run-rate", *missing]
        )
    details = [
        f"Runway disclosed no revenue at the round: its run-rate on the round's date ({rnd['date'].date()}) is "
        f"bounded {ends(MONEY, (results['run_rate_at_round_usd']['low'], results['run_rate_at_round_usd']['high']))} "
        f"from the run-rates reported before it, at {ends(SHARE, p['revenue_growth'])} growth a year"
        f"{from_aggregators('revenue_growth', p['revenue_growth'], tiers)}, so the "
        f"{rnd['round']} paid {implied} it; the multiple and every share rest on that estimate",
    ]
    if rnd["later_rounds"]:
        details.append(
            f"As of {p['as_of']} the latest valuation known is the {rnd['round']} ({rnd['as_of']}); later rounds "
            f"({', '.join(rnd['later_rounds'])}) are not seen"
        )
    details.append(
        f"The hurdle: {ends(SHARE, p['hurdle_irr'])} a year{from_aggregators('hurdle_irr', p['hurdle_irr'], tiers)} "
        f"over {years_text(p['years_to_exit'])} to exit{from_aggregators('years_to_exit', p['years_to_exit'], tiers)}"
        ", on the "
        f"{format_value(MONEY, rnd['valuation_usd'])} post-money and from the last reported run-rate, "
        f"{last_run_rate_text(last)}; dilution by later rounds is left out, "
        "so the revenue needed is a floor"
    )
    whose = " (aggregator pages' figures)" if on_aggregator else ""
    details += [  # one bullet a class: what each rests on, the revenue and growth it needs, the share justified
        f"Revenue needed at exit at {peers_text(cls, x)}: {ends(MONEY, x['box']['revenue'])}, growing "
        f"{ends(SHARE, x['box']['growth'])} a year; {v.shown_share(x['share'])} of combinations justified over the "
        f"assumed {ends(SHARE, p['revenue_growth'])} growth{whose}"
        for cls, x in (counted or on_aggregator).items()
    ]
    if counted and missing:
        details.append(f"{'; '.join(missing)[:1].upper()}{'; '.join(missing)[1:]}")
    if counted or on_aggregator:
        against = comparables_growth(growth, p["include_aggregator"] or bool(on_aggregator))
        details.append(f"{against[:1].upper()}{against[1:]}")
    setting = "left out" if p["include_aggregator"] else "counted too"
    alt = [
        f"{ends(SHARE, x['box']['growth'])} at {peers_text(c, x)}, half the combinations at "
        f"{format_value(SHARE, x['growth_for_half'])}"
        for c, x in other.items()
        if x
    ]
    if alt and not on_aggregator:
        details.append(f"With aggregator-only figures {setting}, growth needed: " + "; ".join(alt))
    numbers: list[tuple[str, ...]] = []
    for cls in counted:
        numbers.append(
            (
                f"Yearly growth that justifies the price at {v.CLASS_NAMES[cls]} multiples: in half the "
                "combinations (in none to in all)",
                f"growth_for_half.{cls}",
                f"required_growth_interval.{cls}",
            )
        )
    weak = rnd.get("on_aggregator_pages", False) or bool(last.get("rests_on_aggregator_pages", False))
    paid_label = "Multiple the round paid" + (", on aggregator pages' figures" if weak else "")
    numbers.append((paid_label, "implied_multiple_range.low", "implied_multiple_range.high"))
    for cls in on_aggregator:  # what those pages give, labelled as theirs
        numbers.append(
            (
                f"Share justified if growth is {ends(SHARE, p['revenue_growth'])} (assumed), {v.CLASS_NAMES[cls]}, "
                "on aggregator pages' figures only",
                f"share_on_aggregator_pages.{cls}",
            )
        )
    for cls, x in counted.items():
        one = x["peers"]["one"]
        label = f"Multiple of the one peer ({one})" if one else f"Peer median, {v.CLASS_NAMES[cls]}"
        numbers.append((label, f"peer_multiple_by_class.{cls}.median"))
        numbers.append(
            (
                f"Share justified if growth is {ends(SHARE, p['revenue_growth'])} (assumed), {v.CLASS_NAMES[cls]}",
                f"share_justified_without_thesis.{cls}",
            )
        )
    decided = counted or on_aggregator
    if decided:
        cls, x = min(decided.items(), key=lambda kv: kv[1]["growth_for_half"])
        settle = (
            "A peer multiple from the company itself or the press would let the data settle it; on aggregator "
            "pages' figures, the growth assumed decides it"
            if on_aggregator
            else "The growth assumed decides it"
        )
        flip = (
            f"{settle}: at {v.CLASS_NAMES[cls]} multiples fewer than half the combinations "
            f"justify the price below {format_value(SHARE, x['growth_for_half'])} a year, none below "
            f"{format_value(SHARE, x['box']['growth'][0])}, all from {format_value(SHARE, x['box']['growth'][1])}; "
            f"the range assumed is {ends(SHARE, p['revenue_growth'])}"
            f"{from_aggregators('revenue_growth', p['revenue_growth'], tiers)}"
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
        (
            "Post-money",
            format_value(MONEY, rnd["valuation_usd"]),
            f"{rnd['round']}, {rnd['as_of']}{on_aggregator_pages(rnd.get('on_aggregator_pages', False))}",
        ),
        ("Run-rate on the round's date, low", format_value(MONEY, at_round["low"]), at_round["low_from"]),
        ("Run-rate on the round's date, high", format_value(MONEY, at_round["high"]), at_round["high_from"]),
        ("Multiple the round paid", ends(TIMES, implied), "post-money over the run-rate range"),
        (
            "Last reported run-rate",
            format_value(MONEY, float(last["value"])),
            f"{last['as_of']}{on_aggregator_pages(bool(last.get('rests_on_aggregator_pages', False)))}",
        ),
        ("Growth assumed", ends(SHARE, p["revenue_growth"]), "a year, low to high (an assumption)"),
    ]
    return pd.DataFrame(rows, columns=["", "value", "from"])


def class_table(per_class: dict, p: dict) -> pd.DataFrame:
    """Per class: its kind, peers, median (or the one peer) and range, the revenue and growth needed, and the share."""
    rows = []
    for cls, x in per_class.items():
        row = {"class": v.CLASS_NAMES[cls], "kind": v.class_kind_name(cls)}
        if x is None:
            rows.append(row | {"peers": 0})
            continue
        s = x["stats"]
        one = x["peers"]["one"]
        rows.append(
            row
            | {
                "peers": s["peers"],
                "multiple": (
                    f"{format_value(TIMES, s['median'])}, one peer: {one}"
                    if one
                    else f"median {format_value(TIMES, s['median'])}"
                ),  # fmt: skip
                "range": ends(TIMES, (s["low"], s["high"])),
                "revenue needed at exit": ends(MONEY, x["box"]["revenue"]),
                "growth needed a year": ends(SHARE, x["box"]["growth"]),
                "half the combinations at": format_value(SHARE, x["growth_for_half"]),
                f"share if growth is {ends(SHARE, p['revenue_growth'])}": v.shown_share(x["share"]),
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
    tables_basis: str = ""  # said after sections 3 and 4's captions when they show aggregator pages' figures


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
        f"growth below starts from the last reported run-rate, {last_run_rate_text(last)}, {gap:.1f} years "
        "before the round." + floor_sentence(floor, p)
    )
    if growth.empty:
        growth_sentence = (
            "No company has two reported run-rates in one series by the data's date: no growth to compare."
        )
    else:
        parts = [
            f"{r.company} about {growth_rate(r.growth_per_year)} a year ({r['from']} to {r.to}, "
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
        "Each cell counts the rounds (counted in capital raised, known by the data's date) in which the investor "
        "appears, from the funding rounds' data; only investors in two or more companies are shown. It shows who "
        "spreads bets across video and world-model companies; it does not show that anyone priced Runway on the "
        "world-model thesis, nor what each invested, and rounds without a named investor list are not seen."
    )
    cannot_say = (
        "What the data cannot say: Runway disclosed no revenue at the round, so the multiple it paid is an estimate; "
        "nothing here measures how much of the price the world-model thesis carries, only whether video revenue "
        "alone could carry it; peer multiples are today's, not those at an exit years away; and later rounds dilute "
        "the investor, which raises the revenue needed."
    )
    chart_title = f"Runway's round paid {ends(TIMES, implied)} its estimated run-rate"
    counted = {c: x for c, x in per_class.items() if x}
    medians = [peers_text(c, x) for c, x in counted.items()]
    chart_alt = f"{chart_title}. Peers that count: " + "; ".join(medians) if medians else chart_title
    chart_note = (
        "Peer multiples: valuations over run-rates as reported (computed here) and trailing enterprise value / sales "
        "as sources state them; Runway: its rounds and reported run-rates. Each source is listed under the chart."
    )
    basis = "" if counted or p["include_aggregator"] else ": aggregator pages' figures only"
    return Words(summary, round_sentence, growth_sentence, investors_sentence, cannot_say, chart_title, chart_alt,
                 chart_note, basis)  # fmt: skip


def standing_title(title: str, peers: pd.DataFrame, low: float) -> str:
    """The peers chart's title with how many multiples drawn lie wholly below the round's lowest: 'Runway's round
    paid 38x to 48x its estimated run-rate, above 11 of the 13 multiples drawn' ('above all 6' when every one)."""
    below = int((peers["high"] < low).sum())
    if not below:
        return title
    return f"{title}, above {'all' if below == len(peers) else f'{below} of the'} {len(peers)} multiples drawn"


# --- the tables as readers see them: words for ids, no id columns ----------------------------------------

YES_NO = {"true": "yes", "false": "no", True: "yes", False: "no"}
PEER_CLASSES = v.CLASS_NAMES | {"runway": "Runway", "market": "market", "ai_lab": "AI lab"}
BASES = {"run_rate": "run-rate", "forward": "forward (next twelve months)", "trailing": "trailing"}
MEASURES = {"target_irr": "target return a year (IRR)", "target_moic": "target multiple of money"}
RUN_RATE_METRICS = {"arr_usd": "revenue run-rate", "arr_added_usd": "run-rate added (not a total)"}


def peers_shown(peers: pd.DataFrame) -> pd.DataFrame:
    """The chart's data without peer ids, with each class and whether it counts in words."""
    if peers.empty:
        return peers
    shown = peers.drop(columns=["peer_id"]).assign(
        peer_class=peers["peer_class"].map(v.CLASS_NAMES),
        counts=peers["counts"].map(YES_NO),
        contested=peers["contested"].map(YES_NO),
    )
    return shown.rename(columns={"single_source": "single_source_tier"})  # a tier, not the sources' count


def pairs_shown(pairs: pd.DataFrame) -> pd.DataFrame:
    """Every private valuation / run-rate computed, without the ids of the peer and of the two figures."""
    return pairs.drop(columns=["peer_id", "figures"]).assign(
        counts=pairs["counts"].map(YES_NO),
        valuation_usd=pairs["valuation_usd"].map(lambda x: format_value(MONEY, x)),
        run_rate_usd=pairs["run_rate_usd"].map(lambda x: format_value(MONEY, x)),
        multiple=pairs["multiple"].map(lambda x: format_value(TIMES, x)),  # as every multiple of 06 (and 04): 13x
    )


def stated_shown(stated: pd.DataFrame) -> pd.DataFrame:
    """Every stated multiple, its class, kind and basis in words, each linked to its source."""
    return stated.drop(columns=["multiple_id"]).assign(
        peer_class=stated["peer_class"].map(PEER_CLASSES),
        kind=stated["kind"].map(v.KIND_NAMES),
        basis=stated["basis"].map(BASES),
        aggregator=stated["aggregator"].map(YES_NO),
    )


def hurdles_shown(hurdles: pd.DataFrame) -> pd.DataFrame:
    """The sourced return hurdles, each measure in words and linked to its source."""
    target = [
        ends(SHARE if m == "target_irr" else TIMES, (low, high))
        for m, low, high in zip(hurdles["measure"], hurdles["low"], hurdles["high"], strict=True)
    ]
    shown = hurdles.drop(columns=["hurdle_id", "low", "high"]).assign(
        measure=hurdles["measure"].map(MEASURES), aggregator=hurdles["aggregator"].map(YES_NO)
    )
    return shown.assign(target=target)[["investor_kind", "measure", "target", *shown.columns[2:]]]


def growth_table_shown(growth: pd.DataFrame) -> pd.DataFrame:
    """The growth each company's run-rates showed, as the sentence above it words it."""
    return (
        growth.assign(
            run_rate_from_usd=growth["run_rate_from_usd"].map(lambda x: format_value(MONEY, x)),
            run_rate_to_usd=growth["run_rate_to_usd"].map(lambda x: format_value(MONEY, x)),
            years=growth["years"].map(months),
            growth_per_year=growth["growth_per_year"].map(growth_rate),
            growth_within_rounding=[
                growth_range(*p) for p in zip(growth["growth_low"], growth["growth_high"], strict=True)
            ],
            rests_on_aggregator_pages=growth["rests_on_aggregator_pages"].map(YES_NO),
        )
        .drop(columns=["growth_low", "growth_high"])
        .rename(columns={"years": "over"})
    )


def run_rates_shown(run_rates: pd.DataFrame) -> pd.DataFrame:
    """Runway's run-rates read, without their row ids."""
    return run_rates.drop(columns=["metric_id"]).assign(
        metric=run_rates["metric"].map(RUN_RATE_METRICS), value=run_rates["value"].map(lambda x: format_value(MONEY, x))
    )
