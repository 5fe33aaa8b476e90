# karpenter-swift: the two commands are `make run` and `make test`; everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := run

SWIFT ?= swift
PYTHON ?= python3
# Expensive peers (the Kubernetes control plane, Python tools) are cached outside the repository.
export KARPENTER_CACHE ?= $(HOME)/.cache/karpenter-swift
APT_PACKAGES := libcurl4-openssl-dev libssl-dev pkg-config
PIP_PACKAGES := jsonschema pyyaml pytest

.PHONY: deps deps-aws deps-control-plane peers-control-plane build test test-unit test-integration run bench bench-deps bench-scheduling bench-aws bench-kube bench-simulate catalog clean

## deps: install the system libraries and Python tools the build and tests need (idempotent).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; fi
	@$(PYTHON) -c 'import jsonschema, yaml, pytest' 2>/dev/null || $(PYTHON) -m pip install -q $(PIP_PACKAGES)

## deps-aws: the AWS client's peers: moto_server (pip) and AWS's SigV4 test suite from the botocore sdist,
## extracted once under $(KARPENTER_CACHE) keyed by the botocore version.
BOTOCORE_VERSION ?= 1.43.11
AWS4_SUITE := $(KARPENTER_CACHE)/botocore-$(BOTOCORE_VERSION)/aws4_testsuite
export AWS4_TESTSUITE_DIR := $(AWS4_SUITE)
deps-aws:
	@$(PYTHON) -c 'import moto.server, flask_cors, botocore' 2>/dev/null || $(PYTHON) -m pip install -q 'moto[server]'
	@if [ ! -d "$(AWS4_SUITE)" ]; then \
	  tmp=$$(mktemp -d) && \
	  $(PYTHON) -m pip download -q --no-binary :all: --no-deps -d "$$tmp" botocore==$(BOTOCORE_VERSION) && \
	  tar -xzf "$$tmp"/botocore-$(BOTOCORE_VERSION).tar.gz -C "$$tmp" botocore-$(BOTOCORE_VERSION)/tests/unit/auth/aws4_testsuite && \
	  mkdir -p "$(dir $(AWS4_SUITE))" && \
	  mv "$$tmp"/botocore-$(BOTOCORE_VERSION)/tests/unit/auth/aws4_testsuite "$(AWS4_SUITE)" && rm -rf "$$tmp"; \
	fi

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

## test-integration: schema checks with Python's jsonschema, then Swift suites against real peers:
## moto_server for the AWS suites and the control plane for the Kubernetes ones, both started for the
## run and always stopped afterwards. The suite that restarts the API server runs on its own, and the
## provisioning end-to-end suite, whose controllers act on every pod and NodeClaim in the cluster, gets
## a fresh control plane of its own.
test-integration: deps deps-aws peers-control-plane
	$(PYTHON) -m pytest -q hack/tests
	@trap 'hack/control-plane.sh stop >/dev/null 2>&1; hack/moto.sh stop >/dev/null 2>&1' EXIT; \
	  hack/moto.sh start >/dev/null && hack/control-plane.sh start && \
	  eval "$$(hack/control-plane.sh env)" && \
	  $(SWIFT) test --filter Integration --skip ControlPlaneRestartIntegration --skip ProvisioningIntegration && \
	  $(SWIFT) test --filter ControlPlaneRestartIntegration && \
	  hack/control-plane.sh stop && hack/control-plane.sh start && eval "$$(hack/control-plane.sh env)" && \
	  $(SWIFT) test --filter ProvisioningIntegration

## run: the main job on the embedded default: the seed scenario in the simulated cluster, until idle.
run: deps
	@$(SWIFT) build --product karpenter >/dev/null
	@KARPENTER_COMMIT=$$(git rev-parse --short HEAD 2>/dev/null) $(SWIFT) run --skip-build karpenter simulate --until-idle

## bench-kube: Kubernetes client benchmarks against the real control plane (release build; see docs/benchmarks.md).
bench-kube: deps peers-control-plane
	$(SWIFT) build -c release --product kube-client-benchmark
	@trap 'hack/control-plane.sh stop >/dev/null 2>&1' EXIT; hack/control-plane.sh start && \
	  eval "$$(hack/control-plane.sh env)" && .build/release/kube-client-benchmark

## bench: release-build benchmarks (not part of `make test`).
bench: deps bench-scheduling bench-aws bench-kube bench-simulate

## bench-simulate: `karpenter simulate` (release build) on 1k (kwok-basic) and 10k (mixed-10k) pending pods:
## wall time, pod creation to cloud create call, controller wall time per batch, peak RSS (docs/benchmarks.md).
SIM_SCENARIOS ?= kwok-basic mixed-10k
bench-simulate: deps
	$(SWIFT) build -c release --product karpenter
	@for scenario in $(SIM_SCENARIOS); do echo "== $$scenario"; \
	  .build/release/karpenter simulate -f deploy/examples/scenarios/$$scenario.yaml --until-idle --stats >/dev/null || exit 1; \
	done

## bench-aws: SigV4 signing throughput and signed EC2 round trips to moto (Swift, then boto3 as baseline).
bench-aws: deps deps-aws
	$(SWIFT) build -c release --product AWSBenchmarks
	@hack/moto.sh start >/dev/null
	@.build/release/AWSBenchmarks; status=$$?; $(PYTHON) hack/bench_boto3_ec2.py; hack/moto.sh stop; exit $$status

## catalog: regenerate the simulated cloud's EC2 catalogue from moto's bundled data (docs/catalog.md).
catalog: deps-aws
	$(PYTHON) hack/gen-catalog.py

## bench-deps: the MILP solver for the quality benchmark's exact optimum (PyPI highspy).
bench-deps:
	@$(PYTHON) -c 'import highspy' 2>/dev/null || $(PYTHON) -m pip install -q 'highspy==1.16.0'

## bench-scheduling: release-build scheduler benchmarks (not part of `make test`); figures go to docs/benchmarks.md.
BENCH_FLAGS ?=
bench-scheduling: deps bench-deps
	$(SWIFT) build -c release --product karpenter-bench
	.build/release/karpenter-bench upstream $(BENCH_FLAGS)
	.build/release/karpenter-bench generic $(BENCH_FLAGS)
	.build/release/karpenter-bench kwok-basic $(BENCH_FLAGS)
	.build/release/karpenter-bench quality --write bench/out/quality-instances.json $(BENCH_FLAGS)
	$(PYTHON) bench/quality_optimum.py bench/out/quality-instances.json --time-limit 10 --cache $(KARPENTER_CACHE)/bench/quality-optima.json $(if $(findstring --json,$(BENCH_FLAGS)),--json,)

clean:
	rm -rf .build
