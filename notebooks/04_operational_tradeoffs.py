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
# The article argues that Runway's ~<span class="mathjax_ignore">&#36;</span>860M gives it cash but also pressure to show revenue, and that without a credible world-model demonstration within 12-18 months its <span class="mathjax_ignore">&#36;</span>5.3B valuation could face a correction. Runway's burn is not public, and what counts as a "credible demonstration" is a judgement. So this notebook treats both as stated, adjustable assumptions and answers with distributions and intervals, not points:
#
# 1. How many months of cash does Runway have, over a grid of cash and burn, and is it *default alive* (revenue overtakes growing costs before cash runs out)?
# 2. Where does the world stand on `as_of`: how much of the window has passed, and is a credible demonstration already known (the same evidence ledger and rule as notebook 03)?
# 3. How likely is a miss of the window, cash running out before a demo, and a down round when Runway must raise; and which assumption drives each?

# %% [markdown]
# **How to rerun.** Change the parameters below or run `python scripts/run_notebooks.py 04 -p as_of=2027-06-30 -p net_burn_monthly_usd=20e6,60e6 -p min_confidence=any`. Ranges are written `low,high`. `as_of`, `strictness` and `min_confidence` mean what they mean in notebook 03, so a scenario sets them once for both. All draws come from one seeded generator (`seed`), so a rerun with the same parameters gives the same numbers.

# %%
from typing import Optional

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

from prequel import SNAPSHOT_DATE
from prequel.analysis import funding
from prequel.analysis import operations as ops
from prequel.analysis import predictions as pred
from prequel.analysis.operations_charts import demo_cdf, runway_heatmap, tornado_chart, valuation_hist
from prequel.declarations import check_parameters_then_load_data
from prequel.present.labels import bare_label
from prequel.present.report import esc, money, publish_results, ratio, show_headline, show_md, show_table, source_link
from prequel.present.sources import show_sources
from prequel.present.style import apply_theme
from prequel.sourcing import cited_rows, outside_sources

apply_theme()

# %% tags=["parameters"]
# fmt: off
as_of: str = "2026-11-24"  # date of the state of the world (YYYY-MM-DD): months elapsed since the window's start, and the evidence known by then | date
strictness: str = "strict"  # reading of "a credible demonstration", as in notebook 03 | one of strict, lenient
min_confidence: str = "reported"  # evidence that counts, as in notebook 03: "reported" rows only, or "any" (estimated and disputed too); applies to the demo ledger and the run-rates | one of reported, any
cash_usd: Optional[list] = None  # cash at the window's start (US$): low, high; None derives it from the data (see section 1); a high above capital raised minus what was at least spent is capped | range 0 to 1e12
net_burn_monthly_usd: list = [10_000_000, 40_000_000]  # net burn per month at the window's start (US$), an assumption: Runway's burn is not public | range 1 to 1e10
arr_usd: Optional[list] = None  # revenue run-rate at the window's start (US$): low, high; None takes it from the data (latest reported figure to the highest counted figure carried forward) | range 1 to 1e12
arr_growth_annual: float = 0.65  # annual run-rate growth, an assumption (the two reported run-rates, $70M and $90M six months apart, imply about 65%) | -0.9 to 20
cost_growth_annual: float = 0.3  # annual growth of costs, an assumption: headcount ~140 (Feb 2026) to ~155 later in 2026 is ~10% within the year, and world-model compute grows faster; about half the run-rate growth | -0.9 to 20
window_start: str = "2026-04-29"  # start of the demo window (YYYY-MM-DD): the Equity episode | date, checked by window_in_data
window_months: list = [12, 18]  # the article's window for a credible demo, in months (its length is drawn uniformly in it) | range 0.5 to 120
demo_median_months: float = 9.0  # median months from the window's start to a credible demo, before conditioning on as_of, an assumption | 0.1 to 600
weibull_k: float = 1.5  # Weibull shape of the demo time (above 1: more likely as work accumulates) | 0.1 to 10
existing_demo_counts: Optional[bool] = None  # the reader's override: true counts a demo as shown at the window's start, false counts none; None reads data/events.csv
correction_if_miss: list = [0.3, 0.6]  # valuation haircut if the window is missed (share of the post-money), an assumption | range 0 to 1
peer_revenue_multiple: float = 20.0  # valuation / run-rate investors would pay on revenue alone, an assumption (OpenAI's sourced multiple is shown for comparison) | 0.1 to 1000
raise_lead_months: float = 6.0  # months of cash left when a company that must raise does so, an assumption (start-ups usually raise with 6-12 months left) | 0 to 60
n_sims: int = 20_000  # number of simulated outcomes | 100 to 2_000_000
interval_sets: int = 100  # assumption sets drawn for the intervals (each simulated with min(n_sims, 2000) outcomes) | 10 to 5000
seed: int = 20261124  # seed of the random generator (fixed for reproducible outputs) | 0 to 4294967295
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
sourced = ops.sourced_inputs(data, "runway", window_start)
burn = tuple(net_burn_monthly_usd)
bound = ops.cash_bound(sourced, window_start, burn)
cash_range = (bound["low"], bound["high"]) if cash_usd is None else (cash_usd[0], min(cash_usd[1], bound["high"]))
cash_range = (min(cash_range), cash_range[1])
elapsed = max(ops.months_between(window_start, as_of), 0.0)
n_inner = min(n_sims, 2000)


def state_of_the_world(evidence: str, reading: str = strictness) -> dict:
    """Demo state and run-rate range under one evidence setting and reading (the model's inputs from data)."""
    state = ops.demo_state(data.events, window_start, as_of, reading, evidence)
    if existing_demo_counts is not None:
        state = {**state, "demo_event": "override" if existing_demo_counts else None, "pending": []}
        state["demo_month"] = 0.0 if existing_demo_counts else None
    arr = ops.arr_range(data.metrics, "runway", window_start, arr_growth_annual, include_estimates=evidence == "any")
    arr_pair = (arr["low"], arr["high"]) if arr_usd is None else tuple(arr_usd)
    assumptions = ops.Assumptions(
        cash_range,
        burn,
        arr_pair,
        arr_growth_annual,
        cost_growth_annual,
        tuple(window_months),
        demo_median_months,
        weibull_k,
        tuple(correction_if_miss),
        peer_revenue_multiple,
        sourced["post_money_usd"],
        raise_lead_months,
        elapsed,
        state["demo_month"],
    )
    return {"state": state, "arr": arr, "A": assumptions}


world = state_of_the_world(min_confidence)
A, demo, arr_info = world["A"], world["state"], world["arr"]
if pd.Timestamp(as_of) > pd.Timestamp(SNAPSHOT_DATE):
    show_md(
        f"**Note:** `as_of` ({esc(as_of)}) is after the data snapshot ({SNAPSHOT_DATE}). Events after the snapshot "
        "are not in the data, so the state past it assumes that nothing else happened."
    )
print(f"window from {window_start}; as_of {as_of} ({elapsed:.1f} months in); {n_sims} simulations, seed {seed}")

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown]
# ## The sourced inputs
#
# What the data say. Capital and valuation as known at the window's start; everything else is an assumption, listed after.

# %%
openai_caps = funding.latest_post_money(data.rounds[data.rounds["company_id"] == "openai"], window_start)
openai_arr = funding.known_by(
    data.metrics[(data.metrics["metric"] == "arr_usd") & (data.metrics["company_id"] == "openai")], window_start
)
openai_multiple = (  # one run-rate figure: the ratio keeps the fewest significant figures of its two inputs
    funding.supported_ratio(
        openai_caps["post_money_usd"].iloc[0], funding.latest_preferring_reported(openai_arr)["value"].iloc[0]
    )
    if len(openai_caps) and len(openai_arr)
    else None
)
runway_metrics = data.metrics[
    data.metrics["metric"].isin(["arr_usd", "arr_added_usd"]) & (data.metrics["company_id"] == "runway")
]
inputs = pd.DataFrame(
    [
        (
            "Runway capital raised (counted rounds)",
            money(sourced["total_raised_usd"]),
            "reported",
            "data/funding_rounds.csv",
        ),
        (
            f"Last round ({sourced['last_round']}, {sourced['last_round_date']:%Y-%m-%d})",
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
        *[
            (f"Runway {r.metric}, {r.as_of}", money(r.value), r.confidence, r.source_url)
            for r in runway_metrics.itertuples()
        ],
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

# %% [markdown]
# **Cash is bounded by what was spent.** Cash at the window's start cannot be all the capital ever raised: Runway was reported loss-making in June 2025. The high end is capital raised minus at least the low burn in every month since the round before last; the low end is the last round minus the high burn since it closed (every earlier dollar spent). **Revenue is a range**: from the latest *reported* run-rate as reported (a floor: no growth since), to the highest counted run-rate carried forward to the window's start at the growth rate. Under `min_confidence="reported"` the newsletter's *estimated* run-rate does not count; it does under "any".

# %%
assumptions = pd.DataFrame(
    [
        (
            "cash at the window's start",
            f"{money(A.cash_usd[0])} - {money(A.cash_usd[1])}",
            "uniform; from data"
            if cash_usd is None
            else "uniform; set by parameter" + (" (high capped)" if cash_usd[1] > bound["high"] else ""),
        ),
        ("net burn per month at the start", f"{money(burn[0])} - {money(burn[1])}", "uniform"),
        (
            "run-rate at the window's start",
            f"{money(A.arr_usd[0])} - {money(A.arr_usd[1])}",
            f"uniform; from {arr_info['low_from']} to {arr_info['high_from']}"
            if arr_usd is None
            else "uniform; set by parameter",
        ),
        ("run-rate growth per year", f"{arr_growth_annual:.0%}", "constant"),
        ("cost growth per year", f"{cost_growth_annual:.0%}", "constant"),
        ("demo window", f"{window_months[0]:g} - {window_months[1]:g} months", "uniform"),
        (
            "time to a credible demo",
            f"counted: {pred.event_words(data.events.set_index('event_id')['event'].get(demo['demo_event'], demo['demo_event']))} "
            f"(month {demo['demo_month']:.1f})"
            if demo["demo_month"] is not None
            else f"median {demo_median_months:g} months, k = {weibull_k:g}, given none by month {elapsed:.1f}",
            "from the ledger" if existing_demo_counts is None else "set by override",
        ),
        ("haircut on a missed window", f"{correction_if_miss[0]:.0%} - {correction_if_miss[1]:.0%}", "uniform"),
        ("peer revenue multiple", ratio(peer_revenue_multiple), "fixed"),
        ("cash left when raising", f"{raise_lead_months:g} months", "fixed"),
    ],
    columns=["assumption", "value", "distribution"],
)
show_table(assumptions, "Assumptions (all parameters)")

# %% [markdown]
# ## 1. Runway in months, and the default-alive test
#
# At a constant net burn *B*, cash *C* lasts *C*/*B* months. With revenue, costs *K* = *B* + *R*<sub>0</sub>/12 grow at *c* a year and the run-rate at *g*, so with *I*(*x*, *t*) = 12((1+*x*)<sup>*t*/12</sup> − 1)/ln(1+*x*) cash after *t* months is
#
#   cash(*t*) = *C* − *K*·*I*(*c*, *t*) + *R*<sub>0</sub>/12·*I*(*g*, *t*),
#
# and revenue overtakes costs at *t*\* = 12·ln(12*K*/*R*<sub>0</sub>)/ln((1+*g*)/(1+*c*)) (never when *c* ≥ *g*). The company is **default alive** when cash(*t*\*) > 0. The grid uses the middle of the run-rate range.

# %%
arr_mid = float(np.mean(A.arr_usd))
cash_grid = np.linspace(A.cash_usd[0], A.cash_usd[1], 5)
burn_grid = np.linspace(burn[0], burn[1], 7)
months = pd.DataFrame(ops.static_runway(cash_grid[:, None], burn_grid[None, :]), index=cash_grid, columns=burn_grid)
growth_runway = ops.runway_months(
    cash_grid[:, None], burn_grid[None, :], arr_mid, arr_growth_annual, cost_growth_annual
)
alive = growth_runway >= ops.MAX_MONTHS
fig = runway_heatmap(
    months, alive, source_note="Cash bounded by data/funding_rounds.csv; burn is an assumption (not public)."
)
display(fig)
plt.close(fig)

# %%
grid_table = months.round(0).astype(int).copy()
grid_table.index = pd.Index([money(c) for c in cash_grid], name="cash_usd")
grid_table.columns = [money(b) for b in burn_grid]
show_table(grid_table, "The chart's data: months of cash at constant burn (rows: cash; columns: net burn per month)")
alive_table = pd.DataFrame(
    np.where(alive, "alive", np.round(growth_runway, 0).astype(int).astype(str)),
    index=grid_table.index,
    columns=grid_table.columns,
)
show_table(alive_table, "Default-alive test: months until cash runs out with revenue and cost growth, or 'alive'")
show_md(
    f"At constant burn, the grid runs from **{months.values.min():.0f}** to **{months.values.max():.0f} months** of cash. "
    f"With a run-rate of {money(arr_mid)} growing {arr_growth_annual:.0%} a year and costs growing {cost_growth_annual:.0%}, "
    f"**{alive.sum()} of {alive.size}** cells are default alive: revenue overtakes costs before the cash is gone."
)

# %% [markdown]
# ## 2. One state of the world: the demo against the window, as of the chosen date
#
# Whether a credible demonstration is already known comes from `data/events.csv` through `predictions.counted_events`, the rule notebook 03 uses: events of Runway's prediction that qualify under the reading, dated on or before `as_of`, and (under `min_confidence="reported"`) reported, not estimated or disputed. A counted demo fixes the demo time *T* at its date (0 when it predates the window's start). With none counted, *T* is Weibull with median *m* and shape *k*, **conditioned on no demo in the *e* months already passed**: P(*T* > *t* | *T* > *e*) = S(max(*t*, *e*))/S(*e*), S(*t*) = exp(−(*t*/η)<sup>*k*</sup>), η = *m*/(ln 2)<sup>1/*k*</sup>. The window's length *W* is uniform on the article's 12-18 months, so P(miss) is the mean over *W* of that conditional survival; it can only rise as `as_of` moves on without a demo.

# %%
pending = demo["pending"]
in_words = data.events.set_index("event_id")["event"].map(pred.event_words).to_dict() | {"override": "the override"}
show_md(
    f"As of **{esc(as_of)}** ({elapsed:.1f} months after the window's start, {esc(strictness)} reading, "
    f"`min_confidence={esc(min_confidence)}`): "
    + (
        f"a credible demo is counted (**{esc(in_words.get(demo['demo_event'], demo['demo_event']))}**, "
        f"month {demo['demo_month']:.1f})."
        if demo["demo_month"] is not None
        else "**no credible demo is counted**."
    )
    + (
        " Pending confirmation (they would count if estimated and disputed events counted): "
        f"**{esc('; '.join(in_words.get(e, e) for e in pending))}**."
        if pending and min_confidence == "reported"
        else ""
    )
    + (" (Set by the `existing_demo_counts` override.)" if existing_demo_counts is not None else "")
)
ledger = data.events[data.events["prediction_id"] == ops.DEMO_PREDICTION][
    ["event_id", "event_date", "event", "lenient", "strict", "confidence"]
]
show_table(ledger, "Runway's evidence ledger (data/events.csv)")

# %%
sims = ops.simulate(A, n_sims, seed)
summary = ops.summarize(A, sims)
summary["runway_months_median"] = float(np.median(ops.static_runway(sims["cash"], sims["burn"])))
horizon = max(36.0, window_months[1] * 2, elapsed + 12)
t = np.linspace(0, horizon, 145)
if A.demo_month is not None:
    p_by = (t >= A.demo_month).astype(float)
else:
    p_by = 1 - ops.conditional_survival(t, demo_median_months, weibull_k, elapsed)
    p_by = np.where(t < elapsed, 0.0, p_by)
curve = pd.DataFrame({"month": t, "p_demo_by_month": p_by})
fig = demo_cdf(
    curve,
    np.minimum(sims["demo"], horizon),
    tuple(window_months),
    source_note=f"Demo time: an assumption (demo_median_months, weibull_k), given no demo by as_of ({as_of}); window: the article's.",
)
display(fig)
plt.close(fig)

# %%
show_table(curve.iloc[::12].round(2), "The chart's data: P(demo by month), every twelfth point")
closed = (
    0.0 if A.demo_month is not None else ops.p_miss_closed_form(A.window_months, demo_median_months, weibull_k, elapsed)
)
show_md(
    f"P(miss the window) = **{summary['p_miss_window']:.0%}** in {n_sims:,} simulations (closed form: {closed:.0%}). "
    f"P(cash runs out before the demo) = **{summary['p_cash_out_before_demo']:.0%}**. The median runway at constant "
    f"burn is **{summary['runway_months_median']:.0f} months** from the window's start."
)

# %% [markdown]
# ## 3. Operational model: a down round only when Runway must raise
#
# A private valuation is repriced only at a new round. Runway must raise when it is not default alive; it then raises `raise_lead_months` before its cash would run out. The price at that raise is the better of two cases:
#
# - the **thesis case**: the <span class="mathjax_ignore">&#36;</span>5.3B post-money, cut by the haircut *h* if the demo missed the window *and* the window has closed by the raise (while the window is open, the thesis is intact);
# - the **revenue case**: the run-rate at the raise times the peer revenue multiple.
#
# A **down round** is a raise priced below the post-money. A company that never has to raise faces no priced correction. Only the first raise is modelled.

# %%
raised = sims["must_raise"]
if raised.any():
    fig = valuation_hist(
        sims["price_at_raise"][raised],
        A.post_money_usd,
        sims["down_round"][raised],
        source_note="Post-money from data/funding_rounds.csv; haircut and peer multiple are assumptions.",
    )
    display(fig)
    plt.close(fig)
    quantiles = pd.Series(
        np.quantile(sims["price_at_raise"][raised], [0.05, 0.25, 0.5, 0.75, 0.95]),
        index=pd.Index(["5%", "25%", "50%", "75%", "95%"], name="quantile"),
    )
    show_table(
        quantiles.map(lambda v: money(ops.round_sig(v))).rename("price at the raise").to_frame(),
        "The chart's data: quantiles of the price at the raise (outcomes that must raise)",
    )
else:
    show_md("No simulated outcome has to raise: the company is default alive throughout.")

# %% [markdown]
# ### Intervals, and what drives each result
#
# The ranges (cash, burn, run-rate, window, haircut) are drawn in every simulation. The point-valued assumptions (demo median, Weibull shape, run-rate growth, cost growth, peer multiple, cash left when raising) are not known either: the interval beside each probability is its **5-95% range over `interval_sets` assumption sets**, each drawing those assumptions uniformly over the same low-high settings the tornado uses (halved to increased by half; the shape from 2/3 to twice its value), with the same inner draws (so the spread is the assumptions', not sampling noise), widened to include the point. It is a sensitivity range, not a confidence interval: the inputs are single-source and the assumptions stated, not measured.

# %%
interval = ops.intervals(A, n_inner, seed, interval_sets)
steps = ops.sensitivity_ranges(A)
sens = ops.sensitivity(A, n_inner, seed, steps)
drivers = {m: ops.drivers(sens, m) for m in ops.METRICS}
rows = pd.DataFrame([r for r in sens if r["metric"] == "p_down_round"])
fig = tornado_chart(rows, rows["base"].iloc[0], source_note="Same seeded draws for every bar (common random numbers).")
display(fig)
plt.close(fig)

# %%
table = pd.DataFrame(sens)
table = table.pivot_table(index="assumption", columns="metric", values="swing", sort=False).round(2)
show_table(
    table,
    "How far each assumption moves each probability (swing from its low to its high setting)",
    values={name: bare_label(name) for name in steps},
)
show_md(
    "\n".join(
        f"- **{ops.METRIC_WORDS.get(m, m)}**: driven by "
        + (
            ", ".join(ops.ASSUMPTION_WORDS.get(d, d) for d in drivers[m])
            if drivers[m]
            else "nothing in the tornado's ranges"
        )
        for m in ops.METRICS
    )
)

# %% [markdown]
# ## 4. Precision, and the evidence behind the headline
#
# Every published probability is rounded to 5 percentage points (whole points when it and its interval lie under 10%); intervals are rounded outward. Money and multiples keep two significant figures. The headline is computed twice: with the chosen `min_confidence` and with the other setting, which changes the demo ledger (a disputed or estimated event) and the run-rate range (the newsletter's estimate).


# %%
def headline(assumptions, state, sims_of=None) -> dict:
    s = ops.summarize(assumptions, sims_of if sims_of is not None else ops.simulate(assumptions, n_sims, seed))
    iv = interval if sims_of is not None else ops.intervals(assumptions, n_inner, seed, interval_sets)
    out = {
        "demo_counted": state["demo_event"],
        "demo_counted_date": data.events.set_index("event_id")["event_date"].get(state["demo_event"]),  # as dated
        "demo_override": existing_demo_counts,
        "pending_confirmation": state["pending"],
    }
    for m in ops.METRICS:
        out[m], out[f"{m}_interval"] = ops.round_probability(s[m], iv[m])
    return out


chosen = headline(A, demo, sims)
other_setting = "any" if min_confidence == "reported" else "reported"
other_world = state_of_the_world(other_setting)
other = headline(other_world["A"], other_world["state"])
other["min_confidence"] = other_setting
other["differs"] = any(other[m] != chosen[m] or other[f"{m}_interval"] != chosen[f"{m}_interval"] for m in ops.METRICS)
other_reading_name = "lenient" if strictness == "strict" else "strict"
reading_world = state_of_the_world(min_confidence, other_reading_name)
other_reading = headline(reading_world["A"], reading_world["state"])
other_reading["strictness"] = other_reading_name
other_reading["differs"] = any(
    other_reading[m] != chosen[m] or other_reading[f"{m}_interval"] != chosen[f"{m}_interval"] for m in ops.METRICS
)
event_text = data.events.set_index("event_id")["event"]
compare = pd.DataFrame(
    {
        f"min_confidence={min_confidence} (chosen)": [chosen["demo_counted"] or "none"]
        + [f"{chosen[m]:.0%} ({chosen[m + '_interval'][0]:.0%}-{chosen[m + '_interval'][1]:.0%})" for m in ops.METRICS],
        f"min_confidence={other_setting}": [other["demo_counted"] or "none"]
        + [f"{other[m]:.0%} ({other[m + '_interval'][0]:.0%}-{other[m + '_interval'][1]:.0%})" for m in ops.METRICS],
    },
    index=pd.Index(["demo counted", *ops.METRICS], name="metric"),
)
show_table(compare, "The headline with and without estimated and disputed rows (5-95% range over the assumptions)")
implied = (A.post_money_usd / A.arr_usd[1], A.post_money_usd / A.arr_usd[0])
show_md(
    f"The implied revenue multiple at {money(A.post_money_usd)} is **{ops.round_sig(implied[0]):g}x to {ops.round_sig(implied[1]):g}x** "
    f"the run-rate range {money(ops.round_sig(A.arr_usd[0]))}-{money(ops.round_sig(A.arr_usd[1]))} "
    f"(assumed peer multiple: {peer_revenue_multiple:g}x; OpenAI's sourced multiple: {ratio(openai_multiple)})."
)

# %% [markdown]
# ## 5. What a developer on Runway's API should take from this

# %%
vendor_risk = chosen["p_cash_out_before_demo_interval"][1] >= 0.10
strategic = chosen["p_miss_window"] >= chosen["p_cash_out_before_demo"]
show_md(
    "\n".join(
        [
            (
                f"- **Vendor failure is a real risk**: without new money, cash runs out before a credible demo in about "
                f"{chosen['p_cash_out_before_demo']:.0%} of outcomes (up to {chosen['p_cash_out_before_demo_interval'][1]:.0%} "
                "over the assumptions); keep a second video provider integrated, not just evaluated."
                if vendor_risk
                else f"- **Runway is unlikely to run out of cash first**: at most {chosen['p_cash_out_before_demo_interval'][1]:.0%} "
                "of outcomes over the assumptions."
            ),
            (
                f"- **The pressure is strategic**: the window is missed in about {chosen['p_miss_window']:.0%} of outcomes "
                f"({chosen['p_miss_window_interval'][0]:.0%}-{chosen['p_miss_window_interval'][1]:.0%}), and a down round follows "
                f"in about {chosen['p_down_round']:.0%} when Runway must raise. A company under that pressure pushes its roadmap "
                "toward the world-model demo the article expects."
                if strategic
                else f"- **The demo window is not the binding constraint**: it is missed in about {chosen['p_miss_window']:.0%} of outcomes."
            ),
            "- **So plan for the platform to move**: keep prompts, assets and pipelines portable across video APIs, pin model versions where the API allows, "
            "and treat simulation-oriented features as the direction of travel rather than a stable contract.",
        ]
    )
)

# %% [markdown]
# ## Sources

# %%
source_files = ["funding_rounds", "company_metrics", "events"]
show_sources(data, source_files, as_of)

# %% [markdown]
# ## Results

# %%
published = {
    "as_of": as_of,
    "strictness": strictness,
    "min_confidence": min_confidence,
    "elapsed_months": round(elapsed, 1),
    "window_months": list(window_months),
    **chosen,
    "p_must_raise": ops.round_probability(summary["p_must_raise"], (summary["p_must_raise"],) * 2)[0],
    "p_default_alive": ops.round_probability(summary["p_default_alive"], (summary["p_default_alive"],) * 2)[0],
    "runway_months_median": ops.round_sig(summary["runway_months_median"]),
    "cash_usd_at_start": [ops.round_sig(x) for x in A.cash_usd],
    "arr_usd_at_start": [ops.round_sig(x) for x in A.arr_usd],
    "implied_revenue_multiple": ops.round_sig(summary["implied_revenue_multiple"]),
    "implied_revenue_multiple_interval": [ops.round_sig(x) for x in implied],
    "drivers": drivers,
    "other_evidence": other,
    "other_reading": other_reading,
}
sources_used = outside_sources(cited_rows(data, source_files, as_of))
results = publish_results({**published, **ops.finding(published, event_text.to_dict(), A, sources_used)})
show_headline(results, update=True)

# %% [markdown]
# ## Caveats
#
# - Runway's burn, cost growth, the demo time, the haircut, the peer multiple and the timing of a raise are assumptions, not data: the intervals and the tornado show how much each matters.
# - The run-rate range rests on single secondary sources (The Information via 36Kr for the reported figures; a newsletter's estimate for the high end under `min_confidence=any`).
# - Only the first raise is modelled, and a raise while the window is still open is priced at the post-money. The model does not condition on Runway still operating at `as_of`, nor on no new round being reported by then.

# %%
show_md(
    "\n".join(
        f"- The {money(r.value)} of net run-rate added in the quarter reported in {esc(r.as_of)} "
        f"({source_link(r.source_url, r.as_of)}) is a flow reported before the quarter ended, possibly a target: "
        "shown, not used."
        for r in runway_metrics[runway_metrics["metric"] == "arr_added_usd"].itertuples()
    )
)

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
