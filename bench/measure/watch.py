"""One planned interaction, sent through the emulator and followed to its answer and chart."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from bench.measure.bot_links import (
    AUTOCOMPLETE,
    Driver,
    EmulatedUser,
    InteractionRecord,
    Place,
    looked_for,
)
from bench.measure.plan import Planned

# Discord's limit for the first answer; later than this is an error even if it arrives.
FIRST_ANSWER_LIMIT_S = 3.0
CHART_WAIT_S = 15.0
DEFERRED = 5  # the callback type of "thinking…"


@dataclass
class Outcome:
    kind: str
    first_ms: float | None = None
    chart_ms: float | None = None
    chart_offered: bool = False  # left out under load, with a "Show chart" button
    chart_in_first_answer: bool = False  # drawn in time to go with the answer, no edit
    problems: list[str] = field(default_factory=list)
    cooldown: bool = False
    answered_at: float | None = None
    deferred: bool = False  # the first answer was "thinking…", the content came after
    turned_away: bool = False  # "answering more questions than I can": shed under overload
    content_ms: float | None = None  # until the answer itself could be read


async def send(
    driver: Driver, item: Planned, user: EmulatedUser, place: Place
) -> InteractionRecord:
    """Run the planned command, or type into its focused option, as the Discord client would."""
    if item.focused is None:
        return await driver.slash(user, place, item.command, item.options)
    data = driver.command_data(
        place, item.command, item.options, focused=item.focused, partial=True
    )
    # The options were checked against the synced commands just above; send_raw only sends.
    return await driver.send_raw(AUTOCOMPLETE, user, place, data)


async def watch(
    driver: Driver, item: Planned, user: EmulatedUser, place: Place, *, charts: bool
) -> Outcome:
    """Send `item` and time its answer; with `charts`, also until its chart is shown."""
    outcome = Outcome(item.kind)
    record = await send(driver, item, user, place)
    try:
        await record.wait_for(
            lambda r: r.first_response_at is not None or bool(r.rejected_callbacks),
            timeout=FIRST_ANSWER_LIMIT_S + 2,
        )
    except TimeoutError:
        outcome.problems.append("no answer")
        return outcome
    if record.first_response_at is None:
        outcome.problems.append("answer refused")
        return outcome
    outcome.answered_at = record.first_response_at
    outcome.first_ms = (record.first_response_at - record.created) * 1000
    if outcome.first_ms > FIRST_ANSWER_LIMIT_S * 1000:
        outcome.problems.append("answer after 3 s")
    outcome.content_ms = outcome.first_ms
    if record.response_type == DEFERRED:
        outcome.deferred = True
        try:
            await record.wait_for(_has_content, timeout=CHART_WAIT_S)
        except TimeoutError:
            outcome.problems.append("thinking, never answered")
            return outcome
        assert record.last_edit_at is not None
        outcome.content_ms = (record.last_edit_at - record.created) * 1000
    text = answer_text(record)
    words = looked_for(user.locale)
    outcome.cooldown = words.slow_down in text
    outcome.turned_away = words.turned_away in text
    if words.went_wrong in text:
        outcome.problems.append("error answer")
    if charts and item.charted and not (outcome.cooldown or outcome.turned_away):
        await _chart(record, outcome, words.show_chart)
    return outcome


async def _chart(record: InteractionRecord, outcome: Outcome, show_chart: str) -> None:
    try:
        await record.wait_for(lambda r: _has_chart_or_button(r, show_chart), timeout=CHART_WAIT_S)
    except TimeoutError:
        outcome.problems.append("no chart")
        return
    # The chart came with the first answer, or in an edit after it.
    shown_at = record.last_edit_at or record.first_response_at
    assert shown_at is not None
    if record.message.files:
        outcome.chart_ms = (shown_at - record.created) * 1000
        outcome.chart_in_first_answer = record.last_edit_at is None
    else:
        outcome.chart_offered = True


def _has_content(record: InteractionRecord) -> bool:
    return bool(record.messages()) and bool(answer_text(record))


def _has_chart_or_button(record: InteractionRecord, show_chart: str) -> bool:
    if not record.messages():
        return False
    message = record.message
    return bool(message.files) or any(b.get("label") == show_chart for b in message.buttons())


def answer_text(record: InteractionRecord) -> str:
    """All the text of the answer the user sees; empty before there is one."""
    with contextlib.suppress(AssertionError):
        return record.message.text()
    return ""
