"""The dollar rule: currency in Markdown is written so that no renderer takes it for math."""

from pathlib import Path

import jupytext
import pytest
from conftest import REPO

from prequel.present.markdown import currency_dollars, offending
from prequel.present.report import DOLLAR, dollars, esc, money

OLD = r"The article claims Runway raised about \$860M at a \$5.3B valuation; `$HOME` stays code."


def test_the_old_form_is_found_and_rewritten():
    assert offending(OLD) == [r"\$860M", r"\$5.3B"]
    fixed = currency_dollars(OLD)
    assert offending(fixed) == [] and fixed.count(DOLLAR) == 2 and "`$HOME`" in fixed
    assert "$" not in fixed.replace("`$HOME`", "")  # nothing left for a math detector to pair


def test_computed_markdown_and_data_text_carry_no_bare_dollar():
    assert "$" not in dollars(f"raised {money(860e6)} at {money(5.3e9)}")
    assert "$" not in esc("Backed by Alphabet's ~$200B market cap") and "&#x27;" not in esc("Alphabet's")
    assert dollars("$$x^2$$") == "$$x^2$$"  # an intended display formula is kept


@pytest.mark.parametrize("path", sorted((REPO / "notebooks").glob("0*.py")), ids=lambda p: p.stem)
def test_static_markdown_follows_the_dollar_rule(path: Path):
    """Fails on the old form (``\\$860M``): run ``python -m prequel.present.markdown notebooks/*.py``."""
    nb = jupytext.read(path)
    found = [o for c in nb.cells if c.cell_type == "markdown" for o in offending(c.source)]
    assert not found, f"{path.name}: currency written as {found[:4]}"
