"""Physics evidence: running best, pace fit and threshold crossing against hand-computed cases; properties
over as_of; the data file against the research; and two runs through the runner (before the first entry,
and mid-2025)."""

import csv
import math

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, SHARED_RESEARCH, assert_answer_shape, number_of, results_of, said
from hypothesis import given
from hypothesis import strategies as st

from prequel.analysis import physics as ph
from prequel.data import DataError, load_dataset


def entries(rows: list[tuple[str, float]], best_of_n: tuple[bool, ...] = ()) -> pd.DataFrame:
    """Leaderboard rows (date added, score) of one benchmark and input type."""
    df = pd.DataFrame(
        {
            "entry_id": [f"e{i}" for i in range(len(rows))],
            "benchmark": "physics_iq",
            "input_type": "i2v",
            "model": [f"m{i}" for i in range(len(rows))],
            "company_id": "c",
            "score_pct": [s for _, s in rows],
            "best_of_n": ["true" if i < len(best_of_n) and best_of_n[i] else "false" for i in range(len(rows))],
            "as_of_date": pd.to_datetime([d for d, _ in rows]),
        }
    )
    return df


# --- hand-computed cases ---------------------------------------------------------------------------------


def test_running_best_by_hand():
    df = entries([("2025-01-10", 20), ("2025-01-10", 25), ("2025-03-01", 22), ("2025-06-01", 30), ("2025-08-01", 30)])
    front = ph.running_best(df)
    assert list(front["date"].dt.strftime("%Y-%m-%d")) == ["2025-01-10", "2025-03-01", "2025-06-01", "2025-08-01"]
    assert list(front["best"]) == [25, 25, 30, 30]
    assert list(front["entry_id"]) == ["e1", "e1", "e3", "e3"]  # a tie does not take the lead
    assert list(front["record"]) == [True, False, True, False]


def test_pace_fit_by_hand():
    # y = 10 + 20 * years exactly, so the slope is 20 points a year and the intercept 10
    days = [0, 100, 400, 700]
    df = pd.DataFrame(
        {
            "date": pd.Timestamp("2025-01-01") + pd.to_timedelta(days, unit="D"),
            "best": [10 + 20 * d / 365.25 for d in days],
        }
    )
    pace, intercept = ph.fit_pace(df)
    assert pace == pytest.approx(20) and intercept == pytest.approx(10)
    two = df.iloc[:2]
    assert ph.fit_pace(two) is None  # fewer dates than MIN_DATES_FOR_PACE
    assert ph.fit_pace(two, min_dates=2)[0] == pytest.approx(20)


def test_no_pace_when_its_interval_includes_no_rise_or_is_wider_than_the_pace():
    # review of issue 23: v2v read "15 (3 to 113)" and the release-date pace "13 (0-14)"
    assert ph.unsettled_pace_reason(15.0, (3.0, 113.0)) == "its 90% interval is wider than the pace itself"
    assert ph.unsettled_pace_reason(13.0, (0.0, 14.0)) == "its 90% interval includes no rise at all"
    assert ph.unsettled_pace_reason(13.0, (-1.0, 14.0)) == "its 90% interval includes no rise at all"
    assert ph.unsettled_pace_reason(13.0, (11.0, 18.0)) is None
    assert ph.unsettled_pace_reason(10.0, (5.0, 15.0)) is None  # as wide as the pace: still published
    assert ph.unsettled_pace_reason(10.0, None) is not None


def test_no_extrapolation_to_the_threshold_is_published(dataset):
    params = {"as_of": "2026-11-24", "benchmark": "physics_iq", "input_type": "i2v", "include_best_of_n": False,
              "threshold_pct": 100, "n_boot": 200, "seed": 1}  # fmt: skip
    a = ph.analyse(dataset, params)
    assert a.results["pace_pct_per_year"] is not None  # a pace, but never a time to 100%
    assert not [rid for rid in ph.RESULTS if "years" in rid or "threshold_interval" in rid]
    assert list(a.pace_table.columns) == ["", "points per year"]
    assert not [c for c in a.settings.columns if "threshold" in c or "years to" in c]
    assert "would reach" not in a.answer.finding and "years" not in a.answer.finding


def test_rounding_and_never():
    assert ph.round_step(13.38, 1) == 13 and ph.round_step(4.2, 0.5) == 4 and ph.round_step(4.3, 0.5) == 4.5
    assert ph.round_step(math.inf, 0.5) is None and ph.round_step(None, 1) is None


def test_bootstrap_is_reproducible_and_brackets_the_fit():
    df = entries([("2025-01-01", 10), ("2025-04-01", 15), ("2025-07-01", 19), ("2025-10-01", 26), ("2026-01-01", 30)])
    a, dropped_a = ph.bootstrap_pace(df, 500, 7)
    b, dropped_b = ph.bootstrap_pace(df, 500, 7)
    assert np.array_equal(a, b) and dropped_a == dropped_b and len(a) + dropped_a == 500
    pace, _ = ph.fit_pace(ph.running_best(df))
    low, high = ph.interval(a)
    assert low <= pace <= high


def test_best_of_n_is_left_out_unless_asked():
    df = entries([("2025-01-01", 10), ("2025-02-01", 50)], best_of_n=(False, True))
    assert list(ph.leaderboard(df, "physics_iq")["entry_id"]) == ["e0"]
    assert set(ph.leaderboard(df, "physics_iq", include_best_of_n=True)["entry_id"]) == {"e0", "e1"}


# --- properties over as_of ---------------------------------------------------------------------------------

DATES = st.dates(min_value=pd.Timestamp("2024-06-01").date(), max_value=pd.Timestamp("2027-01-01").date())


@given(a=DATES, b=DATES, benchmark=st.sampled_from(ph.LEADERBOARDS), kind=st.sampled_from(["i2v", "v2v", "both"]),
       bon=st.booleans())  # fmt: skip
def test_running_best_never_decreases_with_as_of(dataset, a, b, benchmark, kind, bon):
    early, late = sorted([pd.Timestamp(a), pd.Timestamp(b)])
    fe = ph.running_best(ph.leaderboard(dataset.physics, benchmark, kind, bon, early))
    fl = ph.running_best(ph.leaderboard(dataset.physics, benchmark, kind, bon, late))
    assert fl["best"].is_monotonic_increasing
    best_early = fe["best"].iloc[-1] if len(fe) else -math.inf
    best_late = fl["best"].iloc[-1] if len(fl) else -math.inf
    assert best_early <= best_late


@given(a=DATES, b=DATES, kind=st.sampled_from(["i2v", "v2v", "both"]), bon=st.booleans())
def test_an_earlier_as_of_never_sees_later_entries(dataset, a, b, kind, bon):
    early, late = sorted([pd.Timestamp(a), pd.Timestamp(b)])
    seen_early = ph.leaderboard(dataset.physics, "physics_iq", kind, bon, early)
    seen_late = ph.leaderboard(dataset.physics, "physics_iq", kind, bon, late)
    assert (seen_early["as_of_date"] <= early).all()
    assert set(seen_early["entry_id"]) <= set(seen_late["entry_id"])
    assert set(seen_late["entry_id"]) - set(seen_early["entry_id"]) == set(
        seen_late.loc[seen_late["as_of_date"] > early, "entry_id"]
    )


# --- the real data -------------------------------------------------------------------------------------------


def test_coverage_shows_absence_not_zero(dataset):
    cov = ph.coverage(dataset.releases, dataset.physics, ["runway", "openai", "google"], "2026-11-24").set_index(
        "release_id"
    )
    assert cov.loc["runway_gen_3_alpha", "on_leaderboard"]
    assert not cov.loc["runway_gwm_1_worlds_robotics_avatars", "on_leaderboard"]
    assert not cov.loc["runway_gen_4_5", "on_leaderboard"] and not cov.loc["google_genie_3", "on_leaderboard"]
    best = ph.best_by_company(dataset.physics, ["runway", "xai"], "2026-11-24")
    assert best == {"runway": 22.8, "xai": None}  # xAI is only on the Verified board: no entry, not zero


def test_finding_before_the_first_entry_is_a_sentence(dataset):
    result = ph.setting_pace(dataset.physics, "physics_iq", "i2v", False, "2024-01-01", 100, 1)
    assert result.best is None and result.pace is None and result.entries.empty
    answer, _ = _answer(dataset, as_of="2024-01-01")
    assert_answer_shape(answer, numbers=(1, 5), details=(1, 5))
    assert "no Physics-IQ entry counts" in answer["finding"] and "2025-02-19" in said(answer)


@pytest.mark.skipif(not SHARED_RESEARCH.is_dir(), reason="../shared/research is not beside the project")
def test_leaderboard_rows_are_the_research_rows():
    research = list(csv.DictReader((SHARED_RESEARCH / "physics_benchmarks.csv").open(encoding="utf-8")))
    ours = [r for r in csv.DictReader((DATA / "physics_benchmarks.csv").open(encoding="utf-8"))]
    key = lambda r: (r["benchmark"], r["model"], r["input_type"])  # noqa: E731
    mine = {key(r): r for r in ours if r["benchmark"] != "physion_eval"}
    assert len(mine) == len(research)
    for r in research:
        m = mine[key(r)]
        assert (m["company_id"], m["score_pct"], m["score_sd"], m["as_of"], m["reported_in"], m["source_url"]) == (
            r["developer"], r["score_pct"], r["score_sd"], r["date_added"], r["reported_in"], r["source_url"]
        )  # fmt: skip
        assert m["confidence"] == r["confidence"]
        assert (m["best_of_n"] == "true") == ("best-of-N" in r["model"])


@pytest.mark.skipif(not SHARED_RESEARCH.is_dir(), reason="../shared/research is not beside the project")
def test_physion_rates_are_stated_in_the_notes_with_their_url():
    notes = (SHARED_RESEARCH / "notes.md").read_text(encoding="utf-8")
    evidence = " ".join(notes.split("## Evidence for the thesis", 1)[1].split())  # the sourced section, not leads
    for row in csv.DictReader((DATA / "physics_benchmarks.csv").open(encoding="utf-8")):
        if row["benchmark"] == "physion_eval":
            assert f"{row['score_pct']}% of {row['subset']}" in evidence and row["source_url"] in evidence


def test_every_physics_row_has_provenance_and_every_column_is_documented():
    rows = list(csv.DictReader((DATA / "physics_benchmarks.csv").open(encoding="utf-8")))
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "`physics_benchmarks.csv`" in readme
    for column in rows[0]:
        assert f"`{column}`" in readme, column
    for row in rows:
        assert row["source_url"].startswith("https://") and row["reported_in"].startswith("https://")
        assert row["as_of"] and row["confidence"] in ("reported", "estimated", "disputed")
        assert row["source_tier"] in ("primary", "secondary")


@pytest.mark.parametrize(
    "old, new, column",
    [
        (",22.8,,false,", ",122.8,,false,", "score_pct"),
        (",Runway Gen 3,runway,", ",Runway Gen 3,nobody,", "company_id"),
        (",false,runway_gen_3_alpha,", ",false,runway_gen_9,", "release_id"),
    ],
)
def test_bad_physics_rows_are_refused_at_their_column(data_copy, old, new, column):
    path = data_copy / "physics_benchmarks.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    assert info.value.path.name == "physics_benchmarks.csv"
    assert (1, column) in {(r, c) for r, c, _ in info.value.problems}


def test_a_physion_row_without_its_subset_is_refused(data_copy):
    path = data_copy / "physics_benchmarks.csv"
    text = path.read_text(encoding="utf-8")
    assert ",exocentric,83.3," in text
    path.write_text(text.replace(",exocentric,83.3,", ",,83.3,"), encoding="utf-8")
    with pytest.raises(DataError, match="physion_eval row needs a subset"):
        load_dataset(data_copy)


# --- through the runner (one run each) ---------------------------------------------------------------------


@pytest.mark.slow
def test_before_the_first_entry_the_notebook_runs_with_empty_results_and_a_sentence(early_run):
    results = results_of(early_run, "05_physics_evidence")
    assert results["frontier_best"] == {"i2v": None, "v2v": None} and results["entries_counted"] == 0
    assert results["pace_pct_per_year"] is None and results["pace_interval"] is None
    assert "years_to_threshold_interval" not in results
    assert set(results["best_i2v_by_company"].values()) == {None}
    assert "no Physics-IQ entry counts" in results["finding"]


def test_mid_2025_sees_only_the_entries_added_by_then(dataset):
    as_of = "2025-06-30"
    physics = dataset.physics
    result = ph.setting_pace(physics, "physics_iq", "i2v", False, as_of, 200, 1)
    # by 2025-06-30: the paper's six models (2025-02-19), Magi-1 (2025-04-21), Video-GPT v2v (2025-05-22)
    assert ph.frontier_best(physics, "physics_iq", False, as_of) == {"i2v": 30.2, "v2v": 56.0}
    assert len(result.entries) == 7
    on_leaderboards = set(physics.loc[physics["benchmark"].isin(ph.LEADERBOARDS), "company_id"])
    best = ph.best_by_company(physics, sorted(on_leaderboards | {"runway", "openai", "google"}), as_of)
    assert best["runway"] == 22.8 and best["openai"] == 10
    assert best["nvidia"] is None  # Cosmos3 came in 2026
    assert result.pace is None  # two frontier dates: too few for a pace
    answer, _ = _answer(dataset, as_of=as_of)
    assert "No pace of the best score: 2 records over 2 months: a pace needs at least 4 records" in said(answer)


def _answer(dataset, as_of: str = "2026-11-24", threshold: float = 100):
    """Notebook 05's published answer with its default settings (through its entry point, 200 draws), and the
    pace behind it."""
    params = {"as_of": as_of, "benchmark": "physics_iq", "input_type": "i2v", "include_best_of_n": False,
              "threshold_pct": threshold, "n_boot": 200, "seed": 1}  # fmt: skip
    analysis = ph.analyse(dataset, params)
    published = analysis.published()
    numbers = [{"label": k["label"], "value": k["value"]} for k in published["key_numbers"]]  # as pages show them
    return published | {"key_numbers": numbers}, analysis.pace


def test_the_finding_carries_the_caveats_of_its_extrapolation(dataset):
    answer, result = _answer(dataset)
    text = said(answer)
    assert f"A straight line through its {len(result.frontier)} frontier dates" in text
    assert "has not risen since 2026-05-26" in text and "not a forecast" in text and "would reach" not in text
    assert "superseded by Physics-IQ Verified (first entries 2026-06-17), on another scale" in text
    assert "27%" not in text  # Sora 2's Verified score (26.5) is never set beside original-scale scores
    assert "Runway 22.8% (Runway Gen 3, added 2025-02-19, its only entry)" in text
    assert "OpenAI 42.3% (Sora 2, added 2026-04-01)" in text


def test_shared_models_match_by_release_or_name(dataset):
    both = ph.shared_models(dataset.physics, "2026-11-24").set_index("model")
    assert both.loc["Sora 2", "verified_pct"] == 26.5 and both.loc["Wan2.2", "verified_pct"] == 32.2
    assert (both["verified_pct"] < both["original_pct"]).all()
    assert ph.shared_models(dataset.physics, "2026-01-01").empty  # no Verified board yet


def test_the_headline_answers_with_the_best_score_and_the_pace(dataset):
    answer, result = _answer(dataset)
    assert_answer_shape(answer)
    top = result.frontier.iloc[-1]
    shown = f"{result.best:.3g}%"  # as the leaderboard gives it: one rounding on the page
    start = ph.START_WORDS["i2v"]
    assert answer["finding"].startswith(f"Partly: on Physics-IQ the best video model {start}reaches {shown} ")
    company = dataset.names()[top["company_id"]]
    said = f"({top['model']}, {company}'s own measurement; best known to be independent: 22.8%)"
    assert said in answer["finding"]
    pace, lo = ph.round_step(result.pace, ph.PACE_STEP), result.pace_interval[0]
    assert f"about {pace:g} points a year ({ph.round_step(lo, ph.PACE_STEP):g} to " in answer["finding"]
    assert number_of(answer, "Best score") == shown and number_of(answer, "Runway's best score") == "22.8%"
    above = f"{100 - result.best:.3g}"  # only a perfect score flips it: said as nothing flipping it
    assert answer["flip"].startswith(f"Nothing on the leaderboard flips it: only a model scoring 100%, {above} points")
    assert answer["sourcing"]["sources"] > 2  # the leaderboard and the paper behind each score
    lowered, _ = _answer(dataset, threshold=40)  # a threshold below the best score: the answer turns
    assert lowered["finding"].startswith("Yes, on this benchmark:") and "would reach" not in lowered["finding"]


# ---- issue 23: no pace from too few records or too short a span; pace against release dates ----------------


def _frontier_entries(points):
    return pd.DataFrame(
        {
            "entry_id": [f"e{i}" for i in range(len(points))],
            "model": [f"m{i}" for i in range(len(points))],
            "company_id": "c",
            "as_of_date": pd.to_datetime([d for d, _ in points]),
            "score_pct": [s for _, s in points],
        }
    )


def test_no_pace_from_too_few_records_or_too_short_a_span():
    short = _frontier_entries([("2026-06-17", 30.0), ("2026-08-24", 35.0), ("2026-09-04", 40.0)])
    r = ph.pace_of(short, 50, 1)  # three records over 2.6 months (Physics-IQ Verified today)
    assert r.pace is None and r.pace_interval is None
    assert r.no_pace == "3 records over 2.6 months: a pace needs at least 4 records over at least 1 year"
    flat = _frontier_entries([("2025-01-01", 30.0), ("2025-06-01", 29.0), ("2026-06-01", 31.0)])
    assert ph.pace_of(flat, 50, 1).no_pace.startswith("2 records over 17 months")  # many dates, two records
    three = _frontier_entries([("2025-01-01", 20.0), ("2025-07-01", 30.0), ("2026-01-02", 40.0)])
    assert ph.pace_of(three, 50, 1).no_pace.startswith("3 records over 12 months")  # three points: too few
    enough = _frontier_entries([("2025-01-01", 20.0), ("2025-05-02", 26.6), ("2025-09-01", 33.3), ("2026-01-02", 40.0)])
    r = ph.pace_of(enough, 50, 1)
    assert r.no_pace is None and r.pace == pytest.approx(20.0, rel=0.01)


def test_verified_today_publishes_no_pace_and_says_why(dataset):
    params = {"as_of": "2026-11-24", "benchmark": "physics_iq_verified", "input_type": "i2v",
              "include_best_of_n": False, "threshold_pct": 100, "n_boot": 100, "seed": 1}  # fmt: skip
    a = ph.analyse(dataset, params)
    assert a.results["pace_pct_per_year"] is None and "years_to_threshold" not in a.results
    assert "records over 2.6 months: a pace needs at least" in a.words.no_pace
    assert "points a year" not in a.answer.finding
    assert not any("original benchmark" in d for d in a.answer.details)  # no original-scale score beside it
    assert set(a.settings["benchmark"]) == {"physics_iq_verified"}  # one board's scale per table


def test_pace_against_release_dates_places_entries_at_their_models_release(dataset):
    entries = ph.leaderboard(dataset.physics, "physics_iq", "i2v", False, "2026-11-24")
    at = ph.entries_at_release(entries, dataset.releases).set_index("entry_id")
    # Sora 2 links two releases: the earlier date; entries without a linked, dated release are left out
    assert at.loc["piq_i2v_sora_2", "as_of_date"] == pd.Timestamp("2025-09-30")
    assert at.loc["piq_i2v_sora_2", "added"] == pd.Timestamp("2026-04-01")
    assert "piq_i2v_cosmos3_super" not in at.index and len(at) == 5


def test_an_undated_release_is_never_placed_at_the_snapshot(dataset):
    covered = ph.coverage(dataset.releases, dataset.physics, ["runway"], "2026-11-24").set_index("release_id")
    assert pd.isna(covered.loc["runway_gen_3_alpha_turbo_api", "announced"])  # counted, but never dated 2026-11-24
    assert pd.isna(ph.release_date(dataset.releases[dataset.releases["announced_date"].isna()])).all()


# ---- review of issue 23: wide intervals publish no pace; a maker's own score is named as such ----------------


def _defaults(dataset, **changes):
    params = {"as_of": "2026-11-24", "benchmark": "physics_iq", "input_type": "i2v", "include_best_of_n": False,
              "threshold_pct": 100, "n_boot": 2000, "seed": 20250219} | changes  # fmt: skip
    return ph.analyse(dataset, params)


def test_today_the_v2v_pace_and_the_release_date_pace_are_withheld_and_say_why(dataset):
    v2v = _defaults(dataset, input_type="v2v")
    assert v2v.results["pace_pct_per_year"] is None and v2v.results["pace_interval"] is None
    assert v2v.pace.no_pace.startswith("3 records over 15.1 months")  # the review's "15 (3 to 113)"
    v2v_bon = _defaults(dataset, input_type="v2v", include_best_of_n=True)
    assert v2v_bon.pace.no_pace == "its 90% interval is wider than the pace itself"  # 5 records, too wide
    assert "interval that shows a rise and is no wider than the pace itself" in v2v.words.no_pace
    i2v = _defaults(dataset)
    assert i2v.results["pace_pct_per_year"] is not None  # 5 records, a narrow interval: published
    assert i2v.results["pace_by_release_pct_per_year"] is None and i2v.results["pace_by_release_interval"] is None
    assert "Pace against release dates" not in [n[0] for n in i2v.answer.key_numbers]
    sentence = i2v.words.release_sentence.replace("\\", "")  # said in the body, not in the lead bullet
    assert "have a known release date, and they give no pace (3 records over" in sentence
    assert ") no pace" not in sentence  # the review's "(5 entries with a known release date) no pace: 3 records"


def test_a_best_score_measured_by_its_maker_is_named_so_beside_the_best_independent_one(dataset):
    a = _defaults(dataset)
    assert a.results["best_score_by_maker"] is True  # Cosmos3-Super: NVIDIA's own technical report
    assert a.results["best_independent_score"] == 22.8  # Runway Gen 3, scored by the benchmark's authors
    assert "(Cosmos3-Super, NVIDIA's own measurement; best known to be independent: 22.8%)" in a.answer.finding
    assert (  # Runway's model names its maker: the maker is not said again
        "the best score known to be measured by someone other than the model's maker is 22.8% (Runway Gen 3, "
        "added 2025-02-19)" in a.answer.details[1]
    )
    assert ("Best score known to be independent", "best_independent_score") in a.answer.key_numbers
    early = _defaults(dataset, as_of="2025-06-30")  # Magi-1 leads; who measured it is not in the sources
    assert early.results["best_score_by_maker"] is False and "own measurement" not in early.answer.finding


def test_best_independent_counts_only_third_party_measurements():
    rows = _frontier_entries([("2025-01-01", 30.0), ("2025-02-01", 40.0), ("2025-03-01", 50.0)])
    rows = rows.assign(measured_by=["third_party", "unknown", "maker"])
    assert ph.best_independent(rows)["score_pct"] == 30.0  # unknown is never counted as independent
    assert ph.best_independent(rows.assign(measured_by="maker")) is None


def _scalar_bootstrap_pace(entries, n_boot, seed, min_dates=ph.MIN_DATES_FOR_PACE):
    """The bootstrap one resample at a time (its code before it was vectorised): the reference."""
    days = entries["as_of_date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    scores = entries["score_pct"].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    slopes, dropped = [], 0
    for _ in range(n_boot):
        pick = rng.integers(0, len(days), len(days))
        distinct, best, _ = ph._frontier(days[pick], scores[pick])
        if len(distinct) < max(min_dates, 2):
            dropped += 1
            continue
        slopes.append(ph._slope((distinct - distinct[0]) / ph.YEAR_DAYS, best))
    return np.array(slopes), dropped


def _same_bootstrap(entries, n_boot, seed, min_dates=ph.MIN_DATES_FOR_PACE):
    slopes, dropped = ph.bootstrap_pace(entries, n_boot, seed, min_dates)
    expected, expected_dropped = _scalar_bootstrap_pace(entries, n_boot, seed, min_dates)
    assert dropped == expected_dropped and len(slopes) == len(expected)
    np.testing.assert_allclose(slopes, expected, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("input_type", ["i2v", "v2v", "both"])
@pytest.mark.parametrize("as_of", ["2025-06-30", "2026-11-24"])
def test_the_vectorised_bootstrap_equals_the_scalar_one_on_the_data(dataset, input_type, as_of):
    for benchmark in ph.BENCHMARK_NAMES:
        for best_of_n in (False, True):
            entries = ph.leaderboard(dataset.physics, benchmark, input_type, best_of_n, as_of)
            if len(entries):
                _same_bootstrap(entries, 300, 11)


@given(
    st.lists(st.tuples(st.integers(0, 900), st.sampled_from([10.0, 12.5, 20.0, 33.3, 41.0])), min_size=1, max_size=12),
    st.integers(0, 2**16),
    st.integers(1, 5),
)
def test_the_vectorised_bootstrap_equals_the_scalar_one_on_random_entries(rows, seed, min_dates):
    start = pd.Timestamp("2024-01-01")
    df = pd.DataFrame(
        {"as_of_date": [start + pd.Timedelta(days=d) for d, _ in rows], "score_pct": [s for _, s in rows]}
    )
    _same_bootstrap(df, 60, seed, min_dates)
