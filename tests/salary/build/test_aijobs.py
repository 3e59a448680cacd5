from pathlib import Path

from bot.salary.build.aijobs import read_rows

from .rows import row, write


def test_postings_pair_range_ends(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.csv",
        [row("Data Scientist", 100), row("Data Scientist", 200), row("Data Scientist", 150)],
    )
    rows = list(read_rows(path))
    # the first two are the ends of one range; the third starts a new posting
    assert [r.posting for r in rows] == [0, 0, 1]
