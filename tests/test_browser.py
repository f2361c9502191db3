"""Rendered pages in a real headless browser (Debian's chromium, driven by Playwright).

Skips with the reason when no chromium is installed, unless REQUIRE_BROWSER=1 (CI), where it fails."""

import csv
import os
import shutil

import pytest
from conftest import run_runner

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EVIL_NAME = '<img src=x onerror="document.title=\'pwned\'"><b id="evil">Evil</b> & Co'

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but no chromium is installed (apt-get install chromium)")
        pytest.skip("no chromium on this machine: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def open_page(browser, path):
    """Open a local page; record every request that would leave the machine (and block it)."""
    page = browser.new_page()
    external, errors = [], []
    page.route(
        "**/*",
        lambda route: (
            (external.append(route.request.url), route.abort())
            if not route.request.url.startswith(("file:", "data:", "about:"))
            else route.continue_()
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, external, errors


def pages_of(site):
    return sorted(site.glob("*.html"))


def test_every_page_opens_offline_with_visible_figures_and_no_errors(browser, rendered_site):
    pages = pages_of(rendered_site)
    assert (rendered_site / "index.html") in pages and len(pages) >= 3
    for path in pages:
        page, external, errors = open_page(browser, path)
        assert external == [], f"{path.name} requests {external}"
        assert errors == [], f"{path.name}: {errors}"
        assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        assert "Traceback" not in page.inner_text("body")
        if path.name != "index.html":
            images = page.locator("img")
            assert images.count() >= 1, path.name
            for i in range(images.count()):
                box = images.nth(i).bounding_box()
                natural = images.nth(i).evaluate("img => img.naturalWidth")
                assert natural > 100 and box and box["width"] > 100, f"{path.name}: image {i} not visible"
        page.close()


def test_reader_pages_hide_code_and_code_pages_show_it(browser, rendered_site):
    page, _, _ = open_page(browser, rendered_site / "01_funding_comparison.html")
    assert page.locator(".jp-CodeCell .jp-InputArea-editor").count() == 0
    page.close()
    page, _, _ = open_page(browser, rendered_site / "01_funding_comparison.code.html")
    assert page.locator(".jp-CodeCell .jp-InputArea-editor").count() > 10
    page.close()


def _poison(path, key, match, column):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row[key] == match:
            row[column] = EVIL_NAME
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


POISONED = [
    ("companies.csv", "company_id", "google", "name"),
    ("events.csv", "event_id", "e17", "event"),
    ("stakeholders.csv", "stakeholder_id", "openai", "name"),
    ("scales.csv", "level", "small", "definition"),
    ("article_claims.csv", "claim_id", "tbl_verdict_google", "cell_text"),
    ("predictions.csv", "prediction_id", "google_no_product_before_2028", "title"),
    ("funding_rounds.csv", "round_id", "runway_series_e_2", "round"),
]


def test_text_from_data_is_shown_as_text_never_as_markup(browser, tmp_path, data_copy):
    """Markup in every kind of text field reaches every page (each notebook, the index, the front page) as text."""
    for name, key, match, column in POISONED:
        _poison(data_copy / name, key, match, column)
    root = tmp_path / "evil"
    result = run_runner("--scenario", "base", "--out", str(root), "--data-dir", str(data_copy))
    assert result.returncode == 0, result.stderr
    pages = [root / "index.html"] + sorted((root / "base").glob("*.html"))
    assert len(pages) == 10
    shown_on = []
    for path in pages:
        page, external, errors = open_page(browser, path)
        assert page.locator("#evil").count() == 0, path.name
        assert page.locator("img[src='x']").count() == 0, path.name
        assert page.title() != "pwned" and external == [] and errors == [], path.name
        if EVIL_NAME[:30] in page.inner_text("body"):  # long cells may be shortened with "..."
            shown_on.append(str(path.relative_to(root)))
        page.close()
    # every notebook page shows some of the poisoned text, as text
    assert {str(p.relative_to(root)) for p in (root / "base").glob("0*.html")} | {"index.html"} <= set(shown_on), (
        shown_on
    )
