"""Questions in plain words: a DM to the bot, or a message that mentions it in a server.

The steps every answer takes, as the commands take them: read the question, decide who may
see the answer, fill what it leaves out from the profile, spend the person's budget, answer
as a reply to their message, and keep the question in history. A reply to one of the bot's
answers changes that answer and says where it started.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot.flows.ask_answers import Answer, add_change, build_answer
from bot.flows.ask_memory import Answered, AnswerMemory, Notices, answered_of, earlier_answer
from bot.flows.asker import read_person
from bot.flows.budget import wait_message
from bot.flows.errors import UserError, friendly_message, went_wrong
from bot.flows.fill import Filled, fill_query
from bot.flows.history import remember_as
from bot.flows.privacy import open_to_mentions
from bot.flows.reply import CHART_URL, chart_file
from bot.render.ask import (
    ASK_PRIVATELY,
    HELP_LINE,
    NOTHING_TO_CHANGE,
    changed_line,
    unread_lines,
)
from bot.render.card import CardLayout
from bot.render.chart_spec import ChartSpec
from bot.render.locale import ANSWER_LOCALE
from bot.render.words import _
from bot.salary import fields
from bot.salary.errors import QueryError
from bot.salary.query import parse_query
from bot.salary.question import Asked, Question, read_question
from db.models import Profile

if TYPE_CHECKING:
    from bot.app.client import SalaryBot

log = logging.getLogger(__name__)

# One help line per person this often, however many messages ask nothing answerable.
HELP_EVERY_S = 300.0
# The pointer to the private ways, per person and channel, at most this often.
POINTER_EVERY_S = 60.0
# A reply's chart is drawn before it is sent; one that takes longer goes without.
CHART_WAIT_S = 2.0
# Messages a person writes, not system messages (joins, pins, calls).
PERSON_MESSAGES = (discord.MessageType.default, discord.MessageType.reply)


@dataclass
class AskState:
    """What one process remembers between messages."""

    notices: Notices = field(default_factory=Notices)
    memory: AnswerMemory = field(default_factory=AnswerMemory)


def addressed_to_bot(bot_user: discord.ClientUser | None, message: discord.Message) -> bool:
    """Only a DM to the bot or a message that mentions it is read; never a bot's message."""
    if bot_user is None or message.author.bot or message.author.id == bot_user.id:
        return False
    if message.type not in PERSON_MESSAGES:
        return False
    if message.guild is None:
        return True
    return any(user.id == bot_user.id for user in message.mentions)


async def answer_message(client: SalaryBot, message: discord.Message, state: AskState) -> None:
    # A message carries no locale: the person's from their last interaction, else the server's.
    ANSWER_LOCALE.set(client.reader_locales.for_message(message))
    user_id = message.author.id
    guild_id = message.guild.id if message.guild is not None else None
    profile, last, settings = await read_person(client.store, user_id, guild_id)
    in_public = guild_id is not None
    if in_public and not open_to_mentions(settings, message.channel.id):
        if state.notices.first(("private", user_id, message.channel.id), POINTER_EVERY_S):
            await _reply(message, _(ASK_PRIVATELY))
        return
    question = read_question(message.content)
    earlier = await earlier_answer(client.store, state.memory, message)
    if earlier is None and question.asked is Asked.CHANGE and not in_public:
        # In a DM, "and in Munich?" follows the last answer, as /whatif does.
        earlier = answered_of(last) if last is not None else None
    if not question.answerable or (question.asked is Asked.CHANGE and earlier is None):
        # Naming what could not be read is an answer of sorts; the bare help line is free.
        if (question.unread or question.asked is Asked.CHANGE) and not await _spend(
            client, message, state
        ):
            return
        await _help(message, state, question)
        return
    if not await _spend(client, message, state):
        return
    try:
        await _answer(client, message, state, question, earlier, profile, in_public)
    except (QueryError, UserError) as error:
        await client.budget.refund(user_id)  # bad input is not an answer
        await _reply(message, friendly_message(error))
    except Exception:
        error_id = secrets.token_hex(4)
        log.exception("error %s answering a message of user %s", error_id, user_id)
        await _reply(message, went_wrong(error_id))


async def _spend(client: SalaryBot, message: discord.Message, state: AskState) -> bool:
    """One answer from the person's budget; over it, a polite refusal once, then silence."""
    wait = await client.budget.take(message.author.id)
    if wait is None:
        return True
    if state.notices.first(("flood", message.author.id), wait):
        await _reply(message, wait_message(wait))
    return False


async def _help(message: discord.Message, state: AskState, question: Question) -> None:
    """What could not be read, else the help line (once in HELP_EVERY_S per person)."""
    lines = unread_lines(question.unread)
    if question.asked is Asked.CHANGE:
        lines.append(_(NOTHING_TO_CHANGE))
    if not lines and state.notices.first(("help", message.author.id), HELP_EVERY_S):
        lines.append(_(HELP_LINE))
    if lines:
        await _reply(message, "\n".join(lines))


# A reply that asks one of these asks anew; any other changes the answer it replies to.
ASKED_ANEW = (Asked.OFFER, Asked.RANGE, Asked.ROLES, Asked.PLACES)


def _request(question: Question, earlier: Answered | None, user_id: int) -> Answered | None:
    """The earlier answer with the changes the reply names, or None for a question anew."""
    if earlier is None or question.asked in ASKED_ANEW:
        return None
    return Answered(
        asked=earlier.asked,
        user_id=user_id,
        query=fields.merge(earlier.query, question.fields),
        offer=earlier.offer,
        pay_range=earlier.pay_range,
        roles=earlier.roles,
        places=earlier.places,
    )


def _filled(
    request: Answered, question: Question, changing: bool, profile: Profile | None
) -> Filled:
    if changing:
        # A follow-up builds on the answer it replies to, which was filled already.
        return Filled(parse_query(**request.query), {}, list(question.notes))
    given = dict(request.query)
    if request.pay_range is not None and request.pay_range.currency:
        given.setdefault("currency", request.pay_range.currency)
    filled = fill_query(given, profile)
    filled.notes[:0] = list(question.notes)
    return filled


async def _answer(
    client: SalaryBot,
    message: discord.Message,
    state: AskState,
    question: Question,
    earlier: Answered | None,
    profile: Profile | None,
    in_public: bool,
) -> None:
    changed = _request(question, earlier, message.author.id)
    changing = changed is not None
    request = changed or Answered(
        asked=question.asked,
        user_id=message.author.id,
        query=dict(question.fields),
        offer=question.offer,
        pay_range=question.pay_range,
        roles=question.roles,
        places=question.places,
    )
    # Out loud, the profile fills in only when the person asked about themselves.
    own_profile = profile if (not in_public or question.about_self) else None
    filled = _filled(request, question, changing, own_profile)
    answer = build_answer(client.model, request, filled)
    lines = unread_lines(question.unread)
    if changing and earlier is not None:
        lines.insert(0, changed_line(earlier.asked, earlier.query, answer.answered.query))
        if earlier.asked is Asked.BAND:
            add_change(client.model, answer, earlier.query)
    if lines:
        answer.card.lead("\n".join(lines))
    data = await _chart(client, answer)
    layout = CardLayout().show(answer.card, CHART_URL if data is not None else None)
    with client.store.pending.writing(message.author.id):
        sent = await _reply(message, None, layout, chart_file(data) if data is not None else None)
        if sent is None:
            return
        state.memory.keep(sent.id, answer.answered)
        if answer.summary is not None:
            # Named by the reply's id: a reply to it finds this entry, after a restart too.
            query = parse_query(**answer.answered.query)
            await remember_as(client.store, message.author.id, sent.id, query, answer.summary)


async def _chart(client: SalaryBot, answer: Answer) -> bytes | None:
    chart = answer.chart
    if chart is None:
        return None
    try:
        if isinstance(chart, ChartSpec):
            data = await asyncio.wait_for(client.charts.render(chart), CHART_WAIT_S)
        else:
            data = await asyncio.wait_for(asyncio.to_thread(chart), CHART_WAIT_S)
    except Exception:
        # Busy, late or failed: the answer goes without its picture.
        log.info("a message's answer went without its chart", exc_info=True)
        return None
    return data


async def _reply(
    message: discord.Message,
    content: str | None,
    layout: CardLayout | None = None,
    file: discord.File | None = None,
) -> discord.Message | None:
    """Answer as a reply to the message, pinging nobody; a refusal by Discord is logged.

    An answer is a card (`layout`) with no content beside it; help and errors are plain text.
    """
    kwargs: dict[str, Any] = {"mention_author": False}
    if layout is not None:
        kwargs["view"] = layout
    if file is not None:
        kwargs["file"] = file
    try:
        return await message.reply(content, **kwargs)
    except discord.HTTPException as error:
        log.warning("could not reply to a message in channel %s: %s", message.channel.id, error)
        return None
