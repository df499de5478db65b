"""Write k8s/base/prometheusrule.yaml from deploy/prometheus/alerts.yml (its spec.groups are a copy; a test in
tests/ops fails when they differ). Run after editing the alerts:  python tools/sync_prometheusrule.py"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ALERTS = REPO / "deploy" / "prometheus" / "alerts.yml"
RULE = REPO / "k8s" / "base" / "prometheusrule.yaml"
RUNBOOK_BASE = "https://docs.dipevents.example/operations.md"

HEADER = f"""\
# GENERATED from deploy/prometheus/alerts.yml by tools/sync_prometheusrule.py: edit alerts.yml and its
# promtool tests, then run the tool (tests/ops fails while spec.groups and alerts.yml differ).
# Like the ServiceMonitor, it must carry the label your Prometheus resource selects rules by
# (kube-prometheus-stack: `release: <helm release name>`): add it in an overlay.
# The runbook-base annotation is where an overlay says where docs/operations.md is published: a kustomize
# replacement (k8s/overlays/example) writes it in front of the '#' of every runbook_url.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: dipevents
  labels:
    app.kubernetes.io/name: dipevents
    app.kubernetes.io/component: worker
  annotations:
    dipevents.example/runbook-base: "{RUNBOOK_BASE}"
spec:
"""


def main() -> None:
    text = ALERTS.read_text(encoding="utf-8")
    groups = text[text.index("\ngroups:") + 1 :]
    body = "".join(("  " + line if line.strip() else line) for line in groups.splitlines(keepends=True))
    RULE.write_text(HEADER + body, encoding="utf-8")


if __name__ == "__main__":
    main()
