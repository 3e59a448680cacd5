"""/share: members share their pay anonymously; the server's pool grows beside the open data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord import app_commands

from bot.flows.asker import load_asker
from bot.flows.errors import UserError
from bot.flows.share import job_of
from bot.interaction import Interaction
from bot.render.community import mine_embed, review_embed
from bot.render.words import N_, _, ngettext
from bot.ui.options import person_options
from bot.ui.share import ShareForm
from cogs._base import BotCog
from cogs.settings import in_a_server
from db.encoding import now

# Submission numbers are small row ids; Discord caps integer options at 2**53 - 1.
MAX_SUBMISSION_ID = 10**12

if TYPE_CHECKING:
    from bot.app.client import SalaryBot


class ShareCog(BotCog, name="Share"):
    share = app_commands.Group(
        name="share",
        description=N_("Share your pay anonymously with this server's members"),
        allowed_contexts=app_commands.AppCommandContext(guild=True),
    )

    @share.command(name="add", description=N_("Share your pay anonymously (opens a form)"))
    @app_commands.check(in_a_server)
    @person_options(
        "role",
        "years",
        "level",
        "location",
        "company_type",
        public_means=None,
        role=N_("Job role (default: your profile)"),
        years=N_("Years of experience (default: your profile)"),
        location=N_("Where you work (default: your profile)"),
    )
    async def add(
        self,
        interaction: Interaction,
        *,
        person: dict[str, Any],
    ) -> None:
        asker = await load_asker(interaction)
        if asker.settings is not None and not asker.settings.pay_sharing:
            raise UserError(_("This server has turned pay sharing off."))
        if not self.bot.store.community.pseudonyms.ready:
            raise UserError(_("Sharing pay is not available right now; try again later."))
        query = asker.fill(person, use_defaults=False).query
        job_of(query)  # says what is missing before the form opens
        await interaction.response.send_modal(ShareForm(query, now().year))

    @share.command(name="mine", description=N_("What you shared (only you see it)"))
    async def mine(self, interaction: Interaction) -> None:
        items = await self.bot.store.community.mine(interaction.user.id)
        await interaction.response.send_message(embed=mine_embed(items), ephemeral=True)

    @share.command(name="delete", description=N_("Remove pay you shared"))
    @app_commands.describe(
        submission=N_("The number /share mine shows"), everything=N_("Remove all you shared")
    )
    async def delete(
        self,
        interaction: Interaction,
        submission: app_commands.Range[int, 1, MAX_SUBMISSION_ID] | None = None,
        everything: bool = False,
    ) -> None:
        if submission is None and not everything:
            raise UserError(
                _(
                    "Say which: `/share delete submission:ID` (from `/share mine`) "
                    "or `/share delete everything:true`."
                )
            )
        removed = await self.bot.store.community.delete_mine(
            interaction.user.id, None if everything else submission
        )
        text = (
            ngettext("Removed {count} shared figure.", "Removed {count} shared figures.", removed)
            if removed
            else _("Nothing of yours had that number, so nothing was removed.")
        )
        await interaction.response.send_message(text, ephemeral=True)

    @share.command(name="review", description=N_("Counts and held-back submissions (admins)"))
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.check(in_a_server)
    async def review(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        store = self.bot.store.community
        counts = await store.counts(interaction.guild_id)
        held = await store.held(interaction.guild_id)
        embed = review_embed(counts, held, self.bot.config.pool_k)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @share.command(name="remove", description=N_("Remove a held-back submission (admins)"))
    @app_commands.describe(submission=N_("The number /share review shows"))
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.check(in_a_server)
    async def remove(
        self, interaction: Interaction, submission: app_commands.Range[int, 1, MAX_SUBMISSION_ID]
    ) -> None:
        assert interaction.guild_id is not None
        gone = await self.bot.store.community.remove_held(interaction.guild_id, submission)
        text = (
            _("Removed held-back submission #{number}.", number=submission)
            if gone
            else _(
                "No held-back submission #{number} in this server; nothing was removed.",
                number=submission,
            )
        )
        await interaction.response.send_message(text, ephemeral=True)


async def setup(bot: SalaryBot) -> None:
    await bot.add_cog(ShareCog(bot))
