/*
 * forkbomb: a fork bomb capped at N processes. Process i (the first is 1) forks
 * processes 2i and 2i+1 when they are <= N, as fast as it can, so children fork
 * while their siblings are still being created; every process writes "i PID\n" to
 * stdout (one write) and exits with the number of processes in its subtree.
 *
 * Usage: forkbomb N (1..255). Exits with N when every process was counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int cap;

static int run(int i) {
    pid_t kids[2];
    int nkids = 0;
    for (int c = 2 * i; c <= 2 * i + 1 && c <= cap; c++) {
        pid_t p = fork();
        if (p < 0) _exit(255);
        if (p == 0) _exit(run(c));
        kids[nkids++] = p;
    }
    char line[32];
    int n = snprintf(line, sizeof line, "%d %d\n", i, (int)getpid());
    if (write(1, line, n) != n) _exit(254);
    int total = 1;
    for (int k = 0; k < nkids; k++) {
        int st = 0;
        if (waitpid(kids[k], &st, 0) != kids[k] || !WIFEXITED(st)) return 0;
        total += WEXITSTATUS(st);
    }
    return total;
}

int main(int argc, char **argv) {
    if (argc != 2 || (cap = atoi(argv[1])) < 1 || cap > 255) {
        fprintf(stderr, "usage: %s N (1..255)\n", argv[0]);
        return 2;
    }
    return run(1);
}
