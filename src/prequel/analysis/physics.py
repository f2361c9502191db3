"""Physics evidence: Physics-IQ leaderboard entries as of a date, the running best and its pace.

- **Entries as of a date**: only entries added to the leaderboard on or before ``as_of`` count; best-of-N
  entries (a reward model picks one of several generations) are left out unless asked for.
- **Running best**: at each distinct date on which an entry was added, the best score of every entry added
  on or before it (the frontier as the leaderboard showed it that day). It never decreases.
- **Pace**: the ordinary least-squares slope of the running best on time (years since the first date), in
  points per year. None (with the reason in words) unless the frontier has at least ``MIN_RECORDS_FOR_PACE``
  records (dates on which the best rose, the first included) over at least ``MIN_SPAN_YEARS``: on fewer
  points or a shorter span a slope says more than the entries do. Nor when its 90% interval includes no
  rise (its slow end at or below zero) or is wider than the pace itself (``MAX_INTERVAL_WIDTH_TO_PACE``): the
  entries then do not tell the pace from its double or from none.
- **Pace against release dates**: the same fit with each entry placed at its model's release date (from
  ``model_releases.csv``; entries without a linked, dated release are left out), so that a late submission
  of an old model does not read as progress.
- **Interval**: a bootstrap over entries: the entries are resampled with replacement, the running best and
  the slope recomputed (draws with too few dates are dropped and counted); the 5th and 95th percentiles.
- **No time to a level**: a straight line through a handful of frontier dates carried to 100% is an
  extrapolation from thin evidence; the notebook publishes none (issue 23).
- **Who measured the best**: each entry records whether its score was measured by the model's own developer
  (``measured_by``); the answer says so when the best score is the maker's own, and gives the best score
  known to be measured by someone else.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ..data import Dataset
from ..dates import parse_period_end
from ..results import Analysis, Result, declare
from ..sourcing import cited_rows, outside_sources

YEAR_DAYS = 365.25
MIN_DATES_FOR_PACE = 3  # a bootstrap draw with fewer distinct dates is dropped
MIN_RECORDS_FOR_PACE = 4  # no pace from fewer record points (dates on which the best rose, the first included)
MAX_INTERVAL_WIDTH_TO_PACE = 1.0  # no pace when its 90% interval is wider than this many times the pace
MIN_SPAN_YEARS = 1.0  # no pace from a frontier spanning less than this (first to last date added)
INTERVAL = (0.05, 0.95)
PACE_STEP = 1.0  # points per year: a handful of frontier dates supports no finer figure
LEADERBOARDS = ("physics_iq", "physics_iq_verified")
INPUT_TYPES = ("i2v", "v2v")
BENCHMARK_NAMES = {"physics_iq": "Physics-IQ", "physics_iq_verified": "Physics-IQ Verified"}
#: the input types in readers' words (the data's codes i2v and v2v stay in the data and the rerun block)
INPUT_TYPE_WORDS = {"i2v": "image-to-video", "v2v": "video-to-video"}
INPUT_NAMES = {
    "i2v": "image-to-video (from one image)",
    "v2v": "video-to-video (from a video prefix)",
    "both": f"{INPUT_TYPE_WORDS['i2v']} and {INPUT_TYPE_WORDS['v2v']} pooled",
}
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


def record_count(frontier: pd.DataFrame) -> int:
    """Dates on which the running best rose (the first date counts: it sets the first best)."""
    return int(frontier["record"].sum()) if len(frontier) else 0


def span_years(frontier: pd.DataFrame) -> float:
    """Years from the frontier's first date to its last."""
    if len(frontier) < 2:
        return 0.0
    return float((frontier["date"].iloc[-1] - frontier["date"].iloc[0]).days / YEAR_DAYS)


def no_pace_reason(frontier: pd.DataFrame) -> str | None:
    """Why no pace is published from this frontier (None: one is): too few records or too short a span."""
    records, span = record_count(frontier), span_years(frontier)
    needed = f"a pace needs at least {MIN_RECORDS_FOR_PACE} records over at least {MIN_SPAN_YEARS:g} year"
    if records < MIN_RECORDS_FOR_PACE or span < MIN_SPAN_YEARS:
        months = round(span * 12, 1)
        return f"{records} record{'s' if records != 1 else ''} over {months:g} months: {needed}"
    return None


def unsettled_pace_reason(pace: float, pace_interval: tuple[float, float] | None) -> str | None:
    """Why a fitted pace is not published although enough records support a fit (None: it is): its 90%
    interval includes no rise, or is wider than the pace itself."""
    if pace_interval is None:
        return "no bootstrap draw kept enough dates for an interval"
    low, high = pace_interval
    if low <= 0 or pace <= 0:
        return "its 90% interval includes no rise at all"
    if high - low > MAX_INTERVAL_WIDTH_TO_PACE * pace:
        return "its 90% interval is wider than the pace itself"
    return None


def bootstrap_pace(
    entries: pd.DataFrame, n_boot: int, seed: int, min_dates: int = MIN_DATES_FOR_PACE
) -> tuple[np.ndarray, int]:
    """Slopes refitted on ``n_boot`` resamples of the entries, and how many draws were dropped (too few dates)."""
    if entries.empty:
        return np.array([]), n_boot
    days = entries["as_of_date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    scores = entries["score_pct"].to_numpy(dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(days), (n_boot, len(days)))  # a resample per row
    slopes = resampled_slopes(days, scores, picks, min_dates)
    return slopes, n_boot - len(slopes)


def resampled_slopes(days: np.ndarray, scores: np.ndarray, picks: np.ndarray, min_dates: int) -> np.ndarray:
    """For each resample (a row of ``picks``, indices into the entries) the slope of its frontier (``_frontier``,
    ``_slope`` over years since its first date), all resamples at once; resamples with fewer than ``min_dates``
    distinct dates (at least 2) are left out."""
    distinct, day_of = np.unique(days, return_inverse=True)
    draw = np.arange(len(picks))[:, None]
    day_best = np.full((len(picks), len(distinct)), -np.inf)
    np.maximum.at(day_best, (np.broadcast_to(draw, picks.shape), day_of[picks]), scores[picks])
    present = np.isfinite(day_best)  # the dates this resample holds
    best = np.maximum.accumulate(day_best, axis=1)
    kept = present.sum(axis=1) >= max(min_dates, 2)
    present, best = present[kept], best[kept]
    first = distinct[present.argmax(axis=1)]
    count = present.sum(axis=1)
    x = np.where(present, (distinct[None, :] - first[:, None]) / YEAR_DAYS, 0.0)
    y = np.where(present, best, 0.0)
    dx = np.where(present, x - (x.sum(axis=1) / count)[:, None], 0.0)
    dy = y - (y.sum(axis=1) / count)[:, None]
    return (dx * dy).sum(axis=1) / (dx * dx).sum(axis=1)


def interval(draws: np.ndarray, probs: tuple[float, float] = INTERVAL) -> tuple[float, float] | None:
    if len(draws) == 0:
        return None
    low, high = np.quantile(draws, probs)
    return float(low), float(high)


def round_step(value: float | None, step: float) -> float | None:
    """Rounded to a multiple of ``step``; None stays None and so does infinity or NaN."""
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


def measured_by_maker(entry: pd.Series) -> bool:
    """Whether an entry's score was measured by the model's own developer (``measured_by``: maker)."""
    return entry.get("measured_by") == "maker"


def best_independent(entries: pd.DataFrame) -> pd.Series | None:
    """The best of ``entries`` whose score is known to be measured by someone other than the model's developer
    (``measured_by``: third_party; unknown never counts as independent), the earliest of a tie; None: none."""
    rows = entries[entries["measured_by"] == "third_party"]
    if rows.empty:
        return None
    return rows.sort_values(["score_pct", "as_of_date"], ascending=[False, True], kind="stable").iloc[0]


MEASURE = "physical consistency"  # what a Physics-IQ score measures, one name in every title, axis and sentence
#: The data's model names in readers' words (data/ keeps the leaderboard's own names).
MODEL_WORDS = {"(best-of-N)": "(best of several tries)"}


def readers_model_names(physics: pd.DataFrame) -> pd.DataFrame:
    """``physics`` with each model named as readers read it: 'Sora 2 + WMReward (best of several tries)'."""
    model = physics["model"].astype(str)
    for code, said in MODEL_WORDS.items():
        model = model.str.replace(code, said, regex=False)
    return physics.assign(model=model)


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
    """When each release was announced (end of its month or year when the date is partial); NaT when no source
    dates it: an undated row is never placed at the date it was recorded."""
    return releases["announced_date"].map(lambda d: parse_period_end(d) if d else pd.NaT).astype("datetime64[ns]")


def entries_at_release(entries: pd.DataFrame, releases: pd.DataFrame) -> pd.DataFrame:
    """The entries whose model has a linked release with a known date, each placed at that date (the earliest
    of its linked releases) instead of the date it was added; the others are left out."""
    dated = release_date(releases).dropna()
    dates = dict(zip(releases.loc[dated.index, "release_id"], dated, strict=True))

    def released(ids) -> pd.Timestamp | None:
        known = [dates[r] for r in str(ids).split("; ") if r in dates] if isinstance(ids, str) else []
        return min(known) if known else None

    at = entries["release_id"].map(released)
    kept = entries[at.notna()]
    return kept.assign(added=kept["as_of_date"], as_of_date=pd.to_datetime(at[at.notna()]))


def coverage(releases: pd.DataFrame, physics: pd.DataFrame, company_ids: list[str], as_of) -> pd.DataFrame:
    """Every video or world-model release of the companies announced by ``as_of``, and whether any leaderboard
    entry (either benchmark, any input type, best-of-N included) added by then is linked to it."""
    rel = releases[releases["company_id"].isin(company_ids) & releases["kind"].isin(["video", "world_model"])]
    rel = rel.assign(announced=release_date(rel))
    known = rel["announced"].fillna(rel["as_of_date"])  # an undated release counts once a source records it
    rel = rel[known <= pd.Timestamp(as_of)]
    linked = physics[physics["release_id"].notna() & (physics["as_of_date"] <= pd.Timestamp(as_of))]
    linked = linked.assign(release_id=linked["release_id"].str.split("; ")).explode("release_id")
    entries = linked.groupby("release_id")["entry_id"].agg(lambda s: ", ".join(sorted(s)))
    out = rel[["company_id", "release_id", "model", "kind", "announced"]].assign(
        entries=rel["release_id"].map(lambda release: entries.get(release, ""))  # "" when never entered
    )
    out["on_leaderboard"] = out["entries"] != ""
    order = {c: i for i, c in enumerate(company_ids)}
    return out.sort_values(["company_id", "announced"], key=lambda s: s.map(order) if s.name == "company_id" else s)


#: how a leaderboard entry's input reads in a table
ENTRY_INPUT_WORDS = {"i2v": "from one image", "v2v": "from a video prefix"}


def entry_words(entry: pd.Series) -> str:
    """A leaderboard entry named for readers: its board and setting ("Physics-IQ, from one image")."""
    best_of_n = ", best of several outputs" if str(entry["best_of_n"]).lower() == "true" else ""
    return f"{BENCHMARK_NAMES[entry['benchmark']]}, {ENTRY_INPUT_WORDS[entry['input_type']]}{best_of_n}"


def release_table(covered: pd.DataFrame, physics: pd.DataFrame) -> pd.DataFrame:
    """``coverage`` for readers: each release by its display name and its entries by board and setting,
    never by their ids."""
    by_id = physics.set_index("entry_id")  # a linked entry is on a Physics-IQ board (``coverage``)
    entries = covered["entries"].map(
        lambda ids: "; ".join(entry_words(by_id.loc[i]) for i in ids.split(", ")) if ids else ""
    )
    return covered.assign(release=covered["model"], entries=entries)[
        ["company_id", "release", "kind", "announced", "entries", "on_leaderboard"]
    ]


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
    no_pace: str | None = None  # why no pace is published (too few records, too short a span, too wide an interval)


def setting_pace(
    physics: pd.DataFrame,
    benchmark: str,
    input_type: str,
    include_best_of_n: bool,
    as_of,
    n_boot: int,
    seed: int,
) -> Pace:
    """The entries that count under one setting, their frontier and its pace with its interval."""
    entries = leaderboard(physics, benchmark, input_type, include_best_of_n, as_of)
    return pace_of(entries, n_boot, seed)


def pace_of(entries: pd.DataFrame, n_boot: int, seed: int) -> Pace:
    """The frontier of ``entries`` (placed at ``as_of_date``) and its pace with its interval; no pace (and the
    reason) from too few records, too short a span, or an interval that includes no rise or is wider than
    the pace."""
    frontier = running_best(entries)
    best = float(frontier["best"].iloc[-1]) if len(frontier) else None
    reason = no_pace_reason(frontier)
    fit = None if reason else fit_pace(frontier)
    if fit is None:
        return Pace(entries, frontier, None, None, np.array([]), 0, None, best, reason)
    draws, dropped = bootstrap_pace(entries, n_boot, seed)
    pace_iv = interval(draws)
    unsettled = unsettled_pace_reason(fit[0], pace_iv)
    if unsettled:
        return Pace(entries, frontier, None, None, draws, dropped, None, best, unsettled)
    return Pace(entries, frontier, fit[0], fit[1], draws, dropped, pace_iv, best)


def setting_text(benchmark: str, input_type: str, include_best_of_n: bool) -> str:
    return (
        f"{BENCHMARK_NAMES[benchmark]}, {INPUT_NAMES[input_type]}, "
        f"{'best of several outputs included' if include_best_of_n else 'single outputs only'}"
    )


# --- the notebook's entry point: its declared results, tables, chart data and answer -----------------------

SOURCE_FILES = ["physics_benchmarks", "model_releases"]  # the data behind the notebook (its sources section)
ENTRY_COLUMNS = ["entry_id", "model", "company_id", "input_type", "score_pct", "score_sd", "best_of_n", "as_of"]
SHOWN_ENTRY_COLUMNS = [*ENTRY_COLUMNS, "source_url"]  # the leaderboard with each entry linked
READER_ENTRY_COLUMNS = [c for c in SHOWN_ENTRY_COLUMNS if c != "entry_id"]  # as readers see it: no ids
PAPER = "https://arxiv.org/abs/2501.09038"  # the benchmark's own paper: the models it tested

_PACE = "points a year"
_SCORE = {"kind": "points", "unit": "%", "digits": 3}  # a score as the leaderboard gives it, '22.8%': one rounding
_PACE_ENDS = (  # the ends of a pace's 90% interval
    Result("low", "Slow end", "number", unit=_PACE),
    Result("high", "Fast end", "number", unit=_PACE),
)
RESULTS = declare(
    Result("as_of", "Evidence as of", "date"),
    Result("benchmark", "Leaderboard", "status"),
    Result("input_type", "Input type that counts", "status"),
    Result("include_best_of_n", "Entries that pick the best of several outputs counted", "flag"),
    Result("threshold_pct", "Score that would count as understanding", "points", unit="%", digits=3),
    Result("entries_counted", "Entries that count", "count"),
    Result("best_score", "Best score that counts", **_SCORE),
    Result(
        "best_i2v_by_company",
        "Best single-output image-to-video score (original)",
        **_SCORE,
        by="company",
        reads="{}: best Physics-IQ score of its models starting from one image, one output per prompt",
    ),
    Result("frontier_best", "Best score on the leaderboard", **_SCORE, by="input_type"),
    Result("best_score_by_maker", "Best score measured by the model's own developer", "flag"),
    Result(
        "best_independent_score",
        "Best score measured by someone other than the model's maker",
        **_SCORE,
        reads="Best score known to be measured by someone other than the model's maker",
    ),
    Result("pace_pct_per_year", "Pace of the best score", "number", unit=_PACE),
    Result(
        "pace_interval",
        "90% interval of the pace",
        fields=_PACE_ENDS,
    ),
    Result("frontier_records", "Records of the best score (dates on which it rose)", "count"),
    Result("pace_by_release_pct_per_year", "Pace of the best score against release dates", "number", unit=_PACE),
    Result(
        "pace_by_release_interval",
        "90% interval of the pace against release dates",
        fields=_PACE_ENDS,
    ),
    Result("entries_with_release_date", "Entries that count whose model's release date is known", "count"),
    Result("world_models_scored", "World models of the three companies with an entry", "count"),
    Result("world_models", "World models the three companies released by the date", "count"),
)


@dataclass
class PhysicsAnalysis(Analysis):
    """Notebook 05: its tables and chart data (DataFrames), the chosen setting's pace, and its sentences."""

    chart_entries: pd.DataFrame  # every entry of the leaderboard added by as_of (ENTRY_COLUMNS, as_of_date)
    frontier: pd.DataFrame  # the running best of the entries that count
    standing: pd.DataFrame  # the article's three companies on the leaderboards
    releases: pd.DataFrame  # their releases and the entries linked to each
    pace_table: pd.DataFrame  # the fitted pace and the ends of its interval (empty without a pace)
    settings: pd.DataFrame  # the same fit under every setting
    sentence_test: pd.DataFrame  # the article's benchmark sentence, tested
    physion: pd.DataFrame  # Physion-Eval's glitch rates
    pace: Pace
    release_pace: Pace  # the same entries placed at their models' release dates (those with a known one)
    params: dict[str, Any]
    article: list[str]  # the article's companies (emphasised in the chart)
    names: dict[str, str]
    words: Any  # physics_words.Words: every sentence and caption the notebook shows

    DECLARATIONS: ClassVar[dict[str, Result]] = RESULTS

    def _named(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Companies by their names in the data (``companies.csv``), never their ids ("pika", "zhipu")."""
        return frame.assign(company_id=frame["company_id"].map(lambda c: self.names.get(c, c)))

    @property
    def entries_shown(self) -> pd.DataFrame:
        return self._named(self.chart_entries[READER_ENTRY_COLUMNS])

    @property
    def frontier_shown(self) -> pd.DataFrame:
        """The running best as readers see it: each record named by its model, not its entry id."""
        return self._named(self.frontier.drop(columns="entry_id"))


def standing_table(
    seen: pd.DataFrame, article: list[str], names: dict, best: dict[str, float | None], releases: pd.DataFrame
) -> pd.DataFrame:
    """Each of the article's companies: best score, entries, latest entry and releases without an entry."""
    rows = []
    for c in article:
        own = seen[seen["company_id"] == c]
        rows.append(
            {
                "company": names[c],
                "best_single_image_score": "no entry" if best[c] is None else f"{best[c]:.1f}",
                "entries_all_settings": len(own),
                "latest_entry_added": own["as_of"].max() if len(own) else "none",
                "releases_without_entry": int((~releases.loc[releases["company_id"] == c, "on_leaderboard"]).sum()),
            }
        )
    return pd.DataFrame(rows)


def pace_table(result: Pace) -> pd.DataFrame:
    """The fitted pace and the ends of its interval (to one decimal, as the chart's data). No time to the
    threshold: carrying the line to 100% would publish an extrapolation from a handful of dates."""
    if result.pace is None:
        return pd.DataFrame(columns=["", "points per year"])
    rows = [
        ("fitted", result.pace),
        ("fast end of the 90% interval", result.pace_interval[1]),
        ("slow end of the 90% interval", result.pace_interval[0]),
    ]
    return pd.DataFrame(rows, columns=["", "points per year"]).round(1)


def _pace_step(value: float) -> float | None:
    return round_step(value, PACE_STEP)


def settings_table(
    physics: pd.DataFrame, benchmark: str, as_of, n_boot: int, seed: int, known: dict | None = None
) -> pd.DataFrame:
    """The pace fitted on one leaderboard under every input type and best-of-N choice (same seed and draws;
    ``known``: paces already fitted with the same inputs, by (input type, best-of-N), reused).

    One leaderboard only: the two boards score on different scales, so their scores never share a table."""
    rows = []
    for b in (benchmark,):
        for kind in ("i2v", "v2v", "both"):
            for bon in (False, True):
                r = (known or {}).get((kind, bon)) or setting_pace(physics, b, kind, bon, as_of, n_boot, seed)
                iv = "" if r.pace_interval is None else "{:g} to {:g}".format(*map(_pace_step, r.pace_interval))
                rows.append(
                    {
                        "benchmark": b,
                        "input": kind,
                        "best-of-N": bon,
                        "entries": len(r.entries),
                        "frontier dates": len(r.frontier),
                        "records": record_count(r.frontier),
                        "span (years)": round(span_years(r.frontier), 1),
                        "best now": r.best,
                        "points per year": round_step(r.pace, PACE_STEP),
                        "90% interval": iv,
                        "no pace because": r.no_pace or "",
                    }
                )
    return pd.DataFrame(rows)


def _holder(physics: pd.DataFrame, frontier: pd.DataFrame) -> pd.Series:
    """The data row of the entry holding the frontier's latest best."""
    return physics.set_index("entry_id").loc[frontier["entry_id"].iloc[-1]]


def _ends(values: tuple[float, float] | None) -> dict[str, float] | None:
    return None if values is None else {"low": values[0], "high": values[1]}


def analyse(data: Dataset, params: dict[str, Any]) -> PhysicsAnalysis:
    """Notebook 05 from the validated data and its checked parameters: every table, chart's data, declared
    result and the answer."""
    from . import physics_words as w

    as_of, benchmark, input_type = params["as_of"], params["benchmark"], params["input_type"]
    best_of_n, threshold = params["include_best_of_n"], params["threshold_pct"]
    physics, names = readers_model_names(data.physics), data.names()  # every table, chart and sentence below
    article = list(data.companies.loc[data.companies["in_article"] == "true", "company_id"])
    boards = physics[physics["benchmark"].isin(LEADERBOARDS)]
    seen = boards[boards["as_of_date"] <= pd.Timestamp(as_of)]
    result = setting_pace(physics, benchmark, input_type, best_of_n, as_of, params["n_boot"], params["seed"])
    by_release = pace_of(entries_at_release(result.entries, data.releases), params["n_boot"], params["seed"])
    chart = leaderboard(physics, benchmark, "both", True, as_of)[[*SHOWN_ENTRY_COLUMNS, "as_of_date"]]
    releases = coverage(data.releases, physics, article, as_of)
    article_best = best_by_company(physics, article, as_of)
    independent = best_independent(result.entries)
    first_added = boards["as_of_date"].min()
    physion = physics[(physics["benchmark"] == "physion_eval") & (physics["as_of_date"] <= pd.Timestamp(as_of))]
    results = {
        "as_of": as_of,
        "benchmark": benchmark,
        "input_type": input_type,
        "include_best_of_n": best_of_n,
        "threshold_pct": threshold,
        "entries_counted": len(result.entries),
        "best_score": result.best,
        "best_score_by_maker": bool(len(result.frontier)) and measured_by_maker(_holder(physics, result.frontier)),
        "best_independent_score": None if independent is None else float(independent["score_pct"]),
        "best_i2v_by_company": best_by_company(physics, sorted(set(article) | set(boards["company_id"])), as_of),
        "frontier_best": frontier_best(physics, benchmark, best_of_n, as_of),
        "pace_pct_per_year": result.pace,
        "pace_interval": _ends(result.pace_interval),
        "frontier_records": record_count(result.frontier),
        "pace_by_release_pct_per_year": by_release.pace,
        "pace_by_release_interval": _ends(by_release.pace_interval),
        "entries_with_release_date": len(by_release.entries),
        "world_models_scored": int(((releases["kind"] == "world_model") & releases["on_leaderboard"]).sum()),
        "world_models": int((releases["kind"] == "world_model").sum()),
    }
    answer = w.finding(
        as_of, benchmark, input_type, best_of_n, threshold, result, article_best, names, releases,
        first_added.strftime("%Y-%m-%d"), physics, outside_sources(cited_rows(data, SOURCE_FILES, as_of)),
        by_release, independent,
    )  # fmt: skip
    return PhysicsAnalysis(
        results=results,
        answer=answer,
        chart_entries=chart,
        frontier=result.frontier,
        standing=standing_table(seen[seen["company_id"].isin(article)], article, names, article_best, releases),
        releases=release_table(
            releases.assign(announced=releases["announced"].dt.strftime("%Y-%m-%d").fillna("undated")), physics
        ),
        pace_table=pace_table(result),
        settings=settings_table(
            physics, benchmark, as_of, params["n_boot"], params["seed"], {(input_type, best_of_n): result}
        ),
        sentence_test=w.sentence_table(physics, seen, as_of, threshold),
        physion=physion[["subset", "model", "score_pct", "as_of", "source_url"]].rename(
            columns={"score_pct": "videos with a glitch (%)"}
        ),
        pace=result,
        release_pace=by_release,
        params=dict(params),
        article=article,
        names=names,
        words=w.words(params, result, len(chart), releases, seen, first_added, physion, by_release),
    )
