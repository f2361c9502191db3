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
import pandas as pd
from IPython.display import display

from prequel import ARTICLE_DATE
from prequel.analysis import funding
from prequel.analysis.funding_charts import audit_dots, capital_steps, stocks_and_flows
from prequel.declarations import check_parameters_then_load_data
from prequel.present.report import esc, money, publish_results, ratio, show_headline, show_md, show_table
from prequel.present.sources import show_sources
from prequel.present.style import apply_theme, company_colors
from prequel.sourcing import cited_rows, outside_sources

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
selected = params["companies"] or funding.funded_companies(data)
names = {cid: data.names()[cid] for cid in selected}
colors = company_colors(list(data.companies["company_id"]))  # one colour per company across the collection
print(f"as_of {as_of}; {len(selected)} companies: {', '.join(selected)}")

# %% tags=["nbval-ignore-output"]
show_headline()  # the answer, filled in from the results at the end

# %% [markdown]
# ## The data
#
# Five tidy files in `data/` (documented in `data/README.md`): companies, funding rounds, company metrics (valuations, market caps, revenue run-rates), model releases, and the article's own claims. Each row carries its source URL, an `as_of` date, a confidence flag (`reported`, `estimated`, `disputed`) and whether the source is primary or secondary. Most sources are secondary (news aggregators), so single-source figures deserve caution.

# %%
files = {
    "funding rounds": data.rounds,
    "company metrics": data.metrics,
    "model releases": data.releases,
    "article claims": data.claims,
}
provenance = (
    pd.concat([df.assign(file=label) for label, df in files.items()])
    .groupby(["file", "confidence", "source_tier"])
    .size()
    .unstack("source_tier", fill_value=0)
)
show_table(provenance, "Rows per file by confidence flag and source tier")

# %% [markdown]
# ## 1. The article's comparison table, rebuilt from data
#
# Every cell below is read from `data/article_claims.csv`, where each cell of the article's table is a row (cells with two figures are two rows). Wording is the article's, quoted cell by cell; attribution: *Runway Bets <span class="mathjax_ignore">&#36;</span>860M That AI Video Is Just a Prequel* (the article's source: TechCrunch's Equity podcast).

# %%
table_cells = data.claims[data.claims["location"] == "table"].drop_duplicates(["dimension", "company_id"])
article_table = (
    table_cells.assign(company=table_cells["company_id"].map(data.names()))
    .pivot(index="dimension", columns="company", values="cell_text")
    .reindex(
        index=table_cells["dimension"].unique(), columns=[data.names()[c] for c in table_cells["company_id"].unique()]
    )
)
show_table(article_table, "The article's comparison table (its wording, rebuilt from data/article_claims.csv)")
numeric = data.claims[data.claims["location"] == "table"]["value"].notna().sum()
audited = data.claims[data.claims["location"] == "table"]["metric"].notna().sum()
show_md(
    f"The table has **{article_table.shape[0]} rows** for **{article_table.shape[1]} companies**. "
    f"Its cells carry **{numeric} figures**, of which **{audited}** can be checked against sourced data "
    f"(money and video specifications); they are audited in section 5."
)

# %% [markdown]
# ## 2. Funding histories
#
# **Counting rule.** Capital raised is primary capital that reached the company: the sum of its rounds. Secondary share sales (employees selling to investors), talks that did not close as reported, and valuation-only reports are listed but never counted. A round announced and later closed at another size counts once: at the announced size until the close is reported, then at the close. Where sources conflict over one round, one report is chosen and the others are marked `conflicting_report`. A round without a USD amount adds nothing, so that company's total is a **lower bound** (shown as "≥") and is kept out of every ratio.
#
# **Announced and unconditional capital.** `total_raised_usd` is announced primary capital. Some tranches arrive only if a later condition is met (OpenAI's 2025 round: <span class="mathjax_ignore">&#36;</span>30B contingent on its restructuring, met when SoftBank completed it in December 2025; its 2026 round: Amazon's <span class="mathjax_ignore">&#36;</span>35B, due only if a trigger fires before 2029). `unconditional_raised_usd` leaves out every tranche whose condition no source reports met by `as_of` (columns `conditional_usd` and `condition_met_as_of` of `data/funding_rounds.csv`).
#
# **Precision.** A reported amount is taken as precise to its last non-zero digit ("<span class="mathjax_ignore">&#36;</span>50M" to the ten million); a sum is rounded to the coarsest place among its rounds, and a ratio keeps the fewest significant figures of its two inputs. Tables show the exact sums of the sourced figures so they can be recomputed; the prose and the findings use the rounded figures.

# %%
in_scope = data.rounds[data.rounds["company_id"].isin(selected)]
visible = funding.known_by(in_scope, as_of, include_estimates)
counted_ids = set(funding.counted_rounds(in_scope, as_of, include_estimates)["round_id"])
round_table = visible.assign(
    company=visible["company_id"].map(names),
    counted=visible["round_id"].isin(counted_ids),
    conditional_usd=pd.to_numeric(visible["conditional_usd"], errors="coerce"),
)
show_table(
    round_table.sort_values(["company", "as_of_date"])[
        [
            "company",
            "round",
            "as_of",
            "amount_usd",
            "post_money_usd",
            "treatment",
            "counted",
            "conditional_usd",
            "condition_met_as_of",
            "confidence",
            "source_tier",
        ]
    ],
    f"Funding rounds known by {as_of} (amounts in US$; conditional_usd: the part due only if a condition is met)",
    formats={"amount_usd": money, "post_money_usd": money, "conditional_usd": money},
)

# %% tags=["readme-figure"] readme_image="capital-raised.png" readme_caption="Capital raised over time (log scale), with the article's figures as stars"
history = funding.capital_history(in_scope, as_of, include_estimates)
article_raised = data.claims[(data.claims["metric"] == "total_raised_usd") & data.claims["company_id"].isin(selected)]
article_points = (
    article_raised.drop_duplicates(["company_id", "value"])
    .assign(date=pd.Timestamp(ARTICLE_DATE))[["company_id", "date", "value"]]
    .reset_index(drop=True)
    if show_article_values
    else None
)
fig = capital_steps(
    history,
    names,
    as_of,
    log_scale,
    article_points,
    source_note=f"Sources: {visible['source_url'].nunique()} sources listed in data/funding_rounds.csv (see the Sources table).",
    colors=colors,
)
display(fig)
plt.close(fig)

# %%
show_table(
    history.assign(company=history["company_id"].map(names), date=history["date"].dt.strftime("%Y-%m-%d"))[
        ["company", "date", "cumulative_raised_usd", "rounds_counted", "includes_estimates"]
    ],
    "The chart's data: cumulative capital raised after each counted round",
    formats={"cumulative_raised_usd": money},
)

# %%
capital = funding.capital_summary(in_scope, as_of, include_estimates)
capital_strict = funding.capital_summary(in_scope, as_of, include_estimates=False)
raised = capital["total_raised_usd"].dropna()
unconditional = capital["unconditional_raised_usd"].dropna()
facts = funding.capital_facts(capital, capital_strict)
at_least = {c: "≥ " if capital.loc[c, "lower_bound"] else "" for c in capital.index}
show_table(
    capital.assign(
        company=capital.index.map(names),
        announced_rounded=funding.rounded_totals(capital),
        unconditional_rounded=funding.rounded_totals(capital, "unconditional_raised_usd"),
    ).set_index("company"),
    f"Capital per company as of {as_of}: exact sums of the sourced rounds, and rounded to the precision they support",
    formats={
        c: money for c in ("total_raised_usd", "unconditional_raised_usd", "open_conditional_usd", "precision_usd")
    }
    | {"announced_rounded": money, "unconditional_rounded": money},
)

# %%
no_rounds = [c for c in selected if c not in capital.index]
lines = [
    f"As of {esc(as_of)}, the data hold counted rounds for **{len(capital)}** of the {len(selected)} selected companies."
]
if no_rounds:
    kinds = data.companies.set_index("company_id")["kind"]
    lines.append(
        "No rounds by then: "
        + ", ".join(
            esc(names[c])
            + (" (a public parent: its money is not raised in rounds)" if kinds[c] == "public_parent" else "")
            for c in no_rounds
        )
        + "."
    )
if facts["leader"]:
    leader = facts["leader"]
    text = (
        f"**{esc(names[leader])}** has raised the most: **{at_least[leader]}{money(facts['announced_usd'])}** announced"
    )
    if facts["unconditional_usd"] != facts["announced_usd"]:
        text += (
            f", **{money(facts['unconditional_usd'])}** without the {money(facts['open_conditional_usd'])} "
            "still conditional at this date"
        )
    if facts["includes_flagged"] and "announced_usd_reported_only" in facts:
        strict_pair = (facts["announced_usd_reported_only"], facts["unconditional_usd_reported_only"])
        text += (
            f" ({money(strict_pair[0])} and {money(strict_pair[1])} without estimated or disputed rounds)"
            if strict_pair != (facts["announced_usd"], facts["unconditional_usd"])
            else " (the same, to this precision, without estimated or disputed rounds)"
        )
    lines.append(text + ".")
if "times_reference" in facts:
    lines.append(
        f"That is about **{facts['times_reference']:g} times** Runway's **{money(facts['reference_usd'])}** "
        f"(about {facts['times_reference_unconditional']:g} times counting unconditional capital only)."
    )
if facts["lower_bounds"]:
    lines.append(
        "Lower bounds (a counted round has no USD amount; never used in a ratio): "
        + ", ".join(
            f"{esc(names[c])} ≥ {money(capital.loc[c, 'total_raised_usd'])}"
            if pd.notna(capital.loc[c, "total_raised_usd"])
            else esc(names[c])
            for c in facts["lower_bounds"]
        )
        + "."
    )
missing = visible[visible["treatment"].eq("primary") & visible["amount_usd"].isna()]
if len(missing):
    lines.append(
        "Rounds with no USD amount: "
        + ", ".join(f"{esc(names[r.company_id])} {esc(r.round)} ({esc(r.as_of)})" for r in missing.itertuples())
        + "."
    )
show_md(" ".join(lines))

# %% [markdown]
# ## 3. Stocks and flows, kept apart
#
# Capital raised is a **flow** summed over time; a post-money valuation and a market cap are **stocks** measured at one moment. The article's table puts Runway's capital and valuation beside Alphabet's market cap as if they measured the same thing. Below they sit in separate panels on one shared logarithmic axis and are never added. A post-money valuation is the latest one known by `as_of` from a primary round; a reported figure is preferred over a later estimated or disputed one.

# %%
post_money = funding.latest_post_money(in_scope, as_of, include_estimates)
caps = funding.market_caps(data, as_of, include_estimates)
stock_flow = pd.DataFrame(
    {"company_id_for_color": selected}, index=pd.Index([names[c] for c in selected], name="company")
)
stock_flow["capital_raised_usd"] = [raised.get(c) for c in selected]
stock_flow["capital_raised_usd_confidence"] = [
    ""
    if c not in raised
    else "estimated"
    if history[history["company_id"] == c]["includes_estimates"].tail(1).any()
    else "reported"
    for c in selected
]
stock_flow["capital_raised_is_lower_bound"] = [bool(capital["lower_bound"].get(c, False)) for c in selected]
stock_flow["unconditional_raised_usd"] = [unconditional.get(c) for c in selected]
for column, frame, value in (("post_money_usd", post_money, "post_money_usd"), ("market_cap_usd", caps, "value")):
    stock_flow[column] = [frame[value].get(c) for c in selected]
    stock_flow[f"{column}_confidence"] = [frame["confidence"].get(c, "") for c in selected]
    stock_flow[f"{column}_as_of"] = [frame["as_of"].get(c, "") for c in selected]
panel_of = {
    "total_raised_usd": "capital_raised_usd",
    "post_money_usd": "post_money_usd",
    "market_cap_usd": "market_cap_usd",
}
article_marks = None
if show_article_values:
    marks = data.claims[data.claims["metric"].isin(list(panel_of)) & data.claims["company_id"].isin(selected)]
    article_marks = marks.drop_duplicates(["metric", "company_id"]).assign(
        panel=lambda d: d["metric"].map(panel_of), company=lambda d: d["company_id"].map(names)
    )[["company", "panel", "value"]]
fig = stocks_and_flows(
    stock_flow,
    log_scale,
    article_marks,
    source_note="Sources: data/funding_rounds.csv and data/company_metrics.csv (see the Sources table).",
    colors=colors,
)
display(fig)
plt.close(fig)

# %%
show_table(
    stock_flow.drop(columns="company_id_for_color").astype(object).where(stock_flow.notna(), ""),
    "The chart's data (stocks and flows, never summed)",
    formats={
        "capital_raised_usd": money,
        "unconditional_raised_usd": money,
        "post_money_usd": money,
        "market_cap_usd": money,
    },
)

# %%
parts = []
for cid in [c for c in ("runway", "openai", "google") if c in selected]:
    row = stock_flow.loc[names[cid]]
    bits = [
        f"raised {'≥ ' if row.capital_raised_is_lower_bound else ''}{money(funding.rounded_totals(capital)[cid])}"
        if pd.notna(row.capital_raised_usd)
        else "no funding rounds",
        f"post-money {money(row.post_money_usd)} ({esc(row.post_money_usd_as_of)})"
        if pd.notna(row.post_money_usd)
        else None,
        f"market cap {money(row.market_cap_usd)} ({esc(row.market_cap_usd_as_of)})"
        if pd.notna(row.market_cap_usd)
        else None,
    ]
    parts.append(f"**{esc(names[cid])}**: " + ", ".join(b for b in bits if b))
show_md(
    "As of " + esc(as_of) + ": " + "; ".join(parts) + ". "
    if parts
    else "None of the article's three companies is selected."
)

# %% [markdown]
# ## 4. Derived measures
#
# - **Valuation per dollar raised** = *V*<sub>post</sub> / *K*, the latest post-money valuation over the capital raised by the same date: how many dollars of paper value each dollar of capital bought.
# - **Step-up** = *V*<sub>i</sub> / *V*<sub>i−1</sub>, each post-money valuation over the company's previous one, with the months between them.
# - **Relative capital** = *K*<sub>a</sub> / *K*<sub>b</sub> for every pair of startups (row over column).

# %%
derived = pd.DataFrame(
    {
        "post_money_usd": post_money["post_money_usd"],
        "post_money_as_of": post_money["as_of"],
        "post_money_confidence": post_money["confidence"],
    }
).dropna(subset=["post_money_usd"])
derived = derived[derived.index.isin(selected)]
by_then = {
    c: funding.capital_summary(in_scope[in_scope["company_id"] == c], d, include_estimates)
    for c, d in zip(derived.index, post_money.loc[derived.index, "as_of_date"], strict=True)
}
derived["raised_by_then_usd"] = [by_then[c]["total_raised_usd"].get(c) for c in derived.index]
derived["raised_by_then_rounded"] = [
    funding.rounded_totals(by_then[c]).get(c) if c in by_then[c].index else None for c in derived.index
]
derived["raised_is_lower_bound"] = [bool(by_then[c]["lower_bound"].get(c, False)) for c in derived.index]
derived["valuation_per_dollar"] = [
    funding.ratio_of_sums(v, k, v, k_rounded) if pd.notna(k) and not lb else float("nan")
    for v, k, k_rounded, lb in zip(
        derived["post_money_usd"],
        derived["raised_by_then_usd"],
        derived["raised_by_then_rounded"],
        derived["raised_is_lower_bound"],
        strict=True,
    )
]
derived["headline_eligible"] = (derived["post_money_confidence"] == "reported") & derived[
    "valuation_per_dollar"
].notna()
derived = derived.sort_values("valuation_per_dollar", ascending=False)
derived.index = derived.index.map(names)
show_table(
    derived,
    "Valuation per dollar raised (at the precision its inputs support; none for a lower bound)",
    formats={
        "post_money_usd": money,
        "raised_by_then_usd": money,
        "raised_by_then_rounded": money,
        "valuation_per_dollar": lambda v: f"{v:g}x",
    },
)
steps = funding.step_ups(funding.valuation_history(in_scope, as_of, include_estimates))
show_table(
    steps.assign(company=steps["company_id"].map(names))[
        [
            "company",
            "round",
            "as_of",
            "previous_usd",
            "post_money_usd",
            "step_up_supported",
            "months_since_previous",
            "previous_confidence",
            "confidence",
            "flagged",
        ]
    ],
    "Step-ups between consecutive post-money valuations (flagged: rests on an estimated or disputed valuation)",
    formats={"previous_usd": money, "post_money_usd": money, "step_up_supported": lambda v: f"{v:g}x"},
)

# %%
startups = [c for c in capital.index if data.companies.set_index("company_id").loc[c, "kind"] == "startup"]
ready = funding.ratio_ready(capital.loc[startups])
relative = (
    funding.supported_relative_capital(funding.rounded_totals(capital.loc[ready.index]))
    .rename(index=names, columns=names)
    .rename_axis(index="company")
)
show_table(
    relative,
    "Relative capital: row company's capital raised divided by the column company's "
    "(rounded totals; lower bounds left out)",
    formats={c: lambda v: f"{v:g}x" for c in relative.columns},
)
eligible = derived[derived["headline_eligible"]]
best_step, bigger_flagged = funding.headline_step_up(steps)
parts = []
if len(eligible):
    parts.append(
        f"**{esc(eligible.index[0])}** turned each dollar raised into the most paper value: "
        f"about **{eligible['valuation_per_dollar'].iloc[0]:g}x** at its latest reported valuation."
    )
    if "Runway" in eligible.index and eligible.index[0] != "Runway":
        parts.append(f"Runway stands at about **{eligible.loc['Runway', 'valuation_per_dollar']:g}x**.")
left_out = derived[~derived["headline_eligible"]]
if len(left_out):
    parts.append(
        "Left out of that comparison: "
        + ", ".join(
            f"{esc(c)} ({'capital is a lower bound' if r.raised_is_lower_bound else 'valuation ' + esc(r.post_money_confidence) if r.post_money_confidence != 'reported' else 'no capital known by then'})"
            for c, r in left_out.iterrows()
        )
        + "."
    )
if best_step is not None:
    parts.append(
        f"The largest step-up between reported valuations is about **{best_step['step_up_supported']:g}x** "
        f"({esc(names[best_step['company_id']])}, {esc(best_step['round'])})."
    )
if bigger_flagged is not None:
    parts.append(
        f"A larger one, about {bigger_flagged['step_up_supported']:g}x for {esc(names[bigger_flagged['company_id']])} "
        f"({esc(bigger_flagged['round'])}), rests on a valuation flagged {esc(bigger_flagged['previous_confidence'] if bigger_flagged['previous_confidence'] != 'reported' else bigger_flagged['confidence'])} "
        "and is not used as a headline."
    )
show_md(" ".join(parts) if parts else "No valuation is known for the selected companies by this date.")

# %% [markdown]
# ## 5. Audit of the article's figures
#
# For each figure in the article that has a sourced counterpart, the notebook takes the sourced figure **nearest the article's date (2026-04-29)**: capital raised, post-money valuation and best video specification are read as of that date; market caps are observations, so the nearest one in either direction is used (reported before estimated). The ratio is *r* = article / sourced.
#
# Verdicts: **corroborated** if 1/1.15 ≤ *r* ≤ 1.15; **outdated** if the figure matched an earlier sourced value (the date is given); **off by about N x** otherwise, the factor kept to the fewest significant figures of the two figures compared ("~<span class="mathjax_ignore">&#36;</span>200B" has one); **unsupported** when no sourced figure exists. Each verdict is also given without estimated or disputed figures; where the two differ, the verdict rests on a flagged figure and both are reported. A figure written "~<span class="mathjax_ignore">&#36;</span>13B+" is audited as about <span class="mathjax_ignore">&#36;</span>13B: the plus sign does not stretch to cover a much larger total.

# %%
audit = funding.audit_article(data, ARTICLE_DATE, as_of, include_estimates)
audit = audit[audit["company_id"].isin(selected)].reset_index(drop=True)
fig = audit_dots(
    audit,
    funding.AUDIT_TOLERANCE,
    source_note="Sources: data/article_claims.csv (the article) against data/funding_rounds.csv, "
    "data/company_metrics.csv and data/model_releases.csv.",
)
display(fig)
plt.close(fig)
show_table(
    audit[
        [
            "company",
            "claim",
            "metric",
            "article_value",
            "sourced_value",
            "sourced_date",
            "sourced_basis",
            "ratio",
            "verdict",
        ]
    ],
    "The chart's data: audit of the article's figures",
    formats={"ratio": ratio},
)

# %%
verdict_changes = audit[audit["verdict"] != audit["verdict_strict"]]
counts = audit["verdict_kind"].value_counts()
worst = audit.dropna(subset=["ratio"]).assign(f=lambda d: d["ratio"].map(lambda r: max(r, 1 / r))).sort_values("f")
lines = [f"Of **{len(audit)}** audited figures, " + ", ".join(f"**{n}** {esc(v)}" for v, n in counts.items()) + "."]
for row in worst.tail(2).itertuples():
    lines.append(
        f"{esc(row.company)}: the article says *{esc(row.claim)}*; the sources give "
        f"**{money(row.sourced_rounded) if row.metric.endswith('usd') else f'{row.sourced_value:g}'}** "
        f"({esc(row.sourced_basis)}, {esc(row.sourced_date)}): {esc(row.verdict)}."
    )
if len(verdict_changes):
    lines.append(
        "Some verdicts rest on estimated or disputed figures and change without them: "
        + "; ".join(
            f"{esc(r.company)} *{esc(r.claim)}*: {esc(r.verdict)}, but {esc(r.verdict_strict)} without them"
            for r in verdict_changes.itertuples()
        )
        + "."
    )
elif include_estimates:
    lines.append("Leaving out estimated and disputed figures changes no verdict.")
show_md(" ".join(lines))

# %% [markdown]
# ## 6. Sources
#
# Every source behind the figures used above, grouped by tier (primary: the company or original reporting; secondary: aggregators and summaries), with the confidence flags of the rows that cite it.

# %%
source_files = ["funding_rounds", "company_metrics", "model_releases", "article_claims"]
show_sources(data, source_files, as_of)

# %% [markdown]
# ## Results
#
# The key results, published for the runner's `summary.json` and compared by the regression tests.

# %%
sources_used = outside_sources(cited_rows(data, source_files, as_of))
answer = funding.funding_finding(audit, verdict_changes, facts, names, capital, sources_used)
results = publish_results(
    {
        "total_raised_usd": {c: raised[c] for c in selected if c in raised},
        "unconditional_raised_usd": {c: unconditional[c] for c in selected if c in unconditional},
        "capital_lower_bound": sorted(facts["lower_bounds"]),
        "capital_headline": {
            k: facts[k]
            for k in (
                "leader",
                "announced_usd",
                "unconditional_usd",
                "announced_usd_reported_only",
                "unconditional_usd_reported_only",
                "times_reference",
                "times_reference_unconditional",
            )
            if k in facts
        },
        "largest_step_up": None
        if best_step is None
        else {
            "company": best_step["company_id"],
            "round": best_step["round"],
            "step_up": best_step["step_up_supported"],
        },
        "latest_post_money_usd": {c: post_money.loc[c, "post_money_usd"] for c in selected if c in post_money.index},
        "market_cap_usd": {c: caps.loc[c, "value"] for c in selected if c in caps.index},
        "article_audit": [
            {
                "claim": r.claim_id,
                "article_value": r.article_value,
                "sourced_value": r.sourced_value,
                "ratio": r.ratio,
                "verdict": r.verdict,
                "verdict_strict": r.verdict_strict,
            }
            for r in audit.itertuples()
        ],
        **answer,
    }
)
show_headline(results, update=True)

# %% [markdown]
# ## Caveats
#
# - Runway's seed round, the exact dates of its Series A and B, World Labs' 2026 valuation and Odyssey's 2026 round in US dollars were not found in the sources: they are left empty, not guessed.
# - Conditional tranches count in `total_raised_usd` (announced capital) and leave `unconditional_raised_usd` until a source reports the condition met. Amazon's <span class="mathjax_ignore">&#36;</span>35B may already be due (OpenAI announced a confidential IPO filing in June 2026, which reports call a trigger), but no stored source reports it paid, so it stays conditional.
# - OpenAI's 2021 Microsoft investment is carried at <span class="mathjax_ignore">&#36;</span>2B, a figure no second source confirms (flagged `disputed`); every headline is also given without it.
# - Capital raised is money that reached the company, not money it still has: what it has spent is not subtracted.
# - Alphabet's market cap is the parent's; it is not money available to Google's video teams.

# %%
# %load_ext watermark
# %watermark -v -p prequel,pandas,numpy,matplotlib,seaborn,pandera,papermill
