"""The ordinary words a plain question is read by: which short words may name a role or a
place, how people write years and levels, what opens a follow-up. Names themselves (roles,
places, degrees) are the taxonomy's; these are the words around them.
"""

from __future__ import annotations

import re

from .fields import MAX_YEARS

# Abbreviations people type for roles, beside the taxonomy's longer names. Other words of
# three letters or fewer ("de", "da", "rs") have too many meanings in a sentence.
SHORT_ROLES = {
    "mle": "ml_engineer",
    "ml": "ml_engineer",
    "ds": "data_scientist",
    "swe": "software_engineer",
    "sde": "software_engineer",
    "dev": "software_engineer",
}
# Short place names safe in lower case; other codes count only in capitals ("US", "DE").
SHORT_PLACES = frozenset({"sf", "nyc", "ny", "la", "dc", "uk", "usa", "uae", "atx", "gta"})
# Words the taxonomy knows as places that a sentence mostly means otherwise.
NOT_PLACES = frozenset(
    {"states", "sea", "chi", "bos", "on", "in", "it", "at", "is", "me", "no", "be", "us", "id"}
)
LEVEL_WORDS = frozenset(
    {
        "intern",
        "junior",
        "jr",
        "entry",
        "entry level",
        "graduate",
        "new grad",
        "mid",
        "mid level",
        "midlevel",
        "intermediate",
        "senior",
        "sr",
        "snr",
        "lead",
        "staff",
        "principal",
        "director",
        "head",
        "distinguished",
        "executive",
    }
)
CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollars": "USD",
    "usd": "USD",
    "pounds": "GBP",
    "sterling": "GBP",
    "rupees": "INR",
    "cad": "CAD",
    "eur": "EUR",
    "gbp": "GBP",
    "inr": "INR",
}
US_STATES = frozenset(
    [
        "alabama",
        "alaska",
        "arizona",
        "arkansas",
        "california",
        "colorado",
        "connecticut",
        "delaware",
        "florida",
        "georgia",
        "hawaii",
        "idaho",
        "illinois",
        "indiana",
        "iowa",
        "kansas",
        "kentucky",
        "louisiana",
        "maine",
        "maryland",
        "massachusetts",
        "michigan",
        "minnesota",
        "mississippi",
        "missouri",
        "montana",
        "nebraska",
        "nevada",
        "ohio",
        "oklahoma",
        "oregon",
        "pennsylvania",
        "tennessee",
        "texas",
        "utah",
        "vermont",
        "virginia",
        "wisconsin",
        "wyoming",
    ]
) | {
    "new hampshire",
    "new jersey",
    "new mexico",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "washington state",
}
ABOUT_SELF = frozenset({"i", "im", "ive", "me", "my", "mine", "myself", "am"})
COMPARE_WORDS = frozenset({"vs", "v", "versus", "compare", "compared", "comparison", "or"})
# How a follow-up starts: "and in Austin?", "what about senior?", "with a PhD?".
CHANGE_OPENERS = (
    "and",
    "what about",
    "how about",
    "what if",
    "and if",
    "with",
    "without",
    "now",
    "same",
    "but",
    "also",
    "then",
    "in",
    "as",
    "if",
    "make it",
    "switch",
    "try",
)
# Words that ask about pay even when no field is named ("what should I earn?").
PAY_WORDS = frozenset(
    {
        "salary",
        "salaries",
        "pay",
        "paid",
        "earn",
        "earning",
        "earnings",
        "make",
        "band",
        "comp",
        "compensation",
        "worth",
        "wage",
        "income",
        "tc",
        "fair",
        "offer",
        "range",
        "base",
        "total",
        "cash",
        "plus",
        "bonus",
        "underpaid",
        "overpaid",
        "lowball",
        "lowballed",
    }
)
PLACE_PREPOSITIONS = frozenset({"in", "near", "based"})
# Words after "in" that name no place ("in hand", "in total", "in this market").
NOT_AFTER_IN = frozenset(
    [
        "hand",
        "total",
        "cash",
        "person",
        "office",
        "addition",
        "fact",
        "case",
        "short",
        "practice",
        "order",
        "terms",
        "line",
        "future",
        "advance",
        "house",
        "field",
        "this",
        "that",
        "these",
        "those",
        "which",
        "what",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "general",
        "particular",
        "between",
        "hybrid",
        "remote",
    ]
)
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUMBER = r"(?P<n>\d{1,2}(?:\.\d)?|" + "|".join(WORD_NUMBERS) + ")"
_YEARS = re.compile(
    rf"(?<![\w.]){_NUMBER}\s*\+?\s*(?:-\s*)?(?:years?|yrs?|yr|y|yoe)\b"
    r"(?:\s+(?:of\s+)?(?:experience|exp|xp|in\s+(?:the\s+)?(?:industry|field)))?"
    r"|(?:yoe|experience|exp)\s*(?:of|:|=)?\s*" + _NUMBER.replace("?P<n>", "?P<m>"),
    re.IGNORECASE,
)
# "4 years, 1-year cliff" and "vests over 4 years" are a schedule, not experience.
_SCHEDULE_AFTER = re.compile(r"^\s*(?:cliff|vest)", re.IGNORECASE)
_SCHEDULE_BEFORE = re.compile(r"(?:vest\w*|over|cliff)\s*(?:over\s*)?$", re.IGNORECASE)


def years_in(text: str) -> tuple[str, int | None, tuple[str, ...]]:
    """The text with the years of experience taken out, the years, and the words they were."""
    for match in _YEARS.finditer(text):
        after = text[match.end() : match.end() + 12]
        before = text[max(0, match.start() - 12) : match.start()]
        if _SCHEDULE_AFTER.match(after) or _SCHEDULE_BEFORE.search(before):
            continue
        raw = (match["n"] or match["m"]).lower()
        number = WORD_NUMBERS.get(raw)
        years = number if number is not None else int(float(raw))
        if not 0 <= years <= MAX_YEARS:
            continue
        words = tuple(match.group(0).lower().split())
        rest = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
        return rest, years, words
    return text, None, ()
