"""Operational tradeoffs in words: notebook 04's answer (finding, details, flip, key numbers), its sentences
and its tables of text. A number that restates a published result is formatted by that result's declaration
(``operations.RESULTS``, ``format_value``), so it reads the same in a sentence, a table and the results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import SNAPSHOT_DATE
from ..present.labels import bare_label, roughly, span
from ..present.report import esc, money, range_text, ratio, source_link, sourcing
from ..results import Answer, format_value, multiple, percent, probability_range
from .demo_timing import round_interval, round_probability
from .operations import (
    METRICS,
    RESULTS,
    Assumptions,
    demo_by_window_ends,
    median_that_flips,
    round_sig,
    shown_step,
)
from .predictions import event_words as described

#: The assumptions in a reader's words (the finding names what drives a result without code identifiers).
ASSUMPTION_WORDS = {
    "cash_usd": "cash on hand",
    "net_burn_monthly_usd": "monthly burn",
    "arr_usd": "revenue run-rate",
    "window_months": "the window's length",
    "correction_if_miss": "the haircut's depth (it moves a down round's price, not its chance)",
    "demo_median_months": "how soon a demo comes",
    "weibull_k": "how the demo's chance builds over time",
    "p_never": "whether a demo ever comes",
    "arr_growth_annual": "revenue growth",
    "cost_growth_annual": "cost growth",
    "peer_revenue_multiple": "the revenue multiple investors pay",
    "raise_lead_months": "how early Runway raises",
}
#: The demo-timing inputs as a tornado's rows name them (no model jargon), each with its settings' format.
TIMING_ROWS = {
    "demo_median_months": ("Median time to a demo", lambda v: months_or_years(v)),
    "weibull_k": ("How a demo's chance changes (shape", lambda v: f"{round_sig(v):g}"),
    "p_never": ("Chance a demo never comes", lambda v: about(v)),  # a chance: the collection's one rounding
}
#: Assumptions whose settings read by a declaration rather than by their column's kind.
ROW_FORMATS = {
    "peer_revenue_multiple": lambda v: peer_multiple(v),
    "arr_usd": lambda v: shown("arr_usd_at_start", v),  # one rounding of the run-rate on the page: '$120M'
    "cash_usd": lambda v: shown("cash_usd_at_start", v),  # and of cash: '$210M', as its result reads
}
#: Under a tornado whose demo rows are the model's draws: where their settings come from, and what the shape means.
MODEL_SETTINGS = "The demo's rows run from the 5% to the 95% draw of the predictions page's demo-timing model"
SHAPE_WORDS = "a shape below 1: a demo grows less likely the longer none comes; above 1: likelier"


HORIZON_YEARS = 100  # a median time to a demo beyond a century is said as 'over a century', not '2,700 years'


def months_or_years(months: float) -> str:
    """A duration of months in words: '33 months'; past ten years in years, '40 years'; past ``HORIZON_YEARS``,
    'over a century' (a median of thousands of years says only that the demo practically never comes)."""
    if months > HORIZON_YEARS * 12:
        return "over a century"
    return f"{round_sig(months):,g} months" if months < 120 else f"{round_sig(months / 12):,g} years"


def setting_label(assumption: str, low, high, single: str = "") -> str:
    """An assumption and its low and high settings in a reader's words and formats:
    'Cost growth a year (15% to 45%)'. A range set to one of its ends, (low, low), is given by that end; equal
    settings are one value, and say so (``single``: why, 'one peer, Canva'). The settings are joined by no-break
    spaces, so that a wrapped label keeps each setting whole (it may break after 'to')."""

    def end(value):
        return value[0] if isinstance(value, (tuple, list)) else value

    low, high = end(low), end(high)
    name, shown = TIMING_ROWS.get(assumption, (bare_label(assumption), ROW_FORMATS.get(assumption)))
    settings = span(shown(low), shown(high)) if shown else range_text(assumption, low, high)
    if low == high:  # 'Peer revenue multiple (one peer, Canva: 12.7x)', not '12.7x to 12.7x'
        settings = f"{single or 'one value'}: {settings}"
    opening = f"{name}: " if name.endswith("(shape") else f"{name} ("
    return f"{opening}{settings.replace(' ', NBSP).replace(f'{NBSP}to{NBSP}', f'{NBSP}to ')})"


NBSP = "\u00a0"


def tornado_names(rows: pd.DataFrame) -> list[str]:
    """Each tornado row's label (``setting_label``), a single value's reason from the row's ``single`` when given."""
    singles = rows["single"] if "single" in rows else pd.Series("", index=rows.index)
    return [
        setting_label(r.assumption, r.low_setting, r.high_setting, single)
        for r, single in zip(rows.itertuples(), singles, strict=True)
    ]


def tornado_short_names(rows: pd.DataFrame) -> list[str]:
    """Each tornado row's assumption without its settings (a phone's row name; the settings are in the table)."""
    return [assumption_name(a) for a in rows["assumption"]]


def assumption_name(assumption: str) -> str:
    """An assumption's name for readers, without its settings: the demo-timing model's in words ('How a demo's
    chance changes', never 'Weibull shape'), the others by their label."""
    return TIMING_ROWS.get(assumption, (bare_label(assumption), None))[0].removesuffix(" (shape")


DOWN_ROUND = RESULTS["p_down_round"].label  # the tornado table's chance, as declared
NONE_SURVIVES = "no outcome lasts to the analysis date"  # a setting at which the chance among survivors is undefined


def middle(rows: pd.DataFrame, headline: float | None) -> str:
    """The chance of a down round with every assumption at its middle setting, as the page reads it: where a tornado
    is drawn, its middle line (the table is the chart's data); where none is (no row moves it), the lead's
    (``headline``, the published chance: 'over 99%', never the tornado's smaller simulation's '100%' beside it)."""
    if headline is None or rows["swing"].gt(0).any():
        return about(float(rows["base"].iloc[0]))
    return shown("p_down_round", headline)


def tornado_table(rows: pd.DataFrame, headline: float | None = None) -> pd.DataFrame:
    """The tornado's data as a reader reads it: each assumption with its settings, and the chance of a down round at
    each (a setting at which no outcome lasts to the date of the analysis says so, never 0%); the middle settings'
    chance as the lead reads it (``middle``)."""

    def at(side: str) -> list[str]:
        gone = rows.get(f"none_{side}", pd.Series(False, index=rows.index))
        return [NONE_SURVIVES if none else about(x) for x, none in zip(rows[f"p_{side}"], gone, strict=True)]

    return pd.DataFrame(
        {
            "Assumption (low to high setting)": [name.replace(NBSP, " ") for name in tornado_names(rows)],
            f"{DOWN_ROUND} at the low setting": at("low"),
            f"{DOWN_ROUND} at the high setting": at("high"),
            f"{DOWN_ROUND} at the middle settings": [middle(rows, headline)] * len(rows),
        }
    )


def points_shown(base: float) -> str:
    """The least change the page shows in a chance near ``base`` (``shown_step``), in words: '1 point'."""
    step = shown_step(base) or 0.01
    return f"{step * 100:g} point{'' if step == 0.01 else 's'}"


def tornado_title(drawn: bool) -> str:
    """The tornado table's title: the chart's data when the chart is drawn, else the table alone."""
    what = "the chance of a down round with each assumption at its low and its high setting, one at a time"
    return f"The chart's data: {what}" if drawn else what[:1].upper() + what[1:]


def nothing_moves(rows: pd.DataFrame, headline: float | None = None) -> str:
    """In place of a tornado none of whose rows moves the chance of a down round as the page shows it (``swing``,
    ``operations.visible_swing``): the chart it would be, in words, its chance as the lead reads it (``middle``);
    '' when some row moves it (the chart is drawn)."""
    if rows["swing"].gt(0).any():
        return ""
    base = float(rows["base"].iloc[0])
    text = (
        f"No assumption, moved alone from its low to its high setting, changes the chance of a down round from "
        f"{middle(rows, headline)} by {points_shown(base)} or more, so there is no chart of what moves it; the table "
        "below gives each setting."
    )
    ended = [
        f"{ASSUMPTION_WORDS.get(r.assumption, bare_label(r.assumption).lower())} at its {side} setting"
        for r in rows.itertuples()
        for side in ("low", "high")
        if getattr(r, f"none_{side}", False)
    ]
    if ended:
        text += f" With {' or '.join(ended)}, {NONE_SURVIVES}: the data (Runway still operating) rule that setting out."
    return text


def model_settings_note(rows: pd.DataFrame) -> str:
    """The note under a tornado whose demo rows are the demo-timing model's draws (``from_model``), else ''."""
    if "from_model" not in rows or not rows["from_model"].any():
        return ""
    shape = "weibull_k" in set(rows["assumption"])
    return f"{MODEL_SETTINGS}{f' ({SHAPE_WORDS})' if shape else ''}."


def single_peer(multiple: dict) -> str:
    """Why the peer multiple is one value when it rests on one peer ('one peer, Canva'), else ''."""
    peers = multiple["peers"]
    if multiple["basis"] != "peers" or peers is None or len(peers) != 1:
        return ""
    return f"one peer, {peers['peer'].iloc[0]}"


#: The assumptions as table labels (the swings table shows them instead of their ids).
ASSUMPTION_LABELS = {name: assumption_name(name) for name in ASSUMPTION_WORDS}
METRIC_WORDS = {
    "p_miss_window": "missing the window",
    "p_cash_out_before_demo": "running out of cash first",
    "p_down_round": "a down round",
}
#: What every interval beside a chance is (the tornado, by contrast, moves one assumption at a time).
INTERVAL_WORDS = "5% to 95%, all assumptions drawn at once"
#: Under the charts: what each rests on, in words (the sources themselves are listed under each chart).
HEATMAP_NOTE = "Cash bounded by the capital Runway raised in its reported rounds; burn is an assumption (not public)."
DOWN_ROUND_NOTE = (
    "Post-money from Runway's rounds; revenue priced at the valuation page's peer multiples when a peer counts (else "
    "not priced) or at a multiple the reader states; haircut an assumption."
)
NO_RAISE = "No simulated outcome has to raise: revenue overtakes costs before the cash runs out in every one."


def about(p: float) -> str:
    """A simulated probability at the precision the collection publishes it (``demo_timing.round_probability``)."""
    return percent(round_probability(p), probability=True)


def window_chances(curve: pd.DataFrame, window) -> str:
    """The chance of a demo by the window's shortest and longest length, as one range: '2-5%' ('5%' when alike)."""
    by_start, by_end = (about(x) for x in demo_by_window_ends(curve, window))
    return by_end if by_start == by_end else probability_range(by_start, by_end)


def miss_words(summary: dict, window, curve: pd.DataFrame, counted: bool, n_sims: int) -> str:
    """P(miss the window) beside the demo chart, tied to the chart's curve: the chance left once a demo within the
    window (the curve at the window's ends, averaged over its length) is taken away."""
    miss = shown("p_miss_window", summary["p_miss_window"])
    simulated = shown("p_miss_window", summary["p_miss_window_simulated"])
    check = f"{n_sims:,} simulated outcomes give {simulated}"
    if counted:
        return f"{RESULTS['p_miss_window'].label}: **{miss}**; a credible demo is counted ({check})."
    by_start, by_end = (about(x) for x in demo_by_window_ends(curve, window))
    return (
        f"{RESULTS['p_miss_window'].label}: **{miss}**; a demo by month {window[0]:g} is {by_start} likely and by "
        f"month {window[1]:g} {by_end}, so with the window's length drawn between the two it falls within the window "
        f"in {roughly(about(1 - summary['p_miss_window']))} of outcomes and misses it in {miss} (from the curve; "
        f"{check})."
    )


def tornado_note(r: dict) -> str:
    """Under the tornado: a bar moves one assumption alone; the headline's range draws them all at once."""
    interval = r.get("p_down_round_interval")
    if interval is None:
        return "Each bar moves one assumption alone."
    low, high = (shown("p_down_round_interval", x) for x in interval)
    return (
        "Each bar moves one assumption alone from the middle line (every assumption at its middle setting); the "
        f"headline, {chance('p_down_round', r['p_down_round'], interval)}, draws all of them at once, so it need not "
        "sit on the line."
    )


def shown(rid: str, value) -> str:
    """A value of the published result ``rid`` as every page shows it (its declaration's precision)."""
    return format_value(RESULTS[rid], value)


def all_or_shown(rid: str, value: float) -> str:
    """A share of outcomes in words: 'all' when it is every one, else as its declaration shows it ('over 99%')."""
    return "all" if value == 1 else shown(rid, value)


def chance(metric: str, point: float, interval) -> str:
    """A probability with its 5-95% range: '35% (0-55%)', '81% (56% to over 99%)'; a range whose ends read as
    the point is left out."""
    if interval is None or shown(f"{metric}_interval", interval[0]) == shown(metric, point) == shown(
        f"{metric}_interval", interval[1]
    ):
        return shown(metric, point)
    low, high = (shown(f"{metric}_interval", x) for x in interval)
    return f"{shown(metric, point)} ({probability_range(low, high)})"


def _months(value: float) -> str:
    """Months since the window's start, as the published ``elapsed_months`` reads (without its unit)."""
    return shown("elapsed_months", value).removesuffix(" months")


# ---- the answer ----------------------------------------------------------------------------------


def event_words(event_id: str, events: dict | None) -> str:
    """An event in words (its description from data/events.csv up to the first semicolon), never its id."""
    if event_id in (events or {}):
        return described(events[event_id])
    return "the reader's override" if event_id == "override" else "an event in the ledger"


def demo_words(r: dict, short: bool = False) -> str:
    """What the ledger says about a demo under one setting (``r``: a headline's demo state, events in words);
    ``short``: claims pending confirmation counted, not named (a bullet under a headline that names them)."""
    if r.get("demo_override") is not None:
        return f"{'a' if r['demo_override'] else 'no'} credible demo is counted (the reader's override)"
    if r["demo_counted"]:
        date = f", {r['demo_counted_date']}" if r.get("demo_counted_date") else ""
        return f"a credible demo is counted ({r['demo_counted']}{date})"
    pending = r.get("pending_confirmation") or []
    if short and pending:
        return f"still no credible demo ({len(pending)} claim{'s' * (len(pending) > 1)} pending confirmation)"
    words = "; ".join(pending)
    return "no credible demo is counted" + (
        f" ({words}: pending confirmation, not a reported source)" if pending else ""
    )


def _differing(label: str, other: dict) -> str:
    already = " already" if other["demo_counted"] and other.get("demo_override") is None else ""
    words = demo_words(other, short=True).replace("a credible demo is counted", f"a credible demo is{already} counted")
    return (
        f"{label}: {words}; the window is missed in "
        f"{chance('p_miss_window', other['p_miss_window'], other['p_miss_window_interval'])}, a down round follows in "
        f"{chance('p_down_round', other['p_down_round'], other['p_down_round_interval'])}"
    )


def _flips(r: dict, assumptions: Assumptions | None, counted: bool) -> list[str]:
    flips = []
    if assumptions is not None and not counted and assumptions.demo_month is None:
        median = median_that_flips(assumptions)
        if median is not None:
            flips.append(
                f"missing the window becomes more likely than not if the median time to a credible demo is above "
                f"{round_sig(median):g} months from the window's start "
                f"(now {round_sig(assumptions.demo_median_months):g})"
            )
    other = r.get("other_evidence")
    if other and other["differs"]:
        miss = chance("p_miss_window", other["p_miss_window"], other["p_miss_window_interval"])
        if other.get("demo_counted") and not counted:
            flips.append(
                f"counting the unconfirmed '{other['demo_counted']}' as a demo would cut the "
                f"chance of missing the window to {miss}"
            )
        elif counted and not other.get("demo_counted"):
            label = _other_evidence_label(other)
            flips.append(
                f"{label[:1].lower() + label[1:]} no demo is counted and the window is missed in {roughly(miss)}"
            )
    if not flips:
        flips.append(
            "only a change to the counted demo's evidence would reopen the window"
            if counted
            else "a credible demo counted in the evidence ledger would meet the window"
        )
    return flips


def _other_evidence_label(other: dict) -> str:
    return "If estimated and disputed rows counted" if other["min_confidence"] == "any" else "With reported rows only"


def answer(
    r: dict, assumptions: Assumptions | None = None, sources: pd.DataFrame | None = None, weak: Sequence[str] = ()
) -> Answer:
    """The notebook's answer from its published results ``r``: how often cash runs out before a credible demo
    and the window is missed, with their ranges, and whether an unconfirmed demo claim is left out; the details
    carry the down round, the drivers and what the other evidence setting (``r["other_evidence"]``) and reading
    (``r["other_reading"]``) decide, when they change the headline (events are published in words, never by
    id); ``assumptions`` (the model's) let the flip say which median
    time to a demo makes missing the window more likely than not; ``weak``: the sourced inputs resting on aggregator
    pages alone (``operations.aggregator_inputs``), said beside the assumed burn."""
    window = f"{span(*(f'{end:g}' for end in r['window_months']))}-month"
    evidence = "reported evidence only" if r["min_confidence"] == "reported" else "estimated and disputed rows counted"
    miss = chance("p_miss_window", r["p_miss_window"], r["p_miss_window_interval"])
    cash_out = chance("p_cash_out_before_demo", r["p_cash_out_before_demo"], r["p_cash_out_before_demo_interval"])
    down = chance("p_down_round", r["p_down_round"], r["p_down_round_interval"])
    counted = bool(r.get("demo_override") or (r.get("demo_override") is None and r["demo_counted"]))
    if counted:
        text = (
            f"{demo_words(r).replace('a credible demo is counted', 'A credible demo is already counted')}, "
            f"so Runway meets the {window} window; it must still raise at a lower price (a down round) in "
            f"{roughly(down)} of modelled outcomes"
        )
    else:
        weak_words = f"; aggregator-sourced {', '.join(weak)}" if weak else ""  # the headline stays within 40 words
        text = (
            f"Without new money, cash runs out before a credible demo in {cash_out} of outcomes (assumed "
            f"burn{weak_words}); the {window} window is missed in {miss}"
        )
        if r.get("pending_confirmation") and r.get("demo_override") is None:
            text += ", excluding an unconfirmed claim"
    dropped = r.get("p_out_by_as_of") or 0.0
    details = [
        f"As of {r['as_of']} ({r['strictness']} reading, {evidence}) {demo_words(r)}; "
        + (
            f"{shown('p_out_by_as_of', dropped)} of the drawn outcomes are dropped, their cash already gone by then; "
            if dropped
            else ""
        )
        + f"in parentheses: {INTERVAL_WORDS}",
        down_round_terms(r, why=False),
    ]
    driven = [
        f"{METRIC_WORDS.get(m, m)} by {' and '.join(ASSUMPTION_WORDS.get(a, a) for a in d)}"
        for m, d in r["drivers"].items()
        if d
    ]
    unmoved = [METRIC_WORDS.get(m, m) for m, d in r["drivers"].items() if not d]
    if unmoved:  # the drivers' one rule (``operations.visible_swing``) finds none: said, as the chart and table do
        driven.append(f"none moves {' or '.join(unmoved)}")
    if r["drivers"]:
        details.append("Most moved (one at a time): " + "; ".join(driven))
    other = r.get("other_evidence")
    if other and other["differs"]:
        details.append(_differing(_other_evidence_label(other), other))
    reading = r.get("other_reading")
    if reading and reading["differs"]:
        details.append(_differing(f"Under the {reading['strictness']} reading", reading))
    numbers = [
        (RESULTS[key].label, key, f"{key}_interval")
        for key in ("p_miss_window", "p_cash_out_before_demo", "p_down_round")
    ]
    if not revenue_priced(r):
        numbers[2] = (f"{RESULTS['p_down_round'].label}, revenue not priced", *numbers[2][1:])
    optional = (
        ("Median months of cash at a constant net burn", "runway_months_median"),
        (RESULTS["p_must_raise"].label, "p_must_raise"),
    )
    numbers += [(label, key) for label, key in optional if r.get(key) is not None]
    empty = pd.DataFrame(columns=["source_url", "tier"])
    flip = "; ".join(_flips(r, assumptions, counted))
    return Answer(text, details[:5], numbers, flip, sourcing(sources if sources is not None else empty))


def down_round_terms(r: dict, why: bool = True) -> str:
    """Why P(down round) is what it is, from the model's own terms: how often Runway must raise, how often
    no demo has been shown by the raise, and how often revenue times the multiple stays below the post-money;
    without ``why`` (the answer's bullet: the body explains it), the chance alone."""
    down = chance("p_down_round", r["p_down_round"], r["p_down_round_interval"])
    if not why:
        return f"A down round (raising at a lower price) follows in {roughly(down)}" + (
            "" if revenue_priced(r) else f", {NOT_PRICED}"
        )
    if r.get("p_must_raise") is None:
        return f"A down round (raising at a lower price) follows in {roughly(down)}"
    if not r["p_must_raise"]:
        return f"A down round (raising at a lower price) follows in {roughly(down)}: {NO_RAISE}"
    raises = (
        f"Runway must raise before revenue covers costs in {shown('p_must_raise', r['p_must_raise'])} of outcomes; "
        f"of those raises, {all_or_shown('p_no_demo_at_raise', r['p_no_demo_at_raise'])} come with no credible demo "
        "shown "
        "(priced at the haircut)"
    )
    if not revenue_priced(r):  # revenue times no multiple: said, never a computed '100% below the post-money'
        return f"A down round (raising at a lower price) follows in {roughly(down)}, {NOT_PRICED}: {raises}"
    return (
        f"A down round (raising at a lower price) follows in {roughly(down)}: {raises} and in "
        f"{shown('p_revenue_below_post', r['p_revenue_below_post'])} revenue times the peer multiple stays below the "
        "post-money"
    )


#: Said beside the chance of a down round when no peer multiple counts (``peer_multiple_basis`` "not_priced").
NOT_PRICED = "with revenue not priced (every peer multiple rests on a figure only aggregator pages give)"


def revenue_priced(r: dict) -> bool:
    """Whether the raise's revenue case had a peer multiple to price it (a counted peer or a stated range)."""
    return r.get("peer_multiple_basis", "peers") != "not_priced"


def haircut_words(r: dict) -> str:
    """What the demo haircut does to a down round (the body's detail behind the answer's bullet)."""
    depth = shown("down_round_depth_median", r.get("down_round_depth_median") or 0.0)
    return f"The haircut sets how deep a down round goes (a median {depth} below the post-money), not how often"


def demo_model_words(r: dict, timing: dict) -> str:
    """The demo time's basis in words: notebook 03's model (its q and p_never) or the reader's override."""
    t = timing["timing"]
    claim = (
        shown("p_runway_demo_by_2027_06", r["p_runway_demo_by_2027_06"])
        if r.get("p_runway_demo_by_2027_06") is not None
        else None
    )
    if timing["draws"]:
        share = t.share
        basis = (
            f"{share.qualifying} of Runway's {share.releases} releases so far"
            if share.basis != "set by parameter"
            else "set by the reader"
        )
        share_range = probability_range(*(percent(x, probability=True) for x in round_interval(share.low, share.high)))
        text = (  # the parameter's range (drawn from) and the sample's 5% and 95% draws (the tornado's rows) apart
            "The demo time comes from the predictions page's model: releases at the reference class's pace, of which "
            f"{percent(round_probability(share.point), True)} qualify under the {esc(r['strictness'])} reading "
            f"({basis}; likely from {share_range}, a 90% interval), and a {percent(t.p_never)} chance that no demo "
            "ever comes (a judgement, "
            f"drawn from {span(percent(t.p_never_low), percent(t.p_never_high))}; "
            "the chart of what moves a down round shows its 5% and 95% draws)"
        )
    else:
        text = (
            f"The demo time is the reader's override: median {timing['median']:g} months given a demo comes, "
            f"shape {timing['k']:g}, a chance of {percent(timing['p_never'])} that no demo ever comes"
        )
    if claim is not None:
        text += f". It puts Runway's demo by 2027-06-30 at **{claim}**, as the predictions page does"
    return text + "."


# ---- the notebook's tables of text -------------------------------------------------------------


def openai_multiple(data, window_start: str) -> tuple[float | None, bool]:
    """OpenAI's post-money over its run-rate as known at the window's start (for comparison), and whether either
    figure rests on aggregator pages alone (said beside it, as every such figure is)."""
    from . import funding

    rounds, metrics = data.rounds, data.metrics
    caps = funding.latest_post_money(rounds[rounds["company_id"] == "openai"], window_start)
    arr = funding.known_by(
        metrics[(metrics["metric"] == "arr_usd") & (metrics["company_id"] == "openai")], window_start
    )
    if not len(caps) or not len(arr):
        return None, False
    run_rate = funding.latest_preferring_reported(arr)
    cited = pd.concat([rounds, metrics])
    tier = dict(zip(cited["source_url"], cited["source_tier"], strict=True))
    aggregator = "aggregator" in {tier.get(u) for u in (caps["source_url"].iloc[0], run_rate["source_url"].iloc[0])}
    # one run-rate figure: the ratio keeps the fewest significant figures of its two inputs
    return funding.supported_ratio(caps["post_money_usd"].iloc[0], run_rate["value"].iloc[0]), aggregator


def openai_multiple_words(data, window_start: str) -> str:
    """ "OpenAI's multiple: 36x (from aggregator pages)": the comparison, flagged as every such figure is."""
    value, aggregator = openai_multiple(data, window_start)
    return f"OpenAI's multiple: {ratio(value)}" + " (from aggregator pages)" * aggregator


#: An estimated run-rate beside the reported ones: it counts only when the rerun block includes estimates.
ESTIMATE_NOTE = " (an estimate: left out unless the rerun block counts estimates)"


def inputs_table(data, sourced: dict, window_start: str) -> pd.DataFrame:
    """The sourced inputs: Runway's capital, last round, valuation and run-rates, OpenAI's multiple; each with
    its source's link (the page shows its publisher), or in words where a figure sums or divides several."""
    openai, openai_aggregator = openai_multiple(data, window_start)
    rows = [
        ("Runway capital raised (counted rounds)", money(sourced["total_raised_usd"]), "reported",
         f"the sum of its {sourced['rounds_counted']} counted round{'' if sourced['rounds_counted'] == 1 else 's'} "
         "by the window's start, each with its source (Methods and data)"),
        (f"Last round ({sourced['last_round']}, {sourced['last_round_date']:%Y-%m-%d})",
         money(sourced["last_round_usd"]), "reported", sourced["last_round_source"]),
        ("Post-money valuation", f"{money(sourced['post_money_usd'])} ({sourced['post_money_as_of']})", "reported",
         sourced["post_money_source"]),
        *[(f"Runway {r.metric}, {r.as_of}" + (ESTIMATE_NOTE if r.confidence == "estimated" else ""), money(r.value),
           r.confidence, r.source_url) for r in runway_metrics(data).itertuples()],
        ("OpenAI post-money / run-rate", ratio(openai), "derived",
         "OpenAI's latest round and run-rate (Methods and data)" + " (from aggregator pages)" * openai_aggregator),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["input", "value", "confidence", "source"])


def runway_metrics(data) -> pd.DataFrame:
    """Runway's run-rate rows (and the run-rate added in a quarter) in data/company_metrics.csv."""
    m = data.metrics
    return m[m["metric"].isin(["arr_usd", "arr_added_usd"]) & (m["company_id"] == "runway")]


def brackets(burn, costs: pd.Series) -> str:
    """How a burn range stands to the costs it is set against: 'brackets them', 'lies below all of them', ..."""
    low, high = float(costs.min()), float(costs.max())
    if burn[0] <= low and high <= burn[1]:
        return "brackets them"
    if burn[1] < low or burn[0] > high:
        return f"lies {'below' if burn[1] < low else 'above'} all of them"
    if burn[0] > low and high > burn[1]:
        return "lies between them"
    return f"leaves out the {'lowest' if burn[0] > low else 'highest'}"


def assumptions_table(a: Assumptions, p: dict, world: dict, cash_high: float, events: dict) -> pd.DataFrame:
    """Every assumption of the model, its value and how it is drawn."""
    demo, arr = world["state"], world["arr"]
    cash_usd, burn = p["cash_usd"], p["net_burn_monthly_usd"]
    if demo["demo_month"] is not None:
        demo_time = f"counted: {event_words(demo['demo_event'], events)} (month {_months(demo['demo_month'])})"
    else:
        basis = "the predictions page's model" if a.timing_draws else "override"
        demo_time = (
            f"median {round_sig(a.demo_median_months):g} months given one comes, shape {a.weibull_k:.2g}, "
            f"no demo ever: {percent(a.p_never)} ({basis}), given none by month {_months(a.elapsed_months)}"
        )
    cash_from = "uniform; from data" if cash_usd is None else "uniform; set by parameter"
    if cash_usd is not None and cash_usd[1] > cash_high:
        cash_from += " (high capped)"
    arr_from = f"uniform; from {arr['low_from']} to {arr['high_from']}" if p["arr_usd"] is None else None
    rows = [
        # cash and run-rate as their declared results show them everywhere ('$210M', not '$212M' here only)
        ("cash at the window's start", span(*(shown("cash_usd_at_start", x) for x in a.cash_usd)), cash_from),
        ("net burn per month at the start", span(money(burn[0]), money(burn[1])), "uniform"),
        ("run-rate at the window's start", span(*(shown("arr_usd_at_start", x) for x in a.arr_usd)),
         arr_from or "uniform; set by parameter"),
        ("run-rate growth per year", percent(p["arr_growth_annual"]), "constant"),
        ("cost growth per year", percent(p["cost_growth_annual"]), "constant"),
        ("demo window", f"{span(*(f'{end:g}' for end in p['window_months']))} months", "uniform"),
        ("time to a credible demo", demo_time,
         "from the ledger" if p["existing_demo_counts"] is None else "set by override"),
        ("haircut on a missed window",
         span(percent(p["correction_if_miss"][0]), percent(p["correction_if_miss"][1])), "uniform"),
        ("peer revenue multiple at a raise",
         peer_multiple_setting(a, world["multiple"]),
         "uniform; " + peer_multiple_words(world["multiple"], p["as_of"], p["min_confidence"])),
        ("cash left when raising", f"{p['raise_lead_months']:g} months", "fixed"),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["assumption", "value", "distribution"])


def paid_words(paid: dict | None, r: dict) -> str:
    """The multiple the round paid, as notebook 06 states it: at the round's date, on the run-rate then."""
    if paid is None:
        return "No multiple is implied: no reported run-rate precedes the round known at the window's start."
    from .valuation_words import MONEY, TIMES, ends

    rnd, at_round = paid["round"], paid["at_round"]
    return (
        f"The {esc(rnd['round'])} at {money(rnd['valuation_usd'])} ({rnd['as_of']}) paid "
        f"**{ends(TIMES, r['implied_revenue_multiple_interval'])}** Runway's run-rate on that date, estimated at "
        f"{ends(MONEY, (at_round['low'], at_round['high']))} (as the valuation page estimates it, by the same rule)."
    )


def peer_multiple(value: float) -> str:
    """A peer revenue multiple by its declaration (``peer_revenue_multiple``), as notebook 06 shows the same
    peers' multiples: two significant figures, 'Canva 13x' on both pages."""
    return multiple(value, RESULTS["peer_revenue_multiple"].digits, trim=True)  # a setting of 6 reads '6x'


def ratio_range(pair) -> str:
    """A peer multiple's range as shown ('10x to 30x', ``span``): one figure when its ends read alike."""
    return span(peer_multiple(pair[0]), peer_multiple(pair[1]))


def peer_multiple_setting(a: Assumptions, multiple: dict) -> str:
    """The peer multiple a raise is priced at ('10x to 30x'), or 'not priced' when no peer counts."""
    return "not priced" if multiple["basis"] == "not_priced" else ratio_range(a.peer_revenue_multiple)


def peer_multiple_words(multiple: dict, as_of: str, min_confidence: str) -> str:
    """Where the peer multiple comes from: the reader's range, the peers it rests on (each with its multiple and
    how thin the class is), or the rule when no peer counts at as_of. Plain text (``esc`` it for Markdown)."""
    counted = "aggregator-only figures counted" if min_confidence == "any" else "aggregator-only figures left out"
    if multiple["basis"] == "parameter":
        return "set in the rerun block (peer revenue multiple), not the valuation page's comparables"
    where = f"the valuation page's private AI video and creative peers known by {as_of} ({counted})"
    if multiple["basis"] == "not_priced":
        return f"no peer counts among {where}: the revenue case is not priced, only the thesis case"
    peers = multiple["peers"]
    each = "; ".join(
        f"{r.peer} {ratio_range((r.low, r.high))}" + (f" ({r.reports} reports)" if r.reports > 1 else "")
        for r in peers.itertuples(index=False)
    )
    thin = "one peer only: a thin basis" if len(peers) == 1 else f"{len(peers)} peers"
    return f"lowest to highest of {where}: {each}; {thin}"


def grid_table(grid: pd.DataFrame) -> pd.DataFrame:
    """A cash x burn grid as shown: money labels on both axes."""
    out = grid.copy()
    out.index = pd.Index([shown("cash_usd_at_start", c) for c in grid.index], name="cash_usd")
    out.columns = [money(b) for b in grid.columns]
    return out


def quantiles_table(prices: np.ndarray) -> pd.DataFrame:
    """Quantiles of the price at the raise, at two significant figures (empty when no outcome raises)."""
    levels = [0.05, 0.25, 0.5, 0.75, 0.95]
    values = np.quantile(prices, levels) if len(prices) else []
    shown_prices = [money(round_sig(v)) for v in values]
    index = pd.Index(["5%", "25%", "50%", "75%", "95%"][: len(shown_prices)], name="quantile")
    return pd.DataFrame({"price at the raise": shown_prices}, index=index)


def evidence_table(p: dict, chosen: dict, other: dict) -> pd.DataFrame:
    """The headline with the chosen evidence setting and the other one, in words (the counted demo's
    description as published, never its event id)."""

    def column(r: dict) -> list[str]:
        demo = r["demo_counted"] or "none"
        return [demo, *(chance(m, r[m], r[f"{m}_interval"]) for m in METRICS)]

    return pd.DataFrame(
        {
            f"min_confidence={p['min_confidence']} (chosen)": column(chosen),
            f"min_confidence={other['min_confidence']}": column(other),
        },
        index=pd.Index(["Demo counted", *(f"Chance of {METRIC_WORDS[m]}" for m in METRICS)], name="metric"),
    )


# ---- the notebook's sentences -------------------------------------------------------------------


@dataclass(frozen=True)
class Sentences:
    """Every sentence the notebook shows between its tables and charts (Markdown, data escaped)."""

    note: str  # as_of after the data snapshot, else ""
    run: str  # the run in one line: window, as_of, simulations, seed
    burn_context: str
    grid: str
    demo_state: str
    demo_note: str  # the demo chart's source note
    simulation: str  # P(miss the window) from the demo chart's curve, and the other chances
    tornado_note: str  # under the tornado: one assumption at a time, not the headline's range
    demo_model: str  # the demo time's basis: notebook 03's model or the override
    why: str  # why P(down round) is what it is, from the model's terms
    multiple: str
    advice: str
    flows: str


def growth_ranges_words(a: Assumptions, carried: list) -> str:
    """Why the run-rate growth tested here is not the valuation page's range: two inputs, two questions."""
    from .operations import sensitivity_ranges
    from .valuation_words import SHARE, ends

    tested = ends(SHARE, sensitivity_ranges(a)["arr_growth_annual"])
    return (
        f"Revenue growth a year is tested from {tested} (the setting of {percent(a.arr_growth_annual)}, halved "
        f"and raised by half) after the window's start; the valuation page's {ends(SHARE, carried)} is the growth to "
        "an exit, used here only to carry earlier run-rates to the window's start."
    )


def sentences(
    data,
    p: dict,
    a: Assumptions,
    months: pd.DataFrame,
    alive: pd.DataFrame,
    world: dict,
    summary: dict,
    r: dict,
    events: dict,
    curve: pd.DataFrame,
) -> Sentences:
    """Every sentence the notebook shows between its tables and charts."""
    costs = data.metrics[data.metrics["metric"] == "product_cost_monthly_usd"]
    burn = p["net_burn_monthly_usd"]
    arr_mid = float(np.mean(a.arr_usd))
    arr_low, arr_high = r["arr_usd_at_start"]
    note = (
        f"**Note:** the date of the analysis ({esc(p['as_of'])}) is after the data snapshot ({SNAPSHOT_DATE}). "
        "Events after the snapshot are not in the data, so the state past it assumes that nothing else happened."
    )
    return Sentences(
        note=note if pd.Timestamp(p["as_of"]) > pd.Timestamp(SNAPSHOT_DATE) else "",
        run=f"window from {p['window_start']}; as_of {p['as_of']} ({_months(a.elapsed_months)} months in); "
        f"{p['n_sims']} simulations, seed {p['seed']}",
        burn_context=f"Burn context only (not Runway's): reported running costs of OpenAI's Sora ranged from "
        f"**{money(round_sig(costs['value'].min()))}** to **{money(round_sig(costs['value'].max()))}** a month "
        f"({len(costs)} single sources, flagged {esc(', '.join(sorted(set(costs['confidence']))))}). The burn range "
        f"used here, {span(money(burn[0]), money(burn[1]))} a month, {brackets(burn, costs['value'])}.",
        grid=f"At constant burn, the grid runs from **{months.values.min():.0f}** to "
        f"**{months.values.max():.0f} months** of cash. With a run-rate at the window's start of "
        f"{shown('arr_usd_at_start', arr_mid)} (the middle of "
        f"{span(shown('arr_usd_at_start', arr_low), shown('arr_usd_at_start', arr_high))}) growing "
        f"{percent(a.arr_growth_annual)} a year and costs growing {percent(a.cost_growth_annual)}, revenue overtakes "
        f"costs before the cash is gone in **{int(np.asarray(alive).sum())} of {alive.size}** cells.",
        demo_state=demo_state_text(p, world["state"], a.elapsed_months, events),
        demo_note=(
            "Demo time: the demo-timing model of the predictions page"
            if a.timing_draws
            else "Demo time: the median time to a demo the reader set"
        )
        + f", given no demo by the date of the analysis ({p['as_of']}); window: the article's.",
        demo_model=demo_model_words(r, world["timing"]),
        why=down_round_terms(r) + ". " + haircut_words(r) + ". " + out_by_as_of_words(r),
        simulation=miss_words(summary, p["window_months"], curve, a.demo_month is not None, p["n_sims"])
        + f" {RESULTS['p_cash_out_before_demo'].label}: "
        f"**{shown('p_cash_out_before_demo', summary['p_cash_out_before_demo'])}**. The median runway at "
        f"constant burn is **{shown('runway_months_median', r['runway_months_median'])}** from the window's start.",
        multiple=f"{growth_ranges_words(a, p['revenue_growth'])}\n\n"  # two inputs of growth: why they differ
        f"{paid_words(world['paid'], r)} The model starts from the run-rate at the window's start, "
        f"{span(shown('arr_usd_at_start', arr_low), shown('arr_usd_at_start', arr_high))} (peer multiple at a "
        f"raise: {esc(peer_multiple_setting(a, world['multiple']))}, "
        f"{esc(peer_multiple_words(world['multiple'], p['as_of'], p['min_confidence']))}; "
        f"{openai_multiple_words(data, p['window_start'])}).",
        tornado_note=tornado_note(r),
        advice=advice(r),
        flows=flow_caveats(data),
    )


def out_by_as_of_words(r: dict) -> str:
    """How many outcomes were dropped because their assumed cash would already have run out by the analysis date
    (the data show Runway still operating), and that every chance is over the others."""
    share = r.get("p_out_by_as_of") or 0.0
    if not share:
        return "No outcome's cash runs out before the date of the analysis, so none is dropped."
    return (
        f"In {shown('p_out_by_as_of', share)} of the drawn outcomes cash would have run out before the date of "
        "the analysis, which the data contradict (no new round, no shutdown): those outcomes are dropped."
    )


def demo_state_text(p: dict, state: dict, elapsed: float, events: dict) -> str:
    """Where the world stands on ``as_of``: the counted demo, or none, and what is pending confirmation."""

    def named(e: str) -> str:
        return "the override" if e == "override" else described(events[e]) if e in events else e

    text = (
        f"As of **{esc(p['as_of'])}** ({_months(elapsed)} months after the window's start, {esc(p['strictness'])} "
        f"reading, minimum confidence: {esc(p['min_confidence'])}): "
    )
    if state["demo_month"] is not None:
        text += (
            f"a credible demo is counted (**{esc(named(state['demo_event']))}**, month {_months(state['demo_month'])})."
        )
    else:
        text += "**no credible demo is counted**."
        earlier = state.get("earlier") or []
        if earlier:  # 03 calls the claim ambiguous for it: said here, so the two pages give one answer
            text += (
                f" A demo before the claim was made qualifies under this reading "
                f"(**{esc('; '.join(named(e) for e in earlier))}**): the predictions page calls the claim ambiguous "
                "for it, and it starts no window here."
            )
    if state["pending"] and p["min_confidence"] == "reported":
        text += (
            " Pending confirmation (they would count if estimated, disputed and aggregator-only events counted): "
            f"**{esc('; '.join(named(e) for e in state['pending']))}**."
        )
    if p["existing_demo_counts"] is not None:
        text += " (Set by the reader's override of whether a demo is counted.)"
    return text


def advice(r: dict) -> str:
    """What a developer on Runway's API should take from the results."""
    cash_out, cash_high = r["p_cash_out_before_demo"], r["p_cash_out_before_demo_interval"][1]
    miss, (miss_low, miss_high) = r["p_miss_window"], r["p_miss_window_interval"]
    must_raise = (
        "This assumes no new money."
        if r.get("p_must_raise") is None
        else f"This assumes no new money: Runway must raise before revenue covers its costs in "
        f"{roughly(shown('p_must_raise', r['p_must_raise']))} of outcomes, and a raise would move the cash-out date."
    )
    if cash_high >= 0.10:
        vendor = (
            f"- **Vendor failure is a real risk**: without new money, cash runs out before a credible demo in "
            f"{roughly(shown('p_cash_out_before_demo', cash_out))} of outcomes (up to "
            f"{shown('p_cash_out_before_demo', cash_high)} over the assumptions). {must_raise} Keep a second video "
            "provider integrated, not just evaluated."
        )
    else:
        vendor = (
            "- **Runway is unlikely to run out of cash first** without new money: at most "
            f"{shown('p_cash_out_before_demo', cash_high)} of outcomes over the assumptions. {must_raise}"
        )
    if miss >= cash_out:
        miss_range = probability_range(shown("p_miss_window", miss_low), shown("p_miss_window", miss_high))
        pressure = (
            f"- **The pressure is strategic**: the window is missed in {roughly(shown('p_miss_window', miss))} of "
            f"outcomes ({miss_range}), and {roughly(shown('p_down_round', r['p_down_round']))} of outcomes end in "
            "a forced raise below the post-money (a down round). A company under "
            "that pressure pushes its roadmap toward the world-model demo the article expects."
        )
    else:
        pressure = (
            f"- **The window is the lesser risk**: it is missed in {roughly(shown('p_miss_window', miss))} of "
            f"outcomes, against {roughly(shown('p_cash_out_before_demo', cash_out))} in which cash runs out before a "
            "demo."
        )
    portable = (
        "- **So plan for the platform to move**: keep prompts, assets and pipelines portable across video APIs, pin "
        "model versions where the API allows, and treat simulation-oriented features as the direction of travel "
        "rather than a stable contract."
    )
    return "\n".join([vendor, pressure, portable])


def flow_caveats(data) -> str:
    """The run-rate added in a quarter: shown, not used (a flow reported before the quarter ended)."""
    rows = runway_metrics(data)
    return "\n".join(
        f"- The {money(r.value)} of net run-rate added in the quarter reported in {esc(r.as_of)} "
        f"({source_link(r.source_url, r.as_of, data.aggregator_sources)}) is a flow reported before the quarter "
        "ended, possibly a target: shown, not used."
        for r in rows[rows["metric"] == "arr_added_usd"].itertuples()
    )
