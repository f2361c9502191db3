"""The offline explorer (explore.html): its states against the full runner's pages, and in a real browser from
file:// (Debian's chromium, driven by Playwright)."""

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import open_page, results_of

from prequel.data import load_dataset
from prequel.declarations import specs
from prequel.params import check_parameters
from prequel.pipeline import entry, explore, grid
from prequel.pipeline import scenarios as scenario_files
from prequel.pipeline.sources import discover
from prequel.present.style import readable_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEMS = ("01", "02", "03")  # the cheapest notebooks: three with the date, one without
DATES = ["2026-06-30", "2026-11-24", "2027-01-31"]  # before, at and after the data snapshot
DATA_SNAPSHOT = "2026-11-24"
PHONE = 390


def notebook(prefix):
    return next(n for n in discover(warn=False) if n.stem.startswith(prefix))


@pytest.fixture(scope="module")
def data():
    return load_dataset(None)


@pytest.fixture(scope="module")
def explorer(tmp_path_factory, rendered_site, data):
    """An explorer over a small grid (base and bear, three dates), linking the shared site's full pages."""
    root = tmp_path_factory.mktemp("explorer")
    notebooks = [notebook(prefix) for prefix in STEMS]
    explore.build(
        root, data, None, grid.local_executor(1), 1, notebooks, ["base", "bear"], DATES, rendered=rendered_site.parent
    )
    return root / explore.EXPLORE_PAGE


def page_data(path):
    text = path.read_text(encoding="utf-8")
    start = text.index('id="explorer-data">') + len('id="explorer-data">')
    return explore.unpack(json.loads(text[start : text.index("</script>", start)]))


def expected(prefix, data, scenario="base", **values):
    """A notebook's results computed afresh through its entry point, with a scenario's values."""
    nb = notebook(prefix)
    raw = {k: v for k, v in scenario_files.load(scenario, [n.stem for n in discover(warn=False)]).shared.items()}
    raw = {k: v for k, v in raw.items() if k in nb.declared}
    raw |= scenario_files.load(scenario, [n.stem for n in discover(warn=False)]).parameters.get(nb.stem, {})
    checked = check_parameters(specs(nb.declared), raw, raw=True) | values
    return entry.evaluate(nb, data, checked)["results"]


def test_three_states_equal_the_pages_the_full_runner_rendered(explorer, rendered_site):
    panels = {p["stem"]: p for p in page_data(explorer)["notebooks"]}
    for prefix in STEMS:
        stem = notebook(prefix).stem
        results = results_of(rendered_site, stem)
        state = panels[stem]["states"]["base|" + ("2026-11-24" if panels[stem]["by_date"] else "")]
        assert state["finding"] == results["finding"]
        assert state["numbers"] == [[n["label"], n["value"]] for n in results["key_numbers"]]
        assert state["href"].endswith(f"/base/{stem}.html") and len(state["hash"]) == 12
    bear = panels[notebook("03").stem]["states"]["bear|2027-01-31"]
    assert bear["href"] == "" and "not rendered" in bear["unrendered"]  # no page was rendered there


def test_every_link_resolves_to_a_rendered_page_and_every_other_state_says_why(explorer):
    linked = 0
    for panel in page_data(explorer)["notebooks"]:
        for key, state in panel["states"].items():
            if state["href"]:
                linked += 1
                assert (explorer.parent / state["href"]).is_file(), (panel["stem"], key)
            else:
                assert state["unrendered"], (panel["stem"], key)
    assert linked == len(STEMS)  # the base pages at the snapshot: the only ones rendered


def test_the_explorer_works_offline_and_its_controls_change_the_numbers(explorer, browser, data):
    page, external, errors = open_page(browser, explorer)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        assert external == [] and errors == []
        predictions = page.locator("#panel-" + notebook("03").stem)
        winners = page.locator("#panel-" + notebook("02").stem)
        finding = predictions.locator("[data-part=finding]")
        assert finding.text_content() == expected("03", data)["finding"]
        assert page.locator("#after-snapshot").is_hidden()

        page.focus("#as-of")
        page.keyboard.press("Home")  # the slider by keyboard: the first month
        assert page.locator("#as-of-text").inner_text() == "2026-06-30"
        early = expected("03", data, as_of="2026-06-30")
        assert finding.text_content() == early["finding"]
        shown = predictions.locator("[data-part=numbers] dd").all_text_contents()
        assert shown == [n["value"] for n in early["key_numbers"]]
        page.keyboard.press("End")
        assert page.locator("#as-of-text").inner_text() == "2027-01-31" and page.locator("#after-snapshot").is_visible()

        before = winners.locator("[data-part=finding]").text_content()
        page.select_option("#scenario", "bear")
        bear = expected("02", data, "bear")
        assert winners.locator("[data-part=finding]").text_content() == bear["finding"] != before
        assert winners.locator("[data-part=numbers] dd").all_text_contents() == [
            n["value"] for n in bear["key_numbers"]
        ]
        assert page.evaluate("window.explorerTimings.length") >= 4  # each change redrew (timed in bench.py)

        link = predictions.locator("[data-part=link]")
        assert link.text_content().startswith("Not rendered as a page: the full pages of the bear scenario were not")
        page.select_option("#scenario", "base")
        page.focus("#as-of")
        for _ in range(DATES.index("2027-01-31") - DATES.index(DATA_SNAPSHOT)):
            page.keyboard.press("ArrowLeft")
        href = link.locator("a").evaluate("a => a.href")  # resolved by the browser, from the explorer's folder
        assert href.startswith("file://") and Path(unquote(urlparse(href).path)).is_file()

        chart = predictions.locator(".explore-chart")
        lines = "c => [...c.querySelectorAll('path[aria-roledescription=\"line mark\"]')].map(p => p.getAttribute('d'))"
        chart.scroll_into_view_if_needed()
        page.wait_for_selector(f"#chart-{notebook('03').stem}[data-drawn='base|{DATA_SNAPSHOT}']")
        base_lines = chart.evaluate(lines)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function("c => c.getBoundingClientRect().top > innerHeight + 400", arg=chart.element_handle())
        page.wait_for_timeout(100)  # the page has seen the chart leave the screen
        page.select_option("#scenario", "bear")  # a chart off screen catches up when scrolled into view
        chart.scroll_into_view_if_needed()
        page.wait_for_selector(f"#chart-{notebook('03').stem}[data-drawn='bear|{DATA_SNAPSHOT}']")
        assert base_lines and chart.evaluate(lines) != base_lines  # the bear scenario's lines
    finally:
        page.close()


def test_the_explorer_reads_at_390_px_with_no_serious_axe_violation(explorer, browser):
    from axe_playwright_python.sync_playwright import Axe

    page, _, errors = open_page(browser, explorer, PHONE)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        assert errors == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        charts = page.eval_on_selector_all(".explore-chart svg", "s => s.map(e => e.getBoundingClientRect().width)")
        assert len(charts) == page.locator(".explore-chart").count() >= len(STEMS) and all(
            100 < w <= PHONE for w in charts
        ), charts
        labels = page.eval_on_selector_all(".explore-chart", "s => s.map(e => e.getAttribute('aria-label'))")
        assert all(label and "not computed" not in label for label in labels), labels
        violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
        bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
        assert not bad, "; ".join(f"{v['id']}: {v['nodes'][0]['target']}" for v in bad)
    finally:
        page.close()


# Every chart's SVG text at 390 px: its box, its font size and whether the chart draws a legend.
CHART_TEXT = """c => {
  const box = c.querySelector('svg').getBoundingClientRect();
  const shown = [...c.querySelectorAll('svg text')].filter(t => t.textContent.trim() && !t.closest('[opacity="0"]'));
  return {legend: c.querySelectorAll('g.role-legend').length, width: box.width,
    box: [box.left, box.top, box.right, box.bottom], texts: shown.map(t => {
      const r = t.getBoundingClientRect();
      const px = parseFloat(getComputedStyle(t).fontSize);
      return {text: t.textContent, px: px, box: [r.left, r.top, r.right, r.bottom]};
    })};
}"""  # text hidden by Vega (overlapping axis labels it drops) is not shown


def overlap(a, b, slack=0.5):
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def test_the_explorer_charts_label_their_series_directly_and_readably_at_390_px(explorer, browser):
    from prequel.present.style import PHONE_CAPTION_PX

    panels = {p["stem"]: p for p in page_data(explorer)["notebooks"]}
    page, _, errors = open_page(browser, explorer, PHONE)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        for scenario in ("base", "bear"):  # the labels move with the scenario's values
            page.select_option("#scenario", scenario)
            for chart in page.locator(".explore-chart").all():
                chart.scroll_into_view_if_needed()
                page.wait_for_selector(f"#{chart.get_attribute('id')}[data-drawn^='{scenario}']")
                drawn = chart.evaluate(CHART_TEXT)
                where = chart.get_attribute("id"), scenario
                assert drawn["legend"] == 0, where  # at most 4 series each: labelled where they are drawn
                texts = drawn["texts"]
                assert texts and all(t["px"] >= PHONE_CAPTION_PX - 0.01 for t in texts), (where, texts)
                left, top, right, bottom = drawn["box"]
                assert drawn["width"] <= PHONE
                outside = [t["text"] for t in texts if t["box"][0] < left - 0.5 or t["box"][2] > right + 0.5
                           or t["box"][1] < top - 0.5 or t["box"][3] > bottom + 0.5]  # fmt: skip
                assert not outside, (where, outside)
                clashes = [
                    (a["text"], b["text"])
                    for i, a in enumerate(texts)
                    for b in texts[i + 1 :]
                    if overlap(a["box"], b["box"])
                ]
                assert not clashes, (where, clashes)
                panel = panels[chart.get_attribute("data-stem")]
                title = finding_of(page, panel["stem"])
                top = max(
                    (r for r in panel["rows"] if r["scenario"] == scenario and r["date"] in ("", DATA_SNAPSHOT)),
                    key=lambda r: r["value"],
                )
                # the leader named whole, or by the words it shares with the series below and its own (said once)
                short = re.sub(r" \((.*?)(, .*)?\)$", r": \1", top["series"])
                assert top["series"] in title or short in title, (where, title)
                assert top["text"] in title and "lowest" not in title, (where, title)
        titles = findings_of(page)  # off screen too
        page.focus("#as-of")
        page.keyboard.press("Home")  # the titles of the charts over the date follow it
        moved = findings_of(page)  # off screen too
        assert [a != b for a, b in zip(titles, moved, strict=True)] == [p["by_date"] for p in panels.values()]
        series = {stem: p["series"] for stem, p in panels.items()}  # the base scenario's labels
        page.select_option("#scenario", "base")  # another scenario names its series with its own values
        page.keyboard.press("End")
        for chart in page.locator(".explore-chart").all():  # off-screen charts draw when scrolled into view
            chart.scroll_into_view_if_needed()
        shown = " ".join(page.locator(".explore-chart svg").all_text_contents())
        assert all(word in shown for labels in series.values() for label in labels for word in label.split())
        assert errors == []
    finally:
        page.close()


def finding_of(page, stem):
    """A chart's finding as it reads: its title, then its note."""
    root = page.locator(f"#panel-{stem}")
    return (
        root.locator("[data-part=chart-title]").text_content()
        + " "
        + root.locator("[data-part=chart-note]").text_content()
    )


def findings_of(page):
    titles, notes = (page.locator(f"[data-part={p}]").all_text_contents() for p in ("chart-title", "chart-note"))
    return [f"{t} {n}" for t, n in zip(titles, notes, strict=True)]


def said_once(other, top, after):
    """A long title's two labels with their shared first words said once: 'shared: top's rest above other's rest'
    (each rest without its parentheses, up to its first comma), lower case as the test compares."""
    x, y = top.split(" "), other.split(" ")
    n = next(i for i in range(min(len(x), len(y))) if x[i] != y[i] or i == min(len(x), len(y)) - 1)

    def rest(w):
        return " ".join(w[n:]).removeprefix("(").removesuffix(")").split(", ")[0]

    return " ".join(x[:n]).rstrip(",;:") + ": " + rest(x) + " above " + rest(y) + after


def contrast_on_white(colour):
    from prequel.present.style import contrast

    return contrast(colour, "#ffffff")


# A chart's lines in page pixels: each line's part up to the data snapshot and its dotted continuation after it (the
# after_marks layer) as one line, with its box and its last point; and the parts themselves.
LINES = r"""c => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const parts = [...c.querySelectorAll('path[aria-roledescription="line mark"]')].map(p => {
    const m = p.getScreenCTM(), at = q => [q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f];
    return {stroke: p.getAttribute('stroke'), box: box(p), start: at(p.getPointAtLength(0)),
      end: at(p.getPointAtLength(p.getTotalLength())), dotted: p.closest('.after_marks') !== null,
      dash: p.getAttribute('stroke-dasharray')};
  });
  const joins = (a, b) => a.stroke === b.stroke && Math.hypot(a.end[0] - b.start[0], a.end[1] - b.start[1]) < 1;
  const whole = parts.filter(a => !a.dotted).map(a => {
    const more = parts.find(b => b.dotted && joins(a, b));
    if (!more) return {stroke: a.stroke, end: a.end, box: a.box};
    const box = [0, 1, 2, 3].map(i => (i < 2 ? Math.min : Math.max)(a.box[i], more.box[i]));
    return {stroke: a.stroke, end: more.end, box: box};
  });
  return {whole: whole, parts: parts};
}"""


# A chart's plot (its value axis's extent), its lines and its SVG text with their colours, in page pixels.
CHART_PARTS = (
    r"""c => {
  const lines = c => ("""
    + LINES
    + r""")(c).whole;
  const hex = rgb => '#' + rgb.match(/\d+/g).slice(0, 3).map(n => Number(n).toString(16).padStart(2, '0')).join('');
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const yAxis = [...c.querySelectorAll('g[aria-roledescription=axis]')]
    .find(g => g.getAttribute('aria-label').startsWith('Y-axis'));
  return {plot: yAxis ? box(yAxis.querySelector('.role-axis-domain line')) : null,
    lines: lines(c),
    bars: [...c.querySelectorAll('path[aria-roledescription=bar]')].map(box),
    svg: box(c.querySelector('svg')), chart: box(c),
    texts: [...c.querySelectorAll('svg text')].filter(t => t.textContent.trim() && !t.closest('[opacity="0"]'))
      .map(t => ({text: t.textContent, fill: hex(getComputedStyle(t).fill), box: box(t)}))};
}"""
)


def chart_parts(page, stem, scenario="base"):
    chart = page.locator(f"#chart-{stem}")
    chart.scroll_into_view_if_needed()
    page.wait_for_selector(f"#chart-{stem}[data-drawn^='{scenario}']")
    return chart.evaluate(CHART_PARTS)


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_a_log_axis_keeps_its_lines_inside_the_chart(explorer, browser, width):
    page, _, errors = open_page(browser, explorer, width)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        for scenario in ("base", "bear"):
            page.select_option("#scenario", scenario)
            parts = chart_parts(page, notebook("01").stem, scenario)
            top, bottom = parts["plot"][1], parts["plot"][3]
            assert parts["lines"], scenario
            for line in parts["lines"]:  # not on the top or bottom edge: at least 3% of the plot's height inside
                assert line["box"][1] > top + 0.03 * (bottom - top), (scenario, line, top)
                assert line["box"][3] < bottom - 0.03 * (bottom - top), (scenario, line, bottom)
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_every_chart_text_reads_at_wcag_contrast_on_white(explorer, browser, width):
    panels = page_data(explorer)["notebooks"]
    page, _, errors = open_page(browser, explorer, width)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        for panel in panels:
            faint = [t for t in chart_parts(page, panel["stem"])["texts"] if contrast_on_white(t["fill"]) < 4.5]
            assert not faint, (panel["stem"], faint)
        assert errors == []
    finally:
        page.close()


def edited_page(explorer, folder, change):
    """The explorer with its data changed by ``change(payload)`` (the data unpacked, then packed again)."""
    text = explorer.read_text(encoding="utf-8")
    payload = page_data(explorer)
    change(payload)
    start = text.index('id="explorer-data">') + len('id="explorer-data">')
    edited = folder / explore.EXPLORE_PAGE
    packed = explore._script_json(explore.pack(payload))
    edited.write_text(text[:start] + packed + text[text.index("</script>", start) :], "utf-8")
    return edited


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_a_line_that_stops_early_is_labelled_where_it_stops(explorer, browser, tmp_path, width):
    """The page with the last date's value of one series removed: that series' label follows its line's end, across
    and up or down (issue 25: 03's label sat far above its early end), nudged only to clear another label."""
    stem = notebook("03").stem

    def stop_early(payload):
        panel = next(p for p in payload["notebooks"] if p["stem"] == stem)
        series = panel["series"][0]
        panel["rows"] = [r for r in panel["rows"] if not (r["series"] == series and r["date"] == DATES[-1])]

    early = edited_page(explorer, tmp_path, stop_early)
    panel = next(p for p in page_data(early)["notebooks"] if p["stem"] == stem)
    page, _, errors = open_page(browser, early, width)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        parts = chart_parts(page, panel["stem"])
        colour = panel["colors"][0]
        line = next(x for x in parts["lines"] if x["stroke"].upper() == colour.upper())
        others = [x["box"] for x in parts["lines"] if x["stroke"].upper() != colour.upper()]
        labels = [t for t in parts["texts"] if t["fill"].upper() in {c.upper() for c in panel["text_colors"]}]
        label = next(t["box"] for t in labels if t["fill"].upper() == panel["text_colors"][0].upper())
        assert others and line["box"][2] < min(o[2] for o in others) - 5  # the line does stop early
        assert 0 < label[0] - line["box"][2] < 12, (label, line)  # its label starts just right of where it stops
        right = parts["chart"][2]
        assert all(t["box"][2] <= right + 0.5 for t in parts["texts"]), parts["texts"]  # none cut at the edge
        for text in labels:  # each label beside its line's end, or as near as another label it would cover allows
            end = next(x["end"] for x in parts["lines"] if readable_text(x["stroke"]).upper() == text["fill"].upper())
            box = text["box"]
            beside = box[1] - 2 <= end[1] <= box[3] + 2
            blocked = [
                o["box"]
                for o in labels
                if o is not text and o["box"][0] < box[2] and box[0] < o["box"][2]  # across, they share pixels
                and (abs(o["box"][3] - box[1]) < 8 or abs(box[3] - o["box"][1]) < 8)  # and it sits against it
            ]  # fmt: skip
            assert beside or blocked, (width, text, end)
        assert errors == []
    finally:
        page.close()


def test_the_csv_download_guards_a_text_that_a_spreadsheet_would_run(explorer, browser, tmp_path):
    """A series named like a formula (a hostile company name in the data) is written behind a ' in the explorer's
    CSV; a negative value stays a number."""
    stem, hostile = notebook("03").stem, '=HYPERLINK("http://evil.example","Runway")'

    def rename(payload):
        panel = next(p for p in payload["notebooks"] if p["stem"] == stem)
        old = panel["series"][0]
        panel["series"][0] = hostile
        for row in panel["rows"]:
            if row["series"] == old:
                row["series"] = hostile
            row["value"] = -row["value"]
        for state in panel["states"].values():
            if "labels" in state:
                state["labels"][0] = hostile

    page, _, errors = open_page(browser, edited_page(explorer, tmp_path, rename))
    try:
        page.wait_for_selector("body[data-ready=yes]")
        href = page.locator(f"#panel-{stem} [data-part=csv]").get_attribute("href")
        rows = list(csv.DictReader(io.StringIO(unquote(href.split(",", 1)[1]))))
        named = [r for r in rows if hostile in r["result"]]
        assert named and all(r["result"] == "'" + hostile for r in named)
        assert all(float(r["value"]) <= 0 and not r["value"].startswith("'") for r in rows)
        assert errors == []
    finally:
        page.close()


def test_the_explorer_loads_its_libraries_once_within_its_budget(explorer, browser):
    """The explorer is an application: it loads only itself (its chart library inlined once), and its bytes with
    what it loads stay within ``EXPLORER_BUDGET_BYTES`` (the reader pages' budget is 400 KB)."""
    page = browser.new_page()
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    try:
        page.goto(explorer.as_uri())
        page.wait_for_selector("body[data-ready=yes]")
        files = {Path(unquote(urlparse(url).path)) for url in loaded if url.startswith("file:")}
        assert files == {explorer}, loaded
        weight = sum(f.stat().st_size for f in files)
        assert weight <= explore.EXPLORER_BUDGET_BYTES, weight
        # the data, the library packed, the page's script and the library it inflated, run once
        assert page.evaluate("() => document.scripts.length") == 4
        assert page.evaluate("() => typeof vegaEmbed") == "function"
        assert explorer.read_text(encoding="utf-8").count('id="vega-bundle"') == 1
    finally:
        page.close()


def test_a_charts_title_is_a_finding_over_the_grid_it_draws_comparing_only_series_of_one_measure(explorer, browser):
    """Issue 25: "highest X, v; lowest Y, v" becomes a finding: the series that leads and at how many of the chart's
    dates (or scenarios), or a lone series' course over the dates (its level across the scenarios)."""
    page, _, errors = open_page(browser, explorer)
    data = page_data(explorer)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        for panel in data["notebooks"]:
            # series names read mid-sentence in lower case (but the companies'): compared without case
            raw = finding_of(page, panel["stem"])
            common = [s for s in panel["series"] if not s.startswith(tuple(data["proper"])) and s[1:2].islower()]
            assert not [s for s in common if f" {s}" in raw], raw  # the review: "next, Chance Runway must raise"
            named = [s for s in panel["series"] if s.startswith(tuple(data["proper"]))]
            assert not [s for s in named if f" {s.lower()}" in raw], raw  # never "stays above runway: capital"
            title = raw.lower()
            by_date = panel["by_date"]
            keys = data["dates"] if by_date else [s["name"] for s in data["scenarios"]]
            here = DATA_SNAPSHOT if by_date else "base"
            cells = {
                (r["series"].lower(), r["date"] if by_date else r["scenario"]): r
                for r in panel["rows"]
                if r["scenario"] == "base" or not by_date
            }
            always = "at every date" if by_date else "in every scenario"
            assert "highest " + panel["series"][0].lower() + "," not in title and "lowest" not in title, title
            for measure in set(panel["measures"]):
                group = [s.lower() for s, m in zip(panel["series"], panel["measures"], strict=True) if m == measure]
                group = [s for s in group if (s, here) in cells]
                if len(group) == 1:  # alone in its measure: its course or level, never the highest of another
                    (s,) = group
                    course = [cells[s, k] for k in keys if (s, k) in cells]
                    if len({r["text"] for r in course}) == 1:
                        assert f"{s} is {course[0]['text']} {always}" in title, (panel["stem"], title)
                    elif by_date:
                        assert f"{s} " in title and f"from {course[0]['text']} in " in title, (panel["stem"], title)
                        assert f" to {course[-1]['text']} in " in title, (panel["stem"], title)
                    else:
                        assert f"{s} is {cells[s, here]['text']} in the base scenario, against" in title, title
                    continue
                top = max(group, key=lambda s: cells[s, here]["value"])
                drawn = [k for k in keys if sum((s, k) in cells for s in group) > 1]
                leads = sum(
                    all(cells[s, k]["value"] <= cells[top, k]["value"] for s in group if (s, k) in cells) for k in drawn
                )
                if len({cells[s, here]["value"] for s in group}) == 1:
                    assert "are level at" in title, (panel["stem"], title)
                elif leads == len(drawn):
                    ahead = (
                        f"stays above {[s for s in group if s != top][0]}" if len(group) == 2 else "is the highest of"
                    )
                    shared = said_once(*(s for s in group if s != top), top, f" {always}") if len(group) == 2 else None
                    assert f"{top} {ahead}" in title or shared in title, (panel["stem"], title)
                    assert always in title, (panel["stem"], title)
                else:
                    assert f"{top} is the highest " in title and f"{leads} of the {len(drawn)} " in title, title
        mixed = [p["stem"] for p in data["notebooks"] if len(set(p["measures"])) > 1]
        assert mixed == [notebook("02").stem]  # a share of the total weight beside two probabilities
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_a_line_after_the_data_snapshot_is_dotted_and_the_key_says_so(explorer, browser, width):
    """Issue 25: the lines ran on, solid, past the data snapshot to the grid's last month."""
    page, _, errors = open_page(browser, explorer, width)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        for panel in page_data(explorer)["notebooks"]:
            if not panel["by_date"]:
                continue
            chart = page.locator(f"#chart-{panel['stem']}")
            chart.scroll_into_view_if_needed()
            page.wait_for_selector(f"#chart-{panel['stem']}[data-drawn^='base']")
            parts = chart.evaluate(LINES)["parts"]
            later = {r["series"] for r in panel["rows"] if r["scenario"] == "base" and r["date"] > DATA_SNAPSHOT}
            dotted = [x for x in parts if x["dotted"]]
            assert later and len(dotted) == len(later), (panel["stem"], later, dotted)
            assert all(x["dash"] for x in dotted)  # drawn dashed (whatever its series' own dash before)
            snapshot_x = max(x["box"][2] for x in parts if not x["dotted"])  # the solid parts stop at the snapshot
            assert all(abs(x["start"][0] - snapshot_x) < 1.5 and x["end"][0] > snapshot_x + 5 for x in dotted), parts
            key = page.locator(f"#panel-{panel['stem']} [data-part=key]").text_content()
            assert DATA_SNAPSHOT in key and "Dotted" in key and "nothing new happened" in key, key
        assert errors == []
    finally:
        page.close()


def test_small_multiples_fill_their_box_and_their_bars_grow_with_it(explorer, browser):
    thickness = {}
    for width in (PHONE, 1280):
        page, _, errors = open_page(browser, explorer, width)
        try:
            page.wait_for_selector("body[data-ready=yes]")
            parts = chart_parts(page, notebook("02").stem)
            room, drawn = parts["chart"][2] - parts["chart"][0], parts["svg"][2] - parts["svg"][0]
            assert room - 24 <= drawn <= room + 0.5, (width, room, drawn)  # the plot fills the box beside the names
            thickness[width] = max(b[3] - b[1] for b in parts["bars"])
            assert errors == []
        finally:
            page.close()
    assert thickness[1280] > thickness[PHONE] * 1.3, thickness


def drawn_page(folder, lines, dates=DATES):
    """An explorer of one panel over ``dates`` in the base scenario, drawing ``lines`` ({label: [value per date]}),
    styled as ``notebook_panel`` styles a panel's series: no notebook is run."""
    from prequel import SNAPSHOT_DATE

    labels = list(lines)
    companies = list(zip(*[load_dataset(None).companies[c] for c in ("company_id", "name")], strict=True))
    colours, dashes = explore.series_styles(labels, companies)
    shapes, symbols = explore.series_marks(colours)
    rows = [
        {"scenario": "base", "date": d, "series": s, "value": v, "text": f"{v:.1%}"}
        for s, values in lines.items()
        for d, v in zip(dates, values, strict=True)
    ]
    state = {"finding": "A finding.", "numbers": [], "hash": "0" * 12, "href": "", "unrendered": "none rendered"}
    panel = {
        "stem": "04_drawn", "kicker": "", "question": "A question?", "by_date": True, "kind": "probability",
        "scale": "linear", "format": ".0%", "series": labels,
        "charts": [{"series": list(range(len(labels))), "unit": ""}],
        "colors": colours, "text_colors": [readable_text(c) for c in colours], "measures": [0] * len(labels),
        "sources": None, "dashes": dashes, "shapes": shapes, "symbols": symbols, "rows": rows,
        "states": {f"base|{d}": dict(state) for d in dates},
    }  # fmt: skip
    payload = {
        "snapshot": SNAPSHOT_DATE, "text_px": 12, "proper": ["Runway"], "formula": {"starts": ["="], "guard": "'"},
        "dates": dates, "scenarios": [{"name": "base", "description": "The base case."}],
        "start": {"scenario": "base", "date": SNAPSHOT_DATE}, "notebooks": [panel],
    }  # fmt: skip
    path = folder / explore.EXPLORE_PAGE
    path.write_text(explore.render(payload, "key", {"data": "", "source": "", "commit": ""}), encoding="utf-8")
    return path


# The point marks a chart draws: each one's shape (its path, placed by a transform) and its fill.
POINTS = r"""c => [...c.querySelectorAll('path[aria-roledescription="point"]')]
  .map(p => ({shape: p.getAttribute('d'), fill: p.getAttribute('fill')}))"""


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_overlapping_measures_of_no_company_are_told_apart_by_shape_and_their_labels_name_it(browser, tmp_path, width):
    """A reader: 04's four grey measures overlap at 81% to 84% (bear 97% to 100%) and cannot be told apart. Each
    is drawn with points of its own shape, and its direct label starts with that shape."""
    lines = {
        "Chance of missing the demo window": [0.92, 0.96, 0.99],
        "Chance cash runs out before a demo": [0.80, 0.81, 0.83],
        "Chance of a down round, revenue not priced": [0.81, 0.82, 0.83],
        "Chance Runway must raise before revenue covers costs": [0.84, 0.84, 0.84],
    }
    page, _, errors = open_page(browser, drawn_page(tmp_path, lines), width)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        parts = chart_parts(page, "04_drawn")
        points = page.locator("#chart-04_drawn").evaluate(POINTS)
        assert len({p["shape"] for p in points}) == len(lines), points  # four shapes, not four grey circles
        symbols = [explore.series_marks(["#363636"] * 4)[1][i] for i in range(4)]
        for label, symbol in zip(lines, symbols, strict=True):  # each label led by its series' shape
            assert any(t["text"].startswith(f"{symbol} {label.split()[0]}") for t in parts["texts"]), parts["texts"]
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_lines_that_coincide_are_named_by_one_label(browser, tmp_path, width):
    """A reader: 05's 'best score known to be independent' and 'Runway's best score' are both 22.8% at every date, and
    one line hid the other, its label naming only one. One label names both and says they are one line."""
    lines = {
        "Best score (Physics-IQ, image-to-video)": [0.42, 0.438, 0.438],
        "Best score known to be independent": [0.228, 0.228, 0.228],
        "Runway's best score": [0.228, 0.228, 0.228],
    }
    page, _, errors = open_page(browser, drawn_page(tmp_path, lines), width)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        texts = "".join("".join(t["text"].split()) for t in chart_parts(page, "04_drawn")["texts"])  # lines unwrapped
        both = texts[texts.index("Bestscoreknown") :]
        assert "Runway'sbestscore" in both and both.endswith("oneline,thesamevalues"), texts
        assert errors == []
    finally:
        page.close()


def test_a_charts_title_states_its_finding_in_at_most_twenty_words_and_its_note_gives_the_rest(browser, tmp_path):
    """A reader: 02's generated title ran to about 60 words. The title states the finding; the values and the other
    measures are its note."""
    lines = {
        "Runway first in random weightings (article's own scores)": [0.4, 0.4, 0.4],
        "Runway first in random weightings (sourced scores, 10 of 15 levels from aggregator pages alone)": [0, 0, 0],
    }
    page, _, errors = open_page(browser, drawn_page(tmp_path, lines), PHONE)
    try:
        page.wait_for_selector("body[data-ready=yes]")
        title = page.locator("[data-part=chart-title]").text_content()
        note = page.locator("[data-part=chart-note]").text_content()
        assert title == (
            "Runway first in random weightings: article's own scores above sourced scores at every date."
        ), title
        assert len(title.split()) <= 20 and note == (  # each value named by the words that tell the series apart
            f"Article's own scores 40.0% against sourced scores 0.0% as of {DATA_SNAPSHOT}."
        ), note
        assert errors == []
    finally:
        page.close()
