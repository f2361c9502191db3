"""The words of the winners and losers notebook: its answer and the sentence under each section.

Every number in a sentence is formatted by the declaration of the result it restates (``winners.RESULTS``),
so a result reads the same in the answer, the sections and every page. Section sentences are Markdown
(data text escaped with ``esc``); the answer's sentences are plain text."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..present.labels import a_chance, listed, mid_sentence, prose, span
from ..present.report import esc, sourcing
from ..results import Answer, format_value
from .winners import RESULTS, SHARE_STEP, dominators, lead_points, round_share, total_points, whole_points

POINTS = RESULTS["total_score"]
SHARE = RESULTS["rank_first_share"]
P_THESIS = RESULTS["p_thesis"]
BREAK_EVEN = RESULTS["break_even_p"]
WEIGHT = RESULTS["verdict_robustness"].field("flip").field("to")  # type: ignore[union-attr]

VIEW_WORDS = {"article": "the article's own scores", "sourced": "sourced scores"}
VIEW_CELLS = {v: w[:1].upper() + w[1:] for v, w in VIEW_WORDS.items()}  # a table's cell: 'The article's own scores'

OUTCOME_WORDS = (
    ("holds", "hold"),
    ("holds (tied)", "hold only as a tie"),
    ("untestable", "cannot be tested"),
    ("fails", "fail"),
)


def outcome_counts(outcomes) -> str:
    """'2 hold, 1 holds only as a tie, 1 cannot be tested, 1 fails': a tie and an untestable verdict are never
    counted as holding."""
    counts = pd.Series(list(outcomes)).value_counts()
    singular = {"hold": "holds", "hold only as a tie": "holds only as a tie", "fail": "fails"}
    parts = []
    for outcome, words in OUTCOME_WORDS:
        n = int(counts.get(outcome, 0))
        if n:
            parts.append(f"{n} {singular.get(words, words) if n == 1 else words}")
    return ", ".join(parts)


def dimension_words(dimension: str, labels: dict | None = None) -> str:
    """A dimension as a reader reads it, mid-sentence: 'API availability', 'video quality'."""
    label = (labels or {}).get(dimension) or str(dimension).replace("_", " ")
    first = label.split(" ")[0]
    return label if first.isupper() and len(first) > 1 else label[0].lower() + label[1:]


def _on_aggregators(pending: pd.Series | None, company: str | None = None) -> tuple[int, int]:
    """(levels resting on aggregator pages alone, levels) in ``pending`` (per level, by company id: whether it rests
    on an aggregator's page alone, ``winners.aggregator_only``), of one ``company``'s levels if given."""
    if pending is None:
        return 0, 0
    mine = pending if company is None else pending[pending.index == company]
    return int(mine.sum()), len(mine)


def aggregator_levels(pending: pd.Series | None) -> str:
    """'12 of 15 levels from aggregator pages alone', or '' when no level rests on aggregator pages alone."""
    n, of = _on_aggregators(pending)
    return f"{n} of {of} levels from aggregator pages alone" if n else ""


def view_words(views: dict, view: str, joiner: str = " (") -> str:
    """A view as a reader reads it, labelled when some of its levels rest on aggregator pages alone: 'sourced
    scores (12 of 15 levels from aggregator pages alone)'; with ``joiner=', '`` inside a parenthesis already open."""
    note = aggregator_levels(views[view].get("pending"))
    if not note:
        return VIEW_WORDS[view]
    return f"{VIEW_WORDS[view]}{joiner}{note}{')' if joiner == ' (' else ''}"


def aggregator_sentence(views: dict, view: str, pending: str = ", pending confirmation") -> str:
    """Said under a section on the chosen view when it rests on aggregator pages: ' Sourced scores: 12 of 15 levels
    from aggregator pages alone, pending confirmation.' (a chart's note: ``pending=''``, shorter), or ''."""
    note = aggregator_levels(views[view].get("pending"))
    return f" {VIEW_CELLS[view]}: {note}{pending}." if note else ""


def cannot_settle(views: dict, names: dict) -> str:
    """Why sourced scores decide nothing alone (as notebook 06 says it of its multiples): 'Sourced scores cannot
    settle this: 12 of their 15 levels rest on aggregator pages alone, pending confirmation (4 of Google
    (Alphabet)'s 5, the company they put first most often)', or '' when none does."""
    pending = views["sourced"].get("pending")
    n, of = _on_aggregators(pending)
    if not n:
        return ""
    share = views["sourced"].get("share")
    top = share.idxmax() if share is not None else "runway"
    theirs, levels = _on_aggregators(pending, top)
    whose = f" ({theirs} of {names.get(top, top)}'s {levels}, the company they put first most often)" if theirs else ""
    rest = f"{n} of their {of} levels rest on aggregator pages alone, pending confirmation"
    return f"Sourced scores cannot settle this: {rest}{whose}"


def weight_move(weight_now: float, flip_weight: float) -> str:
    """'from 20% to 24%': a single weight's move, in the declared precision of a weight."""
    return f"from {format_value(WEIGHT, weight_now)} to {format_value(WEIGHT, flip_weight)}"


def _pivot(views: dict, view: str) -> pd.Series:
    return views[view]["robust"].set_index("verdict_id").loc["runway_pivot"]


# ---- the answer -----------------------------------------------------------------------------------


def first_share(views: dict, view: str, names: dict) -> str:
    """How often Runway comes first, in words: 'first in about 40% of random weightings', 'never first (...)'.

    With the view's "scores", a share of exactly none is said as never, naming who is at least level."""
    share = float(_pivot(views, view)["share_holds"])
    above = dominators(views[view]["scores"], "runway") if "scores" in views[view] else []
    if share == 0 and above:
        level = " and ".join(names.get(c, c) for c in above)
        return f"never first ({level} {'is' if len(above) == 1 else 'are'} at least level on every dimension)"
    if share > 0 and round_share(share) == 0:
        return f"first in under {format_value(SHARE, SHARE_STEP / 2)} of random weightings"
    return f"first in about {format_value(SHARE, round_share(share))} of random weightings"


def flip_words(views: dict, view: str, labels: dict | None = None) -> str:
    r = _pivot(views, view)
    verb = "take" if r["outcome"] == "fails" else "lose"
    if pd.isna(r["flip_weight"]):
        return f"on {view_words(views, view)} no single weight change makes Runway {verb} the lead"
    return (
        f"Runway would {verb} the lead on {view_words(views, view)} if the weight of "
        f"{dimension_words(r['flip_dimension'], labels)} moved {weight_move(r['weight_now'], r['flip_weight'])}"
    )


#: Share of random weightings at or above which a verdict "holds across weightings" (and at or below 1 minus it,
#: fails across them); between the two it depends on the weights.
ACROSS = 0.95


def robust_verdict(shares: dict[str, float]) -> str:
    """The main verdict by how often Runway is first in each view (shares of random weightings), never by one
    weighting: 'Its main verdict holds across weightings and views', 'Not its main verdict in most weightings'..."""
    values = list(shares.values())
    if all(s >= ACROSS for s in values):
        return "Its main verdict holds across weightings and views"
    if all(s <= 1 - ACROSS for s in values):
        return "Not its main verdict under almost any weighting"
    if all(s < 0.5 for s in values):
        return "Not its main verdict in most weightings"
    if all(s > 0.5 for s in values):
        return "Its main verdict in most weightings"
    return "Its main verdict depends on the view"


#: A verdict across weightings that Runway's lead under the chosen weights would contradict, said as a limit on it.
ONLY_HERE = {
    "Not its main verdict in most weightings": "but not in most weightings",
    "Not its main verdict under almost any weighting": "but under almost no other weighting",
}


def share_words(share: float, whole: str = " of random weightings") -> str:
    """'in about 40% of random weightings', 'in none', 'in under 2.5% of random weightings', 'in every random
    weighting', 'in almost all': one wording of a share wherever 02 says it (its sentences and its chart)."""
    if share == 0:
        return "in no random weighting" if whole else "in none"
    if share >= 1:
        return "in every random weighting" if whole else "in all"
    if round_share(share) == 0:
        return f"in under {format_value(SHARE, SHARE_STEP / 2)}{whole}"
    if round_share(share) >= 1:
        return "in almost every random weighting" if whole else "in almost all"
    return f"in about {format_value(SHARE, round_share(share))}{whole}"


def view_clause(views: dict, view: str, names: dict, whole: str = " of random weightings") -> str:
    """Runway's share of random weightings in one view, with the company most often first when not Runway:
    'in about 40% of random weightings on the article's own scores (OpenAI in about 60%)'."""
    runway = float(_pivot(views, view)["share_holds"])
    notes = [aggregator_levels(views[view].get("pending"))]
    share = views[view].get("share")  # every company's share; without it, Runway's alone
    if share is not None and share.idxmax() != "runway":
        top = share.idxmax()
        notes.append(f"{names.get(top, top)} {share_words(float(share.max()), '')}")
    said = "; ".join(n for n in notes if n)
    return f"{share_words(runway, whole)} on {VIEW_WORDS[view]}{f' ({said})' if said else ''}"


def winners_finding(
    view: str,
    chosen_weights: bool,
    views: dict,
    names: dict,
    labels: dict | None = None,
    sources: pd.DataFrame | None = None,
) -> Answer:
    """The notebook's answer, led by what holds across weightings and views, never by one weighting: how often
    Runway (and the company most often first) comes first under random weightings in each view, and how many
    verdicts hold in each; with chosen weights, who leads under them comes last. The details give each view's
    leader at the chosen weights, counts and robustness; the flip is the nearest single weight.

    ``views`` maps view name -> {"leader", "robust"} (``verdict_robustness`` output) and optionally "scores"
    and "share" (every company's share of random weightings; without it the sentence names Runway's alone).
    Key numbers name the results ``winners.analyse`` publishes."""
    other = "sourced" if view == "article" else "article"
    main = _pivot(views, view)
    n, of = _on_aggregators(views["sourced"].get("pending"))
    unsettled = f"{n} of {of} from aggregator pages" if n else ""  # short: a headline is 40 words at most
    decides = ("article",) if unsettled else (view, other)  # aggregator-only levels never decide a headline alone
    verdict = robust_verdict({v: float(_pivot(views, v)["share_holds"]) for v in decides})
    counts = f"Runway is first {view_clause(views, decides[0], names)}"
    if unsettled and view == "sourced":  # the chosen view first: it cannot settle it, the article's scores do
        counts = f"sourced scores cannot settle it ({unsettled}); {counts}"
    elif unsettled:
        counts += f"; sourced scores cannot settle it ({unsettled})"
    else:
        counts += f" and {view_clause(views, other, names, whole='')}"
    finding = f"{verdict}: {counts}"
    leading = views[decides[0]]["leader"]
    if chosen_weights and leading == "runway" and verdict in ONLY_HERE:  # never 'Not...; Runway leads'
        finding = f"Runway leads under the chosen weights, {ONLY_HERE[verdict]}: {counts}"
    elif chosen_weights:  # the reader's own weighting, after what holds across all of them
        though = ", though," if leading != "runway" and verdict.startswith("Its main verdict") else ""
        finding += f"; under the chosen weights{though} {names[leading]} leads"
    weights = "the chosen weights" if chosen_weights else "equal weights"
    details = [
        f"On {view_words(views, v)} with {weights} {names[views[v]['leader']]} leads and Runway is "
        f"{first_share(views, v, names)}; of the article's {len(views[v]['robust'])} verdicts "
        f"{outcome_counts(views[v]['robust']['outcome'])}"
        for v in (view, other)
    ]
    if unsettled:
        details.insert(
            details.index(next(d for d in details if d.startswith("On sourced"))), cannot_settle(views, names)
        )
    details.append(
        "Each stakeholder's payoff is conditional on the world-model thesis (see the sweep over its probability)"
    )
    numbers = [
        (
            f"Verdicts that hold ({view_words(views, v, ', ').removeprefix('the ')})",
            f"verdicts_holding.{v}",
            "verdict_count",
        )
        for v in (view, other)
    ]
    numbers += [
        (
            f"Runway first in random weightings ({view_words(views, v, ', ').removeprefix('the ')})",
            f"rank_first_share_by_view.{v}.runway",
        )
        for v in (view, other)
    ]
    if pd.notna(main["flip_weight"]):
        dimension = dimension_words(main["flip_dimension"], labels)
        numbers.append(
            (
                f"Weight of {dimension} that flips the main verdict "
                f"({format_value(WEIGHT, main['weight_now'])} in this scenario)",
                f"verdict_robustness.{view}.runway_pivot.flip.to",
            )
        )
    flip = f"{flip_words(views, view, labels)}; {flip_words(views, other, labels)}"
    empty = pd.DataFrame(columns=["source_url", "tier"])
    return Answer(finding, details, numbers, flip, sourcing(sources if sources is not None else empty))


# ---- the sentence under each section (Markdown) ----------------------------------------------------


def settings_line(view: str, weights: pd.Series, p_thesis: float, labels: dict | None = None) -> str:
    """'Settings: the article's own scores; weights: funding 20%, ...; probability of the thesis 40%.'"""
    shown = ", ".join(f"{dimension_words(d, labels)} {format_value(WEIGHT, w)}" for d, w in weights.items())
    p = format_value(P_THESIS, p_thesis)
    return f"Settings: {esc(VIEW_WORDS[view])}; weights: {esc(shown)}; probability of the thesis {p}."


def verdicts_caption(scores: str) -> str:
    """'The article's verdicts against sourced scores (12 of 15 levels from aggregator pages alone)'."""
    return f"The article's verdicts against {scores}"


def funding_caption(span: tuple[str, str]) -> str:
    return (
        f"How each company's funding is measured: capital it can deploy from {span[0]} to {span[1]} (one span for "
        "every company), never a market cap"
    )


def thesis_chance(p_thesis: float) -> str:
    """The chosen probability of the thesis in words: 'a 40% chance the thesis comes true'."""
    return f"{a_chance(format_value(P_THESIS, p_thesis))} the thesis comes true"


def payoffs_caption(p_thesis: float) -> str:
    return f"The chart's data: payoffs, break-even and expected payoff at {thesis_chance(p_thesis)}"


#: Weights in tables as in sentences: a share of the total weight, in percent.
WEIGHT_COLUMNS = {c: (lambda value: format_value(WEIGHT, value)) for c in ("weight_now", "flip_weight", "distance")}


#: Beside a sourced level resting on an aggregator's page alone, in the levels' and the judgements' tables.
PENDING = "aggregator pages alone: pending confirmation"


def levels_moved(changed: int, cells: int, pending: int = 0) -> str:
    """How many cells the sourced facts move, then how many sourced levels rest on aggregator pages alone (pending
    confirmation, as the predictions page treats such evidence: they decide nothing alone)."""
    moved = f"The sourced facts move **{changed} of {cells}** cells of the article's table to another level"
    if not pending:
        return f"{moved}."
    return (
        f"{moved}; **{pending} of {cells}** sourced levels rest on aggregator pages alone and are pending "
        "confirmation, as the predictions page treats such evidence: they decide nothing alone."
    )


def leader_sentence(total: pd.Series, names: dict, verdict_outcomes, level: tuple[int, int]) -> str:
    """Who leads on the weighted total and by how much (``lead_points``: the margin rounded once), how that
    compares with one level of the scales (``level``: its smallest and largest worth in points), and how the
    article's verdicts fare."""
    ranked = total.sort_values(ascending=False, kind="stable")
    shown = ranked.map(lambda v: f"{total_points(v):g}")  # one decimal, as the chart and the tables show them
    one_level = f"one level is {span(*map(str, level))} points"
    lead = f"With these weights **{esc(names[ranked.index[0]])}** leads with about **{shown.iloc[0]}** points"
    gap = lead_points(ranked) if len(ranked) > 1 else None
    if gap == 0:
        lead = (
            f"With these weights **{esc(names[ranked.index[0]])}** and **{esc(names[ranked.index[1]])}** tie at "
            f"about **{shown.iloc[0]}** points ({one_level})"
        )
    elif gap is not None:
        lead += f", about {gap:g} point{'s' if gap != 1 else ''} ahead of {esc(names[ranked.index[1]])} ({one_level})"
    outcomes = list(verdict_outcomes)
    return f"{lead}. Of the article's {len(outcomes)} verdicts: **{esc(outcome_counts(outcomes))}**."


def fragile_sentence(fragile: pd.DataFrame, labels: dict | None = None) -> str:
    """How many pairwise orders are fragile, and the weight move that flips each."""
    pairs = fragile[fragile["fragile"]]
    moves = " ".join(
        f"{esc(r.leader)} over {esc(r.follower)} flips if the weight of {esc(dimension_words(r.dimension, labels))} "
        f"moves {weight_move(r.weight_now, r.flip_weight)}."
        for r in pairs.itertuples()
    )
    return f"**{len(pairs)} of {len(fragile)}** pairwise orders are fragile. {moves}".strip()


def swing_range(low: float, high: float) -> str:
    """The leader's margin with an input moved down and up: both ends at one precision, in the order the input
    moves ('from 11.0 down to -3.2 points', never '11 to -3.2 points'), to one decimal as the totals are shown."""
    shown_low, shown_high = (f"{total_points(x) + 0.0:.1f}" for x in (low, high))  # + 0.0: never '-0.0'
    return f"from {shown_low} {'down' if high < low else 'up'} to {shown_high} points"


def swing_sentence(tornado: pd.DataFrame) -> str:
    """The largest swing of the leader's margin, and how many single steps hand the lead over."""
    if tornado.empty:
        return "No input moves the leader's margin."
    top = tornado.iloc[0]
    crosses = int((tornado[["low", "high"]].min(axis=1) < 0).sum())
    swing = (
        f"The largest swing comes from **{esc(prose(str(top['input'])))}** ({swing_range(top['low'], top['high'])})."
    )
    if crosses:
        return f"{swing} **{crosses}** single step{'s' if crosses != 1 else ''} would hand the lead to another company."
    return f"{swing} No single step hands the lead to another company."


def sampling_words(error: float) -> str:
    """A Monte Carlo standard error at the precision the 5-point shares support: 'under 1 point', 'about 2 points'."""
    points = error * 100
    if points < 1:
        return "under 1 point"
    whole = whole_points(points)
    return f"about {whole} point{'s' if whole != 1 else ''}"


def share_sentence(share: pd.Series, names: dict, sampling_error: float) -> str:
    """Who ranks first under random weightings, and Runway's share, to the nearest 5 points."""
    top = share.idxmax()
    return (
        f"**{esc(names[top])}** ranks first **{share_words(float(share.max()))}**; Runway "
        f"**{share_words(float(share.get('runway', 0.0)), '')}** (shares to the nearest 5 points: the "
        f"scores are judged levels, not measurements; the sampling error alone is {sampling_words(sampling_error)})."
    )


def pivot_sentence(views: dict, view: str, names: dict, labels: dict | None = None) -> str:
    """'On the article's own scores, *best positioned* fails (OpenAI leads) and holds in about 40% of weightings;
    ...'"""
    r = _pivot(views, view)
    holds = r["outcome"].startswith("holds")
    text = (
        f"On {esc(view_words(views, view))}, *best positioned* {'holds' if holds else 'fails'} "
        f"({esc(names[views[view]['leader']])} leads) and holds {share_words(float(r['share_holds']))}"
    )
    if pd.notna(r["flip_weight"]):
        dimension = esc(dimension_words(r["flip_dimension"], labels))
        move = weight_move(r["weight_now"], r["flip_weight"])
        text += f"; it would {'fail' if holds else 'hold'} if the weight of {dimension} moved {move}"
    else:
        text += "; no single weight changes it"
    return text


def pivot_sentences(views: dict, chosen: str, names: dict, labels: dict | None = None) -> str:
    """Each view's pivot sentence, the chosen view's in bold."""
    return " ".join(
        f"**{pivot_sentence(views, v, names, labels)}.**"
        if v == chosen
        else f"{pivot_sentence(views, v, names, labels)}."
        for v in views
    )


def named_twice(payoffs: pd.DataFrame, companies: Iterable[str]) -> str:
    """Each company that is a stakeholder on its own and also a member of another group (named in its parenthesis)
    with the opposite payoff, said so a reader knows why it both gains and loses: 'Google
    (Alphabet) appears twice, with opposite payoffs: on its own, and as one of Runway's investors.';
    '' when none does."""
    sign = {n: (a > 0) - (a < 0) for n, a in zip(payoffs["name"], payoffs["payoff_if_thesis"], strict=True)}
    said = [
        f"{company} appears twice, with opposite payoffs: on its own, and as one of {group.split(' (')[0]}."
        for company in companies
        if company in sign
        for group in sign
        if group != company and company in group.partition(" (")[2] and sign[group] == -sign[company] != 0
    ]
    return " ".join(said)


def stakeholder_sentence(payoffs: pd.DataFrame, p_thesis: float, proper: Iterable[str] = ()) -> str:
    """Who gains if the thesis holds and if not, the break-evens (stakeholders with the same one named together,
    one sentence a direction) and who never gains (``payoffs``: name, payoff_if_thesis, payoff_if_not,
    break_even_p). A name mid-sentence starts lower-case unless it starts with one of the ``proper`` names."""

    def names(rows: pd.DataFrame | list, start: bool = False) -> str:
        shown = list(rows["name"]) if isinstance(rows, pd.DataFrame) else list(rows)
        shown = [n if start and i == 0 else mid_sentence(n, proper) for i, n in enumerate(shown)]
        return esc(listed(shown) or "none")

    def groups(rows: pd.DataFrame, lead: str, then: str) -> str:
        """'Runway comes out ahead once the probability passes 33%; A and B once it passes 50%.'"""
        by_p = rows.groupby("break_even_p", sort=True)["name"].apply(list)
        clauses = [
            f"{names(who, start=i == 0)} {lead.format(s='s' if len(who) == 1 else '') if i == 0 else then} "
            f"{format_value(BREAK_EVEN, p)}"
            for i, (p, who) in enumerate(by_p.items())
        ]
        return "; ".join(clauses) + "." if clauses else ""

    gain_if, gain_if_not = payoffs[payoffs["payoff_if_thesis"] > 0], payoffs[payoffs["payoff_if_not"] > 0]
    parts = [f"**If the thesis holds**, the gainers are {names(gain_if)}; **if it does not**, {names(gain_if_not)}."]
    even = payoffs.dropna(subset=["break_even_p"])
    parts.append(
        groups(
            even[even["payoff_if_thesis"] > 0],
            "come{s} out ahead once the thesis's probability passes",
            "once it passes",
        )
    )
    parts.append(
        groups(
            even[even["payoff_if_thesis"] <= 0],
            "come{s} out ahead only while the thesis's probability stays below",
            "only while it stays below",
        )
    )
    never = payoffs["break_even_p"].isna() & (payoffs[["payoff_if_thesis", "payoff_if_not"]].max(axis=1) <= 0)
    if never.any():
        verb = "gains" if never.sum() == 1 else "gain"
        parts.append(f"{names(payoffs[never], start=True)} never {verb} in this encoding.")
    parts.append(
        f"A{thesis_chance(p_thesis)[1:]} is the chosen setting, not an estimate: read the sweep at the chance "
        "you believe."
    )
    return " ".join(part for part in parts if part)
