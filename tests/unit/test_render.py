"""Pages that must stay small as content grows: the home page is the first download."""

from __future__ import annotations

import copy
import gzip
import re

from corner.content import check_content
from corner.site import pages as render
from corner.site.changes import edition
from support import DEFAULT_CONTENT


def grown(extra: int, sections: int):
    """The default content with `extra` more entries, spread over `sections` more sections."""
    content, _ = check_content(DEFAULT_CONTENT)
    content = copy.deepcopy(content)
    template = content.resources["hsi-tip-line"]
    for number in range(sections):
        section = {"id": f"more-{number}", "title": f"More {number}", "resources": []}
        content.sections.append(section)
        for entry in range(number, extra, sections):
            entry_id = f"generated-{entry}"
            content.resources[entry_id] = dict(template, id=entry_id, title=f"Generated {entry}")
            content.sections_of[entry_id] = [section]
            section["resources"].append(entry_id)
    return content


def home_page(content) -> str:
    pages, _, _ = render.render_pages(content, "/", edition(content, None, "2026-11-28"))
    return pages["index.html"].decode()


def test_the_home_page_lists_every_entry_of_the_default_content():
    content, _ = check_content(DEFAULT_CONTENT)
    assert home_page(content).count('class="resource-item"') == 21  # one entry is in two sections


def test_a_long_section_shows_its_first_entries_and_links_the_rest():
    home = home_page(grown(30, 1))
    more = re.search(r'<a href="/sections/more-0/">All 30 entries in More 0</a>', home)
    assert more and home.count('href="/resources/generated-') == 12


def test_with_thousands_of_entries_the_home_page_stays_small_and_links_every_section():
    content = grown(2000, 200)
    home = home_page(content)
    assert home.count('href="/resources/generated-') <= render.HOME_ENTRIES
    assert all(f'href="/sections/{section["id"]}/"' in home for section in content.sections)
    assert '<a href="/sections/more-7/">More 7</a> (10 entries)' in home
    assert (
        len(gzip.compress(home.encode())) < 8_000
    )  # with the stylesheet, within a first round trip (14 KB)
