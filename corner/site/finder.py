"""Step 2, the field-office finder's page data: every place, its offices and its map square.

pages.py renders templates/field-offices.html with finder(content.field_offices) when the content
has a field-offices.json (content/field_offices.py has checked it); without one, no finder.
"""

from __future__ import annotations

from ..content.field_offices import PLACES

# Map geometry in SVG user units: at its full width a tile is 44 CSS pixels, a comfortable touch
# target.
TILE = 44
STEP = 48
MAP_WIDTH = STEP * (1 + max(place.column for place in PLACES.values()))
MAP_HEIGHT = STEP * (1 + max(place.row for place in PLACES.values()))


def finder(data: dict) -> dict:
    """What the finder page shows: the offices, every place with its answers and map square, the
    source."""
    names = {office["id"]: office["name"] for office in data["offices"]}
    answers: dict[str, list[dict]] = {code: [] for code in PLACES}
    for office in data["offices"]:
        for cover in office["covers"]:
            answers[cover["state"]].append({"region": cover.get("region"), "office": office["id"]})
    places = []
    for code, place in sorted(PLACES.items(), key=lambda item: item[1].name):
        office_names = list(dict.fromkeys(names[answer["office"]] for answer in answers[code]))
        listed = ", ".join(office_names) if office_names else "no field office listed"
        places.append(
            {
                "code": code,
                "name": place.name,
                "kind": place.kind,
                "answers": answers[code],
                "split": any(answer["region"] for answer in answers[code]),
                "label": f"{place.name}: {listed}",
                "column": place.column,
                "row": place.row,
                "x": place.column * STEP + (STEP - TILE) // 2,
                "y": place.row * STEP + (STEP - TILE) // 2,
            }
        )
    return {
        "source": data["source"],
        "offices": data["offices"],
        "offices_by_id": {office["id"]: office for office in data["offices"]},
        "places": places,  # by name, for the list and the select
        # In reading order.
        "tiles": sorted(places, key=lambda place: (place["row"], place["column"])),
        "map": {"width": MAP_WIDTH, "height": MAP_HEIGHT, "tile": TILE},
        "script_data": _script_data(data, places),
    }


def _script_data(data: dict, places: list[dict]) -> dict:
    """The little the page's script needs to answer a choice: offices and each place's
    answers."""
    return {
        "offices": {
            office["id"]: {
                "name": office["name"],
                "area": office["area_of_responsibility"],
                "covers": [[cover["state"], cover.get("region")] for cover in office["covers"]],
            }
            for office in data["offices"]
        },
        "places": {
            place["code"]: {
                "name": place["name"],
                "answers": [[answer["region"], answer["office"]] for answer in place["answers"]],
            }
            for place in places
        },
    }
