/*
 * zombies: children that are never reaped by their parent. Three children exit at
 * once with 20+I; the parent waits for each with waitid(WEXITED|WNOWAIT), which
 * leaves it a zombie, checks that /proc/PID/stat says Z, writes "zombie PID\n", and
 * exits with 4 without ever reaping them (init does, after the parent is gone).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t kids[3];
    for (int i = 0; i < 3; i++) {
        kids[i] = fork();
        if (kids[i] < 0) return 1;
        if (kids[i] == 0) _exit(20 + i);
    }
    for (int i = 0; i < 3; i++) {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        if (waitid(P_PID, (id_t)kids[i], &si, WEXITED | WNOWAIT) != 0) return 1;
        if (si.si_pid != kids[i] || si.si_status != 20 + i) return 1;
        char path[64], stat[256];
        snprintf(path, sizeof path, "/proc/%d/stat", (int)kids[i]);
        int fd = open(path, O_RDONLY);
        if (fd < 0) return 1;
        ssize_t n = read(fd, stat, sizeof stat - 1);
        close(fd);
        if (n <= 0) return 1;
        stat[n] = 0;
        char *rp = strrchr(stat, ')');
        if (rp == NULL || rp[1] != ' ' || rp[2] != 'Z') return 1;
        char line[32];
        int m = snprintf(line, sizeof line, "zombie %d\n", (int)kids[i]);
        if (write(1, line, m) != m) return 1;
    }
    return 4;
}
