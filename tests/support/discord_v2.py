"""Rules of Components V2 messages that the OpenAPI document does not encode.

With the IS_COMPONENTS_V2 flag a message is its components only: no content, embeds, poll or
stickers beside them; at most 40 components counting nested ones, 4,000 characters of text
displays in all, and component ids unique. Without the flag, only action rows may stand at the
top level.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

FLAG_COMPONENTS_V2 = 1 << 15
MAX_COMPONENTS = 40
MAX_TEXT = 4000
ACTION_ROW = 1
TEXT_DISPLAY = 10
# Fields a V2 message may not carry (Discord's "legacy" message fields).
LEGACY_FIELDS = ("content", "embeds", "poll", "sticker_ids")

Problems = Iterator[tuple[tuple[Any, ...], str]]


def _walk(components: list[Any]) -> Iterator[dict[str, Any]]:
    for component in components:
        if not isinstance(component, dict):
            continue
        yield component
        children = component.get("components")
        if isinstance(children, list):
            yield from _walk(children)
        if isinstance(component.get("accessory"), dict):
            yield from _walk([component["accessory"]])


def check_v2(body: dict[str, Any], at: tuple[Any, ...]) -> Problems:
    flags = body.get("flags")
    layout = isinstance(flags, int) and bool(flags & FLAG_COMPONENTS_V2)
    components = body.get("components")
    components = components if isinstance(components, list) else []
    if not layout:
        for i, component in enumerate(components):
            if isinstance(component, dict) and component.get("type") != ACTION_ROW:
                yield (
                    (*at, "components", i),
                    f"component type {component.get('type')} needs the IS_COMPONENTS_V2 flag",
                )
        return
    for name in LEGACY_FIELDS:
        if body.get(name):
            yield (*at, name), f"{name} cannot be sent with the IS_COMPONENTS_V2 flag"
    every = list(_walk(components))
    if len(every) > MAX_COMPONENTS:
        yield (*at, "components"), f"{len(every)} components exceed {MAX_COMPONENTS}"
    text = sum(len(str(c.get("content") or "")) for c in every if c.get("type") == TEXT_DISPLAY)
    if text > MAX_TEXT:
        yield (*at, "components"), f"text displays total {text} characters, more than {MAX_TEXT}"
    ids = [c["id"] for c in every if isinstance(c.get("id"), int)]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        yield (*at, "components"), f"component ids {repeated} are not unique"
