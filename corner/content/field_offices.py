"""Step 1, checking field-offices.json: the places the finder knows, and checks across offices.

The schema checks each office's shape; office_problems, what it cannot see across the file.
site/finder.py turns the checked offices into the finder page's data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..errors import Problem
from .jsonfile import Document, json_path


class Place(NamedTuple):
    """A state, the District of Columbia or a territory, and its square on the tile-grid map."""

    name: str
    kind: str  # "state" or "territory" (DC is listed with the states)
    column: int
    row: int


# USPS codes. The map is a tile grid: one square per place, roughly where it lies, so every
# place gets the same size whatever its area; the territories sit along the bottom row.
PLACES: dict[str, Place] = {
    "AK": Place("Alaska", "state", 0, 0),
    "ME": Place("Maine", "state", 11, 0),
    "WI": Place("Wisconsin", "state", 6, 1),
    "VT": Place("Vermont", "state", 10, 1),
    "NH": Place("New Hampshire", "state", 11, 1),
    "WA": Place("Washington", "state", 1, 2),
    "ID": Place("Idaho", "state", 2, 2),
    "MT": Place("Montana", "state", 3, 2),
    "ND": Place("North Dakota", "state", 4, 2),
    "MN": Place("Minnesota", "state", 5, 2),
    "IL": Place("Illinois", "state", 6, 2),
    "MI": Place("Michigan", "state", 7, 2),
    "NY": Place("New York", "state", 9, 2),
    "MA": Place("Massachusetts", "state", 10, 2),
    "OR": Place("Oregon", "state", 1, 3),
    "NV": Place("Nevada", "state", 2, 3),
    "WY": Place("Wyoming", "state", 3, 3),
    "SD": Place("South Dakota", "state", 4, 3),
    "IA": Place("Iowa", "state", 5, 3),
    "IN": Place("Indiana", "state", 6, 3),
    "OH": Place("Ohio", "state", 7, 3),
    "PA": Place("Pennsylvania", "state", 8, 3),
    "NJ": Place("New Jersey", "state", 9, 3),
    "CT": Place("Connecticut", "state", 10, 3),
    "RI": Place("Rhode Island", "state", 11, 3),
    "CA": Place("California", "state", 1, 4),
    "UT": Place("Utah", "state", 2, 4),
    "CO": Place("Colorado", "state", 3, 4),
    "NE": Place("Nebraska", "state", 4, 4),
    "MO": Place("Missouri", "state", 5, 4),
    "KY": Place("Kentucky", "state", 6, 4),
    "WV": Place("West Virginia", "state", 7, 4),
    "VA": Place("Virginia", "state", 8, 4),
    "MD": Place("Maryland", "state", 9, 4),
    "DE": Place("Delaware", "state", 10, 4),
    "AZ": Place("Arizona", "state", 2, 5),
    "NM": Place("New Mexico", "state", 3, 5),
    "KS": Place("Kansas", "state", 4, 5),
    "AR": Place("Arkansas", "state", 5, 5),
    "TN": Place("Tennessee", "state", 6, 5),
    "NC": Place("North Carolina", "state", 7, 5),
    "SC": Place("South Carolina", "state", 8, 5),
    "DC": Place("District of Columbia", "state", 9, 5),
    "OK": Place("Oklahoma", "state", 4, 6),
    "LA": Place("Louisiana", "state", 5, 6),
    "MS": Place("Mississippi", "state", 6, 6),
    "AL": Place("Alabama", "state", 7, 6),
    "GA": Place("Georgia", "state", 8, 6),
    "HI": Place("Hawaii", "state", 1, 7),
    "TX": Place("Texas", "state", 4, 7),
    "FL": Place("Florida", "state", 9, 7),
    "MP": Place("Northern Mariana Islands", "territory", 0, 8),
    "GU": Place("Guam", "territory", 1, 8),
    "AS": Place("American Samoa", "territory", 2, 8),
    "PR": Place("Puerto Rico", "territory", 10, 8),
    "VI": Place("U.S. Virgin Islands", "territory", 11, 8),
}

SHARED_STATE_ADVICE = (
    '; where offices share a state, give each entry a "region" '
    '(e.g. "North Texas") so the finder can tell them apart'
)
REPEATED_ID = 'office id "{}" is already used at {}; give each office its own id'
UNKNOWN_PLACE = 'unknown state or territory code "{}"; use a USPS code such as TX, DC, PR or GU'


def office_problems(document: Document) -> Iterator[Problem]:
    """What the schema cannot see: unknown codes, repeated ids, a shared state with no regions to
    choose between."""
    offices = document.data["offices"]
    first_id: dict[str, int] = {}
    # state → region (or None) → (path, office name)
    by_state: dict[str, dict[str | None, tuple[list, str]]] = {}
    for i, office in enumerate(offices):
        if office["id"] in first_id:
            first = json_path(["offices", first_id[office["id"]], "id"])
            yield document.problem(["offices", i, "id"], REPEATED_ID.format(office["id"], first))
        first_id.setdefault(office["id"], i)
        for k, cover in enumerate(office["covers"]):
            state, region, here = cover["state"], cover.get("region"), ["offices", i, "covers", k]
            listed = by_state.setdefault(state, {})
            if state not in PLACES:
                yield document.problem([*here, "state"], UNKNOWN_PLACE.format(state))
            elif region in listed:
                path, name = listed[region]
                what = state if region is None else f'{state} "{region}"'
                advice = SHARED_STATE_ADVICE if region is None and name != office["name"] else ""
                yield document.problem(
                    here, f"{what} is already listed for {name} at {json_path(path)}{advice}"
                )
            else:
                listed[region] = (here, office["name"])
    for state, listed in by_state.items():
        if None in listed and len(listed) > 1:
            others = ", ".join(
                dict.fromkeys(name for region, (_, name) in listed.items() if region is not None)
            )
            yield document.problem(
                listed[None][0], f"{state} is also covered by {others}{SHARED_STATE_ADVICE}"
            )
