"""Step 2, entry pages: one shell shared by every entry, each entry's own parts, and their files.

An entry's page is the shell with three parts of its own (title, description, main) put in at
markers. pages.py writes every entry's page whole, for the server; the service worker (pwa/sw.js)
makes the same page offline from the precached shell and parts, so entries need not be precached
page by page: 10,000 of them would be megabytes on a phone plan. The parts are precached in
chunks, files of about PARTS_PER_CHUNK entries' parts; an entry's chunk is chosen by a hash of its
id, so editing or adding an entry changes one chunk and an update downloads little.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from jinja2 import Environment

from ..content import Content
from ..content.known import entry_fingerprints, fingerprint
from ..parallel import parallel_map
from .assets import compact_json
from .search import entry_terms

# The markers the parts are put in at; pwa/sw.js fills them the same way, with the pattern and the
# parts' order that BUILD gives it (site/service_worker.py). Escaped content cannot contain a
# marker.
PAGE_PARTS = ("title", "description", "main")
PART_MARKER = re.compile("<!--corner:(" + "|".join(PAGE_PARTS) + ")-->")
ENTRY_FOLDER = "resources/"  # an entry's page is resources/<id>/index.html
ENTRY_PAGE = re.compile(re.escape(ENTRY_FOLDER) + r"[^/]+/index\.html")
ENTRY_PARTS = "resource-pages/"  # the folder of the shell and the chunks
ENTRY_SHELL = ENTRY_PARTS + "shell.txt"  # not a page: markers in place of its parts
ENTRY_CHUNK = ENTRY_PARTS + "{number}.json"  # a chunk's file, by its number (chunk_of)
PARTS_PER_CHUNK = 50
log = logging.getLogger(__name__)
# The templates an entry's parts, and a section's page, are made from; the other pages' templates
# may name the edition.
ENTRY_TEMPLATES = re.compile(r"resource\.html|base\.html|partials/.*")
SECTION_TEMPLATES = re.compile(r"section\.html|base\.html|partials/.*")
# Where a template names the edition: the name `edition` in its code, not an attribute of that
# name (page_data.edition) nor text outside {{ }} and {% %} (data-edition=).
TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
EDITION_NAME = re.compile(r"(?<![\w.'\"])edition\b")


def fill_shell(shell: str, parts: list[str]) -> str:
    """The page: the shell with each marker replaced by its part (as pwa/sw.js fillShell does)."""
    pieces = PART_MARKER.split(shell)  # text, marker name, text, …
    return "".join(
        parts[PAGE_PARTS.index(piece)] if i % 2 else piece for i, piece in enumerate(pieces)
    )


def resource_shell(env: Environment) -> str:
    """The entry page with its own parts left as markers."""
    overrides = "".join(
        f"{{% block {name} %}}<!--corner:{name}-->{{% endblock %}}" for name in PAGE_PARTS
    )
    return env.from_string('{% extends "resource.html" %}' + overrides).render()


class KeptParts:
    """Each entry's parts and search terms, and each section's page, kept from an earlier build
    (the live preview's, or the command line's through the build cache). Each is used again only
    while all it is made of is the same: its entry, that entry's sections and related entries (a
    section's page: the section and its entries), and (the scope) the site, the base URL, the
    finder, every template, and the edition if the templates it is made from name it."""

    def __init__(self):
        self.scope = ""
        # id: (what the parts were made of, parts, search terms)
        self.parts: dict[str, tuple[str, list[str], dict[str, tuple[int, bool]]]] = {}
        self.made: list[str] = []  # the entries the last build made anew
        self.section_scope = ""
        self.sections: dict[str, tuple[str, bytes]] = {}  # id: (what it was made of, its page)
        self.sections_made: list[str] = []  # the sections whose page the last build rendered
        # Kept in memory only, for the live preview's next build: each entry's page and each
        # chunk's file, with the shell and the very parts lists they were made from (held here,
        # so an unchanged entry's parts are the same objects).
        self.pages: dict[str, tuple[str, list[str], bytes]] = {}  # id: (shell, parts, page)
        self.chunks: dict[tuple[int, int], tuple[list[tuple[str, list[str]]], bytes]] = {}

    def terms(self) -> dict[str, dict[str, tuple[int, bool]]]:
        """{id: {term: (weight, named)}} of the last build (search.entry_terms)."""
        return {rid: kept[2] for rid, kept in self.parts.items()}


def parts_scope(env: Environment, content: Content, templates: re.Pattern = ENTRY_TEMPLATES) -> str:
    """A fingerprint of what every entry's parts (or, with SECTION_TEMPLATES, every section's
    page) may read besides its own content."""
    template_dir = Path(env.loader.searchpath[0])
    sources = {
        path.relative_to(template_dir).as_posix(): path.read_text("utf-8")
        for path in sorted(template_dir.rglob("*"))
        if path.is_file()
    }
    names_edition = any(
        EDITION_NAME.search(code)
        for name, text in sources.items()
        if templates.fullmatch(name)
        for code in TEMPLATE_CODE.findall(text)
    )
    edition = env.globals["edition"]
    read = [edition.date, edition.content, edition.history] if names_edition and edition else None
    return fingerprint(
        {
            "sources": sources,
            "site": content.site,
            "base_url": env.globals["base_url"],
            "page_data": env.globals["page_data"],
            "finder": env.globals["field_office_finder"],
            "preview": env.globals["preview"],
            "edition": read,
        }
    )


def resource_parts(env: Environment, content: Content, kept: KeptParts) -> dict[str, list[str]]:
    """{id: [title, description, main]}: what each entry page adds to the shell, and in kept
    each entry's search terms too (from kept where nothing they are made of changed)."""
    template = env.get_template("resource.html")
    resources = content.resources

    def context_of(rid: str) -> dict:
        return {
            "resource": resources[rid],
            "sections": content.sections_of[rid],
            "related": [resources[other] for other in resources[rid].get("related", [])],
        }

    def made(rid: str) -> tuple[list[str], dict[str, tuple[int, bool]]]:
        context = template.new_context(context_of(rid))
        parts = ["".join(template.blocks[name](context)) for name in PAGE_PARTS]
        return parts, entry_terms(resources[rid], content.sections_of[rid])

    ids = list(resources)
    scope = parts_scope(env, content)
    if scope != kept.scope:
        kept.scope, kept.parts = scope, {}
    # What an entry's parts are made of holds all its search terms are made of, and more.
    made_of = parts_made_of(content)
    stale = [rid for rid in ids if kept.parts.get(rid, ("",))[0] != made_of[rid]]
    fresh = dict(zip(stale, parallel_map(made, stale), strict=True))
    kept.made = stale
    log.info("%d of %d entries rendered anew", len(stale), len(ids))
    kept.parts = {
        rid: (made_of[rid], *fresh[rid]) if rid in fresh else kept.parts[rid] for rid in ids
    }
    return {rid: kept.parts[rid][1] for rid in ids}


def section_pages(env: Environment, content: Content, kept: KeptParts, render) -> dict[str, bytes]:
    """{id: page} of every section, rendered by render(section) only where the section, one of
    its entries or the scope changed since kept."""
    scope = parts_scope(env, content, SECTION_TEMPLATES)
    if scope != kept.section_scope:
        kept.section_scope, kept.sections = scope, {}
    own = entry_fingerprints(content.resources)
    pages, kept.sections_made = {}, []
    for section in content.sections:
        made_of = fingerprint([section, [own[rid] for rid in section["resources"]]])
        earlier = kept.sections.get(section["id"])
        if earlier and earlier[0] == made_of:
            pages[section["id"]] = earlier[1]
        else:
            pages[section["id"]] = render(section)
            kept.sections_made.append(section["id"])
        kept.sections[section["id"]] = (made_of, pages[section["id"]])
    for gone in kept.sections.keys() - pages.keys():
        del kept.sections[gone]
    return pages


def parts_made_of(content: Content) -> dict[str, str]:
    """{id: what the entry's parts are made of}: the fingerprints of the entry, of its sections
    and of its related entries, side by side (each fingerprinted once: a section names thousands
    of entries)."""
    resources = entry_fingerprints(content.resources)
    sections = {id(section): fingerprint(section) for section in content.sections}
    return {
        rid: " ".join(
            [
                own,
                *(sections[id(section)] for section in content.sections_of[rid]),
                "/",  # a fingerprint is hexadecimal: neither list can end in it
                *(resources[other] for other in content.resources[rid].get("related", [])),
            ]
        )
        for rid, own in resources.items()
    }


def chunk_count(entries: int) -> int:
    """A power of two, so that chunks stay near PARTS_PER_CHUNK entries as content grows."""
    count = 1
    while count * PARTS_PER_CHUNK < entries:
        count *= 2
    return count


def chunk_of(entry_id: str, chunks: int) -> int:
    """FNV-1a (32-bit) of the id, modulo the chunk count: pwa/sw.js computes the same."""
    value = 0x811C9DC5
    # Ids are ASCII (common.schema.json), so bytes are JavaScript char codes.
    for code in entry_id.encode("utf-8"):
        value = ((value ^ code) * 0x01000193) & 0xFFFFFFFF
    return value % chunks


def filled_pages(shell: str, parts: dict[str, list[str]], kept: KeptParts) -> dict[str, bytes]:
    """{id: page} of every entry: the shell filled with its parts, filled again only where the
    shell or the entry's parts (kept.pages) changed."""

    def page(rid: str, own_parts: list[str]) -> tuple[str, list[str], bytes]:
        earlier = kept.pages.get(rid)
        if earlier and earlier[1] is own_parts and earlier[0] == shell:
            return earlier
        return shell, own_parts, fill_shell(shell, own_parts).encode("utf-8")

    kept.pages = {rid: page(rid, own_parts) for rid, own_parts in parts.items()}
    return {rid: page for rid, (_, _, page) in kept.pages.items()}


def entry_page_files(shell: str, parts: dict[str, list[str]], kept: KeptParts) -> dict[str, bytes]:
    """The shared entry shell and every entry's parts, {id: [title, description, main]}, in
    chunks; a chunk is encoded again only where one of its entries' parts changed (kept.chunks)."""
    chunks = [{} for _ in range(chunk_count(len(parts)))]
    for entry_id, own_parts in parts.items():
        chunks[chunk_of(entry_id, len(chunks))][entry_id] = own_parts
    files, made = {}, {}
    for number, chunk in enumerate(chunks):
        held = list(chunk.items())
        earlier = kept.chunks.get((len(chunks), number))
        if (
            earlier
            and len(earlier[0]) == len(held)
            and all(a == b and c is d for (a, c), (b, d) in zip(earlier[0], held, strict=True))
        ):
            data = earlier[1]
        else:
            data = compact_json(chunk)
        made[len(chunks), number] = (held, data)
        files[ENTRY_CHUNK.format(number=number)] = data
    kept.chunks = made
    files[ENTRY_SHELL] = shell.encode("utf-8")
    return files
