"""Effects with no open data behind them: small, labelled, and said so.

Each is a log multiplier relative to "not known". They are deliberately
modest (2-4%) because nothing measured supports a larger claim; the answer
always marks them as assumptions.
"""

from __future__ import annotations

from .said import N_, Said

CERTIFICATION_EFFECT: dict[str, float] = {
    "aws_ml": 0.03,
    "gcp_ml": 0.03,
    "azure_ai": 0.02,
    "cds": 0.02,
    "tensorflow_dev": 0.015,
    "databricks_ml": 0.02,
    "aws_solutions": 0.02,
    "nvidia_dl": 0.015,
}
CERTIFICATIONS_CAP = 0.05  # several certificates do not add up linearly

# Skills the survey subset cannot measure (it records languages and clouds only).
SKILL_EFFECT: dict[str, float] = {
    "tensorflow": 0.02,
    "pytorch": 0.03,
    "deep_learning": 0.03,
    "nlp": 0.03,
    "computer_vision": 0.02,
    "llm": 0.04,
    "mlops": 0.03,
    "spark": 0.02,
}
SKILLS_CAP = 0.12  # total skill effect, measured and assumed together

# Industries the survey has no category for.
INDUSTRY_EFFECT: dict[str, float] = {"government": -0.08, "nonprofit": -0.12, "consulting": 0.0}

# Equity a year as a share of base, by company type and level (low, high). No open
# data in this project measures it, so every figure is an assumption and says so.
# Big tech pays RSUs that can match base at senior levels; startups grant options
# whose value is uncertain (the article (2023) calls them lucrative "if the company
# does well"), so their low end is zero; enterprises grant little.
EQUITY_SHARE: dict[str, dict[str, tuple[float, float]]] = {
    "big_tech": {
        "entry": (0.10, 0.25),
        "mid": (0.20, 0.45),
        "senior": (0.40, 1.00),
        "principal": (0.60, 1.50),
        "any": (0.20, 0.60),
    },
    "startup": {
        "entry": (0.0, 0.10),
        "mid": (0.0, 0.15),
        "senior": (0.0, 0.25),
        "principal": (0.0, 0.40),
        "any": (0.0, 0.20),
    },
    "enterprise": {
        "entry": (0.0, 0.05),
        "mid": (0.0, 0.10),
        "senior": (0.05, 0.15),
        "principal": (0.10, 0.30),
        "any": (0.0, 0.10),
    },
    # Company type not given: a broad range between the three.
    "": {
        "entry": (0.0, 0.10),
        "mid": (0.05, 0.15),
        "senior": (0.10, 0.30),
        "principal": (0.20, 0.50),
        "any": (0.0, 0.25),
    },
}
EQUITY_KIND: dict[str, Said] = {
    "big_tech": Said(N_("RSUs, valued at grant")),
    "startup": Said(N_("options, paper value that may come to nothing")),
    "enterprise": Said(N_("stock awards, where offered")),
    "": Said(N_("depends on company type")),
}
