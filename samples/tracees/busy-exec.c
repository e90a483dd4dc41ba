/*
 * busy-exec: execve from a thread that is not the group leader while every other
 * thread (the leader too) keeps making syscalls. The kernel kills the other threads,
 * the exec'ing thread takes the leader's pid, and the leader is "superseded".
 *
 * Usage: busy-exec N PROGRAM   (N busy threads besides the leader; PROGRAM is exec'd)
 * Before the execve it writes one line to stdout:
 *   "leader L busy T1 ... TN exec E\n"
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static const char *program;
static int nbusy;
static pid_t tids[256];
static int running; /* busy threads that made their first call (atomic) */

static void *busy(void *arg) {
    long i = (long)arg;
    tids[i] = (pid_t)syscall(SYS_gettid);
    syscall(SYS_getppid); /* at least one before the exec can come */
    __atomic_add_fetch(&running, 1, __ATOMIC_SEQ_CST);
    for (;;) syscall(SYS_getppid);
    return NULL;
}

static void *execer(void *arg) {
    (void)arg;
    /* Wait (without syscalls) until every busy thread runs. */
    while (__atomic_load_n(&running, __ATOMIC_SEQ_CST) < nbusy) __asm__ volatile("pause");
    char line[4096];
    int n = snprintf(line, sizeof line, "leader %d busy", (int)getpid());
    for (int i = 0; i < nbusy; i++) n += snprintf(line + n, sizeof line - n, " %d", (int)tids[i]);
    n += snprintf(line + n, sizeof line - n, " exec %d\n", (int)syscall(SYS_gettid));
    if (write(1, line, n) != n) _exit(3);
    char *const argv[] = {(char *)program, NULL};
    execve(program, argv, environ);
    _exit(4);
}

int main(int argc, char **argv) {
    if (argc != 3 || (nbusy = atoi(argv[1])) < 1 || nbusy > 256) {
        fprintf(stderr, "usage: %s N PROGRAM\n", argv[0]);
        return 2;
    }
    program = argv[2];
    pthread_t t;
    for (long i = 0; i < nbusy; i++)
        if (pthread_create(&t, NULL, busy, (void *)i) != 0) return 1;
    if (pthread_create(&t, NULL, execer, NULL) != 0) return 1;
    for (;;) syscall(SYS_getppid); /* the leader is busy too until the exec replaces it */
}
