"""The front page in words: inputs formatted, result labels without ids, a counted heading, small thumbnails."""

import base64
import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from prequel.pipeline import site


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("net_burn_monthly_usd", [25000000.0, 60000000.0], "$25M to $60M"),
        ("correction_if_miss", [0.4, 0.7], "40% to 70%"),  # one range style: results.range_text
        ("weights", None, "(all equal)"),
        ("weights", {"api_availability": 1.0, "world_model_focus": 3.0}, "API availability 1, world-model focus 3"),
        ("arr_growth_annual", 0.65, "65%"),
        ("demo_median_months", 14.0, "14"),
        ("p_thesis", 0.2, "20%"),
        ("strictness", "lenient", "read leniently"),
        ("view", "sourced", "in the table the sourced facts support"),  # the review: "View sourced article"
        ("min_confidence", "any", "any evidence counting"),
        ("seed", None, "none"),
        ("seed", 20261124, "20261124"),
        ("revenue_growth", [0.4, 1.0], "40% to 100%"),  # never "0.4 to 1"
        ("hurdle_irr", [0.25, 0.35], "25% to 35%"),  # a seed is a name for draws: never "20,261,124"
        ("existing_demo_counts", None, "none"),  # never 'null' (the JSON the rerun block once showed)
        ("log_scale", True, "yes"),  # never 'true' or 'True'
        ("include_aggregator", False, "no"),
        ("net_burn_monthly_usd", [10_000_000, 40_000_000], "$10M to $40M"),
        ("companies", ["runway", "openai"], "Runway, OpenAI"),
        ("leaderboard", "physics_iq", "Physics-IQ"),
        ("payoff_overrides", {}, "none"),  # never a blank cell
    ],
)
def test_inputs_in_words(name, value, shown):
    assert site.param_text(name, value) == shown


def test_a_result_reads_by_its_declaration_not_its_name():
    from prequel.results import Result

    declared = {
        "verdict_robustness": Result(
            "verdict_robustness", "Verdicts", fields=(Result("share_holds", "Holds", "share"),)
        ),
        "p_thesis_usd": Result("p_thesis_usd", "A count named like money", "count"),
    }
    assert site.result_text(declared, "verdict_robustness.share_holds", 0.4) == "40%"
    assert site.result_text(declared, "p_thesis_usd", 3) == "3"  # its name says money and probability: it is a count


def test_heading_counts_the_cards():
    assert site.count_words(5) == "Five" and site.count_words(1) == "One"


def test_thumbnails_are_small():
    fig, ax = plt.subplots(figsize=(12, 7))
    ax.plot(range(100), [i**0.5 for i in range(100)])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200)
    plt.close(fig)
    original = base64.b64encode(buffer.getvalue()).decode()
    small = site.thumbnail(original)
    assert len(small) < len(base64.b64decode(original)) / 3 and len(small) < 90_000
    from PIL import Image

    assert Image.open(io.BytesIO(small)).width == site.THUMB_WIDTH


def test_a_small_palette_keeps_each_companys_colour_exact():
    """128 colours by a median cut alone merged OpenAI's blue and Google's green on the cards: a colour means one
    company on every image."""
    from PIL import Image

    from prequel.present.style import FOCUS

    fig, ax = plt.subplots(figsize=(8, 5))
    for i, colour in enumerate(FOCUS.values()):
        ax.bar(i, 1, color=colour, width=0.6)
        ax.plot(range(20), [0.5 + 0.02 * x * (i + 1) for x in range(20)], color=colour, lw=0.6)  # edges to blend
    ax.imshow([[x / 50 for x in range(50)]], extent=(3, 6, 0, 1), cmap="viridis", aspect="auto")  # many more hues
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    image = Image.open(io.BytesIO(site.palette_png(buffer.getvalue(), colors=16))).convert("RGB")
    seen = {"#{:02X}{:02X}{:02X}".format(*rgb) for _, rgb in image.getcolors(maxcolors=1 << 16)}
    assert set(FOCUS.values()) <= seen


def _png(width_in: float, height_in: float) -> str:
    fig, ax = plt.subplots(figsize=(width_in, height_in))
    ax.plot([0, 1], [0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def test_a_card_shows_the_charts_phone_variant_so_its_text_stays_readable():
    """A card is a phone's width or less: the page's chart shrunk into it drew its text at 3 to 5 px."""
    import nbformat
    from PIL import Image

    wide, phone = _png(12, 6), _png(7.2, 9)
    output = nbformat.v4.new_output(
        "display_data", data={"image/png": wide}, metadata={"image/png": {"alt": "a", "narrow": {"src": phone}}}
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("fig", outputs=[output])])
    card = site._card_image(nb, "01_x", "base")
    shown = Image.open(io.BytesIO(card["png"]))
    assert shown.size == (site.CARD_WIDTH, 450) == (card["width"], card["height"]) and card["alt"] == "a"
    assert card["src"] == "01_x.card.png"  # a file beside the front page, not a data URI a third larger
    del output.metadata["image/png"]["narrow"]
    assert Image.open(io.BytesIO(site._card_image(nb, "01_x", "base")["png"])).width == site.THUMB_WIDTH


def test_a_cards_chart_links_its_reader_pages_png_csv_and_sources():
    """Issue 25: every chart, the front page's cards too, has its sources, "Download PNG", "Download CSV" and a
    "Cite this" line under it: a card's files are its reader page's chart files, numbered as the page numbers them."""
    import nbformat
    import pandas as pd
    from IPython.display import display

    from prequel.present import report

    shown = []
    report.display = lambda obj, metadata=None, raw=False, **_: shown.append((obj, metadata))
    try:
        report.show_table(pd.DataFrame({"x": [1], "y": [2]}), "The chart's data: a line")
    finally:
        report.display = display
    data, meta = shown[0]
    table = nbformat.v4.new_output("display_data", data={"text/html": data["text/html"]}, metadata=meta)
    sources = {"sources": [{"url": "https://example.org/a", "publisher": "example.org", "date": "2026-01-02"}]}

    def chart(tags=()):
        output = nbformat.v4.new_output("display_data", data={"image/png": _png(4, 3)}, metadata={"image/png": {}})
        output.metadata["image/png"]["sources"] = sources
        return nbformat.v4.new_code_cell("fig", outputs=[output], metadata={"tags": list(tags)})

    cells = [chart(), chart(["readme-figure"]), nbformat.v4.new_code_cell("t", outputs=[table])]
    card = site._card_image(nbformat.v4.new_notebook(cells=cells), "04_ops", "base")
    assert card["files"] == {"wide": "base/04_ops.chart2.png", "csv": "base/04_ops.chart2.csv", "number": 2}
    assert card["sources"] == sources
    names = site.chart_files(nbformat.v4.new_notebook(cells=cells), "04_ops")
    assert {"04_ops.chart2.png", "04_ops.chart2.csv"} <= set(names)  # the files the card links exist


def test_scenario_banner_has_description_and_a_link_to_base():
    banner = site.scenario_banner({"name": "bear"}, "02_winners_losers")
    assert banner["description"] and banner["base_href"] == "../base/02_winners_losers.html"
    assert site.scenario_banner({"name": "base"}, "02_winners_losers") is None  # every default: no banner
    assert site.scenario_banner(None, "x") is None


def _notebook_with_answer(answer: dict):
    """A small executed notebook: a title, the answer shown at its top (``show_headline``), an argument, the results."""
    import nbformat
    from conftest import published_output

    from prequel.present.report import HEADLINE_META, TABLE_META, headline_markdown

    nb = nbformat.v4.new_notebook()
    top = nbformat.v4.new_code_cell("show_headline()")
    top.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/markdown": headline_markdown(answer), "text/plain": "<Markdown>"},
            metadata={TABLE_META: {HEADLINE_META: True}},
        )
    ]
    results = nbformat.v4.new_code_cell("publish_results(...)")
    results.outputs = [published_output(answer)]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Kicker: is this a question?\n\nThe intro."),
        nbformat.v4.new_markdown_cell("## The answer first"),
        top,
        nbformat.v4.new_markdown_cell("## 1. The argument\n\nArgument text."),
        results,
    ]
    return nb


def test_the_reader_page_opens_with_the_finding_its_details_and_what_would_flip_it(tmp_path):
    answer = {
        "finding": "The headline says $860M in one sentence.",
        "details": ["First detail <b>with markup</b>.", "Second detail about runway_pivot."],
        "key_numbers": [{"label": "Key", "value": "35% (0-55%)"}, {"label": "Other", "value": "$1.2B"}],
        "flip": "A weight of 0.24 flips it.",
        "sourcing": {"sources": 3, "primary_sources": 1},
    }
    nb = _notebook_with_answer(answer)
    reader, with_code = site.render_pages(nb, "01_x", tmp_path)
    page = reader.read_text(encoding="utf-8")
    answer_block = page[page.index('class="prequel-answer"') : page.index("</section>")]
    assert '<h1 id="page-question">Is this a question?</h1>' in answer_block
    assert '<p class="prequel-finding">The headline says $860M in one sentence.</p>' in answer_block
    details = answer_block[answer_block.index('<ul class="prequel-details">') :]
    assert details.index("First detail &lt;b&gt;with markup&lt;/b&gt;.") < details.index("Second detail about")
    assert "runway_pivot" not in details  # ids in words
    assert "<b>with markup</b>" not in page  # details are data: escaped, never markup
    assert "<strong>What would flip it:</strong> A weight of 0.24 flips it." in answer_block
    order = [answer_block.index(c) for c in ("prequel-finding", "prequel-numbers", "prequel-details", "prequel-flip")]
    assert order == sorted(order)  # the headline and its numbers first (one screen at 390 px), then the details
    assert '<dd>35% <span class="prequel-range">(0-55%)</span></dd>' in answer_block
    assert "<dd>$1.2B</dd>" in answer_block
    # the notebook's own copy of the answer (and its heading) is left out of the reader page, kept with the code
    argument = page[page.index("</section>") :]
    assert "The answer first" not in page and "The headline says" not in argument
    assert "Argument text." in argument
    assert "The headline says" in with_code.read_text(encoding="utf-8").split("</section>", 1)[1]
    assert with_code.read_text(encoding="utf-8").count("The headline says") == 1  # the headline once


def test_a_page_without_published_details_or_flip_shows_neither(tmp_path):
    nb = _notebook_with_answer({"finding": "Only a headline."})
    page = site.render_pages(nb, "01_x", tmp_path)[0].read_text(encoding="utf-8")
    answer_block = page[page.index('class="prequel-answer"') : page.index("</section>")]
    assert "Only a headline." in answer_block and "prequel-details" not in answer_block
    assert "What would flip it" not in page


@pytest.mark.parametrize(
    ("value", "parts"),
    [("35% (0-55%)", ("35%", "(0-55%)")), ("$1.2B", ("$1.2B", "")), ("4 years (3-5)", ("4 years", "(3-5)"))],
)
def test_a_key_number_shows_its_range_apart(value, parts):
    assert site.split_range(value) == parts


def test_details_are_sentences_in_readers_words():
    shown = site.details_of({"details": ["holds for runway_pivot", 3, " "]})
    assert shown == [site.readable("holds for runway_pivot")] and "_" not in shown[0]
    assert site.details_of({"details": "not a list"}) == [] and site.details_of({}) == []


def test_a_scenario_page_links_the_front_page_and_itself_in_every_other_scenario(tmp_path):
    nb = _notebook_with_answer({"finding": "Only a headline."})
    scenario = {"name": "bull", "description": "Strong thesis."}
    page = site.render_pages(nb, "01_x", tmp_path, scenario=scenario, scenarios=["bear", "bull", "base"])[0]
    text = page.read_text(encoding="utf-8")
    assert '<a href="../index.html">All notebooks</a>' in text  # the front page, above the scenarios' folders
    links = text[text.index('class="prequel-scenarios"') :].split("</nav>", 1)[0]
    assert [a for a in ("../base/01_x.html", "../bear/01_x.html") if f'href="{a}"' in links] == [
        "../base/01_x.html",
        "../bear/01_x.html",
    ]
    assert links.index("base") < links.index("bear") < links.index("bull")  # base first
    assert '<strong aria-current="page">bull</strong>' in links and "../bull/" not in links
    plain = site.render_pages(nb, "01_x", tmp_path)[0].read_text(encoding="utf-8")
    assert '<a href="index.html">All notebooks</a>' in plain  # a run without scenarios: its index is the front
    assert "prequel-scenarios" not in plain  # no scenario site: nothing to link


def test_every_page_links_the_explorer_when_the_run_writes_it_and_never_otherwise(tmp_path):
    """Issue 24: the base pages too, not only the other scenarios'; no dead link when no explorer is built."""
    nb = _notebook_with_answer({"finding": "Only a headline."})
    link = '<a href="../explore.html">Explore dates and scenarios</a>'
    for name in ("base", "bull"):
        with_explorer = site.render_pages(nb, "01_x", tmp_path, scenario={"name": name}, explore=True)
        assert all(link in page.read_text(encoding="utf-8") for page in with_explorer), name
        without = site.render_pages(nb, "01_x", tmp_path, scenario={"name": name})
        assert not any("explore.html" in page.read_text(encoding="utf-8") for page in without), name
    plain = site.render_pages(nb, "01_x", tmp_path, explore=True)[0].read_text(encoding="utf-8")
    assert "explore.html" not in plain  # a run without scenarios writes no explorer


def test_a_page_of_a_single_scenario_run_links_only_rendered_pages_and_base_once(tmp_path):
    """Issue 25: no link to a sibling scenario's page that was not rendered; "See this page with the base
    inputs" never beside the scenario links' own link to base."""
    nb = _notebook_with_answer({"finding": "Only a headline."})
    scenario = {"name": "bull", "description": "Strong thesis."}
    names = ["bear", "bull", "base"]
    alone = site.render_pages(nb, "01_x", tmp_path, scenario=scenario, scenarios=names, rendered=["bull"])[0]
    text = alone.read_text(encoding="utf-8")
    assert "../base/" not in text and "../bear/" not in text
    assert "base (not rendered)" in text and "bear (not rendered)" in text
    every = site.render_pages(nb, "01_x", tmp_path, scenario=scenario, scenarios=names, rendered=names)[0]
    text = every.read_text(encoding="utf-8")
    assert text.count('href="../base/01_x.html"') == 1 and "not rendered" not in text
    assert "See this page with the base inputs" not in text  # the scenario links hold the one link to base


def test_rendered_pages_reads_each_scenario_folder(tmp_path):
    from prequel.pipeline import outputs
    from prequel.pipeline.scenarios import rendered_pages

    for name, pages in (("base", ["01_x.html", "01_x.code.html", "02_y.html"]), ("not-a-scenario", ["01_x.html"])):
        folder = tmp_path / name
        folder.mkdir()
        outputs.mark(folder)
        for page in pages:
            (folder / page).write_text("")
    assert rendered_pages(tmp_path) == {"base": {"01_x", "02_y"}}
    assert rendered_pages(tmp_path / "missing") == {}


def test_front_page_rows_name_the_measure_its_subject_and_its_setting_in_words():
    from prequel.analysis.predictions import RESULTS as PREDICTIONS
    from prequel.analysis.winners import RESULTS as WINNERS
    from prequel.present.labels import words

    values = {
        "verdict_robustness": {"article": {"runway_pivot": {"outcome": "fails", "flip": {"to": 0.24}}}},
        "rank_first_share_by_view": {"sourced": {"google": 1.0}},
    }
    rows = {key: shown for key, shown, _, _ in site.reader_rows(values, dict(WINNERS))}
    verdict = "The article's verdict \u201cRunway: best positioned for the pivot\u201d (in the article's table): "
    assert rows == {
        "verdict_robustness.article.runway_pivot.outcome": verdict + "holds or fails at the scenario's weights",
        "verdict_robustness.article.runway_pivot.flip.to": (
            verdict + "the one weight that reverses it soonest: the share at which the verdict reverses"
        ),
        "rank_first_share_by_view.sourced.google": (  # the company's name as the words loaded say it
            f"{words('google')}: share of random weightings of the dimensions that rank it first "
            "(in the table the sourced facts support)"
        ),
    }
    assert not any("_" in shown or ": article" in shown for shown in rows.values())
    # the review's technical rows: a Brier score says what its values mean, a letter of a formula is gone, and
    # a fit's sample size and shape (a model's internals) are not listed
    fit = {"gaps": 34, "observed": 21, "shape_k": 0.98, "median_months": 9.9}
    values = {"brier": {"runway_demo_by_2027_06": 0.72}, "qualifying_share": {"runway_demo_by_2027_06": 0.07}}
    rows = {key: shown for key, shown, _, _ in site.reader_rows(values | {"fit": fit}, dict(PREDICTIONS))}
    assert set(rows) == {"brier.runway_demo_by_2027_06", "qualifying_share.runway_demo_by_2027_06", "fit.median_months"}
    assert (
        "certain and wrong" in rows["brier.runway_demo_by_2027_06"]
        and "coin toss" in rows["brier.runway_demo_by_2027_06"]
    )
    assert not [shown for shown in rows.values() if re.search(r"\(q\)|\bgaps\b|shape k", shown, re.I)], rows


def test_a_value_one_scenario_lacks_reads_not_estimated_on_the_front_page_with_a_short_note():
    from prequel.results import Result

    growth = Result("growth_for_half", "Yearly growth at which half the combinations justify the price", "share")

    def scenario(name, value, finding):
        entry = {
            "results": {"growth_for_half": value, "finding": finding},
            "declarations": {growth.id: growth.as_dict()},
        }
        return {"name": name}, {"notebooks": {"06_valuation": entry}}

    bear_finding = "The data cannot say: no public software multiple is known, so that class says nothing."
    rows = site._scalar_rows([scenario("base", 0.58, "Only if"), scenario("bear", None, bear_finding)], {})
    (row,) = rows
    assert [c["text"] for c in row["cells"]] == ["58%", "not estimated"]  # issue 25: 'none' read as 0%
    assert row["notes"] == [  # issue 25: a short line under the heading, not the scenario's whole finding
        "Bear: \u201cnot estimated\u201d where the scenario gives no value (its valuation page says why)."
    ]
    rows = site._scalar_rows(
        [scenario("base", 0.58, "Only if"), scenario("bear", None, bear_finding)], {"06_valuation": "Valuation"}
    )
    assert rows[0]["notes"][0].endswith("(its Valuation page says why).")
    # two scenarios lacking values of one notebook, in different rows: one line for both, at the group's first row
    both = site._scalar_rows([scenario("base", 0.58, ""), scenario("bear", None, ""), scenario("bull", None, "")], {})
    assert both[0]["notes"] == [
        "Bear and bull: \u201cnot estimated\u201d where the scenario gives no value (its valuation page says why)."
    ]


def test_a_front_page_cell_is_marked_changed_only_when_it_reads_otherwise_and_a_row_rounds_alike():
    """Issue 25: bull's 45% was marked "(changed)" beside base's 45%; '24%, 24%, 3.6%' mixed two roundings in a
    row; 'as notebook 03 publishes it' named a page by its number."""
    from prequel.results import Result, row_alike

    depth = Result("depth", "Median fall of a down round's price, as notebook 03 publishes it", "share")

    def scenario(name, value):
        entry = {"results": {"depth": value}, "declarations": {depth.id: depth.as_dict()}}
        return {"name": name}, {"notebooks": {"04_operational_tradeoffs": entry, "03_prediction_timelines": {}}}

    titles = {"03_prediction_timelines": "Prediction timelines"}
    (row,) = site._scalar_rows([scenario("base", 0.4512), scenario("bear", 0.55), scenario("bull", 0.4497)], titles)
    assert [(c["text"], c["changed"]) for c in row["cells"]] == [("45%", False), ("55%", True), ("45%", False)]
    assert row["label"] == "Median fall of a down round's price, as the Prediction timelines page publishes it"
    assert row_alike(depth, [0.24, 0.24, 0.036]) == ["24%", "24%", "4%"]
    assert row_alike(depth, [0.036, 0.025, 0.0004]) == ["3.6%", "2.5%", "under 1%"]  # no whole point beside them
    assert row_alike(depth, [0.38, 0.025, None]) == ["38%", "3%", "—"]


def test_a_front_page_cell_names_a_company_as_its_page_does():
    """The review: bear's leader read 'Google' on the front page beside 'Google (Alphabet)' on every page."""
    from prequel.results import Result

    leader = Result("leader", "Leader on the weighted total", "status")

    def scenario(name, value):
        names = {"google": "Google (Alphabet)", "openai": "OpenAI"}
        entry = {"results": {"leader": value, "names": names}, "declarations": {leader.id: leader.as_dict()}}
        return {"name": name}, {"notebooks": {"02_winners_losers": entry}}

    (row,) = site._scalar_rows([scenario("base", "openai"), scenario("bear", "google")], {})
    assert [c["text"] for c in row["cells"]] == ["OpenAI", "Google (Alphabet)"]


def test_no_front_page_row_repeats_its_parent_in_one_word():
    """The review: "Under the other reading: reading" (a field labelled by what its parent already says)."""
    from prequel.analysis.operations import RESULTS

    values = {"other_reading": {"strictness": "lenient"}, "other_evidence": {"min_confidence": "any"}}
    labels = [shown for _, shown, _, _ in site.reader_rows(values, dict(RESULTS))]
    assert labels and not [s for s in labels if s.split(": ")[-1].lower() in s.split(": ")[0].lower()], labels


def test_a_parameter_left_at_none_says_what_that_does():
    """The rerun block read "Companies: none" for None, which means every company (its declared help says so)."""
    import jupytext

    from prequel.paths import REPO_ROOT as REPO

    nb = jupytext.read(REPO / "notebooks" / "01_funding_comparison.py")
    rows = {r["name"]: r for r in site._param_rows({"companies": None}, {"companies": None}, site.declared_helps(nb))}
    assert rows["companies"]["shown"] == "none: every company with funding data"
    assert site.none_means({}, "companies") == "none"


def test_the_front_page_lists_no_result_without_a_value_under_any_scenario_and_no_dash_on_a_phone():
    """Issue 25: the folded comparison stacked 31 results into lines of three "—" each at 390 px. A result without a
    value under any scenario is counted in one line, not listed; a "—" cell is marked for a phone's stacked row to
    leave out (prequel.css)."""

    def row(label: str, texts: list[str], differs: bool) -> dict:
        cells = [{"text": t, "prose": False, "changed": differs and i > 0} for i, t in enumerate(texts)]
        return {"notebook": "02", "notebook_title": "Winners", "label": label, "differs": differs, "notes": [],
                "cells": cells, "blank": all(t == "—" for t in texts)}  # fmt: skip

    rows = [
        row("Payoff", ["40%", "—", "50%"], True),
        row("Break-even", ["—"] * 3, False),
        row("Share", ["1"] * 3, False),
    ]
    html = site._templates().get_template("front.html.j2").render(
        scenarios=[], names=["base", "bear", "bull"], rows=rows, cards=[], questions="One question",
        snapshot="2026-11-24", article="The article", never_ran=[], css="", what_changed={"scenarios": []},
        explore=False,
    )  # fmt: skip
    assert "Break-even" not in html and "Not listed: 1 result without a value under any scenario." in html
    assert "Show the 1 result that is the same in every scenario" in html  # the review: 'results no scenario changes'
    assert re.findall(r'<td class="([^"]*)" data-label="bear">—', html) == ["num changed none"]
