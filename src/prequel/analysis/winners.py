"""Winners and losers: the article's comparison as an explicit weighted scoring model.

Score of company c on dimension d: s = 100 * (anchor / 100) ** spacing, where the anchor is the level's
score on a fixed 0-100 scale (global anchors, not min-max over the companies) and ``spacing`` sets how
far apart ordinal levels sit (1: evenly). Weighted total: T_c = sum_d w_d s_cd with weights summing to 1.

Flip weight of dimension d for companies i and j: set w_d = x and rescale the others proportionally,
w_k -> w_k (1 - x) / (1 - w_d). The gap T_i - T_j = R + x (delta_d - R), with delta_k = s_ik - s_jk and
R = sum_{k != d} w_k delta_k / (1 - w_d), is zero at x* = R / (R - delta_d) (a flip when 0 <= x* <= 1).

Stakeholders: expected payoff E(p) = p a + (1 - p) b for payoffs a (thesis holds) and b (it does not);
it changes sign at the break-even p* = b / (b - a) when a and b have opposite signs.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from ..results import Analysis, Result, _round, declare, money
from ..schemas import PAYOFF_RANGE

FRAGILE_DISTANCE = 0.15  # a verdict is fragile if one weight moving by this much (or less) flips it

# ---- funding on one span for every company (issue 23) ---------------------------------------------------

#: The one span over which every company's deployable capital is read (the latest full calendar year before
#: the data snapshot): a startup's unconditional primary capital raised in it, or a listed parent's capital
#: spending in it. Never one company's cumulative total against another's single year.
FUNDING_SPAN = ("2025-01-01", "2025-12-31")
#: Upper bounds (USD) of the funding scale's levels (data/scales.csv definitions); above the last: unconstrained.
FUNDING_BOUNDS = ((1e8, "small"), (1e9, "funded"), (1e10, "well_funded"), (1e11, "heavily_funded"))


def funding_level(usd: float) -> str:
    """The level of the funding scale a deployable amount falls in: $308M -> 'funded', $40B -> 'heavily_funded'."""
    for bound, level in FUNDING_BOUNDS:
        if usd < bound:
            return level
    return "unconstrained"


def capital_in_span(rounds: pd.DataFrame, span: tuple[str, str] = FUNDING_SPAN) -> pd.Series:
    """Unconditional primary capital each company raised within ``span`` (reported rounds only; a tranche
    counts once its condition is met within the span): the cumulative total at the span's end minus the one
    the day before it starts."""
    from .funding import unconditional_raised

    start, end = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    before = unconditional_raised(rounds, start - pd.Timedelta(days=1), include_estimates=False)
    after = unconditional_raised(rounds, end, include_estimates=False)
    return after.sub(before, fill_value=0.0)


def funding_on_span(levels: pd.DataFrame, rounds: pd.DataFrame, span: tuple[str, str] = FUNDING_SPAN) -> pd.DataFrame:
    """Each company's funding row beside the capital it raised within ``span`` (companies scored on capital
    raised) and the level that amount implies; ``consistent`` is False where the sourced level differs (a
    level read over another span)."""
    rows = levels[levels["dimension"] == "funding"]
    raised = capital_in_span(rounds, span)
    out = rows[["company_id", "funding_measure", "sourced_level"]].copy()
    on_rounds = out["funding_measure"] == "capital_raised"
    out["raised_in_span_usd"] = out["company_id"].map(raised).where(on_rounds).astype(float)
    implied = out["raised_in_span_usd"].map(lambda v: funding_level(v) if pd.notna(v) else None)
    out["implied_level"] = implied
    out["consistent"] = ~on_rounds | (implied == out["sourced_level"])
    return out.reset_index(drop=True)


def score_table(levels: pd.DataFrame, scales: pd.DataFrame, view: str, spacing: float) -> pd.DataFrame:
    """Scores (companies x dimensions) for the ``article`` or the ``sourced`` view."""
    if view not in ("article", "sourced"):
        raise ValueError(f"view must be 'article' or 'sourced', got {view!r}")
    anchors = scales.set_index(["dimension", "level"])["score"]
    pairs = zip(levels["dimension"], levels[f"{view}_level"], strict=True)
    chosen = levels.assign(anchor=[anchors[(d, lv)] for d, lv in pairs])
    table = chosen.pivot(index="company_id", columns="dimension", values="anchor")
    table = table.reindex(
        index=list(dict.fromkeys(levels["company_id"])), columns=list(dict.fromkeys(scales["dimension"]))
    )
    return 100 * (table / 100) ** spacing


def aggregator_only(levels: pd.DataFrame) -> pd.Series:
    """Per level: its sourced level rests on an aggregator's page alone, so it is pending confirmation and decides
    nothing alone (notebook 03's rule for its evidence, ``predictions.confirmed``, applied to each level)."""
    from .predictions import confirmed

    return ~confirmed(levels)


def normalize(weights: dict[str, float] | None, dimensions: list[str]) -> pd.Series:
    """Weights over every dimension, summing to 1 (missing dimensions weigh 0; None means equal)."""
    if not weights:
        return pd.Series(1 / len(dimensions), index=dimensions)
    raw = pd.Series({d: float(weights.get(d, 0.0)) for d in dimensions})
    if (raw < 0).any() or not (raw.max() > 0) or not np.isfinite(raw).all():
        raise ValueError("weights must be finite, non-negative and not all zero")
    scaled = raw / raw.max()  # scale first: huge weights (1e308) would overflow their sum
    return scaled / scaled.sum()


def totals(scores: pd.DataFrame, weights: pd.Series) -> pd.Series:
    return scores[weights.index] @ weights


def flip_weight(scores: pd.DataFrame, weights: pd.Series, i: str, j: str, d: str) -> float | None:
    """The weight of ``d`` at which i and j swap order (others rescaled proportionally); None if none."""
    delta = scores.loc[i, weights.index] - scores.loc[j, weights.index]
    w_d = weights[d]
    if w_d >= 1:
        return None
    r = float((weights.drop(d) * delta.drop(d)).sum() / (1 - w_d))
    if np.isclose(r, delta[d]) or np.isclose(delta[d], 0) or np.isclose(r, 0):
        return None  # parallel, or the gap only touches zero at an end: a tie, never a swap
    x = r / (r - delta[d])
    return float(x) if 0 < x < 1 else None


def gap_at(scores: pd.DataFrame, weights: pd.Series, i: str, j: str, d: str, x: float) -> float:
    """T_i - T_j with w_d set to x and the other weights rescaled (for the brute-force check)."""
    w = weights * (1 - x) / (1 - weights[d])
    w[d] = x
    t = totals(scores, w)
    return float(t[i] - t[j])


def flip_table(scores: pd.DataFrame, weights: pd.Series, names: dict[str, str]) -> pd.DataFrame:
    base = totals(scores, weights)
    rows = []
    for i, j in itertools.combinations(scores.index, 2):
        first, second = (i, j) if base[i] >= base[j] else (j, i)
        for d in weights.index:
            x = flip_weight(scores, weights, first, second, d)
            rows.append(
                {
                    "leader": names[first],
                    "follower": names[second],
                    "dimension": d,
                    "weight_now": float(weights[d]),
                    "flip_weight": x,
                    "distance": None if x is None else abs(x - float(weights[d])),
                }
            )
    return pd.DataFrame(rows)


def fragile_orders(flips: pd.DataFrame) -> pd.DataFrame:
    """Per pair: the smallest weight move that flips it, and whether that makes the order fragile."""
    out = (
        flips.dropna(subset=["distance"])
        .sort_values("distance", kind="stable")
        .groupby(["leader", "follower"], sort=False)
        .head(1)
        .reset_index(drop=True)
    )
    pairs = flips[["leader", "follower"]].drop_duplicates()
    out = pairs.merge(out, on=["leader", "follower"], how="left")
    out["fragile"] = out["distance"].fillna(np.inf) <= FRAGILE_DISTANCE
    return out


def leader_margin(scores: pd.DataFrame, weights: pd.Series, leader: str) -> float:
    """Leader's total minus the best other company's total."""
    t = totals(scores, weights)
    return float(t[leader] - t.drop(leader).max())


def tornado(
    scores: pd.DataFrame,
    weights: pd.Series,
    leader: str,
    weight_step: float = 0.5,
    score_step: float = 10.0,
    names: dict | None = None,
    labels: dict | None = None,
) -> pd.DataFrame:
    """Leader's margin with each weight moved by +-weight_step (relative, then renormalized) and each
    score moved by +-score_step points (clipped to 0-100), sorted by swing (ties in the inputs' order).
    Each input is named in words: companies by ``names``, dimensions by their declared ``labels``."""
    from .winners_words import dimension_words

    names = names or {}
    base = leader_margin(scores, weights, leader)
    rows = []
    for d in weights.index:
        moved = []
        for sign in (-1, 1):
            w = weights.copy()
            w[d] = w[d] * (1 + sign * weight_step)
            moved.append(leader_margin(scores, w / w.sum(), leader))
        rows.append({"input": f"weight of {dimension_words(d, labels)}", "low": moved[0], "high": moved[1]})
    for c in scores.index:
        for d in weights.index:
            moved = []
            for sign in (-1, 1):
                s = scores.copy()
                s.loc[c, d] = float(np.clip(s.loc[c, d] + sign * score_step, 0, 100))
                moved.append(leader_margin(s, weights, leader))
            shown = f"score of {names.get(c, c)} on {dimension_words(d, labels)}"
            rows.append({"input": shown, "low": moved[0], "high": moved[1]})
    out = pd.DataFrame(rows).assign(base=base)
    out["swing"] = (out["high"] - out["low"]).abs()
    # equal swings (to 9 decimals: float noise is no difference) keep the inputs' order, on every machine
    order = out["swing"].round(9).sort_values(ascending=False, kind="stable").index
    return out.loc[order].reset_index(drop=True)


def rank_first_share(scores: pd.DataFrame, n: int, seed: int) -> pd.Series:
    """Share of weight vectors drawn uniformly from the simplex under which each company ranks first."""
    rng = np.random.default_rng(seed)
    w = rng.dirichlet(np.ones(scores.shape[1]), size=n)
    t = w @ scores.to_numpy().T
    winners = np.argmax(t, axis=1)
    counts = np.bincount(winners, minlength=scores.shape[0])
    return pd.Series(counts / n, index=scores.index)


def expected_payoff(a, b, p):
    return np.asarray(p) * a + (1 - np.asarray(p)) * b


def break_even(a: float, b: float) -> float | None:
    """The probability at which E(p) = p a + (1 - p) b changes sign; None when it never does in (0, 1)."""
    if a == b or (a > 0) == (b > 0) or a == 0 or b == 0:
        return None
    x = b / (b - a)
    return x if 0 < x < 1 else None


def check_verdicts(
    verdicts: pd.DataFrame, scores: pd.DataFrame, total: pd.Series, names: dict[str, str] | None = None
) -> pd.DataFrame:
    """Each verdict of the article's table against the scores: holds, fails or untestable."""
    name = (names or {}).get
    rows = []
    for v in verdicts.itertuples():
        if v.test == "untestable" or v.company_id not in scores.index:
            outcome, evidence = "untestable", v.reading
        elif v.test == "rank_first_total":
            outcome = "holds" if total.idxmax() == v.company_id and (total == total.max()).sum() == 1 else "fails"
            top = total.idxmax()
            evidence = f"first on the total: {name(top, top)} ({total_points(total.max()):g} points)"
        else:
            column = scores[v.dimension]
            best = column.max() if v.test == "max_on_dimension" else column.min()
            tied = (column == best).sum() > 1
            outcome = ("holds (tied)" if tied else "holds") if column[v.company_id] == best else "fails"
            evidence = (
                f"{name(v.company_id, v.company_id)} {column[v.company_id]:.0f} vs "
                f"{'best' if v.test == 'max_on_dimension' else 'lowest'} {best:.0f}"
            )
        rows.append(
            {
                "verdict_id": v.verdict_id,
                "company_id": v.company_id,
                "verdict": v.reading,
                "outcome": outcome,
                "evidence": evidence,
            }
        )
    return pd.DataFrame(rows)


# ---- how robust a verdict is (issue 9) -------------------------------------------------------

SHARE_STEP = 0.05  # shares of weightings are published to the nearest 5 points: the scores are ordinal judgements


def whole_points(total: float) -> int:
    """A weighted total (or the gap between two) in whole points, as every page shows it (the levels are ordinal
    judgements): 61.6 -> 62, rounded half up as readers round."""
    return int(_round(total, 0))


def total_points(total: float) -> float:
    """A weighted total (or a margin) as every page of 02 shows it, to one decimal: 61.6, 58.4 (the declaration of
    ``total_score`` gives the same), so that the totals a reader sees subtract to the margin they are told."""
    return float(_round(total, 1))


def lead_points(total: pd.Series) -> float:
    """The leader's margin over the next company, rounded once to the totals' one decimal (61.6 and 58.4: 3.2
    points; never 62 and 58 beside '3 points'): the same value as the what-moves-it chart's (bull's 7.43 is 7.4
    everywhere, though its totals shown, 60.9 and 53.4, subtract to 7.5)."""
    ranked = total.sort_values(ascending=False, kind="stable")
    return total_points(ranked.iloc[0] - ranked.iloc[1])


def level_points(scales: pd.DataFrame) -> tuple[int, int]:
    """What one level is worth on the scales (data/scales.csv), smallest and largest step over the dimensions,
    in whole points: (25, 33) for scales of five and four evenly spaced levels."""
    score = scales.groupby("dimension")["score"]
    steps = (score.max() - score.min()) / (score.count() - 1)  # evenly spaced: 33 and 67 are one step of 33.3
    return whole_points(steps.min()), whole_points(steps.max())


def round_share(share: float, step: float = SHARE_STEP) -> float:
    """A share of weightings at the precision judgement scores support (nearest ``step``)."""
    return float(round(round(share / step) * step, 10))


def weights_at(weights: pd.Series, d: str, x: float) -> pd.Series:
    """Weights with w_d set to x and the others rescaled proportionally (the flip-weight path)."""
    if weights[d] >= 1:
        others = pd.Series((1 - x) / (len(weights) - 1), index=weights.index)
    else:
        others = weights * (1 - x) / (1 - weights[d])
    others[d] = x
    return others


def is_first(scores: pd.DataFrame, weights: pd.Series, company: str) -> bool:
    t = totals(scores, weights)
    return bool(t[company] > t.drop(company).max())


def verdict_flip(scores: pd.DataFrame, weights: pd.Series, company: str) -> dict | None:
    """The smallest single-weight move that changes whether ``company`` ranks first.

    For each dimension d the candidate points are the closed-form flip weights of ``company`` against each
    rival (``flip_weight``); a candidate counts when first place really changes just beyond it. Returns the
    nearest over all dimensions, or None when no weight in [0, 1] changes the verdict."""
    now = is_first(scores, weights, company)
    best = None
    for d in weights.index:
        candidates = []
        for j in scores.index.drop(company):
            x = flip_weight(scores, weights, company, j, d)
            if x is not None:
                candidates.append(x)
        for x in sorted(candidates, key=lambda v: abs(v - weights[d])):
            beyond = min(1.0, max(0.0, x + (1e-7 if x > weights[d] else -1e-7)))
            if is_first(scores, weights_at(weights, d, beyond), company) != now:
                distance = abs(x - float(weights[d]))
                if best is None or distance < best["distance"]:
                    best = {"dimension": d, "weight_now": float(weights[d]), "flip_weight": x, "distance": distance}
                break
    return best


def verdict_robustness(
    verdicts: pd.DataFrame, scores: pd.DataFrame, weights: pd.Series, share_first: pd.Series
) -> pd.DataFrame:
    """Per verdict: whether it holds under ``weights``, the share of random weightings in which it holds,
    and (for a verdict about the weighted total) the nearest single weight that would change it.

    A verdict on one dimension does not depend on the weights: it holds in all weightings or in none."""
    total = totals(scores, weights)
    checked = check_verdicts(verdicts, scores, total).set_index("verdict_id")
    rows = []
    for v in verdicts.itertuples():
        outcome = checked.loc[v.verdict_id, "outcome"]
        row = {"verdict_id": v.verdict_id, "company_id": v.company_id, "outcome": outcome}
        if outcome == "untestable":
            row |= {"share_holds": None, "depends_on_weights": False}
        elif v.test == "rank_first_total":
            flip = verdict_flip(scores, weights, v.company_id)
            row |= {
                "share_holds": float(share_first.get(v.company_id, 0.0)),
                "depends_on_weights": True,
                "flip_dimension": None if flip is None else flip["dimension"],
                "flip_weight": None if flip is None else flip["flip_weight"],
                "weight_now": float(weights[flip["dimension"]]) if flip else None,
            }
        else:
            row |= {"share_holds": 1.0 if outcome.startswith("holds") else 0.0, "depends_on_weights": False}
        rows.append(row)
    cols = ["verdict_id", "company_id", "outcome", "share_holds", "depends_on_weights"]
    cols += ["flip_dimension", "weight_now", "flip_weight"]
    return pd.DataFrame(rows).reindex(columns=cols)


def monte_carlo_se(share: float, n: int) -> float:
    return float(np.sqrt(max(share * (1 - share), 0.0) / n))


def payoff_sweep(stake: pd.DataFrame, grid) -> pd.DataFrame:
    """Expected payoff of each stakeholder (rows) at each probability of the thesis (columns, "At 20%")."""
    return pd.DataFrame(
        {f"At {p:.0%}": expected_payoff(stake["payoff_if_thesis"], stake["payoff_if_not"], p) for p in grid},
        index=stake.index,
    )


def dominators(scores: pd.DataFrame, company: str) -> list[str]:
    """Companies at least level with ``company`` on every dimension: under no weighting is ``company`` alone
    first while one exists (a weighted total of scores no higher is no higher)."""
    if company not in scores.index:
        return []
    own = scores.loc[company]
    return [c for c in scores.index if c != company and bool((scores.loc[c] >= own).all())]


def holding(robust: pd.DataFrame) -> int:
    """Verdicts that hold outright (a tie or an untestable verdict does not count)."""
    return int((robust["outcome"] == "holds").sum())


# ---- the entry point: every table, chart's data, result and the answer -------------------------------

SOURCE_FILES = ("scales", "company_levels", "verdicts", "stakeholders", "funding_rounds")
SWEEP_GRID = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)  # probabilities of the thesis in the sweep table
VIEWS = ("article", "sourced")
_WEIGHT = Result("weight", "Weight", "share", unit="share of the total weight (0 to 1)")
#: How the front page's rows word these results (``Result.reads``): the scales as the data define them.
_PAYOFF_SCALE = f"from {PAYOFF_RANGE[0]:+d} (loses most) to {PAYOFF_RANGE[1]:+d} (gains most)"
_LEADER = "Company with the highest weighted score"
_TOTAL = "{}: weighted score over the dimensions, out of 100"
_RANKED = "{}: share of random weightings of the dimensions that rank it first"

RESULTS = declare(
    Result("view", "View of the table's levels", "status"),
    Result("leader", "Leader on the weighted total", "status", reads=_LEADER),
    Result("total_score", "Weighted total (0 to 100)", "points", digits=3, by="company", reads=_TOTAL),
    Result(
        "rank_first_share",
        "Ranked first in (share of random weightings, nearest 5%)",
        "share",
        by="company",
        reads=_RANKED,
    ),
    Result(
        "rank_first_share_by_view",
        "Ranked first in (share of random weightings, nearest 5%), each view",
        "share",
        by="view",
        reads=_RANKED,
    ),
    Result(
        "verdict_robustness",
        "Verdict",
        by="view",
        reads="The article's verdict “{}”",
        fields=(
            Result("outcome", "Outcome", "status", reads="holds or fails at the scenario's weights"),
            Result(
                "share_holds",
                "Share of random weightings in which it holds (nearest 5%)",
                "share",
                reads="share of random weightings of the dimensions in which it holds",
            ),
            Result(
                "flip",
                "Nearest single weight that changes it",
                reads="the one weight that reverses it soonest",
                fields=(
                    Result("dimension", "Dimension", "status", reads="its dimension"),
                    dataclasses.replace(
                        _WEIGHT, id="from", label="Weight now", reads="its share of the total weight now"
                    ),
                    dataclasses.replace(
                        _WEIGHT,
                        id="to",
                        label="Weight that changes it",
                        reads="the share at which the verdict reverses",
                    ),
                ),
            ),
        ),
    ),
    Result("leader_by_view", "Leader on the weighted total", "status", by="view", reads=_LEADER),
    Result("verdicts_holding", "Article's verdicts that hold", "count", by="view"),
    Result("verdict_count", "Article's verdicts", "count"),
    Result(
        "break_even_p",
        "Break-even probability of the thesis",
        "probability",
        by="stakeholder",
        reads="{}: probability of the world-model thesis at which they neither gain nor lose",
    ),
    Result(
        "payoff_if_thesis",
        "Payoff if the thesis holds (-2 to +2)",
        "number",
        digits=3,
        by="stakeholder",
        reads=f"{{}}: payoff if the world-model thesis holds, {_PAYOFF_SCALE}",
    ),
    Result(
        "payoff_if_not",
        "Payoff if not (-2 to +2)",
        "number",
        digits=3,
        by="stakeholder",
        reads=f"{{}}: payoff if the world-model thesis fails, {_PAYOFF_SCALE}",
    ),
    Result("p_thesis", "Probability of the thesis (a parameter)", "probability"),
    Result(
        "expected_payoff",
        "Expected payoff at the chosen probability (-2 to +2)",
        "number",
        digits=3,
        by="stakeholder",
        reads=f"{{}}: expected payoff at the scenario's probability of the thesis, {_PAYOFF_SCALE}",
    ),
)


@dataclass
class WinnersAnalysis(Analysis):
    """Notebook 02's tables (as shown), each chart's data, its sentences and its answer."""

    scales: pd.DataFrame
    levels: pd.DataFrame
    funding: pd.DataFrame
    scores: pd.DataFrame  # chart: scores per dimension and weighted totals (companies by name)
    verdicts: pd.DataFrame
    flips: pd.DataFrame
    fragile: pd.DataFrame
    tornado: pd.DataFrame  # chart: the leader's margin with each input moved, by swing
    rank_first: pd.DataFrame  # chart: share of random weightings in which each company ranks first
    robustness: pd.DataFrame
    payoffs: pd.DataFrame  # chart's data: payoffs, break-even and expected payoff at p_thesis (``payoff_curves``)
    sweep: pd.DataFrame
    judgements: pd.DataFrame
    view: str
    p_thesis: float
    n_weight_draws: int
    seed: int
    leader_name: str
    colors: dict[str, str]  # company name -> its colour in every chart of the collection
    settings: str  # the sentences under each section (Markdown)
    levels_moved: str
    leader_text: str
    fragile_text: str
    swing_text: str
    share_text: str
    pivot_text: str
    stakeholder_text: str
    verdicts_caption: str
    payoffs_caption: str
    funding_caption: str
    aggregator_note: str  # under each chart of the chosen view's scores: '' unless some rest on aggregator pages alone

    DECLARATIONS: ClassVar[dict[str, Result]] = RESULTS


def scored(data) -> list[str]:
    """The companies the scores, totals and ranks are drawn for (their charts' sources are these companies')."""
    return list(dict.fromkeys(data.levels["company_id"]))


def proper_names(names: Iterable[str]) -> list[str]:
    """Company names as the proper nouns a stakeholder's name may start with: 'Google' for 'Google (Alphabet)'."""
    return [str(n).split(" (")[0] for n in names]


def payoff_curves(stake: pd.DataFrame, points: int = 101) -> tuple[pd.DataFrame, pd.Series]:
    """Expected payoff across p of each distinct (payoff if the thesis, payoff if not) pair, one line per pair
    labelled with the stakeholders it stands for, and each line's break-even (None: it never changes sign)."""
    grid = np.linspace(0, 1, points)
    groups = stake.groupby(["payoff_if_thesis", "payoff_if_not"], sort=False)["name"].agg("; ".join)
    lines = pd.DataFrame({label: expected_payoff(a, b, grid) for (a, b), label in groups.items()}, index=grid)
    breaks = pd.Series({label: break_even(a, b) for (a, b), label in groups.items()}, dtype=object)
    return lines, breaks


def _stakeholders(stakeholders: pd.DataFrame, overrides: dict) -> pd.DataFrame:
    stake = stakeholders.set_index("stakeholder_id")[["name", "payoff_if_thesis", "payoff_if_not"]].copy()
    for sid, (a, b) in (overrides or {}).items():
        stake.loc[sid, ["payoff_if_thesis", "payoff_if_not"]] = [a, b]
    return stake


def _judgements(data, names: dict) -> pd.DataFrame:
    """Each payoff and sourced level with its basis; a level resting on an aggregator's page alone says it is
    pending confirmation (``aggregator_only``), as notebook 03 says it of the same pages."""
    from .winners_words import PENDING

    columns = ["kind", "item", "basis", "source_url", "confidence"]
    stake, levels = data.stakeholders, data.levels
    payoffs = stake.assign(kind="payoff", item=stake["name"], basis=stake["passage"])[columns]
    labels = dict(zip(data.scales["dimension"], data.scales["dimension_label"], strict=False))
    items = levels["company_id"].map(names) + ": " + levels["dimension"].map(labels).fillna(levels["dimension"])
    confidence = levels["confidence"].where(~aggregator_only(levels), PENDING)
    sourced = levels.assign(kind="sourced level", item=items, basis=levels["sourced_evidence"], confidence=confidence)
    return pd.concat([payoffs, sourced[columns]], ignore_index=True)


def _robustness_results(views: dict) -> dict:
    """Each view's verdicts: outcome, share of weightings in which it holds, the nearest flip (full precision)."""
    return {
        v: {
            r.verdict_id: {
                "outcome": r.outcome,
                "share_holds": None if pd.isna(r.share_holds) else round_share(r.share_holds),
                "flip": None
                if pd.isna(r.flip_weight)
                else {"dimension": r.flip_dimension, "from": r.weight_now, "to": r.flip_weight},
            }
            for r in views[v]["robust"].itertuples()
        }
        for v in views
    }


def analyse(data, params: dict) -> WinnersAnalysis:
    """The notebook's whole analysis from the validated data and the checked parameters."""
    from ..present.labels import words
    from ..present.report import esc
    from ..present.style import company_colors
    from ..sourcing import cited_rows, outside_sources
    from . import winners_words as ww

    view, spacing, p_thesis = params["view"], params["scale_spacing"], params["p_thesis"]
    n_draws, seed = params["n_weight_draws"], params["seed"]
    names = data.names()
    labels = dict(zip(data.scales["dimension"], data.scales["dimension_label"], strict=False))
    colors = company_colors(list(data.companies["company_id"]))

    scores = score_table(data.levels, data.scales, view, spacing)
    w = normalize(params["weights"], list(scores.columns))
    total = totals(scores, w).sort_values(ascending=False, kind="stable")
    leader = total.idxmax()
    verdicts = check_verdicts(data.verdicts, scores, total, names)
    flips = flip_table(scores, w, names)
    fragile = fragile_orders(flips)
    torn = tornado(scores, w, leader, weight_step=0.5, score_step=10.0, names=names, labels=labels)
    share = rank_first_share(scores, n_draws, seed)

    views = {}
    for v in VIEWS:
        v_scores = scores if v == view else score_table(data.levels, data.scales, v, spacing)
        v_share = share if v == view else rank_first_share(v_scores, n_draws, seed)
        robust = verdict_robustness(data.verdicts, v_scores, w, v_share)
        views[v] = {"scores": v_scores, "leader": totals(v_scores, w).idxmax(), "robust": robust, "share": v_share}
    pending = aggregator_only(data.levels)
    views["sourced"]["pending"] = pending.set_axis(data.levels["company_id"])
    robust_table = pd.concat(
        [r["robust"].assign(view=v, company=r["robust"]["company_id"].map(names)) for v, r in views.items()],
        ignore_index=True,
    )
    robust_table["share_holds"] = robust_table["share_holds"].map(lambda x: x if pd.isna(x) else round_share(x))

    stake = _stakeholders(data.stakeholders, params["payoff_overrides"])
    at_p = stake.assign(
        expected_at_p=expected_payoff(stake["payoff_if_thesis"], stake["payoff_if_not"], p_thesis),
        break_even_p=[break_even(a, b) for a, b in zip(stake["payoff_if_thesis"], stake["payoff_if_not"], strict=True)],
    )

    results = {
        "view": view,
        "leader": leader,
        "total_score": total.to_dict(),
        "rank_first_share": {c: round_share(v) for c, v in share.items()},
        "rank_first_share_by_view": {v: {c: round_share(x) for c, x in r["share"].items()} for v, r in views.items()},
        "verdict_robustness": _robustness_results(views),
        "leader_by_view": {v: r["leader"] for v, r in views.items()},
        "verdicts_holding": {v: holding(r["robust"]) for v, r in views.items()},
        "verdict_count": len(verdicts),
        "break_even_p": {sid: break_even(r.payoff_if_thesis, r.payoff_if_not) for sid, r in stake.iterrows()},
        "payoff_if_thesis": stake["payoff_if_thesis"].to_dict(),
        "payoff_if_not": stake["payoff_if_not"].to_dict(),
        "p_thesis": p_thesis,
        "expected_payoff": at_p["expected_at_p"].round(2).to_dict(),  # payoffs are whole steps of -2..+2
    }
    twice = ww.named_twice(at_p, names.values())  # a company on its own and through a stake in another group
    sources = outside_sources(cited_rows(data, SOURCE_FILES))
    answer = ww.winners_finding(view, bool(params["weights"]), views, names, labels, sources)
    answer.names = {str(sid): str(name) for sid, name in stake["name"].items()}  # one name each, from the data

    levels = data.levels.assign(company=data.levels["company_id"].map(names))
    funding = levels[levels["dimension"] == "funding"].merge(
        funding_on_span(data.levels, data.rounds)[["company_id", "raised_in_span_usd", "implied_level"]],
        on="company_id",
        how="left",
    )
    funding["raised_in_span_usd"] = funding["raised_in_span_usd"].map(
        lambda usd: money(usd) if pd.notna(usd) else "(raises no rounds: see the evidence)"
    )
    shown_scores = scores.rename(index=names, columns=labels)
    return WinnersAnalysis(
        results=results,
        answer=answer,
        scales=data.scales[["dimension_label", "level", "score", "definition"]].assign(
            level=lambda t: t["level"].map(words)  # a level in words ('4K 60 fps'), never its code ('uhd60')
        ),
        levels=levels[["dimension", "company", "article_level", "sourced_level", "sourced_evidence"]].assign(
            article_level=lambda t: t["article_level"].map(words),  # 'HD 24 fps', never 'hd24'
            sourced_level=lambda t: t["sourced_level"].map(words).where(~pending, lambda x: x + f" ({ww.PENDING})"),
        ),
        funding=funding[
            ["company", "funding_measure", "raised_in_span_usd", "implied_level", "sourced_level", "sourced_evidence"]
        ].rename(columns={"raised_in_span_usd": f"raised {FUNDING_SPAN[0][:4]} (computed)"}),
        scores=shown_scores.round(1).assign(weighted_total=total.rename(index=names).map(total_points)),
        verdicts=verdicts.assign(company=verdicts["company_id"].map(names))[
            ["company", "verdict", "outcome", "evidence"]
        ],
        flips=flips.dropna(subset=["flip_weight"]),
        fragile=fragile,
        tornado=torn,
        rank_first=share.map(round_share).rename(index=names).rename("rank_first_share").to_frame(),
        robustness=robust_table[
            ["view", "verdict_id", "company", "outcome", "share_holds", "flip_dimension", "weight_now", "flip_weight"]
        ],
        payoffs=at_p.reset_index(drop=True),  # each stakeholder by its one name (never its id beside it)
        sweep=payoff_sweep(stake, SWEEP_GRID).assign(name=stake["name"]).set_index("name").round(1),
        judgements=_judgements(data, names),
        view=view,
        p_thesis=p_thesis,
        n_weight_draws=n_draws,
        seed=seed,
        leader_name=names[leader],
        colors={names[c]: color for c, color in colors.items()},
        settings=ww.settings_line(view, w, p_thesis, labels),
        levels_moved=ww.levels_moved(
            int((data.levels["article_level"] != data.levels["sourced_level"]).sum()),
            len(data.levels),
            int(pending.sum()),
        ),
        leader_text=ww.leader_sentence(total, names, verdicts["outcome"], level_points(data.scales))
        + ww.aggregator_sentence(views, view),
        fragile_text=ww.fragile_sentence(fragile, labels),
        swing_text=ww.swing_sentence(torn),
        share_text=ww.share_sentence(share, names, monte_carlo_se(float(share.max()), n_draws))
        + ww.aggregator_sentence(views, view),
        pivot_text=ww.pivot_sentences(views, view, names, labels),
        stakeholder_text=" ".join(
            filter(None, [ww.stakeholder_sentence(at_p, p_thesis, proper_names(names.values())), esc(twice)])
        ),
        verdicts_caption=ww.verdicts_caption(ww.view_words(views, view)),
        aggregator_note=ww.aggregator_sentence(views, view, pending="").strip(),
        payoffs_caption=f"{ww.payoffs_caption(p_thesis)}{f'. {twice}' if twice else ''}",
        funding_caption=ww.funding_caption(FUNDING_SPAN),
    )
