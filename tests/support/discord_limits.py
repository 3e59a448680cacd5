"""Limits Discord documents and enforces that its OpenAPI document leaves out.

Embed totals, the command name charset, modal size and the like: checked in Python after
the schema, per operation (see EXTRA_CHECKS).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from tests.support.discord_v2 import check_v2
from tests.support.schema_report import short, type_name

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_EMBED_FIELDS = 25
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER_TEXT = 2048
MAX_AUTHOR_NAME = 256
MAX_ACTION_ROWS = 5
MAX_BUTTONS_PER_ROW = 5
MAX_CUSTOM_ID = 100
MAX_BUTTON_LABEL = 80
MAX_SELECT_OPTIONS = 25
MAX_COMMAND_NAME = 32
MAX_COMMAND_DESCRIPTION = 100
MAX_COMMAND_OPTIONS = 25
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
MAX_MODAL_TITLE = 45
MAX_MODAL_COMPONENTS = 5

# Discord's type numbers, by what they type: commands and options, interaction callbacks,
# components; then the message flag of components V2.
_CHAT_INPUT = 1
_SUBCOMMAND_TYPES = frozenset({1, 2})
_CALLBACK_MESSAGE_TYPES = frozenset({4, 7})
_CALLBACK_AUTOCOMPLETE = 8
_CALLBACK_MODAL = 9
_COMPONENT_ACTION_ROW = 1
_COMPONENT_BUTTON = 2
_COMPONENT_STRING_SELECT = 3
_COMPONENT_RADIO_GROUP = 21
_COMPONENT_CHECKBOX_GROUP = 22
_FLAG_COMPONENTS_V2 = 1 << 15


def _is_name_char(ch: str) -> bool:
    # Python's re has no \p{...}; this mirrors [-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}].
    if ch in "-_'":
        return True
    if "\u0900" <= ch <= "\u097f" or "\u0e00" <= ch <= "\u0e7f":
        return True
    return unicodedata.category(ch)[0] in "LN"


def command_name_problem(name: str) -> str | None:
    """Why ``name`` is not a valid chat-input command/option name, or None."""
    if not 1 <= len(name) <= MAX_COMMAND_NAME:
        return f"length {len(name)} is outside 1-{MAX_COMMAND_NAME}"
    bad = [ch for ch in name if not _is_name_char(ch)]
    if bad:
        return f"{short(name)} has characters not allowed in names: {short(''.join(bad))}"
    if any(ch.lower() != ch for ch in name):
        return f"{short(name)} must be lower case"
    return None


_Problems = Iterator[tuple[tuple[Any, ...], str]]


def _too_long(value: Any, limit: int, at: tuple[Any, ...], what: str) -> _Problems:
    if isinstance(value, str) and len(value) > limit:
        yield at, f"{what} length {len(value)} exceeds {limit}"


def _too_many(items: Any, limit: int, at: tuple[Any, ...], what: str) -> _Problems:
    if isinstance(items, list) and len(items) > limit:
        yield at, f"{len(items)} {what} exceed {limit}"


def _check_embeds(embeds: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(embeds, list):
        return
    yield from _too_many(embeds, MAX_EMBEDS, at, "embeds")
    total = 0
    for i, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            continue
        here = (*at, i)
        for key, limit in (("title", MAX_EMBED_TITLE), ("description", MAX_EMBED_DESCRIPTION)):
            value = embed.get(key)
            yield from _too_long(value, limit, (*here, key), f"embed {key}")
            total += len(value) if isinstance(value, str) else 0
        for key, sub, limit in (
            ("footer", "text", MAX_FOOTER_TEXT),
            ("author", "name", MAX_AUTHOR_NAME),
        ):
            part = embed.get(key)
            if isinstance(part, dict):
                value = part.get(sub)
                yield from _too_long(value, limit, (*here, key, sub), f"embed {key} {sub}")
                total += len(value) if isinstance(value, str) else 0
        fields = embed.get("fields")
        if isinstance(fields, list):
            yield from _too_many(fields, MAX_EMBED_FIELDS, (*here, "fields"), "fields")
            for j, fld in enumerate(fields):
                if not isinstance(fld, dict):
                    continue
                for key, limit in (("name", MAX_FIELD_NAME), ("value", MAX_FIELD_VALUE)):
                    value = fld.get(key)
                    yield from _too_long(value, limit, (*here, "fields", j, key), f"field {key}")
                    total += len(value) if isinstance(value, str) else 0
    if total > MAX_EMBED_TOTAL:
        yield at, f"embeds total {total} characters, more than {MAX_EMBED_TOTAL}"


def _check_component(comp: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(comp, dict):
        return
    yield from _too_long(comp.get("custom_id"), MAX_CUSTOM_ID, (*at, "custom_id"), "custom_id")
    ctype = comp.get("type")
    if ctype == _COMPONENT_BUTTON:
        yield from _too_long(comp.get("label"), MAX_BUTTON_LABEL, (*at, "label"), "button label")
    elif ctype == _COMPONENT_STRING_SELECT:
        options = comp.get("options")
        yield from _too_many(options, MAX_SELECT_OPTIONS, (*at, "options"), "select options")
    if ctype in (_COMPONENT_STRING_SELECT, _COMPONENT_RADIO_GROUP, _COMPONENT_CHECKBOX_GROUP):
        yield from _check_option_list(comp, at)
    children = comp.get("components")
    if isinstance(children, list):
        if ctype == _COMPONENT_ACTION_ROW:
            buttons = sum(
                1 for c in children if isinstance(c, dict) and c.get("type") == _COMPONENT_BUTTON
            )
            if buttons > MAX_BUTTONS_PER_ROW:
                yield (
                    (*at, "components"),
                    f"{buttons} buttons in a row exceed {MAX_BUTTONS_PER_ROW}",
                )
        for i, child in enumerate(children):
            yield from _check_component(child, (*at, "components", i))
    # Layout components (section, label) nest a single child component.
    for key in ("accessory", "component"):
        if isinstance(comp.get(key), dict):
            yield from _check_component(comp[key], (*at, key))


def _check_option_list(comp: Mapping[str, Any], at: tuple[Any, ...]) -> _Problems:
    """Options Discord refuses: a value twice, more picked by default than may be picked,
    or fewer options than must be picked."""
    options = [o for o in comp.get("options") or [] if isinstance(o, dict)]
    values = [o.get("value") for o in options]
    twice = sorted({str(v) for v in values if values.count(v) > 1})
    if twice:
        yield (*at, "options"), f"option values must be unique: {', '.join(twice)}"
    single = comp.get("type") == _COMPONENT_RADIO_GROUP
    low = 1 if single else comp.get("min_values", 1)
    high = 1 if single else comp.get("max_values", 1 if comp.get("type") == 3 else len(options))
    if isinstance(low, int) and isinstance(high, int):
        if low > high:
            yield (*at, "min_values"), f"min_values {low} exceeds max_values {high}"
        if high > len(options) and not single:
            yield (*at, "max_values"), f"max_values {high} exceeds the {len(options)} options"
        defaults = sum(1 for o in options if o.get("default"))
        if defaults > high:
            yield (*at, "options"), f"{defaults} options picked by default, at most {high}"


def _check_components(components: Any, at: tuple[Any, ...], *, layout: bool) -> _Problems:
    if not isinstance(components, list):
        return
    rows = sum(
        1 for c in components if isinstance(c, dict) and c.get("type") == _COMPONENT_ACTION_ROW
    )
    # With the IS_COMPONENTS_V2 flag the cap is on total components (the spec's
    # maxItems 40), not on action rows.
    if rows > MAX_ACTION_ROWS and not layout:
        yield at, f"{rows} action rows exceed {MAX_ACTION_ROWS}"
    for i, comp in enumerate(components):
        yield from _check_component(comp, (*at, i))


def _check_message(body: Any, at: tuple[Any, ...] = ()) -> _Problems:
    if not isinstance(body, dict):
        return
    yield from _too_long(body.get("content"), MAX_CONTENT, (*at, "content"), "content")
    yield from _check_embeds(body.get("embeds"), (*at, "embeds"))
    flags = body.get("flags")
    layout = isinstance(flags, int) and bool(flags & _FLAG_COMPONENTS_V2)
    yield from _check_components(body.get("components"), (*at, "components"), layout=layout)
    yield from check_v2(body, at)


def _check_thread_create(body: Any) -> _Problems:
    # Forum/media channel posts carry the first message under "message".
    if isinstance(body, dict):
        yield from _check_message(body.get("message"), ("message",))


def _check_choices(choices: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(choices, list):
        return
    yield from _too_many(choices, MAX_CHOICES, at, "choices")
    for i, choice in enumerate(choices):
        if isinstance(choice, dict) and isinstance(choice.get("name"), str):
            name = choice["name"]
            if not 1 <= len(name) <= MAX_CHOICE_NAME:
                yield (
                    (*at, i, "name"),
                    f"choice name length {len(name)} is outside 1-{MAX_CHOICE_NAME}",
                )


def _check_description(value: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_COMMAND_DESCRIPTION:
        got = f"length {len(value)}" if isinstance(value, str) else type_name(value)
        yield at, f"description must be 1-{MAX_COMMAND_DESCRIPTION} characters, got {got}"


def _check_names(obj: Mapping[str, Any], at: tuple[Any, ...]) -> _Problems:
    name = obj.get("name")
    if isinstance(name, str):
        problem = command_name_problem(name)
        if problem:
            yield (*at, "name"), f"name {problem}"
    localized = obj.get("name_localizations")
    if isinstance(localized, dict):
        for locale, value in localized.items():
            if isinstance(value, str) and (problem := command_name_problem(value)):
                yield (*at, "name_localizations", locale), f"localized name {problem}"


def _check_options(options: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(options, list):
        return
    yield from _too_many(options, MAX_COMMAND_OPTIONS, at, "options")
    for i, opt in enumerate(options):
        if not isinstance(opt, dict):
            continue
        here = (*at, i)
        yield from _check_names(opt, here)
        yield from _check_description(opt.get("description"), (*here, "description"))
        yield from _check_choices(opt.get("choices"), (*here, "choices"))
        if opt.get("type") in _SUBCOMMAND_TYPES:
            yield from _check_options(opt.get("options"), (*here, "options"))


def _check_command(body: Any, at: tuple[Any, ...] = ()) -> _Problems:
    if not isinstance(body, dict):
        return
    # The charset/lower-case rule and the description apply to slash commands only;
    # user and message context-menu commands may use spaces and capitals.
    ctype = body.get("type")
    if ctype is None or ctype == _CHAT_INPUT:
        yield from _check_names(body, at)
        yield from _check_description(body.get("description"), (*at, "description"))
    yield from _check_options(body.get("options"), (*at, "options"))


def _check_command_patch(body: Any) -> _Problems:
    # PATCH may omit name/description; only check what is present.
    if not isinstance(body, dict):
        return
    ctype = body.get("type")
    if ctype is None or ctype == _CHAT_INPUT:
        yield from _check_names(body, ())
        if "description" in body:
            yield from _check_description(body["description"], ("description",))
    yield from _check_options(body.get("options"), ("options",))


def _check_command_list(body: Any) -> _Problems:
    if isinstance(body, list):
        for i, item in enumerate(body):
            yield from _check_command(item, (i,))


def _check_modal(data: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(data, dict):
        return
    yield from _too_long(data.get("title"), MAX_MODAL_TITLE, (*at, "title"), "modal title")
    yield from _too_long(
        data.get("custom_id"), MAX_CUSTOM_ID, (*at, "custom_id"), "modal custom_id"
    )
    components = data.get("components")
    if isinstance(components, list):
        yield from _too_many(
            components, MAX_MODAL_COMPONENTS, (*at, "components"), "modal components"
        )
        for i, comp in enumerate(components):
            yield from _check_component(comp, (*at, "components", i))


def _check_interaction_callback(body: Any) -> _Problems:
    if not isinstance(body, dict):
        return
    ctype, data = body.get("type"), body.get("data")
    if ctype in _CALLBACK_MESSAGE_TYPES:
        yield from _check_message(data, ("data",))
    elif ctype == _CALLBACK_MODAL:
        yield from _check_modal(data, ("data",))
    elif ctype == _CALLBACK_AUTOCOMPLETE and isinstance(data, dict):
        yield from _check_choices(data.get("choices"), ("data", "choices"))


_COMMANDS = "/applications/{application_id}/commands"
_GUILD_COMMANDS = "/applications/{application_id}/guilds/{guild_id}/commands"
_WEBHOOK = "/webhooks/{webhook_id}/{webhook_token}"

EXTRA_CHECKS: dict[tuple[str, str], Callable[[Any], _Problems]] = {
    ("/interactions/{interaction_id}/{interaction_token}/callback", "post"): (
        _check_interaction_callback
    ),
    (_WEBHOOK, "post"): _check_message,
    (f"{_WEBHOOK}/messages/@original", "patch"): _check_message,
    (f"{_WEBHOOK}/messages/{{message_id}}", "patch"): _check_message,
    ("/channels/{channel_id}/messages", "post"): _check_message,
    ("/channels/{channel_id}/messages/{message_id}", "patch"): _check_message,
    ("/channels/{channel_id}/threads", "post"): _check_thread_create,
    (_COMMANDS, "post"): _check_command,
    (_COMMANDS, "put"): _check_command_list,
    (f"{_COMMANDS}/{{command_id}}", "patch"): _check_command_patch,
    (_GUILD_COMMANDS, "post"): _check_command,
    (_GUILD_COMMANDS, "put"): _check_command_list,
    (f"{_GUILD_COMMANDS}/{{command_id}}", "patch"): _check_command_patch,
}
