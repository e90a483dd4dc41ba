#!/usr/bin/env python3
"""Generated the syscall specification table once (issue 18): Sources/Core/Syscalls/SyscallSpecs+x86_64.swift
and SyscallSpecs+i386.swift. Since then the Swift rows are the source: edit them, not this script.
It is kept to show where every row's facts came from, and to redo the parameter names if
ever needed (e.g. for another ABI).

How it was run (Debian 12, 2026-12-06, on the commit before the spec table, 842b040):

    apt-get download linux-headers-6.12.111+deb12-common linux-headers-6.12.111+deb12-amd64
    for f in linux-headers-*.deb; do dpkg-deb -x "$f" /tmp/kh; done
    python3 scripts/gen-syscall-specs.py --kernel /tmp/kh/usr/src --rev 842b040

Inputs:
- number, name, argument count and classes of each row: the former SyscallTables.swift
  (strace 6.1's syscallent tables, %namespace ours), read from git revision --rev;
- the typed signatures: the former SyscallCatalog.swift's `signatures` (x86_64) and the
  rules by which it derived `i386Signatures` (same name when the signature holds no struct
  whose layout differs on i386, 16-bit id calls left generic, the *32 aliases, mmap2,
  stat64 & co.), also from --rev; every expression is copied as Swift text;
- the parameter names, in this order of preference:
  1. "man": the prototype of the man page (manpages-dev, /usr/share/man/man2, SYNOPSIS),
     the raw `syscall(SYS_name, ...)` form when the page has one, else the function of the
     same name (or a glibc name of the same call: pread for pread64, getuid for getuid32,
     stat for oldstat, ...) with exactly the row's argument count;
  2. "raw": the man page's names in the raw syscall's order or with a 64-bit argument split
     in two on i386 (`offset`, `offset_hi`): clone, the i386 calls with split offsets; listed
     in RAW below, by hand from the kernel's prototypes (arch/x86/kernel/sys_ia32.c,
     include/linux/compat.h);
  3. "kernel": the kernel's prototype (include/linux/syscalls.h and compat.h of the headers
     package) of the row's entry point (arch/x86/include/generated/asm/syscalls_{64,32}.h),
     when its count is the row's;
  4. "fallback": arg0, arg1, ... (calls the kernel no longer has and no page describes).
"""

import argparse
import collections
import glob
import gzip
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------------------
# Old tables and signatures (Swift text at --rev)


def git_show(rev, path):
    return subprocess.run(["git", "-C", ROOT, "show", f"{rev}:{path}"], check=True,
                          capture_output=True, text=True).stdout


CLASS_LETTERS = {"f": ".file", "p": ".process", "n": ".network", "s": ".signal", "i": ".ipc",
                 "m": ".memory", "d": ".desc", "c": ".creds", "x": ".namespace"}
CLASS_ORDER = ["f", "p", "n", "s", "i", "m", "d", "c", "x"]


def read_tables(rev):
    text = git_show(rev, "Sources/Core/Syscalls/SyscallTables.swift")
    x86, i386 = text.split("static let i386")
    out = {}
    for abi, part in (("x86_64", x86), ("i386", i386)):
        rows = []
        for m in re.finditer(r"(\d+) ([a-z_0-9]+) (\d+) ([a-z-]+)", part):
            rows.append((int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)))
        out[abi] = rows
    return out


def split_entries(body):
    """`"name": expr,` entries of a Swift dictionary literal's body, at depth 0."""
    entries = []
    i, n = 0, len(body)
    while i < n:
        if body.startswith("//", i):
            i = body.index("\n", i)
            continue
        if body[i] == '"':
            j = body.index('"', i + 1)
            name = body[i + 1:j]
            k = body.index(":", j) + 1
            depth, start = 0, k
            while k < n:
                c = body[k]
                if c in "([":
                    depth += 1
                elif c in ")]":
                    if depth == 0:
                        break
                    depth -= 1
                elif c == "," and depth == 0:
                    break
                k += 1
            expr = " ".join(body[start:k].split())
            expr = expr.replace("( ", "(").replace(" )", ")")
            entries.append((name, expr))
            i = k + 1
            continue
        i += 1
    return entries


def read_signatures(rev):
    text = git_show(rev, "Sources/Core/Syscalls/SyscallCatalog.swift")
    start = text.index("static let signatures: [String: Signature] = [") + len(
        "static let signatures: [String: Signature] = [")
    end = text.index("\n    ]\n", start)
    return dict(split_entries(text[start:end]))


I386_UNSAFE = ["iov", "stat", "statfs", "rlimit", "sysinfo", "tms", "rusage", "siginfo", "msghdr",
               "msghdrOut", "sigaction", "stackT", "timespec", "timeval", "itimerval", "itimerspec",
               "utimes", "remTimespec", "dirents", "mincoreVec", "fdset", "int64InOut", "hexPtr",
               "int64Ptr", "pselectSigmask"]


def i386_signatures(sigs):
    """SyscallCatalog.i386Signatures as it was derived at run time."""
    def safe(expr):
        if expr.startswith(".dynamic"):
            return True
        return not any(re.search(r"\." + u + r"\b", expr) for u in I386_UNSAFE)
    m = {n: e for n, e in sigs.items() if safe(e)}
    aliases = {"getuid32": "getuid", "geteuid32": "geteuid", "getgid32": "getgid",
               "getegid32": "getegid", "setuid32": "setuid", "setgid32": "setgid",
               "setreuid32": "setreuid", "setregid32": "setregid", "setresuid32": "setresuid",
               "setresgid32": "setresgid", "setfsuid32": "setfsuid", "setfsgid32": "setfsgid",
               "chown32": "chown", "lchown32": "lchown", "fchown32": "fchown",
               "getgroups32": "getgroups", "setgroups32": "setgroups", "fcntl64": "fcntl"}
    for n in ["mmap", "fadvise64", "readahead", "fallocate", "getgroups", "setgroups", "chown", "lchown",
              "fchown", "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "getresuid",
              "getresgid", "setfsuid", "setfsgid"]:
        m.pop(n, None)
    for a, b in aliases.items():
        m[a] = sigs[b]
    m["mmap2"] = "f(.ptr, .ulong, .flags(X.prot), .mmapFlags, .fd, .pgoff, ret: .hex)"
    m["stat64"] = "f(.path, .out(.ptr))"
    m["lstat64"] = "f(.path, .out(.ptr))"
    m["fstat64"] = "f(.fd, .out(.ptr))"
    m["fstatat64"] = "f(.dirfd, .path, .out(.ptr), .flags(X.atFlags))"
    m["waitpid"] = "f(.int, .out(.waitStatus), .flags(X.waitOptions))"
    m["truncate64"] = "s((0, .path), (1, .long64(hi: 2)))"
    m["ftruncate64"] = "s((0, .fd), (1, .long64(hi: 2)))"
    m["pread64"] = "s((0, .fd), (1, .out(.bufRet)), (2, .ulong), (3, .long64(hi: 4)))"
    m["pwrite64"] = "s((0, .fd), (1, .bufIn(2)), (2, .ulong), (3, .long64(hi: 4)))"
    return m


# ---------------------------------------------------------------------------------------
# Man pages

def render_synopses(cache):
    if os.path.exists(cache):
        return open(cache).read()
    out = []
    for f in sorted(glob.glob("/usr/share/man/man2/*.2.gz")):
        text = subprocess.run(["man", "--no-hyphenation", "--no-justification", "-P", "cat", "-l", f],
                              capture_output=True, text=True,
                              env=dict(os.environ, MANWIDTH="400")).stdout
        m = re.search(r"^SYNOPSIS\n(.*?)^[A-Z]", text, re.S | re.M)
        out.append("=== " + os.path.basename(f)[:-5] + "\n" + (m.group(1) if m else ""))
    text = "\n".join(out)
    with open(cache, "w") as fh:
        fh.write(text)
    return text


TYPE_WORDS = {"int", "long", "short", "char", "unsigned", "signed", "void", "size_t", "const",
              "struct", "union", "enum", "__user", "u32", "u64", "__u32", "__u64", "loff_t",
              "off_t", "pid_t", "uid_t", "gid_t", "mode_t", "umode_t", "key_serial_t", "qid_t",
              "timer_t", "clockid_t", "aio_context_t", "old_sigset_t", "old_uid_t", "old_gid_t",
              "restrict", "_Nullable", "_Nonnull", "__kernel_old_time_t", "rwf_t", "cap_user_header_t",
              "cap_user_data_t", "key_t", "mqd_t", "sigset_t", "fd_set", "uint32_t", "uint64_t",
              "compat_ulong_t", "compat_uptr_t", "compat_size_t", "compat_loff_t", "compat_off_t",
              "compat_long_t", "compat_uint_t", "compat_int_t", "__s32", "__s64", "s32", "s64",
              "key_serial_t", "__kernel_old_uid_t", "__kernel_old_gid_t", "time_t", "socklen_t",
              "nfds_t", "ssize_t", "idtype_t", "id_t", "siginfo_t", "stack_t", "off64_t",
              "kernel_sigset_t", "sighandler_t", "caddr_t", "__kernel_rwf_t", "__aligned_u64",
              "uint8_t", "__kernel_timer_t", "__kernel_size_t"}


def param_name(p):
    """The name in one C parameter, or None when it has none (`unsigned long`, `int __user *`)."""
    p = re.sub(r"/\*.*?\*/", " ", p).strip()
    m = re.search(r"\(\s*\*\s*([A-Za-z_]\w*)\s*\)", p)          # int (*fn)(void *)
    if m:
        return m.group(1)
    p = re.sub(r"\[[^\]]*\]", "", p).strip()                    # void buf[.count]
    words = re.findall(r"[A-Za-z_]\w*", p)
    if not words or p.endswith("*"):
        return None
    last = words[-1]
    if last in TYPE_WORDS or len(words) < 2:
        return None
    if len(words) == 2 and words[0] in ("struct", "union", "enum"):
        return None
    return last


def split_params(text):
    out, depth, cur = [], 0, ""
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    if cur.strip():
        out.append(cur)
    return out


def parse_params(text):
    """Names of a prototype's parameter list; None when one has no name."""
    text = text.strip()
    if text in ("", "void"):
        return []
    names = []
    for p in split_params(text):
        p = p.strip()
        if p.startswith("..."):
            # `... /* mode_t mode */`: the names in the comment.
            m = re.search(r"/\*(.*)\*/", p, re.S)
            if not m:
                return names + ["..."]
            for q in split_params(m.group(1)):
                n = q.strip() if re.fullmatch(r"\s*[A-Za-z_]\w*\s*", q) else param_name(q)
                if n is None:
                    return names + ["..."]
                names.append(n)
            continue
        n = param_name(p)
        if n is None:
            return None
        names.append(n)
    return names


def man_prototypes(text):
    """name → [(names, raw)]: every prototype in the SYNOPSIS sections."""
    protos = collections.defaultdict(list)
    # Join each prototype's lines: from `name(` to the `);` that closes it.
    flat = re.sub(r"\n\s+", " ", text)
    for m in re.finditer(r"([A-Za-z_]\w*)\s*\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)\s*;", flat):
        fname, params = m.group(1), m.group(2)
        if fname == "syscall":
            mm = re.match(r"\s*SYS_(\w+)\s*(?:,(.*))?$", params, re.S)
            if not mm:
                continue
            names = parse_params(mm.group(2) or "")
            if names is not None and "..." not in names:
                protos[mm.group(1)].append((names, True))
            continue
        names = parse_params(params)
        if names is not None and "..." not in names:
            protos[fname].append((names, False))
    return protos


# ---------------------------------------------------------------------------------------
# Kernel prototypes

def kernel_prototypes(kdir):
    common = glob.glob(os.path.join(kdir, "linux-headers-*-common"))[0]
    arch = [d for d in glob.glob(os.path.join(kdir, "linux-headers-*")) if not d.endswith("common")][0]
    protos = collections.defaultdict(list)
    for h in ["include/linux/syscalls.h", "include/linux/compat.h"]:
        text = open(os.path.join(common, h)).read()
        text = re.sub(r"\s+", " ", text)
        for m in re.finditer(r"asmlinkage long ((?:compat_)?sys_\w+)\s*\(([^;]*?)\)\s*;", text):
            names = parse_params(m.group(2))
            if names is not None:
                protos[m.group(1)].append(names)
    entries = {}
    for abi, f in (("x86_64", "syscalls_64.h"), ("i386", "syscalls_32.h")):
        text = open(os.path.join(arch, "arch/x86/include/generated/asm", f)).read()
        e = {}
        for m in re.finditer(r"__SYSCALL\w*\((\d+), (\w+)(?:, (\w+))?\)", text):
            e[int(m.group(1))] = [x for x in (m.group(2), m.group(3)) if x]
        entries[abi] = e
    return protos, entries


# ---------------------------------------------------------------------------------------
# Names by hand: the raw order, or a 64-bit argument split in two on i386 (the low half
# keeps the man page's name: it is the slot a long64 argument prints under).

RAW = {
    # clone(2) NOTES: the raw call is (flags, stack, parent_tid, child_tid, tls) on x86_64,
    # (flags, stack, parent_tid, tls, child_tid) on i386 (CLONE_BACKWARDS).
    ("x86_64", "clone"): ["flags", "stack", "parent_tid", "child_tid", "tls"],
    ("i386", "clone"): ["flags", "stack", "parent_tid", "tls", "child_tid"],
    # pread(2), pwrite(2), preadv(2): sys_ia32.c / compat.h split the offset.
    ("i386", "pread64"): ["fd", "buf", "count", "offset", "offset_hi"],
    ("i386", "pwrite64"): ["fd", "buf", "count", "offset", "offset_hi"],
    ("i386", "preadv"): ["fd", "iov", "iovcnt", "offset", "offset_hi"],
    ("i386", "pwritev"): ["fd", "iov", "iovcnt", "offset", "offset_hi"],
    ("i386", "preadv2"): ["fd", "iov", "iovcnt", "offset", "offset_hi", "flags"],
    ("i386", "pwritev2"): ["fd", "iov", "iovcnt", "offset", "offset_hi", "flags"],
    # x86_64's preadv2/pwritev2 take (pos_l, pos_h) too; the whole offset is in pos_l.
    ("x86_64", "preadv2"): ["fd", "iov", "iovcnt", "offset", "offset_hi", "flags"],
    ("x86_64", "pwritev2"): ["fd", "iov", "iovcnt", "offset", "offset_hi", "flags"],
    ("i386", "truncate64"): ["path", "length", "length_hi"],
    ("i386", "ftruncate64"): ["fd", "length", "length_hi"],
    ("i386", "readahead"): ["fd", "offset", "offset_hi", "count"],
    ("i386", "fadvise64"): ["fd", "offset", "offset_hi", "len", "advice"],
    ("i386", "fadvise64_64"): ["fd", "offset", "offset_hi", "len", "len_hi", "advice"],
    ("i386", "fallocate"): ["fd", "mode", "offset", "offset_hi", "len", "len_hi"],
    ("i386", "sync_file_range"): ["fd", "offset", "offset_hi", "nbytes", "nbytes_hi", "flags"],
    ("i386", "fanotify_mark"): ["fanotify_fd", "flags", "mask", "mask_hi", "dirfd", "pathname"],
    ("i386", "lookup_dcookie"): ["cookie", "cookie_hi", "buffer", "len"],
    # The rt_ signal calls take the size of the sigset last (sigaction(2), sigprocmask(2)
    # NOTES); the glibc wrappers do not.
    ("x86_64", "rt_sigaction"): ["signum", "act", "oldact", "sigsetsize"],
    ("i386", "rt_sigaction"): ["signum", "act", "oldact", "sigsetsize"],
    ("x86_64", "rt_sigpending"): ["set", "sigsetsize"],
    ("i386", "rt_sigpending"): ["set", "sigsetsize"],
    ("x86_64", "rt_sigsuspend"): ["mask", "sigsetsize"],
    ("i386", "rt_sigsuspend"): ["mask", "sigsetsize"],
    ("x86_64", "rt_sigtimedwait"): ["set", "info", "timeout", "sigsetsize"],
    ("i386", "rt_sigtimedwait"): ["set", "info", "timeout", "sigsetsize"],
    ("i386", "rt_sigtimedwait_time64"): ["set", "info", "timeout", "sigsetsize"],
    ("x86_64", "ppoll"): ["fds", "nfds", "tmo_p", "sigmask", "sigsetsize"],
    ("i386", "ppoll"): ["fds", "nfds", "tmo_p", "sigmask", "sigsetsize"],
    ("i386", "ppoll_time64"): ["fds", "nfds", "tmo_p", "sigmask", "sigsetsize"],
    ("x86_64", "epoll_pwait"): ["epfd", "events", "maxevents", "timeout", "sigmask", "sigsetsize"],
    ("i386", "epoll_pwait"): ["epfd", "events", "maxevents", "timeout", "sigmask", "sigsetsize"],
    ("x86_64", "epoll_pwait2"): ["epfd", "events", "maxevents", "timeout", "sigmask", "sigsetsize"],
    ("i386", "epoll_pwait2"): ["epfd", "events", "maxevents", "timeout", "sigmask", "sigsetsize"],
    ("x86_64", "signalfd4"): ["fd", "mask", "sizemask", "flags"],
    ("i386", "signalfd4"): ["fd", "mask", "sizemask", "flags"],
    # The raw call has the sigset size too (signalfd(2) NOTES), and eventfd no flags.
    ("x86_64", "signalfd"): ["fd", "mask", "sizemask"],
    ("i386", "signalfd"): ["fd", "mask", "sizemask"],
    ("x86_64", "eventfd"): ["initval"],
    ("i386", "eventfd"): ["initval"],
    # waitid's raw call has a fifth argument, the rusage (wait4's).
    ("x86_64", "waitid"): ["idtype", "id", "infop", "options", "rusage"],
    ("i386", "waitid"): ["idtype", "id", "infop", "options", "rusage"],
    # fchmodat and faccessat have no flags in the kernel (fchmodat2, faccessat2 have).
    ("x86_64", "fchmodat"): ["dirfd", "pathname", "mode"],
    ("i386", "fchmodat"): ["dirfd", "pathname", "mode"],
    ("x86_64", "faccessat"): ["dirfd", "pathname", "mode"],
    ("i386", "faccessat"): ["dirfd", "pathname", "mode"],
}

# glibc (or older) names of the same call, tried after the row's own name.
ALIASES = {
    "pread64": "pread", "pwrite64": "pwrite", "prlimit64": "prlimit", "newfstatat": "fstatat",
    "fstatat64": "fstatat", "fadvise64": "posix_fadvise", "stat64": "stat", "lstat64": "lstat",
    "fstat64": "fstat", "oldstat": "stat", "oldfstat": "fstat", "oldlstat": "lstat",
    "olduname": "uname", "oldolduname": "uname", "_newselect": "select", "ugetrlimit": "getrlimit",
    "sendfile64": "sendfile", "fcntl64": "fcntl", "umount": "umount", "statfs64": "statfs",
    "fstatfs64": "fstatfs", "truncate64": "truncate", "ftruncate64": "ftruncate",
    "clock_gettime64": "clock_gettime", "clock_settime64": "clock_settime",
    "clock_adjtime64": "clock_adjtime", "clock_getres_time64": "clock_getres",
    "clock_nanosleep_time64": "clock_nanosleep", "timer_gettime64": "timer_gettime",
    "timer_settime64": "timer_settime", "timerfd_gettime64": "timerfd_gettime",
    "timerfd_settime64": "timerfd_settime", "utimensat_time64": "utimensat",
    "pselect6_time64": "pselect", "pselect6": "pselect", "ppoll_time64": "ppoll",
    "io_pgetevents_time64": "io_pgetevents", "recvmmsg_time64": "recvmmsg",
    "mq_timedsend_time64": "mq_timedsend", "mq_timedreceive_time64": "mq_timedreceive",
    "semtimedop_time64": "semtimedop", "rt_sigtimedwait_time64": "rt_sigtimedwait",
    "futex_time64": "futex", "sched_rr_get_interval_time64": "sched_rr_get_interval",
    "exit": "_exit", "eventfd2": "eventfd",
}


def man_names(protos, name, count):
    """The man page's names of `name` with `count` arguments: the raw form first."""
    seen = []
    for cand in [name] + ([ALIASES[name]] if name in ALIASES else []) + (
            [name[:-2]] if name.endswith("32") else []):
        for raw in (True, False):
            for names, is_raw in protos.get(cand, []):
                if is_raw == raw and len(names) == count:
                    return names
            seen += protos.get(cand, [])
    return None


def kernel_names(kprotos, entries, abi, number, count):
    for entry in entries[abi].get(number, []):
        for base in [entry, entry.replace("sys_", "compat_sys_", 1)]:
            for names in kprotos.get(base, []):
                if len(names) == count:
                    return names
    return None


IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def clean(names):
    out = []
    for n in names:
        n = n.lower()
        assert IDENT.match(n), n
        base, i = n, 2
        while n in out:
            n = f"{base}{i}"
            i += 1
        out.append(n)
    return out


# ---------------------------------------------------------------------------------------
# Traits (the name sets that were spread over the sources, issue 18)

TRAITS = {
    "createsTask": ["clone", "clone3", "fork", "vfork"],                # PendingSyscall.creatingCalls
    "changesNamespaces": ["unshare", "setns", "execve", "execveat"],    # NamespaceEffects.changers
    "changesMemoryMap": ["mmap", "mmap2", "munmap", "mremap", "execve", "execveat"],  # remappingCalls
    "replacesProgram": ["execve", "execveat"],
    "writesBuffer": ["write", "pwrite64"],                              # CallInfo: id map writes
    "resumesCall": ["restart_syscall"],
    "installsFilter": ["seccomp"],                                      # SeccompFilter.always
    "looksUpPath": ["open", "creat", "stat", "lstat", "access", "readlink", "execve", "chdir", "statfs",
                    "truncate", "mkdir", "rmdir", "unlink", "chmod", "chown", "lchown", "chroot", "uselib",
                    "openat", "openat2", "newfstatat", "fstatat64", "statx", "faccessat", "faccessat2",
                    "readlinkat", "execveat", "mkdirat", "unlinkat", "fchmodat", "fchownat", "mknodat",
                    "name_to_handle_at"],                                # SideTrace.pathArgs
    "tellsIdentity": ["getpid", "getppid", "getuid", "geteuid", "getgid", "getegid"],  # SideTrace.idCalls
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", required=True, help="directory holding linux-headers-*-common and -amd64")
    ap.add_argument("--rev", required=True, help="git revision with SyscallTables.swift and SyscallCatalog.swift")
    ap.add_argument("--cache", default="/tmp/nstrace-man2-synopses.txt")
    ap.add_argument("--out", default=os.path.join(ROOT, "Sources/Core/Syscalls"))
    a = ap.parse_args()

    tables = read_tables(a.rev)
    sigs = {"x86_64": read_signatures(a.rev)}
    sigs["i386"] = i386_signatures(sigs["x86_64"])
    protos = man_prototypes(render_synopses(a.cache))
    kprotos, entries = kernel_prototypes(a.kernel)
    stats = collections.Counter()
    fallbacks = collections.defaultdict(list)
    for abi in ("x86_64", "i386"):
        rows = []
        for number, name, count, classes in tables[abi]:
            if count == 0:
                names, src = [], "none"
            elif (abi, name) in RAW:
                names, src = RAW[(abi, name)], "raw"
            elif (names := man_names(protos, name, count)) is not None:
                src = "man"
            elif (names := kernel_names(kprotos, entries, abi, number, count)) is not None:
                src = "kernel"
            else:
                names, src = [f"arg{i}" for i in range(count)], "fallback"
                fallbacks[abi].append(name)
            assert len(names) == count, (abi, name, names, count)
            stats[(abi, src)] += 1
            cls = "[" + ", ".join(CLASS_LETTERS[c] for c in CLASS_ORDER if c in classes) + "]"
            traits = [t for t, ns in TRAITS.items() if name in ns]
            rows.append((number, name, clean(names), cls, sigs[abi].get(name), traits, src))
        write_rows(a.out, abi, rows)
    for k, v in sorted(stats.items()):
        print(f"{k[0]:7} {k[1]:9} {v}", file=sys.stderr)
    for abi, names in fallbacks.items():
        print(f"{abi} fallback: {' '.join(names)}", file=sys.stderr)


def write_rows(out, abi, rows):
    lines = [
        f"// The {abi} syscalls, by number: one row each (docs/architecture.md, \"Syscall knowledge\").",
        "// Generated once by scripts/gen-syscall-specs.py from the former name tables; edited by",
        "// hand since. A row: number, name, the parameter names by raw argument index separated by",
        "// spaces (the man page's, else the kernel's prototype's), classes, traits, and the typed",
        "// signature, made when first asked for (none: the arguments are printed in hex as strace's",
        "// generic decoder does). The rows are in number order (SyscallSpecs looks numbers up by",
        "// binary search).",
        "",
        "extension SyscallSpecs {",
        f"    static let {abi}: [SyscallSpec] = [",
    ]
    for number, name, names, cls, sig, traits, src in rows:
        args = [str(number), f'"{name}"', '"' + " ".join(names) + '"', cls]
        if traits:
            args.append("traits: [" + ", ".join("." + t for t in traits) + "]")
        row = f"        .init({', '.join(args)})"
        if sig:
            row += " { " + sig + " }"
        lines.append(row + ",")
    lines += ["    ]", "}", ""]
    with open(os.path.join(out, f"SyscallSpecs+{abi}.swift"), "w") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()
