"""Answer types: what an estimate, a comparison or a tips report contains."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from .query import SalaryQuery
from .said import Said

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
    name: str
    multiplier: float
    effect: float  # money at the median, in the answer's currency
    source: str
    kind: FactorKind


class ArticleFigure(_Frozen):
    label: str
    low: float  # in the answer's currency
    high: float | None  # None: "and more"
    original: str  # as the article states it


class ArticleContext(_Frozen):
    citation: str
    figures: list[ArticleFigure]
    bonus_share: Range
    growth_per_year: Range
    claim: str | None


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
    cell: str  # which group the base band came from
    sample: str = ""  # what sample_size counts: postings, surveyed developers or a pool
    thin: bool = False  # too few behind the band to lean on
    notes: list[str]
    article_context: ArticleContext
    bonus_source: str = ""  # where the bonus share comes from, tagged in the answer
    equity_source: str = ""  # the equity assumption, tagged in the answer
    total_span: str = ""  # which percentiles the total band spans, and what is added


# Fewer postings than this behind a band: its median is too unsteady to rank on.
THIN_SAMPLE = 30


class RoleRow(_Frozen):
    role: str
    label: str
    base: Percentiles
    sample_size: int
    sample: str = ""  # what sample_size counts, in words ("12 postings in Canada")

    @property
    def thin(self) -> bool:
        return self.sample_size < THIN_SAMPLE


class RoleComparison(_Frozen):
    query: SalaryQuery
    currency: str
    rows: list[RoleRow]  # highest median first; thinly sampled roles after the others
    sample_note: str = ""  # what the place's level rests on, where the rows borrow it


class LocationRow(_Frozen):
    location: str
    label: str
    base: Percentiles
    sample_size: int  # postings or surveyed developers behind the band (the sample line)
    sample_place: str  # the country whose band it is, where no city figure exists
    sample: str = ""  # what the count is of, in words
    thin: bool = False
    ppp_median: float | None  # median in national-average prices, where an index exists
    price_index: float | None
    price_source: str | None


class LocationComparison(_Frozen):
    query: SalaryQuery
    currency: str
    rows: list[LocationRow]  # in the order asked
    note: str


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
