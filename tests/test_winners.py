"""The winners and losers model: flip weights, rank acceptability, payoffs, and the runner."""

import numpy as np
import pandas as pd
import pytest
from conftest import assert_answer_shape, number_of, results_of, run_in_process, said
from hypothesis import given, settings
from hypothesis import strategies as st

from prequel.analysis import winners as wl
from prequel.analysis import winners_words as ww
from prequel.results import Answer, sentence


def random_case(draw_scores, draw_weights):
    scores = pd.DataFrame(draw_scores, index=["a", "b", "c"], columns=["d1", "d2", "d3", "d4"])
    weights = pd.Series(draw_weights, index=scores.columns)
    return scores, weights / weights.sum()


score_rows = st.lists(st.lists(st.integers(0, 100).map(float), min_size=4, max_size=4), min_size=3, max_size=3)
weight_vec = st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4)


@settings(max_examples=60, deadline=None)
@given(score_rows, weight_vec)
def test_closed_form_flip_weight_agrees_with_a_brute_force_sweep(rows, raw_weights):
    scores, weights = random_case(rows, raw_weights)
    grid = np.linspace(0.0005, 0.9995, 2000)
    for i, j in (("a", "b"), ("a", "c"), ("b", "c")):
        delta = (scores.loc[i] - scores.loc[j]).to_numpy()
        for k, d in enumerate(weights.index):
            w = np.outer(1 - grid, weights.to_numpy() / (1 - weights[d]))  # others rescaled, vectorised over x
            w[:, k] = grid
            gaps = w @ delta
            changes = np.nonzero(np.sign(gaps[:-1]) * np.sign(gaps[1:]) < 0)[0]
            x = wl.flip_weight(scores, weights, i, j, d)
            if x is None:
                assert len(changes) == 0
            else:
                assert len(changes) == 1 and grid[changes[0]] <= x + 1e-9 and x <= grid[changes[0] + 1] + 1e-9
                assert wl.gap_at(scores, weights, i, j, d, x) == pytest.approx(0, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(score_rows, st.integers(0, 2**32 - 1))
def test_rank_acceptability_shares_sum_to_one(rows, seed):
    scores, _ = random_case(rows, [1, 1, 1, 1])
    share = wl.rank_first_share(scores, 500, seed)
    assert share.sum() == pytest.approx(1.0) and (share >= 0).all()


def test_a_dominant_company_always_ranks_first():
    scores = pd.DataFrame([[90, 90], [10, 10], [50, 50]], index=["a", "b", "c"], columns=["x", "y"], dtype=float)
    assert wl.rank_first_share(scores, 1000, 1)["a"] == 1.0


payoff = st.integers(-20, 20).map(lambda v: v / 10)  # the -2..+2 scale in steps of 0.1


@given(payoff, payoff)
def test_expected_payoff_is_linear_and_the_break_even_matches(a, b):
    p = np.linspace(0, 1, 11)
    e = wl.expected_payoff(a, b, p)
    assert np.allclose(np.diff(e, 2), 0, atol=1e-12)
    assert e[0] == pytest.approx(b) and e[-1] == pytest.approx(a)
    x = wl.break_even(a, b)
    if x is None:
        assert a == b or a * b >= 0
    else:
        assert 0 < x < 1 and float(wl.expected_payoff(a, b, x)) == pytest.approx(0, abs=1e-12)


@given(weight_vec, st.floats(0.2, 5))
def test_weights_normalize_and_scores_stay_on_the_scale(raw, spacing):
    w = wl.normalize(dict(zip(["d1", "d2", "d3", "d4"], raw, strict=False)), ["d1", "d2", "d3", "d4"])
    assert w.sum() == pytest.approx(1)
    anchors = np.array([0, 25, 50, 75, 100.0])
    spaced = 100 * (anchors / 100) ** spacing
    assert spaced[0] == 0 and spaced[-1] == pytest.approx(100) and np.all(np.diff(spaced) > 0)


def test_bad_weights_are_refused():
    for bad in ({"d1": -1, "d2": 2}, {"d1": 0, "d2": 0}):
        with pytest.raises(ValueError):
            wl.normalize(bad, ["d1", "d2"])


def test_the_article_view_with_equal_weights(dataset):
    scores = wl.score_table(dataset.levels, dataset.scales, "article", 1.0)
    total = wl.totals(scores, wl.normalize(None, list(scores.columns)))
    assert list(scores.index) == ["runway", "openai", "google"]
    verdicts = wl.check_verdicts(dataset.verdicts, scores, total).set_index("verdict_id")["outcome"]
    assert verdicts["runway_pivot"] == ("holds" if total.idxmax() == "runway" else "fails")
    assert verdicts["google_bench"] == "untestable"


@pytest.mark.slow
def test_parameters_change_results_through_the_runner(changed_run, rendered_site):
    base = results_of(rendered_site, "02_winners_losers")
    focus = results_of(changed_run, "02_winners_losers")  # all weight on world-model focus, p 0.9, OpenAI -2/+2
    assert sum(base["rank_first_share"].values()) == pytest.approx(1)
    # all weight on world-model focus: the company the article scores highest there leads
    assert focus["leader"] == "runway" and focus["total_score"]["runway"] == 67
    assert focus["total_score"] != base["total_score"]
    # robustness and both views are published, and shares are rounded to 5 points
    assert set(focus["verdict_robustness"]) == {"article", "sourced"}
    assert all(round(v / 0.05, 6).is_integer() for v in focus["rank_first_share"].values())
    assert "random weightings" in said(focus) and "sourced scores" in said(focus)
    assert focus["expected_payoff"]["runway"] == pytest.approx(0.9 * 2 + 0.1 * -1)
    assert base["expected_payoff"]["runway"] == pytest.approx(0.4 * 2 + 0.6 * -1)
    assert focus["break_even_p"]["openai"] == 0.5 and base["break_even_p"]["runway"] == pytest.approx(1 / 3, abs=1e-6)
    assert focus["expected_payoff"]["openai"] == pytest.approx(0.9 * -2 + 0.1 * 2)


@pytest.mark.parametrize(
    "args, message",
    [
        (["-p", "weights=fundng:1"], "did you mean 'funding'"),
        (["-p", "p_thesis=1.2"], "parameter 'p_thesis'"),
        (["-p", "weights=funding:0"], "not all be zero"),
        (["-p", 'payoff_overrides={"nobody": [1, 1]}'], "unknown name 'nobody'"),
        (["-p", "view=optimistic"], "one of 'article', 'sourced'"),
    ],
)
def test_bad_parameters_are_refused_with_the_known_names(tmp_path, args, message, capsys):
    code, stderr = run_in_process("02", "--out", str(tmp_path / "out"), *args, capsys=capsys)
    assert code == 2 and message in stderr, stderr


# ---- issue 9: deployable funding, verdict robustness, payoffs as a sweep


def test_funding_is_deployable_capital_never_a_market_cap(dataset):
    funding_rows = dataset.levels[dataset.levels["dimension"] == "funding"].set_index("company_id")
    assert set(funding_rows["funding_measure"]) <= {"capital_raised", "parent_capital_spending"}
    assert funding_rows.loc["google", "funding_measure"] == "parent_capital_spending"
    assert "market cap" not in " ".join(dataset.scales[dataset.scales["dimension"] == "funding"]["definition"]).lower()


def test_funding_levels_are_read_over_one_span_for_every_company(dataset):
    """Like with like (issue 23): each capital_raised level agrees with the capital raised within the one span
    every company is read over (the span of Google's capital spending), never a cumulative total."""
    assert wl.FUNDING_SPAN == ("2025-01-01", "2025-12-31")
    span = wl.funding_on_span(dataset.levels, dataset.rounds).set_index("company_id")
    assert span.loc["runway", "raised_in_span_usd"] == 308e6  # the Series D of April 2025
    assert span.loc["openai", "raised_in_span_usd"] == 40e9  # the SoftBank-led round, its tranche met 2025-12-30
    assert pd.isna(span.loc["google", "raised_in_span_usd"])  # no rounds: its parent's capital spending in 2025
    assert span["consistent"].all(), span
    assert span.loc["openai", "sourced_level"] == "heavily_funded" == span.loc["google", "sourced_level"]
    # OpenAI's cumulative total (about $150B) would be one level up: a level read over another span is caught
    moved = dataset.levels.copy()
    moved.loc[(moved["dimension"] == "funding") & (moved["company_id"] == "openai"), "sourced_level"] = "unconstrained"
    assert not wl.funding_on_span(moved, dataset.rounds).set_index("company_id").loc["openai", "consistent"]


def test_capital_in_a_span_counts_a_tranche_only_once_its_condition_is_met(dataset):
    early = wl.capital_in_span(dataset.rounds, ("2025-01-01", "2025-06-30"))
    assert early["openai"] == 10e9  # $40B announced, $30B of it conditional until 2025-12-30
    assert early["runway"] == 308e6
    assert wl.funding_level(99e6) == "small" and wl.funding_level(1e8) == "funded"
    assert wl.funding_level(1e10) == "heavily_funded" and wl.funding_level(1e11) == "unconstrained"


def test_a_market_cap_measure_is_refused(data_copy):
    from prequel.data import DataError, load_dataset

    path = data_copy / "company_levels.csv"
    text = path.read_text(encoding="utf-8")
    bad = text.replace(",parent_capital_spending,", ",market_cap,", 1)
    assert bad != text
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(DataError, match="funding_measure"):
        load_dataset(data_copy)


def test_verdict_flip_matches_a_brute_force_sweep_on_the_real_scores(dataset):
    scores = wl.score_table(dataset.levels, dataset.scales, "article", 1.0)
    w = wl.normalize(None, list(scores.columns))
    flip = wl.verdict_flip(scores, w, "runway")
    assert flip is not None and not wl.is_first(scores, w, "runway")
    grid = np.linspace(0, 1, 20001)
    ordered = scores.loc[["runway", *scores.index.drop("runway")]]
    nearest = min(
        float(np.min(np.abs(grid[_first_along(ordered, w, d, grid)] - w[d])))
        for d in w.index
        if _first_along(ordered, w, d, grid).any()
    )
    assert flip["distance"] == pytest.approx(nearest, abs=1e-4)


def _first_along(scores, weights, d, grid):
    """Vectorised: is "a" strictly first at each x of ``grid`` on the flip path of dimension d?"""
    w = np.outer(1 - grid, weights.to_numpy() / (1 - weights[d]))
    w[:, list(weights.index).index(d)] = grid
    t = w @ scores.to_numpy().T
    return t[:, 0] > t[:, 1:].max(axis=1)


@settings(max_examples=25, deadline=None)
@given(score_rows, weight_vec)
def test_verdict_flip_is_the_nearest_change_of_first_place(rows, raw_weights):
    scores, weights = random_case(rows, raw_weights)
    now = wl.is_first(scores, weights, "a")
    flip = wl.verdict_flip(scores, weights, "a")
    grid = np.linspace(0.0005, 0.9995, 1000)
    changes = [
        float(np.min(np.abs(grid[_first_along(scores, weights, d, grid) != now] - weights[d])))
        for d in weights.index
        if (_first_along(scores, weights, d, grid) != now).any()
    ]
    if flip is None:
        assert not changes or min(changes) < 2e-3  # at most a tie touched at the grid's resolution
    else:
        assert changes and flip["distance"] <= min(changes) + 2e-3


def test_robustness_of_one_dimension_verdicts_does_not_depend_on_weights(dataset):
    scores = wl.score_table(dataset.levels, dataset.scales, "sourced", 1.0)
    w = wl.normalize(None, list(scores.columns))
    share = wl.rank_first_share(scores, 2000, 1)
    robust = wl.verdict_robustness(dataset.verdicts, scores, w, share).set_index("verdict_id")
    assert robust.loc["runway_pivot", "share_holds"] == share["runway"]
    for vid in ("openai_funded", "openai_quality", "google_no_product"):
        assert robust.loc[vid, "share_holds"] == (1.0 if robust.loc[vid, "outcome"].startswith("holds") else 0.0)
    assert pd.isna(robust.loc["google_bench", "share_holds"])


@given(st.floats(0, 1))
def test_shares_round_to_five_points(x):
    r = wl.round_share(x)
    assert abs(r - x) <= 0.025 + 1e-9 and round(r / 0.05, 6).is_integer()


@given(payoff, payoff)
def test_the_payoff_sweep_runs_from_the_if_not_payoff_to_the_if_thesis_payoff(a, b):
    stake = pd.DataFrame({"payoff_if_thesis": [a], "payoff_if_not": [b]}, index=["s"])
    sweep = wl.payoff_sweep(stake, [0.0, 0.5, 1.0])
    assert sweep.iloc[0, 0] == pytest.approx(b) and sweep.iloc[0, -1] == pytest.approx(a)
    assert sweep.iloc[0, 1] == pytest.approx((a + b) / 2)


def _views(dataset, with_scores: bool = True) -> dict:
    views = {}
    for v in ("article", "sourced"):
        scores = wl.score_table(dataset.levels, dataset.scales, v, 1.0)
        w = wl.normalize(None, list(scores.columns))
        share = wl.rank_first_share(scores, 2000, 1)
        views[v] = {
            "leader": wl.totals(scores, w).idxmax(),
            "robust": wl.verdict_robustness(dataset.verdicts, scores, w, share),
            "share": share,
        } | ({"scores": scores} if with_scores else {})
    return views


def words_of(answer: Answer) -> dict:
    """The answer's words as published; a key number's value is the key of the result it shows."""
    return {
        "finding": sentence(answer.finding),
        "details": [sentence(d) for d in answer.details],
        "key_numbers": [{"label": n[0], "value": n[1]} for n in answer.key_numbers],
        "flip": sentence(answer.flip),
        "sourcing": answer.sourcing,
    }


def finding(*args, **kwargs) -> dict:
    return words_of(ww.winners_finding(*args, **kwargs))


def test_the_finding_states_robustness_and_the_other_view(dataset):
    answer = finding("article", False, _views(dataset, with_scores=False), dataset.names())
    assert_answer_shape(answer)
    text = said(answer)
    assert answer["finding"].startswith(
        "Not its main verdict in most weightings: Runway is first in about 40% of random weightings on the article's"
    )
    assert "random weightings" in answer["finding"] and "on sourced scores" in answer["finding"]
    assert "conditional on the world-model thesis" in text


def test_the_headline_counts_holding_verdicts_and_runway_s_share_from_the_results(dataset):
    names = dataset.names()
    labels = dict(zip(dataset.scales["dimension"], dataset.scales["dimension_label"], strict=False))
    views = _views(dataset)
    answer = finding("article", False, views, names, labels=labels)
    assert_answer_shape(answer)
    pivot = views["article"]["robust"].set_index("verdict_id").loc["runway_pivot"]
    share = f"{wl.round_share(pivot['share_holds']):.0%}"
    assert f"Runway is first in about {share} of random weightings on the article's own scores" in answer["finding"]
    top = views["sourced"]["share"]
    assert f"in none on sourced scores (Google (Alphabet) {ww.share_words(top.max(), '')})" in answer["finding"]
    views["sourced"]["pending"] = wl.aggregator_only(dataset.levels).set_axis(dataset.levels["company_id"])
    on_pages = int(views["sourced"]["pending"].sum())
    labelled = finding("article", False, views, names, labels=labels)
    unsettled = f"; sourced scores cannot settle it ({on_pages} of 15 from aggregator pages)."
    assert labelled["finding"].endswith(unsettled)
    assert number_of(labelled, "Verdicts that hold (sourced scores, ") == "verdicts_holding.sourced"
    del views["sourced"]["pending"]
    assert "equal weights OpenAI leads" in answer["details"][0]  # the one weighting comes after what holds across
    assert number_of(answer, "Verdicts that hold (article") == "verdicts_holding.article"
    assert number_of(answer, "Runway first") == "rank_first_share_by_view.article.runway"
    assert number_of(answer, "Weight of API availability") == "verdict_robustness.article.runway_pivot.flip.to"
    assert answer["flip"].startswith(
        f"Runway would take the lead on the article's own scores if the weight of API availability moved from "
        f"{pivot['weight_now']:.0%} to {pivot['flip_weight']:.0%}"
    )
    chosen = finding("sourced", True, views, names, labels=labels)
    assert chosen["finding"].startswith(
        "Not its main verdict in most weightings: Runway is first in no random weighting on sourced scores (Google "
        "(Alphabet) in all) and in about 40% on the article's own scores (OpenAI in about 60%)"
    )
    assert "; under the chosen weights Google (Alphabet) leads" in chosen["finding"]


def test_the_finding_counts_ties_and_untestable_verdicts_apart_and_says_never_when_dominated(dataset):
    names = dataset.names()
    labels = dict(zip(dataset.scales["dimension"], dataset.scales["dimension_label"], strict=False))
    views = _views(dataset)
    article = views["article"]["robust"].set_index("verdict_id")["outcome"]
    assert article["openai_funded"] == "holds (tied)" and article["google_bench"] == "untestable"
    answer = finding("article", False, views, names, labels=labels)
    text = said(answer)
    assert "of the article's 5 verdicts " + ww.outcome_counts(article) in text
    assert "1 holds only as a tie" in text and "1 cannot be tested" in text and "3 of 5 verdicts hold" not in text
    sourced = answer["details"][1]
    assert sourced.startswith("On sourced scores")
    assert wl.dominators(views["sourced"]["scores"], "runway") == ["google"]
    assert "Runway is never first (Google (Alphabet) is at least level on every dimension)" in sourced
    assert "about 0%" not in text and "_" not in text and "api availability" not in text
    assert "the weight of API availability moved" in text


def test_outcome_counts_and_dimension_words():
    assert ww.outcome_counts(["holds", "holds (tied)", "untestable", "fails", "fails"]) == (
        "1 holds, 1 holds only as a tie, 1 cannot be tested, 2 fail"
    )
    assert ww.dimension_words("api_availability", {"api_availability": "API availability"}) == "API availability"
    assert ww.dimension_words("video_quality", {"video_quality": "Video quality"}) == "video quality"
    assert ww.dimension_words("world_model_progress") == "world model progress"
    scores = pd.DataFrame({"a": [1, 2], "b": [3, 3]}, index=["x", "y"])
    assert wl.dominators(scores, "x") == ["y"] and wl.dominators(scores, "y") == []
