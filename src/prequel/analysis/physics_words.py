"""Words of the physics-evidence notebook: its answer, and the sentences and captions around its tables.

Every number in a sentence that restates a published result is formatted by that result's declaration
(``physics.RESULTS``), so it reads the same in the sentence, the key numbers and every page."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import SNAPSHOT_DATE
from ..present.labels import span
from ..present.report import esc, sourcing
from ..results import Answer, Result, format_value
from . import physics as ph

#: Physion-Eval's rates: a percent of the videos judged, shown like a score.
GLITCH = Result("glitch_pct", "Videos with a glitch", "points", unit="%")


def shown(rid: str, value: Any, part: str = "") -> str:
    """``value`` as the declaration of result ``rid`` (or of its field ``part``) shows it: '44%', '13 points a year'."""
    result = ph.RESULTS[rid]
    return format_value(result.field(part) or result if part else result, value)


def bare(rid: str, value: Any, part: str = "") -> str:
    """The same without its unit, for a range or a difference beside it: '11' in '(13 points a year, 11-18)'."""
    result = ph.RESULTS[rid]
    result = result.field(part) or result if part else result
    return format_value(dataclasses.replace(result, unit=""), value)


def finding(
    as_of: str,
    benchmark: str,
    input_type: str,
    include_best_of_n: bool,
    threshold: float,
    result: ph.Pace,
    article_best: dict[str, float | None],
    names: dict[str, str],
    missing: pd.DataFrame,
    first_added: str | None,
    physics: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    by_release: ph.Pace | None = None,
    independent: pd.Series | None = None,
) -> Answer:
    """The notebook's answer, from computed values only: the best score against the threshold, with the
    frontier's pace over its records, in one sentence. No time to the threshold: a straight line carried to
    100% is an extrapolation, shown in its section with its caveats, never in the answer.

    The details carry the pace's caveats: so many frontier dates and records over a span, flat since its last
    new best, the pace against the models' release dates (``by_release``), and (on the original leaderboard,
    given ``physics``) the successor board Physics-IQ Verified, on another scale (its scores are never set
    beside these); each company's best score names its model and date; what was never submitted. The flip:
    the score that would answer yes.

    When the best score was measured by the model's own developer (``measured_by``), the answer says so and
    gives the best score known to be measured by someone else (``independent``): the notebook's own first
    criterion asks for a measurement by a party other than the maker."""
    setting = ph.setting_text(benchmark, input_type, include_best_of_n)
    bench = ph.BENCHMARK_NAMES[benchmark]
    sourced = sourcing(sources if sources is not None else pd.DataFrame(columns=["source_url", "tier"]))
    limit = shown("threshold_pct", threshold)
    if result.best is None:
        first = f" (its first entries were added on {first_added})" if first_added else ""
        return Answer(
            f"Not measured yet: as of {as_of} no {bench} entry counts ({setting}), so there is no benchmark "
            "evidence either way",
            [
                f"{bench}{first or ' has no entries yet'}; {limit} would mean as close to reality as a second "
                "real recording"
            ],
            [(f"{bench} entries counted", "entries_counted"), ("Threshold", "threshold_pct")],
            f"A first {bench} entry in this setting would give the question a measured answer",
            sourced,
            names=ph.INPUT_TYPE_WORDS,  # the front page's rows keyed by input type read in words
        )
    top = result.frontier.iloc[-1]
    company = names.get(top["company_id"], top["company_id"])
    flag, by_maker = "", False
    if physics is not None and top["entry_id"] in set(physics["entry_id"]):
        row = physics.set_index("entry_id").loc[top["entry_id"]]
        flag = f", a {row['confidence']} entry" if row["confidence"] != "reported" else ""
        by_maker = ph.measured_by_maker(row)
    if by_maker:  # the notebook's own first criterion: measured by a party other than the maker
        flag = f"{flag}, {company}'s own measurement; " + _independent_best(independent)
        company = ""
    answer = "Yes, on this benchmark" if result.best >= threshold else "Partly"
    text = (
        f"{answer}: on {bench} the best video model {ph.START_WORDS[input_type]}reaches "
        f"{shown('best_score', result.best)} of a real recording's {ph.MEASURE} "
        f"({model_of(top['model'], company)}{flag})"
    )
    numbers = [(f"Best score ({bench}, {ph.INPUT_TYPE_WORDS.get(input_type, 'both inputs')})", "best_score")]
    if by_maker and independent is not None:
        numbers.append(("Best score known to be independent", "best_independent_score"))
    details = [f"As of {as_of} ({setting}); {limit} would mean as close to reality as a second real recording"]
    if by_maker:
        details.append(_independent_words(independent, names, top["model"]))
    if result.best >= threshold:
        flip = f"A best score below {limit} would make the answer partly"
    else:
        gap = bare("best_score", threshold - result.best)
        flip = (
            f"Nothing on the leaderboard flips it: only a model scoring {limit}, {gap} points above today's best, "
            "would make the answer yes"
        )
    if result.pace is None:
        details.append(f"No pace of the best score: {result.no_pace or 'no frontier'}")
    else:
        lo, hi = result.pace_interval
        pace = shown("pace_pct_per_year", result.pace)
        lo_text, hi_text = bare("pace_interval", lo, "low"), bare("pace_interval", hi, "high")
        frontier = result.frontier
        records = frontier[frontier["record"]]
        last_record = records["date"].iloc[-1] if len(records) else frontier["date"].iloc[0]
        flat = (
            f"; the best has not risen since {last_record:%Y-%m-%d}"
            if last_record < frontier["date"].iloc[-1] or last_record < pd.Timestamp(as_of)
            else ""
        )
        text += f"; up about {pace} ({lo_text} to {hi_text}) since {frontier['date'].iloc[0]:%Y-%m-%d}"
        details.append(
            f"A straight line through its {len(frontier)} frontier dates ({len(records)} records over "
            f"{ph.span_years(frontier):.1f} years) rises about {pace} (90% interval {lo_text} to {hi_text}){flat}; "
            "a line describes the past, it is not a forecast"  # the pace against release dates: in the body
        )
        numbers.append(("Pace of the best score", "pace_pct_per_year", "pace_interval"))
        if by_release is not None and by_release.pace is not None:
            numbers.append(("Pace against release dates", "pace_by_release_pct_per_year", "pace_by_release_interval"))
    if physics is not None and benchmark == "physics_iq":
        details += _verified(physics, as_of, input_type, include_best_of_n)
    if benchmark == "physics_iq":  # the companies' scores are on the original board's scale: never beside another's
        details += _companies(physics, article_best, names, as_of)
    if benchmark == "physics_iq" and article_best.get("runway") is not None:
        numbers.append(("Runway's best score", "best_i2v_by_company.runway"))
    gaps = missing[~missing["on_leaderboard"]] if len(missing) else missing
    if len(gaps):
        details.append(_never_submitted(gaps, names))
        if (gaps["kind"] == "world_model").any():
            numbers.append(
                ("World models of the three companies on the leaderboard", "world_models_scored", "world_models")
            )
    return Answer(text, details[:5], numbers, flip, sourced, names=ph.INPUT_TYPE_WORDS)


def _independent_best(independent: pd.Series | None) -> str:
    """The best score known to be independent in a few words, for the answer beside a maker's own score: the data
    record who ran each measurement (``measured_by``), not whether it was independent in any further sense."""
    if independent is None:
        return "none known to be independent"
    return f"best known to be independent: {shown('best_independent_score', float(independent['score_pct']))}"


def model_of(model: str, company: str) -> str:
    """A model and its maker, the maker once: 'Cosmos3-Super, NVIDIA', but 'Runway Gen 3' (its name names it)."""
    if not company or company.lower() in str(model).lower():
        return str(model)
    return f"{model}, {company}"


def _independent_words(independent: pd.Series | None, names: dict[str, str], model: str) -> str:
    """The detail behind a maker's own best score: the best score known to be measured by someone else."""
    head = f"{model}'s score is its maker's own measurement; "
    if independent is None:
        return head + "no score in this setting is known to be measured by someone other than the model's maker"
    company = names.get(independent["company_id"], independent["company_id"])
    score, model = shown("best_independent_score", float(independent["score_pct"])), independent["model"]
    return head + (
        f"the best score known to be measured by someone other than the model's maker is {score} "
        f"({model_of(model, company)}, added {independent['as_of_date']:%Y-%m-%d}); who ran most later entries is "
        "not in the sources"
    )


def release_words(by_release: ph.Pace | None) -> str:
    """The pace against the models' release dates, or why there is none: a sentence after 'With each entry at
    its model's release date (not the date it was added), '."""
    if by_release is None:
        return "no release dates are given"
    n = len(by_release.entries)
    known = f"{n} entr{'y has' if n == 1 else 'ies have'} a known release date"
    if by_release.pace is None:
        return f"{known}, and they give no pace ({by_release.no_pace or 'no frontier'})"
    lo, hi = by_release.pace_interval
    return (
        f"{known}, and the best score's pace reads about {shown('pace_by_release_pct_per_year', by_release.pace)} "
        f"({span(bare('pace_by_release_interval', lo, 'low'), bare('pace_by_release_interval', hi, 'high'))})"
    )


def _verified(physics: pd.DataFrame, as_of, input_type: str, include_best_of_n: bool) -> list[str]:
    """The successor leaderboard, on another scale: named with the models scored on both, never a score beside
    a score of the other board."""
    verified = ph.leaderboard(physics, "physics_iq_verified", "both", include_best_of_n, as_of)
    if verified.empty:
        return []
    line = (
        f"The original leaderboard has been superseded by {ph.BENCHMARK_NAMES['physics_iq_verified']} "
        f"(first entries {verified['as_of_date'].min():%Y-%m-%d}), on another scale: its scores are not "
        "comparable with these"
    )
    both = ph.shared_models(physics, as_of, input_type if input_type != "both" else "i2v")
    if len(both):
        line += f" ({len(both)} model{'s' if len(both) != 1 else ''} scored on both, such as {both.iloc[0]['model']})"
    return [line]


def _companies(physics: pd.DataFrame | None, article_best: dict, names: dict, as_of) -> list[str]:
    """Each of the article's companies' best single-output score, with its model and date."""
    entries = ph.best_entries_by_company(physics, list(article_best), as_of) if physics is not None else {}
    shown_ = []
    for company_id, score in article_best.items():
        name = names.get(company_id, company_id)
        detail = entries.get(company_id)
        score_text = shown("best_i2v_by_company", score)
        if score is None:
            shown_.append(f"{name} no entry")
        elif detail:
            only = ", its only entry" if detail["entries"] == 1 else ""
            shown_.append(f"{name} {score_text} ({detail['model']}, added {detail['date']}{only})")
        else:
            shown_.append(f"{name} {score_text}")
    return ["Best single-output image-to-video score on the original benchmark: " + ", ".join(shown_)] if shown_ else []


def _never_submitted(gaps: pd.DataFrame, names: dict) -> str:
    """The companies' world models and video releases without a leaderboard entry."""
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
    return line + " (absence of evidence, not a score of zero)"


def sentence_table(physics: pd.DataFrame, seen: pd.DataFrame, as_of, threshold: float) -> pd.DataFrame:
    """The article's benchmark sentence as four questions answered from the leaderboards (``seen``: the
    entries of either leaderboard added by ``as_of``)."""
    original = ph.leaderboard(physics, "physics_iq", "i2v", False, as_of)
    paper, later = original[original["reported_in"] == ph.PAPER], original[original["reported_in"] != ph.PAPER]
    runway = seen[seen["company_id"] == "runway"]

    def best(rows: pd.DataFrame, none: str) -> str:
        top = rows.loc[rows["score_pct"].idxmax()] if len(rows) else None
        return none if top is None else f"{top['score_pct']:.1f}% ({top['model']})"

    rows = [
        ("Best image-to-video score in the original paper's set", best(paper, "not added yet")),
        ("Best image-to-video score of a later single-output entry", best(later, "none yet")),
        (
            "Runway entries on either leaderboard",
            ", ".join(
                f"{r.model} ({ph.INPUT_TYPE_WORDS[r.input_type]}, {r.score_pct:.1f}%, added {r.as_of})"
                for r in runway.itertuples()
            )
            or "none",
        ),
        (
            f"Any entry at or above {shown('threshold_pct', threshold)} (any setting, best of several outputs "
            "included)",
            "yes" if (seen["score_pct"] >= threshold).any() else "no",
        ),
    ]
    return pd.DataFrame(rows, columns=["question", "answer"])


@dataclass(frozen=True)
class Words:
    """Every sentence and caption the notebook shows around its tables and charts (Markdown, data escaped)."""

    summary: str  # the setting and what counts, one line
    snapshot_note: str  # empty unless as_of is after the data snapshot
    no_chart: str  # instead of the chart when no entry counts
    evidence_note: str  # the evidence chart's source note
    no_pace: str  # instead of the pace chart when too few records or too short a span
    release_sentence: str  # the pace against the models' release dates
    pace_note: str  # the pace chart's source note
    standing_caption: str
    releases_sentence: str
    settings_caption: str
    test_caption: str
    verdict: str  # whether the article's sentence holds
    physion_sentence: str


def resamples_words(kept: int, dropped: int) -> str:
    """Where the pace's interval comes from, in plain words: 'the 90% interval from refitting the line to 1,989
    random resamples of the entries (11 more had too few dates to fit a line)'."""
    more = f" ({dropped:,} more had too few dates to fit a line)" if dropped else ""
    return f"the 90% interval from refitting the line to {kept:,} random resamples of the entries{more}"


def words(
    params: dict[str, Any],
    result: ph.Pace,
    charted: int,
    releases: pd.DataFrame,
    seen: pd.DataFrame,
    first_added: pd.Timestamp,
    physion: pd.DataFrame,
    by_release: ph.Pace | None = None,
) -> Words:
    """The notebook's sentences for one run (``seen``: leaderboard entries added by as_of)."""
    as_of, benchmark, input_type = params["as_of"], params["benchmark"], params["input_type"]
    bon, threshold = params["include_best_of_n"], params["threshold_pct"]
    bench, when, limit = ph.BENCHMARK_NAMES[benchmark], esc(as_of), shown("threshold_pct", threshold)
    worlds = releases[(releases["kind"] == "world_model") & ~releases["on_leaderboard"]]
    holds = not (seen["score_pct"] >= threshold).any()
    return Words(
        summary=f"as_of {as_of}; {benchmark}, {input_type}, best-of-N {'in' if bon else 'out'}; "
        f"{len(result.entries)} entries count, {charted} on the chart",
        snapshot_note=f"**Note:** the date of the analysis ({when}) is after the data snapshot ({SNAPSHOT_DATE}): "
        "entries added after the snapshot are not in the data."
        if pd.Timestamp(as_of) > pd.Timestamp(SNAPSHOT_DATE)
        else "",
        no_chart=f"No {esc(bench)} entry had been added by {when}: nothing to draw. The first entries of the "
        f"leaderboards were added on {first_added:%Y-%m-%d}.",
        evidence_note=f"Source: the {bench} leaderboard in the benchmark's README "
        "(google-deepmind/physics-IQ-benchmark on GitHub), each score with its paper. "
        f"As of {as_of}.",
        no_pace=f"No pace: {esc(result.no_pace or 'no frontier')} (rules stated in advance: at least "
        f"{ph.MIN_RECORDS_FOR_PACE} records of the best score over at least {ph.MIN_SPAN_YEARS:g} year, and a 90% "
        "interval that shows a rise and is no wider than the pace itself).",
        release_sentence=f"**With each entry at its model's release date** (not the date it was added), "
        f"{esc(release_words(by_release))}. Entries of models with no known release date are left out.",
        pace_note=f"{ph.setting_text(benchmark, input_type, bon)}; a pace only from at least "
        f"{ph.MIN_RECORDS_FOR_PACE} records over at least {ph.MIN_SPAN_YEARS:g} year, with a 90% interval above "
        "zero and no wider than the pace; "
        f"{resamples_words(len(result.draws), result.dropped)}. "
        f"Source: the {bench} leaderboard (google-deepmind/physics-IQ-benchmark on GitHub).",
        standing_caption=f"The article's three companies on the Physics-IQ leaderboards as of {as_of}",
        releases_sentence=f"**{int((~releases['on_leaderboard']).sum())}** of their {len(releases)} releases by "
        f"{when} have no entry, including **{len(worlds)}** world models. The world models the article is about "
        "are the ones never measured.",
        settings_caption=f"Pace of the best score under every setting, as of {as_of}",
        test_caption=f"The article's benchmark sentence, tested as of {as_of}",
        verdict=f"**The sentence holds as of {when}.** No model on either leaderboard reaches {limit}, and the "
        "only Runway model ever measured is Gen 3. What it leaves out: a public benchmark does exist, later models "
        "score clearly higher than the ones the paper tested, and Runway's newer models and its world model were "
        "never submitted to it."
        if holds
        else f"**The sentence no longer holds as of {when}:** an entry reaches {limit}.",
        physion_sentence=f"At least **{format_value(GLITCH, physion['score_pct'].min())}** of the videos judged "
        "had a visible physical error in every view judged: the same picture as Physics-IQ from another method."
        if len(physion)
        else f"Physion-Eval had not been published by {when}.",
    )
