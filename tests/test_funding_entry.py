"""Notebook 01's entry point in-process (no kernel): ``funding.analyse`` on the real data with the notebook's
declared defaults publishes exactly its declared results; each section's sentences and the answer from small
hand-made fixtures; each declaration kind's tolerance; float noise in the inputs changes nothing published,
and a changed reported figure is caught with the label of the result that moved."""

import dataclasses

import pandas as pd
import pytest
from conftest import REPO

from prequel.analysis import funding, funding_words
from prequel.declarations import check_parameters_then_load_data, parameters_cell
from prequel.pipeline.sources import discover
from prequel.regression import compare_frames, compare_values, same
from prequel.results import ANSWER_IDS, format_value, frame_json

NOTEBOOK = next(n for n in discover(REPO / "notebooks") if n.stem == "01_funding_comparison")


def _analyse(**changes):
    """The entry point as the notebook calls it: its parameters cell's defaults (with ``changes``), checked."""
    source = parameters_cell(NOTEBOOK.read(), NOTEBOOK.stem).source
    defaults = {k: d.default for k, d in NOTEBOOK.declared.items()}
    params, data = check_parameters_then_load_data({"In": ["", source], **defaults, **changes})
    return funding.analyse(data, params), data, params


@pytest.fixture(scope="module")
def default():
    return _analyse()


# ---- the entry point on the real data -------------------------------------------------------------


def test_the_entry_point_publishes_every_declared_result_and_nothing_else(default):
    a, _, _ = default
    assert set(a.results) == set(funding.RESULTS) - ANSWER_IDS
    published = a.published()  # raises on an undeclared result or a key number naming no result
    assert set(published) == set(funding.RESULTS) - {
        "question",
        "names",
    }  # the question is the notebook's title; no names
    headline = funding.RESULTS["capital_headline"]
    assert set(a.results["capital_headline"]) == {f.id for f in headline.fields}
    for record in a.results["article_audit"]:
        assert set(record) == {f.id for f in funding.RESULTS["article_audit"].fields}
    assert 3 <= len(published["key_numbers"]) <= 5
    for number in published["key_numbers"]:
        assert number["value"] and number["value"] != "—", number


def test_the_entry_point_returns_every_table_and_chart_data_as_frames(default):
    a, _, _ = default
    frames = a.frames()
    expected = {"provenance", "article_table", "rounds", "capital_history", "capital", "stock_flow"}
    expected |= {"valuation_per_dollar", "step_ups", "relative_capital", "audit", "article_points", "article_marks"}
    assert set(frames) == expected
    assert all(len(df) for df in frames.values())
    assert a.answer.finding.startswith("Runway has raised about $860M; OpenAI about $180B, 170x to 210x as much")
    assert set(a.notes) == {"article_table", "capital", "stocks", "derived", "audit"}


def test_the_three_charts_draw_from_the_analysis(default):
    import matplotlib.pyplot as plt

    from prequel.analysis import funding_charts

    a, _, _ = default
    for chart in (funding_charts.capital_chart, funding_charts.stocks_chart, funding_charts.audit_chart):
        fig = chart(a)
        assert fig.axes and fig.prequel_alt  # each states its finding as alt text
        plt.close(fig)


def test_the_charts_give_each_value_the_rounding_the_sentences_give_it(default):
    """One value, one rounding: the stocks chart labels capital raised as the answer states it ($860M, not the
    exact $858M), its alt text gives the market cap as its declaration does, and the audit chart counts what the
    answer counts (corroborated figures, then the other matches)."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    from prequel.analysis import funding_charts
    from prequel.present.style import figure_title

    a, _, _ = default
    fig = funding_charts.stocks_chart(a)
    labels = {t.get_text() for t in fig.findobj(Text)}
    assert {"$860M", "$180B", "$4.67T"} <= labels and not {"$858M", "$182B"} & labels
    assert "market cap: $4.67T" in fig.prequel_alt and "about $860M" in fig.prequel_alt
    plt.close(fig)
    fig = funding_charts.capital_chart(a)
    assert "Runway about $860M" in fig.prequel_alt and "OpenAI about $180B" in fig.prequel_alt
    plt.close(fig)
    fig = funding_charts.audit_chart(a)
    title = figure_title(fig).get_text()
    said, matches = funding_words.audit_count(a.audit)  # the chart counts what the answer counts
    assert title == said == "0 of the article's 10 audited figures are corroborated" and title in a.answer.finding
    assert fig.prequel_alt.startswith(f"{said}. {matches[:1].upper()}{matches[1:]}"), fig.prequel_alt
    plt.close(fig)


def test_the_sentences_restate_the_published_results_in_their_declared_format(default):
    a, _, _ = default
    facts = a.results["capital_headline"]
    times = format_value(funding.RESULTS["capital_headline"].field("times_reference"), facts["times_reference"])
    assert times == "210x" and f"about **{times}** Runway's **$860M**" in a.notes["capital"]
    step = a.results["largest_step_up"]["step_up"]
    assert f"about **{format_value(funding.RESULTS['largest_step_up'].field('step_up'), step)}**" in a.notes["derived"]
    assert "**4** consistent" in a.notes["audit"] and a.results["audit_verdicts"]["consistent"] == 4
    # Google's 24 fps is Veo 3.1's (an aggregator page), not Genie 3's (a world model): no match beyond aggregators
    assert a.results["audit_verdicts"]["corroborated"] == 0


# ---- the sentence builders on small fixtures ----------------------------------------------------------

NAMES = {"runway": "Runway", "openai": "OpenAI", "acme": "Acme"}


def _capital(**rows):
    """capital_summary-like rows: company -> (total, unconditional, lower_bound)."""
    table = pd.DataFrame(
        [
            {"total_raised_usd": t, "unconditional_raised_usd": u, "lower_bound": lb, "open_conditional_usd": t - u}
            for t, u, lb in rows.values()
        ],
        index=pd.Index(list(rows), name="company_id"),
    )
    return table


def _facts(**overrides):
    facts = {
        "leader": "openai",
        "leader_lower_bound": False,
        "announced_usd": 180e9,
        "unconditional_usd": 150e9,
        "open_conditional_usd": 35e9,
        "includes_flagged": True,
        "announced_usd_reported_only": 180e9,
        "unconditional_usd_reported_only": 140e9,
        "reference": "runway",
        "reference_usd": 860e6,
        "times_reference": 210.0,
        "times_reference_unconditional": 170.0,
        "lower_bounds": [],
    }
    return facts | overrides


def _audit(*rows):
    """audit_article-like rows: (company, claim, ratio, verdict, verdict_strict)."""
    return pd.DataFrame(
        [
            {
                "claim_id": f"c{i}",
                "company": company,
                "claim": claim,
                "metric": "total_raised_usd",
                "ratio": ratio,
                "sourced_value": 1e9,
                "sourced_rounded": 1e9,
                "sourced_basis": "sum",
                "sourced_date": "2026-01-01",
                "verdict": verdict,
                "verdict_strict": strict,
                "verdict_kind": "off by a factor" if verdict.startswith("off") else verdict.split(" (")[0],
                "unconfirmed": funding.is_unconfirmed(verdict),
                "sourced_pages": 1,
                "aggregator_pages": 0,
            }
            for i, (company, claim, ratio, verdict, strict) in enumerate(rows)
        ]
    )


def test_the_finding_gives_the_multiple_as_a_range_and_the_audit_count():
    audit = _audit(
        ("Runway", "$860M", 1.0, "corroborated", "corroborated"),
        ("OpenAI", "$13B", 0.07, "outdated (matched 2023-01-23)", "off by about 14x (too low)"),
    )
    capital = _capital(openai=(181.6e9, 146.6e9, False), runway=(857.5e6, 857.5e6, False))
    answer = funding_words.funding_finding(audit, _facts(), NAMES, capital)
    assert answer.finding == (
        "Runway has raised about $860M; OpenAI about $180B, 170x to 210x as much (the low end counts unconditional "
        "capital only); 1 of the article's 2 audited figures is corroborated"
    )
    assert "Without estimated or disputed rounds: about $180B announced and about $140B unconditional" in answer.details
    assert answer.flip.startswith("counting only unconditional capital cuts the multiple to about 170x")
    # the audit's change (OpenAI's verdict) leaves the count corroborated as it is: no flip line states it
    assert "corroborated" not in answer.flip and "audit" not in answer.flip
    keys = {n[0]: n[1] for n in answer.key_numbers}
    assert keys["OpenAI against Runway"] == "capital_headline.times_reference"
    assert keys["Article figures corroborated"] == "audit_verdicts.corroborated"
    assert "Worst article figure: OpenAI" not in keys  # an outdated figure has no factor to show


def test_the_finding_without_conditional_capital_or_runway_and_with_no_rounds():
    audit = _audit(("Acme", "$1B", 20.0, "off by about 20x (too high)", "off by about 20x (too high)"))
    equal = _facts(unconditional_usd=180e9, times_reference_unconditional=210.0, includes_flagged=False)
    answer = funding_words.funding_finding(audit, equal, NAMES, _capital(openai=(1, 1, False)))
    assert "210x as much;" in answer.finding and "to 210x" not in answer.finding and "low end" not in answer.finding
    assert answer.flip == (
        "no change within the evidence flips it: leaving out estimated or disputed figures keeps 0 of the 1 "
        "audited figures corroborated"
    )
    assert {n[0]: n[1] for n in answer.key_numbers}["Worst article figure: Acme"] == "worst_figure"
    alone = {k: v for k, v in equal.items() if not k.startswith(("reference", "times"))}
    assert funding_words.funding_finding(audit.iloc[0:0], alone, NAMES, _capital(openai=(1, 1, False))).finding == (
        "OpenAI has raised about $180B announced"
    )
    empty = funding_words.funding_finding(pd.DataFrame(), {"leader": None}, NAMES, _capital())
    assert empty.finding == "No funding rounds are known for the selected companies by this date"
    assert empty.key_numbers == [] and empty.flip == ""


def test_the_capital_note_names_the_leader_the_conditional_part_and_lower_bounds():
    capital = _capital(openai=(181.6e9, 146.6e9, False), runway=(857.5e6, 857.5e6, False), acme=(9e6, 9e6, True))
    no_usd = pd.DataFrame([{"company_id": "acme", "round": "Seed", "as_of": "2026-07"}])
    note = funding_words.capital_note(
        "2026-11-24", ["openai", "runway", "acme", "google"], NAMES | {"google": "Google"}, capital,
        _facts(lower_bounds=["acme"]), {"google"}, no_usd,
    )  # fmt: skip
    assert "counted rounds for **3** of the 4 selected companies" in note
    assert "No rounds by then: Google (a public parent: its money is not raised in rounds)." in note
    assert "**$180B** announced, **$150B** without the $35B still conditional at this date" in note
    assert "($180B and $140B without estimated or disputed rounds)" in note
    assert "That is about **210x** Runway's **$860M** (about 170x counting unconditional capital only)." in note
    assert "Acme ≥ $9M" in note and "Rounds with no USD amount: Acme Seed (2026\\-07)." in note
    same_strict = _facts(unconditional_usd_reported_only=150e9)
    assert "the same, to this precision" in funding_words.capital_note(
        "2026-11-24", ["openai"], NAMES, capital.loc[["openai"]], same_strict, set(), no_usd.iloc[0:0]
    )


def test_the_stocks_note_keeps_flows_and_stocks_apart_and_says_when_none_is_selected():
    table = pd.DataFrame(
        {
            "capital_raised_usd": [857.5e6, None, 1.23e9],
            "capital_raised_is_lower_bound": [False, False, False],
            "post_money_usd": [5.3e9, None, 1e9],
            "post_money_usd_as_of": ["2026-02-10", "", "2024-09-13"],
            "raised_after_valuation_usd": [None, None, 1e9],
            "market_cap_usd": [None, 4.67e12, None],
            "market_cap_usd_as_of": ["", "2026-05-05", ""],
        },
        index=["Runway", "Google", "World Labs"],
    )
    rounded = pd.Series({"runway": 860e6, "world_labs": 1e9})
    note = funding_words.stocks_note("2026-11-24", table, rounded, {"runway": "Runway", "google": "Google"})
    assert note == (
        "As of 2026\\-11\\-24: **Runway**: raised $860M, post-money $5.3B (2026\\-02\\-10); "
        "**Google**: no funding rounds, market cap $4.67T (2026\\-05\\-05). "
    )
    # a valuation older than later rounds is never set beside the capital raised since as if comparable
    world = funding_words.stocks_note("2026-11-24", table.rename(index={"World Labs": "Runway", "Runway": "X"}),
                                      pd.Series({"runway": 1e9}), {"runway": "Runway"})  # fmt: skip
    assert "post-money $1B (2024\\-09\\-13, before $1B more was raised)" in world
    assert funding_words.stocks_note("2026-11-24", table, rounded, {"acme": "Acme"}) == (
        "None of the article's three companies is selected."
    )


def test_the_derived_note_leaves_flagged_valuations_and_lower_bounds_out_of_the_headline():
    per_dollar = pd.DataFrame(
        {
            "valuation_per_dollar": [4e9 / 453e6, 5.3e9 / 857.5e6, float("nan")],  # unrounded: 8.83 and 6.18
            "headline_eligible": [True, True, False],
            "raised_is_lower_bound": [False, False, True],
            "post_money_confidence": ["reported", "reported", "reported"],
        },
        index=["Decart", "Runway", "Acme"],
    )
    best = pd.Series({"step_up_supported": 3.0, "company_id": "runway", "round": "Series C"})
    flagged = pd.Series(
        {"step_up_supported": 4e9 / 270e6, "company_id": "acme", "round": "B", "previous_confidence": "disputed"}
        | {"confidence": "reported"}
    )
    note = funding_words.derived_note(per_dollar, best, flagged, NAMES)
    # a multiple keeps two significant figures of the unrounded ratio: 8.8x (not 9x from $4B over $500M)
    assert note.startswith("**Decart** turned each dollar raised into the most paper value: about **8.8x**")
    assert "Runway stands at about **6.2x**." in note
    assert "Left out of that comparison: Acme (capital is a lower bound)." in note
    assert "The largest step-up between reported valuations is about **3.0x** (Runway, Series C)." in note
    assert "about 15x for Acme (B), rests on a valuation flagged disputed" in note  # 14.8x, never "10x"
    assert funding_words.derived_note(per_dollar.iloc[0:0], None, None, NAMES) == (
        "No valuation is known for the selected companies by this date."
    )


def test_the_audit_note_counts_verdicts_and_names_the_two_worst_figures():
    audit = _audit(
        ("Runway", "$860M", 1.0, "corroborated", "corroborated"),
        ("OpenAI", "$13B", 1 / 14, "outdated (matched 2023-01-23)", "off by about 14x (too low)"),
        ("Google", "$200B", 1 / 23, "off by about 20x (too low)", "off by about 20x (too low)"),
    )
    verdicts = {"corroborated": 1, "outdated": 1, "off_by_a_factor": 1, "unsupported": 0}
    note = funding_words.audit_note(audit, verdicts, include_estimates=True)
    assert note.startswith("Of **3** audited figures, **1** corroborated, **1** outdated, **1** off by a factor.")
    assert note.index("OpenAI: the article says") < note.index("Google: the article says")  # the worst last
    assert "the sources give **$1B**" in note
    changed = 'OpenAI *<span class="mathjax_ignore">&#36;</span>13B*: outdated \\(matched 2023\\-01\\-23\\), but off'
    assert f"{changed} by about 14x \\(too low\\) without them." in note  # data text escaped for Markdown
    agreeing = audit.assign(verdict_strict=audit["verdict"])
    assert funding_words.audit_note(agreeing, verdicts, True).endswith("changes no verdict.")
    assert "changes no verdict" not in funding_words.audit_note(agreeing, verdicts, include_estimates=False)
    assert funding_words.audit_note(audit.iloc[0:0], {}, True) == "No audited figure is selected."


# ---- each declaration kind's tolerance -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("total_raised_usd", 857.5e6),  # money
        ("capital_headline.times_reference", 210.0),  # multiple
        ("article_audit.sourced_value", 1080.0),  # number
    ],
)
def test_a_number_moves_within_its_tolerance_and_not_beyond(key, value):
    top, _, field = key.partition(".")
    result = funding.RESULTS[top].field(field) if field else funding.RESULTS[top]
    assert result.kind in ("money", "multiple", "number") and result.rel_tol > 0
    assert same(result, value, value * (1 + result.rel_tol / 2))
    assert not same(result, value, value * (1 + result.rel_tol * 2))
    assert same(result, 0.0, result.abs_tol / 2) and not same(result, 0.0, result.abs_tol * 2)


@pytest.mark.parametrize(
    ("key", "value", "other"),
    [
        ("audit_verdicts", 4, 5),  # count
        ("capital_lower_bound", "odyssey", "pika"),  # status
        ("article_audit.verdict", "off by about 20x (too low)", "off by about 20x (too high)"),  # text
    ],
)
def test_counts_statuses_and_text_are_exact(key, value, other):
    top, _, field = key.partition(".")
    result = funding.RESULTS[top].field(field) if field else funding.RESULTS[top]
    assert result.exact
    assert same(result, value, value) and not same(result, value, other)


# ---- the regression on this entry point: float noise passes, a changed figure fails ----------------------


def _perturbed(data, factor: float):
    """Every float column of every data file multiplied by ``factor``."""
    frames = {}
    for f in dataclasses.fields(data):
        df = getattr(data, f.name)
        if isinstance(df, pd.DataFrame):
            floats = df.select_dtypes("float").columns
            frames[f.name] = df.assign(**{c: df[c] * factor for c in floats})
    return dataclasses.replace(data, **frames)


def _differences(a, b):
    old, new = a.published(), b.published()
    values = compare_values("01", old, new, funding.RESULTS)
    frames = compare_frames("01", *({k: frame_json(v) for k, v in x.frames().items()} for x in (a, b)))
    return values + frames


@pytest.mark.parametrize("factor", [1 + 1e-12, 1 - 1e-12])
def test_float_noise_in_every_input_changes_no_result_sentence_or_table(default, factor):
    a, data, params = default
    b = funding.analyse(_perturbed(data, factor), params)
    assert _differences(a, b) == []
    assert b.notes == a.notes and b.answer == a.answer


def test_a_changed_reported_figure_fails_with_the_label_of_the_result_that_moved(default):
    a, data, params = default
    rounds = data.rounds.copy()
    series_e = (rounds["company_id"] == "runway") & (rounds["round"] == "Series E")
    rounds.loc[series_e, "amount_usd"] = 415e6
    b = funding.analyse(dataclasses.replace(data, rounds=rounds), params)
    lines = [d.line() for d in _differences(a, b)]
    assert any(line.startswith("01: Capital raised (announced, exact sum): Runway: $858M -> $958M") for line in lines)
    assert any("Most capital raised, multiple of Runway's capital: 210x -> 190x" in line for line in lines)


def test_the_relative_capital_caption_says_how_the_ratios_are_made(default):
    a, _, _ = default  # review of issue 23: ratios come from exact totals, not "rounded totals"
    caption = a.captions["relative"]
    assert "exact totals" in caption and "rounded totals" not in caption
    assert 'a.captions["relative"]' in (REPO / "notebooks" / "01_funding_comparison.py").read_text(encoding="utf-8")


def test_the_matches_and_mismatches_say_what_pages_they_rest_on():
    """Each match that does not corroborate is said as it is: one aggregator page each, or a figure on several
    pages with how many are aggregator-only; a mismatch on aggregator-only pages alone is a lead, not a fact."""
    single = _audit(*[("Acme", f"${i}B", 1.0, funding.CONSISTENT, funding.CONSISTENT) for i in (1, 2)])
    single = single.assign(verdict_kind="consistent", aggregator_pages=1, article_value=[1e9, 2e9])
    assert funding_words.matches_said(single, 0) == "2 match, but each only on a single aggregator page"
    assert funding_words.matches_said(single, 1) == "2 more match, but each only on a single aggregator page"
    assert funding_words.matches_said(single.head(1), 1) == "1 more matches, but only on a single aggregator page"
    assert funding_words.matches_detail(single) == ""
    summed = single.assign(sourced_pages=[1, 4], aggregator_pages=[1, 3])
    assert funding_words.matches_said(summed, 0) == "2 match, but lean on aggregator pages"
    wholly = single.assign(sourced_pages=[1, 4], aggregator_pages=[1, 4])  # every page of each an aggregator's
    assert funding_words.matches_said(wholly, 1) == "2 more match, but only on aggregator pages"
    assert funding_words.matches_detail(summed) == (
        "of the 2 matches, 1 rests on a single aggregator page and Acme's $2B on 4 pages, 3 of them aggregator-only"
    )
    assert funding_words.matches_said(summed, 1) == "2 more match, but lean on aggregator pages"
    off = _audit(
        ("Acme", "$1B", 20.0, "off by about 20x (too high; a single aggregator page, unconfirmed)", "x"),
        ("Beta", "$2B", 0.05, "off by about 20x (too low)", "x"),
    ).assign(aggregator_pages=[1, 0])
    assert funding_words.mismatches_said(off) == (
        "1 of the 2 mismatches rests on aggregator-only pages alone, so it is a lead to check"
    )
    assert funding_words.mismatches_said(off.iloc[1:]) == ""
    assert funding_words.worst_factor(off) == "20x too high (a single aggregator page, unconfirmed)"


def test_a_mismatch_against_aggregator_only_pages_alone_says_so():
    series = pd.DataFrame({"date": pd.to_datetime(["2025-01-01"]), "value": [24.0]})
    alone = pd.Series({"date": pd.Timestamp("2025-01-01"), "value": 24.0, "pages": (("https://a.example/x", True),)})
    assert (
        funding.verdict(60.0, series, alone)[1] == "off by about 2.5x (too high; a single aggregator page, unconfirmed)"
    )
    two = alone.copy()
    two["pages"] = (("https://a.example/x", True), ("https://b.example/y", True))
    assert funding.verdict(60.0, series, two)[1] == "off by about 2.5x (too high; 2 aggregator pages, unconfirmed)"
    solid = alone.copy()
    solid["pages"] = (("https://a.example/x", True), ("https://b.example/y", False))
    assert funding.verdict(60.0, series, solid)[1] == "off by about 2.5x (too high)"


def test_a_mismatch_press_observations_support_is_established_and_its_factor_a_range():
    """Observations (market cap): the nearest is an aggregator's, but reported press observations off the same way
    establish the mismatch, its factor the range they give; an aggregator or one off the other way does not."""
    caps = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-09-15", "2026-01-12", "2026-05-05", "2026-05-06", "2025-01-01"]),
            "value": [3.04e12, 4.0e12, 4.67e12, 9.9e12, 3.04e12],
            "confidence": ["reported", "reported", "reported", "reported", "estimated"],
            "aggregator_only": [False, False, True, True, False],
        }
    ).assign(pages=[(("https://press.example/a", False),)] * 2 + [(("https://agg.example/b", True),)] * 3)
    nearest = caps.iloc[2]
    assert funding.verdict(2e11, caps, nearest, "market_cap_usd")[1] == "off by about 15x to 23x (too low)"
    alone = caps.assign(aggregator_only=[True, True, True, True, False])  # the estimated row never counts
    assert funding.verdict(2e11, alone, nearest, "market_cap_usd")[1] == (
        "off by about 23x (too low; a single aggregator page, unconfirmed)"
    )
    # $4.0T is too low beside $4.67T, but the press rows match it ($4.0T: outdated) or are off the other way
    assert funding.verdict(4.0e12, caps, nearest, "market_cap_usd")[1] == (
        "outdated (matched 2026-01-12; a single aggregator page, unconfirmed)"
    )
    # a step series has nothing beside the figure read: its pages alone decide
    assert funding.verdict(2e11, caps, nearest, "total_raised_usd")[1].endswith("unconfirmed)")
    off = _audit(("Alphabet", "$200B", 0.043, "off by about 15x to 23x (too low)", "x")).assign(aggregator_pages=1)
    assert funding_words.mismatches_said(off) == ""  # all its pages are an aggregator's, yet press establishes it
    assert funding_words.worst_factor(off) == "15x to 23x too low"


def test_a_best_so_far_cites_every_release_reaching_it():
    releases = pd.DataFrame(
        {
            "as_of_date": pd.to_datetime(["2024-02-15", "2024-12-09", "2025-10-06", "2026-01-01"]),
            "v": [1080.0, 1080.0, 1024.0, 2160.0],
            "confidence": ["reported"] * 4,
            "source_url": ["https://agg.example/sora", "https://press.example/turbo", "https://p.example/2", "u"],
            "model": ["Sora", "Sora Turbo", "Sora 2", "Next"],
            "_aggregator": [True, False, False, True],
        }
    )
    best = funding.best_so_far(releases)
    assert list(best["value"]) == [1080.0, 1080.0, 2160.0]  # Sora 2's lower 1024 is not a best
    assert [len(p) for p in best["pages"]] == [1, 2, 1]
    assert list(best["aggregator_only"]) == [True, False, True]
    assert best["basis"].iloc[1] == "best so far: Sora, Sora Turbo"
