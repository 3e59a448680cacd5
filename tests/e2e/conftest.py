"""Fixtures of the end-to-end tests."""

from __future__ import annotations

import pytest

from bot.local.harness import Harness
from tests.e2e.support import WHERE, Asker, newcomer


@pytest.fixture(params=WHERE)
async def asker(harness: Harness, request: pytest.FixtureRequest) -> Asker:
    """Someone new asking in a fresh server's channel, and (the test's second run) in
    their DM with the bot."""
    where = str(request.param)
    user, place = await newcomer(harness, "asker", where)
    return Asker(harness, user, place, where)


@pytest.fixture
def dm_asker(harness: Harness) -> Asker:
    """Someone new asking in their DM with the bot."""
    user = harness.server.add_user("asker")
    return Asker(harness, user, harness.server.dm(user), "dm")
