"""Rendered pages in a real headless browser (Debian's chromium, driven by Playwright).

Skips with the reason when no chromium is installed, unless REQUIRE_BROWSER=1 (CI), where it fails."""

import json
import re

import pytest
from conftest import EMBEDDED_ID, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def pages_of(site):
    return sorted(site.glob("*.html"))


@pytest.fixture(scope="module")
def load(browser):
    """Open a page of the shared site at a width once for the whole module: ``load(path, width)`` gives the
    page with the requests it tried to send out and its errors while loading. The tests only read the pages
    (axe adds its script, nothing else), so each page loads once, not once per test."""
    opened = {}

    def opened_page(path, width=1280):
        if (path, width) not in opened:
            opened[path, width] = open_page(browser, path, width)
        return opened[path, width]

    yield opened_page
    for page, _, _ in opened.values():
        page.close()


def test_every_page_opens_offline_with_visible_figures_and_no_errors(load, rendered_site):
    pages = pages_of(rendered_site)
    assert (rendered_site / "index.html") in pages and len(pages) >= 3
    for path in pages:
        page, external, errors = load(path)
        assert external == [], f"{path.name} requests {external}"
        assert errors == [], f"{path.name}: {errors}"
        assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        assert "Traceback" not in page.inner_text("body")
        if path.name != "index.html":
            images = page.eval_on_selector_all(
                "img", "imgs => imgs.map(i => ({natural: i.naturalWidth, shown: i.getBoundingClientRect().width}))"
            )
            assert images, path.name
            for i, image in enumerate(images):
                assert image["natural"] > 100 and image["shown"] > 100, f"{path.name}: image {i} not visible"


def test_reader_pages_hide_code_and_code_pages_show_it(load, rendered_site):
    page, _, _ = load(rendered_site / "01_funding_comparison.html")
    assert page.locator(".jp-CodeCell .jp-InputArea-editor").count() == 0
    page, _, _ = load(rendered_site / "01_funding_comparison.code.html")
    assert page.locator(".jp-CodeCell .jp-InputArea-editor").count() > 10


# --- a publication, not a notebook dump (issue 10) -----------------------------------------------

WIDTHS = (1280, 390)
PHONE = min(WIDTHS)
ARTEFACTS = {
    "escaped entity": re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);"),
    "NaN": re.compile(r"\bNaN\b"),
    "scientific notation": re.compile(r"\b\d(\.\d+)?e[+-]?\d+", re.I),
    "backslash": re.compile(r"\\"),
}
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
# what a page shows a reader, without code, without the parameter names of the rerun block
VISIBLE_JS = """() => { const c = document.body.cloneNode(true);
  c.querySelectorAll('code, pre, .jp-InputArea, details.prequel-rerun, script, style').forEach(e => e.remove());
  return c.innerText; }"""
TABLE_JS = """() => [...document.querySelectorAll('table')].map(t => ({
  headers: [...t.querySelectorAll('thead th')].map(h => h.innerText.trim()),
  first: [...t.querySelectorAll('tbody tr')].map(r => r.children[0] ? r.children[0].innerText.trim() : ''),
  cells: [...t.querySelectorAll('tbody td')].map(c => c.textContent.trim()),  // folded tables too
  rerun: !!t.closest('details.prequel-rerun')}))"""

# prose and outputs wider than their parent are cut off by JupyterLab's `overflow: hidden` areas
CLIPPED_JS = """() => [...document.querySelectorAll('.jp-RenderedMarkdown, p, li, h2, img')]
  .filter(e => e.getBoundingClientRect().width > 0)
  .filter(e => e.getBoundingClientRect().right > e.parentElement.getBoundingClientRect().right + 0.5)
  .map(e => (e.className || e.tagName) + ': ' + (e.innerText || '').slice(0, 40))"""

# a table wider than the column scrolls inside its own region (focusable, named), never cut off by the page
UNSCROLLABLE_TABLES_JS = """() => { const main = document.querySelector('main').getBoundingClientRect();
  return [...document.querySelectorAll('main table')].filter(t => t.getClientRects().length).filter(t => {
    const region = t.closest('.prequel-scroll');
    if (!region) return t.getBoundingClientRect().right > main.right + 0.5;
    const named = region.getAttribute('aria-label') || (document.getElementById(region.getAttribute('aria-labelledby'))
      || {}).textContent;
    return region.getBoundingClientRect().right > main.right + 0.5 || region.tabIndex !== 0 || !named;
  }).map(t => (t.querySelector('th') || {}).textContent || t.className); }"""


def reader_pages(site):
    return sorted(p for p in site.glob("0*.html") if not p.name.endswith(".code.html"))


@pytest.fixture(scope="module")
def front_site(rendered_site):
    """The root of the shared rendered site: the front page (index.html) over the base scenario's folder."""
    return rendered_site.parent


def _check_reads_clean(page, name):
    text = page.evaluate(VISIBLE_JS)
    for what, pattern in ARTEFACTS.items():
        found = pattern.findall(text) if what != "scientific notation" else [m.group(0) for m in pattern.finditer(text)]
        assert not found, f"{name}: {what} in visible text: {found[:5]}"
    for table in page.evaluate(TABLE_JS):
        if table["rerun"]:
            continue
        snake = [h for h in table["headers"] if SNAKE.match(h) or EMBEDDED_ID.search(h)]
        assert not snake, f"{name}: code identifiers as headers: {snake}"
        ids = [c for c in table["cells"] if EMBEDDED_ID.search(c)]
        assert not ids, f"{name}: code identifiers in table cells: {ids[:5]}"
        blank = [i for i, c in enumerate(table["cells"]) if not c]
        assert not blank, f"{name}: {len(blank)} blank table cells (a missing value is shown as a dash)"
        rows = table["first"]
        assert not (len(rows) > 1 and rows == [str(i) for i in range(len(rows))]), f"{name}: a 0..N index column"
    for i, alt in enumerate(page.eval_on_selector_all("img", "imgs => imgs.map(i => i.getAttribute('alt') || '')")):
        assert len(alt) >= 30 and "No description" not in alt and "no description" not in alt, (
            f"{name}: image {i} alt {alt!r}"
        )
    hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    for href in hrefs:
        scheme = href.split(":", 1)[0].lower() if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) else ""
        assert scheme in ("", "http", "https", "data"), f"{name}: link {href[:80]}"
        if scheme == "data":
            assert href.startswith("data:text/csv"), f"{name}: only CSV downloads are data: links"


def test_reader_pages_read_clean_at_both_widths(load, rendered_site):
    """No markup artefacts, code identifiers or row numbers; every chart described; links http(s) only."""
    pages = reader_pages(rendered_site) + [rendered_site / "index.html"]
    assert len(pages) >= 5
    for path in pages:
        for width in WIDTHS:
            page, external, errors = load(path, width)
            assert external == [] and errors == [], path.name
            _check_reads_clean(page, f"{path.name}@{width}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (
                f"{path.name}@{width} scrolls sideways"
            )
            clipped = page.evaluate(CLIPPED_JS)
            assert clipped == [], f"{path.name}@{width}: blocks wider than their parent (clipped): {clipped[:3]}"
            cut = page.evaluate(UNSCROLLABLE_TABLES_JS)
            assert cut == [], f"{path.name}@{width}: tables cut off or in a region without focus or name: {cut[:3]}"


def test_reader_page_opens_with_the_answer_and_ends_with_the_rerun_block(load, rendered_site):
    summary = json.loads((rendered_site / "summary.json").read_text(encoding="utf-8"))
    for path in reader_pages(rendered_site):
        page, _, _ = load(path)
        finding = summary["notebooks"][path.stem]["results"]["finding"]
        shown = page.inner_text(".prequel-finding")
        assert shown and shown.split()[:3] == finding.split()[:3], (path.name, shown, finding)
        assert page.inner_text("h1").rstrip().endswith("?"), path.name
        assert 3 <= page.locator(".prequel-numbers dd").count() <= 5, path.name
        order = page.evaluate(
            """() => { const f = document.querySelector('.prequel-finding'); const t = document.querySelector('table');
                     return !!(f && t && (f.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)); }"""
        )
        assert order, f"{path.name}: the finding must come before the first table"
        body = page.inner_text("main")
        assert '"finding":' not in body and "watermark" not in body.lower(), f"{path.name}: JSON or version cell shown"
        rerun = page.locator("details.prequel-rerun")
        assert rerun.count() == 1 and "How to rerun" in rerun.inner_text(), path.name
        assert page.locator(".prequel-toc a").count() >= 3, path.name
        for href in page.eval_on_selector_all(".prequel-toc a", "as => as.map(a => a.getAttribute('href'))"):
            found = page.evaluate("id => !!document.getElementById(id)", href[1:])
            assert found, f"{path.name}: TOC target {href} missing"
        measure = page.evaluate(
            """() => Math.max(...[...document.querySelectorAll('.jp-RenderedMarkdown p')].map(p => {
                 const fs = parseFloat(getComputedStyle(p).fontSize);
                 return p.getBoundingClientRect().width / (fs * 0.5); }))"""
        )
        assert measure <= 90, f"{path.name}: prose lines of about {measure:.0f} characters"


def test_pages_link_one_stylesheet_instead_of_inlining_it(rendered_site):
    css = rendered_site / "prequel.css"
    assert css.exists() and css.stat().st_size > 10_000
    for path in pages_of(rendered_site):
        text = path.read_text(encoding="utf-8")
        inline = sum(len(m) for m in re.findall(r"<style[^>]*>.*?</style>", text, re.S))
        assert inline < 20_000, f"{path.name}: {inline} bytes of inline CSS"
        assert 'href="prequel.css"' in text, path.name


def test_chart_data_folds_with_an_offline_csv_download(load, rendered_site):
    page, _, _ = load(rendered_site / "01_funding_comparison.html")
    data = page.locator("details.prequel-data")
    assert data.count() >= 3
    link = data.first.locator("a[download]")
    href = link.get_attribute("href")
    assert href.startswith("data:text/csv") and "%2C" in href  # commas of a real CSV, no network
    assert page.locator("text=/Show all \\d+ rounds/").count() == 1
    links = page.eval_on_selector_all("td a[href^='http']", "as => as.map(a => a.textContent)")
    bad = [t for t in links if not re.match(r"^[a-z0-9.-]+\.[a-z]{2,}(, \d{4}(-\d\d)?(-\d\d)?)?$", t)]
    assert links and not bad, bad[:5]


def _axe_violations(page):
    """axe's serious and critical findings, every rule."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def test_axe_finds_no_serious_or_critical_violation(load, rendered_site, front_site):
    """At the phone width, which holds for the desktop too: prequel.css hides nothing on a phone (its only
    media query shrinks fonts and padding; a chart's narrow variant keeps the same alt text), so every element
    axe checks at 1280 px it checks at 390 px, with the same colours and the same or smaller fonts (the harder
    case for colour contrast), and wider content overflows sooner (the harder case for scrollable regions).
    test_reader_pages_read_clean_at_both_widths checks the layout at both widths."""
    pages = reader_pages(rendered_site) + [rendered_site / "index.html", front_site / "index.html"]
    for path in pages:
        page, _, _ = load(path, PHONE)
        bad = _axe_violations(page)
        assert not bad, f"{path.name}@{PHONE}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in bad
        )


def test_front_page_cards_and_readable_comparison(load, front_site):
    for width in WIDTHS:
        page, external, errors = load(front_site / "index.html", width)
        assert external == [] and errors == []
        _check_reads_clean(page, f"front@{width}")
        cards = page.locator(".card")
        assert cards.count() == len(list((front_site / "base").glob("*.ipynb")))
        heading = page.locator("h1").inner_text()
        assert f"{['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six'][cards.count()]} question" in heading, heading
        for i in range(cards.count()):
            card = cards.nth(i)
            assert card.locator("h2").inner_text().strip().endswith("?")
            assert card.locator("img").count() == 1
        assert "article figures corroborated" in page.inner_text("body")
        headers = page.eval_on_selector_all("table.compare tbody th[scope=row]", "t => t.map(x => x.innerText)")
        assert headers and not [h for h in headers if SNAKE.match(h) or "." in h.split(":")[0]], headers[:5]
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
