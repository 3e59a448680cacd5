"""`Interaction`: a discord.py interaction whose client is known to be the SalaryBot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, cast

import discord

if TYPE_CHECKING:
    from bot.app.client import SalaryBot

    Interaction: TypeAlias = discord.Interaction[SalaryBot]
else:
    # At run time the alias is the plain class, so discord.py sees what it always sees.
    Interaction = discord.Interaction


def ours(interaction: discord.Interaction[Any]) -> Interaction:
    """The same interaction, typed: views and modals receive it untyped from discord.py.

    Only the SalaryBot registers them, so the client is always ours.
    """
    return cast("Interaction", interaction)
