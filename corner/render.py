"""Render the checked content into HTML pages: {output path: bytes}."""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined

from . import field_offices
from .changes import fingerprint
from .content import Content
from .parallel import parallel_map

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

# The same policy is sent as a header by the dev server and deploy configs; the meta tag keeps
# it in force on static hosts that cannot set headers. Trusted Types: no string is ever written
# to a DOM sink that runs code (innerHTML, script src, eval…), and a script URL is only made by
# the one policy named here (pwa/lifecycle.js), for the service worker and the search worker:
# Chromium, Firefox and Safari refuse to start either from a plain string under
# `trusted-types 'none'`.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; require-trusted-types-for 'script'; trusted-types corner"
)


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


def make_environment(site: dict, base_url: str, edition=None, preview: bool = False,
                     templates: BytecodeCache | None = None) -> Environment:
    """A Jinja environment that escapes everything and fails on any undefined name. templates:
    compiled templates kept from an earlier build (each is used only while its source is the same)."""
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
    resources with a line that answers 24/7 first, then section order; in each, its 24/7 lines first."""
    ordered = dict.fromkeys(rid for section in content.sections for rid in section["resources"])
    ordered.update(dict.fromkeys(content.resources))

    def day_and_night_first(contacts: list[dict]) -> list[dict]:
        return sorted(contacts, key=lambda contact: not contact.get("around_the_clock"))  # stable

    groups = [(content.resources[rid], day_and_night_first(content.resources[rid]["contacts"]))
              for rid in ordered if content.resources[rid].get("contacts")]
    return sorted(groups, key=lambda group: not group[1][0].get("around_the_clock"))


# The home page is the first download, often on a weak signal: it lists at most 12 entries a
# section and about 120 in all, and links each section's page for the rest.
HOME_ENTRIES_PER_SECTION = 12
HOME_ENTRIES = 120

# An entry's page is one shell shared by every entry, with three parts of its own put in at these
# markers. The service worker puts them in the same way from the precached parts (pwa/sw.js), so
# entries need not be precached page by page. Escaped content cannot contain a marker.
PAGE_PARTS = ("title", "description", "main")
PART_MARKER = re.compile("<!--corner:(" + "|".join(PAGE_PARTS) + ")-->")


def fill_shell(shell: str, parts: list[str]) -> str:
    """The page: the shell with each marker replaced by its part (as pwa/sw.js fillShell does)."""
    pieces = PART_MARKER.split(shell)  # text, marker name, text, …
    return "".join(parts[PAGE_PARTS.index(piece)] if i % 2 else piece for i, piece in enumerate(pieces))


def resource_shell(env: Environment) -> str:
    """The entry page with its own parts left as markers."""
    overrides = "".join(f"{{% block {name} %}}<!--corner:{name}-->{{% endblock %}}" for name in PAGE_PARTS)
    return env.from_string('{% extends "resource.html" %}' + overrides).render()


class KeptParts:
    """Entry parts kept from an earlier build (the live preview's). Each is used again only while
    all it is made of is the same: its entry, that entry's sections and related entries, and (the
    scope) the site, the base URL, the finder, every template, and the edition if an entry's
    templates name it."""

    def __init__(self):
        self.scope = ""
        self.parts: dict[str, tuple[str, list[str]]] = {}  # id: (what the parts were made of, parts)


# The templates an entry's parts are made from; the other pages' templates may name the edition.
ENTRY_TEMPLATES = re.compile(r"resource\.html|base\.html|partials/.*")


def parts_scope(env: Environment, content: Content) -> str:
    """A fingerprint of what every entry's parts may read besides the entry itself."""
    sources = {path.relative_to(TEMPLATE_DIR).as_posix(): path.read_text("utf-8")
               for path in sorted(TEMPLATE_DIR.rglob("*")) if path.is_file()}
    names_edition = any("edition" in text for name, text in sources.items() if ENTRY_TEMPLATES.fullmatch(name))
    edition = env.globals["edition"]
    return fingerprint({"sources": sources, "site": content.site, "base_url": env.globals["base_url"],
                        "finder": env.globals["field_office_finder"], "preview": env.globals["preview"],
                        "edition": [edition.date, edition.content, edition.history] if names_edition and edition else None})


def resource_parts(env: Environment, content: Content, kept: KeptParts | None = None) -> dict[str, list[str]]:
    """{id: [title, description, main]}: what each entry page adds to the shell (from kept where
    nothing it is made of changed)."""
    template = env.get_template("resource.html")
    resources = content.resources

    def context_of(rid: str) -> dict:
        return {"resource": resources[rid], "sections": content.sections_of[rid],
                "related": [resources[other] for other in resources[rid].get("related", [])]}

    def parts_of(rid: str) -> list[str]:
        context = template.new_context(context_of(rid))
        return ["".join(template.blocks[name](context)) for name in PAGE_PARTS]

    ids = list(resources)
    if kept is None:
        return dict(zip(ids, parallel_map(parts_of, ids)))
    scope = parts_scope(env, content)
    if scope != kept.scope:
        kept.scope, kept.parts = scope, {}
    made_of = {rid: fingerprint(context_of(rid)) for rid in ids}
    stale = [rid for rid in ids if kept.parts.get(rid, ("",))[0] != made_of[rid]]
    fresh = dict(zip(stale, parallel_map(parts_of, stale)))
    kept.parts = {rid: (made_of[rid], fresh[rid]) if rid in fresh else kept.parts[rid] for rid in ids}
    return {rid: kept.parts[rid][1] for rid in ids}


def render_pages(content: Content, base_url: str, edition, preview: bool = False, templates: BytecodeCache | None = None,
                 kept: KeptParts | None = None) -> tuple[dict[str, bytes], str, dict[str, list[str]]]:
    """Every HTML page of the site keyed by its path in the output folder; the entry shell and parts.
    templates and kept: compiled templates and entry parts of an earlier build, to use again."""
    env = make_environment(content.site, base_url, edition, preview, templates)
    resources = content.resources
    env.globals["field_office_finder"] = content.field_offices is not None

    def page(template: str, **context) -> bytes:
        return env.get_template(template).render(**context).encode("utf-8")

    pages = {
        "index.html": page("home.html", sections=content.sections, resources=resources,
                           urgent_contacts=around_the_clock_contacts(content),
                           home_entries_per_section=min(HOME_ENTRIES_PER_SECTION,
                                                        HOME_ENTRIES // max(1, len(content.sections)))),
        "search/index.html": page("search.html", sections=content.sections),
        "offline/index.html": page("offline.html", sections=content.sections),
        "404.html": page("404.html", sections=content.sections),
        "whats-new/index.html": page("whats-new.html", history=edition.history, resources=resources),
        "my-list/index.html": page("my-list.html", sections=content.sections),
        "contacts/index.html": page("contacts.html", groups=contact_groups(content)),
    }
    for section in content.sections:
        pages[f"sections/{section['id']}/index.html"] = page(
            "section.html", section=section, resources=[resources[rid] for rid in section["resources"]])
    shell, parts = resource_shell(env), resource_parts(env, content, kept)
    for rid, own_parts in parts.items():
        pages[f"resources/{rid}/index.html"] = fill_shell(shell, own_parts).encode("utf-8")
    if content.field_offices is not None:
        pages["field-offices/index.html"] = page("field-offices.html", finder=field_offices.finder(content.field_offices))
    return pages, shell, parts

