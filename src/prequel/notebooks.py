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
}
