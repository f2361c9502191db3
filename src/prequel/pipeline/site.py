"""Render executed notebooks to offline HTML pages (nbconvert) and the collection's index page."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import nbformat

from .. import SNAPSHOT_DATE
from ..present.report import RESULTS_MIME

TEMPLATES = Path(__file__).parent / "templates"


def warm_up() -> None:
    """Load nbconvert and the page template ahead of rendering."""
    _exporter(False).environment.get_template("index.html.j2")


def _exporter(with_code: bool):
    from nbconvert import HTMLExporter  # slow to import: only when pages are rendered

    exporter = HTMLExporter(
        template_name="prequel_html", extra_template_basedirs=[str(TEMPLATES)], extra_template_paths=[str(TEMPLATES)]
    )
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    return exporter


def render_pages(nb: nbformat.NotebookNode, stem: str, out_dir: Path, provenance: dict | None = None) -> list[Path]:
    """Write ``<stem>.html`` (for readers, code hidden) and ``<stem>.code.html`` (with code)."""
    written = []
    for with_code, name, other, label in (
        (False, f"{stem}.html", f"{stem}.code.html", "show the code"),
        (True, f"{stem}.code.html", f"{stem}.html", "hide the code"),
    ):
        resources = {
            "prequel_other_page": other,
            "prequel_other_label": label,
            "prequel_provenance": provenance,
            "metadata": {"name": title_of(nb) or stem},
        }
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


def _templates() -> jinja2.Environment:
    """The collection's own page templates; every value is escaped (autoescape)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def render_index(entries: list[dict], out_dir: Path, scenario: str | None = None) -> Path:
    """``index.html``: each notebook's title, one-line finding, links and the parameters used.

    ``entries`` items: stem, title, finding, parameters (name -> value), defaults (name -> value).
    Every value is escaped by Jinja's autoescape.
    """
    notebooks = []
    for e in entries:
        params = [
            {
                "name": n,
                "value": _shown(v),
                "default": _shown(e["defaults"].get(n)),
                "changed": v != e["defaults"].get(n),
            }
            for n, v in e["parameters"].items()
        ]
        notebooks.append({**e, "parameters": params, "changed": [p for p in params if p["changed"]]})
    html = (
        _templates()
        .get_template("index.html.j2")
        .render(notebooks=notebooks, snapshot=SNAPSHOT_DATE, scenario=scenario)
    )
    path = out_dir / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def _scalar(value, key: str = "") -> str:
    from ..present.report import money

    if isinstance(value, (int, float)) and not isinstance(value, bool) and key.split(".")[0].endswith("usd"):
        return money(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def _front_chart(rows: list[dict], names: list[str]) -> str | None:
    """A small grouped bar chart (base64 PNG) of probabilities that differ between scenarios."""
    import base64
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from ..present.style import apply_theme

    chosen = [
        r
        for r in rows
        if r["differs"]
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in r["raw"])
        and any(t in r["key"] for t in ("p_", "share", "probability"))
    ][:12]
    if not chosen:
        return None
    apply_theme()
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(chosen) * max(1, len(names) / 2) + 1.5))
    height = 0.8 / len(names)
    y = np.arange(len(chosen))
    for k, name in enumerate(names):
        ax.barh(y + k * height, [r["raw"][k] for r in chosen], height=height, label=name)
    ax.set_yticks(y + height * (len(names) - 1) / 2, [f"{r['notebook'][:2]}: {r['key']}" for r in chosen])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability or share")
    ax.legend(fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def render_front_page(root: Path) -> Path:
    """``root/index.html``: the key results of every rendered scenario side by side."""
    from .compare import flatten, since_baseline

    scenarios, failures = [], {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and (p / ".prequel-output").exists()):
        failed = folder / "_failed" / "summary.json"
        if failed.exists():  # the latest run of this scenario failed: say so, beside its previous results
            report = json.loads(failed.read_text(encoding="utf-8"))["notebooks"]
            failures[folder.name] = [
                f"{stem}: {e.get('error', '')}" for stem, e in sorted(report.items()) if e.get("status") != "ok"
            ]
        marker, summary_file = folder / "scenario.json", folder / "summary.json"
        if marker.exists() and summary_file.exists():
            meta = json.loads(marker.read_text(encoding="utf-8"))
            summary = json.loads(summary_file.read_text(encoding="utf-8"))
            scenarios.append((meta, summary))
    order = {"base": 0}
    scenarios.sort(key=lambda s: (order.get(s[0]["name"], 1), s[0]["name"]))
    names = [meta["name"] for meta, _ in scenarios]
    keys: dict[tuple[str, str], list] = {}
    for index, (_, summary) in enumerate(scenarios):
        for stem, entry in summary["notebooks"].items():
            flat = {k: v for k, v in flatten(entry.get("results", {})).items() if k != "finding" and "[" not in k}
            for key, value in flat.items():
                keys.setdefault((stem, key), [None] * len(scenarios))[index] = value
    rows = [
        {
            "notebook": stem,
            "key": key,
            "raw": values,
            "cells": [_scalar(v, key) for v in values],
            "differs": len({json.dumps(v) for v in values}) > 1,
        }
        for (stem, key), values in sorted(keys.items())
    ]
    shown = []
    for meta, summary in scenarios:
        changed = [
            {"notebook": stem, "name": name, "value": _shown(value)}
            for stem, params in meta.get("changed", {}).items()
            for name, value in params.items()
        ]
        defaults = _defaults_of(meta)
        for c in changed:
            c["default"] = _shown(defaults.get((c["notebook"], c["name"])))
        findings = [
            {"stem": stem, "finding": entry.get("results", {}).get("finding", "")}
            for stem, entry in sorted(summary["notebooks"].items())
        ]
        shown.append(
            {
                "name": meta["name"],
                "description": meta.get("description", ""),
                "changed": changed,
                "findings": findings,
                "failed": failures.pop(meta["name"], None),
            }
        )
    never_ran = [{"name": name, "errors": errors} for name, errors in sorted(failures.items())]
    html = (
        _templates()
        .get_template("front.html.j2")
        .render(
            scenarios=shown,
            rows=rows,
            snapshot=SNAPSHOT_DATE,
            chart=_front_chart(rows, names),
            never_ran=never_ran,
            what_changed=since_baseline(root),
        )
    )
    path = root / "index.html"
    tmp = root / ".index.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path


def _defaults_of(meta: dict) -> dict:
    """Defaults of the changed parameters, from the notebooks' declarations (one reader: sources)."""
    from ..declarations import defaults
    from .sources import discover

    wanted = {stem for stem, params in meta.get("changed", {}).items() if params}
    return {
        (n.stem, name): value
        for n in discover(warn=False)
        if n.stem in wanted
        for name, value in defaults(n.declared).items()
    }
