"""The explorer as a publication (issue 25): each chart's sources, CSV, Cite line and folded provenance; one measure
per axis; a share's axis to 100%; labels in each scenario's own words; a state with nothing to chart said in words."""

import csv
import io
import re
from urllib.parse import unquote

import pytest
from conftest import EMBEDDED_ID, READER_JARGON, open_page
from test_browser_explorer import notebook, page_data

from prequel.data import load_dataset
from prequel.pipeline import explore, grid

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCENARIOS = ["base", "bear", "bull"]
DATE = "2026-11-24"
EARLY = "2025-04-30"  # 06: no public software multiple known yet, not even on aggregator pages


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    """02 (no date; bull moves the weights) and 06 (on 2025-04-30 bear's class has no peer at all) in three
    scenarios, at the snapshot and an early date."""
    root = tmp_path_factory.mktemp("explorer-publication")
    notebooks = [notebook("02"), notebook("06")]
    explore.build(root, load_dataset(None), None, grid.local_executor(1), 1, notebooks, SCENARIOS, [EARLY, DATE])
    return root / explore.EXPLORE_PAGE


@pytest.fixture(scope="module")
def panels(explorer):
    return {p["stem"][:2]: p for p in page_data(explorer)["notebooks"]}


def ready(browser, explorer, scenario="base", width=1280):
    page, external, errors = open_page(browser, explorer, width)
    page.wait_for_selector("body[data-ready=yes]")
    if scenario != "base":
        page.select_option("#scenario", scenario)
    return page, external, errors


def chart_text(page, stem):
    page.locator(f"#panel-{stem}").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    return " ".join(page.locator(f"#panel-{stem} .explore-chart svg").all_text_contents())


def test_each_chart_has_its_sources_a_csv_of_its_grid_a_cite_line_and_no_hash_in_sight(explorer, browser, panels):
    page, external, errors = ready(browser, explorer, "bull")
    try:
        for panel in panels.values():
            root = page.locator(f"#panel-{panel['stem']}")
            assert root.locator(".prequel-figure-sources a").count() >= 1
            href = root.locator("[data-part=csv]").get_attribute("href")
            assert href.startswith("data:text/csv")
            table = list(csv.reader(io.StringIO(unquote(href.split(",", 1)[1]))))
            assert len(table) == 1 + len(panel["rows"])  # every value of the grid, one a line
            assert sorted(float(r[-2]) for r in table[1:]) == sorted(float(r["value"]) for r in panel["rows"])
            cite = root.locator("[data-part=cite]").inner_text()
            assert cite.startswith("Cite this: prequel") and panel["question"] in cite and "bull scenario" in cite
            state = panel["states"]["bull|" + (DATE if panel["by_date"] else "")]
            assert not root.locator("[data-part=hash]").is_visible()  # folded in "Provenance"
            assert state["hash"] not in root.inner_text()
            root.locator(".explore-provenance summary").click()
            assert root.locator("[data-part=hash]").inner_text() == state["hash"]
        assert not external and not errors
    finally:
        page.close()


def test_no_axis_carries_two_measures(explorer, browser, panels):
    page, _, errors = ready(browser, explorer)
    try:
        for panel in panels.values():
            charts = page.locator(f"#panel-{panel['stem']} .explore-chart")
            assert charts.count() == len(set(panel["measures"])), panel["stem"]
            for k, chart in enumerate(charts.all()):
                chart.scroll_into_view_if_needed()
                page.wait_for_selector(f"#{chart.get_attribute('id')} svg")
                text = re.sub(r"\s", "", chart.locator("svg").text_content())  # a direct label wraps into lines
                pairs = zip(panel["series"], panel["measures"], strict=True)
                drawn = {m for s, m in pairs if re.sub(r"\s", "", s) in text}
                assert len(drawn) == 1, (panel["stem"], k, drawn)  # the measure of its direct labels or titles
        assert not errors
    finally:
        page.close()


def test_a_shares_axis_runs_to_100_percent(explorer, browser, panels):
    page, _, _ = ready(browser, explorer)
    try:
        assert max(r["value"] for r in panels["02"]["rows"]) < 0.5  # the bars alone would stop well short
        axis = page.locator(f"#panel-{panels['02']['stem']} .explore-chart svg .role-axis-label text")
        ticks = axis.all_text_contents()
        assert "100%" in ticks
    finally:
        page.close()


def test_labels_are_the_chosen_scenarios_own(explorer, browser, panels):
    nb = panels["02"]
    own = {label for label, _ in nb["states"]["bull|"]["numbers"]}
    now = [re.search(r"\d+% in this scenario", s) for s in own]
    assert any(now)  # the flip weight is labelled with the scenario's own weight, said to be the scenario's
    page, _, errors = ready(browser, explorer, "bull")
    try:
        page.wait_for_selector(f"#chart-{nb['stem']}[data-drawn='bull']")
        shown = chart_text(page, nb["stem"]) + " ".join(
            page.locator(f"#panel-{nb['stem']} [data-part={part}]").inner_text()
            for part in ("chart-title", "chart-note")
        )
        for found in filter(None, now):
            assert found.group(0) in shown
        for label in set(nb["series"]) - own:  # the base scenario's wording, with base's values
            assert label not in shown
        assert not errors
    finally:
        page.close()


def test_a_state_with_nothing_to_chart_says_so_in_words_and_the_chart_returns(explorer, browser, panels):
    nb = panels["06"]
    bear = {r["date"] for r in nb["rows"] if r["scenario"] == "bear"}
    assert DATE in bear and EARLY not in bear  # bear's class has no peer by the early date
    page, _, errors = ready(browser, explorer, "bear", width=390)
    try:
        page.focus("#as-of")
        page.keyboard.press("ArrowLeft")
        assert page.locator("#as-of-text").inner_text() == EARLY
        root = page.locator(f"#panel-{nb['stem']}")
        root.scroll_into_view_if_needed()
        empty = root.locator("[data-part=empty]")
        said = empty.text_content()
        assert empty.is_visible() and "No chart" in said and "bear scenario" in said and EARLY in said
        assert not any(c.is_visible() for c in root.locator(".explore-chart").all())
        page.select_option("#scenario", "base")
        page.wait_for_selector(f"#chart-{nb['stem']}[data-drawn='base|{EARLY}']")
        assert not empty.is_visible() and all(c.is_visible() for c in root.locator(".explore-chart").all())
        assert root.locator(".explore-chart svg").first.bounding_box()["width"] > 300
        assert not errors
    finally:
        page.close()


def test_no_table_is_wider_than_its_box_at_390_px_each_value_stacked_beside_its_header(explorer, browser, panels):
    """Issue 25: at 390 px 02's table (a column per series) was 416 px in a 366 px box. On a phone each row is
    stacked (the site's ``stack`` layout), each value beside its column's header (``data-label``)."""
    for width in (390, 1280):
        page, _, errors = ready(browser, explorer, width=width)
        try:
            for panel in panels.values():
                root = page.locator(f"#panel-{panel['stem']}")
                root.locator("details:not(.explore-provenance) summary").click()
                table = root.locator("[data-part=table]")
                box = table.evaluate("t => [t.getBoundingClientRect().width, t.parentElement.clientWidth]")
                assert box[0] <= box[1], (width, panel["stem"], box)
                headers = table.locator("thead th").all_text_contents()[1:]
                for row in table.locator("tbody tr").all():
                    assert [td.get_attribute("data-label") for td in row.locator("td").all()] == headers
            assert not errors
        finally:
            page.close()


# a range joined by a hyphen or a dash ("$110M-$140M", "3–82%"), once dates (2026-11-24, 2026-11) are left out; the
# licences' year spans are quoted as written
DASHED_RANGE = re.compile(r"\$?\d[\d.,]*[A-Za-z%]*\s?[-\u2013\u2014]\s?\$?\d")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def reader_texts(path, data):
    """Every text a reader may see in any state: the page's HTML text (its licences aside), each scenario's
    description and each panel's question, series and states."""
    html = re.sub(r"<script.*?</script>|<style.*?</style>|<pre>.*?</pre>", " ", path.read_text("utf-8"), flags=re.S)
    texts = [re.sub(r"<[^>]+>", " ", html)] + [s["description"] for s in data["scenarios"]]
    for nb in data["notebooks"]:
        texts += [nb["question"], *nb["series"], *(r["text"] for r in nb["rows"])]
        for state in nb["states"].values():
            texts += [state.get(f, "") for f in ("finding", "unrendered", "error")] + state.get("labels", [])
            texts += [t for pair in state.get("numbers", []) for t in pair]
    return [ISO_DATE.sub("", t) for t in texts]


def test_every_text_writes_a_range_in_the_one_form_and_a_chance_in_words(explorer):
    """Issue 25: ranges as '$110M to $140M' (never with a hyphen or a dash), a chance as 'Chance of ...' (never
    'P(...)'), no code identifier, in every state the page can show."""
    texts = reader_texts(explorer, page_data(explorer))
    assert DASHED_RANGE.search("$110M-$140M") and DASHED_RANGE.search("3\u201382%")
    assert not DASHED_RANGE.search(ISO_DATE.sub("", "as of 2026-11-24")) and not DASHED_RANGE.search("$110M to $140M")
    found = {
        m.group(0) for t in texts for pattern in (DASHED_RANGE, READER_JARGON, EMBEDDED_ID) for m in pattern.finditer(t)
    }
    assert not found, found


def test_each_chart_offers_a_png_of_itself_as_shown_and_none_when_there_is_no_chart(explorer, browser, panels):
    """Issue 25: the explorer's charts had a CSV and no PNG. Each chart's "Download PNG" gives the chart as Vega draws
    it for the chosen state (made when asked); a state with nothing to chart offers none."""
    page, _, errors = ready(browser, explorer, "bull")
    try:
        assert not page.locator("#no-charts").is_visible()
        for panel in panels.values():
            links = page.locator(f"#panel-{panel['stem']} [data-part=png]")
            assert links.count() == len(panel["charts"])
            for link in links.all():
                assert link.inner_text().startswith("Download PNG") and "as shown" in link.locator("..").inner_text()
                with page.expect_download() as download:
                    link.click()
                assert download.value.suggested_filename.endswith(".png")
                assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
        page.select_option("#scenario", "bear")
        page.focus("#as-of")
        page.keyboard.press("ArrowLeft")  # 06 in bear on the early date: nothing to chart
        assert not page.locator(f"#panel-{panels['06']['stem']} [data-part=png]").first.is_visible()
        assert not errors
    finally:
        page.close()


def test_a_browser_that_cannot_unpack_the_chart_library_says_so_and_keeps_the_tables(explorer, browser):
    page = browser.new_page()
    try:
        page.add_init_script("delete window.DecompressionStream")
        page.goto(explorer.as_uri())
        page.wait_for_selector("#no-charts", state="visible")
        assert "cannot draw the charts" in page.locator("#no-charts").inner_text()
        assert page.locator("[data-part=finding]").first.inner_text()  # the words are all there
    finally:
        page.close()
