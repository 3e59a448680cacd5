from __future__ import annotations

import asyncio
from datetime import UTC

import pytest
from pydantic import ValidationError

from db import Profile, ProfileUpdate, Store


async def test_missing_profile_is_none(store: Store) -> None:
    assert await store.profiles.get(1) is None


async def test_upsert_creates_and_reads_back(store: Store) -> None:
    created = await store.profiles.upsert(
        7,
        ProfileUpdate(
            role="ml_engineer",
            years=4,
            location="berlin",
            skills=["python", "pytorch"],
            certifications=["aws_ml"],
            private=True,
        ),
    )
    assert isinstance(created, Profile)
    assert created.user_id == 7
    assert created.skills == ("python", "pytorch")
    assert created.private is True
    assert created.industry is None
    assert created.created_at.tzinfo is not None
    assert created.created_at.utcoffset() == UTC.utcoffset(None)
    assert await store.profiles.get(7) == created


async def test_partial_update_keeps_other_fields(store: Store) -> None:
    first = await store.profiles.upsert(
        1, ProfileUpdate(role="data_scientist", years=3, location="paris", skills=["sql"])
    )
    await asyncio.sleep(0.001)
    second = await store.profiles.upsert(1, ProfileUpdate(location="london"))
    assert second.location == "london"
    assert (second.role, second.years, second.skills) == ("data_scientist", 3, ("sql",))
    assert second.created_at == first.created_at
    assert second.updated_at > first.updated_at


async def test_explicit_none_clears_only_that_field(store: Store) -> None:
    await store.profiles.upsert(
        1, ProfileUpdate(role="mle", location="paris", skills=["sql"], private=False)
    )
    cleared = await store.profiles.upsert(1, ProfileUpdate(location=None, skills=None))
    assert cleared.location is None
    assert cleared.skills == ()
    assert cleared.role == "mle"
    assert cleared.private is False


async def test_privacy_none_means_follow_server_default(store: Store) -> None:
    await store.profiles.upsert(1, ProfileUpdate(private=True))
    profile = await store.profiles.upsert(1, ProfileUpdate(private=None))
    assert profile.private is None


async def test_empty_update_creates_blank_profile(store: Store) -> None:
    profile = await store.profiles.upsert(5, ProfileUpdate())
    assert profile.role is None
    assert profile.skills == ()


def test_update_rejects_unknown_and_out_of_range_fields() -> None:
    with pytest.raises(ValidationError):
        ProfileUpdate.model_validate({"salary": 1})
    with pytest.raises(ValidationError):
        ProfileUpdate(years=-1)
    with pytest.raises(ValidationError):
        ProfileUpdate(skills=["x"] * 51)


async def test_delete(store: Store) -> None:
    await store.profiles.upsert(1, ProfileUpdate(role="mle"))
    await store.profiles.upsert(2, ProfileUpdate(role="mle"))
    assert await store.profiles.delete(1) is True
    assert await store.profiles.delete(1) is False
    assert await store.profiles.get(1) is None
    assert await store.profiles.get(2) is not None


async def test_hostile_text_is_stored_verbatim(store: Store) -> None:
    text = "x'); DROP TABLE profiles; --"
    await store.profiles.upsert(1, ProfileUpdate(location=text))
    profile = await store.profiles.get(1)
    assert profile is not None and profile.location == text
