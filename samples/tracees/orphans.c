/*
 * orphans: a parent that exits at once, leaving three children behind. Each child
 * blocks in read(2) on a pipe until the parent is gone (end of file), then writes
 * "orphan I ppid P\n" (P: its parent now, not the one that forked it) and exits with
 * 10+I. The parent writes "parent PID\n" and exits with 3 without waiting.
 */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int p[2];
    if (pipe(p) != 0) return 1;
    pid_t me = getpid();
    for (int i = 0; i < 3; i++) {
        pid_t c = fork();
        if (c < 0) return 1;
        if (c == 0) {
            close(p[1]);
            char ch;
            if (read(p[0], &ch, 1) != 0) _exit(1);
            char line[64];
            int n = snprintf(line, sizeof line, "orphan %d ppid %d\n", i, (int)getppid());
            if (write(1, line, n) != n) _exit(2);
            _exit(getppid() == me ? 9 : 10 + i);
        }
    }
    char line[64];
    int n = snprintf(line, sizeof line, "parent %d\n", (int)me);
    if (write(1, line, n) != n) return 1;
    return 3;
}
