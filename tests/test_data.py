"""Data tests: every file passes its schema and carries provenance; bad files are refused clearly."""

import csv
import re
import shutil
import urllib.parse
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from conftest import DATA, SHARED_RESEARCH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prequel import SNAPSHOT_DATE
from prequel.data import FILES as DATA_FILES
from prequel.data import DataError, load_dataset

FILES = [f"{name}.csv" for name in DATA_FILES]  # every file the loader reads


def test_every_file_passes_its_schema(dataset):
    assert len(dataset.companies) >= 3 and len(dataset.rounds) > 0 and len(dataset.claims) > 0


UNDATED_ALLOWED = ("model_releases.csv", "return_hurdles.csv")  # their schemas allow an empty as_of


@pytest.mark.parametrize("name", FILES)
def test_every_row_has_provenance(name):
    rows = list(csv.DictReader((DATA / name).open(encoding="utf-8")))
    assert rows
    for i, row in enumerate(rows, 1):
        assert row["source_url"].startswith(("http://", "https://", "article:", "judgement:")), (name, i)
        undated = name in UNDATED_ALLOWED and "undated" in row["note"].lower()  # never placed at the snapshot
        assert row["as_of"] or undated, (name, i)
        assert row["as_of"] != SNAPSHOT_DATE or "undated" not in row["note"].lower(), (name, i)  # issue 23 review
        assert row["confidence"] in ("reported", "estimated", "disputed"), (name, i)
        assert row["source_tier"] in ("primary", "secondary", "aggregator"), (name, i)


@pytest.mark.parametrize("name", FILES)
def test_no_text_in_the_data_points_to_an_issue_of_the_project(name):
    """Judgements and notes reach the pages: they say why, never "re-judged in issue 23"."""
    for i, row in enumerate(csv.DictReader((DATA / name).open(encoding="utf-8")), 1):
        assert not [k for k, v in row.items() if re.search(r"\bissue \d+", v or "", re.I)], (name, i)


PRESS = (  # press: secondary, never primary (a wire story a licensed outlet carries is the wire's press)
    "bnnbloomberg.ca", "latimes.com", "venturebeat.com", "zdnet.com", "srnnews.com", "musicbusinessworldwide.com",
)  # fmt: skip
AGGREGATORS = (
    "stockanalysis.com", "grokipedia.com", "reportify.ai", "chatforest.com", "binance.com",  # databases, summaries
    "thealgorithmicbridge.com",  # a Substack newsletter: a blog
    "asianewsday.com",  # a word-for-word mirror of a South China Morning Post article
    # the review of every secondary row: content and SEO sites, blogs and relays of another outlet's reporting
    "analyticsinsight.ae", "techstartups.com", "europeanbusinessreview.com", "kinomotomag.com",
    "thehollywoodear.com", "press.airstreet.com",  # a newsletter on Substack: a blog
    "eu.36kr.com",  # relays The Information's reporting
    "saastr.com",  # its Canva page summarises Fortune's report
)  # fmt: skip


@pytest.mark.parametrize("name", FILES)
def test_source_tiers_follow_the_rule(name):
    """Issue 25: press is secondary (Bloomberg once counted as primary in the valuation files); aggregators,
    databases and machine-written sites are aggregators; the article stays secondary."""
    for i, row in enumerate(csv.DictReader((DATA / name).open(encoding="utf-8")), 1):
        host = urllib.parse.urlsplit(row["source_url"]).hostname or ""
        if host.removeprefix("www.").removeprefix("ampvideo.") in PRESS:
            assert row["source_tier"] == "secondary", (name, i)
        if host.removeprefix("www.") in AGGREGATORS:
            assert row["source_tier"] == "aggregator", (name, i)
        if row["source_url"].startswith("article:"):
            assert row["source_tier"] == "secondary", (name, i)
        if row["source_url"].startswith("judgement:"):  # a definition of this project's: its origin, not press
            assert row["source_tier"] == "primary", (name, i)
        if host == "eu.36kr.com":  # a relay names the outlet whose reporting it relays
            assert "The Information" in row["note"], (name, i)
        if "asianewsday.com" in host:  # a mirror names the original it copies
            assert "scmp.com/tech/tech-trends/article/3243553" in row["note"], (name, i)


def test_one_tier_per_publisher():
    """Issue 25: a publisher (a domain, or the article, or this project) carries one tier in every file."""
    tiers: dict[str, set[str]] = {}
    for name in FILES:
        for row in csv.DictReader((DATA / name).open(encoding="utf-8")):
            host = urllib.parse.urlsplit(row["source_url"]).hostname or row["source_url"]
            tiers.setdefault(host.removeprefix("www."), set()).add(row["source_tier"])
    assert len(tiers) > 100 and {host: t for host, t in tiers.items() if len(t) > 1} == {}


def test_the_tier_of_the_article_and_of_this_projects_scales_is_checked(data_copy):
    _rewrite(data_copy / "scales.csv", 2, ",estimated,primary,", ",estimated,secondary,")
    assert any("a judgement:<id> row primary" in m for _, _, m in _error(data_copy).problems)


def test_the_aggregator_flag_and_the_tier_never_disagree(data_copy):
    _rewrite(data_copy / "return_hurdles.csv", 3, ",true,", ",false,")
    assert any(
        "aggregator is true exactly when source_tier is aggregator" in m for _, _, m in _error(data_copy).problems
    )


def test_data_dictionary_documents_every_column():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in FILES:
        header = next(csv.reader((DATA / name).open(encoding="utf-8")))
        assert f"`{name}`" in readme, name
        for column in header:
            assert f"`{column}`" in readme, (name, column)


@pytest.mark.skipif(not SHARED_RESEARCH.is_dir(), reason="../shared/research is not beside the project")
def test_funding_figures_come_from_the_research():
    research = pd.read_csv(SHARED_RESEARCH / "funding_rounds.csv", dtype=str, keep_default_na=False)
    ours = pd.read_csv(DATA / "funding_rounds.csv", dtype=str, keep_default_na=False)
    assert len(ours) == len(research)
    rank = {"reported": 0, "estimated": 1, "disputed": 2}
    for (_, a), (_, b) in zip(ours.iterrows(), research.iterrows(), strict=True):
        assert (a["amount_usd"], a["post_money_usd"], a["source_url"]) == (
            b["amount_usd"],
            b["post_money_valuation_usd"],
            b["source_url"],
        )
        # our flag may only be stricter than the research's, and then the row says why
        assert rank[a["confidence"]] >= rank[b["confidence"]], a["round_id"]
        if a["confidence"] != b["confidence"]:
            assert "re-flagged" in a["note"].lower(), a["round_id"]


@pytest.mark.skipif(not SHARED_RESEARCH.is_dir(), reason="../shared/research is not beside the project")
def test_metric_figures_come_from_the_research():
    research = pd.read_csv(SHARED_RESEARCH / "company_metrics.csv", dtype=str, keep_default_na=False)
    ours = pd.read_csv(DATA / "company_metrics.csv", dtype=str, keep_default_na=False)
    pairs = set(zip(research["value"], research["source_url"], research["confidence"], strict=False))
    notes = (SHARED_RESEARCH / "notes.md").read_text(encoding="utf-8")
    for row in ours.itertuples():
        if row.metric == "product_cost_monthly_usd":  # from the notes' context paragraph, not the CSV
            assert row.source_url.split("//")[1].split("/")[0] in notes
            continue
        # a reported figure may be downgraded to estimated, never upgraded, and the row's note says why
        downgraded = row.confidence == "estimated" and "estimated, not reported" in row.note
        confidence = "reported" if downgraded else row.confidence
        assert (row.value, row.source_url, confidence) in pairs, row.metric_id


def _rewrite(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def _error(data_dir) -> DataError:
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    return info.value


def test_negative_amount_names_file_row_and_column(data_copy):
    _rewrite(data_copy / "funding_rounds.csv", 4, ",50000000,", ",-50000000,")
    err = _error(data_copy)
    assert err.path.name == "funding_rounds.csv"
    assert (3, "amount_usd") in {(r, c) for r, c, _ in err.problems}
    assert "row 3 (line 4), column 'amount_usd'" in str(err)


def test_bad_date_unknown_company_and_duplicate_key(data_copy):
    path = data_copy / "funding_rounds.csv"
    _rewrite(path, 5, "2023-06-29,2023-06-29", "2023-06-29,2023-06-31")
    _rewrite(path, 6, "runway_series_d,runway", "runway_series_d,unknown_co")
    _rewrite(path, 7, "runway_series_d_2,", "runway_series_d,")
    found = {(r, c) for r, c, _ in _error(data_copy).problems}
    assert {(4, "as_of"), (5, "company_id"), (6, "round_id")} <= found


def test_missing_and_extra_columns(data_copy):
    df = pd.read_csv(data_copy / "company_metrics.csv", dtype=str, keep_default_na=False)
    df.drop(columns="confidence").assign(extra="x").to_csv(data_copy / "company_metrics.csv", index=False)
    err = _error(data_copy)
    assert err.path.name == "company_metrics.csv"
    messages = {c: m for _, c, m in err.problems}
    assert "missing" in messages["confidence"] and "unexpected" in messages["extra"]


def test_empty_file_and_bad_encoding(data_copy):
    (data_copy / "article_claims.csv").write_text("", encoding="utf-8")
    assert "empty" in str(_error(data_copy))
    (data_copy / "article_claims.csv").write_bytes((DATA / "article_claims.csv").read_bytes() + b"x,\xff\xfe\n")
    assert "UTF-8" in str(_error(data_copy))


def test_two_companies_with_one_display_name_are_refused(data_copy):
    _rewrite(data_copy / "companies.csv", 3, "openai,OpenAI,", "openai,Runway,")
    assert (2, "name") in {(r, c) for r, c, _ in _error(data_copy).problems}


def test_two_counted_reports_of_one_round_are_refused(data_copy):
    _rewrite(data_copy / "funding_rounds.csv", 7, ",conflicting_report,", ",primary,")
    err = _error(data_copy)
    assert any("one 'primary' row per round_key" in m for _, _, m in err.problems)


NUMERIC = [
    ("funding_rounds.csv", "amount_usd"),
    ("funding_rounds.csv", "post_money_usd"),
    ("company_metrics.csv", "value"),
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.sampled_from(NUMERIC),
    row=st.integers(0, 30),
    bad=st.sampled_from(["-1", "-0.5", "abc", "1e999", "12,5", "$5M", "nan"]),
)
def test_any_corrupt_number_is_reported_at_its_row_and_column(tmp_path_factory, target, row, bad):
    folder = tmp_path_factory.mktemp("corrupt")
    for name in FILES:
        (folder / name).write_bytes((DATA / name).read_bytes())
    name, column = target
    df = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
    row = row % len(df)
    df.loc[row, column] = bad
    df.to_csv(folder / name, index=False)
    err = _error(folder)
    assert err.path.name == name
    assert (row + 1, column) in {(r, c) for r, c, _ in err.problems}


def test_a_file_loaded_again_is_checked_again_once_it_changes(data_copy, monkeypatch):
    """Loading unchanged files again reuses their validation (pandera's checks are most of a load); a changed
    byte, in the file or in a file it is checked against, is validated afresh; every load gets frames of its
    own."""
    checked = []
    real = pa.DataFrameSchema.validate
    monkeypatch.setattr(
        pa.DataFrameSchema, "validate", lambda self, *a, **k: checked.append(self.name) or real(self, *a, **k)
    )
    load_dataset(data_copy)
    checked.clear()
    for _ in range(2):  # reused, and a caller's change to a frame never reaches the next load
        rounds = load_dataset(data_copy).rounds
        rounds.loc[0, "round"] = "changed by a caller"
        assert load_dataset(data_copy).rounds.loc[0, "round"] != "changed by a caller"
    assert checked == []

    def edit(name: str, old: str, new: str) -> None:
        text = (DATA / name).read_text(encoding="utf-8")
        assert old in text
        (data_copy / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("funding_rounds.csv", ",primary,", ",primarily,")
    with pytest.raises(DataError, match="(?s)funding_rounds.csv.*column 'treatment'"):
        load_dataset(data_copy)
    assert checked == ["funding_rounds.csv"]  # the one changed file, the others reused
    shutil.copy(DATA / "funding_rounds.csv", data_copy)
    # files checked against others (ids) are checked again when those change, their own bytes unchanged
    edit("predictions.csv", "runway_demo_by_2027_06,", "runway_demo_renamed,")
    with pytest.raises(DataError, match="(?s)events.csv.*column 'prediction_id'"):
        load_dataset(data_copy)
    shutil.copy(DATA / "predictions.csv", data_copy)
    edit("companies.csv", "\npika,", "\npikb,")  # as many companies as before, one id changed
    with pytest.raises(DataError, match="(?s)funding_rounds.csv.*column 'company_id'.*'pika'"):
        load_dataset(data_copy)


def test_a_conditional_tranches_source_carries_its_own_tier():
    """Issue 25: roic.ai (a financial-data aggregator), cited for OpenAI's conditional tranche, was counted with
    its row's tier (secondary, verdict.co.uk's)."""
    from prequel.data import load_dataset
    from prequel.sourcing import cited_rows

    rows = cited_rows(load_dataset(), ["funding_rounds"])
    roic = rows[rows["source_url"].str.contains("roic.ai")]
    assert len(roic) and set(roic["group"]) == {"aggregator"}
    others = rows[(rows["file"] == "funding_rounds") & rows["source_url"].str.contains("verdict.co.uk")]
    assert set(others["group"]) == {"secondary"}  # the row's own source keeps the row's tier


def test_a_judgement_states_the_current_judgement_not_its_history():
    """The ledger shows each event's judgement to readers: how it was judged before belongs in the note."""
    history = re.compile(r"\b(re-judged|first judged|was marked|mistaken)\b", re.IGNORECASE)
    with (DATA / "events.csv").open(newline="", encoding="utf-8") as f:
        found = [row["event_id"] for row in csv.DictReader(f) if history.search(row["judgement"])]
    assert not found, f"judgements that tell their history (move it to the note): {found}"


def test_a_judgement_resting_on_an_aggregators_date_says_so_beside_the_event():
    """e07 (Runway's own post of 2026-05-04) is 'no new artefact' only because Characters launched earlier, a date
    that only aggregators' pages give (e21, and the podcast summary e06): its judgement says so in the ledger."""
    events = {row["event_id"]: row for row in csv.DictReader((DATA / "events.csv").open(encoding="utf-8"))}
    assert {events[i]["source_tier"] for i in ("e06", "e21")} == {"aggregator"}
    assert events["e07"]["source_tier"] == "primary" and events["e07"]["lenient"] == "no"
    assert "rests on aggregator pages only" in events["e07"]["judgement"]
    assert "judgement is unconfirmed" in events["e07"]["judgement"]
