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
import numpy as np
import pandas as pd
from IPython.display import display

from prequel.analysis import winners as wl
from prequel.analysis.winners_charts import margin_tornado, payoff_lines, rank_acceptability, scores_and_totals
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import esc, publish_results, show_headline, show_md, show_table
from prequel.present.sources import show_sources
from prequel.present.style import apply_theme, company_colors
from prequel.sourcing import cited_rows, outside_sources

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
names = data.names()
scores = wl.score_table(data.levels, data.scales, view, scale_spacing)
w = wl.normalize(weights, list(scores.columns))
labels = dict(zip(data.scales["dimension"], data.scales["dimension_label"], strict=False))
palette = company_colors(list(data.companies["company_id"]))
print(f"view {view}; weights " + ", ".join(f"{d} {v:.2f}" for d, v in w.items()) + f"; p_thesis {p_thesis}")

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown]
# ## The scales
#
# Each dimension of the table gets levels with a written definition and a score on a fixed 0-100 scale: **global anchors**, so a company is not given 100 just for being best of three (min-max scaling would turn small gaps into large ones). With `scale_spacing` γ the score used is 100·(anchor/100)<sup>γ</sup>.

# %%
show_table(
    data.scales[["dimension_label", "level", "score", "definition"]],
    "Constructed scales (data/scales.csv: a judgement)",
)
levels_shown = data.levels.assign(company=data.levels["company_id"].map(names))[
    ["dimension", "company", "article_level", "sourced_level", "sourced_evidence"]
]
show_table(levels_shown, "Each company's level: as the article states it, and as the sourced facts support it")
changed = (data.levels["article_level"] != data.levels["sourced_level"]).sum()
funding_rows = data.levels[data.levels["dimension"] == "funding"]
show_table(
    funding_rows.assign(company=funding_rows["company_id"].map(names))[
        ["company", "funding_measure", "sourced_level", "sourced_evidence", "note"]
    ],
    "How each company's funding is measured: capital it can deploy, never a market cap",
)
show_md(
    "**Funding is capital the company can deploy.** A startup is scored on its unconditional primary capital "
    "(notebook 01); Google raises no rounds, so it is scored on its parent's capital spending in the latest full "
    "year, a flow like capital raised, never on Alphabet's market cap, a stock that notebook 01 keeps apart. "
    "That spending funds all of Alphabet, so it overstates what Google's video and world-model teams get."
)
show_md(f"The sourced facts move **{changed} of {len(data.levels)}** cells of the article's table to another level.")

# %% [markdown]
# ## 1. Scores and the weighted total
#
# The weighted total is *T*<sub>c</sub> = Σ<sub>d</sub> *w*<sub>d</sub>·*s*<sub>c,d</sub> with weights summing to 1. Each verdict of the article's table is then tested: *best positioned for the pivot* as first on the total, *best funded* and *highest quality* as the top score on those dimensions, *no product* as the lowest API score. *Deepest research bench* cannot be tested: no dimension of the table measures it.

# %%
total = wl.totals(scores, w).sort_values(ascending=False)
shown_scores = scores.rename(index=names, columns=labels)
fig = scores_and_totals(
    shown_scores,
    total.rename(index=names),
    [palette[c] for c in total.index],
    source_note=f"Levels: data/company_levels.csv ({view} view); scales: data/scales.csv (judgements).",
)
display(fig)
plt.close(fig)
show_table(
    shown_scores.round(1).assign(weighted_total=total.rename(index=names).round(2)),
    "The chart's data: scores and weighted totals",
)

# %%
verdicts = wl.check_verdicts(data.verdicts, scores, total, names)
show_table(
    verdicts.assign(company=verdicts["company_id"].map(names))[["company", "verdict", "outcome", "evidence"]],
    f"The article's verdicts against the scores ({view} view)",
)
leader = total.idxmax()
held = (verdicts["outcome"] == "holds").sum()
total_shown = total.round(0)  # levels are ordinal judgements: whole points at most
show_md(
    f"With these weights **{esc(names[leader])}** leads with about **{total_shown.max():.0f}** points, "
    f"{total.iloc[0] - total.iloc[1]:.0f} ahead of {esc(names[total.index[1]])} (one level is 25-33 points). "
    f"Of the article's {len(verdicts)} verdicts: **{esc(wl.outcome_counts(verdicts['outcome']))}**."
)

# %% [markdown]
# ## 2. Flip weights: how much weight would change the order?
#
# For a pair of companies *i* ahead of *j* and a dimension *d*, set *w*<sub>d</sub> = *x* and rescale the other weights proportionally. The gap is linear in *x*: *T*<sub>i</sub> − *T*<sub>j</sub> = *R* + *x*(δ<sub>d</sub> − *R*), with δ the score differences and *R* the other dimensions' weighted gap, so the order flips at **x\* = R / (R − δ<sub>d</sub>)** when that lies strictly between 0 and 1. An order is **fragile** if some weight needs to move by 0.15 or less to flip it.

# %%
flips = wl.flip_table(scores, w, names)
show_table(flips.dropna(subset=["flip_weight"]).round(3), "Flip weights (pairs and dimensions with a flip inside 0-1)")
fragile = wl.fragile_orders(flips)
show_table(fragile.round(3), "For each pair: the smallest weight move that flips its order")
fragile_pairs = fragile[fragile["fragile"]]
show_md(
    f"**{len(fragile_pairs)} of {len(fragile)}** pairwise orders are fragile. "
    + " ".join(
        f"{esc(r.leader)} over {esc(r.follower)} flips if the weight of {esc(labels[r.dimension])} moves from {r.weight_now:.2f} to {r.flip_weight:.2f}."
        for r in fragile_pairs.itertuples()
    )
)

# %% [markdown]
# ## 3. What moves the leader's margin
#
# Each weight is moved by ±50% (then renormalized) and each score by ±10 points, one at a time; bars show the leader's margin over the next company and are sorted by swing.

# %%
torn = wl.tornado(scores, w, leader, weight_step=0.5, score_step=10.0)
torn["input"] = torn["input"].replace({f"score of {c} on": f"score of {names[c]} on" for c in scores.index}, regex=True)
fig = margin_tornado(
    torn, names[leader], source_note="Steps: weights x0.5 and x1.5 (renormalized); scores -10 and +10 points."
)
display(fig)
plt.close(fig)
show_table(torn.head(12).round(2), "The chart's data: the 12 largest swings")
crosses = torn[(torn[["low", "high"]].min(axis=1) < 0)]
show_md(
    f"The largest swing comes from **{esc(torn.iloc[0]['input'])}** ({torn.iloc[0]['low']:.1f} to {torn.iloc[0]['high']:.1f} points). "
    + (
        f"**{len(crosses)}** single steps would hand the lead to another company."
        if len(crosses)
        else "No single step hands the lead to another company."
    )
)

# %% [markdown]
# ## 4. Robustness over all weightings
#
# Weights drawn uniformly from the simplex (flat Dirichlet), `n_weight_draws` of them with the fixed seed: the share of draws in which each company ranks first (rank acceptability).

# %%
share = wl.rank_first_share(scores, n_weight_draws, seed)
fig = rank_acceptability(
    share.rename(index=names),
    [palette[c] for c in share.index],
    n_weight_draws,
    source_note=f"{n_weight_draws:,} flat-Dirichlet weightings, seed {seed}.",
)
display(fig)
plt.close(fig)
show_table(
    share.rename(index=names).rename("rank_first_share").to_frame().round(4), "The chart's data: rank acceptability"
)
se = wl.monte_carlo_se(float(share.max()), n_weight_draws)
show_md(
    f"Under random weightings **{esc(names[share.idxmax()])}** ranks first in about **{wl.round_share(share.max()):.0%}** "
    f"of draws; Runway in about **{wl.round_share(share.get('runway', 0)):.0%}** (shares to the nearest 5 points: the "
    f"scores are ordinal judgements; the sampling error alone is {se:.1%})."
)

# %% [markdown]
# ### How robust is each verdict?
#
# For each verdict of the article's table: the share of random weightings in which it holds and, for the verdict about the weighted total, the nearest single weight (others rescaled) at which it would change. A verdict on one dimension does not depend on the weights. Both views are shown: the article's levels and the levels the sourced facts support.

# %%
views = {}
for v_name in ("article", "sourced"):
    v_scores = scores if v_name == view else wl.score_table(data.levels, data.scales, v_name, scale_spacing)
    v_share = share if v_name == view else wl.rank_first_share(v_scores, n_weight_draws, seed)
    views[v_name] = {
        "scores": v_scores,
        "share": v_share,
        "leader": wl.totals(v_scores, w).idxmax(),
        "robust": wl.verdict_robustness(data.verdicts, v_scores, w, v_share),
    }
robust_table = pd.concat(
    [r["robust"].assign(view=v_name, company=r["robust"]["company_id"].map(names)) for v_name, r in views.items()],
    ignore_index=True,
)
robust_table["share_holds"] = robust_table["share_holds"].map(lambda x: x if pd.isna(x) else wl.round_share(x))
show_table(
    robust_table[
        ["view", "verdict_id", "company", "outcome", "share_holds", "flip_dimension", "weight_now", "flip_weight"]
    ].round(2),
    "Each verdict: holds under the chosen weights?, share of random weightings in which it holds (nearest 5%), "
    "and the weight that would change it",
)


def pivot_sentence(v_name: str) -> str:
    r = views[v_name]["robust"].set_index("verdict_id").loc["runway_pivot"]
    text = (
        f"{v_name} view: *best positioned* {'holds' if r['outcome'].startswith('holds') else 'fails'} "
        f"({esc(names[views[v_name]['leader']])} leads) and holds in about {wl.round_share(r['share_holds']):.0%} of weightings"
    )
    if pd.notna(r["flip_weight"]):
        text += (
            f"; it would {'fail' if r['outcome'].startswith('holds') else 'hold'} if the weight of "
            f"{esc(labels[r['flip_dimension']])} moved from {r['weight_now']:.2f} to {r['flip_weight']:.2f}"
        )
    else:
        text += "; no single weight changes it"
    return text


show_md(" ".join(f"**{pivot_sentence(v)}.**" if v == view else pivot_sentence(v) + "." for v in views))

# %% [markdown]
# ## 5. Stakeholders as the thesis becomes likelier
#
# The payoffs are **conditional on the thesis**: what each stakeholder gains if world models become the frontier, and if not. No one knows the probability *p* of the thesis, so `p_thesis` is a point on a sweep, not a forecast: the table below gives every stakeholder's expected payoff across *p*, and the break-even where it changes sign.
#
# Each stakeholder has a payoff *a* if world models become the frontier and *b* if not, on a −2..+2 scale, encoded from the article's argument (a judgement, cited in the table below). The expected payoff is *E*(*p*) = *p*·*a* + (1 − *p*)·*b*, linear in *p*; it changes sign at the break-even **p\* = b / (b − a)** when *a* and *b* have opposite signs.

# %% tags=["readme-figure"] readme_image="stakeholder-payoffs.png" readme_caption="Who gains and who loses as the world-model thesis becomes likelier"
stake = data.stakeholders.set_index("stakeholder_id")[["name", "payoff_if_thesis", "payoff_if_not"]].copy()
for sid, (a, b) in payoff_overrides.items():
    stake.loc[sid, ["payoff_if_thesis", "payoff_if_not"]] = [a, b]
grid = np.linspace(0, 1, 101)
groups = stake.groupby(["payoff_if_thesis", "payoff_if_not"], sort=False)["name"].agg(
    "; ".join
)  # identical lines drawn once
lines = pd.DataFrame({label: wl.expected_payoff(a, b, grid) for (a, b), label in groups.items()}, index=grid)
breaks = pd.Series({label: wl.break_even(a, b) for (a, b), label in groups.items()}, dtype=object)
fig = payoff_lines(
    lines, breaks, p_thesis, source_note="Payoffs: data/stakeholders.csv (judgements encoding the article's argument)."
)
display(fig)
plt.close(fig)
at_p = stake.assign(
    expected_at_p=wl.expected_payoff(stake["payoff_if_thesis"], stake["payoff_if_not"], p_thesis),
    break_even_p=[wl.break_even(a, b) for a, b in zip(stake["payoff_if_thesis"], stake["payoff_if_not"], strict=False)],
)
show_table(at_p.round(3), f"The chart's data: payoffs, break-even and expected payoff at p = {p_thesis:g}")

# %%
sweep_grid = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
sweep = wl.payoff_sweep(stake, sweep_grid)
show_table(
    sweep.assign(name=stake["name"]).set_index("name").round(1),
    "Expected payoff across the probability of the thesis (p = 1: the thesis holds; p = 0: it does not)",
)
gain_if = stake[stake["payoff_if_thesis"] > 0]["name"].tolist()
gain_if_not = stake[stake["payoff_if_not"] > 0]["name"].tolist()
show_md(
    f"**If the thesis holds**, the gainers are {esc(', '.join(gain_if) or 'none')}; **if it does not**, "
    f"{esc(', '.join(gain_if_not) or 'none')}. "
    + " ".join(
        f"{esc(r.name)} comes out ahead once p passes {r.break_even_p:.2f}."
        if r.payoff_if_thesis > 0
        else f"{esc(r.name)} comes out ahead only while p stays below {r.break_even_p:.2f}."
        for r in at_p.dropna(subset=["break_even_p"]).itertuples()
    )
    + " "
    + " ".join(
        f"{esc(r.name)} never gains in this encoding."
        for r in at_p[
            at_p["break_even_p"].isna() & (at_p[["payoff_if_thesis", "payoff_if_not"]].max(axis=1) <= 0)
        ].itertuples()
    )
    + f" The chosen p = {p_thesis:g} is a parameter, not an estimate: read the row of the sweep you believe."
)

# %% [markdown]
# ## 6. Sources and judgements
#
# Every score level and payoff is a judgement; the table below lists each with the passage or evidence it encodes.

# %%
judgements = pd.concat(
    [
        data.stakeholders.assign(kind="payoff", item=data.stakeholders["name"], basis=data.stakeholders["passage"])[
            ["kind", "item", "basis", "source_url", "confidence"]
        ],
        data.levels.assign(
            kind="sourced level",
            item=data.levels["company_id"].map(names) + ": " + data.levels["dimension"],
            basis=data.levels["sourced_evidence"],
        )[["kind", "item", "basis", "source_url", "confidence"]],
    ],
    ignore_index=True,
)
show_table(judgements, "Judgements and the sources behind them")

# %%
source_files = ["scales", "company_levels", "verdicts", "stakeholders"]
show_sources(data, source_files)

# %% [markdown]
# ## Results

# %%
robust_now = views[view]["robust"].set_index("verdict_id")
results = publish_results(
    {
        "view": view,
        "leader": leader,
        "total_score": total.round(0).to_dict(),
        "rank_first_share": {c: wl.round_share(v) for c, v in share.items()},
        "verdict_robustness": {
            v_name: {
                r.verdict_id: {
                    "outcome": r.outcome,
                    "share_holds": None if pd.isna(r.share_holds) else wl.round_share(r.share_holds),
                    "flip": None
                    if pd.isna(r.flip_weight)
                    else {"dimension": r.flip_dimension, "from": round(r.weight_now, 2), "to": round(r.flip_weight, 2)},
                }
                for r in views[v_name]["robust"].itertuples()
            }
            for v_name in views
        },
        "leader_by_view": {v_name: r["leader"] for v_name, r in views.items()},
        "break_even_p": {sid: wl.break_even(r.payoff_if_thesis, r.payoff_if_not) for sid, r in stake.iterrows()},
        "payoff_if_thesis": stake["payoff_if_thesis"].to_dict(),
        "payoff_if_not": stake["payoff_if_not"].to_dict(),
        "p_thesis": p_thesis,
        "expected_payoff": at_p["expected_at_p"].round(2).to_dict(),
        **wl.winners_finding(
            view,
            bool(weights),
            views,
            names,
            held,
            len(verdicts),
            labels,
            outside_sources(cited_rows(data, source_files)),
        ),
    }
)
show_headline(results, update=True)

# %% [markdown]
# ## Caveats
#
# - Scales, levels and payoffs are judgements, written down so they can be disputed: change `data/scales.csv`, `data/company_levels.csv` or `data/stakeholders.csv` (or pass `payoff_overrides`) and rerun.
# - The table has no dimension for research depth, product revenue or talent; a verdict resting on those cannot be tested here.
# - The model compares three companies only, as the article's table does.
# - Google's funding is its parent's capital spending (all of Alphabet's), which overstates what its video and world-model teams can use; Alphabet's market cap is never counted.
# - Shares of weightings are rounded to 5 points and totals to whole points: the scores are ordinal levels, and one level is worth 25-33 points.

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
