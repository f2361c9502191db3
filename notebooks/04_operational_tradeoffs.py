# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Operational tradeoffs: does Runway's cash outlast the world-model window?
#
# The article argues that Runway's ~\$860M gives it cash but also pressure to show revenue, and that without a credible world-model demonstration within 12-18 months its \$5.3B valuation could face a correction. Runway's burn is not public, and what counts as a "credible demonstration" is a judgement. So this notebook treats both as stated, adjustable assumptions and answers with distributions, not points:
#
# 1. How many months of cash does Runway have, over a grid of cash and burn, and is it *default alive* (revenue growth covers costs before cash runs out)?
# 2. How likely is a miss of the 12-18 month window, and cash running out before a demo?
# 3. What happens to the valuation after the window, and which assumption matters most?

# %% [markdown]
# **How to rerun.** Change the parameters below or run `python scripts/run_notebooks.py 04 -p net_burn_monthly_usd=20e6,60e6 -p existing_demo_counts=true`. Ranges are written `low,high`. All draws come from one seeded generator (`seed`), so a rerun with the same parameters gives the same numbers.

# %%
from typing import Optional

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

from prequel.analysis import funding
from prequel.analysis import operations as ops
from prequel.analysis.operations_charts import demo_cdf, runway_heatmap, tornado_chart, valuation_hist
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import esc, money, publish_results, ratio, show_md, show_table
from prequel.present.style import apply_theme

apply_theme()

# %% tags=["parameters"]
# fmt: off
cash_usd: list = [315_000_000, 857_500_000]  # cash at the window's start (US$): low, only the Series E left; high, every dollar raised still there | range 0 to 1e12
net_burn_monthly_usd: list = [10_000_000, 40_000_000]  # net burn per month (US$), an assumption: Runway's burn is not public | range 1 to 1e10
arr_usd: Optional[float] = None  # revenue run-rate at the window's start (US$); None carries the latest reported run-rate forward at arr_growth_annual | 1 to 1e12
arr_growth_annual: float = 0.65  # annual run-rate growth, an assumption (the two reported run-rates, $70M and $90M six months apart, imply about 65%) | -0.9 to 20
window_start: str = "2026-04-29"  # start of the demo window (YYYY-MM-DD): the Equity episode | date, checked by window_in_data
window_months: list = [12, 18]  # the article's window for a credible demo, in months (its length is drawn uniformly in it) | range 0.5 to 120
demo_median_months: float = 9.0  # median months from the window's start to a credible demo, an assumption | 0.1 to 600
weibull_k: float = 1.5  # Weibull shape of the demo time (above 1: more likely as work accumulates) | 0.1 to 10
existing_demo_counts: bool = False  # count GWM-1 (Dec 2025) and Runway Characters (2026) as the credible demo already shown
correction_if_miss: list = [0.3, 0.6]  # valuation haircut if the window is missed (share of the post-money), an assumption | range 0 to 1
peer_revenue_multiple: float = 20.0  # valuation / run-rate investors would pay on revenue alone, an assumption (OpenAI's sourced multiple is shown for comparison) | 0.1 to 1000
n_sims: int = 20_000  # number of simulated outcomes | 100 to 2_000_000
seed: int = 20261124  # seed of the random generator (fixed for reproducible outputs) | 0 to 4294967295
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
sourced = ops.sourced_inputs(data, "runway", window_start)
arr_start = (
    arr_usd if arr_usd is not None else ops.grown(sourced["arr_usd"], arr_growth_annual, sourced["arr_age_months"])
)
A = ops.Assumptions(
    tuple(cash_usd),
    tuple(net_burn_monthly_usd),
    arr_start,
    arr_growth_annual,
    tuple(window_months),
    demo_median_months,
    weibull_k,
    existing_demo_counts,
    tuple(correction_if_miss),
    peer_revenue_multiple,
    sourced["post_money_usd"],
)
print(f"window from {window_start}; {n_sims} simulations, seed {seed}")

# %% [markdown]
# ## The sourced inputs
#
# What the data say, as known at the window's start. Everything else is an assumption, listed after.

# %%
openai_caps = funding.latest_post_money(data.rounds[data.rounds["company_id"] == "openai"], window_start)
openai_arr = funding.known_by(
    data.metrics[(data.metrics["metric"] == "arr_usd") & (data.metrics["company_id"] == "openai")], window_start
)
openai_multiple = (
    openai_caps["post_money_usd"].iloc[0] / funding.latest_preferring_reported(openai_arr)["value"].iloc[0]
    if len(openai_caps) and len(openai_arr)
    else None
)
runway_arr = data.metrics[(data.metrics["metric"] == "arr_usd") & (data.metrics["company_id"] == "runway")]
inputs = pd.DataFrame(
    [
        (
            "Runway capital raised (counted rounds)",
            money(sourced["total_raised_usd"]),
            "reported",
            "data/funding_rounds.csv",
        ),
        (
            f"Last round ({sourced['last_round']})",
            money(sourced["last_round_usd"]),
            "reported",
            "data/funding_rounds.csv",
        ),
        (
            "Post-money valuation",
            f"{money(sourced['post_money_usd'])} ({sourced['post_money_as_of']})",
            "reported",
            "data/funding_rounds.csv",
        ),
        *[(f"Runway run-rate {r.as_of}", money(r.value), r.confidence, r.source_url) for r in runway_arr.itertuples()],
        (
            "OpenAI post-money / run-rate",
            ratio(openai_multiple),
            "derived",
            "data/funding_rounds.csv, data/company_metrics.csv",
        ),
    ],
    columns=["input", "value", "confidence", "source"],
)
show_table(inputs, "Sourced inputs")
costs = data.metrics[data.metrics["metric"] == "product_cost_monthly_usd"]
show_md(
    f"Burn context only (not Runway's): reported running costs of OpenAI's Sora ranged from **{money(costs['value'].min())}** "
    f"to **{money(costs['value'].max())}** a month ({len(costs)} single sources, flagged "
    f"{esc(', '.join(sorted(set(costs['confidence']))))}). The default burn range, "
    f"{money(net_burn_monthly_usd[0])}-{money(net_burn_monthly_usd[1])} a month, brackets them."
)

# %%
assumptions = pd.DataFrame(
    [
        ("cash at the window's start", f"{money(cash_usd[0])} - {money(cash_usd[1])}", "uniform"),
        ("net burn per month", f"{money(net_burn_monthly_usd[0])} - {money(net_burn_monthly_usd[1])}", "uniform"),
        (
            "run-rate at the window's start",
            money(arr_start),
            "from data, carried forward" if arr_usd is None else "set by parameter",
        ),
        ("run-rate growth per year", f"{arr_growth_annual:.0%}", "constant"),
        ("demo window", f"{window_months[0]:g} - {window_months[1]:g} months", "uniform"),
        (
            "time to a credible demo",
            "already shown" if existing_demo_counts else f"median {demo_median_months:g} months, k = {weibull_k:g}",
            "Weibull",
        ),
        ("haircut on a missed window", f"{correction_if_miss[0]:.0%} - {correction_if_miss[1]:.0%}", "uniform"),
        ("peer revenue multiple", ratio(peer_revenue_multiple), "fixed"),
    ],
    columns=["assumption", "value", "distribution"],
)
show_table(assumptions, "Assumptions (all parameters)")

# %% [markdown]
# ## 1. Runway in months, and the default-alive test
#
# At a constant net burn *B*, cash *C* lasts *C*/*B* months. With revenue, costs stay at *B* + *R*<sub>0</sub>/12 while the run-rate grows at *g* a year, so cash after *t* months is
#
#   cash(*t*) = *C* − (*B* + *R*<sub>0</sub>/12)·*t* + *R*<sub>0</sub>/ln(1+*g*)·((1+*g*)<sup>*t*/12</sup> − 1),
#
# and revenue covers costs at *t*\* = 12·ln(12(*B* + *R*<sub>0</sub>/12)/*R*<sub>0</sub>)/ln(1+*g*). The company is **default alive** when cash(*t*\*) > 0.

# %%
cash_grid = np.linspace(cash_usd[0], cash_usd[1], 5)
burn_grid = np.linspace(net_burn_monthly_usd[0], net_burn_monthly_usd[1], 7)
months = pd.DataFrame(ops.static_runway(cash_grid[:, None], burn_grid[None, :]), index=cash_grid, columns=burn_grid)
growth_runway = ops.runway_months(cash_grid[:, None], burn_grid[None, :], arr_start, arr_growth_annual)
alive = growth_runway >= ops.MAX_MONTHS
fig = runway_heatmap(
    months, alive, source_note="Cash range from data/funding_rounds.csv; burn is an assumption (not public)."
)
display(fig)
plt.close(fig)

# %%
grid_table = months.round(1).copy()
grid_table.index = [money(c) for c in cash_grid]
grid_table.columns = [money(b) for b in burn_grid]
show_table(grid_table, "The chart's data: months of cash at constant burn (rows: cash; columns: net burn per month)")
alive_table = pd.DataFrame(
    np.where(alive, "alive", np.round(growth_runway, 1).astype(str)), index=grid_table.index, columns=grid_table.columns
)
show_table(alive_table, "Default-alive test: months until cash runs out with revenue growth, or 'alive'")
show_md(
    f"At constant burn, the grid runs from **{months.values.min():.0f}** to **{months.values.max():.0f} months** of cash. "
    f"With the run-rate of {money(arr_start)} growing {arr_growth_annual:.0%} a year, **{alive.sum()} of {alive.size}** "
    "cells are default alive: revenue catches up with costs before the cash is gone."
)

# %% [markdown]
# ## 2. The demo against the window
#
# The time to a credible demo *T* is Weibull with median *m* and shape *k*: P(*T* > *t*) = exp(−(*t*/η)<sup>*k*</sup>), η = *m*/(ln 2)<sup>1/*k*</sup>. The window's length *W* is uniform on the article's 12-18 months, so P(miss) = P(*T* > *W*), the mean of the survival over the window. Cash runs out before the demo when the (growth-adjusted) runway is shorter than *T*. If `existing_demo_counts` is true, GWM-1 already counts and *T* = 0.

# %%
sims = ops.simulate(A, n_sims, seed)
summary = ops.summarize(A, sims)
summary["runway_months_median"] = float(np.median(ops.static_runway(sims["cash"], sims["burn"])))
horizon = max(36.0, window_months[1] * 2)
t = np.linspace(0, horizon, 145)
curve = pd.DataFrame(
    {
        "month": t,
        "p_demo_by_month": np.ones_like(t)
        if existing_demo_counts
        else 1 - ops.weibull_survival(t, demo_median_months, weibull_k),
    }
)
fig = demo_cdf(
    curve,
    np.minimum(sims["demo"], horizon),
    tuple(window_months),
    source_note="The demo time is an assumption (parameters demo_median_months, weibull_k); the window is the article's.",
)
display(fig)
plt.close(fig)

# %%
show_table(curve.iloc[::12].round(3), "The chart's data: P(demo by month), every sixth month")
closed = 0.0 if existing_demo_counts else ops.p_miss_closed_form(tuple(window_months), demo_median_months, weibull_k)
show_md(
    f"P(miss the window) = **{summary['p_miss_window']:.1%}** in {n_sims:,} simulations (closed form: {closed:.1%}). "
    f"P(cash runs out before the demo) = **{summary['p_cash_out_before_demo']:.1%}**. "
    f"The median runway at constant burn is **{summary['runway_months_median']:.0f} months**, well beyond the window's "
    f"{window_months[1]:g} months"
    if summary["runway_months_median"] > window_months[1]
    else f"P(miss the window) = **{summary['p_miss_window']:.1%}** (closed form {closed:.1%}); P(cash runs out before the demo) = "
    f"**{summary['p_cash_out_before_demo']:.1%}**; median runway **{summary['runway_months_median']:.0f} months**."
)

# %% [markdown]
# ## 3. The valuation after the window
#
# Two cases set the valuation once the window closes, and investors pay for the better one:
#
# - the **thesis case**: the \$5.3B post-money, cut by the haircut *h* if the demo missed the window;
# - the **revenue case**: the run-rate at the window's end times the peer revenue multiple.
#
# A **correction** (down round) is a valuation after the window below the post-money. The implied revenue multiple at \$5.3B, post-money / run-rate, says how much of today's price the thesis carries.

# %%
fig = valuation_hist(
    sims["value_after"],
    A.post_money_usd,
    sims["down_round"],
    source_note="Post-money from data/funding_rounds.csv; haircut and peer multiple are assumptions.",
)
display(fig)
plt.close(fig)
quantiles = pd.Series(
    np.quantile(sims["value_after"], [0.05, 0.25, 0.5, 0.75, 0.95]), index=["5%", "25%", "50%", "75%", "95%"]
)
show_table(
    quantiles.map(money).rename("valuation after the window").to_frame(),
    "The chart's data: quantiles of the valuation after the window",
)

# %%
show_md(
    f"The implied revenue multiple at {money(A.post_money_usd)} is **{summary['implied_revenue_multiple']:.1f}x** the run-rate of "
    f"{money(arr_start)} (assumed peer multiple: {peer_revenue_multiple:g}x; OpenAI's sourced multiple: {ratio(openai_multiple)}). "
    f"P(correction) = **{summary['p_down_round']:.1%}**: a missed window ({summary['p_miss_window']:.1%}) turns into a down round "
    f"only when revenue alone cannot carry the price."
)

# %% [markdown]
# ## 4. Which assumption matters most
#
# Each assumption is moved to a low and a high setting (ranges collapse to their ends; point values are halved and increased by half; the Weibull shape goes to 1 and 3), all else at its base, with the same random draws. Bars are sorted by how far they move P(correction).

# %%
steps = {
    "cash_usd": ((cash_usd[0],) * 2, (cash_usd[1],) * 2),
    "net_burn_monthly_usd": ((net_burn_monthly_usd[0],) * 2, (net_burn_monthly_usd[1],) * 2),
    "arr_usd": (arr_start * 0.5, arr_start * 1.5),
    "arr_growth_annual": (arr_growth_annual * 0.5, arr_growth_annual * 1.5),
    "window_months": ((window_months[0],) * 2, (window_months[1],) * 2),
    "demo_median_months": (demo_median_months * 0.5, demo_median_months * 1.5),
    "weibull_k": (1.0, 3.0),
    "correction_if_miss": ((correction_if_miss[0],) * 2, (correction_if_miss[1],) * 2),
    "peer_revenue_multiple": (peer_revenue_multiple * 0.5, peer_revenue_multiple * 1.5),
}


def describe(v):
    return "/".join(money(x) if x >= 1e5 else f"{x:g}" for x in (v if isinstance(v, tuple) else (v,))[:1])


rows = pd.DataFrame(ops.tornado(A, n_sims, seed, steps))
rows["label"] = [f"{r.assumption} ({describe(r.low_setting)} to {describe(r.high_setting)})" for r in rows.itertuples()]
fig = tornado_chart(
    rows, summary["p_down_round"], source_note="Same seeded draws for every bar (common random numbers)."
)
display(fig)
plt.close(fig)

# %%
show_table(rows[["assumption", "p_low", "p_high", "swing"]].round(4), "The chart's data: P(correction) at each setting")
top = rows.iloc[0]
idle = rows[rows["swing"] == 0]["assumption"].tolist()
show_md(
    f"**{esc(top.assumption)}** moves P(correction) most: from {top.p_low:.1%} to {top.p_high:.1%}. "
    f"Next: {esc(rows.iloc[1].assumption)} ({rows.iloc[1].p_low:.1%} to {rows.iloc[1].p_high:.1%}). "
    + (
        f"No effect at all: {esc(', '.join(idle))} (in this model a correction needs a missed window and too little revenue; "
        "cash, burn and the size of the haircut do not change whether that happens)."
        if idle
        else ""
    )
)

# %% [markdown]
# ## 5. What a developer on Runway's API should take from this

# %%
alive_share = float(
    (ops.runway_months(sims["cash"], sims["burn"], arr_start, arr_growth_annual) >= ops.MAX_MONTHS).mean()
)
vendor_risk = summary["p_cash_out_before_demo"] >= 0.10
strategic = summary["p_miss_window"] >= summary["p_cash_out_before_demo"]
show_md(
    "\n".join(
        [
            (
                f"- **Vendor failure is a real risk**: cash runs out before a credible demo in {summary['p_cash_out_before_demo']:.1%} of outcomes; "
                "keep a second video provider integrated, not just evaluated."
                if vendor_risk
                else f"- **Runway is unlikely to run out of cash first**: that happens before a credible demo in only {summary['p_cash_out_before_demo']:.1%} "
                f"of outcomes, and {alive_share:.0%} of outcomes are default alive."
            ),
            (
                f"- **The pressure is strategic{', not financial' if not vendor_risk else ''}**: the window is missed in {summary['p_miss_window']:.0%} "
                f"of outcomes and a correction follows in {summary['p_down_round']:.1%}. A company under that pressure pushes its roadmap toward "
                "the world-model demo the article expects."
                if strategic
                else f"- **The demo window is not the binding constraint**: it is missed in only {summary['p_miss_window']:.0%} of outcomes."
            ),
            "- **So plan for the platform to move**: keep prompts, assets and pipelines portable across video APIs, pin model versions where the API allows, "
            "and treat simulation-oriented features as the direction of travel rather than a stable contract.",
        ]
    )
)

# %% [markdown]
# ## Sources

# %%
show_table(
    data.sources()[lambda d: d["files"].str.contains("funding_rounds|company_metrics")],
    "Sources behind the sourced inputs",
)

# %% [markdown]
# ## Results

# %%
results = publish_results(
    {
        **summary,
        "p_default_alive": alive_share,
        "arr_usd_at_start": arr_start,
        "finding": (
            f"Under the stated assumptions Runway misses the 12-18 month demo window in {summary['p_miss_window']:.0%} of outcomes, "
            f"runs out of cash before a demo in {summary['p_cash_out_before_demo']:.1%}, and faces a down round in {summary['p_down_round']:.1%}; "
            f"the most decisive assumption is {top.assumption}."
        ),
    }
)

# %% [markdown]
# ## Caveats
#
# - Runway's burn, the demo time, the haircut and the peer multiple are assumptions, not data: the tornado shows how much each matters.
# - The run-rate at the window's start is the latest reported figure (\$90M, June 2025) carried forward; a newsletter's \$300M estimate for December 2025 would make revenue carry the valuation more easily (try `-p arr_usd=300e6`).
# - Costs are held at their starting level; growing costs would shorten the runway.

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
