"""The live preview's parts: its builds (only what changed is written; a failure keeps the last
good one), the reload channel, kept templates, and a published build with none of it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from corner.content import check_content
from corner.preview.builder import NO_BUILD, PreviewBuilder, TemplateMemory
from corner.preview.server import ReloadChannel
from corner.site import render_site
from corner.site.service_worker import SERVICE_WORKER
from support import DEFAULT_CONTENT, edit_json


@pytest.fixture(scope="module")
def content():
    return check_content(DEFAULT_CONTENT)[0]


def test_a_published_build_holds_nothing_of_the_preview(content):
    published = render_site(content, "/corner/")
    assert not [
        path for path, data in published.items() if b"_preview" in data or "preview" in path
    ]
    assert (
        b'id="offline-status"' in published["index.html"]
        and b'id="update-banner"' in published["index.html"]
    )
    assert SERVICE_WORKER in published


def test_every_preview_page_loads_the_preview_script_and_the_preview_has_no_service_worker(content):
    preview = render_site(content, "/corner/", preview=True)
    pages = [path for path in preview if path.endswith(".html")]
    assert len(pages) > 25
    for path in pages:
        assert (
            b'<script type="module" src="/corner/_preview/preview.js"></script>' in preview[path]
        ), path
        assert (
            b'id="offline-status"' not in preview[path]
        )  # nothing tells the editor "ready to work offline"
    assert SERVICE_WORKER not in preview  # the preview server answers with its own


@pytest.fixture
def builder(content_dir, tmp_path):
    folder = tmp_path / "preview"
    folder.mkdir()
    return PreviewBuilder(content_dir, folder, "/", previous=None)


def files_in(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_rebuild_writes_only_what_changed_and_removes_what_is_gone(builder, content_dir):
    first = builder.rebuild()
    assert first.written > 40 and not first.failed and first.build != NO_BUILD
    assert (
        builder.rebuild().written == 0 and builder.build == first.build
    )  # nothing changed: no reload either
    edit_json(
        content_dir / "resources/foia-library.json",
        lambda d: d.update(summary=d["summary"] + " More."),
    )
    again = builder.rebuild()
    assert 0 < again.written < 20 and again.build != first.build
    (content_dir / "resources/tool-kit-for-prosecutors.json").unlink()
    for section in (content_dir / "sections").glob("*.json"):
        edit_json(
            section,
            lambda d: d.update(
                resources=[r for r in d["resources"] if r != "tool-kit-for-prosecutors"]
            ),
        )
    builder.rebuild()
    assert not (builder.folder / "resources/tool-kit-for-prosecutors/index.html").exists()
    assert not [name for name in files_in(builder.folder) if name.endswith(".new")]


def test_a_failed_rebuild_keeps_the_last_good_preview_and_names_every_problem(builder, content_dir):
    good = builder.rebuild()
    before = files_in(builder.folder)
    edit_json(content_dir / "resources/foia-library.json", lambda d: d.update(title=12))
    edit_json(content_dir / "resources/hsi-tip-line.json", lambda d: d.update(related=["nope"]))
    failed = builder.rebuild()
    assert (
        failed.failed
        and failed.build == good.build
        and failed.summary == "2 error(s), 0 warning(s)"
    )
    assert [problem.split(": ", 2)[1] for problem in failed.problems] == ["$.title", "$.related[0]"]
    assert files_in(builder.folder) == before


def test_the_channel_tells_each_listener_the_state_now_then_every_change_and_ends_when_closed():
    channel = ReloadChannel()
    seen, state = channel.next(-1, timeout=0)
    assert state == {"build": NO_BUILD, "problems": []}
    assert channel.next(seen, timeout=0) == (seen, None)  # nothing new: a keep-alive
    channel.publish(NO_BUILD, [])
    assert channel.next(seen, timeout=0) == (seen, None)  # the same state again is no news
    heard = []
    listener = threading.Thread(target=lambda: heard.append(channel.next(seen, timeout=30)))
    listener.start()
    channel.publish("a-1", ["x.json:1:1: $: broken"])
    listener.join(timeout=30)
    assert heard == [(seen + 1, {"build": "a-1", "problems": ["x.json:1:1: $: broken"]})]
    channel.close()
    assert channel.next(seen + 1, timeout=30) is None


def test_kept_templates_are_used_only_while_their_source_is_unchanged(tmp_path):
    memory = TemplateMemory()
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", "utf-8")

    def render():
        env = Environment(
            loader=FileSystemLoader(tmp_path), bytecode_cache=memory, auto_reload=False
        )
        return env.get_template("page.html").render(title="Tip Line")

    assert render() == "<h1>Tip Line</h1>"
    [(key, (_checksum, code))] = memory.compiled.items()
    assert render() == "<h1>Tip Line</h1>"
    assert memory.compiled[key][1] is code  # not compiled again
    (tmp_path / "page.html").write_text("<h2>{{ title }}</h2>", "utf-8")
    assert render() == "<h2>Tip Line</h2>"


@pytest.mark.parametrize(
    "edit",
    [
        lambda c: edit_json(
            c / "resources/foia-library.json", lambda d: d.update(title="FOIA Library (renamed)")
        ),
        # Shown on the pages of the entries that are in this section, or that list this entry as
        # related:
        lambda c: edit_json(
            c / "sections/criminal-law-enforcement-resources.json",
            lambda d: d.update(title="Criminal"),
        ),
        lambda c: edit_json(
            c / "resources/hsi-tip-line.json", lambda d: d.update(title="Tip Line", summary="New.")
        ),
        lambda c: edit_json(c / "site.json", lambda d: d.update(title="Another Corner")),
    ],
    ids=["entry", "section", "related entry", "site"],
)
def test_a_rebuild_that_reuses_kept_parts_equals_a_build_from_scratch(
    builder, content_dir, tmp_path, edit
):
    builder.rebuild()
    edit(content_dir)
    assert builder.rebuild().written
    fresh = PreviewBuilder(content_dir, tmp_path / "fresh", "/", previous=None)
    fresh.folder.mkdir()
    fresh.rebuild()
    assert files_in(builder.folder) == files_in(fresh.folder)
    assert len(builder.parts.parts) == 20


def test_a_one_entry_change_renders_and_indexes_that_entry_alone(builder, content_dir):
    builder.rebuild()
    before = dict(builder.files)
    assert len(builder.parts.made) == 20  # the first build makes every entry
    edit_json(
        content_dir / "resources/foia-library.json",
        lambda d: d.update(title="FOIA Library (renamed)"),
    )
    assert builder.rebuild().written
    assert builder.parts.made == ["foia-library"]  # What's new changed too, and no entry shows it
    assert builder.parts.sections_made == [  # the pages of the sections listing it
        section["id"]
        for section in check_content(content_dir)[0].sections
        if "foia-library" in section["resources"]
    ]
    index = (builder.folder / "search-docs.json").read_text("utf-8")
    assert "FOIA Library (renamed)" in index
    # The other entries' pages are not filled again, nor hashed to find them unchanged.
    refilled = [path for path in before if path.startswith("resources/")]
    refilled = [path for path in refilled if builder.files[path] is not before[path]]
    assert refilled == ["resources/foia-library/index.html"]


def test_the_edition_is_found_where_an_entry_template_names_it_not_in_its_attributes():
    from corner.site.entry_pages import EDITION_NAME, TEMPLATE_CODE

    def names(template: str) -> bool:
        return any(EDITION_NAME.search(code) for code in TEMPLATE_CODE.findall(template))

    assert names("<p>{{ edition.date | as_of }}</p>") and names("{% set shown = edition %}")
    assert not names('<html data-edition="{{ page_data.edition }}">')


def test_a_save_that_keeps_the_size_and_the_time_of_a_file_is_seen(builder, content_dir):
    # Files saved long ago: a rebuild takes them as they were when their size and times are.
    for path in content_dir.rglob("*.json"):
        os.utime(path, (time.time() - 3600,) * 2)
    builder.rebuild()
    builder.rebuild()
    entry = content_dir / "resources/foia-library.json"
    saved = entry.stat()
    entry.write_text(entry.read_text("utf-8").replace('"FOIA Library"', '"FOIA Librarx"'), "utf-8")
    os.utime(entry, ns=(saved.st_atime_ns, saved.st_mtime_ns))  # as `cp -p` or a checkout may
    assert entry.stat().st_size == saved.st_size
    assert builder.rebuild().written
    page = (builder.folder / "resources/foia-library/index.html").read_text("utf-8")
    assert "<h1>FOIA Librarx</h1>" in page


def test_a_file_the_watcher_names_is_read_again_however_its_path_is_spelled(
    content_dir, tmp_path, monkeypatch
):
    from corner.content import known

    for path in content_dir.rglob("*.json"):
        os.utime(path, (time.time() - 3600,) * 2)
    monkeypatch.chdir(content_dir.parent)
    relative = Path(content_dir.name)
    check_content(relative)
    check_content(relative)  # the second load remembers the files it found valid
    entry = relative / "resources/foia-library.json"
    assert known.recall(entry, known.stat_of(entry)) is not None
    known.forget([entry.resolve()])  # as watchfiles names it
    assert known.recall(entry, known.stat_of(entry)) is None
