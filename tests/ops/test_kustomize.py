"""What `kustomize build` makes of k8s/base and k8s/overlays/example: the output a cluster would receive.

kustomize comes from the Go module proxy (`make kustomize`, run by `make test`/`make ops-check` and so by
.ci/run); without it these tests skip locally and fail under CI. The rendered core kinds go through
kubernetes-validate, the CRD kinds through the schemas in tests/ops/schemas.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "k8s" / "base"
OVERLAY = REPO / "k8s" / "overlays" / "example"
ALERTS = REPO / "deploy" / "prometheus" / "alerts.yml"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
K8S_VERSION = "1.31.0"
CRD_SCHEMAS = {
    ("keda.sh/v1alpha1", "ScaledObject"): "scaledobject.schema.json",
    ("keda.sh/v1alpha1", "TriggerAuthentication"): "triggerauthentication.schema.json",
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "servicemonitor.schema.json",
    ("monitoring.coreos.com/v1", "PrometheusRule"): "prometheusrule.schema.json",
}
PINNED_IMAGE = re.compile(r"^[^@\s]+(@sha256:[0-9a-f]{64}|:[0-9a-f]{40})$")


def _tool(name: str, hint: str) -> str:
    for candidate in (REPO / ".tools" / "bin" / name, Path(sys.executable).parent / name):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed: {hint} (CI is set, so a missing validator is an error)")
    pytest.skip(f"{name} is not installed: {hint}")


def _build(path: Path) -> list[dict]:
    kustomize = _tool("kustomize", "make kustomize  (go install sigs.k8s.io/kustomize/kustomize/v5)")
    result = subprocess.run([kustomize, "build", str(path)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return [d for d in yaml.safe_load_all(result.stdout) if d]


@pytest.fixture(scope="module")
def base() -> list[dict]:
    return _build(BASE)


@pytest.fixture(scope="module")
def overlay() -> list[dict]:
    return _build(OVERLAY)


def _one(docs: list[dict], kind: str, component: str = "worker") -> dict:
    found = [
        d
        for d in docs
        if d["kind"] == kind and d["metadata"].get("labels", {}).get("app.kubernetes.io/component") == component
    ]
    assert len(found) == 1, f"{kind}/{component}: {len(found)}"
    return found[0]


def _containers(docs: list[dict]) -> list[dict]:
    return [c for d in docs if d["kind"] == "Deployment" for c in d["spec"]["template"]["spec"]["containers"]]


def test_overlay_prefix_renames_keda_references(overlay: list[dict]) -> None:
    """With a namePrefix, the ScaledObject still targets the worker Deployment and its TriggerAuthentication."""
    scaled = _one(overlay, "ScaledObject")
    deployment = _one(overlay, "Deployment")
    (auth,) = [d for d in overlay if d["kind"] == "TriggerAuthentication"]
    assert deployment["metadata"]["name"] == "prod-dipevents"
    assert scaled["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert [t["authenticationRef"]["name"] for t in scaled["spec"]["triggers"]] == [auth["metadata"]["name"]]
    assert auth["metadata"]["name"] == "prod-dipevents-kafka"


def test_configmap_is_hashed_and_every_reference_follows(base: list[dict], overlay: list[dict]) -> None:
    """The generated ConfigMap has a content hash in its name (a change rolls the pods); both pods use it."""
    for docs, prefix in ((base, ""), (overlay, "prod-")):
        (config,) = [d for d in docs if d["kind"] == "ConfigMap"]
        assert re.fullmatch(rf"{prefix}dipevents-config-[a-z0-9]{{10}}", config["metadata"]["name"])
        refs = {e["configMapRef"]["name"] for c in _containers(docs) for e in c.get("envFrom", [])}
        assert refs == {config["metadata"]["name"]}
    (merged,) = [d for d in overlay if d["kind"] == "ConfigMap"]
    assert merged["data"]["DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS"] == "news-kafka-bootstrap.kafka.svc:9093"
    assert merged["data"]["DIPEVENTS_KAFKA__PARTITIONS"] == "12"


def test_job_labels_survive_the_prefix(overlay: list[dict]) -> None:
    """Prometheus' job label comes from a label value the prefix leaves alone: the jobs the alerts query."""
    alerts = ALERTS.read_text(encoding="utf-8")
    jobs = set()
    for component in ("worker", "lag-exporter"):
        monitor = _one(overlay, "ServiceMonitor", component)
        service = _one(overlay, "Service", component)
        assert service["metadata"]["name"].startswith("prod-")
        job = service["metadata"]["labels"][monitor["spec"]["jobLabel"]]
        assert f'job="{job}"' in alerts
        jobs.add(job)
    assert jobs == {"dipevents", "dipevents-lag-exporter"}


def test_overlay_pins_the_image_and_the_base_cannot_be_deployed_as_is(base: list[dict], overlay: list[dict]) -> None:
    """Overlay images are immutable (digest or 40-hex git SHA tag); the base's placeholder has neither."""
    images = {c["image"] for c in _containers(overlay)}
    assert images and all(PINNED_IMAGE.match(i) for i in images), images
    assert {c["image"] for c in _containers(base)} == {"dipevents"}


def test_overlay_runbook_urls_point_at_the_published_docs(overlay: list[dict]) -> None:
    """The overlay's runbook base replaces the placeholder in front of every alert's anchor."""
    (rule,) = [d for d in overlay if d["kind"] == "PrometheusRule"]
    base = rule["metadata"]["annotations"]["dipevents.example/runbook-base"]
    assert base.startswith("https://") and "dipevents.example" not in base
    urls = [r["annotations"]["runbook_url"] for g in rule["spec"]["groups"] for r in g["rules"]]
    assert urls and all(u == f"{base}#{u.partition('#')[2]}" for u in urls), urls
    assert rule["metadata"]["labels"]["release"] == "kube-prometheus-stack"


def test_overlay_limits_kafka_egress_to_the_brokers_namespace(overlay: list[dict]) -> None:
    (policy,) = [d for d in overlay if d["kind"] == "NetworkPolicy"]
    kafka = next(r for r in policy["spec"]["egress"] if any(p["port"] == 9092 for p in r["ports"]))
    assert kafka["to"] == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kafka"}}}]


@pytest.mark.parametrize("which", ["base", "overlay"])
def test_rendered_core_kinds_pass_kubernetes_validate(
    which: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Every built-in kind of the build output passes kubernetes-validate --strict (1.31 schemas)."""
    docs = request.getfixturevalue(which)
    core = [d for d in docs if (d["apiVersion"], d["kind"]) not in CRD_SCHEMAS]
    assert {d["kind"] for d in core} >= {"Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy"}
    validate = _tool("kubernetes-validate", "pip install kubernetes-validate  (in the venv: make install)")
    path = tmp_path / f"{which}.yaml"
    path.write_text(yaml.safe_dump_all(core), encoding="utf-8")
    result = subprocess.run(
        [validate, "--strict", "-k", K8S_VERSION, str(path)], capture_output=True, text=True, timeout=300, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "WARN" not in output, output
    assert output.count("passed for resource") == len(core), output


@pytest.mark.parametrize("which", ["base", "overlay"])
def test_rendered_crd_kinds_match_their_schemas(which: str, request: pytest.FixtureRequest) -> None:
    docs = request.getfixturevalue(which)
    crds = [d for d in docs if (d["apiVersion"], d["kind"]) in CRD_SCHEMAS]
    assert len(crds) == 5  # ScaledObject, TriggerAuthentication, PrometheusRule, two ServiceMonitors
    for doc in crds:
        schema = json.loads((SCHEMAS / CRD_SCHEMAS[(doc["apiVersion"], doc["kind"])]).read_text(encoding="utf-8"))
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
        assert not errors, (doc["kind"], errors)
