import pytest

from bot.salary.errors import QueryError
from bot.salary.query import SalaryQuery, parse_query


def test_forgiving_normalisation() -> None:
    q = parse_query(
        role="MLE",
        years="5 years",
        level="Sr",
        location="SF",
        skills="Python, PyTorch",
        education="Masters",
        company_type="FAANG",
        remote="no",
        currency="cad",
    )
    assert q.role == "ml_engineer"
    assert q.years == 5
    assert q.level == "senior"
    assert q.location == "us-san-francisco"
    assert q.skills == ("python", "pytorch")
    assert q.education == "masters"
    assert q.company_type == "big_tech"
    assert q.remote is False
    assert q.currency == "CAD"
    assert q.country == "US"


def test_left_out_means_unknown() -> None:
    q = parse_query()
    assert q.role is None and q.years is None and q.location is None
    assert q.skills == () and q.certifications == ()
    assert q.effective_level is None and q.currency is None
    # Nothing said about currency or place: the answer is in US dollars.
    assert q.answer_currency == "USD"


def test_years_give_level_and_level_wins() -> None:
    assert parse_query(years=7).effective_level == "senior"
    assert parse_query(years=7, level="entry").effective_level == "entry"


def test_frozen() -> None:
    q = parse_query(role="ds")
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises its own ValidationError
        q.role = "ml_engineer"  # type: ignore[misc]


@pytest.mark.parametrize("years", [-1, 999, 51, "abc", "-3 years", True])
def test_bad_years(years: object) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(years=years)
    assert info.value.field == "years"
    assert "years" in info.value.message.lower()


def test_unknown_location_suggests() -> None:
    with pytest.raises(QueryError) as info:
        parse_query(location="seatle")
    err = info.value
    assert err.field == "location"
    assert "Seattle, WA" in err.suggestions
    assert err.message.startswith("Unknown location 'seatle': did you mean Seattle, WA")


def test_unknown_role_suggests() -> None:
    with pytest.raises(QueryError) as info:
        parse_query(role="data sceintist")
    assert info.value.suggestions[0] == "Data Scientist"


@pytest.mark.parametrize("skills", ["", "   ", "😀", ["python", "🔥🔥"], ["", "sql"]])
def test_empty_or_emoji_skills_rejected(skills: object) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(skills=skills)
    assert info.value.field == "skills"
    assert "letters or digits" in info.value.message


@pytest.mark.parametrize("field", ["role", "location", "industry", "education", "skills", "years"])
def test_very_long_text_rejected_without_echo(field: str) -> None:
    text = "a" * 5000
    with pytest.raises(QueryError) as info:
        parse_query(**{field: text})
    msg = info.value.message
    assert "a" * 50 not in msg
    assert len(msg) < 200


def test_long_unknown_value_is_clipped() -> None:
    with pytest.raises(QueryError) as info:
        parse_query(location="x" * 90)
    assert "x" * 41 not in info.value.message


def test_other_rejections() -> None:
    cases: list[tuple[dict[str, object], str]] = [
        ({"currency": "XYZ"}, "currency"),
        ({"year": 1990}, "year"),
        ({"level": "wizard"}, "level"),
        ({"remote": "maybe"}, "remote"),
        ({"shoe_size": 9}, "shoe_size"),
    ]
    for kwargs, field in cases:
        with pytest.raises(QueryError) as info:
            parse_query(**kwargs)
        assert info.value.field == field
        assert info.value.message


def test_query_error_is_value_error() -> None:
    assert issubclass(QueryError, ValueError)
    assert isinstance(SalaryQuery(), SalaryQuery)


def test_unknown_location_alternatives_are_readable_when_labels_hold_commas() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(location="seatle")
    assert "did you mean Seattle, WA or " in caught.value.message


def test_unknown_value_without_a_close_match_says_what_to_try() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(location="qqqqqqqq")
    assert "Try a country" in caught.value.message


def test_negative_years_as_text_name_the_range() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(years="-3")
    assert "between 0 and 50" in caught.value.message


def test_equal_words_share_one_validated_query() -> None:
    first = parse_query(role="MLE", skills=["pytorch", "sql"], years=4)
    again = parse_query(years=4, skills=["pytorch", "sql"], role="MLE")
    assert again is first
    assert parse_query(role="MLE", skills="pytorch, sql", years=4) == first
    with pytest.raises(QueryError):
        parse_query(role="MLE", years=-1)
    with pytest.raises(QueryError):
        parse_query(role="MLE", years=-1)  # a refusal is not kept: it is raised again


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ({"role": "Staff ML Engineer"}, "staff"),
        ({"role": "mle", "level": "staff"}, "staff"),
        ({"role": "senior ml engineer"}, None),
        ({"role": "lead ml engineer"}, None),
        ({"role": "mle", "years": 4}, None),
    ],
)
def test_a_level_the_data_lacks_is_kept_beside_the_band_used(
    raw: dict[str, object], said: str | None
) -> None:
    query = parse_query(**raw)
    assert query.level_said == said
    if said is not None:
        assert query.effective_level == "senior"


def test_a_kept_query_is_not_reused_for_an_equal_value_of_another_type() -> None:
    assert parse_query(years=1).years == 1
    with pytest.raises(QueryError):
        parse_query(years=True)
