#!/usr/bin/env python3
"""What `trace --bpf` costs a workload once its programs are in (issue 22, docs/performance.md).

Each workload is timed inside the trace: a shell reads the clock, runs it, reads the clock,
and writes the difference to a file, traced and untraced alike. So the programs' loading at
the start and their detaching at the end (about 40 ms per tracepoint with --bpf-attach calls,
docs/bpf.md) are not counted: the ratio is what a long trace costs. Rows: the full trace and
-e trace=%namespace with the raw tracepoints, and %namespace with each call's own
tracepoints. Prints medians, the ratios to the untraced run, the events the ring buffer had
no room for (the tracee's time does not depend on them: a lost event costs it what a written
one does, but the trace is not whole), and issue 22's goals.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

WORKLOADS = {
    "W1 dd bs=1": ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=200000"],
    "W2 find /usr": ["find", "/usr", "-xdev"],
    "W3 300x fork+exec": ["sh", "-c", "i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done"],
}

# (label, nstrace trace options); None: untraced.
MODES = [
    ("untraced", None),
    ("full, raw", ["--bpf", "--bpf-attach", "raw", "-f"]),
    ("%namespace, raw", ["--bpf", "--bpf-attach", "raw", "-f", "-e", "trace=%namespace"]),
    ("%namespace, calls", ["--bpf", "--bpf-attach", "calls", "-f", "-e", "trace=%namespace"]),
]

# The clock read around the workload, in the traced shell: nanoseconds to the file "$0".
TIMER = 'a=$(date +%s%N); "$@" >/dev/null 2>&1; b=$(date +%s%N); echo $((b - a)) > "$0"'

GOALS = [("full, raw", "W1 dd bs=1", 3.0), ("full, raw", "W2 find /usr", 1.5),
         ("%namespace, calls", "W1 dd bs=1", 1.03), ("%namespace, calls", "W2 find /usr", 1.03),
         ("%namespace, calls", "W3 300x fork+exec", 1.03)]


LOST = re.compile(rb"warning: (\d+) events? lost")


def inner(nstrace, opts, cmd, out):
    """Seconds the workload took, timed inside the (traced) shell, and the events lost."""
    shell = ["sh", "-c", TIMER, out] + cmd
    full = shell if opts is None else [nstrace, "trace", "-o", "/dev/null"] + opts + ["--"] + shell
    if os.path.exists(out):
        os.unlink(out)
    r = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    m = LOST.search(r.stderr)
    with open(out) as f:
        return int(f.read().strip()) / 1e9, int(m.group(1)) if m else 0


def compare(mine, other, runs, out):
    """The full trace of each workload with two builds, run in turn (this machine's speed
    drifts by more than a change of a few percent between sets of consecutive runs)."""
    full = dict(MODES)["full, raw"]
    print(f"# full trace, timed inside the trace; the two builds in turn; median of {runs}; seconds")
    print(f"{'workload':20} {'untraced':>9} {'this build':>18} {'--against':>18}")
    for name, cmd in WORKLOADS.items():
        times = {"untraced": [], mine: [], other: []}
        for _ in range(runs):
            times["untraced"].append(inner(mine, None, cmd, out)[0])
            for build in (mine, other):
                times[build].append(inner(build, full, cmd, out)[0])
        base = statistics.median(times["untraced"])
        cells = [f"{statistics.median(times[b]):8.3f} ({statistics.median(times[b]) / base:5.2f}x)" for b in (mine, other)]
        print(f"{name:20} {base:9.3f} {cells[0]:>18} {cells[1]:>18}")
        sys.stdout.flush()
    os.unlink(out) if os.path.exists(out) else None
    os.rmdir(os.path.dirname(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nstrace", default=".build/release/nstrace")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--smoke", action="store_true", help="tiny workloads, 1 run: checks the script, not the speed")
    ap.add_argument("--against", metavar="NSTRACE",
                    help="compare with another build: the full trace of each workload, the two builds run in turn")
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("bpf-steady: needs root")
    if subprocess.run([a.nstrace, "trace", "--bpf", "-o", "/dev/null", "--", "true"], capture_output=True).returncode != 0:
        sys.exit("bpf-steady: --bpf does not run here")
    runs = 1 if a.smoke else a.runs
    if a.smoke:
        WORKLOADS["W1 dd bs=1"][-1] = "count=2000"
        WORKLOADS["W2 find /usr"][1] = "/usr/share/doc"
        WORKLOADS["W3 300x fork+exec"][-1] = WORKLOADS["W3 300x fork+exec"][-1].replace("-lt 300", "-lt 5")
    out = os.path.join(tempfile.mkdtemp(prefix="nstrace-bpf-steady-"), "ns")
    if a.against:
        compare(a.nstrace, a.against, runs, out)
        return
    print(f"# --bpf once its programs are in: each workload timed inside the trace; median of {runs}; seconds")
    print(f"{'workload':20} " + " ".join(f"{m:>18}" for m, _ in MODES))
    table = {}
    lost = {}
    for name, cmd in WORKLOADS.items():
        row = []
        for mode, opts in MODES:
            # Alternated runs would be fairer still; medians of consecutive runs are what this
            # machine gives steadily enough.
            results = [inner(a.nstrace, opts, cmd, out) for _ in range(runs)]
            t = statistics.median(r[0] for r in results)
            lost[(mode, name)] = [r[1] for r in results]
            table[(mode, name)] = t
            base = table[("untraced", name)]
            row.append(f"{t:8.3f}" + (f" ({t / base:5.2f}x)" if opts else " " * 9))
        print(f"{name:20} " + " ".join(f"{c:>18}" for c in row))
        sys.stdout.flush()
    print("\n# events the ring buffer (16 MiB) had no room for, each run (counted and said by nstrace)")
    for (mode, name), counts in lost.items():
        if mode != "untraced" and any(counts):
            print(f"{mode} {name}: {' '.join(str(c) for c in counts)}")
    print("\n# goals of issue 22, once the programs are in (timed inside the trace)")
    for mode, name, limit in GOALS:
        ratio = table[(mode, name)] / table[("untraced", name)]
        text = f"{mode} {name}: bpf/untraced <= {limit:.2f}"
        print(f"{text:58} {ratio:8.3f}  {'met' if ratio <= limit else 'NOT met'}")
    os.unlink(out) if os.path.exists(out) else None
    os.rmdir(os.path.dirname(out))


if __name__ == "__main__":
    main()
