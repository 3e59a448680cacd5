"""Answers worked out by hand from the tiny tables in conftest.py."""

import math

import pytest

from bot.salary.compare import compare_locations
from bot.salary.currency import RATES, convert
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query

from .conftest import CELL_USD, TOP_USD


def test_cell_band_is_returned_as_is(tiny: SalaryModel) -> None:
    est = tiny.estimate(parse_query(role="MLE", level="senior", location="US", year=2025))
    assert est.base.as_tuple() == pytest.approx(CELL_USD)
    assert est.sample_size == 50
    assert est.factors == []  # nothing to apply
    assert str(est.said_cell).startswith(
        "Machine Learning Engineer · senior · United States · 2025"
    )


def test_projection_uses_measured_growth(tiny: SalaryModel) -> None:
    est = tiny.estimate(parse_query(role="MLE", level="senior", location="US", year=2027))
    assert est.base.p50 == pytest.approx(100_000 * math.exp(0.1 * 2))
    assert str(est.factors[0].said_name).startswith("Projected 2 years")
    assert any("projected" in n for n in map(str, est.said_notes))


def test_remote_moves_band_relative_to_the_cell_mix(tiny: SalaryModel) -> None:
    q = {"role": "MLE", "level": "senior", "location": "US", "year": 2025}
    remote = tiny.estimate(parse_query(**q, remote=True)).base.p50
    onsite = tiny.estimate(parse_query(**q, remote=False)).base.p50
    # US gap 0.1 in logs, cell is 25% remote
    assert remote == pytest.approx(100_000 * math.exp(0.1 * 0.75))
    assert onsite == pytest.approx(100_000 * math.exp(-0.1 * 0.25))


def test_profile_factors_multiply(tiny: SalaryModel) -> None:
    q = parse_query(
        role="MLE",
        level="senior",
        location="Seattle",
        year=2025,
        education="masters",
        industry="finance",
        company_type="big tech",
        skills=["python"],
        certifications=["aws ml"],
    )
    est = tiny.estimate(q)
    # Largest factor (Seattle) in full, the rest at half: AWS ML is a 3% assumption.
    logm = math.log(1.25) + 0.5 * (0.05 + 0.1 + 0.2 + 0.02 + 0.03)
    assert 100_000 * math.exp(logm) > 150_000  # past the highest P90 the data has (the cell's)
    assert est.base.p50 == pytest.approx(150_000)
    assert est.base.p10 == pytest.approx(80_000 * 1.5)
    names = [str(f.said_name).split(":")[0] for f in est.factors]
    assert "Combined" in names and "Cap" in names
    assert any("highest P90" in n for n in map(str, est.said_notes))
    kinds = {str(f.said_name).split(":")[0]: f.kind for f in est.factors}
    assert kinds["Certification"] == "assumption"
    assert kinds["Education"] == "data"
    # effects chain: each is the money step at the median
    assert 100_000 + sum(f.effect for f in est.factors) == pytest.approx(est.base.p50)


def test_country_offset_and_world_fallback(tiny: SalaryModel) -> None:
    gb = tiny.estimate(
        parse_query(role="MLE", level="senior", location="GB", year=2025, currency="USD")
    )
    assert gb.base.p50 == pytest.approx(80_000 * math.exp(-0.5))
    world = tiny.estimate(parse_query(role="MLE", level="senior", year=2025))
    assert world.base.p50 == pytest.approx(80_000)
    assert world.confidence == "low"


def test_unknown_level_uses_any_level_group(tiny: SalaryModel) -> None:
    est = tiny.estimate(parse_query(role="MLE", location="GB", year=2024, currency="USD"))
    assert est.base.p50 == pytest.approx(80_000 * math.exp(-0.5 - 0.1))
    assert any("all levels" in n for n in map(str, est.said_notes))


def test_a_place_is_answered_in_its_own_currency(tiny: SalaryModel) -> None:
    gb = tiny.estimate(parse_query(role="MLE", level="senior", location="GB", year=2025))
    assert gb.currency == "GBP"
    assert gb.base.p50 == pytest.approx(convert(80_000 * math.exp(-0.5), "USD", "GBP"))


def test_currency_and_comp_parts(tiny: SalaryModel) -> None:
    q = parse_query(role="MLE", level="senior", location="US", year=2025, currency="CAD")
    est = tiny.estimate(q)
    assert est.currency == "CAD"
    assert est.base.p50 == pytest.approx(convert(100_000, "USD", "CAD"))
    assert est.bonus.low == pytest.approx(0.10 * est.base.p50)
    assert est.bonus.high == pytest.approx(0.20 * est.base.p50)
    # senior equity assumption 10-30%: total = base * (1 + 0.15 + 0.20)
    assert est.total.p50 == pytest.approx(est.base.p50 * 1.35)


def test_article_context_is_beside_not_inside(tiny: SalaryModel) -> None:
    est = tiny.estimate(
        parse_query(role="MLE", level="mid", location="CA", year=2025, currency="USD")
    )
    ctx = est.article_context
    (tier,) = ctx.figures  # the Canadian tier only: no US range for a Canadian place
    assert tier.original == "CA$115,539"
    assert tier.low == pytest.approx(115_539 / RATES["CAD"].per_usd)
    assert str(ctx.citation) == "article (2023)"
    assert all("article" not in str(f.said_source) for f in est.factors)


def test_ppp_by_hand(tiny: SalaryModel) -> None:
    q = parse_query(role="MLE", level="senior", year=2025)
    cmp = compare_locations(tiny, q, ["Seattle", "US", "GB"])
    seattle, us, gb = cmp.rows
    assert seattle.base.p50 == pytest.approx(125_000)
    assert seattle.ppp_median == pytest.approx(125_000 * 100 / 110)
    assert us.ppp_median == pytest.approx(us.base.p50)
    assert gb.ppp_median is None and gb.price_index is None


def test_top_band_shape_is_kept(tiny: SalaryModel) -> None:
    est = tiny.estimate(parse_query(role="ds", level="senior", year=2025))
    assert est.base.as_tuple() == pytest.approx(tuple(v * 0.9 for v in TOP_USD))


def test_two_factors_combine_largest_in_full_the_other_at_half(tiny: SalaryModel) -> None:
    q = parse_query(role="MLE", level="senior", location="Seattle", year=2025, education="masters")
    est = tiny.estimate(q)
    assert est.base.p50 == pytest.approx(100_000 * 1.25 * math.exp(0.5 * 0.05))
    (combined,) = [f for f in est.factors if str(f.said_name).startswith("Combined")]
    assert combined.multiplier == pytest.approx(math.exp(-0.025))
    assert combined.kind == "assumption"
    # One factor alone is not shrunk.
    alone = tiny.estimate(parse_query(role="MLE", level="senior", location="Seattle", year=2025))
    assert alone.base.p50 == pytest.approx(125_000)
