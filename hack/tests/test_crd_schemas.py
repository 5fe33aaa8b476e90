"""Checks the CRDs in charts/karpenter/crds against the examples and against KubeModel.

- The committed CRDs are what hack/crdgen.py writes.
- Every schema is structural and uses nothing a 1.20 kube-apiserver rejects (no CEL).
- Every default validates against its own schema.
- Every manifest in deploy/examples/v1 validates against its CRD, as written and after defaulting,
  and uses no field the schema lacks (the API server would silently prune it).
- KubeModel agrees with the schema: the fixtures the Swift suite CRDAgreementTests keeps equal to
  the JSON encoding of fully populated v1 objects validate strictly (no unknown fields) and cover
  every field the schema declares.
"""
import copy
import glob
import json
import os
import sys

import jsonschema
import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "hack"))
import crdgen  # noqa: E402

CRD_DIR = os.path.join(ROOT, "charts", "karpenter", "crds")
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "deploy", "examples", "v1", "*.yaml")))
FIXTURES = {
    "NodePool": "nodepool.json",
    "NodeClaim": "nodeclaim.json",
    "EC2NodeClass": "ec2nodeclass.json",
}


def load_crds():
    crds = {}
    for path in sorted(glob.glob(os.path.join(CRD_DIR, "*.yaml"))):
        with open(path) as handle:
            for document in yaml.safe_load_all(handle):
                if document:
                    crds[document["spec"]["names"]["kind"]] = document
    return crds


CRDS = load_crds()


def schema_of(kind, version="v1"):
    for entry in CRDS[kind]["spec"]["versions"]:
        if entry["name"] == version:
            return entry["schema"]["openAPIV3Schema"]
    raise KeyError(f"{kind} has no version {version}")


def strict(schema):
    """A copy in which objects with declared properties reject undeclared ones."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if not isinstance(node, dict):
            return
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for key in ("properties",):
            for child in node.get(key, {}).values():
                walk(child)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                walk(node[key])

    walk(schema)
    # metadata is validated by the API server itself, not by the CRD schema.
    schema["properties"]["metadata"] = {"type": "object"}
    return schema


def apply_defaults(value, schema):
    """Structural defaulting as the API server does it: fill, then descend (into defaults too)."""
    if isinstance(value, dict):
        for name, prop in schema.get("properties", {}).items():
            if name not in value and "default" in prop:
                value[name] = copy.deepcopy(prop["default"])
        for name, child in value.items():
            if name in schema.get("properties", {}):
                apply_defaults(child, schema["properties"][name])
            elif isinstance(schema.get("additionalProperties"), dict):
                apply_defaults(child, schema["additionalProperties"])
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            apply_defaults(item, schema["items"])
    return value


def validate(instance, schema):
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'.'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in errors]


def schema_paths(schema, prefix=""):
    """Every declared property path; list items as [], map values as *."""
    paths = set()
    for name, prop in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        paths.add(path)
        paths |= schema_paths(prop, path)
    if isinstance(schema.get("items"), dict):
        paths |= schema_paths(schema["items"], prefix + "[]")
    if isinstance(schema.get("additionalProperties"), dict):
        paths |= schema_paths(schema["additionalProperties"], prefix + ".*")
    return paths


def instance_paths(value, schema, prefix=""):
    """Property paths present in value, named the way schema_paths names them."""
    paths = set()
    if isinstance(value, dict):
        for name, child in value.items():
            if name in schema.get("properties", {}):
                path = f"{prefix}.{name}" if prefix else name
                paths.add(path)
                paths |= instance_paths(child, schema["properties"][name], path)
            elif isinstance(schema.get("additionalProperties"), dict):
                paths |= instance_paths(child, schema["additionalProperties"], prefix + ".*")
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            paths |= instance_paths(item, schema["items"], prefix + "[]")
    return paths


def test_crds_are_generated():
    for name, build in crdgen.FILES.items():
        with open(os.path.join(CRD_DIR, name)) as handle:
            assert handle.read() == crdgen.render(build), f"{name} is stale: run python3 hack/crdgen.py"


@pytest.mark.parametrize("kind", sorted(FIXTURES))
def test_crd_shape(kind):
    crd = CRDS[kind]
    spec = crd["spec"]
    assert crd["apiVersion"] == "apiextensions.k8s.io/v1"
    assert spec["scope"] == "Cluster"
    assert spec["names"]["categories"] == ["karpenter"]
    assert [(v["name"], v["served"], v["storage"]) for v in spec["versions"]] == [("v1", True, True)]
    assert spec["versions"][0]["subresources"] == {"status": {}}


@pytest.mark.parametrize("kind", sorted(FIXTURES))
def test_schema_is_structural_without_cel(kind):
    problems = []

    def walk(node, path):
        if "x-kubernetes-validations" in node:
            problems.append(f"{path}: CEL rules are not available on Kubernetes 1.20")
        int_or_string = node.get("x-kubernetes-int-or-string")
        if "type" not in node and not int_or_string and not node.get("x-kubernetes-preserve-unknown-fields"):
            problems.append(f"{path}: structural schemas need a type")
        for branch in node.get("anyOf", []):
            if set(branch) - {"type"} or not int_or_string:
                problems.append(f"{path}: anyOf is only used for int-or-string")
        for name in node.get("required", []):
            if name not in node.get("properties", {}):
                problems.append(f"{path}: required field {name} is not declared")
        if "default" in node:
            for error in validate(node["default"], node):
                problems.append(f"{path}: default does not validate: {error}")
        for name, child in node.get("properties", {}).items():
            walk(child, f"{path}.{name}")
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                walk(node[key], f"{path}.{key}")

    walk(schema_of(kind), kind)
    assert problems == []


def example_documents():
    for path in EXAMPLES:
        with open(path) as handle:
            for index, document in enumerate(yaml.safe_load_all(handle), start=1):
                if document:
                    yield pytest.param(document, id=f"{os.path.basename(path)}#{index}")


def test_there_are_v1_examples():
    assert {os.path.basename(p) for p in EXAMPLES} >= {"nodepool.yaml", "ec2nodeclass.yaml"}


@pytest.mark.parametrize("document", list(example_documents()))
def test_example_validates_against_its_crd(document):
    kind = document["kind"]
    assert document["apiVersion"] == f"{CRDS[kind]['spec']['group']}/v1"
    schema = strict(schema_of(kind))
    assert validate(document, schema) == []
    assert validate(apply_defaults(copy.deepcopy(document), schema), schema) == []


@pytest.mark.parametrize("kind", sorted(FIXTURES))
def test_kubemodel_fixture_matches_schema(kind):
    path = os.path.join(ROOT, "hack", "tests", "fixtures", "kubemodel", FIXTURES[kind])
    with open(path) as handle:
        fixture = json.load(handle)
    schema = schema_of(kind)
    # Every field KubeModel writes is declared (and valid) in the schema.
    assert validate(fixture, strict(schema)) == []
    # Every field the schema declares is written by KubeModel.
    declared = {p for p in schema_paths(schema) if not p.startswith("metadata")}
    missing = sorted(declared - instance_paths(fixture, schema))
    assert missing == [], f"fields in the {kind} CRD that KubeModel does not write: {missing}"


def test_drift_detection_works():
    """The checks above must fail when schema and model disagree."""
    schema = copy.deepcopy(schema_of("NodePool"))
    with open(os.path.join(ROOT, "hack", "tests", "fixtures", "kubemodel", "nodepool.json")) as handle:
        fixture = json.load(handle)
    del schema["properties"]["spec"]["properties"]["weight"]
    assert any("weight" in e for e in validate(fixture, strict(schema)))
    extra = copy.deepcopy(schema_of("NodePool"))
    extra["properties"]["spec"]["properties"]["replicas"] = {"type": "integer"}
    assert "spec.replicas" in schema_paths(extra) - instance_paths(fixture, extra)
