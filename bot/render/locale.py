"""The locale answers are written in: the asker's, set once per interaction by the flows."""

from __future__ import annotations

from contextvars import ContextVar

# Each interaction is handled in its own task, so one person's locale never reaches another's.
ANSWER_LOCALE: ContextVar[str | None] = ContextVar("answer_locale", default=None)
