"""An entry's links_to says which of the app's own pages its page links to; no id in a template."""

from __future__ import annotations

from support import edit_json
from support import run_cli as run

FINDER_LINK = 'href="/field-offices/"'
ERO = "resources/ero-field-liaisons.json"


def entry_page(out, rid: str) -> str:
    return (out / "resources" / rid / "index.html").read_text("utf-8")


def test_the_entries_that_say_so_link_to_the_finder_whatever_their_id(content_dir, tmp_path):
    edit_json(content_dir / ERO, lambda data: data.pop("links_to"))
    edit_json(
        content_dir / "resources/hsi-tip-line.json",
        lambda data: data.update(links_to=["field-office-finder"]),
    )
    out = tmp_path / "site"
    assert run("build", "--content", content_dir, "--out", out).exit_code == 0
    assert FINDER_LINK in entry_page(out, "hsi-tip-line")
    assert FINDER_LINK not in entry_page(out, "ero-field-liaisons")


def test_a_link_to_a_page_the_content_does_not_build_is_a_located_warning(content_dir, tmp_path):
    (content_dir / "field-offices.json").unlink()
    result = run("validate", "--content", content_dir)
    assert result.exit_code == 0  # the page is built, without the link
    assert result.stderr.splitlines() == [
        f"{content_dir / ERO}:49:5: $.links_to[0]: warning: links to the field-office finder, but "
        "there is no content/field-offices.json, so it is not built and this page shows no link "
        'to it; add field-offices.json or remove "field-office-finder"'
    ]
    strict = run("build", "--content", content_dir, "--out", tmp_path / "site", "--strict")
    assert (
        strict.exit_code == 1
        and "$.links_to[0]: warning: links to the field-office finder" in strict.stderr
    )
    assert not (tmp_path / "site").exists()


def test_a_page_the_app_does_not_have_is_an_error_naming_those_it_has(content_dir):
    edit_json(content_dir / ERO, lambda data: data.update(links_to=["field-office-map"]))
    result = run("validate", "--content", content_dir)
    assert result.exit_code == 1
    assert (
        f'{content_dir / ERO}:49:5: $.links_to[0]: "field-office-map" is not one of: '
        "field-office-finder"
    ) in result.stderr
