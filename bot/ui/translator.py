"""Slash commands in the member's Discord language, from the same catalogs as the answers.

Translated: command, group and option descriptions, choice names (also those autocomplete
offers), and the message menu's name, which people read in a menu and never type.
Kept English: command, group and option names. People type them and quote them to each
other (`/estimate role:...`), and the bot's own messages name them; one spelling keeps a
server whose members read different languages speaking of the same commands.
"""

from __future__ import annotations

from typing import Any

from discord import Locale, app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.render.words import has_catalog, words_for

KEPT_ENGLISH = (Where.command_name, Where.group_name, Where.parameter_name)


def composed(template: str, **parts: Any) -> app_commands.locale_str:
    """Text made of a marked template and parts, translated part by part.

    The English reads `template.format(**parts)`; text parts are looked up in the catalogs
    on their own (marked where they are declared), numbers are kept as they are.
    """
    return app_commands.locale_str(template.format(**parts), template=template, parts=parts)


def translated(string: app_commands.locale_str, locale: str) -> str:
    """The text of `string` in a locale's language (English where it has no catalog)."""
    words = words_for(locale)
    template = string.extras.get("template")
    if template is None:
        return words.gettext(string.message)
    parts = string.extras["parts"]
    return words.gettext(template).format(
        **{name: words.gettext(v) if isinstance(v, str) else v for name, v in parts.items()}
    )


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if not has_catalog(locale.value):
            return None
        if context.location in KEPT_ENGLISH and not isinstance(
            context.data, app_commands.ContextMenu
        ):
            return None
        text = translated(string, locale.value)
        # None leaves the English in place: Discord then shows the default.
        return text if text != string.message else None
