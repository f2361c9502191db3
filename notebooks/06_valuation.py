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
# # Valuation: does Runway's price need the world-model thesis?
#
# The article says Runway's <span class="mathjax_ignore">&#36;</span>5.3B valuation implies that investors bet on the world-model thesis, not just on video generation. This notebook tests the premise: could video revenue alone carry that price at the multiples investors paid for comparable companies? It answers in four steps, each a range, not a point:
#
# 1. What multiple did the round pay? Runway disclosed no revenue at the round, so its run-rate on that date is a range.
# 2. What do comparables pay? Private AI video and creative companies and public software, each class apart.
# 3. What must be true: the revenue Runway needs at exit to return an investor's hurdle at a peer's multiple, and the yearly growth that takes.
# 4. The verdict: that growth against the growth Runway and its comparables showed, and the share of combinations in which video revenue alone returns the hurdle *as a function of that growth*; then what the data cannot say, and who is betting on whom.

# %% [markdown]
# **How to rerun.** Change the parameters below or run `python scripts/run_notebooks.py 06 -p multiple_class=public_software -p include_aggregator=true -p hurdle_irr=0.3,0.4`. Ranges are written `low,high`. Add a comparable as a sourced row of `data/valuation_figures.csv` (a valuation with the run-rate it is set against in `divide_by`) or `data/valuation_multiples.csv`, and rerun.

# %%
from prequel.analysis import valuation
from prequel.analysis import valuation_words as words
from prequel.analysis.valuation_charts import show_multiples_chart
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import publish_results, show_headline, show_md, show_table
from prequel.present.sources import show_sources
from prequel.present.style import apply_theme

apply_theme()

# %% tags=["parameters"]
# fmt: off
as_of: str = "2026-11-24"  # date of the data (YYYY-MM-DD): the latest round, run-rates and peer figures known by then | date, checked by round_in_data
multiple_class: str = "both"  # peers to compare with: private AI video and creative companies (valuation / run-rate), public software (EV / sales), or both, each apart | one of private_ai, public_software, both
include_aggregator: bool = False  # count figures that rest on aggregator pages alone (rewrites, AI summaries, ratio sites); false: they never drive the headline
hurdle_irr: list = [0.25, 0.35]  # investor's target return a year, low to high: the one source that is not an aggregator says 30% (Industry Ventures, a venture firm's report on venture investors: secondary); growth-equity aggregator pages say 25-30% and more | range 0 to 1
years_to_exit: list = [5, 8]  # years from the round to an exit, low to high: growth funds about 5 (a practitioner's post), venture holds about 8 on average (Industry Ventures, NVCA) | range 1 to 20
revenue_growth: list = [0.4, 1.0]  # Runway's yearly run-rate growth, low to high, an assumption: 40% is Canva's growth at scale, 100% the three-year growth a broker assumed behind a 50x ARR multiple | range 0 to 10
n_draws: int = 20_000  # draws of (peer multiple, hurdle, years, growth) for the share | 100 to 2_000_000
seed: int = 20261124  # seed of the random generator (fixed for reproducible outputs) | 0 to 4294967295
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
a = valuation.analyse(data, params)  # every table, chart's data, sentence and result below
print(a.words.summary)

# %% [markdown]
# ## The answer first

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown]
# ## 1. What multiple did the round pay?
#
# Runway disclosed no revenue at its round, so the run-rate on that date is a range carried forward from the run-rates reported before it, and the multiple the round paid is a range too.

# %%
show_table(a.round_table, "Runway's round and the multiple it paid")
show_md(a.words.round_sentence)

# %% [markdown] tags=["methods"]
# **The run-rate at the round (section 1).** The run-rate on the round's date is a range, from the same function notebook 04 uses: the low end is the latest *reported* run-rate carried forward at the low growth rate; the high end is the *latest* run-rate known carried forward at the high rate (the newsletter's *estimated* figure counts only when aggregator-only figures are included, a setting of the rerun block). Only figures dated by the round count, and a later report supersedes an older one: an older run-rate carried at the high rate past a later report would claim a growth the later report already measured lower. The <span class="mathjax_ignore">&#36;</span>40M of run-rate added in Q2 2026 is listed with the run-rates read but is not a total: from its own date (May 2026) it is a floor under the low end, so it does not bear on a round before it; the 55x reported at the 2025 talks is in the table of stated multiples.

# %% tags=["methods"]
show_table(words.run_rates_shown(a.run_rates), "Runway's run-rates read", aggregators=data.aggregator_sources)

# %% [markdown]
# ## 2. What do comparables pay?
#
# Two classes of peers, never mixed: private AI video and creative companies, at their latest valuation over their run-rate, and public software companies, at the enterprise value over trailing sales that sources state. A class with one peer shows that peer's multiple, not a median. By default a figure counts only when a page that is not an aggregator reports it too.

# %%
show_multiples_chart(a, data)
show_table(
    words.peers_shown(a.peers),
    "The chart's data: each peer's multiple, low to high (counts: rests on more than aggregator pages, or "
    "aggregator-only figures are counted)",
)

# %% [markdown] tags=["methods"]
# **Peer multiples (section 2).** Each class is compared in one kind of multiple, never mixed: **private** peers in valuation over run-rate, computed here as each peer's latest valuation over the run-rate or run-rates its row names (a conflict of reports gives a range), each with the kind of price it is (a primary round like Runway's, or a tender of existing shares, which is not a round's price); **public** software in *trailing* enterprise value / sales as stated, the latest trailing figure of each company: next-twelve-month (forward) figures are listed below but never pooled with trailing ones. The median is over the peers' midpoints; a class with one peer shows that peer's multiple, not a median. Unless aggregator-only figures are included (a setting of the rerun block), a figure counts only when a page that is not an aggregator reports it too.

# %% tags=["methods"]
show_table(
    words.pairs_shown(a.private_pairs),
    "Every private valuation over run-rate computed, and whether it counts",
    aggregators=data.aggregator_sources,
)
show_table(
    words.stated_shown(a.stated),
    "Every multiple a source states, by class and kind (context: only public trailing enterprise value / sales enters a statistic)",
    noun="multiples",
    aggregators=data.aggregator_sources,
)

# %% [markdown]
# ## 3. What must be true
#
# An investor who pays Runway's price and wants a hurdle return a year until an exit needs Runway's revenue at exit, valued at a peer's multiple, to cover that price grown at the hurdle. The table gives that revenue and the yearly growth from Runway's last reported run-rate that it takes.

# %%
show_table(a.classes, "The reverse valuation by class" + a.words.tables_basis)
show_md(a.words.growth_sentence)

# %% [markdown] tags=["methods"]
# **The reverse valuation (section 3).** An investor paying the post-money *V* who wants *h* a year over *T* years needs Runway worth *V*(1 + *h*)<sup>*T*</sup> at exit; at an exit multiple *m* that is a revenue of *R* = *V*(1 + *h*)<sup>*T*</sup>/*m*. From the last reported run-rate *R*<sub>0</sub>, dated *gap* years before the round, it takes a yearly growth of *g*\* = (*R*/*R*<sub>0</sub>)<sup>1/(*T* + *gap*)</sup> − 1. *R* rises with *h* and *T* and falls with *m*, so its interval over the ranges of the hurdle, the horizon and the class's multiples is exact at their corners; so is the growth's.

# %% tags=["methods"]
show_table(words.hurdles_shown(a.hurdles), "Return hurdles the sources state", aggregators=data.aggregator_sources)
show_table(
    words.growth_table_shown(a.growth),
    "The growth each company's own run-rates showed",
    aggregators=data.aggregator_sources,
)

# %% [markdown]
# ## 4. Verdict on the article's claim
#
# Whether video revenue alone carries the price turns on how fast Runway grows, which no source measures. So the share of combinations (a peer, a hurdle and a horizon) it justifies is shown for each yearly growth, not as one probability; shares are rounded to 5 points.

# %%
show_table(a.share_by_growth, "Share of combinations a yearly growth justifies, by class" + a.words.tables_basis)
show_table(a.sensitivity, "How the share moves" + a.words.tables_basis)
show_md(a.words.cannot_say)

# %% [markdown] tags=["methods"]
# **The share (section 4).** A combination is a peer of the class (each peer equally likely, its multiple uniform within its range), a hurdle and a horizon, each uniform within its range; video revenue alone justifies the price when Runway's growth covers the growth that combination requires. The growth itself is an assumption, so the share is shown as a function of it: the first table gives, for each yearly growth, the share of combinations it covers (what flips the verdict); the share over the whole assumed range is a mean over that assumption, not a probability measured from data. Shares are rounded to 5 points (never a positive share to 0%). The second table shows the share with the growth at each end of its range and with the other aggregator setting.

# %% [markdown]
# ## 5. Who is betting on whom

# %%
show_table(a.investors, "Investors in two or more companies' rounds: rounds per company", phone_zeros=False)
show_md(a.words.investors_sentence)

# %% [markdown] tags=["methods"]
# ## Sources

# %%
show_sources(data, valuation.SOURCE_FILES, params["as_of"])

# %% [markdown]
# ## Results

# %%
results = publish_results(a)
show_headline(results, update=True)

# %% [markdown] tags=["methods"]
# The results are published at full precision with their declarations in the notebook's output metadata; the text above shows each at its declared precision.

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
