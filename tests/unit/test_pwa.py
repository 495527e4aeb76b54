"""What the build emits for the browser: precache list, manifest, service worker."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter

import pytest

from corner.content import check_content
from corner.errors import CornerError
from corner.site import render_site
from corner.site import service_worker as pwa
from corner.site.assets import PAGE_SEARCH_ENTRIES, page_data, storage_prefix
from corner.site.entry_pages import (
    PAGE_PARTS,
    KeptParts,
    chunk_count,
    chunk_of,
    entry_page_files,
    fill_shell,
)
from support import DEFAULT_CONTENT, read_build


@pytest.fixture(scope="module")
def files():
    content, _ = check_content(DEFAULT_CONTENT)
    return render_site(content, "/corner/")


def entry_pages(files) -> dict[str, bytes]:
    return {
        path.split("/")[1]: data for path, data in files.items() if path.startswith("resources/")
    }


def test_precache_names_every_file_of_the_build_but_entry_pages(files):
    precache = read_build(files["sw.js"])["precache"]
    expected = {
        "/corner/" + path.removesuffix("index.html")
        for path in files
        if path not in ("sw.js", "content-manifest.json", "404.html")
        and not path.startswith("resources/")
        and not (
            path.startswith("assets/icons/")
            and path.endswith(".png")
            and path != "assets/icons/apple-touch-icon.png"
        )
    }
    assert set(precache) == expected
    assert (
        "/corner/" in precache
        and "/corner/sections/criminal-law-enforcement-resources/" in precache
    )
    assert (
        "/corner/offline/" in precache and "/corner/assets/icons/icon.svg" in precache
    )  # the pages' own icon
    # Every page links the iPhone's icon, and Firefox loads it with each page: offline too.
    assert "/corner/assets/icons/apple-touch-icon.png" in precache
    assert not any(
        url.endswith(("192.png", "512.png")) for url in precache
    )  # read when installing, online
    assert (
        "/corner/resource-pages/shell.txt" in precache
        and "/corner/resource-pages/0.json" in precache
    )
    assert len(precache) == len(set(precache))


def test_every_entry_page_is_the_precached_shell_filled_with_its_precached_parts(files):
    """What the service worker serves offline for an entry is the server's page, byte for byte."""
    shell = files["resource-pages/shell.txt"].decode()
    parts = {}
    for path, data in files.items():
        if path.startswith("resource-pages/") and path.endswith(".json"):
            parts.update(json.loads(data))
    pages = entry_pages(files)
    assert len(pages) == 20 and set(parts) == set(pages)
    for entry_id, page in pages.items():
        assert fill_shell(shell, parts[entry_id]).encode() == page, entry_id
    assert "<!--corner:" not in files["resources/hsi-tip-line/index.html"].decode()


def test_the_worker_is_told_the_shell_s_markers_and_where_the_parts_are(files):
    pages = read_build(files["sw.js"])["entryPages"]
    shell = files["resource-pages/shell.txt"].decode()
    # In the shell's order (<title>, the description's <meta>, <main>), as a chunk lists the parts.
    assert re.findall(pages["marker"], shell) == pages["parts"] == list(PAGE_PARTS)
    assert pages["prefix"] + "hsi-tip-line/" == "/corner/" + "resources/hsi-tip-line/"
    assert "hsi-tip-line" in json.loads(
        files[pages["chunk"].format(number=0).removeprefix("/corner/")]
    )


@pytest.mark.parametrize(
    "named",
    ["/corner/offline/", "/corner/resource-pages/shell.txt", "/corner/resource-pages/0.json"],
)
def test_a_worker_naming_a_file_it_does_not_precache_is_refused(files, named):
    build = read_build(files["sw.js"])
    del build["precache"][named]
    with pytest.raises(CornerError) as refused:
        pwa.check_named_files(build)
    assert refused.value.message == f"the service worker names {named}, which it does not precache"


def page_attributes(page: bytes) -> dict[str, str]:
    """The data- attributes of a page's <html> element."""
    tag = re.search(rb"<html\b[^>]*>", page)[0].decode()
    return dict(re.findall(r'\bdata-([a-z-]+)="([^"]*)"', tag))


def test_pages_search_themselves_up_to_a_few_hundred_entries_and_in_a_worker_beyond():
    assert page_data("/", PAGE_SEARCH_ENTRIES)["search"] == "page"
    assert page_data("/", PAGE_SEARCH_ENTRIES + 1)["search"] == "worker"


def test_every_page_tells_its_scripts_the_files_and_storage_names_of_its_build(files):
    told = page_data("/corner/", 20)
    pages = [path for path in files if path.endswith(".html")]
    assert len(pages) > 30
    for path in pages:
        attributes = page_attributes(files[path])
        assert {name: attributes.get(name) for name in told} == told, path
    assert files[told["worker"].removeprefix("/corner/")].startswith(b"// Written by build.py")
    assert set(json.loads(files[told["edition"].removeprefix("/corner/")])) == {
        "content",
        "date",
        "label",
    }
    assert read_build(files["sw.js"])["storage"] == told["storage"]


def test_what_earlier_versions_kept_on_a_device_keeps_its_name():
    # Favorites, recently viewed and the theme are stored under this prefix, caches named with it:
    # another would lose an officer's list at the next update, and leave the old caches behind.
    assert storage_prefix("/corner/") == "corner:/corner/:"


def test_entries_are_spread_over_chunks_so_that_one_edit_changes_one_chunk():
    ids = [f"entry-{number}" for number in range(10_000)]
    count = chunk_count(len(ids))
    assert count == 256 and chunk_count(20) == 1
    sizes = Counter(chunk_of(entry_id, count) for entry_id in ids)
    assert len(sizes) == count and max(sizes.values()) < 2 * len(ids) / count
    parts = {entry_id: [entry_id, "", ""] for entry_id in ids}
    kept = KeptParts()
    before = entry_page_files("shell", parts, kept)
    after = entry_page_files("shell", dict(parts, **{"entry-42": ["renamed", "", ""]}), kept)
    assert [path for path in before if before[path] != after[path]] == [
        f"resource-pages/{chunk_of('entry-42', count)}.json"
    ]
    # The live preview's next build encodes only that chunk again.
    assert [path for path in before if before[path] is not after[path]] == [
        f"resource-pages/{chunk_of('entry-42', count)}.json",
        "resource-pages/shell.txt",
    ]


def test_every_page_in_the_url_contract_is_built(files):
    pages = {path for path in files if path.endswith(".html")}
    assert {"index.html", "search/index.html", "offline/index.html", "404.html"} <= pages
    assert sum(p.startswith("resources/") for p in pages) == 20
    assert sum(p.startswith("sections/") for p in pages) == 4  # 3 sections and their list


def test_cache_version_changes_when_any_file_changes(files):
    changed = dict(files, **{"resource-pages/0.json": files["resource-pages/0.json"] + b" "})

    def version(built, worker=b"worker code"):
        return pwa.build_version(pwa.precache_list(built, "/corner/"), worker)

    assert version(changed) != version(files)
    assert version(files, b"new worker code") != version(files)
    assert version(dict(files)) == version(files)


def test_manifest_is_scoped_to_the_base_url_and_installable(files):
    manifest = json.loads(files["manifest.webmanifest"])
    assert manifest["start_url"] == manifest["scope"] == "/corner/"
    assert manifest["display"] == "standalone"
    assert (
        manifest["name"] == "Law Enforcement Assistance Corner"
        and manifest["short_name"] == "LE Corner"
    )
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        png = files[icon["src"].removeprefix("/corner/")]
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert f"{width}x{height}" == icon["sizes"]
    assert manifest["shortcuts"][0]["url"] == "/corner/search/"


def test_the_same_content_builds_byte_identical_output():
    content, _ = check_content(DEFAULT_CONTENT)
    assert render_site(content, "/") == render_site(content, "/")


def search_modules(files: dict[str, bytes]) -> list[str]:
    """The search worker and every module it imports, directly or not, and the marks app.js
    draws."""
    found, waiting = [], ["search-worker.js", "highlight.js"]
    while waiting:
        name = waiting.pop(0)
        if name not in found:
            found.append(name)
            waiting += re.findall(r"""from\s*'\./([\w.-]+)'""", files[f"assets/{name}"].decode())
    return found


def test_scripts_ship_without_comments_and_search_code_stays_under_5_25_kb_gzipped(files):
    search = [f"assets/{name}" for name in search_modules(files)]
    assert {"assets/search.js", "assets/fuzzy.js"} < set(search)
    for path in ("assets/app.js", *search, "sw.js"):
        assert b"\n//" not in files[path].split(b"const BUILD", 1)[-1], path
    # 5 KiB while it was one file; its seven modules add their imports and exports.
    assert len(gzip.compress(b"".join(files[path] for path in search), 9)) <= 5.25 * 1024


@pytest.mark.parametrize(
    ("precache", "problem"),
    [
        (
            {"/corner/missing.js": "0"},
            "precache list names /corner/missing.js, but the build has no file missing.js",
        ),
        (
            {"/corner/gone/": "0"},
            "precache list names /corner/gone/, but the build has no file gone/index.html",
        ),
        (
            {"/elsewhere/app.js": "0"},
            "precache list names /elsewhere/app.js, outside the app's base URL /corner/",
        ),
    ],
)
def test_a_precache_list_naming_a_file_the_build_lacks_is_refused(files, precache, problem):
    with pytest.raises(CornerError) as refused:
        pwa.check_precache(precache, files, "/corner/")
    assert refused.value.message == problem


@pytest.mark.parametrize("name", ["assets/my icon.png", "assets/caf\u00e9.png", "assets/a%20b.png"])
def test_a_file_a_browser_would_request_under_another_address_is_refused(files, name):
    files = {**files, name: b"x"}
    with pytest.raises(CornerError, match="which a browser would not request as written"):
        pwa.worker_script(files, "/corner/")


def test_a_page_address_without_its_slash_would_redirect_and_is_refused(files):
    with pytest.raises(CornerError, match="would not request as written"):
        pwa.check_precache({"/corner/search": "0"}, {**files, "search": b"x"}, "/corner/")
