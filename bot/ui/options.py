"""Slash-command options shared by the salary commands: choices, autocomplete, descriptions."""

from __future__ import annotations

import copy
import inspect
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any

from babel.numbers import get_currency_name
from discord import app_commands

from bot.flows.budget import spends_budget
from bot.flows.reply import admitted
from bot.interaction import Interaction
from bot.render.locale import ANSWER_LOCALE
from bot.render.names import name_of
from bot.render.words import N_, has_catalog
from bot.salary import fields, taxonomy
from bot.salary.currency import suggest_currencies
from bot.ui.translator import composed

MAX_CHOICES = 25
# Autocomplete typing can be anything; looking past this length finds nothing useful.
MAX_TYPED = 100


@lru_cache(maxsize=1024)
def currency_name(code: str, locale: str | None) -> str:
    """A currency's name in the reader's language (Babel's CLDR data), English elsewhere."""
    where = str(locale).replace("-", "_") if has_catalog(locale) else "en"
    return str(get_currency_name(code, locale=where))


# Last in every choice list: a saved value can always be set aside (or, in /profile set, cleared).
ANY_CHOICE = app_commands.Choice(name=N_("Any (set aside what is saved)"), value=fields.ANY)


def _choices(kind: str) -> list[app_commands.Choice[str]]:
    named = [
        app_commands.Choice(name=taxonomy.label(kind, key)[:100], value=key)
        for key in taxonomy.keys(kind)
    ]
    return [*named, ANY_CHOICE]


LEVEL_CHOICES = _choices("level")
INDUSTRY_CHOICES = _choices("industry")
EDUCATION_CHOICES = _choices("education")
COMPANY_CHOICES = _choices("company")
# A locale_str: discord.py translates only those among the choices autocomplete returns.
PLACES_OWN = app_commands.Choice(
    name=app_commands.locale_str(N_("The place's own")), value=fields.ANY
)

PUBLIC_MEANS = N_("Show the answer to the channel (where the server allows it)")
# Option help text, by option name, from the field declaration (translated when synced).
DESCRIPTIONS = {
    fields.option_name(name): fields.description(name) for name in fields.FIELD_NAMES
} | {"public": PUBLIC_MEANS}
# The same help for commands that fall back on the saved profile for what is left out.
OR_PROFILE = {
    option: composed(N_("{description} (else your profile's)"), description=text)
    for option, text in DESCRIPTIONS.items()
}


def _as_choices(
    pairs: list[tuple[str, str]], prefix: str = "", kind: str | None = None
) -> list[app_commands.Choice[str]]:
    """Suggestions as choices, named in the reader's words where `kind` names them."""
    out = []
    for label, key in pairs[:MAX_CHOICES]:
        value = f"{prefix}{key}"
        if len(value) > 100:
            continue
        name = name_of(kind, key) if kind is not None else label
        out.append(app_commands.Choice(name=f"{prefix}{name}"[:100], value=value))
    return out


async def role_autocomplete(
    interaction: Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return _as_choices(taxonomy.suggest("role", current[:MAX_TYPED]), kind="role")


async def location_autocomplete(
    interaction: Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return _as_choices(taxonomy.suggest("location", current[:MAX_TYPED]), kind="location")


def _list_completer(kind: str) -> Any:
    """Completes the last item of a comma-separated list, keeping the items before it."""

    async def complete(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        head, _, last = current[: MAX_TYPED * 3].rpartition(",")
        chosen = [part.strip() for part in head.split(",") if part.strip()]
        prefix = ", ".join(chosen) + ", " if chosen else ""
        known = {taxonomy.lookup(kind, part) for part in chosen}
        pairs = [
            (label, key) for label, key in taxonomy.suggest(kind, last.strip()) if key not in known
        ]
        return _as_choices(pairs, prefix, kind)

    return complete


async def currency_autocomplete(
    interaction: Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Every currency with a rate, matching codes first; "the place's own" always offered."""
    pairs = [
        (f"{code} · {currency_name(code, ANSWER_LOCALE.get())}", code)
        for _, code in suggest_currencies(current[:MAX_TYPED])
    ]
    found = _as_choices(pairs)[: MAX_CHOICES - 1]
    return [*found, PLACES_OWN]


skills_autocomplete = _list_completer("skill")
certifications_autocomplete = _list_completer("certification")
places_autocomplete = _list_completer("location")

AUTOCOMPLETE = {
    "role": role_autocomplete,
    "location": location_autocomplete,
    "skills": skills_autocomplete,
    "certifications": certifications_autocomplete,
    "currency": currency_autocomplete,
}


def autocomplete(*names: str) -> Any:
    return app_commands.autocomplete(**{name: AUTOCOMPLETE[name] for name in names})


# ----------------------------------------------------------------- the salary options, once

# How each field is typed on Discord: free text is bounded as the query bounds it, small fixed
# sets are choices, and the rest autocompletes (role and place names have many aliases).
CHOICES: dict[str, list[app_commands.Choice[str]]] = {
    "level": LEVEL_CHOICES,
    "industry": INDUSTRY_CHOICES,
    "education": EDUCATION_CHOICES,
    "company": COMPANY_CHOICES,
}


def _option_type(name: str) -> Any:
    option = fields.option_name(name)
    if name in fields.LIST_FIELDS:
        return app_commands.Range[str, 1, 300]
    if name == "years":
        return app_commands.Range[int, 0, fields.MAX_YEARS]
    if name == "remote":
        return bool
    if option in CHOICES:
        return str
    return app_commands.Range[str, 1, 100]


def _parameters(names: tuple[str, ...]) -> list[inspect.Parameter]:
    keyword = inspect.Parameter.KEYWORD_ONLY
    return [
        inspect.Parameter(
            fields.option_name(name), keyword, default=None, annotation=_option_type(name) | None
        )
        for name in names
    ]


Handler = Callable[..., Awaitable[None]]


def given_options(**options: Any) -> dict[str, Any]:
    """The options the user actually typed, under the query's field names."""
    return {
        fields.FIELD_OF_OPTION.get(name, name): value
        for name, value in options.items()
        if value is not None
    }


def person_options(
    *names: str,
    public_means: str | app_commands.locale_str | None = PUBLIC_MEANS,
    **described: str | app_commands.locale_str,
) -> Callable[[Handler], Any]:
    """Adds the named salary fields (and `public`, unless `public_means` is None) as options.

    The callback keeps its own parameters and gets the person's as `person` (what was typed,
    under the query's field names) and, where asked, `public`. Types, descriptions, choices and completers
    all come from the field declaration; `described` rewords an option for one command.
    """
    options = tuple(fields.option_name(name) for name in names)

    def wrap(handler: Handler) -> Any:
        own = [
            parameter
            for parameter in inspect.signature(handler, eval_str=True).parameters.values()
            if parameter.name not in ("person", "public")
        ]

        async def command(self: Any, interaction: Interaction, **given: Any) -> None:
            public = given.pop("public", None)
            person = given_options(**{name: given.pop(name, None) for name in options})
            said = {"public": public} if public_means is not None else {}
            await handler(self, interaction, **given, person=person, **said)

        extra = _parameters(names)
        if public_means is not None:
            keyword = inspect.Parameter.KEYWORD_ONLY
            extra.append(inspect.Parameter("public", keyword, default=None, annotation=bool | None))
        # discord.py reads the options from the signature, and skips `self` only for functions
        # whose qualified name says they sit in a class.
        command.__signature__ = inspect.Signature([*own, *extra])  # type: ignore[attr-defined]
        command.__name__, command.__qualname__ = handler.__name__, handler.__qualname__
        # What decorators below this one declared (descriptions, completers) stays declared.
        for attribute, value in vars(handler).items():
            if attribute.startswith("__discord_app_commands_"):
                setattr(command, attribute, copy.copy(value))
        words: dict[str, str | app_commands.locale_str] = {
            option: DESCRIPTIONS[option] for option in options
        }
        if public_means is not None:
            words["public"] = public_means
        described_command = app_commands.describe(**(words | described))(command)
        choices = {option: CHOICES[option] for option in options if option in CHOICES}
        completed = [option for option in options if option in AUTOCOMPLETE]
        return app_commands.choices(**choices)(autocomplete(*completed)(described_command))

    return wrap


def salary_command(
    name: str,
    description: str,
    group: app_commands.Group | None = None,
    *,
    public_means: str = PUBLIC_MEANS,
    heavy: bool = True,
) -> Callable[[Handler], Any]:
    """A slash command taking every salary option; the handler gets what was typed.

    /estimate, /whatif, /tips, /compare roles and /profile set share one option list, made
    here from the field declaration. `public_means` words the last option for the command.
    """

    def wrap(handler: Handler) -> Any:
        async def admitted_handler(
            self: Any, interaction: Interaction, person: dict[str, Any], public: bool | None
        ) -> None:
            async with admitted(interaction):
                await handler(self, interaction, person, public)

        admitted_handler.__name__ = handler.__name__
        admitted_handler.__qualname__ = handler.__qualname__
        decorated: Any = person_options(*fields.FIELD_NAMES, public_means=public_means)(
            admitted_handler
        )
        if heavy:
            decorated = spends_budget(decorated)
        register = group.command if group is not None else app_commands.command
        return register(name=name, description=description)(decorated)

    return wrap
