"""Render executed notebooks to offline HTML pages (nbconvert) and the collection's index and front pages.

The reader page (``<stem>.html``) opens with the answer: the question, the notebook's published finding
and a few key numbers, then the argument; how to rerun and the parameters used come last, folded.
The published-results JSON and the version cell stay in the notebook and on the page with code.
Every page links one stylesheet (``prequel.css``, written once per site by ``write_stylesheet``)."""

from __future__ import annotations

import copy
import functools
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import jinja2
import nbformat

from .. import SNAPSHOT_DATE
from ..present.labels import SNAKE, column_result, label, words
from ..present.report import HEADLINE_META, LEFT_ALIGN, RESULTS_META, RESULTS_MIME, SHORT_VALUE, TABLE_META
from ..regression import same
from ..results import Result, declaration_at, declarations_from_json, format_value, leaves, range_text, row_alike
from .lean_tables import lean_tables

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "prequel.css"
ARTICLE_TITLE = "Runway Bets $860M That AI Video Is Just a Prequel"
ARTICLE_SOURCE = "TechCrunch's Equity podcast"


def warm_up() -> None:
    """Load nbconvert and the page template ahead of rendering."""
    _exporter().environment.get_template("index.html.j2")


@functools.lru_cache(maxsize=1)
def _exporter():
    """The page exporter, made once per process: it compiles its templates on first use. ``_export`` sets
    whether the code is shown, page by page."""
    from nbconvert import HTMLExporter  # slow to import: only when pages are rendered

    exporter = HTMLExporter(
        template_name="prequel_html", extra_template_basedirs=[str(TEMPLATES)], extra_template_paths=[str(TEMPLATES)]
    )
    exporter.register_filter("split_range", split_range)
    exporter.exclude_output_prompt = True
    return exporter


_EXPORTING = threading.Lock()


def _export(nb: nbformat.NotebookNode, resources: dict, with_code: bool) -> str:
    """One page's HTML, with or without the code cells."""
    with _EXPORTING:
        exporter = _exporter()
        exporter.exclude_input = exporter.exclude_input_prompt = not with_code
        # the inline left alignment is for GitHub's view of a notebook: the site's stylesheet aligns text itself
        return lean_tables(exporter.from_notebook_node(nb, resources=resources)[0].replace(LEFT_ALIGN, ""))


def split_range(value: str) -> tuple[str, str]:
    """A key number and its range, shown smaller beside it: '35% (0-55%)' -> ('35%', '(0-55%)')."""
    found = re.match(r"^(.+?) (\([^()]*\))$", str(value))
    return (found.group(1), found.group(2)) if found else (str(value), "")


# --- the stylesheet -------------------------------------------------------------------------------


def stylesheet() -> str:
    """The one stylesheet of a site: the collection's own rules (``templates/prequel.css``, which also lays out
    the few JupyterLab classes the pages carry: not JupyterLab's whole theme), then the code's colours."""
    from pygments.formatters import HtmlFormatter

    code = HtmlFormatter(style="default").get_style_defs(".highlight")
    return (TEMPLATES / "prequel.css").read_text(encoding="utf-8") + "\n" + code + "\n"


def write_stylesheet(out_dir: Path) -> Path:
    """Write ``prequel.css`` into a site folder (once per site; every page links it)."""
    path = Path(out_dir) / STYLESHEET
    path.write_text(stylesheet(), encoding="utf-8")
    return path


# --- what a notebook publishes --------------------------------------------------------------------


def title_of(nb: nbformat.NotebookNode) -> str:
    """The notebook's first Markdown heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb.metadata.get("title", "")


def published(nb: nbformat.NotebookNode) -> dict:
    """What a notebook published with ``prequel.present.report.publish_results``: ``results`` (values at full
    precision), ``declarations`` and ``frames`` (its tables as data); empty when it published nothing."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(TABLE_META)
            if isinstance(meta, dict) and isinstance(meta.get(RESULTS_META), dict):
                return json.loads(json.dumps(meta))
    return {}


def collect_results(nb: nbformat.NotebookNode) -> dict:
    """The results a notebook published (values at ``results.STORED_DIGITS``)."""
    return published(nb).get(RESULTS_META, {})


def question_of(nb: nbformat.NotebookNode, results: dict | None = None) -> tuple[str, str]:
    """(kicker, question): the page's title as a question.

    A published ``question`` wins; else the part of the title after a colon when it asks one."""
    results = collect_results(nb) if results is None else results
    title = title_of(nb)
    if isinstance(results.get("question"), str) and results["question"].strip():
        return title.split(":")[0].strip() if ":" in title else "", results["question"].strip()
    if ":" in title:
        head, tail = title.split(":", 1)
        tail = tail.strip()
        if tail.endswith("?"):
            return head.strip(), tail[:1].upper() + tail[1:]
    return "", title


def readable(text: str) -> str:
    """A sentence for readers: code identifiers (snake_case ids) in words."""
    return re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", lambda m: _id_words(m.group(0)), str(text))


def _id_words(identifier: str) -> str:
    shown = label(identifier)
    if shown != identifier and not SNAKE.match(shown):
        return shown[:1].lower() + shown[1:] if identifier not in ("runway", "openai", "google") else shown
    return words(identifier)


def result_text(declarations: dict[str, Result], key: str, value) -> str:
    """A published value as every page shows it: by its declaration (``prequel.results.format_value``);
    a value without one (a notebook not on an entry point) as plain words."""
    declared = declaration_at(declarations, key)
    if declared is None:
        declared = Result(key, key, "number" if isinstance(value, (int, float)) else "status")
    return format_value(declared, value)


ANSWER_KEYS = ("finding", "details", "question", "key_numbers", "flip", "sourcing", "names")  # the answer, not results


def details_of(results: dict) -> list[str]:
    """The bullets under the finding: a published ``details`` list of sentences, in readers' words."""
    details = results.get("details")
    return [readable(d) for d in details if isinstance(d, str) and d.strip()] if isinstance(details, list) else []


def key_numbers(results: dict, declarations: dict[str, Result] | None = None, limit: int = 5) -> list[dict]:
    """3-5 numbers under the finding: the published ``key_numbers`` ({"label", "value"}: the value formatted
    by its result's declaration when it was published); else the first declared numbers."""
    published = results.get("key_numbers")
    if isinstance(published, list) and published:
        out = []
        for item in published[:limit]:
            if isinstance(item, dict) and "label" in item:
                value = item.get("value")
                shown = (
                    value if isinstance(value, str) else result_text(declarations or {}, str(item.get("key")), value)
                )
                out.append({"label": str(item["label"]), "value": shown})
        return out
    if not declarations:
        return []
    values = {k: v for k, v in results.items() if k in declarations and k not in ANSWER_KEYS}
    numbers = [
        leaf for leaf in leaves(values, declarations) if isinstance(leaf.value, (int, float)) and "[" not in leaf.key
    ]
    return [{"label": leaf.label, "value": format_value(leaf.result, leaf.value)} for leaf in numbers[:limit]]


# --- the reader page ------------------------------------------------------------------------------


def _is_results_cell(cell) -> bool:
    return any(RESULTS_MIME in o.get("data", {}) for o in cell.get("outputs", []))


def _is_headline_cell(cell) -> bool:
    """A cell showing the notebook's answer (``report.show_headline``): the reader page shows it above."""
    return any(
        isinstance(o.get("metadata", {}).get(TABLE_META), dict) and o["metadata"][TABLE_META].get(HEADLINE_META)
        for o in cell.get("outputs", [])
    )


def _heading_id(text: str) -> str:
    from nbconvert.filters.strings import _convert_header_id

    return _convert_header_id(text)


def reader_view(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, dict]:
    """The notebook as a reader page shows it, and what the page template places around it.

    Removed: the first heading (the page title shows it as a question), the rerun instructions (moved to
    the end), printed parameter echoes, the published-results cell with its heading, the version cell."""
    view = copy.deepcopy(nb)
    cells = view.cells
    rerun: list[str] = []
    keep = []
    title_done = False
    for i, cell in enumerate(cells):
        source = cell.source
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown":
            if not title_done and any(line.startswith("# ") for line in source.splitlines()):
                lines = source.splitlines()
                at = next(j for j, line in enumerate(lines) if line.startswith("# "))
                source = "\n".join(lines[:at] + lines[at + 1 :]).strip()
                title_done = True
                if not source:
                    continue
                cell.source = source
            if source.lstrip().startswith("**How to rerun") or "rerun" in tags:
                rerun.append(source)
                continue
            following = cells[i + 1] if i + 1 < len(cells) else None
            if following is not None and _is_results_cell(following) and source.lstrip().startswith("## Results"):
                continue
            if following is not None and _is_headline_cell(following) and source.lstrip().startswith("## "):
                continue  # the answer's own heading ("The answer first"): the page opens with the answer
        else:
            if (
                _is_results_cell(cell)
                or _is_headline_cell(cell)
                or "watermark" in source
                or "parameters" in tags
                or "injected-parameters" in tags
            ):
                continue
            if "check_parameters" in source or "check_notebook_globals" in source:
                cell.outputs = [o for o in cell.outputs if o.get("output_type") != "stream"]
        keep.append(cell)
    main, methods = split_methods(keep)
    view.cells = flag_once(number_sections(main + methods))
    toc = []
    for cell in main:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    text = line[3:].strip()
                    toc.append({"text": text, "id": _heading_id(text)})
    if methods:
        toc.append({"text": METHODS_TITLE, "id": METHODS_ID})
    return view, {"rerun_md": "\n\n".join(rerun), "toc": toc}


METHODS_TAG = "methods"  # a cell tag: the cell (a heading cell: its whole section) goes into the fold
METHODS_TITLE = "Methods and data"
METHODS_ID = "methods"
FOLD_META = "prequel_fold"  # cell metadata the page template reads: "open" and/or "close" the fold


def _heading_level(cell) -> int:
    """2 for a Markdown cell that starts a ``## `` section, 1 for the title, 0 for any other cell."""
    if cell.cell_type != "markdown":
        return 0
    first = cell.source.lstrip().split("\n", 1)[0]
    return 2 if first.startswith("## ") else 1 if first.startswith("# ") else 0


def split_methods(cells: list) -> tuple[list, list]:
    """(the page's main column, its folded "Methods and data" section), each in notebook order.

    A notebook opts in by tagging cells ``methods``: a tagged cell goes into the fold; a tagged heading cell
    (``## ...``) takes its whole section along, up to the next heading. The first and last cells of the
    fold carry ``FOLD_META``, which the page template turns into a closed ``<details>``."""
    main, methods = [], []
    in_section = False
    for cell in cells:
        tagged = METHODS_TAG in cell.get("metadata", {}).get("tags", [])
        if _heading_level(cell):
            in_section = tagged and _heading_level(cell) == 2
        (methods if tagged or in_section else main).append(cell)
    if methods:
        methods[0].metadata[FOLD_META] = "open"
        methods[-1].metadata[FOLD_META] = (methods[-1].metadata.get(FOLD_META, "") + " close").strip()
    return main, methods


_NUMBERED = re.compile(r"^## (\d+)\. ", re.M)
_SECTION_REF = re.compile(r"\b([Ss]ection) (\d+)\b")


def number_sections(cells: list) -> list:
    """The numbered sections (``## 3. ...``) renumbered 1, 2, 3... in the order the page shows them (the main
    column first, then the Methods fold), so a section moved into the fold leaves no gap; a reference
    'section 5' in the prose or in a displayed Markdown output follows its section. The cells are changed in
    place (``reader_view`` works on a copy) and returned."""
    mapping: dict[str, str] = {}
    for cell in cells:
        if cell.cell_type == "markdown":
            for old in _NUMBERED.findall(cell.source):
                mapping.setdefault(old, str(len(mapping) + 1))
    if all(old == new for old, new in mapping.items()):
        return cells

    def heading(m: re.Match) -> str:
        return f"## {mapping.get(m.group(1), m.group(1))}. "

    def reference(m: re.Match) -> str:
        return f"{m.group(1)} {mapping.get(m.group(2), m.group(2))}"

    for cell in cells:
        if cell.cell_type == "markdown":
            cell.source = _SECTION_REF.sub(reference, _NUMBERED.sub(heading, cell.source))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if isinstance(data.get("text/markdown"), str):
                data["text/markdown"] = _SECTION_REF.sub(reference, data["text/markdown"])
    return cells


def flag_once(cells: list) -> list:
    """Each chart says under it how many of its figures rest on a single secondary or aggregator source, but
    charts citing the same files (``cite_figures``) would repeat the sentence word for word: a repeat is marked
    ``flag_said`` with the number of the chart that said it first, and the page template writes it short ("Same
    figures as chart 1: ..."). Changes the cells in place (``reader_view`` works on a copy)."""
    first: dict[tuple, int] = {}
    number = 0
    for cell in cells:
        for output in cell.get("outputs", []):
            meta = (output.get("metadata") or {}).get("image/png")
            src = meta.get("sources") if isinstance(meta, dict) else None
            if not isinstance(src, dict):
                continue
            number += 1
            if not src.get("single_secondary"):
                continue
            count = (src.get("single_secondary"), src.get("figures"), src.get("on_aggregator"))
            if count in first:
                meta["sources"] = {**src, "flag_said": first[count]}
            first.setdefault(count, number)
    return cells


def param_text(name: str, value, *, none: str = "none") -> str:
    """A parameter's value for readers, by its declaration (``labels.column_result``): ranges as
    '$25M to $60M', weights in words, shares in percent, booleans as yes or no, None as 'none'.

    (Only the rerun block's command line keeps the literal values a rerun passes.)"""
    if value is None:
        return "(all equal)" if name == "weights" else none
    if isinstance(value, (dict, list, tuple)) and not value:  # an empty mapping or list: nothing set
        return none
    declared = column_result(name)

    def one(v) -> str:
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, int) and declared.kind == "status":  # a number declared as text (a seed) reads as written
            return str(v)
        if str(v) in SETTING_WORDS.get(SETTING_OF.get(name, ""), {}):  # a setting in words: "in the article's table"
            return SETTING_WORDS[SETTING_OF[name]][str(v)]
        if not isinstance(v, (int, float)):
            return words(str(v)) if str(v).strip() else none
        return format_value(declared, v)

    if isinstance(value, dict):
        return ", ".join(f"{words(str(k))} {one(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        if numeric and len(value) == 2:  # a range: the one range style of every page (results.range_text)
            return range_text(declared, *value)
        return ", ".join(one(v) for v in value)
    return one(value)


_NONE_MEANS = re.compile(r"\bNone (?:means )?([^;|]+)")


def none_means(helps: dict[str, str], name: str) -> str:
    """What a parameter left at None does, from its declared help: 'none: every company with funding data'
    ('None means every company with funding data'); plain 'none' when the help does not say."""
    said = _NONE_MEANS.search(helps.get(name, ""))
    return f"none: {said.group(1).strip()}" if said else "none"


def declared_helps(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Each parameter's help, from the notebook's parameters cell (none without one)."""
    from ..declarations import DeclarationError, declared_parameters

    try:
        return {name: d.help for name, d in declared_parameters(nb).items()}
    except DeclarationError:
        return {}


def _param_rows(parameters: dict | None, defaults: dict | None, helps: dict[str, str] | None = None) -> list[dict]:
    defaults, helps = defaults or {}, helps or {}
    return [
        {
            "name": name,
            "label": label(name),
            "shown": param_text(name, value, none=none_means(helps, name)),
            "shown_default": param_text(name, defaults.get(name), none=none_means(helps, name)),
            "changed": name in defaults and value != defaults.get(name),
        }
        for name, value in (parameters or {}).items()
    ]


def scenario_banner(scenario: dict | None, stem: str, rendered: list[str] | None = None) -> dict | None:
    """The banner of a scenario page: its name, its description (from scenarios/<name>.yaml when the caller
    gave none) and a link to the same page in the base scenario (a sibling folder of the site) when that page
    is ``rendered`` (None: not known, linked)."""
    if not scenario or not scenario.get("name") or scenario["name"] == "base":  # the base pages need no banner
        return None
    out = dict(scenario)
    if "description" not in out:  # the runner gives it (it is part of the pages' cache key)
        from .scenarios import SCENARIOS_DIR, read_yaml

        try:
            raw = read_yaml(SCENARIOS_DIR / f"{out['name']}.yaml")
            out["description"] = " ".join(str(raw.get("description", "")).split()) if isinstance(raw, dict) else ""
        except Exception:  # noqa: BLE001 - a scenario without a readable file still gets its banner
            out["description"] = ""
    if rendered is None or "base" in rendered:
        out["base_href"] = f"../base/{stem}.html"
    return out


def scenario_links(
    scenario: dict | None, scenarios: list[str] | None, stem: str, rendered: list[str] | None = None
) -> list[dict]:
    """The same notebook's page in every scenario of the site ({"name", "href", "current"}), base first; none
    outside a scenario's site or when it has no other scenario. ``rendered``: the scenarios whose copy of the
    page exists (None: all); the others have no href (the page says they are not rendered)."""
    if not scenario or not scenario.get("name") or len(scenarios or []) < 2:
        return []
    names = sorted(scenarios or [], key=lambda n: (n != "base", n))
    return [
        {
            "name": name,
            "href": f"../{name}/{stem}.html" if rendered is None or name in rendered else None,
            "current": name == scenario["name"],
        }
        for name in names
    ]


CHART_COLORS = 128  # a chart's palette: its flat colours and anti-aliased text need no more
CHART_META = "prequel_files"  # under an image output's ``image/png`` metadata: the files the page loads


def chart_files(nb: nbformat.NotebookNode, stem: str) -> dict[str, bytes]:
    """Each chart of the notebook as files beside its pages (``<stem>.chart<N>.png``, and
    ``<stem>.chart<N>.phone.png`` for its phone variant), with a 256-colour palette: a page loads one image
    per chart for the reader's screen (``<picture>``), not every variant inlined. Records each file's name in
    the output's metadata (``CHART_META``), which the page template reads; returns name -> bytes."""
    import base64

    files: dict[str, bytes] = {}
    for n, at, output in charts_of(nb):
        meta = output.setdefault("metadata", {}).setdefault("image/png", {})
        phone, csv = _narrow_src(meta), _following_csv(nb, at, output)
        names = chart_names(stem, n, phone=phone is not None, csv=csv is not None)
        for shown, png in (("wide", output.data["image/png"]), ("phone", phone)):
            if shown in names:
                files[names[shown]] = palette_png(base64.b64decode(png.replace("\n", "")), colors=CHART_COLORS)
        if csv is not None:
            files[names["csv"]] = csv
        meta[CHART_META] = {**names, "number": n}
    return files


def charts_of(nb: nbformat.NotebookNode) -> Iterator[tuple[int, int, nbformat.NotebookNode]]:
    """(number from 1, cell index, output) of each chart of a notebook in page order: the numbers of its files."""
    n = 0
    for at, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("data", {}).get("image/png"):
                n += 1
                yield n, at, output


def chart_names(stem: str, number: int, *, phone: bool, csv: bool) -> dict[str, str]:
    """The files of chart ``number`` of a notebook: the page's image (``wide``) and, where they exist, the phone's
    image and the chart's data as CSV."""
    name = f"{stem}.chart{number}"
    return (
        {"wide": f"{name}.png"}
        | ({"phone": f"{name}.phone.png"} if phone else {})
        | ({"csv": f"{name}.csv"} if csv else {})
    )


def _narrow_src(meta: dict) -> str | None:
    """A chart's phone variant (base64 PNG) from its output's ``image/png`` metadata, None without one."""
    narrow = meta.get("narrow") if isinstance(meta, dict) else None
    return str(narrow["src"]) if isinstance(narrow, dict) and narrow.get("src") else None


_CSV_LINK = re.compile(r'href="data:text/csv;charset=utf-8,([^"]*)"')


def _following_csv(nb: nbformat.NotebookNode, at: int, image) -> bytes | None:
    """The CSV of a chart's data: the download of the first "chart's data" table after the chart, in its cell
    or the next one, before any other chart."""
    import urllib.parse

    outputs = nb.cells[at].get("outputs", [])
    after = outputs[outputs.index(image) + 1 :] + (
        nb.cells[at + 1].get("outputs", []) if at + 1 < len(nb.cells) else []
    )
    for output in after:
        if "image/png" in output.get("data", {}):
            return None
        table = output.get("metadata", {}).get(TABLE_META)
        if isinstance(table, dict) and table.get("chart_data"):
            found = _CSV_LINK.search(str(output.get("data", {}).get("text/html", "")))
            return urllib.parse.unquote(found.group(1)).encode("utf-8") if found else None
    return None


def write_chart_files(nb: nbformat.NotebookNode, stem: str, out_dir: Path) -> list[Path]:
    """Write the chart images of ``nb`` (``chart_files``) into ``out_dir``."""
    written = []
    for name, data in chart_files(copy.deepcopy(nb), stem).items():
        (Path(out_dir) / name).write_bytes(data)
        written.append(Path(out_dir) / name)
    return written


def page_names(stem: str) -> tuple[str, str]:
    """The files of a notebook's pages: for readers (code hidden), and with code."""
    return f"{stem}.html", f"{stem}.code.html"


def render_pages(
    nb: nbformat.NotebookNode,
    stem: str,
    out_dir: Path,
    *,
    siblings: list[tuple[str, str]] | None = None,
    parameters: dict | None = None,
    defaults: dict | None = None,
    scenario: dict | None = None,
    scenarios: list[str] | None = None,
    rendered: list[str] | None = None,
    provenance: dict | None = None,
    explore: bool = False,
) -> list[Path]:
    """Write ``<stem>.html`` (for readers, code hidden) and ``<stem>.code.html`` (with code).

    ``siblings``: (stem, title) of every notebook of the site, for previous/next links; ``parameters``
    and ``defaults``: the values used, for the rerun block; ``scenario``: {"name", "description"} for
    the banner on scenario pages; ``scenarios``: the names of every scenario of the site (sibling folders),
    whose copies of this page the page lists, linking those ``rendered`` (None: all); ``provenance``: the
    footer's hashes (``provenance.footer``); ``explore``: the run writes the explorer beside the scenarios'
    folders, which the page then links (never a link to a page that was not built).
    Each page links ``prequel.css`` (see ``write_stylesheet``)."""
    results = collect_results(nb)
    kicker, question = question_of(nb, results)
    stems = [s for s, _ in siblings or []]
    at = stems.index(stem) if stem in stems else -1
    prev_page = siblings[at - 1] if siblings and at > 0 else None
    next_page = siblings[at + 1] if siblings and 0 <= at < len(stems) - 1 else None
    params = _param_rows(parameters, defaults, declared_helps(nb))
    page = {
        "kicker": kicker,
        "question": question,
        "finding": readable(results.get("finding", "")),
        "details": details_of(results),
        "flip": readable(results["flip"]) if isinstance(results.get("flip"), str) else "",
        "numbers": key_numbers(results, declarations_from_json(published(nb).get("declarations"))),
        "stylesheet": STYLESHEET,
        "prev": {"href": f"{prev_page[0]}.html", "title": prev_page[1]} if prev_page else None,
        "next": {"href": f"{next_page[0]}.html", "title": next_page[1]} if next_page else None,
        "params": params,
        "changed": [p for p in params if p["changed"]],
        "scenario": scenario_banner(scenario, stem, rendered),
        "stem": stem,
        "snapshot": SNAPSHOT_DATE,
        "front": "../index.html" if scenario else "index.html",  # a scenario's site sits under the front page
        "in_scenarios": scenario_links(scenario, scenarios, stem, rendered),
        "explore": "../explore.html" if explore and scenario else None,  # beside the scenarios' folders
    }
    written = []
    nb = copy.deepcopy(nb)
    for chart, data in chart_files(nb, stem).items():  # the pages load these files (build.py writes them too)
        (Path(out_dir) / chart).write_bytes(data)
    reader, with_code_page = page_names(stem)
    for with_code, name, other, other_label in (
        (False, reader, with_code_page, "Show the code"),
        (True, with_code_page, reader, "Hide the code"),
    ):
        shown_nb, extra = reader_view(nb) if not with_code else (nb, {"rerun_md": "", "toc": []})
        resources = {
            "prequel": {**page, **extra, "other_page": other, "other_label": other_label, "with_code": with_code},
            "prequel_provenance": provenance,
            "metadata": {"name": question or title_of(nb) or stem},
        }
        body = _export(shown_nb, resources, with_code)
        (out_dir / name).write_text(body, encoding="utf-8")
        written.append(out_dir / name)
    return written


def _templates() -> jinja2.Environment:
    """The collection's own page templates; every value is escaped (autoescape)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)


def index_entry(stem: str, nb: nbformat.NotebookNode, parameters: dict, default: dict, results: dict) -> dict:
    """A notebook's row of a site's index (``render_index``)."""
    return {
        "stem": stem,
        "title": title_of(nb),
        "finding": results.get("finding", ""),
        "parameters": parameters,
        "defaults": default,
    }


def render_index(entries: list[dict], out_dir: Path, scenario: str | None = None) -> Path:
    """``index.html``: each notebook's question, finding, links and the parameters used.

    ``entries`` items: stem, title, finding, parameters (name -> value), defaults (name -> value).
    Every value is escaped by Jinja's autoescape. Writes the site's stylesheet too when it is missing."""
    notebooks = []
    for e in entries:
        params = _param_rows(e["parameters"], e["defaults"])
        kicker, question = (e["title"].split(":", 1) + [""])[:2] if ":" in e["title"] else ("", e["title"])
        notebooks.append(
            {
                **e,
                "kicker": kicker.strip(),
                "question": question.strip()[:1].upper() + question.strip()[1:],
                "finding": readable(e.get("finding", "")),
                "parameters": params,
                "changed": [p for p in params if p["changed"]],
            }
        )
    if not (out_dir / STYLESHEET).exists():
        write_stylesheet(out_dir)
    html = (
        _templates()
        .get_template("index.html.j2")
        .render(
            notebooks=notebooks,
            snapshot=SNAPSHOT_DATE,
            scenario=scenario,
            article=ARTICLE_TITLE,
            stylesheet=STYLESHEET,
        )
    )
    path = out_dir / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


# --- the front page -------------------------------------------------------------------------------


def _card_image(nb: nbformat.NotebookNode, stem: str, folder: str) -> dict | None:
    """The chart a card shows: the one of the cell tagged ``readme-figure``, else the first. ``png``: its phone
    variant where it has one, drawn for a card's width so its text stays readable there (the page's variant,
    shrunk to a card, drew its text at 3 to 5 px), which the front page writes beside itself as ``src``; its alt and
    sources; ``files``: what its reader page offers under it (the chart's PNG and CSV in the scenario's ``folder``,
    the chart's number for "Cite this")."""
    charts = list(charts_of(nb))
    tagged = [c for c in charts if "readme-figure" in nb.cells[c[1]].get("metadata", {}).get("tags", [])]
    if not charts:
        return None
    number, at, output = (tagged or charts)[0]
    meta = output.get("metadata", {}).get("image/png", {})
    phone = _narrow_src(meta)
    png = thumbnail(phone, CARD_WIDTH, CARD_COLORS) if phone else thumbnail(output["data"]["image/png"])
    names = chart_names(stem, number, phone=False, csv=_following_csv(nb, at, output) is not None)
    files = {**{k: f"{folder}/{name}" for k, name in names.items()}, "number": number}
    sources = meta.get("sources")
    width, height = png_size(png)
    return {
        "png": png,
        "src": f"{stem}{CARD_SUFFIX}",
        "width": width,
        "height": height,
        "alt": meta.get("alt") or "",
        "sources": sources if isinstance(sources, dict) else None,
        "files": files,
    }


CARD_SUFFIX = ".card.png"  # a card's image, beside the front page: loaded as a file (no base64 third more)


THUMB_WIDTH = 720  # px: a card is at most ~24rem wide, so this stays sharp on a 2x screen
#: A card's phone variant: the phone's column at 1x and a 128-colour palette (six phone charts at 2x weighed 508 KB
#: inlined, over the page's 400 KB budget; at 1x they weigh about 300 KB, their text still at the phone's sizes).
CARD_WIDTH, CARD_COLORS = 360, 128


def thumbnail(png_base64: str, width: int = THUMB_WIDTH, colors: int = 256) -> bytes:
    """A chart (base64 PNG) downscaled for a card, as PNG with a 256-colour palette (a few tens of kB, not 1 MB)."""
    import base64

    return palette_png(base64.b64decode(png_base64.replace("\n", "")), width, colors)


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels (a page reserves its place before it loads)."""
    import io

    from PIL import Image

    return Image.open(io.BytesIO(data)).size


def palette_png(data: bytes, width: int | None = None, colors: int = 256) -> bytes:
    """A PNG chart with a palette of ``colors`` colours (flat colours and text lose nothing visible; the file shrinks
    several times), downscaled to ``width`` pixels when wider. The colours that carry a meaning (each company's,
    the first stakeholders', black and white) stay exact: a median cut alone may merge OpenAI's blue and Google's
    green."""
    import io

    from PIL import Image, ImageColor

    from ..present.style import FOCUS, STAKEHOLDER_COLOURS

    kept_colours = dict.fromkeys([*FOCUS.values(), *STAKEHOLDER_COLOURS[:2], "#FFFFFF"])
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if width and image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    kept = [value for colour in kept_colours for value in ImageColor.getrgb(colour)]
    cut = image.quantize(colors=colors - len(kept_colours), method=Image.Quantize.MEDIANCUT)
    palette = cut.getpalette()[: 3 * (colors - len(kept_colours))] + kept
    reference = Image.new("P", (1, 1))
    reference.putpalette(palette + palette[-3:] * (256 - len(palette) // 3))  # a full palette, the last repeated
    out = io.BytesIO()
    image.quantize(palette=reference, dither=Image.Dither.NONE).save(out, format="PNG", optimize=True)
    return out.getvalue()


COUNT_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


def count_words(n: int) -> str:
    """'Five' for 5: the front page's heading counts its cards."""
    return COUNT_WORDS[n] if 0 <= n < len(COUNT_WORDS) else f"{n:,}"


def sourcing_of(nb: nbformat.NotebookNode, results: dict) -> str:
    """The sourcing badge: article figures corroborated, sources that are primary.

    Published ``sourcing`` ({"article_figures", "corroborated", "sources", "primary_sources"}) wins; else
    it is read from the audit the notebook published and from its sources table."""
    published = results.get("sourcing") if isinstance(results.get("sourcing"), dict) else {}
    figures, corroborated = published.get("article_figures"), published.get("corroborated")
    audit = results.get("article_audit")
    if figures is None and isinstance(audit, list) and audit:
        figures = len(audit)
        corroborated = sum(1 for a in audit if isinstance(a, dict) and a.get("verdict") == "corroborated")
    total, primary = published.get("sources"), published.get("primary_sources")
    if total is None:
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                meta = output.get("metadata", {}).get(TABLE_META, {})
                if isinstance(meta, dict) and "sources" in meta:
                    total, primary = meta["sources"]["total"], meta["sources"]["primary"]
    parts = []
    if figures is not None:
        parts.append(f"{corroborated} of {figures} article figures corroborated")
    if total:
        parts.append(f"{primary} of {total} sources primary")
    return "; ".join(parts)


#: How a key of a mapping reads in a row label, by what the keys are (``Result.by``): the settings a result is
#: computed under read as a setting ("in the article's table"), the things it is about as its subject.
SETTING_WORDS = {
    "view": {"article": "in the article's table", "sourced": "in the table the sourced facts support"},
    "reading": {"strict": "read strictly", "lenient": "read leniently"},
    "evidence": {"any": "any evidence counting", "reported": "reported evidence only"},
}
SETTING_OF = {"view": "view", "strictness": "reading", "min_confidence": "evidence"}  # a parameter's settings


def _setting_phrase(by: str, key: str) -> str | None:
    """A key that names a setting, in words ('article' under 'view' -> "in the article's table"); None for a
    key that names a subject (a company, a prediction)."""
    if by == "setting" and "/" in key:  # "lenient/any": a reading and an evidence setting
        reading, evidence = key.split("/", 1)
        return f"{_setting_phrase('reading', reading)}, {_setting_phrase('evidence', evidence)}"
    if by in SETTING_WORDS:
        return SETTING_WORDS[by].get(key, words(key))
    if by == "class":
        return f"against {words(key)} multiples"
    return None


def reader_rows(
    values: dict, declarations: dict[str, Result], names: dict[str, str] | None = None
) -> list[tuple[str, str, Result, object]]:
    """(key, label for readers, declaration, value) of every single value of published results, as the front
    page's table names them: each declaration's ``reads`` (its label when it has none) with its subject, the ids of
    ``by`` named by ``names`` (the notebook's published names, from its data) or in words, and the setting it is
    computed under ("The article's verdict “Runway: best positioned for the pivot” (in the article's table): ..."),
    not the keys stitched in their nesting order. Results declared ``listed=False`` (a model's internals), lists of
    records and records in lists are left out (the pages show them)."""
    out: list[tuple[str, str, Result, object]] = []
    names = names or {}

    def walk(result: Result, value, key: str, subjects: list, settings: list, parts: list, by: str) -> None:
        if not result.listed:
            return
        if isinstance(value, dict) and (result.by or result.fields):
            for k, v in value.items():
                inner = result.field(str(k)) if result.fields else None
                if inner is not None:
                    shown = inner.reads or _lower(inner.label)
                    walk(inner, v, f"{key}.{k}", subjects, settings, [*parts, shown], inner.by)
                    continue
                phrase = _setting_phrase(by, str(k)) if by else None
                more = ([], [phrase]) if phrase else ([names.get(str(k)) or words(str(k))], [])
                walk(result, v, f"{key}.{k}", subjects + more[0], settings + more[1], parts, "")
        elif not isinstance(value, (dict, list)):
            out.append((key, _row_label(parts, subjects, settings), result, value))

    for rid, value in values.items():
        if rid in declarations:
            top = declarations[rid]
            walk(top, value, rid, [], [], [top.reads or top.label], top.by)
    return out


def _lower(text: str) -> str:
    return (
        text
        if text[:2] == "P(" or text[1:2].isupper() or text.split(" ")[0] in ("Runway", "OpenAI")
        else (text[:1].lower() + text[1:])
    )


def _row_label(parts: list[str], subjects: list[str], settings: list[str]) -> str:
    """A row's label: its first part with its subjects in the place of ``{}`` (else after it: 'Verdict on ...',
    'Market cap: Google'), its settings in brackets, then the parts of a record."""
    head, subject = parts[0], ", ".join(subjects)
    if "{}" in head:
        head = head.replace("{}", subject)
    elif subjects:
        head += (" on " if head.lower().startswith("verdict") else ": ") + subject
    if settings:
        head += " (" + "; ".join(settings) + ")"
    return head + (": " + ": ".join(parts[1:]) if len(parts) > 1 else "")


def _scalar_rows(scenarios: list[tuple[dict, dict]], titles: dict[str, str]) -> list[dict]:
    """The results compared across scenarios, in words, each by its declaration: one row per result,
    labelled for readers (``reader_rows``), the answer's words, records and inputs left out."""
    keys: dict[tuple[str, str], list] = {}
    declared: dict[tuple[str, str], tuple[str, Result]] = {}
    for index, (_, summary) in enumerate(scenarios):
        for stem, entry in summary["notebooks"].items():
            declarations = declarations_from_json(entry.get("declarations"))
            skip = set(ANSWER_KEYS) | set(entry.get("parameters", {}))
            values = {k: v for k, v in entry.get("results", {}).items() if k in declarations and k not in skip}
            names = entry.get("results", {}).get("names")
            for key, shown, result, value in reader_rows(
                values, declarations, names if isinstance(names, dict) else {}
            ):
                if result.kind == "status" and isinstance(value, str) and isinstance(names, dict):
                    value = names.get(value, value)  # an id by the name its page gives it ('Google (Alphabet)')
                keys.setdefault((stem, key), [None] * len(scenarios))[index] = value
                declared.setdefault((stem, key), (shown, result))
    rows, missing = [], {}
    for (stem, key), values in sorted(keys.items()):
        shown, result = declared[(stem, key)]
        # a value one scenario lacks and another has reads NOT_ESTIMATED (never "none", read as 0%)
        absent = [  # only where the scenario ran the notebook: one it did not run has no finding to give
            v is None and any(w is not None for w in values) and stem in scenarios[i][1]["notebooks"]
            for i, v in enumerate(values)
        ]
        texts = [NOT_ESTIMATED if a else text for text, a in zip(row_alike(result, values), absent, strict=True)]
        # marked only where the value reads otherwise (45% beside 45% is no change, whatever its digits below)
        changed = [i > 0 and text != texts[0] and not same(result, values[0], v) for i, (text, v) in
                   enumerate(zip(texts, values, strict=True))]  # fmt: skip
        for i in (i for i, a in enumerate(absent) if a):
            missing.setdefault(stem, set()).add(i)
        rows.append(
            {
                "notebook": stem,
                "notebook_title": titles.get(stem, words(stem.split("_", 1)[-1])),
                "label": pages_by_title(shown, titles),
                "cells": [
                    {"text": text, "changed": c, "prose": len(text) > SHORT_VALUE, "absent": a}
                    for text, c, a in zip(texts, changed, absent, strict=True)
                ],  # prose wraps, left-aligned
                "differs": any(changed),
                "blank": all(v is None for v in values),  # no value under any scenario: said in one line, not listed
            }
        )
    noted: set[str] = set()  # one line per notebook, under its heading among the rows that differ
    for row in rows:
        stem, lacking = row["notebook"], sorted(missing.get(row["notebook"], ()))
        row["notes"] = []
        if lacking and row["differs"] and stem not in noted:
            noted.add(stem)
            who = " and ".join(scenarios[i][0]["name"] for i in lacking)
            row["notes"] = [
                f"{who[:1].upper()}{who[1:]}: “{NOT_ESTIMATED}” where the scenario gives no value (its "
                f"{row['notebook_title']} page says why)."
            ]
    return rows


NOT_ESTIMATED = "not estimated"  # a value a scenario lacks: never "none", which reads as 0% beside percentages


def pages_by_title(text: str, titles: dict[str, str]) -> str:
    """A label that names another notebook by its number ('as notebook 03 publishes it') names its page by title
    ('as the Prediction timelines page publishes it'), as a reader knows the pages."""

    def title(m: re.Match) -> str:
        stem = next((s for s in titles if s.startswith(m.group(1) + "_")), None)
        return f"the {titles[stem]} page" if stem else m.group(0)

    return re.sub(r"\bnotebook (\d\d)\b", title, text)


def render_front_page(root: Path) -> Path:
    """``root/index.html``: one card per notebook (question, finding, chart, sourcing, what would flip it),
    then the scenarios' results side by side, with the inputs each scenario changes listed apart."""
    from .compare import since_baseline

    scenarios, failures = [], {}
    from .scenarios import SAFE_NAME

    folders = (p for p in root.iterdir() if p.is_dir() and (p / ".prequel-output").exists())
    for folder in sorted(p for p in folders if SAFE_NAME.fullmatch(p.name)):  # linked by name: never a URL scheme
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
    cards, titles = [], {}
    if scenarios:
        first_meta, first_summary = scenarios[0]
        folder = root / first_meta["name"]
        for stem, entry in sorted(first_summary["notebooks"].items()):
            path = folder / f"{stem}.ipynb"
            nb = nbformat.read(path, as_version=4) if path.exists() else nbformat.v4.new_notebook()
            results = entry.get("results", {})
            kicker, question = question_of(nb, results)
            titles[stem] = kicker or question
            flip = results.get("flip")
            cards.append(
                {
                    "stem": stem,
                    "href": f"{first_meta['name']}/{stem}.html",
                    "kicker": kicker,
                    "question": question or words(stem),
                    "finding": readable(results.get("finding", "")),
                    "image": _card_image(nb, stem, first_meta["name"]),
                    "sourcing": sourcing_of(nb, results),
                    "flip": readable(flip) if isinstance(flip, str) else "",
                }
            )
    for stale in set(root.glob(f"*{CARD_SUFFIX}")) - {root / c["image"]["src"] for c in cards if c["image"]}:
        stale.unlink()
    for card in cards:
        if card["image"]:
            (root / card["image"]["src"]).write_bytes(card["image"].pop("png"))
    rows = _scalar_rows(scenarios, titles)
    shown = []
    for meta, _summary in scenarios:
        defaults = _defaults_of(meta)
        changed = [
            {
                "notebook": titles.get(stem, stem),
                "label": label(name),
                "value": param_text(name, value),
                "default": param_text(name, defaults.get((stem, name))),
            }
            for stem, params in meta.get("changed", {}).items()
            for name, value in params.items()
            if value != defaults.get((stem, name), not value)  # a setting equal to its default is no change
        ]
        shown.append(
            {
                "name": meta["name"],
                "description": meta.get("description", ""),
                "changed": changed,
                "failed": failures.pop(meta["name"], None),
            }
        )
    never_ran = [{"name": name, "errors": errors} for name, errors in sorted(failures.items())]
    html = (
        _templates()
        .get_template("front.html.j2")
        .render(
            scenarios=shown,
            names=names,
            rows=rows,
            cards=cards,
            questions=f"{count_words(len(cards))} question{'' if len(cards) == 1 else 's'}",
            snapshot=SNAPSHOT_DATE,
            article=ARTICLE_TITLE,
            css=(TEMPLATES / "prequel.css").read_text(encoding="utf-8"),
            never_ran=never_ran,
            what_changed=since_baseline(root),
            explore=(root / "explore.html").is_file(),
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
