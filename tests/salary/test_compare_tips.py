import pytest

from bot.salary.compare import compare_locations, compare_roles
from bot.salary.errors import QueryError
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query
from bot.salary.tips import ASSOCIATIONS, tips


def test_roles_ranked_by_median(shipped: SalaryModel) -> None:
    q = parse_query(role="ds", years=4, location="US")
    cmp = compare_roles(shipped, q)
    # Well-sampled roles by median, then the thinly sampled ones by median.
    for thin in (False, True):
        medians = [r.base.p50 for r in cmp.rows if r.thin is thin]
        assert medians == sorted(medians, reverse=True)
    flags = [r.thin for r in cmp.rows]
    assert flags == sorted(flags)
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
    # Moves a person can make first, then survey associations; each group by gain.
    groups = [t.kind in ASSOCIATIONS for t in report.items]
    assert groups == sorted(groups)
    for linked in (False, True):
        deltas = [t.delta for t in report.items if (t.kind in ASSOCIATIONS) is linked]
        assert deltas == sorted(deltas, reverse=True)
    assert all(t.delta > 0 for t in report.items)
    assert not any(t.kind == "skill" and t.key == "python" for t in report.items)
    assert not any(t.kind == "education" for t in report.items)  # nothing above a PhD
    for t in report.items:
        assert t.new_median == pytest.approx(report.median + t.delta)
        assert t.source
    assert report.advice and all(len(str(a)) < 400 for a in report.advice)


def test_tip_money_matches_the_estimate(shipped: SalaryModel) -> None:
    q = parse_query(role="MLE", years=2, location="US")
    report = tips(shipped, q)
    level = next(t for t in report.items if t.kind == "level")
    stepped = shipped.estimate(parse_query(role="MLE", level="mid", location="US"))
    assert level.new_median == pytest.approx(stepped.base.p50)


def test_places_priced_by_one_figure_are_one_tip(shipped: SalaryModel) -> None:
    report = tips(shipped, parse_query(role="mle", years=4, location="austin"))
    places = [t for t in report.items if t.kind == "location"]
    (bay,) = [t for t in places if "San Francisco" in str(t.title)]
    assert str(bay.title) == "Work in San Francisco, CA or San Jose, CA"
    assert "Bay Area pooled" in str(bay.source)
    assert len(places) == 2, "the Bay Area takes one of the two place slots"
    assert len({(t.delta, t.source) for t in places}) == len(places)


def test_thin_roles_rank_last(shipped: SalaryModel) -> None:
    cmp = compare_roles(shipped, parse_query(years=2, location="GB"))
    thin = [r for r in cmp.rows if r.thin]
    assert thin, "the UK has thinly sampled roles"
    first_thin = cmp.rows.index(thin[0])
    assert all(r.thin for r in cmp.rows[first_thin:])


def test_survey_associations_are_worded_as_such_and_flagged_abroad(shipped: SalaryModel) -> None:
    at_home = tips(shipped, parse_query(role="MLE", years=4, location="US"), limit=12)
    abroad = tips(shipped, parse_query(role="MLE", years=4, location="DE"), limit=12)
    for report, caveat in ((at_home, False), (abroad, True)):
        # Certifications have no open data: they are labelled assumptions instead.
        linked = [
            t for t in report.items if t.kind in ASSOCIATIONS and "assumed" not in str(t.detail)
        ]
        assert linked and all("association" in str(t.detail) for t in linked)
        assert all(("abroad" in str(t.detail)) is caveat for t in linked)
        assert not any(str(t.title).startswith(("Add ", "Complete ")) for t in report.items)


def test_a_role_comparison_says_when_its_place_level_comes_from_the_survey(
    shipped: SalaryModel,
) -> None:
    assert compare_roles(shipped, parse_query(location="Lagos")).level_surveyed
    assert not compare_roles(shipped, parse_query(location="Seattle")).level_surveyed
