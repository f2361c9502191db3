"""The winners and losers model: flip weights, rank acceptability, payoffs, and the runner."""

import json

import numpy as np
import pandas as pd
import pytest
from conftest import REPO, run_in_process, run_runner
from hypothesis import given, settings
from hypothesis import strategies as st

from prequel.analysis import winners as wl


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
def test_parameters_change_results_through_the_runner(tmp_path):
    import nbformat

    from prequel.pipeline.site import collect_results

    def results(*args):
        out = tmp_path / str(len(list(tmp_path.iterdir())))
        result = run_runner("02", "--out", str(out), *args)
        assert result.returncode == 0, result.stderr
        return json.loads((out / "summary.json").read_text())["notebooks"]["02_winners_losers"]["results"]

    # the defaults' results are the committed notebook's (nbval keeps them equal to a fresh run)
    base = collect_results(nbformat.read(REPO / "notebooks" / "02_winners_losers.ipynb", as_version=4))
    focus = results("-p", "weights=world_model_focus:1", "-p", "p_thesis=0.9")
    sourced = results("-p", "view=sourced", "-p", 'payoff_overrides={"openai": [-2, 2]}')
    assert sum(base["rank_first_share"].values()) == pytest.approx(1)
    # all weight on world-model focus: the company the article scores highest there leads
    assert focus["leader"] == "runway" and focus["total_score"]["runway"] == 67
    assert focus["expected_payoff"]["runway"] == pytest.approx(0.9 * 2 + 0.1 * -1)
    assert base["expected_payoff"]["runway"] == pytest.approx(0.4 * 2 + 0.6 * -1)
    assert sourced["total_score"] != base["total_score"] and sourced["view"] == "sourced"
    assert sourced["break_even_p"]["openai"] == 0.5 and base["break_even_p"]["runway"] == pytest.approx(1 / 3, abs=1e-6)
    assert sourced["expected_payoff"]["openai"] == pytest.approx(0.4 * -2 + 0.6 * 2)


@pytest.mark.slow
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
