"""The load plan: what is sent, by whom and when; the same list for every bot measured."""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from typing import Any

# The mix of kinds, by weight out of 100.
MIX = (("estimate", 50), ("compare", 15), ("tips", 10), ("profile", 15), ("autocomplete", 10))
KINDS = tuple(kind for kind, _ in MIX)
# Heavy commands are spread so that no user sends more than 5 in 31 s: the plan stays one
# that a fair user could send, whatever per-person budget the bot applies.
HEAVY = {"estimate", "compare", "tips"}
HEAVY_USES, HEAVY_WINDOW_S = 5, 31.0

ROLES = (
    "ml_engineer",
    "data scientist",
    "MLE",
    "research scientist",
    "ai_engineer",
    "mlops_engineer",
)
LOCATIONS = (
    "seattle",
    "san francisco",
    "london",
    "germany",
    "toronto",
    "remote",
    "new york",
    "india",
)
LEVELS = ("entry", "mid", "senior", "principal")
SKILLS = ("python, pytorch", "python, sql, spark", "llm, nlp", "computer_vision")
TYPED = ("ml", "data", "sea", "lon", "res", "san", "ger", "r")


@dataclass
class Planned:
    at: float  # seconds after the plan starts
    kind: str
    command: str
    options: dict[str, Any]
    user: int  # index into the phase's users and places
    focused: str | None = None  # the option being typed into, for autocomplete

    @property
    def charted(self) -> bool:
        """Whether the bot's answer carries a chart (or a button to draw one)."""
        return self.kind in ("estimate", "compare") and self.focused is None


def _request(rng: random.Random, kind: str) -> tuple[str, dict[str, Any], str | None]:
    person: dict[str, Any] = {"role": rng.choice(ROLES), "location": rng.choice(LOCATIONS)}
    if rng.random() < 0.7:
        person["years"] = rng.randint(0, 20)
    else:
        person["level"] = rng.choice(LEVELS)
    if kind == "estimate":
        if rng.random() < 0.3:
            person["skills"] = rng.choice(SKILLS)
        return "estimate", person, None
    if kind == "compare":
        if rng.random() < 0.66:
            return "compare roles", person, None
        places = ", ".join(rng.sample(LOCATIONS, 3))
        return "compare locations", {"places": places, "role": person["role"]}, None
    if kind == "tips":
        return "tips", person, None
    if kind == "profile":
        if rng.random() < 0.5:
            return "profile set", person, None
        return "profile show", {}, None
    focused = rng.choice(("role", "location"))
    return "estimate", {focused: rng.choice(TYPED)}, focused


def _kinds(only: str | None) -> list[str]:
    return [only] if only else [kind for kind, weight in MIX for _ in range(weight)]


def plan_load(
    users: int, seconds: float, rate: float, seed: int, only: str | None = None
) -> list[Planned]:
    """`rate` interactions a second for `seconds`, spread over `users` users."""
    rng = random.Random(seed)
    kinds = _kinds(only)
    heavy_uses: list[deque[float]] = [deque() for _ in range(users)]
    cursor = 0
    plan = []
    for index in range(round(seconds * rate)):
        at = index / rate
        kind = rng.choice(kinds)
        command, options, focused = _request(rng, kind)
        user = cursor % users
        if kind in HEAVY:
            # The next user with room in the window; if none has, the bot's answer shows.
            for step in range(users):
                candidate = (cursor + step) % users
                uses = heavy_uses[candidate]
                while uses and uses[0] <= at - HEAVY_WINDOW_S:
                    uses.popleft()
                if len(uses) < HEAVY_USES:
                    user = candidate
                    break
            heavy_uses[user].append(at)
        cursor = user + 1
        plan.append(Planned(at, kind, command, options, user, focused))
    return plan


def plan_burst(size: int, seed: int, only: str | None = None) -> list[Planned]:
    """One interaction from each of `size` users, all at once."""
    rng = random.Random(seed)
    kinds = _kinds(only)
    plan = []
    for user in range(size):
        kind = rng.choice(kinds)
        command, options, focused = _request(rng, kind)
        plan.append(Planned(0.0, kind, command, options, user, focused))
    return plan
