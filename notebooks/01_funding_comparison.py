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
# # Funding comparison: how well funded is Runway, really?
#
# The article claims Runway raised about <span class="mathjax_ignore">&#36;</span>860M at a <span class="mathjax_ignore">&#36;</span>5.3B valuation and sets it beside OpenAI (Sora) and Google in a comparison table. This notebook asks three questions:
#
# 1. What does the article's table say, rebuilt from data?
# 2. What do sourced funding histories, valuations and market caps show, with stocks (valuations, market caps) kept apart from flows (capital raised)?
# 3. Which of the article's own figures hold up against the sources nearest its date (the TechCrunch Equity episode of 2026-04-29)?

# %% [markdown]
# **How to rerun.** Change the parameters below, or run `python scripts/run_notebooks.py 01 -p as_of=2025-06-30`. Only facts dated on or before `as_of` count; a fact dated to a month counts from the end of that month. Every figure comes from `data/` with its source URL, date and confidence flag (see the Sources table at the end).

# %%
from typing import Optional

import matplotlib.pyplot as plt
from IPython.display import display

from prequel.analysis import funding, funding_charts
from prequel.analysis.funding_words import formats
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import publish_results, show_headline, show_md, show_table
from prequel.present.sources import cite, cite_figures, show_sources
from prequel.present.style import apply_theme

apply_theme()

# %% tags=["parameters"]
# fmt: off
as_of: str = "2026-11-24"  # date of the analysis (YYYY-MM-DD); only facts dated on or before it count | date
companies: Optional[list] = None  # company ids to compare, e.g. ["runway", "openai"]; None means every company with funding data | company ids
log_scale: bool = True  # draw money on logarithmic axes (the companies differ by orders of magnitude)
show_article_values: bool = True  # mark the article's own figures on the charts
include_estimates: bool = True  # count figures flagged estimated or disputed (drawn hollow when included)
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
a = funding.analyse(data, params)  # every table, chart's data, result and sentence below
cite_figures(data, funding.SOURCE_FILES, params.get("as_of"))  # the sources under each chart
print(a.scope)

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown] tags=["methods"]
# ## The data
#
# Five tidy files in `data/` (documented in `data/README.md`): companies, funding rounds, company metrics (valuations, market caps, revenue run-rates), model releases, and the article's own claims. Each row carries its source URL, the date its fact holds from, a confidence flag (reported, estimated or disputed) and the source's tier: primary (the company's own post, filing or repository), secondary (press) or aggregator (aggregators, databases and machine-written sites). Most sources are aggregators, so single-source figures deserve caution.

# %%
show_table(a.provenance, "Rows per file by confidence flag and source tier")

# %% [markdown]
# ## 1. The article's comparison table, rebuilt from data
#
# Every cell below is read from the project's record of the article's claims, where each cell of the article's table is a row (cells with two figures are two rows). Wording is the article's, quoted cell by cell; attribution: *Runway Bets <span class="mathjax_ignore">&#36;</span>860M That AI Video Is Just a Prequel* (the article's source: TechCrunch's Equity podcast).

# %%
show_table(a.article_table, "The article's comparison table, in its own wording, rebuilt cell by cell")
show_md(a.notes["article_table"])

# %% [markdown]
# ## 2. Funding histories

# %% [markdown] tags=["methods"]
# **Counting rule.** Capital raised is primary capital that reached the company: the sum of its rounds. Secondary share sales (employees selling to investors), talks that did not close as reported, and valuation-only reports are listed but never counted. A round announced and later closed at another size counts once: at the announced size until the close is reported, then at the close. Where sources conflict over one round, one report is chosen and the others are marked as conflicting reports. A round without a USD amount adds nothing, so that company's total is a **lower bound** (shown as "≥") and is kept out of every ratio.
#
# **Announced and unconditional capital.** *Announced* capital is the primary capital of every counted round. Some tranches arrive only if a later condition is met (OpenAI's 2025 round: <span class="mathjax_ignore">&#36;</span>30B contingent on its restructuring, met when SoftBank completed it in December 2025; its 2026 round: Amazon's <span class="mathjax_ignore">&#36;</span>35B, due only if a trigger fires before 2029). *Unconditional* capital leaves out every tranche whose condition no source reports met by the date of the analysis (each round's conditional part, and the date a source reports its condition met, are recorded in `data/funding_rounds.csv`).
#
# **Precision.** A reported amount is taken as precise to its last non-zero digit ("<span class="mathjax_ignore">&#36;</span>50M" to the ten million); a sum is rounded to the coarsest place among its rounds, and a ratio (a multiple, a valuation per dollar) is computed from the exact sums and rounded once, to two significant figures. Tables show the exact sums of the sourced figures so they can be recomputed; the prose, the charts and the findings use the rounded figures, one rounding for each value on the page.

# %%
show_table(a.rounds, a.captions["rounds"], formats(a.rounds), aggregators=data.aggregator_sources)

# %% tags=["readme-figure"] readme_image="capital-raised.png" readme_caption="Capital raised over time (log scale), with the article's figures as stars"
fig = funding_charts.capital_chart(a)
cite(fig, data, funding.CHART_FILES["capital_chart"], params["as_of"])
display(fig)
plt.close(fig)

# %%
show_table(
    a.capital_history_table,
    "The chart's data: cumulative capital raised after each counted round",
    formats(a.capital_history_table),
)

# %%
show_table(a.capital, a.captions["capital"], formats(a.capital))

# %%
show_md(a.notes["capital"])

# %% [markdown]
# ## 3. Stocks and flows, kept apart
#
# Capital raised is a **flow** summed over time; a post-money valuation and a market cap are **stocks** measured at one moment. The article's table puts Runway's capital and valuation beside Alphabet's market cap as if they measured the same thing. Below they sit in separate panels on one shared logarithmic axis and are never added. A post-money valuation is the latest one known by the date of the analysis from a primary round; a reported figure is preferred over a later estimated or disputed one.

# %%
fig = funding_charts.stocks_chart(a)
cite(fig, data, funding.CHART_FILES["stocks_chart"], params["as_of"])
display(fig)
plt.close(fig)

# %%
show_table(a.stock_flow_table, "The chart's data (stocks and flows, never summed)", formats(a.stock_flow_table))

# %%
show_md(a.notes["stocks"])

# %% [markdown] tags=["methods"]
# ## 4. Derived measures
#
# - **Valuation per dollar raised** = *V*<sub>post</sub> / *K*, the latest post-money valuation over the capital raised by the same date: how many dollars of paper value each dollar of capital bought.
# - **Step-up** = *V*<sub>i</sub> / *V*<sub>i−1</sub>, each post-money valuation over the company's previous one, with the months between them.
# - **Relative capital** = *K*<sub>a</sub> / *K*<sub>b</sub> for every pair of startups (row over column).

# %%
show_table(
    a.valuation_per_dollar,
    "Valuation per dollar raised (from the exact sums, to two significant figures; none for a lower bound)",
    formats(a.valuation_per_dollar),
)
show_table(
    a.step_ups,
    "Step-ups between consecutive post-money valuations (flagged: rests on an estimated or disputed valuation)",
    formats(a.step_ups),
)

# %%
show_table(
    a.relative_capital,
    a.captions["relative"],
    formats(a.relative_capital),
)
show_md(a.notes["derived"])

# %% [markdown]
# ## 5. Audit of the article's figures
#
# Each figure in the article that has a sourced counterpart is set against the sourced figure nearest the article's date (2026-04-29). Within 15% it is **corroborated**, or only **consistent** with an aggregator's page when nothing else backs it; a figure that matched an earlier value is **outdated**; otherwise it is **off** by the factor shown. The full rules are under [Methods and data](#methods) below.

# %% [markdown] tags=["methods"]
# **Audit rules.** For each figure in the article that has a sourced counterpart, the notebook takes the sourced figure **nearest the article's date (2026-04-29)**: capital raised, post-money valuation and best video specification are read as of that date; market caps are observations, so the nearest one in either direction is used (reported before estimated). The ratio is *r* = article / sourced.
#
# Verdicts: **corroborated** if 1/1.15 ≤ *r* ≤ 1.15 and the sourced figure needs no aggregator-only row (a row whose fact only aggregators' pages report); **consistent with an aggregator-only source** if it matches but needs one (an aggregator's page does not corroborate: see the sources' tiers below); **outdated** if the figure matched an earlier sourced value (the date is given); **off by about N x** otherwise; **unsupported** when no sourced figure exists. A sum (capital raised) needs every round it adds; the finding says on how many pages it rests and how many of them are aggregator-only. A best video specification needs only one of the releases that reach it and rests on all of them; only video releases count: the article's quality claims are about video products, so a world model's resolution or frame rate neither matches nor contradicts them. A mismatch (outdated or off) is marked "unconfirmed" in its parentheses ("a single aggregator page, unconfirmed") only when no sourced figure resting on a page that is not an aggregator's is off in the same direction beyond 15%: an aggregator's page no more establishes a mismatch than it corroborates a match. For a market cap, every reported observation counts, and when such observations support the mismatch its factor is the range they and the nearest observation give ("off by about N x to M x"). The ratio and the factor are multiples and, like every multiple in this notebook, keep two significant figures, so the table and the verdict read the same. Each verdict is also given without estimated or disputed figures; where the two differ, the verdict rests on a flagged figure and both are reported. A figure written "~<span class="mathjax_ignore">&#36;</span>13B+" is audited as about <span class="mathjax_ignore">&#36;</span>13B: the plus sign does not stretch to cover a much larger total.

# %%
fig = funding_charts.audit_chart(a)
cite(fig, data, funding.CHART_FILES["audit_chart"], params["as_of"])
display(fig)
plt.close(fig)
show_table(
    a.audit_table,
    "The chart's data: audit of the article's figures",
    formats(a.audit_table),
    aggregators=data.aggregator_sources,
)

# %%
show_md(a.notes["audit"])

# %% [markdown] tags=["methods"]
# ## 6. Sources
#
# Every source behind the figures used above, grouped by tier (primary: the company's own post, filing or repository, or a research paper; secondary: press and analysts' reports; aggregator: aggregators, summaries, mirrors, market-data and machine-written sites), with the confidence flags of the rows that cite it.

# %%
show_sources(data, funding.SOURCE_FILES, as_of)

# %% [markdown]
# ## Results
#
# The key results, published for the runner's summary and compared by the regression tests.

# %%
results = publish_results(a)
show_headline(results, update=True)

# %% [markdown] tags=["methods"]
# ## Caveats
#
# - Runway's seed round, the exact dates of its Series A and B, World Labs' 2026 valuation and Odyssey's 2026 round in US dollars were not found in the sources: they are left empty, not guessed.
# - Conditional tranches count in announced capital and are left out of unconditional capital until a source reports the condition met. Amazon's <span class="mathjax_ignore">&#36;</span>35B may already be due (OpenAI announced a confidential IPO filing in June 2026, which reports call a trigger), but no stored source reports it paid, so it stays conditional.
# - OpenAI's second Microsoft investment (a 2021 follow-on by one report, undated where the amount is given, so shown when first known, 2023-01-23) is carried at <span class="mathjax_ignore">&#36;</span>2B, a figure no second source confirms (flagged disputed); every headline is also given without it.
# - Capital raised is money that reached the company, not money it still has: what it has spent is not subtracted.
# - Alphabet's market cap is the parent's; it is not money available to Google's video teams.

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
