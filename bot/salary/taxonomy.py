"""Keys, labels and aliases for everything a query can name, plus autocomplete.

Keys are stable identifiers stored in profiles and tables; labels are what
people read; aliases are the ways people actually type things.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cache


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Level:
    key: str
    label: str
    min_years: int
    max_years: int | None  # None: open-ended
    data_code: str  # aijobs experience_level


@dataclass(frozen=True, slots=True)
class Location:
    key: str
    label: str
    kind: str  # "country" | "metro" | "region" | "remote"
    country: str | None  # ISO 3166-1 alpha-2, None for remote
    area_code: str | None = None
    aliases: tuple[str, ...] = field(default=())


def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation noise, collapse spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9+#.' ]+", " ", text)
    text = text.replace("'", "")
    return re.sub(r"\s+", " ", text).strip(" .")


# --- roles -----------------------------------------------------------------

ROLES: tuple[Term, ...] = (
    Term(
        "ml_engineer",
        "Machine Learning Engineer",
        (
            "mle",
            "ml engineer",
            "ml eng",
            "machine learning developer",
            "machine learning software engineer",
            "machine learning model engineer",
            "machine learning specialist",
            "machine learning modeler",
            "applied machine learning engineer",
            "ai machine learning engineer",
            "computer vision engineer",
            "computer vision software engineer",
            "machine vision engineer",
            "nlp engineer",
            "deep learning engineer",
            "machine learning performance engineer",
            "machine learning quality engineer",
            "lead machine learning engineer",
            "principal machine learning engineer",
        ),
    ),
    Term(
        "data_scientist",
        "Data Scientist",
        (
            "ds",
            "data science",
            "applied data scientist",
            "decision scientist",
            "lead data scientist",
            "principal data scientist",
            "staff data scientist",
            "ai data scientist",
            "marketing data scientist",
            "data scientist lead",
            "data scientist expert",
            "data scientist associate",
            "data science tech lead",
            "cientista de dados",
        ),
    ),
    Term(
        "research_scientist",
        "Research / Applied Scientist",
        (
            "research scientist",
            "applied scientist",
            "research engineer",
            "machine learning scientist",
            "ml scientist",
            "machine learning researcher",
            "ml researcher",
            "ai scientist",
            "ai researcher",
            "ai research scientist",
            "ai research engineer",
            "applied research scientist",
            "applied machine learning scientist",
            "machine learning research engineer",
            "deep learning researcher",
            "research",
            "researcher",
            "rs",
        ),
    ),
    Term(
        "software_engineer",
        "Software Engineer",
        (
            "swe",
            "sde",
            "software developer",
            "software development engineer",
            "backend engineer",
            "backend developer",
            "backend software engineer",
            "full stack engineer",
            "full stack developer",
            "fullstack engineer",
            "frontend engineer",
            "python developer",
            "java developer",
            "application developer",
            "web developer",
            "programmer",
            "developer",
        ),
    ),
    Term(
        "ai_engineer",
        "AI Engineer",
        (
            "ai developer",
            "artificial intelligence engineer",
            "ai software engineer",
            "ai software development engineer",
            "ai programmer",
            "lead ai engineer",
            "prompt engineer",
            "llm engineer",
            "genai engineer",
            "generative ai engineer",
        ),
    ),
    Term(
        "data_engineer",
        "Data Engineer",
        (
            "de",
            "analytics engineer",
            "big data engineer",
            "big data developer",
            "data infrastructure engineer",
            "data integration engineer",
            "data platform engineer",
            "data pipeline engineer",
            "cloud data engineer",
            "azure data engineer",
            "databricks engineer",
            "dataops engineer",
            "data devops engineer",
            "etl developer",
            "etl engineer",
            "lead data engineer",
            "principal data engineer",
            "software data engineer",
            "marketing data engineer",
            "consultant data engineer",
            "ai data engineer",
            "scala spark developer",
            "data developer",
            "data engineer 4",
        ),
    ),
    Term(
        "data_analyst",
        "Data Analyst",
        (
            "da",
            "bi analyst",
            "business intelligence analyst",
            "business data analyst",
            "bi data analyst",
            "business intelligence data analyst",
            "data analist",
            "lead data analyst",
            "principal data analyst",
            "staff data analyst",
            "financial data analyst",
            "finance data analyst",
            "marketing data analyst",
            "product data analyst",
            "sales data analyst",
            "fraud data analyst",
            "crm data analyst",
            "people data analyst",
            "compliance data analyst",
            "data reporting analyst",
            "data analytics specialist",
            "data analysis",
            "data analysis specialist",
            "advanced data analyst",
            "analytics analyst",
            "data analyst lead",
            "bi and data analyst",
            "data and analytics analyst",
        ),
    ),
    Term(
        "mlops_engineer",
        "MLOps / ML Platform Engineer",
        (
            "mlops",
            "ml ops",
            "mlops engineer",
            "machine learning infrastructure engineer",
            "ml infrastructure engineer",
            "machine learning platform engineer",
            "ml platform engineer",
        ),
    ),
)

# Keyword rules for titles that no alias names exactly (order matters: the
# more specific phrase wins). Used for data rows and for free-typed roles.
_TITLE_RULES: tuple[tuple[str, str], ...] = (
    (r"\bmlops\b|\bml ?ops\b|machine learning (infrastructure|platform)", "mlops_engineer"),
    (r"research scientist|applied scientist|machine learning scientist", "research_scientist"),
    (r"machine learning research|\bai research", "research_scientist"),
    (r"machine learning engineer|\bml engineer", "ml_engineer"),
    (r"data scientist", "data_scientist"),
    (r"data engineer", "data_engineer"),
    (r"data analyst", "data_analyst"),
    (r"\bai engineer|artificial intelligence engineer", "ai_engineer"),
    (r"software engineer|software developer", "software_engineer"),
)


# For titles people type that the data has no role for: the nearest role it has. Never
# used on data rows, so the bands stay what the postings say.
_NEAREST_ROLE_RULES: tuple[tuple[str, str], ...] = (
    (r"data architect|\betl\b|analytics engineer|big data", "data_engineer"),
    (r"business intelligence|\bbi (developer|engineer|analyst)|business analyst", "data_analyst"),
    (r"product analyst|quantitative analyst|analytics (analyst|specialist)", "data_analyst"),
    (r"ai architect|gen ?ai|generative ai|ai developer", "ai_engineer"),
    (r"devops|site reliability|\bsre\b|platform engineer|systems engineer", "software_engineer"),
    (r"back ?end|front ?end|full ?stack|member of technical staff|\bswe\b", "software_engineer"),
    (r"machine learning|deep learning", "ml_engineer"),
)

# Aliases people type that are too vague to classify a data row by.
_USER_ONLY_ALIASES = frozenset(
    {"developer", "programmer", "research", "researcher", "ds", "de", "da", "rs"}
)


def role_for_title(title: str, *, data_row: bool = False) -> str | None:
    """Map a job title (data row or user text) to a role key, or None."""
    text = normalise(title)
    if not text or (data_row and text in _USER_ONLY_ALIASES):
        return None
    hit = _alias_index("role").get(text)
    if hit is not None:
        return hit
    rules = _TITLE_RULES if data_row else _TITLE_RULES + _NEAREST_ROLE_RULES
    for pattern, key in rules:
        if re.search(pattern, text):
            return key
    return None


def nearest_role_note(title: str) -> str | None:
    """Says so when a typed title is estimated as the nearest role rather than its own."""
    text = normalise(title)
    if not text or _alias_index("role").get(text) is not None:
        return None
    if any(re.search(pattern, text) for pattern, _ in _TITLE_RULES):
        return None
    key = role_for_title(title)
    if key is None:
        return None
    shown = " ".join(title.split())[:40]
    return f"'{shown}' is not a role in the data: estimated as {label('role', key)}, the nearest."


# --- levels ------------------------------------------------------------------

LEVELS: tuple[Level, ...] = (
    Level("entry", "Entry (0-2 years)", 0, 2, "EN"),
    Level("mid", "Mid (3-5 years)", 3, 5, "MI"),
    Level("senior", "Senior (6-10 years)", 6, 10, "SE"),
    Level("principal", "Principal / Executive (10+ years)", 11, None, "EX"),
)
LEVEL_BY_CODE: dict[str, str] = {lv.data_code: lv.key for lv in LEVELS}
_LEVEL_ALIASES: dict[str, str] = {
    "entry": "entry",
    "en": "entry",
    "junior": "entry",
    "jr": "entry",
    "graduate": "entry",
    "intern": "entry",
    "new grad": "entry",
    "associate": "entry",
    "mid": "mid",
    "mi": "mid",
    "mid level": "mid",
    "midlevel": "mid",
    "intermediate": "mid",
    "senior": "senior",
    "se": "senior",
    "sr": "senior",
    "snr": "senior",
    "lead": "senior",
    "principal": "principal",
    "staff": "principal",
    "ex": "principal",
    "executive": "principal",
    "exec": "principal",
    "director": "principal",
    "head": "principal",
    "distinguished": "principal",
}


def level_for_years(years: int) -> str:
    for lv in LEVELS:
        if lv.max_years is None or years <= lv.max_years:
            return lv.key
    return LEVELS[-1].key


def level_key(text: str) -> str | None:
    t = normalise(text)
    return _LEVEL_ALIASES.get(t) or _LEVEL_ALIASES.get(t.split(" ")[0] if t else "")


# --- locations ---------------------------------------------------------------

COUNTRY_NAMES: dict[str, str] = {
    "AD": "Andorra",
    "AE": "United Arab Emirates",
    "AM": "Armenia",
    "AR": "Argentina",
    "AS": "American Samoa",
    "AT": "Austria",
    "AU": "Australia",
    "BA": "Bosnia and Herzegovina",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "BR": "Brazil",
    "CA": "Canada",
    "CF": "Central African Republic",
    "CH": "Switzerland",
    "CL": "Chile",
    "CO": "Colombia",
    "CR": "Costa Rica",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "DO": "Dominican Republic",
    "DZ": "Algeria",
    "EC": "Ecuador",
    "EE": "Estonia",
    "EG": "Egypt",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "GH": "Ghana",
    "GI": "Gibraltar",
    "GR": "Greece",
    "GT": "Guatemala",
    "HK": "Hong Kong",
    "HN": "Honduras",
    "HR": "Croatia",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IQ": "Iraq",
    "IT": "Italy",
    "JM": "Jamaica",
    "JO": "Jordan",
    "JP": "Japan",
    "KE": "Kenya",
    "KR": "South Korea",
    "LB": "Lebanon",
    "LS": "Lesotho",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "MD": "Moldova",
    "MK": "North Macedonia",
    "ML": "Mali",
    "MT": "Malta",
    "MU": "Mauritius",
    "MX": "Mexico",
    "MY": "Malaysia",
    "NG": "Nigeria",
    "NL": "Netherlands",
    "NO": "Norway",
    "NZ": "New Zealand",
    "PA": "Panama",
    "PE": "Peru",
    "PH": "Philippines",
    "PK": "Pakistan",
    "PL": "Poland",
    "PR": "Puerto Rico",
    "PT": "Portugal",
    "QA": "Qatar",
    "RO": "Romania",
    "RS": "Serbia",
    "RU": "Russia",
    "SA": "Saudi Arabia",
    "SE": "Sweden",
    "SG": "Singapore",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "SV": "El Salvador",
    "TH": "Thailand",
    "TR": "Turkey",
    "TW": "Taiwan",
    "UA": "Ukraine",
    "US": "United States",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "XK": "Kosovo",
    "ZA": "South Africa",
    "ZM": "Zambia",
}
# Big cities outside the US/Canadian areas map to their country's band.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("usa", "u.s", "u.s.a", "america", "united states of america", "states"),
    "GB": ("uk", "u.k", "britain", "great britain", "england", "scotland", "wales", "london"),
    "AE": ("uae", "dubai", "abu dhabi"),
    "DE": ("deutschland", "berlin", "munich", "hamburg"),
    "NL": ("holland", "the netherlands", "amsterdam"),
    "FR": ("paris",),
    "ES": ("madrid", "barcelona"),
    "IE": ("dublin",),
    "IN": ("bangalore", "bengaluru", "hyderabad", "mumbai", "delhi", "pune", "chennai"),
    "AU": ("sydney", "melbourne"),
    "SG": ("singapore city",),
    "CH": ("zurich", "geneva"),
    "PL": ("warsaw", "krakow"),
    "KR": ("korea", "republic of korea"),
    "CZ": ("czech republic",),
    "TR": ("turkiye",),
    "RU": ("russian federation",),
}

# US metros (BLS OEWS areas) and Canadian regions (Job Bank economic regions)
# that location-factors covers; their factors live in the built tables.
_AREAS: tuple[Location, ...] = (
    Location(
        "us-san-jose",
        "San Jose, CA",
        "metro",
        "US",
        "41940",
        ("silicon valley", "sunnyvale", "santa clara", "palo alto", "mountain view", "cupertino"),
    ),
    Location(
        "us-san-francisco",
        "San Francisco, CA",
        "metro",
        "US",
        "41860",
        ("sf", "san fran", "bay area", "sfba", "oakland", "berkeley", "frisco"),
    ),
    Location("us-seattle", "Seattle, WA", "metro", "US", "42660", ("bellevue", "redmond", "sea")),
    Location(
        "us-new-york",
        "New York, NY",
        "metro",
        "US",
        "35620",
        ("nyc", "ny", "new york city", "manhattan", "brooklyn", "jersey city"),
    ),
    Location(
        "us-los-angeles",
        "Los Angeles, CA",
        "metro",
        "US",
        "31080",
        ("la", "l.a", "santa monica", "long beach"),
    ),
    Location("us-boston", "Boston, MA", "metro", "US", "14460", ("cambridge ma", "bos")),
    Location(
        "us-washington-dc",
        "Washington, DC",
        "metro",
        "US",
        "47900",
        ("dc", "washington dc", "d.c", "arlington va", "dmv"),
    ),
    Location("us-denver", "Denver, CO", "metro", "US", "19740", ("boulder",)),
    Location("us-austin", "Austin, TX", "metro", "US", "12420", ("atx",)),
    Location("us-dallas", "Dallas, TX", "metro", "US", "19100", ("dfw", "fort worth")),
    Location("us-atlanta", "Atlanta, GA", "metro", "US", "12060", ("atl",)),
    Location("us-chicago", "Chicago, IL", "metro", "US", "16980", ("chi",)),
    Location("us-miami", "Miami, FL", "metro", "US", "33100", ("fort lauderdale",)),
    Location("us-raleigh", "Raleigh, NC", "metro", "US", "39580", ("research triangle", "durham")),
    Location("us-pittsburgh", "Pittsburgh, PA", "metro", "US", "38300", ("pgh",)),
    Location("ca-toronto", "Toronto, ON", "region", "CA", "ER3530", ("gta", "yyz")),
    Location("ca-montreal", "Montréal, QC", "region", "CA", "ER2440", ("mtl",)),
    Location("ca-vancouver", "Vancouver, BC", "region", "CA", "ER5920", ("yvr",)),
    Location("ca-calgary", "Calgary, AB", "region", "CA", "ER4830", ("yyc",)),
    Location("ca-ottawa", "Ottawa, ON", "region", "CA", "ER3510", ("yow",)),
    Location("ca-ontario", "Ontario (province)", "region", "CA", "ER35", ("on",)),
)

REMOTE = Location("remote", "Remote (anywhere)", "remote", None, None, ("wfh", "anywhere"))


def _build_locations() -> tuple[Location, ...]:
    countries = tuple(
        Location(
            code,
            name,
            "country",
            code,
            None,
            (code.lower(), *_COUNTRY_ALIASES.get(code, ())),
        )
        for code, name in sorted(COUNTRY_NAMES.items(), key=lambda kv: kv[1])
    )
    return (*_AREAS, *countries, REMOTE)


LOCATIONS: tuple[Location, ...] = _build_locations()
LOCATION_BY_KEY: dict[str, Location] = {loc.key: loc for loc in LOCATIONS}

# --- profile attributes --------------------------------------------------------

INDUSTRIES: tuple[Term, ...] = (
    Term("finance", "Finance and banking", ("banking", "fintech", "financial services", "bank")),
    Term("healthcare", "Healthcare and biotech", ("health", "biotech", "pharma", "medical")),
    Term("technology", "Technology and software", ("tech", "software", "it", "saas", "internet")),
    Term("retail", "Retail and e-commerce", ("ecommerce", "e-commerce", "consumer", "retail")),
    Term("manufacturing", "Manufacturing", ("industrial", "automotive", "supply chain")),
    Term("government", "Government", ("public sector", "gov", "defense", "defence")),
    Term("education", "Education", ("university", "academia", "higher education", "edtech")),
    Term("nonprofit", "Non-profit", ("non-profit", "ngo", "charity", "not for profit")),
    Term("consulting", "Consulting", ("consultancy", "professional services", "agency")),
    Term("other", "Other", ()),
)

EDUCATION: tuple[Term, ...] = (
    Term("none", "No degree", ("no degree", "high school", "self taught", "bootcamp", "dropout")),
    Term(
        "bachelors", "Bachelor's degree", ("bachelor", "bachelors", "bsc", "bs", "ba", "undergrad")
    ),
    Term("masters", "Master's degree", ("master", "masters", "msc", "ms", "ma", "meng", "mba")),
    Term("phd", "PhD / doctorate", ("phd", "ph.d", "doctorate", "dphil", "doctoral")),
)

CERTIFICATIONS: tuple[Term, ...] = (
    Term(
        "aws_ml",
        "AWS Certified Machine Learning – Specialty",
        ("aws ml", "aws machine learning", "aws ml specialty", "aws certified machine learning"),
    ),
    Term(
        "gcp_ml",
        "Google Cloud Professional ML Engineer",
        ("gcp ml", "google ml", "google cloud ml", "professional machine learning engineer"),
    ),
    Term("cds", "Certified Data Scientist", ("certified data scientist", "cds")),
    Term("azure_ai", "Azure AI Engineer Associate", ("azure ai", "ai-102", "microsoft ai")),
    Term("tensorflow_dev", "TensorFlow Developer Certificate", ("tensorflow developer", "tf dev")),
    Term("databricks_ml", "Databricks ML Professional", ("databricks", "databricks ml")),
    Term("aws_solutions", "AWS Solutions Architect", ("aws sa", "aws solutions architect")),
    Term("nvidia_dl", "NVIDIA Deep Learning Institute", ("nvidia", "nvidia dli")),
)

SKILLS: tuple[Term, ...] = (
    Term("python", "Python", ("py",)),
    Term("r", "R", ("rlang", "r language")),
    Term("julia", "Julia", ()),
    Term("java", "Java", ()),
    Term("scala", "Scala", ()),
    Term("sql", "SQL", ("postgres", "mysql")),
    Term("cpp", "C++", ("c++", "cplusplus")),
    Term("go", "Go", ("golang",)),
    Term("rust", "Rust", ()),
    Term("tensorflow", "TensorFlow", ("tf", "keras")),
    Term("pytorch", "PyTorch", ("torch",)),
    Term("deep_learning", "Deep learning", ("dl", "neural networks")),
    Term("nlp", "NLP", ("natural language processing",)),
    Term("computer_vision", "Computer vision", ("cv", "vision", "image recognition")),
    Term("llm", "LLMs / generative AI", ("genai", "generative ai", "gpt", "large language models")),
    Term(
        "cloud", "Cloud (AWS/GCP/Azure)", ("aws", "gcp", "azure", "google cloud", "cloud computing")
    ),
    Term("mlops", "MLOps", ("ml ops", "model deployment")),
    Term("spark", "Spark", ("pyspark", "apache spark", "databricks")),
)

COMPANY_TYPES: tuple[Term, ...] = (
    Term("big_tech", "Big tech", ("faang", "maang", "big tech", "large tech", "bigtech")),
    Term("enterprise", "Enterprise", ("corporate", "large company", "mid-size", "midsize")),
    Term("startup", "Startup", ("start-up", "small company", "scaleup", "scale-up")),
)

_TERMS: dict[str, tuple[Term, ...]] = {
    "role": ROLES,
    "industry": INDUSTRIES,
    "education": EDUCATION,
    "certification": CERTIFICATIONS,
    "skill": SKILLS,
    "company": COMPANY_TYPES,
}
KINDS: tuple[str, ...] = (
    "role",
    "location",
    "skill",
    "certification",
    "industry",
    "education",
    "company",
    "level",
)


def _entries(kind: str) -> Iterable[tuple[str, str, tuple[str, ...]]]:
    if kind == "location":
        return ((loc.key, loc.label, loc.aliases) for loc in LOCATIONS)
    if kind == "level":
        return (
            (lv.key, lv.label, tuple(a for a, k in _LEVEL_ALIASES.items() if k == lv.key))
            for lv in LEVELS
        )
    if kind not in _TERMS:
        raise KeyError(f"unknown kind {kind!r}")
    return ((t.key, t.label, t.aliases) for t in _TERMS[kind])


@cache
def _alias_index(kind: str) -> dict[str, str]:
    """Normalised key / label / alias -> key, for exact lookups."""
    index: dict[str, str] = {}
    for key, lab, aliases in _entries(kind):
        for text in (key, key.replace("_", " "), key.replace("-", " "), lab, *aliases):
            index.setdefault(normalise(text), key)
    if kind == "location":
        # "Seattle" as well as "Seattle, WA"; labels win over aliases.
        for loc in LOCATIONS:
            index.setdefault(normalise(loc.label.split(",")[0].split("(")[0]), loc.key)
    return index


@cache
def _labels(kind: str) -> dict[str, str]:
    return {key: lab for key, lab, _ in _entries(kind)}


def keys(kind: str) -> list[str]:
    return list(_labels(kind))


def label(kind: str, key: str) -> str:
    """Human label for a key; the key itself when unknown."""
    return _labels(kind).get(key, key)


def lookup(kind: str, text: str) -> str | None:
    """Exact (normalised) match on key, label or alias; roles also try title rules."""
    norm = normalise(text)
    hit = _alias_index(kind).get(norm)
    if hit is None and kind == "role":
        return role_for_title(text)
    if hit is None and kind == "location" and norm.upper() in COUNTRY_NAMES:
        return norm.upper()
    return hit


@cache
def _normalised_entries(kind: str) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(key, label, normalised label, normalised key and aliases), computed once per kind:
    autocomplete runs on every keystroke."""
    return tuple(
        (key, lab, normalise(lab), tuple(normalise(a) for a in (key, *aliases)))
        for key, lab, aliases in _entries(kind)
    )


def suggest(kind: str, text: str, limit: int = 25) -> list[tuple[str, str]]:
    """Autocomplete: (label, key) pairs, prefix matches first, then substrings."""
    norm = normalise(text)
    entries = _normalised_entries(kind)
    if not norm:
        return [(lab, key) for key, lab, _, _ in entries][:limit]
    ranked: list[tuple[int, int, str, str]] = []
    for order, (key, lab, nlab, naliases) in enumerate(entries):
        if nlab.startswith(norm):
            rank = 0
        elif any(a.startswith(norm) for a in naliases) or any(
            w.startswith(norm) for w in nlab.split()
        ):
            rank = 1
        elif norm in nlab or any(norm in a for a in naliases):
            rank = 2
        else:
            continue
        ranked.append((rank, order, lab, key))
    ranked.sort()
    return [(lab, key) for _, _, lab, key in ranked[:limit]]


def did_you_mean(kind: str, text: str, n: int = 3) -> list[str]:
    """Close labels for an unknown input, best first."""
    norm = normalise(text)[:60]
    if not norm:
        return []
    index = _alias_index(kind)
    labels = _labels(kind)
    close = get_close_matches(norm, list(index), n=n * 3, cutoff=0.6)
    out: list[str] = []
    for hit in close:
        lab = labels[index[hit]]
        if lab not in out:
            out.append(lab)
    if len(out) < n and len(norm) >= 3:
        # Fall back to labels with a word starting like the input ("seat" -> Seattle).
        for lab in labels.values():
            words = normalise(lab).split()
            if lab not in out and any(w.startswith(norm[:3]) for w in words):
                out.append(lab)
    return out[:n]
