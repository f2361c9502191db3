"""Labels and cell values a reader sees: ids in words, counts never shown as money, blanks as a dash."""

import io
import re
import urllib.parse

import pandas as pd
import pytest
from conftest import EMBEDDED_ID

from prequel.present import labels, report


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("weight of api_availability", "weight of API availability"),
        ("score of OpenAI on world_model_focus", "score of OpenAI on world-model focus"),
        ("Runway arr_usd 2024-12 (m009)", "Runway revenue run-rate 2024-12 (m009)"),
        ("net_burn_monthly_usd ($10M to $40M)", "Net burn per month ($10M to $40M)"),
        ("data/funding_rounds.csv, data/company_metrics.csv", "data/funding_rounds.csv, data/company_metrics.csv"),
    ],
)
def test_ids_inside_text_become_words(text, shown):
    assert labels.prose(text) == shown


@pytest.mark.parametrize(
    ("column", "header"),
    [
        ("min_confidence=reported (chosen)", "Minimum confidence: reported (chosen)"),
        ("min_confidence=any", "Minimum confidence: any"),
        ("rounds_without_usd", "Rounds without a US$ amount"),
    ],
)
def test_headers(column, header):
    assert labels.label(column) == header


def test_usd_suffixed_counts_are_counts_not_money():
    for column, (_, kind) in labels.LABELS.items():
        if column.endswith("_usd") and ("without" in column or column.startswith(("n_", "rows_", "rounds_"))):
            assert kind == "int", column
    assert labels.kind("rounds_without_usd") == "int"


def test_a_kind_is_declared_never_guessed_from_a_name():
    assert labels.kind("amount_usd") == "money"  # declared in LABELS
    for undeclared in ("surprise_usd", "p_surprise", "surprise_share", "surprise_date"):
        assert labels.kind(undeclared) is None  # the table infers it from the values


def _shown(df, **kw):
    captured = {}

    def fake_display(obj, **_):
        captured.update(obj)

    original = report.display
    report.display = fake_display
    try:
        report.show_table(df, **kw)
    finally:
        report.display = original
    return captured["text/plain"], captured["text/html"]


def test_table_cells_are_words_counts_and_dashes():
    df = pd.DataFrame(
        {
            "verdict_id": ["google_no_product", "runway_pivot"],
            "prediction_id": ["runway_demo_by_2027_06", "openai_demo_by_2027_12"],
            "input": ["weight of api_availability", "score of Runway on video_quality"],
            "rounds_without_usd": [0, 1],
            "note": ["", "x"],
        }
    )
    text, html = _shown(df)
    assert "$0" not in text and "$1" not in text
    assert "Google: no product" in text and "Runway: world-model demo by June 2027" in text
    assert "API availability" in text and "video quality" in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text
    # a missing text value: a dash (marked for a phone's stacked row)
    assert re.search(r'<td( class="none")? style="text-align:left"( data-label="[^"]*")?>—</td>', html)


def test_a_csv_download_reads_as_the_page_no_code_ids_in_headers_or_text():
    df = pd.DataFrame(
        {
            "company_id": ["luma_ai", "world_labs"],
            "input": ["weight of api_availability", "score of Runway on video_quality"],
            "break_even_p": [0.25, 0.5],
            "source_file": ["data/funding_rounds.csv", "data/company_metrics.csv"],  # file names are not ids
        }
    )
    _, html = _shown(df, caption="The chart's data: test")
    found = re.search(r'href="data:text/csv;charset=utf-8,([^"]*)"', html)
    csv = pd.read_csv(io.StringIO(urllib.parse.unquote(found.group(1))))
    assert not [h for h in csv.columns if EMBEDDED_ID.search(h)], list(csv.columns)
    text = [c for col in csv.columns for c in csv[col] if isinstance(c, str)]
    assert text and not [c for c in text if EMBEDDED_ID.search(c)], text
    assert "weight of API availability" in text and "Luma AI" in text
    assert csv["Break-even probability"].tolist() == [0.25, 0.5]  # numbers stay numbers


def test_notebook_words_for_ids():
    labels.register_words({"my_new_id": "My new thing"})
    text, _ = _shown(pd.DataFrame({"event_id": ["my_new_id"]}))
    assert "My new thing" in text


def test_a_notebook_passes_words_for_its_ids():
    text, _ = _shown(
        pd.DataFrame({"x": ["an_id_only_the_notebook_knows"]}), values={"an_id_only_the_notebook_knows": "Its title"}
    )
    assert "Its title" in text


def test_chart_data_fold_names_its_table_and_counts_in_words():
    _, html = _shown(pd.DataFrame({"x": [1]}), caption="The chart's data: the 12 largest swings")
    assert (
        '<summary id="t-the-chart-s-data-the-12-largest-swings">Show the chart\'s data: the 12 largest swings (1 row)'
        in html
    )
    assert "(CSV, 1 row)" in html and "1 rows" not in html
    _, html = _shown(pd.DataFrame({"round": range(20)}), caption="Rounds")
    assert "Show all 20 rounds" in html
    for i in range(20):  # each row once: the fold continues the preview, it does not repeat it
        assert html.count(f">{i}</td>") == 1, i


def test_small_ratios_read_as_fractions_and_intervals_as_percent():
    assert report.ratio(0.00074) == "1/1,350x" and report.ratio(1300) == "1,300x" and report.ratio(0.5) == "0.5x"
    text, _ = _shown(pd.DataFrame({"interval": ["0.10 to 0.30", ""], "share_holds": [0.4, None]}))
    assert "10% to 30%" in text and "40%" in text and "0.4" not in text


def test_custom_formats_show_a_dash_for_nothing():
    text, _ = _shown(
        pd.DataFrame({"x": ["", "a"], "y": [1.0, 2.0]}), formats={"x": str, "y": lambda v: "" if v < 2 else v}
    )
    assert text.count("—") == 2


def test_a_table_without_rows_is_a_sentence_not_a_header_over_nothing():
    empty = pd.DataFrame(columns=["prediction_id", "model_brier"])
    text, html = _shown(empty, caption="Scores", empty="Nothing has resolved, so nothing is scored.")
    assert "<table" not in html and "<th" not in html
    assert "Scores" in html and "Nothing has resolved, so nothing is scored." in html
    assert text == "Scores\nNothing has resolved, so nothing is scored."
    _, html = _shown(empty)
    assert "<table" not in html and "No predictions to show" in html


def test_every_header_cell_has_text():
    """Unnamed row labels (a pivot's index) get a header a screen reader can read (axe: empty-table-header)."""
    df = pd.DataFrame({"amount_usd": [1e6, 2e6]}, index=pd.Index(["a", "b"]))
    _, html = _shown(df)
    headers = re.findall(r"<th[^>]*>(.*?)</th>", html)
    assert len(headers) == 2 and all(re.sub(r"<[^>]+>", "", h).strip() for h in headers), headers
    assert 'class="visually-hidden"' in headers[0]


def test_a_range_reads_in_its_columns_format():
    assert report.range_text("cost_growth_annual", 0.15, 0.45) == "15% to 45%"
    assert report.range_text("net_burn_monthly_usd", 1e7, 4e7) == "$10M to $40M"
    assert report.range_text("window_months", 12, 18) == "12 to 18 months"
    assert labels.bare_label("cash_usd") == "Cash" and labels.bare_label("window_months") == "Demo window"


def test_every_range_reads_in_one_form_whoever_writes_it():
    """Issue 25: '55% to over 99%' beside '3-82%', a tile's '170-210x' beside the lead's '170x to 210x', '$10M to
    $40M' beside '$10M-$40M'. One rule (``labels.span``): each end in full, joined by 'to'; one value when alike."""
    from prequel.results import Result, probability_range, range_text, short_range

    assert labels.span("$10M", "$40M") == "$10M to $40M"
    assert labels.span("0%", "0%") == "0%"  # never '0% (0%-0%)'
    chance, times = Result("p", "P", "probability"), Result("m", "M", "multiple", digits=2)
    assert short_range(chance, 0.03, 0.82) == "3% to 82%"
    assert short_range(chance, 0.55, 0.996) == "55% to over 99%"
    assert short_range(times, 170, 210) == range_text(times, 170, 210) == "170x to 210x"
    assert short_range(Result("u", "U", "money", digits=2), 1e7, 4e7) == report.range_text("cash_usd", 1e7, 4e7)
    assert probability_range("3%", "82%") == "3% to 82%"
    assert report.range_text("cash_usd", 1e7, 1e7) == "$10M"


def test_no_words_or_chart_join_a_range_s_ends_with_a_dash_by_hand():
    """A range written as f"{low}-{high}" by hand bypasses the one rule (``labels.span``)."""
    from pathlib import Path

    package = Path(labels.__file__).parents[1]
    by_hand = re.compile(r"\}[-\u2013]\{|\}[-\u2013]\$\{")
    found = [
        f"{path.name}:{n}"
        for folder in ("analysis", "present")
        for path in sorted((package / folder).glob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if by_hand.search(line)
    ]
    assert not found, found


def test_the_site_s_key_numbers_write_an_interval_in_the_one_form():
    from prequel.results import Leaf, Result, key_number

    times = Result("t", "Times", "multiple", digits=2)
    by_key = {"t": Leaf("t", "Times", times, 210.0), "u": Leaf("u", "Unconditional", times, 170.0)}
    assert key_number(by_key, "OpenAI against Runway", "t", beside="u")["value"] == "170x to 210x"


def test_a_range_at_a_bound_reads_in_one_form_in_tiles_and_bullets():
    """Issue 25: 04's bear page said 'over 99% (over 99% to 100%)' in a tile but '(99% to 100%)' in a bullet."""
    from prequel.analysis import operations_words
    from prequel.results import Leaf, Result, key_number

    assert labels.span("over 99%", "100%") == "99% to 100%" and labels.span("0%", "under 1%") == "0% to 1%"
    assert labels.span("94%", "over 99%") == "94% to over 99%"  # an end in words inside the scale stays
    chance = Result("p", "P", "probability")
    by_key = {"p": Leaf("p", "P", chance, 0.996), "i": Leaf("i", "I", chance, [0.993, 1.0])}
    assert key_number(by_key, "Chance of a down round", "p", beside="i")["value"] == "over 99% (99% to 100%)"
    assert operations_words.chance("p_down_round", 0.996, (0.989, 1.0)) == "over 99% (99% to 100%)"


def test_an_approximation_never_reads_about_over_99_percent():
    """Issue 25: 04's bear lead said 'a down round follows in about over 99%'."""
    assert labels.roughly("97%") == "about 97%"
    assert labels.roughly("over 99%") == "over 99%" and labels.roughly("under 1%") == "under 1%"


def test_level_codes_and_probability_columns_read_as_words():
    from prequel.analysis import winners
    from prequel.present.labels import label, words

    assert [words(code) for code in ("sd", "hd24", "hd60_or_4k", "uhd60")] == [
        "SD",
        "HD 24 fps",
        "HD 60 fps or 4K",
        "4K 60 fps",
    ]
    stake = pd.DataFrame({"payoff_if_thesis": [2], "payoff_if_not": [-1]}, index=["runway"])
    headers = [label(c) for c in winners.payoff_sweep(stake, [0.0, 0.2, 1.0]).columns]
    assert headers == ["At 0%", "At 20%", "At 100%"]  # never "P: 0.2"


def test_text_cells_are_left_aligned_in_a_notebook_view_and_left_to_the_stylesheet_on_the_site():
    from prequel.pipeline import site

    _, html = _shown(pd.DataFrame({"company": ["Runway"], "amount_usd": [5e8]}))
    assert re.search(r'<td style="text-align:left"[^>]*>Runway</td>', html)  # GitHub right-aligns cells otherwise
    assert re.search(r"<td class=\"num\" style=\"text-align:right\"[^>]*>.*500M</td>", html)
    assert report.LEFT_ALIGN not in site._export(_notebook_with_table(html), {}, False)


def _notebook_with_table(html: str):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show_table(df)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "table"})]
    nb.cells = [cell]
    return nb


def test_a_possessive_reads_as_readers_write_it():
    """Issue 25: "Getty Images's" and "Public SaaS median's trailing EV / sales" on 06."""
    from prequel.present.labels import possessive

    assert [possessive(n) for n in ("Canva", "Getty Images", "Public SaaS median")] == [
        "Canva's",
        "Getty Images'",
        "the public SaaS median's",
    ]


def test_a_name_mid_sentence_starts_lower_case_unless_proper():
    """Issue 25: "... and Creative-industry customers never gain" on 02."""
    names = ["Creative-industry customers", "Companies bridging", "Runway's investors", "Google", "OpenAI", "API users"]
    assert [labels.mid_sentence(n, ["Runway", "Google"]) for n in names] == [
        "creative-industry customers",
        "companies bridging",
        "Runway's investors",
        "Google",
        "OpenAI",
        "API users",
    ]


def test_a_chance_takes_its_article():
    assert [labels.a_chance(s) for s in ("40%", "80%", "11%", "18.5%", "1%", "under 1%")] == [
        "a 40% chance",
        "an 80% chance",
        "an 11% chance",
        "an 18.5% chance",
        "a 1% chance",
        "a chance of under 1%",
    ]
