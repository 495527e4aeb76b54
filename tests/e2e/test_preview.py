"""The live preview as an editor uses it: open pages follow every save, mistakes show on the page
until fixed, the published build is never touched, and no saved page is ever shown."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from harness import BASE_URL, Preview
from support import ROOT, edit_json, wait_until_offline_ready

TIP_LINE = "resources/hsi-tip-line.json"
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def preview(tmp_path):
    """A preview this test alone uses. Request it before `context`: pages close before the server
    stops (a page whose preview server has gone logs each attempt to reconnect as an error)."""
    served = Preview(tmp_path)
    yield served
    served.stop()


def close_pages(context) -> None:
    for page in context.pages:
        page.close()


def open_live(context, url: str):
    """A page of the preview, once it listens for new builds."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("html[data-preview=live]", state="attached")
    return page


def rename_tip_line(content_dir, title: str) -> None:
    edit_json(content_dir / TIP_LINE, lambda data: data.update(title=title))


def test_open_pages_show_a_saved_change_by_themselves(preview, context):
    entry = open_live(context, preview.url + "resources/hsi-tip-line/")
    home = open_live(context, preview.url)
    rename_tip_line(preview.content_dir, "HSI Tip Line (edited)")
    entry.locator("h1", has_text="HSI Tip Line (edited)").wait_for()
    home.locator(
        "main a[href$='/resources/hsi-tip-line/']", has_text="HSI Tip Line (edited)"
    ).wait_for()
    # Pages come from the server, not from a saved copy: a plain reload shows the newest build too.
    rename_tip_line(preview.content_dir, "HSI Tip Line (again)")
    entry.locator("h1", has_text="HSI Tip Line (again)").wait_for()
    entry.reload()
    assert entry.text_content("h1") == "HSI Tip Line (again)"
    assert entry.evaluate("caches.keys()") == []
    assert entry.text_content(".offline-status").startswith("Live preview:")


def test_a_template_change_shows_and_a_template_mistake_is_located(context, tmp_path, monkeypatch):
    """Compiled templates are kept between builds, but never once their file has changed."""
    import shutil

    from corner.preview import builder, session
    from corner.site import pages as render

    templates = tmp_path / "templates"  # a copy of the project's templates/, for this test to edit
    shutil.copytree(render.TEMPLATE_DIR, templates)
    for module in (render, builder, session):
        monkeypatch.setattr(module, "TEMPLATE_DIR", templates)
    preview = Preview(tmp_path)
    try:
        page = open_live(context, preview.url + "contacts/")
        contacts = templates / "contacts.html"
        original = contacts.read_text("utf-8")
        heading = page.text_content("h1")
        contacts.write_text(original.replace("<h1>", "<h1>Edited: ", 1), "utf-8")
        page.locator("h1", has_text=f"Edited: {heading}").wait_for()
        contacts.write_text(original + "{% if %}", "utf-8")
        problem = page.locator("#preview-problems", has_text="contacts.html:")
        problem.wait_for()
        assert re.search(r"templates/contacts\.html:\d+: ", problem.text_content())
        assert page.text_content("h1") == f"Edited: {heading}"
    finally:
        close_pages(context)
        preview.stop()


def test_a_mistake_shows_on_every_page_over_the_last_good_preview_until_it_is_fixed(
    preview, context
):
    pages = [
        open_live(context, preview.url + "resources/hsi-tip-line/"),
        open_live(context, preview.url),
    ]
    path = preview.content_dir / TIP_LINE
    good = path.read_text("utf-8")
    path.write_text(good.replace('"title":', '"titel":', 1), "utf-8")
    for page in pages:
        problems = page.locator("#preview-problems[role=alert]")
        problems.wait_for()
        text = problems.text_content()
        assert re.search(
            rf"{re.escape(str(path))}:\d+:\d+: "
            r"\$\.titel: unknown field \"titel\"; did you mean \"title\"\?",
            text,
        ), text
        assert "The preview is not up to date: 1 problem in the content" in text
    assert pages[0].text_content("h1") == "HSI Tip Line"  # the last good preview, still served
    pages[0].reload()
    pages[0].locator("#preview-problems").wait_for()  # a page opened meanwhile shows them too
    assert pages[0].text_content("h1") == "HSI Tip Line"

    path.write_text(good.replace('"HSI Tip Line"', '"HSI Tip Line (fixed)"', 1), "utf-8")
    pages[0].locator("h1", has_text="HSI Tip Line (fixed)").wait_for()
    for page in pages:
        page.locator("#preview-problems").wait_for(state="detached")


def test_the_problems_panel_is_accessible_in_light_and_dark(preview, new_context):
    (preview.content_dir / TIP_LINE).write_text("{ not json", "utf-8")
    for scheme in ("light", "dark"):
        page = new_context(color_scheme=scheme, viewport={"width": 320, "height": 640}).new_page()
        page.goto(preview.url)
        page.locator("#preview-problems", has_text="hsi-tip-line.json:1:3").wait_for()
        violations = Axe().run(page, options=WCAG_AA).response["violations"]
        hide = page.locator("#preview-problems button").bounding_box()
        assert hide["width"] >= 44 and hide["height"] >= 44
        page.click("#preview-problems button")
        assert page.locator("#preview-problems").is_hidden()
        assert [v["id"] for v in violations] == []


# What a page shows and is controlled by, to tell why the preview did not take it over.
TAKEOVER = """async () => ({
    h1: document.querySelector('h1')?.textContent,
    preview: document.documentElement.dataset.preview,
    controller: navigator.serviceWorker.controller?.state,
    registration: await navigator.serviceWorker.getRegistration().then((r) => r && {
        active: r.active?.state, waiting: r.waiting?.state, installing: r.installing?.state }),
    caches: await caches.keys(),
})"""


def test_a_saved_copy_of_the_published_app_at_the_same_address_never_shows_in_the_preview(
    context, own_site, tmp_path
):
    page = context.new_page()
    page.goto(own_site.url + "resources/hsi-tip-line/")
    wait_until_offline_ready(page)  # the published app, saved for offline use at this address
    port = own_site.server.port
    own_site.stop()
    preview = Preview(tmp_path / "preview", port=port)
    try:
        rename_tip_line(preview.content_dir, "HSI Tip Line (draft)")
        preview.session.rebuild()
        # The first answer may be the saved page; the preview's worker then takes over and reloads.
        page.reload()
        try:
            page.locator("h1", has_text="HSI Tip Line (draft)").wait_for()
        except PlaywrightTimeoutError:
            raise AssertionError(
                f"the preview never took over: {page.evaluate(TAKEOVER)}"
            ) from None
        page.wait_for_selector("html[data-preview=live]", state="attached")
        assert [name for name in page.evaluate("caches.keys()") if name.startswith("corner:")] == []
    finally:
        close_pages(context)
        preview.stop()


def snapshot(folder) -> dict[str, str]:
    return (
        {
            path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
        if folder.exists()
        else {}
    )


def test_a_preview_session_writes_nothing_into_dist_or_the_published_build(
    context, tmp_path, content_dir
):
    published = tmp_path / "published"
    assert (
        subprocess.run(
            [
                sys.executable,
                "build.py",
                "build",
                "--content",
                str(content_dir),
                "--out",
                str(published),
                "--base-url",
                BASE_URL,
            ],
            cwd=ROOT,
            capture_output=True,
        ).returncode
        == 0
    )
    before, dist_before = snapshot(published), snapshot(ROOT / "dist")
    (tmp_path / "tmp").mkdir()
    server = subprocess.Popen(
        [
            sys.executable,
            "build.py",
            "serve",
            "--content",
            str(content_dir),
            "--port",
            "0",
            "--base-url",
            BASE_URL,
            "--previous",
            str(published),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path / "tmp")},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # what Ctrl+C sends, as in a terminal
    try:
        url = next(
            found[1]
            for line in server.stdout
            if (found := re.search(r"preview at (http://\S+)", line))
        )
        page = open_live(context, url + "whats-new/")
        rename_tip_line(content_dir, "HSI Tip Line (draft)")
        # What's new in the preview: the change the next build would publish, over the published
        # history.
        page.locator(".changes > li").first.locator("a", has_text="HSI Tip Line (draft)").wait_for()
        assert page.locator(".changes > li").count() == 2
        assert next(folder.name for folder in (tmp_path / "tmp").iterdir()).startswith(
            "corner-preview-"
        )
    finally:
        close_pages(context)
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0 and output.rstrip().endswith("Stopped."), output
    assert snapshot(published) == before
    assert snapshot(ROOT / "dist") == dist_before
    assert list((tmp_path / "tmp").iterdir()) == []  # the preview folder is removed at the end
