"""Check request bodies the bot sends against Discord's OpenAPI description.

The emulator calls :meth:`PayloadValidator.validate` for every request it receives and
records the returned violations; a test that caused one fails. Two layers of checks:

* the request body schema of the matching operation in the vendored OpenAPI 3.1
  document (Draft 2020-12, ``$ref`` resolved through a ``referencing`` registry);
* limits Discord documents and enforces but the document does not encode (embed
  totals, command name charset, modal size, ...).

jsonschema is a development dependency only, so it is imported lazily: importing this
module must not require it.
"""

from __future__ import annotations

import contextlib
import copy
import json
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

__all__ = ["PayloadValidator", "default_spec_path"]

API_PREFIX = "/api/v10"
# referencing needs an absolute URI to anchor the document's "#/components/..." refs.
_DOC_URI = "urn:discord-api-spec:openapi.json"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})

# Limits from the Discord developer docs that openapi.json leaves out (or encodes only
# partly); checked in Python after the schema.
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

_CHAT_INPUT = 1
_SUBCOMMAND_TYPES = frozenset({1, 2})
_COMPONENT_ACTION_ROW = 1
_COMPONENT_BUTTON = 2
_COMPONENT_STRING_SELECT = 3
_CALLBACK_MESSAGE_TYPES = frozenset({4, 7})
_FLAG_COMPONENTS_V2 = 1 << 15
_CALLBACK_AUTOCOMPLETE = 8
_CALLBACK_MODAL = 9


def default_spec_path() -> Path:
    """The vendored openapi.json (tests/vendor/discord-api-spec/) under the repo root."""
    return (
        Path(__file__).resolve().parents[2]
        / "tests"
        / "vendor"
        / "discord-api-spec"
        / "openapi.json"
    )


# --------------------------------------------------------------------------- helpers


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _render_path(parts: Iterable[Any]) -> str:
    """``('data', 'embeds', 0, 'title')`` -> ``data.embeds[0].title``; root -> ``<body>``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "<body>"


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


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
        return f"{_short(name)} has characters not allowed in names: {_short(''.join(bad))}"
    if any(ch.lower() != ch for ch in name):
        return f"{_short(name)} must be lower case"
    return None


@dataclass(frozen=True, slots=True)
class _Route:
    template: str
    # None marks a {parameter} segment.
    segments: tuple[str | None, ...]
    param_names: tuple[str, ...]

    @property
    def priority(self) -> tuple[bool, ...]:
        # Literal segments beat parameters, leftmost first: "/users/@me" wins over
        # "/users/{user_id}" and ".../messages/@original" over ".../{message_id}".
        return tuple(seg is None for seg in self.segments)

    def match(self, parts: Sequence[str]) -> dict[str, str] | None:
        params: dict[str, str] = {}
        names = iter(self.param_names)
        for seg, part in zip(self.segments, parts, strict=True):
            if seg is None:
                if not part:
                    return None
                params[next(names)] = part
            elif seg != part:
                return None
        return params


@dataclass(slots=True)
class _Param:
    validator: Validator
    kind: str  # top-level JSON type of the parameter schema, used to coerce the string
    required: bool


@dataclass(slots=True)
class _Operation:
    route: _Route
    method: str
    label: str
    body: Validator | None
    body_required: bool
    path_params: dict[str, _Param] = field(default_factory=dict)
    query_params: dict[str, _Param] = field(default_factory=dict)
    extra: Callable[[Any], Iterator[tuple[tuple[Any, ...], str]]] | None = None


# ---------------------------------------------------------------- schema patches


def _patch_spec(doc: dict[str, Any]) -> None:
    """Narrow, documented departures from the published document.

    * SnowflakeType is a digit string in the spec, but Discord accepts JSON integers
      for snowflakes and discord.py 2.7.1 sends them: ``AllowedMentions.to_dict()``
      emits ``users``/``roles`` as ints and ``File.to_dict(index)`` emits the
      attachment ``id`` as an int. Accept non-negative integers there too.
    """
    schemas = doc["components"]["schemas"]
    snowflake = schemas["SnowflakeType"]
    schemas["SnowflakeType"] = {"anyOf": [snowflake, {"type": "integer", "minimum": 0}]}
    _consts_to_enum(doc)


_CONST_ONLY_KEYS = frozenset({"const", "title", "description"})


def _consts_to_enum(node: Any) -> None:
    """Rewrite ``oneOf: [{const: a, title: ..}, ...]`` enumerations as ``enum: [a, ...]``.

    Equivalent for distinct constants, and much cheaper: every component and callback
    ``type`` goes through such a list (MessageComponentTypes, InteractionCallbackTypes)
    and oneOf evaluates each branch with a fresh validator, which dominated the cost.
    """
    if isinstance(node, dict):
        branches = node.get("oneOf")
        if (
            isinstance(branches, list)
            and branches
            and all(
                isinstance(b, dict) and "const" in b and b.keys() <= _CONST_ONLY_KEYS
                for b in branches
            )
        ):
            values = [b["const"] for b in branches]
            if len({json.dumps(v, sort_keys=True) for v in values}) == len(values):
                del node["oneOf"]
                node["enum"] = values
        for value in node.values():
            _consts_to_enum(value)
    elif isinstance(node, list):
        for value in node:
            _consts_to_enum(value)


# ------------------------------------------------------------ schema error report


def _describe(error: ValidationError) -> str:
    v, inst, limit = error.validator, error.instance, error.validator_value
    if v in ("maxLength", "minLength") and isinstance(inst, str):
        word = "exceeds" if v == "maxLength" else "is below"
        return f"string length {len(inst)} {word} {v} {limit}"
    if v in ("maxItems", "minItems") and isinstance(inst, list):
        word = "exceeds" if v == "maxItems" else "is below"
        return f"{len(inst)} items {word} {v} {limit}"
    if v == "type":
        wanted = " or ".join([limit] if isinstance(limit, str) else limit)
        return f"expected {wanted}, got {_type_name(inst)} {_short(inst)}"
    if v == "enum":
        return f"{_short(inst)} is not one of {_short(limit, 120)}"
    if v == "const":
        return f"{_short(inst)} is not {_short(limit)}"
    if v in ("maximum", "minimum", "pattern", "uniqueItems"):
        return f"{_short(inst)} fails {v} {_short(limit)}"
    msg = error.message
    return msg if len(msg) <= 200 else msg[:197] + "..."


def _is_rejection(error: ValidationError) -> bool:
    """Does this error mean "wrong branch" rather than "right branch, bad content"?"""
    rel = error.relative_path
    if not rel:
        return error.validator in ("type", "const", "enum")
    return len(rel) == 1 and rel[0] == "type"


def _leaf_errors(error: ValidationError) -> list[tuple[deque[Any], str]]:
    """Flatten anyOf/oneOf failures to the errors of the branch the payload meant.

    Unions in the spec are discriminated by a ``type`` field (or by JSON type, e.g.
    ``null`` vs object), so branches failing there are discarded and the remaining
    branch with the fewest problems is reported. Without this, a long embed title in
    an interaction callback would surface only as "not valid under any of the given
    schemas".
    """
    if not error.context:
        return [(error.absolute_path, _describe(error))]

    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    candidates = [errs for errs in branches.values() if not any(map(_is_rejection, errs))]
    if candidates:
        best: list[tuple[deque[Any], str]] | None = None
        for errs in candidates:
            leaves = [leaf for sub in errs for leaf in _leaf_errors(sub)]
            if best is None or len(leaves) < len(best):
                best = leaves
        assert best is not None
        return best

    # Every branch rejected the discriminator: say what was expected there, at the
    # deepest spot any branch looked at (the "type" field rather than the object).
    rejected = [[sub for sub in errs if _is_rejection(sub)] for errs in branches.values()]
    depth = max(len(sub.relative_path) for subs in rejected for sub in subs)
    at_depth = [[sub for sub in subs if len(sub.relative_path) == depth] for subs in rejected]
    first = next(sub for subs in at_depth for sub in subs)
    path, inst = first.absolute_path, first.instance
    # Branches that accept the JSON type but not the value give the useful message.
    fitting = [
        sub for subs in at_depth if not any(s.validator == "type" for s in subs) for sub in subs
    ]
    if fitting:
        allowed: list[Any] = []
        for sub in fitting:
            if sub.validator == "enum":
                allowed.extend(x for x in sub.validator_value if x not in allowed)
            elif sub.validator == "const" and sub.validator_value not in allowed:
                allowed.append(sub.validator_value)
        if not allowed:
            return [(path, _describe(fitting[0]))]
        with contextlib.suppress(TypeError):  # mixed types stay in spec order
            allowed.sort()
        return [(path, f"{_short(inst)} is not one of {_short(allowed, 120)}")]
    wanted: list[str] = []
    for subs in at_depth:
        for sub in subs:
            if sub.validator != "type":
                continue
            vals = sub.validator_value
            wanted.extend(t for t in ([vals] if isinstance(vals, str) else vals) if t not in wanted)
    return [(path, f"expected {' or '.join(wanted)}, got {_type_name(inst)} {_short(inst)}")]


# ------------------------------------------------------------------ extra limits

_Problems = Iterator[tuple[tuple[Any, ...], str]]


def _too_long(value: Any, limit: int, at: tuple[Any, ...], what: str) -> _Problems:
    if isinstance(value, str) and len(value) > limit:
        yield at, f"{what} length {len(value)} exceeds {limit}"


def _check_embeds(embeds: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(embeds, list):
        return
    if len(embeds) > MAX_EMBEDS:
        yield at, f"{len(embeds)} embeds exceed {MAX_EMBEDS}"
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
            if len(fields) > MAX_EMBED_FIELDS:
                yield (*here, "fields"), f"{len(fields)} fields exceed {MAX_EMBED_FIELDS}"
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
        if isinstance(options, list) and len(options) > MAX_SELECT_OPTIONS:
            yield (*at, "options"), f"{len(options)} select options exceed {MAX_SELECT_OPTIONS}"
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


def _check_thread_create(body: Any) -> _Problems:
    # Forum/media channel posts carry the first message under "message".
    if isinstance(body, dict):
        yield from _check_message(body.get("message"), ("message",))


def _check_choices(choices: Any, at: tuple[Any, ...]) -> _Problems:
    if not isinstance(choices, list):
        return
    if len(choices) > MAX_CHOICES:
        yield at, f"{len(choices)} choices exceed {MAX_CHOICES}"
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
        got = f"length {len(value)}" if isinstance(value, str) else _type_name(value)
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
    if len(options) > MAX_COMMAND_OPTIONS:
        yield at, f"{len(options)} options exceed {MAX_COMMAND_OPTIONS}"
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
        if len(components) > MAX_MODAL_COMPONENTS:
            yield (
                (*at, "components"),
                f"{len(components)} modal components exceed {MAX_MODAL_COMPONENTS}",
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

_EXTRA_CHECKS: dict[tuple[str, str], Callable[[Any], _Problems]] = {
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


# ---------------------------------------------------------------------- validator


def _coerce(raw: str, kind: str) -> Any:
    """Turn a path/query string into the JSON value the parameter schema describes."""
    if kind == "boolean":
        # discord.py sends booleans as int(flag), i.e. "0"/"1".
        lowered = raw.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        return raw
    if kind in ("integer", "number"):
        try:
            return int(raw) if kind == "integer" else float(raw)
        except ValueError:
            return raw
    return raw


class PayloadValidator:
    """Validates request bodies against the OpenAPI document; see :meth:`validate`."""

    def __init__(self, spec: dict[str, Any], *, copy_spec: bool = True) -> None:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        # The document is patched in place (see _patch_spec); spare the caller's copy.
        self._spec = copy.deepcopy(spec) if copy_spec else spec
        _patch_spec(self._spec)
        resource = DRAFT202012.create_resource(self._spec)
        self._registry: Registry[Any] = Registry().with_resource(_DOC_URI, resource)
        self._routes: dict[int, list[_Route]] = {}
        for template in self._spec["paths"]:
            segments = tuple(template.strip("/").split("/"))
            route = _Route(
                template=template,
                segments=tuple(None if s.startswith("{") else s for s in segments),
                param_names=tuple(s[1:-1] for s in segments if s.startswith("{")),
            )
            self._routes.setdefault(len(segments), []).append(route)
        for routes in self._routes.values():
            routes.sort(key=lambda r: r.priority)
        self._ops: dict[tuple[str, str], _Operation] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> PayloadValidator:
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh), copy_spec=False)

    # -- route lookup -------------------------------------------------------

    def _match(self, path: str) -> tuple[_Route, dict[str, str]] | None:
        path = path.split("?", 1)[0]
        if path.startswith(API_PREFIX + "/"):
            path = path[len(API_PREFIX) :]
        parts = path.strip("/").split("/")
        for route in self._routes.get(len(parts), ()):
            params = route.match(parts)
            if params is not None:
                return route, params
        return None

    # -- compilation --------------------------------------------------------

    def _validator_for(self, pointer: str) -> Validator:
        from jsonschema import Draft202012Validator

        schema = {"$ref": f"{_DOC_URI}#{pointer}"}
        return Draft202012Validator(schema, registry=self._registry)

    def _resolve(self, schema: Any) -> Any:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 16:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                break
            node: Any = self._spec
            for token in ref[2:].split("/"):
                node = node[token.replace("~1", "/").replace("~0", "~")]
            schema, seen = node, seen + 1
        return schema

    def _param(self, pointer: str, spec: Mapping[str, Any]) -> _Param:
        resolved = self._resolve(spec.get("schema", {}))
        kind = resolved.get("type", "string") if isinstance(resolved, dict) else "string"
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "string")
        return _Param(
            validator=self._validator_for(f"{pointer}/schema"),
            kind=kind,
            required=bool(spec.get("required")),
        )

    def _compile(self, route: _Route, method: str) -> _Operation:
        path_item = self._spec["paths"][route.template]
        op = path_item[method]
        base = f"/paths/{_escape_pointer(route.template)}"
        operation = _Operation(
            route=route,
            method=method,
            label=f"{method.upper()} {route.template}",
            body=None,
            body_required=False,
            extra=_EXTRA_CHECKS.get((route.template, method)),
        )
        for where, params in ((base, path_item), (f"{base}/{method}", op)):
            for i, raw in enumerate(params.get("parameters", ())):
                spec = self._resolve(raw)
                ref = raw.get("$ref", "")
                pointer = ref[1:] if ref.startswith("#/") else f"{where}/parameters/{i}"
                param = self._param(pointer, spec)
                if spec.get("in") == "path":
                    operation.path_params[spec["name"]] = param
                elif spec.get("in") == "query":
                    operation.query_params[spec["name"]] = param
        request_body = self._resolve(op.get("requestBody"))
        if isinstance(request_body, dict):
            content = request_body.get("content", {})
            # The multipart schema, when it is the only one, describes the same object
            # the emulator extracts from the payload_json part (plus files[n] parts).
            for media in ("application/json", "multipart/form-data"):
                if media in content and "schema" in content[media]:
                    operation.body = self._validator_for(
                        f"{base}/{method}/requestBody/content/{_escape_pointer(media)}/schema"
                    )
                    break
            operation.body_required = bool(request_body.get("required"))
        return operation

    def _operation(self, route: _Route, method: str) -> _Operation:
        key = (route.template, method)
        operation = self._ops.get(key)
        if operation is None:
            operation = self._ops[key] = self._compile(route, method)
        return operation

    # -- validation ---------------------------------------------------------

    def validate(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        query: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Violations of the spec and Discord's documented limits (empty list = ok).

        ``path`` is the concrete request path after ``/api/v10``, for example
        ``/interactions/123/tok/callback``. For multipart requests pass the parsed
        ``payload_json`` part as ``body``. ``None`` means no body was sent.
        """
        method = method.lower()
        matched = self._match(path)
        if matched is None:
            return [f"{method.upper()} {path}: no such route in the spec"]
        route, path_values = matched
        if method not in self._spec["paths"][route.template]:
            allowed = sorted(
                m.upper() for m in self._spec["paths"][route.template] if m in _METHODS
            )
            return [
                f"{method.upper()} {path}: no such route in the spec "
                f"({route.template} allows {', '.join(allowed)})"
            ]
        op = self._operation(route, method)
        problems: list[str] = []

        for name, value in path_values.items():
            param = op.path_params.get(name)
            if param is not None:
                for err in param.validator.iter_errors(_coerce(value, param.kind)):
                    for _, message in _leaf_errors(err):
                        problems.append(f"{op.label}: path parameter {name}: {message}")
        for name, value in (query or {}).items():
            param = op.query_params.get(name)
            if param is None:
                problems.append(f"{op.label}: unknown query parameter {name!r}")
                continue
            for err in param.validator.iter_errors(_coerce(str(value), param.kind)):
                for _, message in _leaf_errors(err):
                    problems.append(f"{op.label}: query parameter {name}: {message}")
        for name, param in op.query_params.items():
            if param.required and name not in (query or {}):
                problems.append(f"{op.label}: missing required query parameter {name!r}")

        if body is None:
            if op.body is not None and op.body_required:
                problems.append(f"{op.label}: request body is required")
            return problems
        if op.body is None:
            if body != {}:
                problems.append(f"{op.label}: operation takes no request body")
            return problems

        reported: set[tuple[Any, ...]] = set()
        for err in op.body.iter_errors(body):
            for at, message in _leaf_errors(err):
                key = tuple(at)
                line = f"{op.label}: {_render_path(key)}: {message}"
                if line not in problems:
                    problems.append(line)
                reported.add(key)
        if op.extra is not None:
            for where, message in op.extra(body):
                # The schema already flagged this spot (e.g. content maxLength); one
                # report per field is enough.
                if where not in reported:
                    problems.append(f"{op.label}: {_render_path(where)}: {message}")
        return problems
