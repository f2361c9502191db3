"""Render executed notebooks to offline HTML pages (nbconvert) and the collection's index page."""
from __future__ import annotations

import json
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter

from . import SNAPSHOT_DATE
from .report import RESULTS_MIME

TEMPLATES = Path(__file__).parent / "templates"


def _exporter(with_code: bool) -> HTMLExporter:
    exporter = HTMLExporter(template_name="prequel_html", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    return exporter


def render_pages(nb: nbformat.NotebookNode, stem: str, out_dir: Path) -> list[Path]:
    """Write ``<stem>.html`` (for readers, code hidden) and ``<stem>.code.html`` (with code)."""
    written = []
    for with_code, name, other, label in ((False, f"{stem}.html", f"{stem}.code.html", "show the code"),
                                          (True, f"{stem}.code.html", f"{stem}.html", "hide the code")):
        resources = {"prequel_other_page": other, "prequel_other_label": label,
                     "metadata": {"name": title_of(nb) or stem}}
        body, _ = _exporter(with_code).from_notebook_node(nb, resources=resources)
        (out_dir / name).write_text(body, encoding="utf-8")
        written.append(out_dir / name)
    return written


def title_of(nb: nbformat.NotebookNode) -> str:
    """The notebook's first Markdown heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb.metadata.get("title", "")


def collect_results(nb: nbformat.NotebookNode) -> dict:
    """The results a notebook published with ``prequel.report.publish_results``."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULTS_MIME in data:
                return json.loads(json.dumps(data[RESULTS_MIME]))
    return {}


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def render_index(entries: list[dict], out_dir: Path) -> Path:
    """``index.html``: each notebook's title, one-line finding, links and the parameters used.

    ``entries`` items: stem, title, finding, parameters (name -> value), defaults (name -> value).
    Every value is escaped by Jinja's autoescape.
    """
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    notebooks = []
    for e in entries:
        params = [{"name": n, "value": _shown(v), "default": _shown(e["defaults"].get(n)),
                   "changed": v != e["defaults"].get(n)} for n, v in e["parameters"].items()]
        notebooks.append({**e, "parameters": params, "changed": [p for p in params if p["changed"]]})
    html = env.get_template("index.html.j2").render(notebooks=notebooks, snapshot=SNAPSHOT_DATE)
    path = out_dir / "index.html"
    path.write_text(html, encoding="utf-8")
    return path
