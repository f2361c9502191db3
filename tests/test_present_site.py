"""The front page in words: inputs formatted, result labels without ids, a counted heading, small thumbnails."""

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from prequel.pipeline import site


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("net_burn_monthly_usd", [25000000.0, 60000000.0], "$25M–$60M"),
        ("weights", None, "(all equal)"),
        ("weights", {"api_availability": 1.0, "world_model_focus": 3.0}, "API availability 1, world-model focus 3"),
        ("arr_growth_annual", 0.65, "65%"),
        ("demo_median_months", 14.0, "14"),
        ("p_thesis", 0.2, "20%"),
        ("strictness", "lenient", "lenient"),
        ("seed", None, "—"),
        ("companies", ["runway", "openai"], "Runway, OpenAI"),
        ("leaderboard", "physics_iq", "Physics-IQ"),
        ("payoff_overrides", {}, "(none)"),  # never a blank cell
    ],
)
def test_inputs_in_words(name, value, shown):
    assert site.param_text(name, value) == shown


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("probability.openai_demo_by_2027_12", "Probability: OpenAI: competing demo by December 2027"),
        ("p_must_raise", "P(must raise)"),
        (
            "verdict_robustness.article.runway_pivot.flip.to",
            "Verdict robustness: article, Runway: best positioned for the pivot, weight that flips it",
        ),
        ("other_evidence.p_cash_out_before_demo", "Other evidence: P(cash runs out before a demo)"),
    ],
)
def test_result_labels_without_ids(key, shown):
    assert site.key_label(key, company_first=False) == shown


def test_shares_are_percentages():
    assert site._value_text("verdict_robustness.article.runway_pivot.share_holds", 0.4) == "40%"


def test_heading_counts_the_cards():
    assert site.count_words(5) == "Five" and site.count_words(1) == "One"


def test_thumbnails_are_small():
    fig, ax = plt.subplots(figsize=(12, 7))
    ax.plot(range(100), [i**0.5 for i in range(100)])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200)
    plt.close(fig)
    original = base64.b64encode(buffer.getvalue()).decode()
    small = site.thumbnail(original)
    assert len(small) < len(original) / 3 and len(small) < 120_000
    from PIL import Image

    assert Image.open(io.BytesIO(base64.b64decode(small))).width == site.THUMB_WIDTH


def test_scenario_banner_has_description_and_a_link_to_base():
    banner = site.scenario_banner({"name": "bear"}, "02_winners_losers")
    assert banner["description"] and banner["base_href"] == "../base/02_winners_losers.html"
    assert "base_href" not in site.scenario_banner({"name": "base"}, "02_winners_losers")
    assert site.scenario_banner(None, "x") is None
