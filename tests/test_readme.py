"""The README's findings and charts are generated from the committed notebooks, never typed in."""
from conftest import REPO
from prequel import readme


def test_readme_findings_match_the_committed_notebooks():
    block, images = readme.generate()
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.current_block(text) == block, "run `make refresh` to regenerate the README findings"
    for name, data in images.items():
        assert (REPO / "docs" / "img" / name).read_bytes() == data, name
    assert text.index(readme.START) < text.index("## Two commands")
