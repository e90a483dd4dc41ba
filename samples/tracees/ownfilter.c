/*
 * ownfilter: a program that installs its own seccomp filter, as sandboxes do (Chrome,
 * systemd units, container runtimes). After getpid(), the filter makes getppid() fail with
 * EPERM (SECCOMP_RET_ERRNO) and asks a tracer about getuid() (SECCOMP_RET_TRACE with data
 * 7: with no tracer, or a tracer that does not handle it, the call fails with ENOSYS). It
 * then prints what each call returned:
 *   "getppid -1 errno 1\ngetuid -1 errno 38\n"
 * A tracer must not change that, nor hide either call from its trace.
 *
 * Usage: ownfilter [tsync]   (tsync: install with SECCOMP_FILTER_FLAG_TSYNC, from a thread)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    (void)argv;
    syscall(SYS_getpid);
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getuid, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 7),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { sizeof code / sizeof code[0], code };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) { perror("ownfilter: no_new_privs"); return 1; }
    if (argc > 1) {
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog) != 0) {
            perror("ownfilter: seccomp"); return 1;
        }
    } else if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) {
        perror("ownfilter: prctl"); return 1;
    }
    errno = 0;
    long a = syscall(SYS_getppid);
    int ea = errno;
    errno = 0;
    long b = syscall(SYS_getuid);
    int eb = errno;
    char line[128];
    int n = snprintf(line, sizeof line, "getppid %ld errno %d\ngetuid %ld errno %d\n", a, ea, b, eb);
    return write(1, line, n) == n ? 0 : 3;
}
