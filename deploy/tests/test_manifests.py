"""deploy/k8s and deploy/compose.yaml: every manifest validated against the Kubernetes (or Compose) schemas,
then the operational rules the service relies on (probes, drain budget, security context, autoscaling)."""

from __future__ import annotations

import math
import shutil
import subprocess

import pytest
import yaml

from deploylib import DEPLOY, K8S

kubernetes_validate = pytest.importorskip("kubernetes_validate", reason="pip install kubernetes-validate")

# The oldest Kubernetes minor still common in managed clusters and the newest the validator bundles.
KUBERNETES_VERSIONS = ["1.29.0", "1.37.0"]
MANIFESTS = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def documents(path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def resources() -> dict[str, dict]:
    found = {}
    for path in MANIFESTS:
        for document in documents(path):
            found[document["kind"]] = document
    return found


R = resources()
DEPLOYMENT, SERVICE, HPA, PDB, CONFIGMAP = (R["Deployment"], R["Service"], R["HorizontalPodAutoscaler"],
                                            R["PodDisruptionBudget"], R["ConfigMap"])
POD = DEPLOYMENT["spec"]["template"]
CONTAINER = POD["spec"]["containers"][0]


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_matches_kubernetes_schema(path, version):
    for document in documents(path):
        kubernetes_validate.validate(document, version, strict=True)  # raises on any schema error


def kustomize_build() -> list[dict]:
    for command in (["kustomize", "build", str(K8S)], ["kubectl", "kustomize", str(K8S)]):
        if shutil.which(command[0]):
            out = subprocess.run(command, capture_output=True, text=True, timeout=60)
            assert out.returncode == 0, out.stderr
            return [d for d in yaml.safe_load_all(out.stdout) if d]
    pytest.skip("neither kustomize nor kubectl is installed")


def test_kustomization_lists_every_manifest():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert kustomization["apiVersion"] == "kustomize.config.k8s.io/v1beta1"
    assert sorted(kustomization["resources"]) == sorted(p.name for p in MANIFESTS)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_kustomize_output_matches_kubernetes_schema(version):
    built = kustomize_build()
    assert sorted(d["kind"] for d in built) == sorted(R)
    for document in built:
        kubernetes_validate.validate(document, version, strict=True)


def test_labels_and_selectors_agree():
    labels = POD["metadata"]["labels"]
    for selector in (DEPLOYMENT["spec"]["selector"]["matchLabels"], SERVICE["spec"]["selector"],
                     PDB["spec"]["selector"]["matchLabels"]):
        assert selector.items() <= labels.items()
    target = HPA["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == ("apps/v1", "Deployment",
                                                                      DEPLOYMENT["metadata"]["name"])
    names = {p["name"] for p in CONTAINER["ports"]}
    assert all(p["targetPort"] in names for p in SERVICE["spec"]["ports"])
    assert [e["configMapRef"]["name"] for e in CONTAINER["envFrom"]] == [CONFIGMAP["metadata"]["name"]]


def test_container_port_matches_the_configured_port():
    assert [p["containerPort"] for p in CONTAINER["ports"]] == [int(CONFIGMAP["data"]["EOS_PORT"])] == [8080]
    assert CONFIGMAP["data"]["EOS_HOST"] == "0.0.0.0"


def test_probes():
    assert CONTAINER["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert CONTAINER["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert CONTAINER["startupProbe"]["httpGet"]["path"] == "/healthz"
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        assert CONTAINER[probe]["httpGet"]["port"] == "http"


def test_requests_and_limits():
    resources = CONTAINER["resources"]
    for kind in ("cpu", "memory"):
        assert kind in resources["requests"] and kind in resources["limits"]
    assert float(resources["requests"]["cpu"]) <= float(resources["limits"]["cpu"])


def test_termination_grace_outlasts_prestop_and_drain():
    spec = POD["spec"]
    pre_stop = CONTAINER["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "/bin/sleep"  # coreutils, present in the Debian runtime image
    pause = float(pre_stop[1])
    drain = float(CONFIGMAP["data"].get("EOS_DRAIN_TIMEOUT", "25"))
    assert spec["terminationGracePeriodSeconds"] > pause + drain, "SIGKILL would cut the drain short"
    assert pause >= 3, "too short for the endpoint removal to reach every node"


def test_security_context():
    pod = POD["spec"]["securityContext"]
    container = CONTAINER["securityContext"]
    assert pod["runAsNonRoot"] is True and pod["runAsUser"] == 10001 and pod["runAsGroup"] == 10001
    assert pod["seccompProfile"]["type"] == "RuntimeDefault"
    assert container["readOnlyRootFilesystem"] is True
    assert container["allowPrivilegeEscalation"] is False
    assert container["capabilities"]["drop"] == ["ALL"] and "add" not in container["capabilities"]
    assert container.get("privileged", False) is False
    assert POD["spec"]["automountServiceAccountToken"] is False
    # A writable /tmp for a read-only root filesystem.
    assert {"name": "tmp", "mountPath": "/tmp"} in CONTAINER["volumeMounts"]


def test_image_user_matches_the_pod_user():
    from deploylib import parse_dockerfile
    runtime = next(s for s in parse_dockerfile(DEPLOY / "Dockerfile") if s.name == "runtime")
    assert runtime.last("USER").value == f"{POD['spec']['securityContext']['runAsUser']}:" \
                                         f"{POD['spec']['securityContext']['runAsGroup']}"


def test_prometheus_annotations():
    for annotations in (POD["metadata"]["annotations"], SERVICE["metadata"]["annotations"]):
        assert annotations["prometheus.io/scrape"] == "true"
        assert annotations["prometheus.io/path"] == "/metrics"
        assert annotations["prometheus.io/port"] == CONFIGMAP["data"]["EOS_PORT"]


def test_autoscaling_and_disruption_budget():
    assert HPA["apiVersion"] == "autoscaling/v2"
    metric = HPA["spec"]["metrics"][0]
    assert metric["type"] == "Resource" and metric["resource"]["name"] == "cpu"
    assert 0 < metric["resource"]["target"]["averageUtilization"] <= 90
    assert 2 <= HPA["spec"]["minReplicas"] < HPA["spec"]["maxReplicas"]
    assert PDB["apiVersion"] == "policy/v1"
    # The budget lets a drain proceed (never blocks all evictions) but keeps the service up at the minimum.
    assert PDB["spec"].get("maxUnavailable", 0) < HPA["spec"]["minReplicas"]
    rolling = DEPLOYMENT["spec"]["strategy"]["rollingUpdate"]
    assert rolling["maxUnavailable"] == 0


def test_worker_counts_follow_the_cpu_limit():
    env = {e["name"]: e for e in CONTAINER["env"]}
    for name in ("EOS_WORKERS", "EOS_BATCH_THREADS"):
        reference = env[name]["valueFrom"]["resourceFieldRef"]
        assert reference["resource"] == "limits.cpu" and reference["containerName"] == CONTAINER["name"]
    assert math.ceil(float(CONTAINER["resources"]["limits"]["cpu"])) >= 1


def test_compose_matches_the_compose_schema():
    check = shutil.which("check-jsonschema")
    if not check:
        pytest.skip("pip install check-jsonschema (bundles the Compose specification schema)")
    result = subprocess.run([check, "--builtin-schema", "vendor.compose-spec", str(DEPLOY / "compose.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_essentials():
    service = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]["eos-server"]
    assert service["healthcheck"]["test"] == ["CMD", "/usr/local/bin/eos-healthcheck"]
    limits = service["deploy"]["resources"]["limits"]
    assert "cpus" in limits and "memory" in limits
    assert service["build"]["dockerfile"] == "deploy/Dockerfile" and service["build"]["context"] == ".."
    assert service["stop_signal"] == "SIGTERM"
    assert service["read_only"] is True and service["cap_drop"] == ["ALL"]
    grace = int(service["stop_grace_period"].rstrip("s"))
    assert grace > float(service["environment"].get("EOS_DRAIN_TIMEOUT", 25))
    assert service["ports"] == ["127.0.0.1:8080:8080"]
