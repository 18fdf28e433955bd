"""The published JSON Schemas: current with the model, and what the build writes and reads obeys them."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.build import build
from generator.schema import FOLDER, SOURCES_SCHEMA, digest_schema

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_digest_schema_is_the_one_the_model_gives() -> None:
    committed = json.loads((FOLDER / "digest.schema.json").read_text(encoding="utf-8"))
    assert committed == digest_schema(), "run `python -m generator.schema` and review the diff"
    assert json.loads((FOLDER / "sources.schema.json").read_text(encoding="utf-8")) == SOURCES_SCHEMA


def test_the_seeds_digest_obeys_the_schema_and_a_broken_one_does_not(tmp_path: Path) -> None:
    report = build(ROOT / "seeds", tmp_path / "out", warn=lambda line: None)
    (digest_file,) = (tmp_path / "out").glob("*/digest.json")
    digest = json.loads(digest_file.read_text(encoding="utf-8"))
    schema = digest_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(digest, schema)
    assert digest["story"]["slug"] == report.digests[0].story.slug
    broken = {**digest, "claims": [{**digest["claims"][0], "independent": "two"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("- file: '001_*'\n  outlet: Agence France-Presse\n  labels: {country: France}\n", True),
        ("sources:\n  - url: 'https://www.example.org/*'\n    outlet: Example News\n", True),
        ("- outlet: No pattern\n", False),
        ("- file: 3\n  outlet: Numbers are not globs\n", False),
        ("just: a mapping\n", False),
    ],
)
def test_sources_yml_schema_accepts_what_the_reader_accepts(text: str, valid: bool) -> None:
    errors = list(jsonschema.Draft202012Validator(SOURCES_SCHEMA).iter_errors(yaml.safe_load(text)))
    assert (not errors) == valid, errors


def test_the_readme_example_of_sources_yml_obeys_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    jsonschema.validate(yaml.safe_load(example), SOURCES_SCHEMA)
