from __future__ import annotations

import math

import pytest

from db import Store
from db.history import HISTORY_CAP


async def test_add_and_recent_newest_first(store: Store) -> None:
    for n in range(3):
        await store.history.add(1, {"role": "mle", "n": n}, {"p50": 100_000 + n})
    entries = await store.history.recent(1)
    assert [e.query["n"] for e in entries] == [2, 1, 0]
    assert entries[0].headline == {"p50": 100_002}
    last = await store.history.last(1)
    assert last is not None and last.query["n"] == 2
    assert [e.query["n"] for e in await store.history.recent(1, limit=2)] == [2, 1]


async def test_history_is_capped_per_user(store: Store) -> None:
    for n in range(HISTORY_CAP + 5):
        await store.history.add(1, {"n": n}, {})
    await store.history.add(2, {"n": 0}, {})
    kept = await store.history.recent(1, limit=1000)
    assert len(kept) == HISTORY_CAP
    assert kept[0].query["n"] == HISTORY_CAP + 4
    assert kept[-1].query["n"] == 5
    assert len(await store.history.recent(2)) == 1


async def test_get_is_scoped_to_the_user(store: Store) -> None:
    entry = await store.history.add(1, {"role": "mle"}, {"p50": 1})
    assert await store.history.get(1, entry.id) == entry
    assert await store.history.get(2, entry.id) is None


async def test_empty_history(store: Store) -> None:
    assert await store.history.last(9) is None
    assert await store.history.recent(9) == []


async def test_nested_json_round_trips(store: Store) -> None:
    query = {"role": "mle", "skills": ["python", "jax"], "years": 4, "remote": None, "ü": "ß"}
    entry = await store.history.add(1, query, {"band": [1.5, 2.5]})
    again = await store.history.get(1, entry.id)
    assert again is not None and again.query == query and again.headline == {"band": [1.5, 2.5]}


async def test_non_json_values_are_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        await store.history.add(1, {"p50": math.nan}, {})
    with pytest.raises(TypeError):
        await store.history.add(1, {"when": object()}, {})
    assert await store.history.recent(1) == []
