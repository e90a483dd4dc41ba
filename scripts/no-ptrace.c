/* no-ptrace COMMAND [ARG...]: runs COMMAND under a seccomp filter that makes ptrace(2),
 * process_vm_readv(2) and process_vm_writev(2) fail with EPERM, in it and every process it
 * starts (a filter is inherited across fork and execve). `make test-tracer-no-ptrace` runs
 * the loop's tests (TracerTests) this way: they must never need the kernel's ptrace
 * (issue 20, must show 1). Before it runs COMMAND it checks that the three calls do fail. */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: no-ptrace COMMAND [ARG...]\n");
        return 64;
    }
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) { fprintf(stderr, "no-ptrace: seccomp_init failed\n"); return 70; }
    const int calls[] = { SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev) };
    for (unsigned i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        int rc = seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO(EPERM), calls[i], 0, NULL);
        if (rc < 0) { fprintf(stderr, "no-ptrace: seccomp_rule_add: %s\n", strerror(-rc)); return 70; }
    }
    int rc = seccomp_load(ctx);  /* sets no_new_privs first (SCMP_FLTATR_CTL_NNP) */
    seccomp_release(ctx);
    if (rc < 0) { fprintf(stderr, "no-ptrace: seccomp_load: %s\n", strerror(-rc)); return 70; }

    /* The filter bites: each call fails with EPERM (not ESRCH or EFAULT, which the
     * kernel would give for these arguments if it ran them). */
    char byte = 0;
    struct iovec local = { &byte, 1 }, remote = { &byte, 1 };
    errno = 0;
    long r1 = ptrace(PTRACE_PEEKDATA, getppid(), NULL, NULL);
    int e1 = errno;
    long r2 = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
    int e2 = errno;
    long r3 = process_vm_writev(getpid(), &local, 1, &remote, 1, 0);
    int e3 = errno;
    if (r1 != -1 || e1 != EPERM || r2 != -1 || e2 != EPERM || r3 != -1 || e3 != EPERM) {
        fprintf(stderr, "no-ptrace: the filter does not forbid ptrace/process_vm_readv/process_vm_writev\n");
        return 70;
    }
    execvp(argv[1], argv + 1);
    fprintf(stderr, "no-ptrace: %s: %s\n", argv[1], strerror(errno));
    return 127;
}
