"""/about: what the bot does, where its numbers come from, and what it keeps about you."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.interaction import Interaction
from bot.render.words import N_, _
from cogs._base import BotCog

if TYPE_CHECKING:
    from bot.app.client import SalaryBot

SOURCES = (
    N_(
        "**aijobs.net salary index**, 2020-2025 postings (CC0 1.0): base-salary bands by role, "
        "level, country and year."
    ),
    N_(
        "**Stack Overflow Developer Survey 2023**, US respondents (ODbL 1.0): education, "
        "industry and skill effects. Derived tables are shared under ODbL."
    ),
    N_(
        "**Stack Overflow Developer Survey 2025**, respondents in 156 countries (ODbL 1.0): each "
        "country's pay level relative to the US, pooled toward its region where few answered."
    ),
    N_(
        "**HM Revenue & Customs yearly average exchange rates, 2025** (Open Government Licence "
        "v3.0): local currencies."
    ),
    N_(
        "**US BLS OEWS, May 2024** and **BEA Regional Price Parities, 2023**; **Canada Job Bank** "
        "wages: metro and region factors, purchasing power. **US DOL H-1B (LCA) filings** (public "
        "domain): the premium ranges metro factors are checked against."
    ),
    N_(
        "**Machine Learning Salary: Engineer Earnings (article, 2023)**: experience tiers, bonus "
        "share and growth figures, shown beside the data as a cited source."
    ),
)

METHOD = N_(
    "Bands are quantiles of log pay for your role, level, country and year, with thin groups "
    "pulled toward broader ones and levels kept in order; outside the US a country's band "
    "is set by its survey pay level, moved toward its own postings. Metro factors are relative to the "
    "posting sample's own US mix (calibrated to DOL H-1B filings), not the national median. "
    "Education, industry and skill factors overlap, so the largest counts in full and the "
    "others at half, capped at the highest P90 in the data; factors without open data, and "
    "equity, are labelled assumptions."
)

PRIVACY = N_(
    "I keep your profile (the options you save), your last 50 queries and the offers you "
    "chose to save, for follow-ups. Pay you share with `/share` is stored without your "
    "Discord id (only a keyed hash of it) and shown only pooled, from five people up. "
    "Answers are private in servers unless you or the server choose otherwise. "
    "`/profile export` sends you everything I hold; `/profile delete` erases it all."
)


def about_embed() -> discord.Embed:
    embed = discord.Embed(
        title="ML Salary Bot",
        description=_(
            "Salary bands (P10 to P90) for machine learning careers: `/estimate` for your band, "
            "`/compare` across roles or places, `/tips` for what would raise your pay most, "
            "`/offer` to check an offer and what to counter with."
        ),
        colour=discord.Colour.blurple(),
    )
    embed.add_field(
        name=_("Data sources"),
        value="\n".join(f"• {_(line)}" for line in SOURCES),
        inline=False,
    )
    embed.add_field(name=_("Method"), value=_(METHOD), inline=False)
    embed.add_field(name=_("Privacy"), value=_(PRIVACY), inline=False)
    embed.set_footer(
        text=_("Estimates, not offers: every figure names its source or says it is an assumption.")
    )
    return embed


class About(BotCog):
    @app_commands.command(
        name="about", description=N_("What this bot does, its data sources and your privacy")
    )
    async def about(self, interaction: Interaction) -> None:
        await interaction.response.send_message(embed=about_embed(), ephemeral=True)


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(About(bot))
