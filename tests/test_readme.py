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
