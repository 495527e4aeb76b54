"""Markup, script and look-alike text in every free-text field of the content stays text.

A copy of the default content gets a payload appended to every string an editor writes freely
(titles, summaries, facts, contact labels and notes, the introduction and notice, field-office
names and areas) and one more alias per resource; ids, addresses, dates and phone numbers stay
valid. Every page of its build must show each payload as text, run none of it, and log no error
(the `context` fixture fails the test on any console error or request off the site).
"""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from harness import BASE_URL, start_site
from support import search_results, wait_until_offline_ready

PAYLOADS = [
    '<script>alert("xss-script")</script>',
    '<img src=x onerror=alert("xss-img")>',
    '"><svg onload=alert("xss-attr")>',  # out of a double-quoted attribute
    "' onfocus='alert(1)' autofocus x='",  # out of a single-quoted one (data-field-offices='…')
    '<a href="javascript:alert(1)" onclick=alert(2)>x</a>',
    'javascript:alert("xss-url")',
    "</p><!-- {{ 7*7 }} {% if x %} ${7*7}",  # broken markup, template syntax
    "\u202egnp.exe \u200bp\u0430ypal\u2066 "
    "\ufeffx",  # bidi override and isolate, zero-width, Cyrillic а
]
# Free text in content files: what an editor types, as opposed to ids, addresses, dates and numbers.
FREE_TEXT = {
    "title",
    "description",
    "summary",
    "text",
    "label",
    "note",
    "address",
    "hours",
    "name",
    "area_of_responsibility",
    "region",
    "introduction",
}
OWN_SCRIPTS = {
    f"{BASE_URL}assets/theme.js",
    f"{BASE_URL}assets/app.js",
    f"{BASE_URL}assets/field-offices.js",
}
OWN_SCRIPT_TAGS = {
    f'<script src="{BASE_URL}assets/theme.js">',
    f'<script type="module" src="{BASE_URL}assets/app.js">',
    f'<script type="module" src="{BASE_URL}assets/field-offices.js">',
}


def injected(value, payloads, key=None):
    """value with the next payload appended to every free-text string, and one more alias in each
    list of them."""
    if isinstance(value, dict):
        return {name: injected(item, payloads, name) for name, item in value.items()}
    if isinstance(value, list):
        items = [injected(item, payloads, key) for item in value]
        return [*items, next(payloads)] if key == "aliases" else items
    if isinstance(value, str) and key in FREE_TEXT:
        return f"{value} {next(payloads)}"
    return value


def inject_every_text_field(content_dir) -> None:
    for index, path in enumerate(sorted(content_dir.rglob("*.json"))):
        # Each file starts one payload further on, so every payload is in some title.
        payloads = itertools.islice(itertools.cycle(PAYLOADS), index % len(PAYLOADS), None)
        data = injected(json.loads(path.read_text("utf-8")), payloads)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def read_content(content_dir) -> dict:
    return {
        path.relative_to(content_dir).with_suffix("").as_posix(): json.loads(
            path.read_text("utf-8")
        )
        for path in content_dir.rglob("*.json")
    }


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """The injected content, built over a build of the default content (so What's new lists every
    title)."""
    site = start_site(tmp_path_factory.mktemp("injected"))
    inject_every_text_field(site.content_dir)
    site.rebuild()
    site.content = read_content(site.content_dir)
    yield site
    site.stop()


class RiskyMarkup(HTMLParser):
    """Elements and attributes that could run script or load something, as a browser would parse
    them."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        self.found += [
            f"<{tag} {name}={value}>"
            for name, value in attrs
            if name in {"href", "src", "action"} and re.match(r"\s*javascript:", value or "", re.I)
        ]
        if tag in {"img", "iframe", "object", "embed"}:
            self.found.append(f"<{tag}>")


def test_the_built_pages_hold_every_payload_escaped_and_no_markup_of_it(injected_site):
    pages = sorted(injected_site.out_dir.rglob("*.html"))
    html = {path: path.read_text("utf-8") for path in pages}
    for path, text in html.items():
        assert set(re.findall(r"<script\b[^>]*>", text, re.I)) <= OWN_SCRIPT_TAGS, path
        markup = RiskyMarkup()
        markup.feed(text)
        assert markup.found == [], path
    everything = "\n".join(html.values())
    for payload in PAYLOADS:
        assert str(escape(payload)) in everything
        if "<" in payload:
            assert payload not in everything


def page_text(page) -> str:
    return page.evaluate("document.body.textContent")


def open_page(context) -> tuple:
    """A new page, and the list of every dialog (alert, confirm, prompt) it opens: it must stay
    empty."""
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs


def assert_inert(page) -> None:
    """Nothing in the page came from a payload: no handler attributes, foreign scripts or
    javascript: links."""
    found = page.evaluate("""() => ({
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
            .filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
        scripts: [...document.scripts].map((s) => s.getAttribute('src')),
        links: [...document.querySelectorAll('[href], [src]')]
            .map((e) => e.getAttribute('href') || e.getAttribute('src'))
            .filter((url) => /^\\s*javascript:/i.test(url)),
        images: document.querySelectorAll('img').length,
    })""")
    assert found["handlers"] == [] and found["links"] == [] and found["images"] == 0
    assert set(found["scripts"]) <= OWN_SCRIPTS


def expected_texts(content: dict, path: str) -> list[str]:
    """What the page at path (below the base URL) must show as text, payloads included."""
    site = content["site"]
    texts = [site["title"], site["notice"]["text"], site["publisher"]["name"]]
    sections = {
        key.removeprefix("sections/"): data
        for key, data in content.items()
        if key.startswith("sections/")
    }
    resources = {
        key.removeprefix("resources/"): data
        for key, data in content.items()
        if key.startswith("resources/")
    }
    kind, _, name = path.strip("/").partition("/")
    if path == "":
        texts += site["introduction"] + [section["title"] for section in sections.values()]
    elif kind == "sections":
        texts += [sections[name]["title"]] + [
            resources[rid]["title"] for rid in sections[name]["resources"]
        ]
    elif kind == "resources":
        resource = resources[name]
        texts += [resource["title"], resource["summary"]] + [
            fact["text"] for fact in resource.get("body", [])
        ]
        for contact in resource.get("contacts", []):
            texts += [
                contact[field]
                for field in ("label", "note", "address", "hours")
                if field in contact
            ]
    elif kind in {"contacts", "whats-new"}:
        texts += [
            resource["title"]
            for rid, resource in resources.items()
            if kind == "whats-new" or "contacts" in resource
        ]
    elif kind == "field-offices":
        offices = content["field-offices"]["offices"]
        texts += [office["name"] for office in offices] + [
            cover["region"] for office in offices for cover in office["covers"] if "region" in cover
        ]
    elif kind in {"offline", "my-list"}:
        texts += [section["title"] for section in sections.values()]
    return texts


def every_page(content: dict) -> list[str]:
    sections = [key.removeprefix("sections/") for key in content if key.startswith("sections/")]
    resources = [key.removeprefix("resources/") for key in content if key.startswith("resources/")]
    return (
        [
            "",
            "search/",
            "my-list/",
            "contacts/",
            "whats-new/",
            "field-offices/",
            "offline/",
            "404.html",
        ]
        + [f"sections/{sid}/" for sid in sorted(sections)]
        + [f"resources/{rid}/" for rid in sorted(resources)]
    )


def test_every_page_shows_the_payloads_as_text_and_runs_none(context, injected_site):
    content = injected_site.content
    page, dialogs = open_page(context)
    paths = every_page(content)
    assert len(paths) == 8 + 3 + 20
    for path in paths:
        page.goto(injected_site.url + path)
        text = page_text(page)
        missing = [expected for expected in expected_texts(content, path) if expected not in text]
        assert missing == [], path
        assert_inert(page)
        if path.startswith("resources/"):
            title = content[path.strip("/")]["title"]
            assert (
                page.text_content("h1") == title
                and page.title() == f"{title} · {content['site']['title']}"
            )
    wait_until_offline_ready(page)  # the service worker, whose history holds every title, runs
    assert dialogs == []


def test_payloads_typed_into_search_show_as_text_in_the_status_and_results(context, injected_site):
    titles = {
        data["title"] for key, data in injected_site.content.items() if key.startswith("resources/")
    }
    page, dialogs = open_page(context)
    page.goto(injected_site.url + "search/")
    for payload in PAYLOADS:
        search_results(page, payload)
        assert f"“{payload.strip()}”" in page.text_content("#search-status")
        shown = set(page.locator(".result-list li > a").all_text_contents())
        assert shown <= titles  # each result's title, payload and all, as text
        having = {title for title in titles if payload in title}
        assert having and having <= shown
        assert_inert(page)
    assert dialogs == []


def test_my_list_and_the_field_office_finder_insert_the_payloads_as_text(context, injected_site):
    content = injected_site.content
    page, dialogs = open_page(context)
    page.goto(injected_site.url + "resources/hsi-tip-line/")
    page.click("[data-favorite]")
    page.goto(injected_site.url + "my-list/")
    title = content["resources/hsi-tip-line"]["title"]
    assert page.locator("#favorites a").all_text_contents() == [title]
    assert page.locator("#recent a").all_text_contents() == [title]

    page.goto(injected_site.url + "field-offices/")
    page.select_option("#fo-state", "VT")
    boston = next(
        office for office in content["field-offices"]["offices"] if office["id"] == "boston"
    )
    page.get_by_role("status").filter(has_text="field office").wait_for()
    assert f"{boston['name']} covers {boston['area_of_responsibility']}." in page.text_content(
        "#fo-answer"
    )
    page.select_option("#fo-state", "TX")
    regions = [
        cover["region"]
        for office in content["field-offices"]["offices"]
        for cover in office["covers"]
        if cover["state"] == "TX"
    ]
    assert sorted(page.locator("#fo-region option").all_text_contents()[1:]) == sorted(regions)
    assert_inert(page)
    assert dialogs == []


def test_the_update_prompt_names_changed_entries_as_text(context, own_site):
    page, dialogs = open_page(context)
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    inject_every_text_field(own_site.content_dir)
    own_site.rebuild()
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    first_title = read_content(own_site.content_dir)["resources/287g-program"]["title"]
    banner = page.locator("#update-banner", has_text="updated:")
    banner.wait_for()
    assert first_title in banner.text_content()
    assert_inert(page)
    assert dialogs == []
