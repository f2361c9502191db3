"""The README's findings and charts are generated from the committed notebooks, never typed in."""

import nbformat
from conftest import REPO

from prequel.pipeline import readme
from prequel.pipeline.sources import discover


def test_readme_findings_match_the_committed_notebooks():
    committed = {n.stem: nbformat.read(n.baseline, as_version=4) for n in discover()}
    block, images = readme.generate(committed)
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.current_block(text) == block, "run `make refresh` to regenerate the README findings"
    assert images, "no cell is tagged readme-figure"
    for name, data in images.items():
        assert (REPO / "docs" / "img" / name).read_bytes() == data, name
    assert text.index(readme.START) < text.index("## Two commands")


def test_the_readme_lists_each_headline_not_its_details():
    from conftest import published_output

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("publish_results(...)")
    answer = {"finding": "One sentence at $1.2B.", "details": ["A detail."], "flip": "A flip."}
    cell.outputs = [published_output(answer)]
    nb.cells = [nbformat.v4.new_markdown_cell("# Kicker: a question?"), cell]
    block, _ = readme.generate({"01_x": nb})
    assert "- **Kicker: a question?** One sentence at &#36;1.2B." in block, block  # no "?**:"
    assert readme.finding_item("A statement", "Its finding.") == "**A statement**: Its finding."
    assert "A detail." not in block and "A flip." not in block
