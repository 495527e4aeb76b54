"""Whatever an editor saves, the loader and `build.py validate` answer with content or clean
problems.

Hypothesis writes arbitrary JSON values, text and bytes as content files (and mutates a valid
resource field by field); every answer must be success or problems located as file:line:col:
$.path: message, exit status 0 or 1, and never an exception. HYPOTHESIS_PROFILE=thorough runs
far more examples (tests/content_strategies.py holds the profile and the strategies).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from build import cli
from content_strategies import json_values, replaced
from corner.content import load_content, today
from corner.content.jsonfile import walk
from corner.site import render_site
from support import SMALL_CONTENT, write_content

TARGETS = [
    "site.json",
    "sections/tips.json",
    "resources/tip-line.json",
    "field-offices.json",
    "synonyms.json",
]
# Text that looks like JSON often enough to reach past the first character.
json_like_text = st.text(
    alphabet=st.sampled_from('{}[]":,-+.0123456789eEtrufalsn \n\t\\/u')
    | st.characters(codec="utf-8"),
    max_size=80,
)


def check(folder: Path, problem_files: set[str]) -> None:
    """The loader and the command agree, and every problem is a clean, located line."""
    content, problems = load_content(folder, today())
    errors = [p for p in problems if p.severity == "error"]
    assert (content is None) == bool(errors)
    for problem in problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line and "Traceback" not in line
        assert Path(problem.file).relative_to(folder).as_posix() in problem_files
        assert problem.json_path.startswith("$") and problem.message
        if problem.line:
            text = Path(problem.file).read_text("utf-8", errors="replace")
            assert 1 <= problem.line <= text.count("\n") + 1 and problem.column >= 1

    result = CliRunner().invoke(cli, ["validate", "--content", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    assert lines[:-1] == [str(problem) for problem in problems]
    if errors:
        assert result.exit_code == 1 and lines[-1].startswith(f"Error: {len(errors)} error(s), ")
    else:
        assert result.exit_code == 0 and lines[-1].endswith(": content is valid.")
        render_site(content, "/")  # what the checks accept, the build can render


def check_with(target: str, write) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_content(Path(tmp))
        write(folder / target)
        # A broken site.json or section can make others' references look wrong: any content file may
        # be named.
        check(folder, set(SMALL_CONTENT) | {target, "resources"})


@given(target=st.sampled_from(TARGETS), value=json_values, indent=st.sampled_from([None, 2]))
def test_any_json_value_in_any_content_file(target, value, indent):
    check_with(target, lambda path: path.write_text(json.dumps(value, indent=indent), "utf-8"))


@given(target=st.sampled_from(TARGETS), text=json_like_text)
def test_any_text_in_any_content_file(target, text):
    check_with(target, lambda path: path.write_text(text, "utf-8"))


@given(target=st.sampled_from(TARGETS), data=st.binary(max_size=200))
def test_any_bytes_in_any_content_file(target, data):
    check_with(target, lambda path: path.write_bytes(data))


VALID_RESOURCE = SMALL_CONTENT["resources/tip-line.json"]
PLACES = [parts for parts, _ in walk(VALID_RESOURCE) if parts]


@given(place=st.sampled_from(PLACES), new=st.text() | json_values)
def test_any_field_of_a_valid_resource_replaced_by_any_json(place, new):
    resource = replaced(VALID_RESOURCE, list(place), new)
    check_with(
        "resources/tip-line.json",
        lambda path: path.write_text(json.dumps(resource, indent=2), "utf-8"),
    )
