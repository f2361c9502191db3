"""Pages a graphics desk would publish (issue 25), checked in a real browser at a phone's and a desktop's width:
no table wider than its box, no cell's content outside its cell, no code identifier in visible text outside the
rerun block, every chart followed by its download link, a page weight within budget measured from the files the
page loads, and a reader page short above its folded "Methods and data" section."""

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest
from conftest import EMBEDDED_ID, PAGE_TIMEOUT_MS, READER_JARGON

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (390, 1280)
BUDGET_BYTES = 400 * 1024  # a page with its images and stylesheet
MAX_WORDS_ABOVE = 1200  # words of the answer, charts and argument above the folded methods
MAX_TABLES_ABOVE = 6  # tables shown above the folded methods (a folded chart's data is not shown)
# and a module path or constant ("prequel.analysis.demo_timing", "physics.MIN_SPAN_YEARS"), an event id ("e08"),
# a video-quality level code ("uhd60"), a leaderboard entry's id put in words ("piq i2v runway gen 3")
# and (issue 25) a list of lowercase ids ("pika / zhipu / alibaba"), a plural left to the reader ("round(s)"), a raw
# amount ("860,000,000")
OTHER_ID = re.compile(
    r"\bprequel\.\w+|\b[a-z]+\.[A-Z][A-Z_]{2,}\b|\be\d{2,3}\b|\bu?hd\d+\b|\bpiqv? [iv]2v\b"
    r"|\b[a-z]{3,}(?: / [a-z]{3,}){2,}\b|\b[a-z]+\(s\)|\b\d{1,3}(?:,\d{3}){2,}\b"
)

MEASURE_JS = """() => {
  const main = document.querySelector('main') || document.body;
  const shown = [...document.querySelectorAll('table')].filter(t => t.checkVisibility());
  const folded = [...document.querySelectorAll('details')].filter(d => !d.open);
  // every fold opened (a chart's data, the rows after a preview, the methods): no table is cut at its box's edge
  // and no cell's content runs out of its cell
  folded.forEach(d => { d.open = true; });
  const wide = [...document.querySelectorAll('table')].filter(t => t.checkVisibility()).filter(t => {
    const box = (t.closest('.prequel-scroll') || t.parentElement).getBoundingClientRect();
    const r = t.getBoundingClientRect();
    return r.width > box.width + 1 || r.right > main.getBoundingClientRect().right + 1;
  }).map(t => (t.querySelector('th') || {}).textContent || t.className);
  const overflowing = [...document.querySelectorAll('table td, table th')].filter(c => c.checkVisibility())
    .filter(c => {
      const r = c.getBoundingClientRect();
      return c.scrollWidth > c.clientWidth + 1
        || [...c.querySelectorAll('*')].some(k => k.getBoundingClientRect().right > r.right + 1);
    }).map(c => c.textContent.trim().slice(0, 60));
  const ragged = [...document.querySelectorAll('table thead tr')].filter(r => r.checkVisibility()).filter(r => {
    const looks = [...r.children].map(c => getComputedStyle(c)).map(s => s.verticalAlign + s.borderBottomWidth);
    return new Set(looks).size > 1;  // a header row's cells sit on one line and one rule
  }).map(r => r.textContent.trim().slice(0, 60));
  folded.forEach(d => { d.open = false; });
  const methods = [...document.querySelectorAll('details.prequel-methods')].filter(d => !d.open);
  methods.forEach(d => { d.open = true; });  // the folded methods are read too, inline code included
  const visible = document.body.cloneNode(true);
  methods.forEach(d => { d.open = false; });
  visible.querySelectorAll('pre, .jp-CodeCell .jp-InputArea, details.prequel-rerun, script, style')
    .forEach(e => e.remove());
  // a detached copy's innerText is its textContent: cells and blocks would run together ("Confidencee012025-04"),
  // so each ends with a separator and an id in its own cell is a word of its own
  visible.querySelectorAll('td, th, caption, li, dt, dd, p, div, h1, h2, h3, h4, h5, h6, figcaption, br')
    .forEach(e => e.append(' '));
  const above = main.cloneNode(true);
  above.querySelectorAll(
    '.prequel-methods, details.prequel-rerun, .prequel-provenance, .prequel-pager, .prequel-toc, table, figure, '
    + '.prequel-phone-note, '  // a table's own note on a phone is part of the table
    + 'script, style')
    .forEach(e => e.remove());
  above.style.position = 'absolute';
  document.body.appendChild(above);
  const prose = above.innerText;  // what a reader reads above the methods: tiles, answer, argument
  const words = prose.split(/\\s+/).filter(w => /[A-Za-z0-9]/.test(w)).length;
  above.remove();
  const images = [...document.querySelectorAll('main img')];  // the front page's cards' charts included
  const charts = images.filter(i => !i.closest('.card'));  // drawn for a page's column (a card's for a card's)
  const caption = 0.82 * parseFloat(getComputedStyle(document.documentElement).fontSize);  // the caption size
  return {
    caption,
    // each chart's drawing scale on screen: displayed width / its own width (the PNG is drawn at 2x)
    chart_scales: charts.filter(i => i.naturalWidth).map(i => ({
      src: i.currentSrc.split('/').pop(), scale: i.getBoundingClientRect().width / (i.naturalWidth / 2)})),
    wide, overflowing, ragged, text: visible.innerText, words, prose,
    methods: !!document.querySelector('details.prequel-methods'),
    tables_above: shown.filter(t => !t.closest('.prequel-methods, details.prequel-rerun')).length,
    // a card as tall as its content: no empty band under a short card beside a long one
    images: images.length,
    stretched_cards: [...document.querySelectorAll('.card')].filter(c => {
      const last = c.lastElementChild.getBoundingClientRect().bottom;
      return c.getBoundingClientRect().bottom - last > parseFloat(getComputedStyle(c).paddingBottom) + 2;
    }).map(c => c.id),
    charts_without_sources: images.filter(i => {
      const figure = i.closest('figure');
      return !figure || !figure.querySelector('a[download][href$=".png"]')
        || !figure.querySelector('.prequel-figure-sources a[href^="http"], .prequel-figure-sources')
        || !/Cite this/.test(figure.innerText);
    }).length,
  };
}"""


def pages(site: Path) -> list[Path]:
    """Every reader page of the base scenario and the front page over it."""
    readers = sorted(p for p in site.glob("[0-9][0-9]_*.html") if not p.name.endswith(".code.html"))
    return [*readers, site.parent / "index.html"]


@pytest.fixture(scope="module")
def measured(browser, rendered_site):
    """Each page at each width: what MEASURE_JS reads, and the bytes of every file it loaded (the page, its
    stylesheet and the image of each chart the screen's width picks)."""
    out = {}
    for path in pages(rendered_site):
        for width in WIDTHS:
            page = browser.new_page()
            page.set_viewport_size({"width": width, "height": 900})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            loaded: list[str] = []
            page.on("request", lambda request, seen=loaded: seen.append(request.url))
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            facts = page.evaluate(MEASURE_JS)
            files = {Path(unquote(urlparse(url).path)) for url in loaded if url.startswith("file:")}
            facts["bytes"] = sum(f.stat().st_size for f in files if f.is_file())
            facts["files"] = sorted(f.name for f in files)
            out[path.parent.name + "/" + path.name, width] = facts
            page.close()
    return out


def test_no_table_is_wider_than_its_box(measured):
    """Folds opened: 01's capital table, the chart's data of section 3, was cut at 1280 px inside its closed fold."""
    wide = {f"{name} at {width} px": facts["wide"] for (name, width), facts in measured.items() if facts["wide"]}
    assert not wide, f"tables wider than their box (stacked on a phone, wrapped on a desktop): {wide}"


def test_no_cell_content_runs_out_of_its_cell(measured):
    """A long value wraps inside its cell (issue 25: 04's "time to a credible demo" ran over the next column)."""
    over = {f"{name} at {width} px": f["overflowing"][:4] for (name, width), f in measured.items() if f["overflowing"]}
    assert not over, f"cells whose content overflows them: {over}"


def test_every_header_of_a_table_sits_on_one_baseline_and_one_rule(measured):
    """06's reverse valuation had its one number header ('Peers') a line below the others and alone underlined."""
    ragged = {key: facts["ragged"] for key, facts in measured.items() if facts["ragged"]}
    assert not ragged, ragged


def test_no_code_identifier_in_visible_text(measured):
    """Above the fold and in the opened "Methods and data" section, inline code included (issue 25)."""
    found = {}
    for (name, width), facts in measured.items():
        ids = set(EMBEDDED_ID.findall(facts["text"]) + OTHER_ID.findall(facts["text"]))
        if ids:
            found[f"{name} at {width} px"] = sorted(ids)[:6]
    assert not found, f"code identifiers where readers read (outside the rerun block): {found}"


def test_no_notation_or_input_codes_where_readers_read(measured):
    """Above the methods (tiles, answer and argument): "chance of ...", not P(...); "image-to-video", not i2v
    (issue 25: 03's and 04's tiles, 05's lead)."""
    found = {
        f"{name} at {width} px": sorted(set(READER_JARGON.findall(f["prose"])))
        for (name, width), f in measured.items()
        if READER_JARGON.search(f["prose"])
    }
    assert not found, f"notation or codes where readers read: {found}"


def test_every_chart_is_followed_by_its_sources_download_and_citation(measured):
    """The front page's cards too (issue 25: their six charts had none of it)."""
    missing = {f"{name} at {width} px": f["charts_without_sources"] for (name, width), f in measured.items()}
    assert not any(missing.values()), f"charts without sources, 'Download PNG' or 'Cite this' under them: {missing}"
    front = [f["images"] for (name, _), f in measured.items() if name.endswith("/index.html")]
    assert front and all(front), "the front page's cards show their charts, counted here"


def test_no_front_page_card_is_stretched_to_its_rows_tallest(measured):
    """Issue 25: the cards of a row were as tall as the tallest, a short card ending in a tall empty band."""
    stretched = {f"{name} at {width} px": f["stretched_cards"] for (name, width), f in measured.items()}
    assert not any(stretched.values()), stretched


def test_page_weight_within_budget_with_one_image_per_chart(measured):
    heavy = {
        f"{name} at {width} px": f"{facts['bytes'] // 1024} KB"
        for (name, width), facts in measured.items()
        if facts["bytes"] > BUDGET_BYTES
    }
    assert not heavy, f"pages over {BUDGET_BYTES // 1024} KB with what they load: {heavy}"
    for (name, width), facts in measured.items():
        charts = [f for f in facts["files"] if ".chart" in f]
        phone = [f for f in charts if f.endswith(".phone.png")]
        assert len({re.sub(r"(\.phone)?\.png$", "", f) for f in charts}) == len(charts), (name, width, charts)
        assert bool(phone) == (width < 600 and bool(charts)), f"{name} at {width} px loads {charts}"
        assert not any(f.endswith(".css") and f != "prequel.css" for f in facts["files"]), facts["files"]


def test_reader_pages_are_short_above_their_folded_methods(measured):
    for (name, width), facts in measured.items():
        if not name.split("/")[-1][:2].isdigit():
            continue
        assert facts["methods"], f"{name}: no folded 'Methods and data' section"
        assert facts["tables_above"] <= MAX_TABLES_ABOVE, (
            f"{name} at {width} px: {facts['tables_above']} tables above the fold"
        )


def test_reader_pages_have_at_most_1200_words_of_prose_above_their_folded_methods(measured):
    long = {
        f"{name} at {width} px": facts["words"]
        for (name, width), facts in measured.items()
        if name.split("/")[-1][:2].isdigit() and facts["words"] > MAX_WORDS_ABOVE
    }
    assert not long, f"words above the fold: {long}"


#: chart text is at least 9.5 pt drawn at 100 px per inch (``prequel.present.style.PHONE_TEXT_MIN``, ``DPI``)
CHART_TEXT_PX = 9.5 * 100 / 72


def test_phone_charts_show_their_text_at_least_at_the_caption_size(measured):
    """At 390 px each chart shows its phone image, not scaled down, so its smallest text (9.5 pt at 100 px per
    inch, about 13.2 px) is at least the page's caption size on screen."""
    for (name, width), facts in measured.items():
        if width >= 600:
            continue
        small = [c for c in facts["chart_scales"] if CHART_TEXT_PX * c["scale"] < facts["caption"] - 0.1]
        assert all(c["src"].endswith(".phone.png") for c in facts["chart_scales"]), (name, facts["chart_scales"])
        assert not small, f"{name}: chart text below the caption's {facts['caption']} px: {small}"


def table_page(browser, width: int, df: pd.DataFrame, **options):
    """A page holding ``show_table(df, **options)`` as the site writes it (``lean_tables``), at ``width`` px."""
    from prequel.pipeline import lean_tables
    from prequel.present import report

    shown: list[str] = []
    report.display = lambda obj, metadata=None, raw=False, **_: shown.append(obj["text/html"])
    try:
        report.show_table(df, **options)
    finally:
        from IPython.display import display

        report.display = display
    css = (Path(report.__file__).parents[1] / "pipeline/templates/prequel.css").read_text(encoding="utf-8")
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(f'<html lang="en"><style>{css}</style><main>{lean_tables.lean_tables(shown[0])}</main></html>')
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    return page


def test_a_stacked_phone_table_reads_words_from_the_left_and_figures_from_the_right(browser):
    """At 390 px a table is stacked as cards: a text cell is left-aligned beside its label, a number right-aligned."""
    stage = "Series D, led by General Atlantic with Nvidia, Fidelity and others"  # too long for a phone's grid
    df = pd.DataFrame({"company": ["runway"], "stage": [stage], "capital_usd": [860e6]})
    page = table_page(browser, 390, df)
    stacked = page.evaluate("() => getComputedStyle(document.querySelector('tr')).display")
    align = page.evaluate(
        "() => [...document.querySelectorAll('td')].map(c => [c.className, getComputedStyle(c).textAlign])"
    )
    page.close()
    assert stacked == "block"  # the phone layout applies
    assert align == [["", "left"], ["", "left"], ["num", "right"]], align


def test_a_stacked_source_keeps_the_space_before_its_tier(browser):
    """At 390 px 01's, 03's and 04's sources read "aiforautomation.io(aggregator)": a space between the link and
    its tier, a child of the cell laid out as a table, was not drawn."""
    url = "https://aiforautomation.io/news/2026-03-27-world-models"
    stage = "Series D, led by General Atlantic with Nvidia, Fidelity and others"  # too long for a phone's grid
    df = pd.DataFrame({"company": ["runway"], "stage": [stage], "source_url": [url]})
    for width in WIDTHS:
        page = table_page(browser, width, df, aggregators={url})
        cell = page.evaluate("""() => { const td = document.querySelector('.prequel-tier').closest('td');
          return [td.innerText, getComputedStyle(td).display]; }""")
        page.close()
        assert cell[1] == ("table" if width < 600 else "table-cell"), cell  # stacked on the phone
        assert cell[0].endswith("aiforautomation.io (aggregator)"), (width, cell)


def test_a_section_header_row_spans_the_front_pages_stacked_comparison_on_a_phone(browser):
    """At 390 px the front page's comparison is stacked as cards: a section's header band ("Winners and losers")
    spans the whole table, not the width its cell had as a column."""
    from prequel.pipeline.site import TEMPLATES, _templates

    def row(label: str) -> dict:
        cells = [{"text": "40%", "prose": False, "changed": i > 0} for i in range(3)]
        section = {"differs": True, "notebook": "02", "notebook_title": "Winners and losers"}
        return {**section, "label": label, "cells": cells}

    html = _templates().get_template("front.html.j2").render(
        scenarios=[], names=["base", "bear", "bull"], rows=[row("Expected payoff: API developers"), row("P(thesis)")],
        cards=[], questions="One question", snapshot="2026-11-24", article="The article", never_ran=[],
        css=(TEMPLATES / "prequel.css").read_text(encoding="utf-8"), what_changed={"scenarios": []}, explore=False,
    )  # fmt: skip
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    page.set_content(html)
    bands = page.evaluate("""() => [...document.querySelectorAll('table.stack tr.group > th')].map(th => {
      const t = th.closest('table').getBoundingClientRect(), b = th.getBoundingClientRect();
      return [th.textContent.trim(), b.left - t.left, t.right - b.right]; })""")
    page.close()
    assert bands and not [b for b in bands if b[1] > 1 or b[2] > 1], bands


#: each value cell's lines: the left of its label's column and of every line of its value (text and links)
VALUE_LINES_JS = """() => [...document.querySelectorAll('table.stack td:not(:first-child)')].map(td => {
  const range = document.createRange(); range.selectNodeContents(td);
  const left = td.getBoundingClientRect().left;
  return [td.textContent, Math.min(...[...range.getClientRects()].map(r => r.left)) - left, td.clientWidth];
})"""


def test_a_stacked_rows_long_value_hangs_in_its_own_column_not_under_its_label(browser):
    """Issue 25: at 390 px 01's article table read "Runway / valuation": a value's second line ran back under the
    label column. Every line of a value starts right of its label's column, at 1280 px the table is a table."""
    long = "Best positioned for world model pivot, with a long sourced note and a link"
    df = pd.DataFrame({"dimension": ["Verdict"], "runway": [long], "openai": ["Best funded"]})
    page = table_page(browser, 390, df)
    lines = page.evaluate(VALUE_LINES_JS)
    heights = page.evaluate("() => [...document.querySelectorAll('td')].map(td => td.getBoundingClientRect().height)")
    page.close()
    assert max(heights) > 1.5 * min(heights), "the long value should wrap to several lines at 390 px"
    hanging = [(text[:30], left, width) for text, left, width in lines if left < 0.35 * width]
    assert not hanging, f"value lines under the label column: {hanging}"
    page = table_page(browser, 1280, df)
    assert page.evaluate("() => getComputedStyle(document.querySelector('tr')).display") == "table-row"
    page.close()


#: the lines a link's text is laid out in, read character by character
LINK_LINES_JS = """() => [...document.querySelectorAll('td a')].map(a => {
  const lines = [];
  const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      const last = lines[lines.length - 1];
      if (last && Math.abs(last.top - rect.top) < 2) last.text += node.data[i];
      else lines.push({top: rect.top, text: node.data[i]});
    }
  }
  return lines.map(l => l.text);
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_domain_breaks_only_at_its_dots(browser, width):
    """Issue 25: 01's rounds table broke "aiforautomati/on.io" mid-word; a domain breaks at a dot or not at all."""
    url = "https://blog.research.aiforautomation.io/news/ami-labs-seed"
    columns = {f"note_{k}": ["reported as a seed round, conditional on nothing"] for k in range(9)}
    df = pd.DataFrame({"company": ["AMI Labs"], **columns, "source_url": [url], "as_of": ["2026-03-10"]})
    page = table_page(browser, width, df, link_date="as_of", aggregators=frozenset())
    lines = page.evaluate(LINK_LINES_JS)
    page.close()
    assert len(lines[0]) > 1, f"the link should wrap at {width} px for this test to mean something: {lines}"
    mid_word = [line for link in lines for line in link[:-1] if not line.endswith((".", " "))]
    assert not mid_word, f"lines of a link that end mid-word: {lines}"


def test_a_small_grid_stays_a_grid_on_a_phone_and_fits_it(browser):
    """Issue 25: 04's default-alive grid (5 cash levels by 7 burns) became 35 stacked lines at 390 px; it fits the
    phone's column as a grid, in a fold too (a chart's data). A grid too wide for it still stacks."""
    burns = [f"${m}M" for m in range(10, 45, 5)]  # 04's 7 burns
    alive = pd.DataFrame(
        [[cash] + ["alive" if k < row else str(28 - 3 * k) for k in range(7)] for row, cash in
         enumerate(["$212M", "$344M", "$475M", "$607M", "$738M"])],
        columns=["Cash (US$)", *burns],
    )  # fmt: skip
    cases = ((alive, True, {}), (alive, True, {"chart_data": True}))
    for df, grid, options in (*cases, (alive.assign(note="a row's sentence too long for any phone's grid"), False, {})):
        for width in WIDTHS:
            page = table_page(browser, width, df, **options)
            table = page.evaluate("""() => { const t = document.querySelector('table');
              return [getComputedStyle(t.querySelector('tr')).display, t.getBoundingClientRect().width,
                      t.closest('.prequel-scroll').getBoundingClientRect().width]; }""")
            page.close()
            display, table_width, box = table
            assert display == ("block" if width < 600 and not grid else "table-row"), (grid, width, table)
            assert table_width <= box + 1, f"the grid is wider than its box at {width} px: {table}"


def test_a_table_of_counts_shows_only_its_non_zero_cells_in_a_phones_stacked_rows(browser):
    """Issue 25: 06's investors by company stacked into 99 lines, mostly zeros; with ``phone_zeros=False`` a
    phone's row reads "NVIDIA: OpenAI 2, Runway 3", a desktop's table keeps every cell."""
    companies = ["OpenAI", "Runway", "World Labs", "Luma AI", "General Intuition", "Decart", "Pika", "AMI Labs"]
    df = pd.DataFrame([["NVIDIA", 2, 3, 2, 0, 0, 0, 0, 0]], columns=["Investor", *companies])
    for width, shown in ((390, ["NVIDIA", "2", "3", "2"]), (1280, ["NVIDIA", "2", "3", "2"] + ["0"] * 5)):
        page = table_page(browser, width, df, phone_zeros=False)
        cells = page.evaluate("() => [...document.querySelectorAll('td')].filter(c => c.checkVisibility())"
                              ".map(c => c.textContent)")  # fmt: skip
        page.close()
        assert cells == shown, (width, cells)


def test_a_wide_tables_stacked_rows_show_its_declared_priority_columns_and_say_so(browser):
    """Issue 25: 01's rounds table stacked 11 fields per company at 390 px. Its phone columns are declared where it
    is built (``labels.on_a_phone``): a phone shows those and says a wider screen shows all; 1280 px shows all."""
    from prequel.present.labels import on_a_phone

    extra = {f"note_{k}": ["reported as a seed round, conditional on nothing"] for k in range(6)}
    df = on_a_phone(pd.DataFrame({"company": ["AMI Labs"], "round": ["Seed"], **extra}), "round")
    for width, cells in ((390, 2), (1280, 8)):
        page = table_page(browser, width, df)
        shown = page.evaluate("""() => {
          const visible = selector => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility());
          return [visible('td').length, visible('.prequel-phone-note').map(p => p.textContent)]; }""")
        page.close()
        note = ["On a phone this table shows 2 of its 8 columns; a wider screen shows all."] if width < 600 else []
        assert shown == [cells, note], (width, shown)


def test_a_stacked_row_lists_the_values_it_has_never_a_dash(browser):
    """Issue 25: 02's robustness table stacked into cards of "Weight now: —" lines and 06's public-software row into a
    card of dashes; at 390 px a stacked row leaves its missing values out, at 1280 px the table shows every cell."""
    verdict = "Google: deepest research bench, untestable on the sourced facts"  # too long for a phone's grid
    values = {"outcome": ["fails", "untestable"], "share": [0.4, None], "weight": [0.2, None]}
    df = pd.DataFrame({"verdict": ["Runway", verdict], **values})
    first = ["Runway", "fails", "0.4", "0.2"]
    for width, shown in ((390, [*first, verdict, "untestable"]), (1280, [*first, verdict, "untestable", "—", "—"])):
        page = table_page(browser, width, df)
        cells = page.evaluate("() => [...document.querySelectorAll('td')].filter(c => c.checkVisibility())"
                              ".map(c => c.textContent)")  # fmt: skip
        stacked = page.evaluate("() => getComputedStyle(document.querySelector('tr')).display") == "block"
        page.close()
        assert (cells, stacked) == (shown, width < 600), (width, cells)
