"""A pytest plugin: a test during which something warned of a deprecation fails.

pyproject.toml turns DeprecationWarning into an error, but discord.py's own
`utils.deprecated` sets the filters to "always" around its warning (and leaves "default"
behind), so such a warning is only shown. This plugin records what each phase of a test
shows and fails it on any deprecation; other warnings are passed on to pytest unchanged.
"""

from __future__ import annotations

import warnings
from collections.abc import Generator
from typing import Any

import pytest


def _checked(phase: str) -> Generator[None, Any, Any]:
    with warnings.catch_warnings(record=True) as caught:
        result = yield
    deprecations = []
    for shown in caught:
        if issubclass(shown.category, DeprecationWarning):
            deprecations.append(f"{shown.filename}:{shown.lineno}: {shown.message}")
        else:
            warnings.warn_explicit(shown.message, shown.category, shown.filename, shown.lineno)
    if deprecations:
        pytest.fail(f"deprecated call during {phase}:\n" + "\n".join(deprecations), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, Any, Any]:
    return (yield from _checked("setup"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    return (yield from _checked("the test"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, Any, Any]:
    return (yield from _checked("teardown"))
