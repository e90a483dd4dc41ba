/*
 * nshop: a process that hops between namespaces with setns(2), five types (uts, ipc,
 * net, mnt, cgroup), in a loop. It makes the namespaces itself, in child processes:
 * child A with unshare(2), child B with clone(2) and CLONE_NEW* flags; both stay
 * blocked until the parent is done. No mounts are made (a new mount namespace is a
 * copy) and nothing is named or bound.
 *
 * The parent opens A's, B's and its own /proc/PID/ns/TYPE and, ROUNDS (3) times, joins
 * A's five, then B's five, then its own five again, checking after every setns that
 * /proc/self/ns/TYPE is the target (and the hostname after joining a uts namespace).
 * At the end it writes one line per hop, "TYPE INODE\n", and exits with 0 when every
 * check held (1 otherwise).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 3
#define FLAGS (CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWCGROUP)

static const char *types[5] = {"uts", "ipc", "net", "mnt", "cgroup"};
static const int nstypes[5] = {CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWCGROUP};
static int ready[2], go[2];

/* In a new child's namespaces: name the uts one, say so, and wait. */
static void child(const char *name) {
    if (sethostname(name, strlen(name)) != 0) _exit(2);
    if (write(ready[1], "r", 1) != 1) _exit(3);
    char c;
    if (read(go[0], &c, 1) != 0) _exit(4); /* end of file: the parent is done */
    _exit(0);
}

static int open_ns(pid_t pid, int fds[5]) {
    for (int t = 0; t < 5; t++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)pid, types[t]);
        if ((fds[t] = open(path, O_RDONLY | O_CLOEXEC)) < 0) return -1;
    }
    return 0;
}

int main(void) {
    if (pipe2(ready, O_CLOEXEC) || pipe2(go, O_CLOEXEC)) return 1;
    pid_t a = fork();
    if (a < 0) return 1;
    if (a == 0) {
        close(go[1]);
        if (unshare(FLAGS) != 0) _exit(1);
        child("hop-a");
    }
    pid_t b = (pid_t)syscall(SYS_clone, FLAGS | SIGCHLD, 0, 0, 0, 0);
    if (b < 0) return 1;
    if (b == 0) {
        close(go[1]);
        child("hop-b");
    }
    char c;
    if (read(ready[0], &c, 1) != 1 || read(ready[0], &c, 1) != 1) return 1;

    int fds[3][5];
    if (open_ns(a, fds[0]) || open_ns(b, fds[1]) || open_ns(getpid(), fds[2])) return 1;
    const char *hosts[3] = {"hop-a", "hop-b", NULL};
    struct utsname home;
    if (uname(&home) != 0) return 1;
    hosts[2] = home.nodename;

    static char out[ROUNDS * 15 * 40];
    int n = 0, ok = 1;
    for (int round = 0; round < ROUNDS; round++) {
        for (int target = 0; target < 3; target++) {
            for (int t = 0; t < 5; t++) {
                struct stat want, now;
                char path[64];
                snprintf(path, sizeof path, "/proc/self/ns/%s", types[t]);
                if (setns(fds[target][t], nstypes[t]) != 0 || fstat(fds[target][t], &want) != 0
                    || stat(path, &now) != 0 || want.st_ino != now.st_ino) {
                    ok = 0;
                    continue;
                }
                n += snprintf(out + n, sizeof out - n, "%s %lu\n", types[t], (unsigned long)want.st_ino);
                if (nstypes[t] == CLONE_NEWUTS) {
                    struct utsname u;
                    if (uname(&u) != 0 || strcmp(u.nodename, hosts[target]) != 0) ok = 0;
                }
            }
        }
    }
    close(go[1]);
    int st = 0;
    if (waitpid(a, &st, 0) != a || !WIFEXITED(st) || WEXITSTATUS(st) != 0) ok = 0;
    if (waitpid(b, &st, 0) != b || !WIFEXITED(st) || WEXITSTATUS(st) != 0) ok = 0;
    if (write(1, out, n) != n) return 1;
    return ok ? 0 : 1;
}
