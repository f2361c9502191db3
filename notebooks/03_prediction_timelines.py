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
import numpy as np
import pandas as pd
from IPython.display import display

from prequel import SNAPSHOT_DATE
from prequel.analysis import predictions as pred
from prequel.analysis.prediction_charts import timeline
from prequel.dates import parse_period_end
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import esc, pct, publish_results, show_headline, show_md, show_table
from prequel.present.sources import show_sources
from prequel.present.style import apply_theme, company_colors
from prequel.sourcing import cited_rows, outside_sources

apply_theme()

# %% tags=["parameters"]
# fmt: off
as_of: str = "2026-11-24"  # date of the status (YYYY-MM-DD); only events dated on or before it count | date
strictness: str = "strict"  # reading used for the headline results: "strict" or "lenient" (tables show both) | one of strict, lenient
min_confidence: str = "reported"  # evidence that can decide a status: "reported" only, or "any" (estimated and disputed too) | one of reported, any
grace_days: int = 14  # days after a deadline during which a late report can still resolve a claim | 0 to 3650
hazard_model: str = "weibull"  # time-to-event model: "weibull" or "exponential" (constant hazard) | one of weibull, exponential
median_months: Optional[float] = None  # median months until a competitor's answering release; None fits it from the reference class | 0.1 to 600
weibull_k: Optional[float] = None  # Weibull shape (above 1: a release grows more likely as time passes); None fits it with the scale; ignored for exponential | 0.1 to 10
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
print(f"as_of {as_of}; reading {strictness}; evidence {min_confidence}; {len(P)} predictions, {len(E)} events")

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

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
    E[
        [
            "event_id",
            "prediction_id",
            "event_date",
            "event",
            "lenient",
            "strict",
            "judgement",
            "confidence",
            "source_tier",
        ]
    ],
    "Events (data/events.csv)",
)

# %% [markdown]
# ## 3. Status as of the chosen date
#
# The evidence rules, in the order they are applied (made date *m*, deadline *D*, grace *g*; only events dated on or before `as_of` count, a month-dated one from the end of its month):
#
# 1. **Unconfirmed evidence never settles a claim.** With `min_confidence = "reported"` only events whose confidence is `reported` can decide a status; a qualifying event flagged `estimated` or `disputed` leaves the claim where the confirmed evidence puts it and is shown beside it as *pending confirmation*, with the status it would give. With `"any"` it counts.
# 2. **The window decides first.** The first counted qualifying event inside the window [*m*, *D*] decides: a by-deadline claim is `resolved_yes`, a not-before claim `resolved_no`. Only when nothing in the window decides does a qualifying event before *m* make the claim `ambiguous` (met or refuted before it was made); earlier events beside an in-window decision are listed as *earlier*.
# 3. **Annulled means the question's premise broke, nothing less.** `annulled` when a counted event that breaks the claim's premise (not merely makes it harder) is dated on or before the deadline and before any in-window decision.
#
# Otherwise the clock decides: `not_yet_made` before *m*; a by-deadline claim is `open` while as_of ≤ *D*, `overdue` during the grace period and `resolved_no` after it; a not-before claim is `open` until *D* + *g* and `resolved_yes` after.

# %%
status = pred.statuses(P, E, as_of, grace_days, min_confidence)
status_wide = status.pivot(index="prediction_id", columns="reading", values="status").reindex(P["prediction_id"])
events_by_id = E.set_index("event_id")["event"]
event_words = events_by_id.map(pred.event_words)
titles = P.set_index("prediction_id")["title"]
status["deciding"] = status["deciding_event"].map(lambda e: "" if pd.isna(e) else f"{e}: {events_by_id[e]}")
show_table(
    status.assign(prediction=status["prediction_id"].map(titles))[
        ["prediction", "reading", "status", "deciding_date", "deciding", "earlier", "pending", "if_confirmed"]
    ],
    f"Status as of {as_of} under both readings ({min_confidence} evidence), with the deciding event, earlier "
    "qualifying events and evidence pending confirmation",
)
by_setting = pd.concat([pred.statuses(P, E, as_of, grace_days, c) for c in pred.MIN_CONFIDENCE])
show_table(
    by_setting.pivot(index="prediction_id", columns=["reading", "min_confidence"], values="status")
    .reindex(P["prediction_id"])
    .rename(index=titles)
    .rename_axis("prediction"),
    "Every setting at once: status by reading and by the evidence allowed to decide",
)
chosen = status[status["reading"] == strictness].set_index("prediction_id")
strictest = by_setting[(by_setting["reading"] == "strict") & (by_setting["min_confidence"] == "reported")]
counts = chosen["status"].value_counts()
show_md(
    f"As of {esc(as_of)}, under the **{strictness}** reading with **{min_confidence}** evidence: "
    + ", ".join(f"**{n}** {esc(s)}" for s, n in counts.items())
    + ". "
    + " ".join(
        f"{esc(titles[i])}: **{esc(pred.STATUS_WORDS[r.status])}**"
        + (
            f" (decided by {esc(event_words[r.deciding_event])}, {esc(r.deciding_date)})"
            if pd.notna(r.deciding_event)
            else ""
        )
        + (
            f"; pending confirmation: {esc(', '.join(event_words[e] for e in r.pending.split(', ')))} "
            f"would make it {esc(pred.STATUS_WORDS[r.if_confirmed])}"
            if r.pending
            else ""
        )
        + "."
        for i, r in chosen.iterrows()
    )
)

# %% [markdown]
# ## 4. A transparent probability for the open claims
#
# Time *t* runs in months from the made date. Qualifying releases arrive with cumulative hazard *q*·*H*(*t*), where *H*(*t*) = (*t*/η)<sup>*k*</sup> (*k* = 1 is a constant hazard); with probability *p*<sub>never</sub> the event never comes. So the survival is
#
#   *S*(*t*) = *p*<sub>never</sub> + (1 − *p*<sub>never</sub>)·exp(−*q*·(*t*/η)<sup>*k*</sup>),  and  P(event in (as_of, *D*] | none by as_of) = 1 − *S*(*D*)/*S*(as_of).
#
# A not-before claim is true with the complementary probability. Each claim asks when one named company releases something, so the **reference class** is the time between consecutive releases of one kind (video, world model) by one company in `data/model_releases.csv`: only companies that release that kind of model enter, each release ends exactly one gap (same-day releases of one company count once), and each company's latest release is censored at the snapshot. The shape *k* and scale η are fitted together by censored maximum likelihood (the shape by profile likelihood) unless `weibull_k` or `median_months` fix them. The **interval** is a bootstrap over releases (the gaps resampled with replacement, 1,000 draws, fixed seed), refitting whatever is fitted; *q* and *p*<sub>never</sub> are stated judgements held fixed, so the interval shows the fit's uncertainty only.

# %%
gaps = pred.release_gaps(data.releases, SNAPSHOT_DATE)
fixed_k = 1.0 if hazard_model == "exponential" else weibull_k
if median_months is None:
    eta, k = pred.fit_weibull(gaps["months"], gaps["observed"], fixed_k)
    basis = "fitted (scale and shape)" if fixed_k is None else "fitted (scale; shape set)"
    draws = pred.bootstrap_fits(gaps, fixed_k)
else:
    k = 1.5 if fixed_k is None else fixed_k
    eta, basis = pred.scale_from_median(median_months, k), "set by parameter"
    draws = pd.DataFrame({"eta": [eta], "k": [k]})
median_used = eta * np.log(2) ** (1 / k)
wm_gaps = pred.release_gaps(data.releases, SNAPSHOT_DATE, kinds=("world_model",))
wm_eta, wm_k = pred.fit_weibull(wm_gaps["months"], wm_gaps["observed"], fixed_k)
fit = pd.DataFrame(
    [
        {
            "class": "video and world-model releases (used)",
            "gaps observed": int(gaps["observed"].sum()),
            "censored": int((~gaps["observed"]).sum()),
            "shape k": round(k, 1),
            "k, 90% bootstrap": f"{draws['k'].quantile(0.05):.1f} to {draws['k'].quantile(0.95):.1f}",
            "median (months)": round(median_used),
            "basis": basis,
        },
        {
            "class": "world-model releases only (check)",
            "gaps observed": int(wm_gaps["observed"].sum()),
            "censored": int((~wm_gaps["observed"]).sum()),
            "shape k": round(wm_k, 1),
            "k, 90% bootstrap": "",
            "median (months)": round(wm_eta * np.log(2) ** (1 / wm_k)),
            "basis": "fitted, shown for comparison",
        },
    ]
)
show_table(fit, "Reference class: months between one company's consecutive releases of one kind")
show_table(
    pred.profile_curve(gaps["months"], gaps["observed"], [0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0])
    .assign(median=lambda d: d["eta"] * np.log(2) ** (1 / d["k"]))
    .round(1),
    "The fit across shapes: each shape's best scale, median and log-likelihood relative to the best "
    "(a difference under about 2 is not distinguishable with this much data)",
)
show_md(
    f"**{len(gaps)}** gaps from {gaps['company_id'].nunique()} companies, **{int(gaps['observed'].sum())}** of them "
    f"observed. The {hazard_model} model has k ≈ {k:.1f} and a median of about **{median_used:.0f} months** ({basis}) "
    f"before the share q = {q_qualify:g} of qualifying releases and p_never = {p_never:g} are applied; "
    f"{len(draws)} bootstrap refits."
)

# %%
probs = []
for p in P.itertuples():
    state = chosen.loc[p.prediction_id, "status"]
    is_open = state in ("open", "not_yet_made")
    model_now = pred.model_probability(p.kind, p.made_date, p.deadline_date, as_of, eta, k, q_qualify, p_never)
    model_at_made = pred.model_probability(
        p.kind, p.made_date, p.deadline_date, p.made_date, eta, k, q_qualify, p_never
    )
    boot = [
        pred.model_probability(p.kind, p.made_date, p.deadline_date, as_of, d.eta, d.k, q_qualify, p_never)
        for d in draws.itertuples()
    ]
    low, high = pred.interval_from_draws(model_now, boot)
    wm_now = pred.model_probability(p.kind, p.made_date, p.deadline_date, as_of, wm_eta, wm_k, q_qualify, p_never)
    probs.append(
        {
            "prediction_id": p.prediction_id,
            "status": state,
            "model_p_now": model_now if is_open else None,
            "interval_low": low if is_open else None,
            "interval_high": high if is_open else None,
            "p_world_model_class": wm_now if is_open else None,
            "model_p_when_made": model_at_made,
            "article_implied_p": author_implied_p,
        }
    )
probs = pd.DataFrame(probs).set_index("prediction_id")
intervals = {
    i: list(pred.round_interval(r.interval_low, r.interval_high, pred.PROBABILITY_STEP))
    for i, r in probs.iterrows()
    if pd.notna(r.model_p_now)
}
shown = probs.assign(
    model_p_now=probs["model_p_now"].map(pred.round_probability),
    interval=probs.index.map(
        lambda i: "" if i not in intervals else f"{pct(intervals[i][0])} to {pct(intervals[i][1])}"
    ),
    p_world_model_class=probs["p_world_model_class"].map(pred.round_probability),
    model_p_when_made=probs["model_p_when_made"].map(pred.round_probability),
).drop(columns=["interval_low", "interval_high"])
show_table(
    shown.rename(index=titles).rename_axis("prediction"),
    "Probability that each claim comes true (to the nearest 5 points): the model, its 90% bootstrap interval, the "
    "world-model-only class as a check, and the article's implied confidence",
)
show_table(
    pd.Series(pred.WORDS_TO_PROBABILITY, name="probability").rename_axis("wording").to_frame(),
    "The words-to-probability scale behind author_implied_p (a stated judgement)",
)

# %% [markdown]
# ## 5. The timeline
#
# Each prediction's window runs from the made date to its deadline (grace period hatched). Its deciding events are drawn as labelled stems, filled when they have happened by `as_of` and count, dashed with a "?" when they are pending confirmation; hollow diamonds mark the dates the article predicted. The lower panel plots, for each claim still open, the same quantity as the probability table (P(the claim comes true)) as if its window closed at each date: at the deadline it is the table's value, drawn with its interval.

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
    or [pd.DataFrame(columns=["date", "p_event_by_date", "p_claim", "prediction_id"])],
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
    uncounted=frozenset(E["event_id"]) - frozenset(E[E["confidence"] == "reported"]["event_id"])
    if min_confidence == "reported"
    else frozenset(),
    intervals=intervals,
    status=chosen["status"].to_dict(),
)
display(fig)
plt.close(fig)

# %%
window = P[["prediction_id", "made_on", "deadline", "predicted_date"]].assign(
    status=lambda d: d["prediction_id"].map(chosen["status"])
)
show_table(
    window.assign(prediction_id=window["prediction_id"].map(titles)).rename(columns={"prediction_id": "prediction"}),
    "The chart's data (top): windows, predicted dates and statuses",
)
marks = E[E[strictness].isin(["qualifies", "breaks_premise"])][
    ["prediction_id", "event_id", "event_date", strictness, "confidence"]
]
show_table(
    marks.assign(prediction_id=marks["prediction_id"].map(titles)).rename(columns={"prediction_id": "prediction"}),
    "The chart's data (top): events drawn as stems",
)
if len(curves):
    by_month = (
        curves.assign(date=curves["date"].dt.strftime("%Y-%m"))
        .drop_duplicates(["date", "prediction_id"], keep="last")
        .pivot(index="date", columns="prediction_id", values="p_claim")
        .rename(columns=titles)
        .iloc[::3]
    )
    show_table(
        by_month,
        "The chart's data (bottom): P(the claim comes true) if its window closed then, every third month",
        formats=dict.fromkeys(by_month.columns, pct),
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
show_table(
    scores.assign(prediction_id=scores["prediction_id"].map(titles))
    .rename(columns={"prediction_id": "prediction"})
    .round(2),
    f"Scores as of {as_of} ({strictness} reading, {min_confidence} evidence)",
    empty=f"None of the {len(P)} predictions has come true or failed by {as_of} under the {strictness} reading, "
    "so none is scored.",
)
if len(scores) < pred.MIN_RESOLVED_FOR_CALIBRATION:
    show_md(
        f"No calibration chart: it needs at least {pred.MIN_RESOLVED_FOR_CALIBRATION} resolved claims to say anything, "
        f"and {len(scores)} of {len(P)} are resolved here. "
        + (
            f"Mean Brier score: article **{scores['article_brier'].mean():.2f}**, model **{scores['model_brier'].mean():.2f}**."
            if len(scores)
            else ""
        )
    )

# %% [markdown]
# ## 7. Sources

# %%
source_files = ["predictions", "events", "model_releases"]
show_sources(data, source_files, as_of)

# %% [markdown]
# ## Results

# %%
probability = {i: pred.round_probability(v) for i, v in probs["model_p_now"].items()}
results = publish_results(
    {
        "as_of": as_of,
        "strictness": strictness,
        "min_confidence": min_confidence,
        "status": chosen["status"].to_dict(),
        "status_by_reading": {
            r: status[status["reading"] == r].set_index("prediction_id")["status"].to_dict() for r in pred.READINGS
        },
        "status_by_setting": {
            f"{r}/{c}": by_setting[(by_setting["reading"] == r) & (by_setting["min_confidence"] == c)]
            .set_index("prediction_id")["status"]
            .to_dict()
            for r in pred.READINGS
            for c in pred.MIN_CONFIDENCE
        },
        "pending": {i: r.pending.split(", ") if r.pending else [] for i, r in chosen.iterrows()},
        "probability": probability,
        "probability_interval": intervals,
        "brier": {
            i: pred.round_probability(scores.set_index("prediction_id")["article_brier"].get(i), 0.01)
            for i in P["prediction_id"]
        },
        **pred.finding(
            as_of,
            strictness,
            min_confidence,
            P.set_index("prediction_id")["title"].to_dict(),
            status[status["reading"] == strictness],
            strictest,
            probability,
            intervals,
            E.set_index("event_id")["event"].to_dict(),
            status[status["reading"] != strictness],
            E.set_index("event_id")["confidence"].to_dict(),
            outside_sources(cited_rows(data, source_files, as_of)),
        ),
    }
)
show_headline(results, update=True)

# %% [markdown]
# ## Caveats
#
# - Whether an event qualifies is a judgement written beside it in `data/events.csv`; change a flag and rerun to see what follows.
# - The only strict qualifying event for Runway (a 0.95 correlation between simulated and physical robot tests) comes from one aggregator source and is flagged disputed: under the default `min_confidence = "reported"` it is pending, not a resolution.

# %%
show_md(
    f"- The reference class pools video and world-model releases of {gaps['company_id'].nunique()} companies "
    f"({len(gaps)} gaps; the world-model class alone, {int(wm_gaps['observed'].sum())} observed gaps, is too few to "
    "fit a shape and is shown as a check). The clock starts at the made date, not at each company's last release; "
    "*q* and *p*<sub>never</sub> are judgements outside the interval. The probability is a rough prior, not a "
    "forecast of any one company."
)

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
