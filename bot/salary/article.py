"""Figures from the 2023 article the product started from, cited as "article (2023)".

They are shown beside the data-driven band, never blended into it: the
article gives no sample sizes, its experience tiers are in Canadian dollars
and its ranges in US dollars (shown as they are, and converted at the bot's
yearly rate where the answer is in another currency).
"""

from __future__ import annotations

from .said import N_, Said

CITATION = Said(N_("article (2023)"))

# Average base pay of ML engineers by experience tier, in CAD.
TIERS_CAD: dict[str, tuple[str, float]] = {
    "entry": (N_("ML engineer average in Canada, 0-2 years"), 84_769.0),
    "mid": (N_("ML engineer average in Canada, 3-5 years"), 115_539.0),
    "senior": (N_("ML engineer average in Canada, 6+ years"), 135_452.0),
    "principal": (N_("ML engineer average in Canada, 6+ years"), 135_452.0),
}
# Typical US ranges in USD (low, high, scope); None = open-ended ("and more").
# Scope "US" fits any US place; "hub" only the places it names (HUB_AREAS).
US_RANGES: dict[str, list[tuple[str, float, float | None, str]]] = {
    "ml_engineer": [
        (N_("typical US range"), 125_000.0, 200_000.0, "US"),
        (N_("US average, FAQ"), 141_000.0, None, "US"),
        (N_("Silicon Valley"), 140_000.0, None, "hub"),
    ],
    "data_scientist": [(N_("typical US range"), 118_000.0, 170_000.0, "US")],
    "research_scientist": [(N_("AI researchers in top hubs"), 250_000.0, None, "hub")],
}
# The hubs the article's hub figures are about (Silicon Valley; "top hubs").
HUB_AREAS = frozenset({"us-san-jose", "us-san-francisco"})
# Qualitative claims, kept for context lines.
CLAIMS: dict[str, Said] = {
    "ml_engineer": Said(N_("ML engineers tend to earn slightly more than data scientists")),
    "data_scientist": Said(
        N_("data scientists with deep-learning skills approach ML-engineer pay")
    ),
    "software_engineer": Said(N_("moving from software to ML engineering tends to raise pay")),
    "research_scientist": Said(N_("research roles often need advanced degrees")),
}
BONUS_SHARE = (0.10, 0.20)  # performance bonus as a share of base
GROWTH_RANGE = (0.10, 0.20)  # year-over-year pay growth, "or more"
