"""Bad data, fuzzed: random corruptions of the real data files either load cleanly (and the analyses run)
or stop with a clear message naming file, row and column; through the runner, never a traceback or a
partly written output."""

import pytest
from conftest import DATA, runner_in_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prequel import SNAPSHOT_DATE
from prequel.analysis import funding, operations, predictions, winners
from prequel.data import DataError, load_dataset

FILES = sorted(p.name for p in DATA.glob("*.csv"))
FUZZ_EXAMPLES = 80


def corrupt(text: str, kind: str, pick: int, name: str) -> bytes:
    lines = text.splitlines()
    header, rows = lines[0].split(","), lines[1:]
    row = 1 + pick % max(len(rows), 1)
    cells = lines[row].split(",") if rows else []
    column = pick % len(header)
    if kind == "bad_number" and cells:
        cells[column] = "-12x"
    elif kind == "bad_date" and cells:
        cells[column] = "2025-13-45"
    elif kind == "unknown_id" and cells:
        cells[column] = "no_such_company"
    elif kind == "empty_cell" and cells:
        cells[column] = ""
    elif kind == "duplicate_row" and rows:
        lines.append(lines[row])
    elif kind == "missing_column":
        lines = [",".join(c for i, c in enumerate(line.split(",")) if i != column) for line in lines]
    elif kind == "extra_column":
        lines = [lines[0] + ",extra"] + [line + ",1" for line in lines[1:]]
    elif kind == "empty_file":
        return b""
    elif kind == "header_only":
        return (lines[0] + "\n").encode()
    elif kind == "bad_encoding":
        return text.encode("utf-8")[:50] + b"\xff\xfe" + text.encode("utf-8")[50:]
    elif kind == "truncated":
        return text.encode("utf-8")[: max(1, len(text) // 2)]
    if cells and kind in ("bad_number", "bad_date", "unknown_id", "empty_cell"):
        lines[row] = ",".join(cells)
    return ("\n".join(lines) + "\n").encode("utf-8")


KINDS = [
    "bad_number",
    "bad_date",
    "unknown_id",
    "empty_cell",
    "duplicate_row",
    "missing_column",
    "extra_column",
    "empty_file",
    "header_only",
    "bad_encoding",
    "truncated",
]


def analyses(data) -> None:
    """Everything the notebooks compute from data, in-process."""
    funding.total_raised(data.rounds, SNAPSHOT_DATE)
    funding.audit_article(data, "2026-04-29", SNAPSHOT_DATE)
    predictions.statuses(data.predictions, data.events, SNAPSHOT_DATE, 14, "reported")
    s = winners.score_table(data.levels, data.scales, "sourced", 1.0)
    winners.totals(s, winners.normalize(None, list(s.columns)))
    if "runway" in set(data.companies["company_id"]):
        try:
            operations.sourced_inputs(data, "runway", "2026-04-29")
        except ValueError:
            pass  # a clear refusal, shown to users as a parameter error


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), kind=st.sampled_from(KINDS), pick=st.integers(0, 10_000))
def test_fuzzed_data_either_loads_cleanly_or_names_file_row_and_column(tmp_path_factory, name, kind, pick):
    folder = tmp_path_factory.mktemp("fuzz")
    for f in FILES:
        (folder / f).write_bytes((DATA / f).read_bytes())
    (folder / name).write_bytes(corrupt((DATA / name).read_text(encoding="utf-8"), kind, pick, name))
    try:
        data = load_dataset(folder)
    except DataError as err:
        message = str(err)
        assert err.path.name in message and err.problems
        assert any(token in message for token in ("row ", "column ", "whole file")), message
        return
    analyses(data)  # valid after all (e.g. an optional cell emptied): the analyses must run


CLI_CORRUPTIONS = [
    ("funding_rounds.csv", "bad_number", 7),
    ("company_levels.csv", "unknown_id", 13),
    ("scales.csv", "bad_encoding", 0),
]


@pytest.mark.slow
@pytest.mark.parametrize("name, kind, pick", CLI_CORRUPTIONS)
def test_the_runner_stops_on_corrupt_data_without_traceback_or_partial_output(
    tmp_path, data_copy, name, kind, pick, capsys
):
    (data_copy / name).write_bytes(corrupt((DATA / name).read_text(encoding="utf-8"), kind, pick, name))
    out = tmp_path / "out"
    result = runner_in_process("--out", str(out), "--data-dir", str(data_copy), capsys=capsys)
    assert result.returncode == 1 and name in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.staging-*"))
