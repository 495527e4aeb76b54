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


def rendered(content) -> dict[str, str]:
    pages, _, _ = render.render_pages(content, "/", edition(content, None, "2026-11-28"))
    return {path: page.decode() for path, page in pages.items()}


def home_page(content) -> str:
    return rendered(content)["index.html"]


def section_links(page: str) -> list[str]:
    return re.findall(r'href="/sections/([^"]*)"', page)


def test_the_home_page_lists_every_entry_of_the_default_content():
    content, _ = check_content(DEFAULT_CONTENT)
    assert home_page(content).count('class="resource-item"') == 21  # one entry is in two sections


def test_a_long_section_shows_its_first_entries_and_links_the_rest():
    home = home_page(grown(30, 1))
    more = re.search(r'<a href="/sections/more-0/">All 30 entries in More 0</a>', home)
    assert more and home.count('href="/resources/generated-') == 12


def test_with_thousands_of_entries_the_home_page_stays_small_and_links_every_section():
    content = grown(2000, 200)
    pages = rendered(content)
    home = pages["index.html"]
    assert home.count('href="/resources/generated-') <= render.HOME_ENTRIES
    assert '<a href="/sections/more-7/">More 7</a> (10 entries)' in home
    assert "more-199/" not in home
    assert f'<a href="/sections/">All {len(content.sections)} sections</a>' in home
    assert len(gzip.compress(home.encode())) < 6_000  # with the stylesheet, within 14 KB
    # The page of sections has every one, with its size.
    every = pages["sections/index.html"]
    assert set(section_links(every)) >= {f"{section['id']}/" for section in content.sections}
    assert '<a href="/sections/more-199/">More 199</a> (10 entries)' in every


def test_pages_that_suggest_sections_show_a_few_and_link_the_page_of_every_section():
    content = grown(2000, 200)
    pages = rendered(content)
    for path in ("search/index.html", "offline/index.html", "404.html", "my-list/index.html"):
        suggested = re.search(r'<ul class="section-links">(.*?)</ul>', pages[path], re.S)[1]
        assert section_links(suggested) == [
            *(section["id"] + "/" for section in content.sections[: render.SECTION_LINKS]),
            "",  # the page of every section
        ], path
    default, _ = check_content(DEFAULT_CONTENT)
    assert 'href="/sections/"' not in rendered(default)["search/index.html"]
