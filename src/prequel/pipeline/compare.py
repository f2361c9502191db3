"""What changed between two runs: statuses that flipped, numbers that moved, notebooks added or failed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..outside import Unreadable, plain, read_regular, shown
from ..present.labels import label
from ..regression import change_text, compare_declarations, compare_values
from ..results import declarations_from_json
from .site import ANSWER_KEYS, param_text, reader_rows

#: The words around a notebook's finding (its Answer) restate its results: compared through them, not twice.
RESTATED = {"details", "key_numbers", "flip", "sourcing", "question"}


MAX_SUMMARY_BYTES = 10_000_000  # far above any run's summary.json
#: A number in a summary is below this in size (counts and US$ amounts are far below; formatting a far larger
#: one at its declared precision would need more digits than decimal arithmetic keeps).
MAX_NUMBER = 1e18


class CompareError(Exception):
    """A run that cannot be compared (missing, malformed or failed summary): exit status 2."""


def load_summary(path: str | Path) -> dict:
    """A run's summary.json (from its folder or the file itself), checked for the shape compare reads. Only
    a regular file is read, up to ``MAX_SUMMARY_BYTES`` (never through a link out of the folder given), and
    every number is below ``MAX_NUMBER`` in size, checked before it is converted."""
    path = Path(path)
    try:
        file = path / "summary.json" if path.is_dir() else path
    except OSError as err:  # a name too long
        raise CompareError(f"{plain(path)}: {err.strerror}") from None
    try:
        text = read_regular(file, MAX_SUMMARY_BYTES, inside=file != path).decode("utf-8")
        summary = json.loads(text, parse_int=_bounded_int, parse_float=_finite, parse_constant=_finite)
    except Unreadable as err:
        if str(err) != "file not found":
            raise CompareError(f"{plain(file)}: {err}") from None
        failed = path / "_failed" / "summary.json"
        hint = f" (its latest run failed: see {plain(failed)})" if failed.exists() else ""
        raise CompareError(f"no summary.json at {plain(file)}{hint}") from None
    except UnicodeDecodeError:
        raise CompareError(f"{plain(file)}: not UTF-8 text, so not a run summary") from None
    except json.JSONDecodeError as err:
        raise CompareError(f"{plain(file)} is not valid JSON: {err.msg} at line {err.lineno}") from None
    except (RecursionError, ValueError):
        raise CompareError(f"{plain(file)} is not a run summary (nested too deep, or a number too large)") from None
    notebooks = summary.get("notebooks") if isinstance(summary, dict) else None
    if not isinstance(notebooks, dict) or not all(isinstance(v, dict) for v in notebooks.values()):
        raise CompareError(f"{plain(file)} is not a run summary (expected {{'notebooks': {{name: {{...}}}}}})")
    if "provenance" in summary and not isinstance(summary["provenance"], dict):
        raise CompareError(f"{plain(file)}: 'provenance' is not a mapping")
    for name, entry in notebooks.items():
        wrong = _misshapen(entry)
        if wrong:
            raise CompareError(f"{plain(file)} is not a run summary: {shown(name)}: {wrong}")
    if summary.get("status") == "failed":
        raise CompareError(f"{plain(file)} is the summary of a failed run: compare a successful run's folder")
    return summary


#: What a notebook's entry in a summary holds, where present, as compare reads it.
ENTRY_SHAPE = {"status": str, "parameters": dict, "results": dict, "declarations": dict}


def _misshapen(entry: dict) -> str:
    """Why a notebook's entry cannot be compared ("" when it can): its parts, and each declaration's."""
    for key, kind in ENTRY_SHAPE.items():
        if entry.get(key) is not None and not isinstance(entry[key], kind):
            return f"{key!r} is not a {kind.__name__}"
    return next(filter(None, (_bad_declaration(k, v) for k, v in (entry.get("declarations") or {}).items())), "")


def _bad_declaration(rid: str, spec: Any) -> str:
    if not isinstance(spec, dict):
        return ""  # left out when read (results.declarations_from_json)
    if any(isinstance(spec.get(k), (int, float)) and spec[k] < 0 for k in ("rel_tol", "abs_tol")):
        return f"the declaration of {shown(rid)} has a negative tolerance"
    fields = spec.get("fields")
    if fields is not None and not isinstance(fields, dict):
        return f"the declaration of {shown(rid)} has 'fields' that are not a mapping"
    return next(filter(None, (_bad_declaration(k, v) for k, v in (fields or {}).items())), "")


def _finite(text: str) -> float:
    number = float(text)
    if not abs(number) < MAX_NUMBER:  # also NaN and infinities, which the runner never writes
        raise ValueError("a number too large")
    return number


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:  # checked before it is converted: 4,300 digits and more cannot be
        raise ValueError("a number too large")
    return int(text)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested values as dotted keys (lists indexed by their 'claim' or position); used for parameters."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = item.get("claim", index) if isinstance(item, dict) else index
            out.update(flatten(item, f"{prefix}[{label}]"))
    else:
        out[prefix] = value
    return out


def compare(old: dict, new: dict, tolerance: float | None = None) -> dict:
    """Two run summaries: notebooks added, removed or failed, parameters that differ, and every declared
    result that flipped or moved beyond its tolerance (``prequel.regression``: the regression's comparison;
    ``tolerance`` overrides the declared relative tolerance of numbers, for readers' comparisons)."""
    old_nb, new_nb = old.get("notebooks", {}), new.get("notebooks", {})
    report: dict[str, Any] = {
        "added": sorted(set(new_nb) - set(old_nb)),
        "removed": sorted(set(old_nb) - set(new_nb)),
        "failed": sorted(n for n, e in new_nb.items() if e.get("status") != "ok"),
        "parameters": [],
        "flipped": [],
        "moved": [],
        "tolerance": tolerance,
        "provenance": {"old": old.get("provenance"), "new": new.get("provenance")},
    }
    for name in sorted(set(old_nb) & set(new_nb)):
        a, b = flatten(old_nb[name].get("parameters", {})), flatten(new_nb[name].get("parameters", {}))
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                top = key.split(".")[0].split("[")[0]
                report["parameters"].append(
                    {
                        "notebook": name,
                        "key": key,
                        "label": label(top),
                        "old": a.get(key),
                        "new": b.get(key),
                        "old_text": param_text(top, a.get(key)),
                        "new_text": param_text(top, b.get(key)),
                    }
                )
        sides = [
            {k: v for k, v in (entry.get("results") or {}).items() if k not in RESTATED}
            for entry in (old_nb[name], new_nb[name])
        ]
        old_declared, new_declared = (
            declarations_from_json(e.get("declarations")) for e in (old_nb[name], new_nb[name])
        )
        differences = compare_declarations(name, old_declared, new_declared)
        differences += compare_values(name, *sides, new_declared | old_declared, tolerance=tolerance)
        for difference in differences:
            report["moved" if difference.kind == "moved" else "flipped"].append(difference.as_dict())
    return report


def format_report(report: dict) -> str:
    from .provenance import describe

    lines = []
    sides = report.get("provenance") or {}
    if any(sides.values()):  # which data and code produced each side
        lines += [f"{side}: {describe(sides.get(side))}" for side in ("old", "new")]
    for label_, key in (("notebooks added", "added"), ("notebooks removed", "removed"), ("notebooks failed", "failed")):
        if report[key]:
            lines.append(f"{label_}: {', '.join(report[key])}")
    if report["parameters"]:
        lines.append("parameters that differ:")
        lines += [
            f"  {r['notebook']}: {r['label']}: {r['old_text']} -> {r['new_text']}  [{r['key']}]"
            for r in report["parameters"]
        ]
    tolerance = report.get("tolerance")
    for heading, key in (
        ("statuses, dates and text that changed:", "flipped"),
        (
            "numbers that moved beyond "
            + (f"a relative {tolerance:g}" if tolerance is not None else "their declared tolerance")
            + ":",
            "moved",
        ),
    ):
        if report[key]:
            lines.append(heading)
            for r in report[key]:
                change = f" ({change_text(r['change'])})" if r.get("change") is not None else ""
                lines.append(
                    f"  {r['notebook']}: {r['label']}: {r['old_text']} -> {r['new_text']}{change}  [{r['key']}]"
                )
    return "\n".join(lines) if lines else "no differences beyond the tolerance"


# ---- the front page's "What changed": current results against the committed baseline ---------------


def baseline_summary(folder: Path | None = None) -> dict:
    """The committed baseline as a run summary: the results (and declarations) published in
    ``notebooks/*.ipynb``."""
    import nbformat

    from .site import published, title_of
    from .sources import discover

    notebooks = {}
    for notebook in discover(folder, warn=False) if folder else discover(warn=False):
        if notebook.baseline.is_file():
            nb = nbformat.read(notebook.baseline, as_version=4)
            publication = published(nb)
            notebooks[notebook.stem] = {
                "status": "ok",
                "results": publication.get("results", {}),
                "declarations": publication.get("declarations", {}),
                "title": title_of(nb),
            }
    return {"notebooks": notebooks}


def _for_readers(text: str) -> str:
    """A compared value as the front page words it: a result one side lacks is 'not published'."""
    return "not published" if text == "(absent)" else text


def _reader_labels(notebooks: dict) -> dict[tuple[str, str], str]:
    """(notebook, result key) -> the label the front page's scenario table gives it (``site.reader_rows``)."""
    out = {}
    for stem, entry in notebooks.items():
        declarations = declarations_from_json(entry.get("declarations"))
        results = entry.get("results") or {}
        values = {k: v for k, v in results.items() if k in declarations and k not in ANSWER_KEYS}
        names = results.get("names") if isinstance(results.get("names"), dict) else {}
        out |= {(stem, key): shown for key, shown, _, _ in reader_rows(values, declarations, names)}
    return out


def since_baseline(root: Path, tolerance: float | None = None) -> dict:
    """What changed between the committed baseline and each rendered scenario under ``root`` that keeps
    every parameter at its default (those that change parameters differ from it by design)."""
    baseline = baseline_summary()
    titles = {stem: entry.pop("title") for stem, entry in baseline["notebooks"].items()}
    from .scenarios import SAFE_NAME

    compared = []
    for folder in sorted(
        p
        for p in root.iterdir()
        if SAFE_NAME.fullmatch(p.name)  # linked by its name: never a URL scheme
        and (p / "scenario.json").is_file()
        and (p / "summary.json").is_file()
    ):
        marker = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
        if any(marker.get("changed", {}).values()):
            continue
        current = load_summary(folder)
        report = compare(baseline, {"notebooks": current["notebooks"]}, tolerance)
        labels = _reader_labels(baseline["notebooks"]) | _reader_labels(current["notebooks"])
        rows = [
            {
                "notebook": titles.get(r["notebook"], r["notebook"]),
                "label": labels.get((r["notebook"], r["key"]), r["label"]),
                "old": _for_readers(r["old_text"]),
                "new": _for_readers(r["new_text"]),
                "change": change_text(r["change"]) if r.get("change") is not None else "",
                "kind": kind,
            }
            for kind in ("flipped", "moved")
            for r in report[kind]
        ]
        notes = [f"\u201c{titles.get(s, s)}\u201d is new since the published version" for s in report["added"]]
        notes += [
            f"\u201c{titles.get(s, s)}\u201d is in the published version but not rendered now"
            for s in report["removed"]
        ]
        compared.append({"scenario": folder.name, "rows": rows, "notes": notes})
    return {"tolerance": tolerance, "scenarios": compared}
