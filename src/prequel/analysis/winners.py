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

import itertools

import numpy as np
import pandas as pd

FRAGILE_DISTANCE = 0.15  # a verdict is fragile if one weight moving by this much (or less) flips it


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
        .sort_values("distance")
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
    scores: pd.DataFrame, weights: pd.Series, leader: str, weight_step: float = 0.5, score_step: float = 10.0
) -> pd.DataFrame:
    """Leader's margin with each weight moved by +-weight_step (relative, then renormalized) and each
    score moved by +-score_step points (clipped to 0-100), sorted by swing."""
    base = leader_margin(scores, weights, leader)
    rows = []
    for d in weights.index:
        moved = []
        for sign in (-1, 1):
            w = weights.copy()
            w[d] = w[d] * (1 + sign * weight_step)
            moved.append(leader_margin(scores, w / w.sum(), leader))
        rows.append({"input": f"weight of {d}", "low": moved[0], "high": moved[1]})
    for c in scores.index:
        for d in weights.index:
            moved = []
            for sign in (-1, 1):
                s = scores.copy()
                s.loc[c, d] = float(np.clip(s.loc[c, d] + sign * score_step, 0, 100))
                moved.append(leader_margin(s, weights, leader))
            rows.append({"input": f"score of {c} on {d}", "low": moved[0], "high": moved[1]})
    out = pd.DataFrame(rows).assign(base=base)
    out["swing"] = (out["high"] - out["low"]).abs()
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


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
            evidence = f"first on the total: {name(total.idxmax(), total.idxmax())} ({total.max():.1f})"
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
    """Expected payoff of each stakeholder (rows) at each probability of the thesis (columns)."""
    return pd.DataFrame(
        {f"p={p:g}": expected_payoff(stake["payoff_if_thesis"], stake["payoff_if_not"], p) for p in grid},
        index=stake.index,
    )


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


def dominators(scores: pd.DataFrame, company: str) -> list[str]:
    """Companies at least level with ``company`` on every dimension: under no weighting is ``company`` alone
    first while one exists (a weighted total of scores no higher is no higher)."""
    if company not in scores.index:
        return []
    own = scores.loc[company]
    return [c for c in scores.index if c != company and bool((scores.loc[c] >= own).all())]


def dimension_words(dimension: str, labels: dict | None = None) -> str:
    """A dimension as a reader reads it, mid-sentence: 'API availability', 'video quality'."""
    label = (labels or {}).get(dimension) or str(dimension).replace("_", " ")
    first = label.split(" ")[0]
    return label if first.isupper() and len(first) > 1 else label[0].lower() + label[1:]


VIEW_WORDS = {"article": "the article's own scores", "sourced": "sourced scores"}


def winners_finding(
    view: str,
    chosen_weights: bool,
    views: dict,
    names: dict,
    held: int | None = None,
    n_verdicts: int | None = None,
    labels: dict | None = None,
    sources: pd.DataFrame | None = None,
) -> dict:
    """The notebook's answer (``report.headline``): whether the article's main verdict (Runway best positioned)
    holds under the chosen view with how often Runway comes first, and how many verdicts hold in each view;
    the details give each view's leader, counts and robustness; the flip is the nearest single weight.

    ``views`` maps view name -> {"leader", "robust"} (``verdict_robustness`` output) and optionally
    "scores": with them, a share of exactly none is said as never, with the company that is at least
    level on every dimension. ``held`` and ``n_verdicts`` are ignored (counted from ``robust``)."""
    from ..present.report import count_of, headline, pct, sourcing

    other = "sourced" if view == "article" else "article"

    def pivot(v_name: str):
        return views[v_name]["robust"].set_index("verdict_id").loc["runway_pivot"]

    def first_share(v_name: str) -> str:
        """How often Runway comes first, in words: 'first in about 40% of random weightings', 'never first (...)'."""
        share = float(pivot(v_name)["share_holds"])
        above = dominators(views[v_name]["scores"], "runway") if "scores" in views[v_name] else []
        if share == 0 and above:
            level = " and ".join(names.get(c, c) for c in above)
            return f"never first ({level} {'is' if len(above) == 1 else 'are'} at least level on every dimension)"
        if share > 0 and round_share(share) == 0:
            return f"first in under {SHARE_STEP / 2:.1%} of random weightings"
        return f"first in about {round_share(share):.0%} of random weightings"

    def holding(v_name: str) -> int:
        return int((views[v_name]["robust"]["outcome"] == "holds").sum())

    def flip_words(v_name: str) -> str:
        r = pivot(v_name)
        if pd.isna(r["flip_weight"]):
            verb = "take" if r["outcome"] == "fails" else "lose"
            return f"on {VIEW_WORDS[v_name]} no single weight change makes Runway {verb} the lead"
        return (
            f"Runway would {'take' if r['outcome'] == 'fails' else 'lose'} the lead on {VIEW_WORDS[v_name]} if the "
            f"weight of {dimension_words(r['flip_dimension'], labels)} moved from {r['weight_now']:.2f} to "
            f"{r['flip_weight']:.2f}"
        )

    n = len(views[view]["robust"])
    main = pivot(view)
    leader = names[views[view]["leader"]]
    if main["outcome"] == "fails":
        opening = (
            f"Not its main verdict: on {VIEW_WORDS[view]} {leader}, not Runway, leads (Runway is {first_share(view)})"
        )
    else:
        opening = f"Its main verdict, yes: on {VIEW_WORDS[view]} Runway leads (it is {first_share(view)})"
    finding = f"{opening}; {holding(view)} of its {n} verdicts hold, and {holding(other)} on {VIEW_WORDS[other]}"
    weights = "the chosen weights" if chosen_weights else "equal weights"
    details = [
        f"On {VIEW_WORDS[v]} with {weights} {names[views[v]['leader']]} leads and Runway is {first_share(v)}; "
        f"of the article's {len(views[v]['robust'])} verdicts {outcome_counts(views[v]['robust']['outcome'])}"
        for v in (view, other)
    ]
    details.append(
        "Each stakeholder's payoff is conditional on the world-model thesis (see the sweep over its probability)"
    )
    numbers = [
        {
            "label": f"Verdicts that hold ({VIEW_WORDS[v].removeprefix('the ')})",
            "value": count_of(holding(v), len(views[v]["robust"])),
        }
        for v in (view, other)
    ]
    numbers.append(
        {
            "label": f"Runway first in random weightings ({VIEW_WORDS[view].removeprefix('the ')})",
            "value": pct(round_share(float(main["share_holds"]))),
        }
    )
    if pd.notna(main["flip_weight"]):
        numbers.append(
            {
                "label": f"Weight of {dimension_words(main['flip_dimension'], labels)} that flips the main verdict",
                "value": f"{main['weight_now']:.2f} to {main['flip_weight']:.2f}",
            }
        )
    flip = f"{flip_words(view)}; {flip_words(other)}"
    empty = pd.DataFrame(columns=["source_url", "tier"])
    return headline(finding, details, numbers, flip, sourcing(sources if sources is not None else empty))
