"""``timeline``: bins labelled as people write them, whatever the dates; counts that add up."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.cli.timeline import bin_label
from tests.store_builder import build_store, draft

NAMES = {"Kenya": ("Kenya", "place")}


def written(day: date, bin_: str) -> str:
    """How a person names the year, month, ISO week or day ``day`` lies in (from the day itself)."""
    iso_year, week, _ = day.isocalendar()
    return {
        "year": f"{day.year:04d}",
        "month": f"{day.year:04d}-{day.month:02d}",
        "week": f"{iso_year:04d}-W{week:02d}",
        "day": day.isoformat(),
    }[bin_]


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1, 1, 8), date(9999, 12, 24)), st.sampled_from(["day", "week", "month", "year"]))
def test_a_bin_is_labelled_by_what_every_day_in_it_is_called(day, bin_) -> None:
    from explorer.core.store.timeline import bin_start

    assert bin_label(bin_start(day, bin_), bin_) == written(day, bin_)


DAYS = st.lists(st.integers(0, 3 * 366), min_size=1, max_size=12)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1400, 2090), DAYS, st.integers(0, 2), st.sampled_from(["day", "week", "month", "year"]))
def test_the_cli_counts_each_mention_in_the_bin_named_like_its_day(tmp_path_factory, year, offsets, undated, bin_):
    days = [date(year, 1, 1) + timedelta(days=offset) for offset in offsets]
    path = tmp_path_factory.mktemp("timeline") / "t.db"
    articles = [draft(f"Article {i}", f"Kenya, number {i}.", day) for i, day in enumerate(days)]
    articles += [draft(f"Undated {i}", f"Kenya, undated {i}.") for i in range(undated)]
    build_store(path, articles, NAMES).close()
    result = CliRunner().invoke(main, ["timeline", "Kenya", "--by", bin_, "--json", "--db", str(path)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    dated = [row for row in rows if row["bin"] != "undated"]
    assert {row["bin"]: row["count"] for row in dated} == Counter(written(day, bin_) for day in days)
    assert [row["bin"] for row in dated] == sorted(row["bin"] for row in dated)
    assert rows[len(dated) :] == ([{"bin": "undated", "count": undated}] if undated else [])  # last, if any
    table = CliRunner().invoke(main, ["timeline", "Kenya", "--by", bin_, "--db", str(path)]).stdout.splitlines()
    assert table[0] == f"Kenya (place), mentions per {bin_}:" and table[1].split() == ["bin", "count"]
    assert [line.split()[0] for line in table[3:]] == [row["bin"] for row in rows]


def test_bins_by_year_month_week_and_day_read_as_written(tmp_path) -> None:
    path = tmp_path / "t.db"
    days = [date(1987, 3, 16), date(1987, 3, 22), date(1987, 12, 31), date(1400, 1, 1)]
    build_store(path, [draft(f"A{i}", "Kenya.", day) for i, day in enumerate(days)], NAMES).close()

    def bins(bin_: str) -> list[str]:
        result = CliRunner().invoke(main, ["timeline", "Kenya", "--by", bin_, "--csv", "--db", str(path)])
        return [line.split(",")[0] for line in result.stdout.splitlines()[1:]]

    assert bins("year") == ["1400", "1987"]
    assert bins("month") == ["1400-01", "1987-03", "1987-12"]
    assert bins("week") == ["1400-W01", "1987-W12", "1987-W53"]
    assert bins("day") == ["1400-01-01", "1987-03-16", "1987-03-22", "1987-12-31"]
