#!/usr/bin/env python3
"""nstrace against strace and an untraced run, on fixed workloads, in one run.

Prints a table of median wall times and ratios (to untraced and to strace) for each
workload x mode, with tracer and tracee free to run anywhere ("free") and all pinned
to CPU 0 ("pinned"), and the tracer's peak RSS on W1. Nothing here is asserted:
the numbers go to docs/performance.md.

Usage: bench/trace-vs-strace.py [--nstrace PATH] [--runs N] [--quick]
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

WORKLOADS = {
    "W1 dd bs=1": ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=200000"],
    "W2 find /usr": ["find", "/usr", "-xdev"],
    "W3 300x fork+exec": ["sh", "-c", "i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done"],
    "W4 200x unshare -u": ["sh", "-c", "i=0; while [ $i -lt 200 ]; do unshare -u true; i=$((i+1)); done"],
}

# strace 6.1 has no %namespace class: the same syscalls by name.
NS_CALLS = "clone,clone3,fork,vfork,unshare,setns,mount,umount2,pivot_root,chroot,sethostname,setdomainname,execve,execveat"

MODES = {
    "full": (["-f", "-o", "/dev/null"], ["-f", "-qq", "-o", "/dev/null"]),
    "-c": (["-f", "-c", "-o", "/dev/null"], ["-f", "-c", "-o", "/dev/null"]),
    "%namespace (seccomp)": (["-f", "-e", "trace=%namespace", "-o", "/dev/null"],
                             ["-f", "-qq", "--seccomp-bpf", "-e", "trace=" + NS_CALLS, "-o", "/dev/null"]),
    "-k -e trace=openat": (["-f", "-k", "-e", "trace=openat", "-o", "/dev/null"],
                           ["-f", "-qq", "-k", "-e", "trace=openat", "-o", "/dev/null"]),
}


def timed(cmd, pin):
    if pin:
        cmd = ["taskset", "-c", "0"] + cmd
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def median(cmd, runs, pin):
    return statistics.median(timed(cmd, pin) for _ in range(runs))


def peak_rss_kib(cmd):
    """Peak RSS of the largest waited-for descendant (the tracer, for a traced run)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nstrace", default=".build/release/nstrace")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="W1 and W2 only, 3 runs")
    ap.add_argument("--modes", help="comma-separated subset of: " + ", ".join(MODES))
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench: needs root")
    if not os.access(a.nstrace, os.X_OK):
        sys.exit(f"bench: {a.nstrace} missing: build it (make bench builds a release binary)")
    strace = shutil.which("strace")
    runs = 3 if a.quick else a.runs
    loads = dict(list(WORKLOADS.items())[:2]) if a.quick else WORKLOADS
    out = subprocess.run([strace, "-V"], capture_output=True, text=True).stdout.splitlines()[0] if strace else "no strace"
    print(f"# nstrace vs {out}; {os.cpu_count()} CPUs; median of {runs} runs; seconds")
    print(f"{'workload':22} {'mode':22} {'cpu':6} {'untraced':>9} {'strace':>9} {'nstrace':>9} {'ns/untr':>8} {'ns/strace':>9}")
    modes = {k: v for k, v in MODES.items() if not a.modes or k in a.modes.split(",")}
    for name, cmd in loads.items():
        for pin in (False, True):
            base = median(cmd, runs, pin)
            for mode, (nargs, sargs) in modes.items():
                s = median([strace] + sargs + ["--"] + cmd, runs, pin) if strace else float("nan")
                n = median([a.nstrace, "trace"] + nargs + ["--"] + cmd, runs, pin)
                print(f"{name:22} {mode:22} {'pinned' if pin else 'free':6} {base:9.3f} {s:9.3f} {n:9.3f} "
                      f"{n / base:8.2f} {n / s:9.2f}")
            sys.stdout.flush()
    rss = peak_rss_kib([a.nstrace, "trace", "-f", "-o", "/dev/null", "--"] + WORKLOADS["W1 dd bs=1"])
    print(f"peak RSS of the tracer on W1 (full trace): {rss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
