# dipevents — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install run test test-fast lint typecheck schemas kafka-up kafka-down kafka-status ops-check bench bench-record bench-speed soak clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@echo ">> installing Python dependencies into $(VENV) (first run takes a few minutes)"
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## create the venv and install the package with dev tools

run: $(STAMP) ## start local Kafka (unless configured), the worker, publish the samples, print events; Ctrl-C stops all
	$(PY) -m dipevents.runlocal

test: $(STAMP) ## the whole suite: lint, types, unit, integration (real broker), ops checks, 300-record fault test
	$(MAKE) --no-print-directory lint typecheck
	$(BIN)/pytest

test-fast: $(STAMP) ## unit tier only (no broker)
	$(BIN)/pytest -m "not integration and not soak"

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

ops-check: $(STAMP) ## offline deploy checks: hadolint, kubernetes-validate, CRD schemas, promtool
	$(BIN)/pytest tests/ops

bench: $(STAMP) ## benchmark at equal work (naive, ours without/with prefilter; Kafka); writes bench/results only
	$(PY) -m bench.run $(BENCH_ARGS)

bench-record: $(STAMP) ## record the newest full `make bench` run in docs/benchmarks.md
	$(PY) -m bench.record

bench-speed: $(STAMP) ## extraction-only articles/CPU-s on the fixed held-out set (the speed-gate reference)
	$(PY) -m bench.speed

soak: $(STAMP) ## the full-size fault test: 2000 records, kills, broker restart, on a real broker
	DIPEVENTS_SOAK_ARTICLES=2000 $(BIN)/pytest -m soak -p no:randomly

clean: ## stop the local Kafka, then remove local state (Kafka data, worker state)
	-deploy/kafka/kafkactl down
	rm -rf .dipevents .kafka
