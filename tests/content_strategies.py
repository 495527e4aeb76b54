"""Hypothesis' settings and the strategies the property tests share (test_properties.py,
test_fast_validation.py): arbitrary JSON values made of content's own field names, and one field
of a valid file replaced.

Importing this loads the profile: 100 examples a property, a few seconds;
HYPOTHESIS_PROFILE=thorough runs 2000. No example database to replay from; nothing is printed unless
a property fails (then its example is).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from corner.content.jsonfile import walk
from support import SMALL_CONTENT

PROFILE = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("corner", max_examples=100, **PROFILE)
settings.register_profile("thorough", max_examples=2000, **PROFILE)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "corner"))

FIELD_NAMES = sorted(
    {
        key
        for data in SMALL_CONTENT.values()
        for parts, _ in walk(data)
        for key in parts
        if isinstance(key, str)
    }
    | {
        "offices",
        "covers",
        "state",
        "region",
        "name",
        "area_of_responsibility",
        "groups",
        "closest",
        "word",
        "words",
    }
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=10)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=12,
)


def replaced(value, parts, new):
    """A copy of value with the item at parts replaced by new."""
    if not parts:
        return new
    head, *rest = parts
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[head] = replaced(value[head], rest, new)
    return copy
