"""The load plan: reproducible, fair to every user, and the mix it promises."""

from __future__ import annotations

from collections import Counter

from bench.measure.plan import HEAVY, HEAVY_USES, HEAVY_WINDOW_S, KINDS, plan_burst, plan_load


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    first = plan_load(users=50, seconds=5, rate=20, seed=3)
    assert first == plan_load(users=50, seconds=5, rate=20, seed=3)
    assert first != plan_load(users=50, seconds=5, rate=20, seed=4)


def test_the_plan_keeps_its_rate_and_its_users() -> None:
    plan = plan_load(users=30, seconds=4, rate=25, seed=1)
    assert len(plan) == 100
    assert [item.at for item in plan] == [index / 25 for index in range(100)]
    assert {item.user for item in plan} <= set(range(30))
    assert {item.kind for item in plan} <= set(KINDS)


def test_no_user_sends_more_heavy_commands_than_the_window_allows() -> None:
    # 100 users have room for 100 * 5 / 31 = 16 heavy commands a second; the plan sends 7.5.
    plan = plan_load(users=100, seconds=60, rate=10, seed=2)
    by_user: dict[int, list[float]] = {}
    for item in plan:
        if item.kind in HEAVY:
            by_user.setdefault(item.user, []).append(item.at)
    for times in by_user.values():
        for index, at in enumerate(times):
            inside = [t for t in times[: index + 1] if t > at - HEAVY_WINDOW_S]
            assert len(inside) <= HEAVY_USES


def test_only_sends_one_kind_and_autocomplete_types_into_one_option() -> None:
    plan = plan_load(users=10, seconds=2, rate=20, seed=5, only="autocomplete")
    assert {item.kind for item in plan} == {"autocomplete"}
    for item in plan:
        assert item.focused in item.options and len(item.options) == 1
        assert not item.charted


def test_a_burst_is_one_interaction_from_each_user_at_once() -> None:
    burst = plan_burst(size=120, seed=7)
    assert [item.user for item in burst] == list(range(120))
    assert {item.at for item in burst} == {0.0}
    assert Counter(item.kind for item in burst)["estimate"] > 30  # half of the mix


def test_estimates_and_comparisons_are_the_charted_kinds() -> None:
    plan = plan_load(users=100, seconds=10, rate=20, seed=6)
    charted = {item.command.split()[0] for item in plan if item.charted}
    assert charted == {"estimate", "compare"}
