"""The follow-up gate: first answers go first, follow-ups in order, none held forever."""

from __future__ import annotations

import asyncio

from bot.app.admission import AdmissionGate


class _Response:
    def __init__(self) -> None:
        self.done = False

    def is_done(self) -> bool:
        return self.done


class _Interaction:
    def __init__(self) -> None:
        self.response = _Response()


def _arrive(gate: AdmissionGate, count: int) -> list[_Interaction]:
    people = [_Interaction() for _ in range(count)]
    for person in people:
        gate.arrived(person)
    return people


async def test_a_follow_up_runs_at_once_when_few_wait() -> None:
    gate = AdmissionGate(calm_at=2)
    _arrive(gate, 2)
    assert await asyncio.wait_for(gate.turn(), 0.05) is True
    assert gate.held == 0


async def test_follow_ups_wait_until_first_answers_are_out_then_go_in_order() -> None:
    gate = AdmissionGate(calm_at=2)
    people = _arrive(gate, 10)
    order: list[int] = []

    async def follow_up(number: int) -> None:
        assert await gate.turn() is True  # the backlog cleared: on time
        order.append(number)

    tasks = [asyncio.create_task(follow_up(n)) for n in range(5)]
    await asyncio.sleep(0.05)
    assert order == [], "nothing may run while ten people wait for a first answer"
    assert gate.waiting() == 10
    for person in people[:8]:
        person.response.done = True
    await asyncio.wait_for(asyncio.gather(*tasks), 1)
    assert order == [0, 1, 2, 3, 4]
    assert gate.held == 5


async def test_expired_interactions_stop_counting() -> None:
    gate = AdmissionGate(calm_at=0, deadline_s=0.05)
    _arrive(gate, 3)
    assert gate.waiting() == 3
    await asyncio.sleep(0.06)
    assert gate.waiting() == 0
    await asyncio.wait_for(gate.turn(), 0.05)


async def test_no_follow_up_waits_past_its_patience() -> None:
    gate = AdmissionGate(calm_at=0, patience_s=0.05, deadline_s=60)
    _arrive(gate, 4)  # never answered
    on_time = await asyncio.wait_for(gate.turn(), 1)
    assert on_time is False, "a follow-up let go by patience finds the bot overloaded"
    assert gate.held == 1


async def test_the_list_of_waiting_interactions_stays_short() -> None:
    gate = AdmissionGate()
    for _ in range(1000):
        (person,) = _arrive(gate, 1)
        person.response.done = True
    assert len(gate._waiting) <= 1


async def test_closing_lets_every_follow_up_go() -> None:
    gate = AdmissionGate(calm_at=0, patience_s=60)
    _arrive(gate, 3)
    waiting = asyncio.create_task(gate.turn())
    await asyncio.sleep(0.02)
    assert not waiting.done()
    gate.close()
    await asyncio.wait_for(waiting, 0.5)


async def test_a_deferred_answer_outwaits_follow_ups_and_goes_first_when_calm() -> None:
    gate = AdmissionGate(calm_at=0, patience_s=0.03, deferred_patience_s=5, deadline_s=60)
    (waiting,) = _arrive(gate, 1)
    order: list[str] = []

    async def wait(name: str, deferred: bool) -> None:
        on_time = await gate.turn(deferred=deferred)
        order.append(f"{name}:{on_time}")

    follow_up = asyncio.create_task(wait("follow-up", False))
    answer = asyncio.create_task(wait("answer", True))
    await asyncio.wait_for(follow_up, 1)
    assert order == ["follow-up:False"], "a follow-up is let go after its short patience"
    later = asyncio.create_task(wait("later follow-up", False))
    await asyncio.sleep(0)
    waiting.response.done = True  # calm again: the deferred answer goes before the follow-up
    await asyncio.wait_for(asyncio.gather(answer, later), 1)
    assert order == ["follow-up:False", "answer:True", "later follow-up:True"]
