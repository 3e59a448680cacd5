import re

import pytest

from bot.salary import taxonomy as tx
from bot.salary.typed_words import nearest_role_note


@pytest.mark.parametrize(
    ("kind", "text", "key"),
    [
        ("role", "MLE", "ml_engineer"),
        ("role", "Applied Scientist", "research_scientist"),
        ("role", "SDE", "software_engineer"),
        ("role", "Senior Machine Learning Engineer II", "ml_engineer"),
        ("role", "mlops", "mlops_engineer"),
        ("location", "SF", "us-san-francisco"),
        ("location", "silicon valley", "us-san-jose"),
        ("location", "seattle", "us-seattle"),
        ("location", "Montreal", "ca-montreal"),
        ("location", "gb", "GB"),
        ("location", "Germany", "DE"),
        ("location", "uk", "GB"),
        ("education", "PhD", "phd"),
        ("skill", "pyspark", "spark"),
        ("company", "FAANG", "big_tech"),
        ("certification", "aws ml", "aws_ml"),
    ],
)
def test_lookup_aliases(kind: str, text: str, key: str) -> None:
    assert tx.lookup(kind, text) == key


def test_vague_titles_do_not_classify_data_rows() -> None:
    assert tx.role_for_title("Developer", data_row=True) is None
    assert tx.role_for_title("Engineer", data_row=True) is None
    assert tx.role_for_title("Developer") == "software_engineer"


def test_suggest_puts_prefix_matches_first() -> None:
    out = tx.suggest("location", "san")
    labels = [label for label, _ in out]
    assert labels[:2] == ["San Jose, CA", "San Francisco, CA"]
    assert all(isinstance(key, str) for _, key in out)
    # "scien" starts a word of "Research / Applied Scientist" but the label of neither
    sci = [label for label, _ in tx.suggest("role", "scien")]
    assert sci[:2] == ["Data Scientist", "Research / Applied Scientist"]
    assert len(tx.suggest("skill", "", limit=5)) == 5


def test_suggest_alias_hits() -> None:
    keys = [key for _, key in tx.suggest("location", "nyc")]
    assert keys == ["us-new-york"]


def test_did_you_mean_and_label() -> None:
    assert "Seattle, WA" in tx.did_you_mean("location", "seatle")
    assert tx.did_you_mean("role", "data sceintist")[0] == "Data Scientist"
    assert tx.label("role", "ml_engineer") == "Machine Learning Engineer"
    assert tx.label("role", "nope") == "nope"


def test_levels_cover_all_years() -> None:
    assert [tx.level_for_years(y) for y in (0, 2, 3, 5, 6, 10, 11, 50)] == [
        "entry",
        "entry",
        "mid",
        "mid",
        "senior",
        "senior",
        "principal",
        "principal",
    ]
    assert tx.level_key("Sr") == "senior"
    # The data has no staff level (EN/MI/SE/EX only): staff is read as senior.
    assert tx.level_key("staff") == "senior"


def test_typed_titles_without_a_role_get_the_nearest_and_say_so() -> None:
    assert tx.lookup("role", "DevOps Engineer") == "software_engineer"
    assert tx.lookup("role", "Data Architect") == "data_engineer"
    assert tx.lookup("role", "BI developer") == "data_analyst"
    note = nearest_role_note("DevOps Engineer")
    assert note is not None and "estimated as Software Engineer" in str(note)
    # Data rows never borrow a nearest role: the bands keep what postings say.
    assert tx.role_for_title("DevOps Engineer", data_row=True) is None
    # Known roles and their aliases need no note.
    assert nearest_role_note("MLE") is None
    assert nearest_role_note("Senior Data Scientist") is None


def test_hand_written_data_points_at_known_keys() -> None:
    # taxonomy.json is edited by hand: a typo in a key would fail silently at lookup time.
    roles = set(tx.keys("role"))
    for pattern, key in (*tx._TITLE_RULES, *tx._NEAREST_ROLE_RULES):
        re.compile(pattern)
        assert key in roles, (pattern, key)
    assert set(tx._LEVEL_ALIASES.values()) <= set(tx.keys("level"))
    assert set(tx._COUNTRY_ALIASES) <= set(tx.COUNTRY_NAMES)
    for kind in (
        "role",
        "location",
        "level",
        "skill",
        "certification",
        "industry",
        "education",
        "company",
    ):
        assert len(tx.keys(kind)) == len(set(tx.keys(kind))), kind


TITLE_WORDS = ("senior", "sr", "Sr.", "staff", "lead", "principal", "junior", "jr", "intern")


@pytest.mark.parametrize("word", TITLE_WORDS)
def test_title_words_combine_with_every_role_alias(word: str) -> None:
    for role in tx.ROLES:
        for alias in (role.key, role.label, *role.aliases):
            assert tx.lookup("role", f"{word} {alias}") == role.key, (word, alias)
            # A known role with its title words is no "nearest role".
            assert nearest_role_note(f"{word} {alias}") is None, (word, alias)
        level = tx.level_in_title(f"{word} {role.aliases[0]}")
        assert level is not None and level[0] == tx.level_key(word.rstrip("."))


def test_title_words_and_grades_after_the_role() -> None:
    assert tx.split_title("Sr. MLE II") == (("senior", "sr"), "mle")
    assert tx.split_title("data science intern") == (("entry", "intern"), "data science")
    assert tx.lookup("role", "MLE 3") == "ml_engineer"
    # One word always stays: a title word alone is not a role.
    assert tx.split_title("Senior") == (None, "senior")
    assert tx.lookup("role", "senior") is None


def test_data_rows_are_read_as_written() -> None:
    # The bands stay what the postings say: title words are set aside for typed roles only.
    assert tx.role_for_title("Senior MLE", data_row=True) is None
    assert tx.role_for_title("Senior MLE") == "ml_engineer"


def test_did_you_mean_looks_past_title_words() -> None:
    assert tx.did_you_mean("role", "senior ml enginer")[0] == "Machine Learning Engineer"
    assert tx.did_you_mean("role", "staf mle")[0] == "Machine Learning Engineer"
    assert tx.did_you_mean("role", "sr data sceintist")[0] == "Data Scientist"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Hiring MLEs in Berlin", "ml_engineer"),
        ("We need Data Scientists, fast", "data_scientist"),
        ("Hiring MLEs to join our data science team", "ml_engineer"),
        ("Two SWEs wanted", "software_engineer"),
        ("Senior Machine Learning Engineer", "ml_engineer"),
    ],
)
def test_the_role_a_posting_names_plural_or_not(text: str, key: str) -> None:
    assert tx.role_in_text(text) == key


@pytest.mark.parametrize(
    ("written", "code"),
    [("Alemanha", "DE"), ("Schweiz", "CH"), ("Suíça", "CH"), ("Vereinigte Staaten", "US")],
)
def test_countries_are_found_as_german_and_brazilian_members_write_them(
    written: str, code: str
) -> None:
    assert tx.lookup("location", written) == code
