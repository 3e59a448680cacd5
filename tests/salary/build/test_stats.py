import math

import pytest

from bot.salary.build.stats import monotone, pinball, quantiles, shrink, solve


def test_quantiles_interpolate_like_type_7() -> None:
    # positions p*(n-1) on 10..50: 0.4 -> 14, 1.0 -> 20, 2.0 -> 30, 3.0 -> 40, 3.6 -> 46
    assert quantiles([50, 10, 40, 20, 30]) == pytest.approx([14, 20, 30, 40, 46])


def test_quantiles_reject_empty() -> None:
    with pytest.raises(ValueError):
        quantiles([])


def test_pinball_by_hand() -> None:
    pred = [0.0, 0.0, 0.0, 0.0, 0.0]
    # y above every quantile by 1: mean of the quantile levels
    assert pinball(1.0, pred) == pytest.approx((0.1 + 0.25 + 0.5 + 0.75 + 0.9) / 5)
    # y below by 1: mean of (1 - q)
    assert pinball(-1.0, pred) == pytest.approx((0.9 + 0.75 + 0.5 + 0.25 + 0.1) / 5)


def test_shrink_weights_follow_counts() -> None:
    emp = [1.0, 2.0, 3.0, 4.0, 5.0]
    prior = [0.0, 1.0, 2.0, 3.0, 4.0]
    assert shrink(emp, 0, prior, 5, 5) == pytest.approx(prior)
    # n = k: half way for the centre; offsets identical here, so a shift by 0.5
    assert shrink(emp, 5, prior, 5, 5) == pytest.approx([0.5, 1.5, 2.5, 3.5, 4.5])
    assert shrink(emp, 1e9, prior, 5, 5) == pytest.approx(emp)


def test_shrink_keeps_a_thin_cell_from_collapsing() -> None:
    emp = [3.0] * 5  # one posting: zero spread
    prior = [1.0, 2.0, 3.0, 4.0, 5.0]
    out = shrink(emp, 1, prior, 1, 40)
    assert out[4] - out[0] > 3.5  # most of the prior's width survives


def test_monotone_and_solve() -> None:
    assert monotone([1.0, 0.5, 2.0]) == pytest.approx([1.0, 1.0, 2.0], abs=1e-5)
    x = solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0])
    assert x == pytest.approx([0.8, 1.4])
    assert math.isfinite(sum(x))
