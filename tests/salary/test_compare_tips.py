import pytest

from bot.salary.compare import compare_locations, compare_roles
from bot.salary.errors import QueryError
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query
from bot.salary.tips import tips


def test_roles_ranked_by_median(shipped: SalaryModel) -> None:
    q = parse_query(role="ds", years=4, location="US")
    cmp = compare_roles(shipped, q)
    medians = [r.base.p50 for r in cmp.rows]
    assert medians == sorted(medians, reverse=True)
    assert {r.role for r in cmp.rows} >= {"ml_engineer", "data_scientist", "data_analyst"}
    ds = next(r for r in cmp.rows if r.role == "data_scientist")
    assert ds.base == shipped.estimate(q).base


def test_roles_subset_accepts_aliases(shipped: SalaryModel) -> None:
    cmp = compare_roles(shipped, parse_query(years=4), roles=["MLE", "data_scientist"])
    assert sorted(r.role for r in cmp.rows) == ["data_scientist", "ml_engineer"]


def test_locations_keep_order_and_flag_missing_price_index(shipped: SalaryModel) -> None:
    q = parse_query(role="MLE", years=5)
    cmp = compare_locations(shipped, q, ["San Jose", "Austin", "Germany"])
    assert [r.location for r in cmp.rows] == ["us-san-jose", "us-austin", "DE"]
    sj, austin, de = cmp.rows
    assert sj.base.p50 > austin.base.p50
    assert sj.ppp_median is not None and sj.ppp_median < sj.base.p50  # pricier than average
    assert austin.ppp_median is not None and austin.ppp_median > austin.base.p50
    assert de.ppp_median is None
    with pytest.raises(QueryError) as info:
        compare_locations(shipped, q, ["Atlantis"])
    assert info.value.field == "location"


def test_tips_are_gains_ranked_and_skip_what_is_there(shipped: SalaryModel) -> None:
    q = parse_query(role="ds", years=4, location="US", skills="python", education="phd")
    report = tips(shipped, q, limit=6)
    assert 0 < len(report.items) <= 6
    deltas = [t.delta for t in report.items]
    assert deltas == sorted(deltas, reverse=True)
    assert all(d > 0 for d in deltas)
    assert not any(t.kind == "skill" and t.key == "python" for t in report.items)
    assert not any(t.kind == "education" for t in report.items)  # nothing above a PhD
    for t in report.items:
        assert t.new_median == pytest.approx(report.median + t.delta)
        assert t.source
    assert report.advice and all(len(a) < 400 for a in report.advice)


def test_tip_money_matches_the_estimate(shipped: SalaryModel) -> None:
    q = parse_query(role="MLE", years=2, location="US")
    report = tips(shipped, q)
    level = next(t for t in report.items if t.kind == "level")
    stepped = shipped.estimate(parse_query(role="MLE", level="mid", location="US"))
    assert level.new_median == pytest.approx(stepped.base.p50)
