from bot.salary.build import tables
from bot.salary.paths import DATA_DIR


def test_shipped_tables_equal_a_fresh_build() -> None:
    fresh = tables.build_tables()
    for name in tables.TABLES:
        assert (DATA_DIR / f"{name}.json").read_bytes() == fresh[name], f"{name}.json is stale"
    assert tables.digest(fresh) == tables.digest(tables.build_tables())  # deterministic
    assert sum(len(b) for b in fresh.values()) < 600_000
