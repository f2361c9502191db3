"""Physics evidence: Physics-IQ leaderboard entries as of a date, the running best, its pace, the time to a level.

- **Entries as of a date**: only entries added to the leaderboard on or before ``as_of`` count; best-of-N
  entries (a reward model picks one of several generations) are left out unless asked for.
- **Running best**: at each distinct date on which an entry was added, the best score of every entry added
  on or before it (the frontier as the leaderboard showed it that day). It never decreases.
- **Pace**: the ordinary least-squares slope of the running best on time (years since the first date), in
  points per year. At least ``MIN_DATES_FOR_PACE`` distinct dates are needed.
- **Interval**: a bootstrap over entries: the entries are resampled with replacement, the running best and
  the slope recomputed (draws with too few dates are dropped and counted); the 5th and 95th percentiles.
- **Time to a level**: (level - best now) / pace; zero when the level is reached, infinite when the pace is
  not positive. It decreases with the pace, so its interval comes from the pace interval's ends.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..dates import parse_period_end

YEAR_DAYS = 365.25
MIN_DATES_FOR_PACE = 3
INTERVAL = (0.05, 0.95)
PACE_STEP = 1.0  # points per year: a handful of frontier dates supports no finer figure
YEARS_STEP = 0.5  # years
LEADERBOARDS = ("physics_iq", "physics_iq_verified")
INPUT_TYPES = ("i2v", "v2v")
BENCHMARK_NAMES = {"physics_iq": "Physics-IQ", "physics_iq_verified": "Physics-IQ Verified"}
INPUT_NAMES = {"i2v": "from one image (i2v)", "v2v": "from a video prefix (v2v)", "both": "i2v and v2v pooled"}
START_WORDS = {"i2v": "starting from one image ", "v2v": "starting from a video prefix ", "both": ""}  # in a headline
FRONTIER_COLUMNS = ["date", "best", "entry_id", "model", "company_id", "record"]


def leaderboard(
    physics: pd.DataFrame,
    benchmark: str,
    input_type: str = "both",
    include_best_of_n: bool = False,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The leaderboard's entries that count: one benchmark, one input type (or both), added by ``as_of``."""
    rows = physics[physics["benchmark"] == benchmark]
    if input_type != "both":
        rows = rows[rows["input_type"] == input_type]
    if not include_best_of_n:
        rows = rows[rows["best_of_n"] == "false"]
    if as_of is not None:
        rows = rows[rows["as_of_date"] <= pd.Timestamp(as_of)]
    return rows.sort_values(["as_of_date", "score_pct", "entry_id"], ascending=[True, False, True], kind="mergesort")


def _frontier(days: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distinct days, running best on each, index of the entry holding it) for entries given as arrays."""
    order = np.lexsort((-scores, days))  # by day, best first within a day
    days, scores = days[order], scores[order]
    distinct, first = np.unique(days, return_index=True)
    day_best = np.maximum.reduceat(scores, first) if len(days) else scores
    best = np.maximum.accumulate(day_best) if len(days) else day_best
    holder_pos = np.empty(len(distinct), dtype=int)
    current = -1
    for i, start in enumerate(first):
        if current < 0 or scores[start] > scores[current]:
            current = start
        holder_pos[i] = current
    return distinct, best, order[holder_pos]


def running_best(entries: pd.DataFrame) -> pd.DataFrame:
    """The frontier: one row per distinct date added, with the best score so far and the entry holding it."""
    if entries.empty:
        return pd.DataFrame(columns=FRONTIER_COLUMNS)
    days = entries["as_of_date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    scores = entries["score_pct"].to_numpy(dtype=float)
    distinct, best, holder = _frontier(days, scores)
    held = entries.iloc[holder]
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(distinct.astype("datetime64[D]")),
            "best": best,
            "entry_id": held["entry_id"].to_numpy(),
            "model": held["model"].to_numpy(),
            "company_id": held["company_id"].to_numpy(),
        }
    )
    out["record"] = out["best"].diff().fillna(out["best"]).gt(0)
    return out


def _slope(x: np.ndarray, y: np.ndarray) -> float:
    dx = x - x.mean()
    return float((dx * (y - y.mean())).sum() / (dx * dx).sum())


def fit_pace(frontier: pd.DataFrame, min_dates: int = MIN_DATES_FOR_PACE) -> tuple[float, float] | None:
    """(points per year, fitted value at the first date) of the running best; None with too few dates."""
    if len(frontier) < max(min_dates, 2):
        return None
    x = (frontier["date"] - frontier["date"].iloc[0]).dt.days.to_numpy(dtype=float) / YEAR_DAYS
    y = frontier["best"].to_numpy(dtype=float)
    slope = _slope(x, y)
    return slope, float(y.mean() - slope * x.mean())


def bootstrap_pace(
    entries: pd.DataFrame, n_boot: int, seed: int, min_dates: int = MIN_DATES_FOR_PACE
) -> tuple[np.ndarray, int]:
    """Slopes refitted on ``n_boot`` resamples of the entries, and how many draws were dropped (too few dates)."""
    if entries.empty:
        return np.array([]), n_boot
    days = entries["as_of_date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    scores = entries["score_pct"].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    slopes, dropped = [], 0
    for _ in range(n_boot):
        pick = rng.integers(0, len(days), len(days))
        distinct, best, _ = _frontier(days[pick], scores[pick])
        if len(distinct) < max(min_dates, 2):
            dropped += 1
            continue
        slopes.append(_slope((distinct - distinct[0]) / YEAR_DAYS, best))
    return np.array(slopes), dropped


def interval(draws: np.ndarray, probs: tuple[float, float] = INTERVAL) -> tuple[float, float] | None:
    if len(draws) == 0:
        return None
    low, high = np.quantile(draws, probs)
    return float(low), float(high)


def years_to_threshold(best: float, pace: float | None, threshold: float) -> float:
    """Years until the running best reaches ``threshold`` at a constant pace (0 if reached, inf if never)."""
    if best >= threshold:
        return 0.0
    if pace is None or not pace > 0:
        return math.inf
    return (threshold - best) / pace


def years_interval(best: float, pace_interval: tuple[float, float], threshold: float) -> tuple[float, float]:
    """The time to the threshold at the ends of the pace interval (a faster pace gives the shorter time)."""
    low_pace, high_pace = pace_interval
    return years_to_threshold(best, high_pace, threshold), years_to_threshold(best, low_pace, threshold)


def round_step(value: float | None, step: float) -> float | None:
    """Rounded to a multiple of ``step``; None stays None and infinity becomes None (never, at that pace)."""
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return None
    return round(round(value / step) * step, 10)


def frontier_best(physics: pd.DataFrame, benchmark: str, include_best_of_n: bool, as_of) -> dict[str, float | None]:
    """The best score by input type as of ``as_of`` (None where no entry counts)."""
    out = {}
    for kind in INPUT_TYPES:
        rows = leaderboard(physics, benchmark, kind, include_best_of_n, as_of)
        out[kind] = float(rows["score_pct"].max()) if len(rows) else None
    return out


def best_by_company(
    physics: pd.DataFrame, company_ids: list[str], as_of, benchmark: str = "physics_iq", input_type: str = "i2v"
) -> dict[str, float | None]:
    """Each company's best single-output score (best-of-N left out) as of ``as_of``; None: no entry."""
    rows = leaderboard(physics, benchmark, input_type, False, as_of)
    best = rows.groupby("company_id")["score_pct"].max()
    return {c: (float(best[c]) if c in best.index else None) for c in company_ids}


def best_entries_by_company(
    physics: pd.DataFrame, company_ids: list[str], as_of, benchmark: str = "physics_iq", input_type: str = "i2v"
) -> dict[str, dict | None]:
    """Each company's best single-output entry as of ``as_of``: score, model, date added and how many entries
    the company has (None: no entry)."""
    rows = leaderboard(physics, benchmark, input_type, False, as_of)
    out: dict[str, dict | None] = {}
    for company in company_ids:
        own = rows[rows["company_id"] == company]
        if own.empty:
            out[company] = None
            continue
        top = own.sort_values(["score_pct", "as_of_date"], ascending=[False, True], kind="mergesort").iloc[0]
        out[company] = {
            "score": float(top["score_pct"]),
            "model": top["model"],
            "date": f"{top['as_of_date']:%Y-%m-%d}",
            "entries": len(own),
        }
    return out


def _pct(value: float) -> int:
    """A score to the whole point, halves rounded up (26.5 -> 27)."""
    return int(math.floor(value + 0.5))


def _model_key(model: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(model).lower())


def shared_models(physics: pd.DataFrame, as_of, input_type: str = "i2v") -> pd.DataFrame:
    """Models with a single-output entry on both the original leaderboard and Physics-IQ Verified by ``as_of``
    (matched by linked release, else by name ignoring case, spaces and punctuation), best original score first."""
    cols = ["model", "company_id", "original_pct", "verified_pct"]
    original = leaderboard(physics, "physics_iq", input_type, False, as_of)
    verified = leaderboard(physics, "physics_iq_verified", input_type, False, as_of)
    rows = []
    for o in original.itertuples():
        o_releases = set(str(o.release_id).split("; ")) if isinstance(o.release_id, str) else set()
        for v in verified.itertuples():
            v_releases = set(str(v.release_id).split("; ")) if isinstance(v.release_id, str) else set()
            if (o_releases & v_releases) or _model_key(o.model) == _model_key(v.model):
                rows.append([o.model, o.company_id, float(o.score_pct), float(v.score_pct)])
                break
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("original_pct", ascending=False, kind="mergesort").reset_index(drop=True)


def release_date(releases: pd.DataFrame) -> pd.Series:
    """When each release was announced (end of its month or year when the date is partial); as_of if unknown."""
    announced = releases["announced_date"].map(lambda d: parse_period_end(d) if d else pd.NaT)
    return announced.fillna(releases["as_of_date"])


def coverage(releases: pd.DataFrame, physics: pd.DataFrame, company_ids: list[str], as_of) -> pd.DataFrame:
    """Every video or world-model release of the companies announced by ``as_of``, and whether any leaderboard
    entry (either benchmark, any input type, best-of-N included) added by then is linked to it."""
    rel = releases[releases["company_id"].isin(company_ids) & releases["kind"].isin(["video", "world_model"])]
    rel = rel.assign(announced=release_date(rel))
    rel = rel[rel["announced"] <= pd.Timestamp(as_of)]
    linked = physics[physics["release_id"].notna() & (physics["as_of_date"] <= pd.Timestamp(as_of))]
    linked = linked.assign(release_id=linked["release_id"].str.split("; ")).explode("release_id")
    entries = linked.groupby("release_id")["entry_id"].agg(lambda s: ", ".join(sorted(s)))
    out = rel[["company_id", "release_id", "model", "kind", "announced"]].assign(
        entries=rel["release_id"].map(entries).fillna("")
    )
    out["on_leaderboard"] = out["entries"] != ""
    order = {c: i for i, c in enumerate(company_ids)}
    return out.sort_values(["company_id", "announced"], key=lambda s: s.map(order) if s.name == "company_id" else s)


@dataclass(frozen=True)
class Pace:
    """The frontier of one setting and what follows from it."""

    entries: pd.DataFrame
    frontier: pd.DataFrame
    pace: float | None
    intercept: float | None
    draws: np.ndarray
    dropped: int
    pace_interval: tuple[float, float] | None
    best: float | None
    years: float | None
    years_interval: tuple[float, float] | None


def analyse(
    physics: pd.DataFrame,
    benchmark: str,
    input_type: str,
    include_best_of_n: bool,
    as_of,
    threshold: float,
    n_boot: int,
    seed: int,
) -> Pace:
    entries = leaderboard(physics, benchmark, input_type, include_best_of_n, as_of)
    frontier = running_best(entries)
    fit = fit_pace(frontier)
    best = float(frontier["best"].iloc[-1]) if len(frontier) else None
    if fit is None:
        return Pace(entries, frontier, None, None, np.array([]), 0, None, best, None, None)
    draws, dropped = bootstrap_pace(entries, n_boot, seed)
    pace_iv = interval(draws)
    years = years_to_threshold(best, fit[0], threshold)
    years_iv = years_interval(best, pace_iv, threshold) if pace_iv else None
    return Pace(entries, frontier, fit[0], fit[1], draws, dropped, pace_iv, best, years, years_iv)


def _years_text(value: float | None) -> str:
    if value is None or math.isinf(value):
        return "never at that pace"
    rounded = round_step(value, YEARS_STEP)
    return f"{rounded:g} years" if rounded != 1 else "1 year"


def years_interval_text(iv: tuple[float, float] | None) -> str:
    if iv is None:
        return "no interval"
    low, high = iv
    if math.isinf(low):
        return "never at that pace, across the whole interval"
    if math.isinf(high):
        return f"{round_step(low, YEARS_STEP):g} years to never (the slow end of the interval does not rise)"
    return f"{round_step(low, YEARS_STEP):g} to {round_step(high, YEARS_STEP):g} years"


def setting_text(benchmark: str, input_type: str, include_best_of_n: bool) -> str:
    return (
        f"{BENCHMARK_NAMES[benchmark]}, {INPUT_NAMES[input_type]}, "
        f"{'best-of-N included' if include_best_of_n else 'single outputs only'}"
    )


def finding(
    as_of: str,
    benchmark: str,
    input_type: str,
    include_best_of_n: bool,
    threshold: float,
    result: Pace,
    article_best: dict[str, float | None],
    names: dict[str, str],
    missing: pd.DataFrame,
    first_added: str | None,
    physics: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> dict:
    """The notebook's answer (``report.headline``), from computed values only: the best score against the
    threshold, with the frontier's pace and when a straight line would reach the threshold, in one sentence.

    The details carry the extrapolation's caveats: a straight line through so many frontier dates, flat since
    its last new best, and (on the original leaderboard, given ``physics``) the successor board Physics-IQ
    Verified, where scores are lower; each company's best score names its model and date; what was never
    submitted. The flip: the score that would answer yes, and the years at the slow end of the pace."""
    from ..present.report import headline, sourcing

    setting = setting_text(benchmark, input_type, include_best_of_n)
    bench = BENCHMARK_NAMES[benchmark]
    sourced = sourcing(sources if sources is not None else pd.DataFrame(columns=["source_url", "tier"]))
    if result.best is None:
        first = f" (its first entries were added on {first_added})" if first_added else ""
        return headline(
            f"Not measured yet: as of {as_of} no {bench} entry counts ({setting}), so there is no benchmark "
            "evidence either way",
            [
                f"{bench}{first or ' has no entries yet'}; {threshold:g}% would mean as close to reality as a "
                "second real recording"
            ],
            [{"label": f"{bench} entries counted", "value": "0"}, {"label": "Threshold", "value": f"{threshold:g}%"}],
            f"A first {bench} entry in this setting would give the question a measured answer",
            sourced,
        )
    top = result.frontier.iloc[-1]
    best = _pct(result.best)
    company = names.get(top["company_id"], top["company_id"])
    flag = ""
    if physics is not None and "entry_id" in top and top["entry_id"] in set(physics["entry_id"]):
        confidence = physics.set_index("entry_id").loc[top["entry_id"], "confidence"]
        flag = f", a {confidence} entry" if confidence != "reported" else ""
    answer = "Yes, on this benchmark" if result.best >= threshold else "Partly"
    text = (
        f"{answer}: on {bench} the best video model {START_WORDS[input_type]}reaches {best}% of a real recording's "
        f"physical consistency ({top['model']}, {company}{flag})"
    )
    numbers = [{"label": f"Best score ({bench}, {input_type})", "value": f"{best}%"}]
    details = [f"As of {as_of} ({setting}); {threshold:g}% would mean as close to reality as a second real recording"]
    if result.best >= threshold:
        flip = f"A best score below {threshold:g}% would make the answer partly"
    else:
        gap = _pct(threshold - result.best)
        flip = f"A model scoring {threshold:g}% ({gap} points above today's best) would answer yes"
    if result.pace is None:
        details.append(
            f"With {len(result.frontier)} frontier date(s) there are too few to fit a pace "
            f"(at least {MIN_DATES_FOR_PACE})"
        )
    else:
        lo, hi = (round_step(v, PACE_STEP) for v in result.pace_interval)
        pace = round_step(result.pace, PACE_STEP)
        frontier = result.frontier
        records = frontier[frontier["record"]]
        last_record = records["date"].iloc[-1] if len(records) else frontier["date"].iloc[0]
        flat = (
            f"; the best has not risen since {last_record:%Y-%m-%d}"
            if last_record < frontier["date"].iloc[-1] or last_record < pd.Timestamp(as_of)
            else ""
        )
        details.append(
            f"A straight line through its {len(frontier)} frontier dates rises about {pace:g} points a year "
            f"(90% interval {lo:g} to {hi:g}){flat}; the extrapolation holds only if that line held"
        )
        numbers.append({"label": "Pace of the best score (points a year)", "value": f"{pace:g} ({lo:g}-{hi:g})"})
        iv = result.years_interval
        finite = result.years is not None and not math.isinf(result.years)
        span = f"{round_step(iv[0], YEARS_STEP):g}-{round_step(iv[1], YEARS_STEP):g}" if iv and finite else ""
        if iv and finite and math.isinf(iv[1]):
            span = f"{round_step(iv[0], YEARS_STEP):g} years to never"
        if result.best < threshold:
            text += (
                f"; a straight line through the frontier ({pace:g} points a year, {lo:g}-{hi:g}) would reach "
                f"{threshold:g}% in about {_years_text(result.years)}" + (f" ({span})" if span else "")
            )
            slow = iv[1] if iv else None
            flip += (
                f"; at the slow end of the pace ({lo:g} points a year) the line gets there in {_years_text(slow)}"
                if slow is not None and not math.isinf(slow)
                else "; at the slow end of the pace the line never gets there"
            )
        if finite:
            numbers.append(
                {
                    "label": f"Years to {threshold:g}% if that line held",
                    "value": _years_text(result.years) + (f" ({span})" if span else ""),
                }
            )
    if physics is not None and benchmark == "physics_iq":
        verified = leaderboard(physics, "physics_iq_verified", "both", include_best_of_n, as_of)
        if len(verified):
            line = (
                f"The original leaderboard has been superseded by {BENCHMARK_NAMES['physics_iq_verified']} "
                f"(first entries {verified['as_of_date'].min():%Y-%m-%d}), where scores are lower"
            )
            both = shared_models(physics, as_of, input_type if input_type != "both" else "i2v")
            if len(both):
                top_shared = both.iloc[0]
                line += (
                    f": {top_shared['model']} scores {_pct(top_shared['original_pct'])}% on the original "
                    f"and {_pct(top_shared['verified_pct'])}% on the verified one"
                )
            details.append(line)
    entries = best_entries_by_company(physics, list(article_best), as_of) if physics is not None else {}
    shown = []
    for company_id, score in article_best.items():
        name = names.get(company_id, company_id)
        detail = entries.get(company_id)
        if score is None:
            shown.append(f"{name} no entry")
        elif detail:
            only = ", its only entry" if detail["entries"] == 1 else ""
            shown.append(f"{name} {score:.0f}% ({detail['model']}, added {detail['date']}{only})")
        else:
            shown.append(f"{name} {score:.0f}%")
    if shown:
        details.append("Best single-output i2v score on the original benchmark: " + ", ".join(shown))
    if article_best.get("runway") is not None:
        numbers.append({"label": "Runway's best score", "value": f"{article_best['runway']:.0f}%"})
    gaps = missing[~missing["on_leaderboard"]] if len(missing) else missing
    if len(gaps):
        worlds = gaps[gaps["kind"] == "world_model"].groupby("company_id", sort=False)["model"].agg(", ".join)
        videos = gaps[gaps["kind"] == "video"].groupby("company_id", sort=False).size()
        line = ""
        if len(worlds):
            line = (
                "No world model of the article's three companies is on either leaderboard ("
                + "; ".join(f"{names.get(c, c)}: {m}" for c, m in worlds.items())
                + ")"
            )
        if len(videos):
            line += (
                (", and " if line else "")
                + "video releases without an entry: "
                + ", ".join(f"{names.get(c, c)} {n}" for c, n in videos.items())
            )
        details.append(line + " (absence of evidence, not a score of zero)")
        if len(worlds):
            numbers.append({"label": "World models of the three companies scored", "value": "0"})
    return headline(text, details[:5], numbers, flip, sourced)
