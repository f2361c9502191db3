"""Notebook 05's entry point in-process (no kernel): declared results only and every one of them, the answer
and sentences on small hand-made fixtures with an edge case each, and each declaration kind's tolerance."""

import re

import numpy as np
import pandas as pd
import pytest

from prequel import SNAPSHOT_DATE
from prequel.analysis import physics as ph
from prequel.analysis import physics_words as w
from prequel.pipeline.sources import discover
from prequel.regression import compare_values, same
from prequel.results import ANSWER_IDS, leaves


@pytest.fixture(scope="module")
def defaults() -> dict:
    """The parameters notebook 05 declares, at their defaults (as the runner reads them)."""
    notebook = next(n for n in discover(warn=False) if n.stem == "05_physics_evidence")
    return {k: d.default for k, d in notebook.declared.items()}


@pytest.fixture(scope="module")
def analysis(dataset, defaults) -> ph.PhysicsAnalysis:
    return ph.analyse(dataset, defaults)


# --- the entry point on the real data --------------------------------------------------------------------


def test_the_entry_point_publishes_every_declared_result_and_nothing_else(analysis):
    declared = set(ph.RESULTS) - ANSWER_IDS
    assert set(analysis.results) == declared
    published = analysis.published()  # raises on an undeclared result or a key number naming no result
    assert set(published) == declared | {"finding", "details", "key_numbers", "flip", "sourcing", "names"}
    assert all(
        leaf.result.kind != "text" or leaf.value is None or leaf.key.startswith(tuple(ANSWER_IDS))
        for leaf in leaves(published, ph.RESULTS)
    )  # fmt: skip  (None: a withheld pace interval)
    assert isinstance(analysis, ph.PhysicsAnalysis) and analysis.DECLARATIONS is ph.RESULTS


def test_the_defaults_reproduce_the_published_answer(analysis):
    published = analysis.published()
    assert published["entries_counted"] == 13 and published["best_score"] == 43.8
    assert published["frontier_best"] == {"i2v": 43.8, "v2v": 59.7}
    assert published["pace_interval"]["low"] < published["pace_pct_per_year"] < published["pace_interval"]["high"]
    assert published["finding"] == (
        "Partly: on Physics-IQ the best video model starting from one image reaches 43.8% of a real recording's "
        "physical consistency (Cosmos3-Super, NVIDIA's own measurement; best known to be independent: 22.8%); up about "
        "13 points a year (11 to 18) since 2025-02-19."
    )  # no time to 100%: an extrapolation stays in its section, out of the answer, the front card and the README
    numbers = {k["key"]: k["value"] for k in published["key_numbers"]}
    assert numbers == {
        "best_score": "43.8%",
        "best_independent_score": "22.8%",  # the best score is NVIDIA's own: the best measured by another party
        "pace_pct_per_year": "13 (11 to 18)",  # the unit moves into the label
        "best_i2v_by_company.runway": "22.8%",
        "world_models_scored": "0 of 6",  # of the world models released (Google 5, Runway 1): never a bare 0
    }
    assert set(analysis.frames()) == {
        "chart_entries", "frontier", "standing", "releases", "pace_table", "settings", "sentence_test", "physion"
    }  # fmt: skip
    assert len(analysis.entries_shown) == 32 and list(analysis.entries_shown.columns) == ph.READER_ENTRY_COLUMNS
    for shown in (analysis.entries_shown, analysis.frontier_shown, analysis.physion):  # models, not entry ids
        assert "entry_id" not in shown.columns, list(shown.columns)


def test_the_releases_and_standing_tables_read_in_display_names_and_declared_labels(analysis, dataset):
    """Issue 25: no slugs ("runway gen 3 alpha", "piq i2v runway gen 3") and no jargon headers."""
    from prequel.present.labels import LABELS

    releases = analysis.releases.set_index("release")
    assert "release_id" not in analysis.releases.columns
    assert set(releases.index) <= set(dataset.releases["model"])  # the releases' own display names
    assert releases.loc["Gen-3 Alpha", "entries"] == "Physics-IQ, from one image"
    assert (
        releases.loc["Sora 2 + Sora app", "entries"]
        == "Physics-IQ, from one image; Physics-IQ Verified, from one image"
    )
    assert releases.loc["Gen-4", "entries"] == ""  # never entered
    shown = " ".join(analysis.releases[["release", "entries"]].astype(str).stack())  # the rest: ids put in words
    assert not re.search(r"\b(piqv?|i2v|v2v)\b|[a-z0-9]_[a-z0-9]", shown)
    assert {"release", "entries", "on_leaderboard"} <= set(LABELS)  # the other columns read well in plain words
    assert all(c in LABELS for c in analysis.standing.columns), list(analysis.standing.columns)


def test_the_settings_table_names_each_input_type_in_words(analysis):
    """Issue 25: 05's settings table read 'i2v' and 'v2v', the data's codes; the notebook passes their names."""
    from conftest import REPO
    from test_pages_layout import _shown_tables

    (page,) = _shown_tables(analysis.settings, values=ph.INPUT_NAMES)  # as notebook 05 shows it
    assert ">image-to-video (from one image)<" in page and not re.search(r">(i2v|v2v|both)<", page)
    assert "values=physics.INPUT_NAMES" in (REPO / "notebooks" / "05_physics_evidence.py").read_text()


def test_readers_see_one_name_for_the_measure_and_model_names_in_their_words(analysis, dataset):
    """Issue 25: a best-of-N entry's name reads '(best of several tries)' wherever the page shows it (data/ keeps
    the leaderboard's name); the chart's axis names the measure as the title and sentences do."""
    import matplotlib.pyplot as plt

    from prequel.analysis import physics_charts

    assert dataset.physics["model"].str.contains("(best-of-N)", regex=False).any()  # the data are unchanged
    shown = pd.concat([analysis.chart_entries["model"], analysis.frontier["model"]]).astype(str)
    assert (
        not shown.str.contains("best-of-N").any() and shown.str.contains("(best of several tries)", regex=False).any()
    )
    fig = physics_charts.evidence_chart_of(analysis)
    assert fig.axes[0].get_ylabel() == "Physics-IQ score (% physical consistency)"
    labels = [t.get_text() for t in fig.findobj(plt.Text)]
    assert not [t for t in labels if "best-of-N" in t or "variance" in t], labels
    plt.close(fig)
    fig = physics_charts.pace_chart_of(analysis)
    assert fig.axes[0].get_ylabel() == "Best Physics-IQ score so far (% physical consistency)"
    plt.close(fig)
    assert f"of a real recording's {ph.MEASURE}" in analysis.answer.finding


def test_an_entry_reads_as_its_board_and_setting():
    entry = pd.Series({"benchmark": "physics_iq_verified", "input_type": "v2v", "best_of_n": True})
    assert ph.entry_words(entry) == "Physics-IQ Verified, from a video prefix, best of several outputs"
    assert ph.entry_words(entry.replace(True, False)) == "Physics-IQ Verified, from a video prefix"


def test_before_the_first_entry_every_result_is_still_declared_and_empty(dataset, defaults):
    early = ph.analyse(dataset, defaults | {"as_of": "2024-01-01"})
    published = early.published()
    assert set(early.results) == set(ph.RESULTS) - ANSWER_IDS
    assert published["best_score"] is None and published["pace_interval"] is None
    assert published["frontier_best"] == {"i2v": None, "v2v": None}
    assert [k["key"] for k in published["key_numbers"]] == ["entries_counted", "threshold_pct"]
    assert early.pace_table.empty and early.chart_entries.empty
    assert "nothing to draw" in early.words.no_chart and "had not been published" in early.words.physion_sentence


# --- the answer on hand-made fixtures ------------------------------------------------------------------------


def entries(rows: list[tuple[str, float]], company: str = "c") -> pd.DataFrame:
    """Leaderboard rows (date added, score) of the original board, from one image, single outputs."""
    return pd.DataFrame(
        {
            "entry_id": [f"e{i}" for i in range(len(rows))],
            "benchmark": "physics_iq",
            "input_type": "i2v",
            "model": [f"m{i}" for i in range(len(rows))],
            "company_id": company,
            "score_pct": [s for _, s in rows],
            "best_of_n": "false",
            "as_of": [d for d, _ in rows],
            "as_of_date": pd.to_datetime([d for d, _ in rows]),
            "release_id": None,
            "reported_in": ["https://arxiv.org/abs/2501.09038"] + ["https://example.org/later"] * (len(rows) - 1),
            "confidence": "reported",
        }
    )


FRONT = entries([("2025-01-01", 20.0), ("2025-07-01", 30.0), ("2026-01-01", 43.8)])
NAMES = {"c": "Co", "runway": "Runway"}
NO_GAPS = pd.DataFrame(columns=["company_id", "model", "kind", "on_leaderboard"])


def pace(best: float = 43.8, rate=13.38, rates=(10.93, 17.67)) -> ph.Pace:
    """A pace with chosen numbers over FRONT's frontier (no bootstrap: the words alone are under test)."""
    front = ph.running_best(FRONT)
    if rate is None:
        return ph.Pace(FRONT, front, None, None, np.array([]), 0, None, best)
    return ph.Pace(FRONT, front, rate, 20.0, np.ones(9), 1, rates, best)


def answer(result: ph.Pace, threshold: float = 100, best=None, gaps=NO_GAPS):
    article_best = best if best is not None else {"runway": 22.8}
    return w.finding(
        "2026-11-24", "physics_iq", "i2v", False, threshold, result, article_best, NAMES, gaps, "2025-01-01"
    )


def test_the_finding_restates_each_number_at_its_declared_precision():
    a = answer(pace())
    assert a.finding == (
        "Partly: on Physics-IQ the best video model starting from one image reaches 43.8% of a real recording's "
        "physical consistency (m2, Co); up about 13 points a year (11 to 18) since "
        "2025-01-01"
    )
    assert a.flip == (  # issue 25: a flip line that flips nothing says so plainly
        "Nothing on the leaderboard flips it: only a model scoring 100%, 56.2 points above today's best, would make "
        "the answer yes"
    )
    assert (
        "rises about 13 points a year (90% interval 11 to 18); the best has not risen since 2026-01-01" in a.details[1]
    )
    assert a.details[2] == "Best single-output image-to-video score on the original benchmark: Runway 22.8%"
    assert a.key_numbers == [
        ("Best score (Physics-IQ, image-to-video)", "best_score"),
        ("Pace of the best score", "pace_pct_per_year", "pace_interval"),
        ("Runway's best score", "best_i2v_by_company.runway"),
    ]


def test_edge_the_slow_end_of_the_pace_never_reaches_the_threshold():
    a = answer(pace(rate=15.0, rates=(-2.0, 30.0)))
    assert a.finding.endswith("about 15 points a year (-2 to 30) since 2025-01-01")
    assert "years" not in a.finding and "years" not in a.flip


def test_edge_a_best_score_at_the_threshold_answers_yes_without_a_projection():
    a = answer(pace(), threshold=40)
    assert a.finding.startswith("Yes, on this benchmark: on Physics-IQ") and "would reach" not in a.finding
    assert a.flip == "A best score below 40% would make the answer partly"
    assert "years_to_threshold" not in [n[1] for n in a.key_numbers]


def test_edge_too_few_dates_for_a_pace_and_no_entry_at_all():
    few = answer(pace(rate=None), best={"runway": None})
    assert few.details[1] == "No pace of the best score: no frontier"
    assert "Runway no entry" in few.details[2] and [n[1] for n in few.key_numbers] == ["best_score"]
    empty = ph.Pace(FRONT.iloc[:0], ph.running_best(FRONT.iloc[:0]), None, None, np.array([]), 0, None, None)
    none = answer(empty)
    assert none.finding.startswith("Not measured yet: as of 2026-11-24 no Physics-IQ entry counts")
    assert none.details == [
        "Physics-IQ (its first entries were added on 2025-01-01); 100% would mean as close to reality as a second "
        "real recording"
    ]
    assert [n[1] for n in none.key_numbers] == ["entries_counted", "threshold_pct"]


def test_releases_never_submitted_are_named_as_absence_of_evidence():
    gaps = pd.DataFrame(
        {
            "company_id": ["runway", "runway", "c"],
            "model": ["GWM-1", "Gen-4", "V"],
            "kind": ["world_model", "video", "video"],
            "on_leaderboard": [False, False, False],
        }
    )
    a = answer(pace(), gaps=gaps)
    assert a.details[-1] == (
        "No world model of the article's three companies is on either leaderboard (Runway: GWM-1), and video "
        "releases without an entry: Runway 1, Co 1 (absence of evidence, not a score of zero)"
    )
    assert a.key_numbers[-1] == (
        "World models of the three companies on the leaderboard",
        "world_models_scored",
        "world_models",
    )
    videos_only = answer(pace(), gaps=gaps[gaps["kind"] == "video"])  # edge: no world model missing
    assert videos_only.details[-1].startswith("video releases without an entry: Runway 1, Co 1")  # capital: published
    assert "world_models_scored" not in [n[1] for n in videos_only.key_numbers]


def test_the_sentence_table_and_its_edge_before_any_entry():
    table = w.sentence_table(FRONT, FRONT, "2026-11-24", 100).set_index("question")["answer"]
    assert table["Best image-to-video score in the original paper's set"] == "20.0% (m0)"
    assert table["Best image-to-video score of a later single-output entry"] == "43.8% (m2)"
    assert table["Runway entries on either leaderboard"] == "none"
    assert table["Any entry at or above 100% (any setting, best of several outputs included)"] == "no"
    early = w.sentence_table(FRONT, FRONT.iloc[:0], "2024-01-01", 100)["answer"].tolist()
    assert early == ["not added yet", "none yet", "none", "no"]


def test_the_notebook_sentences_and_their_edges():
    params = {"as_of": "2026-11-24", "benchmark": "physics_iq", "input_type": "i2v", "include_best_of_n": False,
              "threshold_pct": 40.0, "n_boot": 10}  # fmt: skip
    releases = pd.DataFrame({"kind": ["world_model", "video"], "on_leaderboard": [False, True]})
    physion = pd.DataFrame({"score_pct": [93.5, 83.3]})
    said = w.words(params, pace(), 3, releases, FRONT, FRONT["as_of_date"].min(), physion)
    assert said.verdict == "**The sentence no longer holds as of 2026\\-11\\-24:** an entry reaches 40%."
    assert said.physion_sentence.startswith("At least **83%** of the videos judged")
    assert said.releases_sentence.startswith(
        "**1** of their 2 releases by 2026\\-11\\-24 have no entry, including **1**"
    )
    assert (
        said.snapshot_note == ""
        and said.settings_caption == "Pace of the best score under every setting, as of 2026-11-24"
    )
    assert said.pace_note.startswith(
        "Physics-IQ, image-to-video (from one image), single outputs only; a pace only from at least 4 records over "
        "at least 1 year, with a 90% interval above zero and no wider than the pace; the 90% interval from refitting "
        "the line to 9 random resamples of the entries (1 more had too few dates to fit a line)"
    )  # issue 25: plain words, never '9 resampled draws kept of 10'
    assert (
        w.resamples_words(1989, 0)
        == "the 90% interval from refitting the line to 1,989 random resamples of the entries"
    )
    later = w.words(params | {"as_of": "2027-01-31", "threshold_pct": 100.0}, pace(), 3, releases, FRONT,
                    FRONT["as_of_date"].min(), physion.iloc[:0])  # fmt: skip
    assert later.snapshot_note.startswith(
        "**Note:** the date of the analysis (2027\\-01\\-31) is after the data snapshot"
    )
    assert SNAPSHOT_DATE in later.snapshot_note and later.verdict.startswith("**The sentence holds as of 2027")
    assert later.physion_sentence == "Physion-Eval had not been published by 2027\\-01\\-31."


# --- each declaration kind's tolerance ------------------------------------------------------------------------

# (result, value, a value just outside its tolerance); exact kinds: any change is outside
CASES = {
    "date": ("as_of", "2026-11-24", "2026-11-25"),
    "status": ("benchmark", "physics_iq", "physics_iq_verified"),
    "flag": ("include_best_of_n", False, True),
    "count": ("entries_counted", 13, 14),
    "text": ("finding", "Partly: ... reaches 44% ...", "Partly: ... reaches 45% ..."),
    "points": ("best_score", 43.8, None),
    "number": ("pace_pct_per_year", 13.380904408121516, None),
}


def test_every_kind_declared_is_exercised():
    kinds = {leaf.result.kind for r in ph.RESULTS.values() for leaf in leaves({r.id: 1}, {r.id: r})}
    kinds |= {f.kind for r in ph.RESULTS.values() for f in r.fields}
    assert kinds <= set(CASES)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_change_just_inside_the_tolerance_is_the_same_result_and_just_outside_is_not(kind):
    rid, value, outside = CASES[kind]
    result = ph.RESULTS[rid]
    assert result.kind == kind
    if outside is None:  # a number: its relative tolerance decides
        assert not result.exact and result.rel_tol > 0
        assert same(result, value, value * (1 + 0.9 * result.rel_tol))
        assert same(result, value, value * (1 - 0.9 * result.rel_tol))
        assert not same(result, value, value * (1 + 1.1 * result.rel_tol))
        assert not same(result, value, value * (1 - 1.1 * result.rel_tol))
    else:
        assert result.exact and same(result, value, type(value)(value))
        assert not same(result, value, outside)


def test_the_regression_ignores_noise_and_names_a_real_change(analysis):
    published = analysis.published()

    def nudge(value, factor):
        if isinstance(value, dict):
            return {k: nudge(v, factor) for k, v in value.items()}
        if isinstance(value, float):
            return value * factor
        return value

    noisy = {k: nudge(v, 1 + 1e-12) for k, v in published.items()}
    assert compare_values("05_physics_evidence", published, noisy, ph.RESULTS) == []
    moved = published | {"pace_interval": published["pace_interval"] | {"low": published["pace_interval"]["low"] + 1}}
    (diff,) = compare_values("05_physics_evidence", published, moved, ph.RESULTS)
    assert diff.key == "pace_interval.low" and diff.label == "90% interval of the pace, slow end"
    assert (diff.old_text, diff.new_text) == ("11 points a year", "12 points a year")
