"""One dictionary of column ids (and result keys) to the labels and units a reader sees.

A column missing here is still shown in words (``months_since_previous`` -> "Months since previous"),
never as a code identifier; add it here when the generic words are not good enough."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..results import Result

if TYPE_CHECKING:
    import pandas as pd

# id -> (label, kind). kind decides the format: money ($1.2B), ratio (14.8x), pct (23%), int, num, date, text, url.
LABELS: dict[str, tuple[str, str]] = {
    # funding
    "company": ("Company", "text"),
    "company_id": ("Company", "text"),
    # 05's releases and standing
    "release": ("Release", "text"),
    "entries": ("Leaderboard entries", "text"),
    "on_leaderboard": ("On a leaderboard", "text"),
    "best_single_image_score": ("Best Physics-IQ score, from one image, one output per prompt", "text"),
    "entries_all_settings": ("Leaderboard entries (every setting)", "int"),
    "latest_entry_added": ("Latest entry added", "date"),
    "releases_without_entry": ("Releases without an entry", "int"),
    "round": ("Round", "text"),
    "as_of": ("Date", "date"),
    "date": ("Date", "date"),
    "amount_usd": ("Amount (US$)", "money"),
    "post_money_usd": ("Post-money valuation (US$)", "money"),
    "post_money_as_of": ("Valuation date", "date"),
    "post_money_usd_as_of": ("Valuation date", "date"),
    "post_money_usd_confidence": ("Valuation confidence", "text"),
    "previous_usd": ("Previous valuation (US$)", "money"),
    "raised_by_then_usd": ("Raised by then (US$)", "money"),
    "capital_raised_usd": ("Capital raised (US$)", "money"),
    "capital_raised_usd_confidence": ("Capital confidence", "text"),
    "cumulative_raised_usd": ("Capital raised to date (US$)", "money"),
    "total_raised_usd": ("Capital raised (US$)", "money"),
    "latest_post_money_usd": ("Latest post-money valuation (US$)", "money"),
    "market_cap_usd": ("Market cap (US$)", "money"),
    "market_cap_usd_as_of": ("Market cap date", "date"),
    "market_cap_usd_confidence": ("Market cap confidence", "text"),
    "arr_usd_at_start": ("Revenue run-rate at start (US$)", "money"),
    "valuation_per_dollar": ("Valuation per dollar raised", "ratio"),
    "implied_revenue_multiple": ("Valuation over revenue run-rate", "ratio"),
    "step_up": ("Step-up", "ratio"),
    "ratio": ("Article / sources", "ratio"),
    "months_since_previous": ("Months since previous", "num"),
    "rounds_counted": ("Rounds counted", "int"),
    "includes_estimates": ("Includes estimates", "bool"),
    "treatment": ("Treatment", "text"),
    "counted": ("Counted", "bool"),
    "confidence": ("Confidence", "text"),
    "source_tier": ("Source tier", "text"),
    "tier": ("Source tier", "text"),
    "source_url": ("Source", "url"),
    "source": ("Source", "url"),
    "files": ("Cited in", "text"),
    "file": ("File", "text"),
    "rows": ("Rows", "int"),
    "figures": ("Figures", "int"),
    "single_source": ("Sole source of", "int"),
    "single_source_tier": ("Rests on one source of tier", "text"),
    "contested": ("Includes an estimated or disputed figure", "text"),
    "claim": ("The article says", "text"),
    "metric": ("Measure", "text"),
    "article_value": ("Article's figure", "num"),
    "sourced_value": ("Sourced figure", "num"),
    "sourced_date": ("Sourced date", "date"),
    "sourced_basis": ("Basis", "text"),
    "verdict": ("Verdict", "text"),
    "dimension": ("Dimension", "text"),
    # winners and losers
    "dimension_label": ("Dimension", "text"),
    "level": ("Level", "text"),
    "score": ("Score", "num"),
    "definition": ("Definition", "text"),
    "article_level": ("Level (article)", "text"),
    "sourced_level": ("Level (sources)", "text"),
    "sourced_evidence": ("Sourced evidence", "text"),
    "article_words": ("Article's words", "text"),
    "weighted_total": ("Weighted total", "num"),
    "total_score": ("Weighted total", "num"),
    "outcome": ("Outcome", "text"),
    "evidence": ("Evidence", "text"),
    "flip_weight": ("Weight that flips the order", "num"),
    "fragile": ("Fragile", "bool"),
    "leader": ("Leader", "text"),
    "follower": ("Follower", "text"),
    "distance": ("Distance", "num"),
    "input": ("Input", "text"),
    # 05's leaderboard
    "input_type": ("Input", "text"),
    "score_pct": ("Score (%)", "num"),
    "score_sd": ("Standard deviation (points)", "num"),
    "best_of_n": ("Best of several outputs", "bool"),
    "low": ("Low", "num"),
    "high": ("High", "num"),
    "swing": ("Swing", "num"),
    "rank_first_share": ("Ranked first in", "pct"),
    "name": ("Name", "text"),
    "stakeholder_id": ("Stakeholder", "text"),
    "payoff_if_thesis": ("Payoff if the thesis holds", "num"),
    "payoff_if_not": ("Payoff if not", "num"),
    "break_even_p": ("Break-even probability", "pct"),
    "expected_at_p": ("Expected payoff", "num"),
    "expected_payoff": ("Expected payoff", "num"),
    "p_thesis": ("Probability of the thesis", "pct"),
    "judgement": ("Judgement", "text"),
    "item": ("Item", "text"),
    "kind": ("Kind", "text"),
    "view": ("Scores", "text"),
    # predictions
    "prediction_id": ("Prediction", "text"),
    "event_id": ("Event", "text"),
    "event": ("Event", "text"),
    "event_date": ("Event date", "date"),
    "made_on": ("Made on", "date"),
    "deadline": ("Deadline", "date"),
    "lenient": ("Lenient reading", "text"),
    "strict": ("Strict reading", "text"),
    "lenient_criteria": ("Lenient criteria", "text"),
    "strict_criteria": ("Strict criteria", "text"),
    "reading": ("Reading", "text"),
    "status": ("Status", "text"),
    "deciding_date": ("Decided on", "date"),
    "deciding": ("Deciding event", "text"),
    "censored": ("Censored", "bool"),
    "probability": ("Probability", "pct"),
    "article_p": ("Article's implied probability", "pct"),
    "article_implied_p": ("Article's implied probability", "pct"),
    "model_p": ("Model probability", "pct"),
    "model_p_now": ("Model probability now", "pct"),
    "model_p_when_made": ("Model probability when made", "pct"),
    "article_brier": ("Brier score (article)", "num"),
    "model_brier": ("Brier score (model)", "num"),
    "article_log": ("Log score (article)", "num"),
    "model_log": ("Log score (model)", "num"),
    "brier": ("Brier score", "num"),
    "outcome_yes": ("Came true", "bool"),
    "predicted_date": ("Predicted date", "date"),
    "wording": ("Wording", "text"),
    "distribution": ("Distribution", "text"),
    "basis": ("Basis", "text"),
    "month": ("Month", "int"),
    "weight_now": ("Weight now", "num"),
    "strictness": ("Reading", "text"),
    # operations
    "assumption": ("Assumption", "text"),
    "value": ("Value", "num"),
    "p_low": ("Chance of a correction, low setting", "pct"),
    "p_high": ("Chance of a correction, high setting", "pct"),
    "p_demo_by_month": ("Chance of a demo by this month", "pct"),
    "p_event_by_date": ("Chance of the event by this date", "pct"),
    "p_miss_window": ("Chance of missing the demo window", "pct"),
    "p_cash_out_before_demo": ("Chance cash runs out before a demo", "pct"),
    "p_down_round": ("Chance of a down round", "pct"),
    "p_default_alive": ("Chance of being default alive", "pct"),
    "runway_months_median": ("Median months of cash at a constant net burn", "num"),
    "arr_usd": ("Revenue run-rate (US$)", "money"),
    "cost_growth_annual": ("Cost growth a year", "pct"),
    "correction_if_miss": ("Haircut if the window is missed", "pct"),
    "peer_revenue_multiple": ("Peer revenue multiple", "ratio"),
    "raise_lead_months": ("Months of cash left at a raise", "num"),
    # parameters (rerun block and scenario inputs)
    "window_months": ("Demo window (months)", "text"),
    "demo_median_months": ("Median months to a demo", "num"),
    "weibull_k": ("Weibull shape", "num"),
    "monthly_burn_usd": ("Net burn per month (US$)", "money"),
    "cash_usd": ("Cash (US$)", "money"),
    "arr_growth_annual": ("Revenue growth a year", "pct"),
    "revenue_growth": ("Run-rate growth a year, low to high", "pct"),
    "hurdle_irr": ("Investor's target return a year", "pct"),
    "years_to_exit": ("Years to an exit", "num"),
    "author_implied_p": ("The article's implied confidence", "pct"),
    "threshold_pct": ("Score that would count as understanding (%)", "num"),
    "n_draws": ("Draws", "int"),
    "n_weight_draws": ("Random weightings drawn", "int"),
    "interval_sets": ("Assumption sets for the intervals", "int"),
    "n_boot": ("Resampled draws", "int"),
    "include_estimates": ("Include estimated figures", "bool"),
    "log_scale": ("Logarithmic money axes", "bool"),
    "show_article_values": ("Mark the article's figures", "bool"),
    "companies": ("Companies", "text"),
    "data_dir": ("Data folder", "text"),
    "n_sims": ("Simulations", "int"),
    "seed": ("Random seed", "text"),  # a name for a stream of draws, not a quantity: no thousands separators
    "weights": ("Dimension weights", "text"),
    "min_confidence": ("Minimum confidence", "text"),
    "q_qualify": ("Share of answering releases that qualify", "pct"),
    # the demo-timing model's fit and inputs (notebook 03): words, never the formulas' letters
    "k": ("Shape (1: the same chance every month)", "num"),
    "eta": ("Scale (months)", "num"),
    "q": ("Share of releases that qualify", "pct"),
    "q_basis": ("What the share rests on", "text"),
    "p_never_range": ("Chance the event never happens, range of the draws", "text"),
    "p_never": ("Chance the event never happens", "pct"),
    "net_burn_monthly_usd": ("Net burn per month (US$)", "money"),
    "product_cost_monthly_usd": ("Product cost per month (US$)", "money"),
    # counts whose id ends in _usd: a number of rows, never an amount of money
    "rounds_without_usd": ("Rounds without a US$ amount", "int"),
    # shares and intervals of probabilities: shown in percent
    "share_holds": ("Share of weightings in which it holds", "pct"),
    "interval": ("90% interval", "pct"),
    "flip_dimension": ("Dimension that flips it", "text"),
    "verdict_id": ("Verdict", "text"),
    "rows_without_usd": ("Rows without a US$ amount", "int"),
    # columns whose kind was once guessed from their name: declared here
    "as_of_date": ("As of date", "date"),
    "condition_met_as_of": ("Condition met as of", "date"),
    "conditional_usd": ("Conditional (US$)", "money"),
    "open_conditional_usd": ("Open conditional (US$)", "money"),
    "precision_usd": ("Precision (US$)", "money"),
    "unconditional_raised_usd": ("Unconditional raised (US$)", "money"),
    "p_claim": ("Chance the claim comes true", "pct"),
    "p_world_model_class": ("Chance of the world-model class", "pct"),
}

#: The companies' names (proper nouns: they keep their capital mid-sentence).
COMPANY_WORDS = {
    "runway": "Runway",
    "openai": "OpenAI",
    "google": "Google",
    "world_labs": "World Labs",
    "luma_ai": "Luma AI",
    "ami_labs": "AMI Labs",
    "general_intuition": "General Intuition",
    "decart": "Decart",
    "pika": "Pika",
    "odyssey": "Odyssey",
}
# Words for ids that appear as values (company and stakeholder ids, statuses).
WORDS: dict[str, str] = {
    **COMPANY_WORDS,
    "resolved_yes": "resolved: yes",
    "resolved_no": "resolved: no",
    # how notebook 04 prices a raise's revenue (``peer_multiple_basis``)
    "not_priced": "nothing: revenue not priced",
    "parameter": "the multiple set for the run",
    # the video-quality levels of data/scales.csv (their definitions sit beside them)
    "sd": "SD",
    "hd24": "HD 24 fps",
    "hd60_or_4k": "HD 60 fps or 4K",
    "uhd60": "4K 60 fps",
    # the article's verdicts (data/verdicts.csv)
    "runway_pivot": "Runway: best positioned for the pivot",
    "openai_funded": "OpenAI: best funded",
    "openai_quality": "OpenAI: highest quality",
    "google_bench": "Google: deepest research bench",
    "google_no_product": "Google: no product",
    # the article's predictions (data/predictions.csv)
    "runway_demo_by_2027_06": "Runway: world-model demo by June 2027",
    "openai_demo_by_2027_12": "OpenAI: competing demo by December 2027",
    "google_no_product_before_2028": "Google: no world-model product before 2028",
    # dimensions (data/scales.csv) and levels
    "video_quality": "video quality",
    "temporal_coherence": "temporal coherence",
    "world_model_focus": "world-model focus",
    "api_availability": "API availability",
    # metrics and benchmarks
    "arr_usd": "revenue run-rate",
    "arr_added_usd": "revenue run-rate added",
    "max_vertical_resolution": "max resolution",
    "max_fps": "max frame rate",
    "physics_iq": "Physics-IQ",
    "physics_iq_verified": "Physics-IQ Verified",
    "physion_eval_egocentric": "Physion-Eval (egocentric)",
    "physion_eval_exocentric": "Physion-Eval (exocentric)",
    # other companies of the physics leaderboards
    "academic": "Academic labs",
    "alibaba": "Alibaba",
    "minimax": "MiniMax",
    "nvidia": "NVIDIA",
    "pruna": "Pruna",
    "sand_ai": "Sand AI",
    "sber": "Sber",
    "stability_ai": "Stability AI",
    "tencent": "Tencent",
    "xai": "xAI",
    "zhipu": "Zhipu",
    # parts of result keys
    "share_holds": "share of weightings in which it holds",
    "times_reference": "times the reference",
    "times_reference_unconditional": "times the reference (unconditional)",
}


def register_words(mapping: dict[str, str]) -> None:
    """Words for ids a notebook knows (prediction titles, scenario-specific ids): shown wherever the id is."""
    WORDS.update({str(k): str(v) for k, v in mapping.items()})


SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_ACRONYMS = {"usd": "US$", "p": "P", "api": "API", "arr": "ARR", "id": "", "ai": "AI"}


def words(identifier: str) -> str:
    """An id in words: 'conflicting_report' -> 'conflicting report'; known ids from WORDS."""
    if identifier in WORDS:
        return WORDS[identifier]
    if not SNAKE.match(identifier):
        return identifier
    parts = [_ACRONYMS.get(p, p) for p in identifier.split("_")]
    return " ".join(p for p in parts if p)


_EMBEDDED = re.compile(r"(?<![\w/.$-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/]|\.\w)")
_SETTING = re.compile(r"^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)=(\S+)(.*)$")


def is_aggregate(name: str) -> bool:
    """A name of many companies' statistic ("Public SaaS median"), not of one company."""
    return name.lower().endswith(" median")


def possessive(name: str) -> str:
    """A name's possessive as readers write it: "Canva's", "Getty Images'" (never "Getty Images's"); an aggregate
    ("Public SaaS median") is no owner: "the public SaaS median's"."""
    if is_aggregate(name):
        return f"the {name[:1].lower()}{name[1:]}'s"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def listed(names: Iterable[str]) -> str:
    """Names as a list in words: 'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def mid_sentence(name: str, proper: Iterable[str] = ()) -> str:
    """A name as it reads mid-sentence: 'creative-industry customers'; a proper noun ('Runway's investors', with
    ``proper`` the names that are such nouns), an acronym ('API users') or 'OpenAI' keeps its capital."""
    first = name.split(" ")[0].removesuffix("'s")
    own = any(name == p or name.startswith((f"{p} ", f"{p}'s")) for p in proper)
    return name if own or any(c.isupper() for c in first[1:]) else name[:1].lower() + name[1:]


_AN = re.compile(r"8|1[18](?!\d)")  # numbers said with a vowel first: 8..., 11, 18


def a_chance(shown: str) -> str:
    """A shown probability as a chance, with its article: 'a 40% chance', 'an 80% chance', 'a chance of under 1%'."""
    if not shown[:1].isdigit():
        return f"a chance of {shown}"
    return f"{'an' if _AN.match(shown) else 'a'} {shown} chance"


def prose(text: str) -> str:
    """Text with every id inside it in words: 'weight of api_availability' -> 'weight of API availability'.

    File names and paths (data/funding_rounds.csv) are left as they are."""

    def one(match: re.Match) -> str:
        token = match.group(0)
        if token in WORDS or token not in LABELS:
            return words(token)
        shown = LABELS[token][0].removesuffix(" (US$)")
        return shown if match.start() == 0 else shown[:1].lower() + shown[1:]

    return _EMBEDDED.sub(one, text)


def label(column: object) -> str:
    """The header a reader sees for a column id."""
    text = str(column)
    if text in LABELS:
        return LABELS[text][0]
    setting = _SETTING.match(text)
    if setting:  # a column per parameter setting: "min_confidence=any (chosen)"
        name, value, rest = setting.groups()
        return f"{label(name)}: {words(value)}{rest}"
    if not SNAKE.match(text):
        return text[:1].upper() + text[1:] if text[:1].islower() and " " not in text and text not in WORDS else text
    if text in WORDS:
        return WORDS[text]
    if text.startswith("p_"):  # a probability: "p_must_raise" -> "P(must raise)"
        return f"P({words(text[2:])})"
    out = words(text.removesuffix("_usd"))
    out = out[:1].upper() + out[1:]
    return out + (" (US$)" if text.endswith("_usd") else "")


_UNIT = re.compile(r" \((US\$|months)\)$")


def bare_label(column: object) -> str:
    """A column's label without its unit, for text that gives the unit with each value: 'Cash (US$)' -> 'Cash'."""
    return _UNIT.sub("", label(column))


def kind(column: object) -> str | None:
    """The declared format kind of a column id (its entry in ``LABELS``), or None: the table then infers it
    from the values. Never guessed from the id's spelling."""
    declared = LABELS.get(str(column))
    return declared[1] if declared else None


_RESULT_KINDS = {
    "money": "money",
    "pct": "share",
    "ratio": "multiple",
    "int": "count",
    "num": "number",
    "date": "date",
    "bool": "flag",
}


def column_result(column: object) -> Result:
    """A column's or parameter's declaration (its entry in ``LABELS``) as a ``Result``, so that it is
    formatted by the one formatter (``prequel.results.format_value``); ids without an entry read as words."""
    name = str(column)
    shown, declared = LABELS.get(name, (label(name), "text"))
    return Result(name, shown, _RESULT_KINDS.get(declared, "status"), digits=3 if declared == "money" else 2)


COLUMN_RESULTS = "column_results"  # a table's ``attrs`` key: declarations of columns named by the data (not ids)


def declared_columns(df: pd.DataFrame, result: Result) -> pd.DataFrame:
    """``df`` declaring, where the table is built, that each of its columns holds values of ``result`` (columns named
    by the data, such as one per prediction title, which ``LABELS`` cannot know): its CSV download keeps that
    declaration's precision (``report.download_digits``)."""
    df.attrs[COLUMN_RESULTS] = dict.fromkeys(map(str, df.columns), result)
    return df


PHONE_COLUMNS = "phone_columns"  # a table's ``attrs`` key: the columns a phone's stacked rows show


def on_a_phone(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``df`` declaring, where the table is built, the columns a phone's stacked rows show (its first column and
    ``columns``); the rest show on a wider screen and in a chart's data CSV (``report.show_table``)."""
    unknown = set(columns) - set(df.reset_index().columns)
    if unknown:
        raise KeyError(f"on_a_phone: no column {sorted(unknown)}")
    df.attrs[PHONE_COLUMNS] = list(columns)
    return df


# --- ranges: one form on every page, in words and charts -----------------------------------------------------------

RANGE_JOIN = " to "  # '$10M to $40M', '3% to 82%', '55% to over 99%', '170x to 210x'
#: An end in words beside the bound it nears reads as a number, as it does in a range of another setting ('99% to
#: 100%', never 'over 99% to 100%' in a tile beside '99% to 100%' in a bullet).
_AT_A_BOUND = {("over 99%", "100%"): ("99%", "100%"), ("0%", "under 1%"): ("0%", "1%")}


def span(low: str, high: str) -> str:
    """Two shown ends of a range as every page writes them (prose, tiles, tables, chart titles and captions): each end
    as the one formatter shows it, unit and all, joined by 'to' ('$10M to $40M', '3% to 82%', '55% to over 99%',
    '170x to 210x'; never '3-82%' beside '55% to over 99%'); one value when both ends read the same ('0%', not
    '0% to 0%'); 'over 99%' or 'under 1%' beside 100% or 0% as a number ('99% to 100%')."""
    low, high = _AT_A_BOUND.get((str(low).strip(), str(high).strip()), (str(low).strip(), str(high).strip()))
    return low if low == high else f"{low}{RANGE_JOIN}{high}"


def roughly(shown: str) -> str:
    """A shown value as an approximation: 'about 97%'; a value already in words at an end of its scale reads as it
    is ('over 99%', 'under 1%'), never 'about over 99%'."""
    shown = str(shown).strip()
    return shown if shown.startswith(("over ", "under ", "about ", "none", "no ")) else f"about {shown}"
