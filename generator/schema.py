"""JSON Schemas of the files users and other tools exchange with the generator.

``digest.json`` is derived from the dataclasses in ``model`` (the contract), so the published schema
cannot drift from the code; ``seeds/sources.yml`` is described by hand. ``python -m generator.schema``
writes both into ``generator/schemas/``; a test checks the committed copies are current.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .model import SCHEMA, Digest

FOLDER = Path(__file__).resolve().parent / "schemas"

SOURCES_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "seeds/sources.yml",
    "description": "Outlet names and labels for articles that do not name their outlet; the first entry that matches wins.",
    "oneOf": [
        {"type": "array", "items": {"$ref": "#/$defs/entry"}},
        {"type": "object", "properties": {"sources": {"type": "array", "items": {"$ref": "#/$defs/entry"}}},
         "required": ["sources"]},
    ],
    "$defs": {
        "entry": {
            "type": "object",
            "properties": {
                "file": {"type": "string", "description": "A glob on the file name (\"001_*\")."},
                "url": {"type": "string", "description": "A glob on the article's URL (\"https://www.example.org/*\")."},
                "outlet": {"type": ["string", "null"], "description": "The outlet's name as readers know it."},
                "labels": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]},
                           "description": "Extra facts shown with the source (country, ownership, ...)."},
            },
            "anyOf": [{"required": ["file"]}, {"required": ["url"]}],
        }
    },
}


def digest_schema() -> dict[str, Any]:
    """Derive the JSON Schema of digest.json from the model's dataclasses."""
    definitions: dict[str, Any] = {}
    root = _schema_of(Digest, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"digest.json, schema {SCHEMA}",
        "description": "One story's digest. Later versions of schema 1 may add keys; the keys here keep their meaning.",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _schema_of(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp.__name__ not in definitions:
            definitions[tp.__name__] = {}  # placeholder: a type that refers to itself stops here
            hints = typing.get_type_hints(tp)
            fields = dataclasses.fields(tp)
            definitions[tp.__name__] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().splitlines()[0],
                "properties": {f.name: _schema_of(hints[f.name], definitions) for f in fields},
                "required": [f.name for f in fields],
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        return {"type": "array", "items": _schema_of(args[0], definitions)}
    if origin in (Mapping, dict, typing.Mapping):
        return {"type": "object", "additionalProperties": _schema_of(args[1], definitions)}
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return {"anyOf": [_schema_of(a, definitions) for a in inner] + [{"type": "null"}]}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    raise TypeError(f"no JSON Schema for {tp!r}")


def write() -> list[Path]:
    """Write the schemas into generator/schemas/; return the files written."""
    FOLDER.mkdir(exist_ok=True)
    written = []
    for name, schema in (("digest.schema.json", digest_schema()), ("sources.schema.json", SOURCES_SCHEMA)):
        path = FOLDER / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path}")
