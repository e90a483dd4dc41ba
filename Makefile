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

.PHONY: all deps build samples demo test test-core test-integration test-fuzz fuzz bench clean

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
# The seeded fuzz tests (FuzzTests, ImageFuzzTests) are part of it with their short CI
# budget, about 30 s in all; FUZZ_CI_SECONDS=N gives each of their targets N seconds.
FUZZ_CI_SECONDS ?=
FUZZ_ENV = $(if $(FUZZ_CI_SECONDS),NSTRACE_FUZZ_SECONDS=$(FUZZ_CI_SECONDS))

test: build samples
	$(FUZZ_ENV) $(SWIFT) test $(BUILD_FLAGS) --no-parallel

test-core: build
	$(SWIFT) test $(BUILD_FLAGS) --filter CoreTests

test-integration: build samples
	$(SWIFT) test $(BUILD_FLAGS) --no-parallel --filter IntegrationTests

# Only the seeded fuzz tests, for longer: `make test-fuzz FUZZ_SECONDS=60` (per target).
test-fuzz: build
	NSTRACE_FUZZ_SECONDS=$(FUZZ_SECONDS) $(SWIFT) test $(BUILD_FLAGS) --filter 'FuzzTests|FuzzRegressions'

# The libFuzzer harnesses (Fuzz/, a package of its own built with -sanitize=fuzzer; see
# Fuzz/README.md), one after the other, FUZZ_SECONDS each. New corpus entries go to
# .build/fuzz/corpus/TARGET, crashes to .build/fuzz/artifacts/TARGET-crash-*.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= record decoder image-json layer-tar
FUZZ_FLAGS ?= -timeout=20 -rss_limit_mb=2048 -print_final_stats=1

fuzz: deps
	$(SWIFT) build --package-path Fuzz --sanitize=fuzzer
	python3 Fuzz/seeds.py .build/fuzz/seeds
	@mkdir -p .build/fuzz/artifacts
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build/fuzz/corpus/$$t; \
	  echo "== fuzz-$$t for $(FUZZ_SECONDS) s"; \
	  Fuzz/.build/debug/fuzz-$$t .build/fuzz/corpus/$$t $$(ls -d Fuzz/corpus/$$t .build/fuzz/seeds/$$t 2>/dev/null) \
	    -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=.build/fuzz/artifacts/$$t- $(FUZZ_FLAGS) || exit 1; \
	done

# Benchmarks (never part of the tests): a release build against strace and lsns.
bench: deps samples
	$(SWIFT) build -c release
	python3 bench/trace-vs-strace.py --nstrace .build/release/nstrace
	NSTRACE=.build/release/nstrace bash bench/ns-vs-lsns.sh 200 5

clean:
	rm -rf .build Fuzz/.build
	$(MAKE) -C samples clean
