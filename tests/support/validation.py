"""Check request bodies the bot sends against Discord's OpenAPI description.

The emulator calls :meth:`PayloadValidator.validate` for every request it receives and
records the returned violations; a test that caused one fails. Two layers of checks:

* the request body schema of the matching operation in the vendored OpenAPI 3.1
  document (Draft 2020-12, ``$ref`` resolved through a ``referencing`` registry);
* limits Discord documents and enforces but the document does not encode (embed
  totals, command name charset, modal size, ...): see ``tests.support.discord_limits``.

It needs the development dependency jsonschema, which is why it lives with the tests;
tests/conftest.py hands it to the emulator.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.support.discord_limits import EXTRA_CHECKS, command_name_problem
from tests.support.schema_report import leaf_errors, patch_spec, render_path

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

__all__ = ["PayloadValidator", "command_name_problem", "default_spec_path"]

API_PREFIX = "/api/v10"
# referencing needs an absolute URI to anchor the document's "#/components/..." refs.
_DOC_URI = "urn:discord-api-spec:openapi.json"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def default_spec_path() -> Path:
    """The vendored openapi.json (tests/vendor/discord-api-spec/)."""
    return Path(__file__).resolve().parents[1] / "vendor" / "discord-api-spec" / "openapi.json"


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


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
        patch_spec(self._spec)
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
            extra=EXTRA_CHECKS.get((route.template, method)),
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
                    for _, message in leaf_errors(err):
                        problems.append(f"{op.label}: path parameter {name}: {message}")
        for name, value in (query or {}).items():
            param = op.query_params.get(name)
            if param is None:
                problems.append(f"{op.label}: unknown query parameter {name!r}")
                continue
            for err in param.validator.iter_errors(_coerce(str(value), param.kind)):
                for _, message in leaf_errors(err):
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
            for at, message in leaf_errors(err):
                key = tuple(at)
                line = f"{op.label}: {render_path(key)}: {message}"
                if line not in problems:
                    problems.append(line)
                reported.add(key)
        if op.extra is not None:
            for where, message in op.extra(body):
                # The schema already flagged this spot (e.g. content maxLength); one
                # report per field is enough.
                if where not in reported:
                    problems.append(f"{op.label}: {render_path(where)}: {message}")
        return problems
