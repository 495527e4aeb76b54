"""Search as an officer uses it: the right entry first, matches marked, keyboard, back button."""

from __future__ import annotations

import json

from harness import BASE_URL
from support import DATA, edit_json, search_results

RELEVANCE = json.loads((DATA / "relevance.json").read_text("utf-8"))


def test_every_relevance_case_reaches_its_rank_in_the_browser(context, site):
    """tests/data/relevance.json through the shipped index and pwa/search.js, as the page runs
    them."""
    assert len(RELEVANCE) >= 40
    page = context.new_page()
    page.goto(site.url)
    found = page.evaluate(
        """async ([base, queries]) => {
            const { loadIndex } = await import(`${base}assets/search.js`);
            const index = await loadIndex(base);
            return queries.map((query) => index.search(query, 10).hits.map((hit) => hit.id));
        }""",
        [BASE_URL, [case["query"] for case in RELEVANCE]],
    )
    misses = [
        (case["query"], case["id"], f"wanted within {case['rank']}", ids[:3])
        for case, ids in zip(RELEVANCE, found, strict=True)
        if case["id"] not in ids[: case["rank"]]
    ]
    assert misses == []


def test_matched_words_are_marked_in_the_title_and_snippet(context, site):
    page = context.new_page()
    page.goto(site.url + "search/")
    assert search_results(page, "traffickers")[0] == f"{BASE_URL}resources/human-trafficking/"
    first = page.locator(".result-list li").first
    assert first.locator("a mark").all_text_contents() == ["Trafficking"]
    assert first.locator("a").inner_text() == "Human Trafficking"  # as rendered: the space is kept
    assert "trafficking" in first.locator("p mark").all_text_contents()


def test_the_snippet_shows_where_a_long_description_matched(context, site):
    page = context.new_page()
    page.goto(site.url + "search/")
    assert search_results(page, "testify")[0] == f"{BASE_URL}resources/tool-kit-for-prosecutors/"
    snippet = page.locator(".result-list li p").first
    assert snippet.locator("mark").all_text_contents() == ["testify"]
    text = snippet.text_content()
    assert (
        text.startswith("…") and len(text) < 200
    )  # the description is 600 characters; "testify" is near its end


def test_slash_goes_to_search_and_arrow_keys_walk_the_results(context, site):
    page = context.new_page()
    page.goto(site.url + "resources/foia-library/")
    page.keyboard.press("/")
    page.wait_for_url(site.url + "search/")
    assert page.evaluate("() => document.activeElement.id") == "search-input"
    page.keyboard.type("law enforcement")
    page.locator("#search-status", has_text="“law enforcement”").wait_for()
    links = page.locator(".result-list li > a")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == links.nth(1).get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.id") == "search-input"
    page.keyboard.press("ArrowDown")
    first = links.nth(0).get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + first.removeprefix(BASE_URL))


def test_every_result_is_reached_by_arrow_keys_and_by_scrolling(context, site):
    """The page draws the first rows at once and the rest as they are needed: none is out of
    reach."""
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url + "search/")
    search_results(page, "law enforcement")
    total = int(page.text_content("#search-status").split()[0])
    assert total > 10, "the query should find more results than one screen holds"
    page.focus("#search-input")
    for _ in range(total):
        page.keyboard.press("ArrowDown")
    rows = page.locator(".result-list li > a")
    assert rows.count() == total
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == rows.nth(
        total - 1
    ).get_attribute("href")
    page.fill("#search-input", "")
    search_results(page, "immigration")
    total = int(page.text_content("#search-status").split()[0])
    assert total > 10
    page.locator("footer.site-footer").scroll_into_view_if_needed()
    rows.nth(total - 1).wait_for()
    assert rows.count() == total


def test_slash_focuses_the_home_search_box_but_types_normally_in_it(context, site):
    page = context.new_page()
    page.goto(site.url)
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "search-input"
    page.keyboard.type("24/7")
    assert page.input_value("#search-input") == "24/7"
    page.locator("#search-status", has_text="“24/7”").wait_for()


def test_back_from_a_result_returns_to_the_query_and_its_results(context, site):
    page = context.new_page()
    page.goto(site.url + "search/")
    search_results(page, "hsin")
    page.wait_for_url(site.url + "search/?q=hsin")  # once typing pauses
    page.click(".result-list li > a")
    page.wait_for_url("**/resources/homeland-security-information-network/")
    page.go_back()
    page.locator("#search-status", has_text="“hsin”").wait_for()
    assert page.input_value("#search-input") == "hsin"
    assert (
        page.locator(".result-list li > a")
        .first.get_attribute("href")
        .endswith("/homeland-security-information-network/")
    )


def test_marked_results_show_content_as_text_never_as_markup(context, own_site):
    edit_json(
        own_site.content_dir / "resources/hsi-tip-line.json",
        lambda data: data.update(title="Tip <img src=x onerror=alert(1)> Line"),
    )
    own_site.rebuild()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(own_site.url + "search/")
    search_results(page, "tip img")
    title = page.locator(".result-list li > a").first
    assert title.text_content() == "Tip <img src=x onerror=alert(1)> Line"
    assert title.locator("mark").all_text_contents() == ["Tip", "img"]
    assert page.locator(".result-list img").count() == 0 and dialogs == []


# Counts the search workers the page starts.
COUNT_WORKERS = """(() => {
    const Real = window.Worker;
    window.workersStarted = 0;
    window.Worker = class extends Real {
        constructor(...args) { super(...args); window.workersStarted += 1; }
    };
})()"""


def test_a_small_index_is_searched_in_the_page_and_a_large_one_in_a_worker(new_context, site):
    page = new_context(service_workers="block").new_page()  # pages come from the server (route)
    page.add_init_script(COUNT_WORKERS)
    page.goto(site.url + "search/")
    assert page.get_attribute("html", "data-search") == "page"  # 20 entries
    assert search_results(page, "hsin")
    assert page.evaluate("workersStarted") == 0  # answered in the keystroke's own task

    # What the build writes for content of more than PAGE_SEARCH_ENTRIES entries.
    def as_if_large(route):
        body = route.fetch().text().replace('data-search="page"', 'data-search="worker"', 1)
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    page.route(site.url + "search/", as_if_large)
    page.goto(site.url + "search/")
    assert page.get_attribute("html", "data-search") == "worker"
    assert search_results(page, "hsin") == [
        f"{BASE_URL}resources/homeland-security-information-network/"
    ]
    assert page.evaluate("workersStarted") == 1


def test_search_works_where_the_browser_has_no_workers(context, site):
    page = context.new_page()
    page.add_init_script("delete window.Worker")
    page.goto(site.url + "search/")
    assert search_results(page, "hsin") == [
        f"{BASE_URL}resources/homeland-security-information-network/"
    ]


def ids_in_browser(page, queries: list[str]) -> list[dict]:
    """Each query through the shipped index and pwa/search.js: its result ids, marked words, closest
    words."""
    return page.evaluate(
        """async ([base, queries]) => {
            const { loadIndex } = await import(`${base}assets/search.js`);
            const index = await loadIndex(base);
            return queries.map((query) => {
                const found = index.search(query, 10);
                const ids = found.hits.map((hit) => hit.id);
                return { ids, words: [...found.words], closest: found.closest };
            });
        }""",
        [BASE_URL, queries],
    )


def test_words_for_calling_find_the_numbers_to_call_the_24_7_line_first(context, site):
    page = context.new_page()
    page.goto(site.url)
    with_phones = {
        "law-enforcement-support-center",
        "hsi-tip-line",
        "foia-library",
        "homeland-security-information-network",
    }
    queries = ["phone", "call", "number", "contact", "telephone"]
    for query, found in zip(queries, ids_in_browser(page, queries), strict=True):
        assert found["ids"][0] == "law-enforcement-support-center", query
        assert with_phones <= set(found["ids"]), query


def test_a_stop_word_never_matches_as_the_start_of_another_word_unless_it_is_all_there_is(
    context, site
):
    page = context.new_page()
    page.goto(site.url)
    typed, without, alone, done = ids_in_browser(
        page, ["phone number for", "phone number", "for", "for "]
    )
    assert (
        typed["ids"] == without["ids"] and "form" not in typed["words"]
    )  # "for" pulls in no forms
    assert (
        alone["ids"][0] == "immigration-detainer-form" and "form" in alone["words"]
    )  # typing "form" passes "for"
    assert done["ids"] == []


def test_synonyms_find_and_mark_the_words_the_entries_use(context, site):
    page = context.new_page()
    page.goto(site.url + "search/")
    assert search_results(page, "kids")[0] == f"{BASE_URL}resources/child-exploitation/"
    assert page.locator(".result-list li").first.locator("a mark").all_text_contents() == ["Child"]
    jail, half_typed = ids_in_browser(page, ["jail", "depo"])
    assert jail["ids"][0] == "criminal-alien-program"
    assert {"ero-field-liaisons", "removal-statistics"} <= set(
        half_typed["ids"][:2]
    )  # on the way to "deport"


def test_a_word_with_no_equal_leads_to_the_closest_entries_and_says_so(context, site):
    page = context.new_page()
    page.goto(site.url + "search/")
    assert set(search_results(page, "warrant")[:2]) == {
        f"{BASE_URL}resources/immigration-detainer-form/",
        f"{BASE_URL}resources/fugitive-operations/",
    }
    assert (
        page.locator("#search-status").text_content()
        == "2 results for “warrant”. No entry uses “warrant”; these come closest."
    )
    assert page.locator(".result-list mark").count() == 0  # nothing marked as if it said "warrant"
    search_results(page, "detainer")
    assert "closest" not in page.locator("#search-status").text_content()
