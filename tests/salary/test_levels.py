"""Levels: in order everywhere, read from titles, one rule when years and level disagree."""

import itertools

import pytest

from bot.salary import taxonomy as tx
from bot.salary.level_order import MIN_STEP, increasing, ordered_shifts
from bot.salary.model import SalaryModel
from bot.salary.query import parse_query

PLACES = (None, "US", "GB", "DE", "IN", "CA", "FR", "ES", "NL", "AU", "Kosovo", "remote", "Seattle")
ORDER = ("entry", "mid", "senior", "principal")


def test_pool_adjacent_violators_by_hand() -> None:
    assert increasing([1.0, 3.0, 2.0], [1, 1, 1]) == [1.0, 2.5, 2.5]
    assert increasing([2.0, 1.0], [3, 1]) == [1.75, 1.75]
    shifts = ordered_shifts([0.0, 0.0], [1, 1])
    assert shifts[1] - shifts[0] == pytest.approx(MIN_STEP)
    assert ordered_shifts([0.0, 1.0], [1, 1]) == [0.0, 0.0]  # already in order: untouched


@pytest.mark.parametrize("role", tx.keys("role"))
def test_levels_are_in_order_in_every_place(shipped: SalaryModel, role: str) -> None:
    for place, remote in itertools.product(PLACES, (None, True)):
        medians = [
            shipped.estimate(
                parse_query(role=role, level=lv, location=place, remote=remote)
            ).base.p50
            for lv in ORDER
        ]
        for low, high in itertools.pairwise(medians):
            assert high >= low * (1 + MIN_STEP) * 0.999, (role, place, remote, medians)


def test_four_years_sits_between_its_neighbours(shipped: SalaryModel) -> None:
    for place in ("San Jose", "Seattle", "Denver", "US", "GB", "IN"):
        by_years = [
            shipped.estimate(parse_query(role="mle", years=y, location=place)).base.p50
            for y in (1, 4, 8)
        ]
        assert by_years[0] < by_years[1] < by_years[2], place


def test_a_reordered_band_says_so(shipped: SalaryModel) -> None:
    est = shipped.estimate(parse_query(role="research scientist", level="entry", location="US"))
    (step,) = [f for f in est.factors if str(f.said_name) == "Level order"]
    assert step.multiplier < 1 and step.kind == "data"


def test_a_level_in_the_title_counts_as_the_level() -> None:
    q = parse_query(role="Senior ML engineer")
    assert (q.role, q.level, q.effective_level) == ("ml_engineer", "senior", "senior")
    assert any("read from the role" in n for n in map(str, q.experience_said))
    # A level given as well wins over the title, silently: it was said on purpose.
    assert parse_query(role="senior ml engineer", level="mid").level == "mid"
    # Role names that merely contain a level word are not read as levels.
    assert parse_query(role="data scientist").level is None


def test_years_and_level_that_disagree_follow_one_rule() -> None:
    q = parse_query(role="mle", years=2, level="senior")
    assert q.effective_level == "senior"
    (note,) = map(str, q.experience_said)
    assert "level given wins" in note and "Entry" in note
    assert parse_query(role="mle", years=7, level="senior").experience_said == []


def test_staff_maps_to_senior_and_says_so(shipped: SalaryModel) -> None:
    for q in (parse_query(role="mle", level="staff"), parse_query(role="staff ml engineer")):
        assert q.level == "senior"
        est = shipped.estimate(q)
        assert any("no staff level" in n for n in map(str, est.said_notes))
