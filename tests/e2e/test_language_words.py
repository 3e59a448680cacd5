"""Input errors and plain-word replies in the member's language; English stays as it was."""

from __future__ import annotations

import pytest

from bot.local.harness import Harness
from tests.e2e.support import place_for, run
from tests.e2e.test_ask import reply_to

UNKNOWN_ROLE = {
    "de": "Rolle „xx“ kenne ich nicht. Die 8 Rollen: ML Engineer, Data Scientist, ",
    "pt-BR": "Não reconheço 'xx' como cargo. Os 8 cargos: engenheiro de ML, cientista de dados, ",
    "en-US": "Unknown role 'xx'. The 8 roles: ML engineer, data scientist, ",
}
UNKNOWN_CURRENCY = {
    "de": "Die Währung „ZZZ“ kenne ich nicht: Dafür gibt es keinen Kurs.",
    "pt-BR": "Não reconheço a moeda 'ZZZ': não há cotação para ela.",
    "en-US": "Unsupported currency 'ZZZ': no rate for it.",
}


@pytest.mark.parametrize("locale", ["de", "pt-BR", "en-US"])
async def test_bad_options_are_refused_in_the_members_language(
    harness: Harness, locale: str
) -> None:
    member = harness.server.add_user(f"typo-{locale}", locale=locale)
    place = harness.server.dm(member)
    role = await run(harness, member, place, "estimate", {"role": "xx"})
    assert role.message.content.startswith(UNKNOWN_ROLE[locale]), role.message.content
    currency = await run(harness, member, place, "estimate", {"currency": "ZZZ"})
    assert currency.message.content.startswith(UNKNOWN_CURRENCY[locale])


async def test_a_dm_is_answered_in_the_language_of_the_last_command(harness: Harness) -> None:
    member = harness.server.add_user("greta", locale="de")
    unknown = await reply_to(await harness.driver.send_dm(member, "hello there"))
    # Discord sends no locale with a message: someone the bot has not seen reads English.
    assert unknown.content.startswith("Ask me about pay in plain words")
    await run(harness, member, harness.server.dm(member), "estimate", {"role": "mle"})
    narnia = await reply_to(await harness.driver.send_dm(member, "senior mle in narnia"))
    assert narnia.card_texts()[0].startswith("„narnia“ konnte ich nicht als Ort lesen")
    assert "Standard: Rolle" not in narnia.text(), "the role came from the words"
    follow = await reply_to(await harness.driver.send_dm(member, "and in munich?", reply_to=narnia))
    assert follow.card_texts()[0].startswith("Ausgehend von deiner Schätzung für ")


async def test_a_mention_reads_the_language_of_the_members_last_command(harness: Harness) -> None:
    member = harness.server.add_user("joao", locale="pt-BR")
    place = await place_for(harness, member, "guild", channels=("general", "other"))
    posted = await harness.driver.send_message(member, place, "hello", mention_bot=True)
    # The server keeps answers private: the pointer to the private ways, in English while
    # the member's language is unknown (the emulated server prefers en-US).
    pointer = await reply_to(posted)
    assert pointer.content.startswith("Pay answers are private in this channel")
    await run(harness, member, place, "estimate", {"role": "mle"})
    other = harness.server.in_guild(harness.server.guilds[place.guild_id or 0], 1)
    again = await harness.driver.send_message(member, other, "hello?", mention_bot=True)
    assert (await reply_to(again)).content.startswith("As respostas sobre salário são privadas")
