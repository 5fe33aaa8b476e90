# karpenter-swift: the two commands are `make run` and `make test`; everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := run

SWIFT ?= swift
PYTHON ?= python3
# Expensive peers (the Kubernetes control plane, Python tools) are cached outside the repository.
export KARPENTER_CACHE ?= $(HOME)/.cache/karpenter-swift
APT_PACKAGES := libcurl4-openssl-dev libssl-dev pkg-config
PIP_PACKAGES := jsonschema pyyaml pytest

.PHONY: deps build test test-unit test-integration run bench bench-deps clean

## deps: install the system libraries and Python tools the build and tests need (idempotent).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; fi
	@$(PYTHON) -c 'import jsonschema, yaml, pytest' 2>/dev/null || $(PYTHON) -m pip install -q $(PIP_PACKAGES)

## build: debug build of every target.
build: deps
	$(SWIFT) build

## test: every tier; the unit tier first, then the tier that starts real peers.
test: test-unit test-integration

## test-unit: fast Swift tests with in-memory fakes only.
test-unit: deps
	$(SWIFT) test --skip Integration 2>&1 | grep -vE '^(◇|↳)' ; exit $${PIPESTATUS[0]}

## test-integration: schema checks with Python's jsonschema, then Swift suites against real peers.
test-integration: deps
	$(PYTHON) -m pytest -q hack/tests
	$(SWIFT) test --filter Integration

## run: the main job on the embedded default (prints the seed's manifests converted to v1 until the simulator lands).
run: deps
	@$(SWIFT) build --product karpenter >/dev/null
	@$(SWIFT) run --skip-build karpenter convert -f deploy/examples/v1beta1/nodepool.yaml -f deploy/examples/v1beta1/ec2nodeclass.yaml

## bench-deps: the MILP solver for the quality benchmark's exact optimum (PyPI highspy).
bench-deps:
	@$(PYTHON) -c 'import highspy' 2>/dev/null || $(PYTHON) -m pip install -q 'highspy==1.16.0'

## bench: release-build scheduler benchmarks (not part of `make test`); figures go to docs/benchmarks.md.
BENCH_FLAGS ?=
bench: deps bench-deps
	$(SWIFT) build -c release --product karpenter-bench
	.build/release/karpenter-bench upstream $(BENCH_FLAGS)
	.build/release/karpenter-bench generic $(BENCH_FLAGS)
	.build/release/karpenter-bench kwok-basic $(BENCH_FLAGS)
	.build/release/karpenter-bench quality --write bench/out/quality-instances.json $(BENCH_FLAGS)
	$(PYTHON) bench/quality_optimum.py bench/out/quality-instances.json --time-limit 10 --cache $(KARPENTER_CACHE)/bench/quality-optima.json $(if $(findstring --json,$(BENCH_FLAGS)),--json,)

clean:
	rm -rf .build
