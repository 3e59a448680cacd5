"""One planned interaction followed through the real bot: answers and charts as they come."""

from __future__ import annotations

import pytest

from bench.measure.plan import Planned
from bench.measure.watch import watch
from bot.local.harness import Harness

ESTIMATE = {"role": "ml_engineer", "years": 4, "location": "seattle"}


def planned(
    kind: str, command: str, options: dict[str, object], focused: str | None = None
) -> Planned:
    return Planned(0.0, kind, command, options, user=0, focused=focused)


async def test_a_chart_that_comes_with_the_first_answer_is_a_chart(harness: Harness) -> None:
    server = harness.server
    user = server.add_user("asker")
    place = server.dm(user)
    item = planned("estimate", "estimate", ESTIMATE)
    await watch(harness.driver, item, user, place, charts=True)
    # Asked again, the chart is drawn already: it goes out with the first answer, no edit.
    again = await watch(harness.driver, item, user, place, charts=True)
    assert again.problems == []
    assert again.chart_in_first_answer
    assert again.chart_ms is not None and again.first_ms is not None
    assert again.chart_ms == pytest.approx(again.first_ms)


@pytest.mark.usefixtures("charts_follow_in_an_edit")
async def test_a_chart_that_follows_in_an_edit_is_timed_to_the_edit(harness: Harness) -> None:
    user = harness.server.add_user("asker")
    place = harness.server.dm(user)
    outcome = await watch(
        harness.driver, planned("compare", "compare roles", ESTIMATE), user, place, charts=True
    )
    assert outcome.problems == []
    assert not outcome.chart_in_first_answer
    assert outcome.chart_ms is not None and outcome.first_ms is not None
    assert outcome.chart_ms > outcome.first_ms


async def test_typing_into_an_option_is_answered_without_a_chart(harness: Harness) -> None:
    user = harness.server.add_user("typist")
    place = harness.server.dm(user)
    item = planned("autocomplete", "estimate", {"role": "ml"}, focused="role")
    outcome = await watch(harness.driver, item, user, place, charts=True)
    assert outcome.problems == []
    assert outcome.first_ms is not None and outcome.chart_ms is None
    assert outcome.kind == "autocomplete"
