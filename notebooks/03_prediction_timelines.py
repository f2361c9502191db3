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
# # Prediction timelines: what has already happened to the article's three predictions?
#
# On the Equity episode of 2026-04-29 the article's author made three dated predictions: Runway shows a public world-model demonstration with causal understanding by June 2027; OpenAI answers with a competing demonstration on its Sora infrastructure by December 2027; Google ships no dedicated world-model product before 2028. This notebook turns them into resolvable questions, gives each a status as of any date under a lenient and a strict reading, puts a transparent probability on the ones still open, and scores the ones that resolved.
#
# Events overtook the predictions: some qualifying events came before the claims were even made, others inside their windows, and one rests on a single unconfirmed source. The notebook states its evidence rules first and applies them in order.

# %% [markdown]
# **How to rerun.** Change the parameters below or run `python scripts/run_notebooks.py 03 -p as_of=2027-07-10 -p strictness=lenient -p min_confidence=any`. To add evidence, append a sourced row to `data/events.csv` (its date, and whether it qualifies under each reading) and rerun: statuses change accordingly.

# %%
from typing import Optional

import matplotlib.pyplot as plt
from IPython.display import display

from prequel.analysis import predictions
from prequel.analysis.prediction_charts import timeline_of
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import pct, publish_results, show_headline, show_md, show_table
from prequel.present.sources import cite, cite_figures, show_sources
from prequel.present.style import apply_theme

apply_theme()

# %% tags=["parameters"]
# fmt: off
as_of: str = "2026-11-24"  # date of the status (YYYY-MM-DD); only events dated on or before it count | date, checked by releases_in_data
strictness: str = "strict"  # reading used for the headline results: "strict" or "lenient" (tables show both) | one of strict, lenient
min_confidence: str = "reported"  # evidence that can decide a status: "reported" only (not estimated, disputed or cited from an aggregator's page alone), or "any" (those too) | one of reported, any
grace_days: int = 14  # days after a deadline during which a late report can still resolve a claim | 0 to 3650
hazard_model: str = "weibull"  # time-to-event model: "weibull" or "exponential" (constant hazard) | one of weibull, exponential
median_months: Optional[float] = None  # median months until a competitor's answering release; None fits it from the reference class | 0.1 to 600
weibull_k: Optional[float] = None  # Weibull shape (above 1: a release grows more likely as time passes); None fits it with the scale; ignored for exponential | 0.1 to 10
q_qualify: Optional[float] = None  # share of answering releases that qualify under the reading; None estimates it from the ledger (qualifying events of the company's answering releases by as_of) | 0 to 1
p_never: float = 0.1  # probability that the event never happens at all: a stated judgement, not data (intervals draw it from none to twice this) | 0 to 1
author_implied_p: float = 0.85  # the article's implied confidence ("will", unhedged), from the words-to-probability scale | 0 to 1
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
a = predictions.analyse(data, params)
cite_figures(data, predictions.SOURCE_FILES, params.get("as_of"))  # the sources under each chart
if a.note:
    show_md(a.note)
print(a.settings)

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown]
# ## 1. The claims as resolvable questions
#
# Each claim gets written criteria under two readings, because its words do not say what would count. The lenient reading accepts what a vendor presents as a world model; the strict one asks for what the article's words literally require. A *by-deadline* claim resolves yes when a qualifying event happens by its deadline; a *not-before* claim resolves no as soon as one does.

# %%
show_table(a.claims, "The predictions (paraphrased from the article) with the criteria of each reading")

# %% [markdown]
# ## 2. The evidence ledger
#
# Every dated event the research found for each prediction, and whether it qualifies under each reading (*qualifies*, *no*, or *breaks the premise* when it removes something the claim depends on). The judgement behind each flag is written out; month-dated events count from the end of their month.

# %%
show_table(
    a.ledger,
    "The evidence: each event, how each reading judges it, and its source",
    aggregators=data.aggregator_sources,
)

# %% [markdown]
# ## 3. Status as of the chosen date

# %% [markdown] tags=["methods"]
# The evidence rules, in the order they are applied (made date *m*, deadline *D*, grace *g*; only events dated on or before the date of the analysis count, a month-dated one from the end of its month):
#
# 1. **Unconfirmed evidence never settles a claim.** With the minimum confidence at *reported* only events whose confidence is reported and whose source is not an aggregator's page alone can decide a status; a qualifying event flagged estimated or disputed, or cited from an aggregator's page alone, leaves the claim where the confirmed evidence puts it and is shown beside it as *pending confirmation*, with the status it would give. With *any* it counts.
# 2. **The window decides first.** The first counted qualifying event inside the window [*m*, *D*] decides: a by-deadline claim is *resolved yes*, a not-before claim *resolved no*. Only when nothing in the window decides does a qualifying event before *m* make the claim *ambiguous* (met or refuted before it was made); earlier events beside an in-window decision are listed as *earlier*.
# 3. **Annulled means the question's premise broke, nothing less.** *Annulled* when a counted event that breaks the claim's premise (not merely makes it harder) is dated on or before the deadline and before any in-window decision.
#
# Otherwise the clock decides: *not yet made* before *m*; a by-deadline claim is *open* while the date of the analysis is at most *D*, *overdue* during the grace period and *resolved no* after it; a not-before claim is *open* until *D* + *g* and *resolved yes* after.

# %%
show_table(a.status_table, a.status_caption)
show_table(a.settings_table, "Every setting at once: status by reading and by the evidence allowed to decide")
show_md(a.status_text)

# %% [markdown] tags=["methods"]
# ## 4. A transparent probability for the open claims
#
# Time *t* runs in months from the made date. Qualifying releases arrive with cumulative hazard *q*·*H*(*t*), where *H*(*t*) = (*t*/η)<sup>*k*</sup> (*k* = 1 is a constant hazard); with probability *p*<sub>never</sub> the event never comes. So the survival is
#
#   *S*(*t*) = *p*<sub>never</sub> + (1 − *p*<sub>never</sub>)·exp(−*q*·(*t*/η)<sup>*k*</sup>),  and  P(event in (*a*, *D*] | none by *a*) = 1 − *S*(*D*)/*S*(*a*), where *a* is the date of the analysis.
#
# A not-before claim is true with the complementary probability. This is the one demo-timing model of the collection: notebook 04 draws Runway's demo time from it, so the same event under the same reading and date has one probability in both. Each claim asks when one named company releases something, so the **reference class** is the time between consecutive releases of one kind (video, world model) by one company in `data/model_releases.csv`: only companies that release that kind of model enter, each release ends exactly one gap (same-day releases of one company count once), and only releases reported by the date of the analysis enter (no look-ahead: the fit is the one a reader could have made on that date), and each company's latest release is censored at that date (at the snapshot when the date is later). The shape *k* and scale η are fitted together by censored maximum likelihood (the shape by profile likelihood) unless the rerun block's Weibull shape or median months fix them.
#
# The **share *q*** is estimated from the evidence ledger, for each claim's company: of its dated video and world-model releases known by the date of the analysis, how many were matched by a counted event that qualifies under the reading (*x* of *n*: an event matches the release of its month nearest its date; a statement, a product built on an earlier model or a release of another kind is not one of the *n* releases and does not count in *x*). *q* is the mean of the Jeffreys posterior Beta(*x* + ½, *n* − *x* + ½), and its uncertainty that posterior (the rerun block's share of answering releases that qualify replaces it). **p<sub>never</sub>** is a stated judgement, not data: no record says a demonstration will never come; it is drawn from none to twice its value. The **interval** draws all of them jointly: the fit's bootstrap over releases (the gaps resampled with replacement, 1,000 draws, fixed seed), *q* from its posterior and *p*<sub>never</sub> from its range. The published **interval** also spans the **structural choices** a careful reader could make instead (the table after the probabilities): the prior on *q* (Jeffreys or uniform), which releases answer (video and world-model releases, or world-model releases only, each with its own pace) and the cadence (the pooled reference class, or the company's own gaps at the pooled shape). The probability on the made date uses only what was known on that date. Probabilities are shown to whole points, so 3% never reads 5%; a chance strictly between 0 and 1% is shown as "under 1%" (and one strictly between 99% and 100% as "over 99%"), so a positive chance never reads 0% and no interval end claims decimals its inputs cannot support.

# %%
show_table(a.fit_table, "Reference class: months between one company's consecutive releases of one kind")
show_table(
    a.profile_table,
    "The fit across shapes: each shape's best scale, median and log-likelihood relative to the best "
    "(a difference under about 2 is not distinguishable with this much data)",
)
show_md(a.fit_text)

# %%
show_table(
    a.probability_table,
    "Probability that each claim comes true (whole points): the model, its interval over the fit, the judgement "
    "inputs and the structural choices, the world-model-only class as a check, the article's implied confidence, and each "
    "claim's q (with its 90% interval and basis) and chance that it never comes (with the range drawn)",
)
show_table(
    a.sweep_table,
    "The structural sweep: each open claim's probability under each prior, denominator and cadence "
    "(the chance that it never comes at its stated value); the published interval spans these",
)
show_md(a.sweep_text)
show_md(a.claims_text)
show_table(
    a.words_scale, "The words-to-probability scale behind the article's implied probability (a stated judgement)"
)

# %% [markdown]
# ## 5. The timeline
#
# Each prediction's window runs from the made date to its deadline (grace period hatched). Its deciding events are drawn as labelled stems, filled when they have happened by the chosen date and count, dashed and marked "(pending)" when they are pending confirmation; hollow diamonds mark the dates the article predicted. The lower panel plots, for each claim still open, the same quantity as the probability table (the chance the claim comes true) as if its window closed at each date: at the deadline it is the table's value, drawn with its interval.

# %% tags=["readme-figure"] readme_image="prediction-timeline.png" readme_caption="The three predictions: windows, deciding events and open probabilities"
fig = timeline_of(a, data)
cite(fig, data, predictions.CHART_FILES, params["as_of"])
display(fig)
plt.close(fig)

# %%
show_table(a.chart_windows, "The chart's data (top): windows, predicted dates and statuses")
show_table(a.chart_events, "The chart's data (top): events drawn as stems")
if len(a.chart_curve):
    show_table(
        a.chart_curve,
        "The chart's data (bottom): the chance the claim comes true if its window closed then, every third month",
        formats=dict.fromkeys(a.chart_curve.columns, pct),
    )

# %% [markdown] tags=["methods"]
# ## 6. Scores of the resolved claims
#
# Only claims resolved yes or resolved no are scored (ambiguous and annulled ones are not). The Brier score is (*p* − outcome)², lower is better; the log score is ln of the probability given to what happened, higher is better. The article's forecast is the probability its words imply; the model's is its probability on the made date.

# %%
show_table(a.scores, a.scores_caption, empty=a.scores_empty)
if a.calibration_text:
    show_md(a.calibration_text)

# %% [markdown] tags=["methods"]
# ## 7. Sources

# %%
show_sources(data, predictions.SOURCE_FILES, params["as_of"])

# %% [markdown]
# ## Results

# %%
results = publish_results(a)
show_headline(results, update=True)

# %% [markdown] tags=["methods"]
# ## Caveats
#
# - Whether an event qualifies is a judgement written beside it in `data/events.csv`; change a flag and rerun to see what follows.
# - The only strict qualifying event for Runway (a 0.95 correlation between simulated and physical robot tests) comes from one aggregator source and is flagged disputed: under the default minimum confidence (reported) it is pending, not a resolution.

# %%
show_md(a.caveat_text)

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
