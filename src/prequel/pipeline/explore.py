"""The offline explorer: ``rendered/explore.html``, one page that moves through a precomputed grid.

Its grid: every scenario of ``scenarios/`` times ``as_of`` by month, from the article's date to the month after
the last prediction's deadline and grace, plus the data snapshot (the date the scenario pages are rendered
at), for every notebook of ``notebooks/`` (a notebook without ``as_of`` varies by scenario only). Each point is
the notebook's entry point through the grid machinery and its cache (``grid.py``), so an unchanged rerun
computes nothing and writes nothing.

The page holds each state's finding and key numbers as the entry point published them (the text of the
pages), the state's content hash, a link to its rendered page where one exists (else why there is none), and one
chart per notebook drawn by Vega-Lite, whose JavaScript (Vega, Vega-Lite and Vega-Embed as bundled by vl-convert)
is inlined, gzipped (``packed_vega``): no CDN, no server, it opens from ``file://``. Series colours are the pages'
(a company's own colour).
A state that failed reads "not computed"; nothing is interpolated.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2

from .. import ARTICLE_DATE, SNAPSHOT_DATE
from ..csv_cells import FORMULA_GUARD, FORMULA_STARTS
from ..data import Dataset
from ..present.labels import COMPANY_WORDS
from ..present.style import NEUTRAL_SERIES, PHONE_CAPTION_PX, company_colors, readable_text
from ..results import Result, declarations_from_json, leaves
from . import grid as grids
from . import scenarios as scenario_files
from .cache import Cache
from .entry import NoEntryPoint
from .provenance import Inputs, combined, digest, git_state
from .site import ARTICLE_TITLE, TEMPLATES, question_of
from .sources import Notebook, discover

EXPLORE_PAGE = "explore.html"
KEY_META = "prequel-explorer-key"
#: Axis formats (d3) by declared kind: the chart's ticks; every value shown as text is formatted in Python.
AXIS_FORMAT = {"probability": ".0%", "share": ".0%", "money": "$.2~s", "count": "d", "multiple": "~r"}
NUMERIC_KINDS = ("money", "multiple", "probability", "share", "count", "number", "points")
#: The explorer's page weight with everything it loads (it loads only itself). It is an application, not a reader
#: page (400 KB): Vega, Vega-Lite and Vega-Embed, minified and inlined once, gzipped in base64 (397 KB, 877 KB as
#: the script the page inflates: it draws its charts from ``file://``, no CDN, no server; vl-convert bundles nothing
#: smaller that draws, see ``vega_bundle``), the precomputed grid's data (100 KB for 6 notebooks, 3 scenarios and
#: 23 dates, each text stored once) and the page with its stylesheet and licences (70 KB): 567 KB in all at issue 25
#: (1,044 KB with the library as plain script), under this budget by 73 KB.
EXPLORER_BUDGET_BYTES = 640 * 1024


def explorer_dates(data: Dataset, grace_days: int) -> list[str]:
    """``as_of`` by month: month ends from the article's month to the month after the last prediction's
    deadline plus ``grace_days``, and the data snapshot (the date of the rendered pages)."""
    import pandas as pd

    last = pd.Timestamp(max(data.predictions["deadline"])) + pd.Timedelta(days=grace_days) + pd.offsets.MonthEnd(1)
    first = pd.Timestamp(ARTICLE_DATE) + pd.offsets.MonthEnd(0)
    months = grids.months_between(first.date().isoformat(), last.date().isoformat())
    return sorted({*months, SNAPSHOT_DATE})


def grace_of(notebooks: list[Notebook]) -> int:
    """The longest default grace after a deadline that any notebook declares (0 when none does)."""
    graces = [n.declared["grace_days"].default for n in notebooks if "grace_days" in n.declared]
    return max((int(g) for g in graces if isinstance(g, int)), default=0)


def grids_for(notebooks: list[Notebook], scenarios: list[str], dates: list[str], data: Dataset) -> list[grids.Grid]:
    """One grid per notebook: scenario x as_of (scenario alone where the notebook takes no as_of)."""
    out = []
    for notebook in notebooks:
        dimensions: dict[str, Any] = {grids.SCENARIO: list(scenarios)}
        if "as_of" in notebook.declared:
            dimensions["as_of"] = list(dates)
        try:
            out.append(grids.expand(notebook, dimensions, data, where=f"explorer: {notebook.stem}: "))
        except NoEntryPoint:  # a notebook not yet refreshed onto an entry point: left out, with a warning
            print(f"warning: explorer: {notebook.stem} publishes no entry point (run make refresh)", file=sys.stderr)
    return out


def _plain(parameters: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in parameters.items() if k != "data_dir"}, sort_keys=True)


def rendered_runs(root: Path) -> dict[tuple[str, str], str]:
    """(scenario, stem) -> the parameters (as canonical JSON) of the page rendered in ``root/<scenario>/``: only
    pages that exist (a notebook that failed, or a folder without its summary, has none)."""
    out = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        try:
            summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
            for stem, entry in summary.get("notebooks", {}).items():
                if (folder / f"{stem}.html").is_file():
                    out[folder.name, stem] = _plain(entry.get("parameters", {}))
        except (OSError, ValueError, AttributeError):
            continue
    return out


def page_link(
    scenario: str, stem: str, parameters: dict[str, Any], pages: dict[tuple[str, str], str], rendered: Path, root: Path
) -> tuple[str, str]:
    """(href, "") to the full page of this run when one was rendered with these parameters (relative to the
    explorer's folder), else ("", why none is linked)."""
    page = pages.get((scenario, stem))
    if page is None:
        return "", f"the full pages of the {scenario} scenario were not rendered with this explorer"
    if page != _plain(parameters):
        as_of = json.loads(page).get("as_of")
        other_date = as_of is not None and str(as_of) != str(parameters.get("as_of"))
        return "", f"the {scenario} scenario's page is rendered " + (
            f"as of {as_of}" if other_date else "with other values"
        )
    return Path(os.path.relpath(rendered / scenario / f"{stem}.html", root)).as_posix(), ""


def series_styles(labels: list[str], companies: list[tuple[str, str]]) -> tuple[list[str], list[list[int]]]:
    """A colour and a dash per chart series, as the pages' charts pick colours: a series that names one company
    (id, name) in that company's colour (``company_colors``), a company's second series in its colour again,
    dashed; any other series in a neutral grey and dash of its own (``NEUTRAL_SERIES``), never a colour that
    means a company or a stakeholder. Company colours tell companies apart: a panel whose series name one company
    beside measures of none (04's 'Chance Runway must raise' beside 'Chance of missing the demo window') is grey."""
    from ..present.labels import words

    def named(label: str) -> str | None:
        found = {
            cid
            for cid, name in companies
            for text in {words(cid), name, name.split(" (")[0]}
            if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", label)
        }
        return found.pop() if len(found) == 1 else None

    ids = [named(label) for label in labels]
    if len(set(ids) - {None}) < 2 and None in ids:  # one company beside measures: a measure, not a company's line
        ids = [None] * len(ids)
    colours = company_colors([cid for cid in ids if cid is not None])
    styles, others = [], 0
    for i, cid in enumerate(ids):
        if cid is None:
            styles.append(NEUTRAL_SERIES[others % len(NEUTRAL_SERIES)])
            others += 1
        else:
            styles.append((colours[cid], [] if ids.index(cid) == i else [6, 3]))
    return [colour for colour, _ in styles], [list(dash) for _, dash in styles]


#: A point shape per neutral series and the symbol that leads its direct label, in the order of ``NEUTRAL_SERIES``:
#: greys alone cannot tell apart measures that overlap (04's four at 81% to 84%); a shape at each point can.
NEUTRAL_MARKS = (("circle", "\u25cf"), ("square", "\u25a0"), ("triangle-up", "\u25b2"), ("diamond", "\u25c6"))


def series_marks(colours: list[str]) -> tuple[list[str], list[str]]:
    """A point shape and a label symbol per series (colours from ``series_styles``): a company's series a plain
    circle and no symbol (its colour tells it apart); where two or more series are grey, each grey one its own
    shape, its label led by the same shape drawn as a character (``NEUTRAL_MARKS``)."""
    neutral = {colour for colour, _ in NEUTRAL_SERIES}
    greys = [i for i, colour in enumerate(colours) if colour in neutral]
    shapes, symbols = ["circle"] * len(colours), [""] * len(colours)
    if len(greys) > 1:
        for n, i in enumerate(greys):
            shapes[i], symbols[i] = NEUTRAL_MARKS[n % len(NEUTRAL_MARKS)]
    return shapes, symbols


def axis_unit(results: list[Result]) -> str:
    """What the chart's value axis adds to each tick so that it reads as the values do (``format_value``): '%' for
    a score in percent of a scale, ' months' for a number in months; nothing for kinds whose tick format carries
    the unit, or when the series do not share one."""
    suffixes = {"%" if r.unit == "%" else f" {r.unit}" if r.kind == "number" and r.unit else "" for r in results}
    return suffixes.pop() if len(suffixes) == 1 else ""


def measures(results: list[Result]) -> list[int]:
    """Which series measure the same thing, for the chart's title to compare only like with like: per series,
    the index of the first series declared with the same kind and unit."""
    measured = [(r.kind, r.unit) for r in results]
    return [measured.index(m) for m in measured]


def charts_of(results: list[Result]) -> list[dict[str, Any]]:
    """One chart per measure (``measures``): the series it draws (their indices) and the unit its axis adds
    (``axis_unit``), so that no axis carries two units."""
    measured = measures(results)
    return [
        {"series": [i for i, m in enumerate(measured) if m == first], "unit": axis_unit([results[first]])}
        for first in dict.fromkeys(measured)
    ]


def chart_sources(baseline: Any) -> dict | None:
    """The sources the notebook's own charts cite (``present.sources.figure_sources``, recorded on each chart's
    output): the chart citing the most figures."""
    found = [
        meta["sources"]
        for cell in baseline.cells
        for output in cell.get("outputs", [])
        for meta in output.get("metadata", {}).values()
        if isinstance(meta, dict) and isinstance(meta.get("sources"), dict) and "figures" in meta["sources"]
    ]
    return max(found, key=lambda s: s["figures"], default=None)


def _chart_keys(outcome: grids.Outcome) -> tuple[str, list[tuple[str, str]], list[Result], list[str]]:
    """The kind and the (label, result key) of the key numbers the charts draw: the numeric key numbers of the
    kind most of them share (the first such kind on a tie); their declarations; and each series' declared label
    (for a state that does not name it)."""
    declarations = declarations_from_json(outcome.declarations)
    by_key = {
        leaf.key: leaf for leaf in leaves({k: v for k, v in outcome.results.items() if k in declarations}, declarations)
    }
    numeric = [
        (n["label"], n["key"], by_key[n["key"]].result.kind)
        for n in outcome.results.get("key_numbers", [])
        if n.get("key") in by_key
        and by_key[n["key"]].result.kind in NUMERIC_KINDS
        and isinstance(by_key[n["key"]].value, (int, float))
    ]
    if not numeric:
        return "", [], [], []
    counts = Counter(kind for _, _, kind in numeric)
    kind = max(counts, key=lambda k: (counts[k], -[n[2] for n in numeric].index(k)))
    drawn = [(label, key) for label, key, k in numeric if k == kind]
    drawn_results = [by_key[key].result for _, key in drawn]
    return kind, drawn, drawn_results, [by_key[key].label for _, key in drawn]


def notebook_panel(
    grid: grids.Grid,
    outcomes: list[grids.Outcome],
    pages: dict[tuple[str, str], str],
    rendered: Path,
    root: Path,
    companies: list[tuple[str, str]],
) -> dict[str, Any]:
    """One notebook's part of the page: its states, its chart's rows and how the chart reads (full pages
    in ``rendered``, linked from the explorer's folder ``root``)."""
    import nbformat

    from ..results import format_value
    from .site import published

    stem = grid.notebook.stem
    by_date = "as_of" in grid.dimensions
    # the chart draws the key numbers of the first scenario's latest state (the data as they stand)
    computed = [o for o in outcomes if not o.error]
    first = computed[0].point.scenario if computed else ""
    reference = next((o for o in reversed(computed) if o.point.scenario == first), None)
    kind, series, drawn, declared = _chart_keys(reference) if reference else ("", [], [], [])
    states, rows = {}, []
    for outcome in outcomes:
        date = str(outcome.point.parameters.get("as_of", "")) if by_date else ""
        state_key = f"{outcome.point.scenario}|{date}"
        if outcome.error:
            states[state_key] = {"error": outcome.error, "hash": outcome.key[:12]}
            continue
        results = outcome.results
        href, unrendered = page_link(outcome.point.scenario, stem, outcome.point.parameters, pages, rendered, root)
        states[state_key] = {
            "finding": results.get("finding", ""),
            "numbers": [[n["label"], n["value"]] for n in results.get("key_numbers", [])],
            "hash": outcome.key[:12],
            "href": href,
            "unrendered": unrendered,
        }
        # a series' label as this state words it (a label may carry the state's own values: 'now 14%')
        named = {n.get("key"): n["label"] for n in results.get("key_numbers", [])}
        labels = [named.get(key, fallback) for (_, key), fallback in zip(series, declared, strict=True)]
        if labels != [label for label, _ in series]:
            states[state_key]["labels"] = labels
        declarations = declarations_from_json(outcome.declarations)
        values = {k: v for k, v in results.items() if k in declarations}
        by_key = {leaf.key: leaf for leaf in leaves(values, declarations)}
        for label, key in series:
            leaf = by_key.get(key)
            if leaf is not None and isinstance(leaf.value, (int, float)):
                rows.append(
                    {
                        "scenario": outcome.point.scenario,
                        "date": date,
                        "series": label,
                        "value": leaf.value,
                        "text": format_value(leaf.result, leaf.value),
                    }
                )
    baseline = nbformat.read(grid.notebook.baseline, as_version=4) if grid.notebook.baseline.is_file() else None
    kicker, question = question_of(baseline, published(baseline).get("results", {})) if baseline else ("", stem)
    colours, dashes = series_styles([label for label, _ in series], companies)
    shapes, symbols = series_marks(colours)
    return {
        "stem": stem,
        "kicker": kicker,
        "question": question or stem,
        "by_date": by_date,
        "kind": kind,
        "scale": "log" if kind == "money" else "linear",
        "format": AXIS_FORMAT.get(kind, "~r"),
        "series": [label for label, _ in series],
        "charts": charts_of(drawn),
        "colors": colours,
        "text_colors": [readable_text(c) for c in colours],  # a series' label: its colour, dark enough to read
        "measures": measures(drawn),
        "sources": chart_sources(baseline) if baseline else None,
        "dashes": dashes,
        "shapes": shapes,
        "symbols": symbols,
        "rows": rows,
        "states": states,
    }


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one script (vl-convert's bundle: they become window globals). Vega-Embed
    cannot be left out: vl-convert bundles what its snippet names, and there ``vega`` and ``vegaLite`` are null
    (default imports of modules without a default export), so a bundle without Vega-Embed draws nothing."""
    import vl_convert

    return vl_convert.javascript_bundle()


def packed_vega() -> str:
    """``vega_bundle`` gzipped, in base64 (877 KB to 397 KB): the page inflates it with the browser's own
    ``DecompressionStream``, offline, and runs it once as a script."""
    return base64.b64encode(gzip.compress(vega_bundle().encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


#: The state texts stored once each in the page (``strings``) and named by their index.
STATE_TEXTS = ("finding", "unrendered", "error")
ROW_FIELDS = ("scenario", "date", "series", "value", "text")  # a row's fields, packed as an array in this order
HTML_ONLY = ("sources", "kicker")  # a panel's parts written into the page's HTML, which its script never reads
SIGNIFICANT = 4  # a value's digits in the page: beyond any text shown (at most 3) and any chart's pixel


def _rounded(value: float) -> float:
    shown = float(f"{value:.{SIGNIFICANT}g}")
    return int(shown) if shown.is_integer() else shown


def pack(payload: dict[str, Any]) -> dict[str, Any]:
    """The page's data with every repeated text stored once (a finding repeats over months, a label over rows),
    no empty link and no part only the HTML shows (``HTML_ONLY``), each row an array (``ROW_FIELDS``: scenario,
    date and series by index) and each value at ``SIGNIFICANT`` digits; the page unpacks it (``unpack`` here, the
    same in its script)."""
    strings: dict[str, int] = {}

    def index(text: str) -> int:
        return strings.setdefault(text, len(strings))

    names = [s["name"] for s in payload["scenarios"]]
    notebooks = []
    for nb in payload["notebooks"]:
        states = {}
        for key, state in nb["states"].items():
            packed = dict(state) | {f: index(state[f]) for f in STATE_TEXTS if f in state}
            if not packed.get("href", True):  # no page linked (most states): said by leaving the link out
                del packed["href"]
            if "numbers" in state:
                packed["numbers"] = [[index(label), index(value)] for label, value in state["numbers"]]
            if "labels" in state:
                packed["labels"] = [index(label) for label in state["labels"]]
            states[key] = packed
        rows = [
            [
                names.index(r["scenario"]),
                payload["dates"].index(r["date"]) if r["date"] else -1,
                nb["series"].index(r["series"]),
                _rounded(r["value"]),
                index(r["text"]),
            ]
            for r in nb["rows"]
        ]
        kept = {k: v for k, v in nb.items() if k not in HTML_ONLY}
        notebooks.append(kept | {"states": states, "rows": rows})
    return payload | {"notebooks": notebooks, "strings": list(strings), "texts": list(STATE_TEXTS)}


def unpack(payload: dict[str, Any]) -> dict[str, Any]:
    """``pack`` undone (as the page's script does): rows as records, state texts as texts."""
    strings, names = payload["strings"], [s["name"] for s in payload["scenarios"]]
    notebooks = []
    for nb in payload["notebooks"]:
        states = {}
        for key, state in nb["states"].items():
            plain = dict(state) | {f: strings[state[f]] for f in STATE_TEXTS if f in state}
            if "finding" in plain:  # a computed state: its link, empty where none was packed
                plain.setdefault("href", "")
            if "numbers" in state:
                plain["numbers"] = [[strings[label], strings[value]] for label, value in state["numbers"]]
            if "labels" in state:
                plain["labels"] = [strings[label] for label in state["labels"]]
            states[key] = plain
        rows = [
            dict(
                zip(
                    ROW_FIELDS,
                    (names[s], payload["dates"][d] if d >= 0 else "", nb["series"][i], v, strings[t]),
                    strict=True,
                )
            )
            for s, d, i, v, t in nb["rows"]
        ]
        notebooks.append(nb | {"states": states, "rows": rows})
    return {k: v for k, v in payload.items() if k not in ("strings", "texts")} | {"notebooks": notebooks}


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no '</script>', no HTML comment opener)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(payload: dict[str, Any], page_key: str, provenance: dict[str, str]) -> str:
    """The page's HTML for its data (``payload``: its panels, scenarios and dates, unpacked) and provenance."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return environment.get_template("explore.html.j2").render(
        key=page_key,
        key_meta=KEY_META,
        article=ARTICLE_TITLE,
        snapshot=payload["snapshot"],
        provenance=provenance,
        panels=payload["notebooks"],
        scenarios=payload["scenarios"],
        dates=payload["dates"],
        data_json=_script_json(pack(payload)),
        vega=packed_vega(),
        licences=(TEMPLATES / "vega-licences.txt").read_text(encoding="utf-8"),
        css=(TEMPLATES / "prequel.css").read_text(encoding="utf-8"),
    )


def build(
    root: Path,
    data: Dataset,
    cache: Cache | None,
    executor: grids.Executor,
    workers: int,
    notebooks: list[Notebook],
    scenarios: list[str] | None = None,
    dates: list[str] | None = None,
    rendered: Path | None = None,
) -> Path | None:
    """Compute (or reuse) the explorer's grid and write ``root/explore.html``; None when it is unchanged.
    ``rendered``: the folder whose scenario folders hold the full pages a state links to (default ``root``)."""
    scenarios = scenarios or scenario_files.available(warn=False)
    dates = dates or explorer_dates(data, grace_of(notebooks))
    panels, keys = [], []
    all_grids = grids_for(notebooks, scenarios, dates, data)
    rendered = rendered or root
    pages = rendered_runs(rendered)
    companies = list(zip(data.companies["company_id"], data.companies["name"], strict=True))
    for the_grid in all_grids:
        outcomes = grids.run_grid(the_grid, executor, cache, workers, limit_seconds=None)
        panels.append(notebook_panel(the_grid, outcomes, pages, rendered, root, companies))
        keys.append([o.key for o in outcomes])
    descriptions = {}
    for name in scenarios:
        scenario = scenario_files.load(name, [n.stem for n in discover(warn=False)])
        descriptions[name] = scenario.description
    inputs = Inputs.read(all_grids[0].data_dir) if all_grids else None
    state = git_state()
    provenance = {
        "data": combined(inputs.data)[:12] if inputs else "",
        "source": combined(inputs.source)[:12] if inputs else "",
        "commit": (state.get("commit") or "unknown")[:7] + (" with local changes" if state.get("dirty") else ""),
    }
    template = (TEMPLATES / "explore.html.j2").read_text(encoding="utf-8")  # a changed page's code rewrites it
    page_key = digest(
        {"keys": keys, "scenarios": descriptions, "pages": sorted(pages.items()), "dates": dates, "template": template}
    )
    target = root / EXPLORE_PAGE
    if target.is_file() and f'content="{page_key}"' in target.read_text(encoding="utf-8", errors="replace")[:2000]:
        return None
    payload = {
        "snapshot": SNAPSHOT_DATE,
        "text_px": PHONE_CAPTION_PX,
        "proper": sorted(COMPANY_WORDS.values()),  # names that keep their capital mid-sentence
        "formula": {"starts": list(FORMULA_STARTS), "guard": FORMULA_GUARD},  # the CSV download's guard
        "dates": dates,
        "scenarios": [{"name": n, "description": descriptions[n]} for n in scenarios],
        "start": {"scenario": "base" if "base" in scenarios else scenarios[0], "date": SNAPSHOT_DATE},
        "notebooks": panels,
    }
    tmp = root / f".{EXPLORE_PAGE}.{os.getpid()}.tmp"
    tmp.write_text(render(payload, page_key, provenance), encoding="utf-8")
    tmp.replace(target)
    return target
