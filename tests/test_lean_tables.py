"""A page's tables carry each column header once and no inline alignment (issue 25, page weight), and still show
every header beside its value on a phone."""

import pandas as pd

from prequel.pipeline import lean_tables
from prequel.present import report


def _table_html(df: pd.DataFrame) -> str:
    shown = []
    report.display = lambda obj, metadata=None, raw=False, **_: shown.append(obj["text/html"])
    try:
        report.show_table(df)
    finally:
        from IPython.display import display

        report.display = display
    return shown[0]


def test_a_stacked_table_writes_each_header_once_as_a_phone_rule_and_drops_inline_alignment():
    n = 10  # a table long enough that headers per cell outweigh one rule per column
    note = "a round reported with no primary source"  # too wide for a phone's grid: the table stacks
    df = pd.DataFrame({"company": [f"c{i}" for i in range(n)], "capital_usd": [860e6] * n, "note": [note] * n})
    notebook = _table_html(df)
    page = lean_tables.lean_tables(notebook)
    assert "data-label" in notebook and report.NUMERIC_ALIGN in notebook
    assert "data-label" not in page and report.NUMERIC_ALIGN not in page and 'class="num"' in page
    assert len(page) < 0.85 * len(notebook)
    rules = page.split("<style>")[1].split("</style>")[0]
    assert rules.startswith(f"@media {lean_tables.PHONE_MEDIA}")
    headers = [report.label(c) for c in df.columns]
    for k, header in enumerate(headers[1:], start=2):  # the first column heads the row and has no label
        assert f"#stack-1 tr>td:nth-child({k})::before{{content:{lean_tables._css_string(header)}}}" in rules
    assert "nth-child(1)" not in rules


def test_a_header_cannot_close_the_style_element():
    assert "<" not in lean_tables._css_string("</style><script>") and '"' not in lean_tables._css_string('a"b')[1:-1]


def test_a_table_whose_rows_disagree_keeps_its_labels():
    page = '<table class="prequel-table stack"><tr><td>a</td><td data-label="X">1</td></tr>'
    page += '<tr><td>b</td><td data-label="Y">2</td></tr></table>'
    assert lean_tables.lean_tables(page) == page
