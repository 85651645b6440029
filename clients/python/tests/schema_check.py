"""A small JSON Schema (2020-12 subset) checker for the protocol's schemas in docs/protocol/, so the
tests need no third-party package. It refuses keywords it does not implement, so a schema can never
pass because a keyword was silently ignored."""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any, Dict, List

ANNOTATIONS = {"$schema", "$id", "title", "description"}
KEYWORDS = ANNOTATIONS | {
    "$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "propertyNames", "items", "minItems",
    "minimum", "exclusiveMinimum", "minLength", "pattern", "oneOf", "anyOf",
}


class SchemaChecker:
    def __init__(self, directory: str):
        self.directory = directory
        self._cache: Dict[str, dict] = {}

    def load(self, name: str) -> dict:
        if name not in self._cache:
            with open(os.path.join(self.directory, name), encoding="utf-8") as f:
                self._cache[name] = json.load(f)
        return self._cache[name]

    def errors(self, instance: Any, schema: Any, path: str = "$") -> List[str]:
        """Every violation of ``schema`` by ``instance`` (empty when valid)."""
        if isinstance(schema, str):
            schema = self.load(schema)
        if schema is True:
            return []
        if schema is False:
            return [f"{path}: not allowed"]
        unknown = set(schema) - KEYWORDS
        if unknown:
            raise ValueError(f"schema keyword(s) {sorted(unknown)} not supported by this checker")
        out: List[str] = []
        if "$ref" in schema:
            out += self.errors(instance, self.load(schema["$ref"]), path)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(instance, t) for t in types):
                return out + [f"{path}: {instance!r} is not of type {types}"]
        if "const" in schema and not _equal(instance, schema["const"]):
            out.append(f"{path}: {instance!r} is not {schema['const']!r}")
        if "enum" in schema and not any(_equal(instance, e) for e in schema["enum"]):
            out.append(f"{path}: {instance!r} is not one of {schema['enum']}")
        if isinstance(instance, (int, float)) and not isinstance(instance, bool):
            if "minimum" in schema and instance < schema["minimum"]:
                out.append(f"{path}: {instance} < {schema['minimum']}")
            if "exclusiveMinimum" in schema and instance <= schema["exclusiveMinimum"]:
                out.append(f"{path}: {instance} <= {schema['exclusiveMinimum']}")
        if isinstance(instance, str):
            if "minLength" in schema and len(instance) < schema["minLength"]:
                out.append(f"{path}: shorter than {schema['minLength']}")
            if "pattern" in schema and not re.search(schema["pattern"], instance):
                out.append(f"{path}: {instance!r} does not match {schema['pattern']}")
        if isinstance(instance, dict):
            for key in schema.get("required", []):
                if key not in instance:
                    out.append(f"{path}: missing required {key!r}")
            props = schema.get("properties", {})
            for key, value in instance.items():
                if key in props:
                    out += self.errors(value, props[key], f"{path}.{key}")
                elif "additionalProperties" in schema:
                    out += self.errors(value, schema["additionalProperties"], f"{path}.{key}")
                if "propertyNames" in schema:
                    out += self.errors(key, schema["propertyNames"], f"{path}[key {key!r}]")
        if isinstance(instance, list):
            if "minItems" in schema and len(instance) < schema["minItems"]:
                out.append(f"{path}: fewer than {schema['minItems']} items")
            if "items" in schema:
                for i, item in enumerate(instance):
                    out += self.errors(item, schema["items"], f"{path}[{i}]")
        if "anyOf" in schema and not any(not self.errors(instance, s, path) for s in schema["anyOf"]):
            out.append(f"{path}: matches none of anyOf")
        if "oneOf" in schema:
            matches = sum(1 for s in schema["oneOf"] if not self.errors(instance, s, path))
            if matches != 1:
                out.append(f"{path}: matches {matches} of oneOf (needs exactly 1)")
        return out


def _is_type(v: Any, t: str) -> bool:
    if t == "null":
        return v is None
    if t == "boolean":
        return isinstance(v, bool)
    if t == "string":
        return isinstance(v, str)
    if t == "array":
        return isinstance(v, list)
    if t == "object":
        return isinstance(v, dict)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    if t == "number":
        return True
    if t == "integer":
        return isinstance(v, int) or (math.isfinite(v) and v == int(v))
    raise ValueError(f"unknown type {t}")


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b
