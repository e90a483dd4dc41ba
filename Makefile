# nstrace: the two commands of the README are `make demo` and `make test`.
# Both install what a fresh Debian 12 machine lacks (as root), build, and run.

SWIFT ?= swift
BUILD_FLAGS ?=
NSTRACE := .build/debug/nstrace

# Debian packages the build and the tests need (checked, installed when missing).
DEBS := gcc make pkg-config libc6-dev strace \
        libseccomp-dev libunwind-dev liblzma-dev libgraphviz-dev libarchive-dev \
        libnl-route-3-dev libelf-dev busybox-static umoci skopeo \
        podman iproute2 procps util-linux

.PHONY: all deps build samples demo test test-core test-integration faults bench clean

all: build samples

deps:
	@missing=""; for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

samples: deps
	$(MAKE) -C samples

# The main job on the bundled samples: trace hello-world (write + exit, nothing
# else), then a pipeline of two processes, with a record of the first.
demo: build samples
	@echo "== nstrace trace -- samples/bin/hello-world"
	$(NSTRACE) trace --record samples/bin/hello-world.jsonl -- samples/bin/hello-world
	@echo "== the record (docs/record-format.md)"
	@cat samples/bin/hello-world.jsonl
	@echo "== nstrace trace -e trace=%process,write -- sh -c 'echo hi | cat'"
	$(NSTRACE) trace -e trace=%process,write -- sh -c 'echo hi | cat'
	@echo "== nstrace trace -c -- ls -l /"
	$(NSTRACE) trace -c -- ls -l / >/dev/null
	@echo "== nstrace image inspect (the hello-world image built from samples/hello-world)"
	$(NSTRACE) image inspect samples/bin/images/hello-world/docker-archive.tar
	@echo "== nstrace trace --record of unshare -fpu, then nstrace graph of it"
	$(NSTRACE) trace -o /dev/null --record samples/bin/unshare.jsonl -- unshare -fpu --mount-proc sh -c 'hostname x; exec ps -o pid,comm'
	$(NSTRACE) graph samples/bin/unshare.jsonl
	$(NSTRACE) graph samples/bin/unshare.jsonl --format svg -o samples/bin/unshare.svg
	@echo "== nstrace ns --format table (wrote samples/bin/unshare.svg too)"
	$(NSTRACE) ns --format table

# One suite at a time: the integration suites share one kernel (namespaces, mounts,
# /proc counts), so they must not run side by side.
test: build samples
	$(SWIFT) test $(BUILD_FLAGS) --no-parallel

test-core: build
	$(SWIFT) test $(BUILD_FLAGS) --filter CoreTests

test-integration: build samples
	$(SWIFT) test $(BUILD_FLAGS) --no-parallel --filter IntegrationTests

# The fault loop (docs/reliability.md) with more runs than the test suite's 50:
# SIGKILL/SIGTERM/SIGINT to nstrace at random moments of a traced process tree.
FAULT_ITERATIONS ?= 300
faults: build samples
	NSTRACE_FAULT_ITERATIONS=$(FAULT_ITERATIONS) $(SWIFT) test $(BUILD_FLAGS) --no-parallel --filter FaultTests

# Benchmarks (never part of the tests): a release build against strace and lsns.
bench: deps samples
	$(SWIFT) build -c release
	python3 bench/trace-vs-strace.py --nstrace .build/release/nstrace
	NSTRACE=.build/release/nstrace bash bench/ns-vs-lsns.sh 200 5

clean:
	rm -rf .build
	$(MAKE) -C samples clean
