"""The field-office finder as an officer uses it: by keyboard, on the map, without JavaScript,
offline."""

from __future__ import annotations

import re

from support import wait_until_offline_ready

OFFICIAL = "https://www.ice.gov/contact/field-offices"
CHOSEN_OFFICE = ".fo-tile:is(.is-office, .is-part)"


def open_finder(context, site, address: str = ""):
    page = context.new_page()
    page.goto(site.url + "field-offices/" + address)
    page.locator("#fo-state").wait_for()  # shown once the script has set the finder up
    return page


def marked_tiles(page) -> set[str]:
    return {tile.get_attribute("data-state") for tile in page.locator(CHOSEN_OFFICE).all()}


def assert_answer_cites_the_official_page(answer):
    link = answer.get_by_role("link", name="Open on ice.gov")
    assert link.get_attribute("href") == OFFICIAL
    assert "(needs a connection)" in answer.text_content()
    assert "as of September 2025" in answer.text_content()


def test_keyboard_only_texas_then_south_texas_finds_harlingen(context, site):
    page = open_finder(context, site)
    for _ in range(40):  # skip link, header, breadcrumbs, intro link, then the first select
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "fo-state":
            break
    assert page.evaluate("document.activeElement.id") == "fo-state"
    page.keyboard.type("Texas")
    answer = page.get_by_role("status").filter(has_text="Texas")
    assert page.input_value("#fo-state") == "TX"
    assert "Texas is shared by 5 field offices" in answer.text_content()
    assert page.locator("#fo-answer li").all_text_contents() == [
        "North Texas: Dallas",
        "West Texas: El Paso",
        "South Texas: Harlingen",
        "Southeast Texas: Houston",
        "Central Texas: San Antonio",
    ]

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "fo-region"
    assert page.text_content("label[for=fo-region]") == "County or region of Texas"
    page.keyboard.type("South Texas")
    page.get_by_role("status").filter(has_text="Harlingen field office").wait_for()
    assert page.text_content(".fo-answer-office") == "Texas, South Texas: Harlingen field office"
    assert "Harlingen covers South Texas." in page.text_content("#fo-answer")
    assert_answer_cites_the_official_page(page.locator("#fo-answer"))
    # On the map: Texas is the chosen square, and only part of it is Harlingen's.
    assert page.get_attribute(".fo-tile[data-state=TX]", "aria-current") == "true"
    assert marked_tiles(page) == {"TX"} and page.locator(".fo-tile.is-part").count() == 1
    assert page.url.endswith("field-offices/#state-TX")


def test_choosing_a_tile_shows_the_office_and_marks_its_whole_area(context, site):
    page = open_finder(context, site)
    page.get_by_role("link", name="Vermont: Boston").click()
    page.get_by_role("status").filter(has_text="Boston field office").wait_for()
    assert page.text_content(".fo-answer-office") == "Vermont: Boston field office"
    assert "Boston covers CT, ME, MA, NH, RI, VT." in page.text_content("#fo-answer")
    assert page.input_value("#fo-state") == "VT" and page.is_hidden("#fo-region")
    assert marked_tiles(page) == {"CT", "ME", "MA", "NH", "RI", "VT"}
    # Not by colour alone: the office's squares are striped and outlined, the others are not.
    marked = page.locator(".fo-tile[data-state=ME] rect").evaluate(
        "(r) => [getComputedStyle(r).fill, getComputedStyle(r).strokeWidth]"
    )
    plain = page.locator(".fo-tile[data-state=NY] rect").evaluate(
        "(r) => [getComputedStyle(r).fill, getComputedStyle(r).strokeWidth]"
    )
    assert marked[0].startswith("url(") and float(marked[1].removesuffix("px")) >= 3
    assert not plain[0].startswith("url(") and float(plain[1].removesuffix("px")) < 3
    assert page.is_visible("text=Striped with a solid outline: covered by the chosen office.")


def test_the_map_is_one_tab_stop_and_the_arrow_keys_walk_it(context, site):
    page = open_finder(context, site, "#state-TX")
    assert page.input_value("#fo-state") == "TX"  # a link to a state's row opens with it chosen
    assert [
        tile.get_attribute("data-state") for tile in page.locator(".fo-tile[tabindex='0']").all()
    ] == ["TX"]
    page.focus(".fo-tile[data-state=TX]")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.dataset.state") == "OK"
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Dallas field office").wait_for()
    assert "Dallas covers OK and North Texas." in page.text_content("#fo-answer")
    assert page.locator(".fo-tile.is-office").get_attribute("data-state") == "OK"
    assert page.locator(".fo-tile.is-part").get_attribute("data-state") == "TX"
    page.keyboard.press("Shift+Tab")
    assert (
        page.evaluate("document.activeElement.closest('.fo-tile')") is None
    )  # out of the map in one step


def test_a_territory_puerto_rico_is_covered_by_miami(context, site):
    page = open_finder(context, site)
    page.select_option("#fo-state", label="Puerto Rico")
    page.get_by_role("status").filter(has_text="Miami field office").wait_for()
    assert page.text_content(".fo-answer-office") == "Puerto Rico: Miami field office"
    assert "Miami covers FL, PR, USVI." in page.text_content("#fo-answer")
    assert marked_tiles(page) == {"FL", "PR", "VI"}
    assert_answer_cites_the_official_page(page.locator("#fo-answer"))


def test_american_samoa_says_the_source_lists_no_office_and_links_the_official_page(context, site):
    page = open_finder(context, site)
    page.get_by_role("link", name="American Samoa: no field office listed").click()
    answer = page.get_by_role("status").filter(has_text="American Samoa")
    answer.wait_for()
    assert (
        page.text_content(".fo-answer-office")
        == "American Samoa: the source lists no field office for American Samoa."
    )
    assert_answer_cites_the_official_page(answer)
    assert marked_tiles(page) == set()


def test_without_javascript_the_list_and_the_map_answer(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url + "resources/ero-field-liaisons/")
    page.get_by_role("link", name="Find the field office for a state (works offline)").click()
    assert page.text_content("h1") == "Find a field office"
    assert page.is_hidden("#fo-state")  # the finder needs JavaScript; the list below does not
    assert page.is_hidden("text=Striped with a solid outline")  # nothing is ever marked without it
    page.get_by_role("link", name="Texas: Dallas, El Paso, Harlingen, Houston, San Antonio").click()
    assert page.url.endswith("field-offices/#state-TX")
    texas = page.locator("#state-TX dd").all_text_contents()
    assert texas == [
        "North Texas: Dallas field office, which covers OK and North Texas",
        "West Texas: El Paso field office, which covers NM and West Texas",
        "South Texas: Harlingen field office",
        "Southeast Texas: Houston field office",
        "Central Texas: San Antonio field office",
    ]
    assert (
        page.text_content("#state-VT dd")
        == "Boston field office, which covers CT, ME, MA, NH, RI, VT"
    )
    assert (
        page.text_content("#state-GU dd")
        == "San Francisco field office, which covers rest of CA, HI, Guam, CNMI"
    )
    assert "The source lists no field office for American Samoa" in page.text_content(
        "#state-AS dd"
    )
    assert page.locator(".fo-list > div").count() == 56
    assert page.get_attribute("main a.official", "href") == OFFICIAL


def test_the_finder_works_offline_after_one_visit(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    own_site.stop()
    context.set_offline(True)
    response = page.goto(own_site.url + "resources/ero-field-liaisons/")
    assert response.from_service_worker
    page.get_by_role("link", name="Find the field office for a state (works offline)").click()
    page.wait_for_url(re.compile(r"/field-offices/$"))
    page.select_option("#fo-state", label="New York")
    page.select_option("#fo-region", label="upstate New York")
    page.get_by_role("status").filter(has_text="Buffalo field office").wait_for()
    assert (
        page.text_content(".fo-answer-office") == "New York, upstate New York: Buffalo field office"
    )
    assert "(needs a connection)" in page.text_content("#fo-answer")
    page.get_by_role("link", name="California: Los Angeles, San Diego, San Francisco").click()
    page.select_option("#fo-region", label="rest of CA")
    page.get_by_role("status").filter(has_text="San Francisco field office").wait_for()
    assert "San Francisco covers rest of CA, HI, Guam, CNMI." in page.text_content("#fo-answer")
    assert marked_tiles(page) == {"CA", "HI", "GU", "MP"}
