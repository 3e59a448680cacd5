"""/compare and /tips end to end: in a server and in a DM, through the emulator."""

from __future__ import annotations

import re

from tests.e2e.support import (
    PNG,
    Asker,
    amounts,
    expects_private_in_guild,
    with_chart,
)

# ----------------------------------------------------------------- /compare


async def test_compare_roles_ranks_roles_and_marks_the_users(asker: Asker) -> None:
    record = await asker.run("compare roles", {"role": "data scientist", "location": "US"})
    message = record.message
    expects_private_in_guild(asker.where, message)
    assert message.title == "Roles compared · United States"
    lines = [line for line in message.section("Roles compared").splitlines() if line[0] == "`"]
    assert len(lines) >= 5
    ranks = [int(re.match(r"` *(\d+)`", line).group(1)) for line in lines]  # type: ignore[union-attr]
    assert ranks == list(range(1, len(lines) + 1))
    medians = [amounts(line)[0] for line in lines]
    assert medians == sorted(medians, reverse=True), "ranked by median base"
    marked = [line for line in lines if line.endswith("◀ you")]
    assert len(marked) == 1 and "**Data Scientist**" in marked[0]
    assert "aijobs.net" in message.card_lines()[-1]
    charted = await with_chart(record)
    assert charted.files[0].data.startswith(PNG)


async def test_compare_locations_shows_purchasing_power_where_an_index_exists(asker: Asker) -> None:
    record = await asker.run(
        "compare locations",
        {"places": "seattle, austin, germany", "role": "mle", "years": 5},
    )
    message = record.message
    expects_private_in_guild(asker.where, message)
    assert message.title == "Places compared · Machine Learning Engineer"
    rows = {
        re.match(r"\*\*(.+?)\*\*", line).group(1): line  # type: ignore[union-attr]
        for line in message.section("Places compared").splitlines()
    }
    assert list(rows) == ["Seattle, WA", "Austin, TX", "Germany"]
    assert "in purchasing power" in rows["Seattle, WA"]
    assert "in purchasing power" in rows["Austin, TX"]
    assert "purchasing power" not in rows["Germany"], "no comparable index outside the US"
    assert "BEA" in message.section("Notes")
    await with_chart(record)


async def test_compare_locations_refuses_too_many_or_unknown_places(asker: Asker) -> None:
    many = ", ".join(["seattle", "austin", "boston", "denver", "london", "berlin", "paris"] * 2)
    record = await asker.run("compare locations", {"places": many})
    assert record.message.ephemeral and "Compare at most" in record.message.content
    unknown = await asker.run("compare locations", {"places": "seatle, austin"})
    assert unknown.message.ephemeral
    assert "did you mean Seattle, WA" in unknown.message.content
    commas = await asker.run("compare locations", {"places": " , ,"})
    assert commas.message.ephemeral and "at least one place" in commas.message.content


# ----------------------------------------------------------------- /tips


async def test_tips_rank_deltas_advise_and_skip_what_the_profile_has(asker: Asker) -> None:
    await asker.run(
        "profile set",
        {"role": "mle", "years": 4, "location": "US", "education": "phd", "skills": "go, python"},
    )
    record = await asker.run("tips")
    message = record.message
    expects_private_in_guild(asker.where, message)
    moves = message.section("Moves you can make").splitlines()
    linked = message.section("Linked to higher pay").splitlines()
    # Each group is ranked by money; the survey group ends with its caveat in small print.
    for group in (moves, [line for line in linked if line.startswith("`")]):
        assert group
        deltas = [amounts(line.split("**:", 1)[1])[0] for line in group]
        signs = [line.split("**: ", 1)[1][0] for line in group]
        assert all(sign == "+" for sign in signs)
        assert deltas == sorted(deltas, reverse=True), "ranked by money"
    assert len(moves) + len(linked) >= 3
    assert any("association" in line for line in linked)
    text = "\n".join([*moves, *linked])
    assert "PhD" not in text and "Knowing Go" not in text and "Knowing Python" not in text
    advice = message.section("Negotiating")
    for topic in ("bonus", "equity", "Competing offers", "Time it", "remote"):
        assert topic.lower() in advice.lower(), topic
    assert "From your profile" in message.section("Notes")
