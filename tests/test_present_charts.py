"""Every chart of the collection, drawn from small synthetic inputs: plain-text ticks, collection colours,
and a phone variant whose text stays legible."""

import functools
import io
import re
from itertools import pairwise

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import REPO
from matplotlib.transforms import Bbox
from PIL import Image

from prequel.analysis import (
    demo_timing,
    funding_charts,
    operations,
    operations_charts,
    operations_words,
    physics_charts,
    prediction_charts,
    predictions,
    winners_charts,
)
from prequel.pipeline.sources import discover
from prequel.present import style
from prequel.present.labels import span
from prequel.present.report import money, pct

COMPANIES = ["runway", "openai", "google", "pika"]
NAMES = {"runway": "Runway", "openai": "OpenAI", "google": "Google", "pika": "Pika"}


@pytest.fixture(autouse=True)
def theme():
    style.apply_theme()
    yield
    plt.close("all")


# Each builder draws one chart from small synthetic inputs; ``k`` (0 or 1) changes the data or the
# parameter the chart's finding rests on, so the two titles must differ.


def _capital_steps(k=0):
    rows = []
    for n, cid in enumerate(COMPANIES):
        for j, day in enumerate(("2021-01-01", "2023-06-01", "2025-03-01")):
            scale = 1e7 * 10**n * (j + 1) * (2 if k and cid == "runway" else 1)
            rows.append({"company_id": cid, "date": pd.Timestamp(day), "cumulative_raised_usd": scale,
                         "includes_estimates": j == 2})  # fmt: skip
    return funding_charts.capital_steps(pd.DataFrame(rows), NAMES, "2026-01-01", True)


def _stocks_and_flows(k=0):
    table = pd.DataFrame(
        {
            "capital_raised_usd": [8.6e8, 5.7e10, np.nan, 1.35e8],
            "post_money_usd": [5.3e9, 3e11 if k else 5e11, np.nan, 4.7e8],
            "market_cap_usd": [np.nan, np.nan, 2e12 if k else 4.67e12, np.nan],
            "company_id_for_color": COMPANIES,
        },
        index=[NAMES[c] for c in COMPANIES],
    )
    for column in ("capital_raised_usd", "post_money_usd", "market_cap_usd"):
        table[f"{column}_confidence"] = "reported"
    return funding_charts.stocks_and_flows(table, True)


def _audit_dots(k=0):
    audit = pd.DataFrame(
        {
            "company": ["Runway", "OpenAI", "Google"],
            "metric": ["total_raised_usd", "post_money_usd", "market_cap_usd"],
            "ratio": [1.1 if k else 0.00074, 1.0, 1300.0],
            "verdict": ["corroborated" if k else "contradicted", "corroborated", "contradicted"],
        }
    )
    audit = audit.assign(verdict_kind=audit["verdict"], sourced_pages=1, aggregator_pages=0)
    return funding_charts.audit_dots(audit, 1.25)


def _down_round_depths(k=0):
    rng = np.random.default_rng(0)
    values = np.exp(rng.normal(np.log(5e9), 0.6, 500))
    post_money = 4e9 if k else 5.3e9
    return operations_charts.down_round_depths(values, post_money, values < post_money)


def _runway_heatmap(k=0):
    cash = [3e8, 9e8] if k else [3e8, 5e8]
    burn = [1e7, 2e7, 4e7]
    months = pd.DataFrame([[c / b for b in burn] for c in cash], index=cash, columns=burn)
    return operations_charts.runway_heatmap(months, months > 20)


def _demo_cdf(k=0):
    curve = pd.DataFrame({"month": np.arange(0, 61), "p_demo_by_month": 1 - np.exp(-np.arange(0, 61) / 20)})
    window = (30, 40) if k else (12, 24)
    return operations_charts.demo_cdf(curve, np.random.default_rng(0).exponential(20, 300), window)


def _tornado_chart(k=0):
    rows = pd.DataFrame(
        {
            "p_low": [0.1, 0.2, 0.22],
            "p_high": [0.4, 0.9 if k else 0.3, 0.27],
            "assumption": ["net_burn_monthly_usd", "cash_usd", "cost_growth_annual"],
            "low_setting": [(1e7, 1e7), (3e8, 3e8), 0.15],
            "high_setting": [(4e7, 4e7), (5e8, 5e8), 0.45],
        }
    )
    return operations_charts.tornado_chart(rows, 0.25)


def _scores_and_totals(k=0):
    scores = pd.DataFrame(
        {"Funding": [80, 60, 40], "API availability": [50, 70, 90 + 50 * k]}, index=["Runway", "OpenAI", "Pika"]
    )
    total = scores.mean(axis=1)
    return winners_charts.scores_and_totals(scores, total, ["#D55E00", "#0072B2", "#8C8C8C"])


def _margin_tornado(k=0):
    rows = pd.DataFrame({"input": ["weight of API availability", "score of Runway on funding"], "base": [10.0, 10.0],
                         "low": [-5.0 if k else 5.0, 8.0], "high": [14.0, 12.0]})  # fmt: skip
    return winners_charts.margin_tornado(rows, "Runway")


def _rank_acceptability(k=0):
    share = pd.Series({"Runway": 0.3, "OpenAI": 0.7} if k else {"Runway": 0.6, "OpenAI": 0.4})
    return winners_charts.rank_acceptability(share, ["#D55E00", "#0072B2"], 1000)


def _payoff_lines(k=0):
    grid = np.linspace(0, 1, 11)
    labels = ["Runway", "Runway's investors", "OpenAI", "Creative customers"]
    lines = pd.DataFrame({label: (2 - n) * grid - 1 for n, label in enumerate(labels)}, index=grid)
    breaks = pd.Series({label: 0.5 for label in labels}, dtype=object)
    return winners_charts.payoff_lines(lines, breaks, 0.8 if k else 0.3)


def _timeline(k=0):
    predictions = pd.DataFrame(
        {
            "prediction_id": ["demo", "rival"],
            "company_id": ["runway", "openai"],
            "label": ["Runway: demo by June 2027", "OpenAI: demo by December 2027"],
            "made_date": pd.to_datetime(["2026-04-29", "2026-04-29"]),
            "deadline_date": pd.to_datetime(["2027-06-30", "2027-12-31"]),
            "predicted_date": [None, None],
            "predicted_end": pd.NaT,
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["e1"],
            "prediction_id": ["demo"],
            "as_of_date": pd.to_datetime(["2026-06-23"]),
            "event": ["A robotics demo"],
            "lenient": ["qualifies"],
            "strict": ["no"],
        }
    )
    reading = "lenient" if k else "strict"
    open_ids = ["rival"] if k else ["demo", "rival"]
    dates = pd.date_range("2026-12-01", "2028-03-01", freq="MS")
    curves = pd.concat(
        [
            pd.DataFrame({"date": dates, "p_claim": np.linspace(0.05, 0.4, len(dates)), "prediction_id": i})
            for i in open_ids
        ]
    )
    status = {"demo": "resolved_yes" if k else "open", "rival": "open"}
    return prediction_charts.timeline(predictions, events, curves, "2026-11-24", reading,
                                      {"runway": "#D55E00", "openai": "#0072B2"}, 14, status=status)  # fmt: skip


def _physics_entries(k=0):
    return pd.DataFrame(
        {
            "company_id": ["runway", "openai", "other"],
            "as_of_date": pd.to_datetime(["2025-02-19", "2026-04-01", "2026-05-26"]),
            "score_pct": [23.0, 42.0, 61.0 if k else 44.0],
            "input_type": ["i2v", "i2v", "i2v"],
            "best_of_n": ["false", "false", "false"],
            "model": ["Gen 3", "Sora 2", "Cosmos"],
        }
    )


def _evidence_chart(k=0):
    entries = _physics_entries(k)
    frontier = pd.DataFrame({"date": entries["as_of_date"], "best": entries["score_pct"].cummax()})
    return physics_charts.evidence_chart(entries, frontier, ["runway", "openai"], dict(style.FOCUS),
                                         {"runway": "Runway", "openai": "OpenAI"}, 100.0, "2026-11-24")  # fmt: skip


def _pace_chart(k=0):
    entries = _physics_entries(k)
    frontier = pd.DataFrame({"date": entries["as_of_date"], "best": entries["score_pct"].cummax()})
    pace = 20.0 if k else 13.0
    return physics_charts.pace_chart(frontier, pace, 20.0, (pace - 2, pace + 5), frontier["best"].iloc[-1], 100.0,
                                     "2026-11-24")  # fmt: skip


CHARTS = {
    "capital_steps": _capital_steps,
    "stocks_and_flows": _stocks_and_flows,
    "audit_dots": _audit_dots,
    "down_round_depths": _down_round_depths,
    "runway_heatmap": _runway_heatmap,
    "demo_cdf": _demo_cdf,
    "tornado_chart": _tornado_chart,
    "scores_and_totals": _scores_and_totals,
    "margin_tornado": _margin_tornado,
    "rank_acceptability": _rank_acceptability,
    "payoff_lines": _payoff_lines,
    "timeline": _timeline,
    "evidence_chart": _evidence_chart,
    "pace_chart": _pace_chart,
}


@functools.cache
def built(name: str, k: int = 0):
    """Each chart drawn once per session for the tests that only read it (titles, ticks, alt text)."""
    return CHARTS[name](k)


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
    texts = tick_texts(built(name))
    assert texts, f"{name}: no tick labels"
    bad = [t for t in texts if "mathdefault" in t or "\\" in t or (len(t) > 1 and t[0] == t[-1] == "$")]
    assert not bad, f"{name}: math markup in tick labels: {bad[:5]}"


def test_log_ratio_axis_reads_as_multiples():
    fig = built("audit_dots")
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
    fig = built("demo_cdf")
    assert "40%" in [t.get_text() for t in (fig.canvas.draw() or fig.axes[0].yaxis.get_ticklabels())]


def test_the_demo_curve_is_named_for_readers():
    fig = built("demo_cdf")
    texts = [t.get_text() for t in fig.axes[0].texts] + [line.get_label() for line in fig.axes[0].lines]
    assert "modelled chance" in " ".join(texts) and not any("Weibull" in t for t in texts)  # was "model (Weibull)"


def test_payoff_lines_draw_companies_in_their_own_colours():
    fig = built("payoff_lines")
    colors = {line.get_label(): matplotlib.colors.to_hex(line.get_color()) for line in fig.axes[0].lines}
    assert colors["Runway"].lower() == style.FOCUS["runway"].lower()
    assert colors["OpenAI"].lower() == style.FOCUS["openai"].lower()
    others = {colors["Runway's investors"], colors["Creative customers"]}
    assert not others & {c.lower() for c in style.FOCUS.values()} and len(others) == 2
    assert others <= {c.lower() for c in style.STAKEHOLDER_COLOURS}  # a stakeholder's colour, no orange or sky blue


def test_the_payoff_chart_says_a_chance_never_p_equals():
    """Issue 25: 'chosen p = 30%' and 'break-even at p = 33%' were code, not readers' words."""
    fig = built("payoff_lines")
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)] + [getattr(fig, "prequel_alt", "") or ""]
    assert "chance chosen: 30%" in texts and not [t for t in texts if "p = " in t or t.startswith("p:")], texts


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


# --- titles that state the finding, alt text --------------------------------------------------------------


def title(fig) -> str:
    return style.figure_title(fig).get_text()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_title_states_a_finding_computed_from_the_data(name):
    """Other data (or another value of the parameter the finding rests on) gives another title, and the title
    wraps to at most two lines on a phone."""
    first, second = title(built(name, 0)), title(built(name, 1))
    assert first and second and first != second, (name, first, second)
    assert style.fits(first) and style.fits(second), (name, first, second)


def _down_prices() -> np.ndarray:
    """The prices below the post-money of ``_down_round_depths``'s outcomes."""
    values = np.exp(np.random.default_rng(0).normal(np.log(5e9), 0.6, 500))
    return values[values < 5.3e9]


def _chance(p: float) -> str:
    return pct(demo_timing.round_probability(p))


# A value each chart's alt text must give, computed from the builder's inputs.
KEY_VALUES = {
    "capital_steps": lambda: money(1e7 * 3),  # Runway's total after its third round
    "stocks_and_flows": lambda: money(4.67e12),  # as its label and the market cap's declaration read it
    "audit_dots": lambda: "contradicted",
    "down_round_depths": lambda: (
        "a median " + operations_words.shown("down_round_depth_median", float(np.median(1 - _down_prices() / 5.3e9)))
    ),
    "runway_heatmap": lambda: money(3e8),
    "demo_cdf": lambda: f"by month 24: {_chance(1 - np.exp(-24 / 20))}",
    "tornado_chart": lambda: f"from {_chance(0.1)} to {_chance(0.4)}",
    "scores_and_totals": lambda: f"Runway {(80 + 50) / 2:.0f}",
    "margin_tornado": lambda: f"{10:.0f} points",
    "rank_acceptability": lambda: f"Runway {pct(0.6)}",
    "payoff_lines": lambda: f"Runway {2 * 0.3 - 1:+.1f}",
    # the curve at June 2027, by 03's one probability rule (demo_timing.round_probability)
    "timeline": lambda: "Runway " + pct(demo_timing.round_probability(np.linspace(0.05, 0.4, 16)[6])),
    "evidence_chart": lambda: "Runway 23%",
    "pace_chart": lambda: f"90% interval {13 - 2:g} to {13 + 5:g}",
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_alt_text_gives_the_finding_then_its_values(name):
    fig = built(name)
    alt = getattr(fig, "prequel_alt", None)
    assert alt, f"{name}: no prequel_alt"
    assert len(alt) <= style.ALT_LIMIT, (name, len(alt))
    assert alt.startswith(title(fig).split(";")[0]), (name, alt)
    assert KEY_VALUES[name]() in alt, (name, KEY_VALUES[name](), alt)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_no_title_or_label_is_read_as_math(name):
    """A $ in a title or label is a dollar: matplotlib must not parse the text as mathtext."""
    fig = built(name)
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
    assert any(t is style.figure_title(fig) for t in texts)
    for t in texts:
        assert "mathdefault" not in t.get_text() and "\\" not in t.get_text(), (name, t.get_text())
        assert "$" not in t.get_text() or not t.get_parse_math(), (name, t.get_text())


def test_a_dollar_title_is_shown_as_written():
    fig = built("stocks_and_flows")
    assert "$" not in title(fig)  # a multiple, not an amount: the check below needs an amount
    fig = built("down_round_depths")
    assert "$" in title(fig) and not style.figure_title(fig).get_parse_math()


def test_clauses_that_would_wrap_to_a_third_line_are_left_out():
    finding = "OpenAI has raised about 210 times Runway's capital"
    assert style.finding_title(finding, "short") == finding + "; short"
    assert style.finding_title(finding, "a clause far too long to fit on the second line of a phone") == finding
    assert style.alt_text("Finding.", "x" * style.ALT_LIMIT, "kept") == "Finding. Kept."


# --- what a reader sees in the tick labels, and on a phone ------------------------------------------------


def test_tornado_names_each_assumption_and_its_settings_in_words_and_units():
    fig = built("tornado_chart")
    names = [t.get_text().replace("\n", " ").replace("\u00a0", " ") for t in fig.axes[0].get_yticklabels()]
    assert names == [
        f"Net burn per month ({money(1e7)} to {money(4e7)})",
        f"Cash ({money(3e8)} to {money(5e8)})",
        f"Cost growth a year ({pct(0.15)} to {pct(0.45)})",
    ], names
    ranges = [operations_words.setting_label(a, 6.0, 9.0) for a in ("window_months", "peer_revenue_multiple")]
    shown = [r.replace("\u00a0", " ") for r in ranges]
    assert shown == ["Demo window (6 to 9 months)", "Peer revenue multiple (6x to 9x)"]
    cash = operations_words.setting_label("cash_usd", 2.12e8, 7.38e8).replace("\u00a0", " ")
    assert cash == "Cash ($210M to $740M)"  # as the cash result reads everywhere, never '$212M' in one chart


def test_the_down_round_title_states_the_assumed_haircut_s_consequence():
    """Issue 25: "A down round prices Runway a median 40% below $5.3B" presented the assumed haircut as a finding."""
    values = np.exp(np.random.default_rng(0).normal(np.log(5e9), 0.05, 2_000))
    fig = operations_charts.down_round_depths(values, 5.3e9, values < 5.3e9, haircut=(0.3, 0.6))
    assert fig.prequel_alt.startswith("Assumed haircut 30% to 60%: the median down round is")
    plt.close(fig)
    fig = operations_charts.down_round_depths(values, 5.3e9, values < 5.3e9, haircut=(0.3, 0.6), revenue_priced=False)
    assert fig.prequel_alt.startswith("Revenue not priced: a down round falls by the assumed haircut, 30% to 60%")
    assert "5% to 95%" in fig.prequel_alt and "5-95%" not in fig.prequel_alt
    plt.close(fig)


def test_counts_on_the_histogram_have_thousands_separators():
    values = np.exp(np.random.default_rng(0).normal(np.log(5e9), 0.05, 20_000))
    fig = operations_charts.down_round_depths(values, 5.3e9, values < 5.3e9)
    fig.canvas.draw()
    counts = [t.get_text() for t in fig.axes[0].yaxis.get_ticklabels() if t.get_text()]
    assert any("," in t for t in counts) and not any(len(t) > 3 and "," not in t for t in counts), counts


def _on_the_phone(fig, look):
    """What ``look(fig)`` sees while the phone variant is drawn; the figure is restored afterwards."""
    seen = {}
    original = style._png

    def drawing(figure):
        figure.canvas.draw()
        seen.update(look(figure))
        return original(figure)

    style._png = drawing
    try:
        style.narrow_variant(fig)
    finally:
        style._png = original
    return seen


def _date_labels(ax):
    renderer = ax.figure.canvas.get_renderer()
    shown = [t for t in ax.xaxis.get_ticklabels() if t.get_text() and t.get_visible()]
    boxes = sorted((t.get_window_extent(renderer) for t in shown), key=lambda b: b.x0)
    gaps = [b.x0 - a.x1 for a, b in zip(boxes, boxes[1:], strict=False)]
    return {"texts": [t.get_text() for t in shown], "gap": min(gaps) if gaps else np.inf}


@pytest.mark.parametrize(("name", "axis"), [("timeline", 1), ("evidence_chart", 0)])
def test_date_ticks_on_a_phone_are_few_short_and_apart(name, axis):
    fig = CHARTS[name]()
    wide = [t.get_text() for t in (fig.canvas.draw() or fig.axes[axis].xaxis.get_ticklabels()) if t.get_text()]
    phone = _on_the_phone(fig, lambda f: _date_labels(f.axes[axis]))
    assert 2 <= len(phone["texts"]) <= 6 and all(len(line) <= 4 for t in phone["texts"] for line in t.split("\n"))
    assert all(re.search(r"\b\d{4}$", t) for t in phone["texts"]), phone  # 'Jul' over its year, not a lone 'Jul'
    assert phone["gap"] >= 10, phone  # pixels between neighbouring labels at the phone size
    fig.canvas.draw()
    assert [t.get_text() for t in fig.axes[axis].xaxis.get_ticklabels() if t.get_text()] == wide, "restored"


def test_the_real_capital_charts_years_on_a_phone_stand_apart(real_charts):
    """Issue 25: 01's phone capital chart read '2020 2022 2024 2026', the years touching."""
    fig = real_charts["01 capital"]()
    phone = _on_the_phone(fig, lambda f: _date_labels(f.axes[0]))
    assert len(phone["texts"]) >= 2 and phone["gap"] >= 10, phone
    plt.close(fig)


def test_the_real_stocks_chart_keeps_flows_and_stocks_in_two_panels_titled_by_the_articles_companies(real_charts):
    """Issue 25: three panels, mostly 'no data' (a market cap panel for one company), titled by Google's market cap."""
    fig = real_charts["01 stocks"]()
    assert len(fig.axes) == 2, "capital raised beside valuations and market caps"
    assert title(fig).startswith("OpenAI's valuation is about") and "market cap" not in title(fig), title(fig)
    no_data = [t for ax in fig.axes for t in ax.texts if t.get_text() == "no data"]
    assert len(no_data) <= 4, len(no_data)  # was 14 of 30 rows
    plt.close(fig)


def test_a_tornado_row_whose_bars_are_too_thin_to_see_says_its_range():
    """Issue 25: 04's phone tornado drew rows with nothing in them (bars of about a point, under the middle line)."""
    rows = pd.DataFrame({"p_low": [0.2, 0.806], "p_high": [0.9, 0.819],
                         "assumption": ["cash_usd", "raise_lead_months"],
                         "low_setting": [3e8, 3.0], "high_setting": [5e8, 9.0]})  # fmt: skip
    fig = operations_charts.tornado_chart(rows, 0.814)
    said = [t.get_text() for t in fig.axes[0].texts]
    thin = span(operations_words.about(0.806), operations_words.about(0.819))
    assert thin in said and span(operations_words.about(0.2), operations_words.about(0.9)) not in said, said
    plt.close(fig)


# --- direct labels instead of legends (issue 25) ------------------------------------------------------------

#: Charts whose few series are named where they are drawn: no legend on any of their axes.
DIRECTLY_LABELLED = [
    "stocks_and_flows",
    "capital_steps",
    "demo_cdf",
    "payoff_lines",
    "timeline",
    "evidence_chart",
    "pace_chart",
]


def _labels_of(fig) -> list:
    return [t for ax in fig.axes for t in ax.texts if hasattr(t, "prequel_offset") and t.get_visible()]


def _overlapping(fig) -> list[tuple[str, str]]:
    """Pairs of direct labels whose drawn boxes overlap (matplotlib's own text extents, after a draw)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), style._text_box(t, renderer)) for t in _labels_of(fig)]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.x0 < box_b.x1 and box_b.x0 < box_a.x1 and box_a.y0 < box_b.y1 and box_b.y0 < box_a.y1
    ]


@pytest.mark.parametrize("name", [*DIRECTLY_LABELLED, "tornado_chart", "margin_tornado"])
def test_few_series_are_named_where_they_are_drawn_not_in_a_legend(name):
    fig = CHARTS[name]()
    assert not [ax for ax in fig.axes if ax.get_legend() is not None], f"{name}: a legend"
    assert _labels_of(fig), f"{name}: no direct label"
    assert min(t.get_fontsize() for t in _labels_of(fig)) >= style.CAPTION_SIZE  # never smaller than the caption


def _drawn_lines(ax) -> list:
    """The lines of ``ax`` as drawn, in display units (a step line as its steps)."""
    from matplotlib.cbook import STEP_LOOKUP_MAP
    from matplotlib.path import Path

    paths = []
    for line in ax.lines:
        if line.get_linestyle() in ("None", "", " ") or not line.get_visible() or len(line.get_xydata()) < 2:
            continue
        xy = line.get_transform().transform(line.get_xydata())
        if line.get_drawstyle() != "default":
            xy = np.column_stack(STEP_LOOKUP_MAP[line.get_drawstyle()](xy[:, 0], xy[:, 1]))
        paths.append(Path(xy))
    return paths


def _clipped(start, end, frame):
    """The part of the segment start-end inside the box ``frame`` (Liang-Barsky), or None when none is."""
    (x0, y0), (x1, y1) = start, end
    low, high = 0.0, 1.0
    for p, q in (
        (x0 - x1, x0 - frame.x0),
        (x1 - x0, frame.x1 - x0),
        (y0 - y1, y0 - frame.y0),
        (y1 - y0, frame.y1 - y0),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        low, high = (max(low, t), high) if p < 0 else (low, min(high, t))
        if low > high:
            return None
    return (x0 + low * (x1 - x0), y0 + low * (y1 - y0)), (x0 + high * (x1 - x0), y0 + high * (y1 - y0))


def _leaders_crossing(ax, renderer) -> list[str]:
    """Direct labels of ``ax`` whose drawn line to their point (leader) crosses a line drawn in the plot (lines are
    clipped to it), another label or another leader."""
    from matplotlib.path import Path

    labels = [t for t in ax.texts if hasattr(t, "prequel_offset") and t.get_visible() and t.get_text()]
    boxes = {id(t): style._text_box(t, renderer) for t in labels}
    leaders = {}
    for label in [t for t in labels if t.arrow_patch.get_visible()]:
        label.arrow_patch.draw(renderer)  # its path as drawn at this size
        drawn = label.arrow_patch.get_transform().transform_path(label.arrow_patch.get_path()).vertices
        inside = _clipped(drawn[0], drawn[-1], ax.bbox)
        if inside is not None:
            leaders[id(label)] = (label, Path(np.array(inside)))
    lines, clashes = _drawn_lines(ax), []
    for label, leader in leaders.values():
        name = label.get_text()
        if any(leader.intersects_path(line, filled=False) for line in lines):
            clashes.append(f"the leader of {name!r} crosses a line")
        for other in labels:
            if other is not label and leader.intersects_bbox(boxes[id(other)], filled=True):
                clashes.append(f"the leader of {name!r} crosses the label {other.get_text()!r}")
        for other, path in leaders.values():
            if other is not label and leader.intersects_path(path, filled=False):
                clashes.append(f"the leader of {name!r} crosses the leader of {other.get_text()!r}")
    return clashes


def _clashing(fig) -> list[str]:
    """Direct labels that overlap another label, cross a line drawn in their axes or pass the figure's edge, or
    whose leader crosses a line, a label or another leader."""
    clashes = [f"{a!r} overlaps {b!r}" for a, b in _overlapping(fig)]  # draws the figure
    renderer = fig.canvas.get_renderer()
    edge = fig.bbox
    for ax in fig.axes:
        clashes += _leaders_crossing(ax, renderer)
        lines = _drawn_lines(ax)
        for label in [t for t in ax.texts if hasattr(t, "prequel_offset") and t.get_visible()]:
            box = style._text_box(label, renderer)
            if box.x0 < edge.x0 or box.x1 > edge.x1 or box.y0 < edge.y0 or box.y1 > edge.y1:
                clashes.append(f"{label.get_text()!r} passes the figure's edge")
            inner = Bbox.intersection(box, ax.bbox)  # lines are drawn clipped to the plot
            if inner is not None and any(path.intersects_bbox(inner, filled=False) for path in lines):
                clashes.append(f"{label.get_text()!r} crosses a line")
            if any(box.x0 < m[2] and m[0] < box.x1 and box.y0 < m[3] and m[1] < box.y1 for m in _markers(ax)):
                clashes.append(f"{label.get_text()!r} lies on a marker")
    return clashes + _title_over_panels(fig, renderer)


def _markers(ax) -> list[tuple]:
    """The drawn box of every marker of ``ax`` (lines' markers and scatters' points), in display units."""
    boxes, scale = [], ax.figure.dpi / 72
    for line in [ln for ln in ax.lines if ln.get_visible() and ln.get_marker() not in (None, "None", "none", "")]:
        half = line.get_markersize() * scale / 2
        boxes += [
            (x - half, y - half, x + half, y + half) for x, y in line.get_transform().transform(line.get_xydata())
        ]
    for points in [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]:
        sizes = points.get_sizes()
        if len(sizes) and len(points.get_offsets()):
            for i, (x, y) in enumerate(points.get_offset_transform().transform(points.get_offsets())):
                half = np.sqrt(sizes[i % len(sizes)]) * scale / 2
                boxes.append((x - half, y - half, x + half, y + half))
    return boxes


def _title_over_panels(fig, renderer) -> list[str]:
    """The figure's title overlapping a panel's title or plot."""
    if style.figure_title(fig) is None:
        return []
    top = style.figure_title(fig).get_window_extent(renderer)
    clashes = []
    for ax in fig.axes:
        for part in [ax.title, ax._left_title]:
            if part.get_text() and part.get_window_extent(renderer).overlaps(top):
                clashes.append(f"the title overlaps the panel title {part.get_text()!r}")
        if ax.get_window_extent(renderer).overlaps(top):
            clashes.append("the title overlaps a plot")
    return clashes


#: Charts named directly: their labels stay inside the figure, apart and off the lines, on the page and the phone.
LABELLED_APART = [*DIRECTLY_LABELLED, "tornado_chart", "margin_tornado"]


@pytest.mark.parametrize("name", LABELLED_APART)
def test_direct_labels_stay_inside_apart_and_off_the_lines_on_the_page_and_the_phone(name):
    fig = CHARTS[name]()
    assert not _clashing(fig), (name, _clashing(fig))
    phone = _on_the_phone(fig, lambda f: {"clashing": _clashing(f)})
    assert not phone["clashing"], (name, phone)


def test_the_audit_labels_keep_off_the_dots_each_other_and_the_figure_edge_on_the_page_and_the_phone():
    """The audit chart's verdicts may cross the agreement line (no room beside it on a phone), nothing else."""
    fig = CHARTS["audit_dots"]()

    def clashes(f) -> list[str]:
        return [c for c in _clashing(f) if not c.endswith("crosses a line")]

    assert not clashes(fig), clashes(fig)
    phone = _on_the_phone(fig, lambda f: {"clashing": clashes(f)})
    assert not phone["clashing"], phone


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_the_title_stays_clear_of_the_panels_on_the_page_and_the_phone(name):
    fig = CHARTS[name]()
    fig.canvas.draw()
    assert not _title_over_panels(fig, fig.canvas.get_renderer()), name
    phone = _on_the_phone(fig, lambda f: {"clashing": _title_over_panels(f, f.canvas.get_renderer())})
    assert not phone.get("clashing"), (name, phone)


def test_panels_reaching_into_the_title_are_lowered_under_it():
    """A constructed clash (the named charts' titles happen to clear their panels): stacked panels with their own
    titles pushed up into a two-line figure title are lowered under it."""
    fig, axes = plt.subplots(3, 1, figsize=(3.45, 6))
    for k, ax in enumerate(axes):
        ax.set_title(f"Panel {k}: capital raised to date", loc="left")
    fig.prequel_title = fig.suptitle("A figure title long enough\nto wrap to two lines", y=0.99)
    fig.subplots_adjust(top=0.97)
    fig.canvas.draw()
    assert _title_over_panels(fig, fig.canvas.get_renderer())  # the clash is there to begin with
    assert style._below_the_title(fig)
    assert not _title_over_panels(fig, fig.canvas.get_renderer())
    plt.close(fig)


def test_a_label_keeps_off_a_marker_at_its_place():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 10), ylim=(0, 10))
    ax.plot([5], [5], marker="o", markersize=4, linestyle="none")
    ax.plot([6.2], [5], marker="*", markersize=14, color="black", linestyle="none")  # where the label would go
    style.direct_label(ax, 5, 5, "$180B")
    assert not _clashing(fig), _clashing(fig)


def test_a_label_keeps_off_its_own_plot_s_note_above_it():
    """04's bear phone chart printed 'median 55%' over its note 'Not drawn: ... priced at or above $5.3B'."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.bar([0.4, 0.5, 0.6], [0.95, 0.97, 0.95], width=0.1)
    ax.axvline(0.5, color="black", ls="--")
    ax.set_title(
        "Not drawn: a note above the plot, as long as the plot is wide", loc="left", fontsize=style.CAPTION_SIZE
    )
    label = style.direct_label(ax, 0.5, 1, "median 50%", va="top")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert not style._text_box(label, renderer).overlaps(ax._left_title.get_window_extent(renderer))
    plt.close(fig)


def test_an_event_s_label_is_never_cut_inside_its_brackets():
    """03's bull timeline labelled 'Project Genie (Genie... (pending)', its caption 'Google's circle: Project Genie
    (Genie... (pending)'."""
    event = "Project Genie (Genie 3) rolled out to paying Google AI Ultra subscribers in the US"
    assert prediction_charts.short(event, 24) == "Project Genie..."
    assert prediction_charts.short(event) == "Project Genie (Genie 3) rolled..."  # closed: kept whole
    assert prediction_charts.short("(Genie three) rolled out", 10) == "Genie..."
    assert prediction_charts.short("Runway manifesto: GWM-Robotics policy evaluations", 24) == "Runway manifesto"


def test_labels_named_in_the_caption_say_their_key_once():
    """03's bull phone caption read "Runway's circle: ...; Runway's circle: ...; Runway's circle: ..."."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 1), ylim=(0, 1))
    keys = [
        ("Runway's circle", 0.6, "a later event"),
        ("Runway's circle", 0.2, "an event"),
        ("hollow diamond", 0.5, "due"),
    ]
    labels = [style.direct_label(ax, x, 0.5, text, key=key) for key, x, text in keys]
    labels.append(style.direct_label(ax, 0.7, 0.2, "due", key="hollow diamond"))
    for label in labels:
        label.prequel_unplaced = True
    style._keyed_in_the_caption(fig, labels, phone=False)
    note = next(t.get_text() for t in fig.texts)
    assert note == "Runway's circles, left to right: an event; a later event. Hollow diamond: due.", note
    plt.close(fig)


def test_a_label_moves_off_a_line_through_its_place():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0.5, 0.5], color="0.5")  # runs right through the label's own place
    ax.set(xlim=(0, 1), ylim=(0, 1))
    style.direct_label(ax, 0.3, 0.5, "a label")
    assert not _clashing(fig), _clashing(fig)


def test_labels_of_one_point_are_stacked_apart_and_keep_a_line_to_it():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 1), ylim=(0, 1))
    labels = [style.direct_label(ax, 0.5, 0.5, f"label {k}") for k in range(4)]  # four labels of one point
    assert len(_overlapping(fig)) == 0
    renderer = fig.canvas.get_renderer()
    places = {(round(style._text_box(t, renderer).x0), round(style._text_box(t, renderer).y0)) for t in labels}
    assert len(places) == 4
    # the moved ones keep a line; the fourth, whose line below would run through the second, sits beside the point
    # on its other side
    assert [t.arrow_patch.get_visible() for t in labels] == [False, True, True, False]
    assert not _leaders_crossing(ax, renderer)


def test_a_moved_label_s_leader_crosses_no_line_and_no_other_label():
    """Issue 25: 01's 'the article: Runway $860M' and 05's Lumiere kept a leader across grey lines: the placer
    checked the label's box only. Here the nearest free places above the point lie across a line from it."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.plot([0, 1], [0.5, 0.5], color="0.5")  # through the label's own place
    ax.plot([0, 1], [0.56, 0.56], color="0.5")  # a line just above it: a label above would hang across it
    ax.plot([0.3, 0.3], [0, 1], color="0.5")
    style.direct_label(ax, 0.3, 0.5, "a label of the point")
    fig.canvas.draw()
    assert [t for t in _labels_of(fig) if t.arrow_patch.get_visible()], "the label did not move: no leader to check"
    assert not _clashing(fig), _clashing(fig)
    plt.close(fig)


def test_the_leader_check_sees_a_leader_across_a_line():
    """The test's own check fails on a leader drawn across a line (a test that cannot fail is a defect)."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.plot([0, 1], [0.6, 0.6], color="0.5")
    ax.annotate("far", (0.3, 0.3), xytext=(0.3, 0.9), arrowprops={"arrowstyle": "-"}).prequel_offset = (0, 0)
    fig.canvas.draw()
    assert _leaders_crossing(ax, fig.canvas.get_renderer()) == ["the leader of 'far' crosses a line"]
    plt.close(fig)


def test_a_label_past_the_plot_edge_goes_to_the_other_side():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 1)
    label = style.direct_label(ax, 0.98, 0.5, "a long label near the right edge")
    fig.canvas.draw()
    box, frame = style._text_box(label, fig.canvas.get_renderer()), ax.get_window_extent()
    assert box.x1 <= frame.x1 + 1 and box.x0 >= frame.x0 - 1, (box, frame)


def test_tied_payoffs_share_one_position_and_are_not_ranked():
    at_p = pd.Series({"Runway": 0.2, "OpenAI; Google": 0.2, "Investors": -0.2, "Developers": 0.2000001})
    assert winners_charts.tied_values(at_p) == [
        (0.2, ["Runway", "OpenAI; Google", "Developers"]),
        (-0.2, ["Investors"]),
    ]
    fig = built("payoff_lines")  # at p = 30% two lines meet at -0.4 and two at +0.2 ... one dot per value
    at = [t.get_text() for t in _labels_of(fig) if t.get_text()[:1] in "+-"]
    values = [float(t.split()[0]) for t in at]
    assert len(values) == len(set(values)), at  # one label per distinct value, ties said once
    assert any("(tie)" in t for t in at) or len(at) == 4, at


def test_a_line_two_companies_share_is_drawn_once_in_a_neutral_grey_named_for_both():
    """Issue 25: a tied line was drawn dashed in OpenAI's and Google's colours, each named apart (four names crowded
    at one end): one line, in no company's colour, with one name for both."""
    grid = np.linspace(0, 1, 11)
    lines = pd.DataFrame({"Runway": 3 * grid - 1, "OpenAI; Google": 1 - 2 * grid}, index=grid)
    fig = winners_charts.payoff_lines(lines, pd.Series({c: None for c in lines}, dtype=object), 0.4)
    drawn = {line.get_label(): matplotlib.colors.to_hex(line.get_color()) for line in fig.axes[0].lines
             if len(line.get_xdata()) > 2}  # fmt: skip
    assert list(drawn) == ["Runway", "OpenAI and Google"], drawn
    assert drawn["OpenAI and Google"] in {grey for grey, _ in style.NEUTRAL_SERIES}, drawn
    plt.close(fig)


def test_the_evidence_chart_says_each_score_as_its_declaration_does():
    """Issue 25: 05's tiles read 43.8% and 22.8%, its chart's title 44%, its alt text 23%: one value, one rounding."""
    entries = _physics_entries().assign(score_pct=[22.8, 42.3, 43.8])
    frontier = pd.DataFrame({"date": entries["as_of_date"], "best": entries["score_pct"].cummax()})
    fig = physics_charts.evidence_chart(entries, frontier, ["runway", "openai"], dict(style.FOCUS),
                                        {"runway": "Runway", "openai": "OpenAI"}, 100.0, "2026-11-24")  # fmt: skip
    assert "43.8%" in title(fig) and "Runway 22.8%" in fig.prequel_alt, (title(fig), fig.prequel_alt)
    plt.close(fig)


def test_the_evidence_chart_draws_each_company_in_its_colour_and_runway_at_a_glance():
    fig = built("evidence_chart")
    marks = [ln for ln in fig.axes[0].lines if ln.get_marker() not in (None, "None", "")]
    coloured = {matplotlib.colors.to_hex(line.get_markerfacecolor()) for line in marks}
    assert {style.FOCUS["runway"].lower(), style.FOCUS["openai"].lower()} <= coloured, coloured
    runway = [ln.get_markersize() for ln in marks if ln.get_markerfacecolor() == style.FOCUS["runway"]]
    assert min(runway) > max(ln.get_markersize() for ln in marks if ln.get_markerfacecolor() != style.FOCUS["runway"])
    bold = [t.get_text() for t in _labels_of(fig) if t.get_fontweight() == "bold"]
    assert bold == ["Runway: Gen 3"], bold  # Runway's entry, named first and in bold


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_company_colours_mean_only_their_company(name):
    """A company's colour marks that company only: no other series (a class, a fit, a low/high bar) takes it."""
    fig = built(name)
    company = {c.lower() for c in style.FOCUS.values()}
    named_for_company = set(NAMES.values()) | {"Google (Alphabet)"}
    for ax in fig.axes:
        for line in ax.lines:
            label = line.get_label()
            if matplotlib.colors.to_hex(line.get_color()) in company and not label.startswith("_"):
                assert label.split("\n")[0] in named_for_company or label.split(":")[0] in NAMES.values(), (name, label)


def test_the_down_round_chart_shows_depths_and_states_what_it_leaves_out():
    fig = built("down_round_depths")
    ax = fig.axes[0]
    assert ax.get_xlim() == (0, 1) and "below the post-money" in ax.get_xlabel()
    drawn = sum(p.get_height() for p in ax.patches)
    assert drawn == len(_down_prices())  # only the down rounds are drawn
    assert f"Not drawn: {500 - len(_down_prices())} of 500" in ax.get_title(loc="left")


def test_bar_labels_are_no_more_precise_than_the_text():
    share = pd.Series({"Runway": 0.586, "OpenAI": 0.414})  # the text says "about 60%" and "about 40%"
    fig = winners_charts.rank_acceptability(share, ["#D55E00", "#0072B2"], 1000)
    assert [t.get_text() for t in fig.axes[0].texts] == ["60%", "40%"]
    scores = pd.DataFrame({"Funding": [80.0, 61.0], "API availability": [50.0, 70.0]}, index=["Runway", "OpenAI"])
    fig = winners_charts.scores_and_totals(scores, scores.mean(axis=1), ["#D55E00", "#0072B2"])
    assert [t.get_text() for t in fig.axes[-1].texts if t.get_text()[:1].isdigit()] == ["65.0", "65.5"]  # as the text


# --- nothing smaller than the page's caption on a phone (issue 25) ---------------------------------------------


def _text_sizes(fig) -> dict:
    """The points of every text drawn (tick labels included) and the title's lines, as the phone variant is drawn."""
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    renderer = fig.canvas.get_renderer()
    inside = [t for t in texts if t.get_window_extent(renderer).width > 0]
    return {"smallest": min(t.get_fontsize() for t in inside), "title_lines": title(fig).count("\n") + 1}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_phone_text_shows_at_least_the_caption_size_on_a_390_px_screen(name):
    """The phone image is shown at its own width (it fits the 366 px column, so it is never scaled down), and its
    smallest text is at least the page's caption size (0.82 rem, about 13 px) there."""
    fig = CHARTS[name]()
    seen = _on_the_phone(fig, _text_sizes)
    variant = style.narrow_variant(fig)
    if variant is None:
        pytest.skip(f"{name} has no phone variant")
    shown_width = min(variant[1], style.PHONE_COLUMN)
    scale = shown_width / variant[1]
    assert variant[1] <= style.PHONE_COLUMN, (name, variant[1])
    assert seen["smallest"] * style.DPI / 72 * scale >= 0.82 * 16 - 0.05, (name, seen)
    assert seen["title_lines"] <= style.TITLE_LINES, (name, seen)


def test_the_evidence_chart_names_runway_and_each_company_s_best_on_a_phone():
    """Issue 25: 05's phone chart named every entry of the article's companies, 'OpenAI: Sora 2 + WMReward (best of
    several tries)' over 'OpenAI: Sora 2', its axis label in two lines left the plot 200 px of 350."""
    entries = pd.DataFrame(
        {
            "company_id": ["runway", "openai", "openai", "openai", "google", "google"],
            "as_of_date": pd.to_datetime(["2025-02-19"] * 3 + ["2026-04-01", "2025-02-19", "2025-02-19"]),
            "score_pct": [22.8, 10.0, 42.3, 46.4, 22.0, 29.6],
            "input_type": ["i2v", "i2v", "i2v", "i2v", "i2v", "v2v"],
            "best_of_n": ["false", "false", "false", "true", "false", "false"],
            "model": ["Gen 3", "Sora", "Sora 2", "Sora 2 + WMReward", "Lumiere", "VideoPoet"],
        }
    )
    frontier = pd.DataFrame({"date": entries["as_of_date"], "best": entries["score_pct"].cummax()}).iloc[[0, 2]]
    names = {"runway": "Runway", "openai": "OpenAI", "google": "Google"}
    fig = physics_charts.evidence_chart(entries, frontier, list(names), dict(style.FOCUS), names, 100.0, "2026-11-24")

    def named(f) -> dict:
        ax = f.axes[0]
        labels = [t.get_text().replace("\n", " ") for t in ax.texts if hasattr(t, "prequel_offset") and t.get_visible()]
        return {"labels": labels, "axis": ax.get_ylabel(), "caption": " ".join(f.texts[0].get_text().split())}

    page, phone = named(fig), _on_the_phone(fig, named)
    assert len(page["labels"]) == 7 and "\n" not in page["axis"], page  # the running best and every model
    assert sorted(phone["labels"]) == ["Google: VideoPoet", "OpenAI: Sora 2", "Runway: Gen 3", "running best"], phone
    assert phone["axis"] == "Physics-IQ score (%)" and "every entry is in the table below" in phone["caption"], phone
    assert named(fig) == page  # the page's chart as it was
    plt.close(fig)


def test_a_label_aligned_right_on_a_phone_ends_at_its_point_inside_the_plot():
    """Issue 25: 05's 'running best' label, centred above the line's end at the plot's right edge, passed it, in
    four lines of 18 characters where it fits in two (``phone_wrap``)."""
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.set(xlim=(0, 1.02), ylim=(0, 1))
    ax.plot([0, 1], [0.5, 0.5])
    label = style.direct_label(
        ax, 1, 0.5, "running best: a long model name, 43.8%", side="above", phone_ha="right", phone_wrap=30
    )

    def inside(f) -> dict:
        box, frame = style._text_box(label, f.canvas.get_renderer()), ax.get_window_extent()
        inside = frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1
        return {"inside": inside, "ha": label.get_ha(), "lines": label.get_text().count("\n") + 1}

    assert _on_the_phone(fig, inside) == {"inside": True, "ha": "right", "lines": 2}
    assert label.get_ha() == label.prequel_ha == "center"  # the page's label as it was
    plt.close(fig)


def test_a_label_that_would_pass_the_figure_edge_stays_inside_it():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_position([0.1, 0.1, 0.85, 0.8])
    ax.set(xlim=(0, 1), ylim=(0, 1))
    style.direct_label(ax, 1, 0.5, "a long label beside the plot", inside=False)  # may leave the plot, not the figure
    assert not _clashing(fig), _clashing(fig)


def test_a_title_too_long_for_the_phone_gives_way_to_its_shorter_form():
    fig, ax = plt.subplots(figsize=(10, 5))
    ax.plot([0, 1], [0, 1])
    long = "Starting from one image, the best model reaches 44% of a real recording's physical consistency"
    short = "Best from one image: 44% of a real recording's physical consistency"
    assert not style.fits(long) and style.fits(short)
    style.state_finding(fig, long, "alt", phone_title=short)
    phone = _on_the_phone(fig, lambda f: {"title": title(f)})
    assert phone["title"].replace("\n", " ") == short and title(fig) == long, phone


def _texts_clashing(fig) -> list[str]:
    """Texts (tick labels, labels, annotations, legend entries, captions, titles) drawn over one another or past
    the figure's edge, as drawn."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = list(fig.texts)  # the title among them
    for ax in [ax for ax in fig.axes if ax.get_visible()]:  # a hidden panel (a phone's colour bar) is not drawn
        texts += [*ax.texts, ax.title, ax._left_title, ax.xaxis.label, ax.yaxis.label]
        for axis in (ax.xaxis, ax.yaxis):  # the labels of ticks in view (matplotlib keeps others, undrawn)
            low, high = sorted(axis.get_view_interval())
            texts += [t.label1 for t in axis.get_major_ticks() if low - 1e-9 <= t.get_loc() <= high + 1e-9]
        texts += ax.get_legend().get_texts() if ax.get_legend() else []
    texts = [t for t in dict.fromkeys(texts) if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), t.get_window_extent(renderer).shrunk(0.96, 0.9)) for t in texts]
    edge = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)  # the PNG is cut to what is drawn
    clashes = [
        f"{a!r} overlaps {b!r}"
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.width and box_b.width and box_a.overlaps(box_b)
    ]
    return clashes + [f"{a!r} passes the figure's edge" for a, box in boxes if box.x1 > edge.x1 + 1]


def _crowded_heatmap():
    """The notebook's grid: five cash levels by seven burn rates, long-lived cells marked default alive."""
    cash, burn = np.linspace(2.12e8, 7.38e8, 5), np.linspace(1e7, 4e7, 7)
    months = pd.DataFrame([[c / b for b in burn] for c in cash], index=cash, columns=burn)
    return operations_charts.runway_heatmap(months, months > 30)


def _crowded_scores():
    """The notebook's five dimensions for three companies."""
    dimensions = ["Funding", "Video quality", "Temporal coherence", "World-model focus", "API availability"]
    scores = pd.DataFrame(np.arange(15).reshape(3, 5) * 6, columns=dimensions, index=["Runway", "OpenAI", "Google"])
    return winners_charts.scores_and_totals(scores, scores.mean(axis=1), ["#D55E00", "#0072B2", "#009E73"])


def _crowded_pace():
    """A frontier over three years, so that half-yearly '2025-07' ticks are many."""
    dates = pd.date_range("2024-01-01", "2026-11-01", freq="2MS")
    frontier = pd.DataFrame({"date": dates, "best": np.linspace(20, 45, len(dates))})
    return physics_charts.pace_chart(frontier, 9.0, 20.0, (7.0, 11.0), 45.0, 100.0, "2026-11-24")


#: Charts issue 25's reviewer found crowded at 390 px, with inputs as dense as the notebooks': on the phone no
#: text runs into another.
CROWDED = {"runway_heatmap": _crowded_heatmap, "scores_and_totals": _crowded_scores, "pace_chart": _crowded_pace,
           "evidence_chart": _evidence_chart}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CROWDED))
def test_no_text_runs_into_another_on_the_phone(name):
    fig = CROWDED[name]()
    phone = _on_the_phone(fig, lambda f: {"clashing": _texts_clashing(f)})
    assert not phone["clashing"], (name, phone["clashing"])


def test_a_model_with_two_entries_is_named_once():
    entries = pd.concat(
        [_physics_entries(), _physics_entries().assign(input_type="v2v", score_pct=[20.0, 40, 50])], ignore_index=True
    )
    frontier = pd.DataFrame({"date": entries["as_of_date"], "best": entries["score_pct"].cummax()})
    fig = physics_charts.evidence_chart(entries, frontier, ["runway", "openai"], dict(style.FOCUS),
                                        {"runway": "Runway", "openai": "OpenAI"}, 100.0, "2026-11-24")  # fmt: skip
    names = [t.get_text() for t in _labels_of(fig) if t.get_text() != "running best"]
    assert sorted(names) == sorted(set(names)) and len(names) == 2, names


def test_a_tornado_row_that_does_not_move_the_result_is_named_under_the_chart_not_drawn():
    rows = pd.DataFrame({"p_low": [0.1, 0.25], "p_high": [0.4, 0.25], "assumption": ["cash_usd", "cost_growth_annual"],
                         "low_setting": [3e8, 0.15], "high_setting": [5e8, 0.45]})  # fmt: skip
    fig = operations_charts.tornado_chart(rows, 0.25)
    assert len(fig.axes[0].patches) == 2  # one assumption, its low and high bars
    assert any("do not move the result" in t.get_text() and "Cost growth" in t.get_text() for t in fig.texts)


def test_a_tornado_row_that_moves_the_result_by_less_than_the_precision_shown_is_named_not_drawn():
    rows = pd.DataFrame({"p_low": [0.1, 0.772, 0.25], "p_high": [0.4, 0.781, 0.25],
                         "assumption": ["cash_usd", "weibull_k", "cost_growth_annual"],
                         "low_setting": [3e8, 0.74, 0.15], "high_setting": [5e8, 1.36, 0.45]})  # fmt: skip
    fig = operations_charts.tornado_chart(rows, 0.25)
    assert len(fig.axes[0].patches) == 2  # one assumption, its low and high bars
    note = next(t.get_text() for t in fig.texts if "do not move the result" in t.get_text())
    assert "by 1 point or more" in " ".join(note.split()) and "chance changes" in note and "Cost growth" in note
    assert [operations.shown_step(p) for p in (0.5, 0.004, 0.9962, 0.0)] == [0.01, 0.001, 0.001, 0.0]


@pytest.mark.parametrize("name", ["04 tornado", "01 capital"])  # 01's grew to 2,170 px to place its labels
def test_the_chart_on_a_phone_is_at_most_twice_as_tall_as_wide(real_charts, name):
    fig = real_charts[name]()
    _, width, height = style.narrow_variant(fig)
    assert height <= 2 * style.PHONE_COLUMN, (width, height)
    plt.close(fig)


def test_a_caption_goes_under_an_axis_label_and_a_legend_the_phone_wraps_anew():
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.plot([0, 1], [0, 1], label="a first series with a long name")
    ax.plot([0, 1], [1, 0], label="a second series with a long name")
    ax.set_yticks([0, 1], ["a long name for the lowest row", "a long name for the top row"])
    ax.set_xlabel("Revenue multiple (valuation / run-rate and trailing EV / sales; log scale)")
    style.legend_below_on_phone(ax, loc="upper left")
    style.caption(fig, "Peer multiples: data/valuation_figures.csv and data/valuation_multiples.csv.")
    fig.tight_layout()
    phone = _on_the_phone(fig, lambda f: {"clashing": _texts_clashing(f)})
    assert not phone["clashing"], phone["clashing"]


def test_a_long_legend_label_below_the_phone_plot_wraps_instead_of_narrowing_the_plot():
    """06's legend 'rests on aggregator pages only (not counted)' was wider than the phone figure: anchored to the
    figure's edge, it made the layout pull the plot in to a third of the width, for nothing."""
    fig, ax = plt.subplots(figsize=(10, 6))
    ax.plot([0, 1], [0, 1], "o", label="counted")
    ax.plot([0, 1], [1, 0], "o", label="rests on aggregator pages only (not counted)")
    ax.set_yticks([0, 1], ["Public SaaS median", "Kling (Kuaishou)"])
    ax.set_xlabel("Revenue multiple (valuation / run-rate and trailing EV / sales; log scale)")
    style.legend_below_on_phone(ax, loc="upper left", fontsize=8)
    fig.tight_layout()
    phone = _on_the_phone(
        fig,
        lambda f: {
            "plot": ax.get_position().width,
            "legend": ax.get_legend().get_window_extent().x1 / f.dpi,
            "label": ax.get_xlabel(),
        },
    )
    assert phone["legend"] <= style.NARROW_WIDTH, phone
    assert phone["plot"] > 0.45, phone
    assert "- " not in phone["label"], "a word broken at its hyphen is joined again with a space"


NOTES_04 = (operations_words.HEATMAP_NOTE, operations_words.DOWN_ROUND_NOTE)  # 04's captions under its charts


def _real_charts() -> dict:
    """Every chart of 01-06, from the real data and each notebook's defaults (as the notebooks draw them)."""
    from test_demo_timing import _defaults

    from prequel.analysis import funding, operations, physics, predictions, valuation, valuation_charts, winners

    a01 = funding.analyse(*reversed(_defaults("01_funding_comparison")))
    a02 = winners.analyse(*reversed(_defaults("02_winners_losers")))
    params, data = _defaults("03_prediction_timelines")
    a04 = operations.analyse(*reversed(_defaults("04_operational_tradeoffs")))
    a05 = physics.analyse(*reversed(_defaults("05_physics_evidence")))
    a06 = valuation.analyse(*reversed(_defaults("06_valuation")))
    raised = a04.sims["must_raise"]
    return {
        "01 capital": lambda: funding_charts.capital_chart(a01),
        "01 stocks": lambda: funding_charts.stocks_chart(a01),
        "01 audit": lambda: funding_charts.audit_chart(a01),
        "02 scores": lambda: winners_charts.scores_and_totals_of(a02),
        "02 margin_tornado": lambda: winners_charts.margin_tornado_of(a02),
        "02 ranks": lambda: winners_charts.rank_acceptability_of(a02),
        "02 payoff_lines": lambda: winners_charts.payoff_lines_of(a02),
        "03 timeline": lambda: prediction_charts.timeline_of(predictions.analyse(data, params), data),
        "04 heatmap": lambda: operations_charts.runway_heatmap(a04.runway_months, a04.default_alive, NOTES_04[0]),
        "04 demo_cdf": lambda: operations_charts.demo_cdf(
            a04.demo_curve,
            a04.demo_times,
            a04.model.window_months,
            source_note=a04.text.demo_note,
            miss=a04.results["p_miss_window"],
        ),
        "04 down_rounds": lambda: operations_charts.down_round_depths(
            a04.sims["price_at_raise"][raised],
            a04.model.post_money_usd,
            a04.sims["down_round"][raised],
            NOTES_04[1],
            haircut=a04.model.correction_if_miss,
        ),
        "04 tornado": lambda: operations_charts.tornado_chart(
            a04.tornado, a04.tornado["base"].iloc[0], a04.text.tornado_note
        ),
        "05 evidence": lambda: physics_charts.evidence_chart_of(a05),
        "05 pace": lambda: physics_charts.pace_chart_of(a05),
        "06 multiples": lambda: valuation_charts.multiples_chart_of(a06),
    }


def _bars(ax) -> list:
    """The drawn boxes of the bars of ``ax`` (filled patches, not a band across the whole plot), in display units."""
    frame, boxes = ax.get_window_extent(), []
    for patch in [p for p in ax.patches if p.get_visible() and p.get_fill() and p.get_facecolor()[3]]:
        box = patch.get_window_extent()
        if box.width < frame.width - 1 and box.height < frame.height - 1:
            boxes.append(box)
    return boxes


def _texts_apart_in_the_png(fig, phone: bool = False) -> list[str]:
    """Texts (title, captions, labels, ticks) overlapping or touching one another (within a pixel), a label over
    another panel, a line, a bar or a marker, a text past the figure's left, right or top edge, a plot squeezed
    under a third of the figure's width, or a title ending in one word on its own line, as drawn in the PNG (at
    its resolution, labels without their lines to their points; the plot's width on the ``phone`` only)."""
    undo = (lambda: None) if phone else style.keyed_as_drawn(fig)  # as the page's PNG draws it (the phone's did)
    dpi = fig.dpi
    fig.set_dpi(style.DPI * style.SCALE)
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        texts = list(fig.texts)
        panels = [ax for ax in fig.axes if ax.get_visible()]  # a hidden panel (a phone's colour bar) is not drawn
        for ax in panels:
            texts += [*ax.texts, ax.title, ax._left_title, ax.xaxis.label, ax.yaxis.label]
            for axis in (ax.xaxis, ax.yaxis):
                low, high = sorted(axis.get_view_interval())
                texts += [t.label1 for t in axis.get_major_ticks() if low - 1e-9 <= t.get_loc() <= high + 1e-9]
            texts += ax.get_legend().get_texts() if ax.get_legend() else []
        texts = [t for t in dict.fromkeys(texts) if t.get_visible() and t.get_text().strip()]
        boxes = [(t, matplotlib.text.Text.get_window_extent(t, renderer)) for t in texts]
        clashes = [
            f"{a.get_text()!r} overlaps {b.get_text()!r}"
            for i, (a, box_a) in enumerate(boxes)
            for b, box_b in boxes[i + 1 :]
            if box_a.expanded(1, 1).padded(1).overlaps(box_b)  # two PNG pixels apart at least
        ]
        edge = fig.bbox
        clashes += [f"{t.get_text()!r} passes the figure's edge" for t, box in boxes
                    if box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y1 > edge.y1 + 1]  # fmt: skip
        title = style.figure_title(fig)
        if title is not None and "\n" in title.get_text() and " " not in title.get_text().split("\n")[-1].strip():
            clashes.append(f"the title's last line is one word: {title.get_text()!r}")
        widest = max(ax.get_window_extent(renderer).width for ax in panels)  # a colour bar beside it is narrow
        if phone and widest < edge.width * 0.4:
            clashes.append(f"the plot is {widest:.0f} of {edge.width:.0f} px wide")
        for ax in panels:
            clashes += _leaders_crossing(ax, renderer)
            frame = ax.get_window_extent(renderer)
            lines, markers, bars = _drawn_lines(ax), _markers(ax), _bars(ax)
            for text in [t for t in ax.texts if t.get_visible() and t.get_text().strip()]:
                box = matplotlib.text.Text.get_window_extent(text, renderer)
                if any(box.x0 < m[2] and m[0] < box.x1 and box.y0 < m[3] and m[1] < box.y1 for m in markers):
                    clashes.append(f"{text.get_text()!r} lies on a marker")
            for label in [t for t in ax.texts if hasattr(t, "prequel_offset") and t.get_visible()]:
                box = style._text_box(label, renderer)
                others = [o for o in panels if o is not ax and not o.get_window_extent(renderer).overlaps(frame)]
                clashes += [f"{label.get_text()!r} runs into another panel" for o in others
                            if o.get_window_extent(renderer).overlaps(box)]  # fmt: skip
                inner = Bbox.intersection(box, ax.bbox)  # lines are drawn clipped to the plot
                if inner is not None and any(path.intersects_bbox(inner, filled=False) for path in lines):
                    clashes.append(f"{label.get_text()!r} crosses a line")
                if any(box.overlaps(bar) for bar in bars):
                    clashes.append(f"{label.get_text()!r} lies on a bar")
        return clashes
    finally:
        fig.set_dpi(dpi)
        undo()


_REAL = ["01 capital", "01 stocks", "01 audit", "02 scores", "02 margin_tornado", "02 ranks", "02 payoff_lines",
         "03 timeline", "04 heatmap", "04 demo_cdf", "04 down_rounds", "04 tornado", "05 evidence", "05 pace",
         "06 multiples"]  # fmt: skip


@pytest.fixture(scope="module")
def real_charts():
    return _real_charts()


def _scenario(stem: str, name: str, **changes) -> tuple[dict, object]:
    """A notebook's checked parameters and data under a scenario of ``scenarios/`` (its shared parameters the
    notebook declares and its own), with ``changes``."""
    from test_operations_multiple import checked

    raw = yaml.safe_load((REPO / "scenarios" / f"{name}.yaml").read_text())
    declared = next(n for n in discover(REPO / "notebooks") if n.stem == stem).declared
    shared = {k: v for k, v in (raw.get("parameters") or {}).items() if k in declared}
    return checked(stem, **shared, **(raw.get("notebooks") or {}).get(stem, {}), **changes)


def _apart_on_the_page_and_the_phone(fig) -> tuple[list[str], list[str]]:
    """The clashes of ``_texts_apart_in_the_png`` on the page and on the phone."""
    page = _texts_apart_in_the_png(fig)  # first: the phone's layout leaves the figure as its page draws it
    return page, _on_the_phone(fig, lambda f: {"clashing": _texts_apart_in_the_png(f, phone=True)})["clashing"]


def test_the_bear_down_round_chart_keeps_its_median_off_its_note_on_the_page_and_the_phone():
    """04's bear phone chart printed 'median 55%' over 'Not drawn: 9 of 12,350 outcomes that must raise, priced at
    or above $5.3B'."""
    params, data = _scenario("04_operational_tradeoffs", "bear")
    a = operations.analyse(data, params)
    raised = a.sims["must_raise"]
    fig = operations_charts.down_round_depths(
        a.sims["price_at_raise"][raised],
        a.model.post_money_usd,
        a.sims["down_round"][raised],
        NOTES_04[1],
        haircut=params["correction_if_miss"],
        revenue_priced=operations_words.revenue_priced(a.results),
    )
    page, phone = _apart_on_the_page_and_the_phone(fig)
    page = [c for c in page if "overlaps" in c]  # its long page title reaches the edge the page's PNG crops to
    assert not page and not phone, ("page:", page, "phone:", phone)
    plt.close(fig)


def test_the_bull_timeline_keeps_its_event_labels_off_its_heading_on_the_page_and_the_phone():
    """03's bull timeline printed 'Project Genie (Genie... (pending)' over 'Each prediction's window and deciding
    events' on the page, 'Runway announces... (pending)' into it on the phone."""
    params, data = _scenario("03_prediction_timelines", "bull")
    fig = prediction_charts.timeline_of(predictions.analyse(data, params), data)
    page, phone = _apart_on_the_page_and_the_phone(fig)
    assert not page and not phone, ("page:", page, "phone:", phone)
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert not [t for t in texts if t.count("(") != t.count(")")], "a label cut inside its brackets"
    plt.close(fig)


@pytest.mark.parametrize("name", sorted(_REAL))
def test_real_charts_keep_every_text_apart_and_inside_on_the_page_and_the_phone(real_charts, name):
    fig = real_charts[name]()
    page, phone = _apart_on_the_page_and_the_phone(fig)
    assert not page and not phone, (name, "page:", page, "phone:", phone)
    plt.close(fig)


@pytest.mark.parametrize("name", sorted(_REAL))
def test_real_charts_on_a_phone_are_at_most_twice_as_tall_as_wide(real_charts, name):
    """Issue 25: at 390 px 01's stocks chart was 4.7 times as tall as wide (three stacked panels mostly 'no data'),
    03's timeline 3.4 times: a reader scrolled through a chart they could never see whole."""
    fig = real_charts[name]()
    _, width, height = style.narrow_variant(fig)
    assert height <= 2 * width, (name, width, height, round(height / width, 2))
    plt.close(fig)


def test_02_s_titles_say_which_steps_were_tried_and_word_a_share_as_the_sentences_do():
    """Issue 25: 'No single change costs Runway the lead' while the lead says a weight moving from 14% to 3.6% costs
    it (the chart tries only halving or raising by half); 'every random weighting' on the chart, 'in about 100%' in
    the sentences."""
    fig = _margin_tornado()
    assert alt_title(fig) == "No weight halved or raised by half costs Runway the lead"
    plt.close(fig)
    fig = _margin_tornado(1)
    assert alt_title(fig) == "1 weight halved or raised by half would cost Runway the lead"
    plt.close(fig)
    rows = pd.DataFrame({"input": ["score of Runway on funding"], "base": [1.0], "low": [-1.0], "high": [3.0]})
    fig = winners_charts.margin_tornado(rows, "Runway")
    assert alt_title(fig) == "1 score moved 10 points would cost Runway the lead"
    plt.close(fig)
    fig = winners_charts.rank_acceptability(pd.Series({"OpenAI": 1.0, "Runway": 0.0}), ["#0072B2", "#D55E00"], 100)
    assert alt_title(fig).startswith("OpenAI ranks first in every random weighting")
    assert "Runway in none" in fig.prequel_title.get_text().replace("\n", " ")
    plt.close(fig)


def alt_title(fig) -> str:
    return fig.prequel_alt.split(". ")[0]


def test_the_payoff_chart_starts_a_common_name_lower_case_mid_sentence():
    """Issue 25: 02's chart said '... lowest: Developers on Runway's API and Creative-industry customers'."""
    grid = np.linspace(0, 1, 11)
    lines = pd.DataFrame({"Runway": 3 * grid - 1, "Creative customers": -grid}, index=grid)
    fig = winners_charts.payoff_lines(lines, pd.Series({"Runway": 1 / 3}, dtype=object), 0.6, proper=["Runway"])
    assert "lowest: creative customers -0.6" in fig.prequel_alt and "Runway" in fig.prequel_alt, fig.prequel_alt
    plt.close(fig)


def test_the_real_margin_tornado_says_its_largest_swing_as_the_sentence_does(real_charts):
    """Issue 25: '11 to -3.2 points' under 02's chart 2; one form in the chart and the sentence."""
    fig = real_charts["02 margin_tornado"]()
    assert "Largest swing: weight of API availability, from 11.0 down to -3.2 points." in fig.prequel_alt, (
        fig.prequel_alt
    )
    plt.close(fig)


CHART_JARGON = re.compile(r"anchors|Dirichlet|simplex|acceptability|Kendall|\bp = |\b[iv]2v\b")


@pytest.mark.parametrize("name", ["02 scores", "02 ranks", "02 payoff_lines", "05 evidence", "05 pace"])
def test_real_charts_say_what_their_method_does_in_plain_words(real_charts, name):
    """Issue 25: 'global anchors', 'flat-Dirichlet weightings' and 'p = 40%' in 02's chart text, the data's codes
    '(i2v)' and '(v2v)' in 05's caption."""
    fig = real_charts[name]()
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)] + [getattr(fig, "prequel_alt", "")]
    assert not [t for t in texts if CHART_JARGON.search(t)], name
    plt.close(fig)


@pytest.mark.parametrize("name", ["02 payoff_lines", "04 tornado"])
def test_real_charts_draw_the_same_whatever_was_drawn_before(real_charts, name):
    """The page's PNG is the same before and after the phone's is drawn, and the phone's the same twice."""
    fig = real_charts[name]()
    page, phone = style._png(fig)[0], style.narrow_variant(fig)[0]
    assert style._png(fig)[0] == page, name
    assert style.narrow_variant(fig)[0] == phone, name
    plt.close(fig)


def test_a_caption_with_paired_dollars_from_the_data_draws_them_as_written():
    """A company named 'Runway $\\foo{$ Inc' stopped 05 with a mathtext parse error: matplotlib measured the
    wrapped caption as math although the theme turns math off."""
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.plot([0, 1], [0, 1])
    note = "Sources: Runway $\\foo{$ Inc raised $10M to $40M; " + "a long note that has to wrap " * 8
    text = style.caption(fig, note)
    fig.tight_layout()
    assert style._png(fig)[1] > 0 and style.narrow_variant(fig) is not None
    assert " ".join(text.get_text().split()) == " ".join(note.split())
    fig.canvas.draw()
    assert text.get_window_extent().x1 <= fig.bbox.x1 + 1, "wrapped within the figure"


def test_spread_keeps_order_moves_only_what_overlaps_and_stays_within_bounds():
    assert style.spread([10, 50, 90], [10, 10, 10], 0, 100) == [10, 50, 90]  # apart already: unmoved
    centres = style.spread([50, 50, 50, 51], [10, 10, 10, 10], 0, 100)
    assert all(b - a >= 10 - 1e-9 for a, b in pairwise(centres)), centres  # in order, none overlapping
    assert abs(sum(centres) / 4 - 50.25) < 1e-9  # moved apart around where they were wanted
    low = style.spread([0, 1], [10, 10], 0, 100)
    assert low[0] - 5 >= 0 and low[1] - low[0] >= 10, low  # pushed up from the bottom bound


def test_names_at_line_ends_sit_in_one_column_in_the_order_of_the_ends(real_charts):
    """02's payoffs: four names (stakeholders with equal payoffs named together on their one line) at three ends, in
    one column right of the plot, none overlapping, from top to bottom in the order their lines end."""
    fig = real_charts["02 payoff_lines"]()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [t for t in ax.texts if hasattr(t, "prequel_approach")]
    boxes = [style._text_box(t, renderer) for t in labels]
    assert len(labels) == 4 and len({round(b.x0) for b in boxes}) == 1, "one column"
    assert min(b.x0 for b in boxes) > ax.get_window_extent(renderer).x1, "right of the plot"
    ends = [ax.transData.transform(t.xy)[1] for t in labels]
    by_height = sorted(range(len(labels)), key=lambda i: boxes[i].y0)
    assert [round(ends[i], 3) for i in by_height] == sorted(round(e, 3) for e in ends), "in the order of the ends"
    assert all(boxes[a].y1 <= boxes[b].y0 for a, b in pairwise(by_height)), "none overlapping"


def test_the_demo_curve_ties_its_chances_to_the_miss_and_draws_no_step_at_its_horizon(real_charts):
    """Issue 25: the title gave 2-5% beside a lead of 96% missed; a dashed line rose at 36 months, the simulated
    demo times cut at the chart's horizon ('not by then'), which nothing explained."""
    from test_demo_timing import _defaults

    from prequel.analysis import operations

    a = operations.analyse(*reversed(_defaults("04_operational_tradeoffs")))
    fig = real_charts["04 demo_cdf"]()
    title = style.figure_title(fig).get_text()
    missed = operations_words.shown("p_miss_window", a.results["p_miss_window"])
    assert operations_words.window_chances(a.demo_curve, a.model.window_months) in title and missed in title
    horizon = a.demo_curve["month"].max()
    assert (a.demo_times >= horizon).any(), "the data hold times cut at the horizon"
    dashed = next(line for line in fig.axes[0].lines if line.get_linestyle() == "--")
    x, y = dashed.get_xdata(), dashed.get_ydata()
    assert y[x >= horizon].max() == pytest.approx(np.mean(a.demo_times < horizon))  # no rise to 100% at the edge
    plt.close(fig)
    # a tick a year at any width (the review: the phone's 0 to 36 months read only '0' and '20')
    fig = real_charts["04 demo_cdf"]()
    fig.set_size_inches(style.NARROW_WIDTH, 5)
    ticks = [t for t in fig.axes[0].get_xticks() if 0 <= t <= horizon]
    assert {0, 12, 24} <= set(ticks), ticks
    plt.close(fig)


def test_the_heatmaps_cells_on_a_phone_are_wider_than_their_digits(real_charts):
    """Issue 25: at 390 px the colour bar took the cells' width and their digits ran together."""

    def look(f):
        renderer = f.canvas.get_renderer()
        ax = f.axes[0]
        cell = ax.get_window_extent(renderer).width / len(ax.get_xticks())
        digits = [t for t in ax.texts if t.get_text()]
        return {
            "bars": [other.get_visible() for other in f.axes[1:]],
            "widest": max(t.get_window_extent(renderer).width for t in digits) / cell,
            "size": min(t.get_fontsize() for t in digits),
        }

    fig = real_charts["04 heatmap"]()
    phone = _on_the_phone(fig, look)
    # a third of each cell left free (the digits filled 87% of it with the colour bar beside them)
    assert phone["bars"] == [False] and phone["widest"] <= 2 / 3 and phone["size"] >= style.PHONE_TEXT_MIN, phone
    assert all(other.get_visible() for other in fig.axes), "the page keeps its colour bar"
    plt.close(fig)


def test_a_tornado_around_a_certain_result_names_the_rows_that_move_it_by_under_a_point():
    """The bear scenario's tornado, around 100%, said 'do not move the result by 0 points' and drew invisible bars."""
    rows = pd.DataFrame({"p_low": [0.0, 0.9968], "p_high": [0.9985, 1.0],
                         "assumption": ["cash_usd", "cost_growth_annual"],
                         "low_setting": [3e8, 0.15], "high_setting": [5e8, 0.45]})  # fmt: skip
    fig = operations_charts.tornado_chart(rows, 1.0)
    assert len(fig.axes[0].patches) == 2  # cash alone, its low and high bars
    note = " ".join(next(t.get_text() for t in fig.texts if "do not move the result" in t.get_text()).split())
    assert "by 1 point or more: Cost growth" in note, note


def test_a_heatmap_without_a_default_alive_case_says_so_rather_than_keying_a_mark_it_does_not_draw():
    """The bear scenario's grid has no default-alive cell; its caption keyed 'A' (and 'Outlined' on a phone)."""
    cash, burn = [1.6e8, 5.6e8], [2.5e7, 6e7]
    months = pd.DataFrame([[c / b for b in burn] for c in cash], index=cash, columns=burn)
    fig = operations_charts.runway_heatmap(months, months > 1e3, operations_words.HEATMAP_NOTE)
    page = " ".join(t.get_text() for t in fig.texts)
    phone = _on_the_phone(fig, lambda f: {"note": " ".join(" ".join(t.get_text() for t in f.texts).split())})
    for text in (page, phone["note"]):
        assert "In no case does revenue overtake" in text and "A:" not in text and "Outlined" not in text, text
    assert "Numbers: months of cash" in phone["note"]
    plt.close(fig)


def test_a_tornado_setting_at_which_no_outcome_survives_is_named_not_drawn_as_0_percent():
    """Issue 25, bear 04: the low cash setting left no outcome alive at the date of the analysis and the tornado drew
    a bar to 0%; the chance among survivors is undefined there."""
    rows = pd.DataFrame(
        {
            "p_low": [0.0, 0.97],
            "p_high": [0.9, 0.999],  # cash's high setting moves it: drawn, its low setting named
            "assumption": ["cash_usd", "net_burn_monthly_usd"],
            "low_setting": [(1.6e8, 1.6e8), (2.5e7, 2.5e7)],
            "high_setting": [(5.6e8, 5.6e8), (6e7, 6e7)],
            "none_low": [True, False],
            "none_high": [False, False],
        }
    )
    fig = operations_charts.tornado_chart(rows, 0.998)
    ax = fig.axes[0]
    low_bars = ax.containers[0]
    assert low_bars.patches[0].get_width() == 0  # no bar from the middle setting down to 0%
    named = [t.get_text() for t in _labels_of(fig)]
    assert any(operations_charts.NONE_SURVIVES in text for text in named), named
    assert "every outcome" in title(fig), title(fig)
    assert not _clashing(fig), _clashing(fig)
    plt.close(fig)


def test_the_runway_heatmap_s_colour_bar_reads_whole_months_as_its_cells_do():
    """The review: bear's colour bar read '7.5', '12.5' beside cells of whole months."""
    cash, burn = [1.6e8, 5.6e8], [2.5e7, 4e7, 6e7]  # bear's ends: 3 to 22 months
    months = pd.DataFrame([[c / b for b in burn] for c in cash], index=cash, columns=burn)
    fig = operations_charts.runway_heatmap(months, months > 100)
    fig.canvas.draw()
    bar = fig.axes[-1]
    ticks = [t.get_text() for t in bar.get_yticklabels() if t.get_text()]
    assert ticks and not [t for t in ticks if "." in t], ticks
    plt.close(fig)
