"""What an answer shows beside the band: the article where it fits, tagged pay parts, cities."""

import pytest

from bot.salary import taxonomy as tx
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query


def labels(shipped: SalaryModel, place: str) -> list[str]:
    est = shipped.estimate(parse_query(role="mle", years=4, location=place))
    return [str(f.label) for f in est.article_context.figures]


def test_article_figures_fit_the_place(shipped: SalaryModel) -> None:
    assert "Silicon Valley" in labels(shipped, "San Jose")
    denver = labels(shipped, "Denver")
    assert "typical US range" in denver and "Silicon Valley" not in denver
    assert all("Canada" in lab for lab in labels(shipped, "Toronto"))
    for elsewhere in ("Bangalore", "London", "IN", "remote"):
        assert labels(shipped, elsewhere) == [], elsewhere


def test_equity_depends_on_company_type_and_level(shipped: SalaryModel) -> None:
    def equity_share(company: str, level: str) -> tuple[float, float]:
        est = shipped.estimate(
            parse_query(role="mle", level=level, location="US", company_type=company)
        )
        return est.equity.low / est.base.p50, est.equity.high / est.base.p50

    assert equity_share("startup", "senior")[0] == 0.0  # options may be worth nothing
    assert equity_share("big tech", "senior")[1] >= 1.0  # RSUs can match base
    assert equity_share("big tech", "entry")[1] < equity_share("big tech", "senior")[1]
    assert equity_share("enterprise", "senior")[1] < equity_share("big tech", "senior")[1]


def test_bonus_equity_and_total_say_where_they_come_from(shipped: SalaryModel) -> None:
    est = shipped.estimate(parse_query(role="mle", years=4, location="Seattle"))
    assert str(est.bonus_source).startswith("10-20% of the median base")
    assert str(est.equity_source).startswith("5-15% of the median base a year")
    assert "P25-P75" in str(est.total_span)
    assert est.total.p25 == pytest.approx(est.base.p25 * est.total.p50 / est.base.p50)


@pytest.mark.parametrize(
    ("typed", "key", "country"),
    [
        ("London", "gb-london", "GB"),
        ("Berlin", "de-berlin", "DE"),
        ("Berlin, Germany", "de-berlin", "DE"),
        ("Bangalore", "in-bangalore", "IN"),
        ("Bengaluru", "in-bangalore", "IN"),
        ("Tokyo", "jp-tokyo", "JP"),
        ("Munich, DE", "de-munich", "DE"),
        ("Seattle, USA", "us-seattle", "US"),
    ],
)
def test_cities_people_type_are_accepted(typed: str, key: str, country: str) -> None:
    q = parse_query(role="mle", location=typed)
    assert (q.location, q.country) == (key, country)


def test_a_city_without_a_figure_uses_its_country_band_and_says_so(shipped: SalaryModel) -> None:
    city = shipped.estimate(parse_query(role="mle", years=4, location="London"))
    country = shipped.estimate(parse_query(role="mle", years=4, location="UK"))
    assert city.base == country.base
    assert any("No city pay figure for London" in n for n in map(str, city.said_notes))
    assert tx.label("location", "gb-london") == "London, United Kingdom"


def test_a_place_in_another_country_is_not_guessed() -> None:
    assert tx.lookup("location", "London, France") is None
