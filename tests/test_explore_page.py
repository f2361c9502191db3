"""The explorer's page, in-process: series colours as the pages pick them, and links only to pages that exist."""

import json

from prequel.data import load_dataset
from prequel.pipeline import explore
from prequel.present.style import FOCUS


def companies():
    table = load_dataset(None).companies
    return list(zip(table["company_id"], table["name"], strict=True))


def test_a_series_naming_one_company_takes_its_colour_and_no_other_series_does():
    labels = [
        "Chance of “Runway: world-model demo by June 2027”",
        "Chance of “OpenAI: competing demo by December 2027”",
        "Chance of “Google: no world-model product before 2028”",
        "Chance of missing the demo window",
        "OpenAI against Runway",  # two companies: no company's colour
    ]
    colours, dashes = explore.series_styles(labels, companies())
    assert colours[:3] == [FOCUS["runway"], FOCUS["openai"], FOCUS["google"]]
    assert not set(colours[3:]) & set(FOCUS.values()) and colours[3] != colours[4]
    assert dashes[:3] == [[]] * 3  # the companies solid; other series told apart by lightness, then dash


def test_one_company_named_beside_measures_of_none_is_no_company_line():
    """Issue 25 review: the explorer drew 04's 'Chance Runway must raise' in Runway's orange beside grey measures."""
    labels = ["Chance of missing the demo window", "Chance Runway must raise before revenue covers costs"]
    colours, _ = explore.series_styles(labels, companies())
    assert not set(colours) & set(FOCUS.values()) and colours[0] != colours[1]


def test_a_companys_second_series_keeps_its_colour_dashed():
    labels = ["Runway first (article's own scores)", "Runway first (sourced scores)", "Runway's best score"]
    colours, dashes = explore.series_styles(labels, companies())
    assert colours == [FOCUS["runway"]] * 3
    assert dashes[0] == [] and dashes[1] and dashes[2]


def rendered_folder(root, scenario, stem, parameters, page=True):
    folder = root / scenario
    folder.mkdir(parents=True)
    summary = {"notebooks": {stem: {"parameters": {**parameters, "data_dir": "/somewhere"}}}}
    (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    if page:
        (folder / f"{stem}.html").write_text("<p>page</p>", encoding="utf-8")


def test_a_state_links_only_a_page_rendered_with_its_parameters_and_says_why_not(tmp_path):
    rendered, root = tmp_path / "site", tmp_path / "elsewhere"
    rendered_folder(rendered, "base", "03_x", {"as_of": "2026-11-24"})
    rendered_folder(rendered, "bear", "03_x", {"as_of": "2026-11-24"}, page=False)  # failed: summary, no page
    root.mkdir()
    pages = explore.rendered_runs(rendered)
    assert set(pages) == {("base", "03_x")}

    href, why = explore.page_link("base", "03_x", {"as_of": "2026-11-24"}, pages, rendered, root)
    assert why == "" and href == "../site/base/03_x.html" and (root / href).is_file()
    href, why = explore.page_link("base", "03_x", {"as_of": "2027-01-31"}, pages, rendered, root)
    assert href == "" and why == "the base scenario's page is rendered as of 2026-11-24"
    href, why = explore.page_link("base", "03_x", {"as_of": "2026-11-24", "p": 1}, pages, rendered, root)
    assert href == "" and why == "the base scenario's page is rendered with other values"
    href, why = explore.page_link("bear", "03_x", {"as_of": "2026-11-24"}, pages, rendered, root)
    assert href == "" and "not rendered" in why


def test_the_value_axis_reads_in_the_unit_the_values_are_shown_in():
    from prequel.results import Result

    score, months = Result("s", "Score", "points", unit="%"), Result("m", "Months", "number", unit="months")
    assert explore.axis_unit([score, score]) == "%" and explore.axis_unit([months]) == " months"
    assert explore.axis_unit([Result("p", "P", "probability")]) == ""  # the tick format says '40%'
    assert explore.axis_unit([score, months]) == ""  # no one unit


def test_only_series_of_one_measure_are_compared_in_a_charts_title():
    from prequel.analysis import valuation, winners
    from prequel.results import Result

    p = Result("p", "P", "probability")
    assert explore.measures([p, p, Result("q", "Q", "probability")]) == [0, 0, 0]
    assert explore.measures([p, winners._WEIGHT, p]) == [0, 1, 0]  # a share of a total weight is not a probability
    growth, justified = (valuation.RESULTS[k] for k in ("growth_for_half", "share_justified_without_thesis"))
    assert explore.measures([growth, justified]) == [0, 1]  # a growth rate is not a share of combinations


def test_a_series_label_is_its_colour_darkened_until_it_reads_on_white():
    from prequel.present.style import MUTED, OKABE_ITO, TEXT_CONTRAST, contrast, readable_text

    assert readable_text("#0072B2") == "#0072B2"  # dark enough already
    for colour in OKABE_ITO + MUTED:
        text = readable_text(colour)
        assert contrast(text, "#ffffff") >= TEXT_CONTRAST, (colour, text)
        r, g, b = (int(text[i : i + 2], 16) for i in (1, 3, 5))
        r0, g0, b0 = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert abs(r * g0 - g * r0) <= 255 and abs(g * b0 - b * g0) <= 255  # the same hue, only darker


def test_the_page_stores_each_text_once_and_each_value_at_the_digits_it_needs():
    finding = "Runway has raised about $860M; a finding repeated month after month."
    state = {"finding": finding, "numbers": [["Runway: capital raised", "$860M"]], "hash": "0" * 12, "href": ""}
    rows = [
        {"scenario": s, "date": d, "series": "Runway: capital raised", "value": 0.579197544312202, "text": "58%"}
        for s in ("base", "bear")
        for d in ("2026-10-31", "2026-11-24")
    ]
    payload = {
        "dates": ["2026-10-31", "2026-11-24"],
        "scenarios": [{"name": "base", "description": ""}, {"name": "bear", "description": ""}],
        "notebooks": [
            {
                "series": ["Runway: capital raised"],
                "sources": {"figures": 1, "text": "Runway's own post"},  # in the page's HTML, not in its data
                "kicker": "Funding",
                "rows": rows,
                "states": {f"{r['scenario']}|{r['date']}": state | {"unrendered": "why"} for r in rows},
            }
        ],
    }
    packed = explore.pack(payload)
    text = json.dumps(packed)
    assert text.count(finding) == 1 and text.count('"58%"') == 1
    assert text.count("Runway: capital raised") == 2  # the series' name, and the key number's label
    assert "0.5792" in text and "0.57919" not in text  # four significant digits
    back = explore.unpack(packed)
    assert back["notebooks"][0]["states"] == payload["notebooks"][0]["states"]
    assert [r | {"value": 0.5792} for r in rows] == back["notebooks"][0]["rows"]
    assert len(text) < len(json.dumps(payload))
    assert "Runway's own post" not in text and '"kicker"' not in text and '"href"' not in text  # no empty link


def test_every_two_series_labels_on_a_chart_are_told_apart_by_colour_and_read_on_white():
    """Issue 25: the explorer's second and fourth grey series had label colours 1.6 apart (CIEDE2000), #707070 and
    #747474 once darkened to read on white. Every pair of series on one chart that are not one company's two
    series (its colour again, dashed) differs by at least ``DISTINCT_COLOURS``, and each label reads on white."""
    from itertools import combinations

    from prequel.present.style import (
        DISTINCT_COLOURS,
        NEUTRAL_SERIES,
        TEXT_CONTRAST,
        colour_difference,
        contrast,
        readable_text,
    )

    labels = [
        "Chance of “Runway: world-model demo by June 2027”",
        "Chance of “OpenAI: competing demo by December 2027”",
        "Chance of “Google: no world-model product before 2028”",
        *(f"Neutral measure {n}" for n in range(len(NEUTRAL_SERIES))),
    ]
    colours, _ = explore.series_styles(labels, companies())
    texts = [readable_text(c) for c in colours]
    assert all(contrast(t, "#ffffff") >= TEXT_CONTRAST for t in texts), texts
    close = [
        (a, b, colour_difference(a, b)) for a, b in combinations(texts, 2) if colour_difference(a, b) < DISTINCT_COLOURS
    ]
    assert not close, close
    assert [readable_text(c) for c, _ in NEUTRAL_SERIES] == [
        c for c, _ in NEUTRAL_SERIES
    ]  # a line is its label's colour


def test_the_colour_difference_is_ciede2000():
    """Sharma, Wu and Dalal (2005), pairs 1, 7, 17, 25 and 34 of their test data."""
    from prequel.present.style import delta_e_2000

    pairs = [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, 0, 0), (50, -1, 2), 2.3669),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ]
    for first, second, expected in pairs:
        assert round(delta_e_2000(first, second), 4) == expected
        assert round(delta_e_2000(second, first), 4) == expected


def test_the_chart_library_is_inlined_gzipped_at_under_half_its_bytes_and_inflates_to_itself():
    """Issue 25: the library was 877 KB of the page's 1,044 KB; gzipped in base64 it is 397 KB."""
    import base64
    import gzip

    packed = explore.packed_vega()
    assert gzip.decompress(base64.b64decode(packed)).decode("utf-8") == explore.vega_bundle()
    assert len(packed) < len(explore.vega_bundle()) / 2 and "<" not in packed  # nothing closes its <script>


def test_grey_series_of_one_panel_each_take_a_shape_of_their_own_and_companies_none():
    """A reader: 04's four grey measures overlapped at 81% to 84% and could not be told apart by colour."""
    labels = [
        "Chance of missing the demo window",
        "Chance cash runs out before a demo",
        "Chance of a down round, revenue not priced",
        "Chance Runway must raise before revenue covers costs",
    ]
    colours, _ = explore.series_styles(labels, companies())
    shapes, symbols = explore.series_marks(colours)
    assert len(set(shapes)) == len(set(symbols)) == 4 and all(symbols)
    companies_only = ["Chance of “Runway: world-model demo by June 2027”", "Chance of “OpenAI: competing demo”"]
    assert explore.series_marks(explore.series_styles(companies_only, companies())[0]) == (["circle"] * 2, [""] * 2)
    alone = explore.series_marks(
        explore.series_styles([*companies_only, "Chance of missing the window"], companies())[0]
    )
    assert alone == (["circle"] * 3, [""] * 3)  # one grey line beside companies: told apart by colour already
