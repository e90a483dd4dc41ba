// seccomp-floor CMD [ARG...]: runs CMD under a seccomp filter that allows every syscall,
// with no tracer. What it costs over an untraced run is the floor of any seccomp-bpf
// trace (strace --seccomp-bpf, nstrace -e trace=SUBSET): with a filter installed, every
// syscall of the task takes the kernel's slow entry path, whatever the filter says and
// however few calls it stops at. The filter has the shape of nstrace's (x86_64 and the
// 32-bit x86 ABI, built by libseccomp); its rules do not change the cost, since the kernel
// caches the action of calls whose verdict depends on nothing but the number.
//
// seccomp-floor --loop [N]: the same cost per call: N getppid() calls (default 2,000,000)
// timed before and after installing the filter, in one process.
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>

static int install(void) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) {
        fprintf(stderr, "seccomp-floor: seccomp_init failed\n");
        return -1;
    }
    int r = seccomp_arch_add(ctx, AUDIT_ARCH_I386);
    if (r != 0 && r != -EEXIST) {
        fprintf(stderr, "seccomp-floor: adding the x86 ABI: %s\n", strerror(-r));
        return -1;
    }
    if ((r = seccomp_load(ctx)) != 0) {
        fprintf(stderr, "seccomp-floor: seccomp_load: %s\n", strerror(-r));
        return -1;
    }
    seccomp_release(ctx);
    return 0;
}

static double ns_per_call(long n) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++) syscall(SYS_getppid);
    clock_gettime(CLOCK_MONOTONIC, &b);
    return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: seccomp-floor CMD [ARG...] | seccomp-floor --loop [N]\n");
        return 2;
    }
    if (strcmp(argv[1], "--loop") == 0) {
        long n = argc > 2 ? atol(argv[2]) : 2000000;
        if (n <= 0) n = 2000000;
        double before = ns_per_call(n);
        if (install() != 0) return 1;
        double after = ns_per_call(n);
        printf("getppid: %.1f ns per call without a filter, %.1f ns with one (+%.1f ns)\n",
               before, after, after - before);
        return 0;
    }
    if (install() != 0) return 1;
    execvp(argv[1], argv + 1);
    fprintf(stderr, "seccomp-floor: %s: %s\n", argv[1], strerror(errno));
    return 127;
}
