"""Effects with no open data behind them: small, labelled, and said so.

Each is a log multiplier relative to "not known". They are deliberately
modest (2-4%) because nothing measured supports a larger claim; the answer
always marks them as assumptions.
"""

from __future__ import annotations

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

# Equity as a share of base, growing with level (typical low/high).
EQUITY_SHARE: dict[str, tuple[float, float]] = {
    "entry": (0.0, 0.10),
    "mid": (0.05, 0.15),
    "senior": (0.10, 0.30),
    "principal": (0.20, 0.50),
    "any": (0.0, 0.25),
}
EQUITY_COMPANY_SCALE: dict[str, float] = {"big_tech": 1.5, "enterprise": 0.6, "startup": 1.0}
