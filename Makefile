# nstrace: the two commands of the README are `make demo` and `make test`.
# Both install what a fresh Debian 12 machine lacks (as root), build, and run.

SWIFT ?= swift
BUILD_FLAGS ?=
NSTRACE := .build/debug/nstrace

# Debian packages the build and the tests need (checked, installed when missing). chromium:
# the explorer's browser tests drive it with Playwright from PyPI, which downloads no
# browser of its own (docs/explorer.md). runc:
# podman's default runtime, crun, fails on this kind of machine; the tests run podman with
# --runtime runc (GUIDE §3). Under CI=true a test whose component is missing fails
# (docs/testing.md), so every real component a test uses is listed here.
DEBS := gcc make pkg-config libc6-dev strace \
        libseccomp-dev libunwind-dev liblzma-dev libgraphviz-dev libarchive-dev \
        clang libbpf-dev bpftool \
        libnl-route-3-dev libelf-dev nettle-dev busybox-static umoci skopeo \
        podman runc iproute2 procps util-linux \
        zsh fish man-db chromium xz-utils

.PHONY: all deps bpf build release samples demo test test-core test-integration test-fuzz fuzz faults bench bench-smoke clean \
        strace-tests workloads \
        docs docs-check man completions check-generated check-foundation check-architecture

all: build samples

deps:
	@missing=""; for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema
	@python3 -c 'import playwright.sync_api' 2>/dev/null || python3 -m pip install -q playwright

build: deps bpf
	$(SWIFT) build $(BUILD_FLAGS)

# trace --bpf's programs (docs/bpf.md), built before `swift build` into Sources/CBPF/generated
# (not committed): vmlinux.h from the running kernel's BTF, the BPF object (Debian's clang for
# the BPF target: the Swift toolchain's clang comes first in PATH), its libbpf skeleton. The
# shim includes the skeleton when it is there; a build without it says so at `--bpf`. A
# machine without BTF or the tools still builds the rest: this step only warns.
BPF_GEN := Sources/CBPF/generated
BPF_CLANG ?= $(firstword $(wildcard /usr/bin/clang-1[4-9] /usr/bin/clang))
BPFTOOL ?= $(firstword $(wildcard /usr/sbin/bpftool /usr/bin/bpftool))
BPF_SRC := Sources/CBPF/bpf/nstrace.bpf.c Sources/CBPF/include/nsbpf_events.h

bpf:
	@if [ -z "$(BPF_CLANG)" ] || [ -z "$(BPFTOOL)" ] || [ ! -r /sys/kernel/btf/vmlinux ]; then \
	  echo "warning: not building trace --bpf's programs (needs clang, bpftool and /sys/kernel/btf/vmlinux)"; \
	else $(MAKE) --no-print-directory $(BPF_GEN)/nstrace.skel.h; fi

$(BPF_GEN)/vmlinux.h:
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > $@.tmp && mv $@.tmp $@

$(BPF_GEN)/nstrace.bpf.o: $(BPF_SRC) $(BPF_GEN)/vmlinux.h
	$(BPF_CLANG) -g -O2 -target bpf -D__TARGET_ARCH_x86 -I$(BPF_GEN) -c $< -o $@

# A new skeleton recompiles the shim (SwiftPM tracks the header once the shim includes it;
# the touch covers a shim built before the header existed).
$(BPF_GEN)/nstrace.skel.h: $(BPF_GEN)/nstrace.bpf.o
	$(BPFTOOL) gen skeleton $< name nstrace_bpf > $@.tmp && mv $@.tmp $@
	touch Sources/CBPF/nsbpf.c

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
	@echo "== nstrace run: the hello-world image in fresh namespaces, its set-up traced"
	$(NSTRACE) run --trace -e trace=unshare,mount,sethostname,pivot_root,execve samples/bin/images/hello-world/docker-archive.tar
	@echo "== nstrace run: busybox with its own hostname, PID 1, and only its own processes"
	$(NSTRACE) run --hostname bananaman samples/bin/images/busybox/docker-archive.tar -- sh -c 'hostname; echo $$$$; ps'
	@echo "== nstrace compare: ps -e outside and in fresh pid and mount namespaces"
	$(NSTRACE) compare --unshare pid,mnt -- ps -e | sed -n '1,/^SYSCALLS/p'

# One suite at a time: the integration suites share one kernel (namespaces, mounts,
# /proc counts), so they must not run side by side.
# The seeded fuzz tests (FuzzTests, ImageFuzzTests) are part of it with their short CI
# budget, about 30 s in all; FUZZ_CI_SECONDS=N gives each of their targets N seconds.
FUZZ_CI_SECONDS ?=
FUZZ_ENV = $(if $(FUZZ_CI_SECONDS),NSTRACE_FUZZ_SECONDS=$(FUZZ_CI_SECONDS))

test: build samples check-generated check-foundation check-architecture
	$(FUZZ_ENV) $(SWIFT) test $(BUILD_FLAGS) --no-parallel
	$(MAKE) test-tracer-no-ptrace
	$(MAKE) docs-check
	$(MAKE) bench-smoke
	$(MAKE) strace-tests

# strace 6.1's own decoding tests with `nstrace trace` in place of strace (docs/decoding.md):
# fetched from Debian's source package and built once into .build-strace/ (about 4 minutes
# on 2 cores the first time, 1 to 2 minutes after), compared by strace's own harness. Fails
# when nstrace passes fewer than strace-suite/floor. STRACE_SUITE_FLAGS=--write-docs rewrites
# the results of docs/decoding.md, --update-floor raises the floor, --only TEST... runs some.
STRACE_SUITE_FLAGS ?=
strace-tests: build
	python3 strace-suite/run.py --nstrace $(NSTRACE) $(STRACE_SUITE_FLAGS)

# 53 real workloads under strace and nstrace (docs/decoding.md, "Real workloads"): the lines
# strace reproduces that nstrace prints the same. A measurement, not a test: not in `test`.
workloads: build
	python3 strace-suite/workloads.py --nstrace $(NSTRACE)


# The walkthrough (docs/walkthrough.md): every command run for real. `docs` rewrites it and
# its pictures; `docs-check` (CI) fails when a command fails, an expected line is missing, or
# a stable output or the text differs from what is committed.
docs: build samples
	python3 docs/walkthrough/generate.py

docs-check: build samples
	python3 docs/walkthrough/generate.py --check
test-core: build
	$(SWIFT) test $(BUILD_FLAGS) --filter CoreTests

# The ptrace loop against a scripted kernel (Tests/TracerTestSupport/FakeKernel.swift): no
# tracee, no ptrace, no root; seconds.
test-tracer:
	$(SWIFT) test $(BUILD_FLAGS) --filter TracerTests

# The loop's tests with the kernel's ptrace forbidden (issue 20, must show 1): the test
# runner and everything it starts run under a seccomp filter that fails ptrace,
# process_vm_readv and process_vm_writev with EPERM (scripts/no-ptrace.c checks that they
# do fail); nstrace itself cannot trace under it, which is checked too.
NO_PTRACE = .build/no-ptrace
$(NO_PTRACE): scripts/no-ptrace.c
	@mkdir -p .build
	cc -O2 -Wall -Werror -o $@ $< $$(pkg-config --cflags --libs libseccomp)

test-tracer-no-ptrace: build $(NO_PTRACE)
	$(SWIFT) build $(BUILD_FLAGS) --build-tests
	@if $(NO_PTRACE) $(NSTRACE) trace -- /bin/true 2>/dev/null; then \
	  echo "no-ptrace: nstrace could trace under the filter"; exit 1; fi
	$(NO_PTRACE) $(SWIFT) test $(BUILD_FLAGS) --skip-build --filter TracerTests

test-integration: build samples
	$(SWIFT) test $(BUILD_FLAGS) --no-parallel --filter IntegrationTests

# Files generated from the CLI and committed (docs/cli.md): the man page, by
# swift-argument-parser's generate-manual plugin, and the shell completions. Run
# `make man completions` after changing a command, an option or a help text;
# `make check-generated` (part of `make test`) fails while they are out of date.
# The plugin copies the blank lines of help texts into the page, which mdoc forbids (man
# --warnings complains): each becomes .Pp, the paragraph break that renders the same.
MAN_OUT := .build/plugins/GenerateManual/outputs/nstrace/nstrace.1
MAN_NEW := .build/nstrace.1
GENERATE_MAN = $(SWIFT) package generate-manual --configuration debug --date $$(date +%Y-%m-%d) \
	&& sed 's/^$$/.Pp/' $(MAN_OUT) > $(MAN_NEW)
COMPLETIONS := bash:nstrace.bash zsh:_nstrace fish:nstrace.fish

# A page that differs only in its date (.Dd) is left as it is.
man: build
	$(GENERATE_MAN)
	@if [ -f docs/nstrace.1 ] && diff -q -I '^\.Dd ' docs/nstrace.1 $(MAN_NEW) >/dev/null; then \
	  echo "docs/nstrace.1 is up to date"; \
	else cp $(MAN_NEW) docs/nstrace.1 && echo "wrote docs/nstrace.1"; fi

completions: build
	@mkdir -p docs/completions
	@for c in $(COMPLETIONS); do \
	  $(NSTRACE) --generate-completion-script $${c%%:*} > docs/completions/$${c#*:} && echo "wrote docs/completions/$${c#*:}"; \
	done

check-generated: build
	$(GENERATE_MAN)
	@diff -u -I '^\.Dd ' docs/nstrace.1 $(MAN_NEW) || { echo "docs/nstrace.1 is out of date: run make man"; exit 1; }
	@for c in $(COMPLETIONS); do \
	  $(NSTRACE) --generate-completion-script $${c%%:*} | diff -u docs/completions/$${c#*:} - \
	    || { echo "docs/completions/$${c#*:} is out of date: run make completions"; exit 1; }; \
	done
	@echo "docs/nstrace.1 and docs/completions/ match the CLI"

# The product imports FoundationEssentials, never all of Foundation, whose libraries cost
# every start of nstrace ~5 ms (docs/architecture.md, docs/performance.md "Startup"). The
# debug binary links the Swift libraries as shared ones: it must not need libFoundation.so,
# whichever module or dependency would bring it in.
# docs/architecture.md's dependency diagram is Package.swift's (scripts/dependency-diagram.py).
check-architecture: deps
	python3 scripts/dependency-diagram.py --check

check-foundation: build
	@if ldd $(NSTRACE) | grep -q 'libFoundation\.so'; then \
	  echo "$(NSTRACE) links libFoundation.so: a module imports Foundation (use FoundationEssentials;"; \
	  echo "an incremental build can keep the link after such an import is gone: swift package clean)"; exit 1; fi
	@echo "$(NSTRACE) does not link Foundation"

# The fault loops (docs/reliability.md) with more runs than the test suite's:
# SIGKILL/SIGTERM/SIGINT to nstrace at random moments of a traced process tree
# (FaultTests), of `run` (RunFaultTests: also `run --cleanup` looping beside starting
# runs), of `image unpack` and of `run` with a cold layer cache (LayerFaultTests).
FAULT_ITERATIONS ?= 300
faults: build samples
	NSTRACE_FAULT_ITERATIONS=$(FAULT_ITERATIONS) $(SWIFT) test $(BUILD_FLAGS) --no-parallel --filter 'FaultTests|LayerFaultTests'



# Only the seeded fuzz tests, for longer: `make test-fuzz FUZZ_SECONDS=60` (per target).
test-fuzz: build
	NSTRACE_FUZZ_SECONDS=$(FUZZ_SECONDS) $(SWIFT) test $(BUILD_FLAGS) --filter 'FuzzTests|FuzzRegressions'

# The libFuzzer harnesses (Fuzz/, a package of its own built with -sanitize=fuzzer; see
# Fuzz/README.md), one after the other, FUZZ_SECONDS each. New corpus entries go to
# .build/fuzz/corpus/TARGET, crashes to .build/fuzz/artifacts/TARGET-crash-*.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= record decoder image-json layer-tar dot terminal
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

# The release binary, .build/release/nstrace: the Swift runtime and FoundationEssentials
# linked in (--static-swift-stdlib), which starts ~4 ms faster than linking them as shared
# libraries (docs/performance.md, "Startup"); 35 MB.
release: deps bpf
	$(SWIFT) build -c release --static-swift-stdlib --product nstrace

# Benchmarks (never part of the tests): the release build against strace and lsns.
bench: release samples
	python3 bench/trace-vs-strace.py --nstrace .build/release/nstrace
	python3 bench/bpf-steady.py --nstrace .build/release/nstrace
	NSTRACE=.build/release/nstrace bash bench/ns-vs-lsns.sh 200 5
	NSTRACE=.build/release/nstrace bash bench/explorer.sh 100000

# In `make test`: the benchmark scripts run end to end on tiny workloads (about 20 s).
# This checks that they work and print their tables, never how fast anything is.
bench-smoke: build samples
	python3 bench/trace-vs-strace.py --smoke --nstrace $(NSTRACE) | tee .build/bench-smoke.txt
	grep -q '^# goals of issues 8 and 16' .build/bench-smoke.txt && grep -q '^# start-up' .build/bench-smoke.txt && grep -q '^busy threads' .build/bench-smoke.txt
	python3 bench/bpf-steady.py --smoke --nstrace $(NSTRACE) | tee .build/bench-smoke-bpf.txt
	grep -q '^# goals of issue 22, once the programs are in' .build/bench-smoke-bpf.txt
	NSTRACE=$(NSTRACE) bash bench/ns-vs-lsns.sh 4 1 | tee .build/bench-smoke-ns.txt
	grep -q '^ratio nstrace/lsns' .build/bench-smoke-ns.txt

clean:
	rm -rf .build Fuzz/.build
	$(MAKE) -C samples clean
