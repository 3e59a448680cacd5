"""Sending answers: at once, deferred when the work is slow, then the chart in one edit."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import aiohttp
import discord

from bot.flows.errors import AnswerLost, UserError, interaction_name
from bot.flows.privacy import Visibility
from bot.interaction import Interaction
from bot.render.card import Card, CardLayout
from bot.render.chart_spec import ChartSpec
from bot.render.chart_workers import ChartsBusy
from bot.render.charts import CHART_NAME
from bot.render.locale import ANSWER_LOCALE
from bot.render.words import N_, _
from db.models import HistoryEntry

log = logging.getLogger(__name__)
T = TypeVar("T")
# How long a first answer may wait for its chart while the bot is calm: a chart takes a few
# milliseconds to draw, and its edit would cost a second request.
FIRST_CHART_WAIT_S = 0.1
# Well inside Discord's 3 s: time left to defer even on a loaded machine.
DEFER_AFTER_S = 1.5
# Discord forgets an interaction with no first answer after 3 s, but on a 5xx discord.py
# tries again after 1 s, then 3 s, 5 s... (about 25 s in all): a first answer still
# unsent after this long is given up while a last try could still have counted.
FIRST_ANSWER_WITHIN_S = 2.0
# Time left for a deferral that starts only after DEFER_AFTER_S of work.
DEFERRAL_WITHIN_S = 1.0
# Said when an answer meant for everyone went out privately because the bot deferred it
# (privately, before it could read the settings) in a busy moment.
BUSY_NOTE = N_("A busy moment: this answer came privately. Run the command again to share it.")
DEFERRED_PRIVATELY = "deferred_privately"
TURNED_AWAY = N_(
    "I'm answering more questions than I can right now. Please ask again in a minute: "
    "nothing was used up."
)

CHART_URL = f"attachment://{CHART_NAME}"

# Puts a "Show chart" button for a history entry in a card's chart place; the client holds
# it, so that flows need no view.
ChartOffer = Callable[[CardLayout, HistoryEntry], CardLayout]


def use_locale(interaction: Interaction) -> None:
    """Money and counts in this answer follow the asker's Discord language."""
    ANSWER_LOCALE.set(str(interaction.locale))


async def send(
    interaction: Interaction,
    visibility: Visibility,
    *,
    content: str | None = None,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
) -> None:
    """Reply, or follow up when already answered; the bot's default keeps mentions off."""
    notes = _notes(interaction, visibility)
    if content is not None or notes:
        content = "\n".join([*([content] if content is not None else []), *notes])
    kwargs: dict[str, Any] = {}
    if content is not None:
        kwargs["content"] = content
    if embed is not None:
        kwargs["embed"] = embed
    if view is not None:
        kwargs["view"] = view
    await _deliver(interaction, visibility, kwargs, None)


async def send_card(
    interaction: Interaction,
    visibility: Visibility,
    card: Card,
    layout: CardLayout | None = None,
    chart: bytes | None = None,
) -> CardLayout:
    """Send an answer as a card (with its chart when drawn already); returns its layout.

    A V2 message has no content beside its components: what the bot must say about the
    answer's privacy goes at the top of the card.
    """
    for note in reversed(_notes(interaction, visibility)):
        card.lead(note)
    layout = layout if layout is not None else CardLayout()
    layout.show(card, CHART_URL if chart is not None else None)
    file = chart_file(chart) if chart is not None else None
    await _deliver(interaction, visibility, {"view": layout}, file)
    return layout


def _notes(interaction: Interaction, visibility: Visibility) -> list[str]:
    notes = [visibility.note] if visibility.note else []
    # The "thinking…" placeholder's privacy was set by the deferral, before the settings.
    if (
        interaction.response.type == discord.InteractionResponseType.deferred_channel_message
        and interaction.extras.get(DEFERRED_PRIVATELY)
        and not visibility.ephemeral
    ):
        notes.append(_(BUSY_NOTE))
    return notes


async def _deliver(
    interaction: Interaction,
    visibility: Visibility,
    kwargs: dict[str, Any],
    file: discord.File | None,
) -> None:
    if interaction.response.type == discord.InteractionResponseType.deferred_channel_message:
        # The "thinking…" placeholder becomes the answer.
        if file is not None:
            kwargs["attachments"] = [file]
        await interaction.edit_original_response(**kwargs)
        return
    if file is not None:
        kwargs["file"] = file
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=visibility.ephemeral, **kwargs)
    else:
        await first_answer(
            interaction, interaction.response.send_message(ephemeral=visibility.ephemeral, **kwargs)
        )


async def first_answer(
    interaction: Interaction, sending: Awaitable[object], within: float = FIRST_ANSWER_WITHIN_S
) -> None:
    """Send a first answer (or a deferral), giving up once it can no longer arrive in time.

    Nothing else can answer an interaction whose first answer did not go out: the person
    sees that the bot did not respond. Said once here; AnswerLost ends the command quietly.
    """
    try:
        await asyncio.wait_for(sending, within)
    except TimeoutError:
        log.warning(
            "the first answer to %s did not reach Discord within %.3g s; the person sees "
            "that the bot did not respond",
            interaction_name(interaction),
            within,
        )
        raise AnswerLost from None


@asynccontextmanager
async def admitted(interaction: Interaction) -> AsyncIterator[None]:
    """A command's work, counted while it runs; turned away at once past the bound."""
    gate = interaction.client.admission
    if not gate.admit():
        raise UserError(_(TURNED_AWAY))
    try:
        await acknowledge_if_backlogged(interaction)
        yield
    finally:
        gate.finished()


async def acknowledge_if_backlogged(interaction: Interaction) -> None:
    """When many people wait for a first answer, say "thinking…" now and answer after.

    Nothing is read yet, so the deferral is private wherever an answer may be: only a DM
    with the bot is answered in the open either way.
    """
    if interaction.response.is_done() or not interaction.client.admission.backlogged():
        return
    private = not (interaction.guild_id is None and interaction.context.dm_channel)
    interaction.extras[DEFERRED_PRIVATELY] = private
    await first_answer(interaction, interaction.response.defer(ephemeral=private, thinking=True))
    # The answer itself can now wait its turn like any follow-up: the others still waiting
    # for a first answer go first.
    await interaction.client.admission.turn(deferred=True)


async def finish_or_defer(
    interaction: Interaction, work: Awaitable[T], visibility: Visibility
) -> T:
    """Await work that is usually instant; if it is not done in time, defer first.

    A busy database can hold a write for seconds, and Discord forgets an interaction
    with no first answer after 3 s: "thinking…" keeps it alive until the answer is ready.
    """
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER_S)
    if not done and not interaction.response.is_done():
        deferral = interaction.response.defer(ephemeral=visibility.ephemeral, thinking=True)
        try:
            await first_answer(interaction, deferral, DEFERRAL_WITHIN_S)
        except AnswerLost:
            await task  # the work (a save) still completes; only its answer is lost
            raise
    return await task


async def after_first_answer(interaction: Interaction) -> bool:
    """Where an answer's follow-ups start: they wait while others wait for a first answer.

    False when the bot is overloaded: the chart is then left for a "Show chart" button.
    """
    return await interaction.client.admission.turn()


def chart_file(data: bytes) -> discord.File:
    return discord.File(io.BytesIO(data), filename=CHART_NAME)


def _consume(task: asyncio.Future[bytes]) -> None:
    # A chart given up on may still fail; the follow-up that draws it again reports that.
    if not task.cancelled():
        task.exception()


async def chart_in_time(interaction: Interaction, chart: ChartSpec) -> bytes | None:
    """The chart's PNG, if it can go with the first answer: one request instead of two.

    A chart drawn before is free. Otherwise it is drawn now only while first answers are
    not queueing and a worker is free, and only waited for briefly: a late chart follows
    in an edit, as under load.
    """
    client = interaction.client
    data = client.charts.cached(chart)
    if data is not None or not (client.charts.idle and client.admission.calm()):
        return data
    drawing = asyncio.ensure_future(client.charts.render(chart))
    drawing.add_done_callback(_consume)
    try:
        return await asyncio.wait_for(asyncio.shield(drawing), FIRST_CHART_WAIT_S)
    except Exception:
        # Late, refused or failed: the follow-up draws it again, and says so if it fails.
        return None


async def answer_charted(
    interaction: Interaction,
    visibility: Visibility,
    card: Card,
    chart: ChartSpec,
    record: Callable[[], Awaitable[HistoryEntry | None]],
    layout: CardLayout | None = None,
) -> None:
    """Send an answer whose chart is drawn out of the event loop, then record it.

    `layout` holds buttons for the history entry `record` writes, named in advance (by the
    interaction's id), so the first answer can carry the chart and the buttons at once.
    """
    data = await chart_in_time(interaction, chart)
    with interaction.client.store.pending.writing(interaction.user.id):
        layout = await send_card(interaction, visibility, card, layout, data)
        on_time = await after_first_answer(interaction)
        entry = await record()
    # Not stored: buttons that would find no entry go, so that nobody presses in vain.
    unstored = entry is None and layout.has_buttons
    if unstored:
        layout.drop_buttons()
    if data is None:
        await complete_answer(
            interaction, card, chart, layout, entry=entry, draw=on_time, relayout=unstored
        )
    elif unstored:
        await _edit_answer(interaction, {"view": layout.show(card, CHART_URL)})


async def complete_answer(
    interaction: Interaction,
    card: Card,
    chart: ChartSpec | Callable[[], bytes],
    layout: CardLayout | None = None,
    *,
    entry: HistoryEntry | None = None,
    draw: bool = True,
    relayout: bool = False,
) -> None:
    """Add the chart (drawn outside the event loop) and any new buttons to a card already sent.

    When the drawing queue is full, or `draw` is False (the bot is overloaded), the chart is
    left out and, if the answer has a history entry, a "Show chart" button in its place draws
    it on demand instead. `relayout` sends the card again even without a chart (its buttons
    changed); a layout that was not sent with the card brings its buttons in any case.
    """
    client = interaction.client
    changes: dict[str, Any] = {}
    chart_url: str | None = None
    new_buttons = layout is not None and layout.has_buttons and not layout.laid_out
    layout = layout if layout is not None else CardLayout()
    try:
        if isinstance(chart, ChartSpec):
            if not draw:
                raise ChartsBusy
            data = await client.charts.render(chart)
        else:
            # Charts of their own kind (offers) are rare: drawn on a thread, not cached.
            data = await asyncio.to_thread(chart)
    except ChartsBusy:
        if entry is not None and isinstance(chart, ChartSpec):
            client.charts.offer(interaction.user.id, entry.id, chart)
            layout = client.offer_chart(layout, entry)
            relayout = True
    except Exception:
        # The answer is already with the user; a chart that fails to draw only loses the picture.
        log.exception("a chart failed to render")
    else:
        chart_url = CHART_URL
        changes["attachments"] = [chart_file(data)]
    if chart_url is not None or relayout or new_buttons:
        changes["view"] = layout.show(card, chart_url)
        await _edit_answer(interaction, changes)


async def _edit_answer(interaction: Interaction, changes: dict[str, Any]) -> None:
    """Change an answer already sent; a failure loses only what the change would add."""
    client = interaction.client
    if client.is_closed():
        # Shutting down: the answer is out; its picture is not worth holding the exit for.
        return
    try:
        await interaction.edit_original_response(**changes)
    except (discord.HTTPException, aiohttp.ClientError, ConnectionError) as error:
        log.warning("could not add the chart and buttons to an answer: %s", error)
    except RuntimeError as error:
        # aiohttp's "Session is closed": the bot closed while the chart was being drawn.
        if not client.is_closed():
            raise
        log.info("the bot closed before a chart reached its answer: %s", error)
