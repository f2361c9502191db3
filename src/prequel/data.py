"""Load and validate the CSV files in data/; a bad file stops with file, row and column."""

from __future__ import annotations

import csv
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import SNAPSHOT_DATE, schemas
from .dates import known_from
from .outside import Unreadable, read_regular, shown
from .paths import resolve_data_dir
from .sourcing import aggregator_sources

NUMERIC_COLUMNS = (
    "amount_usd",
    "post_money_usd",
    "value",
    "max_fps",
    "max_duration_s",
    "score",
    "payoff_if_thesis",
    "payoff_if_not",
    "score_pct",
    "score_sd",
    "low",
    "high",
    "hold_years",
)
MAX_LISTED_PROBLEMS = 8
MAX_LINE_BYTES = 100_000  # a line, and a field (quoted, it may span lines): below the csv module's limit (131,072)
MAX_FILE_BYTES = 20_000_000  # far above any data file; a larger one (or /dev/zero behind a link) is not read


class DataError(ValueError):
    """A data file failed validation. ``problems`` holds (row, column, message) tuples."""

    def __init__(self, path: Path, problems: list[tuple[int | None, str | None, str]]):
        self.path, self.problems = Path(path), problems
        lines = []
        for row, column, message in problems[:MAX_LISTED_PROBLEMS]:
            where = [f"row {row} (line {row + 1})" if row is not None else "whole file"]
            if column:
                where.append(f"column {shown(column)}")
            lines.append(f"{self.path}: {', '.join(where)}: {message}")  # one line per problem, naming the file
        if len(problems) > MAX_LISTED_PROBLEMS:
            lines.append(f"{self.path}: ... and {len(problems) - MAX_LISTED_PROBLEMS} more problems")
        super().__init__("\n".join(lines))


def _checked_bytes(path: Path) -> bytes:
    """A data file's bytes, refused when they cannot be a CSV file of text lines."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except Unreadable as err:
        raise DataError(path, [(None, None, str(err))]) from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            path, [(line - 1 if line > 1 else None, None, f"not valid UTF-8 at line {line} (byte {err.start})")]
        ) from None
    if not raw.strip():
        raise DataError(path, [(None, None, "file is empty (expected a header row and data rows)")])
    if b"\r" in raw.replace(b"\r\n", b""):
        raise DataError(
            path, [(None, None, "has lines ending in a bare carriage return (CR): save it with LF or CRLF")]
        )
    longest = max((len(field) for field in raw.replace(b"\r\n", b"\n").split(b"\n")), default=0)
    if longest > MAX_LINE_BYTES:
        raise DataError(path, [(None, None, f"has a line of {longest} bytes (the limit is {MAX_LINE_BYTES})")])
    return raw


def _parse_csv_text(path: Path, raw: bytes) -> pd.DataFrame:
    """A CSV file's checked bytes as a frame with every cell as text (empty cells as missing)."""
    ragged = _ragged_rows(raw.decode("utf-8"))
    if ragged:
        raise DataError(path, ragged)
    try:
        df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (pd.errors.ParserError, ValueError) as err:
        raise DataError(path, [(None, None, f"not a well-formed CSV file: {err}")]) from None
    unnamed = [c for c in df.columns if str(c).startswith("Unnamed:") or str(c).strip() == ""]
    if unnamed:
        raise DataError(path, [(None, None, "header has an empty column name")])
    return df


def _ragged_rows(text: str) -> list[tuple[int | None, None, str]]:
    """Rows whose number of fields differs from the header's (a stray comma or a lost quote), or with a
    field longer than a line may be (a quoted field spans lines until its closing quote)."""
    reader, rows = csv.reader(io.StringIO(text)), []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:  # a field past the csv module's limit (131,072): a quote never closed, say
        return [(len(rows) or None, None, "has a quoted field longer than the csv limit (check its quotes)")]
    width = len(rows[0]) if rows else 0
    long = [
        (i or None, None, f"has a field of {max(map(len, r)):,} characters (the limit is {MAX_LINE_BYTES:,})")
        for i, r in enumerate(rows)
        if r and max(map(len, r)) > MAX_LINE_BYTES
    ]
    return long or [
        (i, None, f"has {len(r)} fields, the header has {width} (check commas and quotes)")
        for i, r in enumerate(rows[1:], 1)
        if r and len(r) != width
    ]


def _index(value) -> int | None:
    try:
        return None if pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


def _problems(err: pa.errors.SchemaErrors) -> list[tuple[int | None, str | None, str]]:
    out = []
    for case in err.failure_cases.itertuples(index=False):
        index = _index(case.index)
        column = None if pd.isna(case.column) else str(case.column)
        check, value = str(case.check), case.failure_case
        if check == "column_in_dataframe":
            out.append((None, str(value), "required column is missing"))
        elif check == "column_in_schema":
            out.append((None, str(value), "unexpected column (not in the data dictionary)"))
        elif check == "not_nullable":
            out.append((None if index is None else index + 1, column, "value is required but empty"))
        elif check.startswith("field_uniqueness") or check == "unique":
            out.append((None if index is None else index + 1, column, f"duplicate key {shown(value)}"))
        else:
            row = index + 1 if index is not None else None
            out.append((row, column, f"{shown(value)} is not valid: expected {shown(check, 200)}"))
    return sorted(set(out), key=lambda p: (p[0] is not None, p[0] or 0, p[1] or ""))


#: Files already validated in this process (a test session, a runner checking several notebooks' data),
#: by file name, content, schema and the schema's arguments: loading the same bytes again returns a copy
#: instead of running pandera's checks again, about two thirds of a load. So a schema function must depend on
#: its arguments only (a test that patches a constant of ``schemas`` calls ``_VALIDATED.clear()``).
_VALIDATED: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_VALIDATED_MAX = 64
_VALIDATED_LOCK = threading.Lock()


def validate(path: Path, schema_of: Callable[..., pa.DataFrameSchema], *args: Iterable) -> pd.DataFrame:
    """A data file read as text, checked against ``schema_of(*args)``, then converted (numbers, dates)."""
    raw = _checked_bytes(path)
    key = (path.name, raw, schema_of, *(frozenset(a) if isinstance(a, set) else tuple(a) for a in args))
    with _VALIDATED_LOCK:  # the runner's threads may load data at once
        if key in _VALIDATED:
            _VALIDATED.move_to_end(key)
            return _VALIDATED[key].copy()
    df = _parse_csv_text(path, raw)
    try:
        schema_of(*args).validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError(path, _problems(err)) from None
    for column in NUMERIC_COLUMNS:
        if column in df:
            df[column] = pd.to_numeric(df[column]).astype("float64")
    for column in ("as_of", "announced_date", "source_published", "predicted_date"):
        if column in df:
            df[column] = df[column].astype(object).where(df[column].notna(), None)
    # an undated row (as_of empty: its source gives no date) keeps no date; it is known from the data snapshot,
    # when the research recorded it, so an analysis dated earlier never sees it
    df["as_of_date"] = df["as_of"].map(lambda text: known_from(text, SNAPSHOT_DATE) if text else UNDATED_KNOWN_FROM)
    with _VALIDATED_LOCK:
        _VALIDATED[key] = df.copy()
        if len(_VALIDATED) > _VALIDATED_MAX:
            _VALIDATED.popitem(last=False)
    return df


#: Each file of data/ (its name without .csv) and the Dataset attribute holding it.
FILES = {
    "companies": "companies",
    "funding_rounds": "rounds",
    "company_metrics": "metrics",
    "article_claims": "claims",
    "model_releases": "releases",
    "predictions": "predictions",
    "events": "events",
    "scales": "scales",
    "company_levels": "levels",
    "verdicts": "verdicts",
    "stakeholders": "stakeholders",
    "physics_benchmarks": "physics",
    "valuation_figures": "valuation_figures",
    "valuation_multiples": "valuation_multiples",
    "return_hurdles": "return_hurdles",
}


@dataclass(frozen=True)
class Dataset:
    data_dir: Path
    companies: pd.DataFrame
    rounds: pd.DataFrame
    metrics: pd.DataFrame
    claims: pd.DataFrame
    releases: pd.DataFrame
    predictions: pd.DataFrame
    events: pd.DataFrame
    scales: pd.DataFrame
    levels: pd.DataFrame
    verdicts: pd.DataFrame
    stakeholders: pd.DataFrame
    physics: pd.DataFrame  # physics_benchmarks.csv: Physics-IQ leaderboards and Physion-Eval glitch rates
    valuation_figures: pd.DataFrame  # valuations and revenue of comparables (notebook 06)
    valuation_multiples: pd.DataFrame  # revenue multiples as sources state them, by kind (notebook 06)
    return_hurdles: pd.DataFrame  # investors' target returns (notebook 06)

    @cached_property
    def aggregator_sources(self) -> frozenset[str]:
        """The sources these data call aggregators only: a link to one says so (``report.source_link``)."""
        return aggregator_sources(self)

    def names(self) -> dict[str, str]:
        return dict(zip(self.companies["company_id"], self.companies["name"], strict=False))

    def file(self, name: str) -> pd.DataFrame:
        """A data file by its name in data/ (``funding_rounds``, ``physics_benchmarks``, ...)."""
        if name not in FILES:
            raise KeyError(f"no data file {name!r}: one of {', '.join(FILES)}")
        return getattr(self, FILES[name])


_STAGE = re.compile(r"^\s*(?:(?P<seed>(?:pre-)?seed)\b|series\s+(?P<letter>[a-z])\b)", re.IGNORECASE)


def round_stage(name: str) -> float:
    """A round's place in the sequence seed (0), Series A (1), Series B (2)... from its name; NaN for a name
    that states no stage ('Growth round', 'Primary round')."""
    match = _STAGE.match(str(name))
    if match is None:
        return float("nan")
    return 0.0 if match["seed"] else float(ord(match["letter"].lower()) - ord("a") + 1)


UNDATED_KNOWN_FROM = pd.Timestamp(SNAPSHOT_DATE)  # when an undated row (empty as_of) is first known


def place_undated_rounds(rounds: pd.DataFrame) -> pd.DataFrame:
    """Each round without an announced date placed no later than the earliest dated, reported round of the
    same company that comes after it in the sequence (a seed before any other round; Series A before B...):
    a seed round is never dated after a later round, and rounds sort by date. A dated round whose name states
    no stage ('Growth round') counts as later than any lettered one: a Series A is not dated after a growth
    round at a $3.1B valuation. ``stage`` is added (NaN: none)."""
    out = rounds.assign(stage=rounds["round"].map(round_stage))
    dated = out[out["announced_date"].notna() & (out["confidence"] == "reported")]
    for i in out.index[out["announced_date"].isna() & out["stage"].notna()]:
        stage = out.at[i, "stage"]
        own = dated[dated["company_id"] == out.at[i, "company_id"]]
        later = own[(own["stage"] > stage) | own["stage"].isna()]
        if len(later) and later["as_of_date"].min() < out.at[i, "as_of_date"]:
            first = later.sort_values("as_of_date", kind="stable").iloc[0]
            out.at[i, "as_of_date"], out.at[i, "as_of"] = first["as_of_date"], first["as_of"]
    return out


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Load every file of data/ and validate it; raises DataError naming file, row and column."""
    folder = resolve_data_dir(data_dir)
    companies = validate(folder / "companies.csv", schemas.companies_schema)
    ids = companies["company_id"].tolist()
    predictions = validate(folder / "predictions.csv", schemas.predictions_schema, ids)
    scales = validate(folder / "scales.csv", schemas.scales_schema)
    levels = set(zip(scales["dimension"], scales["level"], strict=False))
    releases = validate(folder / "model_releases.csv", schemas.model_releases_schema, ids)
    dataset = Dataset(
        data_dir=folder,
        companies=companies,
        rounds=place_undated_rounds(validate(folder / "funding_rounds.csv", schemas.funding_rounds_schema, ids)),
        metrics=validate(folder / "company_metrics.csv", schemas.company_metrics_schema, ids),
        claims=validate(folder / "article_claims.csv", schemas.article_claims_schema, ids),
        releases=releases,
        predictions=predictions,
        events=validate(folder / "events.csv", schemas.events_schema, ids, predictions["prediction_id"].tolist()),
        scales=scales,
        levels=validate(folder / "company_levels.csv", schemas.company_levels_schema, ids, levels),
        verdicts=validate(folder / "verdicts.csv", schemas.verdicts_schema, ids),
        stakeholders=validate(folder / "stakeholders.csv", schemas.stakeholders_schema),
        physics=validate(
            folder / "physics_benchmarks.csv", schemas.physics_benchmarks_schema, ids, releases["release_id"].tolist()
        ),
        valuation_figures=validate(folder / "valuation_figures.csv", schemas.valuation_figures_schema),
        valuation_multiples=validate(folder / "valuation_multiples.csv", schemas.valuation_multiples_schema),
        return_hurdles=validate(folder / "return_hurdles.csv", schemas.return_hurdles_schema),
    )
    return dataset
