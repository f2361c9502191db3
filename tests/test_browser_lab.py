"""JupyterLab in a real headless browser (Debian's chromium, driven by Playwright): dollars are dollars.

Skips with the reason when no chromium is installed, unless REQUIRE_BROWSER=1 (CI), where it fails."""

import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import CHROMIUM, PAGE_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on a free local port with a random token (nothing leaves the machine)."""
    if not CHROMIUM:
        pytest.skip("no chromium")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    root = tmp_path_factory.mktemp("lab")
    workspaces = tmp_path_factory.mktemp("lab-workspaces")
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}', encoding="utf-8")  # render every cell, not only visible ones
    lab = Path(sys.executable).parent / "jupyter"
    proc = subprocess.Popen(
        [str(lab), "lab", "--no-browser", "--allow-root", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", f"--LabApp.workspaces_dir={workspaces}",
         f"--LabApp.user_settings_dir={settings}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("jupyter lab did not start")
        yield {"root": root, "url": f"http://127.0.0.1:{port}", "token": token}
    finally:
        proc.terminate()
        proc.wait(20)


def test_jupyterlab_shows_dollar_amounts_as_text(browser, rendered_site, jupyterlab):
    """Every executed notebook (its static Markdown written by the dollar rule, its computed Markdown and
    tables) opens in JupyterLab with no math typeset and its dollar amounts shown as text. The notebooks'
    cells go into one notebook, without their code and charts, so JupyterLab loads once."""
    import nbformat

    from prequel.present.markdown import currency_dollars

    combined, amounts = None, {}
    for path in sorted(rendered_site.glob("0*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = currency_dollars(cell.source)
            else:  # code is never typeset and charts carry no text: most of what JupyterLab would draw
                cell.source = ""
                cell.outputs = [o for o in cell.outputs if not any(m.startswith("image/") for m in o.get("data", {}))]
        markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]  # prose, then computed prose
        outputs = [o for c in nb.cells for o in c.get("outputs", [])]
        markdown += ["".join(o.get("data", {}).get("text/markdown", "")) for o in outputs]
        for text in markdown:
            found = re.search(r'mathjax_ignore">&#36;</span>(\d[\d.,]*\d[KMBT]?)', text)
            if found:
                amounts[path.name] = "$" + found.group(1)
                break
        if combined is None:
            combined = nb
        else:
            combined.cells += nb.cells
    for index, cell in enumerate(combined.cells):  # the notebooks share cells (the same imports): one id each
        cell.id = f"cell-{index}"
    nbformat.write(combined, jupyterlab["root"] / "all.ipynb")
    page = browser.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(f"{jupyterlab['url']}/lab/tree/all.ipynb?token={jupyterlab['token']}")
    page.wait_for_selector(".jp-Notebook .jp-MarkdownOutput", state="attached", timeout=120_000)
    notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook").first
    text = ""
    for _ in range(240):  # the notebook renders its cells progressively; a busy machine is slow
        page.wait_for_timeout(500)
        text, before = notebook.inner_text(), text
        drawn = notebook.locator(".jp-Cell").count() == len(combined.cells)
        if drawn and text == before and all(a in text for a in amounts.values()):
            break  # every cell drawn, every amount shown and nothing added since the last look
    page.wait_for_timeout(2500)  # MathJax typesets after the cells render
    assert notebook.locator("mjx-container").count() == 0, "math typeset in JupyterLab"
    assert amounts, "no notebook shows a dollar amount: the check would be empty"
    missing = {name: a for name, a in amounts.items() if a not in text}
    assert not missing, f"dollar amounts not visible as text: {missing}"
    page.close()
