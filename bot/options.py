"""Slash-command options shared by the salary commands: choices, autocomplete, descriptions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot.salary import taxonomy
from bot.salary.currency import CURRENCIES

MAX_CHOICES = 25
# Autocomplete typing can be anything; looking past this length finds nothing useful.
MAX_TYPED = 100


def _choices(kind: str) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=taxonomy.label(kind, key)[:100], value=key)
        for key in taxonomy.keys(kind)
    ]


LEVEL_CHOICES = _choices("level")
INDUSTRY_CHOICES = _choices("industry")
EDUCATION_CHOICES = _choices("education")
COMPANY_CHOICES = _choices("company")
CURRENCY_CHOICES = [app_commands.Choice(name=code, value=code) for code in CURRENCIES]

DESCRIPTIONS = {
    "role": "Job role or title, e.g. ML engineer, data scientist, MLE, applied scientist",
    "years": "Years of professional experience (0-50)",
    "level": "Career level, if you prefer it to years",
    "location": "Country, US metro or Canadian region, or remote",
    "industry": "Industry you work in",
    "education": "Highest degree",
    "skills": "Comma-separated, e.g. python, pytorch, llm",
    "certifications": "Comma-separated, e.g. AWS ML Specialty",
    "company": "Kind of company",
    "remote": "Fully remote job?",
    "currency": "Currency of the answer",
    "public": "Show the answer to the channel (where the server allows it)",
}


def describe(*names: str) -> Any:
    """`@describe("role", "years")`: the shared wording for those options."""
    return app_commands.describe(**{name: DESCRIPTIONS[name] for name in names})


def _as_choices(pairs: list[tuple[str, str]], prefix: str = "") -> list[app_commands.Choice[str]]:
    out = []
    for label, key in pairs[:MAX_CHOICES]:
        value = f"{prefix}{key}"
        if len(value) > 100:
            continue
        out.append(app_commands.Choice(name=f"{prefix}{label}"[:100], value=value))
    return out


async def role_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return _as_choices(taxonomy.suggest("role", current[:MAX_TYPED]))


async def location_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return _as_choices(taxonomy.suggest("location", current[:MAX_TYPED]))


def _list_completer(kind: str) -> Any:
    """Completes the last item of a comma-separated list, keeping the items before it."""

    async def complete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        head, _, last = current[: MAX_TYPED * 3].rpartition(",")
        chosen = [part.strip() for part in head.split(",") if part.strip()]
        prefix = ", ".join(chosen) + ", " if chosen else ""
        known = {taxonomy.lookup(kind, part) for part in chosen}
        pairs = [
            (label, key) for label, key in taxonomy.suggest(kind, last.strip()) if key not in known
        ]
        return _as_choices(pairs, prefix)

    return complete


skills_autocomplete = _list_completer("skill")
certifications_autocomplete = _list_completer("certification")

AUTOCOMPLETE = {
    "role": role_autocomplete,
    "location": location_autocomplete,
    "skills": skills_autocomplete,
    "certifications": certifications_autocomplete,
}


def autocomplete(*names: str) -> Any:
    return app_commands.autocomplete(**{name: AUTOCOMPLETE[name] for name in names})


# ----------------------------------------------------------------- the salary options, once

SALARY_OPTIONS = (
    "role",
    "years",
    "level",
    "location",
    "industry",
    "education",
    "skills",
    "certifications",
    "company",
    "remote",
    "currency",
    "public",
)
# A user may ask five heavy questions in 30 s; more waits, so one person cannot crowd others out.
heavy_cooldown = app_commands.checks.cooldown(5, 30.0, key=lambda interaction: interaction.user.id)

Handler = Callable[[Any, discord.Interaction, dict[str, Any], bool | None], Awaitable[None]]


def given_options(**options: Any) -> dict[str, Any]:
    """The options the user actually typed, under the query's field names."""
    if "company" in options:
        options["company_type"] = options.pop("company")
    return {name: value for name, value in options.items() if value is not None}


def salary_command(
    name: str,
    description: str,
    group: app_commands.Group | None = None,
    *,
    public_means: str = DESCRIPTIONS["public"],
    heavy: bool = True,
) -> Callable[[Handler], Any]:
    """A slash command taking every salary option; the handler gets what was typed.

    /estimate, /whatif, /tips, /compare roles and /profile set share one option list,
    declared here once. `public_means` words the last option for the command at hand.
    """

    def wrap(handler: Handler) -> Any:
        async def command(
            self: Any,
            interaction: discord.Interaction,
            role: app_commands.Range[str, 1, 100] | None = None,
            years: app_commands.Range[int, 0, 50] | None = None,
            level: str | None = None,
            location: app_commands.Range[str, 1, 100] | None = None,
            industry: str | None = None,
            education: str | None = None,
            skills: app_commands.Range[str, 1, 300] | None = None,
            certifications: app_commands.Range[str, 1, 300] | None = None,
            company: str | None = None,
            remote: bool | None = None,
            currency: str | None = None,
            public: bool | None = None,
        ) -> None:
            given = given_options(
                role=role,
                years=years,
                level=level,
                location=location,
                industry=industry,
                education=education,
                skills=skills,
                certifications=certifications,
                company=company,
                remote=remote,
                currency=currency,
            )
            await handler(self, interaction, given, public)

        # discord.py skips `self` only for functions whose qualified name says they sit in a class.
        command.__name__, command.__qualname__ = handler.__name__, handler.__qualname__
        described = app_commands.describe(
            **{name: DESCRIPTIONS[name] for name in SALARY_OPTIONS[:-1]}, public=public_means
        )(command)
        decorated = app_commands.choices(
            level=LEVEL_CHOICES,
            industry=INDUSTRY_CHOICES,
            education=EDUCATION_CHOICES,
            company=COMPANY_CHOICES,
            currency=CURRENCY_CHOICES,
        )(autocomplete("role", "location", "skills", "certifications")(described))
        if heavy:
            decorated = heavy_cooldown(decorated)
        register = group.command if group is not None else app_commands.command
        return register(name=name, description=description)(decorated)

    return wrap
