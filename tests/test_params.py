"""Parameter checking: the rules shared by the runner and the notebooks' validation cells."""

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from prequel.params import Param, ParameterError, check_parameters, check_value, nearest_name

SPECS = {
    "as_of": Param("date"),
    "log_scale": Param("bool"),
    "mode": Param("choice", ("strict", "lenient")),
    "n": Param("int", minimum=1, maximum=100),
    "p": Param("float", minimum=0, maximum=1),
    "companies": Param("id_list", ("runway", "openai"), nullable=True),
    "label": Param("text"),
}


@pytest.mark.parametrize(
    "name, raw, expected",
    [
        ("as_of", "2025-06-30", "2025-06-30"),
        ("log_scale", "false", False),
        ("log_scale", "True", True),
        ("n", "42", 42),
        ("p", "0.25", 0.25),
        ("p", "1", 1.0),
        ("companies", "runway,openai", ["runway", "openai"]),
        ("companies", '["openai"]', ["openai"]),
        ("companies", "null", None),
        ("label", "007", "007"),
        ("mode", "lenient", "lenient"),
    ],
)
def test_text_from_the_command_line_is_converted(name, raw, expected):
    assert check_value(name, SPECS[name], raw, raw=True) == expected


@pytest.mark.parametrize(
    "name, raw",
    [
        ("as_of", "2025-13-01"),
        ("as_of", "yesterday"),
        ("log_scale", "NO"),
        ("log_scale", "yes"),
        ("n", "0"),
        ("n", "1.5"),
        ("n", "007x"),
        ("p", "1.5"),
        ("p", "-0.1"),
        ("p", "nan"),
        ("companies", "runway,nope"),
        ("companies", ""),
        ("mode", "STRICT"),
    ],
)
def test_bad_text_is_refused_naming_the_parameter_and_what_is_allowed(name, raw):
    with pytest.raises(ParameterError) as info:
        check_value(name, SPECS[name], raw, raw=True)
    message = str(info.value)
    assert repr(name) in message and "expected" in message and "\n" not in message


@pytest.mark.parametrize(
    "name, value",
    [
        ("as_of", 7),
        ("log_scale", "False"),
        ("n", True),
        ("n", 2.0),
        ("p", "0.5"),
        ("companies", "runway"),
        ("label", 7),
    ],
)
def test_typed_values_inside_a_notebook_are_not_coerced(name, value):
    """What papermill hands a kernel: `-p as_of 007` arrives as 7 and must be refused there."""
    with pytest.raises(ParameterError):
        check_value(name, SPECS[name], value, raw=False)


def test_yaml_pitfalls_are_caught_by_reading_text_only():
    loaded = yaml.load("log_scale: NO\nlabel: 007\n", Loader=yaml.BaseLoader)
    assert loaded == {"log_scale": "NO", "label": "007"}
    with pytest.raises(ParameterError, match="log_scale"):
        check_parameters(SPECS, loaded, raw=True)


def test_unknown_names_suggest_the_nearest():
    with pytest.raises(ParameterError, match="did you mean 'as_of'"):
        check_parameters(SPECS, {"asof": "2025-01-01"}, raw=True)
    assert nearest_name("zzzz", list(SPECS)) is None


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_probabilities_accept_exactly_the_unit_interval(value):
    try:
        checked = check_value("p", SPECS["p"], value)
    except ParameterError:
        assert not (0 <= value <= 1)
    else:
        assert 0 <= checked <= 1


RANGE = Param("range", minimum=0, maximum=1)


@pytest.mark.parametrize(
    "raw, expected", [("0.2,0.5", [0.2, 0.5]), ("[0, 1]", [0.0, 1.0]), (["0.1", "0.1"], [0.1, 0.1])]
)
def test_ranges_from_text(raw, expected):
    assert check_value("r", RANGE, raw, raw=True) == expected


@pytest.mark.parametrize(
    "raw, why",
    [
        ("0.6,0.2", "low is above high"),
        ("-0.1,0.5", "out of range"),
        ("0.5", "two numbers"),
        ("a,b", "expected"),
        ("0.1,0.2,0.3", "two numbers"),
    ],
)
def test_bad_ranges_are_refused(raw, why):
    with pytest.raises(ParameterError, match=why):
        check_value("r", RANGE, raw, raw=True)


WEIGHTS = Param("mapping", ("funding", "video_quality"), value_kind="weight")
PAYOFFS = Param("mapping", ("runway", "openai"), minimum=-2, maximum=2, value_kind="pair")


@pytest.mark.parametrize(
    "spec, raw, expected",
    [
        (WEIGHTS, '{"funding": 2, "video_quality": 0}', {"funding": 2.0, "video_quality": 0.0}),
        (WEIGHTS, "funding:1,video_quality:3", {"funding": 1.0, "video_quality": 3.0}),
        (PAYOFFS, '{"runway": [2, -1]}', {"runway": [2.0, -1.0]}),
        (PAYOFFS, {"openai": ["-2", "1.5"]}, {"openai": [-2.0, 1.5]}),  # YAML read as text
        (PAYOFFS, "{}", {}),
    ],
)
def test_mappings_from_text(spec, raw, expected):
    assert check_value("m", spec, raw, raw=True) == expected


@pytest.mark.parametrize(
    "spec, raw, why",
    [
        (WEIGHTS, '{"fundng": 1}', "did you mean 'funding'"),
        (WEIGHTS, "funding:-1", "out of range"),
        (WEIGHTS, "funding:0", "not all be zero"),
        (PAYOFFS, '{"runway": [3, 0]}', "out of range"),
        (PAYOFFS, '{"runway": [1]}', "two numbers"),
        (WEIGHTS, "{not json", "JSON"),
    ],
)
def test_bad_mappings_are_refused(spec, raw, why):
    with pytest.raises(ParameterError, match=why):
        check_value("m", spec, raw, raw=True)


def test_numbers_are_read_in_ascii_digits_only():
    spec = Param("int", minimum=0, maximum=3650)
    assert check_value("grace_days", spec, "14", raw=True) == 14
    with pytest.raises(ParameterError, match="grace_days"):
        check_value("grace_days", spec, "١٤", raw=True)  # Arabic-Indic digits: not the canonical form
