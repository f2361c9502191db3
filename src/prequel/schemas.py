"""Pandera schemas of the CSV files in data/ (read as text, checked, then converted)."""

from __future__ import annotations

import math
import re

import pandas as pd
import pandera.pandas as pa

from .dates import is_partial_date

CONFIDENCE = ["reported", "estimated", "disputed"]
SOURCE_TIERS = ["primary", "secondary", "aggregator"]  # aggregator: aggregators, databases, machine-written sites
TREATMENTS = ["primary", "announced", "conflicting_report", "talks", "secondary_sale", "valuation_only"]
METRICS = [
    "total_raised_usd",
    "valuation_usd",
    "market_cap_usd",
    "arr_usd",
    "arr_added_usd",
    "employees",
    "product_cost_monthly_usd",
]
AUDIT_METRICS = ["total_raised_usd", "post_money_usd", "market_cap_usd", "max_vertical_resolution", "max_fps"]
SOURCE_URL = re.compile(r"^(https?://\S+|article:[a-z0-9-]+|judgement:[a-z0-9-]+)$")
IDENTIFIER = r"^[a-z][a-z0-9_]*$"
# Every cell is read as text (data.validate), so a column names no dtype: pandera's element-wise
# check of `str` could only confirm it, and took about a third of the validation time.
TEXT = None


def _is_number(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def _non_negative(value: str) -> bool:
    return not _is_number(value) or float(value) >= 0  # non-numbers are reported by `number`


def text(required: bool = True, **kwargs) -> pa.Column:
    return pa.Column(TEXT, nullable=not required, **kwargs)


def choice(values: list[str], required: bool = True) -> pa.Column:
    return pa.Column(TEXT, pa.Check.isin(values), nullable=not required)


def identifier(unique: bool = False) -> pa.Column:
    return pa.Column(TEXT, pa.Check.str_matches(IDENTIFIER), unique=unique, nullable=False)


def partial_date(required: bool = True) -> pa.Column:
    check = pa.Check(is_partial_date, element_wise=True, error="a date YYYY, YYYY-MM or YYYY-MM-DD")
    return pa.Column(TEXT, check, nullable=not required)


def amount(required: bool = False) -> pa.Column:
    return pa.Column(
        TEXT,
        [
            pa.Check(_is_number, element_wise=True, error="a number"),
            pa.Check(_non_negative, element_wise=True, error="not negative"),
        ],
        nullable=not required,
    )


def known_company(company_ids: list[str], required: bool = True) -> pa.Column:
    return pa.Column(
        TEXT, pa.Check.isin(company_ids, error="a company_id listed in companies.csv"), nullable=not required
    )


PROVENANCE = {
    "source_url": pa.Column(
        TEXT,
        pa.Check.str_matches(SOURCE_URL.pattern, error="an http(s) URL, article:<id> or judgement:<id>"),
        nullable=False,
    ),
    "source_published": partial_date(required=False),
    "as_of": partial_date(),
    "confidence": choice(CONFIDENCE),
    "source_tier": choice(SOURCE_TIERS),
    "note": text(required=False),
}


def _schema(name: str, columns: dict, checks=None, undated_rows: bool = False) -> pa.DataFrameSchema:
    """``undated_rows``: a row whose source gives no date may leave ``as_of`` empty (never the snapshot date)."""
    provenance = PROVENANCE | ({"as_of": partial_date(required=False)} if undated_rows else {})
    checks = [*(checks or []), OWN_SOURCES_TIERED]
    if "aggregator" in columns:  # the valuation files' flag says what the tier says, never something else
        checks = [*checks, AGGREGATOR_FLAG_MATCHES_TIER]
    return pa.DataFrameSchema({**columns, **provenance}, name=name, strict=True, ordered=False, checks=checks)


#: The tier of the two sources that are not web pages (data/README.md): the article is press; a scale this
#: project constructed is a definition published in its own repository, so primary (and never a figure).
NON_WEB_TIERS = {"article:": "secondary", "judgement:": "primary"}
OWN_SOURCES_TIERED = pa.Check(
    lambda df: pd.Series(
        [
            next((tier == t for prefix, t in NON_WEB_TIERS.items() if str(url).startswith(prefix)), True)
            for url, tier in zip(df["source_url"], df["source_tier"], strict=True)
        ],
        index=df.index,
    ),
    error="an article:<id> row is secondary, a judgement:<id> row primary",
)

AGGREGATOR_FLAG_MATCHES_TIER = pa.Check(
    lambda df: (df["aggregator"] == "true") == (df["source_tier"] == "aggregator"),
    error="aggregator is true exactly when source_tier is aggregator",
)


def companies_schema() -> pa.DataFrameSchema:
    return _schema(
        "companies.csv",
        {
            "company_id": identifier(unique=True),
            "name": text(unique=True),  # display names label tables and charts: two alike would be ambiguous
            "kind": choice(["startup", "public_parent", "academic"]),
            "listed_entity": text(required=False),
            "in_article": choice(["true", "false"]),
        },
    )


def _one_counted_report(df):
    """Row-wise: False where a round_key has more than one counted ('primary') report."""
    primary = df["treatment"] == "primary"
    return ~(primary & df["round_key"].where(primary).duplicated(keep=False))


COUNTED_TREATMENTS = ("primary", "announced")


def _conditional_tranche_is_complete(df):
    """Row-wise: a conditional tranche has an amount within the round's, a reason and a source, sits on a
    counted row, and a condition reported met has its date and its source together."""
    has = df["conditional_usd"].notna()
    amount = pd.to_numeric(df["amount_usd"], errors="coerce")
    conditional = pd.to_numeric(df["conditional_usd"], errors="coerce")
    within = ~has | (amount.notna() & conditional.notna() & (conditional > 0) & (conditional <= amount))
    explained = ~has | (df["conditional_reason"].notna() & df["conditional_source_url"].notna())
    orphan = ~has & (
        df["conditional_reason"].notna() | df["conditional_source_url"].notna() | df["condition_met_as_of"].notna()
    )
    counted = ~has | df["treatment"].isin(COUNTED_TREATMENTS)
    met_pair = df["condition_met_as_of"].notna() == df["condition_met_source_url"].notna()
    return within & explained & ~orphan & counted & met_pair


def _url(required: bool = False) -> pa.Column:
    return pa.Column(
        TEXT,
        pa.Check.str_matches(SOURCE_URL.pattern, error="an http(s) URL, article:<id> or judgement:<id>"),
        nullable=not required,
    )


def funding_rounds_schema(company_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "funding_rounds.csv",
        {
            "round_id": identifier(unique=True),
            "company_id": known_company(company_ids),
            "round": text(),
            "round_key": identifier(),
            "announced_date": partial_date(required=False),
            "amount_usd": amount(),
            "post_money_usd": amount(),
            "lead_investors": text(required=False),
            "other_investors": text(required=False),
            "treatment": choice(TREATMENTS),
            "conditional_usd": amount(),
            "conditional_reason": text(required=False),
            "conditional_source_url": _url(),
            "conditional_source_tier": choice(SOURCE_TIERS, required=False),  # empty: the row's source_tier
            "condition_met_as_of": partial_date(required=False),
            "condition_met_source_url": _url(),
        },
        checks=[
            pa.Check(
                _one_counted_report,
                error="at most one 'primary' row per round_key (mark other reports conflicting_report)",
            ),
            pa.Check(
                _conditional_tranche_is_complete,
                error="a conditional tranche needs 0 < conditional_usd <= amount_usd, a conditional_reason and a "
                "conditional_source_url on a primary or announced row; condition_met_as_of and "
                "condition_met_source_url go together and only with a conditional_usd",
            ),
        ],
    )


def company_metrics_schema(company_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "company_metrics.csv",
        {
            "metric_id": identifier(unique=True),
            "company_id": known_company(company_ids),
            "metric": choice(METRICS),
            "value": amount(required=True),
        },
    )


def article_claims_schema(company_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "article_claims.csv",
        {
            "claim_id": identifier(unique=True),
            "location": choice(["table", "text", "prediction", "timeline"]),
            "dimension": text(required=False),
            "company_id": known_company(company_ids, required=False),
            "cell_text": text(),
            "value": amount(),
            "unit": choice(["usd", "vertical_pixels", "fps", "seconds", "months", "year"], required=False),
            "metric": choice(AUDIT_METRICS, required=False),
            "qualifier": choice(["approx", "exact", "at_least", "upper_bound"], required=False),
        },
    )


def model_releases_schema(company_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "model_releases.csv",
        {
            "release_id": identifier(unique=True),
            "company_id": known_company(company_ids),
            "model": text(),
            "kind": choice(["video", "world_model", "other"]),
            "announced_date": partial_date(required=False),
            "availability": choice(
                ["research_preview", "limited_beta", "consumer_product", "public_api", "open_weights"]
            ),
            "max_resolution": pa.Column(
                TEXT, pa.Check.str_matches(r"^(\d{3,4}p|\d{3,4}x\d{3,4}|[248]K)$"), nullable=True
            ),
            "max_fps": amount(),
            "max_duration_s": amount(),
        },
        undated_rows=True,
    )


def predictions_schema(company_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "predictions.csv",
        {
            "prediction_id": identifier(unique=True),
            "company_id": known_company(company_ids),
            "kind": choice(["by_deadline", "not_before"]),
            "title": text(),
            "claim": text(),
            "made_on": partial_date(),
            "deadline": partial_date(),
            "predicted_date": partial_date(required=False),
            "lenient_criteria": text(),
            "strict_criteria": text(),
            "article_words": text(required=False),
        },
    )


EFFECTS = ["qualifies", "no", "breaks_premise"]


def events_schema(company_ids: list[str], prediction_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "events.csv",
        {
            "event_id": identifier(unique=True),
            "prediction_id": pa.Column(
                TEXT, pa.Check.isin(prediction_ids, error="a prediction_id listed in predictions.csv")
            ),
            "event_date": partial_date(),
            "company_id": known_company(company_ids),
            "event": text(),
            "lenient": choice(EFFECTS),
            "strict": choice(EFFECTS),
            "judgement": text(),
        },
    )


def scales_schema() -> pa.DataFrameSchema:
    return _schema(
        "scales.csv",
        {
            "dimension": identifier(),
            "dimension_label": text(),
            "score": amount(required=True),
            "level": identifier(),
            "definition": text(),
        },
        checks=[
            pa.Check(lambda df: ~df.duplicated(["dimension", "level"], keep=False), error="unique level per dimension"),
            pa.Check(
                lambda df: pd.to_numeric(df["score"], errors="coerce").fillna(0).le(100), error="score at most 100"
            ),
        ],
    )


FUNDING_MEASURES = ["capital_raised", "parent_capital_spending"]  # flows a company can deploy; a market cap is a stock


def company_levels_schema(company_ids: list[str], levels: set[tuple[str, str]]) -> pa.DataFrameSchema:
    known = lambda column: pa.Check(  # noqa: E731
        lambda df: pd.Series(
            [(d, lv) in levels for d, lv in zip(df["dimension"], df[column], strict=True)], index=df.index
        ),
        error=f"{column} must be a level of its dimension in scales.csv",
    )
    return _schema(
        "company_levels.csv",
        {
            "dimension": identifier(),
            "company_id": known_company(company_ids),
            "article_level": identifier(),
            "article_claim_id": text(),
            "sourced_level": identifier(),
            "sourced_evidence": text(),
            "funding_measure": choice(FUNDING_MEASURES, required=False),
        },
        checks=[
            pa.Check(
                lambda df: (df["dimension"] == "funding") == df["funding_measure"].notna(),
                error="funding rows name their funding_measure (capital_raised or parent_capital_spending; never a "
                "market cap), other rows leave it empty",
            ),
            known("article_level"),
            known("sourced_level"),
            pa.Check(
                lambda df: ~df.duplicated(["dimension", "company_id"], keep=False),
                error="one row per dimension and company",
            ),
        ],
    )


def verdicts_schema(company_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "verdicts.csv",
        {
            "verdict_id": identifier(unique=True),
            "company_id": known_company(company_ids),
            "article_claim_id": text(),
            "test": choice(["rank_first_total", "max_on_dimension", "min_on_dimension", "untestable"]),
            "dimension": text(required=False),
            "reading": text(),
        },
    )


PAYOFF_RANGE = (-2, 2)  # a stakeholder's payoff scale (data/stakeholders.csv): most lost to most gained


def _payoff() -> pa.Column:
    low, high = PAYOFF_RANGE
    return pa.Column(
        TEXT,
        [
            pa.Check(_is_number, element_wise=True, error="a number"),
            pa.Check(
                lambda v: not _is_number(v) or low <= float(v) <= high,
                element_wise=True,
                error=f"between {low} and {high}",
            ),
        ],
        nullable=False,
    )


def stakeholders_schema() -> pa.DataFrameSchema:
    return _schema(
        "stakeholders.csv",
        {
            "stakeholder_id": identifier(unique=True),
            "name": text(),
            "payoff_if_thesis": _payoff(),
            "payoff_if_not": _payoff(),
            "passage": text(),
            "flag": choice(["judgement"]),
        },
    )


PHYSICS_BENCHMARKS = ["physics_iq", "physics_iq_verified", "physion_eval"]
PHYSICS_METRICS = {"physics_iq": "physical_variance_pct", "physics_iq_verified": "physical_variance_pct",
                   "physion_eval": "videos_with_glitch_pct"}  # fmt: skip


def _percent(required: bool) -> pa.Column:
    return pa.Column(
        TEXT,
        [
            pa.Check(_is_number, element_wise=True, error="a number"),
            pa.Check(lambda v: not _is_number(v) or 0 <= float(v) <= 100, element_wise=True, error="between 0 and 100"),
        ],
        nullable=not required,
    )


def _physics_rows_complete(df):
    """Row-wise: a leaderboard entry names its developer and input type and is ranked by physical variance;
    a Physion-Eval row names its subset and is a glitch rate; best-of-N only on leaderboard entries."""
    leaderboard = df["benchmark"] != "physion_eval"
    metric_ok = df["metric"] == df["benchmark"].map(PHYSICS_METRICS)
    return metric_ok & (
        (leaderboard & df["company_id"].notna() & df["input_type"].notna() & df["subset"].isna())
        | (~leaderboard & df["subset"].notna() & (df["best_of_n"] == "false"))
    )


def _one_entry_per_model(df):
    """Row-wise: False where benchmark, model and input type repeat (one leaderboard row, one entry)."""
    return ~df[["benchmark", "model", "input_type", "subset"]].fillna("").duplicated(keep=False)


def physics_benchmarks_schema(company_ids: list[str], release_ids: list[str]) -> pa.DataFrameSchema:
    return _schema(
        "physics_benchmarks.csv",
        {
            "entry_id": identifier(unique=True),
            "benchmark": choice(PHYSICS_BENCHMARKS),
            "metric": choice(sorted(set(PHYSICS_METRICS.values()))),
            "model": text(),
            "company_id": known_company(company_ids, required=False),
            "input_type": choice(["i2v", "v2v"], required=False),
            "subset": choice(["exocentric", "egocentric"], required=False),
            "score_pct": _percent(required=True),
            "score_sd": amount(),
            "best_of_n": choice(["true", "false"]),
            "release_id": pa.Column(
                TEXT,
                pa.Check(
                    lambda v: all(part in release_ids for part in v.split("; ")),
                    element_wise=True,
                    error="release_ids listed in model_releases.csv, separated by '; '",
                ),
                nullable=True,
            ),
            "reported_in": pa.Column(
                TEXT, pa.Check.str_matches(r"^https?://\S+$", error="an http(s) URL"), nullable=False
            ),
            "measured_by": choice(["maker", "third_party", "unknown"]),
        },
        checks=[
            pa.Check(
                _physics_rows_complete,
                error="a leaderboard entry needs company_id and input_type and the metric physical_variance_pct; "
                "a physion_eval row needs a subset and the metric videos_with_glitch_pct",
            ),
            pa.Check(_one_entry_per_model, error="one row per benchmark, model, input type and subset"),
        ],
    )


# ---- notebook 06: valuation against comparables ---------------------------------------------------

PEER_CLASSES = ["private_ai", "public_software", "other"]  # valuation_figures.csv
MULTIPLE_CLASSES = ["runway", "private_ai", "public_software", "market", "ai_lab"]  # valuation_multiples.csv
#: What kind of price a valuation is (valuation_figures.csv): a tender of existing shares is not a round's price.
PRICE_KINDS = ["primary round", "employee and secondary tender", "IPO"]
FIGURE_METRICS = ["valuation", "valuation_target", "market_cap", "arr", "revenue_year", "revenue_quarter"]
CURRENCIES = ["USD", "RMB", "HKD"]  # kept as given: never converted without a sourced rate
MULTIPLE_KINDS = ["valuation_to_arr", "ev_to_sales", "price_to_sales"]  # never mixed in one statistic
MULTIPLE_BASES = ["run_rate", "trailing", "forward"]
HURDLE_MEASURES = ["target_irr", "target_moic"]
FLAG = ["true", "false"]


def _divisors_are_run_rates(df):
    """Row-wise: ``divide_by`` sits on a USD valuation only and names USD run-rates of the same peer."""
    arr = df[(df["metric"] == "arr") & (df["currency"] == "USD")]
    run_rates = set(zip(arr["figure_id"], arr["peer_id"], strict=True))

    def ok(row) -> bool:
        if pd.isna(row["divide_by"]):
            return True
        if row["metric"] != "valuation" or row["currency"] != "USD":
            return False
        return all((part, row["peer_id"]) in run_rates for part in str(row["divide_by"]).split("; "))

    return df.apply(ok, axis=1).astype(bool)


def _low_not_above_high(df):
    low, high = pd.to_numeric(df["low"], errors="coerce"), pd.to_numeric(df["high"], errors="coerce")
    return low.isna() | high.isna() | (low <= high)


def _positive(value: str) -> bool:
    return not _is_number(value) or float(value) > 0


def _bound() -> pa.Column:
    return pa.Column(
        TEXT,
        [
            pa.Check(_is_number, element_wise=True, error="a number"),
            pa.Check(_positive, element_wise=True, error="above 0"),
        ],
        nullable=False,
    )


def valuation_figures_schema() -> pa.DataFrameSchema:
    return _schema(
        "valuation_figures.csv",
        {
            "figure_id": identifier(unique=True),
            "peer_id": identifier(),
            "peer_name": text(),
            "peer_class": choice(PEER_CLASSES),
            "metric": choice(FIGURE_METRICS),
            "value": amount(required=True),
            "currency": choice(CURRENCIES),
            "period": text(),
            "divide_by": text(required=False),
            "conflict": pa.Column(TEXT, pa.Check.str_matches(IDENTIFIER), nullable=True),
            "aggregator": choice(FLAG),
            "price_kind": choice(PRICE_KINDS, required=False),
        },
        checks=[
            pa.Check(
                lambda df: (df["metric"] == "valuation") == df["price_kind"].notna(),
                error="price_kind on every valuation row and on no other",
            ),
            pa.Check(
                _divisors_are_run_rates,
                error="divide_by only on a USD valuation, naming figure_ids of USD arr rows of the same peer_id "
                "separated by '; '",
            ),
        ],
    )


def valuation_multiples_schema() -> pa.DataFrameSchema:
    return _schema(
        "valuation_multiples.csv",
        {
            "multiple_id": identifier(unique=True),
            "peer_id": identifier(),
            "peer_name": text(),
            "peer_class": choice(MULTIPLE_CLASSES),
            "kind": choice(MULTIPLE_KINDS),
            "basis": choice(MULTIPLE_BASES),
            "low": _bound(),
            "high": _bound(),
            "conflict": pa.Column(TEXT, pa.Check.str_matches(IDENTIFIER), nullable=True),
            "aggregator": choice(FLAG),
        },
        checks=[pa.Check(_low_not_above_high, error="low not above high")],
    )


def _irr_is_a_decimal(df):
    """Row-wise: a target IRR is a decimal (0.30, not 30); a target money multiple is at least 1."""
    low, high = pd.to_numeric(df["low"], errors="coerce"), pd.to_numeric(df["high"], errors="coerce")
    irr = df["measure"] == "target_irr"
    return low.isna() | high.isna() | (irr & (high <= 1)) | (~irr & (low >= 1))


def return_hurdles_schema() -> pa.DataFrameSchema:
    return _schema(
        "return_hurdles.csv",
        {
            "hurdle_id": identifier(unique=True),
            "investor_kind": text(),
            "measure": choice(HURDLE_MEASURES),
            "low": _bound(),
            "high": _bound(),
            "hold_years": amount(),
            "aggregator": choice(FLAG),
        },
        checks=[
            pa.Check(_low_not_above_high, error="low not above high"),
            pa.Check(_irr_is_a_decimal, error="a target_irr as a decimal up to 1 (0.30), a target_moic of 1 or more"),
        ],
        undated_rows=True,
    )
