"""Write Corner content as a MkDocs project, for bench/scale.py to time `mkdocs build` on the same
entries.

    .venv/bin/python bench/mkdocs_site.py content/ /tmp/mkdocs-project
    (then: mkdocs build -f /tmp/mkdocs-project/mkdocs.yml)

One Markdown page per resource (title, summary, facts with their sources, contacts, official link),
one index page per section, and a home page; MkDocs' default theme (`mkdocs`) and its default
navigation (every page, on every page) and search plugin.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def text(value: str) -> str:
    """Content text as Markdown that renders as the same text."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", value)


def source_link(source: dict) -> str:
    return f"[source]({source['url']}), as of {source['as_of']}"


def contact_line(contact: dict) -> str:
    ways = [contact.get(key) for key in ("phone", "email", "address", "hours")]
    line = f"- **{text(contact['label'])}**: " + "; ".join(text(way) for way in ways if way)
    if contact.get("note"):
        line += f". {text(contact['note'])}"
    return f"{line} ({source_link(contact['source'])})"


def resource_page(resource: dict) -> str:
    lines = [f"# {text(resource['title'])}", "", text(resource["summary"]), ""]
    if resource.get("body"):
        lines += (
            ["## Facts", ""]
            + [
                f"- {text(fact['text'])} ({source_link(fact['source'])})"
                for fact in resource["body"]
            ]
            + [""]
        )
    if resource.get("contacts"):
        lines += (
            ["## Contacts", ""] + [contact_line(contact) for contact in resource["contacts"]] + [""]
        )
    if resource.get("source"):
        lines += [
            f"[Official page]({resource['source']['url']}) (as of {resource['source']['as_of']})",
            "",
        ]
    return "\n".join(lines)


def section_page(section: dict, resources: dict[str, dict]) -> str:
    items = [
        f"- [{text(resources[rid]['title'])}](../resources/{rid}.md): "
        f"{text(resources[rid]['summary'])}"
        for rid in section["resources"]
    ]
    return "\n".join([f"# {text(section['title'])}", "", *items, ""])


def home_page(site: dict, sections: list[dict]) -> str:
    intro = [text(paragraph) + "\n" for paragraph in site.get("introduction", [])]
    items = [f"- [{text(section['title'])}](sections/{section['id']}.md)" for section in sections]
    return "\n".join([f"# {text(site['title'])}", "", *intro, "## Sections", "", *items, ""])


def write_project(content: Path, project: Path) -> Path:
    """Write mkdocs.yml and docs/ for the content into project (which must not exist); return
    mkdocs.yml."""

    def read(path):
        return json.loads(path.read_text("utf-8"))

    site = read(content / "site.json")
    resources = {r["id"]: r for r in map(read, sorted((content / "resources").glob("*.json")))}
    sections = [read(content / "sections" / f"{sid}.json") for sid in site["sections"]]
    docs = project / "docs"
    (docs / "resources").mkdir(parents=True)
    (docs / "sections").mkdir()
    (docs / "index.md").write_text(home_page(site, sections), "utf-8")
    for section in sections:
        (docs / "sections" / f"{section['id']}.md").write_text(
            section_page(section, resources), "utf-8"
        )
    for rid, resource in resources.items():
        (docs / "resources" / f"{rid}.md").write_text(resource_page(resource), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(f"site_name: {json.dumps(site['title'])}\ntheme:\n  name: mkdocs\n", "utf-8")
    return config


if __name__ == "__main__":
    print(write_project(Path(sys.argv[1]), Path(sys.argv[2])))
