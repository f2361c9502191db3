"""What changed between two runs: statuses that flipped, numbers that moved, notebooks added or failed."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

IGNORED = {"seconds"}  # wall-clock values, declared as non-deterministic
#: The words around a notebook's finding (report.headline) restate its results: compared through them, not twice.
RESTATED = {"details", "key_numbers", "flip", "sourcing", "question"}


class CompareError(Exception):
    """A run that cannot be compared (missing, malformed or failed summary): exit status 2."""


def load_summary(path: str | Path) -> dict:
    """A run's summary.json (from its folder or the file itself), checked for the shape compare reads."""
    path = Path(path)
    file = path / "summary.json" if path.is_dir() else path
    try:
        summary = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        failed = path / "_failed" / "summary.json"
        hint = f" (its latest run failed: see {failed})" if failed.exists() else ""
        raise CompareError(f"no summary.json at {file}{hint}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CompareError(f"{file}: cannot be read ({err})") from None
    except json.JSONDecodeError as err:
        raise CompareError(f"{file} is not valid JSON: {err}") from None
    except (RecursionError, ValueError):
        raise CompareError(f"{file} is not a run summary (nested too deep or a number too large)") from None
    notebooks = summary.get("notebooks") if isinstance(summary, dict) else None
    if not isinstance(notebooks, dict) or not all(isinstance(v, dict) for v in notebooks.values()):
        raise CompareError(f"{file} is not a run summary (expected {{'notebooks': {{name: {{...}}}}}})")
    if "provenance" in summary and not isinstance(summary["provenance"], dict):
        raise CompareError(f"{file}: 'provenance' is not a mapping")
    if summary.get("status") == "failed":
        raise CompareError(f"{file} is the summary of a failed run: compare a successful run's folder")
    return summary


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested results as dotted keys (lists indexed by their 'claim' or position)."""
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


def _moved(old: Any, new: Any, tolerance: float) -> bool:
    if (
        isinstance(old, bool)
        or isinstance(new, bool)
        or not isinstance(old, (int, float))
        or not isinstance(new, (int, float))
    ):
        return old != new
    if math.isclose(old, new, rel_tol=tolerance, abs_tol=tolerance * 1e-3):
        return False
    return True


def compare(old: dict, new: dict, tolerance: float = 0.01) -> dict:
    old_nb, new_nb = old.get("notebooks", {}), new.get("notebooks", {})
    report = {
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
        for section, bucket in (("parameters", "parameters"), ("results", None)):
            a, b = flatten(old_nb[name].get(section, {})), flatten(new_nb[name].get(section, {}))
            for key in sorted(set(a) | set(b)):
                if key.split(".")[-1] in IGNORED or (bucket is None and key.split(".")[0].split("[")[0] in RESTATED):
                    continue
                before, after = a.get(key), b.get(key)
                if not _moved(before, after, tolerance):
                    continue
                row = {"notebook": name, "key": key, "old": before, "new": after}
                if bucket:
                    report[bucket].append(row)
                elif (
                    isinstance(before, (int, float))
                    and isinstance(after, (int, float))
                    and not isinstance(before, bool)
                    and not isinstance(after, bool)
                ):
                    row["change"] = (after - before) / abs(before) if before else None
                    report["moved"].append(row)
                else:
                    report["flipped"].append(row)
    return report


def format_report(report: dict) -> str:
    from .provenance import describe

    lines = []
    sides = report.get("provenance") or {}
    if any(sides.values()):  # which data and code produced each side
        lines += [f"{side}: {describe(sides.get(side))}" for side in ("old", "new")]
    for label, key in (("notebooks added", "added"), ("notebooks removed", "removed"), ("notebooks failed", "failed")):
        if report[key]:
            lines.append(f"{label}: {', '.join(report[key])}")
    if report["parameters"]:
        lines.append("parameters that differ:")
        lines += [f"  {r['notebook']}: {r['key']}: {r['old']!r} -> {r['new']!r}" for r in report["parameters"]]
    if report["flipped"]:
        lines.append("statuses and labels that flipped:")
        lines += [f"  {r['notebook']}: {r['key']}: {r['old']!r} -> {r['new']!r}" for r in report["flipped"]]
    if report["moved"]:
        lines.append(f"numbers that moved by more than {report['tolerance']:.1%}:")
        for r in report["moved"]:
            change = f" ({r['change']:+.1%})" if r.get("change") is not None else ""
            lines.append(f"  {r['notebook']}: {r['key']}: {r['old']:.6g} -> {r['new']:.6g}{change}")
    return "\n".join(lines) if lines else "no differences beyond the tolerance"


# ---- the front page's "What changed": current results against the committed baseline ---------------


def baseline_summary(folder: Path | None = None) -> dict:
    """The committed baseline as a run summary: the results published in ``notebooks/*.ipynb``."""
    import nbformat

    from .site import collect_results, title_of
    from .sources import discover

    notebooks = {}
    for notebook in discover(folder, warn=False) if folder else discover(warn=False):
        if notebook.baseline.is_file():
            nb = nbformat.read(notebook.baseline, as_version=4)
            notebooks[notebook.stem] = {"status": "ok", "results": collect_results(nb), "title": title_of(nb)}
    return {"notebooks": notebooks}


def reader_label(key: str) -> str:
    """A result's dotted key in words: 'p_miss_window' -> 'probability of miss window'."""
    if key == "finding":
        return "headline finding"
    words = []
    for part in key.replace("[", ".").replace("]", "").split("."):
        text = f"#{int(part) + 1}" if part.isdigit() else part.replace("_usd", "").replace("_", " ").strip()
        words.append("probability of " + text[2:] if part.startswith("p_") else text)
    return ", ".join(w for w in words if w)


def reader_value(key: str, value: Any) -> str:
    """A result's value as a reader reads it: yes/no, percentages, US$ amounts, four significant digits."""
    from ..present.report import money

    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "none"}[value]
    if not isinstance(value, (int, float)):
        return str(value)
    parts = key.replace("[", ".").split(".")
    if any("usd" in p for p in parts):
        return money(value)
    if 0 <= value <= 1 and any(p.startswith("p_") or "share" in p for p in parts):
        return f"{value:.0%}"
    return f"{value:.4g}"


def since_baseline(root: Path, tolerance: float = 0.01) -> dict:
    """What changed between the committed baseline and each rendered scenario under ``root`` that keeps
    every parameter at its default (those that change parameters differ from it by design)."""
    baseline = baseline_summary()
    titles = {stem: entry.pop("title") for stem, entry in baseline["notebooks"].items()}
    compared = []
    for folder in sorted(
        p for p in root.iterdir() if (p / "scenario.json").is_file() and (p / "summary.json").is_file()
    ):
        marker = json.loads((folder / "scenario.json").read_text(encoding="utf-8"))
        if any(marker.get("changed", {}).values()):
            continue
        current = load_summary(folder)
        results = {
            stem: {"status": e.get("status"), "results": e.get("results", {})}
            for stem, e in current["notebooks"].items()
        }
        report = compare(baseline, {"notebooks": results}, tolerance)
        rows = [
            {
                "notebook": titles.get(r["notebook"], r["notebook"]),
                "label": reader_label(r["key"]),
                "old": reader_value(r["key"], r["old"]),
                "new": reader_value(r["key"], r["new"]),
                "change": f"{r['change']:+.0%}" if r.get("change") is not None else "",
                "kind": "moved" if r in report["moved"] else "flipped",
            }
            for r in report["flipped"] + report["moved"]
        ]
        notes = [f"{titles.get(s, s)}: not in the committed baseline" for s in report["added"]]
        notes += [f"{titles.get(s, s)}: in the committed baseline but not rendered" for s in report["removed"]]
        compared.append({"scenario": marker.get("name", folder.name), "rows": rows, "notes": notes})
    return {"tolerance": tolerance, "scenarios": compared}
