"""Step 1, loading: what no schema can see across files. Every section site.json lists, and every
entry a section or entry names, has its file; an entry's links_to names a page this content builds;
every entry is in some section (or only search finds it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import Problem
from .jsonfile import Document


def reference_problems(
    root: Path, site: Document | None, sections: dict[str, Document], resources: dict[str, Document]
) -> list[Problem]:
    """Every reference to a file or page that is not there."""
    return [
        *_missing_files(root, site, sections, resources),
        *_links_to_missing_pages(root, resources),
    ]


def unlisted_problems(
    sections: dict[str, Document], resources: dict[str, Document]
) -> list[Problem]:
    """A warning at each entry no section lists (only search finds it)."""
    listed = {rid for section in sections.values() for _, rid in ids(section, "resources")}
    return [
        resources[rid].problem(["id"], UNLISTED.format(rid), severity="warning")
        for rid in sorted(set(resources) - listed)
    ]


def ids(document: Document | None, key: str) -> list[tuple[int, str]]:
    """(index, id) for each string in the document's list field; nothing if the field is
    malformed."""
    value = document.data.get(key) if document is not None else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)]


UNLISTED = (
    'resource "{}" is in no section, so only search finds it; '
    "list it in a content/sections/*.json file"
)


def _missing_files(
    root: Path, site: Document | None, sections: dict[str, Document], resources: dict[str, Document]
) -> list[Problem]:
    """Sections site.json lists, and entries sections and entries name, that have no file."""
    present_sections = {p.stem for p in (root / "sections").glob("*.json")}
    present_resources = {p.stem for p in (root / "resources").glob("*.json")}
    references = list(_check_site_sections(site, sections, present_sections))
    for section in sections.values():
        references += _check_references(section, "resources", present_resources)
    for rid, resource in resources.items():
        references += _check_references(resource, "related", present_resources, own_id=rid)
    return references


# The app's own pages an entry may link to (its links_to): their names, and the content file
# without which the build makes no such page.
APP_PAGES = {"field-office-finder": ("the field-office finder", "field-offices.json")}
NO_PAGE = (
    "links to {page}, but there is no content/{needs}, so it is not built and this page "
    'shows no link to it; add {needs} or remove "{target}"'
)


def _links_to_missing_pages(root: Path, resources: dict[str, Document]) -> Iterator[Problem]:
    """A warning at each links_to naming a page of the app that this content does not build."""
    for document in resources.values():
        for index, target in ids(document, "links_to"):
            page, needs = APP_PAGES.get(target, ("", ""))
            if needs and not (root / needs).exists():
                message = NO_PAGE.format(page=page, needs=needs, target=target)
                yield document.problem(["links_to", index], message, severity="warning")


def _check_site_sections(
    site: Document | None, sections: dict[str, Document], present: set[str]
) -> Iterator[Problem]:
    listed = ids(site, "sections")
    for index, section_id in listed:
        if section_id not in present:
            yield site.problem(
                ["sections", index],
                f'section "{section_id}" does not exist: '
                f"expected a file sections/{section_id}.json",
            )
    if site is None or not isinstance(site.data.get("sections"), list):
        return
    for section_id, section in sections.items():
        if section_id not in {sid for _, sid in listed}:
            yield section.problem(
                ["id"],
                f'section "{section_id}" is not listed in site.json '
                '"sections", so it is never shown',
                severity="warning",
            )


def _check_references(
    document: Document, key: str, known: set[str], own_id: str = ""
) -> Iterator[Problem]:
    for index, target in ids(document, key):
        if target == own_id:
            yield document.problem([key, index], f'"{target}" refers to this resource itself')
        elif target not in known:
            yield document.problem(
                [key, index],
                f'resource "{target}" does not exist: expected a file resources/{target}.json',
            )
