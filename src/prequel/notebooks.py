"""The registry of notebooks: file stem -> accepted parameters."""
from __future__ import annotations

from typing import Any, Callable

from .params import Param, ParameterError, check_value, with_choices

COMMON = {"data_dir": Param("path")}

PARAMETERS: dict[str, dict[str, Param]] = {
    "01_funding_comparison": {
        "as_of": Param("date"),
        "companies": Param("id_list", nullable=True),
        "log_scale": Param("bool"),
        "show_article_values": Param("bool"),
        "include_estimates": Param("bool"),
        **COMMON,
    },
    "04_operational_tradeoffs": {
        "cash_usd": Param("range", minimum=0, maximum=1e12),
        "net_burn_monthly_usd": Param("range", minimum=1, maximum=1e10),
        "arr_usd": Param("float", minimum=1, maximum=1e12, nullable=True),
        "arr_growth_annual": Param("float", minimum=-0.9, maximum=20),
        "window_start": Param("date"),
        "window_months": Param("range", minimum=0.5, maximum=120),
        "demo_median_months": Param("float", minimum=0.1, maximum=600),
        "weibull_k": Param("float", minimum=0.1, maximum=10),
        "existing_demo_counts": Param("bool"),
        "correction_if_miss": Param("range", minimum=0, maximum=1),
        "peer_revenue_multiple": Param("float", minimum=0.1, maximum=1000),
        "n_sims": Param("int", minimum=100, maximum=2_000_000),
        "seed": Param("int", minimum=0, maximum=2**32 - 1),
        **COMMON,
    },
    "02_winners_losers": {
        "weights": Param("mapping", nullable=True, value_kind="weight"),
        "view": Param("choice", ("article", "sourced")),
        "p_thesis": Param("float", minimum=0, maximum=1),
        "scale_spacing": Param("float", minimum=0.1, maximum=10),
        "payoff_overrides": Param("mapping", minimum=-2, maximum=2, value_kind="pair"),
        "n_weight_draws": Param("int", minimum=100, maximum=5_000_000),
        "seed": Param("int", minimum=0, maximum=2**32 - 1),
        **COMMON,
    },
    "03_prediction_timelines": {
        "as_of": Param("date"),
        "strictness": Param("choice", ("strict", "lenient")),
        "grace_days": Param("int", minimum=0, maximum=3650),
        "hazard_model": Param("choice", ("weibull", "exponential")),
        "median_months": Param("float", minimum=0.1, maximum=600, nullable=True),
        "weibull_k": Param("float", minimum=0.1, maximum=10),
        "q_qualify": Param("float", minimum=0, maximum=1),
        "p_never": Param("float", minimum=0, maximum=1),
        "author_implied_p": Param("float", minimum=0, maximum=1),
        **COMMON,
    },
}


def _window_in_data(data, values: dict[str, Any]) -> None:
    from .operations import sourced_inputs

    try:
        sourced_inputs(data, "runway", values["window_start"])
    except ValueError as err:
        raise ParameterError(f"parameter 'window_start': {err}") from None


def _names_in_data(data, values: dict[str, Any]) -> None:
    specs = PARAMETERS["02_winners_losers"]
    known = {"weights": list(dict.fromkeys(data.scales["dimension"])),
             "payoff_overrides": list(data.stakeholders["stakeholder_id"])}
    for name, choices in known.items():
        if values.get(name) is not None:
            check_value(name, with_choices(specs[name], choices), values[name])


#: Checks that need the data, run by the runner before any kernel starts (and again in the notebook).
DATA_CHECKS: dict[str, Callable[[Any, dict], None]] = {"02_winners_losers": _names_in_data,
                                                       "04_operational_tradeoffs": _window_in_data}
