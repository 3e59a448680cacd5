"""The article's figures beside a band: only those that fit the place asked about.

Its US ranges sit beside US answers (its Silicon Valley figure beside the Bay
Area only), its Canadian tiers beside Canadian ones, and nothing beside other
countries: a US range converted to rupees would say nothing about Bangalore.
"""

from __future__ import annotations

from functools import lru_cache

from . import article
from . import taxonomy as tx
from .currency import convert
from .results import ArticleContext, ArticleFigure, Range
from .said import Said


# A few hundred (role, level, currency, place) combinations; the context is read-only.
@lru_cache(maxsize=1024)
def article_context(role: str | None, level: str, ccy: str, location: str | None) -> ArticleContext:
    """Only the article's figures that fit the place asked about."""
    loc = tx.LOCATION_BY_KEY[location] if location else None
    country = loc.country if loc else None
    figures = []
    if role == "ml_engineer" and level in article.TIERS_CAD and country == "CA":
        label, cad = article.TIERS_CAD[level]
        figures.append(
            ArticleFigure.model_construct(
                label=Said(label),
                low=convert(cad, "CAD", ccy),
                high=convert(cad, "CAD", ccy),
                original=f"CA${cad:,.0f}",
            )
        )
    for lab, lo, hi, scope in article.US_RANGES.get(role or "", []) if country == "US" else []:
        if scope == "hub" and location not in article.HUB_AREAS:
            continue
        figures.append(
            ArticleFigure.model_construct(
                label=Said(lab),
                low=convert(lo, "USD", ccy),
                high=None if hi is None else convert(hi, "USD", ccy),
                original=f"US${lo:,.0f}" + (f"-{hi:,.0f}" if hi else "+"),
            )
        )
    return ArticleContext.model_construct(
        citation=article.CITATION,
        figures=figures,
        bonus_share=Range.model_construct(low=article.BONUS_SHARE[0], high=article.BONUS_SHARE[1]),
        growth_per_year=Range.model_construct(
            low=article.GROWTH_RANGE[0], high=article.GROWTH_RANGE[1]
        ),
        claim=article.CLAIMS.get(role or ""),
    )
