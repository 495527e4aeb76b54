"""The schemas themselves: valid JSON Schema, documented, and named by every content file."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from corner.content.schema import SCHEMA_DIR
from support import DEFAULT_CONTENT

SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12_and_describes_every_property(path):
    schema = json.loads(path.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("description")

    def undocumented(node, where):
        for name, prop in node.get("properties", {}).items():
            has_doc = "description" in prop or ("$ref" in prop and name != "$schema")
            if not has_doc:
                yield f"{where}.{name}"
            yield from undocumented(prop, f"{where}.{name}")
        for name, definition in node.get("$defs", {}).items():
            yield from undocumented(definition, f"{where}.$defs.{name}")

    assert list(undocumented(schema, path.name)) == []


def test_every_content_file_names_its_schema_so_editors_validate_it():
    expected = {
        "site.json": "site.schema.json",
        "field-offices.json": "field-offices.schema.json",
        "synonyms.json": "synonyms.schema.json",
        "sections": "section.schema.json",
        "resources": "resource.schema.json",
    }
    files = sorted(DEFAULT_CONTENT.rglob("*.json"))
    assert len(files) == 26
    for path in files:
        declared = json.loads(path.read_text("utf-8"))["$schema"]
        target = (path.parent / declared).resolve()
        assert target.is_file(), path
        kind = path.name if path.parent == DEFAULT_CONTENT else path.parent.name
        assert target.name == expected[kind], path
