"""A backlog of first answers: new commands say "thinking…" at once and answer after."""

from __future__ import annotations

from bot.flows.budget import BURST
from bot.flows.reply import BUSY_NOTE, TURNED_AWAY
from bot.local.harness import Harness
from tests.e2e.support import bot_of, newcomer, run

DEFERRED = 5
ESTIMATE = {"role": "ml_engineer", "years": 6, "location": "seattle"}


def backlog(harness: Harness) -> None:
    # Every interaction counts as part of a backlog: the next command defers before working.
    bot_of(harness).admission.backlog_at = -1


async def test_in_a_server_the_deferral_is_private_and_says_why_when_public_was_asked(
    harness: Harness,
) -> None:
    user, place = await newcomer(harness, "crowd", "guild")
    backlog(harness)
    record = await run(harness, user, place, "estimate", {**ESTIMATE, "public": True})
    assert record.response_type == DEFERRED
    answer = record.message
    assert answer.ephemeral, "nothing was read yet: the deferral may not be public"
    assert "Base band" in answer.text()
    assert answer.card_texts()[0] == BUSY_NOTE, "said first, above the answer"
    assert answer.files, "the chart still follows"
    assert harness.server.stats.unknown_interactions == 0


async def test_a_private_answer_deferred_in_a_backlog_carries_no_note(harness: Harness) -> None:
    user, place = await newcomer(harness, "quiet", "guild")
    backlog(harness)
    record = await run(harness, user, place, "tips", ESTIMATE)
    assert record.response_type == DEFERRED
    assert record.message.ephemeral and BUSY_NOTE not in record.message.text()
    assert record.message.components_v2, "the answer replaced the thinking message"


async def test_in_a_dm_the_deferred_answer_is_an_ordinary_message(harness: Harness) -> None:
    user = harness.server.add_user("direct")
    backlog(harness)
    record = await run(harness, user, harness.server.dm(user), "estimate", ESTIMATE)
    assert record.response_type == DEFERRED
    assert not record.message.ephemeral
    assert BUSY_NOTE not in record.message.content


async def test_without_a_backlog_the_answer_comes_at_once(harness: Harness) -> None:
    user = harness.server.add_user("calm")
    record = await run(harness, user, harness.server.dm(user), "estimate", ESTIMATE)
    assert record.response_type != DEFERRED


async def test_past_the_bound_a_command_is_turned_away_privately_and_costs_nothing(
    harness: Harness,
) -> None:
    user, place = await newcomer(harness, "late", "guild")
    gate = bot_of(harness).admission
    gate.max_in_flight = 0
    record = await run(harness, user, place, "estimate", ESTIMATE)
    assert TURNED_AWAY in record.message.text() and record.message.ephemeral
    assert gate.turned_away == 1 and gate.in_flight == 0
    gate.max_in_flight = 10
    for _ in range(BURST):  # the turned-away command used nothing of the allowance
        again = await run(harness, user, place, "estimate", ESTIMATE)
        assert "Base band" in again.message.text()
