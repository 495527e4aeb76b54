"""Write Corner content as a theme-less Hugo site, for bench/scale.py to time `hugo` on the same
entries.

    .venv/bin/python bench/hugo_site.py content/ /tmp/hugo-site
    (then: hugo --source /tmp/hugo-site)

One page per resource (title, summary, facts with their sources, contacts, official link as
Markdown, as bench/mkdocs_site.py writes them; its sections and related entries looked up by the
template), one page per section listing its entries with their summaries, and a home page listing
the sections. The layouts are the site's own (no theme): a base page with a header, navigation and
footer, and one template per kind of page. Hugo writes no search index, service worker or compressed
copies; RSS, sitemap and taxonomy pages are turned off, so Hugo does no work our build has no
counterpart for.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs_site import resource_page, text

CONFIG = """baseURL = "/corner/"
title = {title}
languageCode = "en-us"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "section"]
"""

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description"
  content="{{ block "description" . }}{{ .Description | truncate 155 }}{{ end }}">
<link rel="stylesheet" href="{{ "app.css" | relURL }}">
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Main"><a href="{{ "search/" | relURL }}">Search</a>
<a href="{{ "contacts/" | relURL }}">Contacts</a></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Params.notice }}</p></footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}
<article class="resource">
{{ with .Params.sections }}<nav class="breadcrumbs"><a href="{{ "" | relURL }}">Home</a> ›
{{ with site.GetPage (printf "/sections/%s" (index . 0)) }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .Params.sections }}<h2>Listed in</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/sections/%s" .) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.related }}<h2>Related</h2>
<ul class="resource-list">{{ range . }}{{ with site.GetPage (printf "/resources/%s" .) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<span class="kind">{{ .Params.entry_kind }}</span></li>{{ end }}{{ end }}</ul>{{ end }}
</article>
{{ end }}
""",
    "section-page/single.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="resource-list">{{ range .Params.entries }}
{{ with site.GetPage (printf "/resources/%s" .) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<p>{{ .Description }}</p></li>{{ end }}{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "title" }}{{ site.Title }}{{ end }}
{{ define "description" }}{{ site.Params.description }}{{ end }}
{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ .Content }}
<h2>Sections</h2>
<ul>{{ range .Params.sections }}{{ with site.GetPage (printf "/sections/%s" .) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
({{ len .Params.entries }})</li>{{ end }}{{ end }}</ul>
{{ end }}
""",
}


def page(front_matter: dict, body: str) -> str:
    """A content file: JSON front matter (Hugo reads a file starting with "{" as such), then
    Markdown."""
    return json.dumps(front_matter, indent=1, ensure_ascii=False) + "\n\n" + body


def write_project(content: Path, project: Path) -> Path:
    """Write config.toml, layouts/ and content/ for the content into project (which must not exist);
    return project."""

    def read(path):
        return json.loads(path.read_text("utf-8"))

    site = read(content / "site.json")
    resources = {r["id"]: r for r in map(read, sorted((content / "resources").glob("*.json")))}
    sections = [read(content / "sections" / f"{sid}.json") for sid in site["sections"]]
    sections_of = {rid: [] for rid in resources}
    for section in sections:
        for rid in section["resources"]:
            sections_of[rid].append(section["id"])
    pages = project / "content"
    (pages / "resources").mkdir(parents=True)
    (pages / "sections").mkdir()
    (project / "config.toml").write_text(
        CONFIG.format(title=json.dumps(site["title"])) + "[params]\n"
        f"notice = {json.dumps(site['notice']['text'])}\n"
        f"description = {json.dumps(site['description'])}\n",
        "utf-8",
    )
    for name, layout in LAYOUTS.items():
        (project / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "layouts" / name).write_text(layout, "utf-8")
    intro = "\n\n".join(text(paragraph) for paragraph in site.get("introduction", []))
    (pages / "_index.md").write_text(
        page({"title": site["title"], "sections": site["sections"]}, intro + "\n"), "utf-8"
    )
    for section in sections:
        front = {
            "title": section["title"],
            "layout": "single",
            "type": "section-page",
            "entries": section["resources"],
        }
        (pages / "sections" / f"{section['id']}.md").write_text(page(front, ""), "utf-8")
    for rid, resource in resources.items():
        front = {
            "title": resource["title"],
            "entry_kind": resource["kind"],
            "description": resource["summary"],
            "sections": sections_of[rid],
            "related": resource.get("related", []),
        }
        body = resource_page(resource).split("\n", 2)[
            2
        ]  # without its "# title" line: the template writes the <h1>
        (pages / "resources" / f"{rid}.md").write_text(page(front, body), "utf-8")
    return project


if __name__ == "__main__":
    print(write_project(Path(sys.argv[1]), Path(sys.argv[2])))
