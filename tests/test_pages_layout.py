"""The page layer of issue 25, in-process: the folded methods section, the chart files a page loads (one image
per screen, the chart's data as CSV), the sources under a chart, and tables that stack on a phone."""

import base64
import io
import re

import nbformat
import pandas as pd
import pytest
from PIL import Image

from prequel.data import load_dataset
from prequel.paths import NOTEBOOKS_DIR
from prequel.pipeline import site
from prequel.present import report
from prequel.present.sources import figure_sources


def _md(text, tags=()):
    return nbformat.v4.new_markdown_cell(text, metadata={"tags": list(tags)})


def _png(width=40, height=20) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 114, 178)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def test_a_tagged_heading_takes_its_section_into_the_fold_and_a_tagged_cell_goes_alone():
    cells = [
        _md("## 1. Argument"),
        _md("argument prose"),
        _md("the rules of section 1", ["methods"]),
        _md("## 2. Rules", ["methods"]),
        _md("rule prose"),
        _md("### a sub-heading stays in its section"),
        _md("## 3. Back to the argument"),
        _md("more argument"),
    ]
    main, methods = site.split_methods(cells)
    assert [c.source for c in main] == [
        "## 1. Argument",
        "argument prose",
        "## 3. Back to the argument",
        "more argument",
    ]
    assert [c.source for c in methods] == [
        "the rules of section 1",
        "## 2. Rules",
        "rule prose",
        "### a sub-heading stays in its section",
    ]
    assert methods[0].metadata[site.FOLD_META] == "open" and methods[-1].metadata[site.FOLD_META] == "close"
    assert not any(site.FOLD_META in c.metadata for c in main + methods[1:-1])


def test_a_notebook_without_the_tag_has_no_fold():
    main, methods = site.split_methods([_md("## 1. Argument"), _md("prose")])
    assert len(main) == 2 and methods == []


def test_the_reader_page_folds_the_methods_after_the_argument_and_lists_them_last(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _md("# Title: is this a question?"),
        _md("## The rules", ["methods"]),
        _md("Rule text."),
        _md("## 1. The argument"),
        _md("Argument text."),
    ]
    page = site.render_pages(nb, "01_x", tmp_path)[0].read_text(encoding="utf-8")
    fold = page.index('<details class="prequel-methods" id="methods">')
    assert page.index("Argument text.") < fold < page.index("Rule text.") < page.index("</details>", fold)
    toc = page[page.index('class="prequel-toc"') :]
    assert (
        toc.index("1. The argument") < toc.index("Methods and data") and "The rules" not in toc[: toc.index("</nav>")]
    )


def test_each_chart_becomes_one_file_per_screen_with_its_data_as_csv_and_sources_under_it(tmp_path):
    nb = nbformat.v4.new_notebook()
    chart = nbformat.v4.new_output(
        "display_data",
        data={"image/png": _png(), "text/plain": "<Figure>"},
        metadata={
            "image/png": {
                "alt": "A chart of something measured, with its values described for readers.",
                "width": 40,
                "height": 20,
                "narrow": {"src": _png(20, 20), "width": 20, "height": 20},
                "sources": {
                    "sources": [{"publisher": "example.com", "url": "https://example.com/a", "date": "2025-01-02",
                                 "tier": "secondary"}],
                    "more": 2, "figures": 5, "single_secondary": 3, "article": False, "judgement": False,
                },
            }
        },
    )  # fmt: skip
    code = nbformat.v4.new_code_cell("chart()", outputs=[chart])
    data_cell = nbformat.v4.new_code_cell("table()")
    nb.cells = [_md("# Title: is this a question?"), code, data_cell]
    frame = pd.DataFrame({"company": ["runway"], "capital_usd": [860e6]})
    with_table = []

    def capture(obj, metadata=None, raw=False, **_):
        with_table.append(nbformat.v4.new_output("display_data", data=obj, metadata=metadata or {}))

    report.display = capture
    try:
        report.show_table(frame, "The chart's data: capital")
    finally:
        from IPython.display import display

        report.display = display
    data_cell.outputs = with_table
    page = site.render_pages(nb, "01_x", tmp_path)[0].read_text(encoding="utf-8")
    assert {p.name for p in tmp_path.glob("01_x.chart1*")} == {
        "01_x.chart1.png",
        "01_x.chart1.phone.png",
        "01_x.chart1.csv",
    }
    assert "data:image/png" not in page  # no chart inlined: the page loads one file per screen
    source = re.search(r"<source [^>]*>", page).group(0)
    assert 'media="(max-width: 600px)"' in source and 'srcset="01_x.chart1.phone.png"' in source
    assert re.search(r'<img [^>]*src="01_x.chart1.png"', page)
    assert (tmp_path / "01_x.chart1.csv").read_text(encoding="utf-8").splitlines()[0] == "Company,Capital (US$)"
    notes = page[page.index('<figcaption class="prequel-figure-notes">') : page.index("</figcaption>")]
    assert '<a href="https://example.com/a" rel="noopener">example.com, 2025-01-02</a> (secondary)' in notes
    assert "and 2 more" in notes and "3 of the 5 sourced figures" in notes
    assert re.search(r'<a [^>]*href="01_x.chart1.png"[^>]*>Download PNG', notes)
    assert re.search(r'<a [^>]*href="01_x.chart1.csv"[^>]*>Download CSV', notes)
    assert "Cite this: prequel, Title: “Is this a question?”, chart 1, data snapshot" in notes
    assert "01_x" not in notes.split("Cite this")[1]  # a title a reader can cite, not the page's file name
    png = (tmp_path / "01_x.chart1.png").read_bytes()
    assert Image.open(io.BytesIO(png)).mode == "P"  # a palette image


def test_the_sources_under_a_chart_name_its_files_sources_primary_first():
    data = load_dataset()
    cited = figure_sources(data, ["funding_rounds"], "2026-11-24")
    tiers = [s["tier"] for s in cited["sources"]]
    assert tiers == sorted(tiers, key=lambda t: t != "primary") and len(tiers) == 4
    assert cited["figures"] >= len(tiers) + cited["more"] - 1 and 0 <= cited["single_secondary"] <= cited["figures"]
    assert all(s["url"].startswith("http") and s["publisher"] in s["url"] for s in cited["sources"])
    judged = figure_sources(data, ["scales"])
    assert judged["judgement"] and not judged["article"] and judged["sources"] == []  # judgements are no outside source


def test_a_table_of_three_or_more_columns_stacks_on_a_phone_with_each_value_labelled():
    """Unless it fits a phone's column as a grid (``report.fits_a_phone``): then it stays a grid, unlabelled."""
    shown = []
    report.display = lambda obj, metadata=None, raw=False, **_: shown.append(obj["text/html"])
    note = "a round reported with no primary source"
    try:
        report.show_table(pd.DataFrame({"company": ["runway"], "capital_usd": [860e6], "note": [note]}))
        report.show_table(pd.DataFrame({"company": ["runway"], "capital_usd": [860e6]}))
        report.show_table(pd.DataFrame({"company": ["runway"], "capital_usd": [860e6], "as_of": ["2025-04-03"]}))
    finally:
        from IPython.display import display

        report.display = display
    wide, narrow, grid = shown
    assert 'class="prequel-table stack"' in wide and 'class="prequel-table"' in narrow
    assert 'class="prequel-table grid"' in grid and "data-label" not in grid
    cells = re.findall(r"<td[^>]*>", wide)
    assert "data-label" not in cells[0]  # the first column heads the stacked row
    assert all('data-label="' in c for c in cells[1:]) and "data-label" not in narrow
    assert "content: attr(data-label)" in site.stylesheet()


def test_tornado_bars_never_take_a_company_colour():
    import matplotlib

    matplotlib.use("Agg")
    from prequel.analysis.operations_charts import tornado_chart
    from prequel.analysis.winners_charts import margin_tornado
    from prequel.present.style import FOCUS

    company = {c.lower() for c in FOCUS.values()}
    settings = {"assumption": ["peer_multiple", "haircut"], "low_setting": [10, 0.2], "high_setting": [30, 0.5]}
    operations = pd.DataFrame({**settings, "p_low": [0.2, 0.3], "p_high": [0.5, 0.6]})
    winners = pd.DataFrame({"input": ["weight of funding"], "base": [3.0], "low": [-1.0], "high": [5.0]})
    for fig in (tornado_chart(operations, 0.4), margin_tornado(winners, "OpenAI")):
        colours = {matplotlib.colors.to_hex(p.get_facecolor()).lower() for ax in fig.axes for p in ax.patches}
        assert colours and not colours & company, colours


def test_a_long_table_of_a_few_companies_counts_its_rows_not_companies():
    shown = []
    report.display = lambda obj, metadata=None, raw=False, **_: shown.append(obj["text/html"])
    try:
        report.show_table(pd.DataFrame({"company": ["runway", "openai", "google"] * 5, "value_usd": range(15)}))
        report.show_table(pd.DataFrame({"company": [f"c{i}" for i in range(15)], "value_usd": range(15)}))
    finally:
        from IPython.display import display

        report.display = display
    assert "Show all 15 rows" in shown[0] and "Show all 15 companies" in shown[1]


def test_the_front_page_lists_only_the_inputs_a_scenario_changes(tmp_path):
    import json
    from pathlib import Path

    for name, changed in (
        ("base", {}),
        ("bear", {"03_prediction_timelines": {"strictness": "strict", "p_never": 0.3}}),
    ):
        folder = Path(tmp_path) / name
        folder.mkdir()
        (folder / ".prequel-output").write_text("prequel runner output\n", encoding="utf-8")
        (folder / "scenario.json").write_text(json.dumps({"name": name, "changed": changed}), encoding="utf-8")
        (folder / "summary.json").write_text(json.dumps({"notebooks": {}}), encoding="utf-8")
    page = site.render_front_page(Path(tmp_path)).read_text(encoding="utf-8")
    bear = page[page.index('<section id="bear">') :]
    assert "Chance the event never happens" in bear  # changed: 10% -> 30%
    assert ">Reading<" not in bear  # strict is the default: not a change


def test_a_charts_note_names_what_the_page_lists_under_it():
    """The review: 01's chart 1 said "30 sources listed in data/funding_rounds.csv" above 4 + 29 = 33 listed."""
    from prequel.analysis import funding
    from prequel.present.sources import chart_note

    data = load_dataset()
    files = funding.CHART_FILES["capital_chart"]
    cited, note = figure_sources(data, files, "2026-11-24"), chart_note(data, files, "2026-11-24")
    assert f"and {cited['more']} more" in note and all(s["publisher"] in note for s in cited["sources"])
    assert "data/" not in note


def test_no_sentence_or_caption_for_readers_names_a_data_file():
    """File names stay in the Methods and sources section: no string (docstrings aside) of a words or charts
    module names one ("Source: data/physics_benchmarks.csv")."""
    import ast

    found = []
    from pathlib import Path

    analysis = Path(__file__).parent.parent / "src/prequel/analysis"
    for path in sorted([*analysis.glob("*_words.py"), *analysis.glob("*_charts.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body and isinstance(n.body[0], ast.Expr)
        }
        found += [
            (path.name, n.value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
            and re.search(r"data/\w+\.csv", n.value)
        ]  # fmt: skip
    assert found == []


@pytest.mark.parametrize("baseline", sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem)
def test_every_chart_of_the_collection_has_its_data_as_csv_under_it(baseline):
    """Every chart a notebook shows is followed by its "chart's data" table, which the page offers as a CSV."""
    nb = nbformat.read(baseline, as_version=4)
    files = site.chart_files(nb, baseline.stem)
    charts = {name.removesuffix(".png") for name in files if name.endswith(".png") and ".phone" not in name}
    assert charts and {f"{chart}.csv" for chart in charts} <= set(files), sorted(files)


def test_the_sections_a_reader_sees_are_numbered_without_gaps_and_references_follow():
    """Issue 25: with section 4 in the Methods fold, 01 read 1, 2, 3, 5; one rule in the page builder."""
    cells = [
        _md("## 1. Argument"),
        _md("## 2. Rules", ["methods"]),
        _md("rule prose"),
        _md("## 3. Audit\n\nas audited in section 3"),
    ]
    out = nbformat.v4.new_code_cell("")
    out.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": "they are audited in section 3."})]
    main, methods = site.split_methods([*cells, out])
    shown = site.number_sections(main + methods)
    headings = [c.source.splitlines()[0] for c in shown if c.cell_type == "markdown" and c.source.startswith("##")]
    assert headings == ["## 1. Argument", "## 2. Audit", "## 3. Rules"]
    assert "as audited in section 2" in shown[1].source
    assert shown[2].outputs[0]["data"]["text/markdown"] == "they are audited in section 2."


def test_the_count_of_single_source_figures_is_said_in_full_once_per_page():
    """Issue 25: 02 repeated "48 of the 52 ..." under each of its four charts (one set of files for all); then the
    review: a repeat must still say so beside its chart, short ("Same figures as chart 1")."""
    src = {"sources": [], "more": 0, "figures": 52, "single_secondary": 48, "on_aggregator": 3}
    cells = []
    for _ in range(3):
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data", {"image/png": _png()}, metadata={"image/png": {"sources": dict(src)}}
            )
        ]
        cells.append(cell)
    site.flag_once(cells)
    said = [c.outputs[0]["metadata"]["image/png"]["sources"].get("flag_said", False) for c in cells]
    assert said == [False, 1, 1]


def _shown_tables(*frames: pd.DataFrame, **options) -> list[str]:
    """Each frame as ``report.show_table`` displays it (its HTML)."""
    shown: list[str] = []
    report.display = lambda obj, metadata=None, raw=False, **_: shown.append(obj["text/html"])
    try:
        for df in frames:
            report.show_table(df, **options)
    finally:
        from IPython.display import display

        report.display = display
    return shown


def test_a_column_without_a_value_in_any_row_is_left_out_and_said_once():
    """Issue 25: 03's status table showed "Earlier: —" on every row and 05's leaderboard a standard deviation of "—"
    for all 32 entries; the column is left out on every screen, with one line saying so."""
    df = pd.DataFrame({"prediction": ["a", "b"], "status": ["open", "resolved"], "earlier": [None, None], "n": [1, 2]})
    (page,) = _shown_tables(df)
    assert "Earlier" not in re.sub(r'<p class="prequel-table-note">.*?</p>', "", page)
    assert re.findall(r'<p class="prequel-table-note">(.*?)</p>', page) == [
        "The earlier column is left out: no row has a value in it."  # never a quoted header (issue 25)
    ]
    assert len(re.findall(r"<th ", page)) == 3 and "—" not in page
    (kept,) = _shown_tables(df.assign(earlier=[None, "e1"]))
    assert "Earlier" in kept and "prequel-table-note" not in kept  # one value: the column stays
    (two,) = _shown_tables(df.assign(status=None))
    assert re.findall(r'<p class="prequel-table-note">(.*?)</p>', two) == [
        "The status and earlier columns are left out: no row has a value in them."
    ]


def test_a_dash_is_marked_so_a_phones_stacked_row_leaves_it_out():
    """Issue 25: 02's robustness table stacked into lines of "Weight now: —"; a missing value is marked ``none``,
    which a stacked row hides (prequel.css); a present value is not."""
    df = pd.DataFrame({"verdict": ["a", "b"], "outcome": ["holds", "fails"], "weight_now": [0.2, None],
                       "note": ["x", "a note long enough that no phone shows this table as a grid"]})  # fmt: skip
    (page,) = _shown_tables(df)
    assert "stack" in page
    cells = re.findall(r"<td([^>]*)>([^<]*)</td>", page)
    assert [text for attrs, text in cells if "none" in attrs] == ["—"]
    assert all("none" not in attrs for attrs, text in cells if text != "—")
    assert re.search(r"\.stack td\.none \{ display: none; \}", site.stylesheet())


def test_04s_default_alive_grid_is_estimated_to_fit_a_phone_as_a_grid():
    """Issue 25: 04's 5-by-7 grid (cash by net burn) was stacked into 35 lines: the estimate put it at 351 px
    against a 250 px budget. Measured at 338 px at the grid's font; the estimate (343) fits it, in a fold too."""
    burns = [f"${m}M" for m in range(10, 45, 5)]
    headers = ["Cash (US$)", *burns]
    rows = [[cash, "alive", *[str(20 - k) for k in range(6)]] for cash in ("$212M", "$344M", "$475M", "$607M", "$738M")]
    assert report.fits_a_phone(headers, rows) and report.fits_a_phone(headers, rows, folded=True)
    assert not report.fits_a_phone([*headers, "$45M", "$50M"], [[*r, "3", "2"] for r in rows])  # nine: stacked


def test_a_repeated_flag_is_said_short_beside_its_chart():
    """The review: 01's third chart and 02's second and third had no flag, their count said under an earlier
    chart. Each now says it, short, naming the chart that said it in full."""
    macro = site._templates().get_template("figure_sources.html.j2").module.sources_line
    src = {"sources": [], "more": 0, "figures": 52, "single_secondary": 48, "on_aggregator": 3}
    full = str(macro(src, ""))
    short = str(macro({**src, "flag_said": 1}, ""))
    assert "48 of the 52 sourced figures behind this chart" in full and "Same figures" not in full
    assert 'class="prequel-flag"' in short and "Same figures as chart 1: 48 of 52 rest on a single" in short
    assert "prequel-flag" not in str(macro({**src, "single_secondary": 0}, ""))
