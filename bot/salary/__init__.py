"""The salary domain: pure Python, no Discord. Tables are built by build/.

Typical use:

    from bot.salary import get_model, parse_query
    est = get_model().estimate(parse_query(role="MLE", years=5, location="Seattle"))
"""

from .compare import compare_locations, compare_roles
from .errors import QueryError
from .model import SalaryModel, get_model
from .query import SalaryQuery, parse_query
from .results import (
    Factor,
    LocationComparison,
    Percentiles,
    Range,
    RoleComparison,
    SalaryEstimate,
    Tip,
    TipsReport,
)
from .tips import tips

__all__ = [
    "Factor",
    "LocationComparison",
    "Percentiles",
    "QueryError",
    "Range",
    "RoleComparison",
    "SalaryEstimate",
    "SalaryModel",
    "SalaryQuery",
    "Tip",
    "TipsReport",
    "compare_locations",
    "compare_roles",
    "get_model",
    "parse_query",
    "tips",
]
