"""Notebook 06 through the runner: with its defaults (the shared site), with each peer class, in the
scenarios that set it, and refusing an as_of before any run-rate with one line and nothing run."""

from __future__ import annotations

import pytest
from conftest import results_of, run_in_process, runner_in_process

from prequel.pipeline.scenarios import load
from prequel.pipeline.sources import discover

pytestmark = pytest.mark.slow
STEM = "06_valuation"


def test_the_defaults_through_the_runner(rendered_site):
    results = results_of(rendered_site, STEM)
    assert results["multiple_class"] == "both" and results["include_aggregator"] is False
    # every peer rests on aggregator pages alone: no share is the data's; those pages' shares are shown as theirs
    assert results["share_justified_without_thesis"] == {}
    assert set(results["share_on_aggregator_pages"]) == {"private_ai", "public_software"}
    assert results["valuation_usd"] == 5.3e9


@pytest.mark.parametrize(
    ("multiple_class", "expected"),
    [("private_ai", {"private_ai"}), ("public_software", {"public_software"})],
)
def test_each_multiple_class_through_the_runner(multiple_class, expected, tmp_path):
    out = tmp_path / multiple_class
    done = runner_in_process(
        STEM, "-p", f"multiple_class={multiple_class}", "-p", "include_aggregator=true", "-p", "n_draws=500",
        "--out", str(out), "--jobs", "1",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = results_of(out, STEM)
    assert set(results["peer_multiple_by_class"]) == expected
    assert set(results["share_justified_without_thesis"]) == expected


def test_the_scenarios_set_the_peer_class():
    stems = [n.stem for n in discover(warn=False)]
    assert load("bull", stems).parameters[STEM]["multiple_class"] == "private_ai"
    assert load("bear", stems).parameters[STEM]["multiple_class"] == "public_software"
    assert STEM not in load("base", stems).parameters


def test_an_as_of_before_any_run_rate_is_refused_before_any_kernel(capsys):
    code, err = run_in_process(STEM, "-p", "as_of=2023-01-31", capsys=capsys)
    assert code == 2
    assert "as_of" in err and "run-rate" in err and "Traceback" not in err
