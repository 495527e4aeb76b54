"""The field-office table: exactly the verified facts, and every mistake in it located and named."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from build import cli
from corner.content.field_offices import PLACES
from corner.site.finder import finder
from support import DATA, DEFAULT_CONTENT, edit_json

OFFICES = json.loads((DEFAULT_CONTENT / "field-offices.json").read_text("utf-8"))
LA_COUNTIES = (
    "Los Angeles, Orange, Riverside, San Bernardino, Ventura, Santa Barbara, San Luis "
    "Obispo counties"
)
NYC_AREA = (
    "the five boroughs and Dutchess, Nassau, Putnam, Suffolk, Sullivan, Orange, Rockland, Ulster, "
    "Westchester counties"
)
# The table's words for places that are not plain USPS codes: (code, the part of it, if only a
# part).
PHRASES = {
    "upstate New York": [("NY", "upstate New York")],
    "OK and North Texas": [("OK", None), ("TX", "North Texas")],
    "NM and West Texas": [("NM", None), ("TX", "West Texas")],
    "South Texas": [("TX", "South Texas")],
    "Southeast Texas": [("TX", "Southeast Texas")],
    "Central Texas": [("TX", "Central Texas")],
    f"{LA_COUNTIES} (CA)": [("CA", LA_COUNTIES)],
    "San Diego and Imperial counties (CA)": [("CA", "San Diego and Imperial counties")],
    NYC_AREA: [("NY", NYC_AREA)],
    "rest of CA, HI, Guam, CNMI": [("CA", "rest of CA"), ("HI", None), ("GU", None), ("MP", None)],
    "FL, PR, USVI": [("FL", None), ("PR", None), ("VI", None)],
}


def facts_table() -> list[tuple[str, str]]:
    """(office, area as worded) from the verified facts' "ERO areas of responsibility", in order."""
    text = (DATA / "content-facts.md").read_text("utf-8")
    section = (
        text.split("## ERO areas of responsibility", 1)[1]
        .split("\n", 1)[1]
        .split("\nOffice phone numbers", 1)[0]
    )
    entries = " ".join(section.split()).removesuffix(".").split(" · ")
    return [tuple(entry.split(": ", 1)) for entry in entries]


def test_offices_and_their_areas_are_the_verified_table_word_for_word():
    table = facts_table()
    assert len(table) == 25
    assert [
        (office["name"], office["area_of_responsibility"]) for office in OFFICES["offices"]
    ] == table


def test_what_each_office_covers_is_what_its_wording_says_and_nothing_else():
    for name, area in facts_table():
        expected = PHRASES.get(area) or [(code, None) for code in area.split(", ")]
        [office] = [office for office in OFFICES["offices"] if office["name"] == name]
        assert [(cover["state"], cover.get("region")) for cover in office["covers"]] == expected, (
            name
        )


def test_every_place_the_table_names_has_its_offices_and_american_samoa_has_none():
    places = {place["code"]: place for place in finder(OFFICES)["places"]}
    assert len(places) == 56  # 50 states, DC and 5 territories
    assert [code for code, place in places.items() if not place["answers"]] == ["AS"]
    assert places["TX"]["label"] == "Texas: Dallas, El Paso, Harlingen, Houston, San Antonio"
    assert places["CA"]["label"] == "California: Los Angeles, San Diego, San Francisco"
    assert places["NY"]["label"] == "New York: Buffalo, New York City"
    assert places["PR"]["label"] == "Puerto Rico: Miami"
    assert places["AS"]["label"] == "American Samoa: no field office listed"
    assert [code for code, place in places.items() if place["split"]] == ["CA", "NY", "TX"]


def test_the_source_is_the_official_page_as_of_september_2025_and_no_other_link_or_number():
    assert OFFICES["source"]["url"] == "https://www.ice.gov/contact/field-offices"
    assert OFFICES["source"]["as_of"] == "2025-09"
    text = json.dumps(OFFICES)
    assert re.findall(r"https?://[^\"]+", text) == ["https://www.ice.gov/contact/field-offices"]
    assert not re.search(r"\d{3}\D{0,2}\d{3}\D\d{4}", text)  # no phone number


def test_every_square_of_the_map_has_its_own_place_inside_the_map():
    model = finder(OFFICES)
    spots = [(place["x"], place["y"]) for place in model["tiles"]]
    assert len(set(spots)) == len(PLACES)
    tile, width, height = model["map"]["tile"], model["map"]["width"], model["map"]["height"]
    assert all(x >= 0 and x + tile <= width and y >= 0 and y + tile <= height for x, y in spots)


# Mistakes in content/field-offices.json, through `build.py validate`, as an editor sees them.


def validate(content_dir):
    result = CliRunner().invoke(cli, ["validate", "--content", str(content_dir)])
    assert "Traceback" not in result.output
    return result


def where(path, needle: str, after: str = "") -> str:
    """'line:column' of the first needle (after the text `after`) in a file, as editors count."""
    text = path.read_text("utf-8")
    offset = text.index(needle, text.index(after) if after else 0)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - text.rfind(chr(10), 0, offset)}"


def break_offices(content_dir, change):
    path = content_dir / "field-offices.json"
    edit_json(path, lambda data: change(data["offices"]))
    return path


def test_an_unknown_state_code_is_located_and_named(content_dir):
    path = break_offices(content_dir, lambda offices: offices[2]["covers"][0].update(state="XX"))
    result = validate(content_dir)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:{where(path, chr(34) + 'XX')}: $.offices[2].covers[0].state: "
        'unknown state or territory code "XX"; use a USPS code such as TX, DC, PR or GU',
        "Error: 1 error(s), 0 warning(s)",
    ]


def test_a_code_that_is_not_two_capitals_breaks_the_schema(content_dir):
    path = break_offices(
        content_dir, lambda offices: offices[0]["covers"][0].update(state="Georgia")
    )
    result = validate(content_dir)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f'{path}:{where(path, chr(34) + "Georgia")}: $.offices[0].covers[0].state: "Georgia" is '
        "not valid here. Expected: The state's or territory's two-letter USPS code in capitals: "
        "TX, DC, PR, VI, GU, MP."
    )


SHARED = (
    'where offices share a state, give each entry a "region" (e.g. "North Texas") so the '
    "finder can tell them apart"
)


def test_a_state_shared_by_offices_needs_a_region_for_each(content_dir):
    path = break_offices(
        content_dir, lambda offices: offices[9]["covers"][0].pop("region")
    )  # Harlingen: South Texas
    result = validate(content_dir)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:{where(path, '{', after='harlingen')}: $.offices[9].covers[0]: "
        f"TX is also covered by Dallas, El Paso, Houston, San Antonio; {SHARED}",
        "Error: 1 error(s), 0 warning(s)",
    ]


def test_a_whole_state_listed_for_two_offices_is_an_error(content_dir):
    path = break_offices(
        content_dir, lambda offices: offices[0]["covers"].append({"state": "FL"})
    )  # Atlanta
    result = validate(content_dir)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{path}:{where(path, '{', after='miami')}: $.offices[12].covers[0]: "
        f"FL is already listed for Atlanta at $.offices[0].covers[3]; {SHARED}"
    )


def test_the_same_region_listed_for_two_offices_is_an_error(content_dir):
    path = break_offices(
        content_dir, lambda offices: offices[10]["covers"][0].update(region="South Texas")
    )
    result = validate(content_dir)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{path}:{where(path, '{', after='houston')}: $.offices[10].covers[0]: "
        'TX "South Texas" is already listed for Harlingen at $.offices[9].covers[0]'
    )


def test_a_repeated_office_id_is_an_error_and_every_problem_comes_at_once(content_dir):
    def change(offices):
        offices[1]["id"] = "atlanta"
        offices[3]["covers"][0]["state"] = "ZZ"

    path = break_offices(content_dir, change)
    edit_json(content_dir / "resources/hsi-tip-line.json", lambda data: data.update(kind="gadget"))
    lines = validate(content_dir).output.splitlines()
    assert lines[:2] == [
        f"{path}:{where(path, chr(34) + 'atlanta', after='GA, NC, SC')}: $.offices[1].id: office "
        'id "atlanta" is already used at $.offices[0].id; give each office its own id',
        f"{path}:{where(path, chr(34) + 'ZZ')}: $.offices[3].covers[0].state: unknown state or "
        'territory code "ZZ"; use a USPS code such as TX, DC, PR or GU',
    ]
    assert "hsi-tip-line.json" in lines[2] and lines[3] == "Error: 3 error(s), 0 warning(s)"


def test_without_the_file_there_is_no_finder_and_no_link_to_it(content_dir, tmp_path):
    (content_dir / "field-offices.json").unlink()
    assert validate(content_dir).exit_code == 0
    out = tmp_path / "site"
    assert (
        CliRunner()
        .invoke(cli, ["build", "--content", str(content_dir), "--out", str(out)])
        .exit_code
        == 0
    )
    assert not (out / "field-offices").exists()
    assert "field-offices/" not in (out / "resources/ero-field-liaisons/index.html").read_text(
        "utf-8"
    )


def test_with_the_file_only_the_field_office_entry_links_to_the_finder(content_dir, tmp_path):
    out = tmp_path / "site"
    assert (
        CliRunner()
        .invoke(cli, ["build", "--content", str(content_dir), "--out", str(out)])
        .exit_code
        == 0
    )
    assert (out / "field-offices/index.html").is_file()
    linking = sorted(
        page.parent.name
        for page in (out / "resources").glob("*/index.html")
        if 'href="/field-offices/"' in page.read_text("utf-8")
    )
    assert linking == ["ero-field-liaisons"]


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        (lambda data: data.pop("source"), "$: 'source' is a required property"),
        (
            lambda data: data["source"].update(as_of="September 2025"),
            '$.source.as_of: "September 2025" is not valid here.',
        ),
        (
            lambda data: data["offices"][0].update(phone="+1 404-555-0100"),
            '$.offices[0].phone: unknown field "phone"',
        ),
        (
            lambda data: data["offices"][4].pop("name"),
            "$.offices[4]: 'name' is a required property",
        ),
        (
            lambda data: data["offices"][5].update(covers=[]),
            "$.offices[5].covers: [] should be non-empty",
        ),
    ],
)
def test_other_mistakes_are_reported_in_the_file(content_dir, mistake, message):
    edit_json(content_dir / "field-offices.json", mistake)
    result = validate(content_dir)
    assert result.exit_code == 1
    assert "field-offices.json:" in result.output and message in result.output
