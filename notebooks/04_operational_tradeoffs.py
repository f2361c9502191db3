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
# The article argues that Runway's ~<span class="mathjax_ignore">&#36;</span>860M gives it cash but also pressure to show revenue, and that without a credible world-model demonstration within 12 to 18 months its <span class="mathjax_ignore">&#36;</span>5.3B valuation could face a correction. Runway's burn is not public, and what counts as a "credible demonstration" is a judgement. So both are stated, adjustable assumptions, and the answers are ranges, not points:
#
# 1. How many months of cash does Runway have, and does revenue overtake growing costs before the cash runs out?
# 2. How much of the window has passed by the date of the analysis, and is a credible demonstration already known?
# 3. How likely is a miss of the window, cash running out before a demo, and a down round when Runway must raise; and which assumption drives each?

# %% [markdown]
# **How to rerun.** Change the parameters below or run `python scripts/run_notebooks.py 04 -p as_of=2027-06-30 -p net_burn_monthly_usd=20e6,60e6 -p min_confidence=any`. Ranges are written `low,high`. `as_of`, `strictness`, `min_confidence`, `q_qualify` and `p_never` mean what they mean in notebook 03, so a scenario sets them once for both. All draws come from one seeded generator (`seed`), so a rerun with the same parameters gives the same numbers.

# %%
from typing import Optional

import matplotlib.pyplot as plt
from IPython.display import display

from prequel.analysis import operations
from prequel.analysis import operations_words as words
from prequel.analysis.operations_charts import demo_cdf, down_round_depths, runway_heatmap, tornado_chart
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import publish_results, show_headline, show_md, show_table
from prequel.present.sources import cite, cite_figures, show_sources
from prequel.present.style import apply_theme

apply_theme()

# %% tags=["parameters"]
# fmt: off
as_of: str = "2026-11-24"  # date of the state of the world (YYYY-MM-DD): months elapsed since the window's start, and the evidence known by then | date, checked by releases_in_data
strictness: str = "strict"  # reading of "a credible demonstration", as in notebook 03 | one of strict, lenient
min_confidence: str = "reported"  # evidence that counts, as in notebook 03: "reported" rows only (not estimated, disputed or from aggregator pages alone), or "any" (those too); applies to the demo ledger and the run-rates | one of reported, any
cash_usd: Optional[list] = None  # cash at the window's start (US$): low, high; None derives it from the data (see section 1); a high above capital raised minus what was at least spent is capped | range 0 to 1e12
net_burn_monthly_usd: list = [10_000_000, 40_000_000]  # net burn per month at the window's start (US$), an assumption: Runway's burn is not public | range 1 to 1e10
arr_usd: Optional[list] = None  # revenue run-rate at the window's start (US$): low, high; None takes it from the data (latest reported figure to the latest counted figure carried forward) | range 1 to 1e12
revenue_growth: list = [0.4, 1.0]  # as in notebook 06: Runway's yearly run-rate growth, low to high, that carries the run-rates known to the window's start (an assumption: 40% is Canva's growth at scale, 100% the three-year growth a broker assumed behind a 50x ARR multiple) | range 0 to 10
arr_growth_annual: float = 0.66  # annual run-rate growth, an assumption: Runway's own growth as notebook 06 measures it (its two reported run-rates, $70M and $90M six months apart, grew about 66% a year) | -0.9 to 20
cost_growth_annual: float = 0.3  # annual growth of costs, an assumption: headcount ~140 (Feb 2026) to ~155 later in 2026 is ~10% within the year, and world-model compute grows faster; about half the run-rate growth | -0.9 to 20
window_start: str = "2026-04-29"  # start of the demo window (YYYY-MM-DD): the Equity episode | date, checked by window_in_data
window_months: list = [12, 18]  # the article's window for a credible demo, in months (its length is drawn uniformly in it) | range 0.5 to 120
demo_median_months: Optional[float] = None  # override: median months from the window's start to a credible demo (given one comes), before conditioning on as_of; None uses notebook 03's demo-timing model | 0.1 to 600
weibull_k: Optional[float] = None  # override: Weibull shape of the demo time; None fits it (notebook 03's model) | 0.1 to 10
q_qualify: Optional[float] = None  # as in notebook 03: share of answering releases that qualify under the reading; None estimates it from the ledger | 0 to 1
p_never: float = 0.1  # as in notebook 03: probability that a credible demo never comes, a stated judgement (intervals draw it from none to twice this) | 0 to 1
existing_demo_counts: Optional[bool] = None  # the reader's override: true counts a demo as shown at the window's start, false counts none; None reads data/events.csv
correction_if_miss: list = [0.3, 0.6]  # depth of the valuation haircut on a raise without a demo (share of the post-money), an assumption: it sets how far a down round's price falls, not how often one comes | range 0 to 1
peer_revenue_multiple: Optional[list] = None  # valuation / run-rate investors would pay on revenue alone at a raise: low, high, drawn uniformly; None takes notebook 06's private AI video and creative peers known by as_of (lowest to highest; aggregator-only figures count only when min_confidence is "any"; when no peer counts, the revenue case is not priced and the page says so); a stated range overrides | range 0.1 to 1000
raise_lead_months: float = 6.0  # months of cash left when a company that must raise does so, an assumption (start-ups usually raise with 6 to 12 months left) | 0 to 60
n_sims: int = 20_000  # number of simulated outcomes | 100 to 2_000_000
interval_sets: int = 100  # assumption sets drawn for the intervals (each simulated with min(n_sims, 2000) outcomes) | 10 to 5000
seed: int = 20261124  # seed of the random generator (fixed for reproducible outputs) | 0 to 4294967295
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
a = operations.analyse(data, params)  # every table, chart's data, sentence and result below
cite_figures(data, operations.SOURCE_FILES, params.get("as_of"), ["runway"])  # the sources under each chart
if a.text.note:
    show_md(a.text.note)
print(a.text.run)

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown]
# ## The sourced inputs
#
# What the data say. Capital and valuation as known at the window's start; everything else is an assumption, listed after.

# %%
show_table(a.inputs, "Sourced inputs", aggregators=data.aggregator_sources)
show_md(a.text.burn_context)

# %% [markdown] tags=["methods"]
# **Cash is bounded by what was spent.** Cash at the window's start cannot be all the capital ever raised: Runway was reported loss-making in June 2025. The high end is capital raised minus at least the low burn in every month since the round before last; the low end is the last round minus the high burn since it closed (every earlier dollar spent). **Revenue is a range, by notebook 06's rule**: the same function and growth range as notebook 06 uses for the same <span class="mathjax_ignore">&#36;</span>5.3B, taken on the window's start from what is dated by then: from the latest *reported* run-rate carried forward at the low growth, to the latest counted run-rate carried forward at the high growth (a later report supersedes an older one). The run-rate reported added in the second quarter of 2026 (dated May 2026) is a floor only from its own date, so it does not raise the window's start (late April). So 04 and 06 give one run-rate path: the later date never shows the lower run-rate or the higher multiple. Under the "reported" evidence setting the newsletter's *estimated* run-rate does not count; it does under "any".

# %% tags=["methods"]
show_table(a.assumptions, "Assumptions (all parameters)")

# %% [markdown]
# ## 1. Runway in months, and whether revenue catches up

# %% [markdown] tags=["methods"]
# At a constant net burn *B*, cash *C* lasts *C*/*B* months. With revenue, costs *K* = *B* + *R*<sub>0</sub>/12 grow at *c* a year and the run-rate at *g*, so with *I*(*x*, *t*) = 12((1+*x*)<sup>*t*/12</sup> − 1)/ln(1+*x*) cash after *t* months is
#
#   cash(*t*) = *C* − *K*·*I*(*c*, *t*) + *R*<sub>0</sub>/12·*I*(*g*, *t*),
#
# and revenue overtakes costs at *t*\* = 12·ln(12*K*/*R*<sub>0</sub>)/ln((1+*g*)/(1+*c*)) (never when *c* ≥ *g*). The company is **default alive** when cash(*t*\*) > 0. The grid uses the middle of the run-rate range.

# %%
fig = runway_heatmap(
    a.runway_months,
    a.default_alive,
    source_note=words.HEATMAP_NOTE,
)
cite(fig, data, ["funding_rounds"], params["as_of"], ["runway"])
display(fig)
plt.close(fig)

# %%
show_table(a.runway_grid, "The chart's data: months of cash at constant burn (rows: cash; columns: net burn per month)")
show_table(
    a.alive_grid, "Months until cash runs out with revenue and costs growing ('never': revenue overtakes costs first)"
)
show_md(a.text.grid)

# %% [markdown]
# ## 2. One state of the world: the demo against the window, as of the chosen date

# %% [markdown] tags=["methods"]
# Whether a credible demonstration is already known comes from `data/events.csv` through the rule notebook 03 uses: events of Runway's prediction that qualify under the reading, dated on or before the date of the analysis, and (with the minimum confidence at reported) reported, not estimated or disputed. A counted demo fixes the demo time *T* at its date. One rule with notebook 03: a demo counts only when 03 would call the claim resolved by it; a qualifying release before the claim was made (the lenient reading's GWM-1 and Characters) makes the claim ambiguous there, and counts as no demo here.
#
# With none counted, *T* comes from **notebook 03's demo-timing model**, the one model both notebooks call, so Runway's demo by 2027-06-30 has one probability in both: answering releases arrive at the pace fitted to the reference class (Weibull scale η and shape *k*), a share *q* of them qualifies under the reading (estimated from the evidence ledger: how many of Runway's releases met it), and with probability *p*<sub>never</sub> (a stated judgement) no demo ever comes. Since *q*·(*t*/η)<sup>*k*</sup> = (*t*/η')<sup>*k*</sup> with η' = η·*q*<sup>−1/*k*</sup>, *T* is a Weibull with median *m* = η'(ln 2)<sup>1/*k*</sup>, given a demo comes: S(*t*) = *p*<sub>never</sub> + (1 − *p*<sub>never</sub>)·exp(−(*t*/η')<sup>*k*</sup>), **conditioned on no demo in the *e* months already passed**: P(*T* > *t* | *T* > *e*) = S(max(*t*, *e*))/S(*e*). The rerun block's median months to a demo and Weibull shape override the model when set. The window's length *W* is uniform on the article's 12 to 18 months, so P(miss) is the mean over *W* of that conditional survival; it can only rise as the date of the analysis moves on without a demo.

# %%
show_md(a.text.demo_state)
show_md(a.text.demo_model)
show_table(a.ledger, "Runway's evidence ledger (the events the predictions page counts)")

# %%
fig = demo_cdf(
    a.demo_curve, a.demo_times, a.model.window_months, source_note=a.text.demo_note, miss=a.results["p_miss_window"]
)
cite(fig, data, ["events"], params["as_of"], ["runway"])
display(fig)
plt.close(fig)

# %%
show_table(a.demo_curve_shown, "The chart's data: the chance of a demo by each month, every twelfth point")
show_md(a.text.simulation)

# %% [markdown]
# ## 3. Operational model: a raise priced from what investors can see at its date

# %% [markdown] tags=["methods"]
# A private valuation is repriced only at a new round. Runway must raise when it is not default alive; it then raises with some months of cash left (a setting of the rerun block). Nothing the data say did not happen is kept: an outcome whose assumed cash would already be gone by the date of the analysis is contradicted by the data (Runway still operates), so it is dropped and every chance is over the outcomes that survive to that date (the share dropped is stated below); no raise comes before that date. The raise is priced from what is known at its date, the better of two cases:
#
# - the **thesis case**: the <span class="mathjax_ignore">&#36;</span>5.3B post-money if a credible demo has been shown by the raise; without one, the post-money cut by the haircut *h*;
# - the **revenue case**: the run-rate at the raise times a peer revenue multiple, drawn uniformly from the lowest to the highest valuation / run-rate of notebook 06's private AI video and creative peers known by the date of the analysis (the same function; figures resting on aggregators' pages alone count only when the minimum confidence is *any*, while a figure from a single secondary source, such as a news page, counts as reported; when no peer counts, the revenue case is not priced and the assumptions table says so), or from the peer revenue multiple the reader states in the rerun block. The assumptions table names the peers and their multiples, or says that none counts.
#
# A **down round** is a raise priced below the post-money. So a down round needs three things, each a term of the model: Runway must raise, no demo has been shown by the raise, and revenue times the multiple stays below the post-money. More burn or less revenue brings the raise earlier, with less time for a demo and less revenue, so it never makes a down round less likely (with run-rate growth of zero or more); the haircut sets how deep the down round goes, not how often one comes: any haircut above zero makes a raise without a demo a down round unless revenue covers the post-money, so a deeper haircut moves the price, not the chance. A company that never has to raise faces no priced correction. Only the first raise is modelled.

# %%
raised = a.sims["must_raise"]
if raised.any():
    fig = down_round_depths(
        a.sims["price_at_raise"][raised],
        a.model.post_money_usd,
        a.sims["down_round"][raised],
        source_note=words.DOWN_ROUND_NOTE,
        haircut=params["correction_if_miss"],
        revenue_priced=words.revenue_priced(a.results),
    )
    cite(fig, data, ["funding_rounds", "company_metrics"], params["as_of"], ["runway"])
    display(fig)
    plt.close(fig)
    show_table(a.price_quantiles, "The chart's data: quantiles of the price at the raise (outcomes that must raise)")
else:
    show_md(words.NO_RAISE)
show_md(a.text.why)

# %% [markdown]
# ### Intervals, and what drives each result

# %% [markdown] tags=["methods"]
# The ranges (cash, burn, run-rate, window, haircut, peer multiple) are drawn in every simulation. The point-valued assumptions are not known either: the interval beside each probability is its **5% to 95% range over sets of assumptions** (as many as the rerun block sets). In each set the demo's inputs are a joint draw of notebook 03's model (the fit's bootstrap, *q*'s posterior from the ledger, *p*<sub>never</sub> from none to twice its value; with an override, the median and shape are halved to increased by half and 2/3 to twice), and run-rate growth, cost growth and cash left when raising are drawn uniformly over the low and high settings of the one-at-a-time chart (halved to increased by half), with the same inner draws (so the spread is the assumptions', not sampling noise), widened to include the point. The one-at-a-time chart sets the demo's inputs to the 5% and 95% quantiles of those draws. It is a sensitivity range, not a confidence interval: the inputs are single-source and the assumptions stated, not measured.

# %%
unmoved = words.nothing_moves(
    a.tornado, a.results["p_down_round"]
)  # no assumption moves it as shown: said in words, no empty chart
if unmoved:
    show_md(unmoved)
else:
    fig = tornado_chart(a.tornado, a.tornado["base"].iloc[0], source_note=a.text.tornado_note)
    display(fig)
    plt.close(fig)
show_table(a.tornado_shown, words.tornado_title(drawn=not unmoved))

# %%
show_table(
    a.swings,
    "How far each assumption moves each probability (swing from its low to its high setting, one at a time)",
    values=words.ASSUMPTION_LABELS,
)

# %% [markdown] tags=["methods"]
# ## 4. Precision, and the evidence behind the headline
#
# Every published probability, its interval's ends and the chances among raises are rounded by the collection's one rule, as notebook 03 rounds its own: whole points, one significant figure below 1% and, on the chance left, above 99%, so a chance above 0 never reads 0% and one below 1 never reads 100%; intervals are rounded outward. A chance strictly between 0 and 1% is shown as "under 1%" and one strictly between 99% and 100% as "over 99%": the intervals here are ranges over judgement inputs, and decimals at their ends would claim a precision they do not have. Money and multiples keep two significant figures. The headline is computed twice: with the chosen minimum confidence and with the other setting, which changes the demo ledger (a disputed or estimated event) and the run-rate range (the newsletter's estimate).

# %%
show_table(
    a.evidence, f"The headline with and without estimated and disputed rows (in parentheses: {words.INTERVAL_WORDS})"
)
show_md(a.text.multiple)

# %% [markdown]
# ## 5. What a developer on Runway's API should take from this

# %%
show_md(a.text.advice)

# %% [markdown] tags=["methods"]
# ## Sources

# %%
show_sources(data, operations.SOURCE_FILES, params["as_of"])

# %% [markdown]
# ## Results

# %%
results = publish_results(a)
show_headline(results, update=True)

# %% [markdown] tags=["methods"]
# ## Caveats
#
# - Runway's burn, cost growth, the haircut and the timing of a raise are assumptions, not data; the peer multiple, when a peer counts, rests on few private peers (named in the assumptions table) whose figures are single reports, and when none counts the revenue case is not priced, so every raise without a demo is a down round; the demo time is notebook 03's model, whose *p*<sub>never</sub> is a judgement: the intervals and the one-at-a-time chart show how much each matters.
# - The run-rate range rests on aggregator pages alone (36Kr relaying The Information's report for the reported figures; a newsletter's estimate for the high end when the minimum confidence is *any*).
# - Only the first raise is modelled. Outcomes whose assumed cash would already have run out by the date of the analysis are dropped (the data show Runway operating), so the chances are conditioned on survival to that date; with a high burn most outcomes can be dropped, and the share dropped says how far the stated cash and burn ranges are from the data.

# %%
show_md(a.text.flows)

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
