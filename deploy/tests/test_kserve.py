"""deploy/kserve: the ServingRuntime and InferenceService validated against KServe's own CRD schemas (the OpenAPI v3
schemas in ../shared/reference/kserve/, or $KSERVE_CRDS), strictly: an unknown field anywhere is an error (the
API server would prune it silently), then the rules the service relies on (OIP v2, probes, image, autoscaling)."""

from __future__ import annotations

import copy
import functools
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from deploylib import DEPLOY, REPO, K8S

KSERVE = DEPLOY / "kserve"
CRDS = Path(os.environ.get("KSERVE_CRDS", REPO.parent / "shared" / "reference" / "kserve"))


def strict(schema):
    """The schema with `additionalProperties: false` wherever it lists properties and keeps no unknown fields."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if ("properties" in node and "additionalProperties" not in node
                    and not node.get("x-kubernetes-preserve-unknown-fields")):
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


@functools.lru_cache(maxsize=None)
def crd_schema(file_name, version):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    crd = yaml.load((CRDS / file_name).read_text(), Loader=loader)
    for entry in crd["spec"]["versions"]:
        if entry["name"] == version:
            schema = strict(entry["schema"]["openAPIV3Schema"])
            # apiVersion, kind and metadata are checked by the API server, not the CRD's schema.
            schema["properties"]["metadata"] = {"type": "object"}
            return schema
    raise AssertionError(f"{file_name} has no version {version}")


def load(name):
    return yaml.safe_load((KSERVE / name).read_text())


RUNTIME = load("servingruntime.yaml")
SERVICE = load("inferenceservice.yaml")
DEPLOYMENT = yaml.safe_load((K8S / "deployment.yaml").read_text())


def test_crds_are_present():
    assert (CRDS / "serving.kserve.io_inferenceservices.yaml").is_file(), f"KServe CRDs not found in {CRDS}"


@pytest.mark.parametrize("document, crd, version", [
    (RUNTIME, "serving.kserve.io_servingruntimes.yaml", "v1alpha1"),
    (SERVICE, "serving.kserve.io_inferenceservices.yaml", "v1beta1"),
])
def test_validates_against_the_crd_strictly(document, crd, version):
    assert document["apiVersion"] == f"serving.kserve.io/{version}"
    jsonschema.validate(document, crd_schema(crd, version))


def test_strict_validation_rejects_an_unknown_field():
    broken = copy.deepcopy(SERVICE)
    broken["spec"]["predictor"]["model"]["modelFormatt"] = {"name": "eos-vae"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, crd_schema("serving.kserve.io_inferenceservices.yaml", "v1beta1"))


def test_runtime_serves_the_open_inference_protocol_with_the_deployments_contract():
    spec = RUNTIME["spec"]
    assert spec["protocolVersions"] == ["v2"]
    container = spec["containers"][0]
    reference = DEPLOYMENT["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == reference["image"]
    assert container["command"] == reference["command"]
    assert container["resources"] == reference["resources"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    env = {item["name"]: item.get("value") for item in container["env"]}
    assert env["EOS_MODEL"] == "default" and env["EOS_PORT"] == str(container["ports"][0]["containerPort"])
    assert container["readinessProbe"]["httpGet"]["path"] == f"/v2/models/{env['EOS_MODEL']}/ready"
    assert container["livenessProbe"]["httpGet"]["path"] == "/v2/health/live"


def test_inference_service_uses_the_runtime_and_scales_on_cpu():
    predictor = SERVICE["spec"]["predictor"]
    model = predictor["model"]
    assert model["runtime"] == RUNTIME["metadata"]["name"]
    assert model["modelFormat"]["name"] in {f["name"] for f in RUNTIME["spec"]["supportedModelFormats"]}
    assert model["protocolVersion"] == "v2"
    assert predictor["scaleMetric"] == "cpu" and 50 <= predictor["scaleTarget"] <= 90
    assert 2 <= predictor["minReplicas"] <= predictor["maxReplicas"]
    drain = int(next(e["value"] for e in RUNTIME["spec"]["containers"][0]["env"] if e["name"] == "EOS_DRAIN_TIMEOUT"))
    assert predictor["terminationGracePeriodSeconds"] > drain + 5
