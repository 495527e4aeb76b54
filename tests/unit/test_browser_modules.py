"""The browser's modules as pages load them: every one app.js needs is fetched with the page."""

from __future__ import annotations

import re

from support import ROOT

PWA = ROOT / "pwa"
IMPORT = re.compile(r"^(?:import|export) [^;]*? from '\./([\w.-]+\.js)';", re.MULTILINE)
PRELOAD = re.compile(
    r"""<link rel="modulepreload" href="\{\{ url\('assets/([\w.-]+\.js)'\) \}\}">"""
)


def imported_by(name: str) -> list[str]:
    """The pwa/ modules that name imports, directly or not, in the order they are first reached."""
    found, waiting = [], [name]
    while waiting:
        module = waiting.pop(0)
        if module in found:
            continue
        source = PWA / module
        assert source.is_file(), f"a module imports ./{module}, which pwa/ does not hold"
        waiting += IMPORT.findall(source.read_text("utf-8"))
        found.append(module)
    return found[1:]


def test_every_page_preloads_each_module_app_js_needs_and_no_other():
    # Without its preload, a module is requested only once the one importing it has arrived: a
    # round trip more before the app can start saving itself for offline use.
    preloaded = PRELOAD.findall((ROOT / "templates" / "base.html").read_text("utf-8"))
    needed = imported_by("app.js")
    assert {"search.js", "lookup.js", "fuzzy.js", "highlight.js"} <= set(needed)
    assert sorted(preloaded) == sorted(set(needed))
