"""Charts through the real drawing pool, and answers without charts when it is full."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from bot.emulator.records import InteractionRecord, StoredMessage
from bot.local.harness import Harness
from bot.render.card import CHART_ID
from db.errors import StoreUnavailableError
from tests.conftest import make_config, running_harness
from tests.e2e.support import bot_of, run, with_chart
from tests.support.validation import PayloadValidator

ESTIMATE = {"role": "ml_engineer", "years": 4, "location": "seattle"}


@pytest.fixture
async def pooled(tmp_path: Path, validator: PayloadValidator) -> AsyncIterator[Harness]:
    """The bot with one real drawing process, as it runs in production."""
    async with running_harness(make_config(tmp_path, chart_workers=1), validator) as running:
        yield running


def chart_image(message: StoredMessage) -> Image.Image:
    (stored,) = message.files
    # Inside the card, in the place kept for it, described for those who cannot see it.
    (gallery,) = [c for c in message.components() if c.get("type") == 12]
    assert gallery["id"] == CHART_ID and gallery["items"][0]["description"]
    assert message.media() == [f"attachment://{stored.filename}"]
    image = Image.open(io.BytesIO(stored.data))
    assert image.format == "PNG" and image.mode == "P"
    return image


def labels(message: StoredMessage) -> list[str]:
    return [str(button.get("label")) for button in message.buttons()]


def offers_chart(record: InteractionRecord) -> bool:
    return bool(record.messages()) and "Show chart" in labels(record.message)


async def test_charts_come_from_the_pool_and_identical_ones_are_drawn_once(
    pooled: Harness,
) -> None:
    charts = bot_of(pooled).charts
    first_user, second_user = pooled.server.add_user("first"), pooled.server.add_user("second")
    first = await with_chart(
        await run(pooled, first_user, pooled.server.dm(first_user), "estimate", ESTIMATE)
    )
    drawn = charts.drawn
    second = await with_chart(
        await run(pooled, second_user, pooled.server.dm(second_user), "estimate", ESTIMATE)
    )
    # The same chart for someone else: what it shows is the key, not who asked.
    assert charts.drawn == drawn
    assert first.files[0].data == second.files[0].data
    assert chart_image(first).width == 800
    other = await with_chart(
        await run(pooled, first_user, pooled.server.dm(first_user), "compare roles", ESTIMATE)
    )
    assert charts.drawn == drawn + 1 and chart_image(other).height > chart_image(first).height


async def edited(
    harness: Harness, pressed: InteractionRecord, answer: StoredMessage
) -> StoredMessage:
    """The answer a "Show chart" press edits: the message the button is on."""
    await pressed.wait_for(lambda r: bool(harness.server.messages[answer.id].files), timeout=10)
    return harness.server.messages[answer.id]


async def overloaded(harness: Harness) -> None:
    # A queue already at its bound: the next chart is refused at once.
    bot_of(harness).charts.queue_limit = 0


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("estimate", ESTIMATE),
        ("compare roles", ESTIMATE),
        ("compare locations", {"places": "london, berlin, toronto", "role": "ml_engineer"}),
    ],
)
async def test_full_queue_answers_without_chart_and_show_chart_draws_it(
    pooled: Harness, command: str, options: dict[str, object]
) -> None:
    await overloaded(pooled)
    user = pooled.server.add_user("busy")
    record = await pooled.driver.slash(user, pooled.server.dm(user), command, options)
    await record.wait_for(offers_chart, timeout=10)
    answer = record.message
    assert answer.files == [] and answer.media() == []
    (place,) = [c for c in answer.components() if c.get("id") == CHART_ID]
    assert place["accessory"]["label"] == "Show chart", "the button sits where the chart goes"
    before = labels(answer)
    pressed = await pooled.driver.press(user, answer, "Show chart")
    answer = await edited(pooled, pressed, answer)
    chart_image(answer)
    # The chart replaced its button; the other buttons stay.
    assert labels(answer) == [label for label in before if label != "Show chart"]
    assert pressed.response_type == 6
    assert pooled.server.stats.unknown_interactions == 0


async def test_show_chart_is_only_for_the_owner_and_survives_a_restart(pooled: Harness) -> None:
    await overloaded(pooled)
    owner, other = pooled.server.add_user("owner"), pooled.server.add_user("other")
    place = pooled.server.dm(owner)
    record = await pooled.driver.slash(owner, place, "estimate", {**ESTIMATE, "public": True})
    await record.wait_for(offers_chart, timeout=10)
    refused = await pooled.driver.press(other, record.message, "Show chart")
    await refused.wait_settled()
    assert "belong to someone else" in refused.message.text()
    assert refused.message.ephemeral and record.message.files == []
    # What was offered in memory is gone after a restart: the history entry is enough.
    bot_of(pooled).charts.offers.clear()
    pressed = await pooled.driver.press(owner, record.message, "Show chart")
    answer = await edited(pooled, pressed, record.message)
    assert (
        chart_image(answer)
        and answer.title == "Machine Learning Engineer · Mid · 4 years · Seattle, WA"
    )


async def test_a_calm_bot_sends_the_chart_and_buttons_with_the_answer(pooled: Harness) -> None:
    user = pooled.server.add_user("calm")
    record = await run(pooled, user, pooled.server.dm(user), "estimate", ESTIMATE)
    answer = record.message
    chart_image(answer)
    assert answer.edits == 0, "one request: the answer already had its chart and buttons"
    assert "Compare roles" in labels(answer)
    # The buttons name the entry the answer was then stored as.
    bot = bot_of(pooled)
    await bot.store.pending.settled(user.id)
    entry = await bot.store.history.last(user.id)
    assert entry is not None and entry.id == record.id
    compared = await pooled.driver.press(user, answer, "Compare roles")
    await compared.wait_settled()
    assert compared.message.title.startswith("Roles compared")


async def test_buttons_go_when_the_answer_could_not_be_stored(
    pooled: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def away(*args: object, **kwargs: object) -> None:
        raise StoreUnavailableError("the store is away")

    monkeypatch.setattr(bot_of(pooled).store.history, "add", away)
    user = pooled.server.add_user("unstored")
    record = await run(pooled, user, pooled.server.dm(user), "estimate", ESTIMATE)
    await record.wait_for(lambda r: not r.message.buttons(), timeout=10)
    chart_image(record.message)  # the answer and its chart stay
    assert record.message.section("Base band")


async def test_follow_ups_that_waited_too_long_leave_the_chart_for_a_button(
    pooled: Harness,
) -> None:
    gate = bot_of(pooled).admission
    # First answers never seem to clear: every follow-up gets its turn by patience only.
    gate.calm_at, gate.patience_s = -1, 0.05
    user = pooled.server.add_user("late")
    drawn = bot_of(pooled).charts.drawn
    record = await pooled.driver.slash(user, pooled.server.dm(user), "estimate", ESTIMATE)
    await record.wait_for(offers_chart, timeout=10)
    assert record.first_response_at is not None
    assert record.message.files == [] and bot_of(pooled).charts.drawn == drawn
    assert gate.held >= 1
    gate.calm_at = 8
    pressed = await pooled.driver.press(user, record.message, "Show chart")
    chart_image(await edited(pooled, pressed, record.message))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_chart_workers_run_below_the_bots_priority(pooled: Harness) -> None:
    bot_pid = os.getpid()
    children = Path(f"/proc/{bot_pid}/task/{bot_pid}/children").read_text().split()
    workers = [int(pid) for pid in children if "spawn_main" in _command_line(int(pid))]
    assert workers, "the pool has a drawing process"
    for pid in workers:
        assert os.getpriority(os.PRIO_PROCESS, pid) >= os.getpriority(os.PRIO_PROCESS, 0) + 10


def _command_line(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
