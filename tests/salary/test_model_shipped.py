"""Properties of the shipped model over many profiles."""

import itertools
import math

import pytest

from bot.salary import taxonomy as tx
from bot.salary.currency import RATES
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query

PROFILES = [
    {"role": r, "years": y, "location": loc, "remote": rem}
    for r, y, loc, rem in itertools.product(
        tx.keys("role"),
        (None, 0, 4, 8, 20),
        (None, "US", "GB", "IN", "Seattle", "Toronto", "remote", "Kosovo"),
        (None, True),
    )
]


@pytest.mark.parametrize("currency", ["USD", "INR"])
def test_percentiles_ordered_and_positive(shipped: SalaryModel, currency: str) -> None:
    for raw in PROFILES:
        est = shipped.estimate(parse_query(**raw, currency=currency))
        base, total = est.base.as_tuple(), est.total.as_tuple()
        assert all(v > 0 and math.isfinite(v) for v in base)
        assert list(base) == sorted(base), raw
        assert list(total) == sorted(total), raw
        assert all(t >= b for t, b in zip(total, base, strict=True))
        assert est.bonus.low <= est.bonus.high
        assert est.equity.low <= est.equity.high
        assert est.sample_size >= 0
        assert est.confidence in ("high", "medium", "low")


def test_unknown_inputs_change_nothing(shipped: SalaryModel) -> None:
    plain = parse_query(role="MLE", years=6, location="US")
    explicit = parse_query(
        role="MLE",
        years=6,
        location="US",
        industry=None,
        education=None,
        skills=[],
        certifications=None,
        company_type=None,
        remote=None,
    )
    assert shipped.estimate(plain).base == shipped.estimate(explicit).base
    assert shipped.estimate(plain).factors == shipped.estimate(explicit).factors


def test_each_known_input_is_listed_with_a_source(shipped: SalaryModel) -> None:
    est = shipped.estimate(
        parse_query(
            role="ds",
            years=3,
            location="Boston",
            education="phd",
            industry="government",
            skills="python, llm",
            certifications="gcp ml",
            company_type="startup",
        )
    )
    names = [str(f.said_name).split(":")[0] for f in est.factors]
    for expected in ("Area", "Education", "Industry", "Company", "Skill", "Certification"):
        assert expected in names
    assert all(f.said_source for f in est.factors)
    kinds = {str(f.said_name): f.kind for f in est.factors}
    assert kinds["Industry: Government"] == "assumption"
    assert kinds["Skill: LLMs / generative AI"] == "assumption"
    assert kinds["Education: PhD / doctorate"] == "data"


def test_more_experience_pays_more_in_the_us(shipped: SalaryModel) -> None:
    for role in ("ml_engineer", "data_scientist", "software_engineer", "data_engineer"):
        medians = [
            shipped.estimate(parse_query(role=role, level=lv, location="US")).base.p50
            for lv in ("entry", "mid", "senior")
        ]
        assert medians == sorted(medians), role
        # principal postings are few and mixed (for SWE the data dips): only beat entry
        top = shipped.estimate(parse_query(role=role, level="principal", location="US"))
        assert top.base.p50 > medians[0]


def test_thin_data_is_flagged(shipped: SalaryModel) -> None:
    est = shipped.estimate(parse_query(role="mlops", level="principal", location="Kosovo"))
    assert est.confidence == "low"
    assert est.said_notes


def test_currency_is_a_pure_conversion(shipped: SalaryModel) -> None:
    usd = shipped.estimate(parse_query(role="MLE", years=5, location="CA", currency="USD"))
    cad = shipped.estimate(parse_query(role="MLE", years=5, location="CA", currency="CAD"))
    assert cad.base.p50 == pytest.approx(usd.base.p50 * RATES["CAD"].per_usd)


def test_stacked_answers_never_pass_the_highest_p90_silently(shipped: SalaryModel) -> None:
    for role, place in itertools.product(
        ("ml_engineer", "research_scientist", "data_scientist"), ("San Jose", "Seattle", "GB")
    ):
        est = shipped.estimate(
            parse_query(
                role=role,
                level="principal",
                location=place,
                company_type="big tech",
                education="phd",
                industry="finance",
                skills="python, pytorch, llm, cpp",
                certifications="aws ml",
            )
        )
        country = tx.LOCATION_BY_KEY[str(est.query.location)].country
        cap = shipped.bands.max_p90[f"{role}|{country}"]
        assert est.base.p50 <= cap * 1.0001, (role, place)
        names = [str(f.said_name) for f in est.factors]
        assert any(n.startswith("Combined") for n in names)


def test_a_principal_at_big_tech_in_sf_with_a_phd_stays_near_the_data(
    shipped: SalaryModel,
) -> None:
    q = parse_query(
        role="mle", level="principal", location="SF", company_type="big tech", education="phd"
    )
    us = shipped.estimate(parse_query(role="mle", level="principal", location="US"))
    est = shipped.estimate(q)
    # Three factors of 11-14% each: together well under their plain product (1.43).
    assert 1.0 < est.base.p50 / us.base.p50 < 1.35


def test_the_median_alone_is_the_estimates_base_median(shipped: SalaryModel) -> None:
    """Tips rank by `median`, comparisons show `base_as`: exactly what the estimate shows."""
    people = itertools.product(
        ("ml_engineer", "data_scientist", "research_scientist", None),
        ("seattle", "london", "bangalore", "remote", None),
        (0, 6, 15),
        ((), ("pytorch", "sql")),
        (None, "EUR"),
    )
    for role, location, years, skills, currency in people:
        query = parse_query(
            role=role,
            location=location,
            years=years,
            skills=list(skills),
            currency=currency,
            company_type="big_tech" if years == 15 else None,
        )
        estimate = shipped.estimate(query)
        assert shipped.median(query) == estimate.base.p50, query
        for role in ("ml_engineer", "data_scientist"):
            whole = shipped.estimate_as(query, role, query.location)
            base, basis = shipped.base_as(query, role, query.location)
            assert (base, basis.count, basis.said_text) == (
                whole.base,
                whole.sample_size,
                whole.said_sample,
            )


def test_band_lookups_are_kept_and_stay_the_same(shipped: SalaryModel) -> None:
    first = shipped.bands.lookup("ml_engineer", "senior", "US", 2026, None)
    again = shipped.bands.lookup("ml_engineer", "senior", "US", 2026, None)
    assert again is first
    assert shipped.bands.lookup("ml_engineer", "mid", "US", 2026, None).logq != first.logq
