"""The funding comparison in words: each section's sentences, the answer, and the captions and cell formats
of its tables. Numbers that restate a declared result are formatted by its declaration (``say``), so a
result reads the same in a sentence, in the key numbers and in the published results."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..present.report import esc, money, sourcing
from ..results import MISSING, Answer, format_value, multiple, range_text
from .funding import RESULTS


def say(key: str, value: Any) -> str:
    """``value`` as the declared result ``key`` ('capital_headline.announced_usd') reads."""
    top, _, field = key.partition(".")
    declared = RESULTS[top]
    return format_value(declared.field(field) if field else declared, value)


def times(value: float) -> str:
    """An unrounded multiple (``funding.exact_multiple``) at two significant figures: '8.8x', '0.70x', '15x'."""
    return MISSING if pd.isna(value) else multiple(float(value), 2)


_MONEY_COLUMNS = (
    "amount_usd", "post_money_usd", "conditional_usd", "cumulative_raised_usd", "total_raised_usd",
    "unconditional_raised_usd", "open_conditional_usd", "precision_usd", "announced_rounded", "unconditional_rounded",
    "capital_raised_usd", "market_cap_usd", "raised_by_then_usd", "raised_by_then_rounded", "previous_usd",
    "raised_by_valuation_usd", "raised_after_valuation_usd",
)  # fmt: skip


def formats(frame: pd.DataFrame) -> dict:
    """Cell formats of the notebook's tables: dollars in short form, multiples at the figures they support."""
    out: dict = {c: money for c in frame.columns if c in _MONEY_COLUMNS}
    out |= {c: times for c in frame.columns if c in ("valuation_per_dollar", "step_up_supported")}
    out |= {"ratio": times} if "ratio" in frame.columns else {}  # the verdict's factor reads the same (2 figures)
    if frame.index.name == "company" and list(frame.columns) == list(frame.index):  # relative capital
        out |= {c: times for c in frame.columns}
    return out


def captions(as_of: str) -> dict[str, str]:
    """The captions that name the analysis date (the charts' source notes: ``present.sources.chart_note``)."""
    return {
        "rounds": f"Funding rounds known by {as_of} (amounts in US$; Conditional: the part due only if a "
        "condition is met)",
        "capital": f"Capital per company as of {as_of}: exact sums of the sourced rounds, and rounded to the "
        "precision they support",
        "relative": "Relative capital: row company's capital raised divided by the column company's (exact totals "
        "divided, each ratio rounded once to two significant figures; lower bounds left out)",
    }


def scope_line(as_of: str, selected: list[str]) -> str:
    return f"as_of {as_of}; {len(selected)} companies: {', '.join(selected)}"


def article_table_note(article_table: pd.DataFrame, figures: int, audited: int) -> str:
    return (
        f"The table has **{article_table.shape[0]} rows** for **{article_table.shape[1]} companies**. "
        f"Its cells carry **{figures} figures**, of which **{audited}** can be checked against sourced data "
        "(money and video specifications); they are audited in section 5."
    )


def capital_note(
    as_of: str,
    selected: list[str],
    names: dict[str, str],
    capital: pd.DataFrame,
    facts: dict,
    public_parents: set[str],
    without_usd: pd.DataFrame,
) -> str:
    """Section 2: who has raised the most, announced and unconditional, against Runway; lower bounds."""
    head = "capital_headline."
    lines = [
        f"As of {esc(as_of)}, the data hold counted rounds for **{len(capital)}** of the {len(selected)} "
        "selected companies."
    ]
    no_rounds = [c for c in selected if c not in capital.index]
    if no_rounds:
        parent = " (a public parent: its money is not raised in rounds)"
        listed = ", ".join(esc(names[c]) + (parent if c in public_parents else "") for c in no_rounds)
        lines.append(f"No rounds by then: {listed}.")
    if facts["leader"]:
        leader = facts["leader"]
        at_least = "≥ " if facts["leader_lower_bound"] else ""
        announced = say(head + "announced_usd", facts["announced_usd"])
        text = f"**{esc(names[leader])}** has raised the most: **{at_least}{announced}** announced"
        if facts["unconditional_usd"] != facts["announced_usd"]:
            text += (
                f", **{say(head + 'unconditional_usd', facts['unconditional_usd'])}** without the "
                f"{say('total_raised_usd', facts['open_conditional_usd'])} still conditional at this date"
            )
        if facts["includes_flagged"] and "announced_usd_reported_only" in facts:
            strict = (facts["announced_usd_reported_only"], facts["unconditional_usd_reported_only"])
            text += (
                f" ({say(head + 'announced_usd_reported_only', strict[0])} and "
                f"{say(head + 'unconditional_usd_reported_only', strict[1])} without estimated or disputed rounds)"
                if strict != (facts["announced_usd"], facts["unconditional_usd"])
                else " (the same, to this precision, without estimated or disputed rounds)"
            )
        lines.append(text + ".")
    if "times_reference" in facts:
        lines.append(
            f"That is about **{say(head + 'times_reference', facts['times_reference'])}** Runway's "
            f"**{say(head + 'reference_usd', facts['reference_usd'])}** (about "
            f"{say(head + 'times_reference_unconditional', facts['times_reference_unconditional'])} "
            "counting unconditional capital only)."
        )
    if facts["lower_bounds"]:
        bounds = [
            f"{esc(names[c])} ≥ {say('total_raised_usd', capital.loc[c, 'total_raised_usd'])}"
            if pd.notna(capital.loc[c, "total_raised_usd"])
            else esc(names[c])
            for c in facts["lower_bounds"]
        ]
        lines.append(f"Lower bounds (a counted round has no USD amount; never used in a ratio): {', '.join(bounds)}.")
    if len(without_usd):
        rounds = [f"{esc(names[r.company_id])} {esc(r.round)} ({esc(r.as_of)})" for r in without_usd.itertuples()]
        lines.append(f"Rounds with no USD amount: {', '.join(rounds)}.")
    return " ".join(lines)


def stocks_note(as_of: str, stock_flow: pd.DataFrame, rounded: pd.Series, names: dict[str, str]) -> str:
    """Section 3: the article's three companies, flows and stocks side by side (never summed)."""
    parts = []
    for cid in [c for c in ("runway", "openai", "google") if c in names]:
        row = stock_flow.loc[names[cid]]
        bound = "≥ " if row.capital_raised_is_lower_bound else ""
        bits = [
            f"raised {bound}{say('total_raised_usd', rounded[cid])}"
            if pd.notna(row.capital_raised_usd)
            else "no funding rounds",
            f"post-money {say('latest_post_money_usd', row.post_money_usd)} ({esc(row.post_money_usd_as_of)}"
            + (
                f", before {say('total_raised_usd', row.raised_after_valuation_usd)} more was raised"
                if pd.notna(row.raised_after_valuation_usd)
                else ""
            )
            + ")"
            if pd.notna(row.post_money_usd)
            else None,
            f"market cap {say('market_cap_usd', row.market_cap_usd)} ({esc(row.market_cap_usd_as_of)})"
            if pd.notna(row.market_cap_usd)
            else None,
        ]
        parts.append(f"**{esc(names[cid])}**: " + ", ".join(b for b in bits if b))
    if not parts:
        return "None of the article's three companies is selected."
    return f"As of {esc(as_of)}: {'; '.join(parts)}. "


def _left_out_reason(row: Any) -> str:
    if row.raised_is_lower_bound:
        return "capital is a lower bound"
    if row.post_money_confidence != "reported":
        return f"valuation {esc(row.post_money_confidence)}"
    return "no capital known by then"


def derived_note(
    per_dollar: pd.DataFrame, best_step: pd.Series | None, bigger_flagged: pd.Series | None, names: dict[str, str]
) -> str:
    """Section 4: the most paper value per dollar raised (reported valuations only) and the largest step-up."""
    eligible = per_dollar[per_dollar["headline_eligible"]]
    parts = []
    if len(eligible):
        parts.append(
            f"**{esc(eligible.index[0])}** turned each dollar raised into the most paper value: "
            f"about **{times(eligible['valuation_per_dollar'].iloc[0])}** at its latest reported valuation."
        )
        if "Runway" in eligible.index and eligible.index[0] != "Runway":
            parts.append(f"Runway stands at about **{times(eligible.loc['Runway', 'valuation_per_dollar'])}**.")
    left_out = per_dollar[~per_dollar["headline_eligible"]]
    if len(left_out):
        reasons = [f"{esc(c)} ({_left_out_reason(r)})" for c, r in left_out.iterrows()]
        parts.append(f"Left out of that comparison: {', '.join(reasons)}.")
    if best_step is not None:
        parts.append(
            "The largest step-up between reported valuations is about "
            f"**{say('largest_step_up.step_up', best_step['step_up_supported'])}** "
            f"({esc(names[best_step['company_id']])}, {esc(best_step['round'])})."
        )
    if bigger_flagged is not None:
        flag = bigger_flagged["previous_confidence"]
        flag = flag if flag != "reported" else bigger_flagged["confidence"]
        parts.append(
            f"A larger one, about {times(bigger_flagged['step_up_supported'])} for "
            f"{esc(names[bigger_flagged['company_id']])} ({esc(bigger_flagged['round'])}), rests on a valuation "
            f"flagged {esc(flag)} and is not used as a headline."
        )
    return " ".join(parts) if parts else "No valuation is known for the selected companies by this date."


def worst_figures(audit: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` audited figures furthest from their sources (either way; the first of a tie), the worst last."""
    known = audit.dropna(subset=["ratio"])
    factor = known["ratio"].map(lambda r: max(r, 1 / r))
    return known.assign(_f=factor).sort_values("_f", ascending=False, kind="stable").head(n).iloc[::-1]


def worst_factor(audit: pd.DataFrame) -> str | None:
    """The worst audited figure's factor in a few words ('20x too low'), or None when no figure is off by one."""
    worst = worst_figures(audit, 1)
    verdict = str(worst.iloc[-1]["verdict"]) if len(worst) else ""
    found = re.match(r"off by about (\S+x(?: to \S+x)?) \(too (\w+)(?:; ([^)]*))?\)", verdict)
    if not found:
        return None
    return f"{found.group(1)} too {found.group(2)}" + (f" ({found.group(3)})" if found.group(3) else "")


MISMATCHES = ("outdated", "off by a factor")


def _article_figure(row) -> str:
    """An audited figure as the article gives it: '$860M' for money, '1,080' otherwise."""
    key = "total_raised_usd" if str(row.metric).endswith("usd") else "article_audit.article_value"
    return say(key, row.article_value)


def matches_said(audit: pd.DataFrame, corroborated: int) -> str:
    """The matches that do not corroborate (``consistent``), true for each from the audit rows' pages
    (``sourced_pages``, ``aggregator_pages``): '3 more match, but each only on a single aggregator page' when each
    rests on one page, '... but only on aggregator pages' when every page is an aggregator's, otherwise '... but
    lean on aggregator pages' (each rests in part on an aggregator-only figure; ``matches_detail`` says on how
    many pages). Empty without such a match."""
    consistent = audit[audit["verdict_kind"] == "consistent"]
    if consistent.empty:
        return ""
    n = len(consistent)
    subject = f"{n} more" if corroborated else str(n)
    verb = "match" if n > 1 else "matches"
    if (consistent["sourced_pages"] == 1).all():
        where = f"{'each ' if n > 1 else ''}only on a single aggregator page"
    elif (consistent["aggregator_pages"] == consistent["sourced_pages"]).all():
        where = "only on aggregator pages"
    else:
        where = f"{'lean' if n > 1 else 'leans'} on aggregator pages"  # some figure under each is aggregator-only
    return f"{subject} {verb}, but {where}"


def audit_count(audit: pd.DataFrame) -> tuple[str, str]:
    """The audit's count as the answer and the audit chart both say it: how many audited figures are
    corroborated, then the matches that are not (``matches_said``; empty without one)."""
    corroborated = int((audit["verdict"] == "corroborated").sum())
    are = "is" if corroborated == 1 else "are"
    said = f"{corroborated} of the article's {len(audit)} audited figures {are} corroborated"
    return said, matches_said(audit, corroborated)


def matches_detail(audit: pd.DataFrame) -> str:
    """What each match resting on several pages rests on: 'of the 4 matches, 3 rest on a single aggregator page
    each and Runway's $860M on 4 pages, 3 of them aggregator-only'; empty when every match rests on one page."""
    consistent = audit[audit["verdict_kind"] == "consistent"]
    several = consistent[consistent["sourced_pages"] > 1]
    if several.empty:
        return ""
    single = len(consistent) - len(several)
    parts = [f"{single} rest{'' if single > 1 else 's'} on a single aggregator page{' each' if single > 1 else ''}"]
    parts = parts if single else []
    parts += [
        f"{r.company}'s {_article_figure(r)} on {r.sourced_pages} pages, {r.aggregator_pages} of them aggregator-only"
        for r in several.itertuples()
    ]
    return f"of the {len(consistent)} matches, {' and '.join(parts)}"


def mismatches_said(audit: pd.DataFrame) -> str:
    """How many mismatch verdicts (outdated, off by a factor) are unconfirmed: no row that is not aggregator-only
    supports them (``funding.verdict``); empty when none."""
    mismatched = audit[audit["verdict_kind"].isin(MISMATCHES)]
    weak = mismatched[mismatched["unconfirmed"].astype(bool)]
    if weak.empty:
        return ""
    which = f"{len(weak)} of the {len(mismatched)} mismatches {'rests' if len(weak) == 1 else 'rest'}"
    if len(weak) == len(mismatched):
        which = "the mismatch rests" if len(weak) == 1 else f"all {len(weak)} mismatches rest"
    leads = "it is a lead" if len(weak) == 1 else "they are leads"
    return f"{which} on aggregator-only pages alone, so {leads} to check"


def audit_note(audit: pd.DataFrame, verdicts: dict[str, int], include_estimates: bool) -> str:
    """Section 5: the verdicts counted, the two worst figures, and the verdicts that rest on flagged figures."""
    if audit.empty:
        return "No audited figure is selected."
    ranked = sorted(((n, k) for k, n in verdicts.items() if n), key=lambda t: -t[0])
    counted = ", ".join(f"**{say('audit_verdicts', n)}** {esc(k.replace('_', ' '))}" for n, k in ranked)
    lines = [f"Of **{len(audit)}** audited figures, {counted}."]
    for note in (mismatches_said(audit), matches_detail(audit)):
        if note:
            lines.append(esc(note[:1].upper() + note[1:]) + ".")
    for row in worst_figures(audit, 2).itertuples():
        sourced = (
            say("total_raised_usd", row.sourced_rounded)
            if row.metric.endswith("usd")
            else say("article_audit.sourced_value", row.sourced_value)
        )
        lines.append(
            f"{esc(row.company)}: the article says *{esc(row.claim)}*; the sources give **{sourced}** "
            f"({esc(row.sourced_basis)}, {esc(row.sourced_date)}): {esc(row.verdict)}."
        )
    changes = audit[audit["verdict"] != audit["verdict_strict"]]
    if len(changes):
        each = [
            f"{esc(r.company)} *{esc(r.claim)}*: {esc(r.verdict)}, but {esc(r.verdict_strict)} without them"
            for r in changes.itertuples()
        ]
        lines.append(f"Some verdicts rest on estimated or disputed figures and change without them: {'; '.join(each)}.")
    elif include_estimates:
        lines.append("Leaving out estimated and disputed figures changes no verdict.")
    return " ".join(lines)


def funding_finding(
    audit: pd.DataFrame, facts: dict, names: dict, capital: pd.DataFrame, sources: pd.DataFrame | None = None
) -> Answer:
    """The notebook's answer: one sentence with Runway's capital against the leader's (unconditional to
    announced, as a range of multiples) and the audit's count, then the caveats as details.

    A verdict that changes without estimated or disputed rows is reported with both readings (the audit's
    ``verdict_strict``); the capital pair is compared with the pair without estimated or disputed rounds.
    ``sources``: the sources table the notebook shows, for the sourcing badge. Key numbers name the published
    results they show (``analyse`` publishes ``capital_headline``, ``audit_verdicts`` and ``article_audit``)."""
    head, details, numbers, flips = [], [], [], []
    changes = audit.iloc[0:0]
    corroborated = strict_corroborated = 0
    if len(audit):
        changes = audit[audit["verdict"] != audit["verdict_strict"]]
        corroborated = int((audit["verdict"] == "corroborated").sum())
        strict_corroborated = int((audit["verdict_strict"] == "corroborated").sum())
    leader = facts.get("leader")
    h = "capital_headline."
    if leader:
        bound = "at least " if facts.get("leader_lower_bound") else ""
        announced = say(h + "announced_usd", facts["announced_usd"])
        has_conditional = facts["unconditional_usd"] != facts["announced_usd"]
        flagged = ""
        if facts.get("includes_flagged") and facts.get("announced_usd_reported_only") is None:
            flagged = "resting on estimated or disputed rounds only"
        if "times_reference" in facts:
            high, low = facts["times_reference"], facts["times_reference_unconditional"]
            ranged = has_conditional and low != high
            multiple = (
                range_text(RESULTS["capital_headline"].field("times_reference"), low, high)
                if ranged
                else say(h + "times_reference", high)
            )
            reference = names[facts["reference"]]
            rounded = say(h + "reference_usd", facts["reference_usd"])  # one rounding on the page: the tables'
            # exact sum stays in the tables, never beside it in a sentence
            text = (
                f"{reference} has raised about {rounded}; {names[leader]} {bound}about {announced}, {multiple} as much"
            )
            notes = ["the low end counts unconditional capital only"] if ranged else []
            text += f" ({', '.join(notes + [flagged] if flagged else notes)})" if notes or flagged else ""
            numbers += [
                (f"{reference}: capital raised", h + "reference_usd"),
                (f"{names[leader]}: capital raised (announced)", h + "announced_usd"),
                (f"{names[leader]} against {reference}", h + "times_reference", h + "times_reference_unconditional")
                if ranged
                else (f"{names[leader]} against {reference}", h + "times_reference"),
            ]
            if ranged:
                flips.append(
                    "counting only unconditional capital cuts the multiple to about "
                    + say(h + "times_reference_unconditional", low)
                )
        else:
            text = f"{names[leader]} has raised {bound}about {announced} announced"
            text += f", {flagged}" if flagged else ""
            numbers.append((f"{names[leader]}: capital raised (announced)", h + "announced_usd"))
        head.append(text)
        if has_conditional:
            unconditional = say(h + "unconditional_usd", facts["unconditional_usd"])
            details.append(
                f"Of {names[leader]}'s {announced} announced, about {unconditional} is unconditional; "
                "the rest is in tranches still conditional"
            )
        if facts.get("includes_flagged"):
            strict = facts.get("announced_usd_reported_only")
            strict_unconditional = facts.get("unconditional_usd_reported_only")
            if strict is None:
                details.append(f"{names[leader]}'s total rests on estimated or disputed rounds only")
            elif (strict, strict_unconditional) == (facts["announced_usd"], facts["unconditional_usd"]):
                details.append("Without estimated or disputed rounds the totals are the same to this precision")
            else:
                details.append(
                    f"Without estimated or disputed rounds: about {say(h + 'announced_usd_reported_only', strict)} "
                    f"announced and about {say(h + 'unconditional_usd_reported_only', strict_unconditional)} "
                    "unconditional"
                )
    elif capital.empty:
        head.append("No funding rounds are known for the selected companies by this date")
    if len(audit):
        head.append("; ".join(x for x in audit_count(audit) if x))
        numbers.append(("Article figures corroborated", "audit_verdicts.corroborated", "audited_figures"))
        worst = worst_figures(audit, 1)
        if len(worst):
            row = worst.iloc[-1]
            notes = [x for x in (mismatches_said(audit), matches_detail(audit)) if x]
            details.append(  # one sentence each: the worst figure, then what the verdicts rest on
                f"The article's worst figure is {row['company']}'s '{row['claim']}', {row['verdict']}"
                + "".join(f". {x[:1].upper()}{x[1:]}" for x in notes)
            )
            if worst_factor(audit):
                numbers.append((f"Worst article figure: {row['company']}", "worst_figure"))
        shown = list(changes.head(2).itertuples())
        for r in shown:
            details.append(
                f"{r.company}'s '{r.claim}' is {r.verdict} only when estimated or disputed figures count; "
                f"without them it is {r.verdict_strict}"
            )
        if len(changes) > len(shown):
            details.append(f"{len(changes) - len(shown)} more verdicts change without estimated or disputed figures")
        # a flip line states a change that moves the headline (the count corroborated), never one that does not
        if strict_corroborated != corroborated:
            flips.append(
                f"leaving out estimated or disputed figures leaves {strict_corroborated} of the {len(audit)} audited "
                f"figures corroborated, not {corroborated}"
            )
        elif not flips:
            n = len(changes)
            others = f" (it changes {n} other verdict{'' if n == 1 else 's'})" if n else ""
            flips.append(
                "no change within the evidence flips it: leaving out estimated or disputed figures keeps "
                f"{corroborated} of the {len(audit)} audited figures corroborated{others}"
            )
    if facts.get("lower_bounds"):
        details.append(
            "Lower bounds (a round without a US dollar amount): " + ", ".join(names[c] for c in facts["lower_bounds"])
        )
    sourced = sourcing(
        sources if sources is not None else pd.DataFrame(columns=["source_url", "tier"]),
        len(audit) if len(audit) else None,
        corroborated if len(audit) else None,
    )
    return Answer("; ".join(head), details[:5], numbers, "; ".join(flips), sourced)
