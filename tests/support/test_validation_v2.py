"""The validator's Components V2 rules: the flag, the tree against the spec, the limits."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("jsonschema")

from tests.support.discord_v2 import FLAG_COMPONENTS_V2
from tests.support.payloads import CALLBACK, EDIT_ORIGINAL, assert_flags, assert_ok
from tests.support.validation import PayloadValidator

BUTTON = {"type": 2, "style": 2, "label": "Tips", "custom_id": "ans:tips:1:2"}


def text(content: str) -> dict[str, Any]:
    return {"type": 10, "content": content}


def card(*children: dict[str, Any], flags: int = FLAG_COMPONENTS_V2) -> dict[str, Any]:
    return {"components": [{"type": 17, "components": list(children)}], "flags": flags}


def answer(data: dict[str, Any]) -> dict[str, Any]:
    return {"type": 4, "data": data}


def test_a_card_with_text_a_section_a_chart_and_a_row_passes(validator: PayloadValidator) -> None:
    body = card(
        text("### Title\nBase salary: **$181K**"),
        {"type": 9, "components": [text("**What moved it**\n+$1K")], "accessory": BUTTON},
        {"type": 12, "id": 1000, "items": [{"media": {"url": "attachment://band.png"}}]},
        {"type": 14},
        {"type": 1, "components": [{**BUTTON, "custom_id": "ans:roles:1:2"}]},
        flags=FLAG_COMPONENTS_V2 | 64,
    )
    assert_ok(validator.validate("POST", CALLBACK, answer(body)))
    assert_ok(validator.validate("PATCH", EDIT_ORIGINAL, body))


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ({"content": "hello"}, "content cannot be sent"),
        ({"embeds": [{"title": "t"}]}, "embeds cannot be sent"),
    ],
)
def test_a_card_carries_nothing_beside_its_components(
    validator: PayloadValidator, extra: dict[str, Any], needle: str
) -> None:
    assert_flags(validator.validate("POST", CALLBACK, answer({**card(text("x")), **extra})), needle)


def test_layout_components_need_the_flag(validator: PayloadValidator) -> None:
    assert_flags(
        validator.validate("POST", CALLBACK, answer(card(text("x"), flags=0))),
        "component type 17 needs the IS_COMPONENTS_V2 flag",
    )
    rows = {"components": [{"type": 1, "components": [BUTTON]}]}
    assert_ok(validator.validate("POST", CALLBACK, answer(rows)))


def test_counts_every_component_and_all_text(validator: PayloadValidator) -> None:
    many = card(*(text(f"line {n}") for n in range(40)))
    assert_flags(validator.validate("PATCH", EDIT_ORIGINAL, many), "41 components exceed 40")
    long = card(text("a" * 2500), text("b" * 2500))
    assert_flags(
        validator.validate("PATCH", EDIT_ORIGINAL, long),
        "text displays total 5000 characters, more than 4000",
    )


def test_component_ids_are_unique(validator: PayloadValidator) -> None:
    body = card({**text("a"), "id": 7}, {**text("b"), "id": 7})
    assert_flags(validator.validate("PATCH", EDIT_ORIGINAL, body), "component ids [7]")


def test_the_tree_is_checked_against_the_spec(validator: PayloadValidator) -> None:
    # A section needs its accessory, and a text display its content.
    no_accessory = card({"type": 9, "components": [text("x")]})
    assert validator.validate("PATCH", EDIT_ORIGINAL, no_accessory)
    assert validator.validate("PATCH", EDIT_ORIGINAL, card(text("")))
