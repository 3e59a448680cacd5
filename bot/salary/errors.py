"""The one error type the domain raises for bad user input."""

from __future__ import annotations

from .said import Said


class QueryError(ValueError):
    """A query field could not be understood; `said` is what to tell the person (worded by
    render in their language), `message` the same in English for logs and tests."""

    def __init__(
        self, field: str, message: Said | str, suggestions: list[str] | None = None
    ) -> None:
        self.said = message if isinstance(message, Said) else Said(message)
        self.message = str(self.said)
        super().__init__(self.message)
        self.field = field
        self.suggestions = list(suggestions or [])

    def __repr__(self) -> str:
        return f"QueryError(field={self.field!r}, message={self.message!r})"
