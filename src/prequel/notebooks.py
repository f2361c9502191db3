"""The registry of notebooks: file stem -> accepted parameters."""
from __future__ import annotations

from .params import Param

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
