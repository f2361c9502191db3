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
# Events overtook all three: the research found qualifying events before the predictions were even made. The notebook says so instead of hiding it.

# %% [markdown]
# **How to rerun.** Change the parameters below or run `python scripts/run_notebooks.py 03 -p as_of=2027-07-10 -p strictness=lenient`. To add evidence, append a sourced row to `data/events.csv` (its date, and whether it qualifies under each reading) and rerun: statuses change accordingly.

# %%
from typing import Optional

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

from prequel import SNAPSHOT_DATE
from prequel.analysis import predictions as pred
from prequel.analysis.prediction_charts import timeline
from prequel.dates import parse_period_end
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import esc, publish_results, show_md, show_table
from prequel.present.style import apply_theme, company_colors

apply_theme()

# %% tags=["parameters"]
# fmt: off
as_of: str = "2026-11-24"  # date of the status (YYYY-MM-DD); only events dated on or before it count | date
strictness: str = "strict"  # reading used for the headline results: "strict" or "lenient" (tables show both) | one of strict, lenient
grace_days: int = 14  # days after a deadline during which a late report can still resolve a claim | 0 to 3650
hazard_model: str = "weibull"  # time-to-event model: "weibull" or "exponential" (constant hazard) | one of weibull, exponential
median_months: Optional[float] = None  # median months until a competitor's answering release; None fits it from the reference class | 0.1 to 600
weibull_k: float = 1.5  # Weibull shape (above 1: an answer grows more likely as time passes); ignored for exponential | 0.1 to 10
q_qualify: float = 0.5  # share of answering releases that would qualify under the reading | 0 to 1
p_never: float = 0.1  # probability that the event never happens at all | 0 to 1
author_implied_p: float = 0.85  # the article's implied confidence ("will", unhedged), from the words-to-probability scale | 0 to 1
data_dir: str = "../data"  # folder of the CSV files; a relative path is tried from the working directory, then notebooks/ | folder
# fmt: on

# %%
params, data = check_parameters_then_load_data(globals())  # unknown or bad values stop here, then bad data files
k = 1.0 if hazard_model == "exponential" else weibull_k
colors = company_colors(list(data.companies["company_id"]))
names = data.names()
P = data.predictions.assign(
    made_date=data.predictions["made_on"].map(parse_period_end),
    deadline_date=data.predictions["deadline"].map(parse_period_end),
    predicted_end=data.predictions["predicted_date"].map(lambda d: parse_period_end(d) if d else pd.NaT),
    label=data.predictions["title"],
)
E = data.events
if pd.Timestamp(as_of) > pd.Timestamp(SNAPSHOT_DATE):
    show_md(
        f"**Note:** `as_of` ({esc(as_of)}) is after the data snapshot ({SNAPSHOT_DATE}). Events after the "
        "snapshot are not in the data, so statuses past it assume that nothing else happened."
    )
print(f"as_of {as_of}; reading {strictness}; {len(P)} predictions, {len(E)} events")

# %% [markdown]
# ## 1. The claims as resolvable questions
#
# Each claim gets written criteria under two readings, because its words do not say what would count. The lenient reading accepts what a vendor presents as a world model; the strict one asks for what the article's words literally require. A `by_deadline` claim resolves yes when a qualifying event happens by its deadline; a `not_before` claim resolves no as soon as one does.

# %%
show_table(
    P[
        [
            "prediction_id",
            "kind",
            "claim",
            "made_on",
            "deadline",
            "lenient_criteria",
            "strict_criteria",
            "article_words",
        ]
    ],
    "The predictions (paraphrased from the article) with the criteria of each reading",
)

# %% [markdown]
# ## 2. The evidence ledger
#
# Every dated event the research found for each prediction, and whether it qualifies under each reading (`qualifies`, `no`, or `breaks_premise` when it removes something the claim depends on). The judgement behind each flag is written out; month-dated events count from the end of their month.

# %%
show_table(
    E[["event_id", "prediction_id", "event_date", "event", "lenient", "strict", "judgement", "confidence"]],
    "Events (data/events.csv)",
)

# %% [markdown]
# ## 3. Status as of the chosen date
#
# The rules, applied in this order for made date *m*, deadline *D*, grace *g* and the first qualifying event *e*:
#
# - `not_yet_made` before *m*; `annulled` when an event that breaks the claim's premise has happened; `ambiguous` when a qualifying event predates *m* (the claim was settled before it was made);
# - by-deadline claims: `resolved_yes` if *e* ≤ min(as_of, *D*), `open` while as_of ≤ *D*, `overdue` during the grace period, `resolved_no` after it;
# - not-before claims: `resolved_no` once *e* ≤ min(as_of, *D*), `resolved_yes` after *D* + *g* without one, `open` until then.

# %%
status = pred.statuses(P, E, as_of, grace_days)
status_wide = status.pivot(index="prediction_id", columns="reading", values="status").reindex(P["prediction_id"])
events_by_id = E.set_index("event_id")["event"]
status["deciding"] = status["deciding_event"].map(lambda e: "" if pd.isna(e) else f"{e}: {events_by_id[e]}")
show_table(
    status[["prediction_id", "reading", "status", "deciding_date", "deciding"]],
    f"Status as of {as_of} under both readings, with the event that decided it",
)
chosen = status[status["reading"] == strictness].set_index("prediction_id")
counts = chosen["status"].value_counts()
show_md(
    f"As of {esc(as_of)}, under the **{strictness}** reading: "
    + ", ".join(f"**{n}** {esc(s)}" for s, n in counts.items())
    + ". "
    + " ".join(
        f"{esc(names[P.set_index('prediction_id').loc[i, 'company_id']])}: **{esc(r.status)}**"
        + (f" (decided by {esc(r.deciding_event)}, {esc(r.deciding_date)})" if pd.notna(r.deciding_event) else "")
        + "."
        for i, r in chosen.iterrows()
    )
)

# %% [markdown]
# ## 4. A transparent probability for the open claims
#
# Time *t* runs in months from the made date. Answering releases arrive with cumulative hazard *q*·*H*(*t*), where *H*(*t*) = (*t*/η)^*k* (*k* = 1 is a constant hazard); with probability *p*<sub>never</sub> the event never comes. So the survival is
#
#   *S*(*t*) = *p*<sub>never</sub> + (1 − *p*<sub>never</sub>)·exp(−*q*·(*t*/η)^*k*),  and  P(event in (as_of, *D*] | none by as_of) = 1 − *S*(*D*)/*S*(as_of).
#
# A not-before claim is true with the complementary probability. The scale η comes from `median_months` when given; otherwise it is fitted to a **reference class**: for every dated release in `data/model_releases.csv`, the months until each other company's next release of the same kind, censored at the snapshot date when none came (closed-form censored maximum likelihood for a fixed *k*: η^*k* = Σ *t*<sub>i</sub>^*k* / number of observed answers).

# %%
lags = pred.answer_lags(data.releases, SNAPSHOT_DATE)
if median_months is None:
    eta = pred.fit_scale(lags["months"], lags["observed"], k)
    median_used, basis = eta * np.log(2) ** (1 / k), "fitted"
else:
    eta, median_used, basis = pred.scale_from_median(median_months, k), median_months, "set by parameter"
fit = pd.DataFrame(
    {
        "answers observed": [int(lags["observed"].sum())],
        "censored": [int((~lags["observed"]).sum())],
        "median observed lag (months)": [lags.loc[lags["observed"], "months"].median()],
        "shape k": [k],
        "scale eta (months)": [eta],
        "median (months)": [median_used],
        "basis": [basis],
    }
)
show_table(fit.round(2), "Reference class: how long competitors take to answer a release")
show_md(
    f"Across **{len(lags)}** release-and-rival pairs, **{int(lags['observed'].sum())}** answers were observed. "
    f"The {hazard_model} model with k = {k:g} has a median of **{median_used:.1f} months** ({basis}) before the "
    f"share q = {q_qualify:g} of qualifying answers and p_never = {p_never:g} are applied."
)

# %%
probs = []
for p in P.itertuples():
    state = chosen.loc[p.prediction_id, "status"]
    model_now = pred.model_probability(p.kind, p.made_date, p.deadline_date, as_of, eta, k, q_qualify, p_never)
    model_at_made = pred.model_probability(
        p.kind, p.made_date, p.deadline_date, p.made_date, eta, k, q_qualify, p_never
    )
    probs.append(
        {
            "prediction_id": p.prediction_id,
            "status": state,
            "model_p_now": model_now if state in ("open", "not_yet_made") else None,
            "model_p_when_made": model_at_made,
            "article_implied_p": author_implied_p,
        }
    )
probs = pd.DataFrame(probs).set_index("prediction_id")
show_table(probs.round(3), "Probability that each claim comes true: the model against the article's implied confidence")
show_table(
    pd.Series(pred.WORDS_TO_PROBABILITY, name="probability").rename_axis("wording").to_frame(),
    "The words-to-probability scale behind author_implied_p (a stated judgement)",
)

# %% [markdown]
# ## 5. The timeline
#
# Each prediction's window runs from the made date to its deadline (grace period hatched). Its deciding events are drawn as labelled stems, filled when they have happened by `as_of`, hollow diamonds for the dates the article predicted. The lower panel shows, for each claim still open, the model's probability that its event has happened by each date.

# %% tags=["readme-figure"] readme_image="prediction-timeline.png" readme_caption="The three predictions: windows, deciding events and open probabilities"
horizon = P["deadline_date"].max() + pd.Timedelta(days=120)
open_ids = [i for i, r in chosen.iterrows() if r["status"] in ("open", "not_yet_made")]
curves = pd.concat(
    [
        pred.cumulative_curve(p.kind, p.made_date, p.deadline_date, as_of, eta, k, q_qualify, p_never, horizon).assign(
            prediction_id=p.prediction_id
        )
        for p in P.itertuples()
        if p.prediction_id in open_ids
    ]
    or [pd.DataFrame(columns=["date", "p_event_by_date", "prediction_id"])],
    ignore_index=True,
)
fig = timeline(
    P,
    E,
    curves,
    as_of,
    strictness,
    colors,
    grace_days,
    source_note=f"Sources: data/predictions.csv (the article) and data/events.csv ({E['source_url'].nunique()} sources).",
)
display(fig)
plt.close(fig)

# %%
window = P[["prediction_id", "made_on", "deadline", "predicted_date"]].assign(
    status=lambda d: d["prediction_id"].map(chosen["status"])
)
show_table(window, "The chart's data (top): windows, predicted dates and statuses")
marks = E[E[strictness].isin(["qualifies", "breaks_premise"])][["prediction_id", "event_id", "event_date", strictness]]
show_table(marks, "The chart's data (top): events drawn as stems")
if len(curves):
    show_table(
        curves.assign(date=curves["date"].dt.strftime("%Y-%m"))
        .pivot(index="date", columns="prediction_id", values="p_event_by_date")
        .iloc[::3]
        .round(3),
        "The chart's data (bottom): P(event by date), every third month",
    )

# %% [markdown]
# ## 6. Scores of the resolved claims
#
# Only `resolved_yes` and `resolved_no` claims are scored (ambiguous and annulled ones are not). The Brier score is (*p* − outcome)², lower is better; the log score is ln of the probability given to what happened, higher is better. The article's forecast is `author_implied_p`; the model's is its probability on the made date.

# %%
resolved = probs[probs["status"].isin(["resolved_yes", "resolved_no"])]
scores = pd.DataFrame(
    [
        {
            "prediction_id": i,
            "outcome_yes": r.status == "resolved_yes",
            "article_p": r.article_implied_p,
            "article_brier": pred.brier(r.article_implied_p, r.status == "resolved_yes"),
            "article_log": pred.log_score(r.article_implied_p, r.status == "resolved_yes"),
            "model_p": r.model_p_when_made,
            "model_brier": pred.brier(r.model_p_when_made, r.status == "resolved_yes"),
            "model_log": pred.log_score(r.model_p_when_made, r.status == "resolved_yes"),
        }
        for i, r in resolved.iterrows()
    ],
    columns=[
        "prediction_id",
        "outcome_yes",
        "article_p",
        "article_brier",
        "article_log",
        "model_p",
        "model_brier",
        "model_log",
    ],
)
show_table(scores.round(3), f"Scores as of {as_of} ({strictness} reading)")
if len(scores) < pred.MIN_RESOLVED_FOR_CALIBRATION:
    show_md(
        f"No calibration chart: it needs at least {pred.MIN_RESOLVED_FOR_CALIBRATION} resolved claims to say anything, "
        f"and {len(scores)} of {len(P)} are resolved here. "
        + (
            f"Mean Brier score: article **{scores['article_brier'].mean():.3f}**, model **{scores['model_brier'].mean():.3f}**."
            if len(scores)
            else "Nothing can be scored yet."
        )
    )

# %% [markdown]
# ## 7. Sources

# %%
show_table(
    data.sources()[lambda d: d["files"].str.contains("events|predictions")], "Sources behind the predictions and events"
)

# %% [markdown]
# ## Results

# %%
results = publish_results(
    {
        "as_of": as_of,
        "strictness": strictness,
        "status": chosen["status"].to_dict(),
        "status_by_reading": {
            r: status[status["reading"] == r].set_index("prediction_id")["status"].to_dict() for r in pred.READINGS
        },
        "probability": probs["model_p_now"].to_dict(),
        "brier": {i: (scores.set_index("prediction_id")["article_brier"].get(i)) for i in P["prediction_id"]},
        "finding": (
            f"As of {as_of} ({strictness} reading): "
            + "; ".join(f"{P.set_index('prediction_id').loc[i, 'title']}: {s}" for i, s in chosen["status"].items())
            + f". Under the lenient reading {int((status_wide['lenient'] == 'ambiguous').sum())} of {len(P)} "
            "were settled by events before the article made them."
        ),
    }
)

# %% [markdown]
# ## Caveats
#
# - Whether an event qualifies is a judgement written beside it in `data/events.csv`; change a flag and rerun to see what follows.
# - The only strict qualifying event for Runway (a 0.95 correlation between simulated and physical robot tests) comes from one aggregator source and is flagged disputed.
# - The reference class mixes video and world-model releases of many companies; the fitted median is a rough prior, not a forecast of any one company.

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
