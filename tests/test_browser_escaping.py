"""Text from data reaches every page as text, never as markup, in a real headless browser (Debian's
chromium, driven by Playwright). Skips with the reason when no chromium is installed, unless
REQUIRE_BROWSER=1 (CI), where it fails."""

import json
import shutil

import pytest
from conftest import EVIL_NAME, open_page

from prequel.pipeline.site import render_front_page
from prequel.pipeline.sources import discover

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_text_from_data_is_shown_as_text_never_as_markup(browser, early_run, changed_run, tmp_path):
    """Markup in every kind of text field reaches every page (each notebook, the index, the front page) as
    text. The shared runs with unusual parameters read data with markup in its text fields (``POISONED``),
    so together they cover every notebook; the front page is rendered over a copy of one of them, marked as
    a scenario the way the runner marks one."""
    root = tmp_path / "evil"
    shutil.copytree(changed_run, root / "base")
    marker = {"name": "base", "description": "Data with markup in its text fields.", "changed": {}}
    (root / "base" / "scenario.json").write_text(json.dumps(marker), encoding="utf-8")
    render_front_page(root)
    runs = [early_run, changed_run]
    pages = [root / "index.html"] + [p for run in runs for p in sorted(run.glob("*.html"))]
    stems = {p.stem for run in runs for p in run.glob("0*.ipynb")}
    assert stems == {n.stem for n in discover(warn=False)}, "the runs cover every notebook"
    shown_on = set()
    for path in pages:
        page, external, errors = open_page(browser, path)
        assert page.locator("#evil").count() == 0, path
        assert page.locator("img[src='x']").count() == 0, path
        assert page.title() != "pwned" and external == [] and errors == [], path
        if EVIL_NAME[:30] in page.inner_text("body"):  # long cells may be shortened with "..."
            shown_on.add(path.name if path.parent != root else "front page")
        if path.name != "index.html":  # what a fresh run writes beside the text (the shared site is the baselines)
            _check_fresh_page(page, path)
        page.close()
    # every notebook's reader page, the runs' index and the front page show some of the poisoned text, as text
    assert {f"{stem}.html" for stem in stems} | {"index.html", "front page"} <= shown_on, sorted(shown_on)


def _check_fresh_page(page, path) -> None:
    """What nbval cannot see in a freshly executed notebook (output metadata, images) reaches its page:
    charts drawn with their alt text, and on a reader page the headline at the top."""
    images = page.eval_on_selector_all(
        "img", "imgs => imgs.map(i => ({alt: i.getAttribute('alt') || '', width: i.naturalWidth}))"
    )
    for image in images:
        assert len(image["alt"]) >= 30 and image["width"] > 100, (path.name, image)
    if not path.name.endswith(".code.html"):
        assert page.locator(".prequel-finding").count() == 1, path.name
        assert page.locator("details.prequel-data").count() >= min(1, len(images)), path.name  # chart data


#: Markup a tampered cache entry adds: it would set the title and add an element if it were ever served.
TAMPERED = "<script>document.title='pwned'</script><b id=\"evil\">tampered</b>"


def test_a_tampered_cache_entry_never_reaches_a_page(browser, tmp_path, monkeypatch):
    """Someone who can write the cache folder (not the key outside it) edits both entries of a notebook, with
    checksums that match: markup in the executed notebook's output and in both pages, and a page named
    '../escaped.html'. The next run ignores both entries (it runs and renders again), writes nothing outside
    its output, and its pages show no trace of the markup in a browser."""
    import gzip

    import nbformat
    from conftest import runner_in_process, tiny_notebook

    from prequel.pipeline.provenance import sha256

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    notebook, cache = tiny_notebook(tmp_path / "nb"), tmp_path / "cache"
    assert runner_in_process(str(notebook), "--out", str(tmp_path / "one"), cache=cache).returncode == 0

    def tampered_notebook(payload: bytes) -> bytes:
        nb = nbformat.reads(payload.decode(), as_version=4)
        nb.cells[-1].outputs.append(nbformat.v4.new_output("display_data", data={"text/html": TAMPERED}))
        return nbformat.writes(nb).encode()

    def tampered_pages(payload: bytes) -> bytes:
        pages = {name: html.replace("</body>", TAMPERED + "</body>") for name, html in json.loads(payload).items()}
        return json.dumps({**pages, "../escaped.html": TAMPERED}).encode()

    for kind, change in (("run", tampered_notebook), ("pages", tampered_pages)):
        (path,) = (cache / "v1" / kind).glob("*.entry")
        mac, _, rest = path.read_bytes().partition(b" ")
        line, _, body = rest.partition(b"\n")
        payload = change(gzip.decompress(body))
        body = gzip.compress(payload)
        header = {**json.loads(line), "sha256": sha256(payload), "body_sha256": sha256(body)}
        path.write_bytes(mac + b" " + json.dumps(header, sort_keys=True).encode() + b"\n" + body)
    result = runner_in_process(str(notebook), "--out", str(tmp_path / "two"), cache=cache)
    assert result.returncode == 0, result.stderr
    for name in ("90_tiny.html", "90_tiny.code.html"):
        page, external, errors = open_page(browser, tmp_path / "two" / name)
        assert page.locator("#evil").count() == 0 and page.title() != "pwned", name
        assert external == [] and errors == [], name
        page.close()
        assert "tampered" not in (tmp_path / "two" / name).read_text(encoding="utf-8")
    assert not list(tmp_path.rglob("escaped.html"))
    assert "ran: cache entry corrupt: ignored, will be replaced" in result.stderr
