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
# # Winners and losers: does the article's own table support its verdicts?
#
# The article argues that if world models become the next frontier, Runway wins first, then whoever bridges video to world models, and Runway's investors gain exposure; OpenAI and Google, built for video quality, face an awkward pivot; developers on Runway's API risk lock-in. Its comparison table closes with verdicts: Runway *best positioned* for the pivot, OpenAI *best funded* with the *highest quality*, Google with the *deepest research bench, but no product*.
#
# This notebook makes that argument an explicit model a reader can inspect and rerun: the table's qualitative cells become scores on stated scales, the verdicts are tested against weighted totals, their fragility is measured, and the payoffs of each stakeholder are traced as the probability of the thesis varies.

# %% [markdown]
# **How to rerun.** Change the parameters below, or run for example `python scripts/run_notebooks.py 02 -p view=sourced -p weights=world_model_focus:3,funding:1 -p p_thesis=0.6`. `view="article"` scores the table as the article wrote it; `view="sourced"` scores the levels that sourced facts support today. Every score and payoff is a judgement written down in `data/` and can be changed there.

# %%
from typing import Optional

import matplotlib.pyplot as plt
from IPython.display import display

from prequel.analysis import winners, winners_charts, winners_words
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import publish_results, show_headline, show_md, show_table
from prequel.present.sources import cite, cite_figures, show_sources
from prequel.present.style import apply_theme

apply_theme()

# %% tags=["parameters"]
# fmt: off
weights: Optional[dict] = None  # dimension -> weight (non-negative, not all zero; missing dimensions weigh 0); None weighs all equally | weights by scales.dimension
view: str = "article"  # "article": levels as the article's table states them; "sourced": levels the sourced facts support today | one of article, sourced
p_thesis: float = 0.4  # probability that world models become the next AI frontier | 0 to 1
scale_spacing: float = 1.0  # how far apart ordinal levels sit: 1 evenly; above 1 stretches the top levels apart | 0.1 to 10
payoff_overrides: dict = {}  # stakeholder_id -> [payoff if the thesis holds, payoff if not], each in -2..+2 | pairs -2 to 2 by stakeholders.stakeholder_id
n_weight_draws: int = 10_000  # random weightings drawn for the robustness check | 100 to 5_000_000
seed: int = 20261124  # seed of the random generator (fixed for reproducible outputs) | 0 to 4294967295
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
a = winners.analyse(data, params)
cite_figures(data, winners.SOURCE_FILES, params.get("as_of"), winners.scored(data))  # the sources under each chart
show_md(a.settings)

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown] tags=["methods"]
# ## The scales
#
# Each dimension of the table gets levels with a written definition and a score on a fixed scale from 0 to 100, **the same for every company**, so a company is not given 100 just for being best of three (rescaling the best to 100 and the worst to 0 would turn small gaps into large ones). With a scale spacing γ (a setting of the rerun block) the score used is 100·(*s*/100)<sup>γ</sup>, where *s* is the level's score on that fixed scale.

# %%
show_table(a.scales, "Constructed scales (this project's judgement)")
show_table(a.levels, "Each company's level: as the article states it, and as the sourced facts support it")
show_table(a.funding, a.funding_caption)

# %% [markdown]
# **Funding is capital the company can deploy, over one span for every company.** A startup is scored on the unconditional primary capital it raised within the span (computed from the rounds of notebook 01, beside the level it implies); Google raises no rounds, so it is scored on its parent's capital spending over the same span, a flow like capital raised, never on Alphabet's market cap, a stock that notebook 01 keeps apart. One company's cumulative total is never set against another's single year. That spending funds all of Alphabet, so it overstates what Google's video and world-model teams get.

# %%
show_md(a.levels_moved)

# %% [markdown]
# ## 1. Scores and the weighted total
#
# A company's weighted total is each of its scores times its dimension's weight, added up (the weights add up to 100%). Each verdict of the article's table is then tested: *best positioned for the pivot* as first on the total, *best funded* and *highest quality* as the top score on those dimensions, *no product* as the lowest API score. *Deepest research bench* cannot be tested: no dimension of the table measures it.

# %%
fig = winners_charts.scores_and_totals_of(a)
display(fig)
plt.close(fig)
show_table(a.scores, "The chart's data: scores and weighted totals")

# %%
show_table(a.verdicts, a.verdicts_caption)
show_md(a.leader_text)

# %% [markdown] tags=["methods"]
# ## 2. Flip weights: how much weight would change the order?
#
# For a pair of companies *i* ahead of *j* and a dimension *d*, set *w*<sub>d</sub> = *x* and rescale the other weights proportionally. The gap is linear in *x*: *T*<sub>i</sub> − *T*<sub>j</sub> = *R* + *x*(δ<sub>d</sub> − *R*), with δ the score differences and *R* the other dimensions' weighted gap, so the order flips at **x\* = R / (R − δ<sub>d</sub>)** when that lies strictly between 0 and 1. An order is **fragile** if some weight needs to move by 0.15 or less to flip it.

# %%
show_table(a.flips, "Flip weights (pairs and dimensions with a flip inside 0-1)", winners_words.WEIGHT_COLUMNS)
show_table(a.fragile, "For each pair: the smallest weight move that flips its order", winners_words.WEIGHT_COLUMNS)
show_md(a.fragile_text)

# %% [markdown]
# ## 3. What moves the leader's margin
#
# Each weight is moved by ±50% (the others rescaled so that the weights still add up to 100%) and each score by ±10 points, one at a time; bars show the leader's margin over the next company and are sorted by swing.

# %%
fig = winners_charts.margin_tornado_of(a)
display(fig)
plt.close(fig)
show_table(a.tornado.head(12), "The chart's data: the 12 largest swings")
show_md(a.swing_text)

# %% [markdown]
# ## 4. Robustness over all weightings
#
# Random weightings of the dimensions, every weighting equally likely (as many as the rerun block sets, the same draws on every run): the share of weightings that rank each company first.

# %% readme_caption="How often each company ranks first across random weightings of the dimensions" readme_image="rank-acceptability.png" tags=["readme-figure"]
fig = winners_charts.rank_acceptability_of(a)
display(fig)
plt.close(fig)
show_table(a.rank_first, "The chart's data: share of weightings that rank each company first")
show_md(a.share_text)

# %% [markdown]
# ### How robust is each verdict?
#
# For each verdict of the article's table: the share of random weightings in which it holds and, for the verdict about the weighted total, the nearest single weight (others rescaled) at which it would change. A verdict on one dimension does not depend on the weights. Both views are shown: the article's levels and the levels the sourced facts support.

# %%
show_table(
    a.robustness,
    "Each verdict: whether it holds under the chosen weights, the share of random weightings in which it holds (nearest 5%), "
    "and the weight that would change it",
    winners_words.WEIGHT_COLUMNS,
    values=winners_words.VIEW_CELLS,
)
show_md(a.pivot_text)

# %% [markdown]
# ## 5. Stakeholders as the thesis becomes likelier
#
# The payoffs are **conditional on the thesis**: what each stakeholder gains if world models become the frontier, and if not. No one knows the chance that the thesis comes true, so the chance set in the rerun block is a point on a sweep, not a forecast: the table below gives every stakeholder's expected payoff at each chance, and the break-even chance where it changes sign.

# %% [markdown] tags=["methods"]
# **Expected payoffs.** Each stakeholder has a payoff *a* if world models become the frontier and *b* if not, on a −2..+2 scale, encoded from the article's argument (a judgement, cited in the table below). The expected payoff is *E*(*p*) = *p*·*a* + (1 − *p*)·*b*, linear in *p*; it changes sign at the break-even **p\* = b / (b − a)** when *a* and *b* have opposite signs.

# %%
fig = winners_charts.payoff_lines_of(a)
cite(fig, data, ["stakeholders"], params.get("as_of"))  # payoffs are judgements: no company's figures
display(fig)
plt.close(fig)
show_table(a.payoffs, a.payoffs_caption)

# %%
show_table(a.sweep, "Expected payoff at each probability that the thesis holds (100%: it holds; 0%: it does not)")
show_md(a.stakeholder_text)

# %% [markdown] tags=["methods"]
# ## 6. Sources and judgements
#
# Every score level and payoff is a judgement; the table below lists each with the passage or evidence it encodes.

# %%
show_table(a.judgements, "Judgements and the sources behind them", aggregators=data.aggregator_sources)

# %%
show_sources(data, winners.SOURCE_FILES)

# %% [markdown]
# ## Results

# %%
results = publish_results(a)
show_headline(results, update=True)

# %% [markdown] tags=["methods"]
# ## Caveats
#
# - Scales, levels and payoffs are judgements, written down so they can be disputed: change `data/scales.csv`, `data/company_levels.csv` or `data/stakeholders.csv` (or set payoff overrides in the rerun block) and rerun.
# - The table has no dimension for research depth, product revenue or talent; a verdict resting on those cannot be tested here.
# - The model compares three companies only, as the article's table does.
# - Google's funding is its parent's capital spending (all of Alphabet's), which overstates what its video and world-model teams can use; Alphabet's market cap is never counted.
# - Shares of weightings are rounded to 5 points and totals to one decimal (so the totals shown subtract to the margin given): the scores are ordinal levels, and one level is worth 25 to 33 points.

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
