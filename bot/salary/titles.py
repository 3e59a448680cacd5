"""The words around a role: level words and grades in a typed title, role names in a posting.

Pure word work on normalised text; the vocabularies (level words, role names) come from the
taxonomy, which calls in here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# "Machine Learning Engineer II", "MLE 3": a grade after the role names no role.
_GRADE = re.compile(r"(?:i{1,3}|iv|v|[1-5])")


def _title_word(
    words: list[str], title_words: Mapping[str, str], *, front: bool
) -> tuple[str, int] | None:
    for size in (2, 1):
        if len(words) > size:
            word = " ".join(words[:size] if front else words[-size:])
            if word in title_words:
                return word, size
    return None


Stage = tuple[tuple[str, str] | None, tuple[str, ...]]


def peel_title(words: list[str], title_words: Mapping[str, str]) -> list[Stage]:
    """Each step of taking the title words off a title, from the whole title to its role's words.

    For ["sr", "mle", "ii"]: (None, sr mle ii), (("senior", "sr"), mle ii), then mle. A stage
    holds the level named so far and the words left. `title_words` maps each title word
    ("senior", "new grad") to its level key. Title words come before the role ("senior staff")
    or after it ("ML intern"); one word always stays, so "Senior" alone is looked up as a role.
    """
    found: tuple[str, str] | None = None
    stages: list[Stage] = [(None, tuple(words))]
    while len(words) > 1:
        if cut := _title_word(words, title_words, front=True):
            words = words[cut[1] :]
        elif cut := _title_word(words, title_words, front=False):
            words = words[: -cut[1]]
        elif _GRADE.fullmatch(words[-1]):
            words = words[:-1]
            stages.append((found, tuple(words)))
            continue
        else:
            break
        found = found or (title_words[cut[0]], cut[0])
        stages.append((found, tuple(words)))
    return stages


def names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of `names` as whole words, plural or not, the longest first; the name in "name"."""
    alternatives = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?P<name>{alternatives})s?(?![a-z0-9])")
