"""Who sees an answer: private by default in servers, unless the user or the server chose public."""

from __future__ import annotations

from dataclasses import dataclass

from bot.render.words import _
from db.models import GuildSettings, Profile


@dataclass(frozen=True)
class Visibility:
    ephemeral: bool
    note: str | None = None  # said to the user when their wish could not be followed


def decide_visibility(
    *,
    in_guild: bool,
    in_group_dm: bool = False,
    channel_id: int | None,
    requested_public: bool | None,
    profile: Profile | None,
    settings: GuildSettings | None,
) -> Visibility:
    """Decide whether an answer is ephemeral.

    Order: the command's `public` option, then the user's saved preference, then the server's
    default. A server with a career channel allows public answers only there. A DM with the bot
    is private by nature, so answers there are ordinary messages.
    """
    if not in_guild and not in_group_dm:
        return Visibility(ephemeral=False)
    wish = requested_public
    if wish is None and profile is not None and profile.private is not None:
        wish = not profile.private
    if wish is None:
        wish = bool(settings and settings.public_answers) if in_guild else False
    if not wish:
        return Visibility(ephemeral=True)
    if in_guild and settings is not None and not settings.community_features:
        return Visibility(ephemeral=True, note=_("This server keeps salary answers private."))
    career = settings.career_channel_id if settings else None
    if in_guild and career is not None and channel_id != career:
        mention = f"<#{career}>"
        note = _(
            "Public answers go in {channel} on this server; this one is private.", channel=mention
        )
        return Visibility(ephemeral=True, note=note)
    return Visibility(ephemeral=False)


def open_to_mentions(settings: GuildSettings | None, channel_id: int) -> bool:
    """Whether a question asked out loud (a message mentioning the bot) is answered out loud here.

    Only where the server opened public answers: its career channel if it named one, else
    anywhere once public answers are on. A server that chose nothing keeps answers private,
    so a mention there is pointed to the private ways instead.
    """
    if settings is None or not settings.community_features:
        return False
    if settings.career_channel_id is not None:
        return channel_id == settings.career_channel_id
    return settings.public_answers
