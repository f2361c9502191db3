"""Every chart of the collection, drawn from small synthetic inputs: plain-text ticks, collection colours,
and a phone variant whose text stays legible."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from prequel.analysis import funding_charts, operations_charts, winners_charts
from prequel.present import style

COMPANIES = ["runway", "openai", "google", "pika"]
NAMES = {"runway": "Runway", "openai": "OpenAI", "google": "Google", "pika": "Pika"}


@pytest.fixture(autouse=True)
def theme():
    style.apply_theme()
    yield
    plt.close("all")


def _capital_steps():
    rows = []
    for k, cid in enumerate(COMPANIES):
        for j, day in enumerate(("2021-01-01", "2023-06-01", "2025-03-01")):
            rows.append({"company_id": cid, "date": pd.Timestamp(day), "cumulative_raised_usd": 1e7 * 10**k * (j + 1),
                         "includes_estimates": j == 2})  # fmt: skip
    return funding_charts.capital_steps(pd.DataFrame(rows), NAMES, "2026-01-01", True)


def _stocks_and_flows():
    table = pd.DataFrame(
        {
            "capital_raised_usd": [8.6e8, 5.7e10, np.nan, 1.35e8],
            "post_money_usd": [5.3e9, 5e11, np.nan, 4.7e8],
            "market_cap_usd": [np.nan, np.nan, 4.67e12, np.nan],
            "company_id_for_color": COMPANIES,
        },
        index=[NAMES[c] for c in COMPANIES],
    )
    for column in ("capital_raised_usd", "post_money_usd", "market_cap_usd"):
        table[f"{column}_confidence"] = "reported"
    return funding_charts.stocks_and_flows(table, True)


def _audit_dots():
    audit = pd.DataFrame(
        {
            "company": ["Runway", "OpenAI", "Google"],
            "metric": ["total_raised_usd", "post_money_usd", "market_cap_usd"],
            "ratio": [0.00074, 1.0, 1300.0],
            "verdict": ["contradicted", "corroborated", "contradicted"],
        }
    )
    return funding_charts.audit_dots(audit, 1.25)


def _valuation_hist():
    rng = np.random.default_rng(0)
    values = np.exp(rng.normal(np.log(5e9), 0.6, 500))
    return operations_charts.valuation_hist(values, 5.3e9, values < 5.3e9)


def _runway_heatmap():
    cash = [3e8, 5e8]
    burn = [1e7, 2e7, 4e7]
    months = pd.DataFrame([[c / b for b in burn] for c in cash], index=cash, columns=burn)
    return operations_charts.runway_heatmap(months, months > 20)


def _demo_cdf():
    curve = pd.DataFrame({"month": np.arange(0, 61), "p_demo_by_month": 1 - np.exp(-np.arange(0, 61) / 20)})
    return operations_charts.demo_cdf(curve, np.random.default_rng(0).exponential(20, 300), (12, 24))


def _tornado_chart():
    rows = pd.DataFrame({"p_low": [0.1, 0.2], "p_high": [0.4, 0.3], "label": ["Net burn per month", "Cash"]})
    return operations_charts.tornado_chart(rows, 0.25)


def _scores_and_totals():
    scores = pd.DataFrame(
        {"Funding": [80, 60, 40], "API availability": [50, 70, 90]}, index=["Runway", "OpenAI", "Pika"]
    )
    total = scores.mean(axis=1)
    return winners_charts.scores_and_totals(scores, total, ["#D55E00", "#0072B2", "#8C8C8C"])


def _margin_tornado():
    rows = pd.DataFrame({"input": ["weight of API availability", "score of Runway on funding"], "base": [10.0, 10.0],
                         "low": [5.0, 8.0], "high": [14.0, 12.0]})  # fmt: skip
    return winners_charts.margin_tornado(rows, "Runway")


def _rank_acceptability():
    share = pd.Series({"Runway": 0.6, "OpenAI": 0.4})
    return winners_charts.rank_acceptability(share, ["#D55E00", "#0072B2"], 1000)


def _payoff_lines():
    grid = np.linspace(0, 1, 11)
    labels = ["Runway", "Runway's investors", "OpenAI", "Creative customers"]
    lines = pd.DataFrame({label: (2 - k) * grid - 1 for k, label in enumerate(labels)}, index=grid)
    breaks = pd.Series({label: 0.5 for label in labels}, dtype=object)
    return winners_charts.payoff_lines(lines, breaks, 0.3)


CHARTS = {
    "capital_steps": _capital_steps,
    "stocks_and_flows": _stocks_and_flows,
    "audit_dots": _audit_dots,
    "valuation_hist": _valuation_hist,
    "runway_heatmap": _runway_heatmap,
    "demo_cdf": _demo_cdf,
    "tornado_chart": _tornado_chart,
    "scores_and_totals": _scores_and_totals,
    "margin_tornado": _margin_tornado,
    "rank_acceptability": _rank_acceptability,
    "payoff_lines": _payoff_lines,
}


def tick_texts(fig):
    fig.canvas.draw()
    out = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            out += [t.get_text() for t in axis.get_ticklabels(which="both")]
    return [t for t in out if t]


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_tick_labels_are_plain_text(name):
    """No mathtext reaches a tick label: the theme turns mathtext off, so it would show as raw markup."""
    texts = tick_texts(CHARTS[name]())
    assert texts, f"{name}: no tick labels"
    bad = [t for t in texts if "mathdefault" in t or "\\" in t or (len(t) > 1 and t[0] == t[-1] == "$")]
    assert not bad, f"{name}: math markup in tick labels: {bad[:5]}"


def test_log_ratio_axis_reads_as_multiples():
    fig = _audit_dots()
    texts = [t.get_text() for t in (fig.canvas.draw() or fig.axes[0].xaxis.get_ticklabels())]
    assert {"0.1x", "1x", "10x"} <= set(texts), texts


def test_a_log_axis_a_chart_forgot_still_reads_as_numbers():
    fig, ax = plt.subplots()
    ax.plot([0.01, 100], [1, 2])
    ax.set_xscale("log")
    style.plain_ticks(fig)
    texts = tick_texts(fig)
    assert "0.1" in texts and "10" in texts and not any("$" in t for t in texts), texts


def test_percent_axes():
    fig = _demo_cdf()
    assert "40%" in [t.get_text() for t in (fig.canvas.draw() or fig.axes[0].yaxis.get_ticklabels())]


def test_payoff_lines_draw_companies_in_their_own_colours():
    fig = _payoff_lines()
    colors = {line.get_label(): matplotlib.colors.to_hex(line.get_color()) for line in fig.axes[0].lines}
    assert colors["Runway"].lower() == style.FOCUS["runway"].lower()
    assert colors["OpenAI"].lower() == style.FOCUS["openai"].lower()
    others = {colors["Runway's investors"], colors["Creative customers"]}
    assert not others & {c.lower() for c in style.FOCUS.values()} and len(others) == 2


@pytest.mark.parametrize("name", ["stocks_and_flows", "scores_and_totals", "capital_steps"])
def test_phone_variant_is_narrow_and_stacks_panels(name):
    fig = CHARTS[name]()
    size = tuple(fig.get_size_inches())
    png, width, height = style.narrow_variant(fig)
    assert tuple(fig.get_size_inches()) == size, "the figure is restored"
    # drawn at most ~1.6x the phone column, so 10 pt text shows at least ~7 px tall on a 390 px screen
    assert width <= style.NARROW_WIDTH * style.DPI * 1.6, (name, width)
    assert Image.open(io.BytesIO(png)).size[0] // style.SCALE == width
    if name == "stocks_and_flows":
        assert height > width, "the three panels are stacked"
