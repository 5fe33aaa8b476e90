# karpenter-swift: the two commands are `make run` and `make test`; everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := run

SWIFT ?= swift
PYTHON ?= python3
# Expensive peers (the Kubernetes control plane, Python tools) are cached outside the repository.
export KARPENTER_CACHE ?= $(HOME)/.cache/karpenter-swift
APT_PACKAGES := libcurl4-openssl-dev libssl-dev pkg-config
PIP_PACKAGES := jsonschema pyyaml pytest

.PHONY: deps deps-control-plane peers-control-plane bench-kube build test test-unit test-integration run bench clean

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

## deps-control-plane: tools hack/control-plane.sh needs to build and run kube-apiserver/kube-scheduler/etcd.
deps-control-plane:
	@missing=""; for p in dpkg-dev make openssl curl; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; fi

## peers-control-plane: build (or reuse, from $(KARPENTER_CACHE)) kube-apiserver + kube-scheduler 1.20.2 and etcd.
peers-control-plane: deps-control-plane
	hack/control-plane.sh build

## test-integration: schema checks with Python's jsonschema, then Swift suites against real peers
## (the control plane is started for the run and always stopped afterwards; the suite that restarts the
## API server runs last, on its own).
test-integration: deps peers-control-plane
	$(PYTHON) -m pytest -q hack/tests
	@trap 'hack/control-plane.sh stop >/dev/null 2>&1' EXIT; hack/control-plane.sh start && \
	  eval "$$(hack/control-plane.sh env)" && \
	  $(SWIFT) test --filter Integration --skip ControlPlaneRestartIntegration && \
	  $(SWIFT) test --filter ControlPlaneRestartIntegration

## run: the main job on the embedded default (prints the seed's manifests converted to v1 until the simulator lands).
run: deps
	@$(SWIFT) build --product karpenter >/dev/null
	@$(SWIFT) run --skip-build karpenter convert -f deploy/examples/v1beta1/nodepool.yaml -f deploy/examples/v1beta1/ec2nodeclass.yaml

## bench-kube: Kubernetes client benchmarks against the real control plane (release build; see docs/benchmarks.md).
bench-kube: deps peers-control-plane
	$(SWIFT) build -c release --product kube-client-benchmark
	@trap 'hack/control-plane.sh stop >/dev/null 2>&1' EXIT; hack/control-plane.sh start && \
	  eval "$$(hack/control-plane.sh env)" && .build/release/kube-client-benchmark

## bench: release-build benchmarks (not part of `make test`).
bench: deps
	@echo "no benchmarks yet"

clean:
	rm -rf .build
