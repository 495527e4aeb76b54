"""Step 2, pages: the checked content rendered into HTML with templates/, {output path: bytes}.

Jinja escapes everything and fails on any undefined name. Entry pages are one shell and each
entry's parts (entry_pages.py); the field-office finder's page shows finder.py's data.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined

from ..content import Content
from ..security import CONTENT_SECURITY_POLICY
from .assets import page_data
from .entry_pages import KeptParts, filled_pages, resource_parts, resource_shell, section_pages
from .finder import finder

TEMPLATE_DIR = Path(__file__).resolve().parent.parent.parent / "templates"


def as_of(value: str) -> str:
    """Show "2014", "September 2025" or "28 November 2026"."""
    if len(value) == 4:
        return value
    if len(value) == 7:
        return datetime.date.fromisoformat(value + "-01").strftime("%B %Y")
    day = datetime.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def tel_href(phone: str) -> str:
    """'+1 802-872-6000' → 'tel:+18028726000' (RFC 3966 global number)."""
    return "tel:+" + re.sub(r"[^0-9]", "", phone)


def phone(number: str) -> str:
    """Show North American numbers as people dial them: '+1 802-872-6000' → '(802) 872-6000'."""
    match = re.fullmatch(r"\+1 (\d{3})-(\d{3})-(\d{4})", number)
    return f"({match[1]}) {match[2]}-{match[3]}" if match else number


def host(url: str) -> str:
    """The site a link goes to, as people say it: 'ice.gov'."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def make_environment(
    site: dict,
    base_url: str,
    edition=None,
    preview: bool = False,
    templates: BytecodeCache | None = None,
    entries: int = 0,
) -> Environment:
    """A Jinja environment that escapes everything and fails on any undefined name. templates:
    compiled templates kept from an earlier build (each is used only while its source is the
    same); entries: how many the content has."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates do not change during a build: without this, every include checks its file's
        # modification time (about 100,000 stat calls for 10,000 entries).
        auto_reload=False,
        bytecode_cache=templates,
    )
    env.filters.update(as_of=as_of, tel_href=tel_href, host=host, phone=phone)
    env.globals.update(
        site=site,
        base_url=base_url,
        url=lambda path="": base_url + path,
        csp=CONTENT_SECURITY_POLICY,
        # <html data-…>: what the pages' scripts read first
        page_data=page_data(base_url, entries),
        edition=edition,
        preview=preview,  # pages of the live preview load its script (corner/preview)
    )
    return env


def around_the_clock_contacts(content: Content) -> list[tuple[dict, dict]]:
    """(resource, contact) pairs that answer 24/7, for quick access on the home page."""
    return [
        (resource, contact)
        for resource in content.resources.values()
        for contact in resource.get("contacts", [])
        if contact.get("around_the_clock")
    ]


def contact_groups(content: Content) -> list[tuple[dict, list[dict]]]:
    """(resource, its contacts) for every resource with contacts, for the contact sheet: the
    resources with a line that answers 24/7 first, then section order; in each, its 24/7 lines
    first."""
    ordered = dict.fromkeys(rid for section in content.sections for rid in section["resources"])
    ordered.update(dict.fromkeys(content.resources))

    def day_and_night_first(contacts: list[dict]) -> list[dict]:
        return sorted(contacts, key=lambda contact: not contact.get("around_the_clock"))  # stable

    groups = [
        (content.resources[rid], day_and_night_first(content.resources[rid]["contacts"]))
        for rid in ordered
        if content.resources[rid].get("contacts")
    ]
    return sorted(groups, key=lambda group: not group[1][0].get("around_the_clock"))


# The home page is the first download, often on a weak signal: it lists at most 12 entries a
# section and about 120 in all, and links each section's page for the rest. With more sections
# than that, it lists the first 60 and links the page of every section; lists of sections in other
# pages show 12.
HOME_ENTRIES_PER_SECTION = 12
HOME_ENTRIES = 120
HOME_SECTIONS = 60
SECTION_LINKS = 12


def render_pages(
    content: Content,
    base_url: str,
    edition,
    preview: bool = False,
    templates: BytecodeCache | None = None,
    kept: KeptParts | None = None,
) -> tuple[dict[str, bytes], str, dict[str, list[str]]]:
    """Every HTML page of the site keyed by its path in the output folder; the entry shell and
    parts. templates and kept: compiled templates and entry parts of an earlier build, to use
    again."""
    env = make_environment(
        content.site, base_url, edition, preview, templates, len(content.resources)
    )
    resources = content.resources
    env.globals["field_office_finder"] = content.field_offices is not None
    env.globals["section_links_shown"] = SECTION_LINKS

    def page(template: str, **context) -> bytes:
        return env.get_template(template).render(**context).encode("utf-8")

    per_section = min(HOME_ENTRIES_PER_SECTION, HOME_ENTRIES // max(1, len(content.sections)))
    pages = {
        "index.html": page(
            "home.html",
            sections=content.sections,
            resources=resources,
            urgent_contacts=around_the_clock_contacts(content),
            home_entries_per_section=per_section,
            home_sections=HOME_SECTIONS,
        ),
        "sections/index.html": page("sections.html", sections=content.sections),
        "search/index.html": page("search.html", sections=content.sections),
        "offline/index.html": page("offline.html", sections=content.sections),
        "404.html": page("404.html", sections=content.sections),
        "whats-new/index.html": page(
            "whats-new.html", history=edition.history, resources=resources
        ),
        "my-list/index.html": page("my-list.html", sections=content.sections),
        "contacts/index.html": page("contacts.html", groups=contact_groups(content)),
    }
    kept = KeptParts() if kept is None else kept

    def section_page(section: dict) -> bytes:
        listed = [resources[rid] for rid in section["resources"]]
        return page("section.html", section=section, resources=listed)

    for section_id, html in section_pages(env, content, kept, section_page).items():
        pages[f"sections/{section_id}/index.html"] = html
    shell, parts = resource_shell(env), resource_parts(env, content, kept)
    for rid, page_bytes in filled_pages(shell, parts, kept).items():
        pages[f"resources/{rid}/index.html"] = page_bytes
    if content.field_offices is not None:
        pages["field-offices/index.html"] = page(
            "field-offices.html", finder=finder(content.field_offices)
        )
    return pages, shell, parts
