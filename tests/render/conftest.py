"""What the answers-in-language tests share: the reader's locale and the shipped model."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot.render.locale import ANSWER_LOCALE
from bot.salary.model import SalaryModel, get_model


@pytest.fixture
def reader() -> Iterator[Callable[[str | None], object]]:
    """Sets the reader's locale (English to start with) and restores it after the test."""
    token = ANSWER_LOCALE.set(None)
    yield ANSWER_LOCALE.set
    ANSWER_LOCALE.reset(token)


@pytest.fixture(scope="module")
def model() -> SalaryModel:
    return get_model()


def in_english_and(
    render: Callable[[], list[str]], locale: str, set_locale: Callable[[str | None], object]
) -> list[tuple[str, str]]:
    """Each English line of an answer beside the same line rendered for `locale`."""
    set_locale(None)
    english = render()
    set_locale(locale)
    translated = render()
    assert len(translated) == len(english), "the same answer, line for line"
    return list(zip(english, translated, strict=True))
