/*
 * escape: a tracee that tries to get away from its tracer in two ways.
 *  1. It installs a seccomp filter of its own (allow everything, but chroot fails
 *     with EPERM), stacked on whatever filter it runs under.
 *  2. It creates a child with clone(CLONE_UNTRACED), which ptrace's auto-attach skips.
 * Then both parent and child make namespace syscalls the tracer must still see. The
 * child prints "child <pid>" and the parent "parent ok" when everything worked.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int own_filter(void) {
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_chroot, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1 /* EPERM */),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { sizeof f / sizeof f[0], f };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

int main(void) {
    if (own_filter() != 0) { perror("seccomp"); return 1; }
    if (chroot("/") == 0) { fprintf(stderr, "own filter not in force\n"); return 1; }
    if (unshare(CLONE_NEWUTS) != 0) { perror("unshare"); return 1; }
    if (sethostname("escape", 6) != 0) { perror("sethostname"); return 1; }
    fflush(stdout);
    long pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
    if (pid < 0) { perror("clone"); return 1; }
    if (pid == 0) {
        if (unshare(CLONE_NEWUTS) != 0) _exit(3);
        if (sethostname("child", 5) != 0) _exit(4);
        printf("child %ld\n", (long)getpid());
        fflush(stdout);
        _exit(0);
    }
    int st = 0;
    if (waitpid((pid_t)pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "child failed: %d\n", st);
        return 1;
    }
    printf("parent ok\n");
    return 0;
}
