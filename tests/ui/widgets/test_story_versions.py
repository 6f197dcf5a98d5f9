"""The reader's versions line: counted, listed with dates, sources and likeness; hidden when empty."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.store.story_reads import Version
from explorer.ui.widgets.story_versions import StoryVersions, version_text

versions = st.lists(
    st.builds(
        Version,
        id=st.integers(1, 10**6),
        title=st.text(max_size=20),
        published=st.none() | st.dates().map(str),
        source=st.none() | st.text(max_size=10),
        similarity=st.floats(0, 1),
    ),
    max_size=5,
)


@settings(max_examples=30, deadline=None)
@given(versions, st.lists(st.text(min_size=1, max_size=15), max_size=3))
def test_the_line_counts_and_lists_every_version_and_path(qapp, found, paths):
    widget = StoryVersions()  # qapp, not qtbot: hypothesis runs many examples in one test
    widget.show_story(found, paths)
    assert widget.isHidden() == (not found and not paths)
    assert widget.picker.count() == len(found)
    assert [widget.picker.itemData(i) for i in range(len(found))] == [v.id for v in found]
    if found:
        assert widget.label.text().startswith(f"{len(found)} other version")
    assert widget.paths.isHidden() == (not paths)


def test_a_version_reads_as_date_source_and_likeness():
    assert version_text(Version(1, "T", "1987-03-04", "Reuters", 0.934)) == "1987-03-04 · Reuters · 93% alike"
    assert version_text(Version(1, "T", None, None, 1.0)) == "undated · no source · 100% alike"


def test_compare_and_open_name_the_chosen_version(qtbot):
    widget = StoryVersions()
    qtbot.addWidget(widget)
    widget.show_story([Version(7, "A", None, None, 0.9), Version(9, "B", None, None, 0.85)], [])
    widget.picker.setCurrentIndex(1)
    with qtbot.waitSignal(widget.compare_requested) as compared:
        widget.compare_button.click()
    with qtbot.waitSignal(widget.open_requested) as opened:
        widget.open_button.click()
    assert compared.args == [9] and opened.args == [9]
