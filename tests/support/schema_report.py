"""Turning the published Discord OpenAPI document into readable verdicts.

Two jobs for the validator: a few documented patches to the document before it is
compiled, and flattening jsonschema's nested union errors into one line per mistake.
"""

from __future__ import annotations

import contextlib
import json
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def render_path(parts: Iterable[Any]) -> str:
    """``('data', 'embeds', 0, 'title')`` -> ``data.embeds[0].title``; root -> ``<body>``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "<body>"


def short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# JSON's names for Python's types; bool before int, which it subclasses.
_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (type(None), "null"),
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def type_name(value: Any) -> str:
    for kind, name in _JSON_TYPES:
        if isinstance(value, kind):
            return name
    return type(value).__name__


# ---------------------------------------------------------------- schema patches


def patch_spec(doc: dict[str, Any]) -> None:
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
        return f"expected {wanted}, got {type_name(inst)} {short(inst)}"
    if v == "enum":
        return f"{short(inst)} is not one of {short(limit, 120)}"
    if v == "const":
        return f"{short(inst)} is not {short(limit)}"
    if v in ("maximum", "minimum", "pattern", "uniqueItems"):
        return f"{short(inst)} fails {v} {short(limit)}"
    msg = error.message
    return msg if len(msg) <= 200 else msg[:197] + "..."


def _is_rejection(error: ValidationError) -> bool:
    """Does this error mean "wrong branch" rather than "right branch, bad content"?"""
    rel = error.relative_path
    if not rel:
        return error.validator in ("type", "const", "enum")
    return len(rel) == 1 and rel[0] == "type"


def leaf_errors(error: ValidationError) -> list[tuple[deque[Any], str]]:
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
            leaves = [leaf for sub in errs for leaf in leaf_errors(sub)]
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
        return [(path, f"{short(inst)} is not one of {short(allowed, 120)}")]
    wanted: list[str] = []
    for subs in at_depth:
        for sub in subs:
            if sub.validator != "type":
                continue
            vals = sub.validator_value
            wanted.extend(t for t in ([vals] if isinstance(vals, str) else vals) if t not in wanted)
    return [(path, f"expected {' or '.join(wanted)}, got {type_name(inst)} {short(inst)}")]
