"""A number as people write it in English, German, Portuguese or Indian English.

"185,000", "185.000", "185 000", "185'000", "1,2" (a decimal comma), "1.2", "1,23,456": the
separators say which is which. A lone dot or comma before exactly three digits groups
thousands ("185.000" is no salary of 185); before other counts of digits it marks decimals.
After it, a k or M makes a decimal what a person means: "1,250M" is 1.25 million.
"""

from __future__ import annotations

import re

# Characters a written number may hold: what an amount's pattern takes as its number.
NUMBER_PATTERN = r"\d[\d,.' \u00a0\u202f]*\d|\d|[.,]\d+"

_LONE = re.compile(r"(?P<head>\d*)(?P<mark>[.,])(?P<tail>\d+)")
# Thousands grouped by commas (also in lakhs), by dots, or by spaces and apostrophes; each
# with the decimal mark that goes with it.
_COMMAS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})(?:\.\d+)?")
_DOTS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_SPACES = re.compile(r"\d{1,3}(?:[ '\u00a0\u202f]\d{3})+(?:[.,]\d+)?")


def read_number(text: str, *, scaled: bool = False) -> float | None:
    """The number `text` writes, or None where its separators make no sense; `scaled`: a k
    or M follows it."""
    if text.isdigit():
        return float(text)
    lone = _LONE.fullmatch(text)
    if lone is not None:
        if len(lone["tail"]) == 3 and lone["head"] and not scaled:
            return float(lone["head"] + lone["tail"])
        return float(f"{lone['head'] or 0}.{lone['tail']}")
    if _COMMAS.fullmatch(text):
        return float(text.replace(",", ""))
    if _DOTS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _SPACES.fullmatch(text):
        return float(re.sub(r"[ '\u00a0\u202f]", "", text).replace(",", "."))
    return None
