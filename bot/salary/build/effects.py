"""Education, industry, company-size and skill effects from Stack Overflow 2023.

One ridge regression of ln(yearly pay) on US full-time respondents, with
controls for professional experience, developer type, remote status and
people management, so each effect is "same kind of job, differs in this".
Ridge (a small penalty toward zero) is the partial pooling here: a thin
group such as Julia users cannot claim a large effect on a few answers.

Each effect is then centred on the mix of data/ML respondents: the aijobs
bands already contain every education level, industry and skill, so saying
"master's degree" moves the band by (master's - average of the mix), and
saying nothing moves it not at all.

Source: Stack Overflow Developer Survey 2023 (ODbL 1.0).
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .stats import solve

SALARY_MIN, SALARY_MAX = 20_000.0, 1_000_000.0  # outside: junk or not a yearly wage
RIDGE = 25.0
MAX_EFFECT = 0.15  # |log effect| cap: these are associations, not guarantees
ML_DEVTYPES = frozenset(
    {
        "Data scientist or machine learning specialist",
        "Engineer, data",
        "Data or business analyst",
        "Research & Development role",
        "Scientist",
        "Academic researcher",
    }
)

EDUCATION = {
    "Bachelor's degree": "bachelors",
    "Master's degree": "masters",
    "Professional degree": "phd",  # SO2023 lumps PhD with JD/MD: an approximation
    "Some college/university study without earning a degree": "none",
    "Secondary school": "none",
    "Primary/elementary school": "none",
    "Associate degree": "_associate",
    "Something else": "_other",
}
INDUSTRY = {
    "Information Services, IT, Software Development, or other Technology": "technology",
    "Financial Services": "finance",
    "Insurance": "finance",
    "Healthcare": "healthcare",
    "Retail and Consumer Services": "retail",
    "Wholesale": "retail",
    "Manufacturing, Transportation, or Supply Chain": "manufacturing",
    "Higher Education": "education",
    "Other": "other",
    "Advertising Services": "other",
    "Oil & Gas": "other",
    "Legal Services": "other",
}
COMPANY = {
    "10,000 or more": "big_tech",  # approximation: size, not tech-ness
    "1,000-4,999": "enterprise",
    "5,000-9,999": "enterprise",
    "2-9": "startup",  # approximation: small, not necessarily a startup
    "10-19": "startup",
    "20-99": "startup",
    "100-499": "_mid",
    "500-999": "_mid",
}
LANGUAGES = {
    "Python": "python",
    "R": "r",
    "Julia": "julia",
    "Java": "java",
    "Scala": "scala",
    "SQL": "sql",
    "C++": "cpp",
    "Go": "go",
    "Rust": "rust",
}
CLOUDS = frozenset({"Amazon Web Services (AWS)", "Microsoft Azure", "Google Cloud"})
REFERENCE = {"education": "bachelors", "industry": "technology", "company": "_mid"}


def _years_bucket(text: str) -> str:
    try:
        years = float(text)
    except ValueError:
        return "exp_unknown"
    for top, name in ((2, "exp_0_2"), (5, "exp_3_5"), (10, "exp_6_10"), (20, "exp_11_20")):
        if years <= top:
            return name
    return "exp_21_plus"


def _features(rec: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Categorical values of interest and the list of active dummy names."""
    cats = {
        "education": EDUCATION.get(rec["EdLevel"], "_other"),
        "industry": INDUSTRY.get(rec["Industry"], "_unknown"),
        "company": COMPANY.get(rec["OrgSize"], "_unknown"),
    }
    langs = set(rec["LanguageHaveWorkedWith"].split(";"))
    platforms = set(rec["PlatformHaveWorkedWith"].split(";"))
    skills = [key for name, key in LANGUAGES.items() if name in langs]
    if platforms & CLOUDS:
        skills.append("cloud")
    active = [f"{k}={v}" for k, v in cats.items() if v != REFERENCE[k]]
    active += [f"skill={s}" for s in skills]
    active.append(_years_bucket(rec["YearsCodePro"]))
    active.append(f"dev={rec['DevType'] or 'unknown'}")
    active.append(f"remote={rec['RemoteWork'] or 'unknown'}")
    if rec["ICorPM"] == "People manager":
        active.append("manager")
    return cats | {"skills": ";".join(skills), "dev": rec["DevType"]}, active


def read_respondents(path: Path) -> list[tuple[float, dict[str, str], list[str]]]:
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if "Employed, full-time" not in rec["Employment"]:
                continue
            try:
                pay = float(rec["Salary"])
            except ValueError:
                continue
            if not SALARY_MIN <= pay <= SALARY_MAX:
                continue
            cats, active = _features(rec)
            out.append((math.log(pay), cats, active))
    return out


def ridge(rows: Iterable[tuple[float, list[str]]], names: list[str]) -> list[float]:
    """Ridge regression on 0/1 features (sparse rows), intercept unpenalised."""
    pos = {n: i + 1 for i, n in enumerate(names)}
    size = len(names) + 1
    xtx = [[0.0] * size for _ in range(size)]
    xty = [0.0] * size
    for y, active in rows:
        idx = [0, *(pos[a] for a in active if a in pos)]
        for i in idx:
            xty[i] += y
            row = xtx[i]
            for j in idx:
                row[j] += 1.0
    for i in range(1, size):
        xtx[i][i] += RIDGE
    return solve(xtx, xty)


def build(path: Path) -> dict[str, object]:
    data = read_respondents(path)
    counts = Counter(a for _, _, active in data for a in active)
    names = sorted(a for a, c in counts.items() if c >= 20)
    beta = ridge(((y, active) for y, _, active in data), names)
    coef = dict(zip(names, beta[1:], strict=True))
    ml = [cats for _, cats, _ in data if cats["dev"] in ML_DEVTYPES]

    def group(kind: str) -> dict[str, dict[str, float | int]]:
        values = sorted({cats[kind] for _, cats, _ in data} - {"_unknown"})
        mix = Counter(c[kind] for c in ml if c[kind] != "_unknown")
        total = sum(mix.values())
        b = {v: coef.get(f"{kind}={v}", 0.0) for v in values}
        centre = sum(mix[v] / total * b[v] for v in values)
        out: dict[str, dict[str, float | int]] = {}
        for v in values:
            if v.startswith("_"):
                continue
            effect = max(-MAX_EFFECT, min(MAX_EFFECT, b[v] - centre))
            out[v] = {
                "coef": round(b[v], 4),
                "n": sum(1 for _, c, _ in data if c[kind] == v),
                "mix_share": round(mix[v] / total, 3),
                "log_effect": round(effect, 4),
            }
        return out

    skills: dict[str, dict[str, float | int]] = {}
    for key in [*LANGUAGES.values(), "cloud"]:
        b = coef.get(f"skill={key}", 0.0)
        share = sum(1 for c in ml if key in c["skills"].split(";")) / len(ml)
        skills[key] = {
            "coef": round(b, 4),
            "n": counts.get(f"skill={key}", 0),
            "mix_share": round(share, 3),
            # Relative to the mix: having it moves by b*(1-share).
            "log_effect": round(max(-MAX_EFFECT, min(MAX_EFFECT, b * (1 - share))), 4),
        }
    return {
        "source": "Stack Overflow Developer Survey 2023, US full-time respondents (ODbL 1.0)",
        "n_respondents": len(data),
        "n_ml_respondents": len(ml),
        "salary_trim_usd": [SALARY_MIN, SALARY_MAX],
        "ridge_penalty": RIDGE,
        "education": group("education"),
        "industry": group("industry"),
        "company": group("company"),
        "skill": skills,
    }
