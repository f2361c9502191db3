"""The sources section: grouping by tier, the aggregator-only rule, the article by its title, links only
for http(s) URLs."""

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from prequel import SNAPSHOT_DATE, sourcing
from prequel.data import load_dataset
from prequel.present import report
from prequel.present import sources as section

ROOT = Path(__file__).resolve().parents[1]


def reports(*rows):
    """A funding_rounds-like frame: (round_key, amount_usd, source_url, source_tier) per row."""
    return pd.DataFrame(rows, columns=["round_key", "amount_usd", "source_url", "source_tier"])


def test_a_secondary_figure_alone_rests_on_a_single_source_but_is_not_aggregator_only():
    df = reports(("a", 1e6, "https://news.example/a", "secondary"))
    assert sourcing.single_source(df, ("round_key", "amount_usd")).tolist() == [True]
    assert sourcing.aggregator_only(df, ("round_key", "amount_usd")).tolist() == [False]  # press is not one


def test_another_publisher_or_a_primary_source_for_the_same_fact_corroborates():
    df = reports(
        ("b", 3e8, "https://one.example/b", "secondary"),
        ("b", 3e8, "https://two.example/b", "secondary"),
        ("c", 5e7, "https://aggregator.example/c", "secondary"),
        ("c", 5e7, "https://company.example/c", "primary"),
    )
    assert sourcing.single_source(df, ("round_key", "amount_usd")).tolist() == [False] * 4


def test_a_different_figure_or_the_same_publisher_does_not_corroborate():
    df = reports(
        ("d", 1.337e8, "https://one.example/d", "secondary"),
        ("d", 1.377e8, "https://two.example/d", "secondary"),  # the same round, another amount
        ("e", 2e7, "https://www.same.example/1", "secondary"),
        ("e", 2e7, "https://same.example/2", "secondary"),  # the same publisher twice
    )
    assert sourcing.single_source(df, ("round_key", "amount_usd")).tolist() == [True] * 4


def test_a_fact_only_aggregators_report_is_aggregator_only_whatever_their_number():
    df = reports(
        ("h", 1e6, "https://ratios.example/h", "aggregator"),
        ("h", 1e6, "https://copy.example/h", "aggregator"),  # two aggregators: two publishers, still no reporting
        ("i", 2e6, "https://paper.example/i", "secondary"),
        ("j", 3e6, "https://ratios.example/j", "aggregator"),
        ("j", 3e6, "https://press.example/j", "secondary"),  # a press report of the same fact
        ("k", 4e6, "https://ratios.example/k", "aggregator"),
    )
    fact = ("round_key", "amount_usd")
    assert sourcing.aggregator_only(df, fact).tolist() == [True, True, False, False, False, True]
    assert sourcing.single_source(df, fact).tolist() == [False, False, True, False, False, True]
    rows = df.assign(aggregator_only=sourcing.aggregator_only(df, fact))
    assert section.on_aggregator(rows) == 3


def test_a_link_to_an_aggregator_says_so(dataset):
    aggregator = dataset.metrics.loc[dataset.metrics["source_tier"] == "aggregator", "source_url"].iloc[0]
    press = dataset.rounds.loc[dataset.rounds["source_url"].str.contains("bnnbloomberg"), "source_url"].iloc[0]
    flagged = report.source_link(aggregator, aggregators=dataset.aggregator_sources)
    assert flagged.endswith('</a><span class="prequel-tier"> (aggregator)</span>')
    assert "aggregator" not in report.source_link(press, aggregators=dataset.aggregator_sources)


def test_a_further_source_column_flags_its_aggregator_too(dataset):
    """Issue 25 review: techfastforward.com, cited only as a conditional tranche's source (tier aggregator), was
    listed without "(aggregator)"."""
    rows = dataset.rounds[dataset.rounds["conditional_source_tier"] == "aggregator"]
    assert not rows.empty
    assert set(rows["conditional_source_url"].str.strip()) <= dataset.aggregator_sources


def test_two_datasets_in_one_process_each_flag_their_own_aggregators(dataset, data_copy, capsys):
    """Which links say "(aggregator)" is a value of the data shown, not of the data loaded last (issue 25)."""
    aggregator = dataset.metrics.loc[dataset.metrics["source_tier"] == "aggregator", "source_url"].iloc[0]
    assert aggregator in dataset.aggregator_sources
    for name in sourcing.ROW_KEYS:  # the copy calls that page press wherever it is cited
        path = data_copy / f"{name}.csv"
        rows = pd.read_csv(path, dtype=str, keep_default_na=False)
        rows.loc[rows["source_url"].str.strip() == aggregator, "source_tier"] = "secondary"
        rows.to_csv(path, index=False)
    other = load_dataset(data_copy)  # loaded after: the first dataset's links must not change
    assert aggregator not in other.aggregator_sources
    assert aggregator in dataset.aggregator_sources
    table = pd.DataFrame({"figure": ["a run-rate"], "source_url": [aggregator]})
    for data, flagged in ((dataset, True), (other, False), (dataset, True)):
        report.show_table(table, aggregators=data.aggregator_sources)
        assert ("(aggregator)" in capsys.readouterr().out) is flagged


def test_a_table_linking_to_sources_must_be_told_which_are_aggregators():
    table = pd.DataFrame({"figure": ["a run-rate"], "source_url": ["https://news.example/a"]})
    with pytest.raises(TypeError, match="aggregators=data.aggregator_sources"):
        report.show_table(table)
    report.show_table(table.assign(source_url=["data/funding_rounds.csv"]))  # no link: nothing to flag


def test_the_sources_under_a_chart_count_those_on_an_aggregator(dataset):
    notes = section.figure_sources(dataset, ["funding_rounds"])
    rows = sourcing.cited_rows(dataset, ["funding_rounds"])
    assert 0 < notes["on_aggregator"] == rows["aggregator_only"].sum()
    assert notes["single_secondary"] == rows["single_source"].sum() > 0


def test_only_rows_citing_a_web_source_are_flagged():
    df = reports(("f", 1.0, sourcing.ARTICLE_SOURCE, "secondary"), ("g", 1.0, sourcing.JUDGEMENT_SOURCE, "secondary"))
    assert sourcing.aggregator_only(df, ("round_key",)).tolist() == [False, False]


def test_cited_rows_groups_and_flags_the_real_data(dataset):
    rows = sourcing.cited_rows(dataset, sourcing.ROW_KEYS)
    flagged = rows[rows["single_source"]]
    assert len(flagged) and flagged["group"].isin(["secondary", "aggregator"]).all() and flagged["figure"].all()
    assert set(flagged["group"]) == {"secondary", "aggregator"}  # press and aggregators alone are both flagged
    assert set(rows.loc[rows["aggregator_only"], "group"]) == {"aggregator"}
    assert set(rows.loc[rows["source_url"] == sourcing.ARTICLE_SOURCE, "group"]) == {"article"}
    assert set(rows.loc[rows["source_url"] == sourcing.JUDGEMENT_SOURCE, "group"]) == {"judgement"}
    assert not rows.loc[~rows["source_url"].map(sourcing.is_web), "figure"].any()
    physics = rows[rows["file"] == "physics_benchmarks"]  # the paper behind a score adds a source, not a figure
    assert physics["figure"].sum() == len(dataset.physics) < len(physics)


def test_a_second_publisher_for_a_metric_clears_its_flag(dataset):
    rows = sourcing.cited_rows(dataset, ["company_metrics"])
    alone = rows[rows["single_source"]].iloc[0]
    metric = dataset.metrics[dataset.metrics["metric_id"] == alone["row"]]
    second = metric.assign(metric_id="test_second", source_url="https://another-publisher.example/report")
    data = dataclasses.replace(dataset, metrics=pd.concat([dataset.metrics, second], ignore_index=True))
    again = sourcing.cited_rows(data, ["company_metrics"]).set_index("row")["single_source"]
    assert not again[alone["row"]] and not again["test_second"]
    assert again.sum() == rows["single_source"].sum() - 1


def test_rows_dated_after_as_of_are_left_out(dataset):
    everything = sourcing.cited_rows(dataset, ["funding_rounds"])
    early = sourcing.cited_rows(dataset, ["funding_rounds"], as_of="2024-12-31")
    assert 0 < len(early) < len(everything)
    known = set(dataset.rounds.loc[dataset.rounds["as_of_date"] <= pd.Timestamp("2024-12-31"), "round_id"])
    assert set(early["row"]) == known


def test_nothing_known_yet_is_an_empty_section(dataset, monkeypatch):
    rows = sourcing.cited_rows(dataset, ["physics_benchmarks", "funding_rounds"], as_of="1990-01-01")
    assert rows.empty and sourcing.source_table(rows).empty
    shown = []
    monkeypatch.setattr(section, "display", lambda obj, **kw: shown.append(obj))
    section.show_sources(dataset, ["physics_benchmarks"], as_of="1990-01-01")
    assert len(shown) == 1 and "No row of data/physics\\_benchmarks.csv cites an outside source" in shown[0].data


def test_source_table_lists_each_source_once_primary_first():
    rows = pd.DataFrame(
        {
            "file": ["events", "model_releases", "events", "article_claims"],
            "row": ["e1", "r1", "e2", "c1"],
            "source_url": ["https://mixed.example/x", "https://mixed.example/x", "https://blog.example/y", "article:a"],
            "group": ["secondary", "primary", "secondary", "article"],
            "confidence": ["reported", "estimated", "disputed", "reported"],
            "as_of": ["2025", "2025", "2026", "2026"],
            "source_published": [None] * 4,
            "figure": [True, True, True, False],
            "single_source": [False, False, True, False],
        }
    )
    table = sourcing.source_table(rows, {"https://blog.example/y": "2026-01"})
    assert table["group"].tolist() == ["primary", "secondary", "article"]  # primary wins for a mixed source
    mixed = table.iloc[0]
    assert mixed[["figures", "files", "confidence"]].tolist() == [2, "events, model_releases", "estimated, reported"]
    assert table.iloc[1][["single_source", "date"]].tolist() == [1, "2026-01"]


def test_a_source_is_dated_by_its_publication_else_its_latest_dated_fact(dataset):
    one = dataset.metrics.iloc[[0]]
    added = pd.concat(
        [
            one.assign(metric_id="t1", source_url="https://a.example/1", source_published="2025-02", as_of="2025-03"),
            one.assign(metric_id="t2", source_url="https://b.example/2", source_published=None, as_of="2024"),
            one.assign(metric_id="t3", source_url="https://b.example/2", source_published=None, as_of="2024-06-30"),
            one.assign(metric_id="t4", source_url="https://c.example/3", source_published=None, as_of=SNAPSHOT_DATE),
        ]
    )
    data = dataclasses.replace(dataset, metrics=pd.concat([dataset.metrics, added], ignore_index=True))
    dates = sourcing.source_dates(data)
    assert dates["https://a.example/1"] == "2025-02"  # published wins
    assert dates["https://b.example/2"] == "2024"  # the latest fact: 2024 counts from its end
    assert "https://c.example/3" not in dates  # the snapshot date is no page's date


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.latimes.com/business/story/x", True),
        ("http://example.org/a", True),
        ("HTTPS://Example.org/a", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("ftp://example.org/file", False),
        ("//example.org/protocol-relative", False),
        ("www.example.org/no-scheme", False),
        (sourcing.JUDGEMENT_SOURCE, False),
        (sourcing.ARTICLE_SOURCE, False),
    ],
)
def test_only_http_urls_become_links(url, link):
    shown = report.source_link(url, "2026-01")
    assert ("<a " in shown) is link
    if link:
        text = re.sub(r"<[^>]+>", "", shown)
        assert re.fullmatch(r"[a-z0-9.-]+\.[a-z]+, 2026-01", text, re.I) and shown.startswith("<a href="), shown
    else:
        assert "href" not in shown and "<b>" not in shown


def test_the_article_is_shown_by_its_title(dataset):
    shown = report.source_link(sourcing.ARTICLE_SOURCE)
    assert "Runway Bets" in shown and "href" not in shown and "$" in shown and "mathjax_ignore" in shown
    assert sourcing.ARTICLE.url is None
    assert f"*{sourcing.ARTICLE.title}*" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(dataset.claims["as_of"]) == {sourcing.ARTICLE.attributed_date}  # the episode's date


def test_the_section_groups_sources_and_counts_single_source_figures(dataset, monkeypatch):
    shown = []
    capture = lambda obj, **kw: shown.append((obj, kw))  # noqa: E731
    monkeypatch.setattr(section, "display", capture)
    monkeypatch.setattr(report, "display", capture)
    files = ["funding_rounds", "events", "article_claims", "scales"]  # events cite a company's own post: primary
    section.show_sources(dataset, files)
    rows = sourcing.cited_rows(dataset, files)
    counts = section.sources_summary(rows)
    assert counts["single_source"] == rows["single_source"].sum() > 0
    lead = shown[0][0].data
    assert lead.startswith(f"**{counts['single_source']} of {counts['figures']} figures")
    assert f"{counts['on_aggregator']} rest on aggregators' pages alone" in lead
    assert shown[0][1]["metadata"][report.TABLE_META]["sources"] == {
        "total": counts["sources"],
        "primary": counts["primary_sources"],
    }
    html = " ".join(o["text/html"] for o, _ in shown if isinstance(o, dict))
    assert "Primary sources" in html and "Secondary sources" in html and "Sole source of" in html
    assert html.count("<a href=") >= counts["sources"]
    prose = " ".join(o.data for o, _ in shown if hasattr(o, "data"))
    assert "Runway Bets" in prose and "No public URL" in prose and "Equity" in prose
    assert "This project's judgements" in prose and "href" not in prose


def test_outside_sources_list_the_sources_section_s_web_sources_in_its_order():
    from prequel.data import load_dataset

    rows = sourcing.cited_rows(load_dataset(None), sourcing.ROW_KEYS, "2026-06-30")
    web = rows[rows["group"].isin(sourcing.OUTSIDE_TIERS)]
    expected = sourcing.source_table(web)[["source_url", "group"]].rename(columns={"group": "tier"})
    assert len(expected) > 20 and set(expected["tier"]) == {"primary", "secondary", "aggregator"}
    pd.testing.assert_frame_equal(sourcing.outside_sources(rows), expected)
    assert sourcing.outside_sources(rows.iloc[0:0]).columns.tolist() == ["source_url", "tier"]


def test_a_publisher_is_named_once_in_a_charts_sources_line():
    """Issue 25: a chart's footnote read "bnnbloomberg.ca, bnnbloomberg.ca"."""
    from prequel.present.sources import sources_line

    cited = {
        "sources": [{"publisher": "bnnbloomberg.ca"}, {"publisher": "bnnbloomberg.ca"}, {"publisher": "runwayml.com"}],
        "more": 2,
        "article": False,
        "judgement": False,
    }
    assert sources_line(cited) == "Sources: bnnbloomberg.ca, runwayml.com and 2 more."


def test_the_sources_under_a_chart_of_some_companies_are_only_theirs(dataset):
    """The reviewer found 04's Runway-only charts citing OpenAI's and Luma AI's rounds (every row of the file)."""
    rounds = dataset.file("funding_rounds")
    ours = set(rounds.loc[rounds["company_id"] == "runway", "source_url"].dropna())
    cited = section.figure_sources(dataset, ["funding_rounds"], SNAPSHOT_DATE, ["runway"])
    every = section.figure_sources(dataset, ["funding_rounds"], SNAPSHOT_DATE)
    assert {s["url"] for s in cited["sources"]} <= ours
    assert 0 < len(cited["sources"]) + cited["more"] <= len(ours) < len(every["sources"]) + every["more"]
