# dipevents — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# kustomize for the overlay checks (tests/ops/test_kustomize.py), built from the Go module proxy
KUSTOMIZE_VERSION := v5.8.1
TOOLS := .tools
KUSTOMIZE := $(TOOLS)/kustomize-$(KUSTOMIZE_VERSION)/kustomize
# the image: tagged with the git commit, which it also carries as dipevents_build_info{revision}
IMAGE ?= dipevents
REVISION := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LOCK_FLAGS := --python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes

.PHONY: audit-real help install run test test-fast lint typecheck schemas kafka-up kafka-down kafka-status ops-check bench bench-record bench-speed soak clean lock kustomize image

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

# The runtime dependencies come from requirements.lock (hash-checked), the versions the image ships,
# so the tests run what production runs; then the package (editable) and the dev tools.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || python3 -m venv $(VENV)
	@echo ">> installing Python dependencies into $(VENV) (first run takes a few minutes)"
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## create the venv: runtime from requirements.lock, the package, dev tools

lock: $(STAMP) ## re-resolve requirements.lock and requirements-build.lock (uv, hashes, CPython 3.11 linux x86_64)
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) --no-emit-package setuptools \
		--custom-compile-command "make lock" -o requirements.lock
	$(BIN)/uv pip compile requirements-build.in $(LOCK_FLAGS) \
		--custom-compile-command "make lock" -o requirements-build.lock

$(KUSTOMIZE):
	@if command -v go >/dev/null; then \
		echo ">> building kustomize $(KUSTOMIZE_VERSION) from the Go module proxy (once; a few minutes)"; \
		GOBIN=$(abspath $(dir $(KUSTOMIZE))) GOFLAGS=-mod=mod go install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE_VERSION) \
		&& mkdir -p $(TOOLS)/bin && ln -sf ../kustomize-$(KUSTOMIZE_VERSION)/kustomize $(TOOLS)/bin/kustomize; \
	else echo ">> go not found: the kustomize checks will be skipped (CI fails them)"; fi

kustomize: $(KUSTOMIZE) ## build kustomize into .tools/bin for the k8s overlay checks

image: ## build the container image, tagged and labelled with the git commit (needs a Docker engine)
	docker build --build-arg REVISION=$(REVISION) -t $(IMAGE):$(REVISION) .
	@echo ">> push it, then pin the digest in your overlay:"
	@echo "   kustomize edit set image dipevents=<registry>/$(IMAGE)@sha256:<digest>"

run: $(STAMP) ## start local Kafka (unless configured), the worker, publish the samples, print events; Ctrl-C stops all
	$(PY) -m dipevents.runlocal

test: $(STAMP) $(KUSTOMIZE) ## the whole suite: lint, types, unit, integration (real broker), ops checks, 300-record fault test
	$(MAKE) --no-print-directory lint typecheck
	$(BIN)/pytest

test-fast: $(STAMP) ## unit tier only: no broker, no spaCy model (a conftest guard fails the run if one loads)
	DIPEVENTS_FAST_TIER=1 $(BIN)/pytest tests/unit -m "not slow"

lint: $(STAMP) ## ruff check + format check
	$(BIN)/ruff check service tests tools $(wildcard bench)
	$(BIN)/ruff format --check service tests tools $(wildcard bench)

typecheck: $(STAMP) ## mypy strict on the package
	$(BIN)/mypy

schemas: $(STAMP) ## regenerate schemas/ from the pydantic models
	$(PY) -m dipevents.schemagen schemas

kafka-up: ## start the local single-node Kafka (idempotent)
	deploy/kafka/kafkactl up

kafka-down: ## stop the local Kafka
	deploy/kafka/kafkactl down

kafka-status: ## is the local Kafka running?
	deploy/kafka/kafkactl status

ops-check: $(STAMP) $(KUSTOMIZE) ## offline deploy checks: hadolint, kubernetes-validate, kustomize, CRD schemas, promtool
	$(BIN)/pytest tests/ops

bench: $(STAMP) ## benchmark at equal work (naive, ours without/with prefilter; Kafka); writes bench/results only
	$(PY) -m bench.run $(BENCH_ARGS)

bench-record: $(STAMP) ## record the newest full `make bench` run in docs/benchmarks.md
	$(PY) -m bench.record

bench-speed: $(STAMP) ## extraction-only articles/CPU-s on the fixed held-out set (the speed-gate reference)
	$(PY) -m bench.speed

audit-real: $(STAMP) ## real-stream precision audit: extract over ../shared/data/real (never-studied split left out), draw 150 events to judge
	$(PY) tools/audit_real.py run --out $(or $(AUDIT_OUT),/tmp/dipevents-audit-real) $(if $(AUDIT_ALL),--all)

soak: $(STAMP) ## the full-size fault test: 2000 records, kills, broker restart, on a real broker
	DIPEVENTS_SOAK_ARTICLES=2000 $(BIN)/pytest -m soak -p no:randomly

clean: ## stop the local Kafka, then remove local state (Kafka data, worker state)
	-deploy/kafka/kafkactl down
	rm -rf .dipevents .kafka
