"""Answer types: what an estimate, a comparison or a tips report contains.

What a person reads is what the domain said (a Said, worded by render in the reader's
language), or a published source's name as it is; `str()` of a Said is its English text,
for logs and tests.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, InstanceOf

from .query import SalaryQuery
from .said import Said

# Kept as built, not validated again: a Said is the domain's own value.
Shown = Annotated[Said, InstanceOf[Said]]
# A Said, or a published name (a data source, a figure as the article states it).
ShownOrName = Shown | str


def by_key(*keys: str) -> dict[str, Said]:
    """Texts the data holds in English (region names, what a ratio is relative to), each as
    the message it is a key of; mark each key with N_() where it is written."""
    return {key: Said(key) for key in keys}


FactorKind = Literal["data", "article", "assumption"]
Confidence = Literal["high", "medium", "low"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Percentiles(_Frozen):
    p10: float
    p25: float
    p50: float
    p75: float
    p90: float

    @classmethod
    def of(cls, values: tuple[float, ...] | list[float]) -> Percentiles:
        p10, p25, p50, p75, p90 = values
        return cls.model_construct(p10=p10, p25=p25, p50=p50, p75=p75, p90=p90)

    def as_tuple(self) -> tuple[float, float, float, float, float]:
        return (self.p10, self.p25, self.p50, self.p75, self.p90)


class Range(_Frozen):
    low: float
    high: float


class Factor(_Frozen):
    said_name: ShownOrName
    multiplier: float
    effect: float  # money at the median, in the answer's currency
    said_source: ShownOrName
    kind: FactorKind


class ArticleFigure(_Frozen):
    label: Shown
    low: float  # in the answer's currency
    high: float | None  # None: "and more"
    original: str  # as the article states it


class ArticleContext(_Frozen):
    citation: Shown
    figures: list[ArticleFigure]
    bonus_share: Range
    growth_per_year: Range
    claim: Shown | None


class SalaryEstimate(_Frozen):
    query: SalaryQuery
    currency: str
    base: Percentiles
    bonus: Range
    equity: Range
    total: Percentiles
    factors: list[Factor]
    sample_size: int
    confidence: Confidence
    data_year: int
    as_of: int
    said_cell: Shown  # which group the base band came from
    said_sample: Shown  # what sample_size counts: postings, surveyed developers or a pool
    thin: bool = False  # too few behind the band to lean on
    said_notes: list[ShownOrName]
    article_context: ArticleContext
    bonus_source: Shown | None = None  # the bonus share, from the article (2023)
    equity_source: Shown | None = None  # the equity assumption
    total_span: Shown | None = None  # which percentiles the total band spans, and what is added


# Fewer postings than this behind a band: its median is too unsteady to rank on.
THIN_SAMPLE = 30


class RoleRow(_Frozen):
    role: str
    label: str  # in English; answers name the role in the reader's words
    base: Percentiles
    sample_size: int
    sample: Shown  # what sample_size counts, in words ("12 postings in Canada")

    @property
    def thin(self) -> bool:
        return self.sample_size < THIN_SAMPLE


class RoleComparison(_Frozen):
    query: SalaryQuery
    currency: str
    rows: list[RoleRow]  # highest median first; thinly sampled roles after the others
    sample_note: Shown | None = None  # what the place's level rests on, where rows borrow it
    level_surveyed: bool = False  # that level comes from the developer survey (its credit)


class LocationRow(_Frozen):
    location: str
    label: str  # in English; answers name the place in the reader's words
    base: Percentiles
    sample_size: int  # postings or surveyed developers behind the band (the sample line)
    sample_place: str  # in English: the country whose band it is, where no city figure exists
    sample: Shown  # what the count is of, in words
    thin: bool = False
    ppp_median: float | None  # median in national-average prices, where an index exists
    price_index: float | None
    price_source: ShownOrName | None


class LocationComparison(_Frozen):
    query: SalaryQuery
    currency: str
    rows: list[LocationRow]  # in the order asked
    note: Shown


class Tip(_Frozen):
    kind: str  # level | location | remote | skill | certification | education | industry | company
    key: str
    title: Said
    delta: float  # money at the median, in the answer's currency
    new_median: float
    source: Said | str  # a published source's name stays as it is
    detail: Said


class TipsReport(_Frozen):
    query: SalaryQuery
    currency: str
    median: float
    items: list[Tip]
    advice: list[Said]
    sample: Said | str = ""  # what the median rests on, as the estimate says it
    thin: bool = False
