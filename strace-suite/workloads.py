#!/usr/bin/env python3
"""Real workloads under strace and under `nstrace trace`: how many of the lines strace prints
nstrace prints the same (docs/decoding.md, "Real workloads").

Each workload runs three times, under `strace -f`, under `nstrace trace -f --no-ns` and
under `strace -f` again (what strace reproduces of itself: calls whose order or count
depends on timing are not reproducible by any tracer), each in a fresh directory of its own with
the same small environment. Pids, addresses, times and other values that differ between two
runs are normalised the same way in all three. A line of the first strace run counts as
reproduced when the other run has it too (as a multiset of lines per workload). The score
is nstrace's reproduced lines over strace's own reproduced lines: the lines strace itself
reproduces that nstrace prints identically.

Needs root (ip, unshare, nsenter) and Debian's strace, coreutils, git, gcc, python3,
sqlite3, iproute2, procps, tar, gzip, xz-utils, busybox. Usage:

    python3 strace-suite/workloads.py --nstrace .build/debug/nstrace [--only NAME...] [--show N]
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

# name -> shell command, run by /bin/sh -c in a fresh directory holding `hello.c` and `data/`.
WORKLOADS = {
    "true": "/bin/true",
    "ls -la": "ls -la /usr/share/doc/coreutils",
    "cat": "cat /etc/passwd >/dev/null",
    "wc sort uniq": "sort /etc/services | uniq | wc -l >/dev/null",
    "cp mv rm": "cp /etc/services s && mv s t && rm t",
    "mkdir chmod stat": "mkdir -p a/b/c && chmod 700 a/b && stat a/b >/dev/null && rm -r a",
    "ln readlink": "ln -s /etc/hostname h && readlink h >/dev/null && rm h",
    "head tail": "head -n 3 /etc/services >/dev/null && tail -n 3 /etc/services >/dev/null",
    "sha256sum": "sha256sum /etc/services >/dev/null",
    "date": "TZ=UTC date -d @0 >/dev/null",
    "env id": "env >/dev/null && id >/dev/null",
    "find": "find /usr/share/doc/coreutils /usr/share/doc/tar >/dev/null",
    "du": "du -s /usr/share/doc/coreutils >/dev/null",
    "tar c": "tar cf x.tar data && tar tf x.tar >/dev/null",
    "tar czf": "tar czf x.tgz data && mkdir o && tar xzf x.tgz -C o",
    "gzip": "gzip -c /etc/services >s.gz && gzip -dc s.gz >/dev/null",
    "xz": "xz -c /etc/hostname >h.xz && xz -dc h.xz >/dev/null",
    "sed awk grep": "sed -n 1p /etc/passwd | awk -F: '{print $1}' | grep -c root >/dev/null",
    "sh loop": "for i in 1 2 3; do echo $i; done >/dev/null",
    "sh pipe": "echo hi | cat | cat >/dev/null",
    "sh subshell": "(cd / && pwd) >/dev/null; x=$(echo y); test $x = y",
    "sh redirect": "exec 3>out; echo x >&3; exec 3>&-; cat out >/dev/null",
    "sh trap": "trap 'true' USR1; kill -USR1 $$",
    "bash": "/bin/bash -c 'a=(1 2 3); echo ${#a[@]} >/dev/null'",
    "git init": "git init -q r && cd r && git config user.email a@b && git config user.name a",
    "git commit": "git init -q r && cd r && echo x >f && git add f && git -c user.email=a@b -c user.name=a commit -qm m",
    "git log": "git init -q r && cd r && git -c user.email=a@b -c user.name=a commit -q --allow-empty -m m && git log --oneline >/dev/null",
    "gcc": "gcc -O0 -o hello hello.c && ./hello >/dev/null",
    "cc -c": "cc -c hello.c -o hello.o",
    "python3": "/usr/bin/python3 -c 'print(sum(range(10)))' >/dev/null",
    "python3 json": "/usr/bin/python3 -c 'import json; json.dumps({\"a\": 1})'",
    "perl": "perl -e 'print 1+1' >/dev/null",
    "sqlite3": "sqlite3 db 'create table t(x); insert into t values (1); select * from t;' >/dev/null",
    "make": "printf 'all:\\n\\ttrue\\n' >Makefile && make -s",
    "ip link": "ip link show lo >/dev/null",
    "ip addr": "ip addr show lo >/dev/null",
    "ip route": "ip route show table local >/dev/null",
    "ps": "ps -o pid,comm -p $$ >/dev/null",
    "uname hostname": "uname -a >/dev/null && hostname >/dev/null",
    "unshare -u": "unshare -u sh -c 'hostname x'",
    "unshare -m": "unshare -m sh -c 'mount -t tmpfs none /mnt && umount /mnt'",
    "unshare -n": "unshare -n ip link show lo >/dev/null",
    "unshare -fp": "unshare -fp --mount-proc /bin/true",
    "nsenter": "nsenter -t $$ -u hostname >/dev/null",
    "busybox": "busybox ls / >/dev/null && busybox echo x >/dev/null",
    "jq": "echo '{\"a\":[1,2]}' | jq -c '.a' >/dev/null",
    "dd": "dd if=/dev/zero of=/dev/null bs=512 count=20 2>/dev/null",
    "sleep": "sleep 0.01",
    "touch truncate": "touch f && truncate -s 100 f && rm f",
    "getent": "getent passwd root >/dev/null",
    "stat -f": "stat -f / >/dev/null",
    "chown": "touch f && chown 0:0 f && rm f",
    "mktemp": "d=$(mktemp -d ./t.XXXXXX) && rmdir $d",
}

HELLO = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n"

# Values that differ between two runs of the same command, whichever tracer shows them.
NORMALISE = [
    (re.compile(r"^(\[pid +)?\d+( \(\d+ in [^)]*\))?\]? *"), ""),     # pid prefixes (nstrace's nested pid label)
    (re.compile(r"0x[0-9a-f]{6,}"), "ADDR"),                          # addresses
    (re.compile(r"\b(si_pid|pid|tid|parent_tid|child_tid)=\[?\d+\]?"), r"\1=N"),
    (re.compile(r"/\* \d+ vars \*/"), "/* N vars */"),
    (re.compile(r"(st_[amc]time|tv_sec|tv_nsec|tv_usec|si_[us]time)=[0-9.]+( /\* [^*]* \*/)?"), r"\1=T"),
    (re.compile(r"(wait4|waitid|kill|tgkill|tkill|getpid|gettid|getppid|set_tid_address|clone|clone3|fork|vfork|"
                r"getpgrp|getsid|setpgid|pidfd_open|prlimit64)\((-?\d+)"), r"\1(N"),
    (re.compile(r"= \d+( <[^>]*>)?$"), "= N"),                          # results (pids, sizes, times)
    (re.compile(r"\d{5,}"), "N"),                                       # inodes, large counts
    (re.compile(r"\"[^\"]*t\.[A-Za-z0-9]{6}[^\"]*\""), "\"TMP\""),
    (re.compile(r"getrandom\(\"[^\"]*\""), "getrandom(\"RANDOM\""),
    (re.compile(r"r\.[0-9a-f]+|[0-9a-f]{40}"), "HASH"),
    (re.compile(r" +="), " ="),
    # The tracer's own name, where the command reads it (ps reading /proc/PID/stat).
    (re.compile(r"\bnstrace\b"), "strace"),
]
SKIP = re.compile(r"^(\+\+\+|---|strace: |nstrace: )")
PID = re.compile(r"^(?:\[pid +(\d+)(?: \(\d+ in [^)]*\))?\]|(\d+)(?: \(\d+ in [^)]*\))?) ")
UNFINISHED = " <unfinished ...>"
RESUMED = re.compile(r"^<\.\.\. [^ ]+ resumed>")


def normalise(text):
    """The trace's syscall lines, normalised; a call split by another task's line
    (`<unfinished ...>` ... `<... NAME resumed>`) joined again; notes left out."""
    out = []
    open_calls = {}
    for line in text.splitlines():
        m = PID.match(line)
        pid = (m.group(1) or m.group(2)) if m else ""
        for rx, repl in NORMALISE[:1]:
            line = rx.sub(repl, line)
        if not line or SKIP.match(line) or line.startswith("  ns:"):
            continue
        if line.endswith(UNFINISHED):
            open_calls[pid] = line[:-len(UNFINISHED)]
            continue
        r = RESUMED.match(line)
        if r:
            if pid not in open_calls:
                continue
            line = open_calls.pop(pid) + line[r.end():]
        for rx, repl in NORMALISE[1:]:
            line = rx.sub(repl, line)
        for rx, repl in NORMALISE[1:]:
            line = rx.sub(repl, line)
        out.append(line)
    return out


def run(tracer, command, work):
    """The trace of `command` in a fresh copy of `work`, as text."""
    # The same directory for every run: its name is in the lines (getcwd, paths).
    d = work + ".run"
    shutil.rmtree(d, ignore_errors=True)
    try:
        shutil.copytree(work, d)
        out = os.path.join(d, ".trace")
        env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": d,
               "LC_ALL": "C", "TZ": "UTC", "GIT_CONFIG_NOSYSTEM": "1"}
        subprocess.run(tracer + ["-o", out, "--", "/bin/sh", "-c", command], cwd=d, env=env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        with open(out, errors="replace") as f:
            return f.read()
    except (subprocess.TimeoutExpired, FileNotFoundError):
        return ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


def reproduced(a, b):
    """How many lines of `a` `b` has too (multisets)."""
    cb = collections.Counter(b)
    return sum(min(n, cb[line]) for line, n in collections.Counter(a).items())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nstrace", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                      ".build/debug/nstrace"))
    ap.add_argument("--strace", default="/usr/bin/strace")
    ap.add_argument("--only", nargs="+", metavar="NAME")
    ap.add_argument("--show", type=int, default=3, help="lines of strace's that nstrace lacks, shown per workload")
    args = ap.parse_args()
    names = args.only or list(WORKLOADS)
    work = tempfile.mkdtemp(prefix="nstrace-workload-src-")
    os.makedirs(os.path.join(work, "data"))
    with open(os.path.join(work, "hello.c"), "w") as f:
        f.write(HELLO)
    for i in range(3):
        with open(os.path.join(work, "data", f"f{i}"), "w") as f:
            f.write("x" * (i * 100))
    total_self = total_ns = total_lines = 0
    try:
        for name in names:
            cmd = WORKLOADS[name]
            # nstrace's run between strace's two: what changes with time (ps reading /proc) is
            # reproduced by strace only when it did not change meanwhile.
            s1 = normalise(run([args.strace, "-f"], cmd, work))
            n = normalise(run([args.nstrace, "trace", "-f", "--no-ns", "--color", "never"], cmd, work))
            s2 = normalise(run([args.strace, "-f"], cmd, work))
            selfsame = reproduced(s1, s2)
            # Of the lines strace reproduces, those nstrace prints too.
            common = collections.Counter(s1) & collections.Counter(s2)
            ns = sum(min(k, collections.Counter(n)[line]) for line, k in common.items())
            total_self += selfsame
            total_ns += ns
            total_lines += len(s1)
            pct = 100.0 * ns / selfsame if selfsame else 100.0
            print(f"{pct:7.2f}%  {ns:5d} of {selfsame:5d} (strace itself: {selfsame} of {len(s1)})  {name}")
            if ns < selfsame and args.show:
                missing = (common - collections.Counter(n))
                for line in list(missing.elements())[:args.show]:
                    print(f"           strace: {line[:160]}")
                extra = collections.Counter(n) - collections.Counter(s1)
                for line in list(extra.elements())[:args.show]:
                    print(f"          nstrace: {line[:160]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pct = 100.0 * total_ns / total_self if total_self else 100.0
    selfpct = 100.0 * total_self / total_lines if total_lines else 100.0
    print(f"\n{len(names)} workloads: nstrace prints {total_ns} of the {total_self} lines strace reproduces "
          f"({pct:.2f}%); strace reproduces {total_self} of its {total_lines} lines ({selfpct:.2f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
