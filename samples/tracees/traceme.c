/*
 * traceme: a tracee that tries to use ptrace itself. It calls ptrace(PTRACE_TRACEME)
 * (EPERM: it is traced already), forks a child that does the same, and tries to
 * PTRACE_SEIZE and PTRACE_ATTACH that child (EPERM: the child is traced already).
 * Writes one line per attempt, "traceme -1 EPERM" and so on; exits with 6 when all
 * four failed with EPERM (as they do under any tracer), else 1. (Untraced, the
 * PTRACE_TRACEME calls succeed: the output differs and the status is not 6.)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static int report(const char *what, long r) {
    int e = errno;
    char line[64];
    int n = snprintf(line, sizeof line, "%s %ld %s\n", what, r, r < 0 && e == EPERM ? "EPERM" : "other");
    if (write(1, line, n) != n) return 0;
    return r < 0 && e == EPERM;
}

int main(void) {
    int ok = report("traceme", ptrace(PTRACE_TRACEME, 0, NULL, NULL));
    int go[2];
    if (pipe(go) != 0) return 1;
    pid_t child = fork();
    if (child < 0) return 1;
    if (child == 0) {
        int r = report("child-traceme", ptrace(PTRACE_TRACEME, 0, NULL, NULL));
        char c;
        if (read(go[0], &c, 1) != 1) _exit(2);
        _exit(r ? 0 : 1);
    }
    ok &= report("seize", ptrace(PTRACE_SEIZE, child, NULL, NULL));
    ok &= report("attach", ptrace(PTRACE_ATTACH, child, NULL, NULL));
    if (write(go[1], "g", 1) != 1) return 1;
    int st = 0;
    if (waitpid(child, &st, 0) != child) return 1;
    ok &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
    return ok ? 6 : 1;
}
