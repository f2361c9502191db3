"""Notebook 03's entry point in-process (no kernel): ``predictions.analyse`` on the real data with the
notebook's declared defaults, the sentence builders on small hand-made ledgers, and each declaration's
tolerance."""

import dataclasses
import re
from dataclasses import replace

import pandas as pd
import pytest
from conftest import HEADLINE_MAX_WORDS, REPO

from prequel.analysis import predictions as pred
from prequel.analysis import predictions_words as words
from prequel.declarations import check_parameters_then_load_data, parameters_cell
from prequel.pipeline.sources import discover
from prequel.regression import compare_values, same
from prequel.results import ANSWER_IDS, Answer, format_value, leaves, sentence

RUNWAY = "runway_demo_by_2027_06"


def plain(markdown: str) -> str:
    """Markdown's escaped text as read."""
    return re.sub(r"\\(.)", r"\1", markdown)


def said(answer: Answer) -> str:
    return " ".join([sentence(answer.finding), *(sentence(d) for d in answer.details), sentence(answer.flip)])


@pytest.fixture(scope="module")
def defaults():
    """The notebook's parameters and data exactly as its check cell gets them with its declared defaults."""
    notebook = next(n for n in discover(REPO / "notebooks") if n.stem == "03_prediction_timelines")
    source = parameters_cell(notebook.read(), notebook.stem).source
    values = {k: d.default for k, d in notebook.declared.items()}
    return check_parameters_then_load_data({"In": ["", source], **values})


@pytest.fixture(scope="module")
def analysis(defaults):
    params, data = defaults
    return pred.analyse(data, params)


# ---- the entry point on the real data ---------------------------------------------------------------


def test_the_entry_point_publishes_every_declared_result_and_only_those(analysis):
    assert isinstance(analysis, pred.PredictionAnalysis) and analysis.DECLARATIONS is pred.RESULTS
    assert set(analysis.results) == set(pred.RESULTS) - ANSWER_IDS
    published = analysis.published()  # raises on an undeclared result or a key number naming no result
    assert set(published) == set(pred.RESULTS) - {"question", "names"}  # its ids are named by the words for ids
    every = {leaf.key: leaf for leaf in leaves(published, pred.RESULTS)}
    for number in published["key_numbers"]:
        leaf = every[number["key"]]
        assert number["value"].startswith(format_value(replace(leaf.result, unit=""), leaf.value))  # unit in the label
    assert [n["key"] for n in published["key_numbers"]] == [
        "settled.strict",
        "settled.lenient",
        *(f"probability.{i}" for i in analysis.results["probability"]),
    ]


def test_the_defaults_answer_and_its_numbers_read_as_their_declarations(analysis):
    r = analysis.results
    # lenient: Runway ambiguous (met before it was made, e07 re-judged): never counted settled; Google open, its
    # in-window releases (e19, e20) reported by aggregators' pages alone, pending confirmation (the tier review)
    assert set(r["status"].values()) == {"open"} and r["settled"] == {"lenient": 0, "strict": 0}
    assert r["pending"][RUNWAY] == ["e08"]
    # whole points (3.1% is 3%, not 5%); the interval spans the draws and the structural sweep, its positive
    # low end at one significant figure (not 0%)
    assert r["probability"][RUNWAY] == 0.03 and r["probability_interval"][RUNWAY] == [0.0002, 0.12]
    # q from the ledger: none of Runway's 6 dated answering releases met the strict reading (Jeffreys mean 1/14)
    assert r["qualifying_share"][RUNWAY] == 0.07 and r["qualifying_share_interval"][RUNWAY] == [0.0003, 0.27]
    assert r["fit"]["gaps"] == 34 and r["fit"]["observed"] == 21 and 0.9 < r["fit"]["shape_k"] < 1.1
    # the point is the lowest row of its own structural sweep (3-10%), and the finding says so and why
    assert r["probability_sweep"][RUNWAY] == [0.03, 0.1]
    sweep = analysis.sweep_table[analysis.sweep_table["prediction"].str.startswith("Runway")]["probability"]
    assert [sweep.min(), sweep.max()] == r["probability_sweep"][RUNWAY]
    assert analysis.answer.finding == (
        "As of 2026-11-24, none of the article's 3 predictions is settled (strict reading, reported evidence "
        "only); the model puts Runway's world-model demo by June 2027 at 3% (under 1% to 12%), unless a disputed "
        "claim is confirmed"
    )
    assert len(analysis.answer.finding.split()) <= HEADLINE_MAX_WORDS
    shown = format_value(pred.RESULTS["probability"], r["probability"][RUNWAY])
    assert f"model probability it comes true {shown} (under 1% to 12%) if the pending" in analysis.answer.details[0]
    runway_note = plain(analysis.claims_text).split("\n- ")[1]  # the body says why, claim by claim
    assert (
        "its structural choices give 3% to 10% (the 10% rests on the prior alone: 1 release), the point the lowest "
        "of them (it takes all 6 of Runway's video and "
        "world-model releases and the pace pooled over 34 gaps of the reference class, the choices resting on the "
        "most data, with the Jeffreys prior on the qualifying share)" in runway_note
    )
    assert "a shape of about 0.98" in analysis.fit_text and "**9.9 months**" in analysis.fit_text
    assert analysis.fit_text.endswith("; the fit is repeated on 1,000 resamplings of the gaps for its uncertainty.")


def test_every_frame_is_a_table_the_notebook_shows_and_every_sentence_is_at_display_precision(analysis):
    frames = analysis.frames()
    assert {"claims", "ledger", "status_table", "probability_table", "curves", "chart_curve", "scores"} <= set(frames)
    assert (
        len(frames["curves"])
        and frames["scores"].empty
        and list(frames["settings_table"].columns)
        == [
            "Lenient reading, reported evidence",  # the review: not "lenient reported" / "strict any"
            "Strict reading, reported evidence",
            "Lenient reading, any evidence",
            "Strict reading, any evidence",
        ]
    )
    texts = [analysis.settings, analysis.status_text, analysis.fit_text, analysis.calibration_text]
    texts += [analysis.caveat_text, analysis.answer.finding, *analysis.answer.details, analysis.answer.flip]
    for text in texts:
        assert not re.search(r"\d\.\d{3,}", text), text  # no raw float in anything a reader sees


def test_tables_name_events_in_words_never_by_their_ids(analysis):
    """Issue 25: no event id ('e08', 'Earlier: e03, e21') in the ledger, the statuses or the chart's data."""
    a = analysis
    assert "event_id" not in a.ledger and "event_id" not in a.chart_events
    for name in ("ledger", "status_table", "chart_events"):
        cells = getattr(a, name).astype(str).to_numpy().ravel()
        assert not [c for c in cells if pred.EVENT_ID.search(str(c))], name
    assert a.status_table["deciding"].str.len().gt(0).any()  # decided claims still name their event
    assert pred.without_event_ids("launch (e21) and e99", {"e21": "2026-03-09"}) == (
        "launch (the event of 2026-03-09) and e99"
    )
    assert pred.events_in_words("e03, e21", {"e03": "GWM-1 unveiled; detail", "e21": "Characters"}) == (
        "GWM-1 unveiled; Characters"
    )


def test_a_status_date_after_the_snapshot_is_noted_and_changes_the_statuses(defaults):
    params, data = defaults
    late = pred.analyse(data, params | {"as_of": "2028-02-01", "strictness": "lenient", "min_confidence": "any"})
    assert late.note.startswith("**Note:** the date of the analysis (2028\\-02\\-01) is after the data snapshot")
    assert late.results["status"]["openai_demo_by_2027_12"] == "resolved_no"  # past deadline and grace
    assert late.results["probability"] == dict.fromkeys(late.results["status"])  # no claim left open
    assert late.results["probability_interval"] == {} and late.chart_curve.empty
    assert late.answer.finding.startswith("As of 2028-02-01, 3 of the article's 3 predictions are settled")
    late.published()  # still every result declared


# ---- the sentence builders on hand-made ledgers -----------------------------------------------------


def _rows(*rows):
    columns = ["prediction_id", "status", "deciding_event", "deciding_date", "earlier", "pending", "if_confirmed"]
    return pd.DataFrame([dict(zip(columns, r, strict=True)) for r in rows], columns=columns)


def test_finding_carries_its_caveats():
    headline = _rows(("r", "resolved_yes", "e08", "2026-06-23", "", "", None), ("o", "open", None, None, "", "e09",
                     "resolved_yes"))  # fmt: skip
    strictest = pd.DataFrame([{"prediction_id": "r", "status": "open"}, {"prediction_id": "o", "status": "open"}])
    answer, notes = words.finding("2026-11-24", "strict", "any", {"r": "R: a", "o": "O: b"}, headline, strictest,
                           {"o": 0.3}, {"o": [0.2, 0.5]}, {"e08": "A manifesto"})  # fmt: skip
    text = said(answer)
    assert (
        "R: a: resolved: yes (A manifesto, 2026-06-23); under the strict reading with reported evidence only it is open"
        in text
    )
    assert "pending confirmation of an unconfirmed claim, which would settle it as yes" in text
    assert "make it resolved" not in text  # the review: "which would make it resolved: yes"
    assert "30% (20% to 50%) if the pending evidence is not confirmed" in text and "_" not in text and "e0" not in text
    # the body names the events and the interval's span, claim by claim
    assert plain(notes) == (
        "What each claim's line in the answer rests on:\n\n- O: b: pending confirmation of an event; model "
        "probability 30%, interval over the inputs and structural choices 20% to 50%."
    )
    # the headline rests on a setting the strictest one does not support: it says so
    assert sentence(answer.finding) == (
        "As of 2026-11-24, 1 of the article's 2 predictions is settled (R: yes), 0 under the strict reading with "
        "reported evidence only; the model puts O's b at 30% (20% to 50%), unless an unconfirmed claim is confirmed."
    )
    assert sentence(answer.flip) == (
        "With reported evidence only under the strict reading R's a is open; "
        "confirming the claim 'an event' would settle O's b as yes."
    )
    assert answer.key_numbers == [("Predictions settled (strict reading)", "settled.strict", "predictions"),
                                  ("Chance of “O: b”", "probability.o", "probability_interval.o")]  # fmt: skip


def test_a_status_with_its_deciding_event_reads_one_parenthesis_and_an_absence_keeps_its_title():
    """The review: bull's 'ambiguous (met or refuted before it was made) (Runway publicly unveils ...)' and 'the model
    puts Google's no world-model product before 2028 at 97%'."""
    assert words._status_by("ambiguous (met or refuted before it was made)", "GWM-1, 2025-12-31") == (
        "ambiguous (met or refuted before it was made; GWM-1, 2025-12-31)"
    )
    assert words._status_by("resolved: yes", "A manifesto, 2026-06-23") == "resolved: yes (A manifesto, 2026-06-23)"
    assert words._status_by("open", "") == "open"
    assert words._possessive("Google: no world-model product before 2028") == (
        "“Google: no world-model product before 2028”"
    )
    assert words._possessive("Runway: world-model demo by June 2027") == "Runway's world-model demo by June 2027"


def test_several_pending_claims_are_grouped_by_what_each_would_do_alone():
    """Issue 25: bull's three pending Google events read 'an aggregator-only claim ... would settle it as no', then
    'which together would settle it as no'; but either in-window event alone settles it as no, and the one dated
    before the claim alone would only make it ambiguous."""
    headline = _rows(("o", "open", None, None, "", "e17, e19, e20", "resolved_no"))
    headline["if_alone"] = "ambiguous, resolved_no, resolved_no"
    strictest = pd.DataFrame([{"prediction_id": "o", "status": "open"}])
    answer, _ = words.finding("2026-11-24", "lenient", "reported", {"o": "G: no product"}, headline, strictest,
                              {"o": 0.97}, {"o": [0.78, 0.999]}, {"e17": "Genie", "e19": "Omni", "e20": "Street"},
                              confidence=dict.fromkeys(("e17", "e19", "e20"), "aggregator-only"))  # fmt: skip
    assert (
        "pending confirmation of 3 aggregator-only claims: one would make it ambiguous (met or refuted before it was "
        "made); either of 2 would settle it as no" in said(answer)
    )
    assert "confirming the aggregator-only claims 'Omni' or 'Street' would settle “G: no product” as no" in answer.flip
    assert "confirming the aggregator-only claim 'Genie' would make “G: no product” ambiguous" in answer.flip
    assert "unless an aggregator-only claim is confirmed" in answer.finding
    # claims that change it only together say so
    headline["if_alone"] = "open, open, open"
    named = {"e17": "Genie", "e19": "Omni", "e20": "Street"}
    answer, _ = words.finding("2026-11-24", "lenient", "reported", {"o": "G: no product"}, headline, strictest,
                              {"o": 0.97}, {"o": [0.78, 0.999]}, named)  # fmt: skip
    assert "pending confirmation of 3 unconfirmed claims, which together would settle it as no" in said(answer)
    assert "claims 'Genie', 'Omni' and 'Street' would together settle" in answer.flip


def test_finding_when_every_claim_is_settled_names_no_probability_and_says_what_would_change_it():
    """Edge case: nothing open, no pending evidence, both readings agree: no probability, the default flip."""
    headline = _rows(("r", "resolved_yes", "e1", "2026-06-01", "", "", None), ("o", "resolved_no", None, None, "",
                     "", None))  # fmt: skip
    answer, notes = words.finding("2028-02-01", "strict", "reported", {"r": "R: a", "o": "O: b"}, headline,
                                  headline, {}, {}, {"e1": "A launch; with details"}, other=headline)  # fmt: skip
    assert answer.finding == "As of 2028-02-01, 2 of the article's 2 predictions are settled (R: yes, O: no)"
    assert answer.details == ["R: a: resolved: yes (A launch, 2026-06-01)", "O: b: resolved: no"]
    assert notes == ""  # nothing beyond the bullets to say
    assert answer.flip.startswith("only a new event in the ledger changes a status")
    assert [n[1] for n in answer.key_numbers] == ["settled.strict", "settled.lenient"]


def test_finding_says_what_the_other_reading_decides(dataset):
    P, E = dataset.predictions, dataset.events
    status = pred.statuses(P, E, "2026-11-24", 14, "reported")
    strictest = status[status["reading"] == "strict"]
    titles = P.set_index("prediction_id")["title"].to_dict()
    open_ids = strictest.loc[strictest["status"] == "open", "prediction_id"]
    answer, notes = words.finding(
        "2026-11-24", "strict", "reported", titles, strictest, strictest,
        {i: 0.2 for i in open_ids}, {i: (0.1, 0.3) for i in open_ids},
        E.set_index("event_id")["event"].to_dict(), status[status["reading"] == "lenient"],
        E.set_index("event_id")["confidence"].to_dict(),
    )  # fmt: skip
    text = said(answer)
    assert (
        "under the lenient reading it is ambiguous (met or refuted before it was made; Runway publicly unveils "
        "GWM-1 world models" in plain(notes)
    )  # the Characters post of 2026-05-04 is no new artefact (issue 23)
    # Google's releases of 2026-05-19 (e19, e20) rest on aggregators' pages alone: pending, never deciding
    assert "under the lenient reading it is resolved: no" not in plain(notes)
    assert "20% (10% to 30%) if the pending evidence is not confirmed" in text  # Runway: the manifesto would resolve it
    assert not re.search(r"\be\d\d\b", text) and "_" not in text
    assert sentence(answer.flip).startswith("Confirming the disputed claim 'Runway manifesto")
    assert "would settle Runway's world-model demo by June 2027 as yes" in text  # no claim settled leniently either
    assert "under the lenient reading" not in sentence(answer.flip)


def test_probability_with_its_interval():
    assert words.p_range(0.2, (0.1, 0.3)) == "20% (10% to 30%)"
    assert words.p_range(0.05, [0.0, 0.15]) == "5% (0% to 15%)"
    assert words.p_range(0.4, (0.4, 0.4)) == "40%"  # edge: an interval equal to its point is left out
    assert words.p_range(0.4) == "40%"


def test_status_sentence_names_deciding_and_pending_events_in_words():
    chosen = _rows(("r", "resolved_yes", "e1", "2026-06-01", "", "", None), ("o", "open", None, None, "",
                   "e2, e3", "resolved_yes")).set_index("prediction_id")  # fmt: skip
    events = {"e1": "A *launch*; details", "e2": "A claim", "e3": "Another"}
    text = words.status_sentence("2026-11-24", "strict", "reported", chosen, {"r": "R: a", "o": "O: b"}, events)
    assert text == (
        "As of 2026\\-11\\-24, under the **strict** reading with **reported** evidence: **1** resolved: yes, "
        "**1** open. R: a: **resolved: yes** (decided by A \\*launch\\*, 2026\\-06\\-01). O: b: **open**; pending "
        "confirmation of A claim; Another, either of which would settle it as yes."
    )
    # the review: 'ambiguous (met or refuted before it was made) (decided by ...)': one parenthesis
    early = _rows(("r", "ambiguous", "e1", "2026-06-01", "", "", None)).set_index("prediction_id")
    text = words.status_sentence("2026-11-24", "lenient", "reported", early, {"r": "R: a"}, events)
    assert "R: a: **ambiguous** (met or refuted before it was made; decided by A \\*launch\\*, 2026\\-06\\-01)." in text
    # edge: one status only, nothing decided or pending
    alone = _rows(("o", "open", None, None, "", "", None)).set_index("prediction_id")
    assert words.status_sentence("2026-11-24", "lenient", "any", alone, {"o": "O: b"}, {}) == (
        "As of 2026\\-11\\-24, under the **lenient** reading with **any** evidence: **1** open. O: b: **open**."
    )


def test_fit_sentence_shows_the_fit_at_its_declared_precision():
    fit = {"gaps": 34, "observed": 21, "shape_k": 0.98355, "median_months": 9.8754}
    text = words.fit_sentence(fit, 10, "weibull", "fitted (scale and shape)", 1000)
    assert "**34** gaps from 10 companies, **21** of them observed" in text
    assert (
        "fitted as a Weibull curve, has a shape of about 0.98 (1: the same chance every month) and a median of "
        "about **9.9 months**"
        in text
        and "each claim's, with its basis" in text
    )
    assert "weibull model" not in text and " k " not in text and " q " not in text  # issue 25: reader words
    # edge: a shape set to exactly 1 (the exponential) and a long median
    text = words.fit_sentence(fit | {"shape_k": 1.0, "median_months": 123.4}, 10, "exponential", "set", 1)
    assert (
        "a constant chance each month, has a shape of about 1 (1: the same chance every month) and a median of "
        "about **120 months**" in text
    )


def test_calibration_sentence():
    empty = pd.DataFrame(columns=pred.SCORE_COLUMNS)
    assert words.calibration_sentence(empty, 3, 20) == (
        "No calibration chart: it needs at least 20 resolved claims to say anything, and 0 of 3 are resolved here. "
    )
    scores = pd.DataFrame({"article_brier": [0.0225, 0.7225], "model_brier": [0.1234, 0.2]})
    text = words.calibration_sentence(scores, 3, 20)
    assert text.endswith("Mean Brier score: article **0.37**, model **0.16**.")
    assert words.calibration_sentence(scores, 3, 2) == ""  # edge: enough resolved claims for a chart


def test_snapshot_note_only_after_the_snapshot():
    assert words.snapshot_note("2026-11-24", "2026-11-24") == ""
    assert "after the data snapshot (2026-11-24)" in words.snapshot_note("2026-11-25", "2026-11-24")


# ---- each declaration's tolerance ---------------------------------------------------------------------

NUMERIC = [("probability", 0.2), ("brier", 0.0225)]
EXACT = [
    ("as_of", "2026-11-24", "2026-11-25"),
    ("strictness", "strict", "lenient"),
    ("status", "open", "overdue"),
    ("pending", ["e08"], ["e08", "e09"]),
    ("settled", 2, 3),
]


@pytest.mark.parametrize("rid, value", NUMERIC)
def test_a_number_moves_within_its_tolerance_and_not_beyond(rid, value):
    result = pred.RESULTS[rid]
    assert not result.exact and result.rel_tol > 0
    inside, outside = value * (1 + result.rel_tol / 2), value * (1 + result.rel_tol * 2)
    assert same(result, value, inside) and not same(result, value, outside)
    for part, v in (("shape_k", 0.98), ("median_months", 9.9)):  # the fit's numeric fields
        field = pred.RESULTS["fit"].field(part)
        assert same(field, v, v * (1 + field.rel_tol / 2)) and not same(field, v, v * (1 + field.rel_tol * 2))


@pytest.mark.parametrize("rid, value, changed", EXACT)
def test_an_exact_result_compares_equal_only_to_itself(rid, value, changed):
    result = pred.RESULTS[rid]
    assert result.exact
    assert same(result, value, value) and not same(result, value, changed)


def test_an_interval_moves_within_its_tolerance_item_by_item():
    result = pred.RESULTS["probability_interval"]
    assert same(result, [0.1, 0.3], [0.1 * (1 + 1e-12), 0.3]) and not same(result, [0.1, 0.3], [0.1, 0.3001])
    assert not same(result, [0.1, 0.3], [0.1])


def test_the_regression_ignores_last_bits_and_names_a_real_change(analysis):
    old = analysis.published()

    def nudged(value):
        if isinstance(value, dict):
            return {k: nudged(v) for k, v in value.items()}
        if isinstance(value, list):
            return [nudged(v) for v in value]
        return value * (1 + 1e-12) if isinstance(value, float) else value

    assert compare_values("03", old, nudged(old), pred.RESULTS) == []
    moved = old | {"probability": old["probability"] | {RUNWAY: 0.25}}
    (difference,) = compare_values("03", old, moved, pred.RESULTS)
    assert difference.label == "Chance it comes true: Runway: world-model demo by June 2027"
    assert (difference.old_text, difference.new_text, difference.kind) == ("3%", "25%", "moved")


def test_declarations_are_frozen_and_carry_their_units():
    assert pred.RESULTS["fit"].field("median_months").unit == "months"
    assert pred.RESULTS["probability"].unit == "probability (0 to 1)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        pred.RESULTS["probability"].digits = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    "probabilities, point, position",
    [([0.03, 0.05, 0.1], 0.03, "lowest"), ([0.03, 0.05, 0.1], 0.1, "highest"), ([0.03, 0.05, 0.1], 0.05, "inside")],
)
def test_the_featured_point_says_where_it_stands_in_its_sweep(analysis, probabilities, point, position):
    """The clause is computed from the sweep: its ends, the point's place and the choices the point takes (only
    when the point is the sweep's row of the model's own choices)."""
    from prequel.analysis import demo_timing

    choices = [(next(iter(demo_timing.PRIORS)), next(iter(demo_timing.DENOMINATORS)), demo_timing.CADENCES[0])]
    choices += [("uniform Beta(1, 1)", "world-model releases only", "company's own")] * 2
    values = [point, *[x for x in probabilities if x != point]]
    rows = [{"prior": a, "denominator": b, "cadence": c, "qualifying": 0, "releases": 6, "probability": p}
            for (a, b, c), p in zip(choices, values, strict=True)]  # fmt: skip
    claim = demo_timing.ClaimProbability("open", point, 0.0002, 0.12, None, pd.DataFrame(rows))
    where = pred.point_in_sweep(claim)
    assert (where["low"], where["high"], where["position"]) == (0.03, 0.1, position)
    text = words.sweep_choice(where, 34, "Runway")
    assert text.startswith(f"; its structural choices give 3% to 10%, the point {words.POSITIONS[position]} (it")
    assert "all 6 of Runway's video and world-model releases and the pace pooled over 34 gaps" in text
    other = pred.point_in_sweep(dataclasses.replace(claim, point=0.04))  # not the model's own row: no choice named
    assert other["position"] == "inside" and other["uses"] is None
    assert words.sweep_choice(other, 34, "Runway").endswith("the point inside them")


def test_a_sweep_end_resting_on_the_prior_alone_is_labelled_never_silent(analysis):
    """Runway's world-model-only rows rest on 0 of 1 release and OpenAI's on 0 of 0: q is the prior's, and the
    table, the sweep's sentence and the details say which end only such rows set."""
    table = analysis.sweep_table.set_index(["prediction", "denominator"])["the share rests on"]
    runway, openai = "Runway: world-model demo by June 2027", "OpenAI: competing demo by December 2027"
    assert set(table.loc[(runway, "world-model releases only")]) == {"prior only: 1 release"}
    assert set(table.loc[(openai, "world-model releases only")]) == {"prior only: no release"}
    assert set(table.loc[(runway, "video and world-model releases")]) == {"the ledger"}
    assert "3% to 10% (the 10% rests on the prior alone: 1 release)" in analysis.sweep_text
    assert "8% to 25% (the 25% rests on the prior alone: no release)" in analysis.sweep_text
    assert "79% to 97%;" not in analysis.sweep_text and "79% to 97%." in analysis.sweep_text  # Google's: no note
    assert "its structural choices give 3% to 10% (the 10% rests on the prior alone: 1 release), the point" in plain(
        analysis.claims_text
    )


def test_the_evidence_ledger_reads_by_date_within_each_prediction(analysis):
    """The review: 2026-04-29 listed before 2026-03-09 (the file's row order)."""
    from prequel.dates import parse_period_end

    ledger = analysis.ledger
    for _, events in ledger.groupby("prediction_id", sort=False):
        dates = events["event_date"].map(parse_period_end).tolist()
        assert dates == sorted(dates), list(events["event_date"])
    assert list(dict.fromkeys(ledger["prediction_id"])) == list(analysis.claims["prediction_id"])


def test_no_status_under_reported_evidence_is_decided_by_an_aggregator_only_or_unconfirmed_event(defaults):
    """The rule "a finding is only as strong as its weakest input": on the real ledger, under reported evidence no
    status of any reading is decided by an event flagged estimated or disputed or cited from an aggregator alone
    (Google's lenient 'no' would rest on aggregators' pages alone, e19 and e20: it is pending, not decided)."""
    params, data = defaults
    table = pred.statuses(pred.with_dates(data.predictions), data.events, params["as_of"], 14, "reported")
    weak = set(data.events.loc[~pred.confirmed(data.events), "event_id"])
    assert weak >= {"e08", "e21"}
    deciding = set(table["deciding_event"].dropna()) | {i for s in table["earlier"] for i in s.split(", ") if i}
    assert deciding and not deciding & weak, deciding & weak
    google = table[(table["prediction_id"] == "google_no_product_before_2028") & (table["reading"] == "lenient")]
    assert google["deciding_event"].isna().all() and {"e19", "e20"} <= set(google["pending"].iloc[0].split(", "))


def test_the_timeline_s_alt_text_gives_each_interval_as_the_tiles_do(analysis, defaults):
    """One form of a range on the page and the front page (issue 25): the chart's alt text (the front page's card)
    gives Google's interval as the tiles and sentences do ('78% to over 99%'), never '78% to 100%'."""
    import matplotlib.pyplot as plt

    from prequel.analysis import prediction_charts
    from prequel.analysis.predictions_words import p_range

    params, data = defaults
    r = analysis.results
    fig = prediction_charts.timeline_of(analysis, data)
    for pid, interval in r["probability_interval"].items():
        assert p_range(r["probability"][pid], interval) in fig.prequel_alt, (pid, fig.prequel_alt)
    assert "to 100%" not in fig.prequel_alt and "to over 99%" in fig.prequel_alt
    plt.close(fig)
