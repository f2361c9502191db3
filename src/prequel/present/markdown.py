"""The rule for dollar signs in the notebooks' static Markdown cells, as a function the lead can run.

Rule: a currency dollar is written ``<span class="mathjax_ignore">&#36;</span>`` (for example
``<span class="mathjax_ignore">&#36;</span>860M``), never ``$`` or ``\\$``. JupyterLab and GitHub take two
``$`` (escaped or not) in one paragraph for TeX math (jupyterlab#8645); an entity is not a ``$`` to their
math detection, and MathJax skips elements of class ``mathjax_ignore``. Intended formulas keep ``$...$``
only where a cell really holds TeX (none does today); code spans are left alone.

    python -m prequel.present.markdown notebooks/*.py notebooks/*.ipynb   # rewrites Markdown cells in place
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .report import DOLLAR, dollars

# A dollar that reads as currency: bare or backslash-escaped, before a digit, "~" or "<"/">" sign.
CURRENCY = re.compile(r"\\?\$(?=[~\d])")


def currency_dollars(markdown: str) -> str:
    """Markdown with every currency dollar in the form no renderer takes for math (code spans kept)."""
    parts = re.split(r"(`[^`]*`)", markdown)
    for i in range(0, len(parts), 2):
        parts[i] = CURRENCY.sub(lambda _: DOLLAR, parts[i])
    return "".join(parts)


def offending(markdown: str) -> list[str]:
    """Currency dollars still written the old way (``$860M`` or ``\\$860M``) outside code spans."""
    parts = re.split(r"(`[^`]*`)", markdown)
    return [m.group(0) for part in parts[::2] for m in re.finditer(r"\\?\$[~\d][\d.,]*\w?", part)]


def fix_notebook(path: Path) -> bool:
    """Rewrite the Markdown cells of a notebook (``.ipynb``) or its jupytext twin (``.py``); True if changed."""
    import jupytext

    nb = jupytext.read(path)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            fixed = currency_dollars(cell.source)
            if fixed != cell.source:
                cell.source, changed = fixed, True
    if changed:
        jupytext.write(nb, path)
    return changed


__all__ = ["DOLLAR", "currency_dollars", "dollars", "fix_notebook", "offending"]

if __name__ == "__main__":  # pragma: no cover
    for name in sys.argv[1:]:
        print(("fixed " if fix_notebook(Path(name)) else "unchanged ") + name)
